//! Turns a clean plan into ops stamped by the server's own device, so imported students go
//! through the same validation and merge as any device's edits and sync like them.

use std::collections::BTreeMap;

use mentor_core::import_api::ImportAction;
use mentor_core::protocol::MAX_PUSH_OPS;
use mentor_core::{
    Edit, EntityId, EntityKind, HlcClock, Op, PushRequest, RecordState, SCHEMA_VERSION,
};

use super::plan::PlannedRow;
use crate::server_writes::{SERVER_DEVICE, WriteError, random_bytes};

/// The ops for every create and update of `rows`, in pushes of at most [`MAX_PUSH_OPS`].
///
/// The clock first observes the newest stamp of every student it updates, so each import
/// write is newer than what it replaces, even when a device's clock ran ahead of the server's.
///
/// # Errors
/// [`WriteError`] if an op fails core's validation (the rows were checked with the same
/// rules, so that would be a bug) or no random bytes are available.
pub fn import_pushes(
    rows: &[PlannedRow],
    students: &[RecordState],
    now_ms: u64,
) -> Result<Vec<PushRequest>, WriteError> {
    let mut clock = HlcClock::new(SERVER_DEVICE);
    let latest: BTreeMap<EntityId, &RecordState> =
        students.iter().map(|state| (state.id, state)).collect();
    for row in rows.iter().filter(|row| row.action == ImportAction::Update) {
        if let Some(state) = row.existing.and_then(|id| latest.get(&id)) {
            clock
                .observe(&state.latest(), now_ms)
                .map_err(|err| WriteError::Stamp(err.into()))?;
        }
    }
    let mut ops: Vec<Op> = Vec::new();
    for row in rows {
        let edit = match (row.action, row.existing) {
            (ImportAction::Create, _) => Edit::create(
                EntityKind::Student,
                EntityId::from_time_and_random(now_ms, random_bytes()?)
                    .map_err(|err| WriteError::Stamp(err.into()))?,
                row.fields.clone(),
            ),
            (ImportAction::Update, Some(id)) => {
                Edit::update(EntityKind::Student, id, row.fields.clone())
            }
            (ImportAction::Update | ImportAction::Unchanged, _) => continue,
        };
        let seq = ops.len() as u64 + 1;
        ops.push(edit.stamp(&mut clock, seq, now_ms, random_bytes()?)?);
    }
    Ok(ops
        .chunks(MAX_PUSH_OPS)
        .map(|chunk| PushRequest {
            device_id: SERVER_DEVICE,
            schema_version: SCHEMA_VERSION,
            ops: chunk.to_vec(),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use mentor_core::{DeviceId, merge};
    use serde_json::json;

    const NOW: u64 = 1_750_000_000_000;

    fn planned(line: u64, action: ImportAction, existing: Option<EntityId>) -> PlannedRow {
        PlannedRow {
            line,
            upn: String::new(),
            name: String::new(),
            family_name: String::new(),
            given_name: String::new(),
            name_guess: None,
            action,
            existing,
            fields: BTreeMap::from([("form_group".to_owned(), json!("9C"))]),
        }
    }

    #[test]
    fn updates_are_stamped_after_what_they_replace_and_pushes_are_split() {
        // A student last written by a device whose clock ran 30 s ahead of the server's.
        let device = DeviceId::from_time_and_random(1, [4; 10]).unwrap();
        let id = EntityId::from_time_and_random(1, [5; 10]).unwrap();
        let fields = json!({"given_name": "Ivy", "family_name": "Vance", "year_group": 9});
        let op = Edit::create(
            EntityKind::Student,
            id,
            serde_json::from_value(fields).unwrap(),
        )
        .stamp(&mut HlcClock::new(device), 1, NOW + 30_000, [6; 10])
        .unwrap();
        let student = merge::apply(None, &op).unwrap().state;

        let mut rows = vec![planned(2, ImportAction::Update, Some(id))];
        rows.push(planned(3, ImportAction::Unchanged, Some(id)));
        let pushes = import_pushes(&rows, std::slice::from_ref(&student), NOW).unwrap();
        assert_eq!(pushes.len(), 1);
        let update = &pushes[0].ops[0];
        assert_eq!(pushes[0].ops.len(), 1, "unchanged rows write nothing");
        assert_eq!(update.device_id, SERVER_DEVICE);
        assert!(update.hlc > student.latest());

        let creates: Vec<PlannedRow> = (0..501)
            .map(|line| PlannedRow {
                fields: serde_json::from_value(json!({
                    "given_name": "Ivy", "family_name": "Vance", "year_group": 9
                }))
                .unwrap(),
                ..planned(line, ImportAction::Create, None)
            })
            .collect();
        let pushes = import_pushes(&creates, &[], NOW).unwrap();
        let sizes: Vec<usize> = pushes.iter().map(|push| push.ops.len()).collect();
        assert_eq!(sizes, [500, 1]);
    }
}
