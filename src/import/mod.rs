//! Imports of training history from other apps (Strong, Hevy), of GPS activities (GPX, TCX,
//! FIT: cardio workouts that keep their route, and FIT strength sets), and from another Gymbox
//! (its account archive, `gymbox`: see `gymbox.rs`). A file is first read into a
//! draft (a dry run: workouts, sets, dates, and the exercise names it could not match, with
//! suggestions); the member maps those names (to an exercise, or to a new private one), and
//! applying the draft writes the workouts through training — the same events as logging, so
//! records, statistics and challenges are right, and, being past training, they earn no XP.
//! Each imported workout leaves a fingerprint, so importing the same file again creates
//! nothing new; an import can be undone as a whole. Mappings are kept for the next file.
//!
//! Applying runs as a job off the request: it writes 25 workouts per transaction and records,
//! in the same transaction, how far it came (`applied_workouts`), so a large file does not hold
//! a request for minutes, the member watches the progress, and a server restarted in the middle
//! resumes where the last transaction ended (`resume_unfinished` at start).

pub mod activity;
pub mod api;
pub mod fit;
#[cfg(test)]
mod fit_encode;
pub mod gymbox;
pub mod parse;
pub mod store;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::accounts::Accounts;
use crate::accounts::model::{Units, User};
use crate::error::AppError;
use crate::events::{Bus, Effects, Event, Owner, Reactor};
use crate::storage::Store;
use crate::storage::codec::Record;
use crate::storage::ids;
use crate::storage::ids::{new_id, now};
use crate::training::Training;
use crate::training::catalogue::normalize_name;
use crate::training::model::{
    Exercise, ExerciseNote, Plan, PlanRef, Visibility, Workout, WorkoutSet,
};
use crate::training::service::{
    ExerciseFilter, ExerciseInput, exercise_in_use, owns_metric, owns_plan, owns_workout,
    usable_exercise, write_complete_workout, write_imported_exercise, write_imported_metric,
    write_imported_plan,
};
use parse::{Format, LineProblem, ParsedWorkout, Unit};

/// Workouts written per transaction when applying.
const CHUNK: usize = 25;
/// Problems kept in a draft (the count of the rest is given).
const MAX_PROBLEMS: usize = 200;
/// Drafts of at most this many workouts are applied before the request answers; larger ones
/// answer at once with status `applying` and go on in the background.
pub const INLINE_WORKOUTS: usize = 100;

/// Where a running apply reports (workouts gone through, workouts in all).
pub type Progress = std::sync::Arc<dyn Fn(u32, u32) + Send + Sync>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    /// Being applied (see `applied_workouts`).
    Applying,
    Applied,
    /// Applying stopped with `error`; what it created stays until undone.
    Failed,
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
    /// A Gymbox archive (format `gymbox`); `workouts` is then empty.
    #[serde(default)]
    pub archive: Option<Box<gymbox::Archive>>,
    /// Workouts gone through by the apply (created or left out), in file order.
    #[serde(default)]
    pub applied_workouts: u32,
    /// Why applying stopped (status `failed`).
    #[serde(default)]
    pub error: Option<String>,
    /// Name (or, for an archive, exercise id of the old server) → exercise id here, as applied.
    #[serde(default)]
    pub chosen: Vec<(String, String)>,
    /// Archive: the profile and preferences were taken over.
    #[serde(default)]
    pub with_profile: bool,
    /// Archive: exercises, plans and measurements are written (workouts follow).
    #[serde(default)]
    pub prepared: bool,
    /// Archive: plan id of the old server → plan here.
    #[serde(default)]
    pub plan_ids: Vec<(String, u128)>,
    /// Archive: what this import created besides workouts (to undo it).
    #[serde(default)]
    pub created_exercises: Vec<String>,
    #[serde(default)]
    pub created_plans: Vec<u128>,
    #[serde(default)]
    pub created_metrics: Vec<u128>,
    /// Archive: exercises, plans and measurements that were here already (found, not made).
    #[serde(default)]
    pub found: u32,
}

