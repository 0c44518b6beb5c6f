//! The petitioner's side: write a petition (a draft, saved as often as needed), attach
//! PDFs, submit it for review (with a receipt naming its reference), change it when the
//! moderator asks, and post news once it is public.
use super::{addressee, find, is_petitioner, reference_of, url};
use crate::domain::text::clean;
use crate::domain::{PetitionStatus, Scope};
use crate::i18n::Lang;
use crate::petitions::rules::PetitionForm;
use crate::platform::audit::Audit;
use crate::platform::entities::{
    petition, petition_addressee, petition_file, petition_update, tenant,
};
use crate::platform::files::{check_pdf, safe_file_name, store};
use crate::platform::mail::{NewMail, Template};
use crate::platform::sessions::CurrentUser;
use crate::platform::{AppError, AppState, Write, notifications};
use crate::subscriptions::service::follow_confirmed;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter,
    QuerySelect, Set,
};
use uuid::Uuid;

pub const UPDATE_MAX: usize = 5_000;

/// Writing a petition needs an account with a confirmed address.
fn verified(me: &CurrentUser) -> Result<(), AppError> {
    if me.user.email_verified_at.is_none() {
        return Err(AppError::field("", "error.petition.verify_first"));
    }
    Ok(())
}

/// One's own petition, while it may still be changed.
pub async fn own_editable(
    db: &impl ConnectionTrait,
    tenant: &tenant::Model,
    me: &CurrentUser,
    id: &str,
) -> Result<petition::Model, AppError> {
    let p = find(db, tenant.id, id).await?;
    if !is_petitioner(Some(me), &p) {
        return Err(AppError::NotFound);
    }
    if !p.status.editable() {
        return Err(AppError::field("", "error.petition.not_editable"));
    }
    Ok(p)
}

async fn chosen_addressee(
    db: &impl ConnectionTrait,
    tenant: &tenant::Model,
    id: &str,
) -> Result<Option<petition_addressee::Model>, AppError> {
    Ok(match Uuid::parse_str(id.trim()) {
        Ok(id) => {
            petition_addressee::Entity::find_by_id(id)
                .filter(petition_addressee::Column::TenantId.eq(tenant.id))
                .one(db)
                .await?
        }
        Err(_) => None,
    })
}

#[derive(FromQueryResult)]
struct MaxNumber {
    n: Option<i32>,
}

/// Saves a draft: a new petition (`id` empty) or one's own while it may be changed.
/// Returns its id.
pub async fn save(
    state: &AppState,
    tenant: &tenant::Model,
    me: &CurrentUser,
    id: &str,
    form: &PetitionForm,
) -> Result<Uuid, AppError> {
    verified(me)?;
    let existing = if id.trim().is_empty() {
        None
    } else {
        Some(own_editable(&state.db, tenant, me, id).await?)
    };
    let a = chosen_addressee(&state.db, tenant, &form.addressee).await?;
    let fields = form.parse(
        a.as_ref()
            .map_or(crate::petitions::rules::MAX_WEEKS, |a| a.max_weeks),
    );
    let (fields, a) = match (fields, a) {
        (Ok(f), Some(a)) => (f, a),
        (result, a) => {
            let mut errors = result.err().unwrap_or_default();
            if a.is_none() {
                errors.add("addressee", "error.petition.addressee");
            }
            return Err(AppError::Invalid(errors));
        }
    };
    let apply = |row: &mut petition::ActiveModel, now| {
        row.addressee_id = Set(a.id);
        row.title = Set(fields.title.clone());
        row.request = Set(fields.request.clone());
        row.reasons = Set(fields.reasons.clone());
        row.category = Set(fields.category.clone());
        row.region = Set(fields.region.clone());
        row.public = Set(fields.public);
        row.weeks = Set(fields.weeks);
        row.updated_at = Set(now);
    };
    if let Some(p) = existing {
        let write = Write::begin(state).await?;
        let mut row: petition::ActiveModel = p.clone().into();
        apply(&mut row, write.now());
        row.update(&*write).await?;
        write
            .record(
                Audit::new(tenant.id, "petition.saved")
                    .by(me.user.id)
                    .on(p.id),
            )
            .await?;
        write.commit().await?;
        return Ok(p.id);
    }
    // Numbered per tenant; two petitions created at the same moment on PostgreSQL may
    // pick the same number, the unique index refuses the second, which tries again.
    let id = Uuid::new_v4();
    for attempt in 1.. {
        let write = Write::begin(state).await?;
        let now = write.now();
        let max = petition::Entity::find()
            .select_only()
            .column_as(petition::Column::Number.max(), "n")
            .filter(petition::Column::TenantId.eq(tenant.id))
            .into_model::<MaxNumber>()
            .one(&*write)
            .await?
            .and_then(|m| m.n)
            .unwrap_or(0);
        let mut row = petition::ActiveModel {
            id: Set(id),
            tenant_id: Set(tenant.id),
            petitioner_id: Set(Some(me.user.id)),
            number: Set(max + 1),
            status: Set(PetitionStatus::Draft),
            moderation_reason: Set(None),
            signature_count: Set(0),
            created_at: Set(now),
            submitted_at: Set(None),
            published_at: Set(None),
            closes_at: Set(None),
            quorum_reached_at: Set(None),
            closed_at: Set(None),
            handed_over_at: Set(None),
            handover_note: Set(None),
            response: Set(None),
            answered_at: Set(None),
            ..Default::default()
        };
        apply(&mut row, now);
        match row.insert(&*write).await {
            Ok(_) => {
                write
                    .record(
                        Audit::new(tenant.id, "petition.created")
                            .by(me.user.id)
                            .on(id),
                    )
                    .await?;
                write.commit().await?;
                return Ok(id);
            }
            Err(e) if attempt < 5 && crate::platform::error::is_unique_violation(&e) => {
                write.rollback().await?;
            }
            Err(e) => return Err(e.into()),
        }
    }
    unreachable!("the loop returns")
}

