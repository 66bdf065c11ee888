//! GPS activities (GPX, TCX, FIT) as workouts with kept routes: dry run, apply, re-import,
//! undo, who may see a route, the GPX download and its way back in, the account export, FIT
//! strength sets, damaged files, and the command line.

#[path = "../../src/import/fit_encode.rs"]
#[allow(dead_code)]
mod fit_encode;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{Client, Resp, TestServer, gymbox};
use fit_encode::{
    ENUM, FitWriter, SINT32, STRING, UINT8, UINT16, UINT32, V, fit_time, semicircles,
};

/// 2026-05-01T07:00:00Z.
pub const START: i64 = 1_777_618_800;

fn time(t: i64) -> String {
    jiff::Timestamp::from_second(t).unwrap().to_string()
}

/// A GPX file with one track per `(name, type, start, points, elevations)`: points a second
/// apart heading north, about 11 m each.
pub fn gpx(tracks: &[(&str, &str, i64, usize, bool)]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\"?>\n<gpx version=\"1.1\" creator=\"test\" xmlns=\"http://www.topografix.com/GPX/1/1\">\n",
    );
    for (name, kind, start, n, ele) in tracks {
        let name = name.replace('&', "&amp;");
        out.push_str(&format!(
            "<trk><name>{name}</name><type>{kind}</type><trkseg>\n"
        ));
        for i in 0..*n {
            let lat = 55.75 + i as f64 * 0.0001;
            let lon = 37.6;
            out.push_str(&format!("<trkpt lat=\"{lat:.7}\" lon=\"{lon:.7}\">"));
            if *ele {
                out.push_str(&format!("<ele>{:.1}</ele>", 140.0 + (i / 10) as f64));
            }
            out.push_str(&format!(
                "<time>{}</time></trkpt>\n",
                time(start + i as i64)
            ));
        }
        out.push_str("</trkseg></trk>\n");
    }
    out.push_str("</gpx>\n");
    out
}

pub async fn upload(c: &Client, format: &str, body: &[u8], dry_run: bool) -> Resp {
    let part = reqwest::multipart::Part::bytes(body.to_vec())
        .file_name(format!("activity.{format}"))
        .mime_str("application/octet-stream")
        .unwrap();
    let form = reqwest::multipart::Form::new()
        .part("file", part)
        .text("format", format.to_owned())
        .text("dry_run", dry_run.to_string());
    Client::send(c.req(Method::POST, "/api/v1/imports").multipart(form)).await
}

async fn workouts(c: &Client) -> Vec<Value> {
    c.get("/api/v1/workouts").await.body["items"]
        .as_array()
        .unwrap()
        .clone()
}

fn export_files(r: &Resp) -> Vec<(String, Vec<u8>)> {
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    gymbox::export::zip::read(&r.bytes).expect("a readable ZIP")
}

async fn export(c: &Client) -> Vec<(String, Vec<u8>)> {
    export_files(&Client::send(c.req(Method::GET, "/api/v1/me/export")).await)
}

