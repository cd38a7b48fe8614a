//! The event coder's parser: the syntax model embedded in this build, read once, giving [`dyad_events::Tree`]s
//! over UD tokens with byte spans, read from the sentence's text tokens ([`dyad_text::ud_words`]): the sentence is
//! tokenised once, by the text stage.

use dyad_events::{Parse, Rel, Tree, TreeWord};
use dyad_syntax::Analyzer;
use dyad_syntax::biaffine::{NnParser, Workspace};
use dyad_text::Tokens;
use std::sync::OnceLock;

/// The model the tree pass parses with: by default the embedded one, when it has a parser (an empty
/// `data/syntax.model` gives none).
static ANALYZER: OnceLock<Option<TreeParser>> = OnceLock::new();

/// Makes the tree pass parse with `model` instead of the embedded one (e.g. a model file just trained, read with
/// [`dyad_syntax::Model::from_bytes`]). Only before the first sentence is parsed: afterwards, or given a model
/// without a parser, it changes nothing and returns `false`.
pub fn use_syntax_model(model: dyad_syntax::Model) -> bool {
    model.has_parser() && ANALYZER.set(Some(TreeParser { analyzer: Analyzer::new(model), nn: None })).is_ok()
}

/// The environment variable that names a model file for the tree pass in tests (to measure a model before it is
/// committed): read by [`use_syntax_model_from_env`].
pub const SYNTAX_MODEL_VAR: &str = "DYAD_SYNTAX_MODEL";

/// Why a model file could not become the tree pass's parser.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelFileError {
    /// The file could not be read.
    #[error("{path}: {reason}")]
    Read {
        /// The file.
        path: String,
        /// The I/O error.
        reason: String,
    },
    /// The file is not a syntax model.
    #[error("{path}: {reason}")]
    Model {
        /// The file.
        path: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The model has no parser, or a sentence was parsed before it could be installed.
    #[error("{path}: the model has no parser, or the tree pass already parses with another")]
    NotInstalled {
        /// The file.
        path: String,
    },
}

/// Reads the model file at `path` and makes the tree pass parse with it ([`use_syntax_model`]).
pub fn use_syntax_model_file(path: &std::path::Path) -> Result<(), ModelFileError> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| ModelFileError::Read { path: name.clone(), reason: e.to_string() })?;
    let model = dyad_syntax::Model::from_bytes(&bytes)
        .map_err(|e| ModelFileError::Model { path: name.clone(), reason: e.to_string() })?;
    if use_syntax_model(model) { Ok(()) } else { Err(ModelFileError::NotInstalled { path: name }) }
}

/// Installs the model file named by [`SYNTAX_MODEL_VAR`], if it is set, once per process whichever caller comes
/// first (tests run in threads), before any sentence is parsed. `Ok(true)` when a file is installed, `Ok(false)`
/// when the variable is unset; every caller gets the first call's answer.
pub fn use_syntax_model_from_env() -> Result<bool, ModelFileError> {
    static INSTALLED: OnceLock<Result<bool, ModelFileError>> = OnceLock::new();
    INSTALLED
        .get_or_init(|| match std::env::var_os(SYNTAX_MODEL_VAR) {
            Some(path) => use_syntax_model_file(std::path::Path::new(&path)).map(|()| true),
            None => Ok(false),
        })
        .clone()
}

/// Longer sentences keep the perceptron's tree (already computed with the tags): the biaffine forward pass costs
/// about 0.15 ms a word, so a 5,000-word "sentence" (a table or a list read as one) would take a second.
const NN_MAX_WORDS: usize = 200;

/// Makes the tree pass parse with the biaffine parser embedded in this build (the `nn` section of
/// `data/syntax.model`, tags still from its tagger; sentences over 200 words keep the perceptron's tree): slower,
/// more accurate. Only before the first sentence is parsed; returns `false` when too late or when the embedded model
/// file has no tagger or no `nn` section.
pub fn use_nn_parser() -> bool {
    let Ok(nn) = NnParser::embedded() else { return false };
    let Ok(analyzer) = Analyzer::embedded() else { return false };
    ANALYZER.set(Some(TreeParser { analyzer, nn: Some(nn) })).is_ok()
}

/// Like [`use_nn_parser`] with another model file's tagger (`model`) and biaffine parser (`nn`, from the same
/// file's `nn` section: [`NnParser::from_model_file`]). Returns `false` when too late. A `model` with no perceptron
/// parser gives sentences over the nn parser's length no tree (word order codes them), never a tree of roots.
pub fn use_nn_parser_of(model: dyad_syntax::Model, nn: NnParser) -> bool {
    ANALYZER.set(Some(TreeParser { analyzer: Analyzer::new(model), nn: Some(nn) })).is_ok()
}

/// Parses sentences with the embedded model, or its tags and the biaffine parser.
pub(crate) struct TreeParser {
    analyzer: Analyzer,
    nn: Option<NnParser>,
}

