//! A member's full account export: one ZIP with JSON files (account, workouts with their
//! sets, own exercises, plans, body metrics) and the workouts again as a Strong-compatible CSV
//! (which Gymbox's own import, and other apps, read back), and the route of every workout that
//! has one as `activities/<workout id>.gpx`.

pub mod api;
pub mod format;
pub mod zip;

use std::collections::HashMap;
use std::fmt::Write as _;

use serde::Serialize;

use format::{
    AccountFile, ExerciseFile, FORMAT, FORMAT_VERSION, Manifest, MetricFile, NoteFile, PlanDayFile,
    PlanFile, SetFile, WorkoutFile,
};

use crate::accounts::model::User;
use crate::error::AppError;
use crate::storage::ids;
use crate::training::Training;
use crate::training::model::{Exercise, SetKind, Workout, WorkoutSet};
use crate::training::service::{Everything, ExerciseFilter};

fn time(t: i64) -> String {
    crate::accounts::api::rfc3339(t)
}

fn set_file(s: &WorkoutSet) -> SetFile {
    SetFile {
        id: ids::to_string(s.id),
        exercise_id: s.exercise_id.clone(),
        kind: s.kind,
        reps: s.reps,
        weight_kg: s.weight_kg,
        rpe: s.rpe,
        duration_s: s.duration_s,
        distance_m: s.distance_m,
        completed_at: time(s.completed_at),
        is_record: s.is_record,
    }
}

fn workout_file(w: &Workout, sets: &[WorkoutSet]) -> WorkoutFile {
    WorkoutFile {
        id: ids::to_string(w.id),
        title: w.title.clone(),
        notes: w.notes.clone(),
        started_at: time(w.started_at),
        finished_at: w.finished_at.map(time),
        visibility: w.visibility,
        plan_id: w.plan.as_ref().map(|p| ids::to_string(p.plan_id)),
        plan_day: w.plan.as_ref().map(|p| PlanDayFile {
            plan_id: ids::to_string(p.plan_id),
            week: p.week,
            day: p.day,
        }),
        exercise_notes: w
            .exercise_notes
            .iter()
            .map(|n| NoteFile {
                exercise_id: n.exercise_id.clone(),
                text: n.text.clone(),
            })
            .collect(),
        supersets: w.supersets.clone(),
        sets: sets.iter().map(set_file).collect(),
    }
}

/// Strong's CSV (comma, weights in kg, distances in km), local times of the member.
pub fn strong_csv(user: &User, all: &Everything, names: &HashMap<String, String>) -> String {
    let tz = jiff::tz::TimeZone::get(&user.preferences.timezone).unwrap_or(jiff::tz::TimeZone::UTC);
    let local = |t: i64| {
        jiff::Timestamp::from_second(t)
            .map(|ts| {
                ts.to_zoned(tz.clone())
                    .strftime("%Y-%m-%d %H:%M:%S")
                    .to_string()
            })
            .unwrap_or_default()
    };
    let quote = |s: &str| {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_owned()
        }
    };
    let num = |v: Option<f64>| {
        v.map(|v| format!("{}", (v * 1000.0).round() / 1000.0))
            .unwrap_or_default()
    };
    let mut out = String::from(
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n",
    );
    for (w, sets) in &all.workouts {
        let duration = w.finished_at.map_or(String::new(), |f| {
            let s = (f - w.started_at).max(0);
            format!("{}h {}m", s / 3600, (s % 3600) / 60)
        });
        let mut order: HashMap<&str, u32> = HashMap::new();
        for s in sets {
            let n = order.entry(s.exercise_id.as_str()).or_insert(0);
            let set_order = match s.kind {
                SetKind::Warmup => "W".to_owned(),
                SetKind::Drop => "D".to_owned(),
                SetKind::Failure => "F".to_owned(),
                SetKind::Normal => {
                    *n += 1;
                    n.to_string()
                }
            };
            let name = names
                .get(&s.exercise_id)
                .cloned()
                .unwrap_or_else(|| s.exercise_id.clone());
            let _ = writeln!(
                out,
                "{},{},{},{},{},{},{},{},{},,{},{}",
                local(w.started_at),
                quote(&w.title),
                duration,
                quote(&name),
                set_order,
                num(s.weight_kg),
                s.reps.map(|r| r.to_string()).unwrap_or_default(),
                num(s.distance_m.map(|d| d / 1000.0)),
                s.duration_s.map(|d| d.to_string()).unwrap_or_default(),
                quote(&w.notes),
                num(s.rpe),
            );
        }
    }
    out
}

