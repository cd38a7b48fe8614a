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
use crate::inputs::{self, Page, Skip, Source};
use crate::session::{CodedBatch, MAX_SENTENCES, Session, extract_page, write};
use crate::update::UpdateReport;
use dyad_store::{DocumentRecord, Store};
use rayon::prelude::*;
use std::collections::HashSet;
use std::sync::mpsc::Receiver;

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

    /// The same run with the tree pass on or off (on by default). Pages already stored keep the coding they got.
    pub fn with_tree(mut self, on: bool) -> Ingest {
        self.session = self.session.with_tree(on);
        self
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
