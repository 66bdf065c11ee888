//! Online backups and restores, and the consistency check.
//!
//! A backup copies every table, row by row, from one read transaction — a consistent snapshot
//! of the last commit — into a new database file, while writes go on (redb keeps the pages a
//! reader sees until it is done). The file is written next to its final name and renamed when
//! complete and flushed, so a backup that stops halfway never looks finished. The search index
//! is not part of it: it is rebuilt from the database.

use std::path::{Path, PathBuf};

use redb::{
    Database, Key, ReadTransaction, ReadableDatabase, ReadableTable, ReadableTableMetadata,
    TableDefinition, TableHandle, Value, WriteTransaction,
};

use super::schema::*;
use crate::error::AppError;

/// What a backup wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BackupStats {
    pub tables: u64,
    pub rows: u64,
    pub bytes: u64,
}

fn io(path: &Path, e: impl std::fmt::Display) -> AppError {
    AppError::BadRequest(format!("{}: {e}", path.display()))
}

fn copy<K: Key + 'static, V: Value + 'static>(
    src: &ReadTransaction,
    dst: &WriteTransaction,
    def: TableDefinition<K, V>,
) -> Result<u64, AppError> {
    let from = src.open_table(def)?;
    let mut to = dst.open_table(def)?;
    let mut n = 0;
    for row in from.iter()? {
        let (k, v) = row?;
        to.insert(k.value(), v.value())?;
        n += 1;
    }
    Ok(n)
}

/// The number of tables the database has.
pub fn table_count() -> u64 {
    let mut n = 0;
    macro_rules! count {
        ($t:ident) => {
            n += 1;
        };
    }
    crate::for_each_table!(count);
    n
}

/// Writes a consistent copy of the database as it is in `src` to `target`, which must not
/// exist; `progress(done, total)` after each table.
pub fn write_backup(
    src: &ReadTransaction,
    target: &Path,
    progress: &dyn Fn(u64, u64),
) -> Result<BackupStats, AppError> {
    if target.exists() {
        return Err(AppError::BadRequest(format!(
            "{} exists already; name a new file (backups never overwrite).",
            target.display()
        )));
    }
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.is_dir() {
        return Err(AppError::BadRequest(format!(
            "the directory {} does not exist.",
            dir.display()
        )));
    }
    let partial = partial_path(target);
    let _ = std::fs::remove_file(&partial);
    let result = (|| {
        let mut db = Database::create(&partial).map_err(|e| io(&partial, e))?;
        let total = table_count();
        let (mut done, mut rows) = (0, 0);
        let tx = db.begin_write()?;
        macro_rules! each {
            ($t:ident) => {
                rows += copy(src, &tx, $t)?;
                done += 1;
                progress(done, total);
            };
        }
        crate::for_each_table!(each);
        tx.commit()?;
        // The copy's pages are full, but the file grew ahead of them in steps: trim its end.
        db.compact()
            .map_err(|e| AppError::Internal(format!("{}: {e}", partial.display())))?;
        drop(db);
        super::owner_only(&partial, 0o600).map_err(|e| io(&partial, e))?;
        std::fs::File::open(&partial)
            .and_then(|f| f.sync_all())
            .map_err(|e| io(&partial, e))?;
        std::fs::rename(&partial, target).map_err(|e| io(target, e))?;
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        let bytes = std::fs::metadata(target).map_or(0, |m| m.len());
        Ok(BackupStats {
            tables: done,
            rows,
            bytes,
        })
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}

/// Scheduled backups are named `gymbox-<UTC time>.redb`, so their names sort by age.
const SCHEDULED_PREFIX: &str = "gymbox-";

/// The scheduled backups in `dir` to remove so that `keep` remain (the oldest ones).
pub fn expired(dir: &Path, keep: usize) -> std::io::Result<Vec<PathBuf>> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(SCHEDULED_PREFIX) && n.ends_with(".redb"))
        })
        .collect();
    // `gymbox-<stamp>.redb`, then `gymbox-<stamp>-2.redb`, … for copies of the same second.
    names.sort_by_cached_key(|p| {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let stem = name
            .trim_start_matches(SCHEDULED_PREFIX)
            .trim_end_matches(".redb");
        match stem.split_once('-') {
            Some((stamp, n)) => (stamp.to_string(), n.parse::<u32>().unwrap_or(u32::MAX)),
            None => (stem.to_string(), 1),
        }
    });
    let excess = names.len().saturating_sub(keep);
    names.truncate(excess);
    Ok(names)
}

