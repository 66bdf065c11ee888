//! Group commit: every write of the server runs on one writer thread, which takes the writes
//! waiting in its queue as a batch, runs each in its own redb write transaction (so one write's
//! error never undoes another's), makes the whole batch durable with one disk flush, and only
//! then answers each of them.
//!
//! The writes of a batch but the last commit with `Durability::None` (in memory, no flush); the
//! last commits with `Durability::Immediate`, which persists everything committed before it —
//! redb keeps non-durable commits in order. A lone write is therefore one durable commit, as
//! without batching; under load, the writes that queued during one flush share the next. If the
//! batch's last write fails, an empty durable commit persists the others. A write that is
//! answered `Ok` is on disk; when the flush fails, every write of the batch gets the error.
//!
//! Reads see a non-durable commit as soon as it is made, up to one flush before its writer is
//! answered; what a reader sees is never rolled back except by a crash in that window.

use std::sync::Arc;
use std::sync::mpsc;

use redb::{Database, Durability, WriteTransaction};

use super::handle::Handle;
use crate::error::AppError;

/// The most writes one durable commit takes (bounds how long the first of them waits).
pub const MAX_BATCH: usize = 256;

/// One queued write: runs in a transaction, then hears how its batch ended.
trait Work: Send {
    /// Runs the write in `tx`, keeping its result for `finish`.
    fn run(&mut self, tx: &WriteTransaction) -> Result<(), AppError>;
    /// Answers the writer: `Ok` only once the write is durable.
    fn finish(self: Box<Self>, outcome: Result<(), AppError>);
}

struct Typed<T, F> {
    f: Option<F>,
    out: Option<T>,
    reply: tokio::sync::oneshot::Sender<Result<T, AppError>>,
}

impl<T, F> Work for Typed<T, F>
where
    T: Send,
    F: FnOnce(&WriteTransaction) -> Result<T, AppError> + Send,
{
    fn run(&mut self, tx: &WriteTransaction) -> Result<(), AppError> {
        let f = self.f.take().expect("a write runs once");
        self.out = Some(f(tx)?);
        Ok(())
    }

    fn finish(self: Box<Self>, outcome: Result<(), AppError>) {
        let Typed { out, reply, .. } = *self;
        let answer = outcome.map(|()| out.expect("a committed write has its result"));
        // The caller may have gone (client disconnected); its write stands.
        let _ = reply.send(answer);
    }
}

/// The queue into the writer thread.
pub struct Writer {
    /// `None` once dropping: closing the queue ends the thread.
    queue: Option<mpsc::Sender<Box<dyn Work>>>,
    thread: Option<std::thread::JoinHandle<()>>,
    /// Durable commits made, and writes committed (their ratio is the mean batch size).
    pub stats: Stats,
}

/// Counters of the writer thread, for the metrics page.
#[derive(Clone, Default)]
pub struct Stats {
    pub flushes: prometheus_client::metrics::counter::Counter,
    pub writes: prometheus_client::metrics::counter::Counter,
}

impl Writer {
    /// Starts the writer thread for the database behind `handle`. It ends when the last
    /// `Writer` is dropped.
    pub fn start(handle: Arc<Handle>) -> Self {
        let (queue, jobs) = mpsc::channel::<Box<dyn Work>>();
        let runtime = tokio::runtime::Handle::try_current().ok();
        let stats = Stats::default();
        let counters = stats.clone();
        let thread = std::thread::Builder::new()
            .name("gymbox-writer".into())
            .spawn(move || {
                // Writes may use the runtime (e.g. to wake a task), as on the blocking pool.
                let _entered = runtime.as_ref().map(|r| r.enter());
                while let Ok(first) = jobs.recv() {
                    let mut batch = vec![first];
                    while batch.len() < MAX_BATCH {
                        match jobs.try_recv() {
                            Ok(job) => batch.push(job),
                            Err(_) => break,
                        }
                    }
                    run_batch(&handle, batch, &counters);
                }
            })
            .expect("the writer thread starts");
        Self {
            queue: Some(queue),
            thread: Some(thread),
            stats,
        }
    }

