//! Bad input of every kind gets a 4xx problem+json, never a 500; headers on every response.

use reqwest::Method;
use serde_json::json;

use crate::support::{Client, TestServer};

#[tokio::test]
async fn bad_requests_are_problem_json() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    owner
        .patch(
            "/api/v1/admin/settings",
            json!({"registration_mode": "open"}),
        )
        .await;
    let raw = reqwest::Client::new();
    let url = |p: &str| format!("{}{}", s.url, p);
    let auth = format!("Bearer {}", owner.token());
    let cases: Vec<(reqwest::RequestBuilder, u16, &str)> = vec![
        (
            raw.post(url("/api/v1/auth/login"))
                .header("content-type", "application/json")
                .body("{bad"),
            400,
            "bad_request",
        ),
        (
            raw.post(url("/api/v1/auth/login"))
                .header("content-type", "text/plain")
                .body("hi"),
            415,
            "unsupported_media_type",
        ),
        (
            raw.post(url("/api/v1/auth/login"))
                .json(&json!({"login": "x"})),
            422,
            "validation_failed",
        ),
        (
            raw.post(url("/api/v1/auth/login"))
                .json(&json!({"login": 5, "password": []})),
            422,
            "validation_failed",
        ),
        (raw.get(url("/api/v1/no/such/route")), 404, "not_found"),
        (raw.get(url("/api/nothing")), 404, "not_found"),
        (
            raw.put(url("/api/v1/me")).header("authorization", &auth),
            405,
            "method_not_allowed",
        ),
        (
            raw.post(url("/api/v1/auth/login"))
                .header("content-type", "application/json")
                .body(vec![b' '; 4 * 1024 * 1024]),
            413,
            "payload_too_large",
        ),
        (
            raw.get(url("/api/v1/admin/users?limit=0"))
                .header("authorization", &auth),
            422,
            "validation_failed",
        ),
        (
            raw.get(url("/api/v1/admin/users?limit=101"))
                .header("authorization", &auth),
            422,
            "validation_failed",
        ),
        (
            raw.get(url("/api/v1/admin/users?limit=abc"))
                .header("authorization", &auth),
            400,
            "bad_request",
        ),
        (
            raw.get(url("/api/v1/admin/users?cursor=%%%"))
                .header("authorization", &auth),
            400,
            "bad_request",
        ),
        (
            raw.delete(url("/api/v1/me/tokens/not-an-id"))
                .header("authorization", &auth),
            404,
            "not_found",
        ),
        (
            raw.patch(url("/api/v1/me"))
                .header("authorization", &auth)
                .header("if-match", "\"abc\"")
                .json(&json!({})),
            400,
            "bad_request",
        ),
        (
            raw.get(url("/api/v1/me"))
                .header("authorization", "Basic Zm9vOmJhcg=="),
            401,
            "unauthorized",
        ),
        (
            raw.get(url("/api/v1/me"))
                .header("authorization", format!("Bearer {}", "x".repeat(5000))),
            401,
            "session_expired",
        ),
        (
            raw.post(url("/api/v1/auth/register"))
                .json(&json!({"username": "a b", "password": "short", "email": "nope"})),
            422,
            "validation_failed",
        ),
        (
            raw.post(url("/api/v1/admin/invites"))
                .header("authorization", &auth)
                .json(&json!({"max_uses": 0})),
            422,
            "validation_failed",
        ),
        (
            raw.post(url("/api/v1/admin/invites"))
                .header("authorization", &auth)
                .json(&json!({"role": "king"})),
            422,
            "validation_failed",
        ),
    ];
    for (i, (req, status, kind)) in cases.into_iter().enumerate() {
        let r = Client::send(req).await;
        assert_eq!(r.status.as_u16(), status, "case {i}: {}", r.text);
        r.problem(status, kind);
    }
}

#[tokio::test]
async fn registration_validation_lists_every_field() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    owner
        .patch(
            "/api/v1/admin/settings",
            json!({"registration_mode": "open"}),
        )
        .await;
    let r = s
        .client()
        .post(
            "/api/v1/auth/register",
            json!({"username": "x", "password": "qwertyuiop", "email": "bad", "display_name": "y".repeat(65)}),
        )
        .await;
    r.problem(422, "validation_failed");
    let fields: Vec<&str> = r.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["username", "email", "display_name", "password"]);
    let common = s
        .client()
        .post(
            "/api/v1/auth/register",
            json!({"username": "newbie", "password": "Password123"}),
        )
        .await;
    common.problem(422, "validation_failed");
    assert!(
        common.body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("common")
    );
    let has_name = s
        .client()
        .post(
            "/api/v1/auth/register",
            json!({"username": "newbie", "password": "i am newbie here"}),
        )
        .await;
    has_name.problem(422, "validation_failed");
    let long_ok = s
        .client()
        .post("/api/v1/auth/register", json!({"username": "newbie", "password": "a very long passphrase with spaces and ёжик"}))
        .await;
    assert_eq!(long_ok.status.as_u16(), 201, "{}", long_ok.text);
}

