//! How the server meets the network: what it may trust of a request. `main.rs` fills these
//! from its flags.

use std::net::IpAddr;

/// The server's network options. [`Default`] is what production uses.
#[derive(Debug, Clone, Default)]
pub struct ServerOptions {
    /// Reverse proxies whose forwarded headers (`Forwarded`, `X-Forwarded-For`) name the
    /// client. A request from any other peer is judged by its TCP address alone, so a client
    /// cannot choose the address the sign-in throttle counts it under.
    pub trusted_proxies: Vec<IpAddr>,
}
