//! Application state, the HTTP endpoint tree and the server's life cycle.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use poem::http::HeaderValue;
use poem::listener::TcpAcceptor;
use poem::middleware::CookieJarManager;
use poem::web::Json;
use poem::{Endpoint, EndpointExt, IntoResponse, Request, Response, Route, get, handler};
use poem_openapi::OpenApiService;

use crate::accounts::api::AccountsApi;
use crate::api::problem::render_error;
use crate::config::Settings;
use crate::metrics::MetricsMiddleware;
pub use crate::state::AppState;

/// Largest request body accepted (the avatar upload is the largest legitimate one).
pub const MAX_BODY: usize = 3 * 1024 * 1024;

type Apis = (
    AccountsApi,
    crate::training::api::TrainingApi,
    crate::analysis::api::AnalysisApi,
    crate::search::api::SearchApi,
    crate::coaching::api::CoachingApi,
    crate::social::api::SocialApi,
    crate::social::clubs_api::ClubsApi,
    crate::social::moderation_api::ModerationApi,
    crate::gamification::api::GamificationApi,
    crate::feedback::api::FeedbackApi,
    crate::usage::api::UsageApi,
    crate::import::api::ImportsApi,
    crate::export::api::ExportApi,
    crate::calendar::api::CalendarApi,
    crate::tracks::api::TracksApi,
);

pub fn openapi_service() -> OpenApiService<Apis, ()> {
    OpenApiService::new(
        (
            crate::accounts::api::apis(),
            crate::training::api::apis(),
            crate::analysis::api::AnalysisApi,
            crate::search::api::SearchApi,
            crate::coaching::api::CoachingApi,
            crate::social::api::SocialApi,
            crate::social::clubs_api::ClubsApi,
            crate::social::moderation_api::ModerationApi,
            crate::gamification::api::GamificationApi,
            crate::feedback::api::FeedbackApi,
            crate::usage::api::UsageApi,
            crate::import::api::ImportsApi,
            crate::export::api::ExportApi,
            crate::calendar::api::CalendarApi,
            crate::tracks::api::TracksApi,
        ),
        "Gymbox",
        crate::VERSION,
    )
    .description(
        "Self-hosted training and community platform. Errors are RFC 9457 problem+json. \
         Request bodies are strict: unknown fields, wrong types (no number → string coercion) \
         and unknown enumeration values are refused with 422 `validation_failed`, whose \
         `errors[].field` names the field by its path. Bodies are at most 3 MiB (413), \
         addresses at most 8 KiB (414). Per-member limits (plans, exercises, workouts a day, \
         sets a workout) answer 422 `limit_reached`. Writes that find the server's disk full \
         answer 507 `insufficient_storage` and work again by themselves once space is freed.",
    )
}

/// The OpenAPI document, as served at `/api/v1/openapi.json` and committed in `docs/`.
pub fn openapi_json() -> String {
    openapi_service().spec()
}

/// Liveness and readiness. Always 200 while the process serves: `status` is `ok`, or
/// `degraded` with a `reason` (`storage_full`: writes are refused until disk space is freed,
/// reads work; `database_unavailable`: the database is being reopened after an I/O error).
/// A restart fixes neither, so the status is for alerts, not for restarting the service.
#[handler]
fn healthz(req: &Request) -> Json<serde_json::Value> {
    let degraded = crate::api::services::state(req)
        .ok()
        .and_then(|s| s.store.degraded());
    Json(match degraded {
        None => serde_json::json!({ "status": "ok", "version": crate::VERSION }),
        Some(reason) => serde_json::json!({
            "status": "degraded",
            "reason": reason,
            "version": crate::VERSION,
        }),
    })
}

