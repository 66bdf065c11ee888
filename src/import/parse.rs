//! Reading other apps' exports: Strong CSV (with or without `RPE` and `Workout #`, comma or
//! semicolon, weights in kg or lb) and Hevy CSV. Pure functions: bytes in, workouts and the
//! problems of each bad row (by line) out.

use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

use crate::training::model::SetKind;

pub const LB: f64 = 0.453_592_37;
pub const MILE: f64 = 1_609.344;
/// Most rows read from one file.
pub const MAX_ROWS: usize = 200_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Strong,
    Hevy,
    /// Another Gymbox's account archive (ZIP); read by `super::gymbox`.
    Gymbox,
    Gpx,
    Tcx,
    Fit,
}

impl Format {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "strong" => Some(Self::Strong),
            "hevy" => Some(Self::Hevy),
            "gymbox" => Some(Self::Gymbox),
            "gpx" => Some(Self::Gpx),
            "tcx" => Some(Self::Tcx),
            "fit" => Some(Self::Fit),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Strong => "strong",
            Self::Hevy => "hevy",
            Self::Gymbox => "gymbox",
            Self::Gpx => "gpx",
            Self::Tcx => "tcx",
            Self::Fit => "fit",
        }
    }
}

/// The unit of weights (and distances) in a file that does not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Kg,
    Lb,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParsedSet {
    /// The exercise's name in the file.
    pub exercise: String,
    pub kind: SetKind,
    pub reps: Option<u32>,
    pub weight_kg: Option<f64>,
    pub rpe: Option<f64>,
    pub duration_s: Option<u32>,
    pub distance_m: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParsedWorkout {
    pub title: String,
    pub started_at: i64,
    pub duration_s: Option<u32>,
    pub notes: String,
    pub sets: Vec<ParsedSet>,
    /// The route of a GPS activity (GPX, TCX, FIT), kept with the workout.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub track: Option<super::activity::KeptTrack>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineProblem {
    pub line: usize,
    pub message: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Parsed {
    pub workouts: Vec<ParsedWorkout>,
    pub problems: Vec<LineProblem>,
}

/// Splits CSV text into records (RFC 4180: quoted fields may hold the delimiter, doubled
/// quotes and line breaks), each with the line it starts on.
fn records(text: &str, delim: char) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    let (mut field, mut row) = (String::new(), Vec::new());
    let (mut quoted, mut line, mut start) = (false, 1, 1);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' if quoted => quoted = false,
            '"' if field.is_empty() => quoted = true,
            c if c == delim && !quoted => row.push(std::mem::take(&mut field)),
            '\r' if !quoted => {}
            '\n' if !quoted => {
                row.push(std::mem::take(&mut field));
                if !(row.len() == 1 && row[0].trim().is_empty()) {
                    out.push((start, std::mem::take(&mut row)));
                }
                row.clear();
                line += 1;
                start = line;
            }
            '\n' => {
                field.push('\n');
                line += 1;
            }
            c => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        out.push((start, row));
    }
    out
}

fn key(h: &str) -> String {
    h.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A number as exports write them: `62.5`, `62,5` (semicolon files), empty for none.
fn number(s: &str, decimal_comma: bool) -> Result<Option<f64>, String> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let t = if decimal_comma {
        t.replace(',', ".")
    } else {
        t.to_owned()
    };
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(Some(v)),
        _ => Err(format!("'{s}' is not a number")),
    }
}

/// "1h 5m", "45m", "1h", "3600s" or plain seconds.
fn duration_text(s: &str) -> Option<u32> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    if let Ok(n) = t.parse::<u32>() {
        return Some(n);
    }
    let mut total = 0u32;
    for part in t.split_whitespace() {
        let (n, unit) = part.split_at(part.find(|c: char| !c.is_ascii_digit())?);
        let n: u32 = n.parse().ok()?;
        total += match unit {
            "h" => n * 3600,
            "m" | "min" => n * 60,
            "s" => n,
            _ => return None,
        };
    }
    Some(total)
}

