//! Wire types of the training endpoints.

use poem_openapi::types::MaybeUndefined;
use poem_openapi::{Enum, Object};

use crate::accounts::api::dto::TimeText;
use crate::accounts::api::rfc3339;
use crate::api::json::JsonOut;
use crate::storage::ids::{self, IdText};
use crate::training::model::{
    self, BodyMetric, Exercise, ExerciseSource, LoadTarget, Plan, PlanDay, PlanExercise, PlanRef,
    PlanWeek, RepsTarget, SetTarget, Workout, WorkoutSet,
};

macro_rules! wire_enum {
    ($name:ident, $model:path, $($v:ident),+) => {
        #[derive(Enum, serde::Serialize, Debug, Clone, Copy, PartialEq, Eq)]
        #[oai(rename_all = "snake_case")]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($v),+ }
        impl From<$model> for $name {
            fn from(v: $model) -> Self { match v { $(<$model>::$v => Self::$v),+ } }
        }
        impl From<$name> for $model {
            fn from(v: $name) -> Self { match v { $($name::$v => Self::$v),+ } }
        }
    };
}
wire_enum!(
    LoggingDto,
    model::Logging,
    WeightReps,
    Reps,
    Duration,
    DistanceDuration
);
wire_enum!(MechanicsDto, model::Mechanics, Compound, Isolation);
wire_enum!(
    TrainingVisibility,
    model::Visibility,
    Private,
    Followers,
    Members,
    Public
);
wire_enum!(SetKindDto, model::SetKind, Normal, Warmup, Drop, Failure);

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum ExerciseScope {
    /// Built into Gymbox.
    Builtin,
    /// Added for the whole gym (by a coach or admin, or imported).
    Gym,
    /// The caller's own.
    Private,
}

#[derive(Object, Debug, Clone)]
pub struct ExerciseDto {
    pub id: String,
    pub name_en: String,
    pub name_ru: String,
    pub aliases_en: Vec<String>,
    pub aliases_ru: Vec<String>,
    pub primary: Vec<String>,
    pub secondary: Vec<String>,
    pub equipment: String,
    pub category: String,
    #[oai(nullable)]
    pub mechanics: Option<MechanicsDto>,
    pub logging: LoggingDto,
    pub scope: ExerciseScope,
    pub instructions: Vec<String>,
    /// Russian how-to steps (built-in exercises); `instructions` holds English or the author's
    /// text.
    pub instructions_ru: Vec<String>,
}

impl From<&Exercise> for ExerciseDto {
    fn from(e: &Exercise) -> Self {
        Self {
            id: e.id.clone(),
            name_en: e.name_en.clone(),
            name_ru: e.name_ru.clone(),
            aliases_en: e.aliases_en.clone(),
            aliases_ru: e.aliases_ru.clone(),
            primary: e.primary.clone(),
            secondary: e.secondary.clone(),
            equipment: e.equipment.clone(),
            category: e.category.clone(),
            mechanics: e.mechanics.map(Into::into),
            logging: e.logging.into(),
            scope: match (e.source, e.owner_id) {
                (ExerciseSource::Builtin, _) => ExerciseScope::Builtin,
                (_, Some(_)) => ExerciseScope::Private,
                (_, None) => ExerciseScope::Gym,
            },
            instructions: e.instructions.clone(),
            instructions_ru: e.instructions_ru.clone(),
        }
    }
}

#[derive(Object, Debug)]
pub struct ExerciseList {
    pub items: Vec<ExerciseDto>,
    #[oai(nullable)]
    pub next_cursor: Option<String>,
}

/// A custom exercise. Names up to 120 characters; muscles, equipment and category from the
/// catalogue's vocabularies (see the built-in exercises). A member owns at most 1000 private
/// exercises (422 `limit_reached`).
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct ExerciseCreate {
    pub name_en: String,
    pub name_ru: Option<String>,
    /// Other names, in either language.
    pub aliases: Option<Vec<String>>,
    pub primary: Vec<String>,
    pub secondary: Option<Vec<String>>,
    pub equipment: String,
    pub category: Option<String>,
    pub mechanics: Option<MechanicsDto>,
    pub logging: Option<LoggingDto>,
    pub instructions: Option<Vec<String>>,
    /// Visible to the whole gym (coaches and admins only); otherwise private.
    #[oai(default)]
    pub gym_wide: bool,
}

#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct ExercisePatch {
    pub name_en: Option<String>,
    pub name_ru: Option<String>,
    pub aliases: Option<Vec<String>>,
    pub primary: Option<Vec<String>>,
    pub secondary: Option<Vec<String>>,
    pub equipment: Option<String>,
    pub category: Option<String>,
    pub mechanics: MaybeUndefined<MechanicsDto>,
    pub logging: Option<LoggingDto>,
    pub instructions: Option<Vec<String>>,
}

#[derive(Object, Debug)]
pub struct RecordDto {
    /// Best estimated one-rep max (Epley), kg.
    #[oai(nullable)]
    pub best_e1rm_kg: Option<f64>,
    #[oai(nullable)]
    pub best_weight_kg: Option<f64>,
    #[oai(nullable)]
    pub best_reps: Option<u32>,
    pub sets: u32,
    #[oai(nullable)]
    pub last_at: Option<String>,
}

