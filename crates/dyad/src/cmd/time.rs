//! `dyad time --anchor DATE [TEXT]`

/// Arguments of `dyad time`.
#[derive(clap::Args)]
pub struct Args {
    /// The date expressions are resolved against, normally the publication date (YYYY-MM-DD).
    #[arg(long)]
    pub anchor: chrono::NaiveDate,
    /// The text; read from stdin when absent.
    pub text: Option<String>,
}

/// Runs the command.
pub fn run(_args: Args) -> anyhow::Result<()> {
    anyhow::bail!("time: not implemented yet")
}
