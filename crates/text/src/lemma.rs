//! Lemmas of the verbs and nouns that dyad's dictionaries use.
//!
//! `data/lemmas.tsv` lists base forms and only the irregular forms; the regular ones (-s, -es, -ies, -ed, -d,
//! -ied, -ing, doubled final consonants, dropped final e) are generated here once, at first use, into one hash
//! map, so a lookup is one hash probe with no allocation.

use crate::sentence::DataError;
use dyad_core::{data_lines, tsv_columns};
use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

const LEMMAS_TSV: &str = include_str!("../../../data/lemmas.tsv");
const LEMMAS_FILE: &str = "lemmas.tsv";

/// Which inflection a verb form is. A regular `-ed` form is both [`VerbForm::Past`] and a participle, so forms
/// are reported as a set (see [`VerbReading`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VerbForm {
    /// `meet`
    Base,
    /// `meets`
    ThirdPerson,
    /// `met`, `visited`
    Past,
    /// `met`, `visited`, `taken`
    Participle,
    /// `meeting`
    Gerund,
}

/// One reading of a word as a verb: its base form and the set of forms the word can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerbReading {
    /// The base form, e.g. `meet` for `met`.
    pub base: &'static str,
    forms: u8,
}

impl VerbReading {
    /// Whether the word can be this form of the verb.
    pub fn is(self, form: VerbForm) -> bool {
        self.forms & bit(form) != 0
    }
}

fn bit(form: VerbForm) -> u8 {
    match form {
        VerbForm::Base => 1,
        VerbForm::ThirdPerson => 2,
        VerbForm::Past => 4,
        VerbForm::Participle => 8,
        VerbForm::Gerund => 16,
    }
}

/// What the lemma table knows about one (lower-case) word form.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Lemma {
    /// The word read as a verb, if it is a form of a known verb.
    pub verb: Option<VerbReading>,
    /// The word read as a noun: the singular of a known noun.
    pub noun: Option<&'static str>,
}

impl Lemma {
    /// The verb base if any, else the noun base, else `None`.
    pub fn base(self) -> Option<&'static str> {
        self.verb.map(|v| v.base).or(self.noun)
    }
}

/// The lemma table: word form -> [`Lemma`].
#[derive(Debug, Default)]
pub struct LemmaTable {
    forms: HashMap<String, Lemma>,
}

static TABLE: LazyLock<LemmaTable> = LazyLock::new(|| load(LEMMAS_TSV));

/// The built-in lemma table. The file is compiled in and validated by a unit test, so a bad line is a build defect:
/// it panics at first use, naming the file and the line, rather than leaving the table empty.
fn load(src: &str) -> LemmaTable {
    LemmaTable::parse(src).unwrap_or_else(|e| panic!("bad embedded data file {e}"))
}

/// The lemma of a normalised (lower-case) word, from the built-in `data/lemmas.tsv`.
pub fn lemma(norm: &str) -> Lemma {
    TABLE.get(norm)
}

/// The verb reading of a normalised word, from the built-in table.
pub fn verb_lemma(norm: &str) -> Option<VerbReading> {
    TABLE.get(norm).verb
}

/// The base form to compare with dictionary words: the verb base, else the noun base, else the word itself.
pub fn lemma_key(norm: &str) -> &str {
    TABLE.get(norm).base().unwrap_or(norm)
}

/// Whether `word` is a base form in the built-in table (verb or noun).
pub fn is_known_base(word: &str) -> bool {
    let l = TABLE.get(word);
    l.verb.is_some_and(|v| v.base == word && v.is(VerbForm::Base)) || l.noun == Some(word)
}

impl LemmaTable {
    /// The lemma of a normalised word.
    pub fn get(&self, norm: &str) -> Lemma {
        self.forms.get(norm).copied().unwrap_or_default()
    }