#[tokio::test]
async fn gpx_activities_are_imported_with_their_routes_and_undone_with_them() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let mia = s.user(&owner, "mia", "member").await;
    let file = gpx(&[
        ("Morning run", "running", START, 600, true),
        ("Commute", "cycling", START + 86_400, 300, false),
    ]);
    let dry = upload(&mia, "gpx", file.as_bytes(), true).await;
    assert_eq!(dry.status, StatusCode::CREATED, "{}", dry.text);
    assert_eq!(dry.body["format"], "gpx");
    assert_eq!(dry.body["status"], "draft");
    assert_eq!(dry.body["workouts"], 2);
    assert_eq!(dry.body["routes"], 2);
    assert_eq!(dry.body["sets"], 2);
    assert_eq!(dry.body["from"], time(START));
    for (name, id) in [("Running", "running"), ("Cycling", "cycling")] {
        let n = dry.body["names"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["name"] == name)
            .unwrap_or_else(|| panic!("{name} in {}", dry.text));
        assert_eq!(n["exercise"]["id"], id);
    }
    assert!(workouts(&mia).await.is_empty(), "a dry run writes nothing");

    let id = dry.body["id"].as_str().unwrap();
    let applied = mia
        .post(&format!("/api/v1/imports/{id}/apply"), json!({}))
        .await;
    assert_eq!(applied.body["created"], 2, "{}", applied.text);
    let list = workouts(&mia).await;
    assert_eq!(list.len(), 2);
    let run = list.iter().find(|w| w["title"] == "Morning run").unwrap();
    assert_eq!(run["started_at"], time(START));
    assert_eq!(run["duration_s"], 599);
    let wid = run["id"].as_str().unwrap().to_owned();
    let detail = mia.get(&format!("/api/v1/workouts/{wid}")).await;
    let set = &detail.body["sets"][0];
    assert_eq!(set["exercise_id"], "running");
    assert_eq!(set["duration_s"], 599);
    let distance = set["distance_m"].as_f64().unwrap();
    assert!((distance - 6_660.6).abs() < 1.0, "{distance}");

    let track = mia.get(&format!("/api/v1/workouts/{wid}/track")).await;
    assert_eq!(track.status, StatusCode::OK, "{}", track.text);
    assert_eq!(track.body["sport"], "running");
    assert_eq!(track.body["total_points"], 600);
    assert_eq!(track.body["points"].as_array().unwrap().len(), 600);
    assert_eq!(track.body["duration_s"], 599);
    assert_eq!(track.body["elevation_gain_m"], 59.0);
    assert!((track.body["distance_m"].as_f64().unwrap() - distance).abs() < 0.1);
    assert_eq!(track.body["points"][0]["t"], 0);
    assert_eq!(track.body["points"][0]["lat"], 55.75);
    let ride = list.iter().find(|w| w["title"] == "Commute").unwrap();
    let ride_track = mia
        .get(&format!(
            "/api/v1/workouts/{}/track",
            ride["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(ride_track.body["elevation_gain_m"], Value::Null);
    assert_eq!(ride_track.body["sport"], "cycling");

    // The same file again creates nothing.
    let again = upload(&mia, "gpx", file.as_bytes(), false).await;
    assert_eq!(again.body["already_imported"], 2, "{}", again.text);
    assert_eq!(again.body["created"], 0);
    assert_eq!(workouts(&mia).await.len(), 2);

    // The export carries each route as GPX.
    let files = export(&mia).await;
    let gpx_names: Vec<&str> = files
        .iter()
        .map(|(n, _)| n.as_str())
        .filter(|n| n.starts_with("activities/"))
        .collect();
    assert_eq!(gpx_names.len(), 2, "{gpx_names:?}");
    assert!(gpx_names.contains(&format!("activities/{wid}.gpx").as_str()));

    // Undoing the import takes the workouts and their routes.
    let undone = mia.delete(&format!("/api/v1/imports/{id}")).await;
    assert_eq!(undone.body["status"], "undone", "{}", undone.text);
    assert!(workouts(&mia).await.is_empty());
    mia.get(&format!("/api/v1/workouts/{wid}/track"))
        .await
        .problem(404, "not_found");
    let files = export(&mia).await;
    assert!(
        !files.iter().any(|(n, _)| n.starts_with("activities/")),
        "the routes went with their workouts"
    );
    // …and the file may be imported again.
    let back = upload(&mia, "gpx", file.as_bytes(), false).await;
    assert_eq!(back.body["created"], 2, "{}", back.text);
}

#[tokio::test]
async fn a_route_is_seen_by_whoever_may_see_its_workout() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let mia = s.user(&owner, "mia", "member").await;
    let bob = s.user(&owner, "bob", "member").await;
    let anon = s.client();
    let r = upload(
        &mia,
        "gpx",
        gpx(&[("Loop", "walking", START, 50, true)]).as_bytes(),
        false,
    )
    .await;
    assert_eq!(r.body["created"], 1, "{}", r.text);
    let wid = workouts(&mia).await[0]["id"].as_str().unwrap().to_owned();
    let track = format!("/api/v1/workouts/{wid}/track");
    let download = format!("/api/v1/workouts/{wid}/track.gpx");
    // Imported workouts are private: nobody else sees the route.
    for c in [&bob, &anon] {
        c.get(&track).await.problem(404, "not_found");
        c.get(&download).await.problem(404, "not_found");
    }
    mia.patch(
        &format!("/api/v1/workouts/{wid}"),
        json!({"visibility": "members"}),
    )
    .await;
    assert_eq!(bob.get(&track).await.status, StatusCode::OK);
    anon.get(&track).await.problem(404, "not_found");
    mia.patch(
        &format!("/api/v1/workouts/{wid}"),
        json!({"visibility": "public"}),
    )
    .await;
    assert_eq!(anon.get(&track).await.status, StatusCode::OK);
    assert_eq!(anon.get(&download).await.status, StatusCode::OK);
    mia.patch(
        &format!("/api/v1/workouts/{wid}"),
        json!({"visibility": "private"}),
    )
    .await;
    bob.get(&download).await.problem(404, "not_found");
    // A workout without a route, and ids that are no workout, are 404 too.
    let plain = mia.post("/api/v1/workouts", json!({"title": "Legs"})).await;
    mia.get(&format!(
        "/api/v1/workouts/{}/track",
        plain.body["id"].as_str().unwrap()
    ))
    .await
    .problem(404, "not_found");
    mia.get("/api/v1/workouts/not-an-id/track")
        .await
        .problem(404, "not_found");
    // Deleting the workout deletes its route.
    assert!(
        mia.delete(&format!("/api/v1/workouts/{wid}"))
            .await
            .status
            .is_success()
    );
    mia.get(&track).await.problem(404, "not_found");
    assert!(
        !export(&mia)
            .await
            .iter()
            .any(|(n, _)| n.starts_with("activities/"))
    );
}

#[tokio::test]
async fn a_downloaded_gpx_comes_back_in_as_the_same_activity() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let mia = s.user(&owner, "mia", "member").await;
    let bob = s.user(&owner, "bob", "member").await;
    upload(
        &mia,
        "gpx",
        gpx(&[("Hill & back", "hiking", START, 900, true)]).as_bytes(),
        false,
    )
    .await;
    let w = &workouts(&mia).await[0];
    let wid = w["id"].as_str().unwrap().to_owned();
    let r = Client::send(mia.req(Method::GET, &format!("/api/v1/workouts/{wid}/track.gpx"))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert!(
        r.header("content-type")
            .unwrap()
            .starts_with("application/gpx+xml")
    );
    assert!(r.header("content-disposition").unwrap().contains(".gpx"));
    assert!(
        r.text.contains("<name>Hill &amp; back</name>"),
        "{}",
        &r.text[..400]
    );
    assert!(r.text.contains("<type>hiking</type>"));
    // The export's copy is the same document.
    let files = export(&mia).await;
    let copy = &files
        .iter()
        .find(|(n, _)| *n == format!("activities/{wid}.gpx"))
        .unwrap()
        .1;
    assert_eq!(copy, &r.bytes);
    // Bob imports mia's download: the same workout, distance and duration.
    let back = upload(&bob, "gpx", &r.bytes, false).await;
    assert_eq!(back.body["created"], 1, "{}", back.text);
    let theirs = &workouts(&bob).await[0];
    assert_eq!(theirs["title"], "Hill & back");
    assert_eq!(theirs["started_at"], w["started_at"]);
    assert_eq!(theirs["duration_s"], w["duration_s"]);
    let a = mia.get(&format!("/api/v1/workouts/{wid}")).await.body["sets"][0].clone();
    let b = bob
        .get(&format!(
            "/api/v1/workouts/{}",
            theirs["id"].as_str().unwrap()
        ))
        .await
        .body["sets"][0]
        .clone();
    assert_eq!(a["exercise_id"], "hiking");
    assert_eq!(b["exercise_id"], "hiking");
    assert_eq!(a["distance_m"], b["distance_m"]);
    assert_eq!(a["duration_s"], b["duration_s"]);
    same_route(&mia, &wid, &bob, theirs["id"].as_str().unwrap()).await;
}

/// Moving to another Gymbox brings the routes along: the account archive carries each route as
/// GPX, and importing the archive keeps it with its workout.
#[tokio::test]
async fn a_gymbox_archive_brings_the_routes_along() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let mia = s.user(&owner, "mia", "member").await;
    let bob = s.user(&owner, "bob", "member").await;
    upload(
        &mia,
        "gpx",
        gpx(&[("Ridge loop", "running", START, 700, true)]).as_bytes(),
        false,
    )
    .await;
    let w = &workouts(&mia).await[0];
    let wid = w["id"].as_str().unwrap().to_owned();
    let zip = Client::send(mia.req(Method::GET, "/api/v1/me/export")).await;
    assert_eq!(zip.status, StatusCode::OK);
    let dry = upload(&bob, "gymbox", &zip.bytes, false).await;
    assert_eq!(dry.status, StatusCode::CREATED, "{}", dry.text);
    let theirs = &workouts(&bob).await[0];
    assert_eq!(theirs["title"], "Ridge loop");
    same_route(&mia, &wid, &bob, theirs["id"].as_str().unwrap()).await;
}

