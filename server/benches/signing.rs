//! `make bench` (signing part): the co-sign submission of a petition (the step before
//! the e-mail confirmation) at 256 concurrent connections against the release build of
//! `mitwirken serve`, on SQLite and on PostgreSQL (`TEST_POSTGRES_URL`, default the local
//! server; skipped with a note when it does not answer). `wrk -t2 -c256` drives it with a
//! fresh address per request. Prints accepted submissions per second and p50/p99
//! latency (budget: 2,000/s, p99 ≤ 50 ms on the 2-core machine), then checks that every
//! acknowledged submission is stored with its confirmation mail in the outbox, confirms
//! 10,000 of them through their links, and checks the petition's count.
mod common;

use app::demo;
use app::domain::PetitionStatus;
use app::platform::entities::{outbox, petition, signature};
use common::{databases, drop_database, free_port, wait_until_healthy};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect,
};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CONNECTIONS: u32 = 256;
const SECONDS: u32 = 15;
const CONFIRMATIONS: usize = 10_000;

/// A duration in wrk's notation (`635.91us`, `1.03ms`, `2.10s`) in milliseconds.
fn millis(text: &str) -> f64 {
    let (n, unit) = text
        .find(|c: char| c.is_ascii_alphabetic())
        .map(|i| text.split_at(i))
        .unwrap_or((text, "ms"));
    let n: f64 = n.parse().unwrap_or(f64::NAN);
    match unit {
        "us" => n / 1000.0,
        "s" => n * 1000.0,
        "m" => n * 60_000.0,
        _ => n,
    }
}

struct Load {
    requests: u64,
    non_2xx: u64,
    socket_errors: String,
    p50: f64,
    p99: f64,
}

