//! Account rules: registration, login, sessions, tokens, profiles, privacy, 2FA, admin.
//!
//! Every method is async; storage work runs on the blocking pool through `Store::read` /
//! `Store::write`, password hashing through the bounded `Hasher`.

use std::sync::Arc;
use std::time::Duration;

use crate::storage::Tx;

use super::model::{
    Avatar, Invite, Language, Preferences, Privacy, RegistrationMode, Role, Session, SessionKind,
    Status, Totp, Units, User, Visibility, WeekStart,
};
use super::password::{self, Hasher};
use super::store::{self, Reader};
use super::throttle::Throttle;
use super::{tokens, totp, validate};
use crate::error::{AppError, Code, FieldError};
use crate::storage::Store;
use crate::storage::ids::{new_id, now};

mod admin;
mod gym;
mod profile;
mod sessions;

pub use gym::{GymPatch, NewAccount};

pub use profile::sniff_image;

/// Failed sign-ins (or password/code re-checks) per account from one address in `WINDOW`.
pub const FAILS_PER_ACCOUNT_AND_ADDRESS: usize = 5;
/// Failed sign-ins per account from all addresses together in `WINDOW`.
pub const FAILS_PER_ACCOUNT: usize = 50;
/// Failed sign-ins per client address in `WINDOW`.
pub const FAILS_PER_ADDRESS: usize = 30;
/// Wrong owner set-up codes per client address in `WINDOW`.
pub const SETUP_FAILS_PER_ADDRESS: usize = 10;
/// Wrong invite codes per client address in `WINDOW`.
pub const INVITE_FAILS_PER_ADDRESS: usize = 10;
/// Registration attempts per client address in `REGISTRATION_WINDOW`.
pub const REGISTRATIONS_PER_ADDRESS: usize = 30;
/// The window of the failure limits above.
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
/// The window of the registration limit.
pub const REGISTRATION_WINDOW: Duration = Duration::from_secs(60 * 60);

/// Sessions end this long after login at the latest.
pub const SESSION_TTL: i64 = 30 * 24 * 3600;
/// Sessions unused for this long end.
pub const SESSION_IDLE: i64 = 14 * 24 * 3600;
/// Last-use times are written at most this often (one durable write per 5 minutes, not per request).
const TOUCH_EVERY: i64 = 300;
pub const MAX_AVATAR_BYTES: usize = 2 * 1024 * 1024;
const MAX_TOKENS_PER_USER: usize = 50;

/// Who is asking for an administrative change.
#[derive(Debug, Clone)]
pub enum Actor {
    /// The local administrator through the CLI (filesystem access to the data directory).
    System,
    User(Box<User>),
}

