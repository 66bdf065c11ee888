//! Registration, login, sessions, tokens, cookies + CSRF, profiles, privacy, 2FA.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::support::{Client, PASSWORD, TestServer};

#[tokio::test]
async fn owner_setup_needs_the_printed_code_and_works_once() {
    let s = TestServer::start().await;
    let anon = s.client();
    let inst = anon.get("/api/v1/instance").await;
    assert_eq!(inst.body["needs_setup"], true);
    // Registration is refused until there is an owner.
    anon.post(
        "/api/v1/auth/register",
        json!({"username": "eve", "password": PASSWORD}),
    )
    .await
    .problem(403, "setup_required");
    anon.post(
        "/api/v1/auth/setup",
        json!({"setup_code": "wrong-code", "username": "owner", "password": PASSWORD}),
    )
    .await
    .problem(403, "invalid_setup_code");
    let owner = s.owner().await;
    let me = owner.get("/api/v1/me").await;
    assert_eq!(me.body["role"], "owner");
    assert_eq!(
        anon.get("/api/v1/instance").await.body["needs_setup"],
        false
    );
    anon.post(
        "/api/v1/auth/setup",
        json!({"setup_code": s.setup_code.clone().unwrap(), "username": "owner2", "password": PASSWORD}),
    )
    .await
    .problem(409, "setup_done");
}

#[tokio::test]
async fn registration_modes_open_invite_closed() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let anon = s.client();
    let reg = |name: &str, invite: Option<&str>| json!({"username": name, "password": PASSWORD, "invite_code": invite});
    // Default mode: invite.
    assert_eq!(
        anon.get("/api/v1/instance").await.body["registration_mode"],
        "invite"
    );
    anon.post("/api/v1/auth/register", reg("nocode", None))
        .await
        .problem(403, "invalid_invite");
    anon.post("/api/v1/auth/register", reg("badcode", Some("nope")))
        .await
        .problem(403, "invalid_invite");

    // A two-use coach invite works twice, then is used up.
    let inv = owner
        .post(
            "/api/v1/admin/invites",
            json!({"role": "coach", "max_uses": 2}),
        )
        .await;
    assert_eq!(inv.status, StatusCode::CREATED);
    let code = inv.body["code"].as_str().unwrap().to_owned();
    let a = anon
        .post("/api/v1/auth/register", reg("coach1", Some(&code)))
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.text);
    assert_eq!(a.body["role"], "coach");
    let b = anon
        .post(
            "/api/v1/auth/register",
            reg("coach2", Some(&code.to_uppercase())),
        )
        .await;
    assert_eq!(b.status, StatusCode::CREATED, "{}", b.text);
    anon.post("/api/v1/auth/register", reg("coach3", Some(&code)))
        .await
        .problem(403, "invalid_invite");
    let list = owner.get("/api/v1/admin/invites").await;
    assert_eq!(list.body["items"][0]["uses"], 2);

    // Revoked invites stop working.
    let inv2 = owner.post("/api/v1/admin/invites", json!({})).await;
    let code2 = inv2.body["code"].as_str().unwrap().to_owned();
    let del = owner
        .delete(&format!("/api/v1/admin/invites/{code2}"))
        .await;
    assert_eq!(del.status, StatusCode::NO_CONTENT);
    anon.post("/api/v1/auth/register", reg("late", Some(&code2)))
        .await
        .problem(403, "invalid_invite");

    // Open.
    let r = owner
        .patch(
            "/api/v1/admin/settings",
            json!({"registration_mode": "open"}),
        )
        .await;
    assert_eq!(r.body["registration_mode"], "open");
    let open = anon
        .post("/api/v1/auth/register", reg("walkin", None))
        .await;
    assert_eq!(open.status, StatusCode::CREATED, "{}", open.text);
    assert_eq!(open.body["role"], "member");
    // Usernames are unique regardless of case.
    anon.post("/api/v1/auth/register", reg("WalkIn", None))
        .await
        .problem(409, "username_taken");

    // Closed.
    owner
        .patch(
            "/api/v1/admin/settings",
            json!({"registration_mode": "closed"}),
        )
        .await;
    anon.post("/api/v1/auth/register", reg("closedout", None))
        .await
        .problem(403, "registration_closed");
}

