//! The dictionary pass: actors the dictionaries name (countries, organisations, listed people) that no role phrase
//! took. A listed person's title and country before the name are one mention with it ("Russian President Vladimir
//! Putin"), and the title the text gives can name the office ("former President X": ELI); a capital that acts
//! stands for its government and a plural demonym for the people.

use super::state::{DocumentResolver, Sentence, Work};
use crate::cues::PersonCues;
use crate::data::{Entry, RoleClass, Target};
use crate::model::{ActorKind, MentionForm, cameo_code};
use crate::roles::modifier_sector;
use crate::units::{Hit, Unit, is_det, is_tok_at};

/// What the titles before listed people gave each unit (indexed by the person's unit).
pub(crate) struct Titles {
    /// Where the title starts, for a person unit with a title.
    start: Vec<Option<usize>>,
    /// The sector of the title word right before such a name ("Foreign Minister": GOV).
    sector: Vec<Option<String>>,
    /// Whether a modifier with a sector of its own ("former": ELI) gave the sector.
    modified: Vec<bool>,
    /// The state the title names ("Serbian President X"), when it does.
    country: Vec<Option<String>>,
    /// Units of a merged "Cuban counterpart \<leader>": a possessive right before it only points at the partner.
    pub(crate) counterpart: Vec<bool>,
}

