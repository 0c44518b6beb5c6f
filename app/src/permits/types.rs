//! What the pages of permit procedures receive: already formatted, in the page's language.
use crate::domain::{Hearing, Status};
use serde::{Deserialize, Serialize};

/// One date of the schedule with its legal basis.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DateRow {
    /// Message key of what the date is.
    pub label: String,
    pub date: String,
    pub basis: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentView {
    pub id: String,
    pub title: String,
    pub size: String,
    /// Staff view: contains business secrets (never public).
    pub confidential: bool,
    /// The title of the confidential document this one summarizes.
    pub summary_of: Option<String>,
}

/// The public page of a permit procedure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PermitPage {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub status: Status,
    /// Message key of the stage: announced, display, objection period, evaluation,
    /// hearing, decision.
    pub stage: String,
    pub organization: String,
    pub applicant: String,
    pub installation: String,
    pub site_address: String,
    pub coordinates: Option<String>,
    pub announcement_html: String,
    pub office_address: String,
    pub office_hours: String,
    pub contact: String,
    pub dates: Vec<DateRow>,
    /// Staff changed a computed date (the reason is in the audit log and shown).
    pub override_reason: Option<String>,
    pub documents: Vec<DocumentView>,
    /// Documents withheld as business secrets, each replaced by its summary.
    pub withheld: usize,
    /// Objections are accepted now (the server decides again when one arrives).
    pub accepting: bool,
    /// "14.01.2027, 24:00 Uhr".
    pub deadline: String,
    pub hearing: Hearing,
    pub hearing_reason: String,
    pub hearing_at: Option<String>,
    pub hearing_place: String,
    pub decision_html: Option<String>,
    /// The decision as PDF (shown once it is published).
    pub decision_documents: Vec<DocumentView>,
    pub decision_announced: Option<String>,
    /// The day the decision counts as delivered (§10(8) BImSchG).
    pub delivery_effective: Option<String>,
    /// The viewer runs this procedure (a link to the staff pages).
    pub manages: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttachmentView {
    pub id: String,
    pub name: String,
    pub size: String,
    pub sha256: String,
}

/// The receipt of an objection (its page is reachable only through its link).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Receipt {
    pub procedure_id: String,
    pub procedure_title: String,
    pub reference: String,
    pub received_at: String,
    pub text: Option<String>,
    pub attachments: Vec<AttachmentView>,
    pub content_hash: String,
    /// The signed statement to paste into the public check.
    pub code: String,
    pub public_key: String,
}

/// What the public check of a receipt found (never the objection itself).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReceiptCheck {
    pub asked: bool,
    /// Message key of the outcome.
    pub outcome: String,
    pub procedure_title: String,
    pub reference: String,
    pub received_at: String,
    pub content_hash: String,
    pub public_key: String,
}

/// One objection in the register (staff only).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegisterRow {
    pub id: String,
    pub reference: String,
    pub received_at: String,
    /// Message key of the channel.
    pub channel: String,
    pub late: bool,
    pub name: String,
    pub address: String,
    pub email: String,
    pub text: String,
    /// Number of the group of identical objections, when there are others like it.
    pub group: Option<usize>,
    pub signers: i32,
    pub representative: String,
    pub topic: Option<String>,
    pub attachments: Vec<AttachmentView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TopicView {
    pub id: String,
    pub name: String,
    pub response: String,
    pub objections: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Register {
    pub id: String,
    pub title: String,
    pub deadline: String,
    pub rows: Vec<RegisterRow>,
    pub topics: Vec<TopicView>,
    pub late: usize,
    /// Groups of identical objections: (group number, objections, signers in all).
    pub groups: Vec<(usize, usize, i64)>,
    pub personal_data_deleted: bool,
}

/// The staff page of a permit procedure (new: `id` empty).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffPermit {
    pub id: String,
    pub status: Status,
    pub form: crate::permits::rules::PermitForm,
    pub organizations: Vec<(String, String)>,
    pub dates: Vec<DateRow>,
    pub display_end_override: String,
    pub deadline_override: String,
    pub override_reason: String,
    pub documents: Vec<DocumentView>,
    /// The decision's PDFs (public once the decision is published).
    pub decision_documents: Vec<DocumentView>,
    /// Confidential documents still without a public summary (announcing waits for them).
    pub missing_summaries: Vec<String>,
    pub hearing: Hearing,
    pub hearing_reason: String,
    pub hearing_at: String,
    pub hearing_place: String,
    /// About four weeks after the objection deadline (§16 9. BImSchV): when a hearing
    /// should take place at the latest.
    pub hearing_by: String,
    pub decision_text: String,
    pub decision_announced: String,
    pub delivery_by_announcement: bool,
    pub objections: usize,
    /// The next manual step (draft → announced, evaluation → … is the decision's).
    pub can_announce: bool,
    pub can_archive: bool,
}
