//! Imports of training history from other apps (Strong, Hevy) and of GPS activities (GPX,
//! TCX, FIT: cardio workouts that keep their route, and FIT strength sets). A file is first read into a
//! draft (a dry run: workouts, sets, dates, and the exercise names it could not match, with
//! suggestions); the member maps those names (to an exercise, or to a new private one), and
//! applying the draft writes the workouts through training — the same events as logging, so
//! records, statistics and challenges are right, and, being past training, they earn no XP.
//! Each imported workout leaves a fingerprint, so importing the same file again creates
//! nothing new; an import can be undone as a whole. Mappings are kept for the next file.

pub mod activity;
pub mod api;
pub mod fit;
#[cfg(test)]
mod fit_encode;
pub mod parse;
pub mod store;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::accounts::model::{Units, User};
use crate::error::AppError;
use crate::events::{Bus, Effects, Event, Owner, Reactor};
use crate::storage::Store;
use crate::storage::codec::Record;
use crate::storage::ids::{new_id, now};
use crate::training::Training;
use crate::training::catalogue::normalize_name;
use crate::training::model::{Exercise, Visibility, Workout, WorkoutSet};
use crate::training::service::{ExerciseFilter, ExerciseInput, write_complete_workout};
use parse::{Format, LineProblem, ParsedWorkout, Unit};

/// Workouts written per transaction when applying.
const CHUNK: usize = 25;
/// Problems kept in a draft (the count of the rest is given).
const MAX_PROBLEMS: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    Applied,
    Undone,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Import {
    pub id: u128,
    pub user: u128,
    pub format: Format,
    pub file_name: String,
    pub created_at: i64,
    pub status: Status,
    pub workouts: Vec<ParsedWorkout>,
    pub problems: Vec<LineProblem>,
    /// Rows with problems beyond those kept.
    #[serde(default)]
    pub more_problems: usize,
    /// Workouts this import created (to undo it).
    #[serde(default)]
    pub created: Vec<u128>,
    /// Workouts left out because an earlier import created them.
    #[serde(default)]
    pub skipped: u32,
    #[serde(default)]
    pub applied_at: Option<i64>,
}

impl Record for Import {
    const FORMAT: u8 = 1;
}

/// What became of one exercise name of a file.
#[derive(Debug, Clone, PartialEq)]
pub struct NameMatch {
    pub name: String,
    pub sets: u32,
    /// The exercise it is mapped to (saved choice or same name), if any.
    pub exercise: Option<(String, String)>,
    /// Likely exercises (id, name) when unmatched.
    pub suggestions: Vec<(String, String)>,
}

/// A draft or applied import as the member sees it.
#[derive(Debug, Clone)]
pub struct Report {
    pub import: Import,
    pub names: Vec<NameMatch>,
    /// Workouts of the file an earlier import already created.
    pub already: u32,
}

/// Where the member sends one name of the file.
#[derive(Debug, Clone)]
pub enum Target {
    Exercise(String),
    /// A new private exercise with this primary muscle (`None`: cardio).
    Create(Option<String>),
}

#[derive(Clone)]
pub struct Imports {
    store: Store,
    training: Training,
    bus: Bus,
}

fn not_found() -> AppError {
    AppError::NotFound("No import with that id.".into())
}

fn fingerprint(w: &ParsedWorkout) -> u64 {
    let first = w.sets.first().map_or("", |s| s.exercise.as_str());
    let text = format!("{}|{}|{}|{first}", w.started_at, w.title, w.sets.len());
    let d = Sha256::digest(text.as_bytes());
    u64::from_be_bytes([d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]])
}

/// "Bench Press (Barbell)" → "barbell bench press": how Strong and Hevy name equipment.
fn rearranged(name: &str) -> Option<String> {
    let (base, rest) = name.split_once('(')?;
    let equipment = rest.trim_end().trim_end_matches(')');
    Some(normalize_name(&format!("{equipment} {base}")))
}

