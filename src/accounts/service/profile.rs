//! Own profile, password, two-factor sign-in, avatar; who may see a profile.

use super::*;
use crate::access::{Ties, may_see_profile};

impl Accounts {
    // ----- own profile -----------------------------------------------------------------------

    pub async fn user(&self, id: u128) -> Result<User, AppError> {
        self.store
            .read(move |tx| tx.user(id))
            .await?
            .ok_or_else(|| not_found("user"))
    }

    pub async fn user_by_name(&self, username: &str) -> Result<Option<User>, AppError> {
        let key = username.to_lowercase();
        self.store
            .read(move |tx| match tx.user_id_by_username(&key)? {
                Some(id) => tx.user(id),
                None => Ok(None),
            })
            .await
    }

    /// Applies a partial profile update; `if_match` is the version the client last saw.
    pub async fn update_profile(
        &self,
        user_id: u128,
        mut patch: ProfilePatch,
        if_match: Option<u64>,
    ) -> Result<User, AppError> {
        let mut errs = Vec::new();
        if let Some(d) = &patch.display_name {
            if d.trim().is_empty() {
                errs.push(FieldError::new(
                    "display_name",
                    "The display name cannot be empty.",
                ));
            } else if let Err(e) =
                validate::text("display_name", d, validate::DISPLAY_NAME_MAX, false)
            {
                errs.push(e);
            }
        }
        if let Some(b) = &patch.bio
            && let Err(e) = validate::text("bio", b, validate::BIO_MAX, true)
        {
            errs.push(e);
        }
        if let Some(e) = patch.email.as_deref().filter(|e| !e.trim().is_empty())
            && let Err(err) = validate::email(e.trim())
        {
            errs.push(err);
        }
        if let Some(tz) = &patch.timezone {
            match validate::timezone(tz) {
                Ok(canonical) => patch.timezone = Some(canonical),
                Err(e) => errs.push(e),
            }
        }
        field_errors(errs)?;
        let bus = self.bus.clone();
        self.store
            .write(move |tx| {
                let old = tx.user(user_id)?.ok_or_else(|| not_found("user"))?;
                if if_match.is_some_and(|v| v != old.version) {
                    return Err(AppError::PreconditionFailed(
                        "Your profile was changed elsewhere; reload it and apply your change again."
                            .into(),
                    ));
                }
                let mut u = old.clone();
                if let Some(d) = &patch.display_name {
                    u.display_name = d.trim().to_owned();
                }
                if let Some(b) = &patch.bio {
                    u.bio = b.trim().to_owned();
                }
                if let Some(e) = &patch.email {
                    let e = e.trim().to_owned();
                    u.email = (!e.is_empty()).then_some(e);
                }
                let p = &mut u.preferences;
                p.units = patch.units.unwrap_or(p.units);
                p.language = patch.language.unwrap_or(p.language);
                p.week_start = patch.week_start.unwrap_or(p.week_start);
                p.weekly_target = patch.weekly_target.unwrap_or(p.weekly_target);
                if let Some(tz) = &patch.timezone {
                    p.timezone = tz.clone();
                }
                let v = &mut u.privacy;
                v.profile_visibility = patch.profile_visibility.unwrap_or(v.profile_visibility);
                v.searchable = patch.searchable.unwrap_or(v.searchable);
                if u != old {
                    u.version += 1;
                    store::update_user(tx, &old, &u)?;
                    super::publish_shared(tx, &bus, &old, &u)?;
                }
                Ok(u)
            })
            .await
    }

    /// Asks for the current password again before a sensitive change; throttled like a
    /// sign-in (the account from this address, the account, the address).
    async fn check_password(
        &self,
        user: &User,
        password: String,
        current: &Current,
    ) -> Result<(), AppError> {
        let account = sessions::account_key(&user.username, Some(user));
        let address = current.client.ip.clone().unwrap_or_default();
        self.throttle_check(&account, &address, sessions::Attempt::Reverify)?;
        let ok = password.chars().count() <= password::MAX_LEN
            && self
                .hasher
                .verify(password, Some(user.password_hash.clone()))
                .await?;
        if ok {
            self.throttle_clear(&account, &address);
            Ok(())
        } else {
            self.throttle_fail(&account, &address);
            tracing::warn!(username = %user.username, ip = %address, "failed password check");
            Err(AppError::Problem(
                Code::WrongPassword,
                "The current password is wrong.".into(),
            ))
        }
    }

