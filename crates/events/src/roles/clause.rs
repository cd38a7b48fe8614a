//! Clause structure read from word order: where the clause holding a token starts and ends (report verbs,
//! relative pronouns, subordinators, fronted adverbials), which preposition governs a slot, and whether a slot
//! is a location or sits in an aside.

use super::context::Context;
use crate::lexicon::{BACKGROUND, CONJ, DET, MODAL, PLACE_NOUN, PREP, PRESENT_AUX, RELPRO, RoleCues, SUB, is_locative};
use crate::reading::Reading;
use dyad_text::VerbForm;

/// How far back (tokens) from a "that" a "tell" may stand with its addressee between ("told a few thousand
/// teachers who covered the Statehouse lawn that ...").
const TELL_REACH: usize = 12;

impl Context<'_> {
    /// The preposition governing slot `k`, if it sits in a prepositional phrase (past determiners and modifiers).
    pub(crate) fn governing_prep(&self, k: usize) -> Option<usize> {
        let (s, _) = self.actor_tokens[k];
        let mut j = s;
        for _ in 0..3 {
            if j == 0 {
                return None;
            }
            j -= 1;
            // "said on Tuesday that Sudan must ...": "that" opens a clause; the actor after it is no object.
            if self.a.norm(j) == "that" {
                return None;
            }
            if self.a.is(j, PREP) {
                // "a day after Kim sent ...": a preposition opening a clause with its own finite verb is a
                // subordinator, and the actor is that clause's subject.
                let (_, e) = self.actor_tokens[k];
                // The agentive "by" never opens a clause in English: "militias backed by Iran attacked ..." keeps
                // Iran inside the "by" phrase.
                let finite = self.a.norm(j) != "by"
                    && self
                        .a
                        .lemmas
                        .get(e)
                        .and_then(|l| l.verb)
                        .is_some_and(|v| v.is(VerbForm::Past) || v.is(VerbForm::ThirdPerson) && !self.a.is(e, DET));
                // "a bombing in X killed ...", "a journalist from X was held": a place preposition opens no clause.
                let place = is_locative(self.a.norm(j))
                    || self.a.norm(j) == "from"
                    || self.a.norm(j) == "of" && self.place_noun_of(j);
                return (!finite || place).then_some(j);
            }
            // "of X and Y": a list item shares the preposition of the item before it.
            if self.a.is(j, CONJ)
                && let Some(prev) = self.slot_ending_at(j)
            {
                return self.governing_prep(prev);
            }
            // "loyal to Iraq's Al-Qaeda frontman": a possessor is the determiner of the noun phrase it opens, so
            // the preposition before the possessor governs the whole phrase.
            if self.a.norm(j + 1) == "'s"
                && let Some(q) = self.slot_at(j)
                && self.actor_tokens[q].1 == j + 1
            {
                j = self.actor_tokens[q].0;
                continue;
            }
            let modifier = self.a.is(j, DET)
                || (!self.a.is_punct(j) && self.a.lemmas[j].verb.is_none() && !self.a.is(j, CONJ | RELPRO | SUB));
            if !modifier || self.slot_at(j).is_some() {
                return None;
            }
        }
        None
    }

    pub(crate) fn is_location_use(&self, k: usize, own_prep: Option<usize>) -> bool {
        match self.governing_prep(k) {
            Some(p) if Some(p) != own_prep => {
                is_locative(self.a.norm(p)) || self.a.norm(p) == "of" && self.place_noun_of(p)
            }
            _ => false,
        }
    }

    /// "near the town of X", "in the northern city of X": an "of" after a place noun that a locative
    /// preposition governs (past determiners and adjectives) makes X a location too.
    fn place_noun_of(&self, of: usize) -> bool {
        let Some(noun) = of.checked_sub(1) else { return false };
        if !self.a.is(noun, PLACE_NOUN) {
            return false;
        }
        let mut j = noun;
        for _ in 0..4 {
            let Some(prev) = j.checked_sub(1) else { return false };
            j = prev;
            if is_locative(self.a.norm(j)) {
                return true;
            }
            let modifier = self.a.is(j, DET) || self.a.lemmas[j].verb.is_none() && self.a.function[j] == 0;
            if self.a.is_punct(j) || !modifier || self.slot_at(j).is_some() {
                return false;
            }
        }
        false
    }

    /// Start of the clause that holds token `p`, and the report verb or relative pronoun that opens it. A fronted
    /// adverbial ("When meeting X, ...", "During a meeting in Y, ...") is skipped up to its comma.
    pub(crate) fn clause_start(&self, p: usize) -> (usize, Option<usize>, Option<usize>) {
        let found = self.raw_clause_start(p);
        let start = found.0;
        let fronted = start < p
            && (self.a.is(start, SUB | PREP)
                || self.a.report_cues.contains(&start)
                || self.a.lemmas[start].verb.is_some_and(|v| v.is(VerbForm::Gerund)));
        if fronted && let Some(comma) = (start + 1..p).find(|&j| self.a.norm(j) == ",") {
            return (comma + 1, found.1, found.2);
        }
        found
    }

    pub(crate) fn raw_clause_start(&self, p: usize) -> (usize, Option<usize>, Option<usize>) {
        let mut j = p;
        while j > 0 {
            j -= 1;
            if self.a.is_boundary(j) {
                return (j + 1, None, None);
            }
            if self.is_report_verb(j) {
                let mut start = j + 1;
                if self.a.norm(start) == "that" {
                    start += 1;
                }
                return (start, Some(j), None);
            }
            // "said on Tuesday that X ...": a "that" a few words after a report verb opens the reported clause; so
            // does one after "told X" (the addressee stands between: "told Greek officials that Greece must ...").
            if self.a.norm(j) == "that"
                && let Some(r) = (j.saturating_sub(5)..j)
                    .rev()
                    .find(|&r| self.is_report_verb(r))
                    .filter(|&r| self.tells(r) || (r + 1..j).all(|q| self.slot_at(q).is_none()))
                    .or_else(|| self.told_before(j))
            {
                return (j + 1, Some(r), None);
            }
            // "Syria, which attacked Israel in 1973, rejected ...": a relative clause between commas that closes
            // before `p` is an aside; `p` belongs to the main clause, whose subject comes before it.
            if self.a.is(j, RELPRO) && j > 1 && self.a.norm(j - 1) == "," && (j + 1..p).any(|c| self.a.norm(c) == ",") {
                j -= 1;
                continue;
            }
            // "warned Hezbollah on Tuesday that the army could strike": after a verb of warning or assuring, its
            // addressee and a time, "that" opens what was said, not a relative clause; the clause runs on back to
            // the warning, as with no "that" ("warned Lebanon it could strike").
            if self.a.norm(j) == "that" && self.warned_before(j) {
                continue;
            }
            if self.a.is(j, RELPRO)
                || (self.a.norm(j) == "that"
                    && j > 0
                    && !self.a.is_punct(j - 1)
                    && (self.slot_ending_at(j).is_some() || self.relative_that(j)))
            {
                return (j + 1, None, Some(j));
            }
            if self.opens_finite_clause(j, p) {
                return (j + 1, None, None);
            }
        }
        (0, None, None)
    }

    /// "told a few thousand teachers who covered the Statehouse lawn that the Legislature should ...": a "tell"
    /// further back than a plain report verb, whose addressee (with a relative clause of its own) stands between it
    /// and the "that" at `j`, with no punctuation between; not when a verb follows the "that", which then opens a
    /// relative clause ("told the officials that attended ...").
    fn told_before(&self, j: usize) -> Option<usize> {
        let verb_follows = self.a.lemmas.get(j + 1).is_some_and(|l| l.verb.is_some() && l.noun.is_none());
        if verb_follows {
            return None;
        }
        (j.saturating_sub(TELL_REACH)..j)
            .rev()
            .take_while(|&k| !self.a.is_punct(k))
            .find(|&r| self.is_report_verb(r))
            .filter(|&r| self.tells(r))
    }

    /// Whether a verb that takes an addressee before what it says (`addressee` in `data/event_precision.tsv`:
    /// warn, assure, ...) stands a few words before the "that" at `j`, with no punctuation between ("warned Seoul
    /// on Sunday that ...").
    fn warned_before(&self, j: usize) -> bool {
        let addressee = &crate::lexicon::lists().addressee;
        (j.saturating_sub(6)..j).rev().take_while(|&k| !self.a.is_punct(k)).any(|k| {
            self.a.lemmas[k].verb.is_some_and(|v| addressee.contains(v.base)) && self.a.reading(k) != Reading::Noun
        })
    }

    /// Whether report verb `r` is "tell", whose addressee stands between it and what was said.
    fn tells(&self, r: usize) -> bool {
        self.a.lemmas.get(r).and_then(|l| l.verb).is_some_and(|v| v.base == "tell")
    }

    /// Whether "that" at `j` opens a relative clause on a common noun ("a group that has applauded X"), which is
    /// then the clause's unnamed subject; after a verb "that" opens what was said, whose subject may be the
    /// speaker's.
    pub(crate) fn relative_that(&self, j: usize) -> bool {
        let Some(q) = j.checked_sub(1) else { return false };
        self.a.norm(j) == "that"
            && self.a.norm(q).chars().all(char::is_alphabetic)
            && !self.a.norm(q).ends_with("ly")
            && !self.a.is(q, DET | PREP | CONJ | RELPRO | SUB | MODAL)
            && self.a.reading(q) == Reading::Noun
            && !self.is_report_verb(q)
            && self.slot_ending_at(j).is_none()
    }

    /// "a day after Kim sent ...", "before the minister left ...": a preposition or subordinator followed by an
    /// actor and a finite verb (at or before `p`) opens a clause of its own, whose subject is that actor.
    fn opens_finite_clause(&self, j: usize, p: usize) -> bool {
        // Only a subordinator or a preposition of time opens a clause: "in Iraq said" is a place in a subject.
        let opens = self.a.is(j, SUB) || matches!(self.a.norm(j), "after" | "before" | "since" | "until" | "till");
        if !opens {
            return false;
        }
        let mut first = j + 1;
        while first < p && self.a.is(first, DET) {
            first += 1;
        }
        let Some(k) = self.slot_starting_at(first) else { return false };
        let verb = self.actor_tokens[k].1;
        verb <= p
            && self.a.lemmas.get(verb).and_then(|l| l.verb).is_some_and(|v| {
                (v.is(VerbForm::Past) || v.is(VerbForm::ThirdPerson)) && !self.a.is(verb, DET) && !self.a.is(verb, PREP)
            })
    }

    /// End (exclusive) of the clause that holds token `p`.
    pub(crate) fn clause_end(&self, p: usize) -> usize {
        (p + 1..self.a.len()).find(|&j| self.a.is_boundary(j) || self.is_report_verb(j)).unwrap_or(self.a.len())
    }

    /// Whether token `p` is a past participle directly followed by "by" and not after a form of "be" or "have":
    /// the head of a reduced passive relative clause ("backed by", "agreed by"), whose parties belong to that
    /// clause and not to the predicate whose object it modifies.
    pub(crate) fn reduced_participle(&self, p: usize) -> bool {
        p > 0
            && self.a.norm(p + 1) == "by"
            && self.a.lemmas.get(p).is_some_and(|l| l.verb.is_some_and(|v| v.is(VerbForm::Participle)))
            && !matches!(
                self.a.norm(p - 1),
                "be" | "is" | "are" | "was" | "were" | "been" | "being" | "has" | "have" | "had" | "not"
            )
    }

    /// Whether slot `k` sits in a relative clause between commas (", which attacked Israel,") that closes before
    /// `p`: such an aside's actors are not the main clause's parties.
    pub(crate) fn in_relative_aside(&self, k: usize, p: usize) -> bool {
        let t = self.actor_tokens[k].0;
        let closed = (t + 1..p).any(|c| self.a.norm(c) == ",");
        let opener = (0..t).rev().take_while(|&j| self.a.norm(j) != ",").find(|&j| self.a.is(j, RELPRO));
        closed && opener.is_some_and(|r| r > 0 && self.a.norm(r - 1) == ",")
    }

    /// Whether a background preposition ("amid", "despite") frames the noun phrase holding token `i`.
    pub(crate) fn in_background_phrase(&self, i: usize) -> bool {
        let mut j = i;
        for _ in 0..6 {
            let Some(prev) = j.checked_sub(1) else { return false };
            j = prev;
            if self.a.is(j, BACKGROUND) {
                return true;
            }
            if self.a.is_punct(j) || self.a.lemmas[j].verb.is_some_and(|v| !v.is(VerbForm::Participle)) {
                return false;
            }
        }
        false
    }

    /// Whether predicate token `p` stands in a clause or phrase that sets the scene of the sentence's news: one
    /// opened by a preposition or subordinator of time or circumstance ("after", "before", "following", "since",
    /// "until", "when", and the `background` words "amid", "despite"), or a relative "where" after a comma ("in
    /// Serbia, where 24 people were killed"). The opener is looked for back from `p` to the nearest comma,
    /// bracket or sentence boundary, past any words; "as" and "while" are left out (comparison, contrast, "as part of").
    pub(crate) fn in_setting_clause(&self, p: usize) -> bool {
        const REACH: usize = 12;
        // "was evicted after seeking refuge at the embassy": a gerund right after the opener is the subject's
        // own earlier act, a step of the story told, not its setting.
        let gerund = |j: usize| j + 1 == p && self.a.lemmas[p].verb.is_some_and(|v| v.is(VerbForm::Gerund));
        (p.saturating_sub(REACH)..p)
            .rev()
            .take_while(|&j| !matches!(self.a.norm(j), "," | "(" | ")") && !self.a.is_boundary(j))
            .any(|j| {
                let w = self.a.norm(j);
                (matches!(w, "after" | "before" | "following" | "since" | "until" | "when") || self.a.is(j, BACKGROUND))
                    && !gerund(j)
                    || w == "where" && j > 0 && self.a.norm(j - 1) == ","
            })
    }

    /// Whether the verb group from relative pronoun `r` to the predicate at `p` is in the present, the perfect or
    /// the future ("who has vowed", "which is threatening", "who accuses"): such a relative clause states the
    /// antecedent's current stance, which is news, where a simple past recalls its history.
    pub(crate) fn current_stance(&self, r: usize, p: usize) -> bool {
        let cues = RoleCues::builtin();
        let present_verb = self
            .a
            .lemmas
            .get(p)
            .and_then(|l| l.verb)
            .is_some_and(|v| v.is(VerbForm::ThirdPerson) && !v.is(VerbForm::Past));
        present_verb || (r + 1..p).any(|j| cues.is(self.a.norm(j), PRESENT_AUX))
    }
}

