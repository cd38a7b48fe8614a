//! Graph-based dependency parser (Dozat & Manning 2017): [`NnParser`] runs it in the default build; training and
//! the reference forward pass (`Network`) are behind the cargo feature `nn`.
//!
//! Job: score every (head, dependent) pair of a sentence with a biaffine function of BiLSTM states, decode the best
//! projective single-root tree ([`eisner`]), then label each arc with a biaffine label scorer.
//! Inputs per word: the lower-cased form (digits as `0`), the predicted UPOS and XPOS, the last three letters and a
//! shape class, so unknown words are not blind. No pretrained vectors.
//!
//! Key decisions: candle's CPU backend (pure Rust, with autograd) for training; a hand-written forward pass for
//! running ([`NnParser`], no candle: weights laid out once for the products, see `fast.rs`), from the f16 `nn`
//! section of the model file (`data/syntax.model`, embedded) that the candle network exports; the parameters are
//! initialised and the dropout masks drawn from this module's own seeded generator, because candle's CPU generator
//! cannot be seeded, so that training is repeatable for a fixed number of threads. Sentences are batched by length
//! (padding plus masks) so that the matrix products are large enough to be efficient on a CPU.

mod eisner;
mod fast;
mod kernels;
#[cfg(feature = "nn")]
mod net;

pub use eisner::eisner;
pub use fast::{MAX_CHUNK, NnParser, Workspace};
#[cfg(feature = "nn")]
pub use net::Network;

use crate::conllu::Sentence;
use std::collections::HashMap;

/// What can go wrong: a tensor operation, or a model file that does not fit.
#[derive(Debug, thiserror::Error)]
pub enum BiaffineError {
    /// A candle operation failed.
    #[cfg(feature = "nn")]
    #[error("tensor: {0}")]
    Candle(#[from] candle_core::Error),
    /// A model file is not what this code writes.
    #[error("model: {0}")]
    Format(String),
    /// The model file's container is damaged.
    #[error("{0}")]
    Model(#[from] crate::ModelError),
    /// The model file has no `nn` section.
    #[error(
        "the model file has no nn section (add one with `dyad train syntax --nn FILE` or the biaffine example's \
         `--export FILE`; see crates/syntax/README-nn.md)"
    )]
    NoNnSection,
}

type Result<T> = std::result::Result<T, BiaffineError>;

/// Sizes and training settings.
#[derive(Debug, Clone)]
pub struct Config {
    /// Word embedding size.
    pub word_dim: usize,
    /// UPOS and XPOS embedding size (each).
    pub tag_dim: usize,
    /// Suffix embedding size.
    pub suffix_dim: usize,
    /// Shape-class embedding size.
    pub shape_dim: usize,
    /// LSTM hidden size per direction.
    pub hidden: usize,
    /// BiLSTM layers.
    pub layers: usize,
    /// Arc MLP size.
    pub arc_dim: usize,
    /// Label MLP size.
    pub label_dim: usize,
    /// Dropout on embeddings, between layers and on the MLPs.
    pub dropout: f32,
    /// Word dropout: a word seen `c` times is read as unknown with probability `alpha / (alpha + c)`.
    pub word_alpha: f32,
    /// Adam learning rate.
    pub lr: f64,
    /// Words per batch (sentences of similar length are batched together).
    pub batch_words: usize,
    /// Seed of the generator for initialisation, dropout and batch order.
    pub seed: u64,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            word_dim: 100,
            tag_dim: 32,
            suffix_dim: 32,
            shape_dim: 8,
            hidden: 200,
            layers: 2,
            arc_dim: 256,
            label_dim: 100,
            dropout: 0.33,
            word_alpha: 0.25,
            lr: 2e-3,
            batch_words: 500,
            seed: 1,
        }
    }
}

/// A small xorshift generator: repeatable initialisation, dropout and shuffles.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    /// Uniform in [0, 1).
    pub fn uniform(&mut self) -> f32 {
        (self.next_u64() >> 40) as f32 / (1u64 << 24) as f32
    }
    /// Uniform in 0..n.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

#[cfg(feature = "nn")]
const PAD: u32 = 0;
const UNK: u32 = 1;
const ROOT: u32 = 2;
const SPECIALS: u32 = 3;

/// One string table: id 0 padding, 1 unknown, 2 root, then the strings.
#[derive(Debug, Clone, Default)]
struct Table {
    ids: HashMap<String, u32>,
    strings: Vec<String>,
    counts: Vec<u32>,
}

