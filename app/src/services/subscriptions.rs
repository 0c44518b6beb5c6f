//! Subscriptions with double opt-in, managed without an account through signed links.
//! A manage link names its subscriber and never expires (it is in every notification);
//! a confirmation link names the subscriptions it confirms and expires after 7 days.
use super::crypto::{SecretKey, sign, verify_signature};
use super::entities::{
    comment, organization, outbox as outbox_row, procedure, subscriber, subscription, tenant,
};
use super::mail::outbox::{self, QUEUED};
use super::mail::{NewMail, Template};
use super::rate_limit::{self, Limit};
use super::{AppError, AppState, tenants};
use crate::domain::{EmailAddress, FieldErrors, Frequency, Scope};
use crate::i18n::Lang;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

const CONFIRM_LIFETIME: Duration = Duration::days(7);

/// Confirmation mails one address may be sent per hour: the form must not become a way
/// to flood someone's mailbox.
const CONFIRMATIONS_PER_ADDRESS: Limit = Limit {
    name: "subscribe-address",
    max_hits: 5,
    window: Duration::hours(1),
};

pub fn manage_token(key: &SecretKey, subscriber_id: i64) -> String {
    let data = format!("m{subscriber_id}");
    format!("{data}.{}", sign(key, &data))
}

fn confirm_token(key: &SecretKey, ids: &[i64], expires: DateTime<Utc>) -> String {
    let ids = ids.iter().map(i64::to_string).collect::<Vec<_>>().join("-");
    let data = format!("c{ids}.{}", expires.timestamp());
    format!("{data}.{}", sign(key, &data))
}

/// Why a link does not work; each has its own message.
fn invalid_link() -> AppError {
    AppError::field("token", "error.subscription.link_invalid")
}

fn parse_manage_token(key: &SecretKey, token: &str) -> Result<i64, AppError> {
    let (data, sig) = token.trim().rsplit_once('.').ok_or_else(invalid_link)?;
    if !verify_signature(key, data, sig) {
        return Err(invalid_link());
    }
    data.strip_prefix('m')
        .and_then(|id| id.parse().ok())
        .ok_or_else(invalid_link)
}

