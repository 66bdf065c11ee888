//! Administration: users, invites, instance settings (admins and the owner).

use super::dto::*;
use super::*;
use crate::accounts::Accounts;
use crate::api::body::JsonBody;

pub struct AdminApi;

#[OpenApi(prefix_path = "/api/v1")]
impl AdminApi {
    /// Users, ordered by username; `q` filters by username prefix.
    #[oai(
        path = "/admin/users",
        method = "get",
        tag = "Tag::Admin",
        operation_id = "admin_list_users"
    )]
    async fn admin_users(
        &self,
        accounts: Data<&Accounts>,
        _admin: Admin,
        q: Query<Option<String>>,
        limit: Query<Option<u32>>,
        cursor: Query<Option<String>>,
    ) -> Result<Json<AdminUserList>> {
        let limit = limit_of(limit.0)?;
        let after = Cursor::decode(cursor.0.as_deref())?;
        let mut users = accounts
            .list_users(q.0.unwrap_or_default(), after, limit + 1)
            .await?;
        let next_cursor = (users.len() > limit).then(|| {
            users.truncate(limit);
            Cursor::encode(&users[limit - 1].username.to_lowercase())
        });
        Ok(Json(AdminUserList {
            items: users.iter().map(AdminUser::from).collect(),
            next_cursor,
        }))
    }

    /// One user, as administrators see them.
    #[oai(
        path = "/admin/users/:username",
        method = "get",
        tag = "Tag::Admin",
        operation_id = "admin_get_user"
    )]
    async fn admin_user(
        &self,
        accounts: Data<&Accounts>,
        _admin: Admin,
        username: Path<String>,
    ) -> Result<Json<AdminUser>> {
        let u = accounts
            .user_by_name(&username.0)
            .await?
            .ok_or_else(|| AppError::NotFound("No user with that name.".into()))?;
        Ok(Json(AdminUser::from(&u)))
    }

    /// Changes a user's role or status; disabling ends their sessions at once.
    #[oai(
        path = "/admin/users/:username",
        method = "patch",
        tag = "Tag::Admin",
        operation_id = "admin_update_user"
    )]
    async fn admin_update_user(
        &self,
        accounts: Data<&Accounts>,
        admin: Admin,
        username: Path<String>,
        body: JsonBody<AdminUserPatch>,
    ) -> Result<Json<AdminUser>> {
        let actor = Actor::User(Box::new(admin.0.user));
        let u = accounts
            .admin_update(
                &actor,
                &username.0,
                body.0.role.map(Role::from),
                body.0.status.map(Status::from),
            )
            .await?;
        Ok(Json(AdminUser::from(&u)))
    }

    /// Deletes a user and all their data.
    #[oai(
        path = "/admin/users/:username",
        method = "delete",
        tag = "Tag::Admin",
        operation_id = "admin_delete_user"
    )]
    async fn admin_delete_user(
        &self,
        accounts: Data<&Accounts>,
        admin: Admin,
        username: Path<String>,
    ) -> Result<NoContent> {
        let actor = Actor::User(Box::new(admin.0.user));
        accounts.delete_user(&actor, &username.0).await?;
        Ok(NoContent::Done)
    }

    /// Invite codes for the roles the caller may grant (administrators see no invites for
    /// administrators; the owner sees all).
    #[oai(
        path = "/admin/invites",
        method = "get",
        tag = "Tag::Admin",
        operation_id = "admin_list_invites"
    )]
    async fn invites(
        &self,
        accounts: Data<&Accounts>,
        admin: Admin,
        limit: Query<Option<u32>>,
        cursor: Query<Option<String>>,
    ) -> Result<Json<InviteList>> {
        let limit = limit_of(limit.0)?;
        let after = Cursor::decode(cursor.0.as_deref())?;
        let actor = Actor::User(Box::new(admin.0.user));
        let mut list = accounts.invites(&actor, after, limit + 1).await?;
        let next_cursor = (list.len() > limit).then(|| {
            list.truncate(limit);
            Cursor::encode(&list[limit - 1].code)
        });
        Ok(Json(InviteList {
            items: list.iter().map(InviteDto::from).collect(),
            next_cursor,
        }))
    }

    /// Creates an invite code. Only the owner can invite administrators; nobody can invite
    /// an owner.
    #[oai(
        path = "/admin/invites",
        method = "post",
        tag = "Tag::Admin",
        operation_id = "admin_create_invite"
    )]
    async fn create_invite(
        &self,
        accounts: Data<&Accounts>,
        admin: Admin,
        body: JsonBody<NewInviteRequest>,
    ) -> Result<Created<InviteDto>> {
        let b = body.0;
        let actor = Actor::User(Box::new(admin.0.user));
        let invite = accounts
            .create_invite(
                &actor,
                b.role.map_or(Role::Member, Role::from),
                b.max_uses.unwrap_or(1),
                Some(b.expires_in_hours.unwrap_or(168)),
            )
            .await?;
        Ok(Created::Created(Json(InviteDto::from(&invite))))
    }

    /// Revokes an invite code for a role the caller may grant (others are not found).
    #[oai(
        path = "/admin/invites/:code",
        method = "delete",
        tag = "Tag::Admin",
        operation_id = "admin_revoke_invite"
    )]
    async fn revoke_invite(
        &self,
        accounts: Data<&Accounts>,
        admin: Admin,
        code: Path<String>,
    ) -> Result<NoContent> {
        let actor = Actor::User(Box::new(admin.0.user));
        accounts.revoke_invite(&actor, code.0).await?;
        Ok(NoContent::Done)
    }

    /// Instance settings.
    #[oai(
        path = "/admin/settings",
        method = "get",
        tag = "Tag::Admin",
        operation_id = "admin_get_settings"
    )]
    async fn settings(
        &self,
        accounts: Data<&Accounts>,
        _admin: Admin,
    ) -> Result<Json<InstanceSettings>> {
        let (mode, locked) = accounts.registration_mode().await?;
        Ok(Json(InstanceSettings {
            registration_mode: mode.into(),
            registration_mode_locked: locked,
        }))
    }

    /// Changes instance settings.
    #[oai(
        path = "/admin/settings",
        method = "patch",
        tag = "Tag::Admin",
        operation_id = "admin_update_settings"
    )]
    async fn update_settings(
        &self,
        accounts: Data<&Accounts>,
        _admin: Admin,
        body: JsonBody<InstanceSettingsPatch>,
    ) -> Result<Json<InstanceSettings>> {
        if let Some(mode) = body.0.registration_mode {
            accounts.set_registration_mode(mode.into()).await?;
        }
        let (mode, locked) = accounts.registration_mode().await?;
        Ok(Json(InstanceSettings {
            registration_mode: mode.into(),
            registration_mode_locked: locked,
        }))
    }
}
