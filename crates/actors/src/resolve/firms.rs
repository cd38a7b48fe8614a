//! The firms pass: a company no dictionary lists, named by its trade and its state ("Japanese carmaker Acme",
//! "the Chinese technology firm Zhongwei Robotics", "Acme, the US planemaker"). CAMEO codes a firm as its state +
//! BUS; the demonym is the firm's, not an actor of its own. A name after its seat ("Munich-based Acme", "Acme, based
//! in Munich,") is a firm of the seat's state, unless a word makes it another body ("Center", `body_words.txt`). A
//! name closed by a legal suffix ("AirTanker Ltd.") is a firm too, of the state the document is mostly about when
//! nothing else gives one. A firm whose state the text never gives stays no actor.
//!
//! Then the firm anaphora pass: "the company", "the automaker(s)" (a trade noun after "the", with at most two
//! lowercase words between) is the last firm the document named, in this sentence or the [`FIRM_BACK`] before it.

use super::state::{DocumentResolver, Sentence, Work};
use super::state::{MentionParts, make_mention};
use crate::data::Target;
use crate::model::{ActorKind, ActorMention, MentionForm};
use crate::normalize::normalize;
use crate::roles::RoleInfo;
use crate::units::{Unit, is_det, is_tok, tok_text};

/// At most this many lowercase words between the demonym and the trade noun ("Chinese technology investment firm").
const MAX_BETWEEN: usize = 3;

/// How many sentences back "the company" may find the firm it names: the one before (further back, "the airline" is
/// as often another firm the text never named: "watching Netflix ... the airline said").
pub(crate) const FIRM_BACK: u32 = 1;

/// At most this many lowercase words between "the" and the trade noun of a firm anaphor ("the embattled automaker").
const ANAPHOR_BETWEEN: usize = 2;

