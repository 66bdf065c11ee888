//! Search of users, plans and exercises with Tantivy, derived from redb.
//!
//! - The index lives in `DATA/search/<dir>`, named by `DATA/search/index.json`. It can be
//!   deleted at any time: a missing, unreadable or outdated index (schema version) is rebuilt
//!   in the background at start, and the server answers meanwhile.
//! - Writes add outbox rows in the same redb transaction as the change (`outbox`); one indexer task drains
//!   them, commits Tantivy, and only then deletes the rows. Upserts are idempotent, so a crash
//!   between the two commits only repeats work.
//! - Results are ids; the records are loaded from redb and checked against the caller's rights
//!   again, so a stale index can never show what the store no longer has or hides.

pub mod api;
pub mod index;
pub mod outbox;
mod query;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Term};

pub use query::{Hit, SearchQuery};

use self::index::{Doc, Fields, SCHEMA_VERSION};
use self::outbox::Kind;
use crate::accounts::store::Reader as AccountsReader;
use crate::error::AppError;
use crate::storage::Store;
use crate::storage::ids;
use crate::training::catalogue;
use crate::training::model::Plan;

/// One indexing thread with Tantivy's smallest useful budget: documents are small and few at
/// a time, and memory on a gym's box is better spent elsewhere.
const WRITER_HEAP: usize = 16 * 1024 * 1024;
const DRAIN_BATCH: usize = 500;

pub(crate) struct LiveIndex {
    index: Index,
    reader: IndexReader,
    writer: IndexWriter,
    dir: PathBuf,
}

struct Inner {
    store: Store,
    root: PathBuf,
    schema: tantivy::schema::Schema,
    fields: Fields,
    live: RwLock<Option<Arc<Mutex<LiveIndex>>>>,
    /// Serialises draining and rebuilding (one writer per index).
    work: tokio::sync::Mutex<()>,
    paused: bool,
    /// How the searcher is tied to whom a hit belongs (blocks, follows): the access policy's input.
    relations: Arc<dyn crate::access::Relations>,
}

/// The running indexer task.
pub struct Indexer {
    handle: tokio::task::JoinHandle<()>,
    stop: Arc<tokio::sync::Notify>,
}

impl Indexer {
    /// Lets the current batch finish, then ends the task (it then holds no database handle).
    pub async fn stop(self) {
        self.stop.notify_one();
        let _ = self.handle.await;
    }
}

#[derive(Clone)]
pub struct Search {
    inner: Arc<Inner>,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Manifest {
    schema: u32,
    dir: String,
}

fn err(e: impl std::fmt::Display) -> AppError {
    AppError::Internal(format!("search index: {e}"))
}

impl Search {
    /// Opens the index in `DATA/search` if it is current; otherwise search starts empty and
    /// `start` rebuilds it in the background. `paused` stops indexing (diagnostics only).
    pub fn open(store: Store, data_dir: &Path, paused: bool) -> Self {
        let (schema, fields) = index::schema();
        let root = data_dir.join("search");
        if let Err(e) = crate::storage::private_dir(&root) {
            tracing::warn!(dir = %root.display(), error = %e, "cannot make the search index owner-only");
        }
        let live = Self::open_current(&root, &schema).unwrap_or_else(|e| {
            tracing::info!(reason = %e, "search index will be rebuilt");
            None
        });
        Self {
            inner: Arc::new(Inner {
                store,
                root,
                schema,
                fields,
                live: RwLock::new(live.map(|l| Arc::new(Mutex::new(l)))),
                work: tokio::sync::Mutex::new(()),
                paused,
                relations: Arc::new(crate::access::NoRelations),
            }),
        }
    }

