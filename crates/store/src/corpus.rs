//! The tables the corpus stage keeps between runs, as a narrow API of plain values: each document's coding
//! (story fingerprint bytes, credits, unconsolidated events with their buckets), the pending documents, the story
//! members, the consolidated events of a bucket, the people the registry learned and a few settings. The stage
//! itself (grouping stories, inferring years, consolidating) lives in `dyad-ingest`; nothing here knows how a
//! fingerprint is made or how events merge.

use std::collections::{BTreeSet, HashMap};

use dyad_core::DateValue;
use rusqlite::{OptionalExtension, params};
use xxhash_rust::xxh3::xxh3_64;

use crate::records::{Actor, DocCoding, EventRecord, Relation, Story};
use crate::store::{Batch, Result, Store, StoreError, load_article, parse_date};

/// A stored article as the story index needs it, in ingest order (see [`Batch::fingerprinted`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Fingerprinted {
    /// The document's content hash.
    pub doc: String,
    /// The article's file name.
    pub file: String,
    /// The outlet.
    pub outlet: Option<String>,
    /// The publication date, when known.
    pub published: Option<DateValue>,
    /// The candidate full dates of a year-less dateline, read only for undated articles (empty otherwise).
    pub candidates: Vec<DateValue>,
    /// The story fingerprint as its owner serialised it.
    pub fingerprint: Vec<u8>,
    /// The wire agencies the text credits.
    pub credits: Vec<String>,
    /// The stored story the document is a member of.
    pub story: Option<String>,
}

/// One document's unconsolidated event, as read for the consolidation of its bucket.
#[derive(Debug, Clone, PartialEq)]
pub struct BucketEvent {
    /// The document's content hash.
    pub doc: String,
    /// The event's place among the document's events.
    pub ord: usize,
    /// The event.
    pub event: EventRecord,
    /// The outlet of the document's article.
    pub outlet: Option<String>,
}

impl Store {
    /// People learned from earlier ingests, in the order they were learned (see [`Batch::save_person`]), as the
    /// actor registry keeps them.
    pub fn people(&self) -> Result<Vec<Actor>> {
        let mut stmt = self.conn().prepare("SELECT actor FROM registry_people ORDER BY seq")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        rows.map(|json| Ok(serde_json::from_str(&json?)?)).collect()
    }
}

