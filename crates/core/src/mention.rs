//! The citation of one sentence, shared by event coding, consolidation and the store.

use serde::{Deserialize, Serialize};

/// One sentence that reports an event.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
}
