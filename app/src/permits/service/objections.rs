//! Objections (§10(3) BImSchG) on the contributions core: each a numbered comment with
//! status `filed` (never shown publicly) and an `objections` row. Online ones are
//! accepted only inside the window the deadline engine computes, to the second, whatever
//! the page showed; staff enter paper and e-mail objections at any time, flagged late
//! when they arrived after the deadline. Every objection gets a signed receipt.
use super::receipts::{self, content_hash, sha256_hex, statement};
use super::{Permit, dates_of, find, objection_window, of_procedure, reference, tenant_state};
use crate::contributions::service::numbering::insert_numbered;
use crate::domain::{Channel, CommentStatus, FieldErrors, Status, berlin};
use crate::i18n::Lang;
use crate::permits::rules::{self, ObjectionForm};
use crate::platform::entities::{comment, objection, objection_file, permit_topic, tenant};
use crate::platform::files::{check_pdf, safe_file_name, store};
use crate::platform::mail::{NewMail, Template};
use crate::platform::permissions::Staff;
use crate::platform::rate_limit::{self, Limit};
use crate::platform::{AppError, AppState, Write, tenants};
use crate::procedures::service::{managed, parse_id};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

/// Attachments: PDFs only, at most this many and this large together.
pub const MAX_ATTACHMENTS: usize = 5;
pub const MAX_ATTACHMENT_BYTES: usize = 10 * 1024 * 1024;

/// Objections from one client address: generous (a household, an office), but a script
/// cannot flood the register.
const OBJECTIONS_PER_CLIENT: Limit = Limit {
    name: "objection-client",
    max_hits: 30,
    window: Duration::hours(1),
};

/// An attached file as the form sent it.
pub struct Upload {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// What staff enter for an objection that came on paper or by e-mail.
pub struct Entered<'a> {
    pub channel: &'a str,
    pub received_at: &'a str,
    pub signers: &'a str,
    pub representative: &'a str,
}

/// Checks the attachments (each a PDF, together not too large).
fn check_uploads(files: &[Upload]) -> Result<(), AppError> {
    if files.len() > MAX_ATTACHMENTS {
        return Err(AppError::field(
            "attachments",
            "error.permit.too_many_files",
        ));
    }
    if files.iter().map(|f| f.bytes.len()).sum::<usize>() > MAX_ATTACHMENT_BYTES {
        return Err(AppError::field(
            "attachments",
            "error.permit.files_too_large",
        ));
    }
    for f in files {
        check_pdf("attachments", &f.bytes)?;
    }
    Ok(())
}

/// An objection filed through the portal's form; returns the receipt's path.
pub async fn file_online(
    state: &AppState,
    tenant: &tenant::Model,
    client_ip: &str,
    id: &str,
    form: &ObjectionForm,
    files: Vec<Upload>,
    lang: Lang,
) -> Result<String, AppError> {
    let permit = find(&state.db, tenant.id, parse_id(id)?).await?;
    if permit.procedure.status == Status::Draft {
        return Err(AppError::NotFound);
    }
    let now = state.now();
    // The server decides from its clock, to the second (the page only mirrors it).
    let window = objection_window(&dates_of(tenant_state(tenant)?, &permit.permit));
    if now >= window.ends_at
        || matches!(
            permit.procedure.status,
            Status::Concluded | Status::Archived
        )
    {
        return Err(AppError::field("", "error.permit.deadline_passed"));
    }
    if now < window.starts_at {
        return Err(AppError::field("", "error.permit.not_yet"));
    }
    let parsed = form.parse(true);
    let mut errors = parsed.as_ref().err().cloned().unwrap_or_default();
    if let Err(AppError::Invalid(e)) = check_uploads(&files) {
        errors.0.extend(e.0);
    }
    let fields = match parsed {
        Ok(f) if errors.is_empty() => f,
        _ => return Err(AppError::Invalid(errors)),
    };
    rate_limit::hit(&state.db, now, OBJECTIONS_PER_CLIENT, client_ip).await?;
    let entry = NewObjection {
        name: fields.name,
        address: fields.address,
        email: fields.email,
        text: fields.text,
        channel: Channel::Online,
        received_at: now,
        late: false,
        signers: 1,
        representative: String::new(),
        entered_by: None,
    };
    let comment_id = store_objection(state, tenant, &permit, entry, files, lang).await?;
    Ok(receipts::receipt_path(state, comment_id))
}

