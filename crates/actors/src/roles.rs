//! The role pass: role words ("foreign minister", "diplomats", "counterpart") become role phrases with the country
//! or body that modifies them on the left ("Cuban ambassador", "Iranian Army commander") and their complement on the
//! right ("ambassador to the DPRK" names the host, "rebels in the Ivory Coast" their country).

use crate::data::{RoleClass, RoleDef, Target};
use crate::model::{ActorKind, MentionForm};
use crate::normalize::normalize;
use crate::units::{Hit, Toks, Unit, View, is_det, is_possessive, is_tok, tok_text, unit_end, unit_start};
use dyad_core::Sector;

/// The role a phrase gives a person or agent.
#[derive(Debug, Clone, Default)]
pub(crate) struct RoleInfo {
    pub(crate) text: String,
    pub(crate) country: Option<String>,
    pub(crate) sector: Option<String>,
    pub(crate) org_code: Option<String>,
}

/// A role word with what it took from its left and right.
#[derive(Debug, Clone)]
pub(crate) struct Phrase {
    /// Index of the first unit (the modifier, if adjacent) and of the role unit.
    pub(crate) first: usize,
    pub(crate) role_unit: usize,
    /// Last unit of the phrase (the role, or the end of "to the DPRK").
    pub(crate) last: usize,
    pub(crate) class: RoleClass,
    pub(crate) info: RoleInfo,
    /// The adjacent modifier unit folded into the phrase.
    pub(crate) modifier: Option<usize>,
    pub(crate) used: bool,
}

/// The sector a modifier gives the role it precedes ("former": ELI), if the unit is such a modifier.
pub(crate) fn modifier_sector<'g>(u: &Unit, v: &View<'g>) -> Option<&'g str> {
    let role = v.role_of(u)?;
    (role.class == RoleClass::Modifier).then_some(role.sector.as_deref()).flatten()
}

/// Whether a unit is a role word of the modifier class ("former", "late").
pub(crate) fn is_modifier(u: &Unit, hits: &[Hit], gaz: &crate::data::Gazetteer) -> bool {
    matches!(*u, Unit::Hit(h) if matches!(hits[h].sense.target,
        Target::Role(r) if gaz.roles[r as usize].class == RoleClass::Modifier))
}

/// A capitalised word no dictionary took, or "and", as in a title's portfolio ("Planning and Investment").
pub(crate) fn is_portfolio_word(u: &Unit, sentence: &str, toks: Toks, gaz: &crate::data::Gazetteer) -> bool {
    tok_text(u, sentence, toks).is_some_and(|w| {
        w == "and"
            || (w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(char::is_alphabetic)
                && !gaz.stopwords.contains(&normalize(w)))
    })
}

/// Builds role phrases: a role word with its country modifier on the left and its complement on the right.
/// Coordinated modifiers ("Hungarian and Romanian officials") join the phrases once complements are attached: they
/// have none of their own.
pub(crate) fn role_phrases(v: &View) -> Vec<Phrase> {
    let mut phrases: Vec<Phrase> = Vec::new();
    let mut coordinated: Vec<Phrase> = Vec::new();
    for (i, u) in v.units.iter().enumerate() {
        let Some((role, class)) = phrase_class(v, i, u) else { continue };
        let phrase = left_of_role(v, i, role, class, &mut phrases);
        coordinated.extend(coordinated_phrases(v, &phrase));
        phrases.push(phrase);
    }
    attach_complements(v, &mut phrases);
    phrases.extend(coordinated);
    phrases
}

/// The role word at unit `i` and the class of phrase it opens, if it opens one: a plural person role is a group,
/// and a role word right before a named actor is an adjective ("the official Korean Central News Agency").
fn phrase_class<'g>(v: &View<'g>, i: usize, u: &Unit) -> Option<(&'g RoleDef, RoleClass)> {
    let role = v.role_of(u)?;
    if !matches!(role.class, RoleClass::Person | RoleClass::Group | RoleClass::Counterpart) {
        return None;
    }
    let plural = matches!(u, Unit::Hit(h) if v.hits[*h].sense.plural);
    let class = if plural && role.class == RoleClass::Person { RoleClass::Group } else { role.class };
    let next = v.units.get(i + 1).and_then(|n| v.entry_of(n));
    if class == RoleClass::Person && next.is_some() {
        return None;
    }
    // "his Cuban counterpart <listed leader>": the title joins the leader's own mention.
    if class == RoleClass::Counterpart && next.is_some_and(|e| e.kind == ActorKind::Person) {
        return None;
    }
    Some((role, class))
}

