//! The history a server is left with after `n` submitted order lines, planned with the real
//! planner as the server plans them: orders of 1–3 lines of catalog models (their default
//! configurations; the assembly line drawn in proportion to its share of the plant, as the plan
//! bench does, then any model built on it), 1–60 vehicles a line, two dealers taking turns, order months spread over ten
//! years from 2026-10. An order is previewed as a whole and refused if it does not fit (then it is
//! not stored); its lines' parts are the allocations stored with it. One order in 20 is cancelled a
//! month's worth of orders later, unless a line of it is built in a frozen month by then.

use std::collections::VecDeque;

use anyhow::Context as _;
use configurator_domain::{ModelId, code};
use configurator_plan::{Allocation, AllocationRequest, KitId, LineId, Plan, YearMonth};
use configurator_server::{data::Data, store::events::Kind};

/// One order in this many is cancelled.
const CANCEL_ONE_IN: usize = 20;

/// A catalog model as an order line names it.
pub struct Model {
    pub id: ModelId,
    /// The configuration code of its default configuration.
    pub code: String,
    pub line: LineId,
    pub kit: KitId,
}

pub struct Order {
    pub id: i64,
    /// Which dealer placed it: 0 or 1.
    pub dealer: usize,
    pub month: YearMonth,
    pub lines: Vec<Line>,
    /// The month it was cancelled in, if it was.
    pub cancelled: Option<YearMonth>,
}

pub struct Line {
    pub id: i64,
    /// Index in [`History::models`].
    pub model: usize,
    pub quantity: u32,
    /// The allocations the plan gave it.
    pub parts: Vec<Allocation>,
}

/// One step of the plan's history; its sequence number is its position from 1.
pub struct Event {
    pub kind: Kind,
    /// Index in [`History::orders`].
    pub order: usize,
    pub month: YearMonth,
}

pub struct History {
    pub models: Vec<Model>,
    pub orders: Vec<Order>,
    pub events: Vec<Event>,
    /// Order lines submitted but refused because the plan had no room for their order.
    pub refused: usize,
}

impl History {
    /// The stored order lines.
    pub fn lines(&self) -> usize {
        self.orders.iter().map(|order| order.lines.len()).sum()
    }

    /// The order lines still standing, in submission order, as the plan takes them: what a
    /// re-plan (`Plan::rebuild`) plans afresh.
    pub fn standing_requests(&self) -> Vec<AllocationRequest> {
        let standing = self.orders.iter().filter(|order| order.cancelled.is_none());
        standing
            .flat_map(|order| {
                order.lines.iter().map(move |line| {
                    let model = &self.models[line.model];
                    AllocationRequest {
                        order_line: u64::try_from(line.id).expect("ids count from 1"),
                        line: model.line.clone(),
                        kit: model.kit.clone(),
                        model: model.id.to_string(),
                        quantity: line.quantity,
                        order_month: order.month,
                    }
                })
            })
            .collect()
    }
}

/// A small deterministic generator (64-bit LCG), so every run stores the same history.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % below as u64) as usize
    }
}

fn models(data: &Data) -> anyhow::Result<Vec<Model>> {
    data.catalog
        .models()
        .iter()
        .map(|model| {
            let routing = &data.routing[model.id()];
            Ok(Model {
                id: model.id().clone(),
                code: code::encode(&data.catalog, &model.default_configuration())
                    .with_context(|| format!("the default code of `{}`", model.id()))?,
                line: routing.line.clone(),
                kit: routing.kit.clone(),
            })
        })
        .collect()
}

/// Draws a model: its assembly line in proportion to the line's share, then one built there.
struct Picker {
    /// Each assembly line's share and the models built on it, for the lines that build any.
    lines: Vec<(usize, Vec<usize>)>,
    total_share: usize,
}

