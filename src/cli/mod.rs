//! The `gymbox` command line (clap). One file per command; administrative commands go through
//! `client`, which reaches a running server's admin socket or opens the database itself.

/// `println!` that returns an error when standard output is closed or full (`gymbox version >
/// /dev/full`, `gymbox user list | head -0`) instead of panicking.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout(), $($arg)*).map_err($crate::cli::output_error)?
    }};
}

mod analysis;
mod backup;
mod client;
mod completions;
mod demo;
mod exercises;
mod healthcheck;
mod import;
mod invite;
mod openapi;
mod serve;
mod user;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(name = "gymbox", version = crate::VERSION, about = "Gymbox: a self-hosted training and community platform in one binary")]
pub struct Cli {
    /// Data directory (database, search index, admin socket).
    #[arg(long = "data", env = "GYMBOX_DATA", global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,

    /// Print machine-readable JSON instead of text.
    #[arg(long, global = true)]
    pub json: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the server.
    Serve(serve::Args),
    /// Manage user accounts (works while the server runs).
    #[command(subcommand)]
    User(user::UserCommand),
    /// Manage invite codes (works while the server runs).
    #[command(subcommand)]
    Invite(invite::InviteCommand),
    /// The exercise catalogue (works while the server runs).
    #[command(subcommand)]
    Exercises(exercises::ExercisesCommand),
    /// Fill an empty data directory with a sample gym (server stopped).
    Demo(demo::Args),
    /// Rebuild the search index from the database (works while the server runs).
    Reindex,
    /// Derived analysis data (records, summaries, training load).
    #[command(subcommand)]
    Analysis(AnalysisCommand),
    /// Import a member's training history from Strong or Hevy, or GPS activities from GPX, TCX
    /// or FIT files (works while the server runs).
    Import(import::ImportArgs),
    /// Write a member's full account export (ZIP of JSON and a Strong CSV) to FILE (works
    /// while the server runs; the server writes the file).
    Export {
        /// The member.
        #[arg(long)]
        user: String,
        /// The new ZIP file.
        file: PathBuf,
    },
    /// Write a consistent backup of the database to FILE (works while the server runs; the
    /// server writes the file, so its directory must be writable by the server's user).
    Backup {
        /// The new backup file (never overwritten).
        #[arg(required_unless_present = "into", conflicts_with = "into")]
        file: Option<PathBuf>,
        /// Instead of FILE: write `gymbox-<UTC time>.redb` into this directory (created when
        /// missing) and remove the oldest such files beyond --keep — for cron jobs and timers.
        #[arg(long, value_name = "DIR")]
        into: Option<PathBuf>,
        /// With --into: how many backups to keep in the directory.
        #[arg(long, requires = "into", default_value_t = 7, value_parser = clap::value_parser!(u32).range(1..=1000))]
        keep: u32,
    },
    /// Replace the database with a backup: verified first, the current database kept aside,
    /// the search index rebuilt at the next start (the server must be stopped).
    Restore {
        /// A file written by `gymbox backup`.
        file: PathBuf,
    },
    /// Give back the space of part-full and freed pages: rewrite the database packed, checked
    /// before it replaces the old file (the server must be stopped).
    Compact,
    /// Check the database: every record decodes and the indexes agree with their rows (exit
    /// status 1 when problems are found; works while the server runs).
    Check {
        /// Also list every table's rows and bytes on disk, largest first.
        #[arg(long)]
        stats: bool,
    },
    /// Print the OpenAPI document.
    Openapi,
    /// Check that the server answers on /healthz (exit 0 when healthy).
    Healthcheck(healthcheck::Args),
    /// Print the version.
    Version,
    /// Print shell completions.
    Completions(completions::CompletionArgs),
    /// Write the man pages into a directory.
    Manpage(completions::ManArgs),
}

impl Cli {
    /// `--data`, `GYMBOX_DATA`, the `data` key of the file `GYMBOX_CONFIG` names, or
    /// `./gymbox-data` — so administrative commands find the same directory the server uses.
    pub fn data_dir(&self) -> anyhow::Result<PathBuf> {
        if let Some(d) = &self.data {
            return Ok(d.clone());
        }
        if let Some(path) = std::env::var_os("GYMBOX_CONFIG") {
            let file = crate::config::read_file(std::path::Path::new(&path))
                .map_err(anyhow::Error::msg)?;
            if let Some(d) = file.data {
                return Ok(d);
            }
        }
        Ok(PathBuf::from("gymbox-data"))
    }
}

#[derive(Subcommand, Debug)]
pub enum AnalysisCommand {
    /// Recompute records, summaries and training load from the training history (works
    /// while the server runs; progress on stderr).
    Rebuild,
}

/// Runs the parsed command; errors are printed by `main` as one line.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    match &cli.command {
        Command::Serve(args) => serve::run(&cli, args),
        Command::User(cmd) => user::run(&cli, cmd),
        Command::Invite(cmd) => invite::run(&cli, cmd),
        Command::Exercises(cmd) => exercises::run(&cli, cmd),
        Command::Demo(args) => demo::run(&cli, args),
        Command::Reindex => {
            let out = client::send(&cli.data_dir()?, crate::admin::Command::Reindex)?;
            if cli.json {
                out!("{}", out.json());
            } else {
                let (documents, seconds) = crate::expect_output!(
                    out,
                    crate::admin::Output::Reindexed { documents, seconds } => (documents, seconds)
                );
                out!("search index rebuilt: {documents} documents in {seconds:.2} s");
            }
            Ok(())
        }
        Command::Analysis(AnalysisCommand::Rebuild) => analysis::rebuild(&cli),
        Command::Import(args) => import::run(&cli, args),
        Command::Export { user, file } => backup::export(&cli, user, file),
        Command::Backup { file, into, keep } => match (file, into) {
            (Some(file), _) => backup::backup(&cli, file),
            (None, Some(dir)) => backup::backup_into(&cli, dir, *keep),
            (None, None) => unreachable!("clap requires FILE or --into"),
        },
        Command::Restore { file } => backup::restore(&cli, file),
        Command::Check { stats } => backup::check(&cli, *stats),
        Command::Compact => backup::compact(&cli),
        Command::Openapi => openapi::run(),
        Command::Healthcheck(args) => healthcheck::run(&cli, args),
        Command::Version => {
            if cli.json {
                out!("{}", serde_json::json!({ "version": crate::VERSION }));
            } else {
                out!("gymbox {}", crate::VERSION);
            }
            Ok(())
        }
        Command::Completions(args) => completions::completions(args),
        Command::Manpage(args) => completions::manpages(args),
    }
}

pub(crate) fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?)
}

/// The one-line reason for a failed write to standard output.
pub fn output_error(e: std::io::Error) -> anyhow::Error {
    anyhow::anyhow!("cannot write the output ({e}); is standard output closed or the disk full?")
}