impl RecordDto {
    /// The bests of `r`, with the count of the exercise's sets and when the newest was done.
    pub fn new(r: &crate::analysis::model::RecordSummary, sets: u32, last_at: Option<i64>) -> Self {
        use crate::analysis::model::Metric;
        Self {
            best_e1rm_kg: r.best(Metric::E1rm).map(round2),
            best_weight_kg: r.best(Metric::Heaviest).map(round2),
            best_reps: r.best(Metric::MostReps).map(|v| v.round() as u32),
            sets,
            last_at: last_at.map(rfc3339),
        }
    }
}

pub fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

#[derive(Object, Debug)]
pub struct HistoryItem {
    pub workout_id: String,
    pub set: SetDto,
}

#[derive(Object, Debug)]
pub struct ExerciseHistory {
    pub record: RecordDto,
    pub items: Vec<HistoryItem>,
    #[oai(nullable)]
    pub next_cursor: Option<String>,
}

#[derive(Object, Debug)]
pub struct ImportInvalid {
    pub index: u32,
    pub name: String,
    pub reason: String,
}

#[derive(Object, Debug)]
pub struct ImportReportDto {
    pub total: u32,
    pub imported: u32,
    pub skipped_duplicates: u32,
    pub invalid: Vec<ImportInvalid>,
}

/// Target repetitions: `min` = `max` for an exact number, a range, or `amrap` (as many as possible).
#[derive(Object, Debug, Clone)]
#[oai(deny_unknown_fields)]
pub struct RepsTargetDto {
    #[oai(nullable)]
    pub min: Option<u32>,
    #[oai(nullable)]
    pub max: Option<u32>,
    #[oai(default)]
    pub amrap: bool,
}

/// Target load: exactly one of `kg`, `percent_e1rm` or `rpe`.
#[derive(Object, Debug, Clone)]
#[oai(deny_unknown_fields)]
pub struct LoadTargetDto {
    #[oai(nullable)]
    pub kg: Option<f64>,
    #[oai(nullable)]
    pub percent_e1rm: Option<f64>,
    #[oai(nullable)]
    pub rpe: Option<f64>,
}

#[derive(Object, Debug, Clone)]
#[oai(deny_unknown_fields)]
pub struct SetTargetDto {
    #[oai(default, nullable)]
    pub kind: Option<SetKindDto>,
    #[oai(nullable)]
    pub reps: Option<RepsTargetDto>,
    #[oai(nullable)]
    pub load: Option<LoadTargetDto>,
    #[oai(nullable)]
    pub duration_s: Option<u32>,
    #[oai(nullable)]
    pub distance_m: Option<f64>,
    /// Rest after this set, seconds (the app's rest timer).
    #[oai(nullable)]
    pub rest_s: Option<u32>,
}

/// One exercise of a plan day: 1 to 20 set targets, notes up to 1000 characters.
#[derive(Object, Debug, Clone)]
#[oai(deny_unknown_fields)]
pub struct PlanExerciseDto {
    pub exercise_id: String,
    /// Exercises with the same label (e.g. "A") form a superset.
    #[oai(nullable)]
    pub superset: Option<String>,
    #[oai(default)]
    pub notes: String,
    pub sets: Vec<SetTargetDto>,
}

/// A training day: a name of 1 to 80 characters, notes up to 2000, 1 to 30 exercises.
#[derive(Object, Debug, Clone)]
#[oai(deny_unknown_fields)]
pub struct PlanDayDto {
    pub name: String,
    #[oai(default)]
    pub notes: String,
    pub exercises: Vec<PlanExerciseDto>,
}

/// A plan week: 1 to 7 training days.
#[derive(Object, Debug, Clone)]
#[oai(deny_unknown_fields)]
pub struct PlanWeekDto {
    pub days: Vec<PlanDayDto>,
}

