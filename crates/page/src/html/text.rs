//! Text of HTML: entity decoding and white-space collapsing, plus the two data tables HTML extraction reads
//! (`data/html-entities.tsv`, `data/html-boilerplate.tsv`).

use crate::model::DropReason;
use dyad_core::{DataError, data_lines, tsv_columns};
use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

static ENTITIES_TSV: &str = include_str!("../../../../data/html-entities.tsv");
static BOILERPLATE_TSV: &str = include_str!("../../../../data/html-boilerplate.tsv");

/// Named character references: name → character.
pub(crate) static ENTITIES: LazyLock<HashMap<&'static str, char>> =
    LazyLock::new(|| loaded(parse_entities(ENTITIES_TSV)));

/// Boilerplate class/id words, split by how they match.
pub(crate) struct Boilerplate {
    /// Whole words (attribute split at space, `-`, `_`).
    pub words: HashMap<&'static str, DropReason>,
    /// Substrings of the lowercased attribute.
    pub parts: Vec<(&'static str, DropReason)>,
    /// One automaton over `parts`, so an attribute is scanned once.
    pub parts_ac: aho_corasick::AhoCorasick,
}

pub(crate) static BOILERPLATE: LazyLock<Boilerplate> = LazyLock::new(|| loaded(parse_boilerplate(BOILERPLATE_TSV)));

/// A parsed data table. The files are compiled in and validated by unit tests, so a bad line is a build defect: it
/// panics at first use, naming the file and the line, rather than leaving the table empty.
fn loaded<T>(parsed: Result<T, DataError>) -> T {
    parsed.unwrap_or_else(|e| panic!("bad embedded data file {e}"))
}

const ENTITIES_FILE: &str = "html-entities.tsv";
const BOILERPLATE_FILE: &str = "html-boilerplate.tsv";

pub(crate) fn parse_entities(tsv: &str) -> Result<HashMap<&str, char>, DataError> {
    let mut map = HashMap::default();
    for (line, row) in data_lines(tsv) {
        let err = |message: String| DataError { file: ENTITIES_FILE, line, message };
        let [name, hex] = tsv_columns(ENTITIES_FILE, line, row)?;
        let c = u32::from_str_radix(hex, 16)
            .ok()
            .and_then(char::from_u32)
            .ok_or_else(|| err(format!("bad code point {hex:?}")))?;
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(err(format!("bad name {name:?}")));
        }
        map.insert(name, c);
    }
    Ok(map)
}

pub(crate) fn reason_from_name(name: &str) -> Option<DropReason> {
    Some(match name {
        "navigation" => DropReason::Navigation,
        "ticker" => DropReason::Ticker,
        "breadcrumb" => DropReason::Breadcrumb,
        "header" => DropReason::Header,
        "footer" => DropReason::Footer,
        "comments" => DropReason::Comments,
        "disclaimer" => DropReason::Disclaimer,
        "related" => DropReason::Related,
        "tags" => DropReason::Tags,
        "metadata" => DropReason::Metadata,
        "advertising" => DropReason::Advertising,
        "boilerplate" => DropReason::Boilerplate,
        "markup" => DropReason::Markup,
        _ => return None,
    })
}

pub(crate) fn parse_boilerplate(tsv: &'static str) -> Result<Boilerplate, DataError> {
    let mut words = HashMap::default();
    let mut parts = Vec::new();
    for (line, row) in data_lines(tsv) {
        let err = |message: &str| DataError { file: BOILERPLATE_FILE, line, message: message.into() };
        let [kind, pattern, reason] = tsv_columns(BOILERPLATE_FILE, line, row)?;
        let reason = reason_from_name(reason).ok_or_else(|| err("bad reason"))?;
        if pattern.is_empty() || pattern.bytes().any(|b| b.is_ascii_uppercase() || b.is_ascii_whitespace()) {
            return Err(err("pattern must be lowercase, no spaces"));
        }
        match kind {
            "word" => {
                words.insert(pattern, reason);
            }
            "part" => parts.push((pattern, reason)),
            _ => return Err(err("match must be word or part")),
        }
    }
    let parts_ac = aho_corasick::AhoCorasick::new(parts.iter().map(|p| p.0)).map_err(|e| DataError {
        file: BOILERPLATE_FILE,
        line: 0,
        message: e.to_string(),
    })?;
    Ok(Boilerplate { words, parts, parts_ac })
}

