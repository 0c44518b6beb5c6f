//! What the benchmarks share: a free port, waiting for a server to answer, and the databases to run on (SQLite, and
//! PostgreSQL at `TEST_POSTGRES_URL` when it answers, in a database of its own that is
//! dropped afterwards).
use sea_orm::ConnectionTrait;

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The databases to run on: (label, URL, how to drop it afterwards).
pub async fn databases(tmp: &std::path::Path) -> Vec<(&'static str, String, Option<String>)> {
    let mut out = vec![(
        "SQLite",
        format!("sqlite://{}?mode=rwc", tmp.join("mitwirken.db").display()),
        None,
    )];
    let admin = std::env::var("TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    match sea_orm::Database::connect(&admin).await {
        Ok(db) => {
            let name = format!("mitwirken_bench_{}", uuid::Uuid::new_v4().simple());
            db.execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                .await
                .unwrap();
            let mut url = url::Url::parse(&admin).unwrap();
            url.set_path(&name);
            out.push(("PostgreSQL", url.to_string(), Some(name)));
        }
        Err(e) => println!("PostgreSQL: skipped, {admin} does not answer ({e})"),
    }
    out
}

pub async fn drop_database(name: &str) {
    let admin = std::env::var("TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    if let Ok(db) = sea_orm::Database::connect(&admin).await {
        let _ = db
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
            .await;
    }
}

/// Waits until `mitwirken serve` on `port` answers its health check (at most 30 s).
pub async fn wait_until_healthy(port: u16) {
    let health = format!("http://127.0.0.1:{port}/healthz");
    let started = std::time::Instant::now();
    while reqwest::get(&health)
        .await
        .map(|r| !r.status().is_success())
        .unwrap_or(true)
    {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(30),
            "the server did not start"
        );
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
}
