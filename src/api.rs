//! The one typed client of the server's API: every HTTP call of the front end goes through here, and
//! every non-2xx answer becomes an [`ApiError`] carrying the server's message and field errors.

use std::{collections::BTreeMap, fmt, sync::OnceLock};

use configurator_domain::{
    Catalog, Lang, ModelId, Quantity,
    api::{
        AvailabilityResponse, CatalogResponse, ConfigurationsAvailabilityResponse, ErrorBody,
        Health, LoginRequest, ModelMonthsResponse, OrderList, OrderRequest, OrderResponse,
        PartnerProfile, PlanResponse, QuoteRequest, QuoteRequestCreated, QuoteRequestForm,
        SessionResponse,
    },
    bundle::{API_ROOT, catalog_path},
    catalog::file::CatalogFile,
    plan::YearMonth,
    price::OrderQuote,
};
use gloo_net::http::{Request, Response};
use serde::{Deserialize, Serialize, de::DeserializeOwned};

use crate::json;

/// The server's origin (`https://host[:port]`) when the front end runs on another origin's page
/// (the embedded configurator on a partner's site); unset, calls go to the page's own origin.
static SERVER_ORIGIN: OnceLock<String> = OnceLock::new();

/// Sends every later call to the server at `origin` (once; a later, different origin is
/// ignored: one page talks to one server).
pub fn use_server_origin(origin: &str) {
    let _first = SERVER_ORIGIN.set(origin.trim_end_matches('/').to_owned());
}

/// The address of the API's `path` (which starts with `/`).
fn url(path: &str) -> String {
    let origin = SERVER_ORIGIN.get().map_or("", String::as_str);
    format!("{origin}{API_ROOT}{path}")
}

/// Why a call failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// The server could not be reached (offline, refused, aborted).
    Network(String),
    /// The server answered with an error.
    Server {
        status: u16,
        code: String,
        message: String,
        /// Messages per request field, when the server named fields.
        fields: BTreeMap<String, Vec<String>>,
    },
    /// The answer was not what this version of the app expects.
    Decode(String),
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Network(detail) => write!(f, "the server cannot be reached ({detail})"),
            Self::Server {
                status, message, ..
            } => write!(f, "{message} (HTTP {status})"),
            Self::Decode(detail) => write!(f, "unexpected answer from the server ({detail})"),
        }
    }
}

/// Whether the server and its database answer.
pub async fn health() -> Result<Health, ApiError> {
    get_json("/health").await
}

/// The catalog in `lang` as the JSON text the server sent (kept as it is: the saved copy is
/// compared with it and replaced by it, and serializing a catalog again would put a whole
/// serializer of it in the wasm).
pub async fn catalog_text(lang: Lang) -> Result<String, ApiError> {
    get_text(&catalog_path(lang)).await
}

/// The catalog of [`catalog_text`] in `lang`, built and checked here (see [`CatalogAnswer::check`]).
pub fn parse_catalog(text: &str, lang: Lang) -> Result<CatalogResponse, ApiError> {
    parse::<CatalogAnswer>(text)?.check(lang)
}

/// The catalog's answer as sent, before it is checked: a catalog in one language does not pass
/// the check of the catalog file (which needs all four), the one that deserializing a `Catalog`
/// runs.
#[derive(Debug, Deserialize)]
pub struct CatalogAnswer {
    catalog: CatalogFile,
    default_codes: BTreeMap<ModelId, String>,
}

impl CatalogAnswer {
    /// The answer with its catalog built for the readers of `lang` ([`Catalog::from_file_in`]):
    /// every entry and reference is checked, and every text must have `lang`'s words (a copy of
    /// another language fails); the server's audit of every choice is trusted, not run again.
    pub fn check(self, lang: Lang) -> Result<CatalogResponse, ApiError> {
        let catalog = Catalog::from_file_in(self.catalog, lang)
            .map_err(|error| ApiError::Decode(error.to_string()))?;
        Ok(CatalogResponse {
            catalog,
            default_codes: self.default_codes,
        })
    }
}

/// The partner `id` of `data/partners.toml`, as an embedded configurator needs it.
pub async fn partner(id: &str) -> Result<PartnerProfile, ApiError> {
    get_json(&format!("/partners/{id}")).await
}

