//! Sign-in and account security: one-time codes under concurrency, invites by role, throttles,
//! weak passwords, sessions after credential changes, owner-only files.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{Client, PASSWORD, Resp, TestServer, field_of_items, gymbox, stdout_json};

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// A request as if from `addr` (the server must trust the proxy header).
async fn from(c: &Client, addr: &str, path: &str, body: Value) -> Resp {
    Client::send(
        c.req(Method::POST, path)
            .header("x-forwarded-for", addr)
            .json(&body),
    )
    .await
}

/// Turns two-factor sign-in on for `c`; returns the secret and the recovery codes.
async fn enable_totp(c: &Client) -> (String, Vec<String>) {
    let setup = c
        .post("/api/v1/me/totp/setup", json!({"password": PASSWORD}))
        .await;
    assert_eq!(setup.status, StatusCode::OK, "{}", setup.text);
    let secret = setup.body["secret"].as_str().unwrap().to_owned();
    let code = gymbox::accounts::totp::current_code(&secret, now());
    let en = c
        .post("/api/v1/me/totp/enable", json!({"code": code}))
        .await;
    assert_eq!(en.status, StatusCode::OK, "{}", en.text);
    let codes = serde_json::from_value(en.body["recovery_codes"].clone()).unwrap();
    (secret, codes)
}

/// Sends `n` copies of one request at once, each from its own address; returns the statuses.
async fn at_once(c: &Client, path: &str, body: Value, n: usize) -> Vec<u16> {
    let tasks: Vec<_> = (0..n)
        .map(|i| {
            let (c, path, body) = (c.clone(), path.to_owned(), body.clone());
            tokio::spawn(async move {
                from(&c, &format!("198.51.100.{}", i + 1), &path, body)
                    .await
                    .status
                    .as_u16()
            })
        })
        .collect();
    let mut out = Vec::new();
    for t in tasks {
        out.push(t.await.unwrap());
    }
    out
}

fn count(statuses: &[u16], status: u16) -> usize {
    statuses.iter().filter(|s| **s == status).count()
}

// ----- one-time codes --------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_totp_code_or_recovery_code_signs_in_once_under_concurrency() {
    let s = TestServer::start_with(|c| c.trust_proxy = true).await;
    let owner = s.owner().await;
    let (secret, recovery) = enable_totp(&owner).await;
    let anon = s.client();
    // The next step's code is valid (±1 step) and newer than the one used to enable.
    let code = gymbox::accounts::totp::current_code(&secret, now() + 30);
    let login = |code: &str| json!({"login": "owner", "password": PASSWORD, "totp_code": code});
    let statuses = at_once(&anon, "/api/v1/auth/login", login(&code), 8).await;
    assert_eq!(count(&statuses, 200), 1, "{statuses:?}");
    assert_eq!(count(&statuses, 401), 7, "{statuses:?}");
    let statuses = at_once(&anon, "/api/v1/auth/login", login(&recovery[0]), 8).await;
    assert_eq!(count(&statuses, 200), 1, "{statuses:?}");
    // The other recovery codes still work.
    let r = from(
        &anon,
        "192.0.2.1",
        "/api/v1/auth/login",
        login(&recovery[1]),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_code_enables_two_factor_once_under_concurrency() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let setup = owner
        .post("/api/v1/me/totp/setup", json!({"password": PASSWORD}))
        .await;
    let secret = setup.body["secret"].as_str().unwrap().to_owned();
    let code = gymbox::accounts::totp::current_code(&secret, now());
    let statuses = at_once(&owner, "/api/v1/me/totp/enable", json!({"code": code}), 8).await;
    assert_eq!(count(&statuses, 200), 1, "{statuses:?}");
}

// ----- invites -----------------------------------------------------------------------------------

