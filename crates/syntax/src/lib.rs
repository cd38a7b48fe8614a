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
//! A slower, more accurate graph-based parser ([`biaffine::NnParser`], a BiLSTM with biaffine scoring) is an optional
//! section of the same file ([`model::ModelFile`]: named, length-prefixed sections), used only when asked for.
#![deny(missing_docs)]

pub mod biaffine;
pub mod conllu;
pub mod eval;
pub mod model;
pub mod parser;
mod table;
pub mod tagger;

pub use conllu::{
    ConlluError, Multiword, Sentence, TreebankError, Word, read_conllu, read_conllu_file, treebank_file, write_conllu,
};
pub use model::{Model, ModelError, ModelFile, Section};
pub use parser::{Parser, TrainOptions};
pub use tagger::{Tagger, TrainConfig, jackknife};

/// Trains a model from a treebank's training sentences: the tagger, then, when this build has a parser, the parser
/// on jackknifed (k-fold predicted) tags. `unlabelled` sentences (lists of words) feed the word clusters; `silver`
/// sentences (parsed by another parser, with their own tags) are added to the parser's training sentences
/// ([`parser::train_for_model`]). Deterministic for the same sentences and configuration; `log` hears one line per
/// stage.
pub fn train_model(
    train: &[Sentence],
    unlabelled: &[Vec<&str>],
    silver: &[Sentence],
    config: &TrainConfig,
    log: &mut dyn FnMut(&str),
) -> Model {
    log("training the tagger");
    let mut model = Model::new(Tagger::train_with_text(train, unlabelled, config));
    model.parser = parser::train_for_model(train, silver, config, log);
    model
}

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
pub struct AnalyzedSentence<'m> {
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

