//! Lines of a plain-text page and what each looks like on its own: length, function-word share, sentence shape,
//! separators, cue phrases and repetition; and the tests built on them (headline, caption, byline or date line).

use crate::cues::{CUES, CueClass};
use crate::date::DateMention;
use crate::outlet;
use rustc_hash::FxHashMap as HashMap;

/// What a line looks like on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    /// Sentences: long enough, many function words.
    Prose,
    /// A short line: menu item, heading, label.
    Short,
    /// Several items joined by separators ("•", "|"): a ticker or a link list.
    LinkList,
}

/// A non-blank line of the page, trimmed, with its byte range and features.
#[derive(Debug)]
pub(super) struct Line<'a> {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) text: &'a str,
    pub(super) words: usize,
    pub(super) chars: usize,
    pub(super) shape: Shape,
    pub(super) sentence_end: bool,
    pub(super) cue: Option<CueClass>,
    /// Index of the first line with the same text, when this is a repeat.
    pub(super) repeat_of: Option<usize>,
    /// Whether a later line repeats this one.
    pub(super) repeated: bool,
}

const SEPARATORS: [char; 7] = ['•', '|', '·', '›', '»', '▪', '◦'];

fn ends_sentence(text: &str) -> bool {
    let mut t = text.trim_end_matches(['"', '”', '’', '\'', ' ']);
    // A trailing credit in parentheses: "... Laos. (Yonhap)".
    if t.ends_with(')')
        && let Some(open) = t.rfind('(')
        && t[open..].split_whitespace().count() <= 4
    {
        t = t[..open].trim_end();
    }
    let t = t.trim_end_matches(['"', '”', '’', '\'', ')', ' ']);
    t.ends_with(['.', '!', '?', '…'])
}

/// The words of a line (white-space separated tokens with a letter), how many of them are English function words,
/// and its separator tokens (a lone "•" or "|"). An ASCII token, nearly every one, is read by bytes.
fn token_counts(text: &str, buf: &mut String) -> (usize, usize, usize) {
    let (mut words, mut stops, mut seps) = (0usize, 0usize, 0usize);
    for token in text.split_whitespace() {
        let bare = if token.is_ascii() {
            // No separator is ASCII but '|'.
            if token == "|" {
                seps += 1;
                continue;
            }
            let b = token.as_bytes();
            let Some(first) = b.iter().position(u8::is_ascii_alphabetic) else { continue };
            // The first alphanumeric byte is at most the first letter, and a letter is the last one at the latest.
            let start = b[..first].iter().position(u8::is_ascii_alphanumeric).unwrap_or(first);
            let end = b.iter().rposition(u8::is_ascii_alphanumeric).map_or(first + 1, |i| i + 1);
            &token[start..end]
        } else {
            if token.chars().count() == 1 && token.starts_with(SEPARATORS) {
                seps += 1;
                continue;
            }
            if !token.chars().any(crate::lang::is_alphabetic) {
                continue;
            }
            token.trim_matches(|c: char| !crate::lang::is_alphanumeric(c))
        };
        words += 1;
        if crate::lang::is_english_stopword(bare, buf) {
            stops += 1;
        }
    }
    (words, stops, seps)
}

pub(super) fn line_features<'a>(text: &'a str, start: usize, end: usize, buf: &mut String) -> Line<'a> {
    let (words, stops, seps) = token_counts(text, buf);
    let sentence_end = ends_sentence(text);
    let stop_share = if words == 0 { 0.0 } else { stops as f32 / words as f32 };
    let shape = if seps >= 2 && seps * 4 >= words.min(40) / 4 {
        Shape::LinkList
    } else if (words >= 8 && stop_share >= 0.12 && (sentence_end || words >= 25))
        || (words >= 5 && sentence_end && stop_share >= 0.2)
    {
        Shape::Prose
    } else {
        Shape::Short
    };
    Line {
        start,
        end,
        text,
        words,
        chars: text.chars().count(),
        shape,
        sentence_end,
        cue: CUES.line_class(text),
        repeat_of: None,
        repeated: false,
    }
}

/// The non-blank lines of `text`, trimmed, with byte offsets. A hard-wrapped paragraph (a long line that does
/// not end a sentence, followed directly by one that starts in lower case) is one line.
pub(super) fn split_lines(text: &str) -> Vec<Line<'_>> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut at = 0usize;
    let mut prev_blank = true;
    for raw in text.split_inclusive('\n') {
        let trimmed_start = raw.trim_start();
        let start = at + (raw.len() - trimmed_start.len());
        let t = trimmed_start.trim_end();
        at += raw.len();
        if t.is_empty() {
            prev_blank = true;
            continue;
        }
        let end = start + t.len();
        if let Some(last) = spans.last_mut()
            && !prev_blank
            && t.chars().next().is_some_and(char::is_lowercase)
            && last.1 - last.0 >= 40
            && !ends_sentence(&text[last.0..last.1])
        {
            last.1 = end;
        } else {
            spans.push((start, end));
        }
        prev_blank = false;
    }
    let mut buf = String::new();
    let mut lines: Vec<Line<'_>> = spans.into_iter().map(|(s, e)| line_features(&text[s..e], s, e, &mut buf)).collect();
    let mut first_seen: HashMap<&str, usize> = HashMap::default();
    for i in 0..lines.len() {
        // Only lines with some substance count as repeats; "Home" twice is just a menu.
        if lines[i].words < 3 {
            continue;
        }
        match first_seen.get(lines[i].text) {
            Some(&j) => {
                lines[i].repeat_of = Some(j);
                lines[j].repeated = true;
            }
            None => {
                first_seen.insert(lines[i].text, i);
            }
        }
    }
    lines
}

