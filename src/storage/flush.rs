//! The database file, with flushes the writer thread does not wait for.
//!
//! A durable commit writes its pages and then flushes the file (`fdatasync`); the flush is
//! mostly waiting for the disk, and on a small box the kernel's work for it is a sixth of the
//! writer thread. The writer thread's own commits ([`deferring`]) only *ask* for the flush and
//! go on to run the next batch, which reads and changes pages in memory meanwhile; the flush
//! runs on another thread ([`Flushes::settle_through`], from the thread that answers the
//! writes), and a write is answered only once the flush that covers it is done.
//!
//! The order on disk stays the one redb wrote it in: every write, length change and flush of
//! the file first waits until the flushes asked for before it are done (doing one itself if
//! nobody is at it). So the next commit's pages never reach the file before the previous
//! commit is durable, and crash recovery finds exactly what redb would have left without the
//! deferral. Every commit made outside [`deferring`] (start-up, tools, the writer's rare
//! one-write-at-a-time fallback) flushes before it returns, as redb's own file does.
//!
//! A failed flush is kept: every later write, flush or settle of this file fails with it, so
//! redb refuses the database from then on and the server opens the file again (see
//! `handle`), and the writes the failed flush was to make durable are answered with the error.

use std::cell::Cell;
use std::fs::File;
use std::io;
use std::ops::Bound;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use redb::{BackendError, DatabaseError, StorageBackend, backends::FileBackend};

