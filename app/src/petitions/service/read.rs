//! Reading petitions: the public list (filters, search, "close to the quorum", "ends
//! soon"), the page of one petition (with its latest public signers, news, response
//! and debate), the petitioner's own petitions and drafts, and the count per day. The
//! count on a page is the petition's stored counter: a page view counts no signatures.
use super::review::files;
use super::signing::{signing_open, started_token};
use super::{is_petitioner, reference_of, visible};
use crate::contributions::service::threads::{Sharing, ThreadQuery, threads};
use crate::contributions::service::viewer;
use crate::domain::scope::TOPICS;
use crate::domain::{PetitionStatus, berlin};
use crate::i18n::Lang;
use crate::petitions::rules::{PetitionForm, progress};
use crate::petitions::types::{
    AddresseeView, MyPetition, PetitionCard, PetitionDraft, PetitionFilter, PetitionList,
    PetitionPage, SignerView, UpdateView,
};
use crate::platform::entities::{
    paper_batch, petition, petition_addressee, petition_update, procedure, signature, tenant,
};
use crate::platform::sessions::CurrentUser;
use crate::platform::{AppError, AppState};
use crate::procedures::service::listing::search_words;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, Order, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

pub const PAGE_SIZE: u64 = 20;
/// How many of the latest signers a petition's page names.
pub const SIGNERS_SHOWN: u64 = 10;

/// The statuses a list filter stands for (`open` by default).
fn statuses(filter: &str) -> Vec<PetitionStatus> {
    match filter {
        "answered" => vec![PetitionStatus::Answered],
        "closed" => vec![PetitionStatus::Closed, PetitionStatus::HandedOver],
        "all" => vec![
            PetitionStatus::Published,
            PetitionStatus::Closed,
            PetitionStatus::HandedOver,
            PetitionStatus::Answered,
        ],
        _ => vec![PetitionStatus::Published],
    }
}

/// A filter as it came from the address bar, made safe to echo and to use.
pub fn normalize(filter: PetitionFilter) -> PetitionFilter {
    let known = |s: &str, all: &[&str]| {
        if all.contains(&s) {
            s.to_string()
        } else {
            String::new()
        }
    };
    PetitionFilter {
        q: filter.q.chars().take(200).collect(),
        status: known(&filter.status, &["answered", "closed", "all"]),
        addressee: Uuid::parse_str(filter.addressee.trim())
            .map(|u| u.to_string())
            .unwrap_or_default(),
        category: known(&filter.category, &TOPICS),
        region: filter.region.trim().chars().take(100).collect(),
        order: known(&filter.order, &["quorum", "ends"]),
        page: filter.page.clamp(1, 10_000),
    }
}

fn card(
    p: petition::Model,
    addressees: &HashMap<Uuid, petition_addressee::Model>,
    now: DateTime<Utc>,
    lang: Lang,
) -> PetitionCard {
    let a = addressees.get(&p.addressee_id);
    let quorum = a.map_or(0, |a| a.quorum);
    PetitionCard {
        id: p.id.to_string(),
        reference: reference_of(&p),
        addressee: a.map(|a| a.name.clone()).unwrap_or_default(),
        status: p.status,
        category: format!("topic.{}", p.category),
        region: p.region.clone(),
        count: p.signature_count,
        quorum,
        progress: progress(p.signature_count, quorum),
        time_left: signing_open(&p, now)
            .then(|| p.closes_at.map(|c| berlin::time_left(now, c, lang)))
            .flatten(),
        title: p.title,
    }
}

async fn addressees_of(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
) -> Result<HashMap<Uuid, petition_addressee::Model>, AppError> {
    Ok(petition_addressee::Entity::find()
        .filter(petition_addressee::Column::TenantId.eq(tenant_id))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect())
}

