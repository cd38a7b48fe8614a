//! Role assignment for one predicate: which rule gives its sources and targets (a "between" pair, a reduced or
//! full passive, an attributive mover, an event noun, an active verb), then the tree pass, reported demands,
//! historical asides, shared partners, symmetric pairs and the place of a domestic act.

use super::context::Context;
use crate::codebook::Codebook;
use crate::lexicon::RELPRO;
use crate::matcher::{Match, MatchKind, OBLIGATION_PATTERN};
use crate::slots::SlotKind;
use dyad_core::Sector;

/// How far (tokens) after a passive verb its "by" agent may stand past phrases of place.
const BY_REACH: usize = 12;

/// How many tokens after the comma closing what was said the speaker's mention may start ("the US State
/// Department said").
const SPEAKER_REACH: usize = 5;

/// The parties of one predicate, as slot indices, before its code and flags are set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Roles {
    /// Who acts (never empty).
    pub(crate) sources: Vec<usize>,
    /// Whom it is aimed at (empty when the sentence names no one).
    pub(crate) targets: Vec<usize>,
    /// A symmetric act between the parties ("X and Y met", "talks between X and Y").
    pub(crate) symmetric: bool,
    /// An obligation in reported speech made the speaker's demand of the obliged party.
    pub(crate) demand: bool,
    /// No agent is named and the targets' own state acts on them (an agentless legal act at home: "two prison
    /// officers were charged"); `sources` then holds the targets, whose state the record names as the source.
    pub(crate) by_own_state: bool,
}

/// The subjects and partners of the previous predicate of the sentence, which a continuing or coordinated
/// predicate shares.
pub(crate) type Previous = (Vec<usize>, Vec<usize>);

/// Word-order roles before the shared checks: sources, targets, symmetric, and whether the predicate heads an
/// inner clause whose parties the next predicate must not take.
struct Found {
    sources: Vec<usize>,
    targets: Vec<usize>,
    symmetric: bool,
    inner_clause: bool,
}

impl Found {
    fn new(sources: Vec<usize>, targets: Vec<usize>) -> Found {
        Found { sources, targets, symmetric: false, inner_clause: false }
    }
}

