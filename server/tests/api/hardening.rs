//! Misuse found by trying the demo portal as an attacker would (issue "Hardening"): each
//! test failed before its fix.
use crate::helpers::*;

/// Item 1: accounts nobody verified cannot hide a comment, and a moderator's approval is
/// not undone by reports.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn throwaway_accounts_cannot_hide_a_comment_and_an_approval_stands() {
    let app = spawn_app().await;
    // The form sets the report threshold to 2.
    let id = app.open_consultation("name", "after", 0, 60).await;
    app.browser(SACHSEN)
        .comment(
            &id,
            "Ein unbequemer, aber sachlicher Beitrag.",
            &[("name", "Kritikerin")],
        )
        .await;
    let comment_id = app.comments_of(&id).await[0].1.clone();
    let visitor = app.browser(SACHSEN);
    let shown = || async {
        visitor
            .page(&format!("/verfahren/{id}"))
            .await
            .contains("unbequemer")
    };

    for n in 0..3 {
        let b = app.browser(SACHSEN);
        let email = format!("wegwerf{n}@example.org");
        b.register(&email, "Wegwerf", "ein langes Passwort 1").await;
        b.login(&email, "ein langes Passwort 1").await;
        let refused = b
            .submit(
                "comment-report",
                &[("id", &comment_id), ("reason", "Gefällt mir nicht")],
            )
            .await;
        assert_eq!(refused.error("reason"), Some("error.report.unverified"));
    }
    assert_eq!(app.comments_of(&id).await[0].2, "published");
    assert!(shown().await, "unverified accounts hide nothing");
    assert_eq!(app.count("SELECT COUNT(*) FROM comment_reports").await, 0);

    // Two verified accounts reach the threshold: hidden until a moderator decides.
    for who in ["buerger", "staff"] {
        let r = app
            .demo(who)
            .await
            .submit(
                "comment-report",
                &[("id", &comment_id), ("reason", "Unsachlich")],
            )
            .await;
        assert_eq!(
            r.notice.as_deref(),
            Some("notice.comment.reported"),
            "{who}"
        );
    }
    assert!(!shown().await);
    let moderator = app.demo("moderation").await;
    moderator
        .submit(
            "moderation-decide",
            &[
                ("id", &comment_id),
                ("version", &app.version_of(&comment_id).await),
                ("decision", "approve"),
            ],
        )
        .await;
    assert!(shown().await);

    // After the approval, new reports reach the queue but hide nothing.
    for who in ["admin", "moderation"] {
        app.demo(who)
            .await
            .submit(
                "comment-report",
                &[("id", &comment_id), ("reason", "Immer noch")],
            )
            .await;
    }
    assert_eq!(app.comments_of(&id).await[0].2, "published");
    assert!(shown().await, "an approved comment stays visible");
    assert!(
        moderator.page("/moderation").await.contains("Immer noch"),
        "the new reports are in the queue"
    );
}

/// Blocks `email` on the Sachsen tenant, as a moderator's decision does.
async fn block(app: &TestApp, email: &str, reason: &str) {
    use app::platform::entities::blocked_address;
    use sea_orm::{ActiveModelTrait, Set};
    let tenant = app::platform::tenants::by_slug(&app.db, "sachsen")
        .await
        .unwrap()
        .unwrap();
    blocked_address::ActiveModel {
        tenant_id: Set(tenant.id),
        email: Set(email.into()),
        reason: Set(reason.into()),
        blocked_by: Set(None),
        created_at: Set(chrono::Utc::now()),
    }
    .insert(&app.db)
    .await
    .unwrap();
}

/// Item 1: a blocked address cannot report.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_blocked_address_cannot_report() {
    let app = spawn_app().await;
    let id = app.open_consultation("name", "after", 0, 60).await;
    app.browser(SACHSEN)
        .comment(&id, "Ein Beitrag.", &[("name", "Jemand")])
        .await;
    let comment_id = app.comments_of(&id).await[0].1.clone();
    block(&app, "buerger@sachsen.example", "Beleidigungen").await;
    let r = app
        .demo("buerger")
        .await
        .submit("comment-report", &[("id", &comment_id), ("reason", "Spam")])
        .await;
    assert_eq!(r.error("reason"), Some("error.report.blocked"));
}

