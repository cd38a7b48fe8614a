//! `dyad ingest PATH... [--db FILE]`: pages into the database, idempotently and in batched transactions.
//!
//! Two phases. First, new pages (by content hash) are extracted in parallel and coded, and each batch is committed
//! with its documents, articles, sentences, actor mentions, relations, learned people and each page's coding (story
//! fingerprint and unconsolidated events), the pages marked pending: a killed run keeps every committed batch and
//! the next run skips those pages. Second, [`Store::update_derived`] brings stories, years inferred from stories
//! and consolidated events up to date with the pending pages, in one transaction, touching only the stories and
//! consolidation buckets they fall in; stored pages are not coded again.

use anyhow::Context;
use dyad_actors::{Actor, Registry};
use dyad_page::PageError;
use dyad_pipeline::{Coder, anchor_of};
use dyad_store::convert::{actor_of, parsed_document};
use dyad_store::{Batch, DocumentRecord, ParsedDocument, Store};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;

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
}

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

/// One input page: its name (file name, or the URL of a JSON Lines record) and its bytes.
struct Page {
    name: String,
    bytes: Vec<u8>,
}

const PAGE_EXTENSIONS: [&str; 3] = ["txt", "html", "htm"];

/// Every page file under `paths`, sorted for a stable order, with the name it is stored and cited under: its path
/// below the deepest folder that holds every folder argument ("x.txt" for `dyad ingest pages`, "a/index.html" and
/// "b/index.html" for `dyad ingest pages/a pages/b`), or its file name when the file itself is an argument. Pages
/// are told apart by their content hash in any case; the path keeps two pages of one name apart for the reader.
fn page_files(paths: &[PathBuf]) -> anyhow::Result<Vec<(PathBuf, String)>> {
    let folders: Vec<&PathBuf> = paths.iter().filter(|p| p.is_dir()).collect();
    let root = folders.split_first().map(|(first, rest)| {
        rest.iter().fold(first.to_path_buf(), |common, p| {
            common.components().zip(p.components()).take_while(|(a, b)| a == b).map(|(a, _)| a).collect()
        })
    });
    let name_of = |path: &Path| -> String {
        let below =
            root.as_deref().filter(|_| !paths.iter().any(|p| p == path)).and_then(|r| path.strip_prefix(r).ok());
        match below {
            Some(rel) if !rel.as_os_str().is_empty() => {
                rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
            }
            _ => path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned()),
        }
    };
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
    Ok(out
        .into_iter()
        .map(|p| {
            let name = name_of(&p);
            (p, name)
        })
        .collect())
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

