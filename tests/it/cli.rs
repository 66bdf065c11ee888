//! The real `gymbox` binary against a stopped data dir and against a running server.

use reqwest::StatusCode;
use serde_json::json;

use crate::support::{PASSWORD, TestServer, gymbox, stdout_json};

fn fails_with(out: &std::process::Output, needle: &str) {
    assert!(!out.status.success(), "expected failure");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(needle), "stderr: {err}");
    assert_eq!(err.trim().lines().count(), 1, "one-line reason: {err}");
}

#[test]
fn user_and_invite_commands_on_a_stopped_server() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let pw = format!("{PASSWORD}\n");
    let owner = stdout_json(&gymbox(
        d,
        &[
            "user",
            "add",
            "Boss",
            "--role",
            "owner",
            "--email",
            "boss@example.org",
            "--password-stdin",
            "--json",
        ],
        &pw,
    ));
    assert_eq!(owner["role"], "owner");
    assert_eq!(owner["username"], "Boss");
    fails_with(
        &gymbox(
            d,
            &[
                "user",
                "add",
                "boss2",
                "--role",
                "owner",
                "--password-stdin",
            ],
            &pw,
        ),
        "already an owner",
    );
    fails_with(
        &gymbox(
            d,
            &["user", "add", "weak", "--password-stdin"],
            "password123\n",
        ),
        "password",
    );
    fails_with(
        &gymbox(
            d,
            &["user", "add", "x", "--role", "king", "--password-stdin"],
            &pw,
        ),
        "role",
    );
    fails_with(&gymbox(d, &["user", "add", "nopw"], ""), "--password-stdin");
    // Passwords never come from argv: there is no such flag.
    assert!(
        !gymbox(
            d,
            &["user", "add", "argv", "--password", "secret secret"],
            ""
        )
        .status
        .success()
    );

    stdout_json(&gymbox(
        d,
        &[
            "user",
            "add",
            "coachy",
            "--role",
            "coach",
            "--password-stdin",
            "--json",
        ],
        &pw,
    ));
    let list = stdout_json(&gymbox(d, &["user", "list", "--json"], ""));
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["username"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Boss", "coachy"]);
    let text = gymbox(d, &["user", "list"], "");
    assert!(String::from_utf8_lossy(&text.stdout).contains("coachy"));

    let shown = stdout_json(&gymbox(d, &["user", "show", "COACHY", "--json"], ""));
    assert_eq!(shown["role"], "coach");
    let changed = stdout_json(&gymbox(
        d,
        &["user", "set-role", "coachy", "admin", "--json"],
        "",
    ));
    assert_eq!(changed["role"], "admin");
    fails_with(
        &gymbox(d, &["user", "set-role", "boss", "member"], ""),
        "owner",
    );
    let off = stdout_json(&gymbox(d, &["user", "disable", "coachy", "--json"], ""));
    assert_eq!(off["status"], "disabled");
    let on = stdout_json(&gymbox(d, &["user", "enable", "coachy", "--json"], ""));
    assert_eq!(on["status"], "active");
    assert!(
        gymbox(
            d,
            &["user", "reset-password", "coachy", "--password-stdin"],
            "a brand new phrase\n"
        )
        .status
        .success()
    );
    fails_with(
        &gymbox(d, &["user", "show", "ghost"], ""),
        "no user 'ghost'",
    );

    let inv = stdout_json(&gymbox(
        d,
        &[
            "invite",
            "create",
            "--role",
            "coach",
            "--uses",
            "3",
            "--expires",
            "2d",
            "--json",
        ],
        "",
    ));
    assert_eq!(inv["max_uses"], 3);
    assert_eq!(inv["role"], "coach");
    let code = inv["code"].as_str().unwrap().to_owned();
    let invites = stdout_json(&gymbox(d, &["invite", "list", "--json"], ""));
    assert_eq!(invites.as_array().unwrap().len(), 1);
    assert!(gymbox(d, &["invite", "revoke", &code], "").status.success());
    fails_with(&gymbox(d, &["invite", "revoke", &code], ""), "No invite");
    fails_with(
        &gymbox(d, &["invite", "create", "--expires", "soon"], ""),
        "duration",
    );

    assert!(
        gymbox(d, &["user", "delete", "coachy"], "")
            .status
            .success()
    );
    assert_eq!(
        stdout_json(&gymbox(d, &["user", "list", "--json"], ""))
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn commands_reach_a_running_server_through_the_admin_socket() {
    let s = TestServer::start().await;
    let d = s.data().to_path_buf();
    let sock = d.join("admin.sock");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&sock).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let pw = format!("{PASSWORD}\n");
    let run = move |args: Vec<String>, stdin: String| {
        let d = d.clone();
        tokio::task::spawn_blocking(move || {
            let a: Vec<&str> = args.iter().map(String::as_str).collect();
            gymbox(&d, &a, &stdin)
        })
    };
    let args = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    // Creating the owner from the CLI also ends the set-up state.
    let out = run(
        args(&[
            "user",
            "add",
            "owner",
            "--role",
            "owner",
            "--password-stdin",
            "--json",
        ]),
        pw.clone(),
    )
    .await
    .unwrap();
    assert_eq!(stdout_json(&out)["role"], "owner");
    assert_eq!(
        s.client().get("/api/v1/instance").await.body["needs_setup"],
        false
    );
    let out = run(
        args(&["user", "add", "alice", "--password-stdin", "--json"]),
        pw.clone(),
    )
    .await
    .unwrap();
    stdout_json(&out);
    let alice = s.login("alice", PASSWORD).await;
    assert_eq!(alice.get("/api/v1/me").await.status, StatusCode::OK);
    // Disabling from the CLI ends the live session at once.
    stdout_json(
        &run(args(&["user", "disable", "alice", "--json"]), String::new())
            .await
            .unwrap(),
    );
    alice
        .get("/api/v1/me")
        .await
        .problem(401, "session_expired");
    let inv = stdout_json(
        &run(args(&["invite", "create", "--json"]), String::new())
            .await
            .unwrap(),
    );
    let r = s
        .client()
        .post(
            "/api/v1/auth/register",
            json!({"username": "bob", "password": PASSWORD, "invite_code": inv["code"]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    // Rebuilding the analysis through the running server reports progress, then the result.
    let bob = s.login("bob", PASSWORD).await;
    let w = bob
        .post(
            "/api/v1/workouts",
            json!({"started_at": "2026-11-02T18:00:00Z"}),
        )
        .await;
    let wid = w.body["id"].as_str().unwrap().to_owned();
    bob.post(
        &format!("/api/v1/workouts/{wid}/sets"),
        json!({"exercise_id": "barbell-back-squat", "reps": 5, "weight_kg": 100.0,
               "completed_at": "2026-11-02T18:10:00Z"}),
    )
    .await;
    let out = run(args(&["analysis", "rebuild"]), String::new())
        .await
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("analysis rebuild: 3/3 members"), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("3 members, 1 sets"));
    let v = stdout_json(
        &run(args(&["analysis", "rebuild", "--json"]), String::new())
            .await
            .unwrap(),
    );
    assert_eq!(v["members"], 3);
    assert_eq!(v["sets"], 1);
    let records = bob.get("/api/v1/me/records").await;
    assert_eq!(records.body["items"][0]["heaviest_kg"], 100.0);
}

#[test]
fn data_files_are_private_to_their_owner() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    stdout_json(&gymbox(&data, &["user", "list", "--json"], ""));
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&data.join("gymbox.redb")), 0o600);
}

