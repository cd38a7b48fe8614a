//! The event dictionaries: verb patterns, nominal events, standing-relation cues and modifier cues, each parsed
//! once from its data file and indexed by anchor lemma.

use crate::DataError;
use crate::embedded::loaded;
use crate::patterns::{CueKind, NominalPattern, Phrase, VerbPattern};
use crate::petrarch::{Interner, LoadReport, PetrarchError, convert, parse_verb_dictionary};
use dyad_text::LemmaTable;
use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

const VERBS_TSV: &str = include_str!("../../../data/verbs.tsv");
const NOMINAL_TSV: &str = include_str!("../../../data/nominal_events.tsv");
const RELATIONS_TSV: &str = include_str!("../../../data/relations.tsv");
const CUES_TSV: &str = include_str!("../../../data/event_cues.tsv");

/// All dictionaries, indexed by anchor lemma (the verb for verb patterns, the first word for phrases).
#[derive(Debug, Default)]
pub struct Dictionaries {
    /// Verb patterns, in file order.
    pub verbs: Vec<VerbPattern>,
    /// Nominal patterns.
    pub nominals: Vec<NominalPattern>,
    /// Relation cues with a verb.
    pub relation_verbs: Vec<VerbPattern>,
    /// Relation cues without a verb.
    pub relation_nominals: Vec<NominalPattern>,
    /// Modifier cues: kind and lemma sequence.
    pub cues: Vec<(CueKind, Phrase)>,
    /// Built-in verb rows by verb.
    pub(crate) verb_index: HashMap<&'static str, Vec<usize>>,
    /// Loaded verb rows with no object, by verb.
    pub(crate) loaded_bare_index: HashMap<&'static str, Vec<usize>>,
    /// Loaded verb rows with objects, by (verb, first word of an object): a common verb of a loaded dictionary
    /// has hundreds of rows, so the matcher picks the few whose object can start at a word near the verb
    /// instead of trying them all.
    pub(crate) loaded_object_index: HashMap<(&'static str, &'static str), Vec<usize>>,
    pub(crate) nominal_index: HashMap<&'static str, Vec<usize>>,
    pub(crate) relation_verb_index: HashMap<&'static str, Vec<usize>>,
    pub(crate) relation_nominal_index: HashMap<&'static str, Vec<usize>>,
    pub(crate) cue_index: HashMap<&'static str, Vec<usize>>,
    /// Forms of loaded verbs that `data/lemmas.tsv` does not know, in its format (see
    /// [`Dictionaries::with_petrarch_verbs`]); the matcher consults them only for words with no built-in verb
    /// reading.
    pub(crate) extra_lemma_lines: String,
    pub(crate) extra_lemmas: Option<LemmaTable>,
    /// Where the loaded verb rows are consulted (see [`LoadedUse`]).
    pub(crate) loaded_use: LoadedUse,
    /// Whether loaded rows with neither an object nor a preposition (a bare verb) are skipped; the default
    /// (false) consults them.
    pub(crate) skip_loaded_bare: bool,
}

/// Where a loaded (PETRARCH) verb dictionary's rows are consulted, beside the built-in ones.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum LoadedUse {
    /// At every verb, competing with the built-in rows (a loaded row wins only by matching more).
    #[default]
    Everywhere,
    /// Only at a verb that no built-in row matches.
    WhereBuiltinMatchesNothing,
    /// Only in a sentence where the built-in dictionaries code no event that names a target (the events a
    /// record keeps); the sentence is then coded again with the loaded rows everywhere.
    WhereSentenceHasNoEvent,
}

static BUILTIN: LazyLock<Dictionaries> =
    LazyLock::new(|| loaded(Dictionaries::parse(VERBS_TSV, NOMINAL_TSV, RELATIONS_TSV, CUES_TSV)));

