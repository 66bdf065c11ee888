//! `/api/v1/clubs/…`: clubs inside the gym, their members and the club admins' tools.

use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Enum, Object, OpenApi, Tags};

use super::model::{ClubRole, JoinPolicy};
use super::{ClubPatch, ClubView, Social};
use crate::accounts::Accounts;
use crate::accounts::api::rfc3339;
use crate::api::Svc;
use crate::api::auth::Member;
use crate::api::body::JsonBody;
use crate::api::pagination::{Cursor, limit_of};
use crate::api::problem::ApiError;
use crate::error::AppError;
use crate::storage::ids;
use crate::training::api::dto::UserRef;

type Result<T> = std::result::Result<T, ApiError>;

#[derive(Tags)]
enum Tag {
    /// Clubs inside the gym: joining, members, club admins.
    Clubs,
}

/// Who may join a club.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum JoinPolicyDto {
    /// Anyone in the gym joins at once.
    Open,
    /// Anyone asks; a club admin approves.
    Approval,
    /// Only invited people join; the club is hidden from everyone else.
    Invite,
}

impl From<JoinPolicy> for JoinPolicyDto {
    fn from(p: JoinPolicy) -> Self {
        match p {
            JoinPolicy::Open => Self::Open,
            JoinPolicy::Approval => Self::Approval,
            JoinPolicy::Invite => Self::Invite,
        }
    }
}

impl From<JoinPolicyDto> for JoinPolicy {
    fn from(p: JoinPolicyDto) -> Self {
        match p {
            JoinPolicyDto::Open => Self::Open,
            JoinPolicyDto::Approval => Self::Approval,
            JoinPolicyDto::Invite => Self::Invite,
        }
    }
}

/// Someone's place in a club.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum ClubRoleDto {
    /// Asked to join; a club admin has not answered yet.
    Requested,
    /// Invited; joins with `POST /clubs/{id}/join`.
    Invited,
    Member,
    /// Manages the club.
    Admin,
}

impl From<ClubRole> for ClubRoleDto {
    fn from(r: ClubRole) -> Self {
        match r {
            ClubRole::Requested => Self::Requested,
            ClubRole::Invited => Self::Invited,
            ClubRole::Member => Self::Member,
            ClubRole::Admin => Self::Admin,
        }
    }
}

/// A new club.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct ClubCreate {
    /// 1–80 characters.
    pub name: String,
    /// At most 1,000 characters.
    #[oai(default)]
    pub description: String,
    pub policy: JoinPolicyDto,
}

/// Changes to a club (club admins).
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct ClubPatchDto {
    pub name: Option<String>,
    pub description: Option<String>,
    pub policy: Option<JoinPolicyDto>,
}

#[derive(Object, Debug)]
pub struct ClubDto {
    pub id: String,
    pub name: String,
    pub description: String,
    pub policy: JoinPolicyDto,
    /// Members and admins.
    pub members: u32,
    /// The caller's place in it.
    #[oai(nullable)]
    pub role: Option<ClubRoleDto>,
    pub created_at: String,
}

#[derive(Object, Debug)]
pub struct ClubList {
    pub items: Vec<ClubDto>,
    #[oai(nullable)]
    pub next_cursor: Option<String>,
}

/// The caller's or a member's place in a club after a change.
#[derive(Object, Debug)]
pub struct ClubRoleResult {
    pub role: ClubRoleDto,
}

#[derive(Object, Debug)]
pub struct ClubPerson {
    pub user: UserRef,
    pub role: ClubRoleDto,
}

#[derive(Object, Debug)]
pub struct ClubPeople {
    pub items: Vec<ClubPerson>,
    #[oai(nullable)]
    pub next_cursor: Option<String>,
}

/// Whom a club admin lets in (approves a request) or invites.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct ClubAdmitRequest {
    pub username: String,
}

/// A member's new role.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum ClubMemberRole {
    Member,
    Admin,
}

#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct ClubRolePatch {
    pub role: ClubMemberRole,
}

#[derive(ApiResponse)]
pub enum Done {
    #[oai(status = 204)]
    Done,
}

#[derive(ApiResponse)]
pub enum ClubCreated {
    #[oai(status = 201)]
    Created(Json<ClubDto>),
}

