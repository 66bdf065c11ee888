//! The only code that names the accounts tables. Every function works inside a transaction
//! the service opened, so a record and all its index rows change together.

use crate::storage::Snapshot;
use crate::storage::Tx;
use redb::ReadableTable;

use super::gym::GymOverrides;
use super::model::{Avatar, Invite, RegistrationMode, ResetLink, Session, SessionKind, User};
use crate::error::{AppError, Code};
use crate::storage::codec::{decode, encode};
use crate::storage::schema::{
    AVATARS, EMAIL_TO_USER, INVITES, PASSWORD_RESETS, SESSIONS, SETTINGS, TOKEN_HASH_TO_SESSION,
    USER_TO_SESSIONS, USERNAME_TO_USER, USERS,
};

const REGISTRATION_MODE: &str = "registration_mode";
const OWNER: &str = "owner_id";
const SETUP_CODE: &str = "setup_code";
const GYM: &str = "gym";
const GYM_LOGO: &str = "gym_logo";

/// Read access through either kind of transaction.
pub trait Reader {
    fn user(&self, id: u128) -> Result<Option<User>, AppError>;
    fn user_id_by_username(&self, username_lower: &str) -> Result<Option<u128>, AppError>;
    fn user_id_by_email(&self, email_lower: &str) -> Result<Option<u128>, AppError>;
    fn session(&self, id: u128) -> Result<Option<Session>, AppError>;
    fn session_id_by_hash(&self, hash: &[u8; 32]) -> Result<Option<u128>, AppError>;
    fn invite(&self, code: &str) -> Result<Option<Invite>, AppError>;
    fn setting(&self, key: &str) -> Result<Option<Vec<u8>>, AppError>;
    fn avatar(&self, user_id: u128) -> Result<Option<Avatar>, AppError>;
    fn user_session_ids(&self, user_id: u128) -> Result<Vec<u128>, AppError>;
    /// Users whose lower-cased username starts with `prefix`, after `after`, up to `limit`.
    fn users_page(
        &self,
        prefix: &str,
        after: Option<&str>,
        limit: usize,
    ) -> Result<Vec<User>, AppError>;
    /// Invites after `after` for which `keep` is true, up to `limit`, in code order.
    fn invites_page(
        &self,
        after: Option<&str>,
        limit: usize,
        keep: &dyn Fn(&Invite) -> bool,
    ) -> Result<Vec<Invite>, AppError>;
}

