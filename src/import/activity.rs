//! GPS activities (GPX and TCX files; FIT files in `fit`) as workouts: one cardio workout per
//! activity, holding one set with the activity's distance and duration (laps are added up, as
//! a lifter's log keeps a run as one entry), and the route kept as a track. The exercise is
//! chosen by the kind of activity (running, cycling, walking, …); an activity of no stated
//! kind counts as running, and a kind the catalogue does not have goes through the mapping
//! step under its own name.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use quick_xml::events::{BytesStart, Event};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::parse::{LineProblem, Parsed, ParsedSet, ParsedWorkout};
use crate::tracks::{Point, Track};
use crate::training::model::SetKind;

/// Most activities read from one file.
pub const MAX_ACTIVITIES: usize = 1_000;
/// Most points read from one file (all of its activities).
pub const MAX_FILE_POINTS: usize = 500_000;

/// A route kept with a draft until it is applied (base64 of [`Track::pack`] in the draft).
#[derive(Debug, Clone, PartialEq)]
pub struct KeptTrack(pub Track);

impl Serialize for KeptTrack {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&STANDARD.encode(self.0.pack()))
    }
}

impl<'de> Deserialize<'de> for KeptTrack {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        let bytes = STANDARD.decode(text).map_err(serde::de::Error::custom)?;
        Track::unpack(&bytes)
            .map(KeptTrack)
            .map_err(serde::de::Error::custom)
    }
}

/// One activity as a file describes it, before it becomes a workout.
#[derive(Debug, Clone, Default)]
pub struct Activity {
    /// Where it starts in the file (line, or record number for FIT).
    pub line: usize,
    /// The kind as the file names it ("running", "Biking", "cycling/indoor_cycling", …).
    pub sport: String,
    pub name: String,
    /// Start when the file says it (otherwise the first point's time).
    pub started_at: Option<i64>,
    /// Time in motion or on the clock as the file adds it up, in seconds.
    pub timer_s: Option<f64>,
    /// The whole activity's length as the file says it, in metres.
    pub distance_m: Option<f64>,
    /// End when the file says it (otherwise the last point's time).
    pub ended_at: Option<i64>,
    pub points: Vec<Point>,
    /// Times of points without a position (indoor activities), to date and time them.
    pub times: Vec<i64>,
}

/// The catalogue exercise (English name) and the stored kind of an activity kind.
pub fn exercise_for(sport: &str) -> (String, String) {
    // "VirtualRide" → "virtual ride", "indoor_cycling" → "indoor cycling".
    let mut key = String::with_capacity(sport.len() + 4);
    let mut lower_before = false;
    for c in sport.chars() {
        if c.is_uppercase() && lower_before {
            key.push(' ');
        }
        lower_before = c.is_lowercase();
        if c.is_alphanumeric() {
            key.extend(c.to_lowercase());
        } else {
            key.push(' ');
        }
    }
    let words: Vec<&str> = key.split_whitespace().collect();
    let has = |w: &[&str]| words.iter().any(|x| w.contains(x));
    let indoor = has(&[
        "treadmill",
        "indoor",
        "stationary",
        "virtual",
        "machine",
        "erg",
    ]);
    let known = if has(&["run", "running", "jog", "jogging", "trail"]) {
        Some(if indoor {
            ("running", "Running (Treadmill)")
        } else {
            ("running", "Running")
        })
    } else if has(&[
        "cycling", "biking", "bike", "ride", "ebike", "mtb", "cycle", "bicycle", "gravel",
    ]) {
        Some(if indoor {
            ("cycling", "Cycling (Stationary Bike)")
        } else {
            ("cycling", "Cycling")
        })
    } else if has(&["walk", "walking"]) {
        Some(("walking", "Walking"))
    } else if has(&["hike", "hiking", "mountaineering"]) {
        Some(("hiking", "Hiking"))
    } else if has(&["swim", "swimming", "open water"]) {
        Some(("swimming", "Swimming"))
    } else if has(&["rowing", "row"]) {
        Some(if indoor {
            ("rowing", "Rowing (Machine)")
        } else {
            ("rowing", "Rowing")
        })
    } else if has(&["elliptical"]) {
        Some(("elliptical", "Elliptical"))
    } else if has(&["stair", "stairs"]) {
        Some(("stair_climbing", "Stair Climber"))
    } else if words.is_empty() || has(&["other", "generic", "unknown", "activity", "sport"]) {
        Some(("running", "Running"))
    } else {
        None
    };
    match known {
        Some((k, name)) => (name.to_owned(), k.to_owned()),
        None => {
            let name = words
                .iter()
                .map(|w| {
                    let mut c = w.chars();
                    c.next()
                        .map(|f| f.to_uppercase().chain(c).collect::<String>())
                        .unwrap_or_default()
                })
                .collect::<Vec<_>>()
                .join(" ");
            (name, words.join("_"))
        }
    }
}

