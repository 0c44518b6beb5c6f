//! Procedures (for now: consultations). Every lookup is scoped by tenant: another
//! tenant's procedure is "not found".
pub mod editor;
pub mod files;
pub mod listing;
pub mod page;

use super::entities::{organization, phase, procedure, procedure_topic, tenant};
use super::{AppError, Settings, tenants};
use crate::domain::Status;
use crate::domain::lifecycle::Window;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

pub const KIND_CONSULTATION: &str = "consultation";

/// An id from a URL or form; anything that is not one names nothing.
pub fn parse_id(s: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(s.trim()).map_err(|_| AppError::NotFound)
}

/// A procedure of this tenant.
pub async fn find(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    id: Uuid,
) -> Result<procedure::Model, AppError> {
    procedure::Entity::find_by_id(id)
        .filter(procedure::Column::TenantId.eq(tenant_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

pub fn stored_status(p: &procedure::Model) -> Status {
    Status::parse(&p.status).unwrap_or_default()
}

pub async fn phases(
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

/// The public address of a procedure, for mails.
pub fn url(settings: &Settings, tenant: &tenant::Model, id: Uuid) -> String {
    format!("{}/verfahren/{id}", tenants::base_url(settings, tenant))
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
        "url": url(settings, tenant, p.id),
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
