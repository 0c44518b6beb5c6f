//! The addressees a tenant offers petitions to, configured by the tenant admin: a name,
//! the organization whose staff handle them, the quorum, the longest signing period.
use crate::domain::FieldErrors;
use crate::domain::text::clean;
use crate::petitions::rules::{DEFAULT_MAX_WEEKS, MAX_WEEKS, MIN_WEEKS};
use crate::petitions::types::AddresseeView;
use crate::platform::audit::Audit;
use crate::platform::entities::{organization, petition_addressee, tenant};
use crate::platform::permissions::TenantAdmin;
use crate::platform::{AppError, AppState, Write};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

pub async fn list(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
) -> Result<Vec<AddresseeView>, AppError> {
    let orgs = organization::Entity::find()
        .filter(organization::Column::TenantId.eq(tenant_id))
        .all(db)
        .await?;
    Ok(petition_addressee::Entity::find()
        .filter(petition_addressee::Column::TenantId.eq(tenant_id))
        .order_by_asc(petition_addressee::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|a| AddresseeView {
            id: a.id.to_string(),
            organization: orgs
                .iter()
                .find(|o| o.id == a.organization_id)
                .map(|o| o.name.clone())
                .unwrap_or_default(),
            name: a.name,
            quorum: a.quorum,
            max_weeks: a.max_weeks,
        })
        .collect())
}

/// Writes an addressee (the demo data and the admin form).
pub async fn insert(
    db: &impl ConnectionTrait,
    now: chrono::DateTime<chrono::Utc>,
    tenant_id: Uuid,
    organization_id: Uuid,
    name: &str,
    quorum: i32,
    max_weeks: i32,
) -> Result<petition_addressee::Model, AppError> {
    petition_addressee::ActiveModel {
        id: Set(Uuid::new_v4()),
        tenant_id: Set(tenant_id),
        organization_id: Set(organization_id),
        name: Set(name.to_string()),
        quorum: Set(quorum),
        max_weeks: Set(max_weeks),
        created_at: Set(now),
    }
    .insert(db)
    .await
    .map_err(|e| {
        if crate::platform::error::is_unique_violation(&e) {
            AppError::field("name", "error.addressee.name_taken")
        } else {
            e.into()
        }
    })
}

/// Adds an addressee from the admin form.
pub async fn add(
    state: &AppState,
    tenant: &tenant::Model,
    admin: &TenantAdmin,
    name: &str,
    organization_id: &str,
    quorum: &str,
    max_weeks: &str,
) -> Result<(), AppError> {
    let mut e = FieldErrors::default();
    let name = clean(name).replace('\n', " ");
    if name.is_empty() {
        e.add("name", "error.addressee.name_missing");
    } else if name.chars().count() > 200 {
        e.add("name", "error.addressee.name_too_long");
    }
    let organization = match Uuid::parse_str(organization_id.trim()) {
        Ok(id) => {
            organization::Entity::find_by_id(id)
                .filter(organization::Column::TenantId.eq(tenant.id))
                .one(&state.db)
                .await?
        }
        Err(_) => None,
    };
    if organization.is_none() {
        e.add("organization", "error.organization.invalid");
    }
    let quorum = e.check(
        "quorum",
        quorum
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|q| (1..=10_000_000).contains(q))
            .ok_or("error.addressee.quorum"),
    );
    let max_weeks = if max_weeks.trim().is_empty() {
        Some(DEFAULT_MAX_WEEKS)
    } else {
        e.check(
            "max_weeks",
            max_weeks
                .trim()
                .parse::<i32>()
                .ok()
                .filter(|w| (MIN_WEEKS..=MAX_WEEKS).contains(w))
                .ok_or("error.addressee.max_weeks"),
        )
    };
    let (Some(org), Some(quorum), Some(max_weeks), true) =
        (organization, quorum, max_weeks, e.is_empty())
    else {
        return Err(AppError::Invalid(e));
    };
    let write = Write::begin(state).await?;
    let a = insert(
        &*write,
        write.now(),
        tenant.id,
        org.id,
        &name,
        quorum,
        max_weeks,
    )
    .await?;
    write
        .record(
            Audit::new(tenant.id, "petition.addressee_added")
                .by(admin.0.user.id)
                .on(a.id)
                .detail(format!("{name} ({quorum})")),
        )
        .await?;
    write.commit().await
}

/// The organizations of the tenant (id, name), for the admin form.
pub async fn organizations(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
) -> Result<Vec<(String, String)>, AppError> {
    Ok(organization::Entity::find()
        .filter(organization::Column::TenantId.eq(tenant_id))
        .order_by_asc(organization::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id.to_string(), o.name))
        .collect())
}