#[tokio::test]
async fn security_headers_on_every_response() {
    let s = TestServer::start().await;
    let c = s.client();
    for (method, path) in [
        (Method::GET, "/"),
        (Method::GET, "/some/app/route"),
        (Method::GET, "/api/v1/instance"),
        (Method::GET, "/api/v1/me"),
        (Method::GET, "/healthz"),
        (Method::GET, "/api/v1/nowhere"),
    ] {
        let r = c.call(method, path, None).await;
        for h in [
            "content-security-policy",
            "x-content-type-options",
            "referrer-policy",
            "x-frame-options",
        ] {
            assert!(r.header(h).is_some(), "{path} lacks {h}");
        }
        assert!(
            r.header("content-security-policy")
                .unwrap()
                .contains("frame-ancestors 'none'")
        );
    }
}

#[tokio::test]
async fn web_app_is_served_with_spa_fallback_and_cache_rules() {
    let s = TestServer::start().await;
    let c = s.client();
    let index = c.get("/").await;
    assert_eq!(index.status.as_u16(), 200);
    assert!(
        index
            .header("content-type")
            .unwrap()
            .starts_with("text/html")
    );
    assert_eq!(index.header("cache-control"), Some("no-cache"));
    assert!(index.text.to_lowercase().contains("<!doctype html"));
    let deep = c.get("/settings/profile").await;
    assert_eq!(deep.status.as_u16(), 200);
    assert_eq!(deep.text, index.text, "client routes get the app shell");
    let head = Client::send(c.req(Method::HEAD, "/login")).await;
    assert_eq!(head.status.as_u16(), 200);
    assert_eq!(c.get("/missing.js").await.status.as_u16(), 404);
    let post = c.post("/settings", json!({})).await;
    assert_eq!(post.status.as_u16(), 405);
    // Conditional GET.
    let etag = index.header("etag").unwrap().to_owned();
    let again = Client::send(c.req(Method::GET, "/").header("if-none-match", &etag)).await;
    assert_eq!(again.status.as_u16(), 304);
}

#[tokio::test]
async fn health_metrics_and_openapi_docs() {
    let s = TestServer::start().await;
    let c = s.client();
    let h = c.get("/healthz").await;
    assert_eq!(h.body["status"], "ok");
    assert_eq!(h.body["version"], gymbox::VERSION);
    c.get("/api/v1/me").await;
    let m = c.get("/metrics").await;
    assert!(
        m.text.contains(
            "gymbox_http_requests_total{method=\"GET\",route=\"/api/v1/me\",status=\"401\"} 1"
        ),
        "{}",
        m.text
    );
    assert!(m.text.contains("gymbox_db_size_bytes"));
    assert!(
        m.text
            .contains("gymbox_http_request_duration_seconds_bucket")
    );
    // Sessions, the outbox, the index and the writer's batches are there, with values.
    let _owner = s.owner().await;
    let m = c.get("/metrics").await;
    let value = |name: &str| -> f64 {
        m.text
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{name} ")))
            .unwrap_or_else(|| panic!("{name} in {}", m.text))
            .trim()
            .parse()
            .unwrap()
    };
    assert_eq!(value("gymbox_sessions"), 1.0, "the owner's session");
    assert!(value("gymbox_outbox_pending") >= 0.0);
    assert!(value("gymbox_search_index_size_bytes") > 0.0);
    assert!(value("gymbox_db_write_batch_size_count") >= 1.0);
    assert_eq!(value("gymbox_users"), 1.0);
    let spec = c.get("/api/v1/openapi.json").await;
    assert_eq!(spec.body["info"]["title"], "Gymbox");
    assert!(spec.body["paths"]["/api/v1/auth/login"]["post"].is_object());
    // The problem types are listed, every one of them, as the `type` of a problem body.
    let listed: Vec<&str> = spec.body["components"]["schemas"]["Code"]["enum"]
        .as_array()
        .expect("the problem codes are an enum in the spec")
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let table: Vec<&str> = gymbox::error::Code::ALL
        .iter()
        .map(|c| c.as_str())
        .collect();
    assert_eq!(listed, table);
    assert_eq!(
        spec.body["components"]["schemas"]["Problem"]["properties"]["type"]["allOf"][0]["$ref"],
        "#/components/schemas/Code"
    );
    let docs = c.get("/api/docs/").await;
    assert_eq!(docs.status.as_u16(), 200);
    assert!(docs.text.contains("swagger"));
}
