//! The delivery worker: claims due mails, renders and sends them, records the outcome.
//! It runs inside `mitwirken serve` and alone as `mitwirken worker`; any number of them
//! may share one database.
use super::outbox::{self, RetryPolicy};
use super::templates::{self, Frame, Template};
use super::transport::{self, Envelope, SMTP_CONNECTIONS, SendError};
use crate::i18n::Lang;
use crate::platform::entities::{outbox as row, tenant};
use crate::platform::{AppError, AppState, notifications, tenants};
use chrono::Duration;
use futures::StreamExt;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;

#[derive(Clone, Debug)]
pub struct WorkerSettings {
    /// Mails claimed at once.
    pub batch: u64,
    /// How long a claim holds; a worker that dies mid-batch releases its mails after it.
    /// Longer than the slowest SMTP exchange (the transport's timeout is 30 s).
    pub lease: Duration,
    pub retry: RetryPolicy,
    /// Sleep when nothing is due (a mail queued in this process wakes the worker at once).
    pub idle_poll: std::time::Duration,
}

impl Default for WorkerSettings {
    fn default() -> Self {
        WorkerSettings {
            batch: 200,
            lease: Duration::minutes(5),
            retry: RetryPolicy::default(),
            idle_poll: std::time::Duration::from_secs(2),
        }
    }
}

/// Runs forever: delivers what is due, builds digests when their hour has come.
pub async fn run(state: AppState, settings: WorkerSettings) {
    let mut next_digest_check = std::time::Instant::now();
    loop {
        if std::time::Instant::now() >= next_digest_check {
            if let Err(e) = notifications::run_due_digests(&state).await {
                tracing::error!(error = %e, "digest run failed");
            }
            next_digest_check = std::time::Instant::now() + std::time::Duration::from_secs(60);
        }
        match deliver_due(&state, &settings).await {
            Ok(0) => {
                tokio::select! {
                    _ = state.mail_queued.notified() => {}
                    _ = tokio::time::sleep(settings.idle_poll) => {}
                }
            }
            Ok(_) => {}
            Err(e) => {
                tracing::error!(error = %e, "mail delivery failed");
                tokio::time::sleep(settings.idle_poll).await;
            }
        }
    }
}

/// One batch: returns how many mails were attempted.
pub async fn deliver_due(state: &AppState, settings: &WorkerSettings) -> Result<usize, AppError> {
    let rows = outbox::claim(&state.db, state.now(), settings.lease, settings.batch).await?;
    if rows.is_empty() {
        return Ok(0);
    }
    let mut tenant_ids: Vec<_> = rows.iter().map(|r| r.tenant_id).collect();
    tenant_ids.sort();
    tenant_ids.dedup();
    let tenants: HashMap<_, _> = tenant::Entity::find()
        .filter(tenant::Column::Id.is_in(tenant_ids))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let count = rows.len();
    // Each mail is recorded right after the server's answer, inside its own future, so
    // the other sends keep going meanwhile. A crash loses at most the record of the
    // mails in flight: the documented duplicate window.
    let outcomes = futures::stream::iter(rows)
        .map(|row| {
            let tenant = tenants.get(&row.tenant_id);
            async move {
                let result = match tenant {
                    Some(tenant) => deliver(state, tenant, &row).await,
                    None => Err(SendError {
                        permanent: true,
                        message: "tenant no longer exists".into(),
                    }),
                };
                record(state, settings, &row, result).await
            }
        })
        .buffer_unordered(SMTP_CONNECTIONS as usize);
    let results: Vec<Result<(), AppError>> = outcomes.collect().await;
    results.into_iter().collect::<Result<(), AppError>>()?;
    Ok(count)
}

async fn record(
    state: &AppState,
    settings: &WorkerSettings,
    row: &row::Model,
    result: Result<(), SendError>,
) -> Result<(), AppError> {
    match result {
        Ok(()) => outbox::mark_sent(&state.db, state.now(), row.id).await,
        Err(e) => {
            tracing::warn!(id = row.id, permanent = e.permanent, error = %e.message, "mail not delivered");
            outbox::mark_failed(
                &state.db,
                state.now(),
                row,
                e.permanent,
                &e.message,
                &settings.retry,
            )
            .await
        }
    }
}

async fn deliver(
    state: &AppState,
    tenant: &tenant::Model,
    row: &row::Model,
) -> Result<(), SendError> {
    let permanent = |message: String| SendError {
        permanent: true,
        message,
    };
    let template = Template::from_name(&row.template)
        .ok_or_else(|| permanent(format!("unknown template {}", row.template)))?;
    let lang = Lang::from_code(&row.language).unwrap_or_default();
    let portal_url = tenants::base_url(&state.settings, tenant);
    let links = row
        .subscriber_id
        .filter(|_| template.is_notification())
        .map(|id| {
            let token = notifications::manage_token(&state.secret, id);
            (
                format!("{portal_url}/benachrichtigungen/verwalten?token={token}"),
                format!("{portal_url}/benachrichtigungen/abmelden?token={token}"),
            )
        });
    let frame = Frame {
        tenant: tenant.name.clone(),
        portal_url: portal_url.clone(),
        manage_url: links.as_ref().map(|l| l.0.clone()),
        unsubscribe_url: links.as_ref().map(|l| l.1.clone()),
    };
    let data = row.data.clone().unwrap_or_default();
    let rendered = templates::render(template, lang, &frame, &data).map_err(permanent)?;
    let domain = tenant
        .sender_email
        .rsplit('@')
        .next()
        .unwrap_or("localhost");
    let envelope = Envelope {
        from_name: &tenant.name,
        from_address: &tenant.sender_email,
        to: &row.recipient,
        reply_to: data.get("reply_to").and_then(|v| v.as_str()),
        message_id: format!("<outbox-{}.{}@{domain}>", row.id, tenant.slug),
        unsubscribe_url: frame.unsubscribe_url.as_deref(),
    };
    let message = transport::build(&envelope, rendered)?;
    state.mailer.send(message).await
}
