//! Who may see a procedure and who may run it, proven once: `visible` for the public
//! (staff who run it also see its draft), `managed` for staff (its organization's staff,
//! organization admins and the tenant admin), `changeable` for changes (not archived).
//! A function that needs the proof takes a `Managed`, so no caller can forget the check.
use crate::platform::AppError;
use crate::platform::audit::Audit;
use crate::platform::entities::procedure;
use crate::platform::entities::tenant;
use crate::platform::permissions::Staff;
use crate::platform::sessions::CurrentUser;
use crate::procedures::rules::Status;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

/// A procedure of this tenant, whoever asks (for mails, workers, and the checks below).
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

/// A procedure the public may see; staff who run it also see its draft. For everyone
/// else a draft does not exist.
pub async fn visible(
    db: &impl ConnectionTrait,
    tenant: &tenant::Model,
    user: Option<&CurrentUser>,
    id: Uuid,
) -> Result<procedure::Model, AppError> {
    let p = find(db, tenant.id, id).await?;
    if !may_see(user, &p) {
        return Err(AppError::NotFound);
    }
    Ok(p)
}

/// Whether `user` may see `p` (of the request's tenant): anyone once it is published,
/// only staff who run it while it is a draft.
pub fn may_see(user: Option<&CurrentUser>, p: &procedure::Model) -> bool {
    p.status != Status::Draft || runs(user, p)
}

/// Whether `user` is staff of the organization that runs `p`.
pub fn runs(user: Option<&CurrentUser>, p: &procedure::Model) -> bool {
    Staff::require(user.cloned()).is_ok_and(|s| s.runs(p.organization_id))
}

/// Proof that `staff` runs this procedure: it and who runs it.
pub struct Managed {
    pub procedure: procedure::Model,
    /// The staff member's account, for the audit log.
    pub by: Uuid,
}

impl Managed {
    /// The audit entry of a change to this procedure, by whoever runs it.
    pub fn audit(&self, action: &'static str) -> Audit {
        Audit::new(self.procedure.tenant_id, action)
            .by(self.by)
            .on(self.procedure.id)
    }
}

/// The procedure, if `staff` runs its organization (else `Forbidden`).
pub async fn managed(
    db: &impl ConnectionTrait,
    tenant: &tenant::Model,
    staff: &Staff,
    id: Uuid,
) -> Result<Managed, AppError> {
    let procedure = find(db, tenant.id, id).await?;
    if !staff.runs(procedure.organization_id) {
        return Err(AppError::Forbidden);
    }
    Ok(Managed {
        procedure,
        by: staff.0.user.id,
    })
}

/// As `managed`, for a change: archived procedures are read-only.
pub async fn changeable(
    db: &impl ConnectionTrait,
    tenant: &tenant::Model,
    staff: &Staff,
    id: Uuid,
) -> Result<Managed, AppError> {
    let m = managed(db, tenant, staff, id).await?;
    if m.procedure.status == Status::Archived {
        return Err(AppError::field("", "error.procedure.archived"));
    }
    Ok(m)
}