impl DocumentResolver<'_> {
    /// A listed person's title and country ("Russian President Vladimir Putin") are one mention with the name: the
    /// title units are taken, and what they say is kept for [`DocumentResolver::dictionary_actors`].
    pub(crate) fn titles(&self, st: &Sentence, w: &mut Work) -> Titles {
        let (units, hits, gaz, v) = (&st.units[..], &st.hits[..], &*st.gaz, st.view());
        let n = units.len();
        let mut t = Titles {
            start: vec![None; n],
            sector: vec![None; n],
            modified: vec![false; n],
            country: vec![None; n],
            counterpart: vec![false; n],
        };
        let consumed = &mut w.consumed;
        for (u, unit) in units.iter().enumerate() {
            let Unit::Hit(h) = *unit else { continue };
            let Target::Entry(ei) = hits[h].sense.target else { continue };
            let person = &gaz.entries[ei as usize];
            if person.kind != ActorKind::Person || consumed[u] {
                continue;
            }
            let is_title = |k: usize| {
                !consumed[k]
                    && v.role_of(&units[k]).is_some_and(|r| {
                        matches!(r.class, RoleClass::Person | RoleClass::Counterpart | RoleClass::Modifier)
                    })
            };
            let mut j = u;
            while j > 0 && is_title(j - 1) {
                j -= 1;
            }
            let country_before = j > 0
                && !consumed[j - 1]
                && v.entry_of(&units[j - 1]).is_some_and(|c| {
                    c.kind == ActorKind::Country
                        && (c.country == person.country
                            || person.roles.iter().any(|r| r.country.is_some() && r.country == c.country))
                });
            if j < u && country_before {
                j -= 1;
                t.country[u] = v.entry_of(&units[j]).and_then(|c| c.country.clone());
            }
            if j < u {
                if let Some(r) = v.role_of(&units[u - 1]) {
                    t.sector[u] = r.sector.clone();
                }
                // "former President X": a modifier with a sector of its own (ELI) gives the title's.
                if let Some(sec) = (j..u).find_map(|k| modifier_sector(&units[k], &v)) {
                    t.sector[u] = Some(sec.to_string());
                    t.modified[u] = true;
                }
                t.start[u] = Some(v.start(j));
                consumed[j..u].fill(true);
                let counterpart =
                    (j..u).any(|k| v.role_of(&units[k]).is_some_and(|r| r.class == RoleClass::Counterpart));
                t.counterpart[j..u].fill(counterpart);
            }
        }
        t
    }

    /// Dictionary actors not folded into a phrase.
    pub(crate) fn dictionary_actors(&mut self, st: &Sentence, w: &mut Work, titles: &Titles) {
        let gaz = &*st.gaz;
        for (u, unit) in st.units.iter().enumerate() {
            let Unit::Hit(h) = *unit else { continue };
            if w.consumed[u] {
                continue;
            }
            let hit = st.hits[h];
            if let Target::Entry(ei) = hit.sense.target {
                let e = &gaz.entries[ei as usize];
                if self.surname_not_firm(st, w, u, hit, e) {
                    continue;
                }
                if !self.listed_with_apposition(st, w, u, hit, e) {
                    self.entry_actor(st, w, titles, u, hit, e);
                }
            }
        }
    }

    /// "Secretary of the Air Force James Roche ... an email by Roche": a one-word firm name ("Roche") that is the
    /// surname of a person the document named is that person. Whether it was.
    fn surname_not_firm(&mut self, st: &Sentence, w: &mut Work, u: usize, hit: Hit, e: &Entry) -> bool {
        let surface = st.sentence.get(hit.start..hit.end).unwrap_or("");
        if e.kind != ActorKind::Org || e.sector.as_deref() != Some("BUS") || surface.contains(' ') {
            return false;
        }
        let Some(p) = self.surname(surface) else { return false };
        let (s, end) = (hit.start, hit.end);
        w.out.extend(self.person_mention(p, st.text, s, end, st.offset, MentionForm::Surname, None));
        self.touch(p);
        w.people.push((s, p));
        w.consumed[u] = true;
        true
    }

    /// "Mark Rutte, Secretary General of NATO": a listed person at unit `u` with a role phrase in apposition takes
    /// the role the text gives, which beats the dictionary's. Whether it did.
    fn listed_with_apposition(&mut self, st: &Sentence, w: &mut Work, u: usize, hit: Hit, e: &Entry) -> bool {
        let (text, offset, sentence, units, toks) = (st.text, st.offset, st.sentence, &st.units[..], st.toks);
        if !(e.kind == ActorKind::Person && is_tok_at(units, u + 1, sentence, toks, ",")) {
            return false;
        }
        let k = if units.get(u + 2).is_some_and(|x| is_det(x, sentence, toks)) { u + 3 } else { u + 2 };
        let Some(pi) = w.phrases.iter().position(|p| {
            p.first == k
                && p.class == RoleClass::Person
                && !p.used
                && (p.info.country.is_some() || p.info.org_code.is_some())
        }) else {
            return false;
        };
        let p = self.reg.adopt_entry(e, self.date);
        let info = w.phrases[pi].info.clone();
        self.reg.add_role(p, &info, self.date);
        w.phrases[pi].used = true;
        let (ps, pe) = w.take_phrase(pi, st);
        let code = match (&info.country, &info.org_code) {
            (None, Some(org)) => org.clone(),
            _ => cameo_code(info.country.as_deref().or(e.country.as_deref()), info.sector.as_deref()),
        };
        let country = if info.country.is_none() && info.org_code.is_some() {
            None
        } else {
            info.country.clone().or(e.country.clone())
        };
        self.titled.insert(p, (code.clone(), country));
        for (a, b, form) in [(hit.start, hit.end, MentionForm::Name), (ps, pe, MentionForm::Role)] {
            w.out.extend(self.person_mention(p, text, a, b, offset, form, Some(&info)).map(|mut m| {
                m.code = code.clone();
                m
            }));
        }
        true
    }

    /// The mention of dictionary actor `e` at unit `u`, with the title before it and how the sentence uses it.
    fn entry_actor(&mut self, st: &Sentence, w: &mut Work, titles: &Titles, u: usize, hit: Hit, e: &Entry) {
        let (start, form) = match titles.start[u] {
            Some(s) => (s, MentionForm::Role),
            None => (hit.start, hit.sense.form),
        };
        let mut m = self.entry_mention(e, form, st.text, start, hit.end, st.offset);
        if self.date.is_none()
            && e.roles.len() > 1
            && let (Some(m), Some(&p)) = (m.as_mut(), self.reg.by_id.get(&e.id))
            && self.reg.people[p as usize].roles.iter().any(|r| r.seen.is_some() || r.from.is_none())
        {
            m.code = self.reg.people[p as usize].code.clone();
        }
        // The title the text gives names the office: with no document date (when every listed term fits), when
        // none of the listed terms covers the date (the text reports the person in that office, whenever it was),
        // and when a modifier such as "former" gives a sector of its own.
        let out_of_office = !e.roles.iter().any(|r| r.valid_on(self.date));
        // The dead hold no office, whatever title the text recalls ("founding President Kim Il-sung").
        let dead = e.died.is_some_and(|d| self.date.is_some_and(|t| d < t));
        if (self.date.is_none() && e.roles.len() > 1 || (out_of_office && !dead) || titles.modified[u])
            && let (Some(m), Some(sector)) = (m.as_mut(), titles.sector[u].as_deref())
        {
            if titles.country[u].is_some() {
                m.country = titles.country[u].clone();
            }
            m.code = cameo_code(m.country.as_deref(), Some(sector));
            m.sector = Some(sector.to_string());
            if let Some(&p) = self.reg.by_id.get(&e.id) {
                self.reg.people[p as usize].code = m.code.clone();
            }
        }
        // A listed person the document itself titled ("Mark Rutte, NATO's secretary general") keeps that title
        // in its later untitled mentions.
        if e.kind == ActorKind::Person
            && titles.start[u].is_none()
            && let Some(m) = m.as_mut()
            && let Some(&p) = self.reg.by_id.get(&e.id)
            && let Some((code, country)) = self.titled.get(&p)
        {
            m.code.clone_from(code);
            m.country.clone_from(country);
        }
        if e.kind == ActorKind::Country
            && let Some(m) = m.as_mut()
        {
            // A capital acting ("Tehran rejected ...", not "in Tehran") stands for the state's government, and a
            // demonym used as a plural noun ("Palestinians", "Algerians") for its people (CAMEO CVL).
            let sector = if hit.sense.form == MentionForm::Metonym && acting_capital(st.sentence, hit.start, hit.end) {
                Some("GOV")
            } else if hit.sense.form == MentionForm::Adjective && hit.sense.plural {
                Some("CVL")
            } else {
                None
            };
            if let Some(sec) = sector {
                m.code = cameo_code(m.country.as_deref(), Some(sec));
                m.sector = Some(sec.to_string());
            }
        }
        w.out.extend(m);
    }
}

