//! Keeps XP, counters, badges, leaderboards and challenge standings in step with training,
//! inside the write transaction of every change (and replays history into them).

use crate::storage::Tx;
use jiff::tz::TimeZone;

use super::Gamification;
use super::model::{Award, Challenge, ChallengeMetric, Standing};
use super::rules::{
    self, EARLY_BEFORE_HOUR, LATE_FROM_HOUR, XP_PER_SET, XP_PER_WORKOUT, earns_xp, is_working,
    local_hour, week_of, zone,
};
use super::store::{self, Flag, Reader as _};
use crate::analysis::rules::{Day, local_day, month_start};
use crate::error::AppError;
use crate::events::{Effects, Event, Owner, Reactor};
use crate::storage::ids;
use crate::training::model::{Workout, WorkoutSet};

/// One member while an event is applied: their standing is read once and written once.
pub(super) struct Member {
    pub id: u128,
    pub tz: TimeZone,
    pub s: Standing,
    /// Announce badges (feed items); off while replaying history.
    pub announce: bool,
}

/// A member's entry in a challenge: (challenge, its start, its end).
type Joined = (u128, i64, i64);

/// How a change moves a challenge score.
enum Change {
    Add(i64),
    Set(u64),
}

/// The period boards of a metric that `at` falls in: all time, its week and its month in the
/// gym's time zone.
pub fn period_boards(metric: &str, at: i64, gym: &TimeZone) -> [String; 3] {
    let day = local_day(at, gym);
    [
        format!("{metric}/all"),
        format!("{metric}/w{}", week_of(day)),
        format!("{metric}/m{}", month_start(day)),
    ]
}

pub fn e1rm_board(exercise: &str, relative: bool) -> String {
    if relative {
        format!("e1rm_rel/{exercise}")
    } else {
        format!("e1rm/{exercise}")
    }
}

/// Adds `delta` to a member's score on each of `boards` (their tables opened once).
fn add_score(
    tx: &Tx,
    boards: [String; 3],
    m: &Member,
    delta: i64,
    at: i64,
) -> Result<(), AppError> {
    let mut t = store::Boards::new(tx);
    for b in boards {
        t.add(&b, m.id, delta, at, m.s.listed())?;
    }
    Ok(())
}

impl Gamification {
    pub(super) fn member(
        &self,
        tx: &Tx,
        id: u128,
        tz: Option<&str>,
        shared: Option<bool>,
    ) -> Result<Member, AppError> {
        let mut s = tx.standing(id)?.unwrap_or_else(Standing::new);
        if let Some(shared) = shared
            && s.shared != shared
        {
            s.shared = shared;
            store::list_everywhere(tx, id, s.listed())?;
        }
        Ok(Member {
            id,
            tz: zone(tz.unwrap_or("UTC")),
            s,
            announce: true,
        })
    }

    fn load(&self, tx: &Tx, owner: &Owner) -> Result<Member, AppError> {
        self.member(tx, owner.id, Some(&owner.timezone), Some(owner.shared))
    }

    pub(super) fn save(&self, tx: &Tx, m: &Member) -> Result<(), AppError> {
        store::put_standing(tx, m.id, &m.s)
    }

    fn grant_xp(
        &self,
        tx: &Tx,
        m: &mut Member,
        source: u128,
        at: i64,
        base: u32,
    ) -> Result<(), AppError> {
        let day = local_day(at, &m.tz);
        let xp = store::grant_xp(tx, m.id, source, day, at, |today| {
            rules::capped(base, today)
        })?;
        if xp == 0 {
            return Ok(());
        }
        m.s.xp += u64::from(xp);
        add_score(
            tx,
            period_boards("xp", at, &self.gym_tz()),
            m,
            i64::from(xp),
            at,
        )?;
        Ok(())
    }

    fn take_xp(&self, tx: &Tx, m: &mut Member, source: u128) -> Result<(), AppError> {
        if let Some((_, xp, at)) = store::take_xp(tx, m.id, source)? {
            m.s.xp = m.s.xp.saturating_sub(u64::from(xp));
            add_score(
                tx,
                period_boards("xp", at, &self.gym_tz()),
                m,
                -i64::from(xp),
                ids::now(),
            )?;
        }
        Ok(())
    }

