//! Roles: who may do what (table-driven), disabling and deleting users.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{Client, PASSWORD, TestServer};

#[tokio::test]
async fn role_permissions_table() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let admin = s.user(&owner, "admin1", "admin").await;
    let _admin2 = s.user(&owner, "admin2", "admin").await;
    let coach = s.user(&owner, "coach1", "coach").await;
    let member = s.user(&owner, "member1", "member").await;
    let _m2 = s.user(&owner, "member2", "member").await;
    let anon = s.client();
    let who = |name: &str| -> &Client {
        match name {
            "anon" => &anon,
            "member" => &member,
            "coach" => &coach,
            "admin" => &admin,
            _ => &owner,
        }
    };
    // (caller, method, path, body, expected status)
    let table: Vec<(&str, Method, &str, Option<Value>, u16)> = vec![
        ("anon", Method::GET, "/api/v1/me", None, 401),
        ("anon", Method::GET, "/api/v1/admin/users", None, 401),
        (
            "anon",
            Method::POST,
            "/api/v1/me/tokens",
            Some(json!({"name": "x"})),
            401,
        ),
        ("member", Method::GET, "/api/v1/admin/users", None, 403),
        ("member", Method::GET, "/api/v1/admin/invites", None, 403),
        (
            "member",
            Method::POST,
            "/api/v1/admin/invites",
            Some(json!({})),
            403,
        ),
        (
            "member",
            Method::PATCH,
            "/api/v1/admin/users/member2",
            Some(json!({"status": "disabled"})),
            403,
        ),
        (
            "member",
            Method::DELETE,
            "/api/v1/admin/users/member2",
            None,
            403,
        ),
        ("member", Method::GET, "/api/v1/admin/settings", None, 403),
        (
            "member",
            Method::PATCH,
            "/api/v1/admin/settings",
            Some(json!({"registration_mode": "open"})),
            403,
        ),
        ("coach", Method::GET, "/api/v1/admin/users", None, 403),
        (
            "coach",
            Method::POST,
            "/api/v1/admin/invites",
            Some(json!({})),
            403,
        ),
        ("admin", Method::GET, "/api/v1/admin/users", None, 200),
        (
            "admin",
            Method::GET,
            "/api/v1/admin/users/member1",
            None,
            200,
        ),
        (
            "admin",
            Method::PATCH,
            "/api/v1/admin/users/owner",
            Some(json!({"role": "member"})),
            403,
        ),
        (
            "admin",
            Method::PATCH,
            "/api/v1/admin/users/admin2",
            Some(json!({"status": "disabled"})),
            403,
        ),
        (
            "admin",
            Method::PATCH,
            "/api/v1/admin/users/admin1",
            Some(json!({"role": "member"})),
            403,
        ),
        (
            "admin",
            Method::PATCH,
            "/api/v1/admin/users/member1",
            Some(json!({"role": "admin"})),
            403,
        ),
        (
            "admin",
            Method::PATCH,
            "/api/v1/admin/users/member2",
            Some(json!({"role": "coach"})),
            200,
        ),
        (
            "admin",
            Method::PATCH,
            "/api/v1/admin/users/member2",
            Some(json!({"role": "owner"})),
            403,
        ),
        (
            "admin",
            Method::POST,
            "/api/v1/admin/invites",
            Some(json!({"role": "admin"})),
            403,
        ),
        (
            "admin",
            Method::POST,
            "/api/v1/admin/invites",
            Some(json!({"role": "coach"})),
            201,
        ),
        (
            "admin",
            Method::DELETE,
            "/api/v1/admin/users/owner",
            None,
            403,
        ),
        (
            "admin",
            Method::DELETE,
            "/api/v1/admin/users/admin2",
            None,
            403,
        ),
        (
            "admin",
            Method::GET,
            "/api/v1/admin/users/nobody",
            None,
            404,
        ),
        (
            "owner",
            Method::POST,
            "/api/v1/admin/invites",
            Some(json!({"role": "admin"})),
            201,
        ),
        (
            "owner",
            Method::POST,
            "/api/v1/admin/invites",
            Some(json!({"role": "owner"})),
            403,
        ),
        (
            "owner",
            Method::PATCH,
            "/api/v1/admin/users/owner",
            Some(json!({"status": "disabled"})),
            403,
        ),
        (
            "owner",
            Method::PATCH,
            "/api/v1/admin/users/admin2",
            Some(json!({"role": "coach"})),
            200,
        ),
    ];
    for (caller, method, path, body, expected) in table {
        let r = who(caller).call(method.clone(), path, body).await;
        assert_eq!(
            r.status.as_u16(),
            expected,
            "{caller} {method} {path}: {}",
            r.text
        );
        if expected >= 400 {
            assert_eq!(r.header("content-type"), Some("application/problem+json"));
        }
    }
}

