use crate::domain::FormReply;
use leptos::prelude::*;

/// Changes one's own comment while the phase runs.
#[server(endpoint = "comment-edit")]
pub async fn edit_comment(id: String, body: String) -> Result<FormReply, ServerFnError> {
    use crate::api::context::{Done, finish, request};
    use crate::services::AppError;
    use crate::services::comments;
    let req = request().await?;
    let result = match req.user.as_ref() {
        Some(user) => comments::edit(&req.state, &req.tenant, user, &id, &body)
            .await
            .map(|pid| {
                Done::RedirectTo(
                    format!("/verfahren/{pid}#beitraege"),
                    "notice.comment.edited",
                )
            }),
        None => Err(AppError::Unauthenticated),
    };
    finish(&req, "comment-edit", result, &[("body", &body)])
}
