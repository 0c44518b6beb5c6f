//! From configuration to a running server: data dir, secret key, database, mailer.
use crate::config::{Config, ConfigError};
use app::platform::clock::{Clock, SystemClock};
use app::platform::crypto::SecretKey;
use app::platform::mail::Mailer;
use app::platform::mail::worker::WorkerSettings;
use app::platform::receipt_key::ReceiptKey;
use app::platform::{AppState, Settings, db};
use leptos::config::LeptosOptions;
use migration::{Migrator, MigratorTrait};
use sea_orm::DatabaseConnection;
use std::path::Path;
use std::sync::Arc;

fn problem(variable: &'static str, message: impl std::fmt::Display) -> ConfigError {
    ConfigError {
        variable,
        message: message.to_string(),
    }
}

/// The shortest secret key accepted: 256 bits.
pub const SECRET_KEY_MIN_BYTES: usize = 32;

/// Reads the receipt signing key from the data dir, creating it (mode 0600) on first start.
pub fn receipt_key(data_dir: &Path) -> Result<ReceiptKey, ConfigError> {
    let path = data_dir.join("receipt.key");
    if let Ok(text) = std::fs::read_to_string(&path) {
        return ReceiptKey::from_seed_text(&text).ok_or_else(|| {
            problem(
                "MITWIRKEN_DATA_DIR",
                format!("{} is not a valid receipt key file", path.display()),
            )
        });
    }
    let key = ReceiptKey::generate();
    write_private(&path, &key.seed_text()).map_err(|e| {
        problem(
            "MITWIRKEN_DATA_DIR",
            format!("cannot write {}: {e}", path.display()),
        )
    })?;
    Ok(key)
}

/// Reads the secret key from the data dir, creating it (mode 0600) on first start.
pub fn secret_key(data_dir: &Path) -> Result<SecretKey, ConfigError> {
    use rand::RngCore;
    let path = data_dir.join("secret.key");
    if let Ok(text) = std::fs::read_to_string(&path) {
        let bytes = base64::Engine::decode(&base64::engine::general_purpose::STANDARD, text.trim())
            .map_err(|_| {
                problem(
                    "MITWIRKEN_DATA_DIR",
                    format!("{} is not a valid key file", path.display()),
                )
            })?;
        // Shorter keys make every signed link and session guessable sooner.
        if bytes.len() < SECRET_KEY_MIN_BYTES {
            return Err(problem(
                "MITWIRKEN_DATA_DIR",
                format!(
                    "{} holds {} bytes; a secret key needs at least {SECRET_KEY_MIN_BYTES} \
                     (delete the file to have a new one made: logged-in people are logged out \
                     and links already sent stop working)",
                    path.display(),
                    bytes.len()
                ),
            ));
        }
        return Ok(SecretKey::new(bytes));
    }
    let mut bytes = vec![0u8; SECRET_KEY_MIN_BYTES];
    rand::rng().fill_bytes(&mut bytes);
    let text = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &bytes);
    write_private(&path, &text).map_err(|e| {
        problem(
            "MITWIRKEN_DATA_DIR",
            format!("cannot write {}: {e}", path.display()),
        )
    })?;
    Ok(SecretKey::new(bytes))
}

#[cfg(unix)]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(text.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    std::fs::write(path, text)
}

pub async fn connect(config: &Config) -> Result<DatabaseConnection, ConfigError> {
    std::fs::create_dir_all(&config.data_dir).map_err(|e| {
        problem(
            "MITWIRKEN_DATA_DIR",
            format!("cannot create {}: {e}", config.data_dir.display()),
        )
    })?;
    db::connect(&config.database_url).await.map_err(|e| {
        problem(
            "MITWIRKEN_DATABASE_URL",
            format!("cannot open the database: {e}"),
        )
    })
}

pub async fn migrate(db: &DatabaseConnection) -> Result<(), ConfigError> {
    Migrator::up(db, None)
        .await
        .map_err(|e| problem("MITWIRKEN_DATABASE_URL", format!("migration failed: {e}")))
}

/// Site options decided in code, so the binary runs the same with no environment:
/// hashed asset names are used when the build wrote `hash.txt` beside the binary.
pub fn leptos_options(config: &Config) -> LeptosOptions {
    let hash_file_exists = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("hash.txt").exists()))
        .unwrap_or(false);
    LeptosOptions::builder()
        .output_name("mitwirken")
        .site_root(config.site_dir.display().to_string())
        .site_pkg_dir("pkg")
        .site_addr(config.addr)
        .hash_files(hash_file_exists)
        .build()
}

pub fn mailer(config: &Config) -> Result<Mailer, ConfigError> {
    match &config.smtp_url {
        Some(url) => Mailer::smtp(url).map_err(|e| problem("MITWIRKEN_SMTP_URL", e)),
        None => Mailer::files(config.data_dir.join("mail")).map_err(|e| {
            problem(
                "MITWIRKEN_DATA_DIR",
                format!("cannot create the mail folder: {e}"),
            )
        }),
    }
}

/// Everything `serve` needs, with the database migrated.
pub async fn build_state(config: &Config, clock: Arc<dyn Clock>) -> Result<AppState, ConfigError> {
    let db = connect(config).await?;
    migrate(&db).await?;
    app::platform::tenants::ensure_default(&db, clock.now())
        .await
        .map_err(|e| {
            problem(
                "MITWIRKEN_DATABASE_URL",
                format!("cannot create the default tenant: {e}"),
            )
        })?;
    Ok(AppState {
        secret: secret_key(&config.data_dir)?,
        mailer: mailer(config)?,
        settings: Arc::new(Settings {
            base_url: config.base_url.clone(),
            secure_cookies: config.base_url.starts_with("https://"),
            ip_rate_limit: config.ip_rate_limit,
            trusted_proxies: config.trusted_proxies.clone(),
            digest_hour: config.digest_hour,
            files_dir: config.data_dir.join("files"),
            receipt_key: receipt_key(&config.data_dir)?,
            permit_retention: chrono::Duration::days(config.permit_retention_days),
        }),
        mail_queued: Arc::new(tokio::sync::Notify::new()),
        changes: Default::default(),
        shared_renders: Default::default(),
        resolved_sessions: Default::default(),
        leptos_options: leptos_options(config),
        clock,
        db,
    })
}

/// The mail worker's timing, from the configuration.
pub fn worker_settings(config: &Config) -> WorkerSettings {
    let mut settings = WorkerSettings {
        lease: chrono::Duration::seconds(config.mail_lease_secs.into()),
        ..WorkerSettings::default()
    };
    settings.retry.base = chrono::Duration::seconds(config.mail_retry_base_secs.into());
    settings
}

pub fn system_clock() -> Arc<dyn Clock> {
    Arc::new(SystemClock)
}
