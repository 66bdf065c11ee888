//! `gymbox backup FILE`, `gymbox restore FILE`, `gymbox check`, `gymbox compact`,
//! `gymbox export --user NAME FILE`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, bail};

use crate::admin::{Command, Output, Progress};

/// An absolute path for `file`, as the server (whose working directory differs) must see it.
fn absolute(file: &Path) -> anyhow::Result<PathBuf> {
    let abs = if file.is_absolute() {
        file.to_path_buf()
    } else {
        std::env::current_dir()
            .context("cannot read the current directory")?
            .join(file)
    };
    Ok(abs)
}

/// Writes a consistent backup while the server runs (or directly when it does not).
pub fn backup(cli: &super::Cli, file: &Path) -> anyhow::Result<()> {
    let cmd = Command::Backup {
        path: absolute(file)?.display().to_string(),
    };
    run_backup(cli, cmd)
}

/// Writes a timestamped backup into `dir` and keeps the newest `keep` there.
pub fn backup_into(cli: &super::Cli, dir: &Path, keep: u32) -> anyhow::Result<()> {
    let cmd = Command::BackupInto {
        dir: absolute(dir)?.display().to_string(),
        keep,
    };
    run_backup(cli, cmd)
}

fn run_backup(cli: &super::Cli, cmd: Command) -> anyhow::Result<()> {
    let quiet = cli.json;
    let report = Arc::new(move |p: Progress| {
        if !quiet && (p.done == p.total || p.done.is_multiple_of(10)) {
            let _ = writeln!(
                std::io::stderr().lock(),
                "backup: {}/{} tables",
                p.done,
                p.total
            );
        }
    });
    let out = super::client::send_with_progress(&cli.data_dir()?, cmd, report)?;
    if cli.json {
        out!("{}", out.json());
    } else {
        let (path, rows, bytes, seconds) = crate::expect_output!(
            out,
            Output::BackedUp { path, rows, bytes, seconds, .. } => (path, rows, bytes, seconds)
        );
        out!(
            "backup written: {path} ({rows} rows, {:.1} MiB) in {seconds:.2} s",
            bytes as f64 / 1_048_576.0
        );
    }
    Ok(())
}

/// Checks the database: records decode, indexes agree. Exit status 1 when problems are found.
pub fn check(cli: &super::Cli, stats: bool) -> anyhow::Result<()> {
    let out = super::client::send(&cli.data_dir()?, Command::Check)?;
    let report = crate::expect_output!(out, Output::Checked(r) => r);
    if cli.json {
        out!("{}", serde_json::to_value(&report)?);
    } else {
        if stats {
            print_sizes(&report)?;
        }
        for p in &report.problems {
            out!("{}: {}", p.table, p.problem);
        }
        out!(
            "checked {} tables, {} rows: {}",
            report.tables,
            report.rows,
            match report.problems.len() {
                0 => "no problems".to_owned(),
                n => format!("{n} problem(s)"),
            }
        );
    }
    if report.problems.is_empty() {
        Ok(())
    } else {
        bail!("the database has problems (listed above)")
    }
}

/// The tables by size, with each one's share of the whole and its bytes per set.
fn print_sizes(report: &crate::storage::backup::CheckReport) -> anyhow::Result<()> {
    let sets = report.sets;
    let total: u64 = report
        .sizes
        .iter()
        .map(|t| t.stored_bytes + t.metadata_bytes + t.fragmented_bytes)
        .sum();
    out!(
        "{:<24} {:>12} {:>14} {:>12} {:>12} {:>10}",
        "table",
        "rows",
        "stored bytes",
        "metadata",
        "unused",
        "per set"
    );
    for t in &report.sizes {
        let bytes = t.stored_bytes + t.metadata_bytes + t.fragmented_bytes;
        if bytes == 0 {
            continue;
        }
        out!(
            "{:<24} {:>12} {:>14} {:>12} {:>12} {:>10.1}",
            t.table,
            t.rows,
            t.stored_bytes,
            t.metadata_bytes,
            t.fragmented_bytes,
            bytes as f64 / sets.max(1) as f64
        );
    }
    out!(
        "{} sets, {:.1} MiB in tables, {:.1} bytes per set",
        sets,
        total as f64 / 1_048_576.0,
        total as f64 / sets.max(1) as f64
    );
    Ok(())
}

/// Replaces the database with a verified backup; the server must be stopped.
pub fn restore(cli: &super::Cli, file: &Path) -> anyhow::Result<()> {
    let data = cli.data_dir()?;
    if super::client::server_answers(&data) {
        bail!(
            "a server is running on {}; stop it first (with systemd: systemctl stop gymbox.socket gymbox.service)",
            data.display()
        );
    }
    let kept = crate::storage::backup::restore(&data, file).map_err(anyhow::Error::msg)?;
    if cli.json {
        out!(
            "{}",
            serde_json::json!({
                "restored": file.display().to_string(),
                "previous": kept.as_ref().map(|p| p.display().to_string()),
            })
        );
    } else {
        out!("restored {} into {}", file.display(), data.display());
        if let Some(k) = kept {
            out!("the previous database is kept as {}", k.display());
        }
        out!("the search index is rebuilt at the next start");
    }
    Ok(())
}

/// Packs the database (the server must be stopped).
pub fn compact(cli: &super::Cli) -> anyhow::Result<()> {
    let data = cli.data_dir()?;
    if super::client::server_answers(&data) {
        bail!(
            "a server is running on {}; stop it first (with systemd: systemctl stop gymbox.socket gymbox.service)",
            data.display()
        );
    }
    let started = std::time::Instant::now();
    let p = crate::storage::backup::compact(&data).map_err(anyhow::Error::msg)?;
    if cli.json {
        out!("{}", serde_json::to_value(p)?);
    } else {
        out!(
            "database packed in {:.1} s: {:.1} MiB on disk, was {:.1} MiB ({} rows)",
            started.elapsed().as_secs_f64(),
            p.after as f64 / 1_048_576.0,
            p.before as f64 / 1_048_576.0,
            p.rows
        );
    }
    Ok(())
}

/// Writes a member's account export.
pub fn export(cli: &super::Cli, user: &str, file: &Path) -> anyhow::Result<()> {
    let path = absolute(file)?;
    let cmd = Command::AccountExport {
        username: user.to_owned(),
        path: path.display().to_string(),
    };
    let out = super::client::send(&cli.data_dir()?, cmd)?;
    if cli.json {
        out!("{}", out.json());
    } else {
        let (path, bytes) =
            crate::expect_output!(out, Output::Exported { path, bytes } => (path, bytes));
        out!("export of {user} written: {path} ({bytes} bytes)");
    }
    Ok(())
}
