//! The names pass: people named in the sentence. Listed people (leaders, office holders) join the document first;
//! then each run of capitalised words no dictionary took is a person when a title, an apposition or the registry
//! licenses it ("Cuban ambassador Aise Sotolongo", "Aise Sotolongo, Cuban ambassador to the DPRK"), a surname of a
//! person the document named, or a new person where the sentence puts one ("Mr. Doe", "Jane Doe said").

use super::state::{DocumentResolver, Sentence, Work};
use crate::cues::{Gender, PersonCues};
use crate::data::{RoleClass, Target};
use crate::model::{ActorKind, MentionForm};
use crate::names::{honorific_before, is_title_case, name_runs, name_tokens, plausible_name, significant};
use crate::normalize::normalize;
use crate::roles::{Phrase, RoleInfo, is_modifier, is_portfolio_word};
use crate::speech::{opens_clause, speech_after, speech_before};
use crate::units::{Unit, is_det, is_tok, is_tok_at, tok_text, unit_end, unit_start};

/// A capitalised run of units `a..=b` at bytes `s..e` of the sentence, with the honorific before it.
struct Run<'t> {
    a: usize,
    b: usize,
    s: usize,
    e: usize,
    name: &'t str,
    honorific: Option<Option<Gender>>,
    /// The sector of the office an abbreviated title before the name gives ("Sen." LEG), and the unit of the first
    /// honorific.
    title: Option<&'static str>,
    first: usize,
}

