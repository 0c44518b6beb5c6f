//! The public page of one procedure, read with a fixed number of queries however many
//! comments it has (a dozen: the procedure, its organization, topics, phases, documents,
//! sections, comment counts, one page of threads with their count, their replies, and
//! the viewer's supports). The threads come from the contributions core. What is the same
//! for every reader is read once and shared (`platform::shared_renders`): the facts of
//! the procedure here (its row among them; whether the reader may see it is checked on
//! each request), the rendered documents section and comments on the page; a reader whose
//! page finds them costs one query (their supports), a visitor none.
use crate::consultations::types::ProcedurePage;
use crate::contributions::service::threads::{Sharing, ThreadQuery, threads};
use crate::contributions::service::viewer;
use crate::domain::{CommentStatus, DocumentKind, DocumentPurpose, Moderation, berlin};
use crate::i18n::Lang;
use crate::platform::entities::{comment, document, phase, procedure, section, tenant};
use crate::platform::sessions::CurrentUser;
use crate::platform::shared_renders::{SharedHtml, Stamp};
use crate::platform::{AppError, AppState};
use crate::procedures::rules::lifecycle::{self, Status};
use crate::procedures::service::access::{find, may_see};
use crate::procedures::service::{
    human_size, organization_name, parse_id, phases_of, topics, windows,
};
use crate::procedures::types::{DocumentView, PhaseView, SectionView};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;
use std::sync::Arc;
use uuid::Uuid;

/// What the address of the page asks for.
#[derive(Clone, Debug, Default)]
pub struct PageQuery {
    /// A section id: show only the comments on it.
    pub section: String,
    /// `newest` (default) or `supported`.
    pub order: String,
    pub page: u32,
}

#[derive(FromQueryResult)]
struct SectionCount {
    section_id: Option<Uuid>,
    n: i64,
}

pub async fn page(
    state: &AppState,
    tenant: &tenant::Model,
    user: Option<&CurrentUser>,
    id: &str,
    query: PageQuery,
    lang: Lang,
) -> Result<ProcedurePage, AppError> {
    let db = &state.db;
    let now = state.now();
    let facts = facts(state, tenant.id, parse_id(id)?).await?;
    let p = &facts.procedure;
    // A permit procedure has its own page (and documents no consultation has).
    if !may_see(user, p) || p.kind == crate::domain::ProcedureKind::Permit {
        return Err(AppError::NotFound);
    }
    let Facts {
        procedure: _,
        organization,
        topic_keys,
        phase_rows,
        docs,
        sections,
        counts,
        read,
    } = &*facts;
    let windows = windows(phase_rows);
    let status = lifecycle::scheduled(p.status, &windows, now);
    let accepting = lifecycle::accepts_contributions(p.status, &windows, now);
    let label = |s: &section::Model| format!("{} {}", s.number, s.heading);
    let section_filter = Uuid::parse_str(query.section.trim())
        .ok()
        .and_then(|sid| sections.iter().find(|s| s.id == sid));

    let section_labels: HashMap<Uuid, String> = sections.iter().map(|s| (s.id, label(s))).collect();
    let viewer = viewer(user, p.organization_id);
    let threads = threads(
        db,
        p,
        user,
        ThreadQuery {
            section: section_filter.map(|s| (s.id, label(s))),
            order: &query.order,
            page: query.page,
            section_labels: &section_labels,
            organization,
            share: Some(Sharing {
                state,
                moderates: viewer.moderates,
                accepting,
            }),
        },
        lang,
    )
    .await?;

    let section_view = |s: &section::Model| SectionView {
        id: s.id.to_string(),
        number: s.number.clone(),
        heading: s.heading.clone(),
        level: s.level,
        body: s.body.clone(),
        comment_count: counts.get(&s.id).copied().unwrap_or(0),
    };
    let document_view = |d: &document::Model| DocumentView {
        id: d.id.to_string(),
        title: d.title.clone(),
        size: (d.kind == DocumentKind::Pdf).then(|| human_size(d.size_bytes)),
        sections: sections
            .iter()
            .filter(|s| s.document_id == d.id)
            .map(section_view)
            .collect(),
    };
    let (results_docs, docs): (Vec<_>, Vec<_>) = docs
        .iter()
        .partition(|d| d.purpose == DocumentPurpose::Results);

    Ok(ProcedurePage {
        id: p.id.to_string(),
        title: p.title.clone(),
        summary: p.summary.clone(),
        body_html: p.body_html.clone(),
        organization: organization.clone(),
        place: p.place.clone(),
        coordinates: p.latitude.zip(p.longitude),
        contact: p.contact.clone(),
        topics: topic_keys.clone(),
        status,
        who_may_comment: p.who_may_comment,
        pre_moderated: p.moderation == Moderation::Before,
        phases: phase_rows
            .iter()
            .map(|ph| PhaseView {
                starts: berlin::format(ph.starts_at, lang),
                ends: berlin::format_end(ph.ends_at, lang),
                running: ph.window().contains(now),
            })
            .collect(),
        phase_note: phase_note(status, &windows, now, lang),
        accepting,
        documents: docs.into_iter().map(document_view).collect(),
        shared_documents: Some(SharedHtml::new(
            state,
            format!(
                "procedure documents {} {} {} {accepting}",
                tenant.id,
                p.id,
                lang.code()
            ),
            *read,
        )),
        results_html: if status >= Status::Concluded {
            p.results_html.clone()
        } else {
            String::new()
        },
        results_documents: if status >= Status::Concluded {
            results_docs.into_iter().map(document_view).collect()
        } else {
            Vec::new()
        },
        threads,
        viewer,
    })
}

