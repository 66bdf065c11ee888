//! Training benchmark: a synthetic gym (default 1,000 members × 24 months of workouts), served
//! by the real `gymbox` binary, measured over HTTP on 127.0.0.1.
//!
//! Reports: demo generation time, database size, sustained set-logging writes/s with durable
//! commits, p50/p99 latency of "my workout history page" and "today's workout", and the
//! server's resident memory. Run with `cargo bench --bench training`; scale with
//! BENCH_MEMBERS, BENCH_MONTHS, BENCH_SECONDS.

use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use serde_json::json;

mod common;
use common::{env_num, login, percentile_ms};

fn rss_kib(pid: u32) -> u64 {
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

async fn latency(
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

#[tokio::main]
async fn main() {
    let members = env_num::<u32>("BENCH_MEMBERS", 1000);
    let months = env_num::<u32>("BENCH_MONTHS", 24);
    let seconds = env_num::<u32>("BENCH_SECONDS", 10);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    let bin = env!("CARGO_BIN_EXE_gymbox");

    // 1. The synthetic gym, through the same generator as `gymbox demo`.
    let t = Instant::now();
    let out = Command::new(bin)
        .args([
            "demo",
            "--json",
            "--members",
            &members.to_string(),
            "--months",
            &months.to_string(),
            "--data",
        ])
        .arg(&data)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let gen_secs = t.elapsed().as_secs_f64();
    let password = summary["password"].as_str().unwrap().to_owned();
    let db_bytes = std::fs::metadata(data.join("gymbox.redb")).unwrap().len();

    // 2. The real server.
    let mut server = Command::new(bin)
        .args(["serve", "--listen", "127.0.0.1:0", "--data"])
        .arg(&data)
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
    let rss_idle = rss_kib(server.id());
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(64)
        .build()
        .unwrap();

    // Members sign in (the list comes from the admin API).
    let owner_token = login(&client, &url, "owner", &password).await;
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
        .take(32)
    {
        tokens.push(login(&client, &url, u["username"].as_str().unwrap(), &password).await);
    }

    // 3. Read latency.
    let history = latency(
        &client,
        &format!("{url}/api/v1/workouts?limit=20"),
        &tokens,
        4000,
        8,
    )
    .await;
    let today = latency(&client, &format!("{url}/api/v1/me/today"), &tokens, 4000, 8).await;

    // 4. Sustained set logging: 16 lifters, each appending sets to their own workout.
    let written = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(u64::from(seconds));
    let mut tasks = Vec::new();
    for (i, token) in tokens.iter().cycle().take(16).enumerate() {
        let (client, url, token, written) =
            (client.clone(), url.clone(), token.clone(), written.clone());
        tasks.push(tokio::spawn(async move {
            let w: serde_json::Value = client
                .post(format!("{url}/api/v1/workouts"))
                .bearer_auth(&token)
                .json(&json!({"title": format!("Bench {i}")}))
                .send().await.unwrap().json().await.unwrap();
            let wid = w["id"].as_str().unwrap().to_owned();
            while Instant::now() < deadline {
                let r = client
                    .post(format!("{url}/api/v1/workouts/{wid}/sets"))
                    .bearer_auth(&token)
                    .json(&json!({"exercise_id": "barbell-bench-press", "reps": 5, "weight_kg": 80.0}))
                    .send().await.unwrap();
                assert_eq!(r.status(), 201);
                written.fetch_add(1, Ordering::Relaxed);
            }
        }));
    }
    let t = Instant::now();
    for task in tasks {
        task.await.unwrap();
    }
    let writes_per_s = written.load(Ordering::Relaxed) as f64 / t.elapsed().as_secs_f64();
    let rss_loaded = rss_kib(server.id());
    let _ = server.kill();
    let _ = server.wait();

    println!("training benchmark: {members} members, {months} months");
    println!(
        "  generated: {} workouts, {} sets in {gen_secs:.1} s; database {:.1} MiB",
        summary["workouts"],
        summary["sets"],
        db_bytes as f64 / 1048576.0
    );
    println!("  set logging (16 clients, durable commits): {writes_per_s:.0} sets/s");
    for (name, v) in [
        ("history page (GET /workouts?limit=20)", &history),
        ("today's workout (GET /me/today)", &today),
    ] {
        println!(
            "  {name}: p50 {:.2} ms, p99 {:.2} ms over {} requests",
            percentile_ms(v, 0.5),
            percentile_ms(v, 0.99),
            v.len()
        );
    }
    println!(
        "  server RSS: {:.1} MiB after start, {:.1} MiB after the load",
        rss_idle as f64 / 1024.0,
        rss_loaded as f64 / 1024.0
    );
}
