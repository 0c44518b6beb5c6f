use crate::domain::FormReply;
use leptos::prelude::*;

/// The authority's official answer to a comment.
#[server(endpoint = "comment-answer")]
pub async fn answer_comment(id: String, answer: String) -> Result<FormReply, ServerFnError> {
    use crate::api::context::{Done, finish, request};
    use crate::services::comments;
    use crate::services::permissions::Staff;
    let req = request().await?;
    let result = match Staff::require(req.user.clone()) {
        Ok(staff) => comments::answer(&req.state, &req.tenant, &staff, &id, &answer)
            .await
            .map(|_| Done::Notice("notice.comment.answered")),
        Err(e) => Err(e),
    };
    finish(
        &req,
        &format!("comment-answer-{id}"),
        result,
        &[("answer", &answer)],
    )
}
