//! `dyad time --anchor DATE [--format json|timeml] [TEXT]`

use std::io::Write;

/// Output format of `dyad time`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TimeFormat {
    /// One JSON record per expression (FORMATS.md).
    Json,
    /// The text as a TimeML document with inline TIMEX3 elements (TempEval-3 `.tml` shape), every kind included.
    Timeml,
}

/// Arguments of `dyad time`.
#[derive(clap::Args)]
pub struct Args {
    /// The date expressions are resolved against, normally the publication date (YYYY-MM-DD).
    #[arg(long)]
    pub anchor: chrono::NaiveDate,
    /// Also print durations, ages and frequencies (kinds other than "date" and "time"), which are not dates.
    #[arg(long)]
    pub all: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    pub format: TimeFormat,
    /// The text; read from stdin when absent.
    pub text: Option<String>,
}

/// Runs the command: one JSON record per expression, in text order, the text read as one document (or the
/// whole text as TimeML).
pub fn run(args: Args) -> anyhow::Result<()> {
    let text = super::text_or_stdin(args.text)?;
    let mut doc = dyad_time::TimeResolver::new(args.anchor);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let found = doc.resolve_sentence(&text);
    if args.format == TimeFormat::Timeml {
        out.write_all(dyad_time::to_timeml(&text, args.anchor, &found).as_bytes())?;
        out.flush()?;
        return Ok(());
    }
    for expr in found {
        if !args.all && !expr.is_date() && expr.kind != dyad_time::Kind::Time {
            continue;
        }
        serde_json::to_writer(&mut out, &expr.record(&text))?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}
