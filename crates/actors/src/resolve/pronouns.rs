//! The pronoun pass: once the people of the sentence are known, each pronoun, in order, points at one of them or
//! at a person of an earlier sentence (see [`DocumentResolver::pronoun_referent`]); then the document remembers the
//! sentence's subject, whom it reported on, and the countries it named.

use super::dictionary::Titles;
use super::state::{DocumentResolver, Sentence, Work};
use crate::cues::{Binding, PersonCues};
use crate::data::{RoleClass, Target};
use crate::model::{ActorKind, ActorMention, MentionForm};
use crate::speech::{reported_subject, speech_after};
use crate::units::Unit;

/// The people a pronoun may point at so far in the sentence.
#[derive(Default)]
struct SoFar {
    people: Vec<u32>,
    /// Persons of this sentence that are the subject of a speech verb, with where the verb starts and ends.
    speakers: Vec<(u32, usize, usize)>,
    first: Option<u32>,
}

impl DocumentResolver<'_> {
    /// The sentence's mentions in order with its pronouns among them; updates what the document remembers.
    pub(crate) fn pronouns(&mut self, st: &Sentence, w: Work, titles: &Titles) -> Vec<ActorMention> {
        let (sentence, offset, cues) = (st.sentence, st.offset, PersonCues::builtin());
        let Work { phrases, mut out, people: sentence_people, .. } = w;
        out.sort_by_key(|m| m.span.start());
        let mut with_pronouns = Vec::with_capacity(out.len());
        let mut so_far = SoFar::default();
        let mut rest = out.into_iter().peekable();
        // "his Algerian counterpart X": the possessive only points the counterpart at its partner, who is already a
        // mention of the sentence; a pronoun mention there would put the partner on the counterpart's side.
        let possessive_of_counterpart = |u: usize| {
            phrases.iter().any(|p| p.class == RoleClass::Counterpart && p.used && p.first == u + 1)
                || titles.counterpart.get(u + 1) == Some(&true)
        };
        for (u, unit) in st.units.iter().enumerate() {
            let Unit::Hit(h) = *unit else { continue };
            let hit = st.hits[h];
            while let Some(m) = rest.next_if(|m| m.span.start() <= offset + hit.start) {
                self.note_person(st, &m, &mut so_far);
                with_pronouns.push(m);
            }
            let Target::Role(r) = hit.sense.target else { continue };
            if st.gaz.roles[r as usize].class != RoleClass::Pronoun || possessive_of_counterpart(u) {
                continue;
            }
            let word = sentence.get(hit.start..hit.end).unwrap_or("");
            let (gender, binding) = cues.pronoun(word).unwrap_or((None, Binding::Near));
            let speaks = speech_after(sentence, st.toks, hit.end, cues, false).is_some();
            let referent =
                self.pronoun_referent(gender, binding, hit.start, sentence, &so_far.people, &so_far.speakers, speaks);
            if let Some(p) = referent {
                let m = self.person_mention(p, st.text, hit.start, hit.end, offset, MentionForm::Pronoun, None);
                with_pronouns.extend(m);
            }
        }
        for m in rest {
            if m.kind == ActorKind::Person
                && let Some(&p) = self.reg.by_id.get(&m.actor)
            {
                so_far.first.get_or_insert(p);
            }
            with_pronouns.push(m);
        }
        self.end_sentence(st, &with_pronouns, so_far.first.or(sentence_people.first().map(|x| x.1)));
        with_pronouns
    }

    /// A mention met before a pronoun: a person is one the pronoun may point at, and a speaker if a speech verb
    /// follows ("Doe said").
    fn note_person(&self, st: &Sentence, m: &ActorMention, so_far: &mut SoFar) {
        if m.kind == ActorKind::Person
            && let Some(&p) = self.reg.by_id.get(&m.actor)
        {
            so_far.people.push(p);
            so_far.first.get_or_insert(p);
            let end = m.span.end().saturating_sub(st.offset);
            if let Some((vs, ve)) = speech_after(st.sentence, st.toks, end, PersonCues::builtin(), true) {
                so_far.speakers.push((p, vs, ve));
            }
        }
    }

    /// What the document keeps of a finished sentence: its subject (`subject`), the person it reported on, and the
    /// countries its mentions other than pronouns named.
    fn end_sentence(&mut self, st: &Sentence, mentions: &[ActorMention], subject: Option<u32>) {
        if let Some(p) = subject {
            self.last_subject = Some(p);
        }
        self.last_reported = reported_subject(st.sentence, st.toks, st.offset, mentions, PersonCues::builtin())
            .and_then(|m| self.reg.by_id.get(&m.actor).copied());
        for m in mentions {
            if let Some(c) = &m.country
                && m.form != MentionForm::Pronoun
            {
                *self.country_counts.entry(c.clone()).or_insert(0) += 1;
                if !matches!(m.sector.as_deref(), Some("MED" | "BUS")) {
                    *self.state_counts.entry(c.clone()).or_insert(0) += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::resolve::mentions;

    #[test]
    fn pronouns_follow_speakers_and_gender() {
        let got = mentions("Mr. Doe said that he would return.", None);
        assert_eq!(got, ["Doe=---/Name", "he=---/Pronoun"]);
        // "Mrs. Roe": a male pronoun skips her for the earlier man.
        let got = mentions("Mr. Doe met Mrs. Roe. He left.", None);
        assert_eq!(got.last().map(String::as_str), Some("He=---/Pronoun"));
        let doc = crate::Registry::new().resolve_text("Mr. Doe met Mrs. Roe. He left.", None);
        assert_eq!(doc.last().map(|m| m.actor.as_str()), Some("person:doe"));
    }
}
