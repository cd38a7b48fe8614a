//! The event coder: one sentence through the named passes, in order.
//!
//! 1. analysis (`analysis.rs`, `reading.rs`): each token read once, cue positions found;
//! 2. candidates (`matcher.rs`): verb, nominal and relation patterns matched;
//! 3. precision on predicates (`precision/predicates.rs`): readings that only look like predicates dropped;
//! 4. the tree (`tree.rs`), when the caller gives a parser: the sentence parsed for the role pass;
//! 5. roles (`roles/`): the sources and targets of each predicate, by word order and then the tree;
//! 6. flags (`flags.rs`): code, flags, date and place, one candidate per (source, target);
//! 7. precision on parties (`precision/parties.rs`): candidates whose parties ordinary prose only looks like
//!    dropped;
//! 8. the sentence's events and relations deduplicated, and a protest naming no target aimed at whom the
//!    protesters demand of; an act's content, a protest's demand, an act in the setting of the sentence's news
//!    and an armed noun's outcome dropped, and the secondary acts of `secondary.rs` (an outcome participle, a
//!    purpose of force, an act deferred by a demand) (one event per reported act);
//! 9. an event naming no target whose object refers to an earlier act ("rejected these accusations") marked for
//!    the caller (`reference.rs`).

use crate::analysis::Analysis;
use crate::candidate::{EventCandidate, SentenceEvents};
use crate::codebook::Codebook;
use crate::dict::{Dictionaries, LoadedUse};
use crate::lexicon::{DET, MODAL, PREP, RELPRO, SUB};
use crate::matcher::{Match, MatchKind, find_in};
use crate::precision::{SentenceFacts, drop_false_predicates, plausible};
use crate::reading::Reading;
use crate::roles::{Context, Previous, token_range};
use crate::slots::{ActorSlot, TimeSlot};
use crate::tree::{Parse, Tree};
use dyad_core::Span;
use dyad_text::{Tokens, VerbForm};
use rustc_hash::FxHashSet as HashSet;
use std::cell::OnceCell;

/// Codes one sentence. `tokens` are the sentence's tokens (from [`dyad_text::tokenize`] over the sentence span
/// of `text`); `actors` and `times` are the sentence's mentions with spans in the same `text`. Slots outside
/// the sentence are ignored.
///
/// ```
/// use dyad_core::{DateValue, Span};
/// use dyad_events::{ActorSlot, SlotKind, code_sentence};
///
/// let text = "North Korea condemned Japan on Monday.";
/// let tokens = dyad_text::tokenize(text, Span::new(text, 0, text.len()).unwrap());
/// let slot = |name: &str, id: &str| {
///     let start = text.find(name).unwrap();
///     ActorSlot {
///         span: Span::new(text, start, start + name.len()).unwrap(),
///         actor_id: id.into(),
///         name: name.into(),
///         code: Some(id.into()),
///         country: Some(id.into()),
///         kind: SlotKind::Country,
///     }
/// };
/// let actors = [slot("North Korea", "PRK"), slot("Japan", "JPN")];
/// let coded = code_sentence(text, &tokens, &actors, &[]);
/// let event = &coded.events[0];
/// assert_eq!((event.code, event.source, event.target), ("111", 0, Some(1)));
/// let record = event.to_record(&actors, &[], Default::default()).unwrap();
/// assert_eq!(record.quad_class, 3);
/// ```
pub fn code_sentence(text: &str, tokens: &Tokens, actors: &[ActorSlot], times: &[TimeSlot]) -> SentenceEvents {
    code_sentence_in(Dictionaries::builtin(), text, tokens, actors, times)
}

/// Like [`code_sentence`], against `dicts` (e.g. the built-in set plus loaded PETRARCH verbs, see
/// [`Dictionaries::with_petrarch_verbs`]).
pub fn code_sentence_in(
    dicts: &'static Dictionaries,
    text: &str,
    tokens: &Tokens,
    actors: &[ActorSlot],
    times: &[TimeSlot],
) -> SentenceEvents {
    code_sentence_with(dicts, text, tokens, actors, times, None)
}