fn words(s: &str) -> Vec<String> {
    normalize_name(s)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

impl Imports {
    pub fn new(store: Store, training: Training, bus: Bus) -> Self {
        Self {
            store,
            training,
            bus,
        }
    }

    async fn usable(&self, user: &User) -> Result<Vec<Exercise>, AppError> {
        Ok(self
            .training
            .list_exercises(user, ExerciseFilter::default(), None, usize::MAX)
            .await?
            .0)
    }

    /// Reads a file into a draft: nothing is written to the training history yet.
    pub async fn dry_run(
        &self,
        user: &User,
        format: Format,
        file_name: &str,
        bytes: &[u8],
        unit: Option<Unit>,
    ) -> Result<Report, AppError> {
        let unit = unit.unwrap_or(match user.preferences.units {
            Units::Metric => Unit::Kg,
            Units::Imperial => Unit::Lb,
        });
        let tz =
            jiff::tz::TimeZone::get(&user.preferences.timezone).unwrap_or(jiff::tz::TimeZone::UTC);
        let mut parsed =
            parse::parse(format, bytes, unit, &tz).map_err(|e| AppError::invalid("file", e))?;
        if parsed.workouts.is_empty() {
            let why = parsed
                .problems
                .first()
                .map(|p| format!(" (line {}: {})", p.line, p.message))
                .unwrap_or_default();
            return Err(AppError::invalid(
                "file",
                format!("The file holds no workouts{why}."),
            ));
        }
        let more_problems = parsed.problems.len().saturating_sub(MAX_PROBLEMS);
        parsed.problems.truncate(MAX_PROBLEMS);
        let import = Import {
            id: new_id(),
            user: user.id,
            format,
            file_name: file_name.chars().take(200).collect(),
            created_at: now(),
            status: Status::Draft,
            workouts: parsed.workouts,
            problems: parsed.problems,
            more_problems,
            created: Vec::new(),
            skipped: 0,
            applied_at: None,
        };
        let row = import.clone();
        self.store
            .write(move |tx| store::put_import(tx, &row))
            .await?;
        self.report(user, import).await
    }

    /// An import of `user` with what its names map to now.
    pub async fn get(&self, user: &User, id: u128) -> Result<Report, AppError> {
        let uid = user.id;
        let import = self
            .store
            .read(move |tx| store::import(tx, id))
            .await?
            .filter(|i| i.user == uid)
            .ok_or_else(not_found)?;
        self.report(user, import).await
    }

    /// The member's imports, newest first.
    pub async fn list(
        &self,
        user: &User,
        before: Option<u128>,
        limit: usize,
    ) -> Result<Vec<Import>, AppError> {
        let uid = user.id;
        self.store
            .read_long(move |tx| store::imports_of(tx, uid, before, limit))
            .await
    }

    async fn report(&self, user: &User, import: Import) -> Result<Report, AppError> {
        let exercises = self.usable(user).await?;
        let mut by_name: HashMap<String, &Exercise> = HashMap::new();
        for e in &exercises {
            for n in e.names() {
                by_name.entry(normalize_name(n)).or_insert(e);
            }
        }
        let mut order: Vec<String> = Vec::new();
        let mut counts: HashMap<String, u32> = HashMap::new();
        for w in &import.workouts {
            for s in &w.sets {
                let n = counts.entry(s.exercise.clone()).or_insert(0);
                if *n == 0 {
                    order.push(s.exercise.clone());
                }
                *n += 1;
            }
        }
        let (uid, keys): (u128, Vec<String>) =
            (user.id, order.iter().map(|n| normalize_name(n)).collect());
        let prints: Vec<u64> = import.workouts.iter().map(fingerprint).collect();
        let (saved, already) = self
            .store
            .read_long(move |tx| {
                let mut saved = Vec::with_capacity(keys.len());
                for k in &keys {
                    saved.push(store::mapping(tx, uid, k)?);
                }
                let mut already = 0;
                for fp in prints {
                    if store::fingerprint(tx, uid, fp)?.is_some() {
                        already += 1;
                    }
                }
                Ok((saved, already))
            })
            .await?;
        let by_id: HashMap<&str, &Exercise> =
            exercises.iter().map(|e| (e.id.as_str(), e)).collect();
        let show = |e: &Exercise| (e.id.clone(), e.name_en.clone());
        let mut names = Vec::new();
        for (name, saved) in order.iter().zip(saved) {
            let exact = saved
                .as_deref()
                .and_then(|id| by_id.get(id).copied())
                .or_else(|| by_name.get(&normalize_name(name)).copied())
                .or_else(|| rearranged(name).and_then(|n| by_name.get(&n).copied()));
            let suggestions = if exact.is_some() {
                Vec::new()
            } else {
                let mine = words(name);
                let mut scored: Vec<(usize, &Exercise)> = exercises
                    .iter()
                    .map(|e| {
                        let theirs = words(&e.name_en);
                        let ru = words(&e.name_ru);
                        let hits = mine
                            .iter()
                            .filter(|w| theirs.contains(w) || ru.contains(w))
                            .count();
                        (hits, e)
                    })
                    .filter(|(h, _)| *h > 0)
                    .collect();
                scored.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.name_en.cmp(&b.1.name_en)));
                scored.into_iter().take(3).map(|(_, e)| show(e)).collect()
            };
            names.push(NameMatch {
                name: name.clone(),
                sets: counts[name],
                exercise: exact.map(show),
                suggestions,
            });
        }
        Ok(Report {
            import,
            names,
            already,
        })
    }

    /// Applies a draft with the member's choices for names; names matched already need none.
    /// Every name must end up with an exercise (422 naming those that do not).
    pub async fn apply(
        &self,
        user: &User,
        id: u128,
        mapping: Vec<(String, Target)>,
    ) -> Result<Report, AppError> {
        let report = self.get(user, id).await?;
        if report.import.status != Status::Draft {
            return Err(AppError::Problem(
                crate::error::Code::Conflict,
                "This import was applied already; undo it to import the file again.".into(),
            ));
        }
        let mut chosen: HashMap<String, String> = report
            .names
            .iter()
            .filter_map(|n| {
                n.exercise
                    .as_ref()
                    .map(|(id, _)| (n.name.clone(), id.clone()))
            })
            .collect();
        let mut saved: Vec<(String, String)> = Vec::new();
        for (i, (name, target)) in mapping.into_iter().enumerate() {
            let field = format!("mapping[{i}]");
            let Some(n) = report.names.iter().find(|n| n.name == name) else {
                return Err(AppError::invalid(
                    &format!("{field}.name"),
                    format!("'{name}' is not an exercise name of this file."),
                ));
            };
            let exercise = match target {
                Target::Exercise(ex) => {
                    self.training.exercise(user, &ex).await.map_err(|_| {
                        AppError::invalid(
                            &format!("{field}.exercise_id"),
                            format!("There is no exercise '{ex}' you may use."),
                        )
                    })?;
                    ex
                }
                Target::Create(muscle) => {
                    let cardio = muscle.is_none();
                    let input = ExerciseInput {
                        name_en: Some(n.name.clone()),
                        primary: muscle.map(|m| vec![m]),
                        category: cardio.then(|| "cardio".to_owned()),
                        ..ExerciseInput::default()
                    };
                    let (e, _) = self
                        .training
                        .create_exercise(user, input, false, None)
                        .await
                        .map_err(|e| match e {
                            AppError::Validation(mut errs) => {
                                for f in &mut errs {
                                    f.field = format!("{field}.create_muscle");
                                }
                                AppError::Validation(errs)
                            }
                            other => other,
                        })?;
                    e.id
                }
            };
            saved.push((normalize_name(&n.name), exercise.clone()));
            chosen.insert(n.name.clone(), exercise);
        }
        let missing: Vec<&str> = report
            .names
            .iter()
            .filter(|n| !chosen.contains_key(&n.name))
            .map(|n| n.name.as_str())
            .collect();
        if !missing.is_empty() {
            return Err(AppError::invalid(
                "mapping",
                format!(
                    "Choose an exercise (or a new one) for: {}.",
                    missing.join(", ")
                ),
            ));
        }
        let owner = Owner::of(user);
        let uid = user.id;
        {
            let saved = saved.clone();
            self.store
                .write(move |tx| {
                    for (name, ex) in &saved {
                        store::put_mapping(tx, uid, name, ex)?;
                    }
                    Ok(())
                })
                .await?;
        }
        let chosen = std::sync::Arc::new(chosen);
        let total = report.import.workouts.len();
        for start in (0..total).step_by(CHUNK) {
            let (bus, owner, chosen) = (self.bus.clone(), owner.clone(), chosen.clone());
            let last = start + CHUNK >= total;
            self.store
                .write(move |tx| {
                    let mut imp = store::import_w(tx, id)?.ok_or_else(not_found)?;
                    let workouts = std::mem::take(&mut imp.workouts);
                    for w in &workouts[start..(start + CHUNK).min(total)] {
                        let fp = fingerprint(w);
                        if store::fingerprint_w(tx, uid, fp)?.is_some() {
                            imp.skipped += 1;
                            continue;
                        }
                        let written = write(tx, &bus, &owner, w, &chosen)?;
                        store::put_fingerprint(tx, uid, fp, Some(written))?;
                        imp.created.push(written);
                    }
                    imp.workouts = workouts;
                    if last {
                        imp.status = Status::Applied;
                        imp.applied_at = Some(now());
                    }
                    store::put_import(tx, &imp)?;
                    Ok(())
                })
                .await?;
        }
        self.get(user, id).await
    }

    /// Undoes an applied import: every workout it created goes (with what was derived from
    /// it), and the file may be imported again.
    pub async fn undo(&self, user: &User, id: u128) -> Result<Report, AppError> {
        let report = self.get(user, id).await?;
        if report.import.status != Status::Applied {
            // A draft is simply dropped from the list of drafts: it created nothing.
            if report.import.status == Status::Draft {
                self.store
                    .write(move |tx| {
                        let mut imp = store::import_w(tx, id)?.ok_or_else(not_found)?;
                        imp.status = Status::Undone;
                        imp.workouts.clear();
                        store::put_import(tx, &imp)
                    })
                    .await?;
                return self.get(user, id).await;
            }
            return Err(AppError::Problem(
                crate::error::Code::Conflict,
                "This import was undone already.".into(),
            ));
        }
        for w in &report.import.created {
            match self.training.delete_workout(user, *w).await {
                Ok(()) | Err(AppError::NotFound(_)) => {}
                Err(e) => return Err(e),
            }
        }
        let (uid, prints): (u128, Vec<u64>) = (
            user.id,
            report.import.workouts.iter().map(fingerprint).collect(),
        );
        self.store
            .write(move |tx| {
                let mut imp = store::import_w(tx, id)?.ok_or_else(not_found)?;
                for fp in &prints {
                    if let Some(w) = store::fingerprint_w(tx, uid, *fp)?
                        && imp.created.contains(&w)
                    {
                        store::put_fingerprint(tx, uid, *fp, None)?;
                    }
                }
                imp.status = Status::Undone;
                store::put_import(tx, &imp)
            })
            .await?;
        self.get(user, id).await
    }
}

