//! Every URL of the app: the one place where paths and query strings are built and parsed.
//!
//! State that belongs in a link lives here: the catalog's filters (`/?brand=isuzu&sort=price`) and
//! a configuration (`/configure/cobalt?c=CODE&q=5`). Parameters are parsed into the domain's
//! checked types once, here. Parsing never fails: unknown or malformed parameters are dropped, an
//! unknown path is [`Route::NotFound`].

use configurator_domain::{
    MarketId, ModelId, Quantity,
    api::OrderStatus,
    catalog::{Body, Brand, ConsumptionUnit, PumpFuel},
    plan::YearMonth,
};

/// A page of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `/`: the vehicle types, filtered and sorted.
    Catalog(CatalogQuery),
    /// `/configure/{model}?c={code}&q={quantity}&line={code}`: configuring one vehicle type.
    Configure {
        /// The model.
        model: ModelId,
        /// The configuration code; `None` means the model's default configuration.
        code: Option<String>,
        /// Units; `None` means one.
        quantity: Option<Quantity>,
        /// The code of the dealer's cart line that this configuration edits, when it was opened
        /// from the cart: the page offers to update that line.
        cart_line: Option<String>,
    },
    /// `/compare?c={code}&c={code}…&q={quantity}&km={km}&years={years}&market={id}`: variants
    /// side by side, with their running cost.
    Compare(CompareQuery),
    /// `/cart`: the signed-in dealer's cart.
    Cart,
    /// `/orders?status=…&month=…`: a dealer's orders (every order for a planner), filtered.
    Orders(OrdersQuery),
    /// `/orders/{id}`: one order.
    Order {
        /// The order's id (positive).
        id: i64,
    },
    /// `/requests`: the quote requests that visitors of the dealership's partner sites sent.
    Requests,
    /// `/plan?from=YYYY-MM&to=YYYY-MM`: the production plan over a range of months.
    Plan {
        /// The first month shown; the plan's first when `None`.
        from: Option<YearMonth>,
        /// The last month shown; the plan's last when `None`.
        to: Option<YearMonth>,
    },
    /// `/sign-in?next={path}`: dealers and planners sign in, then go back to `next`; signed in,
    /// who they are and signing out.
    SignIn {
        /// The page of this app to show after signing in; the catalog when `None`.
        next: Option<String>,
    },
    /// Anything else; carries the path that was asked for.
    NotFound { path: String },
}

/// The orders page's filters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrdersQuery {
    /// Only orders in this state.
    pub status: Option<OrderStatus>,
    /// Only orders with units built in this month.
    pub month: Option<YearMonth>,
}

/// What the compare page shows: the configurations, the usage they are costed for, the market
/// and the fuel prices the buyer changed. The usage is kept as the whole numbers the URL gives,
/// out of range or not, so that the page can say what is wrong with each.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompareQuery {
    /// The configuration codes, in column order, as given: a bad one is a column with its error.
    pub codes: Vec<String>,
    /// Vehicles.
    pub quantity: Option<i64>,
    /// Kilometres a year, each.
    pub km: Option<i64>,
    /// Years.
    pub years: Option<i64>,
    /// The market of prices and fuel prices.
    pub market: Option<MarketId>,
    /// Fuel prices the buyer changed (`fuel-petrol-l=7600`: minor units per unit), at most one per
    /// fuel and unit.
    pub fuel: Vec<FuelEdit>,
}

/// A fuel price the buyer set instead of the catalog's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FuelEdit {
    /// The fuel.
    pub fuel: PumpFuel,
    /// What the price is per.
    pub unit: ConsumptionUnit,
    /// Minor units of the market's currency per unit, above zero.
    pub per_unit: i64,
}

impl CompareQuery {
    /// The most codes kept from a URL: enough to say that there are too many.
    pub const MAX_CODES: usize = 8;
    /// A longer value is no code.
    const MAX_CODE_LEN: usize = 100;

