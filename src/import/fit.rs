//! FIT files (Garmin, Wahoo, Coros, Suunto, Zwift …): our own decoder of the binary format —
//! file header, definition and data messages (either byte order), compressed timestamp
//! headers, developer fields (skipped), header and file checksums — and what Gymbox reads from
//! it: an activity's sessions, laps and records (positions, elevations, times) as cardio
//! workouts with their routes, and a strength training file's `set` messages as sets.
//!
//! Problems are numbered by record (the n-th message of the file) instead of line.

use std::collections::HashMap;

use super::activity::{Activity, workouts};
use super::parse::{LineProblem, Parsed, ParsedSet, ParsedWorkout};
use crate::tracks::Point;
use crate::training::model::SetKind;

/// Seconds from the Unix epoch to FIT's (1989-12-31 00:00 UTC).
const FIT_EPOCH: i64 = 631_065_600;
/// Most messages read from one file.
const MAX_MESSAGES: usize = 2_000_000;

const FILE_ID: u16 = 0;
const SPORT: u16 = 12;
const SESSION: u16 = 18;
const LAP: u16 = 19;
const RECORD: u16 = 20;
const SET: u16 = 225;
const EXERCISE_TITLE: u16 = 264;
/// The `timestamp` field of every message (the `set` message keeps its own at 254).
const TIMESTAMP: u8 = 253;

/// A field's value: numbers (one per array element, invalid ones as `None`) or text.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Num(Vec<Option<f64>>),
    Text(String),
}

/// A data message Gymbox reads.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub global: u16,
    /// Its place in the file (1 = first message).
    pub record: usize,
    pub fields: Vec<(u8, Value)>,
}

impl Message {
    /// The first valid number of a field.
    pub fn num(&self, field: u8) -> Option<f64> {
        self.fields.iter().find_map(|(n, v)| match v {
            Value::Num(xs) if *n == field => xs.iter().flatten().next().copied(),
            _ => None,
        })
    }

    pub fn text(&self, field: u8) -> Option<&str> {
        self.fields.iter().find_map(|(n, v)| match v {
            Value::Text(s) if *n == field && !s.is_empty() => Some(s.as_str()),
            _ => None,
        })
    }

    fn time(&self, field: u8) -> Option<i64> {
        self.num(field).map(|t| t as i64 + FIT_EPOCH)
    }
}

#[derive(Debug, Default)]
pub struct Decoded {
    pub messages: Vec<Message>,
    pub problems: Vec<LineProblem>,
}

/// FIT's CRC-16 (of the header's first 12 bytes, and of the whole file before its last two).
pub fn crc16(mut crc: u16, bytes: &[u8]) -> u16 {
    const T: [u16; 16] = [
        0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401, 0xA001, 0x6C00, 0x7800,
        0xB401, 0x5000, 0x9C01, 0x8801, 0x4400,
    ];
    for &b in bytes {
        let mut tmp = T[usize::from(crc & 0xF)];
        crc = (crc >> 4) & 0x0FFF;
        crc = crc ^ tmp ^ T[usize::from(b & 0xF)];
        tmp = T[usize::from(crc & 0xF)];
        crc = (crc >> 4) & 0x0FFF;
        crc = crc ^ tmp ^ T[usize::from((b >> 4) & 0xF)];
    }
    crc
}

struct Definition {
    global: u16,
    big: bool,
    /// (field number, size, base type)
    fields: Vec<(u8, u8, u8)>,
    dev_size: usize,
}

impl Definition {
    fn size(&self) -> usize {
        self.fields.iter().map(|f| usize::from(f.1)).sum::<usize>() + self.dev_size
    }
}

fn wanted(global: u16) -> bool {
    matches!(
        global,
        FILE_ID | SPORT | SESSION | LAP | RECORD | SET | EXERCISE_TITLE
    )
}

