//! Role assignment: who is the source and who the target of each predicate, from word order and a few closed
//! word classes (no parser).

use crate::Codebook;
use crate::matcher::{
    Analysis, BACKGROUND, CONJ, DET, MODAL, Match, MatchKind, PLACE_NOUN, PREP, RELPRO, SUB, find_in,
};
use crate::reading::Reading;
use crate::record::{EventDate, EventRecord, Flags, Location, Mention, Party};
use crate::role_cues::{GROUP_NOUN, PRESENT_AUX, RoleCues};
use crate::slots::{ActorSlot, SlotKind, TimeSlot, TimeValue};
use crate::tree::{Parse, TreeRoles};
use dyad_core::Span;
use dyad_text::{Tokens, VerbForm};
use rustc_hash::FxHashSet as HashSet;
use serde::Serialize;

/// CAMEO sector codes of a state's opposition and armed challengers (rebels, insurgents, separatists, the
/// opposition, unidentified armed forces): cooperation between one of them and its own state is news.
const DISSIDENT: [&str; 5] = ["REB", "INS", "SEP", "OPP", "UAF"];

/// CAMEO sector codes of a state's own organs (government, police, judiciary, military).
const STATE_SECTORS: [&str; 4] = ["GOV", "COP", "JUD", "MIL"];

/// The most actors one list may contribute (guards against run-away lists of names).
const MAX_LIST: usize = 12;
/// How far back (tokens) a purpose infinitive looks for the destination of the movement it follows.
const PURPOSE_REACH: usize = 12;

/// One coded event in a sentence, with roles given as indices into the sentence's actor and time slots.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventCandidate {
    /// The CAMEO code to report (already moved to the intent counterpart when the action is promised/planned).
    pub code: &'static str,
    /// The code of the action as done (the pattern's code).
    pub done_code: &'static str,
    /// Index of the source actor slot.
    pub source: usize,
    /// Index of the target actor slot, if the sentence names one.
    pub target: Option<usize>,
    /// Negated, future, reported, symmetric (historical is left to the caller, who knows the publication date).
    pub flags: Flags,
    /// Byte span from the first to the last word that supports the event (actors and predicate).
    pub evidence: Span,
    /// Which pattern fired.
    pub pattern: &'static str,
    /// Index of the time slot that dates the event, if any.
    pub time: Option<usize>,
    /// Index of the actor slot (a place) where it happened, if any.
    pub location: Option<usize>,
    /// With no target named, the act is aimed at the source's own state or people: a state's administrative
    /// coercion or its easing (curfews, arrests, lifting an emergency) and police using force ("police opened
    /// fire ..., arresting 12"). [`EventCandidate::to_record`] then makes the source's country the target.
    pub home_target: bool,
}

/// A standing relation (not an event) between two actor slots.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RelationCandidate {
    /// `ties`, `alliance` or `support`.
    pub kind: &'static str,
    /// One side (the subject, where there is one).
    pub a: usize,
    /// The other side.
    pub b: usize,
    /// Supporting text.
    pub evidence: Span,
    /// Which cue fired.
    pub pattern: &'static str,
}

/// Everything coded in one sentence.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SentenceEvents {
    /// Events, one per (source, code, target).
    pub events: Vec<EventCandidate>,
    /// Standing relations.
    pub relations: Vec<RelationCandidate>,
}

/// Codes one sentence. `tokens` are the sentence's tokens (from [`dyad_text::tokenize`] over the sentence span
/// of `text`); `actors` and `times` are the sentence's mentions with spans in the same `text`. Slots outside
/// the sentence are ignored.
pub fn code_sentence(text: &str, tokens: &Tokens, actors: &[ActorSlot], times: &[TimeSlot]) -> SentenceEvents {
    code_sentence_in(crate::Dictionaries::builtin(), text, tokens, actors, times)
}

/// Like [`code_sentence`], against `dicts` (e.g. the built-in set plus loaded PETRARCH verbs, see
/// [`crate::Dictionaries::with_petrarch_verbs`]).
pub fn code_sentence_in(
    dicts: &'static crate::Dictionaries,
    text: &str,
    tokens: &Tokens,
    actors: &[ActorSlot],
    times: &[TimeSlot],
) -> SentenceEvents {
    code_sentence_with(dicts, text, tokens, actors, times, None)
}

/// Like [`code_sentence_in`], with roles of verb predicates read from a dependency tree when `parser` gives one
/// (see `tree.rs`). The sentence is parsed only when it has an actor mention and a predicate; where the tree names
/// no party for a role, the word-order result stands.
pub fn code_sentence_with(
    dicts: &'static crate::Dictionaries,
    text: &str,
    tokens: &Tokens,
    actors: &[ActorSlot],
    times: &[TimeSlot],
    parser: Option<&dyn Parse>,
) -> SentenceEvents {
    let mut analysis = Analysis::new_in(dicts, tokens);
    if !times.is_empty() {
        analysis.set_times(times.iter().map(|s| token_range(tokens, s.span)).collect());
    }
    analysis.set_actors(actors.iter().map(|s| token_range(tokens, s.span)).collect());
    let mut matches = find_in(&analysis);
    let predicates = matches.iter().any(|m| m.kind != MatchKind::Relation);
    let mut ctx = Context::new(text, tokens, &analysis, actors, times, predicates);
    // Predicates and parties that ordinary web prose only looks like (see `precision.rs`).
    crate::precision::drop_false_predicates(&analysis, &mut matches, &ctx.time_tokens);
    if let Some(p) = parser
        && !actors.is_empty()
        && matches.iter().any(|m| m.kind == MatchKind::Verb)
        && let (Some(first), Some(last)) = (tokens.get(0), tokens.get(tokens.len().saturating_sub(1)))
        && let Ok(span) = Span::new(text, first.span.start(), last.span.end())
    {
        ctx.tree = p.parse(text, span).filter(|t| !t.is_empty()).map(|t| TreeRoles::new(t, text, actors));
    }
    let facts = if matches.iter().any(|m| m.kind != MatchKind::Relation) {
        crate::precision::SentenceFacts::new(&analysis, text, tokens)
    } else {
        crate::precision::SentenceFacts::default()
    };
    let mut out = SentenceEvents::default();
    let mut previous: (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
    let mut seen = HashSet::default();
    let mut seen_relations = HashSet::default();
    for m in &matches {
        match m.kind {
            MatchKind::Relation => {
                let mut found = Vec::new();
                ctx.relation(m, &mut found);
                for r in found {
                    let (x, y) = (ctx.actor_key(r.a), ctx.actor_key(r.b));
                    if seen_relations.insert((r.kind, x.min(y).to_string(), x.max(y).to_string())) {
                        out.relations.push(r);
                    }
                }
            }
            MatchKind::Verb | MatchKind::Nominal => {
                for e in ctx.events(m, &matches, &mut previous) {
                    if !crate::precision::plausible(
                        &analysis,
                        actors,
                        &ctx.actor_tokens,
                        &ctx.time_tokens,
                        &facts,
                        m,
                        &e,
                    ) {
                        continue;
                    }
                    let key = (e.code, ctx.actor_key(e.source), e.target.map(|t| ctx.actor_key(t)));
                    if seen.insert(key) {
                        out.events.push(e);
                    }
                }
            }
        }
    }
    // "began a hunger strike to demand the return of X from Y", "demonstrated ... calling for independence from
    // Y": a protest that names no target is aimed at whom the same protesters' demand or appeal is made of.
    let demands: Vec<(usize, Option<usize>)> = out
        .events
        .iter()
        .filter(|d| d.target.is_some() && matches!(Codebook::builtin().root(d.code), Some("02" | "10")))
        .map(|d| (d.source, d.target))
        .collect();
    for e in out.events.iter_mut() {
        if e.target.is_none()
            && Codebook::builtin().root(e.code) == Some("14")
            && let Some(&(_, target)) = demands.iter().find(|d| d.0 == e.source)
        {
            e.target = target;
        }
    }
    let mut kept = HashSet::default();
    out.events.retain(|e| kept.insert((e.code, e.source, e.target)));
    out
}

struct Context<'a> {
    tokens: &'a Tokens,
    a: &'a Analysis<'a>,
    actors: &'a [ActorSlot],
    times: &'a [TimeSlot],
    /// Token range of each actor slot (empty when outside the sentence).
    actor_tokens: Vec<(usize, usize)>,
    time_tokens: Vec<(usize, usize)>,
    /// Token ranges of attributions ("according to X of the Y"), whose actors are never parties.
    attribution: Vec<(usize, usize)>,
    text_len: usize,
    text: &'a str,
    /// The sentence's dependency tree, when the caller parsed it.
    tree: Option<TreeRoles<'a>>,
}

/// The tokens a slot overlaps. Overlap, not containment, because a mention may end inside a token
/// ("North Korea-Russia" is one token holding two countries).
fn token_range(tokens: &Tokens, span: Span) -> (usize, usize) {
    let start = tokens.as_slice().partition_point(|t| t.span.end() <= span.start());
    let end = tokens.as_slice().partition_point(|t| t.span.start() < span.end());
    if end > start { (start, end) } else { (0, 0) }
}

impl<'a> Context<'a> {
    fn new(
        text: &'a str,
        tokens: &'a Tokens,
        a: &'a Analysis<'a>,
        actors: &'a [ActorSlot],
        times: &'a [TimeSlot],
        predicates: bool,
    ) -> Self {
        let actor_tokens = actors.iter().map(|s| token_range(tokens, s.span)).collect();
        let time_tokens = times.iter().map(|s| token_range(tokens, s.span)).collect();
        // Only a sentence with a predicate and a party needs its attributions.
        let attribution =
            if actors.is_empty() || !predicates { Vec::new() } else { crate::precision::attribution_ranges(a) };
        Context {
            tokens,
            a,
            actors,
            times,
            actor_tokens,
            time_tokens,
            attribution,
            text_len: text.len(),
            text,
            tree: None,
        }
    }

    fn actor_key(&self, k: usize) -> &str {
        self.actors.get(k).map_or("", |s| s.actor_id.as_str())
    }

