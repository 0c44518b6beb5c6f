//! The words a procedure is stored with: its kind, its status in the lifecycle, who may
//! contribute and how that is moderated, what its documents are, and the window of a
//! comment phase. (The rules that work with them are the procedures area's own.)
use chrono::{DateTime, Utc};

super::stored::stored_enum! {
    /// The kind of a procedure: which area runs its public side.
    pub enum ProcedureKind {
        /// Comments on documents and their sections (incl. land-use plans, BauGB §3).
        Consultation = "consultation",
        /// The debate of a petition (same id as the petition): arguments for and against,
        /// open while the petition can be signed.
        Debate = "debate",
        /// The formal public participation of a permit under §10 BImSchG: documents on
        /// display, objections until a legal deadline, hearing, decision.
        Permit = "permit",
    }
}

super::stored::stored_enum! {
    /// Who may comment on a procedure.
    #[derive(Default)]
    pub enum WhoMayComment {
        /// Logged in with a verified address.
        #[default]
        Account = "account",
        /// Anyone with a name and an address confirmed through a mailed link (no account).
        VerifiedEmail = "email",
        /// Anyone with a name.
        NameOnly = "name",
    }
}

impl WhoMayComment {
    pub fn parse(s: &str) -> Result<Self, &'static str> {
        s.parse().map_err(|_| "error.procedure.who_may_comment")
    }

    pub fn label_key(self) -> &'static str {
        match self {
            WhoMayComment::Account => "procedure.who.account",
            WhoMayComment::VerifiedEmail => "procedure.who.email",
            WhoMayComment::NameOnly => "procedure.who.name",
        }
    }
}

super::stored::stored_enum! {
    /// Whether a moderator reviews comments before they are shown, or after.
    #[derive(Default)]
    pub enum Moderation {
        #[default]
        After = "after",
        Before = "before",
    }
}

impl Moderation {
    pub fn parse(s: &str) -> Result<Self, &'static str> {
        s.parse().map_err(|_| "error.procedure.moderation")
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Moderation::Before => "procedure.moderation.before",
            Moderation::After => "procedure.moderation.after",
        }
    }
}

super::stored::stored_enum! {
    /// `draft → announced → open → evaluation → concluded → archived` (ordered so).
    #[derive(Default, PartialOrd, Ord)]
    pub enum Status {
        /// Visible to its organization's staff only.
        #[default]
        Draft = "draft",
        /// Public, with dates; no contributions yet (or between two phases).
        Announced = "announced",
        /// A comment phase is running: contributions are accepted.
        Open = "open",
        /// Closed to contributions; staff work through them.
        Evaluation = "evaluation",
        /// Results published.
        Concluded = "concluded",
        /// Read-only.
        Archived = "archived",
    }
}

impl Status {
    pub fn parse(s: &str) -> Option<Self> {
        s.parse().ok()
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Status::Draft => "procedure.status.draft",
            Status::Announced => "procedure.status.announced",
            Status::Open => "procedure.status.open",
            Status::Evaluation => "procedure.status.evaluation",
            Status::Concluded => "procedure.status.concluded",
            Status::Archived => "procedure.status.archived",
        }
    }

    /// Seen by the public (everything but a draft).
    pub fn is_public(self) -> bool {
        self != Status::Draft
    }

    /// The statuses the dates move between by themselves.
    pub fn follows_dates(self) -> bool {
        matches!(self, Status::Announced | Status::Open | Status::Evaluation)
    }

    /// The step staff may take by hand from here (after a confirmation), if any.
    /// Every other change follows the dates.
    pub fn manual_next(self) -> Option<Status> {
        match self {
            Status::Draft => Some(Status::Announced),
            Status::Evaluation => Some(Status::Concluded),
            Status::Concluded => Some(Status::Archived),
            _ => None,
        }
    }
}

super::stored::stored_enum! {
    /// A PDF file, or a text document made of numbered sections.
    pub enum DocumentKind {
        Pdf = "pdf",
        Text = "text",
    }
}

super::stored::stored_enum! {
    /// Whether a document belongs to the procedure or to its results report.
    pub enum DocumentPurpose {
        Procedure = "procedure",
        Results = "results",
    }
}

/// A comment phase: contributions are accepted from `starts_at` (inclusive) until
/// `ends_at` (exclusive), to the second.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

impl Window {
    pub fn contains(&self, now: DateTime<Utc>) -> bool {
        self.starts_at <= now && now < self.ends_at
    }
}
