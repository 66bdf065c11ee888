//! Clubs inside the gym: created by coaches and administrators (members too when the gym
//! allows it), open, by approval or by invitation; club admins manage members and settings.
//! An invitation-only club is hidden from everyone but its people and the gym's
//! administrators.

use super::Social;
use super::model::{Club, ClubRole, JoinPolicy, NotificationKind};
use super::service::club_note;
use super::store::{self, Reader};
use crate::accounts::model::{Role, Status, User};
use crate::accounts::store::Reader as _;
use crate::error::{AppError, Code};
use crate::storage::ids::{new_id, now};

/// Longest club name and description, in characters.
pub const MAX_NAME: usize = 80;
pub const MAX_DESCRIPTION: usize = 1000;
/// Club admins told of one join request.
const ADMINS_NOTIFIED: usize = 20;

/// A club as one member sees it.
#[derive(Debug, Clone)]
pub struct ClubView {
    pub club: Club,
    /// The caller's place in it.
    pub role: Option<ClubRole>,
}

/// What a club admin may change.
#[derive(Debug, Clone, Default)]
pub struct ClubPatch {
    pub name: Option<String>,
    pub description: Option<String>,
    pub policy: Option<JoinPolicy>,
}

fn no_club() -> AppError {
    AppError::NotFound("No such club, or you may not see it.".into())
}

fn no_member() -> AppError {
    AppError::NotFound("This member is not in the club and has not asked to join.".into())
}

fn last_admin() -> AppError {
    AppError::Problem(
        Code::LastClubAdmin,
        "You are the club's last admin: make another member admin first.".into(),
    )
}

fn clean_name(name: &str) -> Result<String, AppError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME {
        return Err(AppError::invalid(
            "name",
            format!("A club name has 1 to {MAX_NAME} characters."),
        ));
    }
    if name.chars().any(char::is_control) {
        return Err(AppError::invalid(
            "name",
            "A club name may not contain control characters.",
        ));
    }
    Ok(name.to_owned())
}

fn clean_description(d: &str) -> Result<String, AppError> {
    let d = d.trim();
    if d.chars().count() > MAX_DESCRIPTION {
        return Err(AppError::invalid(
            "description",
            format!("A description is at most {MAX_DESCRIPTION} characters."),
        ));
    }
    Ok(d.to_owned())
}

/// Whether `viewer` may see that `club` exists.
pub fn may_see_club(viewer: &User, club: &Club, role: Option<ClubRole>) -> bool {
    club.policy != JoinPolicy::Invite || role.is_some() || viewer.role.is_admin()
}

/// Whether `viewer` manages the club (a club admin, or a gym administrator).
fn manages(viewer: &User, role: Option<ClubRole>) -> bool {
    role == Some(ClubRole::Admin) || viewer.role.is_admin()
}

/// The club and the viewer's role in it, if the viewer may see it.
fn visible<T: Reader>(tx: &T, viewer: &User, id: u128) -> Result<ClubView, AppError> {
    let club = tx.club(id)?.ok_or_else(no_club)?;
    let role = tx.club_role(id, viewer.id)?;
    if !may_see_club(viewer, &club, role) {
        return Err(no_club());
    }
    Ok(ClubView { club, role })
}

impl Social {
    /// Creates a club; its creator is its first admin.
    pub async fn create_club(
        &self,
        me: &User,
        name: &str,
        description: &str,
        policy: JoinPolicy,
    ) -> Result<ClubView, AppError> {
        if me.role < Role::Coach && !self.member_clubs {
            return Err(AppError::forbidden(
                "On this gym, coaches and administrators create clubs.",
            ));
        }
        let club = Club {
            id: new_id(),
            name: clean_name(name)?,
            description: clean_description(description)?,
            policy,
            created_by: me.id,
            created_at: now(),
            members: 0,
        };
        let (rec, uid) = (club.clone(), me.id);
        let club = self
            .store
            .write(move |tx| {
                store::put_club(tx, &rec)?;
                store::set_club_role(tx, rec.id, uid, Some(ClubRole::Admin))?;
                tx.club(rec.id)?.ok_or_else(no_club)
            })
            .await?;
        Ok(ClubView {
            club,
            role: Some(ClubRole::Admin),
        })
    }

