//! The JSON files of an account archive, as typed records: the export writes them and the
//! import of a Gymbox archive reads them back. Times are RFC 3339 in UTC, weights kilograms,
//! distances metres, durations seconds; ids are strings (built-in exercises keep their stable
//! slugs, everything else is this server's id and is replaced on import).

use serde::{Deserialize, Serialize};

use crate::accounts::model::{Preferences, Privacy};
use crate::training::model::{Logging, Mechanics, PlanWeek, SetKind, Visibility};

/// The version of the archive layout this binary writes (and the newest it reads).
/// 1: account, workouts, exercises, plans, body metrics, CSV. 2: adds `manifest.json`, the
/// gym-wide exercises the member used (`gym_exercises.json`) and the plan day of a workout.
pub const FORMAT_VERSION: u32 = 2;
/// The `format` of every manifest.
pub const FORMAT: &str = "gymbox-export";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub format_version: u32,
    #[serde(default)]
    pub exported_at: String,
    /// The Gymbox version that wrote it.
    #[serde(default)]
    pub gymbox: String,
    #[serde(default)]
    pub username: String,
    #[serde(default)]
    pub files: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AccountFile {
    #[serde(default)]
    pub format: String,
    #[serde(default)]
    pub version: u32,
    #[serde(default)]
    pub exported_at: String,
    #[serde(default)]
    pub gymbox: String,
    pub username: String,
    pub display_name: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub bio: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub created_at: String,
    #[serde(default)]
    pub preferences: Preferences,
    #[serde(default)]
    pub privacy: Privacy,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SetFile {
    pub id: String,
    pub exercise_id: String,
    #[serde(default)]
    pub kind: SetKind,
    pub reps: Option<u32>,
    pub weight_kg: Option<f64>,
    pub rpe: Option<f64>,
    pub duration_s: Option<u32>,
    pub distance_m: Option<f64>,
    pub completed_at: String,
    /// Derived (recomputed on import).
    #[serde(default)]
    pub is_record: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanDayFile {
    pub plan_id: String,
    pub week: u32,
    pub day: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoteFile {
    pub exercise_id: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkoutFile {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub notes: String,
    pub started_at: String,
    pub finished_at: Option<String>,
    #[serde(default)]
    pub visibility: Visibility,
    /// The plan it came from (`plan_day` tells the week and day; version 2).
    #[serde(default)]
    pub plan_id: Option<String>,
    #[serde(default)]
    pub plan_day: Option<PlanDayFile>,
    #[serde(default)]
    pub exercise_notes: Vec<NoteFile>,
    #[serde(default)]
    pub supersets: Vec<Vec<String>>,
    pub sets: Vec<SetFile>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExerciseFile {
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
    #[serde(default)]
    pub mechanics: Option<Mechanics>,
    pub logging: Logging,
    #[serde(default)]
    pub instructions: Vec<String>,
    #[serde(default)]
    pub instructions_ru: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanFile {
    pub id: String,
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
    pub created_at: String,
    #[serde(default)]
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricFile {
    pub id: String,
    pub kind: String,
    pub value: f64,
    pub measured_at: String,
    #[serde(default)]
    pub note: String,
}

impl ExerciseFile {
    pub fn of(e: &crate::training::model::Exercise) -> Self {
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
            mechanics: e.mechanics,
            logging: e.logging,
            instructions: e.instructions.clone(),
            instructions_ru: e.instructions_ru.clone(),
        }
    }
}
