//! Labelled dependency parsing: a greedy arc-hybrid transition parser with a joint label, trained with a dynamic
//! oracle and an averaged perceptron; optionally a beam of the same system and features, trained globally
//! (`beam`; [`TrainOptions::beam`], [`Parser::with_beam`]).
//!
//! Key decisions:
//! - **Arc-hybrid** rather than arc-eager: its dynamic oracle is exact and arc-decomposable with a three-line cost
//!   function, it has no spurious ambiguity between REDUCE and the arcs, and every configuration has a legal action,
//!   so with the single-root constraint below every input ends in a well-formed tree in exactly `2n` actions.
//! - **Single root**: the root may take a dependent only when the buffer is empty and one word is left on the stack,
//!   so the output always has exactly one `root`.
//! - **Non-projective training trees** (about 2.3 % of EWT train) are projectivised by lifting the shortest crossing
//!   arc to its grandparent, keeping the label (no deprojectivisation at parse time).
//! - **Features** are hashed (`u64` per template instance); the frozen model maps them through the crate's flat
//!   weight table (`crate::table`, shared with the tagger) to runs of `(action, i16 weight)`, so parsing allocates
//!   nothing per token, and a configuration with a single legal action is not scored at all.

mod beam;
mod features;
mod system;
mod weights;

use crate::conllu::{Sentence, Word};
use crate::model::ModelError;
use crate::table::Scores;
use features::{Tok, extract, root_tok, tok};
use system::{NONE, State, projectivize};
use weights::{Frozen, Training, get_varint, put_varint, take};

/// The predicted tags of one word, as the parser reads them.
pub trait Tagged {
    /// UPOS.
    fn upos(&self) -> &str;
    /// Penn tag (XPOS).
    fn xpos(&self) -> &str;
    /// Lemma (`_` when unknown).
    fn lemma(&self) -> &str;
}

impl Tagged for Word {
    fn upos(&self) -> &str {
        &self.upos
    }
    fn xpos(&self) -> &str {
        &self.xpos
    }
    fn lemma(&self) -> &str {
        &self.lemma
    }
}

/// Tags of one word as three owned strings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordTags {
    /// UPOS.
    pub upos: String,
    /// Penn tag.
    pub xpos: String,
    /// Lemma.
    pub lemma: String,
}

impl Tagged for WordTags {
    fn upos(&self) -> &str {
        &self.upos
    }
    fn xpos(&self) -> &str {
        &self.xpos
    }
    fn lemma(&self) -> &str {
        &self.lemma
    }
}

/// How training treats non-projective gold trees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NonProjective {
    /// Lift crossing arcs until the tree is projective.
    Lift,
    /// Leave such sentences out of training.
    Skip,
}

/// Training settings. The defaults are the shipped model's.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed of the shuffling and exploration.
    pub seed: u64,
    /// From the second epoch on, the probability of following the model's own (possibly wrong) action.
    pub explore: f64,
    /// Averaged weights with a smaller magnitude are dropped (after quantisation, so that
    /// [`Parser::pruned`] of an unpruned model gives the same model).
    pub prune: f32,
    /// Non-projective training trees.
    pub nonprojective: NonProjective,
    /// Beam width: 1 trains the greedy parser with the dynamic oracle (the shipped model); more trains a beam parser
    /// of that width globally (max-violation updates against the static oracle), and the parser keeps the width.
    pub beam: usize,
    /// Print one progress line per epoch to stderr.
    pub verbose: bool,
    /// Called after every epoch with the epoch number (1-based) and the averaged model so far (for learning curves).
    pub on_epoch: Option<fn(usize, &Parser)>,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 12,
            seed: 13,
            explore: 0.9,
            prune: 1.0,
            nonprojective: NonProjective::Lift,
            beam: 1,
            verbose: false,
            on_epoch: None,
        }
    }
}

/// A trained parser.
#[derive(Debug, Clone, Default)]
pub struct Parser {
    labels: Vec<String>,
    root: u8,
    weights: Frozen,
    /// Beam width at parse time (0 or 1: greedy).
    beam: usize,
}

/// Sentences longer than this are parsed greedily even with a beam (a beam copies its states every step, so its
/// cost grows with the square of the length).
pub const BEAM_MAX_WORDS: usize = 1000;

/// Reusable buffers for parsing (one per thread).
#[derive(Debug, Default, Clone)]
pub struct Scratch {
    state: State,
    toks: Vec<Tok>,
    feats: Vec<u64>,
    scores: Scores,
    masked: Scores,
    beam: beam::Beam,
}