/// Why a plan's structure is invalid, before the service's own checks.
pub fn weeks_from_dto(weeks: Vec<PlanWeekDto>) -> Result<Vec<PlanWeek>, crate::error::AppError> {
    let mut errs = Vec::new();
    let out = weeks
        .into_iter()
        .enumerate()
        .map(|(w, week)| PlanWeek {
            days: week
                .days
                .into_iter()
                .enumerate()
                .map(|(d, day)| PlanDay {
                    name: day.name.trim().to_owned(),
                    notes: day.notes,
                    exercises: day
                        .exercises
                        .into_iter()
                        .enumerate()
                        .map(|(i, ex)| PlanExercise {
                            exercise_id: ex.exercise_id,
                            superset: ex.superset.map(|s| s.trim().to_owned()),
                            notes: ex.notes,
                            sets: ex
                                .sets
                                .into_iter()
                                .enumerate()
                                .map(|(j, s)| {
                                    let at =
                                        format!("weeks[{w}].days[{d}].exercises[{i}].sets[{j}]");
                                    set_target(&at, s, &mut errs)
                                })
                                .collect(),
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    if errs.is_empty() {
        Ok(out)
    } else {
        Err(crate::error::AppError::Validation(errs))
    }
}

fn set_target(at: &str, s: SetTargetDto, errs: &mut Vec<crate::error::FieldError>) -> SetTarget {
    use crate::error::FieldError;
    let reps = s.reps.and_then(|r| match (r.amrap, r.min, r.max) {
        (true, _, _) => Some(RepsTarget::Amrap),
        (false, Some(a), Some(b)) if a == b => Some(RepsTarget::Exact { reps: a }),
        (false, Some(a), Some(b)) => Some(RepsTarget::Range { min: a, max: b }),
        (false, Some(a), None) | (false, None, Some(a)) => Some(RepsTarget::Exact { reps: a }),
        (false, None, None) => None,
    });
    let load = s.load.and_then(|l| match (l.kg, l.percent_e1rm, l.rpe) {
        (Some(kg), None, None) => Some(LoadTarget::Kg { kg }),
        (None, Some(percent), None) => Some(LoadTarget::PercentE1rm { percent }),
        (None, None, Some(rpe)) => Some(LoadTarget::Rpe { rpe }),
        (None, None, None) => None,
        _ => {
            errs.push(FieldError::new(
                &format!("{at}.load"),
                "Give one of kg, percent_e1rm or rpe.",
            ));
            None
        }
    });
    SetTarget {
        kind: s.kind.map_or_else(Default::default, Into::into),
        reps,
        load,
        duration_s: s.duration_s,
        distance_m: s.distance_m,
        rest_s: s.rest_s,
    }
}

pub fn target_dto(s: &SetTarget) -> SetTargetDto {
    SetTargetDto {
        kind: Some(s.kind.into()),
        reps: s.reps.map(|r| match r {
            RepsTarget::Exact { reps } => RepsTargetDto {
                min: Some(reps),
                max: Some(reps),
                amrap: false,
            },
            RepsTarget::Range { min, max } => RepsTargetDto {
                min: Some(min),
                max: Some(max),
                amrap: false,
            },
            RepsTarget::Amrap => RepsTargetDto {
                min: None,
                max: None,
                amrap: true,
            },
        }),
        load: s.load.map(|l| match l {
            LoadTarget::Kg { kg } => LoadTargetDto {
                kg: Some(kg),
                percent_e1rm: None,
                rpe: None,
            },
            LoadTarget::PercentE1rm { percent } => LoadTargetDto {
                kg: None,
                percent_e1rm: Some(percent),
                rpe: None,
            },
            LoadTarget::Rpe { rpe } => LoadTargetDto {
                kg: None,
                percent_e1rm: None,
                rpe: Some(rpe),
            },
        }),
        duration_s: s.duration_s,
        distance_m: s.distance_m,
        rest_s: s.rest_s,
    }
}

pub fn day_dto(d: &PlanDay) -> PlanDayDto {
    PlanDayDto {
        name: d.name.clone(),
        notes: d.notes.clone(),
        exercises: d
            .exercises
            .iter()
            .map(|e| PlanExerciseDto {
                exercise_id: e.exercise_id.clone(),
                superset: e.superset.clone(),
                notes: e.notes.clone(),
                sets: e.sets.iter().map(target_dto).collect(),
            })
            .collect(),
    }
}

#[derive(Object, Debug)]
pub struct PlanDto {
    pub id: String,
    pub owner_id: String,
    /// Who wrote it; given when a plan is read (`GET /plans/{id}`).
    #[oai(skip_serializing_if_is_none, nullable)]
    pub author: Option<UserRef>,
    pub title: String,
    pub description: String,
    pub tags: Vec<String>,
    #[oai(nullable)]
    pub goal: Option<String>,
    pub visibility: TrainingVisibility,
    pub weeks: Vec<PlanWeekDto>,
    #[oai(nullable)]
    pub forked_from: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// Send it back as `If-Match` when editing, to detect concurrent edits.
    pub version: u64,
}

impl From<&Plan> for PlanDto {
    fn from(p: &Plan) -> Self {
        Self {
            id: ids::to_string(p.id),
            owner_id: ids::to_string(p.owner_id),
            author: None,
            title: p.title.clone(),
            description: p.description.clone(),
            tags: p.tags.clone(),
            goal: p.goal.clone(),
            visibility: p.visibility.into(),
            weeks: p
                .weeks
                .iter()
                .map(|w| PlanWeekDto {
                    days: w.days.iter().map(day_dto).collect(),
                })
                .collect(),
            forked_from: p.forked_from.map(ids::to_string),
            created_at: rfc3339(p.created_at),
            updated_at: rfc3339(p.updated_at),
            version: p.version,
        }
    }
}

#[derive(Object, Debug)]
pub struct PlanSummary {
    pub id: String,
    pub owner_id: String,
    /// Who wrote it; given in lists of other people's plans (the gym's list and search).
    #[oai(skip_serializing_if_is_none, nullable)]
    pub author: Option<UserRef>,
    pub title: String,
    #[oai(nullable)]
    pub goal: Option<String>,
    pub tags: Vec<String>,
    pub visibility: TrainingVisibility,
    pub weeks: u32,
    pub days: u32,
    pub updated_at: String,
    pub version: u64,
}

impl From<&Plan> for PlanSummary {
    fn from(p: &Plan) -> Self {
        Self {
            id: ids::to_string(p.id),
            owner_id: ids::to_string(p.owner_id),
            author: None,
            title: p.title.clone(),
            goal: p.goal.clone(),
            tags: p.tags.clone(),
            visibility: p.visibility.into(),
            weeks: p.weeks.len() as u32,
            days: p.sequence().count() as u32,
            updated_at: rfc3339(p.updated_at),
            version: p.version,
        }
    }
}

/// Who someone is, for showing their name: a plan's author, a workout's owner.
#[derive(Object, Debug, Clone)]
pub struct UserRef {
    pub username: String,
    pub display_name: String,
}

impl From<&crate::accounts::model::User> for UserRef {
    fn from(u: &crate::accounts::model::User) -> Self {
        Self {
            username: u.username.clone(),
            display_name: u.display_name.clone(),
        }
    }
}

/// Which plans `GET /plans` lists when there is no search text.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Default)]
#[oai(rename_all = "snake_case")]
pub enum PlanScope {
    /// The caller's own plans.
    #[default]
    Mine,
    /// Every plan shared with the gym's members (visibility `members` or `public`).
    Gym,
}

#[derive(Object, Debug)]
pub struct PlanList {
    pub items: Vec<PlanSummary>,
    #[oai(nullable)]
    pub next_cursor: Option<String>,
}

/// A new plan: 1 to 52 weeks, at most 3000 exercise entries and 12000 sets in all, and at most
/// 2 MiB once stored (413 beyond). A member owns at most 500 plans (422 `limit_reached`).
/// Unknown fields are refused (422).
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct PlanCreate {
    /// 1–120 characters.
    pub title: String,
    pub description: Option<String>,
    pub tags: Option<Vec<String>>,
    /// strength, hypertrophy, endurance, weight_loss or general.
    pub goal: Option<String>,
    pub visibility: Option<TrainingVisibility>,
    /// 1–52 weeks of 1–7 days; 1–30 exercises a day; 1–20 sets an exercise.
    pub weeks: Vec<PlanWeekDto>,
}

/// Changes to a plan; absent fields stay as they are. The same limits as for a new plan apply.
/// Without `If-Match` the change applies to whatever is stored when it is saved.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct PlanPatch {
    pub title: Option<String>,
    pub description: Option<String>,
    pub tags: Option<Vec<String>>,
    pub goal: MaybeUndefined<String>,
    pub visibility: Option<TrainingVisibility>,
    pub weeks: Option<Vec<PlanWeekDto>>,
}

#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct AssignRequest {
    pub username: String,
    /// `YYYY-MM-DD`.
    pub start_date: String,
}

#[derive(Object, Debug)]
pub struct AssignmentDto {
    pub id: String,
    pub plan: PlanSummary,
    pub coach: String,
    pub member: String,
    pub start_date: String,
    pub days_done: u32,
    pub created_at: String,
}

#[derive(Object, Debug)]
pub struct AssignmentList {
    pub items: Vec<AssignmentDto>,
    #[oai(nullable)]
    pub next_cursor: Option<String>,
}

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum TodayStatus {
    /// The next day of the plan is ready.
    Due,
    /// The plan starts later.
    NotStarted,
    /// Every day of the plan is done.
    Completed,
}

#[derive(Object, Debug)]
pub struct TodayDto {
    pub status: TodayStatus,
    pub assignment_id: String,
    pub plan: PlanSummary,
    pub start_date: String,
    /// 0-based week and day of the next workout (absent when completed).
    #[oai(nullable)]
    pub week: Option<u32>,
    #[oai(nullable)]
    pub day: Option<u32>,
    pub day_number: u32,
    pub total_days: u32,
    #[oai(nullable)]
    pub plan_day: Option<PlanDayDto>,
}

#[derive(Object, serde::Serialize, Debug, Clone)]
pub struct PlanRefDto {
    pub plan_id: String,
    pub week: u32,
    pub day: u32,
    #[oai(nullable)]
    pub assignment_id: Option<String>,
}

impl From<&PlanRef> for PlanRefDto {
    fn from(r: &PlanRef) -> Self {
        Self {
            plan_id: ids::to_string(r.plan_id),
            week: r.week,
            day: r.day,
            assignment_id: r.assignment_id.map(ids::to_string),
        }
    }
}

#[derive(Object, serde::Serialize, Debug)]
pub struct WorkoutDto {
    pub id: String,
    /// Whose workout it is.
    pub user_id: String,
    pub title: String,
    pub notes: String,
    pub started_at: String,
    #[oai(nullable)]
    pub finished_at: Option<String>,
    /// Seconds from start to finish, when finished.
    #[oai(nullable)]
    pub duration_s: Option<i64>,
    pub visibility: TrainingVisibility,
    #[oai(nullable)]
    pub plan: Option<PlanRefDto>,
    pub set_count: u32,
    /// Sum of weight × reps of the working sets, kg.
    pub volume_kg: f64,
    /// Sets that set a new best estimated 1RM.
    pub records_hit: u32,
    /// The member's note per exercise, in the order written.
    pub exercise_notes: Vec<ExerciseNoteDto>,
    /// Supersets of a workout not laid out by a plan: groups of exercise ids, each in the
    /// order to alternate them (labelled A, B, … in this order).
    pub supersets: Vec<Vec<String>>,
    pub version: u64,
}

impl From<&Workout> for WorkoutDto {
    fn from(w: &Workout) -> Self {
        Self {
            id: ids::to_string(w.id),
            user_id: ids::to_string(w.user_id),
            title: w.title.clone(),
            notes: w.notes.clone(),
            started_at: rfc3339(w.started_at),
            finished_at: w.finished_at.map(rfc3339),
            duration_s: w.finished_at.map(|f| f - w.started_at),
            visibility: w.visibility.into(),
            plan: w.plan.as_ref().map(PlanRefDto::from),
            set_count: w.set_count,
            volume_kg: round2(w.volume_kg),
            records_hit: w.records_hit,
            exercise_notes: w
                .exercise_notes
                .iter()
                .map(|n| ExerciseNoteDto {
                    exercise_id: n.exercise_id.clone(),
                    text: n.text.clone(),
                })
                .collect(),
            supersets: w.supersets.clone(),
            version: w.version,
        }
    }
}

#[derive(Object, serde::Serialize, Debug)]
pub struct WorkoutList {
    pub items: Vec<WorkoutDto>,
    #[oai(nullable)]
    pub next_cursor: Option<String>,
}

/// A [`WorkoutList`] written from the stored workouts themselves (`Written<WorkoutList>`):
/// the same JSON, byte for byte (see the tests), without a `WorkoutDto` per row and without
/// serde's walk of every key of every row (a history page is the list read most).
pub struct WorkoutListView<'a> {
    pub items: &'a [Workout],
    pub next_cursor: Option<String>,
}

impl WorkoutListView<'_> {
    pub fn json(&self) -> JsonOut {
        let mut out = JsonOut::with_capacity(512 + 512 * self.items.len());
        out.raw("{\"items\":[");
        for (i, w) in self.items.iter().enumerate() {
            if i > 0 {
                out.raw(",");
            }
            write_workout(&mut out, w);
        }
        out.raw("],\"next_cursor\":")
            .opt_str(self.next_cursor.as_deref())
            .raw("}");
        out
    }
}

fn visibility_text(v: model::Visibility) -> &'static [u8] {
    match TrainingVisibility::from(v) {
        TrainingVisibility::Private => b"private",
        TrainingVisibility::Followers => b"followers",
        TrainingVisibility::Members => b"members",
        TrainingVisibility::Public => b"public",
    }
}

/// `w` as its [`WorkoutDto`] is written: the same fields in the same order.
fn write_workout(out: &mut JsonOut, w: &Workout) {
    out.raw("{\"id\":")
        .plain(IdText::of(w.id).as_bytes())
        .raw(",\"user_id\":")
        .plain(IdText::of(w.user_id).as_bytes())
        .raw(",\"title\":")
        .str(&w.title)
        .raw(",\"notes\":")
        .str(&w.notes)
        .raw(",\"started_at\":")
        .plain(TimeText::of(w.started_at).as_bytes())
        .raw(",\"finished_at\":");
    match w.finished_at {
        Some(f) => out
            .plain(TimeText::of(f).as_bytes())
            .raw(",\"duration_s\":")
            .int(f - w.started_at),
        None => out.raw("null,\"duration_s\":null"),
    };
    out.raw(",\"visibility\":")
        .plain(visibility_text(w.visibility))
        .raw(",\"plan\":");
    match &w.plan {
        Some(r) => {
            out.raw("{\"plan_id\":")
                .plain(IdText::of(r.plan_id).as_bytes())
                .raw(",\"week\":")
                .int(r.week)
                .raw(",\"day\":")
                .int(r.day)
                .raw(",\"assignment_id\":");
            match r.assignment_id {
                Some(a) => out.plain(IdText::of(a).as_bytes()).raw("}"),
                None => out.raw("null}"),
            };
        }
        None => {
            out.raw("null");
        }
    }
    out.raw(",\"set_count\":")
        .int(w.set_count)
        .raw(",\"volume_kg\":")
        .f64(round2(w.volume_kg))
        .raw(",\"records_hit\":")
        .int(w.records_hit)
        .raw(",\"exercise_notes\":[");
    for (i, n) in w.exercise_notes.iter().enumerate() {
        if i > 0 {
            out.raw(",");
        }
        out.raw("{\"exercise_id\":")
            .str(&n.exercise_id)
            .raw(",\"text\":")
            .str(&n.text)
            .raw("}");
    }
    out.raw("],\"supersets\":[");
    for (i, group) in w.supersets.iter().enumerate() {
        out.raw(if i > 0 { ",[" } else { "[" });
        for (j, e) in group.iter().enumerate() {
            if j > 0 {
                out.raw(",");
            }
            out.str(e);
        }
        out.raw("]");
    }
    out.raw("],\"version\":").int(w.version).raw("}");
}

#[derive(Object, Debug)]
pub struct PreviousSets {
    pub exercise_id: String,
    pub sets: Vec<SetDto>,
}

#[derive(Object, Debug)]
pub struct WorkoutDetailDto {
    pub workout: WorkoutDto,
    /// Whose workout it is; given when a workout is read (`GET /workouts/{id}`).
    #[oai(skip_serializing_if_is_none, nullable)]
    pub owner: Option<UserRef>,
    pub sets: Vec<SetDto>,
    /// The plan day this workout follows, with its targets.
    #[oai(nullable)]
    pub plan_day: Option<PlanDayDto>,
    /// The owner's sets of each exercise in their previous workout with it ("last time").
    pub previous: Vec<PreviousSets>,
}

/// A new workout. A member starts at most 50 workouts in one UTC day (422 `limit_reached`).
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct WorkoutCreate {
    /// A UUID chosen by the client (offline devices); repeated creates return the first.
    pub id: Option<String>,
    pub title: Option<String>,
    pub notes: Option<String>,
    /// RFC 3339; default now. Past times enter a workout afterwards.
    pub started_at: Option<String>,
    pub finished_at: Option<String>,
    pub visibility: Option<TrainingVisibility>,
    /// Start from a plan day: its exercises and targets come with the workout.
    pub plan: Option<PlanRefDto>,
}

#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct WorkoutPatchDto {
    pub title: Option<String>,
    pub notes: Option<String>,
    pub started_at: Option<String>,
    /// Set to finish; `null` reopens.
    pub finished_at: MaybeUndefined<String>,
    pub visibility: Option<TrainingVisibility>,
    /// Replaces every exercise note of the workout (at most 50, one per exercise, up to 1,000
    /// characters each); an empty `text` removes that exercise's note.
    pub exercise_notes: Option<Vec<ExerciseNoteDto>>,
    /// Replaces every superset group: at most 10 groups of 2–6 exercise ids, an exercise in
    /// one group at most; `[]` removes them all.
    pub supersets: Option<Vec<Vec<String>>>,
}

