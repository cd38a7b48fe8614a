//! The stateless pass: a person, an agent or a role the text gives no state ("opposition leader X", CAMEO
//! `---OPP`) is of the one state its sentence is about, when the sentence names one state only and names it as the
//! qualifier of a group or place ("Pakistani officials", "in Sudan"), never only as a party ("met Russia"), which
//! could as well be the foreign side. The event coder's slots take their states from here.

use super::state::{DocumentResolver, Work};
use crate::model::{ActorKind, ActorMention, MentionForm, cameo_code};
use dyad_core::ActorCode;

impl DocumentResolver<'_> {
    /// Gives each stateless person, agent or role mention of the sentence the sentence's one state, if it has one.
    pub(crate) fn stateless_actors(&self, text: &str, w: &mut Work) {
        let Some(state) = sentence_state(text, &w.out) else { return };
        for m in w.out.iter_mut() {
            let Some(code) = ActorCode::parse(&m.code).ok().filter(|c| m.country.is_none() && c.is_unknown()) else {
                continue;
            };
            if matches!(m.kind, ActorKind::Person | ActorKind::Agent) {
                m.code = cameo_code(Some(&state), m.sector.as_deref());
            } else if matches!(m.form, MentionForm::Role | MentionForm::RoleAnaphor) {
                // A titled organisation or group ("President of the opposition party ...") keeps its own letters.
                m.code = format!("{state}{}", code.rest());
            } else {
                continue;
            }
            m.country = Some(state.clone());
        }
    }
}

/// The one state the mentions name, if they name one only and one of them qualifies a group or a place.
fn sentence_state(text: &str, found: &[ActorMention]) -> Option<String> {
    let mut state: Option<&str> = None;
    let mut qualifies = false;
    for m in found {
        let Some(c) = m.country.as_deref() else { continue };
        if state.is_some_and(|k| k != c) {
            return None;
        }
        state = Some(c);
        qualifies |= m.kind != ActorKind::Country || m.form == MentionForm::Adjective || m.follows_locative(text);
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
}
