//! Analysis endpoints: `/me/stats`, `/users/{username}/stats`, `/me/records`,
//! `/exercises/{id}/progress`, `/me/load`.

use std::collections::HashMap;

use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{Enum, Object, OpenApi, Tags};

use super::model::{DayStats, Metric, MuscleWork, RecordSummary};
use super::rules::{self, Period};
use super::store::LoggedRecord;
use super::{Progress, Stats};
use crate::access::may_see;
use crate::accounts::Accounts;
use crate::accounts::api::rfc3339;
use crate::accounts::model::{Language, Status, User};
use crate::analysis::Analysis;
use crate::api::Svc;
use crate::api::auth::{MaybeMember, Member};
use crate::api::problem::ApiError;
use crate::error::AppError;
use crate::storage::ids;
use crate::training::Training;

type Result<T> = std::result::Result<T, ApiError>;

#[derive(Tags)]
enum Tag {
    /// Progress: records, summaries, streaks and training load.
    Analysis,
}

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum PeriodDto {
    Week,
    Month,
}

#[derive(Object, Debug, Clone)]
pub struct MuscleDto {
    pub muscle: String,
    /// Working sets; a secondary muscle counts half a set.
    pub sets: f64,
    pub volume_kg: f64,
}

#[derive(Object, Debug, Clone)]
pub struct TotalsDto {
    pub sessions: u32,
    pub duration_s: u64,
    /// Working sets (warm-ups excluded).
    pub sets: u32,
    pub reps: u64,
    pub volume_kg: f64,
}

#[derive(Object, Debug, Clone)]
pub struct BucketDto {
    /// First day of the week or month.
    pub start: String,
    pub sessions: u32,
    pub duration_s: u64,
    pub sets: u32,
    pub reps: u64,
    pub volume_kg: f64,
    /// Sets and volume per muscle, most sets first.
    pub muscles: Vec<MuscleDto>,
}

#[derive(Object, Debug, Clone)]
pub struct DayDto {
    pub date: String,
    pub sessions: u32,
    pub sets: u32,
    pub volume_kg: f64,
    /// Session RPE × minutes, summed over the day.
    pub load: f64,
}

#[derive(Object, Debug, Clone)]
pub struct StreakDto {
    /// Weeks in a row meeting the weekly target (this week counts once it is met).
    pub weeks: u32,
    /// Days in a row with a session, ending today or yesterday.
    pub days: u32,
    pub this_week_sessions: u32,
}

/// A member's training summarised by week or month, in their time zone.
#[derive(Object, Debug, Clone)]
pub struct StatsDto {
    pub timezone: String,
    pub period: PeriodDto,
    pub from: String,
    pub to: String,
    pub weekly_target: u8,
    pub totals: TotalsDto,
    /// Every period of the range, oldest first, empty ones included.
    pub buckets: Vec<BucketDto>,
    /// Days with at least one session, oldest first.
    pub days: Vec<DayDto>,
    pub streak: StreakDto,
}

#[derive(Object, Debug, Clone)]
pub struct RepMaxDto {
    pub reps: u32,
    pub weight_kg: f64,
}

/// A member's current bests with one exercise.
#[derive(Object, Debug, Clone)]
pub struct RecordSummaryDto {
    pub exercise_id: String,
    pub exercise_name: String,
    #[oai(nullable)]
    pub e1rm_kg: Option<f64>,
    #[oai(nullable)]
    pub heaviest_kg: Option<f64>,
    #[oai(nullable)]
    pub most_reps: Option<u32>,
    /// nRM: the heaviest weight lifted for at least n reps, for the n the member has.
    pub rep_maxes: Vec<RepMaxDto>,
    #[oai(nullable)]
    pub best_set_volume_kg: Option<f64>,
    #[oai(nullable)]
    pub best_session_volume_kg: Option<f64>,
    #[oai(nullable)]
    pub longest_duration_s: Option<f64>,
    #[oai(nullable)]
    pub longest_distance_m: Option<f64>,
    #[oai(nullable)]
    pub last_record_at: Option<String>,
}

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum MetricDto {
    E1rm,
    Heaviest,
    MostReps,
    Rm1,
    Rm3,
    Rm5,
    Rm10,
    SetVolume,
    SessionVolume,
    Duration,
    Distance,
}

