//! The petitions' part of the lifecycle worker: a public petition closes by itself at
//! its closing date (its debate with it), and signatures never confirmed are forgotten
//! after seven days. Signing and confirming check the closing date themselves, to the
//! second; the worker only writes down what already holds.
use super::signing::forget_unconfirmed;
use super::write::news;
use crate::domain::{PetitionStatus, Status};
use crate::platform::audit::Audit;
use crate::platform::entities::{petition, procedure, tenant};
use crate::platform::{AppError, AppState, Write};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// How often the worker looks.
pub const INTERVAL: std::time::Duration = std::time::Duration::from_secs(30);

/// Runs forever inside `mitwirken serve` and `mitwirken worker`.
pub async fn run(state: AppState) {
    loop {
        if let Err(e) = run_due(&state).await {
            tracing::error!(error = %e, "petition worker run failed");
        }
        tokio::time::sleep(INTERVAL).await;
    }
}

/// What one run did, for the tests and the log.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub closed: usize,
    pub forgotten: u64,
}

/// One pass: close what is due, forget what was never confirmed.
pub async fn run_due(state: &AppState) -> Result<Report, AppError> {
    let now = state.now();
    let due = petition::Entity::find()
        .filter(petition::Column::Status.eq(PetitionStatus::Published))
        .filter(petition::Column::ClosesAt.lte(now))
        .all(&state.db)
        .await?;
    let mut report = Report::default();
    for p in due {
        if close(state, &p).await? {
            report.closed += 1;
        }
    }
    report.forgotten = forget_unconfirmed(&state.db, now).await?;
    if report != Report::default() {
        tracing::info!(?report, "petitions");
    }
    Ok(report)
}

/// Closes one petition (once, whoever else runs the worker at the same moment): its
/// debate moves to evaluation, and its followers hear of it.
async fn close(state: &AppState, p: &petition::Model) -> Result<bool, AppError> {
    let Some(tenant) = tenant::Entity::find_by_id(p.tenant_id)
        .one(&state.db)
        .await?
    else {
        return Ok(false);
    };
    let write = Write::begin(state).await?;
    let now = write.now();
    let done = petition::Entity::update_many()
        .col_expr(
            petition::Column::Status,
            Expr::value(PetitionStatus::Closed),
        )
        .col_expr(petition::Column::ClosedAt, Expr::value(Some(now)))
        .col_expr(petition::Column::UpdatedAt, Expr::value(now))
        .filter(petition::Column::Id.eq(p.id))
        .filter(petition::Column::Status.eq(PetitionStatus::Published))
        .exec(&*write)
        .await?;
    if done.rows_affected != 1 {
        write.rollback().await?;
        return Ok(false);
    }
    procedure::Entity::update_many()
        .col_expr(procedure::Column::Status, Expr::value(Status::Evaluation))
        .col_expr(procedure::Column::UpdatedAt, Expr::value(now))
        .filter(procedure::Column::Id.eq(p.id))
        .exec(&*write)
        .await?;
    write
        .record(Audit::new(p.tenant_id, "petition.closed").on(p.id))
        .await?;
    let current = petition::Entity::find_by_id(p.id)
        .one(&*write)
        .await?
        .unwrap_or_else(|| p.clone());
    news(&write, state, &tenant, &current, "closed", "").await?;
    write.commit().await?;
    Ok(true)
}
