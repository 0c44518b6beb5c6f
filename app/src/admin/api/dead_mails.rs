use crate::admin::types::DeadMailView;
use leptos::prelude::*;

/// Undeliverable mails of the tenant (tenant admins only).
#[server(endpoint = "admin-dead-mails", input = leptos::server_fn::codec::GetUrl)]
pub async fn dead_mails() -> Result<Vec<DeadMailView>, ServerFnError> {
    use crate::admin::service::mails;
    let req = crate::request::request().await?;
    req.answer(async { mails::dead_mails(&req.state, &req.tenant, &req.tenant_admin()?).await })
        .await
}