/// The public list. Only public petitions that were published are ever listed; those
/// waiting for review are only counted.
pub async fn list(
    state: &AppState,
    tenant: &tenant::Model,
    filter: PetitionFilter,
    lang: Lang,
) -> Result<PetitionList, AppError> {
    let filter = normalize(filter);
    let db = &state.db;
    let now = state.now();
    let addressees = addressees_of(db, tenant.id).await?;
    let mut q = petition::Entity::find()
        .filter(petition::Column::TenantId.eq(tenant.id))
        .filter(petition::Column::Public.eq(true))
        .filter(petition::Column::Status.is_in(statuses(&filter.status)));
    if let Ok(a) = Uuid::parse_str(&filter.addressee) {
        q = q.filter(petition::Column::AddresseeId.eq(a));
    }
    if !filter.category.is_empty() {
        q = q.filter(petition::Column::Category.eq(filter.category.clone()));
    }
    let lower = |c: petition::Column| Expr::expr(Func::lower(Expr::col(c)));
    if !filter.region.is_empty() {
        q = q.filter(lower(petition::Column::Region).like(format!(
            "%{}%",
            search_words(&filter.region).join(" ").to_lowercase()
        )));
    }
    // Every word must occur in the title, the request or the reasons. The words hold
    // letters and digits only, so nothing typed becomes a LIKE pattern.
    for word in search_words(&filter.q) {
        let pattern = format!("%{}%", word.to_lowercase());
        q = q.filter(
            Condition::any()
                .add(lower(petition::Column::Title).like(pattern.clone()))
                .add(lower(petition::Column::Request).like(pattern.clone()))
                .add(lower(petition::Column::Reasons).like(pattern)),
        );
    }
    let total = q.clone().count(db).await? as i64;
    q = match filter.order.as_str() {
        // The share of the quorum reached, highest first.
        "quorum" => q.order_by(
            Expr::cust(
                "CAST(signature_count AS REAL) / (SELECT a.quorum FROM petition_addressees a \
                 WHERE a.id = petitions.addressee_id)",
            ),
            Order::Desc,
        ),
        "ends" => q
            .order_by(Expr::col(petition::Column::ClosesAt).is_null(), Order::Asc)
            .order_by_asc(petition::Column::ClosesAt),
        _ => q.order_by_desc(petition::Column::PublishedAt),
    };
    let pages = Ord::max((total as u64).div_ceil(PAGE_SIZE), 1) as u32;
    let page = Ord::min(filter.page, pages);
    let rows = q
        .order_by_asc(petition::Column::Id)
        .limit(PAGE_SIZE)
        .offset(u64::from(page - 1) * PAGE_SIZE)
        .all(db)
        .await?;
    let in_review = petition::Entity::find()
        .filter(petition::Column::TenantId.eq(tenant.id))
        .filter(petition::Column::Public.eq(true))
        .filter(petition::Column::Status.eq(PetitionStatus::Submitted))
        .count(db)
        .await? as i64;
    let mut names: Vec<(String, String)> = addressees
        .values()
        .map(|a| (a.id.to_string(), a.name.clone()))
        .collect();
    names.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(PetitionList {
        items: rows
            .into_iter()
            .map(|p| card(p, &addressees, now, lang))
            .collect(),
        in_review,
        total,
        page,
        pages,
        filter: PetitionFilter { page, ..filter },
        addressees: names,
    })
}

/// The open petitions for the home page: those ending soonest first.
pub async fn open_now(
    state: &AppState,
    tenant: &tenant::Model,
    lang: Lang,
    limit: u64,
) -> Result<Vec<PetitionCard>, AppError> {
    let db = &state.db;
    let now = state.now();
    let addressees = addressees_of(db, tenant.id).await?;
    Ok(petition::Entity::find()
        .filter(petition::Column::TenantId.eq(tenant.id))
        .filter(petition::Column::Public.eq(true))
        .filter(petition::Column::Status.eq(PetitionStatus::Published))
        .filter(petition::Column::ClosesAt.gt(now))
        .order_by_asc(petition::Column::ClosesAt)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(|p| card(p, &addressees, now, lang))
        .collect())
}

/// Which page of the debate the address asks for.
#[derive(Clone, Debug, Default)]
pub struct DebateQuery {
    /// `newest` (default) or `supported`.
    pub order: String,
    pub page: u32,
}