impl Table {
    fn build<'a>(items: impl Iterator<Item = &'a str>, min_count: u32) -> Table {
        let mut counts: HashMap<&str, u32> = HashMap::new();
        for s in items {
            *counts.entry(s).or_default() += 1;
        }
        let mut kept: Vec<(&str, u32)> = counts.into_iter().filter(|&(_, c)| c >= min_count).collect();
        kept.sort_unstable();
        let mut t = Table::default();
        for (s, c) in kept {
            t.ids.insert(s.to_string(), SPECIALS + t.strings.len() as u32);
            t.strings.push(s.to_string());
            t.counts.push(c);
        }
        t
    }
    fn id(&self, s: &str) -> u32 {
        self.ids.get(s).copied().unwrap_or(UNK)
    }
    fn len(&self) -> usize {
        self.strings.len() + SPECIALS as usize
    }
    #[cfg(feature = "nn")]
    fn count(&self, id: u32) -> u32 {
        id.checked_sub(SPECIALS).and_then(|i| self.counts.get(i as usize)).copied().unwrap_or(0)
    }
    fn write(&self, out: &mut String, name: &str) {
        out.push_str(&format!("{name}\t{}\n", self.strings.len()));
        for (s, c) in self.strings.iter().zip(&self.counts) {
            out.push_str(&format!("{s}\t{c}\n"));
        }
    }
    fn read<'a>(lines: &mut impl Iterator<Item = &'a str>, name: &str) -> Result<Table> {
        let bad = || BiaffineError::Format(format!("vocabulary section {name}"));
        let head = lines.next().ok_or_else(bad)?;
        let n: usize = head.strip_prefix(&format!("{name}\t")).and_then(|x| x.parse().ok()).ok_or_else(bad)?;
        let mut t = Table::default();
        for _ in 0..n {
            let (s, c) = lines.next().and_then(|l| l.rsplit_once('\t')).ok_or_else(bad)?;
            t.ids.insert(s.to_string(), SPECIALS + t.strings.len() as u32);
            t.strings.push(s.to_string());
            t.counts.push(c.parse().map_err(|_| bad())?);
        }
        Ok(t)
    }
}

/// The lower-cased form with digits as `0`.
fn norm(form: &str) -> String {
    let mut out = String::new();
    norm_into(form, &mut out);
    out
}

/// [`norm`] into a reused buffer.
fn norm_into(form: &str, out: &mut String) {
    out.clear();
    out.extend(form.chars().map(|c| if c.is_ascii_digit() { '0' } else { c }).flat_map(char::to_lowercase));
}

/// The network's tensors, names and shapes, in the order of the candle `Network`'s initialisation and of the model file.
fn param_shapes(c: &Config, vocab: &Vocab) -> Vec<(String, Vec<usize>)> {
    let mut out = vec![
        ("emb.word".to_string(), vec![vocab.words.len(), c.word_dim]),
        ("emb.upos".to_string(), vec![vocab.upos.len(), c.tag_dim]),
        ("emb.xpos".to_string(), vec![vocab.xpos.len(), c.tag_dim]),
        ("emb.suffix".to_string(), vec![vocab.suffixes.len(), c.suffix_dim]),
        ("emb.shape".to_string(), vec![SHAPES, c.shape_dim]),
    ];
    let (mut input, h) = (c.word_dim + 2 * c.tag_dim + c.suffix_dim + c.shape_dim, c.hidden);
    for l in 0..c.layers {
        for d in ["f", "b"] {
            out.push((format!("lstm{l}{d}.wih"), vec![input, 4 * h]));
            out.push((format!("lstm{l}{d}.whh"), vec![h, 4 * h]));
            out.push((format!("lstm{l}{d}.bias"), vec![4 * h]));
        }
        input = 2 * h;
    }
    for (name, dim) in
        [("arc_dep", c.arc_dim), ("arc_head", c.arc_dim), ("lab_dep", c.label_dim), ("lab_head", c.label_dim)]
    {
        out.push((format!("{name}.w"), vec![2 * h, dim]));
        out.push((format!("{name}.b"), vec![dim]));
    }
    let nl = vocab.labels.len();
    out.push(("arc.u".into(), vec![c.arc_dim, c.arc_dim]));
    out.push(("arc.head_bias".into(), vec![c.arc_dim, 1]));
    out.push(("lab.u".into(), vec![c.label_dim, nl * c.label_dim]));
    out.push(("lab.w".into(), vec![2 * c.label_dim, nl]));
    out.push(("lab.b".into(), vec![nl]));
    out
}