    /// A club the viewer may see.
    pub async fn club(&self, viewer: &User, id: u128) -> Result<ClubView, AppError> {
        let viewer = viewer.clone();
        self.store.read(move |tx| visible(tx, &viewer, id)).await
    }

    /// The clubs the viewer may see (`mine`: only those they belong to, asked to join or were
    /// invited to), in creation order after `after`.
    pub async fn clubs(
        &self,
        viewer: &User,
        mine: bool,
        after: Option<u128>,
        limit: usize,
    ) -> Result<(Vec<ClubView>, Option<u128>), AppError> {
        let viewer = viewer.clone();
        self.store
            .read(move |tx| {
                let roles: std::collections::HashMap<u128, ClubRole> =
                    tx.clubs_of(viewer.id)?.into_iter().collect();
                let mut out = Vec::new();
                if mine {
                    for (&id, &role) in roles.iter() {
                        if let Some(club) = tx.club(id)? {
                            out.push(ClubView {
                                club,
                                role: Some(role),
                            });
                        }
                    }
                    out.sort_by_key(|v| v.club.id);
                    return Ok((out, None));
                }
                let page = tx.clubs(
                    after,
                    &mut |c| Ok(may_see_club(&viewer, c, roles.get(&c.id).copied())),
                    limit + 1,
                )?;
                let more = page.len() > limit;
                for club in page.into_iter().take(limit) {
                    let role = roles.get(&club.id).copied();
                    out.push(ClubView { club, role });
                }
                let next = if more {
                    out.last().map(|v| v.club.id)
                } else {
                    None
                };
                Ok((out, next))
            })
            .await
    }

    /// A club admin (or a gym administrator) changes the club's name, description or policy.
    pub async fn update_club(
        &self,
        me: &User,
        id: u128,
        patch: ClubPatch,
    ) -> Result<ClubView, AppError> {
        let name = patch.name.as_deref().map(clean_name).transpose()?;
        let description = patch
            .description
            .as_deref()
            .map(clean_description)
            .transpose()?;
        let me = me.clone();
        self.store
            .write(move |tx| {
                let mut v = visible(tx, &me, id)?;
                if !manages(&me, v.role) {
                    return Err(AppError::forbidden("Only the club's admins change it."));
                }
                if let Some(n) = &name {
                    v.club.name = n.clone();
                }
                if let Some(d) = &description {
                    v.club.description = d.clone();
                }
                if let Some(p) = patch.policy {
                    v.club.policy = p;
                }
                store::put_club(tx, &v.club)?;
                Ok(v)
            })
            .await
    }

    /// A club admin (or a gym administrator) deletes a club.
    pub async fn delete_club(&self, me: &User, id: u128) -> Result<(), AppError> {
        let me = me.clone();
        self.store
            .write(move |tx| {
                let v = visible(tx, &me, id)?;
                if !manages(&me, v.role) {
                    return Err(AppError::forbidden("Only the club's admins delete it."));
                }
                store::delete_club(tx, id)
            })
            .await
    }

