//! Random tokens, their stored hashes, signatures and password hashes: one place.
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use base64::Engine;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};

/// The server's secret key (signing). Never printed. Shared, not copied, when the
/// state is cloned (that happens for every request).
#[derive(Clone)]
pub struct SecretKey(std::sync::Arc<[u8]>);

impl SecretKey {
    pub fn new(bytes: Vec<u8>) -> Self {
        Self(bytes.into())
    }
}

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(***)")
    }
}

/// 256 random bits, URL-safe: for session cookies and links in mails.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// What is stored instead of a token, so a copy of the database opens nothing.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

pub fn sign(key: &SecretKey, data: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(&key.0).expect("hmac accepts any key length");
    mac.update(data.as_bytes());
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
}

pub fn verify_signature(key: &SecretKey, data: &str, signature: &str) -> bool {
    let Ok(sig) = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(signature) else {
        return false;
    };
    let mut mac = Hmac::<Sha256>::new_from_slice(&key.0).expect("hmac accepts any key length");
    mac.update(data.as_bytes());
    mac.verify_slice(&sig).is_ok()
}

/// argon2id with the crate's defaults (19 MiB, 2 passes), run off the async threads.
pub async fn hash_password(password: String) -> Result<String, String> {
    tokio::task::spawn_blocking(move || {
        let mut salt = [0u8; 16];
        rand::rng().fill_bytes(&mut salt);
        let salt = SaltString::encode_b64(&salt).map_err(|e| e.to_string())?;
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| e.to_string())
    })
    .await
    .map_err(|e| e.to_string())?
}

pub async fn verify_password(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

/// A hash of a password nobody knows: verified against when the account does not exist,
/// so a wrong e-mail takes as long as a wrong password.
pub fn dummy_hash() -> &'static str {
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$2zHcS0Gqo8bUpFhzqzO1o8X2tM4l2Oe0u9d1y7m2x6w"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_verify_only_for_the_same_data_and_key() {
        let key = SecretKey::new(b"k1".to_vec());
        let sig = sign(&key, "flash");
        assert!(verify_signature(&key, "flash", &sig));
        assert!(!verify_signature(&key, "flash2", &sig));
        assert!(!verify_signature(
            &SecretKey::new(b"k2".to_vec()),
            "flash",
            &sig
        ));
        assert!(!verify_signature(&key, "flash", "not base64!"));
    }

    #[tokio::test]
    async fn password_hash_round_trip() {
        let hash = hash_password("Frühling am Elbufer".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("Frühling am Elbufer".into(), hash.clone()).await);
        assert!(!verify_password("Frühling am Elbufer!".into(), hash).await);
        assert!(!verify_password("x".into(), dummy_hash().into()).await);
    }
}
