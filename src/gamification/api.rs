//! Gamification endpoints: `/me/achievements`, `/users/{username}/achievements`,
//! `/challenges[...]`, `/leaderboards`, and confirming or voiding a flagged set.

use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Enum, Object, OpenApi, Tags};

use super::model::{Challenge, ChallengeMetric, ChallengeScope};
use super::rules::{self, BADGES};
use super::{
    Achievements, Board, BoardMetric, BoardPeriod, ChallengeInput, ChallengePatch, ChallengeView,
    Gamification, Scope,
};
use crate::access::may_see_profile;
use crate::accounts::Accounts;
use crate::accounts::api::rfc3339;
use crate::accounts::model::{Language, User};
use crate::api::Svc;
use crate::api::auth::Member;
use crate::api::body::JsonBody;
use crate::api::pagination::limit_of;
use crate::api::problem::ApiError;
use crate::error::AppError;
use crate::storage::ids;
use crate::training::Training;
use crate::training::api::dto::UserRef;

type Result<T> = std::result::Result<T, ApiError>;

#[derive(Tags)]
enum Tag {
    /// XP, levels, badges, streaks, challenges and leaderboards.
    Gamification,
}

/// A badge of the catalogue and where the member stands with it.
#[derive(Object, Debug, Clone)]
pub struct BadgeDto {
    pub id: String,
    /// In the caller's language.
    pub name: String,
    pub description: String,
    /// Shown only once earned.
    pub hidden: bool,
    /// Earned again each time; `count` says how often.
    pub repeatable: bool,
    pub earned: bool,
    pub count: u32,
    #[oai(nullable)]
    pub first_earned_at: Option<String>,
    #[oai(nullable)]
    pub last_earned_at: Option<String>,
    /// Progress towards it (for the member themselves; `null` for others): the counter now and
    /// the goal, in the badge's unit (workouts, weeks, kilograms, records).
    #[oai(nullable)]
    pub current: Option<f64>,
    pub goal: f64,
}

#[derive(Object, Debug, Clone)]
pub struct WeeklyStreakDto {
    /// Weeks in a row with a workout (this week counts once it has one; one missed week a
    /// month is bridged by a freeze).
    pub weeks: u32,
    pub best_weeks: u32,
    /// This month's freeze is spent.
    pub freeze_used: bool,
    pub trained_this_week: bool,
}

/// A set kept off leaderboards and challenges until its owner confirms it.
#[derive(Object, Debug, Clone)]
pub struct FlaggedSetDto {
    pub workout_id: String,
    pub set_id: String,
    pub exercise_id: String,
    #[oai(nullable)]
    pub weight_kg: Option<f64>,
    #[oai(nullable)]
    pub reps: Option<u32>,
    pub completed_at: String,
    pub flagged_at: String,
}

/// A member's XP, level, weekly streak and badges.
#[derive(Object, Debug, Clone)]
pub struct AchievementsDto {
    pub username: String,
    pub xp: u64,
    pub level: u32,
    /// XP where this level starts and where the next one starts.
    pub level_xp: u64,
    pub next_level_xp: u64,
    /// XP earned today and the daily cap (the member themselves; `null` for others).
    #[oai(nullable)]
    pub xp_today: Option<u32>,
    pub xp_daily_cap: u32,
    pub workouts: u32,
    pub volume_kg: f64,
    pub records: u32,
    pub streak: WeeklyStreakDto,
    /// The catalogue in order: earned badges, and for the member themselves the ones not yet
    /// earned (hidden ones only once earned).
    pub badges: Vec<BadgeDto>,
    /// The member's own sets waiting for a confirmation (empty for others).
    pub flagged_sets: Vec<FlaggedSetDto>,
    /// Whether the member is on leaderboards and standings others see (`null` for others).
    #[oai(nullable)]
    pub show_on_leaderboards: Option<bool>,
}

#[derive(Object, Debug, Clone)]
#[oai(deny_unknown_fields)]
pub struct AchievementsPatch {
    /// `false` takes the member off every leaderboard and challenge standings others see
    /// (they still see their own place).
    pub show_on_leaderboards: bool,
}

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum ChallengeMetricDto {
    /// Working volume, kilograms.
    Volume,
    /// Finished workouts.
    Sessions,
    /// Working sets of one exercise (`exercise_id`).
    ExerciseSets,
    /// Distance, metres.
    Distance,
    /// Days with at least one set.
    ActiveDays,
    /// The weekly streak, weeks.
    Streak,
}

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum ChallengeKindDto {
    /// Everyone who reaches the goal finishes; the first to reach it wins.
    Goal,
    /// The most by the end wins.
    Race,
}

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum ChallengeStatusDto {
    Upcoming,
    Active,
    Ended,
}

