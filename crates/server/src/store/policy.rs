//! The role rules ([`super::roles`]) as the sync engine's [`WritePolicy`]: asked for each op
//! as it arrives (by the op alone) and again just before it is merged (with the stored record),
//! and then the records a create needs and the limits they set ([`super::requirements`]).
//!
//! An op that waited for its record's create is merged in a later push, perhaps one made by
//! someone else on a shared tablet, or by an admin whose import made the record. It is judged
//! as its own author, whose staff id is stored with every op, with their role and scope as
//! they are when it is merged.

use mentor_core::Op;
use mentor_core::engine::WritePolicy;
use mentor_core::merge::RecordState;

use super::requirements::{bound_refusal, requirement_refusal};
use super::roles::WriteRules;
use super::sync::SqlSync;
use super::{Result, StaffMember, StoreError, accounts, op_log};

/// The reason given when a waiting op's author can no longer write.
const AUTHOR_GONE: &str =
    "The person who made this change can no longer make changes, so it was not applied.";

/// The write rules for one push: the pusher's (`None` for the server's own writes), and for
/// ops that waited, their authors'.
pub(super) struct ServerRules {
    pusher_rules: Option<WriteRules>,
    now_ms: u64,
}

impl ServerRules {
    /// The rules at `now_ms`, which decides which trips run.
    pub(super) fn new(pusher: Option<&StaffMember>, now_ms: u64) -> Self {
        Self {
            pusher_rules: pusher.map(|staff| WriteRules::new(staff.clone(), now_ms)),
            now_ms,
        }
    }
}

impl WritePolicy<SqlSync<'_>> for ServerRules {
    fn refuse_op(&mut self, store: &mut SqlSync<'_>, op: &Op) -> Result<Option<String>> {
        match self.pusher_rules.as_mut() {
            Some(rules) => rules.op_refusal(store.conn, op),
            None => Ok(None),
        }
    }

    fn hides(&mut self, store: &mut SqlSync<'_>, stored: &RecordState) -> Result<bool> {
        match self.pusher_rules.as_mut() {
            Some(rules) => Ok(!rules.sees(store.conn, stored)?),
            None => Ok(false),
        }
    }

    fn refuse_merge(
        &mut self,
        store: &mut SqlSync<'_>,
        op: &Op,
        stored: Option<&RecordState>,
        waited: bool,
    ) -> Result<Option<String>, StoreError> {
        let refusal = self.role_refusal(store, op, stored, waited)?;
        if refusal.is_some() {
            return Ok(refusal);
        }
        match requirement_refusal(store, op)? {
            Some(reason) => Ok(Some(reason)),
            None => bound_refusal(store, op, stored),
        }
    }
}

impl ServerRules {
    /// Why the op's author may not make `op` on `stored`, by their role and scope.
    fn role_refusal(
        &mut self,
        store: &mut SqlSync<'_>,
        op: &Op,
        stored: Option<&RecordState>,
        waited: bool,
    ) -> Result<Option<String>, StoreError> {
        if !waited {
            return match self.pusher_rules.as_mut() {
                Some(rules) => rules.refusal(store.conn, op, stored),
                None => Ok(None),
            };
        }
        // Fresh rules each time: this push may have changed the author's scope, and ops that
        // waited are few.
        match op_log::author_of(store.conn, op.op_id)? {
            None => Err(StoreError::Decode(format!(
                "op {} waited for its record but is not stored",
                op.op_id
            ))),
            // The server's own writes: no rule limits them.
            Some(None) => Ok(None),
            Some(Some(author)) => match accounts::active_staff(store.conn, author)? {
                Some(staff) => WriteRules::new(staff, self.now_ms).refusal(store.conn, op, stored),
                None => Ok(Some(AUTHOR_GONE.to_owned())),
            },
        }
    }
}
