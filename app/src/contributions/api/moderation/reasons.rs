use crate::domain::FormReply;
use leptos::prelude::*;

#[server(endpoint = "moderation-reason-add")]
pub async fn add_reason(text: String) -> Result<FormReply, ServerFnError> {
    use crate::contributions::service::moderation;
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let result = async {
        moderation::add_reason(&req.state, &req.tenant, &req.moderator()?, &text).await?;
        Ok(Done::Notice("notice.moderation.reason_added"))
    }
    .await;
    finish(&req, "moderation-reason-add", result, &[("text", &text)])
}

#[server(endpoint = "moderation-reason-remove")]
pub async fn remove_reason(id: String) -> Result<FormReply, ServerFnError> {
    use crate::contributions::service::moderation;
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let result = async {
        moderation::remove_reason(&req.state, &req.tenant, &req.moderator()?, &id).await?;
        Ok(Done::Notice("notice.moderation.reason_removed"))
    }
    .await;
    finish(&req, "moderation-reason-remove", result, &[])
}
