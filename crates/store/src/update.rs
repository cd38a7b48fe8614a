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

use dyad_pipeline::{Coder, anchor_of, year_from_story};
use dyad_stories::{
    ConsolidateConfig, DocNo, DocumentMeta, Fingerprint, Report, StoryConfig, StoryIndex, bucket_of, consolidate,
};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use xxhash_rust::xxh3::xxh3_64;

use crate::convert::{article_of, doc_coding, published_of, relation_of, story_of};
use crate::records::{DocCoding, EventDate, EventRecord};
use crate::store::{Batch, Result, Store, StoreError, load_article, parse_date};

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

impl Store {
    /// Brings stories, inferred years and consolidated events up to date with every pending document, in one
    /// transaction. `coder` codes again the few articles that need it; pass the ingest's coder so that people it
    /// learned are known.
    pub fn update_derived(&mut self, coder: &mut Coder) -> Result<UpdateReport> {
        self.transaction(|b| b.update_derived(coder))
    }

    /// People learned from earlier ingests, in the order they were learned (see [`Batch::save_people`]).
    pub fn people(&self) -> Result<Vec<dyad_actors::Actor>> {
        let mut stmt = self.conn().prepare("SELECT actor FROM registry_people ORDER BY seq")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        rows.map(|json| Ok(serde_json::from_str(&json?)?)).collect()
    }
}

/// One stored article as the story index needs it.
struct Indexed {
    doc: String,
    /// The article's candidate full dates, kept only for undated articles (the ones a story may date).
    candidates: Vec<dyad_core::DateValue>,
}

