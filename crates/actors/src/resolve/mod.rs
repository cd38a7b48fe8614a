//! The per-document resolver: one sentence at a time, a fixed sequence of named passes over its units.
//!
//! 1. [`crate::units`] and [`crate::hits`]: tokens, then dictionary matches chosen with the document's countries.
//! 2. [`crate::roles`]: role phrases ("Cuban ambassador to the DPRK").
//! 3. [`named`]: listed people, then capitalised runs that a title, apposition, earlier mention or speech verb makes
//!    a person.
//!    Then [`firms`]: a company named by its trade and state ("Japanese carmaker Acme"), and
//!    [`abbreviations`]: a short name an earlier sentence defined ("the United Auto Workers (UAW)").
//! 4. [`nationality`]: "the 48-year-old Australian (man)", the document's latest person, who is of that state;
//!    then [`unnamed`]: role phrases no name took: a person the document named (role anaphora) or an unnamed agent.
//! 5. [`dictionary`]: titles of listed people, then every dictionary actor left; then [`firms`]' anaphora: "the
//!    company" is the last firm named in the last few sentences.
//! 6. [`minorities`]: "ethnic Albanians" re-homed to the state the sentence puts them in; then [`stateless`]:
//!    a person or agent with no state takes the sentence's one state.
//! 7. [`pronouns`]: pronouns, once the sentence's people are known; then what the document remembers.
//!
//! Each pass reads the sentence ([`state::Sentence`]) and adds to what the sentence has built ([`state::Work`]);
//! the document's memory between sentences is [`DocumentResolver`]'s, the memory across documents the registry's.

mod abbreviations;
mod coref;
mod dictionary;
mod firms;
mod minorities;
mod named;
mod nationality;
mod pronouns;
pub(crate) mod state;
mod stateless;
mod unnamed;

pub use state::DocumentResolver;

use crate::hits::Matcher;
use crate::model::ActorMention;
use crate::normalize::Normalized;
use crate::people::Registry;
use crate::roles::role_phrases;
use crate::units::{Toks, build_units};
use chrono::NaiveDate;
use dyad_text::{TokenizedSentence, Tokens};
use state::{Sentence, Work};
use std::collections::HashMap;

impl Registry {
    /// Starts a document dated `date` (the publication date picks dated roles and stamps learned ones).
    pub fn document(&mut self, date: Option<NaiveDate>) -> DocumentResolver<'_> {
        self.ensure_index();
        DocumentResolver {
            reg: self,
            date,
            country_counts: HashMap::new(),
            state_counts: HashMap::new(),
            ahead: std::cell::OnceCell::new(),
            current: (0, 0),
            people: Vec::new(),
            seq: 0,
            last_subject: None,
            last_reported: None,
            genders: HashMap::new(),
            titled: HashMap::new(),
            abbrevs: HashMap::new(),
            sentence_no: 0,
            last_firm: None,
            norm: Normalized::default(),
        }
    }

    /// Resolves a whole text as one document: splits it into sentences (with the text stage's splitter,
    /// `dyad_text::split_sentences`, as the pipeline does) and returns every mention.
    pub fn resolve_text(&mut self, text: &str, date: Option<NaiveDate>) -> Vec<ActorMention> {
        let mut doc = self.document(date);
        let mut out = Vec::new();
        for sentence in dyad_text::sentences(text) {
            out.extend(doc.resolve_sentence(text, &sentence));
        }
        out
    }
}

impl DocumentResolver<'_> {
    /// Resolves one sentence of the document `text`, read through the tokens the text stage made of it (its
    /// spans and the mentions' are byte spans of `text`). Earlier sentences of the document (and earlier documents
    /// of the registry) inform this one, so call it in reading order.
    pub fn resolve_sentence(&mut self, text: &str, sentence: &TokenizedSentence) -> Vec<ActorMention> {
        let Some(slice) = sentence.span.slice(text) else { return Vec::new() };
        self.current = (sentence.span.start(), sentence.span.end());
        self.sentence_no += 1;
        let st = self.analyse(text, sentence.span.start(), slice, &sentence.tokens);
        let mut w = Work {
            phrases: role_phrases(&st.view()),
            consumed: vec![false; st.units.len()],
            out: Vec::new(),
            people: Vec::new(),
            runs: Vec::new(),
        };
        self.listed_people(&st, &mut w);
        self.named_people(&st, &mut w);
        self.firms(&st, &mut w);
        self.abbreviations(&st, &mut w);
        self.nationality_descriptions(&st, &mut w);
        self.unnamed_roles(&st, &mut w);
        let titles = self.titles(&st, &mut w);
        self.dictionary_actors(&st, &mut w, &titles);
        self.firm_anaphora(&st, &mut w);
        self.ethnic_minorities(&st, &mut w);
        self.stateless_actors(&st, &mut w);
        let out = self.pronouns(&st, w, &titles);
        self.learn_abbreviations(text, &out);
        self.remember_firm(&out);
        out
    }

    /// The sentence's tokens, its dictionary matches and its units.
    fn analyse<'t>(&mut self, text: &'t str, offset: usize, sentence: &'t str, tokens: &'t Tokens) -> Sentence<'t> {
        let gaz = self.reg.gaz.clone();
        let toks = Toks::new(tokens, offset);
        let matcher = Matcher { gaz: &gaz, counts: &self.country_counts, date: self.date };
        let hits = matcher.find_hits(&mut self.norm, sentence, toks);
        let units = build_units(&hits, toks);
        Sentence { text, offset, sentence, toks, hits, units, gaz }
    }
}

/// Test helper: each mention of `text` (one document dated `date`) as "text=CODE/Form".
#[cfg(test)]
pub(crate) fn mentions(text: &str, date: Option<&str>) -> Vec<String> {
    let date = date.map(|d| d.parse::<NaiveDate>().expect("test date"));
    Registry::new().resolve_text(text, date).iter().map(|m| format!("{}={}/{:?}", m.text, m.code, m.form)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn any_text_resolves_without_panics_and_with_valid_spans(
            text in "(\\PC|[A-Z][a-z]+ |Cuban ambassador |President |, |'s |-){0,40}"
        ) {
            let mut reg = Registry::new();
            for m in reg.resolve_text(&text, None) {
                proptest::prop_assert_eq!(m.span.slice(&text), Some(m.text.as_str()));
            }
        }
    }

    #[test]
    fn passes_run_in_order_over_one_sentence() {
        // Names (a titled person), roles (an unnamed agent), dictionary actors and a pronoun in one sentence.
        let got = mentions(
            "Russian Foreign Minister Sergey Lavrov told the Cuban ambassador that his country backs Cuba.",
            None,
        );
        assert_eq!(
            got,
            [
                "Russian Foreign Minister Sergey Lavrov=RUSGOV/Role",
                "Cuban ambassador=CUBGOV/Role",
                "his=RUSGOV/Pronoun",
                "Cuba=CUB/Name",
            ]
        );
    }
}
