//! Staff pages and what a tenant admin manages.
mod accept_invitation;
mod create_organization;
mod invite_staff;
mod overview;

pub use accept_invitation::*;
pub use create_organization::*;
pub use invite_staff::*;
pub use overview::*;
