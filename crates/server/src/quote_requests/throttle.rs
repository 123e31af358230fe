//! The public quote requests' rate limits: a quota per client address (one visitor, or one
//! abuser, cannot flood a dealer) and per partner (a partner's requests stay at what a dealer can
//! answer), each over a fixed window that begins at the key's first request. An attempt is
//! counted when it begins, before its fields are checked, so a burst of bad requests is limited
//! too; one refused by either quota counts for neither. Only known partners are counted.
//!
//! The counts are in the database ([`crate::store::rate_limits`]): every server instance on it
//! shares the quotas, and the table keeps at most about [`MAX_KEYS`](rate_limits::MAX_KEYS) keys
//! per limit, expired ones deleted first. A database that cannot count refuses the request
//! ([`Refusal::Database`]); none is let through uncounted.

use std::{net::IpAddr, time::Duration};

use sqlx::AnyPool;

use crate::{
    partners::PartnerId,
    store::rate_limits::{self, Limit, Refusal, Rule, Sweeper},
};

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

/// The quote requests' quotas per address and per partner, counted in the database.
#[derive(Debug)]
pub struct QuoteRequestThrottle {
    per_address: Limit,
    per_partner: Limit,
    sweeper: Sweeper,
}

impl Default for QuoteRequestThrottle {
    fn default() -> Self {
        Self::new(Quotas::default())
    }
}

impl QuoteRequestThrottle {
    pub fn new(quotas: Quotas) -> Self {
        let per_window = |quota| Rule::PerWindow {
            quota,
            window: quotas.window,
        };
        Self {
            per_address: Limit::new("quote-address", per_window(quotas.per_address)),
            per_partner: Limit::new("quote-partner", per_window(quotas.per_partner)),
            sweeper: Sweeper::default(),
        }
    }

    /// Counts a request from `address` for `partner` (if known) at `now_ms` (milliseconds since
    /// the Unix epoch), or `Err(Refusal::Wait(wait))` when it must wait first (and is not
    /// counted).
    pub async fn begin(
        &self,
        pool: &AnyPool,
        address: IpAddr,
        partner: Option<&PartnerId>,
        now_ms: i64,
    ) -> Result<(), Refusal> {
        let address = address.to_string();
        // Always the address's key first, then the partner's: the order every request locks in.
        let mut keys = vec![(&self.per_address, address.as_str())];
        if let Some(partner) = partner {
            keys.push((&self.per_partner, partner.as_str()));
        }
        let counted = rate_limits::attempt(pool, &keys, now_ms).await;
        let limits = [&self.per_address, &self.per_partner];
        self.sweeper.after_attempt(pool, &limits, now_ms).await;
        counted
    }
}
