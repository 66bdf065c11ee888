//! Coaching needs consent; a plan's visibility is its author's decision; what a caller may not
//! see does not exist for them.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::{Client, TestServer};

pub fn small_plan(title: &str, visibility: &str) -> Value {
    json!({
        "title": title, "visibility": visibility,
        "weeks": [{"days": [{"name": "Day A", "exercises": [{
            "exercise_id": "barbell-back-squat",
            "sets": [{"reps": {"min": 5, "max": 5}, "load": {"kg": 60.0}}]
        }]}]}]
    })
}

fn id(r: &crate::support::Resp) -> String {
    assert!(r.status.is_success(), "{} {}", r.status, r.text);
    r.body["id"].as_str().unwrap().to_owned()
}

async fn private_workout(c: &Client) -> String {
    let w = c
        .post(
            "/api/v1/workouts",
            json!({"started_at": "2026-01-05T17:00:00Z"}),
        )
        .await;
    id(&w)
}

async fn assign(coach: &Client, plan: &str, member: &str) -> crate::support::Resp {
    coach
        .post(
            &format!("/api/v1/plans/{plan}/assignments"),
            json!({"username": member, "start_date": "2026-01-05"}),
        )
        .await
}

async fn status(r: crate::support::Resp) -> u16 {
    r.status.as_u16()
}

#[tokio::test]
async fn a_request_gives_nothing_until_the_member_accepts_and_ending_it_ends_access() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let coach = s.user(&owner, "coach1", "coach").await;
    let alice = s.user(&owner, "alice", "member").await;
    let bob = s.user(&owner, "bob", "member").await;
    let wid = private_workout(&alice).await;
    let pid = id(&coach
        .post("/api/v1/plans", small_plan("Mine", "private"))
        .await);

    // Members do not send requests; nobody coaches themselves; unknown people are not found.
    bob.post("/api/v1/coaching/requests", json!({"username": "alice"}))
        .await
        .problem(403, "forbidden");
    coach
        .post("/api/v1/coaching/requests", json!({"username": "coach1"}))
        .await
        .problem(422, "validation_failed");
    coach
        .post("/api/v1/coaching/requests", json!({"username": "nobody"}))
        .await
        .problem(404, "not_found");

    let req = coach
        .post("/api/v1/coaching/requests", json!({"username": "alice"}))
        .await;
    assert_eq!(req.status, StatusCode::CREATED, "{}", req.text);
    assert_eq!(req.body["status"], "pending");
    assert_eq!(req.body["member"]["username"], "alice");
    let rid = id(&req);
    coach
        .post("/api/v1/coaching/requests", json!({"username": "alice"}))
        .await
        .problem(409, "coaching_exists");

    // Pending: no access, no assignment.
    coach
        .get(&format!("/api/v1/workouts/{wid}"))
        .await
        .problem(404, "not_found");
    assign(&coach, &pid, "alice")
        .await
        .problem(403, "forbidden");

    // Both sides see it, with the other person's name.
    let mine = alice.get("/api/v1/me/coaching").await;
    assert_eq!(
        mine.body["as_member"][0]["username"], "coach1",
        "{}",
        mine.text
    );
    assert_eq!(mine.body["as_member"][0]["status"], "pending");
    assert!(mine.body["as_member"][0]["created_at"].is_string());
    assert_eq!(mine.body["as_coach"], json!([]));
    let theirs = coach.get("/api/v1/me/coaching").await;
    assert_eq!(theirs.body["as_coach"][0]["username"], "alice");
    assert_eq!(
        coach.get("/api/v1/coach/members").await.body["items"],
        json!([])
    );

    // Only the member answers; to anyone else the request does not exist.
    for c in [&coach, &bob, &owner] {
        c.post(
            &format!("/api/v1/coaching/requests/{rid}/accept"),
            json!({}),
        )
        .await
        .problem(404, "not_found");
    }
    bob.delete(&format!("/api/v1/coaching/{rid}"))
        .await
        .problem(404, "not_found");
    let acc = alice
        .post(
            &format!("/api/v1/coaching/requests/{rid}/accept"),
            json!({}),
        )
        .await;
    assert_eq!(acc.status, StatusCode::OK, "{}", acc.text);
    assert_eq!(acc.body["status"], "active");
    alice
        .post(
            &format!("/api/v1/coaching/requests/{rid}/decline"),
            json!({}),
        )
        .await
        .problem(409, "coaching_active");
    coach
        .post("/api/v1/coaching/requests", json!({"username": "alice"}))
        .await
        .problem(409, "coaching_exists");

    // Active: the coach sees her private workout, lists her, and may assign.
    assert_eq!(
        coach.get(&format!("/api/v1/workouts/{wid}")).await.status,
        StatusCode::OK
    );
    let members = coach.get("/api/v1/coach/members").await;
    assert_eq!(members.body["items"][0]["username"], "alice");
    assert_eq!(members.body["items"][0]["relationship_id"], rid.as_str());
    assert!(members.body["items"][0]["since"].is_string());
    assert_eq!(
        assign(&coach, &pid, "alice").await.status,
        StatusCode::CREATED
    );
    // Other coaches, admins and the owner got nothing.
    owner
        .get(&format!("/api/v1/workouts/{wid}"))
        .await
        .problem(404, "not_found");

    // The member ends it: access ends at once.
    assert_eq!(
        status(alice.delete(&format!("/api/v1/coaching/{rid}")).await).await,
        204
    );
    coach
        .get(&format!("/api/v1/workouts/{wid}"))
        .await
        .problem(404, "not_found");
    assign(&coach, &pid, "alice")
        .await
        .problem(403, "forbidden");

    // Declining removes a request; a new one may follow.
    let again = id(&coach
        .post("/api/v1/coaching/requests", json!({"username": "alice"}))
        .await);
    assert_eq!(
        status(
            alice
                .post(
                    &format!("/api/v1/coaching/requests/{again}/decline"),
                    json!({})
                )
                .await
        )
        .await,
        204
    );
    assert_eq!(
        alice.get("/api/v1/me/coaching").await.body["as_member"],
        json!([])
    );
    coach
        .get(&format!("/api/v1/workouts/{wid}"))
        .await
        .problem(404, "not_found");
}

