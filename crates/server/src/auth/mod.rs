//! Who is calling: accounts with argon2 password hashes, sessions (only a hash of each token is
//! stored), failed-login throttling, and [`SignedIn`]: a dealer of one dealership or a planner,
//! who has none. Nothing here knows HTTP; `http::extract` reads the session cookie.

pub mod accounts;
pub mod password;
pub mod throttle;

use configurator_domain::api::{Role, SessionResponse};

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "session";

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
