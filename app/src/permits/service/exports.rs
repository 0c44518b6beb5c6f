//! The objection register as a table (CSV, XLSX) for the authority, and the same without
//! any personal datum for the applicant (§10 BImSchG: the applicant learns the objections,
//! not who raised them).
use super::read::{entries, groups, topics};
use super::{of_procedure, reference};
use crate::domain::berlin;
use crate::i18n::Lang;
use crate::permits::rules::redact;
use crate::platform::entities::tenant;
use crate::platform::permissions::Staff;
use crate::platform::spreadsheet::{Table, slug};
use crate::platform::{AppError, AppState};
use crate::procedures::service::{managed, parse_id};
use std::collections::HashMap;

/// The register of procedure `id`; `anonymized` leaves out names, addresses, e-mail
/// addresses and representatives, and redacts them from the texts.
pub async fn register_table(
    state: &AppState,
    tenant: &tenant::Model,
    staff: &Staff,
    id: &str,
    anonymized: bool,
) -> Result<Table, AppError> {
    let db = &state.db;
    let m = managed(db, tenant, staff, parse_id(id)?).await?;
    let p = of_procedure(db, m.procedure).await?.procedure;
    let all = entries(db, p.id).await?;
    let group_of = groups(&all);
    let topics = topics(db, p.id).await?;
    let topic_of: HashMap<_, _> = topics
        .iter()
        .map(|t| (t.id, (t.name.clone(), t.response.clone())))
        .collect();
    let lang = Lang::De;
    let mut headers: Vec<String> = ["Aktenzeichen", "Eingang", "Kanal", "Verspätet"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    if !anonymized {
        headers.extend(
            ["Name", "Anschrift", "E-Mail", "Vertreter (§ 17 VwVfG)"]
                .iter()
                .map(|s| s.to_string()),
        );
    }
    headers.extend(
        [
            "Unterzeichnende",
            "Gruppe gleichlautender Einwendungen",
            "Thema",
            "Einwendung",
            "Anlagen",
            "Erwiderung zum Thema",
            "SHA-256",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    let rows = all
        .iter()
        .map(|e| {
            let (c, o) = (&e.comment, &e.objection);
            let mut row = vec![
                reference(c.number),
                berlin::format(o.received_at, lang),
                lang.t(o.channel.label_key()).to_string(),
                if o.late { "ja".into() } else { "nein".into() },
            ];
            if !anonymized {
                row.extend([
                    c.author_name.clone(),
                    o.postal_address.clone(),
                    c.author_email.clone().unwrap_or_default(),
                    o.representative.clone(),
                ]);
            }
            let topic = o
                .topic_id
                .and_then(|t| topic_of.get(&t).cloned())
                .unwrap_or_default();
            let text = if anonymized {
                redact(&c.body, &c.author_name, &o.postal_address)
            } else {
                c.body.clone()
            };
            let files = if anonymized {
                format!("{}", e.files.len())
            } else {
                e.files
                    .iter()
                    .map(|f| f.file_name.clone())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            row.extend([
                o.signers.to_string(),
                group_of
                    .get(&o.group_key)
                    .map(|g| g.to_string())
                    .unwrap_or_default(),
                topic.0,
                text,
                files,
                topic.1,
                o.content_hash.clone(),
            ]);
            row
        })
        .collect();
    let width = headers.len() as u16;
    Ok(Table {
        name: format!(
            "{}-{}",
            if anonymized {
                "einwendungen-anonymisiert"
            } else {
                "einwendungen"
            },
            slug(&p.title)
        ),
        headers,
        rows,
        wide_columns: vec![(width - 4, 80.0), (width - 2, 60.0)],
    })
}
