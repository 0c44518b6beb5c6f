//! Routes of petitions that are not pages: attachments (upload by the petitioner as a
//! plain multipart form, download for whoever may see the petition), paper batches with
//! their scans (staff), the signature list as CSV and XLSX (staff), and the public count
//! per day as CSV and as an SVG chart drawn on the server.
use crate::documents::send_pdf;
use crate::routes::{back_with, failure, session_user, staff_of, table_response};
use app::domain::{FieldErrors, FormReply};
use app::petitions::service::{read, staff, write};
use app::platform::spreadsheet::{self, Table};
use app::platform::{AppError, AppState};
use app::request::RequestTenant;
use axum::Extension;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use std::collections::HashMap;

/// The text fields of a multipart form and its one file (name, bytes).
struct Posted {
    fields: HashMap<String, String>,
    file: Option<(String, Vec<u8>)>,
}

impl Posted {
    fn field(&self, name: &str) -> String {
        self.fields.get(name).cloned().unwrap_or_default()
    }
}

/// Reads a multipart body whose file field is `file_field`; a body too large becomes the
/// file field's error.
async fn read_posted(mut multipart: Multipart, file_field: &str) -> Result<Posted, AppError> {
    let mut posted = Posted {
        fields: HashMap::new(),
        file: None,
    };
    let field_name = file_field.to_string();
    let broken = move |e: axum::extract::multipart::MultipartError| {
        AppError::field(
            &field_name,
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                "error.document.too_large"
            } else {
                "error.document.file_missing"
            },
        )
    };
    while let Some(field) = multipart.next_field().await.map_err(broken.clone())? {
        let name = field.name().unwrap_or("").to_string();
        if name == file_field {
            let file_name = field.file_name().unwrap_or("").to_string();
            let bytes = field.bytes().await.map_err(broken.clone())?.to_vec();
            posted.file = Some((file_name, bytes));
        } else if posted.fields.len() < 16 {
            let text = field.text().await.map_err(broken.clone())?;
            posted.fields.insert(name, text);
        }
    }
    Ok(posted)
}

/// The reply of a form from a service's result; other errors are answered as a page.
fn reply_of(result: Result<(), AppError>, notice: &'static str) -> Result<FormReply, AppError> {
    match result {
        Ok(()) => Ok(FormReply::notice(notice)),
        Err(AppError::Invalid(errors)) => Ok(FormReply::invalid(errors)),
        Err(AppError::RateLimited) => Ok(FormReply::invalid(FieldErrors::one(
            "",
            "error.rate_limited",
        ))),
        Err(e) => Err(e),
    }
}

/// `POST /petitionen/{id}/anhaenge` (multipart): the petitioner attaches a PDF to a
/// petition that may still be changed.
pub async fn upload_attachment(
    State(state): State<AppState>,
    Extension(tenant): Extension<RequestTenant>,
    headers: HeaderMap,
    Path(id): Path<String>,
    multipart: Multipart,
) -> Response {
    let me = match session_user(&state, &tenant, &headers).await {
        Ok(Some(me)) => me,
        Ok(None) => return Redirect::to("/anmelden").into_response(),
        Err(e) => return failure(e, &headers, "attachment"),
    };
    let (title, result) = match read_posted(multipart, "file").await {
        Ok(posted) => {
            let (file_name, bytes) = posted.file.clone().unwrap_or_default();
            let title = posted.field("title");
            let upload = write::Attachment {
                title: title.clone(),
                file_name,
                bytes,
            };
            (
                title,
                write::attach(&state, &tenant.0, &me, &id, upload)
                    .await
                    .map(|_| ()),
            )
        }
        Err(e) => (String::new(), Err(e)),
    };
    match reply_of(result, "notice.petition.file_added") {
        Ok(reply) => {
            back_with(
                &state,
                &format!("/petitionen/{}/bearbeiten", id.trim()),
                "petition-upload",
                reply,
                vec![("title".into(), title)],
            )
            .await
        }
        Err(e) => failure(e, &headers, "attachment"),
    }
}

