//! Function words (`data/function_words.tsv`): determiners, prepositions, conjunctions, relative pronouns,
//! subordinators, modals, background prepositions and place nouns, as bit sets per word. Every pass reads a
//! token's class from the [`crate::analysis::Analysis`] built over these.

use crate::embedded::loaded;
use dyad_core::DataError;
use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

const FUNCTION_WORDS_TSV: &str = include_str!("../../../../data/function_words.tsv");

pub(crate) const DET: u8 = 1;
pub(crate) const PREP: u8 = 2;
pub(crate) const CONJ: u8 = 4;
pub(crate) const RELPRO: u8 = 8;
pub(crate) const SUB: u8 = 16;
pub(crate) const MODAL: u8 = 32;
pub(crate) const BACKGROUND: u8 = 64;
pub(crate) const PLACE_NOUN: u8 = 128;

/// A preposition of place: the party after it says where an act happened, not whom it was aimed at ("in", "near
/// the town of X"). The kind byte of `function_words.tsv` has no bit left for this class, so it is listed here.
pub(crate) fn is_locative(word: &str) -> bool {
    matches!(word, "in" | "at" | "near" | "outside" | "inside")
}

pub(crate) fn parse_function_words(src: &str) -> Result<HashMap<String, u8>, DataError> {
    let mut map: HashMap<String, u8> = HashMap::default();
    for (n, line) in src.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let err = |message: String| DataError { file: "function_words.tsv", line: n + 1, message };
        let mut cols = line.split('\t');
        let (Some(word), Some(kind), None) = (cols.next(), cols.next(), cols.next()) else {
            return Err(err("expected 2 tab-separated columns".into()));
        };
        let bit = match kind.trim() {
            "det" => DET,
            "prep" => PREP,
            "conj" => CONJ,
            "relpro" => RELPRO,
            "sub" => SUB,
            "modal" => MODAL,
            "background" => BACKGROUND,
            "placenoun" => PLACE_NOUN,
            k => return Err(err(format!("unknown kind {k:?}"))),
        };
        *map.entry(word.trim().to_string()).or_default() |= bit;
    }
    Ok(map)
}

pub(crate) static FUNCTION_WORDS: LazyLock<HashMap<String, u8>> =
    LazyLock::new(|| loaded(parse_function_words(FUNCTION_WORDS_TSV)));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_words_load() {
        let map = parse_function_words(FUNCTION_WORDS_TSV).expect("function_words.tsv");
        assert_eq!(map.get("the"), Some(&DET));
        assert!(map.get("upon").is_some_and(|b| b & PREP != 0 && b & SUB != 0));
        assert!(parse_function_words("x\tbogus\n").is_err());
    }

    #[test]
    fn a_bad_line_names_its_file_and_line() {
        let err = parse_function_words("# header\nthe\tdet\nof\tnoun\n").unwrap_err();
        assert_eq!(err.to_string(), "function_words.tsv:3: unknown kind \"noun\"");
    }
}
