//! Beam search over the arc-hybrid system (Zhang and Nivre 2011) and its global perceptron training: max-violation
//! updates (Huang, Fayong and Guo 2012) against the static oracle's action sequence of the (lifted) gold tree.
//!
//! Every derivation of an `n`-word sentence takes exactly `2n` actions, so the items of a beam stay in step and are
//! compared by the sum of their action scores. A state with a single legal action is not scored (it adds 0), in
//! training as in parsing, as the greedy parser does. With width 1 the beam makes the greedy parser's choices
//! (ties go to the earlier item, then to the lower action). The states of a beam and of the next one are two pools
//! reused between steps and sentences (copies without allocation once the pools have grown).

use super::features::extract;
use super::system::State;
use super::{Prep, Trainer};

/// An extension of a beam item: the derivation's score after the action, the item, the action.
#[derive(Debug, Clone, Copy)]
struct Cand {
    score: f64,
    item: u32,
    action: u16,
}

/// A beam of parser states and its reusable buffers.
#[derive(Debug, Default, Clone)]
pub(crate) struct Beam {
    items: Vec<State>,
    next: Vec<State>,
    /// Score of each item's derivation, best first.
    score: Vec<f64>,
    next_score: Vec<f64>,
    /// Whether each item's derivation is the gold prefix (when a gold action is passed to [`Beam::step`]).
    gold: Vec<bool>,
    next_gold: Vec<bool>,
    cands: Vec<Cand>,
    acts: Vec<f64>,
    /// `width` slots per step: the parent item and action of each item after that step.
    back: Vec<(u32, u16)>,
    width: usize,
    len: usize,
}

/// Puts `c` into `cands` (sorted by score, best first, at most `width`), after the candidates with the same score.
#[inline]
fn insert(cands: &mut Vec<Cand>, width: usize, c: Cand) {
    if cands.len() >= width {
        match cands.last() {
            Some(last) if c.score > last.score => {
                cands.pop();
            }
            _ => return,
        }
    }
    let pos = cands.iter().position(|x| c.score > x.score).unwrap_or(cands.len());
    cands.insert(pos, c);
}

impl Beam {
    /// Starts a sentence of `n` words with beam width `width` (at least 1) in a system of `nactions` actions.
    pub fn reset(&mut self, n: usize, width: usize, nactions: usize) {
        let width = width.max(1);
        self.width = width;
        for pool in [&mut self.items, &mut self.next] {
            if pool.len() < width {
                pool.resize_with(width, State::default);
            }
        }
        self.items[0].reset(n);
        self.len = 1;
        self.score.clear();
        self.score.push(0.0);
        self.gold.clear();
        self.gold.push(true);
        self.back.clear();
        self.acts.resize(nactions, 0.0);
    }

    /// The best item.
    pub fn best(&self) -> &State {
        &self.items[0]
    }

    /// True when the items are final (they all are at the same step).
    pub fn is_final(&self) -> bool {
        self.items[0].is_final()
    }

    /// One step: the legal actions of every item, scored by `score` where more than one is legal (it sets the
    /// scores of all `nactions` actions of a state), the best `width` extensions kept. `gold` is this step's gold
    /// action, to follow the gold prefix. False when no item had a legal action (unreachable; the beam is unchanged).
    pub fn step(
        &mut self,
        nlabels: usize,
        root: u8,
        gold: Option<usize>,
        score: &mut impl FnMut(&State, &mut [f64]),
    ) -> bool {
        let na = 1 + 2 * nlabels;
        self.cands.clear();
        for i in 0..self.len {
            let st = &self.items[i];
            let legal = st.legal_kinds();
            let base = self.score[i];
            let scored = legal.count(nlabels) > 1;
            if scored {
                score(st, &mut self.acts[..na]);
            }
            for a in 0..na {
                if legal.allows(a, nlabels, root) {
                    let s = if scored { base + self.acts[a] } else { base };
                    insert(&mut self.cands, self.width, Cand { score: s, item: i as u32, action: a as u16 });
                }
            }
        }
        if self.cands.is_empty() {
            return false;
        }
        self.next_score.clear();
        self.next_gold.clear();
        for (j, c) in self.cands.iter().enumerate() {
            let (item, action) = (c.item as usize, usize::from(c.action));
            self.next[j].copy_from(&self.items[item]);
            self.next[j].apply(action, nlabels);
            self.next_score.push(c.score);
            self.next_gold.push(self.gold[item] && gold == Some(action));
            self.back.push((c.item, c.action));
        }
        for _ in self.cands.len()..self.width {
            self.back.push((0, 0));
        }
        self.len = self.cands.len();
        std::mem::swap(&mut self.items, &mut self.next);
        std::mem::swap(&mut self.score, &mut self.next_score);
        std::mem::swap(&mut self.gold, &mut self.next_gold);
        true
    }

    /// The actions that led to item `j` of step `steps` (1-based: after `steps` actions), first first.
    fn history(&self, j: usize, steps: usize, out: &mut Vec<u16>) {
        out.clear();
        out.resize(steps, 0);
        let mut j = j;
        for t in (0..steps).rev() {
            let (parent, action) = self.back[t * self.width + j];
            out[t] = action;
            j = parent as usize;
        }
    }
}

/// The buffers of global training.
#[derive(Default)]
pub(crate) struct GlobalScratch {
    beam: Beam,
    gold_seq: Vec<u16>,
    hist: Vec<u16>,
    gold_state: State,
    pred_state: State,
    gold_acts: Vec<f64>,
}

