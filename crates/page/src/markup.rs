//! Markup blanked out byte for byte: every tag, comment and script becomes spaces and block-level tags leave a
//! line break, so the plain-text reader can read an HTML page (or a region of one) with its offsets intact.

const BLOCK_TAGS: [&str; 24] = [
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "title",
    "blockquote",
    "figcaption",
    "figure",
];
const SKIP_TAGS: [&str; 5] = ["script", "style", "noscript", "template", "svg"];

/// The page with every tag, comment and script blanked to spaces; block tags leave a newline.
pub(crate) fn blank_markup(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut out = bytes.to_vec();
    let mut i = 0;
    let mut skip_until: Option<&str> = None;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            if skip_until.is_some() {
                out[i] = if bytes[i] == b'\n' { b'\n' } else { b' ' };
            }
            i += 1;
            continue;
        }
        let end = if bytes[i..].starts_with(b"<!--") {
            memchr::memmem::find(&bytes[i..], b"-->").map_or(bytes.len(), |e| i + e + 3)
        } else {
            memchr::memchr(b'>', &bytes[i..]).map_or(bytes.len(), |e| i + e + 1)
        };
        let inner = &html[i + 1..crate::input::floor_boundary(html, end.saturating_sub(1).max(i + 1))];
        let closing = inner.starts_with('/');
        let name: String = inner
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if let Some(skip) = skip_until {
            if closing && name == skip {
                skip_until = None;
            } else {
                for b in &mut out[i..i + 1] {
                    *b = b' ';
                }
                i += 1;
                continue;
            }
        } else if !closing && !inner.ends_with('/') {
            skip_until = SKIP_TAGS.iter().find(|t| **t == name).copied();
        }
        for b in &mut out[i..end] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
        if BLOCK_TAGS.contains(&name.as_str()) {
            out[i] = b'\n';
        }
        i = end;
    }
    // Only ASCII bytes were written, each over a whole tag or a whole character run, so the result is UTF-8;
    // fall back to a lossy copy rather than panic if that reasoning ever breaks.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blanks_keep_offsets() {
        let html = "<p>Héllo <b>wörld</b></p><script>var x = '<p>';</script><p>Two</p>";
        let b = blank_markup(html);
        assert_eq!(b.len(), html.len());
        assert_eq!(&b[b.find("Héllo").unwrap()..][..7], "Héllo ");
        assert!(!b.contains("var"));
        assert!(b.contains("Two"));
    }
}
