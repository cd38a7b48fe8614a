//! Actors: mentions linked to canonical actors with CAMEO-style codes. (Being written.)
#![deny(missing_docs)]