    fn parse(params: &[(String, String)]) -> Self {
        let param = |key: &str| {
            params
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
        };
        let number = |key: &str| param(key).and_then(|v| v.trim().parse::<i64>().ok());
        let mut fuel: Vec<FuelEdit> = Vec::new();
        for (key, value) in params {
            let Some((fuel_slug, unit_slug)) = key
                .strip_prefix("fuel-")
                .and_then(|rest| rest.split_once('-'))
            else {
                continue;
            };
            let edit = match (fuel_slug.parse(), unit_slug.parse(), value.parse::<i64>()) {
                (Ok(fuel), Ok(unit), Ok(per_unit)) if per_unit > 0 => FuelEdit {
                    fuel,
                    unit,
                    per_unit,
                },
                _ => continue,
            };
            if !fuel
                .iter()
                .any(|f| f.fuel == edit.fuel && f.unit == edit.unit)
            {
                fuel.push(edit);
            }
        }
        Self {
            codes: params
                .iter()
                .filter(|(k, v)| k == "c" && !v.trim().is_empty() && v.len() <= Self::MAX_CODE_LEN)
                .map(|(_, v)| v.trim().to_owned())
                .take(Self::MAX_CODES)
                .collect(),
            quantity: number("q"),
            km: number("km"),
            years: number("years"),
            market: param("market").and_then(|v| v.parse().ok()),
            fuel,
        }
    }

    fn params(&self) -> Vec<(String, String)> {
        let number = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
        let mut params: Vec<(String, String)> = self
            .codes
            .iter()
            .map(|c| ("c".to_owned(), c.clone()))
            .collect();
        params.push(("q".to_owned(), number(self.quantity)));
        params.push(("km".to_owned(), number(self.km)));
        params.push(("years".to_owned(), number(self.years)));
        params.push((
            "market".to_owned(),
            self.market
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
        ));
        params.extend(self.fuel.iter().map(|f| {
            (
                format!("fuel-{}-{}", f.fuel.as_str(), f.unit.as_str()),
                f.per_unit.to_string(),
            )
        }));
        params
    }
}

/// The catalog page's filters, sort order and search text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CatalogQuery {
    /// Only this brand (`chevrolet`, `isuzu`).
    pub brand: Option<Brand>,
    /// Only this body type (`sedan`, `minibus`, ...).
    pub body: Option<Body>,
    /// The order of the cards.
    pub sort: Sort,
    /// Text the name must contain (any case, surrounding spaces ignored); empty for all.
    pub search: String,
}

impl CatalogQuery {
    /// The brand a URL value names; `None` for any other value.
    pub fn brand_of(slug: &str) -> Option<Brand> {
        slug.parse().ok()
    }

