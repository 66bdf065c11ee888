//! Search benchmark: 100,000 users + 100,000 plans + the built-in catalogue.
//!
//! Reports indexing time and index size, then p50/p99 latency of `/api/v1/search` over HTTP
//! on 127.0.0.1 for one-term, two-term and prefix queries, next to the raw Tantivy query
//! time for the same queries in the same run, and the same while plans are being written
//! (with how long a new plan takes to become findable). Run with
//! `cargo bench --bench search`; scale with BENCH_USERS and BENCH_PLANS.

use std::time::{Duration, Instant};

use gymbox::accounts::model::{Language, Preferences, Privacy, Role, Status, Units, User};
use gymbox::app::start;
use gymbox::config::Settings;
use gymbox::search::SearchQuery;
use gymbox::search::outbox::Kind;
use gymbox::storage::Store;
use gymbox::storage::ids::new_id;
use gymbox::training::model::{Plan, PlanDay, PlanExercise, PlanWeek, SetTarget, Visibility};
use serde_json::json;

const EN: &[&str] = &[
    "Strength",
    "Power",
    "Hypertrophy",
    "Beginner",
    "Advanced",
    "Summer",
    "Marathon",
    "Bench",
    "Squat",
    "Deadlift",
    "Upper",
    "Lower",
    "Full Body",
    "Athletic",
    "Mobility",
    "Conditioning",
];
const RU: &[&str] = &[
    "Силовой",
    "Жим",
    "Присед",
    "Тяга",
    "Новичок",
    "Продвинутый",
    "Летний",
    "Массонабор",
    "Верх",
    "Низ",
    "Выносливость",
    "Гибкость",
];
const FIRST: &[&str] = &[
    "Anna",
    "Boris",
    "Clara",
    "Dmitry",
    "Elena",
    "Fedor",
    "Galina",
    "Hugo",
    "Irina",
    "James",
    "Ксения",
    "Лев",
    "Мария",
    "Никита",
    "Ольга",
    "Пётр",
];
const LAST: &[&str] = &[
    "Smith",
    "Ivanova",
    "Petrov",
    "Brown",
    "Sokolova",
    "Miller",
    "Кузнецов",
    "Смирнова",
    "Wilson",
    "Orlov",
];
const EXERCISES: &[&str] = &[
    "barbell-bench-press",
    "barbell-back-squat",
    "barbell-deadlift",
    "barbell-overhead-press",
    "pull-up",
    "cable-lat-pulldown",
    "dumbbell-lateral-raise",
    "plank",
];

mod common;
use common::{env_num, login, percentile_ms};

fn pct(v: &mut [Duration], p: f64) -> f64 {
    v.sort();
    percentile_ms(v, p)
}

fn dir_size(p: &std::path::Path) -> u64 {
    std::fs::read_dir(p).map_or(0, |rd| {
        rd.flatten()
            .map(|e| {
                if e.path().is_dir() {
                    dir_size(&e.path())
                } else {
                    e.metadata().map_or(0, |m| m.len())
                }
            })
            .sum()
    })
}

fn generate(store: &Store, users: usize, plans: usize, hash: &str) -> User {
    let mut first_user = None;
    let mut owners = Vec::new();
    for chunk in 0..users.div_ceil(1000) {
        let raw = store.db().unwrap().begin_write().unwrap();
        let tx = gymbox::storage::Tx::new(&raw);
        for i in chunk * 1000..((chunk + 1) * 1000).min(users) {
            let u = User {
                id: new_id(),
                username: format!("user{i}"),
                email: None,
                display_name: format!(
                    "{} {}",
                    FIRST[i % FIRST.len()],
                    LAST[(i / FIRST.len()) % LAST.len()]
                ),
                bio: String::new(),
                role: if i == 0 { Role::Owner } else { Role::Member },
                status: Status::Active,
                password_hash: hash.into(),
                created_at: 1_700_000_000,
                last_login_at: None,
                preferences: Preferences {
                    units: Units::Metric,
                    language: if i % 2 == 0 {
                        Language::En
                    } else {
                        Language::Ru
                    },
                    ..Preferences::default()
                },
                privacy: Privacy::default(),
                totp: None,
                avatar_version: 0,
                status_reason: None,
                version: 1,
            };
            gymbox::accounts::store::insert_user(&tx, &u).unwrap();
            if first_user.is_none() {
                first_user = Some(u.clone());
            }
            if owners.len() < 1000 {
                owners.push(u.id);
            }
        }
        drop(tx);
        raw.commit().unwrap();
    }
    for chunk in 0..plans.div_ceil(1000) {
        let raw = store.db().unwrap().begin_write().unwrap();
        let tx = gymbox::storage::Tx::new(&raw);
        for i in chunk * 1000..((chunk + 1) * 1000).min(plans) {
            let words = if i % 3 == 0 { RU } else { EN };
            let title = format!(
                "{} {} {}",
                words[i % words.len()],
                words[(i / 7) % words.len()],
                i
            );
            let ex = EXERCISES[i % EXERCISES.len()];
            let p = Plan {
                id: new_id(),
                owner_id: owners[i % owners.len()],
                title,
                description: "Generated plan".into(),
                tags: vec![],
                goal: None,
                visibility: if i % 4 == 0 {
                    Visibility::Private
                } else {
                    Visibility::Members
                },
                weeks: vec![PlanWeek {
                    days: vec![PlanDay {
                        name: "Day".into(),
                        notes: String::new(),
                        exercises: vec![PlanExercise {
                            exercise_id: ex.into(),
                            superset: None,
                            notes: String::new(),
                            sets: vec![SetTarget {
                                kind: Default::default(),
                                reps: None,
                                load: None,
                                duration_s: None,
                                distance_m: None,
                                rest_s: None,
                            }],
                        }],
                    }],
                }],
                forked_from: None,
                created_at: 1_700_000_000,
                updated_at: 1_700_000_000,
                version: 1,
            };
            gymbox::training::store::put_plan(&tx, &p).unwrap();
        }
        drop(tx);
        raw.commit().unwrap();
    }
    // The outbox rows these writes made are what a rebuild already covers.
    let tx = store.db().unwrap().begin_write().unwrap();
    tx.delete_table(gymbox::storage::schema::OUTBOX).unwrap();
    tx.open_table(gymbox::storage::schema::OUTBOX).unwrap();
    tx.commit().unwrap();
    first_user.unwrap()
}