#[tokio::test]
async fn admins_see_and_manage_only_invites_for_roles_they_may_grant() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let admin = s.user(&owner, "admin1", "admin").await;
    let invite = |c: &Client, role: &'static str| {
        let c = c.clone();
        async move { c.post("/api/v1/admin/invites", json!({"role": role})).await }
    };
    let mut owners = Vec::new();
    for _ in 0..3 {
        let r = invite(&owner, "admin").await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        owners.push(r.body["code"].as_str().unwrap().to_owned());
    }
    let mut admins = Vec::new();
    for role in ["member", "coach"] {
        let r = invite(&admin, role).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        admins.push(r.body["code"].as_str().unwrap().to_owned());
    }
    invite(&admin, "admin").await.problem(403, "forbidden");
    invite(&admin, "owner").await.problem(403, "forbidden");
    invite(&owner, "owner").await.problem(403, "forbidden");

    // Page one item at a time: the admin sees their grantable invites and nothing else.
    let mut seen = Vec::new();
    let mut cursor = String::new();
    loop {
        let page = admin
            .get(&format!("/api/v1/admin/invites?limit=1{cursor}"))
            .await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.text);
        for item in page.body["items"].as_array().unwrap() {
            assert_ne!(item["role"], "admin", "{item}");
            seen.push(item["code"].as_str().unwrap().to_owned());
        }
        match page.body["next_cursor"].as_str() {
            Some(c) => cursor = format!("&cursor={c}"),
            None => break,
        }
    }
    seen.sort();
    admins.sort();
    assert_eq!(seen, admins);
    let all = field_of_items(&owner.get("/api/v1/admin/invites").await.body, "code");
    assert!(owners.iter().chain(&admins).all(|c| all.contains(c)));

    admin
        .delete(&format!("/api/v1/admin/invites/{}", owners[0]))
        .await
        .problem(404, "not_found");
    let r = admin
        .delete(&format!("/api/v1/admin/invites/{}", admins[0]))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let r = owner
        .delete(&format!("/api/v1/admin/invites/{}", owners[0]))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn the_operator_at_the_admin_socket_acts_as_owner_for_invites() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let d = s.data().to_path_buf();
    let out = tokio::task::spawn_blocking(move || {
        let made = gymbox(&d, &["invite", "create", "--role", "admin", "--json"], "");
        let list = gymbox(&d, &["invite", "list", "--json"], "");
        (made, list)
    })
    .await
    .unwrap();
    let made = stdout_json(&out.0);
    assert_eq!(made["role"], "admin");
    let list = stdout_json(&out.1);
    assert!(list.to_string().contains(made["code"].as_str().unwrap()));
    let listed = field_of_items(&owner.get("/api/v1/admin/invites").await.body, "code");
    assert!(listed.contains(&made["code"].as_str().unwrap().to_owned()));
}

// ----- throttling --------------------------------------------------------------------------------

#[tokio::test]
async fn password_reverification_is_throttled_like_sign_in() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    for _ in 0..5 {
        owner
            .post(
                "/api/v1/me/password",
                json!({"current_password": "not my password", "new_password": "violet harbour kettle drum"}),
            )
            .await
            .problem(403, "wrong_password");
    }
    let r = owner
        .post(
            "/api/v1/me/password",
            json!({"current_password": PASSWORD, "new_password": "violet harbour kettle drum"}),
        )
        .await;
    r.problem(429, "rate_limited");
    let retry: u64 = r.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=900).contains(&retry));
    for path in ["/api/v1/me/totp/setup", "/api/v1/me/totp/disable"] {
        owner
            .post(path, json!({"password": PASSWORD}))
            .await
            .problem(429, "rate_limited");
    }
    owner
        .post("/api/v1/me/totp/enable", json!({"code": "123456"}))
        .await
        .problem(429, "rate_limited");
}

#[tokio::test]
async fn wrong_two_factor_codes_count_towards_the_reverification_limit() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let setup = owner
        .post("/api/v1/me/totp/setup", json!({"password": PASSWORD}))
        .await;
    assert_eq!(setup.status, StatusCode::OK);
    for _ in 0..5 {
        owner
            .post("/api/v1/me/totp/enable", json!({"code": "000000"}))
            .await
            .problem(422, "wrong_code");
    }
    owner
        .post("/api/v1/me/totp/enable", json!({"code": "000000"}))
        .await
        .problem(429, "rate_limited");
}

