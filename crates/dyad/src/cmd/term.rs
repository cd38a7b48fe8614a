//! Text from pages made safe to print on a terminal.
//!
//! Page text is untrusted: an ESC byte (raw, or decoded from `&#27;` by an older dyad) can set the terminal's title,
//! move the cursor or worse. Every command that prints page text for a person (`search`, `show`, `timeline` and the
//! `table` formats) passes it through [`safe`]; JSON, TSV and GDELT outputs stay exact, because programs read them.

use std::borrow::Cow;

/// Whether `c` must not reach a terminal: C0 controls, DEL, C1 controls, and the bidirectional overrides and
/// isolates that can make printed text read differently from what it is.
fn unsafe_char(c: char) -> bool {
    matches!(c, '\0'..='\u{1F}' | '\u{7F}'..='\u{9F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every control character replaced: tab, line feed and carriage return by a space (one table row stays
/// one line), anything else by U+FFFD. Borrowed when nothing needed replacing (the usual case).
pub fn safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\t' | '\n' | '\r' => ' ',
                c if unsafe_char(c) => '\u{FFFD}',
                c => c,
            })
            .collect(),
    )
}

/// `name` shortened from the left to at most `max` characters, with "…" in front when cut, so that the end of a
/// path or URL (the part that tells pages apart) stays.
pub fn shorten_left(name: &str, max: usize) -> Cow<'_, str> {
    let n = name.chars().count();
    if n <= max {
        return Cow::Borrowed(name);
    }
    let keep: String = name.chars().skip(n - max.saturating_sub(1)).collect();
    Cow::Owned(format!("…{keep}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let cases = [
            ("plain text – ok", "plain text – ok"),
            ("\u{1b}]0;pwned\u{7}title", "\u{FFFD}]0;pwned\u{FFFD}title"),
            ("a\tb\nc\rd", "a b c d"),
            ("c1 \u{9b}31m and del \u{7f}", "c1 \u{FFFD}31m and del \u{FFFD}"),
            ("bidi \u{202E}evil\u{2066}", "bidi \u{FFFD}evil\u{FFFD}"),
            ("nul \0", "nul \u{FFFD}"),
        ];
        for (input, want) in cases {
            assert_eq!(safe(input), want, "{input:?}");
        }
        assert!(matches!(safe("clean"), Cow::Borrowed(_)));
    }

    #[test]
    fn names_are_shortened_from_the_left() {
        assert_eq!(shorten_left("000.txt", 10), "000.txt");
        assert_eq!(shorten_left("https://example.com/news/2018/item.html", 12), "…8/item.html");
        assert_eq!(shorten_left("ünïcödé-name", 5), "…name");
    }
}
