//! The permission check: every action that needs a role asks here, in the service
//! layer, with a guard type so the requirement shows in the function signature.
use super::AppError;
use super::entities::organization;
use super::sessions::CurrentUser;
use crate::domain::Role;
use uuid::Uuid;

/// Proof that the holder administers the request's tenant.
pub struct TenantAdmin(pub CurrentUser);

impl TenantAdmin {
    pub fn require(user: Option<CurrentUser>) -> Result<Self, AppError> {
        let user = user.ok_or(AppError::Unauthenticated)?;
        if user.has_role(Role::TenantAdmin) || user.user.is_platform_admin {
            Ok(Self(user))
        } else {
            Err(AppError::Forbidden)
        }
    }
}

/// Proof that the holder works for some organization of the request's tenant (any role).
pub struct Staff(pub CurrentUser);

impl Staff {
    pub fn require(user: Option<CurrentUser>) -> Result<Self, AppError> {
        let user = user.ok_or(AppError::Unauthenticated)?;
        if user
            .roles
            .iter()
            .any(|(r, o)| o.is_some() && Role::ORGANIZATION_ROLES.contains(r))
            || user.has_role(Role::TenantAdmin)
        {
            Ok(Self(user))
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// The organizations this person may see the staff pages of.
    pub fn sees_organization(&self, org: &organization::Model) -> bool {
        self.0.has_role(Role::TenantAdmin) || self.0.roles.iter().any(|(_, o)| *o == Some(org.id))
    }

    /// May run the procedures of `organization_id` (create, edit, answer, export):
    /// its staff and organization admins, and the tenant's admin.
    pub fn runs(&self, organization_id: Uuid) -> bool {
        self.0.has_role(Role::TenantAdmin)
            || self.0.has_role_in(Role::Staff, organization_id)
            || self.0.has_role_in(Role::OrgAdmin, organization_id)
    }
}

/// Proof that the holder moderates contributions for some organization of the request's
/// tenant (moderators and organization admins there, and the tenant's admin).
pub struct Moderator(pub CurrentUser);

impl Moderator {
    pub fn require(user: Option<CurrentUser>) -> Result<Self, AppError> {
        let user = user.ok_or(AppError::Unauthenticated)?;
        let moderates_some = user
            .roles
            .iter()
            .any(|(r, o)| o.is_some() && matches!(r, Role::Moderator | Role::OrgAdmin));
        if moderates_some || user.has_role(Role::TenantAdmin) {
            Ok(Self(user))
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// May decide on contributions to the procedures of `organization_id`.
    pub fn moderates(&self, organization_id: Uuid) -> bool {
        self.0.has_role(Role::TenantAdmin)
            || self.0.has_role_in(Role::Moderator, organization_id)
            || self.0.has_role_in(Role::OrgAdmin, organization_id)
    }
}
