//! The demo school's trip, invented: a day at the science museum today, led by the
//! study-support group's learning mentor (staff 6, Kit Lanyon) with its teacher (staff 7,
//! Nell Thorley), 32 children (students 0 to 31) in two groups of sixteen, and the school's
//! risk-assessment checklist, three items ticked.

use mentor_core::EntityKind;
use mentor_core::dates::iso_date;
use mentor_core::entity::trip_member_id;
use mentor_core::kinds::DEFAULT_TRIP_CHECKS;
use serde_json::json;

use super::{id, staff_id, student_id};
use crate::server_writes::{ServerWriter, WriteError};

const LEADER: usize = 6;
const SECOND: usize = 7;
const CHILDREN: usize = 32;

/// Writes the trip, its members and its checklist; `now_ms` dates it.
pub(super) fn write_trips(writer: &mut ServerWriter, now_ms: u64) -> Result<(), WriteError> {
    let trip = id(&["trip", "museum"]);
    let today = json!(iso_date(now_ms, 0));
    let (leader, second) = (staff_id(LEADER), staff_id(SECOND));
    writer.create(
        EntityKind::Trip,
        trip,
        [
            ("name", json!("Science museum day")),
            (
                "destination",
                json!("Northfield Science Museum, Quay Street"),
            ),
            ("starts_on", today.clone()),
            ("ends_on", today),
            ("leader_id", json!(leader.to_string())),
            ("emergency_phone", json!("01632 960999")),
        ],
    )?;
    for staff in [leader, second] {
        writer.create(
            EntityKind::TripMember,
            trip_member_id(trip, staff),
            [
                ("trip_id", json!(trip.to_string())),
                ("member_kind", json!("staff")),
                ("member_id", json!(staff.to_string())),
            ],
        )?;
    }
    for index in 0..CHILDREN {
        let child = student_id(index);
        let with = if index < CHILDREN / 2 { leader } else { second };
        let mut fields = vec![
            ("trip_id", json!(trip.to_string())),
            ("member_kind", json!("student")),
            ("member_id", json!(child.to_string())),
            ("with_staff_id", json!(with.to_string())),
        ];
        if index == 3 {
            fields.push(("note", json!("No photographs on the school's social media")));
        }
        writer.create(EntityKind::TripMember, trip_member_id(trip, child), fields)?;
    }
    for (position, text) in DEFAULT_TRIP_CHECKS.iter().enumerate() {
        let mut fields = vec![
            ("trip_id", json!(trip.to_string())),
            ("text", json!(text)),
            ("position", json!(position)),
        ];
        if position < 3 {
            fields.push(("done_at", json!(now_ms.saturating_sub(86_400_000))));
            fields.push(("done_by", json!(leader.to_string())));
        }
        writer.create(
            EntityKind::TripCheck,
            id(&["trip_check", "museum", &position.to_string()]),
            fields,
        )?;
    }
    Ok(())
}