/// Sends a visitor's quote request to the partner's dealer; the server prices it itself.
pub async fn request_quote(form: &QuoteRequestForm) -> Result<QuoteRequestCreated, ApiError> {
    post_json("/quote-requests", form, None).await
}

/// The server's price of order lines: the authority the browser's own quote must equal.
pub async fn quote(request: &QuoteRequest) -> Result<OrderQuote, ApiError> {
    post_json("/quotes", request, None).await
}

/// The earliest build months of `quantity` units of the configuration `code`.
pub async fn availability(
    code: &str,
    quantity: Quantity,
) -> Result<AvailabilityResponse, ApiError> {
    // Codes are base64url: nothing in them needs escaping in a query string.
    get_json(&format!("/availability?code={code}&quantity={quantity}")).await
}

/// The earliest build months of `quantity` units of each configuration of `codes` (1 to
/// [`MAX_AVAILABILITY_CODES`](configurator_domain::api::MAX_AVAILABILITY_CODES)), in one request;
/// the answers come in the order of `codes`.
pub async fn availability_of_configurations(
    codes: &[String],
    quantity: Quantity,
) -> Result<ConfigurationsAvailabilityResponse, ApiError> {
    // Codes are base64url: nothing in them needs escaping in a query string.
    let codes: String = codes.iter().map(|code| format!("code={code}&")).collect();
    get_json(&format!(
        "/availability/configurations?{codes}quantity={quantity}"
    ))
    .await
}

/// What the outbox keeps of a placed order: its id. The order's page reads the rest; reading only
/// this keeps the order's full shape out of the public build.
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct PlacedOrder {
    /// The order's id.
    pub id: i64,
}

/// The month the first vehicle of each model would be built in, one vehicle ordered now.
pub async fn model_months() -> Result<ModelMonthsResponse, ApiError> {
    get_json("/availability/models").await
}

/// Places an order. `key` is the order's idempotency key: sending the same key and body again (a
/// retry after a lost answer, a second tab) answers the same order instead of placing another.
pub async fn place_order(request: &OrderRequest, key: &str) -> Result<PlacedOrder, ApiError> {
    post_json("/orders", request, Some(key)).await
}

/// A page of orders, newest first: the signed-in dealer's, or every order for a planner.
/// `query` is the list's query string without `?` (`limit=20&status=placed&cursor=…`), its
/// values already encoded.
pub async fn orders(query: &str) -> Result<OrderList, ApiError> {
    get_json(&format!("/orders?{query}")).await
}

/// One order.
pub async fn order(id: i64) -> Result<OrderResponse, ApiError> {
    get_json(&format!("/orders/{id}")).await
}

/// Cancels an order (dealers; refused with 409 when a build month is frozen).
pub async fn cancel_order(id: i64) -> Result<OrderResponse, ApiError> {
    let response = Request::post(&url(&format!("/orders/{id}/cancel")))
        .send()
        .await
        .map_err(|error| ApiError::Network(error.to_string()))?;
    decode(response).await
}

/// The production plan (planners) from `from` to `to`; the whole horizon when `None`.
pub async fn plan(
    from: Option<YearMonth>,
    to: Option<YearMonth>,
) -> Result<PlanResponse, ApiError> {
    get_json(&format!("/plan{}", plan_range(from, to))).await
}

/// The address of the plan's CSV export for the same range (a download link).
pub fn plan_csv_href(from: Option<YearMonth>, to: Option<YearMonth>) -> String {
    url(&format!("/plan.csv{}", plan_range(from, to)))
}

