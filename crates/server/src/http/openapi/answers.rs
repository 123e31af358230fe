//! The answers that the server's layers give before or around any handler, added to every
//! operation of the document, so that it lists each status an operation can answer (dealer systems
//! generate their clients from it): `414` for a long query string, `503` when busy or too slow
//! ([`limits`]) or when the database does not answer, `403` for a write from another site
//! (`origin`), and for a JSON body `400`, `413`, `415` and `422` ([`json`]). A status that the
//! handler's own annotation already describes keeps that description.

use utoipa::{
    Modify,
    openapi::{
        ContentBuilder, OpenApi, Ref, ResponseBuilder,
        path::{Operation, PathItem},
    },
};

use super::super::{json, limits};

/// The modifier that adds the shared answers.
pub struct SharedAnswers;

impl Modify for SharedAnswers {
    fn modify(&self, openapi: &mut OpenApi) {
        for item in openapi.paths.paths.values_mut() {
            for (writes, operation) in operations(item) {
                for (status, description) in shared_answers(writes, operation) {
                    let answer = ResponseBuilder::new()
                        .description(description)
                        .content(
                            "application/json",
                            ContentBuilder::new()
                                .schema(Some(Ref::from_schema_name("ErrorBody")))
                                .build(),
                        )
                        .build();
                    operation
                        .responses
                        .responses
                        .entry(status.to_owned())
                        .or_insert(answer.into());
                }
            }
        }
    }
}

/// Each operation of a path, and whether it is a write (anything but `GET`).
fn operations(item: &mut PathItem) -> impl Iterator<Item = (bool, &mut Operation)> {
    [
        (false, item.get.as_mut()),
        (true, item.post.as_mut()),
        (true, item.put.as_mut()),
        (true, item.patch.as_mut()),
        (true, item.delete.as_mut()),
    ]
    .into_iter()
    .filter_map(|(writes, operation)| Some((writes, operation?)))
}

/// The statuses that the layers can answer for this operation, with what each means.
fn shared_answers(writes: bool, operation: &Operation) -> Vec<(&'static str, String)> {
    let mut answers = vec![
        (
            "414",
            format!(
                "The query string is longer than {} bytes",
                limits::QUERY_LIMIT
            ),
        ),
        (
            "503",
            format!(
                "Busy: more than {} requests at once (see `Retry-After`), no answer within {} s, \
                 or the database does not answer",
                limits::MAX_IN_FLIGHT,
                limits::REQUEST_TIMEOUT.as_secs()
            ),
        ),
    ];
    if writes {
        answers.push((
            "403",
            "A write from another site: an `Origin` whose host is not the `Host`".to_owned(),
        ));
    }
    if operation.request_body.is_some() {
        answers.extend([
            (
                "400",
                "The body is not JSON (trailing characters included), or could not be read to its end"
                    .to_owned(),
            ),
            (
                "413",
                format!("The body is larger than {} bytes", json::BODY_LIMIT),
            ),
            (
                "415",
                "The body is not sent as `Content-Type: application/json`".to_owned(),
            ),
            (
                "422",
                "A field at fault, named: a wrong type, a missing or an unknown field".to_owned(),
            ),
        ]);
    }
    answers
}
