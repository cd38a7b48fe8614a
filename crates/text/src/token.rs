//! Tokenisation of one sentence (or any slice) into words, numbers and punctuation with byte spans.

use dyad_core::Span;
use serde::Serialize;
use std::ops::Range;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// Letters (possibly with inner hyphens, apostrophes or periods: `Jong-un`, `O'Brien`, `U.S.`).
    Word,
    /// Starts with a digit: `3.5`, `1,000`, `105th`, `2017`.
    Number,
    /// Anything else, one character at a time except runs such as `...` and `--`.
    Punct,
}

/// One token. Its text is `span` of the original text; its normalised form lives in the owning [`Tokens`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Token {
    /// Byte span in the text that was tokenised (the whole text, not the sentence).
    pub span: Span,
    /// Word, number or punctuation.
    pub kind: TokenKind,
    /// Whether the first character is an upper-case letter (a cue for names).
    pub capitalized: bool,
    #[serde(skip)]
    norm: Range<u32>,
}

/// The tokens of a slice plus one shared buffer holding every token's normalised form, so that tokenising costs
/// two allocations per sentence instead of one per token.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tokens {
    tokens: Vec<Token>,
    norms: String,
}

impl Tokens {
    /// Number of tokens.
    #[inline]
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// Whether there are no tokens.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// All tokens in order.
    #[inline]
    pub fn as_slice(&self) -> &[Token] {
        &self.tokens
    }

    /// The `i`th token.
    #[inline]
    pub fn get(&self, i: usize) -> Option<&Token> {
        self.tokens.get(i)
    }

    /// The normalised form of token `i`: lower case, curly quotes and apostrophes made straight, dashes made `-`,
    /// `n't` read as `not`, a split possessive (`' s`) read as `'s`. Empty if `i` is out of range.
    #[inline]
    pub fn norm(&self, i: usize) -> &str {
        self.tokens.get(i).and_then(|t| self.norms.get(t.norm.start as usize..t.norm.end as usize)).unwrap_or("")
    }

    /// Whether token `i` is a possessive `'s` split off its word ("Korea's", "Korea’s", the broken "People' s"):
    /// the one word token whose normalised form is `'s`.
    #[inline]
    pub fn is_possessive(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| {
            t.kind == TokenKind::Word
                && t.norm.end.wrapping_sub(t.norm.start) == 2
                && self.norms.as_bytes().get(t.norm.start as usize) == Some(&b'\'')
        })
    }

    /// Index of the first token whose span starts at or after byte `offset`.
    #[inline]
    pub fn index_at(&self, offset: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start() < offset)
    }

    /// The tokens whose spans lie wholly inside `span`, as an index range.
    pub fn range_within(&self, span: Span) -> Range<usize> {
        let start = self.index_at(span.start());
        let end = self.tokens.partition_point(|t| t.span.end() <= span.end()).max(start);
        start..end
    }
}

/// Tokenises `text[span]`; every token span is an offset into `text`. An out-of-range span gives no tokens.
pub fn tokenize(text: &str, span: Span) -> Tokens {
    let Some(len) = span.slice(text).map(str::len) else { return Tokens::default() };
    let mut out = Tokens { tokens: Vec::with_capacity(len / 4 + 2), norms: String::with_capacity(len) };
    read(text, span, &mut out);
    out
}

/// The spans of the tokens [`tokenize`] gives, in order, without their normalised forms: for a reader that needs
/// only where the words are (the time stage, on plain text).
pub fn token_spans(text: &str, span: Span) -> Vec<Span> {
    let Some(len) = span.slice(text).map(str::len) else { return Vec::new() };
    let mut out = Vec::with_capacity(len / 4 + 2);
    read(text, span, &mut out);
    out
}

/// Where [`scan`] puts the tokens it reads: `text[start..end]`, read as `norm` before normalisation.
trait Sink {
    fn push(&mut self, text: &str, start: usize, end: usize, kind: TokenKind, norm: &str);
}

impl Sink for Tokens {
    #[inline]
    fn push(&mut self, text: &str, start: usize, end: usize, kind: TokenKind, norm: &str) {
        push(self, text, start, end, kind, norm);
    }
}

impl Sink for Vec<Span> {
    #[inline]
    fn push(&mut self, text: &str, start: usize, end: usize, _: TokenKind, _: &str) {
        if let Ok(span) = Span::new(text, start, end) {
            Vec::push(self, span);
        }
    }
}

