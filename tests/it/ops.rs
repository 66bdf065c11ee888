//! Operations files: the systemd unit passes the hardening check.

#[test]
fn systemd_unit_is_hardened() {
    let unit = concat!(env!("CARGO_MANIFEST_DIR"), "/systemd/gymbox.service");
    let text = std::fs::read_to_string(unit).expect("systemd/gymbox.service exists");
    for key in [
        "DynamicUser=yes",
        "StateDirectory=gymbox",
        "ProtectSystem=strict",
        "NoNewPrivileges=yes",
        "SystemCallFilter=@system-service",
    ] {
        assert!(text.contains(key), "unit lacks {key}");
    }
    let out = std::process::Command::new("systemd-analyze")
        .args(["security", "--offline=true", "--threshold=2", unit])
        .output()
        .expect("systemd-analyze is installed (apt-get install systemd)");
    assert!(
        out.status.success(),
        "systemd-analyze security failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn serves_on_a_socket_passed_by_systemd() {
    use std::io::{BufRead, BufReader, Read, Write};
    // A free port: bind, note it, release it for systemd-socket-activate.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new("systemd-socket-activate")
        .arg("-l")
        .arg(format!("127.0.0.1:{port}"))
        .arg(crate::support::bin())
        .args(["serve", "--listen", "127.0.0.1:1", "--data"])
        .arg(dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("systemd-socket-activate is installed (apt-get install systemd)");
    // It says "Listening on …" once the socket is bound, and starts the server on the first
    // connection.
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    err.read_line(&mut line).unwrap();
    assert!(line.starts_with("Listening on"), "{line}");
    std::thread::spawn(move || {
        let mut sink = String::new();
        while err.read_line(&mut sink).unwrap_or(0) > 0 {
            sink.clear();
        }
    });
    let mut conn = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        conn,
        "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut resp = String::new();
    conn.read_to_string(&mut resp).unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(resp.starts_with("HTTP/1.1 200"), "{resp}");
    assert_eq!(
        first.trim(),
        format!("listening on http://127.0.0.1:{port}")
    );
}

/// Rounds of: start the real binary, log sets and create plans from several writers at once,
/// `kill -9` at a random moment, start again. Every acknowledged write is there, nothing is
/// doubled, and the search index catches up with the plans.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_under_concurrent_writes_loses_and_doubles_nothing() {
    use std::collections::{BTreeSet, HashSet};
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, Instant};

    use reqwest::StatusCode;
    use serde_json::json;

    use crate::support::{Client, PASSWORD, Process};

    const ROUNDS: u32 = 5;
    const WRITERS: u32 = 3;
    let dir = tempfile::tempdir().unwrap();
    let mut p = Process::spawn(dir.path(), true);
    let c = Client::new(&p.url);
    let r = c
        .post(
            "/api/v1/auth/setup",
            json!({"setup_code": p.setup_code().unwrap(), "username": "owner", "password": PASSWORD}),
        )
        .await;
    let token = r.body["token"].as_str().unwrap().to_owned();
    let w = c
        .with_token(&token)
        .post("/api/v1/workouts", json!({"title": "Crash test"}))
        .await;
    let workout = w.body["id"].as_str().unwrap().to_owned();

    // Set ids and plan titles: sent (may or may not have been saved) and acknowledged.
    let sent = Arc::new(Mutex::new(HashSet::new()));
    let acked = Arc::new(Mutex::new(BTreeSet::new()));
    let plans_acked = Arc::new(Mutex::new(BTreeSet::new()));
    for round in 0..ROUNDS {
        let owner = Client::new(&p.url).with_token(&token);
        let target = acked.lock().unwrap().len() + rand::random_range(5..40);
        let writers: Vec<_> = (0..WRITERS)
            .map(|wr| {
                let (owner, workout) = (owner.clone(), workout.clone());
                let (sent, acked, plans) = (sent.clone(), acked.clone(), plans_acked.clone());
                tokio::spawn(async move {
                    for n in 0u32.. {
                        let r = if wr == 0 && n % 4 == 0 {
                            let title = format!("Crashproof r{round} n{n}");
                            let plan = json!({"title": title, "weeks": [{"days": [{"name": "A",
                                "exercises": [{"exercise_id": "barbell-back-squat", "sets": [{}]}]}]}]});
                            let Ok(r) = owner.req(reqwest::Method::POST, "/api/v1/plans").json(&plan).send().await else {
                                return;
                            };
                            if r.status() == StatusCode::CREATED {
                                plans.lock().unwrap().insert(title);
                            }
                            continue;
                        } else {
                            let id = format!("{:08x}{:08x}{:08x}{:08x}", 0x0190_0000u32, round, wr, n);
                            sent.lock().unwrap().insert(id.clone());
                            owner
                                .req(reqwest::Method::POST, &format!("/api/v1/workouts/{workout}/sets"))
                                .json(&json!({"id": id, "exercise_id": "barbell-back-squat", "reps": 5, "weight_kg": 60.0}))
                                .send()
                                .await
                                .map(|r| (r.status(), id))
                        };
                        match r {
                            Ok((status, id)) if status == StatusCode::CREATED => {
                                acked.lock().unwrap().insert(id);
                            }
                            Ok((status, _)) => panic!("set refused: {status}"),
                            Err(_) => return, // the server is gone
                        }
                    }
                })
            })
            .collect();
        let deadline = Instant::now() + Duration::from_secs(20);
        while acked.lock().unwrap().len() < target {
            assert!(Instant::now() < deadline, "writes stalled in round {round}");
            tokio::task::yield_now().await;
        }
        p.kill9();
        for w in writers {
            w.await.unwrap();
        }
        p = Process::spawn(dir.path(), false);
        let owner = Client::new(&p.url).with_token(&token);
        let detail = owner.get(&format!("/api/v1/workouts/{workout}")).await;
        assert_eq!(detail.status, StatusCode::OK, "{}", detail.text);
        let stored: Vec<String> = detail.body["sets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap().to_owned())
            .collect();
        let unique: BTreeSet<String> = stored.iter().cloned().collect();
        assert_eq!(unique.len(), stored.len(), "a set is doubled");
        assert_eq!(
            detail.body["workout"]["set_count"].as_u64(),
            Some(stored.len() as u64),
            "the maintained count matches the sets"
        );
        let missing: Vec<_> = acked.lock().unwrap().difference(&unique).cloned().collect();
        assert!(
            missing.is_empty(),
            "round {round}: acknowledged sets lost: {missing:?}"
        );
        let sent = sent.lock().unwrap();
        assert!(
            unique.iter().all(|id| sent.contains(id)),
            "a set nobody sent"
        );
    }
    // The index catches up with every acknowledged plan.
    let owner = Client::new(&p.url).with_token(&token);
    let want = plans_acked.lock().unwrap().clone();
    assert!(!want.is_empty());
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let r = owner
            .get("/api/v1/search?q=crashproof&types=plans&limit=50")
            .await;
        let found: BTreeSet<String> = r.body["items"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|i| i["title"].as_str().unwrap_or_default().to_owned())
                    .collect()
            })
            .unwrap_or_default();
        if want.is_subset(&found) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "search did not catch up: {want:?} vs {found:?}: {}",
            r.text
        );
        tokio::task::yield_now().await;
    }
}
