//! `gymbox demo`: fill an empty data directory with a sample gym.

use anyhow::bail;

use crate::config::Settings;
use crate::storage::OpenError;
use crate::training::demo::{DemoOptions, generate};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// How many members.
    #[arg(long, default_value_t = 24)]
    members: u32,
    /// How many months of training history.
    #[arg(long, default_value_t = 4)]
    months: u32,
    /// Seed for the generator (same seed, same gym).
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

pub fn run(cli: &super::Cli, args: &Args) -> anyhow::Result<()> {
    if args.members > 100_000 || args.months > 240 {
        bail!("use at most 100000 members and 240 months");
    }
    let data = cli.data_dir()?;
    let settings = Settings::with_data_dir(data.clone());
    let state = match crate::state::AppState::open(settings) {
        Ok(s) => s,
        Err(OpenError::Locked(_)) => bail!(
            "the server is running on {}; stop it, or run the demo on an empty data directory",
            data.display()
        ),
        Err(e) => return Err(e.into()),
    };
    let password = crate::accounts::tokens::random_code(14);
    let opts = DemoOptions {
        members: args.members,
        months: args.months,
        seed: args.seed,
        password: password.clone(),
    };
    let rt = super::runtime()?;
    let started = std::time::Instant::now();
    let summary = rt.block_on(generate(
        &state.store,
        &state.bus,
        state.training.links(),
        opts,
    ))?;
    if cli.json {
        let mut v = serde_json::to_value(&summary)?;
        v["password"] = password.into();
        out!("{}", serde_json::to_string_pretty(&v)?);
    } else {
        out!(
            "demo gym created in {:.1} s: {} users, {} plans, {} workouts, {} sets, {} body-weight entries",
            started.elapsed().as_secs_f64(),
            summary.users,
            summary.plans,
            summary.workouts,
            summary.sets,
            summary.body_metrics
        );
        out!(
            "sign in as owner, coach.anna, coach.mike or any member with the password: {password}"
        );
    }
    Ok(())
}
