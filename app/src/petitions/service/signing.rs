//! Co-signing without an account: name, postal code and place, address, whether to show
//! the name, consent, whether to receive news. The signature counts once confirmed
//! through the mailed link (seven days); one per address and petition. Spam is kept out
//! without a third-party CAPTCHA: a field people do not see (bots fill it), a minimum
//! time between showing the form and sending it, limits per client and per address.
//! Signing is one write transaction (limits, signature, mail), so it is fast and nothing
//! acknowledged is lost; the count is kept on the petition, never counted per view.
use super::write::news;
use super::{addressee, find, staff_addresses, url};
use crate::domain::{PetitionStatus, Scope, SignatureSource};
use crate::i18n::Lang;
use crate::petitions::rules::SignatureForm;
use crate::platform::entities::{petition, signature, tenant};
use crate::platform::mail::{NewMail, Template};
use crate::platform::rate_limit::{self, Limit};
use crate::platform::signed_link::{LinkError, Purpose, sign_link, verify_link};
use crate::platform::{AppError, AppState, Write, tenants};
use crate::request::Client;
use crate::subscriptions::service::follow_confirmed;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

/// How long a confirmation link works; unconfirmed signatures are forgotten after it.
pub const CONFIRM_LIFETIME: Duration = Duration::days(7);
/// A form sent back sooner than this after it was shown is a bot's.
pub const MIN_FILL_TIME: Duration = Duration::seconds(3);
/// How long a shown form may be sent.
const FORM_LIFETIME: Duration = Duration::hours(24);
/// Confirmation mails one address may be sent per hour (signing on someone else's
/// behalf must not become a way to flood their mailbox).
const MAILS_PER_ADDRESS: Limit = Limit {
    name: "sign-address",
    max_hits: 10,
    window: Duration::hours(1),
};

/// The token the signing form carries: when it was shown, for which petition.
pub fn started_token(state: &AppState, petition_id: Uuid) -> String {
    sign_link(
        &state.secret,
        Purpose::FormStarted,
        &petition_id.simple().to_string(),
        state.now() + FORM_LIFETIME,
    )
}

/// Whether a form's `started` token shows a person: issued for this petition, at
/// least `MIN_FILL_TIME` ago and not expired.
fn filled_by_a_person(
    state: &AppState,
    petition_id: Uuid,
    started: &str,
) -> Result<bool, AppError> {
    match verify_link(&state.secret, Purpose::FormStarted, started, state.now()) {
        Ok(id) if id == petition_id.simple().to_string() => {
            // The token names its expiry; it was issued FORM_LIFETIME before.
            let expires: i64 = started
                .rsplit('.')
                .nth(1)
                .and_then(|e| e.parse().ok())
                .unwrap_or_default();
            let issued = expires - FORM_LIFETIME.num_seconds();
            Ok(state.now().timestamp() - issued >= MIN_FILL_TIME.num_seconds())
        }
        Err(LinkError::Expired) => Err(AppError::field("", "error.signature.form_expired")),
        _ => Ok(false),
    }
}

/// Signatures are accepted now: a public petition published for co-signing, before its
/// closing date (to the second).
pub fn signing_open(p: &petition::Model, now: DateTime<Utc>) -> bool {
    p.status == PetitionStatus::Published && p.public && p.closes_at.is_some_and(|c| now < c)
}

/// What the form sends besides the signature's fields.
pub struct Guards<'a> {
    /// The field people do not see; bots fill it.
    pub website: &'a str,
    /// The signed moment the form was shown.
    pub started: &'a str,
}