fn dto(v: &ClubView) -> ClubDto {
    ClubDto {
        id: ids::to_string(v.club.id),
        name: v.club.name.clone(),
        description: v.club.description.clone(),
        policy: v.club.policy.into(),
        members: v.club.members,
        role: v.role.map(Into::into),
        created_at: rfc3339(v.club.created_at),
    }
}

fn club_id(s: &str) -> std::result::Result<u128, AppError> {
    ids::parse(s).ok_or_else(|| AppError::NotFound("No such club, or you may not see it.".into()))
}

fn id_cursor(c: Option<&str>) -> Result<Option<u128>> {
    match Cursor::decode(c)? {
        None => Ok(None),
        Some(s) => ids::parse(&s).map(Some).ok_or_else(|| {
            AppError::BadRequest(
                "The cursor is not one this server gave out; start from the first page.".into(),
            )
            .into()
        }),
    }
}

/// The club endpoints.
pub struct ClubsApi;

#[OpenApi(prefix_path = "/api/v1")]
impl ClubsApi {
    /// The clubs the caller may see (invitation-only clubs only to their people and
    /// administrators), oldest first; `mine=true`: only the caller's clubs, requests and
    /// invitations (one page).
    #[oai(
        path = "/clubs",
        method = "get",
        tag = "Tag::Clubs",
        operation_id = "list_clubs"
    )]
    async fn list(
        &self,
        social: Svc<'_, Social>,
        me: Member,
        mine: Query<Option<bool>>,
        limit: Query<Option<u32>>,
        cursor: Query<Option<String>>,
    ) -> Result<Json<ClubList>> {
        let limit = limit_of(limit.0)?;
        let after = id_cursor(cursor.0.as_deref())?;
        let (items, next) = social
            .clubs(&me.user, mine.0.unwrap_or(false), after, limit)
            .await?;
        Ok(Json(ClubList {
            items: items.iter().map(dto).collect(),
            next_cursor: next.map(|id| Cursor::encode(&ids::to_string(id))),
        }))
    }

    /// Creates a club (coaches and administrators; members too when the gym allows it); the
    /// creator is its first admin.
    #[oai(
        path = "/clubs",
        method = "post",
        tag = "Tag::Clubs",
        operation_id = "create_club"
    )]
    async fn create(
        &self,
        social: Svc<'_, Social>,
        me: Member,
        body: JsonBody<ClubCreate>,
    ) -> Result<ClubCreated> {
        let b = body.0;
        let v = social
            .create_club(&me.user, &b.name, &b.description, b.policy.into())
            .await?;
        Ok(ClubCreated::Created(Json(dto(&v))))
    }

    /// A club the caller may see, with their place in it.
    #[oai(
        path = "/clubs/:id",
        method = "get",
        tag = "Tag::Clubs",
        operation_id = "get_club"
    )]
    async fn get(
        &self,
        social: Svc<'_, Social>,
        me: Member,
        id: Path<String>,
    ) -> Result<Json<ClubDto>> {
        let v = social.club(&me.user, club_id(&id.0)?).await?;
        Ok(Json(dto(&v)))
    }

    /// Changes a club's name, description or policy (its admins, or a gym administrator).
    #[oai(
        path = "/clubs/:id",
        method = "patch",
        tag = "Tag::Clubs",
        operation_id = "update_club"
    )]
    async fn update(
        &self,
        social: Svc<'_, Social>,
        me: Member,
        id: Path<String>,
        body: JsonBody<ClubPatchDto>,
    ) -> Result<Json<ClubDto>> {
        let b = body.0;
        let patch = ClubPatch {
            name: b.name,
            description: b.description,
            policy: b.policy.map(Into::into),
        };
        let v = social.update_club(&me.user, club_id(&id.0)?, patch).await?;
        Ok(Json(dto(&v)))
    }

    /// Deletes a club (its admins, or a gym administrator).
    #[oai(
        path = "/clubs/:id",
        method = "delete",
        tag = "Tag::Clubs",
        operation_id = "delete_club"
    )]
    async fn delete(&self, social: Svc<'_, Social>, me: Member, id: Path<String>) -> Result<Done> {
        social.delete_club(&me.user, club_id(&id.0)?).await?;
        Ok(Done::Done)
    }

    /// Joins a club: at once when it is open or the caller was invited; a request its admins
    /// answer when it needs approval. 403 for an invitation-only club without an invitation.
    #[oai(
        path = "/clubs/:id/join",
        method = "post",
        tag = "Tag::Clubs",
        operation_id = "join_club"
    )]
    async fn join(
        &self,
        social: Svc<'_, Social>,
        me: Member,
        id: Path<String>,
    ) -> Result<Json<ClubRoleResult>> {
        let role = social.join_club(&me.user, club_id(&id.0)?).await?;
        Ok(Json(ClubRoleResult { role: role.into() }))
    }

    /// Leaves a club, withdraws a request or turns down an invitation. 409
    /// `last_club_admin` for the last admin of a club with members; a club whose last member
    /// leaves is deleted.
    #[oai(
        path = "/clubs/:id/leave",
        method = "post",
        tag = "Tag::Clubs",
        operation_id = "leave_club"
    )]
    async fn leave(&self, social: Svc<'_, Social>, me: Member, id: Path<String>) -> Result<Done> {
        social.leave_club(&me.user, club_id(&id.0)?).await?;
        Ok(Done::Done)
    }

    /// A club's members and admins; `pending=true`: its requests and invitations (club
    /// admins only). People the caller is blocked with are left out.
    #[oai(
        path = "/clubs/:id/members",
        method = "get",
        tag = "Tag::Clubs",
        operation_id = "club_members"
    )]
    async fn members(
        &self,
        social: Svc<'_, Social>,
        me: Member,
        id: Path<String>,
        pending: Query<Option<bool>>,
        limit: Query<Option<u32>>,
        cursor: Query<Option<String>>,
    ) -> Result<Json<ClubPeople>> {
        let limit = limit_of(limit.0)?;
        let after = id_cursor(cursor.0.as_deref())?;
        let (items, next) = social
            .club_people(
                &me.user,
                club_id(&id.0)?,
                pending.0.unwrap_or(false),
                after,
                limit,
            )
            .await?;
        Ok(Json(ClubPeople {
            items: items
                .iter()
                .map(|(u, r)| ClubPerson {
                    user: UserRef::from(u),
                    role: (*r).into(),
                })
                .collect(),
            next_cursor: next.map(|id| Cursor::encode(&ids::to_string(id))),
        }))
    }

    /// A club admin approves someone's request to join, or invites them (they are told and
    /// join themselves).
    #[oai(
        path = "/clubs/:id/members",
        method = "post",
        tag = "Tag::Clubs",
        operation_id = "admit_club_member"
    )]
    async fn admit(
        &self,
        accounts: Svc<'_, Accounts>,
        social: Svc<'_, Social>,
        me: Member,
        id: Path<String>,
        body: JsonBody<ClubAdmitRequest>,
    ) -> Result<Json<ClubRoleResult>> {
        let target = super::api::by_username(&accounts, &body.0.username).await?;
        let role = social.admit(&me.user, club_id(&id.0)?, &target).await?;
        Ok(Json(ClubRoleResult { role: role.into() }))
    }

    /// A club admin makes a member an admin, or a plain member again (409 `last_club_admin`
    /// for the last admin).
    #[oai(
        path = "/clubs/:id/members/:username",
        method = "patch",
        tag = "Tag::Clubs",
        operation_id = "set_club_role"
    )]
    async fn set_role(
        &self,
        accounts: Svc<'_, Accounts>,
        social: Svc<'_, Social>,
        me: Member,
        id: Path<String>,
        username: Path<String>,
        body: JsonBody<ClubRolePatch>,
    ) -> Result<Json<ClubRoleResult>> {
        let target = super::api::by_username(&accounts, &username.0).await?;
        let admin = body.0.role == ClubMemberRole::Admin;
        let role = social
            .set_club_admin(&me.user, club_id(&id.0)?, &target, admin)
            .await?;
        Ok(Json(ClubRoleResult { role: role.into() }))
    }

    /// A club admin removes a member, declines a request or withdraws an invitation (a
    /// member may remove themselves: that is leaving).
    #[oai(
        path = "/clubs/:id/members/:username",
        method = "delete",
        tag = "Tag::Clubs",
        operation_id = "remove_club_member"
    )]
    async fn remove(
        &self,
        accounts: Svc<'_, Accounts>,
        social: Svc<'_, Social>,
        me: Member,
        id: Path<String>,
        username: Path<String>,
    ) -> Result<Done> {
        let target = super::api::by_username(&accounts, &username.0).await?;
        social
            .remove_from_club(&me.user, club_id(&id.0)?, &target)
            .await?;
        Ok(Done::Done)
    }
}
