use super::{AuditFilter, AuditPage};
use leptos::prelude::*;

/// The tenant's audit log, filtered (tenant admins only).
#[server(endpoint = "audit-log", input = leptos::server_fn::codec::GetUrl)]
pub async fn audit_log(filter: AuditFilter) -> Result<AuditPage, ServerFnError> {
    use crate::services::audit;
    use crate::services::permissions::TenantAdmin;
    let req = crate::api::context::request().await?;
    let admin = TenantAdmin::require(req.user.clone()).map_err(|e| req.fail(e))?;
    audit::search(&req.state, &req.tenant, &admin, filter, req.lang)
        .await
        .map_err(|e| req.fail(e))
}
