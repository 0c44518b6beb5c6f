use crate::domain::FormReply;
use leptos::prelude::*;

#[server(endpoint = "subscription-frequency")]
pub async fn set_frequency(token: String, frequency: String) -> Result<FormReply, ServerFnError> {
    use crate::api::context::{Done, finish, request};
    use crate::services::subscriptions;
    let req = request().await?;
    let result = subscriptions::set_frequency(&req.state, &req.tenant, &token, &frequency)
        .await
        .map(|()| Done::Notice("notice.subscription_saved"));
    finish(
        &req,
        "subscription-frequency",
        result,
        &[("frequency", &frequency)],
    )
}