#[tokio::test]
async fn switching_between_username_and_email_does_not_double_the_limit() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    owner
        .patch("/api/v1/me", json!({"email": "boss@example.org"}))
        .await;
    let anon = s.client();
    for login in [
        "owner",
        "Boss@Example.org",
        "OWNER",
        "boss@example.org",
        "owner",
    ] {
        anon.post(
            "/api/v1/auth/login",
            json!({"login": login, "password": "not the password"}),
        )
        .await
        .problem(401, "invalid_credentials");
    }
    for login in ["boss@example.org", "owner"] {
        anon.post(
            "/api/v1/auth/login",
            json!({"login": login, "password": PASSWORD}),
        )
        .await
        .problem(429, "rate_limited");
    }
}

#[tokio::test]
async fn overlong_names_are_refused_before_anything_else() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let anon = s.client();
    let long = "a".repeat(300);
    let r = anon
        .post(
            "/api/v1/auth/login",
            json!({"login": long, "password": "not the password"}),
        )
        .await;
    r.problem(422, "validation_failed");
    assert_eq!(r.body["errors"][0]["field"], "login", "{}", r.text);
    let r = anon
        .post(
            "/api/v1/auth/login",
            json!({"login": "owner", "password": "p".repeat(5000)}),
        )
        .await;
    r.problem(422, "validation_failed");
    assert_eq!(r.body["errors"][0]["field"], "password", "{}", r.text);
    // Overlong attempts are not failures: the account is not locked by them.
    for _ in 0..6 {
        anon.post(
            "/api/v1/auth/login",
            json!({"login": format!("owner{long}"), "password": "x"}),
        )
        .await
        .problem(422, "validation_failed");
    }
    s.login("owner", PASSWORD).await;
    let inv = owner
        .post("/api/v1/admin/invites", json!({"role": "member"}))
        .await;
    for (field, body) in [
        (
            "username",
            json!({"username": "u".repeat(5000), "password": PASSWORD}),
        ),
        (
            "email",
            json!({"username": "fine", "password": PASSWORD, "email": format!("{}@example.org", "e".repeat(5000))}),
        ),
    ] {
        let mut body = body;
        body["invite_code"] = inv.body["code"].clone();
        let r = anon.post("/api/v1/auth/register", body).await;
        r.problem(422, "validation_failed");
        assert_eq!(r.body["errors"][0]["field"], field, "{}", r.text);
    }
}

