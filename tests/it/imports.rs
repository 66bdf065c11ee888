//! Imports of history from Strong and Hevy: dry run, mapping, apply, re-import, undo, denials,
//! and the command line.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{Client, TestServer, gymbox};

const STRONG: &str = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n\
2024-03-04 18:00:00,Push,1h 2m,Bench Press (Barbell),1,100,5,0,0,,,8\n\
2024-03-04 18:00:00,Push,1h 2m,Bench Press (Barbell),2,105,3,0,0,,,9\n\
2024-03-04 18:00:00,Push,1h 2m,Zercher Walk Deluxe,1,60,0,0,40,,,\n\
2024-03-06 18:00:00,Legs,50m,Squat (Barbell),1,140,5,0,0,,,\n\
2024-03-06 18:00:00,Legs,50m,Squat (Barbell),2,oops,5,0,0,,,\n";

const HEVY: &str = "title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,set_index,set_type,weight_kg,reps,distance_km,duration_seconds,rpe\n\
Pull,\"8 Apr 2024, 07:00\",\"8 Apr 2024, 08:00\",,Deadlift (Barbell),,,0,normal,180,3,,,\n";

async fn upload(
    c: &Client,
    format: &str,
    body: &str,
    dry_run: Option<bool>,
) -> crate::support::Resp {
    let part = reqwest::multipart::Part::bytes(body.as_bytes().to_vec())
        .file_name("export.csv")
        .mime_str("text/csv")
        .unwrap();
    let mut form = reqwest::multipart::Form::new()
        .part("file", part)
        .text("format", format.to_owned())
        .text("unit", "kg");
    if let Some(d) = dry_run {
        form = form.text("dry_run", d.to_string());
    }
    Client::send(c.req(Method::POST, "/api/v1/imports").multipart(form)).await
}

fn name<'a>(report: &'a Value, n: &str) -> &'a Value {
    report["names"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["name"] == n)
        .unwrap()
}

