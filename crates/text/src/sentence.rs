//! Sentence splitting tuned for news text.

use dyad_core::{Span, data_lines, tsv_columns};
use std::collections::HashMap;
use std::sync::LazyLock;

const ABBREVIATIONS_TSV: &str = include_str!("../../../data/abbreviations.tsv");

/// How a period after a word is read (see `data/abbreviations.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AbbrevKind {
    Title,
    Numeric,
    Other,
    Starter,
}

pub use dyad_core::DataError;

const ABBREVIATIONS_FILE: &str = "abbreviations.tsv";

pub(crate) fn parse_abbreviations(src: &str) -> Result<HashMap<String, AbbrevKind>, DataError> {
    let mut map = HashMap::new();
    for (line, row) in data_lines(src) {
        let err = |message: String| DataError { file: ABBREVIATIONS_FILE, line, message };
        let [word, kind] = tsv_columns(ABBREVIATIONS_FILE, line, row)?;
        let kind = match kind {
            "title" => AbbrevKind::Title,
            "numeric" => AbbrevKind::Numeric,
            "other" => AbbrevKind::Other,
            "starter" => AbbrevKind::Starter,
            k => return Err(err(format!("unknown kind {k:?}"))),
        };
        if word.is_empty() || word != word.to_lowercase() {
            return Err(err(format!("word {word:?} must be non-empty lower case")));
        }
        if map.insert(word.to_string(), kind).is_some() {
            return Err(err(format!("duplicate word {word:?}")));
        }
    }
    Ok(map)
}

static ABBREVIATIONS: LazyLock<HashMap<String, AbbrevKind>> = LazyLock::new(|| load_abbreviations(ABBREVIATIONS_TSV));

/// The abbreviation table. The file is compiled in and validated by a unit test, so a bad line is a build defect:
/// it panics at first use, naming the file and the line, rather than leaving the table empty.
fn load_abbreviations(src: &str) -> HashMap<String, AbbrevKind> {
    parse_abbreviations(src).unwrap_or_else(|e| panic!("bad embedded data file {e}"))
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '\u{2019}' | '\u{201D}' | ')' | ']' | '\u{00BB}')
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '\u{2026}')
}

