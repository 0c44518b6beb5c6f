//! The comments of a procedure as a table for its staff (CSV and XLSX): number, section,
//! status, supports, answer, and the author's data. Only staff who run the procedure
//! get it (`Managed`); the export is written to the audit log.
use super::staff::{all_of, section_labels};
use crate::contributions::service::author_name;
use crate::domain::{CommentStatus, berlin};
use crate::i18n::Lang;
use crate::platform::audit;
use crate::platform::spreadsheet::{Table, slug};
use crate::platform::{AppError, AppState};
use crate::procedures::service::Managed;

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

pub async fn comments_table(state: &AppState, m: &Managed, lang: Lang) -> Result<Table, AppError> {
    let p = &m.procedure;
    let rows = all_of(&state.db, p.id).await?;
    let sections = section_labels(&state.db, p.id).await?;
    let date = |t: Option<chrono::DateTime<chrono::Utc>>| {
        t.map(|t| berlin::format(t, lang)).unwrap_or_default()
    };
    let table_rows = rows
        .iter()
        .filter(|c| c.status != CommentStatus::Unconfirmed)
        .map(|c| {
            vec![
                c.number.to_string(),
                date(Some(c.created_at)),
                c.section_id
                    .and_then(|sid| sections.iter().find(|(id, _)| *id == sid))
                    .map(|(_, label)| label.clone())
                    .unwrap_or_default(),
                c.parent_id
                    .and_then(|pid| rows.iter().find(|r| r.id == pid))
                    .map(|r| r.number.to_string())
                    .unwrap_or_default(),
                lang.t(c.status.label_key()).to_string(),
                c.support_count.to_string(),
                c.report_count.to_string(),
                c.body.clone(),
                c.answer.clone().unwrap_or_default(),
                date(c.answered_at),
                author_name(c, lang),
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
    audit::record(&state.db, state.now(), m.audit("comments.exported")).await?;
    Ok(Table {
        name: format!("beitraege-{}", slug(&p.title)),
        headers: HEADERS.iter().map(|h| lang.t(h).to_string()).collect(),
        rows: table_rows,
        // The comment and the answer.
        wide_columns: vec![(7, 60.0), (8, 60.0)],
    })
}