impl DocumentResolver<'_> {
    /// Listed people (leaders) named in this sentence are in the document before its other names and unnamed roles
    /// are read: "Kim Jong Un ..., and Kim praised" is one person, and "Cuban President X, the then President of the
    /// Council of State" is X, not an earlier president.
    pub(crate) fn listed_people(&mut self, st: &Sentence, w: &mut Work) {
        let gaz = &*st.gaz;
        for unit in &st.units {
            if let Unit::Hit(h) = *unit
                && let Target::Entry(ei) = st.hits[h].sense.target
                && gaz.entries[ei as usize].kind == ActorKind::Person
            {
                let p = self.reg.adopt_entry(&gaz.entries[ei as usize], self.date);
                if let Some((code, _)) = self.titled.get(&p) {
                    self.reg.people[p as usize].code.clone_from(code);
                }
                self.touch(p);
                w.people.push((st.hits[h].start, p));
                if let Some(Some(g)) = honorific_before(st.sentence, st.hits[h].start) {
                    self.genders.insert(p, g);
                }
            }
        }
    }

    /// People: capitalised runs licensed by a title, an apposition or the registry.
    pub(crate) fn named_people(&mut self, st: &Sentence, w: &mut Work) {
        w.runs = name_runs(st.sentence, st.toks, &st.units, &st.hits, &st.gaz);
        let headline = is_title_case(st.sentence, st.toks, &st.gaz);
        for k in 0..w.runs.len() {
            let (a, b) = w.runs[k];
            if let Some(run) = run_name(st, a, b) {
                self.named_person(st, w, &run, headline);
            }
        }
    }

    /// The person a capitalised run names, if any, with its mentions.
    fn named_person(&mut self, st: &Sentence, w: &mut Work, run: &Run, headline: bool) {
        let (text, offset, cues) = (st.text, st.offset, PersonCues::builtin());
        let (a, b, s, e, name) = (run.a, run.b, run.s, run.e, run.name);
        let title = w
            .phrases
            .iter()
            .position(|p| p.last + 1 == a && matches!(p.class, RoleClass::Person | RoleClass::Counterpart) && !p.used);
        let phrase_idx = title.or_else(|| apposition_after(st, w, b)).or_else(|| apposition_before(st, w, a, b));
        let single = significant(&name_tokens(name)).len() < 2;
        // "Ben Sasse, R-Neb.", "John Doe (D-N.Y.)": the party and state tag of a member of the US Congress.
        let congress = (phrase_idx.is_none() && !headline && us_party_tag(st.sentence, e)).then(|| RoleInfo {
            text: "member of congress".to_string(),
            country: Some("USA".to_string()),
            sector: Some("LEG".to_string()),
            org_code: None,
        });
        // "Sen. Jane Doe", "U.S. Rep. Jane Doe", "Gen. John Roe": an abbreviated title names an office, of the state
        // written right before it (whose unit joins the mention).
        let modifier = run.first.checked_sub(1).filter(|&m| country_unit(st, m).is_some());
        let abbreviated = (phrase_idx.is_none() && !headline && plausible_name(name))
            .then_some(run.title)
            .flatten()
            .map(|sector| RoleInfo {
                text: st
                    .sentence
                    .get(unit_start(&st.units[run.first], &st.hits, st.toks)..s)
                    .unwrap_or("")
                    .trim()
                    .to_string(),
                country: modifier.and_then(|m| country_unit(st, m)),
                sector: Some(sector.to_string()),
                org_code: None,
            });
        let person = if let Some(info) = congress.as_ref().or(abbreviated.as_ref()) {
            let doc_people: Vec<u32> = self.people.iter().map(|x| x.0).collect();
            let country = info.country.as_deref();
            let found = if single { self.surname(name) } else { self.reg.find_person(name, country, &doc_people) };
            let p = found.filter(|&p| self.reg.country_ok(p, country)).unwrap_or_else(|| {
                let described = if country.is_none() { self.described_ahead(text) } else { None };
                self.reg.new_person(name, described)
            });
            self.reg.add_alias(p, name);
            self.reg.add_role(p, info, self.date);
            let (form, start) = match modifier.filter(|_| congress.is_none()) {
                Some(m) => {
                    w.consumed[m] = true;
                    (MentionForm::Role, unit_start(&st.units[m], &st.hits, st.toks))
                }
                None => (MentionForm::Name, s),
            };
            w.out.extend(self.person_mention(p, text, start, e, offset, form, Some(info)));
            Some(p)
        } else if let Some(pi) = phrase_idx {
            // Headlines capitalise every word: "Leader Pledges Full" is not a name to learn.
            let Some(p) = self.titled_person(st, w, run, pi, title == Some(pi), single, headline) else { return };
            Some(p)
        } else if single {
            self.surname(name).inspect(|&p| {
                w.out.extend(self.person_mention(p, text, s, e, offset, MentionForm::Surname, None));
            })
        } else {
            let doc_people: Vec<u32> = self.people.iter().map(|x| x.0).collect();
            self.reg.find_person(name, None, &doc_people).inspect(|&p| {
                self.reg.add_alias(p, name);
                w.out.extend(self.person_mention(p, text, s, e, offset, MentionForm::Name, None));
            })
        };
        // A name no dictionary, title or earlier mention explains is a new person only where the sentence puts a
        // person: after an honorific ("Mr. Doe"), or, for a full name, as the subject of a speech verb ("Jane Doe
        // said", "..., said Jane Doe"). A single word before "said" is as often an outlet or a company ("Politico
        // said"), so it needs an honorific or a role.
        let person = person.or_else(|| {
            if headline {
                return None;
            }
            let (sentence, units, toks) = (st.sentence, &st.units[..], st.toks);
            let full_name = name.split_whitespace().nth(1).is_some();
            let cued = run.honorific.is_some()
                || (full_name
                    && ((opens_clause(sentence, units, toks, a, cues)
                        && speech_after(sentence, toks, e, cues, false).is_some())
                        || speech_before(sentence, units, toks, a, b, cues, &st.gaz)));
            (cued && plausible_name(name)).then(|| {
                // "Jane Doe said ... The 52-year-old Peruvian": the state a description soon after gives them.
                let country = self.described_ahead(text);
                let p = self.reg.new_person(name, country);
                w.out.extend(self.person_mention(p, text, s, e, offset, MentionForm::Name, None));
                p
            })
        });
        if let Some(p) = person {
            if let Some(Some(g)) = run.honorific {
                self.genders.insert(p, g);
            }
            w.consumed[a..=b].fill(true);
            self.touch(p);
            w.people.push((s, p));
        }
    }

    /// The person a run with a role phrase names (`pi`: the phrase, `titled`: the phrase is a title before the
    /// name rather than an apposition), found or learned, with the role given to them and their mentions; `None`
    /// for a run of a headline nothing explains.
    #[allow(clippy::too_many_arguments)]
    fn titled_person(
        &mut self,
        st: &Sentence,
        w: &mut Work,
        run: &Run,
        pi: usize,
        titled: bool,
        single: bool,
        headline: bool,
    ) -> Option<u32> {
        let (text, offset, gaz) = (st.text, st.offset, &*st.gaz);
        let (b, s, name) = (run.b, run.s, run.name);
        let mut info = w.phrases[pi].info.clone();
        if w.phrases[pi].class == RoleClass::Counterpart {
            self.fill_counterpart(&mut info, &w.people);
        }
        // "King Hassan of Morocco": a title without a country takes the one named right after the name.
        let mut e = run.e;
        let mut of_country = None;
        if info.country.is_none()
            && info.org_code.is_none()
            && is_tok_at(&st.units, b + 1, st.sentence, st.toks, "of")
            && let Some(Unit::Hit(h)) = st.units.get(b + 2)
            && let Target::Entry(ei) = st.hits[*h].sense.target
            && gaz.entries[ei as usize].kind == ActorKind::Country
        {
            info.country = gaz.entries[ei as usize].country.clone();
            e = st.hits[*h].end;
            of_country = Some(b + 2);
        }
        // "Premier Zhao", "King Hassan": a title with no country names the listed holder of such a post on the
        // document's date, who gives the country and sector.
        let mut holder = None;
        if info.country.is_none()
            && info.org_code.is_none()
            && let Some((ei, k, on_date)) = gaz.office_holder(name, &info.text, self.date)
        {
            let entry = &gaz.entries[ei as usize];
            let r = &entry.roles[k];
            info.country = r.country.clone();
            if r.country.is_none() {
                // The head of an international organisation: the organisation's code.
                info.org_code = r.code.clone();
            }
            // Out of term on the date, the text's own title gives the sector.
            if on_date || info.sector.is_none() {
                info.sector = r.sector.clone();
            }
            holder = Some(self.reg.adopt_entry(entry, self.date));
        }
        let doc_people: Vec<u32> = self.people.iter().map(|x| x.0).collect();
        let found = if holder.is_some() {
            holder
        } else if single {
            self.surname(name).filter(|&p| self.reg.country_ok(p, info.country.as_deref()))
        } else {
            self.reg.find_person(name, info.country.as_deref(), &doc_people)
        };
        let p = match found {
            Some(p) => p,
            None if headline => return None,
            None => {
                // "Wikileaks co-founder Julian Assange ... The 48-year-old Australian": a title with no state takes
                // the one a description soon after gives its new holder.
                if info.country.is_none() && info.org_code.is_none() {
                    info.country = self.described_ahead(text);
                }
                self.reg.new_person(name, info.country.clone())
            }
        };
        self.reg.add_alias(p, name);
        self.reg.add_role(p, &info, self.date);
        let person = &self.reg.people[p as usize];
        self.titled.insert(p, (person.code.clone(), person.country.clone()));
        w.phrases[pi].used = true;
        if let Some(c) = of_country {
            w.consumed[b + 1..=c].fill(true);
        }
        let (ps, pe) = w.take_phrase(pi, st);
        if titled {
            w.out.extend(self.person_mention(p, text, ps, e, offset, MentionForm::Role, Some(&info)));
        } else {
            w.out.extend(self.person_mention(p, text, s, e, offset, MentionForm::Name, Some(&info)));
            w.out.extend(self.person_mention(p, text, ps, pe, offset, MentionForm::Role, Some(&info)));
        }
        Some(p)
    }
}

