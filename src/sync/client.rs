//! One sync: push the outbox, then pull until the server has nothing more.
//!
//! Generic over the store and the transport, so tests run it against memory and a fake
//! server. The in-flight batch is kept until its reply arrives, so a retry after a lost
//! reply sends exactly the same ops with the same ids (the server reports them `duplicate`).

use std::cell::RefCell;
use std::collections::BTreeSet;

use mentor_core::protocol::{MAX_PUSH_OPS, PullRequest, PullResponse, PushRequest, PushResponse};
use mentor_core::{ErrorCode, OpId, SCHEMA_VERSION};

use crate::api::{self, ApiError};
use crate::deadline::Cancel;
use crate::storage::{LocalStore, PullPage, StorageError};

/// The most pages one sync pulls before yielding (the next sync carries on from the cursor).
const MAX_PAGES_PER_SYNC: usize = 200;
/// The most batches one sync pushes before yielding.
const MAX_BATCHES_PER_SYNC: usize = 20;

/// How the client reaches the server.
#[allow(async_fn_in_trait)] // Browser futures are !Send; nothing needs Send here.
pub trait SyncTransport {
    /// `POST /api/v1/sync/push`.
    async fn push(&self, token: &str, request: &PushRequest) -> api::Result<PushResponse>;
    /// `POST /api/v1/sync/pull`.
    async fn pull(&self, token: &str, request: &PullRequest) -> api::Result<PullResponse>;
}

/// The server over HTTP; every request is abandoned when `cancel` is.
#[derive(Debug, Clone, Default)]
pub struct HttpTransport {
    pub cancel: Cancel,
}

impl SyncTransport for HttpTransport {
    async fn push(&self, token: &str, request: &PushRequest) -> api::Result<PushResponse> {
        api::sync_push(token, request, &self.cancel).await
    }

    async fn pull(&self, token: &str, request: &PullRequest) -> api::Result<PullResponse> {
        api::sync_pull(token, request, &self.cancel).await
    }
}

/// Why a sync stopped. Each says what the app does next.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SyncError {
    /// Nobody is signed in on this device.
    #[error("Sign in to sync.")]
    NotSignedIn,
    /// The token was refused (401): sign in again; the outbox is kept.
    #[error("Sign in again to sync. Everything saved on this device is kept.")]
    NeedsSignIn,
    /// The server revoked this device (403 `wipe`); local data has been erased.
    #[error("This device was signed out by your school and its data removed.")]
    Wiped,
    /// The app is too old (426).
    #[error("Reload to update: {0}")]
    UpdateNeeded(String),
    /// No answer: no network, the server is down, or the request ran out of time.
    #[error("{0}")]
    Unreachable(String),
    /// The server is busy (429) or failing (5xx), or its answer made no sense: try again later.
    #[error("{0}")]
    Retry(String),
    /// The device's storage failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl SyncError {
    /// True if trying again later may succeed without the user doing anything.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            SyncError::Unreachable(_) | SyncError::Retry(_) | SyncError::Storage(_)
        )
    }
}

/// What a sync did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SyncReport {
    /// Ops the server acknowledged.
    pub pushed: usize,
    /// Of those, ops it rejected.
    pub rejected: usize,
    /// Of those, ops whose stamp the server capped (the device's clock is ahead).
    pub capped: usize,
    /// Records pulled.
    pub pulled: usize,
    /// The server started the device again from nothing (its scope changed).
    pub reset: bool,
}

#[derive(Debug, Clone)]
struct InFlight {
    staff: String,
    request: PushRequest,
}

/// The sync procedure and the one piece of state it keeps between attempts.
#[derive(Debug, Default)]
pub struct SyncClient {
    in_flight: RefCell<Option<InFlight>>,
}

impl SyncClient {
    /// A client with nothing in flight.
    pub fn new() -> Self {
        Self::default()
    }

