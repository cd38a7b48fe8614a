//! The tree pass among the role passes: roles of a verb predicate or an event noun read from a dependency tree
//! (see `tree.rs`) replace the word-order ones, role by role, where the tree's party is plausible.

use super::context::Context;
use crate::codebook::Codebook;
use crate::matcher::{Match, MatchKind};
use crate::slots::SlotKind;
use crate::tree::TreeRoles;

impl Context<'_> {
    /// Replaces the word-order roles of predicate `m` by those the tree gives, role by role: a role the tree names
    /// no party for, or only implausible ones (a subject inherited where word order found one, a place, an
    /// outlet, the source's own actor as target), keeps its word-order parties.
    pub(crate) fn tree_roles(&self, tree: &TreeRoles, m: &Match, sources: &mut Vec<usize>, targets: &mut Vec<usize>) {
        let Some(v) = self.tokens.get(m.anchor).and_then(|t| tree.word_at(t.span)) else { return };
        let prep = m.prep.map(|k| self.a.norm(k));
        let movement = Codebook::builtin().root(m.code) == Some("04");
        let armed = matches!(Codebook::builtin().root(m.code), Some("18" | "19" | "20"));
        let roles = match m.kind {
            MatchKind::Nominal => tree.noun_roles(v, prep),
            _ => tree.verb_roles(v, prep, armed),
        };
        let tree_sources: Vec<usize> =
            roles.sources.into_iter().filter(|&k| self.present(k) && self.can_act(k)).collect();
        // A tree role whose parties are all among the word-order ones agrees with it; word order then keeps the
        // parties the tree attached lower ("Hungarian and Romanian officials"). A subject the verb only inherits
        // from its head is the parse's weakest guess (a coordinated verb attached to the wrong head): it fills in
        // only where word order found none.
        let weak = roles.inherited && !sources.is_empty();
        if !weak && !tree_sources.is_empty() && !tree_sources.iter().all(|k| sources.contains(k)) {
            *sources = tree_sources;
        }
        let tree_targets: Vec<usize> = roles
            .targets
            .into_iter()
            .filter(|&k| {
                // "reneged on his commitment to X": the subject's own possessive is no target.
                let own = sources.iter().any(|&s| self.actor_key(s) == self.actor_key(k));
                let outlet = self.is_reporter(k) && matches!(self.actors[k].kind, SlotKind::Media);
                self.present(k)
                    && !sources.contains(&k)
                    && !(own || outlet)
                    && (movement || armed || !matches!(self.actors[k].kind, SlotKind::Place))
            })
            .collect();
        if !tree_targets.is_empty() && !tree_targets.iter().all(|k| targets.contains(k)) {
            *targets = tree_targets;
        }
        targets.retain(|k| !sources.contains(k));
    }
}
