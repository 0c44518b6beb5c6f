use crate::domain::FormReply;
use leptos::prelude::*;

/// Supports a comment, once per account, while the phase runs.
#[server(endpoint = "comment-support")]
pub async fn support_comment(id: String) -> Result<FormReply, ServerFnError> {
    use crate::consultations::service::support;
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let result = async {
        support::support(&req.state, &req.tenant, req.user()?, &id).await?;
        Ok(Done::Notice("notice.comment.supported"))
    }
    .await;
    finish(&req, "comment-support", result, &[])
}
