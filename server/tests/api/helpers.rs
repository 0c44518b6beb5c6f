//! `spawn_app()`: the real router on a random port, a fresh database (SQLite, or
//! PostgreSQL with `MITWIRKEN_TEST_DATABASE=postgres`), a real SMTP server, the demo
//! tenants, and a clock the test can move. `Browser` acts like a person's browser.
use app::demo;
use app::platform::clock::ManualClock;
use app::platform::crypto::SecretKey;
use app::platform::mail::outbox::RetryPolicy;
use app::platform::mail::worker::{self, WorkerSettings};
use app::platform::{AppState, Settings};
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait};
use serde::Deserialize;
use server::config::Config;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

pub const DEMO_PASSWORD: &str = demo::DEMO_PASSWORD;
pub const SACHSEN: &str = "127.0.0.1";
pub const HESSEN: &str = "hessen.localhost";

pub struct TestApp {
    pub port: u16,
    pub db: DatabaseConnection,
    pub state: AppState,
    pub clock: ManualClock,
    pub mail_dir: PathBuf,
    pub smtp_port: u16,
    /// The SMTP server; fault tests stop it (`take()`) and start another on the port.
    pub smtp: Option<Child>,
    _tmp: tempfile::TempDir,
}

/// Faults the SMTP catcher injects (see `end2end/smtp_catcher.py`).
#[derive(Clone, Copy, Default)]
pub struct SmtpFaults {
    /// Answer the first N messages with 451.
    pub tempfail: u32,
    /// Wait this long before accepting each message.
    pub delay_ms: u32,
}

/// The worker's timing in tests: quick polls and a short first retry; the retry waits
/// are on the test's clock, so a test moves the clock to make a retry due.
pub fn test_worker_settings() -> WorkerSettings {
    WorkerSettings {
        batch: 50,
        lease: chrono::Duration::seconds(30),
        retry: RetryPolicy {
            base: chrono::Duration::seconds(10),
            cap: chrono::Duration::hours(1),
            max_attempts: 4,
        },
        idle_poll: Duration::from_millis(50),
    }
}

#[derive(Debug, Default, Deserialize, PartialEq)]
pub struct Reply {
    pub errors: Vec<(String, String)>,
    pub notice: Option<String>,
}

impl Reply {
    pub fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, k)| k.as_str())
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn on_postgres() -> bool {
    std::env::var("MITWIRKEN_TEST_DATABASE").as_deref() == Ok("postgres")
}

/// The URL of `name` on the PostgreSQL server of `TEST_POSTGRES_URL`.
fn postgres_url(name: &str) -> String {
    let admin_url = std::env::var("TEST_POSTGRES_URL")
        .expect("TEST_POSTGRES_URL must be set for the PostgreSQL run");
    let mut url = url::Url::parse(&admin_url).unwrap();
    url.set_path(name);
    url.to_string()
}

async fn create_postgres_database(name: &str, template: Option<&str>) {
    let admin_url = std::env::var("TEST_POSTGRES_URL")
        .expect("TEST_POSTGRES_URL must be set for the PostgreSQL run");
    let admin = sea_orm::Database::connect(&admin_url)
        .await
        .expect("connect to TEST_POSTGRES_URL");
    let template = template
        .map(|t| format!(" TEMPLATE \"{t}\""))
        .unwrap_or_default();
    admin
        .execute_unprepared(&format!("CREATE DATABASE \"{name}\"{template}"))
        .await
        .expect("create test database");
    admin.close().await.ok();
}

/// The database every test starts from: migrated and with the demo data (whose eight
/// accounts cost an argon2id hash each), made once per test binary. A test gets a copy:
/// on SQLite a copy of the file, on PostgreSQL `CREATE DATABASE … TEMPLATE`.
struct Template {
    /// The SQLite file, or the PostgreSQL database's name.
    database: String,
    /// The demo PDFs the seed wrote.
    files: PathBuf,
    _dir: tempfile::TempDir,
}

