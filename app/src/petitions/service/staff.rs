//! The addressee's staff: their petitions, signatures from paper lists (one by one, or
//! a counted batch with the scan of the lists), the hand-over, the response, and the
//! signature list for the committee. Every step is audited.
use super::signing::count_more;
use super::write::{Attachment, news};
use super::{Handled, handled, reference_of};
use crate::domain::text::clean;
use crate::domain::{FieldErrors, PersonName, PetitionStatus, SignatureSource, berlin};
use crate::i18n::Lang;
use crate::petitions::rules::{place, postal_code};
use crate::petitions::types::{BatchView, StaffPetition, StaffPetitionItem};
use crate::platform::entities::{paper_batch, petition, petition_addressee, signature, tenant};
use crate::platform::files::{check_pdf, store};
use crate::platform::permissions::Staff;
use crate::platform::spreadsheet::{Table, slug};
use crate::platform::{AppError, AppState, Write};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use std::path::PathBuf;
use uuid::Uuid;

pub const NOTE_MAX: usize = 2_000;
pub const RESPONSE_MAX: usize = 20_000;
/// The most signatures one paper batch may add.
pub const BATCH_MAX: i32 = 1_000_000;

/// The petitions to the addressees these staff handle (drafts are the petitioner's
/// alone), newest first.
pub async fn list(
    state: &AppState,
    tenant: &tenant::Model,
    staff: &Staff,
) -> Result<Vec<StaffPetitionItem>, AppError> {
    let addressees: Vec<petition_addressee::Model> = petition_addressee::Entity::find()
        .filter(petition_addressee::Column::TenantId.eq(tenant.id))
        .all(&state.db)
        .await?
        .into_iter()
        .filter(|a| staff.runs(a.organization_id))
        .collect();
    Ok(petition::Entity::find()
        .filter(petition::Column::TenantId.eq(tenant.id))
        .filter(petition::Column::AddresseeId.is_in(addressees.iter().map(|a| a.id)))
        .filter(petition::Column::Status.ne(PetitionStatus::Draft))
        .order_by_desc(petition::Column::CreatedAt)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|p| {
            let a = addressees.iter().find(|a| a.id == p.addressee_id);
            StaffPetitionItem {
                id: p.id.to_string(),
                reference: reference_of(&p),
                addressee: a.map(|a| a.name.clone()).unwrap_or_default(),
                status: p.status,
                public: p.public,
                count: p.signature_count,
                quorum: a.map_or(0, |a| a.quorum),
                title: p.title,
            }
        })
        .collect())
}

/// The staff page of one petition: its public page with the counts by source and the
/// paper batches.
pub async fn page(
    state: &AppState,
    tenant: &tenant::Model,
    staff: &Staff,
    id: &str,
    lang: Lang,
) -> Result<StaffPetition, AppError> {
    let h = handled(&state.db, tenant, staff, id).await?;
    let page =
        super::read::page(state, tenant, Some(&staff.0), id, Default::default(), lang).await?;
    let count = |source: SignatureSource| {
        signature::Entity::find()
            .filter(signature::Column::PetitionId.eq(h.petition.id))
            .filter(signature::Column::Source.eq(source))
            .filter(signature::Column::ConfirmedAt.is_not_null())
            .count(&state.db)
    };
    let online = count(SignatureSource::Online).await? as i64;
    let single_paper = count(SignatureSource::Paper).await? as i64;
    let batches: Vec<paper_batch::Model> = paper_batch::Entity::find()
        .filter(paper_batch::Column::PetitionId.eq(h.petition.id))
        .order_by_asc(paper_batch::Column::CreatedAt)
        .all(&state.db)
        .await?;
    let in_batches: i64 = batches.iter().map(|b| i64::from(b.count)).sum();
    Ok(StaffPetition {
        page,
        online,
        paper: single_paper + in_batches,
        batches: batches
            .into_iter()
            .map(|b| BatchView {
                date: berlin::format(b.created_at, lang),
                count: b.count,
                note: b.note,
                scan: b
                    .stored_name
                    .map(|_| format!("/verwaltung/petitionen/scans/{}.pdf", b.id)),
            })
            .collect(),
    })
}

/// Paper lists may be entered while the petition runs and after it closed, until it
/// is handed over.
fn takes_paper(p: &petition::Model) -> Result<(), AppError> {
    if matches!(p.status, PetitionStatus::Published | PetitionStatus::Closed) && p.public {
        Ok(())
    } else {
        Err(AppError::field("", "error.paper.not_now"))
    }
}