/// The pages of one file, stored under `name`: the file itself, or one page per JSON Lines record. A bad record is
/// a skipped page.
fn read_pages(path: &Path, name: &str) -> Vec<Result<Page, (String, String)>> {
    let name = name.to_string();
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

/// One batch on its way to the database: each new page's coding or skip reason, the unreadable inputs, and the
/// people the batch taught the registry.
struct Coded {
    files: usize,
    docs: Vec<(DocumentRecord, Result<ParsedDocument, String>)>,
    unreadable: Vec<(String, String)>,
    people: Vec<(usize, Actor)>,
}

/// What the writer counted.
#[derive(Default)]
struct Tally {
    added: usize,
    skipped: BTreeMap<String, usize>,
}

/// The new pages of a batch of files, by content hash: not stored, and not already queued in this run.
struct Selected {
    files: usize,
    fresh: Vec<(DocumentRecord, Page)>,
    unreadable: Vec<(String, String)>,
    seen: usize,
    known: usize,
}

fn select(
    files: &[(PathBuf, String)],
    store: &Store,
    queued: &mut HashSet<String>,
    keep_raw: bool,
) -> anyhow::Result<Selected> {
    let pages: Vec<Result<Page, (String, String)>> =
        files.par_iter().flat_map_iter(|(path, name)| read_pages(path, name)).collect();
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

type Extracted = (Selected, Vec<Result<dyad_page::Article, PageError>>);

fn extract(mut selected: Selected) -> Extracted {
    let articles = selected.fresh.par_iter().map(|(_, page)| dyad_page::extract(&page.name, &page.bytes)).collect();
    selected.fresh.iter_mut().for_each(|(_, page)| page.bytes = Vec::new());
    (selected, articles)
}

fn code((selected, articles): Extracted, coder: &mut Coder, people: &mut PeopleLog) -> Coded {
    let docs = selected
        .fresh
        .into_iter()
        .zip(articles)
        .map(|((doc, _), result)| match result {
            Ok(mut article) => {
                // A page without a year may date itself ("the 105th birth anniversary of Kim Il-sung").
                if article.published.is_none() {
                    article.published = dyad_pipeline::year_from_text(&article);
                }
                let c = coder.code(&article, anchor_of(&article));
                people.touch(c.mentions.iter().map(|m| &m.mention));
                let parsed = parsed_document(&article, &c).cited_as(&doc.hash);
                (doc, Ok(parsed))
            }
            Err(e) => (doc, Err(e.to_string())),
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
                        *tally.skipped.entry(reason.clone()).or_default() += 1;
                    }
                }
            }
            for (name, reason) in &batch.unreadable {
                tracing::warn!("{name}: {reason}");
                *tally.skipped.entry(reason.clone()).or_default() += 1;
            }
            save_people(b, &batch.people)
        })?;
        bar.inc(batch.files as u64);
        bar.set_message(format!("{} new, {} skipped", tally.added, tally.skipped.values().sum::<usize>()));
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
    let files = page_files(&args.paths)?;
    let open = || Store::open(&args.db).with_context(|| format!("cannot open {}", args.db.display()));
    let reader = open()?;
    let mut store = open()?;
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
    let tally = std::thread::scope(|scope| -> anyhow::Result<Tally> {
        let writer = std::thread::Builder::new()
            .name("dyad-writer".into())
            .spawn_scoped(scope, || write_batches(&mut store, receive, &bar))?;
        let mut chunks = files.chunks(args.batch.max(1));
        let mut current = match chunks.next() {
            Some(chunk) => Some(extract(select(chunk, &reader, &mut queued, args.keep_raw)?)),
            None => None,
        };
        while let Some(extracted) = current.take() {
            seen += extracted.0.seen;
            known += extracted.0.known;
            let next = match chunks.next() {
                Some(chunk) => Some(select(chunk, &reader, &mut queued, args.keep_raw)?),
                None => None,
            };
            let (coded, next) = rayon::join(|| code(extracted, &mut coder, &mut people), || next.map(extract));
            if send.send(coded).is_err() {
                break; // the writer stopped with an error, reported below
            }
            current = next;
        }
        drop(send);
        writer.join().map_err(|_| anyhow::anyhow!("the writer thread panicked"))?
    })?;
    let (added, skipped) = (tally.added, tally.skipped);
    bar.finish_and_clear();
    let pages_done = started.elapsed();
    let update = store.update_derived(&mut coder)?;
    let learned = people.changed(&coder);
    store.transaction(|b| save_people(b, &learned))?;
    let counts = store.counts()?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "pages {seen}: {added} new, {known} already stored, {} skipped", skipped.values().sum::<usize>())?;
    for (reason, n) in &skipped {
        writeln!(out, "  skipped {n}: {reason}")?;
    }
    writeln!(
        out,
        "update: {} pending pages, {} recoded, {} stories and {} consolidation buckets rewritten, {} events in \
         them ({} written); {:.1} s for the pages, {:.1} s for the update",
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

    fn touch<'m>(&mut self, mentions: impl Iterator<Item = &'m dyad_actors::Mention>) {
        let people = mentions.filter(|m| m.kind == dyad_actors::Kind::Person).map(|m| m.actor.clone());
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
    b.save_people(people.iter().map(|(n, p)| (*n, p)))?;
    for (_, person) in people {
        let record = actor_of(person);
        b.upsert_actor(&record)?;
        b.replace_aliases(&record.id, &record.aliases)?;
    }
    Ok(())
}
