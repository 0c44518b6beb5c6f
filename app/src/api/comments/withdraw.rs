use crate::domain::FormReply;
use leptos::prelude::*;

/// Takes one's own comment back while the phase runs.
#[server(endpoint = "comment-withdraw")]
pub async fn withdraw_comment(id: String) -> Result<FormReply, ServerFnError> {
    use crate::api::context::{Done, finish, request};
    use crate::services::AppError;
    use crate::services::comments;
    let req = request().await?;
    let result = match req.user.as_ref() {
        Some(user) => comments::withdraw(&req.state, &req.tenant, user, &id)
            .await
            .map(|pid| {
                Done::RedirectTo(
                    format!("/verfahren/{pid}#beitraege"),
                    "notice.comment.withdrawn",
                )
            }),
        None => Err(AppError::Unauthenticated),
    };
    finish(&req, "comment-withdraw", result, &[])
}
