//! The public page of one procedure, read with a fixed number of queries however many
//! comments it has (a dozen: the procedure, its organization, topics, phases, documents,
//! sections, comment counts, one page of threads with their count, their replies, and
//! the viewer's supports). Threads are paginated past `THREADS_PER_PAGE`.
use crate::consultations::types::{AnswerView, CommentView, ProcedurePage};
use crate::contributions::service::{author_name, viewer};
use crate::domain::{CommentStatus, DocumentKind, DocumentPurpose, Moderation, berlin};
use crate::i18n::Lang;
use crate::platform::entities::{comment, comment_support, document, section, tenant};
use crate::platform::sessions::CurrentUser;
use crate::platform::{AppError, AppState};
use crate::procedures::rules::lifecycle::{self, Status};
use crate::procedures::service::{
    human_size, organization_name, parse_id, phases_of, topics, visible, windows,
};
use crate::procedures::types::{DocumentView, PhaseView, SectionView};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, FromQueryResult, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use std::collections::HashMap;
use uuid::Uuid;

pub const THREADS_PER_PAGE: u64 = 100;

/// What the address of the page asks for.
#[derive(Clone, Debug, Default)]
pub struct PageQuery {
    /// A section id: show only the comments on it.
    pub section: String,
    /// `newest` (default) or `supported`.
    pub order: String,
    pub page: u32,
}

/// Statuses a thread may show in: published, or as a placeholder for its replies.
const VISIBLE: [CommentStatus; 3] = [
    CommentStatus::Published,
    CommentStatus::Withdrawn,
    CommentStatus::Hidden,
];

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
    let p = visible(db, tenant, user, parse_id(id)?).await?;
    let organization = organization_name(db, p.organization_id).await?;
    let topic_keys = topics(db, p.id)
        .await?
        .into_iter()
        .map(|t| format!("topic.{t}"))
        .collect();
    let phase_rows = phases_of(db, p.id).await?;
    let windows = windows(&phase_rows);
    let status = lifecycle::scheduled(p.status, &windows, now);
    let accepting = lifecycle::accepts_contributions(p.status, &windows, now);

    let docs = document::Entity::find()
        .filter(document::Column::ProcedureId.eq(p.id))
        .order_by_asc(document::Column::Position)
        .all(db)
        .await?;
    let sections = section::Entity::find()
        .filter(section::Column::ProcedureId.eq(p.id))
        .order_by_asc(section::Column::DocumentId)
        .order_by_asc(section::Column::Position)
        .all(db)
        .await?;
    let counts: HashMap<Uuid, i64> = comment::Entity::find()
        .select_only()
        .column(comment::Column::SectionId)
        .column_as(Expr::val(1).count(), "n")
        .filter(comment::Column::ProcedureId.eq(p.id))
        .filter(comment::Column::Status.eq(CommentStatus::Published))
        .filter(comment::Column::SectionId.is_not_null())
        .group_by(comment::Column::SectionId)
        .into_model::<SectionCount>()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|c| c.section_id.map(|s| (s, c.n)))
        .collect();
    let label = |s: &section::Model| format!("{} {}", s.number, s.heading);
    let section_filter = Uuid::parse_str(query.section.trim())
        .ok()
        .and_then(|sid| sections.iter().find(|s| s.id == sid));

    // One page of threads: published top-level comments, and those no longer public
    // that still have published replies (shown as placeholders).
    let has_public_reply = Expr::exists(
        Query::select()
            .expr(Expr::val(1))
            .from_as(comment::Entity, "r")
            .and_where(
                Expr::col(("r", comment::Column::ThreadId))
                    .equals((comment::Entity, comment::Column::Id)),
            )
            .and_where(Expr::col(("r", comment::Column::ParentId)).is_not_null())
            .and_where(Expr::col(("r", comment::Column::Status)).eq(CommentStatus::Published))
            .to_owned(),
    );
    let mut threads_q = comment::Entity::find()
        .filter(comment::Column::ProcedureId.eq(p.id))
        .filter(comment::Column::ParentId.is_null())
        .filter(
            Condition::any()
                .add(comment::Column::Status.eq(CommentStatus::Published))
                .add(
                    Condition::all()
                        .add(comment::Column::Status.is_in(VISIBLE))
                        .add(has_public_reply),
                ),
        );
    if let Some(s) = section_filter {
        threads_q = threads_q.filter(comment::Column::SectionId.eq(s.id));
    }
    let thread_count = threads_q.clone().count(db).await? as i64;
    let order = if query.order == "supported" {
        "supported"
    } else {
        "newest"
    };
    if order == "supported" {
        threads_q = threads_q.order_by_desc(comment::Column::SupportCount);
    }
    let pages = std::cmp::max((thread_count as u64).div_ceil(THREADS_PER_PAGE), 1) as u32;
    let page = query.page.clamp(1, pages);
    let threads = threads_q
        .order_by_desc(comment::Column::CreatedAt)
        .order_by_desc(comment::Column::Number)
        .limit(THREADS_PER_PAGE)
        .offset((page as u64 - 1) * THREADS_PER_PAGE)
        .all(db)
        .await?;
    let thread_ids: Vec<Uuid> = threads.iter().map(|c| c.id).collect();
    let replies = if thread_ids.is_empty() {
        Vec::new()
    } else {
        comment::Entity::find()
            .filter(comment::Column::ThreadId.is_in(thread_ids))
            .filter(comment::Column::ParentId.is_not_null())
            .filter(comment::Column::Status.is_in(VISIBLE))
            .order_by_asc(comment::Column::CreatedAt)
            .order_by_asc(comment::Column::Number)
            .all(db)
            .await?
    };
    let comment_count = comment::Entity::find()
        .filter(comment::Column::ProcedureId.eq(p.id))
        .filter(comment::Column::Status.eq(CommentStatus::Published))
        .count(db)
        .await? as i64;
    let supported: Vec<Uuid> = match user {
        Some(u) if !threads.is_empty() => {
            let loaded: Vec<Uuid> = threads.iter().chain(&replies).map(|c| c.id).collect();
            comment_support::Entity::find()
                .filter(comment_support::Column::UserId.eq(u.user.id))
                .filter(comment_support::Column::CommentId.is_in(loaded))
                .all(db)
                .await?
                .into_iter()
                .map(|s| s.comment_id)
                .collect()
        }
        _ => Vec::new(),
    };

    let mut children: HashMap<Uuid, Vec<&comment::Model>> = HashMap::new();
    for r in &replies {
        if let Some(parent) = r.parent_id {
            children.entry(parent).or_default().push(r);
        }
    }
    let tree = Tree {
        children: &children,
        sections: &sections,
        supported: &supported,
        user_id: user.map(|u| u.user.id),
        organization: &organization,
        lang,
    };
    let comments = threads.iter().filter_map(|c| tree.view(c)).collect();

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
        organization,
        place: p.place.clone(),
        coordinates: p.latitude.zip(p.longitude),
        contact: p.contact.clone(),
        topics: topic_keys,
        status,
        who_may_comment: p.who_may_comment,
        pre_moderated: p.moderation == Moderation::Before,
        phases: phase_rows
            .iter()
            .map(|ph| PhaseView {
                starts: berlin::format(ph.starts_at, lang),
                ends: berlin::format(ph.ends_at, lang),
                running: ph.window().contains(now),
            })
            .collect(),
        phase_note: phase_note(status, &windows, now, lang),
        accepting,
        documents: docs.into_iter().map(document_view).collect(),
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
        comments,
        thread_count,
        comment_count,
        page,
        pages,
        order: order.to_string(),
        section: section_filter.map(|s| (s.id.to_string(), label(s))),
        viewer: viewer(user, p.organization_id),
    })
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
                ("end", &berlin::format(w.ends_at, lang)),
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

