//! The role rules ([`super::roles`]) as the sync engine's [`WritePolicy`]: asked for each op
//! as it arrives (by the op alone) and again just before it is merged (with the stored record).

use mentor_core::Op;
use mentor_core::engine::WritePolicy;
use mentor_core::merge::RecordState;

use super::roles::{WriteRules, op_refusal};
use super::sync::SqlSync;
use super::{Result, StaffMember};

/// The write rules for one push: the pusher's, or none for the server's own writes.
pub(super) struct ServerRules<'a> {
    pusher: Option<&'a StaffMember>,
    pusher_rules: Option<WriteRules>,
}

impl<'a> ServerRules<'a> {
    pub(super) fn new(pusher: Option<&'a StaffMember>) -> Self {
        Self {
            pusher,
            pusher_rules: pusher.map(|staff| WriteRules::new(staff.clone())),
        }
    }
}

impl WritePolicy<SqlSync<'_>> for ServerRules<'_> {
    fn refuse_op(&mut self, _: &mut SqlSync<'_>, op: &Op) -> Result<Option<String>> {
        Ok(self.pusher.and_then(|staff| op_refusal(staff.role, op)))
    }

    fn refuse_merge(
        &mut self,
        store: &mut SqlSync<'_>,
        op: &Op,
        stored: Option<&RecordState>,
    ) -> Result<Option<String>> {
        match self.pusher_rules.as_mut() {
            Some(rules) => rules.refusal(store.conn, op, stored),
            None => Ok(None),
        }
    }
}
