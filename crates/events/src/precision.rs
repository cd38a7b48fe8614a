//! Precision filters: checks that tell a real international event from an ordinary use of the same words in
//! general web prose (a month name, a noun, a commercial "offer", a match result), applied after the matcher and
//! after role assignment.
//!
//! The dictionaries were written for news about states; on real pages most of their hits are ordinary English.
//! Rather than guessing a part of speech for every word (which would need a tagger), these checks look only at
//! the few tokens around a predicate that decide its reading ("most inviting", "signs of", "brought ... back",
//! "in order to"), at whether the subject of an everyday verb is a political actor standing right before it, and
//! at whether the sentence is sports news. Word lists live in `data/event_precision.tsv`.
//!
//! Clause structure decides whether an act happened and whose it is, and these checks read it from the same few
//! tokens: an act that is only supposed (a counterfactual "would have", an inverted "had X agreed", a question,
//! a "whether" clause), asked for ("asked X to investigate", "pressured X into announcing"), compared or prevented
//! ("tantamount to investigating", "barred X from entering") is not coded, as CAMEO codes such a sentence on its
//! main verb; a name that closes a list of things, names the source of the report ("according to X of the Y") or
//! is punished for the act ("arrested X for spying on Y") is no party of a predicate beyond it.

use crate::DataError;
use crate::matcher::{Analysis, CONJ, DET, MODAL, Match, MatchKind, PREP, RELPRO, SUB, nominal_at};
use crate::roles::EventCandidate;
use crate::slots::{ActorSlot, SlotKind};
use dyad_text::{Tokens, VerbForm};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

pub(crate) const PRECISION_TSV: &str = include_str!("../../../data/event_precision.tsv");
const PAST_VERBS_TSV: &str = include_str!("../../../data/time_past_verbs.tsv");

/// How many tokens before an everyday verb may stand between it and its subject (auxiliaries, adverbs, "to").
const SUBJECT_REACH: usize = 6;
/// How many tokens before a bare particle verb ("back") a governing verb is looked for.
const PARTICLE_REACH: usize = 4;

/// The word lists of `data/event_precision.tsv`, one set per kind.
#[derive(Debug, Default)]
pub(crate) struct Lists {
    pub(crate) ordinary: HashSet<&'static str>,
    pub(crate) contest: HashSet<&'static str>,
    pub(crate) sport: Vec<Vec<&'static str>>,
    /// Index of `sport` and `fixed` phrases by their first word.
    sport_first: HashMap<&'static str, Vec<usize>>,
    fixed_first: HashMap<&'static str, Vec<usize>>,
    pub(crate) degree: HashSet<&'static str>,
    pub(crate) fixed: Vec<Vec<&'static str>>,
    pub(crate) particle: HashSet<&'static str>,
    pub(crate) plural_of: HashSet<&'static str>,
    pub(crate) agent: HashSet<&'static str>,
    pub(crate) irrealis: HashSet<&'static str>,
    pub(crate) bridge: HashSet<&'static str>,
    pub(crate) express: HashSet<&'static str>,
    pub(crate) that_target: HashSet<&'static str>,
    pub(crate) control: HashSet<&'static str>,
    pub(crate) opener: HashSet<&'static str>,
    pub(crate) request: HashSet<&'static str>,
    pub(crate) prevent: HashSet<&'static str>,
    pub(crate) opinion: HashSet<&'static str>,
    pub(crate) accident: HashSet<&'static str>,
    pub(crate) reason: HashSet<&'static str>,
    pub(crate) nonassertive: HashSet<&'static str>,
    pub(crate) stance: HashSet<&'static str>,
    pub(crate) proxy: HashSet<&'static str>,
    pub(crate) owned_for: HashSet<&'static str>,
    pub(crate) nonfactual: Vec<Vec<&'static str>>,
    pub(crate) attribution: Vec<Vec<&'static str>>,
    attribution_first: HashMap<&'static str, Vec<usize>>,
}

pub(crate) fn parse_lists(src: &'static str) -> Result<Lists, DataError> {
    let mut lists = Lists::default();
    for (n, line) in src.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let err = |message: String| DataError { file: "event_precision.tsv", line: n + 1, message };
        let mut cols = line.split('\t');
        let (Some(kind), Some(phrase), None) = (cols.next(), cols.next(), cols.next()) else {
            return Err(err("expected 2 tab-separated columns".into()));
        };
        let phrase = phrase.trim();
        if phrase.is_empty() || phrase.chars().any(|c| c.is_uppercase()) {
            return Err(err(format!("phrase {phrase:?} must be non-empty lower case")));
        }
        let words: Vec<&'static str> = phrase.split(' ').filter(|w| !w.is_empty()).collect();
        let single = || if words.len() == 1 { Ok(phrase) } else { Err(err(format!("{kind}: one word expected"))) };
        match kind.trim() {
            "ordinary" => lists.ordinary.insert(single()?),
            "contest" => lists.contest.insert(single()?),
            "degree" => lists.degree.insert(single()?),
            "particle" => lists.particle.insert(single()?),
            "plural_of" => lists.plural_of.insert(single()?),
            "agent" => lists.agent.insert(single()?),
            "irrealis" => lists.irrealis.insert(single()?),
            "bridge" => lists.bridge.insert(single()?),
            "express" => lists.express.insert(single()?),
            "that_target" => lists.that_target.insert(single()?),
            "control" => lists.control.insert(single()?),
            "opener" => lists.opener.insert(single()?),
            "request" => lists.request.insert(single()?),
            "prevent" => lists.prevent.insert(single()?),
            "opinion" => lists.opinion.insert(single()?),
            "accident" => lists.accident.insert(single()?),
            "reason" => lists.reason.insert(single()?),
            "nonassertive" => lists.nonassertive.insert(single()?),
            "stance" => lists.stance.insert(single()?),
            "proxy" => lists.proxy.insert(single()?),
            "owned_for" => lists.owned_for.insert(single()?),
            "nonfactual" => {
                lists.nonfactual.push(words);
                true
            }
            "attribution" => {
                lists.attribution_first.entry(words[0]).or_default().push(lists.attribution.len());
                lists.attribution.push(words);
                true
            }
            "sport" => {
                lists.sport_first.entry(words[0]).or_default().push(lists.sport.len());
                lists.sport.push(words);
                true
            }
            "fixed" => {
                lists.fixed_first.entry(words[0]).or_default().push(lists.fixed.len());
                lists.fixed.push(words);
                true
            }
            k => return Err(err(format!("unknown kind {k:?}"))),
        };
    }
    Ok(lists)
}

/// How far back (tokens) from the "to" of an infinitive its control verb may stand (past a long object with an
/// aside: "training the opposition forces known as MaT - formerly the Free Syrian Army - to fight").
const CONTROL_REACH: usize = 25;
/// How far after an object noun (tokens) the party it goes to may stand ("military aid to Ukraine").
const OBJECT_REACH: usize = 5;
/// How far back (tokens) from a party a gerund list item may start ("upping sanctions against Russians").
const GERUND_LIST_REACH: usize = 12;
/// How far back (tokens) from the "from" of a prevented gerund its verb may stand ("barred the two ministers
/// from").
const PREVENT_REACH: usize = 8;
/// How far back (tokens) from the "to" of an asked-for infinitive the request verb may stand, past its object
/// ("pressure the country's President Volodymyr Zelensky into").
const REQUEST_REACH: usize = 12;
/// How far after an armed predicate (tokens) the accident that caused it may be named ("killed on Tuesday in a
/// helicopter crash").
const ACCIDENT_REACH: usize = 8;
/// How far back (tokens) from a predicate the non-assertive word opening its noun phrase may stand ("no
/// knowledge of any efforts to urge").
const NONASSERTIVE_REACH: usize = 6;
/// How far back (tokens) from the "for" of a reason the punishing or rewarding verb may stand ("jailed two
/// activists in the capital for").
const REASON_REACH: usize = 10;
/// How many comma-separated items around a name that name no party make it an item of an enumeration.
const THING_ITEMS: usize = 2;

