//! Working out every month's capacity per line from the checked phases and shares, exactly in
//! whole vehicles: a phase sums to its `units`, every 12 months of a yearly phase to its
//! `per_year`, and the lines of a month to the plant's capacity that month.

use super::YearMonth;
use super::calendar::Phase;
use super::file::PhaseFile;

/// The phases with the month each begins; `start + the horizon` was checked to end by 9999-12.
pub(super) fn place_phases(raw: &[PhaseFile], start: YearMonth) -> Vec<Phase> {
    let mut first = start;
    let mut phases = Vec::with_capacity(raw.len());
    for phase in raw {
        phases.push(Phase {
            name: phase.name.clone(),
            first,
            months: phase.months,
            units: phase.units,
            per_year: phase.per_year,
            ramp: phase.ramp.clone(),
        });
        first = first.add_months(phase.months.unwrap_or(0)).unwrap_or(first);
    }
    phases
}

/// `total` spread over `n` slots so that they sum to it exactly: each gets `total / n`, and the
/// last `total % n` slots one more, so a ramp-up never dips.
fn spread(total: u32, n: u32, j: u32) -> u32 {
    let n = n.max(1);
    total / n + u32::from(j >= n - total % n)
}

/// `capacity[line][i]`: the capacity of each line in month `start + i`, for the whole horizon.
pub(super) fn line_capacities(phases: &[Phase], horizon: u32, shares: &[u32]) -> Vec<Vec<u32>> {
    let totals = plant_capacities(phases, horizon);
    let mut capacity = vec![Vec::with_capacity(totals.len()); shares.len()];
    for total in totals {
        for (line, units) in capacity.iter_mut().zip(split(total, shares)) {
            line.push(units);
        }
    }
    capacity
}

/// The plant's capacity in each month of the horizon, from the phases.
fn plant_capacities(phases: &[Phase], horizon: u32) -> Vec<u32> {
    let mut totals = Vec::with_capacity(horizon as usize);
    for phase in phases {
        match (phase.units, phase.per_year, phase.months) {
            (Some(units), _, Some(months)) => {
                let ramp_sum: u32 = phase.ramp.iter().sum();
                let listed = phase.ramp.len() as u32;
                totals.extend(&phase.ramp);
                let rest = months.saturating_sub(listed);
                totals.extend((0..rest).map(|j| spread(units.saturating_sub(ramp_sum), rest, j)));
            }
            (_, Some(per_year), months) => {
                let months = months.unwrap_or(horizon.saturating_sub(totals.len() as u32));
                totals.extend((0..months).map(|k| spread(per_year, 12, k % 12)));
            }
            _ => {}
        }
    }
    totals.truncate(horizon as usize);
    totals
}

/// `total` split by per-cent `shares` (summing to 100) so the parts sum to `total` exactly: each
/// line gets its rounded-down share, and what rounding leaves goes one unit each to the lines with
/// the largest fractions, the first listed on a tie.
fn split(total: u32, shares: &[u32]) -> Vec<u32> {
    let total = u64::from(total);
    let mut parts: Vec<u64> = shares.iter().map(|&s| total * u64::from(s) / 100).collect();
    let mut left = total - parts.iter().sum::<u64>();
    let mut by_fraction: Vec<usize> = (0..shares.len()).collect();
    by_fraction.sort_by_key(|&i| std::cmp::Reverse(total * u64::from(shares[i]) % 100));
    for &i in by_fraction.iter().cycle().take(shares.len()) {
        if left == 0 {
            break;
        }
        parts[i] += 1;
        left -= 1;
    }
    parts
        .into_iter()
        .map(|p| u32::try_from(p).unwrap_or(u32::MAX))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spread_sums_exactly_with_the_remainder_last() {
        assert_eq!(
            (0..4).map(|j| spread(10, 4, j)).collect::<Vec<_>>(),
            vec![2, 2, 3, 3]
        );
        for (total, n) in [(8980, 30), (30000, 12), (7, 12), (0, 5), (10000, 36)] {
            let parts: Vec<u32> = (0..n).map(|j| spread(total, n, j)).collect();
            assert_eq!(parts.iter().sum::<u32>(), total, "{total}/{n}");
            let (min, max) = (parts.iter().min(), parts.iter().max());
            assert!(
                max.zip(min).is_some_and(|(max, min)| max - min <= 1),
                "{parts:?}"
            );
            assert!(parts.windows(2).all(|w| w[0] <= w[1]), "{parts:?}");
        }
    }

    #[test]
    fn split_sums_exactly_by_largest_fraction() {
        assert_eq!(split(2500, &[60, 40]), vec![1500, 1000]);
        assert_eq!(split(291, &[60, 40]), vec![175, 116]);
        assert_eq!(split(1, &[50, 50]), vec![1, 0]);
        assert_eq!(split(2, &[33, 33, 34]), vec![1, 0, 1]);
        for total in 0..500 {
            let parts = split(total, &[33, 33, 34]);
            assert_eq!(parts.iter().sum::<u32>(), total);
        }
    }
}
