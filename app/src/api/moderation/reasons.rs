use crate::domain::FormReply;
use leptos::prelude::*;

#[server(endpoint = "moderation-reason-add")]
pub async fn add_reason(text: String) -> Result<FormReply, ServerFnError> {
    use crate::api::context::{Done, finish, request};
    use crate::services::moderation;
    use crate::services::permissions::Moderator;
    let req = request().await?;
    let result = match Moderator::require(req.user.clone()) {
        Ok(m) => moderation::add_reason(&req.state, &req.tenant, &m, &text)
            .await
            .map(|()| Done::Notice("notice.moderation.reason_added")),
        Err(e) => Err(e),
    };
    finish(&req, "moderation-reason-add", result, &[("text", &text)])
}

#[server(endpoint = "moderation-reason-remove")]
pub async fn remove_reason(id: String) -> Result<FormReply, ServerFnError> {
    use crate::api::context::{Done, finish, request};
    use crate::services::moderation;
    use crate::services::permissions::Moderator;
    let req = request().await?;
    let result = match Moderator::require(req.user.clone()) {
        Ok(m) => moderation::remove_reason(&req.state, &req.tenant, &m, &id)
            .await
            .map(|()| Done::Notice("notice.moderation.reason_removed")),
        Err(e) => Err(e),
    };
    finish(&req, "moderation-reason-remove", result, &[])
}
