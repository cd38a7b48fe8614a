//! A learned event classifier beside the rules: an averaged perceptron that reads a sentence and the two actor
//! mentions taken as source and target, and names the PLOVER category (in the GSR's labels) the sentence most
//! likely reports between them.
//!
//! It is not part of the rule coder ([`crate::code_sentence`]); a caller (`dyad bench plover --learned`) asks it
//! only where the rules code no event with a target although the sentence names two parties. Features are hashed
//! (FNV-1a, 32 bits) from the sentence's own tokens and lemmas (`dyad_text`): the lemmas of the sentence (outside
//! the two mentions; sentence-wide bigrams were tried and changed nothing), the lemmas and bigrams between the two mentions, the first verb after the source and the word after it
//! (its particle or object), the word before the target (its preposition), the nearest verb before the source (a
//! passive or a reporting verb), and which mention comes first. Feature hashing needs no vocabulary, and
//! [`Model::predict`] reuses one buffer, so a prediction allocates nothing per token.
//!
//! The model file (`data/events.model`, made by `dyad train events`) is binary: the magic line, the class names,
//! then one `(feature hash u32, class u8, weight f32)` entry per non-zero averaged weight, little-endian, in
//! feature order. Training is deterministic: the examples are visited in a fixed pseudo-random order (a fixed
//! seed), for a fixed number of epochs.

use crate::tree::{Rel, Tree};
use dyad_text::{TokenKind, Tokens};
use rustc_hash::FxHashMap;
use std::ops::Range;

/// The first bytes of a model file.
const MAGIC: &[u8] = b"dyad-events-model 1\n";

/// Why a model file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    /// The file does not start with the model's magic line.
    #[error("not a dyad events model (bad magic line)")]
    Magic,
    /// The file ends inside a section.
    #[error("events model truncated at byte {0}")]
    Truncated(usize),
    /// A class name is not UTF-8 or the class count is zero.
    #[error("events model has a bad class table")]
    Classes,
    /// A weight names a class the file does not have.
    #[error("events model weight for class {0}, which does not exist")]
    Class(u8),
}

/// One training example: a sentence's tokens and tree, the token ranges of its source and target mentions, its
/// label.
#[derive(Debug, Clone)]
pub struct Example {
    /// The sentence's tokens.
    pub tokens: Tokens,
    /// Its dependency tree, where one was parsed.
    pub tree: Option<Tree>,
    /// Features of what the rules coded in the sentence ([`rule_feature`]).
    pub cues: Vec<u32>,
    /// Token range of the source mention.
    pub source: Range<usize>,
    /// Token range of the target mention.
    pub target: Range<usize>,
    /// The class (a GSR PLOVER category).
    pub label: String,
}

/// A trained classifier.
#[derive(Debug, Clone, Default)]
pub struct Model {
    classes: Vec<String>,
    /// Feature hash -> one weight per class.
    weights: FxHashMap<u32, Vec<f32>>,
}

/// A prediction: the class and how far its score lies above the runner-up's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prediction<'a> {
    /// The best class.
    pub class: &'a str,
    /// Best score minus the second best.
    pub margin: f32,
}

const FNV_OFFSET: u32 = 0x811c_9dc5;
const FNV_PRIME: u32 = 0x0100_0193;

