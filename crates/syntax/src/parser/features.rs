//! Feature extraction: about 110 templates in the style of Zhang and Nivre (2011) — words, tags and lemmas of the
//! top three stack and buffer nodes, their leftmost and rightmost dependents and labels, distance, valency and label
//! sets — each hashed to one `u64` (template id mixed with its values), so extraction allocates nothing.

use super::system::{NONE, State};

/// The hashed attributes of one node (index 0 is the root).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Tok {
    /// Lower-cased form.
    pub w: u64,
    /// Penn tag (XPOS).
    pub p: u64,
    /// UPOS.
    pub u: u64,
    /// Lemma (lower-cased).
    pub l: u64,
    /// Last three characters of the lower-cased form.
    pub suf: u64,
}

/// Value of an absent node or attribute.
const ABSENT: u64 = 0x5bd1_e995_7f4a_7c15;

/// FNV-1a over a string's bytes, ASCII lower-cased.
#[inline]
pub(crate) fn hash_str(s: &str, lower: bool) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        let b = if lower { b.to_ascii_lowercase() } else { b };
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Hashed attributes of a word.
pub(crate) fn tok(form: &str, lemma: &str, upos: &str, xpos: &str) -> Tok {
    let w = hash_str(form, true);
    // Last three characters (not bytes), so that multi-byte text stays on character boundaries.
    let start = form.char_indices().rev().nth(2).map_or(0, |(i, _)| i);
    Tok {
        w,
        p: hash_str(xpos, false) ^ 0x1111,
        u: hash_str(upos, false) ^ 0x2222,
        l: if lemma == "_" || lemma.is_empty() { w ^ 0x3333 } else { hash_str(lemma, true) ^ 0x3333 },
        suf: hash_str(&form[start..], true) ^ 0x4444,
    }
}

/// The root node's attributes.
pub(crate) fn root_tok() -> Tok {
    let r = hash_str("<ROOT>", false);
    Tok { w: r, p: r ^ 1, u: r ^ 2, l: r ^ 3, suf: r ^ 4 }
}

#[inline]
fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

#[inline]
fn f1(t: u64, a: u64) -> u64 {
    mix(mix(t.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ a))
}
#[inline]
fn f2(t: u64, a: u64, b: u64) -> u64 {
    mix(f1(t, a) ^ b.rotate_left(17))
}
#[inline]
fn f3(t: u64, a: u64, b: u64, c: u64) -> u64 {
    mix(f2(t, a, b) ^ c.rotate_left(41))
}

fn dist_bucket(a: u32, b: u32) -> u64 {
    if a == NONE || b == NONE {
        return ABSENT;
    }
    let d = a.abs_diff(b);
    match d {
        0..=4 => u64::from(d),
        5..=6 => 5,
        7..=9 => 6,
        _ => 7,
    }
}

