//! Demo data: two tenants, each with an organization, one person per role, and each
//! area's part (moderation reasons, consultations open, upcoming and concluded,
//! petitions open, in review and answered, permit procedures in their objection period and
//! decided).
//! Loading it twice changes nothing.
pub use crate::consultations::service::demo::demo_pdf;

use crate::account::service::create_verified;
use crate::admin::service::grant;
use crate::domain::{EmailAddress, NewPassword, Role};
use crate::platform::AppError;
use crate::platform::entities::{organization, tenant, tenant_host, user};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

/// The password of every demo account (printed by `make run`, listed in the README).
pub const DEMO_PASSWORD: &str = "mitwirken-demo-2026";

struct DemoTenant {
    slug: &'static str,
    name: &'static str,
    state_code: &'static str,
    color: &'static str,
    hosts: &'static [&'static str],
    primary_host: Option<&'static str>,
    is_default: bool,
    organization: &'static str,
    mail_domain: &'static str,
}

const TENANTS: [DemoTenant; 2] = [
    DemoTenant {
        slug: "sachsen",
        name: "Beteiligungsportal Sachsen",
        state_code: "SN",
        color: "#0b5394",
        hosts: &["127.0.0.1", "localhost"],
        primary_host: None,
        is_default: true,
        organization: "Landesdirektion Sachsen",
        mail_domain: "sachsen.example",
    },
    DemoTenant {
        slug: "hessen",
        name: "Beteiligungsportal Hessen",
        state_code: "HE",
        color: "#8a1538",
        hosts: &["hessen.localhost"],
        primary_host: Some("hessen.localhost"),
        is_default: false,
        organization: "Regierungspräsidium Darmstadt",
        mail_domain: "hessen.example",
    },
];

/// (local part, display name, role) of the demo people; the citizen has no role.
const PEOPLE: [(&str, &str, Option<Role>); 4] = [
    ("admin", "Tina Admin", Some(Role::TenantAdmin)),
    ("staff", "Sam Sachbearbeitung", Some(Role::Staff)),
    ("moderation", "Mo Moderation", Some(Role::Moderator)),
    ("buerger", "Berta Bürgerin", None),
];

fn legal_text(kind: &str, tenant: &str) -> String {
    match kind {
        "imprint" => format!(
            "{tenant}\n\nDies ist eine Demo-Installation von Mitwirken. Verantwortlich im Sinne des § 18 MStV: die betreibende Behörde (hier einzutragen)."
        ),
        "privacy" => format!(
            "{tenant} verarbeitet personenbezogene Daten nur, soweit dies für die Beteiligung erforderlich ist (Art. 6 Abs. 1 lit. e DSGVO). Sitzungs-Cookies sind technisch notwendig; es gibt keine Analyse- oder Werbe-Cookies."
        ),
        _ => format!(
            "{tenant} bemüht sich, seine Website im Einklang mit der BITV 2.0 barrierefrei zugänglich zu machen. Barrieren melden Sie bitte über die im Impressum genannte Adresse."
        ),
    }
}

/// Loads what is missing; `files_dir` receives the demo PDF.
pub async fn seed(
    db: &DatabaseConnection,
    now: chrono::DateTime<chrono::Utc>,
    files_dir: &std::path::Path,
) -> Result<(), AppError> {
    seed_tenants(db, now).await?;
    for demo in &TENANTS {
        crate::consultations::service::demo::seed(db, now, files_dir, demo.slug).await?;
        crate::petitions::service::demo::seed(db, now, demo.slug).await?;
        crate::permits::service::demo::seed(db, now, files_dir, demo.slug).await?;
    }
    Ok(())
}

async fn seed_tenants(
    db: &DatabaseConnection,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    let password = NewPassword::parse(DEMO_PASSWORD, "").expect("demo password is valid");
    for demo in &TENANTS {
        if tenant::Entity::find()
            .filter(tenant::Column::Slug.eq(demo.slug))
            .one(db)
            .await?
            .is_some()
        {
            continue;
        }
        let txn = crate::platform::db::begin_write(db).await?;
        if demo.is_default {
            // One default tenant: the demo's replaces the placeholder of a fresh start.
            tenant::Entity::update_many()
                .col_expr(
                    tenant::Column::IsDefault,
                    sea_orm::sea_query::Expr::value(false),
                )
                .exec(&txn)
                .await?;
        }
        let t = tenant::ActiveModel {
            id: Set(Uuid::new_v4()),
            slug: Set(demo.slug.into()),
            name: Set(demo.name.into()),
            state_code: Set(demo.state_code.into()),
            brand_color: Set(demo.color.into()),
            logo_url: Set(None),
            primary_host: Set(demo.primary_host.map(Into::into)),
            sender_email: Set(format!("noreply@{}", demo.mail_domain)),
            imprint: Set(legal_text("imprint", demo.name)),
            privacy: Set(legal_text("privacy", demo.name)),
            accessibility: Set(legal_text("accessibility", demo.name)),
            is_default: Set(demo.is_default),
            created_at: Set(now),
        }
        .insert(&txn)
        .await?;
        for host in demo.hosts {
            tenant_host::ActiveModel {
                host: Set((*host).into()),
                tenant_id: Set(t.id),
            }
            .insert(&txn)
            .await?;
        }
        let org = organization::ActiveModel {
            id: Set(Uuid::new_v4()),
            tenant_id: Set(t.id),
            name: Set(demo.organization.into()),
            created_at: Set(now),
        }
        .insert(&txn)
        .await?;
        crate::contributions::service::moderation::reasons::seed_defaults(&txn, t.id, now).await?;
        for (local, name, role) in PEOPLE {
            let email = EmailAddress::parse(&format!("{local}@{}", demo.mail_domain))
                .expect("demo address is valid");
            let u: user::Model = create_verified(&txn, now, t.id, &email, name, &password).await?;
            if let Some(role) = role {
                let org_id = (role != Role::TenantAdmin).then_some(org.id);
                grant(&txn, now, t.id, u.id, org_id, role).await?;
            }
        }
        txn.commit().await?;
    }
    Ok(())
}
