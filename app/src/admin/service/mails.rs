//! Mails that could not be delivered, for the tenant admin to see and send again.
use crate::admin::types::DeadMailView;
use crate::platform::audit::Audit;
use crate::platform::entities::tenant;
use crate::platform::mail::outbox;
use crate::platform::permissions::TenantAdmin;
use crate::platform::{AppError, AppState, Write};

/// Mails of this tenant that could not be delivered.
pub async fn dead_mails(
    state: &AppState,
    tenant: &tenant::Model,
    _admin: &TenantAdmin,
) -> Result<Vec<DeadMailView>, AppError> {
    Ok(outbox::dead(&state.db, tenant.id)
        .await?
        .into_iter()
        .map(|m| DeadMailView {
            id: m.id,
            recipient: m.recipient,
            template: m.template,
            attempts: m.attempts,
            last_error: m.last_error.unwrap_or_default(),
            created_at: m
                .created_at
                .with_timezone(&chrono_tz::Europe::Berlin)
                .format("%d.%m.%Y %H:%M")
                .to_string(),
        })
        .collect())
}

/// Queues a dead mail again (after the admin fixed the cause, say a full mailbox).
pub async fn resend_mail(
    state: &AppState,
    tenant: &tenant::Model,
    admin: &TenantAdmin,
    id: i64,
) -> Result<(), AppError> {
    let write = Write::begin(state).await?;
    if !outbox::retry_dead(&*write, write.now(), tenant.id, id).await? {
        return Err(AppError::field("", "error.mail.not_dead"));
    }
    write
        .record(
            Audit::new(tenant.id, "outbox.resent")
                .by(admin.0.user.id)
                .on(id),
        )
        .await?;
    write.commit().await
}
