//! One push, op by op: the steps listed in [`crate::engine`].

use std::borrow::Cow;

use crate::guard::ClockGuard;
use crate::hlc::Hlc;
use crate::ids::{DeviceId, EntityId};
use crate::merge;
use crate::merge::RecordState;
use crate::op::{Op, OpKind};
use crate::protocol::{Change, MIN_CLIENT_SCHEMA_VERSION, OpResult, Outcome, PushRequest};
use crate::validation::ValidationError;

use super::{
    Deferral, IntakeRefusal, MAX_OP_FIELD_BYTES, MAX_WAITING_PER_DEVICE, StoredOp, SyncStore,
    WritePolicy,
};

/// Takes in every op of `request`, then settles what the push decided for ops already
/// waiting, and returns each op's outcome as of the end of the push.
pub(super) fn take_in_push<S: SyncStore, P: WritePolicy<S>>(
    store: &mut S,
    policy: &mut P,
    request: &PushRequest,
    server_now_ms: u64,
    max_ahead_ms: u64,
) -> Result<Vec<OpResult>, S::Error> {
    let guard = store.clock_guard()?;
    let guard_before = guard.clone();
    let mut intake = Intake {
        store,
        policy,
        guard,
        device: request.device_id,
        server_now_ms,
        max_ahead_ms,
    };
    let mut results = Vec::with_capacity(request.ops.len());
    let mut waited = Vec::new();
    for op in &request.ops {
        let (result, waiting) = intake.take_in(op)?;
        if waiting {
            waited.push(results.len());
        }
        results.push(result);
    }
    intake.settle_orphans()?;
    // An op that waited may have been applied or rejected later in this push; the reply
    // says what is true when it commits, as a resend would.
    for index in waited {
        let Some(result) = results.get_mut(index) else {
            continue;
        };
        if let Some(receipt) = intake.store.op_receipt(result.op_id)? {
            result.outcome = receipt.outcome;
            result.capped_hlc = receipt.capped_hlc;
        }
    }
    if intake.guard != guard_before {
        let guard = intake.guard.clone();
        intake.store.set_clock_guard(&guard)?;
    }
    Ok(results)
}

struct Intake<'s, S, P> {
    store: &'s mut S,
    policy: &'s mut P,
    guard: ClockGuard,
    device: DeviceId,
    server_now_ms: u64,
    max_ahead_ms: u64,
}

/// What became of one op when it was taken in.
struct Decision {
    outcome: Outcome,
    capped_hlc: Option<Hlc>,
    /// It waits for its record.
    waiting: bool,
    /// It created its record, so ops waiting for that record can now be applied.
    created: bool,
}

impl Decision {
    fn rejected(reason: String) -> Self {
        Self::settled(Outcome::Rejected { reason }, None)
    }

    fn settled(outcome: Outcome, capped_hlc: Option<Hlc>) -> Self {
        Self {
            outcome,
            capped_hlc,
            waiting: false,
            created: false,
        }
    }
}

