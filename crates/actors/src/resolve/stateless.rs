//! The stateless pass: a person, an agent or a role the text gives no state ("opposition leader X", CAMEO
//! `---OPP`) is of the one state its sentence is about, when the sentence names one state only and names it as the
//! qualifier of a group or place ("Pakistani officials", "in Sudan"), never only as a party ("met Russia"), which
//! could as well be the foreign side. The event coder's slots take their states from here.
//!
//! A body or office named with no state at all ("police arrested", "lawmakers criticised", "a judge ruled") is a
//! domestic actor: it takes the sentence's one state, else the state the document is mostly about (news names the
//! state of its domestic bodies once, if at all), else it is no actor. Only a state organ or an organised domestic
//! body (labour, schools, health, business, intelligence) does, and so does a crowd acting at home ("protesters",
//! `crowd` in `roles.tsv`): "people" or "residents" stay nobody, and so does "opposition", as often a stance ("firm
//! opposition to") as a party.

use super::state::{DocumentResolver, Sentence, Work};
use crate::data::{Gazetteer, RoleClass};
use crate::model::{ActorKind, ActorMention, MentionForm, cameo_code};
use dyad_core::{ActorCode, Sector};

impl DocumentResolver<'_> {
    /// Gives each stateless person, agent or role mention of the sentence the sentence's one state, if it has one,
    /// then makes the unnamed bodies and offices no earlier pass took agents of that state or the document's.
    pub(crate) fn stateless_actors(&self, st: &Sentence, w: &mut Work) {
        // A firm's state is its own people's ("Zento's chief executive"), never its sentence's bodies'.
        let home = sentence_state(st.text, &st.gaz, &w.out, true, false);
        let named = sentence_state(st.text, &st.gaz, &w.out, false, false);
        self.domestic_bodies(st, w, home.as_deref(), named.as_deref());
        let any = sentence_state(st.text, &st.gaz, &w.out, true, true);
        if any.is_none() && home.is_none() {
            return;
        }
        let placed =
            |state: &str| w.out.iter().any(|m| m.kind == ActorKind::Place && m.country.as_deref() == Some(state));
        let (placed_any, placed_home) = (any.as_deref().is_some_and(placed), home.as_deref().is_some_and(placed));
        for m in w.out.iter_mut() {
            let Some(code) = ActorCode::parse(&m.code).ok().filter(|c| m.country.is_none() && c.is_unknown()) else {
                continue;
            };
            // A state office takes no firm's state ("Mr Justice X agreed with Apple's defence"); a firm's people do.
            let office = m.sector.as_deref().and_then(Sector::from_code).is_some_and(Sector::is_state);
            let (state, placed) = if office { (&home, placed_home) } else { (&any, placed_any) };
            let Some(state) = state else { continue };
            // A person with no office is as often a foreigner where the state's bodies act ("prosecutors in Sweden
            // dropped a case against X"): they take the state only from a place inside it ("Kentucky", "visiting
            // Nevada"), an office holder ("opposition leader X") from any qualifier.
            if m.kind == ActorKind::Person && m.sector.is_none() && !placed {
                continue;
            }
            if matches!(m.kind, ActorKind::Person | ActorKind::Agent) {
                m.code = cameo_code(Some(state), m.sector.as_deref());
            } else if matches!(m.form, MentionForm::Role | MentionForm::RoleAnaphor) {
                // A titled organisation or group ("President of the opposition party ...") keeps its own letters.
                m.code = format!("{state}{}", code.rest());
            } else {
                continue;
            }
            m.country = Some(state.clone());
        }
    }

    /// Agents for the role phrases that name a body or office with no state and that no pass took: of the
    /// sentence's one state `state`, else of the document's. A government or military body is often abroad
    /// ("diplomats in Moscow", "troops in Afghanistan"), so it never takes a state only named as a place
    /// (`named`: the one state the sentence names by a group or an adjective), and the document's only when the
    /// sentence names no other.
    fn domestic_bodies(&self, st: &Sentence, w: &mut Work, state: Option<&str>, named: Option<&str>) {
        // The document's state, found only once a phrase may take it (the look-ahead reads the whole document).
        let document_state = std::cell::OnceCell::new();
        let v = st.view();
        for pi in 0..w.phrases.len() {
            let ph = &w.phrases[pi];
            if ph.used
                || ph.info.country.is_some()
                || ph.info.org_code.is_some()
                || w.consumed[ph.first..=ph.last].contains(&true)
            {
                continue;
            }
            let Some(sector) = ph.info.sector.as_deref().and_then(Sector::from_code) else { continue };
            let domestic = match ph.class {
                RoleClass::Person => sector.is_state(),
                RoleClass::Group => {
                    sector.is_state()
                        || matches!(sector, Sector::Spy | Sector::Lab | Sector::Edu | Sector::Hlh | Sector::Bus)
                        || v.role_of(&st.units[ph.role_unit]).is_some_and(|r| r.domestic)
                }
                _ => false,
            };
            let abroad = matches!(sector, Sector::Gov | Sector::Mil);
            if !domestic {
                continue;
            }
            let document = || document_state.get_or_init(|| self.dominant_country(st.text)).as_deref();
            let state = if abroad {
                named.or_else(|| document().filter(|d| state.is_none_or(|s| s == *d)))
            } else {
                state.or_else(document)
            };
            let (ps, pe) = (v.start(ph.first), v.end(ph.last));
            // "heads of state of several countries": an office or body of something the phrase did not take.
            let of_another = st.sentence.get(pe..).is_some_and(|rest| rest.trim_start().starts_with("of "));
            let Some(state) = state.filter(|_| !of_another) else { continue };
            let mut info = ph.info.clone();
            info.country = Some(state.to_string());
            w.out.extend(self.agent_mention(&info, st.text, ps, pe, st.offset));
            w.phrases[pi].used = true;
            w.take_phrase(pi, st);
        }
    }
}

