//! The labelled near-duplicate set and the figures computed on it (used by `dyad bench near-dup` and tests).
//!
//! Pairs come from two sources. Hand-written texts (`tests/data/handwritten.txt`): hand rewrites of one report are
//! copies, and reports on the same actors but a different event are hard negatives. Real news text (the Zyte
//! benchmark's article bodies, read at run time from `../shared/bench`, never stored here): each article against
//! programmatic rewrites of itself at three strengths (synonym swaps, sentence drops and reorders, country alias
//! swaps, truncation, added page chrome) are copies; each article against a random other article, and against the
//! most similar other article with the same page chrome added to both, are non-copies.
//!
//! Country aliases are mapped to ids by [`StandInNormaliser`], a TEST STAND-IN for the actors crate.

use crate::StoriesError;
use crate::hash::SplitMix;
use crate::index::{Banding, LshIndex};
use crate::minhash::MinHasher;
use crate::tokens::HashedTokens;
use aho_corasick::{AhoCorasick, MatchKind};
use dyad_core::{DataError, data_lines, tsv_columns};
use std::collections::{HashMap, HashSet};
use std::path::Path;

static HANDWRITTEN: &str = include_str!("../tests/data/handwritten.txt");
static ALIASES: &str = include_str!("../tests/data/aliases_standin.tsv");
static SYNONYMS: &str = include_str!("../tests/data/synonyms.tsv");
static BOILERPLATE: &str = include_str!("../tests/data/boilerplate.txt");

fn tsv_pairs(text: &'static str, file: &'static str) -> Result<Vec<(&'static str, &'static str)>, DataError> {
    data_lines(text)
        .map(|(line, row)| match tsv_columns(file, line, row)? {
            [a, b] if !a.is_empty() && !b.is_empty() => Ok((a, b)),
            _ => Err(DataError { file, line, message: "expected two non-empty tab-separated columns".into() }),
        })
        .collect()
}

/// TEST STAND-IN for the actors crate: lowercase words, with the country aliases of
/// `tests/data/aliases_standin.tsv` replaced by their ids. Aliases in capitals (`US`) match case-sensitively.
pub struct StandInNormaliser {
    folded: AhoCorasick,
    folded_ids: Vec<&'static str>,
    exact: AhoCorasick,
    exact_ids: Vec<&'static str>,
    by_id: HashMap<&'static str, Vec<&'static str>>,
}

