//! Staff pages of procedures: the list, a new procedure, the manage page, the
//! confirmation of a lifecycle step.
mod fields;
mod list;
mod manage;
mod status;

pub use list::{NewProcedure, StaffProcedureList};
pub use manage::ManageProcedure;
pub use status::ConfirmStatus;