/// Whether a mention may say which state its sentence is about. A person with no state office ("a rape allegation
/// against Julian Assange", "his lawyers told the judge"), a news medium ("an Associated Press journalist in the
/// area") and, unless `firms`, a firm ("Mr Justice Mann agreed with Apple Computer's defence") are as often foreign
/// as not: their state is theirs, not the sentence's.
fn qualifies_state(m: &ActorMention, firms: bool) -> bool {
    let office = m.sector.as_deref().and_then(Sector::from_code).is_some_and(Sector::is_state);
    let private_person = m.kind == ActorKind::Person && (m.form == MentionForm::Pronoun || !office);
    let firm = m.sector.as_deref() == Some("BUS");
    !private_person && m.sector.as_deref() != Some("MED") && (firms || !firm)
}

/// The one state the mentions name, if they name one only and one of them qualifies a group or (with `places`)
/// a place. A region is no state ("EADS", EUR, "signed a contract with the Defense Ministry"). With `places` (for
/// bodies at home), a mention that cannot qualify is left out; without (for bodies often abroad, which need more),
/// its state still makes a sentence that names another about neither. `firms`: whether a firm may qualify.
fn sentence_state(text: &str, gaz: &Gazetteer, found: &[ActorMention], places: bool, firms: bool) -> Option<String> {
    let mut state: Option<&str> = None;
    let mut qualifies = false;
    for m in found {
        let Some(c) = m.country.as_deref().filter(|c| gaz.country_name(c).is_some()) else { continue };
        let can_qualify = qualifies_state(m, firms);
        if places && !can_qualify {
            continue;
        }
        if state.is_some_and(|k| k != c) {
            return None;
        }
        state = Some(c);
        // Without `places`, a place (a city, or a state after "in") does not qualify.
        let group = m.kind != ActorKind::Country && (places || m.kind != ActorKind::Place);
        qualifies |= can_qualify && (group || m.form == MentionForm::Adjective || places && m.follows_locative(text));
    }
    state.filter(|_| qualifies).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use crate::resolve::mentions;

    #[test]
    fn a_stateless_title_takes_the_one_state_its_sentence_qualifies() {
        let got = mentions("Opposition leader Amal Dorsey addressed Ugandan students.", None);
        assert!(got.iter().any(|m| m.starts_with("Opposition leader Amal Dorsey=UGAOPP")), "{got:?}");
        // A state named only as a party could be the foreign side: no state.
        let got = mentions("Opposition leader Amal Dorsey criticised Uganda.", None);
        assert!(got.iter().any(|m| m.starts_with("Opposition leader Amal Dorsey=---OPP")), "{got:?}");
    }

    #[test]
    fn firms_and_people_without_office_say_no_sentence_state() {
        let table: [(&str, &str, bool); 12] = [
            // A region is no state, and a person with no state office is often abroad: the ministry is not
            // Europe's, nor the judge the Australian's.
            ("EADS signed a contract with the Defense Ministry.", "Defense Ministry=EUR", false),
            (
                "Rights activist Jane Roe was arrested. The 48-year-old Australian told the judge she lied.",
                "judge=AUSJUD",
                false,
            ),
            // For a body often abroad, their state still makes a sentence that names another about neither.
            (
                "Rights activist Jane Roe was arrested. The 52-year-old Peruvian was freed. Cuban officials met the \
                 delegation with Roe.",
                "delegation=CUBGOV",
                false,
            ),
            // An office holder's or a group's state still is the sentence's.
            ("Ugandan soldiers handed the suspects to police.", "police=UGACOP/Role", true),
            // A person with no office takes a state from a place inside it, not from a state's body acting on them.
            ("Prosecutors in Sweden dropped an inquiry into Jane Roe.", "Jane Roe=SWE", false),
            ("Gov. Jane Roe of Kentucky lashed out at teachers.", "Jane Roe=USA", true),
            // A news medium reports from anywhere: neither its journalist nor its datelines say where.
            ("An Associated Press journalist saw the military fire.", "military=USAMIL", false),
            ("The BBC reported it. The BBC said so. The BBC added that police fired.", "police=GBRCOP", false),
            // A firm's state is its own people's, not the state of the sentence's bodies.
            ("Mr Justice John Doe agreed with Apple's defence.", "Mr Justice John Doe=USAJUD", false),
            ("Apple's chief executive Jane Roe spoke.", "Apple's chief executive Jane Roe=USABUS", true),
            // Nor does a firm, which trades anywhere: a court in a case between firms is not their state's.
            ("Boeing sued Apple. Boeing lost. Apple won. The High Court ruled on Monday.", "High Court=USAJUD", false),
            ("Mr. Doe launched a tour, visiting Nevada and Iowa.", "Doe=USA/Name", true),
        ];
        for (text, want, present) in table {
            let got = mentions(text, None);
            assert_eq!(got.iter().any(|m| m.starts_with(want)), present, "{text}: {want} in {got:?}");
        }
    }

    #[test]
    fn a_former_office_holder_with_no_state_is_of_the_documents() {
        // As a serving official is: news names the state of its domestic officials once, if at all.
        let text = "The US Senate voted. The US House voted. American lawmakers met. Former envoy John Roe testified.";
        let got = mentions(text, None);
        assert!(got.iter().any(|m| m == "envoy John Roe=USAELI/Role"), "{got:?}");
        // Alone, no state.
        let got = mentions("Former envoy John Roe testified.", None);
        assert_eq!(got, ["envoy John Roe=---ELI/Role"]);
        // So is an opposition leader: the opposition is to their own state's government.
        let text = "Pakistan raised prices. Pakistan needs money. Pakistani officials met. Opposition leader Ali Rana was held.";
        let got = mentions(text, None);
        assert!(got.iter().any(|m| m == "Opposition leader Ali Rana=PAKOPP/Role"), "{got:?}");
        let got = mentions("Opposition leader Ali Rana was held.", None);
        assert_eq!(got, ["Opposition leader Ali Rana=---OPP/Role"]);
    }

    #[test]
    fn an_unnamed_body_is_of_its_sentences_state_or_the_documents() {
        // The sentence's one state qualifies a place: the police there are its police.
        let got = mentions("Police arrested two men in Chicago.", None);
        assert!(got.iter().any(|m| m == "Police=USACOP/Role"), "{got:?}");
        // Troops and diplomats are often abroad: not from the sentence's place.
        let got = mentions("Troops fired on a crowd in Kabul.", None);
        assert!(!got.iter().any(|m| m.starts_with("Troops")), "{got:?}");
        // A state named by an adjective is the sentence's own: its forces are its forces.
        let got = mentions("Ugandan rebels surrendered to the army.", None);
        assert!(got.iter().any(|m| m == "army=UGAMIL/Role"), "{got:?}");
        // No state in the sentence: the state the document is mostly about.
        let text = "Nigeria's election is near. Nigeria's army is deployed. Nigeria votes. Lawmakers sued the police.";
        let got = mentions(text, None);
        assert!(got.iter().any(|m| m == "Lawmakers=NGALEG/Role"), "{got:?}");
        assert!(got.iter().any(|m| m == "police=NGACOP/Role"), "{got:?}");
        // No state anywhere, or a body of no domestic sector: nobody.
        assert!(mentions("Lawmakers sued the police.", None).is_empty());
        let got = mentions("Nigeria votes. Nigeria's army is deployed. Nigeria waits. Residents fled.", None);
        assert!(!got.iter().any(|m| m.starts_with("Residents")), "{got:?}");
        // Protesters protest at home: of the sentence's state, else of the document's.
        let got = mentions("Nigerian police fired on protesters.", None);
        assert!(got.iter().any(|m| m == "protesters=NGACVL/Role"), "{got:?}");
        let text = "Nigeria votes. Nigeria's army is deployed. Nigeria waits. Demonstrators blocked a road.";
        assert!(mentions(text, None).iter().any(|m| m == "Demonstrators=NGACVL/Role"));
        // An office of something else ("heads of state of ...") is not the document's office.
        let got = mentions(
            "Nigeria votes. Nigeria's army is deployed. Nigeria waits. Heads of state of many nations met.",
            None,
        );
        assert!(!got.iter().any(|m| m.starts_with("Heads")), "{got:?}");
    }
}