    /// The body type a URL value names; `None` for any other value.
    pub fn body_of(slug: &str) -> Option<Body> {
        slug.parse().ok()
    }
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
        let not_found = || Self::NotFound {
            path: path.to_owned(),
        };
        match segments.as_slice() {
            [] => Self::Catalog(CatalogQuery {
                brand: param("brand").and_then(CatalogQuery::brand_of),
                body: param("body").and_then(CatalogQuery::body_of),
                sort: Sort::from_slug(param("sort").unwrap_or_default()),
                // Not trimmed: the search box shows what the URL holds while the user types.
                search: param("q").unwrap_or_default().to_owned(),
            }),
            ["configure", model] => match model.parse() {
                Ok(model) => Self::Configure {
                    model,
                    code: param("c").filter(|v| is_code(v)).map(str::to_owned),
                    quantity: param("q").and_then(|v| v.parse().ok()),
                    cart_line: param("line").filter(|v| is_code(v)).map(str::to_owned),
                },
                Err(_) => not_found(),
            },
            ["compare"] => Self::Compare(CompareQuery::parse(&params)),
            ["cart"] => Self::Cart,
            ["orders"] => Self::Orders(OrdersQuery {
                status: param("status").and_then(|v| v.parse().ok()),
                month: param("month").and_then(|v| v.parse().ok()),
            }),
            // One spelling per order: `7`, not `07` or `+7`.
            ["orders", text] => match text.parse::<i64>() {
                Ok(id) if id > 0 && id.to_string() == *text => Self::Order { id },
                _ => not_found(),
            },
            ["requests"] => Self::Requests,
            ["plan"] => Self::Plan {
                from: param("from").and_then(|v| v.parse().ok()),
                to: param("to").and_then(|v| v.parse().ok()),
            },
            ["sign-in"] => Self::SignIn {
                next: param("next").filter(|p| is_own_path(p)).map(str::to_owned),
            },
            _ => not_found(),
        }
    }

    /// The URL of this route: a path and, when there are parameters, a query string.
    pub fn href(&self) -> String {
        match self {
            Self::Catalog(query) => {
                let params = [
                    (
                        "brand",
                        query
                            .brand
                            .map(Brand::as_str)
                            .unwrap_or_default()
                            .to_owned(),
                    ),
                    (
                        "body",
                        query.body.map(Body::as_str).unwrap_or_default().to_owned(),
                    ),
                    ("sort", query.sort.slug().to_owned()),
                    ("q", query.search.clone()),
                ];
                with_query("/".to_owned(), &params)
            }
            Self::Configure {
                model,
                code,
                quantity,
                cart_line,
            } => {
                let params = [
                    ("c", code.clone().unwrap_or_default()),
                    (
                        "q",
                        quantity
                            .filter(|q| q.get() > 1)
                            .map(|q| q.to_string())
                            .unwrap_or_default(),
                    ),
                    ("line", cart_line.clone().unwrap_or_default()),
                ];
                with_query(format!("/configure/{model}"), &params)
            }
            Self::Compare(query) => {
                let params = query.params();
                let borrowed: Vec<(&str, String)> = params
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.clone()))
                    .collect();
                with_query("/compare".to_owned(), &borrowed)
            }
            Self::Cart => "/cart".to_owned(),
            Self::Orders(query) => with_query(
                "/orders".to_owned(),
                &[
                    (
                        "status",
                        query
                            .status
                            .map(OrderStatus::as_str)
                            .unwrap_or_default()
                            .to_owned(),
                    ),
                    (
                        "month",
                        query.month.map(|m| m.to_string()).unwrap_or_default(),
                    ),
                ],
            ),
            Self::Order { id } => format!("/orders/{id}"),
            Self::Requests => "/requests".to_owned(),
            Self::Plan { from, to } => with_query(
                "/plan".to_owned(),
                &[
                    ("from", from.map(|m| m.to_string()).unwrap_or_default()),
                    ("to", to.map(|m| m.to_string()).unwrap_or_default()),
                ],
            ),
            Self::SignIn { next } => with_query(
                "/sign-in".to_owned(),
                &[("next", next.clone().unwrap_or_default())],
            ),
            Self::NotFound { path } => path.clone(),
        }
    }

    /// The sign-in page, coming back to this page afterwards.
    pub fn sign_in_from(&self) -> Self {
        Self::SignIn {
            next: match self {
                Self::SignIn { next } => next.clone(),
                other => Some(other.href()),
            },
        }
    }

    /// The compare page of `codes`, with nothing else set.
    pub fn compare(codes: Vec<String>) -> Self {
        Self::Compare(CompareQuery {
            codes,
            ..CompareQuery::default()
        })
    }

    /// The catalog page without filters.
    pub fn home() -> Self {
        Self::Catalog(CatalogQuery::default())
    }

    /// The page this route shows, without the parameters the page follows by itself (the
    /// catalog's filters, a configuration and its quantity): the page is built again only when
    /// this changes.
    pub fn page(&self) -> Self {
        match self {
            Self::Catalog(_) => Self::home(),
            Self::Configure { model, .. } => Self::Configure {
                model: model.clone(),
                code: None,
                quantity: None,
                cart_line: None,
            },
            Self::Orders(_) => Self::Orders(OrdersQuery::default()),
            Self::Compare(_) => Self::Compare(CompareQuery::default()),
            Self::Plan { .. } => Self::Plan {
                from: None,
                to: None,
            },
            other => other.clone(),
        }
    }
}

