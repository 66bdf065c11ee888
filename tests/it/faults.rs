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

/// Runs `gymbox --data DIR ARGS` with standard output going to `stdout`.
fn gymbox_to(data: &Path, args: &[&str], stdout: std::process::Stdio) -> std::process::Output {
    std::process::Command::new(crate::support::bin())
        .arg("--data")
        .arg(data)
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(stdout)
        .stderr(std::process::Stdio::piped())
        .output()
        .expect("gymbox runs")
}

/// Asserts a failure with one line on stderr containing `needle`, and no panic.
fn one_line_failure(out: &std::process::Output, needle: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "succeeded: {err}");
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.starts_with("gymbox: ") && err.contains(needle), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn the_cli_reports_a_closed_or_full_stdout_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = gymbox_to(dir.path(), &["version"], full.into());
    one_line_failure(&out, "cannot write the output");
    // `gymbox user list | head -0`: the reader is gone before anything is written.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = gymbox_to(dir.path(), &["user", "list"], writer.into());
    one_line_failure(&out, "cannot write the output");
}

#[test]
fn damaged_or_impossible_databases_are_refused_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("gymbox.redb");
    // An empty file is a new database.
    std::fs::write(&db, b"").unwrap();
    let out = gymbox_to(
        dir.path(),
        &["user", "list", "--json"],
        std::process::Stdio::piped(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let set_version = |v: u64| {
        let d = redb::Database::create(&db).unwrap();
        let tx = d.begin_write().unwrap();
        tx.open_table(gymbox::storage::schema::META)
            .unwrap()
            .insert("schema_version", v)
            .unwrap();
        tx.commit().unwrap();
    };
    set_version(0);
    let out = gymbox_to(dir.path(), &["user", "list"], std::process::Stdio::piped());
    one_line_failure(&out, "schema version 0");
    set_version(u64::MAX);
    let out = gymbox_to(dir.path(), &["user", "list"], std::process::Stdio::piped());
    one_line_failure(&out, "newer Gymbox");
    // Not a database at all.
    std::fs::write(&db, vec![0x5Au8; 8192]).unwrap();
    let out = gymbox_to(dir.path(), &["user", "list"], std::process::Stdio::piped());
    one_line_failure(&out, "cannot open the database");
}

/// Sends raw bytes on a new connection and reads until the server closes it.
fn raw(addr: &str, request: &[u8]) -> String {
    use std::io::{Read, Write};
    let mut c = std::net::TcpStream::connect(addr).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    c.write_all(request).unwrap();
    let mut out = Vec::new();
    let _ = c.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

#[tokio::test]
async fn odd_requests_get_problem_json_never_an_empty_body() {
    let s = TestServer::start().await;
    let c = s.client();
    let long = format!("/api/v1/users/{}", "a".repeat(20_000));
    c.get(&long).await.problem(414, "uri_too_long");
    let r = c.get("/api/v1/users/%FF%FE").await;
    assert!(r.status.is_client_error(), "{}", r.text);
    r.problem(r.status.as_u16(), r.body["type"].as_str().unwrap_or("?"));
    let r = c.get("/api/v1/exercises/%C0%AF").await;
    r.problem(r.status.as_u16(), r.body["type"].as_str().unwrap_or("?"));
}

#[tokio::test]
async fn idle_half_open_connections_are_closed() {
    let s = TestServer::start_with(|c| c.idle_timeout = Duration::from_millis(300)).await;
    let addr = s.url.trim_start_matches("http://").to_owned();
    let started = Instant::now();
    // Headers that never end: the server closes the connection rather than wait forever.
    let out =
        tokio::task::spawn_blocking(move || raw(&addr, b"GET /healthz HTTP/1.1\r\nHost: x\r\n"))
            .await
            .unwrap();
    assert!(started.elapsed() < Duration::from_secs(9), "not closed");
    assert!(!out.contains("200 OK"), "{out}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_answers_requests_already_sent_on_kept_alive_connections() {
    use std::io::{BufRead, BufReader, Read, Write};
    let s = TestServer::start().await;
    let addr = s.url.trim_start_matches("http://").to_owned();
    let mut conn = std::net::TcpStream::connect(&addr).unwrap();
    conn.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let req = b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
    // A first request keeps the connection alive …
    conn.write_all(req).unwrap();
    let mut reader = BufReader::new(conn.try_clone().unwrap());
    let mut head = String::new();
    let mut len = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length: ") {
            len = v.trim().parse().unwrap();
        }
        head.push_str(&line);
        if line == "\r\n" {
            break;
        }
    }
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    let mut body = vec![0; len];
    reader.read_exact(&mut body).unwrap();
    // … the next one is sent just as the server begins to stop: it is still answered.
    conn.write_all(req).unwrap();
    let stopping = tokio::spawn(s.stop());
    let rest = tokio::task::spawn_blocking(move || {
        let mut out = String::new();
        let _ = reader.read_to_string(&mut out);
        out
    })
    .await
    .unwrap();
    // Answered (with `Connection: close` if it arrived once the server was stopping), and
    // then the connection is closed: `read_to_string` returned.
    assert!(rest.starts_with("HTTP/1.1 200"), "{rest:?}");
    stopping.await.unwrap();
}
