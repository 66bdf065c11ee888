//! Administration: users, invites, instance settings (admins and the owner).

use super::dto::*;
use super::*;
use crate::accounts::Accounts;
use crate::accounts::service::GymPatch;
use crate::api::body::JsonBody;
use crate::config::Settings;

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
        accounts: Svc<'_, Accounts>,
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
        accounts: Svc<'_, Accounts>,
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
        accounts: Svc<'_, Accounts>,
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
        accounts: Svc<'_, Accounts>,
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
        accounts: Svc<'_, Accounts>,
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
        accounts: Svc<'_, Accounts>,
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
        accounts: Svc<'_, Accounts>,
        admin: Admin,
        code: Path<String>,
    ) -> Result<NoContent> {
        let actor = Actor::User(Box::new(admin.0.user));
        accounts.revoke_invite(&actor, code.0).await?;
        Ok(NoContent::Done)
    }

    /// The gym's settings.
    #[oai(
        path = "/admin/settings",
        method = "get",
        tag = "Tag::Admin",
        operation_id = "admin_get_settings"
    )]
    async fn settings(
        &self,
        accounts: Svc<'_, Accounts>,
        _admin: Admin,
    ) -> Result<Json<InstanceSettings>> {
        Ok(Json(instance_settings(&accounts).await?))
    }

    /// Changes the gym's settings (each change is written to the audit log).
    #[oai(
        path = "/admin/settings",
        method = "patch",
        tag = "Tag::Admin",
        operation_id = "admin_update_settings"
    )]
    async fn update_settings(
        &self,
        accounts: Svc<'_, Accounts>,
        admin: Admin,
        body: JsonBody<InstanceSettingsPatch>,
    ) -> Result<Json<InstanceSettings>> {
        let b = body.0;
        let patch = GymPatch {
            registration_mode: b.registration_mode.map(Into::into),
            name: b.name,
            default_language: b.default_language.map(Into::into),
            units: b.units.map(Into::into),
            timezone: b.timezone,
            plates: b.plates.map(Into::into),
        };
        let actor = Actor::User(Box::new(admin.0.user));
        accounts.update_gym(&actor, patch).await?;
        Ok(Json(instance_settings(&accounts).await?))
    }

    /// Uploads the gym's logo (multipart field `file`: PNG, JPEG or WebP, at most 256 KiB).
    #[oai(
        path = "/admin/settings/logo",
        method = "put",
        tag = "Tag::Admin",
        operation_id = "admin_upload_logo"
    )]
    async fn upload_logo(
        &self,
        accounts: Svc<'_, Accounts>,
        admin: Admin,
        form: LogoUpload,
    ) -> Result<Json<InstanceSettings>> {
        let ct = form.file.content_type().map(str::to_owned);
        let bytes = form
            .file
            .into_vec()
            .await
            .map_err(|e| AppError::BadRequest(format!("Could not read the upload: {e}")))?;
        let actor = Actor::User(Box::new(admin.0.user));
        accounts.set_logo(&actor, Some((ct, bytes))).await?;
        Ok(Json(instance_settings(&accounts).await?))
    }

    /// Removes the gym's logo.
    #[oai(
        path = "/admin/settings/logo",
        method = "delete",
        tag = "Tag::Admin",
        operation_id = "admin_delete_logo"
    )]
    async fn delete_logo(
        &self,
        accounts: Svc<'_, Accounts>,
        admin: Admin,
    ) -> Result<Json<InstanceSettings>> {
        let actor = Actor::User(Box::new(admin.0.user));
        accounts.set_logo(&actor, None).await?;
        Ok(Json(instance_settings(&accounts).await?))
    }

    /// Creates an account: members and coaches (administrators: the owner only). Without a
    /// password the answer carries a one-time link (valid 72 hours) for the person to choose
    /// one.
    #[oai(
        path = "/admin/users",
        method = "post",
        tag = "Tag::Admin",
        operation_id = "admin_create_user"
    )]
    async fn create_user(
        &self,
        accounts: Svc<'_, Accounts>,
        settings: Svc<'_, std::sync::Arc<Settings>>,
        admin: Admin,
        req: &Request,
        body: JsonBody<NewUserRequest>,
    ) -> Result<CreatedUser> {
        let b = body.0;
        let new = NewUser {
            username: b.username,
            password: b.password.unwrap_or_default(),
            email: b.email,
            display_name: b.display_name,
        };
        let actor = Actor::User(Box::new(admin.0.user));
        let made = accounts
            .create_account(&actor, new, b.role.map_or(Role::Member, Role::from))
            .await?;
        let reset_link = made
            .reset
            .map(|(token, expires)| reset_link(&settings, req, &token, expires));
        Ok(CreatedUser::Created(Json(NewUserResponse {
            user: AdminUser::from(&made.user),
            reset_link,
        })))
    }

    /// A one-time link (valid 72 hours) for a member to choose a new password; it replaces
    /// any older link. Their password and sessions stay until the link is used.
    #[oai(
        path = "/admin/users/:username/password-reset",
        method = "post",
        tag = "Tag::Admin",
        operation_id = "admin_password_reset_link"
    )]
    async fn password_reset_link(
        &self,
        accounts: Svc<'_, Accounts>,
        settings: Svc<'_, std::sync::Arc<Settings>>,
        admin: Admin,
        req: &Request,
        username: Path<String>,
    ) -> Result<Json<ResetLinkDto>> {
        let actor = Actor::User(Box::new(admin.0.user));
        let (token, expires) = accounts.reset_link(&actor, &username.0).await?;
        Ok(Json(reset_link(&settings, req, &token, expires)))
    }

    /// Turns off a member's two-step sign-in (they lost their phone and recovery codes); their
    /// browser sessions end.
    #[oai(
        path = "/admin/users/:username/totp",
        method = "delete",
        tag = "Tag::Admin",
        operation_id = "admin_disable_totp"
    )]
    async fn disable_totp(
        &self,
        accounts: Svc<'_, Accounts>,
        admin: Admin,
        username: Path<String>,
    ) -> Result<Json<AdminUser>> {
        let actor = Actor::User(Box::new(admin.0.user));
        let u = accounts.admin_disable_totp(&actor, &username.0).await?;
        Ok(Json(AdminUser::from(&u)))
    }
}

#[derive(ApiResponse)]
pub enum CreatedUser {
    #[oai(status = 201)]
    Created(Json<NewUserResponse>),
}

/// The link a person opens to choose a password: on the configured public address, else the
/// address the administrator used.
fn reset_link(settings: &Settings, req: &Request, token: &str, expires: i64) -> ResetLinkDto {
    let base = match &settings.public_url {
        Some(u) => u.trim_end_matches('/').to_owned(),
        None => {
            let host = req
                .headers()
                .get("host")
                .and_then(|h| h.to_str().ok())
                .unwrap_or("localhost");
            let scheme = if settings.https() { "https" } else { "http" };
            format!("{scheme}://{host}")
        }
    };
    ResetLinkDto {
        url: format!("{base}/reset-password#token={token}"),
        expires_at: rfc3339(expires),
    }
}

pub(super) async fn instance_settings(accounts: &Accounts) -> Result<InstanceSettings> {
    let (mode, locked) = accounts.registration_mode().await?;
    let g = accounts.gym();
    Ok(InstanceSettings {
        registration_mode: mode.into(),
        registration_mode_locked: locked,
        name: g.name.clone(),
        default_language: g.default_language.into(),
        units: g.units.into(),
        timezone: g.timezone.clone(),
        plates: PlatesDto::from(&g.plates),
        logo_url: g.logo_url(),
    })
}