/// A record as it was set: the value (kg, reps, s or m by metric) and the one it beat.
#[derive(Object, Debug, Clone)]
pub struct RecordEventDto {
    pub exercise_id: String,
    pub exercise_name: String,
    pub metric: MetricDto,
    pub value: f64,
    /// The best before this one; null for a first.
    #[oai(nullable)]
    pub previous: Option<f64>,
    pub achieved_at: String,
    pub workout_id: String,
}

#[derive(Object, Debug, Clone)]
pub struct RecordsDto {
    /// One entry per exercise, most recent record first.
    pub items: Vec<RecordSummaryDto>,
    /// The ten newest records.
    pub recent: Vec<RecordEventDto>,
}

#[derive(Object, Debug, Clone)]
pub struct SessionPointDto {
    pub workout_id: String,
    pub date: String,
    pub started_at: String,
    #[oai(nullable)]
    pub e1rm_kg: Option<f64>,
    #[oai(nullable)]
    pub heaviest_kg: Option<f64>,
    pub volume_kg: f64,
    pub reps: u32,
    pub sets: u32,
}

/// One exercise's progress: current bests, the records set in the range and per-session figures.
#[derive(Object, Debug, Clone)]
pub struct ProgressDto {
    pub exercise_id: String,
    #[oai(nullable)]
    pub records: Option<RecordSummaryDto>,
    pub timeline: Vec<RecordEventDto>,
    pub sessions: Vec<SessionPointDto>,
}

#[derive(Object, Debug, Clone)]
pub struct LoadDayDto {
    pub date: String,
    pub load: f64,
    pub acute: f64,
    pub chronic: f64,
    #[oai(nullable)]
    pub ratio: Option<f64>,
    pub fitness: f64,
    pub fatigue: f64,
    pub form: f64,
}

/// Training load: session RPE × minutes per day, its 7- and 28-day figures, and the
/// fitness / fatigue / form model.
#[derive(Object, Debug, Clone)]
pub struct LoadDto {
    /// The session RPE assumed when no set of a session had one.
    pub default_rpe: f64,
    pub acute_days: u32,
    pub chronic_days: u32,
    pub fitness_days: f64,
    pub fatigue_days: f64,
    pub days: Vec<LoadDayDto>,
}

fn r2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

fn muscles(m: &[MuscleWork]) -> Vec<MuscleDto> {
    m.iter()
        .map(|m| MuscleDto {
            muscle: m.muscle.clone(),
            sets: r2(m.sets),
            volume_kg: r2(m.volume),
        })
        .collect()
}

fn totals(d: &DayStats) -> TotalsDto {
    TotalsDto {
        sessions: d.sessions,
        duration_s: d.duration_s,
        sets: d.sets,
        reps: d.reps,
        volume_kg: r2(d.volume),
    }
}

fn stats_dto(s: Stats) -> StatsDto {
    StatsDto {
        timezone: s.timezone,
        period: match s.period {
            Period::Week => PeriodDto::Week,
            Period::Month => PeriodDto::Month,
        },
        from: rules::format_day(s.range.from),
        to: rules::format_day(s.range.to),
        weekly_target: s.weekly_target,
        totals: totals(&s.totals),
        buckets: s
            .buckets
            .iter()
            .map(|b| BucketDto {
                start: rules::format_day(b.start),
                sessions: b.stats.sessions,
                duration_s: b.stats.duration_s,
                sets: b.stats.sets,
                reps: b.stats.reps,
                volume_kg: r2(b.stats.volume),
                muscles: muscles(&b.stats.muscles),
            })
            .collect(),
        days: s
            .days
            .iter()
            .map(|(d, x)| DayDto {
                date: rules::format_day(*d),
                sessions: x.sessions,
                sets: x.sets,
                volume_kg: r2(x.volume),
                load: r2(x.load),
            })
            .collect(),
        streak: StreakDto {
            weeks: s.streak_weeks,
            days: s.streak_days,
            this_week_sessions: s.this_week_sessions,
        },
    }
}

fn metric_dto(m: Metric) -> MetricDto {
    match m {
        Metric::E1rm => MetricDto::E1rm,
        Metric::Heaviest => MetricDto::Heaviest,
        Metric::MostReps => MetricDto::MostReps,
        Metric::Rm1 => MetricDto::Rm1,
        Metric::Rm3 => MetricDto::Rm3,
        Metric::Rm5 => MetricDto::Rm5,
        Metric::Rm10 => MetricDto::Rm10,
        Metric::SetVolume => MetricDto::SetVolume,
        Metric::SessionVolume => MetricDto::SessionVolume,
        Metric::Duration => MetricDto::Duration,
        Metric::Distance => MetricDto::Distance,
    }
}