    /// The member's best counted e1RM of an exercise from their history, leaving out `skip`.
    fn recompute_e1rm(
        &self,
        tx: &Tx,
        m: &Member,
        exercise: &str,
        skip: u128,
    ) -> Result<(), AppError> {
        let mut best: Option<(f64, u128, u128, i64)> = None;
        let mut candidates: Vec<(f64, u128, u128, i64)> = Vec::new();
        self.history
            .exercise_sets_from(tx, m.id, exercise, (i64::MIN, 0), &mut |w, s| {
                if s.id != skip
                    && let Some(e) = s.e1rm()
                {
                    candidates.push((e, s.id, w, s.completed_at));
                }
                Ok(true)
            })?;
        for c in candidates {
            if best.is_some_and(|b| b.0 >= c.0) {
                continue;
            }
            if Flag::counts(tx.flag(m.id, c.1)?.map(|f| f.1)) {
                best = Some(c);
            }
        }
        let bw = self.history.body_weight(tx, m.id)?.unwrap_or(0.0);
        self.put_e1rm(
            tx,
            m,
            exercise,
            best.map(|(e, id, w, at)| ((e, id, w, bw), at)),
        )
    }

    fn put_e1rm(
        &self,
        tx: &Tx,
        m: &Member,
        exercise: &str,
        best: Option<(store::Best, i64)>,
    ) -> Result<(), AppError> {
        store::put_best_e1rm(tx, m.id, exercise, best.map(|(b, _)| b))?;
        let (abs, rel) = (e1rm_board(exercise, false), e1rm_board(exercise, true));
        let mut boards = store::Boards::new(tx);
        match best {
            Some(((e, _, _, bw), at)) => {
                let listed = m.s.listed();
                boards.put(&abs, m.id, (e * 100.0).round() as u64, None, at, listed)?;
                if bw > 0.0 {
                    let r = (e / bw * 1000.0).round() as u64;
                    boards.put(&rel, m.id, r, None, at, listed)?;
                } else {
                    boards.delete(&rel, m.id)?;
                }
            }
            None => {
                boards.delete(&abs, m.id)?;
                boards.delete(&rel, m.id)?;
            }
        }
        Ok(())
    }

    /// Adds (`sign` 1) or removes (−1) what a counted set contributes to volume, bests and
    /// challenges (`joined`: the member's challenge entries).
    #[allow(clippy::too_many_arguments)]
    fn contribute(
        &self,
        tx: &Tx,
        m: &mut Member,
        joined: &[Joined],
        workout: u128,
        s: &WorkoutSet,
        sign: i64,
        now: i64,
    ) -> Result<(), AppError> {
        let volume = s.volume();
        if volume > 0.0 {
            m.s.volume_kg = (m.s.volume_kg + sign as f64 * volume).max(0.0);
            let tenths = (volume * 10.0).round() as i64 * sign;
            add_score(
                tx,
                period_boards("volume", s.completed_at, &self.gym_tz()),
                m,
                tenths,
                s.completed_at,
            )?;
        }
        if let Some(e) = s.e1rm() {
            let best = tx.best_e1rm(m.id, &s.exercise_id)?;
            if sign > 0 && best.is_none_or(|b| e > b.0) {
                let bw = self.history.body_weight(tx, m.id)?.unwrap_or(0.0);
                let best = ((e, s.id, workout, bw), s.completed_at);
                self.put_e1rm(tx, m, &s.exercise_id, Some(best))?;
            } else if sign < 0 && best.is_some_and(|b| b.1 == s.id) {
                self.recompute_e1rm(tx, m, &s.exercise_id, s.id)?;
            }
        }
        self.update_challenges(
            tx,
            m,
            joined,
            s.completed_at,
            now,
            &mut |c| match &c.metric {
                ChallengeMetric::Volume if volume > 0.0 => {
                    Some(Change::Add((volume * 10.0).round() as i64 * sign))
                }
                ChallengeMetric::ExerciseSets { exercise_id }
                    if *exercise_id == s.exercise_id && is_working(s) =>
                {
                    Some(Change::Add(sign))
                }
                ChallengeMetric::Distance => s
                    .distance_m
                    .filter(|d| *d > 0.0)
                    .map(|d| Change::Add(d.round() as i64 * sign)),
                _ => None,
            },
        )
    }