/// A local date and time as the apps write it, in the member's time zone.
fn local_time(s: &str, tz: &TimeZone) -> Option<i64> {
    let t = s.trim();
    if let Ok(ts) = t.parse::<jiff::Timestamp>() {
        return Some(ts.as_second());
    }
    for fmt in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%d %b %Y, %H:%M",
        "%d %B %Y, %H:%M",
        "%b %d, %Y, %H:%M",
    ] {
        if let Ok(dt) = DateTime::strptime(fmt, t) {
            return dt
                .to_zoned(tz.clone())
                .ok()
                .map(|z| z.timestamp().as_second());
        }
    }
    None
}

struct Columns {
    names: Vec<String>,
}

impl Columns {
    fn find(&self, keys: &[&str]) -> Option<usize> {
        keys.iter()
            .find_map(|k| self.names.iter().position(|n| n == k))
    }
}

/// Reads an export. `unit` is the unit of weights and distances when the file does not say.
pub fn parse(format: Format, bytes: &[u8], unit: Unit, tz: &TimeZone) -> Result<Parsed, String> {
    match format {
        Format::Gpx => super::activity::gpx(bytes),
        Format::Tcx => super::activity::tcx(bytes),
        Format::Fit => super::fit::parse(bytes),
        Format::Gymbox => Err("A Gymbox archive is a ZIP, not a CSV file.".into()),
        Format::Strong | Format::Hevy => csv(format, bytes, unit, tz),
    }
}

/// Reads a Strong or Hevy CSV export.
fn csv(format: Format, bytes: &[u8], unit: Unit, tz: &TimeZone) -> Result<Parsed, String> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| "The file is not text (UTF-8); export it again as CSV.".to_owned())?;
    let text = text.trim_start_matches('\u{feff}');
    let header_line = text.lines().next().unwrap_or("");
    let delim = if header_line.matches(';').count() > header_line.matches(',').count() {
        ';'
    } else {
        ','
    };
    let mut rows = records(text, delim).into_iter();
    let Some((_, header)) = rows.next() else {
        return Err("The file is empty.".into());
    };
    let cols = Columns {
        names: header.iter().map(|h| key(h)).collect(),
    };
    if format == Format::Hevy {
        hevy(&cols, rows, unit, tz)
    } else {
        strong(&cols, rows, delim == ';', unit, tz)
    }
}

type Rows = std::vec::IntoIter<(usize, Vec<String>)>;

/// Groups sets into workouts by a key (start and title), keeping the file's order.
#[derive(Default)]
struct Grouper {
    workouts: Vec<ParsedWorkout>,
    keys: std::collections::HashMap<(i64, String), usize>,
}

impl Grouper {
    fn workout(&mut self, started_at: i64, title: &str) -> &mut ParsedWorkout {
        let k = (started_at, title.to_owned());
        let i = *self.keys.entry(k).or_insert_with(|| {
            self.workouts.push(ParsedWorkout {
                title: title.to_owned(),
                started_at,
                duration_s: None,
                notes: String::new(),
                sets: Vec::new(),
                track: None,
            });
            self.workouts.len() - 1
        });
        &mut self.workouts[i]
    }
}

fn cell(row: &[String], i: Option<usize>) -> &str {
    i.and_then(|i| row.get(i)).map_or("", |s| s.trim())
}

fn checked_set(mut s: ParsedSet) -> Result<ParsedSet, String> {
    if s.reps.is_some_and(|r| r > 10_000) {
        return Err("more than 10,000 repetitions".into());
    }
    if s.weight_kg.is_some_and(|w| w > 2_000.0) {
        return Err("a weight above 2,000 kg".into());
    }
    if s.rpe.is_some_and(|r| !(1.0..=10.0).contains(&r)) {
        s.rpe = None;
    }
    if s.reps.is_none() && s.weight_kg.is_none() && s.duration_s.is_none() && s.distance_m.is_none()
    {
        return Err("nothing was done in this set".into());
    }
    Ok(s)
}

