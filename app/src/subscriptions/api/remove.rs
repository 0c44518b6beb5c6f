use crate::domain::FormReply;
use leptos::prelude::*;

#[server(endpoint = "subscription-remove")]
pub async fn remove_subscription(token: String, id: i64) -> Result<FormReply, ServerFnError> {
    use crate::request::{Done, finish, request};
    use crate::subscriptions::service;
    let req = request().await?;
    let result = service::manage::remove(&req.state, &req.tenant, &token, id)
        .await
        .map(|()| Done::Notice("notice.subscription_removed"));
    finish(&req, "subscription-remove", result, &[])
}
