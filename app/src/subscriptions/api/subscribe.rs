use crate::domain::FormReply;
use leptos::prelude::*;

#[server(endpoint = "subscribe")]
pub async fn subscribe(
    email: String,
    #[server(default)] organization: String,
    #[server(default)] topic: String,
    #[server(default)] area: String,
    #[server(default)] procedure: String,
    frequency: String,
) -> Result<FormReply, ServerFnError> {
    use crate::request::{Done, finish, request};
    use crate::subscriptions::service::{self, SubscribeInput};
    let req = request().await?;
    let input = SubscribeInput {
        email: email.clone(),
        organization: organization.clone(),
        topic: topic.clone(),
        area: area.clone(),
        procedure: procedure.clone(),
        frequency: frequency.clone(),
    };
    let result = service::subscribe(&req.state, &req.tenant, &req.ip, req.lang, input)
        .await
        .map(|()| Done::Notice("notice.subscription_requested"));
    finish(
        &req,
        "subscribe",
        result,
        &[
            ("email", &email),
            ("organization", &organization),
            ("topic", &topic),
            ("area", &area),
            ("frequency", &frequency),
        ],
    )
}
