//! redb storage: opening the database, table definitions, the value codec, ids and migrations.

pub mod backup;
pub mod codec;
pub mod handle;
pub mod ids;
pub mod migrate;
pub mod outbox;
pub mod schema;
pub mod snapshot;
pub mod tx;
pub mod writer;

pub use snapshot::Snapshot;
pub use tx::Tx;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use redb::{Database, DatabaseError, ReadableDatabase, ReadableTableMetadata};

use crate::error::AppError;

/// File name of the database inside the data directory.
pub const DB_FILE: &str = "gymbox.redb";

/// The opened database, shared by every service.
#[derive(Clone)]
pub struct Store {
    db: Arc<handle::Handle>,
    /// The one writer thread (group commit).
    writer: Arc<writer::Writer>,
    path: PathBuf,
    /// Signalled after every committed write that gave the outbox work (wakes the search
    /// indexer).
    changed: Arc<tokio::sync::Notify>,
}

/// Why the database could not be opened, phrased for the operator.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error(
        "the database {0} is in use by another process (is `gymbox serve` running with this data directory?)"
    )]
    Locked(PathBuf),
    #[error(
        "the database {path} was written by a newer Gymbox (schema version {found}, this binary supports up to {supported}); install that newer version or restore a backup made with this one"
    )]
    TooNew {
        path: PathBuf,
        found: u64,
        supported: u64,
    },
    #[error(
        "cannot create the data directory {0} or make it owner-only (run gymbox as the user that owns it): {1}"
    )]
    DataDir(PathBuf, std::io::Error),
    #[error("cannot open the database {0}: {1}")]
    Other(PathBuf, String),
}

/// Makes `dir` usable by its owner only (mode 0700): creates it so, or takes group and
/// other permissions away when it already exists with wider ones.
/// The table in `cell`, opened by `open` the first time it is asked for: a domain's store keeps
/// the tables one change uses in such cells, so each is opened once per change (opening a
/// table is a lookup of its own) and only if needed.
pub fn opened<T>(
    cell: &std::cell::OnceCell<T>,
    open: impl FnOnce() -> Result<T, redb::TableError>,
) -> Result<&T, AppError> {
    if cell.get().is_none() {
        let _ = cell.set(open()?);
    }
    Ok(cell.get().expect("opened above"))
}

/// The same, to write to.
pub fn opened_mut<T>(
    cell: &mut std::cell::OnceCell<T>,
    open: impl FnOnce() -> Result<T, redb::TableError>,
) -> Result<&mut T, AppError> {
    opened(cell, open)?;
    Ok(cell.get_mut().expect("opened above"))
}

pub fn private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    if dir.is_dir() {
        return owner_only(dir, 0o700);
    }
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

/// Creates `path` as an empty file only its owner may read and write (mode 0600) unless it
/// exists; redb initialises a new database in an empty file.
fn private_file(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
    {
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => Err(e),
        _ => Ok(()),
    }
}

/// Sets `mode` on `path` when it grants group or other users anything.
fn owner_only(path: &Path, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let current = std::fs::metadata(path)?.permissions().mode();
    if current & 0o077 != 0 {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))?;
        tracing::warn!(
            path = %path.display(),
            was = format!("{:o}", current & 0o777),
            now = format!("{mode:o}"),
            "permissions tightened: the data directory is for the server's user only"
        );
    }
    Ok(())
}

