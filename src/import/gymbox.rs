//! Reading another Gymbox's account archive (the ZIP of `GET /me/export`): the manifest, the
//! member's workouts with every set, their own exercises, the gym-wide exercises they used,
//! their plans, body measurements and profile. Everything is checked here as if the member
//! had entered it on this server, so applying cannot stop half-way on bad data.

use serde::{Deserialize, Serialize};

use crate::accounts::model::{Preferences, Privacy};
use crate::error::FieldError;
use crate::export::format::{
    AccountFile, ExerciseFile, FORMAT, FORMAT_VERSION, Manifest, MetricFile, PlanFile, WorkoutFile,
};
use crate::export::zip::{ZipError, read_some};
use crate::training::model::{BodyMetric, SetKind, Visibility, WorkoutSet};
use crate::training::service::{
    check_imported_metric, check_imported_set, check_imported_supersets,
};

/// Most bytes the JSON files of one archive may unpack to.
pub const MAX_UNPACKED: usize = 512 * 1024 * 1024;
/// Most workouts read from one archive.
pub const MAX_WORKOUTS: usize = 50_000;

/// The member's own profile as the archive has it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub username: String,
    pub display_name: String,
    pub bio: String,
    pub preferences: Preferences,
    pub privacy: Privacy,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArchivedSet {
    pub exercise_id: String,
    pub kind: SetKind,
    pub reps: Option<u32>,
    pub weight_kg: Option<f64>,
    pub rpe: Option<f64>,
    pub duration_s: Option<u32>,
    pub distance_m: Option<f64>,
    pub completed_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArchivedWorkout {
    /// Its id on the server it came from.
    pub id: String,
    pub title: String,
    pub notes: String,
    pub started_at: i64,
    pub finished_at: Option<i64>,
    pub visibility: Visibility,
    /// (plan id on the old server, week, day).
    pub plan: Option<(String, u32, u32)>,
    pub exercise_notes: Vec<(String, String)>,
    pub supersets: Vec<Vec<String>>,
    pub sets: Vec<ArchivedSet>,
    /// Its GPS route (`activities/<id>.gpx` of the archive).
    #[serde(default)]
    pub track: Option<super::activity::KeptTrack>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArchivedMetric {
    pub id: String,
    pub kind: String,
    pub value: f64,
    pub measured_at: i64,
    pub note: String,
}

/// A whole archive, checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Archive {
    pub format_version: u32,
    pub profile: Profile,
    /// The member's own exercises.
    pub exercises: Vec<ExerciseFile>,
    /// Gym-wide exercises of the old server the member used.
    pub gym_exercises: Vec<ExerciseFile>,
    pub plans: Vec<PlanFile>,
    pub metrics: Vec<ArchivedMetric>,
    /// Oldest first.
    pub workouts: Vec<ArchivedWorkout>,
}

impl Archive {
    pub fn set_count(&self) -> usize {
        self.workouts.iter().map(|w| w.sets.len()).sum()
    }

    /// Every exercise id the workouts and plans name, each once, in the order first named.
    pub fn exercise_ids(&self) -> Vec<(String, u32)> {
        let mut out: Vec<(String, u32)> = Vec::new();
        let mut add = |id: &str, sets: u32| match out.iter_mut().find(|(i, _)| i == id) {
            Some((_, n)) => *n += sets,
            None => out.push((id.to_owned(), sets)),
        };
        for w in &self.workouts {
            for s in &w.sets {
                add(&s.exercise_id, 1);
            }
            for (e, _) in &w.exercise_notes {
                add(e, 0);
            }
            for e in w.supersets.iter().flatten() {
                add(e, 0);
            }
        }
        for p in &self.plans {
            for week in &p.weeks {
                for day in &week.days {
                    for e in &day.exercises {
                        add(&e.exercise_id, 0);
                    }
                }
            }
        }
        out
    }
}

fn time(file: &str, what: &str, s: &str) -> Result<i64, String> {
    s.parse::<jiff::Timestamp>()
        .map(|t| t.as_second())
        .map_err(|_| format!("{file}: {what} has the time '{s}', not an RFC 3339 time."))
}

fn fields(errs: &[FieldError]) -> String {
    errs.iter()
        .map(|e| format!("{}: {}", e.field, e.message))
        .collect::<Vec<_>>()
        .join("; ")
}

fn checked(r: Result<(), crate::error::AppError>) -> Result<(), String> {
    match r {
        Ok(()) => Ok(()),
        Err(crate::error::AppError::Validation(errs)) => Err(fields(&errs)),
        Err(e) => Err(e.to_string()),
    }
}

fn json<T: serde::de::DeserializeOwned + Default>(
    files: &[(String, Vec<u8>)],
    name: &str,
) -> Result<T, String> {
    match files.iter().find(|(n, _)| n == name) {
        None => Ok(T::default()),
        Some((_, bytes)) => serde_json::from_slice(bytes)
            .map_err(|e| format!("{name} is not what a Gymbox export holds: {e}.")),
    }
}

/// The files of an archive, checked.
pub fn read(bytes: &[u8]) -> Result<Archive, String> {
    let wanted =
        |n: &str| n.ends_with(".json") || (n.starts_with("activities/") && n.ends_with(".gpx"));
    let files = read_some(bytes, wanted, MAX_UNPACKED).map_err(|e| match e {
        ZipError::Damaged => {
            "This is not a ZIP archive, or it is damaged; choose the .zip file Gymbox's \"Download everything\" gave you.".to_owned()
        }
        ZipError::TooLarge => format!(
            "This archive unpacks to more than {} MiB of data; that is more than one account's export.",
            MAX_UNPACKED / (1024 * 1024)
        ),
    })?;
    let account_raw = files.iter().find(|(n, _)| n == "account.json");
    let version = match files.iter().find(|(n, _)| n == "manifest.json") {
        Some((_, m)) => {
            let m: Manifest = serde_json::from_slice(m)
                .map_err(|e| format!("manifest.json cannot be read: {e}."))?;
            if m.format != FORMAT {
                return Err(format!(
                    "manifest.json says this is a '{}', not a Gymbox export.",
                    m.format
                ));
            }
            m.format_version
        }
        // Version 1 archives had no manifest; their account.json names the format.
        None => match account_raw
            .and_then(|(_, a)| serde_json::from_slice::<AccountFile>(a).ok())
            .filter(|a| a.format == FORMAT)
        {
            Some(a) => a.version.max(1),
            None => {
                return Err(
                    "This ZIP has no manifest.json, so it is not a Gymbox export (for Strong or Hevy, choose their CSV file and format)."
                        .to_owned(),
                );
            }
        },
    };
    if version > FORMAT_VERSION {
        return Err(format!(
            "This archive was written by a newer Gymbox (format version {version}); this server reads versions up to {FORMAT_VERSION}. Update this server first."
        ));
    }
    if version == 0 {
        return Err("manifest.json gives format version 0; no Gymbox writes that.".to_owned());
    }
    let account: AccountFile = match account_raw {
        Some((_, a)) => serde_json::from_slice(a)
            .map_err(|e| format!("account.json is not what a Gymbox export holds: {e}."))?,
        None => return Err("The archive has no account.json.".to_owned()),
    };
    let mut errs: Vec<String> = Vec::new();
    let profile = Profile {
        username: account.username,
        display_name: account.display_name.trim().to_owned(),
        bio: account.bio,
        preferences: account.preferences,
        privacy: account.privacy,
    };
    let exercises: Vec<ExerciseFile> = json(&files, "exercises.json")?;
    let gym_exercises: Vec<ExerciseFile> = json(&files, "gym_exercises.json")?;
    for (file, list) in [
        ("exercises.json", &exercises),
        ("gym_exercises.json", &gym_exercises),
    ] {
        for e in list {
            let probe = exercise_record(e, 0);
            if let Err(m) = checked(crate::training::Training::check_imported_exercise(&probe)) {
                errs.push(format!("{file}, exercise '{}': {m}", e.name_en));
            }
        }
    }
    let plans: Vec<PlanFile> = json(&files, "plans.json")?;
    let metrics_raw: Vec<MetricFile> = json(&files, "body_metrics.json")?;
    let mut metrics = Vec::with_capacity(metrics_raw.len());
    for (i, m) in metrics_raw.into_iter().enumerate() {
        let what = format!("measurement {}", i + 1);
        let at = match time("body_metrics.json", &what, &m.measured_at) {
            Ok(t) => t,
            Err(e) => {
                errs.push(e);
                continue;
            }
        };
        let probe = BodyMetric {
            id: 0,
            user_id: 0,
            kind: m.kind.clone(),
            value: m.value,
            measured_at: at,
            note: m.note.clone(),
        };
        if let Err(e) = checked(check_imported_metric(&probe)) {
            errs.push(format!("body_metrics.json, {what}: {e}"));
        }
        metrics.push(ArchivedMetric {
            id: m.id,
            kind: m.kind,
            value: m.value,
            measured_at: at,
            note: m.note,
        });
    }
    let workouts_raw: Vec<WorkoutFile> = json(&files, "workouts.json")?;
    if workouts_raw.len() > MAX_WORKOUTS {
        return Err(format!(
            "The archive holds {} workouts; at most {MAX_WORKOUTS} are read from one file.",
            workouts_raw.len()
        ));
    }
    let mut workouts = Vec::with_capacity(workouts_raw.len());
    for (i, w) in workouts_raw.into_iter().enumerate() {
        match workout(i, w) {
            Ok(w) => workouts.push(w),
            Err(e) => errs.push(e),
        }
        if errs.len() > 20 {
            break;
        }
    }
    if !errs.is_empty() {
        let n = errs.len();
        errs.truncate(5);
        return Err(format!(
            "The archive has data this server cannot take ({n} problem{}): {}",
            if n == 1 { "" } else { "s" },
            errs.join(" | ")
        ));
    }
    // The routes, each `activities/<workout id>.gpx` as the export writes it.
    for (name, gpx) in &files {
        let Some(id) = name
            .strip_prefix("activities/")
            .and_then(|n| n.strip_suffix(".gpx"))
        else {
            continue;
        };
        let Some(w) = workouts.iter_mut().find(|w| w.id == id) else {
            continue;
        };
        let parsed = super::activity::gpx(gpx)
            .map_err(|e| format!("The route {name} cannot be read: {e}"))?;
        w.track = parsed.workouts.into_iter().find_map(|p| p.track);
    }
    workouts.sort_by_key(|w| w.started_at);
    Ok(Archive {
        format_version: version,
        profile,
        exercises,
        gym_exercises,
        plans,
        metrics,
        workouts,
    })
}

fn workout(i: usize, w: WorkoutFile) -> Result<ArchivedWorkout, String> {
    let what = format!(
        "workout {} ('{}')",
        i + 1,
        w.title.chars().take(40).collect::<String>()
    );
    let file = "workouts.json";
    let started_at = time(file, &what, &w.started_at)?;
    let finished_at = w
        .finished_at
        .as_deref()
        .map(|f| time(file, &what, f))
        .transpose()?;
    let bad = |m: String| format!("{file}, {what}: {m}");
    let text = |field: &str, v: &str, max: usize, nl: bool| {
        crate::accounts::validate::text(field, v, max, nl)
            .map_err(|e| bad(format!("{}: {}", e.field, e.message)))
    };
    text("title", &w.title, 200, false)?;
    text("notes", &w.notes, 5000, true)?;
    if finished_at.is_some_and(|f| f < started_at) {
        return Err(bad("it finishes before it starts.".into()));
    }
    if w.sets.len() > crate::training::limits::SETS_PER_WORKOUT {
        return Err(bad(format!(
            "it has {} sets; a workout holds at most {}.",
            w.sets.len(),
            crate::training::limits::SETS_PER_WORKOUT
        )));
    }
    checked(check_imported_supersets(&w.supersets)).map_err(bad)?;
    let mut notes = Vec::new();
    for n in w.exercise_notes {
        text("exercise_notes.text", &n.text, 1000, true)?;
        notes.push((n.exercise_id, n.text));
    }
    let mut sets = Vec::with_capacity(w.sets.len());
    for (j, s) in w.sets.into_iter().enumerate() {
        let at = time(file, &format!("{what}, set {}", j + 1), &s.completed_at)?;
        let probe = WorkoutSet {
            id: 0,
            exercise_id: s.exercise_id.clone(),
            kind: s.kind,
            reps: s.reps,
            weight_kg: s.weight_kg,
            rpe: s.rpe,
            duration_s: s.duration_s,
            distance_m: s.distance_m,
            completed_at: at,
            is_record: false,
        };
        checked(check_imported_set(&probe)).map_err(|m| bad(format!("set {}: {m}", j + 1)))?;
        if s.exercise_id.is_empty() || s.exercise_id.len() > 100 {
            return Err(bad(format!("set {} names no exercise.", j + 1)));
        }
        sets.push(ArchivedSet {
            exercise_id: s.exercise_id,
            kind: s.kind,
            reps: s.reps,
            weight_kg: s.weight_kg,
            rpe: s.rpe,
            duration_s: s.duration_s,
            distance_m: s.distance_m,
            completed_at: at,
        });
    }
    let plan = match (w.plan_day, w.plan_id) {
        (Some(d), _) => Some((d.plan_id, d.week, d.day)),
        (None, Some(p)) => Some((p, 0, 0)),
        (None, None) => None,
    };
    Ok(ArchivedWorkout {
        id: w.id,
        title: w.title,
        notes: w.notes,
        started_at,
        finished_at,
        visibility: w.visibility,
        plan,
        exercise_notes: notes,
        supersets: w.supersets,
        sets,
        track: None,
    })
}

/// The stored exercise for an archived one, private to `owner`.
pub fn exercise_record(e: &ExerciseFile, owner: u128) -> crate::training::model::Exercise {
    crate::training::model::Exercise {
        id: crate::storage::ids::to_string(crate::storage::ids::new_id()),
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
        owner_id: Some(owner),
        created_by: Some(owner),
        source: crate::training::model::ExerciseSource::Custom,
        instructions: e.instructions.clone(),
        instructions_ru: e.instructions_ru.clone(),
        created_at: crate::storage::ids::now(),
    }
}
