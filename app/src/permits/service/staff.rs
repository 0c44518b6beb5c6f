//! What staff do with a permit procedure: create and change it, override a computed date
//! (only with a reason, into the audit log), and what announcing it waits for. The
//! procedure's phase is kept equal to its objection window, so the engine's lifecycle
//! worker moves it along its dates. (Hearing and decision: `decision`.)
use super::{Permit, dates_of, objection_window, of_procedure, tenant_state};
use crate::domain::{Hearing, Moderation, ProcedureKind, Status, WhoMayComment};
use crate::permits::rules::{self, PermitFields, PermitForm};
use crate::platform::audit::Audit;
use crate::platform::entities::{document, permit, phase, procedure, tenant};
use crate::platform::markdown::to_safe_html;
use crate::platform::permissions::Staff;
use crate::platform::{AppError, AppState, Write};
use crate::procedures::rules::fields::area_keys;
use crate::procedures::service::{self as procedures, Managed, changeable, parse_id};
use chrono::{NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

/// Why a manual step of a permit procedure cannot be taken (the engine asks).
pub async fn blocker(
    db: &impl ConnectionTrait,
    p: &procedure::Model,
    target: Status,
) -> Result<Option<&'static str>, AppError> {
    if p.status.manual_next() != Some(target)
        && !(p.status == Status::Evaluation && target == Status::Concluded)
    {
        return Ok(Some("error.procedure.transition"));
    }
    Ok(match target {
        Status::Announced if !missing_summaries(db, p.id).await?.is_empty() => {
            Some("error.permit.summary_missing")
        }
        // The decision is published with its own form (it notifies the objectors).
        Status::Concluded => Some("error.permit.use_decision"),
        _ => None,
    })
}

/// Confidential documents that no public summary stands for yet.
pub async fn missing_summaries(
    db: &impl ConnectionTrait,
    procedure_id: Uuid,
) -> Result<Vec<String>, AppError> {
    let docs = document::Entity::find()
        .filter(document::Column::ProcedureId.eq(procedure_id))
        .all(db)
        .await?;
    Ok(docs
        .iter()
        .filter(|d| {
            d.confidential
                && !docs
                    .iter()
                    .any(|s| !s.confidential && s.summary_of == Some(d.id))
        })
        .map(|d| d.title.clone())
        .collect())
}

fn apply(
    p: &mut procedure::ActiveModel,
    f: &PermitFields,
    announcement: &str,
    now: chrono::DateTime<Utc>,
) {
    p.title = Set(f.title.clone());
    p.summary = Set(f.summary.clone());
    p.body_markdown = Set(announcement.to_string());
    p.body_html = Set(to_safe_html(announcement));
    p.place = Set(f.site_address.clone());
    p.area_keys = Set(area_keys(&f.site_address).join(" "));
    p.latitude = Set(f.coordinates.map(|c| c.0));
    p.longitude = Set(f.coordinates.map(|c| c.1));
    p.contact = Set(f.contact.clone());
    p.updated_at = Set(now);
}