impl Activity {
    /// The workout this activity becomes, or why it cannot.
    pub fn into_workout(self) -> Result<ParsedWorkout, LineProblem> {
        let problem = |message: &str| LineProblem {
            line: self.line,
            message: message.to_owned(),
        };
        let (exercise, sport) = exercise_for(&self.sport);
        let first_t = self
            .points
            .iter()
            .filter_map(|p| p.t)
            .chain(self.times.iter().copied())
            .min();
        let last_t = self
            .points
            .iter()
            .filter_map(|p| p.t)
            .chain(self.times.iter().copied())
            .max();
        let Some(started_at) = self.started_at.or(first_t) else {
            return Err(problem(
                "the activity has no time, so it cannot be dated (a route drawn in a planner?)",
            ));
        };
        let ended_at = self.ended_at.or(last_t).filter(|e| *e >= started_at);
        let elapsed = ended_at.map(|e| e - started_at);
        let track = Track {
            sport,
            points: self.points,
        }
        .capped();
        let distance = self
            .distance_m
            .filter(|d| d.is_finite() && *d > 0.0)
            .or_else(|| Some(track.distance_m()).filter(|d| *d > 0.0))
            .map(|d| (d * 10.0).round() / 10.0);
        let duration = self
            .timer_s
            .filter(|t| t.is_finite() && *t > 0.0)
            .map(|t| t.round() as i64)
            .or(elapsed)
            .filter(|d| *d > 0)
            .map(|d| u32::try_from(d).unwrap_or(u32::MAX));
        if distance.is_none() && duration.is_none() {
            return Err(problem(
                "the activity has neither a distance nor a duration",
            ));
        }
        if distance.is_some_and(|d| d > 2_000_000.0) {
            return Err(problem("the activity is longer than 2,000 km"));
        }
        let title = if self.name.trim().is_empty() {
            exercise.clone()
        } else {
            self.name.trim().chars().take(200).collect()
        };
        Ok(ParsedWorkout {
            title,
            started_at,
            duration_s: elapsed
                .or(duration.map(i64::from))
                .map(|d| u32::try_from(d).unwrap_or(u32::MAX)),
            notes: String::new(),
            sets: vec![ParsedSet {
                exercise,
                kind: SetKind::Normal,
                reps: None,
                weight_kg: None,
                rpe: None,
                duration_s: duration,
                distance_m: distance,
            }],
            track: (track.points.len() >= 2).then_some(KeptTrack(track)),
        })
    }
}

/// The activities of a file as workouts, with the problems of those that cannot be.
pub fn workouts(activities: Vec<Activity>, mut problems: Vec<LineProblem>) -> Parsed {
    let mut out = Vec::new();
    for a in activities {
        match a.into_workout() {
            Ok(w) => out.push(w),
            Err(p) => problems.push(p),
        }
    }
    Parsed {
        workouts: out,
        problems,
    }
}

/// An XML time (`2026-05-01T07:30:00Z`, with an offset or fractions of a second).
fn xml_time(s: &str) -> Option<i64> {
    let t = s.trim();
    t.parse::<jiff::Timestamp>()
        .ok()
        .or_else(|| format!("{t}Z").parse::<jiff::Timestamp>().ok())
        .map(|ts| ts.as_second())
}

