//! Security headers and the Origin check.
use crate::helpers::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_response_carries_the_security_headers() {
    let app = spawn_app().await;
    let b = app.browser(SACHSEN);
    for path in [
        "/",
        "/anmelden",
        "/healthz",
        "/gibt-es-nicht",
        "/tenant.css",
    ] {
        let res = b.get(path).await;
        let h = res.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("default-src 'self'"), "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}");
        assert!(csp.contains("'wasm-unsafe-eval'"), "{path}");
        assert!(!csp.contains("unsafe-inline"), "{path}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], "same-origin", "{path}");
        assert!(h.contains_key("permissions-policy"), "{path}");
        assert!(h.contains_key("x-request-id"), "{path}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_run_only_the_sites_own_scripts() {
    let app = spawn_app().await;
    let b = app.browser(SACHSEN);
    for path in ["/", "/anmelden", "/verfahren"] {
        let res = b.get(path).await;
        let csp = res.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_string();
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval';"),
            "{path}: {csp}"
        );
        for forbidden in ["unsafe-inline", "'unsafe-eval'", "nonce-", "*"] {
            assert!(!csp.contains(forbidden), "{path}: {forbidden} in {csp}");
        }
        let html = res.text().await.unwrap();
        let tags: Vec<&str> = html
            .split("<script")
            .skip(1)
            .map(|rest| rest.split("</script>").next().unwrap())
            .collect();
        assert!(!tags.is_empty(), "{path}: the islands' loader");
        for tag in tags {
            let (attrs, body) = tag.split_once('>').unwrap();
            assert!(
                attrs.contains("src=\"/pkg/") && body.is_empty(),
                "{path}: an inline script or one from elsewhere: <script{tag}"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn state_changing_requests_need_this_sites_origin() {
    let app = spawn_app().await;
    let b = app.browser(SACHSEN);
    let url = format!("{}/api/login", b.origin);
    let form = [
        ("email", "buerger@sachsen.example"),
        ("password", DEMO_PASSWORD),
    ];

    let missing = b.client.post(&url).form(&form).send().await.unwrap();
    assert_eq!(missing.status(), 403);
    assert!(missing.text().await.unwrap().contains("Origin-Prüfung"));

    let foreign = b
        .client
        .post(&url)
        .header("Origin", "http://evil.example")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(foreign.status(), 403);

    // Another tenant of this very installation is foreign, too.
    let other_tenant = b
        .client
        .post(&url)
        .header("Origin", format!("http://{HESSEN}:{}", app.port))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(other_tenant.status(), 403);
    assert!(!b.is_logged_in().await);

    assert!(
        b.login("buerger@sachsen.example", DEMO_PASSWORD)
            .await
            .errors
            .is_empty()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn session_cookies_are_http_only_and_same_site() {
    let app = spawn_app().await;
    let b = app.browser(SACHSEN);
    let cookie = b
        .session_cookie_of_login("buerger@sachsen.example", DEMO_PASSWORD)
        .await;
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(!cookie.contains("Secure"), "plain http base URL");

    // Served over https by a proxy in front: the browser's Origin says https.
    let https = spawn_app_with(|s| s.secure_cookies = true).await;
    let host = format!("{SACHSEN}:{}", https.port);
    let res = reqwest::Client::new()
        .post(format!("http://{host}/api/login"))
        .header("Origin", format!("https://{host}"))
        .header("Accept", "application/json")
        .form(&[
            ("email", "buerger@sachsen.example"),
            ("password", DEMO_PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    let cookie = set_cookie(&res, "mitwirken_session").expect("a session cookie");
    assert!(cookie.contains("; Secure"), "{cookie}");
}
