use crate::domain::FormReply;
use leptos::prelude::*;

#[server(endpoint = "subscription-frequency")]
pub async fn set_frequency(token: String, frequency: String) -> Result<FormReply, ServerFnError> {
    use crate::request::{Done, finish, request};
    use crate::subscriptions::service;
    let req = request().await?;
    let result = service::manage::set_frequency(&req.state, &req.tenant, &token, &frequency)
        .await
        .map(|()| Done::Notice("notice.subscription_saved"));
    finish(
        &req,
        "subscription-frequency",
        result,
        &[("frequency", &frequency)],
    )
}