/// The route of workout `a` of one member and `b` of another have the same distance, time,
/// climb and points.
async fn same_route(one: &Client, a: &str, other: &Client, b: &str) {
    let ta = one.get(&format!("/api/v1/workouts/{a}/track")).await;
    let tb = other.get(&format!("/api/v1/workouts/{b}/track")).await;
    assert_eq!(ta.status, StatusCode::OK, "{}", ta.text);
    assert_eq!(tb.status, StatusCode::OK, "{}", tb.text);
    for k in [
        "distance_m",
        "duration_s",
        "elevation_gain_m",
        "total_points",
    ] {
        assert_eq!(ta.body[k], tb.body[k], "{k}");
    }
}

const TCX: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
 <Activities>
  <Activity Sport="Running">
   <Id>2026-06-01T17:00:00Z</Id>
   <Lap StartTime="2026-06-01T17:00:00Z">
    <TotalTimeSeconds>300</TotalTimeSeconds><DistanceMeters>1000</DistanceMeters>
    <Track>
     <Trackpoint><Time>2026-06-01T17:00:00Z</Time><Position><LatitudeDegrees>48.1</LatitudeDegrees><LongitudeDegrees>11.5</LongitudeDegrees></Position></Trackpoint>
     <Trackpoint><Time>2026-06-01T17:05:00Z</Time><Position><LatitudeDegrees>48.109</LatitudeDegrees><LongitudeDegrees>11.5</LongitudeDegrees></Position></Trackpoint>
    </Track>
   </Lap>
   <Lap StartTime="2026-06-01T17:05:00Z">
    <TotalTimeSeconds>310</TotalTimeSeconds><DistanceMeters>1000</DistanceMeters>
    <Track>
     <Trackpoint><Time>2026-06-01T17:10:10Z</Time><Position><LatitudeDegrees>48.118</LatitudeDegrees><LongitudeDegrees>11.5</LongitudeDegrees></Position></Trackpoint>
    </Track>
   </Lap>
  </Activity>
 </Activities>
