//! The tree pass among the role passes: roles of a verb predicate or an event noun read from a dependency tree
//! (see `tree.rs`) replace the word-order ones, role by role, where the tree's party is plausible.

use super::context::Context;
use crate::codebook::Codebook;
use crate::matcher::{Match, MatchKind};
use crate::slots::SlotKind;
use crate::tree::{Act, TreeRoles};

impl Context<'_> {
    /// Replaces the word-order roles of predicate `m` by those the tree gives, role by role: a role the tree names
    /// no party for, or only implausible ones (a subject inherited where word order found one, a place, an
    /// outlet, the source's own actor as target), keeps its word-order parties.
    pub(crate) fn tree_roles(&self, tree: &TreeRoles, m: &Match, sources: &mut Vec<usize>, targets: &mut Vec<usize>) {
        let Some(roles) = self.tree_parties(tree, m) else { return };
        // A tree role whose parties are all among the word-order ones agrees with it; word order then keeps the
        // parties the tree attached lower ("Hungarian and Romanian officials"). A subject the verb only inherits
        // from its head is the parse's weakest guess (a coordinated verb attached to the wrong head): it fills in
        // only where word order found none.
        let weak = roles.inherited && !sources.is_empty();
        if !weak && !roles.sources.is_empty() && !roles.sources.iter().all(|k| sources.contains(k)) {
            *sources = roles.sources;
            self.tree_changed.set(true);
        }
        let tree_targets: Vec<usize> = roles.targets.into_iter().filter(|&k| self.tree_target(m, sources, k)).collect();
        if !tree_targets.is_empty() && !tree_targets.iter().all(|k| targets.contains(k)) {
            *targets = tree_targets;
            self.tree_changed.set(true);
        }
        targets.retain(|k| !sources.contains(k));
    }

    /// The parties of an event noun that word order reads as bare ("an Israeli air strike hit a village in X",
    /// "aid sent by X to Y"): those its own modifiers name in the tree, when they name both a source and a target
    /// (or two sources of a symmetric act).
    pub(crate) fn tree_nominal(&self, m: &Match) -> Option<(Vec<usize>, Vec<usize>)> {
        let roles = self.tree_parties(self.tree()?, m)?;
        let targets: Vec<usize> =
            roles.targets.into_iter().filter(|&k| self.tree_target(m, &roles.sources, k)).collect();
        // "the agreement signed by X and Y": a symmetric act between coordinated agents needs no target.
        let pair = m.symmetric && roles.sources.len() >= 2;
        let found = !roles.sources.is_empty() && (!targets.is_empty() || pair);
        self.tree_changed.set(self.tree_changed.get() || found);
        found.then_some((roles.sources, targets))
    }

    /// The roles the tree gives predicate `m`, sources already limited to parties that can act.
    fn tree_parties(&self, tree: &TreeRoles, m: &Match) -> Option<crate::tree::Roles> {
        let v = self.tree_word(tree, m.anchor)?;
        let prep = m.prep.map(|k| self.a.norm(k));
        let root = Codebook::builtin().root(m.code);
        let act = Act {
            armed: matches!(root, Some("18" | "19" | "20")),
            expulsion: matches!(root, Some("16" | "17")),
            rejection: root == Some("12"),
        };
        let mut roles = match m.kind {
            MatchKind::Nominal => tree.noun_roles(v, prep, act),
            _ => tree.verb_roles(v, prep, act),
        };
        roles.sources.retain(|&k| self.present(k) && self.can_act(k));
        Some(roles)
    }

    /// Whether the tree's target `k` of predicate `m` with `sources` is plausible: present, not a source or the
    /// source's own actor ("reneged on his commitment to X"), not an outlet, and a place only for a movement or
    /// an armed act.
    fn tree_target(&self, m: &Match, sources: &[usize], k: usize) -> bool {
        let root = Codebook::builtin().root(m.code);
        let placed = matches!(root, Some("04" | "18" | "19" | "20"));
        let own = sources.iter().any(|&s| self.actor_key(s) == self.actor_key(k));
        let outlet = self.is_reporter(k) && matches!(self.actors[k].kind, SlotKind::Media);
        self.present(k)
            && !sources.contains(&k)
            && !(own || outlet)
            && (placed || !matches!(self.actors[k].kind, SlotKind::Place))
    }
}
