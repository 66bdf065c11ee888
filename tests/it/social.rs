//! Follows, blocks, the feed, kudos, comments and notifications: what each member may see and
//! do, and that nothing hidden shows up anywhere — not even as a count.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::{Client, Resp, TestServer};

/// A finished workout of `c` with `visibility`, started on `day` (YYYY-MM-DD).
async fn finished(c: &Client, title: &str, day: &str, visibility: &str) -> String {
    let r = c
        .post(
            "/api/v1/workouts",
            json!({"title": title, "visibility": visibility,
                   "started_at": format!("{day}T17:00:00Z"),
                   "finished_at": format!("{day}T18:00:00Z")}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    r.body["id"].as_str().unwrap().to_owned()
}

/// The feed's workout items (badges earned along the way are items too).
fn workouts(feed: &Resp) -> Vec<Value> {
    assert_eq!(feed.status, StatusCode::OK, "{}", feed.text);
    feed.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] != "badge")
        .cloned()
        .collect()
}

fn titles(feed: &Resp) -> Vec<String> {
    workouts(feed)
        .iter()
        .map(|i| i["workout"]["title"].as_str().unwrap().to_owned())
        .collect()
}

fn kinds(list: &Resp) -> Vec<String> {
    assert_eq!(list.status, StatusCode::OK, "{}", list.text);
    list.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            format!(
                "{}:{}",
                i["kind"].as_str().unwrap(),
                i["actor"]["username"].as_str().unwrap()
            )
        })
        .collect()
}

fn names(list: &Resp) -> Vec<String> {
    assert_eq!(list.status, StatusCode::OK, "{}", list.text);
    list.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["username"].as_str().unwrap().to_owned())
        .collect()
}

