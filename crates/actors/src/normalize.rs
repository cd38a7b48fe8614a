//! Text normalisation for matching, with a map back to the original byte offsets.
//!
//! Case, diacritics, hyphens, apostrophes and runs of white space are folded so that "Kim Il-sung" and "Kim Il
//! Sung", "People's" and "People' s", "Diaz-Canel" and "Díaz Canel" become the same key. Every output byte remembers
//! the original byte offset of the char it came from, so matches on the normalised text map back to exact spans.

/// Normalised text plus, for every byte of it, the original byte offset of the char that produced it.
#[derive(Debug, Default, Clone)]
pub struct Normalized {
    /// The folded text: lowercase ASCII where possible, single spaces, no hyphens or apostrophes.
    pub text: String,
    /// `src[i]` is the byte offset in the original of the char that produced byte `i` of `text`.
    pub src: Vec<u32>,
}

impl Normalized {
    /// Normalises `original` into `self`, reusing the buffers.
    pub fn fill(&mut self, original: &str) {
        self.text.clear();
        self.src.clear();
        // Folding rarely lengthens text: one reservation instead of growing a fresh buffer push by push.
        self.text.reserve(original.len());
        self.src.reserve(original.len());
        let mut pending_space: Option<u32> = None;
        for (at, ch) in original.char_indices() {
            let at = at as u32;
            if ch.is_ascii_alphanumeric() || (ch.is_ascii_punctuation() && ch != '-' && ch != '\'' && ch != '`') {
                // The common case: one ASCII byte in, one out.
                if let Some(sp) = pending_space.take() {
                    self.text.push(' ');
                    self.src.push(sp);
                }
                self.text.push(ch.to_ascii_lowercase());
                self.src.push(at);
                continue;
            }
            if is_space_like(ch) {
                if !self.text.is_empty() && pending_space.is_none() {
                    pending_space = Some(at);
                }
                continue;
            }
            if let Some(sp) = pending_space.take() {
                self.push(' ', sp);
            }
            let folded = fold_char(ch);
            match folded {
                Folded::One(c) => self.push(c, at),
                Folded::Two(a, b) => {
                    self.push(a, at);
                    self.push(b, at);
                }
            }
        }
    }

    fn push(&mut self, c: char, at: u32) {
        let before = self.text.len();
        self.text.push(c);
        for _ in before..self.text.len() {
            self.src.push(at);
        }
    }

    /// The original byte range `[start, end)` for the normalised range `[start, end)` (`end > start`).
    pub fn original_range(&self, original: &str, start: usize, end: usize) -> Option<(usize, usize)> {
        let s = *self.src.get(start)? as usize;
        let last = *self.src.get(end.checked_sub(1)?)? as usize;
        let width = original.get(last..)?.chars().next()?.len_utf8();
        Some((s, last + width))
    }
}

/// Normalises one string (used for dictionary keys).
pub fn normalize(s: &str) -> String {
    let mut n = Normalized::default();
    n.fill(s);
    n.text
}

fn is_space_like(ch: char) -> bool {
    ch.is_whitespace()
        || matches!(
            ch,
            '-' | '\u{2010}'
                | '\u{2011}'
                | '\u{2012}'
                | '\u{2013}'
                | '\u{2014}'
                | '\''
                | '\u{2019}'
                | '\u{2018}'
                | '`'
                | '\u{02BC}'
        )
}

enum Folded {
    One(char),
    Two(char, char),
}

fn fold_char(ch: char) -> Folded {
    if ch.is_ascii() {
        return Folded::One(ch.to_ascii_lowercase());
    }
    let lower = ch.to_lowercase().next().unwrap_or(ch);
    let base = match lower {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' | 'ĉ' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' | 'ė' => 'e',
        'ğ' | 'ĝ' | 'ģ' => 'g',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' | 'į' => 'i',
        'ł' | 'ľ' | 'ĺ' | 'ļ' => 'l',
        'ñ' | 'ń' | 'ň' | 'ņ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ř' | 'ŕ' => 'r',
        'ś' | 'š' | 'ş' | 'ș' => 's',
        'ť' | 'ţ' | 'ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        '\u{201C}' | '\u{201D}' | '\u{201E}' => '"',
        'ß' => return Folded::Two('s', 's'),
        'æ' => return Folded::Two('a', 'e'),
        'œ' => return Folded::Two('o', 'e'),
        other => other,
    };
    Folded::One(base)
}

/// A URL- and id-friendly form of a name: "Kim Il-sung" → "kim-il-sung".
pub fn slug(name: &str) -> String {
    normalize(name).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join("-")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn folds_romanisation_variants() {
        assert_eq!(normalize("Kim Il-sung"), normalize("Kim Il Sung"));
        assert_eq!(normalize("Democratic People' s Republic"), normalize("Democratic People's Republic"));
        assert_eq!(normalize("Díaz-Canel"), "diaz canel");
        assert_eq!(normalize("  Workers’  Party "), "workers party");
        assert_eq!(normalize("DPRK's"), "dprk s");
        assert_eq!(normalize("U.S."), "u.s.");
    }

    #[test]
    fn maps_back_to_original_offsets() {
        let text = "Visit of Díaz-Canel to  Pyongyang";
        let mut n = Normalized::default();
        n.fill(text);
        let at = n.text.find("pyongyang").unwrap();
        let (s, e) = n.original_range(text, at, at + "pyongyang".len()).unwrap();
        assert_eq!(&text[s..e], "Pyongyang");
        let at = n.text.find("diaz canel").unwrap();
        let (s, e) = n.original_range(text, at, at + "diaz canel".len()).unwrap();
        assert_eq!(&text[s..e], "Díaz-Canel");
    }

    proptest! {
        #[test]
        fn every_range_maps_to_char_boundaries(text in "\\PC{0,60}") {
            let mut n = Normalized::default();
            n.fill(&text);
            prop_assert_eq!(n.src.len(), n.text.len());
            for start in 0..n.text.len() {
                for end in start + 1..=n.text.len() {
                    if let Some((s, e)) = n.original_range(&text, start, end) {
                        prop_assert!(text.is_char_boundary(s) && text.is_char_boundary(e) && s <= e);
                    }
                }
            }
        }
    }
}
