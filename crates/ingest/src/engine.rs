//! The pages stage: new pages (by content hash) are extracted in parallel and coded, and each batch is committed
//! with its documents, articles, sentences, actor mentions, relations, learned people and each page's coding
//! (story fingerprint and unconsolidated events), the pages marked pending: a killed run keeps every committed
//! batch and the next run skips those pages. The update ([`crate::update`]) then brings stories, years and
//! consolidated events up to date with the pending pages.
//!
//! Several processes may ingest into one database at once (see `dyad_store`'s "Several processes"): each page is
//! stored once, and whichever process updates last brings every process's pages into stories and events. What
//! is read, and what is skipped with which reason, is in [`crate::inputs`].

use crate::IngestError;
use crate::convert::{actor_of, parsed_document};
use crate::inputs::{self, Page, Skip, Source};
use crate::update::{UpdateReport, update};
use dyad_actors::{Actor, Registry};
use dyad_pipeline::{Coder, anchor_of};
use dyad_store::{Batch, DocumentRecord, ParsedDocument, Store};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::mpsc::Receiver;

/// The default sentence limit of one page: far above any news article (the longest of the bench pages has a few
/// hundred), low enough that a pathological page costs seconds, not minutes.
pub const MAX_SENTENCES: usize = 20_000;

/// How a run of [`Ingest::pages`] reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Files per transaction.
    pub batch: usize,
    /// Keep each page's raw bytes in the database.
    pub keep_raw: bool,
    /// Skip a page with more sentences than this (0: no limit).
    pub max_sentences: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options { batch: 256, keep_raw: false, max_sentences: MAX_SENTENCES }
    }
}

/// Told after each batch is committed (from the writer thread).
pub trait Progress: Sync {
    /// `files` more input files are done; `added` pages were stored and `skipped` inputs skipped so far.
    fn written(&self, files: usize, added: usize, skipped: usize);
}

/// No progress display.
impl Progress for () {
    fn written(&self, _: usize, _: usize, _: usize) {}
}

/// What [`Ingest::pages`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PagesReport {
    /// Pages read.
    pub seen: usize,
    /// Pages stored.
    pub added: usize,
    /// Pages already stored (or twice in the run).
    pub known: usize,
    /// Inputs and pages skipped, with the reason.
    pub skipped: Vec<Skip>,
}

/// A coder with the people it learned since they were last saved: what every path that writes pages (the
/// pages stage, ingest over HTTP) codes them with.
pub struct Session {
    coder: Coder,
    people: PeopleLog,
}

/// A batch of coded pages on its way to the database: each new page's coding or skip reason, and the people the
/// batch taught the registry.
pub struct CodedBatch {
    /// Each page's document row and coding, or why it is skipped.
    pub docs: Vec<(DocumentRecord, Result<ParsedDocument, String>)>,
    people: Vec<(usize, Actor)>,
}

impl Session {
    /// A coder that knows the people `store` learned in earlier runs, over the built-in event dictionaries or
    /// `dictionaries`.
    pub fn open(
        store: &Store,
        dictionaries: Option<&'static dyad_events::Dictionaries>,
    ) -> Result<Session, IngestError> {
        let mut coder = Coder::with_registry(Registry::with_people(store.people()?));
        if let Some(dicts) = dictionaries {
            coder = coder.with_dictionaries(dicts);
        }
        let people = PeopleLog::new(&coder);
        Ok(Session { coder, people })
    }

    /// A session over `coder` (its registry's people count as saved), e.g. for a fresh database.
    pub fn with_coder(coder: Coder) -> Session {
        let people = PeopleLog::new(&coder);
        Session { coder, people }
    }

    /// The whole corpus stage for pages already read: codes `pages` (see [`Session::code`]), writes them in one
    /// transaction and updates. Returns the pages stored and what the update did.
    pub fn ingest(
        &mut self,
        store: &mut Store,
        pages: Vec<(DocumentRecord, Result<dyad_page::Article, String>)>,
        max_sentences: usize,
    ) -> Result<(usize, UpdateReport), IngestError> {
        let coded = self.code(pages, max_sentences);
        let added = store.transaction(|b| write(b, &coded))?;
        Ok((added, self.update(store)?))
    }

