//! Mail end to end: the outbox, the worker, a real SMTP server, and the links in the
//! received messages followed like a person (or a mail provider) would.
use crate::helpers::*;
use app::i18n::Lang;
use app::platform::mail::outbox::{self, NewMail};
use app::platform::mail::{Template, worker};
use app::platform::notifications;
use std::time::Duration;

fn header<'a>(mail: &'a str, name: &str) -> Option<&'a str> {
    let head = mail.split("\r\n\r\n").next().unwrap_or(mail);
    head.lines()
        .find(|l| {
            l.len() > name.len()
                && l[..name.len()].eq_ignore_ascii_case(name)
                && l[name.len()..].starts_with(':')
        })
        .map(|l| l[name.len() + 1..].trim())
}

async fn sachsen_id(app: &TestApp) -> uuid::Uuid {
    app::platform::tenants::by_slug(&app.db, "sachsen")
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn publish_new_procedure(app: &TestApp, title: &str) {
    notifications::publish(
        &app.db,
        app.clock_now(),
        sachsen_id(app).await,
        Template::NewProcedure,
        serde_json::json!({
            "procedure_title": title,
            "organization": "Landesdirektion Sachsen",
            "summary": "Ausbau der S 177",
            "url": format!("http://127.0.0.1:{}/verfahren/1", app.port),
        }),
        &["topic:verkehr".to_string(), "organization:x".to_string()],
    )
    .await
    .unwrap();
    app.state.mail_queued.notify_one();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn subscription_mails_carry_both_parts_headers_and_working_links() {
    let app = spawn_app().await;
    let browser = app.browser(SACHSEN);
    app.subscribe_confirmed(
        &browser,
        "leser@example.org",
        ("topic", "verkehr"),
        "immediate",
    )
    .await;

    // The confirmation is transactional: no List-Unsubscribe.
    let confirm = &app.mails_to("leser@example.org")[0];
    assert!(header(confirm, "List-Unsubscribe").is_none());
    assert_eq!(header(confirm, "Auto-Submitted"), Some("auto-generated"));

    publish_new_procedure(&app, "Ortsumgehung <Radeberg> & Co").await;
    let mail = app.wait_for_mail("leser@example.org", 2).await;
    assert!(header(&mail, "Message-ID").is_some_and(|v| v.starts_with("<outbox-")));
    assert!(header(&mail, "Date").is_some());
    assert!(header(&mail, "From").is_some_and(|v| v.contains("noreply@sachsen.example")));
    assert_eq!(header(&mail, "Auto-Submitted"), Some("auto-generated"));
    assert_eq!(
        header(&mail, "List-Unsubscribe-Post"),
        Some("List-Unsubscribe=One-Click")
    );
    assert!(header(&mail, "Content-Type").is_some_and(|v| v.starts_with("multipart/alternative")));
    assert!(mail.contains("Content-Type: text/plain; charset=utf-8"));
    assert!(mail.contains("Content-Type: text/html; charset=utf-8"));
    // German, user content escaped in HTML and plain in text.
    assert!(mail.contains("hat ein neues Verfahren veröffentlicht"));
    assert!(mail.contains("Ortsumgehung &lt;Radeberg&gt; &amp; Co"));
    assert!(
        mail.contains("\nOrtsumgehung <Radeberg> & Co\n")
            || mail.contains("\r\nOrtsumgehung <Radeberg> & Co\r\n")
    );

    // The manage link works without logging in.
    let token = link_token(&mail, "/benachrichtigungen/verwalten");
    let page = browser
        .page(&format!("/benachrichtigungen/verwalten?token={token}"))
        .await;
    assert!(
        page.contains("leser@example.org") && page.contains("Verkehr"),
        "{page}"
    );

    // RFC 8058: the provider POSTs from its server, without Origin or cookies.
    let unsubscribe = header(&mail, "List-Unsubscribe")
        .unwrap()
        .trim_matches(['<', '>'])
        .to_string();
    assert!(unsubscribe.starts_with(&format!(
        "http://127.0.0.1:{}/benachrichtigungen/abmelden?token=",
        app.port
    )));
    let provider = reqwest::Client::new();
    for _ in 0..2 {
        // Unsubscribing twice is fine.
        let res = provider
            .post(&unsubscribe)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body("List-Unsubscribe=One-Click")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM subscribers").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM subscriptions").await, 0);
    let page = browser
        .page(&format!("/benachrichtigungen/verwalten?token={token}"))
        .await;
    assert!(page.contains("Sie erhalten keine Benachrichtigungen mehr"));

    // No more notifications after that.
    publish_new_procedure(&app, "Zweites Verfahren").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(app.mails_to("leser@example.org").len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_and_expired_links_get_a_clear_answer() {
    let app = spawn_app().await;
    let browser = app.browser(SACHSEN);
    let res = browser
        .get("/benachrichtigungen/verwalten?token=m1.forged")
        .await;
    assert_eq!(res.status(), 400);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Dieser Link ist ungültig")
    );
    let res = browser
        .get("/benachrichtigungen/abmelden?token=m1.forged")
        .await;
    assert_eq!(res.status(), 400);
    let res = reqwest::Client::new()
        .post(format!(
            "http://127.0.0.1:{}/benachrichtigungen/abmelden?token=m1.forged",
            app.port
        ))
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let reply = browser
        .submit("subscription-confirm", &[("token", "c1.9999999999.forged")])
        .await;
    assert_eq!(
        reply.error("token"),
        Some("error.subscription.link_invalid")
    );

    browser
        .submit(
            "subscribe",
            &[
                ("email", "spaet@example.org"),
                ("area", "01067"),
                ("frequency", "daily"),
            ],
        )
        .await;
    let token = link_token(
        &app.wait_for_mail("spaet@example.org", 1).await,
        "/benachrichtigungen/bestaetigen",
    );
    app.clock.advance(chrono::Duration::days(8));
    let reply = browser
        .submit("subscription-confirm", &[("token", &token)])
        .await;
    assert_eq!(
        reply.error("token"),
        Some("error.subscription.link_expired")
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM subscriptions WHERE confirmed_at IS NOT NULL")
            .await,
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_subscriptions_are_refused_field_by_field_and_nothing_is_stored() {
    let app = spawn_app().await;
    let browser = app.browser(SACHSEN);
    let cases: &[(&[(&str, &str)], &str, &str)] = &[
        (
            &[
                ("email", "kein-at"),
                ("topic", "verkehr"),
                ("frequency", "daily"),
            ],
            "email",
            "error.email.invalid",
        ),
        (
            &[("email", "a@example.org"), ("frequency", "daily")],
            "topic",
            "error.subscription.none",
        ),
        (
            &[
                ("email", "a@example.org"),
                ("topic", "astrologie"),
                ("frequency", "daily"),
            ],
            "topic",
            "error.subscription.topic",
        ),
        (
            &[
                ("email", "a@example.org"),
                ("area", "<script>"),
                ("frequency", "daily"),
            ],
            "area",
            "error.subscription.area",
        ),
        (
            &[
                ("email", "a@example.org"),
                ("topic", "verkehr"),
                ("frequency", "stündlich"),
            ],
            "frequency",
            "error.subscription.frequency",
        ),
        (
            &[
                ("email", "a@example.org"),
                ("organization", "not-a-uuid"),
                ("frequency", "daily"),
            ],
            "organization",
            "error.organization.invalid",
        ),
        // An organization of the other tenant.
        (
            &[
                ("email", "a@example.org"),
                ("organization", "00000000-0000-0000-0000-000000000000"),
                ("frequency", "daily"),
            ],
            "organization",
            "error.organization.invalid",
        ),
    ];
    for (form, field, key) in cases {
        let reply = browser.submit("subscribe", form).await;
        assert_eq!(reply.error(field), Some(*key), "{form:?}: {reply:?}");
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM subscribers").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox").await, 0);

    // Without JavaScript: the error is shown next to the field, the input kept.
    let res = browser
        .submit_plain(
            "/benachrichtigungen",
            "subscribe",
            &[
                ("email", "b@example.org"),
                ("area", "12"),
                ("frequency", "weekly"),
            ],
        )
        .await;
    assert_eq!(res.status(), 302);
    let page = browser.page("/benachrichtigungen").await;
    assert!(page.contains("fünfstellige Postleitzahl"), "{page}");
    assert!(page.contains("value=\"b@example.org\""));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn subscribing_twice_tells_the_owner_and_adds_nothing() {
    let app = spawn_app().await;
    let browser = app.browser(SACHSEN);
    app.subscribe_confirmed(
        &browser,
        "doppelt@example.org",
        ("topic", "verkehr"),
        "immediate",
    )
    .await;
    let reply = browser
        .submit(
            "subscribe",
            &[
                ("email", "Doppelt@Example.org"),
                ("topic", "verkehr"),
                ("frequency", "weekly"),
            ],
        )
        .await;
    assert_eq!(
        reply.notice.as_deref(),
        Some("notice.subscription_requested")
    );
    let mail = app.wait_for_mail("doppelt@example.org", 2).await;
    assert!(
        mail.contains("Sie erhalten bereits Benachrichtigungen"),
        "{mail}"
    );
    assert!(mail.contains("/benachrichtigungen/verwalten?token="));
    assert_eq!(app.count("SELECT COUNT(*) FROM subscriptions").await, 1);
    // A stranger cannot change the owner's frequency through the form.
    assert_eq!(
        app.count("SELECT COUNT(*) FROM subscribers WHERE frequency = 'immediate'")
            .await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mails_are_in_the_recipients_language() {
    let app = spawn_app().await;
    let browser = app.browser(SACHSEN);
    browser.get("/sprache/en").await;
    app.subscribe_confirmed(
        &browser,
        "reader@example.org",
        ("topic", "verkehr"),
        "immediate",
    )
    .await;
    let confirm = &app.mails_to("reader@example.org")[0];
    assert!(
        header(confirm, "Subject").unwrap().contains("=?utf-8?")
            || confirm.contains("Please confirm your subscription")
    );
    assert!(confirm.contains("Please confirm with this link"));
    publish_new_procedure(&app, "Bypass").await;
    let mail = app.wait_for_mail("reader@example.org", 2).await;
    assert!(mail.contains("published a new procedure that matches your subscription"));
    assert!(mail.contains("<html lang=3D\"en\">") || mail.contains("<html lang=\"en\">"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn manage_page_changes_frequency_adds_and_removes_without_login() {
    let app = spawn_app().await;
    let browser = app.browser(SACHSEN);
    app.subscribe_confirmed(
        &browser,
        "verwalter@example.org",
        ("topic", "verkehr"),
        "immediate",
    )
    .await;
    let token = app.count("SELECT id FROM subscribers").await;
    let token = app::subscriptions::service::links::manage_token(&app.state.secret, token);
    let reply = browser
        .submit(
            "subscription-frequency",
            &[("token", &token), ("frequency", "weekly")],
        )
        .await;
    assert_eq!(reply.notice.as_deref(), Some("notice.subscription_saved"));
    let reply = browser
        .submit(
            "subscription-add",
            &[("token", &token), ("area", "Dresden")],
        )
        .await;
    assert_eq!(reply.notice.as_deref(), Some("notice.subscription_saved"));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM subscriptions WHERE confirmed_at IS NOT NULL")
            .await,
        2
    );
    let id = app
        .count("SELECT id FROM subscriptions WHERE topic_key = 'area:dresden'")
        .await;
    // Another subscriber's token cannot remove it.
    let other = app::subscriptions::service::links::manage_token(&app.state.secret, 999);
    let reply = browser
        .submit(
            "subscription-remove",
            &[("token", &other), ("id", &id.to_string())],
        )
        .await;
    assert_eq!(reply.error("token"), Some("error.subscription.gone"));
    let reply = browser
        .submit(
            "subscription-remove",
            &[("token", &token), ("id", &id.to_string())],
        )
        .await;
    assert_eq!(reply.notice.as_deref(), Some("notice.subscription_removed"));
    assert_eq!(app.count("SELECT COUNT(*) FROM subscriptions").await, 1);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM subscribers WHERE frequency = 'weekly'")
            .await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn daily_digest_collects_the_days_events_once() {
    let app = spawn_app().await;
    let browser = app.browser(SACHSEN);
    app.subscribe_confirmed(
        &browser,
        "taeglich@example.org",
        ("topic", "verkehr"),
        "daily",
    )
    .await;
    app.subscribe_confirmed(
        &browser,
        "sofort@example.org",
        ("topic", "verkehr"),
        "immediate",
    )
    .await;
    // The worker built the period that ended before the test began; move past the next.
    notifications::run_due_digests(&app.state).await.unwrap();
    publish_new_procedure(&app, "Radweg Elbtal").await;
    publish_new_procedure(&app, "Lärmaktionsplan").await;
    app.wait_for_mail("sofort@example.org", 3).await;
    app.clock.advance(chrono::Duration::hours(25));
    let queued = notifications::run_due_digests(&app.state).await.unwrap();
    assert_eq!(queued, 1);
    app.state.mail_queued.notify_one();
    let digest = app.wait_for_mail("taeglich@example.org", 2).await;
    assert!(
        digest.contains("Ihre Tagesübersicht") || digest.contains("=?utf-8?"),
        "{digest}"
    );
    assert!(
        digest.contains("Radweg Elbtal") && digest.contains("Lärmaktionsplan"),
        "{digest}"
    );
    assert!(header(&digest, "List-Unsubscribe").is_some());
    // Running again queues nothing; the immediate subscriber got no digest.
    assert_eq!(notifications::run_due_digests(&app.state).await.unwrap(), 0);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(app.mails_to("taeglich@example.org").len(), 2);
    assert_eq!(app.mails_to("sofort@example.org").len(), 3);
}

async fn queue(app: &TestApp, to: &str, n: usize) {
    let tenant_id = sachsen_id(app).await;
    for i in 0..n {
        outbox::enqueue(
            &app.db,
            app.clock_now(),
            NewMail {
                tenant_id,
                key: format!("test:{to}:{i}"),
                template: Template::PasswordReset,
                to: to.to_string(),
                lang: Lang::De,
                data: serde_json::json!({ "link": format!("http://x/{i}") }),
                subscriber_id: None,
            },
        )
        .await
        .unwrap();
    }
    app.state.mail_queued.notify_one();
}

async fn wait_until(what: &str, mut done: impl AsyncFnMut() -> bool) {
    for _ in 0..200 {
        if done().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("timed out waiting for {what}");
}

fn message_ids(mails: &[String]) -> std::collections::HashSet<String> {
    mails
        .iter()
        .filter_map(|m| header(m, "Message-ID").map(str::to_string))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mails_queued_while_smtp_is_down_all_arrive_once_it_is_up() {
    let mut app = spawn_app_full(|_| {}, None).await;
    queue(&app, "ausfall@example.org", 20).await;
    wait_until("the first failed attempts", async || {
        app.count("SELECT COUNT(*) FROM outbox WHERE attempts >= 1 AND status = 'queued'")
            .await
            == 20
    })
    .await;
    app.smtp = Some(start_smtp(app.smtp_port, &app.mail_dir, SmtpFaults::default()).await);
    // The retry is due after the back-off (on the test's clock).
    app.clock.advance(chrono::Duration::minutes(5));
    wait_until("all mails", async || {
        app.mails_to("ausfall@example.org").len() >= 20
    })
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mails = app.mails_to("ausfall@example.org");
    assert_eq!(mails.len(), 20, "none twice");
    assert_eq!(message_ids(&mails).len(), 20, "none lost");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE status = 'sent' AND data IS NULL")
            .await,
        20
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn temporary_failures_are_retried_and_permanent_ones_are_not() {
    let app = spawn_app_full(
        |_| {},
        Some(SmtpFaults {
            tempfail: 3,
            delay_ms: 0,
        }),
    )
    .await;
    queue(&app, "spaeter@example.org", 5).await;
    queue(&app, "reject-me@example.org", 1).await;
    wait_until("first round", async || {
        app.count("SELECT COUNT(*) FROM outbox WHERE status = 'sent'")
            .await
            + app
                .count("SELECT COUNT(*) FROM outbox WHERE status = 'queued' AND attempts = 1")
                .await
            == 5
    })
    .await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE status = 'dead' AND attempts = 1")
            .await,
        1
    );
    app.clock.advance(chrono::Duration::minutes(5));
    wait_until("the retries", async || {
        app.mails_to("spaeter@example.org").len() >= 5
    })
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(app.mails_to("spaeter@example.org").len(), 5);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE status = 'sent' AND attempts = 2")
            .await,
        3
    );
    // The rejected mail was not retried.
    assert_eq!(
        app.count(
            "SELECT CAST(attempts AS BIGINT) FROM outbox WHERE recipient = 'reject-me@example.org'"
        )
        .await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mail_gives_up_after_the_last_attempt_and_the_admin_can_send_it_again() {
    let app = spawn_app_full(
        |_| {},
        Some(SmtpFaults {
            tempfail: 1000,
            delay_ms: 0,
        }),
    )
    .await;
    queue(&app, "nie@example.org", 1).await;
    for attempt in 1..=4 {
        wait_until("an attempt", async || {
            app.count("SELECT CAST(attempts AS BIGINT) FROM outbox")
                .await
                == attempt
                && app
                    .count("SELECT COUNT(*) FROM outbox WHERE status = 'sending'")
                    .await
                    == 0
        })
        .await;
        app.clock.advance(chrono::Duration::hours(2));
        app.state.mail_queued.notify_one();
    }
    wait_until("dead", async || {
        app.count("SELECT COUNT(*) FROM outbox WHERE status = 'dead'")
            .await
            == 1
    })
    .await;
    let id = app.count("SELECT id FROM outbox").await.to_string();

    // Shown to the tenant admin, not to a citizen; the other tenant's admin cannot resend it.
    let admin = app.browser(SACHSEN);
    admin.login("admin@sachsen.example", DEMO_PASSWORD).await;
    let page = admin.page("/verwaltung/e-mails").await;
    assert!(
        page.contains("nie@example.org") && page.contains("451"),
        "{page}"
    );
    let citizen = app.browser(SACHSEN);
    citizen
        .login("buerger@sachsen.example", DEMO_PASSWORD)
        .await;
    assert_eq!(citizen.get("/verwaltung/e-mails").await.status(), 403);
    let reply = citizen.submit("admin-resend-mail", &[("id", &id)]).await;
    assert_eq!(reply.error(""), Some("error.forbidden"));
    let hessen = app.browser(HESSEN);
    hessen.login("admin@hessen.example", DEMO_PASSWORD).await;
    let reply = hessen.submit("admin-resend-mail", &[("id", &id)]).await;
    assert_eq!(reply.error(""), Some("error.mail.not_dead"));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE status = 'dead'")
            .await,
        1
    );

    let reply = admin.submit("admin-resend-mail", &[("id", &id)]).await;
    assert_eq!(reply.notice.as_deref(), Some("notice.mail_resent"));
    wait_until("a new attempt", async || {
        app.count("SELECT CAST(attempts AS BIGINT) FROM outbox")
            .await
            == 1
    })
    .await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'outbox.resent'")
            .await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_idempotency_key_is_one_mail() {
    let app = spawn_app().await;
    queue(&app, "einmal@example.org", 3).await;
    queue(&app, "einmal@example.org", 3).await;
    wait_until("mails", async || {
        app.mails_to("einmal@example.org").len() >= 3
    })
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(app.mails_to("einmal@example.org").len(), 3);
    // The worker function itself reports nothing left to do.
    assert_eq!(
        worker::deliver_due(&app.state, &test_worker_settings())
            .await
            .unwrap(),
        0
    );
}