</TrainingCenterDatabase>"#;

const FILE_ID: u16 = 0;
const SESSION: u16 = 18;
const RECORD: u16 = 20;
const SET: u16 = 225;

/// A FIT ride of `n` records a second apart (half with compressed timestamps) and a session.
pub fn fit_ride(n: i64) -> Vec<u8> {
    let mut w = FitWriter::new();
    w.define(0, FILE_ID, false, &[(0, 1, ENUM)], &[]);
    w.data(0, &[V::N(4)]);
    let rec = [
        (253, 4, UINT32),
        (0, 4, SINT32),
        (1, 4, SINT32),
        (2, 2, UINT16),
    ];
    w.define(1, RECORD, false, &rec, &[1, 3]);
    w.define(2, RECORD, true, &rec[1..], &[]);
    for i in 0..n {
        let (lat, lon) = (semicircles(46.5 + i as f64 * 0.00005), semicircles(7.4));
        let alt = V::N(((600.0 + i as f64 * 0.05 + 500.0) * 5.0) as i64);
        if i % 2 == 0 {
            w.data(1, &[V::N(fit_time(START + i)), V::N(lat), V::N(lon), alt]);
        } else {
            w.compressed(
                2,
                (fit_time(START + i) & 0x1F) as u8,
                &[V::N(lat), V::N(lon), alt],
            );
        }
    }
    w.define(
        3,
        SESSION,
        false,
        &[
            (2, 4, UINT32),
            (7, 4, UINT32),
            (8, 4, UINT32),
            (9, 4, UINT32),
            (5, 1, ENUM),
            (6, 1, ENUM),
        ],
        &[],
    );
    w.data(
        3,
        &[
            V::N(fit_time(START)),
            V::N((n - 1) * 1000),
            V::N((n - 1) * 1000),
            V::N((n - 1) * 556),
            V::N(2),
            V::N(0),
        ],
    );
    w.finish()
}

