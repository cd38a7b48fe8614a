//! The words around a name that show it is a person's (`data/person_cues.tsv`): honorifics, speech verbs and the
//! words that may stand between a subject and its verb, and the gender and binding of personal pronouns.

use dyad_core::{DataError, Sector};
use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

const PERSON_CUES: &str = include_str!("../../../data/person_cues.tsv");

/// The longest cue word, in bytes: words are lowercased in a stack buffer of this size.
const MAX_WORD: usize = 24;

/// A person's gender as the text shows it (an honorific or a pronoun); absent when the text does not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gender {
    Male,
    Female,
}

/// Which earlier person a pronoun prefers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Binding {
    /// The subject of the speech verb that governs it ("Doe said that he ...").
    Subject,
    /// Like `Subject`, but never the subject of the verb right before it ("Roe told him").
    Object,
    /// The last person named before it in its sentence ("Roe and his lawyer").
    Near,
}

/// What a cue word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cue {
    Honorific(Option<Gender>),
    /// A speech verb; `true` when it may also stand before its subject ("said Doe").
    Speech(bool),
    Between,
    /// A word after which a clause's subject may start ("and", "that").
    Clause,
    Pronoun(Option<Gender>, Binding),
    /// A noun that makes "the <demonym>" a person ("the Australian national").
    Nationality,
    /// A word that may follow "the <demonym>" standing for a person ("the Australian was").
    Predicate,
}

/// The parsed cue file: lowercase word (no final period) → cue.
#[derive(Debug, Default)]
pub(crate) struct PersonCues {
    words: HashMap<String, Cue>,
    /// The longest word of any cue, and of an honorific: longer words are rejected before hashing, since every
    /// capitalised word next to a name is looked up.
    longest: usize,
    longest_honorific: usize,
    /// The CAMEO sector an abbreviated title gives its holder ("sen" → LEG), by honorific.
    title_sectors: HashMap<String, &'static str>,
}

static BUILTIN: LazyLock<PersonCues> =
    // The embedded file is validated by a unit test, so a failure here is a build defect, not bad input.
    LazyLock::new(|| {
        PersonCues::parse("person_cues.tsv", PERSON_CUES).unwrap_or_else(|e| panic!("bad embedded data file: {e}"))
    });

