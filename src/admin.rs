//! Administrative commands, executed by the same services whether they arrive through the
//! running server's admin socket or from a CLI that opened the database itself.
//!
//! The socket is `admin.sock` in the data directory, mode 0600: whoever can use it could also
//! read the database file. One JSON request per line, one JSON reply per line.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

use crate::accounts::Accounts;
use crate::accounts::api::rfc3339;
use crate::accounts::model::{Invite, Role, Status, User};
use crate::accounts::service::{Actor, NewUser};
use crate::error::AppError;
use crate::state::AppState;

pub const SOCKET_FILE: &str = "admin.sock";

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case")]
pub enum Command {
    Ping,
    UserAdd {
        username: String,
        role: String,
        email: Option<String>,
        display_name: Option<String>,
        password: String,
    },
    UserList,
    UserShow {
        username: String,
    },
    UserSetRole {
        username: String,
        role: String,
    },
    UserSetStatus {
        username: String,
        disabled: bool,
    },
    UserDelete {
        username: String,
    },
    UserResetPassword {
        username: String,
        password: String,
    },
    UserDisableTotp {
        username: String,
    },
    InviteCreate {
        role: String,
        uses: u32,
        expires_in_hours: Option<u32>,
    },
    InviteList,
    InviteRevoke {
        code: String,
    },
    /// Rebuilds the search index from the database.
    Reindex,
    /// Recomputes the analysis tables (records, summaries, load) from the training history.
    AnalysisRebuild,
    /// Entries of a free-exercise-db `exercises.json`.
    ExercisesImport {
        entries: Vec<serde_json::Value>,
    },
    /// Writes a consistent copy of the database to `path` (absolute; must not exist) while
    /// the server runs.
    Backup {
        path: String,
    },
    /// Writes a consistent copy named `gymbox-<UTC time>.redb` into `dir` (absolute; created
    /// owner-only when missing) and removes the oldest such copies beyond `keep`.
    BackupInto {
        dir: String,
        keep: u32,
    },
    /// Checks that every record decodes and the main indexes agree with their rows.
    Check,
    /// Writes a member's full account export (ZIP) to `path` (absolute; must not exist).
    AccountExport {
        username: String,
        path: String,
    },
    /// Imports a member's history from another app's export (`format`: strong or hevy).
    HistoryImport {
        username: String,
        format: String,
        unit: Option<String>,
        file_name: String,
        content: String,
        /// The file as base64 instead of `content`, when it is not text (a Gymbox archive, FIT).
        #[serde(default)]
        content_base64: Option<String>,
        dry_run: bool,
        /// (name in the file, exercise id) choices.
        map: Vec<(String, String)>,
        /// (name in the file, primary muscle or `cardio`) for new private exercises.
        create: Vec<(String, String)>,
        /// A Gymbox archive: leave the member's profile and preferences as they are.
        #[serde(default)]
        keep_profile: bool,
    },
}

/// What an import of history read and did (the CLI's view of it).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HistoryImportInfo {
    pub id: String,
    pub status: String,
    pub workouts: usize,
    pub sets: usize,
    pub from: Option<String>,
    pub to: Option<String>,
    pub already_imported: u32,
    pub created: usize,
    pub skipped: u32,
    /// Names still without an exercise, with suggestions (exercise ids).
    pub unmatched: Vec<(String, Vec<String>)>,
    pub problems: Vec<(usize, String)>,
    /// A Gymbox archive: (kind, in the archive, created) for exercises, plans, body metrics.
    #[serde(default)]
    pub contents: Vec<(String, usize, usize)>,
    #[serde(default)]
    pub error: Option<String>,
}

/// A user as the CLI prints it (`--json` output is stable for scripts).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UserInfo {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub email: Option<String>,
    pub role: String,
    pub status: String,
    pub created_at: String,
    pub last_login_at: Option<String>,
    pub totp_enabled: bool,
}

