//! `GET /api/v1/search`.

use poem_openapi::param::Query;
use poem_openapi::payload::Json;
use poem_openapi::{Enum, Object, OpenApi, Tags};

use super::outbox::Kind;
use super::{Hit, SearchQuery};
use crate::api::Svc;
use crate::api::auth::Member;
use crate::api::problem::ApiError;
use crate::error::AppError;
use crate::search::Search;

#[derive(Tags)]
enum Tag {
    /// Search of users, plans and exercises.
    Search,
}

#[derive(Enum, Debug, Clone, Copy)]
#[oai(rename_all = "snake_case")]
pub enum HitType {
    User,
    Plan,
    Exercise,
    Club,
}

#[derive(Object, Debug)]
pub struct SearchHit {
    #[oai(rename = "type")]
    pub kind: HitType,
    /// Username for users; id for plans, exercises and clubs.
    pub id: String,
    pub title: String,
    pub subtitle: String,
    pub score: f32,
}

#[derive(Object, Debug)]
pub struct SearchResults {
    pub items: Vec<SearchHit>,
    /// False while the index is still being built after a start (results may be missing).
    pub complete: bool,
}

pub fn hit_dto(h: &Hit) -> SearchHit {
    SearchHit {
        kind: match h.kind {
            Kind::User => HitType::User,
            Kind::Plan => HitType::Plan,
            Kind::Exercise => HitType::Exercise,
            Kind::Club => HitType::Club,
        },
        id: h.id.clone(),
        title: h.title.clone(),
        subtitle: h.subtitle.clone(),
        score: h.score,
    }
}

/// Parses `types=users,plans,exercises` (empty = all).
pub fn kinds(types: Option<&str>) -> Result<Vec<Kind>, AppError> {
    let mut out = Vec::new();
    for t in types
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        out.push(Kind::parse(t).ok_or_else(|| {
            AppError::invalid(
                "types",
                "Use users, plans and/or exercises, separated by commas.",
            )
        })?);
    }
    Ok(out)
}

pub struct SearchApi;

#[OpenApi(prefix_path = "/api/v1")]
impl SearchApi {
    /// Ranked results as you type, in English or Russian: only what the caller may see.
    /// `q` up to 200 characters; `limit` default 20, at most 50.
    #[oai(
        path = "/search",
        method = "get",
        tag = "Tag::Search",
        operation_id = "search"
    )]
    async fn search(
        &self,
        search: Svc<'_, Search>,
        me: Member,
        q: Query<Option<String>>,
        types: Query<Option<String>>,
        limit: Query<Option<u32>>,
    ) -> Result<Json<SearchResults>, ApiError> {
        let q = q.0.unwrap_or_default();
        if q.chars().count() > 200 {
            return Err(AppError::invalid("q", "Use at most 200 characters.").into());
        }
        let limit = match limit.0 {
            None => 20,
            Some(n @ 1..=50) => n as usize,
            Some(_) => return Err(AppError::invalid("limit", "Use a limit from 1 to 50.").into()),
        };
        let query = SearchQuery {
            q,
            kinds: kinds(types.0.as_deref())?,
            limit,
        };
        let hits = search.search(&me.user, query).await?;
        Ok(Json(SearchResults {
            items: hits.iter().map(hit_dto).collect(),
            complete: search.ready(),
        }))
    }
}
