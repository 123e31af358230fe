//! The outbox: orders submitted from the cart, kept in local storage until the server has answered
//! them for good. Each has its idempotency key from the moment it is submitted, so sending it again
//! (after a lost answer, a reload, from a second tab) answers the same order and never places a
//! second one. The server unreachable, or answering 5xx, leaves it waiting with a growing pause
//! between attempts; a 2xx places it; any other answer rejects it with the server's reasons.
//!
//! The state machine ([`Submission::settle`]) is pure; [`use_outbox`] drives it in the browser.

use std::collections::BTreeMap;

use configurator_domain::api::OrderRequest;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{api, api::ApiError, cart::Cart, storage};

/// Where every dealer's submissions on this browser are kept.
const OUTBOX_KEY: &str = "configurator.outbox";
/// The version of the stored outbox's shape.
const OUTBOX_VERSION: u32 = 1;
/// The longest pause between two attempts, in milliseconds.
const MAX_PAUSE_MS: u64 = 60_000;

/// Where a submission stands.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Delivery {
    /// Not answered yet: sent at the next attempt.
    Waiting,
    /// The server placed it.
    Placed {
        /// The order's id.
        order: i64,
    },
    /// The server refused it: the message, and messages per request field
    /// (`lines[1].quantity`).
    Rejected {
        /// Why.
        message: String,
        /// Why, per field.
        fields: BTreeMap<String, Vec<String>>,
    },
}

/// An order submitted from a dealer's cart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Submission {
    /// The idempotency key, fixed when it was submitted.
    pub key: String,
    /// The dealer (username) whose cart it came from.
    pub dealer: String,
    /// What is sent.
    pub request: OrderRequest,
    /// Where it stands.
    pub delivery: Delivery,
    /// Attempts that got no final answer.
    pub attempts: u32,
    /// When the next attempt may be made, in milliseconds since 1970.
    pub retry_at: u64,
}

impl Submission {
    /// A new submission of `request` by `dealer`, to be sent at once.
    pub fn new(dealer: &str, request: OrderRequest, key: String) -> Self {
        Self {
            key,
            dealer: dealer.to_owned(),
            request,
            delivery: Delivery::Waiting,
            attempts: 0,
            retry_at: 0,
        }
    }

    /// Takes the answer to an attempt made at `now`: placed, rejected, or waiting again after a
    /// pause that doubles with each attempt (1 s, 2 s, 4 s … at most a minute).
    pub fn settle(&mut self, answer: Result<i64, ApiError>, now: u64) {
        match answer {
            Ok(order) => self.delivery = Delivery::Placed { order },
            Err(error) if is_transient(&error) => {
                self.attempts += 1;
                let pause = 1000u64 << (self.attempts.min(17) - 1);
                self.retry_at = now + pause.min(MAX_PAUSE_MS);
            }
            Err(ApiError::Server {
                message, fields, ..
            }) => self.delivery = Delivery::Rejected { message, fields },
            Err(other) => {
                self.delivery = Delivery::Rejected {
                    message: other.to_string(),
                    fields: BTreeMap::new(),
                }
            }
        }
    }

    /// Whether it still waits for an answer.
    pub fn is_waiting(&self) -> bool {
        self.delivery == Delivery::Waiting
    }
}

/// Whether asking again may get another answer: the server unreachable, failing or busy, or a
/// 2xx whose body could not be read (the same key answers the same order).
fn is_transient(error: &ApiError) -> bool {
    match error {
        ApiError::Network(_) | ApiError::Decode(_) => true,
        ApiError::Server { status, .. } => *status >= 500 || *status == 408 || *status == 429,
    }
}

/// Every submission on this browser, oldest first.
pub fn load() -> Vec<Submission> {
    storage::load(OUTBOX_KEY, OUTBOX_VERSION)
        .found()
        .unwrap_or_default()
}

/// Changes the stored outbox with `change`, read afresh so that another tab's news is kept.
fn update(change: impl FnOnce(&mut Vec<Submission>)) {
    let mut all = load();
    change(&mut all);
    storage::save(OUTBOX_KEY, OUTBOX_VERSION, &all);
}

/// The time now, in milliseconds since 1970.
fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// A fresh idempotency key: the time and two random draws, unique per submission in practice.
fn new_key() -> String {
    let draw = || (js_sys::Math::random() * 9_007_199_254_740_992.0) as u64;
    format!("{:x}-{:x}-{:x}", now_ms(), draw(), draw())
}

/// The outbox as the pages see it: a version number that changes whenever any tab changes it.
#[derive(Clone, Copy)]
pub struct Outbox {
    changed: RwSignal<u64>,
}

impl Outbox {
    /// `dealer`'s submissions, oldest first (reactive).
    pub fn of(&self, dealer: &str) -> Vec<Submission> {
        self.changed.track();
        load().into_iter().filter(|s| s.dealer == dealer).collect()
    }

