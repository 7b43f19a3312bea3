//! Registers as the register screens read them from the device: the groups a register can be
//! opened for, the registers on the device, and one register's students with their marks.
//! Everything is read in one `views` transaction; the screens only pick out what they show.

use std::collections::{BTreeMap, BTreeSet};

use mentor_core::entity::EntityKind;
use mentor_core::ids::EntityId;
use mentor_core::merge::RecordState;
use mentor_core::records::{self, Register, RegisterMark, live};

use crate::client::registers::Mark;
use crate::pages::StudentDetails;
use crate::pages::ordering::sort_stable;
use crate::storage::LocalStore;

/// The kinds the register screens are built from, read together in one transaction.
const REGISTER_KINDS: [EntityKind; 6] = [
    EntityKind::Register,
    EntityKind::RegisterMark,
    EntityKind::TeachingGroup,
    EntityKind::GroupMembership,
    EntityKind::Student,
    EntityKind::Staff,
];

/// A group a register can be opened for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupChoice {
    pub id: EntityId,
    pub name: String,
}

/// A register in the list of registers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterLine {
    pub id: EntityId,
    pub register: Register,
    pub group: String,
    pub counts: Counts,
}

/// What the registers page shows: groups to open a register for and the registers here.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RegistersOverview {
    /// The groups this member of staff is in (every group for those who see every student).
    pub groups: Vec<GroupChoice>,
    /// The registers on this device, newest date first.
    pub registers: Vec<RegisterLine>,
}

impl RegistersOverview {
    /// The register already on this device for `group`, `date` and `session`, if any: opening
    /// it again goes there rather than making a second one.
    pub fn existing(&self, group: EntityId, date: &str, session: &str) -> Option<EntityId> {
        let session = session.trim().to_lowercase();
        self.registers
            .iter()
            .find(|line| {
                line.register.group_id == group
                    && line.register.date == date
                    && line.register.session.to_lowercase() == session
            })
            .map(|line| line.id)
    }
}

/// One student's row: who they are and their mark, if marked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkRow {
    pub student: StudentDetails,
    pub mark: Option<RegisterMark>,
    /// Who marked them last.
    pub marked_by: String,
}

impl MarkRow {
    /// The mark, if it is one this version knows.
    pub fn known_mark(&self) -> Option<Mark> {
        Mark::from_stored(&self.mark.as_ref()?.mark)
    }
}

/// How many students have each mark, and how many none.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub present: usize,
    pub absent: usize,
    pub late: usize,
    pub excused: usize,
    pub left_early: usize,
    pub unmarked: usize,
}

impl Counts {
    /// Counts `marks` (`None` for a student with no mark).
    pub fn of(marks: impl IntoIterator<Item = Option<Mark>>) -> Self {
        let mut counts = Self::default();
        for mark in marks {
            let slot = match mark {
                Some(Mark::Present) => &mut counts.present,
                Some(Mark::Absent) => &mut counts.absent,
                Some(Mark::Late) => &mut counts.late,
                Some(Mark::Excused) => &mut counts.excused,
                Some(Mark::LeftEarly) => &mut counts.left_early,
                None => &mut counts.unmarked,
            };
            *slot += 1;
        }
        counts
    }
}

/// Everything one register's screen shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RegisterData {
    /// `None` when the register is not on this device.
    pub register: Option<Register>,
    pub group: String,
    /// The group's students (and anyone marked here who has left it), by family name.
    pub rows: Vec<MarkRow>,
    /// Who completed it, if it is complete.
    pub completed_by: String,
}

impl RegisterData {
    pub fn counts(&self) -> Counts {
        Counts::of(self.rows.iter().map(MarkRow::known_mark))
    }

    /// Shows `marks` just saved by `by` on their students' rows.
    pub fn apply(&mut self, marks: Vec<RegisterMark>, by: &str) {
        for mark in marks {
            if let Some(row) = self
                .rows
                .iter_mut()
                .find(|row| row.student.id == mark.student_id)
            {
                row.mark = Some(mark);
                by.clone_into(&mut row.marked_by);
            }
        }
    }

    /// The students with no mark yet.
    pub fn unmarked(&self) -> Vec<EntityId> {
        self.rows
            .iter()
            .filter(|row| row.mark.is_none())
            .map(|row| row.student.id)
            .collect()
    }
}

/// The records of each kind, read in one transaction.
struct Read(BTreeMap<EntityKind, Vec<RecordState>>);