/// One value of base type `t` from `b` (its element size), `None` when it is the type's
/// "invalid" value.
fn element(t: u8, b: &[u8], big: bool) -> Option<f64> {
    let mut raw = [0u8; 8];
    let n = b.len();
    if big {
        for (i, x) in b.iter().rev().enumerate() {
            raw[i] = *x;
        }
    } else {
        raw[..n].copy_from_slice(b);
    }
    let u = u64::from_le_bytes(raw);
    let all_ones = if n == 8 {
        u64::MAX
    } else {
        (1u64 << (n * 8)) - 1
    };
    let signed = |bits: u32| {
        let shift = 64 - bits;
        ((u << shift) as i64) >> shift
    };
    match t & 0x1F {
        // enum, uint8, uint16, uint32, byte, uint64
        0 | 2 | 4 | 6 | 13 | 15 => (u != all_ones).then_some(u as f64),
        // uint8z, uint16z, uint32z, uint64z
        10 | 11 | 12 | 16 => (u != 0).then_some(u as f64),
        // sint8, sint16, sint32, sint64: invalid is the largest positive value
        1 | 3 | 5 | 14 => (u != all_ones >> 1).then(|| signed(n as u32 * 8) as f64),
        8 if n == 4 => {
            let f = f32::from_bits(u as u32);
            (u != all_ones && f.is_finite()).then_some(f64::from(f))
        }
        9 if n == 8 => {
            let f = f64::from_bits(u);
            (u != all_ones && f.is_finite()).then_some(f)
        }
        _ => None,
    }
}

fn element_size(t: u8) -> usize {
    match t & 0x1F {
        0 | 1 | 2 | 7 | 10 | 13 => 1,
        3 | 4 | 11 => 2,
        5 | 6 | 8 | 12 => 4,
        9 | 14 | 15 | 16 => 8,
        _ => 1,
    }
}

fn value(t: u8, b: &[u8], big: bool) -> Value {
    if t & 0x1F == 7 {
        let end = b.iter().position(|x| *x == 0).unwrap_or(b.len());
        return Value::Text(String::from_utf8_lossy(&b[..end]).trim().to_owned());
    }
    let size = element_size(t);
    if !b.len().is_multiple_of(size) {
        return Value::Num(Vec::new());
    }
    Value::Num(b.chunks(size).map(|c| element(t, c, big)).collect())
}

/// Reads the messages of a FIT file. A file that is not FIT, or whose checksum does not
/// match, is an error; a file cut short keeps what came before the cut, with a problem.
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    if bytes.len() < 12 || &bytes[8..12] != b".FIT" {
        return Err("The file is not a FIT file (it does not start with a FIT header).".into());
    }
    let header = usize::from(bytes[0]);
    if header < 12 || header > bytes.len() {
        return Err("The FIT file's header is damaged.".into());
    }
    if header >= 14 {
        let stored = u16::from_le_bytes([bytes[12], bytes[13]]);
        if stored != 0 && crc16(0, &bytes[..12]) != stored {
            return Err("The FIT file's header is damaged (its checksum does not match).".into());
        }
    }
    let size = u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]) as usize;
    let mut out = Decoded::default();
    let end = match header.checked_add(size) {
        Some(e) if e + 2 <= bytes.len() => {
            let stored = u16::from_le_bytes([bytes[e], bytes[e + 1]]);
            if crc16(0, &bytes[..e]) != stored {
                return Err(
                    "The FIT file is damaged (its checksum does not match); copy it from the device again."
                        .into(),
                );
            }
            e
        }
        _ => {
            out.problems.push(LineProblem {
                line: 0,
                message: "the file is cut short; what it holds up to the cut is read".into(),
            });
            bytes.len()
        }
    };
    let bytes = &bytes[..end];
    let mut defs: HashMap<u8, Definition> = HashMap::new();
    let mut at = header;
    let mut record = 0usize;
    let mut last_time: Option<u32> = None;
    let cut = |record: usize, out: &mut Decoded| {
        out.problems.push(LineProblem {
            line: record,
            message: "the record is cut short; nothing after it is read".into(),
        });
    };
    while at < end {
        record += 1;
        if record > MAX_MESSAGES {
            out.problems.push(LineProblem {
                line: record,
                message: format!("only the first {MAX_MESSAGES} records are read"),
            });
            break;
        }
        let h = bytes[at];
        at += 1;
        if h & 0x80 == 0 && h & 0x40 != 0 {
            // Definition message.
            let Some(fixed) = bytes.get(at..at + 5) else {
                cut(record, &mut out);
                break;
            };
            let big = fixed[1] == 1;
            let global = if big {
                u16::from_be_bytes([fixed[2], fixed[3]])
            } else {
                u16::from_le_bytes([fixed[2], fixed[3]])
            };
            let n = usize::from(fixed[4]);
            at += 5;
            let Some(list) = bytes.get(at..at + n * 3) else {
                cut(record, &mut out);
                break;
            };
            let fields = list.chunks(3).map(|c| (c[0], c[1], c[2])).collect();
            at += n * 3;
            let mut dev_size = 0;
            if h & 0x20 != 0 {
                let Some(&nd) = bytes.get(at) else {
                    cut(record, &mut out);
                    break;
                };
                at += 1;
                let Some(dev) = bytes.get(at..at + usize::from(nd) * 3) else {
                    cut(record, &mut out);
                    break;
                };
                dev_size = dev.chunks(3).map(|c| usize::from(c[1])).sum();
                at += usize::from(nd) * 3;
            }
            defs.insert(
                h & 0x0F,
                Definition {
                    global,
                    big,
                    fields,
                    dev_size,
                },
            );
            continue;
        }
        let (local, compressed) = if h & 0x80 != 0 {
            ((h >> 5) & 0x03, Some(u32::from(h & 0x1F)))
        } else {
            (h & 0x0F, None)
        };
        let Some(def) = defs.get(&local) else {
            out.problems.push(LineProblem {
                line: record,
                message: format!(
                    "the record uses message type {local}, which was never defined; nothing after it is read"
                ),
            });
            break;
        };
        let Some(body) = bytes.get(at..at + def.size()) else {
            cut(record, &mut out);
            break;
        };
        at += def.size();
        let mut fields = Vec::new();
        let mut off = 0;
        for &(num, size, t) in &def.fields {
            let b = &body[off..off + usize::from(size)];
            off += usize::from(size);
            let v = value(t, b, def.big);
            if num == TIMESTAMP
                && let Value::Num(xs) = &v
                && let Some(Some(ts)) = xs.first()
            {
                last_time = Some(*ts as u32);
            }
            if wanted(def.global) {
                fields.push((num, v));
            }
        }
        if let Some(offset) = compressed {
            match last_time {
                Some(last) => {
                    let mut ts = (last & !0x1F) + offset;
                    if offset < (last & 0x1F) {
                        ts += 0x20;
                    }
                    last_time = Some(ts);
                    fields.retain(|(n, _)| *n != TIMESTAMP);
                    fields.push((TIMESTAMP, Value::Num(vec![Some(f64::from(ts))])));
                }
                None => out.problems.push(LineProblem {
                    line: record,
                    message: "a compressed time comes before any full time; it is left out".into(),
                }),
            }
        }
        if wanted(def.global) {
            out.messages.push(Message {
                global: def.global,
                record,
                fields,
            });
        }
    }
    Ok(out)
}