/// Like [`code_sentence_in`], with roles of verbs and event nouns read from a dependency tree when `parser` gives
/// one (see `tree.rs`). The sentence is parsed only when it has an actor mention and a predicate; where the tree
/// names no party for a role, the word-order result stands.
pub fn code_sentence_with(
    dicts: &'static Dictionaries,
    text: &str,
    tokens: &Tokens,
    actors: &[ActorSlot],
    times: &[TimeSlot],
    parser: Option<&dyn Parse>,
) -> SentenceEvents {
    // Loaded verb rows as a fallback: the built-in dictionaries first, the loaded ones only where those code no
    // event with a target. The second pass analyses the sentence again (the analysis reads the dictionaries) but
    // reuses the first pass's tree.
    if dicts.loaded_use == LoadedUse::WhereSentenceHasNoEvent && dicts.has_loaded() {
        let once = parser.map(|parser| ParseOnce { parser, tree: OnceCell::new() });
        let parser = once.as_ref().map(|p| p as &dyn Parse);
        let own = code_sentence_once(Dictionaries::builtin(), text, tokens, actors, times, parser);
        if own.events.iter().any(|e| e.target.is_some()) {
            return own;
        }
        return code_sentence_once(dicts, text, tokens, actors, times, parser);
    }
    code_sentence_once(dicts, text, tokens, actors, times, parser)
}

/// A parser that parses one sentence once: the second call for the same sentence (the span from its first token to
/// its last) returns the first call's tree.
struct ParseOnce<'p> {
    parser: &'p dyn Parse,
    tree: OnceCell<(Option<Span>, Option<Tree>)>,
}

impl Parse for ParseOnce<'_> {
    fn parse(&self, text: &str, tokens: &Tokens) -> Option<Tree> {
        let sentence = tokens
            .get(0)
            .zip(tokens.as_slice().last())
            .and_then(|(a, b)| Span::new(text, a.span.start(), b.span.end()).ok());
        match self.tree.get() {
            Some((span, tree)) if *span == sentence => tree.clone(),
            Some(_) => self.parser.parse(text, tokens),
            None => self.tree.get_or_init(|| (sentence, self.parser.parse(text, tokens))).1.clone(),
        }
    }
}

/// [`code_sentence_with`] with `dicts` everywhere: one analysis and one coding pass.
fn code_sentence_once(
    dicts: &'static Dictionaries,
    text: &str,
    tokens: &Tokens,
    actors: &[ActorSlot],
    times: &[TimeSlot],
    parser: Option<&dyn Parse>,
) -> SentenceEvents {
    let analysis = analyse(dicts, tokens, actors, times);
    let mut matches = find_in(&analysis);
    let predicates = matches.iter().any(|m| m.kind != MatchKind::Relation);
    let mut ctx = Context::new(text, tokens, &analysis, actors, times, predicates);
    // Predicates and parties that ordinary web prose only looks like (see `precision/`).
    drop_false_predicates(&analysis, &mut matches, &ctx.time_tokens);
    ctx.parser = parser;
    let facts = if matches.iter().any(|m| m.kind != MatchKind::Relation) {
        SentenceFacts::new(&analysis, text, tokens)
    } else {
        SentenceFacts::default()
    };
    let mut out = code_matches(&ctx, &matches, &facts);
    let mut kept = HashSet::default();
    out.events.retain(|e| kept.insert((e.code, e.source, e.target)));
    // "X said Y should withdraw its troops": the obligation cue's demand (100) and the demanded act's, coded by what
    // it demands (1056), are one demand.
    let specific: Vec<(usize, Option<usize>)> = out
        .events
        .iter()
        .filter(|e| e.code.starts_with("10") && e.code != "100")
        .map(|e| (e.source, e.target))
        .collect();
    out.events.retain(|e| {
        !(e.code == "100"
            && e.pattern == crate::matcher::OBLIGATION_PATTERN
            && specific.contains(&(e.source, e.target)))
    });
    out
}

/// The analysis pass, with the token ranges of the sentence's time and actor mentions.
fn analyse<'t>(
    dicts: &'static Dictionaries,
    tokens: &'t Tokens,
    actors: &[ActorSlot],
    times: &[TimeSlot],
) -> Analysis<'t> {
    let mut analysis = Analysis::new_in(dicts, tokens);
    if !times.is_empty() {
        analysis.set_times(times.iter().map(|s| token_range(tokens, s.span)).collect());
    }
    analysis.set_actors(actors.iter().map(|s| token_range(tokens, s.span)).collect());
    analysis
}

