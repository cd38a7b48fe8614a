//! When and where a predicate happens: the time slot that dates it and the place slot that locates it.

use super::context::Context;
use crate::lexicon::{MODAL, PREP, PRESENT_AUX, RoleCues, SUB};
use crate::matcher::{Match, MatchKind};
use crate::slots::SlotKind;
use dyad_text::VerbForm;

impl Context<'_> {
    pub(crate) fn time_for(&self, m: &Match, matches: &[Match]) -> Option<usize> {
        // A fronted adverbial that a time expression opens dates the clause ("In November 2018 X visited Y");
        // one buried in a longer fronted phrase names an occasion ("On the occasion of the 60th anniversary").
        let (raw, _, _) = self.raw_clause_start(m.anchor);
        let (start, _, _) = self.clause_start(m.anchor);
        let end = self.end_past_names(m.anchor);
        let mut best: Option<(usize, bool, usize)> = None;
        let present = self.told_in_present(m);
        let content = self.content_clause(m);
        for (k, &(s, e)) in self.time_tokens.iter().enumerate() {
            // An act told in the present happens now: an expression well before the anchor in its clause dates
            // another act ("is seeking his extradition over the release of files in 2010"), unless it opens the
            // period that runs up to now ("have received loans since December").
            let since = (s.saturating_sub(1)..=s).any(|j| self.a.norm(j) == "since");
            if present && self.times[k].earlier && !since {
                continue;
            }
            // An expression in what a statement says ("alleged that X abused girls from 2002 to 2005") dates the
            // act stated, not the statement.
            if content.is_some_and(|t| s > t) {
                continue;
            }
            // "pleaded guilty Monday to threatening (to kill) X in March": an expression right before the
            // preposition that takes a gerund dates the verb that governs them, not the act the gerund names.
            let gerund = match m.anchor.checked_sub(2) {
                Some(g) if self.a.norm(g + 1) == "to" && self.is_gerund(g) => g,
                _ => m.anchor,
            };
            if e + 1 == gerund && self.a.is(e, PREP) && self.is_gerund(gerund) {
                continue;
            }
            let opens_fronted = s < start && s <= raw + 1 && s >= raw;
            // "a day after Kim sent": the expression that holds the subordinator dates the clause it opens.
            let opens_subordinate = e == raw && raw > 0 && self.a.is(raw - 1, PREP | SUB);
            if e <= s || (s < start.min(m.anchor) && !opens_fronted && !opens_subordinate) || e > end.max(m.end) {
                continue;
            }
            let (dist, after) = if s >= m.anchor { (s.saturating_sub(m.end), true) } else { (m.anchor - e, false) };
            let crosses = matches.iter().any(|o| {
                o.kind != MatchKind::Relation
                    && o.anchor != m.anchor
                    && o.anchor > s.min(m.anchor)
                    && o.anchor < e.max(m.anchor)
                    && !(o.anchor >= m.anchor && o.anchor < m.end)
                    // A word of the time expression itself ("March") is not a predicate between the two.
                    && !(o.anchor >= s && o.anchor < e)
            });
            if crosses {
                continue;
            }
            if best.is_none_or(|(d, a, _)| dist < d || dist == d && after && !a) {
                best = Some((dist, after, k));
            }
        }
        best.map(|b| b.2).or_else(|| self.time_before_when(m, raw))
    }

    /// "That refuge ended in April, when he was dragged out by British police": a clause that "when" opens, with no
    /// expression of its own, happens at the time of the clause before it, named right before the "when" (a comma
    /// may stand between). The time slot of that expression, if any.
    fn time_before_when(&self, m: &Match, raw: usize) -> Option<usize> {
        let when = (raw.saturating_sub(1)..=raw).find(|&j| j < m.anchor && self.a.norm(j) == "when")?;
        let before = if when > 0 && self.a.norm(when - 1) == "," { when - 1 } else { when };
        let k = self.time_tokens.iter().position(|&(s, e)| s < e && e == before)?;
        // An act told in the present happens now, not at an earlier time named before it.
        (!(self.times[k].earlier && self.told_in_present(m))).then_some(k)
    }

    /// The end of the clause of token `p`, not cut by the dot of an abbreviation: one glued to a short capitalised
    /// word before a name ("U.S. Rep. Ilhan Omar", "Lt. Gen. Smith") or glued to a word before a comma
    /// ("Omar, D-Minn., in March").
    fn end_past_names(&self, p: usize) -> usize {
        let mut end = self.clause_end(p);
        while end > 0 && self.abbreviation_dot(end) {
            end = self.clause_end(end);
        }
        end
    }

    /// Whether token `j` is the dot of an abbreviation before a name (see [`Context::end_past_names`]).
    fn abbreviation_dot(&self, j: usize) -> bool {
        let t = |i: usize| self.tokens.get(i);
        let (Some(dot), Some(word), Some(next)) = (t(j), j.checked_sub(1).and_then(t), t(j + 1)) else {
            return false;
        };
        let w = self.a.norm(j - 1);
        let title = word.capitalized && next.capitalized && w.len() <= 4 && w.chars().all(|c| c.is_ascii_alphabetic());
        // A comma never follows the end of a sentence ("D-Minn., in March").
        self.a.norm(j) == "." && word.span.end() == dot.span.start() && (title || self.a.norm(j + 1) == ",")
    }

    /// Whether token `i` is a gerund ("threatening").
    fn is_gerund(&self, i: usize) -> bool {
        self.a.lemmas.get(i).and_then(|l| l.verb).is_some_and(|v| v.is(VerbForm::Gerund))
    }

    /// The "that" opening the content clause of statement `m` ("alleged that", "told reporters that"), if any: an
    /// allegation or report verb with "that" at most three words after it.
    fn content_clause(&self, m: &Match) -> Option<usize> {
        let statement =
            m.kind == MatchKind::Verb && (self.a.allegation_verb(m.anchor) || self.is_report_verb(m.anchor));
        if !statement {
            return None;
        }
        (m.anchor + 1..(m.anchor + 5).min(self.a.len()))
            .take_while(|&j| !self.a.is_boundary(j))
            .find(|&j| self.a.norm(j) == "that")
    }

    /// Whether verb predicate `m` is told in the present: a present simple ("denies"), or a verb group with a
    /// present auxiliary, not after a modal ("is seeking", "has dropped", "have also been charged", "is accused";
    /// not "must have attacked").
    pub(crate) fn told_in_present(&self, m: &Match) -> bool {
        let a = self.a;
        if m.kind != MatchKind::Verb {
            return false;
        }
        let verb = |i: usize| a.lemmas.get(i).and_then(|l| l.verb);
        if verb(m.anchor).is_some_and(|v| v.is(VerbForm::ThirdPerson) && !v.is(VerbForm::Past)) {
            return true;
        }
        let cues = RoleCues::builtin();
        // Back over "been", "being" and words that are neither verb nor noun ("also", "not"), three at most.
        let mut i = m.anchor;
        for _ in 0..3 {
            let Some(j) = i.checked_sub(1) else { return false };
            let w = a.norm(j);
            if cues.is(w, PRESENT_AUX) {
                return w != "will" && !(j > 0 && a.is(j - 1, MODAL));
            }
            let plain = verb(j).is_none()
                && a.lemmas[j].noun.is_none()
                && !a.is_punct(j)
                && a.function.get(j).is_none_or(|&f| f == 0);
            if !(matches!(w, "been" | "being") || plain) {
                return false;
            }
            i = j;
        }
        false
    }

    pub(crate) fn location_for(&self, m: &Match, target: Option<usize>) -> Option<usize> {
        if let Some(t) = target
            && matches!(self.actors[t].kind, SlotKind::Place)
        {
            return Some(t);
        }
        let (start, _, _) = self.clause_start(m.anchor);
        let end = self.clause_end(m.anchor);
        self.slots_in(start, end)
            .into_iter()
            .filter(|&k| matches!(self.actors[k].kind, SlotKind::Place) && self.is_location_use(k, None))
            .min_by_key(|&k| self.actor_tokens[k].0.abs_diff(m.anchor))
    }
}

