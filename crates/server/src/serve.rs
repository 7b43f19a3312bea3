//! Accepting connections: the one place that decides how long a client may take to send its
//! headers.
//!
//! `axum::serve` gives no way to set hyper's header read timeout (it sets no timer, so hyper's
//! own default never fires): a client sending half a request line held its connection for
//! ever. This is the same loop on hyper's HTTP/1 builder with a timer and
//! [`ServerOptions::header_read_timeout`](crate::ServerOptions), each connection's requests
//! carrying the peer's address as axum's `ConnectInfo`, and a graceful shutdown that lets
//! requests in flight finish.

use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::Request;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tower::ServiceExt;

use crate::{AppState, app};

/// How long requests in flight may take to finish once shutdown starts.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// Serves [`app`] on `listener` until `shutdown` completes, then waits up to
/// [`SHUTDOWN_GRACE`] for connections to finish their requests.
pub async fn serve(listener: TcpListener, state: AppState, shutdown: impl Future<Output = ()>) {
    let header_read_timeout = state.options.header_read_timeout;
    let router = app(state);
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    // Out of file descriptors, or a connection reset before it was accepted:
                    // pause briefly rather than spin, and keep serving.
                    tracing::warn!(error = %err, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let service = router
            .clone()
            .map_request(move |mut request: Request<Incoming>| {
                request
                    .extensions_mut()
                    .insert(ConnectInfo::<SocketAddr>(peer));
                request.map(Body::new)
            });
        let connection = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(header_read_timeout)
            .serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // A client that times out or hangs up is its own business: nothing to tell anyone.
            if let Err(err) = connection.await {
                tracing::debug!(error = %err, %peer, "connection ended");
            }
        });
    }
    drop(listener);
    if tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("some requests were still running at shutdown");
    }
}
