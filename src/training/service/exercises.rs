//! The exercise catalogue: built-in, gym-wide and private exercises; import; history.

use super::*;
use crate::accounts::model::User;
use crate::error::FieldError;
use crate::storage::ids::{self, new_id, now};
use crate::training::catalogue::{self, FreeExercise, normalize_name};
use crate::training::model::{ExerciseSource, Logging, Mechanics, WorkoutSet};
use crate::training::store::HistoryCursor;
use crate::training::vocab::{self, fold};

#[derive(Debug, Clone, Default)]
pub struct ExerciseFilter {
    pub q: Option<String>,
    pub muscle: Option<String>,
    pub equipment: Option<String>,
    pub category: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct ExerciseInput {
    pub name_en: Option<String>,
    pub name_ru: Option<String>,
    pub aliases: Option<Vec<String>>,
    pub primary: Option<Vec<String>>,
    pub secondary: Option<Vec<String>>,
    pub equipment: Option<String>,
    pub category: Option<String>,
    pub mechanics: Option<Option<Mechanics>>,
    pub logging: Option<Logging>,
    pub instructions: Option<Vec<String>>,
}

#[derive(Debug, Clone)]
pub struct Invalid {
    pub index: usize,
    pub name: String,
    pub reason: String,
}

#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    pub total: usize,
    pub imported: usize,
    pub skipped_duplicates: usize,
    pub invalid: Vec<Invalid>,
}

fn sort_key(e: &Exercise) -> String {
    format!("{}\u{0}{}", fold(&e.name_en), e.id)
}

fn matches(e: &Exercise, f: &ExerciseFilter, q: Option<&str>) -> bool {
    if let Some(m) = &f.muscle
        && !e.primary.iter().chain(&e.secondary).any(|x| x == m)
    {
        return false;
    }
    if f.equipment.as_ref().is_some_and(|x| *x != e.equipment) {
        return false;
    }
    if f.category.as_ref().is_some_and(|x| *x != e.category) {
        return false;
    }
    match q {
        None => true,
        Some(q) => {
            let names: Vec<String> = e.names().map(normalize_name).collect();
            q.split_whitespace()
                .all(|term| names.iter().any(|n| n.contains(term)))
        }
    }
}

fn check_vocab(field: &str, value: &str, allowed: &[&str], errs: &mut Vec<FieldError>) {
    if !allowed.contains(&value) {
        errs.push(FieldError::new(
            field,
            format!("Use one of: {}.", allowed.join(", ")),
        ));
    }
}

fn check_text(field: &str, value: &str, max: usize, errs: &mut Vec<FieldError>) {
    if let Err(e) = crate::accounts::validate::text(field, value, max, false) {
        errs.push(e);
    }
}

fn check_filter(filter: &ExerciseFilter) -> Result<(), AppError> {
    for (field, value, allowed) in [
        ("muscle", &filter.muscle, vocab::MUSCLES),
        ("equipment", &filter.equipment, vocab::EQUIPMENT),
        ("category", &filter.category, vocab::CATEGORIES),
    ] {
        if let Some(v) = value
            && !allowed.contains(&v.as_str())
        {
            return Err(AppError::invalid(
                field,
                format!("Use one of: {}.", allowed.join(", ")),
            ));
        }
    }
    Ok(())
}

impl Training {
    /// Whether an exercise passes the muscle/equipment/category filters (which are checked).
    pub fn exercise_matches(
        &self,
        e: &Exercise,
        filter: &ExerciseFilter,
    ) -> Result<bool, AppError> {
        check_filter(filter)?;
        Ok(matches(e, filter, None))
    }

    /// A page of the exercises `viewer` may use, ordered by English name.
    pub async fn list_exercises(
        &self,
        viewer: &User,
        filter: ExerciseFilter,
        after: Option<String>,
        limit: usize,
    ) -> Result<(Vec<Exercise>, Option<String>), AppError> {
        check_filter(&filter)?;
        let private = self.private_exercises(viewer.id).await?;
        let q = filter
            .q
            .as_deref()
            .map(normalize_name)
            .filter(|q| !q.is_empty());
        let gym = self.gym_exercises();
        let mut all: Vec<(String, Exercise)> = catalogue::builtin()
            .iter()
            .chain(gym.iter())
            .chain(private.iter())
            .filter(|e| matches(e, &filter, q.as_deref()))
            .map(|e| (sort_key(e), e.clone()))
            .filter(|(k, _)| after.as_ref().is_none_or(|a| k > a))
            .collect();
        all.sort_by(|a, b| a.0.cmp(&b.0));
        let next = (all.len() > limit).then(|| all[limit - 1].0.clone());
        all.truncate(limit);
        Ok((all.into_iter().map(|(_, e)| e).collect(), next))
    }

