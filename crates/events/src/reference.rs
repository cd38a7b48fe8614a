//! The marker of an act's target named by a reference to an earlier act: "The Pentagon rejected these
//! accusations." An event whose sentence names no target and whose predicate takes a definite noun phrase naming an
//! act (`data/act_references.tsv`: "these accusations" -> 112) is marked with that noun and the codes the act may
//! have; the pipeline, which sees the article's earlier events, finds the act and its party. The coder itself never
//! looks beyond its sentence.

use crate::analysis::Analysis;
use crate::candidate::EventCandidate;
use crate::embedded::loaded;
use crate::roles::Context;
use dyad_core::{DataError, Span, data_lines, tsv_columns};
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;
use std::sync::LazyLock;

const REFERENCES_TSV: &str = include_str!("../../../data/act_references.tsv");
const FILE: &str = "act_references.tsv";

/// Determiners that make a noun phrase name an act already told of.
const DEFINITE: [&str; 6] = ["the", "these", "those", "this", "that", "such"];

/// How many words after a predicate its referring noun phrase may start ("refused to meet the demands").
const WINDOW: usize = 4;

/// A coded event whose target is named by a reference to an earlier act ("rejected these accusations").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActReference {
    /// Index of the event in [`crate::SentenceEvents::events`].
    pub event: usize,
    /// The noun as listed (singular): `accusation`.
    pub noun: &'static str,
    /// The CAMEO code prefixes the earlier act may have (`112`, `10`).
    pub codes: &'static [&'static str],
    /// The referring noun phrase, from its determiner to its noun ("these accusations").
    pub span: Span,
}

impl ActReference {
    /// Whether an earlier act coded `code` is one this reference can name.
    pub fn names(&self, code: &str) -> bool {
        self.codes.iter().any(|c| code.starts_with(c))
    }
}

/// The nouns of `data/act_references.tsv` and the code prefixes of the acts they name.
type Nouns = HashMap<&'static str, &'static [&'static str]>;

static NOUNS: LazyLock<Nouns> = LazyLock::new(|| loaded(parse(REFERENCES_TSV)));

fn parse(src: &'static str) -> Result<Nouns, DataError> {
    let mut out = Nouns::default();
    for (line, text) in data_lines(src) {
        let [noun, codes] = tsv_columns::<2>(FILE, line, text)?;
        let err = |message: String| DataError { file: FILE, line, message };
        if noun.is_empty() || noun.contains(' ') || noun.chars().any(char::is_uppercase) {
            return Err(err(format!("noun {noun:?} must be one lower-case word")));
        }
        let codes: Vec<&'static str> = codes.split(' ').filter(|c| !c.is_empty()).collect();
        if codes.is_empty()
            || codes.iter().any(|c| !(2..=4).contains(&c.len()) || !c.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(err(format!("codes {codes:?} must be CAMEO code prefixes of 2 to 4 digits")));
        }
        if out.insert(noun, &*codes.leak()).is_some() {
            return Err(err(format!("noun {noun:?} listed twice")));
        }
    }
    Ok(out)
}

/// The listed noun token `i` is (as written, or a plural in -s), with its codes.
fn noun_at(a: &Analysis, i: usize) -> Option<(&'static str, &'static [&'static str])> {
    let word = a.norm(i);
    let nouns = &*NOUNS;
    nouns
        .get_key_value(word)
        .or_else(|| word.strip_suffix('s').and_then(|w| nouns.get_key_value(w)))
        .map(|(n, c)| (*n, *c))
}

/// The events of `events` (predicate anchors in `from`, aligned) that name no target and whose predicate is
/// followed, within [`WINDOW`] words and with no punctuation or actor mention between, by a definite determiner and
/// a listed noun (one word may stand between them: "these baseless accusations").
pub(crate) fn mark(ctx: &Context, events: &[EventCandidate], from: &[usize]) -> Vec<ActReference> {
    let a = ctx.a;
    let in_actor = |k: usize| ctx.actor_tokens.iter().any(|&(s, e)| s <= k && k < e);
    let stop = |k: usize| a.is_punct(k) || in_actor(k);
    let mut out = Vec::new();
    for (event, (e, &anchor)) in events.iter().zip(from).enumerate() {
        if e.target.is_some() || e.home_target || e.home_source {
            continue;
        }
        let end = (anchor + 1 + WINDOW).min(a.len());
        let Some(det) = (anchor + 1..end).take_while(|&k| !stop(k)).find(|&k| DEFINITE.contains(&a.norm(k))) else {
            continue;
        };
        let found = (det + 1..(det + 3).min(a.len())).take_while(|&k| !stop(k)).find_map(|k| Some((k, noun_at(a, k)?)));
        let Some((k, (noun, codes))) = found else { continue };
        let (Some(first), Some(last)) = (ctx.tokens.get(det), ctx.tokens.get(k)) else { continue };
        let Ok(span) = Span::new(ctx.text, first.span.start(), last.span.end()) else { continue };
        out.push(ActReference { event, noun, codes, span });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_loads() {
        let nouns = parse(REFERENCES_TSV).expect("act_references.tsv parses");
        assert_eq!(nouns.get("accusation").copied(), Some(&["112"][..]));
        assert!(nouns.get("demand").is_some_and(|c| c.contains(&"10")));
    }

    #[test]
    fn a_malformed_line_names_its_file_and_line() {
        let err = parse("# header\naccusation\t112\noffer 03\n").unwrap_err();
        assert_eq!(err.to_string(), "act_references.tsv:3: expected 2 tab-separated columns, found 1");
        let err = parse("threat\t13x\n").unwrap_err();
        assert!(err.to_string().starts_with("act_references.tsv:1: codes"), "{err}");
        let err = parse("threat\t13\nthreat\t138\n").unwrap_err();
        assert!(err.to_string().starts_with("act_references.tsv:2: noun"), "{err}");
    }

    #[test]
    fn a_reference_names_acts_of_its_codes() {
        let r = ActReference { event: 0, noun: "demand", codes: &["10", "02"], span: Span::new("x", 0, 1).unwrap() };
        assert!(r.names("1056") && r.names("020"));
        assert!(!r.names("112") && !r.names("01"));
    }
}
