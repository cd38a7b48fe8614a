//! A sentence as units: its tokens (the text stage's, `dyad_text::Tokens`, read through [`Toks`]) with each
//! dictionary match (a [`Hit`]) standing for the tokens it covers. Every later pass reads the sentence through
//! these units.
//!
//! The sentence is tokenised once, by `dyad_text::tokenize`, for this stage and the event coder alike: words keep
//! inner hyphens, apostrophes and the periods of initialisms ("Il-sung", "O'Brien", "U.S."), a possessive 's is a
//! token of its own, negations split ("did" + "n't"), and numbers keep their separators ("1,000").

use crate::data::{Entry, Gazetteer, RoleDef, Sense, Target};
use dyad_text::{TokenKind, Tokens};

/// One unit of a sentence: a dictionary match (index into the hits) or a token no match covers (index into the
/// tokens).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Hit(usize),
    Tok(usize),
}

/// A token as the passes read it: a byte range of the sentence, and whether it is a word or number (not
/// punctuation or a possessive 's). Computed from the text stage's token when asked for, never stored.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) word: bool,
}

/// The tokens of one sentence as the text stage made them, with byte ranges read relative to the sentence: a
/// view over `dyad_text::Tokens` (whose spans index the whole document), nothing copied.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Toks<'a> {
    tokens: &'a Tokens,
    /// Where the sentence starts in the document.
    base: usize,
}

impl<'a> Toks<'a> {
    /// The view of `tokens`, the tokens of a sentence that starts at byte `base` of the document.
    pub(crate) fn new(tokens: &'a Tokens, base: usize) -> Toks<'a> {
        Toks { tokens, base }
    }

    pub(crate) fn len(self) -> usize {
        self.tokens.len()
    }

    /// Token `i`, if there is one.
    #[inline]
    pub(crate) fn get(self, i: usize) -> Option<Tok> {
        let t = self.tokens.get(i)?;
        Some(Tok {
            start: t.span.start().saturating_sub(self.base),
            end: t.span.end().saturating_sub(self.base),
            word: match t.kind {
                TokenKind::Punct => false,
                TokenKind::Number => true,
                TokenKind::Word => !self.is_possessive(i),
            },
        })
    }

    /// Token `i`, which the caller knows exists (an index from a unit of this sentence).
    pub(crate) fn at(self, i: usize) -> Tok {
        self.get(i).unwrap_or(Tok { start: 0, end: 0, word: false })
    }

    /// The tokens in order.
    pub(crate) fn iter(self) -> impl Iterator<Item = Tok> + 'a {
        (0..self.len()).filter_map(move |i| self.get(i))
    }

    /// Index of the first token that starts at or after byte `offset` of the sentence.
    pub(crate) fn index_at(self, offset: usize) -> usize {
        self.tokens.index_at(self.base + offset)
    }

    /// Whether token `i` is a possessive 's ("Korea's", "Korea’s", the broken "People' s").
    #[inline]
    pub(crate) fn is_possessive(self, i: usize) -> bool {
        self.tokens.is_possessive(i)
    }
}

/// A dictionary match: a byte range of the sentence and the sense chosen for it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) sense: Sense,
}

/// The units of a sentence: each hit once, in place of the tokens it overlaps, and every other token.
pub(crate) fn build_units(hits: &[Hit], toks: Toks) -> Vec<Unit> {
    let mut units = Vec::with_capacity(toks.len());
    let mut h = 0;
    for (t, tok) in toks.iter().enumerate() {
        while h < hits.len() && hits[h].end <= tok.start {
            h += 1;
        }
        if h < hits.len() && hits[h].start < tok.end && tok.start < hits[h].end {
            if units.last() != Some(&Unit::Hit(h)) {
                units.push(Unit::Hit(h));
            }
        } else {
            units.push(Unit::Tok(t));
        }
    }
    units
}

pub(crate) fn unit_start(u: &Unit, hits: &[Hit], toks: Toks) -> usize {
    match *u {
        Unit::Hit(h) => hits[h].start,
        Unit::Tok(t) => toks.at(t).start,
    }
}

pub(crate) fn unit_end(u: &Unit, hits: &[Hit], toks: Toks) -> usize {
    match *u {
        Unit::Hit(h) => hits[h].end,
        Unit::Tok(t) => toks.at(t).end,
    }
}

pub(crate) fn tok_text<'a>(u: &Unit, sentence: &'a str, toks: Toks) -> Option<&'a str> {
    match *u {
        Unit::Tok(t) => {
            let tok = toks.at(t);
            sentence.get(tok.start..tok.end)
        }
        Unit::Hit(_) => None,
    }
}

pub(crate) fn is_tok(u: &Unit, sentence: &str, toks: Toks, want: &str) -> bool {
    tok_text(u, sentence, toks).is_some_and(|t| t.eq_ignore_ascii_case(want))
}

pub(crate) fn is_tok_at(units: &[Unit], i: usize, sentence: &str, toks: Toks, want: &str) -> bool {
    units.get(i).is_some_and(|u| is_tok(u, sentence, toks, want))
}

