//! The gamification domain's tables, behind functions named for what they hold.

use crate::storage::Snapshot;
use crate::storage::Tx;
use crate::storage::tx::hot_or_open;
use redb::{ReadableTable, ReadableTableMetadata};

use super::model::{Award, Challenge, Standing};
use crate::error::AppError;
use crate::storage::codec::{decode, encode};
use crate::storage::schema::{
    GA_AWARDS, GA_BADGES, GA_BOARDS, GA_CHALLENGES, GA_DAYS, GA_E1RM, GA_FLAGS, GA_OPEN_CHALLENGES,
    GA_RANK_BUCKETS, GA_SCORES, GA_STANDING, GA_USER_AWARDS, GA_USER_BOARDS, GA_USER_CHALLENGES,
    GA_WEEKS, GA_XP, GA_XP_DAYS,
};

/// A set's standing on leaderboards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    /// Implausible; off leaderboards and challenges until its owner confirms it.
    Flagged,
    /// Confirmed by its owner: counts.
    Confirmed,
    /// Voided by a moderator: never counts.
    Voided,
}

impl Flag {
    fn code(self) -> u8 {
        match self {
            Flag::Flagged => 1,
            Flag::Confirmed => 2,
            Flag::Voided => 3,
        }
    }

    fn from_code(c: u8) -> Option<Self> {
        match c {
            1 => Some(Flag::Flagged),
            2 => Some(Flag::Confirmed),
            3 => Some(Flag::Voided),
            _ => None,
        }
    }

    /// Whether a set with this flag counts on leaderboards and in challenges.
    pub fn counts(flag: Option<Flag>) -> bool {
        matches!(flag, None | Some(Flag::Confirmed))
    }
}

/// A best e1RM: (kg, set, workout, body weight then or 0).
pub type Best = (f64, u128, u128, f64);

/// One entry of a board: (ranked score, when reached, user).
pub type Entry = (u64, i64, u128);

/// Reads through either kind of transaction.
pub trait Reader {
    fn standing(&self, user: u128) -> Result<Option<Standing>, AppError>;
    fn badges_of(&self, user: u128) -> Result<Vec<(String, u32, i64, i64)>, AppError>;
    fn award(&self, id: u128) -> Result<Option<Award>, AppError>;
    fn xp_on(&self, user: u128, day: i32) -> Result<u32, AppError>;
    /// Week starts with workouts, newest first, from `to` back to `from`.
    fn active_weeks(&self, user: u128, from: i32, to: i32) -> Result<Vec<i32>, AppError>;
    fn active_days(&self, user: u128, from: i32, to: i32) -> Result<u32, AppError>;
    /// (e1RM, set, workout, body weight then).
    fn best_e1rm(&self, user: u128, exercise: &str) -> Result<Option<Best>, AppError>;
    fn flag(&self, user: u128, set: u128) -> Result<Option<(u128, Flag)>, AppError>;
    /// A member's sets with `flag`, newest flagged first.
    fn flags_of(&self, user: u128, flag: Flag) -> Result<Vec<(u128, u128, i64)>, AppError>;
    /// (score, ranked score, when the ranked score was reached).
    fn score(&self, board: &str, user: u128) -> Result<Option<(u64, u64, i64)>, AppError>;
    /// The listed entries of a board from the top, for which `keep` is true, up to `limit`.
    fn top(
        &self,
        board: &str,
        limit: usize,
        keep: &mut dyn FnMut(u128) -> Result<bool, AppError>,
    ) -> Result<Vec<Entry>, AppError>;
    /// How many listed entries of a board have a higher ranked score than `score` (equal
    /// scores share a rank).
    fn ahead_of(&self, board: &str, score: u64) -> Result<u64, AppError>;
    /// Every entry of a board, listed or not, in rank order (a challenge's final standings).
    fn everyone_on(&self, board: &str) -> Result<Vec<Entry>, AppError>;
    fn challenge(&self, id: u128) -> Result<Option<Challenge>, AppError>;
    /// Challenges in id (creation) order after `after`, newest first when `newest_first`.
    fn challenges(
        &self,
        before: Option<u128>,
        limit: usize,
        keep: &mut dyn FnMut(&Challenge) -> Result<bool, AppError>,
    ) -> Result<Vec<Challenge>, AppError>;
    /// The challenges a member joined: (id, start, end).
    fn joined(&self, user: u128) -> Result<Vec<(u128, i64, i64)>, AppError>;
    /// Challenges ending at or before `now` not yet finalised.
    fn due(&self, now: i64) -> Result<Vec<u128>, AppError>;
}

