//! Who may do what: each role against each action of consultations and moderation,
//! including staff of another organization and the admin of another tenant.
use crate::helpers::*;
use app::domain::{EmailAddress, NewPassword, Role};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    /// Passed the permission check (the action may still refuse bad input).
    Allowed,
    /// Sent to the login.
    Login,
    Forbidden,
    /// Not visible at all (another tenant's, or a draft of someone else).
    NotFound,
}
use Outcome::*;

fn of_reply(r: &Reply) -> Outcome {
    match r.error("") {
        Some("error.forbidden") => Forbidden,
        Some("error.not_found") => NotFound,
        _ if r.notice.as_deref() == Some("notice.login_required") => Login,
        _ => Allowed,
    }
}

fn of_status(res: &reqwest::Response) -> Outcome {
    let location = res
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or("");
    match res.status().as_u16() {
        401 => Login,
        302 | 303 if location == "/anmelden" => Login,
        403 => Forbidden,
        404 => NotFound,
        200 | 302 | 303 => Allowed,
        other => panic!("unexpected status {other}"),
    }
}

/// Another organization of Sachsen with a staff member of its own.
async fn other_organization_staff(app: &TestApp) -> Browser {
    use app::platform::entities::{organization, tenant};
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
    let now = app.clock_now();
    let t = tenant::Entity::find()
        .filter(tenant::Column::Slug.eq("sachsen"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let org = organization::ActiveModel {
        id: Set(uuid::Uuid::new_v4()),
        tenant_id: Set(t.id),
        name: Set("Stadt Leipzig".into()),
        created_at: Set(now),
    }
    .insert(&app.db)
    .await
    .unwrap();
    let email = EmailAddress::parse("planung@leipzig.example").unwrap();
    let password = NewPassword::parse(DEMO_PASSWORD, "").unwrap();
    let u = app::account::service::create_verified(
        &app.db,
        now,
        t.id,
        &email,
        "Lena Leipzig",
        &password,
    )
    .await
    .unwrap();
    app::admin::service::grant(&app.db, now, t.id, u.id, Some(org.id), Role::Staff)
        .await
        .unwrap();
    let b = app.browser(SACHSEN);
    b.login("planung@leipzig.example", DEMO_PASSWORD).await;
    b
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_role_against_every_action() {
    let app = spawn_app().await;
    let p = app.open_consultation("name", "after", 0, 600).await;
    app.browser(SACHSEN)
        .comment(&p, "Ein Beitrag", &[("name", "Anna")])
        .await;
    let c = app.comments_of(&p).await[0].1.clone();
    let version = app.version_of(&c).await;
    let org = app.organization_id("Landesdirektion Sachsen").await;
    let d = app
        .demo("staff")
        .await
        .create(&consultation_form(&org, "Entwurf", "name", "after"))
        .await;

    let hessen_admin = app.browser(HESSEN);
    hessen_admin
        .login("admin@hessen.example", DEMO_PASSWORD)
        .await;
    let actors: Vec<(&str, Browser)> = vec![
        ("visitor", app.browser(SACHSEN)),
        ("citizen", app.demo("buerger").await),
        (
            "staff of another organization",
            other_organization_staff(&app).await,
        ),
        ("moderator", app.demo("moderation").await),
        ("admin of the other tenant", hessen_admin),
        ("staff", app.demo("staff").await),
        ("tenant admin", app.demo("admin").await),
    ];
    let staff_only = [
        Login, Forbidden, Forbidden, Forbidden, NotFound, Allowed, Allowed,
    ];
    let staff_pages = staff_only;
    let moderators = [
        Login, Forbidden, Forbidden, Allowed, NotFound, Forbidden, Allowed,
    ];

    let forms: Vec<(&str, Vec<(&str, &str)>, [Outcome; 7])> = vec![
        (
            "procedure-update",
            [
                vec![("id", p.as_str())],
                consultation_form(&org, "Neu", "name", "after"),
            ]
            .concat(),
            staff_only,
        ),
        (
            "phase-add",
            vec![
                ("id", &p),
                ("starts", "2030-01-01T10:00"),
                ("ends", "2030-01-02T10:00"),
            ],
            staff_only,
        ),
        (
            "document-text-add",
            vec![("id", &p), ("doc_title", "Anlage"), ("text", "# Eins")],
            staff_only,
        ),
        (
            "results-save",
            vec![("id", &p), ("results", "Ergebnis")],
            staff_only,
        ),
        (
            "status-confirm",
            vec![("id", &d), ("target", "announced")],
            staff_only,
        ),
        (
            "comment-answer",
            vec![("id", &c), ("answer", "Danke")],
            staff_only,
        ),
        (
            "moderation-decide",
            vec![("id", &c), ("version", &version), ("decision", "approve")],
            moderators,
        ),
    ];
    for (endpoint, form, expected) in &forms {
        for ((who, b), want) in actors.iter().zip(expected) {
            let got = of_reply(&b.submit(endpoint, form).await);
            assert_eq!(got, *want, "{who} → {endpoint}");
        }
    }

    let pages: Vec<(String, [Outcome; 7])> = vec![
        (format!("/verwaltung/verfahren/{p}"), staff_pages),
        (format!("/verwaltung/verfahren/{p}/beitraege"), staff_pages),
        (
            format!("/verwaltung/verfahren/{p}/beitraege.csv"),
            staff_only,
        ),
        (
            format!("/verwaltung/verfahren/{d}/status/announced"),
            staff_pages,
        ),
        (
            format!("/verfahren/{d}"),
            [
                NotFound, NotFound, NotFound, NotFound, NotFound, Allowed, Allowed,
            ],
        ),
        (
            "/moderation".into(),
            [
                Login, Forbidden, Forbidden, Allowed, Allowed, Forbidden, Allowed,
            ],
        ),
        (
            "/verwaltung/protokoll".into(),
            [
                Login, Forbidden, Forbidden, Forbidden, Allowed, Forbidden, Allowed,
            ],
        ),
    ];
    for (path, expected) in &pages {
        for ((who, b), want) in actors.iter().zip(expected) {
            let got = of_status(&b.get(path).await);
            assert_eq!(got, *want, "{who} → GET {path}");
        }
    }
    // The other tenant's admin sees their own queue and log, never Sachsen's.
    let (_, hessen) = &actors[4];
    assert!(!hessen.page("/moderation").await.contains("Ein Beitrag"));
    assert!(
        !hessen
            .page("/verwaltung/protokoll")
            .await
            .contains("Bebauungsplan Elbufer")
    );
}
