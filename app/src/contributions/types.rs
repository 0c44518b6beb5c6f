//! What the moderation pages and the contribution forms receive.
use crate::domain::Stance;
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
    /// The fingerprint of `body` that the decision names (see `moderation::decide`).
    pub version: String,
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

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnswerView {
    pub organization: String,
    pub text: String,
    pub date: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommentView {
    pub id: String,
    pub number: i32,
    /// "1.2 Geltungsbereich" when the comment is about a section.
    pub section: Option<String>,
    /// For or against (the arguments of a petition's debate).
    pub stance: Option<Stance>,
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

/// One page of a procedure's comments in threads.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Threads {
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
    /// Server only: the list rendered once for every reader alike, or to be kept once
    /// rendered, with this reader's markers; `comments` are without markers then (and
    /// empty when the list was rendered already).
    #[cfg(feature = "ssr")]
    #[serde(skip)]
    pub shared: Option<crate::contributions::service::shared_list::Shared>,
}