fn fnv(mut h: u32, bytes: &[u8]) -> u32 {
    for &b in bytes {
        h ^= u32::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// Hash of a feature made of a tag and up to two parts.
fn feature(tag: &str, a: &str, b: &str) -> u32 {
    let h = fnv(FNV_OFFSET, tag.as_bytes());
    let h = fnv(h, &[0x1f]);
    let h = fnv(h, a.as_bytes());
    let h = fnv(h, &[0x1f]);
    fnv(h, b.as_bytes())
}

/// The lemma of token `i`: its base form where the lemma table knows one, else its normalised form; numbers read
/// as `#`, punctuation as itself.
fn lemma_at(tokens: &Tokens, i: usize) -> &str {
    let norm = tokens.norm(i);
    match tokens.get(i).map(|t| t.kind) {
        Some(TokenKind::Number) => "#",
        Some(TokenKind::Word) => dyad_text::lemma(norm).base().unwrap_or(norm),
        _ => norm,
    }
}

fn is_verb(tokens: &Tokens, i: usize) -> bool {
    tokens.get(i).is_some_and(|t| t.kind == TokenKind::Word) && dyad_text::verb_lemma(tokens.norm(i)).is_some()
}

/// Whether token `i` is a word of a mention (skipped as a lexical feature: the parties are not the act).
fn in_mention(i: usize, source: &Range<usize>, target: &Range<usize>) -> bool {
    source.contains(&i) || target.contains(&i)
}

/// The tree word of a mention: the word of its last token, climbed out of the mention's own compound, flat,
/// amod and possessive edges to the word that links it to the rest of the sentence.
fn mention_word(tree: &Tree, tokens: &Tokens, mention: &Range<usize>) -> Option<usize> {
    let last = tokens.get(mention.end.checked_sub(1)?)?;
    let words = tree.words();
    let mut w = words.iter().position(|w| w.span.start() <= last.span.start() && last.span.start() < w.span.end())?;
    for _ in 0..4 {
        let word = &words[w];
        match (word.rel, word.head) {
            (Rel::Compound | Rel::Flat | Rel::Amod | Rel::NmodPoss, Some(h)) => w = h,
            _ => break,
        }
    }
    Some(w)
}

/// The lemma of tree word `w`.
fn word_lemma<'t>(tree: &Tree, tokens: &'t Tokens, w: usize) -> &'t str {
    let start = tree.words()[w].span.start();
    lemma_at(tokens, tokens.index_at(start))
}

/// The name of a relation, for a feature.
fn rel_name(rel: Rel) -> &'static str {
    match rel {
        Rel::Nsubj => "nsubj",
        Rel::NsubjPass => "nsubjpass",
        Rel::Obj => "obj",
        Rel::Iobj => "iobj",
        Rel::OblAgent => "agent",
        Rel::Obl => "obl",
        Rel::Nmod => "nmod",
        Rel::NmodPoss => "poss",
        Rel::Conj => "conj",
        Rel::Xcomp => "xcomp",
        Rel::Ccomp => "ccomp",
        Rel::Acl | Rel::AclRelcl => "acl",
        Rel::Advcl => "advcl",
        Rel::Appos => "appos",
        Rel::Compound | Rel::Flat | Rel::Amod => "mod",
        _ => "other",
    }
}

/// Tree features: each mention's relation and governor, the preposition (`case`) on each mention, and the
/// lowest word governing both with the two relations under it.
fn tree_features(tree: &Tree, tokens: &Tokens, source: &Range<usize>, target: &Range<usize>, out: &mut Vec<u32>) {
    let words = tree.words();
    let (Some(s), Some(t)) = (mention_word(tree, tokens, source), mention_word(tree, tokens, target)) else {
        return;
    };
    for (tag, w) in [("ts", s), ("tt", t)] {
        let rel = rel_name(words[w].rel);
        let governor = words[w].head.map_or("<root>", |h| word_lemma(tree, tokens, h));
        let case = (0..words.len())
            .find(|&c| words[c].head == Some(w) && words[c].rel == Rel::Case)
            .map_or("-", |c| word_lemma(tree, tokens, c));
        out.push(feature(tag, rel, governor));
        out.push(feature(tag, "gov", governor));
        out.push(feature(tag, "case", case));
        out.push(feature(tag, case, governor));
    }
    // The lowest common ancestor, through at most 8 edges from each side.
    let mut up = [usize::MAX; 9];
    let mut w = Some(s);
    for slot in up.iter_mut() {
        let Some(x) = w else { break };
        *slot = x;
        w = words[x].head;
    }
    let mut w = Some(t);
    for _ in 0..9 {
        let Some(x) = w else { break };
        if up.contains(&x) {
            out.push(feature("lca", word_lemma(tree, tokens, x), ""));
            break;
        }
        w = words[x].head;
    }
}

