//! Contributions are numbered per procedure (1, 2, …), as staff, exports and people
//! refer to them.
use crate::platform::entities::comment;
use crate::platform::{AppError, AppState, Write};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, FromQueryResult, QueryFilter, QuerySelect, Set,
};
use uuid::Uuid;

#[derive(FromQueryResult)]
struct MaxNumber {
    n: Option<i32>,
}

/// Writes a comment, numbered next in its procedure, and returns the open write for the
/// caller to add what goes with it. Two comments arriving at the same moment on
/// PostgreSQL may pick the same number; the unique index refuses the second, which then
/// tries again.
pub async fn insert_numbered<'s>(
    state: &'s AppState,
    mut row: comment::ActiveModel,
    procedure_id: Uuid,
) -> Result<(Write<'s>, comment::Model), AppError> {
    let mut attempt = 0;
    loop {
        attempt += 1;
        let write = Write::begin(state).await?;
        let max = comment::Entity::find()
            .select_only()
            .column_as(comment::Column::Number.max(), "n")
            .filter(comment::Column::ProcedureId.eq(procedure_id))
            .into_model::<MaxNumber>()
            .one(&*write)
            .await?
            .and_then(|m| m.n)
            .unwrap_or(0);
        row.number = Set(max + 1);
        match row.clone().insert(&*write).await {
            Ok(saved) => return Ok((write, saved)),
            Err(e) if attempt < 5 && crate::platform::error::is_unique_violation(&e) => {
                write.rollback().await?;
            }
            Err(e) => return Err(e.into()),
        }
    }
}