impl<S: SyncStore, P: WritePolicy<S>> Intake<'_, S, P> {
    /// The op's result, and whether it was left waiting for its record.
    fn take_in(&mut self, op: &Op) -> Result<(OpResult, bool), S::Error> {
        let result = |outcome, capped_hlc| OpResult {
            op_id: op.op_id,
            outcome,
            capped_hlc,
        };
        let rejected = |reason: String| result(Outcome::Rejected { reason }, None);
        if op.device_id != self.device {
            return Ok((rejected(ValidationError::ForeignDevice.to_string()), false));
        }
        let digest = op.digest();
        if let Some(first) = self.store.op_receipt(op.op_id)? {
            if first.digest != digest {
                return Ok((rejected(IntakeRefusal::OpIdReused.to_string()), false));
            }
            let again = match first.outcome {
                Outcome::Applied | Outcome::Duplicate => Outcome::Duplicate,
                Outcome::Rejected { .. } | Outcome::Deferred { .. } => first.outcome,
            };
            return Ok((result(again, first.capped_hlc), false));
        }
        let decision = self.decide(op)?;
        // A refusal is explained by the op's id, device, kind, record and reason; its field
        // values are not kept.
        let kept = match decision.outcome {
            Outcome::Rejected { .. } => without_fields(op),
            _ => op.clone(),
        };
        self.store.insert_op(&StoredOp {
            op: kept,
            digest,
            outcome: decision.outcome.clone(),
            capped_hlc: decision.capped_hlc,
            received_ms: self.server_now_ms,
            waiting: decision.waiting,
        })?;
        if decision.created {
            self.release_waiting(op.entity_id)?;
        }
        Ok((
            result(decision.outcome, decision.capped_hlc),
            decision.waiting,
        ))
    }

    fn decide(&mut self, op: &Op) -> Result<Decision, S::Error> {
        let size = field_bytes(op);
        if size > MAX_OP_FIELD_BYTES {
            return Ok(Decision::rejected(
                IntakeRefusal::TooLarge {
                    size_kib: size.div_ceil(1024),
                    max_kib: MAX_OP_FIELD_BYTES / 1024,
                }
                .to_string(),
            ));
        }
        if op.schema_version > crate::SCHEMA_VERSION {
            if let Some(full) = self.too_many_deferred()? {
                return Ok(full);
            }
            let reason = Deferral::NewerSchema {
                version: op.schema_version,
            };
            return Ok(Decision::settled(
                Outcome::Deferred {
                    reason: reason.to_string(),
                },
                None,
            ));
        }
        if op.schema_version < MIN_CLIENT_SCHEMA_VERSION {
            return Ok(Decision::rejected(format!(
                "made by an old version of the app (data version {}) that the server no longer accepts",
                op.schema_version
            )));
        }
        if let Err(invalid) = op.validate() {
            return Ok(Decision::rejected(invalid.to_string()));
        }
        if let Some(reason) = self.policy.refuse_op(self.store, op)? {
            return Ok(Decision::rejected(reason));
        }
        let stored = self.store.record(op.entity_id)?;
        let hidden = match &stored {
            Some(record) => self.policy.hides(self.store, record)?,
            None => false,
        };
        if hidden && op.kind == OpKind::Create {
            return Ok(Decision::rejected(
                IntakeRefusal::IdTaken { kind: op.entity }.to_string(),
            ));
        }
        if (stored.is_none() || hidden) && op.kind != OpKind::Create {
            return self.wait_or_refuse(op);
        }
        let created = stored.is_none();
        let (outcome, capped_hlc) = self.merge(op, stored, false)?;
        Ok(Decision {
            created: created && outcome == Outcome::Applied,
            outcome,
            capped_hlc,
            waiting: false,
        })
    }

    /// An update or delete of a record the server does not have waits while its create may
    /// still come from this device (a lower `device_seq` is missing), within the bound.
    fn wait_or_refuse(&mut self, op: &Op) -> Result<Decision, S::Error> {
        if self.store.first_missing_seq(self.device)? >= op.device_seq {
            return Ok(Decision::rejected(
                IntakeRefusal::NotOnServer { kind: op.entity }.to_string(),
            ));
        }
        if let Some(full) = self.too_many_deferred()? {
            return Ok(full);
        }
        let reason = Deferral::WaitingForRecord { kind: op.entity }.to_string();
        Ok(Decision {
            outcome: Outcome::Deferred { reason },
            capped_hlc: None,
            waiting: true,
            created: false,
        })
    }

    /// The refusal of one more deferred op, if the device already has the most it may.
    fn too_many_deferred(&mut self) -> Result<Option<Decision>, S::Error> {
        if self.store.deferred_count(self.device)? < MAX_WAITING_PER_DEVICE {
            return Ok(None);
        }
        let refusal = IntakeRefusal::TooManyWaiting {
            max: MAX_WAITING_PER_DEVICE,
        };
        Ok(Some(Decision::rejected(refusal.to_string())))
    }

    /// Asks the policy, passes the stamp through the clock guard and merges the op into
    /// `stored`, storing the result. Returns the op's outcome and its capped stamp, if any.
    fn merge(
        &mut self,
        op: &Op,
        stored: Option<RecordState>,
        waited: bool,
    ) -> Result<(Outcome, Option<Hlc>), S::Error> {
        let rejected = |reason: String| Ok((Outcome::Rejected { reason }, None));
        if let Some(reason) = self
            .policy
            .refuse_merge(self.store, op, stored.as_ref(), waited)?
        {
            return rejected(reason);
        }
        let admitted = match self
            .guard
            .admit(&op.hlc, self.server_now_ms, self.max_ahead_ms)
        {
            Ok(admitted) => admitted,
            Err(clock) => return rejected(clock.to_string()),
        };
        let merged: Cow<'_, Op> = if admitted.capped {
            Cow::Owned(op.with_hlc(admitted.hlc))
        } else {
            Cow::Borrowed(op)
        };
        let capped_hlc = admitted.capped.then_some(admitted.hlc);
        let applied = match merge::apply(stored, &merged) {
            Ok(applied) => applied,
            Err(conflict) => return rejected(conflict.to_string()),
        };
        if applied.changed {
            let spec = op.entity.spec();
            if let Some(reason) =
                spec.condition_refusal(&op.fields, &applied.state.current_values())
            {
                return rejected(reason);
            }
        }
        if !applied.overwritten.is_empty() {
            self.store.add_history(&applied.overwritten)?;
        }
        if applied.changed {
            let seq = self.store.next_seq()?;
            self.store.put_record(&Change {
                seq,
                record: applied.state,
            })?;
        }
        let outcome = if applied.duplicate {
            Outcome::Duplicate
        } else {
            Outcome::Applied
        };
        Ok((outcome, capped_hlc))
    }

    /// Record `id` was just created: the ops waiting for it are applied now, in their
    /// devices' order, so a device's edits keep the order it made them in.
    fn release_waiting(&mut self, id: EntityId) -> Result<(), S::Error> {
        for op in self.store.waiting_for(id)? {
            let stored = self.store.record(id)?;
            let (outcome, capped_hlc) = self.merge(&op, stored, true)?;
            self.store.settle_op(op.op_id, &outcome, capped_hlc)?;
        }
        Ok(())
    }

    /// Rejects the pushing device's waiting ops that no longer have a missing `device_seq`
    /// below them: every op that could have been their create has arrived, and was not.
    fn settle_orphans(&mut self) -> Result<(), S::Error> {
        if self.store.waiting_count(self.device)? == 0 {
            return Ok(());
        }
        let first_missing = self.store.first_missing_seq(self.device)?;
        for op in self.store.waiting_from(self.device)? {
            if op.device_seq >= first_missing {
                break;
            }
            // Ops wait only for records that do not exist; should one exist after all, it
            // is merged rather than refused.
            let (outcome, capped_hlc) = match self.store.record(op.entity_id)? {
                Some(stored) => self.merge(&op, Some(stored), true)?,
                None => {
                    let reason = IntakeRefusal::NotOnServer { kind: op.entity }.to_string();
                    (Outcome::Rejected { reason }, None)
                }
            };
            self.store.settle_op(op.op_id, &outcome, capped_hlc)?;
        }
        Ok(())
    }
}

/// The size of an op's field values as the JSON text they arrived in (near enough: the
/// server re-encodes them), counted without copying them.
fn field_bytes(op: &Op) -> usize {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0 = self.0.saturating_add(bytes.len());
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    // Writing JSON values into a counter cannot fail; if it ever did, the op counts as huge.
    match serde_json::to_writer(&mut count, &op.fields) {
        Ok(()) => count.0,
        Err(_) => usize::MAX,
    }
}

/// `op` with no field values, as a refused op is kept.
fn without_fields(op: &Op) -> Op {
    Op {
        op_id: op.op_id,
        device_id: op.device_id,
        device_seq: op.device_seq,
        hlc: op.hlc,
        schema_version: op.schema_version,
        entity: op.entity,
        entity_id: op.entity_id,
        kind: op.kind,
        fields: std::collections::BTreeMap::new(),
    }
}
