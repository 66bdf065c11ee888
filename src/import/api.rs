//! Import endpoints: `POST /imports` (a file → a draft), `GET /imports[/{id}]`,
//! `POST /imports/{id}/apply` (with the member's mapping), `DELETE /imports/{id}` (undo).

use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::types::multipart::Upload;
use poem_openapi::{ApiResponse, Enum, Multipart, Object, OpenApi, Tags};

use super::parse::{Format, Unit};
use super::{Import, Imports, Report, Status, Target};
use crate::accounts::api::rfc3339;
use crate::api::Svc;
use crate::api::auth::Member;
use crate::api::body::JsonBody;
use crate::api::pagination::limit_of;
use crate::api::problem::ApiError;
use crate::error::AppError;
use crate::storage::ids;

type Result<T> = std::result::Result<T, ApiError>;

#[derive(Tags)]
enum Tag {
    /// Training history from other apps (Strong, Hevy), GPS activities (GPX, TCX, FIT) and
    /// other Gymbox servers.
    Imports,
}

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum ImportFormatDto {
    Strong,
    Hevy,
    /// Another Gymbox's account archive (the ZIP of `GET /me/export`).
    Gymbox,
    Gpx,
    Tcx,
    Fit,
}

impl From<ImportFormatDto> for Format {
    fn from(f: ImportFormatDto) -> Self {
        match f {
            ImportFormatDto::Strong => Format::Strong,
            ImportFormatDto::Hevy => Format::Hevy,
            ImportFormatDto::Gymbox => Format::Gymbox,
            ImportFormatDto::Gpx => Format::Gpx,
            ImportFormatDto::Tcx => Format::Tcx,
            ImportFormatDto::Fit => Format::Fit,
        }
    }
}

impl From<Format> for ImportFormatDto {
    fn from(f: Format) -> Self {
        match f {
            Format::Strong => ImportFormatDto::Strong,
            Format::Hevy => ImportFormatDto::Hevy,
            Format::Gymbox => ImportFormatDto::Gymbox,
            Format::Gpx => ImportFormatDto::Gpx,
            Format::Tcx => ImportFormatDto::Tcx,
            Format::Fit => ImportFormatDto::Fit,
        }
    }
}

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum WeightUnitDto {
    Kg,
    Lb,
}

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum ImportStatusDto {
    Draft,
    /// Being written in the background: `applied_workouts` of `workouts` so far.
    Applying,
    Applied,
    /// Applying stopped (`error` says why); undo removes what it created.
    Failed,
    Undone,
}

#[derive(Multipart)]
pub struct ImportUpload {
    /// The exported CSV file, a GPX, TCX or FIT activity, or a Gymbox archive (ZIP): at most
    /// 64 MiB.
    pub file: Upload,
    pub format: ImportFormatDto,
    /// Weights (and distances) of a file that does not say its unit; default: the member's.
    pub unit: Option<WeightUnitDto>,
    /// `true` (default): only read the file into a draft. `false`: apply it at once, which
    /// works when every exercise name is matched (by name or an earlier choice).
    pub dry_run: Option<bool>,
    /// Gymbox archives applied at once: take over the archive's display name, bio,
    /// preferences and privacy settings (default `true`).
    pub profile: Option<bool>,
}

#[derive(Object, Debug)]
pub struct ExerciseChoice {
    pub id: String,
    pub name: String,
}

#[derive(Object, Debug)]
pub struct ImportName {
    /// The exercise's name in the file.
    pub name: String,
    pub sets: u32,
    /// What it is mapped to: the same name, or the member's earlier choice.
    #[oai(nullable)]
    pub exercise: Option<ExerciseChoice>,
    /// Likely exercises when unmatched.
    pub suggestions: Vec<ExerciseChoice>,
}

#[derive(Object, Debug)]
pub struct ImportProblem {
    pub line: u32,
    pub message: String,
}

