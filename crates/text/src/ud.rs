//! Tokens as Universal Dependencies (English-EWT) splits them, each with its byte span in the text: punctuation
//! split off (`(`, `,`, `"`, a trailing `.` unless it ends an abbreviation such as `U.S.` or `Mr.`), clitics split
//! (`do` `n't`, `ca` `n't`, `John` `'s`, `I` `'m`, `can` `not`), hyphens and slashes between letters split
//! (`center` `-` `north`), currency and percent signs split from numbers; URLs and e-mail addresses kept whole.
//!
//! Every token is a slice of the text (no character is rewritten), so the tokens cover every non-space byte in order.
//!
//! The UD tokens are read from the text stage's tokens ([`ud_words`]), not from a second scan of the text: those
//! tokens cover every non-space byte too, so runs of abutting tokens are the blank-separated chunks UD splits. A
//! chunk of ASCII letters and digits (most words) is one UD token as it stands; the UD rules below split the others
//! (punctuation attached, clitics, hyphens, abbreviations, URLs), merging and splitting the text tokens there.

use dyad_core::Span;

/// Abbreviations (without their period) whose period stays part of the token, compared ignoring ASCII case.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "jr", "sr", "st", "prof", "gen", "sen", "rep", "gov", "col", "lt", "sgt", "capt", "maj",
    "adm", "cmdr", "rev", "pres", "inc", "ltd", "co", "corp", "bros", "no", "vs", "etc", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "ft",
    "mt", "ave", "blvd", "approx", "dept", "est", "fig", "vol", "ca", "cf",
];

/// Clitics split from the end of a word (apostrophe forms; the curly apostrophe is accepted too).
const CLITICS: &[&str] = &["s", "re", "ve", "ll", "d", "m"];

fn is_open(c: char) -> bool {
    matches!(c, '"' | '\'' | '(' | '[' | '{' | '“' | '‘' | '«' | '`' | '¿' | '¡' | '<' | '*' | '„')
}

fn is_close(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | ')' | ']' | '}' | '”' | '’' | '»' | ',' | ';' | ':' | '!' | '?' | '…' | '%' | '>' | '*' | '`'
    )
}

fn is_currency(c: char) -> bool {
    matches!(c, '$' | '€' | '£' | '¥' | '₹' | '#')
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Splits `text[within]` into UD tokens. Spans index `text`; an out-of-range `within` gives no tokens. The same as
/// [`ud_words`] over [`crate::token_spans`]`(text, within)`.
pub fn ud_tokens(text: &str, within: Span) -> Vec<Span> {
    ud_words(text, crate::token_spans(text, within))
}

/// The UD tokens of a sentence read from its text tokens (the spans of [`crate::tokenize`] or
/// [`crate::token_spans`] over `text`, in order): the same spans [`ud_tokens`] gives over the sentence.
pub fn ud_words(text: &str, tokens: impl IntoIterator<Item = Span>) -> Vec<Span> {
    let mut chunks = Chunks { text, out: Vec::new(), run: None };
    for t in tokens {
        let (start, end) = (t.start(), t.end());
        // The one token holding a blank is a split possessive ("People' s"): UD reads its two sides apart.
        let blank_inside =
            text.get(start..end).filter(|s| s.starts_with(is_apostrophe) && s.contains(char::is_whitespace));
        match blank_inside {
            None => chunks.add(start, end),
            Some(s) => {
                let mut from = None;
                for (i, c) in s.char_indices() {
                    match (c.is_whitespace(), from) {
                        (true, Some(f)) => {
                            chunks.add(start + f, start + i);
                            chunks.flush();
                            from = None;
                        }
                        (false, None) => from = Some(i),
                        _ => {}
                    }
                }
                if let Some(f) = from {
                    chunks.add(start + f, end);
                }
            }
        }
    }
    chunks.flush();
    chunks.out
}

/// The blank-separated chunks of a sentence, gathered from its abutting tokens and split into UD tokens.
struct Chunks<'a> {
    text: &'a str,
    out: Vec<Span>,
    /// The chunk being gathered: its byte range.
    run: Option<(usize, usize)>,
}

impl Chunks<'_> {
    /// Adds the non-blank piece `text[start..end]`, which continues the chunk when it abuts it.
    #[inline]
    fn add(&mut self, start: usize, end: usize) {
        match self.run {
            Some((a, b)) if b == start => self.run = Some((a, end)),
            _ => {
                self.flush();
                self.run = Some((start, end));
            }
        }
    }

    /// Splits the chunk gathered so far into UD tokens.
    fn flush(&mut self) {
        let Some((a, b)) = self.run.take() else { return };
        let Some(s) = self.text.get(a..b) else { return };
        // Letters and digits alone (not "cannot"), or one character: one token, as `chunk` would give it.
        let plain = s.bytes().all(|c| c.is_ascii_alphanumeric()) && !s.eq_ignore_ascii_case("cannot");
        if plain || s.chars().nth(1).is_none() {
            push(self.text, a, b, &mut self.out);
        } else {
            chunk(self.text, a, b, &mut self.out);
        }
    }
}

