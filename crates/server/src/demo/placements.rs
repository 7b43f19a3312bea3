//! The demo school's work-experience placements, all invented: two Year 10 and 11 learners
//! on the first mentor's caseload, with employers, supervisors (Ofcom's drama numbers) and
//! visits, one of them overdue, dated from the day the demo is seeded.

use mentor_core::EntityKind;
use mentor_core::dates::iso_date;
use serde_json::json;

use super::{id, staff_id, student_id};
use crate::server_writes::{ServerWriter, WriteError};

/// The mentor who visits (staff 0, Morgan Ellery) and the coordinator who checked (staff 3,
/// the SENCO).
const VISITOR: usize = 0;
const COORDINATOR: usize = 3;

/// Writes the placements and their planned visits; `now_ms` dates them.
pub(super) fn write_placements(writer: &mut ServerWriter, now_ms: u64) -> Result<(), WriteError> {
    let day = |days: i64| json!(iso_date(now_ms, days));
    let (visitor, coordinator) = (
        staff_id(VISITOR).to_string(),
        staff_id(COORDINATOR).to_string(),
    );

    // Year 10, on placement now, every check done; a visit three days overdue, one next week.
    let vet = id(&["placement", "vet"]);
    let learner = student_id(40);
    writer.create(
        EntityKind::Placement,
        vet,
        [
            ("student_id", json!(learner.to_string())),
            ("visitor_id", json!(visitor)),
            ("employer", json!("Harbour Lane Veterinary Practice")),
            ("address", json!("14 Harbour Lane, Northfield")),
            ("supervisor_name", json!("Tamsin Rowe")),
            ("supervisor_phone", json!("01632 960418")),
            (
                "supervisor_email",
                json!("reception@harbourlanevets.example"),
            ),
            ("starts_on", day(-7)),
            ("ends_on", day(7)),
            ("hours", json!("Mon–Fri, 8:30–15:30")),
            ("status", json!("active")),
            ("check_risk_on", day(-30)),
            ("check_risk_by", json!(coordinator)),
            ("check_insurance_on", day(-30)),
            ("check_insurance_by", json!(coordinator)),
            ("check_consent_on", day(-21)),
            ("check_consent_by", json!(coordinator)),
        ],
    )?;
    for (name, days) in [("overdue", -3), ("next", 4)] {
        writer.create(
            EntityKind::PlacementVisit,
            id(&["visit", "vet", name]),
            [
                ("placement_id", json!(vet.to_string())),
                ("student_id", json!(learner.to_string())),
                ("visitor_id", json!(visitor)),
                ("planned_on", day(days)),
            ],
        )?;
    }

    // Year 11, planned for next month; parental consent not yet back.
    let garage = id(&["placement", "garage"]);
    let learner = student_id(50);
    writer.create(
        EntityKind::Placement,
        garage,
        [
            ("student_id", json!(learner.to_string())),
            ("visitor_id", json!(visitor)),
            ("employer", json!("Northfield Motor Works")),
            (
                "address",
                json!("Unit 3, Mill Road Industrial Estate, Northfield"),
            ),
            ("supervisor_name", json!("Dev Okonjo")),
            ("supervisor_phone", json!("01632 960772")),
            ("starts_on", day(28)),
            ("ends_on", day(39)),
            ("status", json!("planned")),
            ("check_risk_on", day(-2)),
            ("check_risk_by", json!(coordinator)),
            ("check_insurance_on", day(-2)),
            ("check_insurance_by", json!(coordinator)),
        ],
    )?;
    writer.create(
        EntityKind::PlacementVisit,
        id(&["visit", "garage", "first"]),
        [
            ("placement_id", json!(garage.to_string())),
            ("student_id", json!(learner.to_string())),
            ("visitor_id", json!(visitor)),
            ("planned_on", day(30)),
        ],
    )
}
