//! Finding predicates: verb patterns, nominal events and standing-relation cues in one tokenised sentence.
//!
//! Every token is looked up once in the lemma table; each dictionary is a hash index from an anchor lemma (the
//! verb, or a phrase's first word) to its patterns, so a sentence costs one probe per token plus a short
//! windowed check of each candidate pattern's object and preposition.

use crate::analysis::Analysis;
use crate::dict::{Dictionaries, LoadedUse};
use crate::lexicon::{DET, MODAL, PREP};
use crate::patterns::{CueKind, NominalPattern, Phrase, VerbPattern};
use crate::reading::Reading;
use dyad_text::{Tokens, VerbForm};
use serde::Serialize;

/// How far after the verb (in tokens) objects and prepositions are looked for.
const OBJECT_WINDOW: usize = 8;
/// How far before the predicate (in tokens) negation, intent and future cues are looked for.
const CUE_WINDOW: usize = 6;

/// The pattern id of a predicate found from an obligation cue alone ("must", "should").
pub(crate) const OBLIGATION_PATTERN: &str = "event_cues:obligation";

/// What kind of pattern matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchKind {
    /// A verb pattern (`data/verbs.tsv`).
    Verb,
    /// A nominal event (`data/nominal_events.tsv`).
    Nominal,
    /// A standing-relation cue (`data/relations.tsv`): not an event.
    Relation,
}

/// One predicate found in a sentence. Token indices refer to the sentence's [`Tokens`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Match {
    /// Verb, nominal or relation.
    pub kind: MatchKind,
    /// The pattern id, prefixed by its file: `verbs:meet|with|-`, `nominal:meeting`, `relations:maintain|with|tie`.
    pub pattern: &'static str,
    /// The CAMEO code as done (for relations: the relation kind).
    pub code: &'static str,
    /// Symmetric action.
    pub symmetric: bool,
    /// Nominal only: an action of the clause's subject even without a preposition.
    pub subject_action: bool,
    /// The verb, or the phrase's first token.
    pub anchor: usize,
    /// One past the last token of the match (verb, object and preposition, or phrase).
    pub end: usize,
    /// The matched preposition's token, if any.
    pub prep: Option<usize>,
    /// The matched object's first token, if any.
    pub object: Option<usize>,
    /// Passive voice ("were established", "was attacked by").
    pub passive: bool,
    /// The predicate is a gerund ("meeting", "sending").
    pub gerund: bool,
    /// A negation cue precedes it.
    pub negated: bool,
    /// An intent cue precedes it ("vowed to", "willing to").
    pub intent: bool,
    /// A future cue precedes it ("will", "is expected to").
    pub future: bool,
    /// A refusal cue precedes it ("refused to", "declined to").
    pub refused: bool,
    /// A failure cue precedes it ("failed to").
    pub failed: bool,
    /// An agreement cue precedes it ("agreed to"): promised, and mutual for a coordinated subject.
    pub agreed: bool,
    /// An obligation cue precedes it ("must", "should").
    pub obliged: bool,
    /// A condition cue follows it in the sentence ("unless").
    pub conditional: bool,
    /// A preparation cue precedes it ("prepared to").
    pub prepared: bool,
    /// An attempt cue precedes it ("tried to", "attempted to"): coded as the act, flagged as tried.
    pub attempted: bool,
    /// The act is alleged: the complement of an accusation, condemnation or denial ("accused X of violating").
    pub alleged: bool,
    /// The party after the preposition is the source ("received loans from X"; `rev` in verbs.tsv).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub reversed: bool,
    /// A threat cue precedes it ("threatened to"): an intent whose code is always a threat (root 13).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub threatened: bool,
}

impl Match {
    /// A match of `pattern` over tokens `anchor..end` with no preposition, object or cue yet: the finders fill in
    /// what they saw.
    fn new(kind: MatchKind, pattern: &'static str, code: &'static str, anchor: usize, end: usize) -> Match {
        Match {
            kind,
            pattern,
            code,
            symmetric: false,
            subject_action: false,
            anchor,
            end,
            prep: None,
            object: None,
            passive: false,
            gerund: false,
            negated: false,
            intent: false,
            future: false,
            refused: false,
            failed: false,
            agreed: false,
            obliged: false,
            conditional: false,
            prepared: false,
            attempted: false,
            alleged: false,
            reversed: false,
            threatened: false,
        }
    }
}

/// Finds every verb, nominal and relation match in a sentence, already filtered: one match per anchor, nominals
/// swallowed by a verb's object dropped, events overlapping a standing-relation cue dropped.
pub fn find_matches(tokens: &Tokens) -> (Analysis<'_>, Vec<Match>) {
    find_matches_in(Dictionaries::builtin(), tokens)
}

/// Like [`find_matches`], against `dict` (e.g. [`Dictionaries::with_petrarch_verbs`], leaked for the process).
pub fn find_matches_in<'t>(dict: &'static Dictionaries, tokens: &'t Tokens) -> (Analysis<'t>, Vec<Match>) {
    let a = Analysis::new_in(dict, tokens);
    let matches = find_in(&a);
    (a, matches)
}

