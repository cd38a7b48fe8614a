//! When and where a predicate happens: the time slot that dates it and the place slot that locates it.

use super::context::Context;
use crate::lexicon::{PREP, SUB};
use crate::matcher::{Match, MatchKind};
use crate::slots::SlotKind;

impl Context<'_> {
    pub(crate) fn time_for(&self, m: &Match, matches: &[Match]) -> Option<usize> {
        // A fronted adverbial that a time expression opens dates the clause ("In November 2018 X visited Y");
        // one buried in a longer fronted phrase names an occasion ("On the occasion of the 60th anniversary").
        let (raw, _, _) = self.raw_clause_start(m.anchor);
        let (start, _, _) = self.clause_start(m.anchor);
        let end = self.clause_end(m.anchor);
        let mut best: Option<(usize, bool, usize)> = None;
        for (k, &(s, e)) in self.time_tokens.iter().enumerate() {
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
        best.map(|b| b.2)
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
}
