//! Search: as-you-type, both languages, typo-tolerant, private by design, rebuildable.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::{Client, PASSWORD, Process, TestServer, field_of_items, gymbox, stdout_json};

fn titles(r: &Value) -> Vec<String> {
    field_of_items(r, "title")
}

fn ids(r: &Value) -> Vec<String> {
    field_of_items(r, "id")
}

fn bench_plan(visibility: &str) -> Value {
    json!({"title": "Bench Specialisation", "description": "Жим три раза в неделю.", "visibility": visibility,
        "weeks": [{"days": [{"name": "Heavy", "exercises": [{"exercise_id": "barbell-bench-press", "sets": [{"reps": {"min": 5, "max": 5}}]}]}]}]})
}

#[tokio::test]
async fn bench_and_zhim_find_exercises_and_plans_in_both_languages() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let coach = s.user(&owner, "coach1", "coach").await;
    let member = s.user(&owner, "member1", "member").await;
    coach.post("/api/v1/plans", bench_plan("members")).await;
    s.indexed().await;
    for q in [
        "bench",
        "жим",
        "Жим лёжа",
        "жим лежа",
        "ben",
        "bech press",
        "benchpress press",
    ] {
        let r = member.get(&format!("/api/v1/search?q={q}")).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        let found = ids(&r.body);
        if q != "benchpress press" {
            assert!(
                found.contains(&"barbell-bench-press".to_owned()),
                "{q}: {}",
                r.text
            );
        }
    }
    let plans = member.get("/api/v1/search?q=жим&types=plans").await;
    assert_eq!(
        titles(&plans.body),
        ["Bench Specialisation"],
        "{}",
        plans.text
    );
    assert!(
        plans.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["type"] == "plan")
    );
    // Exercise picker and plan list search through the same index.
    let picker = member.get("/api/v1/exercises?q=bech").await;
    assert!(
        picker.text.contains("barbell-bench-press"),
        "{}",
        picker.text
    );
    let picker_ru = member
        .get("/api/v1/exercises?q=присед&equipment=barbell")
        .await;
    let items = picker_ru.body["items"].as_array().unwrap();
    assert!(
        !items.is_empty() && items.iter().all(|e| e["equipment"] == "barbell"),
        "{}",
        picker_ru.text
    );
    let plan_list = member.get("/api/v1/plans?q=bench").await;
    assert_eq!(plan_list.body["items"][0]["title"], "Bench Specialisation");
    // Russian users see Russian titles.
    member
        .patch("/api/v1/me", json!({"preferences": {"language": "ru"}}))
        .await;
    let ru = member
        .get("/api/v1/search?q=squat&types=exercises&limit=3")
        .await;
    assert!(
        ru.body["items"][0]["title"]
            .as_str()
            .unwrap()
            .chars()
            .any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap())),
        "{}",
        ru.text
    );
    // Stemming: plural and inflected forms.
    let plural = member.get("/api/v1/search?q=squats&types=exercises").await;
    assert!(!plural.body["items"].as_array().unwrap().is_empty());
    // Bad input.
    member
        .get("/api/v1/search?q=x&types=teams")
        .await
        .problem(422, "validation_failed");
    member
        .get("/api/v1/search?q=x&limit=500")
        .await
        .problem(422, "validation_failed");
    let empty = member.get("/api/v1/search?q=").await;
    assert!(empty.body["items"].as_array().unwrap().is_empty());
    s.client()
        .get("/api/v1/search?q=bench")
        .await
        .problem(401, "unauthorized");
}