/// How long ago the newest scheduled backup in `dir` was written (`None`: there is none).
pub fn newest_age(dir: &Path) -> Option<std::time::Duration> {
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| n.starts_with(SCHEDULED_PREFIX) && n.ends_with(".redb"))
        })
        .filter_map(|e| e.metadata().ok()?.modified().ok())
        .max()
        .and_then(|t| t.elapsed().ok())
}

/// Writes one scheduled backup into `dir` (created owner-only if missing) and removes the
/// oldest beyond `keep`. Returns the new file.
pub fn scheduled(
    src: &ReadTransaction,
    dir: &Path,
    keep: usize,
    progress: &dyn Fn(u64, u64),
) -> Result<(PathBuf, BackupStats), AppError> {
    super::private_dir(dir).map_err(|e| io(dir, e))?;
    let now = time::OffsetDateTime::now_utc();
    let stamp = format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second()
    );
    let mut target = dir.join(format!("{SCHEDULED_PREFIX}{stamp}.redb"));
    let mut n = 1;
    while target.exists() {
        n += 1;
        target = dir.join(format!("{SCHEDULED_PREFIX}{stamp}-{n}.redb"));
    }
    let stats = write_backup(src, &target, progress)?;
    for old in expired(dir, keep).map_err(|e| io(dir, e))? {
        std::fs::remove_file(&old).map_err(|e| io(&old, e))?;
    }
    Ok((target, stats))
}

fn partial_path(target: &Path) -> PathBuf {
    let mut name = target.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    target.with_file_name(name)
}

/// One problem the check found.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Problem {
    pub table: String,
    pub problem: String,
}

/// What `check` found: rows read per table, and the problems.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CheckReport {
    pub tables: u64,
    pub rows: u64,
    pub problems: Vec<Problem>,
    /// Sets logged, all workouts together.
    #[serde(default)]
    pub sets: u64,
    /// What each table holds on disk, largest first (`gymbox check --stats`).
    #[serde(default)]
    pub sizes: Vec<TableSize>,
}

/// Rows and bytes of one table: the keys and values stored in its leaves, the branch and
/// leaf page overhead around them, and the unused space of its pages.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TableSize {
    pub table: String,
    pub rows: u64,
    pub stored_bytes: u64,
    pub metadata_bytes: u64,
    pub fragmented_bytes: u64,
}

/// Most problems reported per table (the count of the rest is given).
const PROBLEMS_PER_TABLE: usize = 20;

struct Checker {
    report: CheckReport,
    per_table: std::collections::HashMap<String, usize>,
}

impl Checker {
    fn problem(&mut self, table: &str, what: String) {
        let n = self.per_table.entry(table.to_owned()).or_default();
        *n += 1;
        if *n <= PROBLEMS_PER_TABLE {
            self.report.problems.push(Problem {
                table: table.into(),
                problem: what,
            });
        } else if *n == PROBLEMS_PER_TABLE + 1 {
            self.report.problems.push(Problem {
                table: table.into(),
                problem: "more problems in this table (not listed)".into(),
            });
        }
    }