/// The roles, flags and party-precision passes over every match, in sentence order: one event per (code,
/// source actor, target actor) and one relation per (kind, unordered pair of actors).
fn code_matches(ctx: &Context, matches: &[Match], facts: &SentenceFacts) -> SentenceEvents {
    let mut out = SentenceEvents::default();
    let mut previous: Previous = (Vec::new(), Vec::new());
    let mut seen = HashSet::default();
    let mut seen_relations = HashSet::default();
    // The predicate anchor of each event in `out.events`.
    let mut from = Vec::new();
    for m in matches {
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
            MatchKind::Verb if adjective_use(ctx, m) || attributive_participle(ctx, m) => {}
            MatchKind::Verb | MatchKind::Nominal => {
                let before = ctx.parser.is_some().then(|| previous.clone());
                ctx.tree_changed.set(false);
                let mut events = predicate_events(ctx, m, matches, facts, &mut previous);
                // The tree refines word order's roles: where the parties it reads make no plausible event, word
                // order's parties stand.
                if events.is_empty()
                    && ctx.tree_changed.get()
                    && let Some(before) = before
                {
                    previous = before;
                    ctx.tree_off.set(true);
                    events = predicate_events(ctx, m, matches, facts, &mut previous);
                    ctx.tree_off.set(false);
                }
                for e in events {
                    let key = (e.code, ctx.actor_key(e.source), e.target.map(|t| ctx.actor_key(t)));
                    if seen.insert(key) {
                        out.events.push(e);
                        from.push(m.anchor);
                    }
                }
            }
        }
    }
    drop_contents(ctx, &mut out.events, &mut from);
    aim_protests_at_demands(&mut out.events);
    drop_demands_of_protests(ctx, &mut out.events, &mut from);
    drop_background(ctx, &mut out.events, &mut from);
    drop_outcomes_of_armed_nouns(ctx, &mut out.events, &mut from);
    crate::secondary::drop_secondary_acts(ctx, &mut out.events, &mut from);
    out.references = crate::reference::mark(ctx, &out.events, &from);
    out
}

/// "US drone attacks have killed eight militants", "an air strike wounded two soldiers": an armed verb (CAMEO roots
/// 18-20) whose subject is a coded armed event noun between the same sides tells what that act did, not a
/// second act; the noun, which names the means, is the event. The noun is the verb's subject when the tree says
/// so ("attacks, occurring every three days, have killed") or, in word order, when only its own noun phrase
/// (nouns, determiners, prepositions, actor mentions) and auxiliaries stand between them ("air strikes on Gaza
/// killed": the parser reads "killed" as a participle on "strikes" there).
fn drop_outcomes_of_armed_nouns(ctx: &Context, events: &mut Vec<EventCandidate>, from: &mut Vec<usize>) {
    let book = Codebook::builtin();
    let armed = |e: &EventCandidate| matches!(book.root(e.code), Some("18" | "19" | "20"));
    // Every armed event, and whether a noun pattern coded it (a verb pattern the tree reads as a subject noun,
    // "US Predator attacks, ..., have killed", counts when the tree says so).
    let nouns: Vec<(usize, usize, Option<usize>, bool)> = events
        .iter()
        .zip(from.iter())
        .filter(|(e, _)| armed(e))
        .map(|(e, &k)| (k, e.source, e.target, e.pattern.starts_with("nominal:")))
        .collect();
    let verb_armed = |e: &EventCandidate| armed(e) && e.pattern.starts_with("verbs:");
    if nouns.len() < 2 || !events.iter().any(verb_armed) {
        return;
    }
    let a = ctx.a;
    let in_actor = |k: usize| ctx.actor_tokens.iter().any(|&(s, e)| s <= k && k < e);
    let phrase_word = |k: usize| {
        !a.is_punct(k)
            && (a.is(k, DET | PREP | MODAL)
                || in_actor(k)
                || a.reading(k) == Reading::Noun
                || a.lemmas[k].verb.is_some_and(|v| matches!(v.base, "have" | "be")))
    };
    let subject = |n: usize, v: usize, nominal: bool| {
        nominal && n < v && v - n <= 8 && (n + 1..v).all(phrase_word)
            || n != v
                && ctx.tree().is_some_and(|tree| {
                    ctx.tree_word(tree, v)
                        .zip(ctx.tree_word(tree, n))
                        .is_some_and(|(tv, tn)| tree.is_subject_of(tn, tv))
                })
    };
    // The same side: "strikes on southern Lebanon killed five Hezbollah fighters" hit one country.
    let side = |k: usize| ctx.actors.get(k).and_then(|s| s.country.as_deref()).unwrap_or(ctx.actor_key(k));
    let same = |a: usize, b: usize| side(a) == side(b);
    let outcome = |e: &EventCandidate, k: usize| {
        verb_armed(e)
            && nouns.iter().any(|&(n, source, target, nominal)| {
                same(source, e.source)
                    && target.zip(e.target).is_some_and(|(t, u)| same(t, u))
                    && subject(n, k, nominal)
            })
    };
    retain_events(events, from, |e, k| !outcome(e, k));
}

