//! Noun or verb: which reading a word that can be both ("attack", "visit", "talks") has at one place in a sentence.
//!
//! dyad has no parser, so a verb pattern would fire on "the attack on", "a visit to" or "peace talks" as readily
//! as on "forces attacked". This module is the one place that reads a word's class from its neighbours: the
//! closed classes of `data/function_words.tsv` (determiners, prepositions, modals, relative pronouns) and
//! `data/word_classes.tsv` (subject pronouns, auxiliaries, adverbs, number words, adjective endings), the lemma
//! table's inflections, capitals and, when the caller gives them, the sentence's actor mentions.
//!
//! [`Analysis::reading`] answers noun, verb or open for one token, with no allocation:
//! - noun: [`Analysis::noun_context`] (the determiner, preposition and modifier rules the matcher always had)
//!   or the wider noun positions of this module (inside an actor mention, after a number or an adjective, after
//!   a determiner and singular modifiers, a base or -s form before "of" with nothing verbal before it). No verb
//!   pattern, built-in or loaded, fires on a noun reading;
//! - verb: positive evidence (a subject pronoun, modal, auxiliary or infinitive "to" before it, an actor or a
//!   noun phrase before a finite form, verb morphology in a verb position). Loaded PETRARCH patterns, written for
//!   parsed text where a verb pattern only ever met a verb, fire only on a verb reading;
//! - open: nothing decides. dyad's own patterns fire there, as they always did.

use crate::analysis::Analysis;
use crate::lexicon::{CLASSES, CONJ, DET, MODAL, PLACE_NOUN, PREP, RELPRO, SUB, lists};
use dyad_text::{VerbForm, VerbReading};

/// How many modifiers may stand between a determiner and a base form read as a noun ("a partial peace deal").
const MODIFIER_REACH: usize = 4;

/// What a word that can be a verb is at one place in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reading {
    /// It stands where only a noun would ("the attack on", "a visit to", "peace talks").
    Noun,
    /// Something before it makes it a verb ("forces attacked", "will visit", "they met", "he talks").
    Verb,
    /// Neither: nothing around it decides.
    Open,
}

/// Whether the form can only be a base or third-person form: neither past, participle nor gerund.
fn plain(v: VerbReading) -> bool {
    !v.is(VerbForm::Past) && !v.is(VerbForm::Participle) && !v.is(VerbForm::Gerund)
}