    fn present(&self, k: usize) -> bool {
        self.actor_tokens.get(k).is_some_and(|&(s, e)| e > s)
    }

    /// Slots in the sentence ordered by position.
    fn slots_in(&self, from: usize, to: usize) -> Vec<usize> {
        let mut v: Vec<usize> = (0..self.actors.len())
            .filter(|&k| self.present(k) && self.actor_tokens[k].0 >= from && self.actor_tokens[k].1 <= to)
            .collect();
        v.sort_by_key(|&k| self.actor_tokens[k]);
        v
    }

    fn is_report_verb(&self, i: usize) -> bool {
        self.a.report_cues.contains(&i) && self.a.lemmas.get(i).is_some_and(|l| l.verb.is_some())
    }

    /// The preposition governing slot `k`, if it sits in a prepositional phrase (past determiners and modifiers).
    fn governing_prep(&self, k: usize) -> Option<usize> {
        let (s, _) = self.actor_tokens[k];
        let mut j = s;
        for _ in 0..3 {
            if j == 0 {
                return None;
            }
            j -= 1;
            // "said on Tuesday that Sudan must ...": "that" opens a clause; the actor after it is no object.
            if self.a.norm(j) == "that" {
                return None;
            }
            if self.a.is(j, PREP) {
                // "a day after Kim sent ...": a preposition opening a clause with its own finite verb is a
                // subordinator, and the actor is that clause's subject.
                let (_, e) = self.actor_tokens[k];
                // The agentive "by" never opens a clause in English: "militias backed by Iran attacked ..." keeps
                // Iran inside the "by" phrase.
                let finite = self.a.norm(j) != "by"
                    && self
                        .a
                        .lemmas
                        .get(e)
                        .and_then(|l| l.verb)
                        .is_some_and(|v| v.is(VerbForm::Past) || v.is(VerbForm::ThirdPerson) && !self.a.is(e, DET));
                // "a bombing in X killed ...", "a journalist from X was held": a place preposition opens no clause.
                let place = Self::locative(self.a.norm(j))
                    || self.a.norm(j) == "from"
                    || self.a.norm(j) == "of" && self.place_noun_of(j);
                return (!finite || place).then_some(j);
            }
            // "of X and Y": a list item shares the preposition of the item before it.
            if self.a.is(j, CONJ)
                && let Some(prev) = self.slot_ending_at(j)
            {
                return self.governing_prep(prev);
            }
            // "loyal to Iraq's Al-Qaeda frontman": a possessor is the determiner of the noun phrase it opens, so
            // the preposition before the possessor governs the whole phrase.
            if self.a.norm(j + 1) == "'s"
                && let Some(q) = self.slot_at(j)
                && self.actor_tokens[q].1 == j + 1
            {
                j = self.actor_tokens[q].0;
                continue;
            }
            let modifier = self.a.is(j, DET)
                || (!self.a.is_punct(j) && self.a.lemmas[j].verb.is_none() && !self.a.is(j, CONJ | RELPRO | SUB));
            if !modifier || self.slot_at(j).is_some() {
                return None;
            }
        }
        None
    }

    fn slot_at(&self, i: usize) -> Option<usize> {
        (0..self.actors.len()).find(|&k| self.present(k) && self.actor_tokens[k].0 <= i && i < self.actor_tokens[k].1)
    }

    fn is_location_use(&self, k: usize, own_prep: Option<usize>) -> bool {
        match self.governing_prep(k) {
            Some(p) if Some(p) != own_prep => {
                Self::locative(self.a.norm(p)) || self.a.norm(p) == "of" && self.place_noun_of(p)
            }
            _ => false,
        }
    }

    fn locative(word: &str) -> bool {
        matches!(word, "in" | "at" | "near" | "outside" | "inside")
    }

    /// "near the town of X", "in the northern city of X": an "of" after a place noun that a locative
    /// preposition governs (past determiners and adjectives) makes X a location too.
    fn place_noun_of(&self, of: usize) -> bool {
        let Some(noun) = of.checked_sub(1) else { return false };
        if !self.a.is(noun, PLACE_NOUN) {
            return false;
        }
        let mut j = noun;
        for _ in 0..4 {
            let Some(prev) = j.checked_sub(1) else { return false };
            j = prev;
            if Self::locative(self.a.norm(j)) {
                return true;
            }
            let modifier = self.a.is(j, DET) || self.a.lemmas[j].verb.is_none() && self.a.function[j] == 0;
            if self.a.is_punct(j) || !modifier || self.slot_at(j).is_some() {
                return false;
            }
        }
        false
    }

    /// Where the predicate at `m` happens, as a party: the country or place the clause locates it in ("was
    /// arrested in X", "a bombing near the town of X"), nearest to the predicate.
    fn place_of_event(&self, m: &Match) -> Option<usize> {
        let (start, _, _) = self.clause_start(m.anchor);
        let end = self.clause_end(m.anchor).max(m.end);
        self.slots_in(start, end)
            .into_iter()
            .filter(|&k| matches!(self.actors[k].kind, SlotKind::Country | SlotKind::Place))
            .filter(|&k| self.actors[k].country.is_some() && self.is_location_use(k, None))
            .min_by_key(|&k| self.actor_tokens[k].0.abs_diff(m.anchor))
    }

    /// "A roadside bombing near X killed ...", "an air strike hit ...": an armed predicate whose clause names
    /// no acting party before it, only an attack noun (a nominal of roots 18-20).
    fn attack_noun_subject(&self, m: &Match, matches: &[Match]) -> bool {
        let armed = |code: &str| matches!(Codebook::builtin().root(code), Some("18" | "19" | "20"));
        if !armed(m.code) || m.gerund {
            return false;
        }
        let (start, _, _) = self.clause_start(m.anchor);
        let actor_before =
            self.slots_in(start, m.anchor).into_iter().any(|k| self.can_act(k) && self.governing_prep(k).is_none());
        !actor_before
            && matches.iter().any(|o| {
                // "a car bombing" may have matched as the gerund of "bomb".
                (o.kind == MatchKind::Nominal || o.gerund) && o.anchor >= start && o.end <= m.anchor && armed(o.code)
            })
    }

    /// Whether the verb at `m` is the second of two coordinated past-tense verbs of one clause ("killed X and
    /// wounded Y").
    fn coordinated_verb(&self, m: &Match, matches: &[Match]) -> bool {
        let p = m.anchor;
        if p == 0 || self.a.norm(p - 1) != "and" || m.passive {
            return false;
        }
        let past = self.a.lemmas[p].verb.is_some_and(|v| v.is(VerbForm::Past));
        let (start, _, _) = self.clause_start(p);
        past && matches.iter().any(|o| o.kind == MatchKind::Verb && o.anchor >= start && o.end < p)
    }

    /// "Prisoners rioted at a jail in X", "Students marched in X-city": a protest whose clause names its
    /// protesters only by a common noun is by the people of the place it happens in.
    fn unnamed_protesters(&self, m: &Match) -> bool {
        if Codebook::builtin().root(m.code) != Some("14") || m.gerund || m.passive {
            return false;
        }
        let (start, report, _) = self.clause_start(m.anchor);
        // Any actor before the predicate, even in an "of" phrase ("a member of the X parliament"), may be it.
        let actor_before =
            self.slots_in(start, m.anchor).into_iter().any(|k| self.can_act(k) && !self.is_location_use(k, None));
        let noun_before = (start..m.anchor).any(|j| !self.a.is_punct(j) && self.a.function[j] & !PLACE_NOUN == 0);
        report.is_none() && !actor_before && noun_before
    }

    /// "a missionary from X was arrested": the origin named in a subject that the actors stage could not name.
    fn origin_in_subject(&self, m: &Match) -> Option<usize> {
        let (start, _, _) = self.clause_start(m.anchor);
        self.slots_in(start, m.anchor).into_iter().find(|&k| {
            // Read "from" directly (past determiners), as the verb after the name is the subject's own.
            let mut j = self.actor_tokens[k].0;
            while j > start && self.a.is(j - 1, DET) {
                j -= 1;
            }
            // "workers affiliated with X", "militants loyal to X": an allegiance names the side as "from" does.
            let allegiance = j > start + 1
                && matches!(self.a.norm(j - 1), "with" | "to")
                && matches!(self.a.norm(j - 2), "affiliated" | "loyal" | "linked" | "belonging" | "allied");
            self.actors[k].country.is_some() && j > start && (self.a.norm(j - 1) == "from" || allegiance)
        })
    }

    /// Whether slot `k` is the subject of a report ("KCNA said", "according to KCNA", "said the KCNA").
    fn is_reporter(&self, k: usize) -> bool {
        let (s, e) = self.actor_tokens[k];
        let after =
            self.is_report_verb(e) || (e + 1 < self.a.len() && self.is_report_verb(e + 1) && self.a.norm(e) == ",");
        // "Xinhua news agency reported": an outlet's name may be followed by a common noun or two.
        let outlet_after = matches!(self.actors[k].kind, SlotKind::Media)
            && (e..(e + 3).min(self.a.len())).take_while(|&j| !self.a.is_punct(j)).any(|j| self.is_report_verb(j));
        let after = after || outlet_after;
        // "..., said the KCNA." (inverted) but not "said Japan had ...": the reporter ends the clause.
        let ends_clause = e >= self.a.len() || self.a.is_punct(e) || self.a.is(e, PREP);
        let before = ends_clause
            && s >= 1
            && (self.is_report_verb(s - 1) || (s >= 2 && self.is_report_verb(s - 2) && self.a.norm(s - 1) == "the"));
        after || before || self.after_according(k)
    }

    /// Whether slot `k` is the subject of a report verb right after it ("..., Thai military sources said"): the
    /// speaker of the sentence, never the target of what it reports.
    fn speaks(&self, k: usize) -> bool {
        let (_, mut e) = self.actor_tokens[k];
        // "the World Food Program (WFP) said": past an acronym in brackets.
        if self.a.norm(e) == ")" {
            e += 1;
        }
        if self.a.norm(e) == "("
            && let Some(close) = (e + 1..(e + 4).min(self.a.len())).find(|&j| self.a.norm(j) == ")")
        {
            e = close + 1;
        }
        // "X, said KCNA": a comma and an inverted report verb belong to the actor after the verb.
        let inverted = |r: usize| {
            let next = if self.a.norm(r + 1) == "the" { r + 2 } else { r + 1 };
            self.slot_starting_at(next).is_some()
        };
        self.is_report_verb(e)
            || (self.a.norm(e) == "," && e + 1 < self.a.len() && self.is_report_verb(e + 1) && !inverted(e + 1))
            || self.nouns_then_report(e)
    }