impl Boilerplate {
    /// The drop reason a class or id value implies, if any. `lower` is a scratch buffer.
    pub(crate) fn classify(&self, value: &str, lower: &mut String) -> Option<DropReason> {
        if value.is_empty() {
            return None;
        }
        lower.clear();
        lower.extend(value.chars().map(|c| c.to_ascii_lowercase()));
        for w in lower.split(|c: char| c.is_ascii_whitespace() || c == '-' || c == '_') {
            if let Some(&r) = self.words.get(w) {
                return Some(r);
            }
        }
        self.parts_ac.find(lower.as_str()).map(|m| self.parts[m.pattern().as_usize()].1)
    }
}

/// Bytes that interrupt plain text: `&`, ASCII white space, and the lead byte of U+00A0.
static SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    t[b'&' as usize] = true;
    t[b' ' as usize] = true;
    t[b'\t' as usize] = true;
    t[b'\n' as usize] = true;
    t[b'\r' as usize] = true;
    t[0x0C] = true;
    t[0xC2] = true;
    t
};

/// Builds collapsed, entity-decoded text from raw HTML character data.
#[derive(Default)]
pub(crate) struct TextBuf {
    pub text: String,
    pending_space: bool,
}

impl TextBuf {
    pub(crate) fn clear(&mut self) {
        self.text.clear();
        self.pending_space = false;
    }

    /// A word break (from `<br>` or a block edge).
    pub(crate) fn space(&mut self) {
        if !self.text.is_empty() {
            self.pending_space = true;
        }
    }

    /// Appends raw character data, decoding references and collapsing white space.
    pub(crate) fn push_raw(&mut self, raw: &str) {
        let b = raw.as_bytes();
        let mut plain_from = 0;
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            if !SPECIAL[c as usize] {
                i += 1;
                continue;
            }
            if c == 0xC2 && b.get(i + 1) != Some(&0xA0) {
                i += 1;
                continue;
            }
            self.push_plain(&raw[plain_from..i]);
            if c == b'&' {
                let (decoded, used) = decode_ref(&raw[i..]);
                match decoded {
                    Some(ch) if ch.is_whitespace() => self.space(),
                    Some(ch) => {
                        let mut buf = [0u8; 4];
                        self.push_plain(ch.encode_utf8(&mut buf));
                    }
                    None => self.push_plain("&"),
                }
                i += used;
            } else {
                self.space();
                // A no-break space (C2 A0) is two bytes; ASCII white space is one.
                i += if c == 0xC2 { 2 } else { 1 };
            }
            plain_from = i;
        }
        self.push_plain(&raw[plain_from..]);
    }

    fn push_plain(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        if self.pending_space && !self.text.is_empty() {
            self.text.push(' ');
        }
        self.pending_space = false;
        self.text.push_str(s);
    }
}

/// Decodes one character reference at the start of `s` (which starts with `&`). Returns the character (or
/// `None` when it is not a reference) and the bytes consumed (1 for a bare `&`).
fn decode_ref(s: &str) -> (Option<char>, usize) {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let (hex, digits_at) = if matches!(b.get(2), Some(b'x' | b'X')) { (true, 3) } else { (false, 2) };
        let mut end = digits_at;
        while end < b.len() && (if hex { b[end].is_ascii_hexdigit() } else { b[end].is_ascii_digit() }) {
            end += 1;
        }
        if end == digits_at {
            return (None, 1);
        }
        let n = if end - digits_at > 8 {
            0xFFFD
        } else {
            u32::from_str_radix(&s[digits_at..end], if hex { 16 } else { 10 }).unwrap_or(0xFFFD)
        };
        let n = match n {
            // Windows-1252 code points that pages write as numeric references.
            0x80..=0x9F => cp1252(n),
            _ => n,
        };
        // A reference to a control character (`&#27;` is ESC, which can drive a terminal) or to an unassigned
        // Windows-1252 slot becomes U+FFFD, as the HTML standard has it; tab, line feed, form feed and carriage
        // return stay.
        let n = match n {
            0x09 | 0x0A | 0x0C | 0x0D => n,
            0x00..=0x1F | 0x7F..=0x9F => 0xFFFD,
            _ => n,
        };
        let used = if b.get(end) == Some(&b';') { end + 1 } else { end };
        return (Some(char::from_u32(n).unwrap_or('\u{FFFD}')), used);
    }
    let mut end = 1;
    while end < b.len() && end < 33 && b[end].is_ascii_alphanumeric() {
        end += 1;
    }
    if end == 1 {
        return (None, 1);
    }
    match ENTITIES.get(&s[1..end]) {
        Some(&c) => (Some(c), if b.get(end) == Some(&b';') { end + 1 } else { end }),
        None => (None, 1),
    }
}

