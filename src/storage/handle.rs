//! The open database behind a handle that can be reopened while the server runs.
//!
//! After a failed disk write (typically: the disk is full) redb refuses every later operation
//! on that `Database` (`PreviousIo`) until it is opened again. The handle notices that, waits
//! for the operations still holding the old `Database` to finish, and opens the file again —
//! redb's recovery keeps exactly what was committed, so nothing acknowledged is lost. While
//! the disk stays full, writes are refused at once for `RETRY_AFTER` between attempts, so a
//! full disk costs one real attempt (and one reopen) per interval, not one per request.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use redb::{Database, DatabaseError};

use super::snapshot::{Shared, Snapshot};
use crate::error::{AppError, STORAGE_FULL};

/// How long writes are refused without trying after the disk was found full.
pub const RETRY_AFTER: Duration = Duration::from_secs(1);

/// How long a reopen waits for the operations still using the old database.
const DRAIN: Duration = Duration::from_secs(30);

/// See the module documentation.
pub struct Handle {
    path: PathBuf,
    slot: RwLock<Option<Arc<Database>>>,
    /// When a write last found the disk full; `None` while writes work.
    full_since: Mutex<Option<Instant>>,
    /// When opening the file again last failed (so requests do not retry it back to back).
    open_failed: Mutex<Option<Instant>>,
    /// The snapshot of the latest commit that reads share.
    snapshots: Shared,
}

impl Handle {
    pub fn new(path: PathBuf, db: Database) -> Self {
        Self {
            path,
            slot: RwLock::new(Some(Arc::new(db))),
            full_since: Mutex::new(None),
            open_failed: Mutex::new(None),
            snapshots: Shared::default(),
        }
    }

    /// A read transaction that sees every commit made so far, shared with the other reads
    /// until the next commit (see `snapshot`).
    pub fn snapshot(&self) -> Result<Arc<Snapshot>, AppError> {
        self.snapshots.get(|| self.get())
    }

    /// Tells the readers a commit was made outside the writer: they take a new snapshot.
    pub fn committed(&self) {
        self.snapshots.committed();
    }

    /// The open database (reopening it first if a failed reopen left none).
    pub fn get(&self) -> Result<Arc<Database>, AppError> {
        if let Some(db) = self.slot.read().unwrap_or_else(|e| e.into_inner()).as_ref() {
            return Ok(db.clone());
        }
        let mut slot = self.slot.write().unwrap_or_else(|e| e.into_inner());
        if let Some(db) = slot.as_ref() {
            return Ok(db.clone());
        }
        let mut failed = self.open_failed.lock().unwrap_or_else(|e| e.into_inner());
        if failed.is_some_and(|at| at.elapsed() < RETRY_AFTER) {
            return Err(AppError::Unavailable(
                "The database is being reopened after a storage error; try again in a moment."
                    .into(),
            ));
        }
        match self.open() {
            Ok(db) => {
                *failed = None;
                let db = Arc::new(db);
                *slot = Some(db.clone());
                Ok(db)
            }
            Err(e) => {
                *failed = Some(Instant::now());
                Err(e)
            }
        }
    }

    /// Why the database is not fully working, while it is not: `storage_full` (writes are
    /// refused) or `database_unavailable` (a reopen after an I/O error has not succeeded yet).
    pub fn degraded(&self) -> Option<&'static str> {
        if self
            .slot
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .is_none()
        {
            return Some("database_unavailable");
        }
        self.full_since
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_some()
            .then_some("storage_full")
    }

    /// Refuses a write at once while the disk was found full less than `RETRY_AFTER` ago.
    pub fn admit_write(&self) -> Result<(), AppError> {
        match *self.full_since.lock().unwrap_or_else(|e| e.into_inner()) {
            Some(at) if at.elapsed() < RETRY_AFTER => {
                Err(AppError::InsufficientStorage(STORAGE_FULL.to_owned()))
            }
            _ => Ok(()),
        }
    }

    /// Records how a write on `db` ended. `failed` is true when redb now refuses everything
    /// on `db` (an I/O error hit it): then the database is reopened.
    pub fn after_write(&self, db: Arc<Database>, ok: bool, full: bool, failed: bool) {
        // Reads from now on see what the batch committed (and no longer hold a snapshot of a
        // database about to be reopened).
        self.snapshots.committed();
        {
            let mut since = self.full_since.lock().unwrap_or_else(|e| e.into_inner());
            if ok {
                if since.take().is_some() {
                    tracing::info!("storage has space again: writes work");
                }
            } else if full {
                if since.is_none() {
                    tracing::error!(path = %self.path.display(), "the disk holding the database is full: writes are refused until space is freed");
                }
                *since = Some(Instant::now());
            }
        }
        if failed {
            self.reopen(db);
        }
    }

    /// Replaces `failed` (if it is still the open database) by a fresh open of the file.
    fn reopen(&self, failed: Arc<Database>) {
        let mut slot = self.slot.write().unwrap_or_else(|e| e.into_inner());
        if !slot.as_ref().is_some_and(|db| Arc::ptr_eq(db, &failed)) {
            return; // someone else reopened it already
        }
        slot.take();
        self.snapshots.committed();
        // redb locks the file: the old database must be gone before it opens again.
        let deadline = Instant::now() + DRAIN;
        let mut old = failed;
        loop {
            match Arc::try_unwrap(old) {
                Ok(db) => {
                    drop(db);
                    break;
                }
                Err(still_shared) if Instant::now() < deadline => {
                    old = still_shared;
                    std::thread::sleep(Duration::from_millis(2));
                }
                Err(_) => {
                    tracing::error!(
                        "the database is still in use after an I/O error; reopening later"
                    );
                    return;
                }
            }
        }
        match self.open() {
            Ok(db) => {
                *slot = Some(Arc::new(db));
                tracing::warn!("database reopened after an I/O error");
            }
            Err(e) => {
                tracing::error!(error = %e, "reopening the database failed; trying again on the next request")
            }
        }
    }

    fn open(&self) -> Result<Database, AppError> {
        let deadline = Instant::now() + DRAIN;
        loop {
            match super::open_database(&self.path) {
                Ok(db) => return Ok(db),
                // A read transaction may still hold the old file open for a moment.
                Err(DatabaseError::DatabaseAlreadyOpen) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(2));
                }
                Err(DatabaseError::Storage(s)) => return Err(s.into()),
                Err(e) => {
                    return Err(AppError::Unavailable(format!(
                        "The database cannot be opened right now ({e}); try again in a moment."
                    )));
                }
            }
        }
    }
}