/// Item 4: the language switch goes back to paths of this site only.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_language_switch_is_no_open_redirect() {
    let app = spawn_app().await;
    let b = app.browser(SACHSEN);
    for (target, expected) in [
        ("/verfahren%3Fseite%3D2", "/verfahren?seite=2"),
        ("/%09/evil.example", "/"),
        ("/%0a/evil.example", "/"),
        ("/%0d%0a/evil.example", "/"),
        ("%09//evil.example", "/"),
        ("//evil.example", "/"),
        ("/%5Cevil.example", "/"),
        ("%5C%5Cevil.example", "/"),
        ("/%20/evil.example", "/"),
        ("/%C2%A0/evil.example", "/"),
        ("https://evil.example", "/"),
        ("javascript:alert(1)", "/"),
    ] {
        let res = b.get(&format!("/sprache/de?zurueck={target}")).await;
        assert_eq!(res.status(), 303, "{target}");
        assert_eq!(res.headers()["location"], expected, "{target}");
    }
}

/// Item 5: no page number in an address panics; past the end comes the last page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn any_page_number_answers_a_page() {
    let app = spawn_app().await;
    let b = app.browser(SACHSEN);
    let admin = app.demo("admin").await;
    let id = app.open_consultation("name", "after", 0, 60).await;
    for n in [
        "0",
        "-1",
        "4294967295",
        "4294967296",
        "99999999999999999999",
        "abc",
        "1e9",
    ] {
        for (who, path) in [
            (&b, format!("/verfahren?seite={n}")),
            (&b, format!("/verfahren?suche=Radweg&seite={n}")),
            (&b, format!("/petitionen?seite={n}")),
            (&b, format!("/verfahren/{id}?seite={n}")),
            (&admin, format!("/verwaltung/protokoll?seite={n}")),
        ] {
            let res = who.get(&path).await;
            assert_eq!(res.status(), 200, "{path}");
        }
    }
    let last = b.page("/verfahren?seite=4294967295").await;
    assert!(
        last.contains("class=\"card\""),
        "the last page lists procedures"
    );
}

/// Item 10: an Origin with the wrong scheme is foreign.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_origin_check_compares_the_scheme() {
    let app = spawn_app_with(|s| s.secure_cookies = true).await;
    let origin = format!("127.0.0.1:{}", app.port);
    let post = |scheme: &'static str| {
        let origin = origin.clone();
        async move {
            reqwest::Client::new()
                .post(format!("http://{origin}/api/login"))
                .header("Origin", format!("{scheme}://{origin}"))
                .header("Accept", "application/json")
                .form(&[("email", "x@example.org"), ("password", "falsch")])
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(
        post("http").await,
        403,
        "a page on plain http is not this site"
    );
    assert_ne!(post("https").await, 403);
}

