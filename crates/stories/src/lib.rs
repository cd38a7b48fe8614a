//! Stories: near-duplicate pages grouped and events consolidated. (Being written.)
#![deny(missing_docs)]