impl Analysis<'_> {
    /// The word's reading as a verb or a noun (see the module doc). A word with no verb reading is a noun.
    pub(crate) fn reading(&self, i: usize) -> Reading {
        let Some(v) = self.lemmas.get(i).and_then(|l| l.verb) else { return Reading::Noun };
        if self.noun_context(i) || self.noun_position(i, v) {
            return Reading::Noun;
        }
        if self.verb_position(i, v) {
            return Reading::Verb;
        }
        // "signs of", "the threat of": a base or -s form with nothing verbal before it and "of" after it heads a
        // noun phrase.
        if plain(v) && self.norm(i + 1) == "of" {
            return Reading::Noun;
        }
        Reading::Open
    }

    /// Whether token `k` lies inside an actor mention given by [`Analysis::set_actors`], past its first token.
    fn inside_actor(&self, k: usize) -> bool {
        self.actor_tokens.iter().any(|&(s, e)| s < k && k < e)
    }

    /// Whether an actor mention given by [`Analysis::set_actors`] starts at token `k`.
    pub(crate) fn actor_starts_at(&self, k: usize) -> bool {
        self.actor_tokens.iter().any(|&(s, e)| s == k && e > s)
    }

    /// Whether an actor mention ends right before token `k`.
    fn actor_ends_before(&self, k: usize) -> bool {
        k > 0 && self.actor_tokens.iter().any(|&(s, e)| e == k && e > s)
    }

    /// Whether the token before `i` may be a finite verb's subject: it ends an actor mention, or it is a
    /// capitalised word past the sentence's first ("the Kremlin shells").
    fn possible_subject_before(&self, i: usize) -> bool {
        self.actor_ends_before(i) || i > 1 && self.capitalized[i - 1] && !self.is_punct(i - 1)
    }

    /// Whether token `k` is a noun an adjective before it may modify: a capitalised name ("occupied Kherson") or
    /// a word with a noun reading that is no function word, number or punctuation ("coordinated attacks").
    fn noun_after_adjective(&self, k: usize) -> bool {
        k < self.len()
            && !self.is_punct(k)
            && self.function[k] & !PLACE_NOUN == 0
            && !self.number(k)
            && (self.capitalized[k] || self.lemmas[k].noun.is_some())
    }

    /// A plural noun, which may be the subject of a base form ("the rebels attack", "the Korean people
    /// extend", "the two agree"): an -s ending, a plural the lemma table knows, a plural of
    /// `data/word_classes.tsv`, or a cardinal.
    fn plural(&self, k: usize) -> bool {
        let w = self.norm(k);
        w.ends_with('s') && !w.ends_with("ss")
            || self.lemmas.get(k).is_some_and(|l| l.noun.is_some_and(|n| n != w))
            || CLASSES.plural.contains(w)
            || self.cardinal(k)
    }

    /// A number: a token starting with a digit ("48-hour", "1991-1995", "1,000") or a number word ("two",
    /// "first").
    fn number(&self, k: usize) -> bool {
        let w = self.norm(k);
        w.starts_with(|c: char| c.is_ascii_digit()) || CLASSES.cardinal.contains(w) || CLASSES.ordinal.contains(w)
    }

    /// A common noun naming people who can act (`agent` in `data/event_precision.tsv`: "official", "secretary"
    /// aside, "military"), which is a subject, never an adjective, before a verb form.
    fn agent(&self, k: usize) -> bool {
        let w = self.norm(k);
        // The `agent` list of `data/event_precision.tsv`: one list says which common nouns name people who act.
        let agent = &lists().agent;
        agent.contains(w) || self.lemmas.get(k).and_then(|l| l.noun).is_some_and(|n| agent.contains(n))
    }

    /// A lower-case adjective before a noun: a hyphenated modifier ("full-scale"), a word with an adjective ending
    /// and no verb or noun reading of its own ("medical", "military"), or a participle after a determiner ("its
    /// armed struggle", "the proposed changes").
    fn adjective(&self, k: usize) -> bool {
        let w = self.norm(k);
        // A capital marks a name, except on the sentence's first word ("Agricultural exports").
        if self.capitalized[k] && k > 0
            || self.function[k] & !PLACE_NOUN != 0
            || self.is_punct(k)
            || self.number(k)
            || self.agent(k)
        {
            return false;
        }
        if self.actor_tokens.iter().any(|&(s, e)| s <= k && k < e) {
            return false;
        }
        let l = self.lemmas[k];
        if let Some(v) = l.verb {
            return k > 0 && self.is(k - 1, DET) && v.is(VerbForm::Participle) && w.ends_with("ed");
        }
        if l.noun.is_some() {
            return false;
        }
        if w.ends_with("ly") {
            return false;
        }
        let hyphenated = w.contains('-') && w.chars().all(|c| c.is_alphabetic() || c == '-');
        hyphenated || CLASSES.adj_suffix.iter().any(|s| w.len() > s.len() + 2 && w.ends_with(s))
    }

    /// Noun positions beyond [`Analysis::noun_context`], for any verb the dictionaries know (including loaded
    /// verbs the lemma table has no noun for):
    /// - inside an actor mention ("British forces", "Croat forces"): a mention is a noun phrase; likewise a
    ///   capitalised first word joined by "and" or "of" to another capitalised word (a title);
    /// - a base or -s form after a preposition ("against challenges", "for damages"), a number ("two
    ///   attacks", "a 48-hour search") or an adjective ("medical supplies", "its armed struggle");
    /// - a base or -s form right before a modal or auxiliary ("the talks will resume");
    /// - a base form after a determiner and singular modifiers ("a partial peace deal", "Israel's militia ally",
    ///   "the 1995-1998 border conflict"):
    ///   a singular noun before it cannot be its subject, as a finite verb after one would end in -s.
    fn noun_position(&self, i: usize, v: VerbReading) -> bool {
        if self.inside_actor(i) || self.joined_name_start(i) {
            return true;
        }
        if !plain(v) {
            return false;
        }
        if self.subject_of_next_verb(i, v) {
            return true;
        }
        if i == 0 {
            return false;
        }
        self.compound_act_head(i, v)
            || self.object_after_mention(i, v)
            || self.after_preposition_or_modifier(i, v)
            || v.is(VerbForm::Base) && !v.is(VerbForm::ThirdPerson) && self.after_determiner_and_modifiers(i)
    }

    /// "Planning and Investment Minister ...": a capitalised first word joined by "and" or "of" to another
    /// capitalised word is part of a name.
    fn joined_name_start(&self, i: usize) -> bool {
        i == 0
            && self.capitalized.first().copied().unwrap_or(false)
            && matches!(self.norm(1), "and" | "of" | "&")
            && self.capitalized.get(2).copied().unwrap_or(false)
    }

    /// The form at `i` heads the subject of the verb right after it.
    /// "the talks will resume", "attacks were reported": a base or -s form right before a modal or an auxiliary.
    /// "as shells continued crashing", "raids killed ten": an -s form that can be a plural noun, right before a
    /// form that can only be a past tense or participle: a finite verb is not followed by another. Not after a
    /// possible subject ("Russia shells occupied Kherson": an actor mention or a capitalised name), nor when a
    /// noun follows the past form ("Hamas plans coordinated attacks"): that form is then an adjective of the -s
    /// form's object.
    fn subject_of_next_verb(&self, i: usize, v: VerbReading) -> bool {
        if self.is(i + 1, MODAL) || CLASSES.aux.contains(self.norm(i + 1)) {
            return true;
        }
        let past_only = |pv: VerbReading| {
            (pv.is(VerbForm::Past) || pv.is(VerbForm::Participle))
                && !pv.is(VerbForm::Base)
                && !pv.is(VerbForm::ThirdPerson)
        };
        v.is(VerbForm::ThirdPerson)
            && self.lemmas[i].noun.is_some()
            && self.lemmas.get(i + 1).is_some_and(|l| l.noun.is_none() && l.verb.is_some_and(past_only))
            && !self.possible_subject_before(i)
            && !self.noun_after_adjective(i + 2)
    }

    /// "Israeli air strikes on Syria", "artillery attacks against X": an -s form that can be a plural noun,
    /// after a lower-case singular noun with no verb reading and before "on" or "against" (not opening a date)
    /// that no built-in row of the verb takes ("calls on", "fires on" stay verbs), is the head of a compound
    /// naming the act: the verb would take its object without the preposition. `i` > 0.
    fn compound_act_head(&self, i: usize, v: VerbReading) -> bool {
        let (prev, next) = (i - 1, self.norm(i + 1));
        v.is(VerbForm::ThirdPerson)
            && self.lemmas[i].noun.is_some()
            && matches!(next, "on" | "against")
            && !self.time_tokens.iter().any(|&(s, _)| s == i + 1)
            && !self.capitalized[prev]
            && self.lemmas[prev].verb.is_none()
            && self.function[prev] == 0
            && !self.plural(prev)
            && !self.is_punct(prev)
            && self
                .dict
                .verb_index
                .get(v.base)
                .is_none_or(|rows| rows.iter().all(|&r| !self.dict.verbs[r].preps.contains(&next)))
    }

    /// "rejected French demands", "yielded to Ukrainian demands": an -s form that can be a plural noun, right
    /// after a one-word actor mention that follows a preposition or the past form of an event verb, heads that
    /// verb's object; the mention modifies it. A report verb takes a clause instead ("said Iran demands"). `i` > 0.
    fn object_after_mention(&self, i: usize, v: VerbReading) -> bool {
        let prev = i - 1;
        if !(v.is(VerbForm::ThirdPerson)
            && self.lemmas[i].noun.is_some()
            && prev > 0
            && self.actor_tokens.contains(&(prev, i)))
        {
            return false;
        }
        let q = prev - 1;
        let event_verb = self.lemmas[q].verb.is_some_and(|pv| {
            pv.is(VerbForm::Past) && !self.report_cues.contains(&q) && self.dict.verb_index.contains_key(pv.base)
        });
        event_verb || self.is(q, PREP) && !self.is(q, SUB)
    }

    /// A form right after a preposition (after "to" only a base form can be an infinitive: "to talks", "to
    /// attempts" are nouns), a number ("two attacks", "a 48-hour search"; but "the two agree": a base form
    /// after a cardinal has it as subject) or an adjective. `i` > 0.
    fn after_preposition_or_modifier(&self, i: usize, v: VerbReading) -> bool {
        let prev = i - 1;
        self.is(prev, PREP) && !self.is(prev, SUB) && (self.norm(prev) != "to" || !v.is(VerbForm::Base))
            || self.number(prev) && !(self.cardinal(prev) && v.is(VerbForm::Base))
            || self.adjective(prev)
    }

    /// A base form after a determiner and up to [`MODIFIER_REACH`] modifiers ("the proposed meeting"). Only a
    /// determiner opens such a phrase: after a preposition the modifiers may be its whole object, and the word
    /// after them the verb of a subject before the phrase ("ministers in principle agree", "leaders in Cairo
    /// agree"). `i` > 0.
    fn after_determiner_and_modifiers(&self, i: usize) -> bool {
        let modifier = |k: usize| {
            let w = self.norm(k);
            !self.is_punct(k)
                && self.function[k] & !PLACE_NOUN == 0
                && !self.cardinal(k)
                && !self.plural(k)
                && !w.ends_with("ly")
                && !self.agent(k)
                && self.lemmas[k].verb.is_none_or(|pv| pv.is(VerbForm::Participle) && w.ends_with("ed"))
                && !CLASSES.subject.contains(w)
                && !CLASSES.aux.contains(w)
                && !self.time_tokens.iter().any(|&(s, e)| s <= k && k < e)
        };
        let mut k = i - 1;
        let mut seen = 0;
        while seen < MODIFIER_REACH && modifier(k) {
            seen += 1;
            if k == 0 {
                return false;
            }
            k -= 1;
        }
        seen > 0 && self.is(k, DET) && !self.complementizer(k)
    }

    /// Whether the "to" at `k` opens an infinitive that modifies a noun before it ("attempts to undermine X",
    /// "its obligation to render aid", "the struggle to defend"): such an infinitive names a purpose or a duty,
    /// not an act that took place. A cue phrase ending at the "to" ("willingness to", "agreed to", "in a bid
    /// to", `data/event_cues.tsv`) governs it instead, and a name, pronoun, verb or adjective before it
    /// ("urged Iran to", "vowed to", "likely to") is no such noun.
    fn noun_infinitive(&self, k: usize) -> bool {
        let Some(q) = k.checked_sub(1) else { return false };
        if self.capitalized[q] || self.is_punct(q) || self.function[q] & !PLACE_NOUN != 0 || self.adjective(q) {
            return false;
        }
        if self.actor_tokens.iter().any(|&(s, e)| s <= q && q < e) {
            return false;
        }
        let w = self.norm(q);
        if CLASSES.subject.contains(w) || CLASSES.aux.contains(w) || w.ends_with("ly") {
            return false;
        }
        let cue_ends_here = (q.saturating_sub(3)..=q).any(|s| {
            self.dict
                .cues_starting_with(self.first_words(s))
                .any(|c| self.phrase_at(s, &self.dict.cues[c].1) == Some(k + 1))
        });
        if cue_ends_here {
            return false;
        }
        let l = self.lemmas[q];
        match l.verb {
            // A verb form there is read on its own: "the attempts to" (noun), "Iran attempts to" (verb).
            Some(_) => self.reading(q) == Reading::Noun,
            None => {
                l.noun.is_some()
                    || CLASSES.noun_suffix.iter().any(|s| w.len() > s.len() + 2 && w.ends_with(s))
                    || w.ends_with('s') && !w.ends_with("ss")
                    || q > 0 && self.is(q - 1, DET)
            }
        }
    }

    /// Positive evidence of a verb: looking left past adverbs ("also", "not", "-ly"),
    /// - a subject pronoun, a relative pronoun, a modal or an auxiliary ("they met", "who attacked", "will
    ///   visit", "was attacked", "did not attack"), or "to" before a base form ("to visit");
    /// - an actor mention or a capitalised name (not the sentence's first word) before a finite-looking form ("Iran attacked", "Kim visits");
    /// - a lower-case noun before a past or -s form ("troops fired", "police arrest" aside), or before a base form
    ///   when the noun is plural ("the rebels attack"); not a participle followed by "by", which is a reduced
    ///   passive clause modifying the noun ("measures taken by X");
    /// - a comma or coordinator before a past form, a coordinator before a gerund ("and wounded", "and killing");
    /// - a verb before a gerund ("began attacking"), or nothing before a gerund or past form (an opening
    ///   participial clause: "Meeting in Geneva, ...").
    fn verb_position(&self, i: usize, v: VerbReading) -> bool {
        let c = &*CLASSES;
        let mut k = i;
        let prev = loop {
            if k == 0 {
                break None;
            }
            k -= 1;
            let w = self.norm(k);
            if !(c.adverb.contains(w) || w.len() > 4 && w.ends_with("ly")) {
                break Some(k);
            }
        };
        let Some(p) = prev else { return v.is(VerbForm::Gerund) || v.is(VerbForm::Past) };
        let w = self.norm(p);
        if c.subject.contains(w) || self.is(p, RELPRO) || self.is(p, MODAL) || c.aux.contains(w) {
            return true;
        }
        if w == "to" {
            return v.is(VerbForm::Base) && !self.noun_infinitive(p);
        }
        // "and wounded", "and killing": a coordinated predicate. A gerund after a comma opens a participial
        // adjunct ("..., overcoming all obstacles") whose subject is the main clause's, far to the left: open.
        if w == "," || self.is(p, CONJ) {
            return v.is(VerbForm::Past) || v.is(VerbForm::Gerund) && w != ",";
        }
        let reduced_passive = v.is(VerbForm::Participle) && self.norm(i + 1) == "by";
        let finite = v.is(VerbForm::Past) || v.is(VerbForm::ThirdPerson);
        // A capital at the start of the sentence marks no name ("Peace talks"): there only an actor mention does.
        if self.actor_ends_before(p + 1) || p > 0 && self.capitalized[p] && !self.capitalized[i] {
            return (finite || v.is(VerbForm::Base)) && !reduced_passive;
        }
        if self.is_punct(p) || self.function[p] & !PLACE_NOUN != 0 {
            return false;
        }
        if let Some(pv) = self.lemmas[p].verb
            && self.lemmas[p].noun.is_none()
        {
            return v.is(VerbForm::Gerund) && !matches!(pv.base, "be" | "have");
        }
        // "this photo captured from X", "talks aimed at": a participle between a noun naming a thing and a
        // preposition modifies the thing, as a thing does not act.
        if v.is(VerbForm::Participle) && self.is(i + 1, PREP) && !self.agent(p) {
            return false;
        }
        let plural = self.plural(p);
        (finite || plural && v.is(VerbForm::Base)) && !reduced_passive && !v.is(VerbForm::Gerund)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_core::Span;

    /// The reading of the first token written `word` in `text`, with `actors` as (first, last) words of the
    /// sentence's actor mentions.
    fn reading_with(text: &str, word: &str, actors: &[(&str, &str)]) -> Reading {
        let tokens = dyad_text::tokenize(text, Span::new(text, 0, text.len()).expect("span"));
        let mut a = Analysis::new(&tokens);
        let at = |a: &Analysis, w: &str| (0..a.len()).find(|&k| a.norm(k) == w.to_lowercase()).expect(w);
        let ranges = actors.iter().map(|(s, e)| (at(&a, s), at(&a, e) + 1)).collect();
        a.set_actors(ranges);
        a.reading(at(&a, word))
    }

    fn reading(text: &str, word: &str) -> Reading {
        reading_with(text, word, &[])
    }

    #[test]
    fn the_same_words_read_as_nouns_and_as_verbs() {
        use Reading::{Noun, Verb};
        let cases: &[(&str, &str, Reading)] = &[
            // attack
            ("The attack on the embassy was condemned.", "attack", Noun),
            ("Government forces attack rebel positions every night.", "attack", Verb),
            ("Rebels attacked the convoy.", "attacked", Verb),
            ("The convoy was attacked near the border.", "attacked", Verb),
            ("Two attacks hit the capital.", "attacks", Noun),
            // An -s form right before a past tense is its subject: a finite verb is not followed by another.
            ("Officials left as shells continued falling on the town.", "shells", Noun),
            ("Rebel raids killed ten soldiers.", "raids", Noun),
            ("Officials reported medical supplies and two attacks.", "attacks", Noun),
            ("Aid groups sent medical supplies to the region.", "supplies", Noun),
            // ... but not after a possible subject, nor when the past form is an adjective before a noun.
            ("Yesterday Russia shells occupied Kherson.", "shells", Verb),
            ("Israel raids occupied West Bank towns.", "raids", Verb),
            ("Hamas plans coordinated attacks.", "plans", Verb),
            // An -s form after a lower-case noun, before an "on" or "against" its verb rows do not take, heads a
            // compound; "calls on", "fires on" stay verbs, and so does a date after the form.
            ("Russia condemned Israeli air strikes on Syria.", "strikes", Noun),
            ("Turkish artillery attacks against Kurdish towns continued.", "attacks", Noun),
            ("The UN committee calls on Iran to free the prisoners.", "calls", Verb),
            ("The border unit fires on smugglers.", "fires", Verb),
            // visit
            ("The minister announced a visit to Moscow.", "visit", Noun),
            ("The minister will visit Moscow next week.", "visit", Verb),
            ("The president plans to visit Moscow.", "visit", Verb),
            ("Her first visit abroad was short.", "visit", Noun),
            // meeting, met
            ("The meeting ended without a statement.", "meeting", Noun),
            ("They met in Geneva on Friday.", "met", Verb),
            ("The two sides met again.", "met", Verb),
            // talks
            ("The peace talks will resume in Oslo.", "talks", Noun),
            ("The two sides returned to talks in Oslo.", "talks", Noun),
            ("He talks to reporters every morning.", "talks", Verb),
            ("She never talks about the war.", "talks", Verb),
            // a base form after a determiner and a singular modifier cannot have that modifier as subject
            ("The envoy praised a partial peace protest by farmers.", "protest", Noun),
            ("Many farmers protest the new tax.", "protest", Verb),
            // a number compound or ordinal is a modifier; a cardinal may be the subject
            ("Police ended the 2019-2020 farm protest.", "protest", Noun),
            ("After a long night the two protest again.", "protest", Verb),
            // a title at the start of a sentence
            ("Supply and Logistics Minister Ann Lee resigned.", "supply", Noun),
            // a coordinated predicate is a verb; a participial adjunct after a comma is left open
            ("The rebels took the town and attacked the garrison.", "attacked", Verb),
            ("The rebels took the town, attacking the garrison.", "attacking", Reading::Open),
            // "of" after a bare form with nothing verbal before it
            ("Demands of the strikers were rejected.", "demands", Noun),
        ];
        let wrong: Vec<String> = cases
            .iter()
            .filter(|(text, word, want)| reading(text, word) != *want)
            .map(|(text, word, want)| format!("{text} [{word}] want {want:?}, got {:?}", reading(text, word)))
            .collect();
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn actor_mentions_are_noun_phrases_and_subjects() {
        // Inside a mention: "forces" is part of the name of an armed force.
        assert_eq!(reading_with("British forces patrol the city.", "forces", &[("British", "forces")]), Reading::Noun);
        // A mention ending before a finite form is its subject.
        assert_eq!(reading_with("Moscow supplies the fuel.", "supplies", &[("Moscow", "Moscow")]), Reading::Verb);
        // A reduced passive after a thing: "measures taken by X" are X's measures, not an act of the thing.
        assert_ne!(reading("The measures taken by the council were harsh.", "taken"), Reading::Verb);
        // A participle between a thing and a preposition modifies the thing.
        assert_ne!(reading("He showed a photo captured from the newspaper.", "captured"), Reading::Verb);
        assert_eq!(reading("Soldiers captured the hill.", "captured"), Reading::Verb);
        // An -s form after a subject, before an object, stays a verb.
        assert_ne!(reading_with("Russia shells Ukrainian cities.", "shells", &[("Russia", "Russia")]), Reading::Noun);
        // An -s form after an actor stays a verb before a past form too: "occupied" is then an adjective.
        assert_eq!(reading_with("Russia shells occupied Kherson.", "shells", &[("Russia", "Russia")]), Reading::Verb);
        // A one-word mention after an event verb's past form or a preposition modifies the -s form after it; a
        // report verb takes a clause.
        let french = &[("French", "French")];
        assert_eq!(reading_with("Tunisia rejected French demands to leave.", "demands", french), Reading::Noun);
        assert_eq!(reading_with("Tunisia yielded to French demands on Monday.", "demands", french), Reading::Noun);
        assert_ne!(reading_with("Tunisia said French demands more.", "demands", french), Reading::Noun);
    }

    #[test]
    fn an_infinitive_after_a_noun_is_no_act_but_after_a_cue_or_verb_it_is() {
        // A purpose or duty the noun names ("an obligation to", "attempts to").
        assert_ne!(reading("The treaty is an obligation to protect the border.", "protect"), Reading::Verb);
        assert_ne!(reading("Iran condemned attempts to threaten the region.", "threaten"), Reading::Verb);
        // A cue phrase ending at "to" ("willingness to", "agreed to") or a verb before it governs the infinitive.
        assert_eq!(reading("Iran expressed willingness to attack the base.", "attack"), Reading::Verb);
        assert_eq!(reading("Iran agreed to visit the site.", "visit"), Reading::Verb);
        assert_eq!(reading("Iran urged Iraq to visit the site.", "visit"), Reading::Verb);
    }

    proptest::proptest! {
        #[test]
        fn reading_never_panics(words in proptest::collection::vec(proptest::sample::select(vec![
            "the", "two", "attack", "attacks", "attacked", "to", "of", "they", "will", "visit", "Iran", ",", "and",
            "talks", "medical", "first", "by", "taken", "obligation", "1991-1995", "people", "meeting", ".",
        ]), 0..14), actor in 0usize..14) {
            let text = words.join(" ");
            let tokens = dyad_text::tokenize(&text, Span::new(&text, 0, text.len()).expect("span"));
            let mut a = Analysis::new(&tokens);
            a.set_actors(vec![(actor, actor + 2), (0, 0)]);
            for i in 0..a.len() + 2 {
                let r = a.reading(i);
                // A word with no verb reading is never read as a verb.
                proptest::prop_assert!(a.lemmas.get(i).is_some_and(|l| l.verb.is_some()) || r == Reading::Noun);
            }
        }
    }
}