#[tokio::test]
async fn disabling_ends_sessions_and_blocks_login_until_enabled() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let m = s.user(&owner, "member1", "member").await;
    let token = m.post("/api/v1/me/tokens", json!({"name": "t"})).await.body["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = owner
        .patch("/api/v1/admin/users/member1", json!({"status": "disabled"}))
        .await;
    assert_eq!(r.body["status"], "disabled");
    m.get("/api/v1/me").await.problem(401, "session_expired");
    s.client()
        .with_token(&token)
        .get("/api/v1/me")
        .await
        .problem(401, "session_expired");
    s.client()
        .post(
            "/api/v1/auth/login",
            json!({"login": "member1", "password": PASSWORD}),
        )
        .await
        .problem(403, "account_disabled");
    // A wrong password does not reveal that the account is disabled.
    s.client()
        .post(
            "/api/v1/auth/login",
            json!({"login": "member1", "password": "wrong wrong wrong"}),
        )
        .await
        .problem(401, "invalid_credentials");
    // Hidden from other members while disabled.
    owner
        .patch("/api/v1/admin/users/member1", json!({"status": "active"}))
        .await;
    s.login("member1", PASSWORD).await;
}

#[tokio::test]
async fn deleting_a_user_removes_their_data_and_frees_the_name() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let m = s.user(&owner, "member1", "member").await;
    m.patch("/api/v1/me", json!({"email": "m1@example.org"}))
        .await;
    assert_eq!(
        owner.delete("/api/v1/admin/users/member1").await.status,
        StatusCode::NO_CONTENT
    );
    m.get("/api/v1/me").await.problem(401, "session_expired");
    owner
        .get("/api/v1/users/member1")
        .await
        .problem(404, "not_found");
    owner
        .get("/api/v1/admin/users/member1")
        .await
        .problem(404, "not_found");
    s.client()
        .post(
            "/api/v1/auth/login",
            json!({"login": "m1@example.org", "password": PASSWORD}),
        )
        .await
        .problem(401, "invalid_credentials");
    // Name and e-mail can be used again.
    let again = s.user(&owner, "member1", "member").await;
    let r = again
        .patch("/api/v1/me", json!({"email": "m1@example.org"}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
}

#[tokio::test]
async fn admin_user_list_pages_and_filters_by_prefix() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    owner
        .patch(
            "/api/v1/admin/settings",
            json!({"registration_mode": "open"}),
        )
        .await;
    for i in 0..7 {
        let r = s
            .client()
            .post(
                "/api/v1/auth/register",
                json!({"username": format!("lifter{i}"), "password": PASSWORD}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED);
    }
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/admin/users?q=lift&limit=3&cursor={c}"),
            None => "/api/v1/admin/users?q=lift&limit=3".into(),
        };
        let r = owner.get(&path).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        for u in r.body["items"].as_array().unwrap() {
            seen.push(u["username"].as_str().unwrap().to_owned());
        }
        match r.body["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    assert_eq!(
        seen,
        (0..7).map(|i| format!("lifter{i}")).collect::<Vec<_>>()
    );
    let all = owner.get("/api/v1/admin/users").await;
    assert_eq!(all.body["items"].as_array().unwrap().len(), 8);
    assert!(all.text.contains("\"email\""), "admins see e-mail");
    assert!(!all.text.contains("password"), "no hashes in lists");
}
