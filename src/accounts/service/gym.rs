//! The gym's settings, its logo, accounts made by administrators, and one-time links to set a
//! new password.

use super::*;
use crate::accounts::gym::{GymSettings, Plates};
use crate::accounts::model::ResetLink;

/// How long a password-reset link stays valid.
pub const RESET_LINK_TTL: i64 = 72 * 3600;
/// The largest gym logo.
pub const MAX_LOGO_BYTES: usize = 256 * 1024;
const RESET_PREFIX: &str = "gbr";

/// A change to the gym's settings; `None` leaves a field alone.
#[derive(Debug, Clone, Default)]
pub struct GymPatch {
    pub registration_mode: Option<RegistrationMode>,
    pub name: Option<String>,
    pub default_language: Option<Language>,
    pub units: Option<Units>,
    pub timezone: Option<String>,
    pub plates: Option<Plates>,
}

/// An account an administrator creates, with or without a password.
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub user: User,
    /// A one-time link to choose a password (secret, expiry), when none was given.
    pub reset: Option<(String, i64)>,
}

fn invalid_link() -> AppError {
    AppError::Problem(
        Code::ResetLinkInvalid,
        "This link is not valid: it was used already, has expired, or a newer one was made. \
         Ask an administrator for a new one."
            .into(),
    )
}

impl Accounts {
    /// The gym's settings now.
    pub fn gym(&self) -> Arc<GymSettings> {
        self.gym.get()
    }

    /// Applies what administrators saved (at start).
    pub fn load_gym(&self) -> Result<(), AppError> {
        let o = self.store.read_now(store::gym_overrides)?;
        self.gym.apply(&o);
        Ok(())
    }

    /// Preferences of a new account: the gym's language, units and time zone.
    pub(super) fn new_member_preferences(&self) -> Preferences {
        let g = self.gym.get();
        Preferences {
            units: g.units,
            language: g.default_language,
            timezone: g.timezone.clone(),
            ..Preferences::default()
        }
    }

    /// Changes the gym's settings; every change is in the audit log.
    pub async fn update_gym(&self, actor: &Actor, patch: GymPatch) -> Result<(), AppError> {
        if patch.registration_mode.is_some() && self.fixed_mode.is_some() {
            return Err(AppError::Problem(
                Code::RegistrationModeLocked,
                "The server configuration fixes the registration mode; change it there.".into(),
            ));
        }
        let name = match &patch.name {
            Some(n) => {
                let n = n.trim();
                if n.is_empty() || n.chars().count() > 80 {
                    return Err(AppError::invalid(
                        "name",
                        "Name the gym in 1 to 80 characters.",
                    ));
                }
                Some(n.to_owned())
            }
            None => None,
        };
        if let Some(tz) = &patch.timezone
            && jiff::tz::TimeZone::get(tz).is_err()
        {
            return Err(AppError::invalid(
                "timezone",
                format!("'{tz}' is not a time zone; use an IANA name such as Europe/Berlin."),
            ));
        }
        let plates = patch.plates.clone().map(Plates::checked).transpose()?;
        let (bus, actor, gym) = (self.bus.clone(), actor.clone(), self.gym.clone());
        self.store
            .write(move |tx| {
                let mut o = store::gym_overrides(tx)?;
                let mut changed = Vec::new();
                if let Some(mode) = patch.registration_mode
                    && store::registration_mode(tx)? != Some(mode)
                {
                    store::set_registration_mode(tx, mode)?;
                    changed.push("registration");
                }
                let old = o.clone();
                if name.is_some() {
                    o.name = name.clone();
                }
                if patch.default_language.is_some() {
                    o.default_language = patch.default_language;
                }
                if patch.units.is_some() {
                    o.units = patch.units;
                }
                if patch.timezone.is_some() {
                    o.timezone = patch.timezone.clone();
                }
                if plates.is_some() {
                    o.plates = plates.clone();
                }
                for (field, differs) in [
                    ("name", o.name != old.name),
                    (
                        "default language",
                        o.default_language != old.default_language,
                    ),
                    ("units", o.units != old.units),
                    ("time zone", o.timezone != old.timezone),
                    ("plates", o.plates != old.plates),
                ] {
                    if differs {
                        changed.push(field);
                    }
                }
                if changed.is_empty() {
                    return Ok(());
                }
                store::put_gym_overrides(tx, &o)?;
                audit(
                    tx,
                    &bus,
                    &actor,
                    "settings.change",
                    None,
                    &changed.join(", "),
                )?;
                gym.apply(&o);
                Ok(())
            })
            .await
    }

    /// The gym's logo (content type and bytes).
    pub async fn logo(&self) -> Result<Option<Avatar>, AppError> {
        self.store.read(store::logo).await
    }

    /// Sets (`Some`) or removes the gym's logo.
    pub async fn set_logo(
        &self,
        actor: &Actor,
        image: Option<(Option<String>, Vec<u8>)>,
    ) -> Result<(), AppError> {
        let logo = match image {
            Some((content_type, bytes)) => {
                let ct = profile::checked_image(content_type, &bytes, MAX_LOGO_BYTES)?;
                Some(Avatar {
                    content_type: ct.to_owned(),
                    bytes,
                })
            }
            None => None,
        };
        let (bus, actor, gym) = (self.bus.clone(), actor.clone(), self.gym.clone());
        self.store
            .write(move |tx| {
                let mut o = store::gym_overrides(tx)?;
                if logo.is_none() && o.logo_version == 0 {
                    return Ok(());
                }
                store::put_logo(tx, logo.as_ref())?;
                // A new address for every logo, so browsers never show a cached older one.
                o.logo_version = if logo.is_some() {
                    o.logos += 1;
                    o.logos
                } else {
                    0
                };
                store::put_gym_overrides(tx, &o)?;
                let note = if logo.is_some() {
                    "new logo"
                } else {
                    "removed"
                };
                audit(tx, &bus, &actor, "settings.logo", None, note)?;
                gym.apply(&o);
                Ok(())
            })
            .await
    }

