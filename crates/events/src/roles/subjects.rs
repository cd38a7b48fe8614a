//! The subject of a predicate: the leftmost actor of its clause that may act, with lists, "of" phrases,
//! origins ("activists from X"), placed subjects ("rebels in X"), relative pronouns and the speaker of reported
//! speech.

use super::context::Context;
use crate::codebook::Codebook;
use crate::lexicon::{CONJ, DET, PLACE_NOUN, PREP, RELPRO, SUB, lists};
use crate::matcher::{Match, MatchKind};
use crate::reading::Reading;
use crate::slots::SlotKind;
use dyad_text::VerbForm;

impl Context<'_> {
    /// The subjects of the predicate at `p` (empty when the clause names none).
    pub(crate) fn subjects(&self, m: &Match, previous: &[usize]) -> Vec<usize> {
        let p = m.anchor;
        let (start, report, relpro) = self.clause_start(p);
        if let Some(after_comma) = self.fronted_participle_subject(m, start) {
            return after_comma;
        }
        let nominal = m.kind == MatchKind::Nominal;
        let agent_position = |k: usize| !nominal || !self.object_of_clause_verb(k, start);
        let candidates: Vec<usize> = self
            .slots_in(start, p)
            .into_iter()
            .filter(|&k| self.can_act(k) && self.governing_prep(k).is_none() && !self.in_relative_aside(k, p))
            .filter(|&k| agent_position(k))
            .collect();
        if let Some(&first) = candidates.first() {
            if self.possessive_opener(first, start, p, nominal) {
                return Vec::new();
            }
            if let Some(named) = self.appositive_subject(first, candidates.get(1).copied(), p) {
                return vec![named];
            }
            return self.coordinated(first, &|n| candidates.contains(&n));
        }
        // "The foreign ministers of X and Y held talks": with no bare subject, an "of" phrase names it.
        let of_phrase: Vec<usize> = self
            .slots_in(start, p)
            .into_iter()
            .filter(|&k| self.can_act(k) && self.governing_prep(k).is_none_or(|j| self.a.norm(j) == "of"))
            .filter(|&k| agent_position(k))
            .collect();
        if let Some(&first) = of_phrase.first() {
            return self.coordinated(first, &|n| of_phrase.contains(&n));
        }
        // "The decision by X to expel Y", "a move by X to grant asylum to Y": the agent of a noun, named after
        // "by", acts in the noun's "to" infinitive, as a possessor does ("X's decision to expel Y").
        if let Some(k) = self.slots_in(start, p).into_iter().find(|&k| self.noun_agent_of_infinitive(k, p)) {
            return vec![k];
        }
        // "Activists from X staged ...": the origin of a subject the actors stage could not name.
        if let Some(k) = self.origin_in_subject(m).filter(|&k| self.can_act(k)) {
            return vec![k];
        }
        // "Rebels in the Ivory Coast dismissed ...", "Security forces in X have ...": a subject the actors stage
        // could not name, placed by a country right after it, stands for that country's side.
        if let Some(k) = self.placed_subject(start, p) {
            return vec![k];
        }
        if let Some(r) = relpro
            && let Some(k) = self.slot_ending_at(r).or_else(|| r.checked_sub(1).and_then(|q| self.slot_ending_at(q)))
            && self.can_act(k)
        {
            return vec![k];
        }
        if let Some(r) = report {
            let speaker = Match { anchor: r, gerund: false, ..m.clone() };
            let s = self.subjects(&speaker, &[]);
            if !s.is_empty() {
                return s;
            }
        }
        if let Some(k) = self.quoted_speaker(m, start) {
            return vec![k];
        }
        // "arrested militants who had attacked X": a relative clause whose antecedent is no actor has that
        // unnamed antecedent as its subject, not the subject of the predicate before it.
        if relpro.is_some_and(|r| self.a.is(r, RELPRO) && self.a.norm(r) != "that" || self.relative_that(r)) {
            return Vec::new();
        }
        previous.to_vec()
    }

    /// "When meeting X, Y said ...": a fronted participle takes the subject after its comma.
    fn fronted_participle_subject(&self, m: &Match, start: usize) -> Option<Vec<usize>> {
        let p = m.anchor;
        if m.gerund && (start..p).all(|j| self.a.is(j, SUB) || self.a.is_punct(j) || self.a.norm(j).ends_with("ly")) {
            let end = self.clause_end(p);
            if let Some(comma) = (p + 1..end).find(|&j| self.a.norm(j) == ",") {
                let after = self.slots_in(comma + 1, end);
                if let Some(&k) = after.first().filter(|&&k| self.actor_tokens[k].0 <= comma + 4 && self.can_act(k)) {
                    return Some(self.coordinated(k, &|n| self.can_act(n)));
                }
            }
        }
        None
    }

    /// Whether slot `k` is named in a "by" phrase on a `decided` noun (`data/event_precision.tsv`) and the
    /// predicate at `p` is that noun's "to" infinitive right after the slot ("the decision by Canada to expel");
    /// a noun of intent or request ("a plan by X to", "calls by X to") is left to the cues that read it.
    fn noun_agent_of_infinitive(&self, k: usize, p: usize) -> bool {
        let (_, e) = self.actor_tokens[k];
        let Some(by) = self.governing_prep(k).filter(|&j| self.a.norm(j) == "by" && j > 0) else { return false };
        let noun = by - 1;
        let lemma = self.a.lemmas[noun].noun.unwrap_or(self.a.norm(noun));
        e + 1 == p && self.a.norm(e) == "to" && self.a.reading(noun) == Reading::Noun && lists().decided.contains(lemma)
    }

    /// "Kenya's neighbour, Uganda, attacked ...": a name in commas right after a possessed subject noun (the
    /// possessor `first`, the name `next`) is the subject itself; the possessor only describes it.
    fn appositive_subject(&self, first: usize, next: Option<usize>, p: usize) -> Option<usize> {
        let named = next?;
        let (start_k, end_k) = self.actor_tokens[named];
        let appositive = self.a.norm(self.actor_tokens[first].1) == "'s"
            && start_k > 0
            && self.a.norm(start_k - 1) == ","
            && (self.actor_tokens[first].1..start_k - 1).all(|j| self.a.norm(j) != "," && self.slot_at(j).is_none())
            && start_k - 1 <= self.actor_tokens[first].1 + 3
            && self.a.norm(end_k) == ","
            && (end_k + 1..p).all(|j| !self.a.is_punct(j) && self.slot_at(j).is_none());
        appositive.then_some(named)
    }

    /// The speaker of a quote in the speaker's own voice, named after the quote's report verb.
    fn quoted_speaker(&self, m: &Match, start: usize) -> Option<usize> {
        let p = m.anchor;
        // '"We condemn the raid," said Foreign Minister X': the speaker after an inverted report verb is the
        // source of a verbal predicate in the quote only when the quote's own subject is the speaker's "we" or
        // "I". A quote whose subject is someone else or unnamed ('"They condemned X," said Y', '"The militia
        // accused X," Y said') reports another party's act, and Y only said so.
        let verbal = Codebook::builtin().quad_class(m.code).is_some_and(|q| q == 1 || q == 3);
        if verbal
            && self.speaker_voice(start, p)
            && let Some(r) = (p + 1..self.a.len()).find(|&j| self.is_report_verb(j))
            && let Some(k) = self.slots_in(r + 1, (r + 5).min(self.a.len())).into_iter().next().or_else(|| {
                // '"We condemn X," Y said': the speaker right before the report verb, after the quote's comma.
                self.slot_ending_at(r).filter(|&k| {
                    let s = self.actor_tokens[k].0;
                    s > p && s > 0 && self.a.is_punct(s - 1)
                })
            })
            && !matches!(self.actors[k].kind, SlotKind::Media | SlotKind::Place)
        {
            return Some(k);
        }
        None
    }

    /// "a missionary from X was arrested": the origin named in a subject that the actors stage could not name.
    pub(crate) fn origin_in_subject(&self, m: &Match) -> Option<usize> {
        let (start, _, _) = self.clause_start(m.anchor);
        self.slots_in(start, m.anchor).into_iter().find(|&k| {
            // Read "from" directly (past determiners), as the verb after the name is the subject's own.
            let mut j = self.actor_tokens[k].0;
            while j > start && self.a.is(j - 1, DET) {
                j -= 1;
            }
            // "workers affiliated with X", "militants loyal to X": an allegiance names the side as "from" does.
            let allegiance = j > start + 1
                && matches!(self.a.norm(j - 1), "with" | "to")
                && matches!(self.a.norm(j - 2), "affiliated" | "loyal" | "linked" | "belonging" | "allied");
            self.actors[k].country.is_some() && j > start && (self.a.norm(j - 1) == "from" || allegiance)
        })
    }

    /// Whether the clause from `start` to the predicate at `p` is in the speaker's own voice: its first word
    /// (past quotes and punctuation) is "we" or "I", and no actor is named before the predicate.
    fn speaker_voice(&self, start: usize, p: usize) -> bool {
        let first = (start..p).find(|&j| !self.a.is_punct(j));
        first.is_some_and(|j| matches!(self.a.norm(j), "we" | "i")) && self.slots_in(start, p).is_empty()
    }

    /// Whether slot `k` is a possessive pronoun ("his", "her", "their", "its") that opens the clause's subject
    /// noun phrase before the predicate at `p` ("His lawyers accused X", "Her aides said"): the possessor
    /// describes the subject and is not the actor; the subject itself is the unnamed head noun. A possessive right
    /// before an event noun ("his visit to X") is that noun's agent, and one before a noun for the possessor's
    /// own side (`proxy` in `data/event_precision.tsv`: "his country will ...", "her government") stands for
    /// the possessor; neither is meant here.
    fn possessive_opener(&self, k: usize, start: usize, p: usize, nominal: bool) -> bool {
        let (s, e) = self.actor_tokens[k];
        if e != s + 1 || !matches!(self.a.norm(s), "his" | "her" | "their" | "its") || e >= p {
            return false;
        }
        // "her" is also an object pronoun ("told her"): only a pronoun opening the clause is read as possessive.
        let opens = (start..s).all(|j| self.a.is_punct(j) || self.a.is(j, CONJ | SUB));
        let head = self.a.norm(e);
        let noun_head = !self.a.is_punct(e)
            && self.a.function[e] & !PLACE_NOUN == 0
            && head.chars().all(|c| c.is_alphabetic() || c == '-')
            && self.slot_at(e).is_none();
        let own_event = nominal && (e..p).all(|j| !self.a.is_punct(j) && self.a.lemmas[j].verb.is_none()) && p <= e + 2;
        let proxy = lists().proxy.contains(head);
        opens && noun_head && !own_event && !proxy
    }

    /// Whether slot `k`, before the nominal predicate at `p`, is the object of a verb of the clause ("lawmakers
    /// questioned X, an aide to Y, on the talks with Z"): a verb stands between the clause start and the slot. An
    /// event noun's agent is its possessor or the subject of the verb that governs it, never that verb's object.
    fn object_of_clause_verb(&self, k: usize, start: usize) -> bool {
        let s = self.actor_tokens[k].0;
        (start..s).any(|j| {
            if self.a.is_punct(j)
                || self.a.capitalized[j]
                || self.slot_at(j).is_some()
                || self.a.report_cues.contains(&j)
            {
                return false;
            }
            let after_word =
                j > start && !self.a.is_punct(j - 1) && !self.a.is(j - 1, DET | PREP) && self.a.norm(j - 1) != "'s";
            match self.a.lemmas[j].verb {
                Some(v) => {
                    (v.is(VerbForm::Past) || v.is(VerbForm::ThirdPerson))
                        && !matches!(v.base, "be" | "have" | "do")
                        && after_word
                        && self.a.reading(j) != Reading::Noun
                }
                // A regular past the lemma table does not know ("grilled"), after its subject.
                None => {
                    let w = self.a.norm(j);
                    w.len() > 4 && w.ends_with("ed") && after_word && self.a.function[j] == 0
                }
            }
        })
    }

    /// The country in "NOUN(S) in COUNTRY VERB" at the start of a clause: a common-noun subject (not an actor
    /// mention) of at most three words, then "in", then the only actor before the predicate.
    fn placed_subject(&self, start: usize, p: usize) -> Option<usize> {
        let slots = self.slots_in(start, p);
        let &k = slots.first()?;
        if slots.len() != 1 || !matches!(self.actors[k].kind, SlotKind::Country) || !self.can_act(k) {
            return None;
        }
        let prep = self.governing_prep(k)?;
        let head = (start..prep).filter(|&j| !self.a.is(j, DET)).count();
        let plain = (start..prep)
            .all(|j| !self.a.is_punct(j) && self.a.lemmas[j].verb.is_none_or(|_| self.a.lemmas[j].noun.is_some()));
        let close = self.actor_tokens[k].1 + 4 >= p;
        (self.a.norm(prep) == "in" && (1..=3).contains(&head) && plain && close).then_some(k)
    }
}

