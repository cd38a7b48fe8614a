use serde::{Deserialize, Serialize};
use std::ops::Range;

/// Why a [`Span`] could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpanError {
    /// `start` was after `end`.
    #[error("span start {start} is after end {end}")]
    Reversed {
        /// The requested start.
        start: usize,
        /// The requested end.
        end: usize,
    },
    /// `end` was past the end of the text.
    #[error("span end {end} is past the text length {len}")]
    OutOfRange {
        /// The requested end.
        end: usize,
        /// The text's length in bytes.
        len: usize,
    },
    /// An offset fell inside a multi-byte character.
    #[error("offset {0} is not on a char boundary")]
    NotCharBoundary(usize),
}

/// A half-open byte range `[start, end)` that is known to lie on `char` boundaries of the text it was built for.
///
/// Build one with [`Span::new`], which checks the invariant against the text; a span that exists is valid for that
/// text and can be sliced without panicking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    start: usize,
    end: usize,
}

impl Span {
    /// Builds a span over `text`, checking `start <= end <= text.len()` and that both ends are char boundaries.
    pub fn new(text: &str, start: usize, end: usize) -> Result<Span, SpanError> {
        if start > end {
            return Err(SpanError::Reversed { start, end });
        }
        if end > text.len() {
            return Err(SpanError::OutOfRange { end, len: text.len() });
        }
        for offset in [start, end] {
            if !text.is_char_boundary(offset) {
                return Err(SpanError::NotCharBoundary(offset));
            }
        }
        Ok(Span { start, end })
    }

    /// The span of a sub-slice: `part` must be a slice of `whole` (pointer-wise), as `str::split` and friends give.
    /// Returns `None` when `part` does not lie inside `whole`.
    pub fn of_subslice(whole: &str, part: &str) -> Option<Span> {
        let base = whole.as_ptr() as usize;
        let at = (part.as_ptr() as usize).checked_sub(base)?;
        let end = at.checked_add(part.len())?;
        // A subslice of a valid &str is on char boundaries by construction, but a foreign pointer might not be.
        Span::new(whole, at, end).ok()
    }

    /// The same span moved right by `offset` bytes, for a span found in a slice that starts at `offset` of `whole`.
    pub fn shifted(self, whole: &str, offset: usize) -> Result<Span, SpanError> {
        Span::new(whole, self.start + offset, self.end + offset)
    }

    /// The first byte.
    pub fn start(self) -> usize {
        self.start
    }

    /// One past the last byte.
    pub fn end(self) -> usize {
        self.end
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The byte range, for slicing.
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// The covered text. Returns `None` if `text` is not the text the span was built for and the range no longer fits.
    pub fn slice(self, text: &str) -> Option<&str> {
        text.get(self.range())
    }

    /// Whether `other` lies wholly inside this span.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn rejects_reversed_out_of_range_and_mid_char() {
        let text = "Kim Jong‑un"; // U+2011 is three bytes
        assert_eq!(Span::new(text, 3, 2), Err(SpanError::Reversed { start: 3, end: 2 }));
        assert!(matches!(Span::new(text, 0, 99), Err(SpanError::OutOfRange { .. })));
        let dash = text.find('‑').unwrap();
        assert_eq!(Span::new(text, dash + 1, dash + 2), Err(SpanError::NotCharBoundary(dash + 1)));
        assert_eq!(Span::new(text, 0, 3).unwrap().slice(text), Some("Kim"));
    }

    #[test]
    fn subslice_offsets() {
        let text = "one two three";
        let part = text.split(' ').nth(1).unwrap();
        let span = Span::of_subslice(text, part).unwrap();
        assert_eq!((span.start(), span.end()), (4, 7));
        assert_eq!(Span::of_subslice(text, "two"), None);
    }

    proptest! {
        #[test]
        fn any_built_span_slices(text in "\\PC{0,40}", a in 0usize..200, b in 0usize..200) {
            if let Ok(span) = Span::new(&text, a.min(b), a.max(b)) {
                prop_assert!(span.slice(&text).is_some());
            }
        }
    }
}