/// Submits one's petition for review; the receipt names its reference. The petitioner
/// follows the petition from now on (its news come by mail).
pub async fn submit(
    state: &AppState,
    tenant: &tenant::Model,
    me: &CurrentUser,
    id: &str,
) -> Result<String, AppError> {
    verified(me)?;
    let p = own_editable(&state.db, tenant, me, id).await?;
    let write = Write::begin(state).await?;
    let now = write.now();
    let done = petition::Entity::update_many()
        .col_expr(
            petition::Column::Status,
            Expr::value(PetitionStatus::Submitted),
        )
        .col_expr(petition::Column::SubmittedAt, Expr::value(Some(now)))
        .col_expr(petition::Column::UpdatedAt, Expr::value(now))
        .filter(petition::Column::Id.eq(p.id))
        .filter(petition::Column::Status.eq(p.status))
        .exec(&*write)
        .await?;
    if done.rows_affected != 1 {
        return Err(AppError::field("", "error.petition.not_editable"));
    }
    let reference = reference_of(&p);
    write
        .record(
            Audit::new(tenant.id, "petition.submitted")
                .by(me.user.id)
                .on(p.id)
                .detail(&reference),
        )
        .await?;
    let lang = Lang::from_code(&me.user.locale).unwrap_or_default();
    let a = addressee(&*write, p.addressee_id).await?;
    write
        .enqueue(NewMail {
            tenant_id: tenant.id,
            // A receipt per submission (it may be submitted again after changes).
            key: format!("petition-receipt:{}:{}", p.id, Uuid::new_v4()),
            template: Template::PetitionReceipt,
            to: me.user.email.clone(),
            lang,
            data: serde_json::json!({
                "title": p.title,
                "reference": reference,
                "addressee": a.name,
                "received_at": now.to_rfc3339(),
                "public": p.public,
                "url": url(&state.settings, tenant, p.id),
            }),
            subscriber_id: None,
        })
        .await?;
    let key = Scope::Procedure(p.id.to_string()).key();
    follow_confirmed(&*write, now, tenant.id, &me.user.email, lang, &key).await?;
    write.commit().await?;
    Ok(reference)
}

