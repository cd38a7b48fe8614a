//! The matching pass: the dictionary automaton runs over the normalised sentence, and each match becomes a [`Hit`]
//! with one sense, chosen from the document's countries so far; longer matches win, adjacent demonyms merge, and a
//! listed name inside a longer written name grows to the whole name.

use crate::data::{Caps, Gazetteer, Sense, Target};
use crate::model::{ActorKind, MentionForm};
use crate::names::{is_title_case, name_word_after, name_word_before};
use crate::normalize::{Normalized, normalize};
use crate::units::{Hit, Toks};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Unambiguous country mentions of the sentence being matched, by country.
type Local<'g> = HashMap<&'g str, u32>;

/// Where a text names a country: bytes `at..end`, the country, and whether the word is its demonym ("Australian").
#[derive(Debug, Clone)]
pub(crate) struct CountryMark {
    pub(crate) at: usize,
    pub(crate) end: usize,
    pub(crate) country: String,
    pub(crate) demonym: bool,
}

/// What matching reads besides the sentence: the dictionaries, the countries the document has named so far, and
/// its date.
pub(crate) struct Matcher<'a> {
    pub(crate) gaz: &'a Gazetteer,
    pub(crate) counts: &'a HashMap<String, u32>,
    pub(crate) date: Option<NaiveDate>,
}

impl<'a> Matcher<'a> {
    /// The hits of `sentence` (whose tokens are `toks`), in order and not overlapping; `norm` is a reusable buffer.
    pub(crate) fn find_hits(&self, norm: &mut Normalized, sentence: &str, toks: Toks) -> Vec<Hit> {
        let raw = self.raw_matches(norm, sentence);
        let local = self.local_countries(sentence, &raw);
        let mut cands: Vec<Hit> = Vec::new();
        for (s, e, slot) in raw {
            if let Some(sense) = self.choose_sense(&self.gaz.senses[slot], sentence, s, e, &local) {
                cands.push(Hit { start: s, end: e, sense });
            }
        }
        let chosen = longest_first(cands);
        let merged = self.merge_demonyms(sentence, chosen);
        self.extend_names(sentence, toks, merged)
    }

    /// Where a whole text names a country unambiguously, in order (as [`Self::find_hits`] reads a sentence's own
    /// context).
    pub(crate) fn countries_named(&self, norm: &mut Normalized, text: &str) -> Vec<CountryMark> {
        let raw = self.raw_matches(norm, text);
        let gaz = self.gaz;
        // A news medium ("the Associated Press", "BBC") reports on any state, and a firm ("Apple Computer") trades
        // in many: neither names a state the document is about.
        let medium = |slot: usize| {
            gaz.senses[slot].iter().any(|x| {
                matches!(x.target, Target::Entry(i) if gaz.entries[i as usize].kind == ActorKind::Media
                    || gaz.entries[i as usize].sector.as_deref() == Some("BUS"))
            })
        };
        let demonym = |slot: usize| {
            gaz.senses[slot].iter().any(|x| {
                x.form == MentionForm::Adjective
                    && !x.plural
                    && matches!(x.target, Target::Entry(i) if gaz.entries[i as usize].kind == ActorKind::Country)
            })
        };
        raw.iter()
            .filter(|&&(_, _, slot)| !medium(slot))
            .filter_map(|&(at, end, slot)| {
                let country = self.unambiguous_country(text, at, end, slot)?.to_string();
                Some(CountryMark { at, end, country, demonym: demonym(slot) })
            })
            .collect()
    }

    /// Every match of the automaton on whole words, as (start, end, pattern) in the original sentence, except inside
    /// a hyphenated word that makes it no actor.
    fn raw_matches(&self, norm: &mut Normalized, sentence: &str) -> Vec<(usize, usize, usize)> {
        let gaz = self.gaz;
        norm.fill(sentence);
        let text = &norm.text;
        let mut raw: Vec<(usize, usize, usize)> = Vec::new();
        for m in gaz.ac.find_overlapping_iter(text.as_str()) {
            let (ns, ne) = (m.start(), m.end());
            let before_ok = text[..ns].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            let after_ok = text[ne..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            if !before_ok || !after_ok {
                continue;
            }
            let Some((s, e)) = norm.original_range(sentence, ns, ne) else { continue };
            if inside_compound(sentence, s, &gaz.senses[m.pattern().as_usize()]) {
                continue;
            }
            raw.push((s, e, m.pattern().as_usize()));
        }
        raw
    }

    /// Unambiguous country mentions of this very sentence also count as context ("Brazzaville said Congo").
    fn local_countries(&self, sentence: &str, raw: &[(usize, usize, usize)]) -> Local<'a> {
        let mut local: Local = HashMap::new();
        for &(s, e, slot) in raw {
            if let Some(c) = self.unambiguous_country(sentence, s, e, slot) {
                *local.entry(c).or_insert(0) += 1;
            }
        }
        local
    }

