//! What the staff and admin pages receive.
use crate::domain::Role;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MemberView {
    pub name: String,
    pub email: String,
    pub role: Role,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrganizationView {
    pub id: String,
    pub name: String,
    pub members: Vec<MemberView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffOverview {
    pub is_tenant_admin: bool,
    pub organizations: Vec<OrganizationView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeadMailView {
    pub id: i64,
    pub recipient: String,
    pub template: String,
    pub attempts: i32,
    pub last_error: String,
    /// Local time, formatted for the page's language.
    pub created_at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InvitationInfo {
    pub email: String,
    pub organization: String,
    pub role: Role,
    pub has_account: bool,
}

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
