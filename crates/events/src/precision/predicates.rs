//! Checks on predicates, before roles: a word that only looks like a predicate here (inside a time expression or
//! a fixed phrase, an adjective, a plural noun before "of", a particle, the first half of a compound noun) and an
//! act that is only supposed (a counterfactual, an inverted condition, a question, a "whether" clause, a
//! non-assertive phrase) are dropped.

use super::phrases::{control_verb, phrase_end};
use crate::analysis::Analysis;
use crate::codebook::Codebook;
use crate::lexicon::{CONJ, DET, MODAL, PAST_VERBS, PREP, RELPRO, SUB, lists};
use crate::matcher::{Match, MatchKind, nominal_at};
use dyad_text::VerbForm;

/// How many tokens before a bare particle verb ("back") a governing verb is looked for.
const PARTICLE_REACH: usize = 4;
/// How far back (tokens) from the "from" of a prevented gerund its verb may stand ("barred the two ministers
/// from").
const PREVENT_REACH: usize = 8;
/// How far back (tokens) from a predicate the non-assertive word opening its noun phrase may stand ("no
/// knowledge of any efforts to urge").
const NONASSERTIVE_REACH: usize = 6;

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
        if m.kind == MatchKind::Nominal && undone(a, i) {
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

/// How far back (tokens) from an event noun the verb that undoes it may stand ("removing the US sanctions").
const UNDO_REACH: usize = 5;

/// "removing the sanctions on Burma", "scrapped the curfew", "halted the raids": an event noun that is the object
/// of a verb of ending or easing (`undo` in the data file), past determiners, modifiers and actor mentions, names
/// what is undone, not an act done.
fn undone(a: &Analysis, i: usize) -> bool {
    let l = lists();
    let in_actor = |k: usize| a.actor_tokens.iter().any(|&(s, e)| s <= k && k < e);
    for k in (i.saturating_sub(UNDO_REACH)..i).rev() {
        // Whatever its reading: "that removing the sanctions" reads the gerund as a noun after "that", and a noun
        // ("the end of") meets a preposition before the event noun.
        if a.lemmas[k].verb.is_some_and(|v| l.undo.contains(v.base)) {
            return true;
        }
        // A quantity is a modifier too ("eliminate the 15% tariffs").
        let quantity = a.norm(k) == "%" || a.norm(k).starts_with(|c: char| c.is_ascii_digit());
        let modifier = a.is(k, DET)
            || in_actor(k)
            || quantity
            || !a.is_punct(k) && a.function[k] == 0 && a.lemmas[k].verb.is_none();
        if !modifier {
            return false;
        }
    }
    false
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
    if infinitive_complement(a, i)
        || nonfactual_gerund(a, i)
        || opinion(a, i)
        || legal_fight(a, m)
        || claim(a, m)
        || !directive(a, m)
        || !removal(a, m)
    {
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

/// "Russia insisted that Ukrainian troops had shelled ...": "insist" with no "on" demands (100) only in a
/// mandative clause, whose verb is bare or "must"/"should" ("insisted that the union agree to wage cuts",
/// "insisted that Pakistan not interfere"); a clause with a finite verb is a claim, no act on its subject.
fn claim(a: &Analysis, m: &Match) -> bool {
    let i = m.anchor;
    if m.prep.is_some() || a.lemmas[i].verb.is_none_or(|v| !lists().mandative.contains(v.base)) {
        return false;
    }
    let mut k = i + 1;
    if a.norm(k) == "that" {
        k += 1;
    }
    while k < a.len() && a.is(k, DET) {
        k += 1;
    }
    // The clause's subject: an actor mention (the pattern asks for one), then adverbs and "not".
    match a.actor_tokens.iter().find(|&&(s, _)| s == k) {
        Some(&(_, e)) => k = e,
        None => return true,
    }
    while k < a.len() && (a.norm(k) == "not" || a.norm(k).ends_with("ly")) {
        k += 1;
    }
    if a.is(k, MODAL) {
        return !matches!(a.norm(k), "must" | "should");
    }
    a.lemmas.get(k).and_then(|l| l.verb).is_none_or(|v| v.base != a.norm(k))
}

/// "told Greece to withdraw", "required the unions to make concessions": a verb of telling or requiring with
/// "to" is a directive (a demand) only when the infinitive's "to" comes right after the party addressed; "told
/// Greek reporters that it would go to Cyprus" is a report. Other predicates pass.
fn directive(a: &Analysis, m: &Match) -> bool {
    let i = m.anchor;
    let (Some(k), Some(v)) = (m.prep, a.lemmas[i].verb) else { return true };
    if !lists().directive.contains(v.base) || a.norm(k) != "to" {
        return true;
    }
    let start = if a.is(i + 1, DET) { i + 2 } else { i + 1 };
    a.actor_tokens.iter().any(|&(s, e)| s == start && e == k)
}

/// "was dragged out by British police", "hauled the protesters out": "drag out" or "haul out" removes a party by
/// force only in the passive or with the party right after the verb (past a determiner); "dragged out the talks"
/// prolongs them. Other predicates pass.
fn removal(a: &Analysis, m: &Match) -> bool {
    let i = m.anchor;
    let (Some(k), Some(v)) = (m.object, a.lemmas[i].verb) else { return true };
    if !lists().removal.contains(v.base) || a.norm(k) != "out" || m.passive {
        return true;
    }
    let start = if a.is(i + 1, DET) { i + 2 } else { i + 1 };
    a.actor_tokens.iter().any(|&(s, _)| s == start)
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
    // "Trump's request to the Ukrainian president to investigate ...": past the request's addressee; "the right of
    // Israeli forces to strike ...": past the holder of the right.
    (i.saturating_sub(7)..i - 2)
        .rev()
        .take_while(|&k| !a.is_punct(k) && a.lemmas[k].verb.is_none_or(|_| matches!(a.norm(k), "to" | "of")))
        .any(|k| matches!(a.norm(k), "to" | "of") && k > 0 && head(k - 1) && !a.capitalized[k - 1])
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

/// "is battling extradition to the United States", "fought the charges in court": an armed verb (roots 18-20)
/// with no object in its pattern whose object is a legal or political contest (`legal_contest` in the data file)
/// is a fight in court or politics, not an armed act.
fn legal_fight(a: &Analysis, m: &Match) -> bool {
    let armed = matches!(Codebook::builtin().root(m.code), Some("18" | "19" | "20"));
    if !armed || m.object.is_some() {
        return false;
    }
    let contest = &lists().legal_contest;
    (m.anchor + 1..(m.anchor + 4).min(a.len()))
        .take_while(|&k| !a.is_punct(k) && !a.is(k, PREP))
        .any(|k| contest.contains(a.norm(k)) || a.lemmas[k].noun.is_some_and(|n| contest.contains(n)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matcher::find_in;
    use dyad_core::Span;

    /// The anchors of the predicates left in `text` after the checks, as words.
    fn kept(text: &str) -> Vec<String> {
        let tokens = dyad_text::tokenize(text, Span::new(text, 0, text.len()).unwrap());
        let a = Analysis::new(&tokens);
        let mut matches = find_in(&a);
        drop_false_predicates(&a, &mut matches, &[]);
        matches.iter().map(|m| a.norm(m.anchor).to_string()).collect()
    }

    #[test]
    fn words_that_only_look_like_predicates_are_dropped() {
        assert_eq!(kept("Iran attacked Iraq."), ["attacked"]);
        assert!(!kept("Iran took the step in order to open a route to Syria.").contains(&"open".to_string()));
        assert!(!kept("Russia's economy shows signs of recovery.").contains(&"shows".to_string()));
        assert!(kept("Would Iran have attacked Iraq?").is_empty());
    }
}
