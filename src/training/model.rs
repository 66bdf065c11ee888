//! Stored training records. Units are SI: kilograms, metres, seconds.

use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::storage::codec::{COMPACT, Reader, Record, Writer, decode};

/// How a set of an exercise is recorded.
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Logging {
    WeightReps,
    Reps,
    Duration,
    DistanceDuration,
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Mechanics {
    Compound,
    Isolation,
}

/// An exercise: built into the binary, or custom (private to a user, or gym-wide).
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Exercise {
    /// Built-ins: a stable slug; custom: a UUID in hex.
    pub id: String,
    pub name_en: String,
    #[serde(default)]
    pub name_ru: String,
    #[serde(default)]
    pub aliases_en: Vec<String>,
    #[serde(default)]
    pub aliases_ru: Vec<String>,
    pub primary: Vec<String>,
    #[serde(default)]
    pub secondary: Vec<String>,
    pub equipment: String,
    pub category: String,
    pub mechanics: Option<Mechanics>,
    pub logging: Logging,
    /// `None` for built-in and gym-wide exercises; the owner of a private custom exercise.
    #[serde(default)]
    pub owner_id: Option<u128>,
    /// Who created a custom exercise (`None` for built-ins and imports).
    #[serde(default)]
    pub created_by: Option<u128>,
    #[serde(default)]
    pub source: ExerciseSource,
    /// How-to steps: English for built-ins, otherwise whatever the author or import supplied.
    #[serde(default)]
    pub instructions: Vec<String>,
    /// Russian how-to steps (built-in exercises).
    #[serde(default)]
    pub instructions_ru: Vec<String>,
    #[serde(default)]
    pub created_at: i64,
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum ExerciseSource {
    #[default]
    Builtin,
    Custom,
    Import,
}

impl Record for Exercise {
    const FORMAT: u8 = 1;
}

impl Exercise {
    /// Every name a person might type for it, in both languages.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name_en.as_str())
            .chain(std::iter::once(self.name_ru.as_str()).filter(|s| !s.is_empty()))
            .chain(self.aliases_en.iter().map(String::as_str))
            .chain(self.aliases_ru.iter().map(String::as_str))
    }
}

/// Training items use the one visibility type of the access policy.
pub use crate::access::Visibility;

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum SetKind {
    #[default]
    Normal,
    Warmup,
    Drop,
    Failure,
}

/// Target repetitions of a planned set.
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum RepsTarget {
    Exact { reps: u32 },
    Range { min: u32, max: u32 },
    Amrap,
}

/// Target load of a planned set.
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum LoadTarget {
    Kg { kg: f64 },
    PercentE1rm { percent: f64 },
    Rpe { rpe: f64 },
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct SetTarget {
    #[serde(default)]
    pub kind: SetKind,
    pub reps: Option<RepsTarget>,
    pub load: Option<LoadTarget>,
    #[serde(default)]
    pub duration_s: Option<u32>,
    #[serde(default)]
    pub distance_m: Option<f64>,
    pub rest_s: Option<u32>,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct PlanExercise {
    pub exercise_id: String,
    /// Exercises sharing a group label form a superset (done back to back).
    #[serde(default)]
    pub superset: Option<String>,
    #[serde(default)]
    pub notes: String,
    pub sets: Vec<SetTarget>,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct PlanDay {
    pub name: String,
    #[serde(default)]
    pub notes: String,
    pub exercises: Vec<PlanExercise>,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct PlanWeek {
    pub days: Vec<PlanDay>,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Plan {
    pub id: u128,
    pub owner_id: u128,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub goal: Option<String>,
    #[serde(default)]
    pub visibility: Visibility,
    pub weeks: Vec<PlanWeek>,
    #[serde(default)]
    pub forked_from: Option<u128>,
    pub created_at: i64,
    pub updated_at: i64,
    pub version: u64,
}

impl Record for Plan {
    const FORMAT: u8 = 1;
}

impl Plan {
    /// The plan's days in training order: (week index, day index, day).
    pub fn sequence(&self) -> impl Iterator<Item = (usize, usize, &PlanDay)> {
        self.weeks.iter().enumerate().flat_map(|(w, week)| {
            week.days
                .iter()
                .enumerate()
                .map(move |(d, day)| (w, d, day))
        })
    }
}

/// A coach's assignment of a plan to a member.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Assignment {
    pub id: u128,
    pub plan_id: u128,
    pub coach_id: u128,
    pub member_id: u128,
    /// Calendar date `YYYY-MM-DD` the member starts.
    pub start_date: String,
    /// How many plan days the member has finished in this assignment.
    #[serde(default)]
    pub days_done: u32,
    pub created_at: i64,
}

impl Record for Assignment {
    const FORMAT: u8 = 1;
}

/// Where a workout came from.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct PlanRef {
    pub plan_id: u128,
    pub week: u32,
    pub day: u32,
    #[serde(default)]
    pub assignment_id: Option<u128>,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Workout {
    pub id: u128,
    pub user_id: u128,
    pub title: String,
    #[serde(default)]
    pub notes: String,
    pub started_at: i64,
    pub finished_at: Option<i64>,
    #[serde(default)]
    pub visibility: Visibility,
    #[serde(default)]
    pub plan: Option<PlanRef>,
    /// Maintained on every set write.
    #[serde(default)]
    pub set_count: u32,
    #[serde(default)]
    pub volume_kg: f64,
    #[serde(default)]
    pub records_hit: u32,
    /// A note per exercise of the workout ("seat at 4", "left shoulder sore"), in the order
    /// the member wrote them.
    #[serde(default)]
    pub exercise_notes: Vec<ExerciseNote>,
    /// Exercises done as supersets in a workout not laid out by a plan: groups of exercise
    /// ids, each in the order the logger alternates them.
    #[serde(default)]
    pub supersets: Vec<Vec<String>>,
    pub version: u64,
}

/// A member's note on one exercise of one workout.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct ExerciseNote {
    pub exercise_id: String,
    pub text: String,
}

impl Record for Workout {
    const FORMAT: u8 = 1;

    /// Format 128: ids, title, notes, started at, one byte of which optional parts follow and
    /// the visibility, those parts, the maintained counts, notes per exercise, supersets,
    /// version.
    fn encode_compact(&self, w: &mut Writer) -> Option<u8> {
        w.id(self.id);
        w.id(self.user_id);
        w.str(&self.title);
        w.str(&self.notes);
        w.zigzag(self.started_at);
        let visibility = self.visibility.code();
        let assignment = self.plan.as_ref().and_then(|p| p.assignment_id);
        w.u8(u8::from(self.finished_at.is_some())
            | u8::from(self.plan.is_some()) << 1
            | u8::from(assignment.is_some()) << 2
            | visibility << 3);
        if let Some(at) = self.finished_at {
            w.zigzag(at);
        }
        if let Some(p) = &self.plan {
            w.id(p.plan_id);
            w.varint(p.week.into());
            w.varint(p.day.into());
            if let Some(a) = assignment {
                w.id(a);
            }
        }
        w.varint(self.set_count.into());
        w.f64(self.volume_kg);
        w.varint(self.records_hit.into());
        w.varint(self.exercise_notes.len() as u64);
        for n in &self.exercise_notes {
            w.str(&n.exercise_id);
            w.str(&n.text);
        }
        w.varint(self.supersets.len() as u64);
        for group in &self.supersets {
            w.varint(group.len() as u64);
            for ex in group {
                w.str(ex);
            }
        }
        w.varint(self.version);
        Some(COMPACT)
    }

    fn decode_compact(format: u8, r: &mut Reader<'_>) -> Result<Self, String> {
        if format != COMPACT {
            return Err(format!("unknown record format {format}"));
        }
        let id = r.id()?;
        let user_id = r.id()?;
        let title = r.str()?;
        let notes = r.str()?;
        let started_at = r.zigzag()?;
        let flags = r.u8()?;
        let visibility = Visibility::from_code((flags >> 3) & 3)?;
        let finished_at = (flags & 1 != 0).then(|| r.zigzag()).transpose()?;
        let plan = if flags & 2 != 0 {
            Some(PlanRef {
                plan_id: r.id()?,
                week: r.u32()?,
                day: r.u32()?,
                assignment_id: (flags & 4 != 0).then(|| r.id()).transpose()?,
            })
        } else {
            None
        };
        let set_count = r.u32()?;
        let volume_kg = r.f64()?;
        let records_hit = r.u32()?;
        let exercise_notes = (0..r.varint()?)
            .map(|_| {
                Ok(ExerciseNote {
                    exercise_id: r.str()?,
                    text: r.str()?,
                })
            })
            .collect::<Result<_, String>>()?;
        let supersets = (0..r.varint()?)
            .map(|_| (0..r.varint()?).map(|_| r.str()).collect())
            .collect::<Result<_, String>>()?;
        Ok(Workout {
            id,
            user_id,
            title,
            notes,
            started_at,
            finished_at,
            visibility,
            plan,
            set_count,
            volume_kg,
            records_hit,
            exercise_notes,
            supersets,
            version: r.varint()?,
        })
    }
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct WorkoutSet {
    pub id: u128,
    pub exercise_id: String,
    #[serde(default)]
    pub kind: SetKind,
    pub reps: Option<u32>,
    pub weight_kg: Option<f64>,
    pub rpe: Option<f64>,
    pub duration_s: Option<u32>,
    pub distance_m: Option<f64>,
    pub completed_at: i64,
    /// True when this set beat the user's best estimated 1RM for the exercise at the time.
    #[serde(default)]
    pub is_record: bool,
}

impl Record for WorkoutSet {
    const FORMAT: u8 = 1;

    /// Format 128: id, exercise, one byte of kind (2 bits), record flag and which optional
    /// numbers follow, those numbers, completed at.
    fn encode_compact(&self, w: &mut Writer) -> Option<u8> {
        w.id(self.id);
        w.str(&self.exercise_id);
        self.write_numbers(w);
        w.zigzag(self.completed_at);
        Some(COMPACT)
    }

    fn decode_compact(format: u8, r: &mut Reader<'_>) -> Result<Self, String> {
        if format != COMPACT {
            return Err(format!("unknown record format {format}"));
        }
        let id = r.id()?;
        let exercise_id = r.str()?;
        let mut s = WorkoutSet::read_numbers(r)?;
        s.id = id;
        s.exercise_id = exercise_id;
        s.completed_at = r.zigzag()?;
        Ok(s)
    }
}

impl WorkoutSet {
    /// One byte of kind (2 bits), record flag and which optional numbers follow, then those
    /// numbers: the part of a set's compact layout shared by its layouts.
    fn write_numbers(&self, w: &mut Writer) {
        let kind = match self.kind {
            SetKind::Normal => 0,
            SetKind::Warmup => 1,
            SetKind::Drop => 2,
            SetKind::Failure => 3,
        };
        let flags = kind
            | u8::from(self.is_record) << 2
            | u8::from(self.reps.is_some()) << 3
            | u8::from(self.weight_kg.is_some()) << 4
            | u8::from(self.rpe.is_some()) << 5
            | u8::from(self.duration_s.is_some()) << 6
            | u8::from(self.distance_m.is_some()) << 7;
        w.u8(flags);
        if let Some(v) = self.reps {
            w.varint(v.into());
        }
        if let Some(v) = self.weight_kg {
            w.f64(v);
        }
        if let Some(v) = self.rpe {
            w.f64(v);
        }
        if let Some(v) = self.duration_s {
            w.varint(v.into());
        }
        if let Some(v) = self.distance_m {
            w.f64(v);
        }
    }

    /// Reads what `write_numbers` wrote into a set with no id, exercise or time yet.
    fn read_numbers(r: &mut Reader<'_>) -> Result<WorkoutSet, String> {
        let flags = r.u8()?;
        let kind = match flags & 3 {
            0 => SetKind::Normal,
            1 => SetKind::Warmup,
            2 => SetKind::Drop,
            _ => SetKind::Failure,
        };
        let has = |bit: u8| flags & (1 << bit) != 0;
        Ok(WorkoutSet {
            id: 0,
            exercise_id: String::new(),
            kind,
            is_record: has(2),
            reps: has(3).then(|| r.u32()).transpose()?,
            weight_kg: has(4).then(|| r.f64()).transpose()?,
            rpe: has(5).then(|| r.f64()).transpose()?,
            duration_s: has(6).then(|| r.u32()).transpose()?,
            distance_m: has(7).then(|| r.f64()).transpose()?,
            completed_at: 0,
        })
    }
}

/// A workout's sets in the order they were done (completed at, then id): the one row they are
/// stored in from schema version 18, so a set costs its own few bytes and no key of its own.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
#[serde(transparent)]
pub struct SetList(pub Vec<WorkoutSet>);

impl SetList {
    /// Puts the sets in the order they were done.
    pub fn sort(&mut self) {
        self.0.sort_by_key(|s| (s.completed_at, s.id));
    }
}

impl SetList {
    /// Calls `f` with each set of the stored row `bytes` (its id, exercise and completion
    /// time), in the order stored, without decoding the sets: what appending a set needs to
    /// know of the rows it does not change.
    pub fn scan(bytes: &[u8], mut f: impl FnMut(u128, &str, i64)) -> Result<(), AppError> {
        match bytes.split_first() {
            Some((&COMPACT, body)) => Self::scan_compact(&mut Reader(body), &mut f)
                .map_err(|e| AppError::Internal(format!("corrupt stored value: {e}"))),
            _ => {
                for s in decode::<SetList>(bytes)?.0 {
                    f(s.id, &s.exercise_id, s.completed_at);
                }
                Ok(())
            }
        }
    }

    fn scan_compact(r: &mut Reader<'_>, f: &mut impl FnMut(u128, &str, i64)) -> Result<(), String> {
        let exercises = (0..r.varint()?)
            .map(|_| r.str_ref())
            .collect::<Result<Vec<&str>, String>>()?;
        let mut prev = 0i64;
        for _ in 0..r.varint()? {
            let id = r.id()?;
            let exercise = usize::try_from(r.varint()?)
                .ok()
                .and_then(|i| exercises.get(i))
                .ok_or("a set names an exercise the row does not list")?;
            WorkoutSet::read_numbers(r)?;
            prev = prev.wrapping_add(r.zigzag()?);
            f(id, exercise, prev);
        }
        Ok(())
    }
}

impl Record for SetList {
    const FORMAT: u8 = 1;

    /// Format 128: the exercises done (a count, then each id once, in order of first use); the
    /// sets (a count, then each: its id, the index of its exercise, the numbers as in a set's
    /// own layout, and its completion time as the difference from the set before it, the
    /// first from zero).
    fn encode_compact(&self, w: &mut Writer) -> Option<u8> {
        let mut exercises: Vec<&str> = Vec::new();
        let index: Vec<usize> = self
            .0
            .iter()
            .map(
                |s| match exercises.iter().position(|e| *e == s.exercise_id) {
                    Some(i) => i,
                    None => {
                        exercises.push(&s.exercise_id);
                        exercises.len() - 1
                    }
                },
            )
            .collect();
        w.varint(exercises.len() as u64);
        for e in &exercises {
            w.str(e);
        }
        w.varint(self.0.len() as u64);
        let mut prev = 0i64;
        for (s, i) in self.0.iter().zip(index) {
            w.id(s.id);
            w.varint(i as u64);
            s.write_numbers(w);
            w.zigzag(s.completed_at.wrapping_sub(prev));
            prev = s.completed_at;
        }
        Some(COMPACT)
    }

    fn decode_compact(format: u8, r: &mut Reader<'_>) -> Result<Self, String> {
        if format != COMPACT {
            return Err(format!("unknown record format {format}"));
        }
        let exercises = (0..r.varint()?)
            .map(|_| r.str())
            .collect::<Result<Vec<String>, String>>()?;
        let n = r.varint()?;
        let mut sets = Vec::with_capacity(usize::try_from(n.min(1024)).unwrap_or(0));
        let mut prev = 0i64;
        for _ in 0..n {
            let id = r.id()?;
            let exercise = usize::try_from(r.varint()?)
                .ok()
                .and_then(|i| exercises.get(i))
                .ok_or("a set names an exercise the row does not list")?;
            let mut s = WorkoutSet::read_numbers(r)?;
            s.id = id;
            s.exercise_id = exercise.clone();
            prev = prev.wrapping_add(r.zigzag()?);
            s.completed_at = prev;
            sets.push(s);
        }
        Ok(SetList(sets))
    }
}

impl WorkoutSet {
    /// Load moved: weight × reps (0 for sets without both), warm-ups excluded.
    pub fn volume(&self) -> f64 {
        if self.kind == SetKind::Warmup {
            return 0.0;
        }
        match (self.weight_kg, self.reps) {
            (Some(w), Some(r)) => w * f64::from(r),
            _ => 0.0,
        }
    }

    /// Estimated one-repetition maximum (Epley), for sets of 1–12 reps with a load.
    pub fn e1rm(&self) -> Option<f64> {
        if self.kind == SetKind::Warmup {
            return None;
        }
        let (w, r) = (self.weight_kg?, self.reps?);
        match r {
            0 => None,
            1 => Some(w),
            2..=12 => Some(w * (1.0 + f64::from(r) / 30.0)),
            _ => None,
        }
        .filter(|v| *v > 0.0)
    }
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct BodyMetric {
    pub id: u128,
    pub user_id: u128,
    /// `weight` (kg), `body_fat` (%), or a measurement in metres (`waist`, `chest`, …).
    pub kind: String,
    pub value: f64,
    pub measured_at: i64,
    #[serde(default)]
    pub note: String,
}

impl Record for BodyMetric {
    const FORMAT: u8 = 1;
}

/// A set of exercise "x" for unit tests.
#[cfg(test)]
pub(crate) fn test_set(kind: SetKind, reps: Option<u32>, kg: Option<f64>) -> WorkoutSet {
    WorkoutSet {
        id: 1,
        exercise_id: "x".into(),
        kind,
        reps,
        weight_kg: kg,
        rpe: None,
        duration_s: None,
        distance_m: None,
        completed_at: 0,
        is_record: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(kind: SetKind, reps: Option<u32>, kg: Option<f64>) -> WorkoutSet {
        test_set(kind, reps, kg)
    }

    #[test]
    fn e1rm_and_volume() {
        assert_eq!(
            set(SetKind::Normal, Some(1), Some(100.0)).e1rm(),
            Some(100.0)
        );
        let five = set(SetKind::Normal, Some(5), Some(100.0)).e1rm().unwrap();
        assert!((five - 116.666).abs() < 0.01);
        assert_eq!(set(SetKind::Normal, Some(20), Some(50.0)).e1rm(), None);
        assert_eq!(set(SetKind::Warmup, Some(5), Some(60.0)).e1rm(), None);
        assert_eq!(set(SetKind::Normal, Some(5), None).e1rm(), None);
        assert_eq!(set(SetKind::Normal, Some(10), Some(50.0)).volume(), 500.0);
        assert_eq!(set(SetKind::Warmup, Some(10), Some(50.0)).volume(), 0.0);
    }

    #[test]
    fn a_scan_sees_what_decoding_sees() {
        use crate::storage::codec::{decode, encode, encode_json};
        let sets: Vec<WorkoutSet> = (0..40u32)
            .map(|i| WorkoutSet {
                id: u128::from(i) * 7919 + 1,
                exercise_id: ["squat", "bench", "row"][i as usize % 3].to_owned(),
                kind: [SetKind::Normal, SetKind::Warmup, SetKind::Drop][i as usize % 3],
                reps: (i % 4 != 0).then_some(i),
                weight_kg: (i % 5 != 0).then_some(20.0 + f64::from(i) * 2.5),
                rpe: (i % 2 == 0).then_some(8.5),
                duration_s: (i % 6 == 0).then_some(30),
                distance_m: (i % 9 == 0).then_some(1234.567),
                // Not in order: a row keeps the order done, but a late set can go anywhere.
                completed_at: 1_700_000_000 + i64::from((i * 37) % 41) - 20,
                is_record: i % 11 == 0,
            })
            .collect();
        let list = SetList(sets.clone());
        let want: Vec<(u128, String, i64)> = sets
            .iter()
            .map(|s| (s.id, s.exercise_id.clone(), s.completed_at))
            .collect();
        for bytes in [encode(&list), encode_json(&list)] {
            let mut seen = Vec::new();
            SetList::scan(&bytes, |id, e, at| seen.push((id, e.to_owned(), at))).unwrap();
            assert_eq!(seen, want);
            assert_eq!(decode::<SetList>(&bytes).unwrap(), list);
        }
        // A row cut short is an error, never a panic.
        let bytes = encode(&list);
        for n in [1, 2, 10, bytes.len() / 2, bytes.len() - 1] {
            assert!(SetList::scan(&bytes[..n], |_, _, _| {}).is_err(), "{n}");
        }
    }
}
