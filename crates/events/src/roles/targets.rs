//! The targets of a predicate: the first allowed actor after it (or after its preposition) in its clause, and
//! its list, with the clause's inner clauses cut off; placed objects ("rebels in X"), raised complements,
//! purpose destinations, the agent of a nominalised object, and the place of a protest or visit.

use super::context::Context;
use crate::codebook::Codebook;
use crate::lexicon::{BACKGROUND, CONJ, DET, GROUP_NOUN, PREP, RELPRO, RoleCues};
use crate::matcher::Match;
use crate::slots::SlotKind;
use dyad_text::VerbForm;

/// How far back (tokens) a purpose infinitive looks for the destination of the movement it follows.
const PURPOSE_REACH: usize = 12;

impl Context<'_> {
    /// The targets after token `from` up to the clause end: the first allowed actor and its list.
    pub(crate) fn targets_after(&self, from: usize, m: &Match, exclude: &[usize]) -> Vec<usize> {
        let end = self.clause_end(m.anchor).max(m.end);
        // "agreed to X despite Y's objection": a circumstance phrase after the object holds no party.
        let end = (from..end).find(|&j| self.a.is(j, BACKGROUND)).unwrap_or(end);
        // "arrested militants who had attacked X": a relative clause after the object is a clause of its own, whose
        // parties the predicate does not reach.
        let end = (from + 1..end).find(|&j| self.a.is(j, RELPRO) && self.a.norm(j) != "that").unwrap_or(end);
        let end = self.means_start(from + 1, end);
        // "blocked the delivery of aid in an attempt to force the U.S. to leave": a purpose clause after the object
        // is a clause of its own, whose parties the predicate does not reach.
        let purposes = &crate::lexicon::lists().purpose;
        let end = (from + 1..end).find(|&j| purposes.iter().any(|p| self.a.phrase_at(j, p).is_some())).unwrap_or(end);
        // "withdrew from a zone agreed by X and Y": a reduced passive relative after the object is a clause of its
        // own too; its agents acted on the object, not with the predicate's subject.
        // Not so for a meeting, a support, an investigation, a reaction, a coercion or an attack (roots 04, 05, 09,
        // 10-14, 17-20): those aim at whoever made, sent, did or holds the thing ("met envoys sent by X",
        // "investigated crimes committed by X", "shelled positions held by X").
        let at_author = matches!(
            Codebook::builtin().root(m.code),
            Some("04" | "05" | "09" | "10" | "11" | "12" | "13" | "14" | "17" | "18" | "19" | "20")
        );
        let end = if at_author { end } else { (from + 1..end).find(|&j| self.reduced_participle(j)).unwrap_or(end) };
        // "talks pursuing an agreement for US troops to begin leaving X": a "for" infinitive clause is a clause of
        // its own; neither its subject nor its objects are the predicate's.
        let end = self
            .slots_in(from, end)
            .into_iter()
            .find(|&k| self.for_to_subject(k))
            .map_or(end, |k| self.actor_tokens[k].0.min(end));
        let movement = Codebook::builtin().root(m.code) == Some("04");
        // "the invasion of South Lebanon", "bombed Gaza City": a place attacked stands for its country.
        let armed = matches!(Codebook::builtin().root(m.code), Some("18" | "19" | "20"));
        let allowed = |k: usize| {
            !exclude.contains(&k)
                && !exclude.iter().any(|&x| self.actors[x].actor_id == self.actors[k].actor_id)
                // ... but only as the object itself, not a place named further on ("north of Beijing").
                && (movement
                    || armed && self.actor_tokens[k].0 <= from + 2
                    || !matches!(self.actors[k].kind, SlotKind::Place))
                && !self.is_location_use(k, m.prep)
                && !(self.is_reporter(k) && (matches!(self.actors[k].kind, SlotKind::Media) || self.after_according(k)))
                && !self.after_according(k)
                && !self.speaks(k)
                && !self.for_to_subject(k)
        };
        // A symmetric or movement predicate may name its partner at any distance in the clause; others only
        // close to the verb, so that a later adjunct's actor is not taken for the object.
        let first = self.slots_in(from, end).into_iter().find(|&k| allowed(k));
        // "demanded a truce with Moslem forces in east Bosnia": a group the actors stage could not name, placed by
        // a country, stands for that country's side (the object-side twin of `placed_subject`).
        // A group of the source's own side placed so ("Bosnian Serbs demanded a truce with Moslem forces in
        // Bosnia") is still the object: an actor further on sits in another phrase and is no target either.
        // "called for democratic reforms in Zimbabwe": reform asked of a country is asked of the country it is in.
        let reform = ["024", "104"].iter().any(|c| m.code.starts_with(c));
        if let Some(k) = self.placed_object(from, end, reform)
            && first.is_none_or(|f| self.actor_tokens[k].0 < self.actor_tokens[f].0)
        {
            let own =
                exclude.contains(&k) || exclude.iter().any(|&x| self.actors[x].actor_id == self.actors[k].actor_id);
            // "a truce between rebels in Sudan and Chad": the placing country may head a list.
            let placed_too = |n: usize| {
                n == k
                    || !exclude.contains(&n)
                        && !exclude.iter().any(|&x| self.actors[x].actor_id == self.actors[n].actor_id)
                        && matches!(self.actors[n].kind, SlotKind::Country | SlotKind::Place)
            };
            return if own { Vec::new() } else { self.coordinated(k, &placed_too) };
        }
        match first {
            Some(k) => self.coordinated(k, &allowed),
            None => Vec::new(),
        }
    }

    /// The country in "... GROUP-NOUN in COUNTRY" a few words after `from`: English places a group by a locative
    /// phrase right after its head noun ("rebels in Darfur", "Moslem forces in east Bosnia"), and a group of
    /// people located in a country is, in CAMEO's coding, that country's side. Only a plural group noun
    /// (`data/role_cues.tsv`) heads such a phrase; "held talks in X" names where, not whom. With `reform` (the
    /// predicate asks for or demands political reform, 024x or 104x) any noun heads it: "reforms in X" are X's.
    fn placed_object(&self, from: usize, end: usize, reform: bool) -> Option<usize> {
        let limit = end.min(from + 7);
        // Cheap word tests first: most predicates have no "in" after a group noun within reach.
        let i = (from + 1..limit).find(|&i| self.a.norm(i) == "in")?;
        if !(reform || RoleCues::builtin().is(self.a.norm(i - 1), GROUP_NOUN))
            || (from..i).any(|j| self.a.is_punct(j) || self.slot_at(j).is_some())
        {
            return None;
        }
        let k = self.slots_in(i + 1, (i + 4).min(end)).into_iter().next()?;
        let placed = self.governing_prep(k) == Some(i)
            && matches!(self.actors[k].kind, SlotKind::Country | SlotKind::Place)
            && self.actors[k].country.is_some();
        placed.then_some(k)
    }

    /// "established ties with and opened an embassy in X": a preposition left bare before a coordinator shares
    /// the complement of the next conjunct's preposition (right-node raising), locative or not.
    pub(crate) fn raised_complement(&self, m: &Match, sources: &[usize]) -> Vec<usize> {
        let end = self.clause_end(m.anchor).max(m.end);
        let Some(conj) = (m.anchor + 1..end)
            .find(|&p| self.a.is(p, PREP) && self.a.is(p + 1, CONJ) && !self.a.is(p + 2, DET))
            .map(|p| p + 1)
        else {
            return Vec::new();
        };
        let allowed = |k: usize| {
            !sources.contains(&k) && !sources.iter().any(|&x| self.actors[x].actor_id == self.actors[k].actor_id)
        };
        let after = self.clause_end(conj + 1);
        self.slots_in(conj + 1, after)
            .into_iter()
            .find(|&k| allowed(k) && self.governing_prep(k).is_some_and(|q| q > conj))
            .map(|k| self.coordinated(k, &allowed))
            .unwrap_or_default()
    }

    /// "sent experts to X to investigate", "flew to X to mediate": a purpose infinitive that names no party of
    /// its own acts on the destination of the movement it follows in the same clause.
    pub(crate) fn purpose_destination(&self, m: &Match, sources: &[usize]) -> Option<usize> {
        if m.symmetric || m.anchor < 2 || self.a.norm(m.anchor - 1) != "to" {
            return None;
        }
        let mut j = m.anchor - 1;
        while j > 0 && m.anchor - j < PURPOSE_REACH {
            j -= 1;
            if self.a.is_boundary(j) || self.a.norm(j) == "," {
                return None;
            }
            if let Some(k) = self.slot_ending_at(j + 1)
                && !sources.contains(&k)
                && !sources.iter().any(|&x| self.actors[x].actor_id == self.actors[k].actor_id)
            {
                return self.governing_prep(k).filter(|&q| matches!(self.a.norm(q), "to" | "into")).map(|_| k);
            }
        }
        None
    }

    /// "protested the arrest of Chinese fishermen by the Philippine navy": when the object of a reaction (a
    /// demand, disapproval, rejection, threat or protest, roots 10-14) is a nominalised act whose agent a "by"
    /// phrase names, the reaction is aimed at that agent, as CAMEO codes the party whose act is reacted to.
    pub(crate) fn agent_of_nominalised_object(
        &self,
        m: &Match,
        targets: &[usize],
        exclude: &[usize],
    ) -> Option<Vec<usize>> {
        if !matches!(Codebook::builtin().root(m.code), Some("10" | "11" | "12" | "13" | "14")) {
            return None;
        }
        let &first = targets.first()?;
        let of = self.governing_prep(first)?;
        if self.a.norm(of) != "of" || of <= m.anchor {
            return None;
        }
        let last = targets.iter().map(|&t| self.actor_tokens[t].1).max()?;
        // "of Chinese fishermen by": up to three common nouns may end the patient's phrase before "by".
        let by = (last..(last + 4).min(self.a.len())).find(|&j| self.a.norm(j) == "by")?;
        if (last..by).any(|j| self.a.is_punct(j) || self.slot_at(j).is_some() || self.a.is(j, PREP | CONJ)) {
            return None;
        }
        let mut j = by + 1;
        while self.slot_starting_at(j).is_none() && self.a.is(j, DET) {
            j += 1;
        }
        let agent = self.slot_starting_at(j)?;
        let allowed = |k: usize| {
            self.can_act(k)
                && !exclude.contains(&k)
                && !exclude.iter().any(|&x| self.actors[x].actor_id == self.actors[k].actor_id)
        };
        allowed(agent).then(|| self.coordinated(agent, &allowed))
    }

    /// Where a "by" and gerund phrase opens in `from..end` (`end` if none): "charged X with espionage by publishing
    /// files about the war in Y" names the means, whose objects and places are not the predicate's. A gerund the
    /// lemma table does not know ("publishing") is read from its ending.
    fn means_start(&self, from: usize, end: usize) -> usize {
        let gerund = |j: usize| {
            self.a.lemmas.get(j).is_some_and(|l| {
                l.verb.is_some_and(|v| v.is(VerbForm::Gerund))
                    || l.verb.is_none()
                        && l.noun.is_none()
                        && self.a.norm(j).len() > 5
                        && self.a.norm(j).ends_with("ing")
            })
        };
        (from..end).find(|&j| self.a.norm(j) == "by" && gerund(j + 1)).unwrap_or(end)
    }

    /// Where a protest, a coercive measure or an armed action with no named target happens: the nearest country
    /// in the clause used as a location ("in Serbia", "at a jail in northern Israel"), other than the source.
    pub(crate) fn protest_place(&self, m: &Match, sources: &[usize]) -> Option<usize> {
        let administrative = Codebook::builtin().root(m.code) == Some("17") || m.code.starts_with("081");
        // "fired shells at targets in X-city": an armed action in a foreign city is against that city's country.
        let armed = matches!(Codebook::builtin().root(m.code), Some("18" | "19" | "20"));
        // "suspended aid deliveries in X-city", "distributed food in X-city": aid given or cut off abroad is for
        // (or against) the country it is delivered in.
        let aid = Codebook::builtin().root(m.code) == Some("07") || m.code.starts_with("162");
        // "Kurds demonstrated in Kirkuk": a protest in a city of the protesters' own country is against its
        // authorities; one abroad ("marched in Paris") names only where it was.
        let protest = Codebook::builtin().root(m.code) == Some("14");
        let foreign = |k: usize| {
            let c = self.actors[k].country.as_deref();
            sources.iter().all(|&s| self.actors[s].country.as_deref().is_some_and(|sc| Some(sc) != c))
        };
        let home = |k: usize| {
            let c = self.actors[k].country.as_deref();
            c.is_some() && sources.iter().any(|&s| self.actors[s].country.as_deref() == c)
        };
        let (start, _, _) = self.clause_start(m.anchor);
        let end = self.means_start(m.anchor + 1, self.clause_end(m.anchor));
        self.slots_in(start, end)
            .into_iter()
            // A country named as the place, not a city: "marched in Hong Kong" says where, not against whom; but
            // a curfew or its easing "in Algiers" is imposed on that city's people.
            .filter(|&k| {
                matches!(self.actors[k].kind, SlotKind::Country | SlotKind::Group)
                    || (administrative || (armed || aid) && foreign(k) || protest && home(k))
                        && matches!(self.actors[k].kind, SlotKind::Place)
            })
            .filter(|&k| self.actor_tokens[k].0 > m.anchor && self.is_location_use(k, None))
            .filter(|&k| !sources.contains(&k) && self.actors[k].country.is_some())
            .min_by_key(|&k| self.actor_tokens[k].0.abs_diff(m.anchor))
    }

    /// Where a visitor came to: a place the sentence locates itself in ("in Pyongyang"), else another actor of
    /// another country in the same clause (the host).
    pub(crate) fn host_of(&self, m: &Match, visitor: usize) -> Option<usize> {
        let country = self.actors[visitor].country.as_deref();
        let other = |k: usize| k != visitor && country.is_some() && self.actors[k].country.as_deref() != country;
        let all = self.slots_in(0, self.a.len());
        all.iter()
            .copied()
            .find(|&k| other(k) && matches!(self.actors[k].kind, SlotKind::Place) && self.is_location_use(k, m.prep))
            .or_else(|| {
                let end = self.clause_end(m.anchor);
                all.iter().copied().find(|&k| {
                    other(k)
                        && self.actor_tokens[k].1 <= end
                        && matches!(self.actors[k].kind, SlotKind::Person | SlotKind::Country)
                        && self.can_act(k)
                })
            })
    }
}

