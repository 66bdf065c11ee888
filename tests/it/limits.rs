//! Strict input and bounded cost: unknown fields and wrong types are refused naming the
//! field, Idempotency-Keys are tied to their body, plan edits without If-Match never lose a
//! race, and no request or member can make the server store or send unbounded data.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{Client, Resp, TestServer};

fn plan(title: &str) -> Value {
    json!({"title": title, "weeks": [{"days": [{"name": "A", "exercises": [
        {"exercise_id": "barbell-back-squat", "sets": [{"reps": {"min": 5, "max": 5}}]}
    ]}]}]})
}

/// Asserts a 422 `validation_failed` whose `errors` name `field` (with `code`, if given).
fn names_field(r: &Resp, field: &str, code: Option<&str>) {
    r.problem(422, "validation_failed");
    let errors = r.body["errors"].as_array().expect("errors listed");
    let hit = errors
        .iter()
        .find(|e| e["field"] == field)
        .unwrap_or_else(|| panic!("no error for {field}: {}", r.text));
    if let Some(code) = code {
        assert_eq!(hit["code"], code, "{}", r.text);
    }
    assert!(hit["message"].as_str().is_some_and(|m| !m.is_empty()));
}

#[tokio::test]
async fn unknown_fields_and_wrong_types_are_refused_naming_the_field() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let w = owner
        .post("/api/v1/workouts", json!({"title": "Legs"}))
        .await;
    assert_eq!(w.status, StatusCode::CREATED, "{}", w.text);
    let path = format!("/api/v1/workouts/{}", w.body["id"].as_str().unwrap());

    // The misspelling from the issue: refused, and nothing changes.
    let r = owner.patch(&path, json!({"visiblity": "public"})).await;
    names_field(&r, "visiblity", Some("unknown_field"));
    assert_eq!(
        owner.get(&path).await.body["workout"]["visibility"],
        "private"
    );

    // Nested objects are strict too, and the path says where.
    let mut p = plan("Nested");
    p["weeks"][0]["days"][0]["notez"] = json!("typo");
    let r = owner.post("/api/v1/plans", p).await;
    names_field(&r, "weeks[0].days[0].notez", Some("unknown_field"));
    let r = owner
        .patch("/api/v1/me", json!({"preferences": {"unitz": "metric"}}))
        .await;
    names_field(&r, "preferences.unitz", Some("unknown_field"));

    // Strings are strings: no number → string coercion.
    let mut p = plan("x");
    p["title"] = json!(5);
    names_field(&owner.post("/api/v1/plans", p).await, "title", None);
    let r = owner.patch("/api/v1/me", json!({"display_name": 12})).await;
    names_field(&r, "display_name", None);
    assert_ne!(owner.get("/api/v1/me").await.body["display_name"], "12");
    let r = owner
        .post(
            "/api/v1/auth/login",
            json!({"login": 5, "password": "whatever"}),
        )
        .await;
    names_field(&r, "login", None);
    // Wrong types elsewhere, a missing field and an unknown value name their field as well.
    let r = owner.patch(&path, json!({"title": ["a"]})).await;
    names_field(&r, "title", None);
    let r = owner
        .post("/api/v1/auth/login", json!({"login": "owner"}))
        .await;
    names_field(&r, "password", Some("required"));
    let r = owner.patch(&path, json!({"visibility": "everyone"})).await;
    names_field(&r, "visibility", None);
    // Coaching bodies are as strict as the rest.
    let r = owner
        .post("/api/v1/coaching/requests", json!({"usernam": "someone"}))
        .await;
    names_field(&r, "usernam", Some("unknown_field"));
    let r = owner
        .post("/api/v1/coaching/requests", json!({"username": 7}))
        .await;
    names_field(&r, "username", None);
    let r = owner
        .post(
            "/api/v1/admin/coaching",
            json!({"coach": "owner", "membr": "someone"}),
        )
        .await;
    names_field(&r, "membr", Some("unknown_field"));
    // Malformed JSON is still a 400.
    let raw = Client::send(
        owner
            .req(Method::PATCH, &path)
            .header("content-type", "application/json")
            .body("{\"title\":"),
    )
    .await;
    raw.problem(400, "bad_request");
}

