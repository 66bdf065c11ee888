//! Stored analysis records (derived data) and the record metrics.

use serde::{Deserialize, Serialize};

use super::rules::e1rm;
use crate::storage::codec::{COMPACT, Reader, Record, Writer};
use crate::training::model::{SetKind, WorkoutSet};

/// A kind of personal record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Metric {
    /// Best estimated one-repetition maximum (kg).
    E1rm,
    /// Heaviest weight lifted for at least one rep (kg).
    Heaviest,
    /// Most reps in one set (any load, bodyweight included).
    MostReps,
    /// Heaviest weight for at least 1, 3, 5 and 10 reps (kg).
    Rm1,
    Rm3,
    Rm5,
    Rm10,
    /// Best weight × reps of one set (kg).
    SetVolume,
    /// Best weight × reps of one exercise in one workout (kg).
    SessionVolume,
    /// Longest set (s).
    Duration,
    /// Longest distance in one set (m).
    Distance,
}

impl Metric {
    pub const ALL: [Metric; 11] = [
        Metric::E1rm,
        Metric::Heaviest,
        Metric::MostReps,
        Metric::Rm1,
        Metric::Rm3,
        Metric::Rm5,
        Metric::Rm10,
        Metric::SetVolume,
        Metric::SessionVolume,
        Metric::Duration,
        Metric::Distance,
    ];

    /// The rep-max metrics with their rep counts.
    pub const REP_MAXES: [(Metric, u32); 4] = [
        (Metric::Rm1, 1),
        (Metric::Rm3, 3),
        (Metric::Rm5, 5),
        (Metric::Rm10, 10),
    ];

    pub fn code(self) -> u8 {
        match self {
            Metric::E1rm => 0,
            Metric::Heaviest => 1,
            Metric::MostReps => 2,
            Metric::Rm1 => 3,
            Metric::Rm3 => 4,
            Metric::Rm5 => 5,
            Metric::Rm10 => 6,
            Metric::SetVolume => 7,
            Metric::SessionVolume => 8,
            Metric::Duration => 9,
            Metric::Distance => 10,
        }
    }

    pub fn from_code(code: u8) -> Option<Metric> {
        Metric::ALL.into_iter().find(|m| m.code() == code)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Metric::E1rm => "e1rm",
            Metric::Heaviest => "heaviest",
            Metric::MostReps => "most_reps",
            Metric::Rm1 => "rm1",
            Metric::Rm3 => "rm3",
            Metric::Rm5 => "rm5",
            Metric::Rm10 => "rm10",
            Metric::SetVolume => "set_volume",
            Metric::SessionVolume => "session_volume",
            Metric::Duration => "duration",
            Metric::Distance => "distance",
        }
    }

    /// Whether a set that sets this record is flagged as a personal record in the logger
    /// (the headline records; rep maxes and volumes show on the records page).
    pub fn flags_set(self) -> bool {
        matches!(
            self,
            Metric::E1rm
                | Metric::Heaviest
                | Metric::MostReps
                | Metric::Duration
                | Metric::Distance
        )
    }
}

/// What one set contributes to each set-level record. Warm-ups contribute nothing.
pub fn contributions(s: &WorkoutSet) -> Vec<(Metric, f64)> {
    let mut out = Vec::new();
    if s.kind == SetKind::Warmup {
        return out;
    }
    let reps = s.reps.unwrap_or(0);
    let weight = s.weight_kg.filter(|w| w.is_finite() && *w > 0.0);
    if let Some(w) = weight {
        if let Some(v) = e1rm(w, reps) {
            out.push((Metric::E1rm, v));
        }
        // A weight with zero reps is a failed attempt; with no reps logged, a hold or carry.
        if s.reps != Some(0) {
            out.push((Metric::Heaviest, w));
        }
        for (m, n) in Metric::REP_MAXES {
            if reps >= n {
                out.push((m, w));
            }
        }
        if reps > 0 {
            out.push((Metric::SetVolume, w * f64::from(reps)));
        }
    }
    if reps > 0 {
        out.push((Metric::MostReps, f64::from(reps)));
    }
    if let Some(d) = s.duration_s.filter(|d| *d > 0) {
        out.push((Metric::Duration, f64::from(d)));
    }
    if let Some(d) = s.distance_m.filter(|d| d.is_finite() && *d > 0.0) {
        out.push((Metric::Distance, d));
    }
    out
}

