//! The built-in exercise catalogue (compiled into the binary) and the importer for the
//! free-exercise-db JSON format.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use serde::Deserialize;

use super::model::{Exercise, ExerciseSource, Logging, Mechanics};
use super::vocab::{self, fold};

/// Parses the built-in catalogue: one exercise per line, with its how-to steps in
/// `instructions_en` (stored as `instructions`) and `instructions_ru`.
fn parse_builtin(json: &str) -> Vec<Exercise> {
    let entries: Vec<serde_json::Value> =
        serde_json::from_str(json).expect("the built-in catalogue is valid JSON");
    entries
        .into_iter()
        .map(|mut v| {
            if let Some(obj) = v.as_object_mut()
                && let Some(en) = obj.remove("instructions_en")
            {
                obj.insert("instructions".into(), en);
            }
            serde_json::from_value(v).expect("the built-in catalogue is valid")
        })
        .collect()
}

static BUILTIN: LazyLock<Vec<Exercise>> =
    LazyLock::new(|| parse_builtin(include_str!("catalogue.json")));

/// The exercises built into this binary.
pub fn builtin() -> &'static [Exercise] {
    &BUILTIN
}

static BUILTIN_BY_ID: LazyLock<HashMap<&'static str, &'static Exercise>> =
    LazyLock::new(|| BUILTIN.iter().map(|e| (e.id.as_str(), e)).collect());

pub fn builtin_by_id(id: &str) -> Option<&'static Exercise> {
    BUILTIN_BY_ID.get(id).copied()
}

/// One entry of a free-exercise-db `exercises.json`.
#[derive(Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct FreeExercise {
    pub name: String,
    #[serde(default)]
    pub mechanic: Option<String>,
    #[serde(default)]
    pub equipment: Option<String>,
    #[serde(default)]
    pub primary_muscles: Vec<String>,
    #[serde(default)]
    pub secondary_muscles: Vec<String>,
    #[serde(default)]
    pub instructions: Vec<String>,
    #[serde(default)]
    pub category: Option<String>,
}

fn snake(s: &str) -> String {
    s.trim().to_lowercase().replace([' ', '-'], "_")
}

fn muscle(s: &str) -> Option<String> {
    let m = snake(s);
    vocab::MUSCLES.contains(&m.as_str()).then_some(m)
}

fn equipment(s: Option<&str>) -> String {
    let e = match s.map(|s| s.trim().to_lowercase()) {
        None => return "other".into(),
        Some(e) => e,
    };
    let mapped = match e.as_str() {
        "body only" => "bodyweight",
        "kettlebells" => "kettlebell",
        "bands" => "band",
        "e-z curl bar" => "ez_bar",
        other => {
            return Some(snake(other))
                .filter(|x| vocab::EQUIPMENT.contains(&x.as_str()))
                .unwrap_or_else(|| "other".into());
        }
    };
    mapped.into()
}

/// Maps a free-exercise-db entry to a gym-wide exercise; `Err` names what is wrong with it.
pub fn map_free(e: &FreeExercise, id: String, now: i64) -> Result<Exercise, String> {
    let name = e.name.trim();
    if name.is_empty() || name.chars().count() > 120 {
        return Err("the name is empty or longer than 120 characters".into());
    }
    let category = snake(e.category.as_deref().unwrap_or("strength"));
    if !vocab::CATEGORIES.contains(&category.as_str()) {
        return Err(format!("unknown category '{category}'"));
    }
    let primary: Vec<String> = e.primary_muscles.iter().filter_map(|m| muscle(m)).collect();
    let secondary: Vec<String> = e
        .secondary_muscles
        .iter()
        .filter_map(|m| muscle(m))
        .collect();
    let equipment = equipment(e.equipment.as_deref());
    let logging = match category.as_str() {
        "cardio" => Logging::DistanceDuration,
        "stretching" => Logging::Duration,
        _ if equipment == "bodyweight" => Logging::Reps,
        _ => Logging::WeightReps,
    };
    let mechanics = match e.mechanic.as_deref() {
        Some("compound") => Some(Mechanics::Compound),
        Some("isolation") => Some(Mechanics::Isolation),
        _ => None,
    };
    Ok(Exercise {
        id,
        name_en: name.to_owned(),
        name_ru: String::new(),
        aliases_en: Vec::new(),
        aliases_ru: Vec::new(),
        primary,
        secondary,
        equipment,
        category,
        mechanics,
        logging,
        owner_id: None,
        created_by: None,
        source: ExerciseSource::Import,
        instructions: e
            .instructions
            .iter()
            .take(30)
            .map(|s| s.chars().take(2000).collect())
            .collect(),
        instructions_ru: Vec::new(),
        created_at: now,
    })
}

/// Folded names already taken, to skip duplicates on import.
pub fn taken_names<'a>(existing: impl Iterator<Item = &'a Exercise>) -> HashSet<String> {
    let mut set = HashSet::new();
    for e in existing {
        for n in e.names() {
            set.insert(normalize_name(n));
        }
    }
    set
}

/// Folds case, ё and punctuation so "Bench Press (Barbell)" ~ "bench press - barbell".
pub fn normalize_name(n: &str) -> String {
    fold(n)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalogue_is_complete_and_consistent() {
        let all = builtin();
        assert!(all.len() >= 150, "{} exercises", all.len());
        let mut ids = HashSet::new();
        for e in all {
            assert!(ids.insert(e.id.as_str()), "duplicate id {}", e.id);
            assert!(!e.name_ru.is_empty(), "{} has a Russian name", e.id);
            assert!(
                !e.primary.is_empty() || e.category == "cardio",
                "{} muscles",
                e.id
            );
            for m in e.primary.iter().chain(&e.secondary) {
                assert!(vocab::MUSCLES.contains(&m.as_str()), "{}: muscle {m}", e.id);
            }
            assert!(
                vocab::EQUIPMENT.contains(&e.equipment.as_str()),
                "{}: {}",
                e.id,
                e.equipment
            );
            assert!(
                vocab::CATEGORIES.contains(&e.category.as_str()),
                "{}: {}",
                e.id,
                e.category
            );
        }
        for eq in [
            "barbell",
            "dumbbell",
            "machine",
            "cable",
            "bodyweight",
            "kettlebell",
        ] {
            assert!(
                all.iter().filter(|e| e.equipment == eq).count() >= 5,
                "{eq}"
            );
        }
        assert!(builtin_by_id(&all[0].id).is_some());
    }

    #[test]
    fn builtin_exercises_have_instructions_in_both_languages() {
        for e in builtin() {
            let (en, ru) = (&e.instructions, &e.instructions_ru);
            assert!(
                (3..=5).contains(&en.len()),
                "{}: {} English steps",
                e.id,
                en.len()
            );
            assert_eq!(en.len(), ru.len(), "{}: step counts differ", e.id);
            for step in en.iter().chain(ru) {
                let n = step.chars().count();
                assert!(
                    !step.trim().is_empty() && n < 160,
                    "{}: step of {n} characters: {step:?}",
                    e.id
                );
            }
            for step in ru {
                assert!(
                    step.chars()
                        .any(|c| matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё')),
                    "{}: Russian step without Cyrillic: {step:?}",
                    e.id
                );
            }
        }
    }

    #[test]
    fn names_normalize() {
        assert_eq!(
            normalize_name("Bench Press (Barbell)"),
            "bench press barbell"
        );
        assert_eq!(normalize_name("Жим  лёжа"), "жим лежа");
    }
}
