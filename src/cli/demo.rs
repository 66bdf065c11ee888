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
    /// How many others each member follows (chosen at random), so feeds have something in them.
    #[arg(long, default_value_t = 10)]
    follows: u32,
}

pub fn run(cli: &super::Cli, args: &Args) -> anyhow::Result<()> {
    if args.members > 100_000 || args.months > 240 || args.follows > 1000 {
        bail!("use at most 100000 members, 240 months and 1000 follows");
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
    let follows = rt.block_on(seed_follows(&state, args.follows, args.seed))?;
    // The history went in as a bulk load, a member at a time, each workout's row growing set by
    // set: pack the file as `gymbox compact` does, so the demo starts as compact as it can be.
    let db = state.store.db()?;
    let rx = redb::ReadableDatabase::begin_read(&*db)?;
    crate::storage::backup::pack(&rx, &data.join(crate::storage::DB_FILE))
        .map_err(anyhow::Error::msg)?;
    drop(rx);
    if cli.json {
        let mut v = serde_json::to_value(&summary)?;
        v["password"] = password.into();
        v["follows"] = follows.into();
        out!("{}", serde_json::to_string_pretty(&v)?);
    } else {
        out!(
            "demo gym created in {:.1} s: {} users, {} plans, {} workouts, {} sets, {} body-weight entries, {follows} follows",
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

/// Every account follows `n` others chosen at random (the same for the same seed); returns how
/// many follows were made.
async fn seed_follows(
    state: &crate::state::AppState,
    n: u32,
    seed: u64,
) -> Result<u64, crate::error::AppError> {
    use rand::seq::IndexedRandom;
    use rand::{SeedableRng, rngs::StdRng};
    let ids: Vec<u128> = state
        .accounts
        .all_owners()
        .await?
        .iter()
        .map(|o| o.id)
        .collect();
    let n = (n as usize).min(ids.len().saturating_sub(1));
    if n == 0 {
        return Ok(0);
    }
    let mut rng = StdRng::seed_from_u64(seed ^ 0x5eed_f011);
    let at = time::OffsetDateTime::now_utc().unix_timestamp();
    let mut made = 0u64;
    for &me in &ids {
        let others: Vec<u128> = ids
            .choose_multiple(&mut rng, n + 1)
            .copied()
            .filter(|&o| o != me)
            .take(n)
            .collect();
        made += others.len() as u64;
        state.social.seed_follows(me, others, at).await?;
    }
    Ok(made)
}
