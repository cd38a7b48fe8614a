//! `dyad ingest PATH... [--db FILE]`: pages into the database, idempotently and in batched transactions.
//!
//! Two phases. First, new pages (by content hash) are extracted in parallel and coded, and each batch is committed
//! with its documents, articles, sentences, actor mentions, relations, learned people and each page's coding (story
//! fingerprint and unconsolidated events), the pages marked pending: a killed run keeps every committed batch and
//! the next run skips those pages. Second, [`Store::update_derived`] brings stories, years inferred from stories
//! and consolidated events up to date with the pending pages, in one transaction, touching only the stories and
//! consolidation buckets they fall in; stored pages are not coded again.
//!
//! Several processes may ingest into one database at once (see `dyad_store`'s "Several processes"): each page is
//! stored once, and whichever process updates last brings every process's pages into stories and events. What
//! is read, and what is skipped with which reason, is in [`super::inputs`].

use super::inputs::{self, Page, Skip, Source};
use anyhow::Context;
use dyad_actors::{Actor, Registry};
use dyad_pipeline::{Coder, anchor_of};
use dyad_store::convert::parsed_document;
use dyad_store::{Batch, DocumentRecord, ParsedDocument, Store};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::Write;
use std::path::PathBuf;
use std::sync::mpsc::Receiver;

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
    /// Write one JSON line {"path", "reason"} per skipped input, page or record to FILE.
    #[arg(long, value_name = "FILE")]
    pub skipped: Option<PathBuf>,
    /// Skip a page with more sentences than this (0: no limit). Pages are also limited to 50 MB.
    #[arg(long, default_value_t = MAX_SENTENCES)]
    pub max_sentences: usize,
}

/// The default sentence limit of one page: far above any news article (the longest of the bench pages has a few
/// hundred), low enough that a pathological page costs seconds, not minutes.
pub const MAX_SENTENCES: usize = 20_000;

/// The built-in event dictionaries plus the verb patterns of each PETRARCH verb dictionary in `paths`, leaked
/// for the process (the coder's matches borrow them), or `None` without any. Prints each file's load report
/// and load time to stderr.
pub(crate) fn load_verbs(paths: &[PathBuf]) -> anyhow::Result<Option<&'static dyad_events::Dictionaries>> {
    let Some((first, rest)) = paths.split_first() else { return Ok(None) };
    let load = |path: &PathBuf| -> anyhow::Result<(String, String)> {
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
        let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        Ok((name, text))
    };
    let started = std::time::Instant::now();
    let (name, text) = load(first)?;
    let (mut dicts, report) = dyad_events::Dictionaries::with_petrarch_verbs(&name, &text)
        .with_context(|| format!("cannot load {}", first.display()))?;
    eprintln!("{report}");
    eprintln!("  loaded in {:.1} ms", started.elapsed().as_secs_f64() * 1e3);
    for path in rest {
        let started = std::time::Instant::now();
        let (name, text) = load(path)?;
        let report =
            dicts.add_petrarch_verbs(&name, &text).with_context(|| format!("cannot load {}", path.display()))?;
        eprintln!("{report}");
        eprintln!("  loaded in {:.1} ms", started.elapsed().as_secs_f64() * 1e3);
    }
    Ok(Some(Box::leak(Box::new(dicts))))
}

/// One batch on its way to the database: each new page's coding or skip reason, the unreadable inputs, and the
/// people the batch taught the registry.
struct Coded {
    files: usize,
    docs: Vec<(DocumentRecord, Result<ParsedDocument, String>)>,
    unreadable: Vec<Skip>,
    people: Vec<(usize, Actor)>,
}

/// What the writer counted.
#[derive(Default)]
struct Tally {
    added: usize,
    skipped: Vec<Skip>,
}

/// The new pages of a batch of files, by content hash: not stored, and not already queued in this run.
struct Selected {
    files: usize,
    fresh: Vec<(DocumentRecord, Page)>,
    unreadable: Vec<Skip>,
    seen: usize,
    known: usize,
}

fn select(files: &[Source], store: &Store, queued: &mut HashSet<String>, keep_raw: bool) -> anyhow::Result<Selected> {
    let pages: Vec<Result<Page, Skip>> = files.par_iter().flat_map_iter(inputs::read).collect();
    let mut out =
        Selected { files: files.len(), fresh: Vec::new(), unreadable: Vec::new(), seen: pages.len(), known: 0 };
    for page in pages {
        match page {
            Ok(page) => {
                let doc = DocumentRecord::new(page.name.clone(), &page.bytes);
                let doc = if keep_raw { doc.with_raw(&page.bytes) } else { doc };
                if store.has_document(&doc.hash)? || !queued.insert(doc.hash.clone()) {
                    out.known += 1;
                } else {
                    out.fresh.push((doc, page));
                }
            }
            Err(unreadable) => out.unreadable.push(unreadable),
        }
    }
    Ok(out)
}

