//! The records this crate hands out: actors, their roles, and mentions of them in text.

use chrono::NaiveDate;
use dyad_core::{ActorCode, Span};
use serde::{Deserialize, Serialize};

/// What sort of actor an [`Actor`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    /// A state, present or former.
    Country,
    /// A named person.
    Person,
    /// An international or non-governmental organisation.
    Org,
    /// A group of countries or a region ("Arab countries", "the West").
    Group,
    /// A news medium acting as an actor (KCNA, Xinhua).
    Media,
    /// A political party.
    Party,
    /// An unnamed part of a country: a role or body without a name ("the Cuban ambassador", "DPRK diplomats").
    Agent,
    /// A city or region inside a state ("Aleppo", "Darfur"), from `data/places.tsv`. Its code and country are its
    /// state's, but it is where something happens, not who acts: only a role it qualifies ("Mumbai police") makes
    /// an actor of it. Capitals stay [`ActorKind::Country`] metonyms, since "Moscow warned Kyiv" names the states.
    Place,
}

impl ActorKind {
    /// Every kind, in declaration order.
    pub const ALL: [ActorKind; 8] = [
        ActorKind::Country,
        ActorKind::Person,
        ActorKind::Org,
        ActorKind::Group,
        ActorKind::Media,
        ActorKind::Party,
        ActorKind::Agent,
        ActorKind::Place,
    ];

    /// The kind's name in the records (`country`, `person`, `org`, ...), as serde writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Country => "country",
            ActorKind::Person => "person",
            ActorKind::Org => "org",
            ActorKind::Group => "group",
            ActorKind::Media => "media",
            ActorKind::Party => "party",
            ActorKind::Agent => "agent",
            ActorKind::Place => "place",
        }
    }

    /// The kind named `name` in the records; `None` for any other string.
    pub fn parse(name: &str) -> Option<ActorKind> {
        ActorKind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// A role an actor held, with when the texts (or a dictionary) show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    /// The role as written, lowercase ("foreign minister", "ambassador to the DPRK").
    pub role: String,
    /// The country the role belongs to (ISO 3166-1 alpha-3), if known.
    pub country: Option<String>,
    /// The CAMEO sector the role implies (GOV, MIL, PTY, ...), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
    /// The last date of a document that showed the role (FORMATS.md's `seen`).
    pub seen: Option<NaiveDate>,
    /// The first date of a document that showed the role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<NaiveDate>,
    /// For roles from a dated dictionary: the first day the role is valid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    /// For roles from a dated dictionary: the last day the role is valid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
    /// The full CAMEO code of a dictionary role (PRKGOV, PRKELI), when the dictionary gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

impl Role {
    /// Whether the role is valid on `date` (roles without validity bounds always are).
    pub fn valid_on(&self, date: Option<NaiveDate>) -> bool {
        let Some(d) = date else { return true };
        self.from.is_none_or(|f| f <= d) && self.until.is_none_or(|u| d <= u)
    }

    /// The role's dictionary code, read as an [`ActorCode`] (`None` without a code, or for one of another shape).
    pub fn actor_code(&self) -> Option<ActorCode> {
        ActorCode::parse(self.code.as_deref()?).ok()
    }

    /// Whether the role has a dictionary code with a sector or body after its root (PRKGOV, IGOUNO; not PRK).
    pub(crate) fn has_coded_post(&self) -> bool {
        self.actor_code().is_some_and(|c| !c.rest().is_empty())
    }
}

/// A canonical actor: the record `dyad actors` and `dyad resolve` print (see FORMATS.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// Stable identifier: ISO3 for countries, the data file's id for organisations, `person:<slug>` for people,
    /// the code for unnamed agents.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What sort of actor.
    pub kind: ActorKind,
    /// CAMEO-style code (PRK, CUBGOV, IGOUNO); for people the code of their latest role.
    pub code: String,
    /// Home country (ISO 3166-1 alpha-3), if any.
    pub country: Option<String>,
    /// Surface forms seen or known.
    pub aliases: Vec<String>,
    /// Roles, oldest first.
    pub roles: Vec<Role>,
}

/// How a mention refers to its actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionForm {
    /// A name or abbreviation ("North Korea", "DPRK", "Sergey Lavrov").
    Name,
    /// A demonym or adjective on its own ("the Korean people").
    Adjective,
    /// A capital or seat of government standing for the state ("Pyongyang", "the Kremlin").
    Metonym,
    /// A role phrase, with or without a name ("Cuban ambassador to the DPRK", "President Kim Il Sung").
    Role,
    /// A later mention by surname only ("Lavrov").
    Surname,
    /// A later mention by role only ("the vice minister").
    RoleAnaphor,
    /// A pronoun ("he", "his").
    Pronoun,
}

/// One actor mention in a text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorMention {
    /// Byte span in the text passed in (offset included).
    pub span: Span,
    /// The mention's text.
    pub text: String,
    /// The canonical actor's id.
    pub actor: String,
    /// The canonical actor's display name.
    pub name: String,
    /// What sort of actor.
    pub kind: ActorKind,
    /// The CAMEO-style code this mention carries (CUBGOV for "the Cuban ambassador", PRK for "Pyongyang").
    pub code: String,
    /// ISO 3166-1 alpha-3 of the actor's country, if known.
    pub country: Option<String>,
    /// CAMEO sector (GOV, MIL, MED, ...), if any.
    pub sector: Option<String>,
    /// The role phrase that came with the mention, if any ("vice foreign minister").
    pub role: Option<String>,
    /// How the text refers to the actor.
    pub form: MentionForm,
}

impl ActorMention {
    /// Whether the mention names the state through a capital or an adjective rather than by name.
    pub fn is_metonym_or_demonym(&self) -> bool {
        matches!(self.form, MentionForm::Metonym | MentionForm::Adjective)
    }

    /// Whether the word right before the mention in `text` (the text its span is of) is a locative preposition
    /// ("in Sudan", "near Kabul"): the mention names a place where something happens, not a party.
    pub fn follows_locative(&self, text: &str) -> bool {
        const LOCATIVES: [&str; 8] = ["in", "at", "near", "from", "outside", "inside", "of", "around"];
        let word = word_before(text, self.span.start());
        LOCATIVES.iter().any(|l| word.eq_ignore_ascii_case(l))
    }
}

/// The word (letters only) right before byte `start` of `text`, or "" when none.
pub(crate) fn word_before(text: &str, start: usize) -> &str {
    let before = text.get(..start).unwrap_or("").trim_end();
    before.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("")
}

/// Builds a CAMEO-style code from a country and a sector (`---` stands for an unknown country, as in CAMEO).
pub fn cameo_code(country: Option<&str>, sector: Option<&str>) -> String {
    let mut code = country.unwrap_or(dyad_core::UNKNOWN_ROOT).to_string();
    if let Some(s) = sector {
        code.push_str(s);
    }
    code
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_kind_is_named_as_serde_names_it() {
        for kind in super::ActorKind::ALL {
            let json = serde_json::to_value(kind).unwrap();
            assert_eq!(json.as_str(), Some(kind.as_str()));
            assert_eq!(super::ActorKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(super::ActorKind::parse("Person"), None);
    }

    #[test]
    fn a_mention_after_a_locative_is_a_place() {
        let located = |text: &str| {
            let m = crate::resolve(text, None).into_iter().find(|m| m.text == "Havana").expect("Havana is found");
            m.follows_locative(text)
        };
        assert!(located("A conference opened in Havana."));
        assert!(located("Talks near  Havana."));
        assert!(!located("Relations with Havana improved."));
    }
}
