//! Plans (programs): create, edit with concurrent-edit detection, fork, assign, today's workout.

use super::*;
use crate::access::{Ties, may_see, ties_of};
use crate::accounts::model::{Role, Status, User};
use crate::error::FieldError;
use crate::events::Event;
use crate::storage::ids::{new_id, now};
use crate::training::model::{
    Assignment, LoadTarget, Plan, PlanDay, PlanWeek, RepsTarget, Visibility,
};

use crate::training::limits::{
    self, PLAN_BYTES, PLAN_DAY_EXERCISES as MAX_EXERCISES, PLAN_DAYS as MAX_DAYS,
    PLAN_EXERCISE_SETS as MAX_SETS, PLAN_EXERCISES, PLAN_SETS, PLAN_WEEKS as MAX_WEEKS,
    PLANS_PER_MEMBER,
};

#[derive(Debug, Clone, Default)]
pub struct PlanInput {
    pub title: Option<String>,
    pub description: Option<String>,
    pub tags: Option<Vec<String>>,
    pub goal: Option<Option<String>>,
    pub visibility: Option<Visibility>,
    pub weeks: Option<Vec<PlanWeek>>,
}

/// The next plan day of a member's newest assignment.
#[derive(Debug, Clone)]
pub struct Today {
    pub assignment: Assignment,
    pub plan: Plan,
    /// `None` when every day of the plan is done.
    pub next: Option<(usize, usize)>,
    pub total_days: usize,
    /// True when the start date is still ahead.
    pub not_started: bool,
}

pub const GOALS: &[&str] = &[
    "strength",
    "hypertrophy",
    "endurance",
    "weight_loss",
    "general",
];

/// Parses `YYYY-MM-DD`.
pub fn parse_date(field: &str, s: &str) -> Result<time::Date, AppError> {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(s, &fmt).map_err(|_| AppError::invalid(field, "Use a date like 2026-11-25."))
}

impl Training {
    pub(super) fn check_plan(&self, p: &Plan) -> Vec<FieldError> {
        let mut errs = Vec::new();
        let t = |field: &str, v: &str, max: usize, nl: bool, errs: &mut Vec<FieldError>| {
            if let Err(e) = crate::accounts::validate::text(field, v, max, nl) {
                errs.push(e);
            }
        };
        if p.title.trim().is_empty() {
            errs.push(FieldError::new("title", "Give the plan a title."));
        }
        t("title", &p.title, 120, false, &mut errs);
        t("description", &p.description, 5000, true, &mut errs);
        if p.tags.len() > 10
            || p.tags
                .iter()
                .any(|x| x.is_empty() || x.chars().count() > 32)
        {
            errs.push(FieldError::new(
                "tags",
                "Use at most 10 tags of 1 to 32 characters.",
            ));
        }
        if let Some(g) = &p.goal
            && !GOALS.contains(&g.as_str())
        {
            errs.push(FieldError::new(
                "goal",
                format!("Use one of: {}.", GOALS.join(", ")),
            ));
        }
        if p.weeks.is_empty() || p.weeks.len() > MAX_WEEKS {
            errs.push(FieldError::new(
                "weeks",
                format!("A plan has 1 to {MAX_WEEKS} weeks."),
            ));
        }
        let entries: usize = p
            .weeks
            .iter()
            .flat_map(|w| &w.days)
            .map(|d| d.exercises.len())
            .sum();
        if entries > PLAN_EXERCISES {
            errs.push(FieldError::new(
                "weeks",
                format!("A plan holds at most {PLAN_EXERCISES} exercises over all its days; split it into shorter plans."),
            ));
        }
        let sets: usize = p
            .weeks
            .iter()
            .flat_map(|w| &w.days)
            .flat_map(|d| &d.exercises)
            .map(|e| e.sets.len())
            .sum();
        if sets > PLAN_SETS {
            errs.push(FieldError::new(
                "weeks",
                format!("A plan holds at most {PLAN_SETS} sets over all its days; split it into shorter plans."),
            ));
        }
        if !errs.is_empty() {
            // Structure this far out of bounds is not worth checking field by field.
            return errs;
        }
        for (w, week) in p.weeks.iter().enumerate() {
            let at = format!("weeks[{w}]");
            if week.days.is_empty() || week.days.len() > MAX_DAYS {
                errs.push(FieldError::new(
                    &format!("{at}.days"),
                    format!("A week has 1 to {MAX_DAYS} training days."),
                ));
            }
            for (d, day) in week.days.iter().enumerate() {
                self.check_day(&format!("{at}.days[{d}]"), day, &mut errs);
            }
        }
        errs
    }

