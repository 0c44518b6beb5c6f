//! What the pages of permit procedures show: the public page (no objector's personal data,
//! no business secret), the staff page, and the objection register (staff only).
use super::{
    Permit, date_text, dates_of, objection_window, of_procedure, reference, stage, tenant_state,
};
use crate::domain::deadlines::{
    BASIS_ANNOUNCEMENT, BASIS_DECISION, BASIS_DISPLAY, BASIS_OBJECTION,
};
use crate::domain::{CommentStatus, DocumentPurpose, Hearing, Status, berlin};
use crate::i18n::Lang;
use crate::permits::rules::{Dates, PermitForm};
use crate::permits::types::{
    AttachmentView, DateRow, DocumentView, PermitPage, Register, RegisterRow, StaffPermit,
    TopicView,
};
use crate::platform::entities::{
    comment, document, objection, objection_file, organization, permit_topic, tenant,
};
use crate::platform::permissions::Staff;
use crate::platform::sessions::CurrentUser;
use crate::platform::{AppError, AppState};
use crate::procedures::service::{self as procedures, human_size, managed, parse_id};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;
use uuid::Uuid;

fn date_rows(d: &Dates, published: bool) -> Vec<DateRow> {
    let row = |label: &str, date: chrono::NaiveDate, basis: &str| DateRow {
        label: label.into(),
        date: date_text(date),
        basis: basis.into(),
    };
    let mut rows = Vec::new();
    if !published {
        rows.push(row(
            "permit.date.announcement",
            d.computed.latest_announcement,
            BASIS_ANNOUNCEMENT,
        ));
    }
    rows.push(row(
        "permit.date.display_start",
        d.computed.display_start,
        BASIS_DISPLAY,
    ));
    rows.push(row("permit.date.display_end", d.display_end, BASIS_DISPLAY));
    rows.push(row(
        "permit.date.objection_deadline",
        d.objection_deadline,
        BASIS_OBJECTION,
    ));
    if let (Some(a), Some(end)) = (
        d.computed.decision_announced,
        d.computed.decision_display_end,
    ) {
        rows.push(row("permit.date.decision_announced", a, BASIS_DECISION));
        rows.push(row("permit.date.delivery", end, BASIS_DECISION));
    }
    rows
}

/// The documents of one purpose (the application's, or the decision's); for the public
/// without the business secrets, and how many were left out.
async fn documents(
    db: &impl ConnectionTrait,
    procedure_id: Uuid,
    purpose: DocumentPurpose,
    public: bool,
) -> Result<(Vec<DocumentView>, usize), AppError> {
    let docs = document::Entity::find()
        .filter(document::Column::ProcedureId.eq(procedure_id))
        .filter(document::Column::Purpose.eq(purpose))
        .order_by_asc(document::Column::Position)
        .all(db)
        .await?;
    let title_of: HashMap<Uuid, String> = docs.iter().map(|d| (d.id, d.title.clone())).collect();
    let withheld = docs.iter().filter(|d| d.confidential).count();
    let views = docs
        .iter()
        .filter(|d| !(public && d.confidential))
        .map(|d| DocumentView {
            id: d.id.to_string(),
            title: d.title.clone(),
            size: human_size(d.size_bytes),
            confidential: d.confidential,
            summary_of: d.summary_of.and_then(|id| title_of.get(&id).cloned()),
        })
        .collect();
    Ok((views, withheld))
}