impl Import {
    /// A draft of `user` with nothing in it yet.
    fn empty(user: u128, format: Format, file_name: &str) -> Self {
        Self {
            id: new_id(),
            user,
            format,
            file_name: file_name.chars().take(200).collect(),
            created_at: now(),
            status: Status::Draft,
            workouts: Vec::new(),
            problems: Vec::new(),
            more_problems: 0,
            created: Vec::new(),
            skipped: 0,
            applied_at: None,
            archive: None,
            applied_workouts: 0,
            error: None,
            chosen: Vec::new(),
            with_profile: false,
            prepared: false,
            plan_ids: Vec::new(),
            created_exercises: Vec::new(),
            created_plans: Vec::new(),
            created_metrics: Vec::new(),
            found: 0,
        }
    }

    pub fn workout_count(&self) -> usize {
        self.archive
            .as_ref()
            .map_or(self.workouts.len(), |a| a.workouts.len())
    }

    pub fn set_count(&self) -> usize {
        self.archive.as_ref().map_or_else(
            || self.workouts.iter().map(|w| w.sets.len()).sum(),
            |a| a.set_count(),
        )
    }

    /// The first and last workout's start.
    pub fn span(&self) -> (Option<i64>, Option<i64>) {
        let starts: Vec<i64> = match &self.archive {
            Some(a) => a.workouts.iter().map(|w| w.started_at).collect(),
            None => self.workouts.iter().map(|w| w.started_at).collect(),
        };
        (starts.iter().copied().min(), starts.iter().copied().max())
    }
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
    accounts: Accounts,
    bus: Bus,
}

fn not_found() -> AppError {
    AppError::NotFound("No import with that id.".into())
}

