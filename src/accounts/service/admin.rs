//! Administration: users, roles, status, deletion, invites.

use super::*;

impl Accounts {
    /// Turns off a user's two-factor sign-in (for a member who lost the phone and the
    /// recovery codes; the CLI only) and ends their sessions.
    pub async fn admin_disable_totp(
        &self,
        actor: &Actor,
        username: &str,
    ) -> Result<User, AppError> {
        let target = self
            .user_by_name(username)
            .await?
            .ok_or_else(|| not_found("user"))?;
        may_manage_totp(actor, &target)?;
        let id = target.id;
        let (bus, actor) = (self.bus.clone(), actor.clone());
        self.store
            .write(move |tx| {
                let old = tx.user(id)?.ok_or_else(|| not_found("user"))?;
                let mut u = old.clone();
                if old.totp.is_none() {
                    return Ok(old);
                }
                u.totp = None;
                u.version += 1;
                store::update_user(tx, &old, &u)?;
                store::delete_sessions(tx, id, |s| s.kind == SessionKind::Session)?;
                super::audit(tx, &bus, &actor, "user.totp_off", Some(id), "")?;
                Ok(u)
            })
            .await
    }

    // ----- administration --------------------------------------------------------------------

    pub async fn list_users(
        &self,
        prefix: String,
        after: Option<String>,
        limit: usize,
    ) -> Result<Vec<User>, AppError> {
        let prefix = prefix.trim().to_lowercase();
        let after = after.map(|a| a.to_lowercase());
        self.store
            .read(move |tx| tx.users_page(&prefix, after.as_deref(), limit))
            .await
    }

    /// Every account, as the owner of its data (to replay history into derived tables).
    pub async fn all_owners(&self) -> Result<Vec<crate::events::Owner>, AppError> {
        let mut out = Vec::new();
        let mut after: Option<String> = None;
        loop {
            let page = self.list_users(String::new(), after.clone(), 500).await?;
            out.extend(page.iter().map(crate::events::Owner::of));
            match page.last() {
                Some(u) if page.len() == 500 => after = Some(u.username.clone()),
                _ => return Ok(out),
            }
        }
    }

    /// Changes a user's role and/or status as `actor` may.
    pub async fn admin_update(
        &self,
        actor: &Actor,
        username: &str,
        role: Option<Role>,
        status: Option<Status>,
    ) -> Result<User, AppError> {
        let target = self
            .user_by_name(username)
            .await?
            .ok_or_else(|| not_found("user"))?;
        may_manage(actor, &target, role)?;
        let id = target.id;
        let (bus, actor) = (self.bus.clone(), actor.clone());
        let user = self
            .store
            .write(move |tx| {
                let old = tx.user(id)?.ok_or_else(|| not_found("user"))?;
                let mut u = old.clone();
                u.role = role.unwrap_or(u.role);
                u.status = status.unwrap_or(u.status);
                if u.status == Status::Active {
                    u.status_reason = None;
                }
                if u != old {
                    u.version += 1;
                    store::update_user(tx, &old, &u)?;
                    super::publish_shared(tx, &bus, &old, &u)?;
                }
                if u.role != old.role {
                    let note = format!("{} → {}", old.role.as_str(), u.role.as_str());
                    super::audit(tx, &bus, &actor, "user.role", Some(id), &note)?;
                }
                if u.status != old.status {
                    let action = if u.status == Status::Active {
                        "user.enable"
                    } else {
                        "user.disable"
                    };
                    super::audit(tx, &bus, &actor, action, Some(id), "")?;
                }
                if u.role != old.role {
                    // Other domains react in this commit (a demoted coach loses their members).
                    bus.publish(
                        tx,
                        &crate::events::Event::RoleChanged {
                            user: id,
                            old: old.role,
                            new: u.role,
                        },
                    )?;
                }
                if u.status == Status::Disabled {
                    store::delete_sessions(tx, id, |_| true)?;
                }
                Ok(u)
            })
            .await?;
        tracing::info!(username = %user.username, role = user.role.as_str(), status = ?user.status, "user changed by an administrator");
        Ok(user)
    }

    /// Suspends a member for a reason they are told when they try to sign in; their sessions
    /// end at once. An administrator lifts it by enabling the account again.
    pub async fn suspend(&self, actor: &Actor, user: u128, reason: &str) -> Result<User, AppError> {
        let target = self.user(user).await?;
        may_manage(actor, &target, None)?;
        let reason = reason.trim().to_owned();
        let bus = self.bus.clone();
        let user = self
            .store
            .write(move |tx| {
                let old = tx.user(user)?.ok_or_else(|| not_found("user"))?;
                let mut u = old.clone();
                u.status = Status::Disabled;
                u.status_reason = Some(reason.clone());
                u.version += 1;
                store::update_user(tx, &old, &u)?;
                super::publish_shared(tx, &bus, &old, &u)?;
                store::delete_sessions(tx, user, |_| true)?;
                Ok(u)
            })
            .await?;
        tracing::info!(username = %user.username, "member suspended by an administrator");
        Ok(user)
    }

