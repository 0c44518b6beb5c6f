//! A moderator's decision on a comment: approve (published again or for the first
//! time), hide with a reason, or hide and block the author's address. Reports on it are
//! resolved, the decision is written to the audit log, and the author is told by mail.
use super::moderated;
use crate::contributions::rules::reason;
use crate::contributions::service::{find, replies::announce_reply};
use crate::domain::text::excerpt;
use crate::domain::{CommentStatus, Status};
use crate::i18n::Lang;
use crate::platform::audit::Audit;
use crate::platform::entities::{
    blocked_address, comment, comment_report, moderation_reason, tenant, user,
};
use crate::platform::mail::{NewMail, Template};
use crate::platform::permissions::Moderator;
use crate::platform::{AppError, AppState, Write};
use crate::procedures::service as procedures;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

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
pub async fn decision_reason(
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

/// What a moderator decided on one comment, from the decision form.
pub struct Verdict<'a> {
    pub comment_id: &'a str,
    /// `approve`, `hide` or `block`.
    pub decision: &'a str,
    /// A reason template's id, and a reason in the moderator's words (either or both
    /// for hiding).
    pub template: &'a str,
    pub text: &'a str,
    /// The `version` of the text the moderator had in front of them.
    pub seen: &'a str,
}

/// A short fingerprint of a comment's text, carried by the decision form.
pub fn version(c: &comment::Model) -> String {
    crate::platform::crypto::token_hash(&c.body)[..16].to_string()
}

/// reason, or hide and block its author's address. Reports on it are resolved.
pub async fn decide(
    state: &AppState,
    tenant: &tenant::Model,
    moderator: &Moderator,
    verdict: Verdict<'_>,
) -> Result<(), AppError> {
    let Verdict {
        comment_id,
        decision,
        template,
        text,
        seen,
    } = verdict;
    let decision = Decision::parse(decision)?;
    let c = find(&state.db, tenant.id, comment_id).await?;
    // The decision is on the text the moderator read: if the author edited it since,
    // they must read it again (else an approval would publish words nobody saw).
    if seen != version(&c) {
        return Err(AppError::field("", "error.moderation.changed"));
    }
    let p = moderated(&state.db, tenant, moderator, c.procedure_id).await?;
    let status = c.status;
    if matches!(
        status,
        CommentStatus::Unconfirmed | CommentStatus::Withdrawn
    ) {
        return Err(AppError::field("", "error.moderation.not_waiting"));
    }
    // An archived procedure is a closed record: nothing is published on it any more.
    // Hiding stays possible, since unlawful content must come down whenever it is found.
    if decision == Decision::Approve && p.status == Status::Archived {
        return Err(AppError::field("decision", "error.procedure.archived"));
    }
    let why = match decision {
        Decision::Approve => String::new(),
        _ => decision_reason(state, tenant, template, text).await?,
    };
    if decision == Decision::Block && c.author_email.is_none() {
        return Err(AppError::field("decision", "error.moderation.no_address"));
    }
    let write = Write::begin(state).await?;
    let now = write.now();
    let new_status = match decision {
        Decision::Approve => CommentStatus::Published,
        _ => CommentStatus::Hidden,
    };
    let mut active: comment::ActiveModel = c.clone().into();
    active.status = Set(new_status);
    active.report_count = Set(0);
    active.moderated_by = Set(Some(moderator.0.user.id));
    active.moderated_at = Set(Some(now));
    active.moderation_reason = Set((!why.is_empty()).then(|| why.clone()));
    if decision == Decision::Approve && c.published_at.is_none() {
        active.published_at = Set(Some(now));
    }
    let saved = active.update(&*write).await?;
    comment_report::Entity::update_many()
        .col_expr(comment_report::Column::ResolvedAt, Expr::value(Some(now)))
        .filter(comment_report::Column::CommentId.eq(c.id))
        .filter(comment_report::Column::ResolvedAt.is_null())
        .exec(&*write)
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
            .exec_without_returning(&*write)
            .await?;
        }
    }
    write
        .record(
            Audit::new(tenant.id, decision.action())
                .by(moderator.0.user.id)
                .on(c.id)
                .detail(&why),
        )
        .await?;
    // A reply held back until now reaches its parent's author now.
    if decision == Decision::Approve && status == CommentStatus::Pending {
        announce_reply(&*write, state, tenant, &p, &saved).await?;
    }
    let lang = match c.author_user_id {
        Some(uid) => user::Entity::find_by_id(uid)
            .one(&*write)
            .await?
            .and_then(|u| Lang::from_code(&u.locale))
            .unwrap_or_default(),
        None => Lang::default(),
    };
    if let Some(email) = &c.author_email {
        write
            .enqueue(NewMail {
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
                    "url": procedures::url(&state.settings, tenant, &p),
                }),
                subscriber_id: None,
            })
            .await?;
    }
    write.commit().await
}
