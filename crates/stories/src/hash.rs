//! A fast, seedable 64-bit hash for words, shingles and band keys.
//!
//! Tokens are hashed once and everything after that works on `u64`s, so the only string hashing is per word. The
//! mix is the SplitMix64 / MurmurHash3 finaliser, which has full avalanche: every input bit affects every output bit,
//! which MinHash needs because its permutations are cheap multiply-shift functions of this value.

/// Full-avalanche finaliser (SplitMix64).
#[inline]
pub fn mix64(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Streaming FNV-1a over bytes, finished with [`mix64`]. Words are short, so a byte loop is as fast as anything.
#[derive(Clone, Copy)]
pub struct ByteHasher(u64);

impl ByteHasher {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;

    /// A hasher whose output space is separated from others by `tag`.
    #[inline]
    pub fn new(tag: u64) -> ByteHasher {
        ByteHasher(Self::OFFSET ^ tag.wrapping_mul(Self::PRIME))
    }

    /// Feeds one byte.
    #[inline]
    pub fn byte(&mut self, b: u8) {
        self.0 = (self.0 ^ u64::from(b)).wrapping_mul(Self::PRIME);
    }

    /// Feeds bytes.
    #[inline]
    pub fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.byte(b);
        }
    }

    /// The finished hash.
    #[inline]
    pub fn finish(self) -> u64 {
        mix64(self.0)
    }
}

/// Hash of a string in the namespace `tag`.
pub fn hash_str(tag: u64, s: &str) -> u64 {
    let mut h = ByteHasher::new(tag);
    h.bytes(s.as_bytes());
    h.finish()
}

/// A deterministic pseudo-random generator (SplitMix64) for hash seeds and reproducible test-set rewrites.
#[derive(Debug, Clone)]
pub struct SplitMix(u64);

impl SplitMix {
    /// A generator from a seed.
    pub fn new(seed: u64) -> SplitMix {
        SplitMix(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        mix64(self.0)
    }

    /// A number in `0..n` (`0` when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { ((u128::from(self.next_u64()) * n as u128) >> 64) as usize }
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
}

/// A `BuildHasher` for keys that are already well-mixed hashes: it passes them through, so the index pays no
/// second hash per lookup.
#[derive(Debug, Clone, Copy, Default)]
pub struct PassThrough;

/// The hasher of [`PassThrough`].
#[derive(Debug, Clone, Copy, Default)]
pub struct PassThroughHasher(u64);

impl std::hash::Hasher for PassThroughHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b) ^ (self.0 >> 56);
        }
        self.0 = mix64(self.0);
    }
    fn write_u32(&mut self, n: u32) {
        // Spread a 32-bit key over 64 bits; hashbrown reads the top 7 bits for its control bytes.
        self.0 = u64::from(n).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ u64::from(n);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

impl std::hash::BuildHasher for PassThrough {
    type Hasher = PassThroughHasher;
    fn build_hasher(&self) -> PassThroughHasher {
        PassThroughHasher(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_separate_namespaces() {
        assert_ne!(hash_str(1, "cuba"), hash_str(2, "cuba"));
        assert_eq!(hash_str(1, "cuba"), hash_str(1, "cuba"));
    }

    #[test]
    fn splitmix_below_stays_in_range() {
        let mut r = SplitMix::new(7);
        for n in 1..100 {
            assert!(r.below(n) < n);
        }
        assert_eq!(r.below(0), 0);
    }

    #[test]
    fn mix_avalanches() {
        let a = mix64(1);
        let b = mix64(2);
        assert!((a ^ b).count_ones() > 16);
    }
}