/// The public page: the announcement, the documents on display, the dates with their
/// legal basis, the office, hearing and decision.
pub async fn page(
    state: &AppState,
    tenant: &tenant::Model,
    user: Option<&CurrentUser>,
    id: &str,
    lang: Lang,
) -> Result<PermitPage, AppError> {
    let db = &state.db;
    let p = procedures::visible(db, tenant, user, parse_id(id)?).await?;
    let Permit {
        procedure: p,
        permit,
    } = of_procedure(db, p).await?;
    let now = state.now();
    let d = dates_of(tenant_state(tenant)?, &permit);
    let window = objection_window(&d);
    let status = procedures::effective_status(db, &p, now).await?;
    let (docs, withheld) = documents(db, p.id, DocumentPurpose::Procedure, true).await?;
    let decided = status >= Status::Concluded;
    let decision_documents = if decided {
        documents(db, p.id, DocumentPurpose::Results, true).await?.0
    } else {
        Vec::new()
    };
    Ok(PermitPage {
        id: p.id.to_string(),
        title: p.title.clone(),
        summary: p.summary.clone(),
        status,
        stage: stage(status, &d, &permit, now).into(),
        organization: procedures::organization_name(db, p.organization_id).await?,
        applicant: permit.applicant.clone(),
        installation: permit.installation.clone(),
        site_address: permit.site_address.clone(),
        coordinates: p.latitude.zip(p.longitude).map(|(a, b)| {
            format!("{a:.5}, {b:.5}")
                .replace('.', ",")
                .replacen(", ", "; ", 1)
        }),
        announcement_html: p.body_html.clone(),
        office_address: permit.office_address.clone(),
        office_hours: permit.office_hours.clone(),
        contact: p.contact.clone(),
        dates: date_rows(&d, p.published_at.is_some()),
        override_reason: d.overridden.then(|| permit.override_reason.clone()),
        documents: docs,
        withheld,
        accepting: status.is_public() && !decided && window.contains(now),
        deadline: lang.tf(
            "permit.deadline_end",
            &[("date", &date_text(d.objection_deadline))],
        ),
        hearing: permit.hearing,
        hearing_reason: permit.hearing_reason.clone(),
        hearing_at: permit.hearing_at.map(|t| berlin::format(t, lang)),
        hearing_place: permit.hearing_place.clone(),
        decision_html: decided.then(|| p.results_html.clone()),
        decision_documents,
        decision_announced: permit.decision_announced.map(date_text),
        delivery_effective: permit
            .delivery_by_announcement
            .then_some(d.computed.decision_display_end)
            .flatten()
            .map(date_text),
        manages: procedures::access::runs(user, &p),
    })
}