impl DocumentResolver<'_> {
    /// Firm mentions for the capitalised runs of the sentence that a trade noun and a demonym make a company.
    pub(crate) fn firms(&mut self, st: &Sentence, w: &mut Work) {
        for k in 0..w.runs.len() {
            let (a, b) = w.runs[k];
            if w.consumed[a..=b].contains(&true) {
                continue;
            }
            let found = firm_before(st, a)
                .or_else(|| firm_after(st, b))
                .or_else(|| based_before(st, a, b))
                .or_else(|| based_after(st, a, b));
            let Some((country, demonym, noun)) = found else {
                self.suffixed_firm(st, w, a, b);
                continue;
            };
            let v = st.view();
            if w.consumed[demonym] {
                // "Munich-based Acme": the place an earlier pass named is the firm's seat, no actor of its own.
                let at = st.offset + v.start(demonym);
                let Some(i) = w.out.iter().position(|m| m.span.start() == at && m.kind == ActorKind::Place) else {
                    continue;
                };
                w.out.remove(i);
            }
            let text = match trade_noun(st, noun) {
                true => st.sentence.get(v.start(noun)..v.end(noun)).unwrap_or("company").to_lowercase(),
                false => "company".to_string(),
            };
            self.push_firm(st, w, text, country, (a, b));
            w.consumed[demonym] = true;
        }
    }

    /// "AirTanker Ltd.": a capitalised run closed by a legal suffix is a firm of the state the document is mostly
    /// about (news names a domestic firm's state once, if at all); with no such state, no actor.
    fn suffixed_firm(&self, st: &Sentence, w: &mut Work, a: usize, b: usize) {
        let is_suffix = |k: usize| {
            st.units.get(k).and_then(|u| tok_text(u, st.sentence, st.toks)).is_some_and(|t| {
                t.chars().next().is_some_and(char::is_uppercase)
                    && st.gaz.firm_suffixes.contains(&normalize(&t.replace('.', "")))
            })
        };
        // "Acme Ltd" is one run of name words; "AirTanker Ltd." (a word with a dot) ends the run before it.
        let suffix = if a < b && is_suffix(b) { b } else { b + 1 };
        if !is_suffix(suffix) || w.consumed[suffix] {
            return;
        }
        let Some(country) = self.dominant_country(st.text) else { return };
        self.push_firm(st, w, "company".to_string(), country, (a, suffix));
    }

    /// A firm of `country` named by units `a..=b`, its trade noun `text` ("company", "automaker"); the units are
    /// consumed.
    fn push_firm(&self, st: &Sentence, w: &mut Work, text: String, country: String, (a, b): (usize, usize)) {
        let v = st.view();
        let info = RoleInfo { text, country: Some(country), sector: Some("BUS".to_string()), org_code: None };
        w.out.extend(self.agent_mention(&info, st.text, v.start(a), v.end(b), st.offset).map(|mut m| {
            m.form = MentionForm::Name;
            m
        }));
        w.consumed[a..=b].fill(true);
    }

    /// Mentions of the last firm named for each "the company" / "the automakers" of the sentence no pass took.
    pub(crate) fn firm_anaphora(&self, st: &Sentence, w: &mut Work) {
        let (sentence, units, toks) = (st.sentence, &st.units[..], st.toks);
        // Most sentences follow no firm: nothing to read.
        let recent = self.last_firm.as_ref().is_some_and(|(n, _)| self.sentence_no - n <= FIRM_BACK);
        if !recent && !w.out.iter().any(is_firm) {
            return;
        }
        for k in 0..units.len() {
            if w.consumed[k] || !is_tok(&units[k], sentence, toks, "the") {
                continue;
            }
            // The trade noun, after at most ANAPHOR_BETWEEN lowercase words; a name after it is the firm's own
            // ("the carmaker Zento", the firms pass's).
            let Some(noun) = (k + 1..=k + 1 + ANAPHOR_BETWEEN)
                .take_while(|&j| j < units.len() && !w.consumed[j])
                .find(|&j| plural_trade_noun(st, j))
            else {
                continue;
            };
            if (k + 1..noun).any(|j| !lowercase_word(st, j))
                || units
                    .get(noun + 1)
                    .and_then(|u| tok_text(u, sentence, toks))
                    .is_some_and(|t| t.chars().next().is_some_and(char::is_uppercase) || t == "of")
                || matches!(units.get(noun + 1), Some(Unit::Hit(_)))
            {
                continue;
            }
            let start = st.view().start(k) + st.offset;
            let antecedent =
                w.out.iter().filter(|m| m.span.start() < start && is_firm(m)).max_by_key(|m| m.span.start()).or_else(
                    || self.last_firm.as_ref().filter(|(n, _)| self.sentence_no - n <= FIRM_BACK).map(|(_, m)| m),
                );
            let Some(firm) = antecedent.cloned() else { continue };
            let v = st.view();
            let parts = MentionParts {
                actor: firm.actor,
                name: firm.name,
                kind: firm.kind,
                code: firm.code,
                country: firm.country,
                sector: firm.sector,
                role: firm.role,
                form: MentionForm::RoleAnaphor,
            };
            w.out.extend(make_mention(st.text, v.start(k), v.end(noun), st.offset, parts));
            w.consumed[k..=noun].fill(true);
            for ph in w.phrases.iter_mut().filter(|ph| ph.first <= noun && k <= ph.last) {
                ph.used = true;
            }
        }
    }

    /// Remembers the sentence's last firm for the firm anaphora of the next sentences.
    pub(crate) fn remember_firm(&mut self, out: &[ActorMention]) {
        if let Some(m) = out.iter().filter(|m| is_firm(m)).max_by_key(|m| m.span.start()) {
            self.last_firm = Some((self.sentence_no, m.clone()));
        }
    }
}

/// Whether a mention is a firm of a known state (a listed or named company, or a state's business sector).
fn is_firm(m: &ActorMention) -> bool {
    m.sector.as_deref() == Some("BUS") && m.country.is_some() && m.kind != ActorKind::Person
}