/// Reads the tokens of `text[span]` into `out`.
fn read<S: Sink>(text: &str, span: Span, out: &mut S) {
    let Some(slice) = span.slice(text) else { return };
    // Most sentences are ASCII: their bytes are their characters, read in place; others are decoded once.
    if slice.is_ascii() {
        scan(out, text, slice, span.start(), &Ascii(slice.as_bytes()));
    } else {
        let chars: Vec<(usize, char)> = slice.char_indices().collect();
        scan(out, text, slice, span.start(), chars.as_slice());
    }
}

/// The characters of the slice being tokenised, by index: each with its byte offset in the slice.
trait Chars {
    fn len(&self) -> usize;
    /// Character `k` (`k < len`) and its byte offset.
    fn at(&self, k: usize) -> (usize, char);
    fn get(&self, k: usize) -> Option<(usize, char)> {
        (k < self.len()).then(|| self.at(k))
    }
    /// Character `k` (`k < len`).
    fn ch(&self, k: usize) -> char {
        self.at(k).1
    }
    /// Whether character `k` (`k < len`) is alphanumeric.
    fn alnum(&self, k: usize) -> bool {
        self.ch(k).is_alphanumeric()
    }
}

impl Chars for [(usize, char)] {
    fn len(&self) -> usize {
        <[(usize, char)]>::len(self)
    }
    fn at(&self, k: usize) -> (usize, char) {
        self[k]
    }
}

/// An ASCII slice: byte `k` is character `k`.
struct Ascii<'a>(&'a [u8]);

impl Chars for Ascii<'_> {
    fn len(&self) -> usize {
        self.0.len()
    }
    fn at(&self, k: usize) -> (usize, char) {
        (k, char::from(self.0[k]))
    }
    fn alnum(&self, k: usize) -> bool {
        self.0[k].is_ascii_alphanumeric()
    }
}

/// Tokenises `slice`, which starts at byte `base` of `text`, into `out`.
fn scan<S: Sink, C: Chars + ?Sized>(out: &mut S, text: &str, slice: &str, base: usize, chars: &C) {
    let n = chars.len();
    let end_of = |k: usize| if k < n { chars.at(k).0 } else { slice.len() };
    let mut i = 0;
    while i < n {
        let (at, c) = chars.at(i);
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let j = scan_word(chars, i);
            // "didn't" -> "did" + "n't", so negation is one token whatever the apostrophe.
            let word_end = end_of(j);
            let word = &slice[at..word_end];
            if let Some(cut) = negation_split(word) {
                out.push(text, base + at, base + at + cut, TokenKind::Word, &word[..cut]);
                out.push(text, base + at + cut, base + word_end, TokenKind::Word, "not");
            } else {
                let kind = if c.is_ascii_digit() || c.is_numeric() { TokenKind::Number } else { TokenKind::Word };
                out.push(text, base + at, base + word_end, kind, word);
            }
            i = j;
            continue;
        }
        if is_apostrophe(c) {
            // Possessive: "Korea's", "Korea’s" and the broken "People' s".
            let next = chars.get(i + 1).map(|p| p.1);
            let after = |k: usize| chars.get(k).map(|p| p.1);
            let prev_is_word = i > 0 && chars.ch(i - 1).is_alphanumeric();
            if prev_is_word && matches!(next, Some('s' | 'S')) && !after(i + 2).is_some_and(char::is_alphanumeric) {
                out.push(text, base + at, base + end_of(i + 2), TokenKind::Word, "'s");
                i += 2;
                continue;
            }
            if prev_is_word
                && next == Some(' ')
                && matches!(after(i + 2), Some('s'))
                && !after(i + 3).is_some_and(char::is_alphanumeric)
            {
                out.push(text, base + at, base + end_of(i + 3), TokenKind::Word, "'s");
                i += 3;
                continue;
            }
        }
        // Runs of the same punctuation ("...", "--") are one token.
        let mut j = i + 1;
        if matches!(c, '.' | '-' | '!' | '?') {
            while j < n && chars.ch(j) == c {
                j += 1;
            }
        }
        out.push(text, base + at, base + end_of(j), TokenKind::Punct, &slice[at..end_of(j)]);
        i = j;
    }
}

