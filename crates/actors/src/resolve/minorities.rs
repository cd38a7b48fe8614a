//! The minorities pass: "ethnic Albanians", "ethnic Serbs" name a community living outside the state of its
//! demonym; CAMEO codes it by the state it lives in, when the sentence says where ("in Serbia").

use super::state::{DocumentResolver, Sentence, Work};
use crate::model::{ActorKind, cameo_code, word_before};
use dyad_core::ActorCode;

impl DocumentResolver<'_> {
    /// Re-homes each "ethnic <demonym>" mention to the state of the first place after it that the sentence puts
    /// it or its act "in" ("demonstrated on Tuesday in Serbia"); without one the kin state stays (the text does not
    /// say where they live). The people itself becomes the host state's civilians (CVL); an actor of the people
    /// keeps its sector ("ethnic Albanian guerrillas" in Macedonia: ALBREB becomes MKDREB).
    pub(crate) fn ethnic_minorities(&self, st: &Sentence, w: &mut Work) {
        w.out.sort_by_key(|m| m.span.start());
        for i in 0..w.out.len() {
            let m = &w.out[i];
            let Some(own) = m.country.clone() else { continue };
            if !after_word(st.text, m.span.start(), "ethnic") {
                continue;
            }
            let host = w.out[i + 1..]
                .iter()
                .find(|p| matches!(p.kind, ActorKind::Country | ActorKind::Place) && after_in(st.text, p.span.start()))
                .and_then(|p| p.country.clone())
                .filter(|c| *c != own && st.gaz.by_country.contains_key(c));
            let Some(host) = host else { continue };
            let m = &mut w.out[i];
            if m.kind == ActorKind::Country {
                m.code = cameo_code(Some(&host), Some("CVL"));
                m.sector = Some("CVL".to_string());
            } else {
                let code = ActorCode::parse(&m.code).ok().filter(|c| c.root() == own);
                m.code = format!("{host}{}", code.as_ref().map_or("", ActorCode::rest));
            }
            m.country = Some(host);
        }
    }
}

/// Whether `word` is the word right before byte `start` of `text`.
fn after_word(text: &str, start: usize, word: &str) -> bool {
    word_before(text, start).eq_ignore_ascii_case(word)
}

/// Whether the text before byte `start` ends with "in", or "in" and one lowercase word ("in southern Serbia").
fn after_in(text: &str, start: usize) -> bool {
    let before = text.get(..start).unwrap_or("").trim_end();
    let mut words = before.rsplit(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty());
    let last = words.next().unwrap_or("");
    let is_in = |w: &str| w.eq_ignore_ascii_case("in");
    is_in(last) || (last.chars().next().is_some_and(char::is_lowercase) && words.next().is_some_and(is_in))
}

#[cfg(test)]
mod tests {
    use super::after_word;
    use crate::resolve::mentions;

    #[test]
    fn ethnic_communities_are_of_their_host_state() {
        let got = mentions("Ethnic Hungarians rallied in Romania on Sunday.", None);
        assert!(got.iter().any(|m| m.starts_with("Hungarians=ROUCVL")), "{got:?}");
        // Not located: the kin state stays.
        let got = mentions("Ethnic Hungarians attacked Romanian police.", None);
        assert!(got.iter().any(|m| m.starts_with("Hungarians=HUN")), "{got:?}");
        // An actor of the people keeps its sector.
        let got = mentions("Ethnic Albanian guerrillas operating in Macedonia were demobilized.", None);
        assert!(got.iter().any(|m| m.starts_with("Albanian guerrillas=MKDREB")), "{got:?}");
        assert!(after_word("some ethnic Serbs", 12, "ethnic"));
        assert!(!after_word("multiethnic Serbs", 12, "ethnic"));
    }
}
