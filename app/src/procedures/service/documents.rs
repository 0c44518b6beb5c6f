//! The documents of a procedure: text documents made of numbered sections (each can be
//! commented on), PDFs (`files`), their order, and their removal while no comment
//! refers to them.
use super::access::Managed;
use crate::domain::text::clean;
use crate::domain::{DocumentKind, DocumentPurpose, FieldErrors};
use crate::platform::entities::{comment, document, section};
use crate::platform::{AppError, AppState, Write};
use crate::procedures::rules::sections;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
};
use uuid::Uuid;

/// Where a new document goes: after the procedure's others.
pub async fn next_position(db: &impl ConnectionTrait, procedure_id: Uuid) -> Result<i32, AppError> {
    Ok(document::Entity::find()
        .filter(document::Column::ProcedureId.eq(procedure_id))
        .count(db)
        .await? as i32)
}

/// A document's title as typed, else `fallback` (a PDF's file name): 1 to 200 characters.
pub fn document_title(input: &str, fallback: &str) -> Result<String, &'static str> {
    let title = clean(input).replace('\n', " ");
    let title = if title.is_empty() {
        fallback.trim().to_string()
    } else {
        title
    };
    if title.is_empty() {
        Err("error.document.title_missing")
    } else if title.chars().count() > 200 {
        Err("error.document.title_too_long")
    } else {
        Ok(title)
    }
}

/// Adds a text document whose sections can be commented on one by one.
pub async fn add_text_document(
    state: &AppState,
    m: &Managed,
    title: &str,
    text: &str,
) -> Result<(), AppError> {
    let mut errors = FieldErrors::default();
    let title = errors.check("doc_title", document_title(title, ""));
    let parsed = errors.check("text", sections::parse(text));
    let (Some(title), Some(parsed)) = (title, parsed) else {
        return Err(AppError::Invalid(errors));
    };
    let write = Write::begin(state).await?;
    store_text_document(&*write, m.procedure.id, &title, parsed, write.now()).await?;
    write
        .record(m.audit("document.added").detail(&title))
        .await?;
    write.commit().await
}

/// Writes a text document after the procedure's others, with its numbered sections;
/// returns the (number, id) of each section.
pub async fn store_text_document(
    db: &impl ConnectionTrait,
    procedure_id: Uuid,
    title: &str,
    parsed: Vec<sections::Section>,
    now: DateTime<Utc>,
) -> Result<Vec<(String, Uuid)>, AppError> {
    let doc_id = Uuid::new_v4();
    document::ActiveModel {
        id: Set(doc_id),
        procedure_id: Set(procedure_id),
        kind: Set(DocumentKind::Text),
        purpose: Set(DocumentPurpose::Procedure),
        title: Set(title.to_string()),
        position: Set(next_position(db, procedure_id).await?),
        file_name: Set(None),
        stored_name: Set(None),
        size_bytes: Set(0),
        created_at: Set(now),
        confidential: Set(false),
        summary_of: Set(None),
    }
    .insert(db)
    .await?;
    let rows: Vec<section::ActiveModel> = parsed
        .into_iter()
        .enumerate()
        .map(|(i, s)| section::ActiveModel {
            id: Set(Uuid::new_v4()),
            document_id: Set(doc_id),
            procedure_id: Set(procedure_id),
            position: Set(i as i32),
            level: Set(s.level),
            number: Set(s.number),
            heading: Set(s.heading),
            body: Set(s.body),
        })
        .collect();
    let numbered = rows
        .iter()
        .map(|r| (r.number.clone().unwrap(), r.id.clone().unwrap()))
        .collect();
    // Chunks keep each statement under SQLite's limit of bound parameters.
    for chunk in rows.chunks(100) {
        section::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(db)
            .await?;
    }
    Ok(numbered)
}

/// Comments that refer to the sections of a document.
pub async fn comments_on_document(
    db: &impl ConnectionTrait,
    document_id: Uuid,
) -> Result<u64, AppError> {
    let section_ids: Vec<Uuid> = section::Entity::find()
        .filter(section::Column::DocumentId.eq(document_id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    if section_ids.is_empty() {
        return Ok(0);
    }
    Ok(comment::Entity::find()
        .filter(comment::Column::SectionId.is_in(section_ids))
        .count(db)
        .await?)
}

/// Removes a document; a text document only while no comment refers to its sections.
pub async fn remove_document(
    state: &AppState,
    m: &Managed,
    document_id: Uuid,
) -> Result<(), AppError> {
    let doc = document::Entity::find_by_id(document_id)
        .filter(document::Column::ProcedureId.eq(m.procedure.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    if comments_on_document(&state.db, doc.id).await? > 0 {
        return Err(AppError::field("", "error.document.has_comments"));
    }
    let write = Write::begin(state).await?;
    section::Entity::delete_many()
        .filter(section::Column::DocumentId.eq(doc.id))
        .exec(&*write)
        .await?;
    document::Entity::delete_by_id(doc.id).exec(&*write).await?;
    write
        .record(m.audit("document.removed").detail(&doc.title))
        .await?;
    write.commit().await?;
    // The file goes once the row is gone; a failure here leaves an orphan file, never
    // a row without its file.
    if let Some(stored) = doc.stored_name {
        let _ = tokio::fs::remove_file(state.settings.files_dir.join(stored)).await;
    }
    Ok(())
}