#[tokio::test]
async fn registration_mode_fixed_by_config_cannot_be_changed() {
    let s = TestServer::start_with(|c| {
        c.registration_mode = Some(gymbox::accounts::model::RegistrationMode::Open);
    })
    .await;
    let owner = s.owner().await;
    let r = owner.get("/api/v1/admin/settings").await;
    assert_eq!(r.body["registration_mode_locked"], true);
    owner
        .patch(
            "/api/v1/admin/settings",
            json!({"registration_mode": "closed"}),
        )
        .await
        .problem(409, "registration_mode_locked");
}

#[tokio::test]
async fn login_logout_by_username_or_email_and_failures_look_alike() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    owner
        .patch("/api/v1/me", json!({"email": "Boss@Example.org"}))
        .await;
    let anon = s.client();
    // By e-mail, case-insensitive, and by username in another case.
    s.login("boss@example.org", PASSWORD).await;
    let c = s.login("OWNER", PASSWORD).await;
    // Wrong password and unknown user give the same answer.
    let wrong = anon
        .post(
            "/api/v1/auth/login",
            json!({"login": "owner", "password": "wrong password!"}),
        )
        .await;
    let unknown = anon
        .post(
            "/api/v1/auth/login",
            json!({"login": "nobody", "password": "wrong password!"}),
        )
        .await;
    wrong.problem(401, "invalid_credentials");
    unknown.problem(401, "invalid_credentials");
    assert_eq!(wrong.body, unknown.body);
    // Logout ends that session only.
    assert_eq!(
        c.post("/api/v1/auth/logout", json!({})).await.status,
        StatusCode::NO_CONTENT
    );
    c.get("/api/v1/me").await.problem(401, "session_expired");
    assert_eq!(owner.get("/api/v1/me").await.status, StatusCode::OK);
    // A made-up token is refused.
    Client::new(&s.url)
        .with_token("gbs_madeup")
        .get("/api/v1/me")
        .await
        .problem(401, "session_expired");
}

#[tokio::test]
async fn login_is_throttled_per_account_with_retry_after() {
    let s = TestServer::start().await;
    let _owner = s.owner().await;
    let anon = s.client();
    for _ in 0..5 {
        anon.post(
            "/api/v1/auth/login",
            json!({"login": "owner", "password": "not the password"}),
        )
        .await
        .problem(401, "invalid_credentials");
    }
    // Even the right password is refused while locked.
    let r = anon
        .post(
            "/api/v1/auth/login",
            json!({"login": "owner", "password": PASSWORD}),
        )
        .await;
    r.problem(429, "rate_limited");
    let retry: u64 = r.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=900).contains(&retry));
    // Other accounts are not locked by it.
    let m = s
        .client()
        .post(
            "/api/v1/auth/login",
            json!({"login": "someone", "password": "x"}),
        )
        .await;
    m.problem(401, "invalid_credentials");
    let metrics = reqwest::get(format!("{}/metrics", s.url))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains("gymbox_login_failures_total 6"),
        "{metrics}"
    );
}

#[tokio::test]
async fn a_stranger_cannot_lock_a_member_out_from_another_address() {
    let s = TestServer::start_with(|c| c.trust_proxy = true).await;
    let _owner = s.owner().await;
    let from = |addr: &'static str, password: &'static str| {
        let c = s.client();
        async move {
            Client::send(
                c.req(Method::POST, "/api/v1/auth/login")
                    .header("x-forwarded-for", format!("203.0.113.9, {addr}"))
                    .json(&json!({"login": "owner", "password": password})),
            )
            .await
        }
    };
    for _ in 0..5 {
        from("198.51.100.7", "not the password")
            .await
            .problem(401, "invalid_credentials");
    }
    from("198.51.100.7", PASSWORD)
        .await
        .problem(429, "rate_limited");
    // The owner, signing in from their own address, is not locked out.
    assert_eq!(from("192.0.2.1", PASSWORD).await.status, StatusCode::OK);
}

