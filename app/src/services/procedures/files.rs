//! PDF documents: checked by their content (not their name), stored under the data
//! directory (outside the web root) and served only through a route that asks who may
//! see them.
use super::editor::{
    PURPOSE_PROCEDURE, PURPOSE_RESULTS, document_title, for_change, next_position,
};
use super::{find, stored_status};
use crate::domain::Status;
use crate::services::entities::{document, tenant};
use crate::services::permissions::Staff;
use crate::services::sessions::CurrentUser;
use crate::services::{AppError, AppState, audit};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use std::path::PathBuf;
use uuid::Uuid;

/// The largest PDF accepted.
pub const MAX_PDF_BYTES: usize = 20 * 1024 * 1024;

/// A PDF starts with `%PDF-` (allowing a little garbage before it, as readers do).
pub fn looks_like_pdf(bytes: &[u8]) -> bool {
    bytes.windows(5).take(1024).any(|w| w == b"%PDF-")
}

/// An uploaded file as the form sent it.
pub struct Upload {
    pub purpose: String,
    pub title: String,
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// Stores a PDF for a procedure (its documents, or its results report). The file is
/// written first and the row second; if the row cannot be written the file is removed,
/// so nothing is left half-stored.
pub async fn upload(
    state: &AppState,
    tenant: &tenant::Model,
    staff: &Staff,
    procedure_id: Uuid,
    upload: Upload,
) -> Result<(), AppError> {
    let p = for_change(&state.db, tenant, staff, procedure_id).await?;
    let purpose = match upload.purpose.as_str() {
        PURPOSE_RESULTS => PURPOSE_RESULTS,
        _ => PURPOSE_PROCEDURE,
    };
    if upload.bytes.is_empty() {
        return Err(AppError::field("file", "error.document.file_missing"));
    }
    if upload.bytes.len() > MAX_PDF_BYTES {
        return Err(AppError::field("file", "error.document.too_large"));
    }
    if !looks_like_pdf(&upload.bytes) {
        return Err(AppError::field("file", "error.document.not_pdf"));
    }
    let file_name = safe_file_name(&upload.file_name);
    let fallback = file_name.trim_end_matches(".pdf").replace(['_', '-'], " ");
    let title =
        document_title(&upload.title, &fallback).map_err(|k| AppError::field("title", k))?;

    let id = Uuid::new_v4();
    let stored_name = format!("{id}.pdf");
    let dir = &state.settings.files_dir;
    tokio::fs::create_dir_all(dir)
        .await
        .map_err(|e| AppError::Internal(format!("files dir: {e}")))?;
    let path = dir.join(&stored_name);
    let tmp = dir.join(format!(".{stored_name}.part"));
    tokio::fs::write(&tmp, &upload.bytes)
        .await
        .map_err(|e| AppError::Internal(format!("write upload: {e}")))?;
    tokio::fs::rename(&tmp, &path)
        .await
        .map_err(|e| AppError::Internal(format!("store upload: {e}")))?;

    let now = state.now();
    let saved: Result<(), AppError> = async {
        let txn = crate::services::db::begin_write(&state.db).await?;
        let position = next_position(&txn, p.id).await?;
        document::ActiveModel {
            id: Set(id),
            procedure_id: Set(p.id),
            kind: Set("pdf".into()),
            purpose: Set(purpose.into()),
            title: Set(title.clone()),
            position: Set(position),
            file_name: Set(Some(file_name)),
            stored_name: Set(Some(stored_name)),
            size_bytes: Set(upload.bytes.len() as i64),
            created_at: Set(now),
        }
        .insert(&txn)
        .await?;
        audit::record(
            &txn,
            now,
            tenant.id,
            Some(staff.0.user.id),
            "document.added",
            &p.id.to_string(),
            &title,
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }
    .await;
    if saved.is_err() {
        let _ = tokio::fs::remove_file(&path).await;
    }
    saved
}

/// The name a file is offered under: its base name, without path or control characters.
fn safe_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("").trim();
    let clean: String = base
        .chars()
        .filter(|c| !c.is_control() && !"\"<>|:*?".contains(*c))
        .take(150)
        .collect();
    let clean = if clean.is_empty() {
        "dokument.pdf".to_string()
    } else {
        clean
    };
    if clean.to_lowercase().ends_with(".pdf") {
        clean
    } else {
        format!("{clean}.pdf")
    }
}

/// A stored file and the name to offer it under.
pub struct Download {
    pub path: PathBuf,
    pub file_name: String,
}

/// A document's file, for anyone when its procedure is public, else for its staff.
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
    let p = find(&state.db, tenant.id, doc.procedure_id).await?;
    if stored_status(&p) == Status::Draft {
        let staff = Staff::require(viewer.cloned()).map_err(|_| AppError::NotFound)?;
        if !staff.runs(p.organization_id) {
            return Err(AppError::NotFound);
        }
    }
    let (Some(stored), Some(file_name)) = (doc.stored_name, doc.file_name) else {
        return Err(AppError::NotFound);
    };
    Ok(Download {
        path: state.settings.files_dir.join(stored),
        file_name,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdfs_are_recognised_by_their_content() {
        assert!(looks_like_pdf(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"));
        assert!(!looks_like_pdf(b"<html><script>alert(1)</script>"));
        assert!(!looks_like_pdf(b"MZ\x90\x00 not a pdf %PD"));
        assert!(!looks_like_pdf(b""));
    }

    #[test]
    fn file_names_are_made_harmless() {
        assert_eq!(safe_file_name("C:\\temp\\Plan.pdf"), "Plan.pdf");
        assert_eq!(safe_file_name("../../etc/passwd"), "passwd.pdf");
        assert_eq!(safe_file_name("a\"b<c>.PDF"), "abc.PDF");
        assert_eq!(safe_file_name(""), "dokument.pdf");
    }
}