fn push(text: &str, a: usize, b: usize, out: &mut Vec<Span>) {
    if a < b
        && let Ok(s) = Span::new(text, a, b)
    {
        out.push(s);
    }
}

/// One whitespace-free chunk `text[a..b]`.
fn chunk(text: &str, mut a: usize, mut b: usize, out: &mut Vec<Span>) {
    // Leading punctuation, one character at a time (a clitic written alone, "'s", stays whole).
    while let Some(c) = text[a..b].chars().next() {
        let rest = &text[a + c.len_utf8()..b];
        let lone_clitic = is_apostrophe(c) && is_clitic(rest);
        let opens = is_open(c) && !lone_clitic;
        let currency = is_currency(c) && rest.starts_with(|d: char| d.is_ascii_digit());
        if rest.is_empty() || !(opens || currency) {
            break;
        }
        push(text, a, a + c.len_utf8(), out);
        a += c.len_utf8();
    }
    // Trailing punctuation, kept on a stack and emitted after the core.
    let mut tail: Vec<(usize, usize)> = Vec::new();
    while let Some(c) = text[a..b].chars().next_back() {
        let core = &text[a..b - c.len_utf8()];
        if core.is_empty() {
            break;
        }
        if c == '.' {
            let run = text[a..b].bytes().rev().take_while(|&x| x == b'.').count();
            if run >= 2 && run < b - a {
                tail.push((b - run, b));
                b -= run;
                continue;
            }
            if run >= 2 || is_abbreviation(core) {
                break;
            }
            tail.push((b - 1, b));
            b -= 1;
            continue;
        }
        if is_close(c) {
            tail.push((b - c.len_utf8(), b));
            b -= c.len_utf8();
            continue;
        }
        break;
    }
    core(text, a, b, out);
    for &(x, y) in tail.iter().rev() {
        push(text, x, y, out);
    }
}

fn is_clitic(s: &str) -> bool {
    CLITICS.iter().any(|c| s.eq_ignore_ascii_case(c))
}

/// `U.S`, `e.g`, `a.m` (an inner period), a single letter (`J`), or a listed abbreviation.
fn is_abbreviation(core: &str) -> bool {
    let letters_and_dots = core.chars().all(|c| c.is_alphabetic() || c == '.');
    (letters_and_dots && core.contains('.'))
        || (core.chars().count() == 1 && core.chars().all(char::is_alphabetic))
        || ABBREVIATIONS.iter().any(|a| core.eq_ignore_ascii_case(a))
}

fn is_url(s: &str) -> bool {
    s.contains("://") || s.starts_with("www.") || (s.contains('@') && s.contains('.'))
}