fn parse_confirm_token(
    key: &SecretKey,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Vec<i64>, AppError> {
    let (data, sig) = token.trim().rsplit_once('.').ok_or_else(invalid_link)?;
    if !verify_signature(key, data, sig) {
        return Err(invalid_link());
    }
    let (ids, expires) = data
        .strip_prefix('c')
        .and_then(|d| d.split_once('.'))
        .ok_or_else(invalid_link)?;
    let expires: i64 = expires.parse().map_err(|_| invalid_link())?;
    if now.timestamp() > expires {
        return Err(AppError::field("token", "error.subscription.link_expired"));
    }
    ids.split('-')
        .map(|id| id.parse().map_err(|_| invalid_link()))
        .collect()
}

/// What the subscription form sends. Empty choices are left out; at least one is needed.
pub struct SubscribeInput {
    pub email: String,
    pub organization: String,
    pub topic: String,
    pub area: String,
    pub procedure: String,
    pub frequency: String,
}

/// Reads the scope fields of a form; errors go next to their field.
fn scopes_of(
    errors: &mut FieldErrors,
    organization: &str,
    topic: &str,
    area: &str,
    procedure: &str,
) -> Vec<Scope> {
    let mut scopes = Vec::new();
    if !organization.trim().is_empty() {
        match Uuid::parse_str(organization.trim()) {
            Ok(id) => scopes.push(Scope::Organization(id.to_string())),
            Err(_) => errors.add("organization", "error.organization.invalid"),
        }
    }
    if !topic.trim().is_empty() {
        scopes.extend(errors.check("topic", Scope::topic(topic)));
    }
    if !area.trim().is_empty() {
        scopes.extend(errors.check("area", Scope::area(area)));
    }
    if !procedure.trim().is_empty() {
        match Uuid::parse_str(procedure.trim()) {
            Ok(id) => scopes.push(Scope::Procedure(id.to_string())),
            Err(_) => errors.add("", "error.subscription.none"),
        }
    }
    if scopes.is_empty() && errors.is_empty() {
        errors.add("topic", "error.subscription.none");
    }
    scopes
}

/// An organization scope must name an organization of this tenant.
async fn check_organizations(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    scopes: &[Scope],
) -> Result<(), AppError> {
    for scope in scopes {
        if let Scope::Organization(id) = scope {
            let id = Uuid::parse_str(id).map_err(|_| invalid_org())?;
            let found = organization::Entity::find_by_id(id)
                .filter(organization::Column::TenantId.eq(tenant_id))
                .one(db)
                .await?;
            if found.is_none() {
                return Err(invalid_org());
            }
        }
    }
    Ok(())
}

fn invalid_org() -> AppError {
    AppError::field("organization", "error.organization.invalid")
}

/// The organizations of a tenant one can follow.
pub async fn organizations(
    state: &AppState,
    tenant: &tenant::Model,
) -> Result<Vec<organization::Model>, AppError> {
    Ok(organization::Entity::find()
        .filter(organization::Column::TenantId.eq(tenant.id))
        .order_by_asc(organization::Column::Name)
        .all(&state.db)
        .await?)
}

/// Human-readable names of subscription keys, in `lang`.
pub async fn labels(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    lang: Lang,
    keys: &[String],
) -> Result<Vec<String>, AppError> {
    let orgs = organization::Entity::find()
        .filter(organization::Column::TenantId.eq(tenant_id))
        .all(db)
        .await?;
    let ids_of = |kind: fn(&Scope) -> Option<&String>| -> Vec<Uuid> {
        keys.iter()
            .filter_map(|k| Scope::from_key(k))
            .filter_map(|s| kind(&s).and_then(|id| Uuid::parse_str(id).ok()))
            .collect()
    };
    let comment_ids = ids_of(|s| match s {
        Scope::Comment(id) => Some(id),
        _ => None,
    });
    let comments = comment::Entity::find()
        .filter(comment::Column::Id.is_in(comment_ids))
        .filter(comment::Column::TenantId.eq(tenant_id))
        .all(db)
        .await?;
    let mut procedure_ids = ids_of(|s| match s {
        Scope::Procedure(id) => Some(id),
        _ => None,
    });
    procedure_ids.extend(comments.iter().map(|c| c.procedure_id));
    let procedures = procedure::Entity::find()
        .filter(procedure::Column::Id.is_in(procedure_ids))
        .filter(procedure::Column::TenantId.eq(tenant_id))
        .all(db)
        .await?;
    let title = |id: &str| {
        procedures
            .iter()
            .find(|p| p.id.to_string() == id)
            .map(|p| p.title.clone())
            .unwrap_or_else(|| id.to_string())
    };
    Ok(keys
        .iter()
        .map(|key| match Scope::from_key(key) {
            Some(Scope::Organization(id)) => {
                let name = orgs
                    .iter()
                    .find(|o| o.id.to_string() == id)
                    .map(|o| o.name.clone())
                    .unwrap_or(id);
                format!("{}: {name}", lang.t("subscription.scope.organization"))
            }
            Some(Scope::Topic(slug)) => format!(
                "{}: {}",
                lang.t("subscription.scope.topic"),
                lang.t(&format!("topic.{slug}"))
            ),
            Some(Scope::Area(area)) => {
                format!("{}: {area}", lang.t("subscription.scope.area"))
            }
            Some(Scope::Procedure(id)) => {
                format!("{}: {}", lang.t("subscription.scope.procedure"), title(&id))
            }
            Some(Scope::Comment(id)) => {
                let (number, procedure) = comments
                    .iter()
                    .find(|c| c.id.to_string() == id)
                    .map(|c| (c.number.to_string(), title(&c.procedure_id.to_string())))
                    .unwrap_or_default();
                lang.tf(
                    "subscription.scope.comment",
                    &[("number", &number), ("procedure", &procedure)],
                )
            }
            None => key.clone(),
        })
        .collect())
}

/// Follows `key` with an address that is already confirmed (an account's, or the one a
/// comment was confirmed with): no double opt-in mail. A known address keeps its
/// language and frequency.
pub async fn follow_confirmed(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    tenant_id: Uuid,
    email: &str,
    lang: Lang,
    key: &str,
) -> Result<(), AppError> {
    subscriber::Entity::insert(subscriber::ActiveModel {
        tenant_id: Set(tenant_id),
        email: Set(email.to_string()),
        language: Set(lang.code().to_string()),
        frequency: Set(Frequency::Immediate.as_str().to_string()),
        created_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([subscriber::Column::TenantId, subscriber::Column::Email])
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    let person = subscriber::Entity::find()
        .filter(subscriber::Column::TenantId.eq(tenant_id))
        .filter(subscriber::Column::Email.eq(email))
        .one(db)
        .await?
        .ok_or_else(|| AppError::Internal("subscriber vanished".into()))?;
    subscription::Entity::insert(subscription::ActiveModel {
        subscriber_id: Set(person.id),
        topic_key: Set(key.to_string()),
        created_at: Set(now),
        confirmed_at: Set(Some(now)),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            subscription::Column::SubscriberId,
            subscription::Column::TopicKey,
        ])
        .update_column(subscription::Column::ConfirmedAt)
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Records the wished subscriptions unconfirmed and mails the confirmation link. The
/// answer is the same whether the address was known: the mail tells the owner.
pub async fn subscribe(
    state: &AppState,
    tenant: &tenant::Model,
    ip: &str,
    lang: Lang,
    input: SubscribeInput,
) -> Result<(), AppError> {
    let mut errors = FieldErrors::default();
    let email = errors.check("email", EmailAddress::parse(&input.email));
    let scopes = scopes_of(
        &mut errors,
        &input.organization,
        &input.topic,
        &input.area,
        &input.procedure,
    );
    let frequency = errors.check("frequency", Frequency::parse(&input.frequency));
    let (Some(email), Some(frequency), true) = (email, frequency, errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    check_organizations(&state.db, tenant.id, &scopes).await?;
    let now = state.now();
    rate_limit::hit(
        &state.db,
        now,
        rate_limit::per_ip("subscribe-ip", state.settings.ip_rate_limit),
        ip,
    )
    .await?;
    // Past the per-address limit the request is dropped silently, as for password resets.
    let address_key = format!("{}:{}", tenant.id, email.as_str());
    if rate_limit::hit(&state.db, now, CONFIRMATIONS_PER_ADDRESS, &address_key)
        .await
        .is_err()
    {
        return Ok(());
    }

    let txn = crate::services::db::begin_write(&state.db).await?;
    subscriber::Entity::insert(subscriber::ActiveModel {
        tenant_id: Set(tenant.id),
        email: Set(email.as_str().to_string()),
        language: Set(lang.code().to_string()),
        frequency: Set(frequency.as_str().to_string()),
        created_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        // A known address keeps its settings: only its owner changes them (manage page).
        OnConflict::columns([subscriber::Column::TenantId, subscriber::Column::Email])
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    let person = subscriber::Entity::find()
        .filter(subscriber::Column::TenantId.eq(tenant.id))
        .filter(subscriber::Column::Email.eq(email.as_str()))
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::Internal("subscriber vanished".into()))?;
    let keys: Vec<String> = scopes.iter().map(Scope::key).collect();
    subscription::Entity::insert_many(keys.iter().map(|key| subscription::ActiveModel {
        subscriber_id: Set(person.id),
        topic_key: Set(key.clone()),
        created_at: Set(now),
        confirmed_at: Set(None),
        ..Default::default()
    }))
    .on_conflict(
        OnConflict::columns([
            subscription::Column::SubscriberId,
            subscription::Column::TopicKey,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    let wanted = subscription::Entity::find()
        .filter(subscription::Column::SubscriberId.eq(person.id))
        .filter(subscription::Column::TopicKey.is_in(keys.clone()))
        .all(&txn)
        .await?;
    let unconfirmed: Vec<i64> = wanted
        .iter()
        .filter(|s| s.confirmed_at.is_none())
        .map(|s| s.id)
        .collect();
    let mail_lang = Lang::from_code(&person.language).unwrap_or(lang);
    let base = tenants::base_url(&state.settings, tenant);
    let (already, link) = if unconfirmed.is_empty() {
        let token = manage_token(&state.secret, person.id);
        (
            true,
            format!("{base}/benachrichtigungen/verwalten?token={token}"),
        )
    } else {
        let token = confirm_token(&state.secret, &unconfirmed, now + CONFIRM_LIFETIME);
        (
            false,
            format!("{base}/benachrichtigungen/bestaetigen?token={token}"),
        )
    };
    outbox::enqueue(
        &txn,
        now,
        NewMail {
            tenant_id: tenant.id,
            key: format!("subscription-confirm:{}", Uuid::new_v4()),
            template: Template::SubscriptionConfirm,
            to: person.email.clone(),
            lang: mail_lang,
            data: serde_json::json!({
                "already": already,
                "link": link,
                "scopes": labels(&txn, tenant.id, mail_lang, &keys).await?,
            }),
            subscriber_id: None,
        },
    )
    .await?;
    txn.commit().await?;
    state.mail_queued.notify_one();
    Ok(())
}

/// Confirms the subscriptions of a confirmation link; returns the manage token.
pub async fn confirm(
    state: &AppState,
    tenant: &tenant::Model,
    token: &str,
) -> Result<String, AppError> {
    let now = state.now();
    let ids = parse_confirm_token(&state.secret, token, now)?;
    let rows = subscription::Entity::find()
        .filter(subscription::Column::Id.is_in(ids))
        .all(&state.db)
        .await?;
    let Some(first) = rows.first() else {
        // Unsubscribed since the link was sent.
        return Err(AppError::field("token", "error.subscription.gone"));
    };
    let person = subscriber::Entity::find_by_id(first.subscriber_id)
        .filter(subscriber::Column::TenantId.eq(tenant.id))
        .one(&state.db)
        .await?
        .ok_or_else(invalid_link)?;
    subscription::Entity::update_many()
        .col_expr(subscription::Column::ConfirmedAt, Some(now).into())
        .filter(subscription::Column::Id.is_in(rows.iter().map(|r| r.id)))
        .filter(subscription::Column::SubscriberId.eq(person.id))
        .filter(subscription::Column::ConfirmedAt.is_null())
        .exec(&state.db)
        .await?;
    Ok(manage_token(&state.secret, person.id))
}

/// A subscriber's settings, as the manage page shows them.
pub struct Overview {
    pub email: String,
    pub frequency: Frequency,
    /// (id, label, confirmed)
    pub subscriptions: Vec<(i64, String, bool)>,
}

async fn subscriber_of(
    state: &AppState,
    tenant: &tenant::Model,
    token: &str,
) -> Result<Option<subscriber::Model>, AppError> {
    let id = parse_manage_token(&state.secret, token)?;
    Ok(subscriber::Entity::find_by_id(id)
        .filter(subscriber::Column::TenantId.eq(tenant.id))
        .one(&state.db)
        .await?)
}

/// `None` when the subscriber unsubscribed from everything (the link still verifies).
pub async fn overview(
    state: &AppState,
    tenant: &tenant::Model,
    lang: Lang,
    token: &str,
) -> Result<Option<Overview>, AppError> {
    let Some(person) = subscriber_of(state, tenant, token).await? else {
        return Ok(None);
    };
    let rows = subscription::Entity::find()
        .filter(subscription::Column::SubscriberId.eq(person.id))
        .order_by_asc(subscription::Column::Id)
        .all(&state.db)
        .await?;
    let keys: Vec<String> = rows.iter().map(|r| r.topic_key.clone()).collect();
    let names = labels(&state.db, tenant.id, lang, &keys).await?;
    Ok(Some(Overview {
        email: person.email,
        frequency: Frequency::parse(&person.frequency).unwrap_or_default(),
        subscriptions: rows
            .iter()
            .zip(names)
            .map(|(r, name)| (r.id, name, r.confirmed_at.is_some()))
            .collect(),
    }))
}

async fn existing_subscriber(
    state: &AppState,
    tenant: &tenant::Model,
    token: &str,
) -> Result<subscriber::Model, AppError> {
    subscriber_of(state, tenant, token)
        .await?
        .ok_or_else(|| AppError::field("token", "error.subscription.gone"))
}

pub async fn set_frequency(
    state: &AppState,
    tenant: &tenant::Model,
    token: &str,
    frequency: &str,
) -> Result<(), AppError> {
    let frequency = Frequency::parse(frequency).map_err(|k| AppError::field("frequency", k))?;
    let person = existing_subscriber(state, tenant, token).await?;
    let mut row: subscriber::ActiveModel = person.into();
    row.frequency = Set(frequency.as_str().to_string());
    row.update(&state.db).await?;
    Ok(())
}

/// Adds subscriptions from the manage page: the link proves the address, so they count
/// at once.
pub async fn add(
    state: &AppState,
    tenant: &tenant::Model,
    token: &str,
    organization: &str,
    topic: &str,
    area: &str,
) -> Result<(), AppError> {
    let person = existing_subscriber(state, tenant, token).await?;
    let mut errors = FieldErrors::default();
    let scopes = scopes_of(&mut errors, organization, topic, area, "");
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    check_organizations(&state.db, tenant.id, &scopes).await?;
    let now = state.now();
    subscription::Entity::insert_many(scopes.iter().map(|s| subscription::ActiveModel {
        subscriber_id: Set(person.id),
        topic_key: Set(s.key()),
        created_at: Set(now),
        confirmed_at: Set(Some(now)),
        ..Default::default()
    }))
    .on_conflict(
        OnConflict::columns([
            subscription::Column::SubscriberId,
            subscription::Column::TopicKey,
        ])
        .update_column(subscription::Column::ConfirmedAt)
        .to_owned(),
    )
    .exec_without_returning(&state.db)
    .await?;
    Ok(())
}

pub async fn remove(
    state: &AppState,
    tenant: &tenant::Model,
    token: &str,
    subscription_id: i64,
) -> Result<(), AppError> {
    let person = existing_subscriber(state, tenant, token).await?;
    subscription::Entity::delete_many()
        .filter(subscription::Column::Id.eq(subscription_id))
        .filter(subscription::Column::SubscriberId.eq(person.id))
        .exec(&state.db)
        .await?;
    Ok(())
}

/// One-click unsubscribe: forgets the address with all its subscriptions and drops its
/// notifications not yet sent. Returns false when it was unsubscribed already.
pub async fn unsubscribe_all(
    state: &AppState,
    tenant: &tenant::Model,
    token: &str,
) -> Result<bool, AppError> {
    let Some(person) = subscriber_of(state, tenant, token).await? else {
        return Ok(false);
    };
    let txn = crate::services::db::begin_write(&state.db).await?;
    outbox_row::Entity::delete_many()
        .filter(outbox_row::Column::SubscriberId.eq(person.id))
        .filter(outbox_row::Column::Status.eq(QUEUED))
        .exec(&txn)
        .await?;
    subscriber::Entity::delete_by_id(person.id)
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_signed_and_confirmation_links_expire() {
        let key = SecretKey::new(vec![7; 32]);
        let other = SecretKey::new(vec![8; 32]);
        let t = manage_token(&key, 42);
        assert_eq!(parse_manage_token(&key, &t).unwrap(), 42);
        assert!(parse_manage_token(&other, &t).is_err());
        assert!(parse_manage_token(&key, &t.replace("m42", "m43")).is_err());
        let now = Utc::now();
        let c = confirm_token(&key, &[1, 2], now + Duration::days(7));
        assert_eq!(parse_confirm_token(&key, &c, now).unwrap(), vec![1, 2]);
        let late = parse_confirm_token(&key, &c, now + Duration::days(8)).unwrap_err();
        assert!(
            matches!(late, AppError::Invalid(e) if e.get("token") == Some("error.subscription.link_expired"))
        );
        // A manage token is not a confirmation token and the other way round.
        assert!(parse_confirm_token(&key, &t, now).is_err());
        assert!(parse_manage_token(&key, &c).is_err());
    }
}
