//! `dyad ingest PATH... [--db FILE]`: pages into the database, idempotently and in batched transactions.
//!
//! The work is `dyad_ingest`'s: its pages stage stores each new page with its coding, and its update brings
//! stories, years inferred from stories and consolidated events up to date. This module parses the arguments,
//! shows progress and prints the summary.

use anyhow::Context;
use dyad_ingest::inputs::{self, Skip};
use dyad_ingest::{Ingest, Options};
use dyad_store::Store;
use indicatif::{ProgressBar, ProgressStyle};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `dyad ingest`.
#[derive(clap::Args)]
pub struct Args {
    /// Files and folders (searched recursively), or - for stdin: pages (.txt, .html, .htm), JSON Lines (.jsonl)
    /// of {"url", "html" or "text", "fetched_at"}, WARC files (.warc: the HTML and text responses of a crawl
    /// such as CC-NEWS, named by target URI), and any of these gzip-compressed (.html.gz, .jsonl.gz, .warc.gz).
    /// Paths that cannot be read (dangling symlinks, loops, unreadable files and folders, FIFOs, sockets,
    /// devices) are skipped with a reason and the run goes on.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The database file.
    #[arg(long, default_value = "dyad.db")]
    pub db: PathBuf,
    /// Pages per transaction.
    #[arg(long, default_value_t = 256)]
    pub batch: usize,
    /// Keep each page's raw bytes in the database.
    #[arg(long)]
    pub keep_raw: bool,
    /// Worker threads (default: all cores): pages are extracted on all of them while the next batch is coded.
    #[arg(long)]
    pub threads: Option<usize>,
    /// Code every stored page again (after upgrading dyad) and rebuild stories and consolidated events.
    #[arg(long)]
    pub recode: bool,
    /// Also code with the verb patterns of this PETRARCH / TABARI verb dictionary (e.g. CAMEO.2.0.txt), on top
    /// of dyad's own; repeatable. It applies to the pages coded in this run only: pages already stored keep the
    /// coding they got, so after adding, changing or dropping a verb dictionary run with --recode.
    #[arg(long = "verbs", value_name = "FILE")]
    pub verbs: Vec<PathBuf>,
    /// Code event roles from word order alone, without the dependency tree (about twice as fast).
    /// Like --verbs it applies to the pages coded in this run only; run with --recode to change stored pages.
    #[arg(long)]
    pub no_tree: bool,
    /// Write one JSON line {"path", "reason"} per skipped input, page or record to FILE.
    #[arg(long, value_name = "FILE")]
    pub skipped: Option<PathBuf>,
    /// Skip a page with more sentences than this (0: no limit). Pages are also limited to 50 MB.
    #[arg(long, default_value_t = dyad_ingest::MAX_SENTENCES)]
    pub max_sentences: usize,
    /// The tree pass's parser: `perceptron` (the default) or `nn` (the biaffine parser of the nn section of
    /// data/syntax.model: more accurate, several times slower).
    #[arg(long, value_name = "NAME", default_value = "perceptron", value_parser = ["perceptron", "nn"])]
    pub parser: String,
}

/// The progress bar of the pages stage.
struct Bar(ProgressBar);