/// The state a unit names, if it is a country's name or adjective ("U.S." in "U.S. Rep. Jane Doe").
fn country_unit(st: &Sentence, u: usize) -> Option<String> {
    let Some(Unit::Hit(h)) = st.units.get(u) else { return None };
    let Target::Entry(ei) = st.hits[*h].sense.target else { return None };
    let entry = &st.gaz.entries[ei as usize];
    (entry.kind == ActorKind::Country).then(|| entry.country.clone()).flatten()
}

/// Whether the name ending at byte `end` of `sentence` carries a US congressional party tag: ", R-Neb.",
/// " (D-N.Y.)", ", I-Vt." (a party letter, a hyphen and a capitalised state abbreviation).
fn us_party_tag(sentence: &str, end: usize) -> bool {
    let rest = sentence.get(end..).unwrap_or("");
    let Some(tag) = rest.strip_prefix(", ").or_else(|| rest.strip_prefix(" (")) else { return false };
    let mut chars = tag.chars();
    matches!(chars.next(), Some('R' | 'D' | 'I'))
        && chars.next() == Some('-')
        && chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && chars.take_while(|c| !matches!(c, ',' | ')' | ' ')).all(|c| c.is_ascii_alphabetic() || c == '.')
}

/// The run `a..=b` as a name: an honorific opening it is no part of the name ("Sen Jane Doe" without a period),
/// a run that is only honorifics is none ("Lt. Gen."), nor is one with an organisation word ("the Ceasefire
/// Violations Committee").
fn run_name<'t>(st: &Sentence<'t>, mut a: usize, b: usize) -> Option<Run<'t>> {
    let (sentence, units, toks, cues) = (st.sentence, &st.units[..], st.toks, PersonCues::builtin());
    let (mut honorific, mut title, first) = (None, None, a);
    while a < b
        && let Some(w) = tok_text(&units[a], sentence, toks)
        && let Some(g) = cues.honorific(w)
    {
        // "Lt Col Jane Doe": the first honorific with a gender wins; "Lt. Gov.": the last with a sector.
        honorific = Some(honorific.flatten().or(g));
        title = cues.title_sector(w).or(title);
        a += 1;
    }
    if a == b && tok_text(&units[a], sentence, toks).is_some_and(|w| cues.honorific(w).is_some()) {
        return None;
    }
    let (s, e) = (unit_start(&units[a], &st.hits, toks), unit_end(&units[b], &st.hits, toks));
    let honorific = honorific.or_else(|| honorific_before(sentence, s));
    // Honorifics written with a period stand before the run: "Lt. Gov. Jane Doe".
    let (mut first, mut k) = (first, first);
    while k > 0 {
        let Some(w) = tok_text(&units[k - 1], sentence, toks) else { break };
        if w != "." {
            let Some(g) = cues.honorific(w).map(|_| cues.title_sector(w)) else { break };
            title = title.or(g);
            first = k - 1;
        }
        k -= 1;
    }
    let name = sentence.get(s..e)?;
    if name.split([' ', '-']).any(|w| st.gaz.org_words.contains(&normalize(w))) {
        return None;
    }
    Some(Run { a, b, s, e, name, honorific, title, first })
}