static LISTS: LazyLock<Lists> = LazyLock::new(|| parse_lists(PRECISION_TSV).unwrap_or_default());

/// Irregular simple pasts ("held", "had"): after a name, one of these is a finite verb, not a noun the name
/// modifies.
static PAST_VERBS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| dyad_core::data_lines(PAST_VERBS_TSV).map(|(_, l)| l.trim()).collect());

pub(crate) fn lists() -> &'static Lists {
    &LISTS
}

/// Drops predicates that a look at their neighbours reads as something else: a word inside a time expression
/// ("on March 7"), a fixed phrase ("in order to"), an adjective after a degree word ("most inviting"), a plural
/// noun before "of" ("signs of"), a particle after a verb ("brought the beans back"), a verb used as the first
/// half of a compound noun ("trade talks").
pub(crate) fn drop_false_predicates(a: &Analysis, matches: &mut Vec<Match>, time_tokens: &[(usize, usize)]) {
    // Most sentences have no predicate: skip the scan for fixed phrases on them.
    if matches.is_empty() {
        return;
    }
    let l = lists();
    let fixed: Vec<(usize, usize)> =
        (0..a.len()).filter_map(|i| phrase_end(a, i, &l.fixed, &l.fixed_first).map(|e| (i, e))).collect();
    let mut compounds = Vec::new();
    matches.retain(|m| {
        let i = m.anchor;
        if time_tokens.iter().any(|&(s, e)| s <= i && i < e) || fixed.iter().any(|&(s, e)| s <= i && i < e) {
            return false;
        }
        if m.kind != MatchKind::Relation && (hypothetical(a, i) || nonassertive_phrase(a, i)) {
            return false;
        }
        if m.kind != MatchKind::Verb {
            return true;
        }
        match false_verb(a, m, time_tokens) {
            Some(Reading::Compound(k)) => {
                compounds.push(k);
                false
            }
            Some(Reading::Other) => false,
            None => true,
        }
    });
    // "trade talks with X": the event noun the matcher had folded into the verb's object is the predicate.
    for k in compounds {
        if !matches.iter().any(|m| m.anchor == k)
            && let Some(n) = nominal_at(a, k)
        {
            matches.push(n);
        }
    }
    matches.sort_by_key(|m| (m.anchor, m.kind as u8));
}

/// What a verb-looking word was read as instead.
enum Reading {
    /// A noun that is, or is the first half of, an event noun starting at the given token ("trade talks",
    /// "Trump's phone call").
    Compound(usize),
    /// Anything else: a name, an adjective, a noun, a particle, an infinitive that is only asked for.
    Other,
}

fn false_verb(a: &Analysis, m: &Match, time_tokens: &[(usize, usize)]) -> Option<Reading> {
    let l = lists();
    let i = m.anchor;
    let v = a.lemmas.get(i).and_then(|l| l.verb)?;
    let norm = a.norm(i);
    let prev = i.checked_sub(1).map_or("", |p| a.norm(p));
    // "on March 7": a capitalised word inside the sentence right before a number is a name or a date.
    if i > 0 && a.capitalized[i] && a.norm(i + 1).starts_with(|c: char| c.is_ascii_digit()) {
        return Some(Reading::Other);
    }
    // "most inviting cities", "more advanced": a degree word makes the form an adjective or a noun.
    if l.degree.contains(prev) && !v.is(VerbForm::Base) {
        return Some(Reading::Other);
    }
    // "shows signs of", "promises of improved access".
    if l.plural_of.contains(v.base) && v.is(VerbForm::ThirdPerson) && a.norm(i + 1) == "of" {
        return Some(Reading::Other);
    }
    // "brought coffee beans back", "will be back in action", "to roll back tariffs".
    // As a verb it follows "to" or a modal ("vowed to back", "will back") or its subject ("Britain back").
    if l.particle.contains(v.base) && norm == v.base && prev != "to" && !(i > 0 && a.is(i - 1, MODAL)) {
        let governed = (i.saturating_sub(PARTICLE_REACH)..i)
            .rev()
            .take_while(|&k| !a.is_boundary(k) && a.norm(k) != ",")
            .any(|k| {
                let w = a.norm(k);
                !a.is(k, MODAL)
                    && (a.lemmas[k].verb.is_some() || PAST_VERBS.contains(w) || w.ends_with("ed") || w.ends_with("ing"))
            });
        if governed {
            return Some(Reading::Other);
        }
    }
    // "his often-repeated vow", "its own fight", "the alleged attack": a determiner and an adjective before it.
    if i >= 2 && a.is(i - 2, DET) && !v.is(VerbForm::ThirdPerson) && adjective_like(a, i - 1) {
        return Some(Reading::Other);
    }
    // "on occupied land", "in detained form": a participle right after a preposition is an adjective.
    if i > 0
        && a.is(i - 1, PREP)
        && prev != "to"
        && (v.is(VerbForm::Participle) || v.is(VerbForm::Past))
        && !v.is(VerbForm::Gerund)
        && norm.ends_with("ed")
    {
        return Some(Reading::Other);
    }
    if infinitive_complement(a, i) || nonfactual_gerund(a, i) || opinion(a, i) {
        return Some(Reading::Other);
    }
    // "Trump's July 25 phone call", "the minister's visit": a possessive "'s" (past a date) opens a noun phrase,
    // and "'s" standing for "is" or "has" is never followed by a base form, so a base form there is a noun: the
    // noun, and the event noun starting there (if any: "phone call") is the predicate.
    if norm == v.base && !v.is(VerbForm::ThirdPerson) && after_possessive(a, i, time_tokens) {
        return Some(Reading::Compound(i));
    }
    // "trade talks with X": a bare verb form right before a plural event noun is the first half of a compound.
    if m.object.is_none() && norm == v.base && !v.is(VerbForm::ThirdPerson) {
        let next = a.norm(i + 1);
        let plural_event =
            a.lemmas.get(i + 1).and_then(|l| l.noun).is_some_and(|n| n != next && a.dict.nominal_index.contains_key(n));
        if plural_event {
            return Some(Reading::Compound(i + 1));
        }
    }
    None
}

/// Whether token `i` follows a possessive "'s", directly or past a time expression ("X's July 25 call").
fn after_possessive(a: &Analysis, i: usize, time_tokens: &[(usize, usize)]) -> bool {
    let mut j = i;
    while let Some(k) = j.checked_sub(1) {
        if a.norm(k) == "'s" || a.norm(k) == "\u{2019}s" {
            return true;
        }
        match time_tokens.iter().find(|&&(s, e)| s <= k && k < e) {
            Some(&(s, _)) => j = s,
            None => return false,
        }
    }
    false
}

