//! Who is calling: accounts with argon2 password hashes, sessions behind an HttpOnly,
//! SameSite=Strict cookie, and the [`CurrentUser`] extractor that handlers ask for.

pub mod accounts;
pub mod password;
pub mod throttle;

use axum::{
    extract::FromRequestParts,
    http::{HeaderMap, request::Parts},
};
use configurator_domain::api::{Role, SessionResponse};

use crate::http::{AppState, Error};

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "session";

/// The logged-in user of a request. As an extractor it answers `401` without a valid session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrentUser {
    pub id: i64,
    pub username: String,
    pub role: Role,
    /// Dealers only.
    pub dealership_id: Option<i64>,
    pub dealership: Option<String>,
}

impl CurrentUser {
    /// The dealership of a dealer; `403` for anyone else.
    pub fn dealership(&self) -> Result<(i64, &str), Error> {
        match (self.role, self.dealership_id, self.dealership.as_deref()) {
            (Role::Dealer, Some(id), Some(name)) => Ok((id, name)),
            _ => Err(Error::Forbidden("only dealers can do this")),
        }
    }

    /// `Ok` for planners; `403` for anyone else.
    pub fn require_planner(&self) -> Result<(), Error> {
        match self.role {
            Role::Planner => Ok(()),
            Role::Dealer => Err(Error::Forbidden(
                "only planners can see the production plan",
            )),
        }
    }

    /// The session's answer.
    pub fn to_response(&self) -> SessionResponse {
        SessionResponse {
            username: self.username.clone(),
            role: self.role,
            dealership: self.dealership.clone(),
        }
    }
}

/// The session token in a request's `Cookie` header, if any.
pub fn session_token(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|header| header.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value)
        .filter(|value| !value.is_empty())
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Error> {
        let token = session_token(&parts.headers).ok_or(Error::Unauthorized)?;
        accounts::session_user(&state.db.pool, token)
            .await
            .map_err(|error| Error::Internal(error.into()))?
            .ok_or(Error::Unauthorized)
    }
}