    /// Changes the password. Every other session ends, and so do the personal API tokens
    /// unless `keep_tokens` (the session or token making the request stays).
    pub async fn change_password(
        &self,
        user_id: u128,
        current_password: String,
        new: String,
        keep_tokens: bool,
        current: &Current,
        gym_name: &str,
    ) -> Result<(), AppError> {
        let user = self.user(user_id).await?;
        self.check_password(&user, current_password, current)
            .await?;
        self.set_password(&user, new, Some(current.session_id), keep_tokens, gym_name)
            .await
    }

    /// The operator's or an administrator's password reset: every session and personal API
    /// token of the user ends.
    pub async fn reset_password(
        &self,
        user_id: u128,
        new: String,
        gym_name: &str,
    ) -> Result<(), AppError> {
        let user = self.user(user_id).await?;
        self.set_password(&user, new, None, false, gym_name).await
    }

    /// Sets a new password that passes the rules and ends the user's sessions but `keep`,
    /// and their API tokens unless `keep_tokens`, in the same transaction.
    async fn set_password(
        &self,
        user: &User,
        new: String,
        keep: Option<u128>,
        keep_tokens: bool,
        gym_name: &str,
    ) -> Result<(), AppError> {
        let who = password::Personal {
            username: &user.username,
            display_name: Some(&user.display_name),
            email: user.email.as_deref(),
            gym_name,
        };
        password::check_rules("new_password", &new, &who)?;
        let hash = self.hasher.hash(new).await?;
        let user_id = user.id;
        self.store
            .write(move |tx| {
                let old = tx.user(user_id)?.ok_or_else(|| not_found("user"))?;
                let mut u = old.clone();
                u.password_hash = hash.clone();
                u.version += 1;
                store::update_user(tx, &old, &u)?;
                store::delete_sessions(tx, user_id, |s| {
                    Some(s.id) != keep && (s.kind == SessionKind::Session || !keep_tokens)
                })?;
                Ok(())
            })
            .await
    }

    // ----- two-factor ------------------------------------------------------------------------

    /// Starts TOTP enrolment: stores a new, not yet enabled secret and returns it.
    pub async fn totp_begin(
        &self,
        user_id: u128,
        password: String,
        current: &Current,
    ) -> Result<(String, String), AppError> {
        let user = self.user(user_id).await?;
        self.check_password(&user, password, current).await?;
        if user.totp_enabled() {
            return Err(AppError::Problem(
                Code::TotpEnabled,
                "Two-factor sign-in is already on; turn it off first to enrol a new device.".into(),
            ));
        }
        let secret = totp::new_secret();
        let url = totp::otpauth_url(&secret, &user.username);
        let s = secret.clone();
        self.mutate_user(user_id, move |u| {
            u.totp = Some(Totp {
                secret_b32: s.clone(),
                ..Totp::default()
            });
            Ok(())
        })
        .await?;
        Ok((secret, url))
    }

    /// Finishes enrolment with a code from the app and ends the user's other browser
    /// sessions; returns the recovery codes (shown once). The code is checked and used in
    /// the transaction that re-reads the user, so one code enables once; wrong codes are
    /// throttled like wrong passwords.
    pub async fn totp_enable(
        &self,
        user_id: u128,
        code: String,
        current: &Current,
    ) -> Result<Vec<String>, AppError> {
        let user = self.user(user_id).await?;
        let account = sessions::account_key(&user.username, Some(&user));
        let address = current.client.ip.clone().unwrap_or_default();
        self.throttle_check(&account, &address, sessions::Attempt::Reverify)?;
        let (codes, hashes) = totp::new_recovery_codes();
        let keep = current.session_id;
        let enabled =
            self.store
                .write(move |tx| {
                    let old = tx.user(user_id)?.ok_or_else(|| not_found("user"))?;
                    let mut u = old.clone();
                    let t = u.totp.as_mut().filter(|t| !t.enabled).ok_or_else(|| {
                        AppError::Problem(
                            Code::TotpNotStarted,
                            "Start the set-up of two-factor sign-in first.".into(),
                        )
                    })?;
                    let step = totp::check(t, &code, now()).ok_or_else(|| {
                        AppError::Problem(Code::WrongCode,
                        "The code is wrong; check the time on your phone and try the next code."
                            .into(),
                    )
                    })?;
                    t.last_step = step;
                    t.enabled = true;
                    t.recovery_hashes = hashes.clone();
                    u.version += 1;
                    store::update_user(tx, &old, &u)?;
                    store::delete_sessions(tx, user_id, |s| {
                        s.kind == SessionKind::Session && s.id != keep
                    })?;
                    Ok(())
                })
                .await;
        match enabled {
            Ok(()) => {
                self.throttle_clear(&account, &address);
                Ok(codes)
            }
            Err(e @ AppError::Problem(Code::WrongCode, _)) => {
                self.throttle_fail(&account, &address);
                Err(e)
            }
            Err(e) => Err(e),
        }
    }

