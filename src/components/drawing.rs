//! The vehicle drawing: one side-view SVG per body type, drawn here in Rust (no extra request),
//! with the body tinted in the chosen paint.

use configurator_domain::{Configuration, Model, catalog::Body};
use leptos::prelude::*;

/// The tint when no paint is chosen.
const NEUTRAL: &str = "#c8ccd0";

/// The paint color of a configuration (`#rrggbb`), for the drawing.
pub fn paint_color(model: &Model, config: &Configuration) -> String {
    config
        .options
        .iter()
        .filter_map(|id| model.option(id))
        .find_map(|o| o.color.clone())
        .unwrap_or_else(|| NEUTRAL.to_owned())
}

/// The shapes of a body type: the painted body, the windows, and the wheel centres.
struct Shape {
    body: &'static str,
    windows: &'static str,
    wheels: [u16; 2],
    ground: u16,
}

fn shape(body: Body) -> Shape {
    match body {
        Body::Sedan => Shape {
            body: "M18 96 L24 72 L88 62 L124 38 L208 38 L248 62 L298 70 L304 96 Z",
            windows: "M132 44 L202 44 L234 62 L102 62 Z",
            wheels: [78, 246],
            ground: 100,
        },
        Body::Crossover => Shape {
            body: "M16 98 L20 66 L72 56 L106 28 L226 28 L262 56 L302 64 L306 98 Z",
            windows: "M114 34 L220 34 L248 56 L86 56 Z",
            wheels: [80, 248],
            ground: 102,
        },
        Body::Microvan => Shape {
            body: "M40 98 L40 40 Q42 24 62 24 L246 24 L282 60 L288 98 Z",
            windows: "M60 32 L238 32 L266 58 L60 58 Z",
            wheels: [86, 240],
            ground: 102,
        },
        Body::Pickup => Shape {
            body: "M14 96 L14 60 L150 60 L158 28 L226 28 L252 60 L302 66 L306 96 Z",
            windows: "M166 34 L220 34 L240 58 L162 58 Z",
            wheels: [70, 250],
            ground: 100,
        },
        Body::Minibus => Shape {
            body: "M14 98 L14 30 Q14 18 28 18 L258 18 Q284 20 294 54 L306 68 L306 98 Z",
            windows: "M26 28 L256 28 Q272 30 282 54 L26 54 Z",
            wheels: [70, 250],
            ground: 102,
        },
        Body::Bus => Shape {
            body: "M8 100 L8 18 Q8 8 20 8 L286 8 Q302 10 306 40 L310 100 Z",
            windows: "M20 18 L290 18 Q298 22 300 48 L20 48 Z",
            wheels: [64, 252],
            ground: 104,
        },
        Body::Truck => Shape {
            body: "M8 96 L8 20 L206 20 L206 84 L212 84 L212 38 Q214 28 226 28 L264 28 Q282 30 294 58 L306 68 L306 96 Z",
            windows: "M226 36 L262 36 Q274 38 284 58 L226 58 Z",
            wheels: [60, 258],
            ground: 100,
        },
    }
}

/// A side view of a vehicle of `body`, its body in `color`.
#[component]
pub fn Drawing(
    /// The body type.
    body: Body,
    /// The paint, `#rrggbb`.
    #[prop(into)]
    color: Signal<String>,
    /// What the drawing shows, for screen readers.
    #[prop(into)]
    label: Signal<String>,
) -> impl IntoView {
    let s = shape(body);
    let wheel = move |x: u16| {
        view! {
            <circle cx=x cy=s.ground - 4 r="17" fill="#22262b" />
            <circle cx=x cy=s.ground - 4 r="7" fill="#9aa1a8" />
        }
    };
    view! {
        <svg class="drawing" viewBox="0 0 320 112" role="img" aria-label=label>
            <path d=s.body fill=color stroke="#3a4048" stroke-width="2" stroke-linejoin="round" />
            <path d=s.windows fill="#2f3b48" opacity="0.85" />
            {wheel(s.wheels[0])}
            {wheel(s.wheels[1])}
        </svg>
    }
}