/// Whether a capital at bytes `start..end` is the subject that acts: it opens the sentence, alone or among other
/// capitalised names joined by "and" ("Tehran and Riyadh restored ties"), it is the agent of a passive ("an
/// admission by Moscow"), or a speech verb or an auxiliary follows it, with no preposition before it ("..., the
/// White House has said", "..., Moscow said"). A capital after a verb or a preposition ("visited Algiers", "in
/// Tehran") is a place.
pub(crate) fn acting_capital(sentence: &str, start: usize, end: usize) -> bool {
    let before = sentence.get(..start).unwrap_or("");
    let words: Vec<&str> =
        before.split(|c: char| !c.is_alphanumeric() && c != '\'').filter(|w| !w.is_empty()).collect();
    if words.last().is_some_and(|w| w.eq_ignore_ascii_case("by")) {
        return true;
    }
    let opens = words
        .iter()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase) || matches!(*w, "and" | "or" | "both" | "the"))
        && !words
            .first()
            .is_some_and(|w| matches!(w.to_ascii_lowercase().as_str(), "in" | "at" | "from" | "to" | "on"));
    opens || subject_of_verb(&words, sentence.get(end..).unwrap_or(""))
}

/// Whether a name is a clause's subject: a speech verb or an auxiliary right after it (`after`), and no preposition
/// or verb right before it (`words`, the words before it; "the" may stand between).
fn subject_of_verb(words: &[&str], after: &str) -> bool {
    let cues = PersonCues::builtin();
    let next = after.trim_start();
    if after.len() == next.len() {
        // Punctuation right after the name ("Moscow's", "Tehran,"): no verb follows.
        return false;
    }
    let next: &str = next.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    let verb = cues.is_speech(next, false) || matches!(next, "has" | "had" | "have" | "will" | "would");
    let mut before = words.iter().rev().copied();
    let mut prev = before.next();
    if prev.is_some_and(|w| w.eq_ignore_ascii_case("the")) {
        prev = before.next();
    }
    // Before the name: nothing, or a word that ends a clause (the text between commas is not seen here, so only a
    // lowercase function word that takes an object rules it out).
    let governed = prev.is_some_and(|w| {
        matches!(
            w.to_ascii_lowercase().as_str(),
            "in" | "at"
                | "from"
                | "to"
                | "on"
                | "of"
                | "near"
                | "for"
                | "with"
                | "into"
                | "across"
                | "inside"
                | "outside"
                | "visited"
                | "visit"
                | "visiting"
                | "toward"
                | "towards"
                | "against"
                | "between"
        )
    });
    verb && !governed
}

#[cfg(test)]
mod tests {
    use super::acting_capital;
    use crate::resolve::mentions;

