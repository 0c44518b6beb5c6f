use crate::domain::FormReply;
use leptos::prelude::*;

/// The authority's official answer to a comment.
#[server(endpoint = "comment-answer")]
pub async fn answer_comment(id: String, answer: String) -> Result<FormReply, ServerFnError> {
    use crate::contributions::service::answers;
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let result = async {
        answers::answer(&req.state, &req.tenant, &req.staff()?, &id, &answer).await?;
        Ok(Done::Notice("notice.comment.answered"))
    }
    .await;
    finish(
        &req,
        &format!("comment-answer-{id}"),
        result,
        &[("answer", &answer)],
    )
}