/// An attached PDF as the form sent it.
pub struct Attachment {
    pub title: String,
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// Attaches a PDF to one's petition while it may be changed. The file is written first,
/// the row second; if the row cannot be written the file goes again.
pub async fn attach(
    state: &AppState,
    tenant: &tenant::Model,
    me: &CurrentUser,
    id: &str,
    upload: Attachment,
) -> Result<Uuid, AppError> {
    let p = own_editable(&state.db, tenant, me, id).await?;
    check_pdf("file", &upload.bytes)?;
    let file_name = safe_file_name(&upload.file_name);
    let fallback = file_name.trim_end_matches(".pdf").replace(['_', '-'], " ");
    let title = crate::procedures::service::documents::document_title(&upload.title, &fallback)
        .map_err(|k| AppError::field("title", k))?;
    let file_id = Uuid::new_v4();
    let stored_name = format!("{file_id}.pdf");
    let path = store(&state.settings.files_dir, &stored_name, &upload.bytes).await?;
    let saved: Result<(), AppError> = async {
        let write = Write::begin(state).await?;
        petition_file::ActiveModel {
            id: Set(file_id),
            petition_id: Set(p.id),
            title: Set(title.clone()),
            file_name: Set(file_name),
            stored_name: Set(stored_name),
            size_bytes: Set(upload.bytes.len() as i64),
            created_at: Set(write.now()),
        }
        .insert(&*write)
        .await?;
        write
            .record(
                Audit::new(tenant.id, "petition.file_added")
                    .by(me.user.id)
                    .on(p.id)
                    .detail(&title),
            )
            .await?;
        write.commit().await
    }
    .await;
    if saved.is_err() {
        let _ = tokio::fs::remove_file(&path).await;
    }
    saved.map(|()| p.id)
}

/// Removes an attachment of one's petition while it may be changed.
pub async fn remove_file(
    state: &AppState,
    tenant: &tenant::Model,
    me: &CurrentUser,
    id: &str,
    file: &str,
) -> Result<(), AppError> {
    let p = own_editable(&state.db, tenant, me, id).await?;
    let file_id = Uuid::parse_str(file.trim()).map_err(|_| AppError::NotFound)?;
    let f = petition_file::Entity::find_by_id(file_id)
        .filter(petition_file::Column::PetitionId.eq(p.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let write = Write::begin(state).await?;
    petition_file::Entity::delete_by_id(f.id)
        .exec(&*write)
        .await?;
    write
        .record(
            Audit::new(tenant.id, "petition.file_removed")
                .by(me.user.id)
                .on(p.id)
                .detail(&f.title),
        )
        .await?;
    write.commit().await?;
    let _ = tokio::fs::remove_file(state.settings.files_dir.join(f.stored_name)).await;
    Ok(())
}

/// The petitioner's news about a public petition: shown on its page and mailed to
/// whoever follows it (the signers who asked for news, subscribers).
pub async fn post_update(
    state: &AppState,
    tenant: &tenant::Model,
    me: &CurrentUser,
    id: &str,
    body: &str,
) -> Result<Uuid, AppError> {
    let p = find(&state.db, tenant.id, id).await?;
    if !is_petitioner(Some(me), &p) {
        return Err(AppError::NotFound);
    }
    if !(p.public && p.status.is_public()) {
        return Err(AppError::field("body", "error.update.not_public"));
    }
    let body = clean(body);
    if body.is_empty() {
        return Err(AppError::field("body", "error.update.missing"));
    }
    if body.chars().count() > UPDATE_MAX {
        return Err(AppError::field("body", "error.update.too_long"));
    }
    let write = Write::begin(state).await?;
    petition_update::ActiveModel {
        id: Set(Uuid::new_v4()),
        petition_id: Set(p.id),
        body: Set(body.clone()),
        created_at: Set(write.now()),
    }
    .insert(&*write)
    .await?;
    write
        .record(
            Audit::new(tenant.id, "petition.update_posted")
                .by(me.user.id)
                .on(p.id),
        )
        .await?;
    news(&write, state, tenant, &p, "update", &body).await?;
    write.commit().await?;
    Ok(p.id)
}

/// Tells whoever follows a petition (signers who asked for news, its petitioner,
/// subscribers) what happened: `kind` is `update`, `quorum`, `closed` or `response`.
pub async fn news(
    write: &Write<'_>,
    state: &AppState,
    tenant: &tenant::Model,
    p: &petition::Model,
    kind: &str,
    text: &str,
) -> Result<(), AppError> {
    notifications::publish(
        &**write,
        write.now(),
        tenant.id,
        Template::PetitionNews,
        serde_json::json!({
            "title": p.title,
            "kind": kind,
            "excerpt": crate::domain::text::excerpt(text, 600),
            "count": p.signature_count,
            "url": url(&state.settings, tenant, p.id),
        }),
        &[Scope::Procedure(p.id.to_string()).key()],
    )
    .await?;
    Ok(())
}
