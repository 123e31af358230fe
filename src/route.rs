//! Every URL of the app: the one place where paths are built and parsed.

/// A page of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `/`: the vehicle types.
    Catalog,
    /// `/configure/{model}`: configuring one vehicle type.
    Configure { model: String },
    /// `/compare`: variants side by side.
    Compare,
    /// `/orders`: a dealer's orders.
    Orders,
    /// `/plan`: the production plan.
    Plan,
    /// Anything else; carries the path that was asked for.
    NotFound { path: String },
}

impl Route {
    /// The route a path names (a query string or fragment is ignored).
    pub fn parse(path: &str) -> Self {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        match segments.as_slice() {
            [] => Self::Catalog,
            ["configure", model] if is_id(model) => Self::Configure {
                model: (*model).to_owned(),
            },
            ["compare"] => Self::Compare,
            ["orders"] => Self::Orders,
            ["plan"] => Self::Plan,
            _ => Self::NotFound {
                path: path.to_owned(),
            },
        }
    }

    /// The path of this route.
    pub fn href(&self) -> String {
        match self {
            Self::Catalog => "/".to_owned(),
            Self::Configure { model } => format!("/configure/{model}"),
            Self::Compare => "/compare".to_owned(),
            Self::Orders => "/orders".to_owned(),
            Self::Plan => "/plan".to_owned(),
            Self::NotFound { path } => path.clone(),
        }
    }
}

/// Whether a path segment can be a catalog id (lower-case ASCII letters, digits, `.`, `_`, `-`).
fn is_id(segment: &str) -> bool {
    !segment.is_empty()
        && segment.len() <= 24
        && segment
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::Route;

    #[test]
    fn every_route_round_trips() {
        let routes = [
            Route::Catalog,
            Route::Configure {
                model: "dmax-double".to_owned(),
            },
            Route::Compare,
            Route::Orders,
            Route::Plan,
        ];
        for route in routes {
            assert_eq!(Route::parse(&route.href()), route);
        }
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
    fn trailing_slash_query_and_fragment_are_ignored() {
        assert_eq!(Route::parse("/plan/"), Route::Plan);
        assert_eq!(Route::parse("/orders?page=2#top"), Route::Orders);
    }
}
