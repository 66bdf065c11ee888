//! `gymbox demo`: fills an empty data directory with a plausible gym — owner, coaches, members
//! with profiles in English and Russian, plans, assignments, months of workouts with
//! progression and body weight — so a newcomer sees a living product, and screenshots and
//! benchmarks have data. Deterministic for a given seed.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::model::{
    Assignment, BodyMetric, LoadTarget, Plan, PlanDay, PlanExercise, PlanRef, PlanWeek, RepsTarget,
    SetKind, SetTarget, Visibility, Workout, WorkoutSet,
};
use super::service::write_complete_workout;
use super::store;
use crate::accounts::model::{
    Language, Preferences, Privacy, Role, Status, Units, User, Visibility as ProfileVisibility,
};
use crate::accounts::store as account_store;
use crate::error::{AppError, Code};
use crate::events::{Bus, Owner};
use crate::storage::Store;
use crate::storage::ids::new_id;

#[derive(Debug, Clone)]
pub struct DemoOptions {
    pub members: u32,
    pub months: u32,
    pub seed: u64,
    /// The password every demo account gets.
    pub password: String,
}

#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct DemoSummary {
    pub users: u32,
    pub plans: u32,
    pub workouts: u64,
    pub sets: u64,
    pub body_metrics: u64,
}

const EN_FIRST: &[&str] = &[
    "James", "Emma", "Oliver", "Sophia", "Liam", "Ava", "Noah", "Mia", "Lucas", "Chloe", "Ethan",
    "Grace", "Mason", "Lily", "Henry", "Zoe",
];
const EN_LAST: &[&str] = &[
    "Smith", "Johnson", "Brown", "Taylor", "Wilson", "Clark", "Lewis", "Walker", "Hall", "Young",
];
const RU_FIRST: &[(&str, &str)] = &[
    ("Алексей", "aleksey"),
    ("Мария", "maria"),
    ("Дмитрий", "dmitry"),
    ("Анна", "anna"),
    ("Иван", "ivan"),
    ("Екатерина", "ekaterina"),
    ("Сергей", "sergey"),
    ("Ольга", "olga"),
    ("Никита", "nikita"),
    ("Татьяна", "tatiana"),
    ("Павел", "pavel"),
    ("Юлия", "yulia"),
];
const RU_LAST: &[(&str, &str)] = &[
    ("Иванов", "ivanov"),
    ("Смирнов", "smirnov"),
    ("Кузнецов", "kuznetsov"),
    ("Попов", "popov"),
    ("Соколов", "sokolov"),
    ("Лебедев", "lebedev"),
    ("Козлов", "kozlov"),
    ("Новиков", "novikov"),
];
const EN_BIOS: &[&str] = &[
    "Training for my first powerlifting meet.",
    "Getting stronger one session at a time.",
    "Early-morning lifter, coffee first.",
    "Back to the gym after a long break.",
];
const RU_BIOS: &[&str] = &[
    "Готовлюсь к первым соревнованиям по пауэрлифтингу.",
    "Становлюсь сильнее с каждой тренировкой.",
    "Тренируюсь по утрам перед работой.",
    "Вернулся в зал после долгого перерыва.",
];