/// The phrase of the role word at unit `i` with what its left gives it: modifiers ("former"), a word between a
/// country and a body, a possessive, portfolio words, and the country, party, medium or body that owns the role.
fn left_of_role(v: &View, i: usize, role: &RoleDef, class: RoleClass, phrases: &mut [Phrase]) -> Phrase {
    let (units, sentence, toks) = (v.units, v.sentence, v.toks);
    let mut info = RoleInfo { text: role.phrase.clone(), sector: role.sector.clone(), ..RoleInfo::default() };
    let mut first = i;
    let mut modifier = None;
    let mut j = i;
    while j > 0 && v.role_of(&units[j - 1]).is_some_and(|r| r.class == RoleClass::Modifier) {
        j -= 1;
    }
    // A person title takes its modifier's sector in the plural too ("former ministers", "civilian advisers").
    if role.class == RoleClass::Person
        && let Some(sec) = (j..i).find_map(|m| modifier_sector(&units[m], v))
    {
        info.sector = Some(sec.to_string());
    }
    let mut k = j;
    if class == RoleClass::Group && k > 1 && v.entry_of(&units[k - 1]).is_none() && body_word(v, k - 1) {
        k -= 1;
    }
    if k > 0 && is_possessive(&units[k - 1], toks) {
        k -= 1;
    }
    if class == RoleClass::Person && k > 1 && v.entry_of(&units[k - 1]).is_none() {
        k = portfolio(v, k, &mut info);
    }
    if k > 0
        && let Some(e) = v.entry_of(&units[k - 1])
    {
        if e.kind != ActorKind::Group || e.country.is_some() {
            info.country = e.country.clone();
            if matches!(e.kind, ActorKind::Party | ActorKind::Media) {
                info.sector = e.sector.clone();
                let surface = sentence.get(v.start(k - 1)..v.end(k - 1));
                info.text = format!("{} {}", surface.unwrap_or(&e.name), info.text);
            } else if class == RoleClass::Person && e.kind == ActorKind::Org && e.sector.as_deref() == Some("BUS") {
                // "Boeing spokesman X", "Acme's chief financial officer": a firm's people are in business, whatever
                // the title would mean in a state.
                info.sector = e.sector.clone();
            }
            if e.country.is_none() {
                info.org_code = Some(e.code.clone());
            }
            first = k - 1;
            modifier = Some(k - 1);
        }
    } else if k > 0
        && let Some(group) = phrases.iter_mut().rev().find(|p| {
            p.role_unit == k - 1
                && p.class == RoleClass::Group
                && (p.info.country.is_some() || p.info.org_code.is_some())
        })
    {
        // "Iranian Army commander": the body's country and sector pass to the role.
        info.country = group.info.country.clone();
        info.org_code = group.info.org_code.clone();
        if group.info.sector.is_some() {
            info.sector = group.info.sector.clone();
        }
        first = group.first;
        modifier = group.modifier;
        group.used = true;
    } else if j > 0 && is_tok(&units[j - 1], sentence, toks, "whose") {
        let mut a = j - 1;
        if a > 0 && is_tok(&units[a - 1], sentence, toks, ",") {
            a -= 1;
        }
        if a > 0
            && let Some(e) = v.entry_of(&units[a - 1])
        {
            info.country = e.country.clone();
        }
    }
    Phrase { first, role_unit: i, last: i, class, info, modifier, used: false }
}

/// Whether the word at unit `w`, right before a body word, belongs to the body ("French paper workers",
/// "Nicaragua's Sandinista government"): a capitalised one after any country name, a lowercase one only after a
/// demonym (never a verb: "Israel killed civilians").
fn body_word(v: &View, w: usize) -> bool {
    let (units, hits) = (v.units, v.hits);
    let country_at = |u: usize| v.entry_of(&units[u]).is_some_and(|e| e.kind == ActorKind::Country);
    let demonym_at =
        |u: usize| country_at(u) && matches!(units[u], Unit::Hit(h) if hits[h].sense.form == MentionForm::Adjective);
    let gap = tok_text(&units[w], v.sentence, v.toks)
        .filter(|w| w.chars().all(char::is_alphabetic) && !v.gaz.stopwords.contains(&normalize(w)) && w.len() > 2);
    let capital = gap.is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
    let after_country = country_at(w - 1) || (w > 1 && is_possessive(&units[w - 1], v.toks) && country_at(w - 2));
    gap.is_some() && ((capital && after_country) || (!capital && demonym_at(w - 1)))
}

