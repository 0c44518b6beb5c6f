//! A person's account: registration, e-mail verification, login, password reset and
//! change, and the account page (data download, deletion).
pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