impl<'m> AnalyzedSentence<'m> {
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
    pub fn analyze(&self, words: &[&str]) -> AnalyzedSentence<'_> {
        self.analyze_maybe_parse(words, true)
    }

    /// Like [`Self::analyze`] without the parse: tags, features and lemmas, every head `None` and relation `_` (for a
    /// caller that parses with another parser, such as [`biaffine::NnParser`]).
    pub fn tag(&self, words: &[&str]) -> AnalyzedSentence<'_> {
        self.analyze_maybe_parse(words, false)
    }

    fn analyze_maybe_parse(&self, words: &[&str], parse: bool) -> AnalyzedSentence<'_> {
        // The tagger's and parser's buffers are kept per thread, so that a sentence allocates only its analysis.
        thread_local! {
            static SCRATCH: std::cell::RefCell<(tagger::Scratch, parser::Scratch)> = Default::default();
        }
        SCRATCH.with(|s| match s.try_borrow_mut() {
            Ok(mut s) => {
                let (t, p) = &mut *s;
                self.analyze_with(words, t, p, parse)
            }
            Err(_) => self.analyze_with(words, &mut Default::default(), &mut Default::default(), parse),
        })
    }

    fn analyze_with(
        &self,
        words: &[&str],
        scratch: &mut tagger::Scratch,
        parse_scratch: &mut parser::Scratch,
        parse: bool,
    ) -> AnalyzedSentence<'_> {
        let tagger = &self.model.tagger;
        let mut classes = Vec::with_capacity(words.len());
        tagger.tag_into(words, scratch, &mut classes);
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
        let mut analysis = AnalyzedSentence { model: &self.model, slots, buf };
        if let Some(p) = self.model.parser.as_ref().filter(|_| parse) {
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
            p.parse_tokens(words, &tags, parse_scratch, |_, head, label| {
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

    /// Analyses the words of one sentence of running text into a CoNLL-U sentence with the given `comments`.
    /// `offsets` are each word's byte range in the text: MISC gets `Offset=start:end`, and `SpaceAfter=No` where
    /// the next word starts where this one ends.
    pub fn sentence(&self, words: &[&str], offsets: &[(usize, usize)], comments: Vec<String>) -> Sentence {
        let analysis = self.analyze(words);
        let mut s = Sentence { comments, ..Sentence::default() };
        for (i, ((&(start, end), a), form)) in offsets.iter().zip(analysis.iter()).zip(words).enumerate() {
            let space_after = offsets.get(i + 1).is_none_or(|&(next, _)| next > end);
            let mut misc = format!("Offset={start}:{end}");
            if !space_after {
                misc.push_str("|SpaceAfter=No");
            }
            s.words.push(Word {
                lemma: a.lemma.to_string(),
                upos: a.upos.to_string(),
                xpos: a.xpos.to_string(),
                feats: a.feats.to_string(),
                head: a.head,
                deprel: a.deprel.to_string(),
                misc,
                ..Word::new(form)
            });
        }
        s
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::sync::LazyLock;

    const TINY: &str = "1\tKim\tKim\tPROPN\tNNP\tNumber=Sing\t2\tnsubj\t_\t_\n\
2\tvisited\tvisit\tVERB\tVBD\tMood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin\t0\troot\t_\t_\n\
3\tSeoul\tSeoul\tPROPN\tNNP\tNumber=Sing\t2\tobj\t_\t_\n\
4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n\
1\tTalks\ttalk\tNOUN\tNNS\tNumber=Plur\t3\tnsubj:pass\t_\t_\n\
2\twere\tbe\tAUX\tVBD\tMood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin\t3\taux:pass\t_\t_\n\
3\theld\thold\tVERB\tVBN\tTense=Past|VerbForm=Part|Voice=Pass\t0\troot\t_\t_\n\n";

    /// A tiny model (tagger and parser) trained from `TINY`.
    pub(crate) static MODEL: LazyLock<Vec<u8>> = LazyLock::new(|| {
        let sents = read_conllu(TINY).unwrap();
        let config =
            TrainConfig { min_seen: 1, min_weight: 0.0, min_known: 1, folds: 2, clusters: 2, ..TrainConfig::default() };
        train_model(&sents, &[], &[], &config, &mut |_| {}).to_bytes()
    });

    /// `parser_beam` gives a model whose parser decodes with that beam, kept through the model file.
    #[test]
    fn a_beam_parser_model_keeps_its_width() {
        let sents = read_conllu(TINY).unwrap();
        let config =
            TrainConfig { min_seen: 1, min_weight: 0.0, min_known: 1, parser_beam: 4, ..TrainConfig::default() };
        let bytes = train_model(&sents, &[], &[], &config, &mut |_| {}).to_bytes();
        let model = Model::from_bytes(&bytes).unwrap();
        assert_eq!(model.parser().map(Parser::beam_width), Some(4));
        assert_eq!(model.to_bytes(), bytes);
        let a = Analyzer::new(model);
        let s = a.analyze(&["Kim", "visited", "Seoul", "."]);
        assert_eq!(s.iter().filter(|w| w.head == Some(0)).count(), 1, "one root");
        let shipped = Model::from_bytes(&MODEL).unwrap();
        assert_eq!(shipped.parser().map(Parser::beam_width), Some(1));
    }

    #[test]
    fn model_round_trips_and_analyses() {
        let model = Model::from_bytes(&MODEL).unwrap();
        assert!(model.has_parser());
        assert_eq!(model.to_bytes(), *MODEL);
        let a = Analyzer::new(model);
        let s = a.analyze(&["Kim", "visited", "Seoul", "."]);
        let w = s.word(1).unwrap();
        assert_eq!((w.upos, w.xpos, w.lemma), ("VERB", "VBD", "visit"));
        assert_eq!(s.iter().filter(|w| w.head == Some(0)).count(), 1, "one root");
        assert!(s.iter().all(|w| w.head.is_some() && w.deprel != "_"));
        assert_eq!(s.word(0).unwrap().upos, "PROPN");
        assert!(s.word(4).is_none());
        let mut sent = read_conllu(TINY).unwrap().remove(1);
        a.annotate(&mut sent);
        assert_eq!(sent.words[2].lemma, "hold");
        assert_eq!(sent.words.iter().filter(|w| w.head == Some(0)).count(), 1);
    }

    #[test]
    fn tagging_alone_gives_the_same_tags_and_no_tree() {
        let a = Analyzer::new(Model::from_bytes(&MODEL).unwrap());
        let words = ["Kim", "visited", "Seoul", "."];
        let (tagged, parsed) = (a.tag(&words), a.analyze(&words));
        assert_eq!(tagged.len(), 4);
        for (t, p) in tagged.iter().zip(parsed.iter()) {
            assert_eq!((t.upos, t.xpos, t.feats, t.lemma), (p.upos, p.xpos, p.feats, p.lemma));
            assert_eq!((t.head, t.deprel), (None, "_"));
        }
    }

    #[test]
    fn running_text_becomes_a_conllu_sentence() {
        let a = Analyzer::new(Model::from_bytes(&MODEL).unwrap());
        let s = a.sentence(
            &["Kim", "visited", "Seoul", "."],
            &[(0, 3), (4, 11), (12, 17), (17, 18)],
            vec!["# sent_id = 1".into()],
        );
        assert_eq!(s.comments, ["# sent_id = 1"]);
        let misc: Vec<&str> = s.words.iter().map(|w| w.misc.as_str()).collect();
        assert_eq!(misc, ["Offset=0:3", "Offset=4:11", "Offset=12:17|SpaceAfter=No", "Offset=17:18"]);
        assert_eq!((s.words[1].form.as_str(), s.words[1].lemma.as_str()), ("visited", "visit"));
        assert_eq!(s.words.iter().filter(|w| w.head == Some(0)).count(), 1);
    }

    #[test]
    fn training_is_deterministic() {
        let sents = read_conllu(TINY).unwrap();
        let config =
            TrainConfig { min_seen: 1, min_weight: 0.0, min_known: 1, folds: 2, clusters: 2, ..TrainConfig::default() };
        assert_eq!(train_model(&sents, &[], &[], &config, &mut |_| {}).to_bytes(), *MODEL);
    }

    proptest! {
        #[test]
        fn any_words_never_panic(words in proptest::collection::vec("\\PC{0,12}|[a-zA-Z'.-]{0,6}", 0..40)) {
            let a = Analyzer::new(Model::from_bytes(&MODEL).unwrap());
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            let s = a.analyze(&refs);
            prop_assert_eq!(s.len(), refs.len());
            for w in s.iter() {
                prop_assert!(!w.upos.is_empty() && !w.xpos.is_empty());
            }
        }

        #[test]
        fn truncated_or_damaged_models_are_errors(cut in 0usize..4000, flip in 0usize..4000) {
            let bytes = &MODEL[..cut.min(MODEL.len())];
            let _ = Model::from_bytes(bytes);
            let mut damaged = MODEL.clone();
            let i = flip % damaged.len();
            damaged[i] ^= 0xff;
            let _ = Model::from_bytes(&damaged);
        }
    }
}