#[cfg(test)]
mod tests {
    use super::super::context::testing::{ids, token, with_context};

    fn subjects_of(markup: &str, verb: &str) -> Vec<String> {
        with_context(markup, |ctx, matches| {
            let m = matches.iter().find(|m| m.anchor == token(ctx, verb)).expect("predicate");
            ids(ctx, &ctx.subjects(m, &[]))
        })
    }

    #[test]
    fn the_leftmost_bare_actor_of_the_clause_and_its_list() {
        assert_eq!(subjects_of("[Iran|IRN] and [Syria|SYR] attacked [Iraq|IRQ].", "attacked"), ["IRN", "SYR"]);
        assert_eq!(subjects_of("Officials in [Iran|IRN] said [Iraq|IRQ] attacked [Syria|SYR].", "attacked"), ["IRQ"]);
    }

    #[test]
    fn a_relative_aside_is_skipped_and_an_of_phrase_names_the_subject() {
        let aside = "[Syria|SYR], which attacked [Israel|ISR] in 1973, rejected [Egypt|EGY]'s plan.";
        assert_eq!(subjects_of(aside, "rejected"), ["SYR"]);
        let of = "The foreign ministers of [Iran|IRN] and [Iraq|IRQ] met in [Baghdad|IRQL|l].";
        assert_eq!(subjects_of(of, "met"), ["IRN", "IRQ"]);
    }

    #[test]
    fn a_possessive_pronoun_opening_the_subject_is_no_subject() {
        assert!(subjects_of("[His|USA|p] lawyers accused [Iran|IRN] of lying.", "accused").is_empty());
    }
}
