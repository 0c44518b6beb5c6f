//! Configuration from `MITWIRKEN_*` environment variables, each with a safe default.
//! A bad value ends the program with one line naming the variable (exit code 2).
use app::platform::client_address::TrustedProxies;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Clone)]
pub struct Config {
    /// `MITWIRKEN_DATA_DIR` (default `./data`): database, secret key, mail files.
    pub data_dir: PathBuf,
    /// `MITWIRKEN_DATABASE_URL` (default: SQLite file `mitwirken.db` in the data dir).
    pub database_url: String,
    /// `MITWIRKEN_ADDR` (default `127.0.0.1:3000`).
    pub addr: SocketAddr,
    /// `MITWIRKEN_BASE_URL` (default `http://` + the address): links in mails.
    pub base_url: String,
    /// `MITWIRKEN_SMTP_URL` (default unset: mails become `.eml` files in `data/mail/`).
    pub smtp_url: Option<String>,
    /// `MITWIRKEN_SITE_DIR` (default `target/site` for the release build, `target/site-debug`
    /// for the debug build): CSS, JavaScript and WebAssembly.
    pub site_dir: PathBuf,
    /// `MITWIRKEN_IP_RATE_LIMIT` (default 20): attempts per client address and action
    /// (login, registration, reset) in 15 minutes.
    pub ip_rate_limit: i32,
    /// `MITWIRKEN_DIGEST_HOUR` (default 7): hour (Europe/Berlin, 0–23) at which daily
    /// digests and, on Mondays, weekly digests are built.
    pub digest_hour: u32,
    /// `MITWIRKEN_PERMIT_RETENTION_DAYS` (default 365): days after a permit procedure
    /// ended (its decision counts as delivered) until its objectors' personal data is deleted.
    pub permit_retention_days: i64,
    /// `MITWIRKEN_MAIL_LEASE` (default 300 seconds): how long a worker holds the mails it
    /// claimed; mails of a worker that died are sent again after it.
    pub mail_lease_secs: u32,
    /// `MITWIRKEN_MAIL_RETRY_BASE` (default 30 seconds): first wait after a temporary
    /// failure; it doubles with every attempt (at most 2 hours, 10 attempts).
    pub mail_retry_base_secs: u32,
    /// `MITWIRKEN_WORKERS` (default `on`): whether `mitwirken serve` runs the workers
    /// (mail, lifecycle, petitions) itself. `off` for web processes beside one
    /// `mitwirken worker` (several web processes behind a load balancer, or a benchmark
    /// of the web side alone).
    pub workers: bool,
    /// `MITWIRKEN_TRUSTED_PROXIES` (default: nobody): addresses and networks of the load
    /// balancers in front, e.g. `10.0.0.0/8, fd00::/8`. Only from these is
    /// `X-Forwarded-For` believed; every other peer is the client itself.
    pub trusted_proxies: TrustedProxies,
}

/// Logs and panics may print the configuration: the passwords in the database and SMTP
/// URLs are shown as `***`.
impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("data_dir", &self.data_dir)
            .field("database_url", &without_password(&self.database_url))
            .field("addr", &self.addr)
            .field("base_url", &self.base_url)
            .field("smtp_url", &self.smtp_url.as_deref().map(without_password))
            .field("site_dir", &self.site_dir)
            .field("ip_rate_limit", &self.ip_rate_limit)
            .field("digest_hour", &self.digest_hour)
            .field("permit_retention_days", &self.permit_retention_days)
            .field("mail_lease_secs", &self.mail_lease_secs)
            .field("mail_retry_base_secs", &self.mail_retry_base_secs)
            .field("workers", &self.workers)
            .field("trusted_proxies", &self.trusted_proxies)
            .finish()
    }
}

/// `url` with its password replaced by `***`.
fn without_password(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        Ok(_) => url.to_string(),
        Err(_) => "(not a URL)".to_string(),
    }
}

