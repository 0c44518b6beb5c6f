//! The comment phases of a procedure: planned by staff in Berlin local time, removable
//! while nobody could have contributed in them yet.
use super::access::Managed;
use super::phases_of;
use crate::domain::{FieldErrors, berlin};
use crate::i18n::Lang;
use crate::platform::entities::{phase, procedure};
use crate::platform::{AppError, AppState, Write};
use crate::procedures::rules::Status;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

/// Adds a comment phase (local Berlin times as typed into the form).
pub async fn add(state: &AppState, m: &Managed, starts: &str, ends: &str) -> Result<(), AppError> {
    if matches!(m.procedure.status, Status::Concluded | Status::Archived) {
        return Err(AppError::field("", "error.phase.concluded"));
    }
    let mut errors = FieldErrors::default();
    let starts_at = errors.check("starts", berlin::parse_local(starts));
    let ends_at = errors.check("ends", berlin::parse_local(ends));
    let (Some(starts_at), Some(ends_at)) = (starts_at, ends_at) else {
        return Err(AppError::Invalid(errors));
    };
    if ends_at <= starts_at {
        return Err(AppError::field("ends", "error.phase.ends_before_start"));
    }
    let existing = phases_of(&state.db, m.procedure.id).await?;
    if existing
        .iter()
        .any(|ph| ph.starts_at < ends_at && starts_at < ph.ends_at)
    {
        return Err(AppError::field("starts", "error.phase.overlaps"));
    }
    let write = Write::begin(state).await?;
    phase::ActiveModel {
        id: Set(Uuid::new_v4()),
        procedure_id: Set(m.procedure.id),
        starts_at: Set(starts_at),
        ends_at: Set(ends_at),
        started_notified_at: Set(None),
        ends_soon_notified_at: Set(None),
        ended_notified_at: Set(None),
        created_at: Set(write.now()),
    }
    .insert(&*write)
    .await?;
    let detail = format!(
        "{} – {}",
        berlin::format(starts_at, Lang::De),
        berlin::format_end(ends_at, Lang::De)
    );
    write.record(m.audit("phase.added").detail(detail)).await?;
    write.commit().await
}

/// A phase may be removed while nobody could have contributed in it yet.
pub fn removable(p: &procedure::Model, ph: &phase::Model, now: DateTime<Utc>) -> bool {
    p.status == Status::Draft || ph.starts_at > now
}

pub async fn remove(state: &AppState, m: &Managed, phase_id: Uuid) -> Result<(), AppError> {
    let ph = phase::Entity::find_by_id(phase_id)
        .filter(phase::Column::ProcedureId.eq(m.procedure.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    if !removable(&m.procedure, &ph, state.now()) {
        return Err(AppError::field("", "error.phase.started"));
    }
    let write = Write::begin(state).await?;
    phase::Entity::delete_by_id(ph.id).exec(&*write).await?;
    write
        .record(
            m.audit("phase.removed")
                .detail(berlin::format(ph.starts_at, Lang::De)),
        )
        .await?;
    write.commit().await
}
