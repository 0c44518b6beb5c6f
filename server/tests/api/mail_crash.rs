//! The worker is killed with SIGKILL in the middle of a batch and started again: every
//! mail arrives, and at most the mails in flight at the kill arrive twice.
use crate::helpers::*;
use app::i18n::Lang;
use app::platform::mail::Template;
use app::platform::mail::outbox::{self, NewMail};
use app::platform::mail::transport::SMTP_CONNECTIONS;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::collections::HashMap;
use std::time::Duration;

const MAILS: usize = 300;

fn start_worker(
    data_dir: &std::path::Path,
    database_url: &str,
    smtp_port: u16,
) -> tokio::process::Child {
    tokio::process::Command::new(env!("CARGO_BIN_EXE_mitwirken"))
        .arg("worker")
        .env_clear()
        .env("MITWIRKEN_DATA_DIR", data_dir)
        .env("MITWIRKEN_DATABASE_URL", database_url)
        .env(
            "MITWIRKEN_SMTP_URL",
            format!("smtp://127.0.0.1:{smtp_port}"),
        )
        // Claims of the killed worker run out after 2 s instead of 5 min.
        .env("MITWIRKEN_MAIL_LEASE", "2")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("start mitwirken worker")
}

fn received(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "eml"))
                .filter_map(|p| std::fs::read_to_string(p).ok())
                .collect()
        })
        .unwrap_or_default()
}

fn message_id(mail: &str) -> Option<String> {
    mail.lines()
        .find(|l| l.to_ascii_lowercase().starts_with("message-id:"))
        .map(|l| l[11..].trim().to_string())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_worker_killed_mid_batch_loses_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let mail_dir = tmp.path().join("mail");
    let smtp_port = free_port();
    // 15 ms per message keeps a batch of 200 in flight for a while.
    let _smtp = start_smtp(
        smtp_port,
        &mail_dir,
        SmtpFaults {
            tempfail: 0,
            delay_ms: 15,
        },
    )
    .await;
    let url = database_url(tmp.path()).await;
    let db = app::platform::db::connect(&url).await.unwrap();
    server::startup::migrate(&db).await.unwrap();
    app::demo::seed(&db, chrono::Utc::now(), &tmp.path().join("files"))
        .await
        .unwrap();
    let tenant = app::platform::tenants::by_slug(&db, "sachsen")
        .await
        .unwrap()
        .unwrap();
    let now = chrono::Utc::now();
    let mails = (0..MAILS)
        .map(|i| NewMail {
            tenant_id: tenant.id,
            key: format!("crash:{i}"),
            template: Template::PasswordReset,
            to: format!("person{i}@example.org"),
            lang: Lang::De,
            data: serde_json::json!({ "link": format!("http://x/{i}") }),
            subscriber_id: None,
        })
        .collect();
    outbox::enqueue_many(&db, now, mails).await.unwrap();

    let mut first = start_worker(tmp.path(), &url, smtp_port);
    for _ in 0..400 {
        if received(&mail_dir).len() >= 40 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    first.start_kill().unwrap(); // SIGKILL
    first.wait().await.unwrap();
    let at_kill = received(&mail_dir).len();
    assert!(
        at_kill < MAILS,
        "the kill came too late to test anything ({at_kill})"
    );

    let _second = start_worker(tmp.path(), &url, smtp_port);
    for _ in 0..1200 {
        if received(&mail_dir).len() >= MAILS {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let all = received(&mail_dir);
    let mut per_id: HashMap<String, usize> = HashMap::new();
    for m in &all {
        *per_id
            .entry(message_id(m).expect("Message-ID"))
            .or_default() += 1;
    }
    let duplicates = all.len() - per_id.len();
    println!(
        "killed after {at_kill} mails; received {} for {MAILS} mails, {duplicates} twice",
        all.len()
    );
    assert_eq!(per_id.len(), MAILS, "every mail arrived");
    assert!(
        duplicates <= SMTP_CONNECTIONS as usize,
        "only mails in flight at the kill may arrive twice, got {duplicates}"
    );
    let sent = app::platform::entities::outbox::Entity::find()
        .filter(app::platform::entities::outbox::Column::Status.eq("sent"))
        .count(&db)
        .await
        .unwrap();
    assert_eq!(sent as usize, MAILS);
}