#[derive(Debug, Clone, Default)]
pub struct NewUser {
    pub username: String,
    pub password: String,
    pub email: Option<String>,
    pub display_name: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct ProfilePatch {
    pub display_name: Option<String>,
    pub bio: Option<String>,
    /// `Some("")` clears the address.
    pub email: Option<String>,
    pub units: Option<Units>,
    pub language: Option<Language>,
    pub timezone: Option<String>,
    pub week_start: Option<WeekStart>,
    pub weekly_target: Option<u8>,
    pub profile_visibility: Option<Visibility>,
    pub searchable: Option<bool>,
}

#[derive(Debug, Clone)]
pub struct ClientInfo {
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

/// The signed-in request that asks for an account change: its session and its client.
#[derive(Debug, Clone)]
pub struct Current {
    pub session_id: u128,
    pub client: ClientInfo,
}

/// A change to a user made in the same write transaction as something else (e.g. the
/// session of a sign-in), which may refuse the whole transaction.
type UserUpdate = Box<dyn Fn(&mut User) -> Result<(), AppError> + Send>;

pub struct LoginOk {
    pub token: String,
    pub session: Session,
    pub user: User,
}

#[derive(Clone)]
pub struct Accounts {
    store: Store,
    hasher: Hasher,
    by_pair: Arc<Throttle>,
    by_account: Arc<Throttle>,
    by_address: Arc<Throttle>,
    /// Wrong owner set-up codes per client address.
    setup_attempts: Arc<Throttle>,
    /// Wrong invite codes per client address.
    invite_attempts: Arc<Throttle>,
    /// Registration attempts per client address.
    registrations: Arc<Throttle>,
    /// Registration mode fixed by the server configuration (then not changeable at run time).
    fixed_mode: Option<RegistrationMode>,
    login_failures: prometheus_client::metrics::counter::Counter,
    /// Where account deletions are published (every domain removes the member's data).
    bus: crate::events::Bus,
    /// How a viewer is tied to a member (follows, blocks): the access policy's input.
    relations: Arc<dyn crate::access::Relations>,
    /// The gym's settings (name, defaults for new members, time zone, plates).
    gym: crate::accounts::gym::Gym,
}

fn unauthorized() -> AppError {
    AppError::Problem(
        Code::InvalidCredentials,
        "The username/e-mail or the password is wrong.".into(),
    )
}

/// Why `user` may not sign in: disabled, or suspended with a reason they are told.
fn disabled_because(user: &User) -> AppError {
    match &user.status_reason {
        Some(reason) => AppError::Suspended(reason.clone()),
        None => disabled(),
    }
}

fn disabled() -> AppError {
    AppError::Problem(
        Code::AccountDisabled,
        "This account is disabled; ask an administrator.".into(),
    )
}

fn totp_required() -> AppError {
    AppError::Problem(
        Code::TotpRequired,
        "Enter the code from your authenticator app.".into(),
    )
}

/// Refuses with 429 while `throttle` holds too many events for the client address `ip`;
/// `limit` names the limit in the log, `detail` tells the client what happened.
fn refuse_if_throttled(
    throttle: &Throttle,
    ip: &str,
    limit: &'static str,
    detail: &str,
) -> Result<(), AppError> {
    match throttle.check(ip) {
        Some(retry_after) => {
            tracing::warn!(limit, ip = %ip, "attempts throttled");
            Err(AppError::RateLimited {
                retry_after,
                detail: format!("{detail} Try again in {retry_after} seconds."),
            })
        }
        None => Ok(()),
    }
}

/// Writes what an administrator (or the command line) did to the audit log, in `tx`.
pub(super) fn audit(
    tx: &Tx,
    bus: &crate::events::Bus,
    actor: &Actor,
    action: &str,
    subject: Option<u128>,
    note: &str,
) -> Result<(), AppError> {
    bus.publish(
        tx,
        &crate::events::Event::Audited {
            actor: match actor {
                Actor::System => None,
                Actor::User(u) => Some(u.id),
            },
            action,
            subject,
            note,
        },
    )?;
    Ok(())
}

/// Counts a use of `feature` by `user` now (the usage dashboard), in `tx`.
pub(super) fn used(
    tx: &Tx,
    bus: &crate::events::Bus,
    user: u128,
    feature: crate::events::Feature,
) -> Result<(), AppError> {
    bus.publish(
        tx,
        &crate::events::Event::Used {
            user,
            feature,
            at: now(),
        },
    )?;
    Ok(())
}

fn not_found(what: &str) -> AppError {
    AppError::NotFound(format!("No {what} with that name, or you may not see it."))
}

fn field_errors(errs: Vec<FieldError>) -> Result<(), AppError> {
    if errs.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errs))
    }
}

impl Accounts {
    pub fn new(
        store: Store,
        fixed_mode: Option<RegistrationMode>,
        hash_permits: usize,
        login_failures: prometheus_client::metrics::counter::Counter,
    ) -> Self {
        Self {
            store,
            hasher: Hasher::new(hash_permits),
            by_pair: Arc::new(Throttle::new(FAILS_PER_ACCOUNT_AND_ADDRESS, WINDOW)),
            by_account: Arc::new(Throttle::new(FAILS_PER_ACCOUNT, WINDOW)),
            by_address: Arc::new(Throttle::new(FAILS_PER_ADDRESS, WINDOW)),
            setup_attempts: Arc::new(Throttle::new(SETUP_FAILS_PER_ADDRESS, WINDOW)),
            invite_attempts: Arc::new(Throttle::new(INVITE_FAILS_PER_ADDRESS, WINDOW)),
            registrations: Arc::new(Throttle::new(
                REGISTRATIONS_PER_ADDRESS,
                REGISTRATION_WINDOW,
            )),
            fixed_mode,
            login_failures,
            bus: crate::events::Bus::default(),
            relations: Arc::new(crate::access::NoRelations),
            gym: crate::accounts::gym::Gym::new(crate::accounts::gym::GymDefaults {
                name: "Gymbox".into(),
                timezone: "UTC".into(),
            }),
        }
    }

    /// Reads and changes the gym's settings through `gym` (set once by `app.rs`).
    pub fn with_gym(mut self, gym: crate::accounts::gym::Gym) -> Self {
        self.gym = gym;
        self
    }

    /// Publishes account changes on `bus` (set once by `app.rs` when the domains are wired).
    pub fn with_bus(mut self, bus: crate::events::Bus) -> Self {
        self.bus = bus;
        self
    }

