//! Events: who did what to whom in one sentence, coded in CAMEO (with Goldstein, QuadClass and PLOVER).
//!
//! Job: given a sentence's tokens and its actor and time mentions (this crate's own [`ActorSlot`] and
//! [`TimeSlot`], which an adapter fills from the actors and time stages), code its events and standing relations
//! ([`code_sentence`] -> [`SentenceEvents`]), and make the event record of `FORMATS.md` ([`EventRecord`], built
//! by [`EventCandidate::to_record`]; the stories crate consolidates it, the store keeps it, the CLI prints it), and
//! the standing [`Relation`] the pipeline makes of a relation cue. The record types live here rather than in
//! `dyad_core` because a record is built from this crate's codebook.
//!
//! Key decision: dictionary-driven pattern matching over lemmas with word-order rules for roles, not a trained
//! model. Verb patterns, event nouns, relation and modifier cues are data files under `data/` that a person can
//! read and extend, every event names the pattern that fired, and a sentence costs a hash probe per token plus
//! small windowed checks, so coding needs no model files and runs at thousands of pages per second. A dependency
//! tree, when the caller passes a parser ([`code_sentence_with`], [`Parse`]), only refines the roles of verbs and
//! event nouns. A learned classifier ([`learned`], an averaged perceptron over hashed lemma and tree features)
//! sits beside the rules and is not used by the coder: `dyad bench plover --learned` measures it as a fallback.
//!
//! The coder is a sequence of named passes, each in its own module, the module graph flowing one way (see
//! `coder.rs`): analysis (`analysis.rs`, `reading.rs`) -> candidates (`matcher.rs`) -> precision on
//! predicates (`precision/`) -> roles (`roles/`, with the tree pass) -> flags (`flags.rs`) -> precision on
//! parties. The closed word lists the passes read are under `lexicon/`; an embedded data file that does not
//! parse stops the program at first use, naming its file and line.
#![deny(missing_docs)]

mod analysis;
mod candidate;
mod codebook;
mod coder;
mod dict;
mod embedded;
mod flags;
pub mod learned;
mod lexicon;
mod matcher;
mod patterns;
pub mod petrarch;
mod precision;
mod reading;
mod record;
mod reference;
mod roles;
mod secondary;
mod slots;
pub mod tree;

pub use analysis::Analysis;
pub use candidate::{EventCandidate, RelationCandidate, SentenceEvents};
pub use codebook::{CodeInfo, Codebook, quad_class_of_root};
pub use coder::{code_sentence, code_sentence_in, code_sentence_with};
pub use dict::{Dictionaries, LoadedUse};
pub use matcher::{Match, MatchKind, find_matches, find_matches_in};
pub use patterns::{CueKind, NominalPattern, Phrase, VerbPattern};
pub use petrarch::{LoadReport, PetrarchError, SkipReason};
pub use record::{DateOrRange, EventDate, EventRecord, Flags, Location, Mention, Party, Relation};
pub use reference::ActReference;
pub use slots::{ActorSlot, EARLIER_DAYS, SlotKind, SlotTime, TimeSlot};
pub use tree::{Parse, Rel, Tree, TreeWord};

pub use dyad_core::DataError;

#[cfg(test)]
mod matcher_tests;
#[cfg(test)]
mod table_tests;