fn bounded(text: &str, start: usize, end: usize) -> bool {
    let before = text.get(..start).and_then(|s| s.chars().next_back());
    let after = text.get(end..).and_then(|s| s.chars().next());
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

impl StandInNormaliser {
    /// Loads the alias list.
    pub fn new() -> Result<StandInNormaliser, StoriesError> {
        let pairs = tsv_pairs(ALIASES, "aliases_standin.tsv")?;
        let (mut folded, mut folded_ids, mut exact, mut exact_ids) = (vec![], vec![], vec![], vec![]);
        let mut by_id: HashMap<&str, Vec<&str>> = HashMap::new();
        for (alias, id) in pairs {
            by_id.entry(id).or_default().push(alias);
            if alias.chars().all(|c| !c.is_alphabetic() || c.is_uppercase()) {
                exact.push(alias);
                exact_ids.push(id);
            } else {
                folded.push(alias);
                folded_ids.push(id);
            }
        }
        let build = |p: &[&str], fold: bool| {
            AhoCorasick::builder()
                .ascii_case_insensitive(fold)
                .match_kind(MatchKind::LeftmostLongest)
                .build(p)
                .map_err(|e| StoriesError::LabelledSet(e.to_string()))
        };
        Ok(StandInNormaliser {
            folded: build(&folded, true)?,
            folded_ids,
            exact: build(&exact, false)?,
            exact_ids,
            by_id,
        })
    }

    /// The alias matches in `text`: (start, end, id), in order, not overlapping.
    fn matches(&self, text: &str) -> Vec<(usize, usize, &'static str)> {
        let mut all = Vec::new();
        for (ac, ids) in [(&self.folded, &self.folded_ids), (&self.exact, &self.exact_ids)] {
            for m in ac.find_iter(text) {
                if bounded(text, m.start(), m.end())
                    && let Some(&id) = ids.get(m.pattern().as_usize())
                {
                    all.push((m.start(), m.end(), id));
                }
            }
        }
        all.sort_unstable_by_key(|&(s, e, _)| (s, std::cmp::Reverse(e)));
        let mut out: Vec<(usize, usize, &str)> = Vec::new();
        for m in all {
            if out.last().is_none_or(|l| m.0 >= l.1) {
                out.push(m);
            }
        }
        out
    }

    /// Appends the normalised tokens of `text` to `out`.
    pub fn normalise_into(&self, text: &str, out: &mut HashedTokens) {
        let mut at = 0;
        for (s, e, id) in self.matches(text) {
            out.push_text(text.get(at..s).unwrap_or(""));
            out.push_actor(id);
            at = e;
        }
        out.push_text(text.get(at..).unwrap_or(""));
    }

    /// The normalised tokens of `text`.
    pub fn normalise(&self, text: &str) -> HashedTokens {
        let mut t = HashedTokens::with_capacity(text.len() / 6);
        self.normalise_into(text, &mut t);
        t
    }

    /// `text` with each alias replaced, with probability `p`, by another alias of the same id.
    fn swap_aliases(&self, text: &str, p: f64, rng: &mut SplitMix) -> String {
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for (s, e, id) in self.matches(text) {
            out.push_str(text.get(at..s).unwrap_or(""));
            let original = text.get(s..e).unwrap_or("");
            let others = self.by_id.get(id).map(Vec::as_slice).unwrap_or(&[]);
            if rng.chance(p) && !others.is_empty() {
                out.push_str(others[rng.below(others.len())]);
            } else {
                out.push_str(original);
            }
            at = e;
        }
        out.push_str(text.get(at..).unwrap_or(""));
        out
    }
}

/// What kind of pair a labelled pair is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PairKind {
    /// Two hand-written versions of one report (copy).
    HandCopy,
    /// Two hand-written reports on the same actors, different events (non-copy).
    HandSameTopic,
    /// An article and a light programmatic rewrite (copy).
    RewriteLight,
    /// An article and a medium rewrite (copy).
    RewriteMedium,
    /// An article and a heavy rewrite: a third of its sentences gone, the rest reordered and reworded (copy).
    RewriteHeavy,
    /// Two random different articles (non-copy).
    Random,
    /// An article and its most similar other article, both with the same page chrome (non-copy).
    NearestWithChrome,
}

impl PairKind {
    /// Whether pairs of this kind are copies.
    pub fn is_copy(self) -> bool {
        matches!(self, PairKind::HandCopy | PairKind::RewriteLight | PairKind::RewriteMedium | PairKind::RewriteHeavy)
    }
}

/// A labelled pair of texts.
#[derive(Debug, Clone)]
pub struct LabelledPair {
    /// First text.
    pub a: String,
    /// Second text.
    pub b: String,
    /// The kind, which fixes the label.
    pub kind: PairKind,
}

/// Hand-written blocks: (story, topic, text).
pub fn handwritten() -> Vec<(&'static str, &'static str, String)> {
    let mut out: Vec<(&str, &str, String)> = Vec::new();
    for line in HANDWRITTEN.lines() {
        if let Some(head) = line.strip_prefix("## ") {
            let mut parts = head.split_whitespace();
            let story = parts.next().unwrap_or("");
            let topic = parts.next().unwrap_or("");
            out.push((story, topic, String::new()));
        } else if line.starts_with('#') || line.trim().is_empty() {
            continue;
        } else if let Some(last) = out.last_mut() {
            if !last.2.is_empty() {
                last.2.push(' ');
            }
            last.2.push_str(line.trim());
        }
    }
    out
}

/// The Zyte benchmark's article bodies with at least `min_words` words, ordered by page hash.
pub fn zyte_bodies(ground_truth: &Path, min_words: usize) -> Result<Vec<String>, StoriesError> {
    let text = std::fs::read_to_string(ground_truth).map_err(|e| StoriesError::LabelledSet(e.to_string()))?;
    let map: HashMap<String, serde_json::Value> =
        serde_json::from_str(&text).map_err(|e| StoriesError::LabelledSet(e.to_string()))?;
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort();
    Ok(keys
        .into_iter()
        .filter_map(|k| map.get(k)?.get("articleBody")?.as_str().map(str::to_string))
        .filter(|b| b.split_whitespace().count() >= min_words)
        .collect())
}

