//! `gymbox import --user NAME --format strong|hevy|gpx|tcx|fit FILE [--dry-run]`: a member's
//! history from another app's export, or GPS activities.

use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::Args;

use super::client::send;
use crate::admin::{Command, Output};

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// The member whose history it is.
    #[arg(long)]
    pub user: String,
    /// `strong`, `hevy` (CSV exports), `gpx`, `tcx` or `fit` (GPS activities; FIT strength
    /// files too).
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
    /// The exported CSV file, or the activity file.
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
    // Text travels as it is; a binary file (FIT) as base64.
    let (content, content_base64) = match String::from_utf8(bytes) {
        Ok(text) => (text, None),
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
    };
    let out = send(&cli.data_dir()?, cmd)?;
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
