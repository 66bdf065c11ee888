//! The read transaction every read runs in: redb's transaction, plus the tables opened in it.
//!
//! A request's reads are a few point lookups, and before them redb begins a read transaction
//! (registering it with the database) and opens each table (a lookup of its definition in the
//! table tree, decoding it and comparing the stored key and value types). For a signed-in
//! request that was as much as its own lookups. Between two commits every reader sees the
//! same data, so the requests read from one shared [`Snapshot`] of the latest commit
//! ([`Shared`]), and a table opened in it stays open for every later request on it.
//!
//! The writer makes the next reader take a new snapshot: after each commit, and before any of
//! that commit's writes is answered, it counts the commit and drops the shared snapshot
//! ([`Shared::committed`]). A reader that began its transaction before a commit never shares
//! it after. So whatever a client was told was written, every read it makes afterwards sees —
//! as with a transaction of its own — and a snapshot never holds pages the writer has freed
//! since beyond the requests still reading it.

use std::any::{Any, TypeId};
use std::ops::Deref;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use redb::{Database, Key, ReadOnlyTable, ReadTransaction, TableDefinition, TableError, Value};

use crate::error::AppError;

/// How many tables a snapshot keeps open; a request that opens more opens the rest itself.
const SLOTS: usize = 48;

/// A read transaction and the tables opened in it so far.
pub struct Snapshot {
    tx: ReadTransaction,
    tables: [OnceLock<Open>; SLOTS],
    /// The database the transaction reads, kept until the snapshot is gone (a reopen after a
    /// storage error waits for every user of the old database).
    _db: Option<Arc<Database>>,
}

/// One open table of a snapshot.
struct Open {
    name: String,
    /// `TypeId` of the `ReadOnlyTable<K, V>` in `table`.
    ty: TypeId,
    table: Box<dyn Any + Send + Sync>,
}

/// A table of a snapshot: open in it for every reader, or (when all its slots are taken)
/// opened for this reader alone.
pub enum SnapshotTable<'a, K: Key + 'static, V: Value + 'static> {
    Shared(&'a ReadOnlyTable<K, V>),
    Own(ReadOnlyTable<K, V>),
}

impl<K: Key + 'static, V: Value + 'static> Deref for SnapshotTable<'_, K, V> {
    type Target = ReadOnlyTable<K, V>;

    fn deref(&self) -> &ReadOnlyTable<K, V> {
        match self {
            Self::Shared(t) => t,
            Self::Own(t) => t,
        }
    }
}

impl Snapshot {
    /// A new read transaction of `db`.
    pub fn begin(db: Arc<Database>) -> Result<Self, AppError> {
        use redb::ReadableDatabase;
        Ok(Self {
            _db: Some(db.clone()),
            ..Self::of(db.begin_read()?)
        })
    }

    /// Wraps a read transaction of a database opened by the caller (tools, tests).
    pub fn of(tx: ReadTransaction) -> Self {
        Self {
            tx,
            tables: std::array::from_fn(|_| OnceLock::new()),
            _db: None,
        }
    }

    /// The table of `def`, opened the first time a reader of this snapshot asks for it.
    pub fn open_table<K: Key + Send + Sync + 'static, V: Value + Send + Sync + 'static>(
        &self,
        def: TableDefinition<K, V>,
    ) -> Result<SnapshotTable<'_, K, V>, TableError> {
        use redb::TableHandle;
        let ty = TypeId::of::<ReadOnlyTable<K, V>>();
        let mut fresh: Option<ReadOnlyTable<K, V>> = None;
        for slot in &self.tables {
            loop {
                if let Some(open) = slot.get() {
                    if open.ty == ty && open.name == def.name() {
                        // The type was checked: the box holds a `ReadOnlyTable<K, V>`.
                        if let Some(t) = open.table.downcast_ref::<ReadOnlyTable<K, V>>() {
                            return Ok(SnapshotTable::Shared(t));
                        }
                    }
                    break; // another table: try the next slot
                }
                let table = match fresh.take() {
                    Some(t) => t,
                    None => self.tx.open_table(def)?,
                };
                let open = Open {
                    name: def.name().to_owned(),
                    ty,
                    table: Box::new(table),
                };
                match slot.set(open) {
                    Ok(()) => {} // read back above
                    Err(lost) => {
                        // Another reader filled the slot first; look at what it put there.
                        fresh = lost
                            .table
                            .downcast::<ReadOnlyTable<K, V>>()
                            .ok()
                            .map(|b| *b);
                    }
                }
            }
        }
        Ok(SnapshotTable::Own(match fresh {
            Some(t) => t,
            None => self.tx.open_table(def)?,
        }))
    }
}