fn number(s: &str) -> Option<f64> {
    s.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Line numbers of byte offsets.
struct Lines(Vec<usize>);

impl Lines {
    fn of(text: &str) -> Self {
        Self(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i)
                .collect(),
        )
    }

    fn at(&self, pos: u64) -> usize {
        let pos = usize::try_from(pos).unwrap_or(usize::MAX);
        self.0.partition_point(|&nl| nl < pos) + 1
    }
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name.as_bytes())
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// What the XML walk hands a format: an element opens, or closes with its text.
enum Step<'a, 'e> {
    Open(&'a BytesStart<'e>),
    Close(&'a str),
}

/// Walks an XML document: `on` sees each element opening (with its attributes) and closing
/// (with its text), and the names of the elements around it (outermost first).
fn walk(
    bytes: &[u8],
    what: &str,
    mut on: impl FnMut(Step<'_, '_>, &[String], usize, &mut Vec<LineProblem>),
) -> Result<Vec<LineProblem>, String> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| format!("The file is not text (UTF-8); is it really a {what} file?"))?;
    let text = text.trim_start_matches('\u{feff}');
    let lines = Lines::of(text);
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().trim_text(true);
    let mut stack: Vec<String> = Vec::new();
    let mut content = String::new();
    let mut problems = Vec::new();
    let mut seen_root = false;
    loop {
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                let line = lines.at(reader.error_position());
                if !seen_root {
                    return Err(format!("The file is not a {what} file (line {line}: {e})."));
                }
                problems.push(LineProblem {
                    line,
                    message: format!("the file is damaged here ({e}); what follows is not read"),
                });
                break;
            }
        };
        let line = lines.at(reader.buffer_position().saturating_sub(1));
        match event {
            Event::Start(e) => {
                seen_root = true;
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                content.clear();
                on(Step::Open(&e), &stack, line, &mut problems);
                stack.push(name);
            }
            Event::Empty(e) => {
                seen_root = true;
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                content.clear();
                on(Step::Open(&e), &stack, line, &mut problems);
                stack.push(name);
                on(Step::Close(""), &stack, line, &mut problems);
                stack.pop();
            }
            Event::Text(t) => match t.unescape() {
                Ok(s) => content.push_str(&s),
                // A stray '&' in a name: keep the text as written.
                Err(_) => content.push_str(&String::from_utf8_lossy(&t)),
            },
            Event::CData(t) => content.push_str(&String::from_utf8_lossy(&t)),
            Event::End(_) => {
                let body = std::mem::take(&mut content);
                on(Step::Close(&body), &stack, line, &mut problems);
                stack.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !seen_root {
        return Err(format!("The file is empty; is it really a {what} file?"));
    }
    Ok(problems)
}

fn last(stack: &[String]) -> &str {
    stack.last().map_or("", String::as_str)
}

fn parent(stack: &[String]) -> &str {
    stack
        .len()
        .checked_sub(2)
        .and_then(|i| stack.get(i))
        .map_or("", String::as_str)
}

/// A point under construction.
#[derive(Default)]
struct Pending {
    lat: Option<f64>,
    lon: Option<f64>,
    ele: Option<f64>,
    t: Option<i64>,
    line: usize,
}

impl Pending {
    /// Adds the point to `a` (a point without a position only lends its time).
    fn finish(self, a: &mut Activity, total: &mut usize, problems: &mut Vec<LineProblem>) {
        match (self.lat, self.lon) {
            (Some(lat), Some(lon)) => match Point::from_degrees(lat, lon, self.ele, self.t) {
                Some(p) if *total < MAX_FILE_POINTS => {
                    *total += 1;
                    a.points.push(p);
                }
                Some(_) => {
                    if *total == MAX_FILE_POINTS {
                        *total += 1;
                        problems.push(LineProblem {
                            line: self.line,
                            message: format!("only the first {MAX_FILE_POINTS} points are read"),
                        });
                    }
                }
                None => problems.push(LineProblem {
                    line: self.line,
                    message: format!("the position {lat}, {lon} is not on Earth"),
                }),
            },
            (None, None) => a.times.extend(self.t),
            _ => problems.push(LineProblem {
                line: self.line,
                message: "a point has only half a position".into(),
            }),
        }
    }
}

/// A GPX 1.0/1.1 file: each track (`trk`) or route (`rte`) is an activity; `type` gives the
/// kind; points need no time or elevation, but an activity needs some time to be dated (the
/// file's `metadata/time` serves).
pub fn gpx(bytes: &[u8]) -> Result<Parsed, String> {
    let mut acts: Vec<Activity> = Vec::new();
    let mut cur: Option<Activity> = None;
    let mut pt: Option<Pending> = None;
    let mut meta_time: Option<i64> = None;
    let mut total = 0usize;
    let mut root_ok = false;
    let problems = walk(bytes, "GPX", |step, stack, line, problems| match step {
        Step::Open(e) => match e.local_name().as_ref() {
            b"gpx" if stack.is_empty() => root_ok = true,
            b"trk" | b"rte" => {
                cur = Some(Activity {
                    line,
                    ..Activity::default()
                });
            }
            b"trkpt" | b"rtept" if cur.is_some() => {
                let lat = attr(e, "lat");
                let lon = attr(e, "lon");
                let bad = |v: &Option<String>| v.as_deref().is_some_and(|s| number(s).is_none());
                if bad(&lat) || bad(&lon) {
                    problems.push(LineProblem {
                        line,
                        message: "a point's lat or lon is not a number; it is left out".into(),
                    });
                    pt = None;
                    return;
                }
                pt = Some(Pending {
                    lat: lat.as_deref().and_then(number),
                    lon: lon.as_deref().and_then(number),
                    line,
                    ..Pending::default()
                });
            }
            _ => {}
        },
        Step::Close(text) => {
            let (name, up) = (last(stack), parent(stack));
            match (name, up) {
                ("ele", "trkpt" | "rtept") => {
                    if let Some(p) = pt.as_mut() {
                        p.ele = number(text);
                    }
                }
                ("time", "trkpt" | "rtept") => {
                    if let Some(p) = pt.as_mut() {
                        p.t = xml_time(text);
                        if p.t.is_none() {
                            problems.push(LineProblem {
                                line,
                                message: format!("'{}' is not a time", text.trim()),
                            });
                        }
                    }
                }
                ("time", "metadata") => meta_time = xml_time(text),
                ("name", "trk" | "rte") => {
                    if let Some(a) = cur.as_mut() {
                        a.name = text.trim().to_owned();
                    }
                }
                ("type", "trk" | "rte") => {
                    if let Some(a) = cur.as_mut() {
                        a.sport = text.trim().to_owned();
                    }
                }
                ("trkpt" | "rtept", _) => {
                    if let (Some(p), Some(a)) = (pt.take(), cur.as_mut()) {
                        p.finish(a, &mut total, problems);
                    }
                }
                ("trk" | "rte", _) => {
                    if let Some(a) = cur.take()
                        && acts.len() < MAX_ACTIVITIES
                    {
                        acts.push(a);
                    }
                }
                _ => {}
            }
        }
    })?;
    if !root_ok {
        return Err("The file is XML but not GPX (its root is not <gpx>).".into());
    }
    for a in &mut acts {
        if a.started_at.is_none() && a.points.iter().all(|p| p.t.is_none()) {
            a.started_at = meta_time;
        }
    }
    if acts.is_empty() {
        return Err("The GPX file holds no track (trk) or route (rte).".into());
    }
    Ok(workouts(acts, problems))
}

/// A TCX (Training Center) file: each `Activity` with its `Sport`, laps (their times and
/// distances add up) and track points.
pub fn tcx(bytes: &[u8]) -> Result<Parsed, String> {
    let mut acts: Vec<Activity> = Vec::new();
    let mut cur: Option<Activity> = None;
    let mut pt: Option<Pending> = None;
    let mut total = 0usize;
    let mut root_ok = false;
    let problems = walk(bytes, "TCX", |step, stack, line, problems| match step {
        Step::Open(e) => match e.local_name().as_ref() {
            b"TrainingCenterDatabase" if stack.is_empty() => root_ok = true,
            b"Activity" if parent_is(stack, "Activities") => {
                cur = Some(Activity {
                    line,
                    sport: attr(e, "Sport").unwrap_or_default(),
                    ..Activity::default()
                });
            }
            b"Lap" => {
                if let (Some(a), Some(t)) = (cur.as_mut(), attr(e, "StartTime")) {
                    match xml_time(&t) {
                        Some(t) => {
                            a.started_at = Some(a.started_at.map_or(t, |s| s.min(t)));
                        }
                        None => problems.push(LineProblem {
                            line,
                            message: format!("'{t}' is not a time"),
                        }),
                    }
                }
            }
            b"Trackpoint" if cur.is_some() => {
                pt = Some(Pending {
                    line,
                    ..Pending::default()
                });
            }
            _ => {}
        },
        Step::Close(text) => {
            let (name, up) = (last(stack), parent(stack));
            let mut value = || {
                let v = number(text);
                if v.is_none() {
                    problems.push(LineProblem {
                        line,
                        message: format!("'{}' is not a number", text.trim()),
                    });
                }
                v
            };
            match (name, up) {
                ("LatitudeDegrees", "Position") => {
                    let v = value();
                    if let Some(p) = pt.as_mut() {
                        p.lat = v;
                    }
                }
                ("LongitudeDegrees", "Position") => {
                    let v = value();
                    if let Some(p) = pt.as_mut() {
                        p.lon = v;
                    }
                }
                ("AltitudeMeters", "Trackpoint") => {
                    let v = value();
                    if let Some(p) = pt.as_mut() {
                        p.ele = v;
                    }
                }
                ("Time", "Trackpoint") => {
                    if let Some(p) = pt.as_mut() {
                        p.t = xml_time(text);
                    }
                }
                ("TotalTimeSeconds", "Lap") => {
                    let v = value();
                    if let (Some(a), Some(v)) = (cur.as_mut(), v) {
                        a.timer_s = Some(a.timer_s.unwrap_or(0.0) + v);
                    }
                }
                ("DistanceMeters", "Lap") => {
                    let v = value();
                    if let (Some(a), Some(v)) = (cur.as_mut(), v) {
                        a.distance_m = Some(a.distance_m.unwrap_or(0.0) + v);
                    }
                }
                ("Id", "Activity") => {
                    if let Some(a) = cur.as_mut()
                        && a.started_at.is_none()
                    {
                        a.started_at = xml_time(text);
                    }
                }
                ("Name" | "Notes", "Activity") => {
                    if let Some(a) = cur.as_mut()
                        && a.name.is_empty()
                    {
                        a.name = text.trim().chars().take(200).collect();
                    }
                }
                ("Trackpoint", _) => {
                    if let (Some(p), Some(a)) = (pt.take(), cur.as_mut()) {
                        p.finish(a, &mut total, problems);
                    }
                }
                ("Activity", "Activities") => {
                    if let Some(a) = cur.take()
                        && acts.len() < MAX_ACTIVITIES
                    {
                        acts.push(a);
                    }
                }
                _ => {}
            }
        }
    })?;
    if !root_ok {
        return Err(
            "The file is XML but not TCX (its root is not <TrainingCenterDatabase>).".into(),
        );
    }
    if acts.is_empty() {
        return Err("The TCX file holds no activity.".into());
    }
    Ok(workouts(acts, problems))
}

fn parent_is(stack: &[String], name: &str) -> bool {
    last(stack) == name
}

#[cfg(test)]
mod tests {
    use super::*;

    const GPX: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">
  <metadata><time>2026-05-01T06:00:00Z</time></metadata>
  <trk>
    <name>Morning &amp; river</name>
    <type>running</type>
    <trkseg>
      <trkpt lat="55.7000000" lon="37.6000000"><ele>120.0</ele><time>2026-05-01T07:00:00Z</time></trkpt>
      <trkpt lat="55.7010000" lon="37.6000000"><ele>125.0</ele><time>2026-05-01T07:00:30Z</time></trkpt>
      <trkpt lat="55.7020000" lon="37.6000000"><ele>122.0</ele><time>2026-05-01T07:01:00.500Z</time></trkpt>
    </trkseg>
  </trk>
</gpx>"#;

    #[test]
    fn gpx_with_times_and_elevations() {
        let p = gpx(GPX.as_bytes()).unwrap();
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        let w = &p.workouts[0];
        assert_eq!(w.title, "Morning & river");
        assert_eq!(w.started_at, 1_777_618_800);
        assert_eq!(w.duration_s, Some(60));
        let s = &w.sets[0];
        assert_eq!(s.exercise, "Running");
        assert_eq!(s.duration_s, Some(60));
        let d = s.distance_m.unwrap();
        assert!((d - 222.4).abs() < 0.5, "{d}");
        let t = &w.track.as_ref().unwrap().0;
        assert_eq!(t.points.len(), 3);
        assert_eq!(t.sport, "running");
        assert_eq!(t.elevation_gain_m(), Some(5.0));
    }

    #[test]
    fn gpx_without_times_is_dated_by_its_metadata_or_refused() {
        let plain = r#"<gpx><trk><trkseg>
<trkpt lat="1" lon="1"/><trkpt lat="1.01" lon="1"/>
</trkseg></trk></gpx>"#;
        let p = gpx(plain.as_bytes()).unwrap();
        assert!(p.workouts.is_empty());
        assert_eq!(p.problems[0].line, 1);
        assert!(
            p.problems[0].message.contains("no time"),
            "{:?}",
            p.problems
        );
        let dated = plain.replace(
            "<trk>",
            "<metadata><time>2026-01-02T03:04:05Z</time></metadata><trk><type>Ride</type>",
        );
        let p = gpx(dated.as_bytes()).unwrap();
        let w = &p.workouts[0];
        assert_eq!(w.started_at, 1_767_323_045);
        assert_eq!(w.sets[0].exercise, "Cycling");
        assert_eq!(w.sets[0].duration_s, None);
        assert!((w.sets[0].distance_m.unwrap() - 1_111.9).abs() < 1.0);
        let t = &w.track.as_ref().unwrap().0;
        assert!(t.points.iter().all(|p| p.ele.is_none() && p.t.is_none()));
    }

    #[test]
    fn bad_points_are_problems_by_line() {
        let text = GPX.replace(r#"lat="55.7010000""#, r#"lat="north""#);
        let p = gpx(text.as_bytes()).unwrap();
        assert_eq!(p.workouts[0].track.as_ref().unwrap().0.points.len(), 2);
        assert!(p.problems.iter().any(|x| x.line == 9), "{:?}", p.problems);
        let text = GPX.replace(r#"lat="55.7010000""#, r#"lat="95""#);
        let p = gpx(text.as_bytes()).unwrap();
        assert!(p.problems[0].message.contains("not on Earth"));
    }

    #[test]
    fn corrupt_and_truncated_xml_never_panics() {
        for cut in 0..GPX.len() {
            let _ = gpx(&GPX.as_bytes()[..cut]);
            let _ = tcx(&GPX.as_bytes()[..cut]);
        }
        assert!(gpx(b"\xff\xfe").unwrap_err().contains("UTF-8"));
        assert!(gpx(b"Date,Workout Name\n").is_err());
        assert!(
            gpx(b"<html><body/></html>")
                .unwrap_err()
                .contains("not GPX")
        );
        let cut = &GPX[..GPX.find("</trkseg>").unwrap()];
        // A file cut short keeps what was read before the cut.
        if let Ok(p) = gpx(cut.as_bytes()) {
            assert!(p.workouts.len() <= 1);
        }
    }

    const TCX: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
  <Activities>
    <Activity Sport="Biking">
      <Id>2026-06-01T17:00:00Z</Id>
      <Lap StartTime="2026-06-01T17:00:00Z">
        <TotalTimeSeconds>600</TotalTimeSeconds>
        <DistanceMeters>4000</DistanceMeters>
        <Track>
          <Trackpoint><Time>2026-06-01T17:00:00Z</Time><Position><LatitudeDegrees>48.1</LatitudeDegrees><LongitudeDegrees>11.5</LongitudeDegrees></Position><AltitudeMeters>520</AltitudeMeters><DistanceMeters>0</DistanceMeters></Trackpoint>
          <Trackpoint><Time>2026-06-01T17:10:00Z</Time><Position><LatitudeDegrees>48.13</LatitudeDegrees><LongitudeDegrees>11.5</LongitudeDegrees></Position><AltitudeMeters>530</AltitudeMeters><DistanceMeters>4000</DistanceMeters></Trackpoint>
        </Track>
      </Lap>
      <Lap StartTime="2026-06-01T17:10:00Z">
        <TotalTimeSeconds>540.5</TotalTimeSeconds>
        <DistanceMeters>4100.5</DistanceMeters>
        <Track>
          <Trackpoint><Time>2026-06-01T17:20:00Z</Time><Position><LatitudeDegrees>48.16</LatitudeDegrees><LongitudeDegrees>11.5</LongitudeDegrees></Position></Trackpoint>
          <Trackpoint><Time>2026-06-01T17:21:00Z</Time></Trackpoint>
        </Track>
      </Lap>
    </Activity>
  </Activities>
</TrainingCenterDatabase>"#;

    #[test]
    fn tcx_laps_add_up() {
        let p = tcx(TCX.as_bytes()).unwrap();
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        let w = &p.workouts[0];
        assert_eq!(w.title, "Cycling");
        assert_eq!(w.started_at, 1_780_333_200);
        assert_eq!(w.duration_s, Some(21 * 60));
        let s = &w.sets[0];
        assert_eq!(s.exercise, "Cycling");
        assert_eq!(s.distance_m, Some(8_100.5));
        assert_eq!(s.duration_s, Some(1_141));
        let t = Track::unpack(&w.track.as_ref().unwrap().0.pack()).unwrap();
        assert_eq!(t.points.len(), 3);
        assert_eq!(t.points[0].ele, Some(5_200));
        assert_eq!(
            t.points[2].ele,
            Some(5_300),
            "a missing elevation takes the one before"
        );
    }

    #[test]
    fn tcx_bad_numbers_are_problems() {
        let text = TCX.replace(
            "<DistanceMeters>4000</DistanceMeters>",
            "<DistanceMeters>far</DistanceMeters>",
        );
        let p = tcx(text.as_bytes()).unwrap();
        assert!(
            p.problems
                .iter()
                .any(|x| x.line == 8 && x.message.contains("far")),
            "{:?}",
            p.problems
        );
        assert_eq!(p.workouts[0].sets[0].distance_m, Some(4_100.5));
        assert!(tcx(GPX.as_bytes()).unwrap_err().contains("not TCX"));
    }

    #[test]
    fn kinds_of_activity() {
        assert_eq!(exercise_for("running").0, "Running");
        assert_eq!(exercise_for("Run").0, "Running");
        assert_eq!(exercise_for("").0, "Running");
        assert_eq!(exercise_for("VirtualRide").0, "Cycling (Stationary Bike)");
        assert_eq!(exercise_for("Ride").0, "Cycling");
        assert_eq!(
            exercise_for("cycling/indoor_cycling").0,
            "Cycling (Stationary Bike)"
        );
        assert_eq!(exercise_for("hiking").0, "Hiking");
        assert_eq!(exercise_for("rowing/indoor_rowing").0, "Rowing (Machine)");
        assert_eq!(
            exercise_for("kayaking"),
            ("Kayaking".into(), "kayaking".into())
        );
    }

    #[test]
    fn kept_tracks_survive_the_draft() {
        let p = gpx(GPX.as_bytes()).unwrap();
        let json = serde_json::to_string(&p.workouts[0]).unwrap();
        let back: ParsedWorkout = serde_json::from_str(&json).unwrap();
        assert_eq!(back, p.workouts[0]);
    }
}