#[tokio::test]
async fn cookie_sessions_need_the_csrf_header_for_writes() {
    let s = TestServer::start().await;
    let _owner = s.owner().await;
    let anon = s.client();
    let r = anon
        .post(
            "/api/v1/auth/login",
            json!({"login": "owner", "password": PASSWORD}),
        )
        .await;
    let cookie = r.header("set-cookie").unwrap().to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(
        !cookie.contains("Secure"),
        "no Secure flag on plain http: {cookie}"
    );
    let pair = cookie.split(';').next().unwrap().to_owned();
    let http = reqwest::Client::new();
    let get = Client::send(
        http.get(format!("{}/api/v1/me", s.url))
            .header("cookie", &pair),
    )
    .await;
    assert_eq!(get.status, StatusCode::OK);
    let patch = |extra: Option<(&str, &str)>| {
        let mut b = http
            .patch(format!("{}/api/v1/me", s.url))
            .header("cookie", &pair)
            .json(&json!({"bio": "hi"}));
        if let Some((k, v)) = extra {
            b = b.header(k, v);
        }
        b
    };
    Client::send(patch(None)).await.problem(403, "csrf_failed");
    let ok = Client::send(patch(Some(("x-gymbox-csrf", "1")))).await;
    assert_eq!(ok.status, StatusCode::OK);
    let cross =
        Client::send(patch(Some(("x-gymbox-csrf", "1"))).header("origin", "https://evil.example"))
            .await;
    cross.problem(403, "csrf_failed");
    // Logout clears the cookie.
    let out = Client::send(
        http.post(format!("{}/api/v1/auth/logout", s.url))
            .header("cookie", &pair)
            .header("x-gymbox-csrf", "1"),
    )
    .await;
    assert!(out.header("set-cookie").unwrap().contains("Max-Age=0"));
}

#[tokio::test]
async fn secure_cookie_and_hsts_behind_https_public_url() {
    let s = TestServer::start_with(|c| c.public_url = Some("https://gym.example.org".into())).await;
    let _owner = s.owner().await;
    let r = s
        .client()
        .post(
            "/api/v1/auth/login",
            json!({"login": "owner", "password": PASSWORD}),
        )
        .await;
    assert!(r.header("set-cookie").unwrap().contains("Secure"));
    assert!(r.header("strict-transport-security").is_some());
}

#[tokio::test]
async fn sessions_list_revoke_and_password_change_ends_others() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let phone = s.login("owner", PASSWORD).await;
    let list = owner.get("/api/v1/me/sessions").await;
    let items = list.body["items"].as_array().unwrap().clone();
    assert_eq!(items.len(), 2);
    assert_eq!(items.iter().filter(|i| i["current"] == true).count(), 1);
    let other = items.iter().find(|i| i["current"] == false).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        owner
            .delete(&format!("/api/v1/me/sessions/{other}"))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    phone
        .get("/api/v1/me")
        .await
        .problem(401, "session_expired");
    // Someone else's session id is not found.
    let m = s.user(&owner, "member1", "member").await;
    let mine = owner.get("/api/v1/me/sessions").await.body["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    m.delete(&format!("/api/v1/me/sessions/{mine}"))
        .await
        .problem(404, "not_found");
    // Password change: wrong current refused, weak new refused, then other sessions and the
    // API tokens end (`keep_tokens` keeps them; see trust.rs).
    let second = s.login("owner", PASSWORD).await;
    let token = owner
        .post("/api/v1/me/tokens", json!({"name": "script"}))
        .await;
    let api = s.client().with_token(token.body["token"].as_str().unwrap());
    owner
        .post(
            "/api/v1/me/password",
            json!({"current_password": "nope nope nope", "new_password": "another fine phrase"}),
        )
        .await
        .problem(403, "wrong_password");
    owner
        .post(
            "/api/v1/me/password",
            json!({"current_password": PASSWORD, "new_password": "password123"}),
        )
        .await
        .problem(422, "validation_failed");
    let ok = owner
        .post(
            "/api/v1/me/password",
            json!({"current_password": PASSWORD, "new_password": "another fine phrase"}),
        )
        .await;
    assert_eq!(ok.status, StatusCode::NO_CONTENT, "{}", ok.text);
    assert_eq!(owner.get("/api/v1/me").await.status, StatusCode::OK);
    second
        .get("/api/v1/me")
        .await
        .problem(401, "session_expired");
    api.get("/api/v1/me").await.problem(401, "session_expired");
    s.login("owner", "another fine phrase").await;
}