/// "Italy suspended air links with Serbia a day after a Serbian jet shot down a helicopter", "X demanded a truce
/// before allowing aid convoys", "demonstrated in Serbia, where 24 people were killed last March": an act named in
/// a clause of time or circumstance, or in a "where" clause on a place, is the setting of the sentence's news, not
/// its news; a report codes its main clause's act (CAMEO codes a sentence by its main event). So where an event
/// stands outside such a clause with its target, the events whose predicates stand inside one are dropped. With no
/// such event the setting is all there is to code ("two died when police opened fire on protesters"). Word order,
/// not the tree: the parser often hangs such a clause on the wrong word.
fn drop_background(ctx: &Context, events: &mut Vec<EventCandidate>, from: &mut Vec<usize>) {
    if events.len() < 2 {
        return;
    }
    let background: Vec<bool> = from.iter().map(|&k| ctx.in_setting_clause(k)).collect();
    // A main act whose target stands in the setting ("appealed for help after the Russian attack") is no
    // main act of its own: its target was read from the setting.
    let outside = |t: usize| ctx.actor_tokens.get(t).is_some_and(|&(s, _)| !ctx.in_setting_clause(s));
    let main = events.iter().zip(&background).any(|(e, &b)| !b && e.target.is_some_and(outside));
    if !main || !background.contains(&true) {
        return;
    }
    retain_events(events, from, |_, k| !ctx.in_setting_clause(k));
}

/// Keeps the events (and their predicate anchors in `from`, kept aligned) for which `keep` holds.
fn retain_events(
    events: &mut Vec<EventCandidate>,
    from: &mut Vec<usize>,
    keep: impl Fn(&EventCandidate, usize) -> bool,
) {
    let kept: Vec<bool> = events.iter().zip(from.iter()).map(|(e, &k)| keep(e, k)).collect();
    let mut flags = kept.iter();
    events.retain(|_| flags.next().copied().unwrap_or(true));
    let mut flags = kept.iter();
    from.retain(|_| flags.next().copied().unwrap_or(true));
}

/// "staged demonstrations to demand reforms", "demonstrated calling for independence": CAMEO codes a protest by
/// what it is for (1411-1454: demonstrate, strike, obstruct for a leadership or policy change, rights, ...), so the
/// demand or appeal (roots 10, 02) its protesters voice after the protest predicate is the protest's purpose, not
/// an event of its own (the protest takes its target, see [`aim_protests_at_demands`]). Word order, not the tree:
/// the demand is a purpose infinitive or a participle after the protest predicate, by the same source.
fn drop_demands_of_protests(ctx: &Context, events: &mut Vec<EventCandidate>, from: &mut Vec<usize>) {
    let book = Codebook::builtin();
    let protests: Vec<(&str, usize)> = events
        .iter()
        .zip(from.iter())
        .filter(|(e, _)| book.root(e.code) == Some("14"))
        .map(|(e, &k)| (ctx.actor_key(e.source), k))
        .collect();
    if protests.is_empty() {
        return;
    }
    // Only a purpose ("to demand") or a participle ("demanding", "calling for"): "... and demanded" is an act of
    // its own.
    let a = ctx.a;
    let purpose = |k: usize| {
        k.checked_sub(1).is_some_and(|p| a.norm(p) == "to")
            || a.lemmas.get(k).and_then(|l| l.verb).is_some_and(|v| v.is(VerbForm::Gerund))
    };
    retain_events(events, from, |e, at| {
        !(matches!(book.root(e.code), Some("02" | "10"))
            && purpose(at)
            && protests.iter().any(|&(source, p)| p < at && source == ctx.actor_key(e.source)))
    });
}