impl Picker {
    fn new(data: &Data, models: &[Model]) -> Self {
        let lines: Vec<(usize, Vec<usize>)> = data
            .calendar
            .lines()
            .iter()
            .map(|line| {
                let built = (0..models.len()).filter(|&m| models[m].line == line.id);
                (line.share as usize, built.collect::<Vec<_>>())
            })
            .filter(|(_, built)| !built.is_empty())
            .collect();
        let total_share = lines.iter().map(|(share, _)| share).sum();
        Self { lines, total_share }
    }

    fn pick(&self, random: &mut Lcg) -> usize {
        let mut drawn = random.next(self.total_share);
        for (share, built) in &self.lines {
            if drawn < *share {
                return built[random.next(built.len())];
            }
            drawn -= share;
        }
        unreachable!("the draw is below the sum of the shares")
    }
}

/// The history of `n` submitted order lines on the plant of `data`.
pub fn generate(data: &Data, n: usize) -> anyhow::Result<History> {
    let models = models(data)?;
    let picker = Picker::new(data, &models);
    let first: YearMonth = "2026-10".parse()?;
    let delay = n / 120;
    let mut random = Lcg(2027);
    let mut plan = Plan::new(&data.calendar);
    let (mut orders, mut events) = (Vec::<Order>::new(), Vec::new());
    let mut to_cancel = VecDeque::new();
    let (mut submitted, mut refused, mut next_line) = (0, 0, 1);
    while submitted < n {
        let today = first
            .add_months(u32::try_from(submitted * 120 / n)?)
            .context("a month")?;
        while let Some(&(at, order)) = to_cancel.front()
            && at <= submitted
        {
            to_cancel.pop_front();
            if cancel(&mut plan, &mut orders[order], today)? {
                events.push(Event {
                    kind: Kind::Cancel,
                    order,
                    month: today,
                });
            }
        }
        let count = (1 + random.next(3)).min(n - submitted);
        submitted += count;
        let lines: Vec<(usize, u32)> = (0..count)
            .map(|_| (picker.pick(&mut random), 1 + random.next(60) as u32))
            .collect();
        let requests: Vec<AllocationRequest> = (next_line..)
            .zip(&lines)
            .map(|(id, &(model, quantity))| AllocationRequest {
                order_line: id,
                line: models[model].line.clone(),
                kit: models[model].kit.clone(),
                model: models[model].id.to_string(),
                quantity,
                order_month: today,
            })
            .collect();
        let Ok(parts) = plan.preview(&requests) else {
            refused += count;
            continue;
        };
        for request in &requests {
            plan.allocate(request)?;
        }
        let order = orders.len();
        if random.next(CANCEL_ONE_IN) == 0 {
            to_cancel.push_back((submitted + delay, order));
        }
        orders.push(Order {
            id: i64::try_from(order + 1)?,
            dealer: order % 2,
            month: today,
            lines: (next_line..)
                .zip(lines)
                .zip(parts)
                .map(|((id, (model, quantity)), parts)| {
                    anyhow::Ok(Line {
                        id: i64::try_from(id)?,
                        model,
                        quantity,
                        parts,
                    })
                })
                .collect::<Result<_, _>>()?,
            cancelled: None,
        });
        events.push(Event {
            kind: Kind::Order,
            order,
            month: today,
        });
        next_line += count as u64;
    }
    Ok(History {
        models,
        orders,
        events,
        refused,
    })
}

/// Cancels `order` in month `today` as the server does, unless a line of it is built in a month
/// frozen by then; whether it did.
fn cancel(plan: &mut Plan, order: &mut Order, today: YearMonth) -> anyhow::Result<bool> {
    let frozen = order.lines.iter().any(|line| {
        let first = plan
            .booking(line.id as u64)
            .and_then(|booking| booking.parts.first());
        first.is_some_and(|part| plan.is_frozen(part.month, today))
    });
    if frozen {
        return Ok(false);
    }
    for line in &order.lines {
        plan.release(line.id as u64, today)?;
    }
    order.cancelled = Some(today);
    Ok(true)
}