pub(crate) fn find_in(a: &Analysis) -> Vec<Match> {
    let (mut out, relations) = match_tokens(a);
    drop_parts_of_matches(&mut out, &relations);
    // Predicates that govern another matched predicate and are kept whatever the rules below say of complements.
    let (governing, alleged) = governing_predicates(a, &mut out);
    specify_by_content(a, &mut out);
    drop_complements(a, &mut out, &governing);
    drop_conditions(a, &mut out);
    // A gerund or participle both matched as verb and nominal keeps the verb reading.
    let mut seen = rustc_hash::FxHashSet::default();
    out.retain(|m| seen.insert(m.anchor));
    // "Russia said Sudan must return ...": an obligation is a predicate of its own (a demand, when a report verb
    // governs it), whether or not the dictionary knows the obliged action.
    for &k in &a.obligation_cues {
        if !seen.contains(&k) {
            out.push(Match { obliged: true, ..Match::new(MatchKind::Verb, OBLIGATION_PATTERN, "100", k, k + 1) });
        }
    }
    for m in out.iter_mut() {
        modifiers(a, m, a.dict);
        m.alleged = alleged.contains(&m.anchor);
    }
    out.extend(relations);
    out.sort_by_key(|m| (m.anchor, m.kind as u8));
    out
}

/// Every token's best verb, nominal and relation match (events, then standing relations).
fn match_tokens(a: &Analysis) -> (Vec<Match>, Vec<Match>) {
    let dict = a.dict;
    let mut out: Vec<Match> = Vec::new();
    let mut relations: Vec<Match> = Vec::new();
    for i in 0..a.len() {
        let l = a.lemmas[i];
        // A word that reads as a noun here ("the attack on", "medical supplies") anchors no verb pattern.
        let noun_here = l.verb.is_none_or(|_| a.reading(i) == Reading::Noun);
        if let Some(v) = l.verb
            && !noun_here
        {
            // "backs down", "back away from": a verb with a particle of retreat states no support.
            if let Some(ids) = dict.relation_verb_index.get(v.base)
                && !perfect_auxiliary(a, i)
                && !matches!(a.norm(i + 1), "down" | "away" | "off" | "out")
                && let Some(m) = best_verb(a, i, ids.iter().map(|&k| &dict.relation_verbs[k]), MatchKind::Relation)
            {
                relations.push(m);
            }
            let builtin = || {
                let ids = dict.verb_index.get(v.base)?;
                best_verb(a, i, ids.iter().map(|&k| &dict.verbs[k]), MatchKind::Verb)
            };
            if !dict.has_loaded() {
                out.extend(builtin());
            } else if dict.loaded_use == LoadedUse::WhereBuiltinMatchesNothing
                && let Some(m) = builtin()
            {
                out.push(m);
            } else {
                // Loaded patterns were written for parsed text: they fire only where the word reads as a verb.
                let ids = loaded_candidates(a, i, v.base, a.reading(i));
                if let Some(m) = best_verb(a, i, ids.iter().map(|&k| &dict.verbs[k]), MatchKind::Verb) {
                    out.push(m);
                }
            }
        }
        let key = l.noun.unwrap_or_else(|| a.norm(i));
        let key = if l.noun.is_none() { l.verb.map_or(key, |v| v.base) } else { key };
        if (noun_here || l.verb.is_none()) || l.noun.is_some() && !out.iter().any(|m| m.anchor == i) {
            for (index, kind, pats) in [
                (&dict.relation_nominal_index, MatchKind::Relation, &dict.relation_nominals),
                (&dict.nominal_index, MatchKind::Nominal, &dict.nominals),
            ] {
                let ids = index.get(key).or_else(|| index.get(a.norm(i)));
                if let Some(ids) = ids
                    && let Some(m) = best_nominal(a, i, ids.iter().map(|&k| &pats[k]), kind)
                {
                    if kind == MatchKind::Relation { relations.push(m) } else { out.push(m) }
                }
            }
        }
    }
    (out, relations)
}

/// Drops a nominal inside a verb's object or a longer nominal, and an event overlapping a standing relation.
fn drop_parts_of_matches(out: &mut Vec<Match>, relations: &[Match]) {
    // A nominal inside a verb's object ("held talks") or inside a longer nominal is part of that match.
    let verbs: Vec<(usize, usize, Option<usize>)> =
        out.iter().filter(|m| m.kind == MatchKind::Verb).map(|m| (m.anchor, m.end, m.object)).collect();
    let nominals: Vec<(usize, usize)> =
        out.iter().filter(|m| m.kind == MatchKind::Nominal).map(|m| (m.anchor, m.end)).collect();
    out.retain(|m| {
        if m.kind != MatchKind::Nominal {
            return true;
        }
        let in_object = verbs.iter().any(|&(_, end, obj)| obj.is_some_and(|o| o <= m.anchor && m.anchor < end));
        let in_longer = nominals.iter().any(|&(s, e)| s <= m.anchor && m.end <= e && (s, e) != (m.anchor, m.end));
        !in_object && !in_longer
    });
    // Events overlapping a standing relation are the relation ("maintains close ties with").
    out.retain(|m| !relations.iter().any(|r| r.anchor <= m.anchor && m.anchor < r.end.max(r.anchor + 1)));
}

/// How far after an appeal, demand or offer (in tokens) the act it is about may start.
const CONTENT_REACH: usize = 8;

