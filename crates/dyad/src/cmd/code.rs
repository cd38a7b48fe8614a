//! `dyad code [--date DATE] [TEXT]` and `dyad code --jsonl FILE`: sentence-level coding, one event record per
//! coded event with `"input"` naming the line it came from. The coding itself is
//! [`dyad_pipeline::Coder::code_line`]; this module reads lines and prints records.

use anyhow::Context;
use dyad_pipeline::{Coder, InputId, LineInput};
use std::io::{BufRead, Write};
use std::path::PathBuf;

/// Arguments of `dyad code`.
#[derive(clap::Args)]
pub struct Args {
    /// The publication date relative expressions resolve against (YYYY-MM-DD); for `--jsonl`, the date of lines
    /// that give none. Without one only absolute dates ("in 2003", "March 4, 2003") are kept.
    #[arg(long)]
    pub date: Option<chrono::NaiveDate>,
    /// Read JSON Lines of {"id", "text", "date"} from FILE (`-` for stdin) instead of plain text.
    #[arg(long, value_name = "FILE", conflicts_with = "text")]
    pub jsonl: Option<PathBuf>,
    /// Also print events that name no target ("X resigned"), which CAMEO codes and the event database leaves out.
    #[arg(long)]
    pub monadic: bool,
    /// Also code with a PETRARCH/TABARI verb dictionary (repeatable), as `dyad ingest --verbs`.
    #[arg(long = "verbs", value_name = "FILE")]
    pub verbs: Vec<PathBuf>,
    /// Read roles from word order alone, without the dependency tree (the tree pass is on by default).
    #[arg(long)]
    pub no_tree: bool,
    /// The tree pass (the default; kept for scripts written when it was not).
    #[arg(long, hide = true, conflicts_with = "no_tree")]
    pub tree: bool,
    /// The text, one sentence or paragraph per line; read from stdin when absent.
    pub text: Option<String>,
}

/// Runs the command. A line that cannot be read is reported on stderr and skipped; the run fails at the end if
/// any line did.
pub fn run(args: Args) -> anyhow::Result<()> {
    let mut coder = Coder::new().with_monadic(args.monadic).with_tree(!args.no_tree);
    if let Some(dicts) = dyad_ingest::load_verbs(&args.verbs, &mut |l| eprintln!("{l}"))? {
        coder = coder.with_dictionaries(dicts);
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let (mut lines, mut failed) = (0usize, 0usize);
    let emit = |input: &LineInput, out: &mut dyn Write| -> anyhow::Result<()> {
        for event in coder.code_line(input) {
            serde_json::to_writer(&mut *out, &event)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    };
    match (&args.jsonl, args.text) {
        (Some(path), _) => {
            let name = path.display().to_string();
            let reader: Box<dyn BufRead> = if name == "-" {
                Box::new(std::io::stdin().lock())
            } else {
                let file = std::fs::File::open(path).with_context(|| format!("cannot open {name}"))?;
                Box::new(std::io::BufReader::new(file))
            };
            for_each_line(reader, |number, bytes| {
                lines += 1;
                match LineInput::from_json(bytes, args.date) {
                    Ok(Some(input)) => emit(&input, &mut out),
                    Ok(None) => Ok(()),
                    Err(e) => {
                        failed += 1;
                        eprintln!("{name}:{number}: {e}");
                        Ok(())
                    }
                }
            })
            .with_context(|| format!("cannot read {name}"))?;
        }
        (None, Some(text)) => {
            for_each_line(text.as_bytes(), |number, bytes| {
                lines += 1;
                code_plain(number, bytes, args.date, &mut failed, |input| emit(input, &mut out))
            })?;
        }
        (None, None) => {
            for_each_line(std::io::stdin().lock(), |number, bytes| {
                lines += 1;
                code_plain(number, bytes, args.date, &mut failed, |input| emit(input, &mut out))
            })
            .context("cannot read stdin")?;
        }
    }
    out.flush()?;
    if failed > 0 {
        anyhow::bail!("{failed} of {lines} lines could not be coded");
    }
    Ok(())
}

fn code_plain(
    number: usize,
    bytes: &[u8],
    date: Option<chrono::NaiveDate>,
    failed: &mut usize,
    mut emit: impl FnMut(&LineInput) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        *failed += 1;
        eprintln!("line {number}: not UTF-8");
        return Ok(());
    };
    emit(&LineInput { id: InputId::Number(number as u64), text: text.to_string(), date })
}

/// Calls `f` with each line's 1-based number and bytes (without the line break), reading as bytes so that one
/// line of bad UTF-8 fails only that line.
fn for_each_line(
    mut reader: impl BufRead,
    mut f: impl FnMut(usize, &[u8]) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let mut buf = Vec::new();
    let mut number = 0;
    loop {
        buf.clear();
        if reader.read_until(b'\n', &mut buf)? == 0 {
            return Ok(());
        }
        number += 1;
        while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
            buf.pop();
        }
        f(number, &buf)?;
    }
}
