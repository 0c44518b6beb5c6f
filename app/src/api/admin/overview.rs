use crate::domain::Role;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MemberView {
    pub name: String,
    pub email: String,
    pub role: Role,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrganizationView {
    pub id: String,
    pub name: String,
    pub members: Vec<MemberView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffOverview {
    pub is_tenant_admin: bool,
    pub organizations: Vec<OrganizationView>,
}

/// The staff page: the organizations the caller works for (all, for a tenant admin).
/// Errors carry the message key; the page shows it with the matching status.
#[server(endpoint = "admin-overview", input = leptos::server_fn::codec::GetUrl)]
pub async fn admin_overview() -> Result<StaffOverview, ServerFnError> {
    use crate::services::{admin, permissions::Staff};
    let req = crate::api::context::request().await?;
    let staff = Staff::require(req.user.clone()).map_err(|e| req.fail(e))?;
    let orgs = admin::organizations(&req.state, &req.tenant, &staff)
        .await
        .map_err(|e| req.fail(e))?;
    let mut organizations = Vec::new();
    for org in orgs {
        let members = admin::members(&req.state, &req.tenant, &staff, org.id)
            .await
            .map_err(|e| req.fail(e))?;
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