/// "demanded that its partners refuse to recognize X", "rejected an offer to host a summit to hammer out an
/// agreement", "threatened to break relations": CAMEO codes an appeal, an intent, a demand, a rejection or a threat
/// (roots 02, 03, 10, 12, 13) as that act, by what it asks for, offers, refuses or threatens; what it is about has
/// not happened. An event whose predicate stands in the tree inside the complement of such a coded predicate is
/// dropped. `from` is each event's predicate anchor. Needs the tree: word order cannot tell a complement from the
/// next clause.
fn drop_contents(ctx: &Context, events: &mut Vec<EventCandidate>, from: &mut Vec<usize>) {
    let book = Codebook::builtin();
    let root = |e: &EventCandidate| book.root(e.code);
    let governors: Vec<(usize, Option<&str>)> = events
        .iter()
        .zip(from.iter())
        .filter(|(e, _)| matches!(root(e), Some("02" | "03" | "10" | "12" | "13")))
        .map(|(e, &k)| (k, root(e)))
        .collect();
    if governors.is_empty() || events.len() < 2 {
        return;
    }
    let Some(tree) = ctx.tree() else { return };
    // Each governor's tree word, found once (a lookup scans the tree's words).
    let governors: Vec<(usize, Option<&str>, usize)> =
        governors.into_iter().filter_map(|(g, gr)| Some((g, gr, ctx.tree_word(tree, g)?))).collect();
    // An event of the governor's own root is its content already coded as such ("pledged aid": 0333, an intent).
    let inside = |k: usize, r: Option<&str>| {
        ctx.tree_word(tree, k)
            .is_some_and(|w| governors.iter().any(|&(g, gr, gw)| g != k && gr != r && tree.in_complement_of(w, gw)))
    };
    retain_events(events, from, |e, k| !inside(k, root(e)));
}

/// "provide free flu shots to detainees", "a free press": a verb pattern whose verb, in its base form, the tree
/// attaches as an adjective (`amod`) to a noun other than the pattern's object names no act. An adjective of the
/// object itself ("agreed to free 50 prisoners", which the parser may read so) is too weak a cue; participles
/// ("the freed prisoners") are left to the roles, as without a tree.
fn adjective_use(ctx: &Context, m: &Match) -> bool {
    let base = ctx.a.lemmas.get(m.anchor).and_then(|l| l.verb).is_some_and(|v| v.base == ctx.a.norm(m.anchor));
    let Some(tree) = ctx.tree().filter(|_| base) else { return false };
    let Some(noun) = ctx.tree_word(tree, m.anchor).and_then(|w| tree.adjective_of(w)) else { return false };
    m.object.and_then(|o| ctx.tree_word(tree, o)) != Some(noun)
}

/// "vaccinate detained migrants", "aid to the wounded soldiers": a verb pattern whose verb is a past participle
/// standing before a noun phrase (an actor mention or a content word) as its adjective names no act of the
/// sentence when a determiner, a preposition, a known verb or the sentence's start comes before it. Word order
/// decides, not the tree's `amod`: the parser reads "to detained migrants" as an infinitive, and "tanks shelled
/// positions" or "today ended mediation" with the verb as an adjective, which cost real predicates on the GSR. A participle after an
/// auxiliary ("were detained", "has detained British journalists"), a subject ("troops detained protesters"), a
/// relative pronoun or "not" stays the predicate, whatever the tree says.
fn attributive_participle(ctx: &Context, m: &Match) -> bool {
    let (a, i) = (ctx.a, m.anchor);
    let Some(v) = a.lemmas.get(i).and_then(|l| l.verb) else { return false };
    if !v.is(VerbForm::Participle) || v.base == a.norm(i) || i + 1 >= a.len() {
        return false;
    }
    let in_actor = |k: usize| ctx.actor_tokens.iter().any(|&(s, e)| s <= k && k < e);
    let verb_of = |k: usize| a.lemmas.get(k).and_then(|l| l.verb);
    let aux = |k: usize| a.is(k, MODAL) || verb_of(k).is_some_and(|pv| matches!(pv.base, "be" | "have" | "get"));
    let prev = i.checked_sub(1);
    if prev.is_some_and(|p| a.is(p, RELPRO) || in_actor(p) || aux(p) || a.norm(p) == "not") {
        return false;
    }
    // A noun phrase follows: not "by" (a reduced relative), another function word, punctuation or a verb.
    let next = i + 1;
    let noun_follows = in_actor(next)
        || a.function.get(next).is_some_and(|&f| f == 0)
            && !a.is_punct(next)
            && verb_of(next).is_none_or(|nv| a.lemmas[next].noun.is_some() && !nv.is(VerbForm::Participle));
    if !noun_follows {
        return false;
    }
    let Some(p) = prev else { return true };
    if a.is(p, DET) || a.is(p, PREP) && !a.is(p, SUB) && a.norm(p) != "by" {
        return true;
    }
    // After a known verb that is no noun ("vaccinate detained migrants" once "vaccinate" is listed).
    verb_of(p).is_some() && a.lemmas[p].noun.is_none() && !a.capitalized[p]
}

