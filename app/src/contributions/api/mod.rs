//! Contributions: reports, official answers, moderation.
mod answer;
pub mod moderation;
mod report;

pub use answer::*;
pub use report::*;
