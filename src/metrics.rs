//! Prometheus metrics, one registry per server (no globals, so tests can run servers side by
//! side).

use std::sync::Arc;
use std::time::Instant;

use poem::{Endpoint, IntoResponse, Middleware, Request, Response, Result};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RequestLabels {
    pub method: String,
    pub route: String,
    pub status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RouteLabels {
    pub method: String,
    pub route: String,
}

pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram>,
    /// Shared with the accounts service, which counts failed sign-ins.
    pub login_failures: Counter,
    db_size: Gauge,
    users: Gauge,
    sessions: Gauge,
    outbox: Gauge,
    index_size: Gauge,
}

impl Metrics {
    /// Registers the storage writer's counters (durable commits and the writes they carried).
    pub fn with_storage(mut self, stats: crate::storage::writer::Stats) -> Self {
        self.registry.register(
            "db_durable_commits",
            "Durable commits (disk flushes) of the database",
            stats.flushes,
        );
        self.registry.register(
            "db_writes",
            "Writes committed to the database; divided by durable commits, the mean group-commit batch",
            stats.writes,
        );
        self.registry.register(
            "db_write_batch_size",
            "Writes handed to the database writer together (one batch, one durable commit)",
            stats.batch,
        );
        self
    }

    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("gymbox");
        let requests = Family::<RequestLabels, Counter>::default();
        let latency = Family::<RouteLabels, Histogram>::new_with_constructor(|| {
            Histogram::new([
                0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
            ])
        });
        let login_failures = Counter::default();
        let db_size = Gauge::default();
        let users = Gauge::default();
        registry.register(
            "http_requests",
            "HTTP requests by route and status",
            requests.clone(),
        );
        registry.register(
            "http_request_duration_seconds",
            "HTTP request latency by route",
            latency.clone(),
        );
        registry.register(
            "login_failures",
            "Failed sign-in attempts",
            login_failures.clone(),
        );
        registry.register(
            "db_size_bytes",
            "Size of the database file",
            db_size.clone(),
        );
        registry.register("users", "Number of user accounts", users.clone());
        let sessions = Gauge::default();
        registry.register(
            "sessions",
            "Browser sessions and API tokens not yet ended",
            sessions.clone(),
        );
        let outbox = Gauge::default();
        registry.register(
            "outbox_pending",
            "Changes waiting in the outbox for the search indexer",
            outbox.clone(),
        );
        let index_size = Gauge::default();
        registry.register(
            "search_index_size_bytes",
            "Size of the search index on disk",
            index_size.clone(),
        );
        Self {
            registry,
            requests,
            latency,
            login_failures,
            db_size,
            users,
            sessions,
            outbox,
            index_size,
        }
    }

    pub fn observe(&self, method: &str, route: &str, status: u16, seconds: f64) {
        self.requests
            .get_or_create(&RequestLabels {
                method: method.to_owned(),
                route: route.to_owned(),
                status,
            })
            .inc();
        self.latency
            .get_or_create(&RouteLabels {
                method: method.to_owned(),
                route: route.to_owned(),
            })
            .observe(seconds);
    }

    /// The text exposition, after refreshing the gauges.
    pub fn render(&self, now: &Gauges) -> String {
        let set = |g: &Gauge, v: u64| {
            g.set(i64::try_from(v).unwrap_or(i64::MAX));
        };
        set(&self.db_size, now.db_size);
        set(&self.users, now.users);
        set(&self.sessions, now.sessions);
        set(&self.outbox, now.outbox);
        set(&self.index_size, now.index_size);
        let mut out = String::new();
        // Writing into a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut out, &self.registry);
        out
    }
}

/// The values the gauges show, read when `/metrics` is asked (each an O(1) count or a stat
/// of a few files).
#[derive(Debug, Clone, Copy, Default)]
pub struct Gauges {
    pub db_size: u64,
    pub users: u64,
    pub sessions: u64,
    pub outbox: u64,
    pub index_size: u64,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

/// Records every request's route pattern (not its raw path: bounded label values), status and
/// latency.
pub struct MetricsMiddleware(pub Arc<Metrics>);

impl<E: Endpoint> Middleware<E> for MetricsMiddleware {
    type Output = MetricsEndpoint<E>;
    fn transform(&self, ep: E) -> Self::Output {
        MetricsEndpoint {
            inner: ep,
            metrics: self.0.clone(),
        }
    }
}

pub struct MetricsEndpoint<E> {
    inner: E,
    metrics: Arc<Metrics>,
}

impl<E: Endpoint> Endpoint for MetricsEndpoint<E> {
    type Output = Response;

    async fn call(&self, req: Request) -> Result<Response> {
        let start = Instant::now();
        let method = req.method().to_string();
        let api = req.uri().path().starts_with("/api/");
        let res = self.inner.call(req).await.map(IntoResponse::into_response);
        let (status, pattern) = match &res {
            Ok(r) => (
                r.status(),
                r.data::<poem::PathPattern>().map(|p| p.0.to_string()),
            ),
            Err(e) => (
                e.status(),
                e.data::<poem::PathPattern>().map(|p| p.0.to_string()),
            ),
        };
        let route = match pattern {
            Some(p) if api || p.starts_with("/api") || p == "/healthz" || p == "/metrics" => p,
            Some(_) | None if !api => "static".to_owned(),
            _ => "unmatched".to_owned(),
        };
        self.metrics.observe(
            &method,
            &route,
            status.as_u16(),
            start.elapsed().as_secs_f64(),
        );
        res
    }
}
