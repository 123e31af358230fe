//! The front end's three builds, and which one a page's path loads.
//!
//! The public build carries what a visitor needs first: the catalog, the configurator, signing in.
//! The compare build carries the fleet buyer's side-by-side comparison alone. The back-office build
//! carries every page, with the cart, the orders, the quote requests and the plan. The server
//! answers each page's path with its build's `index.html`, and a build leaves a page it does not
//! carry to a full page load, so a visitor of the catalog never downloads the comparison's or the
//! back office's code.

use crate::Lang;

/// The API's root path on the server's origin.
pub const API_ROOT: &str = "/api/v1";

/// The catalog in `lang`, under [`API_ROOT`], as the app asks for it. A first paint preloads this
/// address, so the app's request must be the same to the byte to be answered by the preload.
pub fn catalog_path(lang: Lang) -> String {
    format!("/catalog?lang={lang}")
}

/// The product's name, shown in the header and the document title.
pub const PRODUCT_NAME: &str = "Chui Auto Configurator";

/// The `id` of the first paint the server writes into a page before the app starts, which the app
/// removes once it has its own page to show.
pub const FIRST_PAINT_ID: &str = "first-paint";

/// The cookie in which the app keeps the reader's language, for the server's first paint.
pub const LANG_COOKIE: &str = "chui-lang";

/// A build of the front end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bundle {
    /// The catalog, the configurator and signing in: what a visitor loads.
    Public,
    /// The comparison of configurations side by side.
    Compare,
    /// Everything, with the dealer's and the planner's pages.
    Office,
}

/// The first path segments of the back-office pages.
const OFFICE_SECTIONS: [&str; 4] = ["cart", "orders", "requests", "plan"];
/// The first path segment of the comparison.
const COMPARE_SECTION: &str = "compare";

impl Bundle {
    /// The build whose `index.html` answers `path` (a query string is ignored).
    pub fn for_path(path: &str) -> Self {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let section = path
            .trim_start_matches('/')
            .split('/')
            .next()
            .unwrap_or_default();
        if OFFICE_SECTIONS.contains(&section) {
            Self::Office
        } else if section == COMPARE_SECTION {
            Self::Compare
        } else {
            Self::Public
        }
    }

    /// Whether this build carries the page at `path`: the back-office build carries every page,
    /// the others their own.
    pub fn carries(self, path: &str) -> bool {
        self == Self::Office || Self::for_path(path) == self
    }

    /// The build's folder inside the front end's `dist/` (not a page's path: a folder named like
    /// a page would answer that page's address with a redirect).
    pub const fn folder(self) -> &'static str {
        match self {
            Self::Public => "",
            Self::Compare => "compare-build",
            Self::Office => "office",
        }
    }

    /// Every build, the public one first (Trunk empties `dist/` when it writes that one).
    pub const ALL: [Self; 3] = [Self::Public, Self::Compare, Self::Office];
}

#[cfg(test)]
mod tests {
    use super::Bundle;

    #[test]
    fn the_cart_orders_requests_and_plan_are_back_office_pages_and_the_comparison_its_own() {
        for path in [
            "/cart",
            "/orders",
            "/orders?status=placed",
            "/orders/12",
            "/requests",
            "/requests/",
            "/plan?from=2027-01",
        ] {
            assert_eq!(Bundle::for_path(path), Bundle::Office, "{path}");
        }
        for path in [
            "/",
            "",
            "/?brand=isuzu",
            "/configure/cobalt?c=X",
            "/sign-in?next=/cart",
            "/comparison",
            "/cartoon",
            "/x/cart",
            "/requestsx",
            "/x/requests",
        ] {
            assert_eq!(Bundle::for_path(path), Bundle::Public, "{path}");
        }
        for path in ["/compare", "/compare?c=X&c=Y&q=3", "/compare/"] {
            assert_eq!(Bundle::for_path(path), Bundle::Compare, "{path}");
        }
    }

    #[test]
    fn the_back_office_carries_every_page_and_the_others_their_own() {
        assert!(Bundle::Office.carries("/compare?c=X"));
        assert!(Bundle::Office.carries("/configure/cobalt"));
        assert!(!Bundle::Public.carries("/compare"));
        assert!(!Bundle::Compare.carries("/configure/cobalt"));
        assert!(Bundle::Compare.carries("/compare?c=X"));
        assert!(!Bundle::Public.carries("/cart"));
        assert!(!Bundle::Public.carries("/requests"));
        assert!(Bundle::Office.carries("/requests"));
    }
}
