//! Chrome cue phrases (`data/page_cues.tsv`): headings such as "Leave a Reply" or "Tags", caption credits such as
//! "in this photo", and wire end markers such as "Enditem".

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use dyad_core::{DataError, data_lines, tsv_columns};
use std::sync::LazyLock;

/// What a cue says about its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum CueClass {
    Comments,
    Related,
    Disclaimer,
    Tags,
    Footer,
    Share,
    Breadcrumb,
    Ticker,
    Advertising,
    Metadata,
    Caption,
    CaptionHint,
    EndMarker,
}

impl CueClass {
    /// Whether a line of this class, once the article has started, ends it.
    pub(crate) fn ends_article(self) -> bool {
        matches!(
            self,
            CueClass::Comments | CueClass::Related | CueClass::Disclaimer | CueClass::Tags | CueClass::Footer
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Where {
    Line,
    Anywhere,
    Tail,
}

struct Cue {
    class: CueClass,
    place: Where,
    words: usize,
}

pub(crate) struct Cues {
    cues: Vec<Cue>,
    matcher: AhoCorasick,
    tails: Vec<(String, CueClass)>,
}

const CUES_TSV: &str = include_str!("../../../data/page_cues.tsv");
const CUES_FILE: &str = "page_cues.tsv";

pub(crate) static CUES: LazyLock<Cues> = LazyLock::new(|| load(CUES_TSV));

/// The parsed table. The file is compiled in and validated by a unit test, so a bad line is a build defect: it
/// panics at first use, naming the file and the line.
fn load(src: &str) -> Cues {
    parse(src).unwrap_or_else(|e| panic!("bad embedded data file {e}"))
}

fn parse(text: &str) -> Result<Cues, DataError> {
    let mut cues = Vec::new();
    let mut patterns = Vec::new();
    let mut tails = Vec::new();
    for (line, row) in data_lines(text) {
        let err = |message: String| DataError { file: CUES_FILE, line, message };
        let [class, place, phrase] = tsv_columns(CUES_FILE, line, row)?;
        let class = match class {
            "comments" => CueClass::Comments,
            "related" => CueClass::Related,
            "disclaimer" => CueClass::Disclaimer,
            "tags" => CueClass::Tags,
            "footer" => CueClass::Footer,
            "share" => CueClass::Share,
            "breadcrumb" => CueClass::Breadcrumb,
            "ticker" => CueClass::Ticker,
            "advertising" => CueClass::Advertising,
            "metadata" => CueClass::Metadata,
            "caption" => CueClass::Caption,
            "caption_hint" => CueClass::CaptionHint,
            "end_marker" => CueClass::EndMarker,
            other => return Err(err(format!("unknown class {other:?}"))),
        };
        let place = match place {
            "line" => Where::Line,
            "anywhere" => Where::Anywhere,
            "tail" => Where::Tail,
            other => return Err(err(format!("unknown place {other:?}"))),
        };
        if phrase.is_empty() {
            return Err(err("empty phrase".into()));
        }
        if place == Where::Tail {
            tails.push((phrase.to_string(), class));
            continue;
        }
        // The matcher ignores ASCII case, so two spellings of one phrase must agree on what they mean.
        let lower = phrase.to_ascii_lowercase();
        if let Some(i) = patterns.iter().position(|p: &String| p.to_ascii_lowercase() == lower) {
            let seen: &Cue = &cues[i];
            if seen.class != class || seen.place != place {
                return Err(err(format!("{phrase:?} is listed before with another class or place")));
            }
            continue;
        }
        cues.push(Cue { class, place, words: phrase.split_whitespace().count() });
        patterns.push(phrase.to_string());
    }
    // A DFA (the default for this many patterns would be an NFA): it is searched once per line of every page,
    // and a DFA takes a few instructions a byte where the NFA takes several times that; the matches are the same.
    let matcher = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(&patterns)
        .map_err(|e| DataError { file: CUES_FILE, line: 0, message: e.to_string() })?;
    Ok(Cues { cues, matcher, tails })
}

fn boundary(text: &str, start: usize, end: usize) -> bool {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    let first_is_word = text[start..].chars().next().is_some_and(char::is_alphanumeric);
    let last_is_word = text[..end].chars().next_back().is_some_and(char::is_alphanumeric);
    (!first_is_word || !word(text[..start].chars().next_back())) && (!last_is_word || !word(text[end..].chars().next()))
}

impl Cues {
    /// The class of a whole line (already trimmed), if a cue marks it.
    /// A `line` cue must open the line (after a count such as "3 Comments") and the line may hold at most three
    /// more words (or up to 15 words in all for cues of three words or more, which read as sentences).
    pub(crate) fn line_class(&self, line: &str) -> Option<CueClass> {
        let words = line.split_whitespace().count();
        // A leading count: "1 reply", "12 Comments".
        let lead = line.trim_start_matches(|c: char| c.is_ascii_digit() || c == '(' || c == ')').trim_start();
        let lead_at = line.len() - lead.len();
        let mut anywhere = None;
        for m in self.matcher.find_iter(line) {
            if !boundary(line, m.start(), m.end()) {
                continue;
            }
            let cue = &self.cues[m.pattern().as_usize()];
            match cue.place {
                Where::Line => {
                    let opens = m.start() == 0 || m.start() == lead_at;
                    let fits = words <= cue.words + 3 || (cue.words >= 3 && words <= 15);
                    if opens && fits {
                        return Some(cue.class);
                    }
                }
                Where::Anywhere => {
                    // A strong caption sign outranks a position marker such as "(R)".
                    let rank = |c: CueClass| match c {
                        CueClass::Caption => 2,
                        CueClass::CaptionHint => 0,
                        _ => 1,
                    };
                    if anywhere.is_none_or(|a| rank(cue.class) > rank(a)) {
                        anywhere = Some(cue.class);
                    }
                }
                Where::Tail => {}
            }
        }
        anywhere
    }

    /// The class of a `line` cue that opens the line (after a count or an opening parenthesis), however long the
    /// line is: "(Reporting by A and B; Editing by C)".
    pub(crate) fn opening_class(&self, line: &str) -> Option<CueClass> {
        let lead = line.trim_start_matches(|c: char| c.is_ascii_digit() || c == '(' || c == ')').trim_start();
        let lead_at = line.len() - lead.len();
        let m = self.matcher.find(lead)?;
        let cue = &self.cues[m.pattern().as_usize()];
        (m.start() == 0 && cue.place == Where::Line && boundary(line, lead_at, lead_at + m.end())).then_some(cue.class)
    }

    /// If `text` ends with a wire end marker (or its truncation to four or more letters, as when a page is cut
    /// short: "Endi"), the byte offset where the marker starts.
    pub(crate) fn end_marker_at(&self, text: &str) -> Option<usize> {
        let t = text.trim_end();
        // The last word starts after the last white-space character, which may be several bytes long (U+00A0).
        let start = t.char_indices().rev().find(|(_, c)| c.is_whitespace()).map_or(0, |(i, c)| i + c.len_utf8());
        let last = &t[start..];
        if last.is_empty() || start == 0 {
            return None;
        }
        let before = t[..start].trim_end();
        if !before.ends_with(['.', '!', '?', '"', '”', '’', '\'', ')']) {
            return None;
        }
        for (marker, _) in &self.tails {
            let exact = last.eq_ignore_ascii_case(marker);
            let truncated = last.len() >= 4
                && last.len() < marker.len()
                && marker.is_char_boundary(last.len())
                && marker[..last.len()].eq_ignore_ascii_case(last)
                && last.chars().all(char::is_alphabetic);
            if exact || truncated {
                return Some(start);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[should_panic(expected = "page_cues.tsv:2: ")]
    fn a_bad_file_panics_at_first_use_naming_file_and_line() {
        load("comments\tline\tX\nfooter\tline\n");
    }

    #[test]
    fn file_loads() {
        let c = parse(CUES_TSV).unwrap();
        assert!(c.cues.len() > 50);
        assert!(!c.tails.is_empty());
        assert!(parse("comments\tline\n").is_err());
        assert!(parse("nonsense\tline\tX\n").is_err());
        assert!(parse("footer\tline\tAll rights\nfooter\tanywhere\tall Rights\n").is_err());
    }

    #[test]
    fn a_bad_line_names_its_file_and_line() {
        let Err(e) = parse("# class\tplace\tphrase\n\ncomments\tline\tLeave a Reply\nfooter\tline\n") else {
            panic!("a two-column line must be rejected");
        };
        assert_eq!((e.file, e.line), ("page_cues.tsv", 4));
        let Err(e) = parse("comments\tline\tX\n\nfooter\tnowhere\tY\n") else { panic!("unknown place accepted") };
        assert_eq!((e.file, e.line), ("page_cues.tsv", 3));
    }

    #[test]
    fn line_cues() {
        let c = &*CUES;
        assert_eq!(c.line_class("Leave a Reply"), Some(CueClass::Comments));
        assert_eq!(c.line_class("3 Comments"), Some(CueClass::Comments));
        assert_eq!(c.line_class("Tags:"), Some(CueClass::Tags));
        assert_eq!(c.line_class("Related talks were held on Monday between the two delegations in Geneva."), None);
        assert_eq!(c.line_class("Ministers discussed the tags on imports."), None);
        assert_eq!(c.line_class("Kim (R) and Putin shake hands"), Some(CueClass::CaptionHint));
        assert_eq!(c.line_class("Kim and Putin in this photo"), Some(CueClass::Caption));
        assert_eq!(c.line_class("Copyright 2024 Example Media. All Rights Reserved."), Some(CueClass::Footer));
        assert_eq!(c.line_class("(c) 2024 Example Media. All rights reserved."), Some(CueClass::Footer));
    }

    #[test]
    fn opening_cues() {
        let c = &*CUES;
        let credit = "(Reporting by Ann Lee and Bo Kim in Seoul; Additional reporting by Cy Doe; Editing by Di Fox)";
        assert_eq!(c.opening_class(credit), Some(CueClass::Metadata));
        assert_eq!(c.line_class(credit), None);
        assert_eq!(c.opening_class("The talks ended."), None);
    }

    #[test]
    fn end_markers() {
        let c = &*CUES;
        let t = "as saying. Endi";
        assert_eq!(c.end_marker_at(t), Some(11));
        assert_eq!(c.end_marker_at("as saying. Enditem"), Some(11));
        assert_eq!(c.end_marker_at("the end of the story"), None);
        assert_eq!(c.end_marker_at("as saying. Endangered"), None);
        assert_eq!(c.end_marker_at("as saying.\u{a0}Endi"), Some(12));
        assert_eq!(c.end_marker_at("new places\u{a0}®."), None);
    }
}