/// "asked China to increase investment", "demanded that Latvia lift its travel ban", "promised Egypt a loan": an
/// appeal, a demand or an intent coded only by its root's unspecified code (020, 100, 030, or a three-digit
/// "not specified below" code such as 023) takes the codebook's specific code from the act it is about, the first
/// predicate after it in its clause. CAMEO's appeal (02), intent (03) and demand (10) codes run in parallel and
/// the act's intent counterpart (`data/cameo.tsv`) names the branch: investment (061) → 0311 → 0211, 0311, 1011;
/// lifting a ban (081) → 0351 → 0251, 0351, 1051; mediating (045) → 039 → 028 (appeal for mediation), 108. Only a
/// more specific code under the predicate's own is taken; hostile acts (an intent counterpart in root 13) change
/// nothing.
fn specify_by_content(a: &Analysis, out: &mut [Match]) {
    let book = crate::codebook::Codebook::builtin();
    let generic = |code: &str| matches!(code.get(..2), Some("02" | "03" | "10")) && code.len() == 3;
    if !out.iter().any(|m| m.kind == MatchKind::Verb && generic(m.code)) {
        return;
    }
    let refined: Vec<Option<&'static str>> = out
        .iter()
        .map(|m| {
            if m.kind != MatchKind::Verb || !generic(m.code) {
                return None;
            }
            let last = (m.anchor + CONTENT_REACH).min(a.len());
            let stop = (m.anchor + 1..last).find(|&k| a.is_boundary(k)).unwrap_or(last);
            let content = out
                .iter()
                .filter(|c| c.kind != MatchKind::Relation)
                .find(|c| c.anchor >= m.end.max(m.anchor + 1) && c.anchor < stop)?;
            // "020" covers every 02x; "023" only 023x.
            let own = m.code.strip_suffix('0').unwrap_or(m.code);
            book.branch_for(&m.code[..2], content.code).filter(|c| c.starts_with(own) && *c != m.code)
        })
        .collect();
    for (m, code) in out.iter_mut().zip(refined) {
        if let Some(code) = code {
            m.code = code;
        }
    }
}

/// Drops a verb whose infinitive complement or object is itself a matched predicate, and a nominal right after an
/// event verb (its object), unless the verb governs another predicate (`governing`).
fn drop_complements(a: &Analysis, out: &mut Vec<Match>, governing: &[usize]) {
    // "vowed to attack", "threatened to attack": a verb of promising or threatening whose complement is itself a
    // predicate says only that the complement is intended, which the complement's intent cue records.
    let anchors: Vec<usize> = out.iter().map(|m| m.anchor).collect();
    out.retain(|m| {
        let complement = anchors.iter().copied().find(|&k| k >= m.anchor + 2 && k <= m.anchor + 4);
        let governs = a.norm(m.anchor + 1) == "to" && complement.is_some();
        governing.contains(&m.anchor)
            || !(m.kind == MatchKind::Verb && governs && (m.object.is_none() || m.object == complement))
    });
    // "reaffirmed ... willing to support X": an "object" that is itself a matched verb is a complement. A request
    // or demand (roots 02, 10: "urged X to release ...", "demanded that X release ...", a row whose object is the
    // act asked for) is the reverse: the request is the event, coded by what it asks for, and the act only asked
    // for is not (CAMEO codes the appeal or demand, never the act).
    let verb_anchors: Vec<usize> = out.iter().filter(|m| m.kind == MatchKind::Verb).map(|m| m.anchor).collect();
    let speech = |code: &str| code.starts_with("02") || code.starts_with("10");
    // A demand's object that is itself a demand ("issued a declaration demanding") is the same speech act.
    let act_at = |o: usize| out.iter().any(|c| c.kind == MatchKind::Verb && c.anchor == o && !speech(c.code));
    let request = |m: &Match| {
        m.kind == MatchKind::Verb
            && (m.code.starts_with("02") || m.code.starts_with("10") && m.object.is_some_and(act_at))
    };
    let asked_for: Vec<usize> =
        out.iter().filter(|m| request(m)).filter_map(|m| m.object.filter(|o| verb_anchors.contains(o))).collect();
    let requests: Vec<usize> = out.iter().filter(|m| request(m)).map(|m| m.anchor).collect();
    out.retain(|m| {
        if m.kind == MatchKind::Verb && asked_for.contains(&m.anchor) {
            return false;
        }
        governing.contains(&m.anchor)
            || requests.contains(&m.anchor)
            || !(m.kind == MatchKind::Verb && m.object.is_some_and(|o| verb_anchors.contains(&o)))
    });
    // "hosted a summit with X": a nominal right after an event verb is that verb's object.
    let verb_anchors: Vec<usize> = out.iter().filter(|m| m.kind == MatchKind::Verb).map(|m| m.anchor).collect();
    out.retain(|m| {
        m.kind != MatchKind::Nominal
            || !verb_anchors.iter().any(|&v| {
                v < m.anchor
                    && m.anchor - v <= 3
                    && (v + 1..m.anchor)
                        .all(|k| a.is(k, DET) || a.lemmas[k].verb.is_none() && !a.is_punct(k) && !a.is(k, PREP))
            })
    });
}

