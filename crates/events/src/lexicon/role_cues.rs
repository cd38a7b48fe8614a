//! The closed word classes of `data/role_cues.tsv` that role assignment reads as grammar: present-tense
//! auxiliaries and group nouns. Parsed once; a token is looked up by its normalised form.

use crate::embedded::loaded;
use dyad_core::DataError;
use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

const ROLE_CUES_TSV: &str = include_str!("../../../../data/role_cues.tsv");
const FILE: &str = "role_cues.tsv";

/// An auxiliary putting a verb group in the present, perfect or future ("has", "is", "will").
pub(crate) const PRESENT_AUX: u8 = 1;
/// A plural common noun for a body of people who can act as a side ("forces", "rebels").
pub(crate) const GROUP_NOUN: u8 = 2;

/// The word classes, as bit sets per word.
#[derive(Debug, Default)]
pub(crate) struct RoleCues {
    classes: HashMap<&'static str, u8>,
}

static BUILTIN: LazyLock<RoleCues> = LazyLock::new(|| loaded(RoleCues::parse(ROLE_CUES_TSV)));

impl RoleCues {
    pub(crate) fn builtin() -> &'static RoleCues {
        &BUILTIN
    }

    fn parse(text: &'static str) -> Result<RoleCues, DataError> {
        let mut classes = HashMap::default();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let error = |message: String| DataError { file: FILE, line: n + 1, message };
            let mut cols = line.split('\t');
            let (Some(word), Some(kind), None) = (cols.next(), cols.next(), cols.next()) else {
                return Err(error(format!("expected 2 tab-separated columns, got {line:?}")));
            };
            if word.is_empty() || word != word.to_lowercase() || word.contains(' ') {
                return Err(error(format!("word {word:?} must be one lower-case token")));
            }
            let bit = match kind {
                "present_aux" => PRESENT_AUX,
                "group_noun" => GROUP_NOUN,
                other => return Err(error(format!("unknown kind {other:?}"))),
            };
            *classes.entry(word).or_insert(0) |= bit;
        }
        Ok(RoleCues { classes })
    }

    /// Whether the normalised word `norm` is in class `bit`.
    pub(crate) fn is(&self, norm: &str, bit: u8) -> bool {
        self.classes.get(norm).is_some_and(|c| c & bit != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_file_parses_with_both_classes() {
        let cues = RoleCues::parse(ROLE_CUES_TSV).expect("data/role_cues.tsv parses");
        assert!(cues.is("has", PRESENT_AUX) && cues.is("will", PRESENT_AUX));
        assert!(cues.is("rebels", GROUP_NOUN) && !cues.is("rebels", PRESENT_AUX));
        assert!(!cues.is("said", PRESENT_AUX | GROUP_NOUN));
    }

    #[test]
    fn bad_rows_are_rejected_with_their_line() {
        let err = RoleCues::parse("# header\nhas\tpresent\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(RoleCues::parse("Has\tpresent_aux\n").is_err());
        assert!(RoleCues::parse("has\n").is_err());
        let err = RoleCues::parse("# header\nhas\tpresent_aux\nrebels\tgroup\n").unwrap_err();
        assert_eq!(err.to_string(), "role_cues.tsv:3: unknown kind \"group\"");
    }
}
