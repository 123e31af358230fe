//! Every URL of the app: the one place where paths and query strings are built and parsed.
//!
//! State that belongs in a link lives here: the catalog's filters (`/?brand=isuzu&sort=price`) and
//! a configuration (`/configure/cobalt?c=CODE&q=5`). Parsing never fails: unknown or malformed
//! parameters are dropped, an unknown path is [`Route::NotFound`].

/// A page of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `/`: the vehicle types, filtered and sorted.
    Catalog(CatalogQuery),
    /// `/configure/{model}?c={code}&q={quantity}`: configuring one vehicle type.
    Configure {
        /// The model id.
        model: String,
        /// The configuration code; `None` means the model's default configuration.
        code: Option<String>,
        /// Units, 1 to 999; `None` means one.
        quantity: Option<u16>,
    },
    /// `/compare`: variants side by side.
    Compare,
    /// `/orders`: a dealer's orders.
    Orders,
    /// `/plan`: the production plan.
    Plan,
    /// `/sign-in`: dealers and planners sign in; signed in, who they are and signing out.
    SignIn,
    /// Anything else; carries the path that was asked for.
    NotFound { path: String },
}

/// The catalog page's filters, sort order and search text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CatalogQuery {
    /// Only this brand (`chevrolet`, `isuzu`).
    pub brand: Option<String>,
    /// Only this body type (`sedan`, `minibus`, ...).
    pub body: Option<String>,
    /// The order of the cards.
    pub sort: Sort,
    /// Text the name must contain (any case, surrounding spaces ignored); empty for all.
    pub search: String,
}

/// How the catalog is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// The catalog's own order.
    #[default]
    Catalog,
    /// Cheapest first.
    PriceAsc,
    /// Dearest first.
    PriceDesc,
    /// Most seats first.
    Seats,
    /// Highest payload first.
    Payload,
}

impl Sort {
    /// Every sort order, in the order the UI lists them.
    pub const ALL: [Sort; 5] = [
        Sort::Catalog,
        Sort::PriceAsc,
        Sort::PriceDesc,
        Sort::Seats,
        Sort::Payload,
    ];

    /// The value in the URL (empty for the default).
    pub fn slug(self) -> &'static str {
        match self {
            Sort::Catalog => "",
            Sort::PriceAsc => "price",
            Sort::PriceDesc => "price-desc",
            Sort::Seats => "seats",
            Sort::Payload => "payload",
        }
    }

    /// The sort order a URL value names; the default for anything unknown.
    pub fn from_slug(slug: &str) -> Self {
        Sort::ALL
            .into_iter()
            .find(|s| s.slug() == slug)
            .unwrap_or_default()
    }
}

impl Route {
    /// The route a URL names: a path with an optional query string and fragment.
    pub fn parse(url: &str) -> Self {
        let url = url.split('#').next().unwrap_or_default();
        let (path, query) = url.split_once('?').unwrap_or((url, ""));
        let params = parse_query(query);
        let param = |key: &str| {
            params
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
        };
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        match segments.as_slice() {
            [] => Self::Catalog(CatalogQuery {
                brand: param("brand").filter(|v| is_id(v)).map(str::to_owned),
                body: param("body").filter(|v| is_id(v)).map(str::to_owned),
                sort: Sort::from_slug(param("sort").unwrap_or_default()),
                // Not trimmed: the search box shows what the URL holds while the user types.
                search: param("q").unwrap_or_default().to_owned(),
            }),
            ["configure", model] if is_id(model) => Self::Configure {
                model: (*model).to_owned(),
                code: param("c").filter(|v| is_code(v)).map(str::to_owned),
                quantity: param("q")
                    .and_then(|v| v.parse::<u16>().ok())
                    .filter(|q| (1..=999).contains(q)),
            },
            ["compare"] => Self::Compare,
            ["orders"] => Self::Orders,
            ["plan"] => Self::Plan,
            ["sign-in"] => Self::SignIn,
            _ => Self::NotFound {
                path: path.to_owned(),
            },
        }
    }

