//! Helpers shared by the benchmarks.

#![allow(dead_code)]

use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use serde_json::json;

/// A numeric knob from the environment (`BENCH_…`), or its default.
pub fn env_num<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The `p` quantile (0..=1) of samples already sorted, in milliseconds.
pub fn percentile_ms(sorted: &[Duration], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize].as_secs_f64() * 1e3
}

/// Signs in over HTTP and returns the bearer token.
pub async fn login(client: &reqwest::Client, url: &str, login: &str, password: &str) -> String {
    let r: serde_json::Value = client
        .post(format!("{url}/api/v1/auth/login"))
        .json(&serde_json::json!({"login": login, "password": password}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    r["token"].as_str().expect("signed in").to_owned()
}

pub fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .map(str::to_owned)
        })
        .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        .unwrap_or(0)
}

pub async fn latency(
    client: &reqwest::Client,
    url: &str,
    tokens: &[String],
    n: usize,
    concurrency: usize,
) -> Vec<Duration> {
    let times = Arc::new(std::sync::Mutex::new(Vec::with_capacity(n)));
    let next = Arc::new(AtomicU64::new(0));
    let mut tasks = Vec::new();
    for _ in 0..concurrency {
        let (client, url, tokens, times, next) = (
            client.clone(),
            url.to_owned(),
            tokens.to_vec(),
            times.clone(),
            next.clone(),
        );
        tasks.push(tokio::spawn(async move {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed) as usize;
                if i >= n {
                    break;
                }
                let t = Instant::now();
                let r = client
                    .get(&url)
                    .bearer_auth(&tokens[i % tokens.len()])
                    .send()
                    .await
                    .unwrap();
                assert!(
                    r.status().is_success() || r.status() == 404,
                    "{}",
                    r.status()
                );
                let _ = r.bytes().await.unwrap();
                times.lock().unwrap().push(t.elapsed());
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let mut v = std::mem::take(&mut *times.lock().unwrap());
    v.sort();
    v
}

/// Starts `gymbox serve` on `data` with extra environment; returns it and its base URL.
pub fn serve(
    bin: &str,
    data: &std::path::Path,
    env: &[(&str, &str)],
) -> (std::process::Child, String) {
    let mut server = Command::new(bin)
        .args(["serve", "--listen", "127.0.0.1:0", "--data"])
        .arg(data)
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let url = {
        use std::io::BufRead;
        let mut line = String::new();
        std::io::BufReader::new(server.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        line.trim()
            .strip_prefix("listening on ")
            .unwrap()
            .to_owned()
    };
    (server, url)
}

/// Fills `data` with a demo gym; returns its summary (with the members' password).
pub fn demo(bin: &str, data: &std::path::Path, members: u32, months: u32) -> serde_json::Value {
    demo_with(bin, data, members, months, &[])
}

/// [`demo`] with extra arguments (e.g. `--follows 100`).
pub fn demo_with(
    bin: &str,
    data: &std::path::Path,
    members: u32,
    months: u32,
    extra: &[&str],
) -> serde_json::Value {
    let (members, months) = (members.to_string(), months.to_string());
    let mut args = vec!["demo", "--members", &members, "--months", &months];
    args.extend_from_slice(extra);
    admin(bin, data, &args)
}

/// Runs `gymbox --json ARGS --data DATA` (server stopped) and returns what it printed.
pub fn admin(bin: &str, data: &std::path::Path, args: &[&str]) -> serde_json::Value {
    let out = Command::new(bin)
        .arg("--json")
        .args(args)
        .arg("--data")
        .arg(data)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Signs in up to `n` members of the gym at `url`.
pub async fn member_tokens(
    client: &reqwest::Client,
    url: &str,
    password: &str,
    n: usize,
) -> Vec<String> {
    let owner_token = login(client, url, "owner", password).await;
    let users: serde_json::Value = client
        .get(format!("{url}/api/v1/admin/users?limit=100"))
        .bearer_auth(&owner_token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut tokens = Vec::new();
    for u in users["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["role"] == "member")
        .take(n)
    {
        tokens.push(login(client, url, u["username"].as_str().unwrap(), password).await);
    }
    tokens
}

/// Sustained set logging: 16 lifters at a time, each logging workouts of `SETS_PER_WORKOUT`
/// sets back to back (a set every request), for `seconds`; returns sets per second. A client
/// whose member reaches the daily workout limit carries on as the next member of its share of
/// `tokens`.
pub async fn log_sets(client: &reqwest::Client, url: &str, tokens: &[String], seconds: u32) -> f64 {
    const SETS_PER_WORKOUT: usize = 25;
    const CLIENTS: usize = 16;
    let written = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(u64::from(seconds));
    let mut tasks = Vec::new();
    for i in 0..CLIENTS {
        let mine: Vec<String> = tokens.iter().skip(i).step_by(CLIENTS).cloned().collect();
        let (client, url, written) = (client.clone(), url.to_owned(), written.clone());
        tasks.push(tokio::spawn(async move {
            let mut members = mine.iter();
            let mut token = members.next().expect("a member per client");
            'workouts: while Instant::now() < deadline {
                let r = client
                    .post(format!("{url}/api/v1/workouts"))
                    .bearer_auth(token)
                    .json(&json!({"title": format!("Bench {i}")}))
                    .send()
                    .await
                    .unwrap();
                let status = r.status();
                let w: serde_json::Value = r.json().await.unwrap();
                if status == 422 && w["type"] == "limit_reached" {
                    match members.next() {
                        Some(t) => {
                            token = t;
                            continue;
                        }
                        None => break,
                    }
                }
                let wid = w["id"]
                    .as_str()
                    .unwrap_or_else(|| panic!("starting a workout: {status} {w}"))
                    .to_owned();
                for _ in 0..SETS_PER_WORKOUT {
                    if Instant::now() >= deadline {
                        break 'workouts;
                    }
                    let r = client
                        .post(format!("{url}/api/v1/workouts/{wid}/sets"))
                        .bearer_auth(token)
                        .json(&json!({"exercise_id": "barbell-bench-press", "reps": 5, "weight_kg": 80.0}))
                        .send().await.unwrap();
                    assert_eq!(r.status(), 201, "{}", r.text().await.unwrap_or_default());
                    written.fetch_add(1, Ordering::Relaxed);
                }
            }
        }));
    }
    let t = Instant::now();
    for task in tasks {
        task.await.unwrap();
    }
    written.load(Ordering::Relaxed) as f64 / t.elapsed().as_secs_f64()
}

/// Prints one latency line.
pub fn report(name: &str, v: &[Duration]) {
    println!(
        "  {name}: p50 {:.2} ms, p99 {:.2} ms over {} requests",
        percentile_ms(v, 0.5),
        percentile_ms(v, 0.99),
        v.len()
    );
}
