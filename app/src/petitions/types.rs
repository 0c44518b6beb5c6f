//! What the pages of petitions receive. Dates arrive formatted (Europe/Berlin).
use crate::contributions::types::{ReasonView, Threads, Viewer};
use crate::domain::PetitionStatus;
use crate::petitions::rules::PetitionForm;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AddresseeView {
    pub id: String,
    pub name: String,
    pub organization: String,
    pub quorum: i32,
    pub max_weeks: i32,
}

/// One petition in a list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PetitionCard {
    pub id: String,
    pub reference: String,
    pub title: String,
    pub addressee: String,
    pub status: PetitionStatus,
    /// Message key of the category's label.
    pub category: String,
    pub region: String,
    pub count: i32,
    pub quorum: i32,
    pub progress: u32,
    /// "noch 3 Tage" while it can be signed.
    pub time_left: Option<String>,
}

/// What the list was asked for, echoed so the filter form shows it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PetitionFilter {
    pub q: String,
    /// `open` (default), `answered` or `all`.
    pub status: String,
    pub addressee: String,
    pub category: String,
    pub region: String,
    /// `newest` (default), `quorum` (close to the quorum) or `ends` (ends soon).
    pub order: String,
    pub page: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PetitionList {
    pub items: Vec<PetitionCard>,
    /// Petitions waiting for review (only counted).
    pub in_review: i64,
    pub total: i64,
    pub page: u32,
    pub pages: u32,
    pub filter: PetitionFilter,
    /// (id, name)
    pub addressees: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SignerView {
    pub name: String,
    pub place: String,
    pub date: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UpdateView {
    pub date: String,
    pub body: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileView {
    pub id: String,
    pub title: String,
    /// "1,2 MB"
    pub size: String,
}

/// Everything on the page of one petition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PetitionPage {
    pub id: String,
    pub reference: String,
    pub title: String,
    pub request: String,
    pub reasons: String,
    pub category: String,
    pub region: String,
    pub addressee: String,
    pub status: PetitionStatus,
    pub public: bool,
    pub count: i32,
    pub quorum: i32,
    pub progress: u32,
    pub quorum_reached: bool,
    /// When signing ends: "29.03.2026, 12:00 Uhr".
    pub closes: Option<String>,
    pub time_left: Option<String>,
    /// Signatures are accepted now.
    pub signing_open: bool,
    /// The signed moment the signing form was rendered (against bots filling it at once).
    pub started: String,
    /// The latest signers who chose to show their name.
    pub signers: Vec<SignerView>,
    pub updates: Vec<UpdateView>,
    pub handed_over: Option<String>,
    pub response: Option<String>,
    pub answered: Option<String>,
    pub files: Vec<FileView>,
    /// Why a moderator asked for changes or rejected it (shown to its petitioner).
    pub moderation_reason: Option<String>,
    /// The person looking wrote it.
    pub mine: bool,
    /// The person looking handles it (staff of the addressee).
    pub handles: bool,
    /// The debate: arguments for and against.
    pub debate: Option<Threads>,
    pub debate_open: bool,
    pub viewer: Viewer,
}

/// One of the person's own petitions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyPetition {
    pub id: String,
    pub reference: String,
    pub title: String,
    pub status: PetitionStatus,
    pub count: i32,
}

/// The form to write a petition, with what it needs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PetitionDraft {
    /// `None` for a new petition.
    pub id: Option<String>,
    pub reference: Option<String>,
    pub form: PetitionForm,
    pub status: PetitionStatus,
    pub moderation_reason: Option<String>,
    pub files: Vec<FileView>,
    pub addressees: Vec<AddresseeView>,
}

/// A petition waiting for review.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewItem {
    pub id: String,
    pub reference: String,
    pub title: String,
    pub addressee: String,
    pub petitioner: String,
    pub public: bool,
    pub weeks: i32,
    pub request: String,
    pub reasons: String,
    pub category: String,
    pub region: String,
    pub submitted: String,
    pub files: Vec<FileView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Review {
    pub items: Vec<ReviewItem>,
    pub reasons: Vec<ReasonView>,
}

/// A petition as the staff of its addressee list it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffPetitionItem {
    pub id: String,
    pub reference: String,
    pub title: String,
    pub addressee: String,
    pub status: PetitionStatus,
    pub public: bool,
    pub count: i32,
    pub quorum: i32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BatchView {
    pub date: String,
    pub count: i32,
    pub note: String,
    /// The scan of the lists, if one was uploaded.
    pub scan: Option<String>,
}

/// The staff page of one petition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffPetition {
    pub page: PetitionPage,
    pub online: i64,
    pub paper: i64,
    pub batches: Vec<BatchView>,
}