    pub async fn totp_disable(
        &self,
        user_id: u128,
        password: String,
        current: &Current,
    ) -> Result<(), AppError> {
        let user = self.user(user_id).await?;
        self.check_password(&user, password, current).await?;
        self.mutate_user(user_id, |u| {
            u.totp = None;
            Ok(())
        })
        .await
        .map(|_| ())
    }

    pub async fn totp_new_recovery_codes(
        &self,
        user_id: u128,
        password: String,
        current: &Current,
    ) -> Result<Vec<String>, AppError> {
        let user = self.user(user_id).await?;
        self.check_password(&user, password, current).await?;
        let (codes, hashes) = totp::new_recovery_codes();
        self.mutate_user(user_id, move |u| {
            let t = u.totp.as_mut().filter(|t| t.enabled).ok_or_else(|| {
                AppError::Problem(Code::TotpDisabled, "Two-factor sign-in is off.".into())
            })?;
            t.recovery_hashes = hashes.clone();
            Ok(())
        })
        .await?;
        Ok(codes)
    }

    async fn mutate_user(
        &self,
        user_id: u128,
        f: impl Fn(&mut User) -> Result<(), AppError> + Send + 'static,
    ) -> Result<User, AppError> {
        self.store
            .write(move |tx| {
                let old = tx.user(user_id)?.ok_or_else(|| not_found("user"))?;
                let mut u = old.clone();
                f(&mut u)?;
                u.version += 1;
                store::update_user(tx, &old, &u)?;
                Ok(u)
            })
            .await
    }

    // ----- avatar ----------------------------------------------------------------------------

    pub async fn set_avatar(
        &self,
        user_id: u128,
        content_type: Option<String>,
        bytes: Vec<u8>,
    ) -> Result<User, AppError> {
        let sniffed = checked_image(content_type, &bytes, MAX_AVATAR_BYTES)?;
        let avatar = Avatar {
            content_type: sniffed.to_owned(),
            bytes,
        };
        self.store
            .write(move |tx| {
                let old = tx.user(user_id)?.ok_or_else(|| not_found("user"))?;
                let mut u = old.clone();
                u.avatar_version += 1;
                u.version += 1;
                store::put_avatar(tx, user_id, &avatar)?;
                store::update_user(tx, &old, &u)?;
                Ok(u)
            })
            .await
    }

    pub async fn delete_avatar(&self, user_id: u128) -> Result<(), AppError> {
        self.store
            .write(move |tx| {
                let old = tx.user(user_id)?.ok_or_else(|| not_found("user"))?;
                let mut u = old.clone();
                u.avatar_version = 0;
                u.version += 1;
                store::delete_avatar(tx, user_id)?;
                store::update_user(tx, &old, &u)
            })
            .await
    }

    pub async fn avatar(&self, user_id: u128) -> Result<Option<Avatar>, AppError> {
        self.store.read(move |tx| tx.avatar(user_id)).await
    }

    // ----- other people's profiles -----------------------------------------------------------

    /// The user named `username` if `viewer` may see their profile; 404 otherwise, so hidden
    /// and missing profiles look the same.
    pub async fn visible_profile(
        &self,
        viewer: Option<&User>,
        username: &str,
    ) -> Result<User, AppError> {
        let target = self
            .user_by_name(username)
            .await?
            .ok_or_else(|| not_found("user"))?;
        let relations = self.relations.clone();
        let (vid, tid) = (viewer.map(|v| v.id), target.id);
        let ties = match vid {
            Some(v) if v != tid => {
                self.store
                    .read(move |tx| relations.ties(tx, v, tid))
                    .await?
            }
            _ => Ties::default(),
        };
        if may_see_profile(viewer, &target, ties) {
            Ok(target)
        } else {
            Err(not_found("user"))
        }
    }
}