/// Item 2: behind a trusted load balancer each visitor counts as themselves, an IPv6
/// visitor per /64; from anyone else the header counts for nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn limits_per_client_see_through_a_trusted_proxy_only() {
    let comment_from = |app: &TestApp, id: String, forwarded_for: &'static str, n: usize| {
        let origin = format!("http://{SACHSEN}:{}", app.port);
        async move {
            let res = reqwest::Client::new()
                .post(format!("{origin}/api/comment"))
                .header("Origin", &origin)
                .header("Accept", "application/json")
                .header("X-Forwarded-For", forwarded_for)
                .form(&[
                    ("procedure", id.as_str()),
                    ("body", &format!("Beitrag {n} von {forwarded_for}")),
                    ("name", "Jemand"),
                ])
                .send()
                .await
                .unwrap();
            let reply: Reply = res.json().await.unwrap();
            reply.error("") != Some("error.rate_limited")
        }
    };

    let app = spawn_app_with(|s| {
        s.ip_rate_limit = 2;
        s.trusted_proxies =
            app::platform::client_address::TrustedProxies::parse("127.0.0.1").unwrap();
    })
    .await;
    let id = app.open_consultation("name", "after", 0, 60).await;
    assert!(comment_from(&app, id.clone(), "203.0.113.1", 1).await);
    assert!(comment_from(&app, id.clone(), "203.0.113.1", 2).await);
    assert!(
        !comment_from(&app, id.clone(), "203.0.113.1", 3).await,
        "the third is one too many"
    );
    assert!(
        comment_from(&app, id.clone(), "203.0.113.2", 4).await,
        "another visitor behind the same balancer is not blocked"
    );
    // One IPv6 connection, new addresses from its /64: one client.
    assert!(comment_from(&app, id.clone(), "2001:db8:7:1::1", 5).await);
    assert!(comment_from(&app, id.clone(), "2001:db8:7:1::2", 6).await);
    assert!(!comment_from(&app, id.clone(), "2001:db8:7:1:ffff::3", 7).await);
    assert!(comment_from(&app, id.clone(), "2001:db8:7:2::1", 8).await);

    // Nobody trusted (the default): the header is the client's own claim and ignored.
    let app = spawn_app_with(|s| s.ip_rate_limit = 2).await;
    let id = app.open_consultation("name", "after", 0, 60).await;
    assert!(comment_from(&app, id.clone(), "198.51.100.1", 1).await);
    assert!(comment_from(&app, id.clone(), "198.51.100.2", 2).await);
    assert!(!comment_from(&app, id.clone(), "198.51.100.3", 3).await);
}

/// Item 3: hundreds of parallel requests that each ask for an argon2id hash (19 MiB)
/// leave memory flat: the hashes wait for one of a few turns, and the password checks of
/// one account stop at its limit before any hash is computed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parallel_password_attempts_keep_memory_flat() {
    const ATTEMPTS: usize = 300;
    let tmp = tempfile::tempdir().unwrap();
    let url = database_url(tmp.path()).await;
    let server = ServerProcess::start(tmp.path(), &url, &[]).await;
    let origin = server.origin.clone();
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let post = |path: &'static str, form: Vec<(&'static str, String)>| {
        let (client, origin) = (client.clone(), origin.clone());
        async move {
            let res = client
                .post(format!("{origin}/api/{path}"))
                .header("Origin", &origin)
                .header("Accept", "application/json")
                .form(&form)
                .send()
                .await
                .unwrap();
            res.json::<Reply>().await.unwrap()
        }
    };
    let login = post(
        "login",
        vec![
            ("email", "buerger@sachsen.example".into()),
            ("password", DEMO_PASSWORD.into()),
        ],
    )
    .await;
    assert_eq!(login.errors, vec![]);
    let before = server.peak_memory_mib();

    let mut attempts = tokio::task::JoinSet::new();
    for n in 0..ATTEMPTS {
        // Half change the password with a wrong current one, half log in to accounts that
        // do not exist (which hash too, so that they take as long as a wrong password).
        let attempt = if n % 2 == 0 {
            post(
                "change-password",
                vec![
                    ("current_password", format!("falsch {n}")),
                    ("new_password", "ein ganz neues Passwort".into()),
                ],
            )
        } else {
            post(
                "login",
                vec![
                    ("email", format!("niemand{n}@example.org")),
                    ("password", "irgendein Passwort".into()),
                ],
            )
        };
        attempts.spawn(attempt);
    }
    let mut wrong_current = 0;
    let mut limited = 0;
    while let Some(reply) = attempts.join_next().await {
        let reply = reply.unwrap();
        if reply.error("current_password") == Some("error.password.wrong_current") {
            wrong_current += 1;
        }
        if reply.error("") == Some("error.rate_limited") {
            limited += 1;
        }
    }
    let peak = server.peak_memory_mib();
    println!(
        "{ATTEMPTS} parallel attempts: peak resident memory {before} MiB before, {peak} MiB after; \
         {wrong_current} current passwords checked, {limited} refused by the limits"
    );
    // Each attempt reads back its own count, however many arrive together: exactly the
    // account's ten checks are made.
    assert_eq!(
        wrong_current, 10,
        "the account's limit comes before the hash, and lets its ten checks through"
    );
    assert_eq!(wrong_current + limited, ATTEMPTS / 2);
    assert!(
        peak < before + 150,
        "memory stays flat: {before} MiB before, {peak} MiB at the peak"
    );
    server.kill().await;
}