    fn check_day(&self, at: &str, day: &PlanDay, errs: &mut Vec<FieldError>) {
        if day.name.trim().is_empty() || day.name.chars().count() > 80 {
            errs.push(FieldError::new(
                &format!("{at}.name"),
                "Name the day (1 to 80 characters).",
            ));
        }
        if day.notes.chars().count() > 2000 {
            errs.push(FieldError::new(
                &format!("{at}.notes"),
                "Use at most 2000 characters.",
            ));
        }
        if day.exercises.is_empty() || day.exercises.len() > MAX_EXERCISES {
            errs.push(FieldError::new(
                &format!("{at}.exercises"),
                format!("A day has 1 to {MAX_EXERCISES} exercises."),
            ));
        }
        for (i, ex) in day.exercises.iter().enumerate() {
            let at = format!("{at}.exercises[{i}]");
            if ex.sets.is_empty() || ex.sets.len() > MAX_SETS {
                errs.push(FieldError::new(
                    &format!("{at}.sets"),
                    format!("An exercise has 1 to {MAX_SETS} sets."),
                ));
            }
            if ex.notes.chars().count() > 1000 {
                errs.push(FieldError::new(
                    &format!("{at}.notes"),
                    "Use at most 1000 characters.",
                ));
            }
            if ex
                .superset
                .as_ref()
                .is_some_and(|s| s.is_empty() || s.chars().count() > 8)
            {
                errs.push(FieldError::new(
                    &format!("{at}.superset"),
                    "Use a short group label such as A or B.",
                ));
            }
            for (j, s) in ex.sets.iter().enumerate() {
                let at = format!("{at}.sets[{j}]");
                match s.reps {
                    Some(RepsTarget::Exact { reps }) if reps == 0 || reps > 1000 => {
                        errs.push(FieldError::new(
                            &format!("{at}.reps"),
                            "Use 1 to 1000 reps.",
                        ));
                    }
                    Some(RepsTarget::Range { min, max }) if min == 0 || min > max || max > 1000 => {
                        errs.push(FieldError::new(
                            &format!("{at}.reps"),
                            "Use a range like 8–12 (min ≤ max ≤ 1000).",
                        ));
                    }
                    _ => {}
                }
                match s.load {
                    Some(LoadTarget::Kg { kg }) if !(0.0..=1000.0).contains(&kg) => {
                        errs.push(FieldError::new(&format!("{at}.load"), "Use 0 to 1000 kg."));
                    }
                    Some(LoadTarget::PercentE1rm { percent })
                        if !(1.0..=150.0).contains(&percent) =>
                    {
                        errs.push(FieldError::new(
                            &format!("{at}.load"),
                            "Use 1 to 150 % of the estimated 1RM.",
                        ));
                    }
                    Some(LoadTarget::Rpe { rpe }) if !(1.0..=10.0).contains(&rpe) => {
                        errs.push(FieldError::new(
                            &format!("{at}.load"),
                            "Use an RPE from 1 to 10.",
                        ));
                    }
                    _ => {}
                }
                if s.rest_s.is_some_and(|r| r > 3600) {
                    errs.push(FieldError::new(
                        &format!("{at}.rest_s"),
                        "Use at most 3600 seconds of rest.",
                    ));
                }
                if s.duration_s.is_some_and(|r| r > 86_400) {
                    errs.push(FieldError::new(
                        &format!("{at}.duration_s"),
                        "Use at most 24 hours.",
                    ));
                }
                if s.distance_m
                    .is_some_and(|r| !(0.0..=1_000_000.0).contains(&r))
                {
                    errs.push(FieldError::new(
                        &format!("{at}.distance_m"),
                        "Use 0 to 1000 km.",
                    ));
                }
            }
        }
    }

    /// Refuses a plan that would take more than `PLAN_BYTES` to store (and about as much to
    /// send to every reader).
    pub(super) fn check_size(&self, p: &Plan) -> Result<(), AppError> {
        if crate::storage::codec::encode(p).len() > PLAN_BYTES {
            return Err(AppError::TooLarge(format!(
                "This plan would take more than {} KiB to store; shorten its notes or split it into shorter plans.",
                PLAN_BYTES / 1024
            )));
        }
        Ok(())
    }