/// What the page shows of a procedure besides the comments: the same for every reader.
struct Facts {
    procedure: procedure::Model,
    organization: String,
    /// `topic.<key>` of each topic.
    topic_keys: Vec<String>,
    phase_rows: Vec<phase::Model>,
    docs: Vec<document::Model>,
    sections: Vec<section::Model>,
    /// Published comments per section.
    counts: HashMap<Uuid, i64>,
    /// When these facts were read.
    read: Stamp,
}

/// The facts of a procedure, read once and shared until a change or a second has passed.
async fn facts(
    state: &AppState,
    tenant_id: Uuid,
    procedure_id: Uuid,
) -> Result<Arc<Facts>, AppError> {
    let key = format!("procedure facts {tenant_id} {procedure_id}");
    let stamp = Stamp::of(state);
    if let Some(facts) = state.shared_renders.get::<Facts>(&key, &stamp) {
        return Ok(facts);
    }
    let db = &state.db;
    let procedure = find(db, tenant_id, procedure_id).await?;
    let facts = Arc::new(Facts {
        organization: organization_name(db, procedure.organization_id).await?,
        topic_keys: topics(db, procedure_id)
            .await?
            .into_iter()
            .map(|t| format!("topic.{t}"))
            .collect(),
        phase_rows: phases_of(db, procedure_id).await?,
        docs: document::Entity::find()
            .filter(document::Column::ProcedureId.eq(procedure_id))
            .order_by_asc(document::Column::Position)
            .all(db)
            .await?,
        sections: section::Entity::find()
            .filter(section::Column::ProcedureId.eq(procedure_id))
            .order_by_asc(section::Column::DocumentId)
            .order_by_asc(section::Column::Position)
            .all(db)
            .await?,
        counts: comment::Entity::find()
            .select_only()
            .column(comment::Column::SectionId)
            .column_as(Expr::val(1).count(), "n")
            .filter(comment::Column::ProcedureId.eq(procedure_id))
            .filter(comment::Column::Status.eq(CommentStatus::Published))
            .filter(comment::Column::SectionId.is_not_null())
            .group_by(comment::Column::SectionId)
            .into_model::<SectionCount>()
            .all(db)
            .await?
            .into_iter()
            .filter_map(|c| c.section_id.map(|s| (s, c.n)))
            .collect(),
        procedure,
        read: stamp,
    });
    let bytes = 1024
        + facts.procedure.body_html.len()
        + facts
            .sections
            .iter()
            .map(|s| s.body.len() + s.heading.len() + 128)
            .sum::<usize>();
    state.shared_renders.put(key, stamp, bytes, facts.clone());
    Ok(facts)
}

/// "Die Beteiligung läuft bis … (noch 3 Tage)." and its siblings.
fn phase_note(
    status: Status,
    windows: &[lifecycle::Window],
    now: chrono::DateTime<chrono::Utc>,
    lang: Lang,
) -> Option<String> {
    match (status, lifecycle::current_or_next(windows, now)) {
        (Status::Draft | Status::Concluded | Status::Archived, _) => None,
        (_, Some(w)) if w.contains(now) => Some(lang.tf(
            "procedure.phase.running",
            &[
                ("end", &berlin::format_end(w.ends_at, lang)),
                ("left", &berlin::time_left(now, w.ends_at, lang)),
            ],
        )),
        (_, Some(w)) => Some(lang.tf(
            "procedure.phase.upcoming",
            &[("start", &berlin::format(w.starts_at, lang))],
        )),
        (Status::Evaluation, None) => Some(lang.t("procedure.phase.ended").to_string()),
        _ => None,
    }
}
