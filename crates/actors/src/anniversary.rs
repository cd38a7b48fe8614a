//! Years a text gives through anniversaries of listed people: "the 105th birth anniversary of Kim Il-sung" is 1912 +
//! 105 = 2017 for anyone who knows when Kim Il-sung was born (`data/office_holders.tsv` has birth and death dates).
//!
//! Read without regular expressions: each "anniversary" is looked at with the words around it, in the forms
//! "Nth (birth|death) anniversary of PERSON" and "Nth anniversary of the (birth|death) of PERSON"; the person is
//! the first listed person the gazetteer's automaton finds in the words after "of".

use crate::data::{Gazetteer, Target};
use crate::model::ActorKind;
use crate::normalize::normalize;
use chrono::Datelike;

/// A year read from an anniversary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnniversaryYear {
    /// The year of the anniversary.
    pub year: i32,
    /// The phrase that gives it ("105th birth anniversary of Kim Il-sung").
    pub evidence: String,
    /// Why: the person and their birth or death year.
    pub basis: String,
}

/// The ordinal number a word writes ("105th", "1st", "22nd"), if any.
fn ordinal(word: &str) -> Option<i32> {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric()).to_ascii_lowercase();
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    if digits.is_empty() || !matches!(suffix, "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok().filter(|n| (1..=300).contains(n))
}

/// The year the text's anniversaries of listed people give, when they agree; `None` when there is none or two
/// disagree.
pub fn anniversary_year(text: &str) -> Option<AnniversaryYear> {
    anniversary_year_in(&Gazetteer::builtin(), text)
}

pub(crate) fn anniversary_year_in(gaz: &Gazetteer, text: &str) -> Option<AnniversaryYear> {
    let lower = text.to_ascii_lowercase();
    let mut found: Option<AnniversaryYear> = None;
    let mut from = 0;
    while let Some(at) = lower[from..].find("anniversary").map(|i| i + from) {
        from = at + "anniversary".len();
        let before: Vec<&str> = text[..at].split_whitespace().rev().take(3).collect();
        let after = &text[from..];
        let after_words: Vec<&str> = after.split_whitespace().take(4).collect();
        // "105th birth anniversary of X" or "105th anniversary of the birth of X".
        let (n, birth, rest) = match (before.first().copied(), before.get(1).copied()) {
            (Some(kind), Some(num)) if matches!(kind, "birth" | "death") && ordinal(num).is_some() => {
                if after_words.first() != Some(&"of") {
                    continue;
                }
                let skip = after.find("of").map_or(0, |i| i + 2);
                (ordinal(num), kind == "birth", &after[skip..])
            }
            (Some(num), _) if ordinal(num).is_some() => {
                if after_words.len() < 4
                    || after_words[0] != "of"
                    || after_words[1] != "the"
                    || !matches!(after_words[2], "birth" | "death")
                    || after_words[3] != "of"
                {
                    continue;
                }
                let kind = after_words[2];
                let skip = after.find(&format!("{kind} of")).map_or(0, |i| i + kind.len() + 3);
                (ordinal(num), kind == "birth", &after[skip..])
            }
            _ => continue,
        };
        let Some(n) = n else { continue };
        // The person: the first listed person named in the next few words.
        // Within the sentence: up to its end or a line break.
        let clause = rest.split(['\n', ';']).next().unwrap_or("");
        let clause = clause.find(". ").map_or(clause, |i| &clause[..i + 1]);
        let window: String = clause.split_whitespace().take(8).collect::<Vec<_>>().join(" ");
        let norm = normalize(&window);
        // The leftmost, then longest, listed name ("Kim Il Sung", not the other listed "Kim Il").
        let person = gaz
            .ac
            .find_overlapping_iter(norm.as_str())
            .filter_map(|m| {
                let starts_word = norm[..m.start()].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
                let ends_word = norm[m.end()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
                if !starts_word || !ends_word {
                    return None;
                }
                gaz.senses[m.pattern().as_usize()].iter().find_map(|s| match s.target {
                    Target::Entry(e) if gaz.entries[e as usize].kind == ActorKind::Person => {
                        Some((m.start(), std::cmp::Reverse(m.end()), e))
                    }
                    _ => None,
                })
            })
            .min();
        let Some((_, _, e)) = person else { continue };
        let (born, died) = gaz.life(e);
        let Some(base) = (if birth { born } else { died }) else { continue };
        let year = base.year() + n;
        let num_word = before.iter().copied().find(|w| ordinal(w).is_some()).unwrap_or("");
        let start = text[..at].rfind(num_word).unwrap_or(at);
        let evidence_end = text.len() - rest.len() + rest.find(&window[..window.len().min(1)]).unwrap_or(0);
        let evidence = text.get(start..(evidence_end + window.len()).min(text.len())).unwrap_or("").trim().to_string();
        let name = &gaz.entries[e as usize].name;
        let basis = format!("{name} was {} in {}", if birth { "born" } else { "died" }, base.year());
        match &found {
            Some(f) if f.year != year => return None,
            Some(_) => {}
            None => found = Some(AnniversaryYear { year, evidence, basis }),
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn birth_and_death_anniversaries_give_the_year() {
        let t = "A reception marked the 105th birth anniversary of Kim Il-sung in Havana.";
        let y = anniversary_year(t).expect("a year");
        assert_eq!(y.year, 2017);
        assert!(y.evidence.contains("105th birth anniversary of Kim Il-sung"), "{}", y.evidence);
        // Kim Il Sung died in 1994.
        assert_eq!(anniversary_year("the 20th death anniversary of Kim Il Sung").map(|y| y.year), Some(2014));
        assert_eq!(anniversary_year("the 100th anniversary of the birth of Kim Il Sung").map(|y| y.year), Some(2012));
    }

    #[test]
    fn no_year_without_a_listed_person_or_an_ordinal() {
        assert_eq!(anniversary_year("the 70th anniversary of the founding of the party"), None);
        assert_eq!(anniversary_year("the birth anniversary of Kim Il Sung"), None);
        assert_eq!(anniversary_year("the 10th birth anniversary of Jane Nobody"), None);
        assert_eq!(anniversary_year("anniversary"), None);
    }

    #[test]
    fn disagreeing_anniversaries_give_nothing() {
        let t = "the 105th birth anniversary of Kim Il Sung and the 90th birth anniversary of Kim Il Sung";
        assert_eq!(anniversary_year(t), None);
    }

    #[test]
    fn ordinals() {
        assert_eq!(ordinal("105th"), Some(105));
        assert_eq!(ordinal("1st,"), Some(1));
        assert_eq!(ordinal("22nd"), Some(22));
        assert_eq!(ordinal("fifth"), None);
        assert_eq!(ordinal("105"), None);
    }
}
