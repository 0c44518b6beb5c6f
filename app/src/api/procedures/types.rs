//! What the public pages of procedures receive. Dates arrive formatted (Europe/Berlin):
//! the browser has no time zone database.
use crate::domain::{Status, WhoMayComment};
use serde::{Deserialize, Serialize};

/// One procedure in the public list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProcedureCard {
    pub id: String,
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

/// What the list was asked for, echoed so the filter form shows it.
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
pub struct AnswerView {
    pub organization: String,
    pub text: String,
    pub date: String,
}

/// A published comment with its published replies. A comment that is no longer public
/// but has public replies stays as a placeholder (`body` empty, `gone` set) so the
/// thread still reads.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommentView {
    pub id: String,
    pub number: i32,
    /// "1.2 Geltungsbereich" when the comment is about a section.
    pub section: Option<String>,
    pub author: String,
    pub date: String,
    pub edited: bool,
    pub body: String,
    /// Message key of why a placeholder is empty (withdrawn, hidden).
    pub gone: Option<String>,
    pub supports: i32,
    pub supported_by_me: bool,
    pub mine: bool,
    pub answer: Option<AnswerView>,
    pub replies: Vec<CommentView>,
}

/// Who is looking, as far as the comment form cares.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Viewer {
    pub logged_in: bool,
    pub name: String,
    /// Logged in but the address is not confirmed yet.
    pub unverified: bool,
    /// Moderates this procedure's contributions.
    pub moderates: bool,
}

/// Everything on the public page of one procedure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProcedurePage {
    pub id: String,
    pub title: String,
    pub summary: String,
    /// Sanitized when it was saved.
    pub body_html: String,
    pub organization: String,
    pub place: String,
    pub coordinates: Option<(f64, f64)>,
    pub contact: String,
    pub topics: Vec<String>,
    pub status: Status,
    pub who_may_comment: WhoMayComment,
    pub pre_moderated: bool,
    pub phases: Vec<PhaseView>,
    /// "Die Beteiligung läuft bis … (noch 3 Tage)" or "beginnt am …".
    pub phase_note: Option<String>,
    pub accepting: bool,
    pub documents: Vec<DocumentView>,
    pub results_html: String,
    pub results_documents: Vec<DocumentView>,
    pub comments: Vec<CommentView>,
    /// Published top-level comments (for the page count) and all published comments.
    pub thread_count: i64,
    pub comment_count: i64,
    pub page: u32,
    pub pages: u32,
    /// `newest` or `supported`.
    pub order: String,
    /// The section the comments are filtered to: (id, "1.2 Geltungsbereich").
    pub section: Option<(String, String)>,
    pub viewer: Viewer,
}

/// A comment as the reply, report and edit pages show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommentContext {
    pub id: String,
    pub number: i32,
    pub procedure_id: String,
    pub procedure_title: String,
    pub author: String,
    pub date: String,
    pub body: String,
    pub accepting: bool,
    pub who_may_comment: WhoMayComment,
    pub mine: bool,
    pub viewer: Viewer,
}
