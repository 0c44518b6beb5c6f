//! The public side of procedures: the list and the page of one procedure.
mod list;
mod page;
pub mod types;

pub use list::*;
pub use page::*;
