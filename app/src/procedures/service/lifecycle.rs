//! The lifecycle worker: moves procedures along their dates (announced → open →
//! evaluation, and back to open for a later phase) and tells subscribers when a phase
//! starts, ends in 48 hours, and has ended. Every step is a conditional update, so
//! running it twice, or in several processes at once, does each thing once; each is
//! written to the audit log in the same transaction.
use super::{event_data, event_keys, windows};
use crate::platform::audit::{self, Audit};
use crate::platform::entities::tenant;
use crate::platform::entities::{phase, procedure};
use crate::platform::mail::Template;
use crate::platform::{AppError, AppState, notifications};
use crate::procedures::rules::ProcedureKind;
use crate::procedures::rules::lifecycle::{self, Status};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;
use uuid::Uuid;

/// How long before a phase ends its subscribers are reminded.
pub const ENDS_SOON: Duration = Duration::hours(48);
/// How often the worker looks.
pub const INTERVAL: std::time::Duration = std::time::Duration::from_secs(30);

/// Runs forever inside `mitwirken serve` and `mitwirken worker`.
pub async fn run(state: AppState) {
    loop {
        if let Err(e) = run_due(&state).await {
            tracing::error!(error = %e, "lifecycle run failed");
        }
        tokio::time::sleep(INTERVAL).await;
    }
}

/// What one run did, for the tests and the log.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub transitions: usize,
    pub notifications: usize,
}

/// One pass over every procedure whose status follows its dates.
pub async fn run_due(state: &AppState) -> Result<Report, AppError> {
    let now = state.now();
    let db = &state.db;
    let running = procedure::Entity::find()
        .filter(procedure::Column::Status.is_in([
            Status::Announced,
            Status::Open,
            Status::Evaluation,
        ]))
        // A debate's window is its petition's signing period, and the petition tells
        // people about its own dates. A permit's phase is its display and objection period.
        .filter(procedure::Column::Kind.is_in([ProcedureKind::Consultation, ProcedureKind::Permit]))
        .all(db)
        .await?;
    if running.is_empty() {
        return Ok(Report::default());
    }
    let ids: Vec<Uuid> = running.iter().map(|p| p.id).collect();
    let mut phases: HashMap<Uuid, Vec<phase::Model>> = HashMap::new();
    for chunk in ids.chunks(500) {
        for ph in phase::Entity::find()
            .filter(phase::Column::ProcedureId.is_in(chunk.to_vec()))
            .all(db)
            .await?
        {
            phases.entry(ph.procedure_id).or_default().push(ph);
        }
    }
    let mut tenants: HashMap<Uuid, tenant::Model> = HashMap::new();
    let mut report = Report::default();
    for p in running {
        let own = phases.remove(&p.id).unwrap_or_default();
        let stored = p.status;
        let due = lifecycle::scheduled(stored, &windows(&own), now);
        let notes = own
            .iter()
            .filter(|ph| notification_due(ph, now).is_some())
            .count();
        if due == stored && notes == 0 {
            continue;
        }
        if !tenants.contains_key(&p.tenant_id) {
            if let Some(t) = tenant::Entity::find_by_id(p.tenant_id).one(db).await? {
                tenants.insert(t.id, t);
            }
        }
        let Some(t) = tenants.get(&p.tenant_id) else {
            continue;
        };
        let txn = crate::platform::db::begin_write(db).await?;
        if due != stored && transition(&txn, now, &p, stored, due).await? {
            report.transitions += 1;
        }
        for ph in &own {
            if notify(&txn, state, t, &p, ph, now).await? {
                report.notifications += 1;
            }
        }
        txn.commit().await?;
        // Pages and parts read before (the status, a phase's note) are stale now.
        state.count_change();
    }
    if report.notifications > 0 {
        state.mail_queued.notify_one();
    }
    if report != Report::default() {
        tracing::info!(?report, "lifecycle");
    }
    Ok(report)
}

/// Moves the status if nobody else did meanwhile; records it in the audit log.
async fn transition(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    p: &procedure::Model,
    from: Status,
    to: Status,
) -> Result<bool, AppError> {
    let done = procedure::Entity::update_many()
        .col_expr(procedure::Column::Status, Expr::value(to))
        .col_expr(procedure::Column::UpdatedAt, Expr::value(now))
        .filter(procedure::Column::Id.eq(p.id))
        .filter(procedure::Column::Status.eq(from))
        .exec(db)
        .await?;
    if done.rows_affected != 1 {
        return Ok(false);
    }
    // No actor: the dates moved it.
    let entry = Audit::new(p.tenant_id, "procedure.status")
        .on(p.id)
        .detail(format!("{from} → {to} (Termin)"));
    audit::record(db, now, entry).await?;
    Ok(true)
}

