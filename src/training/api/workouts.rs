//! `/api/v1/workouts` and their sets.

use crate::api::body::JsonBody;
use crate::api::reply::{Reply, Written};
use poem_openapi::OpenApi;
use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::types::MaybeUndefined;

use super::dto::*;
use super::*;
use crate::accounts::Accounts;
use crate::api::Svc;
use crate::api::auth::{MaybeMember, Member};
use crate::api::pagination::limit_of;
use crate::training::Training;
use crate::training::model::PlanRef;
use crate::training::service::{SetInput, WorkoutDetail, WorkoutInput, WorkoutPatch};

pub struct WorkoutsApi;

fn detail_dto(d: &WorkoutDetail) -> WorkoutDetailDto {
    WorkoutDetailDto {
        workout: WorkoutDto::from(&d.workout),
        owner: None,
        sets: d.sets.iter().map(SetDto::from).collect(),
        plan_day: d.plan_day.as_ref().map(day_dto),
        previous: d
            .previous
            .iter()
            .map(|(e, sets)| PreviousSets {
                exercise_id: e.clone(),
                sets: sets.iter().map(SetDto::from).collect(),
            })
            .collect(),
    }
}

fn maybe<T>(v: MaybeUndefined<T>) -> Option<Option<T>> {
    match v {
        MaybeUndefined::Undefined => None,
        MaybeUndefined::Null => Some(None),
        MaybeUndefined::Value(x) => Some(Some(x)),
    }
}

fn if_match(h: Option<String>) -> Result<Option<u64>> {
    let Some(h) = h else { return Ok(None) };
    let v = h.trim().trim_start_matches("W/").trim_matches('"');
    v.parse()
        .map(Some)
        .map_err(|_| AppError::BadRequest("If-Match must be the workout's version.".into()).into())
}

fn plan_ref(r: PlanRefDto) -> std::result::Result<PlanRef, AppError> {
    Ok(PlanRef {
        plan_id: ids::parse(&r.plan_id).ok_or_else(|| {
            AppError::invalid("plan.plan_id", "There is no such plan you may use.")
        })?,
        week: r.week,
        day: r.day,
        assignment_id: r
            .assignment_id
            .map(|a| {
                ids::parse(&a).ok_or_else(|| {
                    AppError::invalid("plan.assignment_id", "This assignment is not yours.")
                })
            })
            .transpose()?,
    })
}

