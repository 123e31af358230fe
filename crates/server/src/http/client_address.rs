//! The client's address, which the sign-in and quote-request throttles count by: the socket's
//! peer, or, when that peer is a proxy this server was told to trust (`--trusted-proxy`, a TLS
//! proxy in front), the address the proxies appended to `X-Forwarded-For`. That header is read
//! from the right: each trusted proxy appends the address that connected to it, so the first
//! entry from the right that is not a trusted proxy is the client; entries to its left were sent
//! by the client itself and prove nothing. A request from an untrusted peer is never taken at its
//! word. Without a socket address (a router driven directly, as tests do) every caller is one
//! unspecified address.

use std::{
    convert::Infallible,
    net::{IpAddr, Ipv6Addr, SocketAddr},
    sync::Arc,
};

use axum::{
    extract::{ConnectInfo, FromRequestParts},
    http::{HeaderMap, request::Parts},
};

use super::AppState;

/// The address of callers whose socket address is unknown.
const UNKNOWN_ADDRESS: IpAddr = IpAddr::V6(Ipv6Addr::UNSPECIFIED);

/// The proxies whose `X-Forwarded-For` is believed.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(Arc<[IpAddr]>);

impl TrustedProxies {
    pub fn new(proxies: Vec<IpAddr>) -> Self {
        Self(proxies.into())
    }

    fn trusts(&self, address: IpAddr) -> bool {
        self.0.contains(&address)
    }
}

/// The address a request came from, as the throttles count it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddress(pub IpAddr);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Infallible> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(UNKNOWN_ADDRESS, |ConnectInfo(peer)| peer.ip());
        Ok(Self(client_of(
            peer,
            &parts.headers,
            &state.trusted_proxies,
        )))
    }
}

/// The client behind `peer`.
fn client_of(peer: IpAddr, headers: &HeaderMap, trusted: &TrustedProxies) -> IpAddr {
    if !trusted.trusts(peer) {
        return peer;
    }
    let mut hops = headers
        .get_all("x-forwarded-for")
        .iter()
        .flat_map(|value| value.to_str().unwrap_or_default().split(','))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .map(|hop| hop.trim().parse::<IpAddr>());
    let mut client = peer;
    while trusted.trusts(client) {
        match hops.next() {
            Some(Ok(hop)) => client = hop,
            // A garbled entry where an address must be: the last proxy we trust is all we know.
            Some(Err(_)) | None => return client,
        }
    }
    client
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("an address")
    }

    fn forwarded(values: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append(
                "x-forwarded-for",
                HeaderValue::from_str(value).expect("ascii"),
            );
        }
        headers
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_claims() {
        let trusted = TrustedProxies::new(vec![ip("10.0.0.1")]);
        let claims = forwarded(&["203.0.113.9"]);
        assert_eq!(
            client_of(ip("198.51.100.7"), &claims, &trusted),
            ip("198.51.100.7")
        );
        let nobody = TrustedProxies::default();
        assert_eq!(client_of(ip("10.0.0.1"), &claims, &nobody), ip("10.0.0.1"));
    }

    #[test]
    fn behind_a_trusted_proxy_the_entry_it_appended_is_the_client() {
        let trusted = TrustedProxies::new(vec![ip("10.0.0.1"), ip("10.0.0.2")]);
        // The client forged the first entry; the proxies appended the rest.
        let chain = forwarded(&["1.2.3.4, 203.0.113.9", "10.0.0.2"]);
        assert_eq!(
            client_of(ip("10.0.0.1"), &chain, &trusted),
            ip("203.0.113.9")
        );
        let ipv6 = forwarded(&["2001:db8::5"]);
        assert_eq!(
            client_of(ip("10.0.0.1"), &ipv6, &trusted),
            ip("2001:db8::5")
        );
    }

    #[test]
    fn a_missing_or_garbled_header_leaves_the_proxy_as_the_client() {
        let trusted = TrustedProxies::new(vec![ip("10.0.0.1")]);
        assert_eq!(
            client_of(ip("10.0.0.1"), &HeaderMap::new(), &trusted),
            ip("10.0.0.1")
        );
        let garbled = forwarded(&["203.0.113.9, not-an-address"]);
        assert_eq!(
            client_of(ip("10.0.0.1"), &garbled, &trusted),
            ip("10.0.0.1")
        );
    }
}
