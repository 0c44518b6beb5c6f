//! Sessions in the database: a random token in an HttpOnly cookie, its hash in the table.
//!
//! A resolved session (its user and roles) is kept in memory and reused by the same
//! session's requests with the freshness of shared parts (`shared_renders`): never after
//! a change committed in this process, never older than `FRESH_FOR`. Everything that
//! ends a session or changes a user or their roles is such a change: logout (`close`)
//! counts one itself, password changes, resets and account deletion end sessions inside
//! a `Write`. So in this process a session ends at once; another process of the same
//! portal (several behind one load balancer) may accept it for at most `FRESH_FOR` more.
use super::crypto::{random_token, token_hash};
use super::entities::{role_assignment, session, user};
use super::shared_renders::{SharedRenders, Stamp};
use super::{AppError, AppState, Settings};
use crate::domain::Role;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use std::sync::Arc;
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

/// Sessions resolved lately, by tenant and token hash. Only live sessions are kept, so
/// made-up tokens cannot fill it.
pub struct ResolvedSessions(SharedRenders);

/// How many sessions are kept at most, and about how much memory one takes.
const MAX_RESOLVED: usize = 4096;
const RESOLVED_BYTES: usize = 1024;

impl Default for ResolvedSessions {
    fn default() -> Self {
        ResolvedSessions(SharedRenders::bounded(
            MAX_RESOLVED,
            MAX_RESOLVED * RESOLVED_BYTES,
        ))
    }
}

impl ResolvedSessions {
    /// How many sessions are kept (fresh or not).
    pub fn count(&self) -> usize {
        self.0.count("")
    }
}

/// A live session as read from the database.
struct Resolved {
    expires_at: DateTime<Utc>,
    last_seen_at: DateTime<Utc>,
    user: CurrentUser,
}

impl Resolved {
    fn alive_at(&self, now: DateTime<Utc>) -> bool {
        self.expires_at > now && self.last_seen_at + IDLE_TIMEOUT > now
    }
}

/// The user of a session token, if the session is alive and belongs to `tenant_id`.
pub async fn resolve(
    state: &AppState,
    tenant_id: Uuid,
    token: &str,
) -> Result<Option<CurrentUser>, AppError> {
    let hash = token_hash(token);
    let key = format!("{tenant_id} {hash}");
    let stamp = Stamp::of(state);
    let now = state.now();
    let kept = state.resolved_sessions.0.get::<Resolved>(&key, &stamp);
    if let Some(kept) = kept.filter(|k| k.alive_at(now)) {
        return Ok(Some(kept.user.clone()));
    }
    let Some(resolved) = read(&state.db, now, tenant_id, hash).await? else {
        return Ok(None);
    };
    let user = resolved.user.clone();
    state
        .resolved_sessions
        .0
        .put(key, stamp, RESOLVED_BYTES, Arc::new(resolved));
    Ok(Some(user))
}

/// Reads a session, its user and their roles; ends the session if it timed out and
/// notes that it was used if that was noted more than `TOUCH_INTERVAL` ago.
async fn read(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    tenant_id: Uuid,
    hash: String,
) -> Result<Option<Resolved>, AppError> {
    let Some(s) = session::Entity::find_by_id(hash).one(db).await? else {
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
    Ok(Some(Resolved {
        expires_at: s.expires_at,
        last_seen_at: s.last_seen_at,
        user: CurrentUser { user, roles },
    }))
}

/// Ends a session (logout), in this process at once: the change is counted, so the
/// session kept as resolved is stale.
pub async fn close(state: &AppState, token: &str) -> Result<(), AppError> {
    session::Entity::delete_by_id(token_hash(token))
        .exec(&state.db)
        .await?;
    state.count_change();
    Ok(())
}

/// Ends every session of a user, e.g. after a password change, except `keep`. Called
/// inside a `Write`, whose commit counts the change.
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
