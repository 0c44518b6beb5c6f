use crate::subscriptions::types::SubscriberView;
use leptos::prelude::*;

/// The manage page of a signed link; `None` once the address unsubscribed from all.
#[server(endpoint = "subscription-overview", input = leptos::server_fn::codec::GetUrl)]
pub async fn subscription_overview(token: String) -> Result<Option<SubscriberView>, ServerFnError> {
    use crate::platform::AppError;
    use crate::subscriptions::service::manage;
    let req = crate::request::request().await?;
    manage::overview(&req.state, &req.tenant, req.lang, &token)
        .await
        .map_err(|e| match e {
            // A forged or broken link is a bad request, shown with its own message.
            AppError::Invalid(_) => {
                req.set_status(400);
                ServerFnError::new("error.subscription.link_invalid")
            }
            other => req.fail(other),
        })
}
