//! Moderators review submitted petitions (not defamatory, within the addressee's remit):
//! publish it (a public one opens for co-signing with its debate; a non-public one goes
//! to the addressee), ask for changes, or reject it, with a reason from the templates or
//! their own. The petitioner learns the decision by mail; each decision is audited.
use super::{addressee, find, reference_of, url};
use crate::contributions::service::moderation::decide::decision_reason;
use crate::contributions::service::moderation::reasons;
use crate::domain::{Moderation, PetitionStatus, ProcedureKind, Status, WhoMayComment, berlin};
use crate::i18n::Lang;
use crate::petitions::types::{FileView, Review, ReviewItem};
use crate::platform::audit::Audit;
use crate::platform::entities::{
    petition, petition_addressee, petition_file, phase, procedure, tenant, user,
};
use crate::platform::mail::{NewMail, Template};
use crate::platform::permissions::Moderator;
use crate::platform::{AppError, AppState, Write};
use crate::procedures::service::human_size;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

/// What a moderator decides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Publish,
    Changes,
    Reject,
}

impl Verdict {
    pub fn parse(s: &str) -> Result<Self, AppError> {
        match s.trim() {
            "publish" => Ok(Verdict::Publish),
            "changes" => Ok(Verdict::Changes),
            "reject" => Ok(Verdict::Reject),
            _ => Err(AppError::field("decision", "error.moderation.decision")),
        }
    }
}

pub async fn files(db: &impl ConnectionTrait, id: Uuid) -> Result<Vec<FileView>, AppError> {
    Ok(petition_file::Entity::find()
        .filter(petition_file::Column::PetitionId.eq(id))
        .order_by_asc(petition_file::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|f| FileView {
            id: f.id.to_string(),
            title: f.title,
            size: human_size(f.size_bytes),
        })
        .collect())
}

/// The submitted petitions this moderator reviews (those to the addressees of the
/// organizations they moderate), oldest first, with the reasons to pick from.
pub async fn queue(
    state: &AppState,
    tenant: &tenant::Model,
    moderator: &Moderator,
    lang: Lang,
) -> Result<Review, AppError> {
    let db = &state.db;
    let addressees: Vec<petition_addressee::Model> = petition_addressee::Entity::find()
        .filter(petition_addressee::Column::TenantId.eq(tenant.id))
        .all(db)
        .await?
        .into_iter()
        .filter(|a| moderator.moderates(a.organization_id))
        .collect();
    let rows = petition::Entity::find()
        .filter(petition::Column::TenantId.eq(tenant.id))
        .filter(petition::Column::Status.eq(PetitionStatus::Submitted))
        .filter(petition::Column::AddresseeId.is_in(addressees.iter().map(|a| a.id)))
        .order_by_asc(petition::Column::SubmittedAt)
        .all(db)
        .await?;
    let mut items = Vec::new();
    for p in rows {
        let petitioner = match p.petitioner_id {
            Some(id) => user::Entity::find_by_id(id)
                .one(db)
                .await?
                .map(|u| format!("{} <{}>", u.display_name, u.email))
                .unwrap_or_default(),
            None => String::new(),
        };
        items.push(ReviewItem {
            id: p.id.to_string(),
            reference: reference_of(&p),
            addressee: addressees
                .iter()
                .find(|a| a.id == p.addressee_id)
                .map(|a| a.name.clone())
                .unwrap_or_default(),
            petitioner,
            public: p.public,
            weeks: p.weeks,
            category: format!("topic.{}", p.category),
            region: p.region.clone(),
            submitted: p
                .submitted_at
                .map(|t| berlin::format(t, lang))
                .unwrap_or_default(),
            files: files(db, p.id).await?,
            title: p.title,
            request: p.request,
            reasons: p.reasons,
        });
    }
    Ok(Review {
        items,
        reasons: reasons::reasons(state, tenant).await?,
    })
}

