//! Pure rules of training analysis: local days and periods, e1RM, session load, the load curve
//! and streaks.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

/// Days since 1970-01-01 in a time zone (a "local day number").
pub type Day = i32;

const SECONDS_PER_DAY: i64 = 86_400;

/// Days since 1970-01-01 of the proleptic Gregorian date `y-m-d` (any `y`, `m` in 1..=12).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian `(year, month, day)` of a day number (any `i64` day of `i32` range).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Clamps an `i64` day number into `Day`'s range.
fn clamp_day(d: i64) -> Day {
    Day::try_from(d).unwrap_or(if d < 0 { Day::MIN } else { Day::MAX })
}

/// The local day of a UTC unix timestamp (seconds) in `tz`.
///
/// Timestamps outside jiff's supported range are clamped to it.
pub fn local_day(ts: i64, tz: &TimeZone) -> Day {
    let ts = ts.clamp(Timestamp::MIN.as_second(), Timestamp::MAX.as_second());
    let offset = Timestamp::from_second(ts).map_or(0, |t| i64::from(tz.to_offset(t).seconds()));
    clamp_day((ts + offset).div_euclid(SECONDS_PER_DAY))
}

/// The day number of a civil date.
pub fn day_of_date(d: Date) -> Day {
    clamp_day(days_from_civil(
        i64::from(d.year()),
        i64::from(d.month()),
        i64::from(d.day()),
    ))
}

/// The civil date of a day number, clamped to jiff's date range (-9999-01-01..=9999-12-31).
pub fn date_of_day(d: Day) -> Date {
    let (min, max) = (day_of_date(Date::MIN), day_of_date(Date::MAX));
    let (y, m, day) = civil_from_days(i64::from(d.clamp(min, max)));
    match (i16::try_from(y), i8::try_from(m), i8::try_from(day)) {
        (Ok(y), Ok(m), Ok(day)) => Date::new(y, m, day).unwrap_or(Date::MIN),
        _ => Date::MIN,
    }
}