impl PersonCues {
    /// The cues of dyad's own data file (parsed once).
    pub(crate) fn builtin() -> &'static PersonCues {
        &BUILTIN
    }

    fn parse(file: &'static str, text: &str) -> Result<PersonCues, DataError> {
        let mut words = HashMap::default();
        let mut title_sectors = HashMap::default();
        for (line, row) in text.lines().enumerate().map(|(i, l)| (i + 1, l.trim_end_matches('\r'))) {
            if row.trim().is_empty() || row.starts_with('#') {
                continue;
            }
            let bad = |why: &str| DataError { file, line, message: why.to_string() };
            let cols: Vec<&str> = row.split('\t').collect();
            let [word, cue, gender, binds] = cols[..] else { return Err(bad("expected 4 tab-separated columns")) };
            if word.is_empty() || word != word.to_lowercase() || word.ends_with('.') || word.len() > MAX_WORD {
                return Err(bad("word must be lowercase, without a final period, and at most 24 bytes"));
            }
            let gender = match gender {
                "m" => Some(Gender::Male),
                "f" => Some(Gender::Female),
                "-" => None,
                _ => return Err(bad("gender must be m, f or -")),
            };
            let cue = match (cue, binds) {
                ("honorific", "-") => Cue::Honorific(gender),
                ("honorific", sector) => {
                    let Some(sector) = Sector::from_code(sector) else {
                        return Err(bad("an honorific's fourth column is `-` or a CAMEO sector code"));
                    };
                    title_sectors.insert(word.to_string(), sector.code());
                    Cue::Honorific(gender)
                }
                ("speech", "-") => Cue::Speech(false),
                ("speech+", "-") => Cue::Speech(true),
                ("between", "-") => Cue::Between,
                ("clause", "-") => Cue::Clause,
                ("nationality", "-") => Cue::Nationality,
                ("predicate", "-") => Cue::Predicate,
                ("pronoun", "subject") => Cue::Pronoun(gender, Binding::Subject),
                ("pronoun", "object") => Cue::Pronoun(gender, Binding::Object),
                ("pronoun", "near") => Cue::Pronoun(gender, Binding::Near),
                ("pronoun", _) => return Err(bad("a pronoun binds `subject`, `object` or `near`")),
                (_, "-") => {
                    return Err(bad(
                        "cue must be honorific, speech, speech+, between, clause, pronoun, nationality or predicate",
                    ));
                }
                _ => return Err(bad("only pronouns have a binding")),
            };
            if words.insert(word.to_string(), cue).is_some() {
                return Err(bad("duplicate word"));
            }
        }
        let longest = words.keys().map(String::len).max().unwrap_or(0);
        let longest_honorific =
            words.iter().filter(|(_, c)| matches!(c, Cue::Honorific(_))).map(|(w, _)| w.len()).max().unwrap_or(0);
        Ok(PersonCues { words, longest, longest_honorific, title_sectors })
    }

    /// The cue a word is, compared case-insensitively; `word` is as written, without a final period.
    pub(crate) fn get(&self, word: &str) -> Option<Cue> {
        if word.len() > self.longest {
            return None;
        }
        if !word.bytes().any(|b| b.is_ascii_uppercase()) {
            return self.words.get(word).copied();
        }
        // Lowercased on the stack: this runs for every capitalised word next to a name, and no cue is long.
        let mut buf = [0u8; MAX_WORD];
        let lower = buf.get_mut(..word.len())?;
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        self.words.get(std::str::from_utf8(lower).ok()?).copied()
    }

    /// The gender an honorific gives, as `Some(gender)`, or `None` if `word` is no honorific. Honorifics are
    /// written with one capital ("Mr", "Dr"): "MX" and "DR" are initialisms.
    pub(crate) fn honorific(&self, word: &str) -> Option<Option<Gender>> {
        if word.len() > self.longest_honorific {
            return None;
        }
        let mut chars = word.chars();
        if !chars.next().is_some_and(char::is_uppercase) || !chars.all(char::is_lowercase) {
            return None;
        }
        match self.get(word) {
            Some(Cue::Honorific(g)) => Some(g),
            _ => None,
        }
    }

    /// The CAMEO sector of the office an honorific abbreviates ("Sen" LEG, "Gov" GOV, "Gen" MIL), if it names one;
    /// `word` is as written, without a final period.
    pub(crate) fn title_sector(&self, word: &str) -> Option<&'static str> {
        self.honorific(word)?;
        self.title_sectors.get(&word.to_ascii_lowercase()).copied()
    }

    /// Whether `word` is a speech verb (`before`: one that may also stand before its subject).
    pub(crate) fn is_speech(&self, word: &str, before: bool) -> bool {
        matches!(self.get(word), Some(Cue::Speech(inverts)) if inverts || !before)
    }

    /// Whether `word` may stand between a subject and its speech verb: a listed word, or an adverb in -ly.
    pub(crate) fn is_between(&self, word: &str) -> bool {
        matches!(self.get(word), Some(Cue::Between))
            || (word.len() > 4 && word.ends_with("ly") && word.bytes().all(|b| b.is_ascii_lowercase()))
    }

    /// Whether a clause's subject may start right after `word`.
    pub(crate) fn opens_clause(&self, word: &str) -> bool {
        matches!(self.get(word), Some(Cue::Clause))
    }

    /// Whether `word` makes "the <demonym>" before it a person ("national", "citizen").
    pub(crate) fn is_nationality(&self, word: &str) -> bool {
        matches!(self.get(word), Some(Cue::Nationality))
    }

    /// Whether `word` may follow "the <demonym>" standing alone for a person: a listed predicate word, a speech
    /// verb or a word that stands between a subject and its verb.
    pub(crate) fn follows_description(&self, word: &str) -> bool {
        matches!(self.get(word), Some(Cue::Predicate | Cue::Speech(_))) || self.is_between(word)
    }

    /// A pronoun's gender and binding.
    pub(crate) fn pronoun(&self, word: &str) -> Option<(Option<Gender>, Binding)> {
        match self.get(word) {
            Some(Cue::Pronoun(g, b)) => Some((g, b)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cue_file_loads_and_covers_each_cue() {
        let cues = PersonCues::parse("person_cues.tsv", PERSON_CUES).unwrap();
        assert_eq!(cues.honorific("Mr"), Some(Some(Gender::Male)));
        assert_eq!(cues.honorific("Mrs"), Some(Some(Gender::Female)));
        assert_eq!(cues.honorific("Dr"), Some(None));
        assert_eq!(cues.honorific("Monday"), None);
        assert_eq!(cues.honorific("MX"), None);
        // Abbreviated titles of an office give its sector; courtesy titles none.
        assert_eq!(cues.title_sector("Sen"), Some("LEG"));
        assert_eq!(cues.title_sector("Gov"), Some("GOV"));
        assert_eq!(cues.title_sector("Gen"), Some("MIL"));
        assert_eq!(
            (cues.title_sector("Mr"), cues.title_sector("SEN"), cues.title_sector("senate")),
            (None, None, None)
        );
        assert!(cues.opens_clause("and") && cues.opens_clause("That") && !cues.opens_clause("of"));
        assert!(cues.is_speech("said", true) && cues.is_speech("told", false) && !cues.is_speech("told", true));
        assert!(cues.is_between("later") && cues.is_between("repeatedly") && !cues.is_between("the"));
        assert_eq!(cues.pronoun("he"), Some((Some(Gender::Male), Binding::Subject)));
        assert_eq!(cues.pronoun("Her"), Some((Some(Gender::Female), Binding::Near)));
        assert!(cues.is_nationality("national") && !cues.is_nationality("government"));
        assert!(cues.follows_description("was") && cues.follows_description("said"));
        assert!(cues.follows_description("later") && !cues.follows_description("economy"));
    }

    proptest::proptest! {
        #[test]
        fn parser_and_lookups_never_panic(text in "\\PC{0,80}", word in "\\PC{0,30}") {
            let _ = PersonCues::parse("t", &text);
            let cues = PersonCues::builtin();
            let _ = (cues.get(&word), cues.honorific(&word), cues.pronoun(&word), cues.is_between(&word));
            // Lookups ignore case: any casing of a cue word finds the same cue.
            proptest::prop_assert_eq!(cues.get(&word.to_ascii_uppercase()), cues.get(&word.to_ascii_lowercase()));
        }
    }

    #[test]
    fn bad_rows_are_rejected() {
        for bad in [
            "abcdefghijklmnopqrstuvwxyz\tspeech\t-\t-",
            "Mr\thonorific\tm\t-",
            "mr\thonorific\tx\t-",
            "he\tpronoun\tm\t-",
            "said\tspeech\t-\tnear",
            "x\ty",
            "national\tnationality\t-\tsubject",
            "sen\thonorific\t-\tXYZ",
            "sen\tspeech\t-\tLEG",
        ] {
            assert!(PersonCues::parse("t", bad).is_err(), "{bad}");
        }
        let e = PersonCues::parse("person_cues.tsv", "# x\nmr\thonorific\tm\t-\nmr\thonorific\tm\t-").unwrap_err();
        assert_eq!(e.to_string(), "person_cues.tsv:3: duplicate word");
    }
}
