//! Training: catalogue, custom exercises, import, plans, assignments, workouts, sets, metrics.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{Client, TestServer, field_of_items};

fn names(v: &Value) -> Vec<String> {
    field_of_items(v, "name_en")
}

fn uuid(n: u128) -> String {
    format!("{:032x}", 0x0190_0000_0000_7000_8000_0000_0000_0000u128 + n)
}

#[tokio::test]
async fn catalogue_lists_filters_and_searches_in_both_languages() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let mut all = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/exercises?limit=100&cursor={c}"),
            None => "/api/v1/exercises?limit=100".into(),
        };
        let r = owner.get(&path).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        all.extend(names(&r.body));
        match r.body["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    assert!(all.len() >= 150, "{} built-in exercises", all.len());
    let mut sorted = all.clone();
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(all, sorted, "ordered by name, pages do not overlap");

    let bench = owner.get("/api/v1/exercises?q=bench").await;
    assert!(
        names(&bench.body)
            .iter()
            .any(|n| n == "Bench Press (Barbell)"),
        "{}",
        bench.text
    );
    for q in ["жим лёжа", "ЖИМ ЛЕЖА"] {
        let ru = owner.get(&format!("/api/v1/exercises?q={q}")).await;
        assert!(
            names(&ru.body).iter().any(|n| n == "Bench Press (Barbell)"),
            "{q}: {}",
            ru.text
        );
    }
    let chest = owner
        .get("/api/v1/exercises?muscle=chest&equipment=dumbbell&limit=100")
        .await;
    for e in chest.body["items"].as_array().unwrap() {
        assert_eq!(e["equipment"], "dumbbell");
        assert!(
            e["primary"]
                .as_array()
                .unwrap()
                .iter()
                .chain(e["secondary"].as_array().unwrap())
                .any(|m| m == "chest")
        );
    }
    assert!(!chest.body["items"].as_array().unwrap().is_empty());
    owner
        .get("/api/v1/exercises?muscle=wings")
        .await
        .problem(422, "validation_failed");
    let one = owner.get("/api/v1/exercises/barbell-bench-press").await;
    assert_eq!(one.body["scope"], "builtin");
    assert!(!one.body["name_ru"].as_str().unwrap().is_empty());
}

#[tokio::test]
async fn custom_exercises_are_private_or_gym_wide() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let coach = s.user(&owner, "coach1", "coach").await;
    let alice = s.user(&owner, "alice", "member").await;
    let bob = s.user(&owner, "bob", "member").await;
    let mine = json!({"name_en": "Alice Special Curl", "aliases": ["Особый подъём"], "primary": ["biceps"], "equipment": "dumbbell"});
    let r = alice.post("/api/v1/exercises", mine.clone()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.body["scope"], "private");
    assert_eq!(r.body["aliases_ru"][0], "Особый подъём");
    let id = r.body["id"].as_str().unwrap().to_owned();
    s.indexed().await;
    // Invisible to others, everywhere.
    bob.get(&format!("/api/v1/exercises/{id}"))
        .await
        .problem(404, "not_found");
    assert!(
        !bob.get("/api/v1/exercises?q=alice special")
            .await
            .text
            .contains(&id)
    );
    assert!(
        alice
            .get("/api/v1/exercises?q=alice special")
            .await
            .text
            .contains(&id)
    );
    bob.patch(
        &format!("/api/v1/exercises/{id}"),
        json!({"name_en": "Mine now"}),
    )
    .await
    .problem(404, "not_found");
    bob.delete(&format!("/api/v1/exercises/{id}"))
        .await
        .problem(404, "not_found");
    // Gym-wide needs a coach.
    let gym = json!({"name_en": "Sled Drag", "primary": ["quadriceps"], "equipment": "other", "gym_wide": true});
    alice
        .post("/api/v1/exercises", gym.clone())
        .await
        .problem(403, "forbidden");
    let g = coach.post("/api/v1/exercises", gym).await;
    assert_eq!(g.status, StatusCode::CREATED, "{}", g.text);
    let gid = g.body["id"].as_str().unwrap().to_owned();
    assert_eq!(
        bob.get(&format!("/api/v1/exercises/{gid}")).await.body["scope"],
        "gym"
    );
    bob.patch(&format!("/api/v1/exercises/{gid}"), json!({"name_en": "x"}))
        .await
        .problem(403, "forbidden");
    // Built-ins cannot be changed.
    owner
        .patch(
            "/api/v1/exercises/barbell-bench-press",
            json!({"name_en": "x"}),
        )
        .await
        .problem(403, "forbidden");
    // Validation names the fields.
    let bad = alice
        .post(
            "/api/v1/exercises",
            json!({"name_en": "", "primary": ["wings"], "equipment": "spaceship"}),
        )
        .await;
    bad.problem(422, "validation_failed");
    let fields: Vec<&str> = bad.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["name_en", "primary", "equipment"]);
    // Idempotent create.
    let k = |c: &Client| {
        c.req(Method::POST, "/api/v1/exercises")
            .header("idempotency-key", "k-1")
            .json(&mine)
    };
    let first = Client::send(k(&bob)).await;
    let again = Client::send(k(&bob)).await;
    assert_eq!(first.status, StatusCode::CREATED);
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(first.body["id"], again.body["id"]);
    assert_eq!(
        alice
            .delete(&format!("/api/v1/exercises/{id}"))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
}

#[tokio::test]
async fn free_exercise_db_imports_once() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/datasets/free-exercise-db/exercises.json"
    );
    let data: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("../shared dataset")).unwrap();
    let total = data.as_array().unwrap().len();
    assert_eq!(total, 873);
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let member = s.user(&owner, "member1", "member").await;
    member
        .post("/api/v1/admin/exercises/import", data.clone())
        .await
        .problem(403, "forbidden");
    let r = owner
        .post("/api/v1/admin/exercises/import", data.clone())
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["total"], total);
    assert_eq!(r.body["invalid"].as_array().unwrap().len(), 0, "{}", r.text);
    let imported = r.body["imported"].as_u64().unwrap() as usize;
    let skipped = r.body["skipped_duplicates"].as_u64().unwrap() as usize;
    assert_eq!(imported + skipped, total);
    assert!(imported > 700, "{imported} imported");
    let again = owner.post("/api/v1/admin/exercises/import", data).await;
    assert_eq!(again.body["imported"], 0);
    assert_eq!(again.body["skipped_duplicates"], total);
    // Imported exercises are gym-wide: members find them.
    let found = member
        .get("/api/v1/exercises?q=Bear Crawl Sled Drags")
        .await;
    assert_eq!(found.body["items"][0]["scope"], "gym", "{}", found.text);
    // The CLI imports the same way (stopped server).
    let dir = s.stop().await;
    let out = crate::support::gymbox(dir.path(), &["exercises", "import", path, "--json"], "");
    let report = crate::support::stdout_json(&out);
    assert_eq!(report["imported"], 0);
}