    /// "X sources said", "the X refugee agency reported": one to three common nouns from token `e`, then a
    /// report verb.
    fn nouns_then_report(&self, e: usize) -> bool {
        let mut j = e;
        while j < self.a.len() && j < e + 3 {
            if self.a.is_punct(j) || self.a.function[j] & !PLACE_NOUN != 0 || self.a.lemmas[j].verb.is_some() {
                return false;
            }
            j += 1;
            if self.is_report_verb(j) {
                return true;
            }
        }
        false
    }

    /// A list starting at slot `k`: "Syria, South Africa, Zimbabwe and Tanzania" -> all four.
    fn coordinated(&self, k: usize, allowed: &dyn Fn(usize) -> bool) -> Vec<usize> {
        let mut list = vec![k];
        let mut confirmed = 1; // length of the prefix closed by a conjunction
        let mut cur = k;
        loop {
            let (_, e) = self.actor_tokens[cur];
            let mut j = e;
            let mut saw_conj = false;
            let mut saw_sep = false;
            while j < self.a.len()
                && (self.a.norm(j) == "," || self.a.is(j, CONJ) || self.a.is(j, DET))
                && !(saw_sep && self.slot_starting_at(j).is_some())
            {
                saw_conj |= self.a.is(j, CONJ);
                saw_sep |= self.a.norm(j) == "," || self.a.is(j, CONJ);
                j += 1;
            }
            let next = if saw_sep { self.slot_starting_at(j) } else { None };
            match next {
                Some(n) if allowed(n) && !list.contains(&n) && list.len() < MAX_LIST => {
                    list.push(n);
                    if saw_conj {
                        confirmed = list.len();
                        // Items after "and" end the list, unless another comma list follows.
                    }
                    cur = n;
                }
                _ => break,
            }
        }
        list.truncate(confirmed);
        list
    }

    fn slot_starting_at(&self, i: usize) -> Option<usize> {
        (0..self.actors.len()).find(|&k| self.present(k) && self.actor_tokens[k].0 == i)
    }

    /// Start of the clause that holds token `p`, and the report verb or relative pronoun that opens it. A fronted
    /// adverbial ("When meeting X, ...", "During a meeting in Y, ...") is skipped up to its comma.
    fn clause_start(&self, p: usize) -> (usize, Option<usize>, Option<usize>) {
        let found = self.raw_clause_start(p);
        let start = found.0;
        let fronted = start < p
            && (self.a.is(start, SUB | PREP)
                || self.a.report_cues.contains(&start)
                || self.a.lemmas[start].verb.is_some_and(|v| v.is(VerbForm::Gerund)));
        if fronted && let Some(comma) = (start + 1..p).find(|&j| self.a.norm(j) == ",") {
            return (comma + 1, found.1, found.2);
        }
        found
    }

    fn raw_clause_start(&self, p: usize) -> (usize, Option<usize>, Option<usize>) {
        let mut j = p;
        while j > 0 {
            j -= 1;
            if self.a.is_boundary(j) {
                return (j + 1, None, None);
            }
            if self.is_report_verb(j) {
                let mut start = j + 1;
                if self.a.norm(start) == "that" {
                    start += 1;
                }
                return (start, Some(j), None);
            }
            // "said on Tuesday that X ...": a "that" a few words after a report verb opens the reported clause.
            if self.a.norm(j) == "that"
                && let Some(r) = (j.saturating_sub(5)..j).rev().find(|&r| self.is_report_verb(r))
                && (r + 1..j).all(|q| self.slot_at(q).is_none())
            {
                return (j + 1, Some(r), None);
            }
            // "Syria, which attacked Israel in 1973, rejected ...": a relative clause between commas that closes
            // before `p` is an aside; `p` belongs to the main clause, whose subject comes before it.
            if self.a.is(j, RELPRO) && j > 1 && self.a.norm(j - 1) == "," && (j + 1..p).any(|c| self.a.norm(c) == ",") {
                j -= 1;
                continue;
            }
            if self.a.is(j, RELPRO)
                || (self.a.norm(j) == "that"
                    && j > 0
                    && !self.a.is_punct(j - 1)
                    && (self.slot_ending_at(j).is_some() || self.relative_that(j)))
            {
                return (j + 1, None, Some(j));
            }
            if self.opens_finite_clause(j, p) {
                return (j + 1, None, None);
            }
        }
        (0, None, None)
    }

    /// Whether "that" at `j` opens a relative clause on a common noun ("a group that has applauded X"), which is
    /// then the clause's unnamed subject; after a verb "that" opens what was said, whose subject may be the
    /// speaker's.
    fn relative_that(&self, j: usize) -> bool {
        let Some(q) = j.checked_sub(1) else { return false };
        self.a.norm(j) == "that"
            && self.a.norm(q).chars().all(char::is_alphabetic)
            && !self.a.norm(q).ends_with("ly")
            && !self.a.is(q, DET | PREP | CONJ | RELPRO | SUB | MODAL)
            && self.a.reading(q) == Reading::Noun
            && !self.is_report_verb(q)
            && self.slot_ending_at(j).is_none()
    }

    /// "a day after Kim sent ...", "before the minister left ...": a preposition or subordinator followed by an
    /// actor and a finite verb (at or before `p`) opens a clause of its own, whose subject is that actor.
    fn opens_finite_clause(&self, j: usize, p: usize) -> bool {
        // Only a subordinator or a preposition of time opens a clause: "in Iraq said" is a place in a subject.
        let opens = self.a.is(j, SUB) || matches!(self.a.norm(j), "after" | "before" | "since" | "until" | "till");
        if !opens {
            return false;
        }
        let mut first = j + 1;
        while first < p && self.a.is(first, DET) {
            first += 1;
        }
        let Some(k) = self.slot_starting_at(first) else { return false };
        let verb = self.actor_tokens[k].1;
        verb <= p
            && self.a.lemmas.get(verb).and_then(|l| l.verb).is_some_and(|v| {
                (v.is(VerbForm::Past) || v.is(VerbForm::ThirdPerson)) && !self.a.is(verb, DET) && !self.a.is(verb, PREP)
            })
    }

    fn slot_ending_at(&self, i: usize) -> Option<usize> {
        (0..self.actors.len()).find(|&k| self.present(k) && self.actor_tokens[k].1 == i)
    }

    /// End (exclusive) of the clause that holds token `p`.
    fn clause_end(&self, p: usize) -> usize {
        (p + 1..self.a.len()).find(|&j| self.a.is_boundary(j) || self.is_report_verb(j)).unwrap_or(self.a.len())
    }

    /// Whether slot `k` may be a source: not a place, and not an outlet reporting the sentence or the authority
    /// of "according to X" (a quoted person is the source only through the speaker rule of [`Self::subjects`]).
    fn can_act(&self, k: usize) -> bool {
        let reporter =
            self.is_reporter(k) && (matches!(self.actors[k].kind, SlotKind::Media) || self.after_according(k));
        !matches!(self.actors[k].kind, SlotKind::Place) && !reporter
    }

    /// Whether slot `k` names who reported the information: right after "according to", or anywhere in an
    /// attribution phrase ("according to Sui-Lee Wee of the New York Times": the reporter's employer is no target
    /// either).
    fn after_according(&self, k: usize) -> bool {
        let s = self.actor_tokens[k].0;
        (s >= 2 && self.a.norm(s - 1) == "to" && self.a.norm(s - 2) == "according")
            || (s >= 3 && self.a.norm(s - 2) == "to" && self.a.norm(s - 3) == "according")
            || self.attribution.iter().any(|&(from, to)| from <= s && s < to)
    }

    /// "an agreement for US troops to begin leaving", "called for Kyiv to investigate": the noun phrase between
    /// "for" and a "to" infinitive is that infinitive's subject, not the object of a predicate before "for".
    fn for_to_subject(&self, k: usize) -> bool {
        let (s, e) = self.actor_tokens[k];
        let Some(for_at) = (s.saturating_sub(2)..s).rev().find(|&j| self.a.norm(j) == "for") else { return false };
        if !crate::precision::for_opens_clause(self.a, for_at) {
            return false;
        }
        let to = (e..(e + 3).min(self.a.len())).find(|&j| self.a.norm(j) == "to");
        (for_at + 1..s).all(|j| self.a.is(j, DET) || !self.a.is_punct(j) && self.a.lemmas[j].verb.is_none())
            && to.is_some_and(|t| {
                (e..t).all(|j| {
                    !self.a.is_punct(j) && self.a.lemmas[j].verb.is_none_or(|_| self.a.lemmas[j].noun.is_some())
                }) && self.a.lemmas.get(t + 1).is_some_and(|l| l.verb.is_some_and(|v| v.is(VerbForm::Base)))
            })
    }