impl From<&User> for UserInfo {
    fn from(u: &User) -> Self {
        Self {
            id: crate::storage::ids::to_string(u.id),
            username: u.username.clone(),
            display_name: u.display_name.clone(),
            email: u.email.clone(),
            role: u.role.as_str().into(),
            status: match u.status {
                Status::Active => "active".into(),
                Status::Disabled => "disabled".into(),
            },
            created_at: rfc3339(u.created_at),
            last_login_at: u.last_login_at.map(rfc3339),
            totp_enabled: u.totp_enabled(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct InviteInfo {
    pub code: String,
    pub role: String,
    pub uses: u32,
    pub max_uses: u32,
    pub expires_at: Option<String>,
    pub created_at: String,
    pub created_by: String,
}

impl From<&Invite> for InviteInfo {
    fn from(i: &Invite) -> Self {
        Self {
            code: i.code.clone(),
            role: i.role.as_str().into(),
            uses: i.uses,
            max_uses: i.max_uses,
            expires_at: i.expires_at.map(rfc3339),
            created_at: rfc3339(i.created_at),
            created_by: i.created_by.clone(),
        }
    }
}

/// How far a long command has come; sent as lines before its reply.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub struct Progress {
    pub done: u64,
    pub total: u64,
}

/// A progress line on the admin socket: `{"progress": {"done": 3, "total": 10}}`.
#[derive(Debug, Serialize, Deserialize)]
pub struct ProgressLine {
    pub progress: Progress,
}

/// Where a command reports its progress.
pub type ProgressFn = std::sync::Arc<dyn Fn(Progress) + Send + Sync>;

/// What a command produced: one typed value per kind of command.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Output {
    Pong {
        version: String,
    },
    User(UserInfo),
    Users(Vec<UserInfo>),
    Deleted {
        deleted: String,
    },
    PasswordReset {
        username: String,
        sessions_ended: bool,
        tokens_ended: bool,
    },
    Invite(InviteInfo),
    Invites(Vec<InviteInfo>),
    Revoked {
        revoked: String,
    },
    Reindexed {
        documents: u64,
        seconds: f64,
    },
    Imported(crate::training::api::dto::ImportReportJson),
    AnalysisRebuilt {
        members: u64,
        sets: u64,
        seconds: f64,
    },
    BackedUp {
        path: String,
        tables: u64,
        rows: u64,
        bytes: u64,
        seconds: f64,
    },
    Checked(crate::storage::backup::CheckReport),
    HistoryImported(HistoryImportInfo),
    Exported {
        path: String,
        bytes: u64,
    },
}

impl Output {
    /// The value alone, as `--json` prints it (stable for scripts).
    pub fn json(&self) -> serde_json::Value {
        let mut v = serde_json::to_value(self).unwrap_or_default();
        v.get_mut("value")
            .map(serde_json::Value::take)
            .unwrap_or_default()
    }
}

/// The reply to one command: its output, or the one-line reason it failed.
#[derive(Debug, Serialize, Deserialize)]
pub struct Reply {
    pub ok: bool,
    #[serde(default)]
    pub result: Option<Output>,
    #[serde(default)]
    pub error: Option<String>,
}

fn role(s: &str) -> Result<Role, AppError> {
    Role::parse(s).ok_or_else(|| {
        AppError::invalid(
            "role",
            format!("Unknown role '{s}'; use owner, admin, coach or member."),
        )
    })
}

async fn user(accounts: &Accounts, username: &str) -> Result<User, AppError> {
    accounts
        .user_by_name(username)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("There is no user '{username}'.")))
}