#[cfg(test)]
mod tests {
    use super::super::context::testing::{token, with_context};

    #[test]
    fn the_nearest_time_and_place_of_the_clause() {
        with_context("[Iran|IRN] met [Iraq|IRQ] in [Baghdad|IRQL|l] {on Monday}.", |ctx, matches| {
            let m = matches.iter().find(|m| m.anchor == token(ctx, "met")).expect("verb");
            assert_eq!(ctx.time_for(m, matches), Some(0));
            assert_eq!(ctx.location_for(m, Some(1)), Some(2));
            // A place that is the target is the location.
            assert_eq!(ctx.location_for(m, Some(2)), Some(2));
        });
    }

    #[test]
    fn a_time_across_another_predicate_dates_that_one() {
        with_context("[Iran|IRN] met [Iraq|IRQ] and attacked [Syria|SYR] {on Monday}.", |ctx, matches| {
            let met = matches.iter().find(|m| m.anchor == token(ctx, "met")).expect("verb");
            assert_eq!(ctx.time_for(met, matches), None);
        });
    }

    #[test]
    fn present_acts_and_statements_are_not_dated_by_another_clause() {
        // (sentence, predicate, whether its time slot dates it)
        let table = [
            // Present perfect, progressive, simple and passive: the earlier expression dates another act.
            ("[Norway|NOR] has suspended aid to [Chile|CHL] over a bribe paid {-in 2011}.", "suspended", false),
            ("[Peru|PER] is suing [Spain|ESP] over the sinking of a ship {-in 1998}.", "suing", false),
            ("[Kenya|KEN] accuses [Uganda|UGA] of the raid on a border post {-in March}.", "accuses", false),
            ("[Mali|MLI] has also been criticised by [France|FRA] for the coup {-in 2012}.", "criticised", false),
            // Past tense, a modal perfect, a recent day, a future day: the expression dates the act.
            ("[Norway|NOR] suspended aid to [Chile|CHL] {-in 2011}.", "suspended", true),
            ("[Peru|PER] must have attacked [Spain|ESP] {-in 1998}.", "attacked", true),
            ("[Kenya|KEN] has criticised [Uganda|UGA] {on Tuesday}.", "criticised", true),
            ("[Kenya|KEN] is meeting [Uganda|UGA] {+on Friday}.", "meeting", true),
            // An expression in the content clause dates the act stated, one before it the statement.
            ("[Kenya|KEN] alleged that [Uganda|UGA] hid the money {in 2009}.", "alleged", false),
            ("[Kenya|KEN] accused [Uganda|UGA] {on Monday} of hiding the money.", "accused", true),
            ("[Kenya|KEN] denied {on Monday} that [Uganda|UGA] hid the money.", "denied", true),
            // "since" opens the period that runs up to now.
            ("[Kenya|KEN] has received loans from [Uganda|UGA] since {-March}.", "received", true),
            // A clause opened by ", when" happens at the time named right before it, unless it names its own.
            ("The truce ended {-in April}, when [he|KEN] was arrested by [Uganda|UGA].", "arrested", true),
            ("The truce ended {-in April} when [he|KEN] was arrested by [Uganda|UGA].", "arrested", true),
            ("The truce ended {-in April}, after [he|KEN] was arrested by [Uganda|UGA].", "arrested", false),
            ("{-In April} the truce ended, when [he|KEN] was arrested by [Uganda|UGA].", "arrested", false),
        ];
        for (markup, verb, dated) in table {
            with_context(markup, |ctx, matches| {
                let m = matches.iter().find(|m| m.anchor == token(ctx, verb)).expect(markup);
                assert_eq!(ctx.time_for(m, matches).is_some(), dated, "{markup}");
            });
        }
    }

