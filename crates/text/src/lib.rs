//! Text: an article body as [`split_sentences`] spans and, per sentence, [`Tokens`] (words, numbers,
//! punctuation) with byte spans, normalised forms and [`lemma`]s, which later stages match dictionaries against,
//! and the Universal Dependencies words the parser reads, made from those same tokens ([`ud_words`]): a sentence
//! is tokenised once.
//!
//! Key design decision: rules plus small data files (`data/abbreviations.tsv`, `data/lemmas.tsv`), no statistical
//! model: news prose is regular enough for them, and they keep every offset exact, the output deterministic and
//! the cost to a few allocations per sentence.
#![deny(missing_docs)]

mod lemma;
mod sentence;
mod token;
mod ud;

pub use lemma::{Lemma, LemmaTable, VerbForm, VerbReading, is_known_base, lemma, lemma_key, verb_lemma};
pub use sentence::{DataError, split_sentences, split_sentences_in};
pub use token::{Token, TokenKind, Tokens, token_spans, tokenize};
pub use ud::{ud_tokens, ud_words};

/// A sentence with its tokens, made once per sentence: the unit the actor stage, the time stage and the event coder
/// read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenizedSentence {
    /// 0-based index of the sentence in its text.
    pub index: usize,
    /// Byte span of the sentence in the text.
    pub span: dyad_core::Span,
    /// The sentence's tokens (spans index the whole text).
    pub tokens: Tokens,
}

/// Splits `text` into sentences and tokenises each one.
pub fn sentences(text: &str) -> Vec<TokenizedSentence> {
    split_sentences(text)
        .into_iter()
        .enumerate()
        .map(|(index, span)| TokenizedSentence { index, span, tokens: tokenize(text, span) })
        .collect()
}

/// Splits the part of `text` covered by `within` (one body paragraph of a page) into tokenised sentences whose
/// spans index `text`; `first_index` numbers the first one, so an article's sentences can be numbered across
/// paragraphs.
pub fn sentences_in(text: &str, within: dyad_core::Span, first_index: usize) -> Vec<TokenizedSentence> {
    split_sentences_in(text, within)
        .into_iter()
        .enumerate()
        .map(|(k, span)| TokenizedSentence { index: first_index + k, span, tokens: tokenize(text, span) })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn sentences_carry_tokens() {
        let text = "Kim met Putin. They talked.";
        let s = sentences(text);
        assert_eq!(s.len(), 2);
        assert_eq!(s[1].index, 1);
        assert_eq!(s[1].tokens.norm(0), "they");
        assert_eq!(lemma_key(s[1].tokens.norm(1)), "talk");
        let within = dyad_core::Span::new(text, 15, text.len()).unwrap();
        let t = sentences_in(text, within, 7);
        assert_eq!((t.len(), t[0].index), (1, 7));
        assert_eq!(t[0].tokens.get(0).unwrap().span.start(), 15);
    }

    proptest! {
        #[test]
        fn spans_are_valid_ordered_and_disjoint(text in "(\\PC|[ .!?\"'’\n]){0,120}") {
            let spans = split_sentences(&text);
            let mut last_end = 0;
            for s in &spans {
                prop_assert!(s.start() >= last_end);
                prop_assert!(s.start() < s.end());
                prop_assert!(text.is_char_boundary(s.start()) && text.is_char_boundary(s.end()));
                prop_assert!(s.end() <= text.len());
                last_end = s.end();
                let toks = tokenize(&text, *s);
                let mut tok_end = s.start();
                for i in 0..toks.len() {
                    let t = toks.get(i).unwrap();
                    prop_assert!(t.span.start() >= tok_end);
                    prop_assert!(t.span.end() <= s.end());
                    prop_assert!(t.span.start() < t.span.end());
                    prop_assert!(t.span.slice(&text).is_some());
                    tok_end = t.span.end();
                    let _ = toks.norm(i);
                }
            }
        }

        #[test]
        fn tokenize_never_panics_on_any_span(text in "\\PC{0,60}", a in 0usize..80, b in 0usize..80) {
            if let Ok(span) = dyad_core::Span::new(&text, a.min(b), a.max(b)) {
                let toks = tokenize(&text, span);
                for t in toks.as_slice() {
                    prop_assert!(span.contains(t.span));
                }
            }
        }
    }
}