/// Runs one command against the services.
pub async fn execute(
    state: &AppState,
    cmd: Command,
    progress: ProgressFn,
) -> Result<Output, AppError> {
    let actor = Actor::System;
    let accounts = &state.accounts;
    Ok(match cmd {
        Command::Ping => Output::Pong {
            version: crate::VERSION.to_owned(),
        },
        Command::UserAdd {
            username,
            role: r,
            email,
            display_name,
            password,
        } => {
            let new = NewUser {
                username,
                password,
                email,
                display_name,
            };
            Output::User(UserInfo::from(
                &accounts
                    .create_user(new, role(&r)?, &accounts.gym().name)
                    .await?,
            ))
        }
        Command::UserList => {
            let mut all = Vec::new();
            let mut after = None;
            loop {
                let page = accounts
                    .list_users(String::new(), after.clone(), 500)
                    .await?;
                let done = page.len() < 500;
                after = page.last().map(|u| u.username.to_lowercase());
                all.extend(page.iter().map(UserInfo::from));
                if done {
                    break;
                }
            }
            Output::Users(all)
        }
        Command::UserShow { username } => {
            Output::User(UserInfo::from(&user(accounts, &username).await?))
        }
        Command::UserSetRole { username, role: r } => {
            let u = accounts
                .admin_update(&actor, &username, Some(role(&r)?), None)
                .await?;
            Output::User(UserInfo::from(&u))
        }
        Command::UserSetStatus { username, disabled } => {
            let status = if disabled {
                Status::Disabled
            } else {
                Status::Active
            };
            let u = accounts
                .admin_update(&actor, &username, None, Some(status))
                .await?;
            Output::User(UserInfo::from(&u))
        }
        Command::UserDelete { username } => {
            accounts.delete_user(&actor, &username).await?;
            Output::Deleted { deleted: username }
        }
        Command::UserResetPassword { username, password } => {
            let u = user(accounts, &username).await?;
            accounts
                .reset_password(u.id, password, &accounts.gym().name)
                .await?;
            Output::PasswordReset {
                username: u.username,
                sessions_ended: true,
                tokens_ended: true,
            }
        }
        Command::UserDisableTotp { username } => Output::User(UserInfo::from(
            &accounts.admin_disable_totp(&actor, &username).await?,
        )),
        Command::InviteCreate {
            role: r,
            uses,
            expires_in_hours,
        } => {
            let i = accounts
                .create_invite(&actor, role(&r)?, uses, expires_in_hours)
                .await?;
            Output::Invite(InviteInfo::from(&i))
        }
        Command::InviteList => {
            let list = accounts.invites(&actor, None, 10_000).await?;
            Output::Invites(list.iter().map(InviteInfo::from).collect())
        }
        Command::Reindex => {
            let started = std::time::Instant::now();
            let documents = state.search.rebuild().await?;
            state.search.catch_up().await?;
            Output::Reindexed {
                documents: documents as u64,
                seconds: started.elapsed().as_secs_f64(),
            }
        }
        Command::ExercisesImport { entries } => {
            let r = state.training.import_free(None, entries).await?;
            Output::Imported(crate::training::api::dto::ImportReportJson::from(&r))
        }
        Command::InviteRevoke { code } => {
            accounts.revoke_invite(&actor, code.clone()).await?;
            Output::Revoked { revoked: code }
        }
        Command::Backup { path } => {
            let started = std::time::Instant::now();
            let target = std::path::PathBuf::from(&path);
            if !target.is_absolute() {
                return Err(AppError::BadRequest(format!(
                    "name the backup file with an absolute path, not {path}"
                )));
            }
            let stats = state
                .store
                .read_long(move |tx| {
                    crate::storage::backup::write_backup(tx, &target, &|done, total| {
                        progress(Progress { done, total })
                    })
                })
                .await?;
            tracing::info!(path = %path, rows = stats.rows, bytes = stats.bytes, "backup written");
            Output::BackedUp {
                path,
                tables: stats.tables,
                rows: stats.rows,
                bytes: stats.bytes,
                seconds: started.elapsed().as_secs_f64(),
            }
        }
        Command::BackupInto { dir, keep } => {
            let started = std::time::Instant::now();
            let target = std::path::PathBuf::from(&dir);
            if !target.is_absolute() {
                return Err(AppError::BadRequest(format!(
                    "name the backup directory with an absolute path, not {dir}"
                )));
            }
            if keep == 0 {
                return Err(AppError::BadRequest(
                    "keep at least one backup (--keep 1 or more)".into(),
                ));
            }
            let (file, stats) = state
                .store
                .read_long(move |tx| {
                    crate::storage::backup::scheduled(tx, &target, keep as usize, &|done, total| {
                        progress(Progress { done, total })
                    })
                })
                .await?;
            let path = file.display().to_string();
            tracing::info!(path = %path, rows = stats.rows, bytes = stats.bytes, "backup written");
            Output::BackedUp {
                path,
                tables: stats.tables,
                rows: stats.rows,
                bytes: stats.bytes,
                seconds: started.elapsed().as_secs_f64(),
            }
        }
        Command::HistoryImport {
            username,
            format,
            unit,
            file_name,
            content,
            content_base64,
            dry_run,
            map,
            create,
            keep_profile,
        } => {
            use crate::import::parse::{Format, Unit};
            use crate::import::{Status, Target};
            let u = user(accounts, &username).await?;
            let format = Format::parse(&format).ok_or_else(|| {
                AppError::invalid(
                    "format",
                    format!(
                        "Unknown format '{format}'; use strong, hevy, gymbox, gpx, tcx or fit."
                    ),
                )
            })?;
            let unit = match unit.as_deref() {
                None => None,
                Some("kg") => Some(Unit::Kg),
                Some("lb" | "lbs") => Some(Unit::Lb),
                Some(other) => {
                    return Err(AppError::invalid(
                        "unit",
                        format!("Unknown unit '{other}'; use kg or lb."),
                    ));
                }
            };
            let bytes = match content_base64 {
                Some(b) => {
                    use base64::Engine;
                    base64::engine::general_purpose::STANDARD
                        .decode(b)
                        .map_err(|e| {
                            AppError::BadRequest(format!("The file did not arrive whole: {e}"))
                        })?
                }
                None => content.into_bytes(),
            };
            let mut r = state
                .imports
                .dry_run(&u, format, &file_name, &bytes, unit)
                .await?;
            if !dry_run {
                let mapping = map
                    .into_iter()
                    .map(|(n, e)| (n, Target::Exercise(e)))
                    .chain(create.into_iter().map(|(n, m)| {
                        let muscle = (m != "cardio").then_some(m);
                        (n, Target::Create(muscle))
                    }))
                    .collect();
                let report = progress.clone();
                let progress: crate::import::Progress = std::sync::Arc::new(move |done, total| {
                    report(Progress {
                        done: u64::from(done),
                        total: u64::from(total),
                    })
                });
                r = state
                    .imports
                    .apply_wait(&u, r.import.id, mapping, !keep_profile, progress)
                    .await?;
            }
            let i = &r.import;
            Output::HistoryImported(HistoryImportInfo {
                id: crate::storage::ids::to_string(i.id),
                status: match i.status {
                    Status::Draft => "draft",
                    Status::Applying => "applying",
                    Status::Applied => "applied",
                    Status::Failed => "failed",
                    Status::Undone => "undone",
                }
                .into(),
                workouts: i.workout_count(),
                sets: i.set_count(),
                from: i.span().0.map(rfc3339),
                to: i.span().1.map(rfc3339),
                already_imported: r.already,
                created: i.created.len(),
                skipped: i.skipped,
                unmatched: r
                    .names
                    .iter()
                    .filter(|n| n.exercise.is_none())
                    .map(|n| {
                        (
                            n.name.clone(),
                            n.suggestions.iter().map(|(id, _)| id.clone()).collect(),
                        )
                    })
                    .collect(),
                problems: i
                    .problems
                    .iter()
                    .map(|p| (p.line, p.message.clone()))
                    .collect(),
                contents: i
                    .archive
                    .as_ref()
                    .map(|a| {
                        vec![
                            (
                                "exercises".to_owned(),
                                a.exercises.len() + a.gym_exercises.len(),
                                i.created_exercises.len(),
                            ),
                            ("plans".to_owned(), a.plans.len(), i.created_plans.len()),
                            (
                                "body metrics".to_owned(),
                                a.metrics.len(),
                                i.created_metrics.len(),
                            ),
                        ]
                    })
                    .unwrap_or_default(),
                error: i.error.clone(),
            })
        }
        Command::AccountExport { username, path } => {
            let u = user(accounts, &username).await?;
            let target = std::path::PathBuf::from(&path);
            if !target.is_absolute() {
                return Err(AppError::BadRequest(format!(
                    "name the export file with an absolute path, not {path}"
                )));
            }
            if target.exists() {
                return Err(AppError::BadRequest(format!(
                    "{path} exists already; name a new file."
                )));
            }
            let bytes = crate::export::account_zip(&state.training, &state.tracks, &u).await?;
            std::fs::write(&target, &bytes)
                .map_err(|e| AppError::BadRequest(format!("{path}: {e}")))?;
            Output::Exported {
                path,
                bytes: bytes.len() as u64,
            }
        }
        Command::Check => {
            Output::Checked(state.store.read_long(crate::storage::backup::check).await?)
        }
        Command::AnalysisRebuild => {
            let started = std::time::Instant::now();
            let owners = accounts.all_owners().await?;
            let members = owners.len();
            // Per member: analysis first (it marks records), then gamification (counters,
            // boards and the badges the history earns), one transaction each.
            let total = owners.len() as u64;
            let mut sets = 0;
            for (i, owner) in owners.into_iter().enumerate() {
                sets += state.analysis.rebuild_member(owner.clone()).await?;
                state.gamification.rebuild_member(owner).await?;
                progress(Progress {
                    done: i as u64 + 1,
                    total,
                });
            }
            Output::AnalysisRebuilt {
                members: members as u64,
                sets,
                seconds: started.elapsed().as_secs_f64(),
            }
        }
    })
}

