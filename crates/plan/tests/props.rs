//! Property tests of the plan: random calendars and random streams of orders and cancellations,
//! checked against a plain month-by-month model of the rules and against the invariants promised in
//! the crate documentation (`README.md`).

use std::collections::BTreeMap;

use configurator_plan::{
    Allocation, AllocationRequest, KitFile, KitId, LineFile, LineId, PhaseFile, Plan, PlanEvent,
    PlantCalendar, PlantFile, YearMonth,
};
use proptest::prelude::*;

const START: &str = "2027-01";
const LINES: [&str; 2] = ["passenger", "commercial"];
const KITS: [&str; 2] = ["uzauto", "samauto"];
const MODELS: [&str; 3] = ["cobalt", "damas", "npr"];

/// Small calendars, so that streams fill them and hit the horizon; up to 150 months, so that the
/// month bit sets span more than two words.
fn calendars() -> impl Strategy<Value = PlantFile> {
    (
        (1u32..150, 0u32..4, 1u32..100),
        (0u32..6, 0u32..6),
        (
            1u32..40,
            0u32..3000,
            prop::collection::vec(0u32..80, 0..6),
            0u32..4000,
        ),
    )
        .prop_filter_map(
            "the fixed phase must leave room for the open-ended one",
            |((horizon, frozen, share), (lead_a, lead_b), (months, units, ramp, per_year))| {
                let ramp_sum: u32 = ramp.iter().sum();
                let units = units.max(ramp_sum);
                (months < horizon && ramp.len() <= months as usize).then(|| PlantFile {
                    version: "test".into(),
                    start: START.into(),
                    max_horizon_months: horizon,
                    frozen_months: frozen,
                    time_zone: "Asia/Bishkek".into(),
                    utc_offset: "+06:00".into(),
                    lines: vec![
                        LineFile {
                            id: LINES[0].into(),
                            name: "a".into(),
                            share,
                        },
                        LineFile {
                            id: LINES[1].into(),
                            name: "b".into(),
                            share: 100 - share,
                        },
                    ],
                    kits: vec![
                        KitFile {
                            id: KITS[0].into(),
                            name: "a".into(),
                            lead_months: lead_a,
                        },
                        KitFile {
                            id: KITS[1].into(),
                            name: "b".into(),
                            lead_months: lead_b,
                        },
                    ],
                    phases: vec![
                        PhaseFile {
                            name: "SKD".into(),
                            months: Some(months),
                            units: Some(units),
                            ramp: if ramp.len() == months as usize {
                                Vec::new()
                            } else {
                                ramp
                            },
                            ..PhaseFile::default()
                        },
                        PhaseFile {
                            name: "full".into(),
                            per_year: Some(per_year),
                            ..PhaseFile::default()
                        },
                    ],
                })
            },
        )
}

#[derive(Debug, Clone)]
enum Op {
    /// Order `quantity` on line/kit/model choices, `wait` months after the previous step.
    Order {
        line: usize,
        kit: usize,
        model: usize,
        quantity: u32,
        wait: u32,
    },
    /// Cancel the `pick`-th order line placed so far (modulo), `wait` months later.
    Cancel { pick: usize, wait: u32 },
}

fn ops() -> impl Strategy<Value = Vec<Op>> {
    let order = (
        0..2usize,
        0..2usize,
        0..3usize,
        prop_oneof![4 => 1u32..=60, 1 => 1u32..=2000],
        0u32..3,
    )
        .prop_map(|(line, kit, model, quantity, wait)| Op::Order {
            line,
            kit,
            model,
            quantity,
            wait,
        });
    let cancel = (any::<usize>(), 0u32..2).prop_map(|(pick, wait)| Op::Cancel { pick, wait });
    prop::collection::vec(prop_oneof![3 => order, 1 => cancel], 0..120)
}

/// The rules, month by month, with no cleverness: the reference the plan must agree with.
struct Reference {
    capacity: Vec<Vec<u32>>,
    allocated: Vec<Vec<u32>>,
}

impl Reference {
    fn new(calendar: &PlantCalendar) -> Self {
        let capacity: Vec<Vec<u32>> = LINES
            .iter()
            .map(|l| {
                let line: LineId = l.parse().expect("id");
                (0..calendar.horizon_months())
                    .map(|i| {
                        month(i)
                            .and_then(|m| calendar.capacity(&line, m))
                            .unwrap_or(0)
                    })
                    .collect()
            })
            .collect();
        let allocated = capacity.iter().map(|c| vec![0; c.len()]).collect();
        Self {
            capacity,
            allocated,
        }
    }