    /// Applies `change` to the member's challenges (of `joined`, their entries) running at `at`
    /// that are not yet frozen.
    fn update_challenges(
        &self,
        tx: &Tx,
        m: &Member,
        joined: &[Joined],
        at: i64,
        now: i64,
        change: &mut dyn FnMut(&Challenge) -> Option<Change>,
    ) -> Result<(), AppError> {
        for &(id, start, end) in joined {
            if at < start || at >= end || now >= end {
                continue;
            }
            let Some(c) = tx.challenge(id)? else { continue };
            if c.final_results.is_some() {
                continue;
            }
            let Some(ch) = change(&c) else { continue };
            let board = c.board();
            let cur = tx.score(&board, m.id)?.map_or(0, |s| s.0);
            let next = match ch {
                Change::Add(d) => (cur as i64).saturating_add(d).max(0) as u64,
                Change::Set(v) => v,
            };
            store::put_score(tx, &board, m.id, next, c.goal_score(), now, m.s.listed())?;
        }
        Ok(())
    }

    /// The member's active days inside a challenge window, in their own time zone.
    fn active_days_in(&self, tx: &Tx, m: &Member, c: &Challenge) -> Result<u32, AppError> {
        let (from, to) = (
            local_day(c.starts_at, &m.tz),
            local_day(c.ends_at - 1, &m.tz),
        );
        tx.active_days(m.id, from, to)
    }

    fn refresh_active_days(
        &self,
        tx: &Tx,
        m: &Member,
        joined: &[Joined],
        at: i64,
        now: i64,
    ) -> Result<(), AppError> {
        let mut wanted: Vec<(u128, u32)> = Vec::new();
        for &(id, start, end) in joined {
            if at < start || at >= end || now >= end {
                continue;
            }
            if let Some(c) = tx.challenge(id)?
                && c.metric == ChallengeMetric::ActiveDays
            {
                wanted.push((id, self.active_days_in(tx, m, &c)?));
            }
        }
        if wanted.is_empty() {
            return Ok(());
        }
        self.update_challenges(tx, m, joined, at, now, &mut |c| {
            wanted
                .iter()
                .find(|(id, _)| *id == c.id)
                .map(|(_, n)| Change::Set(u64::from(*n)))
        })
    }

    /// The member's current weekly streak (weeks) and the months whose freeze is spent.
    pub(super) fn streak(
        &self,
        tx: &impl store::Reader,
        user: u128,
        tz: &TimeZone,
        now: i64,
    ) -> Result<(u32, Vec<Day>), AppError> {
        let this_week = week_of(local_day(now, tz));
        let mut span = 53 * 7;
        loop {
            let active = tx.active_weeks(user, this_week - span, this_week)?;
            let (n, frozen) = rules::week_streak(&active, this_week);
            // Done unless the streak may run on past what was read.
            if i64::from(n) + 8 < i64::from(span / 7) || span > 40 * 366 {
                return Ok((n, frozen));
            }
            span *= 2;
        }
    }

    fn set_added(
        &self,
        tx: &Tx,
        m: &mut Member,
        workout: u128,
        s: &WorkoutSet,
        now: i64,
        replay: bool,
    ) -> Result<(), AppError> {
        store::bump_day(tx, m.id, local_day(s.completed_at, &m.tz), 1)?;
        let joined = tx.joined(m.id)?;
        self.refresh_active_days(tx, m, &joined, s.completed_at, now)?;
        let existing = tx.flag(m.id, s.id)?.map(|f| f.1);
        let flag = match existing {
            Some(Flag::Voided) => Some(Flag::Voided),
            Some(f) if replay => Some(f),
            _ => {
                let best = tx.best_e1rm(m.id, &s.exercise_id)?.map(|b| b.0);
                rules::implausible(s, best).then_some(Flag::Flagged)
            }
        };
        if flag != existing {
            store::set_flag(tx, m.id, s.id, flag.map(|f| (workout, f)), now)?;
        }
        if Flag::counts(flag) {
            self.contribute(tx, m, &joined, workout, s, 1, now)?;
        }
        Ok(())
    }