fn template() -> &'static Template {
    static TEMPLATE: std::sync::OnceLock<Template> = std::sync::OnceLock::new();
    TEMPLATE.get_or_init(|| {
        // Made on a runtime of its own: a test's runtime ends with the test.
        std::thread::spawn(|| {
            tokio::runtime::Runtime::new()
                .unwrap()
                .block_on(make_template())
        })
        .join()
        .expect("make the template database")
    })
}

async fn make_template() -> Template {
    let dir = tempfile::tempdir().unwrap();
    let (database, url) = if on_postgres() {
        let name = format!("mitwirken_t_tpl_{}", uuid::Uuid::new_v4().simple());
        create_postgres_database(&name, None).await;
        let url = postgres_url(&name);
        (name, url)
    } else {
        let file = dir.path().join("template.db");
        let url = format!("sqlite://{}?mode=rwc", file.display());
        (file.display().to_string(), url)
    };
    let db = app::platform::db::connect(&url)
        .await
        .expect("connect the template database");
    server::startup::migrate(&db).await.unwrap();
    let files = dir.path().join("files");
    demo::seed(&db, chrono::Utc::now(), &files).await.unwrap();
    // Closing the last connection checkpoints SQLite's log into the file; PostgreSQL
    // copies a template only while nobody is connected to it.
    db.close().await.unwrap();
    Template {
        database,
        files,
        _dir: dir,
    }
}

