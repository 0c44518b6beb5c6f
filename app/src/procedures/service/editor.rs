//! What staff read: the manage page of one procedure and the list of their procedures.
use super::access::Managed;
use super::documents::comments_on_document;
use super::{human_size, organization_name, phases, phases_of, topics, windows};
use crate::domain::berlin;
use crate::domain::{DocumentKind, DocumentPurpose};
use crate::i18n::Lang;
use crate::platform::entities::{
    comment, document, organization, phase, procedure, section, tenant,
};
use crate::platform::permissions::Staff;
use crate::platform::{AppError, AppState};
use crate::procedures::rules::fields::ProcedureForm;
use crate::procedures::rules::{ProcedureKind, Status, lifecycle};
use crate::procedures::types::{
    Editor, EditorDocument, EditorPhase, StaffProcedureItem, StaffProcedures,
};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

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

fn editor_document(
    d: &document::Model,
    sections: usize,
    comments: u64,
    lang: Lang,
) -> EditorDocument {
    EditorDocument {
        id: d.id.to_string(),
        title: d.title.clone(),
        kind: d.kind,
        detail: if d.kind == DocumentKind::Pdf {
            human_size(d.size_bytes)
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
    m: &Managed,
    lang: Lang,
) -> Result<Editor, AppError> {
    let db = &state.db;
    let p = &m.procedure;
    let id = p.id;
    let now = state.now();
    let phase_rows = phases_of(db, id).await?;
    let status = lifecycle::scheduled(p.status, &windows(&phase_rows), now);
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
        if d.purpose == DocumentPurpose::Results {
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
        topics: topics(db, id).await?,
        contact: p.contact.clone(),
        who_may_comment: p.who_may_comment.to_string(),
        moderation: p.moderation.to_string(),
        report_threshold: p.report_threshold.to_string(),
    };
    Ok(Editor {
        id: p.id.to_string(),
        form,
        organization_name: organization_name(db, p.organization_id).await?,
        status,
        next: status.manual_next(),
        editable: status != Status::Archived,
        phases: phase_rows
            .iter()
            .map(|ph| EditorPhase {
                id: ph.id.to_string(),
                starts: berlin::format(ph.starts_at, lang),
                ends: berlin::format_end(ph.ends_at, lang),
                removable: phases::removable(p, ph, now),
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
        .filter(procedure::Column::Kind.is_in([ProcedureKind::Consultation, ProcedureKind::Permit]))
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
            path: super::staff_path(&p),
            id: p.id.to_string(),
            title: p.title.clone(),
            organization: orgs
                .iter()
                .find(|o| o.id == p.organization_id)
                .map(|o| o.name.clone())
                .unwrap_or_default(),
            status: lifecycle::scheduled(p.status, &own, now),
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