/// "had no knowledge of any efforts to urge X", "denied any role in the attack on Y", "was unaware of the talks
/// with Z", "said no talks with Y were planned": a noun phrase opened by a non-assertive word (`nonassertive` in
/// the data file: "no", "any", "unaware") asserts nothing of anyone, so a predicate inside it, up to the next
/// punctuation, clause word or finite verb, is not an act of the sentence's subject (or of anyone). The walk back
/// from the predicate passes only determiners, prepositions, the infinitive "to" and words read as nouns or
/// modifiers.
fn nonassertive_phrase(a: &Analysis, i: usize) -> bool {
    let l = lists();
    (i.saturating_sub(NONASSERTIVE_REACH)..i)
        .rev()
        .take_while(|&k| {
            !a.is_punct(k)
                && !a.is(k, RELPRO | SUB | CONJ | MODAL)
                && !a.report_cues.contains(&k)
                && (a.lemmas[k].verb.is_none()
                    || a.is(k, DET | PREP)
                    || a.reading(k) == crate::reading::Reading::Noun
                    || l.nonassertive.contains(a.norm(k)))
        })
        .any(|k| l.nonassertive.contains(a.norm(k)))
}

/// An adjective before a noun: a hyphenated modifier ("often-repeated"), "own", or a word with an adjective
/// ending that is not a people noun ("the official" is a person).
fn adjective_like(a: &Analysis, k: usize) -> bool {
    let w = a.norm(k);
    if a.capitalized[k] || a.function[k] != 0 || lists().agent.contains(w) || a.lemmas[k].verb.is_some() {
        return false;
    }
    let suffix =
        ["ed", "al", "ive", "ous", "ful", "ic", "ent", "est"].iter().any(|s| w.ends_with(s) && w.len() > s.len() + 2);
    w.contains('-') && w.chars().all(|c| c.is_alphabetic() || c == '-')
        || matches!(w, "own" | "new" | "latest" | "recent")
        || suffix
}

/// "the request to investigate X", "an effort to urge X": a predicate in a "to" infinitive after an irrealis
/// noun names an action asked for or attempted, not one done.
fn infinitive_complement(a: &Analysis, i: usize) -> bool {
    let l = lists();
    if i < 2 || a.norm(i - 1) != "to" {
        return false;
    }
    let head = |k: usize| {
        let w = a.norm(k);
        let lemma = a.lemmas[k];
        let noun = lemma.noun.unwrap_or(w);
        // "any efforts to urge": the lemma table knows only event nouns, so a plural is read by its -s.
        let plural = w.strip_suffix('s').filter(|stem| l.irrealis.contains(stem)).is_some();
        (l.irrealis.contains(noun) || l.irrealis.contains(w) || plural)
            && (lemma.verb.is_none() || k > 0 && a.is(k - 1, DET) || lemma.verb.is_some_and(|v| !v.is(VerbForm::Base)))
    };
    if head(i - 2) && !a.capitalized[i - 2] {
        return true;
    }
    // "Trump's request to the Ukrainian president to investigate ...": past the request's addressee.
    (i.saturating_sub(7)..i - 2)
        .rev()
        .take_while(|&k| !a.is_punct(k) && a.lemmas[k].verb.is_none_or(|_| a.norm(k) == "to"))
        .any(|k| a.norm(k) == "to" && k > 0 && head(k - 1) && !a.capitalized[k - 1])
}

/// Whether the predicate at token `i` is only supposed, asked about or wished for: a counterfactual perfect, the
/// condition of an inverted "had", a question, or an embedded yes/no question. No one reports such an act as
/// done, so it is not coded. (A condition with "if" or "unless" is dropped by the matcher; a plain future is
/// coded and flagged future.)
fn hypothetical(a: &Analysis, i: usize) -> bool {
    counterfactual_perfect(a, i) || inverted_condition(a, i) || in_question(a, i) || in_whether_clause(a, i)
}

/// "would have objected", "could have been attacked", "should not have sent", "would have liked to meet": a modal
/// of the unreal past before a perfect says the act did not happen. "Must have" (an inference that it did) and
/// "would have to" (an obligation) are not counterfactual.
fn counterfactual_perfect(a: &Analysis, i: usize) -> bool {
    // "would have talks with X" is a plain future: the predicate itself must be the perfect's participle, or an
    // infinitive after one.
    let participle = a
        .lemmas
        .get(i)
        .and_then(|l| l.verb)
        .is_some_and(|v| (v.is(VerbForm::Participle) || v.is(VerbForm::Past)) && a.norm(i) != v.base);
    if !participle && (i == 0 || a.norm(i - 1) != "to") {
        return false;
    }
    let mut k = i;
    for _ in 0..6 {
        let Some(j) = k.checked_sub(1) else { return false };
        k = j;
        let w = a.norm(k);
        if matches!(w, "have" | "'ve") {
            if a.norm(k + 1) == "to" {
                return false;
            }
            let mut q = k;
            while let Some(p) = q.checked_sub(1)
                && (matches!(a.norm(p), "not" | "n't" | "never") || a.norm(p).ends_with("ly"))
            {
                q = p;
            }
            return q.checked_sub(1).is_some_and(|p| {
                matches!(a.norm(p), "would" | "could" | "might" | "should" | "wouldn't" | "couldn't" | "shouldn't")
            });
        }
        // A verb the lemma table does not know ("liked") by its regular ending.
        let participle = !a.capitalized[k]
            && (a.lemmas[k].verb.is_some_and(|v| v.is(VerbForm::Participle) || v.is(VerbForm::Past))
                || a.lemmas[k].verb.is_none() && a.lemmas[k].noun.is_none() && w.len() > 4 && w.ends_with("ed"));
        // Quotation marks may set off the participle ('would have "objected"').
        let chain = matches!(w, "been" | "not" | "n't" | "never" | "to" | "also" | "even")
            || matches!(w, "\"" | "\u{201c}" | "\u{201d}" | "'")
            || w.ends_with("ly");
        if !(participle || chain) {
            return false;
        }
    }
    false
}

/// "had the United States agreed, ...", "... had an aide gone to the inspector": "had" before its subject (a
/// determiner, a pronoun or a name opening a short noun phrase) and then the participle is the inverted condition
/// of a counterfactual; its act did not happen. In a past perfect the subject stands before "had".
fn inverted_condition(a: &Analysis, i: usize) -> bool {
    let Some(v) = a.lemmas.get(i).and_then(|l| l.verb) else { return false };
    if !(v.is(VerbForm::Participle) || v.is(VerbForm::Past)) || a.norm(i) == v.base || i < 2 {
        return false;
    }
    let mut k = i - 1;
    for _ in 0..7 {
        let w = a.norm(k);
        if w == "had" {
            let first = k + 1;
            let opens_subject = a.is(first, DET) && a.norm(first) != "that"
                || a.capitalized[first]
                || matches!(a.norm(first), "he" | "she" | "they" | "we" | "it" | "i" | "you");
            return first < i && opens_subject;
        }
        let verb_form = a.lemmas[k].verb.is_some_and(|v| !v.is(VerbForm::Base)) && a.lemmas[k].noun.is_none();
        if a.is_punct(k) && w != "-" || a.is(k, PREP | CONJ | RELPRO | SUB | MODAL) || verb_form && !a.capitalized[k] {
            return false;
        }
        let Some(j) = k.checked_sub(1) else { return false };
        k = j;
    }
    false
}

/// "Will China invade Taiwan?", "What would the reaction have been to a call to X?": the first sentence mark after
/// the predicate is a question mark, so the act is asked about, not reported.
fn in_question(a: &Analysis, i: usize) -> bool {
    (i + 1..a.len()).map(|k| a.norm(k)).find(|w| matches!(*w, "?" | "." | "!" | ";")) == Some("?")
}

/// "to establish whether X withheld aid", "it is unclear whether Y attacked": an embedded yes/no question, from
/// "whether" to the next comma or sentence mark, asserts nothing.
fn in_whether_clause(a: &Analysis, i: usize) -> bool {
    (0..i).rev().take_while(|&k| !a.is_boundary(k) && a.norm(k) != ",").any(|k| a.norm(k) == "whether")
}

