//! Exact arithmetic for the running cost: an amount is a fraction of whole numbers until it is
//! rounded, once, to minor units. Every step is checked, so an absurd input is an error, never a
//! wrapped number.

use crate::catalog::Rounding;

/// A fraction at least zero, `numerator / denominator`, the denominator above zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Fraction {
    numerator: u128,
    denominator: u128,
}

impl Fraction {
    /// A whole number.
    pub(super) fn whole(n: u128) -> Self {
        Fraction {
            numerator: n,
            denominator: 1,
        }
    }

    /// `self × n`, `None` on overflow.
    pub(super) fn times(self, n: u128) -> Option<Self> {
        Some(Fraction {
            numerator: self.numerator.checked_mul(n)?,
            ..self
        })
    }

    /// `self / d` for `d` above zero, `None` on overflow.
    pub(super) fn over(self, d: u128) -> Option<Self> {
        Some(Fraction {
            denominator: self.denominator.checked_mul(d)?,
            ..self
        })
    }

    /// The nearest whole number, a half going by `rule`; `None` past `i64::MAX`.
    pub(super) fn round(self, rule: Rounding) -> Option<i64> {
        let (q, r) = (
            self.numerator / self.denominator,
            self.numerator % self.denominator,
        );
        let up = match (2 * r).cmp(&self.denominator) {
            std::cmp::Ordering::Less => false,
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Equal => match rule {
                Rounding::HalfUp => true,
                Rounding::HalfEven => q % 2 == 1,
            },
        };
        i64::try_from(q + u128::from(up)).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::{Fraction, Rounding};

    fn round(n: u128, d: u128, rule: Rounding) -> Option<i64> {
        Fraction::whole(n).over(d).and_then(|f| f.round(rule))
    }

    #[test]
    fn rounds_to_the_nearest_and_halves_by_the_rule() {
        assert_eq!(round(249, 100, Rounding::HalfUp), Some(2));
        assert_eq!(round(251, 100, Rounding::HalfEven), Some(3));
        // 2.5 and 3.5: half up goes up both times, half even to 2 and 4.
        assert_eq!(round(5, 2, Rounding::HalfUp), Some(3));
        assert_eq!(round(5, 2, Rounding::HalfEven), Some(2));
        assert_eq!(round(7, 2, Rounding::HalfUp), Some(4));
        assert_eq!(round(7, 2, Rounding::HalfEven), Some(4));
        assert_eq!(round(0, 7, Rounding::HalfUp), Some(0));
    }

    #[test]
    fn overflow_is_none() {
        assert_eq!(Fraction::whole(u128::MAX).times(2), None);
        assert_eq!(
            Fraction::whole(1).over(u128::MAX).and_then(|f| f.over(2)),
            None
        );
        assert_eq!(round(u128::from(u64::MAX), 1, Rounding::HalfUp), None);
    }
}
