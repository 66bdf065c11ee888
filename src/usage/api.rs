//! `GET /admin/usage`: the owner's usage dashboard (aggregates only).

use poem_openapi::param::Query;
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi, Tags};

use super::{MAX_DAYS, Usage};
use crate::analysis::rules::format_day;
use crate::api::Svc;
use crate::api::auth::Admin;
use crate::api::problem::ApiError;
use crate::error::AppError;

type Result<T> = std::result::Result<T, ApiError>;

#[derive(Tags)]
enum Tag {
    /// How the gym uses Gymbox, counted on this server (aggregates only).
    Usage,
}

#[derive(Object, Debug)]
pub struct UsageDay {
    /// Local date in the gym's time zone.
    pub date: String,
    /// Members who signed in, came by or did something that day.
    pub active_members: u64,
    pub new_members: u64,
    pub workouts: u64,
    pub sets: u64,
}

#[derive(Object, Debug)]
pub struct UsageWeek {
    /// The Monday the week starts on.
    pub week_start: String,
    pub active_members: u64,
}

#[derive(Object, Debug)]
pub struct FeatureCount {
    /// `sign_in`, `workout`, `set`, `plan`, `assignment`, `body_metric`, `follow`, `kudos`,
    /// `comment`, `club_join`, `challenge_join`, `feedback`.
    pub feature: String,
    pub count: u64,
}

#[derive(Object, Debug)]
pub struct UsageCohort {
    /// The join month, `YYYY-MM`.
    pub cohort: String,
    /// Members who joined that month and still have an account.
    pub members: u64,
    /// How many of them were active in the join month, the month after, … up to this month.
    pub active: Vec<u64>,
}

#[derive(Object, Debug)]
pub struct UsageReport {
    pub from: String,
    pub to: String,
    /// Oldest first.
    pub days: Vec<UsageDay>,
    /// The weeks that overlap the range, oldest first.
    pub weeks: Vec<UsageWeek>,
    /// Uses of each feature in the range.
    pub features: Vec<FeatureCount>,
    /// Retention by join month: the last 12 months, oldest first.
    pub retention: Vec<UsageCohort>,
    /// Members with an account now.
    pub members: u64,
}

pub struct UsageApi;

#[OpenApi(prefix_path = "/api/v1")]
impl UsageApi {
    /// Usage over the last `days` days (7–365, default 30) in the gym's time zone: active
    /// members per day and week, new members, workouts and sets per day, feature use, and
    /// retention by join month. Counted on this server; only totals are kept.
    #[oai(
        path = "/admin/usage",
        method = "get",
        tag = "Tag::Usage",
        operation_id = "admin_usage"
    )]
    async fn usage(
        &self,
        usage: Svc<'_, Usage>,
        _admin: Admin,
        days: Query<Option<u32>>,
    ) -> Result<Json<UsageReport>> {
        let days = days.0.unwrap_or(30);
        if !(7..=MAX_DAYS).contains(&days) {
            return Err(AppError::invalid("days", format!("Use 7 to {MAX_DAYS} days.")).into());
        }
        let r = usage.report(days).await?;
        Ok(Json(UsageReport {
            from: format_day(r.from),
            to: format_day(r.to),
            days: r
                .days
                .iter()
                .map(|d| UsageDay {
                    date: format_day(d.day),
                    active_members: d.active,
                    new_members: d.joined,
                    workouts: d.workouts,
                    sets: d.sets,
                })
                .collect(),
            weeks: r
                .weeks
                .iter()
                .map(|&(w, n)| UsageWeek {
                    week_start: format_day(w),
                    active_members: n,
                })
                .collect(),
            features: r
                .features
                .iter()
                .map(|&(f, n)| FeatureCount {
                    feature: f.name().to_owned(),
                    count: n,
                })
                .collect(),
            retention: r
                .cohorts
                .iter()
                .map(|c| UsageCohort {
                    cohort: format_day(c.month)[..7].to_owned(),
                    members: c.members,
                    active: c.active.clone(),
                })
                .collect(),
            members: r.members,
        }))
    }
}
