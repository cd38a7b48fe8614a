//! The tagger: a greedy left-to-right averaged perceptron over joint classes (UPOS, Penn XPOS and the verbal and
//! nominal UD features event coding needs), with a tag dictionary for frequent unambiguous words, then a lookup of
//! the full UD FEATS and a lemmatiser.
//!
//! Predicting the joint class rather than UPOS alone lets the tag of the previous words carry the XPOS and the
//! features (a past participle after "was" is passive) at no extra pass, and keeps the XPOS and UPOS consistent.

mod clusters;
mod features;
mod lemma;
mod perceptron;

use crate::conllu::Sentence;
use crate::model::{ModelError, get_len, get_str, get_u16, get_u32, get_u64, put_str, put_u16, put_u32, put_u64};
use crate::table::Scores;
use features::{HashMap64, Prepared, key, key2};
use lemma::{Found, Lemmatizer};
use perceptron::{Training, Weights};
use std::collections::{BTreeMap, HashMap};

/// The universal part-of-speech tags, in the order of the ambiguity-class bits.
pub const UPOS: [&str; 17] = [
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ",
    "SYM", "VERB", "X",
];

/// The UD features the tagger predicts as part of its classes; the others come from a lookup by form and class.
pub const PREDICTED_FEATS: [&str; 6] = ["Mood", "Number", "Person", "Tense", "VerbForm", "Voice"];

/// Training settings. The defaults are the ones the shipped model was trained with.
#[derive(Debug, Clone)]
pub struct TrainConfig {
    /// Passes over the training sentences.
    pub epochs: usize,
    /// Seed of the sentence order shuffle (fixed for reproducible models).
    pub seed: u64,
    /// Features seen on fewer training tokens than this are dropped from the model.
    pub min_seen: u32,
    /// Averaged weights smaller than this are dropped from the model.
    pub min_weight: f32,
    /// Words seen at least this often with one class in at least `dict_share` of cases are tagged by the
    /// dictionary, not the model.
    pub dict_min: u32,
    /// See `dict_min`.
    pub dict_share: f64,
    /// Whether the classes include the predicted features (else UPOS and XPOS only, and every feature comes from
    /// the lookup by form and class).
    pub joint_feats: bool,
    /// Words seen fewer times than this are outside the vocabulary: word-identity features read them as unknown,
    /// so that training learns how to tag words it has not seen.
    pub min_known: u32,
    /// Word clusters learned from the training words plus the unlabelled text (0: none).
    pub clusters: usize,
    /// Folds for the second (stacked) pass's training tags; 0 or 1 trains no second pass.
    pub folds: usize,
    /// Beam width of the parser that [`crate::train_model`] trains: 1 (the shipped model) the greedy parser, more a
    /// beam parser trained globally ([`crate::parser::BEAM_EPOCHS`] epochs).
    pub parser_beam: usize,
}

impl Default for TrainConfig {
    fn default() -> TrainConfig {
        TrainConfig {
            epochs: 10,
            seed: 0x5eed_da7a,
            min_seen: 2,
            min_weight: 0.05,
            dict_min: 20,
            dict_share: 0.99,
            joint_feats: true,
            min_known: 2,
            clusters: 0,
            folds: 0,
            parser_beam: 1,
        }
    }
}

/// One tagger class: UPOS, XPOS and the predicted features.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Class {
    upos: String,
    xpos: String,
    feats: String,
}

/// A trained tagger with its feature lookup and lemmatiser.
#[derive(Debug, Clone, Default)]
pub struct Tagger {
    classes: Vec<Class>,
    /// Index of each class's XPOS in `xpos_names` (the lemmatiser's key).
    class_xpos: Vec<u16>,
    xpos_names: Vec<String>,
    /// The full FEATS strings; `class_feats[c]` is the most frequent one for class `c`.
    feats_names: Vec<String>,
    class_feats: Vec<u32>,
    /// hash(lower-case form, class) → full FEATS id, where it differs from the class's default.
    feats_dict: HashMap64<u32>,
    /// hash(normalised word) → class, for frequent unambiguous words.
    tagdict: HashMap64<u16>,
    /// hash(normalised word) → bit set of the UPOS seen with it.
    amb: HashMap64<u32>,
    /// hash(normalised word) → word cluster learned from unlabelled text.
    clusters: HashMap64<u16>,
    weights: Weights,
    /// The second pass, which also reads the first pass's tags of the following words.
    second: Option<Weights>,
    lemmas: Lemmatizer,
}