#[handler]
async fn prometheus(req: &Request) -> Response {
    let Ok(state) = crate::api::services::state(req) else {
        return poem::http::StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let gauges = crate::metrics::Gauges {
        db_size: state.store.file_size(),
        users: crate::accounts::store::user_count(&state.store).unwrap_or(0),
        sessions: crate::accounts::store::session_count(&state.store).unwrap_or(0),
        outbox: state.store.outbox_len().unwrap_or(0),
        index_size: state.search.size_on_disk(),
    };
    let body = state.metrics.render(&gauges);
    Response::builder()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(body)
}

const CSP_APP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; manifest-src 'self'; \
worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
const CSP_DOCS: &str = "default-src 'self'; script-src 'self' 'unsafe-inline'; \
style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'";

fn security_headers(path: &str, resp: &mut Response, https: bool) {
    let h = resp.headers_mut();
    let csp = if path.starts_with("/api/docs") {
        CSP_DOCS
    } else {
        CSP_APP
    };
    h.insert("content-security-policy", HeaderValue::from_static(csp));
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    h.insert("referrer-policy", HeaderValue::from_static("same-origin"));
    h.insert("x-frame-options", HeaderValue::from_static("DENY"));
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    if https {
        h.insert(
            "strict-transport-security",
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    if path.starts_with("/api/") && !h.contains_key("cache-control") {
        h.insert("cache-control", HeaderValue::from_static("no-store"));
    }
}

/// Largest file upload (`POST /api/v1/imports`): years of history as CSV, or a whole account
/// archive.
pub const MAX_UPLOAD: usize = 64 * 1024 * 1024;

fn too_large(max: usize) -> poem::Error {
    poem::Error::from(crate::error::AppError::TooLarge(format!(
        "The request body is larger than {} MiB.",
        max / (1024 * 1024)
    )))
}

/// Longest request target (path and query) accepted; longer ones get 414.
pub const MAX_URI: usize = 8 * 1024;

/// What a client is told when its address is over `MAX_URI` (or over hyper's own 64 KiB).
pub(crate) fn uri_too_long_detail() -> String {
    format!(
        "The address is longer than {} KiB; send long values in a request body.",
        MAX_URI / 1024
    )
}

/// Refuses bodies over `MAX_BODY`: at once by `Content-Length`, or while reading a chunked one.
async fn limit_body(mut req: Request) -> poem::Result<Request> {
    if req.uri().path_and_query().map_or(0, |p| p.as_str().len()) > MAX_URI {
        let problem = crate::api::problem::Problem::new(
            crate::error::Code::UriTooLong,
            uri_too_long_detail(),
        );
        return Err(poem::Error::from_response(problem.into_response()));
    }
    let max = if req.method() == poem::http::Method::POST && req.uri().path() == "/api/v1/imports" {
        MAX_UPLOAD
    } else {
        MAX_BODY
    };
    let declared = req
        .headers()
        .get("content-length")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    match declared {
        Some(n) if n > max => Err(too_large(max)),
        Some(_) => Ok(req),
        None if req.headers().contains_key("transfer-encoding") => {
            let body = req
                .take_body()
                .into_bytes_limit(max)
                .await
                .map_err(|_| too_large(max))?;
            req.set_body(body);
            Ok(req)
        }
        None => Ok(req),
    }
}

/// The whole HTTP application for `state`.
pub fn endpoint(state: AppState) -> impl Endpoint<Output = Response> {
    endpoint_closing(state, Arc::new(std::sync::atomic::AtomicBool::new(false)))
}

/// The HTTP application; once `closing` is set every response carries `Connection: close`,
/// so clients stop reusing connections while the server shuts down.
fn endpoint_closing(
    state: AppState,
    closing: Arc<std::sync::atomic::AtomicBool>,
) -> impl Endpoint<Output = Response> {
    let api = openapi_service();
    let spec = api.spec_endpoint();
    let docs = api.swagger_ui();
    let https = state.settings.https();
    let metrics = state.metrics.clone();
    let route = Route::new()
        .at("/api/v1/openapi.json", spec)
        .nest("/api/docs", docs)
        .nest_no_strip("/api/v1", api)
        .at("/healthz", get(healthz))
        .at("/metrics", get(prometheus))
        .at("/", crate::web::spa)
        .at("/*path", crate::web::spa);
    // One extension holds the whole state behind one `Arc` (one reference count increment per
    // request); each handler borrows only the services it names, with `api::Svc`.
    route
        .before(limit_body)
        .with(CookieJarManager::new())
        .data(Arc::new(state))
        .with(MetricsMiddleware(metrics))
        .catch_all_error(|err| async move { render_error(err) })
        .with(crate::encoding::CompressResponses)
        .around(move |ep, req| {
            let closing = closing.clone();
            async move {
                let path = req.uri().path().to_owned();
                let mut resp = ep.call(req).await?.into_response();
                security_headers(&path, &mut resp, https);
                if closing.load(std::sync::atomic::Ordering::Relaxed) {
                    resp.headers_mut()
                        .insert("connection", HeaderValue::from_static("close"));
                }
                Ok(resp)
            }
        })
}

/// A running server: its address, and a handle to stop it.
pub struct Running {
    pub addr: SocketAddr,
    /// The server's services (tests use them, e.g. to wait for the search index).
    pub state: AppState,
    /// The owner set-up code printed at start, when there is no owner yet.
    pub setup_code: Option<String>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Running {
    /// Stops gracefully: in-flight requests finish, the database closes.
    pub async fn stop(mut self) -> std::io::Result<()> {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        (&mut self.task)
            .await
            .unwrap_or_else(|e| Err(std::io::Error::other(e)))
    }

    /// Waits until the server ends by itself (a signal).
    pub async fn wait(mut self) -> std::io::Result<()> {
        (&mut self.task)
            .await
            .unwrap_or_else(|e| Err(std::io::Error::other(e)))
    }
}

/// Opens the data directory, binds, and serves until `stop` or SIGTERM/Ctrl-C (`signals`).
/// Prints the listening address and, on first start, the owner set-up link, to stdout.
pub async fn start(settings: Settings, signals: bool) -> anyhow::Result<Running> {
    // Listen for signals before anything is bound or announced, so an early SIGTERM, SIGINT
    // or SIGHUP leads to a clean shutdown rather than the default of dying on the spot.
    let signal = if signals {
        Some(ShutdownSignal::install()?)
    } else {
        None
    };
    let state = AppState::open(settings)?;
    let listener = match inherited_listener()? {
        Some(l) => l,
        None => tokio::net::TcpListener::bind(state.settings.listen)
            .await
            .map_err(|e| {
                anyhow::anyhow!(
                    "cannot listen on {}: {e} (choose another address with --listen or GYMBOX_LISTEN)",
                    state.settings.listen
                )
            })?,
    };
    let addr = listener.local_addr()?;
    let acceptor = TcpAcceptor::from_tokio(listener)?;
    let admin = crate::admin::AdminSocket::bind(&state.settings.data_dir, state.clone())?;

    // A closed or full standard output must not stop the server: these lines are a courtesy
    // (the log has the same facts).
    let say = |line: String| {
        use std::io::Write;
        let _ = writeln!(std::io::stdout(), "{line}");
    };
    say(format!("listening on http://{addr}"));
    let setup_code = state.accounts.new_setup_code().await?;
    if let Some(code) = &setup_code {
        let base = state.settings.base_url(addr);
        say(format!(
            "No owner account yet. Create it in the browser: {base}/setup?code={code}"
        ));
        say(format!("setup code: {code}"));
        say("(or from the command line: gymbox user add NAME --role owner)".to_owned());
    }
    tracing::info!(%addr, data = %state.settings.data_dir.display(), version = crate::VERSION, "server started");
    // Imports a stopped server left half-applied go on where their last transaction ended.
    match state.imports.resume_unfinished().await {
        Ok(0) => {}
        Ok(n) => tracing::info!(imports = n, "resumed unfinished imports"),
        Err(e) => tracing::warn!(error = %e, "could not look for unfinished imports"),
    }

    let pruner = {
        let accounts = state.accounts.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(300));
            loop {
                tick.tick().await;
                accounts.prune_throttles();
            }
        })
    };
    // After a sign-in storm the password hashing memory (19 MiB a permit) goes back within
    // a minute of the last sign-in.
    let releaser = {
        let accounts = state.accounts.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(15));
            loop {
                tick.tick().await;
                let n = accounts.release_hashing_memory(Duration::from_secs(30));
                if n > 0 {
                    tracing::debug!(sets = n, "password hashing memory released");
                }
            }
        })
    };

    // Challenges that ended are frozen (final standings, finisher and winner badges) within a
    // minute of their end, whether or not anyone looks at them.
    let finalizer = {
        let gamification = state.gamification.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(60));
            loop {
                tick.tick().await;
                if let Err(e) = gamification.finalize_due().await {
                    tracing::warn!(error = %e, "finalising ended challenges failed; retrying in a minute");
                }
            }
        })
    };

    // Scheduled backups (`backup_dir`): the first when the newest one there is older than the
    // interval, then one per interval; the oldest beyond `backup_keep` are removed.
    let backups = state.settings.backup_dir.clone().map(|dir| {
        let (store, every, keep) = (
            state.store.clone(),
            state.settings.backup_every,
            state.settings.backup_keep,
        );
        tokio::spawn(async move {
            let first = crate::storage::backup::newest_age(&dir)
                .map_or(Duration::from_secs(60), |age| {
                    every.saturating_sub(age).max(Duration::from_secs(60))
                });
            tokio::time::sleep(first).await;
            let mut tick = tokio::time::interval(every);
            loop {
                tick.tick().await;
                let dir = dir.clone();
                match store
                    .read_long(move |tx| {
                        crate::storage::backup::scheduled(tx, &dir, keep, &|_, _| {})
                    })
                    .await
                {
                    Ok((file, stats)) => tracing::info!(
                        file = %file.display(),
                        rows = stats.rows,
                        bytes = stats.bytes,
                        "scheduled backup written"
                    ),
                    Err(e) => tracing::error!(error = %e, "scheduled backup failed"),
                }
            }
        })
    });

    // A migration may have asked for the derived gamification tables to be computed from
    // history (badges earned before they existed); in the background, one member at a time.
    if state.store.rebuild_pending("gamification")? {
        let state = state.clone();
        tokio::spawn(async move {
            let run = async {
                let owners = state.accounts.all_owners().await?;
                let sets = state.gamification.rebuild_all(owners, &|_, _| {}).await?;
                state.store.rebuild_done("gamification")?;
                Ok::<_, crate::error::AppError>(sets)
            };
            match run.await {
                Ok(sets) => tracing::info!(sets, "gamification rebuilt from history"),
                Err(e) => {
                    tracing::error!(error = %e, "gamification rebuild failed; run `gymbox analysis rebuild`")
                }
            }
        });
    }

    // A migration may have asked for the derived analysis tables to be recomputed; do it in
    // the background, one member per transaction, while the server already serves.
    if state.store.rebuild_pending("analysis")? {
        let state = state.clone();
        tokio::spawn(async move {
            let started = std::time::Instant::now();
            let run = async {
                let owners = state.accounts.all_owners().await?;
                let sets = state.analysis.rebuild_all(owners, &|_, _| {}).await?;
                state.store.rebuild_done("analysis")?;
                Ok::<_, crate::error::AppError>(sets)
            };
            match run.await {
                Ok(sets) => tracing::info!(
                    sets,
                    seconds = started.elapsed().as_secs_f64(),
                    "analysis rebuilt"
                ),
                Err(e) => {
                    tracing::error!(error = %e, "analysis rebuild failed; run `gymbox analysis rebuild`")
                }
            }
        });
    }
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let indexer = state.search.start();
    let running_state = state.clone();
    let closing = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (idle, grace) = (state.settings.idle_timeout, state.settings.shutdown_grace);
    let app = endpoint_closing(state, closing.clone());
    let task = tokio::spawn(async move {
        let stop = async move {
            match signal {
                Some(mut signal) => {
                    tokio::select! {
                        _ = rx => {}
                        () = signal.recv() => {}
                    }
                }
                None => {
                    let _ = rx.await;
                }
            }
            // Requests already sent on open connections are still answered (with
            // `Connection: close`) for a moment; then every connection finishes what it is
            // doing and closes.
            tracing::info!("shutting down: answering requests already sent");
            closing.store(true, std::sync::atomic::Ordering::Relaxed);
            tokio::time::sleep(grace).await;
            tracing::info!("shutting down: finishing in-flight requests");
        };
        let result = poem::Server::new_with_acceptor(crate::conn::Guard::new(acceptor, idle))
            .run_with_graceful_shutdown(app, stop, Some(Duration::from_secs(20)))
            .await;
        // Wait until the background tasks have let go of the database.
        pruner.abort();
        let _ = pruner.await;
        releaser.abort();
        let _ = releaser.await;
        finalizer.abort();
        let _ = finalizer.await;
        if let Some(b) = backups {
            b.abort();
            let _ = b.await;
        }
        indexer.stop().await;
        admin.close().await;
        tracing::info!("stopped");
        result
    });
    Ok(Running {
        addr,
        state: running_state,
        setup_code,
        shutdown: Some(tx),
        task,
    })
}

