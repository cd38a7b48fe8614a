//! The analysis pass: each token read once (normalised form, lemma, function-word class, capital) and the
//! sentence's cue positions (report, obligation, condition, peacekeeping), shared by every later pass.

use crate::dict::Dictionaries;
use crate::lexicon::{CLASSES, DET, FUNCTION_WORDS, MODAL, PLACE_NOUN, PREP, SUB};
use crate::patterns::CueKind;
use dyad_text::{Lemma, Tokens, VerbForm, VerbReading};

/// Per-token facts the matcher and role assignment share.
#[derive(Debug, Clone)]
pub struct Analysis<'t> {
    pub(crate) norms: Vec<&'t str>,
    pub(crate) lemmas: Vec<Lemma>,
    pub(crate) function: Vec<u8>,
    pub(crate) capitalized: Vec<bool>,
    /// Token indices of report cues ("said", "according to" -> the "according" token).
    pub report_cues: Vec<usize>,
    /// Token indices where an obligation cue starts ("must").
    pub(crate) obligation_cues: Vec<usize>,
    /// Token indices where a condition cue starts ("unless").
    pub(crate) condition_cues: Vec<usize>,
    /// Token indices of peacekeeping cues ("peacekeepers").
    pub(crate) peacekeeping_cues: Vec<usize>,
    /// Token ranges of the sentence's time expressions, when the caller knows them ([`Analysis::set_times`]): a
    /// preposition opening one ("fired on Monday") is no pattern's preposition.
    pub(crate) time_tokens: Vec<(usize, usize)>,
    /// Token ranges of the sentence's actor mentions, when the caller knows them ([`Analysis::set_actors`]): a
    /// mention is a noun phrase, so a word inside one is no verb ("British forces"), and one ending before a verb
    /// form is its subject (see `reading.rs`).
    pub(crate) actor_tokens: Vec<(usize, usize)>,
    /// The dictionaries the sentence is matched against.
    pub(crate) dict: &'static Dictionaries,
}

impl<'t> Analysis<'t> {
    /// Reads each token once: its normalised form, lemma and function-word class (built-in dictionaries).
    pub fn new(tokens: &'t Tokens) -> Analysis<'t> {
        Analysis::new_in(Dictionaries::builtin(), tokens)
    }

    /// Like [`Analysis::new`], against `dict` (e.g. the built-in set plus a loaded PETRARCH dictionary, whose
    /// verbs' forms it lemmatises too).
    pub fn new_in(dict: &'static Dictionaries, tokens: &'t Tokens) -> Analysis<'t> {
        let n = tokens.len();
        let mut norms = Vec::with_capacity(n);
        let mut lemmas = Vec::with_capacity(n);
        let mut function = Vec::with_capacity(n);
        for i in 0..n {
            let norm = tokens.norm(i);
            lemmas.push(dict.lemma(norm));
            function.push(FUNCTION_WORDS.get(norm).copied().unwrap_or(0));
            norms.push(norm);
        }
        let capitalized = tokens.as_slice().iter().map(|t| t.capitalized).collect();
        let mut a = Analysis {
            norms,
            lemmas,
            function,
            capitalized,
            report_cues: Vec::new(),
            obligation_cues: Vec::new(),
            condition_cues: Vec::new(),
            peacekeeping_cues: Vec::new(),
            time_tokens: Vec::new(),
            actor_tokens: Vec::new(),
            dict,
        };
        for i in 0..n {
            // A capitalised word inside the sentence is a name ("United States"), not a report verb.
            let name = i > 0 && tokens.get(i).is_some_and(|t| t.capitalized);
            if name {
                continue;
            }
            let mut reported = false;
            for c in dict.cues_starting_with(a.first_words(i)) {
                let (kind, phrase) = &dict.cues[c];
                let list = match kind {
                    CueKind::Report if !reported => &mut a.report_cues,
                    CueKind::Obligation => &mut a.obligation_cues,
                    CueKind::Condition => &mut a.condition_cues,
                    CueKind::Peacekeeping => &mut a.peacekeeping_cues,
                    _ => continue,
                };
                if list.last() == Some(&i) {
                    continue;
                }
                let noun =
                    *kind == CueKind::Report && phrase.len() == 1 && a.noun_context(i) && a.lemmas[i].noun.is_some();
                if !noun && a.phrase_at(i, phrase).is_some() {
                    reported |= *kind == CueKind::Report;
                    match kind {
                        CueKind::Report => a.report_cues.push(i),
                        CueKind::Obligation => a.obligation_cues.push(i),
                        CueKind::Peacekeeping => a.peacekeeping_cues.push(i),
                        _ => a.condition_cues.push(i),
                    }
                }
            }
        }
        a
    }

