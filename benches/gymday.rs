//! A gym day on one box: members arrive over a rush hour and train, against the real `gymbox`
//! binary over 127.0.0.1, in compressed time.
//!
//! Each simulated member opens today's plan (`/me/today`), starts a workout, logs a set every
//! `BENCH_THINK_MS` (default 2,000 ms: compressed 1:60, a set every two minutes in the gym),
//! reads their history after the third set and every sixth after, searches the catalogue after
//! the fifth and every ninth after, and finishes the workout. Most
//! members are still signed in on their phone; `BENCH_SIGNIN_PERCENT` (default 10) sign in on
//! arrival (the others' sessions are made before the step, untimed). Arrivals are spread over
//! the first half of each step and departures, in the same order, over its last sixth, so all
//! of them train at once from the middle of the step to the last sixth (and a gym's members do
//! not all tap "finish" in the same instant). The run climbs in steps of members
//! active at once (`BENCH_STEPS`, default 100,200,400,800,1600,3200), `BENCH_SECONDS` each
//! (default 30), and stops after the first step whose p99 (every request but the sign-in,
//! which is deliberately slow password hashing) is 50 ms or more. It reports each step's
//! request rate, p50/p99 per kind of request, errors, and the server's peak RSS, and the
//! largest step served at p99 < 50 ms. Run with `cargo bench --bench gymday`; the gym is a
//! demo gym of `BENCH_MEMBERS` (default 3,200) × `BENCH_MONTHS` (default 3).

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

mod common;
use common::{demo, env_num, login, percentile_ms, rss_kib, serve};

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Kind {
    SignIn,
    Today,
    Start,
    Set,
    History,
    Search,
    Finish,
}

#[derive(Default)]
struct Samples {
    by_kind: BTreeMap<Kind, Vec<Duration>>,
    errors: u64,
    /// The first failure, to say what went wrong.
    first_error: Option<String>,
}

type Shared = Arc<Mutex<Samples>>;

/// Sends one request, records how long it took, and returns its JSON body (`Null` on error).
async fn timed(samples: &Shared, kind: Kind, req: reqwest::RequestBuilder) -> Value {
    let t = Instant::now();
    let outcome = match req.send().await {
        Ok(r) => {
            let status = r.status();
            let body = r.bytes().await.unwrap_or_default();
            if status.is_success() {
                Ok(body)
            } else {
                Err(format!(
                    "{kind:?}: {status} {}",
                    String::from_utf8_lossy(&body)
                ))
            }
        }
        Err(e) => Err(format!("{kind:?}: {e}")),
    };
    let took = t.elapsed();
    let mut s = samples.lock().unwrap();
    match outcome {
        Ok(body) => {
            s.by_kind.entry(kind).or_default().push(took);
            serde_json::from_slice(&body).unwrap_or(Value::Null)
        }
        Err(e) => {
            s.errors += 1;
            s.first_error.get_or_insert(e);
            Value::Null
        }
    }
}

/// Every member's username, through the administrators' list (paged).
async fn usernames(client: &reqwest::Client, url: &str, owner: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let address = match &cursor {
            Some(c) => format!("{url}/api/v1/admin/users?limit=100&cursor={c}"),
            None => format!("{url}/api/v1/admin/users?limit=100"),
        };
        let page: Value = client
            .get(address)
            .bearer_auth(owner)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        for u in page["items"].as_array().unwrap() {
            if u["role"] == "member" {
                names.push(u["username"].as_str().unwrap().to_owned());
            }
        }
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => return names,
        }
    }
}

/// How a member arrives: with the session their phone kept, or signing in.
enum Arrival {
    SignedIn(String),
    SignsIn { username: String, password: String },
}

