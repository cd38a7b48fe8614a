//! What the corpus keeps of actors: each mention placed in its page ([`PageMention`]) and each canonical actor with
//! the roles the texts showed it in and when ([`ActorRecord`], the record of `dyad actors`). The pipeline emits
//! both, the store writes them and reads the actors back, and the CLI and the API print them.
//!
//! Design decision: the listed actor is a record of its own, not the registry's [`Actor`]. The registry's roles are
//! knowledge for resolution (validity bounds, dictionary codes, the *latest* date a role was seen, which is what
//! `dyad resolve` prints and the registry saves); the corpus lists the span of dates the texts show each role, first
//! date as `seen` (FORMATS.md). [`Actor::record`] is the one place that maps the first onto the second.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{Actor, ActorKind, ActorMention};

/// An actor mention placed in its page: the sentence it is in and its byte offsets in the original file, with the
/// mention as the resolver gave it (its span is in the text the resolver read).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageMention {
    /// The index of the sentence it is in.
    pub sentence: usize,
    /// Byte offset in the original file.
    pub start: usize,
    /// Byte offset one past the end in the original file.
    pub end: usize,
    /// The mention as the resolver gives it.
    #[serde(flatten)]
    pub mention: ActorMention,
}

/// A role an actor held ("foreign minister" of RUS), with when the texts showed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleRecord {
    /// The role.
    pub role: String,
    /// The country the role is held in (ISO 3166-1 alpha-3).
    pub country: Option<String>,
    /// The first date it was seen.
    pub seen: Option<NaiveDate>,
    /// The last date it was seen, when it differs from `seen`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<NaiveDate>,
}

/// A canonical actor as the corpus lists it (`dyad actors`; FORMATS.md's actor record).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorRecord {
    /// Stable id.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// What sort of actor.
    pub kind: ActorKind,
    /// CAMEO-style code (`RUSGOV`).
    pub code: String,
    /// ISO 3166-1 alpha-3.
    pub country: Option<String>,
    /// Every surface form seen, first seen first.
    pub aliases: Vec<String>,
    /// Roles with dates.
    pub roles: Vec<RoleRecord>,
}

impl Actor {
    /// The actor as the corpus lists it: its roles seen from their first to their last date (`last_seen` set
    /// whenever the registry knows a last date, so that a store merging records widens the span).
    pub fn record(&self) -> ActorRecord {
        ActorRecord {
            id: self.id.clone(),
            name: self.name.clone(),
            kind: self.kind,
            code: self.code.clone(),
            country: self.country.clone(),
            aliases: self.aliases.clone(),
            roles: self
                .roles
                .iter()
                .map(|r| RoleRecord {
                    role: r.role.clone(),
                    country: r.country.clone(),
                    seen: r.first_seen.or(r.seen),
                    last_seen: r.seen,
                })
                .collect(),
        }
    }
}

/// The actors a document's mentions name, one record per actor in order of first mention, each role dated `seen`
/// (the document's date): every alias and role of its mentions, the name and code of its last mention, the last
/// country given. One record per actor, so that a store merging records upserts each actor once per document.
pub fn document_actors<'m>(
    mentions: impl IntoIterator<Item = &'m ActorMention>,
    seen: Option<NaiveDate>,
) -> Vec<ActorRecord> {
    let mut actors: Vec<ActorRecord> = Vec::new();
    for m in mentions {
        let role = m.role.as_ref().map(|role| RoleRecord {
            role: role.clone(),
            country: m.country.clone(),
            seen,
            last_seen: None,
        });
        match actors.iter_mut().find(|a| a.id == m.actor) {
            Some(known) => {
                if !known.aliases.contains(&m.text) {
                    known.aliases.push(m.text.clone());
                }
                if let Some(role) = role.filter(|r| !known.roles.contains(r)) {
                    known.roles.push(role);
                }
                known.name.clone_from(&m.name);
                known.code.clone_from(&m.code);
                if m.country.is_some() {
                    known.country.clone_from(&m.country);
                }
            }
            None => actors.push(ActorRecord {
                id: m.actor.clone(),
                name: m.name.clone(),
                kind: m.kind,
                code: m.code.clone(),
                country: m.country.clone(),
                aliases: vec![m.text.clone()],
                roles: role.into_iter().collect(),
            }),
        }
    }
    actors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MentionForm, Role};

    fn mention(text: &str, actor: &str, code: &str, role: Option<&str>) -> ActorMention {
        ActorMention {
            span: dyad_core::Span::new(text, 0, text.len()).unwrap(),
            text: text.into(),
            actor: actor.into(),
            name: actor.into(),
            kind: ActorKind::Person,
            code: code.into(),
            country: Some("RUS".into()),
            sector: None,
            role: role.map(str::to_string),
            form: MentionForm::Name,
        }
    }

    #[test]
    fn a_document_lists_each_actor_once_with_every_alias_and_role() {
        let day = NaiveDate::from_ymd_opt(2025, 7, 13);
        let ms = [
            mention("Foreign Minister Sergey Lavrov", "person:lavrov", "RUSGOV", Some("foreign minister")),
            mention("Moscow", "RUS", "RUS", None),
            mention("Lavrov", "person:lavrov", "RUSGOV", None),
            mention("Lavrov", "person:lavrov", "RUSGOV", Some("foreign minister")),
        ];
        let actors = document_actors(&ms, day);
        assert_eq!(actors.len(), 2);
        let lavrov = &actors[0];
        assert_eq!(lavrov.aliases, ["Foreign Minister Sergey Lavrov", "Lavrov"]);
        assert_eq!(
            lavrov.roles,
            [RoleRecord { role: "foreign minister".into(), country: Some("RUS".into()), seen: day, last_seen: None }]
        );
    }

    #[test]
    fn a_listed_role_runs_from_its_first_to_its_last_date_and_prints_as_formats_has_it() {
        let day = |d| NaiveDate::from_ymd_opt(2025, 7, d);
        let role = Role {
            role: "foreign minister".into(),
            country: Some("RUS".into()),
            sector: Some("GOV".into()),
            seen: day(13),
            first_seen: day(2),
            from: None,
            until: None,
            code: None,
        };
        let actor = Actor {
            id: "person:lavrov".into(),
            name: "Sergey Lavrov".into(),
            kind: ActorKind::Person,
            code: "RUSGOV".into(),
            country: Some("RUS".into()),
            aliases: vec!["Sergey Lavrov".into()],
            roles: vec![role],
        };
        let json = serde_json::to_string(&actor.record()).unwrap();
        assert_eq!(
            json,
            r#"{"id":"person:lavrov","name":"Sergey Lavrov","kind":"person","code":"RUSGOV","country":"RUS","aliases":["Sergey Lavrov"],"roles":[{"role":"foreign minister","country":"RUS","seen":"2025-07-02","last_seen":"2025-07-13"}]}"#
        );
    }
}
