//! Stories: near-duplicate pages grouped into stories, years inferred from a story, and the reports of one event
//! consolidated into one event with every page that reports it.
//!
//! GDELT's best-known flaw is counting one event many times, once per page and once per sentence. This crate
//! fixes it in two steps. First, pages are grouped into stories by MinHash over shingles of *normalised* text, in
//! which actor mentions are canonical actor ids and dates are resolved values, so a copy that writes "North Korea"
//! for "DPRK" is still a copy ([`StoryIndex`]). Second, events with the same dyad, CAMEO root, compatible dates and
//! places merge, within a page, a story, and across stories within a window set by date precision
//! ([`consolidate`]). [`infer_year`] gives a yearless page the year of its story.
//!
//! Key design decision: an own MinHash + LSH with a flat, append-only layout instead of a general LSH crate. Each
//! document costs a 64 × `u32` signature plus one `u32` bucket key and one `u32` chain link per band (32 bands of
//! 2 rows), about 0.7 KB in all, and inserting never moves earlier documents; so the index is linear in documents,
//! under the 1 KB per document budget, and can be built incrementally over millions of pages. Two-row bands put
//! the LSH curve's midpoint near 0.18, low enough for rewrites (which keep only 30–50 % of their shingles) and
//! candidates are confirmed by full-signature similarity against a threshold calibrated on a labelled set
//! (`dyad bench near-dup`). The crate has no dependency on the actors or time crates: callers push canonical ids and
//! resolved dates into [`Tokens`] themselves.
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

pub use consolidate::{ConsolidateConfig, ConsolidatedEvent, EventInput, Mention, Place, cameo_root, consolidate};
pub use hash::SplitMix;
pub use index::{Banding, LshIndex};
pub use minhash::{MinHasher, SIG_LEN, Signature};
pub use story::{DocNo, Document, Story, StoryConfig, StoryCopy, StoryIndex};
pub use tokens::Tokens;
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
    #[error("{file} line {line}: {why}")]
    Data {
        /// The file.
        file: &'static str,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        why: &'static str,
    },
    /// A labelled set could not be read or parsed.
    #[error("labelled set: {0}")]
    LabelledSet(String),
}
