//! Word clusters learned from unlabelled text, a feature that reaches words the treebank has few or no examples of.
//!
//! Each frequent word is described by the words seen just before and just after it (counts over the most frequent
//! words, square-rooted and length-normalised), and the words are grouped by spherical k-means with a
//! deterministic start (every (V/K)th word by frequency). Cheaper than Brown clustering and good enough to say
//! that an unseen surname sits where names sit.

use super::features::{HashMap64, key, normalise};
use std::collections::HashMap;

/// Words seen fewer times than this get no cluster.
const MIN_COUNT: u32 = 4;
/// At most this many words are clustered (the most frequent).
const MAX_WORDS: usize = 60_000;
/// Context words: the most frequent words, plus one symbol for the sentence edge.
const CONTEXTS: usize = 500;
/// k-means rounds.
const ROUNDS: usize = 12;

/// Learns `k` clusters from sentences of words; returns hash(normalised word) → cluster.
pub(crate) fn learn<'a>(sentences: impl Iterator<Item = &'a [&'a str]> + Clone, k: usize) -> HashMap64<u16> {
    let Encoded { names, counts, sentences: encoded } = encode(sentences);
    // Frequency order, ties by spelling, for determinism.
    let mut by_freq: Vec<u32> = (0..names.len() as u32).collect();
    by_freq
        .sort_by(|&a, &b| counts[b as usize].cmp(&counts[a as usize]).then(names[a as usize].cmp(&names[b as usize])));
    let mut context = vec![u32::MAX; names.len()];
    for (rank, &w) in by_freq.iter().take(CONTEXTS).enumerate() {
        context[w as usize] = rank as u32;
    }
    let vocab: Vec<u32> =
        by_freq.iter().copied().filter(|&w| counts[w as usize] >= MIN_COUNT).take(MAX_WORDS).collect();
    if vocab.len() < k || k == 0 {
        return HashMap64::default();
    }
    let mut row = vec![u32::MAX; names.len()];
    for (r, &w) in vocab.iter().enumerate() {
        row[w as usize] = r as u32;
    }
    let sparse = context_vectors(&encoded, &row, &context, vocab.len());
    let assign = kmeans(&sparse, k);
    vocab.iter().zip(&assign).map(|(&w, &c)| (key(&names[w as usize]), c)).collect()
}

/// Sentences as word ids of normalised words, with each word's spelling and count.
struct Encoded {
    names: Vec<String>,
    counts: Vec<u32>,
    sentences: Vec<Vec<u32>>,
}

fn encode<'a>(sentences: impl Iterator<Item = &'a [&'a str]>) -> Encoded {
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut out = Encoded { names: Vec::new(), counts: Vec::new(), sentences: Vec::new() };
    let mut norm = String::new();
    for s in sentences {
        let mut e = Vec::with_capacity(s.len());
        for w in s {
            norm.clear();
            normalise(w, &mut norm);
            let id = match ids.get(&norm) {
                Some(&id) => id,
                None => {
                    let id = out.names.len() as u32;
                    ids.insert(norm.clone(), id);
                    out.names.push(norm.clone());
                    out.counts.push(0);
                    id
                }
            };
            out.counts[id as usize] += 1;
            e.push(id);
        }
        out.sentences.push(e);
    }
    out
}

/// Per vocabulary row (`row` maps a word id to it, `u32::MAX` when out), the unit-length vector of square-rooted
/// context counts: dims 0..=CONTEXTS for the left word (CONTEXTS = edge), then the same for the right word.
fn context_vectors(encoded: &[Vec<u32>], row: &[u32], context: &[u32], rows: usize) -> Vec<Vec<(u16, f32)>> {
    let mut vecs: Vec<HashMap<u16, f32>> = vec![HashMap::new(); rows];
    for s in encoded {
        for (i, &w) in s.iter().enumerate() {
            let r = row[w as usize];
            if r == u32::MAX {
                continue;
            }
            let left = if i == 0 { CONTEXTS as u32 } else { context[s[i - 1] as usize] };
            let right = if i + 1 == s.len() { CONTEXTS as u32 } else { context[s[i + 1] as usize] };
            let v = &mut vecs[r as usize];
            if left != u32::MAX {
                *v.entry(left as u16).or_default() += 1.0;
            }
            if right != u32::MAX {
                *v.entry((CONTEXTS as u32 + 1 + right) as u16).or_default() += 1.0;
            }
        }
    }
    vecs.into_iter()
        .map(|m| {
            let mut v: Vec<(u16, f32)> = m.into_iter().map(|(d, c)| (d, c.sqrt())).collect();
            v.sort_by_key(|&(d, _)| d);
            let n = v.iter().map(|&(_, x)| x * x).sum::<f32>().sqrt().max(1e-9);
            v.iter_mut().for_each(|(_, x)| *x /= n);
            v
        })
        .collect()
}

/// Spherical k-means over the rows, seeded with evenly spaced rows, for [`ROUNDS`] rounds; each row's cluster.
fn kmeans(sparse: &[Vec<(u16, f32)>], k: usize) -> Vec<u16> {
    let dims = 2 * (CONTEXTS + 1);
    let step = sparse.len() / k;
    let mut centroids: Vec<Vec<f32>> = (0..k)
        .map(|c| {
            let mut d = vec![0f32; dims];
            for &(i, x) in &sparse[c * step] {
                d[i as usize] = x;
            }
            d
        })
        .collect();
    let mut assign = vec![0u16; sparse.len()];
    for _ in 0..ROUNDS {
        for (r, v) in sparse.iter().enumerate() {
            let mut best = (f32::MIN, 0usize);
            for (c, cen) in centroids.iter().enumerate() {
                let dot: f32 = v.iter().map(|&(i, x)| x * cen[i as usize]).sum();
                if dot > best.0 {
                    best = (dot, c);
                }
            }
            assign[r] = best.1 as u16;
        }
        for cen in &mut centroids {
            cen.iter_mut().for_each(|x| *x = 0.0);
        }
        for (r, v) in sparse.iter().enumerate() {
            let cen = &mut centroids[assign[r] as usize];
            for &(i, x) in v {
                cen[i as usize] += x;
            }
        }
        for cen in &mut centroids {
            let n = cen.iter().map(|x| x * x).sum::<f32>().sqrt();
            if n > 0.0 {
                cen.iter_mut().for_each(|x| *x /= n);
            }
        }
    }
    assign
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_the_same_slots_share_a_cluster() {
        let mut text: Vec<Vec<&str>> = Vec::new();
        for _ in 0..10 {
            for name in ["kim", "lee", "park"] {
                text.push(vec!["mr", name, "said", "the", "talks", "ended"]);
            }
            for noun in ["talks", "meeting", "visit"] {
                text.push(vec!["the", noun, "ended", "and", "mr", "kim", "said"]);
            }
        }
        let c = learn(text.iter().map(Vec::as_slice), 2);
        let get = |w: &str| c.get(&key(w)).copied();
        assert_eq!(get("kim"), get("lee"));
        assert_eq!(get("lee"), get("park"));
        assert_eq!(get("meeting"), get("visit"));
        assert_ne!(get("kim"), get("visit"));
        assert_eq!(learn(text.iter().map(Vec::as_slice), 2), c, "deterministic");
    }
}
