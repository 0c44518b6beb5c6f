use crate::domain::FormReply;
use leptos::prelude::*;

/// The button behind the link in the confirmation mail of a comment without account.
#[server(endpoint = "comment-confirm")]
pub async fn confirm_comment(token: String) -> Result<FormReply, ServerFnError> {
    use crate::consultations::service::{self, Submitted};
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let result = service::confirm(&req.state, &req.tenant, &token, req.lang)
        .await
        .map(|(page, outcome)| {
            let notice = match outcome {
                Submitted::Pending => "notice.comment.confirmed_pending",
                _ => "notice.comment.confirmed",
            };
            Done::RedirectTo(format!("{page}#beitraege"), notice)
        });
    finish(&req, "comment-confirm", result, &[])
}
