//! Helpers shared by the benchmarks.

#![allow(dead_code)]

use std::time::Duration;

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