/// Training sentences prepared once: words, gold classes, dictionary classes and static features.
#[derive(Default)]
struct Data<'a> {
    words: Vec<Vec<&'a str>>,
    gold: Vec<&'a [u16]>,
    dict_class: Vec<Vec<Option<u16>>>,
    static_feats: Vec<u64>,
    starts: Vec<Vec<usize>>,
}

/// Reusable buffers for tagging one sentence.
#[derive(Default)]
pub(crate) struct Scratch {
    prep: Prepared,
    /// Per word: the tag dictionary's class, and where its static features start in `statics`.
    dict: Vec<Option<u16>>,
    starts: Vec<usize>,
    statics: Vec<u64>,
    feats: Vec<u64>,
    scores: Scores,
    first: Vec<u16>,
}

/// Keeps only the predicted features of a FEATS string (`_` when none are left).
fn predicted_feats(feats: &str) -> String {
    let kept: Vec<&str> =
        feats.split('|').filter(|f| f.split_once('=').is_some_and(|(k, _)| PREDICTED_FEATS.contains(&k))).collect();
    if kept.is_empty() { "_".to_string() } else { kept.join("|") }
}

fn class_of(w: &crate::conllu::Word, joint_feats: bool) -> Class {
    let feats = if joint_feats { predicted_feats(&w.feats) } else { "_".to_string() };
    Class { upos: w.upos.clone(), xpos: w.xpos.clone(), feats }
}

fn argmax(scores: &[i32]) -> u16 {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best as u16
}

/// A small deterministic generator for the shuffle (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

fn most_frequent<K: Clone + Ord>(counts: &BTreeMap<K, u32>) -> Option<(K, u32)> {
    counts.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(k, n)| (k.clone(), *n))
}

impl Tagger {
    /// Trains a tagger on sentences with gold UPOS, XPOS, FEATS and LEMMA. Deterministic for the same sentences
    /// and configuration.
    pub fn train(sentences: &[Sentence], config: &TrainConfig) -> Tagger {
        Tagger::train_with_text(sentences, &[], config)
    }

    /// [`Tagger::train`], with unlabelled sentences (lists of words) for the word clusters.
    pub fn train_with_text(sentences: &[Sentence], unlabelled: &[Vec<&str>], config: &TrainConfig) -> Tagger {
        let sentences: Vec<&Sentence> = sentences.iter().filter(|s| !s.words.is_empty()).collect();
        let mut t = Tagger::with_classes(&sentences, config);
        let gold: Vec<Vec<u16>> = t.gold_classes(&sentences, config);
        t.learn_tag_dictionary(&sentences, &gold, config);
        t.learn_feats(&sentences, &gold);
        t.lemmas = Lemmatizer::train(
            sentences
                .iter()
                .zip(&gold)
                .flat_map(|(s, g)| s.words.iter().zip(g))
                .map(|(w, &c)| (w.form.as_str(), t.class_xpos[c as usize], w.lemma.as_str())),
        );
        if config.clusters > 0 {
            let words: Vec<Vec<&str>> =
                sentences.iter().map(|s| s.words.iter().map(|w| w.form.as_str()).collect()).collect();
            t.clusters = clusters::learn(words.iter().chain(unlabelled).map(Vec::as_slice), config.clusters);
        }
        let data = t.perceptron_data(&sentences, &gold);
        t.learn_passes(&data, config);
        t
    }

