//! The dealer's cart: configured lines waiting to be ordered, kept per signed-in dealer in local
//! storage (`configurator.cart.{username}`), so that a reload, a closed tab or another dealer on
//! the same browser loses or mixes nothing. Pure data and its rules; the page is `pages::cart`.

use configurator_domain::{ModelId, Quantity};
use serde::{Deserialize, Serialize};

use crate::storage;

/// The version of the stored cart's shape.
const CART_VERSION: u32 = 1;

/// One configured line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartLine {
    /// The model.
    pub model: ModelId,
    /// The configuration code.
    pub code: String,
    /// Units.
    pub quantity: Quantity,
}

/// The lines of one dealer's cart, in the order they were added.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cart {
    /// The lines; no two with the same code.
    pub lines: Vec<CartLine>,
}

/// What adding a line did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    /// A new line at this index.
    New(usize),
    /// The same configuration is already the line at this index: nothing was added, and the
    /// dealer is offered to raise its quantity instead.
    Already(usize),
}

impl Cart {
    /// Adds `line`, unless its configuration is already in the cart.
    pub fn add(&mut self, line: CartLine) -> Added {
        match self.lines.iter().position(|l| l.code == line.code) {
            Some(index) => Added::Already(index),
            None => {
                self.lines.push(line);
                Added::New(self.lines.len() - 1)
            }
        }
    }

    /// Raises the quantity of the line at `index` by `more`, up to the most one line may hold.
    pub fn raise(&mut self, index: usize, more: Quantity) {
        if let Some(line) = self.lines.get_mut(index) {
            let total = u32::from(line.quantity) + u32::from(more);
            let most = u32::from(Quantity::MAX);
            if let Ok(quantity) = Quantity::try_from(total.min(most)) {
                line.quantity = quantity;
            }
        }
    }

    /// Puts `line` in the place of the line whose code is `edited` (a line opened in the
    /// configurator and changed there), and says where it is now. When another line already
    /// holds the new configuration, the units go to that line and the edited one goes. `None`
    /// when no line has that code any more (ordered or removed meanwhile): nothing changes.
    pub fn update(&mut self, edited: &str, line: CartLine) -> Option<usize> {
        let index = self.lines.iter().position(|l| l.code == edited)?;
        let same = self
            .lines
            .iter()
            .enumerate()
            .position(|(i, l)| i != index && l.code == line.code);
        match same {
            Some(other) => {
                self.raise(other, line.quantity);
                self.lines.remove(index);
                Some(if other > index { other - 1 } else { other })
            }
            None => {
                self.lines[index] = line;
                Some(index)
            }
        }
    }

    /// The storage key of `dealer`'s cart.
    fn key(dealer: &str) -> String {
        format!("configurator.cart.{dealer}")
    }

    /// `dealer`'s stored cart; empty when there is none (a stale one is dropped).
    pub fn load(dealer: &str) -> Self {
        storage::load(&Self::key(dealer), CART_VERSION)
            .found()
            .unwrap_or_default()
    }

    /// Stores the cart as `dealer`'s.
    pub fn save(&self, dealer: &str) {
        storage::save(&Self::key(dealer), CART_VERSION, self);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(code: &str, quantity: u32) -> CartLine {
        CartLine {
            model: "np37-city".parse().expect("a model id"),
            code: code.to_owned(),
            quantity: Quantity::try_from(quantity).expect("a quantity"),
        }
    }

    #[test]
    fn the_same_configuration_is_not_added_twice_but_offered_to_raise() {
        let mut cart = Cart::default();
        assert_eq!(cart.add(line("A", 60)), Added::New(0));
        assert_eq!(cart.add(line("B", 1)), Added::New(1));
        assert_eq!(cart.add(line("A", 5)), Added::Already(0));
        assert_eq!(cart.lines.len(), 2);
        cart.raise(0, Quantity::try_from(5).expect("a quantity"));
        assert_eq!(cart.lines[0].quantity.get(), 65);
        cart.raise(0, Quantity::try_from(999).expect("a quantity"));
        assert_eq!(
            cart.lines[0].quantity.get(),
            999,
            "one line holds at most 999"
        );
    }

    #[test]
    fn an_edited_line_is_updated_in_place_or_merged_into_its_twin() {
        let mut cart = Cart::default();
        cart.add(line("A", 30));
        cart.add(line("B", 2));
        cart.add(line("C", 1));
        assert_eq!(cart.update("B", line("B2", 4)), Some(1));
        assert_eq!(
            cart.lines[1],
            line("B2", 4),
            "in its place, with its new units"
        );
        assert_eq!(cart.update("A", line("C", 30)), Some(1), "merged into C");
        assert_eq!(cart.lines, [line("B2", 4), line("C", 31)]);
        assert_eq!(cart.update("gone", line("D", 1)), None);
        assert_eq!(
            cart.lines.len(),
            2,
            "nothing changes for a line that is gone"
        );
    }
}
