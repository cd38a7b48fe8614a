//! Precision filters: checks that tell a real international event from an ordinary use of the same words in
//! general web prose (a month name, a noun, a commercial "offer", a match result), applied after the matcher and
//! after role assignment.
//!
//! The dictionaries were written for news about states; on real pages most of their hits are ordinary English.
//! Rather than guessing a part of speech for every word (which would need a tagger), these checks look only at
//! the few tokens around a predicate that decide its reading ("most inviting", "signs of", "brought ... back",
//! "in order to"), at whether the subject of an everyday verb is a political actor standing right before it, and
//! at whether the sentence is sports news. Word lists live in `data/event_precision.tsv`.
//!
//! Clause structure decides whether an act happened and whose it is, and these checks read it from the same few
//! tokens: an act that is only supposed (a counterfactual "would have", an inverted "had X agreed", a question,
//! a "whether" clause), asked for ("asked X to investigate", "pressured X into announcing"), compared or prevented
//! ("tantamount to investigating", "barred X from entering") is not coded, as CAMEO codes such a sentence on its
//! main verb; a name that closes a list of things, names the source of the report ("according to X of the Y") or
//! is punished for the act ("arrested X for spying on Y") is no party of a predicate beyond it.

//!
//! Two passes: [`drop_false_predicates`] before roles (`predicates.rs`), [`plausible`] on each coded event after
//! roles (`parties.rs`), over sentence facts computed once (`facts.rs`).

mod facts;
mod parties;
mod phrases;
mod predicates;

pub(crate) use facts::{SentenceFacts, attribution_ranges};
pub(crate) use parties::plausible;
pub(crate) use phrases::for_opens_clause;
pub(crate) use predicates::drop_false_predicates;

#[cfg(test)]
mod tests;
