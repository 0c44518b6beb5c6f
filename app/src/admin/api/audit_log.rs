use crate::admin::types::{AuditFilter, AuditPage};
use leptos::prelude::*;

/// The tenant's audit log, filtered (tenant admins only).
#[server(endpoint = "audit-log", input = leptos::server_fn::codec::GetUrl)]
pub async fn audit_log(filter: AuditFilter) -> Result<AuditPage, ServerFnError> {
    use crate::admin::service::audit;
    let req = crate::request::request().await?;
    req.answer(async {
        audit::search(
            &req.state,
            &req.tenant,
            &req.tenant_admin()?,
            filter,
            req.lang,
        )
        .await
    })
    .await
}