/// Current bests of one member with one exercise. As stored, the bests are those of the
/// per-set metrics; the best session volume is its record log's newest entry, added by the
/// reader (an appended set grows its session's volume, and the summary is then left alone).
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct RecordSummary {
    /// (metric code, value) for every metric the member has a value in.
    pub bests: Vec<(u8, f64)>,
    /// When the newest record of this exercise was set.
    pub last_record_at: Option<i64>,
}

/// The compact layout of `RecordSummary` from schema version 16 (128 also kept the set count
/// and the newest set, and is no longer written: the analysis rows were rebuilt then).
const SUMMARY_V2: u8 = COMPACT + 1;

impl Record for RecordSummary {
    const FORMAT: u8 = 1;

    /// Format 129: the bests (count, then metric code and value each), a byte saying whether
    /// the time of the newest record follows, that time.
    fn encode_compact(&self, w: &mut Writer) -> Option<u8> {
        w.varint(self.bests.len() as u64);
        for (code, v) in &self.bests {
            w.u8(*code);
            w.f64(*v);
        }
        w.u8(u8::from(self.last_record_at.is_some()));
        if let Some(at) = self.last_record_at {
            w.zigzag(at);
        }
        Some(SUMMARY_V2)
    }

    fn decode_compact(format: u8, r: &mut Reader<'_>) -> Result<Self, String> {
        if format != SUMMARY_V2 {
            return Err(format!("unknown record format {format}"));
        }
        let bests = (0..r.varint()?)
            .map(|_| Ok((r.u8()?, r.f64()?)))
            .collect::<Result<_, String>>()?;
        let flags = r.u8()?;
        Ok(RecordSummary {
            bests,
            last_record_at: (flags & 1 != 0).then(|| r.zigzag()).transpose()?,
        })
    }
}

impl RecordSummary {
    /// Sets the best of `m`, keeping `bests` in metric code order.
    pub fn set_best(&mut self, m: Metric, v: f64) {
        let c = m.code();
        match self.bests.binary_search_by_key(&c, |(code, _)| *code) {
            Ok(i) => self.bests[i].1 = v,
            Err(i) => self.bests.insert(i, (c, v)),
        }
    }

    pub fn best(&self, m: Metric) -> Option<f64> {
        self.bests
            .iter()
            .find(|(c, _)| *c == m.code())
            .map(|(_, v)| *v)
    }
}

/// One exercise within one workout.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct ExerciseSession {
    pub e1rm: Option<f64>,
    pub heaviest: Option<f64>,
    pub volume: f64,
    pub reps: u32,
    /// Working sets (warm-ups excluded).
    pub sets: u32,
}

impl Record for ExerciseSession {
    const FORMAT: u8 = 1;

    /// Format 128: one byte of which bests follow, those bests, volume, reps, sets.
    fn encode_compact(&self, w: &mut Writer) -> Option<u8> {
        w.u8(u8::from(self.e1rm.is_some()) | u8::from(self.heaviest.is_some()) << 1);
        if let Some(v) = self.e1rm {
            w.f64(v);
        }
        if let Some(v) = self.heaviest {
            w.f64(v);
        }
        w.f64(self.volume);
        w.varint(self.reps.into());
        w.varint(self.sets.into());
        Some(COMPACT)
    }

    fn decode_compact(format: u8, r: &mut Reader<'_>) -> Result<Self, String> {
        if format != COMPACT {
            return Err(format!("unknown record format {format}"));
        }
        let flags = r.u8()?;
        Ok(ExerciseSession {
            e1rm: (flags & 1 != 0).then(|| r.f64()).transpose()?,
            heaviest: (flags & 2 != 0).then(|| r.f64()).transpose()?,
            volume: r.f64()?,
            reps: r.u32()?,
            sets: r.u32()?,
        })
    }
}