    #[test]
    fn capitals_act_only_as_subjects_or_agents() {
        for (sentence, word, acts) in [
            ("Tehran rejected the offer.", "Tehran", true),
            ("Tehran and Riyadh restored ties.", "Riyadh", true),
            ("an admission by Moscow", "Moscow", true),
            ("He visited Algiers.", "Algiers", false),
            ("In Tehran, crowds gathered.", "Tehran", false),
            // A subject in mid-sentence: a speech verb or an auxiliary after it, no preposition before it.
            ("As the bill failed, the White House has said it would act.", "White House", true),
            ("Talks stalled, Moscow said.", "Moscow", true),
            ("Officials in Moscow said no.", "Moscow", false),
            ("He flew to Moscow, said aides.", "Moscow", false),
        ] {
            let start = sentence.find(word).unwrap();
            assert_eq!(acting_capital(sentence, start, start + word.len()), acts, "{sentence}");
        }
    }

    #[test]
    fn a_firm_name_that_is_a_documents_surname_is_the_person() {
        let got = mentions("US Navy Secretary James Roche spoke. Later Roche sued Boeing.", None);
        assert!(got.iter().any(|m| m == "US Navy Secretary James Roche=USAGOV/Role"), "{got:?}");
        assert!(got.iter().any(|m| m == "Roche=USAGOV/Surname"), "{got:?}");
        // With no such person, the listed firm.
        let got = mentions("Later Roche sued Boeing.", None);
        assert!(got.iter().any(|m| m == "Roche=CHEBUS/Name"), "{got:?}");
    }

    #[test]
    fn dictionary_actors_take_what_the_sentence_says() {
        assert_eq!(mentions("Tehran rejected the offer.", None), ["Tehran=IRNGOV/Metonym"]);
        assert_eq!(mentions("Palestinians protested.", None), ["Palestinians=PSECVL/Adjective"]);
        // A listed person's title is one mention with the name, dated by the document.
        let got = mentions("Russian President Vladimir Putin spoke.", Some("2015-06-01"));
        assert_eq!(got, ["Russian President Vladimir Putin=RUSGOV/Role"]);
    }

    #[test]
    fn common_demonyms_and_spellings_name_their_state() {
        for (text, want) in [
            ("The Nepali army left.", "Nepali army=NPLMIL/Role"),
            ("The Maldivian government fell.", "Maldivian government=MDVGOV/Role"),
            ("The Scottish government objected.", "Scottish government=GBRGOV/Role"),
            ("Timorese police fired.", "Timorese police=TLSCOP/Role"),
            ("Surinamese soldiers left.", "Surinamese soldiers=SURMIL/Role"),
        ] {
            assert_eq!(mentions(text, None), [want], "{text}");
        }
        // A firm of a state named by an old spelling ("Surinam carrier").
        assert_eq!(mentions("Surinam carrier Blue Wing Airlines flew.", None), ["Blue Wing Airlines=SURBUS/Name"]);
    }

    #[test]
    fn named_state_bodies_are_their_state_in_their_sector() {
        let table: [(&str, &[&str]); 3] = [
            ("The FBI questioned him.", &["FBI=USACOP/Name"]),
            ("The USAF and Boeing signed an agreement.", &["USAF=USAMIL/Name", "Boeing=USABUS/Name"]),
            ("The RAF ordered tankers from EADS.", &["RAF=GBRMIL/Name", "EADS=EURBUS/Name"]),
        ];
        for (text, want) in table {
            assert_eq!(mentions(text, None), want, "{text}");
        }
        // Initials match in capitals only.
        assert!(mentions("The ice melted in Fbi.", None).is_empty());
    }

    #[test]
    fn listed_firms_are_their_home_country_in_business() {
        let table: [(&str, &[&str]); 3] = [
            ("Boeing lost the tanker order to Airbus.", &["Boeing=USABUS/Name", "Airbus=EURBUS/Name"]),
            // The longer name wins: the record label is not the computer maker.
            ("Apple Corps sued Apple over the logo.", &["Apple Corps=GBRBUS/Name", "Apple=USABUS/Name"]),
            // A firm named after its country is the firm, not the country.
            ("Qatar Airways ordered jets.", &["Qatar Airways=QATBUS/Name"]),
        ];
        for (text, want) in table {
            assert_eq!(mentions(text, None), want, "{text}");
        }
    }
}