/// `?from=…&to=…` with the months given.
fn plan_range(from: Option<YearMonth>, to: Option<YearMonth>) -> String {
    let parts: Vec<String> = [("from", from), ("to", to)]
        .into_iter()
        .filter_map(|(name, month)| month.map(|m| format!("{name}={m}")))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// Why signing in did not work.
#[derive(Debug, Clone, PartialEq)]
pub enum SignInError {
    /// No such user, or another password.
    Wrong,
    /// Too many failed attempts for this username: wait this many seconds.
    Wait(u64),
    /// Anything else: the server unreachable or failing.
    Failed(ApiError),
}

/// Signs in; the server sets the session cookie.
pub async fn sign_in(request: &LoginRequest) -> Result<SessionResponse, SignInError> {
    let response = Request::post(&url("/session"))
        .json(request)
        .map_err(|error| SignInError::Failed(ApiError::Decode(error.to_string())))?
        .send()
        .await
        .map_err(|error| SignInError::Failed(ApiError::Network(error.to_string())))?;
    match response.status() {
        401 => Err(SignInError::Wrong),
        429 => Err(SignInError::Wait(
            response
                .headers()
                .get("retry-after")
                .and_then(|s| s.trim().parse().ok())
                .unwrap_or(1),
        )),
        _ => decode(response).await.map_err(SignInError::Failed),
    }
}

/// Who is signed in on this browser; `None` when nobody is (the server answers 401).
pub async fn session() -> Result<Option<SessionResponse>, ApiError> {
    match get_json("/session").await {
        Ok(session) => Ok(Some(session)),
        Err(ApiError::Server { status: 401, .. }) => Ok(None),
        Err(error) => Err(error),
    }
}

/// Signs out: the server forgets the session and clears the cookie.
pub async fn sign_out() -> Result<(), ApiError> {
    let response = Request::delete(&url("/session"))
        .send()
        .await
        .map_err(|error| ApiError::Network(error.to_string()))?;
    if response.ok() {
        Ok(())
    } else {
        Err(failure(response).await)
    }
}

// The requests and the reading of answers are not generic: only parsing is, so each answer type
// costs its parser in the wasm, not another copy of the request's state machine.

/// `POST {API_ROOT}{path}` with `body` as JSON (and an idempotency key), its 2xx answer read as `T`.
async fn post_json<T: DeserializeOwned>(
    path: &str,
    body: &impl Serialize,
    idempotency_key: Option<&str>,
) -> Result<T, ApiError> {
    let mut request = Request::post(&url(path));
    if let Some(key) = idempotency_key {
        request = request.header("Idempotency-Key", key);
    }
    let response = request
        .json(body)
        .map_err(|error| ApiError::Decode(error.to_string()))?
        .send()
        .await
        .map_err(|error| ApiError::Network(error.to_string()))?;
    decode(response).await
}

async fn get_json<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    parse(&get_text(path).await?)
}

/// The body of the 2xx answer to `GET {API_ROOT}{path}`. The request is made for the address as
/// it is: gloo-net's builder would append `&` to a query, and then the catalog's request would
/// miss the preload of the same address in the first paint.
async fn get_text(path: &str) -> Result<String, ApiError> {
    let request = web_sys::Request::new_with_str(&url(path))
        .map_err(|error| ApiError::Network(format!("{error:?}")))?;
    let response = Request::from(request)
        .send()
        .await
        .map_err(|error| ApiError::Network(error.to_string()))?;
    ok_text(response).await
}

async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    parse(&ok_text(response).await?)
}

/// The body of a 2xx answer, or the error of another.
async fn ok_text(response: Response) -> Result<String, ApiError> {
    if !response.ok() {
        return Err(failure(response).await);
    }
    response
        .text()
        .await
        .map_err(|error| ApiError::Decode(error.to_string()))
}

fn parse<T: DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    json::from_str(text).map_err(|error| ApiError::Decode(error.to_string()))
}

/// The error of a non-2xx answer.
async fn failure(response: Response) -> ApiError {
    let status = response.status();
    let body = response.text().await.unwrap_or_default();
    match json::from_str::<ErrorBody>(&body) {
        Ok(ErrorBody { error }) => ApiError::Server {
            status,
            code: error.code,
            message: error.message,
            fields: error.fields,
        },
        Err(_) => ApiError::Server {
            status,
            code: "http".to_owned(),
            message: response.status_text(),
            fields: BTreeMap::new(),
        },
    }
}

/// The quote requests that visitors of the signed-in dealer's partner sites sent, newest first.
pub async fn quote_requests() -> Result<configurator_domain::api::QuoteRequestList, ApiError> {
    get_json("/quote-requests").await
}

/// Sets the status of quote request `id`; the server answers the request as it now stands.
pub async fn update_quote_request(
    id: i64,
    status: configurator_domain::api::QuoteRequestStatus,
) -> Result<configurator_domain::api::PartnerQuoteRequest, ApiError> {
    let response = Request::patch(&url(&format!("/quote-requests/{id}")))
        .json(&configurator_domain::api::QuoteRequestUpdate { status })
        .map_err(|error| ApiError::Decode(error.to_string()))?
        .send()
        .await
        .map_err(|error| ApiError::Network(error.to_string()))?;
    decode(response).await
}
