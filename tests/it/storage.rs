//! Durability, restarts, shutdown and schema migrations.

use reqwest::StatusCode;
use serde_json::json;

use crate::support::{Client, PASSWORD, Process, TestServer};

#[tokio::test]
async fn restart_keeps_accounts_sessions_and_settings() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    owner
        .patch(
            "/api/v1/admin/settings",
            json!({"registration_mode": "open"}),
        )
        .await;
    owner
        .patch("/api/v1/me", json!({"bio": "still here"}))
        .await;
    let token = owner.token().to_owned();
    let dir = s.stop().await;
    let s2 = TestServer::start_in(dir, |_| {}).await;
    assert!(
        s2.setup_code.is_none(),
        "no new set-up code once an owner exists"
    );
    let c = Client::new(&s2.url).with_token(&token);
    let me = c.get("/api/v1/me").await;
    assert_eq!(me.body["bio"], "still here");
    assert_eq!(
        c.get("/api/v1/instance").await.body["registration_mode"],
        "open"
    );
}

#[tokio::test]
async fn acknowledged_writes_survive_kill_9() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = Process::spawn(dir.path(), true);
    let code = p.setup_code().expect("set-up code printed");
    let c = Client::new(&p.url);
    let r = c
        .post(
            "/api/v1/auth/setup",
            json!({"setup_code": code, "username": "owner", "password": PASSWORD}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let owner = c.with_token(r.body["token"].as_str().unwrap());
    let inv = owner
        .post("/api/v1/admin/invites", json!({"max_uses": 5}))
        .await;
    assert_eq!(inv.status, StatusCode::CREATED);
    p.kill9();
    let p2 = Process::spawn(dir.path(), false);
    let c2 = Client::new(&p2.url);
    let owner2 = c2.with_token(owner.token());
    assert_eq!(owner2.get("/api/v1/me").await.status, StatusCode::OK);
    let list = owner2.get("/api/v1/admin/invites").await;
    assert_eq!(list.body["items"][0]["code"], inv.body["code"]);
}

#[test]
fn sigterm_sigint_and_sighup_shut_down_cleanly_and_remove_the_socket() {
    for sig in ["TERM", "INT", "HUP"] {
        let dir = tempfile::tempdir().unwrap();
        let mut p = Process::spawn(dir.path(), true);
        assert!(dir.path().join("admin.sock").exists());
        let pid = p.child.id().to_string();
        let killed = std::process::Command::new("kill")
            .args([&format!("-{sig}"), &pid])
            .status()
            .unwrap();
        assert!(killed.success());
        let status = p.child.wait().unwrap();
        assert!(status.success(), "SIG{sig}: exit status {status:?}");
        assert!(!dir.path().join("admin.sock").exists(), "SIG{sig}");
        // The database is closed: it opens again at once.
        gymbox::storage::Store::open(dir.path()).expect("database reopens");
    }
}

#[tokio::test]
async fn a_database_from_schema_version_1_is_migrated() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/schema-v1.redb"),
        dir.path().join("gymbox.redb"),
    )
    .unwrap();
    let s = TestServer::start_in(dir, |_| {}).await;
    // Version 2 indexed e-mail addresses: signing in by e-mail works for the old user.
    let c = s.login("veteran@example.org", PASSWORD).await;
    let me = c.get("/api/v1/me").await;
    assert_eq!(me.body["username"], "veteran");
    assert_eq!(me.body["role"], "owner");
    let db = redb::Database::open(s.data().join("gymbox.redb"));
    assert!(db.is_err(), "the running server holds the database");
    let dir = s.stop().await;
    let db = redb::Database::open(dir.path().join("gymbox.redb")).unwrap();
    assert_eq!(
        gymbox::storage::migrate::read_version(&db).unwrap(),
        Some(gymbox::storage::migrate::SCHEMA_VERSION)
    );
}

#[test]
fn a_database_from_a_newer_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    {
        let db = redb::Database::create(dir.path().join("gymbox.redb")).unwrap();
        let tx = db.begin_write().unwrap();
        tx.open_table(gymbox::storage::schema::META)
            .unwrap()
            .insert("schema_version", 99u64)
            .unwrap();
        tx.commit().unwrap();
    }
    let err = gymbox::storage::Store::open(dir.path())
        .err()
        .expect("refused")
        .to_string();
    assert!(err.contains("newer Gymbox") && err.contains("99"), "{err}");
    let out = crate::support::gymbox(dir.path(), &["user", "list"], "");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("newer Gymbox"));
}

/// Writes `tests/fixtures/schema-v1.redb` the way schema version 1 stored things (users and the
/// username index; no e-mail index). Run with `cargo test -- --ignored make_v1_fixture`.
#[test]
#[ignore = "generates the committed fixture"]
fn make_v1_fixture() {
    use argon2::PasswordHasher;
    use gymbox::storage::schema::{META, SETTINGS, USERNAME_TO_USER, USERS};
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/schema-v1.redb");
    let _ = std::fs::remove_file(path);
    let db = redb::Database::create(path).unwrap();
    let hash = argon2::Argon2::default()
        .hash_password(PASSWORD.as_bytes())
        .unwrap()
        .to_string();
    let id: u128 = 0x0190_0000_0000_7000_8000_0000_0000_0001;
    // serde_json's Value cannot hold a u128, so the record is written as text.
    let user = format!(
        r#"{{"id":{id},"username":"veteran","email":"Veteran@Example.org","display_name":"Old Timer","bio":"","role":"owner","status":"active","password_hash":"{hash}","created_at":1700000000}}"#
    );
    let mut value = vec![1u8];
    value.extend(user.as_bytes());
    let tx = db.begin_write().unwrap();
    tx.open_table(META)
        .unwrap()
        .insert("schema_version", 1u64)
        .unwrap();
    tx.open_table(USERS)
        .unwrap()
        .insert(id, value.as_slice())
        .unwrap();
    tx.open_table(USERNAME_TO_USER)
        .unwrap()
        .insert("veteran", id)
        .unwrap();
    tx.open_table(SETTINGS)
        .unwrap()
        .insert("owner_id", id.to_be_bytes().as_slice())
        .unwrap();
    tx.commit().unwrap();
}
