//! Actors: finds who a news text mentions and links each mention to a canonical actor with a CAMEO actor code.
//!
//! Countries, organisations, media, parties, groups, places, role words and listed office holders come from the
//! data files under `data/` (see `data/README.md`), compiled into one Aho-Corasick automaton over normalised text.
//! A [`DocumentResolver`] reads a document one sentence at a time through a fixed sequence of named passes:
//! dictionary matches, role phrases ("Cuban ambassador to the DPRK" is CUBGOV, never PRK), named people, unnamed
//! roles, dictionary actors, pronouns. A [`Registry`] keeps the people it learns across documents.
//!
//! Key design decision: learn people from the text rather than list them. Dictionary coders go stale; a title or an
//! apposition gives the role and country at the article's date, and a name with no title is learned only where the
//! sentence puts a person ("Mr. Doe", "Jane Doe said"). Only people news names without a title are listed, with
//! dated terms, so that a name resolves to the post its holder held on the document's date.
//!
//! The records the database keeps of actors ([`ActorRecord`], [`PageMention`]) live here, with the one actor record
//! per actor and page ([`document_actors`]): the store may depend on this crate, which depends on `dyad-core` and
//! `dyad-text` (a sentence is read through the text stage's tokens, made once for actors and events) only.
//!
//! ```
//! use dyad_actors::{MentionForm, Registry};
//!
//! let text = "Cuban Ambassador Aise Sotolongo met DPRK diplomats in Pyongyang. Sotolongo said he was pleased.";
//! let mut registry = Registry::new();
//! let mut doc = registry.document(chrono::NaiveDate::from_ymd_opt(2019, 4, 12));
//! let mut found = Vec::new();
//! for sentence in dyad_text::sentences(text) {
//!     for m in doc.resolve_sentence(text, &sentence) {
//!         found.push((m.text, m.code, m.form));
//!     }
//! }
//! let code = |t: &str, c: &str, f| (t.to_string(), c.to_string(), f);
//! assert_eq!(
//!     found,
//!     [
//!         code("Cuban Ambassador Aise Sotolongo", "CUBGOV", MentionForm::Role),
//!         code("DPRK diplomats in Pyongyang", "PRKGOV", MentionForm::Role),
//!         code("Sotolongo", "CUBGOV", MentionForm::Surname),
//!         code("he", "CUBGOV", MentionForm::Pronoun),
//!     ]
//! );
//! // The registry now knows the ambassador, for the next documents.
//! assert_eq!(registry.people()[0].name, "Aise Sotolongo");
//! ```
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
mod record;
mod resolve;
mod roles;
mod speech;
mod units;

pub use anniversary::{AnniversaryYear, anniversary_year};
pub use data::{Gazetteer, GazetteerBuilder};
pub use model::{Actor, ActorKind, ActorMention, MentionForm, Role, cameo_code};
pub use normalize::{Normalized, normalize, slug};
pub use people::Registry;
pub use record::{ActorRecord, PageMention, RoleRecord, document_actors};
pub use resolve::DocumentResolver;

use chrono::NaiveDate;

/// Stateless convenience: the mentions of `text` read as one document dated `date`, with a fresh registry over
/// the built-in dictionaries.
pub fn resolve(text: &str, date: Option<NaiveDate>) -> Vec<ActorMention> {
    Registry::new().resolve_text(text, date)
}
