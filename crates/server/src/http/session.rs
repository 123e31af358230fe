//! `/api/v1/session`: log in (`POST`), who am I (`GET`), log out (`DELETE`).

use axum::{
    Json, Router,
    extract::State,
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
    routing::get,
};
use configurator_domain::api::{LoginRequest, SessionResponse};

use super::extract::session_token;
use super::{AppState, Error, client_address::ClientAddress, json::JsonBody};
use crate::{
    auth::{SessionCookie, SignedIn, accounts, password},
    store::rate_limits::Refusal,
};

pub fn router() -> Router<AppState> {
    Router::new().route("/session", get(current).post(login).delete(logout))
}

async fn current(user: SignedIn) -> Json<SessionResponse> {
    Json(user.to_response())
}

/// Logs in: the username is checked first, the attempt counted by the throttle before the password
/// is (see `auth::throttle`), and an unknown user costs as much as a wrong password. A database
/// that cannot count the attempt, or take a success's back, answers `503`.
async fn login(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    JsonBody(request): JsonBody<LoginRequest>,
) -> Result<Response, Error> {
    let username = accounts::check_username(&request.username)
        .map_err(|error| Error::field("username", error.to_string()))?;
    let pool = &state.db.pool;
    state
        .login_throttle
        .begin(pool, username, address, state.clock.unix_millis())
        .await?;
    let found = accounts::find_user(pool, username)
        .await
        .map_err(|error| Error::Internal(error.into()))?;
    let stored = found.as_ref().map(|found| found.password_hash.as_str());
    let matches = password::check(&request.password, stored).await;
    let user = match found {
        Some(found) if matches => found.user,
        _ => return Err(Error::Unauthenticated),
    };
    state
        .login_throttle
        .succeeded(pool, username, address)
        .await
        .map_err(Refusal::Database)?;
    let token = accounts::create_session(pool, user.user_id()).await?;
    let mut headers = HeaderMap::new();
    headers.insert(
        header::SET_COOKIE,
        cookie(state.session_cookie, &token, accounts::SESSION_SECONDS)?,
    );
    Ok((StatusCode::OK, headers, Json(user.to_response())).into_response())
}

async fn logout(
    State(state): State<AppState>,
    request_headers: HeaderMap,
) -> Result<Response, Error> {
    if let Some(token) = session_token(&request_headers, state.session_cookie) {
        accounts::delete_session(&state.db.pool, token)
            .await
            .map_err(|error| Error::Internal(error.into()))?;
    }
    let mut headers = HeaderMap::new();
    headers.insert(header::SET_COOKIE, cookie(state.session_cookie, "", 0)?);
    Ok((StatusCode::NO_CONTENT, headers).into_response())
}

/// The session cookie: not readable by scripts, never sent from another site.
fn cookie(cookie: SessionCookie, token: &str, max_age: i64) -> Result<HeaderValue, Error> {
    HeaderValue::from_str(&cookie.set(token, max_age))
        .map_err(|error| Error::Internal(error.into()))
}