type Extracted = (Selected, Vec<Result<dyad_page::Article, String>>);

fn extract(mut selected: Selected, max_sentences: usize) -> Extracted {
    let articles = selected
        .fresh
        .par_iter()
        .map(|(_, page)| {
            let article = match page.fetch_year() {
                // A crawl's fetch time is the page's "now": it bounds year-less and inferred dates.
                Some(year) => dyad_page::extract_in_year(&page.name, &page.bytes, year),
                None => dyad_page::extract(&page.name, &page.bytes),
            }
            .map_err(|e| e.to_string())?;
            check_sentences(&article, max_sentences)?;
            Ok(article)
        })
        .collect();
    selected.fresh.iter_mut().for_each(|(_, page)| page.bytes = Vec::new());
    (selected, articles)
}

/// Skips, before it is coded, an article with more than `max_sentences` sentences (0: no limit). Only an article
/// whose text could hold that many (over 10 bytes a sentence) is split here, on the extraction pool, so a normal
/// page costs nothing more and a 100,000-line page never reaches the (sequential) coder.
fn check_sentences(article: &dyad_page::Article, max_sentences: usize) -> Result<(), String> {
    let blocks = || article.body.iter().chain(&article.captions);
    if max_sentences == 0 || blocks().map(|b| b.text.len()).sum::<usize>() <= max_sentences.saturating_mul(10) {
        return Ok(());
    }
    let n: usize = blocks().map(|b| dyad_text::sentences(&b.text).len()).sum();
    if n > max_sentences {
        return Err(format!("page has {n} sentences, over the {max_sentences}-sentence limit"));
    }
    Ok(())
}

fn code((selected, articles): Extracted, coder: &mut Coder, people: &mut PeopleLog, max_sentences: usize) -> Coded {
    let docs = selected
        .fresh
        .into_iter()
        .zip(articles)
        .map(|((doc, _), result)| match result {
            Ok(mut article) => {
                // A page without a year may date itself ("the 105th birth anniversary of Kim Il-sung").
                dyad_pipeline::date_from_text(&mut article);
                let c = coder.code(&article, anchor_of(&article));
                people.touch(c.mentions.iter().map(|m| &m.mention));
                let parsed = parsed_document(&article, &c).cited_as(&doc.hash);
                let n = parsed.sentences.len();
                if max_sentences > 0 && n > max_sentences {
                    // Coding it cost about a second per 300,000 sentences; storing it and consolidating its
                    // events would cost far more. The people the registry learned from it stay, as from any page.
                    return (doc, Err(format!("page has {n} sentences, over the {max_sentences}-sentence limit")));
                }
                (doc, Ok(parsed))
            }
            Err(e) => (doc, Err(e)),
        })
        .collect();
    Coded { files: selected.files, docs, unreadable: selected.unreadable, people: people.changed(coder) }
}

/// Writes batches as they come, one transaction each, until the channel closes.
fn write_batches(store: &mut Store, batches: Receiver<Coded>, bar: &ProgressBar) -> anyhow::Result<Tally> {
    let mut tally = Tally::default();
    for batch in batches {
        store.transaction(|b| -> anyhow::Result<()> {
            for (doc, parsed) in &batch.docs {
                match parsed {
                    Ok(parsed) => tally.added += usize::from(b.add_document(doc, parsed)?),
                    Err(reason) => {
                        b.add_skipped(doc, reason)?;
                        tally.skipped.push(Skip { path: doc.path.clone(), reason: reason.clone() });
                    }
                }
            }
            for skip in &batch.unreadable {
                tracing::info!("{}: {}", skip.path, skip.reason);
                tally.skipped.push(skip.clone());
            }
            save_people(b, &batch.people)
        })?;
        bar.inc(batch.files as u64);
        bar.set_message(format!("{} new, {} skipped", tally.added, tally.skipped.len()));
    }
    Ok(tally)
}