/// The static oracle's actions for `p` (arcs before SHIFT, the gold label), into `out`.
fn oracle_sequence(t: &mut Trainer, p: &Prep, out: &mut Vec<u16>) {
    let nl = t.nl;
    let na = 1 + 2 * nl;
    out.clear();
    let st = &mut t.st;
    st.reset(p.toks.len() - 1);
    while !st.is_final() {
        st.legal(nl, t.root, &mut t.legal);
        st.costs(&p.heads, &p.labels, nl, &t.legal, &mut t.costs);
        let min = t.costs.iter().copied().min().unwrap_or(u32::MAX);
        let Some(a) = (1..na).chain(0..1).find(|&a| t.costs[a] == min && min != u32::MAX) else {
            break;
        };
        out.push(a as u16);
        st.apply(a, nl);
    }
}

impl Trainer {
    /// One max-violation update on sentence `p` with a beam of `width`: the beam follows the model, the gold
    /// sequence is scored beside it, and the weights move towards the gold prefix and away from the beam's best
    /// at the step where the best outscores the gold prefix most (when it does at some step). Returns whether the
    /// beam's best final derivation is the gold one.
    pub(super) fn global_sentence(&mut self, p: &Prep, width: usize) -> bool {
        let (nl, root) = (self.nl, self.root);
        let na = 1 + 2 * nl;
        let n = p.toks.len() - 1;
        let mut g = std::mem::take(&mut self.global);
        oracle_sequence(self, p, &mut g.gold_seq);
        g.beam.reset(n, width, na);
        g.gold_state.reset(n);
        g.gold_acts.resize(na, 0.0);
        let (model, feats, fscores) = (&self.model, &mut self.feats, &mut self.scores);
        let mut score = |st: &State, out: &mut [f64]| {
            extract(st, &p.toks, feats);
            model.score(feats, fscores);
            for (o, &s) in out.iter_mut().zip(fscores.iter()) {
                *o = f64::from(s);
            }
        };
        let mut gold_score = 0.0;
        let mut worst: Option<(f64, usize)> = None;
        for t in 0..g.gold_seq.len() {
            let ga = usize::from(g.gold_seq[t]);
            if g.gold_state.legal_kinds().count(nl) > 1 {
                score(&g.gold_state, &mut g.gold_acts);
                gold_score += g.gold_acts[ga];
            }
            g.gold_state.apply(ga, nl);
            if !g.beam.step(nl, root, Some(ga), &mut score) {
                break;
            }
            if !g.beam.gold[0] {
                let v = g.beam.score[0] - gold_score;
                if v >= 0.0 && worst.is_none_or(|(w, _)| v > w) {
                    worst = Some((v, t + 1));
                }
            }
        }
        let exact = g.beam.gold[0];
        self.model.tick();
        if let Some((_, steps)) = worst {
            g.beam.history(0, steps, &mut g.hist);
            g.pred_state.reset(n);
            g.gold_state.reset(n);
            let mut diverged = false;
            for s in 0..steps {
                let (pa, ga) = (usize::from(g.hist[s]), usize::from(g.gold_seq[s]));
                diverged |= pa != ga;
                if diverged {
                    for (st, a, delta) in [(&g.pred_state, pa, -1.0f32), (&g.gold_state, ga, 1.0)] {
                        if st.legal_kinds().count(nl) > 1 {
                            extract(st, &p.toks, &mut self.feats);
                            self.model.add(&self.feats, a, delta);
                        }
                    }
                }
                g.pred_state.apply(pa, nl);
                g.gold_state.apply(ga, nl);
            }
        }
        self.global = g;
        exact
    }
}

/// Parses with a beam of `width` using `score`; the best final state is copied into `out`.
pub(crate) fn decode(
    beam: &mut Beam,
    n: usize,
    width: usize,
    nlabels: usize,
    root: u8,
    score: &mut impl FnMut(&State, &mut [f64]),
    out: &mut State,
) {
    beam.reset(n, width, 1 + 2 * nlabels);
    while !beam.is_final() {
        if !beam.step(nlabels, root, None, score) {
            break;
        }
    }
    out.copy_from(beam.best());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_keeps_the_best_in_order_with_ties_to_the_earlier() {
        let mut cands = Vec::new();
        for (i, s) in [1.0, 3.0, 3.0, 2.0, 5.0, 3.0].into_iter().enumerate() {
            insert(&mut cands, 3, Cand { score: s, item: 0, action: i as u16 });
        }
        let got: Vec<(f64, u16)> = cands.iter().map(|c| (c.score, c.action)).collect();
        assert_eq!(got, [(5.0, 4), (3.0, 1), (3.0, 2)]);
    }

    /// The history of an item replays to the item's state.
    #[test]
    fn history_replays_to_the_item() {
        let (nl, root) = (3usize, 1u8);
        let mut beam = Beam::default();
        beam.reset(6, 3, 1 + 2 * nl);
        // Scores that favour a different action at every call, so the items differ.
        let mut calls = 0u64;
        let mut score = |_: &State, out: &mut [f64]| {
            calls += 1;
            for (a, o) in out.iter_mut().enumerate() {
                *o = ((calls * 7 + a as u64 * 13) % 11) as f64;
            }
        };
        let mut steps = 0;
        while !beam.is_final() {
            assert!(beam.step(nl, root, None, &mut score));
            steps += 1;
        }
        assert_eq!(steps, 12);
        for j in 0..beam.len {
            let mut hist = Vec::new();
            beam.history(j, steps, &mut hist);
            let mut st = State::default();
            st.reset(6);
            for &a in &hist {
                st.apply(usize::from(a), nl);
            }
            assert_eq!(st.heads, beam.items[j].heads);
            assert_eq!(st.labels, beam.items[j].labels);
        }
    }
}
