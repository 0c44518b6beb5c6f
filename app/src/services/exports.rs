//! The comments of a procedure as a table for its staff (CSV and XLSX): number, section,
//! status, supports, answer, and the author's data. Only staff who run the procedure get
//! it; cells that a spreadsheet would take for a formula are defused.
use super::entities::{section, tenant};
use super::permissions::Staff;
use super::{AppError, AppState, audit, comments, procedures};
use crate::domain::berlin;
use crate::i18n::Lang;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

pub struct Table {
    /// The file name without extension, e.g. `beitraege-bebauungsplan-12`.
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

const HEADERS: [&str; 14] = [
    "export.number",
    "export.received",
    "export.section",
    "export.reply_to",
    "export.status",
    "export.supports",
    "export.reports",
    "export.text",
    "export.answer",
    "export.answered",
    "export.name",
    "export.email",
    "export.account",
    "export.edited",
];

pub async fn comments_table(
    state: &AppState,
    tenant: &tenant::Model,
    staff: &Staff,
    procedure_id: &str,
    lang: Lang,
) -> Result<Table, AppError> {
    let p = procedures::find(&state.db, tenant.id, procedures::parse_id(procedure_id)?).await?;
    if !staff.runs(p.organization_id) {
        return Err(AppError::Forbidden);
    }
    let rows = comments::all_of(&state.db, p.id).await?;
    let sections = section::Entity::find()
        .filter(section::Column::ProcedureId.eq(p.id))
        .all(&state.db)
        .await?;
    let date = |t: Option<chrono::DateTime<chrono::Utc>>| {
        t.map(|t| berlin::format(t, lang)).unwrap_or_default()
    };
    let table_rows = rows
        .iter()
        .filter(|c| c.status() != crate::domain::CommentStatus::Unconfirmed)
        .map(|c| {
            vec![
                c.number.to_string(),
                date(Some(c.created_at)),
                c.section_id
                    .and_then(|sid| sections.iter().find(|s| s.id == sid))
                    .map(|s| format!("{} {}", s.number, s.heading))
                    .unwrap_or_default(),
                c.parent_id
                    .and_then(|pid| rows.iter().find(|r| r.id == pid))
                    .map(|r| r.number.to_string())
                    .unwrap_or_default(),
                lang.t(c.status().label_key()).to_string(),
                c.support_count.to_string(),
                c.report_count.to_string(),
                c.body.clone(),
                c.answer.clone().unwrap_or_default(),
                date(c.answered_at),
                c.author_name.clone(),
                c.author_email.clone().unwrap_or_default(),
                lang.t(if c.author_user_id.is_some() {
                    "export.yes"
                } else {
                    "export.no"
                })
                .to_string(),
                date(c.edited_at),
            ]
        })
        .collect();
    audit::record(
        &state.db,
        state.now(),
        tenant.id,
        Some(staff.0.user.id),
        "comments.exported",
        &p.id.to_string(),
        "",
    )
    .await?;
    Ok(Table {
        name: format!("beitraege-{}", slug(&p.title)),
        headers: HEADERS.iter().map(|h| lang.t(h).to_string()).collect(),
        rows: table_rows,
    })
}

/// `Bebauungsplan Nr. 12 „Am Elbufer“` → `bebauungsplan-nr-12-am-elbufer`.
fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.to_lowercase().chars() {
        let mapped = match c {
            'ä' => "ae".to_string(),
            'ö' => "oe".to_string(),
            'ü' => "ue".to_string(),
            'ß' => "ss".to_string(),
            c if c.is_ascii_alphanumeric() => c.to_string(),
            _ => "-".to_string(),
        };
        out.push_str(&mapped);
    }
    let parts: Vec<&str> = out.split('-').filter(|p| !p.is_empty()).collect();
    let joined = parts.join("-");
    joined
        .chars()
        .take(60)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string()
}

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return
/// at the start) gets a leading apostrophe, so it is shown as the text it is.
fn defuse(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// CSV as German spreadsheets open it: UTF-8 with byte order mark, `;` between cells,
/// every cell quoted.
pub fn to_csv(table: &Table) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    for row in std::iter::once(&table.headers).chain(&table.rows) {
        let line: Vec<String> = row
            .iter()
            .map(|c| format!("\"{}\"", defuse(c).replace('"', "\"\"")))
            .collect();
        out.push_str(&line.join(";"));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

pub fn to_xlsx(table: &Table) -> Result<Vec<u8>, AppError> {
    use rust_xlsxwriter::{Format, Workbook};
    let fail = |e: rust_xlsxwriter::XlsxError| AppError::Internal(format!("xlsx: {e}"));
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    for (col, h) in table.headers.iter().enumerate() {
        sheet
            .write_string_with_format(0, col as u16, h, &bold)
            .map_err(fail)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        for (col, cell) in row.iter().enumerate() {
            // Written as strings, never as formulas, whatever they start with.
            sheet
                .write_string_with_format(r as u32 + 1, col as u16, cell, &wrap)
                .map_err(fail)?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(fail)?;
    sheet.set_column_width(7, 60).map_err(fail)?;
    sheet.set_column_width(8, 60).map_err(fail)?;
    book.save_to_buffer().map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_defuses() {
        let t = Table {
            name: "x".into(),
            headers: vec!["Nr.".into(), "Text".into()],
            rows: vec![vec!["1".into(), "=HYPERLINK(\"http://evil\")".into()]],
        };
        let csv = String::from_utf8(to_csv(&t)).unwrap();
        assert!(csv.starts_with('\u{feff}'));
        assert!(
            csv.contains("\"1\";\"'=HYPERLINK(\"\"http://evil\"\")\"\r\n"),
            "{csv}"
        );
    }

    #[test]
    fn file_names_from_titles() {
        assert_eq!(
            slug("Bebauungsplan Nr. 12 „Am Elbufer“"),
            "bebauungsplan-nr-12-am-elbufer"
        );
        assert_eq!(slug("Straßenbahn Löbtau"), "strassenbahn-loebtau");
    }

    #[test]
    fn xlsx_is_a_zip_file() {
        let t = Table {
            name: "x".into(),
            headers: vec!["Nr.".into()],
            rows: vec![vec!["1".into()]],
        };
        assert!(to_xlsx(&t).unwrap().starts_with(b"PK"));
    }
}
