//! The key that signs objection receipts (Ed25519). Its secret half lives in the data dir
//! (`receipt.key`, made on first start); the public half is published, so anyone can
//! check a receipt without asking the portal, and a receipt stays checkable after the
//! objection's personal data is gone.
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use std::sync::Arc;

#[derive(Clone)]
pub struct ReceiptKey(Arc<SigningKey>);

impl std::fmt::Debug for ReceiptKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ReceiptKey({})", self.public_key())
    }
}

impl ReceiptKey {
    /// A new random key (first start, tests).
    pub fn generate() -> Self {
        Self::from_seed(rand::random::<[u8; 32]>())
    }

    pub fn from_seed(seed: [u8; 32]) -> Self {
        Self(Arc::new(SigningKey::from_bytes(&seed)))
    }

    /// The seed as stored in `receipt.key` (base64url).
    pub fn seed_text(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.0.to_bytes())
    }

    pub fn from_seed_text(text: &str) -> Option<Self> {
        let bytes = URL_SAFE_NO_PAD.decode(text.trim()).ok()?;
        Some(Self::from_seed(bytes.try_into().ok()?))
    }

    /// The public key (base64url of its 32 bytes), as published.
    pub fn public_key(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.0.verifying_key().to_bytes())
    }

    /// The signature of `message` (base64url).
    pub fn sign(&self, message: &[u8]) -> String {
        URL_SAFE_NO_PAD.encode(self.0.sign(message).to_bytes())
    }

    /// Whether `signature` (base64url) is this key's signature of `message`.
    pub fn verify(&self, message: &[u8], signature: &str) -> bool {
        verify_with(&self.0.verifying_key(), message, signature)
    }
}

fn verify_with(key: &VerifyingKey, message: &[u8], signature: &str) -> bool {
    let Ok(bytes) = URL_SAFE_NO_PAD.decode(signature.trim()) else {
        return false;
    };
    let Ok(bytes) = <[u8; 64]>::try_from(bytes.as_slice()) else {
        return false;
    };
    key.verify(message, &Signature::from_bytes(&bytes)).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_verify_and_a_changed_message_does_not() {
        let key = ReceiptKey::generate();
        let sig = key.sign(b"Einwendung 1");
        assert!(key.verify(b"Einwendung 1", &sig));
        assert!(!key.verify(b"Einwendung 2", &sig));
        assert!(!ReceiptKey::generate().verify(b"Einwendung 1", &sig));
        assert!(!key.verify(b"Einwendung 1", "kaputt"));
        let again = ReceiptKey::from_seed_text(&key.seed_text()).unwrap();
        assert_eq!(again.public_key(), key.public_key());
    }
}