/// Writes one imported workout (private, finished) with its sets spread over its duration.
fn write(
    tx: &redb::WriteTransaction,
    bus: &Bus,
    owner: &Owner,
    w: &ParsedWorkout,
    chosen: &HashMap<String, String>,
) -> Result<u128, AppError> {
    let n = w.sets.len().max(1) as i64;
    let duration = i64::from(w.duration_s.unwrap_or(0)).max(60 * n.min(120));
    let workout = Workout {
        id: new_id(),
        user_id: owner.id,
        title: if w.title.trim().is_empty() {
            "Imported workout".into()
        } else {
            w.title.chars().take(200).collect()
        },
        notes: w.notes.chars().take(5000).collect(),
        started_at: w.started_at,
        finished_at: Some(w.started_at + duration),
        visibility: Visibility::Private,
        plan: None,
        set_count: 0,
        volume_kg: 0.0,
        records_hit: 0,
        exercise_notes: Vec::new(),
        supersets: Vec::new(),
        version: 1,
    };
    let sets = w
        .sets
        .iter()
        .enumerate()
        .map(|(i, s)| WorkoutSet {
            id: new_id(),
            exercise_id: chosen[&s.exercise].clone(),
            kind: s.kind,
            reps: s.reps,
            weight_kg: s.weight_kg,
            rpe: s.rpe,
            duration_s: s.duration_s,
            distance_m: s.distance_m,
            completed_at: w.started_at + duration * (i as i64 + 1) / n,
            is_record: false,
        })
        .collect();
    let written = write_complete_workout(tx, bus, owner, workout, sets)?;
    if let Some(t) = &w.track {
        crate::tracks::keep(tx, owner.id, written.id, &t.0)?;
    }
    Ok(written.id)
}

/// Account deletion removes the member's imports, mappings and fingerprints.
pub struct Cleanup;

impl Reactor for Cleanup {
    fn react(&self, tx: &redb::WriteTransaction, event: &Event<'_>) -> Result<Effects, AppError> {
        if let Event::UserDeleted { user } = *event {
            store::delete_user(tx, user)?;
        }
        Ok(Effects::default())
    }
}
