//! Syntax: part-of-speech tags, UD features, lemmas and a labelled dependency tree for each sentence.
//!
//! Job: given a sentence's words, predict UPOS, the Penn tag (XPOS), the UD features event coding needs, the lemma,
//! and each word's head and Universal Dependencies relation (with subtypes such as `nsubj:pass`).
//!
//! Key design decision: small linear models trained here from UD English-EWT (an averaged-perceptron tagger and a
//! greedy transition parser), stored as one file under `data/`, so that parsing needs no download, no GPU and no
//! foreign runtime, and runs at thousands of sentences per second on one core.
#![deny(missing_docs)]

pub mod conllu;
pub mod parser;

pub use conllu::{ConlluError, Multiword, Sentence, Word, read_conllu, write_conllu};
pub use parser::{Parser, TrainOptions};