#[tokio::test]
async fn a_strong_export_is_mapped_applied_reimported_and_undone() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let mia = s.user(&owner, "mia", "member").await;
    let bob = s.user(&owner, "bob", "member").await;
    // The dry run reads everything and writes no workout.
    let r = upload(&mia, "strong", STRONG, None).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.body["status"], "draft");
    assert_eq!(r.body["workouts"], 2);
    assert_eq!(r.body["sets"], 4);
    assert_eq!(r.body["from"], "2024-03-04T18:00:00Z");
    assert_eq!(r.body["to"], "2024-03-06T18:00:00Z");
    assert_eq!(
        r.body["problems"],
        json!([{"line": 6, "message": "'oops' is not a number"}])
    );
    assert_eq!(
        name(&r.body, "Bench Press (Barbell)")["exercise"]["id"],
        "barbell-bench-press"
    );
    let unknown = name(&r.body, "Zercher Walk Deluxe");
    assert!(unknown["exercise"].is_null());
    let id = r.body["id"].as_str().unwrap().to_owned();
    assert_eq!(
        mia.get("/api/v1/workouts").await.body["items"],
        json!([]),
        "a dry run writes nothing"
    );
    // Others cannot see, apply or undo it.
    bob.get(&format!("/api/v1/imports/{id}"))
        .await
        .problem(404, "not_found");
    bob.post(&format!("/api/v1/imports/{id}/apply"), json!({}))
        .await
        .problem(404, "not_found");
    bob.delete(&format!("/api/v1/imports/{id}"))
        .await
        .problem(404, "not_found");
    // Every name needs an exercise.
    let r = mia
        .post(&format!("/api/v1/imports/{id}/apply"), json!({}))
        .await;
    r.problem(422, "validation_failed");
    assert!(r.text.contains("Zercher Walk Deluxe"), "{}", r.text);
    let r = mia
        .post(
            &format!("/api/v1/imports/{id}/apply"),
            json!({"mapping": [{"name": "Zercher Walk Deluxe", "exercise_id": "nope"}]}),
        )
        .await;
    assert_eq!(
        r.body["errors"][0]["field"], "mapping[0].exercise_id",
        "{}",
        r.text
    );
    let r = mia
        .post(
            &format!("/api/v1/imports/{id}/apply"),
            json!({"mapping": [{"name": "Zercher Walk Deluxe", "create_muscle": "quadriceps"}]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["status"], "applied");
    assert_eq!(r.body["created"], 2);
    let created = name(&r.body, "Zercher Walk Deluxe")["exercise"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // The history has them, private, with totals and records, and no XP for past training.
    let list = mia.get("/api/v1/workouts").await;
    let items = list.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert!(items.iter().all(|w| w["visibility"] == "private"));
    let push = items.iter().find(|w| w["title"] == "Push").unwrap();
    assert_eq!(push["set_count"], 3);
    assert_eq!(push["volume_kg"], 100.0 * 5.0 + 105.0 * 3.0);
    assert_eq!(push["duration_s"], 3720);
    let records = mia.get("/api/v1/me/records").await;
    assert!(
        records.text.contains("barbell-bench-press"),
        "{}",
        records.text
    );
    assert_eq!(mia.get("/api/v1/me/achievements").await.body["xp"], 0);
    mia.get(&format!("/api/v1/exercises/{created}")).await;
    assert_eq!(
        bob.get(&format!("/api/v1/exercises/{created}"))
            .await
            .status,
        StatusCode::NOT_FOUND,
        "the new exercise is private"
    );
    // The same file again: the choice is remembered, nothing new is created.
    let again = upload(&mia, "strong", STRONG, Some(false)).await;
    assert_eq!(again.status, StatusCode::CREATED, "{}", again.text);
    assert_eq!(again.body["already_imported"], 2);
    assert_eq!(again.body["created"], 0);
    assert_eq!(again.body["skipped"], 2);
    assert_eq!(
        name(&again.body, "Zercher Walk Deluxe")["exercise"]["id"],
        created.as_str()
    );
    assert_eq!(
        mia.get("/api/v1/workouts").await.body["items"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    // Applying twice is refused; the list shows both imports, newest first.
    mia.post(&format!("/api/v1/imports/{id}/apply"), json!({}))
        .await
        .problem(409, "conflict");
    let imports = mia.get("/api/v1/imports").await;
    assert_eq!(imports.body["items"].as_array().unwrap().len(), 2);
    assert_eq!(imports.body["items"][1]["id"], id.as_str());
    // Undo: the workouts and what was derived from them go; the file can come in again.
    let r = mia.delete(&format!("/api/v1/imports/{id}")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["status"], "undone");
    assert_eq!(mia.get("/api/v1/workouts").await.body["items"], json!([]));
    let records = mia.get("/api/v1/me/records").await;
    assert!(
        !records.text.contains("barbell-bench-press"),
        "{}",
        records.text
    );
    mia.delete(&format!("/api/v1/imports/{id}"))
        .await
        .problem(409, "conflict");
    let third = upload(&mia, "strong", STRONG, Some(false)).await;
    assert_eq!(third.body["created"], 2, "{}", third.text);
}

#[tokio::test]
async fn bad_files_are_refused_with_a_reason() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let mia = s.user(&owner, "mia", "member").await;
    let r = upload(&mia, "strong", HEVY, None).await;
    r.problem(422, "validation_failed");
    assert_eq!(r.body["errors"][0]["field"], "file");
    assert!(r.text.contains("Date and Exercise Name"), "{}", r.text);
    let only_bad = "Date,Workout Name,Exercise Name,Set Order,Weight,Reps\nyesterday,A,Squat (Barbell),1,100,5\n";
    let r = upload(&mia, "strong", only_bad, None).await;
    r.problem(422, "validation_failed");
    assert!(r.text.contains("line 2"), "{}", r.text);
    let r = upload(&mia, "garmin", STRONG, None).await;
    r.problem(400, "bad_request");
    assert!(r.text.contains("format"), "{}", r.text);
    s.client()
        .get("/api/v1/imports")
        .await
        .problem(401, "unauthorized");
}

#[tokio::test]
async fn the_command_line_imports_for_a_member() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let _mia = s.user(&owner, "mia", "member").await;
    let dir = s.stop().await;
    let file = dir.path().join("hevy.csv");
    std::fs::write(&file, HEVY).unwrap();
    let f = file.to_str().unwrap();
    let dry = gymbox(
        dir.path(),
        &[
            "import",
            "--user",
            "mia",
            "--format",
            "hevy",
            "--dry-run",
            f,
        ],
        "",
    );
    assert!(
        dry.status.success(),
        "{}",
        String::from_utf8_lossy(&dry.stderr)
    );
    let out = String::from_utf8_lossy(&dry.stdout);
    assert!(out.contains("1 workouts, 1 sets"), "{out}");
    assert!(out.contains("dry run: nothing was written"), "{out}");
    let run = gymbox(
        dir.path(),
        &["import", "--user", "mia", "--format", "hevy", f],
        "",
    );
    let out = String::from_utf8_lossy(&run.stdout);
    assert!(out.contains("imported: 1 workouts created"), "{out}");
    let bad = gymbox(
        dir.path(),
        &["import", "--user", "nobody", "--format", "hevy", f],
        "",
    );
    assert!(!bad.status.success());
    let s = TestServer::start_in(dir, |_| {}).await;
    let mia = s.login("mia", crate::support::PASSWORD).await;
    let list = mia.get("/api/v1/workouts").await;
    assert_eq!(list.body["items"][0]["title"], "Pull");
    assert_eq!(list.body["items"][0]["duration_s"], 3600);
}

#[tokio::test]
async fn an_export_carries_everything_and_its_csv_imports_elsewhere() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let mia = s.user(&owner, "mia", "member").await;
    let bob = s.user(&owner, "bob", "member").await;
    let w = mia
        .post(
            "/api/v1/workouts",
            json!({"title": "Heavy, then light", "started_at": "2026-11-02T17:00:00Z"}),
        )
        .await;
    let wid = w.body["id"].as_str().unwrap().to_owned();
    for (kind, weight, reps) in [
        ("warmup", 60.0, 8),
        ("normal", 120.5, 5),
        ("normal", 125.0, 3),
    ] {
        mia.post(
            &format!("/api/v1/workouts/{wid}/sets"),
            json!({"exercise_id": "barbell-back-squat", "kind": kind, "reps": reps, "weight_kg": weight}),
        )
        .await;
    }
    mia.patch(
        &format!("/api/v1/workouts/{wid}"),
        json!({"finished_at": "2026-11-02T18:05:00Z"}),
    )
    .await;
    mia.post(
        "/api/v1/me/body-metrics",
        json!({"kind": "weight", "value": 71.5}),
    )
    .await;
    bob.post("/api/v1/workouts", json!({"title": "Not mia's"}))
        .await;
    let r = Client::send(mia.req(Method::GET, "/api/v1/me/export")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.header("content-type"), Some("application/zip"));
    assert!(
        r.header("content-disposition")
            .unwrap()
            .contains("gymbox-mia-")
    );
    let files = gymbox::export::zip::read(&r.bytes).expect("a readable ZIP");
    let get = |n: &str| -> Vec<u8> { files.iter().find(|(f, _)| f == n).unwrap().1.clone() };
    let workouts: Value = serde_json::from_slice(&get("workouts.json")).unwrap();
    assert_eq!(workouts.as_array().unwrap().len(), 1, "only mia's");
    assert_eq!(workouts[0]["title"], "Heavy, then light");
    assert_eq!(workouts[0]["sets"].as_array().unwrap().len(), 3);
    assert_eq!(workouts[0]["sets"][1]["weight_kg"], 120.5);
    let account: Value = serde_json::from_slice(&get("account.json")).unwrap();
    assert_eq!(account["username"], "mia");
    let metrics: Value = serde_json::from_slice(&get("body_metrics.json")).unwrap();
    assert_eq!(metrics[0]["value"], 71.5);
    let csv = String::from_utf8(get("workouts.csv")).unwrap();
    assert!(
        csv.contains("\"Heavy, then light\",1h 5m,Squat (Barbell),W,60,8"),
        "{csv}"
    );
    s.client()
        .get("/api/v1/me/export")
        .await
        .problem(401, "unauthorized");
    // The CSV comes back in through the import on another server, the same workout.
    let other = TestServer::start().await;
    let owner2 = other.owner().await;
    let mia2 = other.user(&owner2, "mia", "member").await;
    let r = upload(&mia2, "strong", &csv, Some(false)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.body["created"], 1, "{}", r.text);
    let list = mia2.get("/api/v1/workouts").await;
    let w2 = &list.body["items"][0];
    assert_eq!(w2["title"], "Heavy, then light");
    assert_eq!(w2["set_count"], 3);
    assert_eq!(w2["volume_kg"], 120.5 * 5.0 + 125.0 * 3.0);
    assert_eq!(w2["started_at"], "2026-11-02T17:00:00Z");
    assert_eq!(w2["duration_s"], 3900);
}

#[tokio::test]
async fn planned_sessions_are_a_secret_calendar_feed_that_can_be_stopped() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let mia = s.user(&owner, "mia", "member").await;
    let kim = s.user(&owner, "kim", "coach").await;
    s.link_coach(&owner, "kim", "mia").await;
    let plan = kim
        .post(
            "/api/v1/plans",
            json!({"title": "Strength, base", "weeks": [{"days": [
                {"name": "Day A", "exercises": [{"exercise_id": "barbell-back-squat", "sets": [{"kind": "normal"}, {"kind": "normal"}]}]},
                {"name": "Day B", "exercises": [{"exercise_id": "barbell-deadlift", "sets": [{"kind": "normal"}]}]}
            ]}]}),
        )
        .await;
    assert_eq!(plan.status, StatusCode::CREATED, "{}", plan.text);
    let pid = plan.body["id"].as_str().unwrap().to_owned();
    let a = kim
        .post(
            &format!("/api/v1/plans/{pid}/assignments"),
            json!({"username": "mia", "start_date": "2026-12-07"}),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.text);
    assert_eq!(mia.get("/api/v1/me/calendar").await.body["active"], false);
    let feed = mia.post("/api/v1/me/calendar", json!({})).await;
    assert_eq!(feed.status, StatusCode::CREATED, "{}", feed.text);
    let url = feed.body["url"].as_str().unwrap().to_owned();
    assert!(url.ends_with(".ics"), "{url}");
    let path = &url[url.find("/api/").unwrap()..];
    // No sign-in needed: the secret is the key.
    let ics = s.client().get(path).await;
    assert_eq!(ics.status, StatusCode::OK, "{}", ics.text);
    assert_eq!(
        ics.header("content-type"),
        Some("text/calendar; charset=utf-8")
    );
    assert!(
        ics.text.contains("SUMMARY:Strength\\, base: Day A\r\n"),
        "{}",
        ics.text
    );
    assert!(
        ics.text.contains("DTSTART;VALUE=DATE:20261207\r\n"),
        "{}",
        ics.text
    );
    assert!(
        ics.text.contains("DTSTART;VALUE=DATE:20261210\r\n"),
        "day B half a week later"
    );
    assert!(
        ics.text.contains("DESCRIPTION:Squat (Barbell) × 2\r\n"),
        "{}",
        ics.text
    );
    assert_eq!(mia.get("/api/v1/me/calendar").await.body["active"], true);
    assert!(
        mia.get("/api/v1/me/calendar").await.body["url"].is_null(),
        "shown once"
    );
    // A new address stops the old one; stopping the feed stops the new one.
    let again = mia.post("/api/v1/me/calendar", json!({})).await;
    s.client().get(path).await.problem(404, "not_found");
    let url2 = again.body["url"].as_str().unwrap().to_owned();
    let path2 = &url2[url2.find("/api/").unwrap()..];
    assert_eq!(s.client().get(path2).await.status, StatusCode::OK);
    let r = mia.delete("/api/v1/me/calendar").await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    s.client().get(path2).await.problem(404, "not_found");
    s.client()
        .get("/api/v1/calendar/guess.ics")
        .await
        .problem(404, "not_found");
    s.client()
        .post("/api/v1/me/calendar", json!({}))
        .await
        .problem(401, "unauthorized");
}