/// Working sets and volume of one muscle; a secondary muscle counts half a set.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct MuscleWork {
    pub muscle: String,
    pub sets: f64,
    pub volume: f64,
}

/// What one workout contributes to its day and to the progress of each exercise done in it.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct WorkoutFacts {
    pub day: i32,
    pub started_at: i64,
    pub duration_s: u32,
    pub sets: u32,
    pub reps: u32,
    pub volume: f64,
    pub load: f64,
    pub muscles: Vec<MuscleWork>,
    /// Each exercise done, once, in exercise id order, with its aggregate in this workout
    /// (zero sets when only warm-ups were done of it).
    pub sessions: Vec<(String, ExerciseSession)>,
    /// Sum and count of the working sets' RPE (the session RPE is their mean), kept so an
    /// appended set updates the load without re-reading the workout.
    #[serde(default)]
    pub rpe_sum: f64,
    #[serde(default)]
    pub rpe_sets: u32,
}

/// The compact layout of `WorkoutFacts` from schema version 16 (128 listed the exercises
/// without their sessions).
const FACTS_V2: u8 = COMPACT + 1;

impl WorkoutFacts {
    /// The aggregate of `exercise` in this workout.
    pub fn session(&self, exercise: &str) -> Option<&ExerciseSession> {
        self.sessions
            .binary_search_by(|(e, _)| e.as_str().cmp(exercise))
            .ok()
            .map(|i| &self.sessions[i].1)
    }
}

impl Record for WorkoutFacts {
    const FORMAT: u8 = 1;

    /// Format 129: the fields in order, the muscles a count and entries, the exercises a count
    /// and each exercise id followed by its `ExerciseSession` layout.
    fn encode_compact(&self, w: &mut Writer) -> Option<u8> {
        w.zigzag(self.day.into());
        w.zigzag(self.started_at);
        w.varint(self.duration_s.into());
        w.varint(self.sets.into());
        w.varint(self.reps.into());
        w.f64(self.volume);
        w.f64(self.load);
        write_muscles(w, &self.muscles);
        w.varint(self.sessions.len() as u64);
        for (ex, s) in &self.sessions {
            w.str(ex);
            s.encode_compact(w);
        }
        w.f64(self.rpe_sum);
        w.varint(self.rpe_sets.into());
        Some(FACTS_V2)
    }

    fn decode_compact(format: u8, r: &mut Reader<'_>) -> Result<Self, String> {
        if format != FACTS_V2 {
            return Err(format!("unknown record format {format}"));
        }
        Ok(WorkoutFacts {
            day: i32::try_from(r.zigzag()?).map_err(|_| "day out of range".to_owned())?,
            started_at: r.zigzag()?,
            duration_s: r.u32()?,
            sets: r.u32()?,
            reps: r.u32()?,
            volume: r.f64()?,
            load: r.f64()?,
            muscles: read_muscles(r)?,
            sessions: (0..r.varint()?)
                .map(|_| Ok((r.str()?, ExerciseSession::decode_compact(COMPACT, r)?)))
                .collect::<Result<_, String>>()?,
            rpe_sum: r.f64()?,
            rpe_sets: r.u32()?,
        })
    }
}

fn write_muscles(w: &mut Writer, muscles: &[MuscleWork]) {
    w.varint(muscles.len() as u64);
    for m in muscles {
        w.str(&m.muscle);
        w.f64(m.sets);
        w.f64(m.volume);
    }
}

fn read_muscles(r: &mut Reader<'_>) -> Result<Vec<MuscleWork>, String> {
    (0..r.varint()?)
        .map(|_| {
            Ok(MuscleWork {
                muscle: r.str()?,
                sets: r.f64()?,
                volume: r.f64()?,
            })
        })
        .collect()
}

