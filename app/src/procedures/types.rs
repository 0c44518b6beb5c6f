//! What the pages of procedures receive, public and staff. Dates arrive formatted
//! (Europe/Berlin): the browser has no time zone database.
use crate::procedures::rules::fields::ProcedureForm;
use crate::procedures::rules::{DocumentKind, Status};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProcedureCard {
    pub id: String,
    /// Its public page (a permit procedure has its own).
    pub path: String,
    pub title: String,
    pub summary: String,
    pub organization: String,
    pub status: Status,
    /// Message keys of the topics' labels.
    pub topics: Vec<String>,
    /// "bis 12.03.2026, 12:00 Uhr" for a running or coming phase.
    pub phase: Option<String>,
    pub comment_count: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ListFilter {
    pub q: String,
    pub status: String,
    pub organization: String,
    pub topic: String,
    pub order: String,
    pub page: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProcedureList {
    pub items: Vec<ProcedureCard>,
    pub total: i64,
    pub page: u32,
    pub pages: u32,
    pub filter: ListFilter,
    /// (id, name) of the tenant's organizations, for the filter.
    pub organizations: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PhaseView {
    pub starts: String,
    pub ends: String,
    pub running: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SectionView {
    pub id: String,
    pub number: String,
    pub heading: String,
    /// 1 = chapter, 2 = paragraph.
    pub level: i32,
    pub body: String,
    pub comment_count: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentView {
    pub id: String,
    pub title: String,
    /// For a PDF: "1,2 MB"; sections are empty. For a text document: its sections.
    pub size: Option<String>,
    pub sections: Vec<SectionView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffProcedureItem {
    pub id: String,
    /// Its staff page (a permit procedure has its own).
    pub path: String,
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
    pub kind: DocumentKind,
    /// "1,2 MB", or "12 Abschnitte".
    pub detail: String,
    /// No comment refers to it.
    pub removable: bool,
}

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

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StatusChange {
    pub procedure_id: String,
    /// The staff page to go back to.
    pub back: String,
    pub title: String,
    pub from: Status,
    pub to: Status,
    /// Message key of what keeps the step from being taken now, if anything.
    pub blocked_by: Option<String>,
}