/// (exercise id, starting e1RM in kg for a beginner man; scaled per member)
type Slot = (&'static str, f64);

/// A plan of the demo gym: title, description, and its days of (exercise, base e1RM).
struct DemoPlan {
    title: &'static str,
    description: &'static str,
    days: Vec<(&'static str, Vec<Slot>)>,
}

fn plan_days() -> Vec<DemoPlan> {
    vec![
        DemoPlan {
            title: "Full Body 3×",
            description: "Три тренировки в неделю на всё тело: присед, жим, тяга. Three full-body sessions a week.",
            days: vec![
                (
                    "Day A",
                    vec![
                        ("barbell-back-squat", 80.0),
                        ("barbell-bench-press", 60.0),
                        ("barbell-bent-over-row", 55.0),
                        ("plank", 0.0),
                    ],
                ),
                (
                    "Day B",
                    vec![
                        ("barbell-deadlift", 100.0),
                        ("barbell-overhead-press", 40.0),
                        ("cable-lat-pulldown", 55.0),
                        ("hanging-leg-raise", 0.0),
                    ],
                ),
                (
                    "Day C",
                    vec![
                        ("barbell-front-squat", 60.0),
                        ("dumbbell-incline-bench-press", 22.0),
                        ("cable-seated-row", 50.0),
                        ("barbell-curl", 30.0),
                    ],
                ),
            ],
        },
        DemoPlan {
            title: "Верх/низ, 4 дня",
            description: "Сплит верх/низ на четыре дня. Upper/lower split, four days a week.",
            days: vec![
                (
                    "Верх 1",
                    vec![
                        ("barbell-bench-press", 60.0),
                        ("barbell-bent-over-row", 55.0),
                        ("dumbbell-lateral-raise", 8.0),
                        ("cable-triceps-pushdown", 25.0),
                    ],
                ),
                (
                    "Низ 1",
                    vec![
                        ("barbell-back-squat", 80.0),
                        ("barbell-romanian-deadlift", 70.0),
                        ("machine-leg-extension", 40.0),
                        ("machine-standing-calf-raise", 60.0),
                    ],
                ),
                (
                    "Верх 2",
                    vec![
                        ("barbell-overhead-press", 40.0),
                        ("pull-up", 0.0),
                        ("dumbbell-incline-bench-press", 22.0),
                        ("cable-face-pull", 20.0),
                    ],
                ),
                (
                    "Низ 2",
                    vec![
                        ("barbell-deadlift", 100.0),
                        ("machine-leg-press", 140.0),
                        ("machine-lying-leg-curl", 35.0),
                        ("barbell-hip-thrust", 80.0),
                    ],
                ),
            ],
        },
    ]
}

fn target(reps: u32, percent: f64, rest: u32, kind: SetKind) -> SetTarget {
    SetTarget {
        kind,
        reps: Some(RepsTarget::Exact { reps }),
        load: Some(LoadTarget::PercentE1rm { percent }),
        duration_s: None,
        distance_m: None,
        rest_s: Some(rest),
    }
}

fn build_plan(
    owner: u128,
    title: &str,
    description: &str,
    days: &[(&str, Vec<Slot>)],
    now: i64,
) -> Plan {
    Plan {
        id: new_id(),
        owner_id: owner,
        title: title.into(),
        description: description.into(),
        tags: vec!["demo".into(), "strength".into()],
        goal: Some("strength".into()),
        visibility: Visibility::Members,
        // Eight weeks of the same days; the loads are percentages, so they progress by themselves.
        weeks: vec![
            PlanWeek {
                days: days
                    .iter()
                    .map(|(name, slots)| PlanDay {
                        name: (*name).into(),
                        notes: String::new(),
                        exercises: slots
                            .iter()
                            .map(|(id, _)| PlanExercise {
                                exercise_id: (*id).into(),
                                superset: None,
                                notes: String::new(),
                                sets: vec![
                                    target(10, 50.0, 60, SetKind::Warmup),
                                    target(6, 77.5, 150, SetKind::Normal),
                                    target(6, 77.5, 150, SetKind::Normal),
                                    target(6, 77.5, 150, SetKind::Normal),
                                ],
                            })
                            .collect(),
                    })
                    .collect(),
            };
            8
        ],
        forked_from: None,
        created_at: now,
        updated_at: now,
        version: 1,
    }
}

fn round_to(v: f64, step: f64) -> f64 {
    (v / step).round() * step
}

fn user(
    username: String,
    display: String,
    role: Role,
    lang: Language,
    bio: &str,
    hash: &str,
    created: i64,
) -> User {
    User {
        id: new_id(),
        username,
        email: None,
        display_name: display,
        bio: bio.into(),
        role,
        status: Status::Active,
        password_hash: hash.into(),
        created_at: created,
        last_login_at: None,
        preferences: Preferences {
            units: Units::Metric,
            language: lang,
            timezone: if lang == Language::Ru {
                "Europe/Moscow".into()
            } else {
                "Europe/London".into()
            },
            ..Preferences::default()
        },
        privacy: Privacy {
            profile_visibility: ProfileVisibility::Members,
            searchable: true,
        },
        totp: None,
        avatar_version: 0,
        status_reason: None,
        version: 1,
    }
}

/// Generates the demo gym. Refuses a data directory that already has users.
/// Coaches are linked to the members they assign plans to through `links` (an active
/// coaching relationship, as an administrator would create it).
pub async fn generate(
    store: &Store,
    bus: &Bus,
    links: std::sync::Arc<dyn crate::events::CoachLinks>,
    opts: DemoOptions,
) -> Result<DemoSummary, AppError> {
    let hash = crate::accounts::password::Hasher::new(1)
        .hash(opts.password.clone())
        .await?;
    let (store, bus) = (store.clone(), bus.clone());
    tokio::task::spawn_blocking(move || generate_blocking(&store, &bus, &*links, &opts, &hash))
        .await?
}

fn generate_blocking(
    store: &Store,
    bus: &Bus,
    links: &dyn crate::events::CoachLinks,
    opts: &DemoOptions,
    hash: &str,
) -> Result<DemoSummary, AppError> {
    use redb::ReadableDatabase;
    let empty = account_store::user_count(store)? == 0;
    if !empty {
        return Err(AppError::Problem(
            Code::NotEmpty,
            "This data directory already has users; run the demo on an empty one.".into(),
        ));
    }
    let _ = store.db()?.begin_read()?;
    let mut rng = StdRng::seed_from_u64(opts.seed);
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let start = now - i64::from(opts.months) * 30 * 86_400;
    let mut summary = DemoSummary::default();

    // Staff and plans.
    let owner = user(
        "owner".into(),
        "Gym Owner".into(),
        Role::Owner,
        Language::En,
        "Runs this gym.",
        hash,
        start,
    );
    let coaches = vec![
        user(
            "coach.anna".into(),
            "Анна Смирнова".into(),
            Role::Coach,
            Language::Ru,
            "Тренер по силовой подготовке.",
            hash,
            start,
        ),
        user(
            "coach.mike".into(),
            "Mike Johnson".into(),
            Role::Coach,
            Language::En,
            "Strength coach, ex-powerlifter.",
            hash,
            start,
        ),
    ];
    let mut plans = Vec::new();
    let raw = store.db()?.begin_write()?;
    let tx = crate::storage::Tx::new(&raw);
    account_store::insert_user(&tx, &owner)?;
    for (i, dp) in plan_days().into_iter().enumerate() {
        let coach = &coaches[i % coaches.len()];
        let p = build_plan(coach.id, dp.title, dp.description, &dp.days, start);
        store::put_plan(&tx, &p)?;
        plans.push((p, dp.days));
    }
    for c in &coaches {
        account_store::insert_user(&tx, c)?;
    }
    drop(tx);
    raw.commit()?;
    store.committed();
    summary.users = 1 + coaches.len() as u32;
    summary.plans = plans.len() as u32;

    // Members, each in one transaction with all of their history.
    for m in 0..opts.members {
        let ru = m % 2 == 1;
        let (username, display, bio) = if ru {
            let (f, fl) = RU_FIRST[rng.random_range(0..RU_FIRST.len())];
            let (l, ll) = RU_LAST[rng.random_range(0..RU_LAST.len())];
            (
                format!("{fl}.{ll}{m}"),
                format!("{f} {l}"),
                RU_BIOS[m as usize % RU_BIOS.len()],
            )
        } else {
            let f = EN_FIRST[rng.random_range(0..EN_FIRST.len())];
            let l = EN_LAST[rng.random_range(0..EN_LAST.len())];
            (
                format!("{}.{}{m}", f.to_lowercase(), l.to_lowercase()),
                format!("{f} {l}"),
                EN_BIOS[m as usize % EN_BIOS.len()],
            )
        };
        let lang = if ru { Language::Ru } else { Language::En };
        let member = user(username, display, Role::Member, lang, bio, hash, start);
        let raw = store.db()?.begin_write()?;
        let tx = crate::storage::Tx::new(&raw);
        account_store::insert_user(&tx, &member)?;
        let owner = Owner::of(&member);
        let (plan, days) = &plans[m as usize % plans.len()];
        // The current plan started ten days ago; earlier workouts belong to no assignment.
        let assigned_at = now - 10 * 86_400;
        let assignment = Assignment {
            id: new_id(),
            plan_id: plan.id,
            coach_id: plan.owner_id,
            member_id: member.id,
            start_date: time::OffsetDateTime::from_unix_timestamp(assigned_at)
                .map(|t| t.date().to_string())
                .unwrap_or_else(|_| "2026-01-01".into()),
            days_done: 0,
            created_at: assigned_at,
        };
        links.link(&tx, plan.owner_id, member.id, assigned_at)?;
        store::put_assignment(&tx, &assignment, true)?;
        let strength = rng.random_range(0.55..1.3);
        let per_week = days.len() as i64;
        let weeks = i64::from(opts.months) * 30 / 7;
        let mut body = rng.random_range(58.0..98.0);
        let mut day_index = 0usize;
        for week in 0..weeks {
            let week_start = start + week * 7 * 86_400;
            // Weekly weigh-in.
            body += rng.random_range(-0.6..0.5);
            store::put_metric(
                &tx,
                &BodyMetric {
                    id: new_id(),
                    user_id: member.id,
                    kind: "weight".into(),
                    value: round_to(body, 0.1),
                    measured_at: week_start + 7 * 3600,
                    note: String::new(),
                },
            )?;
            summary.body_metrics += 1;
            for session in 0..per_week {
                if rng.random_bool(0.12) {
                    continue; // skipped session
                }
                let started =
                    week_start + (session * 2) * 86_400 + 17 * 3600 + rng.random_range(0..7200);
                if started > now {
                    break;
                }
                let (name, slots) = &days[day_index % days.len()];
                let progress = 1.0 + 0.004 * week as f64;
                let mut t = started + 300;
                let mut sets = Vec::new();
                for (exercise, base) in slots {
                    let e1rm = base * strength * progress;
                    let working = [
                        (10, 0.5, SetKind::Warmup),
                        (6, 0.775, SetKind::Normal),
                        (6, 0.775, SetKind::Normal),
                        (6, 0.775, SetKind::Normal),
                    ];
                    for (reps, pct, kind) in working {
                        t += rng.random_range(90..200);
                        let (reps, weight, duration) = if *base == 0.0 {
                            if *exercise == "plank" {
                                (None, None, Some(rng.random_range(30..90)))
                            } else {
                                (Some(rng.random_range(5..13)), None, None)
                            }
                        } else {
                            let r = if kind == SetKind::Normal {
                                reps + rng.random_range(0..3) - 1
                            } else {
                                reps
                            };
                            (Some(r), Some(round_to(e1rm * pct, 2.5).max(2.5)), None)
                        };
                        sets.push(WorkoutSet {
                            id: new_id(),
                            exercise_id: (*exercise).into(),
                            kind,
                            reps,
                            weight_kg: weight,
                            rpe: (kind == SetKind::Normal && weight.is_some())
                                .then(|| f64::from(rng.random_range(14..19)) / 2.0),
                            duration_s: duration,
                            distance_m: None,
                            completed_at: t,
                            is_record: false,
                        });
                    }
                }
                summary.sets += sets.len() as u64;
                let w = Workout {
                    id: new_id(),
                    user_id: member.id,
                    title: (*name).into(),
                    notes: String::new(),
                    started_at: started,
                    finished_at: Some(t + 120),
                    visibility: if rng.random_bool(0.7) {
                        Visibility::Members
                    } else {
                        Visibility::Private
                    },
                    plan: Some(PlanRef {
                        plan_id: plan.id,
                        week: ((day_index / days.len()) % 8) as u32,
                        day: (day_index % days.len()) as u32,
                        assignment_id: (started >= assigned_at).then_some(assignment.id),
                    }),
                    set_count: 0,
                    volume_kg: 0.0,
                    records_hit: 0,
                    exercise_notes: Vec::new(),
                    supersets: Vec::new(),
                    version: 1,
                };
                write_complete_workout(&tx, bus, &owner, w, sets)?;
                summary.workouts += 1;
                day_index += 1;
            }
        }
        drop(tx);
        raw.commit()?;
        store.committed();
        summary.users += 1;
    }
    Ok(summary)
}
