//! What the pages of a consultation receive: the procedure with its comments, one
//! comment for the reply, report and edit pages, and the comments as staff see them.
use crate::contributions::types::{Threads, Viewer};
use crate::procedures::rules::{Status, WhoMayComment};
use crate::procedures::types::{DocumentView, PhaseView};
use serde::{Deserialize, Serialize};

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
    /// Where the documents section, the same for every reader of the procedure in this
    /// language while contributions are (or are not) accepted, is kept rendered.
    #[cfg(feature = "ssr")]
    #[serde(skip)]
    pub shared_documents: Option<crate::platform::shared_renders::SharedHtml>,
    pub results_html: String,
    pub results_documents: Vec<DocumentView>,
    /// One page of the comments, with the section they are filtered to.
    pub threads: Threads,
    pub viewer: Viewer,
}

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
