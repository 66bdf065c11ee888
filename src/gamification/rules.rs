//! Pure rules of gamification: what earns XP, the level curve, the badge catalogue, the weekly
//! streak with freezes, plausibility of a set, and challenge windows in the gym's time zone.

use jiff::tz::TimeZone;

use super::model::Standing;
use crate::analysis::rules::{self as days, Day};
use crate::training::model::{SetKind, WorkoutSet};

/// XP for one completed working set.
pub const XP_PER_SET: u32 = 10;
/// XP for a finished workout with at least one set.
pub const XP_PER_WORKOUT: u32 = 50;
/// Most XP a member earns on one local day.
pub const XP_DAILY_CAP: u32 = 600;
/// Training logged more than this long before it is written earns no XP (imports, back-dated
/// workouts): XP rewards training as it happens.
pub const XP_BACKDATE_S: i64 = 3 * 86_400;

/// The member's time zone, UTC when the stored name is unknown.
pub fn zone(name: &str) -> TimeZone {
    TimeZone::get(name).unwrap_or(TimeZone::UTC)
}

/// Whether a set earns XP and counts as work: not a warm-up, and something was done.
pub fn is_working(s: &WorkoutSet) -> bool {
    s.kind != SetKind::Warmup
        && (s.reps.is_some_and(|r| r > 0)
            || s.duration_s.is_some_and(|d| d > 0)
            || s.distance_m.is_some_and(|d| d > 0.0))
}

/// Whether an item done at `at` and written at `now` is recent enough to earn XP.
pub fn earns_xp(at: i64, now: i64) -> bool {
    at >= now - XP_BACKDATE_S
}

/// XP actually granted for `base` on a day that already has `today` XP.
pub fn capped(base: u32, today: u32) -> u32 {
    base.min(XP_DAILY_CAP.saturating_sub(today))
}

/// Total XP needed to reach `level` (level 1 needs none): 50·L·(L−1), so level 2 is 100 XP,
/// level 10 is 4,500, level 20 is 19,000.
pub fn level_threshold(level: u32) -> u64 {
    let l = u64::from(level.max(1));
    50 * l * (l - 1)
}

/// The level of a member with `xp` XP.
pub fn level_of(xp: u64) -> u32 {
    // Solve 50·L·(L−1) ≤ xp, then correct the float estimate.
    let mut l = ((1.0 + (1.0 + xp as f64 / 12.5).sqrt()) / 2.0).floor() as u32;
    l = l.max(1);
    while level_threshold(l + 1) <= xp {
        l += 1;
    }
    while l > 1 && level_threshold(l) > xp {
        l -= 1;
    }
    l
}

/// What a badge counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counter {
    Workouts,
    /// The weekly streak reached (weeks).
    Streak,
    /// Working volume, kilograms.
    VolumeKg,
    Records,
    /// Workouts started before 07:00 local time.
    EarlyWorkouts,
    /// Workouts started at 21:00 local time or later.
    LateWorkouts,
    PlansCompleted,
    ChallengesFinished,
    ChallengesWon,
}

/// One badge of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Badge {
    pub id: &'static str,
    pub name_en: &'static str,
    pub name_ru: &'static str,
    pub about_en: &'static str,
    pub about_ru: &'static str,
    pub counter: Counter,
    /// Earned when the counter reaches this.
    pub goal: f64,
    /// Shown only once earned.
    pub hidden: bool,
    /// Earned again each time (the counter grows by one); shows how many times.
    pub repeatable: bool,
}

macro_rules! badge {
    ($id:literal, $en:literal, $ru:literal, $aen:literal, $aru:literal, $c:ident, $goal:expr) => {
        Badge {
            id: $id,
            name_en: $en,
            name_ru: $ru,
            about_en: $aen,
            about_ru: $aru,
            counter: Counter::$c,
            goal: $goal,
            hidden: false,
            repeatable: false,
        }
    };
}

