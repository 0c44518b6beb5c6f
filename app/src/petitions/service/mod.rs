//! The petitions area's services (server only): addressees, writing and submitting
//! (`write`), review by moderators (`review`), co-signing (`signing`), reading
//! (`read`), the addressee's staff (`staff`), the worker that closes petitions and
//! forgets unconfirmed signatures (`worker`), and the demo petitions (`demo`). Who may
//! see or handle a petition is proven here, once.
pub mod addressees;
pub mod demo;
pub mod read;
pub mod review;
pub mod signing;
pub mod staff;
pub mod worker;
pub mod write;

use crate::domain::{PetitionStatus, Role};
use crate::petitions::rules::reference;
use crate::platform::audit::Audit;
use crate::platform::entities::{petition, petition_addressee, role_assignment, tenant, user};
use crate::platform::permissions::Staff;
use crate::platform::sessions::CurrentUser;
use crate::platform::{AppError, Settings, tenants};
use chrono::Datelike;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

/// A petition of this tenant, whoever asks.
pub async fn find(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    id: &str,
) -> Result<petition::Model, AppError> {
    let id = Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
    petition::Entity::find_by_id(id)
        .filter(petition::Column::TenantId.eq(tenant_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn addressee(
    db: &impl ConnectionTrait,
    id: Uuid,
) -> Result<petition_addressee::Model, AppError> {
    petition_addressee::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Whether `user` handles petitions to `a`: the staff and organization admins of its
/// organization, and the tenant admin.
pub fn handles(user: Option<&CurrentUser>, a: &petition_addressee::Model) -> bool {
    Staff::require(user.cloned()).is_ok_and(|s| s.runs(a.organization_id))
}

/// Whether `user` wrote `p`.
pub fn is_petitioner(user: Option<&CurrentUser>, p: &petition::Model) -> bool {
    user.is_some_and(|u| p.petitioner_id == Some(u.user.id))
}

/// A petition the person may see: a public one for anyone; any other for its petitioner
/// and the staff of its addressee. For everyone else it does not exist.
pub async fn visible(
    db: &impl ConnectionTrait,
    tenant: &tenant::Model,
    user: Option<&CurrentUser>,
    id: &str,
) -> Result<(petition::Model, petition_addressee::Model), AppError> {
    let p = find(db, tenant.id, id).await?;
    let a = addressee(db, p.addressee_id).await?;
    let may = (p.public && p.status.is_public())
        || is_petitioner(user, &p)
        || (p.status != PetitionStatus::Draft && handles(user, &a));
    if may {
        Ok((p, a))
    } else {
        Err(AppError::NotFound)
    }
}

/// Proof that staff handle this petition: it, its addressee, and who acts.
pub struct Handled {
    pub petition: petition::Model,
    pub addressee: petition_addressee::Model,
    pub by: Uuid,
}

impl Handled {
    pub fn audit(&self, action: &'static str) -> Audit {
        Audit::new(self.petition.tenant_id, action)
            .by(self.by)
            .on(self.petition.id)
    }
}

/// The petition, if `staff` handle its addressee (drafts are nobody's business but the
/// petitioner's).
pub async fn handled(
    db: &impl ConnectionTrait,
    tenant: &tenant::Model,
    staff: &Staff,
    id: &str,
) -> Result<Handled, AppError> {
    let petition = find(db, tenant.id, id).await?;
    let addressee = addressee(db, petition.addressee_id).await?;
    if petition.status == PetitionStatus::Draft {
        return Err(AppError::NotFound);
    }
    if !staff.runs(addressee.organization_id) {
        return Err(AppError::Forbidden);
    }
    Ok(Handled {
        petition,
        addressee,
        by: staff.0.user.id,
    })
}

/// A petition's reference: `P-<year of creation>-<number>`.
pub fn reference_of(p: &petition::Model) -> String {
    reference(p.created_at.year(), p.number)
}

/// The public address of a petition, for mails.
pub fn url(settings: &Settings, tenant: &tenant::Model, id: Uuid) -> String {
    format!("{}/petitionen/{id}", tenants::base_url(settings, tenant))
}

/// The addresses of the people who handle petitions to `a` (for the quorum mail).
pub async fn staff_addresses(
    db: &impl ConnectionTrait,
    a: &petition_addressee::Model,
) -> Result<Vec<(String, String)>, AppError> {
    let roles = role_assignment::Entity::find()
        .filter(role_assignment::Column::OrganizationId.eq(a.organization_id))
        .filter(
            role_assignment::Column::Role.is_in([Role::Staff.as_str(), Role::OrgAdmin.as_str()]),
        )
        .all(db)
        .await?;
    let ids: Vec<Uuid> = roles.iter().map(|r| r.user_id).collect();
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.email, u.locale))
        .collect())
}