/// `GET /petitionen/anhaenge/{file}.pdf`: for whoever may see the petition.
pub async fn download_attachment(
    State(state): State<AppState>,
    Extension(tenant): Extension<RequestTenant>,
    headers: HeaderMap,
    Path(file): Path<String>,
) -> Response {
    let user = match session_user(&state, &tenant, &headers).await {
        Ok(u) => u,
        Err(e) => return failure(e, &headers, "attachment"),
    };
    match read::attachment(&state, &tenant.0, user.as_ref(), &file).await {
        Ok((path, name)) => send_pdf(&headers, &path, &name).await,
        Err(e) => failure(e, &headers, "attachment"),
    }
}

/// `POST /verwaltung/petitionen/{id}/papierlisten` (multipart): a counted batch of
/// paper signatures with the scan of the lists.
pub async fn upload_batch(
    State(state): State<AppState>,
    Extension(tenant): Extension<RequestTenant>,
    headers: HeaderMap,
    Path(id): Path<String>,
    multipart: Multipart,
) -> Response {
    let staff = match staff_of(&state, &tenant, &headers).await {
        Ok(s) => s,
        Err(e) => return failure(e, &headers, "paper batch"),
    };
    let (values, result) = match read_posted(multipart, "scan").await {
        Ok(posted) => {
            let scan = posted
                .file
                .clone()
                .map(|(file_name, bytes)| write::Attachment {
                    title: String::new(),
                    file_name,
                    bytes,
                });
            let (count, note) = (posted.field("count"), posted.field("note"));
            let result = staff::add_batch(&state, &tenant.0, &staff, &id, &count, &note, scan)
                .await
                .map(|_| ());
            (vec![("count".into(), count), ("note".into(), note)], result)
        }
        Err(e) => (Vec::new(), Err(e)),
    };
    match reply_of(result, "notice.paper.batch_added") {
        Ok(reply) => {
            back_with(
                &state,
                &format!("/verwaltung/petitionen/{}", id.trim()),
                "paper-batch",
                reply,
                values,
            )
            .await
        }
        Err(e) => failure(e, &headers, "paper batch"),
    }
}

/// `GET /verwaltung/petitionen/scans/{batch}.pdf`: the scan of a paper batch (staff).
pub async fn download_scan(
    State(state): State<AppState>,
    Extension(tenant): Extension<RequestTenant>,
    headers: HeaderMap,
    Path(batch): Path<String>,
) -> Response {
    let result = async {
        let staff = staff_of(&state, &tenant, &headers).await?;
        staff::scan(&state, &tenant.0, &staff, batch.trim_end_matches(".pdf")).await
    }
    .await;
    match result {
        Ok(path) => send_pdf(&headers, &path, "unterschriftenlisten.pdf").await,
        Err(e) => failure(e, &headers, "scan"),
    }
}

/// `GET /verwaltung/petitionen/{id}/unterschriften.{csv,xlsx}`: the signature list for
/// the committee (the addressee's staff only).
pub async fn signatures_export(
    State(state): State<AppState>,
    Extension(tenant): Extension<RequestTenant>,
    headers: HeaderMap,
    Path(file): Path<String>,
    xlsx: bool,
) -> Response {
    let result = async {
        let staff = staff_of(&state, &tenant, &headers).await?;
        let h = app::petitions::service::handled(&state.db, &tenant.0, &staff, &file).await?;
        staff::signatures_table(&state, &h, app::request::lang_in(&headers)).await
    }
    .await;
    match result {
        Ok(table) => table_response(&table, xlsx, &headers, "no-store"),
        Err(e) => failure(e, &headers, "signature export"),
    }
}

pub async fn signatures_csv(
    state: State<AppState>,
    tenant: Extension<RequestTenant>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    signatures_export(state, tenant, headers, Path(id), false).await
}

pub async fn signatures_xlsx(
    state: State<AppState>,
    tenant: Extension<RequestTenant>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    signatures_export(state, tenant, headers, Path(id), true).await
}

async fn days(
    state: &AppState,
    tenant: &RequestTenant,
    headers: &HeaderMap,
    id: &str,
) -> Result<
    (
        app::platform::entities::petition::Model,
        Vec<(NaiveDate, i64)>,
    ),
    AppError,
> {
    let user = session_user(state, tenant, headers).await?;
    read::per_day(state, &tenant.0, user.as_ref(), id).await
}