    /// Records the token ranges (`start..end`) of the sentence's time expressions, so that a preposition whose
    /// complement is a date does not satisfy a pattern's preposition ("fired on Monday").
    pub fn set_times(&mut self, ranges: Vec<(usize, usize)>) {
        self.time_tokens = ranges;
    }

    /// Records the token ranges (`start..end`) of the sentence's actor mentions, which the noun/verb reading
    /// uses (see `reading.rs`).
    pub fn set_actors(&mut self, ranges: Vec<(usize, usize)>) {
        self.actor_tokens = ranges;
    }

    /// Whether the preposition at `k` opens a time expression: it is part of one ("on Monday" as one slot), or
    /// one starts right after it, past one determiner ("on Monday", "in the morning"), unless the expression has
    /// its own preposition ("stepping down | in May": "down" is a particle).
    pub(crate) fn temporal_prep(&self, k: usize) -> bool {
        let starts = |j: usize| self.time_tokens.iter().any(|&(s, e)| s == j && e > s) && !self.is(j, PREP);
        self.time_tokens.iter().any(|&(s, e)| s <= k && k < e) || starts(k + 1) || self.is(k + 1, DET) && starts(k + 2)
    }

    /// Whether token `i` is one of the allegation verbs of `data/event_cues.tsv` ("accuse", "condemn", "deny").
    pub(crate) fn allegation_verb(&self, i: usize) -> bool {
        let Some(v) = self.lemmas.get(i).and_then(|l| l.verb) else { return false };
        self.dict
            .cues_starting_with([Some(v.base), None, None])
            .any(|c| matches!(&self.dict.cues[c], (CueKind::Allegation, p) if p.len() == 1))
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.norms.len()
    }

    /// The forms a dictionary phrase may start with at token `i`: as written, verb base, noun base.
    pub(crate) fn first_words(&self, i: usize) -> [Option<&'t str>; 3] {
        let l = self.lemmas.get(i).copied().unwrap_or_default();
        [self.norms.get(i).copied(), l.verb.map(|v| v.base), l.noun]
    }

