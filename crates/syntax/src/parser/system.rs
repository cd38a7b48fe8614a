//! The arc-hybrid transition system (Kuhlmann, Gómez-Rodríguez and Satta 2011) with a single-root constraint,
//! its dynamic oracle (Goldberg and Nivre 2013), and projectivisation of training trees by lifting.
//!
//! Nodes are numbered 0 (the artificial root) to `n`; word `i` (1-based) is node `i`. Actions are numbered
//! `0` = SHIFT, `1 + l` = LEFT-ARC with label `l`, `1 + L + l` = RIGHT-ARC with label `l`.

/// "No node" in the child slots and the head array.
pub(crate) const NONE: u32 = u32::MAX;

/// Which kinds of action a state allows: SHIFT, the LEFT-ARCs (every label but the root's), the RIGHT-ARCs onto a
/// word (every label but the root's) and the RIGHT-ARC onto the root (the root's label only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Legal {
    pub shift: bool,
    pub left: bool,
    pub right_word: bool,
    pub right_root: bool,
}

impl Legal {
    /// Whether action `a` (of a system with `nlabels` labels whose root label is `root`) is legal.
    #[inline]
    pub fn allows(self, a: usize, nlabels: usize, root: u8) -> bool {
        if a == 0 {
            self.shift
        } else if a <= nlabels {
            self.left && a - 1 != root as usize
        } else if a - 1 - nlabels == root as usize {
            self.right_root
        } else {
            self.right_word
        }
    }

    /// How many actions are legal.
    #[inline]
    pub fn count(self, nlabels: usize) -> usize {
        let others = nlabels.saturating_sub(1);
        usize::from(self.shift)
            + others * usize::from(self.left)
            + others * usize::from(self.right_word)
            + usize::from(self.right_root)
    }
}

/// The state of one sentence being parsed. All buffers are reused between sentences.
#[derive(Debug, Default, Clone)]
pub(crate) struct State {
    /// Number of words (nodes are 0..=n).
    pub n: usize,
    /// The stack, bottom first; starts as `[0]`.
    pub stack: Vec<u32>,
    /// The first node of the buffer (`n + 1` when empty).
    pub b: usize,
    /// Assigned head of each node (`NONE` while unattached).
    pub heads: Vec<u32>,
    /// Assigned label of each node (valid when `heads[i] != NONE`).
    pub labels: Vec<u8>,
    /// Leftmost and second-leftmost dependents.
    pub lc1: Vec<u32>,
    pub lc2: Vec<u32>,
    /// Rightmost and second-rightmost dependents.
    pub rc1: Vec<u32>,
    pub rc2: Vec<u32>,
    /// Numbers of left and right dependents.
    pub nl: Vec<u8>,
    pub nr: Vec<u8>,
    /// Sets of labels (bit per label index, labels ≥ 64 fold) of left and right dependents.
    pub lset: Vec<u64>,
    pub rset: Vec<u64>,
}

impl State {
    /// Resets the state for a sentence of `n` words, keeping the allocations.
    pub fn reset(&mut self, n: usize) {
        self.n = n;
        self.stack.clear();
        self.stack.push(0);
        self.b = 1;
        for v in [&mut self.heads, &mut self.lc1, &mut self.lc2, &mut self.rc1, &mut self.rc2] {
            v.clear();
            v.resize(n + 1, NONE);
        }
        self.labels.clear();
        self.labels.resize(n + 1, 0);
        self.nl.clear();
        self.nl.resize(n + 1, 0);
        self.nr.clear();
        self.nr.resize(n + 1, 0);
        self.lset.clear();
        self.lset.resize(n + 1, 0);
        self.rset.clear();
        self.rset.resize(n + 1, 0);
    }