#[tokio::main]
async fn main() {
    let users = env_num("BENCH_USERS", 100_000);
    let plans = env_num("BENCH_PLANS", 100_000);
    let dir = tempfile::tempdir().unwrap();
    let password = "correct horse battery staple";
    let hash = gymbox::accounts::password::hash_now(password).unwrap();
    let t = Instant::now();
    let viewer = {
        let store = Store::open(dir.path()).unwrap();
        generate(&store, users, plans, &hash)
    };
    let gen_secs = t.elapsed().as_secs_f64();

    let mut settings = Settings::with_data_dir(dir.path().to_path_buf());
    settings.listen = "127.0.0.1:0".parse().unwrap();
    let running = start(settings, false).await.unwrap();
    let search = running.state.search.clone();
    let t = Instant::now();
    search.settle().await.unwrap();
    let index_secs = t.elapsed().as_secs_f64();
    let index_bytes = dir_size(&dir.path().join("search"));
    let url = format!("http://{}", running.addr);
    let client = reqwest::Client::new();
    let token = login(&client, &url, &viewer.username, password).await;

    println!(
        "search benchmark: {users} users, {plans} plans, {} built-in exercises",
        gymbox::training::catalogue::builtin().len()
    );
    println!(
        "  data generated in {gen_secs:.1} s; index built in {index_secs:.1} s, {:.1} MiB",
        index_bytes as f64 / 1048576.0
    );
    let queries = [
        ("one term", "bench"),
        ("one term (ru)", "жим"),
        ("two terms", "strength squat"),
        ("prefix", "hyper"),
        ("prefix (ru)", "прис"),
    ];
    for writes in [false, true] {
        // While writes flow: a writer adds a plan every 20 ms and times how long until it is found.
        let writer = writes.then(|| {
            let (client, url, token) = (client.clone(), url.clone(), token.clone());
            tokio::spawn(async move {
                let mut lags = Vec::new();
                for i in 0..40 {
                    let title = format!("Freshplan{i}x");
                    let body = json!({"title": title, "visibility": "members", "weeks": [{"days": [{"name": "D", "exercises": [{"exercise_id": "plank", "sets": [{"duration_s": 30}]}]}]}]});
                    let created = Instant::now();
                    let r = client.post(format!("{url}/api/v1/plans")).bearer_auth(&token).json(&body).send().await.unwrap();
                    assert_eq!(r.status(), 201);
                    loop {
                        let r: serde_json::Value = client.get(format!("{url}/api/v1/search?q={title}&types=plans")).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
                        if !r["items"].as_array().unwrap().is_empty() {
                            break;
                        }
                        tokio::time::sleep(Duration::from_millis(2)).await;
                    }
                    lags.push(created.elapsed());
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
                lags
            })
        });
        println!(
            "  {}:",
            if writes {
                "while plans are being written"
            } else {
                "quiet"
            }
        );
        for (name, q) in queries {
            let mut http = Vec::new();
            let mut raw = Vec::new();
            let sq = SearchQuery {
                q: q.into(),
                kinds: vec![Kind::User, Kind::Plan, Kind::Exercise],
                limit: 20,
            };
            for _ in 0..300 {
                let t = Instant::now();
                let r = client
                    .get(format!("{url}/api/v1/search?q={q}&limit=20"))
                    .bearer_auth(&token)
                    .send()
                    .await
                    .unwrap();
                assert!(r.status().is_success());
                let _ = r.bytes().await.unwrap();
                http.push(t.elapsed());
                let t = Instant::now();
                let n = search.raw_candidates(&viewer, &sq).unwrap();
                raw.push(t.elapsed());
                assert!(n > 0, "{q} finds something");
            }
            println!(
                "    {name:<14} {q:<16} HTTP p50 {:6.2} ms p99 {:6.2} ms | Tantivy p50 {:6.2} ms p99 {:6.2} ms",
                pct(&mut http, 0.5),
                pct(&mut http, 0.99),
                pct(&mut raw, 0.5),
                pct(&mut raw, 0.99)
            );
        }
        if let Some(w) = writer {
            let mut lags = w.await.unwrap();
            println!(
                "    a new plan is findable after p50 {:.1} ms, p99 {:.1} ms (40 plans)",
                pct(&mut lags, 0.5),
                pct(&mut lags, 0.99)
            );
        }
    }
    running.stop().await.unwrap();
}