    /// A tagger with the training words' classes (UPOS, XPOS and, with `joint_feats`, FEATS), most frequent first
    /// (at most 255), and their XPOS names; nothing learned yet.
    fn with_classes(sentences: &[&Sentence], config: &TrainConfig) -> Tagger {
        let mut class_counts: BTreeMap<Class, u32> = BTreeMap::new();
        for w in sentences.iter().flat_map(|s| &s.words) {
            *class_counts.entry(class_of(w, config.joint_feats)).or_default() += 1;
        }
        let mut classes: Vec<(Class, u32)> = class_counts.into_iter().collect();
        classes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        classes.truncate(255);
        let mut t = Tagger { classes: classes.into_iter().map(|(c, _)| c).collect(), ..Tagger::default() };
        let mut xpos_ids: BTreeMap<String, u16> = BTreeMap::new();
        for c in &t.classes {
            let next = xpos_ids.len() as u16;
            xpos_ids.entry(c.xpos.clone()).or_insert(next);
        }
        t.xpos_names = vec![String::new(); xpos_ids.len()];
        for (x, &i) in &xpos_ids {
            t.xpos_names[i as usize] = x.clone();
        }
        t.class_xpos = t.classes.iter().map(|c| xpos_ids[&c.xpos]).collect();
        t
    }

    /// Each training word's gold class (0 for a class beyond the 255 kept).
    fn gold_classes(&self, sentences: &[&Sentence], config: &TrainConfig) -> Vec<Vec<u16>> {
        let class_id: HashMap<Class, u16> =
            self.classes.iter().enumerate().map(|(i, c)| (c.clone(), i as u16)).collect();
        sentences
            .iter()
            .map(|s| {
                s.words.iter().map(|w| class_id.get(&class_of(w, config.joint_feats)).copied().unwrap_or(0)).collect()
            })
            .collect()
    }

    /// The tag dictionary and the ambiguity classes, over normalised words.
    fn learn_tag_dictionary(&mut self, sentences: &[&Sentence], gold: &[Vec<u16>], config: &TrainConfig) {
        let mut word_classes: BTreeMap<String, BTreeMap<u16, u32>> = BTreeMap::new();
        let mut norm = String::new();
        for (s, g) in sentences.iter().zip(gold) {
            for (w, &c) in s.words.iter().zip(g) {
                norm.clear();
                features::normalise(&w.form, &mut norm);
                *word_classes.entry(norm.clone()).or_default().entry(c).or_default() += 1;
            }
        }
        for (word, counts) in &word_classes {
            let total: u32 = counts.values().sum();
            let mut mask = 0u32;
            for (&c, &n) in counts {
                if f64::from(n) >= 0.05 * f64::from(total) {
                    let u = UPOS.iter().position(|u| *u == self.classes[c as usize].upos).unwrap_or(UPOS.len() - 1);
                    mask |= 1 << u;
                }
            }
            if total >= config.min_known {
                self.amb.insert(key(word), mask);
            }
            if let Some((c, n)) = most_frequent(counts)
                && total >= config.dict_min
                && f64::from(n) >= config.dict_share * f64::from(total)
            {
                self.tagdict.insert(key(word), c);
            }
        }
    }

    /// Full FEATS: the most frequent per class, and per (form, class) where that differs.
    fn learn_feats(&mut self, sentences: &[&Sentence], gold: &[Vec<u16>]) {
        let mut feats_ids: BTreeMap<String, u32> = BTreeMap::new();
        let mut per_class: Vec<BTreeMap<u32, u32>> = vec![BTreeMap::new(); self.classes.len()];
        let mut per_form: BTreeMap<(String, u16), BTreeMap<u32, u32>> = BTreeMap::new();
        for (s, g) in sentences.iter().zip(gold) {
            for (w, &c) in s.words.iter().zip(g) {
                let next = feats_ids.len() as u32;
                let f = *feats_ids.entry(w.feats.clone()).or_insert(next);
                *per_class[c as usize].entry(f).or_default() += 1;
                *per_form.entry((w.form.to_lowercase(), c)).or_default().entry(f).or_default() += 1;
            }
        }
        self.feats_names = vec![String::new(); feats_ids.len()];
        for (f, &i) in &feats_ids {
            self.feats_names[i as usize] = f.clone();
        }
        self.class_feats = per_class.iter().map(|m| most_frequent(m).map_or(0, |(f, _)| f)).collect();
        for ((form, c), m) in &per_form {
            if let Some((f, _)) = most_frequent(m)
                && f != self.class_feats[*c as usize]
            {
                self.feats_dict.insert(key2(form, u64::from(*c)), f);
            }
        }
    }

