//! Password hashes: argon2id with a random salt, in the PHC string format. Checking a password on
//! a request ([`check`]) runs on the blocking threads, on all cores but one at a time (one on a
//! 2-core machine), so that a burst of sign-ins cannot stall the async workers that answer
//! everything else; an unknown user
//! is checked against a dummy hash, so that the answer's timing does not tell which users exist.

use std::sync::OnceLock;

use argon2::{
    Argon2,
    password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier as _, SaltString},
};
use tokio::sync::Semaphore;

/// Why a password could not be hashed.
#[derive(Debug, thiserror::Error)]
pub enum HashError {
    #[error("no randomness for a salt: {0}")]
    Random(getrandom::Error),
    #[error("cannot hash the password: {0}")]
    Hash(argon2::password_hash::Error),
}

/// Hashes `password` with a fresh salt.
pub fn hash(password: &str) -> Result<String, HashError> {
    let mut salt = [0u8; 16];
    getrandom::getrandom(&mut salt).map_err(HashError::Random)?;
    let salt = SaltString::encode_b64(&salt).map_err(HashError::Hash)?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(HashError::Hash)
}

/// Whether `password` matches `stored` (a malformed stored hash matches nothing).
pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// Whether `password` matches `stored`, or, for a user not found (`None`), false after as much work
/// as a real check. Waits for its turn first.
pub async fn check(password: &str, stored: Option<&str>) -> bool {
    static CORES: OnceLock<Semaphore> = OnceLock::new();
    let cores = CORES.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
        Semaphore::new(cores.saturating_sub(1).max(1))
    });
    let Ok(_core) = cores.acquire().await else {
        return false;
    };
    let password = password.to_owned();
    let stored = stored.map(str::to_owned);
    tokio::task::spawn_blocking(move || match stored {
        Some(stored) => verify(&password, &stored),
        None => {
            verify(&password, dummy_hash());
            false
        }
    })
    .await
    .unwrap_or(false)
}

/// A hash of a random password, made once: what an unknown user's attempt is checked against.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let mut random = [0u8; 16];
        let _ = getrandom::getrandom(&mut random);
        let password: String = random.iter().map(|b| format!("{b:02x}")).collect();
        // With no randomness the dummy check fails fast; every real check fails the same way then.
        hash(&password).unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let stored = hash("correct horse").expect("hash");
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify("correct horse", &stored));
        assert!(!verify("correct horse ", &stored));
        assert!(!verify("correct horse", "not a hash"));
        assert_ne!(stored, hash("correct horse").expect("hash"), "salts differ");
    }
}