    fn set_removed(
        &self,
        tx: &Tx,
        m: &mut Member,
        workout: u128,
        s: &WorkoutSet,
        now: i64,
        deleted: bool,
    ) -> Result<(), AppError> {
        store::bump_day(tx, m.id, local_day(s.completed_at, &m.tz), -1)?;
        let joined = tx.joined(m.id)?;
        self.refresh_active_days(tx, m, &joined, s.completed_at, now)?;
        let flag = tx.flag(m.id, s.id)?.map(|f| f.1);
        if Flag::counts(flag) {
            self.contribute(tx, m, &joined, workout, s, -1, now)?;
        }
        if deleted {
            self.take_xp(tx, m, s.id)?;
            if flag.is_some() {
                store::set_flag(tx, m.id, s.id, None, now)?;
            }
            m.s.records = m.s.records.saturating_sub(u32::from(s.is_record));
        }
        Ok(())
    }

    /// A workout became finished (`sign` 1) or stopped being (−1, also when deleted).
    fn finished(
        &self,
        tx: &Tx,
        m: &mut Member,
        w: &Workout,
        sign: i64,
        now: i64,
    ) -> Result<(), AppError> {
        let Some(end) = w.finished_at else {
            return Ok(());
        };
        let step = |v: u32| (i64::from(v) + sign).max(0) as u32;
        m.s.workouts = step(m.s.workouts);
        let hour = local_hour(w.started_at, &m.tz);
        if hour < EARLY_BEFORE_HOUR {
            m.s.early_workouts = step(m.s.early_workouts);
        }
        if hour >= LATE_FROM_HOUR {
            m.s.late_workouts = step(m.s.late_workouts);
        }
        store::bump_week(tx, m.id, week_of(local_day(end, &m.tz)), sign)?;
        add_score(
            tx,
            period_boards("sessions", end, &self.gym_tz()),
            m,
            sign,
            end,
        )?;
        let (streak, _) = self.streak(tx, m.id, &m.tz, now)?;
        if sign > 0 {
            m.s.best_streak = m.s.best_streak.max(streak);
        }
        let joined = tx.joined(m.id)?;
        self.update_challenges(tx, m, &joined, end, now, &mut |c| match c.metric {
            ChallengeMetric::Sessions => Some(Change::Add(sign)),
            _ => None,
        })?;
        // The streak counts whenever it changes during the challenge, whenever the workout was.
        self.update_challenges(tx, m, &joined, now, now, &mut |c| match c.metric {
            ChallengeMetric::Streak => Some(Change::Set(u64::from(streak))),
            _ => None,
        })
    }

    /// Awards every badge the member's counters reached and they do not hold yet.
    pub(super) fn award_badges(
        &self,
        tx: &Tx,
        m: &mut Member,
        now: i64,
        challenge: Option<u128>,
    ) -> Result<(), AppError> {
        let held = tx.badges_of(m.id)?;
        for b in rules::BADGES {
            let value = m.s.counter(b.counter);
            let have = held.iter().find(|h| h.0 == b.id);
            let due = if b.repeatable {
                let times = (value / b.goal).floor() as u32;
                (times > have.map_or(0, |h| h.1)).then_some(times)
            } else {
                (value >= b.goal && have.is_none()).then_some(1)
            };
            let Some(count) = due else { continue };
            let award = Award {
                id: ids::new_id(),
                user: m.id,
                badge: b.id.to_owned(),
                count,
                challenge: challenge.filter(|_| {
                    matches!(
                        b.counter,
                        rules::Counter::ChallengesFinished | rules::Counter::ChallengesWon
                    )
                }),
                at: now,
            };
            store::put_badge(tx, &award, have.map_or(now, |h| h.2))?;
            if m.announce
                && let Some(bus) = self.bus.get().and_then(crate::events::WeakBus::upgrade)
            {
                bus.publish(
                    tx,
                    &Event::BadgeEarned {
                        user: m.id,
                        award: award.id,
                        at: now,
                    },
                )?;
            }
        }
        Ok(())
    }