fn rows(file: &'static str, src: &'static str, width: usize) -> Result<Vec<(usize, Vec<&'static str>)>, DataError> {
    let mut out = Vec::new();
    for (n, line) in src.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&'static str> = line.split('\t').map(str::trim).collect();
        if cols.len() != width {
            return Err(DataError {
                file,
                line: n + 1,
                message: format!("expected {width} tab-separated columns, found {}", cols.len()),
            });
        }
        if cols.iter().any(|c| c.is_empty()) {
            return Err(DataError { file, line: n + 1, message: "empty column (write - for none)".into() });
        }
        out.push((n + 1, cols));
    }
    Ok(out)
}

fn list(s: &'static str) -> Vec<&'static str> {
    if s == "-" { Vec::new() } else { s.split(',').map(str::trim).filter(|w| !w.is_empty()).collect() }
}

fn phrases(s: &'static str) -> Vec<Phrase> {
    list(s).into_iter().map(|alt| alt.split_whitespace().collect()).collect()
}

/// The options column of a verb or nominal row.
#[derive(Default)]
struct Options {
    /// `sym`: a symmetric action.
    symmetric: bool,
    /// `subj` (nominal rows only): an action of the clause's subject even with no preposition.
    subject: bool,
    /// `next` (verb rows only): the preposition stands next to the verb.
    next: bool,
    /// `actor` (verb rows only): an actor mention stands right after the verb.
    actor: bool,
    /// `rev` (verb rows only): the preposition's party acts on the subject.
    reversed: bool,
}

fn options(file: &'static str, line: usize, s: &'static str, nominal: bool) -> Result<Options, DataError> {
    let mut o = Options::default();
    for w in list(s) {
        match w {
            "sym" => o.symmetric = true,
            "subj" if nominal => o.subject = true,
            "next" if !nominal => o.next = true,
            "actor" if !nominal => o.actor = true,
            "rev" if !nominal => o.reversed = true,
            other => return Err(DataError { file, line, message: format!("unknown option {other:?}") }),
        }
    }
    Ok(o)
}

fn check_code(file: &'static str, line: usize, code: &str) -> Result<(), DataError> {
    if crate::Codebook::builtin().contains(code) {
        Ok(())
    } else {
        Err(DataError { file, line, message: format!("code {code} is not in cameo.tsv") })
    }
}

impl Dictionaries {
    /// Indices (into `cues`) of the cues whose first word is one of `words` (duplicates among `words` skipped).
    pub(crate) fn cues_starting_with<'a>(&'a self, words: [Option<&str>; 3]) -> impl Iterator<Item = usize> + 'a {
        let get = |w: Option<&str>| w.and_then(|w| self.cue_index.get(w)).map_or(&[][..], Vec::as_slice);
        let [a, b, c] = words;
        let first = get(a);
        let second = if b == a { &[][..] } else { get(b) };
        let third = if c == a || c == b { &[][..] } else { get(c) };
        first.iter().chain(second).chain(third).copied()
    }

    /// The built-in dictionaries from `data/`.
    pub fn builtin() -> &'static Dictionaries {
        &BUILTIN
    }

    /// The built-in dictionaries plus the verb patterns of a PETRARCH / TABARI verb dictionary (`text`, e.g.
    /// `CAMEO.2.0.txt`; `name` prefixes the loaded rows' pattern ids as `name:line:verb`). What could not be
    /// converted is counted in the [`LoadReport`] (see [`crate::petrarch`]).
    ///
    /// Precedence: the loaded rows are appended after the built-in ones, and when a built-in and a loaded row
    /// of the same verb both match with equally many constraints (object, preposition) the built-in row wins;
    /// a loaded row wins only by matching more (an object or a preposition the built-in rows do not require).
    /// The loaded verbs' word forms reach the lemmatiser only for words with no built-in verb reading. A loaded
    /// row fires only where its word reads as a verb (`reading.rs`): the PETRARCH dictionaries were written for
    /// parsed text, and without that check they code "the attack on", "against challenges" or "medical
    /// supplies" as acts.
    ///
    /// The rows hold `&'static str` because matches do; the loaded words are leaked once (see
    /// [`crate::petrarch`]), and the caller normally leaks the returned value too (`Box::leak`), as a
    /// dictionary lives for the whole process.
    pub fn with_petrarch_verbs(name: &str, text: &str) -> Result<(Dictionaries, LoadReport), PetrarchError> {
        let mut d = loaded(Dictionaries::parse(VERBS_TSV, NOMINAL_TSV, RELATIONS_TSV, CUES_TSV));
        let report = d.add_petrarch_verbs(name, text)?;
        Ok((d, report))
    }

    /// Adds the verb patterns of one more PETRARCH verb dictionary (see [`Dictionaries::with_petrarch_verbs`]).
    pub fn add_petrarch_verbs(&mut self, name: &str, text: &str) -> Result<LoadReport, PetrarchError> {
        let parsed = parse_verb_dictionary(text)?;
        let conversion = convert(&parsed, name, &mut Interner::default());
        let first = self.verbs.len();
        self.verbs.extend(conversion.rows);
        for (i, p) in self.verbs.iter().enumerate().skip(first) {
            if p.objects.is_empty() {
                self.loaded_bare_index.entry(p.verb).or_default().push(i);
            }
            let mut firsts: Vec<&'static str> = p.objects.iter().filter_map(|o| o.first().copied()).collect();
            firsts.dedup();
            for w in firsts {
                self.loaded_object_index.entry((p.verb, w)).or_default().push(i);
            }
        }
        if !conversion.lemma_lines.is_empty() {
            self.extra_lemma_lines.push_str(&conversion.lemma_lines);
            // The lines are generated in the lemmas.tsv format from validated words, so a failure here would be
            // a bug in the converter; the verbs then simply keep their base form only.
            self.extra_lemmas = LemmaTable::parse(&self.extra_lemma_lines).ok();
        }
        Ok(conversion.report)
    }

    /// Sets where the loaded verb rows are consulted, and whether bare-verb rows (no object, no preposition) are.
    pub fn with_loaded_use(mut self, usage: LoadedUse, bare: bool) -> Dictionaries {
        self.loaded_use = usage;
        self.skip_loaded_bare = !bare;
        self
    }

    /// Whether any loaded verb rows are present.
    pub(crate) fn has_loaded(&self) -> bool {
        !self.loaded_bare_index.is_empty() || !self.loaded_object_index.is_empty()
    }

    /// The lemma of a normalised word: the built-in table's, with a loaded verb reading where it has none.
    pub(crate) fn lemma(&self, norm: &str) -> dyad_text::Lemma {
        let mut l = dyad_text::lemma(norm);
        if l.verb.is_none()
            && let Some(extra) = &self.extra_lemmas
        {
            l.verb = extra.get(norm).verb;
        }
        l
    }

    /// Parses the four files (verbs, nominal events, relations, cues) in their documented formats.
    pub fn parse(
        verbs: &'static str,
        nominals: &'static str,
        relations: &'static str,
        cues: &'static str,
    ) -> Result<Dictionaries, DataError> {
        let mut d = Dictionaries::default();
        for (line, c) in rows("verbs.tsv", verbs, 5)? {
            check_code("verbs.tsv", line, c[3])?;
            let Options { symmetric, next: prep_next, actor: actor_next, reversed, .. } =
                options("verbs.tsv", line, c[4], false)?;
            d.verbs.push(VerbPattern {
                id: format!("verbs:{}|{}|{}", c[0], c[1], c[2]),
                verb: c[0],
                preps: list(c[1]),
                objects: phrases(c[2]),
                code: c[3],
                symmetric,
                present_only: false,
                prep_next,
                actor_next,
                reversed,
                loaded: false,
            });
        }
        for (line, c) in rows("nominal_events.tsv", nominals, 4)? {
            check_code("nominal_events.tsv", line, c[2])?;
            let Options { symmetric, subject: subject_action, .. } = options("nominal_events.tsv", line, c[3], true)?;
            d.nominals.push(NominalPattern {
                id: format!("nominal:{}", c[0]),
                phrase: c[0].split_whitespace().collect(),
                preps: list(c[1]),
                code: c[2],
                symmetric,
                subject_action,
            });
        }
        parse_relations(&mut d, relations)?;
        parse_cues(&mut d, cues)?;
        d.index();
        Ok(d)
    }

    /// Indexes every pattern by its anchor lemma (the verb, or a phrase's first word).
    fn index(&mut self) {
        for (i, (_, p)) in self.cues.iter().enumerate() {
            if let Some(first) = p.first() {
                self.cue_index.entry(first).or_default().push(i);
            }
        }
        for (i, p) in self.verbs.iter().enumerate() {
            self.verb_index.entry(p.verb).or_default().push(i);
        }
        for (i, p) in self.nominals.iter().enumerate() {
            if let Some(first) = p.phrase.first() {
                self.nominal_index.entry(first).or_default().push(i);
            }
        }
        for (i, p) in self.relation_verbs.iter().enumerate() {
            self.relation_verb_index.entry(p.verb).or_default().push(i);
        }
        for (i, p) in self.relation_nominals.iter().enumerate() {
            if let Some(first) = p.phrase.first() {
                self.relation_nominal_index.entry(first).or_default().push(i);
            }
        }
    }
}