/// "X, the former special envoy to Y": the unused person or counterpart phrase in apposition after the run that
/// ends at unit `b`. A modifier before the role word is outside the phrase, and so is the body a role belongs to
/// when no dictionary knows it ("X, a former National Security Council official").
fn apposition_after(st: &Sentence, w: &Work, b: usize) -> Option<usize> {
    let (sentence, units, toks, hits, gaz) = (st.sentence, &st.units[..], st.toks, &st.hits[..], &*st.gaz);
    if !(b + 1 < units.len() && is_tok(&units[b + 1], sentence, toks, ",")) {
        return None;
    }
    let mut k = b + 2;
    if k < units.len() && is_det(&units[k], sentence, toks) {
        k += 1;
    }
    while units.get(k).is_some_and(|u| is_modifier(u, hits, gaz)) {
        k += 1;
    }
    let mut body = k;
    while body < k + 4 && units.get(body).is_some_and(|u| is_portfolio_word(u, sentence, toks, gaz)) {
        body += 1;
    }
    // "Tulsi Gabbard, businessman Andrew Yang and ...": a role right before another name is that name's title, the
    // next item of a list, not an apposition.
    let titles_next = |p: &Phrase| w.runs.iter().any(|&(a, _)| a == p.last + 1);
    w.phrases.iter().position(|p| {
        (p.first == k || p.first == body)
            && matches!(p.class, RoleClass::Person | RoleClass::Counterpart)
            && !p.used
            && !titles_next(p)
    })
}