    /// Awards the badges a change of the member's counters from `before` made due (reading the
    /// badges they hold only when a counter reached a goal).
    pub(super) fn award_if_due(
        &self,
        tx: &Tx,
        m: &mut Member,
        before: &Standing,
        now: i64,
    ) -> Result<(), AppError> {
        if rules::may_earn(before, &m.s) {
            self.award_badges(tx, m, now, None)?;
        }
        Ok(())
    }

    /// Applies one training change; `so_far` says which sets the earlier reactors found to be
    /// records.
    fn apply(&self, tx: &Tx, event: &Event<'_>, so_far: &Effects) -> Result<(), AppError> {
        let now = ids::now();
        let mut m = match *event {
            Event::UserDeleted { user } => return store::delete_user(tx, user),
            Event::ProfileShared { user, shared } => {
                let m = self.member(tx, user, None, Some(shared))?;
                return self.save(tx, &m);
            }
            Event::PlanCompleted { member, .. } => {
                let mut m = self.member(tx, member, None, None)?;
                m.s.plans_completed += 1;
                self.award_badges(tx, &mut m, now, None)?;
                return self.save(tx, &m);
            }
            Event::WorkoutCreated { owner, .. }
            | Event::WorkoutChanged { owner, .. }
            | Event::WorkoutDeleted { owner, .. }
            | Event::SetLogged { owner, .. }
            | Event::SetChanged { owner, .. }
            | Event::SetDeleted { owner, .. } => self.load(tx, owner)?,
            Event::RoleChanged { .. }
            | Event::CoachingRequested { .. }
            | Event::PlanAssigned { .. }
            | Event::PlanChanged { .. }
            | Event::BadgeEarned { .. }
            | Event::ResultVoided { .. }
            | Event::Audited { .. }
            | Event::Used { .. }
            | Event::FeedbackAnswered { .. } => return Ok(()),
        };
        let before = m.s.clone();
        match *event {
            Event::SetLogged { workout, set, .. } => {
                if is_working(set) && earns_xp(set.completed_at, now) {
                    self.grant_xp(tx, &mut m, set.id, set.completed_at, XP_PER_SET)?;
                }
                self.set_added(tx, &mut m, workout.id, set, now, false)?;
                m.s.records += u32::from(so_far.is_record(set.id));
            }
            Event::SetChanged {
                workout, old, new, ..
            } => {
                self.set_removed(tx, &mut m, workout.id, old, now, false)?;
                self.set_added(tx, &mut m, workout.id, new, now, false)?;
                m.s.records = m.s.records.saturating_sub(u32::from(old.is_record))
                    + u32::from(so_far.is_record(new.id));
                let had = store::xp_of(tx, m.id, new.id)?.is_some();
                if had && !is_working(new) {
                    self.take_xp(tx, &mut m, new.id)?;
                } else if !had && is_working(new) && earns_xp(new.completed_at, now) {
                    self.grant_xp(tx, &mut m, new.id, new.completed_at, XP_PER_SET)?;
                }
            }
            Event::SetDeleted { workout, set, .. } => {
                self.set_removed(tx, &mut m, workout.id, set, now, true)?
            }
            Event::WorkoutCreated { workout, .. } => {
                self.finished(tx, &mut m, workout, 1, now)?;
                self.workout_xp(tx, &mut m, workout, now)?;
            }
            Event::WorkoutChanged { old, new, .. } => {
                if old.finished_at != new.finished_at || old.started_at != new.started_at {
                    self.finished(tx, &mut m, old, -1, now)?;
                    self.finished(tx, &mut m, new, 1, now)?;
                }
                if old.finished_at.is_some() && new.finished_at.is_none() {
                    self.take_xp(tx, &mut m, new.id)?;
                } else if old.finished_at.is_none() {
                    self.workout_xp(tx, &mut m, new, now)?;
                }
            }
            Event::WorkoutDeleted { workout, sets, .. } => {
                for s in sets {
                    self.set_removed(tx, &mut m, workout.id, s, now, true)?;
                }
                self.finished(tx, &mut m, workout, -1, now)?;
                self.take_xp(tx, &mut m, workout.id)?;
            }
            _ => {}
        }
        // A badge is earned when the training that earned it was done (a workout entered
        // afterwards does not put its badge at the top of the feed).
        let when = match *event {
            Event::SetLogged { set, .. } => set.completed_at,
            Event::SetChanged { new, .. } => new.completed_at,
            Event::WorkoutCreated { workout, .. } => workout.finished_at.unwrap_or(now),
            Event::WorkoutChanged { new, .. } => new.finished_at.unwrap_or(now),
            _ => now,
        };
        self.award_if_due(tx, &mut m, &before, when.min(now))?;
        self.save(tx, &m)
    }