const MAGIC: &[u8; 8] = b"DYPARSE1";
/// The magic of a beam parser: its width follows the root label (a greedy parser is written as before).
const MAGIC_BEAM: &[u8; 8] = b"DYPARSE2";

impl Parser {
    /// The relation labels the parser predicts (with subtypes).
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// A copy without the weights whose magnitude is below `threshold` (features left with no weight go too).
    pub fn pruned(&self, threshold: f32) -> Parser {
        Parser {
            labels: self.labels.clone(),
            root: self.root,
            weights: self.weights.pruned(threshold),
            beam: self.beam,
        }
    }

    /// The same parser decoding with a beam of `width` (1: greedy, the default).
    pub fn with_beam(mut self, width: usize) -> Parser {
        self.beam = width.max(1);
        self
    }

    /// The beam width at parse time (1: greedy).
    pub fn beam_width(&self) -> usize {
        self.beam.max(1)
    }

    /// Numbers of features and of weights kept in the model.
    pub fn sizes(&self) -> (usize, usize) {
        self.weights.sizes()
    }

    /// Fills `head` and `deprel` of every word from its `form`, `upos`, `xpos` and `lemma`. Always a tree: exactly one
    /// word has head 0 with `root`, and there is no cycle.
    pub fn parse(&self, words: &mut [Word]) {
        let mut scratch = Scratch::default();
        self.parse_with(words, &mut scratch);
    }

    /// [`Parser::parse`] with caller-owned buffers.
    pub fn parse_with(&self, words: &mut [Word], scratch: &mut Scratch) {
        scratch.toks.clear();
        scratch.toks.push(root_tok());
        for w in words.iter() {
            scratch.toks.push(tok(&w.form, &w.lemma, &w.upos, &w.xpos));
        }
        self.decode(scratch);
        let st = &scratch.state;
        for (i, w) in words.iter_mut().enumerate() {
            let h = st.heads[i + 1];
            w.head = Some(if h == NONE { 0 } else { h as usize });
            w.deprel.clear();
            w.deprel.push_str(self.labels.get(st.labels[i + 1] as usize).map_or("dep", String::as_str));
        }
    }

    /// Parses tokens given as `(form, tags)`; returns heads (0 = root, else 1-based) and label indices into
    /// [`Parser::labels`] through the callback, one call per word in order.
    pub fn parse_tokens<T: Tagged>(
        &self,
        forms: &[&str],
        tags: &[T],
        scratch: &mut Scratch,
        mut out: impl FnMut(usize, usize, &str),
    ) {
        scratch.toks.clear();
        scratch.toks.push(root_tok());
        for (i, f) in forms.iter().enumerate() {
            let t = match tags.get(i) {
                Some(t) => tok(f, t.lemma(), t.upos(), t.xpos()),
                None => tok(f, "_", "_", "_"),
            };
            scratch.toks.push(t);
        }
        self.decode(scratch);
        let st = &scratch.state;
        for i in 1..=forms.len() {
            let h = st.heads[i];
            let l = self.labels.get(st.labels[i] as usize).map_or("dep", String::as_str);
            out(i - 1, if h == NONE { 0 } else { h as usize }, l);
        }
    }

    /// Fills `scratch.state` from `scratch.toks`: greedily, or with the beam when one is set and the sentence is
    /// not too long.
    fn decode(&self, scratch: &mut Scratch) {
        let n = scratch.toks.len() - 1;
        if self.beam <= 1 || n > BEAM_MAX_WORDS {
            self.run(scratch);
        } else {
            self.run_beam(scratch, self.beam);
        }
    }

    /// Beam decoding of `scratch.toks` into `scratch.state` (width 1 makes the greedy choices).
    fn run_beam(&self, scratch: &mut Scratch, width: usize) {
        let n = scratch.toks.len() - 1;
        let nl = self.labels.len();
        let Scratch { state, toks, feats, scores, beam, .. } = scratch;
        let mut score = |st: &State, out: &mut [f64]| {
            extract(st, toks, feats);
            self.weights.score(feats, scores);
            for (o, &s) in out.iter_mut().zip(scores.0.iter()) {
                *o = f64::from(s);
            }
        };
        beam::decode(beam, n, width, nl, self.root, &mut score, state);
        self.attach_leftovers(state);
    }