/// A member's note on one exercise of a workout.
#[derive(Object, serde::Serialize, Debug, Clone)]
#[oai(deny_unknown_fields)]
pub struct ExerciseNoteDto {
    pub exercise_id: String,
    pub text: String,
}

#[derive(Object, serde::Serialize, Debug, Clone)]
pub struct SetDto {
    pub id: String,
    pub exercise_id: String,
    pub kind: SetKindDto,
    #[oai(nullable)]
    pub reps: Option<u32>,
    #[oai(nullable)]
    pub weight_kg: Option<f64>,
    #[oai(nullable)]
    pub rpe: Option<f64>,
    #[oai(nullable)]
    pub duration_s: Option<u32>,
    #[oai(nullable)]
    pub distance_m: Option<f64>,
    pub completed_at: String,
    /// This set beat the previous best estimated 1RM.
    pub is_record: bool,
}

impl From<&WorkoutSet> for SetDto {
    fn from(s: &WorkoutSet) -> Self {
        Self {
            id: ids::to_string(s.id),
            exercise_id: s.exercise_id.clone(),
            kind: s.kind.into(),
            reps: s.reps,
            weight_kg: s.weight_kg,
            rpe: s.rpe,
            duration_s: s.duration_s,
            distance_m: s.distance_m,
            completed_at: rfc3339(s.completed_at),
            is_record: s.is_record,
        }
    }
}