macro_rules! reader_impl {
    ($tx:ty) => {
        impl Reader for $tx {
            fn user(&self, id: u128) -> Result<Option<User>, AppError> {
                let t = self.open_table(USERS)?;
                t.get(id)?.map(|v| decode(v.value())).transpose()
            }
            fn user_id_by_username(&self, username_lower: &str) -> Result<Option<u128>, AppError> {
                Ok(self
                    .open_table(USERNAME_TO_USER)?
                    .get(username_lower)?
                    .map(|v| v.value()))
            }
            fn user_id_by_email(&self, email_lower: &str) -> Result<Option<u128>, AppError> {
                Ok(self
                    .open_table(EMAIL_TO_USER)?
                    .get(email_lower)?
                    .map(|v| v.value()))
            }
            fn session(&self, id: u128) -> Result<Option<Session>, AppError> {
                let t = self.open_table(SESSIONS)?;
                t.get(id)?.map(|v| decode(v.value())).transpose()
            }
            fn session_id_by_hash(&self, hash: &[u8; 32]) -> Result<Option<u128>, AppError> {
                Ok(self
                    .open_table(TOKEN_HASH_TO_SESSION)?
                    .get(hash)?
                    .map(|v| v.value()))
            }
            fn invite(&self, code: &str) -> Result<Option<Invite>, AppError> {
                let t = self.open_table(INVITES)?;
                t.get(code)?.map(|v| decode(v.value())).transpose()
            }
            fn setting(&self, key: &str) -> Result<Option<Vec<u8>>, AppError> {
                Ok(self
                    .open_table(SETTINGS)?
                    .get(key)?
                    .map(|v| v.value().to_vec()))
            }
            fn avatar(&self, user_id: u128) -> Result<Option<Avatar>, AppError> {
                let t = self.open_table(AVATARS)?;
                t.get(user_id)?.map(|v| decode(v.value())).transpose()
            }
            fn user_session_ids(&self, user_id: u128) -> Result<Vec<u128>, AppError> {
                let t = self.open_table(USER_TO_SESSIONS)?;
                let mut out = Vec::new();
                for row in t.range((user_id, 0)..=(user_id, u128::MAX))? {
                    out.push(row?.0.value().1);
                }
                Ok(out)
            }
            fn users_page(
                &self,
                prefix: &str,
                after: Option<&str>,
                limit: usize,
            ) -> Result<Vec<User>, AppError> {
                let names = self.open_table(USERNAME_TO_USER)?;
                let users = self.open_table(USERS)?;
                let start = match after {
                    Some(a) if a >= prefix => a,
                    _ => prefix,
                };
                let mut out = Vec::new();
                for row in names.range(start..)? {
                    let (name, id) = row?;
                    let name = name.value();
                    if Some(name) == after {
                        continue;
                    }
                    if !name.starts_with(prefix) || out.len() == limit {
                        break;
                    }
                    if let Some(v) = users.get(id.value())? {
                        out.push(decode(v.value())?);
                    }
                }
                Ok(out)
            }
            fn invites_page(
                &self,
                after: Option<&str>,
                limit: usize,
                keep: &dyn Fn(&Invite) -> bool,
            ) -> Result<Vec<Invite>, AppError> {
                let t = self.open_table(INVITES)?;
                let mut out = Vec::new();
                let iter = match after {
                    Some(a) => t.range(a..)?,
                    None => t.range::<&str>(..)?,
                };
                for row in iter {
                    let (code, v) = row?;
                    if Some(code.value()) == after {
                        continue;
                    }
                    if out.len() == limit {
                        break;
                    }
                    let invite: Invite = decode(v.value())?;
                    if keep(&invite) {
                        out.push(invite);
                    }
                }
                Ok(out)
            }
        }
    };
}
reader_impl!(Snapshot);
reader_impl!(Tx<'_>);

/// Calls `visit` with every account, in id order (whole-table work such as a search rebuild).
pub fn each_user(
    tx: &Snapshot,
    visit: &mut dyn FnMut(User) -> Result<(), AppError>,
) -> Result<(), AppError> {
    for row in tx.open_table(USERS)?.iter()? {
        visit(decode(row?.1.value())?)?;
    }
    Ok(())
}

/// How many accounts there are (O(1): redb keeps table lengths).
pub fn user_count(store: &crate::storage::Store) -> Result<u64, AppError> {
    store.count(USERS)
}

/// Sessions and API tokens not yet ended (for metrics).
pub fn session_count(store: &crate::storage::Store) -> Result<u64, AppError> {
    store.count(SESSIONS)
}

pub fn registration_mode(r: &impl Reader) -> Result<Option<RegistrationMode>, AppError> {
    r.setting(REGISTRATION_MODE)?
        .map(|v| decode(&v))
        .transpose()
}

pub fn set_registration_mode(tx: &Tx, mode: RegistrationMode) -> Result<(), AppError> {
    tx.open_table(SETTINGS)?
        .insert(REGISTRATION_MODE, encode(&mode).as_slice())?;
    Ok(())
}

/// What administrators saved of the gym's settings.
pub fn gym_overrides(r: &impl Reader) -> Result<GymOverrides, AppError> {
    Ok(r.setting(GYM)?
        .map(|v| decode(&v))
        .transpose()?
        .unwrap_or_default())
}

pub fn put_gym_overrides(tx: &Tx, o: &GymOverrides) -> Result<(), AppError> {
    tx.open_table(SETTINGS)?.insert(GYM, encode(o).as_slice())?;
    Ok(())
}

pub fn logo(r: &impl Reader) -> Result<Option<Avatar>, AppError> {
    r.setting(GYM_LOGO)?.map(|v| decode(&v)).transpose()
}

/// Stores the gym's logo, or removes it (`None`).
pub fn put_logo(tx: &Tx, logo: Option<&Avatar>) -> Result<(), AppError> {
    let mut t = tx.open_table(SETTINGS)?;
    match logo {
        Some(l) => t.insert(GYM_LOGO, encode(l).as_slice())?,
        None => t.remove(GYM_LOGO)?,
    };
    Ok(())
}

/// A member's open password-reset link.
pub fn reset_link(tx: &Tx, user: u128) -> Result<Option<ResetLink>, AppError> {
    let t = tx.open_table(PASSWORD_RESETS)?;
    t.get(user)?.map(|v| decode(v.value())).transpose()
}

/// Opens a member's reset link (replacing an older one), or closes it (`None`).
pub fn put_reset_link(tx: &Tx, user: u128, link: Option<&ResetLink>) -> Result<(), AppError> {
    let mut t = tx.open_table(PASSWORD_RESETS)?;
    match link {
        Some(l) => t.insert(user, encode(l).as_slice())?,
        None => t.remove(user)?,
    };
    Ok(())
}

pub fn owner_exists(r: &impl Reader) -> Result<bool, AppError> {
    Ok(r.setting(OWNER)?.is_some())
}

/// SHA-256 of the one-time owner set-up code, if one is pending.
pub fn setup_code_hash(r: &impl Reader) -> Result<Option<Vec<u8>>, AppError> {
    r.setting(SETUP_CODE)
}

pub fn set_setup_code_hash(tx: &Tx, hash: Option<&[u8]>) -> Result<(), AppError> {
    let mut t = tx.open_table(SETTINGS)?;
    match hash {
        Some(h) => t.insert(SETUP_CODE, h)?,
        None => t.remove(SETUP_CODE)?,
    };
    Ok(())
}

/// Inserts a new user with its index rows; `Conflict` when the username or e-mail is taken.
pub fn insert_user(tx: &Tx, user: &User) -> Result<(), AppError> {
    let lower = user.username.to_lowercase();
    let mut names = tx.open_table(USERNAME_TO_USER)?;
    if names.get(lower.as_str())?.is_some() {
        return Err(AppError::Problem(
            Code::UsernameTaken,
            format!("The username '{}' is already taken.", user.username),
        ));
    }
    names.insert(lower.as_str(), user.id)?;
    if let Some(email) = &user.email {
        claim_email(tx, email, user.id)?;
    }
    if user.role == super::model::Role::Owner {
        let mut settings = tx.open_table(SETTINGS)?;
        settings.insert(OWNER, user.id.to_be_bytes().as_slice())?;
        settings.remove(SETUP_CODE)?;
    }
    put_user(tx, user)
}

fn claim_email(tx: &Tx, email: &str, id: u128) -> Result<(), AppError> {
    let mut emails = tx.open_table(EMAIL_TO_USER)?;
    let lower = email.to_lowercase();
    if let Some(owner) = emails.get(lower.as_str())?.map(|v| v.value())
        && owner != id
    {
        return Err(AppError::Problem(
            Code::EmailTaken,
            "This e-mail address is already used by another account.".into(),
        ));
    }
    emails.insert(lower.as_str(), id)?;
    Ok(())
}

/// Writes a changed user, moving the e-mail index row when the address changed.
pub fn update_user(tx: &Tx, old: &User, new: &User) -> Result<(), AppError> {
    if old.email != new.email {
        if let Some(e) = &old.email {
            tx.open_table(EMAIL_TO_USER)?
                .remove(e.to_lowercase().as_str())?;
        }
        if let Some(e) = &new.email {
            claim_email(tx, e, new.id)?;
        }
    }
    tx.open_table(USERS)?
        .insert(new.id, encode(new).as_slice())?;
    // A sign-in (its time), a preference or a password leaves the search document as it was:
    // re-indexing it on every sign-in kept the indexer and its merges busy in a rush hour.
    if old.same_for_search(new) {
        return Ok(());
    }
    search_changed(tx, new.id)
}

fn put_user(tx: &Tx, user: &User) -> Result<(), AppError> {
    tx.open_table(USERS)?
        .insert(user.id, encode(user).as_slice())?;
    search_changed(tx, user.id)
}

/// The user's search document must be refreshed (same transaction).
fn search_changed(tx: &Tx, id: u128) -> Result<(), AppError> {
    crate::storage::outbox::entity_changed(
        tx,
        crate::storage::outbox::Entity::User,
        &crate::storage::ids::to_string(id),
    )
}

/// Removes a user and everything the accounts domain holds for them.
/// The deletion is published first, so every domain removes what it holds for the member in
/// the same transaction.
pub fn delete_user(tx: &Tx, bus: &crate::events::Bus, user: &User) -> Result<(), AppError> {
    bus.publish(tx, &crate::events::Event::UserDeleted { user: user.id })?;
    delete_sessions(tx, user.id, |_| true)?;
    tx.open_table(USERNAME_TO_USER)?
        .remove(user.username.to_lowercase().as_str())?;
    if let Some(e) = &user.email {
        tx.open_table(EMAIL_TO_USER)?
            .remove(e.to_lowercase().as_str())?;
    }
    tx.open_table(AVATARS)?.remove(user.id)?;
    tx.open_table(PASSWORD_RESETS)?.remove(user.id)?;
    tx.open_table(USERS)?.remove(user.id)?;
    search_changed(tx, user.id)
}

pub fn insert_session(tx: &Tx, s: &Session) -> Result<(), AppError> {
    tx.open_table(SESSIONS)?
        .insert(s.id, encode(s).as_slice())?;
    tx.open_table(TOKEN_HASH_TO_SESSION)?
        .insert(&s.token_hash, s.id)?;
    tx.open_table(USER_TO_SESSIONS)?
        .insert((s.user_id, s.id), ())?;
    Ok(())
}

pub fn put_session(tx: &Tx, s: &Session) -> Result<(), AppError> {
    tx.open_table(SESSIONS)?
        .insert(s.id, encode(s).as_slice())?;
    Ok(())
}

pub fn delete_session(tx: &Tx, s: &Session) -> Result<(), AppError> {
    tx.open_table(SESSIONS)?.remove(s.id)?;
    tx.open_table(TOKEN_HASH_TO_SESSION)?
        .remove(&s.token_hash)?;
    tx.open_table(USER_TO_SESSIONS)?.remove((s.user_id, s.id))?;
    Ok(())
}

/// Deletes the user's sessions/tokens for which `which` is true; returns how many.
pub fn delete_sessions(
    tx: &Tx,
    user_id: u128,
    which: impl Fn(&Session) -> bool,
) -> Result<usize, AppError> {
    let mut n = 0;
    for id in tx.user_session_ids(user_id)? {
        if let Some(s) = tx.session(id)?
            && which(&s)
        {
            delete_session(tx, &s)?;
            n += 1;
        }
    }
    Ok(n)
}

/// The user's sessions (or tokens) of one kind, oldest first.
pub fn user_sessions(
    r: &impl Reader,
    user_id: u128,
    kind: SessionKind,
) -> Result<Vec<Session>, AppError> {
    let mut out = Vec::new();
    for id in r.user_session_ids(user_id)? {
        if let Some(s) = r.session(id)?
            && s.kind == kind
        {
            out.push(s);
        }
    }
    Ok(out)
}

pub fn put_invite(tx: &Tx, invite: &Invite) -> Result<(), AppError> {
    tx.open_table(INVITES)?
        .insert(invite.code.as_str(), encode(invite).as_slice())?;
    Ok(())
}

pub fn delete_invite(tx: &Tx, code: &str) -> Result<bool, AppError> {
    Ok(tx.open_table(INVITES)?.remove(code)?.is_some())
}

pub fn put_avatar(tx: &Tx, user_id: u128, avatar: &Avatar) -> Result<(), AppError> {
    tx.open_table(AVATARS)?
        .insert(user_id, encode(avatar).as_slice())?;
    Ok(())
}

pub fn delete_avatar(tx: &Tx, user_id: u128) -> Result<(), AppError> {
    tx.open_table(AVATARS)?.remove(user_id)?;
    Ok(())
}