/// A challenge.
#[derive(Object, Debug, Clone)]
pub struct ChallengeDto {
    pub id: String,
    pub title: String,
    pub description: String,
    /// `gym` or `club:{id}`.
    pub scope: String,
    #[oai(nullable)]
    pub club_name: Option<String>,
    pub metric: ChallengeMetricDto,
    #[oai(nullable)]
    pub exercise_id: Option<String>,
    pub kind: ChallengeKindDto,
    /// The goal in the metric's unit (`null` for a race).
    #[oai(nullable)]
    pub goal: Option<f64>,
    /// First and last day, in the gym's time zone (`timezone`).
    pub start_date: String,
    pub end_date: String,
    pub timezone: String,
    pub starts_at: String,
    pub ends_at: String,
    pub status: ChallengeStatusDto,
    pub participants: u32,
    pub joined: bool,
    /// The caller's progress when they joined.
    #[oai(nullable)]
    pub my_value: Option<f64>,
    #[oai(nullable)]
    pub creator: Option<UserRef>,
    /// Set once the challenge ended and its standings were frozen.
    pub finalized: bool,
    pub winners: Vec<UserRef>,
    #[oai(nullable)]
    pub finishers: Option<u32>,
    /// The caller may change it.
    pub may_edit: bool,
}

#[derive(Object, Debug, Clone)]
pub struct ChallengeList {
    pub items: Vec<ChallengeDto>,
    /// Pass as `before` for older challenges.
    #[oai(nullable)]
    pub next_before: Option<String>,
}

#[derive(Object, Debug, Clone)]
#[oai(deny_unknown_fields)]
pub struct ChallengeCreate {
    pub title: String,
    #[oai(default)]
    pub description: String,
    /// `gym` (coaches and administrators) or `club:{id}` (the club's admins).
    pub scope: String,
    pub metric: ChallengeMetricDto,
    /// The exercise of an `exercise_sets` challenge.
    pub exercise_id: Option<String>,
    pub kind: ChallengeKindDto,
    /// Required for a `goal` challenge, in the metric's unit.
    pub goal: Option<f64>,
    /// First and last day (`YYYY-MM-DD`) in the gym's time zone; at most 366 days.
    pub start_date: String,
    pub end_date: String,
}

#[derive(Object, Debug, Clone)]
#[oai(deny_unknown_fields)]
pub struct ChallengePatchRequest {
    pub title: Option<String>,
    pub description: Option<String>,
    /// Before it starts only.
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    /// Before it starts only.
    pub goal: Option<f64>,
}

/// One place in a list.
#[derive(Object, Debug, Clone)]
pub struct PlaceDto {
    pub rank: u32,
    pub user: UserRef,
    /// In the metric's unit (`unit`).
    pub value: f64,
    /// For e1RM boards: the set behind the value (moderators void it there).
    #[oai(nullable)]
    pub workout_id: Option<String>,
    #[oai(nullable)]
    pub set_id: Option<String>,
}

/// The caller's own place.
#[derive(Object, Debug, Clone)]
pub struct MyPlaceDto {
    /// `null` when the caller is not listed for others (opted out, or a profile not shared
    /// with the gym).
    #[oai(nullable)]
    pub rank: Option<u32>,
    pub value: f64,
}

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum BoardMetricDto {
    Volume,
    Sessions,
    Xp,
    E1rm,
    E1rmRelative,
}

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum BoardPeriodDto {
    Week,
    Month,
    All,
}

/// A leaderboard.
#[derive(Object, Debug, Clone)]
pub struct LeaderboardDto {
    pub metric: BoardMetricDto,
    pub period: BoardPeriodDto,
    pub scope: String,
    #[oai(nullable)]
    pub exercise_id: Option<String>,
    /// `kg`, `sessions`, `xp`, or `x_bodyweight`.
    pub unit: String,
    /// The week or month shown, in the gym's time zone (`null` for all time).
    #[oai(nullable)]
    pub period_start: Option<String>,
    #[oai(nullable)]
    pub period_end: Option<String>,
    pub entries: Vec<PlaceDto>,
    #[oai(nullable)]
    pub me: Option<MyPlaceDto>,
    /// Whether the caller is shown to others.
    pub listed: bool,
}

