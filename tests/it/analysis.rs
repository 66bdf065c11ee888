//! Analysis: records kept right through edits and deletes, summaries and streaks by local
//! week, training load, who may see whose stats, and replay = incremental.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::{Client, TestServer};

const SQUAT: &str = "barbell-back-squat";

fn uuid(n: u128) -> String {
    format!("{:032x}", 0x0190_0000_0000_7000_8000_0000_0000_0000u128 + n)
}

/// Creates a finished workout of an hour at `day` 18:00 UTC and logs `sets` (reps, kg, rpe).
async fn workout(c: &Client, n: u128, day: &str, sets: &[(u32, f64, Option<f64>)]) -> String {
    let id = uuid(n);
    let r = c
        .post(
            "/api/v1/workouts",
            json!({"id": id, "started_at": format!("{day}T18:00:00Z"),
                   "finished_at": format!("{day}T19:00:00Z")}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    for (i, (reps, kg, rpe)) in sets.iter().enumerate() {
        let r = c
            .post(
                &format!("/api/v1/workouts/{id}/sets"),
                json!({"id": uuid(n * 100 + i as u128), "exercise_id": SQUAT, "reps": reps,
                       "weight_kg": kg, "rpe": rpe,
                       "completed_at": format!("{day}T18:{:02}:00Z", 5 + i * 5)}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    }
    id
}

/// The signed-in member's id.
async fn user_id(c: &Client) -> u128 {
    let id = c.get("/api/v1/me").await.body["id"]
        .as_str()
        .unwrap()
        .to_owned();
    uuid::Uuid::parse_str(&id).unwrap().as_u128()
}

fn squat(records: &Value) -> Value {
    records["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["exercise_id"] == SQUAT)
        .cloned()
        .unwrap_or(Value::Null)
}

/// The heaviest-weight records of a progress timeline: (value, the record it beat).
fn heaviest_timeline(progress: &Value) -> Vec<(f64, Value)> {
    progress["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["metric"] == "heaviest")
        .map(|x| (x["value"].as_f64().unwrap(), x["previous"].clone()))
        .collect()
}

#[tokio::test]
async fn records_follow_logging_edits_and_deletes() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let m = s.user(&owner, "lena", "member").await;

    let w1 = workout(&m, 1, "2026-11-02", &[(5, 100.0, None), (3, 110.0, None)]).await;
    let w2 = workout(&m, 2, "2026-11-09", &[(1, 130.0, None), (10, 80.0, None)]).await;
    let r = m.get("/api/v1/me/records").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let sq = squat(&r.body);
    assert_eq!(sq["exercise_name"], "Squat (Barbell)");
    assert_eq!(sq["heaviest_kg"], 130.0);
    assert_eq!(sq["most_reps"], 10);
    assert_eq!(sq["e1rm_kg"], 130.0);
    let rm: Vec<(u64, f64)> = sq["rep_maxes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["reps"].as_u64().unwrap(),
                x["weight_kg"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(rm, [(1, 130.0), (3, 110.0), (5, 100.0), (10, 80.0)]);
    // Session volume: 500 + 330 = 830 in the first workout, 130 + 800 = 930 in the second.
    assert_eq!(sq["best_session_volume_kg"], 930.0);
    assert_eq!(sq["best_set_volume_kg"], 800.0);

    // The logger flags the set that set a record.
    let set = m
        .post(
            &format!("/api/v1/workouts/{w2}/sets"),
            json!({"id": uuid(9001), "exercise_id": SQUAT, "reps": 2, "weight_kg": 135.0,
                   "completed_at": "2026-11-09T18:40:00Z"}),
        )
        .await;
    assert_eq!(set.body["is_record"], true, "{}", set.text);
    let warmup = m
        .post(
            &format!("/api/v1/workouts/{w2}/sets"),
            json!({"id": uuid(9002), "exercise_id": SQUAT, "kind": "warmup", "reps": 1,
                   "weight_kg": 200.0, "completed_at": "2026-11-09T18:41:00Z"}),
        )
        .await;
    assert_eq!(warmup.body["is_record"], false, "warm-ups set no records");
    let sq = squat(&m.get("/api/v1/me/records").await.body);
    assert_eq!(sq["heaviest_kg"], 135.0);

    // Deleting the record set brings the earlier best back.
    let d = m
        .delete(&format!("/api/v1/workouts/{w2}/sets/{}", uuid(9001)))
        .await;
    assert_eq!(d.status, StatusCode::NO_CONTENT);
    let sq = squat(&m.get("/api/v1/me/records").await.body);
    assert_eq!(sq["heaviest_kg"], 130.0);

    // Editing a set re-ranks it: the 10 × 80 becomes 10 × 60.
    let e = m
        .patch(
            &format!("/api/v1/workouts/{w2}/sets/{}", uuid(201)),
            json!({"weight_kg": 60.0}),
        )
        .await;
    assert_eq!(e.status, StatusCode::OK, "{}", e.text);
    let sq = squat(&m.get("/api/v1/me/records").await.body);
    assert_eq!(sq["best_set_volume_kg"], 600.0);
    assert_eq!(
        sq["best_session_volume_kg"], 830.0,
        "w1 is now the best session"
    );

    // The timeline lists every record in order, each beating the one before.
    let p = m
        .get(&format!(
            "/api/v1/exercises/{SQUAT}/progress?from=2026-10-01&to=2026-12-01"
        ))
        .await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.text);
    let heaviest = heaviest_timeline(&p.body);
    assert_eq!(
        heaviest,
        [
            (100.0, Value::Null),
            (110.0, json!(100.0)),
            (130.0, json!(110.0))
        ]
    );
    // A narrower range lists only the records set in it (the current bests stay whole).
    let later = m
        .get(&format!(
            "/api/v1/exercises/{SQUAT}/progress?from=2026-11-05&to=2026-12-01"
        ))
        .await;
    let heaviest = heaviest_timeline(&later.body);
    assert_eq!(heaviest, [(130.0, json!(110.0))], "{}", later.text);
    assert_eq!(later.body["records"]["heaviest_kg"], 130.0);
    assert_eq!(later.body["sessions"].as_array().unwrap().len(), 1);
    let sessions = p.body["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 2);
    assert_eq!(sessions[0]["workout_id"], w1);
    assert_eq!(sessions[0]["volume_kg"], 830.0);
    assert_eq!(sessions[0]["date"], "2026-11-02");
    assert!((sessions[0]["e1rm_kg"].as_f64().unwrap() - 121.0).abs() < 0.01);

    // Deleting a whole workout takes its records with it.
    assert_eq!(
        m.delete(&format!("/api/v1/workouts/{w2}")).await.status,
        StatusCode::NO_CONTENT
    );
    let sq = squat(&m.get("/api/v1/me/records").await.body);
    assert_eq!(sq["heaviest_kg"], 110.0);
    assert_eq!(sq["most_reps"], 5);
    // The exercise page's summary comes from the same records.
    let h = m.get(&format!("/api/v1/exercises/{SQUAT}/history")).await;
    assert_eq!(h.body["record"]["best_weight_kg"], 110.0, "{}", h.text);
    assert_eq!(h.body["record"]["sets"], 2);
}

/// A member's sessions in November 2026 and their best squat session volume.
async fn counted(c: &Client) -> (Value, Value, usize) {
    let st = c
        .get("/api/v1/me/stats?from=2026-11-01&to=2026-11-30&period=month")
        .await;
    assert_eq!(st.status, StatusCode::OK, "{}", st.text);
    let sq = squat(&c.get("/api/v1/me/records").await.body);
    let p = c
        .get(&format!(
            "/api/v1/exercises/{SQUAT}/progress?from=2026-11-01&to=2026-11-30"
        ))
        .await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.text);
    (
        st.body["totals"]["sessions"].clone(),
        sq["best_session_volume_kg"].clone(),
        p.body["sessions"].as_array().unwrap().len(),
    )
}

#[tokio::test]
async fn a_workout_in_progress_counts_once_it_is_finished() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let m = s.user(&owner, "nika", "member").await;
    // Session volume 1,000 kg in a finished workout.
    workout(&m, 1, "2026-11-02", &[(5, 100.0, None), (5, 100.0, None)]).await;
    let open = uuid(2);
    let r = m
        .post(
            "/api/v1/workouts",
            json!({"id": open, "started_at": "2026-11-09T18:00:00Z"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    // 3 × 120 + 10 × 100 = 1,360 kg in the workout in progress.
    for (i, (reps, kg)) in [(3, 120.0), (10, 100.0)].into_iter().enumerate() {
        let set = m
            .post(
                &format!("/api/v1/workouts/{open}/sets"),
                json!({"id": uuid(200 + i as u128), "exercise_id": SQUAT, "reps": reps,
                       "weight_kg": kg, "completed_at": format!("2026-11-09T18:{:02}:00Z", 5 + i * 5)}),
            )
            .await;
        assert_eq!(set.status, StatusCode::CREATED, "{}", set.text);
        // The logger still flags a set's records as they happen.
        assert_eq!(set.body["is_record"], true, "{}", set.text);
    }
    let sq = squat(&m.get("/api/v1/me/records").await.body);
    assert_eq!(sq["heaviest_kg"], 120.0, "per-set records are live");
    assert_eq!(sq["most_reps"], 10);
    // The summaries, the session series and the session-volume record wait for the finish.
    assert_eq!(counted(&m).await, (json!(1), json!(1000.0), 1));
    let me = user_id(&m).await;
    replay_changes_nothing(&s, me).await;

    let f = m
        .patch(
            &format!("/api/v1/workouts/{open}"),
            json!({"finished_at": "2026-11-09T19:00:00Z"}),
        )
        .await;
    assert_eq!(f.status, StatusCode::OK, "{}", f.text);
    assert_eq!(counted(&m).await, (json!(2), json!(1360.0), 2));
    let st = m
        .get("/api/v1/me/stats?from=2026-11-09&to=2026-11-15&period=week")
        .await;
    assert_eq!(st.body["buckets"][0]["sets"], 2, "{}", st.text);
    assert_eq!(st.body["buckets"][0]["volume_kg"], 1360.0);
    assert_eq!(st.body["buckets"][0]["duration_s"], 3600, "{}", st.text);
    replay_changes_nothing(&s, me).await;

    // A set logged into the finished workout counts at once.
    let late = m
        .post(
            &format!("/api/v1/workouts/{open}/sets"),
            json!({"id": uuid(210), "exercise_id": SQUAT, "reps": 5, "weight_kg": 100.0,
                   "completed_at": "2026-11-09T18:30:00Z"}),
        )
        .await;
    assert_eq!(late.status, StatusCode::CREATED, "{}", late.text);
    assert_eq!(counted(&m).await, (json!(2), json!(1860.0), 2));

    // Reopened, it stops counting until it is finished again; its per-set records stay.
    let r = m
        .patch(
            &format!("/api/v1/workouts/{open}"),
            json!({"finished_at": null}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(counted(&m).await, (json!(1), json!(1000.0), 1));
    assert_eq!(
        squat(&m.get("/api/v1/me/records").await.body)["heaviest_kg"],
        120.0
    );
    replay_changes_nothing(&s, me).await;
}

#[tokio::test]
async fn summaries_use_the_members_weeks_muscles_and_time_zone() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let m = s.user(&owner, "ivan", "member").await;
    let r = m
        .patch(
            "/api/v1/me",
            json!({"preferences": {"timezone": "Asia/Tokyo", "weekly_target": 1}}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["preferences"]["weekly_target"], 1);
    // 18:00 UTC on Sunday 2026-11-08 is Monday 03:00 in Tokyo: the second week.
    workout(&m, 1, "2026-11-01", &[(5, 100.0, Some(8.0))]).await;
    workout(&m, 2, "2026-11-08", &[(5, 100.0, None), (5, 100.0, None)]).await;
    let st = m
        .get("/api/v1/me/stats?from=2026-10-26&to=2026-11-15&period=week")
        .await;
    assert_eq!(st.status, StatusCode::OK, "{}", st.text);
    let b = &st.body["buckets"];
    let starts: Vec<&str> = b
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["start"].as_str().unwrap())
        .collect();
    assert_eq!(starts, ["2026-10-26", "2026-11-02", "2026-11-09"]);
    assert_eq!(
        b[0]["sessions"], 0,
        "Sunday 18:00 UTC is Monday in Tokyo: {b}"
    );
    assert_eq!(b[1]["sessions"], 1, "{b}");
    assert_eq!(b[2]["sessions"], 1, "{b}");
    assert_eq!(b[2]["sets"], 2);
    assert_eq!(b[2]["volume_kg"], 1000.0);
    let muscles = &b[2]["muscles"];
    let of = |name: &str| {
        muscles
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["muscle"] == name)
            .map(|x| x["sets"].as_f64().unwrap())
    };
    assert_eq!(
        of("quadriceps"),
        Some(2.0),
        "primary muscles count whole sets"
    );
    assert_eq!(of("hamstrings"), Some(1.0), "secondary muscles count half");
    assert_eq!(st.body["totals"]["sessions"], 2);
    let days: Vec<&str> = st.body["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["date"].as_str().unwrap())
        .collect();
    assert_eq!(days, ["2026-11-02", "2026-11-09"]);

    // Load: an hour at RPE 8 is 480; an hour with no RPE uses the default 7 (420).
    let l = m.get("/api/v1/me/load?from=2026-11-01&to=2026-11-10").await;
    assert_eq!(l.status, StatusCode::OK, "{}", l.text);
    assert_eq!(l.body["default_rpe"], 7.0);
    let load = |date: &str| {
        l.body["days"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["date"] == date)
            .unwrap()["load"]
            .as_f64()
            .unwrap()
    };
    assert_eq!(load("2026-11-02"), 480.0);
    assert_eq!(load("2026-11-09"), 420.0);
    assert_eq!(load("2026-11-05"), 0.0);
    assert_eq!(l.body["days"].as_array().unwrap().len(), 10);

    // Monthly buckets; bad input is a 422 naming the field.
    let mo = m
        .get("/api/v1/me/stats?from=2026-10-01&to=2026-11-30&period=month")
        .await;
    assert_eq!(mo.body["buckets"].as_array().unwrap().len(), 2);
    assert_eq!(mo.body["buckets"][1]["sessions"], 2);
    for bad in [
        "/api/v1/me/stats?from=2026-13-01",
        "/api/v1/me/stats?from=2026-11-10&to=2026-11-01",
        "/api/v1/me/stats?from=2010-01-01&to=2026-11-01",
        "/api/v1/me/load?from=2020-01-01",
    ] {
        m.get(bad).await.problem(422, "validation_failed");
    }
}

#[tokio::test]
async fn stats_show_only_to_whom_the_profile_allows() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let a = s.user(&owner, "anna", "member").await;
    let b = s.user(&owner, "boris", "member").await;
    workout(&a, 1, "2026-11-02", &[(5, 100.0, None)]).await;
    let anon = s.client();

    // Members by default: another member sees, a visitor does not.
    assert_eq!(
        b.get("/api/v1/users/anna/stats").await.status,
        StatusCode::OK
    );
    anon.get("/api/v1/users/anna/stats")
        .await
        .problem(404, "not_found");
    // Private: hidden from members and admins alike, as if there were no such member.
    a.patch(
        "/api/v1/me",
        json!({"privacy": {"profile_visibility": "private"}}),
    )
    .await;
    b.get("/api/v1/users/anna/stats")
        .await
        .problem(404, "not_found");
    owner
        .get("/api/v1/users/anna/stats")
        .await
        .problem(404, "not_found");
    b.get("/api/v1/users/nobody/stats")
        .await
        .problem(404, "not_found");
    // Public: anyone.
    a.patch(
        "/api/v1/me",
        json!({"privacy": {"profile_visibility": "public"}}),
    )
    .await;
    let pub_stats = anon
        .get("/api/v1/users/anna/stats?from=2026-11-01&to=2026-11-08")
        .await;
    assert_eq!(pub_stats.status, StatusCode::OK, "{}", pub_stats.text);
    assert_eq!(pub_stats.body["totals"]["sessions"], 1);
    // Own data needs a sign-in; someone else's exercise progress is one's own (empty).
    anon.get("/api/v1/me/stats")
        .await
        .problem(401, "unauthorized");
    anon.get("/api/v1/me/records")
        .await
        .problem(401, "unauthorized");
    anon.get("/api/v1/me/load")
        .await
        .problem(401, "unauthorized");
    let theirs = b.get(&format!("/api/v1/exercises/{SQUAT}/progress")).await;
    assert_eq!(theirs.status, StatusCode::OK);
    assert_eq!(theirs.body["records"], Value::Null);
    assert_eq!(theirs.body["sessions"], json!([]));
    b.get("/api/v1/exercises/no-such-exercise/progress")
        .await
        .problem(404, "not_found");
}

/// Everything analysis shows a member, for comparing two ways of computing it.
async fn snapshot(c: &Client) -> Vec<Value> {
    let mut out = Vec::new();
    for path in [
        "/api/v1/me/records".to_owned(),
        format!("/api/v1/exercises/{SQUAT}/progress?from=2026-01-01&to=2026-12-01"),
        "/api/v1/me/stats?from=2026-09-01&to=2026-11-30".to_owned(),
        "/api/v1/me/stats?from=2026-01-01&to=2026-11-30&period=month".to_owned(),
        "/api/v1/me/load?from=2026-10-01&to=2026-11-30".to_owned(),
    ] {
        let r = c.get(&path).await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.text);
        let mut v = r.body;
        // Streaks depend on today, not on how the tables were computed; keep them anyway.
        v.as_object_mut().map(|o| o.remove("streak"));
        out.push(v);
    }
    out
}

/// Rebuilds every member's analysis and checks that the member's rows came out the same.
async fn replay_changes_nothing(s: &TestServer, member: u128) {
    let state = &s.running.as_ref().unwrap().state;
    let logged = state.analysis.rows_of(member).await.unwrap();
    let owners = state.accounts.all_owners().await.unwrap();
    state
        .analysis
        .rebuild_all(owners, &|_, _| {})
        .await
        .unwrap();
    assert_eq!(state.analysis.rows_of(member).await.unwrap(), logged);
}

#[tokio::test]
async fn replaying_history_gives_what_incremental_maintenance_gave() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let m = s.user(&owner, "olga", "member").await;
    m.patch(
        "/api/v1/me",
        json!({"preferences": {"timezone": "America/New_York"}}),
    )
    .await;
    let mut ids = Vec::new();
    for (n, day) in [
        "2026-09-07",
        "2026-09-14",
        "2026-10-05",
        "2026-10-06",
        "2026-11-02",
    ]
    .iter()
    .enumerate()
    {
        let n = n as u128 + 1;
        let kg = 80.0 + 5.0 * n as f64;
        ids.push(
            workout(
                &m,
                n,
                day,
                &[
                    (5, kg, Some(7.5)),
                    (3, kg + 10.0, None),
                    (8, kg - 20.0, None),
                ],
            )
            .await,
        );
    }
    let me = user_id(&m).await;
    // In time order, every set takes the append path: what it kept is what a replay computes.
    replay_changes_nothing(&s, me).await;
    // Logged out of order: a back-dated workout after the later ones, and a workout started
    // before another but whose sets (a warm-up, then working sets) come after that one's — so
    // its session is not the exercise's newest although its sets are.
    workout(
        &m,
        6,
        "2026-08-03",
        &[(5, 150.0, None), (2, 160.0, Some(9.0))],
    )
    .await;
    let (early, late) = (uuid(7), uuid(8));
    for (id, start) in [
        (&early, "2026-11-09T18:00:00Z"),
        (&late, "2026-11-10T18:00:00Z"),
    ] {
        let r = m
            .post("/api/v1/workouts", json!({"id": id, "started_at": start}))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    }
    // The later-started workout's session sets a session-volume record (and nothing else);
    // the earlier one then outgrows it, so that record goes and the newest record is older.
    for (n, (w, kind, reps, kg, at)) in [
        (&late, "normal", 8, 70.0, "2026-11-10T18:05:00Z"),
        (&late, "normal", 8, 70.0, "2026-11-10T18:10:00Z"),
        (&late, "normal", 8, 70.0, "2026-11-10T18:15:00Z"),
        (&early, "warmup", 5, 40.0, "2026-11-10T18:20:00Z"),
        (&early, "normal", 8, 70.0, "2026-11-10T18:25:00Z"),
        (&early, "normal", 8, 70.0, "2026-11-10T18:30:00Z"),
        (&early, "normal", 8, 70.0, "2026-11-10T18:35:00Z"),
        (&early, "normal", 8, 70.0, "2026-11-10T18:40:00Z"),
    ]
    .into_iter()
    .enumerate()
    {
        let r = m
            .post(
                &format!("/api/v1/workouts/{w}/sets"),
                json!({"id": uuid(900 + n as u128), "exercise_id": SQUAT, "kind": kind,
                       "reps": reps, "weight_kg": kg, "completed_at": at}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    }
    // Same second as the newest set, lower id: it sorts before that set, not after.
    let r = m
        .post(
            &format!("/api/v1/workouts/{late}/sets"),
            json!({"id": uuid(899), "exercise_id": SQUAT, "reps": 8, "weight_kg": 70.0,
                   "completed_at": "2026-11-10T18:40:00Z"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    // What logging maintained is what a replay computes (before any edit re-derives it).
    replay_changes_nothing(&s, me).await;

    // Edits in the middle of history: a back-dated record, a moved workout, deletions.
    m.patch(
        &format!("/api/v1/workouts/{}/sets/{}", ids[1], uuid(201)),
        json!({"weight_kg": 150.0}),
    )
    .await;
    m.patch(
        &format!("/api/v1/workouts/{}", ids[2]),
        json!({"started_at": "2026-10-01T07:00:00Z"}),
    )
    .await;
    m.delete(&format!("/api/v1/workouts/{}/sets/{}", ids[3], uuid(400)))
        .await;
    m.delete(&format!("/api/v1/workouts/{}", ids[0])).await;
    let other = m
        .patch(
            &format!("/api/v1/workouts/{}/sets/{}", ids[4], uuid(502)),
            json!({"exercise_id": "barbell-front-squat"}),
        )
        .await;
    assert_eq!(other.status, StatusCode::OK, "{}", other.text);

    let incremental = snapshot(&m).await;
    let state = &s.running.as_ref().unwrap().state;
    let rows = state.analysis.rows_of(me).await.unwrap();
    assert!(rows.len() > 30, "{rows:#?}");
    let owners = state.accounts.all_owners().await.unwrap();
    let replayed = state
        .analysis
        .rebuild_all(owners, &|_, _| {})
        .await
        .unwrap();
    // 26 sets logged; the first workout's three and one more deleted.
    assert_eq!(replayed, 22);
    assert_eq!(snapshot(&m).await, incremental);
    assert_eq!(state.analysis.rows_of(me).await.unwrap(), rows);
}