/// "tantamount to investigating", "instead of meeting", "barred X from entering": a gerund that a comparison, a
/// replacement or a prevention governs (`nonfactual` and `prevent` in the data file) names an act that was not
/// done.
fn nonfactual_gerund(a: &Analysis, i: usize) -> bool {
    let l = lists();
    let gerund = a.norm(i).ends_with("ing") && a.lemmas[i].verb.is_some_and(|v| v.is(VerbForm::Gerund));
    if !gerund || i == 0 {
        return false;
    }
    if l.nonfactual.iter().any(|p| i >= p.len() && a.phrase_at(i - p.len(), p) == Some(i)) {
        return true;
    }
    a.norm(i - 1) == "from"
        && (i.saturating_sub(PREVENT_REACH)..i - 1)
            .rev()
            .take_while(|&k| !a.is_boundary(k) && a.norm(k) != ",")
            .any(|k| !a.capitalized[k] && control_verb(&l.prevent, a, k))
}

/// "things he considers to be conspiracies", "which it believes to be illegal": a verb of opinion with "to be"
/// after it (past its object) states a judgement, not an act.
fn opinion(a: &Analysis, i: usize) -> bool {
    let l = lists();
    let Some(v) = a.lemmas.get(i).and_then(|l| l.verb) else { return false };
    l.opinion.contains(v.base)
        && (i + 1..(i + 6).min(a.len()))
            .take_while(|&k| !a.is_punct(k))
            .any(|k| a.norm(k) == "to" && a.token_is(k + 1, "be"))
}

/// Token ranges of the sentence's attributions ("according to X of the Y", "in an interview with X"): from the
/// end of the opening phrase to the next comma, bracket, relative pronoun or sentence mark. Whoever is named there
/// reported or published the information; no one there is a party to the event.
pub(crate) fn attribution_ranges(a: &Analysis) -> Vec<(usize, usize)> {
    let l = lists();
    let mut out = Vec::new();
    for i in 0..a.len() {
        if let Some(start) = phrase_end(a, i, &l.attribution, &l.attribution_first) {
            // A verb ends it too: "according to officials the rebels attacked" names the rebels in the report.
            let verb = |k: usize| {
                a.lemmas[k].noun.is_none()
                    && a.lemmas[k].verb.is_some_and(|v| !v.is(VerbForm::Base))
                    && !a.capitalized[k]
            };
            let end = (start..a.len())
                .find(|&k| {
                    matches!(a.norm(k), "," | "(" | ")" | "that") || a.is_boundary(k) || a.is(k, RELPRO) || verb(k)
                })
                .unwrap_or(a.len());
            out.push((start, end));
        }
    }
    out
}

/// The end of the first of `phrases` that starts at token `i` (as written, or as a verb or noun lemma), looked up
/// by first word.
fn phrase_end(a: &Analysis, i: usize, phrases: &[Vec<&str>], first: &HashMap<&str, Vec<usize>>) -> Option<usize> {
    let mut seen: [Option<&str>; 3] = [None; 3];
    for (n, word) in a.first_words(i).into_iter().enumerate() {
        let Some(word) = word else { continue };
        if seen[..n].contains(&Some(word)) {
            continue;
        }
        seen[n] = Some(word);
        if let Some(end) = first.get(word).into_iter().flatten().find_map(|&p| a.phrase_at(i, &phrases[p])) {
            return Some(end);
        }
    }
    None
}

/// What the role checks need to know about the whole sentence.
#[derive(Debug, Default)]
pub(crate) struct SentenceFacts {
    /// Sports news: a score or a sports word.
    pub(crate) sports: bool,
    /// Token indices of free-standing dashes ("X — Y", "X - Y"), which set off a dateline, an aside or a new
    /// clause.
    pub(crate) dashes: Vec<usize>,
}

impl SentenceFacts {
    pub(crate) fn new(a: &Analysis, text: &str, tokens: &Tokens) -> SentenceFacts {
        let toks = tokens.as_slice();
        let dashes = (0..a.len())
            .filter(|&i| {
                matches!(a.norm(i), "-" | "--" | "\u{2014}" | "\u{2013}")
                    && toks.get(i).is_some_and(|t| {
                        let before = t.span.start().checked_sub(1).and_then(|s| text.get(s..t.span.start()));
                        before.is_some_and(|c| c.chars().all(char::is_whitespace)) || a.norm(i) == "\u{2014}"
                    })
            })
            .collect();
        SentenceFacts { sports: sports_sentence(a, text, tokens), dashes }
    }

    /// Whether a dash separates token ranges: an odd number of dashes lies between `from` and `to` and none before
    /// `from` (so `from` does not sit inside a dash pair: "Egypt and Jordan - also criticised").
    fn split(&self, from: usize, to: usize, outer_from: usize) -> bool {
        let between = self.dashes.iter().filter(|&&d| d >= from && d < to).count();
        let before = self.dashes.iter().filter(|&&d| d < outer_from).count();
        between % 2 == 1 && before == 0
    }
}

/// Whether the sentence is sports news: a score ("6-4", "2–0") or a sports word.
fn sports_sentence(a: &Analysis, text: &str, tokens: &Tokens) -> bool {
    let l = lists();
    let lower = |i: usize| !a.capitalized.get(i).copied().unwrap_or(true);
    if (0..a.len()).any(|i| lower(i) && phrase_end(a, i, &l.sport, &l.sport_first).is_some()) {
        return true;
    }
    let (Some(first), Some(last)) = (tokens.as_slice().first(), tokens.as_slice().last()) else { return false };
    text.get(first.span.start()..last.span.end()).is_some_and(has_score)
}

/// A match score: one or two digits, a hyphen or dash, one or two digits, not part of a longer number or date.
pub(crate) fn has_score(s: &str) -> bool {
    let b = s.as_bytes();
    let digits_at = |from: usize, back: bool| -> usize {
        let mut n = 0;
        if back {
            let mut k = from;
            while k > 0 && b[k - 1].is_ascii_digit() {
                k -= 1;
                n += 1;
            }
        } else {
            let mut k = from;
            while k < b.len() && b[k].is_ascii_digit() {
                k += 1;
                n += 1;
            }
        }
        n
    };
    let mut i = 0;
    while i < b.len() {
        let dash = if b[i] == b'-' {
            Some(1)
        } else if s.get(i..).is_some_and(|r| r.starts_with('\u{2013}')) {
            Some('\u{2013}'.len_utf8())
        } else {
            None
        };
        if let Some(w) = dash {
            let before = digits_at(i, true);
            let after = digits_at(i + w, false);
            let start = i - before;
            let end = i + w + after;
            let clean_before = start == 0 || !matches!(b[start - 1], b'.' | b',' | b'/' | b'-' | b'$' | b':');
            let clean_after = end >= b.len()
                || !(b[end].is_ascii_alphanumeric() || matches!(b[end], b'.' | b',' | b'/' | b'-'))
                || matches!(b[end], b',' | b'.') && b.get(end + 1).is_none_or(|c| !c.is_ascii_digit());
            if (1..=2).contains(&before) && (1..=2).contains(&after) && clean_before && clean_after {
                return true;
            }
            i += w;
        } else {
            i += 1;
        }
    }
    false
}

