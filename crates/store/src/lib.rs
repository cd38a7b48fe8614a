//! The dyad database: an SQLite file holding every ingested document, what was extracted from it, and the
//! consolidated events, actors and stories built across documents; plus the exports (JSON Lines, GDELT 2.0).
//!
//! Key design decision: **one SQLite transaction per batch, and a document's row is written in the same transaction
//! as everything extracted from it.** A document row therefore exists only if its article, sentences, mentions and
//! relations exist too, which gives two properties at once: ingest is idempotent (a document whose content hash is
//! stored is skipped, and every insert is `INSERT OR IGNORE` / `ON CONFLICT` so a repeated batch changes nothing),
//! and it is crash-safe (a killed process loses only the uncommitted batch, whose documents are simply ingested
//! again on the next run). SQLite was chosen over a custom format because it gives this atomicity, concurrent
//! readers (WAL mode), full-text search (FTS5) and ad-hoc SQL for users in one dependency-free file; the `bundled`
//! feature compiles it in, so nothing is needed on the machine.
//!
//! # Using it
//! ```
//! # fn main() -> Result<(), dyad_store::StoreError> {
//! use dyad_store::{DocumentRecord, EventFilter, Store};
//! // `Store::open("dyad.db")` for a file; a database in memory here.
//! let mut store = Store::open_in_memory()?;
//! let doc = DocumentRecord::new("pages/a.txt", b"...page...");
//! if !store.has_document(&doc.hash)? {
//!     store.transaction(|batch| batch.add_skipped(&doc, "empty page"))?;
//! }
//! assert!(store.has_document(&doc.hash)?);
//! assert_eq!(store.counts()?.skipped.get("empty page"), Some(&1));
//! let events = store.events(&EventFilter { dyad: Some(("PRK".into(), "CUB".into())), ..Default::default() })?;
//! assert!(events.is_empty());
//! # Ok(()) }
//! ```
//!
//! The schema, how several processes share one database and how the corpus stage keeps it up to date are
//! described in [`schema`].
//!
//! Every record is the type of the stage that produces it, mapped to columns here and read back as the same type
//! (see `records`), so this crate depends on the crates that hold those types (`dyad-core`, `-page`, `-actors`,
//! `-events`, `-stories`) and on none that does pipeline work.
#![deny(missing_docs)]

pub mod corpus;
pub mod gdelt;
mod hash;
mod read;
mod records;
pub mod schema;
mod store;
#[cfg(any(test, feature = "test-support"))]
#[doc(hidden)]
pub mod testing;

pub use corpus::{BucketEvent, Fingerprinted};
pub use gdelt::{
    GDELT_EVENT_COLUMNS, GDELT_MENTION_COLUMNS, GdeltContext, GdeltDoc, write_events_jsonl, write_gdelt_events,
    write_gdelt_mentions, write_jsonl,
};
pub use hash::{content_hash, gdelt_event_id};
pub use read::{DyadPeriod, EventCursor, EventQuery, Interrupt, Partner, Period, StoryPage};
pub use records::*;
pub use store::{Batch, EventFilter, Result, Store, StoreError};

#[cfg(test)]
mod tests;
