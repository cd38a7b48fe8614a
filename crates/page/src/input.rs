//! Input checks before any parsing: size, binary data, encoding, byte-order mark, and HTML-or-text detection.

use crate::model::PageError;
use std::borrow::Cow;

/// The largest page [`crate::extract`] accepts, in bytes (50 MiB).
pub const MAX_PAGE_BYTES: usize = 50 * 1024 * 1024;

/// Page text ready for extraction, and how to map its offsets back to the original bytes.
pub(crate) struct Decoded<'a> {
    /// The text.
    pub text: Cow<'a, str>,
    /// Added to every offset when the text is a borrowed slice of the original (a stripped BOM).
    pub shift: usize,
    /// When the text was transcoded: for each byte offset of `text` (and one past the end), the original offset.
    pub map: Option<Vec<u32>>,
}

impl Decoded<'_> {
    /// The original byte offset of text offset `at`.
    pub(crate) fn original(&self, at: usize) -> usize {
        match &self.map {
            Some(map) => map.get(at).or(map.last()).map_or(at, |&o| o as usize),
            None => at + self.shift,
        }
    }
}

const SIGNATURES: &[(&[u8], &str)] = &[
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xFF\xD8\xFF", "JPEG image"),
    (b"\x1F\x8B", "gzip data"),
    (b"BZh", "bzip2 data"),
    (b"\xFD7zXZ\x00", "xz data"),
    (b"7z\xBC\xAF\x27\x1C", "7z archive"),
    (b"\x7FELF", "ELF executable"),
    (b"\x00asm", "WebAssembly"),
    (b"\xCA\xFE\xBA\xBE", "Mach-O or Java class"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"\x28\xB5\x2F\xFD", "zstd data"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
];

/// Checks and decodes the raw page bytes.
pub(crate) fn decode(bytes: &[u8]) -> Result<Decoded<'_>, PageError> {
    if bytes.len() > MAX_PAGE_BYTES {
        return Err(PageError::TooLarge { size: bytes.len(), limit: MAX_PAGE_BYTES });
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(PageError::Empty);
    }
    // UTF-16 is text even though half its bytes are NUL.
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, 2, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, 2, u16::from_be_bytes);
    }
    for (sig, what) in SIGNATURES {
        if bytes.starts_with(sig) {
            return Err(PageError::Binary(format!("{what} signature")));
        }
    }
    let head = &bytes[..bytes.len().min(65_536)];
    if let Some(at) = memchr::memchr(0, bytes) {
        return Err(PageError::Binary(format!("NUL byte at {at}")));
    }
    let controls =
        head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C) || b == 0x7F).count();
    if controls * 100 > head.len().max(100) {
        return Err(PageError::Binary(format!("{controls} control bytes in the first {} bytes", head.len())));
    }
    let (body, shift) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, 3),
        None => (bytes, 0),
    };
    match std::str::from_utf8(body) {
        Ok(text) => Ok(Decoded { text: Cow::Borrowed(text), shift, map: None }),
        Err(e) => {
            if declares_single_byte_charset(head) {
                Ok(windows_1252(body, shift))
            } else {
                Err(PageError::InvalidUtf8(e.valid_up_to() + shift))
            }
        }
    }
}

fn utf16(rest: &[u8], shift: usize, unit: fn([u8; 2]) -> u16) -> Result<Decoded<'static>, PageError> {
    let units: Vec<u16> = rest.chunks_exact(2).map(|c| unit([c[0], c[1]])).collect();
    let mut text = String::with_capacity(units.len());
    let mut map = Vec::with_capacity(units.len() + 1);
    let mut at = shift;
    for r in char::decode_utf16(units.iter().copied()) {
        let c = r.map_err(|_| PageError::InvalidUtf8(at))?;
        let width = c.len_utf16() * 2;
        for _ in 0..c.len_utf8() {
            map.push(at as u32);
        }
        text.push(c);
        at += width;
    }
    map.push(at as u32);
    if text.contains('\0') {
        return Err(PageError::Binary("NUL character in UTF-16 text".into()));
    }
    Ok(Decoded { text: Cow::Owned(text), shift, map: Some(map) })
}

