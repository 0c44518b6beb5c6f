//! Two tenants on one installation see nothing of each other.
use crate::helpers::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_host_header_chooses_the_tenant() {
    let app = spawn_app().await;
    assert!(
        app.browser(SACHSEN)
            .page("/")
            .await
            .contains("Beteiligungsportal Sachsen")
    );
    assert!(
        app.browser(HESSEN)
            .page("/")
            .await
            .contains("Beteiligungsportal Hessen")
    );
    // An unknown host gets the default tenant.
    let res = app
        .browser(SACHSEN)
        .client
        .get(format!("http://127.0.0.1:{}/", app.port))
        .header("Host", "unbekannt.example")
        .send()
        .await
        .unwrap();
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Beteiligungsportal Sachsen")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accounts_of_one_tenant_cannot_log_into_the_other() {
    let app = spawn_app().await;
    for (host, email) in [
        (HESSEN, "buerger@sachsen.example"),
        (HESSEN, "admin@sachsen.example"),
        (SACHSEN, "staff@hessen.example"),
    ] {
        let reply = app.browser(host).login(email, DEMO_PASSWORD).await;
        assert_eq!(
            reply.error(""),
            Some("error.login.wrong"),
            "{email} on {host}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_of_one_tenant_is_worthless_on_the_other() {
    let app = spawn_app().await;
    let sachsen = app.browser(SACHSEN);
    sachsen.login("admin@sachsen.example", DEMO_PASSWORD).await;
    let cookie = sachsen
        .session_cookie_of_login("admin@sachsen.example", DEMO_PASSWORD)
        .await;
    let session = cookie.split(';').next().unwrap().to_string();

    // The same cookie sent to the other tenant's host: no user, no staff page, no data.
    let hessen = app.browser(HESSEN);
    let with_cookie = |path: &str| {
        hessen
            .client
            .get(format!("{}{path}", hessen.origin))
            .header("Cookie", session.clone())
            .send()
    };
    let account = with_cookie("/konto").await.unwrap().text().await.unwrap();
    assert!(!account.contains("Tina Admin") && !account.contains("Passwort ändern"));
    let staff = with_cookie("/verwaltung").await.unwrap();
    assert_ne!(staff.status(), 200);
    let staff = staff.text().await.unwrap();
    assert!(
        !staff.contains("Landesdirektion Sachsen")
            && !staff.contains("Regierungspräsidium Darmstadt")
    );
    let data = with_cookie("/konto/daten.json").await.unwrap();
    assert_eq!(data.status(), 303, "redirected to the login, no data");
    let create = hessen
        .client
        .post(format!("{}/api/create-organization", hessen.origin))
        .header("Origin", &hessen.origin)
        .header("Accept", "application/json")
        .header("Cookie", session.clone())
        .form(&[("name", "Eingeschleust")])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(create.contains("notice.login_required"), "{create}");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM organizations WHERE name = 'Eingeschleust'")
            .await,
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_of_one_tenant_see_nothing_of_the_other() {
    let app = spawn_app().await;
    let admin = app.browser(HESSEN);
    admin.login("admin@hessen.example", DEMO_PASSWORD).await;
    let page = admin.page("/verwaltung").await;
    assert!(page.contains("Regierungspräsidium Darmstadt"));
    assert!(!page.contains("Landesdirektion Sachsen") && !page.contains("sachsen.example"));

    // An invitation into the other tenant's organization is refused.
    let sachsen_admin = app.browser(SACHSEN);
    sachsen_admin
        .login("admin@sachsen.example", DEMO_PASSWORD)
        .await;
    let sachsen_page = sachsen_admin.page("/verwaltung").await;
    let sachsen_org = sachsen_page
        .split("<option value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let reply = admin
        .submit(
            "invite-staff",
            &[
                ("email", "x@hessen.example"),
                ("organization", &sachsen_org),
                ("role", "staff"),
            ],
        )
        .await;
    assert_eq!(
        reply.error("organization"),
        Some("error.organization.invalid")
    );

    // Links work only on the tenant that sent them.
    sachsen_admin
        .submit(
            "invite-staff",
            &[
                ("email", "y@sachsen.example"),
                ("organization", &sachsen_org),
                ("role", "staff"),
            ],
        )
        .await;
    let token = link_token(
        &app.wait_for_mail("y@sachsen.example", 1).await,
        "/einladung",
    );
    let wrong_host = app
        .browser(HESSEN)
        .submit(
            "accept-invitation",
            &[
                ("token", &token),
                ("name", "Y"),
                ("password", "Frühling am Elbufer"),
            ],
        )
        .await;
    assert_eq!(wrong_host.error("token"), Some("error.token.invalid"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_links_use_the_tenants_own_host() {
    let app = spawn_app().await;
    app.browser(HESSEN)
        .register("neu@hessen.example", "Neu", "Frühling am Elbufer")
        .await;
    let mail = app.wait_for_mail("neu@hessen.example", 1).await;
    assert!(
        mail.contains(&format!(
            "http://hessen.localhost:{}/konto/bestaetigen?token=",
            app.port
        )),
        "{mail}"
    );
    assert!(
        mail.contains("From: Beteiligungsportal Hessen <noreply@hessen.example>")
            || mail.contains("Beteiligungsportal Hessen")
    );
}
