//! Benchmarks of production planning: what the server does at start-up (check the plant calendar,
//! then rebuild the plan from the stored history of orders and cancellations) and what the
//! configurator asks on a click (the earliest build month), and what a planner's re-plan costs.
//! Prints the time of each step once and the events (or order lines) per second, then criterion's
//! measurements.
//!
//! * `parse plant.toml`: the real `data/plant.toml` parsed and checked, every month's capacity
//!   worked out (`PlantCalendar::from_toml_str`), as the server's start-up does first.
//! * `replay real plant`: `Plan::replay` of a history that fills the real calendar to its horizon:
//!   order lines of 1–60 vehicles on both lines and both kit sources, order months spread over the
//!   ten years, one line in 20 cancelled a month of orders later unless it is frozen by then; the
//!   lines the full plant refuses are not in the history, as a server refuses them.
//! * `replay 300k lines`: the same for 300,000 order lines, far more than the real plant's 30,000
//!   vehicles a year, on a calendar of the real plant's shape with its capacity scaled up until
//!   the stream fits (with 10 % to spare): how a start-up grows with the history.
//! * `re-plan 300k lines`: `Plan::rebuild` of the order lines of that history that were not
//!   cancelled, in submission order, on an empty plan: the re-plan that closes the cancellations'
//!   gaps.
//! * `earliest on a full plan`: the query of a 60-vehicle fleet against the 300k-line plan.
//!
//! A server's start-up also reads the history from its database and, per order, previews its
//! parts to compare them with the stored promises before it books them (about one allocation more
//! per order line); `cargo bench -p configurator-server --bench startup` measures that start-up on
//! a database of 300,000 order lines, `--bench orders` the orders per second.

use std::collections::{HashSet, VecDeque};
use std::hint::black_box;
use std::time::Instant;

use configurator_plan::{AllocationRequest, Plan, PlanEvent, PlantCalendar, YearMonth, fixture};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const PLANT: &str = include_str!("../../../data/plant.toml");
const LINES: usize = 300_000;
/// One order line in this many is cancelled.
const CANCEL_ONE_IN: u32 = 20;
const MODELS: [&str; 19] = [
    "spark", "cobalt", "nexia", "lacetti", "onix", "tracker", "equinox", "malibu", "damas", "labo",
    "captiva", "d-max", "mu-x", "npr", "nmr", "nqr", "fvr", "citiport", "novo",
];

/// A small deterministic generator (64-bit LCG), so every run plans the same stream.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u32) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % u64::from(below)) as u32
    }
}

/// Order line `i` of `n`, placed from 2026-10 on over ten years.
fn order(random: &mut Lcg, i: usize, n: usize) -> AllocationRequest {
    let first: YearMonth = "2026-10".parse().expect("a valid month");
    let passenger = random.next(10) < 6;
    let model = if passenger {
        random.next(12)
    } else {
        12 + random.next(7)
    };
    AllocationRequest {
        order_line: i as u64,
        line: if passenger { "passenger" } else { "commercial" }
            .parse()
            .expect("id"),
        kit: if passenger { "uzauto" } else { "samauto" }
            .parse()
            .expect("id"),
        model: MODELS[model as usize].to_owned(),
        quantity: 1 + random.next(60),
        order_month: first.add_months((i * 120 / n) as u32).expect("month"),
    }
}

/// The history `n` submitted order lines leave, in the order it happened: the lines the plan
/// took, and the cancellations of one in [`CANCEL_ONE_IN`], each a month's worth of orders later.
fn history(calendar: &PlantCalendar, n: usize) -> Vec<PlanEvent> {
    let mut random = Lcg(2027);
    let mut plan = Plan::new(calendar);
    let mut events = Vec::with_capacity(n + n / CANCEL_ONE_IN as usize);
    let mut to_cancel = VecDeque::new();
    let delay = n / 120;
    for i in 0..n {
        let request = order(&mut random, i, n);
        let today = request.order_month;
        if let Some(&(at, order_line)) = to_cancel.front()
            && at <= i
        {
            to_cancel.pop_front();
            // A line already frozen stays, as the server refuses to cancel it.
            if plan.release(order_line, today).is_ok() {
                events.push(PlanEvent::Cancel { order_line, today });
            }
        }
        if plan.allocate(&request).is_ok() {
            if random.next(CANCEL_ONE_IN) == 0 {
                to_cancel.push_back((i + delay, request.order_line));
            }
            events.push(PlanEvent::Order(request));
        }
    }
    events
}