fn three_day_plan(visibility: &str) -> Value {
    let day = |name: &str, ex: &[&str]| {
        json!({"name": name, "exercises": ex.iter().map(|e| json!({
            "exercise_id": e,
            "sets": [
                {"kind": "warmup", "reps": {"min": 10, "max": 10}, "load": {"kg": 40.0}, "rest_s": 60},
                {"reps": {"min": 5, "max": 5}, "load": {"percent_e1rm": 80.0}, "rest_s": 180},
                {"reps": {"amrap": true}, "load": {"rpe": 9.0}, "rest_s": 180}
            ]
        })).collect::<Vec<_>>()})
    };
    json!({
        "title": "Beginner 3-day", "description": "Full body, three days a week.", "tags": ["Beginner", "full-body"],
        "goal": "strength", "visibility": visibility,
        "weeks": [{"days": [
            day("Day A", &["barbell-back-squat", "barbell-bench-press"]),
            day("Day B", &["barbell-deadlift", "barbell-overhead-press"]),
            day("Day C", &["barbell-back-squat", "barbell-bent-over-row"])
        ]}]
    })
}

#[tokio::test]
async fn plans_validate_version_fork_and_hide() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let coach = s.user(&owner, "coach1", "coach").await;
    let bob = s.user(&owner, "bob", "member").await;
    let r = coach.post("/api/v1/plans", three_day_plan("private")).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let id = r.body["id"].as_str().unwrap().to_owned();
    assert_eq!(r.body["tags"], json!(["beginner", "full-body"]));
    assert_eq!(
        r.body["weeks"][0]["days"][0]["exercises"][0]["sets"][2]["reps"]["amrap"],
        true
    );
    // Private: others see nothing.
    bob.get(&format!("/api/v1/plans/{id}"))
        .await
        .problem(404, "not_found");
    bob.post(&format!("/api/v1/plans/{id}/fork"), json!({}))
        .await
        .problem(404, "not_found");
    bob.patch(&format!("/api/v1/plans/{id}"), json!({"title": "x"}))
        .await
        .problem(404, "not_found");
    // Concurrent edits.
    let g = coach.get(&format!("/api/v1/plans/{id}")).await;
    let etag = g.header("etag").unwrap().to_owned();
    let ok = Client::send(
        coach
            .req(Method::PATCH, &format!("/api/v1/plans/{id}"))
            .header("if-match", &etag)
            .json(&json!({"visibility": "members"})),
    )
    .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.text);
    let stale = Client::send(
        coach
            .req(Method::PATCH, &format!("/api/v1/plans/{id}"))
            .header("if-match", &etag)
            .json(&json!({"title": "Other"})),
    )
    .await;
    stale.problem(412, "precondition_failed");
    // Members plan: visible, not editable, forkable.
    assert_eq!(
        bob.get(&format!("/api/v1/plans/{id}")).await.status,
        StatusCode::OK
    );
    bob.patch(&format!("/api/v1/plans/{id}"), json!({"title": "x"}))
        .await
        .problem(403, "forbidden");
    let fork = bob
        .post(&format!("/api/v1/plans/{id}/fork"), json!({}))
        .await;
    assert_eq!(fork.status, StatusCode::CREATED);
    assert_eq!(fork.body["forked_from"], id.as_str());
    assert_eq!(fork.body["visibility"], "private");
    let mine = bob.get("/api/v1/plans").await;
    assert_eq!(mine.body["items"].as_array().unwrap().len(), 1);
    // Validation with paths.
    let mut bad = three_day_plan("private");
    bad["weeks"][0]["days"][1]["exercises"][0]["exercise_id"] = json!("no-such-exercise");
    bad["weeks"][0]["days"][2]["exercises"][1]["sets"][0]["reps"] = json!({"min": 12, "max": 8});
    let e = coach.post("/api/v1/plans", bad).await;
    e.problem(422, "validation_failed");
    assert_eq!(
        e.body["errors"][0]["field"], "weeks[0].days[2].exercises[1].sets[0].reps",
        "{}",
        e.text
    );
    let mut bad2 = three_day_plan("private");
    bad2["weeks"][0]["days"][1]["exercises"][0]["exercise_id"] = json!("no-such-exercise");
    let e2 = coach.post("/api/v1/plans", bad2).await;
    assert_eq!(
        e2.body["errors"][0]["field"], "weeks[0].days[1].exercises[0].exercise_id",
        "{}",
        e2.text
    );
    coach
        .post("/api/v1/plans", json!({"title": "", "weeks": []}))
        .await
        .problem(422, "validation_failed");
    // Delete.
    assert_eq!(
        coach.delete(&format!("/api/v1/plans/{id}")).await.status,
        StatusCode::NO_CONTENT
    );
    bob.get(&format!("/api/v1/plans/{id}"))
        .await
        .problem(404, "not_found");
}

fn titles(v: &Value) -> Vec<String> {
    field_of_items(v, "title")
}

#[tokio::test]
async fn the_gym_list_shows_shared_plans_only() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let coach = s.user(&owner, "coach1", "coach").await;
    let bob = s.user(&owner, "bob", "member").await;
    let mut ids = std::collections::HashMap::new();
    for (title, vis) in [
        ("Shared one", "members"),
        ("Hidden", "private"),
        ("Shared two", "public"),
        ("Followers", "followers"),
        ("Shared three", "members"),
    ] {
        let mut plan = three_day_plan(vis);
        plan["title"] = json!(title);
        let r = coach.post("/api/v1/plans", plan).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        ids.insert(title, r.body["id"].as_str().unwrap().to_owned());
    }
    // Newest first, only what every member may see, with the author's name.
    let gym = bob.get("/api/v1/plans?scope=gym").await;
    assert_eq!(gym.status, StatusCode::OK, "{}", gym.text);
    assert_eq!(
        titles(&gym.body),
        ["Shared three", "Shared two", "Shared one"]
    );
    assert_eq!(gym.body["items"][0]["author"]["username"], "coach1");
    // Reading a plan names its author too.
    let one = bob
        .get(&format!("/api/v1/plans/{}", ids["Shared one"]))
        .await;
    assert_eq!(one.body["author"]["username"], "coach1", "{}", one.text);
    assert_eq!(gym.body["next_cursor"], Value::Null);
    // Bob's own list is still his own (empty), and the default scope is "mine".
    assert!(titles(&bob.get("/api/v1/plans").await.body).is_empty());
    assert!(titles(&bob.get("/api/v1/plans?scope=mine").await.body).is_empty());
    // Pages follow the cursor without gaps or repeats.
    let p1 = bob.get("/api/v1/plans?scope=gym&limit=2").await;
    assert_eq!(titles(&p1.body), ["Shared three", "Shared two"]);
    let cursor = p1.body["next_cursor"].as_str().unwrap().to_owned();
    let p2 = bob
        .get(&format!("/api/v1/plans?scope=gym&limit=2&cursor={cursor}"))
        .await;
    assert_eq!(titles(&p2.body), ["Shared one"]);
    assert_eq!(p2.body["next_cursor"], Value::Null);
    // Making a plan private takes it off the list at once; sharing one puts it on.
    let patch = |id: &str, vis: &str| {
        let (id, vis) = (id.to_owned(), vis.to_owned());
        let coach = &coach;
        async move {
            let r = coach
                .patch(&format!("/api/v1/plans/{id}"), json!({"visibility": vis}))
                .await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        }
    };
    patch(&ids["Shared two"], "private").await;
    patch(&ids["Hidden"], "members").await;
    assert_eq!(
        titles(&bob.get("/api/v1/plans?scope=gym").await.body),
        ["Shared three", "Hidden", "Shared one"]
    );
    // A deleted plan leaves the list.
    assert_eq!(
        coach
            .delete(&format!("/api/v1/plans/{}", ids["Shared three"]))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        titles(&bob.get("/api/v1/plans?scope=gym").await.body),
        ["Hidden", "Shared one"]
    );
    // Bad input is a 400 that says what is wrong; signed-out callers are turned away.
    bob.get("/api/v1/plans?scope=everyone")
        .await
        .problem(400, "bad_request");
    bob.get("/api/v1/plans?scope=gym&cursor=nonsense")
        .await
        .problem(400, "bad_request");
    s.client()
        .get("/api/v1/plans?scope=gym")
        .await
        .problem(401, "unauthorized");
}

