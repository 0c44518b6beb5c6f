//! The signed links of subscriptions (`platform::signed_link`): a manage link names its
//! subscriber and never expires (it is in every notification); a confirmation link
//! names the subscriptions it confirms and expires after seven days.
use crate::platform::AppError;
use crate::platform::crypto::SecretKey;
use crate::platform::signed_link::{LinkError, Purpose, sign_link, verify_link};
use chrono::{DateTime, Duration, Utc};

const CONFIRM_LIFETIME: Duration = Duration::days(7);

/// Why a link does not work; each has its own message.
pub fn invalid_link() -> AppError {
    AppError::field("token", "error.subscription.link_invalid")
}

pub use crate::platform::notifications::manage_token;

pub fn parse_manage_token(key: &SecretKey, token: &str) -> Result<i64, AppError> {
    crate::platform::notifications::subscriber_of(key, token).ok_or_else(invalid_link)
}

/// A link that confirms the subscriptions `ids`, issued at `now`.
pub fn confirm_token(key: &SecretKey, ids: &[i64], now: DateTime<Utc>) -> String {
    let ids = ids.iter().map(i64::to_string).collect::<Vec<_>>().join("-");
    sign_link(
        key,
        Purpose::SubscriptionConfirm,
        &ids,
        now + CONFIRM_LIFETIME,
    )
}

pub fn parse_confirm_token(
    key: &SecretKey,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Vec<i64>, AppError> {
    match verify_link(key, Purpose::SubscriptionConfirm, token, now) {
        Ok(ids) => ids
            .split('-')
            .map(|id| id.parse().map_err(|_| invalid_link()))
            .collect(),
        Err(LinkError::Expired) => Err(AppError::field("token", "error.subscription.link_expired")),
        Err(LinkError::Invalid) => Err(invalid_link()),
    }
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
        let c = confirm_token(&key, &[1, 2], now);
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