#[tokio::test]
async fn people_are_found_only_as_their_privacy_allows() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let viewer = s.user(&owner, "viewer", "member").await;
    let anna = s.user(&owner, "anna", "member").await;
    let annabel = s.user(&owner, "annabel", "member").await;
    annabel
        .patch("/api/v1/me", json!({"display_name": "Annabel Lee"}))
        .await;
    anna.patch("/api/v1/me", json!({"display_name": "Анна Петрова"}))
        .await;
    s.indexed().await;
    let r = viewer.get("/api/v1/search?q=anna&types=users").await;
    assert_eq!(
        ids(&r.body).first().map(String::as_str),
        Some("anna"),
        "exact username first: {}",
        r.text
    );
    assert!(ids(&r.body).contains(&"annabel".to_owned()));
    let ru = viewer.get("/api/v1/search?q=петр&types=users").await;
    assert_eq!(ids(&ru.body), ["anna"], "{}", ru.text);
    // Not searchable: gone for everyone but the facts in the store.
    anna.patch("/api/v1/me", json!({"privacy": {"searchable": false}}))
        .await;
    // Private profile: members no longer find her; admins still do.
    annabel
        .patch(
            "/api/v1/me",
            json!({"privacy": {"profile_visibility": "private"}}),
        )
        .await;
    s.indexed().await;
    let r = viewer.get("/api/v1/search?q=ann&types=users").await;
    assert!(ids(&r.body).is_empty(), "{}", r.text);
    let admin_view = owner.get("/api/v1/search?q=annabel&types=users").await;
    assert_eq!(ids(&admin_view.body), ["annabel"]);
    // Disabled and deleted users disappear.
    annabel
        .patch(
            "/api/v1/me",
            json!({"privacy": {"profile_visibility": "members"}}),
        )
        .await;
    owner
        .patch("/api/v1/admin/users/annabel", json!({"status": "disabled"}))
        .await;
    s.indexed().await;
    assert!(ids(&viewer.get("/api/v1/search?q=annabel").await.body).is_empty());
    owner
        .patch("/api/v1/admin/users/annabel", json!({"status": "active"}))
        .await;
    s.indexed().await;
    assert_eq!(
        ids(&viewer
            .get("/api/v1/search?q=annabel&types=users")
            .await
            .body),
        ["annabel"]
    );
    owner.delete("/api/v1/admin/users/annabel").await;
    s.indexed().await;
    assert!(ids(&viewer.get("/api/v1/search?q=annabel").await.body).is_empty());
}

