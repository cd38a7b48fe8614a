//! Text: sentences and tokens, each with a byte span into the article text. (Being written.)
#![deny(missing_docs)]