/// A fresh copy of the template for one test (its files into `tmp/files`).
pub async fn database_url(tmp: &std::path::Path) -> String {
    let template = template();
    copy_dir(&template.files, &tmp.join("files"));
    if on_postgres() {
        let name = format!("mitwirken_t_{}", uuid::Uuid::new_v4().simple());
        create_postgres_database(&name, Some(&template.database)).await;
        postgres_url(&name)
    } else {
        let file = tmp.join("test.db");
        std::fs::copy(&template.database, &file).expect("copy the template database");
        format!("sqlite://{}?mode=rwc", file.display())
    }
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).into_iter().flatten().flatten() {
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

/// Starts the SMTP catcher (aiosmtpd) on `port`, storing messages in `dir`.
pub async fn start_smtp(port: u16, dir: &std::path::Path, faults: SmtpFaults) -> Child {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../end2end/smtp_catcher.py");
    let mut child = Command::new("/usr/bin/python3")
        .arg(script)
        .arg(port.to_string())
        .arg(dir)
        .env("SMTP_TEMPFAIL", faults.tempfail.to_string())
        .env("SMTP_DELAY_MS", faults.delay_ms.to_string())
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("start the SMTP catcher (python3-aiosmtpd)");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let ready = tokio::time::timeout(Duration::from_secs(10), lines.next_line()).await;
    assert!(
        matches!(ready, Ok(Ok(Some(ref l))) if l == "ready"),
        "SMTP catcher did not start: {ready:?}"
    );
    child
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Like `spawn_app`, with a chance to change the settings first.
pub async fn spawn_app_with(adjust: impl FnOnce(&mut Settings)) -> TestApp {
    spawn_app_full(adjust, Some(SmtpFaults::default())).await
}

/// The full form: `smtp: None` starts the app while the SMTP server is down.
pub async fn spawn_app_full(
    adjust: impl FnOnce(&mut Settings),
    smtp: Option<SmtpFaults>,
) -> TestApp {
    let tmp = tempfile::tempdir().unwrap();
    let smtp_port = free_port();
    let mail_dir = tmp.path().join("mail");
    std::fs::create_dir_all(&mail_dir).unwrap();
    let smtp = match smtp {
        Some(faults) => Some(start_smtp(smtp_port, &mail_dir, faults).await),
        None => None,
    };

    let config = Config::from_lookup(|_| None).unwrap();
    let db = app::platform::db::connect(&database_url(tmp.path()).await)
        .await
        .expect("connect test database");
    let clock = ManualClock::default();

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let mut settings = Settings {
        base_url: format!("http://127.0.0.1:{port}"),
        secure_cookies: false,
        ip_rate_limit: 1000,
        trusted_proxies: Default::default(),
        digest_hour: 7,
        files_dir: tmp.path().join("files"),
        receipt_key: app::platform::receipt_key::ReceiptKey::generate(),
        permit_retention: chrono::Duration::days(365),
    };
    adjust(&mut settings);
    let state = AppState {
        db: db.clone(),
        settings: Arc::new(settings),
        mailer: app::platform::mail::Mailer::smtp(&format!("smtp://127.0.0.1:{smtp_port}"))
            .unwrap(),
        clock: Arc::new(clock.clone()),
        secret: SecretKey::new(b"test secret key, 32 bytes long!!".to_vec()),
        leptos_options: server::startup::leptos_options(&config),
        mail_queued: Arc::new(tokio::sync::Notify::new()),
        changes: Default::default(),
        shared_renders: Default::default(),
        resolved_sessions: Default::default(),
    };
    tokio::spawn(server::serve(listener, state.clone()));
    tokio::spawn(worker::run(state.clone(), test_worker_settings()));
    TestApp {
        port,
        db,
        state,
        clock,
        mail_dir,
        smtp_port,
        smtp,
        _tmp: tmp,
    }
}

impl TestApp {
    pub fn clock_now(&self) -> chrono::DateTime<chrono::Utc> {
        use app::platform::clock::Clock;
        self.clock.now()
    }

    /// A browser with its own cookies, on the given tenant's host.
    pub fn browser(&self, host: &str) -> Browser {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(15))
            .resolve(HESSEN, SocketAddr::from(([127, 0, 0, 1], self.port)))
            .build()
            .unwrap();
        Browser {
            client,
            origin: format!("http://{host}:{}", self.port),
        }
    }

    /// All mails received for `to`, oldest first, decoded.
    pub fn mails_to(&self, to: &str) -> Vec<String> {
        let mut files: Vec<_> = std::fs::read_dir(&self.mail_dir)
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "eml"))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        files
            .into_iter()
            .map(|p| decode_quoted_printable(&std::fs::read_to_string(p).unwrap()))
            .filter(|m| m.lines().any(|l| l.starts_with("To:") && l.contains(to)))
            .collect()
    }

    /// Waits (up to 10 s) until `count` mails for `to` arrived; returns the last.
    pub async fn wait_for_mail(&self, to: &str, count: usize) -> String {
        for _ in 0..100 {
            let mails = self.mails_to(to);
            if mails.len() >= count {
                return mails[count - 1].clone();
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("no mail #{count} for {to} arrived");
    }

    pub async fn count(&self, sql: &str) -> i64 {
        let row = self
            .db
            .query_one_raw(sea_orm::Statement::from_string(
                self.db.get_database_backend(),
                sql.to_string(),
            ))
            .await
            .unwrap()
            .unwrap();
        row.try_get_by_index::<i64>(0).unwrap()
    }
}

/// The token of the first link to `path` in a mail.
pub fn link_token(mail: &str, path: &str) -> String {
    let start = mail
        .find(&format!("{path}?token="))
        .unwrap_or_else(|| panic!("no link to {path} in:\n{mail}"));
    let rest = &mail[start + path.len() + "?token=".len()..];
    rest.chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .collect()
}

fn decode_quoted_printable(text: &str) -> String {
    let joined = text.replace("=\r\n", "").replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(
                std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"),
                16,
            ) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub struct Browser {
    pub client: reqwest::Client,
    pub origin: String,
}

impl Browser {
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.origin))
            .send()
            .await
            .unwrap()
    }

    pub async fn page(&self, path: &str) -> String {
        self.get(path).await.text().await.unwrap()
    }

    /// `get` asking for these encodings (`Accept-Encoding`), as a browser does.
    pub async fn get_encoded(&self, path: &str, accept_encoding: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.origin))
            .header("Accept-Encoding", accept_encoding)
            .send()
            .await
            .unwrap()
    }

    /// Calls a server function the way the hydrated page does (data back, no redirect).
    pub async fn call(&self, endpoint: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(format!("{}/api/{endpoint}", self.origin))
            .header("Origin", &self.origin)
            .header("Accept", "application/json")
            .form(form)
            .send()
            .await
            .unwrap()
    }

    pub async fn submit(&self, endpoint: &str, form: &[(&str, &str)]) -> Reply {
        let res = self.call(endpoint, form).await;
        let status = res.status();
        let text = res.text().await.unwrap();
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{endpoint}: {status} {text}: {e}"))
    }

    /// Submits a form the way a browser without JavaScript does, from `page`.
    pub async fn submit_plain(
        &self,
        page: &str,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        self.client
            .post(format!("{}/api/{endpoint}", self.origin))
            .header("Origin", &self.origin)
            .header("Referer", format!("{}{page}", self.origin))
            .header("Accept", "text/html,application/xhtml+xml")
            .form(form)
            .send()
            .await
            .unwrap()
    }

    pub async fn register(&self, email: &str, name: &str, password: &str) -> Reply {
        self.submit(
            "register",
            &[("email", email), ("name", name), ("password", password)],
        )
        .await
    }

    pub async fn login(&self, email: &str, password: &str) -> Reply {
        self.submit("login", &[("email", email), ("password", password)])
            .await
    }

    /// Logs in and returns the `Set-Cookie` header of the new session.
    pub async fn session_cookie_of_login(&self, email: &str, password: &str) -> String {
        let res = self
            .call("login", &[("email", email), ("password", password)])
            .await;
        set_cookie(&res, "mitwirken_session").expect("a session cookie")
    }

    pub async fn is_logged_in(&self) -> bool {
        self.page("/konto").await.contains("Passwort ändern")
    }
}

