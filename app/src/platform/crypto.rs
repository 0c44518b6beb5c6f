//! Random tokens, their stored hashes, signatures and password hashes: one place.
use argon2::password_hash::{self, Output, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
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

/// How many argon2id runs may go on at once. Each needs 19 MiB: without a bound, a few
/// hundred parallel requests that each ask for a hash would each take a blocking thread
/// and its memory. More requests wait their turn (asynchronously, holding nothing).
pub const CONCURRENT_HASHES: usize = 4;
static HASHING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(CONCURRENT_HASHES);

/// The memory of the argon2id runs: one block list per turn, made once and used again.
/// Fresh 19 MiB per hash would come back from the allocator's per-thread heaps slowly or
/// not at all (a burst of 300 attempts left 800 MiB resident where 150 MiB were in use);
/// with the lists kept here the portal holds at most `CONCURRENT_HASHES` of them.
static HASH_MEMORY: std::sync::Mutex<Vec<Vec<Block>>> = std::sync::Mutex::new(Vec::new());

/// Runs `f` with one of the argon2id block lists, on a blocking thread, in its turn.
async fn with_hash_memory<T: Send + 'static>(
    f: impl FnOnce(&mut Vec<Block>) -> T + Send + 'static,
) -> Result<T, String> {
    let _turn = HASHING.acquire().await.map_err(|e| e.to_string())?;
    tokio::task::spawn_blocking(move || {
        let taken = HASH_MEMORY.lock().map(|mut pool| pool.pop()).ok().flatten();
        let mut memory = taken.unwrap_or_default();
        let out = f(&mut memory);
        if let Ok(mut pool) = HASH_MEMORY.lock() {
            pool.push(memory);
        }
        out
    })
    .await
    .map_err(|e| e.to_string())
}

/// argon2id (version 19) of `password` and `salt` into `out`, in `memory`.
fn argon2id(
    params: Params,
    version: Version,
    memory: &mut Vec<Block>,
    password: &[u8],
    salt: &[u8],
    out: &mut [u8],
) -> Result<(), String> {
    memory.resize(params.block_count(), Block::default());
    Argon2::new(Algorithm::Argon2id, version, params)
        .hash_password_into_with_memory(password, salt, out, &mut memory[..])
        .map_err(|e| e.to_string())
}

/// argon2id with the crate's defaults (19 MiB, 2 passes), as a PHC string.
pub async fn hash_password(password: String) -> Result<String, String> {
    with_hash_memory(move |memory| {
        let mut salt = [0u8; 16];
        rand::rng().fill_bytes(&mut salt);
        let salt_string = SaltString::encode_b64(&salt).map_err(|e| e.to_string())?;
        let params = Params::default();
        let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
        argon2id(
            params.clone(),
            Version::V0x13,
            memory,
            password.as_bytes(),
            &salt,
            &mut out,
        )?;
        let phc = PasswordHash {
            algorithm: Algorithm::Argon2id.ident(),
            version: Some(Version::V0x13.into()),
            params: (&params)
                .try_into()
                .map_err(|e: password_hash::Error| e.to_string())?,
            salt: Some(salt_string.as_salt()),
            hash: Some(Output::new(&out).map_err(|e| e.to_string())?),
        };
        Ok(phc.to_string())
    })
    .await?
}

/// Whether `password` is the one of the PHC string `hash` (argon2id, any parameters).
pub async fn verify_password(password: String, hash: String) -> bool {
    with_hash_memory(move |memory| {
        let Ok(parsed) = PasswordHash::new(&hash) else {
            return false;
        };
        let (Ok(params), Some(salt), Some(expected)) =
            (Params::try_from(&parsed), parsed.salt, parsed.hash)
        else {
            return false;
        };
        let version = parsed
            .version
            .map_or(Ok(Version::V0x13), Version::try_from)
            .ok();
        let mut salt_buf = [0u8; 64];
        let (Some(version), Ok(salt)) = (version, salt.decode_b64(&mut salt_buf)) else {
            return false;
        };
        if parsed.algorithm != Algorithm::Argon2id.ident() {
            return false;
        }
        let mut out = vec![0u8; expected.len()];
        argon2id(params, version, memory, password.as_bytes(), salt, &mut out).is_ok()
            // `Output` compares in constant time.
            && Output::new(&out).is_ok_and(|computed| computed == expected)
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
        assert!(!verify_password("x".into(), "kein Hash".into()).await);
        // Hashes stored before the block lists were kept here, by the crate's own hasher,
        // still verify, and ours verify there.
        use argon2::password_hash::{PasswordHasher, PasswordVerifier};
        let salt = SaltString::encode_b64(b"sechzehn Zeichen").unwrap();
        let theirs = Argon2::default()
            .hash_password(b"altes Passwort", &salt)
            .unwrap()
            .to_string();
        assert!(verify_password("altes Passwort".into(), theirs.clone()).await);
        assert!(!verify_password("neues Passwort".into(), theirs).await);
        let ours = hash_password("neues Passwort".into()).await.unwrap();
        let parsed = PasswordHash::new(&ours).unwrap();
        assert!(
            Argon2::default()
                .verify_password(b"neues Passwort", &parsed)
                .is_ok()
        );
    }
}
