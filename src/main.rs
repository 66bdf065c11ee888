use clap::Parser;

/// jemalloc with background purging: memory freed after a burst goes back to the system within
/// seconds instead of staying in per-thread arenas.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

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