/// Item 10: a comment confirmed by its mailed link after the phase ended is too late.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_confirmation_after_the_phase_publishes_nothing() {
    let app = spawn_app().await;
    let id = app.open_consultation("email", "after", 0, 60).await;
    let b = app.browser(SACHSEN);
    let r = b
        .comment(
            &id,
            "Kurz vor Schluss geschrieben.",
            &[("name", "Spät"), ("email", "spaet@example.org")],
        )
        .await;
    assert_eq!(r.notice.as_deref(), Some("notice.comment.confirm_email"));
    let token = link_token(
        &app.wait_for_mail("spaet@example.org", 1).await,
        "/beitraege/bestaetigen",
    );
    app.clock.advance(chrono::Duration::minutes(61));
    let late = b.submit("comment-confirm", &[("token", &token)]).await;
    assert_eq!(
        late.error("token"),
        Some("error.comment.closed_unconfirmed")
    );
    assert_eq!(app.comments_of(&id).await[0].2, "unconfirmed");
    assert!(
        !app.browser(SACHSEN)
            .page(&format!("/verfahren/{id}"))
            .await
            .contains("Kurz vor Schluss")
    );
}

/// Item 10: once one reset link was used, the older ones in the mailbox are dead.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_older_reset_link_dies_when_a_newer_one_is_used() {
    let app = spawn_app().await;
    let b = app.browser(SACHSEN);
    for _ in 0..2 {
        b.submit(
            "request-password-reset",
            &[("email", "buerger@sachsen.example")],
        )
        .await;
    }
    let first = link_token(
        &app.wait_for_mail("buerger@sachsen.example", 1).await,
        "/passwort-zuruecksetzen",
    );
    let second = link_token(
        &app.wait_for_mail("buerger@sachsen.example", 2).await,
        "/passwort-zuruecksetzen",
    );
    assert_ne!(first, second);
    let used = b
        .submit(
            "reset-password",
            &[("token", &second), ("password", "Ein ganz neues Passwort")],
        )
        .await;
    assert_eq!(used.errors, vec![]);
    let old = b
        .submit(
            "reset-password",
            &[
                ("token", &first),
                ("password", "Das Passwort des Angreifers"),
            ],
        )
        .await;
    assert_eq!(old.error("token"), Some("error.token.used"));
    assert!(
        app.browser(SACHSEN)
            .login("buerger@sachsen.example", "Ein ganz neues Passwort")
            .await
            .errors
            .is_empty()
    );
}

/// Item 10: the results report is public once the procedure is concluded, not before.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_results_pdf_waits_for_the_conclusion() {
    use app::domain::DocumentPurpose;
    use app::platform::entities::document;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let app = spawn_app().await;
    let id = app.open_consultation("name", "after", 0, 60).await;
    let staff = app.demo("staff").await;
    let pdf = app::demo::demo_pdf("Ergebnisbericht");
    let form = reqwest::multipart::Form::new()
        .text("purpose", "results")
        .text("results_title", "Ergebnisbericht")
        .part(
            "results_file",
            reqwest::multipart::Part::bytes(pdf.clone())
                .file_name("ergebnis.pdf")
                .mime_str("application/pdf")
                .unwrap(),
        );
    let res = staff
        .client
        .post(format!(
            "{}/verwaltung/verfahren/{id}/dokumente",
            staff.origin
        ))
        .header("Origin", &staff.origin)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let doc = document::Entity::find()
        .filter(document::Column::Purpose.eq(DocumentPurpose::Results))
        .filter(document::Column::ProcedureId.eq(uuid::Uuid::parse_str(&id).unwrap()))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the results report is stored");
    let path = format!("/dokumente/{}.pdf", doc.id);
    assert_eq!(app.browser(SACHSEN).get(&path).await.status(), 404);
    assert_eq!(app.demo("buerger").await.get(&path).await.status(), 404);
    let res = staff.get(&path).await;
    assert_eq!(res.status(), 200, "staff check what they will publish");
    assert_eq!(res.bytes().await.unwrap().to_vec(), pdf, "streamed whole");
}