/// A configuration problem: the variable and what is wrong with it.
#[derive(Debug)]
pub struct ConfigError {
    pub variable: &'static str,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.variable, self.message)
    }
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(var)
    }

    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let err = |variable: &'static str, message: String| ConfigError { variable, message };
        let data_dir = PathBuf::from(get("MITWIRKEN_DATA_DIR").unwrap_or_else(|| "data".into()));
        let addr_text = get("MITWIRKEN_ADDR").unwrap_or_else(|| "127.0.0.1:3000".into());
        let addr: SocketAddr = addr_text.parse().map_err(|_| {
            err(
                "MITWIRKEN_ADDR",
                format!("`{addr_text}` is not an address like 127.0.0.1:3000"),
            )
        })?;
        let database_url = match get("MITWIRKEN_DATABASE_URL") {
            Some(url) => {
                let ok = url.starts_with("sqlite:")
                    || url.starts_with("postgres://")
                    || url.starts_with("postgresql://");
                if !ok || url::Url::parse(&url).is_err() {
                    return Err(err(
                        "MITWIRKEN_DATABASE_URL",
                        format!("`{url}` is not a sqlite: or postgres:// URL"),
                    ));
                }
                url
            }
            None => format!(
                "sqlite://{}?mode=rwc",
                data_dir.join("mitwirken.db").display()
            ),
        };
        let base_url = match get("MITWIRKEN_BASE_URL") {
            Some(u) => {
                let parsed = url::Url::parse(&u)
                    .map_err(|e| err("MITWIRKEN_BASE_URL", format!("`{u}` is not a URL: {e}")))?;
                if !matches!(parsed.scheme(), "http" | "https") || parsed.host().is_none() {
                    return Err(err(
                        "MITWIRKEN_BASE_URL",
                        format!("`{u}` must be an http:// or https:// URL"),
                    ));
                }
                u.trim_end_matches('/').to_string()
            }
            None => format!("http://{addr}"),
        };
        let smtp_url = match get("MITWIRKEN_SMTP_URL") {
            Some(u) => {
                let parsed = url::Url::parse(&u)
                    .map_err(|e| err("MITWIRKEN_SMTP_URL", format!("`{u}` is not a URL: {e}")))?;
                if !matches!(parsed.scheme(), "smtp" | "smtps") {
                    return Err(err(
                        "MITWIRKEN_SMTP_URL",
                        format!("`{u}` must start with smtp:// or smtps://"),
                    ));
                }
                Some(u)
            }
            None => None,
        };
        let ip_rate_limit = match get("MITWIRKEN_IP_RATE_LIMIT") {
            Some(v) => v.parse::<i32>().ok().filter(|n| *n > 0).ok_or_else(|| {
                err(
                    "MITWIRKEN_IP_RATE_LIMIT",
                    format!("`{v}` is not a positive number"),
                )
            })?,
            None => 20,
        };
        let number = |name: &'static str, default: u32, range: std::ops::RangeInclusive<u32>| {
            match get(name) {
                Some(v) => v
                    .trim()
                    .parse::<u32>()
                    .ok()
                    .filter(|n| range.contains(n))
                    .ok_or_else(|| {
                        err(
                            name,
                            format!(
                                "`{v}` is not a number from {} to {}",
                                range.start(),
                                range.end()
                            ),
                        )
                    }),
                None => Ok(default),
            }
        };
        let digest_hour = number("MITWIRKEN_DIGEST_HOUR", 7, 0..=23)?;
        let permit_retention_days =
            i64::from(number("MITWIRKEN_PERMIT_RETENTION_DAYS", 365, 0..=36_500)?);
        let mail_lease_secs = number("MITWIRKEN_MAIL_LEASE", 300, 1..=86_400)?;
        let mail_retry_base_secs = number("MITWIRKEN_MAIL_RETRY_BASE", 30, 1..=86_400)?;
        let workers = match get("MITWIRKEN_WORKERS").as_deref() {
            None | Some("on") => true,
            Some("off") => false,
            Some(v) => {
                return Err(err(
                    "MITWIRKEN_WORKERS",
                    format!("`{v}` is neither `on` nor `off`"),
                ));
            }
        };
        let trusted_proxies =
            TrustedProxies::parse(&get("MITWIRKEN_TRUSTED_PROXIES").unwrap_or_default())
                .map_err(|m| err("MITWIRKEN_TRUSTED_PROXIES", m))?;
        Ok(Config {
            trusted_proxies,
            workers,
            digest_hour,
            permit_retention_days,
            mail_lease_secs,
            mail_retry_base_secs,
            site_dir: PathBuf::from(get("MITWIRKEN_SITE_DIR").unwrap_or_else(|| {
                // Each build finds its own assets (`make build` and `make run` keep them apart).
                if cfg!(debug_assertions) {
                    "target/site-debug".into()
                } else {
                    "target/site".into()
                }
            })),
            data_dir,
            database_url,
            addr,
            base_url,
            smtp_url,
            ip_rate_limit,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn defaults_need_no_environment() {
        let c = config(&[]).unwrap();
        assert_eq!(c.addr.to_string(), "127.0.0.1:3000");
        assert_eq!(c.base_url, "http://127.0.0.1:3000");
        assert!(c.database_url.starts_with("sqlite://data/mitwirken.db"));
        assert!(c.smtp_url.is_none());
    }

    #[test]
    fn debug_output_hides_passwords() {
        let c = config(&[
            (
                "MITWIRKEN_DATABASE_URL",
                "postgres://app:db-geheim@db.example/mitwirken",
            ),
            (
                "MITWIRKEN_SMTP_URL",
                "smtp://mailer:smtp-geheim@mail.example:587",
            ),
        ])
        .unwrap();
        let shown = format!("{c:?}");
        assert!(
            !shown.contains("db-geheim") && !shown.contains("smtp-geheim"),
            "{shown}"
        );
        assert!(
            shown.contains("postgres://app:***@db.example/mitwirken"),
            "{shown}"
        );
        assert!(shown.contains("mailer:***@mail.example"), "{shown}");
    }

    #[test]
    fn each_bad_value_names_its_variable() {
        for (var, value) in [
            ("MITWIRKEN_ADDR", "localhost"),
            ("MITWIRKEN_DATABASE_URL", "mysql://x"),
            ("MITWIRKEN_BASE_URL", "not a url"),
            ("MITWIRKEN_BASE_URL", "ftp://x.de"),
            ("MITWIRKEN_SMTP_URL", "http://mail"),
            ("MITWIRKEN_IP_RATE_LIMIT", "-1"),
            ("MITWIRKEN_DIGEST_HOUR", "24"),
            ("MITWIRKEN_MAIL_LEASE", "0"),
            ("MITWIRKEN_MAIL_RETRY_BASE", "soon"),
            ("MITWIRKEN_WORKERS", "maybe"),
            ("MITWIRKEN_TRUSTED_PROXIES", "10.0.0.0/8, balancer.example"),
        ] {
            let e = config(&[(var, value)]).unwrap_err();
            assert_eq!(e.variable, var, "{value}");
        }
    }
}
