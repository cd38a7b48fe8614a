//! The records the store reads and writes. Each is the type of the stage that produces it, written and read as it
//! is and printed by the CLI unchanged: the page stage's article ([`dyad_page::Article`]; its `format` is not kept
//! and reads back as text), the sentence ([`dyad_core::PageSentence`]), the actor mention and the listed actor
//! ([`dyad_actors::PageMention`], [`dyad_actors::ActorRecord`]), the event record and the standing relation
//! ([`dyad_events::EventRecord`], [`dyad_events::Relation`]) and the story ([`dyad_stories::Story`]). Only what
//! belongs to the database itself is defined here: the document row, a document's bundle of records, its coding
//! and the read-side results (search hits, counts).

pub use dyad_actors::{Actor, ActorKind, ActorRecord, PageMention, RoleRecord};
pub use dyad_core::PageSentence;
pub use dyad_events::{EventDate, EventRecord, Flags, Location, Mention, Party, Relation};
pub use dyad_page::{Article, Block, DropReason, Dropped, PageFormat, Published};
pub use dyad_stories::Story;
use serde::{Deserialize, Serialize};

use crate::hash::content_hash;

/// Whether a document became an article or was skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocumentStatus {
    /// An article was extracted and stored.
    Ok,
    /// No article: the row keeps the reason so that a re-run skips the file at once.
    Skipped,
}

impl DocumentStatus {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            DocumentStatus::Ok => "ok",
            DocumentStatus::Skipped => "skipped",
        }
    }
}

/// One input file, keyed by the hash of its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRecord {
    /// [`content_hash`] of the raw bytes.
    pub hash: String,
    /// The path as given to ingest.
    pub path: String,
    /// Size in bytes.
    pub size: u64,
    /// The raw bytes, stored only when set (see [`DocumentRecord::with_raw`]).
    #[serde(skip)]
    pub raw: Option<Vec<u8>>,
    /// `ok` or `skipped` (set by the store from the call that wrote the row).
    pub status: DocumentStatus,
    /// Why the document was skipped.
    pub reason: Option<String>,
    /// When the row was written (UTC, RFC 3339), filled in by the store.
    pub ingested_at: Option<String>,
}

impl DocumentRecord {
    /// A document for `path` with these bytes: hash and size are computed, the bytes themselves are not kept.
    pub fn new(path: impl Into<String>, bytes: &[u8]) -> DocumentRecord {
        DocumentRecord {
            hash: content_hash(bytes),
            path: path.into(),
            size: bytes.len() as u64,
            raw: None,
            status: DocumentStatus::Ok,
            reason: None,
            ingested_at: None,
        }
    }

    /// The same document, keeping its raw bytes in the database.
    pub fn with_raw(mut self, bytes: &[u8]) -> DocumentRecord {
        self.raw = Some(bytes.to_vec());
        self
    }
}

/// Everything extracted from one document, written with its document row in one call.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedDocument {
    /// The article.
    pub article: Article,
    /// Its sentences.
    pub sentences: Vec<PageSentence>,
    /// Actors mentioned (upserted: aliases and roles merge with what is stored).
    pub actors: Vec<ActorRecord>,
    /// Actor mentions in this document (the store keeps each one's actor id, sentence, offsets and text).
    pub mentions: Vec<PageMention>,
    /// Relations stated in this document.
    pub relations: Vec<Relation>,
    /// What story grouping and consolidation need of the document, kept so that they can be brought up to date
    /// later without coding it again. `None` for a document written without it (it is coded again when needed).
    pub coding: Option<DocCoding>,
}

impl ParsedDocument {
    /// The same document with every event mention and relation citing the stored document `hash`, so that pages
    /// that share a file name are never taken for one another.
    pub fn cited_as(mut self, hash: &str) -> ParsedDocument {
        self.coding = self.coding.map(|c| c.cited_as(hash));
        for r in &mut self.relations {
            r.evidence.doc = Some(hash.to_string());
        }
        self
    }
}

impl DocCoding {
    /// The same coding with every event mention citing the stored document `hash` (see
    /// [`ParsedDocument::cited_as`]).
    pub fn cited_as(mut self, hash: &str) -> DocCoding {
        for m in self.events.iter_mut().flat_map(|e| e.event.mentions.iter_mut()) {
            m.doc = Some(hash.to_string());
        }
        self
    }
}

/// A document's story fingerprint and its events before consolidation.
#[derive(Debug, Clone, PartialEq)]
pub struct DocCoding {
    /// The story index's view of the document, as the story index serialised it.
    pub fingerprint: Vec<u8>,
    /// The wire agencies the text credits (they help choose a story's original).
    pub credits: Vec<String>,
    /// The document's events, one per (sentence, source, code, target), in page order.
    pub events: Vec<BucketedEvent>,
}

/// A document's event before consolidation, with the consolidation bucket it falls in (events of different
/// buckets never merge).
#[derive(Debug, Clone, PartialEq)]
pub struct BucketedEvent {
    /// The bucket (named by the corpus stage).
    pub bucket: String,
    /// The event.
    pub event: EventRecord,
}

/// An FTS hit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    /// Document hash.
    pub doc: String,
    /// File name.
    pub file: String,
    /// Title.
    pub title: Option<String>,
    /// Matching text with the terms in `[` `]`.
    pub snippet: String,
}

/// Row counts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Documents seen (ok and skipped).
    pub documents: u64,
    /// Skipped documents by reason.
    pub skipped: std::collections::BTreeMap<String, u64>,
    /// Articles.
    pub articles: u64,
    /// Sentences.
    pub sentences: u64,
    /// Canonical actors.
    pub actors: u64,
    /// Actor mentions.
    pub actor_mentions: u64,
    /// Consolidated events.
    pub events: u64,
    /// Event mentions.
    pub event_mentions: u64,
    /// Relations.
    pub relations: u64,
    /// Stories.
    pub stories: u64,
}