    /// Makes this state a copy of `other`, reusing this state's allocations (a beam copies states every step).
    pub fn copy_from(&mut self, other: &State) {
        self.n = other.n;
        self.b = other.b;
        self.stack.clone_from(&other.stack);
        self.heads.clone_from(&other.heads);
        self.labels.clone_from(&other.labels);
        self.lc1.clone_from(&other.lc1);
        self.lc2.clone_from(&other.lc2);
        self.rc1.clone_from(&other.rc1);
        self.rc2.clone_from(&other.rc2);
        self.nl.clone_from(&other.nl);
        self.nr.clone_from(&other.nr);
        self.lset.clone_from(&other.lset);
        self.rset.clone_from(&other.rset);
    }

    /// True when the sentence is fully parsed.
    pub fn is_final(&self) -> bool {
        self.b > self.n && self.stack.len() == 1
    }

    /// The `i`-th stack element from the top, or `NONE`.
    #[inline]
    pub fn s(&self, i: usize) -> u32 {
        let len = self.stack.len();
        if i < len { self.stack[len - 1 - i] } else { NONE }
    }

    /// The `i`-th buffer element, or `NONE`.
    #[inline]
    pub fn buf(&self, i: usize) -> u32 {
        let k = self.b + i;
        if k <= self.n { k as u32 } else { NONE }
    }

    /// Which kinds of action are legal now ([`State::legal`] lists the actions one by one).
    #[inline]
    pub fn legal_kinds(&self) -> Legal {
        let buffer = self.b <= self.n;
        let slen = self.stack.len();
        let (right_word, right_root) = if slen >= 2 {
            let s1 = self.stack[slen - 2];
            if s1 == 0 { (false, !buffer && slen == 2) } else { (true, false) }
        } else {
            (false, false)
        };
        Legal { shift: buffer, left: buffer && slen >= 2, right_word, right_root }
    }

    /// Marks which actions are legal: `legal[a]` for every action `a` of a system with `nlabels` labels whose
    /// root label is `root`.
    pub fn legal(&self, nlabels: usize, root: u8, legal: &mut [bool]) {
        let k = self.legal_kinds();
        for (a, slot) in legal[..1 + 2 * nlabels].iter_mut().enumerate() {
            *slot = k.allows(a, nlabels, root);
        }
    }

    /// Applies a legal action.
    pub fn apply(&mut self, action: usize, nlabels: usize) {
        if action == 0 {
            self.stack.push(self.b as u32);
            self.b += 1;
        } else if action <= nlabels {
            let dep = self.stack.pop().unwrap_or(0);
            self.attach(self.b as u32, dep, (action - 1) as u8);
        } else {
            let dep = self.stack.pop().unwrap_or(0);
            let head = self.stack.last().copied().unwrap_or(0);
            self.attach(head, dep, (action - 1 - nlabels) as u8);
        }
    }

    fn attach(&mut self, head: u32, dep: u32, label: u8) {
        let (h, d) = (head as usize, dep as usize);
        self.heads[d] = head;
        self.labels[d] = label;
        let bit = 1u64 << (label % 64);
        if dep < head {
            self.nl[h] = self.nl[h].saturating_add(1);
            self.lset[h] |= bit;
            if self.lc1[h] == NONE || dep < self.lc1[h] {
                self.lc2[h] = self.lc1[h];
                self.lc1[h] = dep;
            } else if self.lc2[h] == NONE || dep < self.lc2[h] {
                self.lc2[h] = dep;
            }
        } else {
            self.nr[h] = self.nr[h].saturating_add(1);
            self.rset[h] |= bit;
            if self.rc1[h] == NONE || dep > self.rc1[h] {
                self.rc2[h] = self.rc1[h];
                self.rc1[h] = dep;
            } else if self.rc2[h] == NONE || dep > self.rc2[h] {
                self.rc2[h] = dep;
            }
        }
    }