/// Records a signature and mails its confirmation link. The answer is the same whether
/// the address signed already (its owner gets a mail saying so) or the request looked
/// like a bot's (nothing is stored): it tells nobody who signed.
pub async fn sign(
    state: &AppState,
    tenant: &tenant::Model,
    client: &Client,
    petition_id: &str,
    form: &SignatureForm,
    guards: Guards<'_>,
) -> Result<(), AppError> {
    let p = find(&state.db, tenant.id, petition_id).await?;
    if !(p.public && p.status.is_public()) {
        return Err(AppError::NotFound);
    }
    let now = state.now();
    if !signing_open(&p, now) {
        return Err(AppError::field("", "error.signature.closed"));
    }
    let fields = form.parse().map_err(AppError::Invalid)?;
    let person = filled_by_a_person(state, p.id, guards.started)?;
    if !person || !guards.website.is_empty() {
        tracing::info!(petition = %p.id, "a signature that looked like a bot's was dropped");
        return Ok(());
    }
    let write = Write::begin(state).await?;
    rate_limit::hit(
        &*write,
        now,
        rate_limit::per_ip("sign-ip", state.settings.ip_rate_limit.saturating_mul(5)),
        &client.ip,
    )
    .await?;
    let email = fields.email.as_str();
    let address_key = format!("{}:{email}", tenant.id);
    if rate_limit::hit(&*write, now, MAILS_PER_ADDRESS, &address_key)
        .await
        .is_err()
    {
        // Past the per-address limit nothing more is sent or stored; saying so would
        // tell whether the address signed.
        return write.commit().await;
    }
    let id = Uuid::new_v4();
    let inserted = signature::Entity::insert(signature::ActiveModel {
        id: Set(id),
        petition_id: Set(p.id),
        name: Set(fields.name.clone()),
        postal_code: Set(fields.postal_code.clone()),
        place: Set(fields.place.clone()),
        email: Set(Some(email.to_string())),
        show_name: Set(fields.show_name),
        wants_updates: Set(fields.updates),
        source: Set(SignatureSource::Online),
        created_at: Set(now),
        confirmed_at: Set(None),
    })
    .on_conflict(
        OnConflict::columns([signature::Column::PetitionId, signature::Column::Email])
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(&*write)
    .await?;
    let (signature_id, known) = if inserted == 1 {
        (id, None)
    } else {
        let existing = signature::Entity::find()
            .filter(signature::Column::PetitionId.eq(p.id))
            .filter(signature::Column::Email.eq(email))
            .one(&*write)
            .await?
            .ok_or_else(|| AppError::Internal("signature vanished".into()))?;
        (existing.id, Some(existing.confirmed_at.is_some()))
    };
    let link = format!(
        "{}/petitionen/bestaetigen?token={}",
        tenants::base_url(&state.settings, tenant),
        sign_link(
            &state.secret,
            Purpose::SignatureConfirm,
            &signature_id.simple().to_string(),
            now + CONFIRM_LIFETIME
        )
    );
    write
        .enqueue(NewMail {
            tenant_id: tenant.id,
            // Each attempt is answered (the owner of the address learns of every one).
            key: format!("signature:{signature_id}:{}", Uuid::new_v4()),
            template: Template::SignatureConfirm,
            to: email.to_string(),
            lang: client.lang,
            data: serde_json::json!({
                "title": p.title,
                "name": fields.name,
                // Signed before: confirmed (nothing to do), or not yet (the link again).
                "confirmed_before": known == Some(true),
                "link": (known != Some(true)).then_some(link),
                "url": url(&state.settings, tenant, p.id),
            }),
            subscriber_id: None,
        })
        .await?;
    write.commit().await
}

/// What became of a confirmation link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Confirmed {
    Counted,
    /// It was confirmed before; it counts once.
    Already,
}

