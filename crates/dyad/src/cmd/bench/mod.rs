//! `dyad bench ...`: quality and speed figures against ../shared/bench. Benchmarks print figures; they are not
//! timed tests.

use std::path::PathBuf;

/// Arguments of `dyad bench`.
#[derive(clap::Args)]
pub struct Args {
    /// Folder holding the external benchmark data.
    #[arg(long, default_value = "../shared/bench", global = true)]
    pub bench_dir: PathBuf,
    #[command(subcommand)]
    which: Which,
}

#[derive(clap::Subcommand)]
enum Which {
    /// Extraction quality: Zyte shingle F1, WCXB word F1 and titles.
    Extraction,
    /// Publication-date accuracy on WCXB articles and the htmldate set.
    Dates,
    /// Extraction speed: pages/s and MB/s over the Zyte pages and the seeds.
    PageSpeed,
    /// Temporal normalisation on MEANTIME: recall and value accuracy of DATE expressions.
    Meantime,
    /// Temporal tagging speed.
    TimeSpeed,
    /// Actor matching speed: mentions/s and MB/s.
    ActorSpeed,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    let dir = args.bench_dir;
    anyhow::ensure!(dir.is_dir(), "benchmark data not found at {} (use --bench-dir)", dir.display());
    match args.which {
        Which::Extraction | Which::Dates | Which::PageSpeed => anyhow::bail!("not implemented yet"),
        Which::Meantime | Which::TimeSpeed => anyhow::bail!("not implemented yet"),
        Which::ActorSpeed => anyhow::bail!("not implemented yet"),
    }
}
