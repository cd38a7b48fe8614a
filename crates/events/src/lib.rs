//! Events: who did what to whom, coded in CAMEO and PLOVER. (Being written.)
#![deny(missing_docs)]