    /// The country the match of pattern `slot` at `s..e` names, if all its readings name that one country.
    fn unambiguous_country(&self, sentence: &str, s: usize, e: usize, slot: usize) -> Option<&'a str> {
        let gaz = self.gaz;
        let surface = sentence.get(s..e).unwrap_or("");
        let senses = gaz.senses[slot].iter().filter(|x| caps_ok(x.caps, surface));
        let country = |x: &Sense| match x.target {
            Target::Entry(i) => gaz.entries[i as usize].country.as_deref(),
            Target::Role(_) => None,
        };
        // A name with a contextual reading elsewhere ("Georgia" the US state) is no evidence for either, and a
        // leader's bare surname is no evidence for its own country.
        let weak = |x: &&Sense| x.contextual || x.surname;
        let mut countries = senses.clone().filter(|x| !weak(x)).map(country);
        match countries.next() {
            Some(Some(c)) if countries.all(|o| o == Some(c)) && senses.filter(weak).all(|x| country(x) == Some(c)) => {
                Some(c)
            }
            _ => None,
        }
    }

    /// "Bosnian Serbs", "Croatian Serb refugees": a demonym right before another names the state the community
    /// lives in, which is the actor CAMEO codes; the two read as one mention of the first.
    fn merge_demonyms(&self, sentence: &str, chosen: Vec<Hit>) -> Vec<Hit> {
        let gaz = self.gaz;
        let is_demonym = |h: &Hit| {
            h.sense.form == MentionForm::Adjective
                && matches!(h.sense.target, Target::Entry(e) if gaz.entries[e as usize].kind == ActorKind::Country)
        };
        let mut merged: Vec<Hit> = Vec::with_capacity(chosen.len());
        for h in chosen {
            if let Some(prev) = merged.last_mut()
                && is_demonym(prev)
                && is_demonym(&h)
                && sentence.get(prev.end..h.start) == Some(" ")
            {
                prev.end = h.end;
                // "Iraqi Kurds": a community, the people of the first state.
                prev.sense.plural |= h.sense.plural;
                continue;
            }
            merged.push(h);
        }
        merged
    }

    /// A listed leader's name inside a longer written name ("Fidel Castro Ruz", "Miguel Mario Diaz-Canel Bermudez")
    /// is the whole name; a place name right after a capitalised word ("Jesus De Los Angeles Aise") is part of
    /// someone's name. Headlines capitalise every word, so neither applies there.
    fn extend_names(&self, sentence: &str, toks: Toks, merged: Vec<Hit>) -> Vec<Hit> {
        let gaz = self.gaz;
        let mut headline: Option<bool> = None;
        let mut out: Vec<Hit> = Vec::with_capacity(merged.len());
        for k in 0..merged.len() {
            let mut h = merged[k];
            let kind = match h.sense.target {
                Target::Entry(ei) => gaz.entries[ei as usize].kind,
                Target::Role(_) => ActorKind::Agent,
            };
            if !matches!(kind, ActorKind::Person | ActorKind::Place) {
                out.push(h);
                continue;
            }
            let floor = out.last().map_or(0, |p| p.end);
            let ceil = merged.get(k + 1).map_or(sentence.len(), |n| n.start);
            let before = name_word_before(sentence, h.start, floor, gaz);
            let after = if kind == ActorKind::Person { name_word_after(sentence, h.end, ceil, gaz) } else { None };
            if before.is_none() && after.is_none()
                || *headline.get_or_insert_with(|| is_title_case(sentence, toks, gaz))
            {
                out.push(h);
                continue;
            }
            // A place inside a name is no place; a leader's bare surname next to name words that are none of the
            // leader's own ("Hunter Biden", "Luz Contreras Arroyo") is somebody else of that name.
            let own_name_word = |word: &str| {
                let word = normalize(word);
                let Target::Entry(ei) = h.sense.target else { return false };
                gaz.entries[ei as usize].aliases.iter().any(|a| normalize(a).split(' ').any(|t| t == word))
            };
            let mut known_neighbour = false;
            let (mut s, mut e) = (h.start, h.end);
            while let Some(b) = name_word_before(sentence, s, floor, gaz) {
                known_neighbour |= sentence.get(b..s - 1).is_some_and(own_name_word);
                s = b;
            }
            while let Some(a) = name_word_after(sentence, e, ceil, gaz) {
                known_neighbour |= sentence.get(e + 1..a).is_some_and(own_name_word);
                e = a;
            }
            if kind == ActorKind::Place || (h.sense.surname && !known_neighbour) {
                continue;
            }
            while let Some(s) = name_word_before(sentence, h.start, floor, gaz) {
                h.start = s;
            }
            while let Some(e) = name_word_after(sentence, h.end, ceil, gaz) {
                h.end = e;
            }
            out.push(h);
        }
        out
    }

    /// The sense a match at `s..e` reads as, if any: its capitals must fit, an acronym is no mixed-case place or
    /// person, a leader's bare surname and a contextual name need their country in the document (or the title
    /// before them), and a person-like name no unknown name next to it. Ties go to the document's countries.
    fn choose_sense(&self, senses: &[Sense], sentence: &str, s: usize, e: usize, local: &Local) -> Option<Sense> {
        let gaz = self.gaz;
        let surface = sentence.get(s..e)?;
        let country_of = |sense: &Sense| match sense.target {
            Target::Entry(i) => gaz.entries[i as usize].country.as_deref(),
            Target::Role(_) => None,
        };
        let count = |c: &str| self.counts.get(c).copied().unwrap_or(0) + local.get(c).copied().unwrap_or(0);
        let entry = |sense: &Sense| match sense.target {
            Target::Entry(i) => Some(&gaz.entries[i as usize]),
            Target::Role(_) => None,
        };
        let in_office = |sense: &Sense| entry(sense).is_some_and(|e| e.roles.iter().any(|r| r.valid_on(self.date)));
        // "President Obama": a title names the office, whatever the document's date.
        let titled = || {
            let before = sentence.get(..s).unwrap_or("").trim_end();
            let word = before.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
            !word.is_empty() && gaz.role_words.contains(&normalize(word))
        };
        // "TANF", "ABE": a word in capitals is an acronym, not a listed place or person written in mixed case.
        let acronym = surface.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && surface.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
        let usable: Vec<&Sense> = senses
            .iter()
            .filter(|sense| caps_ok(sense.caps, surface))
            .filter(|sense| {
                !acronym
                    || sense.caps == Caps::All
                    || entry(sense).is_none_or(|e| !matches!(e.kind, ActorKind::Place | ActorKind::Person))
            })
            .filter(|sense| {
                !sense.surname || titled() || in_office(sense) || country_of(sense).is_some_and(|c| count(c) > 0)
            })
            .filter(|sense| !sense.contextual || country_of(sense).is_some_and(|c| count(c) > 0))
            .filter(|sense| !sense.personlike || !next_to_unknown_name(sentence, s, e, gaz))
            // "the Europe Bridge", "the Africa Cup": a region before an unknown name is part of a thing's name.
            .filter(|sense| {
                entry(sense).is_none_or(|en| en.kind != ActorKind::Group) || !before_unknown_name(sentence, e, gaz)
            })
            .collect();
        let has_entry = usable.iter().any(|s| matches!(s.target, Target::Entry(_)));
        // Ties between the document's countries go to a dated person in office on the document's date ("Bush" in
        // 1990 and in 2003), then to the preferred sense, then to a state over a place that shares its name
        // (the capital Tripoli over the Lebanese city).
        let not_place = |sense: &Sense| entry(sense).is_none_or(|e| e.kind != ActorKind::Place);
        usable
            .into_iter()
            .filter(|s| !has_entry || matches!(s.target, Target::Entry(_)))
            .max_by_key(|sense| {
                (country_of(sense).map_or(0, count), in_office(sense), sense.preferred, not_place(sense))
            })
            .copied()
    }
}

