//! `gymbox analysis rebuild`: recompute the derived analysis tables.

use std::io::Write;
use std::sync::Arc;

use crate::admin::{Command, Output, Progress};

pub fn rebuild(cli: &super::Cli) -> anyhow::Result<()> {
    let quiet = cli.json;
    let report = Arc::new(move |p: Progress| {
        // At most about a hundred lines, however many members the gym has.
        if !quiet && (p.done == p.total || p.done.is_multiple_of((p.total / 100).max(1))) {
            let mut err = std::io::stderr().lock();
            let _ = writeln!(err, "analysis rebuild: {}/{} members", p.done, p.total);
        }
    });
    let out =
        super::client::send_with_progress(&cli.data_dir()?, Command::AnalysisRebuild, report)?;
    if cli.json {
        out!("{}", out.json());
    } else {
        let (members, sets, seconds) = crate::expect_output!(
            out,
            Output::AnalysisRebuilt { members, sets, seconds } => (members, sets, seconds)
        );
        out!("analysis rebuilt: {members} members, {sets} sets in {seconds:.2} s");
    }
    Ok(())
}