#[tokio::test]
async fn private_plans_and_exercises_stay_private() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let coach = s.user(&owner, "coach1", "coach").await;
    let alice = s.user(&owner, "alice", "member").await;
    let bob = s.user(&owner, "bob", "member").await;
    let plan = coach.post("/api/v1/plans", bench_plan("private")).await;
    let pid = plan.body["id"].as_str().unwrap().to_owned();
    alice
        .post("/api/v1/exercises", json!({"name_en": "Secret Zercher Variation", "primary": ["quadriceps"], "equipment": "barbell"}))
        .await;
    s.indexed().await;
    assert_eq!(
        coach.get("/api/v1/search?q=specialisation").await.body["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert!(ids(&bob.get("/api/v1/search?q=specialisation").await.body).is_empty());
    assert!(
        ids(&owner.get("/api/v1/search?q=specialisation").await.body).is_empty(),
        "admins do not see private plans"
    );
    assert_eq!(
        alice.get("/api/v1/search?q=zercher variation").await.body["items"][0]["title"],
        "Secret Zercher Variation"
    );
    assert!(
        ids(&bob.get("/api/v1/search?q=zercher variation").await.body)
            .iter()
            .all(|i| i.len() != 32)
    );
    // Assigned by its author: the member finds the coach's private plan.
    s.link_coach(&owner, "coach1", "alice").await;
    coach
        .post(
            &format!("/api/v1/plans/{pid}/assignments"),
            json!({"username": "alice", "start_date": "2026-01-01"}),
        )
        .await;
    s.indexed().await;
    assert_eq!(
        ids(&alice.get("/api/v1/search?q=specialisation").await.body),
        std::slice::from_ref(&pid)
    );
    // Deleted plans vanish.
    coach.delete(&format!("/api/v1/plans/{pid}")).await;
    s.indexed().await;
    assert!(ids(&alice.get("/api/v1/search?q=specialisation").await.body).is_empty());
}

#[tokio::test]
async fn the_index_is_rebuilt_when_deleted_or_outdated_and_by_reindex() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    owner.post("/api/v1/plans", bench_plan("members")).await;
    s.indexed().await;
    let dir = s.stop().await;
    // Deleted index.
    std::fs::remove_dir_all(dir.path().join("search")).unwrap();
    let s = TestServer::start_in(dir, |_| {}).await;
    s.indexed().await;
    let c = s.login("owner", PASSWORD).await;
    assert_eq!(
        titles(&c.get("/api/v1/search?q=specialisation").await.body),
        ["Bench Specialisation"]
    );
    let dir = s.stop().await;
    // Outdated schema version.
    let manifest = dir.path().join("search/index.json");
    let text = std::fs::read_to_string(&manifest).unwrap().replace(
        &format!("\"schema\":{}", gymbox::search::index::SCHEMA_VERSION),
        "\"schema\":0",
    );
    std::fs::write(&manifest, text).unwrap();
    let old: Vec<_> = std::fs::read_dir(dir.path().join("search"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.path())
        .collect();
    let s = TestServer::start_in(dir, |_| {}).await;
    s.indexed().await;
    let c = s.login("owner", PASSWORD).await;
    assert_eq!(
        titles(&c.get("/api/v1/search?q=specialisation").await.body),
        ["Bench Specialisation"]
    );
    assert!(
        old.iter().all(|p| !p.exists()),
        "the outdated index was replaced"
    );
    // `gymbox reindex` through the admin socket of the running server.
    let data = s.data().to_path_buf();
    let out = tokio::task::spawn_blocking(move || gymbox(&data, &["reindex", "--json"], ""))
        .await
        .unwrap();
    let v = stdout_json(&out);
    assert!(v["documents"].as_u64().unwrap() > 150);
    assert_eq!(
        titles(&c.get("/api/v1/search?q=specialisation").await.body),
        ["Bench Specialisation"]
    );
    // … and with the server stopped.
    let dir = s.stop().await;
    let v = stdout_json(&gymbox(dir.path(), &["reindex", "--json"], ""));
    assert!(v["documents"].as_u64().unwrap() > 150);
}

/// Polls until a search by `owner` finds exactly `want` (the index catches up asynchronously).
async fn until_found(owner: &Client, q: &str, want: &[&str]) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let r = owner.get(&format!("/api/v1/search?q={q}")).await;
        if titles(&r.body) == want {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{q} never found {want:?}: {}",
            r.text
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn a_crash_between_the_database_and_index_commits_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = dir.path().join("search").join("index.json");
    // A normal first run builds the index.
    let mut p = Process::spawn(dir.path(), true);
    let c = Client::new(&p.url);
    let code = p.setup_code().unwrap();
    let r = c
        .post(
            "/api/v1/auth/setup",
            json!({"setup_code": code, "username": "owner", "password": PASSWORD}),
        )
        .await;
    let token = r.body["token"].as_str().unwrap().to_owned();
    let owner = c.with_token(&token);
    let first = owner.post("/api/v1/plans", bench_plan("members")).await;
    assert_eq!(first.status, StatusCode::CREATED);
    until_found(&owner, "specialisation", &["Bench Specialisation"]).await;
    p.kill9();
    let built = std::fs::read_to_string(&manifest).expect("an index was built");

    // A server whose indexer is held back: the next write reaches redb and the outbox, not
    // Tantivy — the state a crash between the two commits leaves behind.
    let mut p = Process::spawn_with(dir.path(), false, &[("GYMBOX_SEARCH_PAUSED", "1")]);
    let owner = Client::new(&p.url).with_token(&token);
    let mut plan = bench_plan("members");
    plan["title"] = json!("Quokka Block");
    let second = owner.post("/api/v1/plans", plan).await;
    assert_eq!(second.status, StatusCode::CREATED);
    assert!(
        ids(&owner.get("/api/v1/search?q=quokka").await.body).is_empty(),
        "not indexed yet"
    );
    p.kill9();

    // After the crash, the outbox brings the existing index up to date (no rebuild).
    let p = Process::spawn(dir.path(), false);
    let owner = Client::new(&p.url).with_token(&token);
    until_found(&owner, "quokka", &["Quokka Block"]).await;
    until_found(&owner, "specialisation", &["Bench Specialisation"]).await;
    assert_eq!(
        std::fs::read_to_string(&manifest).unwrap(),
        built,
        "the same index was caught up, not rebuilt"
    );
}

#[tokio::test]
async fn signing_in_leaves_the_search_index_alone() {
    let dir = tempfile::tempdir().unwrap();
    // The indexer held back: what a write queues for it stays in the outbox, to be counted.
    let p = Process::spawn_with(dir.path(), true, &[("GYMBOX_SEARCH_PAUSED", "1")]);
    let c = Client::new(&p.url);
    let code = p.setup_code().unwrap();
    c.post(
        "/api/v1/auth/setup",
        json!({"setup_code": code, "username": "owner", "password": PASSWORD}),
    )
    .await;
    let pending = || async {
        let m = c.get("/metrics").await;
        m.text
            .lines()
            .find_map(|l| l.strip_prefix("gymbox_outbox_pending "))
            .unwrap_or_else(|| panic!("no outbox gauge in {}", m.text))
            .trim()
            .parse::<f64>()
            .unwrap()
    };
    let before = pending().await;
    for _ in 0..3 {
        let r = c
            .post(
                "/api/v1/auth/login",
                json!({"login": "owner", "password": PASSWORD}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    }
    assert_eq!(
        pending().await,
        before,
        "a sign-in changes no search document"
    );
    let token = c
        .post(
            "/api/v1/auth/login",
            json!({"login": "owner", "password": PASSWORD}),
        )
        .await
        .body["token"]
        .as_str()
        .unwrap()
        .to_owned();
    c.with_token(&token)
        .patch("/api/v1/me", json!({"display_name": "Olga"}))
        .await;
    assert_eq!(pending().await, before + 1.0, "a new name is re-indexed");
}