    /// Refuses a new plan for a member who already owns `PLANS_PER_MEMBER`.
    pub(super) fn check_plan_count(tx: &crate::storage::Tx, owner: u128) -> Result<(), AppError> {
        if store::plan_count(tx, owner, PLANS_PER_MEMBER)? >= PLANS_PER_MEMBER {
            return Err(limits::reached(
                "plans",
                PLANS_PER_MEMBER,
                "delete plans you no longer use to add new ones.",
            ));
        }
        Ok(())
    }

    /// Checks that every exercise of the plan exists and `owner` may use it.
    async fn check_exercises(&self, owner: u128, p: &Plan) -> Result<(), AppError> {
        let mut errs = Vec::new();
        for (w, d, day) in p.sequence() {
            for (i, ex) in day.exercises.iter().enumerate() {
                if self
                    .exercise_for(Some(owner), &ex.exercise_id)
                    .await
                    .is_err()
                {
                    errs.push(FieldError::new(
                        &format!("weeks[{w}].days[{d}].exercises[{i}].exercise_id"),
                        format!("There is no exercise '{}' you may use.", ex.exercise_id),
                    ));
                }
            }
        }
        if errs.is_empty() {
            Ok(())
        } else {
            Err(AppError::Validation(errs))
        }
    }

    fn apply_plan(p: &mut Plan, input: PlanInput) {
        if let Some(x) = input.title {
            p.title = x.trim().to_owned();
        }
        if let Some(x) = input.description {
            p.description = x.trim().to_owned();
        }
        if let Some(x) = input.tags {
            let mut tags: Vec<String> = x.into_iter().map(|t| t.trim().to_lowercase()).collect();
            tags.dedup();
            p.tags = tags;
        }
        if let Some(x) = input.goal {
            p.goal = x;
        }
        if let Some(x) = input.visibility {
            p.visibility = x;
        }
        if let Some(x) = input.weeks {
            p.weeks = x;
        }
    }

    pub async fn create_plan(
        &self,
        user: &User,
        input: PlanInput,
        idempotency_key: Option<IdempotencyKey>,
    ) -> Result<(Plan, bool), AppError> {
        if let Some(id) = self.replay(user.id, idempotency_key.as_ref()).await? {
            return Ok((self.plan(user, id).await?, false));
        }
        let t = now();
        let mut p = Plan {
            id: new_id(),
            owner_id: user.id,
            title: String::new(),
            description: String::new(),
            tags: Vec::new(),
            goal: None,
            visibility: Visibility::Private,
            weeks: Vec::new(),
            forked_from: None,
            created_at: t,
            updated_at: t,
            version: 1,
        };
        Self::apply_plan(&mut p, input);
        let errs = self.check_plan(&p);
        if !errs.is_empty() {
            return Err(AppError::Validation(errs));
        }
        self.check_exercises(user.id, &p).await?;
        self.check_size(&p)?;
        let (rec, uid, bus) = (p.clone(), user.id, self.bus.clone());
        self.store
            .write(move |tx| {
                Self::check_plan_count(tx, uid)?;
                store::put_plan(tx, &rec)?;
                bus.publish(
                    tx,
                    &Event::PlanChanged {
                        old: None,
                        new: Some(&rec),
                    },
                )?;
                if let Some(k) = &idempotency_key {
                    store::remember_idempotent(tx, uid, &k.key, &k.body, rec.id)?;
                }
                Ok(())
            })
            .await?;
        Ok((p, true))
    }

    /// Moderation: makes a reported plan private (its author and the members it is assigned
    /// to by its author still see it). The caller must have checked that an administrator asks.
    pub async fn hide_plan(&self, id: u128) -> Result<Plan, AppError> {
        let bus = self.bus.clone();
        self.store
            .write(move |tx| {
                let old = store::plan(tx, id)?.ok_or_else(|| {
                    AppError::NotFound(
                        "The reported plan is gone already; dismiss the report.".into(),
                    )
                })?;
                let mut p = old.clone();
                p.visibility = Visibility::Private;
                p.version += 1;
                store::put_plan(tx, &p)?;
                bus.publish(
                    tx,
                    &Event::PlanChanged {
                        old: Some(&old),
                        new: Some(&p),
                    },
                )?;
                Ok(p)
            })
            .await
    }

    /// The plan if `viewer` may see it: see [`may_read_plan`].
    pub async fn plan(&self, viewer: &User, id: u128) -> Result<Plan, AppError> {
        self.plan_for(Some(viewer), id).await
    }