/// A logged set. A workout holds at most 500 sets (422 `limit_reached`).
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct SetCreate {
    /// A UUID chosen by the client: a retried request never adds the set twice.
    pub id: Option<String>,
    pub exercise_id: String,
    pub kind: Option<SetKindDto>,
    pub reps: Option<u32>,
    pub weight_kg: Option<f64>,
    /// 1–10 in steps of 0.5.
    pub rpe: Option<f64>,
    pub duration_s: Option<u32>,
    pub distance_m: Option<f64>,
    pub completed_at: Option<String>,
}

#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct SetPatch {
    pub exercise_id: Option<String>,
    pub kind: Option<SetKindDto>,
    pub reps: MaybeUndefined<u32>,
    pub weight_kg: MaybeUndefined<f64>,
    pub rpe: MaybeUndefined<f64>,
    pub duration_s: MaybeUndefined<u32>,
    pub distance_m: MaybeUndefined<f64>,
    pub completed_at: Option<String>,
}

#[derive(Object, Debug)]
pub struct BodyMetricDto {
    pub id: String,
    /// `weight` (kg), `body_fat` (%), or a measurement in metres (`waist`, `hips`, `chest`,
    /// `neck`, `shoulders`, `arm`, `forearm`, `thigh`, `calf`), or a custom kind.
    pub kind: String,
    pub value: f64,
    pub measured_at: String,
    pub note: String,
}