    /// The perceptron's training data. Static features are computed once per token.
    fn perceptron_data<'a>(&self, sentences: &[&'a Sentence], gold: &'a [Vec<u16>]) -> Data<'a> {
        let mut data = Data { starts: Vec::with_capacity(sentences.len()), ..Data::default() };
        let mut prep = Prepared::default();
        for (s, g) in sentences.iter().zip(gold) {
            let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            prep.fill(&words, &self.amb, &self.clusters);
            let mut st = Vec::with_capacity(words.len() + 1);
            for i in 0..words.len() {
                st.push(data.static_feats.len());
                prep.static_features(i, &mut data.static_feats);
            }
            st.push(data.static_feats.len());
            data.starts.push(st);
            data.dict_class
                .push((0..words.len()).map(|i| self.tagdict.get(&key(prep.word(i as isize))).copied()).collect());
            data.words.push(words);
            data.gold.push(g);
        }
        data
    }

    /// The perceptron's weights: the first pass, and with `folds` ≥ 2 the stacked second pass.
    fn learn_passes(&mut self, data: &Data<'_>, config: &TrainConfig) {
        let all: Vec<usize> = (0..data.words.len()).collect();
        self.weights = self.learn(data, &all, None, config);
        if config.folds >= 2 {
            // Stacking: a second pass reads the first pass's tags of the words to the right. Its training needs
            // first-pass tags as noisy as at run time, so each fold is tagged by a first pass trained without it.
            let mut prep = Prepared::default();
            let mut right: Vec<Vec<u16>> = vec![Vec::new(); data.words.len()];
            for k in 0..config.folds {
                let part: Vec<usize> = all.iter().copied().filter(|i| i % config.folds != k).collect();
                let w = self.learn(data, &part, None, config);
                for si in all.iter().copied().filter(|i| i % config.folds == k) {
                    right[si] = self.decode(&w, data, si, None, &mut prep);
                }
            }
            self.second = Some(self.learn(data, &all, Some(&right), config));
        }
    }

    /// Trains one pass of the perceptron on the sentences `subset` of `data`.
    fn learn(&self, data: &Data<'_>, subset: &[usize], right: Option<&[Vec<u16>]>, config: &TrainConfig) -> Weights {
        let n_classes = self.classes.len();
        let mut model = Training::new(n_classes);
        let mut order = subset.to_vec();
        let mut rng = Rng(config.seed | 1);
        let mut scores = vec![0f32; n_classes];
        let mut feats: Vec<u64> = Vec::new();
        let mut prep = Prepared::default();
        for epoch in 0..config.epochs {
            for i in (1..order.len()).rev() {
                let j = (rng.next() % (i as u64 + 1)) as usize;
                order.swap(i, j);
            }
            for &si in &order {
                prep.fill(&data.words[si], &self.amb, &self.clusters);
                let (mut t1, mut t2) = (u16::MAX, u16::MAX);
                for i in 0..data.words[si].len() {
                    let truth = data.gold[si][i];
                    let guess = if let Some(c) = data.dict_class[si][i] {
                        c
                    } else {
                        feats.clear();
                        feats.extend_from_slice(&data.static_feats[data.starts[si][i]..data.starts[si][i + 1]]);
                        prep.tag_features(i, t1, t2, &mut feats);
                        if let Some(r) = right {
                            prep.right_features(i, t1, &r[si], &mut feats);
                        }
                        if epoch == 0 {
                            model.count(&feats);
                        }
                        model.score(&feats, &mut scores);
                        let mut best = 0;
                        for (k, &s) in scores.iter().enumerate() {
                            if s > scores[best] {
                                best = k;
                            }
                        }
                        let guess = best as u16;
                        model.update(truth, guess, &feats);
                        guess
                    };
                    (t2, t1) = (t1, guess);
                }
            }
        }
        model.finish(config.min_seen, config.min_weight)
    }

    /// Tags training sentence `si` with `weights` (for the folds of the stacking).
    fn decode(
        &self,
        weights: &Weights,
        data: &Data<'_>,
        si: usize,
        right: Option<&[u16]>,
        prep: &mut Prepared,
    ) -> Vec<u16> {
        prep.fill(&data.words[si], &self.amb, &self.clusters);
        let mut scores = Scores::default();
        let mut feats = Vec::new();
        let mut out = Vec::with_capacity(data.words[si].len());
        let (mut t1, mut t2) = (u16::MAX, u16::MAX);
        for i in 0..data.words[si].len() {
            let c = match data.dict_class[si][i] {
                Some(c) => c,
                None => {
                    feats.clear();
                    feats.extend_from_slice(&data.static_feats[data.starts[si][i]..data.starts[si][i + 1]]);
                    prep.tag_features(i, t1, t2, &mut feats);
                    if let Some(r) = right {
                        prep.right_features(i, t1, r, &mut feats);
                    }
                    weights.score_into(&feats, &mut scores);
                    argmax(&scores.0[..weights.n_classes.min(256)])
                }
            };
            out.push(c);
            (t2, t1) = (t1, c);
        }
        out
    }

    /// Number of model features kept.
    pub fn feature_count(&self) -> usize {
        self.weights.len() + self.second.as_ref().map_or(0, Weights::len)
    }

    /// Tags `words` into `out` (one class per word).
    pub(crate) fn tag_into(&self, words: &[&str], scratch: &mut Scratch, out: &mut Vec<u16>) {
        scratch.prep.fill(words, &self.amb, &self.clusters);
        // What every pass reads and no tag changes, once: the dictionary's classes and the static features.
        scratch.dict.clear();
        scratch.statics.clear();
        scratch.starts.clear();
        for i in 0..words.len() {
            let d = self.tagdict.get(&key(scratch.prep.word(i as isize))).copied();
            scratch.dict.push(d);
            scratch.starts.push(scratch.statics.len());
            if d.is_none() {
                scratch.prep.static_features(i, &mut scratch.statics);
            }
        }
        scratch.starts.push(scratch.statics.len());
        let mut first = std::mem::take(&mut scratch.first);
        self.pass(&self.weights, words.len(), None, scratch, &mut first);
        match &self.second {
            Some(w) => self.pass(w, words.len(), Some(&first), scratch, out),
            None => std::mem::swap(out, &mut first),
        }
        scratch.first = first;
    }

    fn pass(&self, weights: &Weights, n: usize, right: Option<&[u16]>, scratch: &mut Scratch, out: &mut Vec<u16>) {
        out.clear();
        let (mut t1, mut t2) = (u16::MAX, u16::MAX);
        let statics = |s: &Scratch, i: usize| s.starts.get(i).zip(s.starts.get(i + 1)).map_or(0..0, |(&a, &b)| a..b);
        for i in 0..n {
            // The next word's static features are known now: their misses overlap this word's scoring.
            weights.prefetch(&scratch.statics[statics(scratch, i + 1)]);
            let c = match scratch.dict[i] {
                Some(c) => c,
                None => {
                    scratch.feats.clear();
                    scratch.feats.extend_from_slice(&scratch.statics[statics(scratch, i)]);
                    scratch.prep.tag_features(i, t1, t2, &mut scratch.feats);
                    if let Some(r) = right {
                        scratch.prep.right_features(i, t1, r, &mut scratch.feats);
                    }
                    weights.score_into(&scratch.feats, &mut scratch.scores);
                    argmax(&scratch.scores.0[..weights.n_classes.min(256)])
                }
            };
            out.push(c);
            (t2, t1) = (t1, c);
        }
    }

    /// The UPOS of a class.
    pub(crate) fn upos(&self, c: u16) -> &str {
        &self.classes[c as usize].upos
    }

    /// The XPOS of a class.
    pub(crate) fn xpos(&self, c: u16) -> &str {
        &self.classes[c as usize].xpos
    }

    /// The full FEATS of `form` tagged with class `c`.
    pub(crate) fn feats(&self, form: &str, c: u16, scratch: &mut String) -> &str {
        scratch.clear();
        scratch.extend(form.chars().flat_map(char::to_lowercase));
        let id = self.feats_dict.get(&key2(scratch, u64::from(c))).copied().unwrap_or(self.class_feats[c as usize]);
        &self.feats_names[id as usize]
    }

    /// The lemma of `form` tagged with class `c`: from the dictionary, or appended to `buf` (returns `None`).
    pub(crate) fn lemma<'a>(&'a self, form: &str, c: u16, buf: &mut String) -> Option<&'a str> {
        match self.lemmas.lemma(form, self.class_xpos[c as usize], buf) {
            Found::Dict(l) => Some(l),
            Found::Built => None,
        }
    }

    /// Tags every sentence, filling LEMMA, UPOS, XPOS and FEATS (other columns are kept).
    pub fn tag_sentences(&self, sentences: &mut [Sentence]) {
        let mut scratch = Scratch::default();
        let mut classes = Vec::new();
        let mut buf = String::new();
        let mut words: Vec<String> = Vec::new();
        for s in sentences {
            words.clear();
            words.extend(s.words.iter().map(|w| w.form.clone()));
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            self.tag_into(&refs, &mut scratch, &mut classes);
            for (w, &c) in s.words.iter_mut().zip(&classes) {
                w.upos = self.upos(c).to_string();
                w.xpos = self.xpos(c).to_string();
                w.feats = self.feats(&w.form, c, &mut buf).to_string();
                buf.clear();
                w.lemma = match self.lemma(&w.form, c, &mut buf) {
                    Some(l) => l.to_string(),
                    None => buf.clone(),
                };
            }
        }
    }

    /// Writes the tagger section of the model file.
    pub(crate) fn write_to(&self, out: &mut Vec<u8>) {
        put_u32(out, self.classes.len() as u32);
        for (c, (&x, &f)) in self.classes.iter().zip(self.class_xpos.iter().zip(&self.class_feats)) {
            put_str(out, &c.upos);
            put_str(out, &c.xpos);
            put_str(out, &c.feats);
            put_u16(out, x);
            put_u32(out, f);
        }
        for names in [&self.xpos_names, &self.feats_names] {
            put_u32(out, names.len() as u32);
            for n in names {
                put_str(out, n);
            }
        }
        let sorted = |m: &HashMap64<u32>| {
            let mut v: Vec<(u64, u32)> = m.iter().map(|(&k, &v)| (k, v)).collect();
            v.sort_unstable();
            v
        };
        let tagdict: HashMap64<u32> = self.tagdict.iter().map(|(&k, &v)| (k, u32::from(v))).collect();
        let clusters: HashMap64<u32> = self.clusters.iter().map(|(&k, &v)| (k, u32::from(v))).collect();
        for m in [&self.feats_dict, &tagdict, &self.amb, &clusters] {
            let v = sorted(m);
            put_u32(out, v.len() as u32);
            for (k, x) in v {
                put_u64(out, k);
                put_u32(out, x);
            }
        }
        self.weights.write_to(out);
        match &self.second {
            None => out.push(0),
            Some(w) => {
                out.push(1);
                w.write_to(out);
            }
        }
        self.lemmas.write_to(out);
    }

    /// Reads the tagger section of the model file.
    pub(crate) fn read_from(r: &mut &[u8]) -> Result<Tagger, ModelError> {
        let n = get_len(r, 16, "tagger classes")?;
        let mut t = Tagger::default();
        for _ in 0..n {
            let upos = get_str(r, "class")?;
            let xpos = get_str(r, "class")?;
            let feats = get_str(r, "class")?;
            t.classes.push(Class { upos, xpos, feats });
            t.class_xpos.push(get_u16(r, "class")?);
            t.class_feats.push(get_u32(r, "class")?);
        }
        for names in [&mut t.xpos_names, &mut t.feats_names] {
            let n = get_len(r, 4, "tag names")?;
            for _ in 0..n {
                names.push(get_str(r, "tag name")?);
            }
        }
        let mut maps = [HashMap64::default(), HashMap64::default(), HashMap64::default(), HashMap64::default()];
        for m in &mut maps {
            let n = get_len(r, 12, "tagger dictionary")?;
            m.reserve(n);
            for _ in 0..n {
                let k = get_u64(r, "dictionary key")?;
                m.insert(k, get_u32(r, "dictionary value")?);
            }
        }
        let [feats_dict, tagdict, amb, clusters] = maps;
        t.clusters = clusters.into_iter().map(|(k, v)| (k, v.min(u32::from(u16::MAX - 1)) as u16)).collect();
        t.feats_dict = feats_dict;
        t.tagdict = tagdict.into_iter().map(|(k, v)| (k, v as u16)).collect();
        t.amb = amb;
        t.weights = Weights::read_from(r)?;
        t.second = match crate::model::get_u8(r, "second pass flag")? {
            0 => None,
            1 => Some(Weights::read_from(r)?),
            f => return Err(ModelError::Corrupt(format!("second pass flag {f}"))),
        };
        t.lemmas = Lemmatizer::read_from(r)?;
        let nc = t.classes.len();
        let bad = t.class_xpos.iter().any(|&x| x as usize >= t.xpos_names.len())
            || t.class_feats.iter().chain(t.feats_dict.values()).any(|&f| f as usize >= t.feats_names.len())
            || t.tagdict.values().any(|&c| c as usize >= nc)
            || t.weights.n_classes != nc
            || t.second.as_ref().is_some_and(|w| w.n_classes != nc)
            || nc == 0;
        if bad {
            return Err(ModelError::Corrupt("tagger tables point outside their lists".into()));
        }
        Ok(t)
    }
}