    /// The subjects of the predicate at `p` (empty when the clause names none).
    fn subjects(&self, m: &Match, previous: &[usize]) -> Vec<usize> {
        let p = m.anchor;
        let (start, report, relpro) = self.clause_start(p);
        // "When meeting X, Y said ...": a fronted participle takes the subject after its comma.
        if m.gerund && (start..p).all(|j| self.a.is(j, SUB) || self.a.is_punct(j) || self.a.norm(j).ends_with("ly")) {
            let end = self.clause_end(p);
            if let Some(comma) = (p + 1..end).find(|&j| self.a.norm(j) == ",") {
                let after = self.slots_in(comma + 1, end);
                if let Some(&k) = after.first().filter(|&&k| self.actor_tokens[k].0 <= comma + 4 && self.can_act(k)) {
                    return self.coordinated(k, &|n| self.can_act(n));
                }
            }
        }
        let nominal = m.kind == MatchKind::Nominal;
        let agent_position = |k: usize| !nominal || !self.object_of_clause_verb(k, start);
        let candidates: Vec<usize> = self
            .slots_in(start, p)
            .into_iter()
            .filter(|&k| self.can_act(k) && self.governing_prep(k).is_none() && !self.in_relative_aside(k, p))
            .filter(|&k| agent_position(k))
            .collect();
        if let Some(&first) = candidates.first() {
            if self.possessive_opener(first, start, p, nominal) {
                return Vec::new();
            }
            // "Kenya's neighbour, Uganda, attacked ...": a name in commas right after a possessed subject noun is
            // the subject itself; the possessor only describes it.
            if self.a.norm(self.actor_tokens[first].1) == "'s"
                && let Some(&named) = candidates.get(1)
                && let (start_k, end_k) = self.actor_tokens[named]
                && start_k > 0
                && self.a.norm(start_k - 1) == ","
                && (self.actor_tokens[first].1..start_k - 1).all(|j| self.a.norm(j) != "," && self.slot_at(j).is_none())
                && start_k - 1 <= self.actor_tokens[first].1 + 3
                && self.a.norm(end_k) == ","
                && (end_k + 1..p).all(|j| !self.a.is_punct(j) && self.slot_at(j).is_none())
            {
                return vec![named];
            }
            return self.coordinated(first, &|n| candidates.contains(&n));
        }
        // "The foreign ministers of X and Y held talks": with no bare subject, an "of" phrase names it.
        let of_phrase: Vec<usize> = self
            .slots_in(start, p)
            .into_iter()
            .filter(|&k| self.can_act(k) && self.governing_prep(k).is_none_or(|j| self.a.norm(j) == "of"))
            .filter(|&k| agent_position(k))
            .collect();
        if let Some(&first) = of_phrase.first() {
            return self.coordinated(first, &|n| of_phrase.contains(&n));
        }
        // "Activists from X staged ...": the origin of a subject the actors stage could not name.
        if let Some(k) = self.origin_in_subject(m).filter(|&k| self.can_act(k)) {
            return vec![k];
        }
        // "Rebels in the Ivory Coast dismissed ...", "Security forces in X have ...": a subject the actors stage
        // could not name, placed by a country right after it, stands for that country's side.
        if let Some(k) = self.placed_subject(start, p) {
            return vec![k];
        }
        if let Some(r) = relpro
            && let Some(k) = self.slot_ending_at(r).or_else(|| r.checked_sub(1).and_then(|q| self.slot_ending_at(q)))
            && self.can_act(k)
        {
            return vec![k];
        }
        if let Some(r) = report {
            let speaker = Match { anchor: r, gerund: false, ..m.clone() };
            let s = self.subjects(&speaker, &[]);
            if !s.is_empty() {
                return s;
            }
        }
        // '"We condemn the raid," said Foreign Minister X': the speaker after an inverted report verb is the
        // source of a verbal predicate in the quote only when the quote's own subject is the speaker's "we" or
        // "I". A quote whose subject is someone else or unnamed ('"They condemned X," said Y', '"The militia
        // accused X," Y said') reports another party's act, and Y only said so.
        let verbal = Codebook::builtin().quad_class(m.code).is_some_and(|q| q == 1 || q == 3);
        if verbal
            && self.speaker_voice(start, p)
            && let Some(r) = (p + 1..self.a.len()).find(|&j| self.is_report_verb(j))
            && let Some(k) = self.slots_in(r + 1, (r + 5).min(self.a.len())).into_iter().next().or_else(|| {
                // '"We condemn X," Y said': the speaker right before the report verb, after the quote's comma.
                self.slot_ending_at(r).filter(|&k| {
                    let s = self.actor_tokens[k].0;
                    s > p && s > 0 && self.a.is_punct(s - 1)
                })
            })
            && !matches!(self.actors[k].kind, SlotKind::Media | SlotKind::Place)
        {
            return vec![k];
        }
        // "arrested militants who had attacked X": a relative clause whose antecedent is no actor has that
        // unnamed antecedent as its subject, not the subject of the predicate before it.
        if relpro.is_some_and(|r| self.a.is(r, RELPRO) && self.a.norm(r) != "that" || self.relative_that(r)) {
            return Vec::new();
        }
        previous.to_vec()
    }

    /// Whether slot `k` sits in a relative clause between commas (", which attacked Israel,") that closes before
    /// `p`: such an aside's actors are not the main clause's parties.
    fn in_relative_aside(&self, k: usize, p: usize) -> bool {
        let t = self.actor_tokens[k].0;
        let closed = (t + 1..p).any(|c| self.a.norm(c) == ",");
        let opener = (0..t).rev().take_while(|&j| self.a.norm(j) != ",").find(|&j| self.a.is(j, RELPRO));
        closed && opener.is_some_and(|r| r > 0 && self.a.norm(r - 1) == ",")
    }

    /// Whether the clause from `start` to the predicate at `p` is in the speaker's own voice: its first word
    /// (past quotes and punctuation) is "we" or "I", and no actor is named before the predicate.
    fn speaker_voice(&self, start: usize, p: usize) -> bool {
        let first = (start..p).find(|&j| !self.a.is_punct(j));
        first.is_some_and(|j| matches!(self.a.norm(j), "we" | "i")) && self.slots_in(start, p).is_empty()
    }

    /// Whether slot `k` is a possessive pronoun ("his", "her", "their", "its") that opens the clause's subject
    /// noun phrase before the predicate at `p` ("His lawyers accused X", "Her aides said"): the possessor
    /// describes the subject and is not the actor; the subject itself is the unnamed head noun. A possessive right
    /// before an event noun ("his visit to X") is that noun's agent, and one before a noun for the possessor's
    /// own side (`proxy` in `data/event_precision.tsv`: "his country will ...", "her government") stands for
    /// the possessor; neither is meant here.
    fn possessive_opener(&self, k: usize, start: usize, p: usize, nominal: bool) -> bool {
        let (s, e) = self.actor_tokens[k];
        if e != s + 1 || !matches!(self.a.norm(s), "his" | "her" | "their" | "its") || e >= p {
            return false;
        }
        // "her" is also an object pronoun ("told her"): only a pronoun opening the clause is read as possessive.
        let opens = (start..s).all(|j| self.a.is_punct(j) || self.a.is(j, CONJ | SUB));
        let head = self.a.norm(e);
        let noun_head = !self.a.is_punct(e)
            && self.a.function[e] & !PLACE_NOUN == 0
            && head.chars().all(|c| c.is_alphabetic() || c == '-')
            && self.slot_at(e).is_none();
        let own_event = nominal && (e..p).all(|j| !self.a.is_punct(j) && self.a.lemmas[j].verb.is_none()) && p <= e + 2;
        let proxy = crate::precision::lists().proxy.contains(head);
        opens && noun_head && !own_event && !proxy
    }

    /// Whether slot `k`, before the nominal predicate at `p`, is the object of a verb of the clause ("lawmakers
    /// questioned X, an aide to Y, on the talks with Z"): a verb stands between the clause start and the slot. An
    /// event noun's agent is its possessor or the subject of the verb that governs it, never that verb's object.
    fn object_of_clause_verb(&self, k: usize, start: usize) -> bool {
        let s = self.actor_tokens[k].0;
        (start..s).any(|j| {
            if self.a.is_punct(j)
                || self.a.capitalized[j]
                || self.slot_at(j).is_some()
                || self.a.report_cues.contains(&j)
            {
                return false;
            }
            let after_word =
                j > start && !self.a.is_punct(j - 1) && !self.a.is(j - 1, DET | PREP) && self.a.norm(j - 1) != "'s";
            match self.a.lemmas[j].verb {
                Some(v) => {
                    (v.is(VerbForm::Past) || v.is(VerbForm::ThirdPerson))
                        && !matches!(v.base, "be" | "have" | "do")
                        && after_word
                        && self.a.reading(j) != Reading::Noun
                }
                // A regular past the lemma table does not know ("grilled"), after its subject.
                None => {
                    let w = self.a.norm(j);
                    w.len() > 4 && w.ends_with("ed") && after_word && self.a.function[j] == 0
                }
            }
        })
    }

    /// Whether the event noun at `anchor` is the object of a verb of perception, cognition or evaluation (`stance`
    /// in `data/event_precision.tsv`: "saw the investigation into X as", "welcomed the talks with Y"): what the
    /// subject saw or judged is not the subject's act.
    fn object_of_stance_verb(&self, anchor: usize) -> bool {
        let stance = &crate::precision::lists().stance;
        let mut j = anchor;
        for _ in 0..5 {
            let Some(k) = j.checked_sub(1) else { return false };
            j = k;
            if let Some(&(s, _)) = self.time_tokens.iter().find(|&&(s, e)| s <= k && k < e) {
                j = s;
                continue;
            }
            if self.a.is_punct(k) || self.a.is(k, PREP | CONJ | RELPRO | SUB) {
                return false;
            }
            if let Some(v) = self.a.lemmas[k].verb
                && self.a.reading(k) != Reading::Noun
            {
                return stance.contains(v.base);
            }
            // The lemma table knows event verbs only: a regular or listed irregular form of a stance verb.
            let w = self.a.norm(k);
            let stem = |suffix: &str| w.strip_suffix(suffix).is_some_and(|b| stance.contains(b));
            if !self.a.capitalized[k] && (stance.contains(w) || stem("ed") || stem("d") || stem("s")) {
                return true;
            }
        }
        false
    }