/// One signature from a paper list: counted at once (the list was signed by hand).
pub async fn add_paper(
    state: &AppState,
    tenant: &tenant::Model,
    staff: &Staff,
    id: &str,
    name: &str,
    postal: &str,
    town: &str,
) -> Result<Uuid, AppError> {
    let h = handled(&state.db, tenant, staff, id).await?;
    takes_paper(&h.petition)?;
    let mut e = FieldErrors::default();
    let name = e.check("name", PersonName::parse(name));
    let postal = e.check("postal_code", postal_code(postal));
    let town = e.check("place", place(town));
    let (Some(name), Some(postal), Some(town), true) = (name, postal, town, e.is_empty()) else {
        return Err(AppError::Invalid(e));
    };
    let write = Write::begin(state).await?;
    let now = write.now();
    signature::ActiveModel {
        id: Set(Uuid::new_v4()),
        petition_id: Set(h.petition.id),
        name: Set(name.into_inner()),
        postal_code: Set(postal),
        place: Set(town),
        email: Set(None),
        show_name: Set(false),
        wants_updates: Set(false),
        source: Set(SignatureSource::Paper),
        created_at: Set(now),
        confirmed_at: Set(Some(now)),
    }
    .insert(&*write)
    .await?;
    count_more(&write, state, tenant, &h.petition, 1).await?;
    write.record(h.audit("petition.paper_signature")).await?;
    write.commit().await?;
    Ok(h.petition.id)
}

/// A counted batch of paper signatures, with the scan of the lists (optional, a PDF).
/// The scan is written first, the rows second; if they cannot be written it goes again.
pub async fn add_batch(
    state: &AppState,
    tenant: &tenant::Model,
    staff: &Staff,
    id: &str,
    count: &str,
    note: &str,
    scan: Option<Attachment>,
) -> Result<Uuid, AppError> {
    let h = handled(&state.db, tenant, staff, id).await?;
    takes_paper(&h.petition)?;
    let mut e = FieldErrors::default();
    let count = e.check(
        "count",
        count
            .trim()
            .replace('.', "")
            .parse::<i32>()
            .ok()
            .filter(|n| (1..=BATCH_MAX).contains(n))
            .ok_or("error.paper.count"),
    );
    let note = clean(note).replace('\n', " ");
    if note.chars().count() > 500 {
        e.add("note", "error.paper.note_too_long");
    }
    let scan = scan.filter(|s| !s.bytes.is_empty());
    if let Some(s) = &scan {
        if let Err(AppError::Invalid(errors)) = check_pdf("scan", &s.bytes) {
            for (field, key) in errors.0 {
                e.add(&field, &key);
            }
        }
    }
    let (Some(count), true) = (count, e.is_empty()) else {
        return Err(AppError::Invalid(e));
    };
    let batch_id = Uuid::new_v4();
    let stored = match &scan {
        Some(s) => {
            let name = format!("{batch_id}.pdf");
            Some((
                store(&state.settings.files_dir, &name, &s.bytes).await?,
                name,
            ))
        }
        None => None,
    };
    let saved: Result<(), AppError> = async {
        let write = Write::begin(state).await?;
        paper_batch::ActiveModel {
            id: Set(batch_id),
            petition_id: Set(h.petition.id),
            count: Set(count),
            note: Set(note.clone()),
            stored_name: Set(stored.as_ref().map(|(_, n)| n.clone())),
            entered_by: Set(Some(h.by)),
            created_at: Set(write.now()),
        }
        .insert(&*write)
        .await?;
        count_more(&write, state, tenant, &h.petition, count).await?;
        write
            .record(h.audit("petition.paper_batch").detail(count.to_string()))
            .await?;
        write.commit().await
    }
    .await;
    if saved.is_err() {
        if let Some((path, _)) = &stored {
            let _ = tokio::fs::remove_file(path).await;
        }
    }
    saved.map(|()| h.petition.id)
}

/// The scan of a paper batch, for the addressee's staff.
pub async fn scan(
    state: &AppState,
    tenant: &tenant::Model,
    staff: &Staff,
    batch: &str,
) -> Result<PathBuf, AppError> {
    let id = Uuid::parse_str(batch.trim()).map_err(|_| AppError::NotFound)?;
    let b = paper_batch::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    handled(&state.db, tenant, staff, &b.petition_id.to_string()).await?;
    let name = b.stored_name.ok_or(AppError::NotFound)?;
    Ok(state.settings.files_dir.join(name))
}

