//! Moderation: the queue of comments waiting for a decision (held back before
//! publication, hidden by reports, or published with open reports), the decision
//! itself (approve, hide with a reason, or hide and block the author's address), and
//! the reasons moderators pick from. Every decision is written to the audit log and
//! mailed to the author.
use super::entities::{
    blocked_address, comment, comment_report, moderation_reason, procedure, tenant, user,
};
use super::mail::{NewMail, Template, outbox};
use super::permissions::Moderator;
use super::{AppError, AppState, audit, procedures};
use crate::api::moderation::types::{Queue, QueueItem, ReasonView, ReportView};
use crate::domain::CommentStatus;
use crate::domain::berlin;
use crate::domain::comment::{excerpt, reason};
use crate::i18n::Lang;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

/// The reasons a fresh tenant starts with; moderators change them.
pub const DEFAULT_REASONS: [&str; 4] = [
    "Beleidigend oder herabwürdigend (Netiquette, Punkt 1)",
    "Kein Bezug zum Verfahren (Netiquette, Punkt 2)",
    "Werbung oder Spam (Netiquette, Punkt 3)",
    "Enthält personenbezogene Daten Dritter (Netiquette, Punkt 4)",
];

pub async fn reasons(
    state: &AppState,
    tenant: &tenant::Model,
) -> Result<Vec<ReasonView>, AppError> {
    Ok(moderation_reason::Entity::find()
        .filter(moderation_reason::Column::TenantId.eq(tenant.id))
        .order_by_asc(moderation_reason::Column::CreatedAt)
        .order_by_asc(moderation_reason::Column::Text)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|r| ReasonView {
            id: r.id.to_string(),
            text: r.text,
        })
        .collect())
}

