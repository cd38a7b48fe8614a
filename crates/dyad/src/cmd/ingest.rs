//! `dyad ingest PATH... [--db FILE]`: pages into the database, idempotently and in batched transactions.
//!
//! Two phases. First, new pages (by content hash) are extracted in parallel and coded, and each batch is committed
//! with its documents, articles, sentences and actor mentions: a killed run keeps every committed batch and the
//! next run skips those pages. Second, stories, inferred years and consolidated events are recomputed over every
//! stored article in one transaction, so they always reflect the whole database.

use anyhow::Context;
use dyad_page::PageError;
use dyad_pipeline::{Coder, Corpus, anchor_of};
use dyad_store::convert::{article_of, event_of, parsed_document, published_of, relation_of, story_of};
use dyad_store::{DocumentRecord, Store};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Arguments of `dyad ingest`.
#[derive(clap::Args)]
pub struct Args {
    /// Files and folders (searched recursively): .txt, .html, .htm and JSON Lines (.jsonl) of
    /// {"url", "html" or "text", "fetched_at"}.
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
    /// Worker threads for extraction (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
}

/// One input page: its name (file name, or the URL of a JSON Lines record) and its bytes.
struct Page {
    name: String,
    bytes: Vec<u8>,
}

const PAGE_EXTENSIONS: [&str; 3] = ["txt", "html", "htm"];

/// Every page file under `paths`, sorted for a stable order.
fn page_files(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack: Vec<PathBuf> = paths.to_vec();
    while let Some(path) = stack.pop() {
        let meta = std::fs::metadata(&path).with_context(|| format!("cannot read {}", path.display()))?;
        if meta.is_dir() {
            for entry in std::fs::read_dir(&path)? {
                stack.push(entry?.path());
            }
        } else if is_page(&path) || paths.contains(&path) {
            out.push(path);
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn extension(path: &Path) -> String {
    path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase()
}

fn is_page(path: &Path) -> bool {
    let ext = extension(path);
    PAGE_EXTENSIONS.contains(&ext.as_str()) || ext == "jsonl"
}

#[derive(serde::Deserialize)]
struct JsonPage {
    url: Option<String>,
    html: Option<String>,
    text: Option<String>,
}

/// The pages of one file: the file itself, or one page per JSON Lines record. A bad record is a skipped page.
fn read_pages(path: &Path) -> Vec<Result<Page, (String, String)>> {
    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return vec![Err((name, format!("unreadable: {e}")))],
    };
    if extension(path) != "jsonl" {
        return vec![Ok(Page { name, bytes })];
    }
    bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .filter(|(_, line)| !line.iter().all(u8::is_ascii_whitespace))
        .map(|(n, line)| {
            let at = format!("{name}:{}", n + 1);
            let record: JsonPage = serde_json::from_slice(line).map_err(|e| (at.clone(), format!("bad JSON: {e}")))?;
            let body = record.html.or(record.text).ok_or_else(|| (at.clone(), "no html or text".to_string()))?;
            Ok(Page { name: record.url.unwrap_or(at), bytes: body.into_bytes() })
        })
        .collect()
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new().num_threads(n).build_global().ok();
    }
    let files = page_files(&args.paths)?;
    let mut store = Store::open(&args.db).with_context(|| format!("cannot open {}", args.db.display()))?;
    let bar = ProgressBar::new(files.len() as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} files {per_sec} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut coder = Coder::new();
    let (mut seen, mut added, mut known) = (0usize, 0usize, 0usize);
    let mut skipped: BTreeMap<String, usize> = BTreeMap::new();
    for chunk in files.chunks(args.batch.max(1)) {
        let pages: Vec<Result<Page, (String, String)>> = chunk.par_iter().flat_map_iter(|p| read_pages(p)).collect();
        seen += pages.len();
        let mut fresh = Vec::new();
        let mut unreadable = Vec::new();
        for page in pages {
            match page {
                Ok(page) => {
                    let doc = DocumentRecord::new(page.name.clone(), &page.bytes);
                    let doc = if args.keep_raw { doc.with_raw(&page.bytes) } else { doc };
                    if store.has_document(&doc.hash)?
                        || fresh.iter().any(|(d, _): &(DocumentRecord, _)| d.hash == doc.hash)
                    {
                        known += 1;
                    } else {
                        fresh.push((doc, page));
                    }
                }
                Err((name, reason)) => unreadable.push((name, reason)),
            }
        }
        let extracted: Vec<(DocumentRecord, Result<dyad_page::Article, PageError>)> = fresh
            .into_par_iter()
            .map(|(doc, page)| {
                let article = dyad_page::extract(&page.name, &page.bytes);
                (doc, article)
            })
            .collect();
        let coded: Vec<_> = extracted
            .into_iter()
            .map(|(doc, result)| match result {
                Ok(article) => {
                    let c = coder.code(&article, anchor_of(&article));
                    (doc, Ok(parsed_document(&article, &c)))
                }
                Err(e) => (doc, Err(e.to_string())),
            })
            .collect();
        store.transaction(|b| -> anyhow::Result<()> {
            for (doc, parsed) in &coded {
                match parsed {
                    Ok(parsed) => added += usize::from(b.add_document(doc, parsed)?),
                    Err(reason) => {
                        b.add_skipped(doc, reason)?;
                        *skipped.entry(reason.clone()).or_default() += 1;
                    }
                }
            }
            for (name, reason) in &unreadable {
                tracing::warn!("{name}: {reason}");
                *skipped.entry(reason.clone()).or_default() += 1;
            }
            Ok(())
        })?;
        bar.inc(chunk.len() as u64);
        bar.set_message(format!("{added} new, {known} known, {} skipped", skipped.values().sum::<usize>()));
    }
    bar.finish_and_clear();
    recompute(&mut store)?;
    let counts = store.counts()?;
    println!("pages {seen}: {added} new, {known} already stored, {} skipped", skipped.values().sum::<usize>());
    for (reason, n) in &skipped {
        println!("  skipped {n}: {reason}");
    }
    println!(
        "database: {} documents, {} articles, {} sentences, {} actors, {} events, {} relations, {} stories",
        counts.documents,
        counts.articles,
        counts.sentences,
        counts.actors,
        counts.events,
        counts.relations,
        counts.stories
    );
    Ok(())
}

/// Stories, inferred years, relations and consolidated events over every stored article, in one transaction.
fn recompute(store: &mut Store) -> anyhow::Result<()> {
    let mut corpus = Corpus::new(Coder::new());
    let before: Vec<dyad_page::Article> = store.articles()?.iter().map(|(_, a)| article_of(a)).collect();
    for article in &before {
        corpus.add(article.clone());
    }
    let (out, coder) = corpus.finish()?;
    store.transaction(|b| -> anyhow::Result<()> {
        b.clear_derived()?;
        for (old, new) in before.iter().zip(&out.articles) {
            if let (None, Some(p)) = (&old.published, &new.published) {
                b.set_published(&new.file, &published_of(p))?;
            }
        }
        for story in &out.stories {
            b.upsert_story(&story_of(story))?;
        }
        for event in &out.events {
            b.upsert_event(&event_of(event))?;
        }
        for relation in out.coded.iter().flat_map(|c| &c.relations) {
            b.insert_relation(&relation_of(relation))?;
        }
        for person in coder.registry().people() {
            b.upsert_actor(&dyad_store::convert::actor_of(person))?;
        }
        Ok(())
    })
}
