//! Moderation: the queue, decisions, and the reasons moderators pick from.
mod decide;
mod queue;
mod reasons;

pub use decide::*;
pub use queue::*;
pub use reasons::*;
