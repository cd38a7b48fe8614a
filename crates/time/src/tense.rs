//! The tense of the clause around an expression, from its verbs: it decides whether a bare "Sunday" is the last
//! one or the next one.

use crate::token::{Kind, Tok};
use serde::{Deserialize, Serialize};

/// The tense of the clause an expression sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tense {
    /// A simple past or perfect verb ("met", "has stepped up").
    Past,
    /// A present-tense verb and nothing more telling.
    Present,
    /// "will", "is expected to", "plans to", "is scheduled", "is to".
    Future,
    /// No verb found in the clause or the sentence.
    Unknown,
}

impl Tense {
    /// The lowercase name used in `basis` strings.
    pub fn as_str(self) -> &'static str {
        match self {
            Tense::Past => "past",
            Tense::Present => "present",
            Tense::Future => "future",
            Tense::Unknown => "unknown",
        }
    }
}

const NOT_PAST_ED: &[&str] = &["need", "indeed", "speed", "hundred", "united", "seed", "feed", "creed", "proceed"];
const BE_FORMS: &[&str] = &["is", "are", "am", "be", "been", "being", "'s", "was", "were"];
const FUTURE_AFTER_BE: &[&str] = &["expected", "scheduled", "set", "due", "slated", "poised", "planned", "going"];
const FUTURE_VERBS_TO: &[&str] = &["plans", "plan", "intends", "intend", "aims", "aim", "hopes", "vowed", "vows"];

/// The marker a token carries, if any.
fn marker(toks: &[Tok<'_>], k: usize) -> Option<Tense> {
    let t = &toks[k];
    if t.kind != Kind::Word {
        return None;
    }
    let prev = |back: usize| k.checked_sub(back).and_then(|i| toks.get(i));
    let next = |ahead: usize| toks.get(k + ahead);
    if t.w.future || (t.is("ll") && prev(1).is_some_and(|p| p.text.starts_with(['\'', '\u{2019}']))) {
        return Some(Tense::Future);
    }
    // "is expected to", "is scheduled for", "is set to", "is due to", "is to attend", "plans to visit".
    if FUTURE_AFTER_BE.iter().any(|w| t.is(w)) && prev(1).is_some_and(|p| BE_FORMS.iter().any(|b| p.is(b))) {
        return Some(Tense::Future);
    }
    if t.is("expected") && next(1).is_some_and(|n| n.is("to")) {
        return Some(Tense::Future);
    }
    if FUTURE_VERBS_TO.iter().any(|w| t.is(w)) && next(1).is_some_and(|n| n.is("to")) {
        return Some(Tense::Future);
    }
    if (t.is("is") || t.is("are")) && next(1).is_some_and(|n| n.is("to")) && next(2).is_some_and(|n| n.is_lower_word())
    {
        return Some(Tense::Future);
    }
    if t.is("has") || t.is("have") || t.is("had") {
        return Some(Tense::Past);
    }
    let passive_or_perfect =
        prev(1).is_some_and(|p| BE_FORMS[..6].iter().any(|b| p.is(b)) || p.is("has") || p.is("have"));
    let lower = t.is_lower_word();
    let past_form =
        t.w.past || (lower && t.text.len() >= 5 && t.text.ends_with("ed") && !NOT_PAST_ED.iter().any(|w| t.is(w)));
    if past_form && lower {
        // A participle after a present "be" belongs to that auxiliary ("is based", "will be held").
        return if passive_or_perfect { None } else { Some(Tense::Past) };
    }
    if t.w.present {
        return Some(Tense::Present);
    }
    None
}

fn clause_break(t: &Tok<'_>) -> bool {
    t.kind == Kind::Punct && matches!(t.text, ";" | ":" | "," | "(" | ")" | "\"" | "\u{201c}" | "\u{201d}" | "\u{2014}")
}

/// The tense of the clause holding tokens `first..end`: the marker nearest to the expression within its clause,
/// or within its sentence when the clause has no verb ("according to state media on Sunday").
pub(crate) fn tense_at(toks: &[Tok<'_>], first: usize, end: usize) -> Tense {
    let sentence_start = (0..first).rev().find(|&i| toks[i].ends_sentence).map_or(0, |i| i + 1);
    let sentence_end =
        (end.saturating_sub(1)..toks.len()).find(|&i| toks[i].ends_sentence).map_or(toks.len(), |i| i + 1);
    let clause_start =
        (sentence_start..first).rev().find(|&i| clause_break(&toks[i])).map_or(sentence_start, |i| i + 1);
    let clause_end = (end..sentence_end).find(|&i| clause_break(&toks[i])).unwrap_or(sentence_end);
    nearest(toks, clause_start, clause_end, first, end)
        .or_else(|| nearest(toks, sentence_start, sentence_end, first, end))
        .unwrap_or(Tense::Unknown)
}

fn nearest(toks: &[Tok<'_>], from: usize, to: usize, first: usize, end: usize) -> Option<Tense> {
    let mut best: Option<(usize, Tense)> = None;
    for k in from..to.min(toks.len()) {
        if (first..end).contains(&k) {
            continue;
        }
        let Some(tense) = marker(toks, k) else { continue };
        let distance = if k < first { first - k } else { k + 1 - end };
        let better = match best {
            None => true,
            Some((d, t)) => distance < d || (distance == d && tense == Tense::Future && t != Tense::Future),
        };
        if better {
            best = Some((distance, tense));
        }
    }
    best.map(|(_, t)| t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::tokenize;

    fn tense_of(text: &str, word: &str) -> Tense {
        let toks = tokenize(text);
        let i = toks.iter().position(|t| t.text == word).expect("word present");
        tense_at(&toks, i, i + 1)
    }

    #[test]
    fn reads_the_nearest_verb() {
        assert_eq!(tense_of("The delegation left for Cuba Thursday to attend talks.", "Thursday"), Tense::Past);
        assert_eq!(tense_of("The minister is expected to depart Sunday for China.", "Sunday"), Tense::Future);
        assert_eq!(tense_of("The talks will be held on Monday.", "Monday"), Tense::Future);
        assert_eq!(tense_of("He plans to visit Paris on Friday.", "Friday"), Tense::Future);
        assert_eq!(tense_of("Kim has restated support, according to media on Sunday.", "Sunday"), Tense::Past);
        assert_eq!(tense_of("The summit is to open on Tuesday.", "Tuesday"), Tense::Future);
        assert_eq!(tense_of("Nothing on Tuesday.", "Tuesday"), Tense::Unknown);
    }
}
