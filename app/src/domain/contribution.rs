//! Where a contribution stands (stored with each comment).

super::stored::stored_enum! {
    /// Where a comment stands. Only `Published` is shown to the public.
    pub enum CommentStatus {
        /// Waiting for its author to confirm the address (no account).
        Unconfirmed = "unconfirmed",
        /// Waiting for a moderator (moderation before publication).
        Pending = "pending",
        Published = "published",
        /// Hidden by reports until a moderator decides.
        Reported = "reported",
        /// Hidden by a moderator, with a reason.
        Hidden = "hidden",
        /// Taken back by its author.
        Withdrawn = "withdrawn",
        /// An objection on record (a permit procedure): never shown on a public page.
        Filed = "filed",
    }
}

impl CommentStatus {
    pub fn label_key(self) -> &'static str {
        match self {
            CommentStatus::Unconfirmed => "comment.status.unconfirmed",
            CommentStatus::Pending => "comment.status.pending",
            CommentStatus::Published => "comment.status.published",
            CommentStatus::Reported => "comment.status.reported",
            CommentStatus::Hidden => "comment.status.hidden",
            CommentStatus::Withdrawn => "comment.status.withdrawn",
            CommentStatus::Filed => "comment.status.filed",
        }
    }

    /// Waiting for a moderator's decision.
    pub fn awaits_moderation(self) -> bool {
        matches!(self, CommentStatus::Pending | CommentStatus::Reported)
    }
}