/// "... unless the president agrees to step down", "if war starts": a predicate in a condition is
/// hypothetical, not an event.
fn drop_conditions(a: &Analysis, out: &mut Vec<Match>) {
    out.retain(|m| {
        let mut k = m.anchor;
        while k > 0 {
            k -= 1;
            if a.is_boundary(k) || a.norm(k) == "," {
                return true;
            }
            if matches!(a.norm(k), "unless" | "if") {
                return false;
            }
        }
        true
    });
}

/// Verb predicates whose object or complement is itself a matched predicate, where the governing one is the event
/// (returned with the anchors of the complements that are only alleged):
///
/// - the pattern's own object right after its own preposition is a noun, not an infinitive ("bowed to pressure":
///   "to" is the pattern's preposition, so "pressure" is its object, not a verb), and its verb reading is dropped
///   (a gerund or past form stays a verb);
/// - an allegation verb ("accused X of violating", "blamed X for attacking", "denied attacking",
///   `data/event_cues.tsv`) reports its complement as a charge: the accusation is the event, and the complement
///   stays, flagged as alleged (reported), for the accused as its subject. An accusation of doing an armed act
///   ("of attacking", roots 18-20) is an accusation of aggression (1123), as `data/verbs.tsv` codes "accuse of
///   attack"; a nominal complement keeps the dictionary's code.
fn governing_predicates(a: &Analysis, out: &mut Vec<Match>) -> (Vec<usize>, Vec<usize>) {
    let mut governing = Vec::new();
    let mut alleged = Vec::new();
    if out.len() < 2 {
        return (governing, alleged);
    }
    let mut nouns = Vec::new();
    let mut aggression = Vec::new();
    let mut charges = Vec::new();
    for m in out.iter().filter(|m| m.kind == MatchKind::Verb) {
        let verb_at = |o: usize| out.iter().any(|c| c.anchor == o && c.kind == MatchKind::Verb);
        if let (Some(k), Some(o)) = (m.prep, m.object)
            && o > k
            && a.lemmas[o].verb.is_some_and(|v| !v.is(VerbForm::Gerund) && !v.is(VerbForm::Past))
            && !takes_infinitive(a, m.anchor, k)
            && (k + 1..o).all(|j| a.is(j, DET) || a.lemmas[j].verb.is_none() && !a.is_punct(j))
            && verb_at(o)
        {
            nouns.push(o);
            governing.push(m.anchor);
            continue;
        }
        if a.allegation_verb(m.anchor)
            && let Some(c) = alleged_complement(a, m, out)
        {
            governing.push(m.anchor);
            alleged.push(c.anchor);
            if m.prep.is_some_and(|k| k < c.anchor) {
                charges.push(m.anchor);
            }
            if m.code == "112" && c.kind == MatchKind::Verb && matches!(&c.code.get(..2), Some("18" | "19" | "20")) {
                aggression.push(m.anchor);
            }
        }
    }
    out.retain(|m| !(m.kind == MatchKind::Verb && nouns.contains(&m.anchor)));
    for m in out.iter_mut().filter(|m| aggression.contains(&m.anchor)) {
        m.code = "1123";
    }
    // "accused X of attacking Y": the preposition opens the charge, not a party; the accused is the object.
    for m in out.iter_mut().filter(|m| charges.contains(&m.anchor)) {
        m.prep = None;
    }
    (governing, alleged)
}

/// Whether the verb at `i` and the word at `k` form a cue phrase that takes an infinitive ("agree to", "vow to",
/// "refuse to" in `data/event_cues.tsv`): there "to" marks a verb ("agreed to meet"), elsewhere it is a
/// preposition before a noun ("bowed to pressure").
fn takes_infinitive(a: &Analysis, i: usize, k: usize) -> bool {
    a.dict.cues_starting_with(a.first_words(i)).any(|c| a.phrase_at(i, &a.dict.cues[c].1) == Some(k + 1))
}

/// The predicate an allegation verb at `m` charges: its object when that is a matched predicate ("accused X of
/// attacking", matched as the object "attack"), a gerund right after it ("denied attacking"), or the predicate
/// opening its first "of"/"for" phrase ("accused X of violating", "blamed X for the bombing").
fn alleged_complement<'m>(a: &Analysis, m: &Match, out: &'m [Match]) -> Option<&'m Match> {
    let at = |j: usize| out.iter().find(|c| c.anchor == j && c.anchor != m.anchor && c.kind != MatchKind::Relation);
    if let Some(c) = m.object.and_then(at) {
        return Some(c);
    }
    if let Some(c) = at(m.anchor + 1).filter(|c| c.gerund) {
        return Some(c);
    }
    let to = window_end(a, m.anchor + 1);
    let k = (m.anchor + 1..to).find(|&k| matches!(a.norm(k), "of" | "for"))?;
    let mut j = k + 1;
    while j < to && (a.is(j, DET) || matches!(a.norm(j), "having" | "being" | "allegedly")) {
        j += 1;
    }
    at(j)
}

