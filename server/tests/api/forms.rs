//! Forms without JavaScript: post, redirect, the error next to the field, input kept.
use crate::helpers::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plain_form_post_comes_back_with_the_error_and_the_input() {
    let app = spawn_app().await;
    let b = app.browser(SACHSEN);
    let res = b
        .submit_plain(
            "/registrieren",
            "register",
            &[
                ("email", "anna@example"),
                ("name", "Anna <b>S</b>"),
                ("password", "geheim"),
            ],
        )
        .await;
    assert_eq!(res.status(), 302);
    let back = res.headers()["location"].to_str().unwrap().to_string();
    assert!(
        back.starts_with(&format!("{}/registrieren", b.origin)),
        "{back}"
    );

    let page = b.page("/registrieren").await;
    // Each error sits next to its field and is tied to it for screen readers.
    assert!(page.contains(r#"<p id="field-email-error" class="field__error">Bitte geben Sie eine gültige E-Mail-Adresse ein"#), "{page}");
    assert!(page.contains(r#"aria-describedby="field-email-error""#));
    assert!(page.contains(r#"<p id="field-password-error" class="field__error">Das Passwort muss mindestens 12 Zeichen lang sein."#));
    // The input is kept (escaped), the password is not.
    assert!(page.contains(r#"value="anna@example""#));
    assert!(page.contains(r#"value="Anna &lt;b&gt;S&lt;/b&gt;""#));
    assert!(!page.contains("geheim"));

    // Shown once: a reload shows the empty form.
    let again = b.page("/registrieren").await;
    assert!(!again.contains("field__error"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plain_login_redirects_to_the_account_with_a_notice() {
    let app = spawn_app().await;
    let b = app.browser(SACHSEN);
    let res = b
        .submit_plain(
            "/anmelden",
            "login",
            &[
                ("email", "buerger@sachsen.example"),
                ("password", DEMO_PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status(), 302);
    assert_eq!(res.headers()["location"], "/konto");
    let page = b.page("/konto").await;
    assert!(page.contains("Sie sind angemeldet."));
    assert!(page.contains("Berta Bürgerin"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_oversized_body_is_refused_with_a_readable_page() {
    let app = spawn_app().await;
    let b = app.browser(SACHSEN);
    let huge = "x".repeat(server::MAX_BODY_BYTES + 1);
    let res = b
        .call(
            "register",
            &[
                ("email", "a@example.org"),
                ("name", &huge),
                ("password", "Frühling am Elbufer"),
            ],
        )
        .await;
    assert_eq!(res.status(), 413);
    assert!(res.text().await.unwrap().contains("Eingabe zu groß"));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM users WHERE email = 'a@example.org'")
            .await,
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_render_in_german_and_english() {
    let app = spawn_app().await;
    let b = app.browser(SACHSEN);
    let de = b.page("/anmelden").await;
    assert!(de.contains(r#"<html lang="de">"#) && de.contains("<h1>Anmelden</h1>"));
    let res = b.get("/sprache/en?zurueck=/anmelden").await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/anmelden");
    let en = b.page("/anmelden").await;
    assert!(
        en.contains(r#"<html lang="en">"#) && en.contains("<h1>Log in</h1>"),
        "{en}"
    );
    // The switch never sends anyone to another site.
    let res = b.get("/sprache/de?zurueck=//evil.example").await;
    assert_eq!(res.headers()["location"], "/");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_has_one_h1_and_unknown_pages_are_404() {
    let app = spawn_app().await;
    let b = app.browser(SACHSEN);
    for path in [
        "/",
        "/registrieren",
        "/anmelden",
        "/passwort-vergessen",
        "/passwort-zuruecksetzen?token=x",
        "/konto",
        "/konto/bestaetigen?token=x",
        "/impressum",
        "/datenschutz",
        "/barrierefreiheit",
        "/einladung?token=x",
        "/verwaltung",
        "/verwaltung/e-mails",
        "/benachrichtigungen",
        "/benachrichtigungen/bestaetigen?token=x",
        "/benachrichtigungen/verwalten?token=x",
        "/benachrichtigungen/abmelden?token=x",
        "/benachrichtigungen/abgemeldet",
    ] {
        let page = b.page(path).await;
        assert_eq!(page.matches("<h1").count(), 1, "{path}");
        assert!(page.contains(r#"class="skip-link""#), "{path}");
    }
    let res = b.get("/gibt-es-nicht").await;
    assert_eq!(res.status(), 404);
    assert!(res.text().await.unwrap().contains("Seite nicht gefunden"));
}