/// Whether a badge can have become due as the counters went from `before` to `after`: one of
/// them reached a badge's goal (a repeatable badge's next multiple of it). Every change of the
/// counters is checked this way, so a badge not due before is due after only then.
pub fn may_earn(before: &Standing, after: &Standing) -> bool {
    BADGES.iter().any(|b| {
        let (old, new) = (before.counter(b.counter), after.counter(b.counter));
        if b.repeatable {
            (new / b.goal).floor() > (old / b.goal).floor()
        } else {
            old < b.goal && new >= b.goal
        }
    })
}

/// Every badge, in the order the profile shows them.
pub const BADGES: &[Badge] = &[
    badge!(
        "first_workout",
        "First workout",
        "Первая тренировка",
        "Finish your first workout.",
        "Завершите первую тренировку.",
        Workouts,
        1.0
    ),
    badge!(
        "workouts_10",
        "10 workouts",
        "10 тренировок",
        "Finish 10 workouts.",
        "Завершите 10 тренировок.",
        Workouts,
        10.0
    ),
    badge!(
        "workouts_50",
        "50 workouts",
        "50 тренировок",
        "Finish 50 workouts.",
        "Завершите 50 тренировок.",
        Workouts,
        50.0
    ),
    badge!(
        "workouts_100",
        "100 workouts",
        "100 тренировок",
        "Finish 100 workouts.",
        "Завершите 100 тренировок.",
        Workouts,
        100.0
    ),
    badge!(
        "workouts_500",
        "500 workouts",
        "500 тренировок",
        "Finish 500 workouts.",
        "Завершите 500 тренировок.",
        Workouts,
        500.0
    ),
    badge!(
        "streak_4",
        "4-week streak",
        "4 недели подряд",
        "Train every week for 4 weeks in a row.",
        "Тренируйтесь каждую неделю 4 недели подряд.",
        Streak,
        4.0
    ),
    badge!(
        "streak_12",
        "12-week streak",
        "12 недель подряд",
        "Train every week for 12 weeks in a row.",
        "Тренируйтесь каждую неделю 12 недель подряд.",
        Streak,
        12.0
    ),
    badge!(
        "streak_26",
        "26-week streak",
        "26 недель подряд",
        "Train every week for half a year.",
        "Тренируйтесь каждую неделю полгода.",
        Streak,
        26.0
    ),
    badge!(
        "streak_52",
        "52-week streak",
        "52 недели подряд",
        "Train every week for a whole year.",
        "Тренируйтесь каждую неделю целый год.",
        Streak,
        52.0
    ),
    badge!(
        "volume_10t",
        "10 tonnes",
        "10 тонн",
        "Lift 10 tonnes in working sets.",
        "Поднимите 10 тонн в рабочих подходах.",
        VolumeKg,
        10_000.0
    ),
    badge!(
        "volume_100t",
        "100 tonnes",
        "100 тонн",
        "Lift 100 tonnes in working sets.",
        "Поднимите 100 тонн в рабочих подходах.",
        VolumeKg,
        100_000.0
    ),
    badge!(
        "volume_1000t",
        "1,000 tonnes",
        "1000 тонн",
        "Lift 1,000 tonnes in working sets.",
        "Поднимите 1000 тонн в рабочих подходах.",
        VolumeKg,
        1_000_000.0
    ),
    badge!(
        "first_record",
        "First record",
        "Первый рекорд",
        "Set your first personal record.",
        "Установите первый личный рекорд.",
        Records,
        1.0
    ),
    badge!(
        "records_10",
        "10 records",
        "10 рекордов",
        "Set 10 personal records.",
        "Установите 10 личных рекордов.",
        Records,
        10.0
    ),
    badge!(
        "records_100",
        "100 records",
        "100 рекордов",
        "Set 100 personal records.",
        "Установите 100 личных рекордов.",
        Records,
        100.0
    ),
    Badge {
        hidden: true,
        ..badge!(
            "early_bird",
            "Early bird",
            "Ранняя пташка",
            "Start 5 workouts before 7:00.",
            "Начните 5 тренировок до 7:00.",
            EarlyWorkouts,
            5.0
        )
    },
    Badge {
        hidden: true,
        ..badge!(
            "night_owl",
            "Night owl",
            "Сова",
            "Start 5 workouts at 21:00 or later.",
            "Начните 5 тренировок в 21:00 или позже.",
            LateWorkouts,
            5.0
        )
    },
    Badge {
        repeatable: true,
        ..badge!(
            "plan_completed",
            "Plan completed",
            "План выполнен",
            "Finish every day of an assigned plan.",
            "Пройдите все дни назначенного плана.",
            PlansCompleted,
            1.0
        )
    },
    Badge {
        repeatable: true,
        ..badge!(
            "challenge_finisher",
            "Challenge finisher",
            "Участник челленджа",
            "Finish a challenge.",
            "Завершите челлендж.",
            ChallengesFinished,
            1.0
        )
    },
    Badge {
        repeatable: true,
        ..badge!(
            "challenge_winner",
            "Challenge winner",
            "Победитель челленджа",
            "Win a challenge.",
            "Победите в челлендже.",
            ChallengesWon,
            1.0
        )
    },
];

