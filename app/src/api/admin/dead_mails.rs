use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeadMailView {
    pub id: i64,
    pub recipient: String,
    pub template: String,
    pub attempts: i32,
    pub last_error: String,
    /// Local time, formatted for the page's language.
    pub created_at: String,
}

/// Undeliverable mails of the tenant (tenant admins only).
#[server(endpoint = "admin-dead-mails", input = leptos::server_fn::codec::GetUrl)]
pub async fn dead_mails() -> Result<Vec<DeadMailView>, ServerFnError> {
    use crate::services::{admin, permissions::TenantAdmin};
    let req = crate::api::context::request().await?;
    let adm = TenantAdmin::require(req.user.clone()).map_err(|e| req.fail(e))?;
    let mails = admin::dead_mails(&req.state, &req.tenant, &adm)
        .await
        .map_err(|e| req.fail(e))?;
    Ok(mails
        .into_iter()
        .map(|m| DeadMailView {
            id: m.id,
            recipient: m.recipient,
            template: m.template,
            attempts: m.attempts,
            last_error: m.last_error,
            created_at: m
                .created_at
                .with_timezone(&chrono_tz::Europe::Berlin)
                .format("%d.%m.%Y %H:%M")
                .to_string(),
        })
        .collect())
}
