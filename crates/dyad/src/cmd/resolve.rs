//! `dyad resolve [--date DATE] [TEXT]`

/// Arguments of `dyad resolve`.
#[derive(clap::Args)]
pub struct Args {
    /// Pick the roles valid on this date (YYYY-MM-DD).
    #[arg(long)]
    pub date: Option<chrono::NaiveDate>,
    /// The text; read from stdin when absent.
    pub text: Option<String>,
}

/// Runs the command.
pub fn run(_args: Args) -> anyhow::Result<()> {
    anyhow::bail!("resolve: not implemented yet")
}
