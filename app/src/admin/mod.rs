//! What staff and the tenant admin manage: organizations and their staff, invitations,
//! undeliverable mails, and the audit log.
pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