/// Parses "YYYY-MM-DD" into a Day; None when malformed.
pub fn parse_day(s: &str) -> Option<Day> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i16> {
        let part = b.get(r)?;
        if !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        part.iter().try_fold(0i16, |acc, c| {
            acc.checked_mul(10)?.checked_add(i16::from(c - b'0'))
        })
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let date = Date::new(y, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()?;
    Some(day_of_date(date))
}

/// Formats a day number as "YYYY-MM-DD" (clamped like [`date_of_day`]).
pub fn format_day(d: Day) -> String {
    date_of_day(d).to_string()
}

/// Weekday 0 = Monday … 6 = Sunday.
pub fn weekday(d: Day) -> u8 {
    // 1970-01-01 was a Thursday (3).
    u8::try_from((i64::from(d) + 3).rem_euclid(7)).unwrap_or_default()
}

/// The first day of `d`'s week; weeks start on Monday, or on Sunday when `sunday_first`.
pub fn week_start(d: Day, sunday_first: bool) -> Day {
    let w = i64::from(weekday(d));
    let back = if sunday_first { (w + 1) % 7 } else { w };
    clamp_day(i64::from(d) - back)
}

/// The first day of `d`'s calendar month.
pub fn month_start(d: Day) -> Day {
    let (y, m, _) = civil_from_days(i64::from(d));
    clamp_day(days_from_civil(y, m, 1))
}

/// The first day of the month after `d`'s month.
pub fn next_month_start(d: Day) -> Day {
    let (y, m, _) = civil_from_days(i64::from(d));
    let (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    clamp_day(days_from_civil(y, m, 1))
}

/// A period over which training is aggregated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// A calendar week (Monday- or Sunday-first).
    Week,
    /// A calendar month.
    Month,
}

/// The bucket starts covering [from, to] (inclusive): every week or month touching the range,
/// oldest first, each bucket's start day. Week buckets use `sunday_first` like `week_start`.
pub fn buckets(from: Day, to: Day, period: Period, sunday_first: bool) -> Vec<Day> {
    let mut out = Vec::new();
    if to < from {
        return out;
    }
    let mut s = match period {
        Period::Week => week_start(from, sunday_first),
        Period::Month => month_start(from),
    };
    while s <= to {
        out.push(s);
        let next = match period {
            Period::Week => s.checked_add(7),
            Period::Month => Some(next_month_start(s)),
        };
        match next {
            Some(n) if n > s => s = n,
            _ => break,
        }
    }
    out
}

/// Estimated one-repetition maximum (Epley: w × (1 + r/30)) for 1–12 reps with a positive load;
/// exactly `w` for one rep. None for 0 or more than 12 reps, non-positive or non-finite weight.
pub fn e1rm(weight_kg: f64, reps: u32) -> Option<f64> {
    if !(1..=12).contains(&reps) || !weight_kg.is_finite() || weight_kg <= 0.0 {
        return None;
    }
    if reps == 1 {
        return Some(weight_kg);
    }
    let v = weight_kg * (1.0 + f64::from(reps) / 30.0);
    v.is_finite().then_some(v)
}

/// RPE assumed for a session in which no set had an RPE.
pub const DEFAULT_SESSION_RPE: f64 = 7.0;
/// Longest duration counted for one session (longer ones were left running): 4 hours.
pub const MAX_SESSION_S: u32 = 4 * 3600;

/// Session load (arbitrary units, Foster's session-RPE method): session RPE × minutes.
/// `rpe` is the mean RPE of the session's working sets (None → DEFAULT_SESSION_RPE), clamped to
/// 1..=10; `duration_s` is capped at MAX_SESSION_S.
///
/// A NaN RPE is treated like a missing one.
pub fn session_load(rpe: Option<f64>, duration_s: u32) -> f64 {
    let rpe = match rpe {
        Some(r) if !r.is_nan() => r.clamp(1.0, 10.0),
        _ => DEFAULT_SESSION_RPE,
    };
    let minutes = f64::from(duration_s.min(MAX_SESSION_S)) / 60.0;
    rpe * minutes
}

/// Days in the acute (short) rolling load window.
pub const ACUTE_DAYS: u32 = 7;
/// Days in the chronic (long) rolling load window.
pub const CHRONIC_DAYS: u32 = 28;
/// Time constant (days) of the fitness impulse response.
pub const FITNESS_DAYS: f64 = 42.0;
/// Time constant (days) of the fatigue impulse response.
pub const FATIGUE_DAYS: f64 = 7.0;
/// How many days before `from` the load curve must read so that the exponentially weighted
/// fitness has converged (e^-6 ≈ 0.25% of the starting value left): 6 × 42 = 252.
pub const WARMUP_DAYS: i32 = 252;

/// One day of the load curve.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LoadPoint {
    /// The day.
    pub day: Day,
    /// That day's total load.
    pub load: f64,
    /// Mean daily load over the last 7 days (this day included) × 7.
    pub acute: f64,
    /// Mean daily load over the last 28 days (this day included) × 7.
    pub chronic: f64,
    /// acute / chronic, None while chronic == 0.
    pub ratio: Option<f64>,
    /// Long-term (42-day) exponentially weighted load.
    pub fitness: f64,
    /// Short-term (7-day) exponentially weighted load.
    pub fatigue: f64,
    /// fitness − fatigue.
    pub form: f64,
}

/// The load curve for every day of [from, to]. `daily` holds (day, load) for days with load,
/// sorted by day ascending, possibly starting before `from` (callers pass WARMUP_DAYS of
/// history) and possibly containing several entries for one day (sum them). Fitness and fatigue
/// are impulse-response (Banister) exponentially weighted sums starting from 0 at the first day
/// given: each day x_t = x_{t-1} · e^(−1/τ) + load_t · (1 − e^(−1/τ)). Acute/chronic windows are
/// rolling over calendar days (days with no entry are zero). Runs in O((to − from) + daily.len()
/// + WARMUP_DAYS). Returns an empty Vec when to < from.
///
/// Entries with a negative or non-finite load are ignored. The caller bounds `to − from`: the
/// result has one point per day.
pub fn load_curve(daily: &[(Day, f64)], from: Day, to: Day) -> Vec<LoadPoint> {
    if to < from {
        return Vec::new();
    }
    let k_fit = (-1.0 / FITNESS_DAYS).exp();
    let k_fat = (-1.0 / FATIGUE_DAYS).exp();
    let (from64, to64) = (i64::from(from), i64::from(to));
    let chronic_len = i64::from(CHRONIC_DAYS);
    let acute_len = i64::from(ACUTE_DAYS);
    // Dense daily loads over [from − 27, to]: everything the rolling windows can see.
    let win_start = from64 - (chronic_len - 1);
    let index = |d: i64| usize::try_from(d - win_start).unwrap_or(0);
    let mut dense = vec![0.0_f64; index(to64) + 1];

    // Fitness/fatigue state after the last day before `from` that had load (gaps jump in O(1)).
    let (mut fitness, mut fatigue) = (0.0_f64, 0.0_f64);
    let mut state_day: Option<i64> = None;
    for &(day, load) in daily {
        if !load.is_finite() || load < 0.0 {
            continue;
        }
        let d = i64::from(day);
        if (win_start..=to64).contains(&d) {
            dense[index(d)] += load;
        }
        if d >= from64 {
            continue;
        }
        match state_day {
            // Same day (or out of order): add to the current day's impulse.
            Some(s) if d <= s => {}
            Some(s) => {
                let gap = (d - s) as f64;
                fitness *= (-gap / FITNESS_DAYS).exp();
                fatigue *= (-gap / FATIGUE_DAYS).exp();
                state_day = Some(d);
            }
            None => state_day = Some(d),
        }
        fitness += load * (1.0 - k_fit);
        fatigue += load * (1.0 - k_fat);
    }
    // Decay the state to the day before `from`.
    if let Some(s) = state_day {
        let gap = (from64 - 1 - s) as f64;
        fitness *= (-gap / FITNESS_DAYS).exp();
        fatigue *= (-gap / FATIGUE_DAYS).exp();
    }

    let mut out = Vec::with_capacity(index(to64) + 1 - index(from64));
    for d in from64..=to64 {
        let i = index(d);
        let load = dense[i];
        fitness = fitness * k_fit + load * (1.0 - k_fit);
        fatigue = fatigue * k_fat + load * (1.0 - k_fat);
        let acute: f64 = dense[index(d - acute_len + 1)..=i].iter().sum();
        let chronic_sum: f64 = dense[index(d - chronic_len + 1)..=i].iter().sum();
        let chronic = chronic_sum / (chronic_len as f64) * (acute_len as f64);
        out.push(LoadPoint {
            day: clamp_day(d),
            load,
            acute,
            chronic,
            ratio: (chronic > 0.0).then(|| acute / chronic),
            fitness,
            fatigue,
            form: fitness - fatigue,
        });
    }
    out
}

