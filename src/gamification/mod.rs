//! Gamification: XP and levels, badges, the weekly streak, challenges and leaderboards — for
//! real training, inside the gym's own community.
//!
//! Everything is kept on write by the [`Reactor`](crate::events::Reactor) in `reactor.rs`,
//! inside the transaction of the training change: a leaderboard page is a range read of an
//! ordered index (top-k in O(log n + k)), never a scan of anyone's history.

pub mod api;
pub mod model;
mod reactor;
pub mod rules;
pub mod store;

use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

use crate::storage::Snapshot;
use jiff::tz::TimeZone;

use self::model::{Challenge, ChallengeMetric, ChallengeScope, Results, Standing};
use self::reactor::{e1rm_board, period_boards};
use self::store::{Entry, Flag, Reader as _};
use crate::accounts::model::{Role, Status, User};
use crate::accounts::store::Reader as _;
use crate::analysis::rules::{Day, format_day, local_day, month_start, parse_day};
use crate::error::{AppError, Code};
use crate::events::{AwardView, Awards, Bus, Owner, TrainingHistory, WeakBus};
use crate::social::model::ClubRole;
use crate::social::store::Reader as _;
use crate::storage::Store;
use crate::storage::ids::{new_id, now};
use crate::training::model::WorkoutSet;

#[derive(Clone)]
pub struct Gamification {
    store: Store,
    history: Arc<dyn TrainingHistory>,
    /// The gym's time zone: the weeks and months of leaderboards, the days of challenges.
    /// The gym's settings: its time zone frames challenges and weekly/monthly boards.
    gym: crate::accounts::gym::Gym,
    /// Where badges are announced (feed items); set once by `app.rs`, since this service is
    /// itself one of the bus's reactors.
    bus: Arc<OnceLock<WeakBus>>,
}

/// What a leaderboard ranks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BoardMetric {
    Volume,
    Sessions,
    Xp,
    /// Best estimated 1RM of one exercise.
    E1rm(String),
    /// Best estimated 1RM of one exercise per kilogram of body weight (at the time of the lift).
    E1rmRelative(String),
}

