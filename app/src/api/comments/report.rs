use crate::domain::FormReply;
use leptos::prelude::*;

/// Reports a comment to the moderators, with a reason.
#[server(endpoint = "comment-report")]
pub async fn report_comment(id: String, reason: String) -> Result<FormReply, ServerFnError> {
    use crate::api::context::{Done, finish, request};
    use crate::services::AppError;
    use crate::services::comments;
    let req = request().await?;
    let result = match req.user.as_ref() {
        Some(user) => comments::report(&req.state, &req.tenant, user, &id, &reason)
            .await
            .map(|pid| {
                Done::RedirectTo(
                    format!("/verfahren/{pid}#beitraege"),
                    "notice.comment.reported",
                )
            }),
        None => Err(AppError::Unauthenticated),
    };
    finish(&req, "comment-report", result, &[("reason", &reason)])
}
