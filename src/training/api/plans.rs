//! `/api/v1/plans`, assignments and today's workout.

use crate::api::body::JsonBody;
use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::types::MaybeUndefined;
use poem_openapi::{ApiResponse, OpenApi};

use super::dto::*;
use super::*;
use crate::accounts::Accounts;
use crate::accounts::model::User;
use crate::api::Svc;
use crate::api::auth::{Coach, MaybeMember, Member};
use crate::api::pagination::limit_of;
use crate::search::Search;
use crate::training::Training;
use crate::training::model::Plan;
use crate::training::service::{PlanInput, parse_date};

pub struct PlansApi;

#[derive(ApiResponse)]
pub enum PlanReply {
    #[oai(status = 200)]
    Ok(Json<PlanDto>, #[oai(header = "ETag")] String),
}

fn plan_reply(p: &Plan) -> PlanReply {
    dto_reply(PlanDto::from(p))
}

/// The plan with its version as the ETag.
fn dto_reply(dto: PlanDto) -> PlanReply {
    let etag = format!("\"{}\"", dto.version);
    PlanReply::Ok(Json(dto), etag)
}

fn if_match(h: Option<String>) -> Result<Option<u64>> {
    let Some(h) = h else { return Ok(None) };
    let v = h.trim().trim_start_matches("W/").trim_matches('"');
    v.parse().map(Some).map_err(|_| {
        AppError::BadRequest("If-Match must be the plan's ETag (its version).".into()).into()
    })
}

/// An assignment as the API shows it (shared with the coach's members list).
pub(crate) async fn assignment_dto(
    accounts: &Accounts,
    a: &crate::training::model::Assignment,
    p: &Plan,
) -> std::result::Result<AssignmentDto, AppError> {
    let name = |u: Option<User>| u.map(|u| u.username).unwrap_or_else(|| "(deleted)".into());
    Ok(AssignmentDto {
        id: ids::to_string(a.id),
        plan: PlanSummary::from(p),
        coach: name(accounts.user(a.coach_id).await.ok()),
        member: name(accounts.user(a.member_id).await.ok()),
        start_date: a.start_date.clone(),
        days_done: a.days_done,
        created_at: crate::accounts::api::rfc3339(a.created_at),
    })
}

/// Summaries of other people's plans, each with its author's name (looked up once per author).
async fn with_authors(accounts: &Accounts, viewer: &User, plans: &[Plan]) -> Vec<PlanSummary> {
    let mut authors: std::collections::HashMap<u128, Option<UserRef>> =
        std::collections::HashMap::new();
    let mut out = Vec::with_capacity(plans.len());
    for p in plans {
        let author = match authors.get(&p.owner_id) {
            Some(a) => a.clone(),
            None => {
                let a = user_ref(accounts, Some(viewer), p.owner_id).await;
                authors.insert(p.owner_id, a.clone());
                a
            }
        };
        out.push(PlanSummary {
            author,
            ..PlanSummary::from(p)
        });
    }
    out
}

#[OpenApi(prefix_path = "/api/v1")]
impl PlansApi {
    /// The caller's own plans (`scope=mine`, the default) or every plan shared with the gym's
    /// members (`scope=gym`), newest first; with `q`, a ranked search of every plan the caller
    /// may see.
    #[oai(
        path = "/plans",
        method = "get",
        tag = "Tag::Plans",
        operation_id = "list_plans"
    )]
    async fn list(
        &self,
        accounts: Svc<'_, Accounts>,
        training: Svc<'_, Training>,
        search: Svc<'_, Search>,
        me: Member,
        q: Query<Option<String>>,
        scope: Query<Option<PlanScope>>,
        limit: Query<Option<u32>>,
        cursor: Query<Option<String>>,
    ) -> Result<Json<PlanList>> {
        let limit = limit_of(limit.0)?;
        if let Some(text) = q.0.as_deref().filter(|t| !t.trim().is_empty()) {
            // Searching: every plan the caller may see (own, shared, assigned), ranked.
            let query = crate::search::SearchQuery {
                q: text.chars().take(200).collect(),
                kinds: vec![crate::search::outbox::Kind::Plan],
                limit,
            };
            let mut plans = Vec::new();
            for h in search.search(&me.user, query).await? {
                if let Ok(p) = training.plan(&me.user, parse_id(&h.id, "plan")?).await {
                    plans.push(p);
                }
            }
            return Ok(Json(PlanList {
                items: with_authors(&accounts, &me.user, &plans).await,
                next_cursor: None,
            }));
        }
        let after = match Cursor::decode(cursor.0.as_deref())? {
            Some(c) => Some(ids::parse(&c).ok_or_else(|| {
                AppError::BadRequest("The cursor is not one this server gave out.".into())
            })?),
            None => None,
        };
        let (items, next) = match scope.0.unwrap_or_default() {
            PlanScope::Mine => {
                let (plans, next) = training.own_plans(&me.user, after, limit).await?;
                (plans.iter().map(PlanSummary::from).collect(), next)
            }
            PlanScope::Gym => {
                let (plans, next) = training.shared_plans(after, limit).await?;
                (with_authors(&accounts, &me.user, &plans).await, next)
            }
        };
        Ok(Json(PlanList {
            items,
            next_cursor: next.map(|n| Cursor::encode(&ids::to_string(n))),
        }))
    }

    /// Creates a plan: weeks of days of exercises with set targets.
    #[oai(
        path = "/plans",
        method = "post",
        tag = "Tag::Plans",
        operation_id = "create_plan"
    )]
    async fn create(
        &self,
        training: Svc<'_, Training>,
        me: Member,
        #[oai(name = "Idempotency-Key")] key: Header<Option<String>>,
        body: JsonBody<PlanCreate>,
    ) -> Result<Saved<Json<PlanDto>>> {
        let key = super::idempotency(key.0, &body.0);
        let b = body.0;
        let input = PlanInput {
            title: Some(b.title),
            description: b.description,
            tags: b.tags,
            goal: Some(b.goal),
            visibility: b.visibility.map(Into::into),
            weeks: Some(weeks_from_dto(b.weeks)?),
        };
        let (p, created) = training.create_plan(&me.user, input, key).await?;
        Ok(Saved::new(PlanDto::from(&p), created))
    }

    /// A plan the caller may see (own, shared, or assigned to them by its author); signed-out
    /// visitors see public plans.
    #[oai(
        path = "/plans/:id",
        method = "get",
        tag = "Tag::Plans",
        operation_id = "get_plan"
    )]
    async fn get(
        &self,
        accounts: Svc<'_, Accounts>,
        training: Svc<'_, Training>,
        viewer: MaybeMember,
        id: Path<String>,
    ) -> Result<PlanReply> {
        let viewer = viewer.0.map(|c| c.user);
        let p = training
            .plan_for(viewer.as_ref(), parse_id(&id.0, "plan")?)
            .await?;
        let author = user_ref(&accounts, viewer.as_ref(), p.owner_id).await;
        Ok(dto_reply(PlanDto {
            author,
            ..PlanDto::from(&p)
        }))
    }

    /// Edits an own plan. Send `If-Match` with the ETag to refuse overwriting someone else's
    /// newer edit (412).
    #[oai(
        path = "/plans/:id",
        method = "patch",
        tag = "Tag::Plans",
        operation_id = "update_plan"
    )]
    async fn update(
        &self,
        training: Svc<'_, Training>,
        me: Member,
        id: Path<String>,
        #[oai(name = "If-Match")] etag: Header<Option<String>>,
        body: JsonBody<PlanPatch>,
    ) -> Result<PlanReply> {
        let b = body.0;
        let input = PlanInput {
            title: b.title,
            description: b.description,
            tags: b.tags,
            goal: match b.goal {
                MaybeUndefined::Undefined => None,
                MaybeUndefined::Null => Some(None),
                MaybeUndefined::Value(g) => Some(Some(g)),
            },
            visibility: b.visibility.map(Into::into),
            weeks: b.weeks.map(weeks_from_dto).transpose()?,
        };
        let p = training
            .update_plan(&me.user, parse_id(&id.0, "plan")?, input, if_match(etag.0)?)
            .await?;
        Ok(plan_reply(&p))
    }

    /// Deletes an own plan and its assignments.
    #[oai(
        path = "/plans/:id",
        method = "delete",
        tag = "Tag::Plans",
        operation_id = "delete_plan"
    )]
    async fn delete(
        &self,
        training: Svc<'_, Training>,
        me: Member,
        id: Path<String>,
    ) -> Result<NoContent> {
        training
            .delete_plan(&me.user, parse_id(&id.0, "plan")?)
            .await?;
        Ok(NoContent::Done)
    }

    /// Copies a plan the caller may see into their own private plans.
    #[oai(
        path = "/plans/:id/fork",
        method = "post",
        tag = "Tag::Plans",
        operation_id = "fork_plan"
    )]
    async fn fork(
        &self,
        training: Svc<'_, Training>,
        me: Member,
        id: Path<String>,
    ) -> Result<Saved<Json<PlanDto>>> {
        let p = training
            .fork_plan(&me.user, parse_id(&id.0, "plan")?)
            .await?;
        Ok(Saved::new(PlanDto::from(&p), true))
    }

    /// A coach assigns the plan to a member they coach (an active coaching relationship) from
    /// a start date. The plan must be the coach's own or one the member may already see.
    #[oai(
        path = "/plans/:id/assignments",
        method = "post",
        tag = "Tag::Plans",
        operation_id = "assign_plan"
    )]
    async fn assign(
        &self,
        accounts: Svc<'_, Accounts>,
        training: Svc<'_, Training>,
        coach: Coach,
        id: Path<String>,
        body: JsonBody<AssignRequest>,
    ) -> Result<Saved<Json<AssignmentDto>>> {
        let unknown = || {
            AppError::invalid_code(
                "username",
                "unknown_user",
                "There is no member with that username.",
            )
        };
        // A member whose profile is hidden from the coach exists for them only if they coach
        // that member.
        let member = match accounts
            .visible_profile(Some(&coach.user), &body.0.username)
            .await
        {
            Ok(u) => u,
            Err(_) => {
                let u = accounts
                    .user_by_name(&body.0.username)
                    .await?
                    .ok_or_else(unknown)?;
                if !training.coaches(coach.user.id, u.id).await? {
                    return Err(unknown().into());
                }
                u
            }
        };
        let a = training
            .assign(
                &coach.user,
                parse_id(&id.0, "plan")?,
                &member,
                &body.0.start_date,
            )
            .await?;
        let p = training.plan(&coach.user, a.plan_id).await?;
        Ok(Saved::new(assignment_dto(&accounts, &a, &p).await?, true))
    }

    /// Who follows a plan: every assignment for the plan's author; for anyone else who may
    /// see the plan, the assignments they made or received. 404 for a plan the caller may not
    /// see.
    #[oai(
        path = "/plans/:id/assignments",
        method = "get",
        tag = "Tag::Plans",
        operation_id = "plan_assignments"
    )]
    async fn plan_assignments(
        &self,
        accounts: Svc<'_, Accounts>,
        training: Svc<'_, Training>,
        me: Member,
        id: Path<String>,
    ) -> Result<Json<AssignmentList>> {
        let mut items = Vec::new();
        for (a, p) in training
            .plan_assignments(&me.user, parse_id(&id.0, "plan")?)
            .await?
        {
            items.push(assignment_dto(&accounts, &a, &p).await?);
        }
        Ok(Json(AssignmentList {
            items,
            next_cursor: None,
        }))
    }

    /// Plans assigned to the caller, newest first.
    #[oai(
        path = "/me/assignments",
        method = "get",
        tag = "Tag::Plans",
        operation_id = "my_assignments"
    )]
    async fn my_assignments(
        &self,
        accounts: Svc<'_, Accounts>,
        training: Svc<'_, Training>,
        me: Member,
    ) -> Result<Json<AssignmentList>> {
        let mut items = Vec::new();
        for (a, p) in training.assignments(&me.user).await? {
            items.push(assignment_dto(&accounts, &a, &p).await?);
        }
        Ok(Json(AssignmentList {
            items,
            next_cursor: None,
        }))
    }

    /// Ends an assignment (the member, the coach who made it, the plan's author, or an
    /// administrator).
    #[oai(
        path = "/assignments/:id",
        method = "delete",
        tag = "Tag::Plans",
        operation_id = "delete_assignment"
    )]
    async fn unassign(
        &self,
        training: Svc<'_, Training>,
        me: Member,
        id: Path<String>,
    ) -> Result<NoContent> {
        training
            .unassign(&me.user, parse_id(&id.0, "assignment")?)
            .await?;
        Ok(NoContent::Done)
    }

    /// How the member follows an assignment: planned vs done sessions per week (from the
    /// start date, the latest 52 weeks) and target vs actual for the planned days done. For
    /// the member, and the coach who made the assignment while they coach the member.
    #[oai(
        path = "/assignments/:id/adherence",
        method = "get",
        tag = "Tag::Plans",
        operation_id = "assignment_adherence"
    )]
    async fn adherence(
        &self,
        training: Svc<'_, Training>,
        me: Member,
        id: Path<String>,
    ) -> Result<Json<AdherenceDto>> {
        let a = training
            .adherence(&me.user, parse_id(&id.0, "assignment")?)
            .await?;
        Ok(Json(AdherenceDto::from(&a)))
    }

    /// Today's workout from the caller's assigned plan. `date` is the caller's local date
    /// (`YYYY-MM-DD`, default today in UTC). 404 when no plan is assigned.
    #[oai(
        path = "/me/today",
        method = "get",
        tag = "Tag::Plans",
        operation_id = "today"
    )]
    async fn today(
        &self,
        training: Svc<'_, Training>,
        me: Member,
        date: Query<Option<String>>,
    ) -> Result<Json<TodayDto>> {
        let date = match date.0 {
            Some(d) => parse_date("date", &d)?,
            None => time::OffsetDateTime::now_utc().date(),
        };
        let t = training
            .today(&me.user, date)
            .await?
            .ok_or_else(|| AppError::NotFound("No plan is assigned to you yet.".into()))?;
        let day = t.next.and_then(|(w, d)| t.plan.weeks.get(w)?.days.get(d));
        Ok(Json(TodayDto {
            status: if t.not_started {
                TodayStatus::NotStarted
            } else if t.next.is_none() {
                TodayStatus::Completed
            } else {
                TodayStatus::Due
            },
            assignment_id: ids::to_string(t.assignment.id),
            plan: PlanSummary::from(&t.plan),
            start_date: t.assignment.start_date.clone(),
            week: t.next.map(|(w, _)| w as u32),
            day: t.next.map(|(_, d)| d as u32),
            day_number: (t.assignment.days_done + 1).min(t.total_days as u32),
            total_days: t.total_days as u32,
            plan_day: day.map(day_dto),
        }))
    }
}
