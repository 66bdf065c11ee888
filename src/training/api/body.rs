//! `/api/v1/me/body-metrics`.

use crate::api::body::JsonBody;
use poem_openapi::OpenApi;
use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::Json;

use super::dto::*;
use super::*;
use crate::api::Svc;
use crate::api::auth::Member;
use crate::training::Training;
use crate::training::service::{MetricInput, MetricQuery};

pub struct BodyApi;

#[OpenApi(prefix_path = "/api/v1")]
impl BodyApi {
    /// One kind of measurement over time, newest first (`kind` default `weight`; `limit`
    /// default 100, at most 1000; `from`/`to` dates or times).
    #[oai(
        path = "/me/body-metrics",
        method = "get",
        tag = "Tag::BodyMetrics",
        operation_id = "list_body_metrics"
    )]
    async fn list(
        &self,
        training: Svc<'_, Training>,
        me: Member,
        kind: Query<Option<String>>,
        from: Query<Option<String>>,
        to: Query<Option<String>>,
        limit: Query<Option<u32>>,
    ) -> Result<Json<BodyMetricList>> {
        let limit = match limit.0 {
            None => 100,
            Some(n @ 1..=1000) => n as usize,
            Some(_) => return Err(AppError::invalid("limit", "Use a limit from 1 to 1000.").into()),
        };
        let q = MetricQuery {
            kind: kind.0.unwrap_or_else(|| "weight".into()),
            from: from
                .0
                .as_deref()
                .map(|s| parse_bound("from", s, false))
                .transpose()?
                .unwrap_or(i64::MIN),
            to: to
                .0
                .as_deref()
                .map(|s| parse_bound("to", s, true))
                .transpose()?
                .unwrap_or(i64::MAX),
            limit,
        };
        let items = training.metrics(&me.user, q).await?;
        Ok(Json(BodyMetricList {
            items: items.iter().map(BodyMetricDto::from).collect(),
            next_cursor: None,
        }))
    }

    /// The kinds of measurement the caller has recorded, each with its newest entry.
    #[oai(
        path = "/me/body-metrics/kinds",
        method = "get",
        tag = "Tag::BodyMetrics",
        operation_id = "body_metric_kinds"
    )]
    async fn kinds(&self, training: Svc<'_, Training>, me: Member) -> Result<Json<BodyMetricList>> {
        let items = training.metric_kinds(&me.user).await?;
        Ok(Json(BodyMetricList {
            items: items.iter().map(BodyMetricDto::from).collect(),
            next_cursor: None,
        }))
    }

    /// Records a measurement (SI units: kg, metres, percent).
    #[oai(
        path = "/me/body-metrics",
        method = "post",
        tag = "Tag::BodyMetrics",
        operation_id = "add_body_metric"
    )]
    async fn add(
        &self,
        training: Svc<'_, Training>,
        me: Member,
        #[oai(name = "Idempotency-Key")] key: Header<Option<String>>,
        body: JsonBody<BodyMetricCreate>,
    ) -> Result<Saved<Json<BodyMetricDto>>> {
        let key = super::idempotency(key.0, &body.0);
        let b = body.0;
        let input = MetricInput {
            kind: b.kind.trim().to_owned(),
            value: b.value,
            measured_at: parse_opt_time("measured_at", b.measured_at.as_deref())?,
            note: b.note,
        };
        let (m, created) = training.add_metric(&me.user, input, key).await?;
        Ok(Saved::new(BodyMetricDto::from(&m), created))
    }

    /// Deletes a measurement.
    #[oai(
        path = "/me/body-metrics/:id",
        method = "delete",
        tag = "Tag::BodyMetrics",
        operation_id = "delete_body_metric"
    )]
    async fn delete(
        &self,
        training: Svc<'_, Training>,
        me: Member,
        id: Path<String>,
    ) -> Result<NoContent> {
        training
            .delete_metric(&me.user, parse_id(&id.0, "measurement")?)
            .await?;
        Ok(NoContent::Done)
    }
}
