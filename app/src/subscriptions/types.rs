//! What the subscription pages receive.
use crate::domain::Frequency;
use serde::{Deserialize, Serialize};

/// What one can subscribe to on this tenant: its organizations (the topics are fixed).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubscriptionChoices {
    /// (id, name)
    pub organizations: Vec<(String, String)>,
}

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