/// The `Set-Cookie` header of a response that sets the cookie `name`.
pub fn set_cookie(res: &reqwest::Response, name: &str) -> Option<String> {
    let prefix = format!("{name}=");
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with(&prefix))
        .map(str::to_string)
}

/// A local Berlin time as a `datetime-local` field sends it, `minutes` from now.
pub fn local_in(now: chrono::DateTime<chrono::Utc>, minutes: i64) -> String {
    app::domain::berlin::input_value(now + chrono::Duration::minutes(minutes))
}

/// A consultation as staff fill in the form; `who` is `account`, `email` or `name`,
/// `moderation` is `after` or `before`.
pub fn consultation_form<'a>(
    organization: &'a str,
    title: &'a str,
    who: &'a str,
    moderation: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("organization", organization),
        ("title", title),
        ("summary", "Neue Wohnungen und ein Park am Fluss."),
        ("body", "## Ziel\n\nMehr **Grün**."),
        ("place", "Altmarkt 1, 01067 Dresden"),
        ("latitude", "51,05"),
        ("longitude", "13,74"),
        ("topics[]", "bauleitplanung"),
        ("topics[]", "umwelt"),
        ("contact", "Stadtplanungsamt, Tel. 0351 000"),
        ("who_may_comment", who),
        ("moderation", moderation),
        ("report_threshold", "2"),
    ]
}

