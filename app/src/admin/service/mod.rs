//! What staff and the tenant admin manage: organizations and their members (here), the
//! staff invited into them (`invitations`), undeliverable mails (`mails`) and the audit
//! log (`audit`).
pub mod audit;
pub mod invitations;
pub mod mails;

pub use invitations::grant;

use crate::admin::types::{MemberView, OrganizationView, StaffOverview};
use crate::domain::Role;
use crate::platform::audit::Audit;
use crate::platform::entities::{organization, role_assignment, tenant, user};
use crate::platform::permissions::{Staff, TenantAdmin};
use crate::platform::{AppError, AppState, Write};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

/// The staff page: the organizations the person works for (all, for a tenant admin),
/// each with its members.
pub async fn overview(
    state: &AppState,
    tenant: &tenant::Model,
    staff: &Staff,
) -> Result<StaffOverview, AppError> {
    let mut organizations = Vec::new();
    for org in organizations_of(state, tenant, staff).await? {
        let members = members(state, tenant, staff, org.id).await?;
        organizations.push(OrganizationView {
            id: org.id.to_string(),
            name: org.name,
            members: members
                .into_iter()
                .map(|(u, role)| MemberView {
                    name: u.display_name,
                    email: u.email,
                    role,
                })
                .collect(),
        });
    }
    Ok(StaffOverview {
        is_tenant_admin: staff.0.has_role(Role::TenantAdmin),
        organizations,
    })
}

/// The organizations the holder may see: all of the tenant for its admin, else their own.
pub async fn organizations_of(
    state: &AppState,
    tenant: &tenant::Model,
    staff: &Staff,
) -> Result<Vec<organization::Model>, AppError> {
    Ok(organization::Entity::find()
        .filter(organization::Column::TenantId.eq(tenant.id))
        .order_by_asc(organization::Column::Name)
        .all(&state.db)
        .await?
        .into_iter()
        .filter(|o| staff.sees_organization(o))
        .collect())
}

/// The members of an organization with their roles (staff pages of that organization).
pub async fn members(
    state: &AppState,
    tenant: &tenant::Model,
    staff: &Staff,
    organization_id: Uuid,
) -> Result<Vec<(user::Model, Role)>, AppError> {
    let org = find_organization(&state.db, tenant, organization_id).await?;
    if !staff.sees_organization(&org) {
        return Err(AppError::Forbidden);
    }
    let roles = role_assignment::Entity::find()
        .filter(role_assignment::Column::OrganizationId.eq(org.id))
        .all(&state.db)
        .await?;
    let mut out = Vec::new();
    for r in roles {
        if let (Some(u), Some(role)) = (
            user::Entity::find_by_id(r.user_id).one(&state.db).await?,
            Role::parse(&r.role),
        ) {
            out.push((u, role));
        }
    }
    out.sort_by(|a, b| a.0.display_name.cmp(&b.0.display_name));
    Ok(out)
}

/// An organization of this tenant; another tenant's id is "not found", not "forbidden".
pub(super) async fn find_organization(
    db: &impl ConnectionTrait,
    tenant: &tenant::Model,
    id: Uuid,
) -> Result<organization::Model, AppError> {
    organization::Entity::find_by_id(id)
        .filter(organization::Column::TenantId.eq(tenant.id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn create_organization(
    state: &AppState,
    tenant: &tenant::Model,
    admin: &TenantAdmin,
    name: &str,
) -> Result<organization::Model, AppError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::field("name", "error.organization.name_missing"));
    }
    if name.chars().count() > 200 {
        return Err(AppError::field("name", "error.organization.name_too_long"));
    }
    let write = Write::begin(state).await?;
    let org = organization::ActiveModel {
        id: Set(Uuid::new_v4()),
        tenant_id: Set(tenant.id),
        name: Set(name.to_string()),
        created_at: Set(write.now()),
    }
    .insert(&*write)
    .await
    .map_err(|e| {
        if crate::platform::error::is_unique_violation(&e) {
            AppError::field("name", "error.organization.name_taken")
        } else {
            e.into()
        }
    })?;
    write
        .record(
            Audit::new(tenant.id, "organization.created")
                .by(admin.0.user.id)
                .on(org.id)
                .detail(name),
        )
        .await?;
    write.commit().await?;
    Ok(org)
}
