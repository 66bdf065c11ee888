//! `GET /workouts/{id}/track` (the route as points with its totals) and
//! `GET /workouts/{id}/track.gpx` (a GPX 1.1 download), for whoever may see the workout.

use poem_openapi::param::Path;
use poem_openapi::payload::{Binary, Json};
use poem_openapi::{ApiResponse, Object, OpenApi, Tags};

use super::{DISPLAY_POINTS, Tracks, thinned};
use crate::api::Svc;
use crate::api::auth::MaybeMember;
use crate::api::problem::ApiError;
use crate::error::AppError;
use crate::storage::ids;

type Result<T> = std::result::Result<T, ApiError>;

#[derive(Tags)]
enum Tag {
    /// Routes of GPS activities, kept with their workouts.
    Tracks,
}

/// One point of a route.
#[derive(Object, Debug)]
pub struct TrackPoint {
    /// Degrees.
    pub lat: f64,
    pub lon: f64,
    /// Metres above sea level.
    #[oai(nullable)]
    pub ele: Option<f64>,
    /// Seconds since the first point.
    #[oai(nullable)]
    pub t: Option<i64>,
}

/// A workout's route: totals computed from all of its points, and at most 1,000 of them
/// (evenly thinned) to draw it.
#[derive(Object, Debug)]
pub struct WorkoutTrack {
    pub workout_id: String,
    /// `running`, `cycling`, `walking`, … as the file said (empty when it did not).
    pub sport: String,
    /// Metres along the route.
    pub distance_m: f64,
    /// Seconds from the first point to the last (null: the points have no times).
    #[oai(nullable)]
    pub duration_s: Option<i64>,
    /// Metres climbed (null: no elevations).
    #[oai(nullable)]
    pub elevation_gain_m: Option<f64>,
    #[oai(nullable)]
    pub started_at: Option<String>,
    /// Points the route has; `points` holds at most 1,000 of them.
    pub total_points: u32,
    pub points: Vec<TrackPoint>,
}

/// A GPX document.
pub struct Gpx(pub String);

impl poem_openapi::payload::Payload for Gpx {
    const CONTENT_TYPE: &'static str = "application/gpx+xml";

    fn schema_ref() -> poem_openapi::registry::MetaSchemaRef {
        <Binary<Vec<u8>> as poem_openapi::payload::Payload>::schema_ref()
    }
}

impl poem::IntoResponse for Gpx {
    fn into_response(self) -> poem::Response {
        poem::Response::builder()
            .content_type("application/gpx+xml; charset=utf-8")
            .body(self.0)
    }
}

#[derive(ApiResponse)]
pub enum GpxFile {
    /// The route as GPX 1.1 (positions to 1e-7 degrees, elevations, times in UTC).
    #[oai(status = 200)]
    Ok(
        Gpx,
        #[oai(header = "Content-Disposition")] String,
        #[oai(header = "Cache-Control")] String,
    ),
}

fn workout_id(s: &str) -> std::result::Result<u128, AppError> {
    ids::parse(s)
        .ok_or_else(|| AppError::NotFound("No such workout, or you may not see it.".into()))
}

pub struct TracksApi;

#[OpenApi(prefix_path = "/api/v1")]
impl TracksApi {
    /// The route of a GPS activity (imported from GPX, TCX or FIT) with its distance,
    /// duration and elevation gain. Visible to whoever may see the workout; 404 when the
    /// workout is hidden from the caller or has no route.
    #[oai(
        path = "/workouts/:id/track",
        method = "get",
        tag = "Tag::Tracks",
        operation_id = "get_workout_track"
    )]
    async fn track(
        &self,
        tracks: Svc<'_, Tracks>,
        viewer: MaybeMember,
        id: Path<String>,
    ) -> Result<Json<WorkoutTrack>> {
        let viewer = viewer.0.map(|c| c.user);
        let (w, t) = tracks
            .of_workout(viewer.as_ref(), workout_id(&id.0)?)
            .await?;
        let start = t.points.first().and_then(|p| p.t);
        let points = thinned(&t.points, DISPLAY_POINTS)
            .iter()
            .map(|p| TrackPoint {
                lat: p.lat_deg(),
                lon: p.lon_deg(),
                ele: p.ele_m(),
                t: p.t.zip(start).map(|(t, s)| t - s),
            })
            .collect();
        Ok(Json(WorkoutTrack {
            workout_id: ids::to_string(w.id),
            sport: t.sport.clone(),
            distance_m: (t.distance_m() * 10.0).round() / 10.0,
            duration_s: t.duration_s(),
            elevation_gain_m: t.elevation_gain_m(),
            started_at: start.map(crate::accounts::api::rfc3339),
            total_points: u32::try_from(t.points.len()).unwrap_or(u32::MAX),
            points,
        }))
    }

    /// The route as a GPX 1.1 file (every point), for other apps and maps.
    #[oai(
        path = "/workouts/:id/track.gpx",
        method = "get",
        tag = "Tag::Tracks",
        operation_id = "download_workout_track"
    )]
    async fn gpx(
        &self,
        tracks: Svc<'_, Tracks>,
        viewer: MaybeMember,
        id: Path<String>,
    ) -> Result<GpxFile> {
        let viewer = viewer.0.map(|c| c.user);
        let (w, t) = tracks
            .of_workout(viewer.as_ref(), workout_id(&id.0)?)
            .await?;
        let day = crate::accounts::api::rfc3339(w.started_at);
        let name = format!(
            "gymbox-{}-{}.gpx",
            &day[..10.min(day.len())],
            ids::to_string(w.id)
        );
        Ok(GpxFile::Ok(
            Gpx(t.gpx(&w.title)),
            format!("attachment; filename=\"{name}\""),
            "private, no-store".to_owned(),
        ))
    }
}
