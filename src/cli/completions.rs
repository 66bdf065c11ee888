//! `gymbox completions SHELL` and `gymbox manpage --dir DIR`, generated from the clap definitions.

use std::path::PathBuf;

use clap::CommandFactory;

#[derive(clap::Args, Debug)]
pub struct CompletionArgs {
    shell: clap_complete::Shell,
}

#[derive(clap::Args, Debug)]
pub struct ManArgs {
    /// Directory to write gymbox.1 and one page per subcommand into.
    #[arg(long, default_value = ".")]
    dir: PathBuf,
}

pub fn completions(args: &CompletionArgs) -> anyhow::Result<()> {
    use std::io::Write;
    let mut cmd = super::Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "gymbox", &mut out);
    match std::io::stdout().write_all(&out) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

pub fn manpages(args: &ManArgs) -> anyhow::Result<()> {
    std::fs::create_dir_all(&args.dir)?;
    clap_mangen::generate_to(super::Cli::command(), &args.dir)?;
    out!("man pages written to {}", args.dir.display());
    Ok(())
}