fn cp1252(n: u32) -> u32 {
    const TABLE: [u32; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
        0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x9D, 0x017E, 0x0178,
    ];
    TABLE.get((n - 0x80) as usize).copied().unwrap_or(n)
}

/// Decodes and collapses a raw attribute value or short raw text.
pub(crate) fn clean(raw: &str) -> String {
    let mut t = TextBuf::default();
    t.push_raw(raw);
    t.text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_load() {
        let e = parse_entities(ENTITIES_TSV).unwrap();
        assert!(e.len() > 250);
        assert_eq!(e.get("rsquo"), Some(&'\u{2019}'));
        let b = parse_boilerplate(BOILERPLATE_TSV).unwrap();
        assert!(b.words.len() > 10 && b.parts.len() > 30);
    }

    #[test]
    fn a_bad_line_names_its_file_and_line() {
        let e = parse_entities("# name\thex\namp\t26\n\nlt\tnot-hex\n").unwrap_err();
        assert_eq!((e.file, e.line), ("html-entities.tsv", 4));
        assert_eq!(parse_entities("amp\t26\tx\n").unwrap_err().line, 1);
        let Err(e) = parse_boilerplate("# match\tpattern\treason\nword\tnav\tnavigation\npart\tad\n") else {
            panic!("a two-column line must be rejected");
        };
        assert_eq!((e.file, e.line), ("html-boilerplate.tsv", 3));
    }

    #[test]
    #[should_panic(expected = "html-entities.tsv:3: ")]
    fn a_bad_entities_file_panics_naming_file_and_line() {
        loaded(parse_entities("amp\t26\n\nlt\tnot-hex\n"));
    }

    #[test]
    #[should_panic(expected = "html-boilerplate.tsv:2: ")]
    fn a_bad_boilerplate_file_panics_naming_file_and_line() {
        loaded(parse_boilerplate("word\tnav\tnavigation\npart\tad\n"));
    }

    #[test]
    fn decodes_and_collapses() {
        let cases = [
            ("a &amp; b", "a & b"),
            ("  Kim&nbsp;Jong  \n un ", "Kim Jong un"),
            ("it&#8217;s &#x201C;x&#x201d;", "it\u{2019}s \u{201C}x\u{201D}"),
            ("AT&T &unknown; &", "AT&T &unknown; &"),
            ("&#150; dash &#0;", "\u{2013} dash \u{FFFD}"),
            ("title&#27;]0;pwned&#x7;&#x8d;&#129;", "title\u{FFFD}]0;pwned\u{FFFD}\u{FFFD}\u{FFFD}"),
            ("&lt;p&gt;&copy", "<p>\u{a9}"),
            ("&#99999999999;", "\u{FFFD}"),
        ];
        for (raw, want) in cases {
            assert_eq!(clean(raw), want, "{raw:?}");
        }
    }

    #[test]
    fn classifies_class_words() {
        let mut buf = String::new();
        let b = &*BOILERPLATE;
        assert_eq!(b.classify("site-nav main", &mut buf), Some(DropReason::Navigation));
        assert_eq!(b.classify("ad", &mut buf), Some(DropReason::Advertising));
        assert_eq!(b.classify("header-ad-slot", &mut buf), Some(DropReason::Advertising));
        assert_eq!(b.classify("article-body", &mut buf), None);
        assert_eq!(b.classify("shadow head read", &mut buf), None);
        assert_eq!(b.classify("comment-list", &mut buf), Some(DropReason::Comments));
    }
}