fn sport_name(sport: Option<f64>) -> &'static str {
    const NAMES: [&str; 49] = [
        "generic",
        "running",
        "cycling",
        "transition",
        "fitness_equipment",
        "swimming",
        "basketball",
        "soccer",
        "tennis",
        "american_football",
        "training",
        "walking",
        "cross_country_skiing",
        "alpine_skiing",
        "snowboarding",
        "rowing",
        "mountaineering",
        "hiking",
        "multisport",
        "paddling",
        "flying",
        "e_biking",
        "motorcycling",
        "boating",
        "driving",
        "golf",
        "hang_gliding",
        "horseback_riding",
        "hunting",
        "fishing",
        "inline_skating",
        "rock_climbing",
        "sailing",
        "ice_skating",
        "sky_diving",
        "snowshoeing",
        "snowmobiling",
        "stand_up_paddleboarding",
        "surfing",
        "wakeboarding",
        "water_skiing",
        "kayaking",
        "rafting",
        "windsurfing",
        "kitesurfing",
        "tactical",
        "jumpmaster",
        "boxing",
        "floor_climbing",
    ];
    sport
        .and_then(|s| NAMES.get(s as usize).copied())
        .unwrap_or("generic")
}

fn sub_sport_name(sub: Option<f64>) -> &'static str {
    match sub.map(|s| s as u32) {
        Some(1) => "treadmill",
        Some(5) => "spin",
        Some(6) => "indoor_cycling",
        Some(14) => "indoor_rowing",
        Some(15) => "elliptical",
        Some(16) => "stair_climbing",
        Some(17) => "lap_swimming",
        Some(18) => "open_water",
        Some(20) => "strength_training",
        Some(27) => "indoor_walking",
        Some(45) => "indoor_running",
        _ => "",
    }
}

