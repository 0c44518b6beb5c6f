//! What staff do with a procedure: create and edit it, plan its comment phases, add
//! documents, write the results and take the lifecycle's manual steps. Each change is
//! one transaction with its audit-log entry.
use super::{find, phases, stored_status, windows};
use crate::api::staff::types::{
    Editor, EditorDocument, EditorPhase, StaffProcedureItem, StaffProcedures, StatusChange,
};
use crate::domain::berlin;
use crate::domain::lifecycle::{self, Status};
use crate::domain::procedure::{ProcedureFields, ProcedureForm, area_keys, clean};
use crate::domain::{FieldErrors, sections};
use crate::i18n::Lang;
use crate::services::entities::{
    comment, document, organization, phase, procedure, procedure_topic, section, tenant,
};
use crate::services::mail::Template;
use crate::services::markdown::to_safe_html;
use crate::services::permissions::Staff;
use crate::services::{AppError, AppState, audit, notifications};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};
use uuid::Uuid;

pub const PURPOSE_PROCEDURE: &str = "procedure";
pub const PURPOSE_RESULTS: &str = "results";

/// A procedure this person runs. Archived ones are read-only.
pub(super) async fn for_staff(
    db: &impl ConnectionTrait,
    tenant: &tenant::Model,
    staff: &Staff,
    id: Uuid,
) -> Result<procedure::Model, AppError> {
    let p = find(db, tenant.id, id).await?;
    if !staff.runs(p.organization_id) {
        return Err(AppError::Forbidden);
    }
    Ok(p)
}

pub(super) async fn for_change(
    db: &impl ConnectionTrait,
    tenant: &tenant::Model,
    staff: &Staff,
    id: Uuid,
) -> Result<procedure::Model, AppError> {
    let p = for_staff(db, tenant, staff, id).await?;
    if stored_status(&p) == Status::Archived {
        return Err(AppError::field("", "error.procedure.archived"));
    }
    Ok(p)
}

