//! `GET /api/v1/availability/configurations`, the compare page's one question for all its
//! columns: each answer is the one `GET /api/v1/availability` gives for the same code and
//! quantity, in order; a bad code is named by its place, 0 or 5 codes are refused, a full line
//! is `null` in its place while the others are answered, a second instance catches up before it
//! answers, and the OpenAPI document says so. On both backends.

mod support;

use axum::http::{Method, StatusCode};
use configurator_domain::api::MAX_AVAILABILITY_CODES;
use serde_json::{Value, json};
use support::{TestApp, send};

on_both_backends!(
    each_answer_is_the_single_questions_answer,
    a_bad_code_is_named_by_its_place,
    none_or_more_than_four_codes_are_refused,
    a_full_line_is_null_in_its_place_and_the_others_are_answered,
    a_second_instance_answers_with_the_first_ones_orders,
    the_document_declares_a_repeated_code_like_the_single_one,
);

/// `?code=…&code=…` and the quantity, when there is one.
fn query(codes: &[&str], quantity: Option<&str>) -> String {
    let mut parts: Vec<String> = codes.iter().map(|code| format!("code={code}")).collect();
    parts.extend(quantity.map(|quantity| format!("quantity={quantity}")));
    parts.join("&")
}

/// The batch's answer, as JSON; it must be a 200.
async fn batch(app: &TestApp, codes: &[&str], quantity: Option<&str>) -> Value {
    let path = format!(
        "/api/v1/availability/configurations?{}",
        query(codes, quantity)
    );
    let answer = app.get(&path, None).await;
    assert_eq!(answer.status, StatusCode::OK, "{path}: {}", answer.text());
    answer.json()
}

async fn each_answer_is_the_single_questions_answer(app: TestApp) {
    let cobalt = app.default_code("cobalt").await;
    let nqr = app.default_code("nqr-school").await;
    let onix = app.default_code("onix").await;
    // The same code twice, models on both lines, and a quantity over several months.
    let codes = [
        cobalt.as_str(),
        nqr.as_str(),
        onix.as_str(),
        cobalt.as_str(),
    ];
    for quantity in [None, Some("1"), Some("250"), Some("999")] {
        let answer = batch(&app, &codes, quantity).await;
        let mut singles = Vec::new();
        for code in codes {
            let path = format!("/api/v1/availability?{}", query(&[code], quantity));
            let single = app.get(&path, None).await;
            assert_eq!(single.status, StatusCode::OK, "{path}: {}", single.text());
            singles.push(single.json());
        }
        assert_eq!(
            answer,
            json!({ "configurations": singles }),
            "quantity {quantity:?}"
        );
    }
    // Ordered in 2027-01: UzAuto kits take 2 months, SamAuto's 3.
    let answer = batch(&app, &[&nqr, &cobalt], Some("5")).await;
    assert_eq!(
        answer,
        json!({ "configurations": [
            { "model": "nqr-school", "quantity": 5, "first": "2027-04", "last": "2027-04" },
            { "model": "cobalt", "quantity": 5, "first": "2027-03", "last": "2027-03" },
        ] })
    );
}

async fn a_bad_code_is_named_by_its_place(app: TestApp) {
    let cobalt = app.default_code("cobalt").await;
    for bad in ["NOT-A-CODE", "AAAAAAAAAAAAAAAAAAAA"] {
        let path = format!(
            "/api/v1/availability/configurations?{}",
            query(&[&cobalt, bad, &cobalt], Some("10"))
        );
        let answer = app.get(&path, None).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert_eq!(answer.error_fields(), ["code[1]"], "{bad}");
        // The message is the single question's for the same code.
        let single = app
            .get(&format!("/api/v1/availability?code={bad}"), None)
            .await;
        assert_eq!(single.status, StatusCode::UNPROCESSABLE_ENTITY);
        let json = answer.json();
        assert_eq!(
            json["error"]["fields"]["code[1]"],
            single.json()["error"]["fields"]["code"]
        );
        let message = json["error"]["message"].as_str().expect("a message");
        assert!(message.starts_with("code[1]: "), "{message}");
    }
    let answer = app
        .get(
            "/api/v1/availability/configurations?code=NOT-A-CODE&code=AAAA",
            None,
        )
        .await;
    assert_eq!(answer.error_fields(), ["code[0]"], "the first bad code");
    assert!(answer.text().contains("`NOT-A-CODE`"), "{}", answer.text());
}

