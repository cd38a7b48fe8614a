//! Constructions that decide a predicate's source in their own way: reduced passives ("backed by X"),
//! accusations with a gerund ("accused X of attacking"), attack nouns and unnamed protesters (by the state where it
//! happens), coordinated verbs, attributive movers ("the visiting X"), and event nouns that are no act of the
//! subject (the object of a stance verb, a purpose).

use super::context::Context;
use crate::codebook::Codebook;
use crate::lexicon::{CONJ, DET, MODAL, PAST_VERBS, PLACE_NOUN, PREP, RELPRO, SUB, lists};
use crate::matcher::{Match, MatchKind};
use crate::reading::Reading;
use crate::slots::SlotKind;
use dyad_text::VerbForm;

impl Context<'_> {
    /// "the deportation of Haitian migrants by the Dominican Republic": an event noun whose "of" argument is
    /// followed, inside the same noun phrase, by "by" and a party that can act names that party as its agent.
    /// Returns the agent, or `None` when no such "by" follows (a punctuation mark or a verb ends the phrase first,
    /// or "by" opens a time or a means, "by Friday", "by force").
    pub(crate) fn agent_after_of(&self, m: &Match) -> Option<usize> {
        let of = m.prep.filter(|&k| self.a.norm(k) == "of")?;
        let end = self.clause_end(m.anchor).min(of + 12);
        for j in of + 1..end {
            if self.a.is_punct(j) || self.slot_at(j).is_none() && self.a.lemmas[j].verb.is_some() {
                return None;
            }
            if self.a.norm(j) == "by" {
                let agent = self.slot_starting_at(j + 1);
                let agent = agent.or_else(|| self.a.is(j + 1, DET).then(|| self.slot_starting_at(j + 2)).flatten());
                return agent.filter(|&k| self.can_act(k));
            }
        }
        None
    }

    /// "Syrian troops backed by Russian aircraft attacked ...", "rebels, supported by Sudan, ...": a past
    /// participle right after an actor (or its comma) and followed by "by" is a reduced passive relative clause.
    /// A transitive verb in the active voice cannot be followed directly by "by", so the actor before is the
    /// patient and the one after "by" the agent. Returns the "by" token and the patient.
    ///
    /// The same holds after a noun that is no party ("a ceasefire zone agreed by X, Y and Z", "the plan drawn up
    /// by X"): the participle still cannot be the verb of the clause's subject, whose act it would wrongly become,
    /// so the agents after "by" are the sources and there is no patient party (`None`). Only when an actor follows
    /// "by" (a time, "by Friday", or a means, "by force", leaves the active reading).
    pub(crate) fn reduced_passive(&self, m: &Match) -> Option<(usize, Option<usize>)> {
        let p = m.anchor;
        if m.kind != MatchKind::Verb || m.passive || m.gerund || p == 0 {
            return None;
        }
        if !self.reduced_participle(p) {
            return None;
        }
        let by = p + 1;
        let patient = self.slot_ending_at(p).or_else(|| {
            (self.a.norm(p - 1) == ",").then(|| p.checked_sub(1).and_then(|q| self.slot_ending_at(q))).flatten()
        });
        // Only a determiner or a modifier may stand between "by" and its agent.
        let agent = self.slots_in(by + 1, self.clause_end(p)).into_iter().next()?;
        if self.actor_tokens[agent].0 - (by + 1) > 1 || !self.can_act(agent) {
            return None;
        }
        match patient {
            Some(k) if self.can_act(k) => Some((by, Some(k))),
            _ if self.a.is_punct(p - 1) => None,
            _ => Some((by, None)),
        }
    }

    /// "accused the US of supporting rebels", "blamed Syria for attacking Lebanon": a gerund after the object of
    /// an accusation (CAMEO roots 11, 12) takes that object as its understood subject (object control: the one
    /// accused is the one said to act), never the accuser. Returns the object's actors (empty when it names
    /// none), or `None` when the predicate is no such gerund.
    ///
    /// Infinitives after a directive ("urged the EC to support the PLO") are not handled here: the requested act
    /// has not happened, and CAMEO codes such a sentence on the directive itself, so the precision checks drop
    /// the infinitive's predicate (`precision::requested_act`).
    pub(crate) fn accused_subject(&self, m: &Match, matches: &[Match]) -> Option<Vec<usize>> {
        let p = m.anchor;
        if m.kind != MatchKind::Verb || m.passive || !m.gerund || p < 2 || !matches!(self.a.norm(p - 1), "of" | "for") {
            return None;
        }
        let object_end = p - 1;
        let accusation = matches.iter().find(|o| {
            // The words between the accusation verb (or its preposition) and "of" form its object: a noun phrase
            // (or list) of a few words.
            let start = o.prep.map_or(o.anchor + 1, |q| q + 1);
            matches!(Codebook::builtin().root(o.code), Some("11" | "12"))
                && o.kind == MatchKind::Verb
                && start < object_end
                && object_end - start <= 8
                && (start..object_end).all(|j| {
                    !self.a.is_boundary(j)
                        && (self.a.norm(j) == "," || !self.a.is_punct(j))
                        && (self.slot_at(j).is_some() || self.a.lemmas[j].verb.is_none_or(|v| !v.is(VerbForm::Past)))
                })
        })?;
        let objects: Vec<usize> = self
            .slots_in(accusation.prep.map_or(accusation.anchor + 1, |q| q + 1), object_end)
            .into_iter()
            .filter(|&k| self.can_act(k) && self.governing_prep(k).is_none_or(|q| Some(q) == accusation.prep))
            .collect();
        Some(objects.first().map(|&k| self.coordinated(k, &|n| objects.contains(&n))).unwrap_or_default())
    }

    /// "A roadside bombing near X killed ...", "an air strike hit ...": an armed predicate whose clause names
    /// no acting party before it, only an attack noun (a nominal of roots 18-20).
    pub(crate) fn attack_noun_subject(&self, m: &Match, matches: &[Match]) -> bool {
        let armed = |code: &str| matches!(Codebook::builtin().root(code), Some("18" | "19" | "20"));
        if !armed(m.code) || m.gerund {
            return false;
        }
        let (start, _, _) = self.clause_start(m.anchor);
        let actor_before =
            self.slots_in(start, m.anchor).into_iter().any(|k| self.can_act(k) && self.governing_prep(k).is_none());
        !actor_before
            && matches.iter().any(|o| {
                // "a car bombing" may have matched as the gerund of "bomb".
                (o.kind == MatchKind::Nominal || o.gerund) && o.anchor >= start && o.end <= m.anchor && armed(o.code)
            })
    }

    /// "Prisoners rioted at a jail in X", "Students marched in X-city": a protest whose clause names its
    /// protesters only by a common noun is by the people of the place it happens in.
    pub(crate) fn unnamed_protesters(&self, m: &Match) -> bool {
        if Codebook::builtin().root(m.code) != Some("14") || m.gerund || m.passive {
            return false;
        }
        let (start, report, _) = self.clause_start(m.anchor);
        // Any actor before the predicate, even in an "of" phrase ("a member of the X parliament"), may be it.
        let actor_before =
            self.slots_in(start, m.anchor).into_iter().any(|k| self.can_act(k) && !self.is_location_use(k, None));
        let noun_before = (start..m.anchor).any(|j| !self.a.is_punct(j) && self.a.function[j] & !PLACE_NOUN == 0);
        report.is_none() && !actor_before && noun_before
    }

    /// Where the predicate at `m` happens, as a party: the country or place the clause locates it in ("was
    /// arrested in X", "a bombing near the town of X"), nearest to the predicate.
    pub(crate) fn place_of_event(&self, m: &Match) -> Option<usize> {
        let (start, _, _) = self.clause_start(m.anchor);
        let end = self.clause_end(m.anchor).max(m.end);
        self.slots_in(start, end)
            .into_iter()
            .filter(|&k| matches!(self.actors[k].kind, SlotKind::Country | SlotKind::Place))
            .filter(|&k| self.actors[k].country.is_some() && self.is_location_use(k, None))
            .min_by_key(|&k| self.actor_tokens[k].0.abs_diff(m.anchor))
    }

    /// Whether the verb at `m` is the second of two coordinated past-tense verbs of one clause ("killed X and
    /// wounded Y").
    pub(crate) fn coordinated_verb(&self, m: &Match, matches: &[Match]) -> bool {
        let p = m.anchor;
        if p == 0 || self.a.norm(p - 1) != "and" || m.passive {
            return false;
        }
        let past = self.a.lemmas[p].verb.is_some_and(|v| v.is(VerbForm::Past));
        let (start, _, _) = self.clause_start(p);
        past && matches.iter().any(|o| o.kind == MatchKind::Verb && o.anchor >= start && o.end < p)
    }

    /// "he was hauled out of the embassy by the UK police and promptly taken into custody": a past participle
    /// right after "and" (past one adverb), with no party right after it, continues the passive with a "by" agent
    /// before it in the clause, whose auxiliary it leaves out: it shares that passive's agent (its sources) and
    /// subject (its targets). `None` when no such passive precedes.
    pub(crate) fn coordinated_passive(&self, m: &Match) -> Option<(Vec<usize>, Vec<usize>)> {
        let (a, p) = (self.a, m.anchor);
        let v = a.lemmas.get(p)?.verb?;
        if m.kind != MatchKind::Verb || m.passive || !v.is(VerbForm::Participle) || a.norm(p) == v.base {
            return None;
        }
        let mut and = p.checked_sub(1)?;
        if a.norm(and).ends_with("ly") {
            and = and.checked_sub(1)?;
        }
        if a.norm(and) != "and" || self.slot_starting_at(p + 1).is_some() {
            return None;
        }
        let (start, _, _) = self.clause_start(and);
        let by = (start..and).rev().find(|&k| a.norm(k) == "by")?;
        let be = |k: usize| a.lemmas[k].verb.is_some_and(|b| b.base == "be");
        // The lemma table knows event verbs only: any "-ed" form or listed irregular past counts ("was questioned").
        let participle = |k: usize| match a.lemmas[k].verb {
            Some(f) => f.is(VerbForm::Participle) && a.norm(k) != f.base,
            None => a.norm(k).ends_with("ed") || PAST_VERBS.contains(a.norm(k)),
        };
        let first = (start + 1..by).rev().find(|&k| be(k - 1) && participle(k))?;
        let agents: Vec<usize> = self.slots_in(by + 1, and).into_iter().filter(|&k| self.can_act(k)).take(1).collect();
        // The passive's subject stands right before its auxiliaries ("he was hauled", "two journalists had been
        // stopped"); "but was caught by police" names none.
        let aux = |k: usize| {
            a.is(k, MODAL) || a.norm(k) == "not" || a.lemmas[k].verb.is_some_and(|b| matches!(b.base, "be" | "have"))
        };
        let mut e = first - 1;
        while e > start && aux(e - 1) {
            e -= 1;
        }
        let patient = self.slot_ending_at(e).filter(|&k| !matches!(self.actors[k].kind, SlotKind::Place))?;
        (!agents.is_empty()).then(|| (agents, vec![patient]))
    }

    /// The actor an attributive movement participle describes: "his visiting Cuban counterpart X", "the
    /// visiting premier". Only for a gerund form of a movement (root 04) predicate after a determiner, with
    /// an actor starting within three words after it.
    pub(crate) fn attributive_mover(&self, m: &Match) -> Option<usize> {
        let i = m.anchor;
        let gerund = self.a.lemmas.get(i)?.verb.is_some_and(|v| v.is(VerbForm::Gerund));
        let movement = matches!(Codebook::builtin().root(m.code), Some("04")) && !m.symmetric;
        if !gerund || !movement || i == 0 || !self.a.is(i - 1, DET) || m.prep.is_some() {
            return None;
        }
        let near: Vec<usize> = self.slots_in(i + 1, (i + 8).min(self.a.len()));
        let first = near.iter().copied().find(|&k| self.actor_tokens[k].0 <= i + 3)?;
        // "visiting Cuban counterpart Diaz-Canel": a nationality adjective before the person is the same mover.
        let person = near
            .iter()
            .copied()
            .find(|&k| matches!(self.actors[k].kind, SlotKind::Person) && self.actor_tokens[k].0 <= i + 4);
        let k = person.unwrap_or(first);
        (self.can_act(k) && !matches!(self.actors[k].kind, SlotKind::Place)).then_some(k)
    }

    /// Whether the noun phrase at `anchor` is the object of "face" ("faces 18 criminal charges", "is facing
    /// deportation"): its subject undergoes the act.
    pub(crate) fn faced_by_subject(&self, anchor: usize) -> bool {
        let modifier =
            |k: usize| !self.a.is_punct(k) && !self.a.capitalized[k] && !self.a.is(k, PREP | CONJ | RELPRO | SUB);
        (anchor.saturating_sub(4)..anchor)
            .rev()
            .take_while(|&k| modifier(k))
            .any(|k| matches!(self.a.norm(k), "face" | "faces" | "faced" | "facing"))
    }

    /// Whether the event noun at `anchor` is the object of a verb of perception, cognition or evaluation (`stance`
    /// in `data/event_precision.tsv`: "saw the investigation into X as", "welcomed the talks with Y"): what the
    /// subject saw or judged is not the subject's act.
    pub(crate) fn object_of_stance_verb(&self, anchor: usize) -> bool {
        let stance = &lists().stance;
        let mut j = anchor;
        for _ in 0..5 {
            let Some(k) = j.checked_sub(1) else { return false };
            j = k;
            if let Some(&(s, _)) = self.time_tokens.iter().find(|&&(s, e)| s <= k && k < e) {
                j = s;
                continue;
            }
            if self.a.is_punct(k) || self.a.is(k, PREP | CONJ | RELPRO | SUB) {
                return false;
            }
            if let Some(v) = self.a.lemmas[k].verb
                && self.a.reading(k) != Reading::Noun
            {
                return stance.contains(v.base);
            }
            // The lemma table knows event verbs only: a regular or listed irregular form of a stance verb.
            let w = self.a.norm(k);
            let stem = |suffix: &str| w.strip_suffix(suffix).is_some_and(|b| stance.contains(b));
            if !self.a.capitalized[k] && (stance.contains(w) || stem("ed") || stem("d") || stem("s")) {
                return true;
            }
        }
        false
    }

    /// Whether the event noun at `anchor` sits in a "for" phrase of a common noun ("a vote approving rules for an
    /// inquiry into X", "plans for talks with Y", "a request for an investigation"): such a phrase names what the
    /// noun is meant for, a purpose or a request, not an act of the sentence's subject. Nouns whose "for" phrase
    /// is their holder's own act (`owned_for`: "responsibility for the attack") are excepted.
    pub(crate) fn purpose_of_noun(&self, anchor: usize) -> bool {
        let l = lists();
        let mut j = anchor;
        for _ in 0..4 {
            let Some(k) = j.checked_sub(1) else { return false };
            j = k;
            if self.a.norm(k) == "for" {
                let Some(head) = k.checked_sub(1) else { return false };
                let w = self.a.norm(head);
                return !self.a.is_punct(head)
                    && !self.a.capitalized[head]
                    && self.a.function[head] == 0
                    && self.slot_at(head).is_none()
                    && w.chars().all(char::is_alphabetic)
                    && self.a.reading(head) != Reading::Verb
                    && !l.owned_for.contains(w);
            }
            if self.a.is_punct(k) || self.a.is(k, PREP | CONJ | RELPRO | SUB) || self.slot_at(k).is_some() {
                return false;
            }
            if self.a.lemmas[k].verb.is_some() && self.a.reading(k) == Reading::Verb {
                return false;
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::super::context::testing::{ids, token, with_context};

    #[test]
    fn the_one_accused_is_the_gerund_s_subject() {
        with_context("[Iran|IRN] accused [Iraq|IRQ] of attacking [Syria|SYR].", |ctx, matches| {
            let m = matches.iter().find(|m| m.anchor == token(ctx, "attacking")).expect("gerund");
            assert_eq!(ctx.accused_subject(m, matches).map(|s| ids(ctx, &s)), Some(vec!["IRQ".to_string()]));
            let accused = matches.iter().find(|m| m.anchor == token(ctx, "accused")).expect("verb");
            assert_eq!(ctx.accused_subject(accused, matches), None);
        });
    }

    #[test]
    fn an_attack_noun_with_no_party_before_it_is_by_the_place() {
        with_context("A roadside bombing near [Kabul|AFGL|l] killed three soldiers.", |ctx, matches| {
            let m = matches.iter().find(|m| m.anchor == token(ctx, "killed")).expect("verb");
            assert!(ctx.attack_noun_subject(m, matches));
            assert_eq!(ctx.place_of_event(m), Some(0));
        });
    }

    #[test]
    fn the_visiting_premier_is_the_mover() {
        with_context(
            "[Modi|IND|p] and the visiting [Japanese premier Kishida|JPN|p] toured a factory.",
            |ctx, matches| {
                let m = matches.iter().find(|m| m.anchor == token(ctx, "visiting")).expect("participle");
                assert_eq!(ctx.attributive_mover(m), Some(1));
            },
        );
    }
}
