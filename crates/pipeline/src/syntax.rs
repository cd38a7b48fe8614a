//! The event coder's parser: the syntax model embedded in this build, read once, giving [`dyad_events::Tree`]s
//! over UD tokens with byte spans.

use dyad_core::Span;
use dyad_events::{Parse, Rel, Tree, TreeWord};
use dyad_syntax::Analyzer;
use std::sync::LazyLock;

/// The embedded model, when it has a parser (an empty `data/syntax.model` gives none).
static ANALYZER: LazyLock<Option<TreeParser>> = LazyLock::new(|| {
    Analyzer::embedded().ok().filter(|a| a.model().has_parser()).map(|analyzer| TreeParser { analyzer })
});

/// Parses sentences with the embedded model.
pub(crate) struct TreeParser {
    analyzer: Analyzer,
}

/// The parser of this build, if its model has one.
pub(crate) fn parser() -> Option<&'static dyn Parse> {
    ANALYZER.as_ref().map(|p| p as &dyn Parse)
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
