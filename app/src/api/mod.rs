//! Server functions, one small file per action, grouped by area. Each parses input,
//! asks `context` who is calling and hands over to a service. Reads use GET.
#[cfg(feature = "ssr")]
pub mod context;

pub mod accounts;
pub mod admin;
pub mod comments;
pub mod moderation;
pub mod procedures;
pub mod site;
pub mod staff;
pub mod subscriptions;