/// Writes the features of `st` into `out` (cleared first).
// Long on purpose: one flat, numbered table of the feature templates (the numbers are part of the model file's
// feature hashes), filled once per transition on the parser's hot path. Split into steps it would scatter the
// numbering over several functions for no gain in clarity.
pub(crate) fn extract(st: &State, toks: &[Tok], out: &mut Vec<u64>) {
    out.clear();
    let none = Tok { w: ABSENT, p: ABSENT, u: ABSENT, l: ABSENT, suf: ABSENT };
    let t = |i: u32| if i == NONE { none } else { toks[i as usize] };
    let lab =
        |i: u32| if i == NONE || st.heads[i as usize] == NONE { ABSENT } else { u64::from(st.labels[i as usize]) };
    let child = |v: &Vec<u32>, i: u32| if i == NONE { NONE } else { v[i as usize] };
    let count = |v: &Vec<u8>, i: u32| if i == NONE { ABSENT } else { u64::from(v[i as usize].min(6)) };
    let set = |v: &Vec<u64>, i: u32| if i == NONE { ABSENT } else { v[i as usize] };

    let (s0, s1, s2) = (st.s(0), st.s(1), st.s(2));
    let (b0, b1, b2) = (st.buf(0), st.buf(1), st.buf(2));
    let (ts0, ts1, ts2, tb0, tb1, tb2) = (t(s0), t(s1), t(s2), t(b0), t(b1), t(b2));
    let s0l = child(&st.lc1, s0);
    let s0l2 = child(&st.lc2, s0);
    let s0r = child(&st.rc1, s0);
    let s0r2 = child(&st.rc2, s0);
    let s1l = child(&st.lc1, s1);
    let s1r = child(&st.rc1, s1);
    let s1r2 = child(&st.rc2, s1);
    let b0l = child(&st.lc1, b0);
    let b0l2 = child(&st.lc2, b0);
    let (ts0l, ts0l2, ts0r, ts0r2) = (t(s0l), t(s0l2), t(s0r), t(s0r2));
    let (ts1l, ts1r, ts1r2, tb0l, tb0l2) = (t(s1l), t(s1r), t(s1r2), t(b0l), t(b0l2));
    let s0wp = f2(0, ts0.w, ts0.p);
    let s1wp = f2(0, ts1.w, ts1.p);
    let b0wp = f2(0, tb0.w, tb0.p);
    let d = dist_bucket(s0, b0);
    let d1 = dist_bucket(s1, s0);

    out.extend_from_slice(&[
        f1(0, 0),
        // single nodes
        f1(1, ts0.w),
        f1(2, ts0.p),
        f1(3, s0wp),
        f1(4, ts1.w),
        f1(5, ts1.p),
        f1(6, s1wp),
        f1(7, tb0.w),
        f1(8, tb0.p),
        f1(9, b0wp),
        f1(10, tb1.w),
        f1(11, tb1.p),
        f2(12, tb1.w, tb1.p),
        f1(13, tb2.w),
        f1(14, tb2.p),
        f2(15, tb2.w, tb2.p),
        f1(16, ts2.p),
        f1(17, ts2.w),
        // pairs
        f2(18, s0wp, b0wp),
        f2(19, s0wp, tb0.w),
        f2(20, ts0.w, b0wp),
        f2(21, s0wp, tb0.p),
        f2(22, ts0.p, b0wp),
        f2(23, ts0.w, tb0.w),
        f2(24, ts0.p, tb0.p),
        f2(25, tb0.p, tb1.p),
        f2(26, s1wp, s0wp),
        f2(27, ts1.w, ts0.w),
        f2(28, ts1.p, ts0.p),
        f2(29, ts1.p, s0wp),
        f2(30, s1wp, ts0.p),
        // triples
        f3(31, tb0.p, tb1.p, tb2.p),
        f3(32, ts0.p, tb0.p, tb1.p),
        f3(33, ts1.p, ts0.p, tb0.p),
        f3(34, ts0.p, ts0l.p, tb0.p),
        f3(35, ts0.p, ts0r.p, tb0.p),
        f3(36, ts0.p, tb0.p, tb0l.p),
        f3(37, ts1.p, ts0.p, ts0l.p),
        f3(38, ts1.p, ts0.p, ts0r.p),
        f3(39, ts1.p, ts1r.p, ts0.p),
        f3(40, ts2.p, ts1.p, ts0.p),
        f3(41, ts1.p, ts1l.p, ts0.p),
        // distance
        f2(42, ts0.w, d),
        f2(43, ts0.p, d),
        f2(44, tb0.w, d),
        f2(45, tb0.p, d),
        f3(46, ts0.w, tb0.w, d),
        f3(47, ts0.p, tb0.p, d),
        f3(48, ts1.p, ts0.p, d1),
        f3(49, ts1.w, ts0.w, d1),
        // valency
        f2(50, ts0.w, count(&st.nr, s0)),
        f2(51, ts0.p, count(&st.nr, s0)),
        f2(52, ts0.w, count(&st.nl, s0)),
        f2(53, ts0.p, count(&st.nl, s0)),
        f2(54, ts1.w, count(&st.nr, s1)),
        f2(55, ts1.p, count(&st.nr, s1)),
        f2(56, ts1.w, count(&st.nl, s1)),
        f2(57, ts1.p, count(&st.nl, s1)),
        f2(58, tb0.w, count(&st.nl, b0)),
        f2(59, tb0.p, count(&st.nl, b0)),
        // dependents
        f1(60, ts0l.w),
        f1(61, ts0l.p),
        f1(62, lab(s0l)),
        f1(63, ts0r.w),
        f1(64, ts0r.p),
        f1(65, lab(s0r)),
        f1(66, ts1l.w),
        f1(67, ts1l.p),
        f1(68, lab(s1l)),
        f1(69, ts1r.w),
        f1(70, ts1r.p),
        f1(71, lab(s1r)),
        f1(72, tb0l.w),
        f1(73, tb0l.p),
        f1(74, lab(b0l)),
        // second dependents
        f1(75, ts0l2.w),
        f1(76, ts0l2.p),
        f1(77, lab(s0l2)),
        f1(78, ts0r2.w),
        f1(79, ts0r2.p),
        f1(80, lab(s0r2)),
        f1(81, tb0l2.w),
        f1(82, tb0l2.p),
        f1(83, lab(b0l2)),
        f3(84, ts0.p, ts0l.p, ts0l2.p),
        f3(85, ts0.p, ts0r.p, ts0r2.p),
        f3(86, tb0.p, tb0l.p, tb0l2.p),
        f3(87, ts1.p, ts1r.p, ts1r2.p),
        // label sets
        f2(88, ts0.w, set(&st.rset, s0)),
        f2(89, ts0.p, set(&st.rset, s0)),
        f2(90, ts0.w, set(&st.lset, s0)),
        f2(91, ts0.p, set(&st.lset, s0)),
        f2(92, tb0.w, set(&st.lset, b0)),
        f2(93, tb0.p, set(&st.lset, b0)),
        f2(94, ts1.p, set(&st.rset, s1)),
        f2(95, ts1.p, set(&st.lset, s1)),
        // lemmas, UPOS, suffixes, dependent words with their labels
        f1(96, ts0.l),
        f1(97, tb0.l),
        f1(98, ts1.l),
        f2(99, ts0.l, tb0.l),
        f2(100, ts1.l, ts0.l),
        f2(101, ts0.u, tb0.u),
        f3(102, ts1.u, ts0.u, tb0.u),
        f1(103, tb0.suf),
        f1(104, ts0.suf),
        f3(105, lab(s0l), ts0.p, tb0.p),
        f2(106, ts0l.l, ts0.p),
        f2(107, ts0l.l, ts1.l),
        f2(108, ts0r.l, ts0.l),
        f2(109, tb0l.l, tb0.l),
        f3(110, ts1.l, ts0l.l, ts0.p),
        f3(111, lab(s0l), ts1.p, ts0.p),
    ]);
}
