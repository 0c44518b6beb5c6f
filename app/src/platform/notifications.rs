//! Events subscribers hear about, delivered at once or collected into digests. Both
//! are set-based: one statement fans an event out to every immediate subscriber; a
//! digest run reads and writes a thousand subscribers per few statements.
use super::db::statement;
use super::entities::{event, event_key};
use super::mail::outbox;
use super::mail::{NewMail, Template};
use super::{AppError, AppState};
use crate::domain::Frequency;
use crate::i18n::Lang;
use chrono::{DateTime, Datelike, Duration, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Berlin;
use sea_orm::{ConnectionTrait, EntityTrait, FromQueryResult, Set, TransactionTrait};
use uuid::Uuid;

/// Records an event in the caller's transaction and queues one mail for each subscriber
/// who wants it at once and follows one of `keys`. Returns the event's id.
pub async fn publish(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    tenant_id: Uuid,
    template: Template,
    data: serde_json::Value,
    keys: &[String],
) -> Result<i64, AppError> {
    let created = event::Entity::insert(event::ActiveModel {
        tenant_id: Set(tenant_id),
        template: Set(template.name().to_string()),
        data: Set(data),
        occurred_at: Set(now),
        ..Default::default()
    })
    .exec(db)
    .await?;
    let event_id = created.last_insert_id;
    let mut keys = keys.to_vec();
    keys.sort();
    keys.dedup();
    event_key::Entity::insert_many(keys.into_iter().map(|k| event_key::ActiveModel {
        event_id: Set(event_id),
        topic_key: Set(k),
    }))
    .exec_without_returning(db)
    .await?;
    let fan_out = "INSERT INTO outbox (tenant_id, idempotency_key, template, recipient, language, \
           data, subscriber_id, status, attempts, next_attempt_at, created_at) \
         SELECT s.tenant_id, $1 || CAST(s.id AS TEXT), e.template, s.email, s.language, e.data, \
           s.id, 'queued', 0, $2, $2 \
         FROM subscribers s JOIN events e ON e.id = $3 AND e.tenant_id = s.tenant_id \
         WHERE s.frequency = 'immediate' AND EXISTS (SELECT 1 FROM subscriptions sub \
           JOIN event_keys k ON k.topic_key = sub.topic_key AND k.event_id = $3 \
           WHERE sub.subscriber_id = s.id AND sub.confirmed_at IS NOT NULL) \
         ON CONFLICT (idempotency_key) DO NOTHING";
    db.execute_raw(statement(
        db.get_database_backend(),
        fan_out,
        vec![
            format!("event:{event_id}:").into(),
            now.into(),
            event_id.into(),
        ],
    ))
    .await?;
    Ok(event_id)
}

/// The end of the latest digest period at or before `now`: daily at `hour` o'clock in
/// Europe/Berlin, weekly on Mondays at that hour.
pub fn latest_period_end(now: DateTime<Utc>, frequency: Frequency, hour: u32) -> DateTime<Utc> {
    let local = now.with_timezone(&Berlin);
    let at = NaiveTime::from_hms_opt(hour.min(23), 0, 0).expect("valid hour");
    let mut day = local.date_naive();
    loop {
        let due_day = match frequency {
            Frequency::Weekly => day.weekday() == chrono::Weekday::Mon,
            _ => true,
        };
        if due_day {
            // A repeated hour (October) counts once; a skipped one (March) moves on by
            // an hour.
            let naive = day.and_time(at);
            let t = Berlin.from_local_datetime(&naive).earliest().or_else(|| {
                Berlin
                    .from_local_datetime(&(naive + Duration::hours(1)))
                    .earliest()
            });
            if let Some(t) = t {
                if t <= local {
                    return t.with_timezone(&Utc);
                }
            }
        }
        day = day.pred_opt().expect("date in range");
    }
}

fn period(frequency: Frequency) -> Duration {
    match frequency {
        Frequency::Weekly => Duration::weeks(1),
        _ => Duration::days(1),
    }
}

#[derive(FromQueryResult)]
struct LastRun {
    period_end: Option<DateTime<Utc>>,
}

/// Builds the daily and weekly digests whose time has come and that were not built yet.
/// A missed period (the server was down) is folded into the next digest.
pub async fn run_due_digests(state: &AppState) -> Result<usize, AppError> {
    let now = state.now();
    let mut queued = 0;
    for frequency in [Frequency::Daily, Frequency::Weekly] {
        let end = latest_period_end(now, frequency, state.settings.digest_hour);
        let backend = state.db.get_database_backend();
        let last = LastRun::find_by_statement(statement(
            backend,
            "SELECT MAX(period_end) AS period_end FROM digest_runs WHERE frequency = $1",
            vec![frequency.as_str().into()],
        ))
        .one(&state.db)
        .await?
        .and_then(|r| r.period_end);
        if last.is_some_and(|last| last >= end) {
            continue;
        }
        let start = last
            .unwrap_or(end - period(frequency))
            .max(end - Duration::days(31));
        queued += build_digest(&state.db, now, frequency, start, end).await?;
    }
    Ok(queued)
}

#[derive(FromQueryResult)]
struct DigestRow {
    subscriber_id: i64,
    tenant_id: Uuid,
    email: String,
    language: String,
    template: String,
    data: serde_json::Value,
    event_id: i64,
}

#[derive(FromQueryResult)]
struct SubscriberBound {
    /// NULL when no subscriber is left.
    id: Option<i64>,
}

/// Subscribers handled per batch: one query for the batch's bounds, one for its events,
/// one (or two) inserts for its mails.
const DIGEST_BATCH: i64 = 1000;

/// Queues one digest mail per subscriber of `frequency` with events in `[start, end)`
/// and records the run. Running it twice for the same period queues nothing new.
pub async fn build_digest(
    db: &(impl ConnectionTrait + TransactionTrait),
    now: DateTime<Utc>,
    frequency: Frequency,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<usize, AppError> {
    let backend = db.get_database_backend();
    let matches = "FROM subscribers s \
         JOIN subscriptions sub ON sub.subscriber_id = s.id AND sub.confirmed_at IS NOT NULL \
         JOIN event_keys k ON k.topic_key = sub.topic_key \
         JOIN events e ON e.id = k.event_id AND e.tenant_id = s.tenant_id \
         WHERE s.frequency = $1 AND e.occurred_at >= $2 AND e.occurred_at < $3";
    let mut after = 0i64;
    let mut queued = 0usize;
    loop {
        // The batch is the next thousand subscribers of this frequency, found on the
        // subscribers table alone (its primary key), so each batch costs the same.
        let bound = SubscriberBound::find_by_statement(statement(
            backend,
            "SELECT MAX(id) AS id FROM (SELECT id FROM subscribers \
             WHERE frequency = $1 AND id > $2 ORDER BY id LIMIT $3) batch",
            vec![frequency.as_str().into(), after.into(), DIGEST_BATCH.into()],
        ))
        .one(db)
        .await?;
        let Some(last) = bound.and_then(|b| b.id) else {
            break;
        };
        let rows = DigestRow::find_by_statement(statement(
            backend,
            &format!(
                "SELECT s.id AS subscriber_id, s.tenant_id, s.email, s.language, \
                 e.template, e.data, e.id AS event_id {matches} AND s.id > $4 AND s.id <= $5 \
                 ORDER BY s.id, e.id"
            ),
            vec![
                frequency.as_str().into(),
                start.into(),
                end.into(),
                after.into(),
                last.into(),
            ],
        ))
        .all(db)
        .await?;
        let mut mails: Vec<NewMail> = Vec::new();
        // An event matching two of a person's subscriptions comes twice, side by side
        // (PostgreSQL's `json` has no equality, so no DISTINCT in SQL).
        let mut previous = None;
        for row in rows {
            if previous.replace((row.subscriber_id, row.event_id))
                == Some((row.subscriber_id, row.event_id))
            {
                continue;
            }
            let item = serde_json::json!({ "template": row.template, "data": row.data });
            match mails.last_mut() {
                Some(mail) if mail.subscriber_id == Some(row.subscriber_id) => {
                    if let Some(events) = mail.data["events"].as_array_mut() {
                        events.push(item);
                    }
                }
                _ => mails.push(NewMail {
                    tenant_id: row.tenant_id,
                    key: format!(
                        "digest:{}:{}:{}",
                        frequency.as_str(),
                        end.timestamp(),
                        row.subscriber_id
                    ),
                    template: Template::Digest,
                    to: row.email,
                    lang: Lang::from_code(&row.language).unwrap_or_default(),
                    data: serde_json::json!({ "frequency": frequency.as_str(), "events": [item] }),
                    subscriber_id: Some(row.subscriber_id),
                }),
            }
        }
        queued += outbox::enqueue_many(db, now, mails).await? as usize;
        after = last;
    }
    db.execute_raw(statement(
        backend,
        "INSERT INTO digest_runs (frequency, period_end, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT DO NOTHING",
        vec![frequency.as_str().into(), end.into(), now.into()],
    ))
    .await?;
    Ok(queued)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn daily_digests_are_due_at_the_hour_in_berlin_across_dst() {
        // Winter: 07:00 CET = 06:00 UTC.
        assert_eq!(
            latest_period_end(utc("2026-01-15T06:30:00Z"), Frequency::Daily, 7),
            utc("2026-01-15T06:00:00Z")
        );
        assert_eq!(
            latest_period_end(utc("2026-01-15T05:59:59Z"), Frequency::Daily, 7),
            utc("2026-01-14T06:00:00Z")
        );
        // Summer: 07:00 CEST = 05:00 UTC.
        assert_eq!(
            latest_period_end(utc("2026-07-15T05:00:00Z"), Frequency::Daily, 7),
            utc("2026-07-15T05:00:00Z")
        );
        // 02:00 does not exist on 29 March 2026; the hour after the gap is used.
        let t = latest_period_end(utc("2026-03-29T02:00:00Z"), Frequency::Daily, 2);
        assert!(t <= utc("2026-03-29T02:00:00Z") && t > utc("2026-03-28T02:00:00Z"));
    }

    #[test]
    fn weekly_digests_are_due_on_mondays() {
        // Sunday 22 November 2026 → the Monday before, 16 November, 07:00 CET.
        assert_eq!(
            latest_period_end(utc("2026-11-22T12:00:00Z"), Frequency::Weekly, 7),
            utc("2026-11-16T06:00:00Z")
        );
        assert_eq!(
            latest_period_end(utc("2026-11-23T06:00:00Z"), Frequency::Weekly, 7),
            utc("2026-11-23T06:00:00Z")
        );
    }
}

/// The token of a subscriber's manage link (a signed link that never expires): every
/// notification carries it, for its unsubscribe link and header.
pub fn manage_token(key: &super::crypto::SecretKey, subscriber_id: i64) -> String {
    use super::signed_link::{Purpose, sign_link};
    // The manage purpose never expires, so the time given is not used.
    sign_link(
        key,
        Purpose::SubscriptionManage,
        &subscriber_id.to_string(),
        Utc::now(),
    )
}

/// The subscriber a manage link names, if its signature is valid.
pub fn subscriber_of(key: &super::crypto::SecretKey, token: &str) -> Option<i64> {
    use super::signed_link::{Purpose, verify_link};
    verify_link(key, Purpose::SubscriptionManage, token, Utc::now())
        .ok()
        .and_then(|id| id.parse().ok())
}
