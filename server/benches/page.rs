//! `make bench` (page part): the public page of a consultation with 20 sections and 100
//! comments, served by the release build of `mitwirken serve` (its own process, started
//! on the data this benchmark writes), on SQLite and on PostgreSQL (`TEST_POSTGRES_URL`,
//! default the local server; skipped when it does not answer), against nginx serving the
//! same bytes as a static file, in the same run, with `wrk -t1 -c32` (the yardstick of
//! `../shared/bench/ssr-vs-static.sh`). Four rows: a visitor asking as a browser does
//! (`Accept-Encoding: br, gzip`; nginx serves the page precompressed with brotli 11), a
//! visitor asking for no compression, a logged-in citizen asking as a browser does, and a
//! visitor whose every request is rendered anew (a new query string each time). Then the
//! server's memory under that load and its start-up time.
mod common;

use app::consultations::service::staff::all_of;
use app::consultations::service::{NewComment, submit};
use app::contributions::service::answers::answer;
use app::demo;
use app::domain::{Role, WhoMayComment};
use app::i18n::Lang;
use app::platform::clock::SystemClock;
use app::platform::crypto::SecretKey;
use app::platform::entities::{role_assignment, user};
use app::platform::mail::Mailer;
use app::platform::permissions::Staff;
use app::platform::sessions::CurrentUser;
use app::platform::{AppState, Settings, tenants};
use app::procedures::service::{documents, fields, managed, phases, status};
use app::request::Client;
use common::{databases, drop_database, free_port, wait_until_healthy};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

const SECTIONS: usize = 20;
const COMMENTS: usize = 100;

/// Runs wrk with these headers and returns its requests per second.
fn wrk(url: &str, seconds: u32, script: Option<&std::path::Path>, headers: &[String]) -> f64 {
    let mut cmd = Command::new("wrk");
    cmd.args(["-t1", "-c32", &format!("-d{seconds}s")]);
    for h in headers {
        cmd.args(["-H", h]);
    }
    if let Some(s) = script {
        cmd.args(["-s", s.to_str().unwrap()]);
    }
    let out = cmd.arg(url).output().expect("wrk (make bench installs it)");
    let text = String::from_utf8_lossy(&out.stdout);
    let errors = text
        .lines()
        .find(|l| l.contains("Non-2xx") || l.contains("Socket errors"));
    if let Some(e) = errors {
        eprintln!("  wrk: {}", e.trim());
    }
    text.lines()
        .find(|l| l.starts_with("Requests/sec:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no figure from wrk:\n{text}"))
}

/// Resident memory of a process in MB: now and at its peak.
fn memory(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kb = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|n| n.parse::<u64>().ok())
            .unwrap_or(0)
    };
    (kb("VmRSS:") / 1024, kb("VmHWM:") / 1024)
}

#[tokio::main]
async fn main() {
    let tmp = tempfile::tempdir().unwrap();
    for (label, url, drop) in databases(tmp.path()).await {
        let dir = tmp.path().join(label);
        std::fs::create_dir_all(&dir).unwrap();
        bench(label, &url, &dir).await;
        if let Some(name) = drop {
            drop_database(&name).await;
        }
    }
}