/// FIT exercise categories as names: the catalogue's where one exercise is meant, otherwise a
/// plain name that goes through the mapping step.
fn category_name(category: Option<f64>) -> &'static str {
    match category.map(|c| c as u32) {
        Some(0) => "Bench Press (Barbell)",
        Some(1) => "Calf Raise",
        Some(2) => "Cardio",
        Some(3) => "Farmer's Walk",
        Some(4) => "Chop",
        Some(5) => "Core",
        Some(6) => "Crunch",
        Some(7) => "Curl",
        Some(8) => "Deadlift (Barbell)",
        Some(9) => "Fly",
        Some(10) => "Hip Raise",
        Some(11) => "Hip Stability",
        Some(12) => "Hip Swing",
        Some(13) => "Back Extension",
        Some(14) => "Lateral Raise",
        Some(15) => "Leg Curl",
        Some(16) => "Leg Raise",
        Some(17) => "Lunge",
        Some(18) => "Olympic Lift",
        Some(19) => "Plank",
        Some(20) => "Plyometrics",
        Some(21) => "Pull Up",
        Some(22) => "Push Up",
        Some(23) => "Row",
        Some(24) => "Overhead Press (Barbell)",
        Some(25) => "Shoulder Stability",
        Some(26) => "Shrug (Barbell)",
        Some(27) => "Sit Up",
        Some(28) => "Squat (Barbell)",
        Some(29) => "Total Body",
        Some(30) => "Triceps Extension",
        Some(31) => "Warm Up",
        Some(32) => "Running",
        _ => "Strength Exercise",
    }
}

fn semicircles(v: f64) -> f64 {
    v * 180.0 / 2_147_483_648.0
}

/// A record's point, when it has a position.
fn point(m: &Message) -> Option<Point> {
    let (lat, lon) = (m.num(0)?, m.num(1)?);
    // Enhanced altitude (78) is the precise one; both are metres × 5 + 500.
    let ele = m.num(78).or_else(|| m.num(2)).map(|a| a / 5.0 - 500.0);
    Point::from_degrees(semicircles(lat), semicircles(lon), ele, m.time(TIMESTAMP))
}

/// Reads a FIT file into workouts.
pub fn parse(bytes: &[u8]) -> Result<Parsed, String> {
    let Decoded { messages, problems } = decode(bytes)?;
    let of = |g: u16| messages.iter().filter(move |m| m.global == g);
    let active: Vec<&Message> = of(SET)
        .filter(|m| m.num(5).is_none_or(|t| t as u32 == 1))
        .collect();
    if !active.is_empty() {
        return Ok(strength(&messages, &active, problems));
    }
    let records: Vec<&Message> = of(RECORD).collect();
    let sport_msg = of(SPORT).next();
    let sessions: Vec<&Message> = of(SESSION).collect();
    let mut acts = Vec::new();
    if sessions.is_empty() {
        let laps: Vec<&Message> = of(LAP).collect();
        let sum = |f: u8, scale: f64| {
            let xs: Vec<f64> = laps.iter().filter_map(|l| l.num(f)).collect();
            (!xs.is_empty()).then(|| xs.iter().sum::<f64>() / scale)
        };
        let sport = sport_msg.or(laps.first().copied());
        acts.push(Activity {
            line: records.first().or(laps.first()).map_or(0, |m| m.record),
            sport: format!(
                "{} {}",
                sport_name(sport.and_then(|m| m.num(if m.global == LAP { 25 } else { 0 }))),
                sub_sport_name(sport.and_then(|m| m.num(if m.global == LAP { 39 } else { 1 })))
            ),
            name: sport_msg.and_then(|m| m.text(3)).unwrap_or("").to_owned(),
            started_at: laps.iter().filter_map(|l| l.time(2)).min(),
            timer_s: sum(8, 1000.0),
            distance_m: sum(9, 100.0),
            ended_at: None,
            points: records.iter().filter_map(|r| point(r)).collect(),
            times: records
                .iter()
                .filter(|r| point(r).is_none())
                .filter_map(|r| r.time(TIMESTAMP))
                .collect(),
        });
    }
    let many = sessions.len() > 1;
    for s in &sessions {
        let start = s.time(2);
        let end = match (start, s.num(7)) {
            (Some(st), Some(el)) => Some(st + (el / 1000.0).round() as i64),
            _ => s.time(TIMESTAMP),
        };
        // With several sessions (multisport), each takes the records of its own time.
        let within = |r: &&&Message| {
            !many
                || match (start, end, r.time(TIMESTAMP)) {
                    (Some(a), Some(b), Some(t)) => t >= a && t <= b,
                    _ => false,
                }
        };
        acts.push(Activity {
            line: s.record,
            sport: format!("{} {}", sport_name(s.num(5)), sub_sport_name(s.num(6))),
            name: if many {
                String::new()
            } else {
                sport_msg.and_then(|m| m.text(3)).unwrap_or("").to_owned()
            },
            started_at: start,
            timer_s: s.num(8).map(|t| t / 1000.0),
            distance_m: s.num(9).map(|d| d / 100.0),
            ended_at: end,
            points: records
                .iter()
                .filter(within)
                .filter_map(|r| point(r))
                .collect(),
            times: records
                .iter()
                .filter(within)
                .filter(|r| point(r).is_none())
                .filter_map(|r| r.time(TIMESTAMP))
                .collect(),
        });
    }
    if acts
        .iter()
        .all(|a| a.points.is_empty() && a.times.is_empty() && a.started_at.is_none())
    {
        return Err(
            "The FIT file holds no activity (no sessions, laps, records or sets); is it a course or a settings file?"
                .into(),
        );
    }
    Ok(workouts(acts, problems))
}

