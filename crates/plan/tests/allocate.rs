//! Allocation scenarios on the real plant's calendar: earliest months, splits, cancellation, the
//! frozen horizon, the planning horizon and the planner's view.

mod support;

use configurator_plan::fixture::calendar;
use configurator_plan::{
    AllocateError, Allocation, EarliestBuild, EarliestError, Plan, PlanEvent, ReleaseError,
};
use support::{cobalt, kit, line, npr, ym};

fn part(month: &str, units: u32) -> Allocation {
    Allocation {
        month: ym(month),
        units,
    }
}

#[test]
fn an_order_goes_to_the_first_month_after_the_kit_lead_time() {
    let mut plan = Plan::new(&calendar());
    assert_eq!(
        plan.allocate(&cobalt(1, 10, "2029-01")),
        Ok(vec![part("2029-03", 10)])
    );
    assert_eq!(
        plan.allocate(&npr(2, 10, "2029-01")),
        Ok(vec![part("2029-04", 10)])
    );
    // Ordered before production starts: the first month.
    assert_eq!(
        plan.allocate(&cobalt(3, 1, "2026-06")),
        Ok(vec![part("2027-01", 1)])
    );
}

#[test]
fn a_fleet_is_split_over_the_months_it_needs() {
    let mut plan = Plan::new(&calendar());
    // Passenger capacity in the ramp-up: 36, 60, 90 ... a month.
    assert_eq!(
        plan.allocate(&cobalt(1, 60, "2026-11")),
        Ok(vec![part("2027-01", 36), part("2027-02", 24)])
    );
    assert_eq!(
        plan.allocate(&cobalt(2, 50, "2026-11")),
        Ok(vec![part("2027-02", 36), part("2027-03", 14)])
    );
    // The commercial line is not touched by the passenger line's load.
    assert_eq!(
        plan.allocate(&npr(3, 24, "2026-10")),
        Ok(vec![part("2027-01", 24)])
    );
}

#[test]
fn the_earliest_build_query_answers_what_allocate_would_do_and_changes_nothing() {
    let mut plan = Plan::new(&calendar());
    plan.allocate(&cobalt(1, 30, "2026-11")).expect("fits");
    let before = plan.clone();
    let earliest = plan.earliest(&line("passenger"), &kit("uzauto"), 100, ym("2026-11"));
    assert_eq!(
        earliest,
        Ok(EarliestBuild {
            first: ym("2027-01"),
            last: ym("2027-03")
        })
    );
    assert_eq!(plan, before);
    let parts = plan.allocate(&cobalt(2, 100, "2026-11")).expect("fits");
    assert_eq!(
        parts,
        vec![part("2027-01", 6), part("2027-02", 60), part("2027-03", 34)]
    );
}

#[test]
fn a_cancellation_frees_room_and_moves_nobody_else() {
    let mut plan = Plan::new(&calendar());
    plan.allocate(&cobalt(1, 36, "2026-11")).expect("fits");
    plan.allocate(&cobalt(2, 10, "2026-11")).expect("fits");
    assert_eq!(
        plan.booking(2).map(|b| b.parts.clone()),
        Some(vec![part("2027-02", 10)])
    );
    assert_eq!(
        plan.release(1, ym("2026-11")),
        Ok(vec![part("2027-01", 36)])
    );
    assert_eq!(plan.booking(1), None);
    // Order line 2 keeps its promised month; the freed room goes to the next order.
    assert_eq!(
        plan.booking(2).map(|b| b.parts.clone()),
        Some(vec![part("2027-02", 10)])
    );
    assert_eq!(
        plan.allocate(&cobalt(3, 5, "2026-11")),
        Ok(vec![part("2027-01", 5)])
    );
}

#[test]
fn a_cancellation_is_refused_once_a_build_month_is_frozen() {
    let mut plan = Plan::new(&calendar());
    plan.allocate(&cobalt(1, 100, "2028-01")).expect("fits");
    assert_eq!(
        plan.booking(1).map(|b| b.parts[0].month),
        Some(ym("2028-03"))
    );
    let before = plan.clone();
    let frozen = ReleaseError::Frozen {
        order_line: 1,
        month: ym("2028-03"),
    };
    assert_eq!(plan.release(1, ym("2028-02")), Err(frozen.clone()));
    assert_eq!(plan.release(1, ym("2028-03")), Err(frozen.clone()));
    assert_eq!(plan, before);
    assert_eq!(
        frozen.to_string(),
        "order line `1` cannot be cancelled: its build month `2028-03` is frozen"
    );
    assert!(plan.release(1, ym("2028-01")).is_ok());
    assert_eq!(
        plan.release(1, ym("2028-01")),
        Err(ReleaseError::Unknown(1))
    );
}

#[test]
fn bad_requests_are_refused_and_change_nothing() {
    let mut plan = Plan::new(&calendar());
    plan.allocate(&cobalt(1, 1, "2027-01")).expect("fits");
    let before = plan.clone();
    assert_eq!(
        plan.allocate(&cobalt(1, 1, "2027-01")),
        Err(AllocateError::Duplicate(1))
    );
    assert_eq!(
        plan.allocate(&cobalt(2, 0, "2027-01")),
        Err(AllocateError::Place(EarliestError::ZeroQuantity))
    );
    let mut bus = npr(3, 1, "2027-01");
    bus.line = line("bus");
    assert_eq!(
        plan.allocate(&bus).map_err(|e| e.to_string()),
        Err("unknown line `bus`".to_owned())
    );
    bus = npr(3, 1, "2027-01");
    bus.kit = kit("gaz");
    assert_eq!(
        plan.allocate(&bus).map_err(|e| e.to_string()),
        Err("unknown kit source `gaz`".to_owned())
    );
    assert_eq!(plan, before);
}