#[tokio::test]
async fn personal_api_tokens_are_shown_once_and_revocable() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let t = owner
        .post(
            "/api/v1/me/tokens",
            json!({"name": "backup script", "expires_in_days": 30}),
        )
        .await;
    assert_eq!(t.status, StatusCode::CREATED);
    let secret = t.body["token"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("gbt_"));
    let api = s.client().with_token(&secret);
    assert_eq!(api.get("/api/v1/me").await.body["username"], "owner");
    let list = owner.get("/api/v1/me/tokens").await;
    assert_eq!(list.body["items"][0]["name"], "backup script");
    assert!(
        list.body["items"][0].get("token").is_none(),
        "secret never listed again"
    );
    assert!(!list.text.contains(&secret));
    owner
        .post("/api/v1/me/tokens", json!({"name": "  "}))
        .await
        .problem(422, "validation_failed");
    owner
        .post(
            "/api/v1/me/tokens",
            json!({"name": "x", "expires_in_days": 0}),
        )
        .await
        .problem(422, "validation_failed");
    let id = t.body["id"].as_str().unwrap();
    assert_eq!(
        owner
            .delete(&format!("/api/v1/me/tokens/{id}"))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    api.get("/api/v1/me").await.problem(401, "session_expired");
}

#[tokio::test]
async fn profile_preferences_privacy_and_etag() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let me = owner.get("/api/v1/me").await;
    let etag = me.header("etag").unwrap().to_owned();
    let r = Client::send(
        owner
            .req(Method::PATCH, "/api/v1/me")
            .header("if-match", &etag)
            .json(&json!({
                "display_name": "Анна Петрова",
                "bio": "Coach.\nLoves deadlifts.",
                "preferences": {"units": "imperial", "language": "ru", "timezone": "Europe/Moscow", "week_start": "sunday"},
                "privacy": {"profile_visibility": "public", "searchable": false}
            })),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["display_name"], "Анна Петрова");
    assert_eq!(r.body["preferences"]["language"], "ru");
    assert_eq!(r.body["preferences"]["units"], "imperial");
    assert_eq!(r.body["privacy"]["searchable"], false);
    assert_ne!(r.header("etag").unwrap(), etag);
    // The stale ETag now fails.
    let stale = Client::send(
        owner
            .req(Method::PATCH, "/api/v1/me")
            .header("if-match", &etag)
            .json(&json!({"bio": "x"})),
    )
    .await;
    stale.problem(412, "precondition_failed");
    // Partial update leaves the rest.
    let r2 = owner
        .patch("/api/v1/me", json!({"preferences": {"units": "metric"}}))
        .await;
    assert_eq!(r2.body["preferences"]["language"], "ru");
    assert_eq!(r2.body["preferences"]["timezone"], "Europe/Moscow");
    // Invalid values name their fields.
    let bad = owner
        .patch(
            "/api/v1/me",
            json!({"display_name": "", "bio": "x".repeat(501), "email": "not-an-email", "preferences": {"timezone": "../../etc"}}),
        )
        .await;
    bad.problem(422, "validation_failed");
    let fields: Vec<&str> = bad.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        ["display_name", "bio", "email", "preferences.timezone"]
    );
    // A zone must exist, not merely look like one; a known zone is stored in its own spelling.
    let unknown_zone = owner
        .patch(
            "/api/v1/me",
            json!({"preferences": {"timezone": "Mars/Olympus"}}),
        )
        .await;
    unknown_zone.problem(422, "validation_failed");
    assert_eq!(
        unknown_zone.body["errors"][0]["field"],
        "preferences.timezone"
    );
    let lower = owner
        .patch(
            "/api/v1/me",
            json!({"preferences": {"timezone": "asia/tokyo"}}),
        )
        .await;
    assert_eq!(lower.status, StatusCode::OK, "{}", lower.text);
    assert_eq!(lower.body["preferences"]["timezone"], "Asia/Tokyo");
    let bad_enum = owner
        .patch("/api/v1/me", json!({"preferences": {"units": "furlongs"}}))
        .await;
    bad_enum.problem(422, "validation_failed");
    assert_eq!(bad_enum.body["errors"][0]["field"], "preferences.units");
}

