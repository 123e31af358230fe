//! The one error type of the API and its JSON shape: `{ "error": { "code", "message", "fields"? } }`.

use std::collections::BTreeMap;

use axum::{
    Json,
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde::Serialize;

/// Everything a handler can answer instead of success.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// 404: no such resource (or one the caller may not see).
    #[error("not found")]
    NotFound,
    /// 503: the database does not answer.
    #[error("the database is unavailable")]
    Unavailable,
    /// 500: a failure that is ours, logged with detail and answered with a generic message.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

#[derive(Serialize)]
struct Body<'a> {
    error: Detail<'a>,
}

#[derive(Serialize)]
struct Detail<'a> {
    code: &'a str,
    message: String,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    fields: BTreeMap<String, Vec<String>>,
}

impl Error {
    /// The HTTP status of each variant.
    pub fn status_code(&self) -> StatusCode {
        match self {
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A stable machine-readable code for clients.
    fn code(&self) -> &'static str {
        match self {
            Self::NotFound => "not_found",
            Self::Unavailable => "unavailable",
            Self::Internal(_) => "internal",
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
        let body = Body {
            error: Detail {
                code: self.code(),
                message,
                fields: BTreeMap::new(),
            },
        };
        (self.status_code(), Json(body)).into_response()
    }
}
