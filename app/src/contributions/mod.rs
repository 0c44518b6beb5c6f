//! What every way the public speaks shares: who wrote it, its number, confirmation by
//! mail, the receipt, replies, reports, official answers, and moderation.
pub mod api;
pub mod pages;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