impl BoardMetric {
    /// Stored scores are integers: this divides them back into the metric's unit.
    pub fn scale(&self) -> f64 {
        match self {
            BoardMetric::Volume => 10.0,
            BoardMetric::Sessions | BoardMetric::Xp => 1.0,
            BoardMetric::E1rm(_) => 100.0,
            BoardMetric::E1rmRelative(_) => 1000.0,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoardPeriod {
    Week,
    Month,
    All,
}

/// Whose entries a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Gym,
    /// The caller and the people they follow.
    Following,
    Club(u128),
}

/// One place on a leaderboard or in a challenge's standings.
#[derive(Debug, Clone)]
pub struct Place {
    pub rank: u32,
    pub user: User,
    /// In the metric's unit.
    pub value: f64,
    /// For e1RM boards: the set (and its workout) behind the value.
    pub set: Option<(u128, u128)>,
}

/// A leaderboard or a challenge's standings as the caller may see them.
#[derive(Debug, Clone)]
pub struct Board {
    pub entries: Vec<Place>,
    /// The caller's own place: rank `None` when they are not listed (opted out, profile not
    /// shared) or have no score.
    pub me: Option<(Option<u32>, f64)>,
    /// Whether the caller is listed for others to see.
    pub listed: bool,
    /// The period's first and last days (week and month boards).
    pub period: Option<(Day, Day)>,
}

/// A member's achievements.
#[derive(Debug, Clone)]
pub struct Achievements {
    pub standing: Standing,
    pub level: u32,
    pub xp_today: u32,
    pub streak_weeks: u32,
    /// Whether this month's freeze is spent.
    pub freeze_used: bool,
    pub trained_this_week: bool,
    /// (badge id, times, first earned at, last earned at).
    pub badges: Vec<(String, u32, i64, i64)>,
    /// Sets kept off leaderboards until confirmed: (workout, set, flagged at). Own only.
    pub flagged: Vec<(u128, WorkoutSet, i64)>,
}

/// What a new challenge is.
#[derive(Debug, Clone)]
pub struct ChallengeInput {
    pub title: String,
    pub description: String,
    pub scope: ChallengeScope,
    pub metric: ChallengeMetric,
    /// `None`: a race.
    pub goal: Option<f64>,
    pub start_date: String,
    pub end_date: String,
}

/// What may change of a challenge.
#[derive(Debug, Clone, Default)]
pub struct ChallengePatch {
    pub title: Option<String>,
    pub description: Option<String>,
    pub end_date: Option<String>,
    /// Only before it starts.
    pub goal: Option<f64>,
    pub start_date: Option<String>,
}

/// A challenge as the caller sees it.
#[derive(Debug, Clone)]
pub struct ChallengeView {
    pub challenge: Challenge,
    pub creator: Option<User>,
    /// The caller's score when they joined.
    pub mine: Option<f64>,
    pub club_name: Option<String>,
    pub winners: Vec<User>,
}

/// Challenges shown per page; challenges a member may be in at once.
pub const PAGE: usize = 50;
pub const MAX_CHALLENGE_DAYS: i32 = 366;
const MAX_TITLE: usize = 100;
const MAX_DESCRIPTION: usize = 2_000;
/// Most entries a leaderboard page shows.
pub const MAX_BOARD: usize = 100;

fn no_challenge() -> AppError {
    AppError::NotFound("No such challenge, or you may not see it.".into())
}

fn ended() -> AppError {
    AppError::problem(
        Code::ChallengeEnded,
        "The challenge has ended; its standings are final.",
    )
}

impl Gamification {
    pub fn new(
        store: Store,
        history: Arc<dyn TrainingHistory>,
        gym: crate::accounts::gym::Gym,
    ) -> Self {
        Self {
            store,
            history,
            gym,
            bus: Arc::new(OnceLock::new()),
        }
    }

    /// Announces badges on `bus` from now on.
    pub fn set_bus(&self, bus: &Bus) {
        let _ = self.bus.set(bus.downgrade());
    }

    pub fn timezone(&self) -> String {
        self.gym.get().timezone.clone()
    }

    /// The gym's time zone now.
    fn gym_tz(&self) -> TimeZone {
        self.gym.get().zone.clone()
    }

    /// A member's XP, level, streak, badges and (their own) flagged sets.
    pub async fn achievements(&self, member: &User, own: bool) -> Result<Achievements, AppError> {
        let (uid, tz) = (member.id, rules::zone(&member.preferences.timezone));
        let me = self.clone();
        self.store
            .read(move |tx| {
                let standing = tx.standing(uid)?.unwrap_or_else(Standing::new);
                let t = now();
                let (streak_weeks, frozen) = me.streak(tx, uid, &tz, t)?;
                let today = local_day(t, &tz);
                let this_week = rules::week_of(today);
                let trained_this_week = !tx.active_weeks(uid, this_week, this_week)?.is_empty();
                let mut flagged = Vec::new();
                if own {
                    for (w, set, at) in tx.flags_of(uid, Flag::Flagged)?.into_iter().take(50) {
                        if let Some(s) = crate::training::store::get_set(tx, w, set)? {
                            flagged.push((w, s, at));
                        }
                    }
                }
                Ok(Achievements {
                    level: rules::level_of(standing.xp),
                    xp_today: tx.xp_on(uid, today)?,
                    streak_weeks,
                    freeze_used: frozen.contains(&month_start(today)),
                    trained_this_week,
                    badges: tx.badges_of(uid)?,
                    flagged,
                    standing,
                })
            })
            .await
    }

    /// Shows or hides the member on leaderboards and challenge standings others see.
    pub async fn set_opt_out(&self, member: &User, opt_out: bool) -> Result<(), AppError> {
        let owner = Owner::of(member);
        let me = self.clone();
        self.store
            .write(move |tx| {
                let mut m = me.member(tx, owner.id, None, Some(owner.shared))?;
                if m.s.opt_out != opt_out {
                    m.s.opt_out = opt_out;
                    store::list_everywhere(tx, m.id, m.s.listed())?;
                    me.save(tx, &m)?;
                }
                Ok(())
            })
            .await
    }

    /// The member confirms a flagged set of theirs: it counts from now on.
    pub async fn confirm_set(
        &self,
        member: &User,
        workout: u128,
        set: u128,
    ) -> Result<(), AppError> {
        let owner = Owner::of(member);
        let me = self.clone();
        self.store
            .write(move |tx| {
                let (w, s) = own_set(tx, owner.id, workout, set)?;
                match tx.flag(owner.id, s.id)? {
                    Some((_, Flag::Flagged)) => {}
                    Some((_, Flag::Voided)) => {
                        return Err(AppError::problem(
                            Code::Conflict,
                            "A moderator voided this set; it stays off leaderboards.",
                        ));
                    }
                    _ => {
                        return Err(AppError::problem(
                            Code::Conflict,
                            "This set is not waiting for a confirmation.",
                        ));
                    }
                }
                let mut m = me.member(tx, owner.id, Some(&owner.timezone), Some(owner.shared))?;
                let before = m.s.clone();
                me.reflag(tx, &mut m, w, &s, Some(Flag::Confirmed), now())?;
                me.award_if_due(tx, &mut m, &before, now())?;
                me.save(tx, &m)
            })
            .await
    }

    /// A moderator voids a set (it never counts on leaderboards or in challenges) or restores it.
    pub async fn void_set(
        &self,
        moderator: &User,
        workout: u128,
        set: u128,
        void: bool,
    ) -> Result<(), AppError> {
        if !moderator.role.is_admin() {
            return Err(AppError::forbidden(
                "Only administrators void or restore results.",
            ));
        }
        let me = self.clone();
        let mod_id = moderator.id;
        self.store
            .write(move |tx| {
                let missing = || AppError::NotFound("No such set of this member.".into());
                let owner = crate::training::store::workout(tx, workout)?
                    .map(|w| w.user_id)
                    .ok_or_else(missing)?;
                let user = tx.user(owner)?.ok_or_else(missing)?;
                let owner = Owner::of(&user);
                let (w, s) = own_set(tx, owner.id, workout, set)?;
                let cur = tx.flag(owner.id, s.id)?.map(|f| f.1);
                let to = match (void, cur) {
                    (true, Some(Flag::Voided)) | (false, None | Some(Flag::Confirmed)) => {
                        return Ok(());
                    }
                    (true, _) => Some(Flag::Voided),
                    // Restored: it counts again (a moderator looked at it).
                    (false, _) => Some(Flag::Confirmed),
                };
                let mut m = me.member(tx, owner.id, Some(&owner.timezone), Some(owner.shared))?;
                let before = m.s.clone();
                me.reflag(tx, &mut m, w, &s, to, now())?;
                me.award_if_due(tx, &mut m, &before, now())?;
                me.save(tx, &m)?;
                // Into the audit log, in the same commit.
                if let Some(bus) = me.bus.get().and_then(WeakBus::upgrade) {
                    bus.publish(
                        tx,
                        &crate::events::Event::ResultVoided {
                            moderator: mod_id,
                            member: owner.id,
                            set,
                            voided: void,
                        },
                    )?;
                }
                Ok(())
            })
            .await
    }

    /// The first and last day of the current week or month in the gym's time zone.
    fn period_of(&self, period: BoardPeriod, at: i64) -> Option<(Day, Day)> {
        let day = local_day(at, &self.gym_tz());
        match period {
            BoardPeriod::All => None,
            BoardPeriod::Week => {
                let w = rules::week_of(day);
                Some((w, w + 6))
            }
            BoardPeriod::Month => {
                let m = month_start(day);
                Some((m, month_start(m + 31) - 1))
            }
        }
    }

    fn board_name(&self, metric: &BoardMetric, period: BoardPeriod) -> Result<String, AppError> {
        let name = |m: &str| {
            let [all, week, month] = period_boards(m, now(), &self.gym_tz());
            match period {
                BoardPeriod::All => all,
                BoardPeriod::Week => week,
                BoardPeriod::Month => month,
            }
        };
        Ok(match metric {
            BoardMetric::Volume => name("volume"),
            BoardMetric::Sessions => name("sessions"),
            BoardMetric::Xp => name("xp"),
            BoardMetric::E1rm(ex) | BoardMetric::E1rmRelative(ex) => {
                if period != BoardPeriod::All {
                    return Err(AppError::invalid(
                        "period",
                        "Estimated 1RM leaderboards are all-time bests: use period=all.",
                    ));
                }
                e1rm_board(ex, matches!(metric, BoardMetric::E1rmRelative(_)))
            }
        })
    }

    /// A leaderboard: the top `limit` the caller may see and the caller's own place.
    pub async fn leaderboard(
        &self,
        viewer: &User,
        metric: BoardMetric,
        period: BoardPeriod,
        scope: Scope,
        limit: usize,
    ) -> Result<Board, AppError> {
        let board = self.board_name(&metric, period)?;
        let span = self.period_of(period, now());
        let (v, scale) = (viewer.clone(), metric.scale());
        let e1rm = match &metric {
            BoardMetric::E1rm(ex) | BoardMetric::E1rmRelative(ex) => Some(ex.clone()),
            _ => None,
        };
        self.store
            .read(move |tx| {
                let b = ranked(tx, &v, &board, scope, limit, None)?;
                let mut entries = Vec::with_capacity(b.entries.len());
                for (rank, (score, _, uid), user) in b.entries {
                    let set = match &e1rm {
                        Some(ex) => tx.best_e1rm(uid, ex)?.map(|x| (x.1, x.2)),
                        None => None,
                    };
                    entries.push(Place {
                        rank,
                        user,
                        value: score as f64 / scale,
                        set,
                    });
                }
                Ok(Board {
                    entries,
                    me: b.me.map(|(r, s)| (r, s as f64 / scale)),
                    listed: b.listed,
                    period: span,
                })
            })
            .await
    }

    fn check_input(
        &self,
        title: &str,
        description: &str,
        goal: Option<f64>,
    ) -> Result<(String, String), AppError> {
        let title = title.trim().to_owned();
        if title.is_empty() || title.chars().count() > MAX_TITLE {
            return Err(AppError::invalid(
                "title",
                format!("Give the challenge a title of 1 to {MAX_TITLE} characters."),
            ));
        }
        let description = description.trim().to_owned();
        if description.chars().count() > MAX_DESCRIPTION {
            return Err(AppError::invalid(
                "description",
                format!("Keep the description under {MAX_DESCRIPTION} characters."),
            ));
        }
        if let Some(g) = goal
            && !(g.is_finite() && g > 0.0 && g <= 1e9)
        {
            return Err(AppError::invalid(
                "goal",
                "The goal must be a positive number.",
            ));
        }
        Ok((title, description))
    }

    /// The window of a challenge from its dates; `today` bounds how early it may end.
    fn dates(&self, start: &str, end: &str, today: Day) -> Result<(Day, Day), AppError> {
        let bad = |f: &str| AppError::invalid(f, "Use a date as YYYY-MM-DD.");
        let from = parse_day(start).ok_or_else(|| bad("start_date"))?;
        let to = parse_day(end).ok_or_else(|| bad("end_date"))?;
        if to < from {
            return Err(AppError::invalid(
                "end_date",
                "The challenge must end on or after the day it starts.",
            ));
        }
        if to - from >= MAX_CHALLENGE_DAYS {
            return Err(AppError::invalid(
                "end_date",
                format!("A challenge runs at most {MAX_CHALLENGE_DAYS} days."),
            ));
        }
        if to < today {
            return Err(AppError::invalid(
                "end_date",
                "The challenge would be over already: end it today or later.",
            ));
        }
        Ok((from, to))
    }

    /// Creates a challenge: gym-wide by coaches and administrators, in a club by its admins
    /// (and the gym's administrators).
    pub async fn create_challenge(
        &self,
        me: &User,
        input: ChallengeInput,
    ) -> Result<ChallengeView, AppError> {
        let (title, description) =
            self.check_input(&input.title, &input.description, input.goal)?;
        let today = local_day(now(), &self.gym_tz());
        let (from, to) = self.dates(&input.start_date, &input.end_date, today)?;
        if let ChallengeMetric::ExerciseSets { exercise_id } = &input.metric
            && !self.gym_exercise(exercise_id).await?
        {
            return Err(AppError::invalid(
                "exercise_id",
                "Pick an exercise of the gym's catalogue.",
            ));
        }
        let (starts_at, ends_at) = rules::window(from, to, &self.gym_tz());
        let c = Challenge {
            id: new_id(),
            creator: me.id,
            title,
            description,
            scope: input.scope,
            metric: input.metric,
            goal: input.goal,
            start_date: format_day(from),
            end_date: format_day(to),
            starts_at,
            ends_at,
            participants: 0,
            final_results: None,
            created_at: now(),
            version: 1,
        };
        let me2 = me.clone();
        let saved = c.clone();
        self.store
            .write(move |tx| {
                may_create(tx, &me2, c.scope)?;
                store::put_challenge(tx, &c)
            })
            .await?;
        self.view(me, saved.id).await
    }

    /// Whether an exercise is one any member may use (built in or the gym's).
    async fn gym_exercise(&self, id: &str) -> Result<bool, AppError> {
        if crate::training::catalogue::builtin_by_id(id).is_some() {
            return Ok(true);
        }
        let Some(uid) = crate::storage::ids::parse(id) else {
            return Ok(false);
        };
        self.store
            .read(move |tx| {
                Ok(
                    crate::training::store::exercise(tx, uid)?
                        .is_some_and(|e| e.owner_id.is_none()),
                )
            })
            .await
    }

    /// A challenge the caller may see.
    pub async fn view(&self, viewer: &User, id: u128) -> Result<ChallengeView, AppError> {
        self.finalize(id).await?;
        let v = viewer.clone();
        self.store
            .read(move |tx| {
                let c = visible(tx, &v, id)?;
                view_of(tx, &v, c)
            })
            .await
    }

    /// Challenges the caller may see, newest first: `active`, `upcoming`, `ended`, or all;
    /// `joined` keeps the ones the caller is in.
    pub async fn challenges(
        &self,
        viewer: &User,
        status: Option<&str>,
        joined: bool,
        before: Option<u128>,
    ) -> Result<Vec<ChallengeView>, AppError> {
        let status = status.map(str::to_owned);
        if let Some(s) = &status
            && !matches!(s.as_str(), "active" | "upcoming" | "ended")
        {
            return Err(AppError::invalid(
                "status",
                "Use active, upcoming or ended.",
            ));
        }
        let v = viewer.clone();
        let t = now();
        self.store
            .read(move |tx| {
                let mine: HashSet<u128> = tx.joined(v.id)?.into_iter().map(|j| j.0).collect();
                let list = tx.challenges(before, PAGE, &mut |c| {
                    let keep = match status.as_deref() {
                        Some("active") => c.starts_at <= t && t < c.ends_at,
                        Some("upcoming") => t < c.starts_at,
                        Some("ended") => c.ends_at <= t,
                        _ => true,
                    };
                    Ok(keep && (!joined || mine.contains(&c.id)) && may_see(tx, &v, c)?)
                })?;
                list.into_iter().map(|c| view_of(tx, &v, c)).collect()
            })
            .await
    }

    /// Changes a challenge (its creator or an administrator): title, description and end any
    /// time before it ends; start and goal only before it starts.
    pub async fn patch_challenge(
        &self,
        me: &User,
        id: u128,
        patch: ChallengePatch,
    ) -> Result<ChallengeView, AppError> {
        let g = self.clone();
        let v = me.clone();
        self.store
            .write(move |tx| {
                let old = visible(tx, &v, id)?;
                if old.creator != v.id && !v.role.is_admin() {
                    return Err(AppError::forbidden(
                        "Only the challenge's creator or an administrator changes it.",
                    ));
                }
                let t = now();
                if old.final_results.is_some() || t >= old.ends_at {
                    return Err(ended());
                }
                let started = t >= old.starts_at;
                if started && (patch.goal.is_some() || patch.start_date.is_some()) {
                    return Err(AppError::invalid(
                        if patch.goal.is_some() {
                            "goal"
                        } else {
                            "start_date"
                        },
                        "The challenge has started: its start and goal stay as they are.",
                    ));
                }
                if patch.goal.is_some() && old.goal.is_none() {
                    return Err(AppError::invalid(
                        "goal",
                        "A race has no goal; create a goal challenge instead.",
                    ));
                }
                let (title, description) = g.check_input(
                    patch.title.as_deref().unwrap_or(&old.title),
                    patch.description.as_deref().unwrap_or(&old.description),
                    patch.goal.or(old.goal),
                )?;
                let today = local_day(t, &g.gym_tz());
                let (from, to) = g.dates(
                    patch.start_date.as_deref().unwrap_or(&old.start_date),
                    patch.end_date.as_deref().unwrap_or(&old.end_date),
                    today,
                )?;
                let mut c = old.clone();
                c.title = title;
                c.description = description;
                c.goal = patch.goal.or(old.goal);
                (c.starts_at, c.ends_at) = rules::window(from, to, &g.gym_tz());
                c.start_date = format_day(from);
                c.end_date = format_day(to);
                if c == old {
                    return view_of(tx, &v, c);
                }
                c.version += 1;
                store::move_challenge_end(tx, old.ends_at, &c)?;
                if (c.starts_at, c.ends_at, c.goal) != (old.starts_at, old.ends_at, old.goal) {
                    // The window or goal moved: every entry is recomputed.
                    for (_, _, uid) in tx.everyone_on(&c.board())? {
                        store::join(tx, uid, &c)?;
                        let user = tx.user(uid)?;
                        let m = g.member(
                            tx,
                            uid,
                            user.as_ref().map(|u| u.preferences.timezone.as_str()),
                            None,
                        )?;
                        let value = g.value_from_history(tx, &m, &c, t)?;
                        store::put_score(
                            tx,
                            &c.board(),
                            uid,
                            value,
                            c.goal_score(),
                            t,
                            m.s.listed(),
                        )?;
                    }
                }
                view_of(tx, &v, c)
            })
            .await
    }

    /// Joins a challenge (again: nothing changes); what the member did since it started counts.
    pub async fn join(&self, me: &User, id: u128) -> Result<ChallengeView, AppError> {
        let g = self.clone();
        let (v, owner) = (me.clone(), Owner::of(me));
        self.store
            .write(move |tx| {
                let mut c = visible(tx, &v, id)?;
                let t = now();
                if c.final_results.is_some() || t >= c.ends_at {
                    return Err(ended());
                }
                if tx.score(&c.board(), v.id)?.is_some() {
                    return view_of(tx, &v, c);
                }
                let m = g.member(tx, v.id, Some(&owner.timezone), Some(owner.shared))?;
                let value = g.value_from_history(tx, &m, &c, t)?;
                store::join(tx, v.id, &c)?;
                store::put_score(tx, &c.board(), v.id, value, c.goal_score(), t, m.s.listed())?;
                g.save(tx, &m)?;
                c.participants += 1;
                store::put_challenge(tx, &c)?;
                if let Some(bus) = g.bus.get().and_then(WeakBus::upgrade) {
                    bus.publish(
                        tx,
                        &crate::events::Event::Used {
                            user: v.id,
                            feature: crate::events::Feature::ChallengeJoin,
                            at: t,
                        },
                    )?;
                }
                view_of(tx, &v, c)
            })
            .await
    }

    /// Leaves a challenge before it ends (its score goes).
    pub async fn leave(&self, me: &User, id: u128) -> Result<(), AppError> {
        let v = me.clone();
        self.store
            .write(move |tx| {
                let mut c = visible(tx, &v, id)?;
                if c.final_results.is_some() || now() >= c.ends_at {
                    return Err(ended());
                }
                if store::leave(tx, v.id, id)? {
                    store::delete_score(tx, &c.board(), v.id)?;
                    c.participants = c.participants.saturating_sub(1);
                    store::put_challenge(tx, &c)?;
                }
                Ok(())
            })
            .await
    }

    /// A challenge and its standings as the caller may see them, read together.
    pub async fn standings(
        &self,
        viewer: &User,
        id: u128,
        limit: usize,
    ) -> Result<(ChallengeView, Board), AppError> {
        self.finalize(id).await?;
        let v = viewer.clone();
        self.store
            .read(move |tx| {
                let c = visible(tx, &v, id)?;
                let scale = c.metric.scale();
                let b = ranked(tx, &v, &c.board(), Scope::Gym, limit, Some(&c))?;
                let board = Board {
                    entries: b
                        .entries
                        .into_iter()
                        .map(|(rank, (score, _, _), user)| Place {
                            rank,
                            user,
                            value: score as f64 / scale,
                            set: None,
                        })
                        .collect(),
                    me: b.me.map(|(r, s)| (r, s as f64 / scale)),
                    listed: b.listed,
                    period: None,
                };
                Ok((view_of(tx, &v, c)?, board))
            })
            .await
    }

    /// Freezes a challenge that has ended: final standings, winners, finisher and winner badges.
    pub async fn finalize(&self, id: u128) -> Result<(), AppError> {
        self.finalize_at(id, now()).await
    }

    /// [`Self::finalize`] as of `t` (tests freeze a challenge without waiting for its end).
    pub async fn finalize_at(&self, id: u128, t: i64) -> Result<(), AppError> {
        let due = self
            .store
            .read(move |tx| {
                Ok(tx
                    .challenge(id)?
                    .is_some_and(|c| c.final_results.is_none() && t >= c.ends_at))
            })
            .await?;
        if !due {
            return Ok(());
        }
        let g = self.clone();
        self.store
            .write(move |tx| {
                let Some(mut c) = tx.challenge(id)? else {
                    return Ok(());
                };
                if c.final_results.is_some() || t < c.ends_at {
                    return Ok(());
                }
                let everyone = tx.everyone_on(&c.board())?;
                let done = |score: u64| match c.goal_score() {
                    Some(goal) => score >= goal,
                    None => score > 0,
                };
                let winner = everyone.first().filter(|e| done(e.0)).map(|e| e.2);
                let mut finishers = 0;
                for &(score, _, uid) in &everyone {
                    if !done(score) {
                        continue;
                    }
                    finishers += 1;
                    let mut m = g.member(tx, uid, None, None)?;
                    m.s.challenges_finished += 1;
                    if winner == Some(uid) {
                        m.s.challenges_won += 1;
                    }
                    g.award_badges(tx, &mut m, t, Some(c.id))?;
                    g.save(tx, &m)?;
                }
                c.final_results = Some(Results {
                    winners: winner.into_iter().collect(),
                    finishers,
                    at: t,
                });
                store::put_challenge(tx, &c)
            })
            .await
    }

    /// Freezes every challenge that has ended (run every minute by the server).
    pub async fn finalize_due(&self) -> Result<usize, AppError> {
        let due = self.store.read(|tx| tx.due(now())).await?;
        for id in &due {
            self.finalize(*id).await?;
        }
        Ok(due.len())
    }

    /// Recomputes one member's derived gamification rows from their history.
    pub async fn rebuild_member(&self, owner: Owner) -> Result<u64, AppError> {
        let me = self.clone();
        self.store.write(move |tx| me.replay_user(tx, &owner)).await
    }

    /// Every member in `owners`, one transaction each.
    pub async fn rebuild_all(
        &self,
        owners: Vec<Owner>,
        progress: &(dyn Fn(u64, u64) + Send + Sync),
    ) -> Result<u64, AppError> {
        let total = owners.len() as u64;
        let mut sets = 0;
        for (i, owner) in owners.into_iter().enumerate() {
            sets += self.rebuild_member(owner).await?;
            progress(i as u64 + 1, total);
        }
        Ok(sets)
    }

    /// A member's derived rows as text (replay = incremental checks).
    pub async fn rows_of(&self, member: u128) -> Result<Vec<String>, AppError> {
        self.store
            .read_long(move |tx| store::rows_of(tx, member))
            .await
    }
}

/// A set of `user`'s, with its workout id.
fn own_set(
    tx: &crate::storage::Tx,
    user: u128,
    workout: u128,
    set: u128,
) -> Result<(u128, WorkoutSet), AppError> {
    let missing = || AppError::NotFound("No such set of this member.".into());
    let w = crate::training::store::workout(tx, workout)?
        .filter(|w| w.user_id == user)
        .ok_or_else(missing)?;
    let s = crate::training::store::get_set(tx, w.id, set)?.ok_or_else(missing)?;
    Ok((w.id, s))
}

/// Who may create a challenge in `scope`.
fn may_create(tx: &crate::storage::Tx, me: &User, scope: ChallengeScope) -> Result<(), AppError> {
    match scope {
        ChallengeScope::Gym if me.role >= Role::Coach => Ok(()),
        ChallengeScope::Gym => Err(AppError::forbidden(
            "Gym-wide challenges are created by coaches and administrators; a club's admins create challenges for their club.",
        )),
        ChallengeScope::Club { club } => {
            if tx.club(club)?.is_none() {
                return Err(AppError::invalid("scope", "There is no such club."));
            }
            if me.role.is_admin() || tx.club_role(club, me.id)? == Some(ClubRole::Admin) {
                Ok(())
            } else {
                Err(AppError::forbidden(
                    "Only the club's admins create challenges for it.",
                ))
            }
        }
    }
}

/// A challenge `viewer` may see (404 otherwise, as for one that does not exist).
fn visible(
    tx: &(impl store::Reader + crate::social::store::Reader),
    viewer: &User,
    id: u128,
) -> Result<Challenge, AppError> {
    match tx.challenge(id)? {
        Some(c) if may_see(tx, viewer, &c)? => Ok(c),
        _ => Err(no_challenge()),
    }
}

/// Whether `viewer` may see a challenge: gym-wide ones every member; a club's its members and
/// the gym's administrators.
fn may_see(
    tx: &impl crate::social::store::Reader,
    viewer: &User,
    c: &Challenge,
) -> Result<bool, AppError> {
    Ok(match c.scope {
        ChallengeScope::Gym => true,
        ChallengeScope::Club { club } => {
            viewer.role.is_admin()
                || tx
                    .club_role(club, viewer.id)?
                    .is_some_and(ClubRole::is_member)
        }
    })
}

fn view_of(
    tx: &(impl crate::accounts::store::Reader + crate::social::store::Reader + store::Reader),
    viewer: &User,
    c: Challenge,
) -> Result<ChallengeView, AppError> {
    let creator = tx.user(c.creator)?.filter(|u| u.status == Status::Active);
    let mine = tx
        .score(&c.board(), viewer.id)?
        .map(|s| s.0 as f64 / c.metric.scale());
    let club_name = match c.scope {
        ChallengeScope::Club { club } => tx.club(club)?.map(|c| c.name),
        ChallengeScope::Gym => None,
    };
    let blocked = tx.block_relations(viewer.id)?;
    let mut winners = Vec::new();
    if let Some(r) = &c.final_results {
        for w in &r.winners {
            if blocked.contains(w) {
                continue;
            }
            let listed = tx.standing(*w)?.is_none_or(|s| s.listed());
            if let Some(u) = tx.user(*w)?
                && (listed || u.id == viewer.id)
                && u.status == Status::Active
            {
                winners.push(u);
            }
        }
    }
    Ok(ChallengeView {
        challenge: c,
        creator,
        mine,
        club_name,
        winners,
    })
}

/// The rank of the next entry after `shown` (in rank order) with `score`: equal scores share a
/// rank ("1, 2, 2, 4").
fn shared_rank(shown: &[(u32, Entry, User)], score: u64) -> u32 {
    match shown.last() {
        Some((rank, e, _)) if e.0 == score => *rank,
        _ => shown.len() as u32 + 1,
    }
}

struct Ranked {
    entries: Vec<(u32, Entry, User)>,
    me: Option<(Option<u32>, u64)>,
    listed: bool,
}

/// The top `limit` of a board the viewer may see, and the viewer's place. Only listed members
/// (profile shared with the gym, not opted out, active) appear, never anyone the viewer
/// blocked or was blocked by; ranks count only the members shown to the viewer. Equal scores
/// share a rank (1, 2, 2, 4) and are listed by who got there first.
fn ranked(
    tx: &Snapshot,
    viewer: &User,
    board: &str,
    scope: Scope,
    limit: usize,
    challenge: Option<&Challenge>,
) -> Result<Ranked, AppError> {
    let blocked: HashSet<u128> = tx.block_relations(viewer.id)?.into_iter().collect();
    let own = tx.standing(viewer.id)?.unwrap_or_else(Standing::new);
    let listed = own.listed();
    let mine = tx.score(board, viewer.id)?;
    let show = |tx: &Snapshot, uid: u128| -> Result<Option<User>, AppError> {
        if blocked.contains(&uid) {
            return Ok(None);
        }
        Ok(tx.user(uid)?.filter(|u| u.status == Status::Active))
    };
    let mut entries: Vec<(u32, Entry, User)> = Vec::new();
    let mut my_rank = None;
    match scope {
        Scope::Gym => {
            let mut users = Vec::new();
            let top = tx.top(board, limit, &mut |uid| {
                let u = show(tx, uid)?;
                let keep = u.is_some();
                users.extend(u);
                Ok(keep)
            })?;
            for (e, u) in top.into_iter().zip(users) {
                let rank = shared_rank(&entries, e.0);
                entries.push((rank, e, u));
            }
            if let Some((_, ranked_score, _)) = mine
                && listed
            {
                let mut ahead = tx.ahead_of(board, ranked_score)?;
                // Blocked members ahead are not shown to the viewer, nor counted.
                for b in &blocked {
                    if let Some((_, r, _)) = tx.score(board, *b)?
                        && tx.standing(*b)?.is_none_or(|s| s.listed())
                        && r > ranked_score
                    {
                        ahead = ahead.saturating_sub(1);
                    }
                }
                my_rank = Some(ahead as u32 + 1);
            }
        }
        Scope::Following | Scope::Club(_) => {
            let people: Vec<u128> = match scope {
                Scope::Club(club) => {
                    let cleared = viewer.role.is_admin()
                        || tx
                            .club_role(club, viewer.id)?
                            .is_some_and(ClubRole::is_member);
                    if tx.club(club)?.is_none() || !cleared {
                        return Err(AppError::NotFound(
                            "No such club, or you are not one of its members.".into(),
                        ));
                    }
                    tx.club_people(club, &[ClubRole::Member, ClubRole::Admin], None, usize::MAX)?
                        .into_iter()
                        .map(|p| p.0)
                        .collect()
                }
                _ => {
                    let mut out = vec![viewer.id];
                    out.extend(
                        tx.following(viewer.id, None, &mut |f| Ok(f.accepted), usize::MAX)?
                            .into_iter()
                            .map(|f| f.followee),
                    );
                    out
                }
            };
            let mut all: Vec<Entry> = Vec::new();
            for uid in people {
                let Some((_, r, at)) = tx.score(board, uid)? else {
                    continue;
                };
                let shown = uid == viewer.id && listed
                    || tx.standing(uid)?.is_none_or(|s| s.listed()) && !blocked.contains(&uid);
                if shown {
                    all.push((r, at, uid));
                }
            }
            all.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
            for e in &all {
                let rank = all.partition_point(|o| o.0 > e.0) as u32 + 1;
                if e.2 == viewer.id {
                    my_rank = Some(rank);
                }
                if entries.len() < limit
                    && let Some(u) = show(tx, e.2)?
                {
                    entries.push((rank, *e, u));
                }
            }
        }
    }
    // Shown: the score itself (a goal challenge ranks by the score up to its goal).
    if challenge.is_some_and(|c| c.goal.is_some()) {
        for (_, e, _) in &mut entries {
            if let Some((score, _, _)) = tx.score(board, e.2)? {
                e.0 = score;
            }
        }
    }
    Ok(Ranked {
        entries,
        me: mine.map(|(score, _, _)| (my_rank, score)),
        listed,
    })
}

impl Awards for Gamification {
    fn award(&self, tx: &Snapshot, id: u128) -> Result<Option<AwardView>, AppError> {
        let Some(a) = tx.award(id)? else {
            return Ok(None);
        };
        let challenge = match a.challenge {
            Some(c) => tx.challenge(c)?.map(|c| (c.id, c.title)),
            None => None,
        };
        Ok(Some(AwardView {
            user: a.user,
            badge: a.badge,
            count: a.count,
            challenge,
            at: a.at,
        }))
    }
}
