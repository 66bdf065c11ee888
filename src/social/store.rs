//! The only code that names the social tables.

use crate::storage::Snapshot;
use crate::storage::Tx;
use redb::{ReadableTable, ReadableTableMetadata};

use super::model::{
    Activity, AuditEntry, Club, ClubRole, Comment, Follow, Notification, Report, SubjectKind,
};
use crate::error::AppError;
use crate::storage::codec::{decode, encode};
use crate::storage::schema::{MO_AUDIT, MO_OPEN, MO_REPORTS, MO_RESOLVED, MO_TARGET_REPORTS};
use crate::storage::schema::{
    SO_ACTIVITY, SO_ACTIVITY_BY, SO_ACTIVITY_OF, SO_BLOCKED_BY, SO_BLOCKS, SO_CLUB_MEMBERS,
    SO_CLUBS, SO_COMMENT_AUTHORS, SO_COMMENTS, SO_COMMENTS_BY, SO_COMMENTS_OF, SO_COUNTS,
    SO_FOLLOW_COUNTS, SO_FOLLOW_IDS, SO_FOLLOWERS, SO_FOLLOWS, SO_KUDOS, SO_KUDOS_BY,
    SO_NOTIFICATION_COUNTS, SO_NOTIFICATIONS, SO_SUBJECTS_OF, SO_USER_CLUBS,
};

/// Where a page of `(owner, id)` keys starts after cursor `after`: `None` when nothing can
/// follow it.
fn first_after(after: Option<u128>) -> Option<u128> {
    match after {
        Some(a) => a.checked_add(1),
        None => Some(0),
    }
}

/// An activity item from its fixed-width row (`None` for a kind this binary does not know).
fn activity_of(
    (at, id): (i64, u128),
    (author, kind, subject): (u128, u8, u128),
) -> Option<Activity> {
    Some(Activity {
        id,
        author,
        kind: SubjectKind::from_code(kind)?,
        subject,
        at,
    })
}

/// A follow from its fixed-width row.
fn follow_of(
    follower: u128,
    followee: u128,
    (id, accepted, created_at, since): (u128, bool, i64, i64),
) -> Follow {
    Follow {
        id,
        follower,
        followee,
        accepted,
        created_at,
        since: accepted.then_some(since),
    }
}

/// An author and the keys (at, activity id) of their newest activity.
pub type AuthorKeys = (u128, Vec<(i64, u128)>);

/// Notifications kept per member; older ones are dropped as new ones arrive.
pub const NOTIFICATIONS_KEPT: u32 = 200;

/// Reads through either kind of transaction.
pub trait Reader {
    fn follow(&self, follower: u128, followee: u128) -> Result<Option<Follow>, AppError>;
    fn follow_by_id(&self, id: u128) -> Result<Option<Follow>, AppError>;
    /// Whom `follower` follows or asked to follow, after `after` (a user id), in id order.
    fn following(
        &self,
        follower: u128,
        after: Option<u128>,
        keep: &mut dyn FnMut(&Follow) -> Result<bool, AppError>,
        limit: usize,
    ) -> Result<Vec<Follow>, AppError>;
    /// Who follows `followee` (`accepted`) or asked to (`!accepted`), after `after`, id order.
    fn followers(
        &self,
        followee: u128,
        accepted: bool,
        after: Option<u128>,
        keep: &mut dyn FnMut(u128) -> Result<bool, AppError>,
        limit: usize,
    ) -> Result<Vec<u128>, AppError>;
    /// (accepted followers, accepted following, pending requests to answer).
    fn follow_counts(&self, user: u128) -> Result<(u32, u32, u32), AppError>;
    /// Whether `blocker` blocked `blocked`.
    fn blocks(&self, blocker: u128, blocked: u128) -> Result<bool, AppError>;
    /// The members `user` blocked and the members who blocked `user`.
    fn block_relations(&self, user: u128) -> Result<Vec<u128>, AppError>;
    /// The members `user` blocked, in id order.
    fn blocked_by(&self, user: u128) -> Result<Vec<(u128, i64)>, AppError>;
    /// The gym's activity older than `before`, newest first, up to `limit`.
    fn activity_before(
        &self,
        before: Option<(i64, u128)>,
        limit: usize,
    ) -> Result<Vec<Activity>, AppError>;
    fn activity(&self, at: i64, id: u128) -> Result<Option<Activity>, AppError>;
    /// Keys of one author's activity older than `before`, newest first, up to `limit`.
    fn activity_of_author(
        &self,
        author: u128,
        before: Option<(i64, u128)>,
        limit: usize,
    ) -> Result<Vec<(i64, u128)>, AppError>;
    /// The newest `limit` activity keys older than `before` of each author (authors with none
    /// are left out), opening the index once.
    fn activity_heads(
        &self,
        authors: &[u128],
        before: Option<(i64, u128)>,
        limit: usize,
    ) -> Result<Vec<AuthorKeys>, AppError>;
    fn has_kudos(&self, subject: u128, user: u128) -> Result<bool, AppError>;
    /// (kudos, comments) of an item.
    fn counts(&self, subject: u128) -> Result<(u32, u32), AppError>;
    /// How many comments `author` wrote on `subject`.
    fn comments_by_on(&self, subject: u128, author: u128) -> Result<u32, AppError>;
    fn comment(&self, id: u128) -> Result<Option<Comment>, AppError>;
    /// An item's comments after `after`, oldest first, up to `limit`.
    fn comments_of(
        &self,
        subject: u128,
        after: Option<u128>,
        limit: usize,
    ) -> Result<Vec<Comment>, AppError>;
    /// A member's notifications older than `before`, newest first, up to `limit`.
    fn notifications(
        &self,
        user: u128,
        before: Option<u128>,
        limit: usize,
    ) -> Result<Vec<Notification>, AppError>;
    /// (kept, unread).
    fn notification_counts(&self, user: u128) -> Result<(u32, u32), AppError>;
    fn club(&self, id: u128) -> Result<Option<Club>, AppError>;
    /// Clubs after `after`, in id order, for which `keep` is true, up to `limit`.
    fn clubs(
        &self,
        after: Option<u128>,
        keep: &mut dyn FnMut(&Club) -> Result<bool, AppError>,
        limit: usize,
    ) -> Result<Vec<Club>, AppError>;
    fn club_role(&self, club: u128, user: u128) -> Result<Option<ClubRole>, AppError>;
    /// A club's people with `role` after `after`, in id order, up to `limit`.
    fn club_people(
        &self,
        club: u128,
        roles: &[ClubRole],
        after: Option<u128>,
        limit: usize,
    ) -> Result<Vec<(u128, ClubRole)>, AppError>;
    /// A member's clubs with their role there.
    fn clubs_of(&self, user: u128) -> Result<Vec<(u128, ClubRole)>, AppError>;
    fn report(&self, id: u128) -> Result<Option<Report>, AppError>;
    /// Open reports after `after` = (reported at, id), oldest first (`open`), or resolved ones
    /// before `after` = (resolved at, id), newest first; up to `limit`.
    fn reports(
        &self,
        open: bool,
        after: Option<(i64, u128)>,
        limit: usize,
    ) -> Result<Vec<(i64, Report)>, AppError>;
    /// Ids of the open reports about one member or item.
    fn open_reports_of(&self, target: u128) -> Result<Vec<u128>, AppError>;
    /// Audit entries before `before`, newest first, up to `limit`.
    fn audit(&self, before: Option<(i64, u128)>, limit: usize)
    -> Result<Vec<AuditEntry>, AppError>;
}

