//! `JsonBody<T>`: a JSON request body whose every problem is an [`Error`] naming the field: malformed
//! JSON (trailing characters after the value too) is `400`, a wrong type or an unknown field (a
//! client-sent `price`) is `422` with the field's path (`lines[0].price`), a body whose media type
//! is not `application/json` (parameters such as `charset` aside) `415`, a body over
//! [`BODY_LIMIT`] `413`, and a body that could not be read to its end (the client went away) `400`.

use std::collections::BTreeMap;

use axum::{
    body::Bytes,
    extract::{
        FromRequest, Request,
        rejection::{BytesRejection, FailedToBufferBody},
    },
    http::header,
};
use serde::de::DeserializeOwned;

use super::Error;

/// The largest request body accepted, in bytes (a fleet order of many lines fits easily).
pub const BODY_LIMIT: usize = 256 * 1024;

/// A deserialized JSON body.
#[derive(Debug, Clone)]
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = Error;

    async fn from_request(request: Request, state: &S) -> Result<Self, Error> {
        let content_type = request.headers().get(header::CONTENT_TYPE);
        if !content_type
            .and_then(|value| value.to_str().ok())
            .is_some_and(is_json)
        {
            return Err(Error::UnsupportedMediaType);
        }
        let bytes =
            Bytes::from_request(request, state)
                .await
                .map_err(|rejection| match rejection {
                    BytesRejection::FailedToBufferBody(FailedToBufferBody::LengthLimitError(_)) => {
                        Error::PayloadTooLarge { limit: BODY_LIMIT }
                    }
                    _ => Error::BadRequest(
                        "the request body could not be read to its end".to_owned(),
                    ),
                })?;
        parse(&bytes).map(JsonBody)
    }
}

/// Whether a `Content-Type` is `application/json`, whatever its parameters and case.
fn is_json(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or_default();
    essence.trim().eq_ignore_ascii_case("application/json")
}

/// Parses `bytes` as `T`, naming the field at fault.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Error> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let inner = error.inner();
        if inner.is_syntax() || inner.is_eof() {
            return Error::BadRequest(format!("malformed JSON: {inner}"));
        }
        // The path already ends with an unknown field's name; a missing field is named after
        // the object that lacks it.
        let path = error.path().to_string();
        let message = strip_position(&inner.to_string());
        let field = match message.strip_prefix("missing field `") {
            Some(rest) => {
                let name = rest.split('`').next().unwrap_or_default();
                if path == "." {
                    name.to_owned()
                } else {
                    format!("{path}.{name}")
                }
            }
            None => path,
        };
        Error::Validation {
            message: format!("{field}: {message}"),
            fields: BTreeMap::from([(field, vec![message])]),
        }
    })?;
    deserializer
        .end()
        .map_err(|error| Error::BadRequest(format!("malformed JSON: {error}")))?;
    Ok(value)
}

/// serde_json's message without its " at line 1 column 42" tail.
fn strip_position(message: &str) -> String {
    message
        .rsplit_once(" at line ")
        .map_or(message, |(head, _)| head)
        .to_owned()
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[expect(dead_code, reason = "only parsed")]
    struct Line {
        code: String,
        quantity: u32,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[expect(dead_code, reason = "only parsed")]
    struct Order {
        lines: Vec<Line>,
    }

    #[test]
    fn trailing_characters_are_a_bad_request() {
        let body = br#"{"lines":[]}xyz"#;
        let error = parse::<Order>(body).unwrap_err();
        assert!(
            matches!(&error, Error::BadRequest(message) if message.contains("trailing")),
            "{error:?}"
        );
        assert!(
            parse::<Order>(b"{\"lines\":[]}  \n").is_ok(),
            "whitespace is fine"
        );
    }

    #[test]
    fn only_application_json_is_json() {
        assert!(is_json("application/json"));
        assert!(is_json("Application/JSON; charset=utf-8"));
        assert!(!is_json("application/jsonx"));
        assert!(!is_json("application/json-patch+json"));
        assert!(!is_json("text/plain"));
    }

    fn fields(error: Error) -> Vec<String> {
        match error {
            Error::Validation { fields, .. } => fields.into_keys().collect(),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn an_unknown_field_is_named_with_its_path() {
        let body = br#"{"lines":[{"code":"x","quantity":1,"price":1}]}"#;
        assert_eq!(
            fields(parse::<Order>(body).unwrap_err()),
            ["lines[0].price"]
        );
    }

    #[test]
    fn a_wrong_type_is_named() {
        let body = br#"{"lines":[{"code":"x","quantity":"many"}]}"#;
        assert_eq!(
            fields(parse::<Order>(body).unwrap_err()),
            ["lines[0].quantity"]
        );
    }

    #[test]
    fn a_missing_field_is_named_with_its_path() {
        assert_eq!(fields(parse::<Order>(b"{}").unwrap_err()), ["lines"]);
        let body = br#"{"lines":[{"code":"x"}]}"#;
        assert_eq!(
            fields(parse::<Order>(body).unwrap_err()),
            ["lines[0].quantity"]
        );
    }

    #[test]
    fn malformed_json_is_a_bad_request() {
        assert!(matches!(parse::<Order>(b"{"), Err(Error::BadRequest(_))));
    }
}
