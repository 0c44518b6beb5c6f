//! Subscriptions without an account: subscribe, confirm, manage. (The one-click
//! unsubscribe is a plain route of the server: mail providers post to it.)
mod add;
mod confirm;
mod frequency;
mod options;
mod overview;
mod remove;
mod subscribe;

pub use add::*;
pub use confirm::*;
pub use frequency::*;
pub use options::*;
pub use overview::*;
pub use remove::*;
pub use subscribe::*;
