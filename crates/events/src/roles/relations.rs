//! Standing relations ("maintains close ties with"): the pair a relation cue links, as subject and partner or
//! as the two actors before a noun cue.

use super::context::Context;
use crate::candidate::RelationCandidate;
use crate::matcher::Match;
use dyad_text::VerbForm;

impl Context<'_> {
    pub(crate) fn relation(&self, m: &Match, out: &mut Vec<RelationCandidate>) {
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        if m.object.is_none()
            && m.prep.is_none()
            && self.a.lemmas[m.anchor].verb.is_none_or(|v| !v.is(VerbForm::Base) && !v.is(VerbForm::ThirdPerson))
        {
            // A noun cue ("the North Korea-Russia mutual defense treaty"): two actors just before it, or the
            // subject and the actor after it.
            let before: Vec<usize> =
                self.slots_in(m.anchor.saturating_sub(6), m.anchor).into_iter().filter(|&k| self.can_act(k)).collect();
            if before.len() >= 2 {
                pairs.push((before[before.len() - 2], before[before.len() - 1]));
            }
        }
        if pairs.is_empty() {
            let subjects = self.subjects(m, &[]);
            let from = m.prep.map_or(m.anchor + 1, |k| k + 1);
            let partners = self.targets_after(from, m, &subjects);
            for &s in &subjects {
                for &t in &partners {
                    pairs.push((s, t));
                }
            }
        }
        for (x, y) in pairs {
            if self.actors[x].actor_id == self.actors[y].actor_id {
                continue;
            }
            let lo = self.actor_tokens[x].0.min(m.anchor).min(self.actor_tokens[y].0);
            let hi = self.actor_tokens[y].1.max(m.end).max(self.actor_tokens[x].1);
            let Some(evidence) = self.span_of_tokens(lo, hi) else { continue };
            out.push(RelationCandidate { kind: m.code, a: x, b: y, evidence, pattern: m.pattern });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::context::testing::with_context;
    use crate::matcher::MatchKind;

    #[test]
    fn a_relation_links_its_subject_and_partner() {
        with_context("[Iran|IRN] maintains close ties with [Iraq|IRQ].", |ctx, matches| {
            let m = matches.iter().find(|m| m.kind == MatchKind::Relation).expect("relation cue");
            let mut out = Vec::new();
            ctx.relation(m, &mut out);
            assert_eq!(out.iter().map(|r| (r.a, r.b)).collect::<Vec<_>>(), [(0, 1)]);
        });
    }
}
