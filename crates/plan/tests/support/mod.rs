//! Short constructors shared by the integration tests; the plant they plan on is
//! `configurator_plan::fixture`.

#![allow(
    dead_code,
    reason = "each test file uses a different part of the helpers"
)]

use configurator_plan::{AllocationRequest, KitId, LineId, YearMonth};

pub fn ym(s: &str) -> YearMonth {
    s.parse().expect("a valid month")
}

pub fn line(s: &str) -> LineId {
    s.parse().expect("a valid line id")
}

pub fn kit(s: &str) -> KitId {
    s.parse().expect("a valid kit id")
}

/// A Chevrolet Cobalt order line (passenger line, UzAuto kits).
pub fn cobalt(order_line: u64, quantity: u32, order_month: &str) -> AllocationRequest {
    AllocationRequest {
        order_line,
        line: line("passenger"),
        kit: kit("uzauto"),
        model: "cobalt".into(),
        quantity,
        order_month: ym(order_month),
    }
}

/// An Isuzu NPR order line (commercial line, SamAuto kits).
pub fn npr(order_line: u64, quantity: u32, order_month: &str) -> AllocationRequest {
    AllocationRequest {
        order_line,
        line: line("commercial"),
        kit: kit("samauto"),
        model: "npr".into(),
        quantity,
        order_month: ym(order_month),
    }
}