/// The core of a chunk: clitics, then inner hyphens, slashes and dashes.
fn core(text: &str, a: usize, b: usize, out: &mut Vec<Span>) {
    let s = &text[a..b];
    if s.is_empty() {
        return;
    }
    if is_url(s) {
        push(text, a, b, out);
        return;
    }
    let lower_ends = |suffix: &str| {
        s.len() > suffix.len() && s.is_char_boundary(s.len() - suffix.len()) && {
            s[s.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
        }
    };
    // n't, with either apostrophe.
    for neg in ["n't", "n’t"] {
        if lower_ends(neg) {
            let cut = b - neg.len();
            inner(text, a, cut, out);
            push(text, cut, b, out);
            return;
        }
    }
    if s.eq_ignore_ascii_case("cannot") {
        push(text, a, a + 3, out);
        push(text, a + 3, b, out);
        return;
    }
    for c in CLITICS {
        for apo in ["'", "’"] {
            let len = apo.len() + c.len();
            if s.len() > len
                && s.is_char_boundary(s.len() - len)
                && s[s.len() - len..].starts_with(apo)
                && s[s.len() - c.len()..].eq_ignore_ascii_case(c)
                && s[..s.len() - len].chars().next_back().is_some_and(char::is_alphanumeric)
            {
                let cut = b - len;
                inner(text, a, cut, out);
                push(text, cut, b, out);
                return;
            }
        }
    }
    inner(text, a, b, out);
}

/// Splits at hyphens and slashes between letters, at dashes and ellipses anywhere, and at commas, semicolons,
/// question and exclamation marks and quotes that are not between digits.
fn inner(text: &str, a: usize, b: usize, out: &mut Vec<Span>) {
    let s = &text[a..b];
    let mut start = 0;
    let mut prev: Option<char> = None;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let next = it.peek().map(|&(_, n)| n);
        let between_letters = prev.is_some_and(char::is_alphabetic) && next.is_some_and(char::is_alphabetic);
        let between_digits = prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit());
        let split = match c {
            '-' | '/' => between_letters,
            '—' | '–' | '…' => true,
            ',' | ';' | '!' | '?' | '"' | '“' | '”' | '(' | ')' => !between_digits && prev.is_some(),
            _ => false,
        };
        if split {
            push(text, a + start, a + i, out);
            push(text, a + i, a + i + c.len_utf8(), out);
            start = i + c.len_utf8();
        }
        prev = Some(c);
    }
    push(text, a + start, b, out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The UD tokens of `text[within]` from a scan of its blanks: how `ud_tokens` read the text before it read the
    /// text stage's tokens, kept as the reference [`ud_words`] must equal.
    fn by_blanks(text: &str, within: Span) -> Vec<Span> {
        let mut out = Vec::new();
        let Some(slice) = within.slice(text) else { return out };
        let base = within.start();
        let mut start = None;
        for (i, c) in slice.char_indices() {
            if c.is_whitespace() {
                if let Some(s) = start.take() {
                    chunk(text, base + s, base + i, &mut out);
                }
            } else if start.is_none() {
                start = Some(i);
            }
        }
        if let Some(s) = start {
            chunk(text, base + s, base + slice.len(), &mut out);
        }
        out
    }

    fn toks(text: &str) -> Vec<&str> {
        let all = Span::new(text, 0, text.len()).unwrap();
        ud_tokens(text, all).iter().map(|s| s.slice(text).unwrap()).collect()
    }

    #[test]
    fn splits_as_ud_english_does() {
        let table: &[(&str, &[&str])] = &[
            ("I don't know.", &["I", "do", "n't", "know", "."]),
            ("We can't, won't and cannot.", &["We", "ca", "n't", ",", "wo", "n't", "and", "can", "not", "."]),
            ("Russia's U.S. envoy", &["Russia", "'s", "U.S.", "envoy"]),
            ("the U.S.", &["the", "U.S."]),
            ("Mr. Kim said: \"Yes.\"", &["Mr.", "Kim", "said", ":", "\"", "Yes", ".", "\""]),
            ("(AFP) - They're here...", &["(", "AFP", ")", "-", "They", "'re", "here", "..."]),
            ("a center-north deal, $50 or 5%", &["a", "center", "-", "north", "deal", ",", "$", "50", "or", "5", "%"]),
            ("1,000 and 3.5 at https://x.org/a.b.", &["1,000", "and", "3.5", "at", "https://x.org/a.b", "."]),
            ("leaders' talks — ok?!", &["leaders", "'", "talks", "—", "ok", "?", "!"]),
            ("“Yes,” she’s said", &["“", "Yes", ",", "”", "she", "’s", "said"]),
            ("and/or", &["and", "/", "or"]),
        ];
        for (text, want) in table {
            assert_eq!(toks(text), *want, "{text}");
        }
    }

    #[test]
    fn long_sentences_punctuation_and_scripts() {
        let long = "word ".repeat(5000);
        assert_eq!(toks(&long).len(), 5000);
        assert_eq!(toks("?!...,;:").join(" "), "? ! ... , ; :");
        assert_eq!(toks("Путин встретился с Си. 金正恩は"), ["Путин", "встретился", "с", "Си", ".", "金正恩は"]);
        let mixed = "Kim Jong-un’s “talks” — Путин, 習近平 & Mr. O'Brien can't; they're at 5:30pm (https://x.org). "
            .repeat(400);
        let punct = "?!...,;:--'\"()’ s‘“”…—".repeat(300);
        for text in [long.as_str(), mixed.as_str(), punct.as_str()] {
            let all = Span::new(text, 0, text.len()).unwrap();
            assert_eq!(ud_tokens(text, all), by_blanks(text, all));
        }
        assert!(ud_tokens(&mixed, Span::new(&mixed, 0, mixed.len()).unwrap()).len() > 5000);
    }

    #[test]
    fn where_ud_and_the_text_stage_differ_the_text_tokens_are_merged_and_split() {
        let table: &[(&str, &[&str])] = &[
            ("Mr. Kim arrived Nov. 5 at 5:30pm.", &["Mr.", "Kim", "arrived", "Nov.", "5", "at", "5:30pm", "."]),
            (
                "Kim Jong-un: I'm sure they're here",
                &["Kim", "Jong", "-", "un", ":", "I", "'m", "sure", "they", "'re", "here"],
            ),
            ("We cannot, see www.un.org/a?b=1.", &["We", "can", "not", ",", "see", "www.un.org/a?b=1", "."]),
            ("The People' s Republic", &["The", "People", "'", "s", "Republic"]),
            ("AT&T and a1,000", &["AT&T", "and", "a1,000"]),
        ];
        for (text, want) in table {
            let all = Span::new(text, 0, text.len()).unwrap();
            let words = ud_words(text, crate::tokenize(text, all).as_slice().iter().map(|t| t.span));
            let got: Vec<&str> = words.iter().map(|s| s.slice(text).unwrap()).collect();
            assert_eq!(got, *want, "{text}");
        }
    }

    /// Every sentence of the example pages, the seed pages (when ../shared is there) and the raw text of every UD
    /// English-EWT sentence: the UD tokens read from the text stage's tokens are those of a scan of the blanks.
    #[test]
    fn ud_words_equal_the_blank_scan_on_every_sentence_of_the_corpora() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let shared = std::env::var_os("DYAD_SHARED").map_or_else(|| root.join("../shared"), std::path::PathBuf::from);
        let mut texts: Vec<String> = Vec::new();
        for dir in [root.join("examples/pages"), shared.join("seeds")] {
            let Ok(files) = std::fs::read_dir(&dir) else {
                println!("skipped: {} not found", dir.display());
                continue;
            };
            for f in files.flatten() {
                texts.push(String::from_utf8_lossy(&std::fs::read(f.path()).unwrap()).into_owned());
            }
        }
        let ewt = shared.join("treebanks/UD_English-EWT");
        let mut ewt_sentences = 0;
        for part in ["train", "dev", "test"] {
            let Ok(file) = std::fs::read_to_string(ewt.join(format!("en_ewt-ud-{part}.conllu"))) else {
                println!("skipped: EWT {part} not found");
                continue;
            };
            let lines: Vec<&str> = file.lines().filter_map(|l| l.strip_prefix("# text = ")).collect();
            ewt_sentences += lines.len();
            texts.push(lines.join("\n"));
        }
        let mut sentences = 0;
        for text in &texts {
            for s in crate::sentences(text) {
                let words = ud_words(text, s.tokens.as_slice().iter().map(|t| t.span));
                assert_eq!(words, by_blanks(text, s.span), "{:?}", s.span.slice(text));
                sentences += 1;
            }
            let all = Span::new(text, 0, text.len()).unwrap();
            assert_eq!(ud_tokens(text, all), by_blanks(text, all));
        }
        assert!(sentences > 100 && (ewt_sentences == 0 || ewt_sentences > 16_000), "{sentences} {ewt_sentences}");
    }

    proptest! {
        #[test]
        fn ud_words_of_the_text_tokens_equal_the_blank_scan(
            text in "(\\PC|[ \n.,;:!?'’‘\"“”()\\-–—/$%&@#…]|n't|'s|' s|'re|'m|cannot|Mr\\.|U\\.S\\.|www\\.|://|[a-zA-Z]{1,5}|[0-9]{1,3}){0,40}",
            a in 0usize..200,
            b in 0usize..200,
        ) {
            let (a, b) = (a.min(b).min(text.len()), a.max(b).min(text.len()));
            if let Ok(within) = Span::new(&text, a, b) {
                let reference = by_blanks(&text, within);
                prop_assert_eq!(&ud_tokens(&text, within), &reference);
                let tokens = crate::tokenize(&text, within);
                prop_assert_eq!(&ud_words(&text, tokens.as_slice().iter().map(|t| t.span)), &reference);
            }
        }

        #[test]
        fn spans_cover_every_non_space_byte_in_order(text in "(\\PC|[ .,'’\"\\-/$%n't]){0,80}", a in 0usize..90, b in 0usize..90) {
            let (a, b) = (a.min(b).min(text.len()), a.max(b).min(text.len()));
            if let Ok(within) = Span::new(&text, a, b) {
                let spans = ud_tokens(&text, within);
                let mut at = a;
                for s in &spans {
                    prop_assert!(s.start() >= at && s.start() < s.end());
                    prop_assert!(text.is_char_boundary(s.start()) && text.is_char_boundary(s.end()));
                    prop_assert!(text[at..s.start()].chars().all(char::is_whitespace));
                    prop_assert!(!s.slice(&text).unwrap().chars().any(char::is_whitespace));
                    at = s.end();
                }
                prop_assert!(at <= b);
                prop_assert!(text[at..b].chars().all(char::is_whitespace));
            }
        }
    }
}
