//! The public endpoints: the catalog with its ETag, quotes and availability, each on both backends.

mod support;

use axum::http::{Method, StatusCode, header};
use configurator_domain::{Catalog, code, price};
use serde_json::json;
use support::TestApp;

on_both_backends!(
    catalog_has_default_codes_and_an_etag,
    quotes_price_lines_like_the_domain_crate,
    quotes_name_every_bad_field,
    a_quote_with_a_price_field_is_refused,
    malformed_and_oversized_bodies_are_refused,
    availability_answers_the_earliest_months,
    availability_names_bad_parameters,
);

async fn catalog_has_default_codes_and_an_etag(app: TestApp) {
    let answer = app.get("/api/v1/catalog", None).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.headers[header::CONTENT_TYPE], "application/json");
    let etag = answer.headers[header::ETAG]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(etag.starts_with('"') && etag.ends_with('"'), "{etag}");
    let json = answer.json();
    let catalog: Catalog =
        serde_json::from_value(json["catalog"].clone()).expect("a valid catalog");
    assert_eq!(catalog.models().len(), 19);
    for model in catalog.models() {
        let code = json["default_codes"][model.id().as_str()]
            .as_str()
            .expect("a code");
        let decoded = code::decode(&catalog, code).expect("decodes");
        assert_eq!(decoded, model.default_configuration());
    }
    let headers = [("if-none-match", etag.as_str())];
    let again = app
        .call(Method::GET, "/api/v1/catalog", None, &headers, None)
        .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty());
    assert_eq!(again.headers[header::ETAG], etag.as_str());
    let weak = format!("W/{etag}, \"other\"");
    let headers = [("if-none-match", weak.as_str())];
    let again = app
        .call(Method::GET, "/api/v1/catalog", None, &headers, None)
        .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    let headers = [("if-none-match", "\"stale\"")];
    let again = app
        .call(Method::GET, "/api/v1/catalog", None, &headers, None)
        .await;
    assert_eq!(again.status, StatusCode::OK);
}

async fn quotes_price_lines_like_the_domain_crate(app: TestApp) {
    let cobalt = app.default_code("cobalt").await;
    let nqr = app.default_code("nqr-school").await;
    let body = json!({ "market": "UZ", "lines": [
        { "code": cobalt, "quantity": 1 }, { "code": nqr, "quantity": 12 } ] });
    let answer = app.post("/api/v1/quotes", None, body).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    let quote: price::OrderQuote = serde_json::from_slice(&answer.body).expect("an order quote");
    let catalog = &app.state.data.catalog;
    let lines = [
        (
            code::decode(catalog, &cobalt).expect("code"),
            1u32.try_into().expect("qty"),
        ),
        (
            code::decode(catalog, &nqr).expect("code"),
            12u32.try_into().expect("qty"),
        ),
    ];
    let market = "UZ".parse().expect("market");
    let expected =
        price::quote_order(catalog, &lines, &market, price::Currency::Local).expect("priced");
    assert_eq!(quote, expected);
    assert_eq!(quote.currency.as_str(), "UZS");
    let usd =
        json!({ "market": "KG", "currency": "usd", "lines": [{ "code": cobalt, "quantity": 1 }] });
    let answer = app.post("/api/v1/quotes", None, usd).await;
    assert_eq!(answer.json()["currency"], "USD");
}

