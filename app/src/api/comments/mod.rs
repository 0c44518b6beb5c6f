//! Citizens' comments: one server function per action.
mod confirm;
mod context;
mod edit;
mod report;
mod submit;
mod support;
mod withdraw;

pub use confirm::*;
pub use context::*;
pub use edit::*;
pub use report::*;
pub use submit::*;
pub use support::*;
pub use withdraw::*;