/// Opens (or creates) the database file the server works on, telling the kernel its pages are
/// read and written at random.
///
/// redb reads and writes 4 KiB pages at scattered places. Read with readahead, a file sits in
/// the page cache in large folios (recent kernels, for file systems that support them, ext4
/// and XFS among them), and writing one 4 KiB page into such a folio dirties and writes back all of it
/// — measured on ext4 with Linux 6.18, a commit of ~110 pages wrote 2.4 MB, and 1,000
/// scattered page writes into a file that had been read 65 times their size. Random access
/// keeps the file's folios at one page each. Pages another process left in the cache (a copy, a
/// restore) are written out and dropped first, so none of the large folios stay.
///
/// Without readahead, a page not yet cached is read from the disk on its own, and the first
/// writes after a start would wait for such reads one by one. So a thread reads the file's
/// first `PREWARM_BYTES` once, in large reads that the advice keeps in one-page folios.
pub fn open_database(path: &Path) -> Result<Database, DatabaseError> {
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)?;
    // The advice goes to the open file (shared with this clone) once redb holds its lock, so
    // a command refused because a server has the file never drops the server's cached pages.
    let same = file.try_clone()?;
    let db = Database::builder().create_with_backend(redb::backends::FileBackend::new(file)?)?;
    advise_random(&same);
    prewarm(same);
    Ok(db)
}

/// How much of the database file is read into the page cache after it is opened: all of most
/// gyms' files, and the cache a 256 MiB container can hold.
const PREWARM_BYTES: u64 = 256 << 20;

fn prewarm(file: std::fs::File) {
    use std::os::unix::fs::FileExt;
    let spawned = std::thread::Builder::new()
        .name("gymbox-prewarm".into())
        .spawn(move || {
            let mut buf = vec![0u8; 1 << 20];
            let mut at = 0u64;
            while at < PREWARM_BYTES {
                match file.read_at(&mut buf, at) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => at += n as u64,
                }
            }
        });
    if let Err(e) = spawned {
        tracing::warn!(error = %e, "could not start reading the database into the page cache");
    }
}

#[cfg(target_os = "linux")]
fn advise_random(file: &std::fs::File) {
    use rustix::fs::{Advice, fadvise};
    // Advice only: should it fail, the kernel's defaults stay, which work, with more writing.
    let _ = file.sync_data();
    let _ = fadvise(file, 0, None, Advice::DontNeed);
    let _ = fadvise(file, 0, None, Advice::Random);
}

#[cfg(not(target_os = "linux"))]
fn advise_random(_: &std::fs::File) {}

impl Store {
    /// Opens (or creates) the database in `data_dir` and brings its schema up to date. The
    /// directory ends up mode 0700 and the database file 0600, even when they existed with
    /// wider permissions (they hold password hashes).
    pub fn open(data_dir: &Path) -> Result<Self, OpenError> {
        private_dir(data_dir).map_err(|e| OpenError::DataDir(data_dir.to_path_buf(), e))?;
        let path = data_dir.join(DB_FILE);
        private_file(&path).map_err(|e| OpenError::Other(path.clone(), e.to_string()))?;
        let db = match open_database(&path) {
            Ok(db) => db,
            Err(DatabaseError::DatabaseAlreadyOpen) => return Err(OpenError::Locked(path)),
            Err(e) => return Err(OpenError::Other(path, e.to_string())),
        };
        owner_only(&path, 0o600).map_err(|e| OpenError::Other(path.clone(), e.to_string()))?;
        migrate::run(&db, &path)?;
        let db = Arc::new(handle::Handle::new(path.clone(), db));
        Ok(Self {
            writer: Arc::new(writer::Writer::start(db.clone())),
            db,
            path,
            changed: Arc::new(tokio::sync::Notify::new()),
        })
    }

    /// Counters of durable commits and committed writes.
    pub fn write_stats(&self) -> writer::Stats {
        self.writer.stats.clone()
    }

    /// Resolves after the next committed write that queued outbox rows (or at once if one
    /// happened since the last wait).
    pub async fn changed(&self) {
        self.changed.notified().await;
    }

    /// The open database, for code that runs its own transactions (start-up, tools; it calls
    /// [`Store::committed`] after each commit). May fail while the database is being reopened
    /// after a storage error.
    pub fn db(&self) -> Result<Arc<Database>, AppError> {
        self.db.get()
    }

