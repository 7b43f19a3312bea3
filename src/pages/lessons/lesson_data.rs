//! Lessons as the lesson screens read them from the device: the lesson, its group's
//! students as tiles, this lesson's notes, each student's Passport strategies, and the
//! school's tags. The device holds exactly what the server let it pull; these screens only
//! pick out one lesson's records.

use std::collections::{BTreeMap, BTreeSet};

use mentor_core::entity::EntityKind;
use mentor_core::ids::EntityId;
use mentor_core::merge::RecordState;
use mentor_core::records::{self, Lesson, LessonNote, SchoolSettings, SeatingPlan, live};

use crate::pages::StudentDetails;
use crate::pages::ordering::sort_stable;
use crate::storage::LocalStore;

/// The kinds the lesson screens are built from, read together in one transaction.
const LESSON_KINDS: [EntityKind; 10] = [
    EntityKind::Lesson,
    EntityKind::LessonNote,
    EntityKind::TeachingGroup,
    EntityKind::GroupMembership,
    EntityKind::Student,
    EntityKind::CaseloadAssignment,
    EntityKind::PassportStrategy,
    EntityKind::Staff,
    EntityKind::SchoolSettings,
    EntityKind::SeatingPlan,
];

/// A teaching group a lesson can be started from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupChoice {
    pub id: EntityId,
    pub name: String,
    pub subject: String,
}

/// A lesson in the list of lessons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LessonSummaryLine {
    pub id: EntityId,
    pub lesson: Lesson,
    pub group: String,
    pub author: String,
    pub notes: usize,
}

/// One note, as the lesson screens and the profile show it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NoteView {
    pub id: EntityId,
    pub note: LessonNote,
    pub author: String,
    /// The strategy's text, if the note names one this device has.
    pub strategy: Option<String>,
}

/// One student's tile in lesson mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tile {
    pub student: StudentDetails,
    pub on_my_caseload: bool,
    /// This lesson's notes about them, oldest first.
    pub notes: Vec<NoteView>,
    /// Their Passport strategies (id, text), oldest first.
    pub strategies: Vec<(EntityId, String)>,
}

impl Tile {
    /// The last tag recorded for them in this lesson.
    pub fn last_tag(&self) -> Option<&str> {
        self.notes.last()?.note.tags.last().map(String::as_str)
    }
}

/// Everything one lesson's screens show.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LessonData {
    /// `None` when the lesson is not on this device.
    pub lesson: Option<Lesson>,
    pub group: String,
    /// The group's students, by family name.
    pub tiles: Vec<Tile>,
    /// The school's tags, in order.
    pub tags: Vec<String>,
    /// The group's seating plan, if one has been arranged.
    pub plan: Option<SeatingPlan>,
}

/// What the lessons page shows: groups to start from and the lessons on the device.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LessonsOverview {
    /// The groups this member of staff is in (every group for those who see every student).
    pub groups: Vec<GroupChoice>,
    /// The lessons on this device, newest first.
    pub lessons: Vec<LessonSummaryLine>,
}

/// The records of each kind, read in one transaction.
struct Read(BTreeMap<EntityKind, Vec<RecordState>>);

impl Read {
    async fn from(store: &impl LocalStore) -> Result<Self, String> {
        let views = store
            .views(&LESSON_KINDS)
            .await
            .map_err(|e| e.to_string())?;
        Ok(Self(views))
    }

    fn of(&self, kind: EntityKind) -> &[RecordState] {
        self.0.get(&kind).map_or(&[], Vec::as_slice)
    }

    fn names(
        &self,
        kind: EntityKind,
        name: impl Fn(&RecordState) -> Option<String>,
    ) -> BTreeMap<EntityId, String> {
        self.of(kind)
            .iter()
            .filter(|record| !record.is_deleted())
            .filter_map(|record| Some((record.id, name(record)?)))
            .collect()
    }

    fn staff_names(&self) -> BTreeMap<EntityId, String> {
        self.names(EntityKind::Staff, |record| {
            record
                .read::<records::Staff>()
                .ok()
                .map(|staff| staff.display_name)
        })
    }

    fn group_names(&self) -> BTreeMap<EntityId, String> {
        self.names(EntityKind::TeachingGroup, |record| {
            record
                .read::<records::TeachingGroup>()
                .ok()
                .map(|group| group.name)
        })
    }

    fn notes(&self) -> Vec<(EntityId, LessonNote)> {
        live::<LessonNote>(self.of(EntityKind::LessonNote)).collect()
    }
}