#[test]
fn orders_past_the_planning_horizon_are_refused() {
    let mut plan = Plan::new(&calendar());
    let past = plan
        .allocate(&cobalt(1, 1, "2036-11"))
        .expect_err("2037-01 is past the horizon");
    assert_eq!(
        past.to_string(),
        "no build month is open for an order placed in `2036-11`: the planning horizon ends `2036-12`"
    );
    // Ordered in 2036-09: 2036-11 and 2036-12 are left, 1500 passenger cars each.
    let before = plan.clone();
    let too_many = plan
        .allocate(&cobalt(2, 3001, "2036-09"))
        .expect_err("3000 fit");
    assert_eq!(
        too_many.to_string(),
        "line `passenger` has room for `3000` of `3001` vehicles from `2036-11` to the end of the planning horizon `2036-12`"
    );
    assert_eq!(plan, before);
    assert_eq!(
        plan.allocate(&cobalt(3, 3000, "2036-09")),
        Ok(vec![part("2036-11", 1500), part("2036-12", 1500)])
    );
}

#[test]
fn full_months_are_skipped_across_many_months() {
    let calendar = calendar();
    let passenger = line("passenger");
    // Fill the passenger line from 2027-01 through 2032-10 (70 months, past one 64-month word).
    let months: Vec<_> = (0..70)
        .filter_map(|i| ym("2027-01").add_months(i))
        .collect();
    let units: u32 = months
        .iter()
        .filter_map(|&m| calendar.capacity(&passenger, m))
        .sum();
    let mut plan = Plan::new(&calendar);
    let parts = plan.allocate(&cobalt(1, units, "2026-01")).expect("fits");
    assert_eq!(parts.len(), 70);
    assert_eq!(parts.last().map(|p| p.month), Some(ym("2032-10")));
    assert_eq!(
        plan.allocate(&cobalt(2, 1, "2026-01")),
        Ok(vec![part("2032-11", 1)])
    );
    // A release re-opens its months for the next order line.
    plan.release(1, ym("2026-01")).expect("not frozen");
    assert_eq!(
        plan.allocate(&cobalt(3, 1, "2026-01")),
        Ok(vec![part("2027-01", 1)])
    );
}

#[test]
fn the_planner_view_shows_capacity_use_and_models() {
    let mut plan = Plan::new(&calendar());
    plan.allocate(&cobalt(1, 20, "2026-11")).expect("fits");
    let mut spark = cobalt(2, 7, "2026-11");
    spark.model = "spark".into();
    plan.allocate(&spark).expect("fits");
    let views: Vec<_> = plan.months(ym("2020-01"), ym("2027-02")).collect();
    assert_eq!(
        views.len(),
        4,
        "2 months x 2 lines, cut to the plant's start"
    );
    let january = &views[0];
    assert_eq!(
        (january.month, january.line.as_str()),
        (ym("2027-01"), "passenger")
    );
    assert_eq!(
        (january.capacity, january.allocated, january.free),
        (36, 27, 9)
    );
    assert_eq!(january.utilisation_bp, 7500);
    assert_eq!(views[1].line.as_str(), "commercial");
    let json = serde_json::to_value(january).expect("serialises");
    assert_eq!(
        json,
        serde_json::json!({
            "month": "2027-01", "line": "passenger", "capacity": 36, "allocated": 27, "free": 9,
            "utilisation_bp": 7500, "per_model": { "cobalt": 20, "spark": 7 }
        })
    );
    assert_eq!(plan.months(ym("2036-12"), ym("2040-01")).count(), 2);
    assert_eq!(plan.months(ym("2028-01"), ym("2027-01")).count(), 0);
    let booking = serde_json::to_value(plan.booking(2)).expect("serialises");
    assert_eq!(
        booking["parts"],
        serde_json::json!([{ "month": "2027-01", "units": 7 }])
    );
    assert_eq!(booking["model"], "spark");
}

#[test]
fn replay_repeats_history_and_rebuild_closes_gaps() {
    let calendar = calendar();
    let history = vec![
        PlanEvent::Order(cobalt(1, 36, "2026-11")),
        PlanEvent::Order(cobalt(2, 10, "2026-11")),
        PlanEvent::Cancel {
            order_line: 1,
            today: ym("2026-11"),
        },
        PlanEvent::Order(cobalt(3, 5, "2026-11")),
    ];
    let mut plan = Plan::new(&calendar);
    plan.allocate(&cobalt(1, 36, "2026-11")).expect("fits");
    plan.allocate(&cobalt(2, 10, "2026-11")).expect("fits");
    plan.release(1, ym("2026-11")).expect("not frozen");
    plan.allocate(&cobalt(3, 5, "2026-11")).expect("fits");
    assert_eq!(Plan::replay(&calendar, &history), Ok(plan.clone()));
    // A re-plan of the survivors moves order line 2 into the month order line 1 left.
    let rebuilt = Plan::rebuild(
        &calendar,
        [cobalt(2, 10, "2026-11"), cobalt(3, 5, "2026-11")],
    )
    .expect("fits");
    assert_eq!(
        rebuilt.booking(2).map(|b| b.parts.clone()),
        Some(vec![part("2027-01", 10)])
    );
    assert_ne!(rebuilt, plan);
    let refused = Plan::replay(&calendar, &history[1..]).expect_err("order line 1 is unknown");
    assert_eq!(
        refused.to_string(),
        "event 1: order line `1` is not in the plan"
    );
}
