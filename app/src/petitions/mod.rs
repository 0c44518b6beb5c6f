//! Online petitions: citizens write a petition to an addressee (a parliament, a
//! council), moderators review it, anyone co-signs it with a confirmed address, the
//! quorum and the closing date move it on, staff hand it over and publish the response.
//! Its debate is on the contributions core.
pub mod api;
pub mod pages;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
