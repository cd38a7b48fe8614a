//! Incremental upkeep of the corpus-level tables: stories, years inferred from stories, and consolidated events,
//! brought up to date after new documents without coding the stored ones again.
//!
//! Each document is written with its *coding* (`doc_fingerprints`, `doc_events`) and marked `pending`. An update
//! then rebuilds the story index from the stored fingerprints (cheap: no text is read), which reproduces every
//! earlier story exactly because a document's story depends only on the documents before it; it rewrites only the
//! stories that gained a pending document; gives undated members of those stories a year where the story settles
//! it (coding those pages again with the new anchor); and re-consolidates only the *buckets* (CAMEO root and
//! unordered actor pair) of the events of those stories, since events of different buckets never merge. The
//! result is the same as consolidating the whole database from scratch, at a cost that follows the new pages.

use std::collections::{BTreeSet, HashMap};

use dyad_events::EventDate;
use dyad_pipeline::{Coder, anchor_of};
use dyad_store::{Batch, BucketEvent, EventRecord, Store};
use dyad_stories::{
    ConsolidateConfig, DocNo, DocumentMeta, EventReport, Fingerprint, StoryConfig, StoryIndex, consolidate,
};
use serde::Serialize;

use crate::IngestError;
use crate::corpus::{doc_coding, year_from_story};

/// What one update did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct UpdateReport {
    /// Pending documents taken in.
    pub pending: usize,
    /// Articles coded again: dated from their story, or stored without a coding (an older database).
    pub recoded: usize,
    /// Stories written.
    pub stories: usize,
    /// Consolidation buckets recomputed.
    pub buckets: usize,
    /// Consolidated events in those buckets.
    pub events: usize,
    /// Of those, the ones that changed and were written.
    pub written: usize,
}

/// When the pending pages are more than this share of all pages, their buckets are most buckets, and one ordered
/// scan of every stored event beats a query per bucket; below it, the queries read far less.
const SCAN_ABOVE_SHARE: f64 = 0.25;

/// Meta key naming the story settings the stored fingerprints and stories were computed under.
const STORY_TAG: &str = "story_settings";

/// Brings stories, inferred years and consolidated events up to date with every pending document, in one
/// transaction. `coder` codes again the few articles that need it; pass the ingest's coder so that people it
/// learned are known.
pub fn update(store: &mut Store, coder: &mut Coder) -> Result<UpdateReport, IngestError> {
    store.transaction(|b| update_in(b, coder))
}

/// One stored article as the story index needs it.
struct Indexed {
    doc: String,
    /// The article's candidate full dates, kept only for undated articles (the ones a story may date).
    candidates: Vec<dyad_core::DateValue>,
}

/// Codes a stored article again (optionally with a new publication date), replacing its coding and relations.
/// Returns the buckets its events were in before and are in now, which must be consolidated again.
fn recode(
    b: &Batch<'_>,
    coder: &mut Coder,
    doc: &str,
    published: Option<dyad_page::Published>,
) -> Result<Vec<String>, IngestError> {
    let mut buckets = b.buckets_of(doc)?;
    let mut article = b.article(doc)?.ok_or_else(|| IngestError::Invalid(format!("no article {doc}")))?;
    if published.is_some() {
        article.published = published;
    }
    let coded = coder.code(&article, anchor_of(&article));
    b.set_coding(doc, &doc_coding(&article, &coded).cited_as(doc))?;
    let mut relations = coded.relations;
    for r in &mut relations {
        r.evidence.doc = Some(doc.to_string());
    }
    b.replace_relations(doc, &relations)?;
    buckets.extend(b.buckets_of(doc)?);
    Ok(buckets)
}