#[tokio::test]
async fn setup_code_attempts_are_limited_per_address() {
    let s = TestServer::start_with(|c| c.trust_proxy = true).await;
    let anon = s.client();
    let body = |code: &str| json!({"setup_code": code, "username": "owner", "password": PASSWORD});
    for _ in 0..10 {
        from(
            &anon,
            "203.0.113.5",
            "/api/v1/auth/setup",
            body("wrong-code"),
        )
        .await
        .problem(403, "invalid_setup_code");
    }
    let code = s.setup_code.clone().unwrap();
    let r = from(&anon, "203.0.113.5", "/api/v1/auth/setup", body(&code)).await;
    r.problem(429, "rate_limited");
    assert!(r.header("retry-after").is_some());
    let r = from(&anon, "192.0.2.8", "/api/v1/auth/setup", body(&code)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
}

#[tokio::test]
async fn invite_code_attempts_are_limited_per_address() {
    let s = TestServer::start_with(|c| c.trust_proxy = true).await;
    let owner = s.owner().await;
    let inv = owner
        .post("/api/v1/admin/invites", json!({"role": "member"}))
        .await;
    let anon = s.client();
    let body = |name: &str, code: &str| json!({"username": name, "password": PASSWORD, "invite_code": code});
    for _ in 0..10 {
        from(
            &anon,
            "203.0.113.6",
            "/api/v1/auth/register",
            body("guesser", "wrongcode123"),
        )
        .await
        .problem(403, "invalid_invite");
    }
    let code = inv.body["code"].as_str().unwrap();
    let r = from(
        &anon,
        "203.0.113.6",
        "/api/v1/auth/register",
        body("guesser", code),
    )
    .await;
    r.problem(429, "rate_limited");
    assert!(r.header("retry-after").is_some());
    let r = from(
        &anon,
        "192.0.2.9",
        "/api/v1/auth/register",
        body("invited", code),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
}

#[tokio::test]
async fn registrations_are_limited_per_address() {
    let s = TestServer::start_with(|c| c.trust_proxy = true).await;
    let owner = s.owner().await;
    owner
        .patch(
            "/api/v1/admin/settings",
            json!({"registration_mode": "closed"}),
        )
        .await;
    let anon = s.client();
    let body = json!({"username": "newbie", "password": PASSWORD});
    for _ in 0..30 {
        from(&anon, "203.0.113.7", "/api/v1/auth/register", body.clone())
            .await
            .problem(403, "registration_closed");
    }
    let r = from(&anon, "203.0.113.7", "/api/v1/auth/register", body.clone()).await;
    r.problem(429, "rate_limited");
    assert!(r.header("retry-after").is_some());
    from(&anon, "192.0.2.10", "/api/v1/auth/register", body)
        .await
        .problem(403, "registration_closed");
}

// ----- weak passwords ----------------------------------------------------------------------------

#[tokio::test]
async fn guessable_passwords_are_refused_with_a_reason() {
    let s = TestServer::start_with(|c| c.instance_name = "Riverside Barbell".into()).await;
    let owner = s.owner().await;
    let inv = owner
        .post(
            "/api/v1/admin/invites",
            json!({"role": "member", "max_uses": 10}),
        )
        .await;
    let code = inv.body["code"].clone();
    let anon = s.client();
    for (password, why) in [
        ("qwertyuiop12", "keyboard pattern"),
        ("riverside barbell", "the gym's name"),
        ("dmitri.kuznetsov", "the e-mail address"),
        ("KuznetsovDmitri", "the display name"),
    ] {
        let r = anon
            .post(
                "/api/v1/auth/register",
                json!({
                    "username": "dima77",
                    "display_name": "Dmitri Kuznetsov",
                    "email": "dmitri.kuznetsov@example.org",
                    "password": password,
                    "invite_code": code,
                }),
            )
            .await;
        r.problem(422, "validation_failed");
        let field = &r.body["errors"][0];
        assert_eq!(field["field"], "password", "{why}: {}", r.text);
        let msg = field["message"].as_str().unwrap();
        assert!(msg.contains("guess") && msg.ends_with('.'), "{why}: {msg}");
    }
    owner
        .post(
            "/api/v1/me/password",
            json!({"current_password": PASSWORD, "new_password": "owner owner owner 1"}),
        )
        .await
        .problem(422, "validation_failed");
    let r = anon
        .post(
            "/api/v1/auth/register",
            json!({"username": "dima77", "password": "violet harbour kettle drum", "invite_code": code}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
}

// ----- sessions after credential changes ---------------------------------------------------------

async fn api_token(c: &Client, s: &TestServer) -> Client {
    let t = c.post("/api/v1/me/tokens", json!({"name": "script"})).await;
    assert_eq!(t.status, StatusCode::CREATED, "{}", t.text);
    s.client().with_token(t.body["token"].as_str().unwrap())
}

#[tokio::test]
async fn a_password_change_ends_other_sessions_and_tokens_unless_kept() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let other = s.login("owner", PASSWORD).await;
    let script = api_token(&owner, &s).await;
    let r = owner
        .post(
            "/api/v1/me/password",
            json!({"current_password": PASSWORD, "new_password": "violet harbour kettle drum"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
    assert_eq!(owner.get("/api/v1/me").await.status, StatusCode::OK);
    other
        .get("/api/v1/me")
        .await
        .problem(401, "session_expired");
    script
        .get("/api/v1/me")
        .await
        .problem(401, "session_expired");

    let other = s.login("owner", "violet harbour kettle drum").await;
    let script = api_token(&owner, &s).await;
    let r = owner
        .post(
            "/api/v1/me/password",
            json!({
                "current_password": "violet harbour kettle drum",
                "new_password": "amber quarry lantern moss",
                "keep_tokens": true,
            }),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
    other
        .get("/api/v1/me")
        .await
        .problem(401, "session_expired");
    assert_eq!(script.get("/api/v1/me").await.status, StatusCode::OK);
}

#[tokio::test]
async fn turning_on_two_factor_ends_the_other_sessions() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let other = s.login("owner", PASSWORD).await;
    enable_totp(&owner).await;
    assert_eq!(owner.get("/api/v1/me").await.status, StatusCode::OK);
    other
        .get("/api/v1/me")
        .await
        .problem(401, "session_expired");
}

#[tokio::test]
async fn an_operator_password_reset_ends_every_session_and_token() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let member = s.user(&owner, "member1", "member").await;
    let script = api_token(&member, &s).await;
    let d = s.data().to_path_buf();
    let out = tokio::task::spawn_blocking(move || {
        gymbox(
            &d,
            &["user", "reset-password", "member1", "--password-stdin"],
            "violet harbour kettle drum\n",
        )
    })
    .await
    .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    member
        .get("/api/v1/me")
        .await
        .problem(401, "session_expired");
    script
        .get("/api/v1/me")
        .await
        .problem(401, "session_expired");
    s.login("member1", "violet harbour kettle drum").await;
}

// ----- owner-only files --------------------------------------------------------------------------

fn mode(p: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

fn set_mode(p: &std::path::Path, m: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap();
}

#[tokio::test]
async fn data_files_are_owner_only_even_when_they_existed_wider() {
    let dir = tempfile::tempdir().unwrap();
    set_mode(dir.path(), 0o755);
    let s = TestServer::start_in(dir, |_| {}).await;
    s.indexed().await;
    let d = s.data().to_path_buf();
    assert_eq!(mode(&d), 0o700);
    assert_eq!(mode(&d.join("gymbox.redb")), 0o600);
    assert_eq!(mode(&d.join("search")), 0o700);
    assert_eq!(mode(&d.join("admin.sock")), 0o600);
    let dir = s.stop().await;
    let d = dir.path().to_path_buf();
    set_mode(&d, 0o755);
    set_mode(&d.join("gymbox.redb"), 0o644);
    set_mode(&d.join("search"), 0o755);
    let s = TestServer::start_in(dir, |_| {}).await;
    assert_eq!(mode(&d), 0o700);
    assert_eq!(mode(&d.join("gymbox.redb")), 0o600);
    assert_eq!(mode(&d.join("search")), 0o700);
    assert_eq!(mode(&d.join("admin.sock")), 0o600);
    drop(s);
}

/// Starts `gymbox serve` on `data` until it listens, then stops it; returns what it logged.
fn serve_log(data: &std::path::Path) -> String {
    use std::io::{BufRead, BufReader};
    let log = tempfile::NamedTempFile::new().unwrap();
    let mut child = std::process::Command::new(crate::support::bin())
        .args(["serve", "--listen", "127.0.0.1:0", "--data"])
        .arg(data)
        .stdout(std::process::Stdio::piped())
        .stderr(log.reopen().unwrap())
        .spawn()
        .expect("gymbox serve runs");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    assert!(
        lines.any(|l| l.is_ok_and(|l| l.starts_with("listening on "))),
        "the server did not start: {}",
        std::fs::read_to_string(log.path()).unwrap_or_default()
    );
    let _ = child.kill();
    let _ = child.wait();
    std::fs::read_to_string(log.path()).unwrap()
}

#[test]
fn files_gymbox_creates_are_owner_only_from_the_start() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let log = serve_log(&data);
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&data.join("gymbox.redb")), 0o600);
    assert!(!log.contains("permissions tightened"), "{log}");
    // A database file that was made readable by others is still tightened, and said so.
    set_mode(&data.join("gymbox.redb"), 0o644);
    let log = serve_log(&data);
    assert_eq!(mode(&data.join("gymbox.redb")), 0o600);
    assert!(log.contains("permissions tightened"), "{log}");
}