impl Batch<'_> {
    /// Stores a document's coding (replacing an earlier one).
    pub fn set_coding(&self, doc: &str, coding: &DocCoding) -> Result<()> {
        self.tx
            .prepare_cached("INSERT OR REPLACE INTO doc_fingerprints (doc, fingerprint, credits) VALUES (?1, ?2, ?3)")?
            .execute(params![doc, coding.fingerprint, serde_json::to_string(&coding.credits)?])?;
        self.tx.prepare_cached("DELETE FROM doc_events WHERE doc = ?1")?.execute([doc])?;
        let mut insert =
            self.tx.prepare_cached("INSERT INTO doc_events (doc, ord, bucket, record) VALUES (?1, ?2, ?3, ?4)")?;
        for (ord, e) in coding.events.iter().enumerate() {
            insert.execute(params![doc, ord, e.bucket, serde_json::to_string(&e.event)?])?;
        }
        Ok(())
    }

    /// Stores a learned person (replacing an earlier version) both as the registry keeps it (serialised), with its
    /// place `seq` in the registry's learning order (which breaks ties between people, so a registry rebuilt from
    /// them resolves as before), and as `dyad actors` lists it ([`Actor::record`]: actor row, roles and aliases).
    pub fn save_person(&self, seq: usize, person: &Actor) -> Result<()> {
        self.tx
            .prepare_cached("INSERT OR REPLACE INTO registry_people (id, seq, actor) VALUES (?1, ?2, ?3)")?
            .execute(params![person.id, seq, serde_json::to_string(person)?])?;
        let record = person.record();
        self.upsert_actor(&record)?;
        self.replace_aliases(&record.id, &record.aliases)
    }

    /// Makes the next update code every stored article again (after an upgrade of dyad's dictionaries or rules)
    /// and rebuild every story and consolidated event from the new codings.
    pub fn forget_codings(&self) -> Result<()> {
        // Per-document events stay until each page's new coding replaces them: their buckets are the ones whose
        // consolidated events must be rebuilt.
        self.tx.execute_batch(
            "DELETE FROM doc_fingerprints; DELETE FROM stories;
             INSERT OR IGNORE INTO pending (doc) SELECT doc FROM articles;",
        )?;
        Ok(())
    }

    /// A setting kept with the database (e.g. the story settings the fingerprints were made with).
    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        Ok(self.tx.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    }

    /// Sets a setting kept with the database.
    pub fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        self.tx.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)", [key, value])?;
        Ok(())
    }

    fn column(&self, sql: &str, param: &str) -> Result<Vec<String>> {
        let mut stmt = self.tx.prepare_cached(sql)?;
        let rows = stmt.query_map([param], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The documents written but not yet grouped and consolidated.
    pub fn pending(&self) -> Result<BTreeSet<String>> {
        let mut stmt = self.tx.prepare("SELECT doc FROM pending")?;
        Ok(stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
    }

    /// Marks every pending document as grouped and consolidated.
    pub fn clear_pending(&self) -> Result<()> {
        self.tx.execute("DELETE FROM pending", [])?;
        Ok(())
    }

    /// The articles stored without a coding (an older database, or after [`Batch::forget_codings`]), in ingest
    /// order.
    pub fn uncoded(&self) -> Result<Vec<String>> {
        let mut stmt = self.tx.prepare(
            "SELECT a.doc FROM articles a LEFT JOIN doc_fingerprints f ON f.doc = a.doc
             WHERE f.doc IS NULL ORDER BY a.id",
        )?;
        Ok(stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
    }

    /// The consolidation buckets a document's events fall in.
    pub fn buckets_of(&self, doc: &str) -> Result<Vec<String>> {
        self.column("SELECT DISTINCT bucket FROM doc_events WHERE doc = ?1", doc)
    }

    /// The article of a document, as stored so far in this batch.
    pub fn article(&self, doc: &str) -> Result<Option<crate::Article>> {
        load_article(&self.tx, doc)
    }

    /// Replaces the relations a document states.
    pub fn replace_relations(&self, doc: &str, relations: &[Relation]) -> Result<()> {
        self.tx.prepare_cached("DELETE FROM relations WHERE doc = ?1")?.execute([doc])?;
        for r in relations {
            self.insert_relation(r)?;
        }
        Ok(())
    }

    /// The stored story a document is a member of.
    pub fn story_of(&self, doc: &str) -> Result<Option<String>> {
        Ok(self.column("SELECT story FROM story_members WHERE doc = ?1", doc)?.into_iter().next())
    }

    /// Writes a story (replacing a stored one with its id): `original_doc` is the document of its original,
    /// `member_docs` the document of each of its files, in order.
    pub fn write_story(&self, story: &Story, original_doc: Option<&str>, member_docs: &[Option<&str>]) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT OR REPLACE INTO stories (id, original_doc, original_file, similarity)
                 VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![story.id, original_doc, story.original, story.similarity])?;
        let mut member = self
            .tx
            .prepare_cached("INSERT OR REPLACE INTO story_members (story, ord, doc, file) VALUES (?1, ?2, ?3, ?4)")?;
        for (ord, file) in story.files.iter().enumerate() {
            member.execute(params![story.id, ord, member_docs.get(ord).copied().flatten(), file])?;
        }
        Ok(())
    }

    /// Every coded article with its fingerprint, in ingest order.
    pub fn fingerprinted(&self) -> Result<Vec<Fingerprinted>> {
        let mut stmt = self.tx.prepare(
            "SELECT a.doc, a.file, a.outlet, a.published_value, a.published_precision, a.candidates_json,
             f.fingerprint, f.credits, m.story FROM articles a JOIN doc_fingerprints f ON f.doc = a.doc
             LEFT JOIN story_members m ON m.doc = a.doc ORDER BY a.id",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let published = match (row.get::<_, Option<String>>(3)?, row.get::<_, Option<String>>(4)?) {
                (Some(value), Some(precision)) => Some(parse_date(&value, &precision)?),
                _ => None,
            };
            let candidates = match published {
                Some(_) => Vec::new(),
                None => serde_json::from_str(&row.get::<_, String>(5)?)?,
            };
            out.push(Fingerprinted {
                doc: row.get(0)?,
                file: row.get(1)?,
                outlet: row.get(2)?,
                published,
                candidates,
                fingerprint: row.get(6)?,
                credits: serde_json::from_str(&row.get::<_, String>(7)?)?,
                story: row.get(8)?,
            });
        }
        Ok(out)
    }

    /// Hands `f` the unconsolidated events of each bucket in `buckets`, bucket by bucket, each in ingest order.
    /// With `scan`, one ordered read of every stored event (cheaper when the buckets are most buckets); else one
    /// query per bucket.
    pub fn for_each_bucket<E: From<StoreError>>(
        &self,
        buckets: &BTreeSet<String>,
        scan: bool,
        mut f: impl FnMut(&str, Vec<BucketEvent>) -> Result<(), E>,
    ) -> Result<(), E> {
        const ROW_SQL: &str = "SELECT e.bucket, e.doc, e.ord, e.record, a.outlet FROM doc_events e
             JOIN articles a ON a.doc = e.doc";
        let read_row = |r: &rusqlite::Row<'_>| -> rusqlite::Result<(String, String, usize, String, Option<String>)> {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        };
        let event = |(_, doc, ord, record, outlet): (String, String, usize, String, Option<String>)| {
            Ok::<_, StoreError>(BucketEvent { doc, ord, event: serde_json::from_str(&record)?, outlet })
        };
        if scan {
            let mut stmt =
                self.tx.prepare(&format!("{ROW_SQL} ORDER BY e.bucket, a.id, e.ord")).map_err(StoreError::from)?;
            let mut rows = stmt.query([]).map_err(StoreError::from)?;
            let mut current: Option<(String, Vec<BucketEvent>)> = None;
            while let Some(row) = rows.next().map_err(StoreError::from)? {
                let row = read_row(row).map_err(StoreError::from)?;
                if !buckets.contains(&row.0) {
                    continue;
                }
                let bucket = row.0.clone();
                let row = event(row)?;
                match &mut current {
                    Some((b, list)) if *b == bucket => list.push(row),
                    _ => {
                        if let Some((b, list)) = current.take() {
                            f(&b, list)?;
                        }
                        current = Some((bucket, vec![row]));
                    }
                }
            }
            if let Some((b, list)) = current {
                f(&b, list)?;
            }
        } else {
            for bucket in buckets {
                let mut stmt = self
                    .tx
                    .prepare_cached(&format!("{ROW_SQL} WHERE e.bucket = ?1 ORDER BY a.id, e.ord"))
                    .map_err(StoreError::from)?;
                let rows = stmt.query_map([bucket], read_row).map_err(StoreError::from)?;
                let rows = rows.collect::<rusqlite::Result<Vec<_>>>().map_err(StoreError::from)?;
                let rows = rows.into_iter().map(event).collect::<Result<Vec<_>>>()?;
                f(bucket, rows)?;
            }
        }
        Ok(())
    }

    /// Replaces the consolidated events of a bucket with `events`: an event stored as it is stays untouched (most
    /// events of a bucket are as they were), a changed or new one is written, and a stored one not in `events` is
    /// removed. Returns how many were written.
    pub fn replace_bucket(&self, bucket: &str, events: &[EventRecord]) -> Result<usize> {
        let mut stored: HashMap<String, Option<i64>> = {
            let mut stmt = self.tx.prepare_cached("SELECT id, digest FROM events WHERE bucket = ?1")?;
            let rows = stmt.query_map([bucket], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut written = 0;
        for event in events {
            let digest = (xxh3_64(&serde_json::to_vec(event)?) >> 1) as i64;
            if stored.remove(&event.id) != Some(Some(digest)) {
                self.write_event(event, Some(bucket), Some(digest))?;
                written += 1;
            }
        }
        for gone in stored.keys() {
            self.remove_event(gone)?;
        }
        Ok(written)
    }
}
