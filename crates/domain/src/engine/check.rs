//! Checking a configuration that comes from outside (an order line, a URL): every rule it breaks.

use std::ops::ControlFlow;

use super::configuration::Configuration;
use super::model::Model;
use super::state::State;
use super::violation::Violation;

/// Every rule the configuration breaks, in a stable order: the trim and powertrain first, then
/// each chosen option's rules in catalog order, then the groups; empty when it is valid.
pub fn check(model: &Model, config: &Configuration) -> Vec<Violation> {
    match State::of(model, config) {
        Ok(state) => violations(model, state),
        Err(unknown) => unknown,
    }
}

/// The rules a state breaks.
fn violations(model: &Model, s: State) -> Vec<Violation> {
    let names = model.names();
    let mut out = Vec::new();
    let at = model.rules.at(s.trim, s.powertrain);
    let _ = model.rules.breaches(&at, s.options, &mut |b| {
        out.push((b.about, (b.violation)(names)));
        ControlFlow::Continue(())
    });
    // Kind by kind as found; what each is about orders them.
    out.sort_by_key(|(about, _)| *about);
    out.into_iter().map(|(_, v)| v).collect()
}
