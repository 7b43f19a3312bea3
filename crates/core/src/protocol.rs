//! The sync protocol's messages, shared by the app and the server so they are written once.
//!
//! **Push** (`device → server`): outbox ops in `device_seq` order, at most [`MAX_PUSH_OPS`].
//! Every op gets an [`OpResult`]: `applied`, `duplicate` (the server already had this very op
//! from this device, e.g. the reply to an earlier push was lost; the reply repeats the first
//! one's capped stamp), `rejected` with a reason (acknowledged all the same, so one bad op
//! never blocks the queue; a resent rejected op gets the same rejection again), or `deferred`
//! (stored, not merged yet: made by a newer app than the server, or an update or delete that
//! arrived before its record's create and waits for it). Every result is an acknowledgement:
//! the device may drop the op from its outbox. What the server does op by op is in
//! [`crate::engine`].
//!
//! **Pull** (`device → server`): "changes after my cursor", at most [`MAX_PULL_CHANGES`]. Each
//! [`Change`] carries the record's whole merged state, not the op: the device stores it as
//! it is, with no merging of its own, so a device can never merge differently from the
//! server, and a record changed ten times since the last pull arrives once. The cursor is
//! the last change's sequence number; it never comes from a push reply.

use serde::{Deserialize, Serialize};

use crate::error_api::ErrorCode;
use crate::hlc::Hlc;
use crate::ids::{DeviceId, OpId};
use crate::merge::RecordState;
use crate::op::Op;

/// The most ops one push may carry; a device sends a longer outbox in several pushes.
pub const MAX_PUSH_OPS: usize = 500;

/// The most changes one pull returns; a larger `limit` is lowered to this.
pub const MAX_PULL_CHANGES: u32 = 500;

/// The oldest schema version the server still accepts from a device.
pub const MIN_CLIENT_SCHEMA_VERSION: u32 = 1;

/// A push: ops from one device's outbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PushRequest {
    /// The pushing device (the server checks it against the device's token).
    pub device_id: DeviceId,
    /// [`crate::SCHEMA_VERSION`] of the app.
    pub schema_version: u32,
    /// Ops in `device_seq` order. A retry after a lost reply resends the same ops.
    pub ops: Vec<Op>,
}

/// The answer to a push: one result per op, in the order sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PushResponse {
    /// One result per op.
    pub results: Vec<OpResult>,
    /// The server's clock when it answered, so the app can tell its user that the device's
    /// clock is wrong.
    pub server_time_ms: u64,
}

/// The result for one pushed op.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpResult {
    /// The op.
    pub op_id: OpId,
    /// What happened to it.
    #[serde(flatten)]
    pub outcome: Outcome,
    /// Present when the clock guard capped the op's stamp: the stamp it was merged with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capped_hlc: Option<Hlc>,
}

/// What the server did with an op. In JSON: `{"outcome": "rejected", "reason": "…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// Stored and merged (possibly losing every field to newer writes).
    Applied,
    /// Already stored and applied (this device pushed this op, same id and content, before;
    /// or an append-only record already holds exactly this content): nothing done.
    Duplicate,
    /// Not merged, for the reason given (written for the person who made it). Stored, unless
    /// the op claims another device or reuses an op id already taken: then nothing of it is
    /// the pusher's to keep.
    Rejected {
        /// Why, in words.
        reason: String,
    },
    /// Stored but not merged yet: written by a newer app than the server, or an update or
    /// delete waiting for its record's create (applied when it arrives, or rejected once
    /// every earlier op of its device has arrived without it).
    Deferred {
        /// Why, in words.
        reason: String,
    },
}

/// A pull: changes after `cursor`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PullRequest {
    /// [`crate::SCHEMA_VERSION`] of the app.
    pub schema_version: u32,
    /// The `cursor` of the last pull this device stored, or 0 at first.
    pub cursor: u64,
    /// The most changes wanted; 0 or more than [`MAX_PULL_CHANGES`] means the maximum.
    pub limit: u32,
}