impl From<&BodyMetric> for BodyMetricDto {
    fn from(m: &BodyMetric) -> Self {
        Self {
            id: ids::to_string(m.id),
            kind: m.kind.clone(),
            value: m.value,
            measured_at: rfc3339(m.measured_at),
            note: m.note.clone(),
        }
    }
}

#[derive(Object, Debug)]
pub struct BodyMetricList {
    pub items: Vec<BodyMetricDto>,
    #[oai(nullable)]
    pub next_cursor: Option<String>,
}

/// A measurement. At most 50 of one kind in one UTC day (422 `limit_reached`).
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct BodyMetricCreate {
    pub kind: String,
    pub value: f64,
    pub measured_at: Option<String>,
    pub note: Option<String>,
}

/// An entry an import could not take, as the CLI prints it.
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone)]
pub struct ImportInvalidJson {
    pub index: usize,
    pub name: String,
    pub reason: String,
}

/// The import report as the CLI prints it (`--json`).
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone)]
pub struct ImportReportJson {
    pub total: usize,
    pub imported: usize,
    pub skipped_duplicates: usize,
    pub invalid: Vec<ImportInvalidJson>,
}

impl From<&crate::training::service::ImportReport> for ImportReportJson {
    fn from(r: &crate::training::service::ImportReport) -> Self {
        Self {
            total: r.total,
            imported: r.imported,
            skipped_duplicates: r.skipped_duplicates,
            invalid: r
                .invalid
                .iter()
                .map(|i| ImportInvalidJson {
                    index: i.index,
                    name: i.name.clone(),
                    reason: i.reason.clone(),
                })
                .collect(),
        }
    }
}

