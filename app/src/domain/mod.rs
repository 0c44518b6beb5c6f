//! Shared pure types, no I/O: people's e-mail addresses, names and passwords, roles,
//! Berlin time, people's text, subscription scopes, the errors of a form, and the words
//! procedures and contributions are stored with. Types
//! here parse their input: once a value exists, it is valid. Each area keeps the rules
//! that are only its own in its `rules`.
#[cfg(feature = "ssr")]
pub mod berlin;
pub mod contribution;
pub mod deadlines;
pub mod email;
pub mod form;
pub mod password;
pub mod permit;
pub mod person_name;
pub mod petition;
pub mod procedure;
pub mod role;
pub mod scope;
pub mod stored;
pub mod text;

pub use contribution::CommentStatus;
pub use email::EmailAddress;
pub use form::{FieldErrors, FormReply};
pub use password::NewPassword;
pub use permit::{Channel, Hearing};
pub use person_name::PersonName;
pub use petition::{PetitionStatus, SignatureSource, Stance};
pub use procedure::{
    DocumentKind, DocumentPurpose, Moderation, ProcedureKind, Status, WhoMayComment, Window,
};
pub use role::Role;
pub use scope::{Frequency, Scope};
