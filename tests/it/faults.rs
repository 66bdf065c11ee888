//! Faults and resources: a full disk refuses writes with 507 and recovers by itself, without
//! losing or doubling anything that was acknowledged.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::{Client, PASSWORD, TestServer};

/// A small tmpfs mounted for one test; unmounted on drop.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    /// Mounts a tmpfs of `size` (e.g. `24m`). Needs root (CI runs as root); without it the
    /// test fails saying so rather than passing without having run.
    fn mount(size: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let out = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .output()
            .expect("mount runs");
        assert!(
            out.status.success(),
            "this test mounts a small tmpfs to fill it and needs root (CI runs as root): {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Self { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Fills the disk with a file until writing fails; returns the file.
    fn fill(&self) -> PathBuf {
        use std::io::Write;
        let path = self.path().join("filler");
        let mut f = std::fs::File::create(&path).unwrap();
        let chunk = vec![0u8; 64 * 1024];
        while f.write_all(&chunk).is_ok() {}
        let _ = f.flush();
        // Whatever is left is smaller than a chunk: take it too.
        while f.write_all(&[0u8; 512]).is_ok() {}
        path
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg("-l")
            .arg(self.dir.path())
            .status();
    }
}

/// Sends without `Client::send`'s "no 5xx" assertion (507 is the expected answer here).
async fn send(b: reqwest::RequestBuilder) -> (StatusCode, Value) {
    let r = b.send().await.expect("request sent");
    let status = r.status();
    let ct = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let body: Value = r.json().await.unwrap_or(Value::Null);
    if status.is_client_error() || status.is_server_error() {
        assert_eq!(ct, "application/problem+json", "{status}: {body}");
    }
    (status, body)
}

fn set_id(n: u32) -> String {
    format!(
        "{:032x}",
        0x0190_0000_0000_7000_8000_0000_0000_0000u128 + u128::from(n)
    )
}

async fn log_set(c: &Client, workout: &str, n: u32) -> (StatusCode, Value) {
    send(c.req(reqwest::Method::POST, &format!("/api/v1/workouts/{workout}/sets")).json(
        &json!({"id": set_id(n), "exercise_id": "barbell-back-squat", "reps": 5, "weight_kg": 100.0}),
    ))
    .await
}

async fn set_ids(c: &Client, workout: &str) -> Vec<String> {
    let r = c.get(&format!("/api/v1/workouts/{workout}")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    r.body["sets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_full_disk_refuses_writes_with_507_and_recovers_by_itself() {
    let disk = SmallDisk::mount("24m");
    let data = tempfile::tempdir_in(disk.path()).unwrap();
    let s = TestServer::start_in(data, |_| {}).await;
    let owner = s.owner().await;
    let w = owner
        .post(
            "/api/v1/workouts",
            json!({"title": "Before the disk filled"}),
        )
        .await;
    assert_eq!(w.status, StatusCode::CREATED, "{}", w.text);
    let workout = w.body["id"].as_str().unwrap().to_owned();

    let filler = disk.fill();
    // Log sets until the disk refuses; redb may still fit a few into pages it already has.
    let mut acked = Vec::new();
    let mut refused = None;
    for n in 0..400 {
        let (status, body) = log_set(&owner, &workout, n).await;
        match status.as_u16() {
            201 => acked.push(set_id(n)),
            507 => {
                refused = Some((n, body));
                break;
            }
            other => panic!("set {n}: {other} {body}"),
        }
    }
    let (n, body) = refused.expect("a write on a full disk is refused");
    assert_eq!(body["type"], "insufficient_storage", "{body}");
    assert!(
        body["detail"].as_str().unwrap().contains("storage is full"),
        "{body}"
    );
    // Reads keep working and show exactly what was acknowledged.
    assert_eq!(set_ids(&owner, &workout).await, acked);
    let health = owner.get("/healthz").await;
    assert_eq!(health.status, StatusCode::OK);
    assert_eq!(health.body["status"], "degraded", "{}", health.text);
    assert_eq!(health.body["reason"], "storage_full");
    // Still full: still refused (at once, without touching the database).
    let (status, _) = log_set(&owner, &workout, n).await;
    assert_eq!(status.as_u16(), 507);

    // Space returns: writes, sign-in and health recover without a restart.
    std::fs::remove_file(filler).unwrap();
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let (status, body) = log_set(&owner, &workout, n).await;
        if status == StatusCode::CREATED {
            acked.push(set_id(n));
            break;
        }
        assert_eq!(status.as_u16(), 507, "{body}");
        assert!(Instant::now() < deadline, "writes did not recover");
        tokio::task::yield_now().await;
    }
    let again = s.login("owner", PASSWORD).await;
    assert_eq!(again.get("/healthz").await.body["status"], "ok");
    let plan = json!({"title": "Recovered zebra", "weeks": [{"days": [{"name": "A", "exercises": [
        {"exercise_id": "barbell-back-squat", "sets": [{}]}]}]}]});
    assert_eq!(
        again.post("/api/v1/plans", plan).await.status,
        StatusCode::CREATED
    );
    s.indexed().await;
    let found = again.get("/api/v1/search?q=zebra&types=plans").await;
    assert_eq!(
        found.body["items"].as_array().unwrap().len(),
        1,
        "{}",
        found.text
    );

    // Nothing acknowledged is lost or doubled, also after a restart.
    assert_eq!(set_ids(&owner, &workout).await, acked);
    let data = s.stop().await;
    let s = TestServer::start_in(data, |_| {}).await;
    let owner = s.login("owner", PASSWORD).await;
    assert_eq!(set_ids(&owner, &workout).await, acked);
    s.stop().await;
}