    fn place(&self, line: usize, from: u32, quantity: u32) -> Option<Vec<(usize, u32)>> {
        let mut left = quantity;
        let mut parts = Vec::new();
        for i in from as usize..self.capacity[line].len() {
            let room = self.capacity[line][i] - self.allocated[line][i];
            if left > 0 && room > 0 {
                parts.push((i, room.min(left)));
                left -= room.min(left);
            }
        }
        (left == 0).then_some(parts)
    }
}

fn month(i: u32) -> Option<YearMonth> {
    START.parse::<YearMonth>().ok()?.add_months(i)
}

fn index(m: YearMonth) -> u32 {
    m.months_since(START.parse().expect("start"))
        .expect("inside the calendar")
}

fn parts_of(parts: &[Allocation]) -> Vec<(usize, u32)> {
    parts
        .iter()
        .map(|p| (index(p.month) as usize, p.units))
        .collect()
}

/// Runs the stream on a plan and on the reference, checking each step; returns the plan, the
/// accepted history, the surviving orders in submission order and whether a cancellation happened.
fn run(
    calendar: &PlantCalendar,
    ops: &[Op],
) -> (Plan, Vec<PlanEvent>, Vec<AllocationRequest>, bool) {
    let mut plan = Plan::new(calendar);
    let mut reference = Reference::new(calendar);
    let mut history = Vec::new();
    let mut placed: Vec<AllocationRequest> = Vec::new();
    let mut promised: BTreeMap<u64, Vec<Allocation>> = BTreeMap::new();
    // Orders start a quarter before production, when the first months are still open.
    let mut today: YearMonth = "2026-10".parse().expect("month");
    let mut cancelled = false;
    for (n, op) in ops.iter().enumerate() {
        match *op {
            Op::Order {
                line,
                kit,
                model,
                quantity,
                wait,
            } => {
                today = today.add_months(wait).expect("month");
                let request = AllocationRequest {
                    order_line: n as u64,
                    line: LINES[line].parse().expect("id"),
                    kit: KITS[kit].parse().expect("id"),
                    model: MODELS[model].into(),
                    quantity,
                    order_month: today,
                };
                let kit_id: KitId = KITS[kit].parse().expect("id");
                let allowed = calendar
                    .earliest_allowed(&kit_id, today)
                    .expect("known kit");
                let from = allowed.months_since(calendar.start()).unwrap_or(0);
                let expected = reference.place(line, from, quantity);
                let earliest = plan.earliest(&request.line, &request.kit, quantity, today);
                let before = plan.clone();
                match plan.allocate(&request) {
                    Ok(parts) => {
                        assert_eq!(Some(parts_of(&parts)), expected, "order {n}");
                        let (first, last) = (parts[0].month, parts[parts.len() - 1].month);
                        assert_eq!(earliest.map(|e| (e.first, e.last)), Ok((first, last)));
                        assert!(first >= allowed && !calendar.is_frozen(first, today));
                        for &(i, units) in &parts_of(&parts) {
                            reference.allocated[line][i] += units;
                        }
                        promised.insert(request.order_line, parts);
                        history.push(PlanEvent::Order(request.clone()));
                        placed.push(request);
                    }
                    Err(error) => {
                        assert_eq!(expected, None, "order {n} refused: {error}");
                        assert_eq!(earliest.map_err(Into::into), Err(error));
                        assert_eq!(plan, before, "a refusal changes nothing");
                    }
                }
            }
            Op::Cancel { pick, wait } => {
                today = today.add_months(wait).expect("month");
                if placed.is_empty() {
                    continue;
                }
                let request = placed[pick % placed.len()].clone();
                let order_line = request.order_line;
                let frozen = promised
                    .get(&order_line)
                    .is_some_and(|parts| calendar.is_frozen(parts[0].month, today));
                match plan.release(order_line, today) {
                    Ok(parts) => {
                        assert!(!frozen);
                        let line = LINES.iter().position(|l| request.line.as_str() == *l);
                        for (i, units) in parts_of(&parts) {
                            reference.allocated[line.expect("a known line")][i] -= units;
                        }
                        assert_eq!(promised.remove(&order_line), Some(parts));
                        placed.retain(|r| r.order_line != order_line);
                        history.push(PlanEvent::Cancel { order_line, today });
                        cancelled = true;
                    }
                    Err(_) => assert!(frozen, "only a frozen order line may be refused"),
                }
            }
        }
    }
    // Promises are stable: every surviving order line still has the months it was given.
    for booking in plan.bookings() {
        assert_eq!(
            promised.get(&booking.request.order_line),
            Some(&booking.parts)
        );
    }
    (plan, history, placed, cancelled)
}

