//! `mitwirken serve | worker | migrate | create-admin | seed-demo | deadlines`.
use crate::config::{Config, ConfigError};
use crate::startup;
use app::account::service as accounts;
use app::admin::service as admin;
use app::demo;
use app::domain::{EmailAddress, NewPassword, Role};
use app::platform::mail::worker;
use app::platform::tenants;
use app::procedures::service::lifecycle;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "mitwirken", version, about = "Mitwirken – Beteiligungsportal", long_about = CONFIG_HELP)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

const CONFIG_HELP: &str = "Mitwirken – Beteiligungsportal.\n\nConfiguration (environment): \
MITWIRKEN_DATA_DIR (./data), MITWIRKEN_DATABASE_URL (SQLite in the data dir), \
MITWIRKEN_ADDR (127.0.0.1:3000), MITWIRKEN_BASE_URL (http://<addr>), \
MITWIRKEN_SMTP_URL (unset: mails as .eml files in data/mail), MITWIRKEN_SITE_DIR (target/site), \
MITWIRKEN_IP_RATE_LIMIT (20), MITWIRKEN_DIGEST_HOUR (7), MITWIRKEN_MAIL_LEASE (300 s), \
MITWIRKEN_MAIL_RETRY_BASE (30 s). See README.md.";

#[derive(Subcommand)]
enum Command {
    /// Apply pending migrations and serve the portal (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Create a verified tenant admin; the password is read from stdin or a prompt.
    CreateAdmin {
        /// E-mail address of the new account.
        #[arg(long)]
        email: String,
        /// Slug of the tenant (e.g. `sachsen`).
        #[arg(long)]
        tenant: String,
        /// Display name.
        #[arg(long, default_value = "Portalverwaltung")]
        name: String,
    },
    /// Load the demo tenants and accounts (idempotent).
    SeedDemo,
    /// Only deliver mails, build digests and move procedures along their dates (`serve`
    /// does this too); run several of them on one PostgreSQL database to send faster.
    Worker,
    /// Print the participation schedule of a BImSchG permit procedure as one JSON object
    /// (display end, objection deadline, latest announcement, each with its legal basis).
    Deadlines {
        /// First day of the display of the application documents (YYYY-MM-DD).
        #[arg(long)]
        display_start: String,
        /// The installation falls under the Industrial Emissions Directive (one month for
        /// objections instead of two weeks).
        #[arg(long)]
        ied: bool,
        /// An environmental impact assessment (UVP) is carried out (likewise one month).
        #[arg(long)]
        uvp: bool,
        /// The state whose public holidays count: SN, HE, NW or ST.
        #[arg(long, default_value = "SN")]
        state: String,
        /// The day the decision was announced (YYYY-MM-DD): adds the end of its display,
        /// when it counts as delivered.
        #[arg(long)]
        decision_announced: Option<String>,
    },
}

/// `mitwirken deadlines`: the schedule as JSON, or exit code 2 with one line.
fn deadlines(
    display_start: &str,
    ied: bool,
    uvp: bool,
    state: &str,
    decision_announced: Option<&str>,
) -> i32 {
    use app::domain::deadlines::{self, State};
    let day = |flag: &str, text: &str| {
        chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
            eprintln!("mitwirken: {flag}: `{text}` is not a date like 2026-03-02");
        })
    };
    let Ok(start) = day("--display-start", display_start) else {
        return 2;
    };
    let Some(state) = State::parse(state) else {
        eprintln!("mitwirken: --state: `{state}` is none of SN, HE, NW, ST");
        return 2;
    };
    let decision = match decision_announced.map(|d| day("--decision-announced", d)) {
        Some(Err(())) => return 2,
        Some(Ok(d)) => Some(d),
        None => None,
    };
    let s = deadlines::schedule(state, start, ied, uvp, decision);
    let mut json = serde_json::to_value(&s).expect("a schedule serializes");
    json["basis"] = serde_json::json!({
        "latest_announcement": deadlines::BASIS_ANNOUNCEMENT,
        "display_end": deadlines::BASIS_DISPLAY,
        "objection_deadline": deadlines::BASIS_OBJECTION,
        "decision_display_end": deadlines::BASIS_DECISION,
    });
    println!("{json}");
    0
}

/// Runs the command line; returns the process exit code.
pub async fn run() -> i32 {
    let cli = Cli::parse();
    // A calculation: it needs no configuration, database or data dir.
    if let Some(Command::Deadlines {
        display_start,
        ied,
        uvp,
        state,
        decision_announced,
    }) = &cli.command
    {
        return deadlines(
            display_start,
            *ied,
            *uvp,
            state,
            decision_announced.as_deref(),
        );
    }
    let config = match Config::from_env() {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(config).await,
        Command::Migrate => migrate(config).await,
        Command::CreateAdmin {
            email,
            tenant,
            name,
        } => create_admin(config, &email, &tenant, &name).await,
        Command::SeedDemo => seed_demo(config).await,
        Command::Worker => worker(config).await,
        Command::Deadlines { .. } => unreachable!("answered before the configuration"),
    };
    match result {
        Ok(()) => 0,
        Err(e) => fail(e),
    }
}