/// Keeps the procedure's one phase equal to the objection window.
async fn sync_phase(
    db: &impl ConnectionTrait,
    state: crate::domain::deadlines::State,
    permit: &permit::Model,
    now: chrono::DateTime<Utc>,
) -> Result<(), AppError> {
    let window = objection_window(&dates_of(state, permit));
    let existing = phase::Entity::find()
        .filter(phase::Column::ProcedureId.eq(permit.id))
        .all(db)
        .await?;
    match existing.first() {
        Some(ph) if ph.starts_at == window.starts_at && ph.ends_at == window.ends_at => {}
        Some(ph) => {
            let mut active: phase::ActiveModel = ph.clone().into();
            active.starts_at = Set(window.starts_at);
            active.ends_at = Set(window.ends_at);
            active.update(db).await?;
        }
        None => {
            phase::ActiveModel {
                id: Set(Uuid::new_v4()),
                procedure_id: Set(permit.id),
                starts_at: Set(window.starts_at),
                ends_at: Set(window.ends_at),
                started_notified_at: Set(None),
                ends_soon_notified_at: Set(None),
                ended_notified_at: Set(None),
                created_at: Set(now),
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}

/// The permit row of a new procedure: its fields, no override, hearing and decision open.
pub fn new_permit(id: Uuid, tenant_id: Uuid, fields: &PermitFields) -> permit::ActiveModel {
    permit::ActiveModel {
        id: Set(id),
        tenant_id: Set(tenant_id),
        applicant: Set(fields.applicant.clone()),
        installation: Set(fields.installation.clone()),
        site_address: Set(fields.site_address.clone()),
        ied: Set(fields.ied),
        uvp: Set(fields.uvp),
        office_address: Set(fields.office_address.clone()),
        office_hours: Set(fields.office_hours.clone()),
        display_start: Set(fields.display_start),
        display_end_override: Set(None),
        objection_deadline_override: Set(None),
        override_reason: Set(String::new()),
        hearing: Set(Hearing::Undecided),
        hearing_reason: Set(String::new()),
        hearing_at: Set(None),
        hearing_place: Set(String::new()),
        decision_text: Set(String::new()),
        decision_announced: Set(None),
        delivery_by_announcement: Set(false),
        personal_data_deleted_at: Set(None),
    }
}

/// Creates a permit procedure as a draft of the chosen organization; returns its id.
pub async fn create(
    state: &AppState,
    tenant: &tenant::Model,
    staff: &Staff,
    form: &PermitForm,
) -> Result<Uuid, AppError> {
    let holidays = tenant_state(tenant)?;
    let org_id =
        procedures::fields::chosen_organization(&state.db, tenant, staff, &form.organization)
            .await?;
    let (fields, org_id) = match (form.parse(), org_id) {
        (Ok(f), Some(id)) => (f, id),
        (result, org_id) => {
            let mut errors = result.err().unwrap_or_default();
            if org_id.is_none() {
                errors.add("organization", "error.organization.invalid");
            }
            return Err(AppError::Invalid(errors));
        }
    };
    let org_name = procedures::organization_name(&state.db, org_id).await?;
    let dates = rules::dates(
        holidays,
        fields.display_start,
        fields.ied,
        fields.uvp,
        None,
        None,
        None,
    );
    let announcement = if fields.announcement.is_empty() {
        rules::announcement_text(&fields, &dates, &org_name)
    } else {
        fields.announcement.clone()
    };
    let write = Write::begin(state).await?;
    let id = Uuid::new_v4();
    let now = write.now();
    let mut active = procedure::ActiveModel {
        id: Set(id),
        tenant_id: Set(tenant.id),
        organization_id: Set(org_id),
        kind: Set(ProcedureKind::Permit),
        status: Set(Status::Draft),
        who_may_comment: Set(WhoMayComment::NameOnly),
        moderation: Set(Moderation::Before),
        report_threshold: Set(3),
        results_markdown: Set(String::new()),
        results_html: Set(String::new()),
        created_by: Set(Some(staff.0.user.id)),
        created_at: Set(now),
        published_at: Set(None),
        concluded_at: Set(None),
        ..Default::default()
    };
    apply(&mut active, &fields, &announcement, now);
    active.insert(&*write).await?;
    let row = new_permit(id, tenant.id, &fields).insert(&*write).await?;
    sync_phase(&*write, holidays, &row, now).await?;
    write
        .record(
            Audit::new(tenant.id, "permit.created")
                .by(staff.0.user.id)
                .on(id)
                .detail(&fields.title),
        )
        .await?;
    write.commit().await?;
    Ok(id)
}

/// The permit procedure `id` for a change by `staff` (not archived, not decided).
pub(super) async fn for_change(
    state: &AppState,
    tenant: &tenant::Model,
    staff: &Staff,
    id: &str,
) -> Result<(Managed, Permit), AppError> {
    let m = changeable(&state.db, tenant, staff, parse_id(id)?).await?;
    let p = of_procedure(&state.db, m.procedure.clone()).await?;
    Ok((m, p))
}

/// Saves the fields; the display start may change only while the procedure is a draft
/// (once announced, the public relies on its dates; a change then is an override).
pub async fn update(
    state: &AppState,
    tenant: &tenant::Model,
    staff: &Staff,
    id: &str,
    form: &PermitForm,
) -> Result<(), AppError> {
    let (m, p) = for_change(state, tenant, staff, id).await?;
    let holidays = tenant_state(tenant)?;
    let fields = form.parse().map_err(AppError::Invalid)?;
    if fields.display_start != p.permit.display_start && p.procedure.status != Status::Draft {
        return Err(AppError::field("display_start", "error.permit.start_fixed"));
    }
    let org_name = procedures::organization_name(&state.db, p.procedure.organization_id).await?;
    let dates = rules::dates(
        holidays,
        fields.display_start,
        fields.ied,
        fields.uvp,
        None,
        p.permit.display_end_override,
        p.permit.objection_deadline_override,
    );
    let announcement = if fields.announcement.is_empty() {
        rules::announcement_text(&fields, &dates, &org_name)
    } else {
        fields.announcement.clone()
    };
    let write = Write::begin(state).await?;
    let now = write.now();
    let mut active: procedure::ActiveModel = p.procedure.clone().into();
    apply(&mut active, &fields, &announcement, now);
    active.update(&*write).await?;
    let mut row: permit::ActiveModel = p.permit.clone().into();
    row.applicant = Set(fields.applicant.clone());
    row.installation = Set(fields.installation.clone());
    row.site_address = Set(fields.site_address.clone());
    row.ied = Set(fields.ied);
    row.uvp = Set(fields.uvp);
    row.office_address = Set(fields.office_address.clone());
    row.office_hours = Set(fields.office_hours.clone());
    row.display_start = Set(fields.display_start);
    let saved = row.update(&*write).await?;
    sync_phase(&*write, holidays, &saved, now).await?;
    write
        .record(m.audit("permit.updated").detail(&fields.title))
        .await?;
    write.commit().await
}

/// Overrides the display end or the objection deadline; the reason goes to the audit log
/// with the computed and the new dates.
pub async fn override_dates(
    state: &AppState,
    tenant: &tenant::Model,
    staff: &Staff,
    id: &str,
    display_end: &str,
    deadline: &str,
    reason: &str,
) -> Result<(), AppError> {
    let (m, p) = for_change(state, tenant, staff, id).await?;
    let holidays = tenant_state(tenant)?;
    let o = rules::parse_overrides(display_end, deadline, reason, p.permit.display_start)
        .map_err(AppError::Invalid)?;
    let computed = dates_of(holidays, &p.permit).computed;
    let write = Write::begin(state).await?;
    let mut row: permit::ActiveModel = p.permit.clone().into();
    row.display_end_override = Set(o.display_end);
    row.objection_deadline_override = Set(o.objection_deadline);
    row.override_reason = Set(o.reason.clone());
    let saved = row.update(&*write).await?;
    sync_phase(&*write, holidays, &saved, write.now()).await?;
    let show = |d: Option<NaiveDate>, c: NaiveDate| {
        d.map_or(format!("{c} (berechnet)"), |d| format!("{d} statt {c}"))
    };
    write
        .record(m.audit("permit.dates_overridden").detail(format!(
            "Auslegungsende {}; Einwendungsfrist {}; Grund: {}",
            show(o.display_end, computed.display_end),
            show(o.objection_deadline, computed.objection_deadline),
            o.reason
        )))
        .await?;
    write.commit().await
}
