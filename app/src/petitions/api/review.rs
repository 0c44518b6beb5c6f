use crate::domain::FormReply;
use crate::petitions::types::Review;
use leptos::prelude::*;

/// The submitted petitions this moderator reviews, with the reasons to pick from.
#[server(endpoint = "petition-review", input = leptos::server_fn::codec::GetUrl)]
pub async fn petition_review() -> Result<Review, ServerFnError> {
    use crate::petitions::service::review;
    let req = crate::request::request().await?;
    req.answer(async { review::queue(&req.state, &req.tenant, &req.moderator()?, req.lang).await })
        .await
}

/// A moderator's decision on a petition: `publish`, `changes` or `reject` (the latter two
/// with a reason: a template, a text of one's own, or both).
#[server(endpoint = "petition-decide")]
pub async fn decide_petition(
    id: String,
    decision: String,
    #[server(default)] template: String,
    #[server(default)] reason: String,
) -> Result<FormReply, ServerFnError> {
    use crate::petitions::service::review;
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let result = async {
        let moderator = req.moderator()?;
        review::decide(
            &req.state,
            &req.tenant,
            &moderator,
            &id,
            &decision,
            &template,
            &reason,
        )
        .await?;
        Ok(Done::Notice("notice.petition.decided"))
    }
    .await;
    finish(
        &req,
        &format!("petition-review-{id}"),
        result,
        &[("template", &template), ("reason", &reason)],
    )
}