/// The feature saying the rules coded an event of `category` in the sentence (with or without a target).
pub fn rule_feature(category: &str) -> u32 {
    feature("rule", category, "")
}

/// The hashed features of a sentence and its source and target mentions, written into `out` (cleared first);
/// with the sentence's dependency tree, its features too, and `cues` ([`rule_feature`]s) added as they are.
pub fn features(
    tokens: &Tokens,
    tree: Option<&Tree>,
    cues: &[u32],
    source: &Range<usize>,
    target: &Range<usize>,
    out: &mut Vec<u32>,
) {
    out.clear();
    out.extend_from_slice(cues);
    if let Some(tree) = tree {
        tree_features(tree, tokens, source, target, out);
    }
    out.push(feature("bias", "", ""));
    let n = tokens.len();
    for i in 0..n {
        if in_mention(i, source, target) {
            continue;
        }
        let l = lemma_at(tokens, i);
        out.push(feature("w", l, ""));
    }
    let (first, second, order) =
        if source.start <= target.start { (source, target, "st") } else { (target, source, "ts") };
    out.push(feature("order", order, ""));
    let between = first.end.min(second.start)..second.start;
    out.push(feature("gap", if between.len() > 8 { "far" } else { "near" }, ""));
    let mut prev = "<a>";
    for i in between {
        let l = lemma_at(tokens, i);
        out.push(feature("m", l, ""));
        out.push(feature("mb", prev, l));
        prev = l;
    }
    out.push(feature("mb", prev, "<b>"));
    // The predicate: the first verb after the source mention, the word after it and the one after that.
    if let Some(v) = (source.end..n).find(|&i| !in_mention(i, source, target) && is_verb(tokens, i)) {
        let lv = lemma_at(tokens, v);
        out.push(feature("v", lv, ""));
        let next = if v + 1 < n { lemma_at(tokens, v + 1) } else { "</s>" };
        out.push(feature("vn", lv, next));
        if v + 2 < n {
            out.push(feature("vnn", lv, lemma_at(tokens, v + 2)));
        }
        out.push(feature("vt", lv, if target.start > v { "after" } else { "before" }));
    }
    // The nearest verb before the source (a passive's verb, a reporting verb).
    if let Some(v) = (0..source.start).rev().find(|&i| is_verb(tokens, i)) {
        out.push(feature("pv", lemma_at(tokens, v), ""));
    }
    // The word before the target: its preposition or verb.
    let before = if target.start > 0 { lemma_at(tokens, target.start - 1) } else { "<s>" };
    out.push(feature("pt", before, ""));
    let after = if source.end < n { lemma_at(tokens, source.end) } else { "</s>" };
    out.push(feature("as", after, ""));
    out.sort_unstable();
    out.dedup();
}

impl Model {
    /// The class names, in the model's order.
    pub fn classes(&self) -> &[String] {
        &self.classes
    }

    /// Scores `feats` into `scores` (one per class).
    fn score(&self, feats: &[u32], scores: &mut [f32]) {
        score_with(&self.weights, feats, scores);
    }