impl Read {
    async fn from(store: &impl LocalStore) -> Result<Self, String> {
        let views = store
            .views(&REGISTER_KINDS)
            .await
            .map_err(|e| e.to_string())?;
        Ok(Self(views))
    }

    fn of(&self, kind: EntityKind) -> &[RecordState] {
        self.0.get(&kind).map_or(&[], Vec::as_slice)
    }

    fn staff_names(&self) -> BTreeMap<EntityId, String> {
        live::<records::Staff>(self.of(EntityKind::Staff))
            .map(|(id, staff)| (id, staff.display_name))
            .collect()
    }

    fn group_names(&self) -> BTreeMap<EntityId, String> {
        live::<records::TeachingGroup>(self.of(EntityKind::TeachingGroup))
            .map(|(id, group)| (id, group.name))
            .collect()
    }

    fn members(&self, group: EntityId, kind: &str) -> BTreeSet<EntityId> {
        live::<records::GroupMembership>(self.of(EntityKind::GroupMembership))
            .filter(|(_, member)| member.group_id == group && member.member_kind == kind)
            .map(|(_, member)| member.member_id)
            .collect()
    }

    fn my_groups(&self, me: Option<EntityId>) -> BTreeSet<EntityId> {
        live::<records::GroupMembership>(self.of(EntityKind::GroupMembership))
            .filter(|(_, member)| Some(member.member_id) == me && member.member_kind == "staff")
            .map(|(_, member)| member.group_id)
            .collect()
    }

    /// The marks of every register, by register and then student.
    fn marks(&self) -> BTreeMap<EntityId, BTreeMap<EntityId, RegisterMark>> {
        let mut marks: BTreeMap<EntityId, BTreeMap<EntityId, RegisterMark>> = BTreeMap::new();
        for (_, mark) in live::<RegisterMark>(self.of(EntityKind::RegisterMark)) {
            marks
                .entry(mark.register_id)
                .or_default()
                .insert(mark.student_id, mark);
        }
        marks
    }
}

/// The groups and registers on the device, for `me`.
///
/// # Errors
/// The storage error, in words.
pub async fn load_overview(
    store: &impl LocalStore,
    me: Option<EntityId>,
    every_group: bool,
) -> Result<RegistersOverview, String> {
    let read = Read::from(store).await?;
    let mine = read.my_groups(me);
    let names = read.group_names();
    let mut groups: Vec<GroupChoice> = names
        .iter()
        .filter(|(id, _)| every_group || mine.contains(id))
        .map(|(id, name)| GroupChoice {
            id: *id,
            name: name.clone(),
        })
        .collect();
    sort_stable(&mut groups, &|a, b| {
        a.name.to_lowercase().cmp(&b.name.to_lowercase())
    });
    let marks = read.marks();
    let mut registers: Vec<RegisterLine> = live::<Register>(read.of(EntityKind::Register))
        .map(|(id, register)| {
            let students = read.members(register.group_id, "student");
            let marked = marks.get(&id);
            let counts = Counts::of(students.iter().map(|student| {
                marked
                    .and_then(|marks| marks.get(student))
                    .and_then(|mark| Mark::from_stored(&mark.mark))
            }));
            RegisterLine {
                id,
                group: names.get(&register.group_id).cloned().unwrap_or_default(),
                counts,
                register,
            }
        })
        .collect();
    sort_stable(&mut registers, &|a, b| {
        (&b.register.date, b.register.opened_at).cmp(&(&a.register.date, a.register.opened_at))
    });
    Ok(RegistersOverview { groups, registers })
}

/// One register: its group's students with their marks.
///
/// # Errors
/// The storage error, in words.
pub async fn load_register(
    store: &impl LocalStore,
    register_id: EntityId,
) -> Result<RegisterData, String> {
    let read = Read::from(store).await?;
    let Some(register) = live::<Register>(read.of(EntityKind::Register))
        .find(|(id, _)| *id == register_id)
        .map(|(_, register)| register)
    else {
        return Ok(RegisterData::default());
    };
    let mut marks = read.marks().remove(&register_id).unwrap_or_default();
    let members = read.members(register.group_id, "student");
    let staff = read.staff_names();
    let mut students: Vec<StudentDetails> = read
        .of(EntityKind::Student)
        .iter()
        .filter(|record| members.contains(&record.id) || marks.contains_key(&record.id))
        .filter_map(StudentDetails::from_record)
        .collect();
    sort_stable(&mut students, &|a, b| a.sort_key().cmp(&b.sort_key()));
    let rows = students
        .into_iter()
        .map(|student| {
            let mark = marks.remove(&student.id);
            let marked_by = mark
                .as_ref()
                .and_then(|mark| staff.get(&mark.marked_by).cloned())
                .unwrap_or_default();
            MarkRow {
                student,
                mark,
                marked_by,
            }
        })
        .collect();
    Ok(RegisterData {
        group: read
            .group_names()
            .remove(&register.group_id)
            .unwrap_or_default(),
        completed_by: register
            .completed_by
            .and_then(|id| staff.get(&id).cloned())
            .unwrap_or_default(),
        register: Some(register),
        rows,
    })
}

