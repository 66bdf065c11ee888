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
    // A form field that does not fit is a 422 naming it, as in JSON bodies.
    let r = upload(&mia, "garmin", STRONG, None).await;
    r.problem(422, "validation_failed");
    assert_eq!(r.body["errors"][0]["field"], "format", "{}", r.text);
    let no_file = reqwest::multipart::Form::new().text("format", "strong");
    let r = Client::send(mia.req(Method::POST, "/api/v1/imports").multipart(no_file)).await;
    r.problem(422, "validation_failed");
    assert_eq!(r.body["errors"][0]["field"], "file", "{}", r.text);
    assert_eq!(r.body["errors"][0]["code"], "required", "{}", r.text);
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

async fn upload_zip(c: &Client, bytes: Vec<u8>, dry_run: Option<bool>) -> crate::support::Resp {
    let part = reqwest::multipart::Part::bytes(bytes)
        .file_name("gymbox-export.zip")
        .mime_str("application/zip")
        .unwrap();
    let mut form = reqwest::multipart::Form::new()
        .part("file", part)
        .text("format", "gymbox");
    if let Some(d) = dry_run {
        form = form.text("dry_run", d.to_string());
    }
    Client::send(c.req(Method::POST, "/api/v1/imports").multipart(form)).await
}

async fn export_of(c: &Client) -> Vec<u8> {
    let r = Client::send(c.req(Method::GET, "/api/v1/me/export")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    r.bytes.to_vec()
}

/// An export's content without what differs between servers: ids, times of creation, which
/// gym the exercises belong to. Exercise and plan ids become their names.
fn normalised(zip: &[u8]) -> Value {
    let files = gymbox::export::zip::read(zip).expect("a readable ZIP");
    let json = |n: &str| -> Value {
        files
            .iter()
            .find(|(f, _)| f == n)
            .map_or(json!([]), |(_, b)| serde_json::from_slice(b).unwrap())
    };
    let mut exercises: Vec<Value> = json("exercises.json")
        .as_array()
        .unwrap()
        .iter()
        .chain(json("gym_exercises.json").as_array().unwrap())
        .cloned()
        .collect();
    let names: std::collections::HashMap<String, String> = exercises
        .iter()
        .map(|e| {
            (
                e["id"].as_str().unwrap().to_owned(),
                e["name_en"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let plans = json("plans.json");
    let plan_titles: std::collections::HashMap<String, String> = plans
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["id"].as_str().unwrap().to_owned(),
                p["title"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let name = |v: &mut Value| {
        if let Some(id) = v.as_str() {
            *v = json!(names.get(id).cloned().unwrap_or_else(|| id.to_owned()));
        }
    };
    for e in &mut exercises {
        e.as_object_mut().unwrap().remove("id");
    }
    exercises.sort_by_key(|e| e["name_en"].as_str().unwrap().to_owned());
    let mut plans = plans.clone();
    for p in plans.as_array_mut().unwrap() {
        let o = p.as_object_mut().unwrap();
        for k in ["id", "created_at", "updated_at"] {
            o.remove(k);
        }
        for week in o["weeks"].as_array_mut().unwrap() {
            for day in week["days"].as_array_mut().unwrap() {
                for e in day["exercises"].as_array_mut().unwrap() {
                    name(&mut e["exercise_id"]);
                }
            }
        }
    }
    let mut workouts = json("workouts.json");
    for w in workouts.as_array_mut().unwrap() {
        let o = w.as_object_mut().unwrap();
        o.remove("id");
        for key in ["plan_id"] {
            if let Some(p) = o.get(key).and_then(Value::as_str) {
                let t = plan_titles[p].clone();
                o.insert(key.into(), json!(t));
            }
        }
        if let Some(d) = o.get_mut("plan_day").filter(|d| !d.is_null()) {
            let t = plan_titles[d["plan_id"].as_str().unwrap()].clone();
            d["plan_id"] = json!(t);
        }
        for s in o["sets"].as_array_mut().unwrap() {
            s.as_object_mut().unwrap().remove("id");
            name(&mut s["exercise_id"]);
        }
        for n in o["exercise_notes"].as_array_mut().unwrap() {
            name(&mut n["exercise_id"]);
        }
        for g in o["supersets"].as_array_mut().unwrap() {
            for e in g.as_array_mut().unwrap() {
                name(e);
            }
        }
    }
    let mut metrics = json("body_metrics.json");
    for m in metrics.as_array_mut().unwrap() {
        m.as_object_mut().unwrap().remove("id");
    }
    let mut account = json("account.json");
    for k in ["exported_at", "created_at", "email", "role", "gymbox"] {
        account.as_object_mut().unwrap().remove(k);
    }
    let csv = files
        .iter()
        .find(|(f, _)| f == "workouts.csv")
        .map(|(_, b)| String::from_utf8(b.clone()).unwrap());
    json!({
        "account": account,
        "exercises": exercises,
        "plans": plans,
        "workouts": workouts,
        "metrics": metrics,
        "csv": csv,
    })
}

/// A member with some of everything: a private exercise, a gym-wide one, a plan, workouts
/// with every kind of set, notes, supersets and visibilities, measurements, preferences.
async fn varied_member(owner: &Client, mia: &Client) {
    let gym = owner
        .post(
            "/api/v1/exercises",
            json!({"name_en": "Sled Drag", "name_ru": "Тяга саней", "primary": ["quadriceps"],
                   "equipment": "other", "category": "strength", "logging": "distance_duration",
                   "gym_wide": true}),
        )
        .await;
    assert_eq!(gym.status, StatusCode::CREATED, "{}", gym.text);
    let sled = gym.body["id"].as_str().unwrap().to_owned();
    let own = mia
        .post(
            "/api/v1/exercises",
            json!({"name_en": "Zercher Carry", "name_ru": "Перенос Зерчера",
                   "aliases": ["zercher walk"], "primary": ["abdominals"],
                   "secondary": ["glutes", "biceps"], "equipment": "barbell",
                   "category": "strength", "mechanics": "compound", "logging": "weight_reps",
                   "instructions": ["Hold the bar in the elbows.", "Walk."]}),
        )
        .await;
    assert_eq!(own.status, StatusCode::CREATED, "{}", own.text);
    let carry = own.body["id"].as_str().unwrap().to_owned();
    let plan = mia
        .post(
            "/api/v1/plans",
            json!({"title": "Strong legs", "description": "Two days.", "tags": ["legs"],
                   "goal": "strength", "visibility": "members",
                   "weeks": [{"days": [
                       {"name": "A", "notes": "Heavy", "exercises": [
                           {"exercise_id": "barbell-back-squat", "superset": "A", "notes": "Deep",
                            "sets": [{"kind": "warmup", "reps": {"min": 8, "max": 8}, "load": {"kg": 60.0}, "rest_s": 60},
                                     {"reps": {"min": 3, "max": 5}, "load": {"percent_e1rm": 85.0}, "rest_s": 180}]},
                           {"exercise_id": carry, "superset": "A",
                            "sets": [{"reps": {"amrap": true}, "load": {"rpe": 8.0}}]}]},
                       {"name": "B", "exercises": [
                           {"exercise_id": sled, "sets": [{"duration_s": 60, "distance_m": 40.0}]}]}]}]}),
        )
        .await;
    assert_eq!(plan.status, StatusCode::CREATED, "{}", plan.text);
    let plan_id = plan.body["id"].as_str().unwrap().to_owned();
    let w = mia
        .post(
            "/api/v1/workouts",
            json!({"title": "Legs, heavy", "notes": "Felt strong.\nSecond line.",
                   "started_at": "2026-11-02T17:00:00Z", "visibility": "followers",
                   "plan": {"plan_id": plan_id, "week": 0, "day": 0}}),
        )
        .await;
    assert_eq!(w.status, StatusCode::CREATED, "{}", w.text);
    let wid = w.body["id"].as_str().unwrap().to_owned();
    let sets = [
        json!({"exercise_id": "barbell-back-squat", "kind": "warmup", "reps": 8, "weight_kg": 60.0, "completed_at": "2026-11-02T17:05:00Z"}),
        json!({"exercise_id": "barbell-back-squat", "kind": "normal", "reps": 5, "weight_kg": 120.5, "rpe": 8.5, "completed_at": "2026-11-02T17:10:00Z"}),
        json!({"exercise_id": carry, "kind": "normal", "reps": 1, "weight_kg": 80.0, "distance_m": 30.0, "duration_s": 35, "completed_at": "2026-11-02T17:12:00Z"}),
        json!({"exercise_id": "barbell-back-squat", "kind": "drop", "reps": 10, "weight_kg": 80.0, "completed_at": "2026-11-02T17:15:00Z"}),
        json!({"exercise_id": "barbell-back-squat", "kind": "failure", "reps": 12, "weight_kg": 60.0, "rpe": 10.0, "completed_at": "2026-11-02T17:15:00Z"}),
        json!({"exercise_id": sled, "kind": "normal", "duration_s": 75, "distance_m": 40.5, "completed_at": "2026-11-02T17:30:00Z"}),
    ];
    for s in sets {
        let r = mia.post(&format!("/api/v1/workouts/{wid}/sets"), s).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    }
    let r = mia
        .patch(
            &format!("/api/v1/workouts/{wid}"),
            json!({"finished_at": "2026-11-02T18:05:00Z",
                   "exercise_notes": [{"exercise_id": "barbell-back-squat", "text": "Belt on the top sets."},
                                      {"exercise_id": carry, "text": "Pad on the bar"}],
                   "supersets": [["barbell-back-squat", carry]]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let w2 = mia
        .post(
            "/api/v1/workouts",
            json!({"title": "Easy day", "started_at": "2026-10-01T07:30:00Z",
                   "finished_at": "2026-10-01T08:00:00Z", "visibility": "public"}),
        )
        .await;
    let w2 = w2.body["id"].as_str().unwrap().to_owned();
    mia.post(
        &format!("/api/v1/workouts/{w2}/sets"),
        json!({"exercise_id": "barbell-back-squat", "reps": 5, "weight_kg": 100.0, "completed_at": "2026-10-01T07:45:00Z"}),
    )
    .await;
    for m in [
        json!({"kind": "weight", "value": 71.5, "measured_at": "2026-11-01T07:00:00Z", "note": "Morning"}),
        json!({"kind": "waist", "value": 0.8, "measured_at": "2026-11-01T07:01:00Z"}),
    ] {
        let r = mia.post("/api/v1/me/body-metrics", m).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    }
    let r = mia
        .patch(
            "/api/v1/me",
            json!({"display_name": "Mia M.", "bio": "Legs first.",
                   "preferences": {"units": "imperial", "language": "ru", "timezone": "Europe/Moscow",
                                   "week_start": "sunday", "weekly_target": 4},
                   "privacy": {"profile_visibility": "followers", "searchable": false}}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
}

#[tokio::test]
async fn a_gymbox_export_moves_to_another_server_losslessly() {
    let a = TestServer::start().await;
    let owner = a.owner().await;
    let mia = a.user(&owner, "mia", "member").await;
    varied_member(&owner, &mia).await;
    let zip = export_of(&mia).await;
    let before = normalised(&zip);
    assert_eq!(before["workouts"].as_array().unwrap().len(), 2);

    // Imported into the account it came from, it finds everything there already.
    let home = upload_zip(&mia, zip.clone(), None).await;
    assert_eq!(home.status, StatusCode::CREATED, "{}", home.text);
    assert_eq!(home.body["already_imported"], 2, "{}", home.text);

    let b = TestServer::start().await;
    let owner_b = b.owner().await;
    let mia_b = b.user(&owner_b, "mia", "member").await;
    let bob_b = b.user(&owner_b, "bob", "member").await;
    let r = upload_zip(&mia_b, zip.clone(), None).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.body["status"], "draft");
    assert_eq!(r.body["format"], "gymbox");
    assert_eq!(r.body["workouts"], 2);
    assert_eq!(r.body["sets"], 7);
    assert_eq!(r.body["names"], json!([]), "every exercise is known");
    let c = &r.body["contents"];
    assert_eq!(c["format_version"], 2);
    assert_eq!(c["exercises"], 1);
    assert_eq!(c["gym_exercises"], 1);
    assert_eq!(c["plans"], 1);
    assert_eq!(c["body_metrics"], 2);
    assert_eq!(c["profile"]["display_name"], "Mia M.");
    assert_eq!(c["profile"]["timezone"], "Europe/Moscow");
    let id = r.body["id"].as_str().unwrap().to_owned();
    assert_eq!(mia_b.get("/api/v1/workouts").await.body["items"], json!([]));
    // Another member can neither see, apply nor undo it.
    bob_b
        .get(&format!("/api/v1/imports/{id}"))
        .await
        .problem(404, "not_found");
    bob_b
        .post(&format!("/api/v1/imports/{id}/apply"), json!({}))
        .await
        .problem(404, "not_found");
    bob_b
        .delete(&format!("/api/v1/imports/{id}"))
        .await
        .problem(404, "not_found");
    let r = mia_b
        .post(&format!("/api/v1/imports/{id}/apply"), json!({}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["status"], "applied", "{}", r.text);
    assert_eq!(r.body["created"], 2);
    assert_eq!(r.body["applied_workouts"], 2);
    let c = &r.body["contents"];
    assert_eq!(
        c["created_exercises"], 2,
        "the gym's exercise became her own"
    );
    assert_eq!(c["created_plans"], 1);
    assert_eq!(c["created_body_metrics"], 2);
    assert_eq!(c["profile_applied"], true);
    bob_b
        .delete(&format!("/api/v1/imports/{id}"))
        .await
        .problem(404, "not_found");

    // Exporting again gives the same content: every field of every workout and set, the
    // exercises, plan, measurements and preferences, and the same CSV.
    let after = normalised(&export_of(&mia_b).await);
    for part in [
        "account",
        "exercises",
        "plans",
        "workouts",
        "metrics",
        "csv",
    ] {
        assert_eq!(after[part], before[part], "{part} differs");
    }
    let me = mia_b.get("/api/v1/me").await;
    assert_eq!(me.body["display_name"], "Mia M.", "{}", me.text);
    // Records were computed on the way in, no XP for the past.
    assert_eq!(mia_b.get("/api/v1/me/achievements").await.body["xp"], 0);

    // The same archive again creates nothing.
    let again = upload_zip(&mia_b, zip.clone(), Some(false)).await;
    assert_eq!(again.status, StatusCode::CREATED, "{}", again.text);
    assert_eq!(again.body["status"], "applied", "{}", again.text);
    assert_eq!(again.body["already_imported"], 2);
    assert_eq!(again.body["created"], 0);
    let c = &again.body["contents"];
    assert_eq!(
        (
            c["created_exercises"].clone(),
            c["created_plans"].clone(),
            c["created_body_metrics"].clone()
        ),
        (json!(0), json!(0), json!(0))
    );
    assert_eq!(
        normalised(&export_of(&mia_b).await)["workouts"],
        before["workouts"]
    );

    // Undo takes away everything the import made.
    let r = mia_b.delete(&format!("/api/v1/imports/{id}")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["status"], "undone");
    let gone = normalised(&export_of(&mia_b).await);
    for part in ["exercises", "plans", "workouts", "metrics"] {
        assert_eq!(gone[part], json!([]), "{part} stays after undo");
    }
    // … and the archive can come in again.
    let third = upload_zip(&mia_b, zip, Some(false)).await;
    assert_eq!(third.body["created"], 2, "{}", third.text);
}

/// An archive of `n` one-set workouts (ids `{prefix}{i}`), written here.
fn archive_of(prefix: &str, n: usize, version: u32) -> Vec<u8> {
    let workouts: Vec<Value> = (0..n)
        .map(|i| {
            let day = 1_600_000_000 + i as i64 * 86_400 + i64::from(prefix.as_bytes()[0]) * 3_600;
            let t = |s: i64| gymbox::accounts::api::rfc3339(day + s);
            json!({"id": format!("{prefix}{i}"), "title": format!("Session {i}"), "started_at": t(0),
                   "finished_at": t(3600), "sets": [
                       {"id": format!("s{i}"), "exercise_id": "barbell-back-squat", "reps": 5,
                        "weight_kg": 100.0, "completed_at": t(600)}]})
        })
        .collect();
    let files = vec![
        (
            "manifest.json".to_owned(),
            serde_json::to_vec(&json!({"format": "gymbox-export", "format_version": version}))
                .unwrap(),
        ),
        (
            "account.json".to_owned(),
            serde_json::to_vec(&json!({"username": "old", "display_name": "Old Name"})).unwrap(),
        ),
        (
            "workouts.json".to_owned(),
            serde_json::to_vec(&workouts).unwrap(),
        ),
    ];
    gymbox::export::zip::write(&files, 1_700_000_000)
}

fn archive(n: usize, version: u32) -> Vec<u8> {
    archive_of("w", n, version)
}

#[tokio::test]
async fn bad_archives_are_refused_with_a_reason() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let mia = s.user(&owner, "mia", "member").await;
    let r = upload_zip(&mia, b"Date,Workout Name\n".to_vec(), None).await;
    r.problem(422, "validation_failed");
    assert!(r.text.contains("not a ZIP archive"), "{}", r.text);
    let no_manifest = gymbox::export::zip::write(
        &[("notes.txt".to_owned(), b"hello".to_vec())],
        1_700_000_000,
    );
    let r = upload_zip(&mia, no_manifest, None).await;
    r.problem(422, "validation_failed");
    assert!(r.text.contains("no manifest.json"), "{}", r.text);
    let r = upload_zip(&mia, archive(1, 99), None).await;
    r.problem(422, "validation_failed");
    assert!(r.text.contains("newer Gymbox"), "{}", r.text);
    // A set no one could log is named with its workout.
    let bad = archive(1, 2);
    let files = gymbox::export::zip::read(&bad).unwrap();
    let files: Vec<(String, Vec<u8>)> = files
        .into_iter()
        .map(|(n, b)| {
            if n == "workouts.json" {
                let t = String::from_utf8(b)
                    .unwrap()
                    .replace("\"reps\":5", "\"reps\":50000");
                (n, t.into_bytes())
            } else {
                (n, b)
            }
        })
        .collect();
    let r = upload_zip(
        &mia,
        gymbox::export::zip::write(&files, 1_700_000_000),
        None,
    )
    .await;
    r.problem(422, "validation_failed");
    assert!(r.text.contains("Session 0"), "{}", r.text);
    assert!(r.text.contains("reps"), "{}", r.text);
    assert_eq!(mia.get("/api/v1/imports").await.body["items"], json!([]));
}

async fn until_applied(c: &Client, id: &str) -> Value {
    for _ in 0..200_000 {
        let r = c.get(&format!("/api/v1/imports/{id}")).await;
        if r.body["status"] != "applying" {
            return r.body;
        }
        tokio::task::yield_now().await;
    }
    panic!("the import never finished");
}

#[tokio::test]
async fn a_large_archive_applies_in_the_background_and_resumes_after_a_restart() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let mia = s.user(&owner, "mia", "member").await;
    // More workouts than are applied before the answer.
    let big = archive(130, 2);
    let r = upload_zip(&mia, big.clone(), Some(false)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert!(
        r.body["status"] == "applying" || r.body["status"] == "applied",
        "{}",
        r.text
    );
    let done = until_applied(&mia, r.body["id"].as_str().unwrap()).await;
    assert_eq!(done["status"], "applied", "{done}");
    assert_eq!(done["created"], 130);
    assert_eq!(done["applied_workouts"], 130);
    // Uploads larger than the 3 MiB of other requests are taken (here with 4 MiB of other
    // files that do not compress).
    let mut noise = vec![0u8; 4 * 1024 * 1024];
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    for b in noise.iter_mut() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        *b = (x >> 32) as u8;
    }
    let mut padded = gymbox::export::zip::read(&big).unwrap();
    padded.push(("notes.bin".to_owned(), noise));
    let bytes = gymbox::export::zip::write(&padded, 1_700_000_000);
    assert!(bytes.len() > 4 * 1024 * 1024);
    let r = upload_zip(&mia, bytes, None).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.body["already_imported"], 130);

    // A server that stops in the middle of an apply resumes it where the last transaction
    // ended: here after 50 of 60 workouts.
    let draft = upload_zip(&mia, archive_of("r", 60, 2), None).await;
    let id = draft.body["id"].as_str().unwrap().to_owned();
    let raw = gymbox::storage::ids::parse(&id).unwrap();
    s.state()
        .store
        .write(move |tx| {
            let mut i = gymbox::import::store::import_w(tx, raw)?.unwrap();
            i.status = gymbox::import::Status::Applying;
            i.applied_workouts = 50;
            gymbox::import::store::put_import(tx, &i)
        })
        .await
        .unwrap();
    let dir = s.stop().await;
    let s = TestServer::start_in(dir, |_| {}).await;
    let mia = s.login("mia", crate::support::PASSWORD).await;
    let done = until_applied(&mia, &id).await;
    assert_eq!(done["status"], "applied", "{done}");
    assert_eq!(done["applied_workouts"], 60);
    assert_eq!(
        done["created"], 10,
        "only what the first run had not written"
    );
}

#[tokio::test]
async fn the_command_line_moves_an_archive_with_progress() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let _mia = s.user(&owner, "mia", "member").await;
    let bob = s.user(&owner, "bob", "member").await;
    let before = bob.get("/api/v1/me").await.body["display_name"].clone();
    let dir = s.stop().await;
    let file = dir.path().join("old.zip");
    std::fs::write(&file, archive_of("c", 30, 2)).unwrap();
    let f = file.to_str().unwrap();
    let dry = gymbox(
        dir.path(),
        &[
            "import",
            "--user",
            "bob",
            "--format",
            "gymbox",
            "--dry-run",
            f,
        ],
        "",
    );
    let out = String::from_utf8_lossy(&dry.stdout);
    assert!(
        dry.status.success(),
        "{}",
        String::from_utf8_lossy(&dry.stderr)
    );
    assert!(out.contains("30 workouts, 30 sets"), "{out}");
    assert!(out.contains("plans: 0 in the archive, 0 created"), "{out}");
    assert!(out.contains("dry run: nothing was written"), "{out}");
    let run = gymbox(
        dir.path(),
        &[
            "import",
            "--user",
            "bob",
            "--format",
            "gymbox",
            "--keep-profile",
            f,
        ],
        "",
    );
    let out = String::from_utf8_lossy(&run.stdout);
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{err}");
    assert!(out.contains("imported: 30 workouts created"), "{out}");
    assert!(err.contains("import: 30/30 workouts"), "{err}");
    let s = TestServer::start_in(dir, |_| {}).await;
    let bob = s.login("bob", crate::support::PASSWORD).await;
    assert_eq!(bob.get("/api/v1/me").await.body["display_name"], before);
    let list = bob.get("/api/v1/workouts?limit=100").await;
    assert_eq!(list.body["items"].as_array().unwrap().len(), 30);
}
