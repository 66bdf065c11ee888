//! Routes of GPS activities (runs, rides, walks) kept with their workouts: imported from GPX,
//! TCX or FIT files, shown on the workout's page, downloadable as GPX. A track belongs to one
//! workout and is seen by whoever may see that workout (training answers that, with the one
//! access policy); it goes when the workout or the account goes.
//!
//! Points are kept compactly: positions in 1e-7 degrees, elevations in decimetres and times
//! in seconds, each as the zigzag varint of its difference to the point before — a two-hour
//! ride at one point a second (7,200 points) takes about 43 KB.

pub mod api;
pub mod store;

use crate::accounts::model::User;
use crate::error::AppError;
use crate::events::{Effects, Event, Reactor};
use crate::storage::Store;
use crate::training::Training;
use crate::training::model::Workout;

/// Most points kept of one track (a day at one point a second); longer tracks are thinned.
pub const MAX_POINTS: usize = 86_400;
/// Points of a track as the workout page draws it.
pub const DISPLAY_POINTS: usize = 1_000;
const PACK_VERSION: u8 = 1;
const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// One point of a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Point {
    /// Latitude in 1e-7 degrees.
    pub lat: i32,
    /// Longitude in 1e-7 degrees.
    pub lon: i32,
    /// Elevation in decimetres.
    pub ele: Option<i32>,
    /// Unix seconds.
    pub t: Option<i64>,
}

impl Point {
    /// A point from degrees (and metres), `None` when the position is not on Earth.
    pub fn from_degrees(lat: f64, lon: f64, ele_m: Option<f64>, t: Option<i64>) -> Option<Self> {
        let on_earth = (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon);
        if !on_earth {
            return None;
        }
        let ele = ele_m
            .filter(|e| e.is_finite() && (-1_000.0..=10_000.0).contains(e))
            .map(|e| (e * 10.0).round() as i32);
        Some(Self {
            lat: (lat * 1e7).round() as i32,
            lon: (lon * 1e7).round() as i32,
            ele,
            t,
        })
    }

    pub fn lat_deg(&self) -> f64 {
        f64::from(self.lat) / 1e7
    }

    pub fn lon_deg(&self) -> f64 {
        f64::from(self.lon) / 1e7
    }

    pub fn ele_m(&self) -> Option<f64> {
        self.ele.map(|e| f64::from(e) / 10.0)
    }
}

/// A route with the kind of activity it was (`running`, `cycling`, …; empty when unknown).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Track {
    pub sport: String,
    pub points: Vec<Point>,
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn put_signed(out: &mut Vec<u8>, v: i64) {
    put_varint(out, ((v << 1) ^ (v >> 63)) as u64);
}

struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Cursor<'_> {
    fn varint(&mut self) -> Result<u64, String> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = *self
                .bytes
                .get(self.at)
                .ok_or_else(|| "the track ends early".to_owned())?;
            self.at += 1;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err("a number of the track is too long".into())
    }

    fn signed(&mut self) -> Result<i64, String> {
        let v = self.varint()?;
        Ok(((v >> 1) as i64) ^ -((v & 1) as i64))
    }
}

impl Track {
    /// Keeps at most [`MAX_POINTS`] (evenly thinned, the last point kept).
    pub fn capped(mut self) -> Self {
        if self.points.len() > MAX_POINTS {
            self.points = thinned(&self.points, MAX_POINTS);
        }
        self
    }

    /// The compact form kept in the database. Elevations and times are kept when every point
    /// has them (a point missing an elevation takes the one before it).
    pub fn pack(&self) -> Vec<u8> {
        let has_ele = self.points.iter().any(|p| p.ele.is_some());
        let has_time = !self.points.is_empty() && self.points.iter().all(|p| p.t.is_some());
        let mut out = Vec::with_capacity(16 + self.points.len() * 6);
        out.push(PACK_VERSION);
        out.push(u8::from(has_ele) | (u8::from(has_time) << 1));
        let sport = self.sport.as_bytes();
        put_varint(&mut out, sport.len() as u64);
        out.extend_from_slice(sport);
        put_varint(&mut out, self.points.len() as u64);
        let first_ele = self.points.iter().find_map(|p| p.ele).unwrap_or(0);
        let (mut lat, mut lon, mut ele, mut t) = (0i64, 0i64, i64::from(first_ele), 0i64);
        for (i, p) in self.points.iter().enumerate() {
            put_signed(&mut out, i64::from(p.lat) - lat);
            put_signed(&mut out, i64::from(p.lon) - lon);
            (lat, lon) = (i64::from(p.lat), i64::from(p.lon));
            if has_ele {
                let e = p.ele.map_or(ele, i64::from);
                put_signed(&mut out, if i == 0 { e } else { e - ele });
                ele = e;
            }
            if has_time {
                let pt = p.t.unwrap_or(t);
                put_signed(&mut out, pt - t);
                t = pt;
            }
        }
        out
    }

