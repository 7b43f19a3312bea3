//! Which address a request comes from, for the sign-in throttle.
//!
//! The TCP peer's address, unless the peer is a reverse proxy the server was told to trust
//! (`--trusted-proxy`): then the address that proxy appended to `Forwarded` (RFC 7239) or,
//! without that header, `X-Forwarded-For`. Both headers are read from the right, skipping
//! trusted proxies: everything left of the last proxy was written by the client and can
//! say anything. A forwarded header from any other peer is ignored, since a client could
//! otherwise take a fresh address for every guess.

use std::net::{IpAddr, SocketAddr};

use axum::http::HeaderMap;

/// The client's address as the throttle counts it.
pub fn resolve(peer: Option<SocketAddr>, headers: &HeaderMap, trusted: &[IpAddr]) -> String {
    let Some(peer) = peer.map(|peer| peer.ip()) else {
        // Served without a socket (tests drive the router directly).
        return "unknown".to_owned();
    };
    if !trusted.contains(&peer) {
        return peer.to_string();
    }
    forwarded_client(headers, trusted).map_or_else(|| peer.to_string(), |ip| ip.to_string())
}

/// The rightmost address in the forwarded headers that is not a trusted proxy.
fn forwarded_client(headers: &HeaderMap, trusted: &[IpAddr]) -> Option<IpAddr> {
    let hops: Vec<Option<IpAddr>> = if headers.contains_key("forwarded") {
        header_items(headers, "forwarded")
            .map(|element| {
                element
                    .split(';')
                    .filter_map(|pair| pair.split_once('='))
                    .find(|(name, _)| name.trim().eq_ignore_ascii_case("for"))
                    .and_then(|(_, value)| parse_node(value))
            })
            .collect()
    } else {
        header_items(headers, "x-forwarded-for")
            .map(parse_node)
            .collect()
    };
    // A hop that does not parse (`unknown`, an obfuscated name) ends the walk: what lies
    // left of it cannot be vouched for.
    hops.into_iter()
        .rev()
        .map_while(|hop| hop)
        .find(|ip| !trusted.contains(ip))
}

/// Every comma-separated item of every instance of the header, in order.
fn header_items<'a>(headers: &'a HeaderMap, name: &str) -> impl Iterator<Item = &'a str> {
    headers
        .get_all(name)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
}

/// An address as proxies write it: `192.0.2.60`, `192.0.2.60:4711`, `"[2001:db8::17]:4711"`.
fn parse_node(text: &str) -> Option<IpAddr> {
    let text = text.trim().trim_matches('"');
    if let Ok(ip) = text.parse::<IpAddr>() {
        return Some(ip);
    }
    if let Ok(socket) = text.parse::<SocketAddr>() {
        return Some(socket.ip());
    }
    text.strip_prefix('[')
        .and_then(|rest| rest.split_once(']'))
        .and_then(|(ip, _)| ip.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_static(value));
        }
        map
    }

    const PROXY: &str = "10.0.0.2:51000";

    fn via_proxy(pairs: &[(&'static str, &'static str)]) -> String {
        let proxy: SocketAddr = PROXY.parse().unwrap();
        resolve(Some(proxy), &headers(pairs), &[proxy.ip()])
    }

    #[test]
    fn the_peer_is_the_client_unless_it_is_a_trusted_proxy() {
        let peer: SocketAddr = "198.51.100.7:40000".parse().unwrap();
        let spoofed = headers(&[("x-forwarded-for", "203.0.113.9")]);
        assert_eq!(resolve(Some(peer), &spoofed, &[]), "198.51.100.7");
        let proxy: IpAddr = "10.0.0.2".parse().unwrap();
        assert_eq!(resolve(Some(peer), &spoofed, &[proxy]), "198.51.100.7");
        assert_eq!(resolve(None, &spoofed, &[proxy]), "unknown");
    }

    #[test]
    fn a_trusted_proxy_is_believed_about_the_hop_it_added_only() {
        // The client wrote the first entry itself; the proxy appended the real address.
        assert_eq!(
            via_proxy(&[("x-forwarded-for", "203.0.113.9, 198.51.100.7")]),
            "198.51.100.7"
        );
        assert_eq!(
            via_proxy(&[
                ("x-forwarded-for", "203.0.113.9"),
                ("x-forwarded-for", "198.51.100.7")
            ]),
            "198.51.100.7"
        );
        assert_eq!(
            via_proxy(&[(
                "forwarded",
                "for=203.0.113.9, for=\"[2001:db8:cafe::17]:4711\";proto=https"
            )]),
            "2001:db8:cafe::17"
        );
        assert_eq!(
            via_proxy(&[("forwarded", "For=198.51.100.7:1234;by=10.0.0.2")]),
            "198.51.100.7"
        );
        // Nothing usable: the proxy's own address, as before.
        assert_eq!(via_proxy(&[]), "10.0.0.2");
        assert_eq!(
            via_proxy(&[("x-forwarded-for", "203.0.113.9, unknown")]),
            "10.0.0.2"
        );
    }
}