async fn privacy(c: &Client, vis: &str) {
    let r = c
        .patch(
            "/api/v1/me",
            json!({"privacy": {"profile_visibility": vis}}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
}

async fn follow(c: &Client, who: &str) -> Resp {
    c.post(&format!("/api/v1/users/{who}/follow"), json!({}))
        .await
}

#[tokio::test]
async fn follows_need_consent_unless_the_profile_is_shared_and_followers_visibility_is_real() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let anna = s.user(&owner, "anna", "member").await;
    let bob = s.user(&owner, "bob", "member").await;
    let cara = s.user(&owner, "cara", "member").await;

    // Anna's profile is shared with the gym: following her is immediate.
    let r = follow(&bob, "anna").await;
    assert_eq!(r.body["state"], "following", "{}", r.text);
    // Again changes nothing; yourself and unknown people are refused.
    assert_eq!(follow(&bob, "anna").await.body["state"], "following");
    follow(&bob, "bob").await.problem(422, "validation_failed");
    follow(&bob, "nobody").await.problem(404, "not_found");
    let rel = bob.get("/api/v1/users/anna/relationship").await;
    assert_eq!(rel.body["following"], "following", "{}", rel.text);
    assert_eq!(rel.body["followers_count"], 1);
    assert_eq!(
        anna.get("/api/v1/users/bob/relationship").await.body["follows_you"],
        true
    );
    assert_eq!(
        names(&cara.get("/api/v1/users/anna/followers").await),
        ["bob"]
    );
    assert_eq!(
        names(&cara.get("/api/v1/users/bob/following").await),
        ["anna"]
    );
    let n = anna.get("/api/v1/notifications").await;
    assert_eq!(kinds(&n), ["follow:bob"]);
    assert_eq!(n.body["unread"], 1);

    // Cara keeps her profile to followers: a follow is a request until she answers.
    privacy(&cara, "followers").await;
    let w = finished(&cara, "Cara followers-only", "2026-03-02", "followers").await;
    assert_eq!(follow(&bob, "cara").await.body["state"], "requested");
    assert_eq!(follow(&anna, "cara").await.body["state"], "requested");
    // A request shows nothing yet.
    bob.get(&format!("/api/v1/workouts/{w}"))
        .await
        .problem(404, "not_found");
    bob.get("/api/v1/users/cara")
        .await
        .problem(404, "not_found");
    bob.get("/api/v1/users/cara/followers")
        .await
        .problem(404, "not_found");
    let reqs = cara.get("/api/v1/me/follow-requests").await;
    assert_eq!(reqs.status, StatusCode::OK, "{}", reqs.text);
    let items = reqs.body["items"].as_array().unwrap().clone();
    assert_eq!(items.len(), 2);
    let id_of = |name: &str| -> String {
        items
            .iter()
            .find(|i| i["user"]["username"] == name)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    // Only Cara answers her requests.
    bob.post(
        &format!("/api/v1/me/follow-requests/{}/accept", id_of("bob")),
        json!({}),
    )
    .await
    .problem(404, "not_found");
    let r = cara
        .post(
            &format!("/api/v1/me/follow-requests/{}/accept", id_of("bob")),
            json!({}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
    let r = cara
        .post(
            &format!("/api/v1/me/follow-requests/{}/decline", id_of("anna")),
            json!({}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
    assert_eq!(
        kinds(&bob.get("/api/v1/notifications").await),
        ["follow_accepted:cara"]
    );
    // The request notifications went with the answers.
    assert!(kinds(&cara.get("/api/v1/notifications").await).is_empty());

    // Now Bob, an accepted follower, sees Cara's followers-only profile, workout and stats;
    // Anna, declined, sees none of it.
    assert_eq!(
        bob.get(&format!("/api/v1/workouts/{w}")).await.status,
        StatusCode::OK
    );
    assert_eq!(bob.get("/api/v1/users/cara").await.status, StatusCode::OK);
    assert_eq!(
        bob.get("/api/v1/users/cara/stats").await.status,
        StatusCode::OK
    );
    anna.get(&format!("/api/v1/workouts/{w}"))
        .await
        .problem(404, "not_found");
    anna.get("/api/v1/users/cara/stats")
        .await
        .problem(404, "not_found");
    // Anna may still ask again, but sees no counts of a profile she may not see.
    let rel = anna.get("/api/v1/users/cara/relationship").await;
    assert_eq!(rel.body["following"], "none", "{}", rel.text);
    assert_eq!(rel.body["followers_count"], Value::Null);
    assert_eq!(rel.body["following_count"], Value::Null);
    // Followers-only plans too.
    let plan = cara
        .post(
            "/api/v1/plans",
            crate::coaching::small_plan("Cara's plan", "followers"),
        )
        .await;
    let pid = plan.body["id"].as_str().unwrap().to_owned();
    assert_eq!(
        bob.get(&format!("/api/v1/plans/{pid}")).await.status,
        StatusCode::OK
    );
    anna.get(&format!("/api/v1/plans/{pid}"))
        .await
        .problem(404, "not_found");

    // Unfollowing ends it at once; the counts follow.
    let r = bob.delete("/api/v1/users/cara/follow").await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    bob.get(&format!("/api/v1/workouts/{w}"))
        .await
        .problem(404, "not_found");
    assert_eq!(
        cara.get("/api/v1/users/cara/relationship").await.body["followers_count"],
        0
    );
    // A follower can be removed by the one followed.
    let r = anna.delete("/api/v1/me/followers/bob").await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(
        bob.get("/api/v1/users/anna/relationship").await.body["following"],
        "none"
    );
}

#[tokio::test]
async fn the_feed_shows_finished_workouts_the_viewer_may_see_now() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let anna = s.user(&owner, "anna", "member").await;
    let bob = s.user(&owner, "bob", "member").await;
    let cara = s.user(&owner, "cara", "member").await;
    follow(&bob, "anna").await;

    finished(&anna, "Anna members", "2026-03-01", "members").await;
    let fo = finished(&anna, "Anna followers", "2026-03-02", "followers").await;
    finished(&anna, "Anna private", "2026-03-03", "private").await;
    finished(&cara, "Cara members", "2026-03-04", "members").await;
    finished(&bob, "Bob own private", "2026-03-05", "private").await;
    // An unfinished workout is not activity yet.
    let open = anna
        .post(
            "/api/v1/workouts",
            json!({"title": "Anna open", "visibility": "members", "started_at": "2026-03-06T17:00:00Z"}),
        )
        .await;
    let open = open.body["id"].as_str().unwrap().to_owned();

    assert_eq!(
        titles(&bob.get("/api/v1/feed").await),
        ["Bob own private", "Anna followers", "Anna members"]
    );
    assert_eq!(
        titles(&bob.get("/api/v1/feed?scope=gym").await),
        [
            "Bob own private",
            "Cara members",
            "Anna followers",
            "Anna members"
        ]
    );
    // Cara does not follow Anna: the gym feed shows her only what the gym may see.
    assert_eq!(
        titles(&cara.get("/api/v1/feed?scope=gym").await),
        ["Cara members", "Anna members"]
    );
    assert_eq!(titles(&cara.get("/api/v1/feed").await), ["Cara members"]);

    // Finishing the open workout puts it on top; making a workout private takes it out;
    // deleting one removes it.
    let r = anna
        .patch(
            &format!("/api/v1/workouts/{open}"),
            json!({"finished_at": "2026-03-06T18:00:00Z"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = anna
        .patch(
            &format!("/api/v1/workouts/{fo}"),
            json!({"visibility": "private"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(
        titles(&bob.get("/api/v1/feed").await),
        ["Anna open", "Bob own private", "Anna members"]
    );
    let r = anna.delete(&format!("/api/v1/workouts/{open}")).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(
        titles(&bob.get("/api/v1/feed").await),
        ["Bob own private", "Anna members"]
    );

    // Pages: a cursor continues where the last page ended, nothing twice.
    for d in 10..16 {
        finished(
            &anna,
            &format!("Anna {d}"),
            &format!("2026-03-{d}"),
            "members",
        )
        .await;
    }
    // (Badges earned on the way are feed items too; page through everything.)
    let (mut seen, mut cursor) = (Vec::new(), String::new());
    loop {
        let page = bob
            .get(&format!("/api/v1/feed?limit=3&cursor={cursor}"))
            .await;
        assert!(page.body["items"].as_array().unwrap().len() <= 3);
        seen.extend(titles(&page));
        match page.body["next_cursor"].as_str() {
            Some(c) => cursor = c.to_owned(),
            None => break,
        }
    }
    let dated: Vec<&String> = seen.iter().filter(|t| t.starts_with("Anna 1")).collect();
    assert_eq!(
        dated,
        [
            "Anna 15", "Anna 14", "Anna 13", "Anna 12", "Anna 11", "Anna 10"
        ]
    );
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), seen.len(), "{seen:?}");
    bob.get("/api/v1/feed?cursor=bogus!")
        .await
        .problem(400, "bad_request");
    bob.get("/api/v1/feed?scope=club")
        .await
        .problem(422, "validation_failed");
    s.client()
        .get("/api/v1/feed")
        .await
        .problem(401, "unauthorized");
}

#[tokio::test]
async fn kudos_and_comments_follow_the_item_and_notify_its_owner() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let anna = s.user(&owner, "anna", "member").await;
    let bob = s.user(&owner, "bob", "member").await;
    let cara = s.user(&owner, "cara", "member").await;
    follow(&bob, "anna").await;
    let w = finished(&anna, "Anna followers", "2026-03-02", "followers").await;
    let kudos = format!("/api/v1/workouts/{w}/kudos");
    let comments = format!("/api/v1/workouts/{w}/comments");

    // Kudos: once per person, not on your own, not on what you may not see.
    let r = bob.post(&kudos, json!({})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body, json!({"kudos": 1, "comments": 0, "kudoed": true}));
    assert_eq!(bob.post(&kudos, json!({})).await.body["kudos"], 1);
    let own = anna.post(&kudos, json!({})).await;
    own.problem(422, "validation_failed");
    assert_eq!(own.body["errors"][0]["code"], "own_item");
    cara.post(&kudos, json!({})).await.problem(404, "not_found");
    cara.get(&kudos).await.problem(404, "not_found");
    cara.get(&comments).await.problem(404, "not_found");
    bob.post("/api/v1/workouts/not-an-id/kudos", json!({}))
        .await
        .problem(404, "not_found");

    // Comments: the owner is told; a mention tells only people who may see the workout.
    let r = bob
        .post(
            &comments,
            json!({"body": "Strong session @anna! cc @cara @nobody"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let cid = r.body["id"].as_str().unwrap().to_owned();
    assert_eq!(r.body["can_edit"], true);
    bob.post(&comments, json!({"body": "   "}))
        .await
        .problem(422, "validation_failed");
    bob.post(&comments, json!({"body": "x".repeat(2001)}))
        .await
        .problem(422, "validation_failed");
    bob.post(&comments, json!({"body": "hi", "extra": 1}))
        .await
        .problem(422, "validation_failed");
    cara.post(&comments, json!({"body": "sneaky"}))
        .await
        .problem(404, "not_found");
    assert_eq!(
        kinds(&anna.get("/api/v1/notifications").await),
        ["comment:bob", "kudos:bob", "follow:bob"]
    );
    assert!(kinds(&cara.get("/api/v1/notifications").await).is_empty());

    // Edit: only the author; delete: the author or the workout's owner.
    anna.patch(
        &format!("/api/v1/comments/{cid}"),
        json!({"body": "mine now"}),
    )
    .await
    .problem(403, "forbidden");
    cara.patch(
        &format!("/api/v1/comments/{cid}"),
        json!({"body": "mine now"}),
    )
    .await
    .problem(404, "not_found");
    let r = bob
        .patch(
            &format!("/api/v1/comments/{cid}"),
            json!({"body": "Strong session!"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert!(r.body["edited_at"].is_string());
    let list = anna.get(&comments).await;
    assert_eq!(list.body["items"][0]["body"], "Strong session!");
    assert_eq!(list.body["items"][0]["can_edit"], false);
    assert_eq!(list.body["items"][0]["can_delete"], true);
    let feed = workouts(&bob.get("/api/v1/feed").await);
    assert_eq!(feed[0]["kudos"], 1);
    assert_eq!(feed[0]["comments"], 1);
    assert_eq!(feed[0]["kudoed"], true);
    cara.delete(&format!("/api/v1/comments/{cid}"))
        .await
        .problem(404, "not_found");
    let r = anna.delete(&format!("/api/v1/comments/{cid}")).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    // Taking kudos back and deleting the comment take their notifications along.
    let r = bob.delete(&kudos).await;
    assert_eq!(r.body, json!({"kudos": 0, "comments": 0, "kudoed": false}));
    assert_eq!(
        kinds(&anna.get("/api/v1/notifications").await),
        ["follow:bob"]
    );

    // A member who may see the workout is told of a mention.
    let r = bob.post(&comments, json!({"body": "@cara look"})).await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert!(kinds(&cara.get("/api/v1/notifications").await).is_empty());
    let r = anna
        .patch(
            &format!("/api/v1/workouts/{w}"),
            json!({"visibility": "members"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let r = bob.post(&comments, json!({"body": "@cara look now"})).await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert_eq!(
        kinds(&cara.get("/api/v1/notifications").await),
        ["mention:bob"]
    );

    // Notifications are read all at once or up to one.
    let n = anna.get("/api/v1/notifications").await;
    assert_eq!(n.body["unread"], 3, "{}", n.text);
    let oldest = n.body["items"][1]["id"].as_str().unwrap().to_owned();
    let r = anna
        .post("/api/v1/notifications/read", json!({"up_to": oldest}))
        .await;
    assert_eq!(r.body["unread"], 1, "{}", r.text);
    let r = anna.post("/api/v1/notifications/read", json!({})).await;
    assert_eq!(r.body["unread"], 0);
    assert_eq!(
        anna.get("/api/v1/notifications/unread").await.body["unread"],
        0
    );
    anna.post("/api/v1/notifications/read", json!({"up_to": "x"}))
        .await
        .problem(422, "validation_failed");

    // Notifications from an account deleted since are neither listed nor counted.
    let dave = s.user(&owner, "dave", "member").await;
    let r = dave.post(&kudos, json!({})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let unread = || async { anna.get("/api/v1/notifications/unread").await.body["unread"].clone() };
    assert_eq!(unread().await, 1);
    let r = owner.delete("/api/v1/admin/users/dave").await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
    let n = anna.get("/api/v1/notifications").await;
    assert!(
        !kinds(&n).iter().any(|k| k.ends_with(":dave")),
        "{}",
        n.text
    );
    assert_eq!(n.body["unread"], 0, "{}", n.text);
    assert_eq!(unread().await, 0);
}

#[tokio::test]
async fn a_block_hides_both_sides_everywhere_even_in_counts() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let anna = s.user(&owner, "anna", "member").await;
    let bob = s.user(&owner, "bob", "member").await;
    let cara = s.user(&owner, "cara", "member").await;
    follow(&bob, "anna").await;
    follow(&anna, "bob").await;
    follow(&cara, "anna").await;
    let aw = finished(&anna, "Anna members", "2026-03-02", "members").await;
    let cw = finished(&cara, "Cara members", "2026-03-03", "members").await;
    bob.post(&format!("/api/v1/workouts/{cw}/kudos"), json!({}))
        .await;
    bob.post(
        &format!("/api/v1/workouts/{cw}/comments"),
        json!({"body": "nice"}),
    )
    .await;
    anna.post(&format!("/api/v1/workouts/{cw}/kudos"), json!({}))
        .await;

    let r = anna.post("/api/v1/users/bob/block", json!({})).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
    anna.post("/api/v1/users/anna/block", json!({}))
        .await
        .problem(422, "validation_failed");
    let blocks = anna.get("/api/v1/me/blocks").await;
    assert_eq!(
        blocks.body["items"][0]["user"]["username"], "bob",
        "{}",
        blocks.text
    );
    assert_eq!(blocks.body["items"].as_array().unwrap().len(), 1);

    // Follows are gone both ways and cannot come back.
    follow(&bob, "anna").await.problem(404, "not_found");
    follow(&anna, "bob").await.problem(409, "blocked");
    assert_eq!(
        cara.get("/api/v1/users/anna/relationship").await.body["followers_count"],
        1
    );
    assert!(names(&cara.get("/api/v1/users/anna/followers").await) == ["cara"]);
    // The blocked one learns nothing of the blocker; the blocker sees the block.
    bob.get("/api/v1/users/anna/relationship")
        .await
        .problem(404, "not_found");
    assert_eq!(
        anna.get("/api/v1/users/bob/relationship").await.body["blocked"],
        true
    );
    // Bob no longer sees Anna: profile, workout, feed, search, kudos, comments.
    bob.get("/api/v1/users/anna")
        .await
        .problem(404, "not_found");
    bob.get(&format!("/api/v1/workouts/{aw}"))
        .await
        .problem(404, "not_found");
    assert_eq!(
        titles(&bob.get("/api/v1/feed?scope=gym").await),
        ["Cara members"]
    );
    assert_eq!(
        titles(&anna.get("/api/v1/feed?scope=gym").await),
        ["Cara members", "Anna members"]
    );
    bob.post(&format!("/api/v1/workouts/{aw}/kudos"), json!({}))
        .await
        .problem(404, "not_found");
    s.indexed().await;
    let found = bob.get("/api/v1/search?q=anna").await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.text);
    assert!(!found.text.contains("\"anna\""), "{}", found.text);
    // On Cara's workout, each sees the other's kudos and comments neither listed nor counted.
    let seen_by_anna = anna.get(&format!("/api/v1/workouts/{cw}/kudos")).await;
    assert_eq!(
        seen_by_anna.body,
        json!({"kudos": 1, "comments": 0, "kudoed": true})
    );
    let list = anna.get(&format!("/api/v1/workouts/{cw}/comments")).await;
    assert_eq!(list.body["items"], json!([]));
    let seen_by_cara = cara.get(&format!("/api/v1/workouts/{cw}/kudos")).await;
    assert_eq!(seen_by_cara.body["kudos"], 2);
    assert_eq!(seen_by_cara.body["comments"], 1);

    // Unblocking makes them visible to each other again (follows are not restored).
    let r = anna.delete("/api/v1/users/bob/block").await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(bob.get("/api/v1/users/anna").await.status, StatusCode::OK);
    assert_eq!(
        bob.get("/api/v1/users/anna/relationship").await.body["following"],
        "none"
    );
}

#[tokio::test]
async fn coaching_requests_and_plan_assignments_notify_and_deleting_accounts_leaves_nothing() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let coach = s.user(&owner, "coach1", "coach").await;
    let anna = s.user(&owner, "anna", "member").await;
    let bob = s.user(&owner, "bob", "member").await;
    let r = coach
        .post("/api/v1/coaching/requests", json!({"username": "anna"}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let rid = r.body["id"].as_str().unwrap().to_owned();
    anna.post(
        &format!("/api/v1/coaching/requests/{rid}/accept"),
        json!({}),
    )
    .await;
    let plan = coach
        .post(
            "/api/v1/plans",
            crate::coaching::small_plan("Block 1", "private"),
        )
        .await;
    let pid = plan.body["id"].as_str().unwrap().to_owned();
    let r = coach
        .post(
            &format!("/api/v1/plans/{pid}/assignments"),
            json!({"username": "anna", "start_date": "2026-03-02"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let n = anna.get("/api/v1/notifications").await;
    assert_eq!(
        kinds(&n),
        ["plan_assigned:coach1", "coaching_request:coach1"]
    );
    assert_eq!(n.body["items"][0]["subject_kind"], "plan");
    assert_eq!(n.body["items"][0]["subject_id"], pid.as_str());

    // Everything social between people goes with their accounts.
    follow(&bob, "anna").await;
    follow(&anna, "bob").await;
    let w = finished(&anna, "Anna", "2026-03-02", "members").await;
    let bw = finished(&bob, "Bob", "2026-03-03", "members").await;
    bob.post(&format!("/api/v1/workouts/{w}/kudos"), json!({}))
        .await;
    bob.post(
        &format!("/api/v1/workouts/{w}/comments"),
        json!({"body": "@anna yes"}),
    )
    .await;
    anna.post(
        &format!("/api/v1/workouts/{bw}/comments"),
        json!({"body": "thanks"}),
    )
    .await;
    anna.post("/api/v1/users/coach1/block", json!({})).await;
    for name in ["anna", "bob", "coach1"] {
        let r = owner.delete(&format!("/api/v1/admin/users/{name}")).await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
    }
    let rows = s
        .running
        .as_ref()
        .unwrap()
        .state
        .store
        .read(gymbox::social::store::row_count)
        .await
        .unwrap();
    assert_eq!(rows, 0);
    assert!(titles(&owner.get("/api/v1/feed?scope=gym").await).is_empty());
}

#[tokio::test]
async fn social_lists_refuse_bad_cursors_and_limits() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let anna = s.user(&owner, "anna", "member").await;
    for path in [
        "/api/v1/users/anna/followers",
        "/api/v1/users/anna/following",
        "/api/v1/me/follow-requests",
        "/api/v1/notifications",
    ] {
        anna.get(&format!("{path}?cursor=%%%"))
            .await
            .problem(400, "bad_request");
        anna.get(&format!("{path}?limit=0"))
            .await
            .problem(422, "validation_failed");
        s.client().get(path).await.problem(401, "unauthorized");
    }
    let _: Value = anna.get("/api/v1/me/blocks").await.body;
}

async fn club(c: &Client, name: &str, policy: &str) -> Resp {
    c.post(
        "/api/v1/clubs",
        json!({"name": name, "description": format!("{name} trains together"), "policy": policy}),
    )
    .await
}

fn member_names(list: &Resp) -> Vec<String> {
    assert_eq!(list.status, StatusCode::OK, "{}", list.text);
    list.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            format!(
                "{}:{}",
                i["user"]["username"].as_str().unwrap(),
                i["role"].as_str().unwrap()
            )
        })
        .collect()
}

#[tokio::test]
async fn clubs_open_by_approval_or_by_invitation_and_their_feed_is_for_members() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let coach = s.user(&owner, "coach1", "coach").await;
    let anna = s.user(&owner, "anna", "member").await;
    let bob = s.user(&owner, "bob", "member").await;

    // Members do not create clubs on this gym; bad names are refused.
    club(&anna, "Anna's", "open")
        .await
        .problem(403, "forbidden");
    club(&coach, "  ", "open")
        .await
        .problem(422, "validation_failed");
    club(&coach, &"x".repeat(81), "open")
        .await
        .problem(422, "validation_failed");
    club(&coach, "Odd", "secret")
        .await
        .problem(422, "validation_failed");

    // Open: anyone joins at once; the club feed is for its members.
    let open = club(&coach, "Morning Lifters", "open").await;
    assert_eq!(open.status, StatusCode::CREATED, "{}", open.text);
    assert_eq!(open.body["role"], "admin");
    let oid = open.body["id"].as_str().unwrap().to_owned();
    finished(&anna, "Anna members", "2026-03-02", "members").await;
    finished(&anna, "Anna private", "2026-03-03", "private").await;
    finished(&bob, "Bob members", "2026-03-04", "members").await;
    anna.get(&format!("/api/v1/feed?scope=club:{oid}"))
        .await
        .problem(403, "forbidden");
    let r = anna
        .post(&format!("/api/v1/clubs/{oid}/join"), json!({}))
        .await;
    assert_eq!(r.body["role"], "member", "{}", r.text);
    assert_eq!(
        titles(&anna.get(&format!("/api/v1/feed?scope=club:{oid}")).await),
        ["Anna private", "Anna members"]
    );
    assert_eq!(
        titles(&coach.get(&format!("/api/v1/feed?scope=club:{oid}")).await),
        ["Anna members"]
    );
    anna.get("/api/v1/feed?scope=club:nope")
        .await
        .problem(422, "validation_failed");
    assert_eq!(
        member_names(&bob.get(&format!("/api/v1/clubs/{oid}/members")).await),
        ["coach1:admin", "anna:member"]
    );
    assert_eq!(
        bob.get(&format!("/api/v1/clubs/{oid}")).await.body["members"],
        2
    );

    // Approval: a request the club's admins answer; only they see requests.
    let appr = club(&coach, "Powerlifting Team", "approval").await;
    let aid = appr.body["id"].as_str().unwrap().to_owned();
    let r = bob
        .post(&format!("/api/v1/clubs/{aid}/join"), json!({}))
        .await;
    assert_eq!(r.body["role"], "requested", "{}", r.text);
    let n = coach.get("/api/v1/notifications").await;
    assert_eq!(kinds(&n), ["club_request:bob"]);
    assert_eq!(n.body["items"][0]["club_id"], aid.as_str());
    anna.get(&format!("/api/v1/clubs/{aid}/members?pending=true"))
        .await
        .problem(403, "forbidden");
    assert_eq!(
        member_names(
            &coach
                .get(&format!("/api/v1/clubs/{aid}/members?pending=true"))
                .await
        ),
        ["bob:requested"]
    );
    anna.post(
        &format!("/api/v1/clubs/{aid}/members"),
        json!({"username": "bob"}),
    )
    .await
    .problem(403, "forbidden");
    let r = coach
        .post(
            &format!("/api/v1/clubs/{aid}/members"),
            json!({"username": "bob"}),
        )
        .await;
    assert_eq!(r.body["role"], "member", "{}", r.text);
    assert_eq!(
        kinds(&bob.get("/api/v1/notifications").await),
        ["club_accepted:coach1"]
    );

    // Invitation only: hidden from everyone else, in lists and search too.
    let inv = club(&coach, "Secret Squad", "invite").await;
    let iid = inv.body["id"].as_str().unwrap().to_owned();
    anna.get(&format!("/api/v1/clubs/{iid}"))
        .await
        .problem(404, "not_found");
    anna.post(&format!("/api/v1/clubs/{iid}/join"), json!({}))
        .await
        .problem(404, "not_found");
    let all = anna.get("/api/v1/clubs").await;
    assert!(!all.text.contains("Secret Squad"), "{}", all.text);
    assert!(all.text.contains("Morning Lifters"));
    assert_eq!(
        owner.get(&format!("/api/v1/clubs/{iid}")).await.status,
        StatusCode::OK
    );
    s.indexed().await;
    let found = anna.get("/api/v1/search?q=squad&types=clubs").await;
    assert_eq!(found.body["items"], json!([]), "{}", found.text);
    let found = anna.get("/api/v1/search?q=lifters&types=clubs").await;
    assert_eq!(found.body["items"][0]["type"], "club", "{}", found.text);
    let r = coach
        .post(
            &format!("/api/v1/clubs/{iid}/members"),
            json!({"username": "anna"}),
        )
        .await;
    assert_eq!(r.body["role"], "invited", "{}", r.text);
    assert_eq!(
        kinds(&anna.get("/api/v1/notifications").await),
        ["club_invite:coach1"]
    );
    assert_eq!(
        anna.get(&format!("/api/v1/clubs/{iid}")).await.body["role"],
        "invited"
    );
    let r = anna
        .post(&format!("/api/v1/clubs/{iid}/join"), json!({}))
        .await;
    assert_eq!(r.body["role"], "member", "{}", r.text);
    s.indexed().await;
    let found = anna.get("/api/v1/search?q=squad&types=clubs").await;
    assert_eq!(
        found.body["items"][0]["title"], "Secret Squad",
        "{}",
        found.text
    );
    let mine = anna.get("/api/v1/clubs?mine=true").await;
    assert_eq!(
        mine.body["items"].as_array().unwrap().len(),
        2,
        "{}",
        mine.text
    );

    // The last admin stays while the club has members; roles and removal are the admins'.
    coach
        .post(&format!("/api/v1/clubs/{oid}/leave"), json!({}))
        .await
        .problem(409, "last_club_admin");
    anna.patch(
        &format!("/api/v1/clubs/{oid}/members/anna"),
        json!({"role": "admin"}),
    )
    .await
    .problem(403, "forbidden");
    anna.patch(&format!("/api/v1/clubs/{oid}"), json!({"name": "Mine"}))
        .await
        .problem(403, "forbidden");
    let r = coach
        .patch(
            &format!("/api/v1/clubs/{oid}/members/anna"),
            json!({"role": "admin"}),
        )
        .await;
    assert_eq!(r.body["role"], "admin", "{}", r.text);
    let r = coach
        .post(&format!("/api/v1/clubs/{oid}/leave"), json!({}))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
    let r = anna
        .patch(
            &format!("/api/v1/clubs/{oid}"),
            json!({"name": "Morning Crew", "policy": "approval"}),
        )
        .await;
    assert_eq!(r.body["name"], "Morning Crew", "{}", r.text);
    assert_eq!(r.body["policy"], "approval");
    let r = coach
        .delete(&format!("/api/v1/clubs/{aid}/members/bob"))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    bob.get(&format!("/api/v1/feed?scope=club:{aid}"))
        .await
        .problem(403, "forbidden");
    // A gym administrator may delete any club.
    let r = owner.delete(&format!("/api/v1/clubs/{iid}")).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    anna.get(&format!("/api/v1/clubs/{iid}"))
        .await
        .problem(404, "not_found");

    // A deleted admin's club passes to a member; an empty one goes.
    let r = owner.delete("/api/v1/admin/users/anna").await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let left = coach.get(&format!("/api/v1/clubs/{oid}")).await;
    left.problem(404, "not_found");
    let r = owner.delete("/api/v1/admin/users/coach1").await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let clubs = bob.get("/api/v1/clubs").await;
    assert_eq!(clubs.body["items"], json!([]), "{}", clubs.text);
}

#[tokio::test]
async fn members_create_clubs_when_the_gym_allows_it() {
    let s = TestServer::start_with(|c| c.member_clubs = true).await;
    let owner = s.owner().await;
    let anna = s.user(&owner, "anna", "member").await;
    let r = club(&anna, "Anna's runners", "open").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
}

async fn report(c: &Client, kind: &str, id: &str, reason: &str) -> Resp {
    c.post(
        "/api/v1/reports",
        json!({"kind": kind, "id": id, "reason": reason, "details": "Please look at this"}),
    )
    .await
}

async fn resolve(admin: &Client, id: &str, action: &str, note: &str) -> Resp {
    admin
        .post(
            &format!("/api/v1/admin/reports/{id}/resolve"),
            json!({"action": action, "note": note}),
        )
        .await
}

#[tokio::test]
async fn reports_reach_the_moderation_queue_and_every_resolution_is_told_and_audited() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let admin = s.user(&owner, "admin1", "admin").await;
    let anna = s.user(&owner, "anna", "member").await;
    let bob = s.user(&owner, "bob", "member").await;
    let cara = s.user(&owner, "cara", "member").await;
    let w = finished(&anna, "Anna members", "2026-03-02", "members").await;
    let c = bob
        .post(
            &format!("/api/v1/workouts/{w}/comments"),
            json!({"body": "You lift like a goat"}),
        )
        .await;
    let cid = c.body["id"].as_str().unwrap().to_owned();
    let bw = finished(&bob, "Buy my supplements", "2026-03-03", "members").await;

    // Members report what they can see, not their own, once while open.
    let r = report(&anna, "comment", &cid, "harassment").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let rid = r.body["id"].as_str().unwrap().to_owned();
    assert_eq!(r.body["excerpt"], "You lift like a goat");
    assert_eq!(
        r.body["reporter"],
        Value::Null,
        "reporters see no other reporter names"
    );
    assert_eq!(
        report(&anna, "comment", &cid, "spam").await.body["id"],
        rid.as_str()
    );
    report(&bob, "comment", &cid, "spam")
        .await
        .problem(422, "validation_failed");
    report(&anna, "user", "anna", "spam")
        .await
        .problem(422, "validation_failed");
    let private = finished(&anna, "Anna private", "2026-03-04", "private").await;
    report(&cara, "workout", &private, "spam")
        .await
        .problem(404, "not_found");
    report(&cara, "user", "nobody", "spam")
        .await
        .problem(404, "not_found");
    report(&cara, "plan", "x", "spam")
        .await
        .problem(404, "not_found");
    report(&cara, "comment", &cid, "murky")
        .await
        .problem(422, "validation_failed");
    let spam = report(&cara, "workout", &bw, "spam").await;
    let spam_id = spam.body["id"].as_str().unwrap().to_owned();
    let also = report(&anna, "workout", &bw, "spam").await;
    let user_report = report(&cara, "user", "bob", "harassment").await;
    let user_rid = user_report.body["id"].as_str().unwrap().to_owned();

    // Only administrators see the queue (oldest first) and resolve.
    anna.get("/api/v1/admin/reports")
        .await
        .problem(403, "forbidden");
    resolve(&anna, &rid, "dismiss", "")
        .await
        .problem(403, "forbidden");
    let q = admin.get("/api/v1/admin/reports").await;
    assert_eq!(q.status, StatusCode::OK, "{}", q.text);
    assert_eq!(q.body["items"].as_array().unwrap().len(), 4, "{}", q.text);
    assert_eq!(q.body["items"][0]["id"], rid.as_str());
    assert_eq!(q.body["items"][0]["reporter"]["username"], "anna");
    assert_eq!(q.body["items"][0]["owner"]["username"], "bob");
    assert_eq!(q.body["items"][0]["context_kind"], "workout");
    assert_eq!(q.body["items"][0]["context_id"], w.as_str());

    // Hiding a comment removes it and tells its author why.
    let r = resolve(&admin, &rid, "hide", "Be kind to each other.").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["resolution"]["action"], "hide");
    resolve(&admin, &rid, "dismiss", "")
        .await
        .problem(409, "conflict");
    let list = anna.get(&format!("/api/v1/workouts/{w}/comments")).await;
    assert_eq!(list.body["items"], json!([]));
    let n = bob.get("/api/v1/notifications").await;
    assert_eq!(n.body["items"][0]["kind"], "content_hidden", "{}", n.text);
    assert_eq!(n.body["items"][0]["note"], "Be kind to each other.");

    // Hiding a workout makes it private (its owner still sees it); both reports close.
    let r = resolve(&admin, &spam_id, "hide", "No advertising, please.").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    cara.get(&format!("/api/v1/workouts/{bw}"))
        .await
        .problem(404, "not_found");
    assert_eq!(
        bob.get(&format!("/api/v1/workouts/{bw}")).await.status,
        StatusCode::OK
    );
    let also_id = also.body["id"].as_str().unwrap();
    resolve(&admin, also_id, "dismiss", "")
        .await
        .problem(409, "conflict");

    // A member cannot be hidden; a warning and a suspension need a note the member sees.
    resolve(&admin, &user_rid, "hide", "x")
        .await
        .problem(422, "validation_failed");
    resolve(&admin, &user_rid, "suspend", " ")
        .await
        .problem(422, "validation_failed");
    let r = resolve(&admin, &user_rid, "suspend", "Repeated harassment.").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    bob.get("/api/v1/me").await.problem(401, "session_expired");
    let login = s
        .client()
        .post(
            "/api/v1/auth/login",
            json!({"login": "bob", "password": crate::support::PASSWORD}),
        )
        .await;
    login.problem(403, "account_disabled");
    assert_eq!(
        login.body["reason"], "Repeated harassment.",
        "{}",
        login.text
    );
    // Enabling the account again lifts the suspension.
    let r = owner
        .patch("/api/v1/admin/users/bob", json!({"status": "active"}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let bob = s.login("bob", crate::support::PASSWORD).await;
    let warn = report(&anna, "user", "bob", "spam").await;
    let r = resolve(
        &admin,
        warn.body["id"].as_str().unwrap(),
        "warn",
        "Last warning.",
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let n = bob.get("/api/v1/notifications").await;
    assert_eq!(n.body["items"][0]["kind"], "warning", "{}", n.text);
    assert_eq!(n.body["items"][0]["note"], "Last warning.");

    // Everything is in the audit log, newest first; the queue is empty.
    anna.get("/api/v1/admin/audit")
        .await
        .problem(403, "forbidden");
    let audit = owner.get("/api/v1/admin/audit").await;
    let actions: Vec<&str> = audit.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .filter(|a| a.starts_with("report."))
        .collect();
    assert_eq!(
        actions,
        [
            "report.warn",
            "report.suspend",
            "report.hide",
            "report.hide"
        ]
    );
    let suspend = audit.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "report.suspend")
        .unwrap();
    assert_eq!(suspend["subject"]["username"], "bob");
    assert_eq!(suspend["actor"]["username"], "admin1");
    // Lifting the suspension is an administrator's action too.
    assert_eq!(audit.body["items"][1]["action"], "user.enable");
    let q = admin.get("/api/v1/admin/reports").await;
    assert_eq!(q.body["items"], json!([]), "{}", q.text);
    let done = admin
        .get("/api/v1/admin/reports?status=resolved&limit=2")
        .await;
    assert_eq!(done.body["items"].as_array().unwrap().len(), 2);
    assert!(done.body["next_cursor"].is_string());
}

#[tokio::test]
async fn shared_plans_reach_the_feed_and_take_comments_from_who_may_read_them() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let coach = s.user(&owner, "coach1", "coach").await;
    let anna = s.user(&owner, "anna", "member").await;
    let bob = s.user(&owner, "bob", "member").await;
    follow(&anna, "coach1").await;
    let private = coach
        .post(
            "/api/v1/plans",
            crate::coaching::small_plan("Draft", "private"),
        )
        .await;
    let draft = private.body["id"].as_str().unwrap().to_owned();
    let shared = coach
        .post(
            "/api/v1/plans",
            crate::coaching::small_plan("5x5 for all", "members"),
        )
        .await;
    let pid = shared.body["id"].as_str().unwrap().to_owned();

    let feed = anna.get("/api/v1/feed").await;
    assert_eq!(feed.status, StatusCode::OK, "{}", feed.text);
    let items = feed.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{}", feed.text);
    assert_eq!(items[0]["kind"], "plan");
    assert_eq!(items[0]["plan"]["title"], "5x5 for all");
    assert_eq!(items[0]["workout"], Value::Null);
    // Sharing a draft later puts it on top; making a plan private takes it out.
    let r = coach
        .patch(
            &format!("/api/v1/plans/{draft}"),
            json!({"visibility": "followers"}),
        )
        .await;
    assert!(r.status.is_success(), "{}", r.text);
    let r = coach
        .patch(
            &format!("/api/v1/plans/{pid}"),
            json!({"visibility": "private"}),
        )
        .await;
    assert!(r.status.is_success(), "{}", r.text);
    let kinds_titles: Vec<String> = anna.get("/api/v1/feed").await.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["plan"]["title"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(kinds_titles, ["Draft"]);
    // Bob does not follow: the followers-only plan is not his to see or comment on.
    assert!(
        bob.get("/api/v1/feed?scope=gym").await.body["items"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    bob.post(
        &format!("/api/v1/plans/{draft}/comments"),
        json!({"body": "hi"}),
    )
    .await
    .problem(404, "not_found");
    bob.get(&format!("/api/v1/plans/{draft}/comments"))
        .await
        .problem(404, "not_found");
    let r = anna
        .post(
            &format!("/api/v1/plans/{draft}/comments"),
            json!({"body": "Can I run this 3x a week?"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let n = coach.get("/api/v1/notifications").await;
    assert_eq!(n.body["items"][0]["kind"], "comment", "{}", n.text);
    assert_eq!(n.body["items"][0]["subject_kind"], "plan");
    let list = coach.get(&format!("/api/v1/plans/{draft}/comments")).await;
    assert_eq!(list.body["items"][0]["can_delete"], true, "{}", list.text);
    assert_eq!(
        anna.get("/api/v1/feed").await.body["items"][0]["comments"],
        1
    );
    // Deleting the plan takes its feed item and comments along.
    let r = coach.delete(&format!("/api/v1/plans/{draft}")).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
    assert!(
        anna.get("/api/v1/feed").await.body["items"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}