/// Drives the signing endpoint with wrk; every request a new address.
fn drive(port: u16, petition: &str, started: &str, dir: &std::path::Path) -> Load {
    let script = dir.join("sign.lua");
    std::fs::write(
        &script,
        format!(
            r#"local threads = 0
function setup(thread) threads = threads + 1; thread:set("tid", threads) end
local counter = 0
local headers = {{ ["Content-Type"] = "application/x-www-form-urlencoded", ["Accept"] = "application/json", ["Origin"] = "http://127.0.0.1:{port}" }}
request = function()
  counter = counter + 1
  local body = "petition={petition}&name=Bench+Person&postal_code=01067&place=Dresden&privacy=on&started={started}&email=b" .. tid .. "-" .. counter .. "%40example.org"
  return wrk.format("POST", "/api/petition-sign", headers, body)
end
"#
        ),
    )
    .unwrap();
    let out = Command::new("wrk")
        .args([
            "-t2",
            &format!("-c{CONNECTIONS}"),
            &format!("-d{SECONDS}s"),
            "--latency",
            "--timeout",
            "10s",
            "-s",
        ])
        .arg(&script)
        .arg(format!("http://127.0.0.1:{port}/"))
        .output()
        .expect("wrk (make bench installs it)");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let line = |prefix: &str| {
        text.lines()
            .map(str::trim)
            .find(|l| l.starts_with(prefix))
            .unwrap_or("")
            .to_string()
    };
    let requests = text
        .lines()
        .find(|l| l.contains("requests in"))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no figures from wrk:\n{text}"));
    let non_2xx = line("Non-2xx")
        .rsplit(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let pct = |p: &str| millis(line(p).split_whitespace().nth(1).unwrap_or("NaN"));
    Load {
        requests,
        non_2xx,
        socket_errors: line("Socket errors"),
        p50: pct("50%"),
        p99: pct("99%"),
    }
}

struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn start(dir: &std::path::Path, url: &str, port: u16) -> Server {
    let server = Command::new(env!("CARGO_BIN_EXE_mitwirken"))
        .arg("serve")
        .env("MITWIRKEN_DATA_DIR", dir)
        .env("MITWIRKEN_DATABASE_URL", url)
        .env("MITWIRKEN_ADDR", format!("127.0.0.1:{port}"))
        .env("MITWIRKEN_LOG", "warn")
        // One client sends everything here; the limit per client is not what is measured.
        .env("MITWIRKEN_IP_RATE_LIMIT", "100000000")
        // The web side alone (a `mitwirken worker` beside it would send the mails): the
        // confirmation mails stay in the outbox to be counted.
        .env("MITWIRKEN_WORKERS", "off")
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    wait_until_healthy(port).await;
    Server(server)
}

async fn bench(label: &str, url: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let db = app::platform::db::connect(url).await.unwrap();
    server::startup::migrate(&db).await.unwrap();
    demo::seed(&db, chrono::Utc::now(), &tmp.path().join("files"))
        .await
        .unwrap();
    let p = open_petition(&db).await;
    let before = p.signature_count;
    let port = free_port();
    let _server = start(tmp.path(), url, port).await;
    let page = reqwest::get(format!("http://127.0.0.1:{port}/petitionen/{}", p.id))
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
    // A person needs a few seconds for the form; the server refuses it sooner.
    tokio::time::sleep(Duration::from_millis(3_200)).await;

    let load = drive(port, &p.id.to_string(), &started, tmp.path());
    let accepted = load.requests - load.non_2xx;
    println!(
        "{label}: {:.0} accepted submissions/s ({accepted} in {SECONDS} s, {} refused), p50 {:.1} ms, p99 {:.1} ms{}",
        accepted as f64 / f64::from(SECONDS),
        load.non_2xx,
        load.p50,
        load.p99,
        if load.socket_errors.is_empty() {
            String::new()
        } else {
            format!(" ({})", load.socket_errors)
        }
    );

    // Every acknowledged submission is stored, each with its mail in the same
    // transaction (a submission cut off by the end of the run may be stored unanswered).
    tokio::time::sleep(Duration::from_millis(500)).await;
    let stored = signature::Entity::find()
        .filter(signature::Column::PetitionId.eq(p.id))
        .filter(signature::Column::Email.like("b%@example.org"))
        .count(&db)
        .await
        .unwrap();
    let mails = outbox::Entity::find()
        .filter(outbox::Column::Template.eq("signature_confirm"))
        .count(&db)
        .await
        .unwrap();
    println!(
        "{label}: acknowledged {accepted}, stored {stored}, confirmation mails in the outbox {mails}"
    );
    assert!(stored >= accepted, "an acknowledged submission is missing");
    assert!(
        stored - accepted <= u64::from(CONNECTIONS),
        "more stored than sent"
    );
    assert_eq!(
        mails, stored,
        "every stored signature has its confirmation mail"
    );

    // Confirm 10,000 of them through the links in their mails, 64 at a time.
    let links: Vec<String> = outbox::Entity::find()
        .filter(outbox::Column::Template.eq("signature_confirm"))
        .limit(CONFIRMATIONS as u64)
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|m| m.data?.get("link")?.as_str().map(str::to_string))
        .collect();
    let n = links.len();
    let client = reqwest::Client::new();
    let origin = format!("http://127.0.0.1:{port}");
    let t = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    let mut confirmed_ok = 0usize;
    for link in links {
        let token = link.split("token=").nth(1).unwrap_or("").to_string();
        let (client, origin) = (client.clone(), origin.clone());
        tasks.spawn(async move {
            client
                .post(format!("{origin}/api/signature-confirm"))
                .header("Origin", &origin)
                .header("Accept", "application/json")
                .form(&[("token", token)])
                .send()
                .await
                .map(|r| r.status().is_success())
                .unwrap_or(false)
        });
        while tasks.len() >= 64 {
            confirmed_ok += usize::from(tasks.join_next().await.unwrap().unwrap());
        }
    }
    while let Some(r) = tasks.join_next().await {
        confirmed_ok += usize::from(r.unwrap());
    }
    let elapsed = t.elapsed();
    let after = petition::Entity::find_by_id(p.id)
        .one(&db)
        .await
        .unwrap()
        .unwrap()
        .signature_count;
    let confirmed = signature::Entity::find()
        .filter(signature::Column::PetitionId.eq(p.id))
        .filter(signature::Column::Email.like("b%@example.org"))
        .filter(signature::Column::ConfirmedAt.is_not_null())
        .count(&db)
        .await
        .unwrap();
    println!(
        "{label}: confirmed {confirmed_ok} of {n} links in {:.1} s ({:.0}/s); the petition counts {after} (was {before}), {confirmed} confirmed rows",
        elapsed.as_secs_f64(),
        n as f64 / elapsed.as_secs_f64()
    );
    assert_eq!(confirmed_ok, n);
    assert_eq!(confirmed as usize, n);
    assert_eq!(
        i64::from(after),
        i64::from(before) + n as i64,
        "the count is exact"
    );
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

#[tokio::main]
async fn main() {
    let tmp = tempfile::tempdir().unwrap();
    println!(
        "Co-signing a petition: wrk -t2 -c{CONNECTIONS} for {SECONDS} s against the release build"
    );
    for (label, url, drop) in databases(tmp.path()).await {
        bench(label, &url).await;
        if let Some(name) = drop {
            drop_database(&name).await;
        }
    }
}