async fn bench(label: &str, database_url: &str, dir: &std::path::Path) {
    let db = app::platform::db::connect(database_url).await.unwrap();
    server::startup::migrate(&db).await.unwrap();
    demo::seed(&db, chrono::Utc::now(), &dir.join("files"))
        .await
        .unwrap();
    let tenant = tenants::by_slug(&db, "sachsen").await.unwrap().unwrap();
    let port = free_port();
    let config = server::config::Config::from_lookup(|_| None).unwrap();
    let state = AppState {
        db: db.clone(),
        settings: Arc::new(Settings {
            base_url: format!("http://127.0.0.1:{port}"),
            secure_cookies: false,
            ip_rate_limit: 100_000,
            trusted_proxies: Default::default(),
            digest_hour: 7,
            files_dir: dir.join("files"),
            receipt_key: app::platform::receipt_key::ReceiptKey::generate(),
            permit_retention: chrono::Duration::days(365),
        }),
        mailer: Mailer::files(dir.join("mail")).unwrap(),
        clock: Arc::new(SystemClock),
        secret: SecretKey::new(vec![7; 32]),
        leptos_options: server::startup::leptos_options(&config),
        mail_queued: Arc::new(tokio::sync::Notify::new()),
        changes: Default::default(),
        shared_renders: Default::default(),
        resolved_sessions: Default::default(),
    };

    // A consultation as the issue describes it: 20 sections, 100 comments (a fifth of
    // them replies, every tenth answered by the authority).
    let staff_user = user::Entity::find()
        .filter(user::Column::Email.eq("staff@sachsen.example"))
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    let roles = role_assignment::Entity::find()
        .filter(role_assignment::Column::UserId.eq(staff_user.id))
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|r| Role::parse(&r.role).map(|role| (role, r.organization_id)))
        .collect();
    let staff = Staff(CurrentUser {
        user: staff_user,
        roles,
    });
    let org = staff.0.roles[0].1.unwrap().to_string();
    let form = app::procedures::rules::fields::ProcedureForm {
        organization: org,
        title: "Bebauungsplan Nr. 12 „Wohnen am Elbufer“".into(),
        summary: "Entwurf für rund 240 Wohnungen, einen Uferpark und eine Radverbindung.".into(),
        body: "## Worum es geht\n\nDie Brachfläche am Elbufer soll ein **lebendiges Wohnquartier** werden.\n\n- Wohnungen\n- Park\n- Radweg".into(),
        place: "Käthe-Kollwitz-Ufer, 01307 Dresden".into(),
        topics: vec!["bauleitplanung".into(), "umwelt".into()],
        contact: "Landesdirektion Sachsen, Altmarkt 1, 01067 Dresden".into(),
        who_may_comment: WhoMayComment::NameOnly.as_str().into(),
        moderation: "after".into(),
        ..Default::default()
    };
    let id = fields::create(&state, &tenant, &staff, &form)
        .await
        .unwrap();
    let m = managed(&state.db, &tenant, &staff, id).await.unwrap();
    let now = chrono::Utc::now();
    let local = |days: i64| app::domain::berlin::input_value(now + chrono::Duration::days(days));
    phases::add(&state, &m, &local(-1), &local(30))
        .await
        .unwrap();
    let text: String = (1..=SECTIONS)
        .map(|i| {
            let marker = if i % 4 == 1 { "#" } else { "##" };
            format!("{marker} Abschnitt {i}\nDer Text des Abschnitts {i}: Festsetzungen zu Art und Maß der baulichen Nutzung, Grünflächen und Erschließung.\n")
        })
        .collect();
    documents::add_text_document(&state, &m, "Begründung", &text)
        .await
        .unwrap();
    status::change_status(&state, &tenant, &m, "announced")
        .await
        .unwrap();
    let sections: Vec<String> = app::platform::entities::section::Entity::find()
        .filter(app::platform::entities::section::Column::ProcedureId.eq(id))
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id.to_string())
        .collect();
    assert_eq!(sections.len(), SECTIONS);
    let client = Client {
        ip: "127.0.0.2".into(),
        lang: Lang::De,
    };
    let mut last_top = String::new();
    for i in 0..COMMENTS {
        let reply = i % 5 == 4;
        let input = NewComment {
            procedure: id.to_string(),
            section: if reply {
                String::new()
            } else {
                sections[i % SECTIONS].clone()
            },
            parent: if reply {
                last_top.clone()
            } else {
                String::new()
            },
            body: format!(
                "Beitrag {i}: Bitte prüfen Sie die Breite des Radwegs und die Zahl der Stellplätze. Mehr dazu unter https://example.org/hinweis/{i}."
            ),
            name: format!("Person {i}"),
            ..Default::default()
        };
        submit(&state, &tenant, None, &client, input).await.unwrap();
        let latest = all_of(&db, id).await.unwrap().pop().unwrap();
        if !reply {
            last_top = latest.id.to_string();
        }
        if i % 10 == 0 {
            answer(
                &state,
                &tenant,
                &staff,
                &latest.id.to_string(),
                "Danke, wir prüfen das.",
            )
            .await
            .unwrap();
        }
    }

    // The release binary serves the data written above.
    let started = std::time::Instant::now();
    let mut server = Command::new(env!("CARGO_BIN_EXE_mitwirken"))
        .arg("serve")
        .env("MITWIRKEN_DATA_DIR", dir)
        .env("MITWIRKEN_DATABASE_URL", database_url)
        // All load comes from one address; the limit per client is not measured.
        .env("MITWIRKEN_IP_RATE_LIMIT", "100000000")
        .env("MITWIRKEN_ADDR", format!("127.0.0.1:{port}"))
        .env("MITWIRKEN_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    wait_until_healthy(port).await;
    let startup = started.elapsed();
    let url = format!("http://127.0.0.1:{port}/verfahren/{id}");
    let page = reqwest::get(&url).await.unwrap().bytes().await.unwrap();
    assert!(
        String::from_utf8_lossy(&page).contains("Beitrag 99"),
        "the page shows the comments"
    );

    // A citizen's session, for the logged-in row.
    let origin = format!("http://127.0.0.1:{port}");
    let login = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(format!("{origin}/api/login"))
        .header("Origin", &origin)
        .header("Accept", "application/json")
        .form(&[
            ("email", "buerger@sachsen.example"),
            ("password", demo::DEMO_PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    let session = login
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("mitwirken_session="))
        .and_then(|c| c.split(';').next())
        .expect("a session")
        .to_string();

    // nginx with the same bytes as static files: as they are, and brotli 11 for browsers.
    let www = dir.join("www");
    std::fs::create_dir_all(&www).unwrap();
    std::fs::write(www.join("page.html"), &page).unwrap();
    let mut br = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut br, 4096, 11, 22);
        std::io::Write::write_all(&mut w, &page).unwrap();
    }
    std::fs::write(www.join("page.br.html"), &br).unwrap();
    let nginx_port = free_port();
    let root_user = if is_root() { "user root;" } else { "" };
    let conf = format!(
        "{root_user}\ndaemon off;\nworker_processes 1;\npid {dir}/nginx.pid;\nerror_log {dir}/nginx-error.log;\n\
         events {{ worker_connections 1024; }}\n\
         http {{ access_log off; sendfile on; tcp_nopush on; keepalive_requests 100000;\n\
           client_body_temp_path {dir}/tmp; proxy_temp_path {dir}/tmp; fastcgi_temp_path {dir}/tmp; uwsgi_temp_path {dir}/tmp; scgi_temp_path {dir}/tmp;\n\
           server {{ listen 127.0.0.1:{nginx_port}; root {www}; default_type text/html;\n\
             location = /page.br.html {{ add_header Content-Encoding br; }} }} }}\n",
        dir = dir.display(),
        www = www.display(),
    );
    std::fs::write(dir.join("nginx.conf"), conf).unwrap();
    let mut nginx = Command::new("nginx")
        .args([
            "-p",
            dir.to_str().unwrap(),
            "-c",
            dir.join("nginx.conf").to_str().unwrap(),
        ])
        .stdout(Stdio::null())
        .spawn()
        .expect("nginx (make bench installs nginx-light)");
    tokio::time::sleep(Duration::from_millis(500)).await;
    let static_url = format!("http://127.0.0.1:{nginx_port}/page.html");
    let static_br = format!("http://127.0.0.1:{nginx_port}/page.br.html");
    let check = reqwest::get(&static_url)
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(check.len(), page.len(), "nginx serves the same bytes");

    // A Lua script for wrk that asks for a new address each time: every request renders.
    let script = dir.join("vary.lua");
    std::fs::write(
        &script,
        format!("n = 0\nrequest = function()\n  n = n + 1\n  return wrk.format(nil, \"/verfahren/{id}?n=\" .. n)\nend\n"),
    )
    .unwrap();

    println!(
        "{label}: a consultation with {SECTIONS} sections and {COMMENTS} comments ({} KB of HTML, {} KB brotli 11), wrk -t1 -c32, 10 s each",
        page.len() / 1024,
        br.len() / 1024
    );
    codec_costs(&page);
    let browser = "Accept-Encoding: br, gzip".to_string();
    let identity = "Accept-Encoding: identity".to_string();
    let cookie = format!("Cookie: {session}");
    let run = |u: String, script: Option<std::path::PathBuf>, headers: Vec<String>, s: u32| {
        tokio::task::spawn_blocking(move || wrk(&u, s, script.as_deref(), &headers))
    };
    // Warm-up.
    run(url.clone(), None, vec![browser.clone()], 2)
        .await
        .unwrap();
    run(static_br.clone(), None, vec![browser.clone()], 2)
        .await
        .unwrap();
    let rows = [
        (
            "visitor, br, gzip (a browser)",
            url.clone(),
            None,
            vec![browser.clone()],
            static_br.clone(),
            vec![browser.clone()],
        ),
        (
            "visitor, uncompressed",
            url.clone(),
            None,
            vec![identity.clone()],
            static_url.clone(),
            vec![identity.clone()],
        ),
        (
            "logged-in citizen, br, gzip",
            url.clone(),
            None,
            vec![browser.clone(), cookie.clone()],
            static_br.clone(),
            vec![browser.clone()],
        ),
        (
            "visitor, rendered anew, br, gzip",
            format!("http://127.0.0.1:{port}/"),
            Some(script.clone()),
            vec![browser.clone()],
            static_br.clone(),
            vec![browser.clone()],
        ),
    ];
    let mut peak_rss = 0;
    // `PAGE_BENCH_PERF=<dir>`: Linux perf samples the server during each row (the profile
    // behind the README's findings; `perf report -i <file> --no-children`). The release
    // build keeps no frame pointers, so callers come from DWARF unwinding (heavier: the
    // figures of a profiled run are lower).
    let perf_dir = std::env::var_os("PAGE_BENCH_PERF").map(std::path::PathBuf::from);
    for (n, (name, ours_url, script, headers, theirs_url, their_headers)) in
        rows.into_iter().enumerate()
    {
        let theirs = run(theirs_url, None, their_headers, 10).await.unwrap();
        let perf = perf_dir.as_ref().map(|d| {
            std::fs::create_dir_all(d).unwrap();
            let out = d.join(format!("{label}-row{}.perf.data", n + 1));
            Command::new("perf")
                .args([
                    "record",
                    "-F",
                    "199",
                    "--call-graph",
                    "dwarf,32768",
                    "-o",
                    out.to_str().unwrap(),
                    "-p",
                ])
                .arg(server.id().to_string())
                .args(["--", "sleep", "8"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("perf (Debian's linux-perf)")
        });
        let ours = run(ours_url, script, headers, 10).await.unwrap();
        if let Some(mut p) = perf {
            let _ = p.wait();
        }
        peak_rss = peak_rss.max(memory(server.id()).0);
        println!(
            "  {name:<34} Mitwirken {ours:>8.0} req/s   nginx {theirs:>8.0} req/s   ratio {:.3}",
            ours / theirs
        );
    }
    let (_, peak) = memory(server.id());
    println!(
        "  memory of the server process:      {peak_rss} MB resident under load, peak {peak} MB (budget 150 MB)"
    );
    // `PAGE_BENCH_SOAK_MINUTES=<n>`: n more minutes of load, a minute each of logged-in
    // pages and of pages rendered anew in turn, with the resident memory after each: it
    // must level off, not grow.
    let soak: u32 = std::env::var("PAGE_BENCH_SOAK_MINUTES")
        .ok()
        .and_then(|m| m.parse().ok())
        .unwrap_or(0);
    for minute in 1..=soak {
        let (target, script, headers) = if minute % 2 == 1 {
            (url.clone(), None, vec![browser.clone(), cookie.clone()])
        } else {
            (
                format!("http://127.0.0.1:{port}/"),
                Some(script.clone()),
                vec![browser.clone()],
            )
        };
        let rate = run(target, script, headers, 60).await.unwrap();
        let (now, peak) = memory(server.id());
        println!("  soak minute {minute:>2}: {rate:>6.0} req/s, {now} MB resident, peak {peak} MB");
    }
    println!(
        "  start of the server (to /healthz): {:.0} ms  (budget 1 s)",
        startup.as_secs_f64() * 1000.0
    );
    // SIGKILL would leave nginx's worker behind: ask the master to stop them all.
    let _ = Command::new("nginx")
        .args([
            "-p",
            dir.to_str().unwrap(),
            "-c",
            dir.join("nginx.conf").to_str().unwrap(),
            "-s",
            "stop",
        ])
        .status();
    let _ = nginx.wait();
    let _ = server.kill();
    let _ = server.wait();
}

/// What compressing the page once costs with each codec and level: the figures behind
/// `server::compression`, which compresses every page rendered for one request.
fn codec_costs(page: &[u8]) {
    use std::io::Write as _;
    let measure = |name: &str, compress: &dyn Fn() -> usize| {
        let started = std::time::Instant::now();
        let (mut runs, mut size) = (0u32, 0);
        while started.elapsed() < Duration::from_millis(500) {
            size = compress();
            runs += 1;
        }
        let ms = started.elapsed().as_secs_f64() * 1000.0 / f64::from(runs);
        print!("  {name} {ms:.2} ms {:.1} KB;", size as f64 / 1024.0);
    };
    print!("  compressing it once:");
    for quality in [0, 1, 4] {
        measure(&format!("brotli {quality}"), &|| {
            let mut out = Vec::new();
            let mut w = brotli::CompressorWriter::new(&mut out, 4096, quality, 22);
            w.write_all(page).unwrap();
            drop(w);
            out.len()
        });
    }
    for level in [1, 6] {
        measure(&format!("gzip {level}"), &|| {
            let mut w = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(level));
            w.write_all(page).unwrap();
            w.finish().unwrap().len()
        });
    }
    println!();
}

/// Whether this process runs as root (nginx then needs `user root;` to read the temp dir).
fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Uid:"))
                .map(|l| l.split_whitespace().nth(1) == Some("0"))
        })
        .unwrap_or(false)
}
