use crate::domain::Frequency;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubscriptionView {
    pub id: i64,
    pub label: String,
    pub confirmed: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubscriberView {
    pub email: String,
    pub frequency: Frequency,
    pub subscriptions: Vec<SubscriptionView>,
}

/// The manage page of a signed link; `None` once the address unsubscribed from all.
#[server(endpoint = "subscription-overview", input = leptos::server_fn::codec::GetUrl)]
pub async fn subscription_overview(token: String) -> Result<Option<SubscriberView>, ServerFnError> {
    use crate::services::{AppError, subscriptions};
    let req = crate::api::context::request().await?;
    let overview = subscriptions::overview(&req.state, &req.tenant, req.lang, &token)
        .await
        .map_err(|e| match e {
            // A forged or broken link is a bad request, shown with its own message.
            AppError::Invalid(_) => {
                req.set_status(400);
                ServerFnError::new("error.subscription.link_invalid")
            }
            other => req.fail(other),
        })?;
    Ok(overview.map(|o| SubscriberView {
        email: o.email,
        frequency: o.frequency,
        subscriptions: o
            .subscriptions
            .into_iter()
            .map(|(id, label, confirmed)| SubscriptionView {
                id,
                label,
                confirmed,
            })
            .collect(),
    }))
}