/// The parser of this build, if its model has one.
pub(crate) fn parser() -> Option<&'static dyn Parse> {
    ANALYZER
        .get_or_init(|| {
            Analyzer::embedded()
                .ok()
                .filter(|a| a.model().has_parser())
                .map(|analyzer| TreeParser { analyzer, nn: None })
        })
        .as_ref()
        .map(|p| p as &dyn Parse)
}

/// The dependency parser the coder's tree pass uses (the perceptron parser of the embedded or chosen model),
/// for a caller that reads trees beside the coder (the learned event model's features); `None` when the
/// model has no parser.
pub fn tree_parser() -> Option<&'static dyn Parse> {
    parser()
}

impl Parse for TreeParser {
    fn parse(&self, text: &str, tokens: &Tokens) -> Option<Tree> {
        let spans = dyad_text::ud_words(text, tokens.as_slice().iter().map(|t| t.span));
        let words: Vec<&str> = spans.iter().filter_map(|s| s.slice(text)).collect();
        if words.len() != spans.len() || words.is_empty() {
            return None;
        }
        if let Some(nn) = self.nn.as_ref().filter(|_| words.len() <= NN_MAX_WORDS) {
            let analysis = self.analyzer.tag(&words);
            thread_local! {
                static WS: std::cell::RefCell<Workspace> = Default::default();
            }
            return WS.with(|ws| {
                let mut ws = ws.try_borrow_mut().ok()?;
                nn.parse(&mut ws, words.iter().zip(analysis.iter()).map(|(w, a)| (*w, a.upos, a.xpos)));
                let tree = spans
                    .iter()
                    .zip(ws.heads().iter().zip(ws.labels()))
                    .map(|(&span, (&h, &l))| TreeWord { span, head: h.checked_sub(1), rel: Rel::from_ud(nn.label(l)) })
                    .collect();
                Some(Tree::new(tree))
            });
        }
        if !self.analyzer.model().has_parser() {
            return None;
        }
        let analysis = self.analyzer.analyze(&words);
        let tree = spans
            .iter()
            .zip(analysis.iter())
            .map(|(&span, w)| TreeWord {
                span,
                head: w.head.and_then(|h| h.checked_sub(1)),
                rel: Rel::from_ud(w.deprel),
            })
            .collect();
        Some(Tree::new(tree))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_core::Span;

    /// The text tokens of all of `text`.
    fn tokens(text: &str) -> Tokens {
        dyad_text::tokenize(text, Span::new(text, 0, text.len()).expect("span"))
    }

    fn parsers() -> (TreeParser, TreeParser) {
        let a = || Analyzer::embedded().expect("syntax model");
        let nn = NnParser::embedded().expect("nn model");
        (TreeParser { analyzer: a(), nn: None }, TreeParser { analyzer: a(), nn: Some(nn) })
    }

    #[test]
    fn a_model_file_that_is_missing_or_not_a_model_is_an_error_naming_it() {
        let missing = std::path::Path::new("/nonexistent/dyad-syntax.model");
        let err = use_syntax_model_file(missing).expect_err("missing file");
        assert!(matches!(err, ModelFileError::Read { .. }) && err.to_string().contains("dyad-syntax.model"), "{err}");
        let junk = std::env::temp_dir().join(format!("dyad-junk-{}.model", std::process::id()));
        std::fs::write(&junk, b"not a model").expect("temp file");
        let err = use_syntax_model_file(&junk).expect_err("junk file");
        let _ = std::fs::remove_file(&junk);
        assert!(matches!(err, ModelFileError::Model { .. }), "{err}");
    }

    #[test]
    fn the_nn_parser_gives_trees_and_long_sentences_keep_the_perceptron() {
        let (perceptron, nn) = parsers();
        let text = "Rebels attacked the town of Kunduz on Monday, officials said.";
        let whole = tokens(text);
        let tree = nn.parse(text, &whole).expect("a tree");
        assert_eq!(tree.len(), 12);
        assert_eq!(nn.parse(text, &whole).expect("a tree"), tree, "same input, same tree");
        let long = "troops and rebels ".repeat(80);
        let all = tokens(&long);
        assert_eq!(nn.parse(&long, &all), perceptron.parse(&long, &all), "over 200 words: the perceptron's tree");
    }

    #[test]
    fn without_a_perceptron_parser_long_sentences_get_no_tree() {
        let bytes = dyad_syntax::Model::embedded_bytes();
        let mut file = dyad_syntax::ModelFile::read(bytes).expect("model file");
        file.set(dyad_syntax::Section::Parser, None);
        let model = dyad_syntax::Model::from_bytes(&file.to_bytes()).expect("tagger-only model");
        assert!(!model.has_parser());
        let nn = TreeParser { analyzer: Analyzer::new(model), nn: Some(NnParser::embedded().expect("nn model")) };
        let text = "Rebels attacked the town of Kunduz on Monday, officials said.";
        assert!(nn.parse(text, &tokens(text)).is_some());
        let long = "troops and rebels ".repeat(80);
        assert_eq!(nn.parse(&long, &tokens(&long)), None);
    }
}