    /// Parses a table in the `data/lemmas.tsv` format.
    pub fn parse(src: &str) -> Result<LemmaTable, DataError> {
        let mut table = LemmaTable::default();
        for (line, row) in data_lines(src) {
            let err = |message: String| DataError { file: LEMMAS_FILE, line, message };
            let [base, pos, irregular_a, irregular_b, present] = tsv_columns(LEMMAS_FILE, line, row)?;
            if base.is_empty() || base != base.to_lowercase() || base.contains(' ') {
                return Err(err(format!("base {base:?} must be one lower-case word")));
            }
            // Leaked once per base at start-up so lookups can hand out &'static str without reference counting.
            let base: &'static str = Box::leak(base.to_string().into_boxed_str());
            let list = |s: &str| -> Vec<String> {
                if s == "-" { Vec::new() } else { s.split(',').map(|w| w.trim().to_string()).collect() }
            };
            match pos {
                "v" => {
                    let past = list(irregular_a);
                    let participle = if irregular_b == "-" { past.clone() } else { list(irregular_b) };
                    table.add_verb(base, &past, &participle);
                    for form in list(present) {
                        table.add_verb_form(form, base, VerbForm::ThirdPerson);
                    }
                }
                "n" => {
                    let plurals = list(irregular_a);
                    table.add_noun(base, &plurals);
                }
                p => return Err(err(format!("unknown part of speech {p:?} (v or n)"))),
            }
        }
        Ok(table)
    }

    fn add_verb_form(&mut self, form: String, base: &'static str, f: VerbForm) {
        let entry = self.forms.entry(form).or_default();
        match &mut entry.verb {
            Some(v) if v.base == base => v.forms |= bit(f),
            // The first verb listed keeps a form that two verbs share ("left": leave, not left).
            Some(_) => {}
            None => entry.verb = Some(VerbReading { base, forms: bit(f) }),
        }
    }

    fn add_verb(&mut self, base: &'static str, past: &[String], participle: &[String]) {
        self.add_verb_form(base.to_string(), base, VerbForm::Base);
        self.add_verb_form(third_person(base), base, VerbForm::ThirdPerson);
        for g in gerunds(base) {
            self.add_verb_form(g, base, VerbForm::Gerund);
        }
        if past.is_empty() {
            for p in regular_pasts(base) {
                self.add_verb_form(p.clone(), base, VerbForm::Past);
                self.add_verb_form(p, base, VerbForm::Participle);
            }
        } else {
            for p in past {
                self.add_verb_form(p.clone(), base, VerbForm::Past);
            }
        }
        if !past.is_empty() {
            for p in participle {
                self.add_verb_form(p.clone(), base, VerbForm::Participle);
            }
        }
    }

    fn add_noun(&mut self, base: &'static str, plurals: &[String]) {
        let mut forms = vec![base.to_string()];
        if plurals.is_empty() {
            forms.push(third_person(base));
        } else {
            forms.extend(plurals.iter().cloned());
        }
        for f in forms {
            let entry = self.forms.entry(f).or_default();
            entry.noun.get_or_insert(base);
        }
    }
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// `meet` -> `meets`, `push` -> `pushes`, `ally` -> `allies`; also the regular noun plural.
fn third_person(base: &str) -> String {
    let b = base.as_bytes();
    let n = b.len();
    if n >= 2 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        format!("{}ies", &base[..n - 1])
    } else if base.ends_with('s')
        || base.ends_with('x')
        || base.ends_with('z')
        || base.ends_with("ch")
        || base.ends_with("sh")
        || (base.ends_with('o') && n >= 2 && !is_vowel(b[n - 2]))
    {
        format!("{base}es")
    } else {
        format!("{base}s")
    }
}

/// Whether the base ends consonant-vowel-consonant, where English may double the consonant (`plan` -> `planned`
/// but `visit` -> `visited`). Stress decides and spelling cannot tell, so both spellings are generated.
fn cvc(base: &str) -> bool {
    let b = base.as_bytes();
    let n = b.len();
    n >= 3
        && !is_vowel(b[n - 1])
        && !matches!(b[n - 1], b'w' | b'x' | b'y')
        && is_vowel(b[n - 2])
        && !is_vowel(b[n - 3])
}

fn regular_pasts(base: &str) -> Vec<String> {
    let b = base.as_bytes();
    let n = b.len();
    if base.ends_with('e') {
        return vec![format!("{base}d")];
    }
    if n >= 2 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        return vec![format!("{}ied", &base[..n - 1])];
    }
    let mut out = vec![format!("{base}ed")];
    if cvc(base) {
        out.push(format!("{base}{}ed", &base[n - 1..]));
    }
    out
}