/// Exercise names in the caller's language, read once per request.
struct Names {
    names: HashMap<String, String>,
}

impl Names {
    async fn load<'a>(training: &Training, me: &User, ids: impl Iterator<Item = &'a str>) -> Names {
        let mut names = HashMap::new();
        for id in ids {
            if names.contains_key(id) {
                continue;
            }
            let name = match training.exercise(me, id).await {
                Ok(e) if me.preferences.language == Language::Ru && !e.name_ru.is_empty() => {
                    e.name_ru
                }
                Ok(e) => e.name_en,
                // A private exercise deleted since: its records stay, under its id.
                Err(_) => id.to_owned(),
            };
            names.insert(id.to_owned(), name);
        }
        Names { names }
    }

    fn of(&self, id: &str) -> String {
        self.names.get(id).cloned().unwrap_or_else(|| id.to_owned())
    }
}

fn summary_dto(ex: &str, s: &RecordSummary, names: &Names) -> RecordSummaryDto {
    let kg = |m| s.best(m).map(r2);
    RecordSummaryDto {
        exercise_id: ex.to_owned(),
        exercise_name: names.of(ex),
        e1rm_kg: kg(Metric::E1rm),
        heaviest_kg: kg(Metric::Heaviest),
        most_reps: s.best(Metric::MostReps).map(|v| v.round() as u32),
        rep_maxes: Metric::REP_MAXES
            .iter()
            .filter_map(|(m, n)| {
                s.best(*m).map(|w| RepMaxDto {
                    reps: *n,
                    weight_kg: r2(w),
                })
            })
            .collect(),
        best_set_volume_kg: kg(Metric::SetVolume),
        best_session_volume_kg: kg(Metric::SessionVolume),
        longest_duration_s: kg(Metric::Duration),
        longest_distance_m: kg(Metric::Distance),
        last_record_at: s.last_record_at.map(rfc3339),
    }
}

fn event_dto(r: &LoggedRecord, names: &Names) -> RecordEventDto {
    RecordEventDto {
        exercise_id: r.exercise.clone(),
        exercise_name: names.of(&r.exercise),
        metric: metric_dto(r.metric),
        value: r2(rules::from_ordered_key(r.value)),
        previous: r.previous.map(|p| r2(rules::from_ordered_key(p))),
        achieved_at: rfc3339(r.at),
        workout_id: ids::to_string(r.workout),
    }
}

fn period_of(p: Option<PeriodDto>) -> Period {
    match p {
        Some(PeriodDto::Month) => Period::Month,
        _ => Period::Week,
    }
}

pub struct AnalysisApi;