/// The member's export as ZIP bytes.
pub async fn account_zip(
    training: &Training,
    tracks: &crate::tracks::Tracks,
    user: &User,
) -> Result<Vec<u8>, AppError> {
    let all = training.everything(user.id).await?;
    let routes = tracks.all_of(user.id).await?;
    let usable: Vec<Exercise> = training
        .list_exercises(user, ExerciseFilter::default(), None, usize::MAX)
        .await?
        .0;
    let names: HashMap<String, String> = usable
        .iter()
        .map(|e| (e.id.clone(), e.name_en.clone()))
        .collect();
    let exported_at = time(crate::storage::ids::now());
    let account = AccountFile {
        format: FORMAT.to_owned(),
        version: FORMAT_VERSION,
        exported_at: exported_at.clone(),
        gymbox: crate::VERSION.to_owned(),
        username: user.username.clone(),
        display_name: user.display_name.clone(),
        email: user.email.clone(),
        bio: user.bio.clone(),
        role: user.role.as_str().to_owned(),
        created_at: time(user.created_at),
        preferences: user.preferences.clone(),
        privacy: user.privacy.clone(),
    };
    let workouts: Vec<WorkoutFile> = all
        .workouts
        .iter()
        .map(|(w, s)| workout_file(w, s))
        .collect();
    let metrics: Vec<MetricFile> = all
        .metrics
        .iter()
        .map(|m| MetricFile {
            id: ids::to_string(m.id),
            kind: m.kind.clone(),
            value: m.value,
            measured_at: time(m.measured_at),
            note: m.note.clone(),
        })
        .collect();
    let plans: Vec<PlanFile> = all
        .plans
        .iter()
        .map(|p| PlanFile {
            id: ids::to_string(p.id),
            title: p.title.clone(),
            description: p.description.clone(),
            tags: p.tags.clone(),
            goal: p.goal.clone(),
            visibility: p.visibility,
            weeks: p.weeks.clone(),
            created_at: time(p.created_at),
            updated_at: time(p.updated_at),
        })
        .collect();
    let exercises: Vec<ExerciseFile> = all.exercises.iter().map(ExerciseFile::of).collect();
    // The gym-wide custom exercises the member's workouts and plans name: another server has
    // other ones, so their definitions travel with the archive.
    let mut used: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for (w, sets) in &all.workouts {
        used.extend(sets.iter().map(|s| s.exercise_id.as_str()));
        used.extend(w.exercise_notes.iter().map(|n| n.exercise_id.as_str()));
        used.extend(w.supersets.iter().flatten().map(String::as_str));
    }
    for p in &all.plans {
        for (_, _, day) in p.sequence() {
            used.extend(day.exercises.iter().map(|e| e.exercise_id.as_str()));
        }
    }
    let gym: Vec<ExerciseFile> = usable
        .iter()
        .filter(|e| {
            e.owner_id.is_none()
                && crate::training::catalogue::builtin_by_id(&e.id).is_none()
                && used.contains(e.id.as_str())
        })
        .map(ExerciseFile::of)
        .collect();
    fn pretty(v: &impl Serialize) -> Vec<u8> {
        serde_json::to_vec_pretty(v).unwrap_or_default()
    }
    let readme = format!(
        "Gymbox export of @{} ({} workouts, {} sets).\n\n\
manifest.json     what this archive is (format_version {FORMAT_VERSION}); another Gymbox imports it\n\
account.json      your profile, preferences and privacy settings\n\
workouts.json     every workout with its sets (weights in kg, distances in metres, times in UTC)\n\
exercises.json    the exercises you created\n\
gym_exercises.json the gym's own exercises your workouts and plans use\n\
plans.json        the plans you wrote\n\
body_metrics.json your body weight and measurements\n\
workouts.csv      the workouts as a Strong CSV (kg, km, your local times): Gymbox's import\n\
                  (format strong, unit kg) and other apps read it\n\
activities/       the route of each GPS activity as GPX (<workout id>.gpx)\n",
        user.username,
        all.workouts.len(),
        all.workouts.iter().map(|(_, s)| s.len()).sum::<usize>(),
    );
    let titles: HashMap<u128, &str> = all
        .workouts
        .iter()
        .map(|(w, _)| (w.id, w.title.as_str()))
        .collect();
    let mut files = vec![
        ("README.txt".to_owned(), readme.into_bytes()),
        ("account.json".to_owned(), pretty(&account)),
        ("workouts.json".to_owned(), pretty(&workouts)),
        ("exercises.json".to_owned(), pretty(&exercises)),
        ("gym_exercises.json".to_owned(), pretty(&gym)),
        ("plans.json".to_owned(), pretty(&plans)),
        ("body_metrics.json".to_owned(), pretty(&metrics)),
        (
            "workouts.csv".to_owned(),
            strong_csv(user, &all, &names).into_bytes(),
        ),
    ];
    for (workout, track) in &routes {
        let title = titles.get(workout).copied().unwrap_or("");
        files.push((
            format!("activities/{}.gpx", ids::to_string(*workout)),
            track.gpx(title).into_bytes(),
        ));
    }
    let manifest = Manifest {
        format: FORMAT.to_owned(),
        format_version: FORMAT_VERSION,
        exported_at,
        gymbox: crate::VERSION.to_owned(),
        username: user.username.clone(),
        files: files.iter().map(|(n, _)| n.clone()).collect(),
    };
    files.insert(1, ("manifest.json".to_owned(), pretty(&manifest)));
    Ok(zip::write(&files, crate::storage::ids::now()))
}
