//! Uploaded files: PDFs recognised by their content (not their name), stored under the
//! data directory (outside the web root, served only through routes that ask who may
//! see them), written atomically so a reader never sees half a file.
use super::AppError;
use std::path::{Path, PathBuf};

/// The largest PDF accepted.
pub const MAX_PDF_BYTES: usize = 20 * 1024 * 1024;

/// A PDF starts with `%PDF-` (allowing a little garbage before it, as readers do).
pub fn looks_like_pdf(bytes: &[u8]) -> bool {
    bytes.windows(5).take(1024).any(|w| w == b"%PDF-")
}

/// The field error of an upload that is not an acceptable PDF, if it is not.
pub fn check_pdf(field: &str, bytes: &[u8]) -> Result<(), AppError> {
    if bytes.is_empty() {
        return Err(AppError::field(field, "error.document.file_missing"));
    }
    if bytes.len() > MAX_PDF_BYTES {
        return Err(AppError::field(field, "error.document.too_large"));
    }
    if !looks_like_pdf(bytes) {
        return Err(AppError::field(field, "error.document.not_pdf"));
    }
    Ok(())
}

/// The name a file is offered under: its base name, without path or control characters.
pub fn safe_file_name(name: &str) -> String {
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

/// Writes `bytes` as `dir/name`: first to a hidden temporary file, then renamed, so the
/// file either is complete or is not there. Returns its path.
pub async fn store(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, AppError> {
    tokio::fs::create_dir_all(dir)
        .await
        .map_err(|e| AppError::Internal(format!("files dir: {e}")))?;
    let path = dir.join(name);
    let tmp = dir.join(format!(".{name}.part"));
    tokio::fs::write(&tmp, bytes)
        .await
        .map_err(|e| AppError::Internal(format!("write upload: {e}")))?;
    tokio::fs::rename(&tmp, &path)
        .await
        .map_err(|e| AppError::Internal(format!("store upload: {e}")))?;
    Ok(path)
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