/// The rows of `data/relations.tsv`: relation verbs, and verb-less relation nouns.
fn parse_relations(d: &mut Dictionaries, relations: &'static str) -> Result<(), DataError> {
    for (line, c) in rows("relations.tsv", relations, 5)? {
        let present_only = match c[3] {
            "any" => false,
            "present" => true,
            t => return Err(DataError { file: "relations.tsv", line, message: format!("bad tense {t:?}") }),
        };
        if c[0] == "-" {
            for phrase in phrases(c[2]) {
                d.relation_nominals.push(NominalPattern {
                    id: format!("relations:{}", phrase.join(" ")),
                    phrase,
                    preps: list(c[1]),
                    code: c[4],
                    symmetric: true,
                    subject_action: false,
                });
            }
        } else {
            d.relation_verbs.push(VerbPattern {
                id: format!("relations:{}|{}|{}", c[0], c[1], c[2]),
                verb: c[0],
                preps: list(c[1]),
                objects: phrases(c[2]),
                code: c[4],
                symmetric: true,
                present_only,
                prep_next: false,
                actor_next: false,
                reversed: false,
                loaded: false,
            });
        }
    }
    Ok(())
}

/// The rows of `data/event_cues.tsv`.
fn parse_cues(d: &mut Dictionaries, cues: &'static str) -> Result<(), DataError> {
    for (line, c) in rows("event_cues.tsv", cues, 2)? {
        let kind = match c[0] {
            "negation" => CueKind::Negation,
            "intent" => CueKind::Intent,
            "agreement" => CueKind::Agreement,
            "future" => CueKind::Future,
            "report" => CueKind::Report,
            "passive" => CueKind::Passive,
            "refusal" => CueKind::Refusal,
            "failure" => CueKind::Failure,
            "obligation" => CueKind::Obligation,
            "condition" => CueKind::Condition,
            "preparation" => CueKind::Preparation,
            "peacekeeping" => CueKind::Peacekeeping,
            "attempt" => CueKind::Attempt,
            "allegation" => CueKind::Allegation,
            "threat" => CueKind::Threat,
            "aim_leadership" => CueKind::Aim(1),
            "aim_policy" => CueKind::Aim(2),
            "aim_rights" => CueKind::Aim(3),
            "aim_institutions" => CueKind::Aim(4),
            k if k.starts_with("content_") => match crate::Codebook::builtin().get(&k["content_".len()..]) {
                Some(info) => CueKind::Content(info.code),
                None => {
                    return Err(DataError { file: "event_cues.tsv", line, message: format!("no code in {k:?}") });
                }
            },
            k => return Err(DataError { file: "event_cues.tsv", line, message: format!("bad kind {k:?}") }),
        };
        d.cues.push((kind, c[1].split_whitespace().collect()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn data_files_load_and_codes_exist() {
        let d = Dictionaries::parse(VERBS_TSV, NOMINAL_TSV, RELATIONS_TSV, CUES_TSV).expect("dictionaries");
        assert!(d.verbs.len() > 250, "{}", d.verbs.len());
        assert!(d.nominals.len() > 30);
        assert!(!d.relation_verbs.is_empty() && !d.relation_nominals.is_empty());
        let roots: BTreeSet<&str> = d.verbs.iter().map(|p| &p.code[..2]).collect();
        assert_eq!(roots.len(), 20, "verbs.tsv must cover all 20 CAMEO roots: {roots:?}");
        for p in &d.verbs {
            assert!(crate::Codebook::builtin().contains(p.code));
        }
        for kind in [
            CueKind::Negation,
            CueKind::Intent,
            CueKind::Agreement,
            CueKind::Future,
            CueKind::Report,
            CueKind::Passive,
            CueKind::Refusal,
            CueKind::Failure,
            CueKind::Obligation,
            CueKind::Condition,
            CueKind::Preparation,
            CueKind::Peacekeeping,
            CueKind::Attempt,
            CueKind::Allegation,
        ] {
            assert!(d.cues.iter().any(|(k, _)| *k == kind), "{kind:?}");
        }
    }

    #[test]
    fn every_verb_is_in_the_lemma_table() {
        let d = Dictionaries::builtin();
        for p in d.verbs.iter().chain(&d.relation_verbs) {
            assert!(
                dyad_text::verb_lemma(p.verb).is_some_and(|v| v.base == p.verb),
                "verb {:?} of pattern {} is missing from lemmas.tsv",
                p.verb,
                p.id
            );
        }
    }

    #[test]
    fn no_duplicate_patterns() {
        let d = Dictionaries::builtin();
        let mut seen = BTreeSet::new();
        for p in &d.verbs {
            assert!(seen.insert(p.id.clone()), "duplicate verb pattern {}", p.id);
        }
        let mut seen = BTreeSet::new();
        for p in &d.nominals {
            assert!(seen.insert(p.id.clone()), "duplicate nominal pattern {}", p.id);
        }
    }

    #[test]
    fn a_bad_line_names_its_file_and_line() {
        let bad = |verbs, nominals, relations, cues| Dictionaries::parse(verbs, nominals, relations, cues).unwrap_err();
        let e = bad("# header\nmeet\t-\t-\t040\t-\nmeet\t-\t-\t999\t-\n", "", "", "");
        assert_eq!(e.to_string(), "verbs.tsv:3: code 999 is not in cameo.tsv");
        let e = bad("", "# header\nhunger strike\t-\t142\n", "", "");
        assert!(e.to_string().starts_with("nominal_events.tsv:2: expected 4 tab-separated columns"), "{e}");
        let e = bad("", "", "\nhave\t-\ttie\tsometimes\tties\n", "");
        assert!(e.to_string().starts_with("relations.tsv:2: "), "{e}");
        let e = bad("", "", "", "# header\n\nmaybe\tx\n");
        assert!(e.to_string().starts_with("event_cues.tsv:3: "), "{e}");
        let e = bad("", "", "", "# header\ncontent_1999\tcorruption\n");
        assert!(e.to_string().starts_with("event_cues.tsv:2: "), "{e}");
        assert!(Dictionaries::parse("", "", "", "content_1121\tcorruption\n").is_ok());
    }

    #[test]
    fn rejects_bad_rows() {
        assert!(Dictionaries::parse("meet\t-\t-\t999\t-\n", "", "", "").is_err());
        assert!(Dictionaries::parse("meet\t-\t-\t040\tbogus\n", "", "", "").is_err());
        assert!(Dictionaries::parse("meet\t-\t-\t040\tsubj\n", "", "", "").is_err());
        assert!(Dictionaries::parse("", "hunger strike\t-\t142\tsubj\n", "", "").is_ok());
        assert!(Dictionaries::parse("meet\t-\t040\t-\n", "", "", "").is_err());
        assert!(Dictionaries::parse("", "", "", "maybe\tx\n").is_err());
        assert!(Dictionaries::parse("", "", "have\t-\ttie\tsometimes\tties\n", "").is_err());
    }
}
