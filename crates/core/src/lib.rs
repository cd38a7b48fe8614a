//! Value types that every stage of the dyad pipeline shares.
//!
//! dyad cites evidence by byte offsets into the original page and dates events at the precision the text gives.
//! Both are easy to get subtly wrong, so both live here as small types that check their invariants when they are
//! built: a [`Span`] always lies on `char` boundaries of the text it was made for, a [`DateValue`] is always a
//! valid calendar date truncated to its [`Precision`], and an [`ActorCode`] is always a well-formed CAMEO actor
//! code whose root and [`Sector`]s can be read without slicing strings. Everything downstream can then trust them
//! without re-checking.
//!
//! The citations of a page live here too: an event's [`Mention`] and the [`PageSentence`] it points at, which the
//! pipeline emits and the store keeps as they are (the store may depend on this crate; it may not on the pipeline).
//!
//! Key design decision: one crate with no pipeline logic, so that `page`, `time`, `actors` and `events` agree on
//! these types without depending on one another.
#![deny(missing_docs)]

mod code;
mod data;
mod date;
mod mention;
mod span;

pub use code::{ActorCode, CodeError, Sector, UNKNOWN_ROOT};
pub use data::{DataError, data_lines, tsv_columns};

pub use date::{DateError, DateRange, DateValue, Precision};
pub use mention::{ByteRange, Mention, PageSentence};
pub use span::{Span, SpanError};

/// The fields of the event record in `FORMATS.md` (the CLI and record contract), in its order. Every serialisation
/// of an event (coding, store, `dyad events --format jsonl`) carries all of them; extras such as `pattern` follow.
pub const EVENT_RECORD_FIELDS: [&str; 16] = [
    "id",
    "code",
    "root",
    "quad_class",
    "goldstein",
    "plover",
    "source",
    "target",
    "date",
    "location",
    "flags",
    "mentions",
    "num_mentions",
    "num_sources",
    "num_articles",
    "story",
];