/// The notification a phase is due for now, if any (each at most once: its column
/// records it). A phase that ended long ago when it was first seen gets only "ended".
fn notification_due(ph: &phase::Model, now: DateTime<Utc>) -> Option<(Template, phase::Column)> {
    if ph.ends_at <= now {
        return ph
            .ended_notified_at
            .is_none()
            .then_some((Template::PhaseEnded, phase::Column::EndedNotifiedAt));
    }
    if ph.starts_at > now {
        return None;
    }
    if ph.started_notified_at.is_none() {
        return Some((Template::PhaseStarted, phase::Column::StartedNotifiedAt));
    }
    // Only a phase long enough for a reminder to make sense gets one.
    let long = ph.ends_at - ph.starts_at > ENDS_SOON;
    if long && now >= ph.ends_at - ENDS_SOON && ph.ends_soon_notified_at.is_none() {
        return Some((Template::PhaseEndsSoon, phase::Column::EndsSoonNotifiedAt));
    }
    None
}

/// Claims and sends the notification due for one phase. The claim is the conditional
/// update of its column; a worker that lost the race sends nothing.
async fn notify(
    db: &impl ConnectionTrait,
    state: &AppState,
    t: &tenant::Model,
    p: &procedure::Model,
    ph: &phase::Model,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let Some((template, column)) = notification_due(ph, now) else {
        return Ok(false);
    };
    let claimed = phase::Entity::update_many()
        .col_expr(column, Expr::value(Some(now)))
        .filter(phase::Column::Id.eq(ph.id))
        .filter(column.is_null())
        .exec(db)
        .await?;
    if claimed.rows_affected != 1 {
        return Ok(false);
    }
    // A phase first seen after it ended never announces its start or its end afterwards.
    if template == Template::PhaseEnded {
        for other in [
            phase::Column::StartedNotifiedAt,
            phase::Column::EndsSoonNotifiedAt,
        ] {
            phase::Entity::update_many()
                .col_expr(other, Expr::value(Some(now)))
                .filter(phase::Column::Id.eq(ph.id))
                .filter(other.is_null())
                .exec(db)
                .await?;
        }
    }
    let mut data = event_data(db, &state.settings, t, p).await?;
    data["phase_end"] = ph.ends_at.to_rfc3339().into();
    data["phase_start"] = ph.starts_at.to_rfc3339().into();
    // A permit's one phase is its objection period: its mails say so (BImSchG wording).
    data["permit"] = (p.kind == ProcedureKind::Permit).into();
    let keys = event_keys(db, p).await?;
    notifications::publish(db, now, t.id, template, data, &keys).await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phase(start: &str, end: &str) -> phase::Model {
        phase::Model {
            id: Uuid::nil(),
            procedure_id: Uuid::nil(),
            starts_at: start.parse().unwrap(),
            ends_at: end.parse().unwrap(),
            started_notified_at: None,
            ends_soon_notified_at: None,
            ended_notified_at: None,
            created_at: Utc::now(),
        }
    }

    fn due(ph: &phase::Model, now: &str) -> Option<Template> {
        notification_due(ph, now.parse().unwrap()).map(|(t, _)| t)
    }

    #[test]
    fn each_phase_notification_in_its_time() {
        let mut ph = phase("2026-03-01T08:00:00Z", "2026-03-20T08:00:00Z");
        assert_eq!(due(&ph, "2026-02-28T00:00:00Z"), None);
        assert_eq!(
            due(&ph, "2026-03-01T08:00:00Z"),
            Some(Template::PhaseStarted)
        );
        ph.started_notified_at = Some(Utc::now());
        assert_eq!(due(&ph, "2026-03-10T00:00:00Z"), None);
        assert_eq!(
            due(&ph, "2026-03-18T08:00:00Z"),
            Some(Template::PhaseEndsSoon)
        );
        ph.ends_soon_notified_at = Some(Utc::now());
        assert_eq!(due(&ph, "2026-03-20T07:59:59Z"), None);
        assert_eq!(due(&ph, "2026-03-20T08:00:00Z"), Some(Template::PhaseEnded));
        ph.ended_notified_at = Some(Utc::now());
        assert_eq!(due(&ph, "2026-04-01T00:00:00Z"), None);
    }

    #[test]
    fn short_phases_get_no_reminder() {
        let mut ph = phase("2026-03-01T08:00:00Z", "2026-03-02T08:00:00Z");
        ph.started_notified_at = Some(Utc::now());
        assert_eq!(due(&ph, "2026-03-02T07:00:00Z"), None);
    }
}