/// Strength of a programmatic rewrite.
#[derive(Debug, Clone, Copy)]
struct Strength {
    synonym: f64,
    drop: f64,
    swap: f64,
    alias: f64,
    keep: f64,
    chrome_lines: usize,
}

const LIGHT: Strength = Strength { synonym: 0.3, drop: 0.05, swap: 0.05, alias: 0.5, keep: 1.0, chrome_lines: 1 };
const MEDIUM: Strength = Strength { synonym: 0.6, drop: 0.15, swap: 0.15, alias: 0.7, keep: 0.85, chrome_lines: 3 };
const HEAVY: Strength = Strength { synonym: 0.9, drop: 0.3, swap: 0.3, alias: 0.9, keep: 0.7, chrome_lines: 5 };

fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let next_is_space = bytes.get(i + 1).is_some_and(|c| c.is_ascii_whitespace());
        if matches!(b, b'.' | b'!' | b'?' | b'\n') && next_is_space {
            if let Some(s) = text.get(start..=i)
                && !s.trim().is_empty()
            {
                out.push(s.trim());
            }
            start = i + 1;
        }
    }
    if let Some(s) = text.get(start..)
        && !s.trim().is_empty()
    {
        out.push(s.trim());
    }
    out
}

struct Rewriter {
    normaliser: StandInNormaliser,
    synonyms: HashMap<&'static str, &'static str>,
    chrome: Vec<&'static str>,
}

impl Rewriter {
    fn new() -> Result<Rewriter, StoriesError> {
        Ok(Rewriter {
            normaliser: StandInNormaliser::new()?,
            synonyms: tsv_pairs(SYNONYMS, "synonyms.tsv")?.into_iter().collect(),
            chrome: data_lines(BOILERPLATE).map(|(_, line)| line.trim_start()).collect(),
        })
    }

    fn chrome(&self, n: usize, rng: &mut SplitMix) -> Vec<&'static str> {
        (0..n).filter_map(|_| self.chrome.get(rng.below(self.chrome.len())).copied()).collect()
    }

    fn reword(&self, sentence: &str, p: f64, rng: &mut SplitMix) -> String {
        let mut out = String::with_capacity(sentence.len() + 16);
        for (i, word) in sentence.split(' ').enumerate() {
            if i > 0 {
                out.push(' ');
            }
            let core = word.trim_matches(|c: char| !c.is_alphanumeric());
            let lower = core.to_lowercase();
            match self.synonyms.get(lower.as_str()) {
                Some(rep) if !core.is_empty() && rng.chance(p) => {
                    let capital = core.chars().next().is_some_and(char::is_uppercase);
                    let rep = if capital {
                        let mut c = rep.chars();
                        c.next().map_or(String::new(), |f| f.to_uppercase().collect::<String>() + c.as_str())
                    } else {
                        rep.to_string()
                    };
                    out.push_str(&word.replacen(core, &rep, 1));
                }
                _ => out.push_str(word),
            }
        }
        out
    }

    fn rewrite(&self, text: &str, s: Strength, rng: &mut SplitMix) -> String {
        let all = sentences(text);
        let keep_n = ((all.len() as f64 * s.keep).ceil() as usize).max(1);
        let mut kept: Vec<String> = Vec::with_capacity(keep_n);
        for (i, t) in all.iter().take(keep_n).enumerate() {
            if i > 0 && rng.chance(s.drop) {
                continue;
            }
            let swapped = self.normaliser.swap_aliases(t, s.alias, rng);
            kept.push(self.reword(&swapped, s.synonym, rng));
        }
        for i in 1..kept.len() {
            if rng.chance(s.swap) {
                kept.swap(i - 1, i);
            }
        }
        let mut out: Vec<String> = self.chrome(s.chrome_lines, rng).into_iter().map(str::to_string).collect();
        out.push(kept.join(" "));
        out.extend(self.chrome(s.chrome_lines, rng).into_iter().map(str::to_string));
        out.join("\n")
    }
}

fn word_set(n: &StandInNormaliser, text: &str) -> HashSet<u64> {
    n.normalise(text).as_slice().iter().copied().collect()
}