#[tokio::test]
async fn signed_out_visitors_see_public_plans_and_workouts_only() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let alice = s.user(&owner, "alice", "member").await;
    let anon = s.client();
    let mut plan_ids = Vec::new();
    for vis in ["public", "members", "private"] {
        let r = alice.post("/api/v1/plans", three_day_plan(vis)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        plan_ids.push(r.body["id"].as_str().unwrap().to_owned());
    }
    let public = anon.get(&format!("/api/v1/plans/{}", plan_ids[0])).await;
    assert_eq!(public.status, StatusCode::OK, "{}", public.text);
    assert_eq!(public.body["author"]["username"], "alice");
    for id in &plan_ids[1..] {
        anon.get(&format!("/api/v1/plans/{id}"))
            .await
            .problem(404, "not_found");
    }
    // Lists, edits and copies still need an account.
    anon.get("/api/v1/plans?scope=gym")
        .await
        .problem(401, "unauthorized");
    anon.post(&format!("/api/v1/plans/{}/fork", plan_ids[0]), json!({}))
        .await
        .problem(401, "unauthorized");
    // The exercises a public plan names can be read; a private custom exercise cannot.
    assert_eq!(
        anon.get("/api/v1/exercises/barbell-back-squat")
            .await
            .status,
        StatusCode::OK
    );
    let custom = alice
        .post(
            "/api/v1/exercises",
            json!({"name_en": "Alice Secret Curl", "primary": ["biceps"], "equipment": "dumbbell"}),
        )
        .await;
    anon.get(&format!(
        "/api/v1/exercises/{}",
        custom.body["id"].as_str().unwrap()
    ))
    .await
    .problem(404, "not_found");

    // Workouts: only public ones, and only on a public profile's list.
    let mut workout_ids = Vec::new();
    for vis in ["public", "members"] {
        let w = alice
            .post(
                "/api/v1/workouts",
                json!({"title": format!("{vis} day"), "visibility": vis, "started_at": "2026-02-01T10:00:00Z"}),
            )
            .await;
        assert_eq!(w.status, StatusCode::CREATED, "{}", w.text);
        workout_ids.push(w.body["id"].as_str().unwrap().to_owned());
    }
    let seen = anon
        .get(&format!("/api/v1/workouts/{}", workout_ids[0]))
        .await;
    assert_eq!(seen.status, StatusCode::OK, "{}", seen.text);
    assert_eq!(seen.body["owner"]["username"], "alice");
    assert_eq!(seen.body["previous"], json!([]));
    anon.get(&format!("/api/v1/workouts/{}", workout_ids[1]))
        .await
        .problem(404, "not_found");
    // Alice's profile is for members (the default): signed out, it and its list do not exist.
    anon.get("/api/v1/users/alice/workouts")
        .await
        .problem(404, "not_found");
    let r = alice
        .patch(
            "/api/v1/me",
            json!({"privacy": {"profile_visibility": "public"}}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let list = anon.get("/api/v1/users/alice/workouts").await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.text);
    assert_eq!(field_of_items(&list.body, "title"), ["public day"]);
    // Signed in, the members' workout shows too.
    let bob = s.user(&owner, "bob", "member").await;
    let list = bob.get("/api/v1/users/alice/workouts").await;
    assert_eq!(
        field_of_items(&list.body, "title"),
        ["members day", "public day"]
    );
    // Bad credentials are still refused, not treated as a visitor.
    s.client()
        .with_token("gbs_not-a-real-token")
        .get(&format!("/api/v1/plans/{}", plan_ids[0]))
        .await
        .problem(401, "session_expired");
}

#[tokio::test]
async fn coach_assigns_member_follows_today_and_coach_sees_workouts() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let coach = s.user(&owner, "coach1", "coach").await;
    let alice = s.user(&owner, "alice", "member").await;
    let bob = s.user(&owner, "bob", "member").await;
    let plan = coach.post("/api/v1/plans", three_day_plan("private")).await;
    let pid = plan.body["id"].as_str().unwrap().to_owned();
    alice
        .get("/api/v1/me/today")
        .await
        .problem(404, "not_found");
    // No relationship yet: the coach may not assign.
    coach
        .post(
            &format!("/api/v1/plans/{pid}/assignments"),
            json!({"username": "alice", "start_date": "2026-01-05"}),
        )
        .await
        .problem(403, "forbidden");
    s.link_coach(&owner, "coach1", "alice").await;
    // Members cannot assign.
    bob.post(
        &format!("/api/v1/plans/{pid}/assignments"),
        json!({"username": "alice", "start_date": "2026-01-05"}),
    )
    .await
    .problem(403, "forbidden");
    coach
        .post(
            &format!("/api/v1/plans/{pid}/assignments"),
            json!({"username": "alice", "start_date": "05.01.2026"}),
        )
        .await
        .problem(422, "validation_failed");
    let a = coach
        .post(
            &format!("/api/v1/plans/{pid}/assignments"),
            json!({"username": "alice", "start_date": "2026-01-05"}),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.text);
    let aid = a.body["id"].as_str().unwrap().to_owned();
    // Unknown and disabled members are told apart by a machine-readable code.
    let r = coach
        .post(
            &format!("/api/v1/plans/{pid}/assignments"),
            json!({"username": "nobody", "start_date": "2026-01-05"}),
        )
        .await;
    r.problem(422, "validation_failed");
    assert_eq!(r.body["errors"][0]["field"], "username");
    assert_eq!(r.body["errors"][0]["code"], "unknown_user");
    // Who follows the plan: its author sees the assignment; members and other coaches who
    // made none see nothing or are refused; a plan they cannot see is not found.
    let coach2 = s.user(&owner, "coach2", "coach").await;
    let followers = coach.get(&format!("/api/v1/plans/{pid}/assignments")).await;
    assert_eq!(followers.status, StatusCode::OK, "{}", followers.text);
    assert_eq!(followers.body["items"][0]["member"], "alice");
    assert_eq!(followers.body["items"].as_array().unwrap().len(), 1);
    // Private stays private, even from administrators.
    owner
        .get(&format!("/api/v1/plans/{pid}/assignments"))
        .await
        .problem(404, "not_found");
    coach2
        .get(&format!("/api/v1/plans/{pid}/assignments"))
        .await
        .problem(404, "not_found");
    // The member sees her own assignment of the plan, nobody else's.
    let own = alice.get(&format!("/api/v1/plans/{pid}/assignments")).await;
    assert_eq!(own.status, StatusCode::OK, "{}", own.text);
    assert_eq!(own.body["items"].as_array().unwrap().len(), 1);
    bob.get(&format!("/api/v1/plans/{pid}/assignments"))
        .await
        .problem(404, "not_found");
    // The private plan is visible to the member it is assigned to, not to others.
    assert_eq!(
        alice.get(&format!("/api/v1/plans/{pid}")).await.status,
        StatusCode::OK
    );
    bob.get(&format!("/api/v1/plans/{pid}"))
        .await
        .problem(404, "not_found");
    let before = alice.get("/api/v1/me/today?date=2026-01-01").await;
    assert_eq!(before.body["status"], "not_started");
    let today = alice.get("/api/v1/me/today?date=2026-01-05").await;
    assert_eq!(today.body["status"], "due", "{}", today.text);
    assert_eq!(today.body["day_number"], 1);
    assert_eq!(today.body["plan_day"]["name"], "Day A");
    // Start today's workout from the plan, log a set, finish.
    let w = alice
        .post(
            "/api/v1/workouts",
            json!({"plan": {"plan_id": pid, "week": 0, "day": 0, "assignment_id": aid}, "started_at": "2026-01-05T17:00:00Z"}),
        )
        .await;
    assert_eq!(w.status, StatusCode::CREATED, "{}", w.text);
    assert_eq!(w.body["title"], "Day A");
    let wid = w.body["id"].as_str().unwrap().to_owned();
    let detail = alice.get(&format!("/api/v1/workouts/{wid}")).await;
    assert_eq!(
        detail.body["plan_day"]["exercises"][0]["exercise_id"],
        "barbell-back-squat"
    );
    alice
        .post(&format!("/api/v1/workouts/{wid}/sets"), json!({"exercise_id": "barbell-back-squat", "reps": 5, "weight_kg": 100.0, "completed_at": "2026-01-05T17:10:00Z"}))
        .await;
    let fin = alice
        .patch(
            &format!("/api/v1/workouts/{wid}"),
            json!({"finished_at": "2026-01-05T18:00:00Z"}),
        )
        .await;
    assert_eq!(fin.body["duration_s"], 3600);
    let next = alice.get("/api/v1/me/today?date=2026-01-07").await;
    assert_eq!(next.body["plan_day"]["name"], "Day B");
    assert_eq!(next.body["day_number"], 2);
    // Adherence: planned vs done per week and target vs actual, for the coach and the member.
    let adh = coach
        .get(&format!("/api/v1/assignments/{aid}/adherence"))
        .await;
    assert_eq!(adh.status, StatusCode::OK, "{}", adh.text);
    let week0 = &adh.body["weeks"][0];
    assert_eq!(week0["week_start"], "2026-01-05");
    assert_eq!(week0["done"], 1);
    assert!(week0["planned"].as_u64().unwrap() >= 1, "{week0}");
    assert_eq!(adh.body["weeks"][1]["done"], 0);
    let day = &adh.body["days"][0];
    assert_eq!(day["day_name"], "Day A");
    assert_eq!(day["exercises"][0]["exercise_id"], "barbell-back-squat");
    assert_eq!(day["exercises"][0]["actual"][0]["weight_kg"], 100.0);
    assert!(
        !day["exercises"][0]["targets"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        alice
            .get(&format!("/api/v1/assignments/{aid}/adherence"))
            .await
            .status,
        StatusCode::OK
    );
    bob.get(&format!("/api/v1/assignments/{aid}/adherence"))
        .await
        .problem(404, "not_found");
    // Workouts are private, but the coach sees them, with whose they are; another member does not.
    let seen = coach.get(&format!("/api/v1/workouts/{wid}")).await;
    assert_eq!(seen.status, StatusCode::OK, "{}", seen.text);
    assert_eq!(seen.body["owner"]["username"], "alice");
    let alice_id = alice.get("/api/v1/me").await.body["id"].clone();
    assert_eq!(seen.body["workout"]["user_id"], alice_id);
    bob.get(&format!("/api/v1/workouts/{wid}"))
        .await
        .problem(404, "not_found");
    let list = coach.get("/api/v1/users/alice/workouts").await;
    assert_eq!(
        list.body["items"].as_array().unwrap().len(),
        1,
        "{}",
        list.text
    );
    let hidden = bob.get("/api/v1/users/alice/workouts").await;
    assert_eq!(hidden.body["items"].as_array().unwrap().len(), 0);
    // A private profile: the coach still sees the workouts; to anyone else she does not exist.
    let private = alice
        .patch(
            "/api/v1/me",
            json!({"privacy": {"profile_visibility": "private"}}),
        )
        .await;
    assert_eq!(private.status, StatusCode::OK, "{}", private.text);
    let still = coach.get("/api/v1/users/alice/workouts").await;
    assert_eq!(still.body["items"].as_array().unwrap().len(), 1);
    bob.get("/api/v1/users/alice/workouts")
        .await
        .problem(404, "not_found");
    bob.get("/api/v1/users/nobody-here/workouts")
        .await
        .problem(404, "not_found");
    // Another user's assignment cannot be used.
    bob.post(
        "/api/v1/workouts",
        json!({"plan": {"plan_id": pid, "week": 0, "day": 0, "assignment_id": aid}}),
    )
    .await
    .problem(422, "validation_failed");
    // Ending the assignment leaves the coaching; ending the relationship ends the view.
    assert_eq!(
        alice
            .delete(&format!("/api/v1/assignments/{aid}"))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        coach.get(&format!("/api/v1/workouts/{wid}")).await.status,
        StatusCode::OK
    );
    let rel = alice.get("/api/v1/me/coaching").await.body["as_member"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        alice
            .delete(&format!("/api/v1/coaching/{rel}"))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    coach
        .get(&format!("/api/v1/workouts/{wid}"))
        .await
        .problem(404, "not_found");
}

#[tokio::test]
async fn logging_is_idempotent_and_maintains_volume_and_records() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let alice = s.user(&owner, "alice", "member").await;
    let bob = s.user(&owner, "bob", "member").await;
    let wid = uuid(1);
    let create = json!({"id": wid, "title": "Push", "started_at": "2026-03-01T10:00:00Z"});
    let a = alice.post("/api/v1/workouts", create.clone()).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.text);
    let again = alice.post("/api/v1/workouts", create.clone()).await;
    assert_eq!(
        again.status,
        StatusCode::OK,
        "a retried create returns the first"
    );
    bob.post("/api/v1/workouts", create)
        .await
        .problem(409, "id_taken");
    let set = |id: u128, reps: u32, kg: f64| json!({"id": uuid(id), "exercise_id": "barbell-bench-press", "reps": reps, "weight_kg": kg, "completed_at": "2026-03-01T10:05:00Z"});
    let s1 = alice
        .post(&format!("/api/v1/workouts/{wid}/sets"), set(100, 5, 80.0))
        .await;
    assert_eq!(s1.status, StatusCode::CREATED, "{}", s1.text);
    assert_eq!(s1.body["is_record"], true);
    let dup = alice
        .post(&format!("/api/v1/workouts/{wid}/sets"), set(100, 5, 80.0))
        .await;
    assert_eq!(
        dup.status,
        StatusCode::OK,
        "a retried set is not added twice"
    );
    let s2 = alice
        .post(&format!("/api/v1/workouts/{wid}/sets"), set(101, 5, 70.0))
        .await;
    assert_eq!(s2.body["is_record"], false);
    let s3 = alice
        .post(&format!("/api/v1/workouts/{wid}/sets"), set(102, 3, 90.0))
        .await;
    assert_eq!(
        s3.body["is_record"], true,
        "90×3 beats 80×5 by estimated 1RM"
    );
    let w = alice.get(&format!("/api/v1/workouts/{wid}")).await;
    assert_eq!(w.body["workout"]["set_count"], 3);
    assert_eq!(
        w.body["workout"]["volume_kg"],
        5.0 * 80.0 + 5.0 * 70.0 + 3.0 * 90.0
    );
    assert_eq!(w.body["workout"]["records_hit"], 2);
    assert_eq!(w.body["sets"].as_array().unwrap().len(), 3);
    // Others cannot add to or read it.
    bob.post(&format!("/api/v1/workouts/{wid}/sets"), set(200, 1, 1.0))
        .await
        .problem(404, "not_found");
    bob.get(&format!("/api/v1/workouts/{wid}"))
        .await
        .problem(404, "not_found");
    // Bad sets.
    for (body, field) in [
        (
            json!({"exercise_id": "barbell-bench-press", "reps": 5, "weight_kg": -1.0}),
            "weight_kg",
        ),
        (
            json!({"exercise_id": "barbell-bench-press", "reps": 5, "rpe": 11.0}),
            "rpe",
        ),
        (json!({"exercise_id": "barbell-bench-press"}), "reps"),
        (json!({"exercise_id": "nope", "reps": 5}), "exercise_id"),
        (
            json!({"id": "not-a-uuid", "exercise_id": "barbell-bench-press", "reps": 5}),
            "id",
        ),
        (
            json!({"exercise_id": "barbell-bench-press", "reps": 5, "completed_at": "yesterday"}),
            "completed_at",
        ),
    ] {
        let r = alice
            .post(&format!("/api/v1/workouts/{wid}/sets"), body)
            .await;
        r.problem(422, "validation_failed");
        assert_eq!(r.body["errors"][0]["field"], field, "{}", r.text);
    }
    // Editing and deleting keep aggregates and records right.
    let e = alice
        .patch(
            &format!("/api/v1/workouts/{wid}/sets/{}", uuid(102)),
            json!({"weight_kg": 60.0}),
        )
        .await;
    assert_eq!(e.status, StatusCode::OK, "{}", e.text);
    assert_eq!(e.body["is_record"], false, "60×3 no longer beats 80×5");
    let d = alice
        .delete(&format!("/api/v1/workouts/{wid}/sets/{}", uuid(101)))
        .await;
    assert_eq!(d.status, StatusCode::NO_CONTENT);
    let w = alice.get(&format!("/api/v1/workouts/{wid}")).await;
    assert_eq!(w.body["workout"]["set_count"], 2);
    assert_eq!(w.body["workout"]["volume_kg"], 5.0 * 80.0 + 3.0 * 60.0);
    assert_eq!(
        w.body["workout"]["records_hit"], 1,
        "the edit took its record away"
    );
    let hist = alice
        .get("/api/v1/exercises/barbell-bench-press/history")
        .await;
    assert_eq!(hist.body["items"].as_array().unwrap().len(), 2);
    let best = hist.body["record"]["best_e1rm_kg"].as_f64().unwrap();
    assert!(
        (best - 93.33).abs() < 0.01,
        "best e1RM is 80×5 again: {best}"
    );
    assert_eq!(hist.body["record"]["best_weight_kg"], 80.0);
    // Stale edits are refused.
    let stale = Client::send(
        alice
            .req(Method::PATCH, &format!("/api/v1/workouts/{wid}"))
            .header("if-match", "1")
            .json(&json!({"title": "x"})),
    )
    .await;
    stale.problem(412, "precondition_failed");
    alice
        .patch(
            &format!("/api/v1/workouts/{wid}"),
            json!({"finished_at": "2026-03-01T09:00:00Z"}),
        )
        .await
        .problem(422, "validation_failed");
    // "Last time" on the next workout with the same exercise.
    let next = alice
        .post(
            "/api/v1/workouts",
            json!({"started_at": "2026-03-03T10:00:00Z"}),
        )
        .await;
    let nid = next.body["id"].as_str().unwrap().to_owned();
    alice.post(&format!("/api/v1/workouts/{nid}/sets"), json!({"exercise_id": "barbell-bench-press", "reps": 5, "weight_kg": 82.5, "completed_at": "2026-03-03T10:05:00Z"})).await;
    let nd = alice.get(&format!("/api/v1/workouts/{nid}")).await;
    assert_eq!(nd.body["previous"][0]["exercise_id"], "barbell-bench-press");
    assert_eq!(
        nd.body["previous"][0]["sets"].as_array().unwrap().len(),
        2,
        "{}",
        nd.text
    );
    // Deleting the workout removes its sets from the history.
    assert_eq!(
        alice
            .delete(&format!("/api/v1/workouts/{wid}"))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    let hist = alice
        .get("/api/v1/exercises/barbell-bench-press/history")
        .await;
    assert_eq!(hist.body["items"].as_array().unwrap().len(), 1);
    assert_eq!(hist.body["record"]["best_weight_kg"], 82.5);
}

/// Every set of an exercise's history, page by page, as the set ids they show.
async fn exercise_pages(c: &Client, exercise: &str, limit: u32) -> Vec<Vec<String>> {
    let mut pages = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(x) => format!("/api/v1/exercises/{exercise}/history?limit={limit}&cursor={x}"),
            None => format!("/api/v1/exercises/{exercise}/history?limit={limit}"),
        };
        let r = c.get(&path).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        pages.push(
            r.body["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["set"]["id"].as_str().unwrap().to_owned())
                .collect(),
        );
        match r.body["next_cursor"].as_str() {
            Some(x) => cursor = Some(x.to_owned()),
            None => return pages,
        }
    }
}

