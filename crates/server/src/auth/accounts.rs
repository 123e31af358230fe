//! Dealerships, users and sessions in the database.

use std::time::{SystemTime, UNIX_EPOCH};

use configurator_domain::api::Role;
use sha2::{Digest as _, Sha256};
use sqlx::AnyPool;

use super::{Dealer, Planner, SignedIn, password};

/// How long a session lasts: a working day and a bit.
pub const SESSION_SECONDS: i64 = 12 * 3600;
/// The shortest password `user add` takes (the demo accounts' `demo` is seeded only under `--demo`).
pub const MIN_PASSWORD_CHARS: usize = 10;
/// The demo accounts' password.
const DEMO_PASSWORD: &str = "demo";

/// A username that cannot exist: checked before anything else is done with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("username `{0}`: use 3 to 32 letters, digits, `.`, `_` or `-`")]
pub struct BadUsername(pub String);

/// `raw` trimmed, if it can be a username; the error quotes at most its first 40 characters.
pub fn check_username(raw: &str) -> Result<&str, BadUsername> {
    let username = raw.trim();
    if (3..=32).contains(&username.len())
        && username
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
    {
        Ok(username)
    } else {
        Err(BadUsername(username.chars().take(40).collect()))
    }
}

/// Why an account could not be added.
#[derive(Debug, thiserror::Error)]
pub enum AddUserError {
    #[error("username `{0}` is already taken")]
    Taken(String),
    #[error(transparent)]
    BadUsername(#[from] BadUsername),
    #[error("password: use at least {MIN_PASSWORD_CHARS} characters")]
    ShortPassword,
    #[error("a dealer needs a dealership (--dealership) and a planner has none")]
    Dealership,
    #[error(transparent)]
    Hash(#[from] password::HashError),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
}

/// Why a password could not be changed.
#[derive(Debug, thiserror::Error)]
pub enum SetPasswordError {
    #[error(transparent)]
    BadUsername(#[from] BadUsername),
    #[error("no account `{0}`")]
    Unknown(String),
    #[error("password: use at least {MIN_PASSWORD_CHARS} characters")]
    ShortPassword,
    #[error(transparent)]
    Hash(#[from] password::HashError),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
}

/// Sets the password of `username` and ends every session of the account (a stolen session dies
/// with the old password); returns how many sessions ended.
pub async fn set_password(
    pool: &AnyPool,
    username: &str,
    new_password: &str,
) -> Result<u64, SetPasswordError> {
    let username = check_username(username)?;
    if new_password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(SetPasswordError::ShortPassword);
    }
    let hash = password::hash(new_password)?;
    let mut tx = pool.begin().await?;
    let user: Option<(i64,)> =
        sqlx::query_as("UPDATE users SET password_hash = $1 WHERE username = $2 RETURNING id")
            .bind(hash)
            .bind(username)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((user_id,)) = user else {
        return Err(SetPasswordError::Unknown(username.to_owned()));
    };
    let ended = sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    tx.commit().await?;
    Ok(ended)
}

/// A new account.
#[derive(Debug, Clone)]
pub struct NewUser<'a> {
    pub username: &'a str,
    pub password: &'a str,
    pub role: Role,
    /// The dealership's name (created if new); dealers only.
    pub dealership: Option<&'a str>,
}

/// Adds an account, creating its dealership if needed.
pub async fn add_user(pool: &AnyPool, user: &NewUser<'_>) -> Result<i64, AddUserError> {
    if user.password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AddUserError::ShortPassword);
    }
    insert_user(pool, user).await
}