/// See [`update`]. In order: recode the uncoded, date from stories, rewrite stories, consolidate buckets; the
/// steps share the story index and the set of buckets to rebuild.
fn update_in(b: &Batch<'_>, coder: &mut Coder) -> Result<UpdateReport, IngestError> {
    let mut report = UpdateReport::default();
    let config = StoryConfig::default();
    check_story_settings(b, &config)?;
    let pending = b.pending()?;
    if pending.is_empty() {
        return Ok(report);
    }
    report.pending = pending.len();
    let mut buckets: BTreeSet<String> = BTreeSet::new();
    for doc in &b.uncoded()? {
        buckets.extend(recode(b, coder, doc, None)?);
        report.recoded += 1;
    }

    let (mut index, indexed) = story_index(b, config, &pending)?;
    let number: HashMap<&str, DocNo> = indexed.iter().enumerate().map(|(n, a)| (a.doc.as_str(), n as DocNo)).collect();
    let touched: BTreeSet<DocNo> =
        pending.iter().filter_map(|d| number.get(d.as_str())).map(|&n| index.story_of(n)).collect();
    report.recoded += date_from_stories(b, coder, &mut index, &indexed, &touched, &mut buckets)?;

    // Stories: rewrite each touched one. Its consolidated events need rebuilding only in the buckets of its new
    // pages, unless its id changed (the id follows the original, which a new member can be): every member's
    // events carry the id.
    for doc in &pending {
        buckets.extend(b.buckets_of(doc)?);
    }
    let mut story_ids: HashMap<DocNo, String> = HashMap::new();
    for &seed in &touched {
        story_ids.insert(seed, rewrite_story(b, &index, &indexed, &pending, seed, &mut buckets)?);
        report.stories += 1;
    }

    report.buckets = buckets.len();
    let mut story_id = |doc: &str| -> Option<String> {
        let seed = index.story_of(*number.get(doc)?);
        Some(story_ids.entry(seed).or_insert_with(|| index.story_with(seed).id).clone())
    };
    let scan = pending.len() as f64 > SCAN_ABOVE_SHARE * indexed.len() as f64;
    b.for_each_bucket(&buckets, scan, |bucket, rows| -> Result<(), IngestError> {
        let events = consolidate_bucket(&rows, &mut story_id);
        report.events += events.len();
        report.written += b.replace_bucket(bucket, &events)?;
        Ok(())
    })?;
    b.clear_pending()?;
    Ok(report)
}

/// Records the story settings on first use; when they changed since, forgets every coding (fingerprints and
/// stories from other settings do not compare with new ones), so that everything is coded again.
fn check_story_settings(b: &Batch<'_>, config: &StoryConfig) -> Result<(), IngestError> {
    let tag = b.meta(STORY_TAG)?;
    if tag.is_none() {
        // Documents written before any update were fingerprinted by this build.
        b.set_meta(STORY_TAG, &config.tag())?;
    } else if tag.as_deref() != Some(config.tag().as_str()) {
        b.forget_codings()?;
        b.set_meta(STORY_TAG, &config.tag())?;
    }
    Ok(())
}

/// Years: an undated member of a touched story may now be dated by it; such a page is coded again with the new
/// date (its buckets added to `buckets`). Returns how many were.
fn date_from_stories(
    b: &Batch<'_>,
    coder: &mut Coder,
    index: &mut StoryIndex,
    indexed: &[Indexed],
    touched: &BTreeSet<DocNo>,
    buckets: &mut BTreeSet<String>,
) -> Result<usize, IngestError> {
    let mut recoded = 0;
    for &seed in touched {
        for member in index.members(seed) {
            let Some(entry) = indexed.get(member as usize) else { continue };
            if entry.candidates.is_empty() {
                continue;
            }
            let Some(published) = year_from_story(&entry.candidates, &index.story_dates(member)) else { continue };
            b.set_published(&entry.doc, &published)?;
            index.set_published(member, Some(published.date));
            buckets.extend(recode(b, coder, &entry.doc, Some(published))?);
            recoded += 1;
        }
    }
    Ok(recoded)
}

