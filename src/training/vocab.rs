//! The controlled vocabularies of the exercise catalogue.

pub const MUSCLES: &[&str] = &[
    "abdominals",
    "abductors",
    "adductors",
    "biceps",
    "calves",
    "chest",
    "forearms",
    "glutes",
    "hamstrings",
    "lats",
    "lower_back",
    "middle_back",
    "neck",
    "quadriceps",
    "shoulders",
    "traps",
    "triceps",
];

pub const EQUIPMENT: &[&str] = &[
    "barbell",
    "dumbbell",
    "machine",
    "cable",
    "bodyweight",
    "kettlebell",
    "band",
    "ez_bar",
    "medicine_ball",
    "exercise_ball",
    "foam_roll",
    "cardio_machine",
    "other",
];

pub const CATEGORIES: &[&str] = &[
    "strength",
    "cardio",
    "stretching",
    "plyometrics",
    "powerlifting",
    "olympic_weightlifting",
    "strongman",
];

/// Lower-cases and folds ё into е, so "Жим лёжа" matches "жим лежа".
pub fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn folding() {
        assert_eq!(super::fold("Жим Лёжа"), "жим лежа");
        assert_eq!(super::fold("Bench PRESS"), "bench press");
    }
}
