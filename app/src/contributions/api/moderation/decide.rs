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
    #[server(default)] version: String,
) -> Result<FormReply, ServerFnError> {
    use crate::contributions::service::moderation;
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let result = async {
        let moderator = req.moderator()?;
        let verdict = moderation::Verdict {
            comment_id: &id,
            decision: &decision,
            template: &template,
            text: &reason,
            seen: &version,
        };
        moderation::decide(&req.state, &req.tenant, &moderator, verdict).await?;
        Ok(Done::Notice("notice.moderation.decided"))
    }
    .await;
    finish(
        &req,
        &format!("moderation-{id}"),
        result,
        &[("template", &template), ("reason", &reason)],
    )
}