#[derive(Object, Debug, Clone)]
pub struct StandingsDto {
    pub challenge: ChallengeDto,
    pub entries: Vec<PlaceDto>,
    #[oai(nullable)]
    pub me: Option<MyPlaceDto>,
    pub listed: bool,
}

#[derive(ApiResponse)]
pub enum Done {
    #[oai(status = 204)]
    Done,
}

#[derive(ApiResponse)]
pub enum ChallengeCreated {
    #[oai(status = 201)]
    Created(Json<ChallengeDto>),
}

fn badges_dto(a: &Achievements, lang: Language, own: bool) -> Vec<BadgeDto> {
    let mut out = Vec::new();
    for b in BADGES {
        let held = a.badges.iter().find(|h| h.0 == b.id);
        if held.is_none() && (!own || b.hidden) {
            continue;
        }
        let (name, description) = match lang {
            Language::Ru => (b.name_ru, b.about_ru),
            Language::En => (b.name_en, b.about_en),
        };
        out.push(BadgeDto {
            id: b.id.to_owned(),
            name: name.to_owned(),
            description: description.to_owned(),
            hidden: b.hidden,
            repeatable: b.repeatable,
            earned: held.is_some(),
            count: held.map_or(0, |h| h.1),
            first_earned_at: held.map(|h| rfc3339(h.2)),
            last_earned_at: held.map(|h| rfc3339(h.3)),
            current: own.then(|| {
                let v = a.standing.counter(b.counter);
                if b.counter == rules::Counter::Streak {
                    v.max(f64::from(a.streak_weeks))
                } else {
                    v
                }
            }),
            goal: b.goal,
        });
    }
    out
}

fn achievements_dto(user: &User, a: &Achievements, lang: Language, own: bool) -> AchievementsDto {
    AchievementsDto {
        username: user.username.clone(),
        xp: a.standing.xp,
        level: a.level,
        level_xp: rules::level_threshold(a.level),
        next_level_xp: rules::level_threshold(a.level + 1),
        xp_today: own.then_some(a.xp_today),
        xp_daily_cap: rules::XP_DAILY_CAP,
        workouts: a.standing.workouts,
        volume_kg: (a.standing.volume_kg * 10.0).round() / 10.0,
        records: a.standing.records,
        streak: WeeklyStreakDto {
            weeks: a.streak_weeks,
            best_weeks: a.standing.best_streak.max(a.streak_weeks),
            freeze_used: a.freeze_used,
            trained_this_week: a.trained_this_week,
        },
        badges: badges_dto(a, lang, own),
        flagged_sets: a
            .flagged
            .iter()
            .map(|(w, s, at)| FlaggedSetDto {
                workout_id: ids::to_string(*w),
                set_id: ids::to_string(s.id),
                exercise_id: s.exercise_id.clone(),
                weight_kg: s.weight_kg,
                reps: s.reps,
                completed_at: rfc3339(s.completed_at),
                flagged_at: rfc3339(*at),
            })
            .collect(),
        show_on_leaderboards: own.then_some(!a.standing.opt_out),
    }
}

fn metric_dto(m: &ChallengeMetric) -> (ChallengeMetricDto, Option<String>) {
    match m {
        ChallengeMetric::Volume => (ChallengeMetricDto::Volume, None),
        ChallengeMetric::Sessions => (ChallengeMetricDto::Sessions, None),
        ChallengeMetric::ExerciseSets { exercise_id } => {
            (ChallengeMetricDto::ExerciseSets, Some(exercise_id.clone()))
        }
        ChallengeMetric::Distance => (ChallengeMetricDto::Distance, None),
        ChallengeMetric::ActiveDays => (ChallengeMetricDto::ActiveDays, None),
        ChallengeMetric::Streak => (ChallengeMetricDto::Streak, None),
    }
}

fn scope_str(s: ChallengeScope) -> String {
    match s {
        ChallengeScope::Gym => "gym".into(),
        ChallengeScope::Club { club } => format!("club:{}", ids::to_string(club)),
    }
}