thread_local! {
    /// Set while the writer thread commits: its flushes are asked for, not waited for.
    static DEFERRING: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` (a commit) with the flushes it asks for deferred to [`Flushes::settle_through`].
pub fn deferring<T>(f: impl FnOnce() -> T) -> T {
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            DEFERRING.with(|d| d.set(false));
        }
    }
    DEFERRING.with(|d| d.set(true));
    let _reset = Reset;
    f()
}

/// The flushes of one open database file: how many were asked for, how many are done.
#[derive(Debug)]
pub struct Flushes {
    state: Mutex<State>,
    changed: Condvar,
    /// The same file, for `fdatasync` from any thread.
    file: File,
    /// Holds every flush until the test lets it go.
    #[cfg(test)]
    gate: Mutex<Option<std::sync::mpsc::Receiver<()>>>,
}

#[derive(Debug, Default)]
struct State {
    /// Flushes asked for and not waited for, since the file was opened.
    asked: u64,
    /// Every flush asked for up to this count is done.
    done: u64,
    /// A thread is flushing the file now.
    running: bool,
    /// The failure of a flush (or of a write after which a flush is owed): kept for good.
    failed: Option<(io::ErrorKind, String)>,
    /// Flushes of the file made (each `fdatasync`), for tests.
    made: u64,
}

impl Flushes {
    fn new(file: File) -> Self {
        Self {
            state: Mutex::new(State::default()),
            changed: Condvar::new(),
            file,
            #[cfg(test)]
            gate: Mutex::new(None),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The ticket of everything committed so far: [`Flushes::settle_through`] it before
    /// answering those writes.
    pub fn ticket(&self) -> u64 {
        self.lock().asked
    }

    /// Whether a flush asked for is not done yet.
    pub fn pending(&self) -> bool {
        let s = self.lock();
        s.done < s.asked && s.failed.is_none()
    }

    /// Waits until every flush asked for up to `ticket` is done, flushing the file on this
    /// thread when no other thread is at it. Fails once any flush of the file failed.
    pub fn settle_through(&self, ticket: u64) -> io::Result<()> {
        let mut s = self.lock();
        loop {
            if let Some((kind, message)) = &s.failed {
                return Err(io::Error::new(*kind, message.clone()));
            }
            if s.done >= ticket {
                return Ok(());
            }
            if s.running {
                s = self.changed.wait(s).unwrap_or_else(|e| e.into_inner());
                continue;
            }
            // Everything asked for so far was written before it was asked for: one flush
            // covers it all.
            let through = s.asked;
            s.running = true;
            drop(s);
            let result = self.flush();
            s = self.lock();
            s.running = false;
            s.made += 1;
            match result {
                Ok(()) => s.done = through,
                Err(e) => s.failed = Some((e.kind(), e.to_string())),
            }
            self.changed.notify_all();
        }
    }

    /// Every flush asked for so far, done.
    pub fn settle(&self) -> io::Result<()> {
        let ticket = self.ticket();
        self.settle_through(ticket)
    }

    fn flush(&self) -> io::Result<()> {
        #[cfg(test)]
        if let Some(gate) = &*self.gate.lock().unwrap() {
            let _ = gate.recv();
        }
        self.file.sync_data()
    }

    /// Asks for a flush without waiting for it.
    fn ask(&self) -> io::Result<()> {
        let mut s = self.lock();
        if let Some((kind, message)) = &s.failed {
            return Err(io::Error::new(*kind, message.clone()));
        }
        s.asked += 1;
        Ok(())
    }

    /// Keeps a failure of the file: every flush owed from now on fails with it.
    fn fail(&self, e: &io::Error) {
        let mut s = self.lock();
        if s.failed.is_none() {
            s.failed = Some((e.kind(), e.to_string()));
        }
        self.changed.notify_all();
    }

    /// Holds every flush of this file until `release` is sent (or dropped).
    #[cfg(test)]
    pub fn hold(&self) -> std::sync::mpsc::Sender<()> {
        let (release, gate) = std::sync::mpsc::channel();
        *self.gate.lock().unwrap() = Some(gate);
        release
    }

    /// Flushes of the file made so far (tests).
    #[cfg(test)]
    pub fn made(&self) -> u64 {
        self.lock().made
    }
}

/// redb's file backend, with the writer thread's flushes deferred (see the module).
#[derive(Debug)]
pub struct DeferredFile {
    inner: FileBackend,
    flushes: Arc<Flushes>,
}

impl DeferredFile {
    /// The backend of `file`, and the handle to its flushes.
    pub fn new(file: File) -> Result<(Self, Arc<Flushes>), DatabaseError> {
        let flushes = Arc::new(Flushes::new(file.try_clone()?));
        let inner = FileBackend::new(file)?;
        Ok((
            Self {
                inner,
                flushes: flushes.clone(),
            },
            flushes,
        ))
    }

    /// What must come before a write to the file: every flush asked for, done.
    fn before_write(&self) -> io::Result<()> {
        self.flushes.settle()
    }

    fn kept<T>(&self, result: io::Result<T>) -> io::Result<T> {
        if let Err(e) = &result {
            self.flushes.fail(e);
        }
        result
    }
}

impl StorageBackend for DeferredFile {
    fn len(&self) -> io::Result<u64> {
        self.inner.len()
    }

    fn read(&self, offset: u64, out: &mut [u8]) -> io::Result<()> {
        self.inner.read(offset, out)
    }

    fn set_len(&self, len: u64) -> io::Result<()> {
        self.before_write()?;
        let result = self.inner.set_len(len);
        self.kept(result)
    }

    fn sync_data(&self) -> io::Result<()> {
        if DEFERRING.with(Cell::get) {
            return self.flushes.ask();
        }
        self.before_write()?;
        let result = self.inner.sync_data();
        self.kept(result)
    }

    fn write(&self, offset: u64, data: &[u8]) -> io::Result<()> {
        self.before_write()?;
        let result = self.inner.write(offset, data);
        self.kept(result)
    }

    fn close(&self) -> io::Result<()> {
        // A flush asked for and not yet made is owed before the file is let go. Its failure
        // was (or will be) reported to the writes it covered; closing goes on regardless.
        let _ = self.flushes.settle();
        self.inner.close()
    }

    fn try_lock_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<bool, BackendError> {
        self.inner.try_lock_range(start, end)
    }

    fn try_lock_shared_range(
        &self,
        start: Bound<u64>,
        end: Bound<u64>,
    ) -> Result<bool, BackendError> {
        self.inner.try_lock_shared_range(start, end)
    }

    fn lock_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<(), BackendError> {
        self.inner.lock_range(start, end)
    }

    fn lock_shared_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<(), BackendError> {
        self.inner.lock_shared_range(start, end)
    }

    fn unlock_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<(), BackendError> {
        self.inner.unlock_range(start, end)
    }

    fn query_lock_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<bool, BackendError> {
        self.inner.query_lock_range(start, end)
    }
}

#[cfg(test)]
mod tests {
    use redb::{Database, ReadableDatabase, ReadableTableMetadata, TableDefinition};

    use super::*;

    const T: TableDefinition<u32, u32> = TableDefinition::new("t");

    fn database() -> (tempfile::TempDir, Database, Arc<Flushes>) {
        let dir = tempfile::tempdir().unwrap();
        let (db, flushes) = crate::storage::open_database(&dir.path().join("db.redb")).unwrap();
        (dir, db, flushes)
    }

    fn put(db: &Database, n: u32) -> Result<(), redb::CommitError> {
        let tx = db.begin_write().unwrap();
        tx.open_table(T).unwrap().insert(n, n).unwrap();
        tx.commit()
    }

    #[test]
    fn a_deferred_flush_is_made_before_the_next_write_reaches_the_file() {
        let (_dir, db, flushes) = database();
        let made = flushes.made();
        deferring(|| put(&db, 1)).unwrap();
        let first = flushes.ticket();
        assert!(first > 0, "the commit asked for a flush");
        assert!(flushes.pending());
        assert_eq!(flushes.made(), made, "and did not make it");
        // The next commit writes its pages only after the flush of the first.
        deferring(|| put(&db, 2)).unwrap();
        assert_eq!(flushes.made(), made + 1);
        assert!(flushes.ticket() > first);
        assert!(flushes.pending());
        flushes.settle_through(flushes.ticket()).unwrap();
        assert!(!flushes.pending());
        assert_eq!(flushes.made(), made + 2);
        // A commit outside `deferring` flushes before it returns.
        let ticket = flushes.ticket();
        put(&db, 3).unwrap();
        assert_eq!(flushes.ticket(), ticket);
        assert!(!flushes.pending());
        let tx = db.begin_read().unwrap();
        assert_eq!(tx.open_table(T).unwrap().len().unwrap(), 3);
    }

    #[test]
    fn a_flush_is_owed_until_the_file_is_closed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.redb");
        let (db, flushes) = crate::storage::open_database(&path).unwrap();
        deferring(|| put(&db, 7)).unwrap();
        assert!(flushes.pending());
        drop(db);
        assert!(!flushes.pending(), "closing made the flush");
        let (db, _) = crate::storage::open_database(&path).unwrap();
        let tx = db.begin_read().unwrap();
        assert_eq!(
            tx.open_table(T).unwrap().get(7).unwrap().unwrap().value(),
            7
        );
    }

    #[test]
    fn a_failed_flush_fails_every_later_flush_and_write_and_redb_refuses_the_database() {
        let (_dir, db, flushes) = database();
        deferring(|| put(&db, 1)).unwrap();
        let ticket = flushes.ticket();
        flushes.fail(&io::Error::new(io::ErrorKind::StorageFull, "no space"));
        let e = flushes.settle_through(ticket).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::StorageFull);
        assert!(!flushes.pending(), "nothing is pending on a failed file");
        // The next commit's writes fail with it, and redb keeps refusing.
        assert!(put(&db, 2).is_err());
        assert!(db.begin_write().is_err());
    }
}