    fn run(&self, scratch: &mut Scratch) {
        let n = scratch.toks.len() - 1;
        let nl = self.labels.len();
        let na = 1 + 2 * nl;
        scratch.state.reset(n);
        while !scratch.state.is_final() {
            let legal = scratch.state.legal_kinds();
            let allows = |a: usize| legal.allows(a, nl, self.root);
            // With a single legal action (only SHIFT from the root alone on the stack, only the root arc at the
            // end) the scores cannot change the choice: no features are needed.
            match legal.count(nl) {
                0 => break, // Unreachable (some action is always legal); stop with a flat tree.
                1 => {
                    if let Some(only) = (0..na).find(|&a| allows(a)) {
                        scratch.state.apply(only, nl);
                        continue;
                    }
                    break;
                }
                _ => {}
            }
            extract(&scratch.state, &scratch.toks, &mut scratch.feats);
            self.weights.score(&mut scratch.feats, &mut scratch.scores);
            // The first legal action with the highest score: the maximum over all actions with the illegal ones
            // read as `i32::MIN` (which is the maximum of the legal scores, as one is legal), then the first legal
            // action that reaches it. The masking goes by whole ranges of actions, without a test per action.
            let masked = &mut scratch.masked.0[..na.min(256)];
            masked.copy_from_slice(&scratch.scores.0[..masked.len()]);
            for (range, on) in [(0..1, legal.shift), (1..1 + nl, legal.left), (1 + nl..1 + 2 * nl, legal.right_word)] {
                if let (Some(m), false) = (masked.get_mut(range), on) {
                    m.fill(i32::MIN);
                }
            }
            let root = self.root as usize;
            if let Some(s) = masked.get_mut(1 + root) {
                *s = i32::MIN;
            }
            if let Some(s) = masked.get_mut(1 + nl + root) {
                *s = if legal.right_root { scratch.scores.0[1 + nl + root] } else { i32::MIN };
            }
            let top = masked.iter().copied().max().unwrap_or(i32::MIN);
            let Some(best) = masked.iter().enumerate().position(|(a, &s)| s == top && allows(a)) else {
                break;
            };
            scratch.state.apply(best, nl);
        }
        self.attach_leftovers(&mut scratch.state);
    }

    /// Safety net: anything left unattached goes under the root word (or becomes it).
    fn attach_leftovers(&self, st: &mut State) {
        let n = st.n;
        if (1..=n).any(|i| st.heads[i] == NONE) {
            let root_word = (1..=n).find(|&i| st.heads[i] == 0).unwrap_or(1);
            for i in 1..=n {
                if st.heads[i] == NONE {
                    if i == root_word {
                        st.heads[i] = 0;
                        st.labels[i] = self.root;
                    } else {
                        st.heads[i] = root_word as u32;
                        st.labels[i] = self.labels.iter().position(|l| l == "dep").unwrap_or(0) as u8;
                    }
                }
            }
        }
    }

    /// Appends the model: magic, labels, root label, beam width (beam parsers only), weights.
    pub fn write_to(&self, out: &mut Vec<u8>) {
        let beam = self.beam_width().min(255);
        out.extend_from_slice(if beam > 1 { MAGIC_BEAM } else { MAGIC });
        put_varint(out, self.labels.len() as u64);
        for l in &self.labels {
            put_varint(out, l.len() as u64);
            out.extend_from_slice(l.as_bytes());
        }
        out.push(self.root);
        if beam > 1 {
            out.push(beam as u8);
        }
        self.weights.write(out);
    }

    /// Reads what [`Parser::write_to`] wrote, advancing `input` past it.
    pub fn read_from(input: &mut &[u8]) -> Result<Parser, ModelError> {
        let err = |e: String| ModelError::Corrupt(format!("parser model: {e}"));
        let magic = take::<8>(input).map_err(err)?;
        if &magic != MAGIC && &magic != MAGIC_BEAM {
            return Err(err("not a parser model (bad magic)".into()));
        }
        let nl = get_varint(input).map_err(err)? as usize;
        if nl == 0 || nl > 127 {
            return Err(err(format!("{nl} labels (1–127 allowed)")));
        }
        let mut labels = Vec::with_capacity(nl);
        for _ in 0..nl {
            let len = get_varint(input).map_err(err)? as usize;
            if len > input.len() {
                return Err(err("truncated label".into()));
            }
            let (a, rest) = input.split_at(len);
            *input = rest;
            labels.push(String::from_utf8(a.to_vec()).map_err(|_| err("label not UTF-8".into()))?);
        }
        let [root] = take::<1>(input).map_err(err)?;
        if root as usize >= nl {
            return Err(err("root label out of range".into()));
        }
        let beam = if &magic == MAGIC_BEAM {
            let [k] = take::<1>(input).map_err(err)?;
            if k < 2 {
                return Err(err(format!("beam width {k} in a beam parser")));
            }
            usize::from(k)
        } else {
            1
        };
        let weights = Frozen::read(input, 1 + 2 * nl).map_err(err)?;
        Ok(Parser { labels, root, weights, beam })
    }
}