#[tokio::test]
async fn profile_visibility_is_enforced_for_every_viewer() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let alice = s.user(&owner, "alice", "member").await;
    let bob = s.user(&owner, "bob", "member").await;
    let anon = s.client();
    // (visibility, anonymous sees, other member sees)
    for (vis, anon_ok, member_ok) in [
        ("public", true, true),
        ("members", false, true),
        ("followers", false, false),
        ("private", false, false),
    ] {
        let r = alice
            .patch(
                "/api/v1/me",
                json!({"privacy": {"profile_visibility": vis}}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);
        let a = anon.get("/api/v1/users/alice").await;
        let b = bob.get("/api/v1/users/alice").await;
        let own = alice.get("/api/v1/users/alice").await;
        let adm = owner.get("/api/v1/users/alice").await;
        assert_eq!(a.status == StatusCode::OK, anon_ok, "{vis}: anonymous");
        assert_eq!(b.status == StatusCode::OK, member_ok, "{vis}: member");
        assert_eq!(own.status, StatusCode::OK, "{vis}: self");
        assert_eq!(adm.status, StatusCode::OK, "{vis}: admin");
        if !anon_ok {
            a.problem(404, "not_found");
        }
        if b.status == StatusCode::OK {
            assert!(
                b.body.get("email").is_none(),
                "e-mail never shown to others"
            );
        }
    }
    // Hidden and missing profiles look the same.
    let hidden = bob.get("/api/v1/users/alice").await;
    let missing = bob.get("/api/v1/users/nosuchuser").await;
    assert_eq!(hidden.body, missing.body);
}