#[OpenApi(prefix_path = "/api/v1")]
impl WorkoutsApi {
    /// The caller's workouts, newest first; `from`/`to` (dates or times) make a calendar.
    #[oai(
        path = "/workouts",
        method = "get",
        tag = "Tag::Workouts",
        operation_id = "list_workouts"
    )]
    async fn list(
        &self,
        training: Svc<'_, Training>,
        me: Member,
        from: Query<Option<String>>,
        to: Query<Option<String>>,
        limit: Query<Option<u32>>,
        cursor: Query<Option<String>>,
    ) -> Result<Written<WorkoutList>> {
        let limit = limit_of(limit.0)?;
        let from = from
            .0
            .as_deref()
            .map(|s| parse_bound("from", s, false))
            .transpose()?
            .unwrap_or(i64::MIN);
        let to =
            to.0.as_deref()
                .map(|s| parse_bound("to", s, true))
                .transpose()?
                .unwrap_or(i64::MAX);
        let before = decode_time_cursor(cursor.0.as_deref())?;
        let (items, next) = training
            .workouts(me.user.id, from, to, before, limit)
            .await?;
        Ok(Written::new(
            WorkoutListView {
                items: &items,
                next_cursor: next.map(encode_time_cursor),
            }
            .json(),
        ))
    }

    /// Starts (or enters afterwards) a workout, empty or from a plan day. With a client `id`
    /// or an `Idempotency-Key`, retries return the first result.
    #[oai(
        path = "/workouts",
        method = "post",
        tag = "Tag::Workouts",
        operation_id = "create_workout"
    )]
    async fn create(
        &self,
        training: Svc<'_, Training>,
        me: Member,
        #[oai(name = "Idempotency-Key")] key: Header<Option<String>>,
        body: JsonBody<WorkoutCreate>,
    ) -> Result<Saved<Json<WorkoutDto>>> {
        let key = super::idempotency(key.0, &body.0);
        let b = body.0;
        let input = WorkoutInput {
            id: b.id,
            title: b.title,
            notes: b.notes,
            started_at: parse_opt_time("started_at", b.started_at.as_deref())?,
            finished_at: parse_opt_time("finished_at", b.finished_at.as_deref())?,
            visibility: b.visibility.map(Into::into),
            plan: b.plan.map(plan_ref).transpose()?,
        };
        let (w, created) = training.create_workout(&me.user, input, key).await?;
        Ok(Saved::new(WorkoutDto::from(&w), created))
    }

    /// A workout with its sets, the plan day's targets and "last time" for each exercise.
    #[oai(
        path = "/workouts/:id",
        method = "get",
        tag = "Tag::Workouts",
        operation_id = "get_workout"
    )]
    async fn get(
        &self,
        accounts: Svc<'_, Accounts>,
        training: Svc<'_, Training>,
        viewer: MaybeMember,
        id: Path<String>,
    ) -> Result<Json<WorkoutDetailDto>> {
        let viewer = viewer.0.map(|c| c.user);
        let d = training
            .workout(viewer.as_ref(), parse_id(&id.0, "workout")?)
            .await?;
        let owner = user_ref(&accounts, viewer.as_ref(), d.workout.user_id).await;
        Ok(Json(WorkoutDetailDto {
            owner,
            ..detail_dto(&d)
        }))
    }

    /// Edits a workout; setting `finished_at` finishes it (and advances an assigned plan).
    #[oai(
        path = "/workouts/:id",
        method = "patch",
        tag = "Tag::Workouts",
        operation_id = "update_workout"
    )]
    async fn update(
        &self,
        training: Svc<'_, Training>,
        me: Member,
        id: Path<String>,
        #[oai(name = "If-Match")] etag: Header<Option<String>>,
        body: JsonBody<WorkoutPatchDto>,
    ) -> Result<Json<WorkoutDto>> {
        let b = body.0;
        let finished_at = match b.finished_at {
            MaybeUndefined::Undefined => None,
            MaybeUndefined::Null => Some(None),
            MaybeUndefined::Value(s) => Some(Some(parse_time("finished_at", &s)?)),
        };
        let patch = WorkoutPatch {
            title: b.title,
            notes: b.notes,
            started_at: parse_opt_time("started_at", b.started_at.as_deref())?,
            finished_at,
            visibility: b.visibility.map(Into::into),
            exercise_notes: b
                .exercise_notes
                .map(|list| list.into_iter().map(|n| (n.exercise_id, n.text)).collect()),
            supersets: b.supersets,
        };
        let w = training
            .update_workout(
                &me.user,
                parse_id(&id.0, "workout")?,
                patch,
                if_match(etag.0)?,
            )
            .await?;
        Ok(Json(WorkoutDto::from(&w)))
    }

    /// Deletes a workout and its sets.
    #[oai(
        path = "/workouts/:id",
        method = "delete",
        tag = "Tag::Workouts",
        operation_id = "delete_workout"
    )]
    async fn delete(
        &self,
        training: Svc<'_, Training>,
        me: Member,
        id: Path<String>,
    ) -> Result<NoContent> {
        training
            .delete_workout(&me.user, parse_id(&id.0, "workout")?)
            .await?;
        Ok(NoContent::Done)
    }

    /// Appends one set. The client-chosen set `id` makes retries safe: the same id returns the
    /// set already stored (200) instead of adding another.
    #[oai(
        path = "/workouts/:id/sets",
        method = "post",
        tag = "Tag::Workouts",
        operation_id = "add_set"
    )]
    async fn add_set(
        &self,
        training: Svc<'_, Training>,
        me: Member,
        id: Path<String>,
        body: JsonBody<SetCreate>,
    ) -> Result<Saved<Reply<SetDto>>> {
        let b = body.0;
        let input = SetInput {
            id: b.id,
            exercise_id: Some(b.exercise_id),
            kind: b.kind.map(Into::into),
            reps: Some(b.reps),
            weight_kg: Some(b.weight_kg),
            rpe: Some(b.rpe),
            duration_s: Some(b.duration_s),
            distance_m: Some(b.distance_m),
            completed_at: parse_opt_time("completed_at", b.completed_at.as_deref())?,
        };
        let (s, created) = training
            .add_set(&me.user, parse_id(&id.0, "workout")?, input)
            .await?;
        Ok(Saved::reply(SetDto::from(&s), created))
    }

    /// Changes a set.
    #[oai(
        path = "/workouts/:id/sets/:set_id",
        method = "patch",
        tag = "Tag::Workouts",
        operation_id = "update_set"
    )]
    async fn update_set(
        &self,
        training: Svc<'_, Training>,
        me: Member,
        id: Path<String>,
        set_id: Path<String>,
        body: JsonBody<SetPatch>,
    ) -> Result<Json<SetDto>> {
        let b = body.0;
        let input = SetInput {
            id: None,
            exercise_id: b.exercise_id,
            kind: b.kind.map(Into::into),
            reps: maybe(b.reps),
            weight_kg: maybe(b.weight_kg),
            rpe: maybe(b.rpe),
            duration_s: maybe(b.duration_s),
            distance_m: maybe(b.distance_m),
            completed_at: parse_opt_time("completed_at", b.completed_at.as_deref())?,
        };
        let s = training
            .update_set(
                &me.user,
                parse_id(&id.0, "workout")?,
                parse_id(&set_id.0, "set")?,
                input,
            )
            .await?;
        Ok(Json(SetDto::from(&s)))
    }

    /// Deletes a set.
    #[oai(
        path = "/workouts/:id/sets/:set_id",
        method = "delete",
        tag = "Tag::Workouts",
        operation_id = "delete_set"
    )]
    async fn delete_set(
        &self,
        training: Svc<'_, Training>,
        me: Member,
        id: Path<String>,
        set_id: Path<String>,
    ) -> Result<NoContent> {
        training
            .delete_set(
                &me.user,
                parse_id(&id.0, "workout")?,
                parse_id(&set_id.0, "set")?,
            )
            .await?;
        Ok(NoContent::Done)
    }

    /// Another member's workouts as the caller may see them (their coach sees all; signed-out
    /// visitors see the public workouts of a public profile).
    #[oai(
        path = "/users/:username/workouts",
        method = "get",
        tag = "Tag::Workouts",
        operation_id = "user_workouts"
    )]
    async fn user_workouts(
        &self,
        accounts: Svc<'_, Accounts>,
        training: Svc<'_, Training>,
        viewer: MaybeMember,
        username: Path<String>,
        limit: Query<Option<u32>>,
        cursor: Query<Option<String>>,
    ) -> Result<Written<WorkoutList>> {
        let limit = limit_of(limit.0)?;
        let viewer = viewer.0.map(|c| c.user);
        let owner = accounts.visible_profile(viewer.as_ref(), &username.0).await;
        let hidden = || AppError::NotFound("No such user, or you may not see them.".into());
        let owner = match owner {
            Ok(u) => u,
            // A coach sees the workouts of a member they coach even when the profile is hidden from
            // everyone else; to anyone else a hidden profile does not exist.
            Err(_) => {
                let u = accounts
                    .user_by_name(&username.0)
                    .await?
                    .ok_or_else(hidden)?;
                let Some(me) = viewer.as_ref() else {
                    return Err(hidden().into());
                };
                if !training.coaches(me.id, u.id).await? {
                    return Err(hidden().into());
                }
                u
            }
        };
        let before = decode_time_cursor(cursor.0.as_deref())?;
        let (items, next) = training
            .visible_workouts(viewer.as_ref(), &owner, before, limit)
            .await?;
        Ok(Written::new(
            WorkoutListView {
                items: &items,
                next_cursor: next.map(encode_time_cursor),
            }
            .json(),
        ))
    }
}