async fn quotes_name_every_bad_field(app: TestApp) {
    let cobalt = app.default_code("cobalt").await;
    let body = json!({ "market": "KZ", "lines": [
        { "code": cobalt, "quantity": 0 },
        { "code": "not-a-code", "quantity": 1 },
        { "code": cobalt, "quantity": 1000 } ] });
    let answer = app.post("/api/v1/quotes", None, body).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        answer.error_fields(),
        [
            "lines[0].quantity",
            "lines[1].code",
            "lines[2].quantity",
            "market"
        ]
    );
    let json = answer.json();
    let code_error = json["error"]["fields"]["lines[1].code"][0]
        .as_str()
        .expect("a message");
    assert!(
        code_error.contains("malformed configuration code `not-a-code`"),
        "{code_error}"
    );
    let empty = app
        .post(
            "/api/v1/quotes",
            None,
            json!({ "market": "KG", "lines": [] }),
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(empty.error_fields(), ["lines"]);
    let lines: Vec<_> = (0..101)
        .map(|_| json!({ "code": cobalt, "quantity": 1 }))
        .collect();
    let many = app
        .post(
            "/api/v1/quotes",
            None,
            json!({ "market": "KG", "lines": lines }),
        )
        .await;
    assert_eq!(many.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(many.error_fields(), ["lines"]);
    let malformed_market = app
        .post(
            "/api/v1/quotes",
            None,
            json!({ "market": "kg", "lines": [] }),
        )
        .await;
    assert_eq!(malformed_market.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(malformed_market.error_fields(), ["market"]);
    let wrong_type = json!({ "market": "KG", "lines": [{ "code": cobalt, "quantity": "two" }] });
    let answer = app.post("/api/v1/quotes", None, wrong_type).await;
    assert_eq!(answer.error_fields(), ["lines[0].quantity"]);
    let negative = json!({ "market": "KG", "lines": [{ "code": cobalt, "quantity": -1 }] });
    let answer = app.post("/api/v1/quotes", None, negative).await;
    assert_eq!(answer.error_fields(), ["lines[0].quantity"]);
}

async fn a_quote_with_a_price_field_is_refused(app: TestApp) {
    let cobalt = app.default_code("cobalt").await;
    let body = json!({ "market": "KG", "lines": [{ "code": cobalt, "quantity": 1, "price": 1 }] });
    let answer = app.post("/api/v1/quotes", None, body).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(answer.error_fields(), ["lines[0].price"]);
    let body = json!({ "market": "KG", "total": 5, "lines": [{ "code": cobalt, "quantity": 1 }] });
    let answer = app.post("/api/v1/quotes", None, body).await;
    assert_eq!(answer.error_fields(), ["total"]);
}

async fn malformed_and_oversized_bodies_are_refused(app: TestApp) {
    let answer = app
        .raw(
            Method::POST,
            "/api/v1/quotes",
            None,
            &[],
            Some(b"{\"market\":".to_vec()),
        )
        .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.json()["error"]["code"], "bad_request");
    let huge = format!(
        "{{\"market\":\"KG\",\"lines\":[],\"x\":\"{}\"}}",
        "a".repeat(300 * 1024)
    );
    let answer = app
        .raw(
            Method::POST,
            "/api/v1/quotes",
            None,
            &[],
            Some(huge.into_bytes()),
        )
        .await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(answer.json()["error"]["code"], "payload_too_large");
    let not_json = app
        .raw(
            Method::POST,
            "/api/v1/quotes",
            None,
            &[("content-type", "text/plain")],
            None,
        )
        .await;
    assert_eq!(not_json.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

async fn availability_answers_the_earliest_months(app: TestApp) {
    let cobalt = app.default_code("cobalt").await;
    let answer = app
        .get(
            &format!("/api/v1/availability?code={cobalt}&quantity=5"),
            None,
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    // Ordered in 2027-01: UzAuto kits take 2 months, and 2027-01 and -02 are frozen.
    assert_eq!(
        answer.json(),
        json!({ "model": "cobalt", "quantity": 5, "first": "2027-03", "last": "2027-03" })
    );
    // The passenger line builds 90 in 2027-03 (60 % of 150), 120 in -04: 250 take three months.
    let answer = app
        .get(
            &format!("/api/v1/availability?code={cobalt}&quantity=250"),
            None,
        )
        .await;
    assert_eq!(answer.json()["last"], "2027-05");
    let nqr = app.default_code("nqr-school").await;
    let answer = app
        .get(&format!("/api/v1/availability?code={nqr}"), None)
        .await;
    assert_eq!(
        answer.json()["first"],
        "2027-04",
        "SamAuto kits take 3 months"
    );
    assert_eq!(answer.json()["quantity"], 1);
    // Every model at once, as the one-by-one answers say.
    let all = app.get("/api/v1/availability/models", None).await;
    assert_eq!(all.status, StatusCode::OK, "{}", all.text());
    let first = &all.json()["first"];
    assert_eq!(first.as_object().map(|m| m.len()), Some(19), "{first}");
    assert_eq!(first["cobalt"], "2027-03");
    assert_eq!(first["nqr-school"], "2027-04");
}

async fn availability_names_bad_parameters(app: TestApp) {
    let cobalt = app.default_code("cobalt").await;
    for (query, field) in [
        (format!("code={cobalt}&quantity=0"), "quantity"),
        (format!("code={cobalt}&quantity=1000"), "quantity"),
        (format!("code={cobalt}&quantity=many"), "quantity"),
        ("quantity=1".to_owned(), "code"),
        ("code=AAAA".to_owned(), "code"),
        (format!("code={cobalt}&price=1"), "price"),
    ] {
        let answer = app
            .get(&format!("/api/v1/availability?{query}"), None)
            .await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        assert_eq!(answer.error_fields(), [field], "{query}");
    }
}