/// A strength training file: one workout of its active sets.
fn strength(messages: &[Message], active: &[&Message], mut problems: Vec<LineProblem>) -> Parsed {
    let titles: HashMap<(u32, u32), &str> = messages
        .iter()
        .filter(|m| m.global == EXERCISE_TITLE)
        .filter_map(|m| Some(((m.num(0)? as u32, m.num(1)? as u32), m.text(2)?)))
        .collect();
    let session = messages.iter().find(|m| m.global == SESSION);
    let sport = messages.iter().find(|m| m.global == SPORT);
    let mut sets = Vec::new();
    let (mut first, mut last) = (None::<i64>, None::<i64>);
    for m in active {
        let duration = m
            .num(0)
            .map(|d| (d / 1000.0).round() as u32)
            .filter(|d| *d > 0);
        let start = m.time(6);
        let end = m
            .time(254)
            .or_else(|| start.zip(duration).map(|(s, d)| s + i64::from(d)));
        for t in [start, end].into_iter().flatten() {
            first = Some(first.map_or(t, |f| f.min(t)));
            last = Some(last.map_or(t, |l| l.max(t)));
        }
        let key = (m.num(7).map(|c| c as u32), m.num(8).map(|c| c as u32));
        let name = match key {
            (Some(c), Some(s)) => titles.get(&(c, s)).copied(),
            _ => None,
        }
        .unwrap_or_else(|| category_name(m.num(7)));
        let reps = m.num(3).map(|r| r as u32).filter(|r| *r > 0);
        let weight = m.num(4).map(|w| w / 16.0).filter(|w| *w > 0.0);
        let set = ParsedSet {
            exercise: name.to_owned(),
            kind: SetKind::Normal,
            reps,
            weight_kg: weight,
            rpe: None,
            duration_s: if reps.is_none() { duration } else { None },
            distance_m: None,
        };
        let problem = if reps.is_some_and(|r| r > 10_000) {
            Some("more than 10,000 repetitions")
        } else if weight.is_some_and(|w| w > 2_000.0) {
            Some("a weight above 2,000 kg")
        } else if set.reps.is_none() && set.weight_kg.is_none() && set.duration_s.is_none() {
            Some("nothing was done in this set")
        } else {
            None
        };
        match problem {
            Some(p) => problems.push(LineProblem {
                line: m.record,
                message: p.to_owned(),
            }),
            None => sets.push(set),
        }
    }
    let started_at = session.and_then(|s| s.time(2)).or(first);
    let Some(started_at) = started_at else {
        problems.push(LineProblem {
            line: active[0].record,
            message: "the sets have no times, so the workout cannot be dated".into(),
        });
        return Parsed {
            workouts: Vec::new(),
            problems,
        };
    };
    let duration = session
        .and_then(|s| s.num(7))
        .map(|e| (e / 1000.0).round() as i64)
        .or_else(|| last.map(|l| l - started_at))
        .filter(|d| *d > 0)
        .map(|d| u32::try_from(d).unwrap_or(u32::MAX));
    let title = sport
        .and_then(|m| m.text(3))
        .unwrap_or("Strength training")
        .chars()
        .take(200)
        .collect();
    let workouts = if sets.is_empty() {
        Vec::new()
    } else {
        vec![ParsedWorkout {
            title,
            started_at,
            duration_s: duration,
            notes: String::new(),
            sets,
            track: None,
        }]
    };
    Parsed { workouts, problems }
}