    /// Every value of a record table decodes as its record type.
    fn records<K, T>(
        &mut self,
        tx: &ReadTransaction,
        def: TableDefinition<K, &'static [u8]>,
        show: impl Fn(&K::SelfType<'_>) -> String,
    ) -> Result<(), AppError>
    where
        K: Key + 'static,
        T: super::codec::Record,
    {
        let name = def.name().to_owned();
        let t = tx.open_table(def)?;
        for row in t.iter()? {
            let (k, v) = row?;
            if let Err(e) = super::codec::decode::<T>(v.value()) {
                let key = show(&k.value());
                self.problem(&name, format!("{key}: does not decode: {e}"));
            }
        }
        Ok(())
    }
}

fn id(k: &u128) -> String {
    super::ids::to_string(*k)
}

/// Checks that every table opens and is readable, that every record decodes, and that the
/// main indexes and their primary rows agree (each index row points at a row that exists and
/// says the same, and each primary row has its index rows).
pub fn check(tx: &super::Snapshot) -> Result<CheckReport, AppError> {
    use crate::accounts::model as acc;
    use crate::training::model as tr;
    let mut c = Checker {
        report: CheckReport::default(),
        per_table: Default::default(),
    };
    macro_rules! count {
        ($t:ident) => {
            match tx.open_table($t) {
                Ok(t) => {
                    let rows = t.len()?;
                    let stats = t.stats()?;
                    c.report.tables += 1;
                    c.report.rows += rows;
                    c.report.sizes.push(TableSize {
                        table: $t.name().to_owned(),
                        rows,
                        stored_bytes: stats.stored_bytes(),
                        metadata_bytes: stats.metadata_bytes(),
                        fragmented_bytes: stats.fragmented_bytes(),
                    });
                }
                Err(e) => c.problem($t.name(), format!("cannot be opened: {e}")),
            }
        };
    }
    crate::for_each_table!(count);
    c.report
        .sizes
        .sort_by_key(|t| std::cmp::Reverse(t.stored_bytes + t.metadata_bytes + t.fragmented_bytes));
    c.records::<u128, acc::User>(tx, USERS, id)?;
    c.records::<u128, acc::Session>(tx, SESSIONS, id)?;
    c.records::<&str, acc::Invite>(tx, INVITES, |k| (*k).to_owned())?;
    c.records::<u128, acc::Avatar>(tx, AVATARS, id)?;
    c.records::<u128, acc::ResetLink>(tx, PASSWORD_RESETS, id)?;
    c.records::<u128, tr::Exercise>(tx, EXERCISES, id)?;
    c.records::<u128, tr::Plan>(tx, PLANS, id)?;
    c.records::<u128, tr::Assignment>(tx, ASSIGNMENTS, id)?;
    c.records::<u128, tr::Workout>(tx, WORKOUTS, id)?;
    c.records::<(u128, u32), tr::SetList>(tx, WORKOUT_SETS, |k| format!("{}/{}", id(&k.0), k.1))?;
    c.records::<u128, tr::BodyMetric>(tx, BODY_METRICS, id)?;
    c.records::<u128, crate::feedback::Feedback>(tx, FB_ITEMS, id)?;
    {
        use crate::analysis::model as an;
        let user_ex = |k: &(u128, &str)| format!("{}/{}", id(&k.0), k.1);
        c.records::<(u128, &str), an::RecordSummary>(tx, AN_RECORDS, user_ex)?;
        c.records::<(u128, i64, u128), an::WorkoutFacts>(tx, AN_FACTS, |k| {
            format!("{}/{}", id(&k.0), id(&k.2))
        })?;
    }

    // Accounts: usernames and e-mail addresses ↔ users.
    let users = tx.open_table(USERS)?;
    let by_name = tx.open_table(USERNAME_TO_USER)?;
    let by_email = tx.open_table(EMAIL_TO_USER)?;
    for row in users.iter()? {
        let (k, v) = row?;
        let Ok(u) = super::codec::decode::<acc::User>(v.value()) else {
            continue;
        };
        let lower = u.username.to_lowercase();
        if by_name.get(lower.as_str())?.map(|g| g.value()) != Some(u.id) {
            c.problem(
                USERNAME_TO_USER.name(),
                format!(
                    "user {} (@{}) has no username row",
                    id(&k.value()),
                    u.username
                ),
            );
        }
        if let Some(e) = &u.email
            && by_email.get(e.to_lowercase().as_str())?.map(|g| g.value()) != Some(u.id)
        {
            c.problem(
                EMAIL_TO_USER.name(),
                format!("user {} has no e-mail row", id(&u.id)),
            );
        }
    }
    for row in by_name.iter()? {
        let (k, v) = row?;
        let user = v.value();
        let ok = match users.get(user)? {
            // A user that does not decode is reported above.
            Some(g) => match super::codec::decode::<acc::User>(g.value()) {
                Ok(u) => u.username.to_lowercase() == k.value(),
                Err(_) => true,
            },
            None => false,
        };
        if !ok {
            c.problem(
                USERNAME_TO_USER.name(),
                format!(
                    "@{} points at {}, which is not that user",
                    k.value(),
                    id(&user)
                ),
            );
        }
    }
    // Sessions ↔ their token hashes.
    let sessions = tx.open_table(SESSIONS)?;
    for row in tx.open_table(TOKEN_HASH_TO_SESSION)?.iter()? {
        let (_, v) = row?;
        if sessions.get(v.value())?.is_none() {
            c.problem(
                TOKEN_HASH_TO_SESSION.name(),
                format!(
                    "a token points at session {}, which does not exist",
                    id(&v.value())
                ),
            );
        }
    }
    // Workouts ↔ the member's list; sets ↔ their workout and the per-exercise index.
    let workouts = tx.open_table(WORKOUTS)?;
    let by_user = tx.open_table(USER_TO_WORKOUTS)?;
    for row in workouts.iter()? {
        let (_, v) = row?;
        let Ok(w) = super::codec::decode::<tr::Workout>(v.value()) else {
            continue;
        };
        if by_user.get((w.user_id, w.started_at, w.id))?.is_none() {
            c.problem(
                USER_TO_WORKOUTS.name(),
                format!("workout {} is missing from its member's list", id(&w.id)),
            );
        }
    }
    for row in by_user.iter()? {
        let (k, _) = row?;
        let (user, _, w) = k.value();
        let ok = match workouts.get(w)? {
            // A workout that does not decode is reported above.
            Some(g) => match super::codec::decode::<tr::Workout>(g.value()) {
                Ok(x) => x.user_id == user,
                Err(_) => true,
            },
            None => false,
        };
        if !ok {
            c.problem(
                USER_TO_WORKOUTS.name(),
                format!(
                    "a row points at workout {}, which is not that member's",
                    id(&w)
                ),
            );
        }
    }
    let sets = tx.open_table(WORKOUT_SETS)?;
    for row in sets.iter()? {
        let (k, v) = row?;
        let (w, _) = k.value();
        // A row that does not decode is reported above.
        if let Ok(list) = super::codec::decode::<tr::SetList>(v.value()) {
            c.report.sets += list.0.len() as u64;
        }
        if workouts.get(w)?.is_none() {
            c.problem(
                WORKOUT_SETS.name(),
                format!("sets of workout {}, which does not exist", id(&w)),
            );
        }
    }
    // Each session row says what its workout's sets say: the member, the start, the newest
    // set of the exercise and how many.
    let by_exercise = tx.open_table(USER_EXERCISE_SESSIONS)?;
    for row in by_exercise.iter()? {
        let (k, v) = row?;
        let (user, ex, at, w) = k.value();
        let workout = workouts
            .get(w)?
            .map(|g| super::codec::decode::<tr::Workout>(g.value()));
        let list = crate::training::store::Reader::workout_sets(tx, w);
        let ok =
            match (workout, list) {
                // A workout or sets row that does not decode is reported above.
                (Some(Err(_)), _) | (_, Err(_)) => true,
                (Some(Ok(x)), Ok(list)) => crate::training::store::tally(&list)
                    .get(ex)
                    .is_some_and(|&(last, n)| {
                        x.user_id == user
                            && v.value() == (x.started_at, last, n)
                            && at == x.started_at.max(last)
                    }),
                _ => false,
            };
        if !ok {
            c.problem(
                USER_EXERCISE_SESSIONS.name(),
                format!(
                    "the row of {ex} in workout {} does not match that workout's sets",
                    id(&w)
                ),
            );
        }
    }
    Ok(c.report)
}

/// Opens a backup file (a copy: opening may upgrade or repair it) and checks it: the schema
/// version this binary can read, and `check` without problems.
pub fn verify(file: &Path) -> Result<CheckReport, String> {
    let db = match Database::open(file) {
        Ok(db) => db,
        Err(e) => return Err(format!("{} is not a Gymbox database: {e}", file.display())),
    };
    let tx = super::Snapshot::of(db.begin_read().map_err(|e| e.to_string())?);
    let version = match tx.open_table(META) {
        Ok(t) => t
            .get("schema_version")
            .map_err(|e| e.to_string())?
            .map(|v| v.value()),
        Err(_) => None,
    };
    match version {
        None => {
            return Err(format!(
                "{} is not a Gymbox database (no schema version)",
                file.display()
            ));
        }
        Some(v) if v > super::migrate::SCHEMA_VERSION => {
            return Err(format!(
                "{} was written by a newer Gymbox (schema version {v}, this binary supports up to {})",
                file.display(),
                super::migrate::SCHEMA_VERSION
            ));
        }
        Some(_) => {}
    }
    if version < Some(super::migrate::SCHEMA_VERSION) {
        // An older backup: its tables are checked after the upgrade at the next start.
        return Ok(CheckReport::default());
    }
    let report = check(&tx).map_err(|e| e.to_string())?;
    if report.problems.is_empty() {
        Ok(report)
    } else {
        Err(format!(
            "{} has {} problem(s), e.g. {}: {}",
            file.display(),
            report.problems.len(),
            report.problems[0].table,
            report.problems[0].problem
        ))
    }
}

/// Bytes a file takes on disk (its allocated blocks: the database file is sparse where it has
/// grown ahead of its pages).
pub fn disk_bytes(path: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).map_or(0, |m| m.blocks() * 512)
}