/// Records that the petition was handed over to the addressee (after it closed, or a
/// non-public one that was forwarded).
pub async fn hand_over(
    state: &AppState,
    tenant: &tenant::Model,
    staff: &Staff,
    id: &str,
    note: &str,
) -> Result<Uuid, AppError> {
    let h = handled(&state.db, tenant, staff, id).await?;
    let note = clean(note);
    if note.chars().count() > NOTE_MAX {
        return Err(AppError::field("note", "error.handover.note_too_long"));
    }
    if !matches!(
        h.petition.status,
        PetitionStatus::Closed | PetitionStatus::Forwarded
    ) {
        return Err(AppError::field("", "error.handover.not_now"));
    }
    let write = Write::begin(state).await?;
    let now = write.now();
    let done = petition::Entity::update_many()
        .col_expr(
            petition::Column::Status,
            Expr::value(PetitionStatus::HandedOver),
        )
        .col_expr(petition::Column::HandedOverAt, Expr::value(Some(now)))
        .col_expr(
            petition::Column::HandoverNote,
            Expr::value((!note.is_empty()).then(|| note.clone())),
        )
        .col_expr(petition::Column::UpdatedAt, Expr::value(now))
        .filter(petition::Column::Id.eq(h.petition.id))
        .filter(petition::Column::Status.eq(h.petition.status))
        .exec(&*write)
        .await?;
    if done.rows_affected != 1 {
        return Err(AppError::field("", "error.handover.not_now"));
    }
    write
        .record(h.audit("petition.handed_over").detail(&note))
        .await?;
    if h.petition.public {
        news(&write, state, tenant, &h.petition, "handed_over", &note).await?;
    }
    write.commit().await?;
    Ok(h.petition.id)
}

/// Publishes the addressee's response: shown on the page, mailed to the followers (the
/// signers who asked for news, the petitioner, subscribers).
pub async fn respond(
    state: &AppState,
    tenant: &tenant::Model,
    staff: &Staff,
    id: &str,
    response: &str,
) -> Result<Uuid, AppError> {
    let h = handled(&state.db, tenant, staff, id).await?;
    let response = clean(response);
    if response.is_empty() {
        return Err(AppError::field("response", "error.response.missing"));
    }
    if response.chars().count() > RESPONSE_MAX {
        return Err(AppError::field("response", "error.response.too_long"));
    }
    if h.petition.status != PetitionStatus::HandedOver {
        return Err(AppError::field("", "error.response.not_now"));
    }
    let write = Write::begin(state).await?;
    let now = write.now();
    let done = petition::Entity::update_many()
        .col_expr(
            petition::Column::Status,
            Expr::value(PetitionStatus::Answered),
        )
        .col_expr(
            petition::Column::Response,
            Expr::value(Some(response.clone())),
        )
        .col_expr(petition::Column::AnsweredAt, Expr::value(Some(now)))
        .col_expr(petition::Column::UpdatedAt, Expr::value(now))
        .filter(petition::Column::Id.eq(h.petition.id))
        .filter(petition::Column::Status.eq(PetitionStatus::HandedOver))
        .exec(&*write)
        .await?;
    if done.rows_affected != 1 {
        return Err(AppError::field("", "error.response.not_now"));
    }
    write.record(h.audit("petition.answered")).await?;
    // A non-public petition's response goes to its petitioner only, who follows it.
    news(&write, state, tenant, &h.petition, "response", &response).await?;
    write.commit().await?;
    Ok(h.petition.id)
}

/// The signature list for the committee: every counted signature (online confirmed,
/// paper), then one line per paper batch.
pub async fn signatures_table(
    state: &AppState,
    h: &Handled,
    lang: Lang,
) -> Result<Table, AppError> {
    let rows = signature::Entity::find()
        .filter(signature::Column::PetitionId.eq(h.petition.id))
        .filter(signature::Column::ConfirmedAt.is_not_null())
        .order_by_asc(signature::Column::ConfirmedAt)
        .all(&state.db)
        .await?;
    let batches = paper_batch::Entity::find()
        .filter(paper_batch::Column::PetitionId.eq(h.petition.id))
        .order_by_asc(paper_batch::Column::CreatedAt)
        .all(&state.db)
        .await?;
    let source = |s: SignatureSource| {
        lang.t(match s {
            SignatureSource::Online => "signature.source.online",
            SignatureSource::Paper => "signature.source.paper",
        })
        .to_string()
    };
    let mut out: Vec<Vec<String>> = rows
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            vec![
                (i + 1).to_string(),
                s.name,
                s.postal_code,
                s.place,
                source(s.source),
                s.confirmed_at
                    .map(|t| berlin::format(t, lang))
                    .unwrap_or_default(),
                "1".into(),
            ]
        })
        .collect();
    for b in batches {
        out.push(vec![
            String::new(),
            lang.t("signature.batch").to_string(),
            String::new(),
            b.note,
            source(SignatureSource::Paper),
            berlin::format(b.created_at, lang),
            b.count.to_string(),
        ]);
    }
    let headers = [
        "signature.column.number",
        "signature.column.name",
        "signature.column.postal_code",
        "signature.column.place",
        "signature.column.source",
        "signature.column.date",
        "signature.column.count",
    ]
    .iter()
    .map(|k| lang.t(k).to_string())
    .collect();
    Ok(Table {
        name: format!(
            "unterschriften-{}-{}",
            reference_of(&h.petition).to_lowercase(),
            slug(&h.petition.title)
        ),
        headers,
        rows: out,
        wide_columns: vec![(1, 30.0), (3, 30.0)],
    })
}
