//! MinHash signatures over token shingles.

use crate::hash::mix64;

/// Number of MinHash values in a signature (a power of two: the bins of one-permutation hashing). 64 `u32`s are 256
/// bytes: small enough for the 1 KB per document budget of the index, with a standard error of at most
/// 1/(2·√64) ≈ 0.06 on the similarity estimate.
pub const SIG_LEN: usize = 64;

/// A MinHash signature: for each of [`SIG_LEN`] hash functions, the least hash over the document's shingles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signature(pub [u32; SIG_LEN]);

impl Signature {
    /// The signature of a document with no shingles; it matches nothing.
    pub const EMPTY: Signature = Signature([u32::MAX; SIG_LEN]);

    /// Whether this is the signature of an empty document.
    pub fn is_empty(&self) -> bool {
        // After densification a non-empty document fills every bin, so the first bin decides in practice; the full
        // check runs only in the rare case that a real minimum equals u32::MAX.
        self.0[0] == u32::MAX && self.0.iter().all(|&v| v == u32::MAX)
    }

    /// The estimated Jaccard similarity of the two shingle sets: the share of positions where the minima agree.
    pub fn similarity(&self, other: &Signature) -> f32 {
        if self.is_empty() || other.is_empty() {
            return 0.0;
        }
        let same = self.0.iter().zip(other.0.iter()).filter(|(a, b)| a == b).count();
        same as f32 / SIG_LEN as f32
    }
}

/// Computes signatures by one-permutation hashing with optimal densification (Shrivastava, ICML 2017): each
/// shingle is hashed once, its top bits pick one of the [`SIG_LEN`] bins and its low bits compete for that bin's
/// minimum; a bin no shingle fell into borrows the value of the first non-empty bin on its own pseudo-random probe
/// sequence. This costs one hash per shingle instead of [`SIG_LEN`], and estimates Jaccard similarity as well as
/// [`SIG_LEN`] independent permutations once a document has a few dozen shingles.
#[derive(Debug, Clone)]
pub struct MinHasher {
    min: usize,
    max: usize,
    seed: u64,
}

const BIN_BITS: u32 = SIG_LEN.trailing_zeros();

impl MinHasher {
    /// A hasher that compares runs of `shingle` consecutive tokens (at least 1), with a hash drawn from `seed`.
    /// Signatures are comparable only between hashers with the same shingle sizes and seed.
    pub fn new(shingle: usize, seed: u64) -> MinHasher {
        MinHasher::with_sizes(shingle, shingle, seed)
    }

    /// A hasher whose shingle set holds the runs of every length from `min` to `max` tokens: single words make
    /// the comparison robust to rewording and reordering, longer runs make it specific to one report.
    pub fn with_sizes(min: usize, max: usize, seed: u64) -> MinHasher {
        let min = min.max(1);
        MinHasher { min, max: max.max(min), seed: mix64(seed ^ 0x0b5e_55ed) }
    }

    /// The shingle sizes in tokens (least, greatest).
    pub fn sizes(&self) -> (usize, usize) {
        (self.min, self.max)
    }

    fn for_each_shingle(&self, tokens: &[u64], mut f: impl FnMut(u64)) {
        if tokens.is_empty() {
            return;
        }
        for size in self.min..=self.max {
            // A sequence shorter than one shingle is one shingle; longer sizes then add nothing new.
            let k = size.min(tokens.len());
            for window in tokens.windows(k) {
                let mut x = k as u64;
                for &t in window {
                    x = mix64(x.rotate_left(23) ^ t);
                }
                f(x);
            }
            if k < size {
                break;
            }
        }
    }

    /// The signature of a token sequence. A sequence shorter than one shingle is one shingle.
    pub fn sign(&self, tokens: &[u64]) -> Signature {
        const { assert!(SIG_LEN.is_power_of_two()) };
        let mut sig = [u32::MAX; SIG_LEN];
        let mut filled = 0u64;
        self.for_each_shingle(tokens, |x| {
            let h = mix64(x ^ self.seed);
            let bin = (h >> (64 - BIN_BITS)) as usize;
            let v = h as u32;
            if v < sig[bin] {
                sig[bin] = v;
            }
            filled |= 1 << bin;
        });
        if filled == 0 || filled.count_ones() as usize == SIG_LEN {
            return Signature(sig);
        }
        let dense = sig;
        for (bin, slot) in sig.iter_mut().enumerate() {
            if filled & (1 << bin) != 0 {
                continue;
            }
            // Each empty bin follows its own probe sequence, the same in every document, so two documents whose
            // bins are empty in the same places borrow from the same bins.
            let mut attempt = 0u64;
            loop {
                let probe = mix64(self.seed ^ ((bin as u64) << 32) ^ attempt);
                let from = (probe >> (64 - BIN_BITS)) as usize;
                if filled & (1 << from) != 0 {
                    *slot = dense[from];
                    break;
                }
                attempt += 1;
                if attempt > 4096 {
                    // Unreachable in practice (each probe hits a filled bin with probability ≥ 1/64); bounded so
                    // that no input can loop forever.
                    *slot = dense[filled.trailing_zeros() as usize];
                    break;
                }
            }
        }
        Signature(sig)
    }

    /// The exact Jaccard similarity of the shingle sets of two token sequences, for calibration and tests.
    pub fn exact_jaccard(&self, a: &[u64], b: &[u64]) -> f32 {
        let set = |t: &[u64]| {
            let mut s = std::collections::HashSet::new();
            self.for_each_shingle(t, |x| {
                s.insert(x);
            });
            s
        };
        let (sa, sb) = (set(a), set(b));
        let union = sa.union(&sb).count();
        if union == 0 { 0.0 } else { sa.intersection(&sb).count() as f32 / union as f32 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn identical_sequences_have_similarity_one_and_empty_zero() {
        let h = MinHasher::new(3, 1);
        let t: Vec<u64> = (0..50).collect();
        assert_eq!(h.sign(&t).similarity(&h.sign(&t)), 1.0);
        assert!(h.sign(&[]).is_empty());
        assert_eq!(h.sign(&[]).similarity(&h.sign(&t)), 0.0);
    }

    #[test]
    fn short_sequences_are_one_shingle() {
        let h = MinHasher::new(3, 1);
        assert!(!h.sign(&[5, 6]).is_empty());
        assert_eq!(h.sign(&[5, 6]).similarity(&h.sign(&[5, 6])), 1.0);
    }

    proptest! {
        #[test]
        fn estimate_tracks_exact_jaccard(shared in 0usize..200, own_a in 1usize..200, own_b in 1usize..200) {
            // Distinct token ranges so that the shingle sets overlap exactly in the shared run.
            let h = MinHasher::new(1, 9);
            let a: Vec<u64> = (0..shared as u64).chain(10_000..10_000 + own_a as u64).collect();
            let b: Vec<u64> = (0..shared as u64).chain(20_000..20_000 + own_b as u64).collect();
            let exact = h.exact_jaccard(&a, &b);
            let est = h.sign(&a).similarity(&h.sign(&b));
            // Five standard errors of a 64-sample estimate.
            prop_assert!((exact - est).abs() <= 0.32, "exact {exact} est {est}");
        }
    }
}
