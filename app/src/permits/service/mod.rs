//! Permit procedures (server only), on the procedure engine (documents, phase, lifecycle,
//! listing, subscriptions) and the contributions core (objections are numbered comments
//! with status `filed`). What is the permits' own: the dates in force, the objection's
//! receipt, the register, hearing, decision and retention.
pub mod decision;
pub mod demo;
pub mod exports;
pub mod objections;
pub mod read;
pub mod receipts;
pub mod retention;
pub mod staff;

use crate::domain::deadlines::State;
use crate::domain::{Hearing, ProcedureKind, Status};
use crate::permits::rules::{self, Dates};
use crate::platform::AppError;
use crate::platform::entities::{permit, procedure, tenant};
use crate::procedures::service as procedures;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Berlin;
use sea_orm::{ConnectionTrait, EntityTrait};
use uuid::Uuid;

/// A permit procedure: the engine's row and the permit's own.
pub struct Permit {
    pub procedure: procedure::Model,
    pub permit: permit::Model,
}

/// The state whose holidays count for this tenant's deadlines.
pub fn tenant_state(tenant: &tenant::Model) -> Result<State, AppError> {
    State::parse(&tenant.state_code)
        .ok_or_else(|| AppError::field("", "error.permit.state_unknown"))
}

/// The permit procedure `id` of this tenant, whoever asks (callers check who may see it).
pub async fn find(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    id: Uuid,
) -> Result<Permit, AppError> {
    of_procedure(db, procedures::find(db, tenant_id, id).await?).await
}

/// The permit of a procedure already found (and checked: `visible`, `managed`); any other
/// kind of procedure is "not found".
pub async fn of_procedure(
    db: &impl ConnectionTrait,
    procedure: procedure::Model,
) -> Result<Permit, AppError> {
    if procedure.kind != ProcedureKind::Permit {
        return Err(AppError::NotFound);
    }
    let permit = permit::Entity::find_by_id(procedure.id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Permit { procedure, permit })
}

/// The dates in force for a permit.
pub fn dates_of(state: State, p: &permit::Model) -> Dates {
    rules::dates(
        state,
        p.display_start,
        p.ied,
        p.uvp,
        p.decision_announced,
        p.display_end_override,
        p.objection_deadline_override,
    )
}

/// The first moment of `day` in Europe/Berlin.
pub fn start_of_day(day: NaiveDate) -> DateTime<Utc> {
    let midnight = day.and_hms_opt(0, 0, 0).expect("midnight");
    Berlin
        .from_local_datetime(&midnight)
        .earliest()
        .expect("midnight exists in Berlin")
        .with_timezone(&Utc)
}

/// When objections are accepted: from the first day of the display until the end of the
/// deadline's day in Europe/Berlin (24:00, i.e. before the next day's first second).
pub fn objection_window(d: &Dates) -> crate::domain::Window {
    crate::domain::Window {
        starts_at: start_of_day(d.computed.display_start),
        ends_at: start_of_day(d.objection_deadline + chrono::Duration::days(1)),
    }
}

/// The day `t` falls on in Berlin.
pub fn berlin_day(t: DateTime<Utc>) -> NaiveDate {
    t.with_timezone(&Berlin).date_naive()
}

/// An objection's reference as people quote it.
pub fn reference(number: i32) -> String {
    format!("E-{number:04}")
}

/// Message key of the stage a permit procedure is in now.
pub fn stage(status: Status, d: &Dates, p: &permit::Model, now: DateTime<Utc>) -> &'static str {
    let today = berlin_day(now);
    match status {
        Status::Draft => "permit.stage.draft",
        Status::Concluded => "permit.stage.decision",
        Status::Archived => "permit.stage.archived",
        _ if today < d.computed.display_start => "permit.stage.announced",
        _ if today <= d.display_end => "permit.stage.display",
        _ if today <= d.objection_deadline => "permit.stage.objections",
        _ if p.hearing == Hearing::Held
            && p.hearing_at
                .is_some_and(|h| h >= now - chrono::Duration::days(1)) =>
        {
            "permit.stage.hearing"
        }
        _ => "permit.stage.evaluation",
    }
}

/// `14.01.2027`.
pub fn date_text(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}