/// End (char index) of the word starting at `i`: alphanumerics joined by inner hyphens, apostrophes, periods of
/// initialisms or decimals, and commas of thousands.
fn scan_word<C: Chars + ?Sized>(chars: &C, i: usize) -> usize {
    let n = chars.len();
    let numeric = chars.ch(i).is_ascii_digit();
    let mut j = i + 1;
    loop {
        while j < n && chars.alnum(j) {
            j += 1;
        }
        if j + 1 >= n {
            break;
        }
        let (joiner, next) = (chars.ch(j), chars.ch(j + 1));
        let joins = match joiner {
            '-' | '\u{2010}' | '\u{2011}' => next.is_alphanumeric(),
            '\'' | '\u{2019}' => next.is_alphabetic() && !possessive_at(chars, j),
            '.' | ',' if numeric => next.is_ascii_digit() && chars.ch(j - 1).is_ascii_digit(),
            '.' => next.is_alphabetic() && initialism_part(chars, i, j),
            _ => false,
        };
        if !joins {
            break;
        }
        j += 1;
    }
    // "U.S." keeps its final period: a single letter after the last inner period.
    if j < n && chars.ch(j) == '.' && j >= 2 && chars.ch(j - 2) == '.' && chars.ch(j - 1).is_alphabetic() {
        j += 1;
    }
    j
}

/// Whether the apostrophe at `j` starts a possessive `'s` (then the word ends before it).
fn possessive_at<C: Chars + ?Sized>(chars: &C, j: usize) -> bool {
    matches!(chars.get(j + 1).map(|p| p.1), Some('s' | 'S')) && !chars.get(j + 2).is_some_and(|p| p.1.is_alphanumeric())
}

/// Whether the period at `j` is inside an initialism such as `U.S` (single letters separated by periods).
fn initialism_part<C: Chars + ?Sized>(chars: &C, start: usize, j: usize) -> bool {
    let segment_len = (start..j).rev().take_while(|&k| chars.ch(k) != '.').count();
    let after = (j + 1..chars.len()).take_while(|&k| chars.ch(k).is_alphabetic()).count();
    segment_len == 1 && after == 1
}

fn negation_split(word: &str) -> Option<usize> {
    // Most words do not end in "t": settled on the last byte.
    if !matches!(word.as_bytes().last(), Some(b't' | b'T')) {
        return None;
    }
    let mut rev = word.char_indices().rev();
    let (_, t) = rev.next()?;
    let (apostrophe, a) = rev.next()?;
    let (cut, n) = rev.next()?;
    let ok = matches!(t, 't' | 'T') && is_apostrophe(a) && matches!(n, 'n' | 'N') && apostrophe == cut + 1;
    // "n't" alone or "an't"-less words such as "won't" still leave a non-empty verb part.
    (ok && cut > 0).then_some(cut)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '`' | '\u{02BC}')
}

/// The normalised form of one character, appended to `out`.
fn push_norm(out: &mut String, c: char) {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' | '\u{00B4}' => out.push('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => out.push('"'),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' => out.push('-'),
        '\u{2026}' => out.push_str("..."),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c => out.extend(c.to_lowercase()),
    }
}