    /// Answers how a viewer is tied to a member (set once by `app.rs`).
    pub fn with_relations(mut self, relations: Arc<dyn crate::access::Relations>) -> Self {
        self.relations = relations;
        self
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Gives back the password hashing memory after `quiet` without a sign-in (see
    /// [`Hasher::release_idle`]).
    pub fn release_hashing_memory(&self, quiet: std::time::Duration) -> usize {
        self.hasher.release_idle(quiet)
    }

    /// Forgets throttling entries that have expired (run every few minutes).
    pub fn prune_throttles(&self) {
        self.by_pair.prune();
        self.by_account.prune();
        self.by_address.prune();
        self.setup_attempts.prune();
        self.invite_attempts.prune();
        self.registrations.prune();
    }

    // ----- instance and set-up -------------------------------------------------------------

    pub async fn registration_mode(&self) -> Result<(RegistrationMode, bool), AppError> {
        if let Some(m) = self.fixed_mode {
            return Ok((m, true));
        }
        let stored = self.store.read(store::registration_mode).await?;
        Ok((stored.unwrap_or(RegistrationMode::Invite), false))
    }

    pub async fn set_registration_mode(&self, mode: RegistrationMode) -> Result<(), AppError> {
        if self.fixed_mode.is_some() {
            return Err(AppError::Problem(
                Code::RegistrationModeLocked,
                "The registration mode is set in the server configuration; change it there.".into(),
            ));
        }
        self.store
            .write(move |tx| store::set_registration_mode(tx, mode))
            .await
    }

    pub async fn needs_setup(&self) -> Result<bool, AppError> {
        Ok(!self.store.read(store::owner_exists).await?)
    }

    /// When there is no owner yet, makes a new one-time set-up code (stored as a hash) and
    /// returns it so the server can print it; `None` once an owner exists.
    pub async fn new_setup_code(&self) -> Result<Option<String>, AppError> {
        let code = tokens::random_code(12);
        let hash = tokens::hash(&code);
        self.store
            .write(move |tx| {
                if store::owner_exists(tx)? {
                    return Ok(None);
                }
                store::set_setup_code_hash(tx, Some(&hash))?;
                Ok(Some(code.clone()))
            })
            .await
    }

    /// Creates the owner with the set-up code printed at start-up, and signs them in. Wrong
    /// codes are limited per client address.
    pub async fn setup_owner(
        &self,
        code: String,
        new: NewUser,
        client: ClientInfo,
        gym_name: &str,
    ) -> Result<LoginOk, AppError> {
        Self::check_new_user(&new, gym_name)?;
        let address = client.ip.clone().unwrap_or_default();
        refuse_if_throttled(
            &self.setup_attempts,
            &address,
            "setup_code",
            "Too many wrong set-up codes from this address.",
        )?;
        let hash = tokens::hash(code.trim());
        let stored = self.store.read(store::setup_code_hash).await?;
        if self.store.read(store::owner_exists).await? {
            return Err(AppError::Problem(
                Code::SetupDone,
                "The owner account already exists; sign in instead.".into(),
            ));
        }
        let ok =
            stored.is_some_and(|s| subtle::ConstantTimeEq::ct_eq(s.as_slice(), &hash[..]).into());
        if !ok {
            self.setup_attempts.fail(&address);
            return Err(AppError::Problem(
                Code::InvalidSetupCode,
                "The set-up code is wrong. Use the code the server printed at its latest start."
                    .into(),
            ));
        }
        let user = self.create_user_with(new, Role::Owner, |_| Ok(())).await?;
        self.store
            .write(|tx| store::set_setup_code_hash(tx, None))
            .await?;
        self.start_session(user, client).await
    }

    // ----- creating users ------------------------------------------------------------------

    /// Checks a new account's fields (before anything about the request is kept or logged):
    /// the names' lengths and characters, and the password rules with the person's names and
    /// the gym's as words the password must not be built from. Lists every field at fault.
    fn check_new_user(new: &NewUser, gym_name: &str) -> Result<(), AppError> {
        let mut errs = Vec::new();
        if let Err(e) = validate::username(&new.username) {
            errs.push(e);
        }
        if let Some(e) = new.email.as_deref().filter(|e| !e.is_empty())
            && let Err(err) = validate::email(e)
        {
            errs.push(err);
        }
        if let Some(d) = &new.display_name
            && let Err(e) = validate::text("display_name", d, validate::DISPLAY_NAME_MAX, false)
        {
            errs.push(e);
        }
        let who = password::Personal {
            username: &new.username,
            display_name: new.display_name.as_deref(),
            email: new.email.as_deref(),
            gym_name,
        };
        if let Err(AppError::Validation(mut v)) =
            password::check_rules("password", &new.password, &who)
        {
            errs.append(&mut v);
        }
        field_errors(errs)
    }

    /// Creates a user with `role` (registration, set-up, CLI and admin all come here);
    /// `gym_name` is the instance name, which the password must not be built from.
    pub async fn create_user(
        &self,
        new: NewUser,
        role: Role,
        gym_name: &str,
    ) -> Result<User, AppError> {
        Self::check_new_user(&new, gym_name)?;
        self.create_user_with(new, role, |_| Ok(())).await
    }

    /// Like `create_user` for a checked `new`, running `also` in the same write transaction
    /// (e.g. using an invite).
    async fn create_user_with(
        &self,
        new: NewUser,
        role: Role,
        also: impl Fn(&Tx) -> Result<(), AppError> + Send + 'static,
    ) -> Result<User, AppError> {
        let password_hash = self.hasher.hash(new.password.clone()).await?;
        let username = new.username.trim().to_owned();
        let user = User {
            id: new_id(),
            display_name: new
                .display_name
                .map(|d| d.trim().to_owned())
                .filter(|d| !d.is_empty())
                .unwrap_or_else(|| username.clone()),
            username,
            email: new
                .email
                .map(|e| e.trim().to_owned())
                .filter(|e| !e.is_empty()),
            bio: String::new(),
            role,
            status: Status::Active,
            password_hash,
            created_at: now(),
            last_login_at: None,
            preferences: self.new_member_preferences(),
            privacy: Privacy::default(),
            totp: None,
            avatar_version: 0,
            status_reason: None,
            version: 1,
        };
        let u = user.clone();
        let bus = self.bus.clone();
        self.store
            .write(move |tx| {
                if u.role == Role::Owner && store::owner_exists(tx)? {
                    return Err(AppError::Problem(
                        Code::OwnerExists,
                        "There is already an owner; create this account with another role.".into(),
                    ));
                }
                also(tx)?;
                store::insert_user(tx, &u)?;
                used(tx, &bus, u.id, crate::events::Feature::Joined)
            })
            .await?;
        tracing::info!(username = %user.username, role = user.role.as_str(), "user created");
        Ok(user)
    }

    /// Self-service registration, subject to the registration mode. Attempts and wrong
    /// invite codes are limited per client address.
    pub async fn register(
        &self,
        new: NewUser,
        invite_code: Option<String>,
        client: ClientInfo,
        gym_name: &str,
    ) -> Result<User, AppError> {
        Self::check_new_user(&new, gym_name)?;
        if invite_code.as_ref().is_some_and(|c| c.len() > 64) {
            return Err(invalid_invite());
        }
        let address = client.ip.unwrap_or_default();
        refuse_if_throttled(
            &self.registrations,
            &address,
            "registration",
            "Too many registrations from this address.",
        )?;
        self.registrations.fail(&address);
        let (mode, _) = self.registration_mode().await?;
        if self.needs_setup().await? {
            return Err(AppError::Problem(
                Code::SetupRequired,
                "This server has no owner yet; use the set-up link printed by the server.".into(),
            ));
        }
        let code = invite_code
            .map(|c| c.trim().to_lowercase())
            .filter(|c| !c.is_empty());
        match (mode, code) {
            (RegistrationMode::Closed, _) => Err(AppError::Problem(
                Code::RegistrationClosed,
                "Registration is closed on this server; ask an administrator for an account."
                    .into(),
            )),
            (RegistrationMode::Open, None) => {
                self.create_user_with(new, Role::Member, |_| Ok(())).await
            }
            (RegistrationMode::Invite, None) => Err(AppError::Problem(
                Code::InvalidInvite,
                "Registration on this server needs an invite code from an administrator.".into(),
            )),
            (_, Some(code)) => {
                refuse_if_throttled(
                    &self.invite_attempts,
                    &address,
                    "invite_code",
                    "Too many wrong invite codes from this address.",
                )?;
                let invite = self
                    .store
                    .read({
                        let code = code.clone();
                        move |tx| tx.invite(&code)
                    })
                    .await?;
                let role = match invite {
                    Some(i) if i.usable(now()) => i.role,
                    _ => {
                        self.invite_attempts.fail(&address);
                        return Err(invalid_invite());
                    }
                };
                self.create_user_with(new, role, move |tx| {
                    // Re-read inside the transaction so concurrent uses cannot exceed max_uses.
                    let mut inv = tx
                        .invite(&code)?
                        .filter(|i| i.usable(now()))
                        .ok_or_else(invalid_invite)?;
                    inv.uses += 1;
                    store::put_invite(tx, &inv)
                })
                .await
            }
        }
    }
}

fn invalid_invite() -> AppError {
    AppError::Problem(
        Code::InvalidInvite,
        "The invite code is unknown, used up or expired; ask for a new one.".into(),
    )
}

/// Tells the other domains when whether a member may appear on gym-wide lists changed.
fn publish_shared(
    tx: &crate::storage::Tx,
    bus: &crate::events::Bus,
    old: &User,
    new: &User,
) -> Result<(), AppError> {
    let shared = crate::access::shared_with_gym(new);
    if crate::access::shared_with_gym(old) != shared {
        bus.publish(
            tx,
            &crate::events::Event::ProfileShared {
                user: new.id,
                shared,
            },
        )?;
    }
    Ok(())
}
