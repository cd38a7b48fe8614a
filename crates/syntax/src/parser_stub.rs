//! Placeholder for the dependency parser (`parser/`, written on another branch) with the same interface, so that the
//! model file and the analyser compile before it lands. Delete this file when `parser/` is merged.
#![allow(dead_code)]

use std::convert::Infallible;

/// Why a parser section could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("parser model: {0}")]
pub struct ModelError(pub String);

/// The predicted tags of one word, as the parser reads them.
pub trait Tagged {
    /// UPOS.
    fn upos(&self) -> &str;
    /// Penn tag (XPOS).
    fn xpos(&self) -> &str;
    /// Lemma.
    fn lemma(&self) -> &str;
}

/// No parser can exist in this build: the type has no values.
#[derive(Debug, Clone)]
pub struct Parser(Infallible);

/// Buffers for parsing.
#[derive(Debug, Default)]
pub struct Scratch;

impl Parser {
    /// Never called: there is no parser value.
    pub fn parse_tokens<T: Tagged>(&self, _: &[&str], _: &[T], _: &mut Scratch, _: impl FnMut(usize, usize, &str)) {
        match self.0 {}
    }

    /// Never called: there is no parser value.
    pub fn write_to(&self, _: &mut Vec<u8>) {
        match self.0 {}
    }

    /// A model with a parser section cannot be read by this build.
    pub fn read_from(_: &mut &[u8]) -> Result<Parser, ModelError> {
        Err(ModelError("this build has no parser".into()))
    }
}

/// The parser trainer as the model trainer calls it. When `parser/` lands, replace this with (in `lib.rs`):
///
/// ```text
/// let tagged = jackknife(train, 5, &TrainConfig { folds: 0, ..config.clone() });
/// let tags: Vec<Vec<Word>> = tagged.into_iter().map(|s| s.words).collect();
/// Some(parser::train(train, &tags, &parser::TrainOptions::default()))
/// ```
pub(crate) fn train_for_model(
    _: &[crate::Sentence],
    _: &crate::TrainConfig,
    log: &mut dyn FnMut(&str),
) -> Option<Parser> {
    log("no parser in this build: the model holds the tagger only");
    None
}
