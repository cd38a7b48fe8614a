//! Events: who did what to whom, coded in CAMEO (with Goldstein, QuadClass and PLOVER) from one sentence at a
//! time.
//!
//! Job: given a sentence's tokens and the actor and time mentions found in it (as this crate's own
//! [`ActorSlot`] and [`TimeSlot`], which an adapter fills from the actors and time stages), find the event
//! predicates ([`find_matches`]), give each a source and target ([`code_sentence`] -> [`EventCandidate`]), and
//! tell standing relations ("maintains close ties with") apart from events. [`EventRecord`] is the consolidated
//! record of `FORMATS.md`; [`Codebook`] answers questions about CAMEO codes.
//!
//! [`EventRecord`] and its parts ([`Party`], [`EventDate`], [`Location`], [`Flags`], [`Mention`]) are the only
//! event record types in the workspace: the pipeline consolidates them, the store writes and reads them and
//! re-exports them, the CLI prints them. They live here rather than in `dyad_core` because a record is built from
//! this crate's codebook ([`EventRecord::for_code`]) and every stage that handles one already depends on this
//! crate, while `dyad_core` stays free of event vocabulary. What only a database row has (a mention's document
//! hash) is an optional field skipped when absent, so a record prints the same whoever made it.
//!
//! Key design decision: dictionary-driven pattern matching over lemmas with word-order heuristics for roles,
//! not a syntactic parser or a trained model. Verb patterns (`data/verbs.tsv`), nominal events
//! (`data/nominal_events.tsv`), relation cues (`data/relations.tsv`) and modifier cues (`data/event_cues.tsv`)
//! are data that a person can read, correct and extend, every coded event names the pattern that fired, and the
//! whole stage is a hash probe per token plus small windowed checks, so it runs at thousands of pages per second
//! per core with no model files. Roles come from a handful of rules that hold across English news prose (the
//! leftmost subject of the clause, the actor after the pattern's preposition, coordinated lists, passive "by",
//! "between X and Y", the speaker of reported speech), which generalise where per-sentence rules would not. Cue
//! phrases (`data/event_cues.tsv`) move a predicate to another code the way the CAMEO codebook does: a refusal
//! to act is a rejection (12), an obligation stated in reported speech is the speaker's demand (10), an announced
//! action under a condition is a threat (13), a promised action its intent code (03 or 13).
//!
//! Where the text names no party, the place can: an arrest or investigation with no agent ("was arrested in X")
//! and an attack reported by its noun ("a roadside bombing near X killed ...") are by the state where they happen,
//! and a place taken as a party is reported as its state ([`EventCandidate::to_record`]). A state's coercion at
//! home with no target named (police opening fire, a curfew lifted) is aimed at its own state
//! ([`EventCandidate::home_target`]).
//!
//! The tree pass ([`code_sentence_with`], module [`tree`]): when the caller passes a [`Parse`] (the pipeline's
//! `Coder::with_tree`, over the embedded `data/syntax.model`), a sentence with an actor mention and a verb predicate
//! is parsed, and the source and target of each verb predicate the matcher found are read from its UD relations
//! (`nsubj`, `obj`/`iobj`, an `obl` with the pattern's preposition, `nsubj:pass` and `obl:agent`, `conj`, `xcomp`
//! control, `acl:relcl`, reduced relatives with `acl`); a role the tree names no party for keeps its word-order
//! parties. The predicates, codes, flags and precision checks stay the word-order coder's. The crate does not
//! depend on the parser: it only reads a [`Tree`] of byte spans, heads and relations. The pass is off by default;
//! its figures are in the README's Events section.
//!
//! A word that can be a noun or a verb ("attack", "visit", "talks") is read from its neighbours (`reading.rs`,
//! closed classes in `data/function_words.tsv` and `data/word_classes.tsv`): no verb pattern fires on a noun
//! reading, and patterns loaded from a PETRARCH dictionary fire only on a positive verb reading.
//!
//! Real web pages are mostly not international news, and most dictionary hits there are ordinary English: a month
//! ("on March 7"), a noun ("signs of", "in order to"), a commercial "offer", a match result ("Australia beat
//! Colombia 6-4"), a nationality adjective on a thing ("German cars"). A last stage (`precision.rs`, word lists in
//! `data/event_precision.tsv`) checks the few tokens around each predicate and its parties and drops such
//! readings; everyday verbs (offer, provide, receive, travel, ...) are coded only with a political subject right
//! before them.
#![deny(missing_docs)]

mod analysis;
mod candidate;
mod codebook;
mod coder;
mod dict;
mod embedded;
mod flags;
mod lexicon;
mod matcher;
mod patterns;
pub mod petrarch;
mod precision;
mod reading;
mod record;
mod roles;
mod slots;
pub mod tree;

pub use analysis::Analysis;
pub use candidate::{EventCandidate, RelationCandidate, SentenceEvents};
pub use codebook::{CodeInfo, Codebook, quad_class_of_root};
pub use coder::{code_sentence, code_sentence_in, code_sentence_with};
pub use dict::Dictionaries;
pub use matcher::{Match, MatchKind, find_matches, find_matches_in};
pub use patterns::{CueKind, NominalPattern, Phrase, VerbPattern};
pub use petrarch::{LoadReport, PetrarchError, SkipReason};
pub use record::{EventDate, EventRecord, Flags, Location, Mention, Party};
pub use slots::{ActorSlot, SlotKind, SlotTime, TimeSlot};
pub use tree::{Parse, Rel, Tree, TreeWord};

pub use dyad_core::DataError;

#[cfg(test)]
mod clause_tests;
#[cfg(test)]
mod matcher_tests;
#[cfg(test)]
mod precision_tests;
#[cfg(test)]
mod role_tests;
#[cfg(test)]
mod table_tests;
