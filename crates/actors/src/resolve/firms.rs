//! The firms pass: a company no dictionary lists, named by its trade and its state ("Japanese carmaker Acme",
//! "the Chinese technology firm Zhongwei Robotics", "Acme, the US planemaker"). CAMEO codes a firm as its state +
//! BUS; the demonym is the firm's, not an actor of its own. A firm whose state the text never gives stays no actor.

use super::state::{DocumentResolver, Sentence, Work};
use crate::data::Target;
use crate::model::{ActorKind, MentionForm};
use crate::normalize::normalize;
use crate::roles::RoleInfo;
use crate::units::{Unit, is_det, is_tok, tok_text};

/// At most this many lowercase words between the demonym and the trade noun ("Chinese technology investment firm").
const MAX_BETWEEN: usize = 3;

impl DocumentResolver<'_> {
    /// Firm mentions for the capitalised runs of the sentence that a trade noun and a demonym make a company.
    pub(crate) fn firms(&mut self, st: &Sentence, w: &mut Work) {
        for k in 0..w.runs.len() {
            let (a, b) = w.runs[k];
            if w.consumed[a..=b].contains(&true) {
                continue;
            }
            let Some((country, demonym, noun)) = firm_before(st, a).or_else(|| firm_after(st, b)) else { continue };
            if w.consumed[demonym] {
                continue;
            }
            let v = st.view();
            let info = RoleInfo {
                text: st.sentence.get(v.start(noun)..v.end(noun)).unwrap_or("company").to_lowercase(),
                country: Some(country),
                sector: Some("BUS".to_string()),
                org_code: None,
            };
            w.out.extend(self.agent_mention(&info, st.text, v.start(a), v.end(b), st.offset).map(|mut m| {
                m.form = MentionForm::Name;
                m
            }));
            w.consumed[a..=b].fill(true);
            w.consumed[demonym] = true;
        }
    }
}

/// The state's demonym at unit `k`, if it is one ("Japanese", "US"), with the state.
fn demonym(st: &Sentence, k: usize) -> Option<String> {
    let Unit::Hit(h) = *st.units.get(k)? else { return None };
    let hit = &st.hits[h];
    let Target::Entry(ei) = hit.sense.target else { return None };
    let e = &st.gaz.entries[ei as usize];
    let adjective = hit.sense.form == MentionForm::Adjective || hit.sense.form == MentionForm::Name;
    (e.kind == ActorKind::Country && adjective && !hit.sense.plural).then(|| e.country.clone()).flatten()
}

/// Whether unit `k` is a trade noun ("carmaker", "firm").
fn trade_noun(st: &Sentence, k: usize) -> bool {
    st.units
        .get(k)
        .and_then(|u| tok_text(u, st.sentence, st.toks))
        .is_some_and(|t| t.chars().next().is_some_and(char::is_lowercase) && st.gaz.firm_words.contains(&normalize(t)))
}

/// Whether unit `k` is a lowercase word that may stand between a demonym and its trade noun ("technology").
fn lowercase_word(st: &Sentence, k: usize) -> bool {
    st.units
        .get(k)
        .and_then(|u| tok_text(u, st.sentence, st.toks))
        .is_some_and(|t| t.chars().all(|c| c.is_lowercase() || c == '-') && !is_det(&st.units[k], st.sentence, st.toks))
}

/// "Japanese carmaker <run>", "the Chinese technology firm <run>": (state, demonym unit, noun unit).
fn firm_before(st: &Sentence, a: usize) -> Option<(String, usize, usize)> {
    let noun = a.checked_sub(1)?;
    if !trade_noun(st, noun) {
        return None;
    }
    let mut k = noun.checked_sub(1)?;
    for _ in 0..MAX_BETWEEN {
        if let Some(c) = demonym(st, k) {
            return Some((c, k, noun));
        }
        if !lowercase_word(st, k) {
            return None;
        }
        k = k.checked_sub(1)?;
    }
    demonym(st, k).map(|c| (c, k, noun))
}

/// "<run>, the US planemaker": (state, demonym unit, noun unit).
fn firm_after(st: &Sentence, b: usize) -> Option<(String, usize, usize)> {
    let (sentence, units, toks) = (st.sentence, &st.units[..], st.toks);
    if !(units.get(b + 1).is_some_and(|u| is_tok(u, sentence, toks, ","))
        && units.get(b + 2).is_some_and(|u| is_det(u, sentence, toks)))
    {
        return None;
    }
    let k = b + 3;
    let country = demonym(st, k)?;
    (k + 1..=k + 1 + MAX_BETWEEN)
        .take_while(|&j| trade_noun(st, j) || lowercase_word(st, j))
        .find(|&j| trade_noun(st, j))
        .map(|noun| (country, k, noun))
}

#[cfg(test)]
mod tests {
    use crate::resolve::mentions;

    #[test]
    fn a_named_firm_of_a_state_is_that_state_in_business() {
        let table: [(&str, &[&str]); 6] = [
            ("Japanese carmaker Zento Motors opened a plant.", &["Zento Motors=JPNBUS/Name"]),
            (
                "The Chinese technology firm Zhongwei Robotics sued Germany.",
                &["Zhongwei Robotics=CHNBUS/Name", "Germany=DEU/Name"],
            ),
            // A firm's state is not the sentence's: the Air Force it sued may be another state's.
            ("Acme Aero, the US planemaker, sued the Air Force.", &["Acme Aero=USABUS/Name"]),
            // No trade noun, or no state: no firm.
            ("Japanese novelist Haruki Ono spoke.", &["Japanese=JPN/Adjective"]),
            ("The technology firm Zhongwei Robotics opened.", &[]),
            // A firm's possessive is the firm, and a person after it keeps their own name and title.
            (
                "Japanese carmaker Zento's chief executive Jane Roe said it would.",
                &["Zento=JPNBUS/Name", "chief executive Jane Roe=JPNBUS/Role"],
            ),
        ];
        for (text, want) in table {
            assert_eq!(mentions(text, None), want, "{text}");
        }
    }
}
