//! Tokens as Universal Dependencies (English-EWT) splits them, each with its byte span in the text: punctuation
//! split off (`(`, `,`, `"`, a trailing `.` unless it ends an abbreviation such as `U.S.` or `Mr.`), clitics split
//! (`do` `n't`, `ca` `n't`, `John` `'s`, `I` `'m`, `can` `not`), hyphens and slashes between letters split
//! (`center` `-` `north`), currency and percent signs split from numbers; URLs and e-mail addresses kept whole.
//!
//! Every token is a slice of the text (no character is rewritten), so the tokens cover every non-space byte in order.

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

/// Splits `text[within]` into UD tokens. Spans index `text`; an out-of-range `within` gives no tokens.
pub fn ud_tokens(text: &str, within: Span) -> Vec<Span> {
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
    }

    proptest! {
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