/// The fingerprint of a record of a Gymbox archive: its kind and its id on the old server.
fn print(kind: &str, id: &str) -> u64 {
    let d = Sha256::digest(format!("gymbox|{kind}|{id}").as_bytes());
    u64::from_be_bytes([d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]])
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
    pub fn new(store: Store, training: Training, accounts: Accounts, bus: Bus) -> Self {
        Self {
            store,
            training,
            accounts,
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
        if format == Format::Gymbox {
            return self.dry_run_archive(user, file_name, bytes).await;
        }
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
            workouts: parsed.workouts,
            problems: parsed.problems,
            more_problems,
            ..Import::empty(user.id, format, file_name)
        };
        let row = import.clone();
        self.store
            .write(move |tx| store::put_import(tx, &row))
            .await?;
        self.report(user, import).await
    }

    /// Reads a Gymbox archive into a draft.
    async fn dry_run_archive(
        &self,
        user: &User,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<Report, AppError> {
        let bytes = bytes.to_vec();
        let archive = tokio::task::spawn_blocking(move || gymbox::read(&bytes))
            .await?
            .map_err(|e| AppError::invalid("file", e))?;
        for p in &archive.plans {
            let probe = Plan {
                id: 0,
                owner_id: user.id,
                title: p.title.clone(),
                description: p.description.clone(),
                tags: p.tags.clone(),
                goal: p.goal.clone(),
                visibility: p.visibility,
                weeks: p.weeks.clone(),
                forked_from: None,
                created_at: 0,
                updated_at: 0,
                version: 1,
            };
            self.training.check_imported_plan(&probe).map_err(|e| {
                AppError::invalid(
                    "file",
                    format!("plans.json, plan '{}': {}", p.title, problem_text(&e)),
                )
            })?;
        }
        let import = Import {
            archive: Some(Box::new(archive)),
            ..Import::empty(user.id, Format::Gymbox, file_name)
        };
        let row = import.clone();
        self.store
            .write(move |tx| store::put_import(tx, &row))
            .await?;
        self.report(user, import).await
    }

    /// What an archive's exercise ids resolve to without the member's help, and which need it
    /// (ids of another server's exercises the archive does not describe: version 1 archives).
    async fn report_archive(&self, user: &User, import: Import) -> Result<Report, AppError> {
        let Some(a) = import.archive.as_deref() else {
            return Ok(Report {
                import,
                names: Vec::new(),
                already: 0,
            });
        };
        let described: std::collections::HashSet<&str> = a
            .exercises
            .iter()
            .chain(&a.gym_exercises)
            .map(|e| e.id.as_str())
            .collect();
        let open: Vec<(String, u32)> = a
            .exercise_ids()
            .into_iter()
            .filter(|(id, _)| !described.contains(id.as_str()))
            .collect();
        let workouts: Vec<String> = a.workouts.iter().map(|w| w.id.clone()).collect();
        let uid = user.id;
        let keys: Vec<String> = open.iter().map(|(id, _)| normalize_name(id)).collect();
        let ids_open: Vec<String> = open.iter().map(|(id, _)| id.clone()).collect();
        let (usable, saved, already) = self
            .store
            .read_long(move |tx| {
                let mut usable = Vec::new();
                let mut saved = Vec::new();
                for (id, key) in ids_open.iter().zip(&keys) {
                    usable.push(usable_exercise(tx, uid, id)?);
                    saved.push(store::mapping(tx, uid, key)?);
                }
                let mut already = 0;
                for w in &workouts {
                    let here = store::fingerprint(tx, uid, print("workout", w))?.is_some()
                        || ids::parse(w).is_some_and(|n| owns_workout(tx, uid, n).unwrap_or(false));
                    already += u32::from(here);
                }
                Ok((usable, saved, already))
            })
            .await?;
        let mut names = Vec::new();
        for (((id, sets), usable), saved) in open.into_iter().zip(usable).zip(saved) {
            if usable.is_some() {
                continue;
            }
            let exercise = match saved {
                Some(s) => self
                    .training
                    .exercise(user, &s)
                    .await
                    .ok()
                    .map(|e| (e.id, e.name_en)),
                None => None,
            };
            names.push(NameMatch {
                name: id,
                sets,
                exercise,
                suggestions: Vec::new(),
            });
        }
        Ok(Report {
            import,
            names,
            already,
        })
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
        if import.format == Format::Gymbox {
            return self.report_archive(user, import).await;
        }
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
    /// Every name must end up with an exercise (422 naming those that do not). An archive's
    /// profile and preferences are taken over when `profile`. Drafts of more than
    /// `INLINE_WORKOUTS` workouts answer at once with status `applying`; the rest is written
    /// in the background (`get` tells how far it came).
    pub async fn apply(
        &self,
        user: &User,
        id: u128,
        mapping: Vec<(String, Target)>,
        profile: bool,
    ) -> Result<Report, AppError> {
        let (job, small) = self.start(user, id, mapping, profile).await?;
        if small {
            job.await??;
        }
        self.get(user, id).await
    }

    /// Like `apply`, but waits for the end however long it takes, telling `progress` after
    /// every transaction (the command line).
    pub async fn apply_wait(
        &self,
        user: &User,
        id: u128,
        mapping: Vec<(String, Target)>,
        profile: bool,
        progress: Progress,
    ) -> Result<Report, AppError> {
        let (uid, me) = (user.id, self.clone());
        let (job, _) = self.start(user, id, mapping, profile).await?;
        // The job started already; the progress of what remains is polled from its record.
        let watcher = tokio::spawn(async move {
            let mut last = u32::MAX;
            loop {
                let imp = me.store.read(move |tx| store::import(tx, id)).await;
                let Ok(Some(imp)) = imp else { break };
                if imp.user != uid {
                    break;
                }
                if imp.applied_workouts != last {
                    last = imp.applied_workouts;
                    progress(last, count32(imp.workout_count()));
                }
                if imp.status != Status::Applying {
                    break;
                }
                tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            }
        });
        let done = job.await;
        let _ = watcher.await;
        done??;
        self.get(user, id).await
    }

    /// Resolves the names, marks the draft `applying` and starts the job. Returns the job and
    /// whether the draft is small enough to wait for.
    async fn start(
        &self,
        user: &User,
        id: u128,
        mapping: Vec<(String, Target)>,
        profile: bool,
    ) -> Result<(tokio::task::JoinHandle<Result<(), AppError>>, bool), AppError> {
        let report = self.get(user, id).await?;
        match report.import.status {
            Status::Draft => {}
            Status::Applying => {
                return Err(AppError::Problem(
                    crate::error::Code::Conflict,
                    "This import is being applied; wait for it to finish.".into(),
                ));
            }
            _ => {
                return Err(AppError::Problem(
                    crate::error::Code::Conflict,
                    "This import was applied already; undo it to import the file again.".into(),
                ));
            }
        }
        let chosen = self.choose(user, &report, mapping).await?;
        let with_profile = profile && report.import.archive.is_some();
        if let Some(a) = report.import.archive.as_ref().filter(|_| with_profile) {
            let p = &a.profile;
            let patch = crate::accounts::service::ProfilePatch {
                display_name: (!p.display_name.is_empty()).then(|| p.display_name.clone()),
                bio: Some(p.bio.clone()),
                email: None,
                units: Some(p.preferences.units),
                language: Some(p.preferences.language),
                timezone: Some(p.preferences.timezone.clone()),
                week_start: Some(p.preferences.week_start),
                weekly_target: Some(p.preferences.weekly_target),
                profile_visibility: Some(p.privacy.profile_visibility),
                searchable: Some(p.privacy.searchable),
            };
            self.accounts.update_profile(user.id, patch, None).await?;
        }
        let uid = user.id;
        self.store
            .write(move |tx| {
                let mut imp = store::import_w(tx, id)?
                    .filter(|i| i.user == uid)
                    .ok_or_else(not_found)?;
                if imp.status != Status::Draft {
                    return Err(AppError::Problem(
                        crate::error::Code::Conflict,
                        "This import was started already.".into(),
                    ));
                }
                imp.status = Status::Applying;
                imp.chosen = chosen.clone();
                imp.with_profile = with_profile;
                imp.applied_workouts = 0;
                store::put_import(tx, &imp)
            })
            .await?;
        let small = report.import.workout_count() <= INLINE_WORKOUTS;
        let me = self.clone();
        Ok((tokio::spawn(async move { me.run(id).await }), small))
    }

    /// What every name of the draft maps to after the member's choices (new exercises are
    /// created here); saves the choices for the next file.
    async fn choose(
        &self,
        user: &User,
        report: &Report,
        mapping: Vec<(String, Target)>,
    ) -> Result<Vec<(String, String)>, AppError> {
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
        let uid = user.id;
        self.store
            .write(move |tx| {
                for (name, ex) in &saved {
                    store::put_mapping(tx, uid, name, ex)?;
                }
                Ok(())
            })
            .await?;
        Ok(chosen.into_iter().collect())
    }

    /// Runs (or resumes) the apply of an import marked `applying`; a failure is recorded on
    /// the import (status `failed`, with the reason) and returned.
    async fn run(&self, id: u128) -> Result<(), AppError> {
        let result = self.run_steps(id).await;
        if let Err(e) = &result {
            tracing::warn!(import = %ids::to_string(id), error = %e, "import failed");
            let message = match e {
                AppError::Validation(errs) => errs
                    .iter()
                    .map(|f| f.message.clone())
                    .collect::<Vec<_>>()
                    .join(" "),
                other => other.to_string(),
            };
            self.store
                .write(move |tx| {
                    if let Some(mut imp) = store::import_w(tx, id)?
                        && imp.status == Status::Applying
                    {
                        imp.status = Status::Failed;
                        imp.error = Some(message.clone());
                        store::put_import(tx, &imp)?;
                    }
                    Ok(())
                })
                .await?;
        }
        result
    }

    async fn run_steps(&self, id: u128) -> Result<(), AppError> {
        let imp = self
            .store
            .read(move |tx| store::import(tx, id))
            .await?
            .ok_or_else(not_found)?;
        if imp.status != Status::Applying {
            return Ok(());
        }
        let user = self.accounts.user(imp.user).await?;
        let owner = Owner::of(&user);
        let uid = user.id;
        if imp.archive.is_some() && !imp.prepared {
            // Exercises the archive's gym-wide ones may be matched to by name.
            let mut by_name: HashMap<String, String> = HashMap::new();
            for e in self.usable(&user).await? {
                if e.owner_id.is_some()
                    || crate::training::catalogue::builtin_by_id(&e.id).is_none()
                {
                    by_name.entry(normalize_name(&e.name_en)).or_insert(e.id);
                }
            }
            let (training, bus) = (self.training.clone(), self.bus.clone());
            self.store
                .write(move |tx| {
                    let mut imp = store::import_w(tx, id)?.ok_or_else(not_found)?;
                    prepare(tx, &bus, &training, uid, &mut imp, &by_name)?;
                    store::put_import(tx, &imp)
                })
                .await?;
        }
        let total = imp.workout_count();
        // Each transaction rewrites the import's record (its progress, with the draft): a
        // large file goes in up to 4 × CHUNK workouts at a time, so it takes at most ~40 such
        // rewrites until it is 16,000 workouts long, and no transaction holds the writer long.
        let chunk = (total / 40).clamp(CHUNK, 4 * CHUNK);
        let mut start = imp.applied_workouts as usize;
        loop {
            let (bus, owner) = (self.bus.clone(), owner.clone());
            let done = self
                .store
                .write(move |tx| {
                    let mut imp = store::import_w(tx, id)?.ok_or_else(not_found)?;
                    if imp.status != Status::Applying {
                        return Ok(true);
                    }
                    let end = (start + chunk).min(total);
                    if imp.archive.is_some() {
                        write_archived(tx, &bus, &owner, &mut imp, start, end)?;
                    } else {
                        let chosen: HashMap<String, String> = imp.chosen.iter().cloned().collect();
                        let workouts = std::mem::take(&mut imp.workouts);
                        for w in &workouts[start..end] {
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
                    }
                    imp.applied_workouts = count32(end);
                    let last = end >= total;
                    if last {
                        imp.status = Status::Applied;
                        imp.applied_at = Some(now());
                    }
                    store::put_import(tx, &imp)?;
                    Ok(last)
                })
                .await?;
            if done {
                return Ok(());
            }
            start += chunk;
        }
    }

    /// Resumes every apply a stopped server left `applying` (called once at start).
    pub async fn resume_unfinished(&self) -> Result<usize, AppError> {
        let open = self.store.read_long(store::applying).await?;
        let n = open.len();
        for id in open {
            tracing::info!(import = %ids::to_string(id), "resuming an import");
            let me = self.clone();
            tokio::spawn(async move {
                let _ = me.run(id).await;
            });
        }
        Ok(n)
    }

    /// Undoes an applied (or failed) import: every workout it created goes (with what was
    /// derived from it), and so do the plans and measurements it created and the exercises it
    /// created that nothing uses any more; the file may be imported again. Profile changes
    /// stay (they are settings, not history).
    pub async fn undo(&self, user: &User, id: u128) -> Result<Report, AppError> {
        let report = self.get(user, id).await?;
        match report.import.status {
            Status::Applied | Status::Failed => {}
            // A draft is simply dropped from the list of drafts: it created nothing.
            Status::Draft => {
                self.store
                    .write(move |tx| {
                        let mut imp = store::import_w(tx, id)?.ok_or_else(not_found)?;
                        imp.status = Status::Undone;
                        imp.workouts.clear();
                        imp.archive = None;
                        store::put_import(tx, &imp)
                    })
                    .await?;
                return self.get(user, id).await;
            }
            Status::Applying => {
                return Err(AppError::Problem(
                    crate::error::Code::Conflict,
                    "This import is being applied; undo it when it has finished.".into(),
                ));
            }
            Status::Undone => {
                return Err(AppError::Problem(
                    crate::error::Code::Conflict,
                    "This import was undone already.".into(),
                ));
            }
        }
        let imp = &report.import;
        for w in &imp.created {
            match self.training.delete_workout(user, *w).await {
                Ok(()) | Err(AppError::NotFound(_)) => {}
                Err(e) => return Err(e),
            }
        }
        for p in &imp.created_plans {
            match self.training.delete_plan(user, *p).await {
                Ok(()) | Err(AppError::NotFound(_)) => {}
                Err(e) => return Err(e),
            }
        }
        for m in &imp.created_metrics {
            match self.training.delete_metric(user, *m).await {
                Ok(()) | Err(AppError::NotFound(_)) => {}
                Err(e) => return Err(e),
            }
        }
        let uid = user.id;
        let mut removed: Vec<u128> = imp.created.clone();
        removed.extend(&imp.created_plans);
        removed.extend(&imp.created_metrics);
        for e in &imp.created_exercises {
            let key = e.clone();
            let used = self
                .store
                .read(move |tx| exercise_in_use(tx, uid, &key))
                .await?;
            if used {
                continue;
            }
            match self.training.delete_exercise(user, e).await {
                Ok(()) | Err(AppError::NotFound(_)) => removed.extend(ids::parse(e)),
                Err(e) => return Err(e),
            }
        }
        let mut prints: Vec<u64> = imp.workouts.iter().map(fingerprint).collect();
        if let Some(a) = &imp.archive {
            prints.extend(a.workouts.iter().map(|w| print("workout", &w.id)));
            prints.extend(a.plans.iter().map(|p| print("plan", &p.id)));
            prints.extend(a.metrics.iter().map(|m| print("metric", &m.id)));
            prints.extend(
                a.exercises
                    .iter()
                    .chain(&a.gym_exercises)
                    .map(|e| print("exercise", &e.id)),
            );
        }
        self.store
            .write(move |tx| {
                let mut imp = store::import_w(tx, id)?.ok_or_else(not_found)?;
                for fp in &prints {
                    if let Some(w) = store::fingerprint_w(tx, uid, *fp)?
                        && removed.contains(&w)
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

/// The messages of an error, without field names (for a problem inside a file).
fn problem_text(e: &AppError) -> String {
    match e {
        AppError::Validation(errs) => errs
            .iter()
            .map(|f| format!("{}: {}", f.field, f.message))
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}

fn count32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// An archive's exercises, plans and measurements, in one transaction: each one already here
/// (imported before, or this is the account it came from) is found rather than made again.
fn prepare(
    tx: &crate::storage::Tx,
    bus: &Bus,
    training: &Training,
    uid: u128,
    imp: &mut Import,
    by_name: &HashMap<String, String>,
) -> Result<(), AppError> {
    let Some(a) = imp.archive.clone() else {
        return Ok(());
    };
    let mut map: HashMap<String, String> = imp.chosen.iter().cloned().collect();
    let lists = [(&a.exercises, false), (&a.gym_exercises, true)];
    for (list, gym) in lists {
        for e in list {
            let fp = print("exercise", &e.id);
            let before = match store::fingerprint_w(tx, uid, fp)? {
                Some(n) => {
                    let id = ids::to_string(n);
                    usable_exercise(tx, uid, &id)?.map(|_| id)
                }
                None => None,
            };
            let found = match before {
                Some(id) => Some(id),
                None if usable_exercise(tx, uid, &e.id)?.is_some() => Some(e.id.clone()),
                None if gym => by_name.get(&normalize_name(&e.name_en)).cloned(),
                None => None,
            };
            let target = match found {
                Some(id) => {
                    imp.found += 1;
                    id
                }
                None => {
                    let rec = gymbox::exercise_record(e, uid);
                    write_imported_exercise(tx, &rec)?;
                    if let Some(n) = ids::parse(&rec.id) {
                        store::put_fingerprint(tx, uid, fp, Some(n))?;
                    }
                    imp.created_exercises.push(rec.id.clone());
                    rec.id
                }
            };
            map.insert(e.id.clone(), target);
        }
    }
    let resolve = |id: &str| map.get(id).cloned().unwrap_or_else(|| id.to_owned());
    for p in &a.plans {
        let fp = print("plan", &p.id);
        let before = match store::fingerprint_w(tx, uid, fp)? {
            Some(n) if owns_plan(tx, uid, n)? => Some(n),
            _ => ids::parse(&p.id).filter(|n| owns_plan(tx, uid, *n).unwrap_or(false)),
        };
        if let Some(n) = before {
            imp.found += 1;
            imp.plan_ids.push((p.id.clone(), n));
            continue;
        }
        let mut weeks = p.weeks.clone();
        for week in &mut weeks {
            for day in &mut week.days {
                for e in &mut day.exercises {
                    e.exercise_id = resolve(&e.exercise_id);
                }
            }
        }
        let t = now();
        let plan = Plan {
            id: new_id(),
            owner_id: uid,
            title: p.title.clone(),
            description: p.description.clone(),
            tags: p.tags.clone(),
            goal: p.goal.clone(),
            visibility: p.visibility,
            weeks,
            forked_from: None,
            created_at: t,
            updated_at: t,
            version: 1,
        };
        training.check_imported_plan(&plan)?;
        write_imported_plan(tx, bus, &plan)?;
        store::put_fingerprint(tx, uid, fp, Some(plan.id))?;
        imp.created_plans.push(plan.id);
        imp.plan_ids.push((p.id.clone(), plan.id));
    }
    for m in &a.metrics {
        let fp = print("metric", &m.id);
        let here = match store::fingerprint_w(tx, uid, fp)? {
            Some(n) => owns_metric(tx, uid, n)?,
            None => ids::parse(&m.id).is_some_and(|n| owns_metric(tx, uid, n).unwrap_or(false)),
        };
        if here {
            imp.found += 1;
            continue;
        }
        let rec = crate::training::model::BodyMetric {
            id: new_id(),
            user_id: uid,
            kind: m.kind.clone(),
            value: m.value,
            measured_at: m.measured_at,
            note: m.note.clone(),
        };
        write_imported_metric(tx, &rec)?;
        store::put_fingerprint(tx, uid, fp, Some(rec.id))?;
        imp.created_metrics.push(rec.id);
    }
    imp.chosen = map.into_iter().collect();
    imp.prepared = true;
    Ok(())
}

/// Workouts `start..end` of an archive, each exactly as it was (times, visibility, notes,
/// supersets, every set), with exercise and plan ids of this server.
fn write_archived(
    tx: &crate::storage::Tx,
    bus: &Bus,
    owner: &Owner,
    imp: &mut Import,
    start: usize,
    end: usize,
) -> Result<(), AppError> {
    let Some(a) = imp.archive.take() else {
        return Ok(());
    };
    let map: HashMap<&str, &str> = imp
        .chosen
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let resolve = |id: &str| {
        map.get(id)
            .map_or_else(|| id.to_owned(), |v| (*v).to_owned())
    };
    let result = (|| {
        for w in &a.workouts[start..end] {
            let fp = print("workout", &w.id);
            let here = store::fingerprint_w(tx, owner.id, fp)?.is_some()
                || ids::parse(&w.id)
                    .is_some_and(|n| owns_workout(tx, owner.id, n).unwrap_or(false));
            if here {
                imp.skipped += 1;
                continue;
            }
            let plan = w.plan.as_ref().and_then(|(pid, week, day)| {
                imp.plan_ids
                    .iter()
                    .find(|(old, _)| old == pid)
                    .map(|(_, new)| PlanRef {
                        plan_id: *new,
                        week: *week,
                        day: *day,
                        assignment_id: None,
                    })
            });
            let workout = Workout {
                id: new_id(),
                user_id: owner.id,
                title: w.title.clone(),
                notes: w.notes.clone(),
                started_at: w.started_at,
                finished_at: w.finished_at,
                visibility: w.visibility,
                plan,
                set_count: 0,
                volume_kg: 0.0,
                records_hit: 0,
                exercise_notes: w
                    .exercise_notes
                    .iter()
                    .map(|(e, t)| ExerciseNote {
                        exercise_id: resolve(e),
                        text: t.clone(),
                    })
                    .collect(),
                supersets: w
                    .supersets
                    .iter()
                    .map(|g| g.iter().map(|e| resolve(e)).collect())
                    .collect(),
                version: 1,
            };
            let sets = w
                .sets
                .iter()
                .map(|s| WorkoutSet {
                    id: new_id(),
                    exercise_id: resolve(&s.exercise_id),
                    kind: s.kind,
                    reps: s.reps,
                    weight_kg: s.weight_kg,
                    rpe: s.rpe,
                    duration_s: s.duration_s,
                    distance_m: s.distance_m,
                    completed_at: s.completed_at,
                    is_record: false,
                })
                .collect();
            let written = write_complete_workout(tx, bus, owner, workout, sets)?.id;
            if let Some(t) = &w.track {
                crate::tracks::keep(tx, owner.id, written, &t.0)?;
            }
            store::put_fingerprint(tx, owner.id, fp, Some(written))?;
            imp.created.push(written);
        }
        Ok(())
    })();
    imp.archive = Some(a);
    result
}

/// Writes one imported workout (private, finished) with its sets spread over its duration.
fn write(
    tx: &crate::storage::Tx,
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
    fn react(&self, tx: &crate::storage::Tx, event: &Event<'_>) -> Result<Effects, AppError> {
        if let Event::UserDeleted { user } = *event {
            store::delete_user(tx, user)?;
        }
        Ok(Effects::default())
    }
}