/// Writes the touched story of `seed` again (removing the stored one it replaces) and returns its id. When the id
/// changed, the buckets of its stored members are added to `buckets`.
fn rewrite_story(
    b: &Batch<'_>,
    index: &StoryIndex,
    indexed: &[Indexed],
    pending: &BTreeSet<String>,
    seed: DocNo,
    buckets: &mut BTreeSet<String>,
) -> Result<String, IngestError> {
    let members = index.members(seed);
    let story = index.story_with(seed);
    let docs: Vec<&str> = members.iter().filter_map(|&m| indexed.get(m as usize)).map(|a| a.doc.as_str()).collect();
    let stored = docs.iter().find(|d| !pending.contains(**d));
    let old_id = match stored {
        Some(doc) => b.story_of(doc)?,
        None => None,
    };
    if let Some(old) = &old_id {
        b.remove_story(old)?;
    }
    if old_id.as_ref() != Some(&story.id) {
        for doc in docs.iter().filter(|d| !pending.contains(**d)) {
            buckets.extend(b.buckets_of(doc)?);
        }
    }
    let file_doc: Vec<(&str, &str)> =
        members.iter().zip(&docs).filter_map(|(&m, &d)| Some((index.meta(m)?.id.as_str(), d))).collect();
    let original_doc = file_doc.iter().find(|(f, _)| *f == story.original).map(|(_, d)| *d);
    let mut used = vec![false; file_doc.len()];
    let member_docs: Vec<Option<&str>> = story
        .files
        .iter()
        .map(|file| {
            // Files are matched to member documents one to one, so two members with one file name keep both.
            let slot = file_doc.iter().enumerate().position(|(i, (f, _))| !used[i] && f == file);
            slot.map(|i| {
                used[i] = true;
                file_doc[i].1
            })
        })
        .collect();
    b.write_story(&story, original_doc, &member_docs)?;
    Ok(story.id)
}

/// The consolidated events of one bucket's stored events, each mention naming its document.
fn consolidate_bucket(rows: &[BucketEvent], story_id: &mut impl FnMut(&str) -> Option<String>) -> Vec<EventRecord> {
    let stories: Vec<Option<String>> = rows.iter().map(|r| story_id(&r.doc)).collect();
    let reports: Vec<EventReport<'_>> = rows
        .iter()
        .zip(&stories)
        .map(|(r, story)| EventReport {
            event: &r.event,
            doc: &r.doc,
            ord: r.ord,
            outlet: r.outlet.as_deref(),
            story: story.as_deref(),
        })
        .collect();
    // Every mention of a consolidated event comes from a member, so the members name their documents.
    let doc_of: HashMap<&str, &str> =
        rows.iter().map(|r| (r.event.mentions.first().map_or("", |m| m.page_key()), r.doc.as_str())).collect();
    let mut out = Vec::new();
    for merged in consolidate(&reports, &ConsolidateConfig::default()) {
        let mut event = merged.record;
        // Stored as one period, so that the digest the store compares is that of the row as written.
        event.date = event.date.as_ref().and_then(EventDate::to_period);
        for m in &mut event.mentions {
            if let Some(doc) = doc_of.get(m.page_key()) {
                m.doc = Some(doc.to_string());
            }
        }
        out.push(event);
    }
    out
}

/// The story index over every stored fingerprint, in ingest order, and what it needs of each article.
/// Documents already in a story join it directly; pending ones are matched against the earlier documents.
fn story_index(
    b: &Batch<'_>,
    config: StoryConfig,
    pending: &BTreeSet<String>,
) -> Result<(StoryIndex, Vec<Indexed>), IngestError> {
    let mut index = StoryIndex::new(config)?;
    let mut indexed = Vec::new();
    let mut seeds: HashMap<String, DocNo> = HashMap::new();
    for row in b.fingerprinted()? {
        let fingerprint = Fingerprint::from_bytes(&row.fingerprint).ok_or_else(|| {
            IngestError::Invalid(format!("fingerprint of {} has {} bytes", row.doc, row.fingerprint.len()))
        })?;
        let meta = DocumentMeta { id: row.file, outlet: row.outlet, published: row.published, credits: row.credits };
        let known = row.story.filter(|_| !pending.contains(&row.doc));
        let no = match &known {
            // A stored story's first document (in ingest order) started it.
            Some(s) => index.add_to_story(meta, fingerprint, seeds.get(s).copied().unwrap_or(index.len() as DocNo)),
            None => index.add_fingerprinted(meta, fingerprint).0,
        };
        if let Some(story) = known {
            seeds.entry(story).or_insert(no);
        }
        indexed.push(Indexed { doc: row.doc, candidates: row.candidates });
    }
    Ok((index, indexed))
}