#[cfg(test)]
mod tests {
    use super::super::context::testing::{ids, token, with_context};

    fn targets_of(markup: &str, verb: &str) -> Vec<String> {
        with_context(markup, |ctx, matches| {
            let m = matches.iter().find(|m| m.anchor == token(ctx, verb)).expect("predicate");
            let from = m.prep.map_or(m.anchor + 1, |k| k + 1);
            ids(ctx, &ctx.targets_after(from, m, &[0]))
        })
    }

    #[test]
    fn the_first_allowed_actor_after_the_predicate_and_its_list() {
        let met = "[Iran|IRN] met with [Iraq|IRQ] and [Syria|SYR] in [Baghdad|IRQL|l].";
        assert_eq!(targets_of(met, "met"), ["IRQ", "SYR"]);
    }

    #[test]
    fn a_place_is_a_target_only_of_a_movement_or_an_attack() {
        assert_eq!(targets_of("[Iran|IRN] visited [Baghdad|IRQL|l].", "visited"), ["IRQL"]);
        assert!(targets_of("[Iran|IRN] praised [Baghdad|IRQL|l].", "praised").is_empty());
    }

    #[test]
    fn a_relative_clause_after_the_object_holds_no_target() {
        let markup = "[Iran|IRN] arrested militants who had attacked [Iraq|IRQ].";
        assert!(targets_of(markup, "arrested").is_empty());
    }

    #[test]
    fn reform_asked_for_in_a_country_is_asked_of_it() {
        let markup = "[Britain|GBR] called for democratic reforms in [Zimbabwe|ZWE].";
        assert_eq!(targets_of(markup, "called"), ["ZWE"]);
        // Talks held in a country are held there, not with it.
        assert!(targets_of("[Britain|GBR] called for talks in [Zimbabwe|ZWE].", "called").is_empty());
    }
}