/// Builds the labelled set: the hand-written pairs, and, when `zyte_ground_truth` is given and readable, the pairs
/// built from its article bodies. Deterministic for a given `seed`.
pub fn labelled_set(zyte_ground_truth: Option<&Path>, seed: u64) -> Result<Vec<LabelledPair>, StoriesError> {
    let mut rng = SplitMix::new(seed);
    let rw = Rewriter::new()?;
    let mut pairs = Vec::new();
    let hand = handwritten();
    for (i, x) in hand.iter().enumerate() {
        for y in hand.iter().skip(i + 1) {
            let kind = if x.0 == y.0 {
                PairKind::HandCopy
            } else if x.1 == y.1 {
                PairKind::HandSameTopic
            } else {
                continue;
            };
            pairs.push(LabelledPair { a: x.2.clone(), b: y.2.clone(), kind });
        }
    }
    // Hand texts also get programmatic rewrites, so that they count among the bases.
    let mut bases: Vec<String> = hand.iter().map(|h| h.2.clone()).collect();
    if let Some(path) = zyte_ground_truth {
        bases.extend(zyte_bodies(path, 80)?);
    }
    let sets: Vec<HashSet<u64>> = bases.iter().map(|b| word_set(&rw.normaliser, b)).collect();
    for (i, base) in bases.iter().enumerate() {
        for (kind, s) in
            [(PairKind::RewriteLight, LIGHT), (PairKind::RewriteMedium, MEDIUM), (PairKind::RewriteHeavy, HEAVY)]
        {
            pairs.push(LabelledPair { a: base.clone(), b: rw.rewrite(base, s, &mut rng), kind });
        }
        if bases.len() > 1 {
            let mut j = rng.below(bases.len() - 1);
            if j >= i {
                j += 1;
            }
            pairs.push(LabelledPair { a: base.clone(), b: bases[j].clone(), kind: PairKind::Random });
            let nearest = (0..bases.len())
                .filter(|&j| j != i)
                .max_by(|&x, &y| {
                    let jac = |j: usize| {
                        let inter = sets[i].intersection(&sets[j]).count() as f64;
                        inter / (sets[i].len() + sets[j].len()).max(1) as f64
                    };
                    jac(x).total_cmp(&jac(y))
                })
                .unwrap_or(0);
            let chrome = rw.chrome(4, &mut rng).join("\n");
            pairs.push(LabelledPair {
                a: format!("{chrome}\n{base}\n{chrome}"),
                b: format!("{chrome}\n{}\n{chrome}", bases[nearest]),
                kind: PairKind::NearestWithChrome,
            });
        }
    }
    Ok(pairs)
}

/// One scored pair.
#[derive(Debug, Clone, Copy)]
pub struct ScoredPair {
    /// The pair's kind.
    pub kind: PairKind,
    /// MinHash estimate of the shingle Jaccard similarity.
    pub estimate: f32,
    /// Exact shingle Jaccard similarity.
    pub exact: f32,
    /// Whether the LSH index returns the pair as a candidate.
    pub candidate: bool,
}

/// Scores every pair with shingles of `sizes.0` to `sizes.1` tokens.
pub fn score(
    pairs: &[LabelledPair],
    sizes: (usize, usize),
    banding: Banding,
    seed: u64,
) -> Result<Vec<ScoredPair>, StoriesError> {
    let n = StandInNormaliser::new()?;
    let h = MinHasher::with_sizes(sizes.0, sizes.1, seed);
    let mut out = Vec::with_capacity(pairs.len());
    let mut cands = Vec::new();
    for p in pairs {
        let (ta, tb) = (n.normalise(&p.a), n.normalise(&p.b));
        let (sa, sb) = (h.sign(ta.as_slice()), h.sign(tb.as_slice()));
        let mut idx = LshIndex::new(banding, 16)?;
        idx.insert(sa);
        idx.candidates(&sb, &mut cands);
        out.push(ScoredPair {
            kind: p.kind,
            estimate: sa.similarity(&sb),
            exact: h.exact_jaccard(ta.as_slice(), tb.as_slice()),
            candidate: !cands.is_empty(),
        });
    }
    Ok(out)
}

/// Precision, recall and F1 of a decision rule.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prf {
    /// The threshold.
    pub threshold: f32,
    /// True positives.
    pub tp: usize,
    /// False positives.
    pub fp: usize,
    /// False negatives.
    pub fn_: usize,
    /// tp / (tp + fp).
    pub precision: f64,
    /// tp / (tp + fn).
    pub recall: f64,
    /// Harmonic mean.
    pub f1: f64,
}

