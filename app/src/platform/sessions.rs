//! Sessions in the database: a random token in an HttpOnly cookie, its hash in the table.
use super::crypto::{random_token, token_hash};
use super::entities::{role_assignment, session, user};
use super::{AppError, Settings};
use crate::domain::Role;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

pub const COOKIE: &str = "mitwirken_session";
/// A session ends after this long without a request ...
pub const IDLE_TIMEOUT: Duration = Duration::hours(8);
/// ... and in any case this long after login.
pub const ABSOLUTE_TIMEOUT: Duration = Duration::days(14);
/// `last_seen_at` is written at most this often, not on every request.
const TOUCH_INTERVAL: Duration = Duration::minutes(1);

/// The person behind a request, with their roles in the request's tenant.
#[derive(Clone, Debug)]
pub struct CurrentUser {
    pub user: user::Model,
    pub roles: Vec<(Role, Option<Uuid>)>,
}

impl CurrentUser {
    pub fn has_role(&self, role: Role) -> bool {
        self.roles.iter().any(|(r, _)| *r == role)
    }

    pub fn has_role_in(&self, role: Role, organization_id: Uuid) -> bool {
        self.roles
            .iter()
            .any(|(r, o)| *r == role && *o == Some(organization_id))
    }
}

/// Opens a new session for `user_id` and returns its token. Called at every login, so a
/// token planted before login (session fixation) is never the one that is logged in.
pub async fn open(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    user: &user::Model,
) -> Result<String, AppError> {
    let token = random_token();
    session::ActiveModel {
        token_hash: Set(token_hash(&token)),
        user_id: Set(user.id),
        tenant_id: Set(user.tenant_id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + ABSOLUTE_TIMEOUT),
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The user of a session token, if the session is alive and belongs to `tenant_id`.
pub async fn resolve(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    tenant_id: Uuid,
    token: &str,
) -> Result<Option<CurrentUser>, AppError> {
    let Some(s) = session::Entity::find_by_id(token_hash(token))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if s.tenant_id != tenant_id {
        return Ok(None);
    }
    if s.expires_at <= now || s.last_seen_at + IDLE_TIMEOUT <= now {
        session::Entity::delete_by_id(s.token_hash).exec(db).await?;
        return Ok(None);
    }
    if now - s.last_seen_at > TOUCH_INTERVAL {
        let mut active: session::ActiveModel = s.clone().into();
        active.last_seen_at = Set(now);
        active.update(db).await?;
    }
    let Some(user) = user::Entity::find_by_id(s.user_id).one(db).await? else {
        return Ok(None);
    };
    let roles = role_assignment::Entity::find()
        .filter(role_assignment::Column::UserId.eq(user.id))
        .filter(role_assignment::Column::TenantId.eq(tenant_id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|r| Role::parse(&r.role).map(|role| (role, r.organization_id)))
        .collect();
    Ok(Some(CurrentUser { user, roles }))
}

pub async fn close(db: &impl ConnectionTrait, token: &str) -> Result<(), AppError> {
    session::Entity::delete_by_id(token_hash(token))
        .exec(db)
        .await?;
    Ok(())
}

/// Ends every session of a user, e.g. after a password change, except `keep`.
pub async fn close_all(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    keep: Option<&str>,
) -> Result<(), AppError> {
    let mut q = session::Entity::delete_many().filter(session::Column::UserId.eq(user_id));
    if let Some(token) = keep {
        q = q.filter(session::Column::TokenHash.ne(token_hash(token)));
    }
    q.exec(db).await?;
    Ok(())
}

/// The `Set-Cookie` value that stores a session token (or, with `None`, removes it).
pub fn cookie(settings: &Settings, token: Option<&str>) -> String {
    let secure = if settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    match token {
        Some(t) => format!(
            "{COOKIE}={t}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
            ABSOLUTE_TIMEOUT.num_seconds()
        ),
        None => format!("{COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"),
    }
}