/// "Serbian Labour Minister", "Pakistani Federal Secretary Interior": capitalised portfolio words between the
/// country and a title belong to the title. Returns the unit the phrase's left part now starts at.
fn portfolio(v: &View, k: usize, info: &mut RoleInfo) -> usize {
    let (units, sentence, toks) = (v.units, v.sentence, v.toks);
    let mut a = k;
    while a > 0 && k - a < 3 && is_portfolio_word(&units[a - 1], sentence, toks, v.gaz) {
        a -= 1;
    }
    if a < k
        && a > 0
        && v.entry_of(&units[a - 1]).is_some_and(|e| e.kind == ActorKind::Country)
        && tok_text(&units[a], sentence, toks).is_some_and(|w| !w.eq_ignore_ascii_case("and"))
    {
        let words: Vec<String> =
            (a..k).filter_map(|u| tok_text(&units[u], sentence, toks)).map(str::to_lowercase).collect();
        info.text = format!("{} {}", words.join(" "), info.text);
        return a;
    }
    k
}

/// "Hungarian and Romanian officials": every country coordinated with a group phrase's modifier holds the same
/// role. Only a demonym or an abbreviation ("U.S. and Russian negotiators") is a modifier; "Bulgaria, Macedonian
/// officials" is a list, not a coordination.
fn coordinated_phrases(v: &View, phrase: &Phrase) -> Vec<Phrase> {
    let mut out = Vec::new();
    let (Some(mut m), RoleClass::Group, true) = (phrase.modifier, phrase.class, phrase.info.country.is_some()) else {
        return out;
    };
    let (units, hits, sentence) = (v.units, v.hits, v.sentence);
    let modifier_like = |u: &Unit| match u {
        Unit::Hit(h) => {
            let surface = sentence.get(hits[*h].start..hits[*h].end).unwrap_or("");
            hits[*h].sense.form == MentionForm::Adjective || !surface.chars().any(char::is_lowercase)
        }
        Unit::Tok(_) => false,
    };
    while m >= 2
        && is_tok(&units[m - 1], sentence, v.toks, "and")
        && modifier_like(&units[m - 2])
        && let Some(e) = v.entry_of(&units[m - 2]).filter(|e| e.kind == ActorKind::Country)
    {
        let info = RoleInfo { country: e.country.clone(), ..phrase.info.clone() };
        out.push(Phrase {
            first: m - 2,
            role_unit: phrase.role_unit,
            last: m - 2,
            class: phrase.class,
            info,
            modifier: Some(m - 2),
            used: false,
        });
        m -= 2;
    }
    out
}

