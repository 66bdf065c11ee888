//! Social benchmark: a synthetic gym (default 1,000 members × 24 months of workouts, each
//! member following 100 others), served by the real `gymbox` binary over 127.0.0.1.
//!
//! Reports: p50/p99 of the first page of the feed (`following`, merged on read from the
//! activity of the member and everyone they follow; and `gym`), of the notifications page,
//! and the sustained durable set-logging rate with every reactor on vs the same run without
//! the social reactor. Run with `cargo bench --bench social`; scale with BENCH_MEMBERS,
//! BENCH_MONTHS, BENCH_FOLLOWS, BENCH_SECONDS.

use std::time::Instant;

mod common;
use common::{demo_with, env_num, latency, log_sets, member_tokens, percentile_ms, report, serve};

#[tokio::main]
async fn main() {
    let members = env_num::<u32>("BENCH_MEMBERS", 1000);
    let months = env_num::<u32>("BENCH_MONTHS", 24);
    let follows = env_num::<u32>("BENCH_FOLLOWS", 100);
    let seconds = env_num::<u32>("BENCH_SECONDS", 10);
    let dir = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_gymbox");

    let t = Instant::now();
    let summary = demo_with(
        bin,
        dir.path(),
        members,
        months,
        &["--follows", &follows.to_string()],
    );
    let gen_secs = t.elapsed().as_secs_f64();
    let password = summary["password"].as_str().unwrap().to_owned();

    let (mut server, url) = serve(bin, dir.path(), &[]);
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(64)
        .build()
        .unwrap();
    let tokens = member_tokens(&client, &url, &password, 64).await;
    let health = latency(&client, &format!("{url}/healthz"), &tokens, 4000, 8).await;
    let feed = latency(
        &client,
        &format!("{url}/api/v1/feed?limit=20"),
        &tokens,
        2000,
        8,
    )
    .await;
    let gym = latency(
        &client,
        &format!("{url}/api/v1/feed?scope=gym&limit=20"),
        &tokens,
        2000,
        8,
    )
    .await;
    let notes = latency(
        &client,
        &format!("{url}/api/v1/notifications"),
        &tokens,
        2000,
        8,
    )
    .await;
    let writes = log_sets(&client, &url, &tokens, seconds).await;
    let _ = server.kill();
    let _ = server.wait();

    let (mut bare, bare_url) = serve(bin, dir.path(), &[("GYMBOX_REACTORS_OFF", "social")]);
    let bare_tokens = member_tokens(&client, &bare_url, &password, 64).await;
    let bare_writes = log_sets(&client, &bare_url, &bare_tokens, seconds).await;
    let _ = bare.kill();
    let _ = bare.wait();

    println!("social benchmark: {members} members, {months} months, {follows} follows each");
    println!(
        "  generated: {} workouts, {} sets, {} follows in {gen_secs:.1} s",
        summary["workouts"], summary["sets"], summary["follows"]
    );
    report("GET /healthz (same run, for scale)", &health);
    report("feed, following (GET /feed?limit=20)", &feed);
    report("feed, gym (GET /feed?scope=gym&limit=20)", &gym);
    report("notifications (GET /notifications)", &notes);
    println!(
        "  set logging (16 clients, durable commits): {writes:.0} sets/s with every reactor, \
         {bare_writes:.0} sets/s without the social reactor ({:+.1} %)",
        (writes / bare_writes - 1.0) * 100.0
    );
    println!(
        "  feed p99 / healthz p99: {:.1}x",
        percentile_ms(&feed, 0.99) / percentile_ms(&health, 0.99)
    );
}
