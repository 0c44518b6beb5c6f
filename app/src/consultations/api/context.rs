use crate::consultations::types::CommentContext;
use leptos::prelude::*;

/// One comment, for the pages that reply to, report or edit it.
#[server(endpoint = "comment-context", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_comment(id: String) -> Result<CommentContext, ServerFnError> {
    use crate::consultations::service::read;
    let req = crate::request::request().await?;
    req.answer(read::context(
        &req.state,
        &req.tenant,
        req.user.as_ref(),
        &id,
        req.lang,
    ))
    .await
}
