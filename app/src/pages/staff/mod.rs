//! Staff pages of procedures: the list, a new procedure, the manage page, the
//! confirmation of a lifecycle step, and the comments with their answers.
mod comments;
mod fields;
mod list;
mod manage;
mod status;

pub use comments::StaffComments;
pub use list::{NewProcedure, StaffProcedureList};
pub use manage::ManageProcedure;
pub use status::ConfirmStatus;
