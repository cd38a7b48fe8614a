//! The roles pass: who is the source and who the target of each predicate, from word order and a few closed
//! word classes, with the tree pass (`tree_roles.rs`) reading the roles of verbs and event nouns from a
//! dependency tree when there is one.
//!
//! Roles come from a handful of rules that hold across English news prose (the leftmost subject of the clause,
//! the actor after the pattern's preposition, coordinated lists, passive "by", "between X and Y", the speaker of
//! reported speech), which generalise where per-sentence rules would not. Where the text names no party, the
//! place can: an arrest or an attack with no agent is by the state where it happens.
//!
//! The rules are methods of one [`Context`] (the sentence as role assignment sees it), grouped by what they
//! read, each file using only the ones above it:
//! `context` (slots and their tokens) → `clause` (clause bounds, governing prepositions) and `parties` (who
//! may be a party, lists) → `constructions` (reduced passives, accusations, attack nouns, movers) →
//! `subjects`, `targets`, `setting` (time and place) and `tree_roles` → `assign` (the roles of one predicate)
//! and `relations` (standing relations).

mod assign;
mod clause;
mod constructions;
mod context;
mod parties;
mod relations;
mod setting;
mod subjects;
mod targets;
mod tree_roles;

pub(crate) use assign::{Previous, Roles};
#[cfg(test)]
pub(crate) use context::testing;
pub(crate) use context::{Context, token_range};

#[cfg(test)]
mod clause_tests;
#[cfg(test)]
mod tests;
