//! Staff pages and what a tenant admin manages.
mod accept_invitation;
mod audit_log;
mod create_organization;
mod dead_mails;
mod invite_staff;
mod overview;
mod resend_mail;

pub use accept_invitation::*;
pub use audit_log::*;
pub use create_organization::*;
pub use dead_mails::*;
pub use invite_staff::*;
pub use overview::*;
pub use resend_mail::*;
