//! Helpers shared by the integration tests.
#![allow(dead_code)]

use dyad_page::Article;

/// White space collapsed, curly quotes made straight (the gold files compare this way).
pub fn norm(s: &str) -> String {
    let straight: String = s
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{2032}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' => '"',
            c => c,
        })
        .collect();
    straight.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The body as one normalised string.
pub fn body_text(a: &Article) -> String {
    norm(&a.body.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join(" "))
}

/// Whether `body` ends with `want`, allowing `extra_words` more words after it.
pub fn ends_with_tolerant(body: &str, want: &str, extra_words: usize) -> bool {
    let want = norm(want);
    if body.ends_with(&want) {
        return true;
    }
    let mut rest = body;
    for _ in 0..extra_words {
        match rest.rfind(' ') {
            Some(i) => rest = &rest[..i],
            None => return false,
        }
        if rest.ends_with(&want) {
            return true;
        }
    }
    false
}

/// Checks the offsets invariants: every block is inside the page, on char boundaries of the page when the page is
/// UTF-8, blocks and dropped regions do not overlap, and plain-text body blocks are exact slices.
pub fn check_offsets(bytes: &[u8], a: &Article) -> Result<(), String> {
    let text = std::str::from_utf8(bytes).ok();
    let mut spans: Vec<(usize, usize, &str)> = Vec::new();
    for b in &a.body {
        spans.push((b.start, b.end, "body"));
    }
    for b in &a.captions {
        spans.push((b.start, b.end, "caption"));
    }
    for d in &a.dropped {
        spans.push((d.start, d.end, "dropped"));
    }
    for &(s, e, what) in &spans {
        if s > e || e > bytes.len() {
            return Err(format!("{what} {s}..{e} outside 0..{}", bytes.len()));
        }
        if let Some(t) = text
            && (!t.is_char_boundary(s) || !t.is_char_boundary(e))
        {
            return Err(format!("{what} {s}..{e} not on char boundaries"));
        }
    }
    let mut content: Vec<(usize, usize)> = a.body.iter().chain(a.captions.iter()).map(|b| (b.start, b.end)).collect();
    content.sort();
    for w in content.windows(2) {
        if w[0].1 > w[1].0 {
            return Err(format!("blocks overlap: {:?} and {:?}", w[0], w[1]));
        }
    }
    if a.format == dyad_page::PageFormat::Text
        && let Some(t) = text
    {
        for b in a.body.iter().chain(a.captions.iter()) {
            if t.get(b.start..b.end) != Some(b.text.as_str()) {
                return Err(format!("block text is not the page slice {}..{}", b.start, b.end));
            }
        }
    }
    Ok(())
}
