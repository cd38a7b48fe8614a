//! Time's tokens: words, digit runs and single punctuation marks, each word looked up once in the lexicon. They
//! are cut from the text stage's tokens ([`dyad_text::Tokens`]), never from a scan of their own: a text token is
//! split further only where time needs finer pieces ("2018-11-05" is "2018" "-" "11" "-" "05", "1,000" is "1" ","
//! "000", "U.S." is "U" "." "S" "."), and the two halves of a split negation ("did" + "n't") join again into the
//! letters-and-digits run "didn" "'" "t" that the grammar was written for.

use crate::lexicon::{LEXICON, Word};
use dyad_core::Span;

/// The shape of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Num,
    Punct,
}

/// What follows the digits of a number token: "5th", "1990s", "FY2007".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Suffix {
    None,
    Ordinal,
    Plural,
    FiscalYear,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Tok<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// The value of the digits of a number token.
    pub num: u32,
    /// How many digits the number token has.
    pub digits: u8,
    pub suffix: Suffix,
    /// Starts with an uppercase letter.
    pub cap: bool,
    /// The lexicon entry (all fields empty when the word is not listed).
    pub w: Word,
    /// The token ends a sentence (".", "!", "?" in sentence position, or a line break follows).
    pub ends_sentence: bool,
}

impl Tok<'_> {
    /// Case-insensitive comparison with a lowercase ASCII word.
    pub fn is(&self, lower: &str) -> bool {
        self.text.eq_ignore_ascii_case(lower)
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct && self.text.starts_with(c)
    }

    /// A plain number (no suffix) with at most `max_digits` digits.
    pub fn plain_num(&self, max_digits: u8) -> Option<u32> {
        (self.kind == Kind::Num && self.suffix == Suffix::None && self.digits <= max_digits).then_some(self.num)
    }

    /// A lowercase alphabetic word (a likely verb or common noun).
    pub fn is_lower_word(&self) -> bool {
        self.kind == Kind::Word && self.text.chars().next().is_some_and(char::is_lowercase)
    }
}

/// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sen", "rep", "gov", "jr", "sr", "no", "vs", "inc", "co",
    "corp", "ltd", "prof", "capt", "sgt", "maj", "adm", "pres", "ft", "mt",
];

fn classify_alnum(run: &str) -> (Kind, u32, u8, Suffix) {
    let digit_len = run.bytes().take_while(u8::is_ascii_digit).count();
    if digit_len > 0 {
        let digits = &run[..digit_len];
        let rest = &run[digit_len..];
        let value = if digit_len <= 9 { digits.parse::<u32>().unwrap_or(0) } else { 0 };
        let suffix = match rest.to_ascii_lowercase().as_str() {
            "" => Suffix::None,
            "st" | "nd" | "rd" | "th" => Suffix::Ordinal,
            "s" => Suffix::Plural,
            _ => return (Kind::Word, 0, 0, Suffix::None),
        };
        return (Kind::Num, value, digit_len.min(255) as u8, suffix);
    }
    let bytes = run.as_bytes();
    if bytes.len() == 6 && bytes[..2].eq_ignore_ascii_case(b"fy") && bytes[2..].iter().all(u8::is_ascii_digit) {
        let value = run[2..].parse::<u32>().unwrap_or(0);
        return (Kind::Num, value, 4, Suffix::FiscalYear);
    }
    (Kind::Word, 0, 0, Suffix::None)
}

/// Splits `text` into tokens, reading its words with the text stage's tokenizer. Offsets are byte offsets into
/// `text` and always lie on char boundaries.
pub(crate) fn tokenize(text: &str) -> Vec<Tok<'_>> {
    let Ok(whole) = Span::new(text, 0, text.len()) else { return Vec::new() };
    lex(text, 0, dyad_text::token_spans(text, whole))
}

