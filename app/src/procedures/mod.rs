//! The shared procedure engine: the lifecycle and its phases, documents and their
//! sections, the public listing, the staff editor and the lifecycle worker. Every kind
//! of procedure (consultations today) stands on it.
pub mod api;
pub mod pages;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