    fn workout_xp(&self, tx: &Tx, m: &mut Member, w: &Workout, now: i64) -> Result<(), AppError> {
        match w.finished_at {
            Some(end) if w.set_count > 0 && earns_xp(end, now) => {
                self.grant_xp(tx, m, w.id, end, XP_PER_WORKOUT)
            }
            _ => Ok(()),
        }
    }

    /// Recomputes a member's derived rows from their history in one transaction: counters,
    /// weeks, days, bests, training boards and the challenges they joined; awards the badges
    /// the history earns (without feed items). The XP ledger, flags, badges already held and
    /// the opt-out stay. Returns the number of sets replayed.
    pub(super) fn replay_user(&self, tx: &Tx, owner: &Owner) -> Result<u64, AppError> {
        let now = ids::now();
        store::clear_derived(tx, owner.id)?;
        let mut m = self.load(tx, owner)?;
        let keep = m.s.clone();
        m.s = Standing {
            xp: keep.xp,
            opt_out: keep.opt_out,
            shared: keep.shared,
            plans_completed: keep.plans_completed,
            challenges_finished: keep.challenges_finished,
            challenges_won: keep.challenges_won,
            best_streak: 0,
            ..Standing::default()
        };
        m.announce = false;
        let mut sets = 0;
        for w in self.history.workouts_of(tx, owner.id)? {
            for s in self.history.sets_of(tx, w.id)? {
                store::bump_day(tx, m.id, local_day(s.completed_at, &m.tz), 1)?;
                let flag = match tx.flag(m.id, s.id)?.map(|f| f.1) {
                    Some(f) => Some(f),
                    None => {
                        let best = tx.best_e1rm(m.id, &s.exercise_id)?.map(|b| b.0);
                        let f = rules::implausible(&s, best).then_some(Flag::Flagged);
                        if let Some(f) = f {
                            store::set_flag(tx, m.id, s.id, Some((w.id, f)), now)?;
                        }
                        f
                    }
                };
                if Flag::counts(flag) {
                    // Challenges are recomputed below, from the replayed rows.
                    self.contribute_replay(tx, &mut m, w.id, &s)?;
                }
                m.s.records += u32::from(s.is_record);
                sets += 1;
            }
            if let Some(end) = w.finished_at {
                m.s.workouts += 1;
                let hour = local_hour(w.started_at, &m.tz);
                m.s.early_workouts += u32::from(hour < EARLY_BEFORE_HOUR);
                m.s.late_workouts += u32::from(hour >= LATE_FROM_HOUR);
                store::bump_week(tx, m.id, week_of(local_day(end, &m.tz)), 1)?;
                add_score(
                    tx,
                    period_boards("sessions", end, &self.gym_tz()),
                    &m,
                    1,
                    end,
                )?;
                // The longest streak so far, as of the week this workout finished.
                let (n, _) = self.streak(tx, m.id, &m.tz, end)?;
                m.s.best_streak = m.s.best_streak.max(n);
            }
        }
        for (id, _, _) in tx.joined(m.id)? {
            if let Some(c) = tx.challenge(id)?
                && c.final_results.is_none()
            {
                let v = self.value_from_history(tx, &m, &c, now)?;
                store::put_score(tx, &c.board(), m.id, v, c.goal_score(), now, m.s.listed())?;
            }
        }
        self.award_badges(tx, &mut m, now, None)?;
        self.save(tx, &m)?;
        Ok(sets)
    }