/// What a file holds and what became of it.
#[derive(Object, Debug)]
pub struct HistoryImport {
    pub id: String,
    pub format: ImportFormatDto,
    pub file_name: String,
    pub status: ImportStatusDto,
    pub created_at: String,
    #[oai(nullable)]
    pub applied_at: Option<String>,
    pub workouts: u32,
    /// Workouts with a GPS route (kept with the workout).
    pub routes: u32,
    pub sets: u32,
    /// The first and last workout's start.
    #[oai(nullable)]
    pub from: Option<String>,
    #[oai(nullable)]
    pub to: Option<String>,
    /// Workouts an earlier import created already (applying leaves them out).
    pub already_imported: u32,
    /// Workouts this import created, and those it left out.
    pub created: u32,
    pub skipped: u32,
    /// Every exercise name of the file; those without `exercise` need a choice to apply.
    pub names: Vec<ImportName>,
    /// Rows that could not be read, by line (at most 200; `more_problems` counts the rest).
    pub problems: Vec<ImportProblem>,
    pub more_problems: u32,
    /// Workouts the apply has gone through so far (of `workouts`).
    pub applied_workouts: u32,
    /// Why applying stopped (status `failed`).
    #[oai(nullable)]
    pub error: Option<String>,
    /// What a Gymbox archive holds besides workouts (other formats: null).
    #[oai(nullable)]
    pub contents: Option<ArchiveContents>,
}

/// The parts of a Gymbox archive, and what applying it made of them.
#[derive(Object, Debug)]
pub struct ArchiveContents {
    pub format_version: u32,
    /// The member's own exercises, and the gym-wide ones of the old server they used.
    pub exercises: u32,
    pub gym_exercises: u32,
    pub plans: u32,
    pub body_metrics: u32,
    /// The profile it carries: taken over on apply when asked.
    pub profile: ArchiveProfile,
    /// Applied: whether the profile and preferences were taken over.
    pub profile_applied: bool,
    /// Created by the apply.
    pub created_exercises: u32,
    pub created_plans: u32,
    pub created_body_metrics: u32,
    /// Exercises, plans and measurements that were here already (used, not made again).
    pub found: u32,
}

#[derive(Object, Debug)]
pub struct ArchiveProfile {
    pub username: String,
    pub display_name: String,
    pub bio: String,
    /// `metric` or `imperial`.
    pub units: String,
    /// `en` or `ru`.
    pub language: String,
    pub timezone: String,
}

#[derive(Object, Debug)]
pub struct HistoryImportList {
    pub items: Vec<HistoryImport>,
    #[oai(nullable)]
    pub next_cursor: Option<String>,
}

#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct ImportMappingRequest {
    /// A name of the file.
    pub name: String,
    /// Map it to this exercise …
    pub exercise_id: Option<String>,
    /// … or create a private exercise of this name with this primary muscle (`cardio` for a
    /// cardio exercise without one).
    pub create_muscle: Option<String>,
}

#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct ApplyImportRequest {
    /// Choices for names (saved for the next import); matched names need none.
    #[oai(default)]
    pub mapping: Vec<ImportMappingRequest>,
    /// Gymbox archives: take over its display name, bio, preferences (units, language, time
    /// zone, week start, weekly target) and privacy settings (default `true`).
    pub profile: Option<bool>,
}