/// Longest first, then leftmost; overlapping shorter candidates lose. The result is in sentence order.
fn longest_first(mut cands: Vec<Hit>) -> Vec<Hit> {
    cands.sort_by_key(|h| (std::cmp::Reverse(h.end - h.start), h.start));
    let mut chosen: Vec<Hit> = Vec::new();
    for h in cands {
        if chosen.iter().all(|c| h.end <= c.start || c.end <= h.start) {
            chosen.push(h);
        }
    }
    chosen.sort_by_key(|h| h.start);
    chosen
}

fn caps_ok(caps: Caps, surface: &str) -> bool {
    match caps {
        Caps::Any => true,
        Caps::All => surface.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase()),
        Caps::Edges { first, last } => {
            let words: Vec<&str> = surface.split([' ', '-', '\u{a0}', '\n']).filter(|w| !w.is_empty()).collect();
            let up = |w: Option<&&str>| {
                w.and_then(|w| w.chars().find(|c| c.is_alphabetic())).is_some_and(|c| c.is_uppercase())
            };
            (!first || up(words.first())) && (!last || up(words.last()))
        }
    }
}

/// Whether the word right before or after `[s, e)` is a capitalised word that is not a stop word ("George
/// Washington", "Washington Redskins").
fn next_to_unknown_name(sentence: &str, s: usize, e: usize, gaz: &Gazetteer) -> bool {
    let is_name = |w: &str| {
        w.chars().next().is_some_and(|c| c.is_uppercase())
            && w.chars().any(|c| c.is_lowercase())
            && !gaz.stopwords.contains(&normalize(w))
    };
    let before = sentence.get(..s).unwrap_or("");
    let prev_word = before.strip_suffix(' ').and_then(|b| b.rsplit([' ', '\n', '\t']).next());
    let after = sentence.get(e..).unwrap_or("");
    let next_word = after.strip_prefix(' ').and_then(|a| a.split([' ', ',', '.', ';', ':', '\n']).next());
    // A title before the name ("President Bush") is not another name.
    prev_word
        .is_some_and(|w| is_name(w) && !w.ends_with(['.', ',', ':', ';']) && !gaz.role_words.contains(&normalize(w)))
        || next_word.is_some_and(is_name)
}

