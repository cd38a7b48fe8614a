//! The corpus stage: pages from files, folders, JSON Lines and WARC crawls into the database, then stories,
//! years inferred from stories and consolidated events brought up to date. `dyad ingest`, ingest over HTTP
//! (`POST /api/pages`) and the seed test all run this one path.
//!
//! Two steps. The pages stage ([`Ingest::pages`], or [`Session::code`] and [`write()`] for a few pages) reads
//! inputs ([`inputs`]), extracts and codes each new page (by content hash) and commits each batch with the page's
//! coding (story fingerprint and unconsolidated events), the pages marked pending. The update ([`update()`], or
//! [`Session::update`]) then groups the pending pages into stories, dates year-less pages from their story
//! (coding them again) and re-consolidates only the consolidation buckets (CAMEO root and unordered actor pair)
//! their events fall in.
//!
//! Key decision: **the corpus stage is incremental, and the store only keeps values.** A page's story depends
//! only on the pages before it and events of different buckets never merge, so rebuilding the story index from
//! stored fingerprints and consolidating the touched buckets gives what a from-scratch run over the whole
//! database gives, at a cost that follows the new pages. All the logic (fingerprints, stories, year inference,
//! consolidation) is here; `dyad-store` offers plain reads and writes (pending documents, fingerprints, events by
//! bucket, replace a bucket, write a story) and depends on no stage crate but those whose records it keeps as they
//! are (the article, sentences, actors and their mentions, events and relations, stories), so nothing is
//! converted on the way in or out.
#![deny(missing_docs)]

mod corpus;
mod engine;
pub mod inputs;
mod session;
mod update;
mod verbs;
mod warc;

pub use corpus::{date_from_text, year_from_text};
pub use engine::{Ingest, Options, PagesReport, Progress};
pub use session::{CodedBatch, MAX_SENTENCES, Session, extract_page, write};
pub use update::{UpdateReport, update};
pub use verbs::{load_verbs, read_verbs};

/// Why ingest failed. A page that cannot be read or has no article is not an error: it is skipped with a reason.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The database failed.
    #[error(transparent)]
    Store(#[from] dyad_store::StoreError),
    /// The story settings are invalid.
    #[error(transparent)]
    Stories(#[from] dyad_stories::StoriesError),
    /// A stored value does not make sense (the database was edited by hand or is damaged).
    #[error("invalid stored value: {0}")]
    Invalid(String),
    /// The writer thread could not start.
    #[error("cannot start the writer thread: {0}")]
    Thread(#[from] std::io::Error),
    /// The writer thread panicked.
    #[error("the writer thread panicked")]
    WriterPanicked,
    /// A verb dictionary file could not be read.
    #[error("cannot read {}", path.display())]
    ReadVerbs {
        /// The file.
        path: std::path::PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A verb dictionary file is not a valid PETRARCH verb dictionary.
    #[error("cannot load {}", path.display())]
    LoadVerbs {
        /// The file.
        path: std::path::PathBuf,
        /// Why.
        source: dyad_events::PetrarchError,
    },
}