/// One member's visit: arrive at `arrive`, sign in if needed, train until `leave`, finish.
async fn visit(
    client: reqwest::Client,
    url: String,
    arrival: Arrival,
    (arrive, leave, think): (Instant, Instant, Duration),
    samples: Shared,
) {
    tokio::time::sleep_until(arrive.into()).await;
    let token = match arrival {
        Arrival::SignedIn(token) => token,
        Arrival::SignsIn { username, password } => {
            let signed = timed(
                &samples,
                Kind::SignIn,
                client
                    .post(format!("{url}/api/v1/auth/login"))
                    .json(&json!({"login": username, "password": password})),
            )
            .await;
            let Some(token) = signed["token"].as_str().map(str::to_owned) else {
                return;
            };
            token
        }
    };
    let api = |path: &str| format!("{url}/api/v1{path}");
    timed(
        &samples,
        Kind::Today,
        client.get(api("/me/today")).bearer_auth(&token),
    )
    .await;
    let started = timed(
        &samples,
        Kind::Start,
        client
            .post(api("/workouts"))
            .bearer_auth(&token)
            .json(&json!({"title": "Gym day"})),
    )
    .await;
    let Some(wid) = started["id"].as_str().map(str::to_owned) else {
        return;
    };
    let exercises = [
        "barbell-back-squat",
        "barbell-bench-press",
        "barbell-deadlift",
    ];
    let mut n = 0usize;
    while Instant::now() + think < leave {
        tokio::time::sleep(think).await;
        n += 1;
        let exercise = exercises[(n / 5) % exercises.len()];
        timed(
            &samples,
            Kind::Set,
            client
                .post(api(&format!("/workouts/{wid}/sets")))
                .bearer_auth(&token)
                .json(&json!({"exercise_id": exercise, "reps": 5, "weight_kg": 60.0 + n as f64})),
        )
        .await;
        if n % 6 == 3 {
            timed(
                &samples,
                Kind::History,
                client.get(api("/workouts?limit=20")).bearer_auth(&token),
            )
            .await;
        }
        if n % 9 == 5 {
            timed(
                &samples,
                Kind::Search,
                client.get(api("/search?q=squ")).bearer_auth(&token),
            )
            .await;
        }
    }
    timed(
        &samples,
        Kind::Finish,
        client
            .patch(api(&format!("/workouts/{wid}")))
            .bearer_auth(&token)
            .json(&json!({"finished_at": time_now()})),
    )
    .await;
}