    /// Queues `f` at once (writes run in the order of these calls) and returns what resolves
    /// once it is durable (or failed, having changed nothing).
    pub fn write<T, F>(&self, f: F) -> impl Future<Output = Result<T, AppError>> + use<T, F>
    where
        T: Send + 'static,
        F: FnOnce(&WriteTransaction) -> Result<T, AppError> + Send + 'static,
    {
        let (reply, answer) = tokio::sync::oneshot::channel();
        let job = Box::new(Typed {
            f: Some(f),
            out: None,
            reply,
        });
        let queued = self
            .queue
            .as_ref()
            .expect("the queue is open until drop")
            .send(job)
            .map_err(|_| AppError::Unavailable("The server is shutting down.".into()));
        async move {
            queued?;
            answer.await.map_err(|_| {
                AppError::Internal("the writer thread ended before answering a write".into())
            })?
        }
    }
}

impl Drop for Writer {
    /// Closes the queue and waits for the writes in it, so the database file is closed when
    /// the last `Store` is gone (a restart in the same process can open it again).
    fn drop(&mut self) {
        drop(self.queue.take());
        if let Some(thread) = self.thread.take() {
            // A write's closure could hold the last `Store`: never wait for oneself.
            if thread.thread().id() != std::thread::current().id() {
                let _ = thread.join();
            }
        }
    }
}

/// The same failure, for each write of a batch whose flush failed.
fn shared(e: &AppError) -> AppError {
    match e {
        AppError::InsufficientStorage(m) => AppError::InsufficientStorage(m.clone()),
        AppError::Unavailable(m) => AppError::Unavailable(m.clone()),
        other => AppError::Internal(other.to_string()),
    }
}

/// Commits `tx` with `durability`.
fn commit(mut tx: WriteTransaction, durability: Durability) -> Result<(), AppError> {
    tx.set_durability(durability)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    tx.commit()?;
    Ok(())
}

/// Runs one write; a panic in it fails that write only.
fn run_one(db: &Database, job: &mut Box<dyn Work>, durability: Durability) -> Result<(), AppError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let tx = db.begin_write()?;
        job.run(&tx)?;
        commit(tx, durability)
    }))
    .unwrap_or_else(|_| Err(AppError::Internal("a write panicked".into())))
}

fn run_batch(handle: &Handle, batch: Vec<Box<dyn Work>>, stats: &Stats) {
    let db = match handle.get() {
        Ok(db) => db,
        Err(e) => {
            for job in batch {
                job.finish(Err(shared(&e)));
            }
            return;
        }
    };
    let last = batch.len() - 1;
    let mut outcomes: Vec<Result<(), AppError>> = Vec::with_capacity(batch.len());
    let mut jobs = batch;
    // Writes committed in memory that the next durable commit has to persist.
    let mut undurable = false;
    let mut flush_error = None;
    for (i, job) in jobs.iter_mut().enumerate() {
        let durability = if i == last {
            Durability::Immediate
        } else {
            Durability::None
        };
        let outcome = run_one(&db, job, durability);
        match (&outcome, durability) {
            (Ok(()), Durability::None) => undurable = true,
            (Ok(()), _) => {
                undurable = false;
                stats.flushes.inc();
            }
            (Err(_), _) => {}
        }
        if outcome.is_ok() {
            stats.writes.inc();
        }
        outcomes.push(outcome);
    }
    if undurable {
        // The last write failed: persist the others with an empty durable commit.
        if let Err(e) = db
            .begin_write()
            .map_err(AppError::from)
            .and_then(|tx| commit(tx, Durability::Immediate))
        {
            flush_error = Some(e);
        } else {
            stats.flushes.inc();
        }
    }
    // A failed write that was not about storage leaves the database usable; after an I/O
    // error redb refuses everything on it (and has lost the non-durable commits) until it is
    // opened again.
    let any_error = flush_error.is_some() || outcomes.iter().any(Result::is_err);
    let broken = any_error
        && db
            .begin_write()
            .is_err_and(|e| matches!(e, redb::TransactionError::Storage(_)));
    if broken && flush_error.is_none() {
        flush_error = outcomes
            .iter()
            .rev()
            .find_map(|o| o.as_ref().err().map(shared));
    }
    let full = matches!(flush_error, Some(AppError::InsufficientStorage(_)))
        || outcomes
            .iter()
            .any(|o| matches!(o, Err(AppError::InsufficientStorage(_))));
    let ok = flush_error.is_none() && outcomes.iter().any(Result::is_ok);
    // The handle learns how the batch went (a full disk, a broken database) before anyone is
    // answered, so what a writer asks next already sees it.
    handle.after_write(db, ok, full, broken);
    for (job, outcome) in jobs.into_iter().zip(outcomes) {
        let outcome = match (&flush_error, outcome) {
            (Some(e), Ok(())) => Err(shared(e)),
            (_, outcome) => outcome,
        };
        job.finish(outcome);
    }
}

