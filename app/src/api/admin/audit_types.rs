//! What the audit log page receives.
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub date: String,
    /// Name and address of the person, or empty for the system (the lifecycle worker).
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub detail: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AuditFilter {
    pub action: String,
    pub actor: String,
    pub text: String,
    /// `YYYY-MM-DD`, Europe/Berlin.
    pub from: String,
    pub to: String,
    pub page: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub total: i64,
    pub page: u32,
    pub pages: u32,
    pub filter: AuditFilter,
    /// Every action that occurs in this tenant's log, for the filter.
    pub actions: Vec<String>,
}