/// One day of a member's training, in their time zone (summed from its workouts' facts).
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct DayStats {
    pub sessions: u32,
    pub duration_s: u64,
    pub sets: u32,
    pub reps: u64,
    pub volume: f64,
    pub load: f64,
    pub muscles: Vec<MuscleWork>,
}

impl DayStats {
    /// Adds (`sign` = 1.0) or takes away (`sign` = -1.0) one workout's contribution.
    pub fn apply(&mut self, f: &WorkoutFacts, sign: f64) {
        let add = sign > 0.0;
        let step = |x: u64, d: u64| if add { x + d } else { x.saturating_sub(d) };
        self.sessions = step(u64::from(self.sessions), 1) as u32;
        self.duration_s = step(self.duration_s, u64::from(f.duration_s));
        self.sets = step(u64::from(self.sets), u64::from(f.sets)) as u32;
        self.reps = step(self.reps, u64::from(f.reps));
        self.volume = (self.volume + sign * f.volume).max(0.0);
        self.load = (self.load + sign * f.load).max(0.0);
        merge_muscles(&mut self.muscles, &f.muscles, sign);
    }

    pub fn is_empty(&self) -> bool {
        self.sessions == 0
    }
}

/// Adds `other` × `sign` into `into`, dropping muscles that fall to zero.
pub fn merge_muscles(into: &mut Vec<MuscleWork>, other: &[MuscleWork], sign: f64) {
    for m in other {
        match into.iter_mut().find(|x| x.muscle == m.muscle) {
            Some(x) => {
                x.sets += sign * m.sets;
                x.volume += sign * m.volume;
            }
            None if sign > 0.0 => into.push(m.clone()),
            None => {}
        }
    }
    into.retain(|x| x.sets > 1e-6);
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::training::model::test_set as set;

    fn has(c: &[(Metric, f64)], m: Metric) -> Option<f64> {
        c.iter().find(|(x, _)| *x == m).map(|(_, v)| *v)
    }

    #[test]
    fn warmups_count_for_nothing() {
        assert!(contributions(&set(SetKind::Warmup, Some(5), Some(60.0))).is_empty());
    }

    #[test]
    fn rep_maxes_need_at_least_n_reps() {
        let c = contributions(&set(SetKind::Normal, Some(5), Some(100.0)));
        assert_eq!(has(&c, Metric::Rm1), Some(100.0));
        assert_eq!(has(&c, Metric::Rm5), Some(100.0));
        assert_eq!(has(&c, Metric::Rm10), None);
        assert_eq!(has(&c, Metric::SetVolume), Some(500.0));
        assert_eq!(has(&c, Metric::MostReps), Some(5.0));
    }

    #[test]
    fn bodyweight_sets_count_reps_only() {
        let c = contributions(&set(SetKind::Normal, Some(12), None));
        assert_eq!(c, vec![(Metric::MostReps, 12.0)]);
    }

    #[test]
    fn a_failed_attempt_is_not_a_heaviest_lift() {
        let c = contributions(&set(SetKind::Failure, Some(0), Some(140.0)));
        assert_eq!(has(&c, Metric::Heaviest), None);
        assert_eq!(has(&c, Metric::E1rm), None);
    }

    #[test]
    fn day_stats_add_and_take_back() {
        let f = WorkoutFacts {
            sets: 3,
            reps: 30,
            volume: 1000.0,
            load: 300.0,
            duration_s: 3600,
            muscles: vec![MuscleWork {
                muscle: "chest".into(),
                sets: 3.0,
                volume: 1000.0,
            }],
            ..WorkoutFacts::default()
        };
        let mut d = DayStats::default();
        d.apply(&f, 1.0);
        d.apply(&f, 1.0);
        assert_eq!(d.sessions, 2);
        d.apply(&f, -1.0);
        assert_eq!(d.sessions, 1);
        assert_eq!(d.muscles[0].sets, 3.0);
        d.apply(&f, -1.0);
        assert!(d.is_empty());
        assert!(d.muscles.is_empty());
    }
}