fn challenge_dto(v: &ChallengeView, viewer: &User, tz: &str) -> ChallengeDto {
    let c: &Challenge = &v.challenge;
    let t = ids::now();
    let (metric, exercise_id) = metric_dto(&c.metric);
    ChallengeDto {
        id: ids::to_string(c.id),
        title: c.title.clone(),
        description: c.description.clone(),
        scope: scope_str(c.scope),
        club_name: v.club_name.clone(),
        metric,
        exercise_id,
        kind: if c.goal.is_some() {
            ChallengeKindDto::Goal
        } else {
            ChallengeKindDto::Race
        },
        goal: c.goal,
        start_date: c.start_date.clone(),
        end_date: c.end_date.clone(),
        timezone: tz.to_owned(),
        starts_at: rfc3339(c.starts_at),
        ends_at: rfc3339(c.ends_at),
        status: if t < c.starts_at {
            ChallengeStatusDto::Upcoming
        } else if t < c.ends_at {
            ChallengeStatusDto::Active
        } else {
            ChallengeStatusDto::Ended
        },
        participants: c.participants,
        joined: v.mine.is_some(),
        my_value: v.mine,
        creator: v.creator.as_ref().map(UserRef::from),
        finalized: c.final_results.is_some(),
        winners: v.winners.iter().map(UserRef::from).collect(),
        finishers: c.final_results.as_ref().map(|r| r.finishers),
        may_edit: (c.creator == viewer.id || viewer.role.is_admin())
            && c.final_results.is_none()
            && t < c.ends_at,
    }
}

fn places(b: &Board) -> (Vec<PlaceDto>, Option<MyPlaceDto>) {
    let entries = b
        .entries
        .iter()
        .map(|p| PlaceDto {
            rank: p.rank,
            user: UserRef::from(&p.user),
            value: p.value,
            workout_id: p.set.map(|s| ids::to_string(s.1)),
            set_id: p.set.map(|s| ids::to_string(s.0)),
        })
        .collect();
    let me = b.me.map(|(rank, value)| MyPlaceDto { rank, value });
    (entries, me)
}

fn challenge_id(id: &str) -> std::result::Result<u128, AppError> {
    ids::parse(id)
        .ok_or_else(|| AppError::NotFound("No such challenge, or you may not see it.".into()))
}

fn parse_scope(s: &str) -> std::result::Result<ChallengeScope, AppError> {
    match s {
        "gym" => Ok(ChallengeScope::Gym),
        other => other
            .strip_prefix("club:")
            .and_then(ids::parse)
            .map(|club| ChallengeScope::Club { club })
            .ok_or_else(|| AppError::invalid("scope", "Use gym or club:{id}.")),
    }
}

fn set_ids(workout: &str, set: &str) -> std::result::Result<(u128, u128), AppError> {
    let missing = || AppError::NotFound("No such set of this member.".into());
    Ok((
        ids::parse(workout).ok_or_else(missing)?,
        ids::parse(set).ok_or_else(missing)?,
    ))
}

pub struct GamificationApi;