#[derive(Object, Debug)]
pub struct AdherenceWeekDto {
    /// The week's first day, counted from the assignment's start date.
    pub week_start: String,
    /// Days the plan has in this week (0 once the plan has run out).
    pub planned: u32,
    /// Finished workouts of this assignment started in the week.
    pub done: u32,
}

#[derive(Object, Debug)]
pub struct AdherenceExerciseDto {
    pub exercise_id: String,
    pub targets: Vec<SetTargetDto>,
    pub actual: Vec<SetDto>,
}

#[derive(Object, Debug)]
pub struct AdherenceDayDto {
    pub workout_id: String,
    pub date: String,
    pub week: u32,
    pub day: u32,
    #[oai(nullable)]
    pub day_name: Option<String>,
    /// The planned exercises first (target vs actual), then any the member added.
    pub exercises: Vec<AdherenceExerciseDto>,
}

/// Planned vs done sessions per week of an assignment, and target vs actual per set of the
/// planned days done (newest first, at most 20).
#[derive(Object, Debug)]
pub struct AdherenceDto {
    pub assignment_id: String,
    pub plan_id: String,
    pub plan_title: String,
    pub weeks: Vec<AdherenceWeekDto>,
    pub days: Vec<AdherenceDayDto>,
}

impl From<&crate::training::service::Adherence> for AdherenceDto {
    fn from(a: &crate::training::service::Adherence) -> Self {
        Self {
            assignment_id: crate::storage::ids::to_string(a.assignment.id),
            plan_id: crate::storage::ids::to_string(a.plan.id),
            plan_title: a.plan.title.clone(),
            weeks: a
                .weeks
                .iter()
                .map(|w| AdherenceWeekDto {
                    week_start: w.week_start.to_string(),
                    planned: w.planned,
                    done: w.done,
                })
                .collect(),
            days: a
                .days
                .iter()
                .map(|d| {
                    let mut exercises: Vec<AdherenceExerciseDto> = d
                        .day
                        .iter()
                        .flat_map(|day| day.exercises.iter())
                        .map(|e| AdherenceExerciseDto {
                            exercise_id: e.exercise_id.clone(),
                            targets: e.sets.iter().map(target_dto).collect(),
                            actual: Vec::new(),
                        })
                        .collect();
                    for s in &d.sets {
                        match exercises
                            .iter_mut()
                            .find(|e| e.exercise_id == s.exercise_id)
                        {
                            Some(e) => e.actual.push(SetDto::from(s)),
                            None => exercises.push(AdherenceExerciseDto {
                                exercise_id: s.exercise_id.clone(),
                                targets: Vec::new(),
                                actual: vec![SetDto::from(s)],
                            }),
                        }
                    }
                    let r = d.workout.plan.as_ref();
                    AdherenceDayDto {
                        workout_id: crate::storage::ids::to_string(d.workout.id),
                        date: time::OffsetDateTime::from_unix_timestamp(d.workout.started_at)
                            .map(|t| t.date().to_string())
                            .unwrap_or_default(),
                        week: r.map_or(0, |r| r.week),
                        day: r.map_or(0, |r| r.day),
                        day_name: d.day.as_ref().map(|x| x.name.clone()),
                        exercises,
                    }
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::reply::same_as_openapi;

    fn workout(finished: bool, plan: bool) -> WorkoutDto {
        WorkoutDto {
            id: "01J0000000000000000000000A".into(),
            user_id: "01J0000000000000000000000B".into(),
            title: "Тяжёлый день \"A\" \\ 💪".into(),
            notes: "line one\nline two\t<b>".into(),
            started_at: "2026-12-07T06:00:00Z".into(),
            finished_at: finished.then(|| "2026-12-07T07:05:00Z".into()),
            duration_s: finished.then_some(3900),
            visibility: TrainingVisibility::Followers,
            plan: plan.then(|| PlanRefDto {
                plan_id: "01J0000000000000000000000C".into(),
                week: 2,
                day: 3,
                assignment_id: None,
            }),
            set_count: 17,
            volume_kg: 4312.5,
            records_hit: 1,
            exercise_notes: vec![ExerciseNoteDto {
                exercise_id: "barbell-squat".into(),
                text: "knees out".into(),
            }],
            supersets: vec![vec!["a".into(), "b".into()], vec![]],
            version: u64::from(u32::MAX) + 7,
        }
    }

    #[test]
    fn a_workout_list_is_written_as_its_openapi_description_says() {
        for next_cursor in [None, Some("eyJ0IjoxfQ".to_string())] {
            let list = WorkoutList {
                items: vec![
                    workout(true, true),
                    workout(false, false),
                    workout(true, false),
                ],
                next_cursor,
            };
            same_as_openapi(&list).unwrap();
        }
        same_as_openapi(&WorkoutList {
            items: vec![],
            next_cursor: None,
        })
        .unwrap();
    }

    /// Stored workouts as unlike each other as the fields allow.
    fn stored_workouts() -> Vec<Workout> {
        let base = Workout {
            id: 0x0190_0000_0000_7000_8000_0000_0000_0001,
            user_id: u128::MAX,
            title: "Тяжёлый день \"A\" \\ 💪\u{1}\u{7f}</script>".into(),
            notes: "line one\nline two\t\r".into(),
            started_at: 1_796_000_000,
            finished_at: Some(1_796_003_900),
            visibility: crate::access::Visibility::Followers,
            plan: Some(PlanRef {
                plan_id: 1,
                week: 2,
                day: 3,
                assignment_id: Some(0xabc),
            }),
            set_count: 17,
            volume_kg: 4312.456,
            records_hit: 1,
            exercise_notes: vec![
                model::ExerciseNote {
                    exercise_id: "Barbell_Squat".into(),
                    text: "knees \"out\"".into(),
                },
                model::ExerciseNote {
                    exercise_id: "0190".into(),
                    text: String::new(),
                },
            ],
            supersets: vec![vec!["a".into(), "b\\".into()], vec![]],
            version: u64::MAX,
        };
        let mut out = vec![base.clone()];
        for (i, volume) in [0.0, 0.005, 1e-9, 2082.0, 1e15, -0.0]
            .into_iter()
            .enumerate()
        {
            out.push(Workout {
                id: i as u128,
                user_id: 0,
                title: String::new(),
                notes: String::new(),
                started_at: [
                    0,
                    -1,
                    i64::from(i32::MIN),
                    253_402_300_799,
                    253_402_300_800,
                    -62_167_219_201,
                ][i],
                finished_at: [None, Some(0), Some(4_000_000_000), None, Some(-5), None][i],
                visibility: [
                    crate::access::Visibility::Private,
                    crate::access::Visibility::Members,
                    crate::access::Visibility::Public,
                    crate::access::Visibility::Followers,
                ][i % 4],
                plan: (i % 2 == 1).then_some(PlanRef {
                    plan_id: u128::MAX,
                    week: u32::MAX,
                    day: 0,
                    assignment_id: None,
                }),
                set_count: 0,
                volume_kg: volume,
                records_hit: u32::MAX,
                exercise_notes: vec![],
                supersets: vec![],
                version: 0,
            });
        }
        out
    }

    #[test]
    fn a_workout_list_written_from_the_rows_is_the_one_its_description_gives() {
        let rows = stored_workouts();
        for (items, next) in [
            (&rows[..], Some("eyJ0IjoxfQ".to_string())),
            (&rows[..1], None),
            (&[][..], None),
        ] {
            let dto = WorkoutList {
                items: items.iter().map(WorkoutDto::from).collect(),
                next_cursor: next.clone(),
            };
            let view = WorkoutListView {
                items,
                next_cursor: next,
            };
            let (a, b) = (
                String::from_utf8(view.json().into_bytes()).unwrap(),
                serde_json::to_string(&dto).unwrap(),
            );
            assert_eq!(a, b);
            same_as_openapi(&dto).unwrap();
        }
    }

    #[test]
    fn a_logged_set_is_written_as_its_openapi_description_says() {
        let full = SetDto {
            id: "01J0000000000000000000000A".into(),
            exercise_id: "Barbell_Squat \"deep\"".into(),
            kind: SetKindDto::Drop,
            reps: Some(5),
            weight_kg: Some(102.5),
            rpe: Some(8.5),
            duration_s: Some(u32::MAX),
            distance_m: Some(0.25),
            completed_at: "2026-12-07T06:00:00Z".into(),
            is_record: true,
        };
        let bare = SetDto {
            kind: SetKindDto::Normal,
            reps: None,
            weight_kg: None,
            rpe: None,
            duration_s: None,
            distance_m: None,
            is_record: false,
            ..full.clone()
        };
        same_as_openapi(&full).unwrap();
        same_as_openapi(&bare).unwrap();
    }
}