/// One changed record, in the order the server made the changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// The server's sequence number of this change (assigned inside the commit).
    pub seq: u64,
    /// The record's state after it, tombstone included.
    pub record: RecordState,
}

/// A page of changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PullResponse {
    /// Changes in `seq` order.
    pub changes: Vec<Change>,
    /// The cursor for the next pull: the last change's `seq`, or the request's cursor if none.
    pub cursor: u64,
    /// True if more changes wait after this page.
    pub has_more: bool,
    /// True if what the caller may see changed since its last pull (a caseload, group or
    /// role changed): this page starts again from cursor 0, and the device must replace its
    /// confirmed records with what this pull and the pages after it bring, dropping the rest.
    #[serde(default)]
    pub reset: bool,
}

/// Why a whole request is refused (before any op in it is looked at).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProtocolError {
    /// The app is too old.
    #[error(
        "This copy of the app is too old to sync (it has data version {client}; the server needs {min} or newer). Reload the app to update it; nothing waiting to sync is lost."
    )]
    ClientTooOld {
        /// The app's schema version.
        client: u32,
        /// The oldest the server accepts.
        min: u32,
    },
    /// Too many ops in one push.
    #[error("A sync batch may carry at most {max} changes; this one carried {sent}.")]
    BatchTooLarge {
        /// How many were sent.
        sent: usize,
        /// The limit.
        max: usize,
    },
}

impl ProtocolError {
    /// The stable code for the API's error body.
    pub const fn code(&self) -> ErrorCode {
        match self {
            ProtocolError::ClientTooOld { .. } => ErrorCode::ClientTooOld,
            ProtocolError::BatchTooLarge { .. } => ErrorCode::BatchTooLarge,
        }
    }
}

fn check_schema(client: u32) -> Result<(), ProtocolError> {
    if client < MIN_CLIENT_SCHEMA_VERSION {
        Err(ProtocolError::ClientTooOld {
            client,
            min: MIN_CLIENT_SCHEMA_VERSION,
        })
    } else {
        Ok(())
    }
}

impl PushRequest {
    /// Checks the request as a whole: the app's schema version and the batch size.
    ///
    /// # Errors
    /// [`ProtocolError`] for the whole request.
    pub fn check(&self) -> Result<(), ProtocolError> {
        check_schema(self.schema_version)?;
        if self.ops.len() > MAX_PUSH_OPS {
            return Err(ProtocolError::BatchTooLarge {
                sent: self.ops.len(),
                max: MAX_PUSH_OPS,
            });
        }
        Ok(())
    }
}

impl PushResponse {
    /// How many of the ops had their stamp capped by the clock guard; more than zero means
    /// the device's clock is ahead and the app should say so.
    pub fn capped_count(&self) -> usize {
        self.results
            .iter()
            .filter(|result| result.capped_hlc.is_some())
            .count()
    }
}

impl PullRequest {
    /// Checks the app's schema version.
    ///
    /// # Errors
    /// [`ProtocolError::ClientTooOld`].
    pub fn check(&self) -> Result<(), ProtocolError> {
        check_schema(self.schema_version)
    }

    /// The page size the server uses: `limit`, or [`MAX_PULL_CHANGES`] if it is 0 or larger.
    pub fn page_size(&self) -> u32 {
        if self.limit == 0 {
            MAX_PULL_CHANGES
        } else {
            self.limit.min(MAX_PULL_CHANGES)
        }
    }
}

impl PullResponse {
    /// Builds a page from up to `page_size + 1` changes after `cursor`, read in `seq` order:
    /// the extra one, if present, only tells that there is more.
    pub fn from_rows(mut rows: Vec<Change>, cursor: u64, page_size: u32) -> Self {
        let page = usize::try_from(page_size).unwrap_or(usize::MAX);
        let has_more = rows.len() > page;
        rows.truncate(page);
        let cursor = rows.last().map_or(cursor, |change| change.seq);
        Self {
            changes: rows,
            cursor,
            has_more,
            reset: false,
        }
    }
}

#[cfg(test)]
#[path = "protocol_tests.rs"]
mod tests;
