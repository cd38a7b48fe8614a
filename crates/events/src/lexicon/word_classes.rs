//! Word classes (`data/word_classes.tsv`) that decide a word's noun or verb reading: subject pronouns,
//! auxiliaries, adverbs, number words, plurals and adjective and noun endings.

use crate::embedded::loaded;
use dyad_core::DataError;
use rustc_hash::FxHashSet as HashSet;
use std::sync::LazyLock;

const WORD_CLASSES_TSV: &str = include_str!("../../../../data/word_classes.tsv");

/// The classes of `data/word_classes.tsv`.
#[derive(Debug, Default)]
pub(crate) struct WordClasses {
    pub(crate) subject: HashSet<&'static str>,
    pub(crate) aux: HashSet<&'static str>,
    pub(crate) adverb: HashSet<&'static str>,
    pub(crate) cardinal: HashSet<&'static str>,
    pub(crate) ordinal: HashSet<&'static str>,
    pub(crate) plural: HashSet<&'static str>,
    pub(crate) adj_suffix: Vec<&'static str>,
    pub(crate) noun_suffix: Vec<&'static str>,
}

pub(crate) fn parse_word_classes(src: &'static str) -> Result<WordClasses, DataError> {
    let mut c = WordClasses::default();
    for (n, line) in src.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let err = |message: String| DataError { file: "word_classes.tsv", line: n + 1, message };
        let mut cols = line.split('\t');
        let (Some(class), Some(word), None) = (cols.next(), cols.next(), cols.next()) else {
            return Err(err("expected 2 tab-separated columns".into()));
        };
        let word = word.trim();
        if word.is_empty() || word.chars().any(|ch| ch.is_uppercase() || ch.is_whitespace()) {
            return Err(err(format!("word {word:?} must be one non-empty lower-case word")));
        }
        match class.trim() {
            "subject" => c.subject.insert(word),
            "aux" => c.aux.insert(word),
            "adverb" => c.adverb.insert(word),
            "cardinal" => c.cardinal.insert(word),
            "ordinal" => c.ordinal.insert(word),
            "plural" => c.plural.insert(word),
            "adj_suffix" => {
                c.adj_suffix.push(word);
                true
            }
            "noun_suffix" => {
                c.noun_suffix.push(word);
                true
            }
            k => return Err(err(format!("unknown class {k:?}"))),
        };
    }
    Ok(c)
}

pub(crate) static CLASSES: LazyLock<WordClasses> = LazyLock::new(|| loaded(parse_word_classes(WORD_CLASSES_TSV)));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_classes_load() {
        let c = parse_word_classes(WORD_CLASSES_TSV).expect("word_classes.tsv");
        assert!(c.subject.contains("they") && c.aux.contains("was") && c.adverb.contains("not"));
        assert!(c.cardinal.contains("two") && c.ordinal.contains("first") && c.plural.contains("people"));
        assert!(c.adj_suffix.contains(&"al") && c.noun_suffix.contains(&"tion"));
        assert!(parse_word_classes("bogus\tx\n").is_err());
        assert!(parse_word_classes("subject\tThey\n").is_err());
        assert!(parse_word_classes("subject\n").is_err());
    }

    #[test]
    fn a_bad_line_names_its_file_and_line() {
        let err = parse_word_classes("# header\nsubject\tthey\nsubject\tThey\n").unwrap_err();
        assert_eq!(err.to_string(), "word_classes.tsv:3: word \"They\" must be one non-empty lower-case word");
    }

    proptest::proptest! {
        #[test]
        fn word_class_parser_never_panics(src in "[a-z_\t\n#' ]{0,60}") {
            let _ = parse_word_classes(Box::leak(src.into_boxed_str()));
        }
    }
}
