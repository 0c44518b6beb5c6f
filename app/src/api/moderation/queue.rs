use super::types::{Queue, ReasonView};
use leptos::prelude::*;

/// Comments waiting for this moderator, with the reasons to pick from.
/// `also`: one more comment to decide on, though it is not waiting.
#[server(endpoint = "moderation-queue", input = leptos::server_fn::codec::GetUrl)]
pub async fn moderation_queue(also: String) -> Result<Queue, ServerFnError> {
    use crate::services::moderation;
    use crate::services::permissions::Moderator;
    let req = crate::api::context::request().await?;
    let moderator = Moderator::require(req.user.clone()).map_err(|e| req.fail(e))?;
    let also = (!also.is_empty()).then_some(also.as_str());
    moderation::queue(&req.state, &req.tenant, &moderator, also, req.lang)
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
