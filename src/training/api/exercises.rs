//! `/api/v1/exercises`.

use crate::api::body::JsonBody;
use poem_openapi::OpenApi;
use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::Json;

use super::dto::*;
use super::*;
use crate::analysis::Analysis;
use crate::api::Svc;
use crate::api::auth::{Admin, MaybeMember, Member};
use crate::api::pagination::limit_of;
use crate::search::Search;
use crate::training::Training;
use crate::training::service::{ExerciseFilter, ExerciseInput};

pub struct ExercisesApi;

fn input_from_create(b: ExerciseCreate) -> ExerciseInput {
    ExerciseInput {
        name_en: Some(b.name_en),
        name_ru: b.name_ru,
        aliases: b.aliases,
        primary: Some(b.primary),
        secondary: b.secondary,
        equipment: Some(b.equipment),
        category: b.category,
        mechanics: Some(b.mechanics.map(Into::into)),
        logging: b.logging.map(Into::into),
        instructions: b.instructions,
    }
}

#[OpenApi(prefix_path = "/api/v1")]
impl ExercisesApi {
    /// The exercises the caller may use, by name; filter by text, muscle, equipment, category.
    #[oai(
        path = "/exercises",
        method = "get",
        tag = "Tag::Exercises",
        operation_id = "list_exercises"
    )]
    async fn list(
        &self,
        training: Svc<'_, Training>,
        search: Svc<'_, Search>,
        me: Member,
        q: Query<Option<String>>,
        muscle: Query<Option<String>>,
        equipment: Query<Option<String>>,
        category: Query<Option<String>>,
        limit: Query<Option<u32>>,
        cursor: Query<Option<String>>,
    ) -> Result<Json<ExerciseList>> {
        let limit = limit_of(limit.0)?;
        let after = Cursor::decode(cursor.0.as_deref())?;
        if let Some(text) = q.0.as_deref().filter(|t| !t.trim().is_empty())
            && search.ready()
        {
            // As-you-type search through the index (stems, typos, both languages), then the
            // filters; ranked, one page.
            let query = crate::search::SearchQuery {
                q: text.chars().take(200).collect(),
                kinds: vec![crate::search::outbox::Kind::Exercise],
                limit: (limit * 3).min(150),
            };
            let hits = search.search(&me.user, query).await?;
            let filter = ExerciseFilter {
                q: None,
                muscle: muscle.0,
                equipment: equipment.0,
                category: category.0,
            };
            let mut items = Vec::new();
            for h in hits {
                // A hit deleted (or hidden) since the index saw it is skipped, not an error.
                let Ok(e) = training.exercise(&me.user, &h.id).await else {
                    continue;
                };
                if training.exercise_matches(&e, &filter)? {
                    items.push(ExerciseDto::from(&e));
                }
                if items.len() == limit {
                    break;
                }
            }
            return Ok(Json(ExerciseList {
                items,
                next_cursor: None,
            }));
        }
        let filter = ExerciseFilter {
            q: q.0,
            muscle: muscle.0,
            equipment: equipment.0,
            category: category.0,
        };
        let (items, next) = training
            .list_exercises(&me.user, filter, after, limit)
            .await?;
        Ok(Json(ExerciseList {
            items: items.iter().map(ExerciseDto::from).collect(),
            next_cursor: next.map(|n| Cursor::encode(&n)),
        }))
    }

    /// Adds a custom exercise: private, or gym-wide (`gym_wide`, coaches and admins).
    #[oai(
        path = "/exercises",
        method = "post",
        tag = "Tag::Exercises",
        operation_id = "create_exercise"
    )]
    async fn create(
        &self,
        training: Svc<'_, Training>,
        me: Member,
        #[oai(name = "Idempotency-Key")] key: Header<Option<String>>,
        body: JsonBody<ExerciseCreate>,
    ) -> Result<Saved<Json<ExerciseDto>>> {
        let key = super::idempotency(key.0, &body.0);
        let gym_wide = body.0.gym_wide;
        let (e, created) = training
            .create_exercise(&me.user, input_from_create(body.0), gym_wide, key)
            .await?;
        Ok(Saved::new(ExerciseDto::from(&e), created))
    }

    /// One exercise; signed-out visitors (reading a public plan or workout) see the built-in
    /// and gym-wide ones.
    #[oai(
        path = "/exercises/:id",
        method = "get",
        tag = "Tag::Exercises",
        operation_id = "get_exercise"
    )]
    async fn get(
        &self,
        training: Svc<'_, Training>,
        viewer: MaybeMember,
        id: Path<String>,
    ) -> Result<Json<ExerciseDto>> {
        let e = match viewer.0 {
            Some(me) => training.exercise(&me.user, &id.0).await?,
            None => training.shared_exercise(&id.0).await?,
        };
        Ok(Json(ExerciseDto::from(&e)))
    }

    /// Changes a custom exercise (own, or gym-wide for coaches and admins).
    #[oai(
        path = "/exercises/:id",
        method = "patch",
        tag = "Tag::Exercises",
        operation_id = "update_exercise"
    )]
    async fn update(
        &self,
        training: Svc<'_, Training>,
        me: Member,
        id: Path<String>,
        body: JsonBody<ExercisePatch>,
    ) -> Result<Json<ExerciseDto>> {
        let b = body.0;
        let input = ExerciseInput {
            name_en: b.name_en,
            name_ru: b.name_ru,
            aliases: b.aliases,
            primary: b.primary,
            secondary: b.secondary,
            equipment: b.equipment,
            category: b.category,
            mechanics: match b.mechanics {
                poem_openapi::types::MaybeUndefined::Undefined => None,
                poem_openapi::types::MaybeUndefined::Null => Some(None),
                poem_openapi::types::MaybeUndefined::Value(m) => Some(Some(m.into())),
            },
            logging: b.logging.map(Into::into),
            instructions: b.instructions,
        };
        let e = training.update_exercise(&me.user, &id.0, input).await?;
        Ok(Json(ExerciseDto::from(&e)))
    }

    /// Deletes a custom exercise; sets already logged keep their numbers.
    #[oai(
        path = "/exercises/:id",
        method = "delete",
        tag = "Tag::Exercises",
        operation_id = "delete_exercise"
    )]
    async fn delete(
        &self,
        training: Svc<'_, Training>,
        me: Member,
        id: Path<String>,
    ) -> Result<NoContent> {
        training.delete_exercise(&me.user, &id.0).await?;
        Ok(NoContent::Done)
    }

    /// The caller's own history with an exercise, with their best results: their workouts with
    /// it newest first (a workout's place is the later of its start and its newest set of the
    /// exercise), each workout's sets of it newest first.
    #[oai(
        path = "/exercises/:id/history",
        method = "get",
        tag = "Tag::Exercises",
        operation_id = "exercise_history"
    )]
    async fn history(
        &self,
        training: Svc<'_, Training>,
        analysis: Svc<'_, Analysis>,
        me: Member,
        id: Path<String>,
        limit: Query<Option<u32>>,
        cursor: Query<Option<String>>,
    ) -> Result<Json<ExerciseHistory>> {
        let limit = limit_of(limit.0)?;
        let before = decode_history_cursor(cursor.0.as_deref())?;
        let page = training
            .exercise_history(&me.user, &id.0, before, limit)
            .await?;
        let record = analysis.summary(me.user.id, &id.0).await?;
        Ok(Json(ExerciseHistory {
            record: RecordDto::new(&record, page.sets, page.last_at),
            items: page
                .items
                .iter()
                .map(|(w, s)| HistoryItem {
                    workout_id: crate::storage::ids::to_string(*w),
                    set: SetDto::from(s),
                })
                .collect(),
            next_cursor: page.next.map(encode_history_cursor),
        }))
    }

    /// Imports exercises in the free-exercise-db JSON format (an array) as gym-wide exercises,
    /// skipping names already in the catalogue.
    #[oai(
        path = "/admin/exercises/import",
        method = "post",
        tag = "Tag::Exercises",
        operation_id = "import_exercises"
    )]
    async fn import(
        &self,
        training: Svc<'_, Training>,
        admin: Admin,
        body: Json<Vec<serde_json::Value>>,
    ) -> Result<Json<ImportReportDto>> {
        let r = training.import_free(Some(admin.user.id), body.0).await?;
        Ok(Json(report_dto(&r)))
    }
}

pub fn report_dto(r: &crate::training::service::ImportReport) -> ImportReportDto {
    ImportReportDto {
        total: r.total as u32,
        imported: r.imported as u32,
        skipped_duplicates: r.skipped_duplicates as u32,
        invalid: r
            .invalid
            .iter()
            .map(|i| ImportInvalid {
                index: i.index as u32,
                name: i.name.clone(),
                reason: i.reason.clone(),
            })
            .collect(),
    }
}
