//! The lifecycle's manual steps (publish, conclude with the results report, archive),
//! each after a confirmation page, and the results report that concluding needs.
//! Every other change of status follows the dates (`lifecycle`).
use super::access::Managed;
use super::{effective_status, event_data, event_keys, phases_of, windows};
use crate::domain::text::clean;
use crate::platform::entities::procedure;
use crate::platform::entities::tenant;
use crate::platform::mail::Template;
use crate::platform::markdown::to_safe_html;
use crate::platform::{AppError, AppState, Write, notifications};
use crate::procedures::rules::fields::BODY_MAX;
use crate::procedures::rules::{Status, lifecycle};
use crate::procedures::types::StatusChange;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

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
    if p.kind == crate::domain::ProcedureKind::Permit {
        return crate::permits::service::staff::blocker(db, p, target).await;
    }
    Ok(match target {
        Status::Announced if phases_of(db, p.id).await?.is_empty() => {
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
    m: &Managed,
    target: &str,
) -> Result<StatusChange, AppError> {
    let p = &m.procedure;
    let target = Status::parse(target).ok_or(AppError::NotFound)?;
    let current = effective_status(&state.db, p, state.now()).await?;
    Ok(StatusChange {
        back: super::staff_path(p),
        procedure_id: p.id.to_string(),
        title: p.title.clone(),
        from: current,
        to: target,
        blocked_by: blocker(&state.db, p, current, target)
            .await?
            .map(str::to_string),
    })
}

/// Takes a manual lifecycle step (publish, conclude with the results, archive), after
/// the confirmation page. Publishing lands on the status the dates call for.
pub async fn change_status(
    state: &AppState,
    tenant: &tenant::Model,
    m: &Managed,
    target: &str,
) -> Result<Status, AppError> {
    let p = &m.procedure;
    let target = Status::parse(target).ok_or(AppError::NotFound)?;
    let now = state.now();
    let current = effective_status(&state.db, p, now).await?;
    if let Some(key) = blocker(&state.db, p, current, target).await? {
        return Err(AppError::field("", key));
    }
    let landing = match target {
        Status::Announced => lifecycle::scheduled(
            Status::Announced,
            &windows(&phases_of(&state.db, p.id).await?),
            now,
        ),
        other => other,
    };
    let write = Write::begin(state).await?;
    let mut update = procedure::Entity::update_many()
        .col_expr(procedure::Column::Status, Expr::value(landing))
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
        .filter(procedure::Column::Id.eq(p.id))
        .filter(procedure::Column::Status.eq(p.status))
        .exec(&*write)
        .await?;
    if done.rows_affected != 1 {
        return Err(AppError::field("", "error.procedure.transition"));
    }
    let detail = format!("{current} → {landing}");
    write
        .record(m.audit("procedure.status").detail(detail))
        .await?;
    let event = match target {
        Status::Announced => Some(Template::NewProcedure),
        Status::Concluded => Some(Template::ResultsPublished),
        _ => None,
    };
    if let Some(template) = event {
        let data = event_data(&*write, &state.settings, tenant, p).await?;
        let keys = event_keys(&*write, p).await?;
        notifications::publish(&*write, now, tenant.id, template, data, &keys).await?;
    }
    write.commit().await?;
    Ok(landing)
}

/// Saves the results report (Markdown); publishing it is the step to "concluded".
pub async fn save_results(state: &AppState, m: &Managed, markdown: &str) -> Result<(), AppError> {
    let text = clean(markdown);
    if text.is_empty() {
        return Err(AppError::field("results", "error.results.missing"));
    }
    if text.chars().count() > BODY_MAX {
        return Err(AppError::field("results", "error.results.too_long"));
    }
    let write = Write::begin(state).await?;
    let mut active: procedure::ActiveModel = m.procedure.clone().into();
    active.results_html = Set(to_safe_html(&text));
    active.results_markdown = Set(text);
    active.updated_at = Set(write.now());
    active.update(&*write).await?;
    write.record(m.audit("results.saved")).await?;
    write.commit().await
}