#[tokio::test]
async fn an_idempotency_key_is_tied_to_its_body() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let post = |body: Value| {
        Client::send(
            owner
                .req(Method::POST, "/api/v1/plans")
                .header("idempotency-key", "plan-1")
                .json(&body),
        )
    };
    let first = post(plan("Five by five")).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text);
    // The same body, spelt differently (field order), is a retry.
    let mut same = serde_json::Map::new();
    same.insert("weeks".into(), plan("Five by five")["weeks"].clone());
    same.insert("title".into(), json!("Five by five"));
    let again = post(Value::Object(same)).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.text);
    assert_eq!(again.body["id"], first.body["id"]);
    // Another body with the same key is a client bug, not a retry.
    let other = post(plan("Something else")).await;
    other.problem(422, "idempotency_key_reused");
    let list = owner.get("/api/v1/plans").await;
    assert_eq!(
        list.body["items"].as_array().unwrap().len(),
        1,
        "{}",
        list.text
    );
}

#[tokio::test]
async fn plan_edits_without_if_match_never_lose_a_race() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let r = owner.post("/api/v1/plans", plan("Start")).await;
    let path = format!("/api/v1/plans/{}", r.body["id"].as_str().unwrap());
    let edits = 12;
    let tasks: Vec<_> = (0..edits)
        .map(|i| {
            let (c, path) = (owner.clone(), path.clone());
            tokio::spawn(async move {
                let body = if i % 2 == 0 {
                    json!({"description": format!("edit {i}")})
                } else {
                    json!({"tags": [format!("t{i}")]})
                };
                c.patch(&path, body).await.status.as_u16()
            })
        })
        .collect();
    for t in tasks {
        assert_eq!(t.await.unwrap(), 200);
    }
    let p = owner.get(&path).await;
    assert_eq!(p.body["version"], 1 + edits, "{}", p.text);
    assert_eq!(p.body["title"], "Start");
}

#[tokio::test]
async fn plans_are_bounded_in_shape_and_size() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    // The shape from the issue: 52 weeks × 7 days × 30 exercises × 20 sets, ~1.2 MB of JSON.
    let set = json!({});
    let ex = json!({"exercise_id": "barbell-back-squat", "sets": vec![set; 20]});
    let day = json!({"name": "D", "exercises": vec![ex; 30]});
    let week = json!({"days": vec![day; 7]});
    let huge = json!({"title": "Huge", "weeks": vec![week; 52]});
    let r = owner.post("/api/v1/plans", huge).await;
    names_field(&r, "weeks", None);
    assert!(r.text.contains("12000 sets"), "{}", r.text);

    // Within the counts but with every note at its longest: too large to store.
    let notes = "n".repeat(1000);
    let ex = json!({"exercise_id": "barbell-back-squat", "notes": notes, "sets": [{}]});
    let day = json!({"name": "D", "exercises": vec![ex; 28]});
    let week = json!({"days": vec![day; 7]});
    let wordy = json!({"title": "Wordy", "weeks": vec![week; 13]});
    owner
        .post("/api/v1/plans", wordy)
        .await
        .problem(413, "payload_too_large");

    // A plan with the most sets allowed is accepted and sent back at a bounded size.
    let set = json!({"reps": {"min": 5, "max": 5}, "load": {"kg": 100.0}, "rest_s": 120});
    let ex = json!({"exercise_id": "barbell-back-squat", "sets": vec![set; 5]});
    let day = json!({"name": "D", "exercises": vec![ex; 20]});
    let week = json!({"days": vec![day; 6]});
    let big = json!({"title": "Big", "visibility": "public", "weeks": vec![week; 20]});
    let r = owner.post("/api/v1/plans", big).await;
    assert_eq!(
        r.status,
        StatusCode::CREATED,
        "{}",
        &r.text[..200.min(r.text.len())]
    );
    let id = r.body["id"].as_str().unwrap();
    let visitor = s.client().get(&format!("/api/v1/plans/{id}")).await;
    assert_eq!(visitor.status, StatusCode::OK);
    assert!(
        visitor.text.len() < 3 * 1024 * 1024,
        "{} bytes",
        visitor.text.len()
    );
}

#[tokio::test]
async fn a_member_cannot_start_unbounded_workouts_in_a_day() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let at = "2026-03-02T10:00:00Z";
    for i in 0..50 {
        let r = owner
            .post(
                "/api/v1/workouts",
                json!({"title": format!("w{i}"), "started_at": at}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{i}: {}", r.text);
    }
    let r = owner
        .post(
            "/api/v1/workouts",
            json!({"title": "one too many", "started_at": at}),
        )
        .await;
    r.problem(422, "limit_reached");
    assert!(r.text.contains("50"), "{}", r.text);
    // Another day is fine.
    let r = owner
        .post(
            "/api/v1/workouts",
            json!({"title": "next day", "started_at": "2026-03-03T10:00:00Z"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
}