impl dyad_ingest::Progress for Bar {
    fn written(&self, files: usize, added: usize, skipped: usize) {
        self.0.inc(files as u64);
        self.0.set_message(format!("{added} new, {skipped} skipped"));
    }
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new().num_threads(n).build_global().ok();
    }
    if args.parser == "nn" {
        anyhow::ensure!(
            dyad_pipeline::use_nn_parser(),
            "the built-in nn parser (data/syntax.model's nn section) does not load"
        );
    }
    let started = std::time::Instant::now();
    let (files, walk_skips) = inputs::walk(&args.paths);
    for skip in &walk_skips {
        tracing::info!("{}: {}", skip.path, skip.reason);
    }
    let open = || Store::open(&args.db).with_context(|| format!("cannot open {}", args.db.display()));
    let reader = open()?;
    let store = open()?;
    let db_shown = std::fs::canonicalize(&args.db).unwrap_or_else(|_| args.db.clone());
    let bar = ProgressBar::new(files.len() as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} files {per_sec} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut ingest =
        Ingest::new(reader, store, args.recode, dyad_ingest::load_verbs(&args.verbs, &mut |l| eprintln!("{l}"))?)?
            .with_tree(!args.no_tree);
    let options = Options { batch: args.batch, keep_raw: args.keep_raw, max_sentences: args.max_sentences };
    let bar = Bar(bar);
    let pages = ingest.pages(&files, &options, &bar)?;
    let (seen, added, known) = (pages.seen, pages.added, pages.known);
    let mut skipped = walk_skips;
    skipped.extend(pages.skipped);
    bar.0.finish_and_clear();
    let pages_done = started.elapsed();
    let update = update_with_spinner(&mut ingest)?;
    let counts = ingest.store().counts()?;
    if let Some(path) = &args.skipped {
        write_skipped(path, &skipped)?;
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "pages {seen}: {added} new, {known} already stored, {} skipped", skipped.len())?;
    print_skipped(&mut out, &skipped, args.skipped.is_none())?;
    writeln!(
        out,
        "update: {} pending pages, {} recoded (pages dated from their story, or stored without a coding, coded \
         again), {} stories and {} consolidation buckets (a CAMEO root and an actor pair) rewritten, {} events \
         in them ({} written); {:.1} s for the pages, {:.1} s for the update",
        update.pending,
        update.recoded,
        update.stories,
        update.buckets,
        update.events,
        update.written,
        pages_done.as_secs_f64(),
        (started.elapsed() - pages_done).as_secs_f64()
    )?;
    writeln!(
        out,
        "database: {} documents, {} articles, {} sentences, {} actors, {} events, {} relations, {} stories",
        counts.documents,
        counts.articles,
        counts.sentences,
        counts.actors,
        counts.events,
        counts.relations,
        counts.stories
    )?;
    writeln!(out, "database file: {}", db_shown.display())?;
    Ok(())
}

/// The update, with a spinner: it can take a while on a large database, or wait for another process's update.
fn update_with_spinner(ingest: &mut Ingest) -> anyhow::Result<dyad_ingest::UpdateReport> {
    let spinner = ProgressBar::new_spinner();
    spinner.set_style(
        ProgressStyle::with_template("{spinner} {msg} {elapsed}").unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    spinner.set_message("updating stories and consolidated events (waits while another process writes)");
    spinner.enable_steady_tick(std::time::Duration::from_millis(200));
    let update = ingest.update();
    spinner.finish_and_clear();
    Ok(update?)
}

/// The skips by reason, a few paths each; `hint` adds where the full list can be had.
fn print_skipped(out: &mut impl Write, skipped: &[Skip], hint: bool) -> anyhow::Result<()> {
    let mut by_reason: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for s in skipped {
        by_reason.entry(s.reason.as_str()).or_default().push(s.path.as_str());
    }
    const SHOWN: usize = 3;
    for (reason, paths) in &by_reason {
        let mut list: Vec<String> = paths.iter().take(SHOWN).map(|p| super::term::safe(p).into_owned()).collect();
        if paths.len() > SHOWN {
            list.push(format!("and {} more", paths.len() - SHOWN));
        }
        writeln!(out, "  skipped {}: {}: {}", paths.len(), super::term::safe(reason), list.join(", "))?;
    }
    if !skipped.is_empty() && hint {
        writeln!(out, "  (--skipped FILE lists every skipped path with its reason)")?;
    }
    Ok(())
}

/// Writes one JSON line `{"path", "reason"}` per skip.
fn write_skipped(path: &std::path::Path, skipped: &[Skip]) -> anyhow::Result<()> {
    let file = std::fs::File::create(path).with_context(|| format!("cannot write {}", path.display()))?;
    let mut out = std::io::BufWriter::new(file);
    for skip in skipped {
        serde_json::to_writer(&mut out, skip)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}
