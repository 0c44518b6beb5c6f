//! The PDFs of a procedure (its documents, or its results report): stored through
//! `platform::files`, served only through a route that asks who may see them.
use super::access::{Managed, runs, visible};
use super::documents::{document_title, next_position};
use crate::domain::{DocumentKind, DocumentPurpose};
use crate::platform::entities::{document, tenant};
use crate::platform::files::{check_pdf, safe_file_name, store};
use crate::platform::sessions::CurrentUser;
use crate::platform::{AppError, AppState, Write};
use crate::procedures::rules::Status;
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use std::path::PathBuf;
use uuid::Uuid;

/// An uploaded file as the form sent it.
pub struct Upload {
    pub purpose: String,
    pub title: String,
    pub file_name: String,
    pub bytes: Vec<u8>,
    /// Contains business secrets (§10(2) BImSchG): never shown to the public.
    pub confidential: bool,
    /// The confidential document this one summarizes for the public.
    pub summary_of: Option<Uuid>,
}

/// Stores a PDF for a procedure. The file is written first and the row second; if the
/// row cannot be written the file is removed, so nothing is left half-stored.
pub async fn upload(state: &AppState, m: &Managed, upload: Upload) -> Result<(), AppError> {
    let purpose = match upload.purpose.as_str() {
        "results" => DocumentPurpose::Results,
        _ => DocumentPurpose::Procedure,
    };
    check_pdf("file", &upload.bytes)?;
    // A summary stands for a business secret of this same procedure.
    if let Some(secret) = upload.summary_of {
        let stands_for = document::Entity::find_by_id(secret)
            .one(&state.db)
            .await?
            .is_some_and(|d| d.procedure_id == m.procedure.id && d.confidential);
        if !stands_for || upload.confidential {
            return Err(AppError::field("summary_of", "error.document.summary_of"));
        }
    }
    let file_name = safe_file_name(&upload.file_name);
    let fallback = file_name.trim_end_matches(".pdf").replace(['_', '-'], " ");
    let title =
        document_title(&upload.title, &fallback).map_err(|k| AppError::field("title", k))?;

    let id = Uuid::new_v4();
    let stored_name = format!("{id}.pdf");
    let path = store(&state.settings.files_dir, &stored_name, &upload.bytes).await?;
    let saved: Result<(), AppError> = async {
        let write = Write::begin(state).await?;
        let position = next_position(&*write, m.procedure.id).await?;
        document::ActiveModel {
            id: Set(id),
            procedure_id: Set(m.procedure.id),
            kind: Set(DocumentKind::Pdf),
            purpose: Set(purpose),
            title: Set(title.clone()),
            position: Set(position),
            file_name: Set(Some(file_name)),
            stored_name: Set(Some(stored_name)),
            size_bytes: Set(upload.bytes.len() as i64),
            created_at: Set(write.now()),
            confidential: Set(upload.confidential),
            summary_of: Set(upload.summary_of),
        }
        .insert(&*write)
        .await?;
        write
            .record(m.audit("document.added").detail(&title))
            .await?;
        write.commit().await
    }
    .await;
    if saved.is_err() {
        let _ = tokio::fs::remove_file(&path).await;
    }
    saved
}

/// A stored file and the name to offer it under.
pub struct Download {
    pub path: PathBuf,
    pub file_name: String,
}

/// A document's file, for anyone when its procedure is public, else for its staff; the
/// results report only once the procedure is concluded (staff see it while they prepare it);
/// a business secret only for its staff.
pub async fn download(
    state: &AppState,
    tenant: &tenant::Model,
    viewer: Option<&CurrentUser>,
    document_id: &str,
) -> Result<Download, AppError> {
    let id = super::parse_id(document_id.trim_end_matches(".pdf"))?;
    let doc = document::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let p = visible(&state.db, tenant, viewer, doc.procedure_id).await?;
    let results_out = matches!(p.status, Status::Concluded | Status::Archived);
    // A business secret is never public, whatever the procedure's status (§10(2) BImSchG).
    if (doc.confidential || (doc.purpose == DocumentPurpose::Results && !results_out))
        && !runs(viewer, &p)
    {
        return Err(AppError::NotFound);
    }
    let (Some(stored), Some(file_name)) = (doc.stored_name, doc.file_name) else {
        return Err(AppError::NotFound);
    };
    Ok(Download {
        path: state.settings.files_dir.join(stored),
        file_name,
    })
}
