//! Records the server itself writes (staff added on the command line, the demo school) go
//! through the same ops and merge as a device's, stamped by the server's own device id, so
//! they sync like anything else.

use std::collections::BTreeMap;

use mentor_core::op::StampError;
use mentor_core::{
    DeviceId, Edit, EntityId, EntityKind, HlcClock, Op, PushRequest, SCHEMA_VERSION,
};
use serde_json::Value;
use uuid::Uuid;

/// The device id the server stamps its own writes with. No device row has it, so no token
/// can ever push as it.
pub const SERVER_DEVICE: DeviceId =
    DeviceId::from_uuid(Uuid::from_u128(0x0000_0000_0000_7000_8000_5e4e_e400_0001));

/// Makes ops as the server's device.
#[derive(Debug)]
pub struct ServerWriter {
    clock: HlcClock,
    next_seq: u64,
    now_ms: u64,
    ops: Vec<Op>,
}

/// Why the server could not write a record.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error(transparent)]
    Stamp(#[from] StampError),
    #[error("no secure random numbers are available: {0}")]
    Random(String),
}

/// Ten bytes from the operating system's secure random source.
pub fn random_bytes() -> Result<[u8; 10], WriteError> {
    let mut bytes = [0; 10];
    getrandom::fill(&mut bytes).map_err(|err| WriteError::Random(err.to_string()))?;
    Ok(bytes)
}

impl ServerWriter {
    pub fn new(now_ms: u64) -> Self {
        Self {
            clock: HlcClock::new(SERVER_DEVICE),
            next_seq: 1,
            now_ms,
            ops: Vec::new(),
        }
    }

    /// Adds a create of `id` with `fields` (given as JSON object members).
    pub fn create(
        &mut self,
        entity: EntityKind,
        id: EntityId,
        fields: impl IntoIterator<Item = (&'static str, Value)>,
    ) -> Result<(), WriteError> {
        let fields: BTreeMap<String, Value> = fields
            .into_iter()
            .map(|(name, value)| (name.to_owned(), value))
            .collect();
        let op = Edit::create(entity, id, fields).stamp(
            &mut self.clock,
            self.next_seq,
            self.now_ms,
            random_bytes()?,
        )?;
        self.next_seq += 1;
        self.ops.push(op);
        Ok(())
    }

    /// The ops made so far, as pushes of at most `max_ops` each.
    pub fn into_pushes(self, max_ops: usize) -> Vec<PushRequest> {
        self.ops
            .chunks(max_ops.max(1))
            .map(|ops| PushRequest {
                device_id: SERVER_DEVICE,
                schema_version: SCHEMA_VERSION,
                ops: ops.to_vec(),
            })
            .collect()
    }
}