/// The verb rows worth trying for verb `base` at token `i` when loaded rows exist: the built-in ones, the loaded
/// ones with no object, and the loaded ones whose object can start at a word of the verb's window (or, in the
/// passive, just before the verb), in dictionary order so that ties break as in [`best_verb`].
///
/// Only the built-in rows when the word does not read as a verb there (`reading`, see `reading.rs`): loaded
/// patterns were written for parsed text, where a verb pattern only ever met a verb. Requiring a verb reading
/// for their rows with an object too was measured: letting an open reading through adds more wrong events than
/// right ones.
///
/// A token dyad's own cues read as reporting ("said", "according to") stays a report: dyad codes what is
/// reported, not the act of saying it, and a loaded dictionary does not override that reading.
fn loaded_candidates(a: &Analysis, i: usize, base: &'static str, reading: Reading) -> Vec<usize> {
    let dict = a.dict;
    let mut ids: Vec<usize> = dict.verb_index.get(base).cloned().unwrap_or_default();
    if a.report_cues.contains(&i) || reading != Reading::Verb {
        return ids;
    }
    let bare = dict.loaded_bare_index.get(base).into_iter().flatten();
    ids.extend(bare.filter(|&&k| !dict.skip_loaded_bare || !dict.verbs[k].preps.is_empty()));
    let to = window_end(a, i + 1);
    let before = if passive(a, i) { i.saturating_sub(OBJECT_WINDOW / 2)..i } else { i..i };
    for k in before.chain(i + 1..to) {
        let keys = a.first_words(k);
        for (n, key) in keys.iter().enumerate() {
            let Some(key) = *key else { continue };
            if keys[..n].contains(&Some(key)) {
                continue;
            }
            ids.extend(dict.loaded_object_index.get(&(base, key)).into_iter().flatten());
        }
    }
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// The nominal event starting at token `i` on its own ("talks with X" once "trade" before it is read as part of the
/// compound "trade talks"), with its modifier cues.
pub(crate) fn nominal_at(a: &Analysis, i: usize) -> Option<Match> {
    let dict = a.dict;
    let l = a.lemmas.get(i)?;
    let key = l.noun.unwrap_or_else(|| a.norm(i));
    let ids = dict.nominal_index.get(key).or_else(|| dict.nominal_index.get(a.norm(i)))?;
    let mut m = best_nominal(a, i, ids.iter().map(|&k| &dict.nominals[k]), MatchKind::Nominal)?;
    modifiers(a, &mut m, dict);
    Some(m)
}

/// "has established ties with X": "have" before a participle is the perfect's auxiliary, so the sentence reports
/// the participle's act, not a standing relation ("has close ties with X"). One word with no verb or noun reading
/// ("also", "recently") may stand between them.
fn perfect_auxiliary(a: &Analysis, i: usize) -> bool {
    if a.lemmas[i].verb.is_none_or(|v| v.base != "have") {
        return false;
    }
    let plain = |k: usize| {
        k < a.len()
            && a.lemmas[k].verb.is_none()
            && a.lemmas[k].noun.is_none()
            && !a.is_punct(k)
            && a.function.get(k).is_none_or(|&f| f == 0)
    };
    let j = if plain(i + 1) { i + 2 } else { i + 1 };
    j < a.len() && a.lemmas[j].verb.is_some_and(|v| v.base != "have" && v.is(VerbForm::Participle))
}

fn window_end(a: &Analysis, from: usize) -> usize {
    let limit = (from + OBJECT_WINDOW).min(a.len());
    (from..limit).find(|&k| a.is_boundary(k)).unwrap_or(limit)
}

fn find_phrase(a: &Analysis, from: usize, to: usize, phrases: &[Phrase]) -> Option<(usize, usize)> {
    for k in from..to {
        for p in phrases {
            if let Some(end) = a.phrase_at(k, p)
                && end <= to.max(k + p.len())
            {
                return Some((k, end));
            }
        }
    }
    None
}

/// [`find_phrase`] for phrases sorted by first word (longest first among equals), as loaded dictionaries store
/// them: a loaded pattern may carry hundreds of synonym-set alternatives, so each token's forms are looked up by
/// binary search instead of trying every alternative at every token. The earliest token wins, then the longest.
fn find_sorted_phrase(a: &Analysis, from: usize, to: usize, phrases: &[Phrase]) -> Option<(usize, usize)> {
    for k in from..to {
        let keys = a.first_words(k);
        for (n, key) in keys.iter().enumerate() {
            let Some(key) = *key else { continue };
            if keys[..n].contains(&Some(key)) {
                continue;
            }
            let start = phrases.partition_point(|p| p.first().is_some_and(|w| *w < key));
            for p in phrases[start..].iter().take_while(|p| p.first() == Some(&key)) {
                if let Some(end) = a.phrase_at(k, p) {
                    return Some((k, end));
                }
            }
        }
    }
    None
}

/// The first of `preps` in `from..to` that does not open a time expression ("fired on Monday" has no "on").
fn find_prep(a: &Analysis, from: usize, to: usize, preps: &[&str]) -> Option<usize> {
    (from..to).find(|&k| preps.contains(&a.norm(k)) && !a.temporal_prep(k))
}

/// One past the end of where a `next` preposition may stand after the verb (`from` is the word after it): that
/// word, or the one after a single lower-case word that is no determiner ("headed back to").
fn next_word_end(a: &Analysis, from: usize, to: usize) -> usize {
    let between_ok = from < a.len()
        && !a.is(from, DET)
        && !a.is(from, PREP)
        && !a.is_punct(from)
        && !a.capitalized.get(from).copied().unwrap_or(true);
    (if between_ok { from + 2 } else { from + 1 }).min(to)
}

/// One past where a verb's own object may start, searching from `from` (the second word after the verb or its
/// preposition): up to and including the first preposition that opens a new phrase ("held talks | on the hostage
/// crisis"), which may itself open an object written as a phrase ("put X on trial"). "of" continues a noun
/// phrase ("thousands of troops", "state of emergency"); a word right after the verb is a particle or the
/// pattern's preposition ("put on high alert").
fn object_scope(a: &Analysis, from: usize, to: usize) -> usize {
    (from..to).find(|&k| a.is(k, PREP) && a.norm(k) != "of").map_or(to, |k| k + 1)
}

/// Whether an actor mention starts right after the verb at `i`, past "that", one determiner and one cardinal
/// ("wants Britain to", "insisted that the UAW agree", "freed the two Britons", "freed 30 Palestinians").
fn actor_follows(a: &Analysis, i: usize) -> bool {
    let mut k = i + 1;
    if k < a.len() && a.norm(k) == "that" {
        k += 1;
    }
    if k < a.len() && a.is(k, DET) {
        k += 1;
    }
    if k < a.len() && a.cardinal(k) {
        k += 1;
    }
    (i + 1..=k).any(|j| a.actor_starts_at(j))
}

/// How well a verb row fits, compared lexicographically: object satisfied, object the verb's own (not a word in
/// a later phrase), preposition satisfied, built-in (not loaded), object length, code specificity.
type VerbScore = (u8, u8, u8, u8, usize, u8);

fn best_verb(
    a: &Analysis,
    i: usize,
    pats: impl Iterator<Item = &'static VerbPattern>,
    kind: MatchKind,
) -> Option<Match> {
    let to = window_end(a, i + 1);
    let is_passive = passive(a, i);
    let object_before = is_passive || reduced_passive(a, i);
    let own_scope = object_scope(a, i + 2, to);
    // "rejected X's demands for political reform", "turned down a request from Y for aid": a rejection whose own
    // object is a request noun (`irrealis` in `data/event_precision.tsv`) rejects what the request asks for, so
    // for the rows of a rejected request (122x aid, 123x reform) the rest of the clause, up to twice the window,
    // is the verb's own object.
    let irrealis = &crate::lexicon::lists().irrealis;
    let carrier = (i + 1..own_scope)
        .any(|k| irrealis.contains(a.norm(k)) || a.lemmas[k].noun.is_some_and(|n| irrealis.contains(n)));
    let wide = {
        let limit = (i + 1 + 2 * OBJECT_WINDOW).min(a.len());
        (i + 1..limit).find(|&k| a.is_boundary(k)).unwrap_or(limit)
    };
    let narrow = to;
    let mut best: Option<(VerbScore, Match)> = None;
    for p in pats {
        let request_row = carrier && (p.code.starts_with("122") || p.code.starts_with("123"));
        let (to, own) = if request_row { (wide, wide) } else { (narrow, own_scope) };
        if p.present_only && !(present_tense(a, i) && has_subject_slot(a, i)) {
            continue;
        }
        if p.actor_next && !actor_follows(a, i) {
            continue;
        }
        let prep = if p.preps.is_empty() {
            None
        } else {
            let to = if p.prep_next { next_word_end(a, i + 1, to) } else { to };
            match find_prep(a, i + 1, to, &p.preps) {
                Some(k) => Some(k),
                None => continue,
            }
        };
        let object = if p.objects.is_empty() {
            None
        } else {
            let find = if p.loaded { find_sorted_phrase } else { find_phrase };
            // In the passive the object is the subject: "relations were established".
            let before = || {
                if object_before { find(a, i.saturating_sub(OBJECT_WINDOW / 2), i, &p.objects) } else { None }
            };
            // The verb's own object, or the complement of the pattern's preposition ("accused X of corruption"),
            // never a word inside a later phrase ("held talks on the hostage crisis").
            // A word inside a later phrase only when no row finds its object there ("urged X to return to talks").
            let after_prep =
                || prep.filter(|&k| k + 1 >= own).and_then(|k| find(a, k + 1, object_scope(a, k + 2, to), &p.objects));
            let later = || find(a, own, to, &p.objects).map(|(s, e)| (s, e, false));
            match find(a, i + 1, own, &p.objects)
                .or_else(after_prep)
                .or_else(before)
                .map(|(s, e)| (s, e, true))
                .or_else(later)
            {
                Some(found) => Some(found),
                None => continue,
            }
        };
        // Most constraints first, then a built-in row over a loaded one, then the longer object ("congratulatory
        // message" over "message"), then the more specific code ("073 humanitarian aid" over "070 aid").
        let specific = p.code.len() as u8 + u8::from(!p.code.ends_with('0'));
        let score = (
            u8::from(object.is_some()),
            u8::from(object.is_none_or(|o| o.2)),
            u8::from(prep.is_some()),
            u8::from(!p.loaded),
            object.map_or(0, |o| o.1 - o.0),
            specific,
        );
        if best.as_ref().is_some_and(|(s, _)| *s >= score) {
            continue;
        }
        let end = [Some(i + 1), object.map(|o| o.1).filter(|&e| e > i), prep.map(|k| k + 1)]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(i + 1);
        let m = Match {
            symmetric: p.symmetric,
            prep,
            object: object.map(|o| o.0),
            passive: is_passive,
            reversed: p.reversed,
            gerund: a.lemmas[i].verb.is_some_and(|v| v.is(VerbForm::Gerund)),
            ..Match::new(kind, p.id.as_str(), p.code, i, end)
        };
        best = Some((score, m));
    }
    best.map(|(_, m)| m)
}

fn best_nominal(
    a: &Analysis,
    i: usize,
    pats: impl Iterator<Item = &'static NominalPattern>,
    kind: MatchKind,
) -> Option<Match> {
    let mut best: Option<Match> = None;
    for p in pats {
        let Some(end) = a.phrase_at(i, &p.phrase) else { continue };
        if best.as_ref().is_some_and(|b| b.end >= end) {
            continue;
        }
        let prep = if p.preps.is_empty() { None } else { find_prep(a, end, window_end(a, end), &p.preps) };
        best = Some(Match {
            symmetric: p.symmetric,
            subject_action: p.subject_action,
            prep,
            ..Match::new(kind, p.id.as_str(), p.code, i, prep.map_or(end, |k| k + 1))
        });
    }
    best
}

/// Simple present: "supports", or the base form after a plural subject (not after "to", a modal or "do").
fn present_tense(a: &Analysis, i: usize) -> bool {
    let Some(v) = a.lemmas[i].verb else { return false };
    if v.is(VerbForm::ThirdPerson) {
        return true;
    }
    if !v.is(VerbForm::Base) {
        return false;
    }
    let mut k = i;
    while k > 0 {
        k -= 1;
        let w = a.norm(k);
        if w.ends_with("ly") || w == "also" || w == "still" {
            continue;
        }
        return !(w == "to" || a.is(k, MODAL) || a.lemmas[k].verb.is_some_and(|p| p.base == "do"));
    }
    true
}

/// A stance verb in the simple present needs a subject right before it (a name, a pronoun, or the comma or
/// "and" of a coordinated predicate), so that the noun in "expressed absolute support" is not read as one.
fn has_subject_slot(a: &Analysis, i: usize) -> bool {
    let mut k = i;
    while k > 0 {
        k -= 1;
        let w = a.norm(k);
        if w.ends_with("ly") || w == "also" || w == "still" {
            continue;
        }
        return a.capitalized[k] || matches!(w, "," | "and" | "it" | "he" | "she" | "they" | "we" | "who" | "which");
    }
    false
}

/// A passive auxiliary ("was", "were", "been", "get"), possibly followed by adverbs, then a participle.
/// A reduced relative: a participle right after its lower-case noun and before "by" and the agent ("the sanctions
/// imposed by Canada on Russia"), whose object is that noun, as in a passive. After a capital (a name, a date, a
/// sentence's first word) the participle form may be a finite past ("Bashir on Thursday shortened by one hour
/// ..."); "by far" and "by one hour" name no agent. The roles are the reduced passive construction's (roles).
fn reduced_passive(a: &Analysis, i: usize) -> bool {
    let participle = a.lemmas[i].verb.is_some_and(|v| v.is(VerbForm::Participle));
    participle
        && i > 0
        && i + 2 < a.len()
        && a.norm(i + 1) == "by"
        && a.norm(i + 2) != "far"
        && !a.cardinal(i + 2)
        && !a.capitalized.get(i - 1).copied().unwrap_or(true)
        && !a.is_punct(i - 1)
        && !a.is(i - 1, PREP)
        && !passive(a, i)
}

/// A participle after a passive auxiliary ("were established", "has been attacked").
fn passive(a: &Analysis, i: usize) -> bool {
    let Some(v) = a.lemmas[i].verb else { return false };
    if !v.is(VerbForm::Participle) {
        return false;
    }
    let dict = a.dict;
    let mut k = i;
    while k > 0 {
        k -= 1;
        let w = a.norm(k);
        if w.ends_with("ly") || w == "not" || w == "also" || w == "been" && k + 1 == i {
            if w == "been" {
                return true;
            }
            continue;
        }
        return dict.cues.iter().any(|(kind, p)| *kind == CueKind::Passive && p.len() == 1 && a.token_is(k, p[0]));
    }
    false
}

/// Sets negation, intent and future from cues ending within a few tokens before the predicate, in its clause.
fn modifiers(a: &Analysis, m: &mut Match, dict: &Dictionaries) {
    let from = m.anchor.saturating_sub(CUE_WINDOW);
    let start = (from..m.anchor).rev().find(|&k| a.is_boundary(k) || a.norm(k) == ",").map_or(from, |k| k + 1);
    for k in start..m.anchor {
        for c in dict.cues_starting_with(a.first_words(k)) {
            let (kind, phrase) = &dict.cues[c];
            let Some(end) = a.phrase_at(k, phrase) else { continue };
            if end > m.anchor {
                continue;
            }
            match kind {
                CueKind::Negation => m.negated = true,
                CueKind::Intent => m.intent = true,
                CueKind::Agreement => {
                    m.intent = true;
                    m.agreed = true;
                }
                CueKind::Future => m.future = true,
                CueKind::Refusal => m.refused = true,
                CueKind::Failure => {
                    m.failed = true;
                    m.negated = true;
                }
                CueKind::Obligation => m.obliged = true,
                CueKind::Preparation => {
                    m.prepared = true;
                    m.future = true;
                }
                CueKind::Attempt => m.attempted = true,
                CueKind::Threat => {
                    m.intent = true;
                    m.threatened = true;
                }
                CueKind::Report
                | CueKind::Passive
                | CueKind::Condition
                | CueKind::Peacekeeping
                | CueKind::Allegation
                | CueKind::Aim(_)
                | CueKind::Content(_) => {}
            }
        }
    }
    // "warned it could suspend aid", "warned that Turkish troops could seize": an act a warning says could or
    // would be done is threatened, as with "threatened to" (a hostile act announced as planned is a threat too).
    // The warning may stand further back than the cue window, past its addressee and a time ("warned Hezbollah
    // on Tuesday that the army could strike"), but in the same stretch without a comma.
    let warn_from = m.anchor.saturating_sub(2 * CUE_WINDOW);
    let warn_start =
        (warn_from..m.anchor).rev().find(|&k| a.is_boundary(k) || a.norm(k) == ",").map_or(warn_from, |k| k + 1);
    if !m.threatened && warned_own_act(a, warn_start.min(start), m.anchor) {
        m.intent = true;
        m.threatened = true;
    }
    // "will withdraw ... unless X ...": the condition follows the predicate, later in the sentence but in its
    // clause: after ", however" or ", but" it conditions another clause's act ("will receive loans from X,
    // however no more will come unless ...").
    let openers = &crate::lexicon::lists().opener;
    let new_clause = |j: usize| a.is_boundary(j) || j > 0 && a.norm(j - 1) == "," && openers.contains(a.norm(j));
    m.conditional = a.condition_cues.iter().any(|&k| k >= m.end && !(m.end..k).any(new_clause));
}

/// Whether a verb of warning (`warning` in `data/event_precision.tsv`) in `start..anchor` has a complement whose
/// subject (a pronoun, or up to three words of a noun phrase) is followed by a `threat_modal` right before the
/// predicate at `anchor`: "warned [that] it could ...",
/// "warned that Turkish troops could seize ...".
fn warned_own_act(a: &Analysis, start: usize, anchor: usize) -> bool {
    let lists = crate::lexicon::lists();
    let modal = |k: usize| lists.threat_modal.contains(a.norm(k));
    let warn = |k: usize| a.lemmas[k].verb.is_some_and(|v| lists.warning.contains(v.base));
    let plain = |k: usize| !a.is_punct(k) && !modal(k) && a.norm(k) != "that";
    anchor >= 3
        && modal(anchor - 1)
        && (start..anchor - 2).any(|k| {
            // "warned Hezbollah on Tuesday that the army could strike": the complement's "that" may follow the
            // warned party and a time, a few words with no punctuation.
            let that = (k + 1..(k + 7).min(anchor - 1)).take_while(|&j| !a.is_punct(j)).find(|&j| a.norm(j) == "that");
            let subject = that.map_or(k + 1, |t| t + 1);
            warn(k) && subject < anchor - 1 && anchor - 1 - subject <= 3 && (subject..anchor - 1).all(plain)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_core::Span;

    fn matches(text: &str) -> Vec<Match> {
        let tokens = dyad_text::tokenize(text, Span::new(text, 0, text.len()).unwrap());
        find_matches(&tokens).1
    }

    fn summary(text: &str) -> Vec<(String, &'static str)> {
        matches(text).into_iter().map(|m| (m.pattern.to_string(), m.code)).collect()
    }

    #[test]
    fn most_specific_pattern_wins() {
        assert_eq!(summary("Kim met with Putin."), [("verbs:meet|with|-".to_string(), "040")]);
        assert_eq!(
            summary("Kim held talks with Putin."),
            [("verbs:hold|-|talk,meeting,discussion,consultation,dialogue,summit".to_string(), "040")]
        );
        assert_eq!(summary("Iran signed a trade agreement with Iraq.")[0].1, "057");
        assert_eq!(summary("Kim sent weapons to Syria.")[0].1, "072");
        assert_eq!(summary("Kim sent a message to Syria.")[0].1, "010");
    }

    #[test]
    fn nominals_and_relations() {
        assert_eq!(summary("a meeting between the two ministers")[0], ("nominal:meeting".to_string(), "040"));
        assert_eq!(summary("the strategic dialogue between them")[0].0, "nominal:strategic dialogue");
        let r = matches("Cuba maintains close ties with Iran.");
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].kind, MatchKind::Relation);
        let r = matches("Cuba supports Iran.");
        assert_eq!(r[0].kind, MatchKind::Relation);
        let r = matches("Cuba supported Iran.");
        assert_eq!(r[0].kind, MatchKind::Verb);
    }

    #[test]
    fn modifiers_and_voice() {
        let m = &matches("Iran did not attack Iraq.")[0];
        assert!(m.negated && !m.future);
        let m = &matches("Iran will visit Iraq.")[0];
        assert!(m.future && !m.negated);
        let m = &matches("Iran vowed to attack Iraq.");
        assert!(m.iter().any(|m| m.code == "190" && m.intent));
        let m = &matches("Iraq was attacked by Iran.")[0];
        assert!(m.passive);
        let m = &matches("Iran attacked Iraq.")[0];
        assert!(!m.passive);
    }
}
