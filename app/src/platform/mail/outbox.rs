//! The outbox: every mail is a row, written in the transaction of the change that causes
//! it, and sent later by the worker. Claims are atomic, so several workers on one
//! database never send the same row at the same time.
use super::templates::Template;
use crate::i18n::Lang;
use crate::platform::AppError;
use crate::platform::db::statement;
use crate::platform::entities::outbox;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    Set, Value,
};
use uuid::Uuid;

pub const QUEUED: &str = "queued";
pub const SENDING: &str = "sending";
pub const SENT: &str = "sent";
pub const DEAD: &str = "dead";

/// A mail to put into the outbox.
pub struct NewMail {
    pub tenant_id: Uuid,
    /// Unique per mail: the same key enqueued twice is one mail.
    pub key: String,
    pub template: Template,
    pub to: String,
    pub lang: Lang,
    pub data: serde_json::Value,
    /// For notifications: whose unsubscribe link the mail carries.
    pub subscriber_id: Option<i64>,
}

fn queued_row(now: DateTime<Utc>, mail: NewMail) -> outbox::ActiveModel {
    outbox::ActiveModel {
        tenant_id: Set(mail.tenant_id),
        idempotency_key: Set(mail.key),
        template: Set(mail.template.name().to_string()),
        recipient: Set(mail.to),
        language: Set(mail.lang.code().to_string()),
        data: Set(Some(mail.data)),
        subscriber_id: Set(mail.subscriber_id),
        status: Set(QUEUED.into()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        claimed_until: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        ..Default::default()
    }
}

/// Writes the mail; returns false when a mail with this key exists already.
pub async fn enqueue(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    mail: NewMail,
) -> Result<bool, AppError> {
    Ok(enqueue_many(db, now, vec![mail]).await? > 0)
}

/// Many mails in few statements (the digest and the benchmark write thousands).
pub async fn enqueue_many(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    mails: Vec<NewMail>,
) -> Result<u64, AppError> {
    let mut inserted = 0;
    let mut mails = mails.into_iter().peekable();
    while mails.peek().is_some() {
        // 14 columns per row keeps a chunk under SQLite's 32,766 bind parameters.
        let rows: Vec<outbox::ActiveModel> = mails
            .by_ref()
            .take(500)
            .map(|mail| queued_row(now, mail))
            .collect();
        inserted += outbox::Entity::insert_many(rows)
            .on_conflict(
                OnConflict::column(outbox::Column::IdempotencyKey)
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(db)
            .await?;
    }
    Ok(inserted)
}

/// Takes up to `limit` due mails for this worker until `now + lease`. A mail whose
/// claim ran out (its worker died) is due again. On PostgreSQL, `SKIP LOCKED` lets
/// several workers claim side by side; on SQLite the one statement holds the write lock.
pub async fn claim(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    lease: Duration,
    limit: u64,
) -> Result<Vec<outbox::Model>, AppError> {
    let backend = db.get_database_backend();
    let lock = match backend {
        DbBackend::Postgres => "FOR UPDATE SKIP LOCKED",
        _ => "",
    };
    let sql = format!(
        "UPDATE outbox SET status = 'sending', claimed_until = $1, attempts = attempts + 1 \
         WHERE id IN (SELECT id FROM outbox \
           WHERE (status = 'queued' AND next_attempt_at <= $2) \
              OR (status = 'sending' AND claimed_until < $2) \
           ORDER BY next_attempt_at, id LIMIT $3 {lock}) \
         RETURNING *"
    );
    let stmt = statement(
        backend,
        &sql,
        vec![(now + lease).into(), now.into(), (limit as i64).into()],
    );
    let mut rows = outbox::Entity::find().from_raw_sql(stmt).all(db).await?;
    rows.sort_by_key(|r| r.id);
    Ok(rows)
}

/// The mail was accepted by the server. Its data (which may hold single-use links) is
/// not kept.
pub async fn mark_sent(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    id: i64,
) -> Result<(), AppError> {
    outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, SENT.into())
        .col_expr(outbox::Column::SentAt, Some(now).into())
        .col_expr(
            outbox::Column::Data,
            sea_orm::sea_query::Expr::value(Value::Json(None)),
        )
        .col_expr(
            outbox::Column::ClaimedUntil,
            Option::<DateTime<Utc>>::None.into(),
        )
        .col_expr(outbox::Column::LastError, Option::<String>::None.into())
        .filter(outbox::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// How the worker retries: exponential back-off with jitter, up to `max_attempts`.
#[derive(Clone, Debug)]
pub struct RetryPolicy {
    pub base: Duration,
    pub cap: Duration,
    pub max_attempts: i32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            base: Duration::seconds(30),
            cap: Duration::hours(2),
            max_attempts: 10,
        }
    }
}

impl RetryPolicy {
    /// The wait before attempt `attempts + 1`: base · 2^(attempts-1), capped, then a
    /// random 50–100 % of it so that mails failed together do not retry together.
    pub fn delay(&self, attempts: i32, jitter: f64) -> Duration {
        let exp = 2i64.saturating_pow(attempts.clamp(1, 30) as u32 - 1);
        let full = self
            .base
            .num_milliseconds()
            .saturating_mul(exp)
            .min(self.cap.num_milliseconds());
        Duration::milliseconds((full as f64 * (0.5 + 0.5 * jitter.clamp(0.0, 1.0))) as i64)
    }
}

/// The attempt failed: queue it again later, or give up (permanent error or too many
/// attempts) and mark it dead for the tenant admins to see.
pub async fn mark_failed(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    row: &outbox::Model,
    permanent: bool,
    error: &str,
    policy: &RetryPolicy,
) -> Result<(), AppError> {
    let give_up = permanent || row.attempts >= policy.max_attempts;
    let status = if give_up { DEAD } else { QUEUED };
    let next = now + policy.delay(row.attempts, rand::random::<f64>());
    outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, status.into())
        .col_expr(outbox::Column::NextAttemptAt, next.into())
        .col_expr(
            outbox::Column::ClaimedUntil,
            Option::<DateTime<Utc>>::None.into(),
        )
        .col_expr(
            outbox::Column::LastError,
            Some(error.chars().take(500).collect::<String>()).into(),
        )
        .filter(outbox::Column::Id.eq(row.id))
        .exec(db)
        .await?;
    Ok(())
}

