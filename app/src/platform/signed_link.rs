//! Signed links: a purpose, a payload and (for most) an expiry, signed with the server's
//! key, so a link proves itself without a database row. Used where a stored one-time
//! token is not needed: confirming a contribution or a subscription by mail, managing
//! subscriptions, the flash cookie of a plain form post.
//!
//! A link reads `<prefix><payload>[.<expires>].<signature>`; the signature covers
//! everything before it, the check is constant-time (HMAC-SHA256 `verify_slice`), and a
//! link of one purpose never passes as another (each purpose has its own prefix).
use super::crypto::{SecretKey, sign, verify_signature};
use chrono::{DateTime, Utc};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// A contribution sent without an account: the author confirms the address.
    ContributionConfirm,
    /// Subscriptions waiting for their double opt-in.
    SubscriptionConfirm,
    /// The manage page of a subscriber (in every notification; does not expire).
    SubscriptionManage,
    /// What a plain form post leaves for the next page view.
    Flash,
    /// A co-signature of a petition: the signer confirms the address.
    SignatureConfirm,
    /// When a form was rendered (a form sent back at once is a bot's).
    FormStarted,
    /// The receipt page of an objection (does not expire: the receipt is kept for good).
    ObjectionReceipt,
}

impl Purpose {
    fn prefix(self) -> char {
        match self {
            Purpose::ContributionConfirm => 'k',
            Purpose::SubscriptionConfirm => 'c',
            Purpose::SubscriptionManage => 'm',
            Purpose::Flash => 'f',
            Purpose::SignatureConfirm => 's',
            Purpose::FormStarted => 't',
            Purpose::ObjectionReceipt => 'r',
        }
    }

    /// Whether links of this purpose carry an expiry (and are refused without one).
    fn expires(self) -> bool {
        !matches!(
            self,
            Purpose::SubscriptionManage | Purpose::ObjectionReceipt
        )
    }
}

/// Why a link was refused; each has its own message where it is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkError {
    /// Forged, cut short, or of another purpose.
    Invalid,
    Expired,
}

/// Signs `payload` (which must not contain `.`) for `purpose`, valid until `expires`
/// (ignored for purposes that never expire).
pub fn sign_link(
    key: &SecretKey,
    purpose: Purpose,
    payload: &str,
    expires: DateTime<Utc>,
) -> String {
    debug_assert!(!payload.contains('.'), "a payload may not contain '.'");
    let data = if purpose.expires() {
        format!("{}{payload}.{}", purpose.prefix(), expires.timestamp())
    } else {
        format!("{}{payload}", purpose.prefix())
    };
    let signature = sign(key, &data);
    format!("{data}.{signature}")
}

/// The payload of a valid link of `purpose` at `now`.
pub fn verify_link(
    key: &SecretKey,
    purpose: Purpose,
    link: &str,
    now: DateTime<Utc>,
) -> Result<String, LinkError> {
    let (data, signature) = link.trim().rsplit_once('.').ok_or(LinkError::Invalid)?;
    if !verify_signature(key, data, signature) {
        return Err(LinkError::Invalid);
    }
    let rest = data
        .strip_prefix(purpose.prefix())
        .ok_or(LinkError::Invalid)?;
    if !purpose.expires() {
        return Ok(rest.to_string());
    }
    let (payload, expires) = rest.rsplit_once('.').ok_or(LinkError::Invalid)?;
    let expires: i64 = expires.parse().map_err(|_| LinkError::Invalid)?;
    if now.timestamp() > expires {
        return Err(LinkError::Expired);
    }
    Ok(payload.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn a_link_verifies_only_for_its_purpose_key_and_time() {
        let key = SecretKey::new(vec![7; 32]);
        let now = Utc::now();
        let link = sign_link(
            &key,
            Purpose::ContributionConfirm,
            "abc",
            now + Duration::days(7),
        );
        assert_eq!(
            verify_link(&key, Purpose::ContributionConfirm, &link, now),
            Ok("abc".into())
        );
        assert_eq!(
            verify_link(
                &key,
                Purpose::ContributionConfirm,
                &link,
                now + Duration::days(8)
            ),
            Err(LinkError::Expired)
        );
        assert_eq!(
            verify_link(&key, Purpose::SubscriptionConfirm, &link, now),
            Err(LinkError::Invalid)
        );
        let other = SecretKey::new(vec![8; 32]);
        assert_eq!(
            verify_link(&other, Purpose::ContributionConfirm, &link, now),
            Err(LinkError::Invalid)
        );
        // Changing the expiry breaks the signature.
        let (data, sig) = link.rsplit_once('.').unwrap();
        let (payload, _) = data.rsplit_once('.').unwrap();
        let longer = format!("{payload}.{}.{sig}", (now + Duration::days(99)).timestamp());
        assert_eq!(
            verify_link(&key, Purpose::ContributionConfirm, &longer, now),
            Err(LinkError::Invalid)
        );
        assert_eq!(
            verify_link(&key, Purpose::Flash, "garbage", now),
            Err(LinkError::Invalid)
        );
    }

    #[test]
    fn manage_links_never_expire() {
        let key = SecretKey::new(vec![7; 32]);
        let now = Utc::now();
        let link = sign_link(&key, Purpose::SubscriptionManage, "42", now);
        assert_eq!(link.split('.').count(), 2);
        assert_eq!(
            verify_link(
                &key,
                Purpose::SubscriptionManage,
                &link,
                now + Duration::days(3650)
            ),
            Ok("42".into())
        );
    }
}