fn describe(err: &AppError) -> String {
    match err {
        AppError::Validation(fields) => fields
            .iter()
            .map(|f| format!("{}: {}", f.field, f.message))
            .collect::<Vec<_>>()
            .join("; "),
        other => other.public_detail(),
    }
}

pub async fn execute_reply(state: &AppState, cmd: Command, progress: ProgressFn) -> Reply {
    match execute(state, cmd, progress).await {
        Ok(result) => Reply {
            ok: true,
            result: Some(result),
            error: None,
        },
        Err(e) => Reply {
            ok: false,
            result: None,
            error: Some(describe(&e)),
        },
    }
}

/// One admin connection: a command per line, progress lines while it runs, then its reply.
async fn serve_connection(state: AppState, stream: tokio::net::UnixStream) {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read).lines();
    while let Ok(Some(line)) = lines.next_line().await {
        let reply = match serde_json::from_str::<Command>(&line) {
            Ok(cmd) => match run_reporting(&state, cmd, &mut write).await {
                Some(reply) => reply,
                None => return,
            },
            Err(e) => Reply {
                ok: false,
                result: None,
                error: Some(format!("unknown command: {e}")),
            },
        };
        let mut out = serde_json::to_vec(&reply).unwrap_or_default();
        out.push(b'\n');
        if write.write_all(&out).await.is_err() {
            break;
        }
    }
}

