//! Group commit: every write of the server runs on one writer thread, which takes the writes
//! waiting in its queue as a batch, runs them one after another in ONE redb write transaction,
//! commits it durably (one disk flush), and only then answers each of them. A B-tree page that
//! several writes of a batch touch is copied once, not once per write, and the batch pays one
//! commit.
//!
//! One write's error never undoes another's: when a write fails (or panics) the transaction is
//! abandoned and the batch runs again without it, in a fresh transaction — which is why a
//! write is a `Fn` (it may run more than once; only its last run is kept, and it sees exactly
//! the writes queued before it, as the first time). After `RETRIES` failures in one batch, the
//! rest of it falls back to one transaction per write (all but the last committed in memory,
//! the last durably; redb keeps non-durable commits in order), so a stream of failing writes
//! costs each write at most a few runs. A write that is answered `Ok` is on disk; when a
//! flush fails, every write it was to persist gets the error.
//!
//! Reads never see a batch before its durable commit, except the fallback's in-memory
//! commits, up to one flush before their writers are answered.

use std::sync::Arc;
use std::sync::mpsc;

use redb::{Database, Durability, WriteTransaction};

use super::handle::Handle;
use super::tx::Tx;
use crate::error::AppError;

/// The most writes one durable commit takes (bounds how long the first of them waits).
pub const MAX_BATCH: usize = 256;

/// One queued write: runs in a transaction, then hears how its batch ended.
trait Work: Send {
    /// Runs the write in `tx`, keeping its result for `finish`.
    fn run(&mut self, tx: &Tx) -> Result<(), AppError>;
    /// Answers the writer: `Ok` only once the write is durable.
    fn finish(self: Box<Self>, outcome: Result<(), AppError>);
}

struct Typed<T, F> {
    f: F,
    out: Option<T>,
    reply: tokio::sync::oneshot::Sender<Result<T, AppError>>,
}

