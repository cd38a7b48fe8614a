//! A small sentence splitter for callers that pass whole texts (`resolve`, `dyad resolve`). The pipeline itself
//! passes sentences from the text stage; this only has to keep coreference state sensible.

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep", "prof", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "inc", "corp", "co", "jr", "sr", "u.s",
    "u.k", "u.n", "e.u",
];

/// Byte ranges of the sentences of `text`: split at line breaks and at `.`, `!`, `?` followed by white space and
/// a capital, quote or digit, unless the word before is an abbreviation or a single capital letter.
pub fn split_sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let boundary_end = if b == b'\n' {
            Some(i)
        } else if matches!(b, b'.' | b'!' | b'?') {
            let mut j = i + 1;
            while j < bytes.len() && matches!(bytes[j], b'"' | b'\'' | b')') {
                j += 1;
            }
            let next_is_space = j < bytes.len() && (bytes[j] == b' ' || bytes[j] == b'\t');
            let mut k = j;
            while k < bytes.len() && bytes[k] == b' ' {
                k += 1;
            }
            let next_starts = k < bytes.len()
                && (bytes[k].is_ascii_uppercase()
                    || bytes[k].is_ascii_digit()
                    || matches!(bytes[k], b'"' | b'(' | 0xE2));
            if next_is_space && next_starts && (b != b'.' || !is_abbreviation(&text[start..i])) {
                Some(j)
            } else {
                None
            }
        } else {
            None
        };
        if let Some(end) = boundary_end {
            push_trimmed(text, start, end, &mut out);
            start = end;
        }
        i += 1;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn is_abbreviation(before: &str) -> bool {
    let word = before.rsplit([' ', '\n', '\t', '(']).next().unwrap_or("");
    let lower = word.to_ascii_lowercase();
    (word.len() == 1 && word.bytes().all(|b| b.is_ascii_uppercase())) || ABBREVIATIONS.contains(&lower.as_str())
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let Some(slice) = text.get(start..end) else { return };
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if slice.trim().is_empty() {
        return;
    }
    out.push((start + lead, end - trail));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_but_keeps_abbreviations() {
        let t = "The U.S. envoy met Mr. Kim on Nov. 5. He left.\nNext line";
        let parts: Vec<&str> = split_sentences(t).iter().map(|&(s, e)| &t[s..e]).collect();
        assert_eq!(parts, vec!["The U.S. envoy met Mr. Kim on Nov. 5.", "He left.", "Next line"]);
    }
}