/// Runs the command.
///
/// Three stages overlap: the main thread reads and selects batch k+1 and extracts it on the rayon pool while it
/// codes batch k (coding is sequential because the registry learns people in page order), and a writer thread
/// commits batch k-1. Which pages a batch sees as already learned is fixed by page order alone, so the result
/// does not depend on the number of threads.
pub fn run(args: Args) -> anyhow::Result<()> {
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new().num_threads(n).build_global().ok();
    }
    let started = std::time::Instant::now();
    let (files, walk_skips) = inputs::walk(&args.paths);
    for skip in &walk_skips {
        tracing::info!("{}: {}", skip.path, skip.reason);
    }
    let open = || Store::open(&args.db).with_context(|| format!("cannot open {}", args.db.display()));
    let reader = open()?;
    let mut store = open()?;
    let db_shown = std::fs::canonicalize(&args.db).unwrap_or_else(|_| args.db.clone());
    let bar = ProgressBar::new(files.len() as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} files {per_sec} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    if args.recode {
        store.transaction(|b| b.forget_codings())?;
    }
    let mut coder = Coder::with_registry(Registry::with_people(reader.people()?));
    if let Some(dicts) = load_verbs(&args.verbs)? {
        coder = coder.with_dictionaries(dicts);
    }
    let mut people = PeopleLog::new(&coder);
    let (mut seen, mut known) = (0usize, 0usize);
    let mut queued = HashSet::new();
    let (send, receive) = std::sync::mpsc::sync_channel::<Coded>(2);
    let max_sentences = args.max_sentences;
    let tally = std::thread::scope(|scope| -> anyhow::Result<Tally> {
        let writer = std::thread::Builder::new()
            .name("dyad-writer".into())
            .spawn_scoped(scope, || write_batches(&mut store, receive, &bar))?;
        let mut chunks = files.chunks(args.batch.max(1));
        let mut current = match chunks.next() {
            Some(chunk) => Some(extract(select(chunk, &reader, &mut queued, args.keep_raw)?, max_sentences)),
            None => None,
        };
        while let Some(extracted) = current.take() {
            seen += extracted.0.seen;
            known += extracted.0.known;
            let next = match chunks.next() {
                Some(chunk) => Some(select(chunk, &reader, &mut queued, args.keep_raw)?),
                None => None,
            };
            let (coded, next) = rayon::join(
                || code(extracted, &mut coder, &mut people, max_sentences),
                || next.map(|n| extract(n, max_sentences)),
            );
            if send.send(coded).is_err() {
                break; // the writer stopped with an error, reported below
            }
            current = next;
        }
        drop(send);
        writer.join().map_err(|_| anyhow::anyhow!("the writer thread panicked"))?
    })?;
    let added = tally.added;
    let mut skipped = walk_skips;
    skipped.extend(tally.skipped);
    bar.finish_and_clear();
    let pages_done = started.elapsed();
    // The update can take a while on a large database, or wait for another process's update: say so.
    let spinner = ProgressBar::new_spinner();
    spinner.set_style(
        ProgressStyle::with_template("{spinner} {msg} {elapsed}").unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    spinner.set_message("updating stories and consolidated events (waits while another process writes)");
    spinner.enable_steady_tick(std::time::Duration::from_millis(200));
    let update = store.update_derived(&mut coder);
    spinner.finish_and_clear();
    let update = update?;
    let learned = people.changed(&coder);
    store.transaction(|b| save_people(b, &learned))?;
    let counts = store.counts()?;
    if let Some(path) = &args.skipped {
        write_skipped(path, &skipped)?;
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "pages {seen}: {added} new, {known} already stored, {} skipped", skipped.len())?;
    let mut by_reason: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for s in &skipped {
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
    if !skipped.is_empty() && args.skipped.is_none() {
        writeln!(out, "  (--skipped FILE lists every skipped path with its reason)")?;
    }
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

/// Which learned people changed since they were last saved: everyone learned since, and everyone mentioned since
/// (a mention can add an alias or a role to a known person).
struct PeopleLog {
    saved: usize,
    touched: BTreeSet<String>,
    seq: HashMap<String, usize>,
}

impl PeopleLog {
    fn new(coder: &Coder) -> PeopleLog {
        let people = coder.registry().people();
        let seq = people.iter().enumerate().map(|(n, p)| (p.id.clone(), n)).collect();
        PeopleLog { saved: people.len(), touched: BTreeSet::new(), seq }
    }

    fn touch<'m>(&mut self, mentions: impl Iterator<Item = &'m dyad_actors::ActorMention>) {
        let people = mentions.filter(|m| m.kind == dyad_actors::ActorKind::Person).map(|m| m.actor.clone());
        self.touched.extend(people);
    }

    /// The people changed since the last call, with their places in the registry's learning order.
    fn changed(&mut self, coder: &Coder) -> Vec<(usize, Actor)> {
        let people = coder.registry().people();
        for (n, p) in people.iter().enumerate().skip(self.saved) {
            self.seq.insert(p.id.clone(), n);
        }
        let changed: BTreeSet<usize> =
            (self.saved..people.len()).chain(self.touched.iter().filter_map(|id| self.seq.get(id).copied())).collect();
        self.saved = people.len();
        self.touched.clear();
        changed.into_iter().filter_map(|n| Some((n, people.get(n)?.clone()))).collect()
    }
}

/// Saves people both as the registry keeps them and as `dyad actors` lists them.
fn save_people(b: &Batch<'_>, people: &[(usize, Actor)]) -> anyhow::Result<()> {
    Ok(b.save_people(people.iter().map(|(n, p)| (*n, p)))?)
}