/// "Cuban ambassador to the DPRK, Aise Sotolongo,": an unused person phrase with a country right before the run
/// `a..=b` and a comma, when the run ends its clause.
fn apposition_before(st: &Sentence, w: &Work, a: usize, b: usize) -> Option<usize> {
    let (sentence, units, toks) = (st.sentence, &st.units[..], st.toks);
    if !(a >= 2 && is_tok(&units[a - 1], sentence, toks, ",")) {
        return None;
    }
    let pi = w
        .phrases
        .iter()
        .position(|p| p.last + 2 == a && matches!(p.class, RoleClass::Person) && !p.used && p.info.country.is_some())?;
    let ends = b + 1 >= units.len()
        || is_tok(&units[b + 1], sentence, toks, ",")
        || is_tok(&units[b + 1], sentence, toks, ")");
    ends.then_some(pi)
}

#[cfg(test)]
mod tests {
    use crate::resolve::mentions;

    #[test]
    fn names_need_a_title_an_apposition_an_honorific_or_a_speech_verb() {
        let table: [(&str, &[&str]); 10] = [
            // A title before the name: one role mention.
            ("Cuban Ambassador Aise Sotolongo arrived.", &["Cuban Ambassador Aise Sotolongo=CUBGOV/Role"]),
            // An apposition: the name and the role phrase.
            (
                "Aise Sotolongo, Cuban ambassador to the DPRK, arrived.",
                &["Aise Sotolongo=CUBGOV/Name", "Cuban ambassador to the DPRK=CUBGOV/Role"],
            ),
            // An honorific, and a full name as the subject of a speech verb: people of no known country.
            ("Mr. Doe arrived.", &["Doe=---/Name"]),
            ("Jane Roe said the talks failed.", &["Jane Roe=---/Name"]),
            // A capitalised run nothing licenses is no one.
            ("Acme Robotics opened a plant.", &[]),
            // Judges' titles: "Chief Justice", and the British "Mr Justice" (never "justice" alone, a common noun).
            ("Chief Justice Jane Roe ruled.", &["Chief Justice Jane Roe=---JUD/Role"]),
            ("Mr Justice John Doe agreed.", &["Mr Justice John Doe=---JUD/Role"]),
            ("They were brought to justice.", &[]),
            // A sentence adverb before a comma is no name in apposition.
            ("Separately, the minister said the talks failed.", &[]),
            // In a list, a role right before the next name is that name's title, not an apposition.
            ("Jane Roe, businessman John Doe and others are under pressure.", &["businessman John Doe=---BUS/Role"]),
        ];
        for (text, want) in table {
            assert_eq!(mentions(text, None), want, "{text}");
        }
    }

    #[test]
    fn a_later_surname_is_the_person_and_headlines_teach_no_names() {
        let got = mentions("Cuban Ambassador Aise Sotolongo arrived. Sotolongo spoke.", None);
        assert_eq!(got, ["Cuban Ambassador Aise Sotolongo=CUBGOV/Role", "Sotolongo=CUBGOV/Surname"]);
        // A listed leader's surname is a dictionary name, not a surname of the names pass.
        let got = mentions("Russian Foreign Minister Sergey Lavrov arrived. Lavrov spoke.", None);
        assert_eq!(got, ["Russian Foreign Minister Sergey Lavrov=RUSGOV/Role", "Lavrov=RUSGOV/Name"]);
        assert!(mentions("Leader Pledges Full Support", None).is_empty());
    }