    /// [`Self::plan`] for a viewer who may be signed out (`None`: public plans only).
    pub async fn plan_for(&self, viewer: Option<&User>, id: u128) -> Result<Plan, AppError> {
        let viewer = viewer.cloned();
        let relations = self.relations.clone();
        self.store
            .read(move |tx| match store::plan(tx, id)? {
                Some(p) => {
                    let ties = plan_ties(ties_of(&*relations, tx, viewer.as_ref(), p.owner_id)?);
                    if may_read_plan(tx, viewer.as_ref(), &p, ties)? {
                        Ok(p)
                    } else {
                        Err(not_found("plan"))
                    }
                }
                None => Err(not_found("plan")),
            })
            .await
    }

    /// The caller's own plans, newest first.
    pub async fn own_plans(
        &self,
        user: &User,
        after: Option<u128>,
        limit: usize,
    ) -> Result<(Vec<Plan>, Option<u128>), AppError> {
        let uid = user.id;
        self.store
            .read(move |tx| {
                let mut ids = store::plans_of(tx, uid)?;
                ids.reverse();
                let ids: Vec<u128> = ids
                    .into_iter()
                    .filter(|id| after.is_none_or(|a| *id < a))
                    .take(limit + 1)
                    .collect();
                plan_page(tx, &ids, limit)
            })
            .await
    }

    /// Plans every member may see (`members` or `public`), the caller's own included, newest
    /// first: the gym's shared list, read from its own table, never a scan of all plans.
    pub async fn shared_plans(
        &self,
        before: Option<u128>,
        limit: usize,
    ) -> Result<(Vec<Plan>, Option<u128>), AppError> {
        self.store
            .read(move |tx| {
                let ids = tx.shared_plan_ids(before, limit + 1)?;
                plan_page(tx, &ids, limit)
            })
            .await
    }

    /// Edits a plan (owner only); `if_match` is the version the editor started from. With
    /// `if_match` a concurrent save is refused (412); without it the edit applies to whatever
    /// is stored when it is written, so it never fails because of a race.
    pub async fn update_plan(
        &self,
        user: &User,
        id: u128,
        input: PlanInput,
        if_match: Option<u64>,
    ) -> Result<Plan, AppError> {
        let mut p = self.plan(user, id).await?;
        if p.owner_id != user.id {
            return Err(AppError::forbidden(
                "Only the author can change this plan; fork it to make your own copy.",
            ));
        }
        let base = p.version;
        if if_match.is_some_and(|v| v != base) {
            return Err(stale_plan());
        }
        Self::apply_plan(&mut p, input.clone());
        let errs = self.check_plan(&p);
        if !errs.is_empty() {
            return Err(AppError::Validation(errs));
        }
        self.check_exercises(user.id, &p).await?;
        p.version += 1;
        p.updated_at = now();
        let me = self.clone();
        self.store
            .write(move |tx| {
                let mut current = store::plan(tx, p.id)?.ok_or_else(|| not_found("plan"))?;
                let old = current.clone();
                if current.version == base {
                    me.check_size(&p)?;
                    store::put_plan(tx, &p)?;
                    me.bus.publish(
                        tx,
                        &Event::PlanChanged {
                            old: Some(&old),
                            new: Some(&p),
                        },
                    )?;
                    return Ok(p.clone());
                }
                if if_match.is_some() {
                    return Err(stale_plan());
                }
                // Someone saved in between: apply this edit to what they saved. Exercises
                // were checked above (this edit's weeks) or by their writer (the stored ones).
                Self::apply_plan(&mut current, input.clone());
                let errs = me.check_plan(&current);
                if !errs.is_empty() {
                    return Err(AppError::Validation(errs));
                }
                current.version += 1;
                current.updated_at = now();
                me.check_size(&current)?;
                store::put_plan(tx, &current)?;
                me.bus.publish(
                    tx,
                    &Event::PlanChanged {
                        old: Some(&old),
                        new: Some(&current),
                    },
                )?;
                Ok(current)
            })
            .await
    }

    pub async fn delete_plan(&self, user: &User, id: u128) -> Result<(), AppError> {
        let p = self.plan(user, id).await?;
        if p.owner_id != user.id {
            return Err(AppError::forbidden("Only the author can delete this plan."));
        }
        let bus = self.bus.clone();
        self.store
            .write(move |tx| {
                store::delete_plan(tx, &p)?;
                bus.publish(
                    tx,
                    &Event::PlanChanged {
                        old: Some(&p),
                        new: None,
                    },
                )
                .map(|_| ())
            })
            .await
    }

