//! Everything a request needs from the running server, built once at start-up.
use super::clock::Clock;
use super::crypto::SecretKey;
use super::mail::Mailer;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;
use std::sync::Arc;

/// Settings the services act on (parsed from the environment by the server crate).
#[derive(Clone, Debug)]
pub struct Settings {
    /// Scheme, host and port of links in mails, e.g. `http://127.0.0.1:3000`.
    pub base_url: String,
    /// Set cookies with `Secure` (base URL is https).
    pub secure_cookies: bool,
    /// Attempts per client address and action in one rate-limit window.
    pub ip_rate_limit: i32,
    /// The load balancers whose `X-Forwarded-For` names the client.
    pub trusted_proxies: super::client_address::TrustedProxies,
    /// Hour (Europe/Berlin) at which daily and weekly (Monday) digests are built.
    pub digest_hour: u32,
    /// Where uploaded files live: outside the web root, served only through the
    /// routes that check who may see them.
    pub files_dir: std::path::PathBuf,
    /// Signs objection receipts; its public half is published.
    pub receipt_key: super::receipt_key::ReceiptKey,
    /// How long after a permit procedure ends its objectors' personal data is kept.
    pub permit_retention: chrono::Duration,
}

#[derive(Clone, FromRef)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub settings: Arc<Settings>,
    pub mailer: Mailer,
    pub clock: Arc<dyn Clock>,
    pub secret: SecretKey,
    pub leptos_options: LeptosOptions,
    /// Wakes this process's mail worker when a mail was queued (other processes poll).
    pub mail_queued: Arc<tokio::sync::Notify>,
    /// Changes committed in this process (`Write::commit` counts them): a cached page
    /// rendered before the latest change is stale.
    pub changes: Arc<std::sync::atomic::AtomicU64>,
    /// Large parts of pages rendered once for everyone who sees them alike.
    pub shared_renders: Arc<super::shared_renders::SharedRenders>,
    /// Sessions looked up lately, so a reader's next requests need not look again.
    pub resolved_sessions: Arc<super::sessions::ResolvedSessions>,
}

impl AppState {
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    /// Counts a change committed in this process: cached pages, shared parts and
    /// resolved sessions read before it are stale from now on.
    pub fn count_change(&self) {
        self.changes
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }
}