/// k-fold predicted tags for training sentences: sentence `i` is tagged by a tagger trained on the folds that do
/// not hold it (fold = `i % folds`), so a parser trained on the result sees tags as noisy as at run time.
/// Returns copies of the sentences with LEMMA, UPOS, XPOS and FEATS predicted; heads and relations stay gold.
pub fn jackknife(sentences: &[Sentence], folds: usize, config: &TrainConfig) -> Vec<Sentence> {
    let folds = folds.max(2);
    let mut out: Vec<Sentence> = sentences.to_vec();
    for k in 0..folds {
        let train: Vec<Sentence> =
            sentences.iter().enumerate().filter(|(i, _)| i % folds != k).map(|(_, s)| s.clone()).collect();
        let tagger = Tagger::train(&train, config);
        let mut held: Vec<Sentence> =
            sentences.iter().enumerate().filter(|(i, _)| i % folds == k).map(|(_, s)| s.clone()).collect();
        tagger.tag_sentences(&mut held);
        for (j, s) in held.into_iter().enumerate() {
            out[k + j * folds] = s;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conllu::read_conllu;

    const TINY: &str = "1\tThe\tthe\tDET\tDT\tDefinite=Def|PronType=Art\t2\tdet\t_\t_\n\
2\tcats\tcat\tNOUN\tNNS\tNumber=Plur\t3\tnsubj\t_\t_\n\
3\tslept\tsleep\tVERB\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t0\troot\t_\t_\n\
4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n\
1\tA\ta\tDET\tDT\tDefinite=Ind|PronType=Art\t2\tdet\t_\t_\n\
2\tdog\tdog\tNOUN\tNN\tNumber=Sing\t3\tnsubj\t_\t_\n\
3\tbarked\tbark\tVERB\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t0\troot\t_\t_\n\
4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n";

    #[test]
    fn predicted_feats_keep_only_the_six() {
        assert_eq!(predicted_feats("Case=Nom|Number=Sing|Person=1|PronType=Prs"), "Number=Sing|Person=1");
        assert_eq!(predicted_feats("Definite=Def|PronType=Art"), "_");
        assert_eq!(predicted_feats("_"), "_");
    }

    #[test]
    fn learns_a_tiny_treebank_round_trips_and_jackknifes() {
        let sents = read_conllu(TINY).unwrap();
        let config = TrainConfig { min_seen: 1, min_weight: 0.0, ..TrainConfig::default() };
        let t = Tagger::train(&sents, &config);
        let mut again = sents.clone();
        t.tag_sentences(&mut again);
        for (a, b) in again.iter().flat_map(|s| &s.words).zip(sents.iter().flat_map(|s| &s.words)) {
            assert_eq!((&a.upos, &a.xpos, &a.lemma, &a.feats), (&b.upos, &b.xpos, &b.lemma, &b.feats));
        }
        let mut bytes = Vec::new();
        t.write_to(&mut bytes);
        let t2 = Tagger::read_from(&mut bytes.as_slice()).unwrap();
        let mut again2 = sents.clone();
        t2.tag_sentences(&mut again2);
        assert_eq!(again, again2);
        assert!(Tagger::read_from(&mut &bytes[..bytes.len() / 2]).is_err());
        let j = jackknife(&sents, 2, &config);
        assert_eq!(j.len(), 2);
        assert_eq!(j[1].words[1].form, "dog");
        assert_eq!(j[1].words[1].head, Some(3));
    }
}