/// What packing a database did: bytes on disk before and after, rows copied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Packed {
    pub before: u64,
    pub after: u64,
    pub rows: u64,
}

/// Rewrites the database at `live` packed: every table copied in key order into a new file
/// (its pages full, none free), checked, and moved over `live` in one rename. `src` reads
/// `live` as it is; nothing may write to it meanwhile (the server is stopped, or the caller
/// is the only writer and has finished).
pub fn pack(src: &ReadTransaction, live: &Path) -> Result<Packed, String> {
    let before = disk_bytes(live);
    let packing = live.with_extension("redb.packing");
    let _ = std::fs::remove_file(&packing);
    let stats = write_backup(src, &packing, &|_, _| {}).map_err(|e| e.to_string())?;
    if let Err(e) = verify(&packing) {
        let _ = std::fs::remove_file(&packing);
        return Err(format!("not packed: {e}"));
    }
    std::fs::rename(&packing, live).map_err(|e| format!("{}: {e}", live.display()))?;
    if let Some(dir) = live.parent()
        && let Ok(d) = std::fs::File::open(dir)
    {
        let _ = d.sync_all();
    }
    Ok(Packed {
        before,
        after: disk_bytes(live),
        rows: stats.rows,
    })
}

/// `gymbox compact`: packs the database of `data_dir` (the server must be stopped). Pages
/// that inserts split stay part full and pages freed by rewrites stay in the file; packing
/// gives that space back.
pub fn compact(data_dir: &Path) -> Result<Packed, String> {
    let live = data_dir.join(super::DB_FILE);
    if !live.exists() {
        return Err(format!("there is no database at {}", live.display()));
    }
    let db = match Database::open(&live) {
        Ok(db) => db,
        Err(redb::DatabaseError::DatabaseAlreadyOpen) => {
            return Err(format!(
                "{} is in use: stop the server first (and its socket, with systemd)",
                live.display()
            ));
        }
        Err(e) => return Err(format!("{} is not a Gymbox database: {e}", live.display())),
    };
    match super::migrate::read_version(&db).map_err(|e| e.to_string())? {
        Some(v) if v == super::migrate::SCHEMA_VERSION => {}
        _ => {
            return Err(format!(
                "{} is not at this binary's schema version {}: start the server once (it upgrades the database), stop it, then compact",
                live.display(),
                super::migrate::SCHEMA_VERSION
            ));
        }
    }
    let tx = db.begin_read().map_err(|e| e.to_string())?;
    let packed = pack(&tx, &live)?;
    drop(tx);
    drop(db);
    Ok(packed)
}

