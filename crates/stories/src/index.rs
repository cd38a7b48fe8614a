//! The LSH index: signatures split into bands, each band hashed to a bucket; documents that share a bucket in any
//! band are candidates, and candidates are confirmed by comparing whole signatures.
//!
//! Layout, chosen for memory: one `u32 → u32` map per band from bucket key to the newest document in it, and one
//! flat `next` array that chains each (document, band) to the previous document in the same bucket. A document
//! costs its signature (256 bytes), `4·bands` bytes of chain links and one map entry per band; with the default
//! 32 bands that is about 0.7 KB, and adding a document never moves another.

use crate::StoriesError;
use crate::hash::{PassThrough, mix64};
use crate::minhash::{SIG_LEN, Signature};
use std::collections::HashMap;

const NONE: u32 = u32::MAX;

/// Items per chunk of a [`Chunked`] store.
const CHUNK: usize = 4096;

/// An append-only vector stored in fixed chunks allocated to exact size, so that growing it never doubles its
/// memory (a `Vec` may hold twice what it uses just after it grows) and never copies earlier items.
#[derive(Debug, Clone)]
struct Chunked<T> {
    chunks: Vec<Vec<T>>,
    len: usize,
}

impl<T: Copy> Chunked<T> {
    fn new() -> Chunked<T> {
        Chunked { chunks: Vec::new(), len: 0 }
    }

    fn push(&mut self, item: T) {
        if self.len.is_multiple_of(CHUNK) {
            self.chunks.push(Vec::with_capacity(CHUNK));
        }
        if let Some(last) = self.chunks.last_mut() {
            last.push(item);
            self.len += 1;
        }
    }

    fn get(&self, i: usize) -> Option<&T> {
        self.chunks.get(i / CHUNK)?.get(i % CHUNK)
    }

    fn heap_bytes(&self) -> usize {
        self.chunks.iter().map(Vec::capacity).sum::<usize>() * std::mem::size_of::<T>()
            + self.chunks.capacity() * std::mem::size_of::<Vec<T>>()
    }
}

/// Number of bands and rows per band.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Banding {
    /// Number of bands; a pair is a candidate when any band agrees.
    pub bands: usize,
    /// Signature values per band; a band agrees when all its values agree.
    pub rows: usize,
}

impl Banding {
    /// 32 bands of 2 rows: a pair with Jaccard similarity `s` becomes a candidate with probability
    /// `1 − (1 − s²)³²`: 0.87 at 0.25, 0.95 at 0.3, 0.9995 at 0.4 and 0.12 at 0.06.
    pub const DEFAULT: Banding = Banding { bands: 32, rows: 2 };

    /// The probability that a pair with Jaccard similarity `s` becomes a candidate.
    pub fn candidate_probability(self, s: f64) -> f64 {
        1.0 - (1.0 - s.powi(self.rows as i32)).powi(self.bands as i32)
    }
}

/// An incremental MinHash LSH index over document signatures. Documents are numbered from 0 in insertion order.
#[derive(Debug, Clone)]
pub struct LshIndex {
    banding: Banding,
    max_chain: usize,
    signatures: Chunked<Signature>,
    heads: Vec<HashMap<u32, u32, PassThrough>>,
    next: Chunked<u32>,
}

impl LshIndex {
    /// An empty index. `max_chain` bounds how many documents of one bucket a query visits, so that a bucket
    /// filled by boilerplate cannot make queries quadratic; the newest documents are visited first.
    pub fn new(banding: Banding, max_chain: usize) -> Result<LshIndex, StoriesError> {
        if banding.bands == 0 || banding.rows == 0 || banding.bands * banding.rows > SIG_LEN {
            return Err(StoriesError::Banding { bands: banding.bands, rows: banding.rows, max: SIG_LEN });
        }
        Ok(LshIndex {
            banding,
            max_chain: max_chain.max(1),
            signatures: Chunked::new(),
            heads: (0..banding.bands).map(|_| HashMap::with_hasher(PassThrough)).collect(),
            next: Chunked::new(),
        })
    }

    /// The banding.
    pub fn banding(&self) -> Banding {
        self.banding
    }

    fn band_key(&self, sig: &Signature, band: usize) -> u32 {
        let rows = self.banding.rows;
        let mut x = band as u64;
        for &v in &sig.0[band * rows..(band + 1) * rows] {
            x = mix64(x ^ (u64::from(v) << 17) ^ u64::from(v));
        }
        (x >> 32) as u32
    }

