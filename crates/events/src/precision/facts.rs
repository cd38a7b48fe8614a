//! Facts about the whole sentence that the party checks read: its attributions ("according to X"), whether it
//! is sports news, and where dashes split it.

use super::phrases::phrase_end;
use crate::analysis::Analysis;
use crate::lexicon::{RELPRO, lists};
use dyad_text::{Tokens, VerbForm};

/// Token ranges of the sentence's attributions ("according to X of the Y", "in an interview with X"): from the
/// end of the opening phrase to the next comma, bracket, relative pronoun or sentence mark. Whoever is named there
/// reported or published the information; no one there is a party to the event.
pub(crate) fn attribution_ranges(a: &Analysis) -> Vec<(usize, usize)> {
    let l = lists();
    let mut out = Vec::new();
    for i in 0..a.len() {
        if let Some(start) = phrase_end(a, i, &l.attribution, &l.attribution_first) {
            // A verb ends it too: "according to officials the rebels attacked" names the rebels in the report.
            let verb = |k: usize| {
                a.lemmas[k].noun.is_none()
                    && a.lemmas[k].verb.is_some_and(|v| !v.is(VerbForm::Base))
                    && !a.capitalized[k]
            };
            let end = (start..a.len())
                .find(|&k| {
                    matches!(a.norm(k), "," | "(" | ")" | "that") || a.is_boundary(k) || a.is(k, RELPRO) || verb(k)
                })
                .unwrap_or(a.len());
            out.push((start, end));
        }
    }
    out
}

/// What the role checks need to know about the whole sentence.
#[derive(Debug, Default)]
pub(crate) struct SentenceFacts {
    /// Sports news: a score or a sports word.
    pub(crate) sports: bool,
    /// Token indices of free-standing dashes ("X — Y", "X - Y"), which set off a dateline, an aside or a new
    /// clause.
    pub(crate) dashes: Vec<usize>,
}

impl SentenceFacts {
    pub(crate) fn new(a: &Analysis, text: &str, tokens: &Tokens) -> SentenceFacts {
        let toks = tokens.as_slice();
        let dashes = (0..a.len())
            .filter(|&i| {
                matches!(a.norm(i), "-" | "--" | "\u{2014}" | "\u{2013}")
                    && toks.get(i).is_some_and(|t| {
                        let before = t.span.start().checked_sub(1).and_then(|s| text.get(s..t.span.start()));
                        before.is_some_and(|c| c.chars().all(char::is_whitespace)) || a.norm(i) == "\u{2014}"
                    })
            })
            .collect();
        SentenceFacts { sports: sports_sentence(a, text, tokens), dashes }
    }

    /// Whether a dash separates token ranges: an odd number of dashes lies between `from` and `to` and none before
    /// `from` (so `from` does not sit inside a dash pair: "Egypt and Jordan - also criticised").
    pub(super) fn split(&self, from: usize, to: usize, outer_from: usize) -> bool {
        let between = self.dashes.iter().filter(|&&d| d >= from && d < to).count();
        let before = self.dashes.iter().filter(|&&d| d < outer_from).count();
        between % 2 == 1 && before == 0
    }
}

/// Whether the sentence is sports news: a score ("6-4", "2–0") or a sports word.
fn sports_sentence(a: &Analysis, text: &str, tokens: &Tokens) -> bool {
    let l = lists();
    let lower = |i: usize| !a.capitalized.get(i).copied().unwrap_or(true);
    if (0..a.len()).any(|i| lower(i) && phrase_end(a, i, &l.sport, &l.sport_first).is_some()) {
        return true;
    }
    let (Some(first), Some(last)) = (tokens.as_slice().first(), tokens.as_slice().last()) else { return false };
    text.get(first.span.start()..last.span.end()).is_some_and(has_score)
}

/// A match score: one or two digits, a hyphen or dash, one or two digits, not part of a longer number or date.
pub(crate) fn has_score(s: &str) -> bool {
    let b = s.as_bytes();
    let digits_at = |from: usize, back: bool| -> usize {
        let mut n = 0;
        if back {
            let mut k = from;
            while k > 0 && b[k - 1].is_ascii_digit() {
                k -= 1;
                n += 1;
            }
        } else {
            let mut k = from;
            while k < b.len() && b[k].is_ascii_digit() {
                k += 1;
                n += 1;
            }
        }
        n
    };
    let mut i = 0;
    while i < b.len() {
        let dash = if b[i] == b'-' {
            Some(1)
        } else if s.get(i..).is_some_and(|r| r.starts_with('\u{2013}')) {
            Some('\u{2013}'.len_utf8())
        } else {
            None
        };
        if let Some(w) = dash {
            let before = digits_at(i, true);
            let after = digits_at(i + w, false);
            let start = i - before;
            let end = i + w + after;
            let clean_before = start == 0 || !matches!(b[start - 1], b'.' | b',' | b'/' | b'-' | b'$' | b':');
            let clean_after = end >= b.len()
                || !(b[end].is_ascii_alphanumeric() || matches!(b[end], b'.' | b',' | b'/' | b'-'))
                || matches!(b[end], b',' | b'.') && b.get(end + 1).is_none_or(|c| !c.is_ascii_digit());
            if (1..=2).contains(&before) && (1..=2).contains(&after) && clean_before && clean_after {
                return true;
            }
            i += w;
        } else {
            i += 1;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_core::Span;

    fn facts_of(text: &str) -> (SentenceFacts, Vec<(usize, usize)>) {
        let tokens = dyad_text::tokenize(text, Span::new(text, 0, text.len()).unwrap());
        let a = Analysis::new(&tokens);
        (SentenceFacts::new(&a, text, &tokens), attribution_ranges(&a))
    }

    #[test]
    fn attributions_run_to_the_next_comma() {
        let (_, ranges) = facts_of("According to Sui-Lee Wee of the New York Times, Iran attacked Iraq.");
        assert_eq!(ranges.len(), 1);
        let (s, e) = ranges[0];
        assert!(s <= 2 && e > 2, "{ranges:?}");
        let (_, none) = facts_of("Iran attacked Iraq on Monday.");
        assert!(none.is_empty());
    }

    #[test]
    fn sports_news_and_dashes() {
        let (facts, _) = facts_of("Australia beat Colombia 6-4 in the World Cup final.");
        assert!(facts.sports);
        let (facts, _) = facts_of("HANOI, Vietnam (AP) — Iran accused Iraq.");
        assert!(!facts.sports && !facts.dashes.is_empty());
        assert!(facts.split(0, 8, 0));
    }
}
