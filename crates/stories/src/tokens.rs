//! Normalised token streams: the text a near-duplicate comparison sees.
//!
//! A document is reduced to a sequence of `u64` token hashes. Words are lowercased and function words dropped;
//! actor mentions and dates are pushed as their resolved values (`PRK`, `2018-11-05`) in their own hash
//! namespaces, so a copy that writes "DPRK" for "North Korea" or "Friday" for "April 28" yields the same tokens.
//! The caller (an adapter over the actors and time crates) decides which stretches of text are actors or dates;
//! this module only hashes.

use crate::hash::{ByteHasher, hash_str};
use dyad_core::{DateValue, data_lines};
use rustc_hash::FxHashSet as HashSet;
use std::sync::LazyLock;

const WORD_TAG: u64 = 0x57;
const ACTOR_TAG: u64 = 0xac;
const DATE_TAG: u64 = 0xda;

static STOPWORDS_TXT: &str = include_str!("../../../data/stopwords_en.txt");

/// The hashes of the stop words in `data/stopwords_en.txt`.
static STOPWORDS: LazyLock<HashSet<u64>> = LazyLock::new(|| stopword_list().map(|w| hash_str(WORD_TAG, w)).collect());

/// The stop words as listed in the data file (comments and blank lines skipped).
pub fn stopword_list() -> impl Iterator<Item = &'static str> {
    data_lines(STOPWORDS_TXT).map(|(_, word)| word.trim_start())
}

/// A document's normalised tokens, as hashes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HashedTokens {
    hashes: Vec<u64>,
    /// A 64-bit Bloom set of the actor ids pushed, for the story index's actor check.
    actors: u64,
}

impl HashedTokens {
    /// An empty stream.
    pub fn new() -> HashedTokens {
        HashedTokens::default()
    }

    /// An empty stream with room for `n` tokens.
    pub fn with_capacity(n: usize) -> HashedTokens {
        HashedTokens { hashes: Vec::with_capacity(n), actors: 0 }
    }

    /// Splits `text` into words (maximal runs of alphanumeric characters), lowercases them and pushes each one
    /// that is not a stop word. Allocates nothing per word.
    pub fn push_text(&mut self, text: &str) {
        let mut current: Option<ByteHasher> = None;
        for c in text.chars() {
            if c.is_alphanumeric() {
                let h = current.get_or_insert_with(|| ByteHasher::new(WORD_TAG));
                if c.is_ascii() {
                    h.byte(c.to_ascii_lowercase() as u8);
                } else {
                    let mut buf = [0u8; 4];
                    for lc in c.to_lowercase() {
                        h.bytes(lc.encode_utf8(&mut buf).as_bytes());
                    }
                }
            } else if let Some(h) = current.take() {
                self.push_word_hash(h.finish());
            }
        }
        if let Some(h) = current {
            self.push_word_hash(h.finish());
        }
    }

    fn push_word_hash(&mut self, h: u64) {
        if !STOPWORDS.contains(&h) {
            self.hashes.push(h);
        }
    }

    /// Pushes a canonical actor id (for example `PRK` or an actor's database id) in place of its mention.
    pub fn push_actor(&mut self, id: &str) {
        let h = hash_str(ACTOR_TAG, id);
        self.actors |= 1 << (h >> 58);
        self.hashes.push(h);
    }

    /// The actors pushed so far as a 64-bit Bloom set (one bit per actor id; 0 when there are none).
    pub fn actor_bits(&self) -> u64 {
        self.actors
    }

    /// Pushes a resolved date in place of the expression that gave it.
    pub fn push_date(&mut self, date: DateValue) {
        let mut h = ByteHasher::new(DATE_TAG);
        h.bytes(date.to_string().as_bytes());
        self.hashes.push(h.finish());
    }

    /// Pushes a token the caller has already reduced to a number (an interned id, say). It is mixed into the
    /// token hash space, so small integers are fine.
    pub fn push_hashed(&mut self, token: u64) {
        self.hashes.push(crate::hash::mix64(token ^ 0x7e57_0000_0000_0000));
    }

    /// The token hashes in order.
    pub fn as_slice(&self) -> &[u64] {
        &self.hashes
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.hashes.len()
    }

    /// Whether there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }

    /// Removes all tokens, keeping the allocation.
    pub fn clear(&mut self) {
        self.hashes.clear();
        self.actors = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopword_file_loads_and_is_lowercase_single_words() {
        let words: Vec<&str> = stopword_list().collect();
        assert!(words.len() > 50);
        for w in &words {
            assert!(w.chars().all(|c| c.is_ascii_lowercase()), "bad stop word {w:?}");
        }
        let unique: HashSet<&&str> = words.iter().collect();
        assert_eq!(unique.len(), words.len(), "duplicate stop word");
    }

    #[test]
    fn case_punctuation_and_stopwords_do_not_matter() {
        let mut a = HashedTokens::new();
        a.push_text("The Media reported, on FRIDAY.");
        let mut b = HashedTokens::new();
        b.push_text("media reported friday");
        assert_eq!(a, b);
        assert_eq!(a.len(), 3);
    }

    #[test]
    fn actors_and_dates_are_their_own_tokens() {
        let mut a = HashedTokens::new();
        a.push_actor("PRK");
        a.push_date(DateValue::day(2017, 4, 28).unwrap());
        let mut b = HashedTokens::new();
        b.push_text("PRK 2017 04 28");
        assert_eq!(a.len(), 2);
        assert_ne!(a.as_slice()[0], b.as_slice()[0], "an actor id must not collide with the same word");
    }

    #[test]
    fn non_ascii_words_are_lowercased() {
        let mut a = HashedTokens::new();
        a.push_text("ÉTÉ Korea’s");
        let mut b = HashedTokens::new();
        b.push_text("été korea s");
        assert_eq!(a, b);
    }
}
