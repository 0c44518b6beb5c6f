//! The public list of procedures: filters, full-text search (FTS5 on SQLite, German text
//! search on PostgreSQL), "ends soon" ordering and pages counted on the server. Three
//! queries whatever the page size: the page, its count, the topics of its procedures.
use crate::domain::Status;
use crate::domain::berlin;
use crate::domain::scope::TOPICS;
use crate::i18n::Lang;
use crate::platform::db::statement;
use crate::platform::entities::procedure_topic;
use crate::platform::entities::{organization, tenant};
use crate::platform::{AppError, AppState};
use crate::procedures::types::{ListFilter, ProcedureCard, ProcedureList};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, DbBackend, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, Value,
};
use uuid::Uuid;

pub const PAGE_SIZE: u32 = 20;

/// The words of a search, each reduced to letters and digits, so nothing typed can
/// become search syntax. At most eight.
pub fn search_words(q: &str) -> Vec<String> {
    q.split_whitespace()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .take(8)
        .collect()
}

/// Every word must match, as the beginning of a word ("Radweg" finds "Radwegebau").
fn search_condition(backend: DbBackend, words: &[String], param: usize) -> (String, Value) {
    match backend {
        DbBackend::Postgres => (
            format!("p.search @@ to_tsquery('german', ${param})"),
            words
                .iter()
                .map(|w| format!("{w}:*"))
                .collect::<Vec<_>>()
                .join(" & ")
                .into(),
        ),
        _ => (
            format!(
                "p.id IN (SELECT procedure_id FROM procedures_fts WHERE procedures_fts MATCH ${param})"
            ),
            words
                .iter()
                .map(|w| format!("\"{w}\"*"))
                .collect::<Vec<_>>()
                .join(" ")
                .into(),
        ),
    }
}

/// The stored statuses a filter value stands for.
fn statuses(filter: &str) -> Option<&'static [&'static str]> {
    match filter {
        "upcoming" => Some(&["announced"]),
        "open" => Some(&["open"]),
        "evaluation" => Some(&["evaluation"]),
        "concluded" => Some(&["concluded", "archived"]),
        _ => None,
    }
}

#[derive(FromQueryResult)]
struct Row {
    id: Uuid,
    title: String,
    summary: String,
    kind: crate::domain::ProcedureKind,
    status: Status,
    organization: String,
    next_start: Option<DateTime<Utc>>,
    next_end: Option<DateTime<Utc>>,
    comment_count: i64,
}

#[derive(FromQueryResult)]
struct Total {
    total: i64,
}

/// A filter as it came from the address bar, made safe to echo and to use.
pub fn normalize(filter: ListFilter) -> ListFilter {
    ListFilter {
        q: filter.q.chars().take(200).collect(),
        status: statuses(&filter.status)
            .map(|_| filter.status.clone())
            .unwrap_or_default(),
        organization: Uuid::parse_str(filter.organization.trim())
            .map(|u| u.to_string())
            .unwrap_or_default(),
        topic: if TOPICS.contains(&filter.topic.as_str()) {
            filter.topic
        } else {
            String::new()
        },
        order: if filter.order == "ends" {
            "ends".into()
        } else {
            String::new()
        },
        page: filter.page.max(1),
    }
}