    /// Reads [`Track::pack`]'s form.
    pub fn unpack(bytes: &[u8]) -> Result<Self, String> {
        let mut c = Cursor { bytes, at: 2 };
        match bytes {
            [PACK_VERSION, flags, ..] if *flags < 4 => {}
            _ => return Err("not a stored track".into()),
        }
        let (has_ele, has_time) = (bytes[1] & 1 != 0, bytes[1] & 2 != 0);
        let len = usize::try_from(c.varint()?).map_err(|_| "bad sport".to_owned())?;
        let end =
            c.at.checked_add(len)
                .filter(|e| *e <= bytes.len())
                .ok_or_else(|| "the track ends early".to_owned())?;
        let sport = String::from_utf8_lossy(&bytes[c.at..end]).into_owned();
        c.at = end;
        let n = c.varint()?;
        if n > (bytes.len() as u64) {
            return Err("the track says it holds more points than it has".into());
        }
        let mut points = Vec::with_capacity(n as usize);
        let (mut lat, mut lon, mut ele, mut t) = (0i64, 0i64, 0i64, 0i64);
        let narrow = |v: i64| i32::try_from(v).map_err(|_| "a point is out of range".to_owned());
        for _ in 0..n {
            lat += c.signed()?;
            lon += c.signed()?;
            if has_ele {
                ele += c.signed()?;
            }
            if has_time {
                t += c.signed()?;
            }
            points.push(Point {
                lat: narrow(lat)?,
                lon: narrow(lon)?,
                ele: if has_ele { Some(narrow(ele)?) } else { None },
                t: has_time.then_some(t),
            });
        }
        Ok(Self { sport, points })
    }

    /// Length along the points, in metres (great-circle distances).
    pub fn distance_m(&self) -> f64 {
        self.points.windows(2).map(|w| between(&w[0], &w[1])).sum()
    }

    /// Seconds from the first point to the last, when the points have times.
    pub fn duration_s(&self) -> Option<i64> {
        let first = self.points.first()?.t?;
        let last = self.points.last()?.t?;
        Some((last - first).max(0))
    }

    /// Metres climbed, ignoring rises of less than a metre (GPS noise), when there are
    /// elevations.
    pub fn elevation_gain_m(&self) -> Option<f64> {
        let mut eles = self.points.iter().filter_map(|p| p.ele);
        let mut low = eles.next()?;
        let mut gain = 0i64;
        for e in eles {
            if e < low {
                low = e;
            } else if e - low >= 10 {
                gain += i64::from(e - low);
                low = e;
            }
        }
        Some(gain as f64 / 10.0)
    }

    /// The track as a GPX 1.1 document.
    pub fn gpx(&self, title: &str) -> String {
        use std::fmt::Write as _;
        let esc = |s: &str| {
            s.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;")
        };
        let time = |t: i64| crate::accounts::api::rfc3339(t);
        let mut out = String::with_capacity(100 + self.points.len() * 110);
        out.push_str(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gpx version=\"1.1\" creator=\"Gymbox\" \
             xmlns=\"http://www.topografix.com/GPX/1/1\">\n",
        );
        if let Some(t) = self.points.first().and_then(|p| p.t) {
            let _ = writeln!(out, "  <metadata><time>{}</time></metadata>", time(t));
        }
        let _ = writeln!(out, "  <trk>\n    <name>{}</name>", esc(title));
        if !self.sport.is_empty() {
            let _ = writeln!(out, "    <type>{}</type>", esc(&self.sport));
        }
        out.push_str("    <trkseg>\n");
        for p in &self.points {
            let _ = write!(
                out,
                "      <trkpt lat=\"{:.7}\" lon=\"{:.7}\">",
                p.lat_deg(),
                p.lon_deg()
            );
            if let Some(e) = p.ele_m() {
                let _ = write!(out, "<ele>{e:.1}</ele>");
            }
            if let Some(t) = p.t {
                let _ = write!(out, "<time>{}</time>", time(t));
            }
            out.push_str("</trkpt>\n");
        }
        out.push_str("    </trkseg>\n  </trk>\n</gpx>\n");
        out
    }
}

