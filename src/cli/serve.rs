//! `gymbox serve`: run the server.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::config::{self, CliValues, FileConfig, LogFormat};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Address to listen on [default: 127.0.0.1:8080] (env GYMBOX_LISTEN).
    #[arg(long, value_name = "ADDR")]
    listen: Option<String>,
    /// Config file [default: DATA/gymbox.toml if present] (env GYMBOX_CONFIG).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Address people use to reach the server, e.g. https://gym.example.org (env GYMBOX_PUBLIC_URL).
    #[arg(long, value_name = "URL")]
    public_url: Option<String>,
    /// Fix the registration mode: open, invite or closed (env GYMBOX_REGISTRATION).
    #[arg(long, value_name = "MODE")]
    registration: Option<String>,
    /// Log format: text or json (env GYMBOX_LOG_FORMAT).
    #[arg(long, value_name = "FORMAT")]
    log_format: Option<String>,
}

pub fn run(cli: &super::Cli, args: &Args) -> anyhow::Result<()> {
    let env: HashMap<String, String> = std::env::vars().collect();
    let values = CliValues {
        listen: args.listen.clone(),
        data_dir: cli.data.clone(),
        config: args.config.clone(),
        public_url: args.public_url.clone(),
        registration_mode: args.registration.clone(),
        log_format: args.log_format.clone(),
    };
    let data_guess = cli.data_dir()?;
    let file = match config::config_path(&values, &env, &data_guess) {
        Some(p) => config::read_file(&p).map_err(anyhow::Error::msg)?,
        None => FileConfig::default(),
    };
    let settings = config::merge(&values, &env, &file).map_err(anyhow::Error::msg)?;
    init_logging(settings.log_format, &settings.log_level)?;
    for var in config::unknown_env(&env) {
        tracing::warn!(%var, "unknown GYMBOX_* environment variable ignored (a typo?)");
    }
    let rt = super::runtime()?;
    rt.block_on(async {
        let running = crate::app::start(settings, true).await?;
        running.wait().await?;
        anyhow::Ok(())
    })
}

fn init_logging(format: LogFormat, level: &str) -> anyhow::Result<()> {
    let filter = tracing_subscriber::EnvFilter::try_new(level).map_err(|e| {
        anyhow::anyhow!("log level '{level}' (GYMBOX_LOG or log_level) is invalid: {e}")
    })?;
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr())
        && std::env::var_os("NO_COLOR").is_none();
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(ansi);
    match format {
        LogFormat::Json => builder.json().init(),
        LogFormat::Text => builder.init(),
    }
    Ok(())
}