/// An objection that came on paper or by e-mail, entered by staff who run the procedure.
pub async fn enter(
    state: &AppState,
    tenant: &tenant::Model,
    staff: &Staff,
    id: &str,
    form: &ObjectionForm,
    entered: Entered<'_>,
    lang: Lang,
) -> Result<(), AppError> {
    let m = managed(&state.db, tenant, staff, parse_id(id)?).await?;
    let permit = of_procedure(&state.db, m.procedure).await?;
    let mut errors = FieldErrors::default();
    let fields = form.parse(false).map_err(|e| errors.0.extend(e.0)).ok();
    let channel = match entered.channel {
        "paper" => Some(Channel::Paper),
        "email" => Some(Channel::Email),
        _ => {
            errors.add("channel", "error.permit.channel");
            None
        }
    };
    let received = errors.check("received_at", berlin::parse_local(entered.received_at));
    if received.is_some_and(|t| t > state.now()) {
        errors.add("received_at", "error.permit.received_future");
    }
    let signers = rules::signers(entered.signers, entered.representative)
        .map_err(|e| errors.0.extend(e.0))
        .ok();
    let (Some(fields), Some(channel), Some(received_at), Some((signers, representative))) =
        (fields, channel, received, signers)
    else {
        return Err(AppError::Invalid(errors));
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let window = objection_window(&dates_of(tenant_state(tenant)?, &permit.permit));
    let entry = NewObjection {
        name: fields.name,
        address: fields.address,
        email: fields.email,
        text: fields.text,
        channel,
        received_at,
        late: received_at >= window.ends_at,
        signers,
        representative,
        entered_by: Some(staff.0.user.id),
    };
    store_objection(state, tenant, &permit, entry, Vec::new(), lang).await?;
    Ok(())
}

struct NewObjection {
    name: String,
    address: String,
    email: Option<String>,
    text: String,
    channel: Channel,
    received_at: DateTime<Utc>,
    late: bool,
    signers: i32,
    representative: String,
    entered_by: Option<Uuid>,
}

/// Writes the files, then in one transaction the numbered comment, the objection with
/// its signed receipt, the files' rows, the receipt mail and the audit entry. If anything
/// fails the files go again: nothing is left half-stored.
async fn store_objection(
    state: &AppState,
    tenant: &tenant::Model,
    permit: &Permit,
    o: NewObjection,
    files: Vec<Upload>,
    lang: Lang,
) -> Result<Uuid, AppError> {
    let p = &permit.procedure;
    let mut stored = Vec::new();
    let mut rows = Vec::new();
    for f in &files {
        let file_id = Uuid::new_v4();
        let stored_name = format!("objection-{file_id}.pdf");
        match store(&state.settings.files_dir, &stored_name, &f.bytes).await {
            Ok(path) => stored.push(path),
            Err(e) => {
                for path in &stored {
                    let _ = tokio::fs::remove_file(path).await;
                }
                return Err(e);
            }
        }
        rows.push((
            file_id,
            safe_file_name(&f.file_name),
            stored_name,
            f.bytes.len() as i64,
            sha256_hex(&f.bytes),
        ));
    }
    let hash = content_hash(
        &o.text,
        &rows
            .iter()
            .map(|r| (r.1.clone(), r.4.clone()))
            .collect::<Vec<_>>(),
    );
    let result: Result<Uuid, AppError> = async {
        let id = Uuid::new_v4();
        let row = comment::ActiveModel {
            id: Set(id),
            tenant_id: Set(tenant.id),
            procedure_id: Set(p.id),
            number: Set(0),
            section_id: Set(None),
            parent_id: Set(None),
            thread_id: Set(id),
            author_user_id: Set(None),
            author_name: Set(o.name.clone()),
            author_email: Set(o.email.clone()),
            notify_replies: Set(false),
            status: Set(CommentStatus::Filed),
            body: Set(o.text.clone()),
            support_count: Set(0),
            report_count: Set(0),
            created_at: Set(o.received_at),
            edited_at: Set(None),
            published_at: Set(None),
            moderated_by: Set(None),
            moderated_at: Set(None),
            moderation_reason: Set(None),
            answer: Set(None),
            answered_by: Set(None),
            answered_at: Set(None),
            stance: Set(None),
        };
        let (write, saved) = insert_numbered(state, row, p.id).await?;
        let signed = statement(p.id, saved.number, o.received_at, &hash);
        objection::ActiveModel {
            comment_id: Set(id),
            tenant_id: Set(tenant.id),
            procedure_id: Set(p.id),
            postal_address: Set(o.address.clone()),
            channel: Set(o.channel),
            received_at: Set(o.received_at),
            late: Set(o.late),
            content_hash: Set(hash.clone()),
            signature: Set(state.settings.receipt_key.sign(signed.as_bytes())),
            group_key: Set(sha256_hex(rules::normalized(&o.text).as_bytes())),
            signers: Set(o.signers),
            representative: Set(o.representative.clone()),
            topic_id: Set(None),
            entered_by: Set(o.entered_by),
        }
        .insert(&*write)
        .await?;
        for (file_id, name, stored_name, size, sha) in &rows {
            objection_file::ActiveModel {
                id: Set(*file_id),
                comment_id: Set(id),
                file_name: Set(name.clone()),
                stored_name: Set(stored_name.clone()),
                size_bytes: Set(*size),
                sha256: Set(sha.clone()),
            }
            .insert(&*write)
            .await?;
        }
        if let Some(email) = &o.email
            && rate_limit::may_mail(&*write, write.now(), tenant.id, email).await?
        {
            write
                .enqueue(NewMail {
                    tenant_id: tenant.id,
                    key: format!("objection-receipt:{id}"),
                    template: Template::PermitReceipt,
                    to: email.clone(),
                    lang,
                    data: serde_json::json!({
                        "procedure_title": p.title,
                        "reference": reference(saved.number),
                        "received_at": o.received_at.to_rfc3339(),
                        "content_hash": hash,
                        "url": format!("{}{}", tenants::base_url(&state.settings, tenant), receipts::receipt_path(state, id)),
                    }),
                    subscriber_id: None,
                })
                .await?;
        }
        let mut audit = crate::platform::audit::Audit::new(tenant.id, "objection.filed")
            .on(id)
            .detail(format!("{} {}", reference(saved.number), o.channel));
        if let Some(by) = o.entered_by {
            audit = audit.by(by);
        }
        write.record(audit).await?;
        write.commit().await?;
        Ok(id)
    }
    .await;
    if result.is_err() {
        for path in &stored {
            let _ = tokio::fs::remove_file(path).await;
        }
    }
    result
}

/// A topic of the weighing table.
pub async fn add_topic(
    state: &AppState,
    tenant: &tenant::Model,
    staff: &Staff,
    id: &str,
    name: &str,
) -> Result<(), AppError> {
    let m = managed(&state.db, tenant, staff, parse_id(id)?).await?;
    of_procedure(&state.db, m.procedure.clone()).await?;
    let name = crate::procedures::rules::fields::text(
        name,
        100,
        "error.permit.topic_missing",
        "error.permit.too_long",
    )
    .and_then(|n| rules::no_markup(&n).map(|()| n))
    .map_err(|k| AppError::field("topic_name", k))?;
    let write = Write::begin(state).await?;
    let saved = permit_topic::ActiveModel {
        id: Set(Uuid::new_v4()),
        procedure_id: Set(m.procedure.id),
        name: Set(name.clone()),
        response: Set(String::new()),
        created_at: Set(write.now()),
    }
    .insert(&*write)
    .await;
    match saved {
        Err(e) if crate::platform::error::is_unique_violation(&e) => {
            return Err(AppError::field("topic_name", "error.permit.topic_exists"));
        }
        other => other?,
    };
    write
        .record(m.audit("permit.topic_added").detail(&name))
        .await?;
    write.commit().await
}

/// The authority's response to the objections of one topic.
pub async fn respond(
    state: &AppState,
    tenant: &tenant::Model,
    staff: &Staff,
    id: &str,
    topic: &str,
    response: &str,
) -> Result<(), AppError> {
    let m = managed(&state.db, tenant, staff, parse_id(id)?).await?;
    let topic = permit_topic::Entity::find_by_id(parse_id(topic)?)
        .filter(permit_topic::Column::ProcedureId.eq(m.procedure.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let response = crate::domain::text::clean(response);
    rules::no_markup(&response).map_err(|k| AppError::field("response", k))?;
    if response.chars().count() > rules::OBJECTION_MAX {
        return Err(AppError::field("response", "error.permit.too_long"));
    }
    let write = Write::begin(state).await?;
    let mut active: permit_topic::ActiveModel = topic.clone().into();
    active.response = Set(response);
    active.update(&*write).await?;
    write
        .record(m.audit("permit.topic_response").detail(&topic.name))
        .await?;
    write.commit().await
}

/// Files an objection under a topic (or none).
pub async fn tag(
    state: &AppState,
    tenant: &tenant::Model,
    staff: &Staff,
    id: &str,
    objection_id: &str,
    topic: &str,
) -> Result<(), AppError> {
    let m = managed(&state.db, tenant, staff, parse_id(id)?).await?;
    let topic_id = if topic.trim().is_empty() {
        None
    } else {
        Some(
            permit_topic::Entity::find_by_id(parse_id(topic)?)
                .filter(permit_topic::Column::ProcedureId.eq(m.procedure.id))
                .one(&state.db)
                .await?
                .ok_or(AppError::NotFound)?
                .id,
        )
    };
    let objection_id = parse_id(objection_id)?;
    let write = Write::begin(state).await?;
    let done = objection::Entity::update_many()
        .col_expr(objection::Column::TopicId, Expr::value(topic_id))
        .filter(objection::Column::CommentId.eq(objection_id))
        .filter(objection::Column::ProcedureId.eq(m.procedure.id))
        .exec(&*write)
        .await?;
    if done.rows_affected != 1 {
        return Err(AppError::NotFound);
    }
    write
        .record(m.audit("objection.tagged").detail(objection_id.to_string()))
        .await?;
    write.commit().await
}
