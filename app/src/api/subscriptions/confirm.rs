use crate::domain::FormReply;
use leptos::prelude::*;

#[server(endpoint = "subscription-confirm")]
pub async fn confirm_subscription(token: String) -> Result<FormReply, ServerFnError> {
    use crate::api::context::{Done, finish, request};
    use crate::services::subscriptions;
    let req = request().await?;
    let result = subscriptions::confirm(&req.state, &req.tenant, &token)
        .await
        .map(|manage| {
            Done::RedirectTo(
                format!("/benachrichtigungen/verwalten?token={manage}"),
                "notice.subscription_confirmed",
            )
        });
    finish(&req, "subscription-confirm", result, &[])
}
