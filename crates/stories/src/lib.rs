//! Stories: near-duplicate pages grouped into stories, years inferred from a story, and the reports of one event
//! consolidated into one event with every page that reports it.
//!
//! GDELT's best-known flaw is counting one event many times, once per page and once per sentence. This crate
//! fixes it in two steps. First, pages are grouped into stories by MinHash over shingles of *normalised* text, in
//! which actor mentions are canonical actor ids and dates are resolved values, so a copy that writes "North Korea"
//! for "DPRK" is still a copy ([`StoryIndex`]). Second, events with the same CAMEO code, the same direction (either
//! order only when both are symmetric), compatible dates and places merge, within a page, a story, and across
//! stories within a window set by date precision when their parties are also the same below country level (no
//! other person, organisation or sector on either side; for an act within one country, the same on both sides)
//! ([`consolidate`], which reads the coder's event records and returns records). [`infer_year`] gives a yearless page the year of its story. A [`Story`] is the story record of
//! FORMATS.md as it is: the corpus stage writes it, the store reads it back and `dyad stories` prints it.
//!
//! Key design decision: an own MinHash + LSH with a flat, append-only layout instead of a general LSH crate
//! (faster and several times smaller than gaoya when measured; see the README). Signatures are 64 `u32` bins filled
//! by one-permutation hashing with densification (one hash per shingle, not 64); bands are 32 × 2 rows, each band a
//! `u32 → u32` bucket map to the newest document plus a chain link per document, so memory is linear in documents
//! and inserting never moves earlier documents: the index grows incrementally over a million pages. Two-row bands
//! put the LSH curve's midpoint low enough for rewrites; candidates are confirmed by full-signature similarity
//! against a threshold calibrated on a labelled set (`dyad bench stories near-dup`). Stories are not the connected
//! components of that similarity graph, since single linkage chains a long-running topic into one story: a document
//! joins the story whose seed (first document) or majority it matches and whose seed's actors agree with its own,
//! the best such story only, and stories never merge ([`StoryIndex`]). The crate has no dependency on the
//! actors or time crates: callers push canonical ids and resolved dates into [`HashedTokens`] themselves.
#![deny(missing_docs)]

pub mod calibration;
mod consolidate;
mod hash;
mod index;
mod minhash;
mod story;
mod tokens;
mod wire;
mod year;

pub use consolidate::{
    ConsolidateConfig, ConsolidatedEvent, EventReport, bucket_key, bucket_of, cameo_root, consolidate,
};
/// The sentence citation consolidation groups: the one the event coder writes ([`dyad_core::Mention`]).
pub use dyad_core::Mention;
pub use hash::SplitMix;
pub use index::{Banding, LshIndex};
pub use minhash::{MinHasher, SIG_LEN, Signature};
pub use story::{DocNo, DocumentMeta, Fingerprint, Story, StoryConfig, StoryDocument, StoryIndex};
pub use tokens::HashedTokens;
pub use wire::{Agency, agencies_in, agency_of_outlet, parse_agencies};
pub use year::{InferredDate, PartialDate, infer_year};

/// Errors of this crate.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StoriesError {
    /// The banding does not fit the signature.
    #[error("{bands} bands of {rows} rows do not fit a signature of {max} values")]
    Banding {
        /// Bands requested.
        bands: usize,
        /// Rows per band requested.
        rows: usize,
        /// Signature length.
        max: usize,
    },
    /// A similarity threshold outside 0..=1.
    #[error("threshold {0} is not in 0..=1")]
    Threshold(f32),
    /// A malformed line in a data file.
    #[error(transparent)]
    Data(#[from] dyad_core::DataError),
    /// A labelled set could not be read or parsed.
    #[error("labelled set: {0}")]
    LabelledSet(String),
}
