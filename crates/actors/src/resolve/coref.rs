//! Coreference: which person of the document a surname, a role phrase with no name ("the vice minister"), a
//! counterpart or a pronoun points at.

use super::state::DocumentResolver;
use crate::cues::{Binding, Gender};
use crate::names::token_eq;
use crate::normalize::normalize;
use crate::roles::RoleInfo;

impl DocumentResolver<'_> {
    /// The person a pronoun at `at` points at. A subject or object pronoun prefers the subject of the last speech
    /// verb before it ("Doe said that he ...": Doe, even with another person named in between), since reported
    /// speech is where news puts its pronouns; then the last person named before it in the sentence, then the
    /// previous sentence's first person. A gender an honorific gave skips a person of the other gender, and an
    /// object pronoun right after a speech verb never points at that verb's own subject ("Roe told him").
    ///
    /// Across a sentence boundary, a subject pronoun that does not itself speak continues what the previous
    /// sentence reported: "Doe said Roe has opposed the law. In 2011, he dismissed ..." tells more of Roe's acts,
    /// as news goes on with the reported person's record; "He added ..." still goes back to the speaker.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn pronoun_referent(
        &self,
        gender: Option<Gender>,
        binding: Binding,
        at: usize,
        sentence: &str,
        people_so_far: &[u32],
        speakers: &[(u32, usize, usize)],
        speaks: bool,
    ) -> Option<u32> {
        let own_verb = speakers
            .iter()
            .rev()
            .find(|&&(_, _, ve)| {
                binding == Binding::Object && sentence.get(ve..at).is_some_and(|g| g.trim().is_empty())
            })
            .map(|x| x.0);
        let fits = |p: &u32| {
            Some(*p) != own_verb && (gender.is_none() || self.genders.get(p).is_none_or(|g| Some(*g) == gender))
        };
        let governing = match binding {
            Binding::Near => None,
            Binding::Subject | Binding::Object => {
                speakers.iter().rev().filter(|&&(_, _, ve)| ve <= at).map(|x| x.0).find(|p| fits(p))
            }
        };
        governing.or_else(|| people_so_far.iter().rev().copied().find(|p| fits(p))).or_else(|| {
            if binding == Binding::Subject
                && !speaks
                && let Some(r) = self.last_reported.filter(|r| fits(r))
            {
                return Some(r);
            }
            let last = self.last_subject?;
            if fits(&last) {
                return Some(last);
            }
            // The previous sentence's person is of the other gender: the document's most recent person who fits.
            self.people.iter().filter(|x| x.0 != last && fits(&x.0)).max_by_key(|x| x.2).map(|x| x.0)
        })
    }

    /// A single-token mention: the most mentioned person of this document with that name token.
    pub(crate) fn surname(&self, token: &str) -> Option<u32> {
        let t = normalize(token);
        // Cheap rejection through the registry's token index before reading any aliases.
        self.reg.token_candidates(&t).next()?;
        self.people
            .iter()
            .filter(|(p, _, _)| {
                // A listed leader is named alone by a listed one-word name or the last word of a name, never by a
                // given name or initial ("Ali", "J", "Michael").
                let listed = self.reg.people[*p as usize].id.starts_with("leader:");
                self.reg.alias_tokens.get(*p as usize).is_some_and(|aliases| {
                    aliases.iter().any(|a| {
                        if listed {
                            a.all.last().is_some_and(|x| token_eq(x, &t))
                        } else {
                            a.all.iter().any(|x| token_eq(x, &t))
                        }
                    })
                })
            })
            .max_by_key(|(_, count, last)| (*count, *last))
            .map(|x| x.0)
    }

    /// "the vice minister": the most recent person of this document whose role contains these words.
    pub(crate) fn role_anaphor(&self, info: &RoleInfo) -> Option<u32> {
        let words: Vec<&str> = info.text.split(' ').take_while(|w| !matches!(*w, "to" | "in" | "at" | "of")).collect();
        self.people
            .iter()
            .filter(|(p, _, _)| {
                let person = &self.reg.people[*p as usize];
                // "the president of Ukraine" names a country: only a person known to be of it will do.
                (info.country.is_none() || person.country == info.country)
                    && person.roles.iter().any(|r| {
                        let have: Vec<&str> = r.role.split(' ').collect();
                        words.iter().all(|w| have.iter().any(|h| h == w || h.strip_suffix('s') == Some(w)))
                    })
            })
            .max_by_key(|x| x.2)
            .map(|x| x.0)
    }

    pub(crate) fn fill_counterpart(&self, info: &mut RoleInfo, sentence_people: &[(usize, u32)]) {
        let partner = sentence_people.last().map(|x| x.1).or(self.last_subject);
        if let Some(p) = partner
            && let Some(r) = self.reg.people[p as usize].roles.last()
        {
            info.text = r.role.split(" to ").next().unwrap_or(&r.role).to_string();
            info.sector = r.sector.clone().or(info.sector.take());
        } else if info.sector.is_none() {
            info.sector = Some("GOV".to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::Registry;

    #[test]
    fn surnames_and_counterparts_find_the_documents_people() {
        let mut reg = Registry::new();
        let text = "Cuban Foreign Minister Bruno Rodriguez met his Russian counterpart. Rodriguez left.";
        let got = reg.resolve_text(text, None);
        let summary: Vec<(&str, &str)> = got.iter().map(|m| (m.text.as_str(), m.code.as_str())).collect();
        assert_eq!(
            summary,
            [
                ("Cuban Foreign Minister Bruno Rodriguez", "CUBGOV"),
                // "his" only points the counterpart at its partner: no pronoun mention.
                ("Russian counterpart", "RUSGOV"),
                ("Rodriguez", "CUBGOV"),
            ]
        );
        assert_eq!(got[0].actor, got[2].actor);
        // The counterpart holds the partner's role (Rodriguez is a listed office holder: the listed title).
        assert_eq!(got[1].role.as_deref(), Some("minister of foreign relations"));
    }
}