impl Deref for Snapshot {
    type Target = ReadTransaction;

    fn deref(&self) -> &ReadTransaction {
        &self.tx
    }
}

/// The snapshot of the latest commit that readers share, and the count of commits.
#[derive(Default)]
pub struct Shared {
    /// Commits so far (only its changes matter).
    commits: AtomicU64,
    latest: Mutex<Option<(u64, Arc<Snapshot>)>>,
}

impl Shared {
    /// A snapshot at least as new as every commit counted so far: the shared one, or a new one
    /// of `db` that later readers share.
    pub fn get(
        &self,
        db: impl FnOnce() -> Result<Arc<Database>, AppError>,
    ) -> Result<Arc<Snapshot>, AppError> {
        let seen = self.commits.load(Ordering::Acquire);
        if let Some((at, snap)) = &*self.lock()
            && *at == seen
        {
            return Ok(snap.clone());
        }
        let snap = Arc::new(Snapshot::begin(db()?)?);
        let mut latest = self.lock();
        // A commit counted since `seen` may not be in `snap`: then it is not shared.
        if self.commits.load(Ordering::Acquire) == seen {
            *latest = Some((seen, snap.clone()));
        }
        Ok(snap)
    }

    /// Counts a commit and drops the shared snapshot: readers from now on see it. Called by
    /// whoever committed, before the commit's writes are answered.
    pub fn committed(&self) {
        self.commits.fetch_add(1, Ordering::AcqRel);
        let old = self.lock().take();
        drop(old);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<(u64, Arc<Snapshot>)>> {
        self.latest.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use redb::TableDefinition;

    use super::*;
    use crate::storage::handle::Handle;
    use crate::storage::writer::Writer;

    const T: TableDefinition<u32, u32> = TableDefinition::new("t");

    fn handle() -> (tempfile::TempDir, Arc<Handle>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.redb");
        let handle = Arc::new(Handle::new(path.clone(), Database::create(&path).unwrap()));
        (dir, handle)
    }

    fn put(n: u32) -> impl Fn(&crate::storage::Tx) -> Result<(), AppError> + Send + 'static {
        move |tx| {
            tx.open_table(T)?.insert(n, n)?;
            Ok(())
        }
    }

    fn get(s: &Snapshot, n: u32) -> Option<u32> {
        s.open_table(T).unwrap().get(n).unwrap().map(|v| v.value())
    }

    #[tokio::test]
    async fn reads_share_a_snapshot_until_a_commit_and_then_see_it() {
        let (_dir, handle) = handle();
        let writer = Writer::start(handle.clone());
        writer.write(put(1)).await.unwrap();

        let a = handle.snapshot().unwrap();
        let b = handle.snapshot().unwrap();
        assert!(
            Arc::ptr_eq(&a, &b),
            "no commit between two reads: one snapshot"
        );
        // The table opened by the first reader is the one the second reads.
        let (ta, tb) = (a.open_table(T).unwrap(), b.open_table(T).unwrap());
        assert!(
            matches!((&ta, &tb), (SnapshotTable::Shared(x), SnapshotTable::Shared(y)) if std::ptr::eq(*x, *y))
        );
        assert_eq!(get(&a, 1), Some(1));

        // A write answered is seen by every read that starts afterwards; the snapshot taken
        // before it still reads as it was.
        writer.write(put(2)).await.unwrap();
        let c = handle.snapshot().unwrap();
        assert!(!Arc::ptr_eq(&a, &c));
        assert_eq!(get(&c, 2), Some(2));
        assert_eq!(get(&a, 2), None);
        assert!(Arc::ptr_eq(&c, &handle.snapshot().unwrap()));

        // A write that failed commits nothing, but readers start again anyway (harmless).
        let failed = writer
            .write(|tx| {
                put(3)(tx)?;
                Err::<(), _>(AppError::BadRequest("no".into()))
            })
            .await;
        assert!(failed.is_err());
        assert_eq!(get(&handle.snapshot().unwrap(), 3), None);

        // A commit made outside the writer is seen once it is reported.
        {
            let db = handle.get().unwrap();
            let raw = db.begin_write().unwrap();
            raw.open_table(T).unwrap().insert(4, 4).unwrap();
            raw.commit().unwrap();
        }
        handle.committed();
        assert_eq!(get(&handle.snapshot().unwrap(), 4), Some(4));
    }

    #[test]
    fn a_reader_that_began_before_a_commit_does_not_share_its_snapshot_after_it() {
        let (_dir, handle) = handle();
        let shared = Shared::default();
        // The commit is counted while the reader is beginning its transaction.
        let early = shared
            .get(|| {
                shared.committed();
                handle.get()
            })
            .unwrap();
        let next = shared.get(|| handle.get()).unwrap();
        assert!(!Arc::ptr_eq(&early, &next));
        assert!(Arc::ptr_eq(&next, &shared.get(|| handle.get()).unwrap()));
    }

    #[test]
    fn more_tables_than_slots_are_opened_for_the_reader_alone() {
        let (_dir, handle) = handle();
        let names: Vec<String> = (0..SLOTS + 3).map(|i| format!("t{i}")).collect();
        {
            let db = handle.get().unwrap();
            let raw = db.begin_write().unwrap();
            for (i, n) in names.iter().enumerate() {
                let def = TableDefinition::<u32, u32>::new(n);
                raw.open_table(def).unwrap().insert(0, i as u32).unwrap();
            }
            raw.commit().unwrap();
        }
        let s = handle.snapshot().unwrap();
        for round in 0..2 {
            for (i, n) in names.iter().enumerate() {
                let t = s.open_table(TableDefinition::<u32, u32>::new(n)).unwrap();
                assert_eq!(t.get(0).unwrap().unwrap().value(), i as u32);
                assert_eq!(
                    matches!(t, SnapshotTable::Shared(_)),
                    i < SLOTS,
                    "{n}, round {round}"
                );
            }
        }
        // The same name with other types is another table to redb: its error, not a wrong read.
        assert!(
            s.open_table(TableDefinition::<u64, u32>::new("t0"))
                .is_err()
        );
        // A table that does not exist is redb's error too.
        assert!(
            s.open_table(TableDefinition::<u32, u32>::new("none"))
                .is_err()
        );
    }

    #[test]
    fn readers_on_many_threads_see_every_write_answered_before_they_began() {
        let rt = tokio::runtime::Runtime::new().unwrap();
        let (_dir, handle) = handle();
        let writer = Arc::new(Writer::start(handle.clone()));
        // Each thread writes its own keys one by one and reads each back right after its
        // answer, with the other threads' reads and writes in between.
        std::thread::scope(|scope| {
            for t in 0..4u32 {
                let (writer, handle, rt) = (writer.clone(), handle.clone(), &rt);
                scope.spawn(move || {
                    for i in 0..200 {
                        let n = t * 1000 + i;
                        rt.block_on(writer.write(put(n))).unwrap();
                        let s = handle.snapshot().unwrap();
                        assert_eq!(get(&s, n), Some(n), "thread {t} lost its write {i}");
                    }
                });
            }
        });
    }
}
