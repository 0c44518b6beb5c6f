//! Routes of permit procedures that are not pages: filing an objection (a plain multipart
//! form with PDF attachments, with and without JavaScript), the register's exports for the
//! authority and, anonymized, for the applicant, and the objections' attachments (staff).
use crate::documents::send_pdf;
use crate::routes::{back_with, failure, staff_of, table_response};
use app::domain::{FieldErrors, FormReply};
use app::permits::rules::ObjectionForm;
use app::permits::service::{exports, objections, read};
use app::platform::{AppError, AppState};
use app::request::{RequestTenant, lang_in};
use axum::Extension;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};

/// The fields of the objection form and its files; if the body breaks off (too large),
/// the fields read before the break are kept, with the error.
async fn read_objection(
    mut multipart: Multipart,
) -> (ObjectionForm, Vec<objections::Upload>, Option<AppError>) {
    let broken = |e: axum::extract::multipart::MultipartError| {
        AppError::field(
            "attachments",
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                "error.permit.files_too_large"
            } else {
                "error.document.file_missing"
            },
        )
    };
    let mut form = ObjectionForm::default();
    let mut files = Vec::new();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => return (form, files, None),
            Err(e) => return (form, files, Some(broken(e))),
        };
        let name = field.name().unwrap_or("").to_string();
        if name == "attachments" {
            let file_name = field.file_name().unwrap_or("").to_string();
            let bytes = match field.bytes().await {
                Ok(b) => b.to_vec(),
                Err(e) => return (form, files, Some(broken(e))),
            };
            // A browser sends an empty part when no file was chosen.
            if !(file_name.is_empty() && bytes.is_empty()) {
                files.push(objections::Upload { file_name, bytes });
            }
            continue;
        }
        let value = match field.text().await {
            Ok(v) => v,
            Err(e) => return (form, files, Some(broken(e))),
        };
        match name.as_str() {
            "name" => form.name = value,
            "address" => form.address = value,
            "email" => form.email = value,
            "text" => form.text = value,
            "no_third_parties" => form.no_third_parties = value,
            _ => {}
        }
    }
}

/// `POST /genehmigungen/{id}/einwendungen` (multipart): files an objection and opens its
/// receipt; a problem goes back to the form with the input kept.
pub async fn file_objection(
    State(state): State<AppState>,
    Extension(tenant): Extension<RequestTenant>,
    Extension(client): Extension<app::request::ClientIp>,
    headers: HeaderMap,
    Path(id): Path<String>,
    multipart: Multipart,
) -> Response {
    let lang = lang_in(&headers);
    let (form, files, broken) = read_objection(multipart).await;
    let result = match broken {
        None => {
            objections::file_online(&state, &tenant.0, &client.0, &id, &form, files, lang).await
        }
        Some(e) => Err(e),
    };
    let back = format!("/genehmigungen/{}#einwendung", id.trim());
    let reply = match result {
        Ok(receipt) => {
            return back_with(
                &state,
                &receipt,
                "objection",
                FormReply::notice("notice.permit.objection_filed"),
                Vec::new(),
            )
            .await;
        }
        Err(AppError::Invalid(errors)) => FormReply::invalid(errors),
        Err(AppError::RateLimited) => {
            FormReply::invalid(FieldErrors::one("", "error.rate_limited"))
        }
        Err(e) => return failure(e, &headers, "objection"),
    };
    let values = vec![
        ("name".into(), form.name),
        ("address".into(), form.address),
        ("email".into(), form.email),
        ("text".into(), form.text),
        ("no_third_parties".into(), form.no_third_parties),
    ];
    back_with(&state, &back, "objection", reply, values).await
}

async fn register_export(
    state: AppState,
    tenant: RequestTenant,
    headers: HeaderMap,
    id: String,
    anonymized: bool,
    xlsx: bool,
) -> Response {
    let result = async {
        let staff = staff_of(&state, &tenant, &headers).await?;
        exports::register_table(&state, &tenant.0, &staff, &id, anonymized).await
    }
    .await;
    match result {
        Ok(table) => table_response(&table, xlsx, &headers, "no-store"),
        Err(e) => failure(e, &headers, "objection export"),
    }
}

macro_rules! export_route {
    ($name:ident, $anonymized:expr, $xlsx:expr, $doc:literal) => {
        #[doc = $doc]
        pub async fn $name(
            State(state): State<AppState>,
            Extension(tenant): Extension<RequestTenant>,
            headers: HeaderMap,
            Path(id): Path<String>,
        ) -> Response {
            register_export(state, tenant, headers, id, $anonymized, $xlsx).await
        }
    };
}

export_route!(
    register_csv,
    false,
    false,
    "`GET /verwaltung/genehmigungen/{id}/einwendungen.csv`"
);
export_route!(
    register_xlsx,
    false,
    true,
    "`GET /verwaltung/genehmigungen/{id}/einwendungen.xlsx`"
);
export_route!(
    anonymized_csv,
    true,
    false,
    "`GET /verwaltung/genehmigungen/{id}/einwendungen-anonymisiert.csv` (for the applicant)"
);
export_route!(
    anonymized_xlsx,
    true,
    true,
    "`GET /verwaltung/genehmigungen/{id}/einwendungen-anonymisiert.xlsx` (for the applicant)"
);

/// `GET /verwaltung/genehmigungen/anlagen/{file}.pdf`: an objection's attachment, for the
/// staff who run its procedure.
pub async fn attachment(
    State(state): State<AppState>,
    Extension(tenant): Extension<RequestTenant>,
    headers: HeaderMap,
    Path(file): Path<String>,
) -> Response {
    let result = async {
        let staff = staff_of(&state, &tenant, &headers).await?;
        read::attachment(&state, &tenant.0, &staff, &file).await
    }
    .await;
    match result {
        Ok((path, name)) => send_pdf(&headers, &path, &name).await,
        Err(AppError::Unauthenticated) => Redirect::to("/anmelden").into_response(),
        Err(e) => failure(e, &headers, "objection attachment"),
    }
}