/// Weeks in a row meeting `target` sessions. `weeks` are (week start day, sessions) for weeks
/// with at least one session, NEWEST FIRST (absent weeks had none). `current_week` is the start
/// of this week. The current week counts when it already meets the target; while it does not,
/// it neither counts nor breaks the streak (the streak runs through last week). A week below
/// target, or a missing week, ends the streak. `target` 0 is treated as 1.
///
/// Weeks after `current_week` are ignored; adjacent entries for the same week are summed.
pub fn week_streak(weeks: &[(Day, u32)], current_week: Day, target: u32) -> u32 {
    let target = target.max(1);
    // Merge adjacent duplicates and skip future weeks.
    let mut merged = weeks
        .iter()
        .copied()
        .filter(|&(w, _)| w <= current_week)
        .peekable();
    let mut next_week = move || {
        let (w, mut n) = merged.next()?;
        while let Some(&(w2, n2)) = merged.peek() {
            if w2 != w {
                break;
            }
            n = n.saturating_add(n2);
            merged.next();
        }
        Some((w, n))
    };

    let mut streak = 0u32;
    let mut expected = i64::from(current_week);
    let mut entry = next_week();
    if let Some((w, n)) = entry
        && i64::from(w) == expected
    {
        if n >= target {
            streak += 1;
        }
        entry = next_week();
    }
    expected -= 7;
    while let Some((w, n)) = entry {
        if i64::from(w) != expected || n < target {
            break;
        }
        streak = streak.saturating_add(1);
        expected -= 7;
        entry = next_week();
    }
    streak
}

/// Days in a row with a session, ending today or yesterday (a streak that ended the day before
/// yesterday is 0). `days` are days with at least one session, NEWEST FIRST, no duplicates.
///
/// Days after `today` are ignored; duplicates are tolerated.
pub fn day_streak(days: &[Day], today: Day) -> u32 {
    let today = i64::from(today);
    let mut iter = days.iter().map(|&d| i64::from(d)).filter(|&d| d <= today);
    let Some(first) = iter.next() else {
        return 0;
    };
    if first < today - 1 {
        return 0;
    }
    let mut streak = 1u32;
    let mut last = first;
    for d in iter {
        if d == last {
            continue;
        }
        if d != last - 1 {
            break;
        }
        streak = streak.saturating_add(1);
        last = d;
    }
    streak
}

/// Order-preserving key of a non-negative measure for an ordered index: the value in
/// thousandths, rounded, saturating (negative or NaN → 0).
pub fn ordered_key(v: f64) -> u64 {
    if v.is_nan() || v <= 0.0 {
        return 0;
    }
    // `as` saturates: values beyond u64::MAX (and +∞) become u64::MAX.
    (v * 1000.0).round() as u64
}

