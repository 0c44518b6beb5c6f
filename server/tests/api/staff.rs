//! Tenant admins manage organizations and invite staff; staff pages are for staff.
use crate::helpers::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tenant_admin_invites_staff_who_join_by_the_mailed_link() {
    let app = spawn_app().await;
    let admin = app.browser(SACHSEN);
    admin.login("admin@sachsen.example", DEMO_PASSWORD).await;

    let created = admin
        .submit("create-organization", &[("name", "Stadt Leipzig")])
        .await;
    assert_eq!(
        created.notice.as_deref(),
        Some("notice.organization_created")
    );
    let taken = admin
        .submit("create-organization", &[("name", "Stadt Leipzig")])
        .await;
    assert_eq!(taken.error("name"), Some("error.organization.name_taken"));
    let page = admin.page("/verwaltung").await;
    let org_id = page
        .split("<option value=\"")
        .skip(1)
        .find(|o| o.contains("Stadt Leipzig"))
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();

    let bad = admin
        .submit(
            "invite-staff",
            &[
                ("email", "kein-mail"),
                ("organization", &org_id),
                ("role", "staff"),
            ],
        )
        .await;
    assert_eq!(bad.error("email"), Some("error.email.invalid"));
    let bad_role = admin
        .submit(
            "invite-staff",
            &[
                ("email", "neu@leipzig.de"),
                ("organization", &org_id),
                ("role", "tenant_admin"),
            ],
        )
        .await;
    assert_eq!(bad_role.error("role"), Some("error.role.invalid"));

    let sent = admin
        .submit(
            "invite-staff",
            &[
                ("email", "neu@leipzig.de"),
                ("organization", &org_id),
                ("role", "moderator"),
            ],
        )
        .await;
    assert_eq!(sent.notice.as_deref(), Some("notice.invitation_sent"));
    let mail = app.wait_for_mail("neu@leipzig.de", 1).await;
    assert!(
        mail.contains("Stadt Leipzig") && mail.contains("Moderation"),
        "{mail}"
    );
    // Questions go to the admin who invited.
    assert!(mail.contains("Reply-To: admin@sachsen.example"), "{mail}");
    let token = link_token(&mail, "/einladung");

    let invitee = app.browser(SACHSEN);
    assert!(
        invitee
            .page(&format!("/einladung?token={token}"))
            .await
            .contains("Stadt Leipzig")
    );
    let weak = invitee
        .submit(
            "accept-invitation",
            &[
                ("token", &token),
                ("name", "Nina Neu"),
                ("password", "kurz"),
            ],
        )
        .await;
    assert_eq!(weak.error("password"), Some("error.password.too_short"));
    let joined = invitee
        .submit(
            "accept-invitation",
            &[
                ("token", &token),
                ("name", "Nina Neu"),
                ("password", "Frühling am Elbufer"),
            ],
        )
        .await;
    assert!(joined.errors.is_empty(), "{joined:?}");
    let staff_page = invitee.page("/verwaltung").await;
    assert!(staff_page.contains("Nina Neu") && staff_page.contains("Stadt Leipzig"));
    // A member sees their own organization only, and no admin forms.
    assert!(!staff_page.contains("Landesdirektion Sachsen"));
    assert!(!staff_page.contains("Mitarbeitende einladen"));

    let reused = app
        .browser(SACHSEN)
        .submit(
            "accept-invitation",
            &[
                ("token", &token),
                ("name", "X"),
                ("password", "Frühling am Elbufer"),
            ],
        )
        .await;
    assert_eq!(reused.error("token"), Some("error.token.used"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_tenant_admins_manage_and_only_staff_see_staff_pages() {
    let app = spawn_app().await;
    // (login, may see the staff page, may create organizations)
    for (email, sees, manages) in [
        (None, false, false),
        (Some("buerger@sachsen.example"), false, false),
        (Some("staff@sachsen.example"), true, false),
        (Some("moderation@sachsen.example"), true, false),
        (Some("admin@sachsen.example"), true, true),
    ] {
        let b = app.browser(SACHSEN);
        if let Some(email) = email {
            assert!(b.login(email, DEMO_PASSWORD).await.errors.is_empty());
        }
        let res = b.get("/verwaltung").await;
        let status = res.status().as_u16();
        let page = res.text().await.unwrap();
        assert_eq!(page.contains("Landesdirektion Sachsen"), sees, "{email:?}");
        assert_eq!(status == 200, sees, "{email:?}: {status}");
        let name = format!("Neue Behörde {}", email.unwrap_or("anon"));
        let reply = b.submit("create-organization", &[("name", &name)]).await;
        assert_eq!(
            reply.notice.as_deref() == Some("notice.organization_created"),
            manages,
            "{email:?}: {reply:?}"
        );
        let stored = app
            .count(&format!(
                "SELECT COUNT(*) FROM organizations WHERE name = '{name}'"
            ))
            .await;
        assert_eq!(stored == 1, manages, "{email:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_logged_in_citizen_who_joins_as_staff_sees_the_staff_pages_at_once() {
    let app = spawn_app().await;
    let citizen = app.demo("buerger").await;
    assert_eq!(citizen.get("/verwaltung").await.status(), 403);

    let admin = app.demo("admin").await;
    let org_id = app.organization_id("Landesdirektion Sachsen").await;
    let sent = admin
        .submit(
            "invite-staff",
            &[
                ("email", "buerger@sachsen.example"),
                ("organization", &org_id),
                ("role", "moderator"),
            ],
        )
        .await;
    assert_eq!(sent.notice.as_deref(), Some("notice.invitation_sent"));
    let token = link_token(
        &app.wait_for_mail("buerger@sachsen.example", 1).await,
        "/einladung",
    );
    let joined = citizen
        .submit(
            "accept-invitation",
            &[("token", &token), ("name", ""), ("password", DEMO_PASSWORD)],
        )
        .await;
    assert!(joined.errors.is_empty(), "{joined:?}");

    // The same session, right away: the roles it was looked up with are not reused.
    let staff_page = citizen.get("/verwaltung").await;
    assert_eq!(staff_page.status(), 200);
    assert!(
        staff_page
            .text()
            .await
            .unwrap()
            .contains("Landesdirektion Sachsen")
    );
}