/// Appends token `text[start..end]` with the normalised form of `norm` (its own text, or "not" / "'s").
fn push(out: &mut Tokens, text: &str, start: usize, end: usize, kind: TokenKind, norm: &str) {
    let Ok(span) = Span::new(text, start, end) else { return };
    let from = out.norms.len();
    // `push_norm` char by char; an ASCII character is one byte of `norm`, read without decoding.
    let bytes = norm.as_bytes();
    let mut k = 0;
    while k < bytes.len() {
        let b = bytes[k];
        if b.is_ascii() && b != b'`' {
            out.norms.push(char::from(b.to_ascii_lowercase()));
            k += 1;
        } else {
            let Some(c) = norm.get(k..).and_then(|rest| rest.chars().next()) else { break };
            push_norm(&mut out.norms, c);
            k += c.len_utf8();
        }
    }
    let capitalized = match text.as_bytes().get(start) {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => text.get(start..end).and_then(|s| s.chars().next()).is_some_and(char::is_uppercase),
    };
    out.tokens.push(Token { span, kind, capitalized, norm: from as u32..out.norms.len() as u32 });
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The tokens of `text` read through the decoded-characters path, whatever the text.
    fn decoded(text: &str) -> Tokens {
        let mut out = Tokens::default();
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        scan(&mut out, text, text, 0, chars.as_slice());
        out
    }

    proptest! {
        #[test]
        fn token_spans_are_the_spans_of_the_tokens(text in "(\\PC|[a-z0-9 .,'’-]|n't|' s){0,60}", a in 0usize..80) {
            if let Ok(span) = Span::new(&text, a.min(text.len()), text.len()) {
                let spans: Vec<Span> = tokenize(&text, span).as_slice().iter().map(|t| t.span).collect();
                prop_assert_eq!(token_spans(&text, span), spans);
            }
        }

        #[test]
        fn the_ascii_path_tokenises_as_the_decoded_one(text in "([a-zA-Z0-9]{1,4}|[ .,'`!?-]|n't|'s|U\\.S\\.|\\.\\.\\.){0,30}") {
            let t = tokenize(&text, Span::new(&text, 0, text.len()).unwrap());
            prop_assert_eq!(t, decoded(&text));
        }
    }

    fn toks(text: &str) -> Vec<(String, String)> {
        let t = tokenize(text, Span::new(text, 0, text.len()).unwrap());
        (0..t.len()).map(|i| (t.get(i).unwrap().span.slice(text).unwrap().to_string(), t.norm(i).to_string())).collect()
    }

    fn norms(text: &str) -> Vec<String> {
        toks(text).into_iter().map(|p| p.1).collect()
    }

    #[test]
    fn words_numbers_punctuation() {
        assert_eq!(
            norms("GDP grew 3.5% in 2017, to $1,000.5 bn."),
            ["gdp", "grew", "3.5", "%", "in", "2017", ",", "to", "$", "1,000.5", "bn", "."]
        );
    }

    #[test]
    fn possessives_and_curly_apostrophes() {
        assert_eq!(norms("Korea’s leader"), ["korea", "'s", "leader"]);
        assert_eq!(norms("Korea's leader"), ["korea", "'s", "leader"]);
        assert_eq!(norms("The People' s Republic"), ["the", "people", "'s", "republic"]);
        assert_eq!(norms("O'Brien's hat"), ["o'brien", "'s", "hat"]);
        let text = "O'Brien's hat, the People' s Republic, Korea’s 'smart' 's";
        let t = tokenize(text, Span::new(text, 0, text.len()).unwrap());
        let possessive: Vec<&str> =
            (0..t.len()).filter(|&i| t.is_possessive(i)).map(|i| t.get(i).unwrap().span.slice(text).unwrap()).collect();
        assert_eq!(possessive, ["'s", "' s", "’s"]);
        assert_eq!(norms("the ministers' meeting"), ["the", "ministers", "'", "meeting"]);
    }

    #[test]
    fn hyphens_and_dashes() {
        assert_eq!(norms("Kim Jong-un met Diaz‑Canel"), ["kim", "jong-un", "met", "diaz-canel"]);
        assert_eq!(norms("talks — again"), ["talks", "-", "again"]);
        assert_eq!(norms("test-launch"), ["test-launch"]);
    }

    #[test]
    fn initialisms_and_negation() {
        assert_eq!(norms("the U.S. and U.N. said"), ["the", "u.s.", "and", "u.n.", "said"]);
        assert_eq!(norms("He didn’t meet"), ["he", "did", "not", "meet"]);
        assert_eq!(norms("They can't"), ["they", "ca", "not"]);
        assert_eq!(norms("“Unwavering” support..."), ["\"", "unwavering", "\"", "support", "..."]);
    }

    #[test]
    fn norms_of_ascii_and_other_text_agree() {
        assert_eq!(norms("KIM Met `Putin` ÉLYSÉE"), ["kim", "met", "'", "putin", "'", "élysée"]);
        assert_eq!(norms("Ça VA"), ["ça", "va"]);
    }

    #[test]
    fn spans_index_into_the_whole_text() {
        let text = "Ignore. Kim met Putin.";
        let span = Span::new(text, 8, text.len()).unwrap();
        let t = tokenize(text, span);
        assert_eq!(t.get(0).unwrap().span.start(), 8);
        assert!(t.get(0).unwrap().capitalized);
        assert!(!t.get(1).unwrap().capitalized);
        assert_eq!(t.index_at(12), 1);
        assert_eq!(t.range_within(Span::new(text, 12, 21).unwrap()), 1..3);
    }
}
