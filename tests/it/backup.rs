//! Online backups under load, restores, and the consistency check on a damaged copy.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use redb::{ReadableDatabase, ReadableTable};
use reqwest::StatusCode;
use serde_json::json;

use crate::support::{Client, PASSWORD, Process, gymbox};
use gymbox::storage::codec::decode;
use gymbox::storage::schema::{USERNAME_TO_USER, WORKOUT_SETS, WORKOUTS};
use gymbox::training::model::{SetList, Workout};

/// Every workout's stored set count equals its sets in the same file: the backup is one
/// commit's state, never half of a write. Returns (workouts, sets).
fn consistent(path: &std::path::Path) -> (u64, u64) {
    let db = redb::Database::open(path).unwrap();
    let tx = db.begin_read().unwrap();
    let sets = tx.open_table(WORKOUT_SETS).unwrap();
    let (mut workouts, mut total) = (0, 0);
    for row in tx.open_table(WORKOUTS).unwrap().iter().unwrap() {
        let (k, v) = row.unwrap();
        let w: Workout = decode(v.value()).unwrap();
        let n = sets
            .range((k.value(), 0)..=(k.value(), u32::MAX))
            .unwrap()
            .map(|row| decode::<SetList>(row.unwrap().1.value()).unwrap().0.len() as u64)
            .sum::<u64>();
        assert_eq!(
            u64::from(w.set_count),
            n,
            "workout {} in the backup",
            w.title
        );
        workouts += 1;
        total += n;
    }
    let report = gymbox::storage::backup::check(&gymbox::storage::Snapshot::of(tx)).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    (workouts, total)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backup_while_members_log_then_restore_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let p = Process::spawn(dir.path(), true);
    let anon = Client::new(&p.url);
    let r = anon
        .post(
            "/api/v1/auth/setup",
            json!({"setup_code": p.setup_code().unwrap(), "username": "owner", "password": PASSWORD}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let owner = anon.with_token(r.body["token"].as_str().unwrap());
    // Members keep logging sets while the backup runs.
    let stop = Arc::new(AtomicBool::new(false));
    let logged = Arc::new(AtomicU64::new(0));
    let mut loggers = Vec::new();
    for _ in 0..3 {
        let w = owner.post("/api/v1/workouts", json!({})).await;
        let path = format!("/api/v1/workouts/{}/sets", w.body["id"].as_str().unwrap());
        let (c, stop, logged) = (owner.clone(), stop.clone(), logged.clone());
        loggers.push(tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                let r = c
                    .post(
                        &path,
                        json!({"exercise_id": "barbell-back-squat", "reps": 5, "weight_kg": 100.0}),
                    )
                    .await;
                assert!(r.status.is_success(), "{}", r.text);
                logged.fetch_add(1, Ordering::Relaxed);
            }
        }));
    }
    while logged.load(Ordering::Relaxed) < 30 {
        tokio::task::yield_now().await;
    }
    let file = out.path().join("gym.redb");
    let data = dir.path().to_path_buf();
    let target = file.clone();
    let done = tokio::task::spawn_blocking(move || {
        gymbox(&data, &["backup", target.to_str().unwrap()], "")
    })
    .await
    .unwrap();
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    assert!(String::from_utf8_lossy(&done.stdout).starts_with("backup written: "));
    stop.store(true, Ordering::Relaxed);
    for l in loggers {
        l.await.unwrap();
    }
    // A backup never overwrites.
    let again = gymbox(dir.path(), &["backup", file.to_str().unwrap()], "");
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists already"));
    let (workouts, sets) = consistent(&file);
    assert_eq!(workouts, 3);
    assert!(sets >= 30, "{sets}");
    // For cron jobs: timestamped copies into a directory, the newest --keep of them kept.
    let rota = dir.path().join("rota");
    let mut written = Vec::new();
    for _ in 0..3 {
        let out = gymbox(
            dir.path(),
            &[
                "--json",
                "backup",
                "--into",
                rota.to_str().unwrap(),
                "--keep",
                "2",
            ],
            "",
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        written.push(v["path"].as_str().unwrap().to_string());
    }
    let mut left: Vec<String> = std::fs::read_dir(&rota)
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .collect();
    left.sort();
    // The two newest stay, whether or not they were written within one second (`…Z.redb`,
    // then `…Z-2.redb`).
    let mut newest = written[1..].to_vec();
    newest.sort();
    assert_eq!(left, newest);
    assert_eq!(consistent(std::path::Path::new(&written[2])).0, 3);
    let none = gymbox(
        dir.path(),
        &["backup", "--into", rota.to_str().unwrap(), "--keep", "0"],
        "",
    );
    assert!(!none.status.success());
    // The running server's database checks clean, through its admin socket.
    let checked = gymbox(dir.path(), &["check"], "");
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stdout)
    );
    // With --stats it also lists the tables by size, the workouts' sets among them, and the
    // bytes per set.
    let stats = gymbox(dir.path(), &["check", "--stats"], "");
    let text = String::from_utf8_lossy(&stats.stdout);
    assert!(stats.status.success(), "{text}");
    assert!(
        text.lines()
            .any(|l| l.split_whitespace().next() == Some("workout_sets")),
        "no workout_sets row in {text}"
    );
    let total = text
        .lines()
        .find(|l| l.contains(" sets, ") && l.contains("bytes per set"))
        .unwrap_or_else(|| panic!("no total in {text}"));
    // The backup was taken while sets were being logged: the database holds at least its sets.
    let live: u64 = total.split_whitespace().next().unwrap().parse().unwrap();
    assert!(live >= sets, "{total}");
    // No restore while a server runs on the data directory.
    let refused = gymbox(dir.path(), &["restore", file.to_str().unwrap()], "");
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("stop it first"));
    drop(p);
    // Restored on another box (a new data directory): the same content.
    let other = tempfile::tempdir().unwrap();
    let restored = gymbox(other.path(), &["restore", file.to_str().unwrap()], "");
    assert!(
        restored.status.success(),
        "{}",
        String::from_utf8_lossy(&restored.stderr)
    );
    let p = Process::spawn(other.path(), false);
    let r = Client::new(&p.url)
        .post(
            "/api/v1/auth/login",
            json!({"login": "owner", "password": PASSWORD}),
        )
        .await;
    let owner = Client::new(&p.url).with_token(r.body["token"].as_str().unwrap());
    let list = owner.get("/api/v1/workouts?limit=100").await;
    let items = list.body["items"].as_array().unwrap();
    assert_eq!(items.len() as u64, workouts);
    let served: u64 = items.iter().map(|w| w["set_count"].as_u64().unwrap()).sum();
    assert_eq!(served, sets);
    drop(p);
    // Restoring over an existing database keeps it aside.
    let twice = gymbox(
        other.path(),
        &["--json", "restore", file.to_str().unwrap()],
        "",
    );
    let v: serde_json::Value = serde_json::from_slice(&twice.stdout).unwrap();
    let kept = v["previous"].as_str().unwrap();
    assert!(kept.contains("gymbox.redb.before-restore-"), "{kept}");
    assert!(std::path::Path::new(kept).exists());
}

