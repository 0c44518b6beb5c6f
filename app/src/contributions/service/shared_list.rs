//! The comment list of a page (one page of threads with their replies), rendered once for
//! every reader who sees it alike and kept in `platform::shared_renders`: the same
//! procedure, language, section, order and page; logged in or not, moderating or not,
//! contributions accepted or not. What differs from one logged-in reader to the next —
//! the support button or the mark of a comment they support, the edit link of their own
//! comments — sits in the actions of just those comments, which are rendered for the
//! reader on every request (`pages::threads`). A reader whose list is shared costs one
//! query for their supports instead of loading and rendering a hundred comments.
use crate::contributions::types::{CommentView, Threads};
use crate::i18n::Lang;
use crate::platform::kept_html::KeptHtml;
use crate::platform::shared_renders::{SharedRenders, Stamp};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;
use uuid::Uuid;

/// Everything a rendered list depends on, but the reader's markers.
#[derive(Clone, Debug, PartialEq)]
pub struct ListView {
    pub procedure: Uuid,
    pub lang: Lang,
    pub section: Option<Uuid>,
    /// `newest` or `supported`.
    pub order: &'static str,
    /// The page asked for (a page past the last is rendered as the last, and kept as it).
    pub page: u32,
    pub logged_in: bool,
    pub moderates: bool,
    pub accepting: bool,
}

impl ListView {
    pub fn key(&self) -> String {
        format!(
            "comments {} {} {} {} {} {}{}{}",
            self.procedure,
            self.lang.code(),
            self.section.map(|s| s.to_string()).unwrap_or_default(),
            self.order,
            self.page,
            u8::from(self.logged_in),
            u8::from(self.moderates),
            u8::from(self.accepting),
        )
    }
}

/// One rendered list, as every reader of its view gets it before their markers are set.
pub struct SharedList {
    /// The `<li>` of every thread, without markers of any reader.
    pub html: Arc<KeptHtml>,
    /// The comments that carry actions, in the order of the page, with where their
    /// actions stand in `html`.
    pub actionable: Vec<Actionable>,
    /// The page's counts (the threads without their comments).
    pub counts: Threads,
}

/// A comment whose actions depend on the reader.
pub struct Actionable {
    pub id: Uuid,
    pub author: Option<Uuid>,
    /// The comment as its actions are rendered (without text and replies).
    pub view: CommentView,
    pub range: Range<usize>,
}

/// What the page needs to show a shared list to one reader: the list when it was
/// rendered already, else where to keep it once rendered; and the reader's markers.
#[derive(Clone)]
pub struct Shared {
    pub view: ListView,
    /// When the list was (or is being) read.
    pub stamp: Stamp,
    pub list: Option<Arc<SharedList>>,
    /// The user accounts that wrote the page's comments (for a list still to render).
    pub authors: HashMap<Uuid, Uuid>,
    pub reader: Option<Uuid>,
    /// The reader's supports among the page's comments.
    pub supported: Vec<Uuid>,
    pub renders: Arc<SharedRenders>,
}

impl Shared {
    /// Whether `comment` is the reader's own, and whether they support it.
    pub fn markers(&self, comment: Uuid, author: Option<Uuid>) -> (bool, bool) {
        let mine = self.reader.is_some() && author == self.reader;
        (mine, self.supported.contains(&comment))
    }

    /// Keeps the rendered list for every reader of the same view.
    pub fn keep(&self, list: Arc<SharedList>) {
        let bytes = list.html.kept_bytes() + list.actionable.len() * 256;
        self.renders.put(self.view.key(), self.stamp, bytes, list);
    }
}

impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shared")
            .field("view", &self.view)
            .field("stamp", &self.stamp)
            .field("rendered", &self.list.is_some())
            .finish_non_exhaustive()
    }
}

impl PartialEq for Shared {
    fn eq(&self, other: &Self) -> bool {
        self.view == other.view
            && self.stamp == other.stamp
            && self.reader == other.reader
            && self.supported == other.supported
    }
}
