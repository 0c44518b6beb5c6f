//! `mitwirken serve` is killed with SIGKILL while people co-sign a petition, and again
//! while they confirm their signatures by the links in their mails; after a restart every
//! submission the server acknowledged is stored with its confirmation mail, every
//! confirmation it acknowledged is still confirmed, and the petition's count equals its
//! confirmed signatures.
use crate::helpers::*;
use app::domain::PetitionStatus;
use app::platform::entities::{outbox, petition, signature};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};
use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// People at the same time.
const CLIENTS: usize = 24;
/// Acknowledged requests before the kill.
const BEFORE_KILL: usize = 150;
/// No workers: the confirmation mails stay in the outbox, where the test reads their links.
const WEB_ONLY: &[(&str, &str)] = &[("MITWIRKEN_WORKERS", "off")];

/// Posts `form` to `endpoint` as the form's script does; true when the server said yes.
async fn acknowledged(
    client: &reqwest::Client,
    origin: &str,
    endpoint: &str,
    form: &[(&str, &str)],
) -> Result<bool, reqwest::Error> {
    let res = client
        .post(format!("{origin}/api/{endpoint}"))
        .header("Origin", origin)
        .header("Accept", "application/json")
        .form(form)
        .send()
        .await?;
    if !res.status().is_success() {
        return Ok(false);
    }
    let reply: Reply = res.json().await?;
    Ok(reply.errors.is_empty() && reply.notice.is_some())
}

