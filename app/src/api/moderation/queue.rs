use super::types::{Queue, ReasonView};
use leptos::prelude::*;

/// Comments waiting for this moderator, with the reasons to pick from.
#[server(endpoint = "moderation-queue", input = leptos::server_fn::codec::GetUrl)]
pub async fn moderation_queue() -> Result<Queue, ServerFnError> {
    use crate::services::moderation;
    use crate::services::permissions::Moderator;
    let req = crate::api::context::request().await?;
    let moderator = Moderator::require(req.user.clone()).map_err(|e| req.fail(e))?;
    moderation::queue(&req.state, &req.tenant, &moderator, req.lang)
        .await
        .map_err(|e| req.fail(e))
}

/// The reasons moderators pick from (moderators only).
#[server(endpoint = "moderation-reasons", input = leptos::server_fn::codec::GetUrl)]
pub async fn moderation_reasons() -> Result<Vec<ReasonView>, ServerFnError> {
    use crate::services::moderation;
    use crate::services::permissions::Moderator;
    let req = crate::api::context::request().await?;
    Moderator::require(req.user.clone()).map_err(|e| req.fail(e))?;
    moderation::reasons(&req.state, &req.tenant)
        .await
        .map_err(|e| req.fail(e))
}