/// Whether unit `k` is a trade noun, singular or plural ("automaker", "automakers", "companies").
fn plural_trade_noun(st: &Sentence, k: usize) -> bool {
    // A role word ("companies", `roles.tsv`) is a dictionary hit: read its text through the view.
    let v = st.view();
    let Some(t) = (k < st.units.len()).then(|| st.sentence.get(v.start(k)..v.end(k))).flatten() else { return false };
    if !t.chars().next().is_some_and(char::is_lowercase) {
        return false;
    }
    // The list is lowercase words: a lowercase word needs no normalising (no allocation but for "-ies" plurals).
    let words = &st.gaz.firm_words;
    words.contains(t)
        || t.strip_suffix('s').is_some_and(|s| words.contains(s))
        || t.strip_suffix("ies").is_some_and(|s| words.contains(&format!("{s}y")))
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

/// The state of the place or country named by unit `k` ("Munich", "Germany"), if it is one.
fn place_state(st: &Sentence, k: usize) -> Option<String> {
    let Unit::Hit(h) = *st.units.get(k)? else { return None };
    let Target::Entry(ei) = st.hits[h].sense.target else { return None };
    let e = &st.gaz.entries[ei as usize];
    matches!(e.kind, ActorKind::Country | ActorKind::Place).then(|| e.country.clone()).flatten()
}

/// The place unit of "Munich-based" / "Los Angeles based" ending at unit `k`: `k` itself when the text glues
/// "-based" to the place's name, else the unit before "based" (and a hyphen) at `k`.
fn place_before_based(st: &Sentence, k: usize) -> Option<usize> {
    let (sentence, units, toks) = (st.sentence, &st.units[..], st.toks);
    if matches!(units.get(k)?, Unit::Hit(_)) {
        let v = st.view();
        let glued = sentence.get(v.end(k)..).is_some_and(|rest| rest.starts_with("-based"));
        return glued.then_some(k);
    }
    if !is_tok(&units[k], sentence, toks, "based") {
        return None;
    }
    let p = k.checked_sub(1)?;
    if units.get(p).is_some_and(|u| is_tok(u, sentence, toks, "-")) { p.checked_sub(1) } else { Some(p) }
}

/// "Munich-based <run>": a company headquartered in a place is of the place's state: (state, place unit, unit
/// before the run). Not when the run names an organisation ("Washington-based Committee for ..."), which is no firm.
fn based_before(st: &Sentence, a: usize, b: usize) -> Option<(String, usize, usize)> {
    let based = a.checked_sub(1)?;
    let place = place_before_based(st, based)?;
    if names_a_body(st, a, b) {
        return None;
    }
    place_state(st, place).map(|c| (c, place, based))
}

/// Whether a word of the run `a..=b` makes it a body other than a company ("Council", `body_words.txt`).
fn names_a_body(st: &Sentence, a: usize, b: usize) -> bool {
    (a..=b).any(|k| {
        st.units
            .get(k)
            .and_then(|u| tok_text(u, st.sentence, st.toks))
            .is_some_and(|t| st.gaz.body_words.contains(&normalize(t)))
    })
}

/// "<run>, a Munich-based company" / "<run>, based in Munich,": (state, place unit, trade noun or "based" unit).
fn based_after(st: &Sentence, a: usize, b: usize) -> Option<(String, usize, usize)> {
    let (sentence, units, toks) = (st.sentence, &st.units[..], st.toks);
    if !units.get(b + 1).is_some_and(|u| is_tok(u, sentence, toks, ",")) || names_a_body(st, a, b) {
        return None;
    }
    if units.get(b + 2).is_some_and(|u| is_tok(u, sentence, toks, "based"))
        && units.get(b + 3).is_some_and(|u| is_tok(u, sentence, toks, "in"))
    {
        return place_state(st, b + 4).map(|c| (c, b + 4, b + 2));
    }
    if !units.get(b + 2).is_some_and(|u| is_det(u, sentence, toks)) {
        return None;
    }
    let based = (b + 3..=b + 5).find(|&k| place_before_based(st, k) == Some(b + 3))?;
    let place = b + 3;
    let country = place_state(st, place)?;
    trade_noun_from(st, based + 1).map(|noun| (country, place, noun))
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
    trade_noun_from(st, k + 1).map(|noun| (country, k, noun))
}

/// The trade noun at unit `from` or after at most [`MAX_BETWEEN`] lowercase words ("planemaker", "technology
/// investment firm").
fn trade_noun_from(st: &Sentence, from: usize) -> Option<usize> {
    (from..=from + MAX_BETWEEN).take_while(|&j| trade_noun(st, j) || lowercase_word(st, j)).find(|&j| trade_noun(st, j))
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

    #[test]
    fn a_name_with_a_legal_suffix_is_a_firm_of_the_documents_state() {
        let doc =
            "Britain said so. The UK agreed. London will pay. AirTanker Ltd. signed a deal. Acme Tankers Ltd won.";
        let got = mentions(doc, None);
        assert!(got.contains(&"AirTanker Ltd=GBRBUS/Name".to_string()), "{got:?}");
        assert!(got.contains(&"Acme Tankers Ltd=GBRBUS/Name".to_string()), "{got:?}");
        // A demonym and trade noun give the firm's own state; with no state at all the firm stays no actor.
        let got = mentions("Britain said so. The UK agreed. London will pay. German carmaker Zento GmbH won.", None);
        assert!(got.contains(&"Zento GmbH=DEUBUS/Name".to_string()), "{got:?}");
        assert!(mentions("Acme Holdings Inc. sued the city.", None).is_empty());
    }

    #[test]
    fn a_firm_headquartered_in_a_place_is_of_the_places_state() {
        let table: [(&str, &[&str]); 5] = [
            ("Munich-based Zento Robotics sued Mexico.", &["Zento Robotics=DEUBUS/Name", "Mexico=MEX/Name"]),
            ("Los Angeles based Zento Robotics won.", &["Zento Robotics=USABUS/Name"]),
            ("Zento Robotics, a Munich-based company, won.", &["Zento Robotics=DEUBUS/Name"]),
            ("Zento Robotics, based in Munich, won.", &["Zento Robotics=DEUBUS/Name"]),
            // A body other than a company is no firm ("Center", data/body_words.txt).
            ("Munich-based Center for Open Skies said so.", &["Munich=DEU/Name"]),
        ];
        for (text, want) in table {
            assert_eq!(mentions(text, None), want, "{text}");
        }
    }

    #[test]
    fn the_company_is_the_last_firm_named_in_the_last_sentences() {
        let table: [(&str, &str); 6] = [
            ("Toyota opened a plant. The company sued the city.", "The company=JPNBUS/RoleAnaphor"),
            (
                "General Motors said so. Later the embattled automaker asked for aid.",
                "the embattled automaker=USABUS/RoleAnaphor",
            ),
            ("Toyota opened a plant. The carmakers protested.", "The carmakers=JPNBUS/RoleAnaphor"),
            // In the same sentence, the firm named before it.
            ("Boeing said the company would appeal.", "the company=USABUS/RoleAnaphor"),
            // A named unlisted firm of a state is a firm too.
            ("Japanese carmaker Zento Motors won. The company said so.", "The company=JPNBUS/RoleAnaphor"),
            ("American auto companies asked for aid. The automakers said so.", "The automakers=USABUS/RoleAnaphor"),
        ];
        for (text, want) in table {
            let got = mentions(text, None);
            assert!(got.contains(&want.to_string()), "{text}: {got:?}");
        }
        // Too far back, no firm at all, a name after the noun or an "of": no anaphor.
        let far = "Toyota opened a plant. Rain fell. The company sued the city.";
        assert_eq!(mentions(far, None), ["Toyota=JPNBUS/Name"]);
        assert!(mentions("The company sued the city.", None).is_empty());
        let got = mentions("Toyota opened a plant. The company of soldiers left.", None);
        assert_eq!(got, ["Toyota=JPNBUS/Name"]);
    }
}
