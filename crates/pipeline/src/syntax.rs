//! The event coder's parser: the syntax model embedded in this build, read once, giving [`dyad_events::Tree`]s
//! over UD tokens with byte spans.

use dyad_core::Span;
use dyad_events::{Parse, Rel, Tree, TreeWord};
use dyad_syntax::Analyzer;
use std::sync::OnceLock;

/// The model the tree pass parses with: by default the embedded one, when it has a parser (an empty
/// `data/syntax.model` gives none).
static ANALYZER: OnceLock<Option<TreeParser>> = OnceLock::new();

/// Makes the tree pass parse with `model` instead of the embedded one (e.g. a model file just trained, read with
/// [`dyad_syntax::Model::from_bytes`]). Only before the first sentence is parsed: afterwards, or given a model
/// without a parser, it changes nothing and returns `false`.
pub fn use_syntax_model(model: dyad_syntax::Model) -> bool {
    model.has_parser() && ANALYZER.set(Some(TreeParser { analyzer: Analyzer::new(model) })).is_ok()
}

/// Parses sentences with the embedded model.
pub(crate) struct TreeParser {
    analyzer: Analyzer,
}

/// The parser of this build, if its model has one.
pub(crate) fn parser() -> Option<&'static dyn Parse> {
    ANALYZER
        .get_or_init(|| {
            Analyzer::embedded().ok().filter(|a| a.model().has_parser()).map(|analyzer| TreeParser { analyzer })
        })
        .as_ref()
        .map(|p| p as &dyn Parse)
}

impl Parse for TreeParser {
    fn parse(&self, text: &str, sentence: Span) -> Option<Tree> {
        let spans = dyad_text::ud_tokens(text, sentence);
        let words: Vec<&str> = spans.iter().filter_map(|s| s.slice(text)).collect();
        if words.len() != spans.len() || words.is_empty() {
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