    /// Whether there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.norms.is_empty()
    }

    pub(crate) fn norm(&self, i: usize) -> &str {
        self.norms.get(i).copied().unwrap_or("")
    }

    pub(crate) fn is(&self, i: usize, bit: u8) -> bool {
        self.function.get(i).is_some_and(|f| f & bit != 0)
    }

    /// Whether token `i` is `word` as written, or as a verb or noun lemma.
    pub(crate) fn token_is(&self, i: usize, word: &str) -> bool {
        let Some(l) = self.lemmas.get(i) else { return false };
        self.norm(i) == word || l.verb.is_some_and(|v| v.base == word) || l.noun == Some(word)
    }

    /// If `phrase` occurs at token `i`, the index one past its end.
    pub(crate) fn phrase_at(&self, i: usize, phrase: &[&str]) -> Option<usize> {
        if phrase.is_empty() || i + phrase.len() > self.len() {
            return None;
        }
        phrase.iter().enumerate().all(|(k, w)| self.token_is(i + k, w)).then_some(i + phrase.len())
    }

    pub(crate) fn is_boundary(&self, i: usize) -> bool {
        matches!(self.norm(i), ";" | "." | "!" | "?" | ":")
    }

    /// A boundary other than an abbreviation's period before a number ("on Sept. 1", "No. 5"), which the sentence
    /// splitter kept inside the sentence.
    pub(crate) fn is_clause_end(&self, i: usize) -> bool {
        self.is_boundary(i)
            && !(self.norm(i) == "."
                && self.norms.get(i + 1).is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit())))
    }

    pub(crate) fn is_punct(&self, i: usize) -> bool {
        self.norm(i).chars().next().is_some_and(|c| !c.is_alphanumeric())
    }

    /// Whether token `i`, which could be a verb or a noun, stands where a noun would ("a meeting", "held talks",
    /// "for talks").
    /// "demanded that Armenia withdraw", "insisted that Russian troops leave": a "that" right after a verb form
    /// is the complementizer of its clause, not a determiner, so a base form after the clause's subject is a
    /// (subjunctive) verb.
    pub(crate) fn complementizer(&self, k: usize) -> bool {
        self.norm(k) == "that" && k > 0 && self.lemmas[k - 1].verb.is_some()
    }

    pub(crate) fn noun_context(&self, i: usize) -> bool {
        let Some(l) = self.lemmas.get(i) else { return false };
        let Some(v) = l.verb else { return true };
        if i == 0 {
            return l.noun.is_some() && !v.is(VerbForm::Gerund);
        }
        let prev = i - 1;
        if self.is(prev, DET) {
            return true;
        }
        if self.is(prev, PREP) && !self.is(prev, SUB) {
            return l.noun.is_some() && !(self.norm(prev) == "to" && v.is(VerbForm::Base)) && !v.is(VerbForm::Gerund);
        }
        if let Some(pv) = self.lemmas[prev].verb
            && l.noun.is_some()
            && !matches!(pv.base, "be" | "have" | "do" | "get")
            && !self.is(prev, MODAL)
        {
            return true;
        }
        // "the U.S. test-launch", "a United Nations appeal": a base form after a determiner and a name is a
        // noun; but not after a plural people ("the Palestinians reject"), which is a subject.
        if self.capitalized[prev] && v.is(VerbForm::Base) {
            // A plural people ("Palestinians", "Kurds"), unlike the plural name of one state.
            let word = self.norm(prev);
            let people =
                (word.ends_with('s') && !matches!(word, "states" | "nations" | "emirates")) || word.ends_with("ese");
            let mut j = prev;
            while j > 0 && self.capitalized[j] && prev - j < 4 {
                j -= 1;
            }
            // "The United States cut aid to X", "the Kremlin cut gas": a form that is also a past tense, after "the"
            // and a name, is the name's finite verb when no preposition follows ("the U.S. cut in aid" stays a
            // noun, and so does any form after "a").
            let past_of_name = v.is(VerbForm::Past) && self.norm(j) == "the" && !self.is(i + 1, PREP);
            if self.is(j, DET) && !self.complementizer(j) && !people && !past_of_name {
                return true;
            }
        }
        // "a 2010 rape allegation", "the 1999 bombing": a word after a determiner and a number heads a noun phrase.
        if prev >= 1 && self.is(prev - 1, DET) && self.norm(prev).bytes().all(|b| b.is_ascii_digit()) {
            return true;
        }
        prev >= 1 && self.noun_after_modifier(prev, l, v)
    }

    /// The rules of [`Analysis::noun_context`] that look two words back: a word after a verb or a preposition and
    /// one modifier, or after a determiner and an adjective-like word, heads a noun phrase. `prev` is the word
    /// before it (at least 1).
    fn noun_after_modifier(&self, prev: usize, l: &Lemma, v: VerbReading) -> bool {
        // "rejected recent calls for": a word after a verb and a modifier that is neither verb nor function word.
        if l.noun.is_some()
            && self.function[prev] & !PLACE_NOUN == 0
            && self.lemmas[prev].verb.is_none()
            && !self.capitalized[prev]
            && !self.is_punct(prev)
            && !self.is(prev - 1, MODAL)
            && self.lemmas[prev - 1].verb.is_some_and(|pv| !matches!(pv.base, "be" | "have" | "do" | "get"))
            && !v.is(VerbForm::Participle)
        {
            return true;
        }
        // "went on hunger strike", "in retaliatory strikes": a word with a noun reading after a preposition and one
        // modifier (a noun or adjective with no verb reading) heads the preposition's noun phrase.
        if l.noun.is_some()
            && self.is(prev - 1, PREP)
            && !self.is(prev - 1, SUB)
            && self.norm(prev - 1) != "to"
            && self.lemmas[prev].verb.is_none()
            && self.function[prev] & !PLACE_NOUN == 0
            && !self.capitalized[prev]
            && !self.is_punct(prev)
            && !v.is(VerbForm::Past)
            && !v.is(VerbForm::Participle)
            && !v.is(VerbForm::Gerund)
        {
            return true;
        }
        // "despite growing pressure", "amid mounting attacks": after a preposition and a gerund (a known verb's, or
        // an "-ing" word the lemma table does not list) the word is the gerund's object or the noun it modifies,
        // never a finite verb.
        if self.is(prev - 1, PREP)
            && !self.is(prev - 1, SUB)
            && self.norm(prev - 1) != "to"
            && (self.lemmas[prev].verb.map_or(self.norm(prev).ends_with("ing"), |pv| pv.is(VerbForm::Gerund)))
            && !self.capitalized[prev]
            && (v.is(VerbForm::Base) || v.is(VerbForm::ThirdPerson))
        {
            return true;
        }
        // An adjective-like word after a determiner ("an official visit", "the strategic dialogue"); not a
        // cardinal, which stands for the subject ("the two protest").
        if self.is(prev - 1, DET)
            && !self.complementizer(prev - 1)
            && self.lemmas[prev].verb.is_none()
            && l.noun.is_some()
            && !self.cardinal(prev)
        {
            return true;
        }
        false
    }

    /// A cardinal ("two", "1,000"), which may stand for a plural subject ("the two agree"), unlike an ordinal or
    /// a number compound ("first", "48-hour", "1991-1995", "5th").
    pub(crate) fn cardinal(&self, k: usize) -> bool {
        let w = self.norm(k);
        CLASSES.cardinal.contains(w)
            || w.starts_with(|c: char| c.is_ascii_digit())
                && w.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    }
}