    /// The cost of every action (number of gold arcs it makes unreachable, plus one for a wrong label on a
    /// correct arc) against gold heads `gh` and labels `gl` (node-indexed, `gh[0]` unused). Exact for projective
    /// gold trees; illegal actions get `u32::MAX`.
    pub fn costs(&self, gh: &[u32], gl: &[u8], nlabels: usize, legal: &[bool], costs: &mut [u32]) {
        let s0 = self.s(0);
        let s1 = self.s(1);
        let in_buffer = |k: u32| k != NONE && (k as usize) >= self.b && (k as usize) <= self.n;
        // Gold dependents of s0 still in the buffer (lost by any action that pops s0).
        let s0_deps_in_buffer =
            if s0 != NONE && s0 != 0 { (self.b..=self.n).filter(|&k| gh[k] == s0).count() as u32 } else { 0 };
        // SHIFT
        costs[0] = if legal[0] {
            let x = self.b;
            let mut c = 0;
            for &s in &self.stack {
                if s != 0 && gh[s as usize] == x as u32 {
                    c += 1;
                }
            }
            let h = gh[x];
            if h != s0 && self.stack.contains(&h) {
                c += 1;
            }
            c
        } else {
            u32::MAX
        };
        if s0 == NONE || s0 == 0 {
            for c in costs[1..1 + 2 * nlabels].iter_mut() {
                *c = u32::MAX;
            }
            return;
        }
        let h0 = gh[s0 as usize];
        let gold_label = gl[s0 as usize] as usize;
        let b0 = self.buf(0);
        // LEFT: head b0.
        let left_base = s0_deps_in_buffer + u32::from(h0 != b0 && (h0 == s1 || in_buffer(h0)));
        // RIGHT: head s1.
        let right_base = s0_deps_in_buffer + u32::from(h0 != s1 && in_buffer(h0));
        for l in 0..nlabels {
            costs[1 + l] = if legal[1 + l] { left_base + u32::from(h0 == b0 && l != gold_label) } else { u32::MAX };
            costs[1 + nlabels + l] =
                if legal[1 + nlabels + l] { right_base + u32::from(h0 == s1 && l != gold_label) } else { u32::MAX };
        }
    }
}

/// True when the tree (`heads[i]` = head of node `i`, `heads[0]` unused) has no crossing arcs.
pub(crate) fn is_projective(heads: &[u32]) -> bool {
    nonprojective_arc(heads).is_none()
}

/// The shortest non-projective arc's dependent, if any. An arc h→d is non-projective when some node strictly between
/// h and d is not dominated by h.
fn nonprojective_arc(heads: &[u32]) -> Option<usize> {
    let n = heads.len().saturating_sub(1);
    let mut best: Option<(usize, usize)> = None;
    for d in 1..=n {
        let h = heads[d] as usize;
        let (lo, hi) = if h < d { (h, d) } else { (d, h) };
        let span = hi - lo;
        if best.is_some_and(|(s, _)| s <= span) {
            continue;
        }
        for k in lo + 1..hi {
            if !dominates(heads, h, k) {
                best = Some((span, d));
                break;
            }
        }
    }
    best.map(|(_, d)| d)
}

fn dominates(heads: &[u32], h: usize, mut k: usize) -> bool {
    let mut steps = 0;
    while k != 0 && steps < heads.len() {
        if k == h {
            return true;
        }
        k = heads[k] as usize;
        steps += 1;
    }
    h == 0
}

/// Makes a tree projective by lifting the shortest non-projective arc to the head's head until none is left.
/// Returns the number of lifts.
pub(crate) fn projectivize(heads: &mut [u32]) -> usize {
    let mut lifts = 0;
    while let Some(d) = nonprojective_arc(heads) {
        let h = heads[d] as usize;
        if h == 0 {
            break;
        }
        heads[d] = heads[h];
        lifts += 1;
        if lifts > heads.len() * heads.len() {
            break;
        }
    }
    lifts
}