#[test]
fn a_socket_left_by_a_killed_server_does_not_confuse_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let sock = dir.path().join("admin.sock");
    // A socket file with nobody listening, as a `kill -9` leaves it.
    drop(std::os::unix::net::UnixListener::bind(&sock).unwrap());
    assert!(sock.exists());
    let out = gymbox(
        dir.path(),
        &[
            "user",
            "add",
            "owner",
            "--role",
            "owner",
            "--password-stdin",
            "--json",
        ],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(stdout_json(&out)["username"], "owner");
}

/// The server sends `null` for an empty optional field, so every optional field of a schema the
/// server answers with must say `nullable` (request-only schemas may simply omit fields), or the
/// typed web client would believe a value is either present or missing, never null.
#[test]
fn optional_response_fields_are_declared_nullable() {
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/openapi.json"))
            .expect("docs/openapi.json is committed");
    let spec: serde_json::Value = serde_json::from_str(&committed).unwrap();
    let mut missing = Vec::new();
    for (name, schema) in spec["components"]["schemas"].as_object().unwrap() {
        let request_only = ["Create", "Patch", "PatchDto", "Request"]
            .iter()
            .any(|suffix| name.ends_with(suffix));
        let Some(props) = schema["properties"].as_object() else {
            continue;
        };
        let required: Vec<&str> = schema["required"]
            .as_array()
            .map(|r| r.iter().filter_map(|v| v.as_str()).collect())
            .unwrap_or_default();
        for (field, prop) in props {
            let optional = !required.contains(&field.as_str()) && prop.get("default").is_none();
            if !request_only && optional && prop["nullable"] != true {
                missing.push(format!("{name}.{field}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "optional response fields without #[oai(nullable)]: {missing:?}"
    );
}

#[test]
fn version_openapi_completions_and_man_pages() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let v = stdout_json(&gymbox(d, &["version", "--json"], ""));
    assert_eq!(v["version"], gymbox::VERSION);
    let spec = gymbox(d, &["openapi"], "");
    assert!(spec.status.success());
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/openapi.json"))
            .expect("docs/openapi.json is committed");
    let generated: serde_json::Value = serde_json::from_slice(&spec.stdout).unwrap();
    let committed: serde_json::Value = serde_json::from_str(&committed).unwrap();
    assert!(
        generated == committed,
        "docs/openapi.json is stale: regenerate it with `cargo run -- openapi > docs/openapi.json`"
    );
    let bash = gymbox(d, &["completions", "bash"], "");
    assert!(String::from_utf8_lossy(&bash.stdout).contains("gymbox"));
    let man = d.join("man");
    assert!(
        gymbox(d, &["manpage", "--dir", man.to_str().unwrap()], "")
            .status
            .success()
    );
    assert!(man.join("gymbox.1").exists());
    assert!(man.join("gymbox-user.1").exists());
}

#[test]
fn admin_commands_find_the_data_dir_named_in_the_config_file() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("state");
    let config = dir.path().join("gymbox.toml");
    std::fs::write(&config, format!("data = {:?}\n", data.to_str().unwrap())).unwrap();
    let run = |args: &[&str], stdin: &str| {
        let mut cmd = std::process::Command::new(crate::support::bin());
        cmd.args(args)
            .env_remove("GYMBOX_DATA")
            .env("GYMBOX_CONFIG", &config)
            .current_dir(dir.path());
        crate::support::run(cmd, stdin)
    };
    let out = run(
        &[
            "user",
            "add",
            "coachy",
            "--role",
            "coach",
            "--password-stdin",
        ],
        &format!("{PASSWORD}\n"),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        data.join("gymbox.redb").exists(),
        "the database is where the file says"
    );
    assert!(!dir.path().join("gymbox-data").exists());
    let list = stdout_json(&run(&["user", "list", "--json"], ""));
    assert!(list.to_string().contains("coachy"), "{list}");

    std::fs::write(&config, "data = 5\n").unwrap();
    fails_with(&run(&["user", "list"], ""), "gymbox.toml");
}
