//! The unnamed-roles pass: role phrases no name took. A person role is a later mention of a known person ("the
//! vice minister": role anaphora) or an unnamed agent of its country ("the Cuban ambassador": CUBGOV); a group is
//! an agent ("DPRK diplomats"); a counterpart holds its partner's role ("his Indian counterparts").

use super::state::{DocumentResolver, Sentence, Work};
use crate::data::{RoleClass, Target};
use crate::model::{ActorKind, MentionForm};
use crate::roles::is_portfolio_word;
use crate::units::{Unit, is_det, is_tok};

impl DocumentResolver<'_> {
    /// Mentions of the role phrases still unused. A person role in apposition to a listed person ("José Raúl
    /// Mulino, Panama's president") is left for that person (the dictionary pass), whose office it names.
    pub(crate) fn unnamed_roles(&mut self, st: &Sentence, w: &mut Work) {
        let (text, offset, sentence, units, toks) = (st.text, st.offset, st.sentence, &st.units[..], st.toks);
        let gaz = &*st.gaz;
        let listed_hits: Vec<bool> = units
            .iter()
            .enumerate()
            .map(|(k, u)| {
                !w.consumed[k]
                    && matches!(*u, Unit::Hit(x) if matches!(st.hits[x].sense.target,
                        Target::Entry(e) if gaz.entries[e as usize].kind == ActorKind::Person))
            })
            .collect();
        let after_listed = |first: usize| {
            let mut k = first;
            if k >= 1 && is_det(&units[k - 1], sentence, toks) {
                k -= 1;
            }
            k >= 2 && is_tok(&units[k - 1], sentence, toks, ",") && listed_hits[k - 2]
        };
        let v = st.view();
        for pi in 0..w.phrases.len() {
            let ph = &w.phrases[pi];
            if ph.used {
                continue;
            }
            let (ps, pe) = (v.start(ph.first), v.end(ph.last));
            match ph.class {
                RoleClass::Person if after_listed(ph.first) => continue,
                RoleClass::Person => {
                    // "Assistant Secretary of the Air Force for Acquisition X": a capitalised word no dictionary took
                    // right before a title makes it another office, no later mention of the title's holder.
                    let other_office = ph.first > 0
                        && is_portfolio_word(&units[ph.first - 1], sentence, toks, gaz)
                        && !is_tok(&units[ph.first - 1], sentence, toks, "and");
                    if let Some(p) = self.role_anaphor(&ph.info).filter(|_| !other_office) {
                        w.out.extend(self.person_mention(p, text, ps, pe, offset, MentionForm::RoleAnaphor, None));
                        self.touch(p);
                        w.people.push((ps, p));
                    } else if ph.info.country.is_some() {
                        w.out.extend(self.agent_mention(&ph.info, text, ps, pe, offset));
                    } else {
                        continue;
                    }
                }
                RoleClass::Group if ph.info.country.is_some() || ph.info.org_code.is_some() => {
                    w.out.extend(self.agent_mention(&ph.info, text, ps, pe, offset));
                }
                // "his Indian counterparts" without a name: officials of the adjective's country holding the
                // partner's role; the partner's own country never passes over.
                RoleClass::Counterpart if ph.info.country.is_some() => {
                    let mut info = ph.info.clone();
                    self.fill_counterpart(&mut info, &w.people);
                    w.out.extend(self.agent_mention(&info, text, ps, pe, offset));
                }
                _ => continue,
            }
            w.phrases[pi].used = true;
            w.take_phrase(pi, st);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::resolve::mentions;

    #[test]
    fn unnamed_roles_are_agents_or_earlier_people() {
        assert_eq!(mentions("The Cuban ambassador left.", None), ["Cuban ambassador=CUBGOV/Role"]);
        assert_eq!(mentions("DPRK diplomats left.", None), ["DPRK diplomats=PRKGOV/Role"]);
        // Role anaphora: "the vice minister" is the person the document gave that role.
        let got = mentions("North Korean Vice Foreign Minister Kim Song met them. The vice minister left.", None);
        assert_eq!(got.last().map(String::as_str), Some("vice minister=PRKGOV/RoleAnaphor"), "{got:?}");
        // A capitalised word before the title makes it another office: no later mention of the holder.
        let got = mentions("US Navy Secretary Jane Roe met them. The Navy Secretary left.", None);
        assert_eq!(got.last().map(String::as_str), Some("Navy Secretary=USAGOV/RoleAnaphor"), "{got:?}");
        let got = mentions("US Navy Secretary Jane Roe met them. Deputy Navy Secretary for Budget Tom Doe left.", None);
        assert!(!got.iter().any(|m| m.contains("RoleAnaphor")), "{got:?}");
        // A person role with no country and no earlier holder is nobody.
        assert!(mentions("The minister left.", None).is_empty());
    }
}
