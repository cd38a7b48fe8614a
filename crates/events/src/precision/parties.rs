//! Checks on a coded event's parties, after roles: a party in another clause, a thing's modifier, a list item,
//! the object of a request or a punishment, a match result between bare names, an everyday verb without a
//! political subject right before it.

use super::facts::SentenceFacts;
use super::phrases::control_verb;
use crate::analysis::Analysis;
use crate::candidate::EventCandidate;
use crate::lexicon::{CONJ, DET, MODAL, PAST_VERBS, PREP, RELPRO, SUB, is_locative, lists};
use crate::matcher::{Match, MatchKind};
use crate::slots::{ActorSlot, SlotKind};
use dyad_core::ActorCode;
use dyad_text::VerbForm;

/// How many tokens before an everyday verb may stand between it and its subject (auxiliaries, adverbs, "to").
const SUBJECT_REACH: usize = 6;
/// How far back (tokens) from the "to" of an infinitive its control verb may stand (past a long object with an
/// aside: "training the opposition forces known as MaT - formerly the Free Syrian Army - to fight").
const CONTROL_REACH: usize = 25;
/// How far after an object noun (tokens) the party it goes to may stand ("military aid to Ukraine").
const OBJECT_REACH: usize = 5;

/// How many tokens a parenthetical between the subject and its verb may hold ("X, in a speech on Monday, invited").
const ASIDE_REACH: usize = 10;
/// How far back (tokens) from a party a gerund list item may start ("upping sanctions against Russians").
const GERUND_LIST_REACH: usize = 12;
/// How far back (tokens) from the "to" of an asked-for infinitive the request verb may stand, past its object
/// ("pressure the country's President Volodymyr Zelensky into").
const REQUEST_REACH: usize = 12;
/// How far back (tokens) from an event noun the "to" of the asked-for act whose object it is may stand ("to
/// eliminate the 15% tariffs").
const REQUESTED_NOUN_REACH: usize = 6;
/// How far back (tokens) from an event noun a bare verb coordinated with an asked-for act may stand ("as well as
/// provide some relief from the 25% tariffs").
const COORDINATED_NOUN_REACH: usize = 8;
/// How far after an armed predicate (tokens) the accident that caused it may be named ("killed on Tuesday in a
/// helicopter crash").
const ACCIDENT_REACH: usize = 8;
/// How far back (tokens) from the "for" of a reason the punishing or rewarding verb may stand ("jailed two
/// activists in the capital for").
const REASON_REACH: usize = 10;
/// How many comma-separated items around a name that name no party make it an item of an enumeration.
const THING_ITEMS: usize = 2;

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
    !party_objection(a, actors, actor_tokens, facts, m, e)
        && everyday_verb_holds(a, actors, actor_tokens, time_tokens, m, e)
}

/// Whether a party of the event is no party of its predicate: a dash between them, a list of things, a request,
/// an accident, a reason for punishment, a thing's modifier, a match result between bare names in sports news, a
/// bracketed modifier, or the object of another verb.
fn party_objection(
    a: &Analysis,
    actors: &[ActorSlot],
    actor_tokens: &[(usize, usize)],
    facts: &SentenceFacts,
    m: &Match,
    e: &EventCandidate,
) -> bool {
    // "HANOI, Vietnam (AP) — X accused ...", "would release a transcript — Democrats expected ...": a dash between
    // a party and the predicate puts them in different clauses.
    let (s_start, s_end) = actor_tokens[e.source];
    if s_end <= m.anchor && facts.split(s_end, m.anchor, s_start) {
        return true;
    }
    if let Some(t) = e.target
        && actor_tokens[t].0 > m.anchor
        && facts.split(m.end.min(actor_tokens[t].0), actor_tokens[t].0, m.anchor)
    {
        return true;
    }
    if gerund_list_source(a, m, s_start)
        || thing_subject(a, actor_tokens, m, e.source)
        || controlled_infinitive(a, m, s_end)
        || requested_act(a, m)
        || requested_noun(a, m, s_end)
        || investigated_noun(a, m, s_end)
        || listed_among_things(a, actor_tokens, e.source)
        || accidental(a, m)
        || reason_of_patient(a, m, s_start)
    {
        return true;
    }
    // "X, the holder of the EU presidency, invited Y": a party in a parenthetical between the subject and its verb
    // describes the subject; it is not what the verb acts on.
    if let Some(t) = e.target
        && m.kind == MatchKind::Verb
        && !m.passive
        && in_aside_before(a, actor_tokens[t], m.anchor, s_end)
    {
        return true;
    }
    if let Some(t) = e.target
        && (object_modifier(a, actors, actor_tokens, m, t)
            || opens_clause(a, m.end.max(m.anchor + 1), actor_tokens[t].0))
    {
        return true;
    }
    if absolute_subject(a, actors, actor_tokens, m, e.source) {
        return true;
    }
    let bare = |k: usize| bare_name(actors, k);
    if facts.sports && bare(e.source) && e.target.is_none_or(bare) {
        return true;
    }
    if modifies_thing(a, actors, actor_tokens, e.source, Strictness::Loose) {
        return true;
    }
    // (An obligation in reported speech is the speaker's demand, whose source is the speaker by design.)
    if bracketed_modifier(a, s_start, s_end)
        || e.target.is_some_and(|t| bracketed_modifier(a, actor_tokens[t].0, actor_tokens[t].1))
    {
        return true;
    }
    // "accused X of supporting Y": the one accused is the gerund's subject (object control), so X being the
    // accusation's object is no objection.
    let controlled = m.gerund && s_end + 1 == m.anchor && matches!(a.norm(s_end), "of" | "for");
    if s_end <= m.anchor && !m.obliged && !controlled && object_of_verb(a, s_start) {
        return true;
    }
    false
}

