use crate::domain::FormReply;
use leptos::prelude::*;

#[server(endpoint = "subscription-confirm")]
pub async fn confirm_subscription(token: String) -> Result<FormReply, ServerFnError> {
    use crate::request::{Done, finish, request};
    use crate::subscriptions::service;
    let req = request().await?;
    let result = service::confirm(&req.state, &req.tenant, &token)
        .await
        .map(|manage| {
            Done::RedirectTo(
                format!("/benachrichtigungen/verwalten?token={manage}"),
                "notice.subscription_confirmed",
            )
        });
    finish(&req, "subscription-confirm", result, &[])
}