macro_rules! reader_impl {
    ($tx:ty) => {
        impl Reader for $tx {
            fn follow(&self, follower: u128, followee: u128) -> Result<Option<Follow>, AppError> {
                let t = self.open_table(SO_FOLLOWS)?;
                let v = t.get((follower, followee))?;
                Ok(v.map(|v| follow_of(follower, followee, v.value())))
            }

            fn follow_by_id(&self, id: u128) -> Result<Option<Follow>, AppError> {
                let pair = {
                    let t = self.open_table(SO_FOLLOW_IDS)?;
                    let v = t.get(id)?;
                    v.map(|v| v.value())
                };
                match pair {
                    Some((a, b)) => self.follow(a, b),
                    None => Ok(None),
                }
            }

            fn following(
                &self,
                follower: u128,
                after: Option<u128>,
                keep: &mut dyn FnMut(&Follow) -> Result<bool, AppError>,
                limit: usize,
            ) -> Result<Vec<Follow>, AppError> {
                let t = self.open_table(SO_FOLLOWS)?;
                let mut out = Vec::new();
                let Some(start) = first_after(after) else {
                    return Ok(out);
                };
                for row in t.range((follower, start)..=(follower, u128::MAX))? {
                    if out.len() == limit {
                        break;
                    }
                    let (k, v) = row?;
                    let f = follow_of(follower, k.value().1, v.value());
                    if keep(&f)? {
                        out.push(f);
                    }
                }
                Ok(out)
            }

            fn followers(
                &self,
                followee: u128,
                accepted: bool,
                after: Option<u128>,
                keep: &mut dyn FnMut(u128) -> Result<bool, AppError>,
                limit: usize,
            ) -> Result<Vec<u128>, AppError> {
                let t = self.open_table(SO_FOLLOWERS)?;
                let mut out = Vec::new();
                let Some(start) = first_after(after) else {
                    return Ok(out);
                };
                for row in t.range((followee, start)..=(followee, u128::MAX))? {
                    if out.len() == limit {
                        break;
                    }
                    let (k, v) = row?;
                    let who = k.value().1;
                    if (v.value() == 1) == accepted && keep(who)? {
                        out.push(who);
                    }
                }
                Ok(out)
            }

            fn follow_counts(&self, user: u128) -> Result<(u32, u32, u32), AppError> {
                let t = self.open_table(SO_FOLLOW_COUNTS)?;
                let v = t.get(user)?;
                Ok(v.map_or((0, 0, 0), |v| v.value()))
            }

            fn blocks(&self, blocker: u128, blocked: u128) -> Result<bool, AppError> {
                let t = self.open_table(SO_BLOCKS)?;
                Ok(t.get((blocker, blocked))?.is_some())
            }

            fn block_relations(&self, user: u128) -> Result<Vec<u128>, AppError> {
                let mut out = Vec::new();
                let t = self.open_table(SO_BLOCKS)?;
                for row in t.range((user, 0)..=(user, u128::MAX))? {
                    out.push(row?.0.value().1);
                }
                let t = self.open_table(SO_BLOCKED_BY)?;
                for row in t.range((user, 0)..=(user, u128::MAX))? {
                    out.push(row?.0.value().1);
                }
                Ok(out)
            }

            fn blocked_by(&self, user: u128) -> Result<Vec<(u128, i64)>, AppError> {
                let t = self.open_table(SO_BLOCKS)?;
                let mut out = Vec::new();
                for row in t.range((user, 0)..=(user, u128::MAX))? {
                    let (k, v) = row?;
                    out.push((k.value().1, v.value()));
                }
                Ok(out)
            }

            fn activity_before(
                &self,
                before: Option<(i64, u128)>,
                limit: usize,
            ) -> Result<Vec<Activity>, AppError> {
                let t = self.open_table(SO_ACTIVITY)?;
                let mut out = Vec::new();
                let range = match before {
                    Some(b) => t.range(..b)?,
                    None => t.range::<(i64, u128)>(..)?,
                };
                for row in range.rev() {
                    if out.len() == limit {
                        break;
                    }
                    let (k, v) = row?;
                    out.extend(activity_of(k.value(), v.value()));
                }
                Ok(out)
            }

            fn activity(&self, at: i64, id: u128) -> Result<Option<Activity>, AppError> {
                let t = self.open_table(SO_ACTIVITY)?;
                let v = t.get((at, id))?;
                Ok(v.and_then(|v| activity_of((at, id), v.value())))
            }

            fn activity_of_author(
                &self,
                author: u128,
                before: Option<(i64, u128)>,
                limit: usize,
            ) -> Result<Vec<(i64, u128)>, AppError> {
                let t = self.open_table(SO_ACTIVITY_BY)?;
                let (at, id) = before.unwrap_or((i64::MAX, u128::MAX));
                let mut out = Vec::new();
                for row in t.range((author, i64::MIN, 0)..(author, at, id))?.rev() {
                    if out.len() == limit {
                        break;
                    }
                    let (_, at, id) = row?.0.value();
                    out.push((at, id));
                }
                Ok(out)
            }

            fn activity_heads(
                &self,
                authors: &[u128],
                before: Option<(i64, u128)>,
                limit: usize,
            ) -> Result<Vec<AuthorKeys>, AppError> {
                let t = self.open_table(SO_ACTIVITY_BY)?;
                let (at, id) = before.unwrap_or((i64::MAX, u128::MAX));
                let mut out = Vec::new();
                for &author in authors {
                    let mut keys = Vec::new();
                    for row in t
                        .range((author, i64::MIN, 0)..(author, at, id))?
                        .rev()
                        .take(limit)
                    {
                        let (_, at, id) = row?.0.value();
                        keys.push((at, id));
                    }
                    if !keys.is_empty() {
                        out.push((author, keys));
                    }
                }
                Ok(out)
            }

            fn has_kudos(&self, subject: u128, user: u128) -> Result<bool, AppError> {
                let t = self.open_table(SO_KUDOS)?;
                Ok(t.get((subject, user))?.is_some())
            }

            fn counts(&self, subject: u128) -> Result<(u32, u32), AppError> {
                let t = self.open_table(SO_COUNTS)?;
                let v = t.get(subject)?;
                Ok(v.map_or((0, 0), |v| v.value()))
            }

            fn comments_by_on(&self, subject: u128, author: u128) -> Result<u32, AppError> {
                let t = self.open_table(SO_COMMENT_AUTHORS)?;
                let v = t.get((subject, author))?;
                Ok(v.map_or(0, |v| v.value()))
            }

            fn comment(&self, id: u128) -> Result<Option<Comment>, AppError> {
                let t = self.open_table(SO_COMMENTS)?;
                let v = t.get(id)?;
                v.map(|v| decode(v.value())).transpose()
            }

            fn comments_of(
                &self,
                subject: u128,
                after: Option<u128>,
                limit: usize,
            ) -> Result<Vec<Comment>, AppError> {
                let ids: Vec<u128> = {
                    let t = self.open_table(SO_COMMENTS_OF)?;
                    let Some(start) = first_after(after) else {
                        return Ok(Vec::new());
                    };
                    let mut ids = Vec::new();
                    for row in t.range((subject, start)..=(subject, u128::MAX))? {
                        if ids.len() == limit {
                            break;
                        }
                        ids.push(row?.0.value().1);
                    }
                    ids
                };
                let mut out = Vec::with_capacity(ids.len());
                for id in ids {
                    out.extend(self.comment(id)?);
                }
                Ok(out)
            }

            fn notifications(
                &self,
                user: u128,
                before: Option<u128>,
                limit: usize,
            ) -> Result<Vec<Notification>, AppError> {
                let t = self.open_table(SO_NOTIFICATIONS)?;
                let end = before.unwrap_or(u128::MAX);
                let mut out = Vec::new();
                for row in t.range((user, 0)..(user, end))?.rev() {
                    if out.len() == limit {
                        break;
                    }
                    out.push(decode(row?.1.value())?);
                }
                Ok(out)
            }

            fn notification_counts(&self, user: u128) -> Result<(u32, u32), AppError> {
                let t = self.open_table(SO_NOTIFICATION_COUNTS)?;
                let v = t.get(user)?;
                Ok(v.map_or((0, 0), |v| v.value()))
            }

            fn club(&self, id: u128) -> Result<Option<Club>, AppError> {
                let t = self.open_table(SO_CLUBS)?;
                let v = t.get(id)?;
                v.map(|v| decode(v.value())).transpose()
            }

            fn clubs(
                &self,
                after: Option<u128>,
                keep: &mut dyn FnMut(&Club) -> Result<bool, AppError>,
                limit: usize,
            ) -> Result<Vec<Club>, AppError> {
                let t = self.open_table(SO_CLUBS)?;
                let mut out = Vec::new();
                let range = match after {
                    Some(a) => {
                        t.range((std::ops::Bound::Excluded(a), std::ops::Bound::Unbounded))?
                    }
                    None => t.range::<u128>(..)?,
                };
                for row in range {
                    if out.len() == limit {
                        break;
                    }
                    let c: Club = decode(row?.1.value())?;
                    if keep(&c)? {
                        out.push(c);
                    }
                }
                Ok(out)
            }

            fn club_role(&self, club: u128, user: u128) -> Result<Option<ClubRole>, AppError> {
                let t = self.open_table(SO_CLUB_MEMBERS)?;
                let v = t.get((club, user))?;
                Ok(v.and_then(|v| ClubRole::from_code(v.value())))
            }

            fn club_people(
                &self,
                club: u128,
                roles: &[ClubRole],
                after: Option<u128>,
                limit: usize,
            ) -> Result<Vec<(u128, ClubRole)>, AppError> {
                let t = self.open_table(SO_CLUB_MEMBERS)?;
                let Some(start) = first_after(after) else {
                    return Ok(Vec::new());
                };
                let mut out = Vec::new();
                for row in t.range((club, start)..=(club, u128::MAX))? {
                    if out.len() == limit {
                        break;
                    }
                    let (k, v) = row?;
                    if let Some(role) = ClubRole::from_code(v.value())
                        && roles.contains(&role)
                    {
                        out.push((k.value().1, role));
                    }
                }
                Ok(out)
            }

            fn report(&self, id: u128) -> Result<Option<Report>, AppError> {
                let t = self.open_table(MO_REPORTS)?;
                let v = t.get(id)?;
                v.map(|v| decode(v.value())).transpose()
            }

            fn reports(
                &self,
                open: bool,
                after: Option<(i64, u128)>,
                limit: usize,
            ) -> Result<Vec<(i64, Report)>, AppError> {
                let mut keys = Vec::new();
                if open {
                    let t = self.open_table(MO_OPEN)?;
                    let range = match after {
                        Some(a) => {
                            t.range((std::ops::Bound::Excluded(a), std::ops::Bound::Unbounded))?
                        }
                        None => t.range::<(i64, u128)>(..)?,
                    };
                    for row in range.take(limit) {
                        keys.push(row?.0.value());
                    }
                } else {
                    let t = self.open_table(MO_RESOLVED)?;
                    let range = match after {
                        Some(a) => t.range(..a)?,
                        None => t.range::<(i64, u128)>(..)?,
                    };
                    for row in range.rev().take(limit) {
                        keys.push(row?.0.value());
                    }
                }
                let mut out = Vec::with_capacity(keys.len());
                for (at, id) in keys {
                    if let Some(r) = self.report(id)? {
                        out.push((at, r));
                    }
                }
                Ok(out)
            }

            fn open_reports_of(&self, target: u128) -> Result<Vec<u128>, AppError> {
                let t = self.open_table(MO_TARGET_REPORTS)?;
                let mut out = Vec::new();
                for row in t.range((target, 0)..=(target, u128::MAX))? {
                    out.push(row?.0.value().1);
                }
                Ok(out)
            }

            fn audit(
                &self,
                before: Option<(i64, u128)>,
                limit: usize,
            ) -> Result<Vec<AuditEntry>, AppError> {
                let t = self.open_table(MO_AUDIT)?;
                let range = match before {
                    Some(b) => t.range(..b)?,
                    None => t.range::<(i64, u128)>(..)?,
                };
                let mut out = Vec::new();
                for row in range.rev().take(limit) {
                    out.push(decode(row?.1.value())?);
                }
                Ok(out)
            }

            fn clubs_of(&self, user: u128) -> Result<Vec<(u128, ClubRole)>, AppError> {
                let t = self.open_table(SO_USER_CLUBS)?;
                let mut out = Vec::new();
                for row in t.range((user, 0)..=(user, u128::MAX))? {
                    let (k, v) = row?;
                    if let Some(role) = ClubRole::from_code(v.value()) {
                        out.push((k.value().1, role));
                    }
                }
                Ok(out)
            }
        }
    };
}
reader_impl!(Snapshot);
reader_impl!(Tx<'_>);

fn add(n: u32, d: i32) -> u32 {
    n.saturating_add_signed(d)
}

/// Changes `user`'s follow counts by (followers, following, requests).
fn bump_follow_counts(tx: &Tx, user: u128, d: (i32, i32, i32)) -> Result<(), AppError> {
    let mut t = tx.open_table(SO_FOLLOW_COUNTS)?;
    let (a, b, c) = t.get(user)?.map_or((0, 0, 0), |v| v.value());
    let n = (add(a, d.0), add(b, d.1), add(c, d.2));
    if n == (0, 0, 0) {
        t.remove(user)?;
    } else {
        t.insert(user, n)?;
    }
    Ok(())
}

/// What a follow adds to the counts of (follower, followee).
fn follow_weight(f: &Follow) -> ((i32, i32, i32), (i32, i32, i32)) {
    if f.accepted {
        ((0, 1, 0), (1, 0, 0))
    } else {
        ((0, 0, 0), (0, 0, 1))
    }
}

fn neg(d: (i32, i32, i32)) -> (i32, i32, i32) {
    (-d.0, -d.1, -d.2)
}

/// Stores a follow (new, or accepted now) with its index rows and counts.
pub fn put_follow(tx: &Tx, f: &Follow) -> Result<(), AppError> {
    if let Some(old) = tx.follow(f.follower, f.followee)? {
        let (a, b) = follow_weight(&old);
        bump_follow_counts(tx, old.follower, neg(a))?;
        bump_follow_counts(tx, old.followee, neg(b))?;
        if old.id != f.id {
            tx.open_table(SO_FOLLOW_IDS)?.remove(old.id)?;
        }
    }
    tx.open_table(SO_FOLLOWS)?.insert(
        (f.follower, f.followee),
        (f.id, f.accepted, f.created_at, f.since.unwrap_or(0)),
    )?;
    tx.open_table(SO_FOLLOWERS)?
        .insert((f.followee, f.follower), u8::from(f.accepted))?;
    tx.open_table(SO_FOLLOW_IDS)?
        .insert(f.id, (f.follower, f.followee))?;
    let (a, b) = follow_weight(f);
    bump_follow_counts(tx, f.follower, a)?;
    bump_follow_counts(tx, f.followee, b)?;
    Ok(())
}

/// Removes a follow or a request (unfollow, decline, withdraw, block).
pub fn delete_follow(tx: &Tx, f: &Follow) -> Result<(), AppError> {
    tx.open_table(SO_FOLLOWS)?
        .remove((f.follower, f.followee))?;
    tx.open_table(SO_FOLLOWERS)?
        .remove((f.followee, f.follower))?;
    tx.open_table(SO_FOLLOW_IDS)?.remove(f.id)?;
    let (a, b) = follow_weight(f);
    bump_follow_counts(tx, f.follower, neg(a))?;
    bump_follow_counts(tx, f.followee, neg(b))?;
    Ok(())
}

pub fn put_block(tx: &Tx, blocker: u128, blocked: u128, at: i64) -> Result<(), AppError> {
    tx.open_table(SO_BLOCKS)?.insert((blocker, blocked), at)?;
    tx.open_table(SO_BLOCKED_BY)?
        .insert((blocked, blocker), ())?;
    Ok(())
}

/// Removes a block; whether there was one.
pub fn delete_block(tx: &Tx, blocker: u128, blocked: u128) -> Result<bool, AppError> {
    let had = tx
        .open_table(SO_BLOCKS)?
        .remove((blocker, blocked))?
        .is_some();
    tx.open_table(SO_BLOCKED_BY)?.remove((blocked, blocker))?;
    Ok(had)
}

/// Adds an activity item (replacing the subject's earlier one).
pub fn put_activity(tx: &Tx, a: &Activity) -> Result<(), AppError> {
    delete_activity_of(tx, a.subject)?;
    tx.open_table(SO_ACTIVITY)?
        .insert((a.at, a.id), (a.author, a.kind.code(), a.subject))?;
    tx.open_table(SO_ACTIVITY_BY)?
        .insert((a.author, a.at, a.id), ())?;
    tx.open_table(SO_ACTIVITY_OF)?
        .insert(a.subject, (a.at, a.id))?;
    Ok(())
}

/// Removes the activity item of a subject, if it has one.
pub fn delete_activity_of(tx: &Tx, subject: u128) -> Result<(), AppError> {
    let key = tx
        .open_table(SO_ACTIVITY_OF)?
        .remove(subject)?
        .map(|v| v.value());
    if let Some((at, id)) = key {
        let old = tx
            .open_table(SO_ACTIVITY)?
            .remove((at, id))?
            .map(|v| v.value());
        if let Some((author, _, _)) = old {
            tx.open_table(SO_ACTIVITY_BY)?.remove((author, at, id))?;
        }
    }
    Ok(())
}

fn bump_counts(tx: &Tx, subject: u128, d: (i32, i32)) -> Result<(), AppError> {
    let mut t = tx.open_table(SO_COUNTS)?;
    let (k, c) = t.get(subject)?.map_or((0, 0), |v| v.value());
    let n = (add(k, d.0), add(c, d.1));
    if n == (0, 0) {
        t.remove(subject)?;
    } else {
        t.insert(subject, n)?;
    }
    Ok(())
}

fn mark_subject(tx: &Tx, owner: u128, subject: u128, kind: SubjectKind) -> Result<(), AppError> {
    tx.open_table(SO_SUBJECTS_OF)?
        .insert((owner, subject), kind.code())?;
    Ok(())
}

/// Gives kudos; whether it is new.
pub fn put_kudos(
    tx: &Tx,
    owner: u128,
    subject: u128,
    user: u128,
    at: i64,
) -> Result<bool, AppError> {
    if tx.has_kudos(subject, user)? {
        return Ok(false);
    }
    tx.open_table(SO_KUDOS)?.insert((subject, user), at)?;
    tx.open_table(SO_KUDOS_BY)?.insert((user, subject), ())?;
    bump_counts(tx, subject, (1, 0))?;
    mark_subject(tx, owner, subject, SubjectKind::Workout)?;
    Ok(true)
}

/// Takes kudos back; whether there was one.
pub fn delete_kudos(tx: &Tx, subject: u128, user: u128) -> Result<bool, AppError> {
    if tx.open_table(SO_KUDOS)?.remove((subject, user))?.is_none() {
        return Ok(false);
    }
    tx.open_table(SO_KUDOS_BY)?.remove((user, subject))?;
    bump_counts(tx, subject, (-1, 0))?;
    Ok(true)
}

/// Stores a new or edited comment.
pub fn put_comment(tx: &Tx, c: &Comment) -> Result<(), AppError> {
    let new = tx.comment(c.id)?.is_none();
    tx.open_table(SO_COMMENTS)?
        .insert(c.id, encode(c).as_slice())?;
    if new {
        tx.open_table(SO_COMMENTS_OF)?
            .insert((c.subject, c.id), ())?;
        tx.open_table(SO_COMMENTS_BY)?
            .insert((c.author, c.id), ())?;
        let n = tx.comments_by_on(c.subject, c.author)?;
        tx.open_table(SO_COMMENT_AUTHORS)?
            .insert((c.subject, c.author), n + 1)?;
        bump_counts(tx, c.subject, (0, 1))?;
        mark_subject(tx, c.owner, c.subject, c.kind)?;
    }
    Ok(())
}

pub fn delete_comment(tx: &Tx, c: &Comment) -> Result<(), AppError> {
    if tx.open_table(SO_COMMENTS)?.remove(c.id)?.is_none() {
        return Ok(());
    }
    tx.open_table(SO_COMMENTS_OF)?.remove((c.subject, c.id))?;
    tx.open_table(SO_COMMENTS_BY)?.remove((c.author, c.id))?;
    let n = tx.comments_by_on(c.subject, c.author)?;
    let mut t = tx.open_table(SO_COMMENT_AUTHORS)?;
    if n <= 1 {
        t.remove((c.subject, c.author))?;
    } else {
        t.insert((c.subject, c.author), n - 1)?;
    }
    drop(t);
    bump_counts(tx, c.subject, (0, -1))?;
    Ok(())
}

/// Removes everything social that hangs off an item (its kudos, comments and activity).
pub fn delete_subject(tx: &Tx, owner: u128, subject: u128) -> Result<(), AppError> {
    delete_activity_of(tx, subject)?;
    if tx
        .open_table(SO_SUBJECTS_OF)?
        .remove((owner, subject))?
        .is_none()
    {
        return Ok(());
    }
    let users = second_keys(tx, SO_KUDOS, subject)?;
    for u in users {
        delete_kudos(tx, subject, u)?;
    }
    loop {
        let batch = tx.comments_of(subject, None, 256)?;
        if batch.is_empty() {
            break;
        }
        for c in &batch {
            delete_comment(tx, c)?;
        }
    }
    tx.open_table(SO_COUNTS)?.remove(subject)?;
    Ok(())
}

/// Adds a notification for `user`, dropping the oldest beyond [`NOTIFICATIONS_KEPT`].
pub fn notify(tx: &Tx, user: u128, n: &Notification) -> Result<(), AppError> {
    let (mut kept, mut unread) = tx.notification_counts(user)?;
    let mut t = tx.open_table(SO_NOTIFICATIONS)?;
    t.insert((user, n.id), encode(n).as_slice())?;
    kept += 1;
    unread += u32::from(!n.read);
    while kept > NOTIFICATIONS_KEPT {
        let oldest = t
            .range((user, 0)..=(user, u128::MAX))?
            .next()
            .transpose()?
            .map(|(k, v)| (k.value(), v.value().to_vec()));
        let Some((key, bytes)) = oldest else { break };
        let old: Notification = decode(&bytes)?;
        t.remove(key)?;
        kept -= 1;
        unread -= u32::from(!old.read && unread > 0);
    }
    drop(t);
    tx.open_table(SO_NOTIFICATION_COUNTS)?
        .insert(user, (kept, unread))?;
    Ok(())
}

/// Marks `user`'s notifications read: all, or those up to and including `upto`.
pub fn mark_read(tx: &Tx, user: u128, upto: Option<u128>) -> Result<(), AppError> {
    let (kept, unread) = tx.notification_counts(user)?;
    if unread == 0 {
        return Ok(());
    }
    let mut t = tx.open_table(SO_NOTIFICATIONS)?;
    let mut changed = Vec::new();
    for row in t.range((user, 0)..=(user, upto.unwrap_or(u128::MAX)))? {
        let (k, v) = row?;
        let mut n: Notification = decode(v.value())?;
        if !n.read {
            n.read = true;
            changed.push((k.value(), n));
        }
    }
    for (k, n) in &changed {
        t.insert(*k, encode(n).as_slice())?;
    }
    drop(t);
    let left = unread.saturating_sub(changed.len() as u32);
    tx.open_table(SO_NOTIFICATION_COUNTS)?
        .insert(user, (kept, left))?;
    Ok(())
}

/// Drops `user`'s notifications for which `drop_it` is true (a bounded list).
pub fn drop_notifications(
    tx: &Tx,
    user: u128,
    drop_it: &dyn Fn(&Notification) -> bool,
) -> Result<(), AppError> {
    let mut t = tx.open_table(SO_NOTIFICATIONS)?;
    let mut gone = Vec::new();
    for row in t.range((user, 0)..=(user, u128::MAX))? {
        let (k, v) = row?;
        let n: Notification = decode(v.value())?;
        if drop_it(&n) {
            gone.push((k.value(), n.read));
        }
    }
    if gone.is_empty() {
        return Ok(());
    }
    for (k, _) in &gone {
        t.remove(*k)?;
    }
    let left = t.range((user, 0)..=(user, u128::MAX))?.count() as u32;
    drop(t);
    let (_, unread) = tx.notification_counts(user)?;
    let unread = unread.saturating_sub(gone.iter().filter(|(_, r)| !r).count() as u32);
    let mut c = tx.open_table(SO_NOTIFICATION_COUNTS)?;
    if left == 0 {
        c.remove(user)?;
    } else {
        c.insert(user, (left, unread.min(left)))?;
    }
    Ok(())
}

/// Stores a club's own fields (not its members); search indexes it after commit.
pub fn put_club(tx: &Tx, c: &Club) -> Result<(), AppError> {
    tx.open_table(SO_CLUBS)?
        .insert(c.id, encode(c).as_slice())?;
    club_changed(tx, c.id)
}

fn club_changed(tx: &Tx, id: u128) -> Result<(), AppError> {
    crate::storage::outbox::entity_changed(
        tx,
        crate::storage::outbox::Entity::Club,
        &crate::storage::ids::to_string(id),
    )
}

/// Gives `user` a `role` in a club (`None`: out of it), keeping the member count.
pub fn set_club_role(
    tx: &Tx,
    club: u128,
    user: u128,
    role: Option<ClubRole>,
) -> Result<(), AppError> {
    let old = tx.club_role(club, user)?;
    if old == role {
        return Ok(());
    }
    match role {
        Some(r) => {
            tx.open_table(SO_CLUB_MEMBERS)?
                .insert((club, user), r.code())?;
            tx.open_table(SO_USER_CLUBS)?
                .insert((user, club), r.code())?;
        }
        None => {
            tx.open_table(SO_CLUB_MEMBERS)?.remove((club, user))?;
            tx.open_table(SO_USER_CLUBS)?.remove((user, club))?;
        }
    }
    let was = old.is_some_and(ClubRole::is_member);
    let is = role.is_some_and(ClubRole::is_member);
    if was != is
        && let Some(mut c) = tx.club(club)?
    {
        c.members = if is {
            c.members + 1
        } else {
            c.members.saturating_sub(1)
        };
        put_club(tx, &c)?;
    }
    Ok(())
}

/// Deletes a club with every membership, request and invitation.
pub fn delete_club(tx: &Tx, club: u128) -> Result<(), AppError> {
    loop {
        let people = tx.club_people(
            club,
            &[
                ClubRole::Requested,
                ClubRole::Invited,
                ClubRole::Member,
                ClubRole::Admin,
            ],
            None,
            256,
        )?;
        if people.is_empty() {
            break;
        }
        for (u, _) in people {
            set_club_role(tx, club, u, None)?;
        }
    }
    tx.open_table(SO_CLUBS)?.remove(club)?;
    club_changed(tx, club)
}

/// Stores a report: open ones in the queue and under their target, resolved ones in the
/// resolved list.
pub fn put_report(tx: &Tx, r: &Report) -> Result<(), AppError> {
    tx.open_table(MO_REPORTS)?
        .insert(r.id, encode(r).as_slice())?;
    match &r.resolution {
        None => {
            tx.open_table(MO_OPEN)?.insert((r.created_at, r.id), ())?;
            tx.open_table(MO_TARGET_REPORTS)?
                .insert((r.target, r.id), ())?;
        }
        Some(res) => {
            tx.open_table(MO_OPEN)?.remove((r.created_at, r.id))?;
            tx.open_table(MO_TARGET_REPORTS)?.remove((r.target, r.id))?;
            tx.open_table(MO_RESOLVED)?.insert((res.at, r.id), ())?;
        }
    }
    Ok(())
}

pub fn put_audit(tx: &Tx, e: &AuditEntry) -> Result<(), AppError> {
    tx.open_table(MO_AUDIT)?
        .insert((e.at, e.id), encode(e).as_slice())?;
    Ok(())
}

/// The second halves of the `(first, second)` keys of `def` that start with `first`.
fn second_keys<V: redb::Value + 'static>(
    tx: &Tx,
    def: redb::TableDefinition<(u128, u128), V>,
    first: u128,
) -> Result<Vec<u128>, AppError> {
    let t = tx.open_table(def)?;
    let mut out = Vec::new();
    for row in t.range((first, 0)..=(first, u128::MAX))? {
        out.push(row?.0.value().1);
    }
    Ok(out)
}

