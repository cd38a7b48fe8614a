//! Secondary acts: events of a sentence that tell how, with what result or for what its main act was done, or
//! that its source will do only once a demand is met, rather than acts of their own. CAMEO codes a report by its
//! main event (PLOVER records the dead of "opened fire, killing one" as an attribute of the firing), so these are
//! dropped when the main act is coded before them (between the same sides for an outcome, by the same source for a
//! purpose or a deferred act):
//!
//! - an outcome participle: ", killing one person and wounding two" after an armed act (roots 18-20) is what the
//!   act did (an abduction or an arrest in the clause is an act of its own); ", charging X with ..." after a
//!   verbal hostile act (roots 11-13) is what the protest says, not a legal charge;
//! - a purpose of coercion or force after a show or use of force (roots 15, 17-20): "opened fire to disperse the
//!   crowd" is one act, coded by the force used; "sent troops to Cameroon to fight Boko Haram" is a deployment,
//!   and the fighting is not yet done;
//! - an act deferred by a demand or a threat (roots 10, 13): "demanded a truce before allowing aid convoys" has
//!   not allowed them.
//!
//! Word order, not the tree: the clause openers (a comma before a gerund, "to", "before") are what decides, and
//! the parser often hangs a participle clause on the wrong word.

use crate::analysis::Analysis;
use crate::candidate::EventCandidate;
use crate::codebook::Codebook;
use crate::roles::Context;
use dyad_text::VerbForm;

/// How far back from a predicate the comma opening its participle clause may stand.
const CLAUSE_REACH: usize = 12;

/// Drops the secondary acts of the sentence's events (see the module doc). `from` is each event's predicate
/// anchor, kept aligned with `events`.
pub(crate) fn drop_secondary_acts(ctx: &Context, events: &mut Vec<EventCandidate>, from: &mut Vec<usize>) {
    if events.len() < 2 {
        return;
    }
    let book = Codebook::builtin();
    let a = ctx.a;
    let root = |e: &EventCandidate| book.root(e.code).unwrap_or("");
    // The same side: a country, else the actor itself.
    let side = |k: usize| ctx.actors.get(k).and_then(|s| s.country.as_deref()).unwrap_or(ctx.actor_key(k));
    let same_sides = |e: &EventCandidate, f: &EventCandidate| {
        side(e.source) == side(f.source) && e.target.is_none_or(|t| f.target.is_some_and(|u| side(t) == side(u)))
    };
    let armed = |r: &str| matches!(r, "18" | "19" | "20");
    let secondary: Vec<bool> = events
        .iter()
        .zip(from.iter())
        .map(|(e, &k)| {
            let (r, opener) = (root(e), participle_opener(a, k));
            // A main act: another event whose predicate stands before `before` and outside any participle clause.
            // With `target`, between the same sides; else by the same source only.
            let main_before = |before: usize, target: bool, fits: &dyn Fn(&str) -> bool| {
                events.iter().zip(from.iter()).any(|(f, &m)| {
                    m < before
                        && participle_opener(a, m).is_none()
                        && fits(root(f))
                        && if target { same_sides(e, f) } else { side(e.source) == side(f.source) }
                })
            };
            let outcome = opener.is_some_and(|c| {
                armed(r) && !e.code.starts_with("181") && main_before(c, true, &|fr| armed(fr))
                    || e.code == "173" && main_before(c, true, &|fr| matches!(fr, "11" | "12" | "13"))
            });
            // Coercion or force named as what a show of force or a use of force by the same source is for has not
            // happened (yet). Not after other acts: "ordered the paper to suspend publication" is the suspension.
            let purpose = matches!(r, "17" | "18" | "19" | "20")
                && purpose_of(a, k)
                    .is_some_and(|to| main_before(to, false, &|fr| fr == "15" || fr == "17" || armed(fr)));
            let deferred =
                deferred_by(a, k).is_some_and(|before| main_before(before, false, &|fr| matches!(fr, "10" | "13")));
            outcome || purpose || deferred
        })
        .collect();
    if !secondary.contains(&true) {
        return;
    }
    let mut flags = secondary.iter();
    events.retain(|_| !flags.next().copied().unwrap_or(false));
    let mut flags = secondary.iter();
    from.retain(|_| !flags.next().copied().unwrap_or(false));
}

