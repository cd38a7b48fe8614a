//! Syntax: part-of-speech tags, UD features, lemmas and a labelled dependency tree for each sentence.
//!
//! Job: given a sentence's words, predict UPOS, the Penn tag (XPOS), the UD features (FEATS), the lemma, and each
//! word's head and Universal Dependencies relation (with subtypes such as `nsubj:pass`); score such predictions
//! ([`eval`]); and read and write CoNLL-U ([`conllu`]) and the model file ([`model`]).
//!
//! Key design decision: small linear models trained here from UD English-EWT (an averaged-perceptron tagger and a
//! greedy transition parser), stored as one file, `data/syntax.model`, so that parsing needs no download, no GPU and
//! no foreign runtime, and runs at thousands of sentences per second on one core. The model file is embedded in the
//! binary with `include_bytes!` ([`Analyzer::embedded`]) rather than loaded by path: like every other dictionary of
//! the project it then travels with the binary, works from any directory, cannot be out of step with the code that
//! reads it, and costs no file I/O; reading it is parsing a few MB of flat tables. A model trained elsewhere can
//! still be loaded with [`model::Model::from_bytes`]. An empty `data/syntax.model` builds, and reading it says that
//! no model has been trained.
#![deny(missing_docs)]

pub mod conllu;
pub mod eval;
pub mod model;
pub mod parser;
pub mod tagger;

pub use conllu::{ConlluError, Multiword, Sentence, Word, read_conllu, write_conllu};
pub use model::{Model, ModelError};
pub use parser::{Parser, TrainOptions};
pub use tagger::{Tagger, TrainConfig, jackknife};

/// Where a string of an analysed word lives: in the model, or in the analysis's own buffer.
#[derive(Debug, Clone, Copy)]
enum Str<'m> {
    Model(&'m str),
    Buf(u32, u32),
}

#[derive(Debug, Clone, Copy)]
struct Slot<'m> {
    class: u16,
    feats: &'m str,
    lemma: Str<'m>,
    head: Option<usize>,
    deprel: Str<'m>,
}

/// The analysis of one sentence: per word UPOS, XPOS, FEATS, lemma and, when the model has a parser, head and
/// relation. Strings point into the model or into one buffer per sentence.
#[derive(Debug, Clone)]
pub struct Analysis<'m> {
    model: &'m Model,
    slots: Vec<Slot<'m>>,
    buf: String,
}

/// One analysed word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnalyzedWord<'a> {
    /// Universal part of speech.
    pub upos: &'a str,
    /// Penn Treebank tag.
    pub xpos: &'a str,
    /// UD features (`_` when none).
    pub feats: &'a str,
    /// Lemma.
    pub lemma: &'a str,
    /// Head: 0 for the root, else the 1-based index of the head word; `None` without a parser.
    pub head: Option<usize>,
    /// UD relation with its subtype (`_` without a parser).
    pub deprel: &'a str,
}

impl<'m> Analysis<'m> {
    fn resolve<'a>(&'a self, s: Str<'m>) -> &'a str {
        match s {
            Str::Model(m) => m,
            Str::Buf(a, b) => &self.buf[a as usize..b as usize],
        }
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Whether the sentence has no words.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Word `i` (0-based).
    pub fn word(&self, i: usize) -> Option<AnalyzedWord<'_>> {
        let s = self.slots.get(i)?;
        let t = &self.model.tagger;
        Some(AnalyzedWord {
            upos: t.upos(s.class),
            xpos: t.xpos(s.class),
            feats: s.feats,
            lemma: self.resolve(s.lemma),
            head: s.head,
            deprel: self.resolve(s.deprel),
        })
    }

    /// The words in order.
    pub fn iter(&self) -> impl Iterator<Item = AnalyzedWord<'_>> {
        (0..self.len()).filter_map(|i| self.word(i))
    }
}

/// Tags of one word as the parser reads them.
struct ParserTags<'a> {
    upos: &'a str,
    xpos: &'a str,
    lemma: &'a str,
}

impl parser::Tagged for ParserTags<'_> {
    fn upos(&self) -> &str {
        self.upos
    }
    fn xpos(&self) -> &str {
        self.xpos
    }
    fn lemma(&self) -> &str {
        self.lemma
    }
}

/// Analyses sentences with a [`Model`].
#[derive(Debug, Clone)]
pub struct Analyzer {
    model: Model,
}

impl Analyzer {
    /// An analyser using `model`.
    pub fn new(model: Model) -> Analyzer {
        Analyzer { model }
    }

    /// An analyser using the model embedded in this build (`data/syntax.model`).
    pub fn embedded() -> Result<Analyzer, ModelError> {
        Ok(Analyzer::new(Model::embedded()?))
    }

    /// The model.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Analyses one sentence given as its words (UD tokens). Never fails: any string is a word, even an empty one.
    pub fn analyze(&self, words: &[&str]) -> Analysis<'_> {
        let tagger = &self.model.tagger;
        let mut scratch = tagger::Scratch::default();
        let mut classes = Vec::with_capacity(words.len());
        tagger.tag_into(words, &mut scratch, &mut classes);
        let mut buf = String::new();
        let mut lower = String::new();
        let mut slots = Vec::with_capacity(words.len());
        for (w, &c) in words.iter().zip(&classes) {
            let start = buf.len();
            let lemma = match tagger.lemma(w, c, &mut buf) {
                Some(l) => Str::Model(l),
                None => Str::Buf(start as u32, buf.len() as u32),
            };
            let feats = tagger.feats(w, c, &mut lower);
            slots.push(Slot { class: c, feats, lemma, head: None, deprel: Str::Model("_") });
        }
        let mut analysis = Analysis { model: &self.model, slots, buf };
        if let Some(p) = &self.model.parser {
            let tags: Vec<ParserTags<'_>> = (0..words.len())
                .map(|i| {
                    let s = analysis.slots[i];
                    ParserTags {
                        upos: tagger.upos(s.class),
                        xpos: tagger.xpos(s.class),
                        lemma: analysis.resolve(s.lemma),
                    }
                })
                .collect();
            let mut labels = String::new();
            let mut parsed: Vec<(usize, u32, u32)> = Vec::with_capacity(words.len());
            p.parse_tokens(words, &tags, &mut parser::Scratch::default(), |_, head, label| {
                let a = labels.len() as u32;
                labels.push_str(label);
                parsed.push((head, a, labels.len() as u32));
            });
            drop(tags);
            let offset = analysis.buf.len() as u32;
            analysis.buf.push_str(&labels);
            for (slot, (head, a, b)) in analysis.slots.iter_mut().zip(parsed) {
                slot.head = Some(head);
                slot.deprel = Str::Buf(offset + a, offset + b);
            }
        }
        analysis
    }

    /// Fills LEMMA, UPOS, XPOS, FEATS and (with a parser) HEAD and DEPREL of every word of a CoNLL-U sentence,
    /// keeping its forms, comments, multiword ranges, DEPS and MISC.
    pub fn annotate(&self, sentence: &mut Sentence) {
        let forms: Vec<String> = sentence.words.iter().map(|w| w.form.clone()).collect();
        let refs: Vec<&str> = forms.iter().map(String::as_str).collect();
        let a = self.analyze(&refs);
        let parsed = self.model.has_parser();
        for (w, x) in sentence.words.iter_mut().zip(a.iter()) {
            w.upos = x.upos.to_string();
            w.xpos = x.xpos.to_string();
            w.feats = x.feats.to_string();
            w.lemma = x.lemma.to_string();
            if parsed {
                w.head = x.head;
                w.deprel = x.deprel.to_string();
            }
        }
    }
}