/// Whether the coded event survives the role checks: a match result between two bare names in sports news or
/// after a contest verb; a nationality adjective or name modifying a thing ("British documentary photography") as
/// a source; an everyday verb without a political subject right before it.
pub(crate) fn plausible(
    a: &Analysis,
    actors: &[ActorSlot],
    actor_tokens: &[(usize, usize)],
    time_tokens: &[(usize, usize)],
    facts: &SentenceFacts,
    m: &Match,
    e: &EventCandidate,
) -> bool {
    let l = lists();
    // "HANOI, Vietnam (AP) — X accused ...", "would release a transcript — Democrats expected ...": a dash between
    // a party and the predicate puts them in different clauses.
    let (s_start, s_end) = actor_tokens[e.source];
    if s_end <= m.anchor && facts.split(s_end, m.anchor, s_start) {
        return false;
    }
    if let Some(t) = e.target
        && actor_tokens[t].0 > m.anchor
        && facts.split(m.end.min(actor_tokens[t].0), actor_tokens[t].0, m.anchor)
    {
        return false;
    }
    if gerund_list_source(a, m, s_start)
        || thing_subject(a, actor_tokens, m, e.source)
        || controlled_infinitive(a, m, s_end)
        || requested_act(a, m)
        || listed_among_things(a, actor_tokens, e.source)
        || accidental(a, m)
        || reason_of_patient(a, m, s_start)
    {
        return false;
    }
    if let Some(t) = e.target
        && (object_modifier(a, actors, actor_tokens, m, t)
            || opens_clause(a, m.end.max(m.anchor + 1), actor_tokens[t].0))
    {
        return false;
    }
    if absolute_subject(a, actors, actor_tokens, m, e.source) {
        return false;
    }
    let bare = |k: usize| {
        matches!(actors[k].kind, SlotKind::Country | SlotKind::Place | SlotKind::Group)
            && actors[k].code.as_deref().is_none_or(|c| c.len() <= 3)
    };
    if facts.sports && bare(e.source) && e.target.is_none_or(bare) {
        return false;
    }
    if modifies_thing(a, actors, actor_tokens, e.source, Strictness::Loose) {
        return false;
    }
    // (An obligation in reported speech is the speaker's demand, whose source is the speaker by design.)
    if bracketed_modifier(a, s_start, s_end)
        || e.target.is_some_and(|t| bracketed_modifier(a, actor_tokens[t].0, actor_tokens[t].1))
    {
        return false;
    }
    // "accused X of supporting Y": the one accused is the gerund's subject (object control), so X being the
    // accusation's object is no objection.
    let controlled = m.gerund && s_end + 1 == m.anchor && matches!(a.norm(s_end), "of" | "for");
    if s_end <= m.anchor && !m.obliged && !controlled && object_of_verb(a, s_start) {
        return false;
    }
    let Some(v) = a.lemmas.get(m.anchor).and_then(|l| l.verb) else { return true };
    if m.kind != MatchKind::Verb {
        return true;
    }
    if l.contest.contains(v.base) && bare(e.source) && e.target.is_none_or(bare) {
        return false;
    }
    let ordinary = m.object.is_none() && l.ordinary.contains(v.base);
    // "warned that X would ...": the "that" clause is what was said, not whom it was said to; only a demand
    // ("demanded that X withdraw") targets the clause's subject.
    let that_opens_clause = ordinary || !l.that_target.contains(v.base);
    if let Some(t) = e.target
        && complement_target(a, m, actor_tokens[t].0, that_opens_clause)
    {
        return false;
    }
    if !ordinary {
        return true;
    }
    if e.target.is_some_and(|t| modifies_thing(a, actors, actor_tokens, t, Strictness::Target))
        || modifies_thing(a, actors, actor_tokens, e.source, Strictness::Source)
    {
        return false;
    }
    if matches!(actors[e.source].kind, SlotKind::Place | SlotKind::Media) {
        return false;
    }
    let (source_start, _) = actor_tokens[e.source];
    // "was offered by X", "a bill signed by X": the agent after "by" acts.
    if source_start > m.anchor {
        return (source_start.saturating_sub(3)..source_start).any(|k| a.norm(k) == "by");
    }
    expressed(a, m.anchor) || subject_before(a, actor_tokens, time_tokens, m, e.source)
}

/// "fulfilled their agendas: ending the reset, upping sanctions against Russians, pulling out of the treaty": a
/// gerund after a comma (or a comma and a coordinator) in a list of gerunds shares the subject of the list's
/// governing verb, which stands before the list; a party inside an earlier item (an object there) is not its
/// subject.
fn gerund_list_source(a: &Analysis, m: &Match, source_start: usize) -> bool {
    let gerund_at = |k: usize| {
        !a.capitalized.get(k).copied().unwrap_or(true)
            && a.lemmas.get(k).and_then(|l| l.verb).is_some_and(|v| v.is(VerbForm::Gerund))
    };
    let after_comma =
        m.anchor >= 2 && (a.norm(m.anchor - 1) == "," || a.is(m.anchor - 1, CONJ) && a.norm(m.anchor - 2) == ",");
    if source_start >= m.anchor || !after_comma || !gerund_at(m.anchor) {
        return false;
    }
    // The source sits inside an earlier item: a gerund opens the comma segment that holds it.
    (source_start.saturating_sub(GERUND_LIST_REACH)..source_start)
        .rev()
        .take_while(|&k| !matches!(a.norm(k), "," | ":" | ";"))
        .any(gerund_at)
}

/// "X has been eager to withdraw, but General Y said ...": a comma and a clause opener ("but", "while") between
/// the predicate and a later party start another clause, whose parties the predicate does not reach.
fn opens_clause(a: &Analysis, from: usize, target_start: usize) -> bool {
    let l = lists();
    (from..target_start).any(|k| k > 0 && a.norm(k - 1) == "," && l.opener.contains(a.norm(k)))
}

/// "criticised the policy, with Jordan's foreign minister warning of consequences", "objected to Ukraine opening
/// an investigation": a gerund right after a party that follows a preposition has that party as its subject, not
/// the clause's subject.
fn absolute_subject(
    a: &Analysis,
    actors: &[ActorSlot],
    actor_tokens: &[(usize, usize)],
    m: &Match,
    source: usize,
) -> bool {
    let gerund = a.lemmas.get(m.anchor).and_then(|l| l.verb).is_some_and(|v| v.is(VerbForm::Gerund));
    gerund
        && actor_tokens.iter().enumerate().any(|(k, &(s, e))| {
            // A place ("demonstrated in Kirkuk calling for ...") is where, not who.
            k != source
                && actors.get(k).is_some_and(|slot| slot.kind != SlotKind::Place)
                && s >= 1
                && e <= m.anchor
                && m.anchor - e <= 3
                && (a.norm(s - 1) == "with" || a.is(s - 1, PREP))
                && (e..m.anchor).all(|j| a.capitalized[j])
        })
}

/// "efforts to get Ukraine to investigate X", "training the opposition forces, known as ..., to fight Y": the
/// subject of an infinitive after a control verb and its object is that object, not a party before the control
/// verb.
fn controlled_infinitive(a: &Analysis, m: &Match, source_end: usize) -> bool {
    let l = lists();
    if m.kind != MatchKind::Verb || source_end > m.anchor || m.anchor < 2 {
        return false;
    }
    let mut to = m.anchor - 1;
    while to > 0 && a.norm(to).ends_with("ly") {
        to -= 1;
    }
    if a.norm(to) != "to" {
        return false;
    }
    // The control verb needs an object between it and "to".
    (to.saturating_sub(CONTROL_REACH).max(source_end)..to.saturating_sub(1))
        .rev()
        .take_while(|&k| !a.is_boundary(k))
        .any(|k| !a.capitalized[k] && control_verb(&l.control, a, k))
}