#[tokio::test]
async fn the_check_reports_a_damaged_copy_by_table_and_restore_refuses_it() {
    // A small gym, stopped, copied.
    let dir = tempfile::tempdir().unwrap();
    let p = Process::spawn(dir.path(), true);
    let anon = Client::new(&p.url);
    let r = anon
        .post(
            "/api/v1/auth/setup",
            json!({"setup_code": p.setup_code().unwrap(), "username": "owner", "password": PASSWORD}),
        )
        .await;
    let owner = anon.with_token(r.body["token"].as_str().unwrap());
    let w = owner
        .post("/api/v1/workouts", json!({"title": "Legs"}))
        .await;
    let wid = w.body["id"].as_str().unwrap().to_owned();
    owner
        .post(
            &format!("/api/v1/workouts/{wid}/sets"),
            json!({"exercise_id": "barbell-back-squat", "reps": 5, "weight_kg": 100.0}),
        )
        .await;
    let backups = tempfile::tempdir().unwrap();
    let good = backups.path().join("good.redb");
    let out = gymbox(dir.path(), &["backup", good.to_str().unwrap()], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    drop(p);
    // Damage a copy: a workout that no longer decodes, and a username row gone.
    let bad = backups.path().join("bad.redb");
    std::fs::copy(&good, &bad).unwrap();
    {
        let db = redb::Database::open(&bad).unwrap();
        let tx = db.begin_write().unwrap();
        {
            let mut t = tx.open_table(WORKOUTS).unwrap();
            let id = gymbox::storage::ids::parse(&wid).unwrap();
            t.insert(id, [1u8, b'{', b'x'].as_slice()).unwrap();
            tx.open_table(USERNAME_TO_USER)
                .unwrap()
                .remove("owner")
                .unwrap();
        }
        tx.commit().unwrap();
    }
    let scratch = tempfile::tempdir().unwrap();
    std::fs::copy(&bad, scratch.path().join("gymbox.redb")).unwrap();
    let checked = gymbox(scratch.path(), &["check"], "");
    assert!(
        !checked.status.success(),
        "problems give a failing exit status"
    );
    let text = String::from_utf8_lossy(&checked.stdout);
    assert!(
        text.contains("workouts: ") && text.contains("does not decode"),
        "{text}"
    );
    assert!(text.contains("username_to_user: user "), "{text}");
    assert!(text.contains("2 problem(s)"), "{text}");
    // A damaged backup is refused, and the database in place stays as it was.
    let target = tempfile::tempdir().unwrap();
    std::fs::copy(&good, target.path().join("gymbox.redb")).unwrap();
    let refused = gymbox(target.path(), &["restore", bad.to_str().unwrap()], "");
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("not restored"));
    {
        let db = redb::Database::open(target.path().join("gymbox.redb")).unwrap();
        let tx = db.begin_read().unwrap();
        let names = tx.open_table(USERNAME_TO_USER).unwrap();
        assert!(
            names.get("owner").unwrap().is_some(),
            "the good database is still in place"
        );
        let report = gymbox::storage::backup::check(&gymbox::storage::Snapshot::of(tx)).unwrap();
        assert!(report.problems.is_empty(), "{:?}", report.problems);
    }
    assert_eq!(
        std::fs::read_dir(target.path()).unwrap().count(),
        1,
        "nothing left behind"
    );
    // Not a database at all.
    let junk = backups.path().join("junk.redb");
    std::fs::write(&junk, b"hello").unwrap();
    let refused = gymbox(target.path(), &["restore", junk.to_str().unwrap()], "");
    assert!(String::from_utf8_lossy(&refused.stderr).contains("not a Gymbox database"));
}