/// Great-circle distance between two points, in metres.
pub fn between(a: &Point, b: &Point) -> f64 {
    let (la1, la2) = (a.lat_deg().to_radians(), b.lat_deg().to_radians());
    let dla = la2 - la1;
    let dlo = (b.lon_deg() - a.lon_deg()).to_radians();
    let h = (dla / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlo / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * h.sqrt().min(1.0).asin()
}

/// At most `max` of `points`, evenly spaced, the first and the last kept.
pub fn thinned(points: &[Point], max: usize) -> Vec<Point> {
    if points.len() <= max || max < 2 {
        return points.to_vec();
    }
    let last = points.len() - 1;
    (0..max).map(|i| points[i * last / (max - 1)]).collect()
}

/// Keeps `track` as the route of `user`'s `workout` (written in the same transaction).
pub fn keep(
    tx: &crate::storage::Tx,
    user: u128,
    workout: u128,
    track: &Track,
) -> Result<(), AppError> {
    store::put(tx, user, workout, track)
}

/// The tracks service: reading a workout's track for someone who may see the workout.
#[derive(Clone)]
pub struct Tracks {
    store: Store,
    training: Training,
}

impl Tracks {
    pub fn new(store: Store, training: Training) -> Self {
        Self { store, training }
    }

    /// The track of a workout `viewer` may see (404 when the workout is hidden from them or
    /// has no track).
    pub async fn of_workout(
        &self,
        viewer: Option<&User>,
        workout: u128,
    ) -> Result<(Workout, Track), AppError> {
        let detail = self.training.workout(viewer, workout).await?;
        let track = self
            .store
            .read(move |tx| store::track(tx, workout))
            .await?
            .ok_or_else(|| AppError::NotFound("This workout has no route.".into()))?;
        Ok((detail.workout, track))
    }

    /// Every track of a member, by workout (their own export).
    pub async fn all_of(&self, user: u128) -> Result<Vec<(u128, Track)>, AppError> {
        self.store
            .read_long(move |tx| store::tracks_of(tx, user))
            .await
    }
}

/// A workout's track goes with the workout; a member's tracks go with the account.
pub struct Cleanup;

impl Reactor for Cleanup {
    fn react(&self, tx: &crate::storage::Tx, event: &Event<'_>) -> Result<Effects, AppError> {
        match *event {
            Event::WorkoutDeleted { workout, .. } => {
                store::delete(tx, workout.user_id, workout.id)?
            }
            Event::UserDeleted { user } => store::delete_user(tx, user)?,
            _ => {}
        }
        Ok(Effects::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(lat: f64, lon: f64, ele: Option<f64>, t: Option<i64>) -> Point {
        Point::from_degrees(lat, lon, ele, t).unwrap()
    }

    #[test]
    fn packing_round_trips_and_is_compact() {
        let points: Vec<Point> = (0..7_200)
            .map(|i| {
                let f = f64::from(i);
                p(
                    55.75 + f * 0.00003,
                    37.61 - f * 0.00002,
                    Some(150.0 + (f / 100.0).sin() * 20.0),
                    Some(1_780_000_000 + i64::from(i)),
                )
            })
            .collect();
        let t = Track {
            sport: "cycling".into(),
            points,
        };
        let packed = t.pack();
        assert!(packed.len() < 7_200 * 8, "{} bytes", packed.len());
        assert_eq!(Track::unpack(&packed).unwrap(), t);
    }

    #[test]
    fn points_without_elevation_or_time() {
        let t = Track {
            sport: String::new(),
            points: vec![p(1.0, 2.0, None, None), p(1.001, 2.0, None, None)],
        };
        let back = Track::unpack(&t.pack()).unwrap();
        assert_eq!(back, t);
        assert_eq!(back.duration_s(), None);
        assert_eq!(back.elevation_gain_m(), None);
        assert!(
            (back.distance_m() - 111.2).abs() < 0.5,
            "{}",
            back.distance_m()
        );
    }

    #[test]
    fn corrupt_packs_are_errors_not_panics() {
        let t = Track {
            sport: "running".into(),
            points: (0..50)
                .map(|i| {
                    p(
                        10.0 + f64::from(i) * 1e-4,
                        20.0,
                        Some(5.0),
                        Some(i64::from(i)),
                    )
                })
                .collect(),
        };
        let packed = t.pack();
        for cut in 0..packed.len() {
            let _ = Track::unpack(&packed[..cut]);
        }
        let mut bad = packed.clone();
        for i in 0..bad.len() {
            bad[i] ^= 0xa5;
            let _ = Track::unpack(&bad);
        }
        assert!(Track::unpack(&[]).is_err());
        assert!(Track::unpack(&[9, 0]).is_err());
    }

    #[test]
    fn elevation_gain_ignores_noise() {
        let eles = [100.0, 100.4, 100.2, 100.6, 105.0, 104.0, 110.0, 108.0];
        let t = Track {
            sport: String::new(),
            points: eles.iter().map(|e| p(0.0, 0.0, Some(*e), None)).collect(),
        };
        assert_eq!(t.elevation_gain_m(), Some(11.0));
    }

    #[test]
    fn thinning_keeps_ends() {
        let pts: Vec<Point> = (0..10_000)
            .map(|i| p(0.0, f64::from(i) * 1e-5, None, None))
            .collect();
        let thin = thinned(&pts, 1_000);
        assert_eq!(thin.len(), 1_000);
        assert_eq!(thin[0], pts[0]);
        assert_eq!(thin[999], pts[9_999]);
    }

    #[test]
    fn gpx_escapes_and_writes_seven_decimals() {
        let t = Track {
            sport: "running".into(),
            points: vec![p(55.1234567, -3.5, Some(12.3), Some(0))],
        };
        let g = t.gpx("Run <&> \"x\"");
        assert!(
            g.contains("<name>Run &lt;&amp;&gt; &quot;x&quot;</name>"),
            "{g}"
        );
        assert!(g.contains("lat=\"55.1234567\" lon=\"-3.5000000\""), "{g}");
        assert!(
            g.contains("<ele>12.3</ele><time>1970-01-01T00:00:00Z</time>"),
            "{g}"
        );
    }
}