/// The organizations this person may create procedures for.
async fn own_organizations(
    db: &impl ConnectionTrait,
    tenant: &tenant::Model,
    staff: &Staff,
) -> Result<Vec<organization::Model>, AppError> {
    Ok(organization::Entity::find()
        .filter(organization::Column::TenantId.eq(tenant.id))
        .order_by_asc(organization::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .filter(|o| staff.runs(o.id))
        .collect())
}

async fn record(
    db: &impl ConnectionTrait,
    state: &AppState,
    staff: &Staff,
    action: &str,
    p: &procedure::Model,
    detail: &str,
) -> Result<(), AppError> {
    audit::record(
        db,
        state.now(),
        p.tenant_id,
        Some(staff.0.user.id),
        action,
        &p.id.to_string(),
        detail,
    )
    .await?;
    Ok(())
}

async fn write_topics(
    db: &impl ConnectionTrait,
    procedure_id: Uuid,
    topics: &[String],
) -> Result<(), AppError> {
    procedure_topic::Entity::delete_many()
        .filter(procedure_topic::Column::ProcedureId.eq(procedure_id))
        .exec(db)
        .await?;
    if !topics.is_empty() {
        procedure_topic::Entity::insert_many(topics.iter().map(|t| procedure_topic::ActiveModel {
            procedure_id: Set(procedure_id),
            topic: Set(t.clone()),
        }))
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

fn apply(active: &mut procedure::ActiveModel, f: &ProcedureFields, now: DateTime<Utc>) {
    active.title = Set(f.title.clone());
    active.summary = Set(f.summary.clone());
    active.body_html = Set(to_safe_html(&f.body));
    active.body_markdown = Set(f.body.clone());
    active.place = Set(f.place.clone());
    active.area_keys = Set(area_keys(&f.place).join(" "));
    active.latitude = Set(f.coordinates.map(|c| c.0));
    active.longitude = Set(f.coordinates.map(|c| c.1));
    active.contact = Set(f.contact.clone());
    active.who_may_comment = Set(f.who_may_comment.as_str().into());
    active.moderation = Set(f.moderation.as_str().into());
    active.report_threshold = Set(f.report_threshold);
    active.updated_at = Set(now);
}

/// Creates a consultation as a draft of the chosen organization; returns its id.
pub async fn create(
    state: &AppState,
    tenant: &tenant::Model,
    staff: &Staff,
    form: &ProcedureForm,
) -> Result<Uuid, AppError> {
    let org_id = Uuid::parse_str(form.organization.trim()).ok();
    let fields = form.parse();
    let org_ok = match org_id {
        Some(id) => organization::Entity::find_by_id(id)
            .filter(organization::Column::TenantId.eq(tenant.id))
            .one(&state.db)
            .await?
            .is_some_and(|o| staff.runs(o.id)),
        None => false,
    };
    let (fields, org_id) = match (fields, org_id, org_ok) {
        (Ok(f), Some(id), true) => (f, id),
        (result, _, org_ok) => {
            let mut errors = result.err().unwrap_or_default();
            if !org_ok {
                errors.add("organization", "error.organization.invalid");
            }
            return Err(AppError::Invalid(errors));
        }
    };
    let now = state.now();
    let id = Uuid::new_v4();
    let mut active = procedure::ActiveModel {
        id: Set(id),
        tenant_id: Set(tenant.id),
        organization_id: Set(org_id),
        kind: Set(super::KIND_CONSULTATION.into()),
        status: Set(Status::Draft.as_str().into()),
        results_markdown: Set(String::new()),
        results_html: Set(String::new()),
        created_by: Set(Some(staff.0.user.id)),
        created_at: Set(now),
        published_at: Set(None),
        concluded_at: Set(None),
        ..Default::default()
    };
    apply(&mut active, &fields, now);
    let txn = crate::services::db::begin_write(&state.db).await?;
    let p = active.insert(&txn).await?;
    write_topics(&txn, id, &fields.topics).await?;
    record(&txn, state, staff, "procedure.created", &p, &p.title).await?;
    txn.commit().await?;
    Ok(id)
}

pub async fn update(
    state: &AppState,
    tenant: &tenant::Model,
    staff: &Staff,
    id: Uuid,
    form: &ProcedureForm,
) -> Result<(), AppError> {
    let p = for_change(&state.db, tenant, staff, id).await?;
    let fields = form.parse().map_err(AppError::Invalid)?;
    let now = state.now();
    let txn = crate::services::db::begin_write(&state.db).await?;
    let mut active: procedure::ActiveModel = p.clone().into();
    apply(&mut active, &fields, now);
    active.update(&txn).await?;
    write_topics(&txn, id, &fields.topics).await?;
    record(&txn, state, staff, "procedure.updated", &p, &fields.title).await?;
    txn.commit().await?;
    Ok(())
}

/// Adds a comment phase (local Berlin times as typed into the form).
pub async fn add_phase(
    state: &AppState,
    tenant: &tenant::Model,
    staff: &Staff,
    id: Uuid,
    starts: &str,
    ends: &str,
) -> Result<(), AppError> {
    let p = for_change(&state.db, tenant, staff, id).await?;
    if matches!(stored_status(&p), Status::Concluded | Status::Archived) {
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
    let existing = phases(&state.db, id).await?;
    if existing
        .iter()
        .any(|ph| ph.starts_at < ends_at && starts_at < ph.ends_at)
    {
        return Err(AppError::field("starts", "error.phase.overlaps"));
    }
    let now = state.now();
    let txn = crate::services::db::begin_write(&state.db).await?;
    phase::ActiveModel {
        id: Set(Uuid::new_v4()),
        procedure_id: Set(id),
        starts_at: Set(starts_at),
        ends_at: Set(ends_at),
        started_notified_at: Set(None),
        ends_soon_notified_at: Set(None),
        ended_notified_at: Set(None),
        created_at: Set(now),
    }
    .insert(&txn)
    .await?;
    let detail = format!(
        "{} – {}",
        berlin::format(starts_at, Lang::De),
        berlin::format(ends_at, Lang::De)
    );
    record(&txn, state, staff, "phase.added", &p, &detail).await?;
    txn.commit().await?;
    Ok(())
}

/// A phase may be removed while nobody could have contributed in it yet.
fn phase_removable(p: &procedure::Model, ph: &phase::Model, now: DateTime<Utc>) -> bool {
    stored_status(p) == Status::Draft || ph.starts_at > now
}

pub async fn remove_phase(
    state: &AppState,
    tenant: &tenant::Model,
    staff: &Staff,
    id: Uuid,
    phase_id: &str,
) -> Result<(), AppError> {
    let p = for_change(&state.db, tenant, staff, id).await?;
    let phase_id = super::parse_id(phase_id)?;
    let ph = phase::Entity::find_by_id(phase_id)
        .filter(phase::Column::ProcedureId.eq(id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    if !phase_removable(&p, &ph, state.now()) {
        return Err(AppError::field("", "error.phase.started"));
    }
    let txn = crate::services::db::begin_write(&state.db).await?;
    phase::Entity::delete_by_id(ph.id).exec(&txn).await?;
    let detail = berlin::format(ph.starts_at, Lang::De);
    record(&txn, state, staff, "phase.removed", &p, &detail).await?;
    txn.commit().await?;
    Ok(())
}

/// Where a new document goes: after the procedure's others.
pub(crate) async fn next_position(
    db: &impl ConnectionTrait,
    procedure_id: Uuid,
) -> Result<i32, AppError> {
    Ok(document::Entity::find()
        .filter(document::Column::ProcedureId.eq(procedure_id))
        .count(db)
        .await? as i32)
}

pub(super) fn document_title(input: &str, fallback: &str) -> Result<String, &'static str> {
    let title = clean(input).replace('\n', " ");
    let title = if title.is_empty() {
        fallback.trim().to_string()
    } else {
        title
    };
    if title.is_empty() {
        Err("error.document.title_missing")
    } else if title.chars().count() > 200 {
        Err("error.document.title_too_long")
    } else {
        Ok(title)
    }
}

/// Adds a text document whose sections can be commented on one by one.
pub async fn add_text_document(
    state: &AppState,
    tenant: &tenant::Model,
    staff: &Staff,
    id: Uuid,
    title: &str,
    text: &str,
) -> Result<(), AppError> {
    let p = for_change(&state.db, tenant, staff, id).await?;
    let mut errors = FieldErrors::default();
    let title = errors.check("doc_title", document_title(title, ""));
    let parsed = errors.check("text", sections::parse(text));
    let (Some(title), Some(parsed)) = (title, parsed) else {
        return Err(AppError::Invalid(errors));
    };
    let txn = crate::services::db::begin_write(&state.db).await?;
    store_text_document(&txn, id, &title, parsed, state.now()).await?;
    record(&txn, state, staff, "document.added", &p, &title).await?;
    txn.commit().await?;
    Ok(())
}

/// Writes a text document after the procedure's others, with its numbered sections;
/// returns the (number, id) of each section.
pub(crate) async fn store_text_document(
    db: &impl ConnectionTrait,
    procedure_id: Uuid,
    title: &str,
    parsed: Vec<sections::Section>,
    now: DateTime<Utc>,
) -> Result<Vec<(String, Uuid)>, AppError> {
    let doc_id = Uuid::new_v4();
    document::ActiveModel {
        id: Set(doc_id),
        procedure_id: Set(procedure_id),
        kind: Set("text".into()),
        purpose: Set(PURPOSE_PROCEDURE.into()),
        title: Set(title.to_string()),
        position: Set(next_position(db, procedure_id).await?),
        file_name: Set(None),
        stored_name: Set(None),
        size_bytes: Set(0),
        created_at: Set(now),
    }
    .insert(db)
    .await?;
    let rows: Vec<section::ActiveModel> = parsed
        .into_iter()
        .enumerate()
        .map(|(i, s)| section::ActiveModel {
            id: Set(Uuid::new_v4()),
            document_id: Set(doc_id),
            procedure_id: Set(procedure_id),
            position: Set(i as i32),
            level: Set(s.level),
            number: Set(s.number),
            heading: Set(s.heading),
            body: Set(s.body),
        })
        .collect();
    let numbered = rows
        .iter()
        .map(|r| (r.number.clone().unwrap(), r.id.clone().unwrap()))
        .collect();
    // Chunks keep each statement under SQLite's limit of bound parameters.
    for chunk in rows.chunks(100) {
        section::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(db)
            .await?;
    }
    Ok(numbered)
}

/// Comments that refer to the sections of a document.
async fn comments_on_document(
    db: &impl ConnectionTrait,
    document_id: Uuid,
) -> Result<u64, AppError> {
    let section_ids: Vec<Uuid> = section::Entity::find()
        .filter(section::Column::DocumentId.eq(document_id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    if section_ids.is_empty() {
        return Ok(0);
    }
    Ok(comment::Entity::find()
        .filter(comment::Column::SectionId.is_in(section_ids))
        .count(db)
        .await?)
}

/// Removes a document; a text document only while no comment refers to its sections.
pub async fn remove_document(
    state: &AppState,
    tenant: &tenant::Model,
    staff: &Staff,
    id: Uuid,
    document_id: &str,
) -> Result<(), AppError> {
    let p = for_change(&state.db, tenant, staff, id).await?;
    let doc_id = super::parse_id(document_id)?;
    let doc = document::Entity::find_by_id(doc_id)
        .filter(document::Column::ProcedureId.eq(id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    if comments_on_document(&state.db, doc.id).await? > 0 {
        return Err(AppError::field("", "error.document.has_comments"));
    }
    let txn = crate::services::db::begin_write(&state.db).await?;
    section::Entity::delete_many()
        .filter(section::Column::DocumentId.eq(doc.id))
        .exec(&txn)
        .await?;
    document::Entity::delete_by_id(doc.id).exec(&txn).await?;
    record(&txn, state, staff, "document.removed", &p, &doc.title).await?;
    txn.commit().await?;
    // The file goes once the row is gone; a failure here leaves an orphan file, never
    // a row without its file.
    if let Some(stored) = doc.stored_name {
        let _ = tokio::fs::remove_file(state.settings.files_dir.join(stored)).await;
    }
    Ok(())
}

/// Saves the results report (Markdown); publishing it is the step to "concluded".
pub async fn save_results(
    state: &AppState,
    tenant: &tenant::Model,
    staff: &Staff,
    id: Uuid,
    markdown: &str,
) -> Result<(), AppError> {
    let p = for_change(&state.db, tenant, staff, id).await?;
    let text = clean(markdown);
    if text.is_empty() {
        return Err(AppError::field("results", "error.results.missing"));
    }
    if text.chars().count() > crate::domain::procedure::BODY_MAX {
        return Err(AppError::field("results", "error.results.too_long"));
    }
    let txn = crate::services::db::begin_write(&state.db).await?;
    let mut active: procedure::ActiveModel = p.clone().into();
    active.results_html = Set(to_safe_html(&text));
    active.results_markdown = Set(text);
    active.updated_at = Set(state.now());
    active.update(&txn).await?;
    record(&txn, state, staff, "results.saved", &p, "").await?;
    txn.commit().await?;
    Ok(())
}

/// The status a procedure has now: stored, moved on by its dates if the lifecycle
/// worker has not come by yet.
pub(super) async fn effective_status(
    db: &impl ConnectionTrait,
    p: &procedure::Model,
    now: DateTime<Utc>,
) -> Result<Status, AppError> {
    let phases = phases(db, p.id).await?;
    Ok(lifecycle::scheduled(
        stored_status(p),
        &windows(&phases),
        now,
    ))
}

/// Why the manual step to `target` cannot be taken now, if it cannot.
async fn blocker(
    db: &impl ConnectionTrait,
    p: &procedure::Model,
    current: Status,
    target: Status,
) -> Result<Option<&'static str>, AppError> {
    if current.manual_next() != Some(target) {
        return Ok(Some("error.procedure.transition"));
    }
    Ok(match target {
        Status::Announced if phases(db, p.id).await?.is_empty() => {
            Some("error.procedure.needs_phase")
        }
        Status::Concluded if p.results_markdown.trim().is_empty() => {
            Some("error.procedure.needs_results")
        }
        _ => None,
    })
}

/// What the confirmation page of a manual step shows.
pub async fn status_change(
    state: &AppState,
    tenant: &tenant::Model,
    staff: &Staff,
    id: Uuid,
    target: &str,
) -> Result<StatusChange, AppError> {
    let p = for_staff(&state.db, tenant, staff, id).await?;
    let target = Status::parse(target).ok_or(AppError::NotFound)?;
    let current = effective_status(&state.db, &p, state.now()).await?;
    Ok(StatusChange {
        procedure_id: p.id.to_string(),
        title: p.title.clone(),
        from: current,
        to: target,
        blocked_by: blocker(&state.db, &p, current, target)
            .await?
            .map(str::to_string),
    })
}

/// Takes a manual lifecycle step (publish, conclude with the results, archive), after
/// the confirmation page. Publishing lands on the status the dates call for.
pub async fn change_status(
    state: &AppState,
    tenant: &tenant::Model,
    staff: &Staff,
    id: Uuid,
    target: &str,
) -> Result<Status, AppError> {
    let p = for_change(&state.db, tenant, staff, id).await?;
    let target = Status::parse(target).ok_or(AppError::NotFound)?;
    let now = state.now();
    let stored = stored_status(&p);
    let current = effective_status(&state.db, &p, now).await?;
    if let Some(key) = blocker(&state.db, &p, current, target).await? {
        return Err(AppError::field("", key));
    }
    let landing = match target {
        Status::Announced => lifecycle::scheduled(
            Status::Announced,
            &windows(&phases(&state.db, id).await?),
            now,
        ),
        other => other,
    };
    let txn = crate::services::db::begin_write(&state.db).await?;
    let mut update = procedure::Entity::update_many()
        .col_expr(procedure::Column::Status, Expr::value(landing.as_str()))
        .col_expr(procedure::Column::UpdatedAt, Expr::value(now));
    match target {
        Status::Announced => {
            update = update.col_expr(procedure::Column::PublishedAt, Expr::value(Some(now)))
        }
        Status::Concluded => {
            update = update.col_expr(procedure::Column::ConcludedAt, Expr::value(Some(now)))
        }
        _ => {}
    }
    // Only from the status read above: a second click, or a worker that moved the
    // procedure meanwhile, changes nothing.
    let done = update
        .filter(procedure::Column::Id.eq(id))
        .filter(procedure::Column::Status.eq(stored.as_str()))
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(AppError::field("", "error.procedure.transition"));
    }
    let detail = format!("{} → {}", current.as_str(), landing.as_str());
    record(&txn, state, staff, "procedure.status", &p, &detail).await?;
    let event = match target {
        Status::Announced => Some(Template::NewProcedure),
        Status::Concluded => Some(Template::ResultsPublished),
        _ => None,
    };
    if let Some(template) = event {
        let data = super::event_data(&txn, &state.settings, tenant, &p).await?;
        let keys = super::event_keys(&txn, &p).await?;
        notifications::publish(&txn, now, tenant.id, template, data, &keys).await?;
    }
    txn.commit().await?;
    state.mail_queued.notify_one();
    Ok(landing)
}

fn editor_document(
    d: &document::Model,
    sections: usize,
    comments: u64,
    lang: Lang,
) -> EditorDocument {
    EditorDocument {
        id: d.id.to_string(),
        title: d.title.clone(),
        kind: d.kind.clone(),
        detail: if d.kind == "pdf" {
            super::human_size(d.size_bytes)
        } else {
            lang.tf("staff.document.sections", &[("n", &sections.to_string())])
        },
        removable: comments == 0,
    }
}

/// Everything the manage page of a procedure shows.
pub async fn editor(
    state: &AppState,
    tenant: &tenant::Model,
    staff: &Staff,
    id: Uuid,
    lang: Lang,
) -> Result<Editor, AppError> {
    let db = &state.db;
    let p = for_staff(db, tenant, staff, id).await?;
    let now = state.now();
    let phase_rows = phases(db, id).await?;
    let status = lifecycle::scheduled(stored_status(&p), &windows(&phase_rows), now);
    let docs = document::Entity::find()
        .filter(document::Column::ProcedureId.eq(id))
        .order_by_asc(document::Column::Position)
        .all(db)
        .await?;
    let mut documents = Vec::new();
    let mut results_documents = Vec::new();
    for d in &docs {
        let sections = section::Entity::find()
            .filter(section::Column::DocumentId.eq(d.id))
            .count(db)
            .await? as usize;
        let view = editor_document(d, sections, comments_on_document(db, d.id).await?, lang);
        if d.purpose == PURPOSE_RESULTS {
            results_documents.push(view);
        } else {
            documents.push(view);
        }
    }
    let comment_count = comment::Entity::find()
        .filter(comment::Column::ProcedureId.eq(id))
        .count(db)
        .await? as i64;
    let form = ProcedureForm {
        organization: p.organization_id.to_string(),
        title: p.title.clone(),
        summary: p.summary.clone(),
        body: p.body_markdown.clone(),
        place: p.place.clone(),
        latitude: p.latitude.map(|v| v.to_string()).unwrap_or_default(),
        longitude: p.longitude.map(|v| v.to_string()).unwrap_or_default(),
        topics: super::topics(db, id).await?,
        contact: p.contact.clone(),
        who_may_comment: p.who_may_comment.clone(),
        moderation: p.moderation.clone(),
        report_threshold: p.report_threshold.to_string(),
    };
    Ok(Editor {
        id: p.id.to_string(),
        form,
        organization_name: super::organization_name(db, p.organization_id).await?,
        status,
        next: status.manual_next(),
        editable: status != Status::Archived,
        phases: phase_rows
            .iter()
            .map(|ph| EditorPhase {
                id: ph.id.to_string(),
                starts: berlin::format(ph.starts_at, lang),
                ends: berlin::format(ph.ends_at, lang),
                removable: phase_removable(&p, ph, now),
            })
            .collect(),
        documents,
        results_markdown: p.results_markdown.clone(),
        results_documents,
        comment_count,
        organizations: own_organizations(db, tenant, staff)
            .await?
            .into_iter()
            .map(|o| (o.id.to_string(), o.name))
            .collect(),
    })
}

/// The procedures of the organizations this person runs, newest first.
pub async fn mine(
    state: &AppState,
    tenant: &tenant::Model,
    staff: &Staff,
) -> Result<StaffProcedures, AppError> {
    let db = &state.db;
    let orgs = own_organizations(db, tenant, staff).await?;
    let org_ids: Vec<Uuid> = orgs.iter().map(|o| o.id).collect();
    let rows = procedure::Entity::find()
        .filter(procedure::Column::TenantId.eq(tenant.id))
        .filter(procedure::Column::OrganizationId.is_in(org_ids.clone()))
        .order_by_desc(procedure::Column::CreatedAt)
        .all(db)
        .await?;
    let ids: Vec<Uuid> = rows.iter().map(|p| p.id).collect();
    let counts = comment_counts(db, &ids).await?;
    let all_phases = phase::Entity::find()
        .filter(phase::Column::ProcedureId.is_in(ids))
        .all(db)
        .await?;
    let now = state.now();
    let mut items = Vec::new();
    for p in rows {
        let own: Vec<_> = all_phases
            .iter()
            .filter(|ph| ph.procedure_id == p.id)
            .map(phase::Model::window)
            .collect();
        let (total, waiting) = counts
            .iter()
            .find(|c| c.0 == p.id)
            .map(|c| (c.1, c.2))
            .unwrap_or((0, 0));
        items.push(StaffProcedureItem {
            id: p.id.to_string(),
            title: p.title.clone(),
            organization: orgs
                .iter()
                .find(|o| o.id == p.organization_id)
                .map(|o| o.name.clone())
                .unwrap_or_default(),
            status: lifecycle::scheduled(stored_status(&p), &own, now),
            comment_count: total,
            waiting_count: waiting,
        });
    }
    Ok(StaffProcedures {
        items,
        organizations: orgs
            .into_iter()
            .map(|o| (o.id.to_string(), o.name))
            .collect(),
    })
}

#[derive(sea_orm::FromQueryResult)]
struct Counts {
    procedure_id: Uuid,
    total: i64,
    waiting: i64,
}

/// (procedure, all comments, comments waiting for a moderator) in one query.
async fn comment_counts(
    db: &impl ConnectionTrait,
    ids: &[Uuid],
) -> Result<Vec<(Uuid, i64, i64)>, AppError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    use sea_orm::QuerySelect;
    let rows = comment::Entity::find()
        .select_only()
        .column(comment::Column::ProcedureId)
        .column_as(Expr::val(1).count(), "total")
        .column_as(
            Expr::cust("SUM(CASE WHEN status IN ('pending', 'reported') THEN 1 ELSE 0 END)"),
            "waiting",
        )
        .filter(comment::Column::ProcedureId.is_in(ids.to_vec()))
        .group_by(comment::Column::ProcedureId)
        .into_model::<Counts>()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|c| (c.procedure_id, c.total, c.waiting))
        .collect())
}