#[cfg(test)]
mod tests {
    use std::pin::pin;
    use std::task::{Context, Poll, Waker};

    use mentor_core::Edit;
    use mentor_core::entity::group_membership_id;
    use serde_json::json;

    use super::*;
    use crate::client::registers::{
        MarkDraft, MarkPlace, RegisterOpening, mark_all_present, mark_student, open_register,
    };
    use crate::storage::MemoryStore;

    /// Runs a future of the memory store, which never waits.
    fn run<F: Future>(future: F) -> F::Output {
        let mut future = pin!(future);
        match future
            .as_mut()
            .poll(&mut Context::from_waker(Waker::noop()))
        {
            Poll::Ready(output) => output,
            Poll::Pending => panic!("the memory store never waits"),
        }
    }

    fn id(n: u8) -> EntityId {
        EntityId::from_time_and_random(1_750_000_000_000, [n; 10]).unwrap()
    }

    fn save(store: &MemoryStore, edit: Edit) {
        run(store.record_edit(edit)).unwrap();
    }

    #[test]
    fn a_register_lists_its_groups_students_with_their_marks_and_counts_them() {
        let store = MemoryStore::new().unwrap();
        let (group, register, me) = (id(1), id(2), id(3));
        let students = [(id(10), "Ashdown"), (id(11), "Brindle"), (id(12), "Corrie")];
        save(
            &store,
            Edit::create(
                EntityKind::TeachingGroup,
                group,
                [("name".to_owned(), json!("Breakfast club"))].into(),
            ),
        );
        for (student, family) in students {
            let fields = json!({"given_name": "Sam", "family_name": family, "year_group": 8});
            save(
                &store,
                Edit::create(
                    EntityKind::Student,
                    student,
                    serde_json::from_value(fields).unwrap(),
                ),
            );
            let membership = json!({"group_id": group.to_string(), "member_id": student.to_string(), "member_kind": "student"});
            save(
                &store,
                Edit::create(
                    EntityKind::GroupMembership,
                    group_membership_id(group, student),
                    serde_json::from_value(membership).unwrap(),
                ),
            );
        }
        let opening = RegisterOpening {
            group: Some(group),
            date: "2026-09-07".into(),
            session: "AM".into(),
        };
        save(
            &store,
            open_register(register, &opening, me, 1_750_000_000_000).unwrap(),
        );
        let place = MarkPlace {
            register,
            group,
            by: me,
            now: 1_750_000_000_000,
        };
        let late = MarkDraft {
            at_time: "09:12".into(),
            ..MarkDraft::plain(Mark::Late)
        };
        save(&store, mark_student(place, id(11), false, &late).unwrap());

        let data = run(load_register(&store, register)).unwrap();
        assert_eq!(data.group, "Breakfast club");
        assert_eq!(data.unmarked(), [id(10), id(12)]);
        for edit in mark_all_present(place, &[id(10), id(11), id(12)], &BTreeSet::from([id(11)])) {
            save(&store, edit);
        }
        let data = run(load_register(&store, register)).unwrap();
        let counts = data.counts();
        assert_eq!((counts.present, counts.late, counts.unmarked), (2, 1, 0));
        assert_eq!(
            data.rows[1].mark.as_ref().unwrap().at_time.as_deref(),
            Some("09:12")
        );

        let overview = run(load_overview(&store, Some(me), true)).unwrap();
        assert_eq!(overview.registers[0].counts, counts);
        assert_eq!(overview.existing(group, "2026-09-07", "am"), Some(register));
        assert_eq!(overview.existing(group, "2026-09-07", "PM"), None);
    }

    #[test]
    fn counts_put_each_student_under_one_mark_or_unmarked() {
        let counts = Counts::of([
            Some(Mark::Present),
            Some(Mark::Present),
            Some(Mark::Late),
            None,
            Some(Mark::LeftEarly),
        ]);
        assert_eq!(
            counts,
            Counts {
                present: 2,
                late: 1,
                left_early: 1,
                unmarked: 1,
                ..Counts::default()
            }
        );
    }
}
