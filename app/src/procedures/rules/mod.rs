//! The pure rules of procedures: the lifecycle and its comment phases, the fields staff
//! fill in, and the numbered sections of a text document.
pub mod fields;
pub mod lifecycle;
pub mod sections;

pub use crate::domain::procedure::{
    DocumentKind, DocumentPurpose, Moderation, ProcedureKind, Status, WhoMayComment,
};