    /// Whether the event noun at `anchor` sits in a "for" phrase of a common noun ("a vote approving rules for an
    /// inquiry into X", "plans for talks with Y", "a request for an investigation"): such a phrase names what the
    /// noun is meant for, a purpose or a request, not an act of the sentence's subject. Nouns whose "for" phrase
    /// is their holder's own act (`owned_for`: "responsibility for the attack") are excepted.
    fn purpose_of_noun(&self, anchor: usize) -> bool {
        let l = crate::precision::lists();
        let mut j = anchor;
        for _ in 0..4 {
            let Some(k) = j.checked_sub(1) else { return false };
            j = k;
            if self.a.norm(k) == "for" {
                let Some(head) = k.checked_sub(1) else { return false };
                let w = self.a.norm(head);
                return !self.a.is_punct(head)
                    && !self.a.capitalized[head]
                    && self.a.function[head] == 0
                    && self.slot_at(head).is_none()
                    && w.chars().all(char::is_alphabetic)
                    && self.a.reading(head) != Reading::Verb
                    && !l.owned_for.contains(w);
            }
            if self.a.is_punct(k) || self.a.is(k, PREP | CONJ | RELPRO | SUB) || self.slot_at(k).is_some() {
                return false;
            }
            if self.a.lemmas[k].verb.is_some() && self.a.reading(k) == Reading::Verb {
                return false;
            }
        }
        false
    }

    /// The country in "NOUN(S) in COUNTRY VERB" at the start of a clause: a common-noun subject (not an actor
    /// mention) of at most three words, then "in", then the only actor before the predicate.
    fn placed_subject(&self, start: usize, p: usize) -> Option<usize> {
        let slots = self.slots_in(start, p);
        let &k = slots.first()?;
        if slots.len() != 1 || !matches!(self.actors[k].kind, SlotKind::Country) || !self.can_act(k) {
            return None;
        }
        let prep = self.governing_prep(k)?;
        let head = (start..prep).filter(|&j| !self.a.is(j, DET)).count();
        let plain = (start..prep)
            .all(|j| !self.a.is_punct(j) && self.a.lemmas[j].verb.is_none_or(|_| self.a.lemmas[j].noun.is_some()));
        let close = self.actor_tokens[k].1 + 4 >= p;
        (self.a.norm(prep) == "in" && (1..=3).contains(&head) && plain && close).then_some(k)
    }

    /// The targets after token `from` up to the clause end: the first allowed actor and its list.
    fn targets_after(&self, from: usize, m: &Match, exclude: &[usize]) -> Vec<usize> {
        let end = self.clause_end(m.anchor).max(m.end);
        // "agreed to X despite Y's objection": a circumstance phrase after the object holds no party.
        let end = (from..end).find(|&j| self.a.is(j, BACKGROUND)).unwrap_or(end);
        // "arrested militants who had attacked X": a relative clause after the object is a clause of its own, whose
        // parties the predicate does not reach.
        let end = (from + 1..end).find(|&j| self.a.is(j, RELPRO) && self.a.norm(j) != "that").unwrap_or(end);
        // "withdrew from a zone agreed by X and Y": a reduced passive relative after the object is a clause of its
        // own too; its agents acted on the object, not with the predicate's subject.
        // Not so for a meeting, a support, an investigation, a reaction, a coercion or an attack (roots 04, 05, 09,
        // 10-14, 17-20): those aim at whoever made, sent, did or holds the thing ("met envoys sent by X",
        // "investigated crimes committed by X", "shelled positions held by X").
        let at_author = matches!(
            Codebook::builtin().root(m.code),
            Some("04" | "05" | "09" | "10" | "11" | "12" | "13" | "14" | "17" | "18" | "19" | "20")
        );
        let end = if at_author { end } else { (from + 1..end).find(|&j| self.reduced_participle(j)).unwrap_or(end) };
        // "talks pursuing an agreement for US troops to begin leaving X": a "for" infinitive clause is a clause of
        // its own; neither its subject nor its objects are the predicate's.
        let end = self
            .slots_in(from, end)
            .into_iter()
            .find(|&k| self.for_to_subject(k))
            .map_or(end, |k| self.actor_tokens[k].0.min(end));
        let movement = Codebook::builtin().root(m.code) == Some("04");
        // "the invasion of South Lebanon", "bombed Gaza City": a place attacked stands for its country.
        let armed = matches!(Codebook::builtin().root(m.code), Some("18" | "19" | "20"));
        let allowed = |k: usize| {
            !exclude.contains(&k)
                && !exclude.iter().any(|&x| self.actors[x].actor_id == self.actors[k].actor_id)
                // ... but only as the object itself, not a place named further on ("north of Beijing").
                && (movement
                    || armed && self.actor_tokens[k].0 <= from + 2
                    || !matches!(self.actors[k].kind, SlotKind::Place))
                && !self.is_location_use(k, m.prep)
                && !(self.is_reporter(k) && (matches!(self.actors[k].kind, SlotKind::Media) || self.after_according(k)))
                && !self.after_according(k)
                && !self.speaks(k)
                && !self.for_to_subject(k)
        };
        // A symmetric or movement predicate may name its partner at any distance in the clause; others only
        // close to the verb, so that a later adjunct's actor is not taken for the object.
        let first = self.slots_in(from, end).into_iter().find(|&k| allowed(k));
        // "demanded a truce with Moslem forces in east Bosnia": a group the actors stage could not name, placed by
        // a country, stands for that country's side (the object-side twin of `placed_subject`).
        // A group of the source's own side placed so ("Bosnian Serbs demanded a truce with Moslem forces in
        // Bosnia") is still the object: an actor further on sits in another phrase and is no target either.
        if let Some(k) = self.placed_object(from, end)
            && first.is_none_or(|f| self.actor_tokens[k].0 < self.actor_tokens[f].0)
        {
            let own =
                exclude.contains(&k) || exclude.iter().any(|&x| self.actors[x].actor_id == self.actors[k].actor_id);
            // "a truce between rebels in Sudan and Chad": the placing country may head a list.
            let placed_too = |n: usize| {
                n == k
                    || !exclude.contains(&n)
                        && !exclude.iter().any(|&x| self.actors[x].actor_id == self.actors[n].actor_id)
                        && matches!(self.actors[n].kind, SlotKind::Country | SlotKind::Place)
            };
            return if own { Vec::new() } else { self.coordinated(k, &placed_too) };
        }
        match first {
            Some(k) => self.coordinated(k, &allowed),
            None => Vec::new(),
        }
    }

    /// The country in "... GROUP-NOUN in COUNTRY" a few words after `from`: English places a group by a locative
    /// phrase right after its head noun ("rebels in Darfur", "Moslem forces in east Bosnia"), and a group of
    /// people located in a country is, in CAMEO's coding, that country's side. Only a plural group noun
    /// (`data/role_cues.tsv`) heads such a phrase; "held talks in X" names where, not whom.
    fn placed_object(&self, from: usize, end: usize) -> Option<usize> {
        let limit = end.min(from + 7);
        // Cheap word tests first: most predicates have no "in" after a group noun within reach.
        let i = (from + 1..limit).find(|&i| self.a.norm(i) == "in")?;
        if !RoleCues::builtin().is(self.a.norm(i - 1), GROUP_NOUN)
            || (from..i).any(|j| self.a.is_punct(j) || self.slot_at(j).is_some())
        {
            return None;
        }
        let k = self.slots_in(i + 1, (i + 4).min(end)).into_iter().next()?;
        let placed = self.governing_prep(k) == Some(i)
            && matches!(self.actors[k].kind, SlotKind::Country | SlotKind::Place)
            && self.actors[k].country.is_some();
        placed.then_some(k)
    }

    /// "Syrian troops backed by Russian aircraft attacked ...", "rebels, supported by Sudan, ...": a past
    /// participle right after an actor (or its comma) and followed by "by" is a reduced passive relative clause.
    /// A transitive verb in the active voice cannot be followed directly by "by", so the actor before is the
    /// patient and the one after "by" the agent. Returns the "by" token and the patient.
    ///
    /// The same holds after a noun that is no party ("a ceasefire zone agreed by X, Y and Z", "the plan drawn up
    /// by X"): the participle still cannot be the verb of the clause's subject, whose act it would wrongly become,
    /// so the agents after "by" are the sources and there is no patient party (`None`). Only when an actor follows
    /// "by" (a time, "by Friday", or a means, "by force", leaves the active reading).
    fn reduced_passive(&self, m: &Match) -> Option<(usize, Option<usize>)> {
        let p = m.anchor;
        if m.kind != MatchKind::Verb || m.passive || m.gerund || p == 0 {
            return None;
        }
        if !self.reduced_participle(p) {
            return None;
        }
        let by = p + 1;
        let patient = self.slot_ending_at(p).or_else(|| {
            (self.a.norm(p - 1) == ",").then(|| p.checked_sub(1).and_then(|q| self.slot_ending_at(q))).flatten()
        });
        // Only a determiner or a modifier may stand between "by" and its agent.
        let agent = self.slots_in(by + 1, self.clause_end(p)).into_iter().next()?;
        if self.actor_tokens[agent].0 - (by + 1) > 1 || !self.can_act(agent) {
            return None;
        }
        match patient {
            Some(k) if self.can_act(k) => Some((by, Some(k))),
            _ if self.a.is_punct(p - 1) => None,
            _ => Some((by, None)),
        }
    }

    /// Whether token `p` is a past participle directly followed by "by" and not after a form of "be" or "have":
    /// the head of a reduced passive relative clause ("backed by", "agreed by"), whose parties belong to that
    /// clause and not to the predicate whose object it modifies.
    fn reduced_participle(&self, p: usize) -> bool {
        p > 0
            && self.a.norm(p + 1) == "by"
            && self.a.lemmas.get(p).is_some_and(|l| l.verb.is_some_and(|v| v.is(VerbForm::Participle)))
            && !matches!(
                self.a.norm(p - 1),
                "be" | "is" | "are" | "was" | "were" | "been" | "being" | "has" | "have" | "had" | "not"
            )
    }

