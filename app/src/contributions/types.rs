//! What the moderation pages and the contribution forms receive.
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportView {
    pub reason: String,
    pub date: String,
}

/// A comment waiting for a decision: held back before publication, hidden by reports,
/// or published with open reports.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueueItem {
    pub id: String,
    pub number: i32,
    pub procedure_id: String,
    pub procedure_title: String,
    pub author: String,
    pub email: Option<String>,
    /// Message key of the status.
    pub status: String,
    pub date: String,
    pub body: String,
    pub reports: Vec<ReportView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReasonView {
    pub id: String,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Queue {
    pub items: Vec<QueueItem>,
    pub reasons: Vec<ReasonView>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Viewer {
    pub logged_in: bool,
    pub name: String,
    /// Logged in but the address is not confirmed yet.
    pub unverified: bool,
    /// Moderates this procedure's contributions.
    pub moderates: bool,
}
