use crate::domain::FormReply;
use leptos::prelude::*;

/// Changes one's own comment while the phase runs.
#[server(endpoint = "comment-edit")]
pub async fn edit_comment(id: String, body: String) -> Result<FormReply, ServerFnError> {
    use crate::consultations::service::own;
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let result = async {
        let pid = own::edit(&req.state, &req.tenant, req.user()?, &id, &body).await?;
        Ok(Done::RedirectTo(
            format!("{pid}#beitraege"),
            "notice.comment.edited",
        ))
    }
    .await;
    finish(&req, "comment-edit", result, &[("body", &body)])
}
