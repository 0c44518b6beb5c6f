//! Tables for spreadsheets: CSV as German spreadsheets open it, and XLSX. Every cell is
//! text: cells a spreadsheet would run as formulas are defused.
use super::AppError;

pub struct Table {
    /// The file name without extension, e.g. `beitraege-bebauungsplan-12`.
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Columns of long text and their width in the XLSX file.
    pub wide_columns: Vec<(u16, f64)>,
}

/// A file name from a title: `Bebauungsplan Nr. 12 „Am Elbufer“` → `bebauungsplan-nr-12-am-elbufer`.
pub fn slug(title: &str) -> String {
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
    for (col, width) in &table.wide_columns {
        sheet.set_column_width(*col, *width).map_err(fail)?;
    }
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
            wide_columns: vec![],
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
            wide_columns: vec![(0, 60.0)],
        };
        assert!(to_xlsx(&t).unwrap().starts_with(b"PK"));
    }
}
