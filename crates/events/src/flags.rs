//! The flags pass: for a predicate whose roles are known, its flags (negated, future, reported, symmetric,
//! hypothetical, attempted, alleged), the code to report (an intent, refusal, threat, demand, show of force or
//! peacekeeping code moved from the pattern's code as the CAMEO codebook does), its date and place, and one
//! [`EventCandidate`] per (source, target) pair, leaving out pairs of one side.

use crate::candidate::EventCandidate;
use crate::codebook::Codebook;
use crate::matcher::Match;
use crate::patterns::CueKind;
use crate::record::Flags;
use crate::roles::{Context, Roles};
use crate::slots::SlotKind;
use dyad_core::Sector;
use rustc_hash::FxHashSet as HashSet;

/// What the flags pass decided for one predicate, shared by all its candidates.
struct Coded {
    code: &'static str,
    flags: Flags,
    time: Option<usize>,
    /// Told in the present with no time of its own (see [`EventCandidate::now`]).
    now: bool,
    /// The targets' own state is the source (see [`Roles::by_own_state`]).
    by_own_state: bool,
}

impl Context<'_> {
    /// The events of predicate `m` with roles `roles`: one candidate per source and target (or per source, with
    /// no target).
    pub(crate) fn code_events(&self, m: &Match, matches: &[Match], roles: Roles) -> Vec<EventCandidate> {
        let Roles { sources, targets, symmetric, demand, by_own_state } = roles;
        let time = self.time_for(m, matches).or_else(|| {
            // An attributive "visiting" frames the whole sentence, so the sentence's date is the visit's.
            let attributive = self.attributive_mover(m).is_some();
            attributive
                .then(|| (0..self.times.len()).find(|&t| self.time_tokens[t].1 > self.time_tokens[t].0))
                .flatten()
        });
        let mut flags = self.cue_flags(m);
        flags.future |= time.is_some_and(|t| self.times[t].future);
        flags.symmetric = symmetric;
        let code = self.event_code(m, &mut flags, demand, symmetric, (&sources, &targets));
        let now = time.is_none() && self.told_in_present(m);
        self.emit(m, Coded { code, flags, time, now, by_own_state }, &sources, &targets)
    }

    /// The code to report for predicate `m`, moving `flags` with it: a reported obligation is a demand (100); a
    /// refusal or a failure to meet or agree a rejection; readying an attack a show of force (150); an action
    /// announced under a condition a threat; a promised or planned action its intent code; a peacekeeping force
    /// moving in provides protection (074).
    fn event_code(
        &self,
        m: &Match,
        flags: &mut Flags,
        demand: bool,
        symmetric: bool,
        (sources, targets): (&[usize], &[usize]),
    ) -> &'static str {
        let book = Codebook::builtin();
        let code = if demand {
            // The demand is made now, of another party; the demanded action is not the speaker's plan. It is
            // coded by what it demands ("said Sudan must return the ship": 1053), as a demand verb is.
            flags.future = false;
            book.branch_for("10", m.code).unwrap_or("100")
        } else if (m.negated || m.refused) && m.code == "010" {
            // "would not comment on X", "refused to comment": a statement denied or refused is a declined comment
            // (011), which happened, whatever the verb of speaking.
            flags.future = false;
            flags.negated = false;
            "011"
        } else if m.refused
            || m.negated && flags.future && book.quad_class(m.code).is_some_and(|q| q <= 2)
            || m.negated && book.root(m.code) == Some("03")
            || m.failed && (matches!(book.root(m.code), Some("04" | "05")) || m.symmetric)
        {
            // "refused to attend", "will not accept", "failed to reach agreement": the refusal (or the failure to
            // meet or agree) happened; what was refused decides the kind of rejection. An acceptance or promise
            // (root 03) denied in the past is one too ("did not accept the offer").
            flags.future = false;
            flags.negated = false;
            flags.symmetric = false;
            refusal_code(m.code)
        } else if m.prepared && matches!(book.root(m.code), Some("18" | "19" | "20")) {
            // "prepared to resume shelling": readying an attack is a show of force, not yet a threat.
            flags.future = false;
            "150"
        } else if flags.future && m.conditional && !matches!(book.root(m.code), Some("13")) {
            // "will withdraw its troops unless ...": an action announced under a condition is a threat.
            match book.intent_of(m.code) {
                Some(t) if t.starts_with("13") => t,
                _ => "130",
            }
        } else if flags.future && m.agreed && book.intent_of(m.code).is_some_and(|t| t.starts_with("13")) {
            // "agreed to send troops to X": agreeing is an intent to cooperate, never a threat (as "will send
            // troops" would be).
            "030"
        } else if flags.future && m.threatened {
            // "threatened to withdraw its troops": a threat whatever is threatened.
            match book.intent_of(m.code) {
                Some(t) if t.starts_with("13") => t,
                _ if m.code.starts_with("13") => m.code,
                _ => "130",
            }
        } else if flags.future {
            book.intent_of(m.code).unwrap_or(m.code)
        } else {
            m.code
        };
        // "NATO peacekeeping troops arrived in X": a peacekeeping force moving in provides protection (074).
        let code = if book.root(m.code) == Some("04") && !symmetric && sources.iter().any(|&s| self.peacekeepers(s)) {
            if flags.future { book.intent_of("074").unwrap_or("074") } else { "074" }
        } else {
            code
        };
        // An expressed intent (root 03) is by definition about the future.
        flags.future |= code.starts_with("03");
        let code = self.by_whom_and_what_for(m, code, sources, targets);
        // "tried to assassinate X": an attempted assassination has a code of its own (185).
        if code == "186" && flags.attempted { "185" } else { code }
    }

    /// `code` refined by who acts and what for: a blockade by a state's people is obstruction, an attack takes
    /// its weapon's code, a protest its aim's.
    fn by_whom_and_what_for(
        &self,
        m: &Match,
        code: &'static str,
        sources: &[usize],
        targets: &[usize],
    ) -> &'static str {
        // "Farmers blocked border crossings": a blockade by a state's people, workers or opposition is their
        // protest, obstructing passage (144), not a blockade imposed by force (191).
        if code == "191" && !sources.is_empty() && sources.iter().all(|&s| self.of_the_people(s)) {
            return "144";
        }
        // "Israeli warplanes struck X", "Azerbaijani artillery attacked X", "a suicide bomber attacked X": an
        // attack takes the code of the weapon its attackers are named by.
        if code == "190"
            && let Some(by_weapon) = sources.first().and_then(|&s| self.attacker_code(s))
        {
            return by_weapon;
        }
        // "Israeli tank fire killed two soldiers", "a Russian drone killed three civilians": a killing by a source
        // named by a weapon no person wields is that weapon's attack. Killing by warplanes' crews or gunmen stays a
        // killing (1823) beside their attack.
        if code == "1823"
            && let Some(by_weapon @ ("194" | "1952")) = sources.first().and_then(|&s| self.attacker_code(s))
        {
            return by_weapon;
        }
        // "Rioters stormed the government headquarters": force used by a state's people at home (no target of
        // another state) is a violent protest (145), sub-coded by its aim below. Destruction of property (1712)
        // stays coercion: the same rule for it cost a GSR event.
        let country = |k: usize| self.actors[k].country.as_deref().and_then(|c| c.get(..3));
        let at_home = |s: usize| targets.iter().all(|&t| country(t) == country(s));
        let code =
            if code == "190" && !sources.is_empty() && sources.iter().all(|&s| self.of_the_people(s) && at_home(s)) {
                "145"
            } else {
                code
            };
        self.content_for(m, self.protest_for_aim(m, code))
    }

    /// An event coded by an ancestor of a `content_CODE` cue's code (`data/event_cues.tsv`) takes that code from
    /// the cue nearest after its predicate in its clause, or, for a passive, nearest before it ("rebuffed a request
    /// for debt relief": 1221; "Kyiv's request for fighter jets was rejected": 1222; "blamed X for arms
    /// trafficking": 1121); at one place the longer phrase wins.
    fn content_for(&self, m: &Match, code: &'static str) -> &'static str {
        let dict = self.a.dict;
        let content_at = |k: usize| {
            dict.cues_starting_with(self.a.first_words(k))
                .filter_map(|c| match &dict.cues[c] {
                    (CueKind::Content(sub), phrase) if descends(sub, code) => {
                        self.a.phrase_at(k, phrase).map(|end| (end, *sub))
                    }
                    _ => None,
                })
                .max_by_key(|&(end, _)| end)
                .map(|(_, sub)| sub)
        };
        // From right after the predicate's word, so that a pattern's own object counts ("turned down a plea for
        // food aid": the row's object "aid" gives 122, "food aid" 1223).
        let from = (m.anchor + 1).min(m.end);
        let end = (from..self.a.len()).find(|&k| self.a.is_boundary(k)).unwrap_or(self.a.len());
        let found = (from..end).find_map(content_at).or_else(|| {
            let start = (0..m.anchor).rev().find(|&k| self.a.is_boundary(k)).map_or(0, |k| k + 1);
            if m.passive { (start..m.anchor).rev().find_map(content_at) } else { None }
        });
        found.unwrap_or(code)
    }

    /// Whether source `s` is a state's people rather than its organs or armed groups: civilians, workers,
    /// farmers, students or the political opposition.
    fn of_the_people(&self, s: usize) -> bool {
        let sector = self.actors[s].actor_code().and_then(|c| c.sector());
        matches!(sector, Some(Sector::Cvl | Sector::Ppl | Sector::Lab | Sector::Agr | Sector::Edu | Sector::Opp))
    }

    /// The code of an attack by source `s` named by its weapon, from a word inside its mention or right after it
    /// (`data/event_precision.tsv`): `aircraft` 195 ("Israeli warplanes", "the Pakistani air force"), `drone`
    /// 1952, `artillery` 194, `small_arms` 193 ("Syrian snipers"), `suicide` 1831 ("a Taliban suicide bomber").
    fn attacker_code(&self, s: usize) -> Option<&'static str> {
        let lists = crate::lexicon::lists();
        let (start, end) = self.actor_tokens[s];
        let kinds: [(&HashSet<&'static str>, &'static str); 5] = [
            (&lists.suicide, "1831"),
            (&lists.drone, "1952"),
            (&lists.aircraft, "195"),
            (&lists.artillery, "194"),
            (&lists.small_arms, "193"),
        ];
        (start..(end + 2).min(self.a.len())).find_map(|k| {
            let word = self.a.norm(k);
            let noun = self.a.lemmas[k].noun.unwrap_or(word);
            kinds.iter().find(|(list, _)| list.contains(word) || list.contains(noun)).map(|&(_, code)| code)
        })
    }

    /// A protest of 141-145 takes the sub-code of what it demands, from the `aim_*` cue of
    /// `data/event_cues.tsv` nearest after the predicate in its sentence ("rallied to demand the resignation of
    /// X": 1411; "went on strike for higher pensions": 1432), else one its protesters are said to demand before it
    /// (after an `aim_verb` of `data/event_precision.tsv`: "protesters demanding voting rights rioted": 1453).
    fn protest_for_aim(&self, m: &Match, code: &'static str) -> &'static str {
        if !matches!(code, "141" | "142" | "143" | "144" | "145") {
            return code;
        }
        let dict = self.a.dict;
        let aim_at = |k: usize| {
            dict.cues_starting_with(self.a.first_words(k)).find_map(|c| match &dict.cues[c] {
                (CueKind::Aim(d), phrase) if self.a.phrase_at(k, phrase).is_some() => Some(*d),
                _ => None,
            })
        };
        let end = (m.end..self.a.len()).find(|&k| self.a.is_boundary(k)).unwrap_or(self.a.len());
        // Before the predicate only what its protesters are said to demand ("protesters demanding voting rights
        // rioted"), never a word of their own name ("a member of parliament marched").
        let demanded = |k: usize| {
            let aim_verbs = &crate::lexicon::lists().aim_verb;
            (k.saturating_sub(4)..k).any(|j| aim_verbs.contains(self.a.norm(j)))
        };
        let before = (0..m.anchor).rev().filter(|&k| demanded(k)).find_map(aim_at);
        let Some(aim) = (m.end..end).find_map(aim_at).or(before) else { return code };
        let mut sub = [0u8; 4];
        sub[..3].copy_from_slice(code.as_bytes());
        sub[3] = b'0' + aim;
        std::str::from_utf8(&sub).ok().and_then(|s| Codebook::builtin().get(s)).map_or(code, |i| i.code)
    }

    /// One candidate per (source, target) pair, with its evidence span and place; a pair of one side is left out,
    /// and a domestic cooperation pair becomes the source's act with no partner.
    fn emit(&self, m: &Match, coded: Coded, sources: &[usize], targets: &[usize]) -> Vec<EventCandidate> {
        let Coded { code, flags, time, now, by_own_state } = coded;
        let event = |source, target, evidence, location, home_target| EventCandidate {
            code,
            done_code: m.code,
            source,
            target,
            flags,
            evidence,
            pattern: m.pattern,
            time,
            location,
            home_target,
            home_source: false,
            now,
        };
        let mut out = Vec::new();
        if by_own_state {
            // "Two prison officers were charged": each target, charged by its own state.
            for &t in targets {
                let Some(evidence) =
                    self.span_of_tokens(self.actor_tokens[t].0.min(m.anchor), self.actor_tokens[t].1.max(m.end))
                else {
                    continue;
                };
                out.push(EventCandidate {
                    home_source: true,
                    ..event(t, Some(t), evidence, self.location_for(m, None), false)
                });
            }
            return out;
        }
        let target_opts: Vec<Option<usize>> =
            if targets.is_empty() { vec![None] } else { targets.iter().copied().map(Some).collect() };
        for &s in sources {
            for &t in &target_opts {
                // A city of the source's own country ("Kurds demonstrated in Kirkuk") stands for its authorities.
                let same = |t: usize| {
                    self.actors[t].actor_id == self.actors[s].actor_id
                        && !matches!(self.actors[t].kind, SlotKind::Place)
                };
                if t.is_some_and(|t| t == s || same(t)) {
                    continue;
                }
                if t.is_some_and(|t| self.domestic_cooperation(s, t, code)) {
                    // "promised to democratize Serbia": the act stands, with no foreign partner.
                    if target_opts.iter().all(|&o| o.is_some_and(|o| self.domestic_cooperation(s, o, code)))
                        && !out.iter().any(|e: &EventCandidate| e.source == s && e.target.is_none())
                        && let Some(evidence) =
                            self.span_of_tokens(self.actor_tokens[s].0.min(m.anchor), self.actor_tokens[s].1.max(m.end))
                    {
                        out.push(event(s, None, evidence, self.location_for(m, None), false));
                    }
                    continue;
                }
                let mut lo = self.actor_tokens[s].0.min(m.anchor);
                let mut hi = self.actor_tokens[s].1.max(m.end);
                if let Some(t) = t {
                    lo = lo.min(self.actor_tokens[t].0);
                    hi = hi.max(self.actor_tokens[t].1);
                }
                let Some(evidence) = self.span_of_tokens(lo, hi) else { continue };
                let home_target = t.is_none() && self.acts_at_home(s, m.code, code);
                let location = self.location_for(m, t);
                let mut e = event(s, t, evidence, location, home_target);
                if e.code == "040"
                    && e.flags.symmetric
                    && t.zip(location).is_some_and(|(t, l)| self.third_place(s, t, l))
                {
                    // "The ministers of Armenia and Azerbaijan met in Almaty": a meeting in a third state (044).
                    e.code = "044";
                }
                out.push(e);
            }
        }
        out
    }

    /// Whether the place `l` lies in a state that is neither party's (`s`, `t`; both with a known state).
    fn third_place(&self, s: usize, t: usize, l: usize) -> bool {
        // The state's ISO 3166 alpha-3 code (a place's slot may carry a longer code starting with it).
        let country = |k: usize| self.actors[k].country.as_deref().and_then(|c| c.get(..3));
        match (country(s), country(t), country(l)) {
            (Some(a), Some(b), Some(c)) => c != a && c != b,
            _ => false,
        }
    }

    /// The flags a predicate's cues give it: negated, future (or intended), reported, symmetric,
    /// hypothetical, attempted, alleged.
    fn cue_flags(&self, m: &Match) -> Flags {
        // An alleged act ("accused X of attacking Y") is known only from the accuser's words.
        let reported = m.alleged || self.a.report_cues.iter().any(|&r| r != m.anchor);
        Flags {
            negated: m.negated,
            future: m.future || m.intent,
            reported,
            symmetric: m.symmetric,
            historical: false,
            // "will retaliate if attacked", "must withdraw unless ...": an announced act under a condition. A
            // condition after an act already done does not make it hypothetical ("met, even if briefly").
            hypothetical: (m.future || m.intent || m.obliged)
                && (m.conditional || (m.end..self.a.len()).any(|k| self.a.norm(k) == "if")),
            attempted: m.attempted,
            alleged: m.alleged,
        }
    }

    /// Whether source `s` doing `code` (coded as `coded`) with no named target acts on its own state:
    /// administrative coercion or its easing (roots 17, 081), a resignation (0831, when no other state is named) or
    /// a refusal to yield (a yielding, root 08, refused: "declined to resign") by a state actor, a protest (root 14)
    /// by anyone else of that state, or force (roots 18-20) by its police.
    fn acts_at_home(&self, s: usize, code: &str, coded: &str) -> bool {
        let slot = &self.actors[s];
        if slot.country.is_none() {
            return false;
        }
        let sector = slot.actor_code().and_then(|c| c.sector());
        let state = matches!(slot.kind, SlotKind::Country) || sector.is_some_and(Sector::is_state);
        let root = Codebook::builtin().root(code);
        // A leader's resignation (0831) yields to demands at home, in a sentence naming no other state.
        let home = slot.country.as_deref();
        let foreign = || {
            (0..self.actors.len())
                .any(|k| self.present(k) && self.actors[k].country.as_deref().is_some_and(|c| Some(c) != home))
        };
        let administrative = root == Some("17")
            || code.starts_with("081")
            || code == "0831" && !foreign()
            || root == Some("08") && coded.starts_with("12");
        // A protest by a state's people, workers or opposition with no named target is against its own state
        // ("French rail workers went on strike").
        // A protest abroad ("Chilean students marched in Paris") is not.
        let dissent = (root == Some("14") || coded.starts_with("14"))
            && !state
            && !(0..self.actors.len()).any(|k| self.present(k) && self.actors[k].country != slot.country);
        administrative && state || dissent || sector == Some(Sector::Cop) && matches!(root, Some("18" | "19" | "20"))
    }

    /// Two actors of one country in verbal cooperation (a leader praising his people, a ministry backing its
    /// president): in international news such a pair nearly always comes from a role attached to the wrong
    /// mention of a two-country sentence, so it is not coded. Domestic material acts (lifting a curfew, aid)
    /// and conflict (arrests, protests, fighting) are kept: they are news in their own right.
    ///
    /// So the pair is kept when the sentence names no other state (it can only be about domestic politics), and
    /// when one side is an opposition or armed group of that state (a government and its rebels agreeing).
    fn domestic_cooperation(&self, s: usize, t: usize, code: &str) -> bool {
        let (Some(a), Some(b)) = (&self.actors[s].country, &self.actors[t].country) else { return false };
        if a != b || Codebook::builtin().quad_class(code) != Some(1) {
            return false;
        }
        // A state's opposition and armed challengers: cooperation between one of them and its own state is news.
        let dissident =
            |k: usize| self.actors[k].actor_code().and_then(|c| c.sector()).is_some_and(Sector::is_dissident);
        let foreign = (0..self.actors.len())
            .any(|k| self.present(k) && self.actors[k].country.as_deref().is_some_and(|c| c != a.as_str()));
        foreign && !dissident(s) && !dissident(t)
    }
}