/// Mails of a tenant that gave up, newest first.
pub async fn dead(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
) -> Result<Vec<outbox::Model>, AppError> {
    Ok(outbox::Entity::find()
        .filter(outbox::Column::TenantId.eq(tenant_id))
        .filter(outbox::Column::Status.eq(DEAD))
        .order_by_desc(outbox::Column::Id)
        .limit(200)
        .all(db)
        .await?)
}

/// Queues a dead mail of this tenant once more, with a fresh count of attempts.
/// Returns false when there is no such dead mail (sent again already, or not ours).
pub async fn retry_dead(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    tenant_id: Uuid,
    id: i64,
) -> Result<bool, AppError> {
    let res = outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, QUEUED.into())
        .col_expr(outbox::Column::Attempts, 0.into())
        .col_expr(outbox::Column::NextAttemptAt, now.into())
        .filter(outbox::Column::Id.eq(id))
        .filter(outbox::Column::TenantId.eq(tenant_id))
        .filter(outbox::Column::Status.eq(DEAD))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_off_doubles_with_jitter_and_a_cap() {
        let p = RetryPolicy::default();
        assert_eq!(p.delay(1, 1.0), Duration::seconds(30));
        assert_eq!(p.delay(2, 1.0), Duration::seconds(60));
        assert_eq!(p.delay(3, 0.0), Duration::seconds(60));
        assert_eq!(p.delay(20, 1.0), Duration::hours(2));
    }
}
