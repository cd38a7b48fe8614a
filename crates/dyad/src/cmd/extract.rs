//! `dyad extract FILE...`

use std::path::PathBuf;

/// Arguments of `dyad extract`.
#[derive(clap::Args)]
pub struct Args {
    /// Pages to extract (plain text or HTML).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

/// Runs the command.
pub fn run(_args: Args) -> anyhow::Result<()> {
    anyhow::bail!("extract: not implemented yet")
}