/// Splits `text` into sentences: trimmed, non-empty, ordered, non-overlapping spans.
///
/// A sentence ends at `.`, `!`, `?` or an ellipsis (plus any closing quotes or brackets) followed by white space
/// and a word that does not start in lower case, unless the period belongs to an abbreviation, an initial or an
/// initialism; at a blank line; and at a line break followed by a capital, a digit or a quote (headlines and
/// captions have no final period). A leading dateline such as `Pyongyang, April 28 :` or
/// `PYONGYANG, April 28 (Xinhua) --` becomes a sentence of its own.
pub fn split_sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut iter = text.char_indices().peekable();
    while let Some((at, c)) = iter.next() {
        if c == '\n' {
            // Measure the white-space run and whether it holds a blank line.
            let mut newlines = 1;
            let mut end = at + 1;
            while let Some(&(k, d)) = iter.peek() {
                if !d.is_whitespace() {
                    break;
                }
                if d == '\n' {
                    newlines += 1;
                }
                end = k + d.len_utf8();
                iter.next();
            }
            let next = text.get(end..).and_then(|s| s.chars().next());
            if newlines > 1 || next.is_none_or(|d| !d.is_lowercase()) {
                emit(text, start, at, &mut out);
                start = end;
            }
            continue;
        }
        if !is_terminal(c) {
            continue;
        }
        // Consume further terminals and closers: `?!`, `..."`, `.)`.
        let mut end = at + c.len_utf8();
        while let Some(&(k, d)) = iter.peek() {
            if is_terminal(d) || is_closer(d) {
                end = k + d.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        if end < bytes.len() && !text[end..].starts_with(char::is_whitespace) {
            continue; // "3.5", "U.S.-led", "e.g.,"
        }
        let rest = text[end..].trim_start();
        let Some(next_char) = rest.chars().next() else { continue };
        if next_char.is_lowercase() {
            continue;
        }
        let single_period = c == '.' && end == at + 1;
        if single_period && !period_ends_sentence(&text[start..at], rest) {
            continue;
        }
        emit(text, start, end, &mut out);
        start = end;
    }
    emit(text, start, text.len(), &mut out);
    out
}

/// Splits the part of `text` covered by `within` (a paragraph of a page, say) into sentences whose spans index
/// `text` itself. An out-of-range span gives no sentences.
pub fn split_sentences_in(text: &str, within: Span) -> Vec<Span> {
    let Some(part) = within.slice(text) else { return Vec::new() };
    split_sentences(part).into_iter().filter_map(|s| s.shifted(text, within.start()).ok()).collect()
}

/// For a period right after `before` (the sentence so far), whether it ends the sentence given the `rest`.
fn period_ends_sentence(before: &str, rest: &str) -> bool {
    let word: &str = before.rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"').next().unwrap_or("");
    let mut word_buf = LowerBuf::new();
    let lower = word_buf.lower(word);
    let next_len: usize = rest.chars().take_while(|c| c.is_alphanumeric()).map(char::len_utf8).sum();
    let next = rest.get(..next_len).unwrap_or("");
    let mut next_buf = LowerBuf::new();
    let next_word = next_buf.lower(next);
    let next_is_digit = rest.starts_with(|c: char| c.is_ascii_digit());
    let starter = ABBREVIATIONS.get(next_word) == Some(&AbbrevKind::Starter);
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    // A single capital initial ("George W. Bush") never ends a sentence.
    if let (Some(only), None) = (letters.next(), letters.next())
        && only.is_uppercase()
        && word.chars().count() == 1
    {
        return false;
    }
    match ABBREVIATIONS.get(lower) {
        Some(AbbrevKind::Title) => false,
        Some(AbbrevKind::Numeric) => !next_is_digit && starter,
        Some(AbbrevKind::Other) => starter,
        _ if lower.contains('.') => starter, // an initialism such as U.S or U.N
        _ => true,
    }
}

/// A word lower-cased without allocating when it is short ASCII (nearly every word a period follows); other
/// words are lower-cased as `str::to_lowercase` does.
struct LowerBuf {
    bytes: [u8; 32],
    owned: String,
}

impl LowerBuf {
    fn new() -> LowerBuf {
        LowerBuf { bytes: [0; 32], owned: String::new() }
    }

    /// `word` in lower case.
    fn lower(&mut self, word: &str) -> &str {
        if word.is_ascii() && word.len() <= self.bytes.len() {
            let out = &mut self.bytes[..word.len()];
            out.copy_from_slice(word.as_bytes());
            out.make_ascii_lowercase();
            std::str::from_utf8(out).unwrap_or("")
        } else {
            self.owned = word.to_lowercase();
            &self.owned
        }
    }
}

fn emit(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let Some(slice) = text.get(start..end) else { return };
    let trimmed = slice.trim();
    if trimmed.is_empty() {
        return;
    }
    let s = start + (slice.len() - slice.trim_start().len());
    let e = s + trimmed.len();
    if let Some(cut) = dateline_end(trimmed)
        && let Some(rest) = trimmed.get(cut..)
        && !rest.trim().is_empty()
    {
        push_span(text, s, s + trimmed[..cut].trim_end().len(), out);
        let rest_start = s + cut + (rest.len() - rest.trim_start().len());
        push_span(text, rest_start, e, out);
        return;
    }
    push_span(text, s, e, out);
}

fn push_span(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    if start < end
        && let Ok(span) = Span::new(text, start, end)
    {
        out.push(span);
    }
}

/// Byte length of a leading dateline: a capitalised place (up to four words), a comma, a month and a day, an
/// optional `(Agency)`, then `:` or a dash. `None` when the sentence does not start with one.
fn dateline_end(s: &str) -> Option<usize> {
    let comma = s.find(',').filter(|&c| c <= 60)?;
    let place = &s[..comma];
    let mut words = 0;
    for w in place.split_whitespace() {
        words += 1;
        if words > 4 || !w.starts_with(char::is_uppercase) {
            return None;
        }
    }
    if words == 0 {
        return None;
    }
    let mut rest = s[comma + 1..].trim_start();
    let month_len: usize = rest.chars().take_while(|c| c.is_alphabetic()).map(char::len_utf8).sum();
    let month = rest.get(..month_len).unwrap_or("");
    let mut buf = LowerBuf::new();
    let lower = buf.lower(month);
    if lower.len() < 3 || !MONTHS.iter().any(|m| m.starts_with(lower)) {
        return None;
    }
    rest = rest[month_len..].trim_start_matches('.').trim_start();
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    rest = rest[digits..].trim_start();
    if rest.starts_with('(') {
        let close = rest.find(')')?;
        rest = rest[close + 1..].trim_start();
    }
    let sep = ["--", ":", "-", "\u{2014}", "\u{2013}"].into_iter().find(|p| rest.starts_with(p))?;
    let consumed = s.len() - rest.len() + sep.len();
    s.is_char_boundary(consumed).then_some(consumed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        split_sentences(text).into_iter().map(|s| s.slice(text).unwrap()).collect()
    }

    #[test]
    fn data_file_loads() {
        let map = parse_abbreviations(ABBREVIATIONS_TSV).expect("abbreviations.tsv");
        assert_eq!(map.get("gen"), Some(&AbbrevKind::Title));
        assert_eq!(map.get("nov"), Some(&AbbrevKind::Numeric));
        assert!(parse_abbreviations("x\tnope\n").is_err());
        assert!(parse_abbreviations("x\ttitle\nx\ttitle\n").is_err());
    }

    #[test]
    fn a_bad_line_names_its_file_and_line() {
        let e = parse_abbreviations("# word\tkind\ngen\ttitle\n\nnov\n").unwrap_err();
        assert_eq!((e.file, e.line), ("abbreviations.tsv", 4));
        let e = parse_abbreviations("gen\ttitle\n\n\nGen\ttitle\n").unwrap_err();
        assert_eq!((e.file, e.line), ("abbreviations.tsv", 4));
    }

    #[test]
    #[should_panic(expected = "abbreviations.tsv:3: ")]
    fn a_bad_file_panics_naming_file_and_line() {
        load_abbreviations("gen\ttitle\n\nnov\n");
    }

    #[test]
    fn words_lower_case_with_or_without_the_buffer() {
        let mut buf = LowerBuf::new();
        assert_eq!(buf.lower("Gen"), "gen");
        assert_eq!(buf.lower("ÉTATS"), "états");
        let long = "A".repeat(40);
        assert_eq!(buf.lower(&long), "a".repeat(40));
        assert_eq!(split("Das Dorf. Übermorgen kam er."), ["Das Dorf.", "Übermorgen kam er."]);
        assert_eq!(split("PARIS, Déc. 5 -- Talks began."), ["PARIS, Déc.", "5 -- Talks began."]);
        assert_eq!(split("PARIS, Dec. 5 -- Talks began."), ["PARIS, Dec. 5 --", "Talks began."]);
    }

    #[test]
    fn abbreviations_titles_and_initials() {
        assert_eq!(
            split("Mr. Kim met Gen. Lee in St. Petersburg. He left."),
            ["Mr. Kim met Gen. Lee in St. Petersburg.", "He left."]
        );
        assert_eq!(split("George W. Bush visited Seoul. It rained."), ["George W. Bush visited Seoul.", "It rained."]);
        assert_eq!(split("They met on Nov. 5, 2018 in Pyongyang."), ["They met on Nov. 5, 2018 in Pyongyang."]);
        assert_eq!(split("See No. 7 for details."), ["See No. 7 for details."]);
        assert_eq!(split("Acme Inc. The firm grew."), ["Acme Inc.", "The firm grew."]);
        assert_eq!(split("Acme Inc. Chairman Lee spoke."), ["Acme Inc. Chairman Lee spoke."]);
    }

    #[test]
    fn initialisms() {
        assert_eq!(split("The U.S. President arrived."), ["The U.S. President arrived."]);
        assert_eq!(split("He flew to the U.S. The talks ended."), ["He flew to the U.S.", "The talks ended."]);
    }

    #[test]
    fn numbers_quotes_ellipses() {
        assert_eq!(split("Growth was 3.5 percent. Prices rose."), ["Growth was 3.5 percent.", "Prices rose."]);
        assert_eq!(split("\"We will win.\" Kim said so."), ["\"We will win.\"", "Kim said so."]);
        assert_eq!(split("“We will win,” he said. Then he left."), ["“We will win,” he said.", "Then he left."]);
        assert_eq!(
            split("He paused... and went on. Then... Silence."),
            ["He paused... and went on.", "Then...", "Silence."]
        );
        assert_eq!(split("Is it? Yes! Fine."), ["Is it?", "Yes!", "Fine."]);
    }

    #[test]
    fn headlines_and_lines() {
        assert_eq!(
            split("Kim Meets Putin in Moscow\nThe two leaders met on Friday."),
            ["Kim Meets Putin in Moscow", "The two leaders met on Friday."]
        );
        assert_eq!(split("a sentence that wraps\nonto the next line."), ["a sentence that wraps\nonto the next line."]);
        assert_eq!(split("one\n\ntwo"), ["one", "two"]);
    }

    #[test]
    fn splits_inside_a_span_of_a_larger_text() {
        let text = "NAV. First one. Second one. FOOTER";
        let within = Span::new(text, 5, 27).unwrap();
        let got: Vec<&str> = split_sentences_in(text, within).into_iter().map(|s| s.slice(text).unwrap()).collect();
        assert_eq!(got, ["First one.", "Second one."]);
        assert_eq!(split_sentences_in(text, within)[0].start(), 5);
    }

    #[test]
    fn datelines() {
        assert_eq!(
            split("Pyongyang, April 28 : North Korea has stepped up efforts."),
            ["Pyongyang, April 28 :", "North Korea has stepped up efforts."]
        );
        assert_eq!(
            split("PYONGYANG, Apr. 28 (Xinhua) -- The DPRK said."),
            ["PYONGYANG, Apr. 28 (Xinhua) --", "The DPRK said."]
        );
        assert_eq!(split("Seoul, May 3, 2020, was sunny."), ["Seoul, May 3, 2020, was sunny."]);
    }
}