    /// The caller joins a club: at once when it is open or they were invited; a request the
    /// club's admins answer when it needs approval. 403 for an invitation-only club without an
    /// invitation. Joining again changes nothing.
    pub async fn join_club(&self, me: &User, id: u128) -> Result<ClubRole, AppError> {
        let me = me.clone();
        let this = self.clone();
        self.store
            .write(move |tx| {
                let v = visible(tx, &me, id)?;
                match v.role {
                    Some(r) if r.is_member() || r == ClubRole::Requested => return Ok(r),
                    Some(ClubRole::Invited) => {
                        store::set_club_role(tx, id, me.id, Some(ClubRole::Member))?;
                        this.used(tx, me.id, crate::events::Feature::ClubJoin)?;
                        return Ok(ClubRole::Member);
                    }
                    _ => {}
                }
                match v.club.policy {
                    JoinPolicy::Open => {
                        store::set_club_role(tx, id, me.id, Some(ClubRole::Member))?;
                        this.used(tx, me.id, crate::events::Feature::ClubJoin)?;
                        Ok(ClubRole::Member)
                    }
                    JoinPolicy::Approval => {
                        store::set_club_role(tx, id, me.id, Some(ClubRole::Requested))?;
                        let n = club_note(NotificationKind::ClubRequest, me.id, id);
                        for (admin, _) in
                            tx.club_people(id, &[ClubRole::Admin], None, ADMINS_NOTIFIED)?
                        {
                            if !tx.blocks(admin, me.id)? {
                                store::notify(
                                    tx,
                                    admin,
                                    &super::model::Notification {
                                        id: new_id(),
                                        ..n.clone()
                                    },
                                )?;
                            }
                        }
                        Ok(ClubRole::Requested)
                    }
                    JoinPolicy::Invite => Err(AppError::forbidden(
                        "This club takes members by invitation only; ask one of its admins.",
                    )),
                }
            })
            .await
    }

    /// The caller leaves a club (or withdraws a request, or turns down an invitation). The
    /// last admin of a club with other members must make one of them admin first; a club
    /// whose last member leaves is deleted.
    pub async fn leave_club(&self, me: &User, id: u128) -> Result<(), AppError> {
        let me = me.clone();
        self.store
            .write(move |tx| {
                let v = visible(tx, &me, id)?;
                remove_from(tx, &v.club, me.id, v.role)
            })
            .await
    }

    /// The club's members and admins (`pending`: requests and invitations, for the club's
    /// admins only) as the viewer may see them, after `after` in id order.
    pub async fn club_people(
        &self,
        viewer: &User,
        id: u128,
        pending: bool,
        after: Option<u128>,
        limit: usize,
    ) -> Result<(Vec<(User, ClubRole)>, Option<u128>), AppError> {
        let viewer = viewer.clone();
        self.store
            .read(move |tx| {
                let v = visible(tx, &viewer, id)?;
                if pending && !manages(&viewer, v.role) {
                    return Err(AppError::forbidden(
                        "Only the club's admins see its requests and invitations.",
                    ));
                }
                let roles: &[ClubRole] = if pending {
                    &[ClubRole::Requested, ClubRole::Invited]
                } else {
                    &[ClubRole::Member, ClubRole::Admin]
                };
                let blocked = tx.block_relations(viewer.id)?;
                let mut out = Vec::new();
                let mut cursor = after;
                loop {
                    let page = tx.club_people(id, roles, cursor, limit + 1)?;
                    let done = page.len() <= limit;
                    for (uid, role) in page {
                        cursor = Some(uid);
                        if blocked.contains(&uid) {
                            continue;
                        }
                        let Some(u) = tx.user(uid)? else { continue };
                        if u.status != Status::Active && uid != viewer.id {
                            continue;
                        }
                        if out.len() == limit {
                            let last = out.last().map(|(u, _): &(User, ClubRole)| u.id);
                            return Ok((out, last));
                        }
                        out.push((u, role));
                    }
                    if done {
                        return Ok((out, None));
                    }
                }
            })
            .await
    }

    /// A club admin lets a member in: approves their request, or invites them (they join
    /// with `POST /clubs/{id}/join`). Returns their role now.
    pub async fn admit(&self, me: &User, id: u128, target: &User) -> Result<ClubRole, AppError> {
        if target.status != Status::Active {
            return Err(no_member());
        }
        let (me, tid) = (me.clone(), target.id);
        self.store
            .write(move |tx| {
                let v = visible(tx, &me, id)?;
                if !manages(&me, v.role) {
                    return Err(AppError::forbidden("Only the club's admins add members."));
                }
                if tx.blocks(tid, me.id)? {
                    return Err(AppError::NotFound(
                        "No such user, or you may not see them.".into(),
                    ));
                }
                match tx.club_role(id, tid)? {
                    Some(r) if r.is_member() || r == ClubRole::Invited => Ok(r),
                    Some(ClubRole::Requested) => {
                        store::set_club_role(tx, id, tid, Some(ClubRole::Member))?;
                        store::notify(
                            tx,
                            tid,
                            &club_note(NotificationKind::ClubAccepted, me.id, id),
                        )?;
                        Ok(ClubRole::Member)
                    }
                    _ => {
                        store::set_club_role(tx, id, tid, Some(ClubRole::Invited))?;
                        store::notify(
                            tx,
                            tid,
                            &club_note(NotificationKind::ClubInvite, me.id, id),
                        )?;
                        Ok(ClubRole::Invited)
                    }
                }
            })
            .await
    }

