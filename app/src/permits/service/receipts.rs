//! The receipt of an objection: a statement of what arrived (procedure, reference, time
//! of receipt, SHA-256 of text and attachments) signed with the portal's Ed25519 key. The
//! receipt page is reached through a signed link given to the objector; the public check
//! takes the statement and says whether the signature holds and the objection is on
//! record, without showing the objection.
use super::reference;
use crate::domain::CommentStatus;
use crate::domain::berlin;
use crate::i18n::Lang;
use crate::permits::types::{AttachmentView, Receipt, ReceiptCheck};
use crate::platform::entities::{comment, objection, objection_file, procedure, tenant};
use crate::platform::signed_link::{Purpose, sign_link, verify_link};
use crate::platform::{AppError, AppState};
use crate::procedures::service::human_size;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, SecondsFormat, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use sha2::{Digest, Sha256};
use uuid::Uuid;

const HEADER: &str = "Mitwirken Eingangsbestaetigung 1";

/// SHA-256 (hex) of an objection's text and attachments: the text, then each attachment's
/// name and own SHA-256, each part with its length so no two filings hash alike.
pub fn content_hash(text: &str, attachments: &[(String, String)]) -> String {
    let mut h = Sha256::new();
    h.update(format!("text:{}:", text.len()));
    h.update(text.as_bytes());
    for (name, sha) in attachments {
        h.update(format!("\nattachment:{}:{name}:{sha}", name.len()));
    }
    hex::encode(h.finalize())
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The statement the portal signs.
pub fn statement(
    procedure_id: Uuid,
    number: i32,
    received_at: DateTime<Utc>,
    hash: &str,
) -> String {
    format!(
        "{HEADER}\nVerfahren {procedure_id}\nEinwendung {}\nEingang {}\nSHA-256 {hash}",
        reference(number),
        received_at.to_rfc3339_opts(SecondsFormat::Secs, true)
    )
}

/// The statement and its signature in one code: `base64url(statement).signature`.
pub fn code(statement: &str, signature: &str) -> String {
    format!("{}.{signature}", URL_SAFE_NO_PAD.encode(statement))
}

/// The link of an objection's receipt page (does not expire).
pub fn link_token(state: &AppState, comment_id: Uuid) -> String {
    sign_link(
        &state.secret,
        Purpose::ObjectionReceipt,
        &comment_id.simple().to_string(),
        state.now(),
    )
}

pub fn receipt_path(state: &AppState, comment_id: Uuid) -> String {
    format!(
        "/genehmigungen/quittung?token={}",
        link_token(state, comment_id)
    )
}

/// The receipt behind a link.
pub async fn receipt(
    state: &AppState,
    tenant: &tenant::Model,
    token: &str,
    lang: Lang,
) -> Result<Receipt, AppError> {
    let id = verify_link(&state.secret, Purpose::ObjectionReceipt, token, state.now())
        .ok()
        .and_then(|id| Uuid::parse_str(&id).ok())
        .ok_or(AppError::NotFound)?;
    let db = &state.db;
    let c = comment::Entity::find_by_id(id)
        .filter(comment::Column::TenantId.eq(tenant.id))
        .filter(comment::Column::Status.eq(CommentStatus::Filed))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let o = objection::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let p = procedure::Entity::find_by_id(c.procedure_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let files = objection_file::Entity::find()
        .filter(objection_file::Column::CommentId.eq(id))
        .order_by_asc(objection_file::Column::FileName)
        .all(db)
        .await?;
    let st = statement(p.id, c.number, o.received_at, &o.content_hash);
    Ok(Receipt {
        procedure_id: p.id.to_string(),
        procedure_title: p.title,
        reference: reference(c.number),
        received_at: berlin::format(o.received_at, lang),
        text: Some(c.body),
        attachments: files
            .into_iter()
            .map(|f| AttachmentView {
                id: f.id.to_string(),
                name: f.file_name,
                size: human_size(f.size_bytes),
                sha256: f.sha256,
            })
            .collect(),
        content_hash: o.content_hash,
        code: code(&st, &o.signature),
        public_key: state.settings.receipt_key.public_key(),
    })
}

/// The public check of a receipt's code.
pub async fn check(
    state: &AppState,
    tenant: &tenant::Model,
    input: &str,
    lang: Lang,
) -> Result<ReceiptCheck, AppError> {
    let mut out = ReceiptCheck {
        asked: true,
        outcome: "permit.check.invalid".into(),
        public_key: state.settings.receipt_key.public_key(),
        ..Default::default()
    };
    // People paste codes with line breaks or spaces from a printout.
    let compact: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    let Some((encoded, signature)) = compact.split_once('.') else {
        return Ok(out);
    };
    let Some(text) = URL_SAFE_NO_PAD
        .decode(encoded)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
    else {
        return Ok(out);
    };
    if !state
        .settings
        .receipt_key
        .verify(text.as_bytes(), signature)
    {
        return Ok(out);
    }
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_string())
    };
    let (Some(proc_id), Some(reference_text), Some(received), Some(hash)) = (
        field("Verfahren "),
        field("Einwendung "),
        field("Eingang "),
        field("SHA-256 "),
    ) else {
        return Ok(out);
    };
    out.reference = reference_text.clone();
    out.content_hash = hash.clone();
    if let Ok(t) = DateTime::parse_from_rfc3339(&received) {
        out.received_at = berlin::format(t.with_timezone(&Utc), lang);
    }
    out.outcome = "permit.check.not_on_record".into();
    let number = reference_text.trim_start_matches("E-").parse::<i32>().ok();
    let Some((proc_id, number)) = Uuid::parse_str(&proc_id).ok().zip(number) else {
        return Ok(out);
    };
    let Some(p) = procedure::Entity::find_by_id(proc_id)
        .filter(procedure::Column::TenantId.eq(tenant.id))
        .one(&state.db)
        .await?
    else {
        return Ok(out);
    };
    out.procedure_title = p.title;
    let on_record = match comment::Entity::find()
        .filter(comment::Column::ProcedureId.eq(proc_id))
        .filter(comment::Column::Number.eq(number))
        .one(&state.db)
        .await?
    {
        Some(c) => objection::Entity::find_by_id(c.id)
            .one(&state.db)
            .await?
            .is_some_and(|o| o.content_hash == hash),
        None => false,
    };
    if on_record {
        out.outcome = "permit.check.valid".into();
    }
    Ok(out)
}
