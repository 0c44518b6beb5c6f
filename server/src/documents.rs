//! Routes for files: PDF downloads (public, or for staff while a draft), PDF uploads
//! (a plain multipart form, with and without JavaScript), and the comment exports.
use crate::routes::{back_with, failure, session_user, table_response};
use app::consultations::service::exports;
use app::domain::{FieldErrors, FormReply};
use app::platform::permissions::Staff;
use app::platform::{AppError, AppState};
use app::procedures::service::files::{self, Upload};
use app::procedures::service::{self as procedures, Managed};
use app::request::RequestTenant;
use axum::Extension;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// `attachment; filename="Plan.pdf"; filename*=UTF-8''Plan%20%C3%BC.pdf`.
pub(crate) fn disposition(file_name: &str) -> HeaderValue {
    let ascii: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_ ".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded = app::components::pagination::urlencode(file_name).replace('+', "%20");
    HeaderValue::from_str(&format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("attachment"))
}

/// The procedure `id` names, for the staff member of this request's session who runs it
/// (`change`: and may change it, it is not archived).
async fn managed(
    state: &AppState,
    tenant: &RequestTenant,
    headers: &HeaderMap,
    id: &str,
    change: bool,
) -> Result<Managed, AppError> {
    let staff = Staff::require(session_user(state, tenant, headers).await?)?;
    let id = procedures::parse_id(id)?;
    if change {
        procedures::access::changeable(&state.db, &tenant.0, &staff, id).await
    } else {
        procedures::managed(&state.db, &tenant.0, &staff, id).await
    }
}

/// `GET /dokumente/{id}.pdf`.
pub async fn download(
    State(state): State<AppState>,
    Extension(tenant): Extension<RequestTenant>,
    headers: HeaderMap,
    Path(file): Path<String>,
) -> Response {
    let user = match session_user(&state, &tenant, &headers).await {
        Ok(u) => u,
        Err(e) => return failure(e, &headers, "download"),
    };
    let found = match files::download(&state, &tenant.0, user.as_ref(), &file).await {
        Ok(f) => f,
        Err(e) => return failure(e, &headers, "download"),
    };
    send_pdf(&headers, &found.path, &found.file_name).await
}

/// A stored PDF as a download, streamed from the disk in small chunks: a 20 MB file is
/// never held in memory whole, however many people fetch it at once.
pub async fn send_pdf(headers: &HeaderMap, path: &std::path::Path, name: &str) -> Response {
    match tokio::fs::File::open(path).await {
        Ok(file) => {
            let length = file.metadata().await.map(|m| m.len()).ok();
            let mut res = (
                [
                    (
                        header::CONTENT_TYPE,
                        HeaderValue::from_static("application/pdf"),
                    ),
                    (header::CONTENT_DISPOSITION, disposition(name)),
                    (
                        header::CACHE_CONTROL,
                        HeaderValue::from_static("private, no-cache"),
                    ),
                ],
                axum::body::Body::from_stream(tokio_util::io::ReaderStream::new(file)),
            )
                .into_response();
            if let Some(n) = length {
                res.headers_mut().insert(header::CONTENT_LENGTH, n.into());
            }
            res
        }
        Err(e) => failure(
            AppError::Internal(format!("read {}: {e}", path.display())),
            headers,
            "pdf",
        ),
    }
}

/// The fields of one upload form (documents or results) and where its outcome goes.
struct UploadForm {
    flash: &'static str,
    title: &'static str,
    file: &'static str,
}

fn form_of(purpose: &str) -> UploadForm {
    if purpose == "results" {
        UploadForm {
            flash: "results-upload",
            title: "results_title",
            file: "results_file",
        }
    } else {
        UploadForm {
            flash: "document-upload",
            title: "upload_title",
            file: "file",
        }
    }
}

