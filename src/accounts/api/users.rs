//! Other people's profiles, as the caller may see them.

use super::dto::*;
use super::*;
use crate::accounts::Accounts;

pub struct UsersApi;

#[OpenApi(prefix_path = "/api/v1")]
impl UsersApi {
    /// A profile as the caller may see it (404 when it does not exist or is hidden).
    #[oai(
        path = "/users/:username",
        method = "get",
        tag = "Tag::Users",
        operation_id = "get_user"
    )]
    async fn user(
        &self,
        accounts: Svc<'_, Accounts>,
        viewer: MaybeMember,
        username: Path<String>,
    ) -> Result<Json<Profile>> {
        let viewer = viewer.0.map(|c| c.user);
        let u = accounts
            .visible_profile(viewer.as_ref(), &username.0)
            .await?;
        Ok(Json(Profile::from(&u)))
    }

    /// A user's profile picture, when the caller may see the profile.
    #[oai(
        path = "/users/:username/avatar",
        method = "get",
        tag = "Tag::Users",
        operation_id = "get_avatar"
    )]
    async fn avatar(
        &self,
        accounts: Svc<'_, Accounts>,
        viewer: MaybeMember,
        username: Path<String>,
    ) -> Result<AvatarImage> {
        let viewer = viewer.0.map(|c| c.user);
        let u = accounts
            .visible_profile(viewer.as_ref(), &username.0)
            .await?;
        let avatar = accounts
            .avatar(u.id)
            .await?
            .ok_or_else(|| AppError::NotFound("This user has no profile picture.".into()))?;
        let cache = "private, max-age=86400".to_owned();
        let image = Image {
            content_type: avatar.content_type,
            bytes: avatar.bytes,
        };
        Ok(AvatarImage::Ok(image, cache))
    }
}