/// Whether a country, place or group is named bare (its code has no sector): a team in sports news.
fn bare_name(actors: &[ActorSlot], k: usize) -> bool {
    matches!(actors[k].kind, SlotKind::Country | SlotKind::Place | SlotKind::Group) && bare_code(&actors[k])
}

/// Whether a slot's code is a root alone (`PRK`; not `PRKGOV` or `IGOUNO`): a name with no sector or body. No code
/// counts as bare; a code that is no CAMEO code is taken to say more than a name.
fn bare_code(slot: &ActorSlot) -> bool {
    match slot.code.as_deref() {
        None | Some("") => true,
        Some(c) => ActorCode::parse(c).is_ok_and(|c| c.rest().is_empty()),
    }
}

/// Whether the verb of the event holds with these parties: a contest verb not between bare names, a complement
/// not taken for a target, and an everyday verb (`ordinary`) only with a political subject right before it (or
/// an agent after "by").
fn everyday_verb_holds(
    a: &Analysis,
    actors: &[ActorSlot],
    actor_tokens: &[(usize, usize)],
    time_tokens: &[(usize, usize)],
    m: &Match,
    e: &EventCandidate,
) -> bool {
    let l = lists();
    let bare = |k: usize| bare_name(actors, k);
    let Some(v) = a.lemmas.get(m.anchor).and_then(|l| l.verb) else { return true };
    if m.kind != MatchKind::Verb {
        return true;
    }
    if l.contest.contains(v.base) && bare(e.source) && e.target.is_none_or(bare) {
        return false;
    }
    if m.object.is_none() && e.code.starts_with("084") && releases_thing(a, m.anchor) {
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
    // "was offered by X", "a bill signed by X": the agent after "by" acts; so does the state where a party was
    // released with no agent named ("a Dutch journalist was released in Venezuela").
    if source_start > m.anchor {
        let agent = |k: usize| a.norm(k) == "by" || (m.passive && e.target.is_some() && a.norm(k) == "in");
        return (source_start.saturating_sub(3)..source_start).any(agent);
    }
    expressed(a, m.anchor) || subject_before(a, actor_tokens, time_tokens, m, e.source)
}

/// How many words after a release verb the head of its object may stand ("released the full audio").
const RELEASED_OBJECT_REACH: usize = 4;

/// "released the transcript of the call with X": the object right after a release verb, up to the first
/// preposition, clause word or punctuation, is a thing made public (`released_thing`), so no party is released.
fn releases_thing(a: &Analysis, anchor: usize) -> bool {
    let l = lists();
    (anchor + 1..a.len().min(anchor + 1 + RELEASED_OBJECT_REACH))
        .take_while(|&k| !a.is_punct(k) && !a.is(k, PREP) && !a.is(k, CONJ) && !a.complementizer(k))
        .any(|k| {
            let noun = a.lemmas.get(k).and_then(|w| w.noun).unwrap_or_else(|| a.norm(k));
            l.released_thing.contains(noun)
        })
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
    if m.kind != MatchKind::Verb || m.anchor < 3 {
        return false;
    }
    let mut to = m.anchor - 1;
    while to > 0 && a.norm(to).ends_with("ly") {
        to -= 1;
    }
    let gerund = a.lemmas[m.anchor].verb.is_some_and(|v| v.is(VerbForm::Gerund));
    // "wants Trump to eliminate the tariffs, as well as provide relief": a bare verb coordinated with an
    // asked-for infinitive is asked for too.
    let base = a.lemmas[m.anchor].verb.is_some_and(|v| v.is(VerbForm::Base));
    let coordinator = match a.norm(to) {
        "and" => Some(to),
        "as" if to >= 2 && a.norm(to - 1) == "well" && a.norm(to - 2) == "as" => Some(to - 2),
        _ => None,
    };
    if let Some(c) = coordinator.filter(|_| base) {
        return asked_before(a, c);
    }
    if base && subjunctive_after_request(a, m.anchor) {
        return true;
    }
    if !(a.norm(to) == "to" || a.norm(to) == "into" && gerund) || to < 2 {
        return false;
    }
    asked_of_object(a, to)
}

/// "demanded that Britain expel the dissident", "insisted that Russia withdraw": a base form after a request
/// verb's "that" and the clause's subject (no verb form between) is a subjunctive, an act only asked for.
fn subjunctive_after_request(a: &Analysis, i: usize) -> bool {
    let l = lists();
    (i.saturating_sub(REQUEST_REACH)..i)
        .rev()
        .take_while(|&k| !a.is_boundary(k) && a.norm(k) != "," && (a.complementizer(k) || a.lemmas[k].verb.is_none()))
        .find(|&k| a.complementizer(k))
        .is_some_and(|k| k + 1 < i && control_verb(&l.request, a, k - 1))
}

/// Whether the "to" (or "into") at `to` opens an act asked of a request verb's object: a request verb stands
/// before it with at least one word between that is not an adverb ("asked Ukraine to", "wants Trump to"), and
/// no "to" ("is expected to travel to Minsk for talks" asks nothing of anyone).
fn asked_of_object(a: &Analysis, to: usize) -> bool {
    let l = lists();
    if to < 2 {
        return false;
    }
    let object_between = |k: usize| {
        (k + 1..to).any(|j| !a.norm(j).ends_with("ly") && !a.is_punct(j)) && (k + 1..to).all(|j| a.norm(j) != "to")
    };
    (to.saturating_sub(REQUEST_REACH)..to - 1)
        .rev()
        .take_while(|&k| !a.is_boundary(k) && a.norm(k) != "," && !a.is(k, RELPRO | SUB))
        .any(|k| !a.capitalized[k] && control_verb(&l.request, a, k) && object_between(k))
}

/// "Beijing wants Trump to eliminate the tariffs on Chinese goods": an event noun in the object of an act only
/// asked of another party names no act of the asker, so a source before that "to" (the clause's subject, which a
/// nominal with no possessor falls back on) is no party of it.
fn requested_noun(a: &Analysis, m: &Match, source_end: usize) -> bool {
    if m.kind != MatchKind::Nominal {
        return false;
    }
    (m.anchor.saturating_sub(REQUESTED_NOUN_REACH)..m.anchor)
        .rev()
        .take_while(|&k| !a.is_boundary(k) && a.norm(k) != "," && !a.is(k, RELPRO | SUB))
        .find(|&k| a.norm(k) == "to" && k + 1 < m.anchor)
        .is_some_and(|to| source_end <= to && (asked_of_object(a, to) || coordinated_ask(a, to)))
        || asked_coordinated_verb(a, m.anchor, source_end)
}

/// How far back (tokens) from an event noun the "into" of an investigation may stand ("into the brutal attack").
const INQUIRY_REACH: usize = 4;

/// "ordered an investigation into the killing of X", "launched a probe into the attack on Y": an event noun in
/// the "into" (or "of") phrase of an investigation noun (`inquiry`) is the act investigated, so a source before
/// that phrase (the investigator, which a nominal with no possessor falls back on) is no party of it.
fn investigated_noun(a: &Analysis, m: &Match, source_end: usize) -> bool {
    if m.kind != MatchKind::Nominal || m.anchor < 2 {
        return false;
    }
    (m.anchor.saturating_sub(INQUIRY_REACH)..m.anchor)
        .rev()
        .take_while(|&k| !a.is_punct(k) && !a.is(k, RELPRO | SUB))
        .find(|&k| matches!(a.norm(k), "into" | "of"))
        .is_some_and(|p| {
            p >= 1 && source_end <= p && lists().inquiry.contains(a.lemmas[p - 1].noun.unwrap_or_else(|| a.norm(p - 1)))
        })
}

/// "wants Trump to eliminate the tariffs, as well as provide some relief from the 25% tariffs": an event noun in
/// the object of a bare verb coordinated with an asked-for infinitive is asked for too.
fn asked_coordinated_verb(a: &Analysis, noun: usize, source_end: usize) -> bool {
    let Some(v) = (noun.saturating_sub(COORDINATED_NOUN_REACH)..noun)
        .rev()
        .take_while(|&k| !a.is_boundary(k) && a.norm(k) != "," && !a.is(k, RELPRO | SUB))
        .find(|&k| a.lemmas[k].verb.is_some_and(|v| v.is(VerbForm::Base)) && !a.capitalized[k])
    else {
        return false;
    };
    let coordinator = match v.checked_sub(1).map(|k| a.norm(k)) {
        Some("and") => Some(v - 1),
        Some("as") if v >= 3 && a.norm(v - 2) == "well" && a.norm(v - 3) == "as" => Some(v - 3),
        _ => None,
    };
    coordinator.is_some_and(|c| source_end <= c && asked_before(a, c))
}

/// "wants X to eliminate A, and to ease B": a "to" after "and" continues an earlier asked-for infinitive of the
/// same sentence (the nearest "to" before it, within the request's reach, no sentence boundary between).
fn coordinated_ask(a: &Analysis, to: usize) -> bool {
    to >= 1 && a.norm(to - 1) == "and" && asked_before(a, to - 1)
}

/// Whether the nearest "to" before the coordinator at `c` (within twice the request's reach, no sentence
/// boundary between) opens an act asked of a request verb's object.
fn asked_before(a: &Analysis, c: usize) -> bool {
    (c.saturating_sub(2 * REQUEST_REACH)..c)
        .rev()
        .take_while(|&k| !a.is_clause_end(k))
        .find(|&k| a.norm(k) == "to")
        .is_some_and(|k| asked_of_object(a, k))
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
    // name may be an indirect object ("granting Hong Kong autonomy"). A party introduced by a preposition of place
    // ("blocked a Philippine boat in the South China Sea") says where the act happened, not whom it was aimed at.
    // The preposition's phrase runs up to the party with no punctuation between: in "rejected a Philippine
    // proposal on Monday, Manila said" the speaker after the comma is no party of "on".
    let recipient = actor_tokens.iter().enumerate().any(|(k, &(s, _))| {
        k != target
            && s > o
            && s <= o + OBJECT_REACH
            && (o..s)
                .rev()
                .take_while(|&j| !a.is_punct(j))
                .find(|&j| a.is(j, PREP))
                .is_some_and(|j| !is_locative(a.norm(j)))
    });
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
        // "X, in a speech on Monday, invited Y", "X, citing security concerns, expelled Y": a parenthetical
        // between commas is passed over to the subject before it.
        if w == ","
            && let Some(open) = aside_opening(a, j)
        {
            j = open;
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

/// Whether the slot at `(start, end)` stands in a parenthetical that closes with the comma right before the verb at
/// `anchor` and opens after the subject's end `subject_end` (see [`aside_opening`]).
fn in_aside_before(a: &Analysis, (start, end): (usize, usize), anchor: usize, subject_end: usize) -> bool {
    let Some(close) = anchor.checked_sub(1).filter(|&c| a.norm(c) == ",") else { return false };
    aside_opening(a, close).is_some_and(|open| open >= subject_end && start > open && end <= close)
}

/// The comma opening a parenthetical that the comma at `close` ends: one within [`ASIDE_REACH`] tokens before it,
/// with no other punctuation between, whose first word is a preposition, a gerund or a determiner ("in a speech on
/// Monday", "citing security concerns", "speaking in Geneva", an apposition "a close ally of Y"; a lower-case "-ing"
/// word the lemmatiser does not know counts), so the aside has no subject or finite verb of its own.
fn aside_opening(a: &Analysis, close: usize) -> Option<usize> {
    let open = (close.saturating_sub(ASIDE_REACH)..close)
        .rev()
        .take_while(|&k| a.norm(k) == "," || !a.is_punct(k) && !a.is_boundary(k))
        .find(|&k| a.norm(k) == ",")?;
    let first = open + 1;
    let opens = first < close
        && !a.capitalized[first]
        && (a.is(first, PREP | DET)
            || a.lemmas[first].verb.is_some_and(|v| v.is(VerbForm::Gerund))
            || a.norm(first).len() > 5 && a.norm(first).ends_with("ing"));
    (open > 0 && opens).then_some(open)
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
    if !matches!(slot.kind, SlotKind::Country | SlotKind::Group | SlotKind::Place) || !bare_code(slot) {
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

/// Whether `w` is a modal, a time word or an adverb that may stand between a subject and its verb. (One `matches!`
/// over a closed word list: it is over 80 lines only because rustfmt puts one word a line.)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roles::testing::{token, with_context};

    /// Whether the events of the predicate at `word` survive the party checks.
    fn survives(markup: &str, word: &str) -> Vec<bool> {
        with_context(markup, |ctx, matches| {
            let text = ctx.text;
            let facts = SentenceFacts::new(ctx.a, text, ctx.tokens);
            let Some(m) = matches.iter().find(|m| m.anchor == token(ctx, word)) else { return Vec::new() };
            let Some(roles) = ctx.assign(m, matches, &mut Default::default()) else { return Vec::new() };
            ctx.code_events(m, matches, roles)
                .iter()
                .map(|e| plausible(ctx.a, ctx.actors, &ctx.actor_tokens, &ctx.time_tokens, &facts, m, e))
                .collect()
        })
    }

    #[test]
    fn a_thing_is_no_party_and_an_everyday_verb_needs_a_political_subject() {
        assert_eq!(survives("[Iran|IRN] attacked [Iraq|IRQ].", "attacked"), [true]);
        let movies = "[Chan|HKG|p]'s [Hong Kong|HKG] action movies arrived in the [U.S.|USA].";
        assert!(survives(movies, "arrived").iter().all(|&kept| !kept));
        let photography = "[Parr|USA|p] set up a fund to support [British|GBR|g] documentary photography.";
        assert!(!survives(photography, "support").is_empty());
        assert!(survives(photography, "support").iter().all(|&kept| !kept));
        assert_eq!(survives("[Russia|RUS] offered aid to [Syria|SYR].", "offered"), [true]);
        let company = "The company [Sixt|DEU|o] offers a fleet of [German|DEU|g] and [American|USA|g] cars.";
        assert!(survives(company, "offers").iter().all(|&kept| !kept));
    }

    #[test]
    fn a_party_in_a_parenthetical_before_the_verb_is_no_target() {
        let markup = "[Austria|AUT], the holder of the [EU|IGOEUREEC|g] presidency, invited [Slovakia|SVK] to join.";
        with_context(markup, |ctx, _| {
            let invited = token(ctx, "invited");
            let (subject_end, eu, slovakia) = (ctx.actor_tokens[0].1, ctx.actor_tokens[1], ctx.actor_tokens[2]);
            assert!(in_aside_before(ctx.a, eu, invited, subject_end));
            assert!(!in_aside_before(ctx.a, slovakia, invited, subject_end));
            // The subject itself is no aside: the parenthetical opens after it.
            assert!(!in_aside_before(ctx.a, eu, invited, eu.1));
        });
    }

    #[test]
    fn a_bare_name_is_a_country_place_or_group_without_a_sector() {
        let markup =
            "[Iran|IRN] and [the Iranian army|IRNMIL|o] met [Tehran|IRN|l], [the UN|IGOUNO|g] and [Hanoi|VNML|l].";
        with_context(markup, |ctx, _| {
            assert!(bare_name(ctx.actors, 0));
            assert!(!bare_name(ctx.actors, 1));
            assert!(bare_name(ctx.actors, 2));
            // An organisation's letters say more than a name, and so does a code that is no CAMEO code.
            assert!(!bare_name(ctx.actors, 3));
            assert!(!bare_name(ctx.actors, 4));
        });
    }
}
