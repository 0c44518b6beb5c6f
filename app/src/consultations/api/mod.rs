//! Consultations: one server function per action.
mod confirm;
mod context;
mod edit;
mod page;
mod staff_comments;
mod submit;
mod support;
mod withdraw;

pub use confirm::*;
pub use context::*;
pub use edit::*;
pub use page::*;
pub use staff_comments::*;
pub use submit::*;
pub use support::*;
pub use withdraw::*;
