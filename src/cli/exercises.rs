//! `gymbox exercises import FILE`: import a free-exercise-db `exercises.json`.

use std::path::PathBuf;

use anyhow::Context;
use clap::Subcommand;

use super::client::send;
use crate::admin::{Command, Output};

#[derive(Subcommand, Debug)]
pub enum ExercisesCommand {
    /// Import exercises in the free-exercise-db JSON format as gym-wide exercises; names
    /// already in the catalogue are skipped, so running it again imports nothing new.
    Import { file: PathBuf },
}

pub fn run(cli: &super::Cli, cmd: &ExercisesCommand) -> anyhow::Result<()> {
    let ExercisesCommand::Import { file } = cmd;
    let text =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let entries: Vec<serde_json::Value> = serde_json::from_str(&text)
        .with_context(|| format!("{} is not a JSON array of exercises", file.display()))?;
    let out = send(&cli.data_dir()?, Command::ExercisesImport { entries })?;
    if cli.json {
        out!("{}", serde_json::to_string_pretty(&out.json())?);
    } else {
        let r = crate::expect_output!(out, Output::Imported(r) => r);
        out!(
            "{} exercises read: {} imported, {} skipped as already known, {} invalid",
            r.total,
            r.imported,
            r.skipped_duplicates,
            r.invalid.len()
        );
        for i in &r.invalid {
            out!("  #{} {}: {}", i.index, i.name, i.reason);
        }
    }
    Ok(())
}