/// Time's tokens of `text`, cut from the spans of the text stage's tokens of it (`tokens`), offsets into a larger
/// text in which `text` starts at byte `base`. Offsets of the result are byte offsets into `text`. Tokens that lie
/// outside `text` are ignored.
///
/// The text tokens cover every character of `text` that is not whitespace, so the runs of touching tokens are
/// exactly the stretches between whitespace, and splitting each run reads the same pieces as reading the whole
/// text character by character (a negation split inside a run, "did" + "n't", is joined by reading the run whole).
pub(crate) fn lex<'a, T>(text: &'a str, base: usize, tokens: T) -> Vec<Tok<'a>>
where
    T: IntoIterator<Item = Span>,
    T::IntoIter: ExactSizeIterator,
{
    let tokens = tokens.into_iter();
    let mut toks: Vec<Tok<'a>> = Vec::with_capacity(tokens.len() + tokens.len() / 4 + 2);
    let mut line_break = false;
    let mut done = 0;
    // The run of touching tokens being gathered, as a byte range of `text`.
    let mut run: Option<(usize, usize)> = None;
    for t in tokens {
        let (Some(start), Some(end)) = (t.start().checked_sub(base), t.end().checked_sub(base)) else {
            continue;
        };
        if end > text.len() {
            break;
        }
        match run {
            Some((first, last)) if start == last => run = Some((first, end)),
            _ => {
                if let Some((first, last)) = run {
                    done = split_run(text, first, last, done, &mut toks, &mut line_break);
                }
                run = Some((start, end));
            }
        }
    }
    if let Some((first, last)) = run {
        split_run(text, first, last, done, &mut toks, &mut line_break);
    }
    mark_sentence_ends(text, &mut toks);
    toks
}

/// Appends the tokens of `text[start..end]`, a run of touching text tokens, to `toks`, and returns `end`. `done`
/// is where the previous run ended: a line break between them ends the sentence at the last token (`line_break`
/// carries that to the next token).
fn split_run<'a>(
    text: &'a str,
    start: usize,
    end: usize,
    done: usize,
    toks: &mut Vec<Tok<'a>>,
    line_break: &mut bool,
) -> usize {
    let bytes = text.as_bytes();
    if let Some(gap) = bytes.get(done..start) {
        // Most gaps are one space.
        *line_break |= !matches!(gap, [] | [b' ']) && gap.contains(&b'\n');
    }
    let end = end.min(bytes.len());
    let mut i = start;
    // Bytes below 0x80 are whole ASCII characters; anything else is decoded as a char (the slow, rare path).
    let char_at = |i: usize| -> (char, usize) {
        match bytes.get(i) {
            Some(&b) if b < 0x80 => (b as char, 1),
            _ => text.get(i..).and_then(|r| r.chars().next()).map_or((' ', 1), |c| (c, c.len_utf8())),
        }
    };
    while i < end {
        let (c, len) = char_at(i);
        if c.is_whitespace() {
            *line_break |= c == '\n';
            i += len;
            continue;
        }
        if *line_break {
            if let Some(last) = toks.last_mut() {
                last.ends_sentence = true;
            }
            *line_break = false;
        }
        let first = i;
        let mut stop = i + len;
        let kind = if c.is_alphanumeric() {
            // ASCII letters and digits byte by byte; other characters decoded.
            while stop < end {
                let b = bytes[stop];
                if b.is_ascii_alphanumeric() {
                    stop += 1;
                } else if b >= 0x80 && char_at(stop).0.is_alphanumeric() {
                    stop += char_at(stop).1;
                } else {
                    break;
                }
            }
            None
        } else {
            Some(Kind::Punct)
        };
        let piece = text.get(first..stop).unwrap_or_default();
        let tok = match kind {
            None => {
                let (kind, num, digits, suffix) = classify_alnum(piece);
                let w =
                    if kind == Kind::Word { LEXICON.get(piece).copied().unwrap_or_default() } else { Word::default() };
                Tok {
                    text: piece,
                    start: first,
                    end: stop,
                    kind,
                    num,
                    digits,
                    suffix,
                    cap: c.is_uppercase(),
                    w,
                    ends_sentence: false,
                }
            }
            Some(kind) => Tok {
                text: piece,
                start: first,
                end: stop,
                kind,
                num: 0,
                digits: 0,
                suffix: Suffix::None,
                cap: false,
                w: Word::default(),
                ends_sentence: false,
            },
        };
        toks.push(tok);
        i = stop;
    }
    end
}