/// Runs a command, writing its progress lines as they come; `None` when the client left.
async fn run_reporting(
    state: &AppState,
    cmd: Command,
    write: &mut tokio::net::unix::OwnedWriteHalf,
) -> Option<Reply> {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let report: ProgressFn = std::sync::Arc::new(move |p| {
        let _ = tx.send(p);
    });
    let run = execute_reply(state, cmd, report);
    tokio::pin!(run);
    let reply = loop {
        tokio::select! {
            reply = &mut run => break reply,
            Some(p) = rx.recv() => write_progress(write, p).await.ok()?,
        }
    };
    // Progress sent just before the end still goes out first.
    while let Ok(p) = rx.try_recv() {
        write_progress(write, p).await.ok()?;
    }
    Some(reply)
}

async fn write_progress(
    write: &mut tokio::net::unix::OwnedWriteHalf,
    progress: Progress,
) -> std::io::Result<()> {
    let mut out = serde_json::to_vec(&ProgressLine { progress }).unwrap_or_default();
    out.push(b'\n');
    write.write_all(&out).await
}

/// The admin socket served by a running server.
pub struct AdminSocket {
    path: PathBuf,
    task: tokio::task::JoinHandle<()>,
}

impl AdminSocket {
    /// Binds `admin.sock`, replacing a stale one (we hold the database lock, so no other
    /// server can be using it).
    pub fn bind(data_dir: &Path, state: AppState) -> anyhow::Result<Self> {
        use std::os::unix::fs::PermissionsExt;
        let path = data_dir.join(SOCKET_FILE);
        let _ = std::fs::remove_file(&path);
        let listener = tokio::net::UnixListener::bind(&path).map_err(|e| {
            anyhow::anyhow!("cannot create the admin socket {}: {e}", path.display())
        })?;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))?;
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve_connection(state.clone(), stream));
            }
        });
        Ok(Self { path, task })
    }

    pub async fn close(self) {
        self.task.abort();
        let _ = self.task.await;
        let _ = std::fs::remove_file(&self.path);
    }
}
