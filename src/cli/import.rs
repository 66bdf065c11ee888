//! `gymbox import --user NAME --format strong|hevy|gpx|tcx|fit|gymbox FILE [--dry-run]`: a
//! member's history from another app's export, GPS activities, or everything from another
//! Gymbox's account archive.

use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::Args;

use std::io::Write as _;
use std::sync::Arc;

use super::client::send_with_progress;
use crate::admin::{Command, Output, Progress};

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// The member whose history it is.
    #[arg(long)]
    pub user: String,
    /// `strong`, `hevy` (CSV exports), `gpx`, `tcx` or `fit` (GPS activities; FIT strength
    /// files too), or `gymbox` (another Gymbox's account ZIP).
    #[arg(long)]
    pub format: String,
    /// Weights of a file that does not say (`kg` or `lb`; default: the member's units).
    #[arg(long)]
    pub unit: Option<String>,
    /// Only read the file and report what would be created.
    #[arg(long)]
    pub dry_run: bool,
    /// `NAME=EXERCISE_ID`: map an exercise name of the file (repeatable; kept for next time).
    #[arg(long = "map", value_name = "NAME=ID")]
    pub map: Vec<String>,
    /// `NAME=MUSCLE`: create a private exercise for a name (`cardio` for one without a muscle).
    #[arg(long = "create", value_name = "NAME=MUSCLE")]
    pub create: Vec<String>,
    /// A Gymbox archive: leave the member's display name, bio, preferences and privacy
    /// settings as they are (by default the archive's are taken over).
    #[arg(long)]
    pub keep_profile: bool,
    /// The exported CSV file, the activity file, or the Gymbox ZIP.
    pub file: PathBuf,
}

fn pairs(list: &[String], flag: &str) -> anyhow::Result<Vec<(String, String)>> {
    list.iter()
        .map(|s| match s.rsplit_once('=') {
            Some((n, v)) if !n.is_empty() && !v.is_empty() => Ok((n.to_owned(), v.to_owned())),
            _ => bail!("--{flag} takes NAME=VALUE, not '{s}'"),
        })
        .collect()
}

pub fn run(cli: &super::Cli, a: &ImportArgs) -> anyhow::Result<()> {
    let bytes =
        std::fs::read(&a.file).with_context(|| format!("cannot read {}", a.file.display()))?;
    // Text travels as it is; a binary file (FIT, a Gymbox archive) as base64.
    let binary = matches!(a.format.as_str(), "gymbox" | "fit");
    let (content, content_base64) = match String::from_utf8(bytes) {
        Ok(text) if !binary => (text, None),
        Ok(text) => {
            use base64::Engine;
            (
                String::new(),
                Some(base64::engine::general_purpose::STANDARD.encode(text)),
            )
        }
        Err(e) => {
            use base64::Engine;
            let b64 = base64::engine::general_purpose::STANDARD.encode(e.into_bytes());
            (String::new(), Some(b64))
        }
    };
    let cmd = Command::HistoryImport {
        username: a.user.clone(),
        format: a.format.clone(),
        unit: a.unit.clone(),
        file_name: a
            .file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        content,
        content_base64,
        dry_run: a.dry_run,
        map: pairs(&a.map, "map")?,
        create: pairs(&a.create, "create")?,
        keep_profile: a.keep_profile,
    };
    let quiet = cli.json;
    let report = Arc::new(move |p: Progress| {
        if !quiet {
            let _ = writeln!(
                std::io::stderr().lock(),
                "import: {}/{} workouts",
                p.done,
                p.total
            );
        }
    });
    let out = send_with_progress(&cli.data_dir()?, cmd, report)?;
    if cli.json {
        out!("{}", serde_json::to_string_pretty(&out.json())?);
        return Ok(());
    }
    let r = crate::expect_output!(out, Output::HistoryImported(r) => r);
    out!(
        "{} workouts, {} sets{} in the file; {} imported before",
        r.workouts,
        r.sets,
        match (&r.from, &r.to) {
            (Some(f), Some(t)) => format!(" from {} to {}", &f[..10], &t[..10]),
            _ => String::new(),
        },
        r.already_imported
    );
    for (kind, held, created) in &r.contents {
        out!("  {kind}: {held} in the archive, {created} created");
    }
    if let Some(e) = &r.error {
        out!("  stopped: {e}");
    }
    for (line, message) in &r.problems {
        out!("  line {line}: {message}");
    }
    for (name, suggestions) in &r.unmatched {
        out!(
            "  no exercise for '{name}'{}",
            if suggestions.is_empty() {
                String::new()
            } else {
                format!(" (maybe: {})", suggestions.join(", "))
            }
        );
    }
    if r.status == "applied" {
        out!(
            "imported: {} workouts created, {} left out as imported before (import {})",
            r.created,
            r.skipped,
            r.id
        );
    } else {
        out!("dry run: nothing was written (draft {})", r.id);
    }
    Ok(())
}
