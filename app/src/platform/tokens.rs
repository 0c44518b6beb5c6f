//! Single-use links sent by mail: e-mail verification, password reset, staff invitation.
use super::AppError;
use super::crypto::{random_token, token_hash};
use super::entities::one_time_token;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    VerifyEmail,
    ResetPassword,
    Invitation,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::VerifyEmail => "verify_email",
            Purpose::ResetPassword => "reset_password",
            Purpose::Invitation => "invitation",
        }
    }

    pub fn lifetime(self) -> Duration {
        match self {
            Purpose::VerifyEmail => Duration::hours(48),
            Purpose::ResetPassword => Duration::hours(1),
            Purpose::Invitation => Duration::days(7),
        }
    }
}

pub struct NewToken<'a> {
    pub purpose: Purpose,
    pub tenant_id: Uuid,
    pub user_id: Option<Uuid>,
    pub email: &'a str,
    pub payload: Option<serde_json::Value>,
}

/// Stores a new token and returns the secret that goes into the link.
pub async fn issue(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    new: NewToken<'_>,
) -> Result<String, AppError> {
    let token = random_token();
    one_time_token::ActiveModel {
        token_hash: Set(token_hash(&token)),
        purpose: Set(new.purpose.as_str().to_string()),
        tenant_id: Set(new.tenant_id),
        user_id: Set(new.user_id),
        email: Set(new.email.to_string()),
        payload: Set(new.payload),
        created_at: Set(now),
        expires_at: Set(now + new.purpose.lifetime()),
        used_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// Looks a token up without using it (to show the form behind a link).
pub async fn peek(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    purpose: Purpose,
    tenant_id: Uuid,
    token: &str,
) -> Result<one_time_token::Model, AppError> {
    let row = one_time_token::Entity::find_by_id(token_hash(token))
        .one(db)
        .await?
        .filter(|t| t.purpose == purpose.as_str() && t.tenant_id == tenant_id)
        .ok_or_else(|| AppError::field("token", "error.token.invalid"))?;
    if row.used_at.is_some() {
        return Err(AppError::field("token", "error.token.used"));
    }
    if row.expires_at <= now {
        return Err(AppError::field("token", "error.token.expired"));
    }
    Ok(row)
}

/// Uses up every open token of `purpose` of the account: once one reset link was used
/// (or the password changed), the older links in the mailbox must not work any more.
pub async fn revoke_all(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    purpose: Purpose,
    user_id: Uuid,
) -> Result<(), AppError> {
    one_time_token::Entity::update_many()
        .col_expr(one_time_token::Column::UsedAt, Expr::value(now))
        .filter(one_time_token::Column::UserId.eq(user_id))
        .filter(one_time_token::Column::Purpose.eq(purpose.as_str()))
        .filter(one_time_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Uses a token up. The conditional update makes two concurrent uses impossible.
pub async fn consume(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    purpose: Purpose,
    tenant_id: Uuid,
    token: &str,
) -> Result<one_time_token::Model, AppError> {
    let row = peek(db, now, purpose, tenant_id, token).await?;
    let updated = one_time_token::Entity::update_many()
        .col_expr(one_time_token::Column::UsedAt, Expr::value(now))
        .filter(one_time_token::Column::TokenHash.eq(row.token_hash.clone()))
        .filter(one_time_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    if updated.rows_affected != 1 {
        return Err(AppError::field("token", "error.token.used"));
    }
    Ok(row)
}