fn time_now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    // RFC 3339 in UTC from the Unix time (civil-from-days, Howard Hinnant's algorithm).
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[tokio::main]
async fn main() {
    let members = env_num::<u32>("BENCH_MEMBERS", 3200);
    let months = env_num::<u32>("BENCH_MONTHS", 3);
    let seconds = env_num::<u64>("BENCH_SECONDS", 30);
    let think = Duration::from_millis(env_num::<u64>("BENCH_THINK_MS", 2000));
    let signin_percent = env_num::<usize>("BENCH_SIGNIN_PERCENT", 10).min(100);
    let steps: Vec<usize> = std::env::var("BENCH_STEPS")
        .unwrap_or_else(|_| "100,200,400,800,1600,3200".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_gymbox");

    let t = Instant::now();
    let summary = demo(bin, dir.path(), members, months);
    println!(
        "gym-day simulation: demo gym of {members} members × {months} months ({} workouts, {} sets) generated in {:.1} s",
        summary["workouts"],
        summary["sets"],
        t.elapsed().as_secs_f64()
    );
    let password = summary["password"].as_str().unwrap().to_owned();
    let (mut server, url) = serve(bin, dir.path(), &[]);
    let pid = server.id();
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(4096)
        .build()
        .unwrap();
    let owner = login(&client, &url, "owner", &password).await;
    let names = usernames(&client, &url, &owner).await;
    println!(
        "  a set every {} ms per member (compressed time), {seconds} s per step, arrivals over the first half, departures over the last sixth, {signin_percent} % sign in on arrival",
        think.as_millis()
    );

    let mut served = None;
    let mut offset = 0usize;
    for &active in &steps {
        if active > names.len() {
            println!(
                "  step {active}: the gym has only {} members; stopping",
                names.len()
            );
            break;
        }
        // Members still signed in on their phone: their sessions are made now, untimed.
        let chosen: Vec<String> = (0..active)
            .map(|i| names[(offset + i) % names.len()].clone())
            .collect();
        // Every member whose share of the percentage wraps past 100 signs in: 10 % → every tenth.
        let signs_in = |i: usize| (i * signin_percent) % 100 < signin_percent;
        let mut arrivals = Vec::with_capacity(active);
        for (i, username) in chosen.iter().enumerate() {
            arrivals.push(if signs_in(i) {
                Arrival::SignsIn {
                    username: username.clone(),
                    password: password.clone(),
                }
            } else {
                Arrival::SignedIn(login(&client, &url, username, &password).await)
            });
        }
        let samples: Shared = Arc::default();
        let started = Instant::now();
        let end = started + Duration::from_secs(seconds);
        let step = Duration::from_secs(seconds);
        let (arrivals_over, departures_over) = (step / 2, step / 6);
        let peak = Arc::new(std::sync::atomic::AtomicU64::new(0));
        let watch = {
            let peak = peak.clone();
            tokio::spawn(async move {
                while Instant::now() < end {
                    peak.fetch_max(rss_kib(pid), std::sync::atomic::Ordering::Relaxed);
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            })
        };
        // Each step takes members who have not trained today yet, round the gym.
        let tasks: Vec<_> = arrivals
            .into_iter()
            .enumerate()
            .map(|(i, arrival)| {
                let (i, n) = (i as u32, active as u32);
                let arrive = started + arrivals_over * i / n;
                let leave = end - departures_over + departures_over * i / n;
                tokio::spawn(visit(
                    client.clone(),
                    url.clone(),
                    arrival,
                    (arrive, leave, think),
                    samples.clone(),
                ))
            })
            .collect();
        offset += active;
        for task in tasks {
            task.await.unwrap();
        }
        watch.await.unwrap();
        let elapsed = started.elapsed().as_secs_f64();
        let mut s = samples.lock().unwrap();
        let mut all: Vec<Duration> = s
            .by_kind
            .iter()
            .filter(|(k, _)| **k != Kind::SignIn)
            .flat_map(|(_, v)| v.iter().copied())
            .collect();
        all.sort();
        let requests: usize = s.by_kind.values().map(Vec::len).sum();
        let p99 = if all.is_empty() {
            f64::INFINITY
        } else {
            percentile_ms(&all, 0.99)
        };
        println!(
            "  step {active} members at once: {requests} requests ({:.0}/s), {} errors, p50 {:.2} ms, p99 {p99:.2} ms (sign-in excluded), peak RSS {:.1} MiB",
            requests as f64 / elapsed,
            s.errors,
            if all.is_empty() {
                f64::NAN
            } else {
                percentile_ms(&all, 0.5)
            },
            peak.load(std::sync::atomic::Ordering::Relaxed) as f64 / 1024.0
        );
        if let Some(e) = &s.first_error {
            println!("    first error: {e}");
        }
        for (kind, v) in s.by_kind.iter_mut() {
            v.sort();
            println!(
                "    {kind:?}: {} requests, p50 {:.2} ms, p99 {:.2} ms",
                v.len(),
                percentile_ms(v, 0.5),
                percentile_ms(v, 0.99)
            );
        }
        if p99 < 50.0 && s.errors == 0 {
            served = Some(active);
        } else {
            break;
        }
    }
    let _ = server.kill();
    let _ = server.wait();
    match served {
        Some(n) => println!(
            "  largest step served at p99 < 50 ms without errors: {n} members at once ({} set/s)",
            n as f64 / think.as_secs_f64()
        ),
        None => println!("  no step was served at p99 < 50 ms without errors"),
    }
}
