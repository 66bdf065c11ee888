//! Body weight and measurements over time. Stored in SI units: kg, metres, percent.

use super::*;
use crate::accounts::model::User;
use crate::error::FieldError;
use crate::storage::ids::{new_id, now};
use crate::training::limits;
use crate::training::model::BodyMetric;

/// Known kinds and their allowed ranges; other kinds (lower-case words) are custom.
const KNOWN: &[(&str, f64, f64)] = &[
    ("weight", 20.0, 400.0),
    ("body_fat", 1.0, 75.0),
    ("waist", 0.3, 3.0),
    ("hips", 0.3, 3.0),
    ("chest", 0.3, 3.0),
    ("neck", 0.1, 1.0),
    ("shoulders", 0.5, 3.0),
    ("arm", 0.1, 1.0),
    ("forearm", 0.1, 1.0),
    ("thigh", 0.2, 1.5),
    ("calf", 0.1, 1.0),
];

#[derive(Debug, Clone)]
pub struct MetricInput {
    pub kind: String,
    pub value: f64,
    pub measured_at: Option<i64>,
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct MetricQuery {
    pub kind: String,
    pub from: i64,
    pub to: i64,
    pub limit: usize,
}

pub(super) fn check(input: &MetricInput) -> Result<(), AppError> {
    let mut errs = Vec::new();
    let kind_ok = !input.kind.is_empty()
        && input.kind.len() <= 32
        && input
            .kind
            .chars()
            .all(|c| c.is_ascii_lowercase() || c == '_');
    if !kind_ok {
        errs.push(FieldError::new(
            "kind",
            "Use a kind such as weight, body_fat, waist (lower-case letters and _).",
        ));
    }
    let (lo, hi) = KNOWN
        .iter()
        .find(|(k, _, _)| *k == input.kind)
        .map_or((0.0, 1_000_000.0), |(_, lo, hi)| (*lo, *hi));
    if !(lo..=hi).contains(&input.value) || input.value.is_nan() {
        errs.push(FieldError::new(
            "value",
            format!("Use a value from {lo} to {hi} for {}.", input.kind),
        ));
    }
    if let Some(t) = input.measured_at
        && (t < 631_152_000 || t > now() + 86_400)
    {
        errs.push(FieldError::new(
            "measured_at",
            "Use a time between 1990 and now.",
        ));
    }
    if input.note.as_ref().is_some_and(|n| n.chars().count() > 500) {
        errs.push(FieldError::new("note", "Use at most 500 characters."));
    }
    if errs.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errs))
    }
}

impl Training {
    pub async fn add_metric(
        &self,
        user: &User,
        input: MetricInput,
        idempotency_key: Option<IdempotencyKey>,
    ) -> Result<(BodyMetric, bool), AppError> {
        check(&input)?;
        let uid = user.id;
        if let Some(id) = self.replay(uid, idempotency_key.as_ref()).await? {
            let m = self.store.read(move |tx| store::metric(tx, id)).await?;
            if let Some(m) = m.filter(|m| m.user_id == uid) {
                return Ok((m, false));
            }
        }
        let m = BodyMetric {
            id: new_id(),
            user_id: uid,
            kind: input.kind,
            value: input.value,
            measured_at: input.measured_at.unwrap_or_else(now),
            note: input.note.unwrap_or_default(),
        };
        let rec = m.clone();
        let bus = self.bus.clone();
        self.store
            .write(move |tx| {
                let (from, to) = limits::utc_day(rec.measured_at);
                let cap = limits::METRICS_PER_DAY;
                if tx.metric_keys(uid, &rec.kind, from, to, cap)?.len() >= cap {
                    return Err(limits::reached(
                        "measurements of one kind in one day",
                        cap,
                        "record one value per kind and day instead.",
                    ));
                }
                store::put_metric(tx, &rec)?;
                if let Some(k) = &idempotency_key {
                    store::remember_idempotent(tx, uid, &k.key, &k.body, rec.id)?;
                }
                bus.publish(
                    tx,
                    &crate::events::Event::Used {
                        user: uid,
                        feature: crate::events::Feature::BodyMetric,
                        at: now(),
                    },
                )?;
                Ok(())
            })
            .await?;
        Ok((m, true))
    }

    /// One kind of measurement between `from` and `to`, newest first.
    pub async fn metrics(&self, user: &User, q: MetricQuery) -> Result<Vec<BodyMetric>, AppError> {
        let uid = user.id;
        self.store
            .read(move |tx| {
                let mut out = Vec::new();
                for id in tx.metric_keys(uid, &q.kind, q.from, q.to, q.limit)? {
                    if let Some(m) = store::metric(tx, id)? {
                        out.push(m);
                    }
                }
                Ok(out)
            })
            .await
    }

    /// The kinds of measurement the user has recorded, each with its newest entry, in name
    /// order. One short range read per kind (a skip scan), never a walk over all entries.
    pub async fn metric_kinds(&self, user: &User) -> Result<Vec<BodyMetric>, AppError> {
        let uid = user.id;
        self.store
            .read(move |tx| {
                let mut out = Vec::new();
                for id in store::newest_metric_per_kind(tx, uid)? {
                    out.extend(store::metric(tx, id)?);
                }
                Ok(out)
            })
            .await
    }

    pub async fn delete_metric(&self, user: &User, id: u128) -> Result<(), AppError> {
        let uid = user.id;
        self.store
            .write(move |tx| {
                let m = store::metric(tx, id)?
                    .filter(|m| m.user_id == uid)
                    .ok_or_else(|| not_found("measurement"))?;
                store::delete_metric(tx, &m)
            })
            .await
    }
}