#[derive(ApiResponse)]
pub enum Uploaded {
    /// A draft (or, without a dry run, the applied import).
    #[oai(status = 201)]
    Created(Json<HistoryImport>),
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

pub fn report_dto(r: &Report) -> HistoryImport {
    let i = &r.import;
    HistoryImport {
        id: ids::to_string(i.id),
        format: i.format.into(),
        file_name: i.file_name.clone(),
        status: match i.status {
            Status::Draft => ImportStatusDto::Draft,
            Status::Applying => ImportStatusDto::Applying,
            Status::Applied => ImportStatusDto::Applied,
            Status::Failed => ImportStatusDto::Failed,
            Status::Undone => ImportStatusDto::Undone,
        },
        created_at: rfc3339(i.created_at),
        applied_at: i.applied_at.map(rfc3339),
        workouts: count(i.workout_count()),
        routes: count(i.workouts.iter().filter(|w| w.track.is_some()).count()),
        sets: count(i.set_count()),
        from: i.span().0.map(rfc3339),
        to: i.span().1.map(rfc3339),
        already_imported: r.already,
        created: count(i.created.len()),
        skipped: i.skipped,
        names: r
            .names
            .iter()
            .map(|n| ImportName {
                name: n.name.clone(),
                sets: n.sets,
                exercise: n.exercise.as_ref().map(|(id, name)| ExerciseChoice {
                    id: id.clone(),
                    name: name.clone(),
                }),
                suggestions: n
                    .suggestions
                    .iter()
                    .map(|(id, name)| ExerciseChoice {
                        id: id.clone(),
                        name: name.clone(),
                    })
                    .collect(),
            })
            .collect(),
        problems: i
            .problems
            .iter()
            .map(|p| ImportProblem {
                line: count(p.line),
                message: p.message.clone(),
            })
            .collect(),
        more_problems: count(i.more_problems),
        applied_workouts: i.applied_workouts,
        error: i.error.clone(),
        contents: i.archive.as_ref().map(|a| {
            let p = &a.profile;
            ArchiveContents {
                format_version: a.format_version,
                exercises: count(a.exercises.len()),
                gym_exercises: count(a.gym_exercises.len()),
                plans: count(a.plans.len()),
                body_metrics: count(a.metrics.len()),
                profile: ArchiveProfile {
                    username: p.username.clone(),
                    display_name: p.display_name.clone(),
                    bio: p.bio.clone(),
                    units: match p.preferences.units {
                        crate::accounts::model::Units::Metric => "metric",
                        crate::accounts::model::Units::Imperial => "imperial",
                    }
                    .to_owned(),
                    language: match p.preferences.language {
                        crate::accounts::model::Language::En => "en",
                        crate::accounts::model::Language::Ru => "ru",
                    }
                    .to_owned(),
                    timezone: p.preferences.timezone.clone(),
                },
                profile_applied: i.with_profile,
                created_exercises: count(i.created_exercises.len()),
                created_plans: count(i.created_plans.len()),
                created_body_metrics: count(i.created_metrics.len()),
                found: i.found,
            }
        }),
    }
}

/// The mapping of a request as the service takes it.
pub fn targets(
    mapping: Vec<ImportMappingRequest>,
) -> std::result::Result<Vec<(String, Target)>, AppError> {
    mapping
        .into_iter()
        .enumerate()
        .map(|(i, m)| match (m.exercise_id, m.create_muscle) {
            (Some(e), None) => Ok((m.name, Target::Exercise(e))),
            (None, Some(muscle)) => Ok((
                m.name,
                Target::Create((muscle != "cardio").then_some(muscle)),
            )),
            _ => Err(AppError::invalid(
                &format!("mapping[{i}]"),
                "Give either exercise_id or create_muscle.",
            )),
        })
        .collect()
}

fn import_id(s: &str) -> std::result::Result<u128, AppError> {
    ids::parse(s).ok_or_else(|| AppError::NotFound("No import with that id.".into()))
}

fn summary(i: &Import) -> Report {
    Report {
        import: i.clone(),
        names: Vec::new(),
        already: 0,
    }
}

pub struct ImportsApi;

#[OpenApi(prefix_path = "/api/v1")]
impl ImportsApi {
    /// Reads an export of Strong or Hevy, GPS activities as GPX, TCX or FIT, or another
    /// Gymbox's account archive (multipart: `file` of at most 64 MiB, `format`, optional
    /// `unit`, `dry_run` and `profile`) into a draft: workouts, sets, dates, names to map, rows
    /// (lines, or FIT records) that could not be read, and for an archive the counts of its
    /// exercises, plans and measurements. Each activity becomes a cardio workout with one set
    /// (distance and duration, laps added up) and keeps its route; a FIT strength file's sets
    /// become sets. Nothing is added to the history until the draft is applied.
    #[oai(
        path = "/imports",
        method = "post",
        tag = "Tag::Imports",
        operation_id = "create_import"
    )]
    async fn create(
        &self,
        imports: Svc<'_, Imports>,
        me: Member,
        form: ImportUpload,
    ) -> Result<Uploaded> {
        let name = form.file.file_name().unwrap_or("import").to_owned();
        let bytes = form
            .file
            .into_vec()
            .await
            .map_err(|e| AppError::BadRequest(format!("Could not read the upload: {e}")))?;
        let format = Format::from(form.format);
        let unit = form.unit.map(|u| match u {
            WeightUnitDto::Kg => Unit::Kg,
            WeightUnitDto::Lb => Unit::Lb,
        });
        let mut r = imports
            .dry_run(&me.user, format, &name, &bytes, unit)
            .await?;
        if form.dry_run == Some(false) {
            let profile = form.profile.unwrap_or(true);
            r = imports
                .apply(&me.user, r.import.id, Vec::new(), profile)
                .await?;
        }
        Ok(Uploaded::Created(Json(report_dto(&r))))
    }

    /// The caller's imports, newest first (without the name lists; open one for those).
    #[oai(
        path = "/imports",
        method = "get",
        tag = "Tag::Imports",
        operation_id = "list_imports"
    )]
    async fn list(
        &self,
        imports: Svc<'_, Imports>,
        me: Member,
        limit: Query<Option<u32>>,
        cursor: Query<Option<String>>,
    ) -> Result<Json<HistoryImportList>> {
        let limit = limit_of(limit.0)?;
        let before = cursor
            .0
            .as_deref()
            .map(|c| {
                ids::parse(c).ok_or_else(|| {
                    AppError::BadRequest(
                        "The cursor is not one this server gave out; start from the first page."
                            .into(),
                    )
                })
            })
            .transpose()?;
        let mut list = imports.list(&me.user, before, limit + 1).await?;
        let next_cursor = (list.len() > limit).then(|| {
            list.truncate(limit);
            ids::to_string(list[limit - 1].id)
        });
        Ok(Json(HistoryImportList {
            items: list.iter().map(|i| report_dto(&summary(i))).collect(),
            next_cursor,
        }))
    }

    /// One import with its names and what they map to now.
    #[oai(
        path = "/imports/:id",
        method = "get",
        tag = "Tag::Imports",
        operation_id = "get_import"
    )]
    async fn get(
        &self,
        imports: Svc<'_, Imports>,
        me: Member,
        id: Path<String>,
    ) -> Result<Json<HistoryImport>> {
        let r = imports.get(&me.user, import_id(&id.0)?).await?;
        Ok(Json(report_dto(&r)))
    }

    /// Applies a draft: names are mapped as chosen (choices are kept for the next import),
    /// workouts an earlier import created are left out, and the rest are added to the history
    /// (earning no XP; CSV workouts are private, a Gymbox archive's keep their visibility, and
    /// its exercises, plans and measurements come along). 422 names the exercise names still
    /// without a choice. Drafts of more than 100 workouts answer at once with status
    /// `applying`: poll `GET /imports/{id}` for `applied_workouts` until `applied` (or
    /// `failed`).
    #[oai(
        path = "/imports/:id/apply",
        method = "post",
        tag = "Tag::Imports",
        operation_id = "apply_import"
    )]
    async fn apply(
        &self,
        imports: Svc<'_, Imports>,
        me: Member,
        id: Path<String>,
        body: JsonBody<ApplyImportRequest>,
    ) -> Result<Json<HistoryImport>> {
        let profile = body.0.profile.unwrap_or(true);
        let mapping = targets(body.0.mapping)?;
        let r = imports
            .apply(&me.user, import_id(&id.0)?, mapping, profile)
            .await?;
        Ok(Json(report_dto(&r)))
    }

    /// Undoes an import: every workout it created goes, and so do the plans, measurements and
    /// (when nothing else uses them) exercises it created; profile changes stay. A draft is
    /// simply discarded; one being applied cannot be undone until it ends.
    #[oai(
        path = "/imports/:id",
        method = "delete",
        tag = "Tag::Imports",
        operation_id = "undo_import"
    )]
    async fn undo(
        &self,
        imports: Svc<'_, Imports>,
        me: Member,
        id: Path<String>,
    ) -> Result<Json<HistoryImport>> {
        let r = imports.undo(&me.user, import_id(&id.0)?).await?;
        Ok(Json(report_dto(&r)))
    }
}