    /// The URL of this route: a path and, when there are parameters, a query string.
    pub fn href(&self) -> String {
        match self {
            Self::Catalog(query) => {
                let params = [
                    ("brand", query.brand.clone().unwrap_or_default()),
                    ("body", query.body.clone().unwrap_or_default()),
                    ("sort", query.sort.slug().to_owned()),
                    ("q", query.search.clone()),
                ];
                with_query("/".to_owned(), &params)
            }
            Self::Configure {
                model,
                code,
                quantity,
            } => {
                let params = [
                    ("c", code.clone().unwrap_or_default()),
                    (
                        "q",
                        quantity
                            .filter(|q| *q > 1)
                            .map(|q| q.to_string())
                            .unwrap_or_default(),
                    ),
                ];
                with_query(format!("/configure/{model}"), &params)
            }
            Self::Compare => "/compare".to_owned(),
            Self::Orders => "/orders".to_owned(),
            Self::Plan => "/plan".to_owned(),
            Self::SignIn => "/sign-in".to_owned(),
            Self::NotFound { path } => path.clone(),
        }
    }

    /// The catalog page without filters.
    pub fn home() -> Self {
        Self::Catalog(CatalogQuery::default())
    }
}

/// `path?k=v&...` with the non-empty parameters, values percent-encoded.
fn with_query(path: String, params: &[(&str, String)]) -> String {
    let query: Vec<String> = params
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect();
    if query.is_empty() {
        path
    } else {
        format!("{path}?{}", query.join("&"))
    }
}

/// The `key=value` pairs of a query string, decoded; malformed pairs are skipped.
fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .filter_map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            Some((decode(k)?, decode(v)?))
        })
        .collect()
}

/// Percent-encodes everything but unreserved characters (RFC 3986).
fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes and `+` (a space in forms); `None` when the result is not UTF-8 or an
/// escape is malformed.
fn decode(value: &str) -> Option<String> {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = value.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// Whether a path segment can be a catalog id (lower-case ASCII letters, digits, `.`, `_`, `-`).
fn is_id(segment: &str) -> bool {
    !segment.is_empty()
        && segment.len() <= 24
        && segment
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b))
}

/// Whether a value can be a configuration code (base64url, at most 64 characters).
fn is_code(value: &str) -> bool {
    !value.is_empty()
        && value.len() <= 64
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::{CatalogQuery, Route, Sort};

    #[test]
    fn every_route_round_trips() {
        let routes = [
            Route::home(),
            Route::Catalog(CatalogQuery {
                brand: Some("isuzu".to_owned()),
                body: Some("minibus".to_owned()),
                sort: Sort::Payload,
                search: "np 37 & co/100%".to_owned(),
            }),
            Route::Catalog(CatalogQuery {
                search: "Кобальт".to_owned(),
                ..CatalogQuery::default()
            }),
            Route::Configure {
                model: "dmax-double".to_owned(),
                code: None,
                quantity: None,
            },
            Route::Configure {
                model: "cobalt".to_owned(),
                code: Some("AQYyMDI3LjEGY29iYWx0-_x".to_owned()),
                quantity: Some(25),
            },
            Route::Compare,
            Route::Orders,
            Route::Plan,
            Route::SignIn,
        ];
        for route in routes {
            assert_eq!(Route::parse(&route.href()), route, "{}", route.href());
        }
        for sort in Sort::ALL {
            assert_eq!(Sort::from_slug(sort.slug()), sort);
        }
    }

    #[test]
    fn the_home_page_and_defaults_have_plain_urls() {
        assert_eq!(Route::home().href(), "/");
        let one = Route::Configure {
            model: "cobalt".to_owned(),
            code: None,
            quantity: Some(1),
        };
        assert_eq!(one.href(), "/configure/cobalt");
    }

    #[test]
    fn unknown_and_malformed_paths_are_not_found() {
        assert!(matches!(Route::parse("/nowhere"), Route::NotFound { .. }));
        assert!(matches!(
            Route::parse("/configure/Bad%20Id"),
            Route::NotFound { .. }
        ));
        assert!(matches!(
            Route::parse("/configure/cobalt/extra"),
            Route::NotFound { .. }
        ));
    }

    #[test]
    fn malformed_parameters_are_dropped() {
        assert_eq!(
            Route::parse("/?brand=Bad!&body=%ZZ&sort=sideways&q=%FF"),
            Route::home()
        );
        assert_eq!(
            Route::parse("/configure/cobalt?c=not%20a%20code&q=1000"),
            Route::Configure {
                model: "cobalt".to_owned(),
                code: None,
                quantity: None,
            }
        );
        assert_eq!(
            Route::parse("/?q=a+b&unknown=1"),
            Route::Catalog(CatalogQuery {
                search: "a b".to_owned(),
                ..CatalogQuery::default()
            })
        );
    }

    #[test]
    fn trailing_slash_query_and_fragment_are_ignored() {
        assert_eq!(Route::parse("/plan/"), Route::Plan);
        assert_eq!(Route::parse("/orders?page=2#top"), Route::Orders);
    }
}