/// Builds the nested comment views of one page from the rows loaded above.
struct Tree<'a> {
    children: &'a HashMap<Uuid, Vec<&'a comment::Model>>,
    sections: &'a [section::Model],
    supported: &'a [Uuid],
    user_id: Option<Uuid>,
    organization: &'a str,
    lang: Lang,
}

impl Tree<'_> {
    /// A comment with its replies; `None` for one that is not public and has no
    /// public reply below it.
    fn view(&self, c: &comment::Model) -> Option<CommentView> {
        let replies: Vec<CommentView> = self
            .children
            .get(&c.id)
            .map(|list| list.iter().filter_map(|r| self.view(r)).collect())
            .unwrap_or_default();
        let status = c.status;
        let public = status == CommentStatus::Published;
        if !public && replies.is_empty() {
            return None;
        }
        let gone = (!public).then(|| status.label_key().to_string());
        Some(CommentView {
            id: c.id.to_string(),
            number: c.number,
            section: c.section_id.and_then(|sid| {
                self.sections
                    .iter()
                    .find(|s| s.id == sid)
                    .map(|s| format!("{} {}", s.number, s.heading))
            }),
            author: if public {
                author_name(c, self.lang)
            } else {
                String::new()
            },
            date: berlin::format(c.created_at, self.lang),
            edited: public && c.edited_at.is_some(),
            body: if public {
                c.body.clone()
            } else {
                String::new()
            },
            gone,
            supports: if public { c.support_count } else { 0 },
            supported_by_me: self.supported.contains(&c.id),
            mine: public && self.user_id.is_some() && c.author_user_id == self.user_id,
            answer: match (&c.answer, c.answered_at, public) {
                (Some(text), Some(at), true) => Some(AnswerView {
                    organization: self.organization.to_string(),
                    text: text.clone(),
                    date: berlin::format(at, self.lang),
                }),
                _ => None,
            },
            replies,
        })
    }
}
