//! Procedures: the public list, and staff work on procedures (`staff`).
mod list;
pub mod staff;

pub use list::*;
