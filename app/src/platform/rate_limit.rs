//! Fixed-window rate limits kept in the database, so every process of a cluster
//! counts the same attempts.
use super::AppError;
use super::entities::rate_limit;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ConnectionTrait, EntityTrait, QueryTrait, Set};

/// One kind of limited attempt.
#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub name: &'static str,
    pub max_hits: i32,
    pub window: Duration,
}

/// Wrong logins to one account from one client: a guesser is stopped here, while the
/// owner, on another client, still gets in.
pub const LOGIN_PER_ACCOUNT_AND_CLIENT: Limit = Limit {
    name: "login-account-client",
    max_hits: 5,
    window: Duration::minutes(15),
};
/// Logins to one account from all clients together: only a guess spread over many
/// addresses reaches it (the owner is then locked out for the window, as the price of
/// stopping it).
pub const LOGIN_PER_ACCOUNT: Limit = Limit {
    name: "login-account",
    max_hits: 100,
    window: Duration::minutes(15),
};
pub const RESET_PER_ACCOUNT: Limit = Limit {
    name: "reset-account",
    max_hits: 3,
    window: Duration::hours(1),
};
/// Mails anyone can make the portal send to an address they type in (a comment's
/// confirmation link, "this address has an account already"), per address and hour.
/// Past it such mails are dropped silently: the portal does not become a way to flood a
/// stranger's mailbox, and the answer on the page tells nothing about the address.
pub const MAILS_TO_AN_ADDRESS: Limit = Limit {
    name: "mail-to-address",
    max_hits: 3,
    window: Duration::hours(1),
};

/// Whether one more mail to `email` on the tenant is within `MAILS_TO_AN_ADDRESS`.
pub async fn may_mail(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    tenant_id: uuid::Uuid,
    email: &str,
) -> Result<bool, AppError> {
    match hit(
        db,
        now,
        MAILS_TO_AN_ADDRESS,
        &format!("{tenant_id}:{email}"),
    )
    .await
    {
        Ok(()) => Ok(true),
        Err(AppError::RateLimited) => Ok(false),
        Err(e) => Err(e),
    }
}

/// Confirmations of a logged-in person's current password (changing it, deleting the
/// account, accepting an invitation into an existing account).
pub const PASSWORD_CHECK_PER_ACCOUNT: Limit = Limit {
    name: "password-check-account",
    max_hits: 10,
    window: Duration::minutes(15),
};

/// Counts a password check against the account and the client before the (costly)
/// hash is computed: beyond either limit the check is refused without hashing.
pub async fn before_password_check(
    state: &super::AppState,
    client_ip: &str,
    account: uuid::Uuid,
) -> Result<(), AppError> {
    let (db, now) = (&state.db, state.now());
    let per_client = per_ip("password-check-ip", state.settings.ip_rate_limit);
    hit(db, now, per_client, client_ip).await?;
    hit(db, now, PASSWORD_CHECK_PER_ACCOUNT, &account.to_string()).await
}

/// Per client address; the count comes from the settings (`MITWIRKEN_IP_RATE_LIMIT`).
pub fn per_ip(name: &'static str, max_hits: i32) -> Limit {
    Limit {
        name,
        max_hits,
        window: Duration::minutes(15),
    }
}

/// Counts one attempt for `key` and fails with `RateLimited` once the window is full.
pub async fn hit(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    limit: Limit,
    key: &str,
) -> Result<(), AppError> {
    let bucket = format!("{}:{key}", limit.name);
    // Start a new window when the stored one has ended; otherwise count up, and read
    // back the count this attempt made, all in one statement: concurrent attempts each
    // get their own number, so exactly `max_hits` of them pass, neither more (a stale
    // read) nor fewer (a read after later attempts had counted too).
    let window_ended =
        Expr::col((rate_limit::Entity, rate_limit::Column::WindowStart)).lt(now - limit.window);
    let mut count = rate_limit::Entity::insert(rate_limit::ActiveModel {
        bucket: Set(bucket.clone()),
        window_start: Set(now),
        hits: Set(1),
    })
    .on_conflict(
        OnConflict::column(rate_limit::Column::Bucket)
            .value(
                rate_limit::Column::Hits,
                Expr::case(window_ended.clone(), 1)
                    .finally(Expr::col((rate_limit::Entity, rate_limit::Column::Hits)).add(1)),
            )
            .value(
                rate_limit::Column::WindowStart,
                Expr::case(window_ended, now).finally(Expr::col((
                    rate_limit::Entity,
                    rate_limit::Column::WindowStart,
                ))),
            )
            .to_owned(),
    )
    .into_query();
    count.returning_col(rate_limit::Column::Hits);
    let hits: i32 = match db.query_one(&count).await? {
        Some(row) => row.try_get("", "hits")?,
        None => 1,
    };
    if hits > limit.max_hits {
        Err(AppError::RateLimited)
    } else {
        Ok(())
    }
}

/// Forgets the attempts of `key`, e.g. after a successful login.
pub async fn clear(db: &impl ConnectionTrait, limit: Limit, key: &str) -> Result<(), AppError> {
    rate_limit::Entity::delete_by_id(format!("{}:{key}", limit.name))
        .exec(db)
        .await?;
    Ok(())
}
