//! Pure rules, no I/O. Types here parse their input: once a value exists, it is valid.
pub mod email;
pub mod form;
pub mod password;
pub mod person_name;
pub mod role;
pub mod subscription;

pub use email::EmailAddress;
pub use form::{FieldErrors, FormReply};
pub use password::NewPassword;
pub use person_name::PersonName;
pub use role::Role;
pub use subscription::{Frequency, Scope};
