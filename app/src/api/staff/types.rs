//! What the staff pages of procedures receive.
use crate::domain::Status;
use crate::domain::procedure::ProcedureForm;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffProcedureItem {
    pub id: String,
    pub title: String,
    pub organization: String,
    pub status: Status,
    pub comment_count: i64,
    /// Comments waiting for a moderator.
    pub waiting_count: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffProcedures {
    pub items: Vec<StaffProcedureItem>,
    /// (id, name) of the organizations the person may create procedures for.
    pub organizations: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EditorPhase {
    pub id: String,
    pub starts: String,
    pub ends: String,
    /// Not started yet (or the procedure is a draft): may be removed.
    pub removable: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EditorDocument {
    pub id: String,
    pub title: String,
    /// `pdf` or `text`.
    pub kind: String,
    /// "1,2 MB", or "12 Abschnitte".
    pub detail: String,
    /// No comment refers to it.
    pub removable: bool,
}

/// The manage page of one procedure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Editor {
    pub id: String,
    pub form: ProcedureForm,
    pub organization_name: String,
    /// As the dates have it now (the stored status may lag until the worker ran).
    pub status: Status,
    /// The step staff may take by hand, if any.
    pub next: Option<Status>,
    /// Archived procedures are read-only.
    pub editable: bool,
    pub phases: Vec<EditorPhase>,
    pub documents: Vec<EditorDocument>,
    pub results_markdown: String,
    pub results_documents: Vec<EditorDocument>,
    pub comment_count: i64,
    pub organizations: Vec<(String, String)>,
}

/// A comment as staff see it: with the author's data and status.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffComment {
    pub id: String,
    pub number: i32,
    pub reply_to: Option<i32>,
    pub section: Option<String>,
    pub author: String,
    pub email: Option<String>,
    pub has_account: bool,
    /// Message key of the status.
    pub status: String,
    pub date: String,
    pub body: String,
    pub supports: i32,
    pub reports: i32,
    pub answer: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffComments {
    pub procedure_id: String,
    pub procedure_title: String,
    pub comments: Vec<StaffComment>,
}

/// The confirmation page of a status change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StatusChange {
    pub procedure_id: String,
    pub title: String,
    pub from: Status,
    pub to: Status,
    /// Message key of what keeps the step from being taken now, if anything.
    pub blocked_by: Option<String>,
}
