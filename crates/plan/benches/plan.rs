//! Benchmarks of production planning: what the server does at start-up (re-planning every order
//! line) and what the configurator asks on a click (the earliest build month). Prints the time of
//! one re-plan and the order lines per second, then criterion's measurements.
//!
//! * `replan 300k lines`: ten years of orders, 300,000 order lines of 1–60 vehicles on both lines
//!   and both kit sources, order months spread over the ten years. 300,000 lines of 30 vehicles on
//!   average are far more than the real plant's 30,000 a year, so this calendar has the real
//!   plant's shape with its capacity scaled up until the stream fits (with 10 % to spare).
//! * `replan real plant`: the real `data/plant.toml` (with the `toml` feature) filled to its
//!   horizon by lines of 1–60 vehicles; the last ones are refused.
//! * `earliest on a full plan`: the query of a 60-vehicle fleet against the 300k-line plan.

use std::hint::black_box;
use std::time::Instant;

use configurator_plan::{
    AllocationRequest, KitFile, LineFile, PhaseFile, Plan, PlantCalendar, PlantFile, YearMonth,
};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const LINES: usize = 300_000;
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

fn ym(s: &str) -> YearMonth {
    s.parse().expect("a valid month")
}

/// `n` order lines from 2026-10 over ten years, in submission order.
fn stream(n: usize) -> Vec<AllocationRequest> {
    let mut random = Lcg(2027);
    let first = ym("2026-10");
    (0..n)
        .map(|i| {
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
        })
        .collect()
}

/// The real plant's shape (`data/plant.toml`), with the SKD phase's capacities multiplied by
/// `skd_scale` and the full phase's by `full_scale`.
fn calendar(skd_scale: u32, full_scale: u32, horizon: u32) -> PlantCalendar {
    let raw = PlantFile {
        version: "bench".into(),
        start: "2027-01".into(),
        max_horizon_months: horizon,
        frozen_months: 1,
        time_zone: "Asia/Bishkek".into(),
        utc_offset: "+06:00".into(),
        lines: vec![
            LineFile {
                id: "passenger".into(),
                name: "Passenger".into(),
                share: 60,
            },
            LineFile {
                id: "commercial".into(),
                name: "Commercial".into(),
                share: 40,
            },
        ],
        kits: vec![
            KitFile {
                id: "uzauto".into(),
                name: "UzAuto".into(),
                lead_months: 2,
            },
            KitFile {
                id: "samauto".into(),
                name: "SamAuto".into(),
                lead_months: 3,
            },
        ],
        phases: vec![
            PhaseFile {
                name: "SKD".into(),
                months: Some(36),
                units: Some(10_000 * skd_scale),
                ramp: [60, 100, 150, 200, 240, 270]
                    .map(|u| u * skd_scale)
                    .to_vec(),
                ..PhaseFile::default()
            },
            PhaseFile {
                name: "full".into(),
                per_year: Some(30_000 * full_scale),
                ..PhaseFile::default()
            },
        ],
    };
    PlantCalendar::from_file(&raw).expect("the bench calendar checks")
}

/// Plans the stream, counting the order lines that were refused.
fn replan(calendar: &PlantCalendar, orders: &[AllocationRequest]) -> (Plan, usize) {
    let mut plan = Plan::new(calendar);
    let refused = orders
        .iter()
        .filter(|order| plan.allocate(order).is_err())
        .count();
    (plan, refused)
}

fn report(name: &str, calendar: &PlantCalendar, orders: &[AllocationRequest]) {
    let started = Instant::now();
    let (_, refused) = replan(calendar, orders);
    let elapsed = started.elapsed();
    let per_second = orders.len() as f64 / elapsed.as_secs_f64();
    println!(
        "{name}: {} order lines ({refused} refused) in {:.1} ms: {per_second:.0} lines/s",
        orders.len(),
        elapsed.as_secs_f64() * 1000.0
    );
}

fn bench(c: &mut Criterion) {
    let orders = stream(LINES);
    // Demand: about 30.5 vehicles a line, 30,000 lines a year: about 915,000 vehicles a year, so
    // 2.75 million in the SKD phase's three years.
    let big = calendar(300, 34, 132);
    report("replan 300k lines", &big, &orders);
    let mut group = c.benchmark_group("plan");
    group.sample_size(10);
    group.throughput(Throughput::Elements(orders.len() as u64));
    group.bench_function("replan 300k lines", |b| {
        b.iter(|| replan(&big, black_box(&orders)))
    });

    #[cfg(feature = "toml")]
    {
        let real = PlantCalendar::from_toml_str(include_str!("../../../data/plant.toml"))
            .expect("data/plant.toml checks");
        let orders = stream(7_500);
        report("replan real plant", &real, &orders);
        group.throughput(Throughput::Elements(orders.len() as u64));
        group.bench_function("replan real plant", |b| {
            b.iter(|| replan(&real, black_box(&orders)))
        });
    }

    let (full, _) = replan(&big, &orders);
    let (passenger, uzauto) = (
        "passenger".parse().expect("id"),
        "uzauto".parse().expect("id"),
    );
    group.throughput(Throughput::Elements(1));
    group.bench_function("earliest on a full plan", |b| {
        b.iter(|| full.earliest(&passenger, &uzauto, black_box(60), ym("2030-06")))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