fn gerund(a: &Analysis, i: usize) -> bool {
    a.lemmas.get(i).and_then(|l| l.verb).is_some_and(|v| v.is(VerbForm::Gerund))
}

/// The comma opening the participle clause predicate `k` stands in: ", killing one" (`k` right after the comma)
/// or ", killing one person and arresting 12" (`k` after "and" in a clause a gerund opens).
fn participle_opener(a: &Analysis, k: usize) -> Option<usize> {
    if !gerund(a, k) || k == 0 {
        return None;
    }
    if a.norm(k - 1) == "," {
        return Some(k - 1);
    }
    if a.norm(k - 1) != "and" {
        return None;
    }
    let c =
        (k.saturating_sub(CLAUSE_REACH)..k - 1).rev().take_while(|&j| !a.is_boundary(j)).find(|&j| a.norm(j) == ",")?;
    (c + 1 < k - 1 && gerund(a, c + 1)).then_some(c)
}

/// The "to" of a purpose infinitive predicate `k` ("opened fire to disperse"): `k` in its base form right after
/// "to", with no comma or boundary in the few words before.
fn purpose_of(a: &Analysis, k: usize) -> Option<usize> {
    let to = k.checked_sub(1).filter(|&t| a.norm(t) == "to")?;
    let base = a.lemmas.get(k).and_then(|l| l.verb).is_some_and(|v| v.base == a.norm(k));
    let open = (to.saturating_sub(4)..to).all(|j| !a.is_boundary(j) && a.norm(j) != ",");
    (base && open).then_some(to)
}

/// The "before" or "until" of a gerund predicate `k` right after it ("demanded a truce before allowing aid").
fn deferred_by(a: &Analysis, k: usize) -> Option<usize> {
    let before = k.checked_sub(1).filter(|&b| matches!(a.norm(b), "before" | "until"))?;
    gerund(a, k).then_some(before)
}

#[cfg(test)]
mod tests {
    use crate::table_tests::code;

    #[test]
    fn an_armed_act_s_outcome_participle_is_part_of_it() {
        assert_eq!(
            code("[Sudanese troops|SDN] shelled [Chadian|TCD|g] border posts, killing four guards and wounding six."),
            ["SDN>TCD 194"]
        );
        // Another act in the clause stays ("arresting 12"), as does an outcome between other sides.
        let coded =
            code("[Kenyan police|KEN] opened fire on [Somali|SOM|g] smugglers, killing two and arresting nine.");
        assert!(coded.iter().any(|e| e.starts_with("KEN>SOM 17")), "{coded:?}");
        assert!(!coded.iter().any(|e| e.starts_with("KEN>SOM 18")), "{coded:?}");
    }

    #[test]
    fn a_protest_s_charge_is_an_accusation_not_a_legal_act() {
        let coded = code("[Greece|GRC] condemned [Turkey|TUR], charging [Ankara|TUR] with violating its airspace.");
        assert!(!coded.iter().any(|e| e.contains(" 17")), "{coded:?}");
        assert!(coded.iter().any(|e| e.starts_with("GRC>TUR 1")), "{coded:?}");
    }

    #[test]
    fn a_purpose_of_force_and_an_act_deferred_by_a_demand_are_not_coded() {
        let coded = code("[Kenyan police|KEN] opened fire to disperse [Somali|SOM|g] protesters.");
        assert!(!coded.iter().any(|e| e.contains(" 175")), "{coded:?}");
        let coded = code("[Serbia|SRB] demanded an apology from [Croatia|HRV] before reopening the border crossings.");
        assert_eq!(coded, ["SRB>HRV 102"]);
        let coded = code("[Chad|TCD] sent troops to [Cameroon|CMR] to fight [Nigerian rebels|NGA|g].");
        assert!(
            coded.iter().any(|e| e.starts_with("TCD>CMR 15")) && !coded.iter().any(|e| e.contains(" 19")),
            "{coded:?}"
        );
        // A gerund after "before" with no demand before it is the subject's own later act.
        let coded = code("[Serbian troops|SRB] shelled [Bosnian|BIH|g] villages before withdrawing.");
        assert!(coded.iter().any(|e| e.starts_with("SRB>BIH 19")), "{coded:?}");
    }
}