/// A listening socket passed by systemd socket activation (`LISTEN_FDS`), if any.
fn inherited_listener() -> anyhow::Result<Option<tokio::net::TcpListener>> {
    let mut fds = listenfd::ListenFd::from_env();
    if fds.len() == 0 {
        return Ok(None);
    }
    let std = fds
        .take_tcp_listener(0)?
        .ok_or_else(|| anyhow::anyhow!("the socket passed by systemd is not a TCP listener"))?;
    std.set_nonblocking(true)?;
    tracing::info!("using the listening socket passed by systemd");
    Ok(Some(tokio::net::TcpListener::from_std(std)?))
}

/// SIGTERM, Ctrl-C (SIGINT), or SIGHUP (the terminal the server runs in was closed): each
/// shuts down gracefully, so the database is always closed cleanly.
struct ShutdownSignal {
    term: tokio::signal::unix::Signal,
    int: tokio::signal::unix::Signal,
    hup: tokio::signal::unix::Signal,
}

impl ShutdownSignal {
    fn install() -> std::io::Result<Self> {
        use tokio::signal::unix::{SignalKind, signal};
        Ok(Self {
            term: signal(SignalKind::terminate())?,
            int: signal(SignalKind::interrupt())?,
            hup: signal(SignalKind::hangup())?,
        })
    }

    async fn recv(&mut self) {
        tokio::select! {
            _ = self.term.recv() => {}
            _ = self.int.recv() => {}
            _ = self.hup.recv() => {}
        }
    }
}