/// Complements, right to left so that "of Algerian Ministry of Foreign Affairs" is built before its head: "of"
/// gives a country or body to a phrase without one, "in"/"throughout" a country to a body of none ("rebels in the
/// Ivory Coast"), "from" a country to a role or body of none ("a missionary from Calgary"),
/// and "to"/"in"/"at" a host that is never the role's own country ("ambassador to the DPRK").
fn attach_complements(v: &View, phrases: &mut [Phrase]) {
    let (units, sentence, toks, hits) = (v.units, v.sentence, v.toks, v.hits);
    for pi in (0..phrases.len()).rev() {
        let i = phrases[pi].role_unit;
        let mut k = i + 1;
        let Some(prep) = units.get(k).and_then(|u| tok_text(u, sentence, toks)) else { continue };
        let mut prep = prep.to_ascii_lowercase();
        // "a group based in Trinidad": the body is of the country it is based in, as with "from".
        if prep == "based" && units.get(k + 1).is_some_and(|u| is_tok(u, sentence, toks, "in")) {
            k += 1;
            prep = "from".to_string();
        }
        if !matches!(prep.as_str(), "to" | "in" | "at" | "of" | "from" | "throughout") {
            continue;
        }
        k += 1;
        if units.get(k).is_some_and(|u| is_det(u, sentence, toks)) {
            k += 1;
        }
        let Some(target) = units.get(k) else { continue };
        if prep == "of" {
            if phrases[pi].info.country.is_some() {
                continue;
            }
            if let Some(inner) = phrases.iter().find(|p| p.first == k && p.info.country.is_some()).cloned() {
                phrases[pi].info.country = inner.info.country.clone();
                if phrases[pi].info.sector.is_none() {
                    phrases[pi].info.sector = inner.info.sector.clone();
                }
                phrases[pi].last = inner.last;
                if let Some(x) = phrases.iter_mut().find(|p| p.first == k) {
                    x.used = true;
                }
            } else if let Some(e) = v.entry_of(target) {
                phrases[pi].info.country = e.country.clone();
                if e.country.is_none() {
                    phrases[pi].info.org_code = Some(e.code.clone());
                }
                phrases[pi].last = k;
            }
        } else if let Some(e) = v.entry_of(target).filter(|e| {
            (prep == "in" && phrases[pi].class == RoleClass::Group || matches!(prep.as_str(), "from" | "throughout"))
                && matches!(e.kind, ActorKind::Country | ActorKind::Place)
                && phrases[pi].info.country.is_none()
                && phrases[pi].info.org_code.is_none()
                && !matches!(
                    phrases[pi].info.sector.as_deref().and_then(Sector::from_code),
                    Some(Sector::Gov | Sector::Mil)
                )
        }) {
            // "rebels in the Ivory Coast", "security forces in Guinea", "students throughout Indonesia": a body without
            // a country of its own is of the country it acts in; "a missionary from Calgary" of the one it comes
            // from. Officials, diplomats and troops "in" or "from" a country are as often foreign.
            phrases[pi].info.country = e.country.clone();
            phrases[pi].last = k;
        } else if let Some(e) = v
            .entry_of(target)
            .filter(|e| prep != "from" && prep != "throughout" && matches!(e.kind, ActorKind::Country | ActorKind::Org))
        {
            // "ambassador to the DPRK" / "in Pyongyang" names the host, never the role's own country.
            let from = unit_start(&units[i + 1], hits, toks);
            let host = sentence.get(from..unit_end(target, hits, toks)).unwrap_or(&e.name);
            if phrases[pi].class == RoleClass::Person {
                phrases[pi].info.text = format!("{} {host}", phrases[pi].info.text);
            }
            phrases[pi].last = k;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Gazetteer;
    use crate::hits::Matcher;
    use crate::normalize::Normalized;
    use crate::units::{Toks, build_units, tokens_of};
    use std::collections::HashMap;

    /// Each phrase of `sentence` as (text, country, sector).
    fn phrases(sentence: &str) -> Vec<(String, Option<String>, Option<String>)> {
        let gaz = Gazetteer::builtin();
        let counts = HashMap::new();
        let tokens = tokens_of(sentence);
        let toks = Toks::new(&tokens, 0);
        let hits =
            Matcher { gaz: &gaz, counts: &counts, date: None }.find_hits(&mut Normalized::default(), sentence, toks);
        let units = build_units(&hits, toks);
        let v = View { sentence, toks, hits: &hits, units: &units, gaz: &gaz };
        role_phrases(&v).into_iter().map(|p| (p.info.text, p.info.country, p.info.sector)).collect()
    }

    fn p(text: &str, country: Option<&str>, sector: &str) -> (String, Option<String>, Option<String>) {
        (text.to_string(), country.map(str::to_string), Some(sector.to_string()))
    }

    #[test]
    fn a_firms_people_are_in_business() {
        for sentence in ["Toyota spokesman", "Toyota's chief financial officer", "Boeing's senior official"] {
            let got = phrases(sentence);
            assert!(got.len() == 1 && got[0].2.as_deref() == Some("BUS"), "{sentence}: {got:?}");
        }
        // A state's official stays one.
        assert_eq!(phrases("the Japanese spokesman")[0].2.as_deref(), Some("GOV"));
    }

    #[test]
    fn phrases_take_their_country_and_complement() {
        assert_eq!(phrases("the Cuban ambassador to the DPRK"), [p("ambassador to the DPRK", Some("CUB"), "GOV")]);
        assert_eq!(phrases("rebels in the Ivory Coast"), [p("rebels", Some("CIV"), "REB")]);
        assert_eq!(phrases("Russian warplanes"), [p("warplanes", Some("RUS"), "MIL")]);
        // Coordinated demonyms hold the same role (the phrase of the modifier next to the role word first).
        assert_eq!(
            phrases("Hungarian and Romanian officials"),
            [p("officials", Some("ROU"), "GOV"), p("officials", Some("HUN"), "GOV")]
        );
    }
}
