//! The one error type of the API and its JSON shape: `{ "error": { "code", "message", "fields"? } }`.

use std::collections::BTreeMap;

use axum::{
    Json,
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use configurator_domain::api::{ErrorBody, ErrorDetail};

use crate::{auth::throttle::retry_after_seconds, lines::FieldErrors, store::rate_limits::Refusal};

/// Everything a handler can answer instead of success.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// 400: a body that is not JSON at all, or that could not be read to its end.
    #[error("{0}")]
    BadRequest(String),
    /// 401: no valid session.
    #[error("log in first")]
    Unauthorized,
    /// 401: a wrong username or password.
    #[error("wrong username or password")]
    Unauthenticated,
    /// 403: logged in, but not allowed.
    #[error("{0}")]
    Forbidden(&'static str),
    /// 400: a request header that is missing or malformed; `field` names it.
    #[error("{message}")]
    BadHeader {
        field: &'static str,
        message: String,
    },
    /// 404: no such resource (or one the caller may not see).
    #[error("not found")]
    NotFound,
    /// 404: no such resource, named in the message: ``unknown partner `xyz` ``.
    #[error("{0}")]
    NotFoundNamed(String),
    /// 409: the resource's state does not allow it (cancelling a frozen order).
    #[error("{0}")]
    Conflict(String),
    /// 413: a body over the limit.
    #[error("the request body is larger than {limit} bytes")]
    PayloadTooLarge { limit: usize },
    /// 414: a query string over the limit.
    #[error("the query string is longer than {limit} bytes")]
    UriTooLong { limit: usize },
    /// 415: a body that does not say it is JSON.
    #[error("send the body as `Content-Type: application/json`")]
    UnsupportedMediaType,
    /// 422: well-formed but wrong input; `fields` names each field at fault.
    #[error("{message}")]
    Validation {
        message: String,
        fields: BTreeMap<String, Vec<String>>,
    },
    /// 429: too many attempts (failed sign-ins, quote requests); try again after the given seconds.
    #[error("too many attempts: try again in {retry_after_seconds} s")]
    TooManyRequests { retry_after_seconds: u64 },
    /// 503 with `Retry-After: 1`: more requests under way than the server takes at once.
    #[error("the server is busy: try again in a second")]
    Overloaded,
    /// 503: the request was not answered in time and was dropped.
    #[error("the request took longer than {seconds} s and was dropped")]
    TimedOut { seconds: u64 },
    /// 503: the database does not answer.
    #[error("the database is unavailable")]
    Unavailable,
    /// 500: a failure that is ours, logged with detail and answered with a generic message.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl Error {
    /// The HTTP status of each variant.
    pub fn status_code(&self) -> StatusCode {
        match self {
            Self::BadRequest(_) | Self::BadHeader { .. } => StatusCode::BAD_REQUEST,
            Self::Unauthorized | Self::Unauthenticated => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) => StatusCode::FORBIDDEN,
            Self::NotFound | Self::NotFoundNamed(_) => StatusCode::NOT_FOUND,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UriTooLong { .. } => StatusCode::URI_TOO_LONG,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::Validation { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            Self::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Unavailable | Self::Overloaded | Self::TimedOut { .. } => {
                StatusCode::SERVICE_UNAVAILABLE
            }
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A stable machine-readable code for clients.
    fn code(&self) -> &'static str {
        match self {
            Self::BadRequest(_) | Self::BadHeader { .. } => "bad_request",
            Self::Unauthorized => "unauthorized",
            Self::Unauthenticated => "unauthenticated",
            Self::Forbidden(_) => "forbidden",
            Self::NotFound | Self::NotFoundNamed(_) => "not_found",
            Self::Conflict(_) => "conflict",
            Self::PayloadTooLarge { .. } => "payload_too_large",
            Self::UriTooLong { .. } => "uri_too_long",
            Self::UnsupportedMediaType => "unsupported_media_type",
            Self::Validation { .. } => "validation",
            Self::TooManyRequests { .. } => "too_many_requests",
            Self::Unavailable => "unavailable",
            Self::Overloaded => "overloaded",
            Self::TimedOut { .. } => "timed_out",
            Self::Internal(_) => "internal",
        }
    }
}

impl Error {
    /// 422 naming one field: `lines[0].quantity: quantity must be 1 to 999, got `0``.
    pub fn field(field: impl Into<String>, message: impl Into<String>) -> Self {
        let (field, message) = (field.into(), message.into());
        Self::Validation {
            message: format!("{field}: {message}"),
            fields: BTreeMap::from([(field, vec![message])]),
        }
    }
}

/// 422 naming every field at fault; the message quotes the first and counts the rest.
impl From<FieldErrors> for Error {
    fn from(errors: FieldErrors) -> Self {
        Self::Validation {
            message: errors.to_string(),
            fields: errors.0,
        }
    }
}

impl From<sqlx::Error> for Error {
    fn from(error: sqlx::Error) -> Self {
        match error {
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed => Self::Unavailable,
            other => Self::Internal(other.into()),
        }
    }
}

/// A rate limit's refusal: `429` with the wait rounded up, or `503` when the database cannot
/// count (logged): an attempt is never let through uncounted.
impl From<Refusal> for Error {
    fn from(refusal: Refusal) -> Self {
        match refusal {
            Refusal::Wait(wait) => Self::TooManyRequests {
                retry_after_seconds: retry_after_seconds(wait),
            },
            Refusal::Database(error) => {
                tracing::error!("rate limits: {error}");
                Self::Unavailable
            }
        }
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let message = match &self {
            Self::Internal(error) => {
                tracing::error!("internal error: {error:#}");
                "internal server error".to_owned()
            }
            other => other.to_string(),
        };
        let status = self.status_code();
        let code = self.code();
        let retry_after = match &self {
            Self::TooManyRequests {
                retry_after_seconds,
            } => Some(retry_after_seconds.to_string()),
            Self::Overloaded => Some("1".to_owned()),
            _ => None,
        };
        let fields = match self {
            Self::Validation { fields, .. } => fields,
            Self::BadHeader { field, message } => {
                BTreeMap::from([(field.to_owned(), vec![message])])
            }
            _ => BTreeMap::new(),
        };
        let body = ErrorBody {
            error: ErrorDetail {
                code: code.to_owned(),
                message,
                fields,
            },
        };
        let mut response = (status, Json(body)).into_response();
        if let Some(seconds) = retry_after.and_then(|s| HeaderValue::from_str(&s).ok()) {
            response.headers_mut().insert(header::RETRY_AFTER, seconds);
        }
        response
    }
}