fn gerunds(base: &str) -> Vec<String> {
    let n = base.len();
    if base.ends_with("ie") {
        return vec![format!("{}ying", &base[..n - 2])];
    }
    if base.ends_with('e') && !base.ends_with("ee") && !base.ends_with("ye") && !base.ends_with("oe") && n > 2 {
        return vec![format!("{}ing", &base[..n - 1])];
    }
    let mut out = vec![format!("{base}ing")];
    if cvc(base) {
        out.push(format!("{base}{}ing", &base[n - 1..]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_file_loads() {
        let table = LemmaTable::parse(LEMMAS_TSV).expect("lemmas.tsv");
        assert!(table.forms.len() > 1000);
        assert!(LemmaTable::parse("meet\tx\t-\t-\t-\n").is_err());
        assert!(LemmaTable::parse("Meet\tv\t-\t-\t-\n").is_err());
        assert!(LemmaTable::parse("meet\tv\t-\t-\n").is_err());
        assert_eq!(LemmaTable::parse("be\tv\twas\tbeen\tis,are\n").unwrap().get("is").verb.map(|v| v.base), Some("be"));
    }

    #[test]
    fn a_bad_line_names_its_file_and_line() {
        let e = LemmaTable::parse("# base\tpos\ta\tb\tpresent\nmeet\tv\tmet\t-\t-\n\nsee\tv\tsaw\n").unwrap_err();
        assert_eq!((e.file, e.line), ("lemmas.tsv", 4));
        let e = LemmaTable::parse("meet\tv\tmet\t-\t-\nsee\tq\t-\t-\t-\n").unwrap_err();
        assert_eq!((e.file, e.line), ("lemmas.tsv", 2));
    }

    #[test]
    #[should_panic(expected = "lemmas.tsv:2: ")]
    fn a_bad_file_panics_naming_file_and_line() {
        load("meet\tv\tmet\t-\t-\nsee\tq\t-\t-\t-\n");
    }

    #[test]
    fn irregular_and_regular_verbs() {
        for (form, base) in [
            ("met", "meet"),
            ("meets", "meet"),
            ("meeting", "meet"),
            ("held", "hold"),
            ("left", "leave"),
            ("sent", "send"),
            ("visited", "visit"),
            ("arrived", "arrive"),
            ("arriving", "arrive"),
            ("congratulated", "congratulate"),
            ("vowed", "vow"),
            ("pledges", "pledge"),
            ("criticizes", "criticize"),
            ("accusing", "accuse"),
            ("denied", "deny"),
            ("denies", "deny"),
            ("banned", "ban"),
            ("established", "establish"),
            ("taken", "take"),
            ("has", "have"),
            ("is", "be"),
            ("were", "be"),
        ] {
            assert_eq!(verb_lemma(form).map(|v| v.base), Some(base), "{form}");
        }
        assert!(verb_lemma("met").unwrap().is(VerbForm::Participle));
        assert!(verb_lemma("visited").unwrap().is(VerbForm::Past));
        assert!(verb_lemma("visits").unwrap().is(VerbForm::ThirdPerson));
        assert!(!verb_lemma("visits").unwrap().is(VerbForm::Past));
        assert_eq!(verb_lemma("zzzz"), None);
    }

    #[test]
    fn nouns_and_keys() {
        assert_eq!(lemma("ties").noun, Some("tie"));
        assert_eq!(lemma("relations").noun, Some("relation"));
        assert_eq!(lemma("meeting").noun, Some("meeting"));
        assert_eq!(lemma("meeting").verb.map(|v| v.base), Some("meet"));
        assert_eq!(lemma_key("talks"), "talk");
        assert_eq!(lemma_key("pyongyang"), "pyongyang");
        assert!(is_known_base("meet"));
        assert!(!is_known_base("met"));
    }

    #[test]
    fn generation_rules() {
        assert_eq!(third_person("ally"), "allies");
        assert_eq!(third_person("push"), "pushes");
        assert_eq!(third_person("play"), "plays");
        assert_eq!(regular_pasts("plan"), ["planed", "planned"]);
        assert_eq!(regular_pasts("agree"), ["agreed"]);
        assert_eq!(gerunds("tie"), ["tying"]);
        assert_eq!(gerunds("agree"), ["agreeing"]);
        assert_eq!(gerunds("host"), ["hosting"]);
    }
}