    /// Deletes a user and their data.
    pub async fn delete_user(&self, actor: &Actor, username: &str) -> Result<(), AppError> {
        let target = self
            .user_by_name(username)
            .await?
            .ok_or_else(|| not_found("user"))?;
        may_manage(actor, &target, None)?;
        let u = target.clone();
        let (bus, actor) = (self.bus.clone(), actor.clone());
        self.store
            .write(move |tx| {
                store::delete_user(tx, &bus, &u)?;
                let note = format!("@{}", u.username);
                super::audit(tx, &bus, &actor, "user.delete", None, &note)
            })
            .await?;
        tracing::info!(username = %target.username, "user deleted");
        Ok(())
    }

    pub async fn create_invite(
        &self,
        actor: &Actor,
        role: Role,
        max_uses: u32,
        expires_in_hours: Option<u32>,
    ) -> Result<Invite, AppError> {
        if role == Role::Owner {
            return Err(AppError::forbidden("An invite cannot make an owner."));
        }
        if !may_grant(actor, role) {
            return Err(AppError::forbidden(
                "Only the owner can invite administrators.",
            ));
        }
        if !(1..=1000).contains(&max_uses) {
            return Err(AppError::invalid("max_uses", "Use 1 to 1000 uses."));
        }
        if expires_in_hours.is_some_and(|h| h == 0 || h > 24 * 365) {
            return Err(AppError::invalid(
                "expires_in_hours",
                "Use 1 hour to 1 year, or leave it out.",
            ));
        }
        let t = now();
        let invite = Invite {
            code: tokens::random_code(12),
            role,
            max_uses,
            uses: 0,
            expires_at: expires_in_hours.map(|h| t + i64::from(h) * 3600),
            created_at: t,
            created_by: match actor {
                Actor::System => "cli".into(),
                Actor::User(u) => u.username.clone(),
            },
        };
        let i = invite.clone();
        let (bus, actor) = (self.bus.clone(), actor.clone());
        self.store
            .write(move |tx| {
                store::put_invite(tx, &i)?;
                let note = format!("{} × {}", i.role.as_str(), i.max_uses);
                super::audit(tx, &bus, &actor, "invite.create", None, &note)
            })
            .await?;
        Ok(invite)
    }

    /// The invites `actor` may see: those for roles they may grant.
    pub async fn invites(
        &self,
        actor: &Actor,
        after: Option<String>,
        limit: usize,
    ) -> Result<Vec<Invite>, AppError> {
        let actor = actor.clone();
        self.store
            .read(move |tx| {
                tx.invites_page(after.as_deref(), limit, &|i| may_grant(&actor, i.role))
            })
            .await
    }

    /// Revokes an invite for a role `actor` may grant; others are not found.
    pub async fn revoke_invite(&self, actor: &Actor, code: String) -> Result<(), AppError> {
        let code = code.trim().to_lowercase();
        let (bus, actor) = (self.bus.clone(), actor.clone());
        self.store
            .write(move |tx| match tx.invite(&code)? {
                Some(i) if may_grant(&actor, i.role) => {
                    store::delete_invite(tx, &code)?;
                    super::audit(tx, &bus, &actor, "invite.revoke", None, i.role.as_str())
                }
                _ => Err(AppError::NotFound("No invite with that code.".into())),
            })
            .await
    }
}

/// Whether `actor` may hand out `role` through an invite, and so see and revoke such
/// invites: never the owner role; administrators only for the owner (and the operator at the
/// admin socket or CLI, who acts as the owner).
fn may_grant(actor: &Actor, role: Role) -> bool {
    let owner = match actor {
        Actor::System => true,
        Actor::User(u) => u.role == Role::Owner,
    };
    role != Role::Owner && (owner || !role.is_admin())
}

/// The rules of who may change or delete whom.
/// Turning off two-step sign-in: the command line for anyone, an administrator for members
/// and coaches, the owner for administrators too (never their own: they can do it signed in).
fn may_manage_totp(actor: &Actor, target: &User) -> Result<(), AppError> {
    match actor {
        Actor::System => Ok(()),
        Actor::User(_) => may_manage(actor, target, None),
    }
}

pub(super) fn may_manage(
    actor: &Actor,
    target: &User,
    new_role: Option<Role>,
) -> Result<(), AppError> {
    if target.role == Role::Owner {
        return Err(AppError::forbidden(
            "The owner account cannot be changed or deleted.",
        ));
    }
    if new_role == Some(Role::Owner) {
        return Err(AppError::forbidden(
            "There is one owner; another account cannot become owner.",
        ));
    }
    let Actor::User(me) = actor else {
        return Ok(());
    };
    if me.id == target.id {
        return Err(AppError::forbidden(
            "You cannot change your own role or status.",
        ));
    }
    if me.role == Role::Owner {
        return Ok(());
    }
    if target.role.is_admin() || new_role.is_some_and(Role::is_admin) {
        return Err(AppError::forbidden(
            "Only the owner can manage administrators.",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: Role) -> Actor {
        Actor::User(Box::new(User {
            role,
            ..User::sample()
        }))
    }

    #[test]
    fn who_may_grant_which_role() {
        for (actor, grants) in [
            (Actor::System, [true, true, true, false]),
            (user(Role::Owner), [true, true, true, false]),
            (user(Role::Admin), [true, true, false, false]),
        ] {
            let roles = [Role::Member, Role::Coach, Role::Admin, Role::Owner];
            for (role, expected) in roles.into_iter().zip(grants) {
                assert_eq!(may_grant(&actor, role), expected, "{actor:?} {role:?}");
            }
        }
    }
}