/// Adds an account whatever its password's length.
async fn insert_user(pool: &AnyPool, user: &NewUser<'_>) -> Result<i64, AddUserError> {
    let username = check_username(user.username)?;
    if (user.role == Role::Dealer) != user.dealership.is_some() {
        return Err(AddUserError::Dealership);
    }
    let hash = password::hash(user.password)?;
    let mut tx = pool.begin().await?;
    let taken: Option<(i64,)> = sqlx::query_as("SELECT id FROM users WHERE username = $1")
        .bind(username)
        .fetch_optional(&mut *tx)
        .await?;
    if taken.is_some() {
        return Err(AddUserError::Taken(username.to_owned()));
    }
    let dealership_id = match user.dealership {
        Some(name) => Some(dealership_id(&mut tx, name.trim()).await?),
        None => None,
    };
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO users (username, password_hash, role, dealership_id) \
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(username)
    .bind(hash)
    .bind(user.role.as_str())
    .bind(dealership_id)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

async fn dealership_id(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    name: &str,
) -> Result<i64, sqlx::Error> {
    let existing: Option<(i64,)> = sqlx::query_as("SELECT id FROM dealerships WHERE name = $1")
        .bind(name)
        .fetch_optional(&mut **tx)
        .await?;
    if let Some((id,)) = existing {
        return Ok(id);
    }
    let (id,): (i64,) = sqlx::query_as("INSERT INTO dealerships (name) VALUES ($1) RETURNING id")
        .bind(name)
        .fetch_one(&mut **tx)
        .await?;
    Ok(id)
}

/// The demo accounts that `--demo` seeds: (username, role, dealership); all with the password
/// `demo`, shorter than [`MIN_PASSWORD_CHARS`]: for trying the app, never for real use.
pub const DEMO_ACCOUNTS: [(&str, Role, Option<&str>); 3] = [
    ("dealer1", Role::Dealer, Some("Bishkek Auto Center")),
    ("dealer2", Role::Dealer, Some("Osh Motors")),
    ("planner", Role::Planner, None),
];

/// Adds the demo accounts that are missing; returns the ones it added.
pub async fn seed_demo(pool: &AnyPool) -> Result<Vec<&'static str>, AddUserError> {
    let mut added = Vec::new();
    for (username, role, dealership) in DEMO_ACCOUNTS {
        let user = NewUser {
            username,
            password: DEMO_PASSWORD,
            role,
            dealership,
        };
        match insert_user(pool, &user).await {
            Ok(_) => added.push(username),
            Err(AddUserError::Taken(_)) => {}
            Err(error) => return Err(error),
        }
    }
    Ok(added)
}

/// An account and its password hash, for logging in.
pub struct Credentials {
    pub user: SignedIn,
    pub password_hash: String,
}

type UserRow = (i64, String, String, String, Option<i64>, Option<String>);

/// A row as an account; the schema ties dealers, and only dealers, to a dealership.
fn user_from_row(row: UserRow) -> Result<Credentials, sqlx::Error> {
    let (user_id, username, role, password_hash, dealership_id, dealership) = row;
    let user = match (role.as_str(), dealership_id, dealership) {
        ("planner", None, _) => SignedIn::Planner(Planner { user_id, username }),
        ("dealer", Some(dealership_id), Some(dealership)) => SignedIn::Dealer(Dealer {
            user_id,
            username,
            dealership_id,
            dealership,
        }),
        (role, ..) => {
            return Err(sqlx::Error::Decode(
                format!("user {user_id}: role `{role}` does not match its dealership").into(),
            ));
        }
    };
    Ok(Credentials {
        user,
        password_hash,
    })
}

const USER_COLUMNS: &str = "SELECT u.id, u.username, u.role, u.password_hash, u.dealership_id, d.name \
     FROM users u LEFT JOIN dealerships d ON d.id = u.dealership_id";

/// The account named `username`, if any.
pub async fn find_user(pool: &AnyPool, username: &str) -> Result<Option<Credentials>, sqlx::Error> {
    let row: Option<UserRow> = sqlx::query_as(&format!("{USER_COLUMNS} WHERE u.username = $1"))
        .bind(username.trim())
        .fetch_optional(pool)
        .await?;
    row.map(user_from_row).transpose()
}

/// Opens a session for `user_id`; returns the token for the cookie.
pub async fn create_session(pool: &AnyPool, user_id: i64) -> anyhow::Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes).map_err(|error| anyhow::anyhow!("no randomness: {error}"))?;
    let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
        .bind(now())
        .execute(pool)
        .await?;
    sqlx::query("INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)")
        .bind(token_hash(&token))
        .bind(user_id)
        .bind(now() + SESSION_SECONDS)
        .execute(pool)
        .await?;
    Ok(token)
}

/// The user behind a session token, if the session exists and has not expired.
pub async fn session_user(pool: &AnyPool, token: &str) -> Result<Option<SignedIn>, sqlx::Error> {
    let row: Option<UserRow> = sqlx::query_as(&format!(
        "{USER_COLUMNS} JOIN sessions s ON s.user_id = u.id \
         WHERE s.token_hash = $1 AND s.expires_at > $2"
    ))
    .bind(token_hash(token))
    .bind(now())
    .fetch_optional(pool)
    .await?;
    Ok(row.map(user_from_row).transpose()?.map(|found| found.user))
}

/// Ends a session.
pub async fn delete_session(pool: &AnyPool, token: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash(token))
        .execute(pool)
        .await?;
    Ok(())
}

fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| {
            i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX)
        })
}
