//! The manage page of a subscriber, opened with the signed link every notification
//! carries: frequency, adding and removing subscriptions, unsubscribing from all.
use super::links::parse_manage_token;
use super::{check_scopes, follow_confirmed_keys, labels, scopes_of};
use crate::domain::{FieldErrors, Frequency};
use crate::i18n::Lang;
use crate::platform::entities::{outbox as outbox_row, subscriber, subscription, tenant};
use crate::platform::mail::outbox::QUEUED;
use crate::platform::{AppError, AppState, Write};
use crate::subscriptions::types::{SubscriberView, SubscriptionView};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

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
) -> Result<Option<SubscriberView>, AppError> {
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
    Ok(Some(SubscriberView {
        email: person.email,
        frequency: Frequency::parse(&person.frequency).unwrap_or_default(),
        subscriptions: rows
            .iter()
            .zip(names)
            .map(|(r, label)| SubscriptionView {
                id: r.id,
                label,
                confirmed: r.confirmed_at.is_some(),
            })
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
    check_scopes(&state.db, tenant.id, &scopes).await?;
    let now = state.now();
    follow_confirmed_keys(&state.db, now, person.id, scopes.iter().map(|s| s.key())).await?;
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
    let write = Write::begin(state).await?;
    forget_subscriber(&*write, person.id).await?;
    write.commit().await?;
    Ok(true)
}

/// Forgets a subscriber with all its subscriptions and its notifications not yet sent.
async fn forget_subscriber(db: &impl ConnectionTrait, id: i64) -> Result<(), AppError> {
    outbox_row::Entity::delete_many()
        .filter(outbox_row::Column::SubscriberId.eq(id))
        .filter(outbox_row::Column::Status.eq(QUEUED))
        .exec(db)
        .await?;
    subscriber::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
}

/// When an account is deleted: the subscriptions of its address on the tenant go too
/// (the person asked to be forgotten; the notifications would keep coming otherwise).
pub async fn forget_address(
    db: &impl ConnectionTrait,
    tenant_id: uuid::Uuid,
    email: &str,
) -> Result<(), AppError> {
    let found = subscriber::Entity::find()
        .filter(subscriber::Column::TenantId.eq(tenant_id))
        .filter(subscriber::Column::Email.eq(email))
        .one(db)
        .await?;
    if let Some(person) = found {
        forget_subscriber(db, person.id).await?;
    }
    Ok(())
}