#[tokio::test]
async fn administrators_and_the_owner_need_a_relationship_and_demotion_ends_it() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let admin = s.user(&owner, "admin1", "admin").await;
    let coach = s.user(&owner, "coach1", "coach").await;
    let alice = s.user(&owner, "alice", "member").await;
    let pid = id(&coach
        .post("/api/v1/plans", small_plan("Mine", "private"))
        .await);
    let owner_wid = private_workout(&owner).await;
    let admin_wid = private_workout(&admin).await;
    let alice_wid = private_workout(&alice).await;

    // The old hole: assigning a plan to the owner or an admin gave their private workouts.
    assign(&coach, &pid, "owner")
        .await
        .problem(403, "forbidden");
    assign(&coach, &pid, "admin1")
        .await
        .problem(403, "forbidden");
    for wid in [&owner_wid, &admin_wid] {
        coach
            .get(&format!("/api/v1/workouts/{wid}"))
            .await
            .problem(404, "not_found");
    }
    // An administrator acting as coach needs a relationship for private data too.
    let apid = id(&admin
        .post("/api/v1/plans", small_plan("Admin's", "private"))
        .await);
    assign(&admin, &apid, "alice")
        .await
        .problem(403, "forbidden");
    admin
        .get(&format!("/api/v1/workouts/{alice_wid}"))
        .await
        .problem(404, "not_found");

    // Administrators pair directly; members may not; the coach needs coach rights.
    alice
        .post(
            "/api/v1/admin/coaching",
            json!({"coach": "coach1", "member": "alice"}),
        )
        .await
        .problem(403, "forbidden");
    admin
        .post(
            "/api/v1/admin/coaching",
            json!({"coach": "alice", "member": "coach1"}),
        )
        .await
        .problem(422, "validation_failed");
    let rel = s.link_coach(&admin, "coach1", "alice").await;
    admin
        .post(
            "/api/v1/admin/coaching",
            json!({"coach": "coach1", "member": "alice"}),
        )
        .await
        .problem(409, "coaching_exists");
    assert_eq!(
        assign(&coach, &pid, "alice").await.status,
        StatusCode::CREATED
    );
    assert_eq!(
        coach
            .get(&format!("/api/v1/workouts/{alice_wid}"))
            .await
            .status,
        StatusCode::OK
    );
    // The relationship is the coach's, not the admin's who made it.
    admin
        .get(&format!("/api/v1/workouts/{alice_wid}"))
        .await
        .problem(404, "not_found");

    // Demoted: the coach loses members and requests in the same commit.
    let r = owner
        .patch("/api/v1/admin/users/coach1", json!({"role": "member"}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    coach
        .get(&format!("/api/v1/workouts/{alice_wid}"))
        .await
        .problem(404, "not_found");
    assert_eq!(
        alice.get("/api/v1/me/coaching").await.body["as_member"],
        json!([])
    );
    // Promoted again, nothing comes back by itself.
    owner
        .patch("/api/v1/admin/users/coach1", json!({"role": "coach"}))
        .await;
    coach
        .get(&format!("/api/v1/workouts/{alice_wid}"))
        .await
        .problem(404, "not_found");
    admin
        .delete(&format!("/api/v1/coaching/{rel}"))
        .await
        .problem(404, "not_found");

    // An administrator ends someone else's relationship; account deletion ends them too.
    let rel = s.link_coach(&admin, "coach1", "alice").await;
    assert_eq!(
        admin
            .delete(&format!("/api/v1/coaching/{rel}"))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    s.link_coach(&admin, "coach1", "alice").await;
    assert_eq!(
        owner.delete("/api/v1/admin/users/coach1").await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        alice.get("/api/v1/me/coaching").await.body["as_member"],
        json!([])
    );
}

#[tokio::test]
async fn assigning_never_widens_who_may_read_a_plan() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let coach = s.user(&owner, "coach1", "coach").await;
    let coach2 = s.user(&owner, "coach2", "coach").await;
    let alice = s.user(&owner, "alice", "member").await;
    let bob = s.user(&owner, "bob", "member").await;
    s.link_coach(&owner, "coach1", "coach2").await;
    s.link_coach(&owner, "coach2", "alice").await;
    s.link_coach(&owner, "coach1", "alice").await;

    // coach1 assigns their private plan to coach2: its author shares it, coach2 may read it.
    let secret = id(&coach
        .post("/api/v1/plans", small_plan("Secret", "private"))
        .await);
    assert_eq!(
        assign(&coach, &secret, "coach2").await.status,
        StatusCode::CREATED
    );
    assert_eq!(
        coach2.get(&format!("/api/v1/plans/{secret}")).await.status,
        StatusCode::OK
    );
    // coach2 cannot pass it on: alice may not see it and coach2 is not its author.
    assign(&coach2, &secret, "alice")
        .await
        .problem(403, "forbidden");
    alice
        .get(&format!("/api/v1/plans/{secret}"))
        .await
        .problem(404, "not_found");

    // A plan shared with members may be assigned by any coach of the member; its author sees
    // and may end the assignment; the plan stays as its author made it.
    let shared = id(&bob
        .post("/api/v1/plans", small_plan("Bob's", "members"))
        .await);
    let a = assign(&coach2, &shared, "alice").await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.text);
    let aid = id(&a);
    let seen = bob
        .get(&format!("/api/v1/plans/{shared}/assignments"))
        .await;
    assert_eq!(seen.body["items"][0]["member"], "alice", "{}", seen.text);
    // A workout from the plan shows its day while alice may read the plan.
    let w = alice
        .post(
            "/api/v1/workouts",
            json!({"plan": {"plan_id": shared, "week": 0, "day": 0, "assignment_id": aid}}),
        )
        .await;
    let wid = id(&w);
    assert_eq!(
        alice.get(&format!("/api/v1/workouts/{wid}")).await.body["plan_day"]["name"],
        "Day A"
    );
    // The author makes it private: the assignment (by someone else) gives alice nothing.
    bob.patch(
        &format!("/api/v1/plans/{shared}"),
        json!({"visibility": "private"}),
    )
    .await;
    alice
        .get(&format!("/api/v1/plans/{shared}"))
        .await
        .problem(404, "not_found");
    let detail = alice.get(&format!("/api/v1/workouts/{wid}")).await;
    assert_eq!(detail.status, StatusCode::OK);
    assert!(detail.body["plan_day"].is_null(), "{}", detail.text);
    // Its followers are the author's to see: not found for the others.
    for c in [&alice, &coach2, &owner] {
        c.get(&format!("/api/v1/plans/{shared}/assignments"))
            .await
            .problem(404, "not_found");
    }
    // A coach's members list shows only assignments of plans the coach may read.
    let alice_of = |r: &crate::support::Resp| {
        r.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["username"] == "alice")
            .cloned()
            .unwrap()
    };
    let members = coach2.get("/api/v1/coach/members").await;
    assert_eq!(
        alice_of(&members)["assignments"],
        json!([]),
        "{}",
        members.text
    );
    assert_eq!(
        bob.delete(&format!("/api/v1/assignments/{aid}"))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    // Someone unrelated cannot end (or learn of) an assignment.
    let a2 = id(&assign(&coach, &secret, "alice").await);
    coach2
        .delete(&format!("/api/v1/assignments/{a2}"))
        .await
        .problem(404, "not_found");
    coach2
        .get(&format!("/api/v1/assignments/{a2}/adherence"))
        .await
        .problem(404, "not_found");
    let members = coach.get("/api/v1/coach/members").await;
    let row = alice_of(&members);
    assert_eq!(row["assignments"][0]["id"], a2.as_str(), "{}", members.text);
    assert_eq!(row["assignments"][0]["plan"]["title"], "Secret");
    assert_eq!(row["assignments"][0]["coach"], "coach1");
    // The author assigned it: alice may read it now.
    assert_eq!(
        alice.get(&format!("/api/v1/plans/{secret}")).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn what_the_caller_may_not_see_does_not_exist() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let alice = s.user(&owner, "alice", "member").await;
    let bob = s.user(&owner, "bob", "member").await;
    let wid = private_workout(&alice).await;
    let set = alice
        .post(
            &format!("/api/v1/workouts/{wid}/sets"),
            json!({"id": "01a24a738cf472f28e0fcb5aa4b37a7f", "exercise_id": "barbell-back-squat", "reps": 5, "weight_kg": 100.0}),
        )
        .await;
    let sid = id(&set);
    let missing = "0000000000007000800000000000beef";
    // Someone else's private workout answers exactly like one that does not exist.
    for w in [wid.as_str(), missing] {
        for r in [
            bob.get(&format!("/api/v1/workouts/{w}")).await,
            bob.patch(&format!("/api/v1/workouts/{w}"), json!({"title": "x"}))
                .await,
            bob.delete(&format!("/api/v1/workouts/{w}")).await,
            bob.post(
                &format!("/api/v1/workouts/{w}/sets"),
                json!({"exercise_id": "barbell-back-squat", "reps": 1}),
            )
            .await,
            bob.patch(
                &format!("/api/v1/workouts/{w}/sets/{sid}"),
                json!({"reps": 1}),
            )
            .await,
            bob.delete(&format!("/api/v1/workouts/{w}/sets/{sid}"))
                .await,
        ] {
            r.problem(404, "not_found");
        }
    }
    // A page of her workouts: the hidden one is neither listed nor hinted at by a cursor.
    for (t, vis) in [
        ("2025-12-01T10:00:00Z", "private"),
        ("2026-01-01T10:00:00Z", "members"),
        ("2026-01-03T10:00:00Z", "members"),
    ] {
        alice
            .post(
                "/api/v1/workouts",
                json!({"started_at": t, "visibility": vis}),
            )
            .await;
    }
    // Newest first: private (Jan 5), members (Jan 3), members (Jan 1), private (Dec 1).
    let p1 = bob.get("/api/v1/users/alice/workouts?limit=1").await;
    assert_eq!(p1.body["items"].as_array().unwrap().len(), 1, "{}", p1.text);
    let c = p1.body["next_cursor"].as_str().unwrap();
    assert!(!p1.text.contains(&wid));
    let p2 = bob
        .get(&format!("/api/v1/users/alice/workouts?limit=1&cursor={c}"))
        .await;
    assert_eq!(p2.body["items"].as_array().unwrap().len(), 1, "{}", p2.text);
    assert!(p2.body["next_cursor"].is_null(), "{}", p2.text);
    let all = bob.get("/api/v1/users/alice/workouts?limit=2").await;
    assert_eq!(all.body["items"].as_array().unwrap().len(), 2);
    assert!(
        all.body["next_cursor"].is_null(),
        "no hint of the hidden one: {}",
        all.text
    );

    // A private exercise: not found by id, history or progress, and never in search.
    let ex = alice
        .post(
            "/api/v1/exercises",
            json!({"name_en": "Hidden Zercher Hold", "primary": ["quadriceps"], "equipment": "barbell"}),
        )
        .await;
    let eid = id(&ex);
    for path in [
        format!("/api/v1/exercises/{eid}"),
        format!("/api/v1/exercises/{eid}/history"),
        format!("/api/v1/exercises/{eid}/progress"),
    ] {
        bob.get(&path).await.problem(404, "not_found");
        owner.get(&path).await.problem(404, "not_found");
    }
    bob.patch(&format!("/api/v1/exercises/{eid}"), json!({"name_en": "x"}))
        .await
        .problem(404, "not_found");
    s.indexed().await;
    for c in [&bob, &owner] {
        let r = c.get("/api/v1/search?q=hidden zercher").await;
        assert!(!r.text.contains(&eid), "{}", r.text);
        assert!(!r.text.contains("Hidden Zercher"), "{}", r.text);
    }
    assert!(
        alice
            .get("/api/v1/search?q=hidden zercher")
            .await
            .text
            .contains(&eid)
    );
}
