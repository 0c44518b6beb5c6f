use crate::domain::FormReply;
use leptos::prelude::*;

/// Takes one's own comment back while the phase runs.
#[server(endpoint = "comment-withdraw")]
pub async fn withdraw_comment(id: String) -> Result<FormReply, ServerFnError> {
    use crate::consultations::service::own;
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let result = async {
        let pid = own::withdraw(&req.state, &req.tenant, req.user()?, &id).await?;
        Ok(Done::RedirectTo(
            format!("{pid}#beitraege"),
            "notice.comment.withdrawn",
        ))
    }
    .await;
    finish(&req, "comment-withdraw", result, &[])
}