    /// Copies a plan the caller may see into their own private plans.
    pub async fn fork_plan(&self, user: &User, id: u128) -> Result<Plan, AppError> {
        let src = self.plan(user, id).await?;
        self.check_exercises(user.id, &src).await.map_err(|_| {
            AppError::Problem(
                Code::PlanUsesPrivateExercises,
                "This plan uses another member's private exercises, so it cannot be copied.".into(),
            )
        })?;
        let t = now();
        let p = Plan {
            id: new_id(),
            owner_id: user.id,
            visibility: Visibility::Private,
            forked_from: Some(src.id),
            created_at: t,
            updated_at: t,
            version: 1,
            ..src
        };
        let rec = p.clone();
        self.store
            .write(move |tx| {
                Self::check_plan_count(tx, rec.owner_id)?;
                store::put_plan(tx, &rec)
            })
            .await?;
        Ok(p)
    }

    /// A coach assigns a plan to a member they coach (an active coaching relationship; a
    /// coach may also assign a plan to themselves), starting on `start_date`. The plan must be
    /// the coach's own or one the member may already see: an assignment never widens who may
    /// read someone else's plan. A coach's own plan becomes readable by the member it is
    /// assigned to, because its author chose to share it with them.
    pub async fn assign(
        &self,
        coach: &User,
        plan_id: u128,
        member: &User,
        start_date: &str,
    ) -> Result<Assignment, AppError> {
        if coach.role < Role::Coach {
            return Err(AppError::forbidden(
                "Only coaches and administrators assign plans.",
            ));
        }
        parse_date("start_date", start_date)?;
        let plan = self.plan(coach, plan_id).await?;
        if member.status != Status::Active {
            return Err(AppError::invalid_code(
                "username",
                "user_disabled",
                "This account is disabled.",
            ));
        }
        if plan.owner_id != coach.id
            && !may_see(
                Some(member),
                plan.owner_id,
                plan.visibility,
                Ties::default(),
            )
        {
            return Err(AppError::forbidden(
                "This member may not see this plan and only its author may share it; assign one of your own plans or one shared with the gym.",
            ));
        }
        let a = Assignment {
            id: new_id(),
            plan_id: plan.id,
            coach_id: coach.id,
            member_id: member.id,
            start_date: start_date.to_owned(),
            days_done: 0,
            created_at: now(),
        };
        let rec = a.clone();
        let links = self.links.clone();
        let bus = self.bus.clone();
        self.store
            .write(move |tx| {
                // Checked in the write, so a relationship ended meanwhile cannot be used.
                if rec.coach_id != rec.member_id
                    && !links.coaches_in(tx, rec.coach_id, rec.member_id)?
                {
                    return Err(not_coached());
                }
                store::put_assignment(tx, &rec, true)?;
                bus.publish(
                    tx,
                    &Event::PlanAssigned {
                        coach: rec.coach_id,
                        member: rec.member_id,
                        plan: rec.plan_id,
                    },
                )?;
                Ok(())
            })
            .await?;
        Ok(a)
    }

    /// A member's assignments with their plans, newest first.
    pub async fn assignments(&self, member: &User) -> Result<Vec<(Assignment, Plan)>, AppError> {
        let uid = member.id;
        self.store
            .read(move |tx| {
                let mut out = Vec::new();
                for a in store::assignments_of(tx, uid)?.into_iter().rev() {
                    if let Some(asg) = store::assignment(tx, a)?
                        && let Some(p) = store::plan(tx, asg.plan_id)?
                    {
                        out.push((asg, p));
                    }
                }
                Ok(out)
            })
            .await
    }

    /// Who follows a plan, newest first: every assignment for the plan's author; for anyone
    /// else who may see the plan, the assignments they made or that were made to them; 404 for
    /// a plan the caller may not see.
    pub async fn plan_assignments(
        &self,
        viewer: &User,
        plan_id: u128,
    ) -> Result<Vec<(Assignment, Plan)>, AppError> {
        let plan = self.plan(viewer, plan_id).await?;
        let (vid, all) = (viewer.id, plan.owner_id == viewer.id);
        self.store
            .read(move |tx| {
                let mut out = Vec::new();
                for a in store::assignments_of_plan(tx, plan_id)?.into_iter().rev() {
                    if let Some(asg) = store::assignment(tx, a)?
                        && (all || asg.coach_id == vid || asg.member_id == vid)
                    {
                        out.push((asg, plan.clone()));
                    }
                }
                Ok(out)
            })
            .await
    }