/// Everything on the page of one petition, for whoever may see it.
pub async fn page(
    state: &AppState,
    tenant: &tenant::Model,
    user: Option<&CurrentUser>,
    id: &str,
    debate_query: DebateQuery,
    lang: Lang,
) -> Result<PetitionPage, AppError> {
    let db = &state.db;
    let now = state.now();
    let (p, a) = visible(db, tenant, user, id).await?;
    let mine = is_petitioner(user, &p);
    let handles = super::handles(user, &a) && p.status != PetitionStatus::Draft;
    let signers = signature::Entity::find()
        .filter(signature::Column::PetitionId.eq(p.id))
        .filter(signature::Column::ShowName.eq(true))
        .filter(signature::Column::ConfirmedAt.is_not_null())
        .order_by_desc(signature::Column::ConfirmedAt)
        .limit(SIGNERS_SHOWN)
        .all(db)
        .await?
        .into_iter()
        .map(|s| SignerView {
            name: s.name,
            place: s.place,
            date: s.confirmed_at.map(berlin::format_date).unwrap_or_default(),
        })
        .collect();
    let updates = petition_update::Entity::find()
        .filter(petition_update::Column::PetitionId.eq(p.id))
        .order_by_desc(petition_update::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|u| UpdateView {
            date: berlin::format(u.created_at, lang),
            body: u.body,
        })
        .collect();
    let open = signing_open(&p, now);
    let viewer = viewer(user, a.organization_id);
    let debate = match procedure::Entity::find_by_id(p.id).one(db).await? {
        Some(d) => Some(
            threads(
                db,
                &d,
                user,
                ThreadQuery {
                    section: None,
                    order: &debate_query.order,
                    page: debate_query.page,
                    section_labels: &HashMap::new(),
                    organization: &a.name,
                    share: Some(Sharing {
                        state,
                        moderates: viewer.moderates,
                        accepting: open,
                    }),
                },
                lang,
            )
            .await?,
        ),
        None => None,
    };
    Ok(PetitionPage {
        id: p.id.to_string(),
        reference: reference_of(&p),
        title: p.title.clone(),
        request: p.request.clone(),
        reasons: p.reasons.clone(),
        category: format!("topic.{}", p.category),
        region: p.region.clone(),
        addressee: a.name.clone(),
        status: p.status,
        public: p.public,
        count: p.signature_count,
        quorum: a.quorum,
        progress: progress(p.signature_count, a.quorum),
        quorum_reached: p.quorum_reached_at.is_some(),
        closes: p.closes_at.map(|c| berlin::format_end(c, lang)),
        time_left: open
            .then(|| p.closes_at.map(|c| berlin::time_left(now, c, lang)))
            .flatten(),
        signing_open: open,
        started: if open {
            started_token(state, p.id)
        } else {
            String::new()
        },
        signers,
        updates,
        handed_over: p.handed_over_at.map(|t| berlin::format(t, lang)),
        response: p.response.clone(),
        answered: p.answered_at.map(|t| berlin::format(t, lang)),
        files: files(db, p.id).await?,
        moderation_reason: if mine || handles {
            p.moderation_reason.clone()
        } else {
            None
        },
        mine,
        handles,
        debate_open: open && debate.is_some(),
        debate,
        viewer,
    })
}

/// The person's own petitions, newest first.
pub async fn mine(
    state: &AppState,
    tenant: &tenant::Model,
    me: &CurrentUser,
) -> Result<Vec<MyPetition>, AppError> {
    Ok(petition::Entity::find()
        .filter(petition::Column::TenantId.eq(tenant.id))
        .filter(petition::Column::PetitionerId.eq(me.user.id))
        .order_by_desc(petition::Column::CreatedAt)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|p| MyPetition {
            id: p.id.to_string(),
            reference: reference_of(&p),
            title: p.title.clone(),
            status: p.status,
            count: p.signature_count,
        })
        .collect())
}