    /// Submits `request` as `dealer`'s order: stored first, then sent. Refused (`false`) while
    /// another of the dealer's submissions waits, so that a double click submits once.
    pub fn submit(&self, dealer: &str, request: OrderRequest) -> bool {
        let mut accepted = false;
        update(|all| {
            if all.iter().any(|s| s.dealer == dealer && s.is_waiting()) {
                return;
            }
            // A new submission replaces the dealer's earlier rejected ones.
            all.retain(|s| {
                !(s.dealer == dealer && matches!(s.delivery, Delivery::Rejected { .. }))
            });
            all.push(Submission::new(dealer, request, new_key()));
            accepted = true;
        });
        self.changed.update(|v| *v += 1);
        accepted
    }

    /// Forgets a finished submission (placed or rejected).
    pub fn dismiss(&self, key: &str) {
        update(|all| all.retain(|s| s.key != key || s.is_waiting()));
        self.changed.update(|v| *v += 1);
    }
}

/// Starts the outbox's driver and provides the [`Outbox`]: every second, each due submission of
/// the signed-in dealer is sent (one attempt at a time per submission); another tab's changes
/// arrive through the `storage` event. A placed order empties the dealer's cart.
pub fn use_outbox(dealer: Signal<Option<String>>) -> Outbox {
    let outbox = Outbox {
        changed: RwSignal::new(0),
    };
    provide_context(outbox);
    let in_flight = StoredValue::new_local(Vec::<String>::new());
    let tick = move || {
        let Some(dealer) = dealer.get_untracked() else {
            return;
        };
        let now = now_ms();
        let due = load().into_iter().find(|s| {
            s.dealer == dealer
                && s.is_waiting()
                && s.retry_at <= now
                && !in_flight.with_value(|f| f.contains(&s.key))
        });
        let Some(submission) = due else {
            return;
        };
        in_flight.update_value(|f| f.push(submission.key.clone()));
        leptos::task::spawn_local(async move {
            let answer = api::place_order(&submission.request, &submission.key)
                .await
                .map(|order| order.id);
            let now = now_ms();
            let mut placed = false;
            update(|all| {
                if let Some(stored) = all.iter_mut().find(|s| s.key == submission.key) {
                    if stored.is_waiting() {
                        stored.settle(answer, now);
                    }
                    placed = matches!(stored.delivery, Delivery::Placed { .. });
                }
            });
            if placed {
                Cart::default().save(&submission.dealer);
            }
            in_flight.update_value(|f| f.retain(|k| *k != submission.key));
            outbox.changed.try_update(|v| *v += 1);
        });
    };
    if let Ok(handle) = set_interval_with_handle(tick, std::time::Duration::from_secs(1)) {
        on_cleanup(move || handle.clear());
    }
    let listener = window_event_listener(leptos::ev::storage, move |_| {
        outbox.changed.try_update(|v| *v += 1);
    });
    on_cleanup(move || listener.remove());
    outbox
}

/// The outbox the app provides.
pub fn use_outbox_context() -> Outbox {
    expect_context::<Outbox>()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn submission() -> Submission {
        Submission::new(
            "dealer1",
            OrderRequest {
                market: "KG".parse().expect("a market"),
                lines: Vec::new(),
            },
            "k-1".to_owned(),
        )
    }

    fn server(status: u16) -> ApiError {
        ApiError::Server {
            status,
            code: "x".to_owned(),
            message: format!("status {status}"),
            fields: BTreeMap::from([("lines[1].quantity".to_owned(), vec!["too many".to_owned()])]),
        }
    }

    #[test]
    fn unreachable_or_failing_waits_with_a_doubling_pause_up_to_a_minute() {
        let mut s = submission();
        s.settle(Err(ApiError::Network("refused".to_owned())), 10_000);
        assert!(s.is_waiting());
        assert_eq!((s.attempts, s.retry_at), (1, 11_000));
        s.settle(Err(server(503)), 20_000);
        assert_eq!((s.attempts, s.retry_at), (2, 22_000));
        s.settle(Err(server(429)), 30_000);
        assert_eq!(s.retry_at, 34_000);
        for _ in 0..40 {
            s.settle(Err(ApiError::Decode("cut off".to_owned())), 0);
        }
        assert!(s.is_waiting());
        assert_eq!(s.retry_at, MAX_PAUSE_MS);
    }

    #[test]
    fn a_2xx_places_and_a_4xx_rejects_with_the_fields() {
        let mut placed = submission();
        placed.settle(Ok(42), 0);
        assert_eq!(placed.delivery, Delivery::Placed { order: 42 });
        let mut rejected = submission();
        rejected.settle(Err(server(422)), 0);
        match rejected.delivery {
            Delivery::Rejected { message, fields } => {
                assert_eq!(message, "status 422");
                assert_eq!(fields["lines[1].quantity"], ["too many"]);
            }
            other => panic!("expected a rejection, got {other:?}"),
        }
    }
}