pub fn badge(id: &str) -> Option<&'static Badge> {
    BADGES.iter().find(|b| b.id == id)
}

/// Local hours that make a workout early (before) or late (at or after).
pub const EARLY_BEFORE_HOUR: i8 = 7;
pub const LATE_FROM_HOUR: i8 = 21;

/// The local hour of `ts` in `tz`.
pub fn local_hour(ts: i64, tz: &TimeZone) -> i8 {
    jiff::Timestamp::from_second(ts).map_or(12, |t| t.to_zoned(tz.clone()).hour())
}

/// The Monday that starts the week of `day`.
pub fn week_of(day: Day) -> Day {
    days::week_start(day, false)
}

/// The weekly streak ending at `this_week`: weeks with at least one workout, counted back from
/// last week (this week counts once it has a workout, and does not break the streak while it
/// is still going). A week without a workout is bridged by a freeze when none was used in the
/// calendar month that week starts in; a second empty week in that month ends the streak.
/// `active` holds the week starts with workouts, newest first. Returns (weeks, months whose
/// freeze is used, newest first).
pub fn week_streak(active: &[Day], this_week: Day) -> (u32, Vec<Day>) {
    let mut weeks = 0;
    let mut frozen: Vec<Day> = Vec::new();
    // Freezes since the last week counted: kept only if an older week continues the streak.
    let mut pending: Vec<Day> = Vec::new();
    let Some(&oldest) = active.last() else {
        return (0, frozen);
    };
    let mut i = 0;
    if active.first() == Some(&this_week) {
        weeks += 1;
        i = 1;
    }
    let mut w = this_week - 7;
    while w >= oldest {
        if active.get(i) == Some(&w) {
            weeks += 1;
            i += 1;
            frozen.append(&mut pending);
        } else {
            let month = days::month_start(w);
            if frozen.contains(&month) || pending.contains(&month) {
                break;
            }
            pending.push(month);
        }
        w -= 7;
    }
    (weeks, frozen)
}

/// Whether a set is implausible enough to keep off leaderboards and challenges until its owner
/// confirms it: a load beyond any lift ever recorded, more than 100 reps with a load, over
/// 10 t in one set, or an estimated 1RM more than half again the member's counted best (with a
/// best of at least 20 kg to compare with).
pub fn implausible(s: &WorkoutSet, best_e1rm: Option<f64>) -> bool {
    if s.kind == SetKind::Warmup {
        return false;
    }
    let w = s.weight_kg.unwrap_or(0.0);
    if w > 500.0 || (w > 0.0 && s.reps.is_some_and(|r| r > 100)) || s.volume() > 10_000.0 {
        return true;
    }
    match (s.e1rm(), best_e1rm) {
        (Some(e), Some(best)) if best >= 20.0 => e > best * 1.5,
        _ => false,
    }
}

/// The first second of local `day` in `tz`.
pub fn day_start(day: Day, tz: &TimeZone) -> i64 {
    days::date_of_day(day)
        .to_zoned(tz.clone())
        .map_or(i64::from(day) * 86_400, |z| z.timestamp().as_second())
}

