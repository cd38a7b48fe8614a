//! The minorities pass: "ethnic Albanians", "ethnic Serbs" name a community living outside the state of its
//! demonym, so such a mention is of the state the sentence is otherwise about, when one stands out.

use super::state::{DocumentResolver, Sentence, Work};
use crate::model::{ActorKind, cameo_code};
use std::collections::HashMap;

impl DocumentResolver<'_> {
    /// Re-homes each "ethnic <demonym>" mention to the state the sentence's other mentions name most often (ties
    /// and no other state leave it as it is): the community is of its host state, as civilians (CVL).
    pub(crate) fn ethnic_minorities(&self, st: &Sentence, w: &mut Work) {
        let gaz = &*st.gaz;
        for i in 0..w.out.len() {
            let m = &w.out[i];
            let Some(own) = m.country.clone() else { continue };
            if m.kind != ActorKind::Country || !after_ethnic(st.text, m.span.start()) {
                continue;
            }
            let mut counts: HashMap<&str, u32> = HashMap::new();
            for (j, o) in w.out.iter().enumerate() {
                if let Some(c) = o.country.as_deref().filter(|c| j != i && *c != own && gaz.by_country.contains_key(*c))
                {
                    *counts.entry(c).or_default() += 1;
                }
            }
            let Some(max) = counts.values().copied().max() else { continue };
            let top: Vec<&str> = counts.iter().filter(|(_, n)| **n == max).map(|(c, _)| *c).collect();
            let [host] = top[..] else { continue };
            let Some(&idx) = gaz.by_country.get(host) else { continue };
            let entry = &gaz.entries[idx as usize];
            let (actor, name, host) = (entry.id.clone(), entry.name.clone(), host.to_string());
            let m = &mut w.out[i];
            m.code = cameo_code(Some(&host), Some("CVL"));
            m.sector = Some("CVL".to_string());
            m.country = Some(host);
            m.actor = actor;
            m.name = name;
        }
    }
}

/// Whether the word right before byte `start` of `text` is "ethnic".
fn after_ethnic(text: &str, start: usize) -> bool {
    let before = text.get(..start).unwrap_or("").trim_end();
    before.len() >= 6
        && before.get(before.len() - 6..).is_some_and(|w| w.eq_ignore_ascii_case("ethnic"))
        && before[..before.len() - 6].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::after_ethnic;
    use crate::resolve::mentions;

    #[test]
    fn ethnic_communities_are_of_their_host_state() {
        let got = mentions("Ethnic Hungarians rallied in Romania on Sunday.", None);
        assert!(got.iter().any(|m| m.starts_with("Hungarians=ROUCVL")), "{got:?}");
        // No other state named: the mention stays as it was.
        let got = mentions("Ethnic Hungarians rallied on Sunday.", None);
        assert!(got.iter().any(|m| m.starts_with("Hungarians=HUN")), "{got:?}");
        assert!(after_ethnic("some ethnic Serbs", 12));
        assert!(!after_ethnic("multiethnic Serbs", 12));
    }
}