    /// "accused the US of supporting rebels", "blamed Syria for attacking Lebanon": a gerund after the object of
    /// an accusation (CAMEO roots 11, 12) takes that object as its understood subject (object control: the one
    /// accused is the one said to act), never the accuser. Returns the object's actors (empty when it names
    /// none), or `None` when the predicate is no such gerund.
    ///
    /// Infinitives after a directive ("urged the EC to support the PLO") are not handled here: the requested act
    /// has not happened, and CAMEO codes such a sentence on the directive itself, so the precision checks drop
    /// the infinitive's predicate (`precision::requested_act`).
    fn accused_subject(&self, m: &Match, matches: &[Match]) -> Option<Vec<usize>> {
        let p = m.anchor;
        if m.kind != MatchKind::Verb || m.passive || !m.gerund || p < 2 || !matches!(self.a.norm(p - 1), "of" | "for") {
            return None;
        }
        let object_end = p - 1;
        let accusation = matches.iter().find(|o| {
            // The words between the accusation verb (or its preposition) and "of" form its object: a noun phrase
            // (or list) of a few words.
            let start = o.prep.map_or(o.anchor + 1, |q| q + 1);
            matches!(Codebook::builtin().root(o.code), Some("11" | "12"))
                && o.kind == MatchKind::Verb
                && start < object_end
                && object_end - start <= 8
                && (start..object_end).all(|j| {
                    !self.a.is_boundary(j)
                        && (self.a.norm(j) == "," || !self.a.is_punct(j))
                        && (self.slot_at(j).is_some() || self.a.lemmas[j].verb.is_none_or(|v| !v.is(VerbForm::Past)))
                })
        })?;
        let objects: Vec<usize> = self
            .slots_in(accusation.prep.map_or(accusation.anchor + 1, |q| q + 1), object_end)
            .into_iter()
            .filter(|&k| self.can_act(k) && self.governing_prep(k).is_none_or(|q| Some(q) == accusation.prep))
            .collect();
        Some(objects.first().map(|&k| self.coordinated(k, &|n| objects.contains(&n))).unwrap_or_default())
    }

    /// "protested the arrest of Chinese fishermen by the Philippine navy": when the object of a reaction (a
    /// demand, disapproval, rejection, threat or protest, roots 10-14) is a nominalised act whose agent a "by"
    /// phrase names, the reaction is aimed at that agent, as CAMEO codes the party whose act is reacted to.
    fn agent_of_nominalised_object(&self, m: &Match, targets: &[usize], exclude: &[usize]) -> Option<Vec<usize>> {
        if !matches!(Codebook::builtin().root(m.code), Some("10" | "11" | "12" | "13" | "14")) {
            return None;
        }
        let &first = targets.first()?;
        let of = self.governing_prep(first)?;
        if self.a.norm(of) != "of" || of <= m.anchor {
            return None;
        }
        let last = targets.iter().map(|&t| self.actor_tokens[t].1).max()?;
        // "of Chinese fishermen by": up to three common nouns may end the patient's phrase before "by".
        let by = (last..(last + 4).min(self.a.len())).find(|&j| self.a.norm(j) == "by")?;
        if (last..by).any(|j| self.a.is_punct(j) || self.slot_at(j).is_some() || self.a.is(j, PREP | CONJ)) {
            return None;
        }
        let mut j = by + 1;
        while self.slot_starting_at(j).is_none() && self.a.is(j, DET) {
            j += 1;
        }
        let agent = self.slot_starting_at(j)?;
        let allowed = |k: usize| {
            self.can_act(k)
                && !exclude.contains(&k)
                && !exclude.iter().any(|&x| self.actors[x].actor_id == self.actors[k].actor_id)
        };
        allowed(agent).then(|| self.coordinated(agent, &allowed))
    }

    /// Whether the verb group from relative pronoun `r` to the predicate at `p` is in the present, the perfect or
    /// the future ("who has vowed", "which is threatening", "who accuses"): such a relative clause states the
    /// antecedent's current stance, which is news, where a simple past recalls its history.
    fn current_stance(&self, r: usize, p: usize) -> bool {
        let cues = RoleCues::builtin();
        let present_verb = self
            .a
            .lemmas
            .get(p)
            .and_then(|l| l.verb)
            .is_some_and(|v| v.is(VerbForm::ThirdPerson) && !v.is(VerbForm::Past));
        present_verb || (r + 1..p).any(|j| cues.is(self.a.norm(j), PRESENT_AUX))
    }

    /// "established ties with and opened an embassy in X": a preposition left bare before a coordinator shares
    /// the complement of the next conjunct's preposition (right-node raising), locative or not.
    fn raised_complement(&self, m: &Match, sources: &[usize]) -> Vec<usize> {
        let end = self.clause_end(m.anchor).max(m.end);
        let Some(conj) = (m.anchor + 1..end)
            .find(|&p| self.a.is(p, PREP) && self.a.is(p + 1, CONJ) && !self.a.is(p + 2, DET))
            .map(|p| p + 1)
        else {
            return Vec::new();
        };
        let allowed = |k: usize| {
            !sources.contains(&k) && !sources.iter().any(|&x| self.actors[x].actor_id == self.actors[k].actor_id)
        };
        let after = self.clause_end(conj + 1);
        self.slots_in(conj + 1, after)
            .into_iter()
            .find(|&k| allowed(k) && self.governing_prep(k).is_some_and(|q| q > conj))
            .map(|k| self.coordinated(k, &allowed))
            .unwrap_or_default()
    }

    /// "sent experts to X to investigate", "flew to X to mediate": a purpose infinitive that names no party of
    /// its own acts on the destination of the movement it follows in the same clause.
    fn purpose_destination(&self, m: &Match, sources: &[usize]) -> Option<usize> {
        if m.symmetric || m.anchor < 2 || self.a.norm(m.anchor - 1) != "to" {
            return None;
        }
        let mut j = m.anchor - 1;
        while j > 0 && m.anchor - j < PURPOSE_REACH {
            j -= 1;
            if self.a.is_boundary(j) || self.a.norm(j) == "," {
                return None;
            }
            if let Some(k) = self.slot_ending_at(j + 1)
                && !sources.contains(&k)
                && !sources.iter().any(|&x| self.actors[x].actor_id == self.actors[k].actor_id)
            {
                return self.governing_prep(k).filter(|&q| matches!(self.a.norm(q), "to" | "into")).map(|_| k);
            }
        }
        None
    }

    fn time_for(&self, m: &Match, matches: &[Match]) -> Option<usize> {
        // A fronted adverbial that a time expression opens dates the clause ("In November 2018 X visited Y");
        // one buried in a longer fronted phrase names an occasion ("On the occasion of the 60th anniversary").
        let (raw, _, _) = self.raw_clause_start(m.anchor);
        let (start, _, _) = self.clause_start(m.anchor);
        let end = self.clause_end(m.anchor);
        let mut best: Option<(usize, bool, usize)> = None;
        for (k, &(s, e)) in self.time_tokens.iter().enumerate() {
            let opens_fronted = s < start && s <= raw + 1 && s >= raw;
            // "a day after Kim sent": the expression that holds the subordinator dates the clause it opens.
            let opens_subordinate = e == raw && raw > 0 && self.a.is(raw - 1, PREP | SUB);
            if e <= s || (s < start.min(m.anchor) && !opens_fronted && !opens_subordinate) || e > end.max(m.end) {
                continue;
            }
            let (dist, after) = if s >= m.anchor { (s.saturating_sub(m.end), true) } else { (m.anchor - e, false) };
            let crosses = matches.iter().any(|o| {
                o.kind != MatchKind::Relation
                    && o.anchor != m.anchor
                    && o.anchor > s.min(m.anchor)
                    && o.anchor < e.max(m.anchor)
                    && !(o.anchor >= m.anchor && o.anchor < m.end)
                    // A word of the time expression itself ("March") is not a predicate between the two.
                    && !(o.anchor >= s && o.anchor < e)
            });
            if crosses {
                continue;
            }
            if best.is_none_or(|(d, a, _)| dist < d || dist == d && after && !a) {
                best = Some((dist, after, k));
            }
        }
        best.map(|b| b.2)
    }

    fn location_for(&self, m: &Match, target: Option<usize>) -> Option<usize> {
        if let Some(t) = target
            && matches!(self.actors[t].kind, SlotKind::Place)
        {
            return Some(t);
        }
        let (start, _, _) = self.clause_start(m.anchor);
        let end = self.clause_end(m.anchor);
        self.slots_in(start, end)
            .into_iter()
            .filter(|&k| matches!(self.actors[k].kind, SlotKind::Place) && self.is_location_use(k, None))
            .min_by_key(|&k| self.actor_tokens[k].0.abs_diff(m.anchor))
    }

    fn span_of_tokens(&self, from: usize, to: usize) -> Option<Span> {
        let toks = self.tokens.as_slice();
        let s = toks.get(from)?.span.start();
        let e = toks.get(to.checked_sub(1)?)?.span.end().max(s);
        Span::new(self.text, s.min(self.text_len), e.min(self.text_len)).ok()
    }

