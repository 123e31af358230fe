//! `/api/v1/session`: log in (`POST`), who am I (`GET`), log out (`DELETE`).

use std::time::Instant;

use axum::{
    Json, Router,
    extract::State,
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
    routing::get,
};
use configurator_domain::api::{LoginRequest, SessionResponse};

use super::extract::session_token;
use super::{AppState, Error, json::JsonBody};
use crate::auth::{SESSION_COOKIE, SignedIn, accounts, password};

pub fn router() -> Router<AppState> {
    Router::new().route("/session", get(current).post(login).delete(logout))
}

async fn current(user: SignedIn) -> Json<SessionResponse> {
    Json(user.to_response())
}

async fn login(
    State(state): State<AppState>,
    JsonBody(request): JsonBody<LoginRequest>,
) -> Result<Response, Error> {
    let now = Instant::now();
    if let Err(wait) = state.login_throttle.check(&request.username, now) {
        return Err(Error::TooManyRequests {
            retry_after_seconds: wait.as_secs().max(1),
        });
    }
    let found = accounts::find_user(&state.db.pool, &request.username)
        .await
        .map_err(|error| Error::Internal(error.into()))?;
    let user = match found {
        Some(found) if password::verify(&request.password, &found.password_hash) => found.user,
        _ => {
            state.login_throttle.failed(&request.username, now);
            return Err(Error::Unauthenticated);
        }
    };
    state.login_throttle.succeeded(&request.username);
    let token = accounts::create_session(&state.db.pool, user.user_id()).await?;
    let mut headers = HeaderMap::new();
    headers.insert(
        header::SET_COOKIE,
        cookie(&token, accounts::SESSION_SECONDS)?,
    );
    Ok((StatusCode::OK, headers, Json(user.to_response())).into_response())
}

async fn logout(
    State(state): State<AppState>,
    request_headers: HeaderMap,
) -> Result<Response, Error> {
    if let Some(token) = session_token(&request_headers) {
        accounts::delete_session(&state.db.pool, token)
            .await
            .map_err(|error| Error::Internal(error.into()))?;
    }
    let mut headers = HeaderMap::new();
    headers.insert(header::SET_COOKIE, cookie("", 0)?);
    Ok((StatusCode::NO_CONTENT, headers).into_response())
}

/// The session cookie: not readable by scripts, never sent from another site.
fn cookie(token: &str, max_age: i64) -> Result<HeaderValue, Error> {
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/; Max-Age={max_age}"
    ))
    .map_err(|error| Error::Internal(error.into()))
}