    /// Bytes the index takes on disk (every file under `DATA/search`; for metrics).
    pub fn size_on_disk(&self) -> u64 {
        fn walk(dir: &Path) -> u64 {
            std::fs::read_dir(dir).map_or(0, |entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|e| match e.file_type() {
                        Ok(t) if t.is_dir() => walk(&e.path()),
                        Ok(_) => e.metadata().map_or(0, |m| m.len()),
                        Err(_) => 0,
                    })
                    .sum()
            })
        }
        walk(&self.inner.root)
    }

    /// Answers how a searcher is tied to a member (set once by `app.rs` right after `open`).
    pub fn with_relations(mut self, relations: Arc<dyn crate::access::Relations>) -> Self {
        match Arc::get_mut(&mut self.inner) {
            Some(inner) => inner.relations = relations,
            None => tracing::error!("search relations set after the index was shared"),
        }
        self
    }

    fn open_current(
        root: &Path,
        schema: &tantivy::schema::Schema,
    ) -> Result<Option<LiveIndex>, String> {
        let text = match std::fs::read_to_string(root.join("index.json")) {
            Ok(t) => t,
            Err(_) => return Err("no index yet".into()),
        };
        let m: Manifest = serde_json::from_str(&text).map_err(|e| e.to_string())?;
        if m.schema != SCHEMA_VERSION {
            return Err(format!(
                "schema {} is outdated (now {SCHEMA_VERSION})",
                m.schema
            ));
        }
        let dir = root.join(&m.dir);
        let index = Index::open_in_dir(&dir).map_err(|e| e.to_string())?;
        if index.schema() != *schema {
            return Err("the stored schema differs".into());
        }
        Self::live(index, dir).map(Some).map_err(|e| e.to_string())
    }

    fn live(index: Index, dir: PathBuf) -> tantivy::Result<LiveIndex> {
        index::register(&index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let writer = index.writer_with_num_threads(1, WRITER_HEAP)?;
        Ok(LiveIndex {
            index,
            reader,
            writer,
            dir,
        })
    }

    fn current(&self) -> Option<Arc<Mutex<LiveIndex>>> {
        self.inner
            .live
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// True once an index is being served (possibly still catching up).
    pub fn ready(&self) -> bool {
        self.current().is_some()
    }

    /// Starts the indexer: rebuilds a missing index, then drains the outbox after every write,
    /// until `Indexer::stop`.
    pub fn start(&self) -> Indexer {
        let me = self.clone();
        let stop = Arc::new(tokio::sync::Notify::new());
        let stopped = stop.clone();
        let handle = tokio::spawn(async move {
            if me.inner.paused {
                tracing::warn!("search indexing is paused (GYMBOX_SEARCH_PAUSED)");
                stopped.notified().await;
                return;
            }
            if let Err(e) = me.rebuild_if_missing().await {
                tracing::error!(error = %e, "search index rebuild failed");
            }
            loop {
                if let Err(e) = me.catch_up().await {
                    tracing::error!(error = %e, "search indexing failed; will retry");
                }
                tokio::select! {
                    () = stopped.notified() => return,
                    () = me.inner.store.changed() => {}
                    () = tokio::time::sleep(Duration::from_secs(5)) => {}
                }
            }
        });
        Indexer { handle, stop }
    }

    /// Builds the index unless one is being served.
    async fn rebuild_if_missing(&self) -> Result<(), AppError> {
        let guard = self.inner.work.lock().await;
        if self.ready() {
            return Ok(());
        }
        drop(guard);
        self.rebuild().await.map(|_| ())
    }

    /// Waits until the index exists and holds every committed change (tests, `reindex`).
    pub async fn settle(&self) -> Result<(), AppError> {
        self.rebuild_if_missing().await?;
        self.catch_up().await.map(|_| ())
    }

    /// Drains the outbox until it is empty (the indexer calls it; tests and `reindex` too).
    pub async fn catch_up(&self) -> Result<usize, AppError> {
        let mut total = 0;
        loop {
            let n = self.drain_once().await?;
            total += n;
            if n < DRAIN_BATCH {
                return Ok(total);
            }
        }
    }

    async fn drain_once(&self) -> Result<usize, AppError> {
        let _guard = self.inner.work.lock().await;
        let Some(live) = self.current() else {
            return Ok(0);
        };
        let me = self.clone();
        let keys = tokio::task::spawn_blocking(move || -> Result<Vec<u128>, AppError> {
            let rows = {
                let tx = me.inner.store.snapshot()?;
                let rows = outbox::pending(&tx, DRAIN_BATCH)?;
                let mut docs = Vec::with_capacity(rows.len());
                for (_, kind, id) in &rows {
                    docs.push((
                        format!("{}:{id}", kind.as_str()),
                        me.doc_for(&tx, *kind, id)?,
                    ));
                }
                let mut live = live.lock().unwrap_or_else(|e| e.into_inner());
                for (key, doc) in docs {
                    live.writer
                        .delete_term(Term::from_field_text(me.inner.fields.key, &key));
                    if let Some(d) = doc {
                        live.writer.add_document(d.doc).map_err(err)?;
                    }
                }
                if !rows.is_empty() {
                    live.writer.commit().map_err(err)?;
                    live.reader.reload().map_err(err)?;
                }
                rows
            };
            Ok(rows.into_iter().map(|(k, _, _)| k).collect())
        })
        .await??;
        if !keys.is_empty() {
            let n = keys.len();
            self.inner
                .store
                .write(move |tx| outbox::remove(tx, &keys))
                .await?;
            return Ok(n);
        }
        Ok(0)
    }

    /// The current document for an entity, or `None` when it is gone or must not be found.
    fn doc_for(
        &self,
        tx: &crate::storage::Snapshot,
        kind: Kind,
        id: &str,
    ) -> Result<Option<Doc>, AppError> {
        let f = &self.inner.fields;
        Ok(match kind {
            Kind::User => match ids::parse(id) {
                Some(uid) => tx.user(uid)?.and_then(|u| index::user_doc(f, &u)),
                None => None,
            },
            Kind::Plan => match ids::parse(id) {
                Some(pid) => match crate::training::store::plan(tx, pid)? {
                    Some(p) => Some(index::plan_doc(f, &p, &plan_exercise_names(tx, &p)?)),
                    None => None,
                },
                None => None,
            },
            Kind::Club => match ids::parse(id) {
                Some(cid) => {
                    use crate::social::store::Reader as _;
                    tx.club(cid)?.map(|c| index::club_doc(f, &c))
                }
                None => None,
            },
            Kind::Exercise => match catalogue::builtin_by_id(id) {
                Some(e) => Some(index::exercise_doc(f, e)),
                None => match ids::parse(id) {
                    Some(eid) => crate::training::store::exercise(tx, eid)?
                        .map(|e| index::exercise_doc(f, &e)),
                    None => None,
                },
            },
        })
    }

    /// Builds a complete index from redb into a new directory and swaps it in when done; the
    /// old index keeps answering meanwhile. Outbox rows written during the build are applied
    /// afterwards (idempotent).
    pub async fn rebuild(&self) -> Result<usize, AppError> {
        let _guard = self.inner.work.lock().await;
        let me = self.clone();
        let started = std::time::Instant::now();
        let (live, count) = tokio::task::spawn_blocking(move || me.build_new()).await??;
        let old = {
            let mut slot = self.inner.live.write().unwrap_or_else(|e| e.into_inner());
            slot.replace(Arc::new(Mutex::new(live)))
        };
        if let Some(old) = old {
            // The old writer and its files go once nobody searches them.
            let dir = old.lock().unwrap_or_else(|e| e.into_inner()).dir.clone();
            drop(old);
            let _ = std::fs::remove_dir_all(dir);
        }
        self.remove_stray_dirs();
        tracing::info!(
            documents = count,
            seconds = started.elapsed().as_secs_f64(),
            "search index built"
        );
        Ok(count)
    }

    fn build_new(&self) -> Result<(LiveIndex, usize), AppError> {
        std::fs::create_dir_all(&self.inner.root).map_err(err)?;
        let name = format!("index-{}", ids::to_string(ids::new_id()));
        let dir = self.inner.root.join(&name);
        std::fs::create_dir_all(&dir).map_err(err)?;
        let index = Index::create_in_dir(&dir, self.inner.schema.clone()).map_err(err)?;
        let mut live = Self::live(index, dir).map_err(err)?;
        let f = &self.inner.fields;
        let mut count = 0usize;
        for e in catalogue::builtin() {
            live.writer
                .add_document(index::exercise_doc(f, e).doc)
                .map_err(err)?;
            count += 1;
        }
        let tx = self.inner.store.snapshot()?;
        let writer = &mut live.writer;
        crate::accounts::store::each_user(&tx, &mut |u| {
            if let Some(d) = index::user_doc(f, &u) {
                writer.add_document(d.doc).map_err(err)?;
                count += 1;
            }
            Ok(())
        })?;
        crate::training::store::each_plan(&tx, &mut |p| {
            let names = plan_exercise_names(&tx, &p)?;
            writer
                .add_document(index::plan_doc(f, &p, &names).doc)
                .map_err(err)?;
            count += 1;
            Ok(())
        })?;
        {
            use crate::social::store::Reader as _;
            let mut after = None;
            loop {
                let page = tx.clubs(after, &mut |_| Ok(true), 256)?;
                let Some(last) = page.last() else { break };
                after = Some(last.id);
                for c in &page {
                    writer
                        .add_document(index::club_doc(f, c).doc)
                        .map_err(err)?;
                    count += 1;
                }
            }
        }
        crate::training::store::each_custom_exercise(&tx, &mut |e| {
            writer
                .add_document(index::exercise_doc(f, &e).doc)
                .map_err(err)?;
            count += 1;
            Ok(())
        })?;
        live.writer.commit().map_err(err)?;
        live.reader.reload().map_err(err)?;
        // Only now does the new index become the one to open at start.
        let manifest = serde_json::to_vec(&Manifest {
            schema: SCHEMA_VERSION,
            dir: name,
        })
        .map_err(err)?;
        let tmp = self.inner.root.join("index.json.tmp");
        std::fs::write(&tmp, manifest).map_err(err)?;
        std::fs::File::open(&tmp)
            .and_then(|f| f.sync_all())
            .map_err(err)?;
        std::fs::rename(&tmp, self.inner.root.join("index.json")).map_err(err)?;
        Ok((live, count))
    }

    /// Removes index directories left by an interrupted rebuild.
    fn remove_stray_dirs(&self) {
        let keep = self
            .current()
            .map(|l| l.lock().unwrap_or_else(|e| e.into_inner()).dir.clone());
        if let Ok(entries) = std::fs::read_dir(&self.inner.root) {
            for e in entries.flatten() {
                let p = e.path();
                if p.is_dir() && Some(&p) != keep.as_ref() {
                    let _ = std::fs::remove_dir_all(p);
                }
            }
        }
    }

    /// Runs a query as `viewer` may see: candidates from Tantivy, each checked against redb.
    pub async fn search(
        &self,
        viewer: &crate::accounts::model::User,
        q: SearchQuery,
    ) -> Result<Vec<Hit>, AppError> {
        let Some(live) = self.current() else {
            return Ok(Vec::new());
        };
        let me = self.clone();
        let viewer = viewer.clone();
        tokio::task::spawn_blocking(move || {
            query::run(
                &me.inner.store,
                &me.inner.fields,
                &live,
                &*me.inner.relations,
                &viewer,
                &q,
            )
        })
        .await?
    }
}

impl Search {
    /// Runs only the Tantivy part of a query (no record checks) and returns how many
    /// candidates it found — for benchmarks comparing the API with the raw engine.
    pub fn raw_candidates(
        &self,
        viewer: &crate::accounts::model::User,
        q: &SearchQuery,
    ) -> Result<usize, AppError> {
        let Some(live) = self.current() else {
            return Ok(0);
        };
        query::candidates(
            &self.inner.fields,
            &live,
            viewer,
            q,
            &std::collections::HashSet::new(),
            &[],
        )
        .map(|(_, c)| c.len())
    }
}

fn plan_exercise_names(tx: &crate::storage::Snapshot, p: &Plan) -> Result<Vec<String>, AppError> {
    let mut names = Vec::new();
    for (_, _, day) in p.sequence() {
        for ex in &day.exercises {
            let e = match catalogue::builtin_by_id(&ex.exercise_id) {
                Some(e) => Some(e.clone()),
                None => match ids::parse(&ex.exercise_id) {
                    Some(id) => crate::training::store::exercise(tx, id)?,
                    None => None,
                },
            };
            if let Some(e) = e {
                names.push(e.name_en.clone());
                if !e.name_ru.is_empty() {
                    names.push(e.name_ru.clone());
                }
            }
        }
    }
    names.sort();
    names.dedup();
    Ok(names)
}
