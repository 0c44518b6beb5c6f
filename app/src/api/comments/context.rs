use crate::api::procedures::types::CommentContext;
use leptos::prelude::*;

/// One comment, for the pages that reply to, report or edit it.
#[server(endpoint = "comment-context", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_comment(id: String) -> Result<CommentContext, ServerFnError> {
    use crate::services::comments;
    let req = crate::api::context::request().await?;
    comments::context(&req.state, &req.tenant, req.user.as_ref(), &id, req.lang)
        .await
        .map_err(|e| req.fail(e))
}