/// The groups and lessons on the device, for `me`.
///
/// # Errors
/// The storage error, in words.
pub async fn load_overview(
    store: &impl LocalStore,
    me: Option<EntityId>,
    every_group: bool,
) -> Result<LessonsOverview, String> {
    let read = Read::from(store).await?;
    let mine: BTreeSet<EntityId> =
        live::<records::GroupMembership>(read.of(EntityKind::GroupMembership))
            .filter(|(_, member)| Some(member.member_id) == me && member.member_kind == "staff")
            .map(|(_, member)| member.group_id)
            .collect();
    let mut groups: Vec<GroupChoice> =
        live::<records::TeachingGroup>(read.of(EntityKind::TeachingGroup))
            .filter(|(id, _)| every_group || mine.contains(id))
            .map(|(id, group)| GroupChoice {
                id,
                name: group.name,
                subject: group.subject.unwrap_or_default(),
            })
            .collect();
    sort_stable(&mut groups, &|a, b| {
        a.name.to_lowercase().cmp(&b.name.to_lowercase())
    });
    let (staff, group_names) = (read.staff_names(), read.group_names());
    let mut counts: BTreeMap<EntityId, usize> = BTreeMap::new();
    for (_, note) in read.notes() {
        *counts.entry(note.lesson_id).or_default() += 1;
    }
    let mut lessons: Vec<LessonSummaryLine> = live::<Lesson>(read.of(EntityKind::Lesson))
        .map(|(id, lesson)| LessonSummaryLine {
            id,
            group: group_names
                .get(&lesson.group_id)
                .cloned()
                .unwrap_or_default(),
            author: staff.get(&lesson.author_id).cloned().unwrap_or_default(),
            notes: counts.get(&id).copied().unwrap_or(0),
            lesson,
        })
        .collect();
    sort_stable(&mut lessons, &|a, b| {
        b.lesson.started_at.cmp(&a.lesson.started_at)
    });
    Ok(LessonsOverview { groups, lessons })
}

/// One lesson: its group's students as tiles with this lesson's notes, for `me`.
///
/// # Errors
/// The storage error, in words.
pub async fn load_lesson(
    store: &impl LocalStore,
    lesson_id: EntityId,
    me: Option<EntityId>,
) -> Result<LessonData, String> {
    let read = Read::from(store).await?;
    let tags = read
        .of(EntityKind::SchoolSettings)
        .first()
        .and_then(|record| record.read::<SchoolSettings>().ok())
        .unwrap_or_default()
        .note_tags();
    let Some(lesson) = live::<Lesson>(read.of(EntityKind::Lesson))
        .find(|(id, _)| *id == lesson_id)
        .map(|(_, lesson)| lesson)
    else {
        return Ok(LessonData {
            tags,
            ..LessonData::default()
        });
    };
    let members: BTreeSet<EntityId> =
        live::<records::GroupMembership>(read.of(EntityKind::GroupMembership))
            .filter(|(_, member)| {
                member.group_id == lesson.group_id && member.member_kind == "student"
            })
            .map(|(_, member)| member.member_id)
            .collect();
    let caseload: BTreeSet<EntityId> =
        live::<records::CaseloadAssignment>(read.of(EntityKind::CaseloadAssignment))
            .filter(|(_, assignment)| Some(assignment.mentor_id) == me)
            .map(|(_, assignment)| assignment.student_id)
            .collect();
    let mut strategies: BTreeMap<EntityId, Vec<(EntityId, String)>> = BTreeMap::new();
    let mut strategy_texts = BTreeMap::new();
    for (id, strategy) in live::<records::PassportStrategy>(read.of(EntityKind::PassportStrategy)) {
        let item = strategy.0;
        strategy_texts.insert(id, item.text.clone());
        strategies
            .entry(item.student_id)
            .or_default()
            .push((id, item.text));
    }
    let staff = read.staff_names();
    let mut notes: BTreeMap<EntityId, Vec<NoteView>> = BTreeMap::new();
    for (id, note) in read
        .notes()
        .into_iter()
        .filter(|(_, note)| note.lesson_id == lesson_id)
    {
        notes.entry(note.student_id).or_default().push(note_view(
            id,
            note,
            &staff,
            &strategy_texts,
        ));
    }
    let mut students: Vec<StudentDetails> = read
        .of(EntityKind::Student)
        .iter()
        .filter(|record| members.contains(&record.id) || notes.contains_key(&record.id))
        .filter_map(StudentDetails::from_record)
        .collect();
    sort_stable(&mut students, &|a, b| a.sort_key().cmp(&b.sort_key()));
    let tiles = students
        .into_iter()
        .map(|student| {
            let mut notes = notes.remove(&student.id).unwrap_or_default();
            sort_stable(&mut notes, &|a, b| {
                a.note.recorded_at.cmp(&b.note.recorded_at)
            });
            Tile {
                on_my_caseload: caseload.contains(&student.id),
                strategies: strategies.remove(&student.id).unwrap_or_default(),
                notes,
                student,
            }
        })
        .collect();
    let plan = live::<SeatingPlan>(read.of(EntityKind::SeatingPlan))
        .find(|(_, plan)| plan.group_id == lesson.group_id)
        .map(|(_, plan)| plan);
    Ok(LessonData {
        group: read
            .group_names()
            .remove(&lesson.group_id)
            .unwrap_or_default(),
        lesson: Some(lesson),
        tiles,
        tags,
        plan,
    })
}

/// A note with its author's name and its strategy's text.
pub fn note_view(
    id: EntityId,
    note: LessonNote,
    staff: &BTreeMap<EntityId, String>,
    strategies: &BTreeMap<EntityId, String>,
) -> NoteView {
    NoteView {
        id,
        author: staff.get(&note.author_id).cloned().unwrap_or_default(),
        strategy: note.strategy_id.and_then(|id| strategies.get(&id).cloned()),
        note,
    }
}
