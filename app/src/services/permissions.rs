//! The permission check: every action that needs a role asks here, in the service
//! layer, with a guard type so the requirement shows in the function signature.
use super::AppError;
use super::entities::organization;
use super::sessions::CurrentUser;
use crate::domain::Role;

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
}
