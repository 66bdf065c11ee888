//! The gamification domain's stored records.

use serde::{Deserialize, Serialize};

use super::rules::Counter;
use crate::storage::codec::{COMPACT, Reader, Record, Writer};

/// A member's XP and the counters behind their badges, kept on write.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq)]
pub struct Standing {
    #[serde(default)]
    pub xp: u64,
    #[serde(default)]
    pub workouts: u32,
    /// Working volume of counted sets, kilograms.
    #[serde(default)]
    pub volume_kg: f64,
    #[serde(default)]
    pub records: u32,
    #[serde(default)]
    pub early_workouts: u32,
    #[serde(default)]
    pub late_workouts: u32,
    #[serde(default)]
    pub plans_completed: u32,
    #[serde(default)]
    pub challenges_finished: u32,
    #[serde(default)]
    pub challenges_won: u32,
    /// The longest weekly streak reached.
    #[serde(default)]
    pub best_streak: u32,
    /// The member asked to be left off leaderboards and challenge standings others see.
    #[serde(default)]
    pub opt_out: bool,
    /// Whether the member's profile is shared with the gym and their account active (kept from
    /// the accounts domain's events): only such members are on gym-wide lists.
    #[serde(default = "yes")]
    pub shared: bool,
}

fn yes() -> bool {
    true
}

impl Record for Standing {
    const FORMAT: u8 = 1;

    /// Format 128 (read and rewritten on every logged set): the counters in order as varints,
    /// the volume, then `opt_out` and `shared` as the two low bits of one byte.
    fn encode_compact(&self, w: &mut Writer) -> Option<u8> {
        w.varint(self.xp);
        for n in [
            self.workouts,
            self.records,
            self.early_workouts,
            self.late_workouts,
            self.plans_completed,
            self.challenges_finished,
            self.challenges_won,
            self.best_streak,
        ] {
            w.varint(n.into());
        }
        w.f64(self.volume_kg);
        w.u8(u8::from(self.opt_out) | (u8::from(self.shared) << 1));
        Some(COMPACT)
    }

    fn decode_compact(format: u8, r: &mut Reader<'_>) -> Result<Self, String> {
        if format != COMPACT {
            return Err(format!("unknown record format {format}"));
        }
        let xp = r.varint()?;
        let mut n = [0u32; 8];
        for x in &mut n {
            *x = r.u32()?;
        }
        let volume_kg = r.f64()?;
        let flags = r.u8()?;
        Ok(Standing {
            xp,
            workouts: n[0],
            records: n[1],
            early_workouts: n[2],
            late_workouts: n[3],
            plans_completed: n[4],
            challenges_finished: n[5],
            challenges_won: n[6],
            best_streak: n[7],
            volume_kg,
            opt_out: flags & 1 != 0,
            shared: flags & 2 != 0,
        })
    }
}

impl Standing {
    pub fn new() -> Self {
        Self {
            shared: true,
            ..Self::default()
        }
    }

    /// On gym-wide boards and standings for everyone to see.
    pub fn listed(&self) -> bool {
        self.shared && !self.opt_out
    }

    /// The value of a badge counter.
    pub fn counter(&self, c: Counter) -> f64 {
        match c {
            Counter::Workouts => f64::from(self.workouts),
            Counter::Streak => f64::from(self.best_streak),
            Counter::VolumeKg => self.volume_kg,
            Counter::Records => f64::from(self.records),
            Counter::EarlyWorkouts => f64::from(self.early_workouts),
            Counter::LateWorkouts => f64::from(self.late_workouts),
            Counter::PlansCompleted => f64::from(self.plans_completed),
            Counter::ChallengesFinished => f64::from(self.challenges_finished),
            Counter::ChallengesWon => f64::from(self.challenges_won),
        }
    }
}

/// One time a badge was earned (what its feed item shows).
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct Award {
    pub id: u128,
    pub user: u128,
    pub badge: String,
    /// How many times the member has it now (repeatable badges).
    pub count: u32,
    /// The challenge that earned it (finisher and winner badges).
    #[serde(default)]
    pub challenge: Option<u128>,
    pub at: i64,
}

impl Record for Award {
    const FORMAT: u8 = 1;
}

/// What a challenge measures.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum ChallengeMetric {
    /// Working volume, kilograms (scored in tenths).
    Volume,
    /// Finished workouts.
    Sessions,
    /// Working sets of one exercise.
    ExerciseSets { exercise_id: String },
    /// Distance, metres.
    Distance,
    /// Days with at least one set, in the member's time zone.
    ActiveDays,
    /// The weekly streak reached during the challenge (weeks).
    Streak,
}

impl ChallengeMetric {
    /// Stored scores are integers: volume in tenths of a kilogram, the rest as they are.
    pub fn scale(&self) -> f64 {
        match self {
            ChallengeMetric::Volume => 10.0,
            _ => 1.0,
        }
    }
}

/// Where a challenge runs (externally tagged: serde's internally tagged enums cannot hold a
/// `u128`).
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ChallengeScope {
    Gym,
    Club { club: u128 },
}

/// A challenge: a goal everyone can reach (winner: the first to reach it), or a race (winner:
/// the most by the end).
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Challenge {
    pub id: u128,
    pub creator: u128,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub scope: ChallengeScope,
    pub metric: ChallengeMetric,
    /// The goal in the metric's unit (kilograms, workouts, sets, metres, days, weeks); `None`
    /// for a race.
    #[serde(default)]
    pub goal: Option<f64>,
    /// First and last local dates (`YYYY-MM-DD`, the gym's time zone).
    pub start_date: String,
    pub end_date: String,
    /// The window in seconds, `[starts_at, ends_at)`.
    pub starts_at: i64,
    pub ends_at: i64,
    #[serde(default)]
    pub participants: u32,
    /// Set when the standings were frozen at the end.
    #[serde(default)]
    pub final_results: Option<Results>,
    pub created_at: i64,
    pub version: u64,
}

/// A challenge's frozen outcome.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct Results {
    pub winners: Vec<u128>,
    pub finishers: u32,
    pub at: i64,
}

impl Record for Challenge {
    const FORMAT: u8 = 1;
}

impl Challenge {
    /// The goal as a stored score.
    pub fn goal_score(&self) -> Option<u64> {
        self.goal
            .map(|g| (g * self.metric.scale()).round().max(1.0) as u64)
    }

    pub fn board(&self) -> String {
        challenge_board(self.id)
    }
}

pub fn challenge_board(id: u128) -> String {
    format!("ch/{}", crate::storage::ids::to_string(id))
}
