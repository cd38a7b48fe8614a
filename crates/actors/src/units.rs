//! A sentence as units: its tokens (the crate's own tokenizer, see [`tokenize`]) with each dictionary match (a
//! [`Hit`]) standing for the tokens it covers. Every later pass reads the sentence through these units.
//!
//! `dyad-text` has a tokenizer of its own (`crates/text/src/token.rs`) with other rules: it splits negations
//! ("did" + "n't"), joins numbers with separators ("1,000"), keeps punctuation runs ("...") and stores each token's
//! normalised form. Resolution reads only words, possessives and single punctuation marks, and matches names on
//! the raw text, so this one stays: the two do not give the same tokens, and swapping them would change output.

use crate::data::{Entry, Gazetteer, RoleDef, Sense, Target};

/// One unit of a sentence: a dictionary match (index into the hits) or a token no match covers (index into the
/// tokens).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Hit(usize),
    Tok(usize),
}

/// A token: a byte range of the sentence, and whether it is a word (not punctuation or a possessive).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) word: bool,
}

/// A dictionary match: a byte range of the sentence and the sense chosen for it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) sense: Sense,
}

/// The tokens of a sentence: words (with inner hyphens, apostrophes and the periods of initialisms), a
/// possessive 's, and single punctuation marks.
pub(crate) fn tokenize(s: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = iter.peek() {
                if d.is_alphanumeric() {
                    end = j + d.len_utf8();
                    iter.next();
                } else if matches!(d, '-' | '\'' | '\u{2019}' | '.') {
                    // Keep "Il-sung", "O'Brien", "U.S." in one word, but split "DPRK's" and a trailing "Workers'".
                    let rest = &s[j + d.len_utf8()..];
                    let next = rest.chars().next();
                    let possessive = matches!(d, '\'' | '\u{2019}')
                        && (rest.starts_with('s') || rest.starts_with('S'))
                        && rest[1..].chars().next().is_none_or(|x| !x.is_alphanumeric());
                    let dotted = d == '.' && next.is_some_and(|x| x.is_ascii_uppercase()) && end - i == 1;
                    if !possessive && (next.is_some_and(|x| x.is_alphanumeric()) && d != '.' || dotted) {
                        end = j + d.len_utf8();
                        iter.next();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            out.push(Tok { start: i, end, word: true });
        } else if matches!(c, '\'' | '\u{2019}') && iter.peek().is_some_and(|&(_, d)| d == 's' || d == 'S') {
            let (j, d) = iter.next().unwrap_or((i, c));
            out.push(Tok { start: i, end: j + d.len_utf8(), word: false });
        } else {
            out.push(Tok { start: i, end: i + c.len_utf8(), word: false });
        }
    }
    out
}

/// The units of a sentence: each hit once, in place of the tokens it overlaps, and every other token.
pub(crate) fn build_units(hits: &[Hit], toks: &[Tok]) -> Vec<Unit> {
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

pub(crate) fn unit_start(u: &Unit, hits: &[Hit], toks: &[Tok]) -> usize {
    match *u {
        Unit::Hit(h) => hits[h].start,
        Unit::Tok(t) => toks[t].start,
    }
}

pub(crate) fn unit_end(u: &Unit, hits: &[Hit], toks: &[Tok]) -> usize {
    match *u {
        Unit::Hit(h) => hits[h].end,
        Unit::Tok(t) => toks[t].end,
    }
}

pub(crate) fn tok_text<'a>(u: &Unit, sentence: &'a str, toks: &[Tok]) -> Option<&'a str> {
    match *u {
        Unit::Tok(t) => sentence.get(toks[t].start..toks[t].end),
        Unit::Hit(_) => None,
    }
}

pub(crate) fn is_tok(u: &Unit, sentence: &str, toks: &[Tok], want: &str) -> bool {
    tok_text(u, sentence, toks).is_some_and(|t| t.eq_ignore_ascii_case(want))
}

pub(crate) fn is_tok_at(units: &[Unit], i: usize, sentence: &str, toks: &[Tok], want: &str) -> bool {
    units.get(i).is_some_and(|u| is_tok(u, sentence, toks, want))
}

pub(crate) fn is_det(u: &Unit, sentence: &str, toks: &[Tok]) -> bool {
    tok_text(u, sentence, toks).is_some_and(|t| {
        matches!(t.to_ascii_lowercase().as_str(), "the" | "a" | "an" | "his" | "her" | "its" | "their")
    })
}

pub(crate) fn is_possessive(u: &Unit, sentence: &str, toks: &[Tok]) -> bool {
    tok_text(u, sentence, toks).is_some_and(|t| matches!(t, "'s" | "\u{2019}s" | "'S"))
}

/// One sentence read through its units, with the dictionaries that made its hits: what every pass after matching
/// looks at.
#[derive(Clone, Copy)]
pub(crate) struct View<'a> {
    pub(crate) sentence: &'a str,
    pub(crate) toks: &'a [Tok],
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{Caps, Target};
    use crate::model::MentionForm;

    #[test]
    fn tokenizer_splits_possessives_and_keeps_hyphens() {
        let s = "DPRK's Kim Il-sung and U.S. envoys";
        let words: Vec<&str> = tokenize(s).iter().map(|t| &s[t.start..t.end]).collect();
        assert_eq!(words, vec!["DPRK", "'s", "Kim", "Il-sung", "and", "U.S", ".", "envoys"]);
        let s = "O'Brien's Workers' party";
        let words: Vec<&str> = tokenize(s).iter().map(|t| &s[t.start..t.end]).collect();
        assert_eq!(words, vec!["O'Brien", "'s", "Workers", "'", "party"]);
    }

    #[test]
    fn a_hit_stands_for_the_tokens_it_covers() {
        let s = "the Cuban ambassador left";
        let toks = tokenize(s);
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
        let units = build_units(&hits, &toks);
        assert_eq!(units, [Unit::Tok(0), Unit::Hit(0), Unit::Tok(3)]);
        assert_eq!((unit_start(&units[1], &hits, &toks), unit_end(&units[2], &hits, &toks)), (4, 25));
        assert!(is_det(&units[0], s, &toks) && is_tok_at(&units, 2, s, &toks, "LEFT"));
    }
}
