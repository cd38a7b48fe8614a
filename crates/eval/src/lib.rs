//! Scores dyad's output against a gold file (`shared/gold/seeds.json` and files like it).
//!
//! The matching rules are the ones `shared/gold/README.md` defines: an event matches a gold event when it comes
//! from one of the gold files (or a page of the same story), joins the same two countries (either order when the
//! gold event is symmetric), has a CAMEO root the gold event allows, and agrees on the date at the gold precision.
//! The figures are required recall (the headline), all recall, precision against gold and tolerated readings,
//! must-not-extract violations, the merging checks, and the per-document checks of title, outlet, date and body.
//!
//! `news` scores the hand-annotated real-news gold (`tests/data/news30/`): precision and recall on source country,
//! target country and CAMEO root, with and without the date, and the classes of the required events missed.
//!
//! Key design decision: the scorer reads records in the public JSON shapes of `shared/FORMATS.md`, not the
//! pipeline's internal types, so it scores exactly what a user sees (from `dyad events --format jsonl` or the
//! database) and cannot be fooled by an internal field that never reaches the output.
#![deny(missing_docs)]

mod gold;
mod news;
mod score;

pub use gold::{Gold, GoldDocument, GoldError, GoldEvent};
pub use news::{
    Judged, Miss, NewsDate, NewsError, NewsEvent, NewsPage, NewsReport, Reading, date_agrees, parse_news, party_key,
    score_news,
};
pub use score::{DocumentCheck, Report, ScoredArticle, ScoredEvent, ScoredStory, score_documents, score_events};