    #[test]
    fn a_gerund_after_a_preposition_is_dated_by_its_own_expression() {
        // (sentence, the gerund, the time slot that dates it)
        let table = [
            (
                "[Kenya|KEN] pleaded guilty {Monday} to threatening [Uganda|UGA] on its border {-in March}.",
                "threatening",
                Some(1),
            ),
            (
                "[Kenya|KEN] pleaded guilty {Monday} to threatening to kill [Uganda|UGA]'s leader {-in March}.",
                "kill",
                Some(1),
            ),
            (
                "[A New York man|USA] pleaded guilty {Monday} to threatening to kill [U.S. Rep. Ilhan Omar|USALEG] {-in March}.",
                "kill",
                Some(1),
            ),
            (
                "[A New York man|USA] pleaded guilty {Monday} to threatening to kill [Omar|USALEG], D-Minn., {-in March}.",
                "kill",
                Some(1),
            ),
            // With none of its own, the plea's day does not date the threat either.
            ("[Kenya|KEN] pleaded guilty {Monday} to threatening [Uganda|UGA].", "threatening", None),
            // Not a gerund: the expression before the preposition dates the act.
            ("[Kenya|KEN] sent troops {on Monday} to [Uganda|UGA].", "sent", Some(0)),
        ];
        for (markup, verb, slot) in table {
            with_context(markup, |ctx, matches| {
                let m = matches.iter().find(|m| m.anchor == token(ctx, verb)).expect(markup);
                assert_eq!(ctx.time_for(m, matches), slot, "{markup}");
            });
        }
    }
}