pub(crate) fn is_det(u: &Unit, sentence: &str, toks: Toks) -> bool {
    tok_text(u, sentence, toks).is_some_and(|t| {
        matches!(t.to_ascii_lowercase().as_str(), "the" | "a" | "an" | "his" | "her" | "its" | "their")
    })
}

pub(crate) fn is_possessive(u: &Unit, toks: Toks) -> bool {
    matches!(*u, Unit::Tok(t) if toks.is_possessive(t))
}

/// One sentence read through its units, with the dictionaries that made its hits: what every pass after matching
/// looks at.
#[derive(Clone, Copy)]
pub(crate) struct View<'a> {
    pub(crate) sentence: &'a str,
    pub(crate) toks: Toks<'a>,
    pub(crate) hits: &'a [Hit],
    pub(crate) units: &'a [Unit],
    pub(crate) gaz: &'a Gazetteer,
}

impl<'a> View<'a> {
    /// The role word a unit is, if it is one.
    pub(crate) fn role_of(&self, u: &Unit) -> Option<&'a RoleDef> {
        match *u {
            Unit::Hit(h) => match self.hits[h].sense.target {
                Target::Role(r) => Some(&self.gaz.roles[r as usize]),
                Target::Entry(_) => None,
            },
            Unit::Tok(_) => None,
        }
    }

    /// The dictionary actor a unit is, if it is one.
    pub(crate) fn entry_of(&self, u: &Unit) -> Option<&'a Entry> {
        match *u {
            Unit::Hit(h) => match self.hits[h].sense.target {
                Target::Entry(e) => Some(&self.gaz.entries[e as usize]),
                Target::Role(_) => None,
            },
            Unit::Tok(_) => None,
        }
    }

    /// Where unit `u` starts in the sentence.
    pub(crate) fn start(&self, u: usize) -> usize {
        unit_start(&self.units[u], self.hits, self.toks)
    }

    /// Where unit `u` ends in the sentence.
    pub(crate) fn end(&self, u: usize) -> usize {
        unit_end(&self.units[u], self.hits, self.toks)
    }
}

/// Test helper: the text stage's tokens of a whole string (read as one sentence at offset 0).
#[cfg(test)]
pub(crate) fn tokens_of(s: &str) -> Tokens {
    dyad_core::Span::new(s, 0, s.len()).map(|whole| dyad_text::tokenize(s, whole)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{Caps, Target};
    use crate::model::MentionForm;

    #[test]
    fn the_view_reads_the_text_stages_tokens_relative_to_the_sentence() {
        let s = "DPRK's Kim Il-sung and U.S. envoys";
        let tokens = tokens_of(s);
        let toks = Toks::new(&tokens, 0);
        let words: Vec<(&str, bool)> = toks.iter().map(|t| (&s[t.start..t.end], t.word)).collect();
        assert_eq!(
            words,
            [
                ("DPRK", true),
                ("'s", false),
                ("Kim", true),
                ("Il-sung", true),
                ("and", true),
                ("U.S.", true),
                ("envoys", true)
            ]
        );
        let s = "O'Brien's Workers' party paid 1,000 dollars";
        let tokens = tokens_of(s);
        let words: Vec<(&str, bool)> = Toks::new(&tokens, 0).iter().map(|t| (&s[t.start..t.end], t.word)).collect();
        assert_eq!(
            words,
            [
                ("O'Brien", true),
                ("'s", false),
                ("Workers", true),
                ("'", false),
                ("party", true),
                ("paid", true),
                ("1,000", true),
                ("dollars", true)
            ]
        );
        // A sentence inside a document: byte ranges are the sentence's, lookups by sentence offset.
        let doc = "First one. Korea’s envoy left.";
        let within = dyad_core::Span::new(doc, 11, doc.len()).unwrap();
        let tokens = dyad_text::tokenize(doc, within);
        let toks = Toks::new(&tokens, 11);
        let sentence = &doc[11..];
        assert_eq!((toks.at(1).start, toks.at(1).end, toks.at(1).word), (5, 9, false));
        assert_eq!(&sentence[toks.at(2).start..toks.at(2).end], "envoy");
        assert!(toks.is_possessive(1) && !toks.is_possessive(0));
        assert_eq!((toks.index_at(6), toks.index_at(100)), (2, 5));
        assert!(toks.get(5).is_none());
    }

    #[test]
    fn a_hit_stands_for_the_tokens_it_covers() {
        let s = "the Cuban ambassador left";
        let tokens = tokens_of(s);
        let toks = Toks::new(&tokens, 0);
        let sense = Sense {
            target: Target::Role(0),
            form: MentionForm::Role,
            caps: Caps::Any,
            contextual: false,
            personlike: false,
            preferred: false,
            plural: false,
            surname: false,
        };
        let hits = [Hit { start: 4, end: 20, sense }];
        let units = build_units(&hits, toks);
        assert_eq!(units, [Unit::Tok(0), Unit::Hit(0), Unit::Tok(3)]);
        assert_eq!((unit_start(&units[1], &hits, toks), unit_end(&units[2], &hits, toks)), (4, 25));
        assert!(is_det(&units[0], s, toks) && is_tok_at(&units, 2, s, toks, "LEFT"));
        assert!(is_possessive(&Unit::Tok(1), Toks::new(&tokens_of("Korea's"), 0)));
    }
}
