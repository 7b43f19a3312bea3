//! The records a create needs ([`mentor_core::kinds::KindSpec::requires`]): a roll-call mark
//! is made only in a roll call of its own trip, for a child on that trip. Each requirement is
//! read from the kind's declaration; a create that fails one is refused with its words, the
//! same whether the other record is missing, deleted or disagrees, so the answer tells
//! nothing of records the writer may not see. Updates and deletes change no keys, so only
//! creates are judged by that; but every write that sets a bounded number (an intervention
//! score) is judged against the limits the other record holds now (its programme's range).

use mentor_core::engine::SyncStore;
use mentor_core::kinds::{Found, IdRule, Requirement};
use mentor_core::merge::RecordState;
use mentor_core::{EntityId, Op, OpKind};
use serde_json::Value;

use super::Result;
use super::sync::SqlSync;

/// Why `op` may not be made because a record it needs is not on the server, or `None`.
pub(super) fn requirement_refusal(store: &mut SqlSync<'_>, op: &Op) -> Result<Option<String>> {
    if op.kind != OpKind::Create {
        return Ok(None);
    }
    for requirement in op.entity.spec().requires {
        let met = match required_id(requirement, op) {
            Some(id) => store
                .record(id)?
                .is_some_and(|stored| agrees(requirement, op, &stored)),
            None => false,
        };
        if !met {
            return Ok(Some(requirement.refusal.to_owned()));
        }
    }
    Ok(None)
}

/// Why `op` may not set a number outside the limits its required record sets, or `None`.
/// The other record is found by the op's keys on a create, and by the stored record's on an
/// update; one that is gone bounds nothing (a create without it is refused above).
pub(super) fn bound_refusal(
    store: &mut SqlSync<'_>,
    op: &Op,
    stored: Option<&RecordState>,
) -> Result<Option<String>> {
    if op.kind == OpKind::Delete {
        return Ok(None);
    }
    for requirement in op.entity.spec().requires {
        let written: Vec<_> = requirement
            .bounds
            .iter()
            .filter_map(|bound| Some((bound, op.fields.get(bound.field)?)))
            .collect();
        if written.is_empty() {
            continue;
        }
        let keys = |name: &str| {
            op.fields
                .get(name)
                .or_else(|| stored.and_then(|stored| stored.value(name)))
                .and_then(Value::as_str)
                .map(str::to_owned)
        };
        let Some(other) = found_id(requirement, keys) else {
            continue;
        };
        let Some(other) = store.record(other)?.filter(|other| !other.is_deleted()) else {
            continue;
        };
        let values = other.current_values();
        if let Some(refusal) = written
            .iter()
            .find_map(|(bound, value)| bound.refusal(value, &values))
        {
            return Ok(Some(refusal));
        }
    }
    Ok(None)
}

/// The id of the record `requirement` names for `op`, if its keys are there.
fn required_id(requirement: &Requirement, op: &Op) -> Option<EntityId> {
    found_id(requirement, |name| {
        op.fields
            .get(name)
            .and_then(Value::as_str)
            .map(str::to_owned)
    })
}

/// The id of the record `requirement` names, by this record's key fields as `text` gives
/// them.
fn found_id(requirement: &Requirement, text: impl Fn(&str) -> Option<String>) -> Option<EntityId> {
    match requirement.found {
        Found::By(name) => text(name)?.parse().ok(),
        Found::Derived(from) => {
            let IdRule::Derived(keys) = requirement.kind.spec().id else {
                return None;
            };
            requirement.kind.derive_id(|key| {
                let at = keys.iter().position(|name| *name == key)?;
                text(from.get(at)?)
            })
        }
    }
}

/// True if `stored` is a live record of the required kind agreeing with `op` on every pair.
fn agrees(requirement: &Requirement, op: &Op, stored: &RecordState) -> bool {
    stored.entity == requirement.kind
        && !stored.is_deleted()
        && requirement.agree.iter().all(|(mine, theirs)| {
            let mine = op.fields.get(*mine).filter(|value| !value.is_null());
            mine.is_some() && mine == stored.value(theirs)
        })
}