/// The form to write a petition: empty (`id` empty) or one's own while it may change.
pub async fn draft(
    state: &AppState,
    tenant: &tenant::Model,
    me: &CurrentUser,
    id: &str,
) -> Result<PetitionDraft, AppError> {
    let addressees: Vec<AddresseeView> = super::addressees::list(&state.db, tenant.id).await?;
    if id.trim().is_empty() {
        return Ok(PetitionDraft {
            id: None,
            reference: None,
            form: PetitionForm {
                visibility: "public".into(),
                weeks: crate::petitions::rules::DEFAULT_MAX_WEEKS.to_string(),
                ..Default::default()
            },
            status: PetitionStatus::Draft,
            moderation_reason: None,
            files: Vec::new(),
            addressees,
        });
    }
    let p = super::find(&state.db, tenant.id, id).await?;
    if !is_petitioner(Some(me), &p) {
        return Err(AppError::NotFound);
    }
    Ok(PetitionDraft {
        id: Some(p.id.to_string()),
        reference: Some(reference_of(&p)),
        form: PetitionForm {
            addressee: p.addressee_id.to_string(),
            title: p.title.clone(),
            request: p.request.clone(),
            reasons: p.reasons.clone(),
            category: p.category.clone(),
            region: p.region.clone(),
            visibility: if p.public { "public" } else { "private" }.into(),
            weeks: if p.public {
                p.weeks.to_string()
            } else {
                crate::petitions::rules::DEFAULT_MAX_WEEKS.to_string()
            },
        },
        status: p.status,
        moderation_reason: p.moderation_reason.clone(),
        files: files(&state.db, p.id).await?,
        addressees,
    })
}

#[derive(sea_orm::FromQueryResult)]
struct Confirmed {
    confirmed_at: Option<DateTime<Utc>>,
}

/// The signatures counted per day (Berlin time), from the first day with one to the last:
/// online and single paper signatures by the day they were confirmed or entered, paper
/// batches by the day they were entered. Days without signatures are listed with 0.
pub async fn per_day(
    state: &AppState,
    tenant: &tenant::Model,
    user: Option<&CurrentUser>,
    id: &str,
) -> Result<(petition::Model, Vec<(NaiveDate, i64)>), AppError> {
    let db = &state.db;
    let (p, _) = visible(db, tenant, user, id).await?;
    let mut days: BTreeMap<NaiveDate, i64> = BTreeMap::new();
    let day = |t: DateTime<Utc>| t.with_timezone(&chrono_tz::Europe::Berlin).date_naive();
    // One column of the confirmed signatures, streamed in pages of the index.
    let rows = signature::Entity::find()
        .select_only()
        .column(signature::Column::ConfirmedAt)
        .filter(signature::Column::PetitionId.eq(p.id))
        .filter(signature::Column::ConfirmedAt.is_not_null())
        .into_model::<Confirmed>()
        .all(db)
        .await?;
    for r in rows {
        if let Some(t) = r.confirmed_at {
            *days.entry(day(t)).or_default() += 1;
        }
    }
    for b in paper_batch::Entity::find()
        .filter(paper_batch::Column::PetitionId.eq(p.id))
        .all(db)
        .await?
    {
        *days.entry(day(b.created_at)).or_default() += i64::from(b.count);
    }
    let (Some(first), Some(last)) = (days.keys().next().copied(), days.keys().last().copied())
    else {
        return Ok((p, Vec::new()));
    };
    let filled = first
        .iter_days()
        .take_while(|d| *d <= last)
        .map(|d| (d, days.get(&d).copied().unwrap_or(0)))
        .collect();
    Ok((p, filled))
}

/// An attachment of a petition, for whoever may see the petition: (path, file name).
pub async fn attachment(
    state: &AppState,
    tenant: &tenant::Model,
    user: Option<&CurrentUser>,
    file: &str,
) -> Result<(std::path::PathBuf, String), AppError> {
    use crate::platform::entities::petition_file;
    let id =
        Uuid::parse_str(file.trim().trim_end_matches(".pdf")).map_err(|_| AppError::NotFound)?;
    let f = petition_file::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    visible(&state.db, tenant, user, &f.petition_id.to_string()).await?;
    Ok((state.settings.files_dir.join(&f.stored_name), f.file_name))
}