/// `GET /petitionen/{id}/verlauf.csv`: the signatures per day (public).
pub async fn per_day_csv(
    State(state): State<AppState>,
    Extension(tenant): Extension<RequestTenant>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let lang = app::request::lang_in(&headers);
    match days(&state, &tenant, &headers, &id).await {
        Ok((p, days)) => {
            let table = Table {
                name: format!("unterschriften-pro-tag-{}", spreadsheet::slug(&p.title)),
                headers: vec![
                    lang.t("signature.column.day").to_string(),
                    lang.t("signature.column.count").to_string(),
                ],
                rows: days
                    .into_iter()
                    .map(|(d, n)| vec![d.format("%d.%m.%Y").to_string(), n.to_string()])
                    .collect(),
                wide_columns: Vec::new(),
            };
            table_response(&table, false, &headers, "public, max-age=60")
        }
        Err(e) => failure(e, &headers, "per-day export"),
    }
}

/// `GET /petitionen/{id}/verlauf.svg`: the signatures per day as a bar chart.
pub async fn per_day_svg(
    State(state): State<AppState>,
    Extension(tenant): Extension<RequestTenant>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let lang = app::request::lang_in(&headers);
    match days(&state, &tenant, &headers, &id).await {
        Ok((_, days)) => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("image/svg+xml"),
                ),
                (
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("public, max-age=60"),
                ),
            ],
            chart(
                &days,
                lang.t("petition.per_day.alt"),
                lang.t("petition.per_day.empty"),
            ),
        )
            .into_response(),
        Err(e) => failure(e, &headers, "per-day chart"),
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A bar per day, scaled to the busiest day, with the largest count and the first and
/// last day as labels. Colours meet WCAG contrast on white.
pub fn chart(days: &[(NaiveDate, i64)], title: &str, empty: &str) -> String {
    const W: f64 = 640.0;
    const H: f64 = 200.0;
    const LEFT: f64 = 48.0;
    const BOTTOM: f64 = 24.0;
    const TOP: f64 = 12.0;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {H}\" width=\"{W}\" height=\"{H}\" role=\"img\" font-family=\"sans-serif\" font-size=\"12\"><title>{}</title>",
        escape(title)
    );
    let max = days.iter().map(|(_, n)| *n).max().unwrap_or(0);
    if days.is_empty() || max == 0 {
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#333\">{}</text></svg>",
            W / 2.0,
            H / 2.0,
            escape(empty)
        ));
        return svg;
    }
    let plot_w = W - LEFT - 8.0;
    let plot_h = H - BOTTOM - TOP;
    let step = plot_w / days.len() as f64;
    let bar = (step * 0.8).max(1.0);
    svg.push_str(&format!(
        "<line x1=\"{LEFT}\" y1=\"{y}\" x2=\"{x2}\" y2=\"{y}\" stroke=\"#555\"/>",
        y = TOP + plot_h,
        x2 = W - 8.0
    ));
    svg.push_str(&format!(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#333\">{max}</text>",
        LEFT - 6.0,
        TOP + 10.0
    ));
    for (i, (day, n)) in days.iter().enumerate() {
        let h = plot_h * (*n as f64) / (max as f64);
        let x = LEFT + step * i as f64 + (step - bar) / 2.0;
        svg.push_str(&format!(
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{bar:.1}\" height=\"{h:.1}\" fill=\"#0b5394\"><title>{}: {n}</title></rect>",
            TOP + plot_h - h,
            day.format("%d.%m.%Y")
        ));
    }
    let first = days[0].0.format("%d.%m.").to_string();
    let last = days[days.len() - 1].0.format("%d.%m.").to_string();
    svg.push_str(&format!(
        "<text x=\"{LEFT}\" y=\"{}\" fill=\"#333\">{first}</text>",
        H - 6.0
    ));
    if days.len() > 1 {
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#333\">{last}</text>",
            W - 8.0,
            H - 6.0
        ));
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chart_scales_to_the_busiest_day_and_escapes_its_title() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let svg = chart(
            &[(d("2026-03-01"), 10), (d("2026-03-02"), 5)],
            "A <b>",
            "none",
        );
        assert!(svg.contains("<title>A &lt;b&gt;</title>"));
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(svg.contains("height=\"164.0\""), "{svg}");
        assert!(svg.contains("height=\"82.0\""), "{svg}");
        assert!(svg.contains(">01.03.<") && svg.contains(">02.03.<"));
        assert!(chart(&[], "t", "Noch keine").contains("Noch keine"));
    }
}