/// The mailed link: the signature counts. Past the closing date it no longer can.
pub async fn confirm(
    state: &AppState,
    tenant: &tenant::Model,
    token: &str,
    lang: Lang,
) -> Result<(Uuid, Confirmed), AppError> {
    let invalid = || AppError::field("token", "error.signature.link_invalid");
    let id = match verify_link(&state.secret, Purpose::SignatureConfirm, token, state.now()) {
        Ok(id) => Uuid::parse_str(&id).map_err(|_| invalid())?,
        Err(LinkError::Expired) => {
            return Err(AppError::field("token", "error.signature.link_expired"));
        }
        Err(LinkError::Invalid) => return Err(invalid()),
    };
    let s = signature::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::field("token", "error.signature.link_gone"))?;
    let p = find(&state.db, tenant.id, &s.petition_id.to_string())
        .await
        .map_err(|_| invalid())?;
    if s.confirmed_at.is_some() {
        return Ok((p.id, Confirmed::Already));
    }
    let write = Write::begin(state).await?;
    let now = write.now();
    if !signing_open(&p, now) {
        return Err(AppError::field("token", "error.signature.closed"));
    }
    let done = signature::Entity::update_many()
        .col_expr(signature::Column::ConfirmedAt, Expr::value(Some(now)))
        .filter(signature::Column::Id.eq(s.id))
        .filter(signature::Column::ConfirmedAt.is_null())
        .exec(&*write)
        .await?;
    if done.rows_affected != 1 {
        return Ok((p.id, Confirmed::Already));
    }
    count_more(&write, state, tenant, &p, 1).await?;
    if s.wants_updates {
        if let Some(email) = &s.email {
            let key = Scope::Procedure(p.id.to_string()).key();
            follow_confirmed(&*write, now, tenant.id, email, lang, &key).await?;
        }
    }
    write.commit().await?;
    Ok((p.id, Confirmed::Counted))
}

/// Adds `n` to a petition's count in the database itself (two at the same moment are
/// both counted). When the count reaches the quorum, the petitioner and whoever follows
/// hear of it, and the addressee's staff get a mail — once.
pub async fn count_more(
    write: &Write<'_>,
    state: &AppState,
    tenant: &tenant::Model,
    p: &petition::Model,
    n: i32,
) -> Result<(), AppError> {
    petition::Entity::update_many()
        .col_expr(
            petition::Column::SignatureCount,
            Expr::col(petition::Column::SignatureCount).add(n),
        )
        .filter(petition::Column::Id.eq(p.id))
        .exec(&**write)
        .await?;
    if p.quorum_reached_at.is_some() {
        return Ok(());
    }
    let a = addressee(&**write, p.addressee_id).await?;
    let now = write.now();
    let reached = petition::Entity::update_many()
        .col_expr(petition::Column::QuorumReachedAt, Expr::value(Some(now)))
        .filter(petition::Column::Id.eq(p.id))
        .filter(petition::Column::QuorumReachedAt.is_null())
        .filter(petition::Column::SignatureCount.gte(a.quorum))
        .exec(&**write)
        .await?;
    if reached.rows_affected == 1 {
        quorum_reached(write, state, tenant, p, &a).await?;
    }
    Ok(())
}

async fn quorum_reached(
    write: &Write<'_>,
    state: &AppState,
    tenant: &tenant::Model,
    p: &petition::Model,
    a: &crate::platform::entities::petition_addressee::Model,
) -> Result<(), AppError> {
    let current = petition::Entity::find_by_id(p.id)
        .one(&**write)
        .await?
        .unwrap_or_else(|| p.clone());
    news(write, state, tenant, &current, "quorum", "").await?;
    for (email, locale) in staff_addresses(&**write, a).await? {
        write
            .enqueue(NewMail {
                tenant_id: tenant.id,
                key: format!("petition-quorum:{}:{email}", p.id),
                template: Template::PetitionQuorum,
                to: email,
                lang: Lang::from_code(&locale).unwrap_or_default(),
                data: serde_json::json!({
                    "title": p.title,
                    "addressee": a.name,
                    "quorum": a.quorum,
                    "url": url(&state.settings, tenant, p.id),
                }),
                subscriber_id: None,
            })
            .await?;
    }
    Ok(())
}

/// Forgets signatures never confirmed within the link's lifetime.
pub async fn forget_unconfirmed(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<u64, AppError> {
    Ok(signature::Entity::delete_many()
        .filter(signature::Column::ConfirmedAt.is_null())
        .filter(signature::Column::CreatedAt.lt(now - CONFIRM_LIFETIME))
        .exec(db)
        .await?
        .rows_affected)
}