    /// Adds a signature and returns its document number. An empty signature is stored but never matched.
    pub fn insert(&mut self, sig: Signature) -> u32 {
        let id = self.signatures.len as u32;
        let empty = sig.is_empty();
        for band in 0..self.banding.bands {
            if empty {
                self.next.push(NONE);
                continue;
            }
            let key = self.band_key(&sig, band);
            let prev = self.heads[band].insert(key, id).unwrap_or(NONE);
            self.next.push(prev);
        }
        self.signatures.push(sig);
        id
    }

    /// The candidate documents for `sig` (sorted, each once), excluding none: a stored document finds itself.
    pub fn candidates(&self, sig: &Signature, out: &mut Vec<u32>) {
        out.clear();
        if sig.is_empty() {
            return;
        }
        let bands = self.banding.bands;
        for band in 0..bands {
            let key = self.band_key(sig, band);
            let mut at = self.heads[band].get(&key).copied().unwrap_or(NONE);
            let mut seen = 0;
            while at != NONE && seen < self.max_chain {
                out.push(at);
                seen += 1;
                at = self.next.get(at as usize * bands + band).copied().unwrap_or(NONE);
            }
        }
        out.sort_unstable();
        out.dedup();
    }

    /// The documents whose estimated similarity to `sig` is at least `min_similarity`, best first.
    pub fn query(&self, sig: &Signature, min_similarity: f32) -> Vec<(u32, f32)> {
        let mut cands = Vec::new();
        self.candidates(sig, &mut cands);
        let mut hits: Vec<(u32, f32)> = cands
            .into_iter()
            .filter_map(|id| {
                let s = self.signatures.get(id as usize)?.similarity(sig);
                (s >= min_similarity).then_some((id, s))
            })
            .collect();
        hits.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        hits
    }

    /// The stored signature of a document.
    pub fn signature(&self, id: u32) -> Option<&Signature> {
        self.signatures.get(id as usize)
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.signatures.len
    }

    /// Whether the index holds no documents.
    pub fn is_empty(&self) -> bool {
        self.signatures.len == 0
    }

    /// Heap bytes held by the index (signatures, chain links and bucket maps, counting hashbrown's allocation of
    /// one 8-byte slot and one control byte per bucket).
    pub fn heap_bytes(&self) -> usize {
        let maps: usize = self
            .heads
            .iter()
            .map(|m| {
                let cap = m.capacity();
                if cap == 0 { 0 } else { ((cap * 8).div_ceil(7)).next_power_of_two() * (8 + 1) }
            })
            .sum();
        self.signatures.heap_bytes() + self.next.heap_bytes() + maps
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::minhash::MinHasher;

    #[test]
    fn rejects_banding_larger_than_signature() {
        assert!(LshIndex::new(Banding { bands: 40, rows: 2 }, 10).is_err());
        assert!(LshIndex::new(Banding { bands: 0, rows: 2 }, 10).is_err());
    }

    #[test]
    fn finds_near_copy_not_stranger() {
        let h = MinHasher::new(2, 3);
        let base: Vec<u64> = (0..300).collect();
        let mut copy = base.clone();
        copy.truncate(250);
        let other: Vec<u64> = (1000..1300).collect();
        let mut idx = LshIndex::new(Banding::DEFAULT, 100).unwrap();
        let a = idx.insert(h.sign(&base));
        let b = idx.insert(h.sign(&other));
        let hits = idx.query(&h.sign(&copy), 0.5);
        assert_eq!(hits.first().map(|x| x.0), Some(a));
        assert!(hits.iter().all(|x| x.0 != b));
        assert!(idx.heap_bytes() > 0);
    }

    #[test]
    fn empty_signature_matches_nothing() {
        let mut idx = LshIndex::new(Banding::DEFAULT, 100).unwrap();
        idx.insert(Signature::EMPTY);
        assert!(idx.query(&Signature::EMPTY, 0.0).is_empty());
    }

    #[test]
    fn candidate_probability_is_an_s_curve() {
        let b = Banding::DEFAULT;
        assert!(b.candidate_probability(0.4) > 0.99);
        assert!(b.candidate_probability(0.02) < 0.02);
    }
}
