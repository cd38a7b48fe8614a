//! The article as one document text in page order, with a segment table back to file offsets.

use dyad_core::Span;
use dyad_page::{Article, Block};
use dyad_text::TokenizedSentence;

/// One paragraph or caption inside the document text.
struct Segment {
    doc_start: usize,
    doc_end: usize,
    block: (usize, usize),
    /// The block's text is the file's bytes verbatim, so offsets map one to one.
    verbatim: bool,
    caption: bool,
}

/// Body paragraphs and captions in page order, joined by blank lines.
pub(crate) struct DocText {
    pub(crate) text: String,
    segments: Vec<Segment>,
}

impl DocText {
    pub(crate) fn new(article: &Article) -> DocText {
        let mut text = String::new();
        let mut segments = Vec::new();
        let mut push = |block: &Block, caption: bool| {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            let doc_start = text.len();
            text.push_str(&block.text);
            segments.push(Segment {
                doc_start,
                doc_end: text.len(),
                block: (block.start, block.end),
                verbatim: block.end.checked_sub(block.start) == Some(block.text.len()),
                caption,
            });
        };
        // Reading order of the page: a caption printed above the story introduces people the story then names
        // by surname only.
        let mut blocks: Vec<(&Block, bool)> =
            article.body.iter().map(|b| (b, false)).chain(article.captions.iter().map(|b| (b, true))).collect();
        blocks.sort_by_key(|(b, _)| b.start);
        blocks.into_iter().for_each(|(b, caption)| push(b, caption));
        DocText { text, segments }
    }

    /// Sentence spans in the document text; a sentence never crosses a paragraph.
    pub(crate) fn sentences(&self) -> Vec<Span> {
        let mut out = Vec::new();
        for seg in &self.segments {
            let Ok(within) = Span::new(&self.text, seg.doc_start, seg.doc_end) else { continue };
            out.extend(dyad_text::split_sentences_in(&self.text, within));
        }
        out
    }

    /// Sentence `index` (its span from [`DocText::sentences`]) tokenised once, for every stage that reads it.
    pub(crate) fn analyse(&self, index: usize, span: Span) -> TokenizedSentence {
        TokenizedSentence { index, span, tokens: dyad_text::tokenize(&self.text, span) }
    }

    fn segment(&self, offset: usize) -> Option<&Segment> {
        let i = self.segments.partition_point(|s| s.doc_end < offset);
        self.segments.get(i)
    }

    pub(crate) fn is_caption(&self, offset: usize) -> bool {
        self.segment(offset).is_some_and(|s| s.caption)
    }

    /// File offsets of a document span: exact for verbatim paragraphs, the whole block otherwise.
    pub(crate) fn to_file(&self, span: Span) -> (usize, usize) {
        let Some(seg) = self.segment(span.start()) else { return (0, 0) };
        if seg.verbatim {
            let start = seg.block.0 + (span.start() - seg.doc_start);
            let end = seg.block.0 + (span.end().min(seg.doc_end) - seg.doc_start);
            (start, end)
        } else {
            seg.block
        }
    }
}