#[OpenApi(prefix_path = "/api/v1")]
impl GamificationApi {
    /// The caller's XP and level, weekly streak, badges (with progress towards the ones not
    /// yet earned), sets waiting for a confirmation, and whether they are on leaderboards.
    #[oai(
        path = "/me/achievements",
        method = "get",
        tag = "Tag::Gamification",
        operation_id = "my_achievements"
    )]
    async fn my_achievements(
        &self,
        g: Svc<'_, Gamification>,
        me: Member,
    ) -> Result<Json<AchievementsDto>> {
        let a = g.achievements(&me.user, true).await?;
        Ok(Json(achievements_dto(
            &me.user,
            &a,
            me.user.preferences.language,
            true,
        )))
    }

    /// Shows or hides the caller on leaderboards and challenge standings others see.
    #[oai(
        path = "/me/achievements",
        method = "patch",
        tag = "Tag::Gamification",
        operation_id = "update_my_achievements"
    )]
    async fn update_my_achievements(
        &self,
        g: Svc<'_, Gamification>,
        me: Member,
        body: JsonBody<AchievementsPatch>,
    ) -> Result<Json<AchievementsDto>> {
        g.set_opt_out(&me.user, !body.show_on_leaderboards).await?;
        let a = g.achievements(&me.user, true).await?;
        Ok(Json(achievements_dto(
            &me.user,
            &a,
            me.user.preferences.language,
            true,
        )))
    }

    /// Another member's XP, level, streak and earned badges, when the caller may see their
    /// profile. 404 otherwise.
    #[oai(
        path = "/users/:username/achievements",
        method = "get",
        tag = "Tag::Gamification",
        operation_id = "user_achievements"
    )]
    async fn user_achievements(
        &self,
        accounts: Svc<'_, Accounts>,
        training: Svc<'_, Training>,
        g: Svc<'_, Gamification>,
        me: Member,
        username: Path<String>,
    ) -> Result<Json<AchievementsDto>> {
        let hidden = || AppError::NotFound("No such user, or you may not see them.".into());
        let member = accounts
            .user_by_name(&username.0)
            .await?
            .ok_or_else(hidden)?;
        let ties = training.ties(Some(&me.user), member.id).await?;
        if !may_see_profile(Some(&me.user), &member, ties) {
            return Err(hidden().into());
        }
        let own = member.id == me.user.id;
        let a = g.achievements(&member, own).await?;
        Ok(Json(achievements_dto(
            &member,
            &a,
            me.user.preferences.language,
            own,
        )))
    }

    /// Confirms one of the caller's flagged sets (an unusually heavy lift, not a typo): it
    /// counts on leaderboards and in challenges from now on. 409 when it is not flagged.
    #[oai(
        path = "/workouts/:id/sets/:set_id/confirm",
        method = "post",
        tag = "Tag::Gamification",
        operation_id = "confirm_set"
    )]
    async fn confirm_set(
        &self,
        g: Svc<'_, Gamification>,
        me: Member,
        id: Path<String>,
        set_id: Path<String>,
    ) -> Result<Done> {
        let (w, s) = set_ids(&id.0, &set_id.0)?;
        g.confirm_set(&me.user, w, s).await?;
        Ok(Done::Done)
    }

    /// Voids a set's result (administrators): it never counts on leaderboards or in
    /// challenges; the member's own history keeps it.
    #[oai(
        path = "/workouts/:id/sets/:set_id/void",
        method = "post",
        tag = "Tag::Gamification",
        operation_id = "void_set"
    )]
    async fn void_set(
        &self,
        g: Svc<'_, Gamification>,
        me: Member,
        id: Path<String>,
        set_id: Path<String>,
    ) -> Result<Done> {
        let (w, s) = set_ids(&id.0, &set_id.0)?;
        g.void_set(&me.user, w, s, true).await?;
        Ok(Done::Done)
    }

    /// Restores a voided set (administrators): it counts again.
    #[oai(
        path = "/workouts/:id/sets/:set_id/void",
        method = "delete",
        tag = "Tag::Gamification",
        operation_id = "restore_set"
    )]
    async fn restore_set(
        &self,
        g: Svc<'_, Gamification>,
        me: Member,
        id: Path<String>,
        set_id: Path<String>,
    ) -> Result<Done> {
        let (w, s) = set_ids(&id.0, &set_id.0)?;
        g.void_set(&me.user, w, s, false).await?;
        Ok(Done::Done)
    }

    /// Challenges the caller may see (gym-wide ones and those of their clubs), newest first;
    /// `status` keeps `upcoming`, `active` or `ended` ones, `joined=true` the caller's.
    #[oai(
        path = "/challenges",
        method = "get",
        tag = "Tag::Gamification",
        operation_id = "list_challenges"
    )]
    async fn list_challenges(
        &self,
        g: Svc<'_, Gamification>,
        me: Member,
        status: Query<Option<String>>,
        joined: Query<Option<bool>>,
        before: Query<Option<String>>,
    ) -> Result<Json<ChallengeList>> {
        let before = match before.0.as_deref() {
            Some(b) => Some(
                ids::parse(b).ok_or_else(|| AppError::invalid("before", "Pass a challenge id."))?,
            ),
            None => None,
        };
        let list = g
            .challenges(
                &me.user,
                status.0.as_deref(),
                joined.0.unwrap_or(false),
                before,
            )
            .await?;
        let next_before = (list.len() == super::PAGE)
            .then(|| list.last().map(|v| ids::to_string(v.challenge.id)))
            .flatten();
        Ok(Json(ChallengeList {
            items: list
                .iter()
                .map(|v| challenge_dto(v, &me.user, &g.timezone()))
                .collect(),
            next_before,
        }))
    }

    /// Creates a challenge: gym-wide (coaches and administrators) or for a club (its admins),
    /// with a metric, a goal or a race, and first and last days in the gym's time zone.
    #[oai(
        path = "/challenges",
        method = "post",
        tag = "Tag::Gamification",
        operation_id = "create_challenge"
    )]
    async fn create_challenge(
        &self,
        g: Svc<'_, Gamification>,
        me: Member,
        body: JsonBody<ChallengeCreate>,
    ) -> Result<ChallengeCreated> {
        let b = body.0;
        let metric = match b.metric {
            ChallengeMetricDto::Volume => ChallengeMetric::Volume,
            ChallengeMetricDto::Sessions => ChallengeMetric::Sessions,
            ChallengeMetricDto::Distance => ChallengeMetric::Distance,
            ChallengeMetricDto::ActiveDays => ChallengeMetric::ActiveDays,
            ChallengeMetricDto::Streak => ChallengeMetric::Streak,
            ChallengeMetricDto::ExerciseSets => ChallengeMetric::ExerciseSets {
                exercise_id: b.exercise_id.clone().ok_or_else(|| {
                    AppError::invalid("exercise_id", "Name the exercise whose sets count.")
                })?,
            },
        };
        let goal = match (b.kind, b.goal) {
            (ChallengeKindDto::Goal, None) => {
                return Err(AppError::invalid("goal", "A goal challenge needs a goal.").into());
            }
            (ChallengeKindDto::Race, Some(_)) => {
                return Err(AppError::invalid(
                    "goal",
                    "A race has no goal: the most by the end wins.",
                )
                .into());
            }
            (_, g) => g,
        };
        let v = g
            .create_challenge(
                &me.user,
                ChallengeInput {
                    title: b.title,
                    description: b.description,
                    scope: parse_scope(&b.scope)?,
                    metric,
                    goal,
                    start_date: b.start_date,
                    end_date: b.end_date,
                },
            )
            .await?;
        Ok(ChallengeCreated::Created(Json(challenge_dto(
            &v,
            &me.user,
            &g.timezone(),
        ))))
    }

    /// One challenge the caller may see.
    #[oai(
        path = "/challenges/:id",
        method = "get",
        tag = "Tag::Gamification",
        operation_id = "get_challenge"
    )]
    async fn get_challenge(
        &self,
        g: Svc<'_, Gamification>,
        me: Member,
        id: Path<String>,
    ) -> Result<Json<ChallengeDto>> {
        let v = g.view(&me.user, challenge_id(&id.0)?).await?;
        Ok(Json(challenge_dto(&v, &me.user, &g.timezone())))
    }

    /// Changes a challenge (its creator or an administrator) before it ends: title,
    /// description and last day; first day and goal only before it starts.
    #[oai(
        path = "/challenges/:id",
        method = "patch",
        tag = "Tag::Gamification",
        operation_id = "update_challenge"
    )]
    async fn update_challenge(
        &self,
        g: Svc<'_, Gamification>,
        me: Member,
        id: Path<String>,
        body: JsonBody<ChallengePatchRequest>,
    ) -> Result<Json<ChallengeDto>> {
        let b = body.0;
        let v = g
            .patch_challenge(
                &me.user,
                challenge_id(&id.0)?,
                ChallengePatch {
                    title: b.title,
                    description: b.description,
                    end_date: b.end_date,
                    goal: b.goal,
                    start_date: b.start_date,
                },
            )
            .await?;
        Ok(Json(challenge_dto(&v, &me.user, &g.timezone())))
    }

    /// Joins a challenge before it ends; what the caller did since it started counts.
    #[oai(
        path = "/challenges/:id/join",
        method = "post",
        tag = "Tag::Gamification",
        operation_id = "join_challenge"
    )]
    async fn join_challenge(
        &self,
        g: Svc<'_, Gamification>,
        me: Member,
        id: Path<String>,
    ) -> Result<Json<ChallengeDto>> {
        let v = g.join(&me.user, challenge_id(&id.0)?).await?;
        Ok(Json(challenge_dto(&v, &me.user, &g.timezone())))
    }

    /// Leaves a challenge before it ends (the caller's progress there goes).
    #[oai(
        path = "/challenges/:id/leave",
        method = "post",
        tag = "Tag::Gamification",
        operation_id = "leave_challenge"
    )]
    async fn leave_challenge(
        &self,
        g: Svc<'_, Gamification>,
        me: Member,
        id: Path<String>,
    ) -> Result<Done> {
        g.leave(&me.user, challenge_id(&id.0)?).await?;
        Ok(Done::Done)
    }

    /// A challenge's standings: the top `limit` (default 20) the caller may see and the
    /// caller's own place. Final once the challenge ended.
    #[oai(
        path = "/challenges/:id/standings",
        method = "get",
        tag = "Tag::Gamification",
        operation_id = "challenge_standings"
    )]
    async fn challenge_standings(
        &self,
        g: Svc<'_, Gamification>,
        me: Member,
        id: Path<String>,
        limit: Query<Option<u32>>,
    ) -> Result<Json<StandingsDto>> {
        let limit = limit_of(limit.0)?;
        let cid = challenge_id(&id.0)?;
        let (v, board) = g.standings(&me.user, cid, limit).await?;
        let (entries, mine) = places(&board);
        Ok(Json(StandingsDto {
            challenge: challenge_dto(&v, &me.user, &g.timezone()),
            entries,
            me: mine,
            listed: board.listed,
        }))
    }

    /// A leaderboard: `metric` (volume, sessions, xp; e1rm and e1rm_relative of one
    /// `exercise`, all-time) × `period` (week, month, all; in the gym's time zone) × `scope`
    /// (gym, following, club:{id}). Members who opted out, whose profile is not shared with the
    /// gym, or who are suspended never appear; equal scores share a rank and are listed by who got
    /// there first.
    #[oai(
        path = "/leaderboards",
        method = "get",
        tag = "Tag::Gamification",
        operation_id = "leaderboard"
    )]
    async fn leaderboard(
        &self,
        g: Svc<'_, Gamification>,
        me: Member,
        metric: Query<BoardMetricDto>,
        period: Query<Option<BoardPeriodDto>>,
        scope: Query<Option<String>>,
        exercise: Query<Option<String>>,
        limit: Query<Option<u32>>,
    ) -> Result<Json<LeaderboardDto>> {
        let limit = limit_of(limit.0)?;
        let period_dto = period.0.unwrap_or(match metric.0 {
            BoardMetricDto::E1rm | BoardMetricDto::E1rmRelative => BoardPeriodDto::All,
            _ => BoardPeriodDto::Week,
        });
        let ex = || {
            exercise
                .0
                .clone()
                .filter(|e| !e.is_empty())
                .ok_or_else(|| AppError::invalid("exercise", "Name the exercise to rank by."))
        };
        let (m, unit) = match metric.0 {
            BoardMetricDto::Volume => (BoardMetric::Volume, "kg"),
            BoardMetricDto::Sessions => (BoardMetric::Sessions, "sessions"),
            BoardMetricDto::Xp => (BoardMetric::Xp, "xp"),
            BoardMetricDto::E1rm => (BoardMetric::E1rm(ex()?), "kg"),
            BoardMetricDto::E1rmRelative => (BoardMetric::E1rmRelative(ex()?), "x_bodyweight"),
        };
        let scope_text = scope.0.unwrap_or_else(|| "gym".into());
        let sc = match scope_text.as_str() {
            "gym" => Scope::Gym,
            "following" => Scope::Following,
            other => match other.strip_prefix("club:").and_then(ids::parse) {
                Some(id) => Scope::Club(id),
                None => {
                    return Err(
                        AppError::invalid("scope", "Use gym, following or club:{id}.").into(),
                    );
                }
            },
        };
        let p = match period_dto {
            BoardPeriodDto::Week => BoardPeriod::Week,
            BoardPeriodDto::Month => BoardPeriod::Month,
            BoardPeriodDto::All => BoardPeriod::All,
        };
        let exercise_id = match &m {
            BoardMetric::E1rm(e) | BoardMetric::E1rmRelative(e) => Some(e.clone()),
            _ => None,
        };
        let b = g.leaderboard(&me.user, m, p, sc, limit).await?;
        let (entries, mine) = places(&b);
        Ok(Json(LeaderboardDto {
            metric: metric.0,
            period: period_dto,
            scope: scope_text,
            exercise_id,
            unit: unit.into(),
            period_start: b.period.map(|p| crate::analysis::rules::format_day(p.0)),
            period_end: b.period.map(|p| crate::analysis::rules::format_day(p.1)),
            entries,
            me: mine,
            listed: b.listed,
        }))
    }
}