/// Reads the multipart body: purpose, title and the file (name and bytes).
async fn read_upload(mut multipart: Multipart) -> Result<Upload, AppError> {
    let mut upload = Upload {
        purpose: String::new(),
        title: String::new(),
        file_name: String::new(),
        bytes: Vec::new(),
        confidential: false,
        summary_of: None,
    };
    let broken = |e: axum::extract::multipart::MultipartError| {
        AppError::field(
            "file",
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                "error.document.too_large"
            } else {
                "error.document.file_missing"
            },
        )
    };
    while let Some(field) = multipart.next_field().await.map_err(broken)? {
        match field.name().unwrap_or("") {
            "purpose" => upload.purpose = field.text().await.map_err(broken)?,
            "confidential" => upload.confidential = !field.text().await.map_err(broken)?.is_empty(),
            "summary_of" => {
                upload.summary_of =
                    uuid::Uuid::parse_str(field.text().await.map_err(broken)?.trim()).ok()
            }
            "upload_title" | "results_title" => {
                upload.title = field.text().await.map_err(broken)?
            }
            "file" | "results_file" => {
                upload.file_name = field.file_name().unwrap_or("").to_string();
                upload.bytes = field.bytes().await.map_err(broken)?.to_vec();
            }
            _ => {}
        }
    }
    Ok(upload)
}

/// `POST /verwaltung/verfahren/{id}/dokumente` (multipart): stores a PDF and goes back
/// to the manage page with the outcome in the flash, errors next to their fields.
pub async fn upload(
    State(state): State<AppState>,
    Extension(tenant): Extension<RequestTenant>,
    headers: HeaderMap,
    Path(id): Path<String>,
    multipart: Multipart,
) -> Response {
    let m = match managed(&state, &tenant, &headers, &id, true).await {
        Ok(m) => m,
        Err(e) => return failure(e, &headers, "upload"),
    };
    let procedure_id = m.procedure.id;
    // A permit procedure's documents are managed on its own staff page.
    let back = match m.procedure.kind {
        app::domain::ProcedureKind::Permit => format!("/verwaltung/genehmigungen/{procedure_id}"),
        _ => format!("/verwaltung/verfahren/{procedure_id}"),
    };
    let (form, title, result) = match read_upload(multipart).await {
        Ok(upload) => {
            let form = form_of(&upload.purpose);
            let title = upload.title.clone();
            let result = files::upload(&state, &m, upload).await;
            (form, title, result)
        }
        Err(e) => (form_of(""), String::new(), Err(e)),
    };
    let reply = match result {
        Ok(()) => FormReply::notice("notice.document.added"),
        Err(AppError::Invalid(errors)) => {
            // The service names the fields `file` and `title`; this form calls them
            // by its own names.
            let mut renamed = FieldErrors::default();
            for (field, key) in errors.0 {
                let field = match field.as_str() {
                    "file" => form.file,
                    "title" => form.title,
                    other => other,
                };
                renamed.add(field, &key);
            }
            FormReply::invalid(renamed)
        }
        Err(e) => return failure(e, &headers, "upload"),
    };
    back_with(
        &state,
        &back,
        form.flash,
        reply,
        vec![(form.title.to_string(), title)],
    )
    .await
}

/// `GET /verwaltung/verfahren/{id}/beitraege.csv`.
pub async fn export_csv(
    State(state): State<AppState>,
    Extension(tenant): Extension<RequestTenant>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    export(state, tenant, headers, id, false).await
}

/// `GET /verwaltung/verfahren/{id}/beitraege.xlsx`.
pub async fn export_xlsx(
    State(state): State<AppState>,
    Extension(tenant): Extension<RequestTenant>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    export(state, tenant, headers, id, true).await
}

/// The comments with their authors' data, for the procedure's staff.
async fn export(
    state: AppState,
    tenant: RequestTenant,
    headers: HeaderMap,
    id: String,
    xlsx: bool,
) -> Response {
    let m = match managed(&state, &tenant, &headers, &id, false).await {
        Ok(m) => m,
        Err(e) => return failure(e, &headers, "export"),
    };
    let lang = app::request::lang_in(&headers);
    let table = match exports::comments_table(&state, &m, lang).await {
        Ok(t) => t,
        Err(e) => return failure(e, &headers, "export"),
    };
    table_response(&table, xlsx, &headers, "no-store")
}
