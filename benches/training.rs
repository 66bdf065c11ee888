//! Training benchmark: a synthetic gym (default 1,000 members × 24 months of workouts), served
//! by the real `gymbox` binary, measured over HTTP on 127.0.0.1.
//!
//! Reports: demo generation time, database size, sustained set-logging writes/s with durable
//! commits (with every reactor on, and again with analysis left out), p50/p99 latency of "my
//! workout history page", "today's workout" and the analysis pages (dashboard, a year of one
//! exercise's progress, training load) — also for members with ten times the history — the
//! time `gymbox analysis rebuild` takes, and the server's resident memory. Run with
//! `cargo bench --bench training`; scale with BENCH_MEMBERS, BENCH_MONTHS, BENCH_SECONDS.

use std::time::Instant;

mod common;
use common::{
    admin, demo, env_num, latency, log_sets, member_tokens, percentile_ms, report, rss_kib, serve,
};

/// The analysis pages: (name, path) as the web app asks for them.
const ANALYSIS: [(&str, &str); 4] = [
    ("dashboard: 12 weeks (GET /me/stats)", "/api/v1/me/stats"),
    ("dashboard: records (GET /me/records)", "/api/v1/me/records"),
    (
        "a year of one exercise (GET /exercises/{id}/progress)",
        "/api/v1/exercises/barbell-bench-press/progress",
    ),
    ("training load, 90 days (GET /me/load)", "/api/v1/me/load"),
];

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
    let summary = demo(bin, &data, members, months);
    let gen_secs = t.elapsed().as_secs_f64();
    let password = summary["password"].as_str().unwrap().to_owned();
    let db_file = data.join("gymbox.redb");
    let db_bytes = disk_bytes(&db_file);

    // 2. The real server.
    let (mut server, url) = serve(bin, &data, &[]);
    let rss_idle = rss_kib(server.id());
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(64)
        .build()
        .unwrap();
    let tokens = member_tokens(&client, &url, &password, 64).await;

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
    let mut analysis = Vec::new();
    for (name, path) in ANALYSIS {
        analysis.push((
            name,
            latency(&client, &format!("{url}{path}"), &tokens, 2000, 8).await,
        ));
    }

    // 4. Sustained set logging with every reactor on.
    let writes_per_s = log_sets(&client, &url, &tokens, seconds).await;
    let rss_loaded = rss_kib(server.id());
    let _ = server.kill();
    let _ = server.wait();

    // 5. The same with analysis left out, on the same data.
    let (mut bare, bare_url) = serve(bin, &data, &[("GYMBOX_REACTORS_OFF", "analysis")]);
    let bare_tokens = member_tokens(&client, &bare_url, &password, 64).await;
    let bare_writes = log_sets(&client, &bare_url, &bare_tokens, seconds).await;
    let _ = bare.kill();
    let _ = bare.wait();

    // 6. Rebuilding every member's analysis from the history (server stopped).
    let t = Instant::now();
    admin(bin, &data, &["analysis", "rebuild"]);
    let rebuild_secs = t.elapsed().as_secs_f64();
    // What the file grew to with the logging and the rebuild, and again packed.
    let worked_bytes = disk_bytes(&db_file);
    admin(bin, &data, &["compact"]);
    let packed_bytes = disk_bytes(&db_file);
    let sets_now = admin(bin, &data, &["check"])["sets"].as_u64().unwrap();

    // 7. Members with ten times the history: the analysis pages must not slow with it.
    let long_dir = tempfile::tempdir().unwrap();
    let long = demo(bin, long_dir.path(), 20, months * 10);
    let (mut long_server, long_url) = serve(bin, long_dir.path(), &[]);
    let long_tokens =
        member_tokens(&client, &long_url, long["password"].as_str().unwrap(), 16).await;
    let mut long_analysis = Vec::new();
    for (name, path) in ANALYSIS {
        long_analysis.push((
            name,
            latency(&client, &format!("{long_url}{path}"), &long_tokens, 2000, 8).await,
        ));
    }
    let _ = long_server.kill();
    let _ = long_server.wait();

    println!("training benchmark: {members} members, {months} months");
    let sets = summary["sets"].as_u64().unwrap();
    println!(
        "  generated: {} workouts, {sets} sets in {gen_secs:.1} s; database {:.1} MiB on disk, \
         {:.0} bytes per set",
        summary["workouts"],
        db_bytes as f64 / 1048576.0,
        db_bytes as f64 / sets as f64
    );
    println!(
        "  after the logging and the rebuild ({sets_now} sets): {:.1} MiB on disk ({:.0} bytes \
         per set); packed again by gymbox compact: {:.1} MiB ({:.0} bytes per set)",
        worked_bytes as f64 / 1048576.0,
        worked_bytes as f64 / sets_now as f64,
        packed_bytes as f64 / 1048576.0,
        packed_bytes as f64 / sets_now as f64
    );
    println!(
        "  set logging (16 clients, durable commits): {writes_per_s:.0} sets/s with every reactor, \
         {bare_writes:.0} sets/s without analysis ({:+.1} %)",
        (writes_per_s / bare_writes - 1.0) * 100.0
    );
    report("history page (GET /workouts?limit=20)", &history);
    report("today's workout (GET /me/today)", &today);
    for (name, v) in &analysis {
        report(name, v);
    }
    println!(
        "  with 10x the history ({} months, {} sets for 20 members):",
        months * 10,
        long["sets"]
    );
    for ((name, v), (_, one)) in long_analysis.iter().zip(&analysis) {
        println!(
            "    {name}: p50 {:.2} ms, p99 {:.2} ms ({:.2}x the 1x p99)",
            percentile_ms(v, 0.5),
            percentile_ms(v, 0.99),
            percentile_ms(v, 0.99) / percentile_ms(one, 0.99)
        );
    }
    println!("  analysis rebuild (gymbox analysis rebuild, server stopped): {rebuild_secs:.1} s");
    println!(
        "  server RSS: {:.1} MiB after start, {:.1} MiB after the load",
        rss_idle as f64 / 1024.0,
        rss_loaded as f64 / 1024.0
    );
}

/// Bytes a file takes on disk: its allocated blocks (the database file is sparse where it has
/// grown ahead of its pages, so its length says more than it holds).
fn disk_bytes(path: &std::path::Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).unwrap().blocks() * 512
}
