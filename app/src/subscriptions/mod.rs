//! Notifications without an account: subscribe with double opt-in, manage through the
//! signed link of every notification, unsubscribe with one click.
pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