impl Context<'_> {
    /// The roles of predicate `m` (`None`: the predicate is no event here), updating `previous`.
    pub(crate) fn assign(&self, m: &Match, matches: &[Match], previous: &mut Previous) -> Option<Roles> {
        let between = self.between_at(m);
        // An active participle whose object stands before it was matched as a reduced relative ("the sanctions
        // imposed by ..."); when the construction finds no agent there, the clause's subject is not its source.
        if m.kind == MatchKind::Verb
            && !m.passive
            && m.object.is_some_and(|o| o < m.anchor)
            && between.is_none()
            && self.reduced_passive(m).is_none()
        {
            return None;
        }
        let Found { mut sources, mut targets, symmetric, inner_clause } =
            self.found_roles(m, between, matches, previous)?;
        let mut symmetric = symmetric || m.symmetric;
        if between.is_none()
            && matches!(m.kind, MatchKind::Verb | MatchKind::Nominal)
            && let Some(tree) = self.tree()
        {
            self.tree_roles(tree, m, &mut sources, &mut targets);
        }
        // "received loans from X": the party after the preposition gave them to the subject.
        if m.reversed && !m.passive && !targets.is_empty() {
            std::mem::swap(&mut sources, &mut targets);
        }
        sources.retain(|&k| self.present(k));
        let by_own_state = sources.is_empty() && self.by_own_state(m, &targets);
        if by_own_state {
            // The record names the targets' state as the source (`EventCandidate::home_source`); as for any
            // predicate with no subject, a verb coordinated with it gets none.
            sources = targets.clone();
            previous.0.clear();
        }
        if sources.is_empty() && m.kind == MatchKind::Verb {
            // A predicate with no subject leaves none for a verb coordinated with it.
            previous.0.clear();
        }
        let demand = self.reported_demand(m, &mut sources, &mut targets);
        if sources.is_empty() || m.pattern == OBLIGATION_PATTERN && !demand {
            return None;
        }
        if self.historical_aside(m, matches) {
            return None;
        }
        // "sent messages to X expressing willingness to ...": a predicate with no object of its own continues the
        // previous one of the same subject and shares its partners.
        if targets.is_empty() && !symmetric && sources == previous.0 {
            targets = previous.1.clone();
        }
        if !inner_clause && !by_own_state {
            *previous = (sources.clone(), targets.clone());
        }
        // "X and Y met", "X and Y agreed to share ...": a symmetric or mutually agreed predicate with a
        // coordinated subject and no object.
        symmetric |= m.agreed && targets.is_empty() && sources.len() >= 2;
        if symmetric && targets.is_empty() && sources.len() >= 2 {
            targets = sources.split_off(1);
        }
        // "demonstrated in X", "imposed a curfew in southeastern X": a protest, a coercive measure or its easing
        // that names no target is against (or for) the authorities of the country it happens in.
        let domestic = matches!(Codebook::builtin().root(m.code), Some("07" | "14" | "17" | "18" | "19" | "20"))
            || m.code.starts_with("081")
            || m.code.starts_with("162");
        if targets.is_empty() && domestic {
            targets.extend(self.protest_place(m, &sources));
        }
        Some(Roles { sources, targets, symmetric, demand, by_own_state })
    }

    /// Whether predicate `m`, with no agent, is by the own state of its targets: a legal act (arrest, charge,
    /// conviction, release) in a passive or an event noun ("were charged with", "felony charges against X"),
    /// with no place named in its clause, on a state's officials, armed forces, police, legislators, opposition
    /// or firms (an actor with a sector, not a bare nationality), in a sentence that names no other state.
    fn by_own_state(&self, m: &Match, targets: &[usize]) -> bool {
        let legal = ["173", "0841", "116"].iter().any(|c| m.code.starts_with(c));
        let agentless = m.passive || m.kind == MatchKind::Nominal;
        if !legal || !agentless || targets.is_empty() || !targets.iter().all(|&t| self.at_home(t)) {
            return false;
        }
        let country = self.actors[targets[0]].country.as_deref();
        let other_state = (0..self.actors.len()).any(|k| {
            self.present(k) && self.actors[k].country.is_some() && self.actors[k].country.as_deref() != country
        });
        !other_state && self.place_of_event(m).is_none()
    }

    /// Whether slot `k` is a party of a state's own institutions or society named with its sector ("federal prison
    /// officers", "Boeing's chief financial officer", an opposition leader): one its own state's courts and
    /// police act on.
    fn at_home(&self, k: usize) -> bool {
        let slot = &self.actors[k];
        let sector = slot.actor_code().and_then(|c| c.sector());
        // Civilians and refugees named by a nationality ("three Americans") are as often abroad as at home.
        let named_by_nationality = matches!(sector, Some(Sector::Cvl | Sector::Ref));
        slot.country.is_some() && sector.is_some() && !named_by_nationality && !matches!(slot.kind, SlotKind::Place)
    }

    /// The parties predicate `m` names by its construction, before the tree and the clause's context refine them:
    /// a "between" phrase, a reduced relative, a coordinated or plain passive, an attributive mover, a nominal's
    /// own arguments, or the active clause's subject and object.
    fn found_roles(&self, m: &Match, between: Option<usize>, matches: &[Match], previous: &Previous) -> Option<Found> {
        Some(if let Some(b) = between {
            self.between_roles(m, b, previous)
        } else if let Some((by, patient)) = self.reduced_passive(m) {
            self.reduced_passive_roles(m, by, patient)
        } else if let Some((sources, targets)) = self.coordinated_passive(m) {
            Found::new(sources, targets)
        } else if m.passive {
            self.passive_roles(m)
        } else if let Some(visitor) = self.attributive_mover(m) {
            // "his visiting Cuban counterpart X ... in Pyongyang": the participle says X came to where the
            // sentence takes place, or failing a place, to the other party named in the clause.
            Found::new(vec![visitor], self.host_of(m, visitor).into_iter().collect())
        } else if m.kind == MatchKind::Nominal {
            match self.nominal_roles(m, previous) {
                Some(found) => found,
                None => {
                    let (sources, targets) = self.tree_nominal(m)?;
                    Found::new(sources, targets)
                }
            }
        } else {
            self.active_roles(m, matches, previous)?
        })
    }

    /// The roles of a reduced relative ("the sanctions imposed by X on Y") whose agent follows the "by" at `by`;
    /// `patient` is the party the participle modifies, if it is one.
    fn reduced_passive_roles(&self, m: &Match, by: usize, patient: Option<usize>) -> Found {
        // A relative clause on a noun that is no party leaves the main clause's subject unknown: the verb after
        // it ("militias backed by X attacked Y") must not take the relative clause's agents.
        let exclude: Vec<usize> = patient.into_iter().collect();
        let sources = self.targets_after(by + 1, m, &exclude);
        // "the sanctions imposed by X on Y": when the noun before is the pattern's object, the party after the
        // pattern's preposition.
        let targets = match m.prep {
            Some(k) if patient.is_none() && m.object.is_some_and(|o| o < m.anchor) => {
                self.targets_after(k + 1, m, &sources)
            }
            _ => exclude,
        };
        Found { inner_clause: patient.is_none(), ..Found::new(sources, targets) }
    }

    /// The "between" of "a meeting between X and Y" (the pattern's own preposition), or one shortly after a
    /// symmetric predicate ("held talks on Monday between X and Y").
    fn between_at(&self, m: &Match) -> Option<usize> {
        let clause_end = self.clause_end(m.anchor);
        m.prep.filter(|&k| self.a.norm(k) == "between").or_else(|| {
            let near = (m.end..clause_end.min(m.end + 4)).find(|&k| self.a.norm(k) == "between");
            near.filter(|_| m.symmetric)
        })
    }

    /// "a meeting between X and Y", "relations were established between X and Y"; a mediator is the source of
    /// "mediated between X and Y".
    fn between_roles(&self, m: &Match, b: usize, previous: &Previous) -> Found {
        // "launched a mediation effort between X and Y": mediation is a third party's act, never one of the
        // pair's, so its subject (when there is one) is the source.
        let mediation = Codebook::builtin().root(m.code) == Some("04") && m.code.starts_with("045");
        let pairwise = (m.symmetric || m.kind == MatchKind::Nominal) && !mediation;
        let list = self.targets_after(b + 1, m, &[]);
        let subjects = if pairwise && list.len() >= 2 { Vec::new() } else { self.subjects(m, &previous.0) };
        if subjects.is_empty() && list.len() >= 2 {
            Found { symmetric: true, ..Found::new(vec![list[0]], list[1..].to_vec()) }
        } else {
            Found::new(subjects, list)
        }
    }

    /// A passive: the agent of "by" is the source, the subject the target; with no agent, the state where an
    /// arrest, investigation or attack happens, or the side whose forces are mobilised.
    fn passive_roles(&self, m: &Match) -> Found {
        let end = self.clause_end(m.anchor);
        // "was hauled out of the Ecuadorean Embassy in London by the UK police": past prepositional phrases of place
        // (no verb, no comma between) the agent may stand further off.
        let by = (m.anchor + 1..end.min(m.anchor + 6)).find(|&j| self.a.norm(j) == "by").or_else(|| {
            (m.anchor + 1..end.min(m.anchor + BY_REACH))
                .take_while(|&j| self.a.norm(j) != "," && self.a.lemmas[j].verb.is_none())
                .find(|&j| self.a.norm(j) == "by")
        });
        let mut sources = by.map(|b| self.targets_after(b + 1, m, &[])).unwrap_or_default();
        let mut targets = self.subjects(m, &[]);
        // "sanctions were imposed on X by Y": with no party as subject, the one after the pattern's preposition.
        if targets.is_empty() {
            targets = m.prep.map(|k| self.targets_after(k + 1, m, &sources)).unwrap_or_default();
        }
        if targets.is_empty() {
            targets.extend(self.origin_in_subject(m));
        }
        // "X was arrested in Y", "X was put under investigation in Y": with no agent, an arrest or an
        // investigation is the act of the state where it happens.
        // The same holds for an attack with no agent ("three soldiers were killed in a bombing in X"): the
        // GSR's convention for attacks by no named party, as for attack nouns below; the victims stay the target.
        // So is a release or a conviction ("a British aid worker was freed in Iran", "was sentenced in X"): the
        // legal acts of the state whose courts and police hold the person.
        let agentless = matches!(Codebook::builtin().root(m.code), Some("09" | "17" | "18" | "19" | "20"))
            || m.code.starts_with("0841")
            || m.code.starts_with("116");
        // "three civilians were killed in a Turkish air strike": the party named on the attack noun the pattern
        // reads as its object is the agent, before the place.
        let named_on_means = m
            .object
            .filter(|&o| o > m.anchor)
            .and_then(|o| self.actor_tokens.iter().position(|&(s, e)| e == o && s > m.anchor));
        // "three soldiers were killed in clashes with X": the other side of the fighting the pattern reads as its
        // object, named after the pattern's preposition, is the agent.
        let fought_with = match (m.object, m.prep) {
            (Some(o), Some(k)) if m.anchor < o && o < k => self.targets_after(k + 1, m, &targets).first().copied(),
            _ => None,
        };
        if by.is_none() && !targets.is_empty() && agentless {
            let agent = named_on_means.or(fought_with).or_else(|| self.place_of_event(m));
            sources.extend(agent.filter(|k| !targets.contains(k)));
        }
        // "Indian troops were put on high alert", "reservists were mobilised": raising the alert of or
        // mobilising forces (151-155) is done by the forces' own state, so with no agent the patient's side
        // is the source (CAMEO codes the state whose forces act), and there is no target.
        if by.is_none() && sources.is_empty() && m.code.starts_with("15") && m.code != "150" {
            sources = std::mem::take(&mut targets);
        }
        Found::new(sources, targets)
    }

    /// An event noun: its possessor or the clause's subject acts on the party after its preposition. `None` for a
    /// bare noun, one framed as circumstance, and one that is the object of a stance verb or a purpose.
    fn nominal_roles(&self, m: &Match, previous: &Previous) -> Option<Found> {
        // "Assange faces 18 criminal charges in the US": a legal act the subject faces is done to the subject, by
        // the state where it happens (or, at home, by the subject's own state: `by_own_state`).
        let legal = Codebook::builtin().root(m.code) == Some("17") || m.code.starts_with("116");
        if legal && self.faced_by_subject(m.anchor) {
            // With no party as subject the sentence names no one charged: no event.
            let targets = self.subjects(m, &previous.0);
            let sources = self.place_of_event(m).filter(|k| !targets.contains(k)).into_iter().collect();
            let sources = if targets.is_empty() { Vec::new() } else { sources };
            return Some(Found { inner_clause: true, ..Found::new(sources, targets) });
        }
        // A bare nominal ("for the attack", "aid workers") names no parties of its own: not an event here.
        let possessor = self.possessor(m.anchor);
        if possessor.is_none() && m.prep.is_none() && !m.subject_action {
            // "U.S. and Russian negotiators return to Geneva for talks": a symmetric noun after "for" is a
            // meeting of the clause's coordinated subjects, whatever they travel to.
            let subjects = self.subjects(m, &previous.0);
            let for_talks = m.symmetric && m.anchor > 0 && self.a.norm(m.anchor - 1) == "for";
            return (for_talks && subjects.len() >= 2).then(|| Found::new(subjects, Vec::new()));
        }
        // "amid an impasse in negotiations with X": a nominal framed as circumstance is not the subject's act.
        if possessor.is_none() && self.in_background_phrase(m.anchor) {
            return None;
        }
        if possessor.is_none() && (self.object_of_stance_verb(m.anchor) || self.purpose_of_noun(m.anchor)) {
            return None;
        }
        let sources = possessor.map(|k| vec![k]).unwrap_or_else(|| self.subjects(m, &previous.0));
        // "the deportation of X by Y": with no possessor nor subject, the agent after "by" acts.
        let sources = if sources.is_empty() { self.agent_after_of(m).into_iter().collect() } else { sources };
        let targets = match m.prep {
            Some(k) => self.targets_after(k + 1, m, &sources),
            None => Vec::new(),
        };
        Some(Found::new(sources, targets))
    }

    /// An active verb: its subject (or the previous predicate's, or the accused, or the state where an unnamed
    /// attack or protest happens) acts on the first party after it. `None` for a coordinated verb whose first
    /// verb had no subject.
    fn active_roles(&self, m: &Match, matches: &[Match], previous: &Previous) -> Option<Found> {
        // "X was attacked by Y, killing 20": a participle after a comma continues the previous predicate, whose
        // actor (the passive's agent too) is its subject.
        let continues = m.gerund && m.anchor > 0 && self.a.norm(m.anchor - 1) == "," && !previous.0.is_empty();
        // "killed X and wounded Y": a past-tense verb right after "and", with a verb of the same clause
        // before it, shares that verb's subject (none, if it had none), not the object in between.
        let coordinated_verb = self.coordinated_verb(m, matches);
        if coordinated_verb && previous.0.is_empty() {
            return None;
        }
        let continues = continues || coordinated_verb;
        let accused = self.accused_subject(m, matches);
        let sources = if let Some(objects) = accused {
            objects
        } else if continues {
            previous.0.clone()
        } else if self.attack_noun_subject(m, matches) || self.unnamed_protesters(m) {
            // The GSR's convention, and the usual reading of such a report: an attack by no named party is
            // by the side of the country it happens in.
            self.place_of_event(m).into_iter().collect()
        } else {
            self.subjects(m, &previous.0)
        };
        let from = m.prep.map_or(m.anchor + 1, |k| k + 1);
        let mut targets = self.targets_after(from, m, &sources);
        if targets.is_empty() && m.prep.is_some() {
            targets = self.targets_after(m.anchor + 1, m, &sources);
        }
        if targets.is_empty() {
            targets = self.raised_complement(m, &sources);
        }
        if targets.is_empty() {
            targets = self.purpose_destination(m, &sources).into_iter().collect();
        }
        if let Some(agents) = self.agent_of_nominalised_object(m, &targets, &sources) {
            targets = agents;
        }
        Some(Found::new(sources, targets))
    }

    /// '"X said Y must release ...": an obligation inside reported speech is the speaker's demand of Y. Swaps the
    /// roles (the speaker becomes the source, the obliged the target) and says whether it did. The report may
    /// also follow what was said ('"Y must release ...," X said', "Y must ..., said X"; see
    /// [`Self::trailing_speaker`]).
    fn reported_demand(&self, m: &Match, sources: &mut Vec<usize>, targets: &mut Vec<usize>) -> bool {
        if !m.obliged || m.passive {
            return false;
        }
        let speaker = match self.clause_start(m.anchor) {
            (_, Some(r), _) => self.subjects(&Match { anchor: r, gerund: false, ..m.clone() }, &[]),
            _ => self.trailing_speaker(m.anchor).into_iter().collect(),
        };
        if !speaker.is_empty() && !sources.is_empty() && speaker != *sources {
            *targets = std::mem::replace(sources, speaker);
            return true;
        }
        false
    }

    /// '"Iran must release the sailors," the State Department said', "Indonesia must stop the executions, said
    /// the Australian prime minister": what was said comes first and its report verb after a comma (past a
    /// closing quote), with the speaker right before the verb ("X said", "X officials said") or right after it
    /// ("said X", "said the X"). The speaker of the report that follows the clause of `p`, if any.
    fn trailing_speaker(&self, p: usize) -> Option<usize> {
        let n = self.a.len();
        let end = (p + 1..n).find(|&j| self.a.is_boundary(j)).unwrap_or(n);
        // The commas before any report verb of the rest of the sentence; the first that a report follows.
        for c in (p + 1..end).take_while(|&j| !self.is_report_verb(j)).filter(|&j| self.a.norm(j) == ",") {
            let mut j = c + 1;
            while j < end && self.a.is_punct(j) && self.a.norm(j) != "," {
                j += 1;
            }
            if self.is_report_verb(j) {
                let after = self.slot_starting_at(j + 1);
                let after = after.or_else(|| (self.a.norm(j + 1) == "the").then(|| self.slot_starting_at(j + 2))?);
                return after.filter(|&k| self.can_act(k));
            }
            // "the US State Department said": the last of the mentions before the verb speaks.
            let speaker = (j..end.min(j + SPEAKER_REACH))
                .take_while(|&k| !self.a.is_punct(k))
                .filter_map(|k| self.slot_starting_at(k))
                .find(|&k| self.speaks(k) && self.can_act(k));
            if speaker.is_some() {
                return speaker;
            }
        }
        None
    }

    /// "X, which rendered support to Y in the 1970s struggle, ...": a non-restrictive relative clause with no
    /// date of its own describes the antecedent's past, not the news.
    fn historical_aside(&self, m: &Match, matches: &[Match]) -> bool {
        let (_, _, relpro) = self.raw_clause_start(m.anchor);
        relpro.is_some_and(|r| r > 0 && self.a.norm(r - 1) == "," && self.a.is(r, RELPRO))
            && relpro.is_none_or(|r| !self.current_stance(r, m.anchor))
            && self.time_for(m, matches).is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::super::context::testing::{ids, token, with_context};
    use super::*;

    /// The roles of the predicate at `word`, as slot ids, and whether symmetric.
    fn roles_of(markup: &str, word: &str) -> Option<(Vec<String>, Vec<String>, bool)> {
        with_context(markup, |ctx, matches| {
            let m = matches.iter().find(|m| m.anchor == token(ctx, word)).expect("predicate");
            let mut previous: Previous = Default::default();
            let r = ctx.assign(m, matches, &mut previous)?;
            Some((ids(ctx, &r.sources), ids(ctx, &r.targets), r.symmetric))
        })
    }

    fn dyad(s: &[&str], t: &[&str], symmetric: bool) -> Option<(Vec<String>, Vec<String>, bool)> {
        let v = |x: &[&str]| x.iter().map(|s| s.to_string()).collect();
        Some((v(s), v(t), symmetric))
    }

    #[test]
    fn each_rule_of_assignment() {
        // A "between" pair.
        assert_eq!(
            roles_of("Talks between [Iran|IRN] and [Iraq|IRQ] resumed.", "talks"),
            dyad(&["IRN"], &["IRQ"], true)
        );
        // A passive: the agent acts on the subject.
        assert_eq!(roles_of("[Iraq|IRQ] was attacked by [Iran|IRN].", "attacked"), dyad(&["IRN"], &["IRQ"], false));
        // A coordinated subject of a symmetric predicate with no object.
        assert_eq!(roles_of("[Iran|IRN] and [Iraq|IRQ] met.", "met"), dyad(&["IRN"], &["IRQ"], true));
        // An active verb.
        assert_eq!(roles_of("[Iran|IRN] condemned [Iraq|IRQ].", "condemned"), dyad(&["IRN"], &["IRQ"], false));
        // A bare event noun names no parties.
        assert_eq!(roles_of("[Iran|IRN] said the attack was wrong.", "attack"), None);
        // A symmetric noun after "for" with a coordinated subject is their meeting.
        assert_eq!(
            roles_of("[Iranian|IRN] and [Iraqi|IRQ] diplomats travelled to Geneva for talks.", "talks"),
            dyad(&["IRN"], &["IRQ"], true)
        );
        assert_eq!(roles_of("[Iranian|IRN] diplomats travelled to Geneva for talks.", "talks"), None);
        // A "by" and gerund phrase is the means: its objects are no target.
        assert_eq!(
            roles_of("[Iran|IRN] charged the man with espionage by publishing files on [Iraq|IRQ].", "charged"),
            dyad(&["IRN"], &[], false)
        );
    }

    #[test]
    fn a_reported_obligation_is_the_speaker_s_demand() {
        with_context("[Iran|IRN] said [Iraq|IRQ] must withdraw from [Kuwait|KWT].", |ctx, matches| {
            let m = matches.iter().find(|m| m.obliged).expect("obligation");
            let r = ctx.assign(m, matches, &mut Default::default()).expect("roles");
            assert!(r.demand);
            assert_eq!((ids(ctx, &r.sources), ids(ctx, &r.targets)), (vec!["IRN".into()], vec!["IRQ".into()]));
        });
    }
}