impl<T, F> Work for Typed<T, F>
where
    T: Send,
    F: Fn(&Tx) -> Result<T, AppError> + Send,
{
    fn run(&mut self, tx: &Tx) -> Result<(), AppError> {
        self.out = Some((self.f)(tx)?);
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
#[derive(Clone)]
pub struct Stats {
    pub flushes: prometheus_client::metrics::counter::Counter,
    pub writes: prometheus_client::metrics::counter::Counter,
    /// Writes handed to the writer together (one batch, normally one durable commit).
    pub batch: prometheus_client::metrics::histogram::Histogram,
}

impl Default for Stats {
    fn default() -> Self {
        Self {
            flushes: Default::default(),
            writes: Default::default(),
            batch: prometheus_client::metrics::histogram::Histogram::new([
                1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0,
            ]),
        }
    }
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
        F: Fn(&Tx) -> Result<T, AppError> + Send + 'static,
    {
        let (reply, answer) = tokio::sync::oneshot::channel();
        let job = Box::new(Typed {
            f,
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

/// How many times a batch's transaction starts again without a write that failed in it before
/// the rest of the batch falls back to one transaction per write.
const RETRIES: usize = 3;

/// Runs `job` in `tx`; a panic in it fails it like an error.
fn run_in(tx: &Tx, job: &mut Box<dyn Work>) -> Result<(), AppError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job.run(tx)))
        .unwrap_or_else(|_| Err(AppError::Internal("a write panicked".into())))
}

/// Runs one write in a transaction of its own, committed with `durability`.
fn run_alone(
    db: &Database,
    job: &mut Box<dyn Work>,
    durability: Durability,
) -> Result<(), AppError> {
    let tx = db.begin_write()?;
    run_in(&Tx::new(&tx), job)?;
    commit(tx, durability)
}

/// Why the writes of a batch could not all run in one transaction.
enum Failed {
    /// No transaction could be started.
    Begin(AppError),
    /// The write at this position of the batch failed (its transaction is abandoned).
    Write(usize, AppError),
}

/// Runs the writes `which` of `jobs`, in order, in one transaction, ready to commit.
fn run_together(
    db: &Database,
    jobs: &mut [Box<dyn Work>],
    which: &[usize],
) -> Result<WriteTransaction, Failed> {
    let tx = db.begin_write().map_err(|e| Failed::Begin(e.into()))?;
    // The batch's hot tables stay open from the first write that asks for one until this
    // scope ends, before the commit.
    let shared = Tx::new(&tx);
    for (pos, &i) in which.iter().enumerate() {
        // Dropping `tx` on the way out abandons everything the batch wrote.
        run_in(&shared, &mut jobs[i]).map_err(|e| Failed::Write(pos, e))?;
    }
    drop(shared);
    Ok(tx)
}

/// The fallback: the writes `which`, each in its own transaction, all but the last committed
/// in memory and the last durably (or an empty durable commit if it failed). Returns the
/// error of that flush, which every write committed before it shares.
fn run_each(
    db: &Database,
    jobs: &mut [Box<dyn Work>],
    which: &[usize],
    outcomes: &mut [Option<Result<(), AppError>>],
    stats: &Stats,
) -> Option<AppError> {
    let mut undurable = false;
    for (pos, &i) in which.iter().enumerate() {
        let durability = if pos + 1 == which.len() {
            Durability::Immediate
        } else {
            Durability::None
        };
        let outcome = run_alone(db, &mut jobs[i], durability);
        match (&outcome, durability) {
            (Ok(()), Durability::None) => undurable = true,
            (Ok(()), _) => {
                undurable = false;
                stats.flushes.inc();
            }
            (Err(_), _) => {}
        }
        outcomes[i] = Some(outcome);
    }
    if undurable {
        match db
            .begin_write()
            .map_err(AppError::from)
            .and_then(|tx| commit(tx, Durability::Immediate))
        {
            Ok(()) => {
                stats.flushes.inc();
            }
            Err(e) => return Some(e),
        }
    }
    None
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
    let mut jobs = batch;
    stats.batch.observe(jobs.len() as f64);
    let mut outcomes: Vec<Option<Result<(), AppError>>> = jobs.iter().map(|_| None).collect();
    // The writes still to commit together; a write that fails leaves the group, and the
    // others run again without it in a fresh transaction.
    let mut together: Vec<usize> = (0..jobs.len()).collect();
    let mut retries = 0;
    // Set only when the fallback committed writes in memory and their flush failed (or the
    // database broke behind them).
    let mut flush_error = None;
    let mut fell_back = false;
    while !together.is_empty() {
        match run_together(&db, &mut jobs, &together) {
            Ok(tx) => {
                let committed = commit(tx, Durability::Immediate);
                if committed.is_ok() {
                    stats.flushes.inc();
                }
                for &i in &together {
                    outcomes[i] = Some(committed.as_ref().map_err(shared).copied());
                }
                break;
            }
            Err(Failed::Begin(e)) => {
                for &i in &together {
                    outcomes[i] = Some(Err(shared(&e)));
                }
                break;
            }
            Err(Failed::Write(pos, e)) => {
                outcomes[together.remove(pos)] = Some(Err(e));
                retries += 1;
                if retries > RETRIES && !together.is_empty() {
                    fell_back = true;
                    flush_error = run_each(&db, &mut jobs, &together, &mut outcomes, stats);
                    break;
                }
            }
        }
    }
    let outcomes: Vec<Result<(), AppError>> = outcomes
        .into_iter()
        .map(|o| o.unwrap_or_else(|| Err(AppError::Internal("a write was not run".into()))))
        .collect();
    stats
        .writes
        .inc_by(outcomes.iter().filter(|o| o.is_ok()).count() as u64);
    // A failed write that was not about storage leaves the database usable; after an I/O
    // error redb refuses everything on it (and has lost the fallback's in-memory commits)
    // until it is opened again.
    let any_error = flush_error.is_some() || outcomes.iter().any(Result::is_err);
    let broken = any_error
        && db
            .begin_write()
            .is_err_and(|e| matches!(e, redb::TransactionError::Storage(_)));
    if broken && fell_back && flush_error.is_none() {
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

    fn put(n: u32) -> impl Fn(&Tx) -> Result<u32, AppError> + Send + 'static {
        move |tx| {
            tx.open_table(T)?.insert(n, n)?;
            Ok(n)
        }
    }

    /// A new database file in a temporary directory (kept while the directory lives).
    fn database() -> (tempfile::TempDir, std::path::PathBuf, Arc<Handle>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.redb");
        let handle = Arc::new(Handle::new(path.clone(), Database::create(&path).unwrap()));
        (dir, path, handle)
    }

    /// Queues a write of 1 that holds the writer thread until `release` is sent: the writes
    /// queued meanwhile form the next batch.
    fn held(
        writer: &Writer,
    ) -> (
        std::sync::mpsc::Sender<()>,
        impl Future<Output = Result<u32, AppError>> + use<>,
    ) {
        let (release, hold) = std::sync::mpsc::channel::<()>();
        let (started, running) = std::sync::mpsc::channel::<()>();
        let first = writer.write(move |tx| {
            started.send(()).unwrap();
            hold.recv().unwrap();
            put(1)(tx)
        });
        running.recv().unwrap();
        (release, first)
    }

    fn rows(db: &Database) -> Vec<u32> {
        let tx = db.begin_read().unwrap();
        let t = tx.open_table(T).unwrap();
        t.iter().unwrap().map(|r| r.unwrap().0.value()).collect()
    }

    #[tokio::test]
    async fn a_batch_shares_one_flush_and_a_failed_or_panicking_write_undoes_only_itself() {
        let (_dir, path, handle) = database();
        let writer = Writer::start(handle.clone());

        // The first write is a batch of its own (nothing else is queued when it starts) and
        // holds the writer thread until the others are queued behind it: those five form the
        // next batch.
        let (release, first) = held(&writer);
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
    async fn many_failing_writes_in_a_batch_fall_back_to_one_transaction_each() {
        let (_dir, path, handle) = database();
        let writer = Writer::start(handle.clone());
        let (release, first) = held(&writer);
        // Alternating successes and failures: more failures than RETRIES.
        let mut ok = Vec::new();
        let mut failing = Vec::new();
        for n in 10..10 + RETRIES as u32 + 2 {
            ok.push(writer.write(put(n)));
            failing.push(writer.write(move |tx| {
                put(n + 100)(tx)?;
                Err::<u32, _>(AppError::BadRequest("refused".into()))
            }));
        }
        release.send(()).unwrap();
        assert_eq!(first.await.unwrap(), 1);
        let mut expected = vec![1];
        for (n, w) in (10..).zip(ok) {
            assert_eq!(w.await.unwrap(), n);
            expected.push(n);
        }
        for w in failing {
            assert!(matches!(w.await, Err(AppError::BadRequest(_))));
        }
        let written = expected.len() as u64;
        assert_eq!(writer.stats.writes.get(), written);
        drop(writer);
        drop(Arc::try_unwrap(handle).ok().expect("the writer let go"));
        let db = Database::open(&path).unwrap();
        assert_eq!(rows(&db), expected);
    }

    #[tokio::test]
    async fn a_write_that_runs_again_sees_the_writes_before_it_once() {
        let (_dir, _, handle) = database();
        let writer = Writer::start(handle);
        let (release, first) = held(&writer);
        // A counter row bumped by each write: re-running must not count twice.
        let bump = || {
            move |tx: &Tx| {
                let mut t = tx.open_table(T)?;
                let n = t.get(0)?.map_or(0, |v| v.value()) + 1;
                t.insert(0, n)?;
                Ok(n)
            }
        };
        let a = writer.write(bump());
        let fails = writer.write(|_tx| Err::<u32, _>(AppError::BadRequest("no".into())));
        let b = writer.write(bump());
        release.send(()).unwrap();
        first.await.unwrap();
        assert_eq!(a.await.unwrap(), 1);
        assert!(fails.await.is_err());
        assert_eq!(b.await.unwrap(), 2);
        // Two batches, two flushes: the failure cost a re-run, not a commit.
        assert_eq!(writer.stats.flushes.get(), 2);
    }

    #[tokio::test]
    async fn a_lone_write_is_one_durable_commit() {
        let (_dir, _, handle) = database();
        let writer = Writer::start(handle);
        for n in 0..3 {
            assert_eq!(writer.write(put(n)).await.unwrap(), n);
        }
        assert_eq!(writer.stats.flushes.get(), 3);
        assert_eq!(writer.stats.writes.get(), 3);
    }

    /// The rows of a hot table (the workouts table, holding test bytes).
    fn hot_rows(db: &Database) -> Vec<u128> {
        let tx = db.begin_read().unwrap();
        let t = tx.open_table(crate::storage::schema::WORKOUTS).unwrap();
        t.iter().unwrap().map(|r| r.unwrap().0.value()).collect()
    }

    #[tokio::test]
    async fn a_hot_table_stays_open_across_a_batch_and_a_failed_write_still_undoes_only_itself() {
        use crate::storage::schema::WORKOUTS;
        let (_dir, path, handle) = database();
        let writer = Writer::start(handle.clone());
        let (release, first) = held(&writer);
        // Writes through the batch's open table and through their own open of it, in turns;
        // one fails and one panics while holding the open table.
        let hot = |n: u128| {
            move |tx: &Tx| -> Result<u128, AppError> {
                tx.hot().workouts()?.insert(n, [1u8].as_slice())?;
                Ok(n)
            }
        };
        let own = |n: u128| {
            move |tx: &Tx| -> Result<u128, AppError> {
                tx.open_table(WORKOUTS)?.insert(n, [2u8].as_slice())?;
                Ok(n)
            }
        };
        let a = writer.write(hot(1));
        let b = writer.write(own(2));
        let fails = writer.write(move |tx| {
            hot(3)(tx)?;
            Err::<u128, _>(AppError::BadRequest("refused after writing".into()))
        });
        let panics = writer.write(|tx| -> Result<u128, AppError> {
            let _held = tx.hot().workouts()?;
            panic!("a bug in one write")
        });
        let c = writer.write(hot(4));
        let d = writer.write(own(5));
        // Asking for a table the same write already holds is an error, not a panic.
        let twice = writer.write(|tx| -> Result<u128, AppError> {
            let _held = tx.hot().workouts()?;
            tx.hot().workouts()?;
            Ok(6)
        });
        let e = writer.write(hot(7));
        release.send(()).unwrap();

        assert_eq!(first.await.unwrap(), 1);
        assert_eq!(a.await.unwrap(), 1);
        assert_eq!(b.await.unwrap(), 2);
        assert_eq!(c.await.unwrap(), 4);
        assert_eq!(d.await.unwrap(), 5);
        assert_eq!(e.await.unwrap(), 7);
        assert!(matches!(fails.await, Err(AppError::BadRequest(_))));
        assert!(matches!(panics.await, Err(AppError::Internal(_))));
        assert!(matches!(twice.await, Err(AppError::Internal(_))));
        // The writes after the first were one batch, retried without the failures.
        assert_eq!(writer.stats.flushes.get(), 2);
        drop(writer);
        drop(Arc::try_unwrap(handle).ok());
        let db = Database::open(&path).unwrap();
        assert_eq!(hot_rows(&db), [1, 2, 4, 5, 7]);
        assert_eq!(rows(&db), [1]);
    }
}