    fn events(&self, m: &Match, matches: &[Match], previous: &mut (Vec<usize>, Vec<usize>)) -> Vec<EventCandidate> {
        let mut sources;
        let mut targets;
        let mut symmetric = m.symmetric;
        let mut inner_clause = false;
        let clause_end = self.clause_end(m.anchor);
        let between = m.prep.filter(|&k| self.a.norm(k) == "between").or_else(|| {
            let near = (m.end..clause_end.min(m.end + 4)).find(|&k| self.a.norm(k) == "between");
            near.filter(|_| m.symmetric)
        });
        // "launched a mediation effort between X and Y": mediation is a third party's act, never one of the
        // pair's, so its subject (when there is one) is the source.
        let mediation = Codebook::builtin().root(m.code) == Some("04") && m.code.starts_with("045");
        let pairwise = (m.symmetric || m.kind == MatchKind::Nominal) && !mediation;
        if let Some(b) = between {
            // "a meeting between X and Y", "relations were established between X and Y"; a mediator is the
            // source of "mediated between X and Y".
            let list = self.targets_after(b + 1, m, &[]);
            let subjects = if pairwise && list.len() >= 2 { Vec::new() } else { self.subjects(m, &previous.0) };
            if subjects.is_empty() && list.len() >= 2 {
                sources = vec![list[0]];
                targets = list[1..].to_vec();
                symmetric = true;
            } else {
                sources = subjects;
                targets = list;
            }
        } else if let Some((by, patient)) = self.reduced_passive(m) {
            // A relative clause on a noun that is no party leaves the main clause's subject unknown: the verb after
            // it ("militias backed by X attacked Y") must not take the relative clause's agents.
            inner_clause = patient.is_none();
            let exclude: Vec<usize> = patient.into_iter().collect();
            sources = self.targets_after(by + 1, m, &exclude);
            targets = exclude;
        } else if m.passive {
            let end = self.clause_end(m.anchor);
            let by = (m.anchor + 1..end.min(m.anchor + 6)).find(|&j| self.a.norm(j) == "by");
            sources = by.map(|b| self.targets_after(b + 1, m, &[])).unwrap_or_default();
            targets = self.subjects(m, &[]);
            if targets.is_empty() {
                targets.extend(self.origin_in_subject(m));
            }
            // "X was arrested in Y", "X was put under investigation in Y": with no agent, an arrest or an
            // investigation is the act of the state where it happens.
            // The same holds for an attack with no agent ("three soldiers were killed in a bombing in X"): the
            // GSR's convention for attacks by no named party, as for attack nouns below; the victims stay the target.
            let agentless = matches!(Codebook::builtin().root(m.code), Some("09" | "17" | "18" | "19" | "20"));
            if by.is_none() && !targets.is_empty() && agentless {
                sources.extend(self.place_of_event(m).filter(|k| !targets.contains(k)));
            }
            // "Indian troops were put on high alert", "reservists were mobilised": raising the alert of or
            // mobilising forces (151-155) is done by the forces' own state, so with no agent the patient's side
            // is the source (CAMEO codes the state whose forces act), and there is no target.
            if by.is_none() && sources.is_empty() && m.code.starts_with("15") && m.code != "150" {
                sources = std::mem::take(&mut targets);
            }
        } else if let Some(visitor) = self.attributive_mover(m) {
            // "his visiting Cuban counterpart X ... in Pyongyang": the participle says X came to where the
            // sentence takes place, or failing a place, to the other party named in the clause.
            sources = vec![visitor];
            targets = self.host_of(m, visitor).into_iter().collect();
        } else if m.kind == MatchKind::Nominal {
            // A bare nominal ("for the attack", "aid workers") names no parties of its own: not an event here.
            let possessor = self.possessor(m.anchor);
            if possessor.is_none() && m.prep.is_none() && !m.subject_action {
                return Vec::new();
            }
            // "amid an impasse in negotiations with X": a nominal framed as circumstance is not the subject's act.
            if possessor.is_none() && self.in_background_phrase(m.anchor) {
                return Vec::new();
            }
            if possessor.is_none() && (self.object_of_stance_verb(m.anchor) || self.purpose_of_noun(m.anchor)) {
                return Vec::new();
            }
            sources = possessor.map(|k| vec![k]).unwrap_or_else(|| self.subjects(m, &previous.0));
            targets = match m.prep {
                Some(k) => self.targets_after(k + 1, m, &sources),
                None => Vec::new(),
            };
        } else {
            // "X was attacked by Y, killing 20": a participle after a comma continues the previous predicate, whose
            // actor (the passive's agent too) is its subject.
            let continues = m.gerund && m.anchor > 0 && self.a.norm(m.anchor - 1) == "," && !previous.0.is_empty();
            // "killed X and wounded Y": a past-tense verb right after "and", with a verb of the same clause
            // before it, shares that verb's subject (none, if it had none), not the object in between.
            let coordinated_verb = self.coordinated_verb(m, matches);
            if coordinated_verb && previous.0.is_empty() {
                return Vec::new();
            }
            let continues = continues || coordinated_verb;
            let accused = self.accused_subject(m, matches);
            sources = if let Some(objects) = accused {
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
            targets = self.targets_after(from, m, &sources);
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
        }
        if between.is_none()
            && m.kind == MatchKind::Verb
            && let Some(tree) = &self.tree
        {
            self.tree_roles(tree, m, &mut sources, &mut targets);
        }
        sources.retain(|&k| self.present(k));
        if sources.is_empty() && m.kind == MatchKind::Verb {
            // A predicate with no subject leaves none for a verb coordinated with it.
            previous.0.clear();
        }
        // '"X said Y must release ...": an obligation inside reported speech is the speaker's demand of Y.
        let mut demand = false;
        if m.obliged
            && !m.passive
            && let (_, Some(r), _) = self.clause_start(m.anchor)
        {
            let speaker = self.subjects(&Match { anchor: r, gerund: false, ..m.clone() }, &[]);
            if !speaker.is_empty() && !sources.is_empty() && speaker != sources {
                targets = std::mem::replace(&mut sources, speaker);
                demand = true;
            }
        }
        if sources.is_empty() || m.pattern == crate::matcher::OBLIGATION_PATTERN && !demand {
            return Vec::new();
        }
        // "X, which rendered support to Y in the 1970s struggle, ...": a non-restrictive relative clause with no
        // date of its own describes the antecedent's past, not the news.
        let (_, _, relpro) = self.raw_clause_start(m.anchor);
        if relpro.is_some_and(|r| r > 0 && self.a.norm(r - 1) == "," && self.a.is(r, RELPRO))
            && relpro.is_none_or(|r| !self.current_stance(r, m.anchor))
            && self.time_for(m, matches).is_none()
        {
            return Vec::new();
        }
        // "sent messages to X expressing willingness to ...": a predicate with no object of its own continues the
        // previous one of the same subject and shares its partners.
        if targets.is_empty() && !symmetric && sources == previous.0 {
            targets = previous.1.clone();
        }
        if !inner_clause {
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
        let book = Codebook::builtin();
        let flags_base = self.flags(m);
        let time = self.time_for(m, matches).or_else(|| {
            // An attributive "visiting" frames the whole sentence, so the sentence's date is the visit's.
            let attributive = self.attributive_mover(m).is_some();
            attributive
                .then(|| (0..self.times.len()).find(|&t| self.time_tokens[t].1 > self.time_tokens[t].0))
                .flatten()
        });
        let future_time = time.is_some_and(|t| self.times[t].future);
        let mut flags = flags_base;
        flags.future |= future_time;
        flags.symmetric = symmetric;
        let code = if demand {
            // The demand is made now, of another party; the demanded action is not the speaker's plan.
            flags.future = false;
            "100"
        } else if m.refused
            || m.negated && flags.future && book.quad_class(m.code).is_some_and(|q| q <= 2)
            || m.failed && (matches!(book.root(m.code), Some("04" | "05")) || m.symmetric)
        {
            // "refused to attend", "will not accept", "failed to reach agreement": the refusal (or the failure to
            // meet or agree) happened; what was refused decides the kind of rejection.
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
        let mut out = Vec::new();
        let target_opts: Vec<Option<usize>> =
            if targets.is_empty() { vec![None] } else { targets.iter().copied().map(Some).collect() };
        for &s in &sources {
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
                        out.push(EventCandidate {
                            code,
                            done_code: m.code,
                            source: s,
                            target: None,
                            flags,
                            evidence,
                            pattern: m.pattern,
                            time,
                            location: self.location_for(m, None),
                            home_target: false,
                        });
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
                out.push(EventCandidate {
                    code,
                    done_code: m.code,
                    source: s,
                    target: t,
                    flags,
                    evidence,
                    pattern: m.pattern,
                    time,
                    location: self.location_for(m, t),
                    home_target: t.is_none() && self.acts_at_home(s, m.code),
                });
            }
        }
        out
    }

    /// Replaces the word-order roles of verb predicate `m` by those the tree gives, role by role: a role the tree
    /// names no party for keeps its word-order parties.
    fn tree_roles(&self, tree: &TreeRoles, m: &Match, sources: &mut Vec<usize>, targets: &mut Vec<usize>) {
        let Some(v) = self.tokens.get(m.anchor).and_then(|t| tree.word_at(t.span)) else { return };
        let prep = m.prep.map(|k| self.a.norm(k));
        let roles = tree.verb_roles(v, prep);
        let movement = Codebook::builtin().root(m.code) == Some("04");
        let armed = matches!(Codebook::builtin().root(m.code), Some("18" | "19" | "20"));
        let tree_sources: Vec<usize> =
            roles.sources.into_iter().filter(|&k| self.present(k) && self.can_act(k)).collect();
        // A tree role whose parties are all among the word-order ones agrees with it; word order then keeps the
        // parties the tree attached lower ("Hungarian and Romanian officials").
        if !tree_sources.is_empty() && !tree_sources.iter().all(|k| sources.contains(k)) {
            *sources = tree_sources;
        }
        let tree_targets: Vec<usize> = roles
            .targets
            .into_iter()
            .filter(|&k| {
                self.present(k)
                    && !sources.contains(&k)
                    && !(self.is_reporter(k) && matches!(self.actors[k].kind, SlotKind::Media))
                    && (movement || armed || !matches!(self.actors[k].kind, SlotKind::Place))
            })
            .collect();
        if !tree_targets.is_empty() && !tree_targets.iter().all(|k| targets.contains(k)) {
            *targets = tree_targets;
        }
        targets.retain(|k| !sources.contains(k));
    }

    /// Where a protest, a coercive measure or an armed action with no named target happens: the nearest country
    /// in the clause used as a location ("in Serbia", "at a jail in northern Israel"), other than the source.
    fn protest_place(&self, m: &Match, sources: &[usize]) -> Option<usize> {
        let administrative = Codebook::builtin().root(m.code) == Some("17") || m.code.starts_with("081");
        // "fired shells at targets in X-city": an armed action in a foreign city is against that city's country.
        let armed = matches!(Codebook::builtin().root(m.code), Some("18" | "19" | "20"));
        // "suspended aid deliveries in X-city", "distributed food in X-city": aid given or cut off abroad is for
        // (or against) the country it is delivered in.
        let aid = Codebook::builtin().root(m.code) == Some("07") || m.code.starts_with("162");
        // "Kurds demonstrated in Kirkuk": a protest in a city of the protesters' own country is against its
        // authorities; one abroad ("marched in Paris") names only where it was.
        let protest = Codebook::builtin().root(m.code) == Some("14");
        let foreign = |k: usize| {
            let c = self.actors[k].country.as_deref();
            sources.iter().all(|&s| self.actors[s].country.as_deref().is_some_and(|sc| Some(sc) != c))
        };
        let home = |k: usize| {
            let c = self.actors[k].country.as_deref();
            c.is_some() && sources.iter().any(|&s| self.actors[s].country.as_deref() == c)
        };
        let (start, _, _) = self.clause_start(m.anchor);
        let end = self.clause_end(m.anchor);
        self.slots_in(start, end)
            .into_iter()
            // A country named as the place, not a city: "marched in Hong Kong" says where, not against whom; but
            // a curfew or its easing "in Algiers" is imposed on that city's people.
            .filter(|&k| {
                matches!(self.actors[k].kind, SlotKind::Country | SlotKind::Group)
                    || (administrative || (armed || aid) && foreign(k) || protest && home(k))
                        && matches!(self.actors[k].kind, SlotKind::Place)
            })
            .filter(|&k| self.actor_tokens[k].0 > m.anchor && self.is_location_use(k, None))
            .filter(|&k| !sources.contains(&k) && self.actors[k].country.is_some())
            .min_by_key(|&k| self.actor_tokens[k].0.abs_diff(m.anchor))
    }

    /// Whether slot `k` names a peacekeeping force: a peacekeeping cue inside its mention or within two words
    /// after it ("UN peacekeepers").
    fn peacekeepers(&self, k: usize) -> bool {
        let (s, e) = self.actor_tokens[k];
        self.a.peacekeeping_cues.iter().any(|&c| c >= s && c < e + 2)
    }

    /// Whether source `s` doing `code` with no named target acts on its own state: administrative coercion or
    /// its easing (roots 17, 081) by a state actor, or force (roots 18-20) by its police.
    fn acts_at_home(&self, s: usize, code: &str) -> bool {
        let slot = &self.actors[s];
        if slot.country.is_none() {
            return false;
        }
        let sector = slot.code.as_deref().and_then(|c| c.get(3..6)).unwrap_or("");
        let state = matches!(slot.kind, SlotKind::Country) || STATE_SECTORS.contains(&sector);
        let root = Codebook::builtin().root(code);
        let administrative = root == Some("17") || code.starts_with("081");
        administrative && state || sector == "COP" && matches!(root, Some("18" | "19" | "20"))
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
        let dissident = |k: usize| {
            self.actors[k].code.as_deref().and_then(|c| c.get(3..6)).is_some_and(|sector| DISSIDENT.contains(&sector))
        };
        let foreign = (0..self.actors.len())
            .any(|k| self.present(k) && self.actors[k].country.as_deref().is_some_and(|c| c != a.as_str()));
        foreign && !dissident(s) && !dissident(t)
    }

    /// The actor an attributive movement participle describes: "his visiting Cuban counterpart X", "the
    /// visiting premier". Only for a gerund form of a movement (root 04) predicate after a determiner, with
    /// an actor starting within three words after it.
    fn attributive_mover(&self, m: &Match) -> Option<usize> {
        let i = m.anchor;
        let gerund = self.a.lemmas.get(i)?.verb.is_some_and(|v| v.is(VerbForm::Gerund));
        let movement = matches!(Codebook::builtin().root(m.code), Some("04")) && !m.symmetric;
        if !gerund || !movement || i == 0 || !self.a.is(i - 1, DET) || m.prep.is_some() {
            return None;
        }
        let near: Vec<usize> = self.slots_in(i + 1, (i + 8).min(self.a.len()));
        let first = near.iter().copied().find(|&k| self.actor_tokens[k].0 <= i + 3)?;
        // "visiting Cuban counterpart Diaz-Canel": a nationality adjective before the person is the same mover.
        let person = near
            .iter()
            .copied()
            .find(|&k| matches!(self.actors[k].kind, SlotKind::Person) && self.actor_tokens[k].0 <= i + 4);
        let k = person.unwrap_or(first);
        (self.can_act(k) && !matches!(self.actors[k].kind, SlotKind::Place)).then_some(k)
    }

    /// Where a visitor came to: a place the sentence locates itself in ("in Pyongyang"), else another actor of
    /// another country in the same clause (the host).
    fn host_of(&self, m: &Match, visitor: usize) -> Option<usize> {
        let country = self.actors[visitor].country.as_deref();
        let other = |k: usize| k != visitor && country.is_some() && self.actors[k].country.as_deref() != country;
        let all = self.slots_in(0, self.a.len());
        all.iter()
            .copied()
            .find(|&k| other(k) && matches!(self.actors[k].kind, SlotKind::Place) && self.is_location_use(k, m.prep))
            .or_else(|| {
                let end = self.clause_end(m.anchor);
                all.iter().copied().find(|&k| {
                    other(k)
                        && self.actor_tokens[k].1 <= end
                        && matches!(self.actors[k].kind, SlotKind::Person | SlotKind::Country)
                        && self.can_act(k)
                })
            })
    }

    /// Whether a background preposition ("amid", "despite") frames the noun phrase holding token `i`.
    fn in_background_phrase(&self, i: usize) -> bool {
        let mut j = i;
        for _ in 0..6 {
            let Some(prev) = j.checked_sub(1) else { return false };
            j = prev;
            if self.a.is(j, BACKGROUND) {
                return true;
            }
            if self.a.is_punct(j) || self.a.lemmas[j].verb.is_some_and(|v| !v.is(VerbForm::Participle)) {
                return false;
            }
        }
        false
    }

    fn flags(&self, m: &Match) -> Flags {
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

    /// "Kim's visit": the slot right before a possessive `'s` in front of the phrase (modifiers allowed).
    fn possessor(&self, anchor: usize) -> Option<usize> {
        let mut j = anchor;
        for _ in 0..3 {
            j = j.checked_sub(1)?;
            // "Trump's July 25 call with X": a date between the possessor and its event noun.
            while let Some(&(s, _)) = self.time_tokens.iter().find(|&&(s, e)| s <= j && j < e && s > 0) {
                j = s - 1;
            }
            if self.a.norm(j) == "'s" {
                let k = self.slot_ending_at(j)?;
                return self.can_act(k).then_some(k);
            }
            if self.a.is_punct(j) || self.a.is(j, PREP) {
                return None;
            }
        }
        None
    }

    fn relation(&self, m: &Match, out: &mut Vec<RelationCandidate>) {
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        if m.object.is_none()
            && m.prep.is_none()
            && self.a.lemmas[m.anchor].verb.is_none_or(|v| !v.is(VerbForm::Base) && !v.is(VerbForm::ThirdPerson))
        {
            // A noun cue ("the North Korea-Russia mutual defense treaty"): two actors just before it, or the
            // subject and the actor after it.
            let before: Vec<usize> =
                self.slots_in(m.anchor.saturating_sub(6), m.anchor).into_iter().filter(|&k| self.can_act(k)).collect();
            if before.len() >= 2 {
                pairs.push((before[before.len() - 2], before[before.len() - 1]));
            }
        }
        if pairs.is_empty() {
            let subjects = self.subjects(m, &[]);
            let from = m.prep.map_or(m.anchor + 1, |k| k + 1);
            let partners = self.targets_after(from, m, &subjects);
            for &s in &subjects {
                for &t in &partners {
                    pairs.push((s, t));
                }
            }
        }
        for (x, y) in pairs {
            if self.actors[x].actor_id == self.actors[y].actor_id {
                continue;
            }
            let lo = self.actor_tokens[x].0.min(m.anchor).min(self.actor_tokens[y].0);
            let hi = self.actor_tokens[y].1.max(m.end).max(self.actor_tokens[x].1);
            let Some(evidence) = self.span_of_tokens(lo, hi) else { continue };
            out.push(RelationCandidate { kind: m.code, a: x, b: y, evidence, pattern: m.pattern });
        }
    }
}

impl EventCandidate {
    /// The single-mention [`EventRecord`] for this candidate: parties, date, location, flags and pattern filled
    /// from the slots it points into (the same `actors` and `times` given to [`code_sentence`]), with one
    /// `mention`. `id` is `code:source:target` until consolidation assigns the final one. `None` if a slot
    /// index is out of range or the code is unknown.
    pub fn to_record(&self, actors: &[ActorSlot], times: &[TimeSlot], mention: Mention) -> Option<EventRecord> {
        let state =
            |c: &String| Party { id: c.clone(), name: c.clone(), code: Some(c.clone()), country: Some(c.clone()) };
        let party = |k: usize| {
            actors.get(k).map(|s| match (&s.kind, &s.country) {
                // A place taken as a party ("shelled targets in X-city", "was arrested in X-city") stands for
                // its state; the place itself stays the event's location.
                (SlotKind::Place, Some(c)) if &s.actor_id != c => state(c),
                _ => Party {
                    id: s.actor_id.clone(),
                    name: s.name.clone(),
                    code: s.code.clone(),
                    country: s.country.clone(),
                },
            })
        };
        let source = party(self.source)?;
        let target = match self.target {
            Some(t) => Some(party(t)?),
            // The source's own state, named by its country code.
            None if self.home_target => source.country.as_ref().map(state),
            None => None,
        };
        let mut record = EventRecord::for_code(self.code, source, target, self.pattern)?;
        record.id =
            format!("{}:{}:{}", self.code, record.source.id, record.target.as_ref().map_or("-", |t| t.id.as_str()));
        if let Some(t) = self.time.and_then(|t| times.get(t)) {
            record.date = Some(match t.value {
                TimeValue::Date(d) => EventDate::from_value(d, t.basis.clone()),
                TimeValue::Range(r) => EventDate::from_range(r, t.basis.clone()),
            });
        }
        if let Some(place) = self.location.and_then(|l| actors.get(l)) {
            record.location = Some(Location { name: place.name.clone(), country: place.country.clone() });
        }
        record.flags = self.flags;
        record.mentions.push(mention);
        record.num_mentions = 1;
        record.num_articles = 1;
        record.num_sources = 1;
        Some(record)
    }
}

/// The rejection code for refusing an action with code `done`: refusing to meet or negotiate is 125, to give
/// material cooperation or aid 121, to yield 124, anything else 120.
fn refusal_code(done: &str) -> &'static str {
    match Codebook::builtin().root(done) {
        Some("04") => "125",
        Some("06" | "07") => "121",
        Some("08") => "124",
        _ => "120",
    }
}