    /// Ends an assignment: the member, the coach who made it, the plan's author, or an
    /// administrator; to anyone else it does not exist.
    pub async fn unassign(&self, user: &User, id: u128) -> Result<(), AppError> {
        let uid = user.id;
        let admin = user.role.is_admin();
        self.store
            .write(move |tx| {
                let a = store::assignment(tx, id)?.ok_or_else(|| not_found("assignment"))?;
                let author = store::plan(tx, a.plan_id)?.is_some_and(|p| p.owner_id == uid);
                if a.member_id != uid && a.coach_id != uid && !author && !admin {
                    return Err(not_found("assignment"));
                }
                store::delete_assignment(tx, &a)
            })
            .await
    }

    /// Today's workout from the newest assignment that has started (or the next one to start).
    pub async fn today(&self, member: &User, date: time::Date) -> Result<Option<Today>, AppError> {
        let list = self.assignments(member).await?;
        let started =
            |a: &Assignment| parse_date("start_date", &a.start_date).is_ok_and(|d| d <= date);
        let pick = list
            .iter()
            .find(|(a, _)| started(a))
            .or_else(|| list.iter().min_by_key(|(a, _)| a.start_date.clone()));
        Ok(pick.map(|(a, p)| {
            let days: Vec<(usize, usize)> = p.sequence().map(|(w, d, _)| (w, d)).collect();
            Today {
                assignment: a.clone(),
                plan: p.clone(),
                next: days.get(a.days_done as usize).copied(),
                total_days: days.len(),
                not_started: !started(a),
            }
        }))
    }
}

fn not_coached() -> AppError {
    AppError::forbidden(
        "You do not coach this member; send a coaching request (POST /api/v1/coaching/requests) and wait until they accept it.",
    )
}

/// The ties that count for reading someone's plans: follows and blocks, not a coaching link
/// (a coach sees a member's training, not the member's own plans).
pub fn plan_ties(ties: Ties) -> Ties {
    Ties {
        coach: false,
        ..ties
    }
}

/// Whether `viewer` (`None`: signed out) may read plan `p`: by its visibility (the author
/// always), or because its author assigned it to the viewer. An assignment by anyone else
/// gives nothing, and a coaching relationship gives no access to a member's plans.
/// `ties` are the viewer's to the author (see [`plan_ties`]).
pub fn may_read_plan(
    tx: &impl Reader,
    viewer: Option<&User>,
    p: &Plan,
    ties: Ties,
) -> Result<bool, AppError> {
    if may_see(viewer, p.owner_id, p.visibility, ties) {
        return Ok(true);
    }
    let Some(v) = viewer else {
        return Ok(false);
    };
    for a in store::assignments_of(tx, v.id)? {
        if let Some(asg) = store::assignment(tx, a)?
            && asg.plan_id == p.id
            && asg.coach_id == p.owner_id
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The plans assigned to `member` by their own authors (what search may show them beyond
/// what visibility allows).
pub fn plans_assigned_by_author(
    tx: &impl Reader,
    member: u128,
) -> Result<std::collections::HashSet<u128>, AppError> {
    let mut out = std::collections::HashSet::new();
    for a in store::assignments_of(tx, member)? {
        if let Some(asg) = store::assignment(tx, a)?
            && store::plan(tx, asg.plan_id)?.is_some_and(|p| p.owner_id == asg.coach_id)
        {
            out.insert(asg.plan_id);
        }
    }
    Ok(out)
}

fn stale_plan() -> AppError {
    AppError::PreconditionFailed(
        "Someone changed this plan after you opened it; reload it and apply your change again."
            .into(),
    )
}

/// The plans of up to `limit` of `ids` (fetched one past `limit` to know whether more follow),
/// with the cursor to continue after the last one.
fn plan_page(
    tx: &impl Reader,
    ids: &[u128],
    limit: usize,
) -> Result<(Vec<Plan>, Option<u128>), AppError> {
    let mut out = Vec::with_capacity(limit.min(ids.len()));
    for id in ids.iter().take(limit) {
        if let Some(p) = store::plan(tx, *id)? {
            out.push(p);
        }
    }
    let next = (ids.len() > limit).then(|| ids[limit - 1]);
    Ok((out, next))
}
