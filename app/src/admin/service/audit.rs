//! The tenant admin's view of the audit log: filtered, paginated, newest first.
use crate::admin::types::{AuditEntry, AuditFilter, AuditPage};
use crate::i18n::Lang;
use crate::platform::entities::{audit_log, tenant};
use crate::platform::permissions::TenantAdmin;
use crate::platform::{AppError, AppState};
use chrono::{DateTime, Utc};
use uuid::Uuid;

pub const PAGE_SIZE: u64 = 50;

/// Midnight (Europe/Berlin) at the start of `YYYY-MM-DD`, if it is a date.
fn day_start(input: &str) -> Option<DateTime<Utc>> {
    let date = chrono::NaiveDate::parse_from_str(input.trim(), "%Y-%m-%d").ok()?;
    crate::domain::berlin::parse_local(&format!("{date}T00:00")).ok()
}

/// The tenant's audit log, newest first, filtered by action, by the person who acted
/// (name or address), by text in the subject or detail, and by dates (Berlin days).
pub async fn search(
    state: &AppState,
    tenant: &tenant::Model,
    _admin: &TenantAdmin,
    filter: AuditFilter,
    lang: Lang,
) -> Result<AuditPage, AppError> {
    use crate::platform::entities::user;
    use sea_orm::sea_query::{Expr, ExprTrait, Func};
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
    let db = &state.db;
    let lower_like = |col: audit_log::Column, text: &str| {
        Expr::expr(Func::lower(Expr::col(col))).like(format!("%{}%", text.to_lowercase()))
    };
    let mut q = audit_log::Entity::find().filter(audit_log::Column::TenantId.eq(tenant.id));
    let filter = AuditFilter {
        action: filter.action.trim().to_string(),
        actor: filter.actor.trim().chars().take(100).collect(),
        text: filter.text.trim().chars().take(100).collect(),
        from: day_start(&filter.from)
            .map(|_| filter.from.trim().to_string())
            .unwrap_or_default(),
        to: day_start(&filter.to)
            .map(|_| filter.to.trim().to_string())
            .unwrap_or_default(),
        page: std::cmp::max(filter.page, 1),
    };
    if !filter.action.is_empty() {
        q = q.filter(audit_log::Column::Action.eq(filter.action.clone()));
    }
    if !filter.actor.is_empty() {
        let pattern = format!("%{}%", filter.actor.to_lowercase());
        let people: Vec<Uuid> = user::Entity::find()
            .filter(user::Column::TenantId.eq(tenant.id))
            .filter(
                sea_orm::Condition::any()
                    .add(
                        Expr::expr(Func::lower(Expr::col(user::Column::Email)))
                            .like(pattern.clone()),
                    )
                    .add(
                        Expr::expr(Func::lower(Expr::col(user::Column::DisplayName))).like(pattern),
                    ),
            )
            .all(db)
            .await?
            .into_iter()
            .map(|u| u.id)
            .collect();
        q = q.filter(audit_log::Column::ActorId.is_in(people));
    }
    if !filter.text.is_empty() {
        q = q.filter(
            sea_orm::Condition::any()
                .add(lower_like(audit_log::Column::Detail, &filter.text))
                .add(lower_like(audit_log::Column::Subject, &filter.text)),
        );
    }
    if let Some(from) = day_start(&filter.from) {
        q = q.filter(audit_log::Column::CreatedAt.gte(from));
    }
    if let Some(to) = day_start(&filter.to) {
        q = q.filter(audit_log::Column::CreatedAt.lt(to + chrono::Duration::days(1)));
    }
    let total = q.clone().count(db).await?;
    let pages = std::cmp::max(total.div_ceil(PAGE_SIZE), 1) as u32;
    let page = std::cmp::min(filter.page, pages);
    let rows = q
        .order_by_desc(audit_log::Column::CreatedAt)
        .limit(PAGE_SIZE)
        .offset((page as u64 - 1) * PAGE_SIZE)
        .all(db)
        .await?;
    let actor_ids: Vec<Uuid> = rows.iter().filter_map(|r| r.actor_id).collect();
    let actors = user::Entity::find()
        .filter(user::Column::Id.is_in(actor_ids))
        .all(db)
        .await?;
    let actions: Vec<String> = audit_log::Entity::find()
        .select_only()
        .column(audit_log::Column::Action)
        .distinct()
        .filter(audit_log::Column::TenantId.eq(tenant.id))
        .order_by_asc(audit_log::Column::Action)
        .into_tuple()
        .all(db)
        .await?;
    let entries = rows
        .into_iter()
        .map(|r| AuditEntry {
            date: crate::domain::berlin::format(r.created_at, lang),
            actor: r
                .actor_id
                .and_then(|id| actors.iter().find(|u| u.id == id))
                .map(|u| format!("{} <{}>", u.display_name, u.email))
                .unwrap_or_default(),
            action: r.action,
            subject: r.subject,
            detail: r.detail,
        })
        .collect();
    Ok(AuditPage {
        entries,
        total: total as i64,
        page,
        pages,
        filter: AuditFilter { page, ..filter },
        actions,
    })
}
