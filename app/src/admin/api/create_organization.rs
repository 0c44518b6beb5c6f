use crate::domain::FormReply;
use leptos::prelude::*;

#[server(endpoint = "create-organization")]
pub async fn create_organization(name: String) -> Result<FormReply, ServerFnError> {
    use crate::admin::service;
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let result = async {
        service::create_organization(&req.state, &req.tenant, &req.tenant_admin()?, &name).await?;
        Ok(Done::Notice("notice.organization_created"))
    }
    .await;
    finish(&req, "create-organization", result, &[("name", &name)])
}