fn fail(e: ConfigError) -> i32 {
    eprintln!("mitwirken: {e}");
    2
}

async fn serve(config: Config) -> Result<(), ConfigError> {
    let state = startup::build_state(&config, startup::system_clock()).await?;
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| ConfigError {
            variable: "MITWIRKEN_ADDR",
            message: format!("cannot listen on {}: {e}", config.addr),
        })?;
    if config.workers {
        tokio::spawn(worker::run(
            state.clone(),
            startup::worker_settings(&config),
        ));
        tokio::spawn(lifecycle::run(state.clone()));
        tokio::spawn(app::petitions::service::worker::run(state.clone()));
        tokio::spawn(app::permits::service::retention::run(state.clone()));
    } else {
        tracing::info!("MITWIRKEN_WORKERS=off: run `mitwirken worker` beside this process");
    }
    tracing::info!(addr = %config.addr, base_url = %config.base_url, "serving");
    println!("Mitwirken läuft auf {}", config.base_url);
    crate::serve(listener, state)
        .await
        .map_err(|e| ConfigError {
            variable: "MITWIRKEN_ADDR",
            message: e.to_string(),
        })
}

async fn worker(config: Config) -> Result<(), ConfigError> {
    let state = startup::build_state(&config, startup::system_clock()).await?;
    println!("Mitwirken: Mail-Worker läuft.");
    tokio::spawn(lifecycle::run(state.clone()));
    tokio::spawn(app::petitions::service::worker::run(state.clone()));
    tokio::spawn(app::permits::service::retention::run(state.clone()));
    worker::run(state, startup::worker_settings(&config)).await;
    Ok(())
}

async fn migrate(config: Config) -> Result<(), ConfigError> {
    let db = startup::connect(&config).await?;
    startup::migrate(&db).await?;
    println!("Datenbank ist auf dem neuesten Stand.");
    Ok(())
}

async fn seed_demo(config: Config) -> Result<(), ConfigError> {
    let db = startup::connect(&config).await?;
    startup::migrate(&db).await?;
    demo::seed(&db, chrono::Utc::now(), &config.data_dir.join("files"))
        .await
        .map_err(|e| ConfigError {
            variable: "MITWIRKEN_DATABASE_URL",
            message: format!("demo data: {e}"),
        })?;
    println!("Demo-Daten sind geladen.");
    Ok(())
}

fn read_password() -> Result<String, ConfigError> {
    use std::io::IsTerminal;
    let err = |message: String| ConfigError {
        variable: "password",
        message,
    };
    if std::io::stdin().is_terminal() {
        rpassword::prompt_password("Passwort: ").map_err(|e| err(e.to_string()))
    } else {
        let mut line = String::new();
        std::io::stdin()
            .read_line(&mut line)
            .map_err(|e| err(e.to_string()))?;
        Ok(line.trim_end_matches(['\n', '\r']).to_string())
    }
}

async fn create_admin(
    config: Config,
    email: &str,
    tenant_slug: &str,
    name: &str,
) -> Result<(), ConfigError> {
    let arg = |variable: &'static str, message: String| ConfigError { variable, message };
    let email = EmailAddress::parse(email)
        .map_err(|k| arg("--email", app::i18n::Lang::De.t(k).to_string()))?;
    let password = read_password()?;
    let password = NewPassword::parse(&password, email.as_str())
        .map_err(|k| arg("password", app::i18n::Lang::De.t(k).to_string()))?;
    let db = startup::connect(&config).await?;
    startup::migrate(&db).await?;
    let now = chrono::Utc::now();
    let tenant = tenants::by_slug(&db, tenant_slug)
        .await
        .map_err(|e| arg("MITWIRKEN_DATABASE_URL", e.to_string()))?
        .ok_or_else(|| arg("--tenant", format!("no tenant `{tenant_slug}`")))?;
    let user = accounts::create_verified(&db, now, tenant.id, &email, name, &password)
        .await
        .map_err(|e| match e {
            app::platform::AppError::Invalid(errors) => arg(
                "--email",
                app::i18n::Lang::De
                    .t(errors.get("email").unwrap_or("error.internal"))
                    .to_string(),
            ),
            other => arg("MITWIRKEN_DATABASE_URL", other.to_string()),
        })?;
    admin::grant(&db, now, tenant.id, user.id, None, Role::TenantAdmin)
        .await
        .map_err(|e| arg("MITWIRKEN_DATABASE_URL", e.to_string()))?;
    println!(
        "Portalverwaltung {} für {} angelegt.",
        email.as_str(),
        tenant.name
    );
    Ok(())
}
