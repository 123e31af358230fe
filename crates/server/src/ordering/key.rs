//! The `Idempotency-Key` of a submission and the fingerprint of its body: a retry with the same
//! key and the same order answers the order already made; the same key with another body is
//! refused.

use configurator_domain::api::OrderRequest;
use sha2::{Digest as _, Sha256};
use sqlx::AnyConnection;

use super::{OrderError, Orderer};
use crate::store::orders;

/// The longest idempotency key accepted.
pub const MAX_KEY_LEN: usize = 128;

/// A checked idempotency key: 1 to [`MAX_KEY_LEN`] visible ASCII characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyKey(String);

/// Why a key was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("the `Idempotency-Key` header is required: a unique key per submitted cart")]
    Missing,
    #[error("`Idempotency-Key` must be 1 to {MAX_KEY_LEN} visible ASCII characters")]
    Malformed,
}

impl IdempotencyKey {
    /// Checks the header's value (`None` when absent, or not text at all).
    pub fn parse(value: Option<&[u8]>) -> Result<Self, KeyError> {
        let bytes = value.ok_or(KeyError::Missing)?;
        if bytes.is_empty() || bytes.len() > MAX_KEY_LEN || !bytes.iter().all(u8::is_ascii_graphic)
        {
            return Err(KeyError::Malformed);
        }
        Ok(Self(String::from_utf8_lossy(bytes).into_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// SHA-256 of the request as parsed, re-serialized: the same order with other spacing or field
/// order is the same request.
pub(super) fn request_hash(request: &OrderRequest) -> String {
    // Serializing plain data to a Vec cannot fail.
    let canonical = serde_json::to_vec(request).unwrap_or_default();
    Sha256::digest(&canonical)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The order a key already made, if any; refused if the key was used for another request.
pub(super) async fn earlier(
    conn: &mut AnyConnection,
    orderer: Orderer,
    key: &IdempotencyKey,
    hash: &str,
) -> Result<Option<i64>, OrderError> {
    match orders::find_key(conn, orderer.dealership_id, key.as_str()).await? {
        None => Ok(None),
        Some((order_id, stored_hash)) if stored_hash == hash => Ok(Some(order_id)),
        Some((order_id, _)) => Err(OrderError::KeyReused {
            key: key.as_str().to_owned(),
            order_id,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_one_to_128_visible_ascii_characters() {
        assert_eq!(IdempotencyKey::parse(None), Err(KeyError::Missing));
        assert_eq!(IdempotencyKey::parse(Some(b"")), Err(KeyError::Malformed));
        assert_eq!(
            IdempotencyKey::parse(Some(b"a b")),
            Err(KeyError::Malformed)
        );
        assert_eq!(
            IdempotencyKey::parse(Some("ключ".as_bytes())),
            Err(KeyError::Malformed)
        );
        let longest = "k".repeat(MAX_KEY_LEN);
        assert!(IdempotencyKey::parse(Some(longest.as_bytes())).is_ok());
        let too_long = "k".repeat(MAX_KEY_LEN + 1);
        assert_eq!(
            IdempotencyKey::parse(Some(too_long.as_bytes())),
            Err(KeyError::Malformed)
        );
        let key = IdempotencyKey::parse(Some(b"cart-7f3a")).expect("a good key");
        assert_eq!(key.as_str(), "cart-7f3a");
    }
}