/// Whether row `n` is past what one file may hold (noted once, on that line).
fn past_limit(n: usize, line: usize, problems: &mut Vec<LineProblem>) -> bool {
    if n < MAX_ROWS {
        return false;
    }
    problems.push(LineProblem {
        line,
        message: format!("only the first {MAX_ROWS} rows are read"),
    });
    true
}

/// The cells of one set as a row holds them, in the file's units.
struct SetCells<'a> {
    weight: &'a str,
    reps: &'a str,
    distance: &'a str,
    seconds: &'a str,
    rpe: &'a str,
}

/// A set from its cells: weights to kg (`lb`), distances to metres, zeros as nothing.
fn read_set(
    name: &str,
    kind: SetKind,
    c: &SetCells<'_>,
    decimal_comma: bool,
    lb: bool,
    distance_to_m: f64,
) -> Result<ParsedSet, String> {
    let w = number(c.weight, decimal_comma)?;
    let r = number(c.reps, decimal_comma)?.filter(|r| *r > 0.0);
    let d = number(c.distance, decimal_comma)?;
    let s = number(c.seconds, decimal_comma)?;
    let e = number(c.rpe, decimal_comma)?;
    checked_set(ParsedSet {
        exercise: name.to_owned(),
        kind,
        reps: r.map(|r| r.round() as u32),
        weight_kg: w
            .filter(|w| *w > 0.0 || r.is_some())
            .map(|w| if lb { w * LB } else { w })
            .map(|w| (w * 1000.0).round() / 1000.0),
        rpe: e,
        duration_s: s.filter(|s| *s > 0.0).map(|s| s.round() as u32),
        distance_m: d
            .filter(|d| *d > 0.0)
            .map(|d| (d * distance_to_m * 10.0).round() / 10.0),
    })
}

