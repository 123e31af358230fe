//! Who is calling: accounts with argon2 password hashes, sessions (only a hash of each token is
//! stored), failed-login throttling, and [`SignedIn`]: a dealer of one dealership or a planner,
//! who has none. Nothing here knows HTTP; `http::extract` reads the session cookie.

pub mod accounts;
pub mod password;
pub mod throttle;

use configurator_domain::api::{Role, SessionResponse};

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "session";
/// Its name over HTTPS: the `__Host-` prefix makes browsers refuse it unless it is `Secure`, set
/// by this host itself and for the whole site.
pub const SECURE_SESSION_COOKIE: &str = "__Host-session";

/// The session cookie as this server sets it: `HttpOnly`, `SameSite=Strict`, for the whole site;
/// with `--secure-cookies` (a TLS proxy in front) also `Secure`, under [`SECURE_SESSION_COOKIE`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SessionCookie {
    secure: bool,
}

impl SessionCookie {
    /// The cookie of a server reached over HTTPS (`secure`) or plain HTTP.
    pub fn new(secure: bool) -> Self {
        Self { secure }
    }

    /// Whether browsers reach the server over HTTPS only.
    pub fn is_secure(self) -> bool {
        self.secure
    }

    /// The cookie's name.
    pub fn name(self) -> &'static str {
        if self.secure {
            SECURE_SESSION_COOKIE
        } else {
            SESSION_COOKIE
        }
    }

    /// The `Set-Cookie` value holding `token` for `max_age` seconds (`""` and 0 clear it).
    pub fn set(self, token: &str, max_age: i64) -> String {
        let secure = if self.secure { "; Secure" } else { "" };
        format!(
            "{}={token}; HttpOnly; SameSite=Strict; Path=/; Max-Age={max_age}{secure}",
            self.name()
        )
    }
}

/// Whose session it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignedIn {
    Dealer(Dealer),
    Planner(Planner),
}

/// A dealer's account, always with its dealership.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dealer {
    pub user_id: i64,
    pub username: String,
    pub dealership_id: i64,
    pub dealership: String,
}

/// A planner's account: the plant's, of no dealership.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planner {
    pub user_id: i64,
    pub username: String,
}

impl SignedIn {
    pub fn user_id(&self) -> i64 {
        match self {
            Self::Dealer(dealer) => dealer.user_id,
            Self::Planner(planner) => planner.user_id,
        }
    }

    /// The answer of `GET /session`.
    pub fn to_response(&self) -> SessionResponse {
        match self {
            Self::Dealer(dealer) => SessionResponse {
                username: dealer.username.clone(),
                role: Role::Dealer,
                dealership: Some(dealer.dealership.clone()),
            },
            Self::Planner(planner) => SessionResponse {
                username: planner.username.clone(),
                role: Role::Planner,
                dealership: None,
            },
        }
    }
}