    /// Codes extracted pages in order (each dated from its text first, see [`crate::date_from_text`]): the
    /// records to write, citing each page's content hash. A page over `max_sentences` sentences (0: no limit)
    /// is skipped.
    pub fn code(
        &mut self,
        pages: Vec<(DocumentRecord, Result<dyad_page::Article, String>)>,
        max_sentences: usize,
    ) -> CodedBatch {
        let docs = pages
            .into_iter()
            .map(|(doc, result)| match result {
                Ok(mut article) => {
                    // A page without a year may date itself ("the 105th birth anniversary of Kim Il-sung").
                    crate::date_from_text(&mut article);
                    let c = self.coder.code(&article, anchor_of(&article));
                    self.people.touch(c.mentions.iter().map(|m| &m.mention));
                    let parsed = parsed_document(&article, &c).cited_as(&doc.hash);
                    let n = parsed.sentences.len();
                    if max_sentences > 0 && n > max_sentences {
                        // Coding it cost about a second per 300,000 sentences; storing it and consolidating its
                        // events would cost far more. The people the registry learned from it stay, as from any
                        // page.
                        return (doc, Err(format!("page has {n} sentences, over the {max_sentences}-sentence limit")));
                    }
                    (doc, Ok(parsed))
                }
                Err(e) => (doc, Err(e)),
            })
            .collect();
        CodedBatch { docs, people: self.people.changed(&self.coder) }
    }

    /// Brings stories, inferred years and consolidated events up to date with every pending page (see
    /// [`crate::update()`]), then saves the people the update's re-coding taught the registry.
    pub fn update(&mut self, store: &mut Store) -> Result<UpdateReport, IngestError> {
        let report = update(store, &mut self.coder)?;
        let learned = self.people.changed(&self.coder);
        store.transaction(|b| save_people(b, &learned))?;
        Ok(report)
    }
}

/// Writes a coded batch in one transaction: each page stored (or stored as skipped, with its reason) and the
/// people the batch taught the registry. Returns how many pages were new.
pub fn write(batch: &Batch<'_>, coded: &CodedBatch) -> Result<usize, IngestError> {
    let mut added = 0;
    for (doc, parsed) in &coded.docs {
        match parsed {
            Ok(parsed) => added += usize::from(batch.add_document(doc, parsed)?),
            Err(reason) => {
                batch.add_skipped(doc, reason)?;
            }
        }
    }
    save_people(batch, &coded.people)?;
    Ok(added)
}

/// Extracts a page's article (`fetch_year`, a crawl's fetch time, bounds year-less and inferred dates), or says
/// why it has none; a page of more than `max_sentences` sentences (0: no limit) has none.
pub fn extract_page(
    name: &str,
    bytes: &[u8],
    fetch_year: Option<i32>,
    max_sentences: usize,
) -> Result<dyad_page::Article, String> {
    let article = match fetch_year {
        Some(year) => dyad_page::extract_in_year(name, bytes, year),
        None => dyad_page::extract(name, bytes),
    }
    .map_err(|e| e.to_string())?;
    check_sentences(&article, max_sentences)?;
    Ok(article)
}

/// The pages stage over one database: two connections (one reads which pages are stored while the other
/// writes) and the coding session.
pub struct Ingest {
    reader: Store,
    store: Store,
    session: Session,
}