/// Deterministic xorshift64* generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Trains a parser on `sentences` (gold heads and relations) with the tags in `tags` (one entry per sentence, one
/// per word: predicted tags for a parser that will see predicted tags). A sentence whose tag list does not match its
/// words is trained with its gold tags; a sentence with a missing or out-of-range head is skipped. Deterministic for
/// the same input and options.
pub fn train<T: Tagged>(sentences: &[Sentence], tags: &[Vec<T>], opts: &TrainOptions) -> Parser {
    let (labels, root) = label_set(sentences);
    let nl = labels.len();
    let (prepared, lifted_sentences) = prepare(sentences, tags, &labels, opts);
    if opts.verbose {
        eprintln!("parser: {} training sentences, {} lifted, {} labels", prepared.len(), lifted_sentences, nl);
    }
    let mut trainer = Trainer::new(nl, root, opts);
    let mut order: Vec<usize> = (0..prepared.len()).collect();
    for epoch in 0..opts.epochs {
        for i in (1..order.len()).rev() {
            let j = (trainer.rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let (mut correct, mut total) = (0usize, 0usize);
        for &si in &order {
            let (c, t) = if opts.beam > 1 {
                (usize::from(trainer.global_sentence(&prepared[si], opts.beam)), 1)
            } else {
                trainer.sentence(&prepared[si], epoch > 0, opts.explore)
            };
            correct += c;
            total += t;
        }
        if opts.verbose && opts.beam > 1 {
            eprintln!(
                "parser: epoch {} beam {}: best derivation gold on {:.2} % of sentences",
                epoch + 1,
                opts.beam,
                100.0 * correct as f64 / total.max(1) as f64
            );
        } else if opts.verbose {
            eprintln!(
                "parser: epoch {} oracle agreement {:.2} %",
                epoch + 1,
                100.0 * correct as f64 / total.max(1) as f64
            );
        }
        if let Some(f) = opts.on_epoch {
            f(epoch + 1, &trainer.parser(labels.clone(), opts.prune));
        }
    }
    trainer.parser(labels, opts.prune)
}

/// The relation labels of `sentences`, sorted for a deterministic numbering, "root" and "dep" always among them (at
/// most 127), and the number of "root".
fn label_set(sentences: &[Sentence]) -> (Vec<String>, u8) {
    let mut labels: Vec<String> = sentences.iter().flat_map(|s| s.words.iter().map(|w| w.deprel.clone())).collect();
    labels.push("root".into());
    labels.push("dep".into());
    labels.retain(|l| l != "_" && !l.is_empty());
    labels.sort();
    labels.dedup();
    labels.truncate(127);
    let root = labels.iter().position(|l| l == "root").unwrap_or(0) as u8;
    (labels, root)
}

/// A prepared training sentence: tokens, gold heads (projectivised), gold labels.
struct Prep {
    toks: Vec<Tok>,
    heads: Vec<u32>,
    labels: Vec<u8>,
}

/// The training sentences that have one root and every head in range (non-projective ones lifted or skipped, as
/// `opts` says), and how many were lifted.
fn prepare<T: Tagged>(
    sentences: &[Sentence],
    tags: &[Vec<T>],
    labels: &[String],
    opts: &TrainOptions,
) -> (Vec<Prep>, usize) {
    let mut prepared = Vec::with_capacity(sentences.len());
    let mut lifted_sentences = 0;
    for (si, s) in sentences.iter().enumerate() {
        let n = s.words.len();
        if n == 0 {
            continue;
        }
        let mut heads = vec![0u32; n + 1];
        let mut labs = vec![0u8; n + 1];
        let mut ok = true;
        for (i, w) in s.words.iter().enumerate() {
            match w.head {
                Some(h) if h <= n && h != i + 1 => heads[i + 1] = h as u32,
                _ => ok = false,
            }
            labs[i + 1] = labels.binary_search(&w.deprel).map_or(0, |l| l as u8);
        }
        if !ok || (1..=n).filter(|&i| heads[i] == 0).count() != 1 {
            continue;
        }
        if !system::is_projective(&heads) {
            match opts.nonprojective {
                NonProjective::Skip => continue,
                NonProjective::Lift => {
                    projectivize(&mut heads);
                    lifted_sentences += 1;
                }
            }
        }
        let mut toks = Vec::with_capacity(n + 1);
        toks.push(root_tok());
        let t = tags.get(si).filter(|t| t.len() == n);
        for (i, w) in s.words.iter().enumerate() {
            toks.push(match t {
                Some(t) => tok(&w.form, t[i].lemma(), t[i].upos(), t[i].xpos()),
                None => tok(&w.form, &w.lemma, &w.upos, &w.xpos),
            });
        }
        prepared.push(Prep { toks, heads, labels: labs });
    }
    (prepared, lifted_sentences)
}

/// The perceptron being trained with a dynamic oracle, and its buffers.
struct Trainer {
    model: Training,
    rng: Rng,
    nl: usize,
    root: u8,
    st: State,
    feats: Vec<u64>,
    scores: Vec<f32>,
    legal: Vec<bool>,
    costs: Vec<u32>,
    /// Beam width of the parser made (1: greedy).
    width: usize,
    global: beam::GlobalScratch,
}

impl Trainer {
    fn new(nl: usize, root: u8, opts: &TrainOptions) -> Trainer {
        let na = 1 + 2 * nl;
        Trainer {
            model: Training::default(),
            rng: Rng(opts.seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1),
            nl,
            root,
            st: State::default(),
            feats: Vec::with_capacity(128),
            scores: vec![0f32; na],
            legal: vec![false; na],
            costs: vec![0u32; na],
            width: opts.beam.max(1),
            global: beam::GlobalScratch::default(),
        }
    }

    /// One pass over sentence `p`: at each transition the best-scoring zero-cost action is the gold one, a wrong
    /// prediction updates the weights, and (with `explore_on`) a wrong prediction is followed with probability
    /// `explore`. Returns the transitions predicted right and the transitions taken.
    fn sentence(&mut self, p: &Prep, explore_on: bool, explore: f64) -> (usize, usize) {
        let (nl, na) = (self.nl, self.scores.len());
        let (mut correct, mut total) = (0usize, 0usize);
        let st = &mut self.st;
        st.reset(p.toks.len() - 1);
        while !st.is_final() {
            st.legal(nl, self.root, &mut self.legal);
            st.costs(&p.heads, &p.labels, nl, &self.legal, &mut self.costs);
            extract(st, &p.toks, &mut self.feats);
            self.model.score(&self.feats, &mut self.scores);
            let (legal, costs, scores) = (&self.legal, &self.costs, &self.scores);
            let mut pred = usize::MAX;
            let mut gold = usize::MAX;
            let min_cost = costs.iter().copied().min().unwrap_or(0);
            for a in 0..na {
                if !legal[a] {
                    continue;
                }
                if pred == usize::MAX || scores[a] > scores[pred] {
                    pred = a;
                }
                if costs[a] == min_cost && (gold == usize::MAX || scores[a] > scores[gold]) {
                    gold = a;
                }
            }
            if pred == usize::MAX || gold == usize::MAX {
                break;
            }
            self.model.tick();
            total += 1;
            if costs[pred] == min_cost {
                correct += 1;
            } else {
                self.model.update(&self.feats, gold, pred);
            }
            let next = if explore_on && costs[pred] != min_cost && self.rng.unit() < explore { pred } else { gold };
            st.apply(next, nl);
        }
        (correct, total)
    }

    /// The averaged weights as a parser (pruned when `prune` > 0).
    fn parser(&self, labels: Vec<String>, prune: f32) -> Parser {
        let na = 1 + 2 * self.nl;
        let (q, scale) = Frozen::quantise(&self.model.average(0.0));
        let parser = Parser { labels, root: self.root, weights: Frozen::from_rows(&q, scale, na), beam: self.width };
        if prune > 0.0 { parser.pruned(prune) } else { parser }
    }
}

impl crate::model::Model {
    /// Puts `parser` into the model (replacing any parser it had).
    pub fn set_parser(&mut self, parser: Parser) {
        self.parser = Some(parser);
    }

    /// The parser, when the model has one.
    pub fn parser(&self) -> Option<&Parser> {
        self.parser.as_ref()
    }
}

/// How many times the treebank's training sentences are repeated when silver sentences are added
/// ([`train_for_model`]), so that the gold trees keep their weight against the larger silver set.
pub const GOLD_COPIES: usize = 2;

/// Epochs when silver sentences are added (chosen on EWT dev; the larger set needs fewer).
pub const SILVER_EPOCHS: usize = 5;

/// Epochs of a beam parser's global training (the best dev UAS with a beam of 8, EWT, 2026-12-07).
pub const BEAM_EPOCHS: usize = 7;

/// Pruning threshold when silver sentences are added (more features survive the default 1.0: this keeps the model
/// file under 25 MB).
pub const SILVER_PRUNE: f32 = 1.5;

/// The training set of uptraining: the treebank's sentences and their tags `copies` times ([`GOLD_COPIES`] for
/// the model trainer), then the silver sentences with their own tags.
pub fn uptraining_set(
    gold: &[Sentence],
    gold_tags: &[Vec<Word>],
    silver: &[Sentence],
    copies: usize,
) -> (Vec<Sentence>, Vec<Vec<Word>>) {
    let mut sentences: Vec<Sentence> = Vec::with_capacity(copies * gold.len() + silver.len());
    let mut tags: Vec<Vec<Word>> = Vec::with_capacity(sentences.capacity());
    for _ in 0..copies {
        sentences.extend_from_slice(gold);
        tags.extend_from_slice(gold_tags);
    }
    sentences.extend_from_slice(silver);
    tags.extend(silver.iter().map(|s| s.words.clone()));
    (sentences, tags)
}

/// The parser trainer as the model trainer (`crate::train_model`) calls it: the parser trained on the treebank's
/// training sentences with 5-fold jackknifed predicted tags (so that it learns from tags as noisy as at run time),
/// with the default [`TrainOptions`] (with `config.parser_beam` > 1: a beam parser of that width, [`BEAM_EPOCHS`]
/// epochs). With `silver` sentences (uptraining, Petrov et al. 2010: news sentences tagged
/// by the shipped tagger and parsed by a more accurate parser, with their own tags), those are added and the
/// treebank's sentences repeated [`GOLD_COPIES`] times, for [`SILVER_EPOCHS`] epochs, weights below
/// [`SILVER_PRUNE`] pruned (with the beam width of `config`). Deterministic.
pub fn train_for_model(
    train_sentences: &[Sentence],
    silver: &[Sentence],
    config: &crate::tagger::TrainConfig,
    log: &mut dyn FnMut(&str),
) -> Option<Parser> {
    log("jackknifing training tags for the parser (5 folds)");
    let tagged =
        crate::tagger::jackknife(train_sentences, 5, &crate::tagger::TrainConfig { folds: 0, ..config.clone() });
    let tags: Vec<Vec<Word>> = tagged.into_iter().map(|s| s.words).collect();
    let beam = config.parser_beam.max(1);
    let parser = if silver.is_empty() && beam > 1 {
        log(&format!("training a beam parser (width {beam}, {BEAM_EPOCHS} epochs)"));
        train(train_sentences, &tags, &TrainOptions { beam, epochs: BEAM_EPOCHS, ..TrainOptions::default() })
    } else if silver.is_empty() {
        log("training the parser");
        train(train_sentences, &tags, &TrainOptions::default())
    } else {
        log(&format!("training the parser on the treebank x{GOLD_COPIES} and {} silver sentences", silver.len()));
        let (sentences, tags) = uptraining_set(train_sentences, &tags, silver, GOLD_COPIES);
        train(
            &sentences,
            &tags,
            &TrainOptions { epochs: SILVER_EPOCHS, prune: SILVER_PRUNE, beam, ..TrainOptions::default() },
        )
    };
    let (features, weights) = parser.sizes();
    log(&format!("parser: {features} features, {weights} weights"));
    Some(parser)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conllu::read_conllu;

    const TINY: &str = "1\tTroops\ttroop\tNOUN\tNNS\t_\t4\tnsubj:pass\t_\t_
2\twere\tbe\tAUX\tVBD\t_\t4\taux:pass\t_\t_
3\tnot\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_
4\tattacked\tattack\tVERB\tVBN\t_\t0\troot\t_\t_
5\tby\tby\tADP\tIN\t_\t6\tcase\t_\t_
6\trebels\trebel\tNOUN\tNNS\t_\t4\tobl:agent\t_\t_
7\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

1\tIran\tIran\tPROPN\tNNP\t_\t2\tnsubj\t_\t_
2\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\t_
3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_
4\ttown\ttown\tNOUN\tNN\t_\t2\tobj\t_\t_
5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

";

    fn tiny_parser() -> (Parser, Vec<Sentence>) {
        let sents = read_conllu(TINY).unwrap();
        let tags: Vec<Vec<Word>> = sents.iter().map(|s| s.words.clone()).collect();
        let opts = TrainOptions { epochs: 5, prune: 0.0, ..TrainOptions::default() };
        (train(&sents, &tags, &opts), sents)
    }

    #[test]
    fn learns_the_training_sentences() {
        let (p, sents) = tiny_parser();
        for s in &sents {
            let mut words = s.words.clone();
            for w in &mut words {
                w.head = None;
                w.deprel = "_".into();
            }
            p.parse(&mut words);
            for (a, b) in words.iter().zip(&s.words) {
                assert_eq!((a.head, &a.deprel), (b.head, &b.deprel), "{}", a.form);
            }
        }
    }

    fn unparsed(s: &Sentence) -> Vec<Word> {
        let mut words = s.words.clone();
        for w in &mut words {
            w.head = None;
            w.deprel = "_".into();
        }
        words
    }

    #[test]
    fn beam_training_learns_the_training_sentences_and_is_deterministic() {
        let sents = read_conllu(TINY).unwrap();
        let tags: Vec<Vec<Word>> = sents.iter().map(|s| s.words.clone()).collect();
        let opts = TrainOptions { epochs: 5, prune: 0.0, beam: 4, ..TrainOptions::default() };
        let p = train(&sents, &tags, &opts);
        assert_eq!(p.beam_width(), 4);
        for s in &sents {
            let mut words = unparsed(s);
            p.parse(&mut words);
            for (a, b) in words.iter().zip(&s.words) {
                assert_eq!((a.head, &a.deprel), (b.head, &b.deprel), "{}", a.form);
            }
        }
        let (mut x, mut y) = (Vec::new(), Vec::new());
        p.write_to(&mut x);
        train(&sents, &tags, &opts).write_to(&mut y);
        assert_eq!(x, y);
    }

    /// A beam of width 1 makes the greedy parser's choices, and the greedy parser's are its default.
    #[test]
    fn beam_of_one_is_greedy() {
        let (p, sents) = tiny_parser();
        assert_eq!(p.beam_width(), 1);
        let mut inputs: Vec<Vec<Word>> = sents.iter().map(unparsed).collect();
        inputs.push(
            "Rebels said the troops that Iran backed attacked the town on Monday , and the army denied it ."
                .split(' ')
                .map(Word::new)
                .collect(),
        );
        for words in &inputs {
            let (mut greedy, mut beam) = (words.clone(), words.clone());
            p.parse(&mut greedy);
            p.clone().with_beam(1).parse(&mut beam);
            let mut scratch = Scratch::default();
            scratch.toks.push(root_tok());
            for w in words {
                scratch.toks.push(tok(&w.form, &w.lemma, &w.upos, &w.xpos));
            }
            p.run_beam(&mut scratch, 1);
            let heads: Vec<Option<usize>> = greedy.iter().map(|w| w.head).collect();
            let direct: Vec<Option<usize>> = (1..=words.len()).map(|i| Some(scratch.state.heads[i] as usize)).collect();
            assert_eq!(heads, direct);
            assert_eq!(greedy, beam);
        }
    }

    #[test]
    fn model_round_trips() {
        let (p, _) = tiny_parser();
        let mut buf = Vec::new();
        p.write_to(&mut buf);
        buf.extend_from_slice(b"rest");
        let mut input = &buf[..];
        let q = Parser::read_from(&mut input).unwrap();
        assert_eq!(input, b"rest");
        let mut again = Vec::new();
        q.write_to(&mut again);
        assert_eq!(again, buf[..buf.len() - 4]);
        // Truncations are errors, never panics.
        for cut in 0..again.len() {
            let mut input = &again[..cut];
            assert!(Parser::read_from(&mut input).is_err());
        }
        // A beam parser keeps its width; greedy is written as before.
        let beam = p.clone().with_beam(8);
        let mut b = Vec::new();
        beam.write_to(&mut b);
        assert_eq!(&b[..8], b"DYPARSE2");
        assert_eq!(b.len(), again.len() + 1);
        let q = Parser::read_from(&mut &b[..]).unwrap();
        assert_eq!(q.beam_width(), 8);
        let mut c = Vec::new();
        q.write_to(&mut c);
        assert_eq!(c, b);
        assert_eq!(&again[..8], b"DYPARSE1");
        for cut in 0..b.len() {
            assert!(Parser::read_from(&mut &b[..cut]).is_err());
        }
    }

    #[test]
    fn uptraining_set_repeats_gold_then_adds_silver_with_its_own_tags() {
        let sents = read_conllu(TINY).unwrap();
        let (gold, silver) = sents.split_at(1);
        let mut gold_tags = vec![gold[0].words.clone()];
        gold_tags[0][0].upos = "X".into();
        let (s, t) = uptraining_set(gold, &gold_tags, silver, GOLD_COPIES);
        assert_eq!(s.len(), GOLD_COPIES + 1);
        assert_eq!(t.len(), s.len());
        assert!(t[..GOLD_COPIES].iter().all(|w| w[0].upos == "X"));
        assert_eq!(s[GOLD_COPIES].words[0].form, "Iran");
        assert_eq!(t[GOLD_COPIES], silver[0].words);
    }

    #[test]
    fn training_is_deterministic() {
        let (a, _) = tiny_parser();
        let (b, _) = tiny_parser();
        let (mut x, mut y) = (Vec::new(), Vec::new());
        a.write_to(&mut x);
        b.write_to(&mut y);
        assert_eq!(x, y);
    }

    mod prop {
        use super::*;
        use proptest::prelude::*;
        use std::sync::OnceLock;

        fn parser() -> &'static Parser {
            static P: OnceLock<Parser> = OnceLock::new();
            P.get_or_init(|| tiny_parser().0)
        }

        fn beam_parser() -> &'static Parser {
            static P: OnceLock<Parser> = OnceLock::new();
            P.get_or_init(|| {
                let sents = read_conllu(TINY).unwrap();
                let tags: Vec<Vec<Word>> = sents.iter().map(|s| s.words.clone()).collect();
                train(&sents, &tags, &TrainOptions { epochs: 3, prune: 0.0, beam: 4, ..TrainOptions::default() })
            })
        }

        fn words_of(forms: &[String], tags: &[String]) -> Vec<Word> {
            forms
                .iter()
                .zip(tags)
                .map(|(f, t)| {
                    let mut w = Word::new(f);
                    w.upos = t.clone();
                    w
                })
                .collect()
        }

        fn check_tree(words: &[Word]) {
            let heads: Vec<u32> = std::iter::once(0).chain(words.iter().map(|w| w.head.unwrap() as u32)).collect();
            assert!(system::is_tree(&heads), "{heads:?}");
            for w in words {
                assert_eq!(w.head == Some(0), w.deprel == "root");
            }
        }

        proptest! {
            #[test]
            fn any_input_gives_a_tree(forms in proptest::collection::vec("\\PC{0,6}", 0..60),
                                      tags in proptest::collection::vec("(NOUN|VERB|PUNCT|ADP|X|)", 60)) {
                let mut words: Vec<Word> = forms.iter().zip(&tags).map(|(f, t)| {
                    let mut w = Word::new(f);
                    w.upos = t.clone();
                    w
                }).collect();
                parser().parse(&mut words);
                check_tree(&words);
            }

            #[test]
            fn beam_gives_a_tree_and_width_one_is_greedy(forms in proptest::collection::vec("\\PC{0,6}", 0..60),
                                      tags in proptest::collection::vec("(NOUN|VERB|PUNCT|ADP|X|)", 60),
                                      width in 2usize..9) {
                let words = words_of(&forms, &tags);
                let mut beam = words.clone();
                beam_parser().clone().with_beam(width).parse(&mut beam);
                check_tree(&beam);
                let (mut greedy, mut one) = (words.clone(), words);
                parser().parse(&mut greedy);
                parser().clone().with_beam(1).parse(&mut one);
                prop_assert_eq!(greedy, one);
            }
        }

        #[test]
        fn beam_gives_trees_on_long_short_and_punctuation_inputs() {
            for width in [2, 4, 8] {
                let p = beam_parser().clone().with_beam(width);
                for n in [1, 2, 300, BEAM_MAX_WORDS + 1] {
                    let mut long: Vec<Word> =
                        (0..n).map(|i| Word::new(["the", "attack", "on", "Gaza", ","][i % 5])).collect();
                    p.parse(&mut long);
                    check_tree(&long);
                }
                let mut punct: Vec<Word> = (0..40).map(|i| Word::new(["!", ".", "?", "—"][i % 4])).collect();
                p.parse(&mut punct);
                check_tree(&punct);
                let mut one: Vec<Word> = vec![Word::new(".")];
                p.parse(&mut one);
                check_tree(&one);
                let mut empty: Vec<Word> = Vec::new();
                p.parse(&mut empty);
                assert!(empty.is_empty());
            }
        }

        #[test]
        fn long_punctuation_mixed_and_empty_inputs_give_trees() {
            let p = parser();
            let mut long: Vec<Word> =
                (0..5000).map(|i| Word::new(["the", "attack", "on", "Gaza", ","][i % 5])).collect();
            p.parse(&mut long);
            check_tree(&long);
            let mut punct: Vec<Word> = (0..40).map(|i| Word::new(["!", ".", "?", "—"][i % 4])).collect();
            p.parse(&mut punct);
            check_tree(&punct);
            let mut mixed: Vec<Word> =
                ["Путин", "met", "習近平", "in", "القاهرة", "🙂", ""].iter().map(|f| Word::new(f)).collect();
            p.parse(&mut mixed);
            check_tree(&mixed);
            let mut empty: Vec<Word> = Vec::new();
            p.parse(&mut empty);
            assert!(empty.is_empty());
        }
    }
}
