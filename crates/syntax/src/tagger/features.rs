//! Feature extraction for the tagger: each feature is a 64-bit FNV-1a hash of a template number and its values, so
//! extracting allocates nothing per token (one buffer per sentence holds the normalised words and shapes).

pub(crate) use crate::table::HashMap64;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x100_0000_01b3;

/// FNV-1a over a template number and parts; parts are separated so ("ab","c") and ("a","bc") differ.
#[derive(Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Fnv {
    pub(crate) fn new(template: u8) -> Fnv {
        Fnv((FNV_OFFSET ^ u64::from(template)).wrapping_mul(FNV_PRIME))
    }
    pub(crate) fn str(self, s: &str) -> Fnv {
        self.bytes(s.as_bytes())
    }
    pub(crate) fn bytes(self, b: &[u8]) -> Fnv {
        let mut h = self.0;
        for &x in b {
            h = (h ^ u64::from(x)).wrapping_mul(FNV_PRIME);
        }
        Fnv((h ^ 0xff).wrapping_mul(FNV_PRIME))
    }
    pub(crate) fn num(self, v: u64) -> Fnv {
        self.bytes(&v.to_le_bytes())
    }
    pub(crate) fn get(self) -> u64 {
        self.0
    }
}

/// The hash of a word (or any key) used by the tagger's dictionaries.
pub(crate) fn key(s: &str) -> u64 {
    Fnv::new(0).str(s).get()
}

/// The hash of a word together with a number (a class or a tag).
pub(crate) fn key2(s: &str, n: u64) -> u64 {
    Fnv::new(1).str(s).num(n).get()
}