    async fn private_exercises(&self, user: u128) -> Result<Vec<Exercise>, AppError> {
        self.store
            .read(move |tx| {
                let mut out = Vec::new();
                for id in store::exercises_of(tx, user)? {
                    if let Some(e) = store::exercise(tx, id)? {
                        out.push(e);
                    }
                }
                Ok(out)
            })
            .await
    }

    /// The exercise if `viewer` may see it: built-in, gym-wide, or their own.
    pub async fn exercise(&self, viewer: &User, id: &str) -> Result<Exercise, AppError> {
        self.exercise_for(Some(viewer.id), id).await
    }

    /// The id of an exercise `viewer` may log (built-in, gym-wide or their own): what a set
    /// names, without copying a built-in exercise whole for every logged set.
    pub(super) async fn usable_exercise_id(
        &self,
        viewer: &User,
        id: &str,
    ) -> Result<String, AppError> {
        match catalogue::builtin_by_id(id) {
            Some(e) => Ok(e.id.clone()),
            None => self.exercise(viewer, id).await.map(|e| e.id),
        }
    }

    /// A built-in or gym-wide exercise (what a signed-out visitor may read).
    pub async fn shared_exercise(&self, id: &str) -> Result<Exercise, AppError> {
        self.exercise_for(None, id).await
    }

    /// A built-in or gym-wide exercise, or `user`'s own (`None`: nobody's private ones).
    pub(super) async fn exercise_for(
        &self,
        user: Option<u128>,
        id: &str,
    ) -> Result<Exercise, AppError> {
        if let Some(e) = catalogue::builtin_by_id(id) {
            return Ok(e.clone());
        }
        let key = ids::parse(id).ok_or_else(|| not_found("exercise"))?;
        let e = self
            .store
            .read(move |tx| store::exercise(tx, key))
            .await?
            .ok_or_else(|| not_found("exercise"))?;
        if e.owner_id.is_none_or(|o| Some(o) == user) {
            Ok(e)
        } else {
            Err(not_found("exercise"))
        }
    }

    pub(super) fn validate_exercise(e: &Exercise) -> Result<(), AppError> {
        let mut errs = Vec::new();
        if e.name_en.trim().is_empty() {
            errs.push(FieldError::new("name_en", "Give the exercise a name."));
        }
        check_text("name_en", &e.name_en, 120, &mut errs);
        check_text("name_ru", &e.name_ru, 120, &mut errs);
        if e.aliases_en.len() + e.aliases_ru.len() > 20 {
            errs.push(FieldError::new("aliases", "Use at most 20 aliases."));
        }
        for a in e.aliases_en.iter().chain(&e.aliases_ru) {
            check_text("aliases", a, 120, &mut errs);
        }
        if e.primary.is_empty() && e.category != "cardio" {
            errs.push(FieldError::new(
                "primary",
                "Name at least one primary muscle.",
            ));
        }
        for m in &e.primary {
            check_vocab("primary", m, vocab::MUSCLES, &mut errs);
        }
        for m in &e.secondary {
            check_vocab("secondary", m, vocab::MUSCLES, &mut errs);
        }
        check_vocab("equipment", &e.equipment, vocab::EQUIPMENT, &mut errs);
        check_vocab("category", &e.category, vocab::CATEGORIES, &mut errs);
        if e.instructions.len() > 30 || e.instructions.iter().any(|s| s.chars().count() > 2000) {
            errs.push(FieldError::new(
                "instructions",
                "Use at most 30 steps of 2000 characters.",
            ));
        }
        if errs.is_empty() {
            Ok(())
        } else {
            Err(AppError::Validation(errs))
        }
    }

