//! Pure rules, no I/O. Types here parse their input: once a value exists, it is valid.
#[cfg(feature = "ssr")]
pub mod berlin;
pub mod comment;
pub mod email;
pub mod form;
pub mod lifecycle;
pub mod password;
pub mod person_name;
pub mod procedure;
pub mod role;
pub mod sections;
pub mod subscription;

pub use comment::{CommentBody, CommentStatus};
pub use email::EmailAddress;
pub use form::{FieldErrors, FormReply};
pub use lifecycle::Status;
pub use password::NewPassword;
pub use person_name::PersonName;
pub use procedure::{Moderation, WhoMayComment};
pub use role::Role;
pub use subscription::{Frequency, Scope};
