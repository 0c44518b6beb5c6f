//! Use cases over the database (server only): transactions, permission checks, mail,
//! audit log. A service holds no HTML; a server function holds no business rule.
pub mod accounts;
pub mod admin;
pub mod audit;
pub mod clock;
pub mod comments;
pub mod crypto;
pub mod db;
pub mod demo;
pub mod entities;
pub mod error;
pub mod exports;
pub mod lifecycle;
pub mod mail;
pub mod markdown;
pub mod moderation;
pub mod notifications;
pub mod permissions;
pub mod procedures;
pub mod rate_limit;
pub mod sessions;
pub mod state;
pub mod subscriptions;
pub mod tenants;
pub mod tokens;

pub use error::AppError;
pub use state::{AppState, Settings};
