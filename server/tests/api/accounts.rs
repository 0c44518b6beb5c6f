//! Registration, verification, login, logout, reset, rate limits.
use crate::helpers::*;

const PW: &str = "Frühling am Elbufer";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registration_sends_a_link_that_verifies_the_address() {
    let app = spawn_app().await;
    let b = app.browser(SACHSEN);

    let reply = b.register("Anna@Example.org", "Anna Schmidt", PW).await;
    assert_eq!(reply.errors, vec![]);
    assert_eq!(reply.notice.as_deref(), Some("notice.registered"));

    let mail = app.wait_for_mail("anna@example.org", 1).await;
    assert!(mail.contains("Subject: Bitte "), "{mail}");
    assert!(
        mail.contains("From: \"Beteiligungsportal Sachsen\" <noreply@sachsen.example>"),
        "{mail}"
    );
    let token = link_token(&mail, "/konto/bestaetigen");

    assert!(b.login("anna@example.org", PW).await.errors.is_empty());
    assert!(b.page("/konto").await.contains("noch nicht bestätigt"));
    assert!(
        b.submit("verify-email", &[("token", &token)])
            .await
            .errors
            .is_empty()
    );
    assert!(b.page("/konto").await.contains(">bestätigt<"));

    // The link works once.
    assert_eq!(
        b.submit("verify-email", &[("token", &token)])
            .await
            .error("token"),
        Some("error.token.used")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_registrations_get_a_message_per_field_and_store_nothing() {
    let app = spawn_app().await;
    let b = app.browser(SACHSEN);
    let users_before = app.count("SELECT COUNT(*) FROM users").await;
    for (email, name, password, field, key) in [
        ("anna", "Anna", PW, "email", "error.email.invalid"),
        ("", "Anna", PW, "email", "error.email.missing"),
        ("anna@example.org", "", PW, "name", "error.name.missing"),
        (
            "anna@example.org",
            "Anna",
            "kurz",
            "password",
            "error.password.too_short",
        ),
        (
            "anna@example.org",
            "Anna",
            "Passwort1234",
            "password",
            "error.password.common",
        ),
        (
            "anna@example.org",
            "Anna",
            "anna@example.org",
            "password",
            "error.password.is_email",
        ),
    ] {
        let reply = b.register(email, name, password).await;
        assert_eq!(
            reply.error(field),
            Some(key),
            "{email}/{name}/{password}: {reply:?}"
        );
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM users").await, users_before);
    assert!(app.mails_to("anna@example.org").is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_duplicate_registration_looks_the_same_but_creates_nothing() {
    let app = spawn_app().await;
    let b = app.browser(SACHSEN);
    let fresh = b.register("neu@example.org", "Neu", PW).await;
    let users = app.count("SELECT COUNT(*) FROM users").await;
    let duplicate = b.register("buerger@sachsen.example", "Jemand", PW).await;
    assert_eq!(
        fresh, duplicate,
        "the answer must not reveal that the address is taken"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM users").await, users);
    // The owner of the address learns about it instead.
    let mail = app.wait_for_mail("buerger@sachsen.example", 1).await;
    assert!(mail.contains("bereits ein Konto"), "{mail}");
    // The old password still works.
    assert!(
        b.login("buerger@sachsen.example", DEMO_PASSWORD)
            .await
            .errors
            .is_empty()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_and_logout() {
    let app = spawn_app().await;
    let b = app.browser(SACHSEN);
    assert!(!b.is_logged_in().await);

    let wrong_password = b
        .login("buerger@sachsen.example", "falsches passwort")
        .await;
    let unknown_account = b
        .login("niemand@sachsen.example", "falsches passwort")
        .await;
    assert_eq!(wrong_password.error(""), Some("error.login.wrong"));
    assert_eq!(wrong_password, unknown_account, "no account enumeration");
    assert!(!b.is_logged_in().await);

    assert!(
        b.login("BUERGER@sachsen.example", DEMO_PASSWORD)
            .await
            .errors
            .is_empty()
    );
    assert!(b.is_logged_in().await);
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions").await, 1);

    b.submit("logout", &[]).await;
    assert!(!b.is_logged_in().await);
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions").await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_copied_session_cookie_is_worthless_at_once_after_logout() {
    let app = spawn_app().await;
    let owner = app.browser(SACHSEN);
    let cookie = owner
        .session_cookie_of_login("buerger@sachsen.example", DEMO_PASSWORD)
        .await;
    let session = cookie.split(';').next().unwrap().to_string();
    let thief = app.browser(SACHSEN);
    let account_page = || async {
        let res = thief
            .client
            .get(format!("{}/konto", thief.origin))
            .header("Cookie", session.clone())
            .send()
            .await
            .unwrap();
        res.text().await.unwrap()
    };
    assert!(account_page().await.contains("Passwort ändern"));
    assert_eq!(
        app.state.resolved_sessions.count(),
        1,
        "the session's lookup is kept for its next requests"
    );

    owner.submit("logout", &[]).await;
    assert!(
        !account_page().await.contains("Passwort ändern"),
        "the kept lookup is not used after the logout"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_rotates_the_session_and_sessions_expire() {
    let app = spawn_app().await;
    let b = app.browser(SACHSEN);
    b.login("buerger@sachsen.example", DEMO_PASSWORD).await;
    b.login("buerger@sachsen.example", DEMO_PASSWORD).await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM sessions").await,
        1,
        "the old session ends at the new login"
    );

    app.clock.advance(chrono::Duration::hours(7));
    assert!(b.is_logged_in().await, "7 hours idle is still fine");
    app.clock
        .advance(chrono::Duration::hours(8) + chrono::Duration::minutes(1));
    assert!(!b.is_logged_in().await, "8 hours idle ends the session");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_end_after_the_absolute_timeout_even_when_used() {
    let app = spawn_app().await;
    let b = app.browser(SACHSEN);
    b.login("buerger@sachsen.example", DEMO_PASSWORD).await;
    // Used every 6 hours for 330 hours (13.75 days): still logged in.
    for _ in 0..55 {
        app.clock.advance(chrono::Duration::hours(6));
        assert!(b.is_logged_in().await);
    }
    // 337 hours after login, though used 7 hours ago: the 14 days are over.
    app.clock.advance(chrono::Duration::hours(7));
    assert!(!b.is_logged_in().await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn password_reset_with_a_single_use_link_that_expires() {
    let app = spawn_app().await;
    let b = app.browser(SACHSEN);
    let new_pw = "Ein ganz neues Passwort";

    // Same answer for a known and an unknown address.
    let known = b
        .submit(
            "request-password-reset",
            &[("email", "buerger@sachsen.example")],
        )
        .await;
    let unknown = b
        .submit(
            "request-password-reset",
            &[("email", "niemand@sachsen.example")],
        )
        .await;
    assert_eq!(known, unknown);
    assert_eq!(known.notice.as_deref(), Some("notice.reset_requested"));

    let token = link_token(
        &app.wait_for_mail("buerger@sachsen.example", 1).await,
        "/passwort-zuruecksetzen",
    );
    assert!(app.mails_to("niemand@sachsen.example").is_empty());

    // A weak password is refused and the link stays usable.
    let weak = b
        .submit("reset-password", &[("token", &token), ("password", "kurz")])
        .await;
    assert_eq!(weak.error("password"), Some("error.password.too_short"));

    let ok = b
        .submit("reset-password", &[("token", &token), ("password", new_pw)])
        .await;
    assert!(ok.errors.is_empty(), "{ok:?}");
    assert_eq!(
        b.login("buerger@sachsen.example", DEMO_PASSWORD)
            .await
            .error(""),
        Some("error.login.wrong")
    );
    assert!(
        b.login("buerger@sachsen.example", new_pw)
            .await
            .errors
            .is_empty()
    );

    let reused = b
        .submit(
            "reset-password",
            &[("token", &token), ("password", "Noch ein anderes Passwort")],
        )
        .await;
    assert_eq!(reused.error("token"), Some("error.token.used"));

    // A second link expires after an hour.
    b.submit(
        "request-password-reset",
        &[("email", "buerger@sachsen.example")],
    )
    .await;
    let token2 = link_token(
        &app.wait_for_mail("buerger@sachsen.example", 2).await,
        "/passwort-zuruecksetzen",
    );
    app.clock.advance(chrono::Duration::minutes(61));
    let expired = b
        .submit(
            "reset-password",
            &[
                ("token", &token2),
                ("password", "Noch ein anderes Passwort"),
            ],
        )
        .await;
    assert_eq!(expired.error("token"), Some("error.token.expired"));
    assert!(
        b.page(&format!("/passwort-zuruecksetzen?token={token2}"))
            .await
            .contains("Dieser Link ist abgelaufen")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reset_ends_every_session_of_the_account() {
    let app = spawn_app().await;
    let laptop = app.browser(SACHSEN);
    laptop.login("buerger@sachsen.example", DEMO_PASSWORD).await;
    assert!(laptop.is_logged_in().await);
    let phone = app.browser(SACHSEN);
    phone
        .submit(
            "request-password-reset",
            &[("email", "buerger@sachsen.example")],
        )
        .await;
    let token = link_token(
        &app.wait_for_mail("buerger@sachsen.example", 1).await,
        "/passwort-zuruecksetzen",
    );
    phone
        .submit(
            "reset-password",
            &[("token", &token), ("password", "Ein ganz neues Passwort")],
        )
        .await;
    assert!(!laptop.is_logged_in().await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn change_password_keeps_this_session_and_ends_the_others() {
    let app = spawn_app().await;
    let here = app.browser(SACHSEN);
    let elsewhere = app.browser(SACHSEN);
    here.login("buerger@sachsen.example", DEMO_PASSWORD).await;
    elsewhere
        .login("buerger@sachsen.example", DEMO_PASSWORD)
        .await;
    assert!(elsewhere.is_logged_in().await);

    let wrong = here
        .submit(
            "change-password",
            &[
                ("current_password", "falsch falsch"),
                ("new_password", "Ein ganz neues Passwort"),
            ],
        )
        .await;
    assert_eq!(
        wrong.error("current_password"),
        Some("error.password.wrong_current")
    );

    let ok = here
        .submit(
            "change-password",
            &[
                ("current_password", DEMO_PASSWORD),
                ("new_password", "Ein ganz neues Passwort"),
            ],
        )
        .await;
    assert_eq!(ok.notice.as_deref(), Some("notice.password_changed"));
    assert!(here.is_logged_in().await);
    assert!(!elsewhere.is_logged_in().await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn download_and_delete_my_account() {
    let app = spawn_app().await;
    let b = app.browser(SACHSEN);
    b.login("buerger@sachsen.example", DEMO_PASSWORD).await;

    let res = b.get("/konto/daten.json").await;
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    let data: serde_json::Value = res.json().await.unwrap();
    assert_eq!(data["account"]["email"], "buerger@sachsen.example");
    assert!(
        data.to_string().find("password").is_none(),
        "no password hash in the export"
    );

    let wrong = b
        .submit("delete-account", &[("password", "falsch falsch")])
        .await;
    assert_eq!(
        wrong.error("password"),
        Some("error.password.wrong_current")
    );
    assert!(
        b.submit("delete-account", &[("password", DEMO_PASSWORD)])
            .await
            .errors
            .is_empty()
    );
    assert!(!b.is_logged_in().await);
    assert_eq!(
        b.login("buerger@sachsen.example", DEMO_PASSWORD)
            .await
            .error(""),
        Some("error.login.wrong")
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM users WHERE email = 'buerger@sachsen.example'")
            .await,
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_is_rate_limited_per_account() {
    let app = spawn_app().await;
    let b = app.browser(SACHSEN);
    for _ in 0..5 {
        assert_eq!(
            b.login("buerger@sachsen.example", "falsch falsch")
                .await
                .error(""),
            Some("error.login.wrong")
        );
    }
    // Locked for 15 minutes, even with the right password and from another browser.
    let other = app.browser(SACHSEN);
    assert_eq!(
        other
            .login("buerger@sachsen.example", DEMO_PASSWORD)
            .await
            .error(""),
        Some("error.rate_limited")
    );
    // An unknown address is limited the same way: the limit reveals nothing.
    for _ in 0..5 {
        b.login("niemand@sachsen.example", "falsch falsch").await;
    }
    assert_eq!(
        b.login("niemand@sachsen.example", "falsch falsch")
            .await
            .error(""),
        Some("error.rate_limited")
    );

    app.clock.advance(chrono::Duration::minutes(16));
    assert!(
        other
            .login("buerger@sachsen.example", DEMO_PASSWORD)
            .await
            .errors
            .is_empty()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_registration_and_reset_are_rate_limited_per_address() {
    let app = spawn_app_with(|s| s.ip_rate_limit = 3).await;
    let b = app.browser(SACHSEN);
    for i in 0..3 {
        assert_eq!(
            b.login(&format!("u{i}@example.org"), "falsch falsch")
                .await
                .error(""),
            Some("error.login.wrong")
        );
    }
    assert_eq!(
        b.login("u9@example.org", "falsch falsch").await.error(""),
        Some("error.rate_limited")
    );

    for i in 0..3 {
        assert!(
            b.register(&format!("r{i}@example.org"), "R", PW)
                .await
                .errors
                .is_empty()
        );
    }
    assert_eq!(
        b.register("r9@example.org", "R", PW).await.error(""),
        Some("error.rate_limited")
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM users WHERE email = 'r9@example.org'")
            .await,
        0
    );

    for i in 0..3 {
        assert!(
            b.submit(
                "request-password-reset",
                &[("email", &format!("x{i}@example.org"))]
            )
            .await
            .errors
            .is_empty()
        );
    }
    let limited = b
        .submit("request-password-reset", &[("email", "x9@example.org")])
        .await;
    assert_eq!(limited.error(""), Some("error.rate_limited"));
}