macro_rules! reader_impl {
    ($tx:ty, $mode:ident) => {
        impl Reader for $tx {
            fn standing(&self, user: u128) -> Result<Option<Standing>, AppError> {
                let t = hot_or_open!($mode, self, GA_STANDING, ga_standing);
                t.get(user)?.map(|v| decode(v.value())).transpose()
            }

            fn badges_of(&self, user: u128) -> Result<Vec<(String, u32, i64, i64)>, AppError> {
                let t = self.open_table(GA_BADGES)?;
                let mut out = Vec::new();
                for row in t.range((user, "")..(user + 1, ""))? {
                    let (k, v) = row?;
                    let (n, first, last, _) = v.value();
                    out.push((k.value().1.to_owned(), n, first, last));
                }
                Ok(out)
            }

            fn award(&self, id: u128) -> Result<Option<Award>, AppError> {
                let t = self.open_table(GA_AWARDS)?;
                t.get(id)?.map(|v| decode(v.value())).transpose()
            }

            fn xp_on(&self, user: u128, day: i32) -> Result<u32, AppError> {
                let t = hot_or_open!($mode, self, GA_XP_DAYS, ga_xp_days);
                Ok(t.get((user, day))?.map_or(0, |v| v.value()))
            }

            fn active_weeks(&self, user: u128, from: i32, to: i32) -> Result<Vec<i32>, AppError> {
                let t = hot_or_open!($mode, self, GA_WEEKS, ga_weeks);
                let mut out = Vec::new();
                for row in t.range((user, from)..=(user, to))?.rev() {
                    let (k, v) = row?;
                    if v.value() > 0 {
                        out.push(k.value().1);
                    }
                }
                Ok(out)
            }

            fn active_days(&self, user: u128, from: i32, to: i32) -> Result<u32, AppError> {
                let t = hot_or_open!($mode, self, GA_DAYS, ga_days);
                let mut n = 0;
                for row in t.range((user, from)..=(user, to))? {
                    if row?.1.value() > 0 {
                        n += 1;
                    }
                }
                Ok(n)
            }

            fn best_e1rm(&self, user: u128, exercise: &str) -> Result<Option<Best>, AppError> {
                let t = hot_or_open!($mode, self, GA_E1RM, ga_e1rm);
                Ok(t.get((user, exercise))?.map(|v| v.value()))
            }

            fn flag(&self, user: u128, set: u128) -> Result<Option<(u128, Flag)>, AppError> {
                let t = hot_or_open!($mode, self, GA_FLAGS, ga_flags);
                Ok(t.get((user, set))?.and_then(|v| {
                    let (w, f, _) = v.value();
                    Flag::from_code(f).map(|f| (w, f))
                }))
            }

            fn flags_of(&self, user: u128, flag: Flag) -> Result<Vec<(u128, u128, i64)>, AppError> {
                let t = hot_or_open!($mode, self, GA_FLAGS, ga_flags);
                let mut out = Vec::new();
                for row in t.range((user, 0)..=(user, u128::MAX))? {
                    let (k, v) = row?;
                    let (w, f, at) = v.value();
                    if f == flag.code() {
                        out.push((w, k.value().1, at));
                    }
                }
                out.sort_by_key(|x| std::cmp::Reverse(x.2));
                Ok(out)
            }

            fn score(&self, board: &str, user: u128) -> Result<Option<(u64, u64, i64)>, AppError> {
                let t = hot_or_open!($mode, self, GA_SCORES, ga_scores);
                Ok(t.get((board, user))?.map(|v| v.value()))
            }

            fn top(
                &self,
                board: &str,
                limit: usize,
                keep: &mut dyn FnMut(u128) -> Result<bool, AppError>,
            ) -> Result<Vec<Entry>, AppError> {
                let t = hot_or_open!($mode, self, GA_BOARDS, ga_boards);
                let mut out = Vec::new();
                for row in
                    t.range((board, 0, i64::MIN, 0)..=(board, u64::MAX, i64::MAX, u128::MAX))?
                {
                    if out.len() == limit {
                        break;
                    }
                    let (_, inv, at, user) = row?.0.value();
                    if keep(user)? {
                        out.push((u64::MAX - inv, at, user));
                    }
                }
                Ok(out)
            }

            fn ahead_of(&self, board: &str, score: u64) -> Result<u64, AppError> {
                let b = bucket(score);
                let mut n: u64 = 0;
                let counts = hot_or_open!($mode, self, GA_RANK_BUCKETS, ga_rank_buckets);
                for row in counts.range((board, 0)..(board, u32::MAX - b))? {
                    n += u64::from(row?.1.value());
                }
                // Inside its own bucket: the entries with a higher score (none when the bucket
                // holds one score).
                if bucket_top(b) > score {
                    let t = hot_or_open!($mode, self, GA_BOARDS, ga_boards);
                    let from = (board, u64::MAX - bucket_top(b), i64::MIN, 0);
                    for row in t.range(from..(board, u64::MAX - score, i64::MIN, 0))? {
                        row?;
                        n += 1;
                    }
                }
                Ok(n)
            }

            fn everyone_on(&self, board: &str) -> Result<Vec<Entry>, AppError> {
                let t = hot_or_open!($mode, self, GA_SCORES, ga_scores);
                let mut out = Vec::new();
                for row in t.range((board, 0)..=(board, u128::MAX))? {
                    let (k, v) = row?;
                    let (_, ranked, at) = v.value();
                    out.push((ranked, at, k.value().1));
                }
                // Highest first; ties to whoever got there first.
                out.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
                Ok(out)
            }

            fn challenge(&self, id: u128) -> Result<Option<Challenge>, AppError> {
                let t = self.open_table(GA_CHALLENGES)?;
                t.get(id)?.map(|v| decode(v.value())).transpose()
            }

            fn challenges(
                &self,
                before: Option<u128>,
                limit: usize,
                keep: &mut dyn FnMut(&Challenge) -> Result<bool, AppError>,
            ) -> Result<Vec<Challenge>, AppError> {
                let t = self.open_table(GA_CHALLENGES)?;
                let mut out = Vec::new();
                for row in t.range(..before.unwrap_or(u128::MAX))?.rev() {
                    if out.len() == limit {
                        break;
                    }
                    let c: Challenge = decode(row?.1.value())?;
                    if keep(&c)? {
                        out.push(c);
                    }
                }
                Ok(out)
            }

            fn joined(&self, user: u128) -> Result<Vec<(u128, i64, i64)>, AppError> {
                let t = hot_or_open!($mode, self, GA_USER_CHALLENGES, ga_user_challenges);
                let mut out = Vec::new();
                for row in t.range((user, 0)..=(user, u128::MAX))? {
                    let (k, v) = row?;
                    let (start, end) = v.value();
                    out.push((k.value().1, start, end));
                }
                Ok(out)
            }

            fn due(&self, now: i64) -> Result<Vec<u128>, AppError> {
                let t = self.open_table(GA_OPEN_CHALLENGES)?;
                let mut out = Vec::new();
                for row in t.range((i64::MIN, 0)..=(now, u128::MAX))? {
                    out.push(row?.0.value().1);
                }
                Ok(out)
            }
        }
    };
}