/// The stored indexes agree with the rows they index (`gymbox check`).
fn checks_clean(s: &TestServer) {
    let db = s.state().store.db().unwrap();
    let rx = redb::ReadableDatabase::begin_read(&*db).unwrap();
    let report = gymbox::storage::backup::check(&gymbox::storage::Snapshot::of(rx)).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

/// An exercise's history lists its workouts newest first (a workout's place is the later of
/// its start and its newest set of the exercise), each one's sets newest first, in pages that
/// follow on; every change to sets and workouts keeps it, its counts and the index right.
#[tokio::test]
async fn an_exercise_history_follows_every_change_to_its_workouts() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let alice = s.user(&owner, "alice", "member").await;
    let bench = "barbell-bench-press";
    let workout = |id: u128, day: u32| json!({"id": uuid(id), "started_at": format!("2026-03-0{day}T10:00:00Z")});
    let set = |id: u128, ex: &str, at: &str| json!({"id": uuid(id), "exercise_id": ex, "reps": 5, "weight_kg": 60.0, "completed_at": at});
    let (a, b) = (uuid(1), uuid(2));
    for (w, day) in [(1, 1), (2, 2)] {
        let r = alice.post("/api/v1/workouts", workout(w, day)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    }
    for (w, id, ex, at) in [
        (&a, 10, bench, "2026-03-01T10:05:00Z"),
        (&a, 11, bench, "2026-03-01T10:10:00Z"),
        (&a, 12, "barbell-back-squat", "2026-03-01T10:12:00Z"),
        (&a, 13, bench, "2026-03-01T10:15:00Z"),
        (&b, 20, bench, "2026-03-02T10:05:00Z"),
        (&b, 21, bench, "2026-03-02T10:10:00Z"),
    ] {
        let r = alice
            .post(&format!("/api/v1/workouts/{w}/sets"), set(id, ex, at))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    }
    let ids = |v: &[u128]| v.iter().map(|n| uuid(*n)).collect::<Vec<_>>();
    assert_eq!(
        exercise_pages(&alice, bench, 2).await,
        [ids(&[21, 20]), ids(&[13, 11]), ids(&[10])]
    );
    let h = alice
        .get(&format!("/api/v1/exercises/{bench}/history"))
        .await;
    assert_eq!(h.body["record"]["sets"], 5);
    checks_clean(&s);
    // A set logged late into the older workout puts it first.
    alice
        .post(
            &format!("/api/v1/workouts/{a}/sets"),
            set(14, bench, "2026-03-03T09:00:00Z"),
        )
        .await;
    assert_eq!(
        exercise_pages(&alice, bench, 3).await,
        [ids(&[14, 13, 11]), ids(&[10, 21, 20])]
    );
    let h = alice
        .get(&format!("/api/v1/exercises/{bench}/history"))
        .await;
    assert_eq!(h.body["record"]["sets"], 6);
    assert!(
        h.body["record"]["last_at"]
            .as_str()
            .unwrap()
            .starts_with("2026-03-03T09:00:00"),
        "{}",
        h.text
    );
    checks_clean(&s);
    // Moving the newer workout's start past it puts that one first again.
    let r = alice
        .patch(
            &format!("/api/v1/workouts/{b}"),
            json!({"started_at": "2026-03-04T08:00:00Z"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(
        exercise_pages(&alice, bench, 10).await,
        [ids(&[21, 20, 14, 13, 11, 10])]
    );
    checks_clean(&s);
    // A set changed to another exercise moves to that exercise's history.
    let r = alice
        .patch(
            &format!("/api/v1/workouts/{a}/sets/{}", uuid(11)),
            json!({"exercise_id": "barbell-back-squat"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(
        exercise_pages(&alice, "barbell-back-squat", 10).await,
        [ids(&[12, 11])]
    );
    let h = alice
        .get(&format!("/api/v1/exercises/{bench}/history"))
        .await;
    assert_eq!(h.body["record"]["sets"], 5);
    checks_clean(&s);
    // Deleted sets and workouts leave it.
    alice
        .delete(&format!("/api/v1/workouts/{a}/sets/{}", uuid(14)))
        .await;
    assert_eq!(
        alice.delete(&format!("/api/v1/workouts/{b}")).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(exercise_pages(&alice, bench, 10).await, [ids(&[13, 10])]);
    let h = alice
        .get(&format!("/api/v1/exercises/{bench}/history"))
        .await;
    assert_eq!(h.body["record"]["sets"], 2);
    checks_clean(&s);
    // A cursor this server did not give out is refused.
    alice
        .get(&format!("/api/v1/exercises/{bench}/history?cursor=bm9wZQ"))
        .await
        .problem(400, "bad_request");
}

/// A long workout keeps its sets in short rows (appending rewrites one of them): every set
/// reads back in the order done through appends, late sets, edits and deletions in any row.
#[tokio::test]
async fn a_long_workout_keeps_its_sets_in_short_rows() {
    use gymbox::storage::schema::WORKOUT_SETS;
    use gymbox::training::store::SETS_PER_ROW;
    use redb::ReadableDatabase;
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let w = owner
        .post(
            "/api/v1/workouts",
            json!({"started_at": "2026-03-01T10:00:00Z"}),
        )
        .await;
    let wid = w.body["id"].as_str().unwrap().to_owned();
    let at = |minute: u32| format!("2026-03-01T{:02}:{:02}:00Z", 10 + minute / 60, minute % 60);
    // Seventy sets, every seventh of them logged late (done earlier than the one before).
    for n in 1..=70u32 {
        let minute = if n % 7 == 0 { n - 5 } else { n };
        let r = owner
            .post(
                &format!("/api/v1/workouts/{wid}/sets"),
                json!({"id": uuid(u128::from(n)), "exercise_id": if n % 2 == 0 { "barbell-back-squat" } else { "barbell-bench-press" }, "reps": 5, "weight_kg": 40.0 + f64::from(n), "completed_at": at(minute)}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    }
    // A retried append answers with the set stored, from whichever row holds it, and adds
    // nothing.
    for n in [2u32, 40, 70] {
        let r = owner
            .post(
                &format!("/api/v1/workouts/{wid}/sets"),
                json!({"id": uuid(u128::from(n)), "exercise_id": "barbell-bench-press", "reps": 1, "weight_kg": 1.0, "completed_at": at(300)}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        assert_eq!(r.body["reps"], 5, "{}", r.text);
        assert_eq!(r.body["weight_kg"], 40.0 + f64::from(n));
    }
    // A set from the first row edited, sets from the first and the last row deleted.
    let r = owner
        .patch(
            &format!("/api/v1/workouts/{wid}/sets/{}", uuid(3)),
            json!({"reps": 8, "completed_at": at(200)}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    for n in [5u128, 69] {
        let r = owner
            .delete(&format!("/api/v1/workouts/{wid}/sets/{}", uuid(n)))
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT);
    }
    let d = owner.get(&format!("/api/v1/workouts/{wid}")).await;
    let sets = d.body["sets"].as_array().unwrap();
    assert_eq!(d.body["workout"]["set_count"], 68);
    assert_eq!(sets.len(), 68);
    let times: Vec<&str> = sets
        .iter()
        .map(|x| x["completed_at"].as_str().unwrap())
        .collect();
    let mut sorted = times.clone();
    sorted.sort();
    assert_eq!(times, sorted, "in the order done");
    assert_eq!(sets.last().unwrap()["id"], uuid(3));
    assert_eq!(sets.last().unwrap()["reps"], 8);
    let ids: std::collections::BTreeSet<&str> =
        sets.iter().map(|x| x["id"].as_str().unwrap()).collect();
    assert!(!ids.contains(uuid(5).as_str()) && !ids.contains(uuid(69).as_str()));
    // Stored in rows of at most SETS_PER_ROW, as few as the appends allow.
    let db = s.state().store.db().unwrap();
    let rx = db.begin_read().unwrap();
    let t = rx.open_table(WORKOUT_SETS).unwrap();
    let id = gymbox::storage::ids::parse(&wid).unwrap();
    let rows: Vec<usize> = t
        .range((id, 0)..=(id, u32::MAX))
        .unwrap()
        .map(|r| {
            let v = r.unwrap().1;
            gymbox::storage::codec::decode::<gymbox::training::model::SetList>(v.value())
                .unwrap()
                .0
                .len()
        })
        .collect();
    assert_eq!(rows.len(), 70_usize.div_ceil(SETS_PER_ROW), "{rows:?}");
    assert!(rows.iter().all(|n| *n <= SETS_PER_ROW), "{rows:?}");
    assert_eq!(rows.iter().sum::<usize>(), 68);
    drop(t);
    drop(rx);
    checks_clean(&s);
    // The exercise history sees the same sets.
    let h = owner
        .get("/api/v1/exercises/barbell-bench-press/history?limit=100")
        .await;
    // The odd sets, 5 and 69 deleted.
    assert_eq!(h.body["items"].as_array().unwrap().len(), 33);
    assert_eq!(h.body["record"]["sets"], 33);
}

#[tokio::test]
async fn history_pages_newest_first_and_calendar_ranges() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    for day in 1..=9 {
        let r = owner
            .post("/api/v1/workouts", json!({"title": format!("W{day}"), "started_at": format!("2026-02-0{day}T08:00:00Z"), "finished_at": format!("2026-02-0{day}T09:00:00Z")}))
            .await;
        assert_eq!(r.status, StatusCode::CREATED);
    }
    let mut titles = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/workouts?limit=4&cursor={c}"),
            None => "/api/v1/workouts?limit=4".into(),
        };
        let r = owner.get(&path).await;
        titles.extend(
            r.body["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|w| w["title"].as_str().unwrap().to_owned()),
        );
        match r.body["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    assert_eq!(
        titles,
        (1..=9).rev().map(|d| format!("W{d}")).collect::<Vec<_>>()
    );
    let cal = owner
        .get("/api/v1/workouts?from=2026-02-03&to=2026-02-05&limit=100")
        .await;
    let t: Vec<&str> = cal.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["title"].as_str().unwrap())
        .collect();
    assert_eq!(t, ["W5", "W4", "W3"]);
    owner
        .get("/api/v1/workouts?from=February")
        .await
        .problem(422, "validation_failed");
    owner
        .post(
            "/api/v1/workouts",
            json!({"started_at": "1970-01-01T00:00:00Z"}),
        )
        .await
        .problem(422, "validation_failed");
}

#[tokio::test]
async fn body_metrics_over_time_and_private() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let bob = s.user(&owner, "bob", "member").await;
    for (day, kg) in [(1, 82.0), (8, 81.4), (15, 80.9)] {
        let r = owner
            .post("/api/v1/me/body-metrics", json!({"kind": "weight", "value": kg, "measured_at": format!("2026-04-{day:02}T07:00:00Z")}))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    }
    owner
        .post(
            "/api/v1/me/body-metrics",
            json!({"kind": "waist", "value": 0.84}),
        )
        .await;
    let kinds = owner.get("/api/v1/me/body-metrics/kinds").await;
    let latest: Vec<(String, f64)> = kinds.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["kind"].as_str().unwrap().to_owned(),
                m["value"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        latest,
        [("waist".to_owned(), 0.84), ("weight".to_owned(), 80.9)],
        "each kind once, with its newest entry"
    );
    assert!(
        bob.get("/api/v1/me/body-metrics/kinds").await.body["items"]
            .as_array()
            .unwrap()
            .is_empty(),
        "nobody else's kinds"
    );
    let list = owner.get("/api/v1/me/body-metrics?kind=weight").await;
    let values: Vec<f64> = list.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["value"].as_f64().unwrap())
        .collect();
    assert_eq!(values, [80.9, 81.4, 82.0]);
    let ranged = owner
        .get("/api/v1/me/body-metrics?kind=weight&from=2026-04-05&to=2026-04-10")
        .await;
    assert_eq!(ranged.body["items"].as_array().unwrap().len(), 1);
    owner
        .post(
            "/api/v1/me/body-metrics",
            json!({"kind": "weight", "value": 5000.0}),
        )
        .await
        .problem(422, "validation_failed");
    owner
        .post(
            "/api/v1/me/body-metrics",
            json!({"kind": "Weight!", "value": 80.0}),
        )
        .await
        .problem(422, "validation_failed");
    assert!(
        bob.get("/api/v1/me/body-metrics?kind=weight").await.body["items"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let id = list.body["items"][0]["id"].as_str().unwrap();
    bob.delete(&format!("/api/v1/me/body-metrics/{id}"))
        .await
        .problem(404, "not_found");
    assert_eq!(
        owner
            .delete(&format!("/api/v1/me/body-metrics/{id}"))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
}

#[tokio::test]
async fn deleting_a_user_removes_their_training_data() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let coach = s.user(&owner, "coach1", "coach").await;
    let alice = s.user(&owner, "alice", "member").await;
    let plan = alice.post("/api/v1/plans", three_day_plan("members")).await;
    let pid = plan.body["id"].as_str().unwrap().to_owned();
    let cplan = coach.post("/api/v1/plans", three_day_plan("private")).await;
    let cpid = cplan.body["id"].as_str().unwrap().to_owned();
    s.link_coach(&owner, "coach1", "alice").await;
    coach
        .post(
            &format!("/api/v1/plans/{cpid}/assignments"),
            json!({"username": "alice", "start_date": "2026-01-01"}),
        )
        .await;
    let w = alice
        .post("/api/v1/workouts", json!({"visibility": "members"}))
        .await;
    let wid = w.body["id"].as_str().unwrap().to_owned();
    alice
        .post(
            &format!("/api/v1/workouts/{wid}/sets"),
            json!({"exercise_id": "barbell-back-squat", "reps": 5, "weight_kg": 100.0}),
        )
        .await;
    alice
        .post(
            "/api/v1/me/body-metrics",
            json!({"kind": "weight", "value": 70.0}),
        )
        .await;
    assert_eq!(
        owner.delete("/api/v1/admin/users/alice").await.status,
        StatusCode::NO_CONTENT
    );
    coach
        .get(&format!("/api/v1/plans/{pid}"))
        .await
        .problem(404, "not_found");
    coach
        .get(&format!("/api/v1/workouts/{wid}"))
        .await
        .problem(404, "not_found");
    // The coach's own plan stays, without the assignment.
    assert_eq!(
        coach.get(&format!("/api/v1/plans/{cpid}")).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn demo_fills_an_empty_data_dir_with_a_living_gym() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_path_buf();
    let out = tokio::task::spawn_blocking({
        let d = d.clone();
        move || {
            crate::support::gymbox(
                &d,
                &["demo", "--members", "4", "--months", "2", "--json"],
                "",
            )
        }
    })
    .await
    .unwrap();
    let summary = crate::support::stdout_json(&out);
    assert_eq!(summary["users"], 7);
    assert!(summary["workouts"].as_u64().unwrap() > 20, "{summary}");
    assert!(summary["sets"].as_u64().unwrap() > 300, "{summary}");
    let password = summary["password"].as_str().unwrap().to_owned();
    // A second run refuses to touch a gym that exists.
    let again = crate::support::gymbox(&d, &["demo", "--members", "1", "--months", "1"], "");
    assert!(!again.status.success());
    let s = TestServer::start_in(dir, |_| {}).await;
    let owner = s.login("owner", &password).await;
    let users = owner.get("/api/v1/admin/users").await;
    let member = users.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["role"] == "member")
        .unwrap()["username"]
        .as_str()
        .unwrap()
        .to_owned();
    let m = s.login(&member, &password).await;
    let today = m.get("/api/v1/me/today").await;
    assert_eq!(today.body["status"], "due", "{}", today.text);
    let history = m.get("/api/v1/workouts?limit=5").await;
    assert_eq!(history.body["items"].as_array().unwrap().len(), 5);
    let w = &history.body["items"][0];
    assert!(w["set_count"].as_u64().unwrap() > 0);
    let weight = m.get("/api/v1/me/body-metrics?kind=weight").await;
    assert!(weight.body["items"].as_array().unwrap().len() >= 8);
    let hist = m.get("/api/v1/exercises/barbell-bench-press/history").await;
    assert!(hist.status.is_success());
}

#[tokio::test]
async fn a_workout_without_a_title_is_named_for_its_time_of_day_in_the_members_language() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let anna = s.user(&owner, "anna", "member").await;
    let r = anna
        .post(
            "/api/v1/workouts",
            json!({"started_at": "2026-11-02T18:05:00Z"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.body["title"], "Evening workout");
    let r = anna
        .patch(
            "/api/v1/me",
            json!({"preferences": {"language": "ru", "timezone": "Europe/Moscow"}}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    // 05:30 UTC is 08:30 in Moscow.
    let r = anna
        .post(
            "/api/v1/workouts",
            json!({"started_at": "2026-11-03T05:30:00Z"}),
        )
        .await;
    assert_eq!(r.body["title"], "Утренняя тренировка");
    let r = anna
        .post(
            "/api/v1/workouts",
            json!({"title": "Ноги", "started_at": "2026-11-04T05:30:00Z"}),
        )
        .await;
    assert_eq!(r.body["title"], "Ноги");
}

#[tokio::test]
async fn a_workout_keeps_a_note_per_exercise() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let anna = s.user(&owner, "anna", "member").await;
    let bob = s.user(&owner, "bob", "member").await;
    let r = anna
        .post("/api/v1/workouts", json!({"visibility": "private"}))
        .await;
    let w = r.body["id"].as_str().unwrap().to_owned();
    assert_eq!(r.body["exercise_notes"], json!([]));
    let notes = json!({"exercise_notes": [
        {"exercise_id": "barbell-bench-press", "text": "  Seat at 4, grip one finger wider  "},
        {"exercise_id": "barbell-back-squat", "text": "Left knee tender"}
    ]});
    let r = anna.patch(&format!("/api/v1/workouts/{w}"), notes).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(
        r.body["exercise_notes"][0],
        json!({"exercise_id": "barbell-bench-press", "text": "Seat at 4, grip one finger wider"})
    );
    // An empty text removes a note; the list is replaced as a whole.
    let r = anna
        .patch(
            &format!("/api/v1/workouts/{w}"),
            json!({"exercise_notes": [{"exercise_id": "barbell-back-squat", "text": " "}]}),
        )
        .await;
    assert_eq!(r.body["exercise_notes"], json!([]), "{}", r.text);
    // One note per exercise; bounded length; only the owner.
    let twice = json!({"exercise_notes": [
        {"exercise_id": "barbell-row", "text": "a"}, {"exercise_id": "barbell-row", "text": "b"}
    ]});
    let r = anna.patch(&format!("/api/v1/workouts/{w}"), twice).await;
    r.problem(422, "validation_failed");
    assert_eq!(
        r.body["errors"][0]["field"],
        "exercise_notes[1].exercise_id"
    );
    let long =
        json!({"exercise_notes": [{"exercise_id": "barbell-row", "text": "x".repeat(1001)}]});
    anna.patch(&format!("/api/v1/workouts/{w}"), long)
        .await
        .problem(422, "validation_failed");
    bob.patch(
        &format!("/api/v1/workouts/{w}"),
        json!({"exercise_notes": [{"exercise_id": "barbell-row", "text": "mine"}]}),
    )
    .await
    .problem(404, "not_found");
}

#[tokio::test]
async fn a_workout_keeps_its_supersets() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let anna = s.user(&owner, "anna", "member").await;
    let bob = s.user(&owner, "bob", "member").await;
    let r = anna.post("/api/v1/workouts", json!({})).await;
    let w = r.body["id"].as_str().unwrap().to_owned();
    assert_eq!(r.body["supersets"], json!([]));
    let groups = json!({"supersets": [["barbell-bench-press", "barbell-row"], ["dumbbell-curl", "triceps-pushdown", "plank"]]});
    let r = anna
        .patch(&format!("/api/v1/workouts/{w}"), groups.clone())
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["supersets"], groups["supersets"]);
    let r = anna.get(&format!("/api/v1/workouts/{w}")).await;
    assert_eq!(r.body["workout"]["supersets"], groups["supersets"], "kept");
    // One exercise alone is no superset; an exercise sits in one group only.
    let r = anna
        .patch(
            &format!("/api/v1/workouts/{w}"),
            json!({"supersets": [["barbell-row"]]}),
        )
        .await;
    r.problem(422, "validation_failed");
    assert_eq!(r.body["errors"][0]["field"], "supersets[0]");
    let r = anna
        .patch(
            &format!("/api/v1/workouts/{w}"),
            json!({"supersets": [["a-1", "b-1"], ["c-1", "a-1"]]}),
        )
        .await;
    r.problem(422, "validation_failed");
    assert_eq!(r.body["errors"][0]["field"], "supersets[1][1]");
    let r = anna.get(&format!("/api/v1/workouts/{w}")).await;
    assert_eq!(
        r.body["workout"]["supersets"], groups["supersets"],
        "a refused patch changes nothing"
    );
    bob.patch(&format!("/api/v1/workouts/{w}"), json!({"supersets": []}))
        .await
        .problem(404, "not_found");
    let r = anna
        .patch(&format!("/api/v1/workouts/{w}"), json!({"supersets": []}))
        .await;
    assert_eq!(r.body["supersets"], json!([]), "cleared");
}
