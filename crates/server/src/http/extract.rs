//! Who is calling, as handler arguments: [`SignedIn`] (`401` without a valid session), and
//! [`Dealer`] or [`Planner`] for what only they may do (`403` for the other role).

use axum::{
    extract::FromRequestParts,
    http::{HeaderMap, header, request::Parts},
};

use super::{AppState, Error, access_log};
use crate::auth::{Dealer, Planner, SessionCookie, SignedIn, accounts};

/// The session token in a request's `Cookie` header under `cookie`'s name, if any.
pub fn session_token(headers: &HeaderMap, cookie: SessionCookie) -> Option<&str> {
    cookie_value(headers, cookie.name())
}

/// The value of the cookie `name` in a request's `Cookie` header, if any and not empty.
pub fn cookie_value<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|header| header.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(found, _)| *found == name)
        .map(|(_, value)| value)
        .filter(|value| !value.is_empty())
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Error> {
        let token =
            session_token(&parts.headers, state.session_cookie).ok_or(Error::Unauthorized)?;
        let user = accounts::session_user(&state.db.pool, token)
            .await
            .map_err(|error| Error::Internal(error.into()))?
            .ok_or(Error::Unauthorized)?;
        access_log::record_user(user.user_id());
        Ok(user)
    }
}

impl FromRequestParts<AppState> for Dealer {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Error> {
        match SignedIn::from_request_parts(parts, state).await? {
            SignedIn::Dealer(dealer) => Ok(dealer),
            SignedIn::Planner(_) => Err(Error::Forbidden("only dealers can do this")),
        }
    }
}

impl FromRequestParts<AppState> for Planner {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Error> {
        match SignedIn::from_request_parts(parts, state).await? {
            SignedIn::Planner(planner) => Ok(planner),
            SignedIn::Dealer(_) => Err(Error::Forbidden(
                "only planners can see the production plan",
            )),
        }
    }
}