/// Removes every social row of a deleted account: follows both ways, blocks both ways, its
/// activity, the kudos and comments it gave, everything on its items, its notifications.
pub fn delete_user(tx: &Tx, user: u128) -> Result<(), AppError> {
    loop {
        let out = tx.following(user, None, &mut |_| Ok(true), 256)?;
        if out.is_empty() {
            break;
        }
        for f in &out {
            delete_follow(tx, f)?;
        }
    }
    for accepted in [true, false] {
        loop {
            let ins = tx.followers(user, accepted, None, &mut |_| Ok(true), 256)?;
            if ins.is_empty() {
                break;
            }
            for who in ins {
                if let Some(f) = tx.follow(who, user)? {
                    delete_follow(tx, &f)?;
                }
            }
        }
    }
    tx.open_table(SO_FOLLOW_COUNTS)?.remove(user)?;
    for (other, _) in tx.blocked_by(user)? {
        delete_block(tx, user, other)?;
    }
    let blockers = second_keys(tx, SO_BLOCKED_BY, user)?;
    for b in blockers {
        delete_block(tx, b, user)?;
    }
    // Items of the account (their activity, kudos and comments on them).
    let subjects = second_keys(tx, SO_SUBJECTS_OF, user)?;
    for s in subjects {
        delete_subject(tx, user, s)?;
    }
    loop {
        let keys = tx.activity_of_author(user, None, 256)?;
        if keys.is_empty() {
            break;
        }
        for (at, id) in keys {
            if let Some(a) = tx.activity(at, id)? {
                delete_activity_of(tx, a.subject)?;
            } else {
                tx.open_table(SO_ACTIVITY_BY)?.remove((user, at, id))?;
            }
        }
    }
    // What the account gave to others.
    let given = second_keys(tx, SO_KUDOS_BY, user)?;
    for s in given {
        delete_kudos(tx, s, user)?;
    }
    let comments = second_keys(tx, SO_COMMENTS_BY, user)?;
    for id in comments {
        if let Some(c) = tx.comment(id)? {
            delete_comment(tx, &c)?;
        }
    }
    {
        let mut t = tx.open_table(SO_NOTIFICATIONS)?;
        let keys: Vec<(u128, u128)> = {
            let mut v = Vec::new();
            for row in t.range((user, 0)..=(user, u128::MAX))? {
                v.push(row?.0.value());
            }
            v
        };
        for k in keys {
            t.remove(k)?;
        }
    }
    tx.open_table(SO_NOTIFICATION_COUNTS)?.remove(user)?;
    // Clubs: a club keeps an admin while it has members; an empty club goes.
    for (club, role) in tx.clubs_of(user)? {
        set_club_role(tx, club, user, None)?;
        if role != ClubRole::Admin {
            continue;
        }
        let admins = tx.club_people(club, &[ClubRole::Admin], None, 1)?;
        if admins.is_empty() {
            match tx.club_people(club, &[ClubRole::Member], None, 1)?.first() {
                Some(&(next, _)) => set_club_role(tx, club, next, Some(ClubRole::Admin))?,
                None => delete_club(tx, club)?,
            }
        }
    }
    Ok(())
}

