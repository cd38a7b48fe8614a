//! The closed word lists the passes read as grammar, each parsed once from its file under `data/` (see
//! `data/README.md`). A bad embedded file panics at first use naming its file and line
//! ([`crate::embedded::loaded`]); it never becomes an empty list.

mod function_words;
mod precision_lists;
mod role_cues;
mod word_classes;

pub(crate) use function_words::{
    BACKGROUND, CONJ, DET, FUNCTION_WORDS, MODAL, PLACE_NOUN, PREP, RELPRO, SUB, is_locative,
};
pub(crate) use precision_lists::{PAST_VERBS, lists};
pub(crate) use role_cues::{GROUP_NOUN, PRESENT_AUX, RoleCues};
pub(crate) use word_classes::CLASSES;
