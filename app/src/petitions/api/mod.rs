//! Petitions: one server function per action, grouped by who acts.
mod read;
mod review;
mod sign;
mod staff;
mod write;

pub use read::*;
pub use review::*;
pub use sign::*;
pub use staff::*;
pub use write::*;