/// Creates the social tables (a new database, or the migration to schema version 10).
pub fn create_tables(tx: &Tx) -> Result<(), redb::TableError> {
    tx.open_table(SO_FOLLOWS)?;
    tx.open_table(SO_FOLLOWERS)?;
    tx.open_table(SO_FOLLOW_IDS)?;
    tx.open_table(SO_FOLLOW_COUNTS)?;
    tx.open_table(SO_BLOCKS)?;
    tx.open_table(SO_BLOCKED_BY)?;
    tx.open_table(SO_ACTIVITY)?;
    tx.open_table(SO_ACTIVITY_BY)?;
    tx.open_table(SO_ACTIVITY_OF)?;
    tx.open_table(SO_KUDOS)?;
    tx.open_table(SO_KUDOS_BY)?;
    tx.open_table(SO_COMMENTS)?;
    tx.open_table(SO_COMMENTS_OF)?;
    tx.open_table(SO_COMMENTS_BY)?;
    tx.open_table(SO_COMMENT_AUTHORS)?;
    tx.open_table(SO_COUNTS)?;
    tx.open_table(SO_SUBJECTS_OF)?;
    tx.open_table(SO_NOTIFICATIONS)?;
    tx.open_table(SO_NOTIFICATION_COUNTS)?;
    tx.open_table(SO_CLUBS)?;
    tx.open_table(SO_CLUB_MEMBERS)?;
    tx.open_table(SO_USER_CLUBS)?;
    tx.open_table(MO_REPORTS)?;
    tx.open_table(MO_OPEN)?;
    tx.open_table(MO_RESOLVED)?;
    tx.open_table(MO_TARGET_REPORTS)?;
    tx.open_table(MO_AUDIT)?;
    Ok(())
}