/// Item 10: an archived procedure takes no answers and publishes nothing more; unlawful
/// content can still be hidden.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_archived_procedure_takes_no_answers_or_approvals() {
    let app = spawn_app().await;
    let id = app.open_consultation("name", "after", 0, 60).await;
    app.browser(SACHSEN)
        .comment(&id, "Ein Beitrag im Archiv.", &[("name", "Alt")])
        .await;
    let comment_id = app.comments_of(&id).await[0].1.clone();
    app.clock.advance(chrono::Duration::minutes(61));
    app.run_lifecycle().await;
    let staff = app.demo("staff").await;
    staff
        .submit("results-save", &[("id", &id), ("results", "Ergebnis")])
        .await;
    for target in ["concluded", "archived"] {
        staff
            .submit("status-confirm", &[("id", &id), ("target", target)])
            .await;
    }
    assert_eq!(app.status_of(&id).await, "archived");
    let answer = staff
        .submit(
            "comment-answer",
            &[("id", &comment_id), ("answer", "Zu spät")],
        )
        .await;
    assert_eq!(answer.error(""), Some("error.procedure.archived"));
    let moderator = app.demo("moderation").await;
    let approve = moderator
        .submit(
            "moderation-decide",
            &[
                ("id", &comment_id),
                ("version", &app.version_of(&comment_id).await),
                ("decision", "approve"),
            ],
        )
        .await;
    assert_eq!(approve.error("decision"), Some("error.procedure.archived"));
    let hide = moderator
        .submit(
            "moderation-decide",
            &[
                ("id", &comment_id),
                ("version", &app.version_of(&comment_id).await),
                ("decision", "hide"),
                ("reason", "Personenbezogene Daten Dritter"),
            ],
        )
        .await;
    assert_eq!(hide.notice.as_deref(), Some("notice.moderation.decided"));
    assert_eq!(app.comments_of(&id).await[0].2, "hidden");
}

/// Item 10: following a draft by its id brings neither its title nor a subscription.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_draft_cannot_be_followed_by_its_id() {
    let app = spawn_app().await;
    let staff = app.demo("staff").await;
    let org = app.organization_id("Landesdirektion Sachsen").await;
    let draft = staff
        .create(&consultation_form(
            &org,
            "Geheimer Entwurf Flughafen",
            "name",
            "after",
        ))
        .await;
    let reply = app
        .browser(SACHSEN)
        .submit(
            "subscribe",
            &[
                ("email", "neugierig@example.org"),
                ("procedure", &draft),
                ("frequency", "immediate"),
            ],
        )
        .await;
    assert_eq!(reply.error(""), Some("error.subscription.none"));
    assert_eq!(app.count("SELECT COUNT(*) FROM subscribers").await, 0);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(app.mails_to("neugierig@example.org").is_empty());
}

/// Item 10: a deleted account's supports, reports and subscriptions go with it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deleted_account_leaves_no_supports_reports_or_subscriptions() {
    let app = spawn_app().await;
    let id = app.open_consultation("name", "after", 0, 60).await;
    app.browser(SACHSEN)
        .comment(&id, "Bitte unterstützen.", &[("name", "Jemand")])
        .await;
    let comment_id = app.comments_of(&id).await[0].1.clone();
    let b = app.demo("buerger").await;
    b.submit("comment-support", &[("id", &comment_id)]).await;
    b.submit(
        "comment-report",
        &[("id", &comment_id), ("reason", "Zweifel")],
    )
    .await;
    let follow = b
        .submit(
            "subscribe",
            &[
                ("email", "buerger@sachsen.example"),
                ("topic", "verkehr"),
                ("frequency", "immediate"),
            ],
        )
        .await;
    assert_eq!(
        follow.notice.as_deref(),
        Some("notice.subscription_requested")
    );
    let counts = "SELECT CAST(support_count + report_count AS BIGINT) FROM comments WHERE body = 'Bitte unterstützen.'";
    assert_eq!(app.count(counts).await, 2);
    let gone = b
        .submit("delete-account", &[("password", DEMO_PASSWORD)])
        .await;
    assert_eq!(gone.errors, vec![]);
    assert_eq!(app.count(counts).await, 0, "the counts shown go down");
    for table in ["comment_supports", "comment_reports"] {
        let rows = format!("SELECT COUNT(*) FROM {table} WHERE comment_id = '{comment_id}'");
        assert_eq!(app.count(&rows).await, 0, "{table}");
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM subscribers WHERE email = 'buerger@sachsen.example'")
            .await,
        0
    );
}

