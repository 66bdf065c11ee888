//! XP, badges, leaderboards and challenges: exact under retries, edits and deletes; fair
//! (implausible sets wait for a confirmation, moderators void); private where members want it.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::{Client, Resp, TestServer};

fn iso(ts: i64) -> String {
    gymbox::accounts::api::rfc3339(ts)
}

fn now() -> i64 {
    gymbox::storage::ids::now()
}

fn today() -> String {
    iso(now())[..10].to_owned()
}

fn uuid(n: u32) -> String {
    format!("00000000-0000-7000-8000-{n:012}")
}

/// An open workout started an hour ago.
async fn open_workout(c: &Client) -> String {
    let r = c
        .post(
            "/api/v1/workouts",
            json!({"title": "Today", "visibility": "members", "started_at": iso(now() - 3600)}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    r.body["id"].as_str().unwrap().to_owned()
}

async fn set(c: &Client, w: &str, id: u32, ex: &str, reps: u32, kg: f64) -> Resp {
    let r = c
        .post(
            &format!("/api/v1/workouts/{w}/sets"),
            json!({"id": uuid(id), "exercise_id": ex, "reps": reps, "weight_kg": kg}),
        )
        .await;
    assert!(r.status.is_success(), "{}", r.text);
    r
}

async fn finish(c: &Client, w: &str) {
    let r = c
        .patch(
            &format!("/api/v1/workouts/{w}"),
            json!({"finished_at": iso(now())}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
}

async fn achievements(c: &Client) -> Value {
    let r = c.get("/api/v1/me/achievements").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    r.body
}

fn earned(a: &Value) -> Vec<String> {
    a["badges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["earned"] == true)
        .map(|b| b["id"].as_str().unwrap().to_owned())
        .collect()
}

/// (username, value) of a list's entries.
fn board(r: &Resp) -> Vec<(String, f64)> {
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    r.body["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["user"]["username"].as_str().unwrap().to_owned(),
                e["value"].as_f64().unwrap(),
            )
        })
        .collect()
}

fn pairs(list: &[(&str, f64)]) -> Vec<(String, f64)> {
    list.iter().map(|(u, v)| ((*u).to_owned(), *v)).collect()
}

#[tokio::test]
async fn xp_is_kept_by_source_capped_per_day_and_taken_back_with_deletes() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let anna = s.user(&owner, "anna", "member").await;
    let w = open_workout(&anna).await;
    for i in 1..=3 {
        set(&anna, &w, i, "barbell-bench-press", 5, 60.0).await;
    }
    // A retried set counts once; a warm-up earns nothing.
    set(&anna, &w, 3, "barbell-bench-press", 5, 60.0).await;
    let r = anna
        .post(
            &format!("/api/v1/workouts/{w}/sets"),
            json!({"id": uuid(4), "exercise_id": "barbell-bench-press", "kind": "warmup", "reps": 10, "weight_kg": 20.0}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let a = achievements(&anna).await;
    assert_eq!(a["xp"], 30, "{a}");
    assert_eq!(a["xp_today"], 30);
    assert_eq!(a["volume_kg"], 900.0);
    // The first set of an exercise is a record.
    assert_eq!(earned(&a), ["first_record"]);
    finish(&anna, &w).await;
    let a = achievements(&anna).await;
    assert_eq!(
        (a["xp"].as_u64(), a["workouts"].as_u64()),
        (Some(80), Some(1))
    );
    assert_eq!(earned(&a), ["first_workout", "first_record"]);
    assert_eq!(a["level"], 1);
    assert_eq!(
        (a["level_xp"].as_u64(), a["next_level_xp"].as_u64()),
        (Some(0), Some(100))
    );
    // Another member sees the earned badge, not the progress or the private parts.
    let bob = s.user(&owner, "bob", "member").await;
    let other = bob.get("/api/v1/users/anna/achievements").await;
    assert_eq!(other.status, StatusCode::OK, "{}", other.text);
    assert_eq!(earned(&other.body), ["first_workout", "first_record"]);
    assert_eq!(other.body["badges"].as_array().unwrap().len(), 2);
    assert_eq!(other.body["xp_today"], Value::Null);
    assert_eq!(other.body["show_on_leaderboards"], Value::Null);
    // The badge is in the gym's feed.
    let feed = bob.get("/api/v1/feed?scope=gym").await;
    let kinds: Vec<&str> = feed.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["badge", "workout", "badge"], "{}", feed.text);
    assert_eq!(feed.body["items"][0]["badge"]["id"], "first_workout");
    assert_eq!(feed.body["items"][0]["badge"]["name"], "First workout");

    // Turning a working set into a warm-up takes its XP back; deleting a set too.
    let r = anna
        .patch(
            &format!("/api/v1/workouts/{w}/sets/{}", uuid(1)),
            json!({"kind": "warmup"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(achievements(&anna).await["xp"], 70);
    let r = anna
        .delete(&format!("/api/v1/workouts/{w}/sets/{}", uuid(2)))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
    let a = achievements(&anna).await;
    assert_eq!(
        (a["xp"].as_u64(), a["volume_kg"].as_f64()),
        (Some(60), Some(300.0))
    );
    // Deleting the workout takes the rest back; the badge stays earned.
    let r = anna.delete(&format!("/api/v1/workouts/{w}")).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
    let a = achievements(&anna).await;
    assert_eq!(
        (a["xp"].as_u64(), a["workouts"].as_u64()),
        (Some(0), Some(0))
    );
    assert_eq!(a["volume_kg"], 0.0);
    assert_eq!(earned(&a), ["first_workout", "first_record"]);

    // Back-dated training earns no XP (but counts as training).
    let r = anna
        .post(
            "/api/v1/workouts",
            json!({"title": "Old", "started_at": iso(now() - 10 * 86_400),
                   "finished_at": iso(now() - 10 * 86_400 + 3600)}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let a = achievements(&anna).await;
    assert_eq!(
        (a["xp"].as_u64(), a["workouts"].as_u64()),
        (Some(0), Some(1))
    );

    // The daily cap: 60 sets reach it, more earn nothing.
    let w = open_workout(&anna).await;
    for i in 100..165 {
        set(&anna, &w, i, "dumbbell-curl", 10, 10.0).await;
    }
    let a = achievements(&anna).await;
    assert_eq!(
        (a["xp"].as_u64(), a["xp_today"].as_u64()),
        (Some(600), Some(600))
    );
    assert_eq!(a["xp_daily_cap"], 600);
    assert_eq!(a["level"], 4);
}

#[tokio::test]
async fn leaderboards_rank_listed_members_and_leave_out_everyone_else() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let mut members = Vec::new();
    for (i, (name, kg)) in [
        ("anna", 100.0),
        ("bob", 80.0),
        ("cara", 120.0),
        ("dan", 80.0),
        ("eve", 60.0),
    ]
    .into_iter()
    .enumerate()
    {
        let c = s.user(&owner, name, "member").await;
        let w = open_workout(&c).await;
        set(&c, &w, i as u32 + 1, "barbell-bench-press", 1, kg).await;
        finish(&c, &w).await;
        members.push(c);
    }
    let [anna, bob, cara, dan, eve] = <[Client; 5]>::try_from(members).ok().unwrap();
    let week = "/api/v1/leaderboards?metric=volume&period=week";
    // Equal scores: who got there first ranks first (bob before dan).
    let all = pairs(&[
        ("cara", 120.0),
        ("anna", 100.0),
        ("bob", 80.0),
        ("dan", 80.0),
        ("eve", 60.0),
    ]);
    assert_eq!(board(&eve.get(week).await), all);
    let r = eve.get(week).await;
    assert_eq!(r.body["me"]["rank"], 5);
    // Equal scores share a rank.
    let ranks: Vec<u64> = r.body["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["rank"].as_u64().unwrap())
        .collect();
    assert_eq!(ranks, [1, 2, 3, 3, 5]);
    assert_eq!(r.body["unit"], "kg");
    assert_eq!(r.body["listed"], true);
    assert!(r.body["period_start"].as_str().is_some());
    let r = eve.get(&format!("{week}&limit=2")).await;
    assert_eq!(board(&r), all[..2]);
    assert_eq!(r.body["me"]["rank"], 5);
    // Sessions and e1RM boards.
    let r = eve
        .get("/api/v1/leaderboards?metric=sessions&period=month")
        .await;
    assert_eq!(board(&r).len(), 5);
    let r = eve
        .get("/api/v1/leaderboards?metric=e1rm&exercise=barbell-bench-press")
        .await;
    assert_eq!(board(&r)[0], ("cara".to_owned(), 120.0));
    assert!(r.body["entries"][0]["set_id"].as_str().is_some());
    eve.get("/api/v1/leaderboards?metric=e1rm&exercise=barbell-bench-press&period=week")
        .await
        .problem(422, "validation_failed");
    eve.get("/api/v1/leaderboards?metric=e1rm")
        .await
        .problem(422, "validation_failed");
    eve.get("/api/v1/leaderboards?metric=volume&scope=club:nope")
        .await
        .problem(422, "validation_failed");
    eve.get("/api/v1/leaderboards?metric=height")
        .await
        .problem(400, "bad_request");

    // A private profile never appears; its owner still sees their own value.
    let r = cara
        .patch(
            "/api/v1/me",
            json!({"privacy": {"profile_visibility": "private"}}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(
        board(&eve.get(week).await),
        pairs(&[("anna", 100.0), ("bob", 80.0), ("dan", 80.0), ("eve", 60.0)])
    );
    assert_eq!(eve.get(week).await.body["me"]["rank"], 4);
    let r = cara.get(week).await;
    assert_eq!(
        (r.body["me"]["rank"].clone(), r.body["me"]["value"].clone()),
        (Value::Null, json!(120.0))
    );
    assert_eq!(r.body["listed"], false);
    // Opting out, the same; opting in again brings them back at their place.
    let r = dan
        .patch(
            "/api/v1/me/achievements",
            json!({"show_on_leaderboards": false}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["show_on_leaderboards"], false);
    assert_eq!(
        board(&eve.get(week).await),
        pairs(&[("anna", 100.0), ("bob", 80.0), ("eve", 60.0)])
    );
    // Blocks: neither sees the other, and ranks count only who is shown.
    let r = anna.post("/api/v1/users/bob/block", json!({})).await;
    assert!(r.status.is_success(), "{}", r.text);
    let r = anna.get(week).await;
    assert_eq!(board(&r), pairs(&[("anna", 100.0), ("eve", 60.0)]));
    let r = bob.get(week).await;
    assert_eq!(board(&r), pairs(&[("bob", 80.0), ("eve", 60.0)]));
    assert_eq!(r.body["me"]["rank"], 1);
    // A suspended member disappears.
    let r = owner
        .patch("/api/v1/admin/users/eve", json!({"status": "disabled"}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(board(&anna.get(week).await), pairs(&[("anna", 100.0)]));
    let r = dan
        .patch(
            "/api/v1/me/achievements",
            json!({"show_on_leaderboards": true}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(
        board(&anna.get(week).await),
        pairs(&[("anna", 100.0), ("dan", 80.0)])
    );

    // The people I follow: just them and me.
    let r = dan.post("/api/v1/users/anna/follow", json!({})).await;
    assert!(r.status.is_success(), "{}", r.text);
    let r = dan.get(&format!("{week}&scope=following")).await;
    assert_eq!(board(&r), pairs(&[("anna", 100.0), ("dan", 80.0)]));
    assert_eq!(r.body["me"]["rank"], 2);

    // Relative to body weight: only members who recorded it.
    let r = anna
        .post(
            "/api/v1/me/body-metrics",
            json!({"kind": "weight", "value": 50.0}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let w = open_workout(&anna).await;
    set(&anna, &w, 50, "barbell-bench-press", 1, 105.0).await;
    let r = dan
        .get("/api/v1/leaderboards?metric=e1rm_relative&exercise=barbell-bench-press")
        .await;
    assert_eq!(board(&r), pairs(&[("anna", 2.1)]));
    assert_eq!(r.body["unit"], "x_bodyweight");
}

#[tokio::test]
async fn implausible_sets_wait_for_a_confirmation_and_moderators_void_results() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let anna = s.user(&owner, "anna", "member").await;
    let bob = s.user(&owner, "bob", "member").await;
    let w = open_workout(&anna).await;
    set(&anna, &w, 1, "barbell-back-squat", 5, 100.0).await;
    // Far beyond her own best: kept off the boards until she confirms it.
    set(&anna, &w, 2, "barbell-back-squat", 1, 200.0).await;
    let e1rm = "/api/v1/leaderboards?metric=e1rm&exercise=barbell-back-squat";
    let volume = "/api/v1/leaderboards?metric=volume&period=week";
    assert_eq!(board(&bob.get(e1rm).await)[0].1, 116.67);
    assert_eq!(board(&bob.get(volume).await), pairs(&[("anna", 500.0)]));
    let a = achievements(&anna).await;
    let flagged = a["flagged_sets"].as_array().unwrap();
    assert_eq!(flagged.len(), 1, "{a}");
    assert_eq!(flagged[0]["set_id"], uuid(2).replace('-', ""));
    assert_eq!(flagged[0]["weight_kg"], 200.0);
    // Only the member confirms their own set.
    let confirm = format!("/api/v1/workouts/{w}/sets/{}/confirm", uuid(2));
    bob.post(&confirm, json!({}))
        .await
        .problem(404, "not_found");
    let r = anna.post(&confirm, json!({})).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
    anna.post(&confirm, json!({}))
        .await
        .problem(409, "conflict");
    assert_eq!(board(&bob.get(e1rm).await)[0].1, 200.0);
    assert_eq!(board(&bob.get(volume).await), pairs(&[("anna", 700.0)]));
    assert!(
        achievements(&anna).await["flagged_sets"]
            .as_array()
            .unwrap()
            .is_empty()
    );

    // A moderator voids it: off the boards for good; members may not.
    let void = format!("/api/v1/workouts/{w}/sets/{}/void", uuid(2));
    bob.post(&void, json!({})).await.problem(403, "forbidden");
    let r = owner.post(&void, json!({})).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
    assert_eq!(board(&bob.get(e1rm).await)[0].1, 116.67);
    assert_eq!(board(&bob.get(volume).await), pairs(&[("anna", 500.0)]));
    anna.post(&confirm, json!({}))
        .await
        .problem(409, "conflict");
    // Her own history keeps the set.
    let r = anna.get(&format!("/api/v1/workouts/{w}")).await;
    assert_eq!(r.body["sets"].as_array().unwrap().len(), 2);
    // Restored, it counts again.
    let r = owner.delete(&void).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
    assert_eq!(board(&bob.get(e1rm).await)[0].1, 200.0);
    // Both are in the audit log, about anna.
    let audit = owner.get("/api/v1/admin/audit").await;
    let actions: Vec<(String, String)> = audit.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"].as_str().unwrap().starts_with("result."))
        .map(|e| {
            (
                e["action"].as_str().unwrap().to_owned(),
                e["subject"]["username"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        actions,
        [
            ("result.restore".to_owned(), "anna".to_owned()),
            ("result.void".to_owned(), "anna".to_owned())
        ],
        "{}",
        audit.text
    );
    owner
        .post(
            &format!("/api/v1/workouts/{w}/sets/{}/void", uuid(99)),
            json!({}),
        )
        .await
        .problem(404, "not_found");
    // Absurd loads are flagged at once.
    set(&anna, &w, 3, "barbell-deadlift", 1, 900.0).await;
    assert!(
        bob.get("/api/v1/leaderboards?metric=e1rm&exercise=barbell-deadlift")
            .await
            .body["entries"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

async fn create(c: &Client, body: Value) -> Resp {
    c.post("/api/v1/challenges", body).await
}

fn challenge(title: &str, scope: &str, metric: &str, goal: Option<f64>) -> Value {
    let mut b = json!({
        "title": title, "scope": scope, "metric": metric,
        "kind": if goal.is_some() { "goal" } else { "race" },
        "start_date": today(), "end_date": today(),
    });
    if let Some(g) = goal {
        b["goal"] = json!(g);
    }
    b
}

#[tokio::test]
async fn challenges_keep_exact_standings_and_freeze_with_badges_at_the_end() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let coach = s.user(&owner, "coach", "coach").await;
    let anna = s.user(&owner, "anna", "member").await;
    let bob = s.user(&owner, "bob", "member").await;
    // Who may create what.
    create(&anna, challenge("Mine", "gym", "volume", Some(1000.0)))
        .await
        .problem(403, "forbidden");
    let mut bad = challenge("Bad", "gym", "volume", None);
    bad["goal"] = json!(5.0);
    create(&coach, bad).await.problem(422, "validation_failed");
    let mut bad = challenge("Bad", "gym", "volume", Some(1.0));
    bad["end_date"] = json!("2020-01-01");
    create(&coach, bad).await.problem(422, "validation_failed");
    create(&coach, challenge("Sets", "gym", "exercise_sets", Some(3.0)))
        .await
        .problem(422, "validation_failed");
    let r = create(&coach, challenge("", "gym", "volume", Some(1.0))).await;
    r.problem(422, "validation_failed");

    // Anna trains before joining: what she did since the start counts when she joins.
    let w = open_workout(&anna).await;
    set(&anna, &w, 1, "barbell-bench-press", 5, 60.0).await;
    let r = create(&coach, challenge("Tonne", "gym", "volume", Some(1000.0))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.body["status"], "active");
    assert_eq!(r.body["kind"], "goal");
    assert_eq!(r.body["timezone"], "UTC");
    let id = r.body["id"].as_str().unwrap().to_owned();
    let mut race = challenge("Most sets", "gym", "exercise_sets", None);
    race["exercise_id"] = json!("barbell-bench-press");
    let r = create(&coach, race).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let race_id = r.body["id"].as_str().unwrap().to_owned();
    let r = anna
        .post(&format!("/api/v1/challenges/{id}/join"), json!({}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(
        (r.body["joined"].clone(), r.body["my_value"].clone()),
        (json!(true), json!(300.0))
    );
    assert_eq!(r.body["participants"], 1);
    // Joining again changes nothing.
    let r = anna
        .post(&format!("/api/v1/challenges/{id}/join"), json!({}))
        .await;
    assert_eq!(r.body["participants"], 1);
    for c in [&anna, &bob] {
        let r = c
            .post(&format!("/api/v1/challenges/{race_id}/join"), json!({}))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    }
    let r = bob
        .post(&format!("/api/v1/challenges/{id}/join"), json!({}))
        .await;
    assert_eq!(r.body["my_value"], 0.0);
    // Progress on write: retries count once, edits and deletes stay exact.
    set(&anna, &w, 2, "barbell-bench-press", 5, 80.0).await;
    set(&anna, &w, 2, "barbell-bench-press", 5, 80.0).await;
    let bw = open_workout(&bob).await;
    set(&bob, &bw, 10, "barbell-bench-press", 10, 100.0).await;
    let standings = format!("/api/v1/challenges/{id}/standings");
    assert_eq!(
        board(&anna.get(&standings).await),
        pairs(&[("bob", 1000.0), ("anna", 700.0)])
    );
    let r = bob
        .patch(
            &format!("/api/v1/workouts/{bw}/sets/{}", uuid(10)),
            json!({"reps": 5}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = anna.get(&standings).await;
    assert_eq!(board(&r), pairs(&[("anna", 700.0), ("bob", 500.0)]));
    assert_eq!(r.body["me"]["rank"], 1);
    let r = anna
        .delete(&format!("/api/v1/workouts/{w}/sets/{}", uuid(1)))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
    assert_eq!(
        board(&anna.get(&standings).await),
        pairs(&[("bob", 500.0), ("anna", 400.0)])
    );
    // A tie: whoever got there first (to the second) ranks first.
    let r = anna
        .get(&format!("/api/v1/challenges/{race_id}/standings"))
        .await;
    let mut tie = board(&r);
    tie.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(tie, pairs(&[("anna", 1.0), ("bob", 1.0)]));
    // Leaving takes the member out; an unknown or malformed id is a 404.
    let r = bob
        .post(&format!("/api/v1/challenges/{race_id}/leave"), json!({}))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
    let r = anna
        .get(&format!("/api/v1/challenges/{race_id}/standings"))
        .await;
    assert_eq!(board(&r), pairs(&[("anna", 1.0)]));
    anna.get("/api/v1/challenges/nope")
        .await
        .problem(404, "not_found");
    // Listing: the caller's challenges.
    let r = bob.get("/api/v1/challenges?joined=true").await;
    assert_eq!(r.body["items"].as_array().unwrap().len(), 1, "{}", r.text);
    bob.get("/api/v1/challenges?status=soon")
        .await
        .problem(422, "validation_failed");
    // Only its creator or an administrator changes it.
    anna.patch(
        &format!("/api/v1/challenges/{id}"),
        json!({"title": "Mine"}),
    )
    .await
    .problem(403, "forbidden");
    let r = coach
        .patch(
            &format!("/api/v1/challenges/{id}"),
            json!({"title": "One tonne"}),
        )
        .await;
    assert_eq!(
        (r.status, r.body["title"].clone()),
        (StatusCode::OK, json!("One tonne"))
    );
    coach
        .patch(&format!("/api/v1/challenges/{id}"), json!({"goal": 5.0}))
        .await
        .problem(422, "validation_failed");

    // Anna reaches the goal; at the end the standings freeze, winners and badges follow.
    set(&anna, &w, 3, "barbell-bench-press", 10, 70.0).await;
    let end = now() + 2 * 86_400;
    for c in [&id, &race_id] {
        let cid = gymbox::storage::ids::parse(c).unwrap();
        s.state().gamification.finalize_at(cid, end).await.unwrap();
    }
    let r = bob.get(&format!("/api/v1/challenges/{id}")).await;
    assert_eq!(r.body["finalized"], true, "{}", r.text);
    assert_eq!(r.body["finishers"], 1);
    assert_eq!(r.body["winners"][0]["username"], "anna");
    let a = achievements(&anna).await;
    let e = earned(&a);
    assert!(
        e.contains(&"challenge_finisher".to_owned()) && e.contains(&"challenge_winner".to_owned()),
        "{e:?}"
    );
    let finisher = a["badges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["id"] == "challenge_finisher")
        .unwrap()
        .clone();
    assert_eq!(finisher["count"], 2, "{finisher}");
    // Nothing moves a frozen challenge.
    set(&anna, &w, 4, "barbell-bench-press", 10, 70.0).await;
    assert_eq!(
        board(&anna.get(&standings).await),
        pairs(&[("anna", 1100.0), ("bob", 500.0)])
    );
    anna.post(&format!("/api/v1/challenges/{id}/leave"), json!({}))
        .await
        .problem(409, "challenge_ended");
    coach
        .patch(
            &format!("/api/v1/challenges/{id}"),
            json!({"title": "Late"}),
        )
        .await
        .problem(409, "challenge_ended");
    // The result is in the feed.
    let feed = bob.get("/api/v1/feed?scope=gym").await;
    let titles: Vec<String> = feed.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == "badge")
        .filter_map(|i| i["badge"]["challenge_title"].as_str().map(str::to_owned))
        .collect();
    assert!(titles.contains(&"One tonne".to_owned()), "{}", feed.text);
}

#[tokio::test]
async fn club_challenges_are_for_the_club() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let coach = s.user(&owner, "coach", "coach").await;
    let anna = s.user(&owner, "anna", "member").await;
    let bob = s.user(&owner, "bob", "member").await;
    let r = coach
        .post(
            "/api/v1/clubs",
            json!({"name": "Runners", "policy": "open"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let club = r.body["id"].as_str().unwrap().to_owned();
    let r = anna
        .post(&format!("/api/v1/clubs/{club}/join"), json!({}))
        .await;
    assert!(r.status.is_success(), "{}", r.text);
    // Members of the club may not create one; its admin may.
    create(
        &anna,
        challenge("Ours", &format!("club:{club}"), "active_days", Some(3.0)),
    )
    .await
    .problem(403, "forbidden");
    let r = create(
        &coach,
        challenge("Ours", &format!("club:{club}"), "active_days", Some(3.0)),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.body["club_name"], "Runners");
    let id = r.body["id"].as_str().unwrap().to_owned();
    // Outsiders neither see nor join it.
    bob.get(&format!("/api/v1/challenges/{id}"))
        .await
        .problem(404, "not_found");
    bob.post(&format!("/api/v1/challenges/{id}/join"), json!({}))
        .await
        .problem(404, "not_found");
    assert!(
        bob.get("/api/v1/challenges").await.body["items"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    bob.get(&format!("/api/v1/leaderboards?metric=xp&scope=club:{club}"))
        .await
        .problem(404, "not_found");
    let r = anna
        .post(&format!("/api/v1/challenges/{id}/join"), json!({}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let w = open_workout(&anna).await;
    set(&anna, &w, 1, "barbell-bench-press", 5, 60.0).await;
    set(&anna, &w, 2, "barbell-bench-press", 5, 60.0).await;
    let r = anna
        .get(&format!("/api/v1/challenges/{id}/standings"))
        .await;
    assert_eq!(board(&r), pairs(&[("anna", 1.0)]));
    let r = anna
        .get(&format!(
            "/api/v1/leaderboards?metric=xp&scope=club:{club}&period=all"
        ))
        .await;
    assert_eq!(board(&r), pairs(&[("anna", 20.0)]));
}

#[tokio::test]
async fn a_replay_of_history_matches_what_was_kept_on_write() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let anna = s.user(&owner, "anna", "member").await;
    for day in 0..3 {
        let start = now() - (20 - day * 7) * 86_400;
        let r = anna
            .post(
                "/api/v1/workouts",
                json!({"title": "W", "started_at": iso(start)}),
            )
            .await;
        let w = r.body["id"].as_str().unwrap().to_owned();
        for i in 0..3u32 {
            let r = anna
                .post(
                    &format!("/api/v1/workouts/{w}/sets"),
                    json!({"exercise_id": "barbell-back-squat", "reps": 5,
                           "weight_kg": 100.0 + f64::from(i) * 5.0 + day as f64,
                           "completed_at": iso(start + 600 * i64::from(i + 1))}),
                )
                .await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        }
        let r = anna
            .patch(
                &format!("/api/v1/workouts/{w}"),
                json!({"finished_at": iso(start + 3600)}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    }
    let st = s.state();
    let user = st.accounts.user_by_name("anna").await.unwrap().unwrap();
    let before = st.gamification.rows_of(user.id).await.unwrap();
    assert!(
        before
            .iter()
            .any(|r| r.starts_with("e1rm barbell-back-squat")),
        "{before:?}"
    );
    st.gamification
        .rebuild_member(gymbox::events::Owner::of(&user))
        .await
        .unwrap();
    assert_eq!(st.gamification.rows_of(user.id).await.unwrap(), before);
}