/// The fixture's plant with the SKD phase's capacities multiplied by `skd_scale`, the full
/// phase's by `full_scale`, and planned `horizon` months ahead.
fn scaled(skd_scale: u32, full_scale: u32, horizon: u32) -> PlantCalendar {
    let mut raw = fixture::plant_file();
    raw.version = "bench".into();
    raw.max_horizon_months = horizon;
    let [skd, full] = &mut raw.phases[..] else {
        panic!("the fixture has two phases");
    };
    skd.units = skd.units.map(|units| units * skd_scale);
    skd.ramp.iter_mut().for_each(|units| *units *= skd_scale);
    full.per_year = full.per_year.map(|units| units * full_scale);
    PlantCalendar::from_file(&raw).expect("the bench calendar checks")
}

fn replay(calendar: &PlantCalendar, events: &[PlanEvent]) -> Plan {
    Plan::replay(calendar, events).expect("the history replays")
}

/// The order lines of `events` that were never cancelled, in submission order.
fn surviving(events: &[PlanEvent]) -> Vec<&AllocationRequest> {
    let cancelled: HashSet<u64> = events
        .iter()
        .filter_map(|event| match event {
            PlanEvent::Cancel { order_line, .. } => Some(*order_line),
            PlanEvent::Order(_) => None,
        })
        .collect();
    events
        .iter()
        .filter_map(|event| match event {
            PlanEvent::Order(request) if !cancelled.contains(&request.order_line) => Some(request),
            _ => None,
        })
        .collect()
}

fn rebuild(calendar: &PlantCalendar, lines: &[&AllocationRequest]) -> Plan {
    Plan::rebuild(calendar, lines.iter().copied()).expect("the surviving lines re-plan")
}

/// Times one call of `run` and prints it, with the rate of the `count` `items` when there are any.
fn report<R>(name: &str, (count, items): (usize, &str), run: impl FnOnce() -> R) -> R {
    let started = Instant::now();
    let result = run();
    let seconds = started.elapsed().as_secs_f64();
    let rate = if count > 0 {
        format!(": {count} {items}, {:.0} {items}/s", count as f64 / seconds)
    } else {
        String::new()
    };
    println!("{name}: {:.3} ms{rate}", seconds * 1000.0);
    result
}

fn bench(c: &mut Criterion) {
    let real = report("parse plant.toml", (0, ""), || {
        PlantCalendar::from_toml_str(PLANT).expect("data/plant.toml checks")
    });
    let real_history = history(&real, 7_500);
    report("replay real plant", (real_history.len(), "events"), || {
        replay(&real, &real_history)
    });
    // Demand: about 30.5 vehicles a line, 30,000 lines a year: about 915,000 vehicles a year, so
    // 2.75 million in the SKD phase's three years.
    let big = scaled(300, 34, 132);
    let big_history = history(&big, LINES);
    let full = report("replay 300k lines", (big_history.len(), "events"), || {
        replay(&big, &big_history)
    });
    let survivors = surviving(&big_history);
    report(
        "re-plan 300k lines",
        (survivors.len(), "order lines"),
        || rebuild(&big, &survivors),
    );

    let mut group = c.benchmark_group("plan");
    group.sample_size(10);
    group.throughput(Throughput::Elements(1));
    group.bench_function("parse plant.toml", |b| {
        b.iter(|| PlantCalendar::from_toml_str(black_box(PLANT)))
    });
    for (name, calendar, events) in [
        ("replay real plant", &real, &real_history),
        ("replay 300k lines", &big, &big_history),
    ] {
        group.throughput(Throughput::Elements(events.len() as u64));
        group.bench_function(name, |b| b.iter(|| replay(calendar, black_box(events))));
    }
    group.throughput(Throughput::Elements(survivors.len() as u64));
    group.bench_function("re-plan 300k lines", |b| {
        b.iter(|| rebuild(&big, black_box(&survivors)))
    });
    let (passenger, uzauto) = (
        "passenger".parse().expect("id"),
        "uzauto".parse().expect("id"),
    );
    let june: YearMonth = "2030-06".parse().expect("a valid month");
    group.throughput(Throughput::Elements(1));
    group.bench_function("earliest on a full plan", |b| {
        b.iter(|| full.earliest(&passenger, &uzauto, black_box(60), june))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