impl TestApp {
    pub async fn organization_id(&self, name: &str) -> String {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        app::platform::entities::organization::Entity::find()
            .filter(app::platform::entities::organization::Column::Name.eq(name))
            .one(&self.db)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("no organization {name}"))
            .id
            .to_string()
    }

    pub fn set_clock(&self, to: &str) {
        self.clock.set(to.parse().unwrap());
    }

    pub async fn run_lifecycle(&self) -> app::procedures::service::lifecycle::Report {
        app::procedures::service::lifecycle::run_due(&self.state)
            .await
            .unwrap()
    }

    pub async fn status_of(&self, procedure: &str) -> String {
        use sea_orm::EntityTrait;
        app::platform::entities::procedure::Entity::find_by_id(
            uuid::Uuid::parse_str(procedure).unwrap(),
        )
        .one(&self.db)
        .await
        .unwrap()
        .unwrap()
        .status
        .to_string()
    }

    /// (number, id) of the sections of a procedure, in order.
    /// The fingerprint of a comment's text that a moderator's decision names.
    pub async fn version_of(&self, comment_id: &str) -> String {
        let c = app::platform::entities::comment::Entity::find_by_id(
            uuid::Uuid::parse_str(comment_id).unwrap(),
        )
        .one(&self.db)
        .await
        .unwrap()
        .unwrap();
        app::contributions::service::moderation::version(&c)
    }

    pub async fn sections_of(&self, procedure: &str) -> Vec<(String, String)> {
        use app::platform::entities::section;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
        section::Entity::find()
            .filter(section::Column::ProcedureId.eq(uuid::Uuid::parse_str(procedure).unwrap()))
            .order_by_asc(section::Column::Position)
            .all(&self.db)
            .await
            .unwrap()
            .into_iter()
            .map(|s| (s.number, s.id.to_string()))
            .collect()
    }

    /// (number, id, status) of the comments of a procedure, by number.
    pub async fn comments_of(&self, procedure: &str) -> Vec<(i32, String, String)> {
        use app::platform::entities::comment;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
        comment::Entity::find()
            .filter(comment::Column::ProcedureId.eq(uuid::Uuid::parse_str(procedure).unwrap()))
            .order_by_asc(comment::Column::Number)
            .all(&self.db)
            .await
            .unwrap()
            .into_iter()
            .map(|c| (c.number, c.id.to_string(), c.status.to_string()))
            .collect()
    }

    /// A logged-in browser on Sachsen for a demo account (`staff`, `admin`, …).
    pub async fn demo(&self, who: &str) -> Browser {
        let b = self.browser(SACHSEN);
        let reply = b
            .login(&format!("{who}@sachsen.example"), DEMO_PASSWORD)
            .await;
        assert_eq!(reply.error(""), None, "login of {who}");
        b
    }

    /// A draft consultation with one phase (from `start` to `end` minutes from now on
    /// the test clock), a text document with two sections, published. Returns its id.
    pub async fn open_consultation(
        &self,
        who: &str,
        moderation: &str,
        start: i64,
        end: i64,
    ) -> String {
        let (staff, id) = self
            .staff_draft("Bebauungsplan Elbufer", who, moderation)
            .await;
        let now = self.clock_now();
        let phase = staff
            .submit(
                "phase-add",
                &[
                    ("id", &id),
                    ("starts", &local_in(now, start)),
                    ("ends", &local_in(now, end)),
                ],
            )
            .await;
        assert_eq!(phase.error(""), None, "{phase:?}");
        let doc = staff
            .submit(
                "document-text-add",
                &[
                    ("id", &id),
                    ("doc_title", "Begründung"),
                    ("text", "# Ziele\nMehr Wohnungen.\n## Verkehr\nEin Radweg."),
                ],
            )
            .await;
        assert_eq!(
            doc.notice.as_deref(),
            Some("notice.document.added"),
            "{doc:?}"
        );
        let published = staff
            .submit("status-confirm", &[("id", &id), ("target", "announced")])
            .await;
        assert_eq!(published.error(""), None, "{published:?}");
        id
    }

    /// Subscribes `email` to `scope` (a field of the form and its value, as
    /// `("topic", "verkehr")` or `("procedure", id)`) and confirms through the mailed link,
    /// its first mail.
    pub async fn subscribe_confirmed(
        &self,
        browser: &Browser,
        email: &str,
        scope: (&str, &str),
        frequency: &str,
    ) {
        let reply = browser
            .submit(
                "subscribe",
                &[("email", email), scope, ("frequency", frequency)],
            )
            .await;
        assert_eq!(
            reply.notice.as_deref(),
            Some("notice.subscription_requested")
        );
        let mail = self.wait_for_mail(email, 1).await;
        let token = link_token(&mail, "/benachrichtigungen/bestaetigen");
        assert_eq!(
            browser
                .get(&format!("/benachrichtigungen/bestaetigen?token={token}"))
                .await
                .status(),
            200
        );
        let reply = browser
            .submit("subscription-confirm", &[("token", &token)])
            .await;
        assert_eq!(
            reply.notice.as_deref(),
            Some("notice.subscription_confirmed"),
            "{reply:?}"
        );
    }

    /// The demo staff member of Sachsen, logged in, and a draft consultation they created
    /// for the Landesdirektion Sachsen (`who` may comment, `moderation` before or after).
    pub async fn staff_draft(&self, title: &str, who: &str, moderation: &str) -> (Browser, String) {
        let staff = self.demo("staff").await;
        let org = self.organization_id("Landesdirektion Sachsen").await;
        let id = staff
            .create(&consultation_form(&org, title, who, moderation))
            .await;
        (staff, id)
    }
}

