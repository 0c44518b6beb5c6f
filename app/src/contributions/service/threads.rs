//! The threads of a procedure's comments, one page of them, as every page that shows
//! contributions reads them (a consultation, a petition's debate): a fixed number of
//! queries however many comments there are (the page of threads, their count, their
//! replies, the count of all, the viewer's supports); one (the viewer's supports) when the
//! list is shared and was rendered already (`shared_list`).
use crate::contributions::service::author_name;
use crate::contributions::service::shared_list::{ListView, Shared, SharedList};
use crate::contributions::types::{AnswerView, CommentView, Threads};
use crate::domain::{CommentStatus, berlin};
use crate::i18n::Lang;
use crate::platform::entities::{comment, comment_support, procedure};
use crate::platform::sessions::CurrentUser;
use crate::platform::shared_renders::Stamp;
use crate::platform::{AppError, AppState};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, JoinType, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use std::collections::HashMap;
use uuid::Uuid;

pub const THREADS_PER_PAGE: u64 = 100;

/// Statuses a thread may show in: published, or as a placeholder for its replies.
const VISIBLE: [CommentStatus; 3] = [
    CommentStatus::Published,
    CommentStatus::Withdrawn,
    CommentStatus::Hidden,
];

/// Which threads a page asks for.
pub struct ThreadQuery<'a> {
    /// Only the comments on this section: (id, "1.2 Geltungsbereich").
    pub section: Option<(Uuid, String)>,
    /// `newest` (default) or `supported`.
    pub order: &'a str,
    pub page: u32,
    /// "1.2 Geltungsbereich" of the procedure's sections, by id.
    pub section_labels: &'a HashMap<Uuid, String>,
    /// The name official answers are signed with.
    pub organization: &'a str,
    /// Whether the list is rendered once for every reader alike (`shared_list`).
    pub share: Option<Sharing<'a>>,
}

/// What a shared list depends on beyond the query.
pub struct Sharing<'a> {
    pub state: &'a AppState,
    /// The viewer moderates the procedure's contributions.
    pub moderates: bool,
    /// Contributions are accepted now.
    pub accepting: bool,
}

/// One page of threads: published top-level comments, and those no longer public that
/// still have published replies (shown as placeholders), with their replies.
pub async fn threads(
    db: &impl ConnectionTrait,
    p: &procedure::Model,
    user: Option<&CurrentUser>,
    query: ThreadQuery<'_>,
    lang: Lang,
) -> Result<Threads, AppError> {
    let order = if query.order == "supported" {
        "supported"
    } else {
        "newest"
    };
    let mut shared = match &query.share {
        Some(s) => Some(Shared {
            view: ListView {
                procedure: p.id,
                lang,
                section: query.section.as_ref().map(|(id, _)| *id),
                order,
                page: query.page,
                logged_in: user.is_some(),
                moderates: s.moderates,
                accepting: s.accepting,
            },
            stamp: Stamp::of(s.state),
            list: None,
            authors: HashMap::new(),
            reader: user.map(|u| u.user.id),
            supported: Vec::new(),
            renders: s.state.shared_renders.clone(),
        }),
        None => None,
    };
    if let Some(s) = &mut shared
        && let Some(list) = s.renders.get::<SharedList>(&s.view.key(), &s.stamp)
    {
        s.supported = supports(db, user, p.id).await?;
        s.list = Some(list.clone());
        return Ok(Threads {
            shared,
            ..list.counts.clone()
        });
    }
    let section_filter = query.section.as_ref();
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
        threads_q = threads_q.filter(comment::Column::SectionId.eq(s.0));
    }
    let thread_count = threads_q.clone().count(db).await? as i64;
    if order == "supported" {
        threads_q = threads_q.order_by_desc(comment::Column::SupportCount);
    }
    let pages = std::cmp::max((thread_count as u64).div_ceil(THREADS_PER_PAGE), 1) as u32;
    let page = query.page.clamp(1, pages);
    // Kept as the page it is: asking for page 99999 again and again renders the last page
    // each time, but does not fill the store with copies of it.
    if let Some(s) = &mut shared {
        s.view.page = page;
    }
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
    let loaded = threads.iter().chain(&replies);
    let supported = supports(db, user, p.id).await?;

    let mut children: HashMap<Uuid, Vec<&comment::Model>> = HashMap::new();
    for r in &replies {
        if let Some(parent) = r.parent_id {
            children.entry(parent).or_default().push(r);
        }
    }
    // A shared list is built without any reader's markers; the page sets them.
    if let Some(s) = &mut shared {
        s.authors = loaded
            .filter_map(|c| Some((c.id, c.author_user_id?)))
            .collect();
        s.supported = supported.clone();
    }
    let (supported, user_id) = match shared {
        Some(_) => (Vec::new(), None),
        None => (supported, user.map(|u| u.user.id)),
    };
    let tree = Tree {
        children: &children,
        section_labels: query.section_labels,
        supported: &supported,
        user_id,
        organization: query.organization,
        lang,
    };
    Ok(Threads {
        comments: threads.iter().filter_map(|c| tree.view(c)).collect(),
        thread_count,
        comment_count,
        page,
        pages,
        order: order.to_string(),
        section: query.section.map(|(id, label)| (id.to_string(), label)),
        shared,
    })
}

/// The comments of the procedure the user supports: found from the user's supports (an
/// index by account), two values bound, where asking for the page's hundred comments
/// bound a hundred and built a table of them for every logged-in view.
async fn supports(
    db: &impl ConnectionTrait,
    user: Option<&CurrentUser>,
    procedure: Uuid,
) -> Result<Vec<Uuid>, AppError> {
    let Some(u) = user else {
        return Ok(Vec::new());
    };
    let of_comment = comment_support::Entity::belongs_to(comment::Entity)
        .from(comment_support::Column::CommentId)
        .to(comment::Column::Id);
    Ok(comment_support::Entity::find()
        .select_only()
        .column(comment_support::Column::CommentId)
        .join(JoinType::InnerJoin, of_comment.into())
        .filter(comment_support::Column::UserId.eq(u.user.id))
        .filter(comment::Column::ProcedureId.eq(procedure))
        .into_tuple::<Uuid>()
        .all(db)
        .await?)
}

/// Builds the nested comment views of one page from the rows loaded above.
struct Tree<'a> {
    children: &'a HashMap<Uuid, Vec<&'a comment::Model>>,
    section_labels: &'a HashMap<Uuid, String>,
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
            section: c
                .section_id
                .and_then(|sid| self.section_labels.get(&sid).cloned()),
            stance: public.then_some(c.stance).flatten(),
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
