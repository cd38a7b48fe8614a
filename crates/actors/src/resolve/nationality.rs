//! The nationality pass: "the 48-year-old Australian was evicted", "the Australian national remained": a demonym
//! standing alone after "the" (with an age between, or a nationality noun after it) describes a person, not a
//! state. News uses it for the person the story is about, once named: the description is that person, and gives
//! them the state when the text has not ("WikiLeaks co-founder Julian Assange ... the 48-year-old Australian").

use super::state::{DocumentResolver, Sentence, Work};
use crate::cues::PersonCues;
use crate::data::Target;
use crate::model::{ActorKind, MentionForm, cameo_code};
use crate::units::{Unit, is_tok, tok_text};
use dyad_core::ActorCode;

impl DocumentResolver<'_> {
    /// Mentions of the document's latest person for each description by nationality in the sentence.
    pub(crate) fn nationality_descriptions(&mut self, st: &Sentence, w: &mut Work) {
        let (sentence, units, toks, gaz) = (st.sentence, &st.units[..], st.toks, &*st.gaz);
        let cues = PersonCues::builtin();
        for k in 0..units.len() {
            let Unit::Hit(h) = units[k] else { continue };
            let hit = &st.hits[h];
            let Target::Entry(ei) = hit.sense.target else { continue };
            let entry = &gaz.entries[ei as usize];
            if w.consumed[k] || entry.kind != ActorKind::Country || hit.sense.form != MentionForm::Adjective {
                continue;
            }
            let Some(country) = entry.country.clone() else { continue };
            // "the [48-year-old] Australian": an age may stand between the article and the demonym.
            let mut a = k;
            while a > 0 && a + 6 > k && units.get(a - 1).is_some_and(|u| is_age_word(tok_text(u, sentence, toks))) {
                a -= 1;
            }
            if a == 0 || !is_tok(&units[a - 1], sentence, toks, "the") {
                continue;
            }
            // After it: a nationality noun (part of the description), or punctuation or a verb (the description
            // stands alone). Anything else is a noun the demonym qualifies ("the Australian government").
            let next = units.get(k + 1);
            let next_word = next.and_then(|u| tok_text(u, sentence, toks));
            // A nationality noun may also be a role word ("man": "a New York man" is a civilian).
            let v = st.view();
            let next_text = next.and_then(|_| sentence.get(v.start(k + 1)..v.end(k + 1)));
            let noun = next_text.is_some_and(|t| cues.is_nationality(t));
            let alone = match next {
                None => true,
                Some(Unit::Hit(_)) => false,
                Some(_) => next_word.is_some_and(|t| {
                    t.chars().next().is_some_and(|c| !c.is_alphanumeric()) || cues.follows_description(t)
                }),
            };
            if !(noun || alone) {
                continue;
            }
            let Some(p) = self.described_person(&country) else { continue };
            let person = &mut self.reg.people[p as usize];
            if person.country.is_none() {
                person.country = Some(country.clone());
                if ActorCode::parse(&person.code).is_ok_and(|c| c.is_unknown()) {
                    let sector = person.roles.last().and_then(|r| r.sector.clone());
                    person.code = cameo_code(Some(&country), sector.as_deref());
                }
            }
            let last = if noun { k + 1 } else { k };
            let (s, e) = (st.view().start(a - 1), st.view().end(last));
            w.out.extend(self.person_mention(p, st.text, s, e, st.offset, MentionForm::RoleAnaphor, None));
            w.consumed[a - 1..=last].fill(true);
            // "the 52-year-old Peruvian man" is the person, not a role phrase's agent (a Peruvian civilian).
            for ph in w.phrases.iter_mut().filter(|ph| ph.first <= last && a - 1 <= ph.last) {
                ph.used = true;
            }
            self.touch(p);
            w.people.push((s, p));
        }
    }

    /// The person a description by nationality names: the document's latest person, if the text gives them no
    /// other state.
    fn described_person(&self, country: &str) -> Option<u32> {
        let (p, _, _) = self.people.iter().max_by_key(|x| x.2)?;
        let person = &self.reg.people[*p as usize];
        person.country.as_deref().is_none_or(|c| c == country).then_some(*p)
    }
}

/// "48-year-old", or its pieces as the tokenizer splits them ("48", "-", "year", "old").
fn is_age_word(word: Option<&str>) -> bool {
    word.is_some_and(|w| {
        w.ends_with("-old")
            || matches!(w, "-" | "year" | "years" | "old")
            || (!w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()))
    })
}

#[cfg(test)]
mod tests {
    use crate::resolve::mentions;

    #[test]
    fn a_demonym_standing_for_a_person_names_the_latest_person() {
        let table: [(&str, &[&str]); 4] = [
            // The description gives the person their state (from the first mention: see below), and later mentions
            // keep it.
            (
                "Rights activist Jane Roe was arrested. The 52-year-old Peruvian was later freed. Roe left.",
                &["activist Jane Roe=PERCVL/Role", "The 52-year-old Peruvian=PERCVL/RoleAnaphor", "Roe=PERCVL/Surname"],
            ),
            (
                "Police questioned Mrs. Jane Roe. The Peruvian national denied the charge.",
                &["Jane Roe=PER/Name", "The Peruvian national=PER/RoleAnaphor"],
            ),
            // A demonym that qualifies a noun is the state's.
            ("Rights activist Jane Roe spoke. The Peruvian government denied it.", &[]),
            // No person named yet: the demonym stays the state.
            ("The Peruvian was freed.", &["Peruvian=PER/Adjective"]),
        ];
        for (text, want) in table {
            let got = mentions(text, None);
            for w in want {
                assert!(got.iter().any(|g| g == w), "{text}: want {w} in {got:?}");
            }
        }
        let got = mentions("Rights activist Jane Roe spoke. The Peruvian government denied it.", None);
        assert!(got.iter().any(|g| g == "Peruvian government=PERGOV/Role"), "{got:?}");
    }

    #[test]
    fn a_description_soon_after_gives_the_new_person_their_state_from_the_first_mention() {
        let table: [(&str, &str); 6] = [
            // Within three sentences, by title or by speech verb: the first mention has the state already.
            (
                "Prosecutors dropped a case against activist Jane Roe. Roe denies it. The 48-year-old Peruvian was freed.",
                "activist Jane Roe=PERCVL/Role",
            ),
            ("Jane Roe said she would appeal. The Peruvian national was freed.", "Jane Roe=PER/Name"),
            (
                "Jane Roe said she would appeal.\n\nRoe denies it.\n\nThe Peruvian national was freed.",
                "Jane Roe=PER/Name",
            ),
            // Too far on, or a demonym that qualifies a noun, or a country's name: no state.
            ("Jane Roe said she would appeal. A. B. C. D. The Peruvian national was freed.", "Jane Roe=---/Name"),
            ("Jane Roe said she would appeal. The Peruvian government was silent.", "Jane Roe=---/Name"),
            ("Jane Roe said she would appeal. The Philippines said nothing.", "Jane Roe=---/Name"),
        ];
        for (text, want) in table {
            let got = mentions(text, None);
            assert_eq!(got.first().map(String::as_str), Some(want), "{text}: {got:?}");
        }
    }

    #[test]
    fn a_state_named_as_a_description_is_not_the_states() {
        let got = mentions("Rights activist Jane Roe spoke. The Peruvian government denied it.", None);
        assert!(got.iter().any(|g| g == "Peruvian government=PERGOV/Role"), "{got:?}");
    }
}