#[tokio::test]
async fn avatar_upload_checks_type_and_size_and_follows_privacy() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let alice = s.user(&owner, "alice", "member").await;
    let png_of = |w: u32, h: u32| -> Vec<u8> {
        [
            b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".as_slice(),
            &w.to_be_bytes(),
            &h.to_be_bytes(),
            &[0u8; 64],
        ]
        .concat()
    };
    let png = png_of(64, 64);
    let upload = |bytes: Vec<u8>, mime: &str| {
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name("a.png")
            .mime_str(mime)
            .unwrap();
        alice
            .req(Method::PUT, "/api/v1/me/avatar")
            .multipart(reqwest::multipart::Form::new().part("file", part))
    };
    let r = Client::send(upload(png.clone(), "image/png")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let url = r.body["avatar_url"].as_str().unwrap().to_owned();
    assert!(url.starts_with("/api/v1/users/alice/avatar?v="));
    let img = owner.get(&url).await;
    assert_eq!(img.status, StatusCode::OK);
    assert_eq!(img.header("content-type"), Some("image/png"));
    // Lies about the type, unknown content, too large.
    Client::send(upload(png.clone(), "image/jpeg"))
        .await
        .problem(422, "unsupported_image");
    Client::send(upload(b"GIF89a not allowed".to_vec(), "image/gif"))
        .await
        .problem(422, "unsupported_image");
    let big: Vec<u8> = [
        b"\x89PNG\r\n\x1a\n".as_slice(),
        &vec![0u8; 2 * 1024 * 1024 + 1],
    ]
    .concat();
    Client::send(upload(big, "image/png"))
        .await
        .problem(413, "payload_too_large");
    // A small file that would unpack to a huge bitmap.
    let r = Client::send(upload(png_of(5000, 4000), "image/png")).await;
    r.problem(422, "image_too_large");
    assert!(r.text.contains("5000×4000"), "{}", r.text);
    // Private profile: the picture is hidden too.
    alice
        .patch(
            "/api/v1/me",
            json!({"privacy": {"profile_visibility": "private"}}),
        )
        .await;
    s.client().get(&url).await.problem(404, "not_found");
    assert_eq!(
        alice.delete("/api/v1/me/avatar").await.status,
        StatusCode::NO_CONTENT
    );
    assert!(alice.get("/api/v1/me").await.body["avatar_url"].is_null());
}

#[tokio::test]
async fn totp_enrolment_login_and_recovery_codes() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    owner
        .post(
            "/api/v1/me/totp/setup",
            json!({"password": "wrong password"}),
        )
        .await
        .problem(403, "wrong_password");
    let setup = owner
        .post("/api/v1/me/totp/setup", json!({"password": PASSWORD}))
        .await;
    assert_eq!(setup.status, StatusCode::OK, "{}", setup.text);
    let secret = setup.body["secret"].as_str().unwrap().to_owned();
    assert!(
        setup.body["otpauth_url"]
            .as_str()
            .unwrap()
            .starts_with("otpauth://totp/Gymbox:owner")
    );
    owner
        .post("/api/v1/me/totp/enable", json!({"code": "000000"}))
        .await
        .problem(422, "wrong_code");
    let now = || time::OffsetDateTime::now_utc().unix_timestamp();
    let code = gymbox::accounts::totp::current_code(&secret, now());
    let en = owner
        .post("/api/v1/me/totp/enable", json!({"code": code}))
        .await;
    assert_eq!(en.status, StatusCode::OK, "{}", en.text);
    let recovery: Vec<String> = serde_json::from_value(en.body["recovery_codes"].clone()).unwrap();
    assert_eq!(recovery.len(), 10);
    assert_eq!(owner.get("/api/v1/me").await.body["totp_enabled"], true);

    let anon = s.client();
    let login =
        |totp: Option<&str>| json!({"login": "owner", "password": PASSWORD, "totp_code": totp});
    anon.post("/api/v1/auth/login", login(None))
        .await
        .problem(401, "totp_required");
    anon.post("/api/v1/auth/login", login(Some("123456")))
        .await
        .problem(401, "invalid_totp");
    // The code used for enabling cannot be replayed; a recovery code works once.
    let r = anon
        .post("/api/v1/auth/login", login(Some(&recovery[0])))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    anon.post("/api/v1/auth/login", login(Some(&recovery[0])))
        .await
        .problem(401, "invalid_totp");
    // Turning it off needs the password.
    owner
        .post("/api/v1/me/totp/disable", json!({"password": "nope nope"}))
        .await
        .problem(403, "wrong_password");
    assert_eq!(
        owner
            .post("/api/v1/me/totp/disable", json!({"password": PASSWORD}))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        anon.post("/api/v1/auth/login", login(None)).await.status,
        StatusCode::OK
    );
}