/// The word as the features see it: lower case, every digit read as `0`.
pub(crate) fn normalise(form: &str, out: &mut String) {
    for c in form.chars() {
        if c.is_ascii_digit() {
            out.push('0');
        } else if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

/// The word's shape: `X` upper, `x` lower, `d` digit, other characters kept; runs longer than two shortened to two;
/// at most eight characters.
fn shape(form: &str, out: &mut String) {
    let mut last = '\0';
    let mut run = 0;
    let mut n = 0;
    for c in form.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
        if s == last {
            run += 1;
            if run > 2 {
                continue;
            }
        } else {
            run = 1;
            last = s;
        }
        out.push(s);
        n += 1;
        if n == 8 {
            break;
        }
    }
}

/// Per-sentence precomputation: normalised words, shapes and flags, in one buffer.
#[derive(Default)]
pub(crate) struct Prepared {
    buf: String,
    norm: Vec<(u32, u32)>,
    shape: Vec<(u32, u32)>,
    flags: Vec<u8>,
    /// The UPOS ambiguity class of each word from the tag dictionary (0 when unknown).
    pub(crate) amb: Vec<u32>,
    /// The word cluster of each word (`NO_CLUSTER` when none).
    cluster: Vec<u16>,
    /// Whether each word is in the tagger's vocabulary (seen at least twice in training).
    known: Vec<bool>,
}

/// What word-identity features see for a word outside the vocabulary. Training words seen once are read the same
/// way, so the weights for unseen words (suffixes, shape, context) are learned on words like them.
const UNKNOWN: &str = "-UNK-";

const NO_CLUSTER: u16 = u16::MAX;

const HYPHEN: u8 = 1;
const DIGIT: u8 = 2;
const CAP: u8 = 4;
const ALLCAP: u8 = 8;

pub(crate) const PAD_BEFORE: [&str; 2] = ["-S1-", "-S2-"];
pub(crate) const PAD_AFTER: [&str; 2] = ["-E1-", "-E2-"];

impl Prepared {
    /// Fills the buffers for `words`, reading ambiguity classes from `amb`.
    pub(crate) fn fill(&mut self, words: &[&str], amb: &HashMap64<u32>, clusters: &HashMap64<u16>) {
        self.cluster.clear();
        self.known.clear();
        self.buf.clear();
        self.norm.clear();
        self.shape.clear();
        self.flags.clear();
        self.amb.clear();
        for w in words {
            let a = self.buf.len() as u32;
            normalise(w, &mut self.buf);
            let b = self.buf.len() as u32;
            self.norm.push((a, b));
            shape(w, &mut self.buf);
            self.shape.push((b, self.buf.len() as u32));
            let mut f = 0;
            if w.chars().skip(1).any(|c| c == '-') {
                f |= HYPHEN;
            }
            if w.bytes().any(|c| c.is_ascii_digit()) {
                f |= DIGIT;
            }
            if w.chars().next().is_some_and(char::is_uppercase) {
                f |= CAP;
                if w.chars().all(|c| !c.is_lowercase()) && w.chars().count() > 1 {
                    f |= ALLCAP;
                }
            }
            self.flags.push(f);
            let k = key(&self.buf[a as usize..b as usize]);
            let a = amb.get(&k).copied();
            self.known.push(a.is_some());
            self.amb.push(a.unwrap_or(0));
            self.cluster.push(clusters.get(&k).copied().unwrap_or(NO_CLUSTER));
        }
    }

    /// The normalised word at `i`, or a padding symbol outside the sentence.
    pub(crate) fn word(&self, i: isize) -> &str {
        if i < 0 {
            PAD_BEFORE[((-i - 1) as usize).min(1)]
        } else if i as usize >= self.norm.len() {
            PAD_AFTER[(i as usize - self.norm.len()).min(1)]
        } else {
            let (a, b) = self.norm[i as usize];
            &self.buf[a as usize..b as usize]
        }
    }

    /// The word at `i` as word-identity features see it: [`UNKNOWN`] outside the vocabulary.
    fn ident(&self, i: isize) -> &str {
        if i >= 0 && (i as usize) < self.known.len() && !self.known[i as usize] { UNKNOWN } else { self.word(i) }
    }

    fn shape_at(&self, i: isize) -> &str {
        if i < 0 || i as usize >= self.norm.len() {
            "-P-"
        } else {
            let (a, b) = self.shape[i as usize];
            &self.buf[a as usize..b as usize]
        }
    }

    fn amb_at(&self, i: isize) -> u64 {
        if i < 0 {
            1 << 40
        } else if i as usize >= self.norm.len() {
            1 << 41
        } else {
            u64::from(self.amb[i as usize])
        }
    }

    fn cluster_at(&self, i: isize) -> u64 {
        if i < 0 {
            1 << 20
        } else if i as usize >= self.cluster.len() {
            1 << 21
        } else {
            u64::from(self.cluster[i as usize])
        }
    }

    /// Appends the features of word `i` that do not depend on predicted tags.
    pub(crate) fn static_features(&self, i: usize, out: &mut Vec<u64>) {
        let p = i as isize;
        let w = self.word(p);
        let id = self.ident(p);
        out.push(Fnv::new(1).get());
        out.push(Fnv::new(2).str(id).get());
        out.push(Fnv::new(3).str(self.ident(p - 1)).get());
        out.push(Fnv::new(4).str(self.ident(p + 1)).get());
        out.push(Fnv::new(5).str(self.ident(p - 2)).get());
        out.push(Fnv::new(6).str(self.ident(p + 2)).get());
        // Suffixes and prefixes of 1-4 characters (whole characters, never a split UTF-8 sequence).
        let n = w.chars().count();
        for (k, (idx, _)) in w.char_indices().rev().take(4).enumerate() {
            out.push(Fnv::new(10 + k as u8).str(&w[idx..]).get());
        }
        for (k, (idx, c)) in w.char_indices().take(4).enumerate() {
            if k + 1 < n {
                out.push(Fnv::new(20 + k as u8).str(&w[..idx + c.len_utf8()]).get());
            }
        }
        out.push(Fnv::new(30).str(self.shape_at(p)).get());
        out.push(Fnv::new(31).str(self.shape_at(p - 1)).get());
        out.push(Fnv::new(32).str(self.shape_at(p + 1)).get());
        let f = self.flags[i];
        out.push(Fnv::new(33).num(u64::from(f) | (u64::from(i == 0) << 8)).get());
        out.push(Fnv::new(34).num(self.amb_at(p)).get());
        out.push(Fnv::new(35).num(self.amb_at(p + 1)).get());
        out.push(Fnv::new(36).num(self.amb_at(p + 2)).get());
        out.push(Fnv::new(37).num(self.amb_at(p)).num(self.amb_at(p + 1)).get());
        out.push(Fnv::new(38).str(self.ident(p - 1)).str(id).get());
        out.push(Fnv::new(39).str(id).str(self.ident(p + 1)).get());
        out.push(Fnv::new(40).str(suffix(self.word(p - 1), 3)).get());
        out.push(Fnv::new(41).str(suffix(self.word(p + 1), 3)).get());
        out.push(Fnv::new(42).num(self.amb_at(p - 1)).str(id).get());
        out.push(Fnv::new(43).str(id).num(self.amb_at(p + 1)).get());
        out.push(Fnv::new(44).str(self.shape_at(p)).num(self.amb_at(p + 1)).get());
        if !self.cluster.is_empty() {
            let (c0, cm, cp) = (self.cluster_at(p), self.cluster_at(p - 1), self.cluster_at(p + 1));
            out.push(Fnv::new(70).num(c0).get());
            out.push(Fnv::new(71).num(cm).get());
            out.push(Fnv::new(72).num(cp).get());
            out.push(Fnv::new(73).num(c0).num(cp).get());
            out.push(Fnv::new(74).num(cm).num(c0).get());
            out.push(Fnv::new(75).num(c0).str(suffix(w, 2)).get());
        }
    }

    /// Appends the features of word `i` that read the tags predicted for the two words before it (`u16::MAX`
    /// outside the sentence).
    pub(crate) fn tag_features(&self, i: usize, t1: u16, t2: u16, out: &mut Vec<u64>) {
        let p = i as isize;
        let w = self.word(p);
        let id = self.ident(p);
        let (t1, t2) = (u64::from(t1), u64::from(t2));
        out.push(Fnv::new(50).num(t1).get());
        out.push(Fnv::new(51).num(t2).get());
        out.push(Fnv::new(52).num(t1).num(t2).get());
        out.push(Fnv::new(53).num(t1).str(id).get());
        out.push(Fnv::new(54).num(t1).str(suffix(w, 3)).get());
        out.push(Fnv::new(55).num(t1).num(self.amb_at(p + 1)).get());
        out.push(Fnv::new(56).num(t1).num(t2).str(id).get());
        out.push(Fnv::new(57).num(t2).str(id).get());
        if !self.cluster.is_empty() {
            out.push(Fnv::new(58).num(t1).num(self.cluster_at(p)).get());
        }
    }

    /// Appends the features of word `i` that read the first pass's tags `first` of this word and the two after it.
    pub(crate) fn right_features(&self, i: usize, t1: u16, first: &[u16], out: &mut Vec<u64>) {
        let w = self.ident(i as isize);
        let at = |k: usize| u64::from(first.get(k).copied().unwrap_or(u16::MAX));
        let (p0, r1, r2) = (at(i), at(i + 1), at(i + 2));
        let t1 = u64::from(t1);
        out.push(Fnv::new(60).num(r1).get());
        out.push(Fnv::new(61).num(r2).get());
        out.push(Fnv::new(62).num(r1).num(r2).get());
        out.push(Fnv::new(63).num(r1).str(w).get());
        out.push(Fnv::new(64).num(t1).num(r1).get());
        out.push(Fnv::new(65).num(p0).get());
        out.push(Fnv::new(66).num(p0).str(w).get());
        out.push(Fnv::new(67).num(t1).num(p0).num(r1).get());
    }
}

/// The last `n` characters of `w`.
pub(crate) fn suffix(w: &str, n: usize) -> &str {
    match w.char_indices().rev().nth(n.saturating_sub(1)) {
        Some((i, _)) if n > 0 => &w[i..],
        _ => w,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_suffixes() {
        let mut s = String::new();
        shape("McDonald's1999", &mut s);
        assert_eq!(s, "XxXxx'xd");
        assert_eq!(suffix("héllo", 3), "llo");
        assert_eq!(suffix("é", 3), "é");
        let mut n = String::new();
        normalise("AB-1999", &mut n);
        assert_eq!(n, "ab-0000");
    }

    #[test]
    fn features_are_deterministic_and_depend_on_context() {
        let amb = HashMap64::default();
        let mut p = Prepared::default();
        p.fill(&["The", "cat", "sat"], &amb, &HashMap64::default());
        let mut a = Vec::new();
        p.static_features(1, &mut a);
        let mut b = Vec::new();
        p.static_features(1, &mut b);
        assert_eq!(a, b);
        p.fill(&["A", "cat", "sat"], &amb, &HashMap64::default());
        let mut c = Vec::new();
        p.static_features(1, &mut c);
        assert_ne!(a, c);
    }
}