    #[test]
    fn a_us_party_tag_makes_a_member_of_congress() {
        let got = mentions("Jane Roe, R-Neb., asked why. Roe said the bureau failed.", None);
        assert_eq!(got, ["Jane Roe=USALEG/Name", "Roe=USALEG/Surname"]);
        let got = mentions("Jane Roe (D-N.Y.) spoke.", None);
        assert_eq!(got, ["Jane Roe=USALEG/Name"]);
        // Anything else after a comma is no tag.
        let got = mentions("Jane Roe, Rome-based, spoke.", None);
        assert!(!got.iter().any(|m| m.contains("USALEG")), "{got:?}");
        for (tail, tag) in
            [(", R-Neb., asked", true), (" (D-N.Y.)", true), (", I-Vt.", true), (", R-2", false), (", D.C.", false)]
        {
            assert_eq!(super::us_party_tag(&format!("Jane Roe{tail}"), 8), tag, "{tail}");
        }
    }

    #[test]
    fn an_abbreviated_title_names_an_office() {
        let table: [(&str, &[&str]); 7] = [
            // The state written right before the title joins the mention.
            ("U.S. Rep. Jane Doe said the bill would pass.", &["U.S. Rep. Jane Doe=USALEG/Role"]),
            ("Pakistani Gen. Ali Khan met reporters.", &["Pakistani Gen. Ali Khan=PAKMIL/Role"]),
            // With no state, the office alone; of several honorifics, the last with a sector.
            ("Sen. John Roe criticised the plan.", &["John Roe=---LEG/Name"]),
            ("Lt. Gov. Jane Roe spoke.", &["Jane Roe=---GOV/Name"]),
            ("Maj. Gen. John Roe resigned.", &["John Roe=---MIL/Name"]),
            // Courtesy titles and ranks shared by police and armies name no office.
            ("Mr. Doe arrived.", &["Doe=---/Name"]),
            ("Sgt. John Roe arrived.", &["John Roe=---/Name"]),
        ];
        for (text, want) in table {
            assert_eq!(mentions(text, None), want, "{text}");
        }
        // In a document about one state, an office holder the text gives no state is of that state, later too.
        let got = mentions(
            "The US Senate voted. The US House voted. American lawmakers met. Rep. Jane Doe agreed. Doe left.",
            None,
        );
        assert_eq!(got[got.len() - 2..], ["Jane Doe=USALEG/Name", "Doe=USALEG/Surname"], "{got:?}");
    }

    #[test]
    fn the_civilian_heads_of_the_armed_services_are_titles() {
        for (text, want) in [
            ("Secretary of the Air Force Jane Roe visited.", "Secretary of the Air Force Jane Roe=---GOV/Role"),
            ("Navy Secretary John Roe was fired.", "Navy Secretary John Roe=---GOV/Role"),
        ] {
            assert_eq!(mentions(text, None), [want], "{text}");
        }
    }

    #[test]
    fn the_documents_title_holds_for_a_listed_persons_later_mentions() {
        // In 2010 the listed Rutte was the Dutch prime minister; this document makes him NATO's secretary general,
        // and so he stays for its later mentions.
        let got = mentions(
            "Mark Rutte, NATO's secretary general, visited Kyiv. Rutte said it would help.",
            Some("2010-03-01"),
        );
        assert_eq!(got.last().map(String::as_str), Some("Rutte=IGOWSTNAT/Name"), "{got:?}");
        // Without a title in the document, the post held on the date.
        let got = mentions("Mark Rutte visited Kyiv. Rutte said it would help.", Some("2013-03-01"));
        assert_eq!(got.last().map(String::as_str), Some("Rutte=NLDGOV/Name"), "{got:?}");
    }
}