/// Capacity is never exceeded, and the view agrees with the bookings, model by model.
fn check_invariants(plan: &Plan) {
    let mut from_bookings: BTreeMap<(YearMonth, String, String), u32> = BTreeMap::new();
    for booking in plan.bookings() {
        let r = &booking.request;
        assert_eq!(
            booking.parts.iter().map(|p| p.units).sum::<u32>(),
            r.quantity
        );
        assert!(booking.parts.windows(2).all(|w| w[0].month < w[1].month));
        for p in &booking.parts {
            assert!(p.units > 0);
            *from_bookings
                .entry((p.month, r.line.to_string(), r.model.clone()))
                .or_default() += p.units;
        }
    }
    let calendar = plan.calendar();
    for view in plan.months(calendar.start(), calendar.end()) {
        assert!(view.allocated <= view.capacity, "{view:?}");
        assert_eq!(view.per_model.values().sum::<u32>(), view.allocated);
        for (model, units) in &view.per_model {
            let key = (view.month, view.line.to_string(), model.clone());
            assert_eq!(from_bookings.remove(&key), Some(*units));
        }
    }
    assert!(
        from_bookings.is_empty(),
        "every booked unit shows in the view"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_streams_keep_every_promise_and_every_limit(raw in calendars(), ops in ops()) {
        let calendar = PlantCalendar::from_file(&raw).expect("a valid calendar");
        let (plan, history, survivors, cancelled) = run(&calendar, &ops);
        check_invariants(&plan);
        prop_assert_eq!(Plan::replay(&calendar, &history), Ok(plan.clone()));
        // The survivors always fit again (a month left full by the re-plan holds only vehicles that
        // could not go earlier), though one order line may move earlier and another later.
        let rebuilt = Plan::rebuild(&calendar, &survivors).expect("the survivors fit again");
        check_invariants(&rebuilt);
        if !cancelled {
            prop_assert_eq!(&rebuilt, &plan);
        }
    }

    #[test]
    fn a_preview_is_what_allocating_in_turn_gives(
        raw in calendars(),
        ops in ops(),
        batch in prop::collection::vec((0..2usize, 0..2usize, 1u32..=400), 1..5),
    ) {
        let calendar = PlantCalendar::from_file(&raw).expect("a valid calendar");
        let (plan, _, _, _) = run(&calendar, &ops);
        let today: YearMonth = "2027-02".parse().expect("month");
        let requests: Vec<AllocationRequest> = batch
            .iter()
            .enumerate()
            .map(|(i, &(line, kit, quantity))| AllocationRequest {
                order_line: 10_000 + i as u64,
                line: LINES[line].parse().expect("id"),
                kit: KITS[kit].parse().expect("id"),
                model: MODELS[i % MODELS.len()].into(),
                quantity,
                order_month: today,
            })
            .collect();
        let preview = plan.preview(&requests);
        let mut in_turn = plan.clone();
        let allocated: Result<Vec<Vec<Allocation>>, usize> = requests
            .iter()
            .enumerate()
            .map(|(i, request)| in_turn.allocate(request).map_err(|_| i))
            .collect();
        prop_assert_eq!(preview.map_err(|error| error.index), allocated);
    }

    #[test]
    fn calendars_sum_exactly(raw in calendars()) {
        let calendar = PlantCalendar::from_file(&raw).expect("a valid calendar");
        let total = |from: u32, n: u32| -> u32 {
            (from..from + n).filter_map(month).map(|m| calendar.plant_capacity(m)).sum()
        };
        let skd = raw.phases[0].months.expect("fixed");
        prop_assert_eq!(total(0, skd), raw.phases[0].units.expect("units"));
        let per_year = raw.phases[1].per_year.expect("rate");
        let mut year = skd;
        while year + 12 <= calendar.horizon_months() {
            prop_assert_eq!(total(year, 12), per_year);
            year += 12;
        }
    }
}
