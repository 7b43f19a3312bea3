//! How the server meets the network: what it may trust of a request, and how long and how
//! many requests it serves at once. `main.rs` fills these from its flags; tests shorten the
//! timeouts.

use std::net::IpAddr;
use std::time::Duration;

/// The server's network options. [`Default`] is what production uses.
#[derive(Debug, Clone)]
pub struct ServerOptions {
    /// Reverse proxies whose forwarded headers (`Forwarded`, `X-Forwarded-For`) name the
    /// client. A request from any other peer is judged by its TCP address alone, so a client
    /// cannot choose the address the sign-in throttle counts it under.
    pub trusted_proxies: Vec<IpAddr>,
    /// The server is reached over https (a proxy terminates TLS): responses carry
    /// `Strict-Transport-Security`.
    pub https: bool,
    /// How long a connection may take to send a request's headers before it is closed.
    pub header_read_timeout: Duration,
    /// How long one request may take, reading its body included, before it is answered
    /// 503 `server_busy`.
    pub request_timeout: Duration,
    /// Requests handled at once; more are answered 503 `server_busy` at once.
    pub max_concurrent_requests: usize,
}

impl Default for ServerOptions {
    fn default() -> Self {
        Self {
            trusted_proxies: Vec::new(),
            https: false,
            // Long enough for a phone on a poor signal, short enough that a client sending
            // half a request line cannot hold connections for ever.
            header_read_timeout: Duration::from_secs(20),
            // A 10 MiB import file on a slow uplink is the longest legitimate request.
            request_timeout: Duration::from_secs(120),
            // Requests wait on one SQLite connection: beyond this many, queuing only adds
            // latency for everyone.
            max_concurrent_requests: 256,
        }
    }
}