/// Replaces the database of `data_dir` with the backup `file`, which is verified first; the
/// database it replaces is kept as `gymbox.redb.before-restore-<unix time>`, and the search
/// index is removed (the server rebuilds it). The server must be stopped (the database is
/// locked while it runs). Returns the name the old database was kept under, if there was one.
pub fn restore(data_dir: &Path, file: &Path) -> Result<Option<PathBuf>, String> {
    let live = data_dir.join(super::DB_FILE);
    if live.exists() {
        match Database::open(&live) {
            Ok(db) => drop(db),
            Err(redb::DatabaseError::DatabaseAlreadyOpen) => {
                return Err(format!(
                    "{} is in use: stop the server first (and its socket, with systemd)",
                    live.display()
                ));
            }
            Err(_) => {}
        }
    }
    super::private_dir(data_dir).map_err(|e| format!("{}: {e}", data_dir.display()))?;
    let incoming = data_dir.join(format!("{}.restoring", super::DB_FILE));
    let _ = std::fs::remove_file(&incoming);
    std::fs::copy(file, &incoming).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    if let Err(e) = verify(&incoming) {
        let _ = std::fs::remove_file(&incoming);
        return Err(format!("not restored: {e}"));
    }
    super::owner_only(&incoming, 0o600).map_err(|e| e.to_string())?;
    std::fs::File::open(&incoming)
        .and_then(|f| f.sync_all())
        .map_err(|e| e.to_string())?;
    let kept = if live.exists() {
        let aside = data_dir.join(format!(
            "{}.before-restore-{}",
            super::DB_FILE,
            super::ids::now()
        ));
        std::fs::rename(&live, &aside).map_err(|e| e.to_string())?;
        Some(aside)
    } else {
        None
    };
    std::fs::rename(&incoming, &live).map_err(|e| e.to_string())?;
    let _ = std::fs::remove_dir_all(data_dir.join("search"));
    if let Ok(d) = std::fs::File::open(data_dir) {
        let _ = d.sync_all();
    }
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Scheduled backups keep the newest `keep` files and touch nothing else in the directory.
    #[test]
    fn scheduled_backups_keep_the_newest() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gymbox.redb");
        let db = Database::create(&path).unwrap();
        super::super::migrate::run(&db, &path).unwrap();
        let out = dir.path().join("backups");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("notes.txt"), "mine").unwrap();
        std::fs::write(out.join("gymbox-20200101T000000Z.redb"), "old").unwrap();
        assert!(newest_age(&out).is_some());
        let tx = db.begin_read().unwrap();
        let (a, _) = scheduled(&tx, &out, 2, &|_, _| {}).unwrap();
        let (b, stats) = scheduled(&tx, &out, 2, &|_, _| {}).unwrap();
        assert_ne!(a, b);
        assert!(stats.rows > 0, "the schema version row at least");
        let mut left: Vec<String> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(left.len(), 3, "{left:?}");
        assert!(left.contains(&"notes.txt".to_owned()));
        assert!(!left.contains(&"gymbox-20200101T000000Z.redb".to_owned()));
        assert!(verify(&b).is_ok());
    }

    /// Every table of a new database is in `for_each_table!` (so backups copy it).
    #[test]
    fn the_table_list_is_complete() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gymbox.redb");
        let db = Database::create(&path).unwrap();
        super::super::migrate::run(&db, &path).unwrap();
        let tx = db.begin_read().unwrap();
        let mut listed = Vec::new();
        macro_rules! name {
            ($t:ident) => {
                listed.push($t.name().to_owned());
            };
        }
        crate::for_each_table!(name);
        for t in tx.list_tables().unwrap() {
            assert!(
                listed.contains(&t.name().to_owned()),
                "{} is not in for_each_table!",
                t.name()
            );
        }
        assert_eq!(table_count() as usize, listed.len());
    }
}