    fn apply(e: &mut Exercise, input: ExerciseInput) {
        let split = |v: Vec<String>| -> (Vec<String>, Vec<String>) {
            v.into_iter()
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .partition(|s| !s.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)))
        };
        if let Some(n) = input.name_en {
            e.name_en = n.trim().to_owned();
        }
        if let Some(n) = input.name_ru {
            e.name_ru = n.trim().to_owned();
        }
        if let Some(a) = input.aliases {
            (e.aliases_en, e.aliases_ru) = split(a);
        }
        if let Some(p) = input.primary {
            e.primary = p;
        }
        if let Some(s) = input.secondary {
            e.secondary = s;
        }
        if let Some(x) = input.equipment {
            e.equipment = x;
        }
        if let Some(x) = input.category {
            e.category = x;
        }
        if let Some(x) = input.mechanics {
            e.mechanics = x;
        }
        if let Some(x) = input.logging {
            e.logging = x;
        }
        if let Some(x) = input.instructions {
            e.instructions = x;
        }
    }

    /// Creates a custom exercise: private to `user`, or gym-wide (coaches and admins).
    pub async fn create_exercise(
        &self,
        user: &User,
        input: ExerciseInput,
        gym_wide: bool,
        idempotency_key: Option<IdempotencyKey>,
    ) -> Result<(Exercise, bool), AppError> {
        if gym_wide && !may_edit_gym_exercises(user) {
            return Err(AppError::forbidden(
                "Only coaches and administrators add gym-wide exercises.",
            ));
        }
        if let Some(id) = self.replay(user.id, idempotency_key.as_ref()).await? {
            return Ok((self.exercise(user, &ids::to_string(id)).await?, false));
        }
        let id = new_id();
        let mut e = Exercise {
            id: ids::to_string(id),
            name_en: String::new(),
            name_ru: String::new(),
            aliases_en: Vec::new(),
            aliases_ru: Vec::new(),
            primary: Vec::new(),
            secondary: Vec::new(),
            equipment: "other".into(),
            category: "strength".into(),
            mechanics: None,
            logging: Logging::WeightReps,
            owner_id: (!gym_wide).then_some(user.id),
            created_by: Some(user.id),
            source: ExerciseSource::Custom,
            instructions: Vec::new(),
            instructions_ru: Vec::new(),
            created_at: now(),
        };
        Self::apply(&mut e, input);
        Self::validate_exercise(&e)?;
        let (rec, uid) = (e.clone(), user.id);
        self.store
            .write(move |tx| {
                let cap = crate::training::limits::EXERCISES_PER_MEMBER;
                if !gym_wide && store::exercise_count(tx, uid, cap)? >= cap {
                    return Err(crate::training::limits::reached(
                        "custom exercises",
                        cap,
                        "delete exercises you no longer use to add new ones.",
                    ));
                }
                store::put_exercise(tx, &rec)?;
                if let Some(k) = &idempotency_key {
                    store::remember_idempotent(tx, uid, &k.key, &k.body, id)?;
                }
                Ok(())
            })
            .await?;
        if gym_wide {
            self.reload_gym().await?;
        }
        Ok((e, true))
    }

    /// Looks up what an earlier request with the same Idempotency-Key created; refuses the key
    /// when that request had another body.
    pub(super) async fn replay(
        &self,
        user: u128,
        key: Option<&IdempotencyKey>,
    ) -> Result<Option<u128>, AppError> {
        let Some(key) = key else { return Ok(None) };
        if key.key.is_empty() || key.key.len() > 128 {
            return Err(AppError::BadRequest(
                "Idempotency-Key must be 1 to 128 characters.".into(),
            ));
        }
        let (name, body) = (key.key.clone(), key.body);
        match self.store.read(move |tx| tx.idempotent(user, &name)).await? {
            Some((_, Some(first))) if first != body => Err(AppError::Problem(Code::IdempotencyKeyReused,
                "This Idempotency-Key was already used for a request with another body; use a new key for a new request.".into(),
            )),
            Some((id, _)) => Ok(Some(id)),
            None => Ok(None),
        }
    }

    async fn editable_exercise(&self, user: &User, id: &str) -> Result<Exercise, AppError> {
        if catalogue::builtin_by_id(id).is_some() {
            return Err(AppError::forbidden(
                "Built-in exercises cannot be changed; create your own instead.",
            ));
        }
        let e = self.exercise(user, id).await?;
        let allowed = match e.owner_id {
            Some(owner) => owner == user.id,
            None => may_edit_gym_exercises(user),
        };
        if allowed {
            Ok(e)
        } else {
            Err(AppError::forbidden(
                "Only coaches and administrators change gym-wide exercises.",
            ))
        }
    }

    pub async fn update_exercise(
        &self,
        user: &User,
        id: &str,
        input: ExerciseInput,
    ) -> Result<Exercise, AppError> {
        let mut e = self.editable_exercise(user, id).await?;
        Self::apply(&mut e, input);
        Self::validate_exercise(&e)?;
        let rec = e.clone();
        self.store
            .write(move |tx| store::put_exercise(tx, &rec))
            .await?;
        if e.owner_id.is_none() {
            self.reload_gym().await?;
        }
        Ok(e)
    }

    /// Deletes a custom exercise; logged sets keep their numbers.
    pub async fn delete_exercise(&self, user: &User, id: &str) -> Result<(), AppError> {
        let e = self.editable_exercise(user, id).await?;
        let gym = e.owner_id.is_none();
        self.store
            .write(move |tx| store::delete_exercise(tx, &e))
            .await?;
        if gym {
            self.reload_gym().await?;
        }
        Ok(())
    }

    /// Imports free-exercise-db entries as gym-wide exercises, skipping names (and aliases)
    /// already in the catalogue. Running it twice imports nothing new.
    pub async fn import_free(
        &self,
        actor: Option<u128>,
        entries: Vec<serde_json::Value>,
    ) -> Result<ImportReport, AppError> {
        let gym = self.gym_exercises();
        let mut taken = catalogue::taken_names(catalogue::builtin().iter().chain(gym.iter()));
        let mut report = ImportReport {
            total: entries.len(),
            ..ImportReport::default()
        };
        let mut new = Vec::new();
        let t = now();
        for (index, raw) in entries.into_iter().enumerate() {
            let name = raw
                .get("name")
                .and_then(|n| n.as_str())
                .unwrap_or("")
                .to_owned();
            let parsed: Result<FreeExercise, String> =
                serde_json::from_value(raw).map_err(|e| e.to_string());
            match parsed.and_then(|fe| catalogue::map_free(&fe, ids::to_string(new_id()), t)) {
                Ok(e) => {
                    if taken.insert(normalize_name(&e.name_en)) {
                        new.push(e);
                    } else {
                        report.skipped_duplicates += 1;
                    }
                }
                Err(reason) => report.invalid.push(Invalid {
                    index,
                    name,
                    reason,
                }),
            }
        }
        report.imported = new.len();
        for chunk in new.chunks(500).map(<[Exercise]>::to_vec) {
            self.store
                .write(move |tx| {
                    for e in &chunk {
                        store::put_exercise(tx, e)?;
                    }
                    Ok(())
                })
                .await?;
        }
        let (bus, note) = (
            self.bus.clone(),
            format!(
                "{} imported, {} skipped",
                report.imported, report.skipped_duplicates
            ),
        );
        self.store
            .write(move |tx| {
                bus.publish(
                    tx,
                    &crate::events::Event::Audited {
                        actor,
                        action: "exercises.import",
                        subject: None,
                        note: &note,
                    },
                )?;
                Ok(())
            })
            .await?;
        self.reload_gym().await?;
        Ok(report)
    }

    /// The caller's sets of one exercise, newest first, with their best results.
    pub async fn exercise_history(
        &self,
        user: &User,
        exercise_id: &str,
        before: Option<HistoryCursor>,
        limit: usize,
    ) -> Result<ExerciseHistoryPage, AppError> {
        let e = self.exercise(user, exercise_id).await?;
        let uid = user.id;
        self.store
            .read(move |tx| {
                let tally = tx.exercise_tally(uid, &e.id)?;
                let (items, next) = tx.exercise_history(uid, &e.id, before, limit)?;
                Ok(ExerciseHistoryPage {
                    items,
                    next,
                    sets: tally.0,
                    last_at: tally.1,
                })
            })
            .await
    }
}

/// A page of one exercise's sets (newest first) with the member's count of that exercise's
/// sets and when the newest was done.
pub struct ExerciseHistoryPage {
    pub items: Vec<(u128, WorkoutSet)>,
    pub next: Option<HistoryCursor>,
    pub sets: u32,
    pub last_at: Option<i64>,
}
