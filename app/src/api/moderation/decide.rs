use crate::domain::FormReply;
use leptos::prelude::*;

/// A moderator's decision on a comment: `approve`, `hide` or `block`, with a reason
/// (a template, a text of one's own, or both) for the latter two.
#[server(endpoint = "moderation-decide")]
pub async fn decide(
    id: String,
    decision: String,
    #[server(default)] template: String,
    #[server(default)] reason: String,
) -> Result<FormReply, ServerFnError> {
    use crate::api::context::{Done, finish, request};
    use crate::services::moderation;
    use crate::services::permissions::Moderator;
    let req = request().await?;
    let result = match Moderator::require(req.user.clone()) {
        Ok(m) => moderation::decide(
            &req.state,
            &req.tenant,
            &m,
            &id,
            &decision,
            &template,
            &reason,
        )
        .await
        .map(|()| Done::Notice("notice.moderation.decided")),
        Err(e) => Err(e),
    };
    finish(
        &req,
        &format!("moderation-{id}"),
        result,
        &[("template", &template), ("reason", &reason)],
    )
}