    /// The best class for a sentence's features (from [`features`]), with its margin; `None` for a model with no
    /// classes. `scores` is a buffer the caller keeps between calls.
    pub fn predict(&self, feats: &[u32], scores: &mut Vec<f32>) -> Option<Prediction<'_>> {
        scores.resize(self.classes.len(), 0.0);
        self.score(feats, scores);
        let (b, margin) = argmax(scores)?;
        Some(Prediction { class: &self.classes[b], margin })
    }

    /// Trains an averaged perceptron on `examples` for `epochs` passes, visiting them in an order fixed by `seed`.
    /// The classes are the examples' labels, sorted; the same examples, epochs and seed give the same model.
    pub fn train(examples: &[Example], epochs: usize, seed: u64) -> Model {
        let mut classes: Vec<String> = examples.iter().map(|e| e.label.clone()).collect();
        classes.sort();
        classes.dedup();
        classes.truncate(usize::from(u8::MAX));
        let index: FxHashMap<&str, usize> = classes.iter().enumerate().map(|(i, c)| (c.as_str(), i)).collect();
        let k = classes.len();
        let feats: Vec<(Vec<u32>, usize)> = examples
            .iter()
            .filter_map(|e| {
                let mut f = Vec::new();
                features(&e.tokens, e.tree.as_ref(), &e.cues, &e.source, &e.target, &mut f);
                Some((f, *index.get(e.label.as_str())?))
            })
            .collect();
        // Current weights, their running totals and the step each was last updated at (the averaging trick).
        let mut w: FxHashMap<u32, Vec<f32>> = FxHashMap::default();
        let mut total: FxHashMap<u32, Vec<f64>> = FxHashMap::default();
        let mut stamp: FxHashMap<u32, Vec<u64>> = FxHashMap::default();
        let mut order: Vec<usize> = (0..feats.len()).collect();
        let mut rng = seed.max(1);
        let mut step: u64 = 0;
        let mut scores = vec![0.0f32; k];
        for _ in 0..epochs {
            // Fisher-Yates with xorshift64: a fixed order for a fixed seed.
            for i in (1..order.len()).rev() {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                order.swap(i, (rng % (i as u64 + 1)) as usize);
            }
            for &e in &order {
                step += 1;
                let (f, gold) = &feats[e];
                score_with(&w, f, &mut scores);
                let Some((guess, _)) = argmax(&scores) else { continue };
                if guess == *gold {
                    continue;
                }
                for &h in f {
                    let wv = w.entry(h).or_insert_with(|| vec![0.0; k]);
                    let tv = total.entry(h).or_insert_with(|| vec![0.0; k]);
                    let sv = stamp.entry(h).or_insert_with(|| vec![0; k]);
                    for (c, delta) in [(*gold, 1.0f32), (guess, -1.0f32)] {
                        tv[c] += f64::from(wv[c]) * (step - sv[c]) as f64;
                        sv[c] = step;
                        wv[c] += delta;
                    }
                }
            }
        }
        let mut weights = FxHashMap::default();
        for (h, wv) in &w {
            let tv = &total[h];
            let sv = &stamp[h];
            let avg: Vec<f32> = (0..k)
                .map(|c| {
                    let t = tv[c] + f64::from(wv[c]) * (step - sv[c]) as f64;
                    (t / step.max(1) as f64) as f32
                })
                .collect();
            if avg.iter().any(|&x| x != 0.0) {
                weights.insert(*h, avg);
            }
        }
        Model { classes, weights }
    }

    /// The model file's bytes (see the module doc): the same model gives the same bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.push(self.classes.len() as u8);
        for c in &self.classes {
            out.push(c.len().min(255) as u8);
            out.extend_from_slice(&c.as_bytes()[..c.len().min(255)]);
        }
        let mut keys: Vec<u32> = self.weights.keys().copied().collect();
        keys.sort_unstable();
        let entries: Vec<(u32, u8, f32)> = keys
            .iter()
            .flat_map(|h| {
                self.weights[h].iter().enumerate().filter(|(_, w)| **w != 0.0).map(|(c, w)| (*h, c as u8, *w))
            })
            .collect();
        out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
        for (h, c, w) in entries {
            out.extend_from_slice(&h.to_le_bytes());
            out.push(c);
            out.extend_from_slice(&w.to_le_bytes());
        }
        out
    }

    /// Reads a model file; a malformed file is an error, never a panic.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        if !bytes.starts_with(MAGIC) {
            return Err(ModelError::Magic);
        }
        let mut pos = MAGIC.len();
        let mut take = |n: usize| take(bytes, &mut pos, n);
        let k = usize::from(take(1)?[0]);
        if k == 0 {
            return Err(ModelError::Classes);
        }
        let mut classes = Vec::with_capacity(k);
        for _ in 0..k {
            let len = usize::from(take(1)?[0]);
            let name = std::str::from_utf8(take(len)?).map_err(|_| ModelError::Classes)?;
            classes.push(name.to_string());
        }
        let c = take(4)?;
        let count = u32::from_le_bytes([c[0], c[1], c[2], c[3]]) as usize;
        let mut weights: FxHashMap<u32, Vec<f32>> = FxHashMap::default();
        for _ in 0..count {
            let e = take(9)?;
            let h = u32::from_le_bytes([e[0], e[1], e[2], e[3]]);
            let c = e[4];
            let w = f32::from_le_bytes([e[5], e[6], e[7], e[8]]);
            if usize::from(c) >= k {
                return Err(ModelError::Class(c));
            }
            weights.entry(h).or_insert_with(|| vec![0.0; k])[usize::from(c)] = w;
        }
        Ok(Model { classes, weights })
    }
}

