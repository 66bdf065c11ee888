//! `GET /me/export`: the caller's full account export as a ZIP.

use poem_openapi::payload::Binary;
use poem_openapi::{ApiResponse, OpenApi, Tags};

use crate::api::Svc;
use crate::api::auth::Member;
use crate::api::problem::ApiError;
use crate::training::Training;

type Result<T> = std::result::Result<T, ApiError>;

#[derive(Tags)]
enum Tag {
    /// Taking your data with you.
    Export,
}

/// A ZIP archive.
pub struct Zip(pub Vec<u8>);

impl poem_openapi::payload::Payload for Zip {
    const CONTENT_TYPE: &'static str = "application/zip";

    fn schema_ref() -> poem_openapi::registry::MetaSchemaRef {
        <Binary<Vec<u8>> as poem_openapi::payload::Payload>::schema_ref()
    }
}

impl poem::IntoResponse for Zip {
    fn into_response(self) -> poem::Response {
        poem::Response::builder()
            .content_type("application/zip")
            .body(self.0)
    }
}

#[derive(ApiResponse)]
pub enum ExportFile {
    /// `README.txt`, `account.json`, `workouts.json` (with sets), `exercises.json`,
    /// `plans.json`, `body_metrics.json`, `workouts.csv` (Strong's CSV: kg, km, local
    /// times), and `activities/<workout id>.gpx` for every workout with a GPS route.
    #[oai(status = 200)]
    Ok(
        Zip,
        #[oai(header = "Content-Disposition")] String,
        #[oai(header = "Cache-Control")] String,
    ),
}

pub struct ExportApi;

#[OpenApi(prefix_path = "/api/v1")]
impl ExportApi {
    /// Everything the caller has: account, workouts with their sets, own exercises, plans and
    /// body metrics as JSON, the workouts as a Strong-compatible CSV, and GPS routes as GPX,
    /// in one ZIP.
    #[oai(
        path = "/me/export",
        method = "get",
        tag = "Tag::Export",
        operation_id = "export_account"
    )]
    async fn export(
        &self,
        training: Svc<'_, Training>,
        tracks: Svc<'_, crate::tracks::Tracks>,
        me: Member,
    ) -> Result<ExportFile> {
        let bytes = super::account_zip(&training, &tracks, &me.user).await?;
        let day = crate::accounts::api::rfc3339(crate::storage::ids::now());
        let name = format!("gymbox-{}-{}.zip", me.user.username, &day[..10]);
        Ok(ExportFile::Ok(
            Zip(bytes),
            format!("attachment; filename=\"{name}\""),
            "no-store".to_owned(),
        ))
    }
}