/// A challenge's window `[start, end)` in seconds: from the first second of `from` to the first
/// second after `to`, both local dates of the gym's time zone.
pub fn window(from: Day, to: Day, tz: &TimeZone) -> (i64, i64) {
    (day_start(from, tz), day_start(to + 1, tz))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::training::model::test_set;

    #[test]
    fn a_badge_may_become_due_only_when_a_counter_reaches_its_goal() {
        let at = |workouts: u32, volume_kg: f64, challenges_won: u32| Standing {
            workouts,
            volume_kg,
            challenges_won,
            ..Standing::new()
        };
        // First workout (goal 1), 10 t lifted (goal 10,000 kg).
        assert!(may_earn(&at(0, 0.0, 0), &at(1, 0.0, 0)));
        assert!(!may_earn(&at(1, 0.0, 0), &at(1, 0.0, 0)), "no change");
        assert!(
            !may_earn(&at(1, 100.0, 0), &at(1, 200.0, 0)),
            "below every goal"
        );
        assert!(may_earn(&at(1, 9_990.0, 0), &at(1, 10_010.0, 0)));
        assert!(
            !may_earn(&at(1, 10_010.0, 0), &at(1, 10_100.0, 0)),
            "past the goal already: held since it was reached"
        );
        assert!(
            !may_earn(&at(1, 0.0, 0), &at(0, 0.0, 0)),
            "counters going down"
        );
        // A repeatable badge is due at every next multiple of its goal.
        assert!(badge("challenge_winner").is_some_and(|b| b.repeatable && b.goal == 1.0));
        assert!(may_earn(&at(1, 0.0, 1), &at(1, 0.0, 2)));
    }

    #[test]
    fn xp_is_capped_per_day_and_not_given_for_back_dated_training() {
        assert_eq!(capped(XP_PER_SET, 0), 10);
        assert_eq!(capped(XP_PER_SET, XP_DAILY_CAP - 4), 4);
        assert_eq!(capped(XP_PER_WORKOUT, XP_DAILY_CAP), 0);
        let now = 1_000_000;
        assert!(earns_xp(now, now));
        assert!(earns_xp(now - XP_BACKDATE_S, now));
        assert!(!earns_xp(now - XP_BACKDATE_S - 1, now));
    }

    #[test]
    fn warm_ups_and_empty_sets_are_not_work() {
        assert!(is_working(&test_set(SetKind::Normal, Some(5), Some(100.0))));
        assert!(!is_working(&test_set(SetKind::Warmup, Some(5), Some(60.0))));
        assert!(!is_working(&test_set(SetKind::Normal, Some(0), Some(60.0))));
        assert!(!is_working(&test_set(SetKind::Normal, None, None)));
    }

    #[test]
    fn the_level_curve() {
        assert_eq!(level_of(0), 1);
        assert_eq!(level_of(99), 1);
        assert_eq!(level_of(100), 2);
        assert_eq!(level_of(299), 2);
        assert_eq!(level_of(300), 3);
        assert_eq!(level_of(4_500), 10);
        assert_eq!(level_of(18_999), 19);
        assert_eq!(level_of(19_000), 20);
        for xp in (0..200_000).step_by(37) {
            let l = level_of(xp);
            assert!(
                level_threshold(l) <= xp && xp < level_threshold(l + 1),
                "{xp}"
            );
        }
    }

    #[test]
    fn badge_ids_are_unique_and_have_both_languages() {
        for (i, b) in BADGES.iter().enumerate() {
            assert!(BADGES[..i].iter().all(|o| o.id != b.id), "{}", b.id);
            assert!(!b.name_ru.is_empty() && !b.about_ru.is_empty());
            assert!(b.goal >= 1.0);
        }
        assert!(badge("night_owl").is_some_and(|b| b.hidden));
        assert!(badge("challenge_winner").is_some_and(|b| b.repeatable));
    }

    fn day(s: &str) -> Day {
        days::parse_day(s).unwrap()
    }

    /// Week starts (Mondays) newest first.
    fn weeks(list: &[&str]) -> Vec<Day> {
        list.iter().map(|s| day(s)).collect()
    }

    #[test]
    fn streaks_count_weeks_in_a_row_and_this_week_once_trained() {
        let this = day("2026-12-07");
        // Trained the last three weeks, not yet this week: 3, and this week does not break it.
        let a = weeks(&["2026-11-30", "2026-11-23", "2026-11-16"]);
        assert_eq!(week_streak(&a, this), (3, vec![]));
        let mut b = vec![this];
        b.extend(&a);
        assert_eq!(week_streak(&b, this).0, 4);
        assert_eq!(week_streak(&[], this), (0, vec![]));
    }

    #[test]
    fn one_missed_week_a_month_is_frozen_and_a_second_breaks_the_streak() {
        let this = day("2026-12-07");
        // 2026-11-16 missed (frozen in November), the rest trained.
        let a = weeks(&["2026-11-30", "2026-11-23", "2026-11-09", "2026-11-02"]);
        let (n, frozen) = week_streak(&a, this);
        assert_eq!(n, 4);
        assert_eq!(frozen, vec![day("2026-11-01")]);
        // Two missed weeks in November: the streak is what came after the second.
        let b = weeks(&["2026-11-30", "2026-11-09", "2026-11-02"]);
        assert_eq!(week_streak(&b, this).0, 1);
        // Missed weeks in different months are each frozen.
        let c = weeks(&[
            "2026-11-30",
            "2026-11-16",
            "2026-11-09",
            "2026-11-02",
            "2026-10-26",
            "2026-10-12",
        ]);
        let (n, frozen) = week_streak(&c, this);
        assert_eq!(n, 6);
        assert_eq!(frozen, vec![day("2026-11-01"), day("2026-10-01")]);
    }

    #[test]
    fn a_freeze_before_the_first_week_is_not_used() {
        let this = day("2026-12-07");
        let a = weeks(&["2026-11-30"]);
        assert_eq!(week_streak(&a, this), (1, vec![]));
        // Trained long ago: no streak, and no freeze spent on it.
        let b = weeks(&["2026-10-05"]);
        assert_eq!(week_streak(&b, this), (0, vec![]));
        // A missed week, then nothing older: the freeze bridged nothing.
        let c = weeks(&["2026-11-30", "2026-11-16"]);
        assert_eq!(week_streak(&c, this), (2, vec![day("2026-11-01")]));
        let d = weeks(&["2026-11-30", "2026-11-02"]);
        assert_eq!(week_streak(&d, this), (1, vec![]));
    }

    #[test]
    fn implausible_sets() {
        let set = |kg: f64, reps: u32| test_set(SetKind::Normal, Some(reps), Some(kg));
        assert!(!implausible(&set(100.0, 5), None));
        assert!(implausible(&set(1_000.0, 1), None));
        assert!(implausible(&set(20.0, 150), None));
        assert!(implausible(&set(450.0, 30), None));
        // Half again over the member's own best.
        assert!(!implausible(&set(120.0, 1), Some(100.0)));
        assert!(implausible(&set(160.0, 1), Some(100.0)));
        // Too little history to compare with.
        assert!(!implausible(&set(160.0, 1), Some(10.0)));
        assert!(!implausible(
            &test_set(SetKind::Warmup, Some(1), Some(900.0)),
            None
        ));
    }

    #[test]
    fn challenge_windows_follow_the_gyms_time_zone() {
        let d = day("2026-12-01");
        let utc = window(d, d + 6, &TimeZone::UTC);
        assert_eq!(utc.1 - utc.0, 7 * 86_400);
        let moscow = window(d, d + 6, &zone("Europe/Moscow"));
        // Moscow is three hours ahead: its days start three hours earlier in UTC.
        assert_eq!(utc.0 - moscow.0, 3 * 3600);
        let ny = window(
            day("2026-03-02"),
            day("2026-03-15"),
            &zone("America/New_York"),
        );
        // Daylight saving time starts on 2026-03-08: the window is an hour short of 14 days.
        assert_eq!(ny.1 - ny.0, 14 * 86_400 - 3600);
    }
}
