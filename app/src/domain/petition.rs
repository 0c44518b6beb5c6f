//! The words petitions and their signatures are stored with.

super::stored::stored_enum! {
    /// `draft → submitted → (changes_requested → submitted) → published → closed →
    /// handed_over → answered`; a non-public petition goes from submitted to `forwarded`
    /// (to the addressee only) instead of `published`; `rejected` ends it.
    #[derive(Default, PartialOrd, Ord)]
    pub enum PetitionStatus {
        /// Being written; seen by its petitioner only.
        #[default]
        Draft = "draft",
        /// Waiting for a moderator's review.
        Submitted = "submitted",
        /// The moderator asked for changes; the petitioner edits and submits again.
        ChangesRequested = "changes_requested",
        /// Refused, with a reason.
        Rejected = "rejected",
        /// Public and open for co-signing until its closing date.
        Published = "published",
        /// Not public: with the addressee only.
        Forwarded = "forwarded",
        /// The signing period ended.
        Closed = "closed",
        /// Handed over to the addressee.
        HandedOver = "handed_over",
        /// The addressee's response is published.
        Answered = "answered",
    }
}

impl PetitionStatus {
    pub fn label_key(self) -> &'static str {
        match self {
            PetitionStatus::Draft => "petition.status.draft",
            PetitionStatus::Submitted => "petition.status.submitted",
            PetitionStatus::ChangesRequested => "petition.status.changes_requested",
            PetitionStatus::Rejected => "petition.status.rejected",
            PetitionStatus::Published => "petition.status.published",
            PetitionStatus::Forwarded => "petition.status.forwarded",
            PetitionStatus::Closed => "petition.status.closed",
            PetitionStatus::HandedOver => "petition.status.handed_over",
            PetitionStatus::Answered => "petition.status.answered",
        }
    }

    /// Seen by the public: published and what follows it (never a non-public petition).
    pub fn is_public(self) -> bool {
        matches!(
            self,
            PetitionStatus::Published
                | PetitionStatus::Closed
                | PetitionStatus::HandedOver
                | PetitionStatus::Answered
        )
    }

    /// The petitioner may still change it.
    pub fn editable(self) -> bool {
        matches!(
            self,
            PetitionStatus::Draft | PetitionStatus::ChangesRequested
        )
    }
}

super::stored::stored_enum! {
    /// Where a signature came from.
    pub enum SignatureSource {
        /// The online form, confirmed through the mailed link.
        Online = "online",
        /// A paper list, entered by staff.
        Paper = "paper",
    }
}

super::stored::stored_enum! {
    /// Which side an argument of a petition's debate takes.
    pub enum Stance {
        For = "for",
        Against = "against",
    }
}

impl Stance {
    pub fn label_key(self) -> &'static str {
        match self {
            Stance::For => "stance.for",
            Stance::Against => "stance.against",
        }
    }
}