/// The last three characters of the normalised form.
fn suffix(norm: &str) -> &str {
    let start = norm.char_indices().rev().nth(2).map_or(0, |(i, _)| i);
    &norm[start..]
}

/// A shape class: punctuation, number, has a digit, all capitals, capitalised, hyphenated, lower case, other.
fn shape(form: &str) -> u32 {
    let alpha = form.chars().any(char::is_alphabetic);
    let digit = form.chars().any(|c| c.is_ascii_digit());
    let class = if !alpha && !digit {
        0
    } else if digit && !alpha {
        1
    } else if digit {
        2
    } else if form.chars().count() > 1 && form.chars().all(|c| !c.is_lowercase()) {
        3
    } else if form.chars().next().is_some_and(char::is_uppercase) {
        4
    } else if form.contains('-') {
        5
    } else if form.chars().all(|c| c.is_lowercase()) {
        6
    } else {
        7
    };
    SPECIALS + class
}
const SHAPES: usize = SPECIALS as usize + 8;

/// The string tables: words (seen at least twice in training), UPOS, XPOS, suffixes, relations.
#[derive(Debug, Clone, Default)]
pub struct Vocab {
    words: Table,
    upos: Table,
    xpos: Table,
    suffixes: Table,
    labels: Table,
}

impl Vocab {
    /// The tables of training sentences (forms and relations from the gold sentences, tags from `tags`).
    pub fn build(gold: &[Sentence], tags: &[Sentence]) -> Vocab {
        let norms: Vec<String> = gold.iter().flat_map(|s| s.words.iter().map(|w| norm(&w.form))).collect();
        Vocab {
            words: Table::build(norms.iter().map(String::as_str), 2),
            suffixes: Table::build(norms.iter().map(|n| suffix(n)), 2),
            upos: Table::build(tags.iter().flat_map(|s| s.words.iter().map(|w| w.upos.as_str())), 1),
            xpos: Table::build(tags.iter().flat_map(|s| s.words.iter().map(|w| w.xpos.as_str())), 1),
            labels: Table::build(gold.iter().flat_map(|s| s.words.iter().map(|w| w.deprel.as_str())), 1),
        }
    }

    /// The tables as text (a section per table: name, count, then `string TAB count` lines).
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for (t, name) in self.tables() {
            t.write(&mut out, name);
        }
        out
    }

    /// Reads [`Vocab::to_text`]'s text.
    pub fn from_text(text: &str) -> Result<Vocab> {
        let mut lines = text.lines();
        Ok(Vocab {
            words: Table::read(&mut lines, "words")?,
            upos: Table::read(&mut lines, "upos")?,
            xpos: Table::read(&mut lines, "xpos")?,
            suffixes: Table::read(&mut lines, "suffixes")?,
            labels: Table::read(&mut lines, "labels")?,
        })
    }

    fn tables(&self) -> [(&Table, &str); 5] {
        [
            (&self.words, "words"),
            (&self.upos, "upos"),
            (&self.xpos, "xpos"),
            (&self.suffixes, "suffixes"),
            (&self.labels, "labels"),
        ]
    }

    /// Feature ids of a sentence's words (forms from `gold`, tags from `tags`), the root first.
    #[cfg(feature = "nn")]
    fn encode(&self, gold: &Sentence, tags: &Sentence) -> Vec<[u32; 5]> {
        let mut out = vec![[ROOT, ROOT, ROOT, ROOT, ROOT]];
        for (i, w) in gold.words.iter().enumerate() {
            let t = tags.words.get(i).unwrap_or(w);
            let n = norm(&w.form);
            out.push([
                self.words.id(&n),
                self.upos.id(&t.upos),
                self.xpos.id(&t.xpos),
                self.suffixes.id(suffix(&n)),
                shape(&w.form),
            ]);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffix_and_shape() {
        assert_eq!(suffix("running"), "ing");
        assert_eq!(suffix("go"), "go");
        assert_eq!(norm("Year-2004"), "year-0000");
        assert_eq!(shape("."), SPECIALS);
        assert_eq!(shape("1,000"), SPECIALS + 1);
        assert_eq!(shape("NATO"), SPECIALS + 3);
        assert_eq!(shape("Paris"), SPECIALS + 4);
        assert_eq!(shape("walk"), SPECIALS + 6);
    }
}