/// "asked Ukraine to open an investigation", "want Congress to investigate X", "pressured the president into
/// announcing an inquiry": the act in an infinitive (or an "into" gerund) whose subject is the object of a request
/// verb is only asked for, and it is that object's, not the asker's. CAMEO codes such a sentence on its main verb (the appeal or demand, coded by its own
/// pattern), so the asked-for act is not coded for anyone, whoever role assignment took for its subject.
fn requested_act(a: &Analysis, m: &Match) -> bool {
    let l = lists();
    if m.kind != MatchKind::Verb || m.anchor < 3 {
        return false;
    }
    let mut to = m.anchor - 1;
    while to > 0 && a.norm(to).ends_with("ly") {
        to -= 1;
    }
    let gerund = a.lemmas[m.anchor].verb.is_some_and(|v| v.is(VerbForm::Gerund));
    if !(a.norm(to) == "to" || a.norm(to) == "into" && gerund) || to < 2 {
        return false;
    }
    // The object: at least one word between the request verb and "to" that is not an adverb.
    let object_between = |k: usize| (k + 1..to).any(|j| !a.norm(j).ends_with("ly") && !a.is_punct(j));
    (to.saturating_sub(REQUEST_REACH)..to - 1)
        .rev()
        .take_while(|&k| !a.is_boundary(k) && a.norm(k) != "," && !a.is(k, RELPRO | SUB))
        .any(|k| !a.capitalized[k] && control_verb(&l.request, a, k) && object_between(k))
}

/// "two soldiers were killed in a helicopter crash", "died in a fire": an armed predicate (roots 18-20) whose
/// cause a following "in" phrase names as an accident (`accident` in the data file) is no attack by anyone, so
/// neither a named party nor the place it happened in is its source.
fn accidental(a: &Analysis, m: &Match) -> bool {
    let l = lists();
    if !matches!(crate::Codebook::builtin().root(m.code), Some("18" | "19" | "20")) {
        return false;
    }
    let from = m.end.max(m.anchor + 1);
    let mut saw_in = false;
    (from..(from + ACCIDENT_REACH).min(a.len())).take_while(|&k| !a.is_boundary(k) && a.norm(k) != ",").any(|k| {
        saw_in |= a.norm(k) == "in";
        saw_in && l.accident.contains(a.lemmas[k].noun.unwrap_or(a.norm(k)))
    })
}

/// "arrested X for spying on Y", "was jailed in Z for collaborating with Y", "thanked X for supporting Y": a gerund
/// after "for" that gives the reason for a punishment or a reward (`reason` in the data file) is the act of the
/// one punished or rewarded. That is the verb's object, or in the passive its subject, so the gerund is coded
/// only for one of those ("X was jailed for spying on Y", "condemned X for shelling Y"), never for the one who
/// punishes or the place it happened in.
fn reason_of_patient(a: &Analysis, m: &Match, source_start: usize) -> bool {
    let l = lists();
    if m.kind != MatchKind::Verb || !m.gerund || m.anchor < 2 || a.norm(m.anchor - 1) != "for" {
        return false;
    }
    let Some(verb) = (m.anchor.saturating_sub(REASON_REACH)..m.anchor - 1)
        .rev()
        .take_while(|&k| !a.is_boundary(k) && a.norm(k) != ",")
        .find(|&k| !a.capitalized[k] && control_verb(&l.reason, a, k))
    else {
        return false;
    };
    let passive = (verb.saturating_sub(3)..verb)
        .any(|k| matches!(a.norm(k), "was" | "were" | "is" | "are" | "be" | "been" | "being"));
    // The active verb's object ("condemned X for shelling"): right after the verb, not in a place phrase.
    let object = !passive
        && source_start > verb
        && source_start < m.anchor
        && !matches!(a.norm(source_start - 1), "in" | "at" | "near" | "from");
    !(passive && source_start < verb || object)
}

/// Whether the "for" at token `k` may open a "for X to V" clause: after a noun ("an agreement for", "the way
/// for") or a request verb ("called for", "pressed for"), not after another verb, whose "for" names a destination
/// or a span ("left for Cuba to attend", "waited for hours to attack": the infinitive is the subject's purpose).
pub(crate) fn for_opens_clause(a: &Analysis, k: usize) -> bool {
    let Some(prev) = k.checked_sub(1) else { return false };
    let lemma = a.lemmas[prev];
    let verb_only = lemma.noun.is_none() && lemma.verb.is_some_and(|v| !v.is(VerbForm::Base));
    !a.is_punct(prev) && (!verb_only || control_verb(&lists().request, a, prev))
}

/// "... the tax returns, recession, and now Ukraine — seasoned with ...": a name among comma-separated items
/// that name no party (no actor, no people noun, no verb) is one thing in an enumeration (a headline list, a
/// ticker, a run-on list of grievances), not the subject of a predicate outside the list. A list of parties
/// ("Iran, Russia and Syria") or of clauses ("X attacked, Y retreated and Z won") is not one. Only sources are
/// checked: after a predicate, a name among things is still its object ("imposed tariffs on steel, cars and X").
fn listed_among_things(a: &Analysis, actor_tokens: &[(usize, usize)], k: usize) -> bool {
    let l = lists();
    let Some(&(start, end)) = actor_tokens.get(k) else { return false };
    if end <= start {
        return false;
    }
    let linker =
        |j: usize| a.norm(j) == "," || a.is(j, CONJ) || matches!(a.norm(j), "now" | "even" | "finally" | "then");
    let thing_item = |from: usize, to: usize| {
        // After a determiner the item is a noun phrase ("the tax returns") whatever verb readings its words have.
        let noun_phrase = a.is(from, DET) && a.norm(from) != "that";
        to > from
            && to - from <= 5
            && (from..to).all(|j| {
                let w = a.norm(j);
                let people = l.agent.contains(w)
                    || l.agent.contains(w.trim_end_matches('s'))
                    || w.strip_suffix("ies").is_some_and(|stem| l.agent.contains(format!("{stem}y").as_str()));
                // A word that may be a noun ("talks") is one here; only a verb-only form is a clause's.
                let verb =
                    !noun_phrase && a.lemmas[j].verb.is_some() && a.lemmas[j].noun.is_none() && !a.capitalized[j];
                !a.is_punct(j)
                    && !people
                    && !verb
                    && !a.is(j, RELPRO | SUB | MODAL)
                    && !actor_tokens.iter().any(|&(s, e)| e > s && s <= j && j < e)
            })
    };
    let mut items = 0;
    // Items before the name: each runs back from its separator (a comma or a coordinator) to the one before.
    let mut j = start;
    while items < THING_ITEMS {
        let mut sep = j;
        while sep > 0 && linker(sep - 1) {
            sep -= 1;
        }
        if !(sep..j).any(|t| a.norm(t) == "," || a.is(t, CONJ)) {
            break;
        }
        // The first item starts after the preposition that governs the list ("tires of the strikes, ...").
        let from =
            (0..sep).rev().find(|&t| a.norm(t) == "," || a.is_boundary(t) || a.is(t, CONJ | PREP)).map_or(0, |t| t + 1);
        if !thing_item(from, sep) {
            break;
        }
        items += 1;
        j = from;
    }
    // Items after the name: each runs from a comma to the next comma or coordinator.
    let mut j = end;
    while items < THING_ITEMS && j < a.len() && a.norm(j) == "," {
        let from = j + 1;
        let to = (from..a.len()).find(|&t| a.norm(t) == "," || a.is_punct(t) || a.is(t, CONJ)).unwrap_or(a.len());
        if !thing_item(from, to) {
            break;
        }
        items += 1;
        j = to;
    }
    items >= THING_ITEMS
}