/// The figures of "copy when estimate ≥ threshold (and, if `lsh`, the index returns the pair)".
pub fn prf(scored: &[ScoredPair], threshold: f32, lsh: bool) -> Prf {
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    for s in scored {
        let predicted = s.estimate >= threshold && (!lsh || s.candidate);
        match (predicted, s.kind.is_copy()) {
            (true, true) => tp += 1,
            (true, false) => fp += 1,
            (false, true) => fn_ += 1,
            (false, false) => {}
        }
    }
    let precision = if tp + fp == 0 { 1.0 } else { tp as f64 / (tp + fp) as f64 };
    let recall = if tp + fn_ == 0 { 1.0 } else { tp as f64 / (tp + fn_) as f64 };
    let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
    Prf { threshold, tp, fp, fn_, precision, recall, f1 }
}

/// The threshold (in steps of 0.01) with the best F1 on `scored`, LSH candidacy included; on a plateau of equal F1, its middle, so the
/// choice keeps the largest margin to both kinds of error.
pub fn calibrate(scored: &[ScoredPair]) -> Prf {
    let all: Vec<Prf> = (1..100).map(|t| prf(scored, t as f32 / 100.0, true)).collect();
    let best = all.iter().map(|p| p.f1).fold(0.0f64, f64::max);
    let plateau: Vec<&Prf> = all.iter().filter(|p| (p.f1 - best).abs() < 1e-12).collect();
    plateau.get(plateau.len() / 2).copied().copied().unwrap_or(all[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_load() {
        assert!(tsv_pairs(ALIASES, "a").unwrap().len() > 40);
        assert!(tsv_pairs(SYNONYMS, "s").unwrap().len() > 30);
        assert!(data_lines(BOILERPLATE).count() > 10);
        let hand = handwritten();
        assert!(hand.len() >= 18);
        assert!(hand.iter().all(|h| h.2.split_whitespace().count() > 50 && !h.1.is_empty()));
    }

    #[test]
    fn a_bad_line_names_its_file_and_line() {
        let e = tsv_pairs("# word\treplacement\nsaid\tstated\n\ntold\n", "synonyms.tsv").unwrap_err();
        assert_eq!((e.file, e.line), ("synonyms.tsv", 4));
        let e = tsv_pairs("said\tstated\n\t-\n", "synonyms.tsv").unwrap_err();
        assert_eq!((e.file, e.line), ("synonyms.tsv", 2));
    }

    #[test]
    fn stand_in_maps_aliases_to_one_token() {
        let n = StandInNormaliser::new().unwrap();
        assert_eq!(n.normalise("the DPRK said"), n.normalise("North Korea said"));
        assert_eq!(n.normalise("US officials"), n.normalise("United States officials"));
        assert_ne!(n.normalise("us officials"), n.normalise("United States officials"), "pronoun 'us' is no alias");
    }

    #[test]
    fn rewrites_change_text_but_keep_most_content() {
        let rw = Rewriter::new().unwrap();
        let base = handwritten()[0].2.clone();
        let mut rng = SplitMix::new(1);
        let heavy = rw.rewrite(&base, HEAVY, &mut rng);
        assert_ne!(heavy, base);
        let (a, b) = (word_set(&rw.normaliser, &base), word_set(&rw.normaliser, &heavy));
        assert!(a.intersection(&b).count() * 2 > a.len());
    }

    #[test]
    fn handwritten_set_separates_copies_from_same_topic() {
        let pairs = labelled_set(None, 7).unwrap();
        assert!(pairs.iter().any(|p| p.kind == PairKind::HandSameTopic));
        let scored = score(&pairs, (1, 2), Banding::DEFAULT, 1).unwrap();
        // Chrome-padded pairs of these short texts are mostly chrome; the full set (bench) measures them.
        let plain: Vec<ScoredPair> = scored.into_iter().filter(|s| s.kind != PairKind::NearestWithChrome).collect();
        let p = prf(&plain, crate::StoryConfig::default().threshold, true);
        assert!(p.precision >= 0.95 && p.recall >= 0.85, "{p:?}");
        let same_topic = plain.iter().filter(|s| s.kind == PairKind::HandSameTopic);
        assert!(same_topic.clone().count() >= 10);
        assert!(same_topic.clone().all(|s| s.estimate < 0.15), "same actors, different event must stay apart");
    }
}
