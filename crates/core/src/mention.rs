//! The citation of one sentence ([`Mention`]) and the sentence itself ([`PageSentence`]), shared by the pipeline, event
//! coding, consolidation and the store.

use serde::{Deserialize, Serialize};

/// One sentence that reports an event.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Mention {
    /// The page's file name.
    pub file: String,
    /// 0-based sentence index in the article.
    pub sentence: usize,
    /// Byte offset of the sentence start in the original file.
    pub start: usize,
    /// Byte offset one past the sentence end.
    pub end: usize,
    /// The sentence text.
    pub text: String,
    /// The hash of the stored document, set by the store when it reads the mention back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    /// The words of the sentence that carry the event (source, predicate and target), as byte offsets into the
    /// original file; absent for a mention recorded without them. Extends FORMATS.md.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<ByteRange>,
}

impl Mention {
    /// What tells the mention's page apart from every other: the stored document's content hash when known, else
    /// the file name (two pages may share a name: every scraper writes an `index.html`).
    pub fn page_key(&self) -> &str {
        self.doc.as_deref().unwrap_or(&self.file)
    }
}

/// A sentence of a page, numbered in reading order, with its byte range in the original file: what the pipeline
/// emits for each sentence it codes, what the store keeps and what an event [`Mention`] points at by `sentence`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageSentence {
    /// Position in the article, from 0.
    pub index: usize,
    /// Byte offset of the first byte in the original file.
    pub start: usize,
    /// Byte offset one past the last byte in the original file.
    pub end: usize,
    /// The sentence text.
    pub text: String,
}

/// A half-open byte range `[start, end)` of an original file, with `start <= end` checked when it is built, also
/// when it is read from JSON. Unlike [`crate::Span`] it is not tied to a text in memory: the file it points into
/// may be long gone, so char boundaries are the writer's promise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawRange")]
pub struct ByteRange {
    start: usize,
    end: usize,
}

#[derive(Deserialize)]
struct RawRange {
    start: usize,
    end: usize,
}

impl TryFrom<RawRange> for ByteRange {
    type Error = String;

    fn try_from(raw: RawRange) -> Result<ByteRange, String> {
        ByteRange::new(raw.start, raw.end)
            .ok_or_else(|| format!("byte range start {} is after end {}", raw.start, raw.end))
    }
}

impl ByteRange {
    /// The range `[start, end)`, or `None` if `start > end`.
    pub fn new(start: usize, end: usize) -> Option<ByteRange> {
        (start <= end).then_some(ByteRange { start, end })
    }

    /// The first byte.
    pub fn start(self) -> usize {
        self.start
    }

    /// One past the last byte.
    pub fn end(self) -> usize {
        self.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_known_by_its_hash_before_its_name() {
        let mut m = Mention { file: "index.html".into(), ..Mention::default() };
        assert_eq!(m.page_key(), "index.html");
        m.doc = Some("9f86d081".into());
        assert_eq!(m.page_key(), "9f86d081");
    }

    #[test]
    fn a_byte_range_is_never_reversed() {
        assert!(ByteRange::new(3, 2).is_none());
        assert_eq!(ByteRange::new(2, 2).map(|r| (r.start(), r.end())), Some((2, 2)));
        let json = serde_json::to_string(&ByteRange::new(5, 9).unwrap()).unwrap();
        assert_eq!(json, r#"{"start":5,"end":9}"#);
        assert!(serde_json::from_str::<ByteRange>(r#"{"start":9,"end":5}"#).is_err());
        assert_eq!(serde_json::from_str::<ByteRange>(&json).unwrap(), ByteRange::new(5, 9).unwrap());
    }
}
