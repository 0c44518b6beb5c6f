//! What every area stands on (server only): state, database and the write helper,
//! clock, client addresses, crypto, signed links, one-time tokens, rate limits, audit log, errors,
//! tenants, sessions, permissions, files, spreadsheets, Markdown, mail, notifications
//! and the database rows. The platform knows no area: areas use it, never the reverse.
pub mod audit;
pub mod client_address;
pub mod clock;
pub mod crypto;
pub mod db;
pub mod entities;
pub mod error;
pub mod files;
pub mod kept_html;
pub mod mail;
pub mod markdown;
pub mod notifications;
pub mod permissions;
pub mod rate_limit;
pub mod receipt_key;
pub mod sessions;
pub mod shared_renders;
pub mod signed_link;
pub mod spreadsheet;
pub mod state;
pub mod tenants;
pub mod tokens;
pub mod write;

pub use error::AppError;
pub use state::{AppState, Settings};
pub use write::Write;