/// Test helper: runs `f` on the analysis of `text` read as one sentence.
#[cfg(test)]
pub(crate) fn with_analysis<R>(text: &str, f: impl FnOnce(&Analysis) -> R) -> R {
    let span = dyad_core::Span::new(text, 0, text.len()).expect("the whole text is a span");
    f(&Analysis::new(&dyad_text::tokenize(text, span)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::PREP;

    #[test]
    fn each_token_read_once() {
        with_analysis("The minister said Iran must withdraw unless talks resume.", |a| {
            assert_eq!(a.len(), 10);
            assert_eq!((a.norm(0), a.norm(99)), ("the", ""));
            assert!(a.is(0, DET) && !a.is(1, DET));
            assert!(a.capitalized[3] && !a.capitalized[2]);
            assert_eq!(a.lemmas[5].verb.map(|v| v.base), Some("withdraw"));
            assert_eq!(a.report_cues, [2]);
            assert_eq!(a.obligation_cues, [4]);
            assert_eq!(a.condition_cues, [6]);
            assert!(a.is_boundary(9) && a.is_punct(9) && !a.is_punct(8));
        });
    }

    #[test]
    fn a_noun_context_after_a_determiner_or_a_preposition() {
        with_analysis("The attack on Iran came after talks in Oman.", |a| {
            assert!(a.noun_context(1), "the attack");
            assert!(a.is(2, PREP));
            assert!(a.noun_context(6), "after talks");
        });
        with_analysis("They attack Iran.", |a| assert!(!a.noun_context(1)));
    }

    #[test]
    fn a_phrase_matches_by_form_or_lemma() {
        with_analysis("Iran held talks with Oman.", |a| {
            assert_eq!(a.phrase_at(1, &["hold", "talk"]), Some(3));
            assert_eq!(a.phrase_at(1, &["hold", "meeting"]), None);
            assert_eq!(a.phrase_at(4, &["oman", "and", "more"]), None);
        });
    }
}
