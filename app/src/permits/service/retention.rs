//! Retention: a configurable time (`MITWIRKEN_PERMIT_RETENTION_DAYS`) after a permit
//! procedure ended — its decision counts as delivered, or it was published — the
//! objectors' personal data is deleted: names, postal and e-mail addresses,
//! representatives and attached files. Reference, time, channel, text, topic and the
//! receipt's hash stay, so the register still counts and receipts can still be checked.
use super::{dates_of, start_of_day, tenant_state};
use crate::domain::{CommentStatus, ProcedureKind, Status};
use crate::platform::audit::Audit;
use crate::platform::entities::{comment, objection, objection_file, permit, procedure, tenant};
use crate::platform::{AppError, AppState, Write};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// Runs forever inside `mitwirken serve` and `mitwirken worker`, once an hour.
pub async fn run(state: AppState) {
    loop {
        if let Err(e) = run_due(&state).await {
            tracing::error!(error = %e, "permit retention run failed");
        }
        tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
    }
}

/// One pass: deletes what is due; returns how many procedures were cleared.
pub async fn run_due(state: &AppState) -> Result<usize, AppError> {
    let now = state.now();
    let ended = procedure::Entity::find()
        .filter(procedure::Column::Kind.eq(ProcedureKind::Permit))
        .filter(procedure::Column::Status.is_in([Status::Concluded, Status::Archived]))
        .all(&state.db)
        .await?;
    let mut cleared = 0;
    for p in ended {
        let Some(row) = permit::Entity::find_by_id(p.id).one(&state.db).await? else {
            continue;
        };
        if row.personal_data_deleted_at.is_some() {
            continue;
        }
        let Some(t) = tenant::Entity::find_by_id(p.tenant_id)
            .one(&state.db)
            .await?
        else {
            continue;
        };
        let delivered = tenant_state(&t)
            .ok()
            .and_then(|s| dates_of(s, &row).computed.decision_display_end)
            .map(|d| start_of_day(d + chrono::Duration::days(1)));
        let end = delivered.or(p.concluded_at).unwrap_or(p.updated_at);
        if end + state.settings.permit_retention > now {
            continue;
        }
        clear(state, &p, &row).await?;
        cleared += 1;
    }
    Ok(cleared)
}

async fn clear(
    state: &AppState,
    p: &procedure::Model,
    row: &permit::Model,
) -> Result<(), AppError> {
    let files = objection_file::Entity::find()
        .filter(
            objection_file::Column::CommentId.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(comment::Column::Id)
                    .from(comment::Entity)
                    .and_where(comment::Column::ProcedureId.eq(p.id))
                    .to_owned(),
            ),
        )
        .all(&state.db)
        .await?;
    let write = Write::begin(state).await?;
    let now = write.now();
    comment::Entity::update_many()
        .col_expr(comment::Column::AuthorName, Expr::value(""))
        .col_expr(
            comment::Column::AuthorEmail,
            Expr::value(Option::<String>::None),
        )
        .filter(comment::Column::ProcedureId.eq(p.id))
        .filter(comment::Column::Status.eq(CommentStatus::Filed))
        .exec(&*write)
        .await?;
    objection::Entity::update_many()
        .col_expr(objection::Column::PostalAddress, Expr::value(""))
        .col_expr(objection::Column::Representative, Expr::value(""))
        .filter(objection::Column::ProcedureId.eq(p.id))
        .exec(&*write)
        .await?;
    objection_file::Entity::delete_many()
        .filter(objection_file::Column::Id.is_in(files.iter().map(|f| f.id).collect::<Vec<_>>()))
        .exec(&*write)
        .await?;
    permit::Entity::update_many()
        .col_expr(
            permit::Column::PersonalDataDeletedAt,
            Expr::value(Some(now)),
        )
        .filter(permit::Column::Id.eq(row.id))
        .exec(&*write)
        .await?;
    write
        .record(
            Audit::new(p.tenant_id, "permit.personal_data_deleted")
                .on(p.id)
                .detail(format!("{} Anlagen gelöscht", files.len())),
        )
        .await?;
    write.commit().await?;
    // The files go once the rows are gone (an orphan file at worst, never a row without one).
    for f in files {
        let _ = tokio::fs::remove_file(state.settings.files_dir.join(&f.stored_name)).await;
    }
    Ok(())
}
