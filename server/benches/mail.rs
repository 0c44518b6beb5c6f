//! `make bench` (mail part): queues 10,000 mails and measures until a local SMTP server
//! (aiosmtpd) has received all of them; then builds a daily digest for 100,000
//! subscribers. Prints the figures; asserts nothing is lost or sent twice.
//! `MITWIRKEN_BENCH_DATABASE_URL` runs it on PostgreSQL instead of SQLite.
use app::demo;
use app::domain::Frequency;
use app::i18n::Lang;
use app::platform::clock::SystemClock;
use app::platform::crypto::SecretKey;
use app::platform::db::statement;
use app::platform::mail::outbox::{self, NewMail};
use app::platform::mail::worker::{self, WorkerSettings};
use app::platform::mail::{Mailer, Template};
use app::platform::{AppState, Settings, notifications, tenants};
use sea_orm::ConnectionTrait;
use std::collections::HashSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

const MAILS: usize = 10_000;
const SUBSCRIBERS: i64 = 100_000;

fn eml_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "eml"))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::main]
async fn main() {
    let tmp = tempfile::tempdir().unwrap();
    let mail_dir = tmp.path().join("mail");
    std::fs::create_dir_all(&mail_dir).unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../end2end/smtp_catcher.py");
    let mut smtp = std::process::Command::new("/usr/bin/python3")
        .args([script, &port.to_string(), mail_dir.to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("python3-aiosmtpd (make system-deps)");
    std::thread::sleep(Duration::from_secs(1));

    let url = std::env::var("MITWIRKEN_BENCH_DATABASE_URL").unwrap_or_else(|_| {
        format!(
            "sqlite://{}?mode=rwc",
            tmp.path().join("bench.db").display()
        )
    });
    let db = app::platform::db::connect(&url).await.unwrap();
    server::startup::migrate(&db).await.unwrap();
    demo::seed(&db, chrono::Utc::now(), &tmp.path().join("files"))
        .await
        .unwrap();
    let tenant = tenants::by_slug(&db, "sachsen").await.unwrap().unwrap();
    let config = server::config::Config::from_lookup(|_| None).unwrap();
    let state = AppState {
        db: db.clone(),
        settings: Arc::new(Settings {
            base_url: "http://127.0.0.1:3000".into(),
            secure_cookies: false,
            ip_rate_limit: 20,
            trusted_proxies: Default::default(),
            digest_hour: 7,
            files_dir: tmp.path().join("files"),
            receipt_key: app::platform::receipt_key::ReceiptKey::generate(),
            permit_retention: chrono::Duration::days(365),
        }),
        mailer: Mailer::smtp(&format!("smtp://127.0.0.1:{port}")).unwrap(),
        clock: Arc::new(SystemClock),
        secret: SecretKey::new(vec![1; 32]),
        leptos_options: server::startup::leptos_options(&config),
        mail_queued: Arc::new(tokio::sync::Notify::new()),
        changes: Default::default(),
        shared_renders: Default::default(),
        resolved_sessions: Default::default(),
    };
    let backend = if url.starts_with("postgres") {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    println!("Mail benchmark on {backend}");

    // 1. 10,000 mails through the outbox to a real SMTP server.
    let now = chrono::Utc::now();
    let started = Instant::now();
    let mails = (0..MAILS)
        .map(|i| NewMail {
            tenant_id: tenant.id,
            key: format!("bench:{i}"),
            template: Template::PhaseStarted,
            to: format!("person{i}@example.org"),
            lang: if i % 2 == 0 { Lang::De } else { Lang::En },
            data: serde_json::json!({
                "procedure_title": format!("Bebauungsplan Nr. {i}"),
                "phase_end": "2026-12-24T17:00:00Z",
                "url": "http://127.0.0.1:3000/verfahren/1",
            }),
            subscriber_id: Some(i as i64 + 1),
        })
        .collect();
    outbox::enqueue_many(&db, now, mails).await.unwrap();
    let queued_in = started.elapsed();
    let delivery = Instant::now();
    let run = tokio::spawn(worker::run(state.clone(), WorkerSettings::default()));
    let mut received = 0;
    while delivery.elapsed() < Duration::from_secs(180) {
        received = eml_files(&mail_dir).len();
        if received >= MAILS {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let delivered_in = delivery.elapsed();
    tokio::time::sleep(Duration::from_secs(2)).await;
    run.abort();
    let files = eml_files(&mail_dir);
    let ids: HashSet<String> = files
        .iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(p).ok()?;
            text.lines()
                .find(|l| l.to_ascii_lowercase().starts_with("message-id:"))
                .map(|l| l[11..].trim().to_string())
        })
        .collect();
    println!(
        "  queue {MAILS} mails (one transaction):      {:>8.2} s",
        queued_in.as_secs_f64()
    );
    println!(
        "  until the SMTP server received all:      {:>8.2} s  (budget 60 s)",
        delivered_in.as_secs_f64()
    );
    println!(
        "  received: {} messages, {} distinct Message-IDs (expected exactly {MAILS})",
        files.len(),
        ids.len()
    );
    println!(
        "  rate: {:.0} mails/s",
        received as f64 / delivered_in.as_secs_f64()
    );

    // 2. A daily digest for 100,000 subscribers, three events each.
    let setup = Instant::now();
    let b = db.get_database_backend();
    let series = format!(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {SUBSCRIBERS})"
    );
    db.execute_raw(statement(
        b,
        &format!(
            "{series} INSERT INTO subscribers (tenant_id, email, language, frequency, created_at) \
             SELECT $1, 'digest' || CAST(i AS TEXT) || '@example.org', 'de', 'daily', $2 FROM n"
        ),
        vec![tenant.id.into(), now.into()],
    ))
    .await
    .unwrap();
    db.execute_raw(statement(
        b,
        "INSERT INTO subscriptions (subscriber_id, topic_key, created_at, confirmed_at) \
         SELECT id, 'topic:verkehr', $1, $1 FROM subscribers WHERE frequency = 'daily'",
        vec![now.into()],
    ))
    .await
    .unwrap();
    let end = notifications::latest_period_end(now, Frequency::Daily, 7);
    let at = end - chrono::Duration::hours(2);
    for title in ["Radweg Elbtal", "Lärmaktionsplan", "S-Bahn-Halt Pieschen"] {
        notifications::publish(
            &db,
            at,
            tenant.id,
            Template::NewProcedure,
            serde_json::json!({ "procedure_title": title, "url": "http://127.0.0.1:3000/verfahren/2",
                                "organization": "Landesdirektion Sachsen", "summary": "" }),
            &["topic:verkehr".to_string()],
        )
        .await
        .unwrap();
    }
    let setup_in = setup.elapsed();
    let digest = Instant::now();
    let queued = notifications::build_digest(
        &db,
        now,
        Frequency::Daily,
        end - chrono::Duration::days(1),
        end,
    )
    .await
    .unwrap();
    let digest_in = digest.elapsed();
    println!(
        "  digest: {SUBSCRIBERS} subscribers set up in {:.2} s",
        setup_in.as_secs_f64()
    );
    println!(
        "  digest run for {SUBSCRIBERS} subscribers:     {:>8.2} s  ({queued} digest mails queued)",
        digest_in.as_secs_f64()
    );
    let _ = smtp.kill();

    assert_eq!(files.len(), MAILS, "exactly {MAILS} messages");
    assert_eq!(ids.len(), MAILS, "no mail lost");
    assert_eq!(queued, SUBSCRIBERS as usize, "one digest per subscriber");
}