fn mark_sentence_ends(text: &str, toks: &mut [Tok<'_>]) {
    for i in 0..toks.len() {
        let t = toks[i];
        if t.kind != Kind::Punct {
            continue;
        }
        match t.text {
            "!" | "?" => toks[i].ends_sentence = true,
            "." => {
                let prev_abbrev = i > 0 && {
                    let p = &toks[i - 1];
                    p.end == t.start
                        && p.kind == Kind::Word
                        && (p.text.chars().count() == 1
                            || p.w.month > 0
                            || p.w.weekday > 0
                            || ABBREVIATIONS.iter().any(|a| p.is(a)))
                };
                // A sentence ends at a full stop followed by space and an uppercase letter, a quote or the end.
                let next_starts_sentence = text.get(t.end..).is_none_or(|rest| {
                    let mut chars = rest.chars();
                    match chars.next() {
                        None => true,
                        Some(c) if c.is_whitespace() => {
                            rest.trim_start().chars().next().is_none_or(|n| !n.is_lowercase() && !n.is_ascii_digit())
                        }
                        _ => false,
                    }
                });
                toks[i].ends_sentence = !prev_abbrev && next_starts_sentence;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The tokenizer time had before it read the text stage's tokens: one scan of the text, character by
    /// character. Kept only to check that [`lex`] reads the same tokens.
    fn reference(text: &str) -> Vec<Tok<'_>> {
        let bytes = text.as_bytes();
        let mut toks: Vec<Tok<'_>> = Vec::with_capacity(text.len() / 5 + 4);
        let mut line_break = false;
        let mut i = 0;
        // Bytes below 0x80 are whole ASCII characters; anything else is decoded as a char (the slow, rare path).
        let char_at = |i: usize| -> (char, usize) {
            match bytes.get(i) {
                Some(&b) if b < 0x80 => (b as char, 1),
                _ => text.get(i..).and_then(|r| r.chars().next()).map_or((' ', 1), |c| (c, c.len_utf8())),
            }
        };
        while i < bytes.len() {
            let (c, len) = char_at(i);
            if c.is_whitespace() {
                line_break |= c == '\n';
                i += len;
                continue;
            }
            if line_break {
                if let Some(last) = toks.last_mut() {
                    last.ends_sentence = true;
                }
                line_break = false;
            }
            let start = i;
            if c.is_alphanumeric() {
                let mut end = i + len;
                loop {
                    let (n, nlen) = char_at(end);
                    if end < bytes.len() && n.is_alphanumeric() {
                        end += nlen;
                    } else {
                        break;
                    }
                }
                let run = text.get(start..end).unwrap_or_default();
                let (kind, num, digits, suffix) = classify_alnum(run);
                let w =
                    if kind == Kind::Word { LEXICON.get(run).copied().unwrap_or_default() } else { Word::default() };
                toks.push(Tok {
                    text: run,
                    start,
                    end,
                    kind,
                    num,
                    digits,
                    suffix,
                    cap: c.is_uppercase(),
                    w,
                    ends_sentence: false,
                });
                i = end;
            } else {
                let end = i + len;
                toks.push(Tok {
                    text: text.get(start..end).unwrap_or_default(),
                    start,
                    end,
                    kind: Kind::Punct,
                    num: 0,
                    digits: 0,
                    suffix: Suffix::None,
                    cap: false,
                    w: Word::default(),
                    ends_sentence: false,
                });
                i = end;
            }
        }
        mark_sentence_ends(text, &mut toks);
        toks
    }

    /// Time's tokens of every sentence of `text` as the pipeline makes them (the sentence's text tokens, offsets in
    /// the whole text) against the old scan of the sentence's text.
    fn same_in_sentences(text: &str) -> Result<(), TestCaseError> {
        for s in dyad_text::sentences(text) {
            let sentence = &text[s.span.range()];
            let lexed = lex(sentence, s.span.start(), s.tokens.as_slice().iter().map(|t| t.span));
            prop_assert_eq!(lexed, reference(sentence), "sentence {:?}", sentence);
        }
        Ok(())
    }

    /// Text made of the pieces time and the text tokenizer cut differently.
    const PIECES: &str = "([A-Za-z]{1,6}|[0-9]{1,5}|[ ,.:/'’`\\-]|\n|n't|N'T|'s|' s|’s|U\\.S\\.|\\.\\.\\.|--|\
                          p\\.m\\.|5pm|1,000\\.5|2018-11-05|FY2007|1990s|5th|Jong-un|O'Brien|[éЖ中٣Ⅻ²]|\u{2011}|\u{2019}){0,40}";

    proptest! {
        #[test]
        fn lexing_text_tokens_reads_the_old_scan(text in PIECES) {
            prop_assert_eq!(tokenize(&text), reference(&text));
            same_in_sentences(&text)?;
        }

        #[test]
        fn lexing_any_text_reads_the_old_scan(text in "\\PC{0,120}") {
            prop_assert_eq!(tokenize(&text), reference(&text));
            same_in_sentences(&text)?;
        }
    }

    #[test]
    fn long_mixed_and_punctuation_only_texts_read_the_old_scan() {
        let long: String = (0..1000).map(|i| format!("didn't {i}th, 2018-11-05 U.S. ")).collect();
        let mixed = "Москва, 5 мая 2018 г. — 北京 2018年5月5日; القاهرة ٣ مايو; Ⅻ² 3:30pm didn’t’s “Nov.” 5";
        let punctuation = "...!?;:--–—()[]{}'’`\"“”«»/\\|@#$%^&*+=~<>.,\n\n?!".repeat(50);
        for text in [long.as_str(), mixed, punctuation.as_str(), "", " \n ", "n't", "' s"] {
            let toks = tokenize(text);
            assert_eq!(toks, reference(text), "{text}");
            for t in &toks {
                assert_eq!(&text[t.start..t.end], t.text);
            }
        }
        assert!(tokenize(&long).len() >= 5000, "the long text has 5,000 tokens or more");
    }

    #[test]
    fn a_negation_joins_again_and_tokens_outside_the_text_are_ignored() {
        let texts: Vec<&str> = tokenize("He didn't go").iter().map(|t| t.text).collect();
        assert_eq!(texts, ["He", "didn", "'", "t", "go"]);
        let doc = "Ignore this. They met on 5 May.";
        let s = dyad_text::sentences(doc);
        let sentence = &doc[s[1].span.range()];
        // The whole document's tokens: those of the first sentence lie before `sentence` and are skipped.
        let all = dyad_text::tokenize(doc, dyad_core::Span::new(doc, 0, doc.len()).unwrap());
        let lexed = lex(sentence, s[1].span.start(), all.as_slice().iter().map(|t| t.span));
        assert_eq!(lexed, reference(sentence));
    }

    #[test]
    fn splits_numbers_words_and_marks() {
        let toks = tokenize("On Nov. 5, 2018, the 1990s and 5th FY2007.");
        let texts: Vec<&str> = toks.iter().map(|t| t.text).collect();
        assert_eq!(texts, ["On", "Nov", ".", "5", ",", "2018", ",", "the", "1990s", "and", "5th", "FY2007", "."]);
        assert_eq!(toks[1].w.month, 11);
        assert!(!toks[2].ends_sentence, "an abbreviation's stop does not end the sentence");
        assert_eq!((toks[5].num, toks[5].digits), (2018, 4));
        assert_eq!(toks[8].suffix, Suffix::Plural);
        assert_eq!(toks[10].suffix, Suffix::Ordinal);
        assert_eq!((toks[11].suffix, toks[11].num), (Suffix::FiscalYear, 2007));
        assert!(toks[12].ends_sentence);
    }

    #[test]
    fn offsets_survive_multibyte_text() {
        let text = "Kim’s visit — on 3 July.";
        for t in tokenize(text) {
            assert_eq!(&text[t.start..t.end], t.text);
        }
    }
}
