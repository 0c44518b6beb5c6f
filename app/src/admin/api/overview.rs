use crate::admin::types::StaffOverview;
use leptos::prelude::*;

/// The staff page: the organizations the caller works for (all, for a tenant admin).
/// Errors carry the message key; the page shows it with the matching status.
#[server(endpoint = "admin-overview", input = leptos::server_fn::codec::GetUrl)]
pub async fn admin_overview() -> Result<StaffOverview, ServerFnError> {
    use crate::admin::service;
    let req = crate::request::request().await?;
    req.answer(async { service::overview(&req.state, &req.tenant, &req.staff()?).await })
        .await
}
