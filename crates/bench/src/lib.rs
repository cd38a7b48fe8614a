//! dyad's benchmarks: quality and speed figures against the external data in `shared/bench` (Zyte and WCXB
//! extraction, htmldate, MEANTIME, the PLOVER GSR, UD treebanks, the news30 gold), printed for `dyad bench`.
//! Benchmarks print figures; they are not timed tests.
//!
//! Key decision: the `clap` arguments live here, beside the code that reads them, so the CLI only names the
//! subcommand and calls [`run`]; the one thing the library cannot know, the path of the `dyad` binary that
//! `ingest-speed` runs as a child process, is passed in. Each benchmark is a module with its own `run`.
#![deny(missing_docs)]

/// Prints figures on stdout like `println!`/`print!`, but a reader that stops early (`dyad bench ... | head`)
/// ends the benchmark with the pipe's error instead of a panic.
macro_rules! say {
    () => { say!("") };
    (@raw $($arg:tt)*) => {{
        use std::io::Write as _;
        write!(std::io::stdout().lock(), $($arg)*).map_err($crate::BenchError::from)?
    }};
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($arg)*).map_err($crate::BenchError::from)?
    }};
}

mod actor_speed;
mod dates;
mod error;
mod event_speed;
mod extraction;
mod ingest_speed;
pub mod meantime;
mod news;
mod page_speed;
mod parse;
pub mod plover;
mod stories;
mod time_speed;

pub use error::BenchError;
use error::{Context, ensure};
use std::path::{Path, PathBuf};

/// Arguments of `dyad bench`.
#[derive(clap::Args)]
pub struct Args {
    /// Folder holding the external benchmark data.
    #[arg(long, default_value = "../shared/bench", global = true)]
    pub bench_dir: PathBuf,
    /// Code from word order alone, without the tree pass (`plover`, `news`, `event-speed`; the tree pass reads
    /// roles from the dependency tree and is the default when the embedded model has a parser).
    #[arg(long, global = true)]
    pub no_tree: bool,
    /// The tree pass (the default; kept for scripts written when it was not).
    #[arg(long, global = true, hide = true, conflicts_with = "no_tree")]
    pub tree: bool,
    /// Parse with this model file instead of the one embedded in the build (with `--parser nn`, its nn section).
    #[arg(long, global = true, value_name = "FILE")]
    pub syntax_model: Option<PathBuf>,
    /// The tree pass's parser: `perceptron` (the syntax model's, the default) or `nn` (the biaffine parser of the
    /// nn section of `--syntax-model FILE` when given, else of the embedded `data/syntax.model`; tags from the same
    /// file's tagger).
    #[arg(long, global = true, value_name = "NAME", default_value = "perceptron", value_parser = ["perceptron", "nn"])]
    pub parser: String,
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
    /// Event coding on the PLOVER gold-standard sentences, through the real pipeline.
    Plover(plover::Args),
    /// Tagging and parsing on a UD treebank's dev and test files: UPOS, XPOS, FEATS, lemma, UAS, LAS,
    /// per-relation labelled F1, sentences/s.
    Parse(parse::Args),
    /// Event coding speed: sentences/s for coding alone, pages/s end to end.
    EventSpeed,
    /// Story grouping: `near-dup` precision/recall on the labelled set; `speed` index/query throughput and memory.
    Stories(stories::Args),
    /// Real news: precision and recall of coded events against pages annotated by hand (`--gold FILE`).
    News(news::Args),
    /// End-to-end `dyad ingest` pages/s on one thread and on all cores, and peak memory (run with --release).
    IngestSpeed(ingest_speed::Args),
}

/// Runs the benchmark `args` names and prints its figures on stdout. `dyad_exe` is the `dyad` binary, which
/// `ingest-speed` runs as a child process (the CLI passes its own path).
pub fn run(args: Args, dyad_exe: &Path) -> Result<(), BenchError> {
    let dir = args.bench_dir;
    // The treebank benchmark reads its own folder, not the bench folder.
    ensure!(
        matches!(args.which, Which::Parse(_)) || dir.is_dir(),
        "benchmark data not found at {} (use --bench-dir)",
        dir.display()
    );
    if let Some(path) = &args.syntax_model {
        if args.parser == "nn" {
            let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
            let model = dyad_syntax::Model::from_bytes(&bytes).with_context(|| path.display().to_string())?;
            let nn =
                dyad_syntax::biaffine::NnParser::from_model_file(&bytes).with_context(|| path.display().to_string())?;
            ensure!(dyad_pipeline::use_nn_parser_of(model, nn), "{}: too late for the nn parser", path.display());
        } else {
            dyad_pipeline::use_syntax_model_file(path)?;
        }
    } else if args.parser == "nn" {
        ensure!(
            dyad_pipeline::use_nn_parser(),
            "the embedded nn parser (data/syntax.model's nn section) does not load"
        );
    }
    match args.which {
        Which::Extraction => extraction::run(&dir),
        Which::Dates => dates::run(&dir),
        Which::PageSpeed => page_speed::run(&dir),
        Which::Meantime => meantime::run(&dir),
        Which::TimeSpeed => time_speed::run(&dir),
        Which::ActorSpeed => actor_speed::run(&dir),
        Which::Stories(a) => stories::run(a, &dir),
        Which::IngestSpeed(a) => ingest_speed::run(a, &dir, dyad_exe),
        Which::Plover(a) => plover::run(a, &dir, !args.no_tree),
        Which::EventSpeed => event_speed::run(&dir, !args.no_tree),
        Which::Parse(a) => parse::run(a),
        Which::News(a) => news::run(a, &dir, !args.no_tree),
    }
}