/// Adds the weights of `feats` into `scores` (zeroed first).
fn score_with(weights: &FxHashMap<u32, Vec<f32>>, feats: &[u32], scores: &mut [f32]) {
    scores.iter_mut().for_each(|s| *s = 0.0);
    for f in feats {
        if let Some(w) = weights.get(f) {
            for (s, w) in scores.iter_mut().zip(w) {
                *s += w;
            }
        }
    }
}

/// The next `n` bytes of `bytes` from `pos`, moving `pos` past them.
fn take<'a>(bytes: &'a [u8], pos: &mut usize, n: usize) -> Result<&'a [u8], ModelError> {
    let s = bytes.get(*pos..*pos + n).ok_or(ModelError::Truncated(*pos))?;
    *pos += n;
    Ok(s)
}

/// The index of the best score and its margin over the runner-up.
fn argmax(scores: &[f32]) -> Option<(usize, f32)> {
    let mut best: Option<usize> = None;
    let mut second = f32::NEG_INFINITY;
    for (c, &s) in scores.iter().enumerate() {
        match best {
            Some(b) if s <= scores[b] => second = second.max(s),
            Some(b) => {
                second = scores[b];
                best = Some(c);
            }
            None => best = Some(c),
        }
    }
    let b = best?;
    Some((b, if second.is_finite() { scores[b] - second } else { scores[b] }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_core::Span;

    fn example(text: &str, source: &str, target: &str, label: &str) -> Example {
        let tokens = dyad_text::tokenize(text, Span::new(text, 0, text.len()).unwrap());
        let range = |m: &str| {
            let start = text.find(m).unwrap();
            tokens.range_within(Span::new(text, start, start + m.len()).unwrap())
        };
        Example {
            source: range(source),
            target: range(target),
            tokens,
            tree: None,
            cues: Vec::new(),
            label: label.into(),
        }
    }

    fn set() -> Vec<Example> {
        vec![
            example("Russia attacked Ukraine on Monday.", "Russia", "Ukraine", "FIGHT"),
            example("France attacked Mali on Tuesday.", "France", "Mali", "FIGHT"),
            example("Japan met China in Tokyo.", "Japan", "China", "CONSULT"),
            example("Egypt met Sudan in Cairo.", "Egypt", "Sudan", "CONSULT"),
            example("India criticised Pakistan over the killings.", "India", "Pakistan", "DISAPPROVE"),
            example("Chile criticised Peru over the border.", "Chile", "Peru", "DISAPPROVE"),
        ]
    }

    #[test]
    fn learns_the_verb_and_generalises_to_other_parties() {
        let model = Model::train(&set(), 10, 7);
        let mut f = Vec::new();
        let mut s = Vec::new();
        for (text, a, b, want) in [
            ("Germany attacked Poland on Friday.", "Germany", "Poland", "FIGHT"),
            ("Brazil met Argentina in Rio.", "Brazil", "Argentina", "CONSULT"),
            ("Kenya criticised Somalia over the raid.", "Kenya", "Somalia", "DISAPPROVE"),
        ] {
            let e = example(text, a, b, want);
            features(&e.tokens, None, &[], &e.source, &e.target, &mut f);
            let p = model.predict(&f, &mut s).unwrap();
            assert_eq!(p.class, want, "{text}");
            assert!(p.margin > 0.0);
        }
    }

    #[test]
    fn features_skip_the_mentions_and_are_sorted() {
        let e = example("Russia attacked Ukraine.", "Russia", "Ukraine", "FIGHT");
        let mut f = Vec::new();
        features(&e.tokens, None, &[], &e.source, &e.target, &mut f);
        assert!(f.contains(&feature("w", "attack", "")));
        assert!(f.contains(&feature("v", "attack", "")));
        assert!(!f.contains(&feature("w", "russia", "")));
        assert!(f.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn tree_features_name_the_governor_and_the_preposition_of_each_party() {
        // "Ukraine was shelled by Russia": Ukraine nsubj:pass of "shelled", Russia obl:agent with case "by".
        let text = "Ukraine was shelled by Russia.";
        let e = example(text, "Russia", "Ukraine", "FIGHT");
        let word = |w: &str, head: Option<usize>, rel: Rel| {
            let start = text.find(w).unwrap();
            crate::tree::TreeWord { span: Span::new(text, start, start + w.len()).unwrap(), head, rel }
        };
        let tree = Tree::new(vec![
            word("Ukraine", Some(2), Rel::NsubjPass),
            word("was", Some(2), Rel::Other),
            word("shelled", None, Rel::Other),
            word("by", Some(4), Rel::Case),
            word("Russia", Some(2), Rel::OblAgent),
            word(".", Some(2), Rel::Other),
        ]);
        let mut f = Vec::new();
        features(&e.tokens, Some(&tree), &[], &e.source, &e.target, &mut f);
        assert!(f.contains(&feature("ts", "agent", "shell")));
        assert!(f.contains(&feature("ts", "case", "by")));
        assert!(f.contains(&feature("tt", "nsubjpass", "shell")));
        assert!(f.contains(&feature("lca", "shell", "")));
        let mut without = Vec::new();
        features(&e.tokens, None, &[], &e.source, &e.target, &mut without);
        assert!(without.len() < f.len() && !without.contains(&feature("lca", "shell", "")));
    }

    #[test]
    fn the_shipped_model_loads() {
        let model = Model::from_bytes(include_bytes!("../../../data/events.model")).unwrap();
        assert_eq!(model.classes().len(), 19);
        assert!(model.classes().iter().any(|c| c == "FIGHT"));
    }

    #[test]
    fn training_is_deterministic_and_round_trips() {
        let a = Model::train(&set(), 5, 42).to_bytes();
        let b = Model::train(&set(), 5, 42).to_bytes();
        assert_eq!(a, b);
        let back = Model::from_bytes(&a).unwrap();
        assert_eq!(back.to_bytes(), a);
        assert_eq!(back.classes(), ["CONSULT", "DISAPPROVE", "FIGHT"]);
    }

    #[test]
    fn a_malformed_file_is_an_error() {
        let good = Model::train(&set(), 3, 1).to_bytes();
        assert_eq!(Model::from_bytes(b"nonsense").unwrap_err(), ModelError::Magic);
        for cut in [MAGIC.len(), MAGIC.len() + 1, good.len() - 1] {
            assert!(matches!(Model::from_bytes(&good[..cut]), Err(ModelError::Truncated(_))), "cut at {cut}");
        }
        let mut bad = good.clone();
        let class_at = good.len() - 5;
        bad[class_at] = 200;
        assert_eq!(Model::from_bytes(&bad).unwrap_err(), ModelError::Class(200));
        let mut empty = MAGIC.to_vec();
        empty.push(0);
        assert_eq!(Model::from_bytes(&empty).unwrap_err(), ModelError::Classes);
    }
}