    /// A club admin makes a member an admin (`admin`) or a plain member again.
    pub async fn set_club_admin(
        &self,
        me: &User,
        id: u128,
        target: &User,
        admin: bool,
    ) -> Result<ClubRole, AppError> {
        let (me, tid) = (me.clone(), target.id);
        self.store
            .write(move |tx| {
                let v = visible(tx, &me, id)?;
                if !manages(&me, v.role) {
                    return Err(AppError::forbidden("Only the club's admins change roles."));
                }
                let current = tx
                    .club_role(id, tid)?
                    .filter(|r| r.is_member())
                    .ok_or_else(no_member)?;
                let role = if admin {
                    ClubRole::Admin
                } else {
                    ClubRole::Member
                };
                if current == ClubRole::Admin && !admin && other_admins(tx, id, tid)? == 0 {
                    return Err(last_admin());
                }
                store::set_club_role(tx, id, tid, Some(role))?;
                Ok(role)
            })
            .await
    }

    /// A club admin removes someone from the club (a member, a request, an invitation).
    pub async fn remove_from_club(
        &self,
        me: &User,
        id: u128,
        target: &User,
    ) -> Result<(), AppError> {
        let (me, tid) = (me.clone(), target.id);
        self.store
            .write(move |tx| {
                let v = visible(tx, &me, id)?;
                if tid != me.id && !manages(&me, v.role) {
                    return Err(AppError::forbidden(
                        "Only the club's admins remove members.",
                    ));
                }
                let role = tx.club_role(id, tid)?.ok_or_else(no_member)?;
                remove_from(tx, &v.club, tid, Some(role))
            })
            .await
    }

    /// The members of a club whose activity the club feed shows, if `viewer` is one of them.
    pub(super) fn club_authors<T: Reader>(
        tx: &T,
        viewer: &User,
        id: u128,
    ) -> Result<Vec<u128>, AppError> {
        let v = visible(tx, viewer, id)?;
        if !v.role.is_some_and(ClubRole::is_member) {
            return Err(AppError::forbidden("Join the club to see its feed."));
        }
        let mut out = Vec::new();
        let mut after = None;
        loop {
            let page = tx.club_people(id, &[ClubRole::Member, ClubRole::Admin], after, 512)?;
            let Some(&(last, _)) = page.last() else { break };
            after = Some(last);
            out.extend(page.into_iter().map(|(u, _)| u));
        }
        Ok(out)
    }
}

fn other_admins<T: Reader>(tx: &T, club: u128, except: u128) -> Result<usize, AppError> {
    Ok(tx
        .club_people(club, &[ClubRole::Admin], None, 2)?
        .iter()
        .filter(|(u, _)| *u != except)
        .count())
}

/// Takes `user` out of `club`; refuses to leave a club without an admin while it has members,
/// and deletes a club nobody is left in.
fn remove_from(
    tx: &crate::storage::Tx,
    club: &Club,
    user: u128,
    role: Option<ClubRole>,
) -> Result<(), AppError> {
    let Some(role) = role else { return Ok(()) };
    if role == ClubRole::Admin && other_admins(tx, club.id, user)? == 0 {
        let others = tx.club_people(club.id, &[ClubRole::Member], None, 1)?.len();
        if others > 0 {
            return Err(last_admin());
        }
        return store::delete_club(tx, club.id);
    }
    store::set_club_role(tx, club.id, user, None)
}
