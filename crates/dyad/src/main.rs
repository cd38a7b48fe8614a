//! The `dyad` command line: a thin shell over the pipeline crates.
//!
//! Each subcommand lives in its own module under `cmd/` and does no more than read arguments, call a library
//! crate and print records. The record formats and flags are a contract (`shared/FORMATS.md`): add, never rename.
#![deny(missing_docs)]

mod cmd;

/// mimalloc instead of the system allocator: page -> events makes some 2,000 small allocations a page (strings and
/// vectors of mentions, tokens, records), and glibc's malloc and free cost several times mimalloc's per call.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// Sentence-level coding: each line of TEXT (or stdin), or of a JSON Lines file, coded on its own.
    Code(cmd::code::Args),
    /// Pages, JSON Lines and WARC files (also .gz), folders and stdin into the database; idempotent, concurrent.
    Ingest(cmd::ingest::Args),
    /// Consolidated events, filtered.
    Events(cmd::query::EventsArgs),
    /// Canonical actors with aliases and roles.
    Actors(cmd::query::ListArgs),
    /// Story clusters.
    Stories(cmd::query::ListArgs),
    /// The A–B dyad, oldest first, each line with its pages.
    Timeline(cmd::query::TimelineArgs),
    /// Full-text search over the stored articles.
    Search(cmd::query::SearchArgs),
    /// One event with every sentence that reports it.
    Show(cmd::query::ShowArgs),
    /// Export every event as GDELT 2.0 Events, GDELT 2.0 Mentions or JSON Lines.
    Export(cmd::query::ExportArgs),
    /// Score the database against a gold file such as ../shared/gold/seeds.json.
    Eval(cmd::eval::Args),
    /// Sentences as CoNLL-U with tags, lemmas and (when the model has a parser) dependency trees.
    Parse(cmd::parse::Args),
    /// Train a model: `dyad train syntax --treebank DIR --out FILE`.
    Train(cmd::train::Args),
    /// The HTTP JSON API and web UI over the database (read-only unless --allow-ingest).
    Serve(cmd::serve::Args),
    /// Measure quality and speed against the external benchmarks in ../shared/bench, printing figures.
    Bench(dyad_bench::Args),
}

fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_env("DYAD_LOG").unwrap_or_else(|_| "warn".into()))
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        // A reader that stops early (`dyad events | head`) is not an error.
        Err(e) if is_broken_pipe(&e) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
}

/// The benchmarks live in `dyad-bench`; `ingest-speed` runs this binary's `ingest` as a child process.
fn bench(args: dyad_bench::Args) -> anyhow::Result<()> {
    let exe = std::env::current_exe().map_err(|e| anyhow::anyhow!("cannot find the dyad binary: {e}"))?;
    // The pipe's own error, so that a reader that stops early (`dyad bench ... | head`) is not reported.
    dyad_bench::run(args, &exe).map_err(|e| match e {
        dyad_bench::BenchError::Io(io) => anyhow::Error::from(io),
        e => anyhow::Error::from(e),
    })
}

fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Extract(args) => cmd::extract::run(args),
        Command::Time(args) => cmd::time::run(args),
        Command::Resolve(args) => cmd::resolve::run(args),
        Command::Code(args) => cmd::code::run(args),
        Command::Ingest(args) => cmd::ingest::run(args),
        Command::Events(args) => cmd::query::events(args),
        Command::Actors(args) => cmd::query::actors(args),
        Command::Stories(args) => cmd::query::stories(args),
        Command::Timeline(args) => cmd::query::timeline(args),
        Command::Search(args) => cmd::query::search(args),
        Command::Show(args) => cmd::query::show(args),
        Command::Export(args) => cmd::query::export(args),
        Command::Eval(args) => cmd::eval::run(args),
        Command::Bench(args) => bench(args),
        Command::Parse(args) => cmd::parse::run(args),
        Command::Train(args) => cmd::train::run(args),
        Command::Serve(args) => cmd::serve::run(args),
    }
}