/// Whether the line reads as a photo caption. `near_body` allows the weaker signs (a repeat, a position marker
/// such as "(R)"), which only mean "caption" in the lead area where photos sit.
pub(super) fn is_caption(line: &Line<'_>, near_body: bool) -> bool {
    if line.words > 90 {
        return false;
    }
    let credit_tail = line.text.ends_with(')') && line.text.rfind('(').is_some_and(|o| line.text[o..].len() < 40);
    match line.cue {
        Some(CueClass::Caption) => true,
        Some(CueClass::CaptionHint) => near_body || line.repeat_of.is_some() || line.repeated || credit_tail,
        _ => near_body && (line.repeated || line.repeat_of.is_some()) && line.shape == Shape::Prose,
    }
}

/// Most lines a page may have for [`promote_short_page`] to read it as a brief.
const SHORT_PAGE_LINES: usize = 5;

/// A page of one or two sentences is an article: a wire brief, a headline alone, a line of a sentence file. Their
/// lines often fail the prose test, being short or dense with names ("Chinese President Xi Jinping meets Russian
/// President Vladimir Putin in Beijing." has one function word in eleven), and a page without prose has no body.
/// So on a page of at most [`SHORT_PAGE_LINES`] lines, none of them prose or a link list, a line that reads as a
/// sentence (at least 4 words, a capital or digit first, a sentence end, no chrome cue) counts as prose; failing
/// any, the longest line that reads as a headline does. Longer pages are left to the prose test, so chrome-only
/// pages (menus, error pages) and every page long enough to have an article keep their reading.
pub(super) fn promote_short_page(lines: &mut [Line<'_>]) {
    if lines.len() > SHORT_PAGE_LINES || lines.iter().any(|l| l.shape != Shape::Short) {
        return;
    }
    let candidate = |l: &Line<'_>| {
        l.cue.is_none()
            && l.words >= 4
            && l.text.chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric() || "\"'“‘".contains(c))
    };
    let mut promoted = false;
    for l in lines.iter_mut().filter(|l| candidate(l) && l.sentence_end) {
        l.shape = Shape::Prose;
        promoted = true;
    }
    if !promoted && let Some(l) = lines.iter_mut().filter(|l| candidate(l) && is_headline(l)).max_by_key(|l| l.words) {
        l.shape = Shape::Prose;
    }
}

/// Whether the line reads as a headline: a handful of words, no closing full stop.
pub(super) fn is_headline(line: &Line<'_>) -> bool {
    (2..=30).contains(&line.words)
        && line.chars <= 250
        && line.shape != Shape::LinkList
        && (!line.sentence_end || line.text.ends_with(['?', '!']))
        && line.cue.is_none_or(|c| matches!(c, CueClass::CaptionHint))
        && line.text.chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric() || c == '\'' || c == '"')
}

/// Whether the line is byline or date metadata.
pub(super) fn is_metadata(line: &Line<'_>, dates: &[DateMention]) -> bool {
    if line.cue == Some(CueClass::Metadata) {
        return true;
    }
    if line.shape == Shape::Prose && line.words > 12 {
        return false;
    }
    // A credit line of any length: "(Reporting by ...; Editing by ...)".
    if !line.sentence_end && line.words <= 30 && CUES.opening_class(line.text) == Some(CueClass::Metadata) {
        return true;
    }
    // A byline: "By SELIN ARSLAN and KARL BJORN".
    if (line.text.starts_with("By ") || line.text.starts_with("BY ")) && line.words <= 12 && !line.sentence_end {
        return true;
    }
    !dates.is_empty() || outlet::credit_in_meta_line(line.text).is_some()
}

#[cfg(test)]
mod token_count_tests {
    use super::*;

    /// The char-by-char reading `token_counts` replaced, kept as its specification.
    fn by_chars(text: &str, buf: &mut String) -> (usize, usize, usize) {
        let (mut words, mut stops, mut seps) = (0usize, 0usize, 0usize);
        for token in text.split_whitespace() {
            if token.chars().count() == 1 && token.starts_with(SEPARATORS) {
                seps += 1;
                continue;
            }
            if !token.chars().any(char::is_alphabetic) {
                continue;
            }
            words += 1;
            let bare = token.trim_matches(|c: char| !c.is_alphanumeric());
            if crate::lang::is_english_stopword(bare, buf) {
                stops += 1;
            }
        }
        (words, stops, seps)
    }

    #[test]
    fn token_counts_match_the_char_by_char_reading() {
        let table = [
            "",
            "Home | News | Sport • Weather",
            "The minister said (on Monday) that the talks \"would\" resume, 12 of them in 2024.",
            "\"The\" 'and' --of-- 3rd 42 ... | || |a a| • •• \u{b7} \u{203a} \u{bb}",
            "Les ministres des affaires étrangères — « et » l'été “the” ‘of’ naïve café’s",
            "Министры и the 北京 and 서울 of",
            "x1 1x 123abc abc123 ,The. (THE) [Of] {and}",
        ];
        let mut buf = String::new();
        for line in table {
            assert_eq!(token_counts(line, &mut buf), by_chars(line, &mut buf), "{line:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn token_counts_match_the_char_by_char_reading_on_any_text(line in "[ a-zA-Z0-9|.,'\"()\\-]{0,60}|\\PC{0,40}") {
            let mut buf = String::new();
            proptest::prop_assert_eq!(token_counts(&line, &mut buf), by_chars(&line, &mut buf));
        }
    }
}