/// A FIT strength workout: bench press (catalogue category), a rest, and a titled exercise
/// the catalogue does not have.
fn fit_strength() -> Vec<u8> {
    let mut w = FitWriter::new();
    w.define(0, FILE_ID, false, &[(0, 1, ENUM)], &[]);
    w.data(0, &[V::N(4)]);
    w.define(
        1,
        264,
        false,
        &[(0, 2, UINT16), (1, 2, UINT16), (2, 20, STRING)],
        &[],
    );
    w.data(1, &[V::N(30), V::N(9), V::S("Tate Press Deluxe")]);
    w.define(
        2,
        SET,
        false,
        &[
            (0, 4, UINT32),
            (3, 2, UINT16),
            (4, 2, UINT16),
            (5, 1, UINT8),
            (6, 4, UINT32),
            (7, 2, UINT16),
            (8, 2, UINT16),
        ],
        &[],
    );
    let mut t = START;
    for (reps, kg, kind, cat, sub) in [(5, 80.0, 1, 0, 1), (0, 0.0, 0, 0, 1), (12, 20.0, 1, 30, 9)]
    {
        w.data(
            2,
            &[
                V::N(45_000),
                V::N(if reps == 0 { 0xFFFF } else { reps }),
                V::N((kg * 16.0) as i64),
                V::N(kind),
                V::N(fit_time(t)),
                V::N(cat),
                V::N(sub),
            ],
        );
        t += 60;
    }
    w.finish()
}

