use crate::domain::FormReply;
use leptos::prelude::*;

#[server(endpoint = "subscription-add")]
pub async fn add_subscription(
    token: String,
    #[server(default)] organization: String,
    #[server(default)] topic: String,
    #[server(default)] area: String,
) -> Result<FormReply, ServerFnError> {
    use crate::request::{Done, finish, request};
    use crate::subscriptions::service;
    let req = request().await?;
    let result = service::manage::add(
        &req.state,
        &req.tenant,
        &token,
        &organization,
        &topic,
        &area,
    )
    .await
    .map(|()| Done::Notice("notice.subscription_saved"));
    finish(
        &req,
        "subscription-add",
        result,
        &[
            ("organization", &organization),
            ("topic", &topic),
            ("area", &area),
        ],
    )
}
