//! The procedure engine's services. Every lookup is scoped by tenant: another tenant's
//! procedure is "not found"; who may see or run a procedure is proven once, in `access`.
pub mod access;
pub mod documents;
pub mod editor;
pub mod fields;
pub mod files;
pub mod lifecycle;
pub mod listing;
pub mod phases;
pub mod status;

pub use access::{Managed, changeable, find, managed, visible};

use crate::platform::entities::{organization, tenant};
use crate::platform::entities::{phase, procedure, procedure_topic};
use crate::platform::{AppError, Settings, tenants};
use crate::procedures::rules::lifecycle::{self as rules, Window};
use crate::procedures::rules::{ProcedureKind, Status};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

/// An id from a URL or form; anything that is not one names nothing.
pub fn parse_id(s: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(s.trim()).map_err(|_| AppError::NotFound)
}

/// The comment phases of a procedure, in order.
pub async fn phases_of(
    db: &impl ConnectionTrait,
    procedure_id: Uuid,
) -> Result<Vec<phase::Model>, AppError> {
    Ok(phase::Entity::find()
        .filter(phase::Column::ProcedureId.eq(procedure_id))
        .order_by_asc(phase::Column::StartsAt)
        .all(db)
        .await?)
}

pub fn windows(phases: &[phase::Model]) -> Vec<Window> {
    phases.iter().map(phase::Model::window).collect()
}

/// The status a procedure has now: stored, moved on by its dates if the lifecycle
/// worker has not come by yet.
pub async fn effective_status(
    db: &impl ConnectionTrait,
    p: &procedure::Model,
    now: DateTime<Utc>,
) -> Result<Status, AppError> {
    let phases = phases_of(db, p.id).await?;
    Ok(rules::scheduled(p.status, &windows(&phases), now))
}

/// Whether the procedure takes contributions now: its phases decide, to the second,
/// whatever the stored status says.
pub async fn accepts_contributions(
    db: &impl ConnectionTrait,
    p: &procedure::Model,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let phases = phases_of(db, p.id).await?;
    Ok(rules::accepts_contributions(
        p.status,
        &windows(&phases),
        now,
    ))
}

pub async fn topics(
    db: &impl ConnectionTrait,
    procedure_id: Uuid,
) -> Result<Vec<String>, AppError> {
    Ok(procedure_topic::Entity::find()
        .filter(procedure_topic::Column::ProcedureId.eq(procedure_id))
        .order_by_asc(procedure_topic::Column::Topic)
        .all(db)
        .await?
        .into_iter()
        .map(|t| t.topic)
        .collect())
}

pub async fn organization_name(
    db: &impl ConnectionTrait,
    organization_id: Uuid,
) -> Result<String, AppError> {
    Ok(organization::Entity::find_by_id(organization_id)
        .one(db)
        .await?
        .map(|o| o.name)
        .unwrap_or_default())
}

/// The path of a procedure's public page: a consultation's own, a debate's on its
/// petition's page (same id).
pub fn public_path(p: &procedure::Model) -> String {
    match p.kind {
        ProcedureKind::Consultation => format!("/verfahren/{}", p.id),
        ProcedureKind::Debate => format!("/petitionen/{}", p.id),
        ProcedureKind::Permit => format!("/genehmigungen/{}", p.id),
    }
}

/// The path of a procedure's staff page: a permit procedure has its own.
pub fn staff_path(p: &procedure::Model) -> String {
    match p.kind {
        ProcedureKind::Permit => format!("/verwaltung/genehmigungen/{}", p.id),
        _ => format!("/verwaltung/verfahren/{}", p.id),
    }
}

/// The public address of a procedure, for mails.
pub fn url(settings: &Settings, tenant: &tenant::Model, p: &procedure::Model) -> String {
    format!("{}{}", tenants::base_url(settings, tenant), public_path(p))
}

/// The subscription keys an event about a procedure matches: the procedure itself, its
/// organization, its topics and its places.
pub async fn event_keys(
    db: &impl ConnectionTrait,
    p: &procedure::Model,
) -> Result<Vec<String>, AppError> {
    use crate::domain::Scope;
    let mut keys = vec![
        Scope::Procedure(p.id.to_string()).key(),
        Scope::Organization(p.organization_id.to_string()).key(),
    ];
    keys.extend(
        topics(db, p.id)
            .await?
            .into_iter()
            .map(|t| Scope::Topic(t).key()),
    );
    keys.extend(p.area_keys.split_whitespace().map(str::to_string));
    Ok(keys)
}

/// What every mail about a procedure shows.
pub async fn event_data(
    db: &impl ConnectionTrait,
    settings: &Settings,
    tenant: &tenant::Model,
    p: &procedure::Model,
) -> Result<serde_json::Value, AppError> {
    Ok(serde_json::json!({
        "procedure_title": p.title,
        "summary": p.summary,
        "organization": organization_name(db, p.organization_id).await?,
        "url": url(settings, tenant, p),
    }))
}

/// "1,2 MB" / "340 KB".
pub fn human_size(bytes: i64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0)).replace('.', ",")
    } else {
        format!("{} KB", (bytes + 1023) / 1024)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_read_like_german_numbers() {
        assert_eq!(super::human_size(1_258_291), "1,2 MB");
        assert_eq!(super::human_size(2_000), "2 KB");
    }
}
