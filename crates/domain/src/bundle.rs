//! The front end's two builds, and which one a page's path loads.
//!
//! The public build carries what a visitor needs: the catalog, the configurator, signing in. The
//! back-office build carries all of that and the cart, the orders and the plan. The server answers
//! each page's path with its build's `index.html`, and the public build leaves a back-office page
//! to a full page load, so a visitor never downloads the back office's code.

/// A build of the front end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bundle {
    /// The catalog, the configurator and signing in: what a visitor loads.
    Public,
    /// Everything, with the dealer's and the planner's pages.
    Office,
}

/// The first path segments of the back-office pages.
const OFFICE_SECTIONS: [&str; 3] = ["cart", "orders", "plan"];

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
        } else {
            Self::Public
        }
    }

    /// The build's folder inside the front end's `dist/`.
    pub const fn folder(self) -> &'static str {
        match self {
            Self::Public => "",
            Self::Office => "office",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Bundle;

    #[test]
    fn the_cart_orders_and_plan_are_back_office_pages() {
        for path in [
            "/cart",
            "/orders",
            "/orders?status=placed",
            "/orders/12",
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
            "/compare",
            "/cartoon",
            "/x/cart",
        ] {
            assert_eq!(Bundle::for_path(path), Bundle::Public, "{path}");
        }
    }
}
