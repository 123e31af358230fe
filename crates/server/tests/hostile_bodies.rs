//! Fuzzing, as property tests (cargo-fuzz needs a nightly compiler, which these machines cannot
//! install), of the JSON body extractor that every write of the API goes through: random bytes,
//! real order bodies with bytes changed, cut or repeated, and wrong media types. Each answer is an
//! order or one of the documented refusals (`400`, `415`, a `422` naming its field; the router's
//! `413` for a body over the limit is `bodies.rs`'s), never a panic or a `5xx`. `scripts/test.sh`
//! runs the default number of cases; the measurement command (`bench/run.sh`) runs many more
//! through `PROPTEST_CASES`.

use axum::{
    body::Body,
    extract::FromRequest,
    http::{Request, StatusCode, header},
    response::IntoResponse,
};
use configurator_domain::api::OrderRequest;
use configurator_server::http::{Error, json::JsonBody};
use proptest::prelude::*;

const REAL_BODY: &str = r#"{"market":"KG","lines":[{"code":"AQYyMDI3LjEGY29iYWx0nKEAAEEBUg","quantity":5},{"code":"AQYyMDI3LjEEb25peKpdAABBAkk","quantity":1.0}]}"#;

/// What the extractor makes of `body` sent as `content_type`: the status of the answer.
fn extract(content_type: &str, body: Vec<u8>) -> Result<StatusCode, TestCaseError> {
    let request = Request::post("/api/v1/orders")
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(body))
        .expect("a request");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime");
    let answer = runtime.block_on(JsonBody::<OrderRequest>::from_request(request, &()));
    let status = match answer {
        Ok(_) => StatusCode::OK,
        Err(error) => {
            if let Error::Validation { fields, .. } = &error {
                prop_assert!(!fields.is_empty(), "a 422 that names no field: {error:?}");
            }
            error.into_response().status()
        }
    };
    prop_assert!(
        [200, 400, 413, 415, 422].contains(&status.as_u16()),
        "undocumented status {status}"
    );
    Ok(status)
}

proptest! {
    #[test]
    fn random_bytes_are_refused_with_a_documented_status(body in prop::collection::vec(any::<u8>(), 0..300)) {
        extract("application/json", body)?;
    }

    #[test]
    fn damaged_real_bodies_are_read_or_refused(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4),
        cut in 0usize..20,
        repeat in 1usize..3,
    ) {
        let mut body = REAL_BODY.as_bytes().to_vec();
        for (at, byte) in &edits {
            let at = at.index(body.len());
            body[at] = *byte;
        }
        body.truncate(body.len() - cut);
        let body = body.repeat(repeat);
        let status = extract("application/json; charset=utf-8", body)?;
        if edits.is_empty() && cut == 0 && repeat == 1 {
            prop_assert_eq!(status, StatusCode::OK);
        }
    }

    #[test]
    fn other_media_types_are_415(content_type in "[a-z/+;= -]{0,30}") {
        prop_assume!(!content_type.trim().to_ascii_lowercase().starts_with("application/json"));
        let status = extract(&content_type, REAL_BODY.as_bytes().to_vec())?;
        prop_assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    }
}
