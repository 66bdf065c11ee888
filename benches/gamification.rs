//! Gamification benchmark: leaderboards at two gym sizes (default 1,000 and 10,000 members ×
//! 2 months of workouts), served by the real `gymbox` binary over 127.0.0.1.
//!
//! Reports, for each size: p50/p99 of a leaderboard page (the top 20 and the caller's own
//! rank) for volume this month, sessions this week and the all-time best e1RM of the bench
//! press, next to `/healthz` of the same run; and, on the larger gym, the sustained durable
//! set-logging rate with every reactor on vs every reactor off. The target: top-20 and
//! own rank p99 ≤ 5 ms, flat from 1k to 10k members. Run with
//! `cargo bench --bench gamification`; scale with BENCH_SMALL, BENCH_MEMBERS, BENCH_MONTHS,
//! BENCH_SECONDS.

use std::time::{Duration, Instant};

mod common;
use common::{demo, env_num, latency, log_sets, member_tokens, percentile_ms, report, serve};

const BOARDS: [(&str, &str); 3] = [
    ("volume, this month", "metric=volume&period=month"),
    ("sessions, this week", "metric=sessions&period=week"),
    (
        "bench press e1RM, all time",
        "metric=e1rm&exercise=barbell-bench-press",
    ),
];

struct Run {
    members: u32,
    gen_secs: f64,
    sets: serde_json::Value,
    health: Vec<Duration>,
    boards: Vec<Vec<Duration>>,
    /// Sets per second: every reactor, all but gamification, none.
    writes: Option<(f64, f64, f64)>,
}

async fn run(members: u32, months: u32, seconds: u32, writes: bool) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_gymbox");
    let t = Instant::now();
    let summary = demo(bin, dir.path(), members, months);
    let gen_secs = t.elapsed().as_secs_f64();
    let password = summary["password"].as_str().unwrap().to_owned();
    let (mut server, url) = serve(bin, dir.path(), &[]);
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(64)
        .build()
        .unwrap();
    let tokens = member_tokens(&client, &url, &password, 64).await;
    let health = latency(&client, &format!("{url}/healthz"), &tokens, 4000, 8).await;
    let mut boards = Vec::new();
    for (_, q) in BOARDS {
        let u = format!("{url}/api/v1/leaderboards?{q}&limit=20");
        boards.push(latency(&client, &u, &tokens, 3000, 8).await);
    }
    let mut rates = None;
    if writes {
        let on = log_sets(&client, &url, &tokens, seconds).await;
        let _ = server.kill();
        let _ = server.wait();
        let rate_without = |off: &'static str| {
            let (client, password, dir) = (client.clone(), password.clone(), dir.path().to_owned());
            async move {
                let (mut bare, bare_url) = serve(bin, &dir, &[("GYMBOX_REACTORS_OFF", off)]);
                let bare_tokens = member_tokens(&client, &bare_url, &password, 64).await;
                let rate = log_sets(&client, &bare_url, &bare_tokens, seconds).await;
                let _ = bare.kill();
                let _ = bare.wait();
                rate
            }
        };
        let no_game = rate_without("gamification").await;
        let none = rate_without("analysis,social,gamification").await;
        rates = Some((on, no_game, none));
    } else {
        let _ = server.kill();
        let _ = server.wait();
    }
    Run {
        members,
        gen_secs,
        sets: summary["sets"].clone(),
        health,
        boards,
        writes: rates,
    }
}

#[tokio::main]
async fn main() {
    let small = env_num::<u32>("BENCH_SMALL", 1000);
    let members = env_num::<u32>("BENCH_MEMBERS", 10_000);
    let months = env_num::<u32>("BENCH_MONTHS", 2);
    let seconds = env_num::<u32>("BENCH_SECONDS", 10);
    let runs = [
        run(small, months, seconds, false).await,
        run(members, months, seconds, true).await,
    ];
    println!("gamification benchmark: {months} months of workouts");
    for r in &runs {
        println!(
            " {} members ({} sets generated in {:.1} s):",
            r.members, r.sets, r.gen_secs
        );
        report("GET /healthz (same run, for scale)", &r.health);
        for ((name, _), v) in BOARDS.iter().zip(&r.boards) {
            report(&format!("leaderboard top 20 + own rank, {name}"), v);
        }
        if let Some((on, no_game, none)) = r.writes {
            println!(
                "  set logging (16 clients, durable commits): {on:.0} sets/s with every reactor, \
                 {no_game:.0} without gamification ({:+.1} %), {none:.0} with none ({:+.1} %)",
                (on / no_game - 1.0) * 100.0,
                (on / none - 1.0) * 100.0
            );
        }
    }
    for (i, (name, _)) in BOARDS.iter().enumerate() {
        println!(
            " {name}: p99 {:.2} ms at {} members vs {:.2} ms at {}",
            percentile_ms(&runs[1].boards[i], 0.99),
            runs[1].members,
            percentile_ms(&runs[0].boards[i], 0.99),
            runs[0].members
        );
    }
}