#[cfg(test)]
mod tests {
    use super::super::context::testing::{token, with_context};

    #[test]
    fn a_report_verb_opens_the_reported_clause() {
        with_context("[Iran|IRN] said [Iraq|IRQ] attacked [Syria|SYR].", |ctx, _| {
            let attacked = token(ctx, "attacked");
            assert_eq!(ctx.clause_start(attacked), (token(ctx, "iraq"), Some(token(ctx, "said")), None));
            assert_eq!(ctx.clause_end(attacked), token(ctx, "."));
        });
    }

    #[test]
    fn a_relative_pronoun_opens_a_clause() {
        with_context("[Iran|IRN] arrested militants who attacked [Iraq|IRQ].", |ctx, _| {
            let who = token(ctx, "who");
            assert_eq!(ctx.clause_start(token(ctx, "attacked")), (who + 1, None, Some(who)));
        });
    }

    #[test]
    fn a_locative_preposition_makes_a_slot_a_location() {
        with_context("[Iran|IRN] met [Iraq|IRQ] in [Baghdad|IRQL|l].", |ctx, _| {
            assert_eq!(ctx.governing_prep(2), Some(token(ctx, "in")));
            assert!(ctx.is_location_use(2, None));
            assert_eq!(ctx.governing_prep(1), None);
            assert!(!ctx.is_location_use(1, None));
        });
    }
}