/// How many rows the social tables hold (for tests that check a deletion left nothing).
pub fn row_count(tx: &Snapshot) -> Result<u64, AppError> {
    let mut n = 0;
    n += tx.open_table(SO_FOLLOWS)?.len()?;
    n += tx.open_table(SO_FOLLOWERS)?.len()?;
    n += tx.open_table(SO_FOLLOW_IDS)?.len()?;
    n += tx.open_table(SO_FOLLOW_COUNTS)?.len()?;
    n += tx.open_table(SO_BLOCKS)?.len()?;
    n += tx.open_table(SO_BLOCKED_BY)?.len()?;
    n += tx.open_table(SO_ACTIVITY)?.len()?;
    n += tx.open_table(SO_ACTIVITY_BY)?.len()?;
    n += tx.open_table(SO_ACTIVITY_OF)?.len()?;
    n += tx.open_table(SO_KUDOS)?.len()?;
    n += tx.open_table(SO_KUDOS_BY)?.len()?;
    n += tx.open_table(SO_COMMENTS)?.len()?;
    n += tx.open_table(SO_COMMENTS_OF)?.len()?;
    n += tx.open_table(SO_COMMENTS_BY)?.len()?;
    n += tx.open_table(SO_COMMENT_AUTHORS)?.len()?;
    n += tx.open_table(SO_COUNTS)?.len()?;
    n += tx.open_table(SO_SUBJECTS_OF)?.len()?;
    n += tx.open_table(SO_NOTIFICATIONS)?.len()?;
    n += tx.open_table(SO_NOTIFICATION_COUNTS)?.len()?;
    n += tx.open_table(SO_CLUBS)?.len()?;
    n += tx.open_table(SO_CLUB_MEMBERS)?.len()?;
    n += tx.open_table(SO_USER_CLUBS)?.len()?;
    Ok(n)
}