/// Whether token `k` is a form of a verb in `verbs`: by its verb reading, or, for a verb the lemma table does not
/// know ("forced", "persuading"), by its regular inflections.
fn control_verb(verbs: &HashSet<&'static str>, a: &Analysis, k: usize) -> bool {
    if a.lemmas[k].verb.is_some_and(|v| verbs.contains(v.base)) {
        return true;
    }
    let w = a.norm(k);
    let stems = [w.strip_suffix("ed"), w.strip_suffix('d'), w.strip_suffix("es"), w.strip_suffix('s')];
    let ing = w.strip_suffix("ing");
    verbs.contains(w)
        || stems.into_iter().flatten().any(|s| verbs.contains(s))
        || ing.is_some_and(|s| verbs.contains(s) || verbs.iter().any(|v| v.strip_suffix('e') == Some(s)))
}

/// "US Chinook helicopter shot down and destroyed": a name that modifies a thing (a lower-case head that names no
/// people) right before a bare past form with no object after it is the owner of what the passive participle
/// reports on, not an agent.
fn thing_subject(a: &Analysis, actor_tokens: &[(usize, usize)], m: &Match, source: usize) -> bool {
    let l = lists();
    let (_, s_end) = actor_tokens[source];
    if m.kind != MatchKind::Verb || m.passive || s_end >= m.anchor || m.anchor - s_end > 3 {
        return false;
    }
    let Some(v) = a.lemmas.get(m.anchor).and_then(|l| l.verb) else { return false };
    if !v.is(VerbForm::Past) {
        return false;
    }
    let words = (s_end..m.anchor).all(|k| {
        // A noun with a verb reading ("drone", "jets") may stand here; a past or -ing form is a verb.
        let verb_form = a.lemmas[k]
            .verb
            .is_some_and(|v| v.is(VerbForm::Past) || v.is(VerbForm::Participle) || v.is(VerbForm::Gerund));
        let aux = a.lemmas[k].verb.is_some_and(|v| matches!(v.base, "be" | "have" | "do"));
        !a.is_punct(k) && a.function[k] == 0 && !verb_form && !aux && !is_aux(a.norm(k))
    });
    let head = m.anchor - 1;
    let head_word = a.norm(head);
    let people = l.agent.contains(head_word)
        || l.agent.contains(head_word.trim_end_matches('s'))
        || a.lemmas[head].noun.is_some_and(|n| l.agent.contains(n));
    if !words || a.capitalized[head] || people {
        return false;
    }
    // The participle has no object: nothing but a particle, then punctuation, a coordinator or a preposition.
    if m.object.is_some() {
        return false;
    }
    let mut k = m.anchor + 1;
    if k < a.len() && matches!(a.norm(k), "down" | "up" | "out" | "off") {
        k += 1;
    }
    k >= a.len() || a.is_punct(k) || a.is(k, CONJ) || a.is(k, PREP) && !matches!(a.norm(k), "by")
}

/// "withheld US military aid to Ukraine": a nationality or country name between the verb and its object noun
/// says whose the object is; it is not the one the act is aimed at.
fn object_modifier(
    a: &Analysis,
    actors: &[ActorSlot],
    actor_tokens: &[(usize, usize)],
    m: &Match,
    target: usize,
) -> bool {
    let (t_start, t_end) = actor_tokens[target];
    let Some(o) = m.object.filter(|&o| o >= t_end && o - t_end <= 2) else { return false };
    // Only with another party after the object, introduced by a preposition ("aid to Ukraine"): without one the
    // name may be an indirect object ("granting Hong Kong autonomy").
    let recipient = actor_tokens
        .iter()
        .enumerate()
        .any(|(k, &(s, _))| k != target && s > o && s <= o + OBJECT_REACH && (o..s).any(|j| a.is(j, PREP)));
    // "US military aid": a state organ's name on the object says whose it is just as well; a people noun as the
    // object ("expelled US diplomats to ...") keeps the name as the one acted on.
    let l = lists();
    let people = |k: usize| {
        let w = a.norm(k);
        l.agent.contains(w) || l.agent.contains(w.trim_end_matches('s'))
    };
    let modifier = (t_end..=o).all(|k| !a.capitalized[k] && !a.is_punct(k) && a.function[k] == 0 && !people(k));
    m.kind == MatchKind::Verb
        && t_start > m.anchor
        && recipient
        && m.prep.is_none_or(|p| p > t_start)
        && (modifier || modifies_thing(a, actors, actor_tokens, target, Strictness::Target))
}

/// "expressing \"absolute support\" to X", "pledged full support": the predicate is the object of a verb of
/// expression a few words before it (past quotes and adjectives).
fn expressed(a: &Analysis, anchor: usize) -> bool {
    let l = lists();
    (anchor.saturating_sub(4)..anchor)
        .rev()
        .take_while(|&k| !a.is_boundary(k) && a.norm(k) != ",")
        .any(|k| a.lemmas[k].verb.is_some_and(|v| l.express.contains(v.base)) || l.express.contains(a.norm(k)))
}

/// "going to the (UN) General Assembly": a name in brackets right after a determiner or preposition qualifies the
/// noun after it; it is no party (unlike the acronym after a full name: "the World Food Program (WFP)").
fn bracketed_modifier(a: &Analysis, start: usize, end: usize) -> bool {
    start >= 2 && a.norm(start - 1) == "(" && a.norm(end) == ")" && a.is(start - 2, DET | PREP)
}

/// "killing hired Russian thugs in Syria, pulling out of ...", "considers the US biased and has rejected ...": a
/// slot right after a transitive verb (past determiners and modifiers) is that verb's object, not the subject of
/// a predicate after it. A report verb ("said Iran would ...") and the verbs "be" and "have" take no object.
fn object_of_verb(a: &Analysis, start: usize) -> bool {
    let mut k = start;
    for _ in 0..3 {
        let Some(j) = k.checked_sub(1) else { return false };
        k = j;
        if a.is(k, DET) || a.norm(k).ends_with("ly") {
            continue;
        }
        return a.lemmas[k].verb.is_some_and(|v| {
            !matches!(v.base, "be" | "have" | "do" | "get")
                && !a.report_cues.contains(&k)
                && (v.is(VerbForm::Past)
                    || v.is(VerbForm::ThirdPerson)
                    || v.is(VerbForm::Gerund)
                    || v.is(VerbForm::Base))
                && !a.is(k, PREP | MODAL)
        });
    }
    false
}

/// "oppose it, including calling for a UN debate", "denied that X ...", "warned that X ...": a target after an
/// object pronoun, or inside a "that" clause right after the verb, is not the verb's object. `that_opens_clause`
/// is false only for a demand or accusation verb ("demanded that X withdraw" does target X).
fn complement_target(a: &Analysis, m: &Match, target_start: usize, that_opens_clause: bool) -> bool {
    if target_start <= m.anchor || m.prep.is_some_and(|p| p < target_start && p > m.anchor) && m.object.is_none() {
        return false;
    }
    let mut k = m.end.max(m.anchor + 1);
    while k < target_start && (a.norm(k).ends_with("ly") || a.norm(k) == "also") {
        k += 1;
    }
    k < target_start
        && matches!(a.norm(k), "that" | "it" | "them" | "him" | "this" | "these" | "those")
        && (a.norm(k) != "that" || that_opens_clause)
}