#[tokio::test]
async fn tcx_laps_and_fit_files() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let mia = s.user(&owner, "mia", "member").await;
    // TCX: the laps add up to one set.
    let r = upload(&mia, "tcx", TCX.as_bytes(), false).await;
    assert_eq!(r.body["created"], 1, "{}", r.text);
    let w = &workouts(&mia).await[0];
    assert_eq!(w["duration_s"], 610);
    let d = mia
        .get(&format!("/api/v1/workouts/{}", w["id"].as_str().unwrap()))
        .await;
    assert_eq!(d.body["sets"][0]["distance_m"], 2000.0);
    assert_eq!(d.body["sets"][0]["duration_s"], 610);
    assert_eq!(d.body["sets"][0]["exercise_id"], "running");

    // FIT activity: a ride with its route.
    let r = upload(&mia, "fit", &fit_ride(3_600), false).await;
    assert_eq!(r.body["created"], 1, "{}", r.text);
    assert_eq!(r.body["routes"], 1);
    let ride = workouts(&mia)
        .await
        .into_iter()
        .find(|w| w["started_at"] == time(START))
        .unwrap();
    let id = ride["id"].as_str().unwrap();
    let d = mia.get(&format!("/api/v1/workouts/{id}")).await;
    assert_eq!(d.body["sets"][0]["exercise_id"], "cycling");
    assert_eq!(d.body["sets"][0]["distance_m"], 20_010.4);
    assert_eq!(d.body["sets"][0]["duration_s"], 3_599);
    let t = mia.get(&format!("/api/v1/workouts/{id}/track")).await;
    assert_eq!(t.body["total_points"], 3_600);
    assert_eq!(
        t.body["points"].as_array().unwrap().len(),
        1_000,
        "thinned to draw"
    );
    assert_eq!(t.body["duration_s"], 3_599);
    assert_eq!(t.body["elevation_gain_m"], 179.0);

    // FIT strength: sets, names through the mapping step.
    let r = upload(&mia, "fit", &fit_strength(), true).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.body["sets"], 2, "the rest is no set");
    assert_eq!(r.body["routes"], 0);
    let names = r.body["names"].as_array().unwrap();
    assert_eq!(names[0]["exercise"]["id"], "barbell-bench-press");
    assert_eq!(names[1]["name"], "Tate Press Deluxe");
    assert_eq!(names[1]["exercise"], Value::Null);
    let id = r.body["id"].as_str().unwrap();
    let applied = mia
        .post(
            &format!("/api/v1/imports/{id}/apply"),
            json!({"mapping": [{"name": "Tate Press Deluxe", "exercise_id": "dumbbell-skullcrusher"}]}),
        )
        .await;
    assert_eq!(applied.body["created"], 1, "{}", applied.text);
    let lift = workouts(&mia)
        .await
        .into_iter()
        .find(|w| w["title"] == "Strength training")
        .unwrap();
    assert_eq!(lift["volume_kg"], 5.0 * 80.0 + 12.0 * 20.0);

    // Damaged files are refused with a reason, never a 500.
    let mut bad = fit_ride(100);
    let n = bad.len();
    bad[n / 2] ^= 0x55;
    let r = upload(&mia, "fit", &bad, true).await;
    r.problem(422, "validation_failed");
    assert!(r.text.contains("checksum"), "{}", r.text);
    let r = upload(&mia, "fit", TCX.as_bytes(), true).await;
    r.problem(422, "validation_failed");
    assert!(r.text.contains("not a FIT file"), "{}", r.text);
    let r = upload(&mia, "gpx", TCX.as_bytes(), true).await;
    r.problem(422, "validation_failed");
    let r = upload(&mia, "tcx", &TCX.as_bytes()[..200], true).await;
    assert!(r.status.is_client_error(), "{}", r.text);
    let r = upload(
        &mia,
        "gpx",
        b"<gpx><trk><trkseg><trkpt lat=\"1\" lon=\"2\"/></trkseg></trk></gpx>",
        true,
    )
    .await;
    r.problem(422, "validation_failed");
    assert!(r.text.contains("no time"), "{}", r.text);
}

#[tokio::test]
async fn the_command_line_imports_a_fit_file() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let _mia = s.user(&owner, "mia", "member").await;
    let dir = s.stop().await;
    let file = dir.path().join("ride.fit");
    std::fs::write(&file, fit_ride(120)).unwrap();
    let f = file.to_str().unwrap();
    let run = gymbox(
        dir.path(),
        &["import", "--user", "mia", "--format", "fit", f],
        "",
    );
    let out = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(out.contains("1 workouts, 1 sets"), "{out}");
    assert!(out.contains("imported: 1 workouts created"), "{out}");
    let s = TestServer::start_in(dir, |_| {}).await;
    let mia = s.login("mia", crate::support::PASSWORD).await;
    let list = workouts(&mia).await;
    let t = mia
        .get(&format!(
            "/api/v1/workouts/{}/track",
            list[0]["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(t.body["total_points"], 120, "{}", t.text);
}