#[cfg(test)]
mod tests {
    use super::super::fit_encode::{
        ENUM, FitWriter, SINT32, STRING, UINT8, UINT16, UINT32, V, fit_time, semicircles,
    };
    use super::*;

    const START: i64 = 1_780_000_000;

    /// A run: file id, 120 records at 1 s (every other one with a compressed timestamp, one
    /// local type big-endian, with developer fields), a lap and a session.
    pub fn run_file() -> Vec<u8> {
        let mut w = FitWriter::new();
        w.define(0, FILE_ID, false, &[(0, 1, ENUM), (4, 4, UINT32)], &[]);
        w.data(0, &[V::N(4), V::N(fit_time(START))]);
        let rec = [
            (253, 4, UINT32),
            (0, 4, SINT32),
            (1, 4, SINT32),
            (2, 2, UINT16),
            (5, 4, UINT32),
        ];
        w.define(1, RECORD, true, &rec, &[2]);
        w.define(2, RECORD, false, &rec[1..], &[]);
        for i in 0..120i64 {
            let lat = semicircles(47.0 + i as f64 * 0.0001);
            let lon = semicircles(8.0);
            let alt = ((400.0 + i as f64 * 0.1 + 500.0) * 5.0) as i64;
            if i % 2 == 0 {
                w.data(
                    1,
                    &[
                        V::N(fit_time(START + i)),
                        V::N(lat),
                        V::N(lon),
                        V::N(alt),
                        V::N(i * 1_112),
                    ],
                );
            } else {
                let offset = (fit_time(START + i) & 0x1F) as u8;
                w.compressed(
                    2,
                    offset,
                    &[V::N(lat), V::N(lon), V::N(alt), V::N(i * 1_112)],
                );
            }
        }
        let summary = [
            (253, 4, UINT32),
            (2, 4, UINT32),
            (7, 4, UINT32),
            (8, 4, UINT32),
            (9, 4, UINT32),
            (5, 1, ENUM),
            (6, 1, ENUM),
        ];
        w.define(3, LAP, false, &summary, &[]);
        w.data(
            3,
            &[
                V::N(fit_time(START + 119)),
                V::N(fit_time(START)),
                V::N(119_000),
                V::N(115_000),
                V::N(132_300),
                V::N(1),
                V::N(0),
            ],
        );
        w.define(3, SESSION, false, &summary, &[]);
        w.data(
            3,
            &[
                V::N(fit_time(START + 119)),
                V::N(fit_time(START)),
                V::N(119_000),
                V::N(115_000),
                V::N(132_300),
                V::N(1),
                V::N(0),
            ],
        );
        w.finish()
    }