/// `gymbox compact` refuses while the server runs; stopped, it packs the file into less space
/// and every row reads back as before.
#[tokio::test]
async fn compact_packs_a_stopped_database_and_keeps_every_row() {
    let dir = tempfile::tempdir().unwrap();
    let p = Process::spawn(dir.path(), true);
    let anon = Client::new(&p.url);
    let r = anon
        .post(
            "/api/v1/auth/setup",
            json!({"setup_code": p.setup_code().unwrap(), "username": "owner", "password": PASSWORD}),
        )
        .await;
    let owner = anon.with_token(r.body["token"].as_str().unwrap());
    // Workouts grown set by set, some of them deleted: part-full and freed pages.
    let mut ids = Vec::new();
    for w in 0..12 {
        let r = owner
            .post(
                "/api/v1/workouts",
                json!({"started_at": format!("2026-03-{:02}T10:00:00Z", w + 1)}),
            )
            .await;
        let id = r.body["id"].as_str().unwrap().to_owned();
        for n in 0..25 {
            let r = owner
                .post(
                    &format!("/api/v1/workouts/{id}/sets"),
                    json!({"exercise_id": if n % 2 == 0 { "barbell-back-squat" } else { "barbell-bench-press" }, "reps": 5, "weight_kg": 60.0 + f64::from(n)}),
                )
                .await;
            assert!(r.status.is_success(), "{}", r.text);
        }
        ids.push(id);
    }
    for id in ids.iter().step_by(3) {
        owner.delete(&format!("/api/v1/workouts/{id}")).await;
    }
    let read = |c: Client| async move {
        (
            c.get("/api/v1/workouts?limit=100").await.body,
            c.get("/api/v1/exercises/barbell-back-squat/history?limit=200")
                .await
                .body,
        )
    };
    let before = read(owner.clone()).await;
    let refused = gymbox(dir.path(), &["compact"], "");
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("stop it first"));
    drop(p);
    let file = dir.path().join("gymbox.redb");
    let packed = gymbox(dir.path(), &["--json", "compact"], "");
    assert!(
        packed.status.success(),
        "{}",
        String::from_utf8_lossy(&packed.stderr)
    );
    let v = crate::support::stdout_json(&packed);
    let (was, now) = (v["before"].as_u64().unwrap(), v["after"].as_u64().unwrap());
    assert!(now < was, "{v}");
    assert_eq!(
        now,
        std::os::unix::fs::MetadataExt::blocks(&std::fs::metadata(&file).unwrap()) * 512
    );
    let checked = gymbox(dir.path(), &["check"], "");
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stdout)
    );
    let p = Process::spawn(dir.path(), false);
    let r = Client::new(&p.url)
        .post(
            "/api/v1/auth/login",
            json!({"login": "owner", "password": PASSWORD}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let owner = Client::new(&p.url).with_token(r.body["token"].as_str().unwrap());
    assert_eq!(read(owner).await, before);
}