/// Whether `sub` is a more specific code under `code`: its three-digit code (1121 under 112), or that code's
/// root-level "not specified" code (1221 and 122 under 120).
fn descends(sub: &str, code: &str) -> bool {
    // A rejected demand or call (124) for aid or reform is the codebook's "reject request or demand for" that
    // (122, 123: "rejected Thai calls for a return to civilian rule" 1234); a call for talks rejected stays 124.
    let code = if code == "124" && matches!(sub.get(..3), Some("121" | "122" | "123")) { "120" } else { code };
    let unspecified = |c: &str| c.len() == 3 && c.ends_with('0');
    let root_level = |s: &str| !s.ends_with('0') && unspecified(code) && code[..2] == s[..2];
    match sub.len() {
        4 => code == &sub[..3] || root_level(&sub[..3]),
        3 => root_level(sub),
        _ => false,
    }
}

/// The rejection code for refusing an action with code `done`: refusing to meet or negotiate is 125, to give
/// material cooperation 121 and aid 122, to yield 124, anything else 120; where CAMEO names the kind refused, its
/// sub-code ("refused to release X", 0841: 1243; "refused to send military aid", 072: 1222). CAMEO's rejections run
/// parallel to the intents of root 03, so the act's intent code in `data/cameo.tsv` names the branch (0841 → 0353 →
/// 1243), as [`Codebook::branch_for`] does for appeals and demands.
fn refusal_code(done: &str) -> &'static str {
    let book = Codebook::builtin();
    if !matches!(book.root(done), Some("04" | "06" | "07" | "08")) {
        return "120";
    }
    let Some(intent) = book.intent_of(done) else { return "120" };
    let base = match intent.get(..3) {
        Some("031") => "121",
        Some("033") => "122",
        Some("034") => "123",
        Some("035") => "124",
        Some("036" | "039") => "125",
        _ => return "120",
    };
    let leaf = intent.get(3..).filter(|d| !d.is_empty()).and_then(|d| book.get(&format!("{base}{d}")));
    leaf.map_or(base, |c| c.code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roles::testing::{token, with_context};

    /// The (code, negated, future, symmetric) of the events of the predicate at `word`.
    fn coded(markup: &str, word: &str) -> Vec<(&'static str, bool, bool, bool)> {
        with_context(markup, |ctx, matches| {
            let m = matches.iter().find(|m| m.anchor == token(ctx, word)).expect("predicate");
            let roles = ctx.assign(m, matches, &mut Default::default()).expect("roles");
            let events = ctx.code_events(m, matches, roles);
            events.iter().map(|e| (e.code, e.flags.negated, e.flags.future, e.flags.symmetric)).collect()
        })
    }

    #[test]
    fn a_refusal_is_a_rejection_of_its_kind() {
        assert_eq!(refusal_code("040"), "125");
        assert_eq!(refusal_code("060"), "121");
        assert_eq!(refusal_code("070"), "122");
        assert_eq!(refusal_code("080"), "124");
        assert_eq!(refusal_code("0841"), "1243");
        assert_eq!(refusal_code("0832"), "1232");
        assert_eq!(refusal_code("073"), "1223");
        assert_eq!(refusal_code("190"), "120");
        assert_eq!(refusal_code("031"), "120", "an intent refused is no refusal of a branch");
        assert_eq!(refusal_code("063"), "121", "no sub-code for judicial cooperation: the base");
        assert_eq!(refusal_code("045"), "125");
        assert_eq!(coded("[Iran|IRN] refused to meet [Iraq|IRQ].", "meet"), [("125", false, false, false)]);
        // An acceptance denied in the past is a rejection too; an attack denied in the past stays a negated attack.
        assert_eq!(
            coded("[Iran|IRN] did not accept the offer from [Iraq|IRQ].", "accept"),
            [("120", false, false, false)]
        );
        assert_eq!(coded("[Iran|IRN] did not attack [Iraq|IRQ].", "attack"), [("190", true, false, false)]);
    }

    #[test]
    fn a_planned_act_is_its_intent_and_a_conditional_one_a_threat() {
        let book = Codebook::builtin();
        let intent = book.intent_of("190").expect("190 has an intent code");
        assert_eq!(coded("[Iran|IRN] will attack [Iraq|IRQ].", "attack"), [(intent, false, true, false)]);
        let threat = coded("[Iran|IRN] will attack [Iraq|IRQ] unless it withdraws.", "attack");
        assert!(threat[0].0.starts_with("13"), "{threat:?}");
        assert_eq!(coded("[Iran|IRN] attacked [Iraq|IRQ].", "attacked"), [("190", false, false, false)]);
        // Agreeing to an act whose intent would be a threat is an intent to cooperate.
        assert_eq!(coded("[Iran|IRN] agreed to send troops to [Iraq|IRQ].", "send")[0].0, "030");
        assert!(coded("[Iran|IRN] will send troops to [Iraq|IRQ].", "send")[0].0.starts_with("13"));
    }

    #[test]
    fn a_pair_of_one_side_is_no_event() {
        let markup = "[Iran|IRN] praised [Iran|IRN] and [Iraq|IRQ].";
        with_context(markup, |ctx, matches| {
            let m = matches.iter().find(|m| m.anchor == token(ctx, "praised")).expect("verb");
            let coded = || Coded { code: "051", flags: Flags::default(), time: None, now: false, by_own_state: false };
            let pairs = |targets: &[usize]| -> Vec<(usize, Option<usize>)> {
                ctx.emit(m, coded(), &[0], targets).iter().map(|e| (e.source, e.target)).collect()
            };
            // The same actor on both sides.
            assert!(pairs(&[1]).is_empty());
            assert_eq!(pairs(&[1, 2]), [(0, Some(2))]);
            assert_eq!(pairs(&[]), [(0, None)]);
        });
    }
}