fn strong(
    cols: &Columns,
    rows: Rows,
    comma: bool,
    unit: Unit,
    tz: &TimeZone,
) -> Result<Parsed, String> {
    let date = cols.find(&["date"]);
    let exercise = cols.find(&["exercisename"]);
    let (Some(date), Some(exercise)) = (date, exercise) else {
        return Err(
            "This is not a Strong export: it needs the columns Date and Exercise Name.".into(),
        );
    };
    let title = cols.find(&["workoutname"]);
    let duration = cols.find(&["duration", "workoutduration"]);
    let duration_sec = cols.find(&["durationsec"]);
    let order = cols.find(&["setorder"]);
    let (weight, weight_unit) = match cols.find(&["weightkg"]) {
        Some(i) => (Some(i), Some(Unit::Kg)),
        None => match cols.find(&["weightlbs", "weightlb"]) {
            Some(i) => (Some(i), Some(Unit::Lb)),
            None => (cols.find(&["weight"]), None),
        },
    };
    let weight_unit_col = cols.find(&["weightunit"]);
    let reps = cols.find(&["reps"]);
    let rpe = cols.find(&["rpe"]);
    let (distance, distance_factor) = match cols.find(&["distancemeters", "distancem"]) {
        Some(i) => (Some(i), Some(1.0)),
        None => match cols.find(&["distancekm"]) {
            Some(i) => (Some(i), Some(1000.0)),
            None => match cols.find(&["distancemiles", "distancemi"]) {
                Some(i) => (Some(i), Some(MILE)),
                None => (cols.find(&["distance"]), None),
            },
        },
    };
    let distance_unit_col = cols.find(&["distanceunit"]);
    let seconds = cols.find(&["seconds"]);
    let workout_notes = cols.find(&["workoutnotes"]);
    let mut g = Grouper::default();
    let mut problems = Vec::new();
    for (n, (line, row)) in rows.enumerate() {
        if past_limit(n, line, &mut problems) {
            break;
        }
        let set_order = cell(&row, order);
        if set_order.eq_ignore_ascii_case("rest timer") {
            continue;
        }
        let mut fail = |message: String| problems.push(LineProblem { line, message });
        let Some(started_at) = local_time(cell(&row, Some(date)), tz) else {
            fail(format!(
                "'{}' is not a date and time",
                cell(&row, Some(date))
            ));
            continue;
        };
        let name = cell(&row, Some(exercise));
        if name.is_empty() {
            fail("no exercise name".into());
            continue;
        }
        let lb = match weight_unit.or_else(|| {
            weight_unit_col.map(|i| {
                if cell(&row, Some(i)).to_lowercase().starts_with("lb") {
                    Unit::Lb
                } else {
                    Unit::Kg
                }
            })
        }) {
            Some(u) => u == Unit::Lb,
            None => unit == Unit::Lb,
        };
        let distance_to_m = distance_factor.unwrap_or_else(|| {
            let u = distance_unit_col.map(|i| cell(&row, Some(i)).to_lowercase());
            match u.as_deref() {
                Some("m" | "meters") => 1.0,
                Some("mi" | "miles") => MILE,
                Some(_) => 1000.0,
                None if unit == Unit::Lb => MILE,
                None => 1000.0,
            }
        });
        let kind = match set_order.to_uppercase().as_str() {
            "W" => SetKind::Warmup,
            "D" => SetKind::Drop,
            "F" => SetKind::Failure,
            _ => SetKind::Normal,
        };
        let cells = SetCells {
            weight: cell(&row, weight),
            reps: cell(&row, reps),
            distance: cell(&row, distance),
            seconds: cell(&row, seconds),
            rpe: cell(&row, rpe),
        };
        let parsed = read_set(name, kind, &cells, comma, lb, distance_to_m);
        match parsed {
            Ok(set) => {
                let w = g.workout(started_at, cell(&row, title));
                if w.duration_s.is_none() {
                    w.duration_s = match duration_sec {
                        Some(i) => cell(&row, Some(i)).parse().ok(),
                        None => duration.and_then(|i| duration_text(cell(&row, Some(i)))),
                    };
                }
                if w.notes.is_empty() {
                    w.notes = cell(&row, workout_notes).to_owned();
                }
                w.sets.push(set);
            }
            Err(e) => fail(e),
        }
    }
    Ok(Parsed {
        workouts: g.workouts,
        problems,
    })
}

