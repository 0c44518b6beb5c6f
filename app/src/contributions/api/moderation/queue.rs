use crate::contributions::types::{Queue, ReasonView};
use leptos::prelude::*;

/// Comments waiting for this moderator, with the reasons to pick from.
/// `also`: one more comment to decide on, though it is not waiting.
#[server(endpoint = "moderation-queue", input = leptos::server_fn::codec::GetUrl)]
pub async fn moderation_queue(also: String) -> Result<Queue, ServerFnError> {
    use crate::contributions::service::moderation;
    let req = crate::request::request().await?;
    req.answer(async {
        let also = (!also.is_empty()).then_some(also.as_str());
        moderation::queue(&req.state, &req.tenant, &req.moderator()?, also, req.lang).await
    })
    .await
}

/// The reasons moderators pick from (moderators only).
#[server(endpoint = "moderation-reasons", input = leptos::server_fn::codec::GetUrl)]
pub async fn moderation_reasons() -> Result<Vec<ReasonView>, ServerFnError> {
    use crate::contributions::service::moderation;
    let req = crate::request::request().await?;
    req.answer(async {
        req.moderator()?;
        moderation::reasons(&req.state, &req.tenant).await
    })
    .await
}