impl Browser {
    /// Creates a consultation and returns its id (from the redirect to its page).
    pub async fn create(&self, form: &[(&str, &str)]) -> String {
        self.create_with("procedure-create", form).await
    }

    /// Creates a procedure with the server function `endpoint` and returns its id (from
    /// the redirect to its page).
    pub async fn create_with(&self, endpoint: &str, form: &[(&str, &str)]) -> String {
        let res = self.call(endpoint, form).await;
        let location = res
            .headers()
            .get("location")
            .map(|v| v.to_str().unwrap().to_string());
        let body = res.text().await.unwrap();
        let location = location.unwrap_or_else(|| panic!("no redirect: {body}"));
        location.rsplit('/').next().unwrap().to_string()
    }

    /// Writes a comment; `extra` adds section, parent, name, email or notify.
    pub async fn comment(&self, procedure: &str, body: &str, extra: &[(&str, &str)]) -> Reply {
        let mut form = vec![("procedure", procedure), ("body", body)];
        form.extend_from_slice(extra);
        self.submit("comment", &form).await
    }
}

/// `mitwirken serve` as a process of its own (the debug build), for tests that kill it or
/// measure it: its data dir and database, a free port, one client address for all.
pub struct ServerProcess {
    pub child: tokio::process::Child,
    pub origin: String,
}

impl ServerProcess {
    pub async fn start(
        data_dir: &std::path::Path,
        database_url: &str,
        env: &[(&str, &str)],
    ) -> Self {
        let port = free_port();
        let child = tokio::process::Command::new(env!("CARGO_BIN_EXE_mitwirken"))
            .arg("serve")
            .env_clear()
            .env("MITWIRKEN_DATA_DIR", data_dir)
            .env("MITWIRKEN_DATABASE_URL", database_url)
            .env("MITWIRKEN_ADDR", format!("127.0.0.1:{port}"))
            .env("MITWIRKEN_LOG", "warn")
            // All requests come from one address; the limit per client is not tested.
            .env("MITWIRKEN_IP_RATE_LIMIT", "100000000")
            .envs(env.iter().copied())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("start mitwirken serve");
        let origin = format!("http://127.0.0.1:{port}");
        for _ in 0..600 {
            if let Ok(r) = reqwest::get(format!("{origin}/healthz")).await
                && r.status().is_success()
            {
                return Self { child, origin };
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("mitwirken serve did not start");
    }

    /// SIGKILL, and wait until it is gone.
    pub async fn kill(mut self) {
        self.child.start_kill().unwrap();
        self.child.wait().await.unwrap();
    }

    /// The most memory the process has held so far (Linux: `VmHWM`), in MiB.
    pub fn peak_memory_mib(&self) -> u64 {
        let pid = self.child.id().expect("running");
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .expect("VmHWM")
            / 1024
    }
}
