use crate::subscriptions::types::SubscriptionChoices;
use leptos::prelude::*;

#[server(endpoint = "subscription-options", input = leptos::server_fn::codec::GetUrl)]
pub async fn subscription_options() -> Result<SubscriptionChoices, ServerFnError> {
    use crate::subscriptions::service;
    let req = crate::request::request().await?;
    req.answer(service::choices(&req.state, &req.tenant)).await
}
