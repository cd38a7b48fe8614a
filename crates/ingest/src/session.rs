//! One batch of pages through extraction, coding and writing, and the update after it: the steps every path that
//! writes pages takes (the pipelined run of [`crate::Ingest`], ingest over HTTP, the seed test). A [`Session`]
//! keeps the coder between batches, with the people its registry learned since they were last saved.

use crate::IngestError;
use crate::update::{UpdateReport, update};
use dyad_actors::{Actor, Registry};
use dyad_pipeline::{Coder, anchor_of};
use dyad_store::{Batch, DocumentRecord, ParsedDocument, Store};
use std::collections::{BTreeSet, HashMap};

/// The default sentence limit of one page: far above any news article (the longest of the bench pages has a few
/// hundred), low enough that a pathological page costs seconds, not minutes.
pub const MAX_SENTENCES: usize = 20_000;

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

    /// The same session with the tree pass on or off (see [`Coder::with_tree`]; it is on by default).
    pub fn with_tree(mut self, on: bool) -> Session {
        self.coder = std::mem::take(&mut self.coder).with_tree(on);
        self
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
                    let parsed = crate::corpus::parsed_document(article, c).cited_as(&doc.hash);
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
fn save_people(b: &Batch<'_>, people: &[(usize, Actor)]) -> Result<(), dyad_store::StoreError> {
    for (seq, person) in people {
        b.save_person(*seq, person)?;
    }
    Ok(())
}