/// The organizations `staff` may create a permit procedure for.
async fn organizations(
    db: &impl ConnectionTrait,
    tenant: &tenant::Model,
    staff: &Staff,
) -> Result<Vec<(String, String)>, AppError> {
    Ok(organization::Entity::find()
        .filter(organization::Column::TenantId.eq(tenant.id))
        .order_by_asc(organization::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .filter(|o| staff.runs(o.id))
        .map(|o| (o.id.to_string(), o.name))
        .collect())
}

/// The staff page: a new permit procedure (`id` empty) or one staff run.
pub async fn staff_page(
    state: &AppState,
    tenant: &tenant::Model,
    staff: &Staff,
    id: &str,
) -> Result<StaffPermit, AppError> {
    let db = &state.db;
    let holidays = tenant_state(tenant)?;
    if id.trim().is_empty() {
        let orgs = organizations(db, tenant, staff).await?;
        if orgs.is_empty() {
            return Err(AppError::Forbidden);
        }
        return Ok(StaffPermit {
            id: String::new(),
            status: Status::Draft,
            form: PermitForm::default(),
            organizations: orgs,
            dates: Vec::new(),
            display_end_override: String::new(),
            deadline_override: String::new(),
            override_reason: String::new(),
            documents: Vec::new(),
            decision_documents: Vec::new(),
            missing_summaries: Vec::new(),
            hearing: Hearing::Undecided,
            hearing_reason: String::new(),
            hearing_at: String::new(),
            hearing_place: String::new(),
            hearing_by: String::new(),
            decision_text: String::new(),
            decision_announced: String::new(),
            delivery_by_announcement: true,
            objections: 0,
            can_announce: false,
            can_archive: false,
        });
    }
    let m = managed(db, tenant, staff, parse_id(id)?).await?;
    let Permit {
        procedure: p,
        permit,
    } = of_procedure(db, m.procedure).await?;
    let d = dates_of(holidays, &permit);
    let status = procedures::effective_status(db, &p, state.now()).await?;
    let (docs, _) = documents(db, p.id, DocumentPurpose::Procedure, false).await?;
    let (decision_documents, _) = documents(db, p.id, DocumentPurpose::Results, false).await?;
    let objections = objection::Entity::find()
        .filter(objection::Column::ProcedureId.eq(p.id))
        .all(db)
        .await?
        .len();
    let missing = super::staff::missing_summaries(db, p.id).await?;
    let coordinate = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
    Ok(StaffPermit {
        id: p.id.to_string(),
        status,
        form: PermitForm {
            organization: p.organization_id.to_string(),
            title: p.title.clone(),
            summary: p.summary.clone(),
            applicant: permit.applicant.clone(),
            installation: permit.installation.clone(),
            site_address: permit.site_address.clone(),
            latitude: coordinate(p.latitude),
            longitude: coordinate(p.longitude),
            ied: if permit.ied {
                "on".into()
            } else {
                String::new()
            },
            uvp: if permit.uvp {
                "on".into()
            } else {
                String::new()
            },
            office_address: permit.office_address.clone(),
            office_hours: permit.office_hours.clone(),
            display_start: permit.display_start.to_string(),
            announcement: p.body_markdown.clone(),
            contact: p.contact.clone(),
        },
        organizations: Vec::new(),
        dates: date_rows(&d, false),
        display_end_override: permit
            .display_end_override
            .map(|d| d.to_string())
            .unwrap_or_default(),
        deadline_override: permit
            .objection_deadline_override
            .map(|d| d.to_string())
            .unwrap_or_default(),
        override_reason: permit.override_reason.clone(),
        documents: docs,
        decision_documents,
        can_announce: status == Status::Draft && missing.is_empty(),
        missing_summaries: missing,
        hearing: permit.hearing,
        hearing_reason: permit.hearing_reason.clone(),
        hearing_at: permit
            .hearing_at
            .map(berlin::input_value)
            .unwrap_or_default(),
        hearing_place: permit.hearing_place.clone(),
        hearing_by: date_text(d.objection_deadline + chrono::Duration::weeks(4)),
        decision_text: permit.decision_text.clone(),
        decision_announced: permit
            .decision_announced
            .map(|d| d.to_string())
            .unwrap_or_default(),
        delivery_by_announcement: permit.delivery_by_announcement
            || permit.decision_announced.is_none(),
        objections,
        can_archive: status == Status::Concluded,
    })
}

/// One objection with everything the register and the exports show.
pub struct Entry {
    pub comment: comment::Model,
    pub objection: objection::Model,
    pub files: Vec<objection_file::Model>,
}

/// The objections of a procedure in the order they were numbered.
pub async fn entries(
    db: &impl ConnectionTrait,
    procedure_id: Uuid,
) -> Result<Vec<Entry>, AppError> {
    let comments = comment::Entity::find()
        .filter(comment::Column::ProcedureId.eq(procedure_id))
        .filter(comment::Column::Status.eq(CommentStatus::Filed))
        .order_by_asc(comment::Column::Number)
        .all(db)
        .await?;
    let mut objections: HashMap<Uuid, objection::Model> = objection::Entity::find()
        .filter(objection::Column::ProcedureId.eq(procedure_id))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.comment_id, o))
        .collect();
    let ids: Vec<Uuid> = comments.iter().map(|c| c.id).collect();
    let mut files: HashMap<Uuid, Vec<objection_file::Model>> = HashMap::new();
    for chunk in ids.chunks(500) {
        for f in objection_file::Entity::find()
            .filter(objection_file::Column::CommentId.is_in(chunk.to_vec()))
            .all(db)
            .await?
        {
            files.entry(f.comment_id).or_default().push(f);
        }
    }
    Ok(comments
        .into_iter()
        .filter_map(|c| {
            let o = objections.remove(&c.id)?;
            let f = files.remove(&c.id).unwrap_or_default();
            Some(Entry {
                comment: c,
                objection: o,
                files: f,
            })
        })
        .collect())
}

/// Groups of identical objections: group key → group number (1, 2, …), for keys shared by
/// two or more objections.
pub fn groups(entries: &[Entry]) -> HashMap<String, usize> {
    let mut count: HashMap<&str, usize> = HashMap::new();
    for e in entries {
        *count.entry(&e.objection.group_key).or_default() += 1;
    }
    let mut numbers = HashMap::new();
    for e in entries {
        if count[e.objection.group_key.as_str()] > 1
            && !numbers.contains_key(&e.objection.group_key)
        {
            let n = numbers.len() + 1;
            numbers.insert(e.objection.group_key.clone(), n);
        }
    }
    numbers
}