/// `CLIENTS` people each send one request after the other (`form_of(n)` for the n-th) until
/// the server is gone or `items` runs out; returns what the server acknowledged.
async fn load_until_killed(
    server: ServerProcess,
    items: Vec<String>,
    endpoint: &'static str,
    form_of: fn(&str) -> Vec<(&'static str, String)>,
) -> Vec<String> {
    let acked = Arc::new(Mutex::new(Vec::new()));
    let queue = Arc::new(Mutex::new(items));
    let mut people = tokio::task::JoinSet::new();
    for _ in 0..CLIENTS {
        let (acked, queue, origin) = (acked.clone(), queue.clone(), server.origin.clone());
        people.spawn(async move {
            let client = reqwest::Client::new();
            loop {
                let Some(item) = queue.lock().unwrap().pop() else {
                    return;
                };
                let form = form_of(&item);
                let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
                match acknowledged(&client, &origin, endpoint, &form).await {
                    Ok(true) => acked.lock().unwrap().push(item),
                    Ok(false) => {}
                    // The server is gone: the kill.
                    Err(_) => return,
                }
            }
        });
    }
    for _ in 0..2400 {
        if acked.lock().unwrap().len() >= BEFORE_KILL {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    server.kill().await;
    while people.join_next().await.is_some() {}
    let acked = acked.lock().unwrap().clone();
    assert!(
        acked.len() >= BEFORE_KILL,
        "too few acknowledged before the kill ({})",
        acked.len()
    );
    acked
}

async fn open_petition(db: &DatabaseConnection) -> petition::Model {
    petition::Entity::find()
        .filter(petition::Column::Status.eq(PetitionStatus::Published))
        .filter(petition::Column::Title.starts_with("Sichere Schulwege"))
        .one(db)
        .await
        .unwrap()
        .expect("the demo's open petition")
}

/// The petition's stored count.
async fn count_of(db: &DatabaseConnection, p: &petition::Model) -> i32 {
    petition::Entity::find_by_id(p.id)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .signature_count
}

async fn confirmed_of(db: &DatabaseConnection, p: &petition::Model) -> u64 {
    signature::Entity::find()
        .filter(signature::Column::PetitionId.eq(p.id))
        .filter(signature::Column::ConfirmedAt.is_not_null())
        .count(db)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_killed_while_people_sign_loses_no_acknowledged_signature() {
    let tmp = tempfile::tempdir().unwrap();
    let url = database_url(tmp.path()).await;
    let db = app::platform::db::connect(&url).await.unwrap();
    let p = open_petition(&db).await;
    let confirmed_before = confirmed_of(&db, &p).await;
    assert_eq!(
        u64::from(p.signature_count.unsigned_abs()),
        confirmed_before
    );

    // 1. Signing. The form's signed start time, then the few seconds a person needs.
    let server = ServerProcess::start(tmp.path(), &url, WEB_ONLY).await;
    let page = reqwest::get(format!("{}/petitionen/{}", server.origin, p.id))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let started = page
        .split("name=\"started\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("the signing form")
        .to_string();
    tokio::time::sleep(Duration::from_millis(3_200)).await;
    // The form's fields travel in the item: "<petition> <started> <email>".
    let items = (0..5_000)
        .map(|i| format!("{} {started} crash{i}@example.org", p.id))
        .collect();
    let signed = load_until_killed(server, items, "petition-sign", |item| {
        let mut parts = item.split(' ').map(str::to_string);
        let (petition, started, email) = (
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
        );
        vec![
            ("petition", petition),
            ("name", "Erika Mustermann".into()),
            ("postal_code", "01067".into()),
            ("place", "Dresden".into()),
            ("email", email),
            ("privacy", "on".into()),
            ("started", started),
        ]
    })
    .await;

    let stored: HashSet<String> = signature::Entity::find()
        .filter(signature::Column::PetitionId.eq(p.id))
        .filter(signature::Column::Email.like("crash%@example.org"))
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|s| s.email)
        .collect();
    let lost: Vec<_> = signed
        .iter()
        .map(|item| item.rsplit(' ').next().unwrap().to_string())
        .filter(|email| !stored.contains(email))
        .collect();
    println!(
        "killed after {} acknowledged submissions; {} stored",
        signed.len(),
        stored.len()
    );
    assert!(lost.is_empty(), "acknowledged but not stored: {lost:?}");
    let links: Vec<String> = outbox::Entity::find()
        .filter(outbox::Column::Template.eq("signature_confirm"))
        .filter(outbox::Column::Recipient.like("crash%@example.org"))
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|m| m.data?.get("link")?.as_str().map(str::to_string))
        .collect();
    assert_eq!(
        links.len(),
        stored.len(),
        "every stored signature has its confirmation mail"
    );

    // 2. Confirming by the links, killed again half-way.
    let server = ServerProcess::start(tmp.path(), &url, WEB_ONLY).await;
    let tokens: Vec<String> = links
        .iter()
        .map(|l| l.split("token=").nth(1).expect("a token").to_string())
        .collect();
    let confirmed = load_until_killed(server, tokens.clone(), "signature-confirm", |token| {
        vec![("token", token.to_string())]
    })
    .await;
    let now_confirmed = confirmed_of(&db, &p).await;
    let count = count_of(&db, &p).await;
    println!(
        "killed after {} acknowledged confirmations; {} confirmed",
        confirmed.len(),
        now_confirmed - confirmed_before
    );
    assert!(
        now_confirmed - confirmed_before >= confirmed.len() as u64,
        "an acknowledged confirmation was lost"
    );
    assert_eq!(
        u64::from(count.unsigned_abs()),
        now_confirmed,
        "the count equals the confirmed signatures"
    );

    // 3. After the restart the rest confirm; the count stays exact.
    let server = ServerProcess::start(tmp.path(), &url, WEB_ONLY).await;
    let client = reqwest::Client::new();
    for token in &tokens {
        assert!(
            acknowledged(
                &client,
                &server.origin,
                "signature-confirm",
                &[("token", token)]
            )
            .await
            .unwrap(),
            "a link still confirms after the restart (or says it already did)"
        );
    }
    let count = count_of(&db, &p).await;
    assert_eq!(
        u64::from(count.unsigned_abs()),
        confirmed_before + stored.len() as u64
    );
    server.kill().await;
}