/// Item 8: posting with a stranger's address sends them no words of the poster's, and
/// only a few mails an hour; registering a known address likewise.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_portal_does_not_flood_a_strangers_mailbox() {
    let app = spawn_app().await;
    let id = app.open_consultation("email", "after", 0, 60).await;
    let b = app.browser(SACHSEN);
    for n in 0..5 {
        let r = b
            .comment(
                &id,
                &format!("Beleidigender Text Nummer {n}"),
                &[("name", "Fremd"), ("email", "opfer@example.org")],
            )
            .await;
        assert_eq!(r.notice.as_deref(), Some("notice.comment.confirm_email"));
    }
    let first = app.wait_for_mail("opfer@example.org", 3).await;
    assert!(
        !first.contains("Beleidigender"),
        "no posted text in the mail"
    );
    assert!(first.contains("Eingangsnummer"));
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(app.mails_to("opfer@example.org").len(), 3, "three an hour");

    for _ in 0..5 {
        let r = b
            .register("buerger@sachsen.example", "Jemand", "ein langes Passwort 9")
            .await;
        assert_eq!(r.notice.as_deref(), Some("notice.registered"));
    }
    app.wait_for_mail("buerger@sachsen.example", 3).await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(app.mails_to("buerger@sachsen.example").len(), 3);
}

/// Item 9: registering a known address takes the same work as a new one, and a blocked
/// address is not told so at the form.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_do_not_tell_which_addresses_are_known_or_blocked() {
    let app = spawn_app().await;
    let b = app.browser(SACHSEN);
    let time = |email: String| {
        let b = &b;
        async move {
            let t = std::time::Instant::now();
            b.register(&email, "Jemand", "ein langes Passwort 9").await;
            t.elapsed()
        }
    };
    let mut known = Vec::new();
    let mut new = Vec::new();
    for n in 0..5 {
        known.push(time("staff@sachsen.example".to_string()).await);
        new.push(time(format!("neu{n}@example.org")).await);
    }
    known.sort();
    new.sort();
    let (known, new) = (known[2], new[2]);
    println!("registration: known address {known:?}, new address {new:?} (medians)");
    assert!(
        known * 2 > new,
        "a known address answers as slowly as a new one: {known:?} vs {new:?}"
    );

    let id = app.open_consultation("email", "after", 0, 60).await;
    block(&app, "gesperrt@example.org", "Spam").await;
    let answer = |email: &'static str| {
        let b = app.browser(SACHSEN);
        let id = id.clone();
        async move {
            b.comment(&id, "Ein Beitrag", &[("name", "X"), ("email", email)])
                .await
        }
    };
    assert_eq!(
        answer("gesperrt@example.org").await,
        answer("frei@example.org").await,
        "the same answer for a blocked and a free address"
    );
}

/// Item 9: wrong passwords from one client do not lock the owner out on another.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_guesser_does_not_lock_the_owner_out() {
    let app = spawn_app_with(|s| {
        s.trusted_proxies =
            app::platform::client_address::TrustedProxies::parse("127.0.0.1").unwrap();
    })
    .await;
    let login_from = |client: &'static str, password: &'static str| {
        let origin = format!("http://{SACHSEN}:{}", app.port);
        async move {
            let res = reqwest::Client::new()
                .post(format!("{origin}/api/login"))
                .header("Origin", &origin)
                .header("Accept", "application/json")
                .header("X-Forwarded-For", client)
                .form(&[("email", "buerger@sachsen.example"), ("password", password)])
                .send()
                .await
                .unwrap();
            res.json::<Reply>().await.unwrap()
        }
    };
    for _ in 0..5 {
        let r = login_from("203.0.113.66", "falsch geraten").await;
        assert_eq!(r.error(""), Some("error.login.wrong"));
    }
    let r = login_from("203.0.113.66", DEMO_PASSWORD).await;
    assert_eq!(
        r.error(""),
        Some("error.rate_limited"),
        "the guesser is stopped"
    );
    let owner = login_from("198.51.100.7", DEMO_PASSWORD).await;
    assert_eq!(
        owner.errors,
        vec![],
        "the owner gets in from their own client"
    );
}

