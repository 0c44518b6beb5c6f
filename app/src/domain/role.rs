use serde::{Deserialize, Serialize};

/// What a person may do. Organization roles hold for one organization of one tenant;
/// `TenantAdmin` for a whole tenant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    Staff,
    Moderator,
    OrgAdmin,
    TenantAdmin,
}

impl Role {
    pub const ORGANIZATION_ROLES: [Role; 3] = [Role::Staff, Role::Moderator, Role::OrgAdmin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Staff => "staff",
            Role::Moderator => "moderator",
            Role::OrgAdmin => "org_admin",
            Role::TenantAdmin => "tenant_admin",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            Role::Staff,
            Role::Moderator,
            Role::OrgAdmin,
            Role::TenantAdmin,
        ]
        .into_iter()
        .find(|r| r.as_str() == s)
    }

    /// Message key of the role's display name.
    pub fn label_key(self) -> &'static str {
        match self {
            Role::Staff => "role.staff",
            Role::Moderator => "role.moderator",
            Role::OrgAdmin => "role.org_admin",
            Role::TenantAdmin => "role.tenant_admin",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Role;

    #[test]
    fn round_trips_through_its_stored_name() {
        for r in [
            Role::Staff,
            Role::Moderator,
            Role::OrgAdmin,
            Role::TenantAdmin,
        ] {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("platform_admin"), None);
    }
}
