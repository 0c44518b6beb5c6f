use crate::domain::FormReply;
use leptos::prelude::*;

/// Supports a comment, once per account, while the phase runs.
#[server(endpoint = "comment-support")]
pub async fn support_comment(id: String) -> Result<FormReply, ServerFnError> {
    use crate::api::context::{Done, finish, request};
    use crate::services::AppError;
    use crate::services::comments;
    let req = request().await?;
    let result = match req.user.as_ref() {
        Some(user) => comments::support(&req.state, &req.tenant, user, &id)
            .await
            .map(|_| Done::Notice("notice.comment.supported")),
        None => Err(AppError::Unauthenticated),
    };
    finish(&req, "comment-support", result, &[])
}