/// Item 7: an approval names the text the moderator read; an edit since refuses it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_moderator_approves_only_the_text_they_read() {
    let app = spawn_app().await;
    // Moderation before publication.
    let id = app.open_consultation("account", "before", 0, 60).await;
    let author = app.demo("buerger").await;
    author.comment(&id, "Harmloser Text", &[]).await;
    let comment_id = app.comments_of(&id).await[0].1.clone();
    let moderator = app.demo("moderation").await;
    let queue = moderator.page("/moderation").await;
    let seen = queue
        .split("name=\"version\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("the decision form names the version")
        .to_string();
    // The author edits after the moderator opened the queue.
    let edited = author
        .submit(
            "comment-edit",
            &[("id", &comment_id), ("body", "Ganz anderer Text")],
        )
        .await;
    assert_eq!(edited.errors, vec![]);
    let approve = moderator
        .submit(
            "moderation-decide",
            &[
                ("id", &comment_id),
                ("version", &seen),
                ("decision", "approve"),
            ],
        )
        .await;
    assert_eq!(approve.error(""), Some("error.moderation.changed"));
    assert_eq!(app.comments_of(&id).await[0].2, "pending");
    // Read again, then approved.
    let queue = moderator.page("/moderation").await;
    assert!(queue.contains("Ganz anderer Text"));
    let approve = moderator
        .submit(
            "moderation-decide",
            &[
                ("id", &comment_id),
                ("version", &app.version_of(&comment_id).await),
                ("decision", "approve"),
            ],
        )
        .await;
    assert_eq!(approve.errors, vec![]);
    assert_eq!(app.comments_of(&id).await[0].2, "published");
}

/// Item 6: without JavaScript, a rejected 5,000-character comment comes back in its
/// field: the input waits on the server, the cookie only names it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_text_survives_a_mistake_without_javascript() {
    let app = spawn_app().await;
    let id = app.open_consultation("email", "after", 0, 60).await;
    let b = app.browser(SACHSEN);
    let page = format!("/verfahren/{id}");
    // Umlauts and markup, so the text is long in every encoding.
    let text: String = "Öffentlicher Raum <b>& Grün</b> für alle. "
        .repeat(200)
        .chars()
        .take(5_000)
        .collect();
    let res = b
        .submit_plain(
            &page,
            "comment",
            &[
                ("procedure", id.as_str()),
                ("body", text.as_str()),
                ("name", "Lang"),
                ("email", "keine-adresse"),
            ],
        )
        .await;
    assert!(res.status().is_redirection());
    let cookie = set_cookie(&res, "mitwirken_flash").expect("a flash cookie");
    assert!(
        cookie.len() < 1_000,
        "the cookie names the input: {} bytes",
        cookie.len()
    );
    let shown = b.page(&page).await;
    assert!(
        shown.contains("Bitte geben Sie eine gültige E-Mail-Adresse ein"),
        "the error next to the field"
    );
    let escaped = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    assert!(shown.contains(&escaped), "the text is back in its field");
    assert_eq!(app.comments_of(&id).await.len(), 0, "nothing stored");
    // Shown once: the next view is empty again.
    assert!(!b.page(&page).await.contains(&escaped[..200]));

    // Under https the flash cookie is Secure, like the session's.
    let https = spawn_app_with(|s| s.secure_cookies = true).await;
    let host = format!("{SACHSEN}:{}", https.port);
    let res = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(format!("http://{host}/api/login"))
        .header("Origin", format!("https://{host}"))
        .header("Referer", format!("https://{host}/anmelden"))
        .header("Accept", "text/html")
        .form(&[("email", "x@example.org"), ("password", "falsch")])
        .send()
        .await
        .unwrap();
    let cookie = set_cookie(&res, "mitwirken_flash").expect("a flash cookie");
    assert!(cookie.contains("; Secure"), "{cookie}");
}