async fn none_or_more_than_four_codes_are_refused(app: TestApp) {
    let cobalt = app.default_code("cobalt").await;
    let four = [cobalt.as_str(); MAX_AVAILABILITY_CODES];
    let answer = batch(&app, &four, Some("3")).await;
    assert_eq!(answer["configurations"].as_array().map(Vec::len), Some(4));
    let five = [cobalt.as_str(); MAX_AVAILABILITY_CODES + 1];
    for (query, field) in [
        (query(&[], Some("3")), "code"),
        (String::new(), "code"),
        (query(&five, Some("3")), "code"),
        (query(&[&cobalt], Some("0")), "quantity"),
        (query(&[&cobalt], Some("1000")), "quantity"),
        (query(&[&cobalt], Some("many")), "quantity"),
        (
            format!("{}&quantity=2", query(&[&cobalt], Some("1"))),
            "quantity",
        ),
        (format!("{}&price=1", query(&[&cobalt], None)), "price"),
    ] {
        let answer = app
            .get(
                &format!("/api/v1/availability/configurations?{query}"),
                None,
            )
            .await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        assert_eq!(answer.error_fields(), [field], "{query}");
    }
    let five = app
        .get(
            &format!("/api/v1/availability/configurations?{}", query(&five, None)),
            None,
        )
        .await;
    assert!(
        five.text()
            .contains("expected 1 to 4 configuration codes, got `5`"),
        "{}",
        five.text()
    );
}

async fn a_full_line_is_null_in_its_place_and_the_others_are_answered(app: TestApp) {
    let dealer = app.login("dealer1").await;
    let cobalt = app.default_code("cobalt").await;
    let nqr = app.default_code("nqr-school").await;
    // School buses ordered until the commercial line has no room for 999 more before the
    // horizon: ten lines of 999 an order, then one line when ten no longer fit.
    let single_path = format!("/api/v1/availability?code={nqr}&quantity=999");
    let mut single = app.get(&single_path, None).await;
    let mut lines = 10;
    for order in 0..40 {
        if single.status != StatusCode::OK {
            break;
        }
        let line = json!({ "code": nqr, "quantity": 999 });
        let body = json!({ "market": "KG", "lines": vec![line; lines] });
        let placed = app.order(&dealer, &format!("fill-{order}"), body).await;
        if placed.status == StatusCode::UNPROCESSABLE_ENTITY && lines > 1 {
            lines = 1;
            continue;
        }
        assert_eq!(placed.status, StatusCode::CREATED, "{}", placed.text());
        single = app.get(&single_path, None).await;
    }
    assert_eq!(single.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(single.error_fields(), ["quantity"]);
    // The batch answers the Cobalt, and `null` in the school bus's place.
    let path = format!(
        "/api/v1/availability/configurations?{}",
        query(&[&cobalt, &nqr], Some("999"))
    );
    let answer = app.get(&path, None).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    let cobalt_alone = app
        .get(
            &format!("/api/v1/availability?code={cobalt}&quantity=999"),
            None,
        )
        .await;
    assert_eq!(
        answer.json()["configurations"],
        json!([cobalt_alone.json(), null])
    );
}

async fn a_second_instance_answers_with_the_first_ones_orders(app: TestApp) {
    let second = app.second_instance().await;
    let dealer = app.login("dealer1").await;
    let cobalt = app.default_code("cobalt").await;
    let onix = app.default_code("onix").await;
    let path = format!(
        "/api/v1/availability/configurations?{}",
        query(&[&cobalt, &onix], Some("1"))
    );
    let firsts = |answer: &Value| {
        answer["configurations"]
            .as_array()
            .expect("configurations")
            .iter()
            .map(|c| c["first"].clone())
            .collect::<Vec<_>>()
    };
    let before = send(&second, Method::GET, &path, None, &[], None).await;
    assert_eq!(firsts(&before.json()), ["2027-03", "2027-03"]);
    // 90 cobalts fill the passenger line's March on the first instance.
    let body = json!({ "market": "KG", "lines": [{ "code": cobalt, "quantity": 90 }] });
    let placed = app.order(&dealer, "fill-march", body).await;
    assert_eq!(placed.status, StatusCode::CREATED, "{}", placed.text());
    let after = send(&second, Method::GET, &path, None, &[], None).await;
    assert_eq!(
        firsts(&after.json()),
        ["2027-04", "2027-04"],
        "the second instance caught up: {}",
        after.text()
    );
}

async fn the_document_declares_a_repeated_code_like_the_single_one(app: TestApp) {
    let document = app.get("/api/v1/openapi.json", None).await.json();
    let code = |path: &str| {
        document["paths"][path]["get"]["parameters"]
            .as_array()
            .expect("parameters")
            .iter()
            .find(|p| p["name"] == "code")
            .cloned()
            .expect("a `code` parameter")
    };
    let (single, several) = (code("/availability"), code("/availability/configurations"));
    assert_eq!(several["required"], true);
    assert_eq!(
        (&several["style"], &several["explode"]),
        (&json!("form"), &json!(true))
    );
    let schema = &several["schema"];
    assert_eq!(schema["type"], "array");
    assert_eq!(schema["minItems"], 1);
    assert_eq!(schema["maxItems"], MAX_AVAILABILITY_CODES);
    assert_eq!(schema["items"]["pattern"], single["schema"]["pattern"]);
    assert_eq!(schema["items"]["examples"], single["schema"]["examples"]);
    assert!(schema["items"]["pattern"].is_string(), "{schema}");
}
