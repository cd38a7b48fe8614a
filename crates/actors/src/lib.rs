//! Actors: finds who a news text mentions and links each mention to a canonical actor with a CAMEO-style code.
//!
//! Countries (by name, abbreviation, demonym or capital), international organisations, media, parties and groups
//! of countries come from plain data files under `data/` (see `data/README.md`), compiled once into a single
//! Aho-Corasick automaton that runs over normalised text (case, diacritics, hyphens and apostrophes folded, with a
//! byte map back to the original). Role words ("foreign minister", "ambassador", "diplomats") come from the same
//! automaton and combine with their own modifier into one coded phrase: "Cuban ambassador to the DPRK" is CUBGOV,
//! never PRK. Sector nouns ("warplanes", "riot police", "extremists") take CAMEO sectors the same way ("Russian
//! warplanes" RUSMIL), countries joined by "and" share them ("Hungarian and Romanian officials"), and a body with no
//! country of its own takes the one it acts in ("rebels in the Ivory Coast"). People are not listed anywhere: they are learned from titles and appositions ("Russian Foreign
//! Minister Sergey Lavrov", "Aise Sotolong, Cuban ambassador to the DPRK") into a [`Registry`] that persists across
//! documents, and later surnames, role phrases ("the vice minister") and pronouns resolve to them through a
//! per-document [`Document`] state. A name with no title is learned only where the sentence puts a person
//! (`data/person_cues.tsv`): after an honorific ("Mr. Doe"), or as a full name that is the subject of a speech verb
//! ("Jane Doe said"); such a person has no country until a role gives one, except that a state office with no
//! state named ("Judge Doe", "Speaker Doe") takes the one state a document is mostly about. A pronoun prefers the
//! subject of the speech verb before it ("Doe said that he ..."), then the last person named before it, then the
//! person the previous sentence reported on ("Doe said Roe has ... . He dismissed ...": Roe) unless the pronoun
//! itself speaks, then the previous sentence's first person, skipping a person whose honorific gives the other
//! gender.
//!
//! Cities and regions (`data/places.tsv`) are [`ActorKind::Place`] mentions: they carry their state as country and code
//! but are where something happens, not who acts ("Mumbai police" is IND COP through the role word).
//!
//! Key design decision: learn people from the text, and list only the few people news names without a title. Dictionary
//! coders go stale (PETRARCH2's has no Kim Jong-un); a title or apposition names the role and country at the date
//! of the article, which is exactly what a dated role needs, so most people are learned. Heads of state and
//! government and foreign ministers are the exception: news says "Putin" or "al-Bashir" with no title, so
//! `data/leaders.tsv` lists them with dated terms, and a surname shared by two office holders ("Bush") resolves to
//! the one in office on the document's date; a role the text itself gives still wins. Behind them,
//! `data/office_holders.tsv` (generated from CountryInfo and Phoenix: heads of state and government 1960–2011,
//! cabinets 2003–2011, birth and death dates) and `data/igo_heads.tsv` are known by full name, and a title with no
//! country ("Premier Zhao", "King Hassan") finds its holder on the document's date through an index of name words
//! ([`Gazetteer`]'s office-holder lookup); out of office a listed person is of their country's elite (ELI), and the
//! dead hold no office. Birth and death dates also date year-less pages ([`anniversary_year`]). External
//! PETRARCH/TABARI dictionaries can be added ([`GazetteerBuilder::add_phoenix`]) for their dated roles.
#![deny(missing_docs)]

mod anniversary;
mod cues;
mod data;
mod hits;
mod model;
mod names;
mod normalize;
mod people;
pub mod phoenix;
mod resolve;
mod roles;
mod sentences;
mod speech;
mod units;

pub use anniversary::{AnniversaryYear, anniversary_year};
pub use data::{Gazetteer, GazetteerBuilder};
pub use model::{Actor, ActorKind, ActorMention, MentionForm, Role, cameo_code};
pub use names::slug;
pub use normalize::{Normalized, normalize};
pub use people::Registry;
pub use resolve::DocumentResolver;
pub use sentences::split_sentences;

use chrono::NaiveDate;

/// Stateless convenience: the mentions of `text` read as one document dated `date`, with a fresh registry over
/// the built-in dictionaries.
pub fn resolve(text: &str, date: Option<NaiveDate>) -> Vec<ActorMention> {
    Registry::new().resolve_text(text, date)
}
