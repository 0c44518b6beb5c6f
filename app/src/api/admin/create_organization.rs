use crate::domain::FormReply;
use leptos::prelude::*;

#[server(endpoint = "create-organization")]
pub async fn create_organization(name: String) -> Result<FormReply, ServerFnError> {
    use crate::api::context::{Done, finish, request};
    use crate::services::{admin, permissions::TenantAdmin};
    let req = request().await?;
    let result = match TenantAdmin::require(req.user.clone()) {
        Ok(adm) => admin::create_organization(&req.state, &req.tenant, &adm, &name)
            .await
            .map(|_| Done::Notice("notice.organization_created")),
        Err(e) => Err(e),
    };
    finish(&req, "create-organization", result, &[("name", &name)])
}
