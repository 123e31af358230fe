//! The public quote requests' rate limits, on the sign-in throttle's bounded counters
//! ([`Counter::per_window`]): a quota per client address (one visitor, or one abuser, cannot flood
//! a dealer) and per partner (a partner's requests stay at what a dealer can answer), each over a
//! fixed window. An attempt is counted when it begins, before its fields are checked, so a burst
//! of bad requests is limited too. Only known partners are counted: memory stays bounded.

use std::{
    net::IpAddr,
    sync::{Mutex, MutexGuard, PoisonError},
    time::{Duration, Instant},
};

use crate::{auth::throttle::Counter, partners::PartnerId};

/// How many requests each key may make per window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quotas {
    pub per_address: u32,
    pub per_partner: u32,
    pub window: Duration,
}

impl Default for Quotas {
    /// 10 requests per address and 200 per partner every 10 minutes: far above what visitors
    /// send, far below what would drown a dealer.
    fn default() -> Self {
        Self {
            per_address: 10,
            per_partner: 200,
            window: Duration::from_secs(600),
        }
    }
}

/// The quote requests under way per address and per partner (in memory: per instance).
#[derive(Debug)]
pub struct QuoteRequestThrottle {
    counters: Mutex<Counters>,
}

#[derive(Debug)]
struct Counters {
    per_address: Counter<IpAddr>,
    per_partner: Counter<PartnerId>,
}

impl Default for QuoteRequestThrottle {
    fn default() -> Self {
        Self::new(Quotas::default())
    }
}

impl QuoteRequestThrottle {
    pub fn new(quotas: Quotas) -> Self {
        Self {
            counters: Mutex::new(Counters {
                per_address: Counter::per_window(quotas.per_address, quotas.window),
                per_partner: Counter::per_window(quotas.per_partner, quotas.window),
            }),
        }
    }

    /// Counts a request from `address` for `partner` (if known), or `Err(wait)` when it must wait
    /// first (and is not counted).
    pub fn begin(
        &self,
        address: IpAddr,
        partner: Option<&PartnerId>,
        now: Instant,
    ) -> Result<(), Duration> {
        let mut counters = self.lock();
        let partner_wait = partner.map_or(Duration::ZERO, |p| counters.per_partner.wait(p, now));
        let wait = counters.per_address.wait(&address, now).max(partner_wait);
        if !wait.is_zero() {
            return Err(wait);
        }
        counters.per_address.count(address, now);
        if let Some(partner) = partner {
            counters.per_partner.count(partner.clone(), now);
        }
        Ok(())
    }

    fn lock(&self) -> MutexGuard<'_, Counters> {
        // A panic while holding the lock leaves plain counters: still usable.
        self.counters.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use std::net::Ipv4Addr;

    use super::*;

    const VISITOR: IpAddr = IpAddr::V4(Ipv4Addr::new(203, 0, 113, 7));
    const OTHER: IpAddr = IpAddr::V4(Ipv4Addr::new(198, 51, 100, 20));

    fn partner(id: &str) -> PartnerId {
        PartnerId::try_from(id.to_owned()).expect("an id")
    }

    #[test]
    fn each_address_and_each_partner_has_its_quota() {
        let throttle = QuoteRequestThrottle::new(Quotas {
            per_address: 2,
            per_partner: 3,
            window: Duration::from_secs(60),
        });
        let now = Instant::now();
        let (a, b) = (partner("a"), partner("b"));
        assert_eq!(throttle.begin(VISITOR, Some(&a), now), Ok(()));
        assert_eq!(throttle.begin(VISITOR, Some(&a), now), Ok(()));
        assert_eq!(
            throttle.begin(VISITOR, Some(&b), now),
            Err(Duration::from_secs(60)),
            "the address's quota is spent, whichever the partner"
        );
        assert_eq!(throttle.begin(OTHER, Some(&a), now), Ok(()));
        let later = now + Duration::from_secs(20);
        assert_eq!(
            throttle.begin(OTHER, Some(&a), later),
            Err(Duration::from_secs(40)),
            "the partner's quota is spent, whichever the address"
        );
        assert_eq!(throttle.begin(OTHER, Some(&b), later), Ok(()));
        assert_eq!(
            throttle.begin(VISITOR, None, now + Duration::from_secs(60)),
            Ok(())
        );
    }
}