pub async fn list(
    state: &AppState,
    tenant: &tenant::Model,
    filter: ListFilter,
    lang: Lang,
) -> Result<ProcedureList, AppError> {
    let filter = normalize(filter);
    let db = &state.db;
    let backend = db.get_database_backend();
    let now = state.now();
    let mut values: Vec<Value> = vec![tenant.id.into()];
    let mut conditions = vec![
        "p.tenant_id = $1".to_string(),
        "p.status <> 'draft'".to_string(),
        // Debates belong to their petitions' pages; permit procedures are listed with
        // consultations and link to their own pages.
        "p.kind IN ('consultation', 'permit')".to_string(),
    ];
    if let Some(list) = statuses(&filter.status) {
        let quoted: Vec<String> = list.iter().map(|s| format!("'{s}'")).collect();
        conditions.push(format!("p.status IN ({})", quoted.join(", ")));
    }
    if let Ok(org) = Uuid::parse_str(&filter.organization) {
        values.push(org.into());
        conditions.push(format!("p.organization_id = ${}", values.len()));
    }
    if !filter.topic.is_empty() {
        values.push(filter.topic.clone().into());
        conditions.push(format!(
            "EXISTS (SELECT 1 FROM procedure_topics t WHERE t.procedure_id = p.id AND t.topic = ${})",
            values.len()
        ));
    }
    let words = search_words(&filter.q);
    if !words.is_empty() {
        let (condition, value) = search_condition(backend, &words, values.len() + 1);
        values.push(value);
        conditions.push(condition);
    }
    let where_clause = conditions.join(" AND ");
    let order = if filter.order == "ends" {
        // Running phases first by their end, then coming ones, then the rest.
        "q.next_end IS NULL, q.next_end, q.published_at DESC, q.id"
    } else {
        "q.published_at DESC, q.id"
    };
    let count_sql = format!("SELECT COUNT(*) AS total FROM procedures p WHERE {where_clause}");
    let total = Total::find_by_statement(statement(backend, &count_sql, values.clone()))
        .one(db)
        .await?
        .map(|t| t.total)
        .unwrap_or(0);
    // A page past the last (any number in the address) shows the last page.
    let pages = u32::try_from(total.max(0).unsigned_abs().div_ceil(u64::from(PAGE_SIZE)))
        .unwrap_or(u32::MAX)
        .max(1);
    let page = filter.page.clamp(1, pages);
    let offset = u64::from(page - 1) * u64::from(PAGE_SIZE);
    // The list query adds the current time as its last parameter; the count needs none.
    let now_param = values.len() + 1;
    let mut list_values = values.clone();
    list_values.push(now.into());
    // Wrapped, so the order may use the computed columns (PostgreSQL allows an output
    // column's name in ORDER BY only on its own, not inside an expression).
    let sql = format!(
        "SELECT * FROM (SELECT p.id, p.title, p.summary, p.kind, p.status, p.published_at, o.name AS organization, \
           (SELECT MIN(ph.starts_at) FROM phases ph WHERE ph.procedure_id = p.id AND ph.starts_at > ${now_param}) AS next_start, \
           (SELECT MIN(ph.ends_at) FROM phases ph WHERE ph.procedure_id = p.id AND ph.ends_at > ${now_param}) AS next_end, \
           (SELECT COUNT(*) FROM comments c WHERE c.procedure_id = p.id AND c.status = 'published') AS comment_count \
         FROM procedures p JOIN organizations o ON o.id = p.organization_id \
         WHERE {where_clause}) q ORDER BY {order} LIMIT {PAGE_SIZE} OFFSET {offset}"
    );
    let rows = Row::find_by_statement(statement(backend, &sql, list_values))
        .all(db)
        .await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let topics = procedure_topic::Entity::find()
        .filter(procedure_topic::Column::ProcedureId.is_in(ids))
        .order_by_asc(procedure_topic::Column::Topic)
        .all(db)
        .await?;
    let organizations = organization::Entity::find()
        .filter(organization::Column::TenantId.eq(tenant.id))
        .order_by_asc(organization::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id.to_string(), o.name))
        .collect();
    let items = rows
        .into_iter()
        .map(|r| {
            let status = r.status;
            let permit = r.kind == crate::domain::ProcedureKind::Permit;
            let phase = match (status, r.next_start, r.next_end) {
                (Status::Open, _, Some(end)) => Some(lang.tf(
                    if permit {
                        "procedure.card.objections_until"
                    } else {
                        "procedure.card.until"
                    },
                    &[("date", &berlin::format_end(end, lang))],
                )),
                (_, Some(start), _) => Some(lang.tf(
                    if permit {
                        "procedure.card.display_from"
                    } else {
                        "procedure.card.from"
                    },
                    &[("date", &berlin::format(start, lang))],
                )),
                _ => None,
            };
            ProcedureCard {
                path: match r.kind {
                    crate::domain::ProcedureKind::Permit => format!("/genehmigungen/{}", r.id),
                    _ => format!("/verfahren/{}", r.id),
                },
                id: r.id.to_string(),
                title: r.title,
                summary: r.summary,
                organization: r.organization,
                status,
                topics: topics
                    .iter()
                    .filter(|t| t.procedure_id == r.id)
                    .map(|t| format!("topic.{}", t.topic))
                    .collect(),
                phase,
                comment_count: r.comment_count,
            }
        })
        .collect();
    Ok(ProcedureList {
        items,
        total,
        page,
        pages,
        filter: ListFilter { page, ..filter },
        organizations,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_words_cannot_become_syntax() {
        assert_eq!(
            search_words("Radweg \"OR\" * NEAR( ') ; DROP"),
            vec!["Radweg", "OR", "NEAR", "DROP"]
        );
        assert_eq!(search_words("Straße-Öffnung"), vec!["StraßeÖffnung"]);
        assert!(search_words(" \"* ").is_empty());
    }

    #[test]
    fn unknown_filters_are_dropped() {
        let f = normalize(ListFilter {
            q: "x".repeat(300),
            status: "secret".into(),
            organization: "<script>".into(),
            topic: "nonsense".into(),
            order: "random".into(),
            page: 0,
        });
        assert_eq!(f.q.len(), 200);
        assert_eq!(
            (
                f.status.as_str(),
                f.organization.as_str(),
                f.topic.as_str(),
                f.order.as_str(),
                f.page
            ),
            ("", "", "", "", 1)
        );
    }
}