impl Batch<'_> {
    /// Stores a document's coding (replacing an earlier one).
    pub fn set_coding(&self, doc: &str, coding: &DocCoding) -> Result<()> {
        self.tx
            .prepare_cached("INSERT OR REPLACE INTO doc_fingerprints (doc, fingerprint, credits) VALUES (?1, ?2, ?3)")?
            .execute(params![doc, coding.fingerprint.to_bytes(), serde_json::to_string(&coding.credits)?])?;
        self.tx.prepare_cached("DELETE FROM doc_events WHERE doc = ?1")?.execute([doc])?;
        let mut insert =
            self.tx.prepare_cached("INSERT INTO doc_events (doc, ord, bucket, record) VALUES (?1, ?2, ?3, ?4)")?;
        for (ord, event) in coding.events.iter().enumerate() {
            insert.execute(params![doc, ord, bucket_of(event), serde_json::to_string(event)?])?;
        }
        Ok(())
    }

    /// Stores learned people (replacing earlier versions) both as the registry keeps them, each with its place in
    /// the registry's learning order (which breaks ties between people, so a registry rebuilt from them resolves as
    /// before), and as `dyad actors` lists them (actor row and aliases).
    pub fn save_people<'p>(&self, people: impl IntoIterator<Item = (usize, &'p dyad_actors::Actor)>) -> Result<()> {
        let mut stmt =
            self.tx.prepare_cached("INSERT OR REPLACE INTO registry_people (id, seq, actor) VALUES (?1, ?2, ?3)")?;
        for (seq, actor) in people {
            stmt.execute(params![actor.id, seq, serde_json::to_string(actor)?])?;
            let record = crate::convert::actor_of(actor);
            self.upsert_actor(&record)?;
            self.replace_aliases(&record.id, &record.aliases)?;
        }
        Ok(())
    }

    /// Makes the next [`Batch::update_derived`] code every stored article again (after an upgrade of dyad's
    /// dictionaries or rules) and rebuild every story and consolidated event from the new codings.
    pub fn forget_codings(&self) -> Result<()> {
        // Per-document events stay until each page's new coding replaces them: their buckets are the ones whose
        // consolidated events must be rebuilt.
        self.tx.execute_batch(
            "DELETE FROM doc_fingerprints; DELETE FROM stories;
             INSERT OR IGNORE INTO pending (doc) SELECT doc FROM articles;",
        )?;
        Ok(())
    }

    fn meta(&self, key: &str) -> Result<Option<String>> {
        Ok(self.tx.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    }

    fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        self.tx.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)", [key, value])?;
        Ok(())
    }

    fn column(&self, sql: &str, param: &str) -> Result<Vec<String>> {
        let mut stmt = self.tx.prepare_cached(sql)?;
        let rows = stmt.query_map([param], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The consolidation buckets a document's events fall in.
    fn buckets_of(&self, doc: &str) -> Result<Vec<String>> {
        self.column("SELECT DISTINCT bucket FROM doc_events WHERE doc = ?1", doc)
    }

    /// Codes a stored article again (optionally with a new publication date), replacing its coding and relations.
    /// Returns the buckets its events were in before and are in now, which must be consolidated again.
    fn recode(&self, coder: &mut Coder, doc: &str, published: Option<dyad_page::Published>) -> Result<Vec<String>> {
        let mut buckets = self.buckets_of(doc)?;
        let record = load_article(&self.tx, doc)?.ok_or_else(|| StoreError::Invalid(format!("no article {doc}")))?;
        let mut article = article_of(&record);
        if published.is_some() {
            article.published = published;
        }
        let coded = coder.code(&article, anchor_of(&article));
        self.set_coding(doc, &doc_coding(&article, &coded).cited_as(doc))?;
        self.tx.prepare_cached("DELETE FROM relations WHERE doc = ?1")?.execute([doc])?;
        for relation in &coded.relations {
            let mut r = relation_of(relation);
            r.evidence.doc = Some(doc.to_string());
            self.insert_relation(&r)?;
        }
        buckets.extend(self.buckets_of(doc)?);
        Ok(buckets)
    }

    /// See [`Store::update_derived`].
    pub fn update_derived(&self, coder: &mut Coder) -> Result<UpdateReport> {
        let mut report = UpdateReport::default();
        let config = StoryConfig::default();
        let tag = self.meta(STORY_TAG)?;
        if tag.is_none() {
            // Documents written before any update were fingerprinted by this build.
            self.set_meta(STORY_TAG, &config.tag())?;
        } else if tag.as_deref() != Some(config.tag().as_str()) {
            // Fingerprints and stories from other settings do not compare with new ones: code everything again.
            self.forget_codings()?;
            self.set_meta(STORY_TAG, &config.tag())?;
        }
        let pending: BTreeSet<String> = {
            let mut stmt = self.tx.prepare("SELECT doc FROM pending")?;
            stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
        };
        if pending.is_empty() {
            return Ok(report);
        }
        report.pending = pending.len();
        let mut buckets: BTreeSet<String> = BTreeSet::new();
        let uncoded: Vec<String> = {
            let mut stmt = self.tx.prepare(
                "SELECT a.doc FROM articles a LEFT JOIN doc_fingerprints f ON f.doc = a.doc
                 WHERE f.doc IS NULL ORDER BY a.id",
            )?;
            stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
        };
        for doc in &uncoded {
            buckets.extend(self.recode(coder, doc, None)?);
            report.recoded += 1;
        }

        let (mut index, indexed) = self.story_index(config, &pending)?;
        let number: HashMap<&str, DocNo> =
            indexed.iter().enumerate().map(|(n, a)| (a.doc.as_str(), n as DocNo)).collect();
        let touched: BTreeSet<DocNo> =
            pending.iter().filter_map(|d| number.get(d.as_str())).map(|&n| index.story_of(n)).collect();

        // Years: an undated member of a touched story may now be dated by it.
        for &seed in &touched {
            for member in index.members(seed) {
                let Some(entry) = indexed.get(member as usize) else { continue };
                if entry.candidates.is_empty() {
                    continue;
                }
                let Some(published) = year_from_story(&entry.candidates, &index.story_dates(member)) else { continue };
                self.set_published(&entry.doc, &published_of(&published))?;
                index.set_published(member, Some(published.date));
                buckets.extend(self.recode(coder, &entry.doc, Some(published))?);
                report.recoded += 1;
            }
        }

        // Stories: rewrite each touched one. Its consolidated events need rebuilding only in the buckets of its new
        // pages, unless its id changed (the id follows the original, which a new member can be): every member's
        // events carry the id.
        for doc in &pending {
            buckets.extend(self.buckets_of(doc)?);
        }
        let mut story_ids: HashMap<DocNo, String> = HashMap::new();
        for &seed in &touched {
            let members = index.members(seed);
            let story = index.story_with(seed);
            let docs: Vec<&str> =
                members.iter().filter_map(|&m| indexed.get(m as usize)).map(|a| a.doc.as_str()).collect();
            let stored = docs.iter().find(|d| !pending.contains(**d));
            let old_id = match stored {
                Some(doc) => self.column("SELECT story FROM story_members WHERE doc = ?1", doc)?.into_iter().next(),
                None => None,
            };
            if let Some(old) = &old_id {
                self.tx.prepare_cached("DELETE FROM stories WHERE id = ?1")?.execute([old])?;
            }
            if old_id.as_ref() != Some(&story.id) {
                for doc in docs.iter().filter(|d| !pending.contains(**d)) {
                    buckets.extend(self.buckets_of(doc)?);
                }
            }
            let record = story_of(&story);
            let file_doc: Vec<(&str, &str)> =
                members.iter().zip(&docs).filter_map(|(&m, &d)| Some((index.meta(m)?.id.as_str(), d))).collect();
            self.tx
                .prepare_cached(
                    "INSERT OR REPLACE INTO stories (id, original_doc, original_file, similarity)
                     VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(params![
                    record.id,
                    file_doc.iter().find(|(f, _)| Some(*f) == record.original.as_deref()).map(|(_, d)| *d),
                    record.original,
                    record.similarity
                ])?;
            let mut member = self.tx.prepare_cached(
                "INSERT OR REPLACE INTO story_members (story, ord, doc, file) VALUES (?1, ?2, ?3, ?4)",
            )?;
            let mut used = vec![false; file_doc.len()];
            for (ord, file) in record.files.iter().enumerate() {
                // Files are matched to member documents one to one, so two members with one file name keep both.
                let slot = file_doc.iter().enumerate().position(|(i, (f, _))| !used[i] && f == file);
                let doc = slot.map(|i| {
                    used[i] = true;
                    file_doc[i].1
                });
                member.execute(params![record.id, ord, doc, file])?;
            }
            story_ids.insert(seed, record.id);
            report.stories += 1;
        }

        report.buckets = buckets.len();
        let mut story_id = |doc: &str| -> Option<String> {
            let seed = index.story_of(*number.get(doc)?);
            Some(story_ids.entry(seed).or_insert_with(|| index.story_with(seed).id).clone())
        };
        let mut consolidate_bucket = |bucket: &str, rows: Vec<BucketRow>| -> Result<()> {
            let mut stored: HashMap<String, Option<i64>> = {
                let mut stmt = self.tx.prepare_cached("SELECT id, digest FROM events WHERE bucket = ?1")?;
                let rows = stmt.query_map([bucket], |r| Ok((r.get(0)?, r.get(1)?)))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            let records: Vec<EventRecord> =
                rows.iter().map(|r| serde_json::from_str(&r.record)).collect::<serde_json::Result<_>>()?;
            let stories: Vec<Option<String>> = rows.iter().map(|r| story_id(&r.doc)).collect();
            let reports: Vec<Report<'_>> = rows
                .iter()
                .zip(&records)
                .zip(&stories)
                .map(|((r, event), story)| Report {
                    event,
                    doc: &r.doc,
                    ord: r.ord,
                    outlet: r.outlet.as_deref(),
                    story: story.as_deref(),
                })
                .collect();
            // Every mention of a consolidated event comes from a member, so the members name their documents.
            let doc_of: HashMap<&str, &str> = records
                .iter()
                .zip(&rows)
                .map(|(e, r)| (e.mentions.first().map_or("", |m| m.page_key()), r.doc.as_str()))
                .collect();
            for merged in consolidate(&reports, &ConsolidateConfig::default()) {
                let mut event = merged.record;
                // Stored as one period, so that the digest below is that of the row as written.
                event.date = event.date.as_ref().and_then(EventDate::to_period);
                for m in &mut event.mentions {
                    if let Some(doc) = doc_of.get(m.page_key()) {
                        m.doc = Some(doc.to_string());
                    }
                }
                report.events += 1;
                // Most events of a bucket are as they were: only a changed one is written again.
                let digest = (xxh3_64(&serde_json::to_vec(&event)?) >> 1) as i64;
                if stored.remove(&event.id) != Some(Some(digest)) {
                    self.write_event(&event, Some(bucket), Some(digest))?;
                    report.written += 1;
                }
            }
            for gone in stored.keys() {
                self.remove_event(gone)?;
            }
            Ok(())
        };
        const ROW_SQL: &str = "SELECT e.bucket, e.doc, e.ord, e.record, a.outlet FROM doc_events e
             JOIN articles a ON a.doc = e.doc";
        let read_row = |r: &rusqlite::Row<'_>| -> rusqlite::Result<(String, BucketRow)> {
            Ok((r.get(0)?, BucketRow { doc: r.get(1)?, ord: r.get(2)?, record: r.get(3)?, outlet: r.get(4)? }))
        };
        if pending.len() as f64 > SCAN_ABOVE_SHARE * indexed.len() as f64 {
            let mut stmt = self.tx.prepare(&format!("{ROW_SQL} ORDER BY e.bucket, a.id, e.ord"))?;
            let mut rows = stmt.query([])?;
            let mut current: Option<(String, Vec<BucketRow>)> = None;
            while let Some(row) = rows.next()? {
                let (bucket, row) = read_row(row)?;
                if !buckets.contains(&bucket) {
                    continue;
                }
                match &mut current {
                    Some((b, list)) if *b == bucket => list.push(row),
                    _ => {
                        if let Some((b, list)) = current.take() {
                            consolidate_bucket(&b, list)?;
                        }
                        current = Some((bucket, vec![row]));
                    }
                }
            }
            if let Some((b, list)) = current {
                consolidate_bucket(&b, list)?;
            }
        } else {
            for bucket in &buckets {
                let mut stmt =
                    self.tx.prepare_cached(&format!("{ROW_SQL} WHERE e.bucket = ?1 ORDER BY a.id, e.ord"))?;
                let rows = stmt.query_map([bucket], read_row)?.map(|r| r.map(|(_, row)| row));
                let rows = rows.collect::<rusqlite::Result<Vec<_>>>()?;
                consolidate_bucket(bucket, rows)?;
            }
        }
        self.tx.execute("DELETE FROM pending", [])?;
        Ok(report)
    }

    /// The story index over every stored fingerprint, in ingest order, and what it needs of each article.
    /// Documents already in a story join it directly; pending ones are matched against the earlier documents.
    fn story_index(&self, config: StoryConfig, pending: &BTreeSet<String>) -> Result<(StoryIndex, Vec<Indexed>)> {
        let mut index = StoryIndex::new(config).map_err(|e| StoreError::Invalid(e.to_string()))?;
        let mut indexed = Vec::new();
        let mut seeds: HashMap<String, DocNo> = HashMap::new();
        let mut stmt = self.tx.prepare(
            "SELECT a.doc, a.file, a.outlet, a.published_value, a.published_precision, a.candidates_json,
             f.fingerprint, f.credits, m.story FROM articles a JOIN doc_fingerprints f ON f.doc = a.doc
             LEFT JOIN story_members m ON m.doc = a.doc ORDER BY a.id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let doc: String = row.get(0)?;
            let published = match (row.get::<_, Option<String>>(3)?, row.get::<_, Option<String>>(4)?) {
                (Some(value), Some(precision)) => Some(parse_date(&value, &precision)?),
                _ => None,
            };
            let candidates = match published {
                Some(_) => Vec::new(),
                None => serde_json::from_str(&row.get::<_, String>(5)?)?,
            };
            let bytes: Vec<u8> = row.get(6)?;
            let fingerprint = Fingerprint::from_bytes(&bytes)
                .ok_or_else(|| StoreError::Invalid(format!("fingerprint of {doc} has {} bytes", bytes.len())))?;
            let meta = DocumentMeta {
                id: row.get(1)?,
                outlet: row.get(2)?,
                published,
                credits: serde_json::from_str(&row.get::<_, String>(7)?)?,
            };
            let story: Option<String> = row.get(8)?;
            let known = story.filter(|_| !pending.contains(&doc));
            let no = match &known {
                // A stored story's first document (in ingest order) started it.
                Some(s) => index.add_to_story(meta, fingerprint, seeds.get(s).copied().unwrap_or(index.len() as DocNo)),
                None => index.add_fingerprinted(meta, fingerprint).0,
            };
            if let Some(story) = known {
                seeds.entry(story).or_insert(no);
            }
            indexed.push(Indexed { doc, candidates });
        }
        Ok((index, indexed))
    }
}

/// One stored event of a bucket.
struct BucketRow {
    doc: String,
    ord: usize,
    record: String,
    outlet: Option<String>,
}
