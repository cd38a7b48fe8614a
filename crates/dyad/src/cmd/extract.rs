//! `dyad extract FILE...`

use std::io::Write;
use std::path::PathBuf;

/// Arguments of `dyad extract`.
#[derive(clap::Args)]
pub struct Args {
    /// Pages to extract (plain text or HTML).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

/// Runs the command: one JSON article record per file on stdout. A file that cannot be read or yields no
/// article prints `{"file": ..., "error": ..., "skipped": true}` and the batch goes on.
pub fn run(args: Args) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for path in &args.files {
        let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        let record = match std::fs::read(path) {
            Ok(bytes) => match dyad_page::extract(&name, &bytes) {
                Ok(mut article) => {
                    // A page without a year may date itself ("the 105th birth anniversary of Kim Il-sung").
                    dyad_ingest::date_from_text(&mut article);
                    serde_json::to_value(&article)?
                }
                Err(e) => skipped(&name, &e.to_string()),
            },
            Err(e) => skipped(&name, &e.to_string()),
        };
        serde_json::to_writer(&mut out, &record)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

fn skipped(file: &str, error: &str) -> serde_json::Value {
    tracing::warn!(file, error, "skipped");
    serde_json::json!({"file": file, "error": error, "skipped": true})
}
