use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = gymbox::cli::Cli::parse();
    match gymbox::cli::run(cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gymbox: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
