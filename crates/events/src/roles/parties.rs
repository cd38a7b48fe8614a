//! Which slots may be parties at all: not a reporting outlet or an attribution's authority, not the speaker of
//! a report, not the subject of a "for ... to" clause; lists of coordinated slots; possessors.

use super::context::Context;
use crate::lexicon::{CONJ, DET, PLACE_NOUN, PREP};
use crate::precision::for_opens_clause;
use crate::slots::SlotKind;
use dyad_text::VerbForm;

/// The most actors one list may contribute (guards against run-away lists of names).
const MAX_LIST: usize = 12;

impl Context<'_> {
    /// Whether slot `k` may be a source: not a place, and not an outlet reporting the sentence or the authority
    /// of "according to X" (a quoted person is the source only through the speaker rule of [`Self::subjects`]).
    pub(crate) fn can_act(&self, k: usize) -> bool {
        let reporter =
            self.is_reporter(k) && (matches!(self.actors[k].kind, SlotKind::Media) || self.after_according(k));
        !matches!(self.actors[k].kind, SlotKind::Place) && !reporter
    }

    /// Whether slot `k` is the subject of a report ("KCNA said", "according to KCNA", "said the KCNA").
    pub(crate) fn is_reporter(&self, k: usize) -> bool {
        let (s, e) = self.actor_tokens[k];
        let after =
            self.is_report_verb(e) || (e + 1 < self.a.len() && self.is_report_verb(e + 1) && self.a.norm(e) == ",");
        // "Xinhua news agency reported": an outlet's name may be followed by a common noun or two.
        let outlet_after = matches!(self.actors[k].kind, SlotKind::Media)
            && (e..(e + 3).min(self.a.len())).take_while(|&j| !self.a.is_punct(j)).any(|j| self.is_report_verb(j));
        let after = after || outlet_after;
        // "..., said the KCNA." (inverted) but not "said Japan had ...": the reporter ends the clause.
        let ends_clause = e >= self.a.len() || self.a.is_punct(e) || self.a.is(e, PREP);
        let before = ends_clause
            && s >= 1
            && (self.is_report_verb(s - 1) || (s >= 2 && self.is_report_verb(s - 2) && self.a.norm(s - 1) == "the"));
        after || before || self.after_according(k)
    }

    /// Whether slot `k` names who reported the information: right after "according to", or anywhere in an
    /// attribution phrase ("according to Sui-Lee Wee of the New York Times": the reporter's employer is no target
    /// either).
    pub(crate) fn after_according(&self, k: usize) -> bool {
        let s = self.actor_tokens[k].0;
        (s >= 2 && self.a.norm(s - 1) == "to" && self.a.norm(s - 2) == "according")
            || (s >= 3 && self.a.norm(s - 2) == "to" && self.a.norm(s - 3) == "according")
            || self.attribution.iter().any(|&(from, to)| from <= s && s < to)
    }

    /// Whether slot `k` is the subject of a report verb right after it ("..., Thai military sources said"): the
    /// speaker of the sentence, never the target of what it reports.
    pub(crate) fn speaks(&self, k: usize) -> bool {
        let (_, mut e) = self.actor_tokens[k];
        // "the World Food Program (WFP) said": past an acronym in brackets.
        if self.a.norm(e) == ")" {
            e += 1;
        }
        if self.a.norm(e) == "("
            && let Some(close) = (e + 1..(e + 4).min(self.a.len())).find(|&j| self.a.norm(j) == ")")
        {
            e = close + 1;
        }
        // "X, said KCNA": a comma and an inverted report verb belong to the actor after the verb.
        let inverted = |r: usize| {
            let next = if self.a.norm(r + 1) == "the" { r + 2 } else { r + 1 };
            self.slot_starting_at(next).is_some()
        };
        self.is_report_verb(e)
            || (self.a.norm(e) == "," && e + 1 < self.a.len() && self.is_report_verb(e + 1) && !inverted(e + 1))
            || self.nouns_then_report(e)
    }

    /// "X sources said", "the X refugee agency reported": one to three common nouns from token `e`, then a
    /// report verb.
    fn nouns_then_report(&self, e: usize) -> bool {
        let mut j = e;
        while j < self.a.len() && j < e + 3 {
            if self.a.is_punct(j) || self.a.function[j] & !PLACE_NOUN != 0 || self.a.lemmas[j].verb.is_some() {
                return false;
            }
            j += 1;
            if self.is_report_verb(j) {
                return true;
            }
        }
        false
    }

    /// A list starting at slot `k`: "Syria, South Africa, Zimbabwe and Tanzania" -> all four.
    pub(crate) fn coordinated(&self, k: usize, allowed: &dyn Fn(usize) -> bool) -> Vec<usize> {
        let mut list = vec![k];
        let mut confirmed = 1; // length of the prefix closed by a conjunction
        let mut cur = k;
        loop {
            let (_, e) = self.actor_tokens[cur];
            let mut j = e;
            let mut saw_conj = false;
            let mut saw_sep = false;
            // "the Royal Australian Air Force, the Royal Saudi Air Force and ...": a capitalised word or two of a
            // name that the mention leaves out may open the next item.
            let name_word = |j: usize, saw_sep: bool| {
                saw_sep
                    && self.a.capitalized[j]
                    && !self.a.is_punct(j)
                    && (self.slot_starting_at(j + 1).is_some()
                        || self.a.capitalized.get(j + 1).is_some_and(|&c| c) && self.slot_starting_at(j + 2).is_some())
            };
            while j < self.a.len()
                && (self.a.norm(j) == "," || self.a.is(j, CONJ) || self.a.is(j, DET) || name_word(j, saw_sep))
                && !(saw_sep && self.slot_starting_at(j).is_some())
            {
                saw_conj |= self.a.is(j, CONJ);
                saw_sep |= self.a.norm(j) == "," || self.a.is(j, CONJ);
                j += 1;
            }
            let next = if saw_sep { self.slot_starting_at(j) } else { None };
            match next {
                Some(n) if allowed(n) && !list.contains(&n) && list.len() < MAX_LIST => {
                    list.push(n);
                    if saw_conj {
                        confirmed = list.len();
                        // Items after "and" end the list, unless another comma list follows.
                    }
                    cur = n;
                }
                _ => break,
            }
        }
        list.truncate(confirmed);
        list
    }

    /// "an agreement for US troops to begin leaving", "called for Kyiv to investigate": the noun phrase between
    /// "for" and a "to" infinitive is that infinitive's subject, not the object of a predicate before "for".
    pub(crate) fn for_to_subject(&self, k: usize) -> bool {
        let (s, e) = self.actor_tokens[k];
        let Some(for_at) = (s.saturating_sub(2)..s).rev().find(|&j| self.a.norm(j) == "for") else { return false };
        if !for_opens_clause(self.a, for_at) {
            return false;
        }
        let to = (e..(e + 3).min(self.a.len())).find(|&j| self.a.norm(j) == "to");
        (for_at + 1..s).all(|j| self.a.is(j, DET) || !self.a.is_punct(j) && self.a.lemmas[j].verb.is_none())
            && to.is_some_and(|t| {
                (e..t).all(|j| {
                    !self.a.is_punct(j) && self.a.lemmas[j].verb.is_none_or(|_| self.a.lemmas[j].noun.is_some())
                }) && self.a.lemmas.get(t + 1).is_some_and(|l| l.verb.is_some_and(|v| v.is(VerbForm::Base)))
            })
    }

    /// "Kim's visit": the slot right before a possessive `'s` in front of the phrase (modifiers allowed).
    pub(crate) fn possessor(&self, anchor: usize) -> Option<usize> {
        let mut j = anchor;
        for _ in 0..3 {
            j = j.checked_sub(1)?;
            // "Trump's July 25 call with X": a date between the possessor and its event noun.
            while let Some(&(s, _)) = self.time_tokens.iter().find(|&&(s, e)| s <= j && j < e && s > 0) {
                j = s - 1;
            }
            if self.a.norm(j) == "'s" {
                let k = self.slot_ending_at(j)?;
                return self.can_act(k).then_some(k);
            }
            if self.a.is_punct(j) || self.a.is(j, PREP) {
                return None;
            }
        }
        None
    }

    /// Whether slot `k` names a peacekeeping force: a peacekeeping cue inside its mention or within two words
    /// after it ("UN peacekeepers").
    pub(crate) fn peacekeepers(&self, k: usize) -> bool {
        let (s, e) = self.actor_tokens[k];
        self.a.peacekeeping_cues.iter().any(|&c| c >= s && c < e + 2)
    }
}

#[cfg(test)]
mod tests {
    use super::super::context::testing::with_context;

    #[test]
    fn a_list_runs_to_the_item_after_its_conjunction() {
        with_context("[Syria|SYR], [South Africa|ZAF], [Zimbabwe|ZWE] and [Tanzania|TZA] met [Iran|IRN].", |ctx, _| {
            assert_eq!(ctx.coordinated(0, &|_| true), [0, 1, 2, 3]);
            assert_eq!(ctx.coordinated(0, &|k| k != 2), [0]);
        });
    }

    #[test]
    fn an_outlet_reporting_and_a_place_do_not_act() {
        with_context("According to [KCNA|KCNA|m], [Iran|IRN] shelled [Basra|IRQL|l].", |ctx, _| {
            assert!(ctx.after_according(0) && ctx.is_reporter(0));
            assert!(!ctx.can_act(0));
            assert!(ctx.can_act(1));
            assert!(!ctx.can_act(2));
        });
    }

    #[test]
    fn a_possessor_owns_the_event_noun() {
        with_context("[Kim|PRK|p]'s visit to [Russia|RUS] ended.", |ctx, m| {
            assert_eq!(ctx.possessor(m[0].anchor), Some(0));
        });
    }
}