#[cfg(test)]
mod tests {
    use redb::{ReadableDatabase, ReadableTable, TableDefinition};

    use super::*;

    const T: TableDefinition<u32, u32> = TableDefinition::new("t");

    fn put(n: u32) -> impl FnOnce(&WriteTransaction) -> Result<u32, AppError> + Send + 'static {
        move |tx| {
            tx.open_table(T)?.insert(n, n)?;
            Ok(n)
        }
    }

    fn rows(db: &Database) -> Vec<u32> {
        let tx = db.begin_read().unwrap();
        let t = tx.open_table(T).unwrap();
        t.iter().unwrap().map(|r| r.unwrap().0.value()).collect()
    }

    #[tokio::test]
    async fn a_batch_shares_one_flush_and_a_failed_or_panicking_write_undoes_only_itself() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.redb");
        let handle = Arc::new(Handle::new(path.clone(), Database::create(&path).unwrap()));
        let writer = Writer::start(handle.clone());

        // The first write is a batch of its own (nothing else is queued when it starts) and
        // holds the writer thread until the others are queued behind it: those five form the
        // next batch.
        let (release, hold) = std::sync::mpsc::channel::<()>();
        let (started, running) = std::sync::mpsc::channel::<()>();
        let first = writer.write(move |tx| {
            started.send(()).unwrap();
            hold.recv().unwrap();
            put(1)(tx)
        });
        running.recv().unwrap();
        let ok = writer.write(put(2));
        let fails = writer.write(|tx| {
            put(3)(tx)?;
            Err::<u32, _>(AppError::BadRequest("refused after writing".into()))
        });
        let panics = writer.write(|tx| -> Result<u32, AppError> {
            put(4)(tx)?;
            panic!("a bug in one write")
        });
        let before_last = writer.write(put(5));
        let last_fails = writer.write(|tx| {
            put(6)(tx)?;
            Err::<u32, _>(AppError::BadRequest("the batch's last write fails".into()))
        });
        release.send(()).unwrap();

        assert_eq!(first.await.unwrap(), 1);
        assert_eq!(ok.await.unwrap(), 2);
        assert!(matches!(fails.await, Err(AppError::BadRequest(_))));
        assert!(matches!(panics.await, Err(AppError::Internal(_))));
        assert!(matches!(last_fails.await, Err(AppError::BadRequest(_))));
        assert_eq!(before_last.await.unwrap(), 5);
        // Two batches: the first write alone, then the five queued behind it — whose last
        // write failed, so an empty durable commit persisted the others.
        assert_eq!(writer.stats.writes.get(), 3);
        assert_eq!(writer.stats.flushes.get(), 2);
        drop(writer);

        // What was answered Ok survives closing and opening the file again; nothing else.
        let handle = Arc::try_unwrap(handle).ok();
        assert!(handle.is_some(), "the writer thread let go of the database");
        drop(handle);
        let db = Database::open(&path).unwrap();
        assert_eq!(rows(&db), [1, 2, 5]);
    }

    #[tokio::test]
    async fn a_lone_write_is_one_durable_commit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.redb");
        let handle = Arc::new(Handle::new(path.clone(), Database::create(&path).unwrap()));
        let writer = Writer::start(handle);
        for n in 0..3 {
            assert_eq!(writer.write(put(n)).await.unwrap(), n);
        }
        assert_eq!(writer.stats.flushes.get(), 3);
        assert_eq!(writer.stats.writes.get(), 3);
    }
}