/// The real type of an image from its first bytes.
pub fn sniff_image(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

/// Widest and tallest avatar accepted, in pixels: browsers and phones decode every avatar they
/// show, so a small file that unpacks to an enormous bitmap is refused.
pub const MAX_AVATAR_SIDE: u32 = 4096;

/// Width and height of a PNG, JPEG or WebP image, read from its header without decoding it.
pub fn image_size(b: &[u8]) -> Option<(u32, u32)> {
    let be16 = |i: usize| {
        Some(u32::from(u16::from_be_bytes(
            b.get(i..i + 2)?.try_into().ok()?,
        )))
    };
    let le16 = |i: usize| {
        Some(u32::from(u16::from_le_bytes(
            b.get(i..i + 2)?.try_into().ok()?,
        )))
    };
    let le24 = |i: usize| {
        let x = b.get(i..i + 3)?;
        Some(u32::from(x[0]) | (u32::from(x[1]) << 8) | (u32::from(x[2]) << 16))
    };
    match sniff_image(b)? {
        // The first chunk is IHDR: width and height, big-endian, at bytes 16 and 20.
        "image/png" => {
            if b.get(12..16)? != b"IHDR" {
                return None;
            }
            let w = u32::from_be_bytes(b.get(16..20)?.try_into().ok()?);
            let h = u32::from_be_bytes(b.get(20..24)?.try_into().ok()?);
            Some((w, h))
        }
        // Walk the segments to the first start-of-frame marker (C0–CF but C4, C8 and CC).
        "image/jpeg" => {
            let mut i = 2;
            loop {
                while *b.get(i)? != 0xFF {
                    i += 1;
                }
                while *b.get(i)? == 0xFF {
                    i += 1;
                }
                let marker = *b.get(i)?;
                i += 1;
                if matches!(marker, 0xD0..=0xD9 | 0x01) {
                    continue;
                }
                let len = usize::try_from(be16(i)?).ok()?;
                if matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
                    return Some((be16(i + 5)?, be16(i + 3)?));
                }
                i += len;
            }
        }
        // RIFF….WEBP then one of the VP8 (lossy), VP8L (lossless) or VP8X (extended) chunks.
        _ => match b.get(12..16)? {
            b"VP8 " => Some((le16(26)? & 0x3FFF, le16(28)? & 0x3FFF)),
            b"VP8L" => {
                let bits = u32::from_le_bytes(b.get(21..25)?.try_into().ok()?);
                Some(((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1))
            }
            b"VP8X" => Some((le24(24)? + 1, le24(27)? + 1)),
            _ => None,
        },
    }
}

/// Checks an uploaded image (avatar, gym logo): PNG, JPEG or WebP by its content (and the
/// declared type agreeing), at most `max_bytes` and `MAX_AVATAR_SIDE` pixels a side; returns
/// its content type.
pub(super) fn checked_image(
    content_type: Option<String>,
    bytes: &[u8],
    max_bytes: usize,
) -> Result<&'static str, AppError> {
    if bytes.len() > max_bytes {
        return Err(AppError::TooLarge(format!(
            "The image is larger than {} KiB; use a smaller one.",
            max_bytes / 1024
        )));
    }
    let sniffed = sniff_image(bytes).ok_or_else(|| {
        AppError::Problem(
            Code::UnsupportedImage,
            "Use a PNG, JPEG or WebP image.".into(),
        )
    })?;
    if let Some(ct) = content_type.filter(|c| c != "application/octet-stream")
        && ct != sniffed
    {
        return Err(AppError::Problem(
            Code::UnsupportedImage,
            format!("The file says it is {ct} but its content is {sniffed}."),
        ));
    }
    match image_size(bytes) {
        Some((w, h)) if w <= MAX_AVATAR_SIDE && h <= MAX_AVATAR_SIDE && w > 0 && h > 0 => {}
        Some((w, h)) => {
            return Err(AppError::Problem(
                Code::ImageTooLarge,
                format!(
                    "The image is {w}×{h} pixels; use one of at most {MAX_AVATAR_SIDE}×{MAX_AVATAR_SIDE}."
                ),
            ));
        }
        None => {
            return Err(AppError::Problem(
                Code::UnsupportedImage,
                "The image's size cannot be read; save it again as a PNG, JPEG or WebP.".into(),
            ));
        }
    }
    Ok(sniffed)
}

#[cfg(test)]
mod image_tests {
    use super::image_size;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let mut v = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        v.extend_from_slice(&w.to_be_bytes());
        v.extend_from_slice(&h.to_be_bytes());
        v.extend_from_slice(&[8, 6, 0, 0, 0]);
        v
    }

    #[test]
    fn reads_sizes_from_headers() {
        assert_eq!(image_size(&png(640, 480)), Some((640, 480)));
        // JPEG: SOI, an APP0 segment, then SOF0 with height 300 and width 400.
        let jpeg = [
            0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01,
            0x2C, 0x01, 0x90,
        ];
        assert_eq!(image_size(&jpeg), Some((400, 300)));
        let mut webp = b"RIFF\0\0\0\0WEBPVP8X\x0a\0\0\0\0\0\0\0".to_vec();
        webp.extend_from_slice(&[0x1F, 0x4E, 0x00, 0x0F, 0x27, 0x00]); // 20000 × 10000
        assert_eq!(image_size(&webp), Some((20_000, 10_000)));
        assert_eq!(image_size(b"\xFF\xD8\xFF"), None);
    }
}