pub async fn add_reason(
    state: &AppState,
    tenant: &tenant::Model,
    moderator: &Moderator,
    text: &str,
) -> Result<(), AppError> {
    let text = reason(text).map_err(|k| AppError::field("text", k))?;
    let now = state.now();
    let txn = crate::services::db::begin_write(&state.db).await?;
    moderation_reason::ActiveModel {
        id: Set(Uuid::new_v4()),
        tenant_id: Set(tenant.id),
        text: Set(text.clone()),
        created_at: Set(now),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        now,
        tenant.id,
        Some(moderator.0.user.id),
        "moderation.reason_added",
        "",
        &text,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn remove_reason(
    state: &AppState,
    tenant: &tenant::Model,
    moderator: &Moderator,
    id: &str,
) -> Result<(), AppError> {
    let id = procedures::parse_id(id)?;
    let row = moderation_reason::Entity::find_by_id(id)
        .filter(moderation_reason::Column::TenantId.eq(tenant.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = state.now();
    let txn = crate::services::db::begin_write(&state.db).await?;
    moderation_reason::Entity::delete_by_id(row.id)
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        now,
        tenant.id,
        Some(moderator.0.user.id),
        "moderation.reason_removed",
        "",
        &row.text,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Comments waiting for this moderator, oldest first: four queries however long.
/// `also` names one more comment to decide on (a moderator who came from its page).
pub async fn queue(
    state: &AppState,
    tenant: &tenant::Model,
    moderator: &Moderator,
    also: Option<&str>,
    lang: Lang,
) -> Result<Queue, AppError> {
    let db = &state.db;
    let procedures = procedure::Entity::find()
        .filter(procedure::Column::TenantId.eq(tenant.id))
        .all(db)
        .await?
        .into_iter()
        .filter(|p| moderator.moderates(p.organization_id))
        .collect::<Vec<_>>();
    let ids: Vec<Uuid> = procedures.iter().map(|p| p.id).collect();
    let also = also.and_then(|id| Uuid::parse_str(id.trim()).ok());
    let waiting = comment::Entity::find()
        .filter(comment::Column::TenantId.eq(tenant.id))
        .filter(comment::Column::ProcedureId.is_in(ids))
        .filter(
            Condition::any()
                .add(comment::Column::Id.eq(also.unwrap_or_default()))
                .add(comment::Column::Status.is_in([
                    CommentStatus::Pending.as_str(),
                    CommentStatus::Reported.as_str(),
                ]))
                .add(
                    Condition::all()
                        .add(comment::Column::Status.eq(CommentStatus::Published.as_str()))
                        .add(comment::Column::ReportCount.gt(0)),
                ),
        )
        .filter(comment::Column::Status.is_not_in([
            CommentStatus::Unconfirmed.as_str(),
            CommentStatus::Withdrawn.as_str(),
        ]))
        .order_by_asc(comment::Column::CreatedAt)
        .all(db)
        .await?;
    // The comment asked for comes first.
    let mut waiting = waiting;
    waiting.sort_by_key(|c| Some(c.id) != also);
    let comment_ids: Vec<Uuid> = waiting.iter().map(|c| c.id).collect();
    let reports = comment_report::Entity::find()
        .filter(comment_report::Column::CommentId.is_in(comment_ids))
        .filter(comment_report::Column::ResolvedAt.is_null())
        .order_by_asc(comment_report::Column::CreatedAt)
        .all(db)
        .await?;
    let items = waiting
        .into_iter()
        .map(|c| QueueItem {
            id: c.id.to_string(),
            number: c.number,
            procedure_id: c.procedure_id.to_string(),
            procedure_title: procedures
                .iter()
                .find(|p| p.id == c.procedure_id)
                .map(|p| p.title.clone())
                .unwrap_or_default(),
            author: c.author_name.clone(),
            email: c.author_email.clone(),
            status: c.status().label_key().to_string(),
            date: berlin::format(c.created_at, lang),
            body: c.body.clone(),
            reports: reports
                .iter()
                .filter(|r| r.comment_id == c.id)
                .map(|r| ReportView {
                    reason: r.reason.clone(),
                    date: berlin::format(r.created_at, lang),
                })
                .collect(),
        })
        .collect();
    Ok(Queue {
        items,
        reasons: reasons(state, tenant).await?,
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Approve,
    Hide,
    /// Hide, and exclude the author's address from contributing on this tenant.
    Block,
}

impl Decision {
    pub fn parse(s: &str) -> Result<Self, AppError> {
        match s.trim() {
            "approve" => Ok(Decision::Approve),
            "hide" => Ok(Decision::Hide),
            "block" => Ok(Decision::Block),
            _ => Err(AppError::field("decision", "error.moderation.decision")),
        }
    }

    fn action(self) -> &'static str {
        match self {
            Decision::Approve => "comment.approved",
            Decision::Hide => "comment.hidden",
            Decision::Block => "comment.blocked",
        }
    }
}

/// The reason of a decision: the chosen template, a text of the moderator's own, or both.
async fn decision_reason(
    state: &AppState,
    tenant: &tenant::Model,
    template: &str,
    text: &str,
) -> Result<String, AppError> {
    let mut parts = Vec::new();
    if !template.trim().is_empty() {
        let id = Uuid::parse_str(template.trim())
            .map_err(|_| AppError::field("template", "error.moderation.template"))?;
        let row = moderation_reason::Entity::find_by_id(id)
            .filter(moderation_reason::Column::TenantId.eq(tenant.id))
            .one(&state.db)
            .await?
            .ok_or_else(|| AppError::field("template", "error.moderation.template"))?;
        parts.push(row.text);
    }
    if !text.trim().is_empty() {
        parts.push(reason(text).map_err(|k| AppError::field("reason", k))?);
    }
    if parts.is_empty() {
        return Err(AppError::field("reason", "error.moderation.reason_missing"));
    }
    Ok(parts.join(" – "))
}

/// Decides on a comment: approve (published again or for the first time), hide with a
/// reason, or hide and block its author's address. Reports on it are resolved.
pub async fn decide(
    state: &AppState,
    tenant: &tenant::Model,
    moderator: &Moderator,
    comment_id: &str,
    decision: &str,
    template: &str,
    text: &str,
) -> Result<(), AppError> {
    let decision = Decision::parse(decision)?;
    let id = procedures::parse_id(comment_id)?;
    let c = comment::Entity::find_by_id(id)
        .filter(comment::Column::TenantId.eq(tenant.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let p = procedures::find(&state.db, tenant.id, c.procedure_id).await?;
    if !moderator.moderates(p.organization_id) {
        return Err(AppError::Forbidden);
    }
    let status = c.status();
    if matches!(
        status,
        CommentStatus::Unconfirmed | CommentStatus::Withdrawn
    ) {
        return Err(AppError::field("", "error.moderation.not_waiting"));
    }
    let why = match decision {
        Decision::Approve => String::new(),
        _ => decision_reason(state, tenant, template, text).await?,
    };
    if decision == Decision::Block && c.author_email.is_none() {
        return Err(AppError::field("decision", "error.moderation.no_address"));
    }
    let now = state.now();
    let txn = crate::services::db::begin_write(&state.db).await?;
    let new_status = match decision {
        Decision::Approve => CommentStatus::Published,
        _ => CommentStatus::Hidden,
    };
    let mut active: comment::ActiveModel = c.clone().into();
    active.status = Set(new_status.as_str().into());
    active.report_count = Set(0);
    active.moderated_by = Set(Some(moderator.0.user.id));
    active.moderated_at = Set(Some(now));
    active.moderation_reason = Set((!why.is_empty()).then(|| why.clone()));
    if decision == Decision::Approve && c.published_at.is_none() {
        active.published_at = Set(Some(now));
    }
    let saved = active.update(&txn).await?;
    comment_report::Entity::update_many()
        .col_expr(comment_report::Column::ResolvedAt, Expr::value(Some(now)))
        .filter(comment_report::Column::CommentId.eq(c.id))
        .filter(comment_report::Column::ResolvedAt.is_null())
        .exec(&txn)
        .await?;
    if decision == Decision::Block {
        if let Some(email) = &c.author_email {
            blocked_address::Entity::insert(blocked_address::ActiveModel {
                tenant_id: Set(tenant.id),
                email: Set(email.clone()),
                reason: Set(why.clone()),
                blocked_by: Set(Some(moderator.0.user.id)),
                created_at: Set(now),
            })
            .on_conflict(
                OnConflict::columns([
                    blocked_address::Column::TenantId,
                    blocked_address::Column::Email,
                ])
                .do_nothing()
                .to_owned(),
            )
            .exec_without_returning(&txn)
            .await?;
        }
    }
    audit::record(
        &txn,
        now,
        tenant.id,
        Some(moderator.0.user.id),
        decision.action(),
        &c.id.to_string(),
        &why,
    )
    .await?;
    // A reply held back until now reaches its parent's author now.
    if decision == Decision::Approve && status == CommentStatus::Pending {
        super::comments::announce_reply(&txn, state, tenant, &p, &saved).await?;
    }
    let lang = match c.author_user_id {
        Some(uid) => user::Entity::find_by_id(uid)
            .one(&txn)
            .await?
            .and_then(|u| Lang::from_code(&u.locale))
            .unwrap_or_default(),
        None => Lang::default(),
    };
    if let Some(email) = &c.author_email {
        outbox::enqueue(
            &txn,
            now,
            NewMail {
                tenant_id: tenant.id,
                key: format!("moderation:{}:{}", c.id, now.timestamp_micros()),
                template: Template::ModerationDecision,
                to: email.clone(),
                lang,
                data: serde_json::json!({
                    "approved": decision == Decision::Approve,
                    "blocked": decision == Decision::Block,
                    "reason": why,
                    "procedure_title": p.title,
                    "excerpt": excerpt(&c.body, 300),
                    "url": procedures::url(&state.settings, tenant, p.id),
                }),
                subscriber_id: None,
            },
        )
        .await?;
    }
    txn.commit().await?;
    state.mail_queued.notify_one();
    Ok(())
}
