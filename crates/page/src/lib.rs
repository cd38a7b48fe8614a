//! Page → article: the first stage of dyad.
//!
//! A page is what a scraper saved: plain text with menus, tickers and comment forms around the story, or raw
//! HTML. [`extract`] detects which, removes the boilerplate, and returns an [`Article`]: the title, the outlet, the
//! dateline, the publication date with its precision and the evidence it came from, the body paragraphs and the
//! photo captions (kept apart from the body and deduplicated), each with byte offsets into the original page, and
//! every dropped region with the reason it was dropped.
//!
//! Key design decision: every piece of output points back into the original bytes. Nothing downstream ever
//! reads a rewritten copy of the page, so each event dyad emits can be traced to the exact bytes that support it.
//! Bad input (binary data, invalid UTF-8, empty or enormous pages, pathological nesting) is a per-document
//! [`PageError`], never a panic.
#![deny(missing_docs)]

mod model;

pub use model::{Article, Block, DropReason, Dropped, PageError, PageFormat, Published};