/// Whether the word right after byte `e` is a capitalised word that is neither a stop word nor a role word
/// ("Europe Bridge", not "Europe Minister" or "Europe on Monday").
fn before_unknown_name(sentence: &str, e: usize, gaz: &Gazetteer) -> bool {
    let after = sentence.get(e..).unwrap_or("");
    let next_word = after.strip_prefix(' ').and_then(|a| a.split([' ', ',', '.', ';', ':', '\n']).next());
    next_word.is_some_and(|w| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().any(char::is_lowercase)
            && !gaz.stopwords.contains(&normalize(w))
            && !gaz.role_words.contains(&normalize(w))
    })
}

/// Whether a match at `start` sits inside a hyphenated word that makes it no actor: a role word ending a compound
/// ("multi-party", "anti-government") or anything after "anti-", "pro-", "non-" ("anti-American protesters" are
/// not American).
fn inside_compound(sentence: &str, start: usize, senses: &[Sense]) -> bool {
    let Some(before) = sentence.get(..start).and_then(|b| b.strip_suffix('-')) else { return false };
    let prefix = before.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    let is = |words: &[&str]| words.iter().any(|p| prefix.eq_ignore_ascii_case(p));
    if is(&["ex", "co"]) {
        // "ex-president", "co-chairman" are still titles.
        return false;
    }
    is(&["anti", "pro", "non", "counter"]) || senses.iter().all(|s| matches!(s.target, Target::Role(_)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::tokens_of;

    fn hits(sentence: &str) -> Vec<&str> {
        let gaz = Gazetteer::builtin();
        let counts = HashMap::new();
        let matcher = Matcher { gaz: &gaz, counts: &counts, date: None };
        let mut norm = Normalized::default();
        let tokens = tokens_of(sentence);
        matcher
            .find_hits(&mut norm, sentence, Toks::new(&tokens, 0))
            .iter()
            .map(|h| &sentence[h.start..h.end])
            .collect()
    }

    #[test]
    fn longest_matches_win_and_demonyms_merge() {
        assert_eq!(hits("the North Korean foreign minister"), ["North Korean", "foreign minister"]);
        assert_eq!(hits("Bosnian Serbs fled"), ["Bosnian Serbs"]);
        // "anti-American protesters" are not American.
        assert_eq!(hits("anti-American protesters"), ["protesters"]);
        // "US" must be written in capitals.
        assert!(hits("tell us more").is_empty());
    }

    #[test]
    fn a_region_before_an_unknown_name_is_part_of_that_name() {
        // A bridge, a cup, a society named after a region: no region acts.
        assert_eq!(hits("workers blocked the Asia Bridge"), ["workers"]);
        assert_eq!(hits("police left the Africa Stadium"), ["police"]);
        // A role word, a stop word or a lowercase word after it: the region.
        assert_eq!(hits("Europe Minister Jo Doe spoke"), ["Europe", "Minister"]);
        assert_eq!(hits("aid to Africa on Monday"), ["Africa"]);
        assert_eq!(hits("Europe will decide"), ["Europe"]);
    }

    #[test]
    fn capitals_rules() {
        assert!(caps_ok(Caps::All, "US") && !caps_ok(Caps::All, "Us"));
        assert!(
            caps_ok(Caps::Edges { first: true, last: false }, "The north")
                && !caps_ok(Caps::Edges { first: true, last: false }, "the north")
        );
        assert!(inside_compound("pro-Russian", 4, &[]) && !inside_compound("ex-president", 3, &[]));
    }
}