    /// Creates an account as an administrator: members and coaches, administrators only by
    /// the owner. Without a password, the person gets a one-time link to choose one.
    pub async fn create_account(
        &self,
        actor: &Actor,
        mut new: NewUser,
        role: Role,
    ) -> Result<NewAccount, AppError> {
        if role == Role::Owner {
            return Err(AppError::forbidden(
                "There is one owner; create another role.",
            ));
        }
        if let Actor::User(me) = actor
            && role.is_admin()
            && me.role != Role::Owner
        {
            return Err(AppError::forbidden(
                "Only the owner can create administrators.",
            ));
        }
        let without_password = new.password.is_empty();
        let gym_name = self.gym.get().name.clone();
        if without_password {
            // Nobody knows this one; the link below sets the real password. It is drawn again
            // in the rare case the password rules refuse it (it contains the username: about
            // once in a thousand for a three-letter name). Its prefix is no part of any
            // username ('!' is not allowed in one), so a draw can always pass.
            let who = password::Personal {
                username: &new.username,
                display_name: new.display_name.as_deref(),
                email: new.email.as_deref(),
                gym_name: &gym_name,
            };
            new.password = std::iter::repeat_with(|| tokens::random_token("!"))
                .find(|p| password::check_rules("password", p, &who).is_ok())
                .expect("an endless iterator");
        }
        let user = self.create_user(new, role, &gym_name).await?;
        let reset = if without_password {
            Some(self.open_reset_link(actor, user.id, false).await?)
        } else {
            None
        };
        let (bus, actor2, id) = (self.bus.clone(), actor.clone(), user.id);
        let note = role.as_str().to_owned();
        self.store
            .write(move |tx| audit(tx, &bus, &actor2, "user.create", Some(id), &note))
            .await?;
        Ok(NewAccount { user, reset })
    }

    /// A one-time link for `username` to choose a new password (replacing an older link);
    /// their password and sessions stay as they are until the link is used.
    pub async fn reset_link(
        &self,
        actor: &Actor,
        username: &str,
    ) -> Result<(String, i64), AppError> {
        let target = self
            .user_by_name(username)
            .await?
            .ok_or_else(|| not_found("user"))?;
        admin::may_manage(actor, &target, None)?;
        self.open_reset_link(actor, target.id, true).await
    }

    async fn open_reset_link(
        &self,
        actor: &Actor,
        user: u128,
        audited: bool,
    ) -> Result<(String, i64), AppError> {
        let secret = tokens::random_token(RESET_PREFIX);
        let token = format!("{}.{secret}", crate::storage::ids::to_string(user));
        let expires_at = now() + RESET_LINK_TTL;
        let link = ResetLink {
            hash: tokens::hash_hex(&secret),
            expires_at,
            created_by: match actor {
                Actor::System => 0,
                Actor::User(u) => u.id,
            },
        };
        let (bus, actor) = (self.bus.clone(), actor.clone());
        self.store
            .write(move |tx| {
                tx.user(user)?.ok_or_else(|| not_found("user"))?;
                store::put_reset_link(tx, user, Some(&link))?;
                if audited {
                    audit(tx, &bus, &actor, "user.password_reset_link", Some(user), "")?;
                }
                Ok(())
            })
            .await?;
        Ok((token, expires_at))
    }

    /// Sets a new password with a one-time link; every session and API token of the member
    /// ends. Wrong links are limited per client address like invite codes.
    pub async fn use_reset_link(
        &self,
        token: &str,
        password: String,
        client: ClientInfo,
    ) -> Result<(), AppError> {
        let address = client.ip.unwrap_or_default();
        refuse_if_throttled(
            &self.invite_attempts,
            &address,
            "reset_link",
            "Too many wrong links from your address.",
        )?;
        let parsed = token
            .split_once('.')
            .and_then(|(id, secret)| Some((crate::storage::ids::parse(id)?, secret)));
        let Some((user_id, secret)) = parsed else {
            self.invite_attempts.fail(&address);
            return Err(invalid_link());
        };
        let hash = tokens::hash_hex(secret);
        let link = {
            let h = hash.clone();
            self.store
                .write(move |tx| {
                    Ok(store::reset_link(tx, user_id)?
                        .filter(|l| l.hash == h && l.expires_at > now()))
                })
                .await?
        };
        let (Some(_), Ok(user)) = (link, self.user(user_id).await) else {
            self.invite_attempts.fail(&address);
            return Err(invalid_link());
        };
        let who = password::Personal {
            username: &user.username,
            display_name: Some(&user.display_name),
            email: user.email.as_deref(),
            gym_name: &self.gym.get().name,
        };
        password::check_rules("password", &password, &who)?;
        let new_hash = self.hasher.hash(password).await?;
        self.store
            .write(move |tx| {
                // Used once: the link must still be the same one, in this transaction.
                match store::reset_link(tx, user_id)? {
                    Some(l) if l.hash == hash && l.expires_at > now() => {}
                    _ => return Err(invalid_link()),
                }
                store::put_reset_link(tx, user_id, None)?;
                let old = tx.user(user_id)?.ok_or_else(invalid_link)?;
                let mut u = old.clone();
                u.password_hash = new_hash.clone();
                u.version += 1;
                store::update_user(tx, &old, &u)?;
                store::delete_sessions(tx, user_id, |_| true)?;
                Ok(())
            })
            .await?;
        tracing::info!(username = %user.username, "password set with a reset link");
        Ok(())
    }
}
