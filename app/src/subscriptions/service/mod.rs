//! Subscriptions with double opt-in: subscribe, confirm through the mailed link, and
//! follow with an address already confirmed. The signed links are in `links`; the
//! manage page of a subscriber in `manage`.
pub mod links;
pub mod manage;

use crate::domain::{EmailAddress, FieldErrors, Frequency, Scope, Status};
use crate::i18n::Lang;
use crate::platform::entities::{
    comment, organization, procedure, subscriber, subscription, tenant,
};
use crate::platform::mail::{NewMail, Template};
use crate::platform::rate_limit::{self, Limit};
use crate::platform::{AppError, AppState, Write, tenants};
use crate::subscriptions::types::SubscriptionChoices;
use chrono::{DateTime, Duration, Utc};
use links::{confirm_token, invalid_link, manage_token, parse_confirm_token};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use uuid::Uuid;

/// Confirmation mails one address may be sent per hour: the form must not become a way
/// to flood someone's mailbox.
const CONFIRMATIONS_PER_ADDRESS: Limit = Limit {
    name: "subscribe-address",
    max_hits: 5,
    window: Duration::hours(1),
};

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

/// An organization scope must name an organization of this tenant, a procedure scope a
/// procedure (or petition) of this tenant that is public: a draft's id must not bring its
/// title into a confirmation mail.
async fn check_scopes(
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
        if let Scope::Procedure(id) = scope {
            let nothing = || AppError::field("", "error.subscription.none");
            let id = Uuid::parse_str(id).map_err(|_| nothing())?;
            let public = procedure::Entity::find_by_id(id)
                .filter(procedure::Column::TenantId.eq(tenant_id))
                .filter(procedure::Column::Status.ne(Status::Draft))
                .one(db)
                .await?;
            if public.is_none() {
                return Err(nothing());
            }
        }
    }
    Ok(())
}

fn invalid_org() -> AppError {
    AppError::field("organization", "error.organization.invalid")
}

/// What one can follow on a tenant: its organizations (the topics are fixed).
pub async fn choices(
    state: &AppState,
    tenant: &tenant::Model,
) -> Result<SubscriptionChoices, AppError> {
    Ok(SubscriptionChoices {
        organizations: organization::Entity::find()
            .filter(organization::Column::TenantId.eq(tenant.id))
            .order_by_asc(organization::Column::Name)
            .all(&state.db)
            .await?
            .into_iter()
            .map(|o| (o.id.to_string(), o.name))
            .collect(),
    })
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

/// The subscriber with `email` on the tenant, written first if the address is new. A
/// known address keeps its settings: only its owner changes them (manage page).
async fn subscriber_for(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    tenant_id: Uuid,
    email: &str,
    lang: Lang,
    frequency: Frequency,
) -> Result<subscriber::Model, AppError> {
    subscriber::Entity::insert(subscriber::ActiveModel {
        tenant_id: Set(tenant_id),
        email: Set(email.to_string()),
        language: Set(lang.code().to_string()),
        frequency: Set(frequency.as_str().to_string()),
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
    subscriber::Entity::find()
        .filter(subscriber::Column::TenantId.eq(tenant_id))
        .filter(subscriber::Column::Email.eq(email))
        .one(db)
        .await?
        .ok_or_else(|| AppError::Internal("subscriber vanished".into()))
}

/// Writes the subscriptions of `keys` as confirmed (also those waiting for it): the
/// address is proven (an account's, a confirmed contribution's, or the manage link's).
pub(super) async fn follow_confirmed_keys(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    subscriber_id: i64,
    keys: impl IntoIterator<Item = String>,
) -> Result<(), AppError> {
    subscription::Entity::insert_many(keys.into_iter().map(|key| subscription::ActiveModel {
        subscriber_id: Set(subscriber_id),
        topic_key: Set(key),
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
    .exec_without_returning(db)
    .await?;
    Ok(())
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
    let person = subscriber_for(db, now, tenant_id, email, lang, Frequency::Immediate).await?;
    follow_confirmed_keys(db, now, person.id, [key.to_string()]).await
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
    check_scopes(&state.db, tenant.id, &scopes).await?;
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

    let write = Write::begin(state).await?;
    let person = subscriber_for(&*write, now, tenant.id, email.as_str(), lang, frequency).await?;
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
    .exec_without_returning(&*write)
    .await?;
    let wanted = subscription::Entity::find()
        .filter(subscription::Column::SubscriberId.eq(person.id))
        .filter(subscription::Column::TopicKey.is_in(keys.clone()))
        .all(&*write)
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
        let token = confirm_token(&state.secret, &unconfirmed, now);
        (
            false,
            format!("{base}/benachrichtigungen/bestaetigen?token={token}"),
        )
    };
    write
        .enqueue(NewMail {
            tenant_id: tenant.id,
            key: format!("subscription-confirm:{}", Uuid::new_v4()),
            template: Template::SubscriptionConfirm,
            to: person.email.clone(),
            lang: mail_lang,
            data: serde_json::json!({
                "already": already,
                "link": link,
                "scopes": labels(&*write, tenant.id, mail_lang, &keys).await?,
            }),
            subscriber_id: None,
        })
        .await?;
    write.commit().await
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