/// Opens a public petition for co-signing: its debate is a procedure of kind `debate`
/// with the petition's id, open (one phase) exactly while it can be signed.
pub(super) async fn open_debate(
    db: &impl ConnectionTrait,
    p: &petition::Model,
    a: &petition_addressee::Model,
    now: DateTime<Utc>,
    closes: DateTime<Utc>,
) -> Result<(), AppError> {
    procedure::ActiveModel {
        id: Set(p.id),
        tenant_id: Set(p.tenant_id),
        organization_id: Set(a.organization_id),
        kind: Set(ProcedureKind::Debate),
        status: Set(Status::Open),
        title: Set(p.title.clone()),
        summary: Set(String::new()),
        body_markdown: Set(String::new()),
        body_html: Set(String::new()),
        place: Set(p.region.clone()),
        area_keys: Set(String::new()),
        latitude: Set(None),
        longitude: Set(None),
        contact: Set(a.name.clone()),
        who_may_comment: Set(WhoMayComment::Account),
        moderation: Set(Moderation::After),
        report_threshold: Set(crate::procedures::rules::fields::DEFAULT_REPORT_THRESHOLD),
        results_markdown: Set(String::new()),
        results_html: Set(String::new()),
        created_by: Set(p.petitioner_id),
        created_at: Set(now),
        updated_at: Set(now),
        published_at: Set(Some(now)),
        concluded_at: Set(None),
    }
    .insert(db)
    .await?;
    phase::ActiveModel {
        id: Set(Uuid::new_v4()),
        procedure_id: Set(p.id),
        starts_at: Set(now),
        ends_at: Set(closes),
        // The petition tells its followers about its dates itself.
        started_notified_at: Set(Some(now)),
        ends_soon_notified_at: Set(Some(now)),
        ended_notified_at: Set(Some(now)),
        created_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Decides on a submitted petition.
#[allow(clippy::too_many_arguments)]
pub async fn decide(
    state: &AppState,
    tenant: &tenant::Model,
    moderator: &Moderator,
    id: &str,
    verdict: &str,
    template: &str,
    text: &str,
) -> Result<(), AppError> {
    let verdict = Verdict::parse(verdict)?;
    let p = find(&state.db, tenant.id, id).await?;
    let a = addressee(&state.db, p.addressee_id).await?;
    if !moderator.moderates(a.organization_id) {
        return Err(AppError::Forbidden);
    }
    if p.status != PetitionStatus::Submitted {
        return Err(AppError::field("", "error.petition.not_waiting"));
    }
    let why = match verdict {
        Verdict::Publish => String::new(),
        _ => decision_reason(state, tenant, template, text).await?,
    };
    let to = match verdict {
        Verdict::Publish if p.public => PetitionStatus::Published,
        Verdict::Publish => PetitionStatus::Forwarded,
        Verdict::Changes => PetitionStatus::ChangesRequested,
        Verdict::Reject => PetitionStatus::Rejected,
    };
    let write = Write::begin(state).await?;
    let now = write.now();
    let closes = now + Duration::weeks(i64::from(p.weeks));
    let mut update = petition::Entity::update_many()
        .col_expr(petition::Column::Status, Expr::value(to))
        .col_expr(petition::Column::UpdatedAt, Expr::value(now))
        .col_expr(
            petition::Column::ModerationReason,
            Expr::value((!why.is_empty()).then(|| why.clone())),
        );
    if to == PetitionStatus::Published {
        update = update
            .col_expr(petition::Column::PublishedAt, Expr::value(Some(now)))
            .col_expr(petition::Column::ClosesAt, Expr::value(Some(closes)));
    }
    // Only from "submitted": a second moderator deciding at the same moment changes nothing.
    let done = update
        .filter(petition::Column::Id.eq(p.id))
        .filter(petition::Column::Status.eq(PetitionStatus::Submitted))
        .exec(&*write)
        .await?;
    if done.rows_affected != 1 {
        return Err(AppError::field("", "error.petition.not_waiting"));
    }
    if to == PetitionStatus::Published {
        open_debate(&*write, &p, &a, now, closes).await?;
    }
    write
        .record(
            Audit::new(tenant.id, "petition.reviewed")
                .by(moderator.0.user.id)
                .on(p.id)
                .detail(format!("{to} {why}").trim().to_string()),
        )
        .await?;
    if let Some(petitioner) = match p.petitioner_id {
        Some(uid) => user::Entity::find_by_id(uid).one(&*write).await?,
        None => None,
    } {
        write
            .enqueue(NewMail {
                tenant_id: tenant.id,
                // Each decision is its own mail (a petition may be decided on again after changes).
                key: format!("petition-decision:{}:{}", p.id, Uuid::new_v4()),
                template: Template::PetitionDecision,
                to: petitioner.email,
                lang: Lang::from_code(&petitioner.locale).unwrap_or_default(),
                data: serde_json::json!({
                    "title": p.title,
                    "reference": reference_of(&p),
                    "outcome": to.as_str(),
                    "reason": why,
                    "closes_at": (to == PetitionStatus::Published).then(|| closes.to_rfc3339()),
                    "url": url(&state.settings, tenant, p.id),
                }),
                subscriber_id: None,
            })
            .await?;
    }
    write.commit().await
}
