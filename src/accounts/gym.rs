//! The gym's own settings (name, logo, defaults for new members, time zone, plates), changed
//! by administrators in the browser and read by every domain through the [`Gym`] handle.
//!
//! The configuration file gives the first name and time zone; a value saved by an
//! administrator wins from then on (`GymOverrides`, stored in the settings table).

use std::sync::{Arc, RwLock};

use serde::{Deserialize, Serialize};

use super::model::{Language, Units};
use crate::error::AppError;
use crate::storage::codec::Record;

/// Plates a lifter can load (per side, heaviest first) and the bar, in both unit systems.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Plates {
    pub kg: Vec<f64>,
    pub lb: Vec<f64>,
    pub bar_kg: f64,
    pub bar_lb: f64,
}

impl Default for Plates {
    fn default() -> Self {
        Self {
            kg: vec![25.0, 20.0, 15.0, 10.0, 5.0, 2.5, 1.25],
            lb: vec![45.0, 35.0, 25.0, 10.0, 5.0, 2.5],
            bar_kg: 20.0,
            bar_lb: 45.0,
        }
    }
}

/// Most plate sizes in one list.
pub const MAX_PLATE_SIZES: usize = 16;

impl Plates {
    /// Checks a plate set an administrator entered; sorts each list heaviest first.
    pub fn checked(mut self) -> Result<Self, AppError> {
        for (field, list) in [("plates.kg", &mut self.kg), ("plates.lb", &mut self.lb)] {
            if list.is_empty() || list.len() > MAX_PLATE_SIZES {
                return Err(AppError::invalid(
                    field,
                    format!("List 1 to {MAX_PLATE_SIZES} plate weights."),
                ));
            }
            if let Some(bad) = list
                .iter()
                .find(|w| !(w.is_finite() && **w > 0.0 && **w <= 100.0))
            {
                return Err(AppError::invalid(
                    field,
                    format!("{bad} is not a plate weight: use numbers above 0 and up to 100."),
                ));
            }
            list.sort_by(|a, b| b.total_cmp(a));
            list.dedup();
        }
        for (field, bar) in [
            ("plates.bar_kg", self.bar_kg),
            ("plates.bar_lb", self.bar_lb),
        ] {
            if !(bar.is_finite() && (0.0..=100.0).contains(&bar)) {
                return Err(AppError::invalid(
                    field,
                    "A bar weighs from 0 (no bar) to 100.",
                ));
            }
        }
        Ok(self)
    }
}

/// What administrators changed; `None` follows the configuration or the built-in default.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq)]
pub struct GymOverrides {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub default_language: Option<Language>,
    #[serde(default)]
    pub units: Option<Units>,
    #[serde(default)]
    pub timezone: Option<String>,
    #[serde(default)]
    pub plates: Option<Plates>,
    /// Bumped with every new logo (0: none); part of the logo's address, for caching.
    #[serde(default)]
    pub logo_version: u32,
    /// Logos uploaded so far: the next logo's version, so no address is ever reused.
    #[serde(default)]
    pub logos: u32,
}

impl Record for GymOverrides {
    const FORMAT: u8 = 1;
}

/// The gym's settings as they are now.
#[derive(Debug, Clone)]
pub struct GymSettings {
    pub name: String,
    pub default_language: Language,
    pub units: Units,
    pub timezone: String,
    /// `timezone`, resolved.
    pub zone: jiff::tz::TimeZone,
    pub plates: Plates,
    pub logo_version: u32,
}

/// The configuration's values, under whatever administrators saved.
#[derive(Debug, Clone)]
pub struct GymDefaults {
    pub name: String,
    pub timezone: String,
}

impl GymSettings {
    pub fn resolve(defaults: &GymDefaults, o: &GymOverrides) -> Self {
        let timezone = o
            .timezone
            .clone()
            .unwrap_or_else(|| defaults.timezone.clone());
        Self {
            name: o.name.clone().unwrap_or_else(|| defaults.name.clone()),
            default_language: o.default_language.unwrap_or_default(),
            units: o.units.unwrap_or_default(),
            zone: jiff::tz::TimeZone::get(&timezone).unwrap_or(jiff::tz::TimeZone::UTC),
            timezone,
            plates: o.plates.clone().unwrap_or_default(),
            logo_version: o.logo_version,
        }
    }

    /// Where the logo is served, while there is one.
    pub fn logo_url(&self) -> Option<String> {
        (self.logo_version > 0).then(|| format!("/api/v1/instance/logo?v={}", self.logo_version))
    }
}

/// A shared handle on the gym's current settings: cheap to clone, read on every request that
/// needs them, replaced when an administrator saves.
#[derive(Clone)]
pub struct Gym {
    defaults: Arc<GymDefaults>,
    now: Arc<RwLock<Arc<GymSettings>>>,
}

impl Gym {
    pub fn new(defaults: GymDefaults) -> Self {
        let now = GymSettings::resolve(&defaults, &GymOverrides::default());
        Self {
            defaults: Arc::new(defaults),
            now: Arc::new(RwLock::new(Arc::new(now))),
        }
    }

    /// The settings now.
    pub fn get(&self) -> Arc<GymSettings> {
        self.now
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// Applies what administrators saved.
    pub fn apply(&self, overrides: &GymOverrides) {
        let next = Arc::new(GymSettings::resolve(&self.defaults, overrides));
        *self
            .now
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defaults() -> GymDefaults {
        GymDefaults {
            name: "Iron Temple".into(),
            timezone: "Europe/Moscow".into(),
        }
    }

    #[test]
    fn saved_values_win_over_the_configuration() {
        let gym = Gym::new(defaults());
        assert_eq!(gym.get().name, "Iron Temple");
        assert_eq!(gym.get().timezone, "Europe/Moscow");
        assert_eq!(gym.get().logo_url(), None);
        gym.apply(&GymOverrides {
            name: Some("Iron Temple North".into()),
            units: Some(Units::Imperial),
            logo_version: 3,
            ..Default::default()
        });
        let g = gym.get();
        assert_eq!(g.name, "Iron Temple North");
        assert_eq!(
            g.timezone, "Europe/Moscow",
            "unchanged fields follow the config"
        );
        assert_eq!(g.units, Units::Imperial);
        assert_eq!(g.logo_url().as_deref(), Some("/api/v1/instance/logo?v=3"));
    }

    #[test]
    fn plate_sets_are_checked_and_sorted() {
        let p = Plates {
            kg: vec![1.25, 20.0, 10.0, 20.0],
            ..Plates::default()
        }
        .checked()
        .unwrap();
        assert_eq!(p.kg, vec![20.0, 10.0, 1.25]);
        let bad = Plates {
            lb: vec![45.0, -5.0],
            ..Plates::default()
        };
        assert!(bad.checked().is_err());
        let none = Plates {
            kg: vec![],
            ..Plates::default()
        };
        assert!(none.checked().is_err());
        let heavy_bar = Plates {
            bar_kg: 150.0,
            ..Plates::default()
        };
        assert!(heavy_bar.checked().is_err());
    }
}
