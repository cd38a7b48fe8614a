//! The `dyad` command line: a thin shell over the pipeline crates.
//!
//! Each subcommand lives in its own module under `cmd/` and does no more than read arguments, call a library
//! crate and print records. The record formats and flags are a contract (`shared/FORMATS.md`): add, never rename.
#![deny(missing_docs)]

mod cmd;

use clap::{Parser, Subcommand};

/// dyad turns news pages into a source-attributed database of international-relations events.
#[derive(Parser)]
#[command(name = "dyad", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Page → article: one JSON article record per file on stdout; stores nothing.
    Extract(cmd::extract::Args),
    /// The temporal expressions in TEXT (or stdin), one JSON record each, resolved against --anchor.
    Time(cmd::time::Args),
    /// The actors mentioned in TEXT (or stdin), one JSON actor record each, with the mention's span.
    Resolve(cmd::resolve::Args),
    /// Measure quality and speed against the external benchmarks in ../shared/bench, printing figures.
    Bench(cmd::bench::Args),
}

fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_env("DYAD_LOG").unwrap_or_else(|_| "warn".into()))
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match cli.command {
        Command::Extract(args) => cmd::extract::run(args),
        Command::Time(args) => cmd::time::run(args),
        Command::Resolve(args) => cmd::resolve::run(args),
        Command::Bench(args) => cmd::bench::run(args),
    }
}