/// The plausible events of predicate `m` (roles, then codes and flags, then precision on parties).
fn predicate_events(
    ctx: &Context,
    m: &Match,
    matches: &[Match],
    facts: &SentenceFacts,
    previous: &mut Previous,
) -> Vec<EventCandidate> {
    let Some(roles) = ctx.assign(m, matches, previous) else { return Vec::new() };
    let mut events = ctx.code_events(m, matches, roles);
    events.retain(|e| plausible(ctx.a, ctx.actors, &ctx.actor_tokens, &ctx.time_tokens, facts, m, e));
    events
}

/// "began a hunger strike to demand the return of X from Y", "demonstrated ... calling for independence from
/// Y": a protest that names no target is aimed at whom the same protesters' demand or appeal is made of.
fn aim_protests_at_demands(events: &mut [EventCandidate]) {
    let book = Codebook::builtin();
    let demands: Vec<(usize, Option<usize>)> = events
        .iter()
        .filter(|d| d.target.is_some() && matches!(book.root(d.code), Some("02" | "10")))
        .map(|d| (d.source, d.target))
        .collect();
    for e in events.iter_mut() {
        if e.target.is_none()
            && book.root(e.code) == Some("14")
            && let Some(&(_, target)) = demands.iter().find(|d| d.0 == e.source)
        {
            e.target = target;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Flags;
    use crate::table_tests::code;

    /// Counts its calls; gives a one-word tree.
    struct Counting(std::cell::Cell<usize>);

    impl Parse for Counting {
        fn parse(&self, _: &str, tokens: &Tokens) -> Option<Tree> {
            self.0.set(self.0.get() + 1);
            let span = tokens.get(0)?.span;
            Some(Tree::new(vec![crate::tree::TreeWord { span, head: None, rel: crate::tree::Rel::Other }]))
        }
    }

    #[test]
    fn the_fallback_pass_reuses_the_first_pass_tree() {
        let counting = Counting(std::cell::Cell::new(0));
        let once = ParseOnce { parser: &counting, tree: OnceCell::new() };
        let text = "Iran attacked Iraq. Iraq replied.";
        let (first, second) = (Span::new(text, 0, 19).unwrap(), Span::new(text, 20, text.len()).unwrap());
        let (first, second) = (dyad_text::tokenize(text, first), dyad_text::tokenize(text, second));
        let tree = once.parse(text, &first);
        assert_eq!(once.parse(text, &first), tree);
        assert_eq!(counting.0.get(), 1, "the same sentence is parsed once");
        assert_ne!(once.parse(text, &second), tree);
        assert_eq!(counting.0.get(), 2, "another span is parsed");
    }

    fn event(code: &'static str, source: usize, target: Option<usize>) -> EventCandidate {
        EventCandidate {
            code,
            done_code: code,
            source,
            target,
            flags: Flags::default(),
            evidence: Span::new("x", 0, 1).unwrap(),
            pattern: "test",
            time: None,
            location: None,
            home_target: false,
            home_source: false,
            now: false,
        }
    }

    #[test]
    fn a_protest_with_no_target_is_aimed_at_whom_its_protesters_demand_of() {
        let mut events = [event("141", 0, None), event("100", 0, Some(2)), event("141", 1, None)];
        aim_protests_at_demands(&mut events);
        assert_eq!(events.iter().map(|e| e.target).collect::<Vec<_>>(), [Some(2), Some(2), None]);
    }

    #[test]
    fn a_demand_a_protest_is_staged_for_is_the_protest() {
        // A purpose infinitive or a participle after the protest, by its protesters: the protest, aimed at whom
        // the demand is made of. A coordinated finite demand is an act of its own.
        assert_eq!(
            code("[Serbian protesters|SRB] rallied against [Croatia|HRV] to demand the release of prisoners."),
            ["SRB>HRV 141"]
        );
        assert_eq!(
            code("[Serbian protesters|SRB] demonstrated outside the [Croatian|HRV] embassy, demanding an apology."),
            ["SRB>HRV 141"]
        );
        assert_eq!(
            code("[Iranian students|IRN] protested and demanded that [Britain|GBR] expel the dissident."),
            ["IRN>GBR 100", "IRN>GBR 140"]
        );
    }

    #[test]
    fn an_act_in_the_setting_of_the_news_is_dropped_when_the_main_clause_codes_one() {
        // A time clause, a background phrase or a "where" clause on a place sets the scene of the main act.
        assert_eq!(
            code(
                "[Poland|POL] condemned [Belarus|BLR] after [Belarusian police|BLR] arrested two [Polish journalists|POL]."
            ),
            ["POL>BLR 111"]
        );
        assert_eq!(
            code(
                "[Greece|GRC] condemned [Turkey|TUR], where [Syrian rebels|SYR] attacked [Turkish troops|TUR] last year."
            ),
            ["GRC>TUR 111"]
        );
        // With no main act the setting is what there is to code; a gerund after the opener is the subject's own
        // earlier act, a step of the story.
        assert_eq!(code("Two died when [Belarusian police|BLR] attacked [Polish protesters|POL]."), ["BLR>POL 190"]);
        let kept = code("[Chile|CHL] condemned [Peru|PER] after expelling [Peruvian diplomats|PER].");
        assert!(kept.iter().any(|e| e.starts_with("CHL>PER 16")), "{kept:?}");
    }

    #[test]
    fn an_armed_noun_s_outcome_is_no_second_act() {
        // Word order: only the noun's phrase between the noun and the verb.
        assert_eq!(
            code("[Israeli|ISR|g] air strikes on southern [Lebanon|LBN] killed five [Hezbollah fighters|LBN]."),
            ["ISR>LBN 195"]
        );
        // A verb of its own after a comma is another act.
        let coded = code(
            "[Israeli|ISR|g] air strikes hit [Lebanon|LBN], and troops later killed five [Lebanese|LBN|g] fighters.",
        );
        assert!(coded.iter().any(|e| e.starts_with("ISR>LBN 18")), "{coded:?}");
    }

    #[test]
    fn a_participle_before_a_noun_names_no_act() {
        // After a determiner or a preposition it is an adjective; after an auxiliary or a subject, the predicate.
        assert_eq!(code("[Qatar|QAT] sent food to the detained [Palestinian protesters|PSE]."), ["QAT>PSE 073"]);
        assert_eq!(code("[Turkey|TUR] sent food to wounded [Syrian civilians|SYR]."), ["TUR>SYR 073"]);
        assert_eq!(code("[Turkey|TUR] has detained [Greek journalists|GRC]."), ["TUR>GRC 173"]);
        assert_eq!(code("[Turkish troops|TUR] detained [Greek protesters|GRC]."), ["TUR>GRC 173"]);
    }

    #[test]
    fn the_passes_run_in_order() {
        // Precision on predicates before roles: "on March 7" is a date, not a march.
        assert_eq!(code("[Iran|IRN] condemned [Iraq|IRQ] {on March 7}."), ["IRN>IRQ 111"]);
        // One event per (code, source, target), one relation per pair.
        assert_eq!(code("[Iran|IRN] condemned and condemned [Iraq|IRQ]."), ["IRN>IRQ 111"]);
        // Nothing to code in a sentence with no predicate or no actor.
        assert!(code("[Iran|IRN] and [Iraq|IRQ].").is_empty());
        assert!(code("Officials met.").is_empty());
    }
}
