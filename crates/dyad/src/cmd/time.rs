//! `dyad time --anchor DATE [TEXT]`

use std::io::Write;

/// Arguments of `dyad time`.
#[derive(clap::Args)]
pub struct Args {
    /// The date expressions are resolved against, normally the publication date (YYYY-MM-DD).
    #[arg(long)]
    pub anchor: chrono::NaiveDate,
    /// Also print durations, ages and frequencies (kind other than "date"), which are not dates.
    #[arg(long)]
    pub all: bool,
    /// The text; read from stdin when absent.
    pub text: Option<String>,
}

/// Runs the command: one JSON record per expression, in text order, the text read as one document.
pub fn run(args: Args) -> anyhow::Result<()> {
    let text = super::text_or_stdin(args.text)?;
    let mut doc = dyad_time::TimeResolver::new(args.anchor);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for expr in doc.resolve_sentence(&text) {
        if !args.all && !expr.is_date() {
            continue;
        }
        serde_json::to_writer(&mut out, &expr.record(&text))?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}
