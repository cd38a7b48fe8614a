//! Time: temporal expressions found in a sentence and resolved against an anchor date. (Being written.)
#![deny(missing_docs)]
