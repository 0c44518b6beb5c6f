use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What one can subscribe to on this tenant: its organizations (the topics are fixed).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubscriptionChoices {
    /// (id, name)
    pub organizations: Vec<(String, String)>,
}

#[server(endpoint = "subscription-options", input = leptos::server_fn::codec::GetUrl)]
pub async fn subscription_options() -> Result<SubscriptionChoices, ServerFnError> {
    use crate::services::subscriptions;
    let req = crate::api::context::request().await?;
    let orgs = subscriptions::organizations(&req.state, &req.tenant)
        .await
        .map_err(|e| req.fail(e))?;
    Ok(SubscriptionChoices {
        organizations: orgs
            .into_iter()
            .map(|o| (o.id.to_string(), o.name))
            .collect(),
    })
}