    /// Makes later reads see a commit made on [`Store::db`] (the writer's own commits do this
    /// by themselves).
    pub fn committed(&self) {
        self.db.committed();
    }

    /// Why storage is not fully working, while it is not (see `handle::Handle::degraded`).
    pub fn degraded(&self) -> Option<&'static str> {
        self.db.degraded()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A read transaction that sees every commit so far, for code that reads outside
    /// [`Store::read`] (the search indexer's own threads).
    pub fn snapshot(&self) -> Result<Arc<Snapshot>, AppError> {
        self.db.snapshot()
    }

    /// Size of the database file in bytes.
    pub fn file_size(&self) -> u64 {
        std::fs::metadata(&self.path).map(|m| m.len()).unwrap_or(0)
    }

    /// Number of rows in a table (for metrics); O(1) in redb.
    pub fn count<K: redb::Key + 'static, V: redb::Value + 'static>(
        &self,
        table: redb::TableDefinition<K, V>,
    ) -> Result<u64, AppError> {
        let tx = self.db.get()?.begin_read()?;
        match tx.open_table(table) {
            Ok(t) => Ok(t.len()?),
            Err(redb::TableError::TableDoesNotExist(_)) => Ok(0),
            Err(e) => Err(e.into()),
        }
    }
}

impl Store {
    /// Rows waiting in the outbox, every consumer together (for metrics).
    pub fn outbox_len(&self) -> Result<u64, AppError> {
        self.count(schema::OUTBOX)
    }

    /// Whether a derived domain (`analysis`) must be rebuilt from the history (a migration asked).
    pub fn rebuild_pending(&self, domain: &str) -> Result<bool, AppError> {
        let tx = self.db.get()?.begin_read()?;
        let t = tx.open_table(schema::META)?;
        Ok(t.get(migrate::rebuild_key(domain).as_str())?.is_some())
    }

    /// Marks a derived domain as rebuilt.
    pub fn rebuild_done(&self, domain: &str) -> Result<(), AppError> {
        let tx = self.db.get()?.begin_write()?;
        tx.open_table(schema::META)?
            .remove(migrate::rebuild_key(domain).as_str())?;
        tx.commit()?;
        self.db.committed();
        Ok(())
    }
}

impl Store {
    /// Runs `f` on the snapshot of the latest commit right here, on the calling task's thread:
    /// for the point reads and bounded range scans of a request, which take microseconds — less
    /// than a hop to another thread and back. Long reads (whole-table walks, exports) use
    /// `read_long`.
    pub async fn read<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&Snapshot) -> Result<T, AppError> + Send + 'static,
    {
        f(&*self.db.snapshot()?)
    }

    /// [`Store::read`] outside async code (start-up).
    pub fn read_now<T>(
        &self,
        f: impl FnOnce(&Snapshot) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        f(&*self.db.snapshot()?)
    }

    /// Runs `f` in a read transaction on the blocking pool, off the async workers: for reads
    /// whose cost grows with the data (rebuilds, exports, whole-table walks).
    pub async fn read_long<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&Snapshot) -> Result<T, AppError> + Send + 'static,
    {
        let handle = self.db.clone();
        tokio::task::spawn_blocking(move || f(&*handle.snapshot()?)).await?
    }

    /// Runs `f` in a write transaction on the writer thread and resolves once its commit is
    /// durable; an `Err` aborts the transaction, leaving nothing half-written. Concurrent writes
    /// share one disk flush (see `writer`).
    pub async fn write<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: Fn(&Tx) -> Result<T, AppError> + Send + 'static,
    {
        self.db.admit_write()?;
        // Whether this run of the write queued outbox rows (only its last run counts).
        let out = self
            .writer
            .write(move |tx| {
                let before = outbox::enqueued();
                let out = f(tx)?;
                Ok((out, outbox::enqueued() != before))
            })
            .await;
        out.map(|(out, queued)| {
            if queued {
                self.changed.notify_one();
            }
            out
        })
    }
}
