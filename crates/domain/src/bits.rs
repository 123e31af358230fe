//! A set of option indexes of one model as a 128-bit mask: the rules engine works on these so that
//! checking a configuration is a handful of bit operations.

/// The most options one model may have.
pub const MAX_OPTIONS: usize = 128;

/// The most trims, and the most powertrains, one model may have: their sets are 64-bit masks.
pub const MAX_TRIMS: usize = 64;

/// A set of option indexes, `0..MAX_OPTIONS`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub(crate) struct OptionSet(u128);

impl OptionSet {
    pub(crate) const EMPTY: OptionSet = OptionSet(0);

    pub(crate) fn single(i: usize) -> Self {
        Self(1u128 << i)
    }

    pub(crate) fn from_bits(bits: u128) -> Self {
        Self(bits)
    }

    pub(crate) fn bits(self) -> u128 {
        self.0
    }

    pub(crate) fn contains(self, i: usize) -> bool {
        self.0 >> i & 1 == 1
    }

    pub(crate) fn with(self, i: usize) -> Self {
        Self(self.0 | 1u128 << i)
    }

    pub(crate) fn without(self, i: usize) -> Self {
        Self(self.0 & !(1u128 << i))
    }

    pub(crate) fn toggled(self, i: usize) -> Self {
        Self(self.0 ^ 1u128 << i)
    }

    pub(crate) fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub(crate) fn len(self) -> u32 {
        self.0.count_ones()
    }

    pub(crate) fn union(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }

    pub(crate) fn inter(self, other: Self) -> Self {
        Self(self.0 & other.0)
    }

    pub(crate) fn minus(self, other: Self) -> Self {
        Self(self.0 & !other.0)
    }

    pub(crate) fn sym_diff(self, other: Self) -> Self {
        Self(self.0 ^ other.0)
    }

    pub(crate) fn is_subset(self, other: Self) -> bool {
        self.0 & !other.0 == 0
    }

    pub(crate) fn iter(self) -> Ones {
        Ones(self.0)
    }
}

/// The indexes in a set, ascending.
pub(crate) struct Ones(u128);

impl Iterator for Ones {
    type Item = usize;
    fn next(&mut self) -> Option<usize> {
        if self.0 == 0 {
            return None;
        }
        let i = self.0.trailing_zeros() as usize;
        self.0 &= self.0 - 1;
        Some(i)
    }
}

/// Whether bit `i` of a trim or powertrain mask is set.
pub(crate) fn has(mask: u64, i: usize) -> bool {
    mask >> i & 1 == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_operations() {
        let s = OptionSet::EMPTY.with(3).with(127).with(0);
        assert_eq!(s.iter().collect::<Vec<_>>(), vec![0, 3, 127]);
        assert_eq!(s.len(), 3);
        assert!(s.contains(127) && !s.contains(1));
        assert_eq!(
            s.without(3).toggled(1).iter().collect::<Vec<_>>(),
            vec![0, 1, 127]
        );
        assert!(OptionSet::single(3).is_subset(s));
        assert_eq!(OptionSet::from_bits(0b101).len(), 2);
        assert!(has(0b100, 2) && !has(0b100, 1));
    }
}