    pub fn strength_file() -> Vec<u8> {
        let mut w = FitWriter::new();
        w.define(0, FILE_ID, false, &[(0, 1, ENUM)], &[]);
        w.data(0, &[V::N(4)]);
        w.define(
            1,
            EXERCISE_TITLE,
            false,
            &[(0, 2, UINT16), (1, 2, UINT16), (2, 16, STRING)],
            &[],
        );
        w.data(1, &[V::N(28), V::N(6), V::S("Goblet Squat")]);
        w.define(
            2,
            SET,
            false,
            &[
                (254, 4, UINT32),
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
        for (reps, kg16, kind, cat, sub) in [
            (5, 100 * 16, 1, 0, 1),
            (0, 0, 0, 0, 1),
            (5, 1_640, 1, 0, 1),
            (10, 24 * 16, 1, 28, 6),
            (0, 0xFFFF, 1, 19, 0xFFFF),
            (8, 0, 1, 14, 0),
        ] {
            let duration = if kind == 0 { 90_000 } else { 40_000 };
            w.data(
                2,
                &[
                    V::N(fit_time(t + duration / 1000)),
                    V::N(duration),
                    V::N(if reps == 0 { 0xFFFF } else { reps }),
                    V::N(kg16),
                    V::N(kind),
                    V::N(fit_time(t)),
                    V::N(cat),
                    V::N(sub),
                ],
            );
            t += duration / 1000;
        }
        w.finish()
    }

    #[test]
    fn an_activity_with_records() {
        let p = parse(&run_file()).unwrap();
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        assert_eq!(p.workouts.len(), 1);
        let w = &p.workouts[0];
        assert_eq!(w.started_at, START);
        assert_eq!(w.duration_s, Some(119));
        assert_eq!(w.title, "Running");
        let s = &w.sets[0];
        assert_eq!(s.exercise, "Running");
        assert_eq!(s.distance_m, Some(1_323.0));
        assert_eq!(s.duration_s, Some(115));
        let t = &w.track.as_ref().unwrap().0;
        assert_eq!(t.points.len(), 120);
        assert_eq!(
            t.points[119].t,
            Some(START + 119),
            "compressed times roll over"
        );
        assert!((t.points[10].lat_deg() - 47.001).abs() < 1e-6);
        assert!((t.points[10].ele_m().unwrap() - 401.0).abs() < 0.11);
        assert!((t.distance_m() - 1_323.0).abs() < 2.0, "{}", t.distance_m());
    }

    #[test]
    fn a_strength_file_with_sets() {
        let p = parse(&strength_file()).unwrap();
        let w = &p.workouts[0];
        assert_eq!(w.title, "Strength training");
        assert_eq!(w.started_at, START);
        let names: Vec<&str> = w.sets.iter().map(|s| s.exercise.as_str()).collect();
        assert_eq!(
            names,
            [
                "Bench Press (Barbell)",
                "Bench Press (Barbell)",
                "Goblet Squat",
                "Plank",
                "Lateral Raise"
            ]
        );
        assert_eq!(w.sets[0].reps, Some(5));
        assert_eq!(w.sets[0].weight_kg, Some(100.0));
        assert_eq!(w.sets[1].weight_kg, Some(102.5));
        assert_eq!(w.sets[3].reps, None);
        assert_eq!(w.sets[3].duration_s, Some(40));
        assert_eq!(w.sets[4].weight_kg, None);
        assert_eq!(w.duration_s, Some(40 * 5 + 90));
        assert!(w.track.is_none());
    }

    #[test]
    fn checksums_are_checked() {
        let mut f = run_file();
        let n = f.len();
        f[n / 2] ^= 0x10;
        assert!(parse(&f).unwrap_err().contains("checksum"));
        let mut f = run_file();
        f[12] ^= 1;
        assert!(parse(&f).unwrap_err().contains("header"));
        assert!(
            parse(b"Date,Workout\n1,2,3,4,5,6,7")
                .unwrap_err()
                .contains("not a FIT")
        );
    }

    #[test]
    fn truncated_and_corrupt_files_never_panic() {
        let f = run_file();
        for cut in 0..f.len() {
            let _ = parse(&f[..cut]);
        }
        let cut = parse(&f[..f.len() / 2]).unwrap();
        assert!(cut.problems.iter().any(|p| p.message.contains("cut short")));
        let t = &cut.workouts[0].track.as_ref().unwrap().0;
        assert!(
            t.points.len() > 20 && t.points.len() < 120,
            "{}",
            t.points.len()
        );
        // Damage every byte in turn, fixing the checksums so the decoder reads the damage.
        let s = strength_file();
        for i in 14..s.len() - 2 {
            for x in [0x01, 0x40, 0x80, 0xFF] {
                let mut d = s.clone();
                d[i] ^= x;
                let e = d.len() - 2;
                let crc = crc16(0, &d[..e]);
                d[e..].copy_from_slice(&crc.to_le_bytes());
                let _ = parse(&d);
            }
        }
    }

    #[test]
    fn an_undefined_local_type_stops_with_a_problem() {
        let mut w = FitWriter::new();
        w.define(0, FILE_ID, false, &[(0, 1, ENUM)], &[]);
        w.data(0, &[V::N(4)]);
        let mut f = w.finish();
        // Turn the data message's header into local type 5, then fix the checksum.
        f[14 + 1 + 5 + 3] = 0x05;
        let e = f.len() - 2;
        let crc = crc16(0, &f[..e]);
        f[e..].copy_from_slice(&crc.to_le_bytes());
        let d = decode(&f).unwrap();
        assert!(
            d.problems[0].message.contains("never defined"),
            "{:?}",
            d.problems
        );
    }
}