/// One batch on its way to the database, with the batch's files and unreadable inputs.
struct Coded {
    files: usize,
    batch: CodedBatch,
    unreadable: Vec<Skip>,
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

fn select(
    files: &[Source],
    store: &Store,
    queued: &mut HashSet<String>,
    keep_raw: bool,
) -> Result<Selected, IngestError> {
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
        // A crawl's fetch time is the page's "now": it bounds year-less and inferred dates.
        .map(|(_, page)| extract_page(&page.name, &page.bytes, page.fetch_year(), max_sentences))
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

fn code((selected, articles): Extracted, session: &mut Session, max_sentences: usize) -> Coded {
    let pages = selected.fresh.into_iter().zip(articles).map(|((doc, _), article)| (doc, article)).collect();
    Coded { files: selected.files, batch: session.code(pages, max_sentences), unreadable: selected.unreadable }
}

/// Writes batches as they come, one transaction each, until the channel closes.
fn write_batches(store: &mut Store, batches: Receiver<Coded>, progress: &dyn Progress) -> Result<Tally, IngestError> {
    let mut tally = Tally::default();
    for coded in batches {
        store.transaction(|b| -> Result<(), IngestError> {
            tally.added += write(b, &coded.batch)?;
            for (doc, parsed) in &coded.batch.docs {
                if let Err(reason) = parsed {
                    tally.skipped.push(Skip { path: doc.path.clone(), reason: reason.clone() });
                }
            }
            for skip in &coded.unreadable {
                tracing::info!("{}: {}", skip.path, skip.reason);
                tally.skipped.push(skip.clone());
            }
            Ok(())
        })?;
        progress.written(coded.files, tally.added, tally.skipped.len());
    }
    Ok(tally)
}

impl Ingest {
    /// The pages stage over `store`, with `reader` a second connection to the same database. With `recode`,
    /// every stored page is coded again by the next update (after upgrading dyad).
    pub fn new(
        reader: Store,
        mut store: Store,
        recode: bool,
        dictionaries: Option<&'static dyad_events::Dictionaries>,
    ) -> Result<Ingest, IngestError> {
        if recode {
            store.transaction(|b| b.forget_codings())?;
        }
        let session = Session::open(&reader, dictionaries)?;
        Ok(Ingest { reader, store, session })
    }

    /// The database written.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Reads, extracts, codes and writes the pages of `files`, in batches of `options.batch` files.
    ///
    /// Three stages overlap: the calling thread reads and selects batch k+1 and extracts it on the rayon pool
    /// while it codes batch k (coding is sequential because the registry learns people in page order), and a
    /// writer thread commits batch k-1. Which pages a batch sees as already learned is fixed by page order alone,
    /// so the result does not depend on the number of threads.
    pub fn pages(
        &mut self,
        files: &[Source],
        options: &Options,
        progress: &dyn Progress,
    ) -> Result<PagesReport, IngestError> {
        let Ingest { reader, store, session } = self;
        let (mut seen, mut known) = (0usize, 0usize);
        let mut queued = HashSet::new();
        let (send, receive) = std::sync::mpsc::sync_channel::<Coded>(2);
        let max_sentences = options.max_sentences;
        let tally = std::thread::scope(|scope| -> Result<Tally, IngestError> {
            let writer = std::thread::Builder::new()
                .name("dyad-writer".into())
                .spawn_scoped(scope, || write_batches(store, receive, progress))?;
            let mut chunks = files.chunks(options.batch.max(1));
            let mut current = match chunks.next() {
                Some(chunk) => Some(extract(select(chunk, reader, &mut queued, options.keep_raw)?, max_sentences)),
                None => None,
            };
            while let Some(extracted) = current.take() {
                seen += extracted.0.seen;
                known += extracted.0.known;
                let next = match chunks.next() {
                    Some(chunk) => Some(select(chunk, reader, &mut queued, options.keep_raw)?),
                    None => None,
                };
                let (coded, next) =
                    rayon::join(|| code(extracted, session, max_sentences), || next.map(|n| extract(n, max_sentences)));
                if send.send(coded).is_err() {
                    break; // the writer stopped with an error, reported below
                }
                current = next;
            }
            drop(send);
            writer.join().map_err(|_| IngestError::WriterPanicked)?
        })?;
        Ok(PagesReport { seen, added: tally.added, known, skipped: tally.skipped })
    }

    /// Brings stories, inferred years and consolidated events up to date with every pending page, and saves the
    /// people learned (see [`Session::update`]).
    pub fn update(&mut self) -> Result<UpdateReport, IngestError> {
        self.session.update(&mut self.store)
    }
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
fn save_people(b: &Batch<'_>, people: &[(usize, Actor)]) -> Result<(), dyad_store::StoreError> {
    for (seq, person) in people {
        b.save_person(*seq, person, &actor_of(person))?;
    }
    Ok(())
}