/// Whether the page declares a single-byte Western charset (HTML `<meta charset>`, HTTP-equiv or an XML
/// declaration) that Windows-1252 decodes. Per the WHATWG encoding standard, ISO-8859-1 and ASCII labels mean
/// Windows-1252.
fn declares_single_byte_charset(head: &[u8]) -> bool {
    let head = &head[..head.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let labels: [&[u8]; 7] =
        [b"windows-1252", b"iso-8859-1", b"iso8859-1", b"latin1", b"latin-1", b"us-ascii", b"cp1252"];
    for key in [&b"charset="[..], &b"encoding="[..]] {
        let mut from = 0;
        while let Some(i) = memchr::memmem::find(&lower[from..], key) {
            let at = from + i + key.len();
            let value = lower[at..].iter().skip_while(|b| matches!(b, b'"' | b'\'' | b' ')).copied();
            let value: Vec<u8> = value.take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_')).collect();
            if labels.iter().any(|l| value == *l) {
                return true;
            }
            from = at;
        }
    }
    false
}

const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘', '’',
    '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

fn windows_1252(body: &[u8], shift: usize) -> Decoded<'static> {
    let mut text = String::with_capacity(body.len() + body.len() / 8);
    let mut map = Vec::with_capacity(body.len() + body.len() / 8 + 1);
    for (i, &b) in body.iter().enumerate() {
        let c = match b {
            0x80..=0x9F => CP1252_HIGH[(b - 0x80) as usize],
            _ => b as char,
        };
        for _ in 0..c.len_utf8() {
            map.push((i + shift) as u32);
        }
        text.push(c);
    }
    map.push((body.len() + shift) as u32);
    Decoded { text: Cow::Owned(text), shift, map: Some(map) }
}

/// Whether the text is HTML: a doctype or `<html>` at the start, or enough markup that tags are more than incidental.
pub(crate) fn looks_like_html(text: &str) -> bool {
    let start = text.trim_start();
    let head: String = start.chars().take(15).flat_map(char::to_lowercase).collect();
    if head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.starts_with("<?xml") && text.contains("<html")
    {
        return true;
    }
    let sample = &text[..floor_boundary(text, text.len().min(200_000))];
    let bytes = sample.as_bytes();
    let mut tags = 0usize;
    let mut strong = 0usize;
    for at in memchr::memchr_iter(b'<', bytes) {
        let rest = &bytes[at + 1..];
        let rest = rest.strip_prefix(b"/").unwrap_or(rest);
        let name: Vec<u8> =
            rest.iter().take(10).take_while(|b| b.is_ascii_alphanumeric()).map(|b| b.to_ascii_lowercase()).collect();
        let after = rest.get(name.len()).copied();
        if name.is_empty() || !matches!(after, Some(b'>' | b' ' | b'/' | b'\n' | b'\t' | b'\r')) {
            continue;
        }
        match name.as_slice() {
            b"html" | b"head" | b"body" | b"meta" | b"script" | b"article" => strong += 1,
            b"p" | b"div" | b"span" | b"a" | b"br" | b"li" | b"ul" | b"h1" | b"h2" | b"h3" | b"img" | b"title"
            | b"table" | b"td" | b"tr" | b"section" | b"header" | b"footer" | b"nav" | b"link" | b"style" => tags += 1,
            _ => {}
        }
    }
    strong >= 1 && tags >= 1 || tags >= 4
}

/// The largest char boundary of `text` at or before `at`.
pub(crate) fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_bad_input() {
        assert_eq!(decode(b"").err(), Some(PageError::Empty));
        assert_eq!(decode(b" \n\t ").err(), Some(PageError::Empty));
        assert!(matches!(decode(b"%PDF-1.7 ...").err(), Some(PageError::Binary(_))));
        assert!(matches!(decode(b"hello\0world").err(), Some(PageError::Binary(_))));
        assert!(matches!(decode(&[0x01u8; 300]).err(), Some(PageError::Binary(_))));
        assert_eq!(decode(b"caf\xE9 noir").err(), Some(PageError::InvalidUtf8(3)));
    }

    #[test]
    fn decodes_declared_latin1_and_maps_offsets() {
        let page = b"<meta charset=\"iso-8859-1\"><p>caf\xE9 \x93ok\x94</p>";
        let d = decode(page).unwrap();
        assert!(d.text.contains("café “ok”"));
        let at = d.text.find('“').unwrap();
        assert_eq!(page[d.original(at)], 0x93);
        assert_eq!(d.original(d.text.len()), page.len());
    }

    #[test]
    fn strips_bom_and_reads_utf16() {
        let d = decode(b"\xEF\xBB\xBFHello").unwrap();
        assert_eq!(&*d.text, "Hello");
        assert_eq!(d.original(0), 3);
        let d = decode(b"\xFF\xFEH\0i\0").unwrap();
        assert_eq!(&*d.text, "Hi");
        assert_eq!(d.original(1), 4);
    }

    #[test]
    fn html_or_text() {
        assert!(looks_like_html("<!DOCTYPE html><p>x</p>"));
        assert!(looks_like_html("<div><p>One</p><p>Two</p><a href=x>y</a></div>"));
        assert!(!looks_like_html("Prices rose <5% as a < b and c > d.\nNo tags here."));
    }
}