pub async fn topics(
    db: &impl ConnectionTrait,
    procedure_id: Uuid,
) -> Result<Vec<permit_topic::Model>, AppError> {
    Ok(permit_topic::Entity::find()
        .filter(permit_topic::Column::ProcedureId.eq(procedure_id))
        .order_by_asc(permit_topic::Column::Name)
        .all(db)
        .await?)
}

/// The objection register (staff who run the procedure).
pub async fn register(
    state: &AppState,
    tenant: &tenant::Model,
    staff: &Staff,
    id: &str,
    lang: Lang,
) -> Result<Register, AppError> {
    let db = &state.db;
    let m = managed(db, tenant, staff, parse_id(id)?).await?;
    let Permit {
        procedure: p,
        permit,
    } = of_procedure(db, m.procedure).await?;
    let d = dates_of(tenant_state(tenant)?, &permit);
    let all = entries(db, p.id).await?;
    let group_of = groups(&all);
    let topics = topics(db, p.id).await?;
    let topic_name: HashMap<Uuid, String> = topics.iter().map(|t| (t.id, t.name.clone())).collect();
    let mut group_sizes: HashMap<usize, (usize, i64)> = HashMap::new();
    for e in &all {
        if let Some(g) = group_of.get(&e.objection.group_key) {
            let s = group_sizes.entry(*g).or_default();
            s.0 += 1;
            s.1 += i64::from(e.objection.signers);
        }
    }
    let mut groups: Vec<(usize, usize, i64)> = group_sizes
        .into_iter()
        .map(|(g, (n, s))| (g, n, s))
        .collect();
    groups.sort();
    Ok(Register {
        id: p.id.to_string(),
        title: p.title.clone(),
        deadline: lang.tf(
            "permit.deadline_end",
            &[("date", &date_text(d.objection_deadline))],
        ),
        late: all.iter().filter(|e| e.objection.late).count(),
        topics: topics
            .iter()
            .map(|t| TopicView {
                id: t.id.to_string(),
                name: t.name.clone(),
                response: t.response.clone(),
                objections: all
                    .iter()
                    .filter(|e| e.objection.topic_id == Some(t.id))
                    .count(),
            })
            .collect(),
        rows: all
            .iter()
            .map(|e| RegisterRow {
                id: e.comment.id.to_string(),
                reference: reference(e.comment.number),
                received_at: berlin::format(e.objection.received_at, lang),
                channel: e.objection.channel.label_key().into(),
                late: e.objection.late,
                name: e.comment.author_name.clone(),
                address: e.objection.postal_address.clone(),
                email: e.comment.author_email.clone().unwrap_or_default(),
                text: e.comment.body.clone(),
                group: group_of.get(&e.objection.group_key).copied(),
                signers: e.objection.signers,
                representative: e.objection.representative.clone(),
                topic: e
                    .objection
                    .topic_id
                    .and_then(|t| topic_name.get(&t).cloned()),
                attachments: e
                    .files
                    .iter()
                    .map(|f| AttachmentView {
                        id: f.id.to_string(),
                        name: f.file_name.clone(),
                        size: human_size(f.size_bytes),
                        sha256: f.sha256.clone(),
                    })
                    .collect(),
            })
            .collect(),
        groups,
        personal_data_deleted: permit.personal_data_deleted_at.is_some(),
    })
}

/// An objection's attachment, for staff who run its procedure.
pub async fn attachment(
    state: &AppState,
    tenant: &tenant::Model,
    staff: &Staff,
    file: &str,
) -> Result<(std::path::PathBuf, String), AppError> {
    let f = objection_file::Entity::find_by_id(parse_id(file.trim_end_matches(".pdf"))?)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let o = objection::Entity::find_by_id(f.comment_id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    if o.tenant_id != tenant.id {
        return Err(AppError::NotFound);
    }
    managed(&state.db, tenant, staff, o.procedure_id).await?;
    Ok((state.settings.files_dir.join(&f.stored_name), f.file_name))
}