    /// A counted set's volume and best, while replaying (no challenges: they follow).
    fn contribute_replay(
        &self,
        tx: &Tx,
        m: &mut Member,
        workout: u128,
        s: &WorkoutSet,
    ) -> Result<(), AppError> {
        let volume = s.volume();
        if volume > 0.0 {
            m.s.volume_kg += volume;
            add_score(
                tx,
                period_boards("volume", s.completed_at, &self.gym_tz()),
                m,
                (volume * 10.0).round() as i64,
                s.completed_at,
            )?;
        }
        if let Some(e) = s.e1rm()
            && tx.best_e1rm(m.id, &s.exercise_id)?.is_none_or(|b| e > b.0)
        {
            let bw = self.history.body_weight(tx, m.id)?.unwrap_or(0.0);
            let best = ((e, s.id, workout, bw), s.completed_at);
            self.put_e1rm(tx, m, &s.exercise_id, Some(best))?;
        }
        Ok(())
    }

    /// A member's score in a challenge from their history (when they join, and on replay).
    pub(super) fn value_from_history(
        &self,
        tx: &Tx,
        m: &Member,
        c: &Challenge,
        now: i64,
    ) -> Result<u64, AppError> {
        let start = c.starts_at;
        match &c.metric {
            ChallengeMetric::ActiveDays => return Ok(u64::from(self.active_days_in(tx, m, c)?)),
            ChallengeMetric::Streak => {
                if now < c.starts_at {
                    return Ok(0);
                }
                return Ok(u64::from(
                    self.streak(tx, m.id, &m.tz, now.min(c.ends_at - 1))?.0,
                ));
            }
            _ => {}
        }
        let mut total: i64 = 0;
        // Workouts run at most a day; one that started the day before may finish inside.
        for w in self
            .history
            .workouts_between(tx, m.id, start - 86_400, c.ends_at)?
        {
            if c.metric == ChallengeMetric::Sessions {
                if w.finished_at.is_some_and(|f| f >= start && f < c.ends_at) {
                    total += 1;
                }
                continue;
            }
            for s in self.history.sets_of(tx, w.id)? {
                if s.completed_at < start || s.completed_at >= c.ends_at {
                    continue;
                }
                if !Flag::counts(tx.flag(m.id, s.id)?.map(|f| f.1)) {
                    continue;
                }
                total += match &c.metric {
                    ChallengeMetric::Volume => (s.volume() * 10.0).round() as i64,
                    ChallengeMetric::ExerciseSets { exercise_id } => {
                        i64::from(*exercise_id == s.exercise_id && is_working(&s))
                    }
                    ChallengeMetric::Distance => s.distance_m.map_or(0, |d| d.round() as i64),
                    _ => 0,
                };
            }
        }
        Ok(total.max(0) as u64)
    }

    /// A member confirms (`confirm`) a flagged set, or a moderator voids or restores one.
    pub(super) fn reflag(
        &self,
        tx: &Tx,
        m: &mut Member,
        workout: u128,
        s: &WorkoutSet,
        to: Option<Flag>,
        now: i64,
    ) -> Result<(), AppError> {
        let from = tx.flag(m.id, s.id)?.map(|f| f.1);
        let (was, will) = (Flag::counts(from), Flag::counts(to));
        store::set_flag(tx, m.id, s.id, to.map(|f| (workout, f)), now)?;
        let joined = tx.joined(m.id)?;
        if was && !will {
            self.contribute(tx, m, &joined, workout, s, -1, now)?;
        } else if !was && will {
            self.contribute(tx, m, &joined, workout, s, 1, now)?;
        }
        Ok(())
    }
}

impl Reactor for Gamification {
    fn react(&self, tx: &Tx, event: &Event<'_>) -> Result<Effects, AppError> {
        self.react_with(tx, event, &Effects::default())
    }

    fn react_with(
        &self,
        tx: &Tx,
        event: &Event<'_>,
        so_far: &Effects,
    ) -> Result<Effects, AppError> {
        self.apply(tx, event, so_far)?;
        Ok(Effects::default())
    }
}