/// True when `heads` (node-indexed, `heads[0]` unused) is a tree: every word reaches node 0 without a cycle and
/// exactly one word has head 0.
#[cfg(test)]
pub(crate) fn is_tree(heads: &[u32]) -> bool {
    let n = heads.len().saturating_sub(1);
    if n == 0 {
        return true;
    }
    if (1..=n).filter(|&i| heads[i] == 0).count() != 1 {
        return false;
    }
    (1..=n).all(|i| {
        let mut k = i;
        let mut steps = 0;
        while k != 0 {
            if heads[k] as usize > n || steps > n {
                return false;
            }
            k = heads[k] as usize;
            steps += 1;
        }
        true
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The legal actions by the transition system's rules, one by one: SHIFT while the buffer holds a word; LEFT-ARC
    /// (not with the root's label) with two nodes on the stack and a buffer; RIGHT-ARC onto a word (not with the
    /// root's label); the root's RIGHT-ARC only with the buffer empty and one word on the stack.
    fn rules(st: &State, nl: usize, root: usize) -> Vec<bool> {
        let buffer = st.b <= st.n;
        let slen = st.stack.len();
        let s1 = if slen >= 2 { Some(st.stack[slen - 2]) } else { None };
        (0..1 + 2 * nl)
            .map(|a| match a {
                0 => buffer,
                a if a <= nl => buffer && slen >= 2 && a - 1 != root,
                a if a - 1 - nl == root => s1 == Some(0) && !buffer && slen == 2,
                _ => s1.is_some_and(|s| s != 0),
            })
            .collect()
    }

    /// The legal kinds, their count and the per-action list agree with the rules in every state of many random
    /// parses (with the root label first, in the middle and last).
    #[test]
    fn legal_kinds_count_and_list_follow_the_rules() {
        let mut rng = 0x9e37_79b9_7f4a_7c15u64;
        for (nl, root) in [(1usize, 0u8), (4, 0), (4, 2), (4, 3), (51, 37)] {
            for n in 0..9 {
                for _ in 0..20 {
                    let mut st = State::default();
                    st.reset(n);
                    let mut legal = vec![false; 1 + 2 * nl];
                    while !st.is_final() {
                        let want = rules(&st, nl, root as usize);
                        st.legal(nl, root, &mut legal);
                        assert_eq!(legal, want);
                        let k = st.legal_kinds();
                        assert_eq!(k.count(nl), want.iter().filter(|&&x| x).count());
                        let choices: Vec<usize> = (0..want.len()).filter(|&a| want[a]).collect();
                        if choices.is_empty() {
                            break;
                        }
                        rng ^= rng << 13;
                        rng ^= rng >> 7;
                        rng ^= rng << 17;
                        st.apply(choices[(rng % choices.len() as u64) as usize], nl);
                    }
                }
            }
        }
    }

    /// Follows the zero-cost actions from the start; with a projective gold tree the oracle must rebuild it.
    fn oracle_parse(gh: &[u32], gl: &[u8], nlabels: usize, root: u8) -> State {
        let n = gh.len() - 1;
        let mut st = State::default();
        st.reset(n);
        let mut legal = vec![false; 1 + 2 * nlabels];
        let mut costs = vec![0u32; 1 + 2 * nlabels];
        while !st.is_final() {
            st.legal(nlabels, root, &mut legal);
            st.costs(gh, gl, nlabels, &legal, &mut costs);
            let a = (0..costs.len()).min_by_key(|&a| costs[a]).unwrap();
            assert_eq!(costs[a], 0, "no zero-cost action at {:?}", st.stack);
            st.apply(a, nlabels);
        }
        st
    }

    #[test]
    fn oracle_rebuilds_projective_trees() {
        // "The troops backed by Iran attacked the town ."
        let gh = [0, 2, 6, 2, 5, 3, 0, 8, 6, 6];
        let gl = [0, 1, 2, 3, 4, 5, 0, 1, 6, 7];
        let st = oracle_parse(&gh, &gl, 8, 0);
        assert_eq!(&st.heads[1..], &gh[1..]);
        assert_eq!(&st.labels[1..], &gl[1..]);
    }

    #[test]
    fn lifting_removes_crossings() {
        // 1→3 crosses 2→4.
        let mut heads = vec![0, 3, 0, 2, 2];
        heads[1] = 4;
        heads[4] = 2;
        heads[3] = 2;
        // 4→1 spans 2, 3: 2 is the root, not dominated by 4.
        assert!(!is_projective(&heads));
        projectivize(&mut heads);
        assert!(is_projective(&heads));
        assert!(is_tree(&heads));
    }
}