/// The measure back from `ordered_key` (thousandths → f64).
pub fn from_ordered_key(k: u64) -> f64 {
    k as f64 / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn day(s: &str) -> Day {
        parse_day(s).unwrap()
    }

    fn ts(s: &str) -> i64 {
        s.parse::<Timestamp>().unwrap().as_second()
    }

    fn tz(name: &str) -> TimeZone {
        TimeZone::get(name).unwrap()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs()))
    }

    // ---- local days -------------------------------------------------------------------------

    #[test]
    fn local_day_moscow_vs_utc() {
        let t = ts("2026-03-29T21:30:00Z");
        assert_eq!(format_day(local_day(t, &tz("Europe/Moscow"))), "2026-03-30");
        assert_eq!(format_day(local_day(t, &TimeZone::UTC)), "2026-03-29");
    }

    #[test]
    fn local_day_new_york_dst_start() {
        let ny = tz("America/New_York");
        // 2026-03-08 starts at 00:00 EST (UTC−5) = 05:00Z.
        let m = ts("2026-03-08T05:00:00Z");
        assert_eq!(format_day(local_day(m - 1, &ny)), "2026-03-07");
        assert_eq!(format_day(local_day(m, &ny)), "2026-03-08");
        // 2026-03-09 starts at 00:00 EDT (UTC−4) = 04:00Z: the day was 23 hours long.
        let m2 = ts("2026-03-09T04:00:00Z");
        assert_eq!(m2 - m, 23 * 3600);
        assert_eq!(format_day(local_day(m2 - 1, &ny)), "2026-03-08");
        assert_eq!(format_day(local_day(m2, &ny)), "2026-03-09");
    }

    #[test]
    fn local_day_new_york_dst_end() {
        let ny = tz("America/New_York");
        // 2026-11-01 starts at 00:00 EDT = 04:00Z; 2026-11-02 at 00:00 EST = 05:00Z (25 h day).
        let m = ts("2026-11-01T04:00:00Z");
        let m2 = ts("2026-11-02T05:00:00Z");
        assert_eq!(m2 - m, 25 * 3600);
        assert_eq!(format_day(local_day(m - 1, &ny)), "2026-10-31");
        assert_eq!(format_day(local_day(m, &ny)), "2026-11-01");
        assert_eq!(format_day(local_day(m2 - 1, &ny)), "2026-11-01");
        assert_eq!(format_day(local_day(m2, &ny)), "2026-11-02");
        // The same instant is still 2026-11-01 in UTC.
        assert_eq!(format_day(local_day(m2 - 1, &TimeZone::UTC)), "2026-11-02");
    }

    #[test]
    fn local_day_kiritimati() {
        let k = tz("Pacific/Kiritimati");
        // UTC+14: local midnight of 2026-03-30 is 2026-03-29T10:00Z.
        let m = ts("2026-03-29T10:00:00Z");
        assert_eq!(format_day(local_day(m - 1, &k)), "2026-03-29");
        assert_eq!(format_day(local_day(m, &k)), "2026-03-30");
        assert_eq!(format_day(local_day(m, &TimeZone::UTC)), "2026-03-29");
    }

    #[test]
    fn local_day_extreme_timestamps_do_not_panic() {
        let utc = TimeZone::UTC;
        // Clamped to jiff's timestamp range.
        let lo = day_of_date(Timestamp::MIN.to_zoned(utc.clone()).date());
        let hi = day_of_date(Timestamp::MAX.to_zoned(utc.clone()).date());
        assert_eq!(local_day(i64::MIN, &utc), lo);
        assert_eq!(local_day(i64::MAX, &utc), hi);
        let k = tz("Pacific/Kiritimati");
        assert!(local_day(i64::MAX, &k) >= hi);
        assert_eq!(local_day(0, &utc), 0);
        assert_eq!(local_day(-1, &utc), -1);
    }

    #[test]
    fn epoch_and_leap_day() {
        assert_eq!(day_of_date(date(1970, 1, 1)), 0);
        assert_eq!(date_of_day(0), date(1970, 1, 1));
        assert_eq!(day_of_date(date(1969, 12, 31)), -1);
        assert_eq!(day_of_date(date(2000, 3, 1)), 11_017);
        let leap = day_of_date(date(2028, 2, 29));
        assert_eq!(date_of_day(leap), date(2028, 2, 29));
        assert_eq!(format_day(leap), "2028-02-29");
        assert_eq!(format_day(leap + 1), "2028-03-01");
        assert_eq!(parse_day("2028-02-29"), Some(leap));
        assert_eq!(parse_day("2027-02-29"), None);
    }

    #[test]
    fn day_numbers_match_jiff_day_by_day() {
        let mut d = date(1899, 12, 25);
        let first = day_of_date(d);
        assert_eq!(
            i64::from(first),
            i64::from(d.since(date(1970, 1, 1)).unwrap().get_days())
        );
        for n in first..first + 150_000 {
            assert_eq!(day_of_date(d), n);
            assert_eq!(date_of_day(n), d);
            assert_eq!(weekday(n), d.weekday().to_monday_zero_offset() as u8);
            d = d.tomorrow().unwrap();
        }
    }

    #[test]
    fn date_of_day_clamps() {
        assert_eq!(date_of_day(Day::MIN), Date::MIN);
        assert_eq!(date_of_day(Day::MAX), Date::MAX);
        assert_eq!(date_of_day(day_of_date(Date::MAX)), Date::MAX);
        assert_eq!(date_of_day(day_of_date(Date::MIN)), Date::MIN);
    }

    #[test]
    fn parse_and_format() {
        assert_eq!(parse_day("1970-01-01"), Some(0));
        assert_eq!(
            parse_day("2026-03-29").map(format_day).as_deref(),
            Some("2026-03-29")
        );
        for bad in [
            "2026-13-01",
            "2026-1-1x",
            "",
            "2026-00-10",
            "2026-01-32",
            "2026/01/01",
            "+026-01-01",
            "2026-01-0 ",
            "20260101",
            "2026-01-011",
            "２０２６-01-01",
        ] {
            assert_eq!(parse_day(bad), None, "{bad:?}");
        }
        assert_eq!(format_day(5), "1970-01-06");
        assert_eq!(format_day(-1), "1969-12-31");
    }

    // ---- weeks and months -------------------------------------------------------------------

    #[test]
    fn weekdays_and_week_starts() {
        assert_eq!(weekday(0), 3); // Thursday
        let wed = day("2026-04-01");
        assert_eq!(weekday(wed), 2);
        assert_eq!(format_day(week_start(wed, false)), "2026-03-30");
        assert_eq!(format_day(week_start(wed, true)), "2026-03-29");
        let sun = day("2026-03-29");
        assert_eq!(weekday(sun), 6);
        assert_eq!(format_day(week_start(sun, false)), "2026-03-23");
        assert_eq!(week_start(sun, true), sun);
        let mon = day("2026-03-30");
        assert_eq!(week_start(mon, false), mon);
        assert_eq!(format_day(week_start(mon, true)), "2026-03-29");
        assert_eq!(week_start(Day::MIN, false), Day::MIN);
    }

    #[test]
    fn month_starts() {
        let d = day("2026-12-17");
        assert_eq!(format_day(month_start(d)), "2026-12-01");
        assert_eq!(format_day(next_month_start(d)), "2027-01-01");
        assert_eq!(format_day(month_start(day("2027-01-01"))), "2027-01-01");
        assert_eq!(
            format_day(next_month_start(day("2027-01-31"))),
            "2027-02-01"
        );
        let feb = day("2028-02-29");
        assert_eq!(format_day(month_start(feb)), "2028-02-01");
        assert_eq!(format_day(next_month_start(feb)), "2028-03-01");
        assert_eq!(next_month_start(day("2028-02-01")) - day("2028-02-01"), 29);
        assert_eq!(next_month_start(day("2027-02-01")) - day("2027-02-01"), 28);
        // No panic at the extremes.
        let _ = next_month_start(Day::MAX);
        let _ = month_start(Day::MIN);
    }

    #[test]
    fn week_buckets_across_year_boundary() {
        // 2026-12-30 is a Wednesday; 2027-01-12 a Tuesday.
        let b = buckets(day("2026-12-30"), day("2027-01-12"), Period::Week, false);
        let b: Vec<String> = b.into_iter().map(format_day).collect();
        assert_eq!(b, ["2026-12-28", "2027-01-04", "2027-01-11"]);
        let s = buckets(day("2026-12-30"), day("2027-01-12"), Period::Week, true);
        let s: Vec<String> = s.into_iter().map(format_day).collect();
        assert_eq!(s, ["2026-12-27", "2027-01-03", "2027-01-10"]);
    }

    #[test]
    fn month_buckets_across_year() {
        let b = buckets(day("2026-11-15"), day("2027-02-01"), Period::Month, false);
        let b: Vec<String> = b.into_iter().map(format_day).collect();
        assert_eq!(b, ["2026-11-01", "2026-12-01", "2027-01-01", "2027-02-01"]);
    }

    #[test]
    fn buckets_single_day_and_empty() {
        let d = day("2026-03-29");
        assert_eq!(buckets(d, d, Period::Week, false), vec![day("2026-03-23")]);
        assert_eq!(buckets(d, d, Period::Week, true), vec![d]);
        assert_eq!(buckets(d, d, Period::Month, false), vec![day("2026-03-01")]);
        assert!(buckets(d, d - 1, Period::Week, false).is_empty());
        assert!(buckets(d, d - 1, Period::Month, false).is_empty());
    }

    #[test]
    fn buckets_terminate_at_extremes() {
        let w = buckets(Day::MAX - 20, Day::MAX, Period::Week, false);
        assert!(!w.is_empty() && w.len() <= 4);
        let m = buckets(Day::MAX - 40, Day::MAX, Period::Month, false);
        assert!(!m.is_empty() && m.len() <= 3);
    }

    // ---- e1RM and session load --------------------------------------------------------------

    #[test]
    fn e1rm_epley() {
        assert_eq!(e1rm(100.0, 1), Some(100.0));
        assert_eq!(e1rm(72.5, 1), Some(72.5));
        assert!((e1rm(100.0, 5).unwrap() - 116.666_666_7).abs() < 1e-6);
        assert!((e1rm(60.0, 12).unwrap() - 84.0).abs() < 1e-9);
        assert_eq!(e1rm(100.0, 0), None);
        assert_eq!(e1rm(100.0, 13), None);
        assert_eq!(e1rm(0.0, 5), None);
        assert_eq!(e1rm(-10.0, 5), None);
        assert_eq!(e1rm(f64::NAN, 5), None);
        assert_eq!(e1rm(f64::INFINITY, 5), None);
        assert_eq!(e1rm(f64::MAX, 5), None);
    }

    #[test]
    fn session_load_rules() {
        // Missing RPE → 7; 60 minutes.
        assert_eq!(session_load(None, 3600), 7.0 * 60.0);
        assert_eq!(session_load(Some(f64::NAN), 3600), 7.0 * 60.0);
        assert_eq!(session_load(Some(8.5), 1800), 8.5 * 30.0);
        // Duration capped at 4 h.
        assert_eq!(session_load(Some(5.0), 10 * 3600), 5.0 * 240.0);
        assert_eq!(
            session_load(Some(5.0), u32::MAX),
            session_load(Some(5.0), MAX_SESSION_S)
        );
        // RPE clamped into 1..=10.
        assert_eq!(session_load(Some(12.0), 600), 10.0 * 10.0);
        assert_eq!(session_load(Some(0.0), 600), 10.0);
        assert_eq!(session_load(Some(-3.0), 600), 10.0);
        assert_eq!(session_load(Some(f64::INFINITY), 600), 100.0);
        assert_eq!(session_load(Some(9.0), 0), 0.0);
    }

    // ---- load curve -------------------------------------------------------------------------

    #[test]
    fn load_curve_single_impulse_decays() {
        let (i, d0) = (100.0, 1000);
        let c = load_curve(&[(d0, i)], d0, d0 + 60);
        assert_eq!(c.len(), 61);
        assert_eq!(c[0].day, d0);
        let k_fit = (-1.0 / FITNESS_DAYS).exp();
        let k_fat = (-1.0 / FATIGUE_DAYS).exp();
        assert!(close(c[0].fitness, i * (1.0 - k_fit)));
        assert!(close(c[0].fatigue, i * (1.0 - k_fat)));
        // After τ days the response is e^-1 of the first day's.
        assert!(close(c[42].fitness, c[0].fitness * (-1.0f64).exp()));
        assert!(close(c[7].fatigue, c[0].fatigue * (-1.0f64).exp()));
        for w in c.windows(2) {
            assert!(w[1].fitness < w[0].fitness);
            assert!(w[1].fatigue < w[0].fatigue);
            assert!(close(w[1].fitness, w[0].fitness * k_fit));
        }
        for p in &c {
            assert!(close(p.form, p.fitness - p.fatigue));
        }
        // Fatigue dominates first (negative form), fitness later (positive form).
        assert!(c[0].form < 0.0);
        assert!(c[30].form > 0.0);
        // Acute holds the impulse for 7 days (today included), chronic for 28.
        assert_eq!(c[6].acute, i);
        assert_eq!(c[7].acute, 0.0);
        assert!(close(c[27].chronic, i / 4.0));
        assert_eq!(c[28].chronic, 0.0);
        assert_eq!(c[28].ratio, None);
        assert_eq!(c[7].ratio, Some(0.0));
    }

    #[test]
    fn load_curve_constant_week() {
        let from = 500;
        let daily: Vec<(Day, f64)> = (0..7).map(|k| (from + k, 50.0)).collect();
        let c = load_curve(&daily, from, from + 6);
        let last = c[6];
        assert!(close(last.acute, 350.0));
        // Only 7 of 28 chronic days had load: chronic = 350 / 28 × 7.
        assert!(close(last.chronic, 350.0 / 4.0));
        assert!(close(last.ratio.unwrap(), 4.0));
        // Constant load for 28 days: acute == chronic.
        let daily: Vec<(Day, f64)> = (0..28).map(|k| (from + k, 50.0)).collect();
        let c = load_curve(&daily, from, from + 27);
        assert!(close(c[27].acute, c[27].chronic));
        assert!(close(c[27].ratio.unwrap(), 1.0));
    }

    #[test]
    fn load_curve_no_history() {
        let c = load_curve(&[], 100, 109);
        assert_eq!(c.len(), 10);
        for (k, p) in c.iter().enumerate() {
            assert_eq!(p.day, 100 + k as Day);
            assert_eq!(p.ratio, None);
            assert_eq!((p.load, p.acute, p.chronic), (0.0, 0.0, 0.0));
            assert_eq!((p.fitness, p.fatigue, p.form), (0.0, 0.0, 0.0));
        }
        assert!(load_curve(&[(5, 10.0)], 10, 9).is_empty());
        assert_eq!(load_curve(&[(5, 10.0)], 5, 5).len(), 1);
    }

    #[test]
    fn load_curve_sums_entries_of_one_day() {
        let split = load_curve(&[(10, 30.0), (10, 70.0), (12, 5.0)], 10, 20);
        let whole = load_curve(&[(10, 100.0), (12, 5.0)], 10, 20);
        assert_eq!(split[0].load, 100.0);
        for (a, b) in split.iter().zip(&whole) {
            assert!(close(a.fitness, b.fitness) && close(a.fatigue, b.fatigue));
            assert!(close(a.acute, b.acute) && close(a.chronic, b.chronic));
        }
        // Also when the day is before `from` (warm-up path).
        let split = load_curve(&[(10, 30.0), (10, 70.0)], 15, 20);
        let whole = load_curve(&[(10, 100.0)], 15, 20);
        for (a, b) in split.iter().zip(&whole) {
            assert!(close(a.fitness, b.fitness) && close(a.fatigue, b.fatigue));
            assert!(close(a.acute, b.acute) && close(a.chronic, b.chronic));
        }
    }

    #[test]
    fn load_curve_gap_lowers_acute() {
        let from = 1000;
        let mut daily: Vec<(Day, f64)> = (0..21).map(|k| (from + k, 60.0)).collect();
        let full = load_curve(&daily, from, from + 27);
        // Same, but the last week has no training.
        daily.truncate(14);
        let gap = load_curve(&daily, from, from + 27);
        assert!(gap[20].acute < full[20].acute);
        assert_eq!(gap[20].acute, 0.0);
        assert!(gap[20].ratio.unwrap() < full[20].ratio.unwrap());
        assert!(gap[20].fatigue < full[20].fatigue);
        // Identical before the gap.
        assert_eq!(gap[13], full[13]);
    }

    #[test]
    fn load_curve_uses_warmup_history() {
        let from = 2000;
        // Training every other day for the warm-up period, then analysis from `from`.
        let daily: Vec<(Day, f64)> = (0..WARMUP_DAYS + 10)
            .step_by(2)
            .map(|k| (from - WARMUP_DAYS + k, 40.0))
            .collect();
        let full = load_curve(&daily, from - WARMUP_DAYS, from + 9);
        let c = load_curve(&daily, from, from + 9);
        assert_eq!(c.len(), 10);
        assert_eq!(c[0].day, from);
        // Not emitted before `from`, but the state matches the curve computed from the start.
        for (a, b) in c.iter().zip(&full[WARMUP_DAYS as usize..]) {
            assert_eq!(a.day, b.day);
            assert!(
                close(a.fitness, b.fitness),
                "{} vs {}",
                a.fitness,
                b.fitness
            );
            assert!(close(a.fatigue, b.fatigue));
            assert!(close(a.acute, b.acute) && close(a.chronic, b.chronic));
        }
        // The history counts: fitness is far from the no-history value.
        let cold: Vec<(Day, f64)> = daily.iter().copied().filter(|&(d, _)| d >= from).collect();
        let cold = load_curve(&cold, from, from + 9);
        assert!(c[0].fitness > 5.0 * cold[0].fitness.max(1.0));
        assert!(c[0].chronic > 0.0 && c[0].ratio.is_some());
    }

    #[test]
    fn load_curve_ignores_bad_loads() {
        let c = load_curve(&[(1, f64::NAN), (2, -5.0), (3, f64::INFINITY)], 0, 5);
        assert!(
            c.iter()
                .all(|p| p.load == 0.0 && p.fitness == 0.0 && p.ratio.is_none())
        );
    }

    // ---- streaks ----------------------------------------------------------------------------

    #[test]
    fn week_streak_rules() {
        let cur = day("2026-03-30");
        let w = |k: i32| cur - 7 * k;
        // Three consecutive weeks meeting the target (current week included).
        assert_eq!(week_streak(&[(w(0), 3), (w(1), 3), (w(2), 4)], cur, 3), 3);
        // A gap week breaks it.
        assert_eq!(week_streak(&[(w(0), 3), (w(1), 3), (w(3), 4)], cur, 3), 2);
        // Current week below target: does not break, does not count.
        assert_eq!(week_streak(&[(w(0), 1), (w(1), 3), (w(2), 3)], cur, 3), 2);
        // Current week absent: streak runs through last week.
        assert_eq!(week_streak(&[(w(1), 3), (w(2), 3)], cur, 3), 2);
        // Meeting it adds one.
        assert_eq!(week_streak(&[(w(0), 3), (w(1), 3), (w(2), 3)], cur, 3), 3);
        // Below-target week in the middle ends it.
        assert_eq!(week_streak(&[(w(0), 3), (w(1), 2), (w(2), 3)], cur, 3), 1);
        assert_eq!(week_streak(&[(w(1), 2), (w(2), 3)], cur, 3), 0);
        // Last week missing: 0 unless this week already counts.
        assert_eq!(week_streak(&[(w(2), 3), (w(3), 3)], cur, 3), 0);
        assert_eq!(week_streak(&[(w(0), 3), (w(2), 3)], cur, 3), 1);
        assert_eq!(week_streak(&[], cur, 3), 0);
    }

    #[test]
    fn week_streak_target_zero_is_one() {
        let cur = day("2026-03-30");
        let weeks = [(cur, 1), (cur - 7, 1), (cur - 14, 2), (cur - 28, 5)];
        assert_eq!(week_streak(&weeks, cur, 0), 3);
        assert_eq!(week_streak(&weeks, cur, 0), week_streak(&weeks, cur, 1));
        assert_eq!(week_streak(&weeks, cur, 2), 0);
        // A zero-session entry never meets the target.
        assert_eq!(week_streak(&[(cur, 0), (cur - 7, 1)], cur, 0), 1);
    }

    #[test]
    fn week_streak_ignores_future_and_merges_duplicates() {
        let cur = day("2026-03-30");
        assert_eq!(
            week_streak(&[(cur + 7, 9), (cur, 2), (cur - 7, 2)], cur, 2),
            2
        );
        assert_eq!(week_streak(&[(cur, 1), (cur, 1), (cur - 7, 2)], cur, 2), 2);
    }

    #[test]
    fn day_streak_rules() {
        let t = day("2026-03-30");
        assert_eq!(day_streak(&[t, t - 1, t - 2], t), 3);
        // Ending yesterday still counts.
        assert_eq!(day_streak(&[t - 1, t - 2, t - 3, t - 4], t), 4);
        // Ended the day before yesterday: 0.
        assert_eq!(day_streak(&[t - 2, t - 3], t), 0);
        // A gap ends it.
        assert_eq!(day_streak(&[t, t - 1, t - 3, t - 4], t), 2);
        assert_eq!(day_streak(&[t], t), 1);
        assert_eq!(day_streak(&[], t), 0);
        // Future days ignored.
        assert_eq!(day_streak(&[t + 1, t, t - 1], t), 2);
        assert_eq!(day_streak(&[Day::MIN], Day::MIN), 1);
    }

    // ---- ordered keys -----------------------------------------------------------------------

    #[test]
    fn ordered_key_rules() {
        let values = [
            0.0, 0.0004, 0.0006, 1.0, 1.0005, 1.5, 99.999, 100.0, 250.125, 1e9,
        ];
        for w in values.windows(2) {
            assert!(ordered_key(w[0]) <= ordered_key(w[1]));
        }
        assert!(ordered_key(100.0) < ordered_key(100.002));
        for v in values {
            assert!(
                (from_ordered_key(ordered_key(v)) - v).abs() <= 0.0005 + 1e-12,
                "{v}"
            );
        }
        assert_eq!(ordered_key(116.666_666), 116_667);
        assert_eq!(from_ordered_key(116_667), 116.667);
        assert_eq!(ordered_key(-1.0), 0);
        assert_eq!(ordered_key(f64::NAN), 0);
        assert_eq!(ordered_key(f64::NEG_INFINITY), 0);
        assert_eq!(ordered_key(1e30), u64::MAX);
        assert_eq!(ordered_key(f64::INFINITY), u64::MAX);
    }
}
