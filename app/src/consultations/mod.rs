//! Consultations: comments on a procedure or one of its sections, threads of replies,
//! supports, the page that shows them, and the comments for staff and their exports.
pub mod api;
pub mod pages;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