/// Whether the source slot (or a list ending in a slot) stands right before the verb, past auxiliaries, adverbs,
/// time expressions, "to", a relative pronoun and negation; a pronoun, a people noun ("officials from X
/// offered") or the "and" of coordinated verbs there also counts, as role assignment has already tied it to the
/// source. A cue phrase ("refusal to accept", "vowed to back") may stand in between too.
fn subject_before(
    a: &Analysis,
    actor_tokens: &[(usize, usize)],
    time_tokens: &[(usize, usize)],
    m: &Match,
    source: usize,
) -> bool {
    let l = lists();
    let cued = m.refused || m.intent || m.agreed || m.failed || m.prepared || m.future || m.negated;
    let reach = if cued { SUBJECT_REACH + 4 } else { SUBJECT_REACH };
    let mut j = m.anchor;
    for _ in 0..reach {
        let Some(k) = j.checked_sub(1) else { return false };
        j = k;
        let w = a.norm(j);
        let ends_slot = |s: usize| actor_tokens[s].1 == j + 1 && actor_tokens[s].1 > actor_tokens[s].0;
        if let Some(slot) = (0..actor_tokens.len()).find(|&s| ends_slot(s)) {
            if slot == source {
                return true;
            }
            // "X urged the EU to support Y": the one urged is the object of the verb before it, so look on past the
            // object to the verb's subject. (A requested act itself is dropped by `requested_act`; this reading is
            // for a control verb whose infinitive is the subject's own, "trained X to ...".)
            if slot_is_object(a, actor_tokens, slot) {
                j = actor_tokens[slot].0;
                continue;
            }
            // "Iran, Russia and Syria have been pressuring": the list's last item stands before the verb.
            // "Modi and the visiting Kishida toured": past determiners and modifiers once a coordinator joins them.
            let (s_end, found_start) = (actor_tokens[source].1, actor_tokens[slot].0);
            let joined = (s_end..found_start).any(|t| a.is(t, CONJ));
            return s_end <= found_start
                && (s_end..found_start).all(|t| {
                    matches!(a.norm(t), "," | "(" | ")")
                        || a.is(t, CONJ)
                        || actor_tokens.iter().any(|&(s, e)| s <= t && t < e)
                        || joined && (a.is(t, DET) || !a.capitalized[t] && !a.is_punct(t))
                });
        }
        if matches!(w, "he" | "she" | "they" | "we" | "it" | "i" | "you" | "and") {
            return true;
        }
        let noun = a.lemmas[j].noun.unwrap_or(w);
        if l.agent.contains(noun) || l.agent.contains(w.trim_end_matches('s')) {
            return true;
        }
        // "UN peacekeepers will arrive": the head noun of a subject the source slot modifies.
        if j > 0 && actor_tokens[source].1 == j && !a.capitalized[j] && !a.is_punct(j) && a.function[j] == 0 {
            return true;
        }
        // "accused X of supporting Y", "blamed X for attacking Y": the one accused is the gerund's subject.
        if m.gerund && j + 1 == m.anchor && matches!(w, "of" | "for") {
            continue;
        }
        let in_time = time_tokens.iter().any(|&(s, e)| s <= j && j < e);
        let skip = in_time
            || l.bridge.contains(w)
            || matches!(w, "to" | "," | "not" | "n't" | ")" | "(" | "\"" | "\u{201c}" | "\u{201d}")
            || w.ends_with("ly")
            || a.is(j, MODAL | RELPRO)
            || a.lemmas[j].verb.is_some() && !a.capitalized[j]
            || cued && !a.capitalized[j];
        if !skip {
            return false;
        }
    }
    false
}

/// Whether slot `slot` stands right after a transitive verb (its object) and right before "to" (the subject of
/// an infinitive that verb asks for).
fn slot_is_object(a: &Analysis, actor_tokens: &[(usize, usize)], slot: usize) -> bool {
    let (start, end) = actor_tokens[slot];
    a.norm(end) == "to" && object_of_verb(a, start)
}

/// How many words after a name make it a modifier of a thing.
#[derive(Clone, Copy)]
enum Strictness {
    /// The target of an everyday verb: any one word ("offers German cars").
    Target,
    /// The source of an everyday verb: one singular word or two words (a single plural word after a name may be a
    /// verb: "Iran wants").
    Source,
    /// Any other source: two words with a singular head ("British documentary photography").
    Loose,
}

/// Whether slot `k` is a bare country name or nationality adjective that modifies a following thing ("British
/// documentary photography", "Hong Kong action movies"), not an actor. The words after it (up to three lower-case
/// words that cannot be a finite verb: no verb reading, not an irregular past, not an auxiliary) are read as a
/// noun phrase; a people noun among them ("American colonists", "Irish nationalist guerrillas") keeps the actor.
/// How much it takes is [`Strictness`].
fn modifies_thing(
    a: &Analysis,
    actors: &[ActorSlot],
    actor_tokens: &[(usize, usize)],
    k: usize,
    strictness: Strictness,
) -> bool {
    let l = lists();
    let Some(slot) = actors.get(k) else { return false };
    if !matches!(slot.kind, SlotKind::Country | SlotKind::Group | SlotKind::Place)
        || slot.code.as_deref().is_some_and(|c| c.len() > 3)
    {
        return false;
    }
    let Some(&(s, e)) = actor_tokens.get(k) else { return false };
    if e <= s {
        return false;
    }
    let mut run: Vec<&str> = Vec::new();
    let mut j = e;
    while j < a.len() && run.len() < 3 {
        let w = a.norm(j);
        let word = w.len() > 2 && w.chars().all(|c| c.is_ascii_lowercase() || c == '-');
        let verb = a.lemmas[j].verb.is_some() || PAST_VERBS.contains(w) || w.ends_with("ed") && run.is_empty();
        let function = a.function[j] != 0 || a.capitalized[j] || is_aux(w);
        if !word || verb || function {
            break;
        }
        run.push(w);
        j += 1;
    }
    let Some(&head) = run.last() else { return false };
    let agent = |w: &str| l.agent.contains(w) || l.agent.contains(w.trim_end_matches('s'));
    if run.iter().any(|w| agent(w) || a.lemmas.get(e).and_then(|l| l.noun).is_some_and(|n| l.agent.contains(n))) {
        return false;
    }
    match strictness {
        Strictness::Target => true,
        Strictness::Source => run.len() >= 2 || !head.ends_with('s'),
        Strictness::Loose => run.len() >= 2 && !head.ends_with('s'),
    }
}

fn is_aux(w: &str) -> bool {
    matches!(
        w,
        "can"
            | "could"
            | "may"
            | "might"
            | "must"
            | "shall"
            | "should"
            | "will"
            | "would"
            | "did"
            | "had"
            | "has"
            | "not"
            | "also"
            | "too"
            | "and"
            | "or"
            | "but"
            | "who"
            | "which"
            | "that"
            | "then"
            | "now"
            | "today"
            | "yesterday"
            | "tonight"
            | "again"
            | "alone"
            | "last"
            | "first"
            | "once"
            | "never"
            | "always"
            | "already"
            | "soon"
            | "later"
            | "even"
            | "only"
            | "just"
            | "instead"
            | "however"
            | "meanwhile"
            | "together"
            | "itself"
            | "all"
            | "both"
            | "each"
            | "thus"
            | "therefore"
            | "still"
            | "two"
            | "three"
            | "four"
            | "five"
            | "six"
            | "seven"
            | "eight"
            | "nine"
            | "ten"
            | "dozen"
            | "dozens"
            | "hundred"
            | "hundreds"
            | "thousand"
            | "thousands"
            | "million"
            | "millions"
            | "billion"
            | "next"
            | "this"
            | "week"
            | "month"
            | "year"
            | "ago"
            | "earlier"
            | "here"
            | "there"
            | "yet"
            | "via"
    ) || w.ends_with("ly")
}
