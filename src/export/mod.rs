//! A member's full account export: one ZIP with JSON files (account, workouts with their
//! sets, own exercises, plans, body metrics) and the workouts again as a Strong-compatible CSV
//! (which Gymbox's own import, and other apps, read back), and the route of every workout that
//! has one as `activities/<workout id>.gpx`.

pub mod api;
pub mod zip;

use std::collections::HashMap;
use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::accounts::model::User;
use crate::error::AppError;
use crate::storage::ids;
use crate::training::Training;
use crate::training::model::{Exercise, SetKind, Workout, WorkoutSet};
use crate::training::service::{Everything, ExerciseFilter};

fn time(t: i64) -> String {
    crate::accounts::api::rfc3339(t)
}

fn set_json(s: &WorkoutSet) -> Value {
    json!({
        "id": ids::to_string(s.id),
        "exercise_id": s.exercise_id,
        "kind": s.kind,
        "reps": s.reps,
        "weight_kg": s.weight_kg,
        "rpe": s.rpe,
        "duration_s": s.duration_s,
        "distance_m": s.distance_m,
        "completed_at": time(s.completed_at),
        "is_record": s.is_record,
    })
}

fn workout_json(w: &Workout, sets: &[WorkoutSet]) -> Value {
    json!({
        "id": ids::to_string(w.id),
        "title": w.title,
        "notes": w.notes,
        "started_at": time(w.started_at),
        "finished_at": w.finished_at.map(time),
        "visibility": w.visibility,
        "plan_id": w.plan.as_ref().map(|p| ids::to_string(p.plan_id)),
        "exercise_notes": w.exercise_notes.iter().map(|n| json!({"exercise_id": n.exercise_id, "text": n.text})).collect::<Vec<_>>(),
        "supersets": w.supersets,
        "sets": sets.iter().map(set_json).collect::<Vec<_>>(),
    })
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
    let account = json!({
        "format": "gymbox-export",
        "version": 1,
        "exported_at": time(crate::storage::ids::now()),
        "gymbox": crate::VERSION,
        "username": user.username,
        "display_name": user.display_name,
        "email": user.email,
        "bio": user.bio,
        "role": user.role.as_str(),
        "created_at": time(user.created_at),
        "preferences": user.preferences,
        "privacy": user.privacy,
    });
    let workouts: Vec<Value> = all
        .workouts
        .iter()
        .map(|(w, s)| workout_json(w, s))
        .collect();
    let metrics: Vec<Value> = all
        .metrics
        .iter()
        .map(|m| json!({"id": ids::to_string(m.id), "kind": m.kind, "value": m.value, "measured_at": time(m.measured_at), "note": m.note}))
        .collect();
    let plans: Vec<Value> = all
        .plans
        .iter()
        .map(|p| {
            let mut v = serde_json::to_value(p).unwrap_or_default();
            v["id"] = json!(ids::to_string(p.id));
            v["owner_id"] = json!(ids::to_string(p.owner_id));
            v
        })
        .collect();
    let exercises: Vec<Value> = all
        .exercises
        .iter()
        .map(|e| serde_json::to_value(e).unwrap_or_default())
        .collect();
    let pretty = |v: &Value| serde_json::to_vec_pretty(v).unwrap_or_default();
    let readme = format!(
        "Gymbox export of @{} ({} workouts, {} sets).\n\n\
account.json      your profile, preferences and privacy settings\n\
workouts.json     every workout with its sets (weights in kg, distances in metres, times in UTC)\n\
exercises.json    the exercises you created\n\
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
        ("workouts.json".to_owned(), pretty(&Value::Array(workouts))),
        (
            "exercises.json".to_owned(),
            pretty(&Value::Array(exercises)),
        ),
        ("plans.json".to_owned(), pretty(&Value::Array(plans))),
        (
            "body_metrics.json".to_owned(),
            pretty(&Value::Array(metrics)),
        ),
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
    Ok(zip::write(&files, crate::storage::ids::now()))
}