reader_impl!(Snapshot, read);
reader_impl!(Tx<'_>, write);

pub fn put_standing(tx: &Tx, user: u128, s: &Standing) -> Result<(), AppError> {
    tx.hot().ga_standing()?.insert(user, encode(s).as_slice())?;
    Ok(())
}

/// The XP a source earned: (day, xp, at).
pub fn xp_of(tx: &Tx, user: u128, source: u128) -> Result<Option<(i32, u32, i64)>, AppError> {
    Ok(tx.hot().ga_xp()?.get((user, source))?.map(|v| v.value()))
}

/// Grants `source` the XP that `amount` gives it on `day`, knowing what the member earned that
/// day so far (caps), and adds it to the day's total — unless the source has earned already.
/// Returns what it got (0: nothing).
pub fn grant_xp(
    tx: &Tx,
    user: u128,
    source: u128,
    day: i32,
    at: i64,
    amount: impl FnOnce(u32) -> u32,
) -> Result<u32, AppError> {
    let mut ledger = tx.hot().ga_xp()?;
    if ledger.get((user, source))?.is_some() {
        return Ok(0);
    }
    let mut days = tx.hot().ga_xp_days()?;
    let today = days.get((user, day))?.map_or(0, |v| v.value());
    let xp = amount(today);
    if xp > 0 {
        ledger.insert((user, source), (day, xp, at))?;
        days.insert((user, day), today + xp)?;
    }
    Ok(xp)
}

/// Takes a source's XP back; returns what it had earned.
pub fn take_xp(tx: &Tx, user: u128, source: u128) -> Result<Option<(i32, u32, i64)>, AppError> {
    let Some(row) = tx.hot().ga_xp()?.remove((user, source))?.map(|v| v.value()) else {
        return Ok(None);
    };
    let mut days = tx.hot().ga_xp_days()?;
    let today = days.get((user, row.0))?.map_or(0, |v| v.value());
    let left = today.saturating_sub(row.1);
    if left == 0 {
        days.remove((user, row.0))?;
    } else {
        days.insert((user, row.0), left)?;
    }
    Ok(Some(row))
}

/// Every XP ledger row of a member: (source, day, xp, at).
pub fn ledger(tx: &Tx, user: u128) -> Result<Vec<(u128, i32, u32, i64)>, AppError> {
    let t = tx.hot().ga_xp()?;
    let mut out = Vec::new();
    for row in t.range((user, 0)..=(user, u128::MAX))? {
        let (k, v) = row?;
        let (d, xp, at) = v.value();
        out.push((k.value().1, d, xp, at));
    }
    Ok(out)
}

/// Adds `delta` to a (user, day or week) counter, removing the row at zero.
fn bump(
    t: &mut redb::Table<(u128, i32), u32>,
    user: u128,
    key: i32,
    delta: i64,
) -> Result<(), AppError> {
    let now = t.get((user, key))?.map_or(0, |v| v.value());
    let next = (i64::from(now) + delta).clamp(0, i64::from(u32::MAX)) as u32;
    if next == 0 {
        t.remove((user, key))?;
    } else {
        t.insert((user, key), next)?;
    }
    Ok(())
}

pub fn bump_week(tx: &Tx, user: u128, week: i32, delta: i64) -> Result<(), AppError> {
    bump(&mut *tx.hot().ga_weeks()?, user, week, delta)
}

pub fn bump_day(tx: &Tx, user: u128, day: i32, delta: i64) -> Result<(), AppError> {
    bump(&mut *tx.hot().ga_days()?, user, day, delta)
}

pub fn put_best_e1rm(
    tx: &Tx,
    user: u128,
    exercise: &str,
    best: Option<Best>,
) -> Result<(), AppError> {
    let mut t = tx.hot().ga_e1rm()?;
    match best {
        Some(b) => t.insert((user, exercise), b)?,
        None => t.remove((user, exercise))?,
    };
    Ok(())
}

pub fn set_flag(
    tx: &Tx,
    user: u128,
    set: u128,
    flag: Option<(u128, Flag)>,
    at: i64,
) -> Result<(), AppError> {
    let mut t = tx.hot().ga_flags()?;
    match flag {
        Some((w, f)) => t.insert((user, set), (w, f.code(), at))?,
        None => t.remove((user, set))?,
    };
    Ok(())
}

/// Records a badge earned (again) and its award.
pub fn put_badge(tx: &Tx, a: &Award, first_at: i64) -> Result<(), AppError> {
    tx.open_table(GA_BADGES)?
        .insert((a.user, a.badge.as_str()), (a.count, first_at, a.at, a.id))?;
    tx.open_table(GA_AWARDS)?
        .insert(a.id, encode(a).as_slice())?;
    tx.open_table(GA_USER_AWARDS)?.insert((a.user, a.id), ())?;
    Ok(())
}

/// The bucket of a ranked score: scores below 64 have their own, above that 16 buckets per
/// doubling (at most ~7 % wide), so a board has at most 992 buckets and the ones above a score
/// are few to add up. Monotone: a higher score never has a lower bucket.
pub fn bucket(score: u64) -> u32 {
    if score < 64 {
        return score as u32;
    }
    let log = 63 - score.leading_zeros();
    let mantissa = ((score >> (log - 4)) & 0xF) as u32;
    64 + (log - 6) * 16 + mantissa
}

/// The highest score in bucket `b`.
pub fn bucket_top(b: u32) -> u64 {
    if b < 64 {
        return u64::from(b);
    }
    let log = (b - 64) / 16 + 6;
    let mantissa = u64::from((b - 64) % 16);
    let low = (16 + mantissa) << (log - 4);
    low.saturating_add((1u64 << (log - 4)) - 1)
}

/// Adds (`delta` 1) or removes (−1) a listed entry of `board` to its bucket's count.
fn count(
    counts: &mut redb::Table<(&'static str, u32), u32>,
    board: &str,
    ranked: u64,
    delta: i64,
) -> Result<(), AppError> {
    let key = (board, u32::MAX - bucket(ranked));
    let now = counts.get(key)?.map_or(0, |v| v.value());
    let next = (i64::from(now) + delta).max(0) as u32;
    if next == 0 {
        counts.remove(key)?;
    } else {
        counts.insert(key, next)?;
    }
    Ok(())
}

/// The leaderboard tables, all kept open for the batch ([`Tx::hot`]): a logged set moves
/// three XP and three volume boards.
pub struct Boards<'a, 'tx> {
    tx: &'a Tx<'tx>,
}

impl<'a, 'tx> Boards<'a, 'tx> {
    pub fn new(tx: &'a Tx<'tx>) -> Self {
        Self { tx }
    }

    /// Moves one entry of the ordered index of `board`: out of its `old` place (ranked
    /// score, when reached) if it was there, into `new` if it is listed there now; the bucket
    /// counts change only when the entry changes bucket (a score moving within its bucket,
    /// the usual case of adding a set's volume, leaves them alone).
    fn index_move(
        &mut self,
        board: &str,
        user: u128,
        old: Option<(u64, i64)>,
        new: Option<(u64, i64)>,
    ) -> Result<(), AppError> {
        // The same place: the entry stays (or goes in, if the member was not listed before).
        let old = old.filter(|o| Some(*o) != new);
        let removed = match old {
            Some((r, at)) => self
                .tx
                .hot()
                .ga_boards()?
                .remove((board, u64::MAX - r, at, user))?
                .is_some()
                .then_some(r),
            None => None,
        };
        let added = match new {
            Some((r, at)) => self
                .tx
                .hot()
                .ga_boards()?
                .insert((board, u64::MAX - r, at, user), ())?
                .is_none()
                .then_some(r),
            None => None,
        };
        let (from, to) = (removed.map(bucket), added.map(bucket));
        if from != to {
            if let Some(r) = removed {
                count(&mut *self.tx.hot().ga_rank_buckets()?, board, r, -1)?;
            }
            if let Some(r) = added {
                count(&mut *self.tx.hot().ga_rank_buckets()?, board, r, 1)?;
            }
        }
        Ok(())
    }

    /// Sets a member's score on a board; `cap` limits the score the order uses (a goal
    /// challenge ranks everyone who reached the goal by when). Listed members are in the
    /// ordered index.
    #[allow(clippy::too_many_arguments)]
    pub fn put(
        &mut self,
        board: &str,
        user: u128,
        score: u64,
        cap: Option<u64>,
        at: i64,
        listed: bool,
    ) -> Result<(), AppError> {
        self.change(board, user, cap, at, listed, |_| Some(score))
    }

    /// Adds `delta` to a member's score on a board (a score that falls to 0 leaves the
    /// board).
    pub fn add(
        &mut self,
        board: &str,
        user: u128,
        delta: i64,
        at: i64,
        listed: bool,
    ) -> Result<(), AppError> {
        if delta == 0 {
            return Ok(());
        }
        self.change(board, user, None, at, listed, |cur| {
            let next = (cur as i64).saturating_add(delta).max(0) as u64;
            (next > 0).then_some(next)
        })
    }

    /// Reads a member's score on a board once and writes what `next` makes of it (`None`:
    /// off the board), keeping the ordered index and its bucket counts in step.
    fn change(
        &mut self,
        board: &str,
        user: u128,
        cap: Option<u64>,
        at: i64,
        listed: bool,
        next: impl FnOnce(u64) -> Option<u64>,
    ) -> Result<(), AppError> {
        let old = self
            .tx
            .hot()
            .ga_scores()?
            .get((board, user))?
            .map(|v| v.value());
        let Some(score) = next(old.map_or(0, |o| o.0)) else {
            if old.is_some() {
                return self.delete(board, user);
            }
            return Ok(());
        };
        let ranked = cap.map_or(score, |c| score.min(c));
        let reached = match old {
            Some((_, r, old_at)) if r == ranked => old_at,
            _ => at,
        };
        self.tx
            .hot()
            .ga_scores()?
            .insert((board, user), (score, ranked, reached))?;
        self.index_move(
            board,
            user,
            old.map(|(_, r, at)| (r, at)),
            listed.then_some((ranked, reached)),
        )?;
        if old.is_none() {
            self.tx.hot().ga_user_boards()?.insert((user, board), ())?;
        }
        Ok(())
    }

    /// Removes a member from a board.
    pub fn delete(&mut self, board: &str, user: u128) -> Result<(), AppError> {
        let old = self
            .tx
            .hot()
            .ga_scores()?
            .remove((board, user))?
            .map(|v| v.value());
        if let Some((_, r, at)) = old {
            self.index_move(board, user, Some((r, at)), None)?;
        }
        self.tx.hot().ga_user_boards()?.remove((user, board))?;
        Ok(())
    }
}

/// Sets a member's score on a board (see [`Boards::put`]).
#[allow(clippy::too_many_arguments)]
pub fn put_score(
    tx: &Tx,
    board: &str,
    user: u128,
    score: u64,
    cap: Option<u64>,
    at: i64,
    listed: bool,
) -> Result<(), AppError> {
    Boards::new(tx).put(board, user, score, cap, at, listed)
}

/// Removes a member from a board.
pub fn delete_score(tx: &Tx, board: &str, user: u128) -> Result<(), AppError> {
    Boards::new(tx).delete(board, user)
}

/// The boards a member has a score on.
pub fn boards_of(tx: &Tx, user: u128) -> Result<Vec<String>, AppError> {
    let t = tx.hot().ga_user_boards()?;
    let mut out = Vec::new();
    for row in t.range((user, "")..(user + 1, ""))? {
        out.push(row?.0.value().1.to_owned());
    }
    Ok(out)
}

/// Puts a member on or takes them off the ordered index of every board they have a score on.
pub fn list_everywhere(tx: &Tx, user: u128, listed: bool) -> Result<(), AppError> {
    let mut boards = Boards::new(tx);
    for board in boards_of(tx, user)? {
        let score = tx
            .hot()
            .ga_scores()?
            .get((board.as_str(), user))?
            .map(|v| v.value());
        if let Some((_, r, at)) = score {
            let place = Some((r, at));
            if listed {
                boards.index_move(&board, user, None, place)?;
            } else {
                boards.index_move(&board, user, place, None)?;
            }
        }
    }
    Ok(())
}

pub fn put_challenge(tx: &Tx, c: &Challenge) -> Result<(), AppError> {
    tx.open_table(GA_CHALLENGES)?
        .insert(c.id, encode(c).as_slice())?;
    let mut open = tx.open_table(GA_OPEN_CHALLENGES)?;
    if c.final_results.is_none() {
        open.insert((c.ends_at, c.id), ())?;
    } else {
        open.remove((c.ends_at, c.id))?;
    }
    Ok(())
}

/// Moves a challenge's end in the index of challenges to finalise.
pub fn move_challenge_end(tx: &Tx, old_end: i64, c: &Challenge) -> Result<(), AppError> {
    tx.open_table(GA_OPEN_CHALLENGES)?.remove((old_end, c.id))?;
    put_challenge(tx, c)
}

pub fn join(tx: &Tx, user: u128, c: &Challenge) -> Result<(), AppError> {
    tx.hot()
        .ga_user_challenges()?
        .insert((user, c.id), (c.starts_at, c.ends_at))?;
    Ok(())
}

pub fn leave(tx: &Tx, user: u128, challenge: u128) -> Result<bool, AppError> {
    Ok(tx
        .hot()
        .ga_user_challenges()?
        .remove((user, challenge))?
        .is_some())
}

/// Removes every derived row of a member that a replay of their history rebuilds: counters,
/// weeks, days, bests and the scores of training boards (the XP ledger, flags, badges,
/// challenge entries and the opt-out stay).
pub fn clear_derived(tx: &Tx, user: u128) -> Result<(), AppError> {
    for board in boards_of(tx, user)? {
        if !board.starts_with("ch/") && !board.starts_with("xp/") {
            delete_score(tx, &board, user)?;
        }
    }
    for def in [GA_WEEKS, GA_DAYS] {
        let mut t = tx.open_table(def)?;
        t.retain_in((user, i32::MIN)..=(user, i32::MAX), |_, _| false)?;
    }
    tx.hot()
        .ga_e1rm()?
        .retain_in((user, "")..(user + 1, ""), |_, _| false)?;
    Ok(())
}

/// Removes everything gamification holds for a member (their account is being deleted).
/// Challenges they created stay, without a creator to show.
pub fn delete_user(tx: &Tx, user: u128) -> Result<(), AppError> {
    for board in boards_of(tx, user)? {
        delete_score(tx, &board, user)?;
    }
    let joined = tx.joined(user)?;
    {
        let mut t = tx.open_table(GA_CHALLENGES)?;
        for (id, _, _) in &joined {
            let c: Option<Challenge> = t.get(*id)?.map(|v| decode(v.value())).transpose()?;
            if let Some(mut c) = c {
                c.participants = c.participants.saturating_sub(1);
                t.insert(*id, encode(&c).as_slice())?;
            }
        }
    }
    tx.hot()
        .ga_user_challenges()?
        .retain_in((user, 0)..=(user, u128::MAX), |_, _| false)?;
    tx.hot().ga_standing()?.remove(user)?;
    tx.hot()
        .ga_xp()?
        .retain_in((user, 0)..=(user, u128::MAX), |_, _| false)?;
    for def in [GA_XP_DAYS, GA_WEEKS, GA_DAYS] {
        tx.open_table(def)?
            .retain_in((user, i32::MIN)..=(user, i32::MAX), |_, _| false)?;
    }
    tx.open_table(GA_BADGES)?
        .retain_in((user, "")..(user + 1, ""), |_, _| false)?;
    let awards: Vec<u128> = {
        let t = tx.open_table(GA_USER_AWARDS)?;
        let mut out = Vec::new();
        for row in t.range((user, 0)..=(user, u128::MAX))? {
            out.push(row?.0.value().1);
        }
        out
    };
    {
        let mut t = tx.open_table(GA_AWARDS)?;
        for a in &awards {
            t.remove(*a)?;
        }
    }
    tx.open_table(GA_USER_AWARDS)?
        .retain_in((user, 0)..=(user, u128::MAX), |_, _| false)?;
    tx.hot()
        .ga_e1rm()?
        .retain_in((user, "")..(user + 1, ""), |_, _| false)?;
    tx.hot()
        .ga_flags()?
        .retain_in((user, 0)..=(user, u128::MAX), |_, _| false)?;
    Ok(())
}

pub fn create_tables(tx: &Tx) -> Result<(), redb::TableError> {
    tx.open_table(GA_STANDING)?;
    tx.open_table(GA_XP)?;
    tx.open_table(GA_XP_DAYS)?;
    tx.open_table(GA_WEEKS)?;
    tx.open_table(GA_DAYS)?;
    tx.open_table(GA_BADGES)?;
    tx.open_table(GA_AWARDS)?;
    tx.open_table(GA_USER_AWARDS)?;
    tx.open_table(GA_E1RM)?;
    tx.open_table(GA_FLAGS)?;
    tx.open_table(GA_SCORES)?;
    tx.open_table(GA_BOARDS)?;
    tx.open_table(GA_RANK_BUCKETS)?;
    tx.open_table(GA_USER_BOARDS)?;
    tx.open_table(GA_CHALLENGES)?;
    tx.open_table(GA_OPEN_CHALLENGES)?;
    tx.open_table(GA_USER_CHALLENGES)?;
    Ok(())
}

/// Rows in the gamification tables (metrics, checks).
pub fn row_count(tx: &Snapshot) -> Result<u64, AppError> {
    Ok(tx.open_table(GA_SCORES)?.len()? + tx.open_table(GA_XP)?.len()?)
}

/// A member's derived rows as text, for comparing a replay with incremental upkeep: counters,
/// weeks, days, bests and training-board scores.
pub fn rows_of(tx: &Snapshot, user: u128) -> Result<Vec<String>, AppError> {
    let mut out = Vec::new();
    if let Some(s) = tx.standing(user)? {
        out.push(format!(
            "standing workouts={} volume={:.1} records={} early={} late={} plans={}",
            s.workouts,
            s.volume_kg,
            s.records,
            s.early_workouts,
            s.late_workouts,
            s.plans_completed
        ));
    }
    for (def, name) in [(GA_WEEKS, "week"), (GA_DAYS, "day")] {
        let t = tx.open_table(def)?;
        for row in t.range((user, i32::MIN)..=(user, i32::MAX))? {
            let (k, v) = row?;
            out.push(format!("{name} {} {}", k.value().1, v.value()));
        }
    }
    let t = tx.open_table(GA_E1RM)?;
    for row in t.range((user, "")..(user + 1, ""))? {
        let (k, v) = row?;
        let (e, set, _, bw) = v.value();
        out.push(format!("e1rm {} {e:.3} {set} {bw:.1}", k.value().1));
    }
    let boards = tx.open_table(GA_USER_BOARDS)?;
    let scores = tx.open_table(GA_SCORES)?;
    for row in boards.range((user, "")..(user + 1, ""))? {
        let k = row?.0;
        let board = k.value().1;
        if board.starts_with("xp/") {
            continue;
        }
        let s = scores.get((board, user))?.map(|v| v.value().0);
        out.push(format!("score {board} {s:?}"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use redb::ReadableDatabase;

    #[test]
    fn buckets_are_monotone_and_bounded() {
        let mut last = 0;
        let mut s: u64 = 0;
        while s < u64::MAX / 32 {
            let b = bucket(s);
            assert!(b >= last, "{s}");
            assert!(
                bucket_top(b) >= s && (b == 0 || bucket_top(b - 1) < s),
                "{s}"
            );
            last = b;
            s = s * 17 / 16 + 1;
        }
        assert!(bucket(u64::MAX) < 1000);
        for s in 0..5000 {
            assert!(s <= bucket_top(bucket(s)));
            assert!(bucket(s) == 0 || bucket_top(bucket(s) - 1) < s);
        }
    }

    /// Ranks from the bucket counts equal a plain count of the higher scores, through inserts,
    /// changes, removals and members taken off and put back on the lists.
    #[test]
    fn ranks_from_buckets_match_counting_every_entry() {
        let dir = tempfile::tempdir().unwrap();
        let db = redb::Database::create(dir.path().join("t.redb")).unwrap();
        let raw = db.begin_write().unwrap();
        let tx = Tx::new(&raw);
        create_tables(&tx).unwrap();
        let mut seed: u64 = 7;
        let mut rnd = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for i in 0..600u128 {
            let score = match i % 3 {
                0 => rnd() % 8,
                1 => rnd() % 5_000,
                _ => rnd() % 50_000_000,
            };
            put_score(&tx, "b", i, score + 1, None, (rnd() % 100) as i64, true).unwrap();
        }
        for i in (0..600u128).step_by(7) {
            put_score(&tx, "b", i, rnd() % 100_000, None, 500, true).unwrap();
        }
        for i in (0..600u128).step_by(11) {
            delete_score(&tx, "b", i).unwrap();
        }
        for i in (0..600u128).step_by(13) {
            tx.open_table(GA_USER_BOARDS)
                .unwrap()
                .insert((i, "b"), ())
                .unwrap();
            list_everywhere(&tx, i, false).unwrap();
        }
        for i in (0..600u128).step_by(26) {
            list_everywhere(&tx, i, true).unwrap();
        }
        drop(tx);
        raw.commit().unwrap();
        let tx = crate::storage::Snapshot::of(db.begin_read().unwrap());
        let all: Vec<(u64, i64, u128)> = tx
            .open_table(GA_BOARDS)
            .unwrap()
            .iter()
            .unwrap()
            .map(|r| {
                let row = r.unwrap();
                let k = row.0.value();
                (u64::MAX - k.1, k.2, k.3)
            })
            .collect();
        assert!(all.len() > 400);
        for e in &all {
            let higher = all.iter().filter(|o| o.0 > e.0).count() as u64;
            assert_eq!(tx.ahead_of("b", e.0).unwrap(), higher, "{e:?}");
        }
    }
}