/// Whether `path` is a page of this app (`/orders`), not another site (`//evil.example`,
/// `https://…`): only those are followed after signing in.
fn is_own_path(path: &str) -> bool {
    path.starts_with('/') && !path.starts_with("//") && !path.contains('\\')
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
    use configurator_domain::{
        ModelId, Quantity,
        api::OrderStatus,
        bundle::Bundle,
        catalog::{Body, Brand},
    };

    use configurator_domain::catalog::{ConsumptionUnit, PumpFuel};

    use super::{CatalogQuery, CompareQuery, FuelEdit, OrdersQuery, Route, Sort};

    #[test]
    fn the_server_answers_the_back_office_pages_with_the_back_office_build() {
        let office = [
            Route::Cart,
            Route::Orders(OrdersQuery::default()),
            Route::Order { id: 7 },
            Route::Requests,
            Route::Plan {
                from: None,
                to: None,
            },
        ];
        for route in office {
            assert_eq!(Bundle::for_path(&route.href()), Bundle::Office, "{route:?}");
        }
        let public = [
            Route::home(),
            Route::Configure {
                model: id("cobalt"),
                code: None,
                quantity: None,
                cart_line: None,
            },
            Route::SignIn {
                next: Some("/cart".to_owned()),
            },
        ];
        for route in public {
            assert_eq!(Bundle::for_path(&route.href()), Bundle::Public, "{route:?}");
        }
        for route in [
            Route::compare(vec![]),
            Route::compare(vec!["AQYyMDI3LjEGY29iYWx0-_x".to_owned(); 3]),
        ] {
            assert_eq!(
                Bundle::for_path(&route.href()),
                Bundle::Compare,
                "{route:?}"
            );
        }
    }

    fn id(text: &str) -> ModelId {
        text.parse().expect("a model id")
    }

    fn units(n: u32) -> Quantity {
        Quantity::try_from(n).expect("a quantity")
    }

    #[test]
    fn every_route_round_trips() {
        let routes = [
            Route::home(),
            Route::Catalog(CatalogQuery {
                brand: Some(Brand::Isuzu),
                body: Some(Body::Minibus),
                sort: Sort::Payload,
                search: "np 37 & co/100%".to_owned(),
            }),
            Route::Catalog(CatalogQuery {
                search: "Кобальт".to_owned(),
                ..CatalogQuery::default()
            }),
            Route::Configure {
                model: id("dmax-double"),
                code: None,
                quantity: None,
                cart_line: None,
            },
            Route::Configure {
                model: id("cobalt"),
                code: Some("AQYyMDI3LjEGY29iYWx0-_x".to_owned()),
                quantity: Some(units(25)),
                cart_line: Some("AQYyMDI3LjEGY29iYWx0-_w".to_owned()),
            },
            Route::compare(vec![]),
            Route::Compare(CompareQuery {
                codes: vec![
                    "AQYyMDI3LjEGY29iYWx0-_x".to_owned(),
                    "not a code/%".to_owned(),
                    "AQYyMDI3LjEGbnAzNy1jaXR5".to_owned(),
                ],
                quantity: Some(60),
                km: Some(45_000),
                years: Some(5),
                market: "UZ".parse().ok(),
                fuel: vec![
                    FuelEdit {
                        fuel: PumpFuel::Cng,
                        unit: ConsumptionUnit::CubicMetre,
                        per_unit: 450_000,
                    },
                    FuelEdit {
                        fuel: PumpFuel::Petrol,
                        unit: ConsumptionUnit::Litre,
                        per_unit: 1_200_000,
                    },
                ],
            }),
            // Out of range, kept for the page to say so.
            Route::Compare(CompareQuery {
                quantity: Some(0),
                km: Some(-5),
                years: Some(40),
                ..CompareQuery::default()
            }),
            Route::Cart,
            Route::Orders(OrdersQuery::default()),
            Route::Orders(OrdersQuery {
                status: Some(OrderStatus::Cancelled),
                month: "2027-03".parse().ok(),
            }),
            Route::Order { id: 42 },
            Route::Requests,
            Route::Plan {
                from: None,
                to: None,
            },
            Route::Plan {
                from: "2027-01".parse().ok(),
                to: "2027-12".parse().ok(),
            },
            Route::SignIn { next: None },
            Route::SignIn {
                next: Some("/configure/cobalt?c=AQYyMDI3LjEGY29iYWx0-_x&q=25".to_owned()),
            },
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
            model: id("cobalt"),
            code: None,
            quantity: Some(Quantity::ONE),
            cart_line: None,
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
        assert!(matches!(
            Route::parse("/configure/-cobalt"),
            Route::NotFound { .. }
        ));
        assert!(matches!(
            Route::parse("/requests/7"),
            Route::NotFound { .. }
        ));
        for order in [
            "/orders/0",
            "/orders/07",
            "/orders/+7",
            "/orders/-7",
            "/orders/x",
        ] {
            assert!(
                matches!(Route::parse(order), Route::NotFound { .. }),
                "{order}"
            );
        }
    }

    #[test]
    fn malformed_parameters_are_dropped() {
        assert_eq!(
            Route::parse("/?brand=Bad!&body=%ZZ&sort=sideways&q=%FF"),
            Route::home()
        );
        assert_eq!(Route::parse("/?brand=lada&body=tank"), Route::home());
        assert_eq!(
            Route::parse("/configure/cobalt?c=not%20a%20code&q=1000"),
            Route::Configure {
                model: id("cobalt"),
                code: None,
                quantity: None,
                cart_line: None,
            }
        );
        assert_eq!(
            Route::parse("/configure/cobalt?q=0"),
            Route::parse("/configure/cobalt")
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
    fn bad_compare_parameters_are_dropped_and_good_columns_kept() {
        let route = Route::parse(
            "/compare?c=GOOD1&c=&c=bad%20code&q=ten&km=-5&years=2.5&market=kyrgyzstan\
             &fuel-petrol-l=0&fuel-petrol-l=7600&fuel-petrol-l=8000&fuel-petrol-m3=1&fuel-water-l=5\
             &c=GOOD2",
        );
        assert_eq!(
            route,
            Route::Compare(CompareQuery {
                codes: vec![
                    "GOOD1".to_owned(),
                    "bad code".to_owned(),
                    "GOOD2".to_owned()
                ],
                quantity: None,
                km: Some(-5),
                years: None,
                market: None,
                fuel: vec![
                    FuelEdit {
                        fuel: PumpFuel::Petrol,
                        unit: ConsumptionUnit::Litre,
                        per_unit: 7600,
                    },
                    FuelEdit {
                        fuel: PumpFuel::Petrol,
                        unit: ConsumptionUnit::CubicMetre,
                        per_unit: 1,
                    },
                ],
            })
        );
        let many: String = (0..12).map(|i| format!("c=C{i}&")).collect();
        let Route::Compare(query) = Route::parse(&format!("/compare?{many}")) else {
            panic!("the compare page");
        };
        assert_eq!(query.codes.len(), CompareQuery::MAX_CODES);
        assert_eq!(
            Route::parse(&format!("/compare?c={}", "A".repeat(101))),
            Route::compare(vec![])
        );
        assert_eq!(
            Route::parse("/compare?c=X&q=3").page(),
            Route::compare(vec![])
        );
    }

    #[test]
    fn sign_in_goes_back_only_to_pages_of_this_app() {
        let from = Route::parse("/configure/cobalt?q=12");
        let sign_in = from.sign_in_from();
        assert_eq!(
            sign_in.href(),
            "/sign-in?next=%2Fconfigure%2Fcobalt%3Fq%3D12"
        );
        assert_eq!(Route::parse(&sign_in.href()), sign_in);
        assert_eq!(
            sign_in.sign_in_from(),
            sign_in,
            "not back to the sign-in page itself"
        );
        for elsewhere in [
            "//evil.example/x",
            "https://evil.example",
            "/%5C%5Cevil",
            "orders",
        ] {
            assert_eq!(
                Route::parse(&format!("/sign-in?next={elsewhere}")),
                Route::SignIn { next: None },
                "{elsewhere}"
            );
        }
    }

    #[test]
    fn a_page_is_its_route_without_what_the_page_follows() {
        let filtered = Route::parse("/?brand=isuzu&q=np");
        assert_eq!(filtered.page(), Route::home());
        let configured = Route::parse("/configure/cobalt?c=AQYy&q=5");
        assert_eq!(configured.page(), Route::parse("/configure/cobalt"));
        assert_ne!(configured.page(), Route::parse("/configure/nexia").page());
        let plan = Route::parse("/plan");
        assert_eq!(Route::parse("/plan?from=2027-01&to=2027-06").page(), plan);
        assert_eq!(
            Route::parse("/orders?status=placed").page(),
            Route::parse("/orders")
        );
        assert_ne!(Route::parse("/orders/7").page(), Route::parse("/orders"));
    }

    #[test]
    fn trailing_slash_query_and_fragment_are_ignored() {
        assert_eq!(
            Route::parse("/plan/"),
            Route::Plan {
                from: None,
                to: None
            }
        );
        assert_eq!(
            Route::parse("/orders?page=2&month=2027-13#top"),
            Route::Orders(OrdersQuery::default())
        );
        assert_eq!(
            Route::parse("/requests/?status=closed#top"),
            Route::Requests
        );
        assert_eq!(Route::Requests.href(), "/requests");
    }
}
