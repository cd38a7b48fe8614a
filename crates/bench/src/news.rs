//! `dyad bench news [--gold FILE]...`: precision and recall of the coded events on real news pages annotated by hand
//! (`crates/eval/tests/data/news30/`). The pages of one gold file are coded together, as `dyad ingest` of exactly
//! those pages would (stories grouped, events consolidated), and each event counts for every page that reports it.
//! A held-out gold file (its name starts with `heldout`) is scored but never listed event by event.

use crate::BenchError;
use crate::error::Context;
use dyad_eval::{NewsPage, ScoredEvent, parse_news, score_news};
use dyad_page::{Article, Published};
use std::path::{Path, PathBuf};

/// Arguments of `dyad bench news`.
#[derive(clap::Args)]
pub struct Args {
    /// Gold files (JSON Lines, one annotated page per line); each is scored on its own.
    #[arg(long, num_args = 1.., default_values = [
        "crates/eval/tests/data/news30/news30.jsonl",
        "crates/eval/tests/data/news30/heldout15.jsonl",
        "crates/eval/tests/data/news30/heldout25.jsonl",
    ])]
    gold: Vec<PathBuf>,
    /// Also list every coded event (ok / date / NO) and every missed required event (not for held-out files).
    #[arg(long)]
    details: bool,
}

/// Reads one gold page into an article: a web page through the page extractor, a MEANTIME file as plain text
/// (one sentence a line, headline first) dated by its creation time.
fn article(bench_dir: &Path, page: &NewsPage) -> Result<Article, BenchError> {
    let path = bench_dir.join(page.bench_path());
    match page.kind.as_str() {
        "meantime" => {
            let xml = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
            let doc = crate::meantime::parse_doc(&page.id, &xml);
            let name = format!("{}.txt", page.id);
            let mut article = dyad_page::extract(&name, doc.text.as_bytes())?;
            let date: dyad_core::DateValue = page.published.parse()?;
            article.published =
                Some(Published { date, evidence: "MEANTIME CREATION_TIME".to_string(), basis: "metadata".to_string() });
            Ok(article)
        }
        _ => {
            let html = if path.extension().is_some_and(|e| e == "gz") {
                crate::extraction::read_gz(&path)?
            } else {
                std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?
            };
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or(&page.id).trim_end_matches(".gz");
            Ok(dyad_page::extract(name, html.as_bytes())?)
        }
    }
}

/// Codes the pages of one gold file together; for each page, the events that have a mention in it.
fn code(bench_dir: &Path, pages: &[NewsPage], tree: bool) -> Result<Vec<Result<Vec<ScoredEvent>, String>>, BenchError> {
    let mut session = dyad_ingest::Session::with_coder(dyad_pipeline::Coder::new().with_tree(tree));
    let mut files: Vec<Result<String, String>> = Vec::new();
    let mut articles = Vec::new();
    for page in pages {
        match article(bench_dir, page) {
            Ok(a) => {
                files.push(Ok(a.file.clone()));
                let doc = dyad_store::DocumentRecord::new(a.file.clone(), &serde_json::to_vec(&a)?);
                articles.push((doc, Ok(a)));
            }
            Err(e) => files.push(Err(e.to_string())),
        }
    }
    let mut store = dyad_store::Store::open_in_memory()?;
    session.ingest(&mut store, articles, 0)?;
    let records: Vec<ScoredEvent> = store
        .events(&Default::default())?
        .iter()
        .map(|e| Ok(serde_json::from_value(serde_json::to_value(e)?)?))
        .collect::<Result<_, BenchError>>()?;
    Ok(files
        .into_iter()
        .map(|file| {
            let file = file?;
            Ok(records.iter().filter(|e| e.mentions.iter().any(|m| m.file == file)).cloned().collect())
        })
        .collect())
}

/// Runs the command.
pub fn run(args: Args, bench_dir: &Path, tree: bool) -> Result<(), BenchError> {
    for gold in &args.gold {
        let text = std::fs::read_to_string(gold).with_context(|| format!("cannot read {}", gold.display()))?;
        let name = gold.file_name().and_then(|n| n.to_str()).unwrap_or("gold");
        let pages = parse_news(name, &text)?;
        let coded = code(bench_dir, &pages, tree)?;
        let report = score_news(name, &pages, &coded);
        say!(@raw "{report}");
        if args.details && !name.starts_with("heldout") {
            say!(@raw "{}", report.details());
        }
    }
    Ok(())
}