#[OpenApi(prefix_path = "/api/v1")]
impl AnalysisApi {
    /// The caller's training by week or month (default: the last 12 weeks): sessions, time,
    /// sets, reps, volume, sets per muscle, training days and streaks. Finished workouts count
    /// (a workout in progress once it is finished). Dates are in the caller's time zone; at
    /// most three years at a time.
    #[oai(
        path = "/me/stats",
        method = "get",
        tag = "Tag::Analysis",
        operation_id = "my_stats"
    )]
    async fn my_stats(
        &self,
        analysis: Svc<'_, Analysis>,
        me: Member,
        from: Query<Option<String>>,
        to: Query<Option<String>>,
        period: Query<Option<PeriodDto>>,
    ) -> Result<Json<StatsDto>> {
        let s = analysis
            .stats(&me.user, from.0, to.0, period_of(period.0))
            .await?;
        Ok(Json(stats_dto(s)))
    }

    /// Another member's summary, when the caller may see their profile (their profile
    /// visibility decides; their coach always may). 404 otherwise.
    #[oai(
        path = "/users/:username/stats",
        method = "get",
        tag = "Tag::Analysis",
        operation_id = "user_stats"
    )]
    async fn user_stats(
        &self,
        accounts: Svc<'_, Accounts>,
        training: Svc<'_, Training>,
        analysis: Svc<'_, Analysis>,
        viewer: MaybeMember,
        username: Path<String>,
        from: Query<Option<String>>,
        to: Query<Option<String>>,
        period: Query<Option<PeriodDto>>,
    ) -> Result<Json<StatsDto>> {
        let viewer = viewer.0.map(|c| c.user);
        let hidden = || AppError::NotFound("No such user, or you may not see them.".into());
        let member = accounts
            .user_by_name(&username.0)
            .await?
            .ok_or_else(hidden)?;
        let ties = training.ties(viewer.as_ref(), member.id).await?;
        let visible = (member.status == Status::Active
            || viewer.as_ref().is_some_and(|v| v.id == member.id))
            && may_see(
                viewer.as_ref(),
                member.id,
                member.privacy.profile_visibility,
                ties,
            );
        if !visible {
            return Err(hidden().into());
        }
        let s = analysis
            .stats(&member, from.0, to.0, period_of(period.0))
            .await?;
        Ok(Json(stats_dto(s)))
    }

    /// The caller's personal records per exercise and the ten newest records.
    #[oai(
        path = "/me/records",
        method = "get",
        tag = "Tag::Analysis",
        operation_id = "my_records"
    )]
    async fn my_records(
        &self,
        training: Svc<'_, Training>,
        analysis: Svc<'_, Analysis>,
        me: Member,
    ) -> Result<Json<RecordsDto>> {
        let (items, recent) = analysis.records(&me.user).await?;
        let names = Names::load(
            &training,
            &me.user,
            items
                .iter()
                .map(|(e, _)| e.as_str())
                .chain(recent.iter().map(|r| r.exercise.as_str())),
        )
        .await;
        Ok(Json(RecordsDto {
            items: items
                .iter()
                .map(|(e, s)| summary_dto(e, s, &names))
                .collect(),
            recent: recent.iter().map(|r| event_dto(r, &names)).collect(),
        }))
    }

    /// The caller's progress with one exercise: per-session e1RM, heaviest weight, volume and
    /// reps over a date range (default: the last year; at most five), current records and the
    /// timeline of the records set in that range. Sessions are those of finished workouts;
    /// records of single sets count as soon as they are logged.
    #[oai(
        path = "/exercises/:id/progress",
        method = "get",
        tag = "Tag::Analysis",
        operation_id = "exercise_progress"
    )]
    async fn progress(
        &self,
        training: Svc<'_, Training>,
        analysis: Svc<'_, Analysis>,
        me: Member,
        id: Path<String>,
        from: Query<Option<String>>,
        to: Query<Option<String>>,
    ) -> Result<Json<ProgressDto>> {
        let e = training.exercise(&me.user, &id.0).await?;
        let p: Progress = analysis.progress(&me.user, &e.id, from.0, to.0).await?;
        let names = Names::load(&training, &me.user, std::iter::once(e.id.as_str())).await;
        let tz = super::reactor::zone(&p.timezone);
        Ok(Json(ProgressDto {
            exercise_id: e.id.clone(),
            records: p.summary.as_ref().map(|s| summary_dto(&e.id, s, &names)),
            timeline: p.timeline.iter().map(|r| event_dto(r, &names)).collect(),
            sessions: p
                .sessions
                .iter()
                .map(|(at, w, s)| SessionPointDto {
                    workout_id: ids::to_string(*w),
                    date: rules::format_day(rules::local_day(*at, &tz)),
                    started_at: rfc3339(*at),
                    e1rm_kg: s.e1rm.map(r2),
                    heaviest_kg: s.heaviest.map(r2),
                    volume_kg: r2(s.volume),
                    reps: s.reps,
                    sets: s.sets,
                })
                .collect(),
        }))
    }

    /// The caller's training load per day (default: the last 90 days; at most two years).
    #[oai(
        path = "/me/load",
        method = "get",
        tag = "Tag::Analysis",
        operation_id = "my_load"
    )]
    async fn my_load(
        &self,
        analysis: Svc<'_, Analysis>,
        me: Member,
        from: Query<Option<String>>,
        to: Query<Option<String>>,
    ) -> Result<Json<LoadDto>> {
        let points = analysis.load(&me.user, from.0, to.0).await?;
        Ok(Json(LoadDto {
            default_rpe: rules::DEFAULT_SESSION_RPE,
            acute_days: rules::ACUTE_DAYS,
            chronic_days: rules::CHRONIC_DAYS,
            fitness_days: rules::FITNESS_DAYS,
            fatigue_days: rules::FATIGUE_DAYS,
            days: points
                .iter()
                .map(|p| LoadDayDto {
                    date: rules::format_day(p.day),
                    load: r2(p.load),
                    acute: r2(p.acute),
                    chronic: r2(p.chronic),
                    ratio: p.ratio.map(r2),
                    fitness: r2(p.fitness),
                    fatigue: r2(p.fatigue),
                    form: r2(p.form),
                })
                .collect(),
        }))
    }
}
