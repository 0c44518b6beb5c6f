use crate::domain::FormReply;
use leptos::prelude::*;

/// Reports a comment to the moderators, with a reason.
#[server(endpoint = "comment-report")]
pub async fn report_comment(id: String, reason: String) -> Result<FormReply, ServerFnError> {
    use crate::contributions::service::reports;
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let result = async {
        let pid = reports::report(
            &req.state,
            &req.tenant,
            req.user()?,
            &req.client(),
            &id,
            &reason,
        )
        .await?;
        Ok(Done::RedirectTo(
            format!("{pid}#beitraege"),
            "notice.comment.reported",
        ))
    }
    .await;
    finish(&req, "comment-report", result, &[("reason", &reason)])
}