    /// Pushes every pending op of the signed-in staff member, then pulls until done.
    ///
    /// # Errors
    /// [`SyncError`]; on `403 wipe` the store has been wiped before this returns.
    pub async fn sync(
        &self,
        store: &impl LocalStore,
        transport: &impl SyncTransport,
    ) -> Result<SyncReport, SyncError> {
        let session = store.session().await?.ok_or(SyncError::NotSignedIn)?;
        let token = session.token.as_str();
        let staff = session.staff.id.as_str();
        let mut report = SyncReport::default();

        for _ in 0..MAX_BATCHES_PER_SYNC {
            let Some((request, resent)) = self.next_batch(store, staff).await? else {
                break;
            };
            let response = match transport.push(token, &request).await {
                Ok(response) => response,
                Err(error) => return Err(failure(store, error).await),
            };
            let sent: BTreeSet<OpId> = request.ops.iter().map(|op| op.op_id).collect();
            let answered: BTreeSet<OpId> =
                response.results.iter().map(|result| result.op_id).collect();
            if sent != answered {
                return Err(SyncError::Retry(
                    "The server's answer did not match what was sent; sync will try again."
                        .to_owned(),
                ));
            }
            store.acknowledge(&response.results).await?;
            self.in_flight.replace(None);
            report.pushed += response.results.len();
            report.capped += response.capped_count();
            report.rejected += response
                .results
                .iter()
                .filter(|result| matches!(result.outcome, mentor_core::Outcome::Rejected { .. }))
                .count();
            // A short fresh batch emptied the outbox; after a resend there may be more.
            if !resent && request.ops.len() < MAX_PUSH_OPS {
                break;
            }
        }

        let mut cursor = store.cursor().await?;
        for _ in 0..MAX_PAGES_PER_SYNC {
            let request = PullRequest {
                schema_version: SCHEMA_VERSION,
                cursor,
                limit: 0,
            };
            let reply = match transport.pull(token, &request).await {
                Ok(reply) => reply,
                Err(error) => return Err(failure(store, error).await),
            };
            let has_more = reply.has_more;
            cursor = reply.cursor;
            report.pulled += reply.changes.len();
            report.reset |= reply.reset;
            store
                .apply_pull(PullPage {
                    changes: reply.changes,
                    cursor,
                    complete: !has_more,
                    reset: reply.reset,
                })
                .await?;
            if !has_more {
                break;
            }
        }
        Ok(report)
    }

    /// The unanswered batch again, unchanged, or the next ops from the outbox (in
    /// `device_seq` order, all of one device id, at most [`MAX_PUSH_OPS`]); true if resent.
    async fn next_batch(
        &self,
        store: &impl LocalStore,
        staff: &str,
    ) -> Result<Option<(PushRequest, bool)>, SyncError> {
        if let Some(in_flight) = self.in_flight.borrow().as_ref()
            && in_flight.staff == staff
        {
            return Ok(Some((in_flight.request.clone(), true)));
        }
        let ops = store.pending_ops(Some(staff), MAX_PUSH_OPS).await?;
        let Some(first) = ops.first() else {
            self.in_flight.replace(None);
            return Ok(None);
        };
        let device_id = first.device_id;
        let ops: Vec<_> = ops
            .into_iter()
            .take_while(|op| op.device_id == device_id)
            .collect();
        let request = PushRequest {
            device_id,
            schema_version: SCHEMA_VERSION,
            ops,
        };
        self.in_flight.replace(Some(InFlight {
            staff: staff.to_owned(),
            request: request.clone(),
        }));
        Ok(Some((request, false)))
    }
}

/// What an API error means for sync; a `wipe` erases the store here, once.
async fn failure(store: &impl LocalStore, error: ApiError) -> SyncError {
    match error.status() {
        Some(401) => SyncError::NeedsSignIn,
        Some(403) if error.code() == Some(ErrorCode::Wipe) => match store.wipe().await {
            Ok(()) => SyncError::Wiped,
            Err(storage) => SyncError::Storage(storage),
        },
        Some(426) => SyncError::UpdateNeeded(error.to_string()),
        Some(429) => {
            SyncError::Retry("The server is busy; sync will try again in a moment.".to_owned())
        }
        None if error == ApiError::Unreachable => SyncError::Unreachable(error.to_string()),
        _ => SyncError::Retry(error.to_string()),
    }
}