fn hevy(cols: &Columns, rows: Rows, unit: Unit, tz: &TimeZone) -> Result<Parsed, String> {
    let start = cols.find(&["starttime"]);
    let exercise = cols.find(&["exercisetitle"]);
    let (Some(start), Some(exercise)) = (start, exercise) else {
        return Err(
            "This is not a Hevy export: it needs the columns start_time and exercise_title.".into(),
        );
    };
    let title = cols.find(&["title"]);
    let end = cols.find(&["endtime"]);
    let description = cols.find(&["description"]);
    let set_type = cols.find(&["settype"]);
    let (weight, lb) = match cols.find(&["weightkg"]) {
        Some(i) => (Some(i), false),
        None => match cols.find(&["weightlbs", "weightlb"]) {
            Some(i) => (Some(i), true),
            None => (cols.find(&["weight"]), unit == Unit::Lb),
        },
    };
    let reps = cols.find(&["reps"]);
    let (distance, to_m) = match cols.find(&["distancekm"]) {
        Some(i) => (Some(i), 1000.0),
        None => match cols.find(&["distancemiles"]) {
            Some(i) => (Some(i), MILE),
            None => (cols.find(&["distancemeters", "distance"]), 1.0),
        },
    };
    let seconds = cols.find(&["durationseconds"]);
    let rpe = cols.find(&["rpe"]);
    let mut g = Grouper::default();
    let mut problems = Vec::new();
    for (n, (line, row)) in rows.enumerate() {
        if past_limit(n, line, &mut problems) {
            break;
        }
        let mut fail = |message: String| problems.push(LineProblem { line, message });
        let Some(started_at) = local_time(cell(&row, Some(start)), tz) else {
            fail(format!(
                "'{}' is not a date and time",
                cell(&row, Some(start))
            ));
            continue;
        };
        let name = cell(&row, Some(exercise));
        if name.is_empty() {
            fail("no exercise title".into());
            continue;
        }
        let kind = match cell(&row, set_type) {
            "warmup" => SetKind::Warmup,
            "dropset" => SetKind::Drop,
            "failure" => SetKind::Failure,
            _ => SetKind::Normal,
        };
        let cells = SetCells {
            weight: cell(&row, weight),
            reps: cell(&row, reps),
            distance: cell(&row, distance),
            seconds: cell(&row, seconds),
            rpe: cell(&row, rpe),
        };
        let parsed = read_set(name, kind, &cells, false, lb, to_m);
        match parsed {
            Ok(set) => {
                let finished = end.and_then(|i| local_time(cell(&row, Some(i)), tz));
                let w = g.workout(started_at, cell(&row, title));
                if w.duration_s.is_none() {
                    w.duration_s = finished
                        .filter(|f| *f >= started_at)
                        .and_then(|f| u32::try_from(f - started_at).ok());
                }
                if w.notes.is_empty() {
                    w.notes = cell(&row, description).to_owned();
                }
                w.sets.push(set);
            }
            Err(e) => fail(e),
        }
    }
    Ok(Parsed {
        workouts: g.workouts,
        problems,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> i64 {
        s.parse::<jiff::Timestamp>().unwrap().as_second()
    }

    /// Strong's older export: comma, no RPE, weights in the app's unit (lb here).
    #[test]
    fn strong_without_rpe_in_pounds() {
        let csv = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes\n\
2021-03-15 18:02:11,\"Push, heavy\",1h 5m,Bench Press (Barbell),1,135,10,0,0,,\"Felt good\"\n\
2021-03-15 18:02:11,\"Push, heavy\",1h 5m,Bench Press (Barbell),2,185,5,0,0,,\n\
2021-03-15 18:02:11,\"Push, heavy\",1h 5m,Running,1,0,0,3.1,1500,,\n\
2021-03-17 07:00:00,Legs,45m,Squat (Barbell),1,abc,5,0,0,,\n";
        let p = parse(Format::Strong, csv.as_bytes(), Unit::Lb, &TimeZone::UTC).unwrap();
        assert_eq!(p.workouts.len(), 1, "the bad row's workout has no sets");
        let w = &p.workouts[0];
        assert_eq!(w.title, "Push, heavy");
        assert_eq!(w.started_at, utc("2021-03-15T18:02:11Z"));
        assert_eq!(w.duration_s, Some(3900));
        assert_eq!(w.notes, "Felt good");
        assert_eq!(w.sets[0].weight_kg, Some(61.235));
        assert_eq!(w.sets[1].reps, Some(5));
        assert_eq!(w.sets[2].distance_m, Some(4989.0), "miles in a pound file");
        assert_eq!(w.sets[2].duration_s, Some(1500));
        assert_eq!(w.sets[2].weight_kg, None);
        assert_eq!(
            p.problems,
            vec![LineProblem {
                line: 5,
                message: "'abc' is not a number".into()
            }]
        );
    }

    /// Strong's European export: semicolons, decimal commas, a unit per row, RPE.
    #[test]
    fn strong_semicolons_with_units_and_rpe() {
        let csv = "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes;Workout Duration\n\
2022-01-10 19:30:00;Ноги;Приседания;1;62,5;kg;8;8,5;;;;;;50m\n\
2022-01-10 19:30:00;Ноги;Приседания;2;140;lbs;8;;;;;;;50m\n";
        let tz = TimeZone::get("Europe/Moscow").unwrap();
        let p = parse(Format::Strong, csv.as_bytes(), Unit::Kg, &tz).unwrap();
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        let w = &p.workouts[0];
        assert_eq!(
            w.started_at,
            utc("2022-01-10T16:30:00Z"),
            "local time in Moscow"
        );
        assert_eq!(w.duration_s, Some(3000));
        assert_eq!(w.sets[0].weight_kg, Some(62.5));
        assert_eq!(w.sets[0].rpe, Some(8.5));
        assert_eq!(w.sets[1].weight_kg, Some(63.503));
    }

    /// Strong's newer export: `Workout #`, units in the headers, W/D/F set orders, rest timers.
    #[test]
    fn strong_with_workout_numbers_and_set_kinds() {
        let csv = "\u{feff}Workout #,Date,Workout Name,Duration (sec),Exercise Name,Set Order,Weight (kg),Reps,RPE,Distance (meters),Seconds,Notes,Workout Notes\r\n\
1,2024-05-02 06:15:00,Morning,2700,Deadlift (Barbell),W,60,5,,,,,\r\n\
1,2024-05-02 06:15:00,Morning,2700,Deadlift (Barbell),1,140,5,9,,,,\r\n\
1,2024-05-02 06:15:00,Morning,2700,Deadlift (Barbell),Rest Timer,,,,,90,,\r\n\
1,2024-05-02 06:15:00,Morning,2700,Deadlift (Barbell),D,100,8,,,,\"drop, grip \"\"gone\"\"\",\r\n";
        let p = parse(Format::Strong, csv.as_bytes(), Unit::Lb, &TimeZone::UTC).unwrap();
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        let w = &p.workouts[0];
        assert_eq!(w.duration_s, Some(2700));
        let kinds: Vec<SetKind> = w.sets.iter().map(|s| s.kind).collect();
        assert_eq!(kinds, [SetKind::Warmup, SetKind::Normal, SetKind::Drop]);
        assert_eq!(
            w.sets[1].weight_kg,
            Some(140.0),
            "kg from the header, not the default"
        );
        assert_eq!(w.sets[1].rpe, Some(9.0));
    }

    #[test]
    fn hevy_in_pounds_and_kilograms() {
        let csv = "title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,set_index,set_type,weight_lbs,reps,distance_miles,duration_seconds,rpe\n\
Upper,\"26 Nov 2024, 18:05\",\"26 Nov 2024, 19:10\",Good one,Bench Press (Barbell),,,0,warmup,95,10,,,\n\
Upper,\"26 Nov 2024, 18:05\",\"26 Nov 2024, 19:10\",Good one,Bench Press (Barbell),,,1,normal,185,5,,,8\n\
Upper,\"26 Nov 2024, 18:05\",\"26 Nov 2024, 19:10\",Good one,Treadmill,,,0,normal,,,1,600,\n";
        let p = parse(Format::Hevy, csv.as_bytes(), Unit::Kg, &TimeZone::UTC).unwrap();
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        let w = &p.workouts[0];
        assert_eq!(w.title, "Upper");
        assert_eq!(w.duration_s, Some(3900));
        assert_eq!(w.sets[0].kind, SetKind::Warmup);
        assert_eq!(w.sets[1].weight_kg, Some(83.915));
        assert_eq!(w.sets[2].distance_m, Some(1609.3));
        let kg = csv
            .replace("weight_lbs", "weight_kg")
            .replace("distance_miles", "distance_km");
        let p = parse(Format::Hevy, kg.as_bytes(), Unit::Lb, &TimeZone::UTC).unwrap();
        assert_eq!(p.workouts[0].sets[1].weight_kg, Some(185.0));
    }

    #[test]
    fn the_wrong_format_says_what_it_needs() {
        let hevy = "title,start_time,exercise_title\nA,2024-01-01 10:00,Squat\n";
        let e = parse(Format::Strong, hevy.as_bytes(), Unit::Kg, &TimeZone::UTC).unwrap_err();
        assert!(e.contains("Date and Exercise Name"), "{e}");
        assert!(parse(Format::Strong, &[0xff, 0xfe], Unit::Kg, &TimeZone::UTC).is_err());
        assert!(parse(Format::Hevy, b"", Unit::Kg, &TimeZone::UTC).is_err());
    }
}
