//! The sentence as role assignment sees it: its analysis, actor and time slots with their token ranges, its
//! attributions and (when parsed) its tree, and the slot lookups every role rule shares.

use crate::analysis::Analysis;
use crate::slots::{ActorSlot, TimeSlot};
use crate::tree::{Parse, TreeRoles};
use dyad_core::Span;
use dyad_text::Tokens;
use std::cell::OnceCell;

pub(crate) struct Context<'a> {
    pub(crate) tokens: &'a Tokens,
    pub(crate) a: &'a Analysis<'a>,
    pub(crate) actors: &'a [ActorSlot],
    pub(crate) times: &'a [TimeSlot],
    /// Token range of each actor slot (empty when outside the sentence).
    pub(crate) actor_tokens: Vec<(usize, usize)>,
    pub(crate) time_tokens: Vec<(usize, usize)>,
    /// Token ranges of attributions ("according to X of the Y"), whose actors are never parties.
    pub(crate) attribution: Vec<(usize, usize)>,
    pub(crate) text_len: usize,
    pub(crate) text: &'a str,
    /// The parser the tree pass reads roles with, when the caller gives one.
    pub(crate) parser: Option<&'a dyn Parse>,
    /// The sentence's dependency tree, parsed on first use (see [`Context::tree`]).
    tree: OnceCell<Option<TreeRoles<'a>>>,
    /// Roles from word order alone for now (the tree's reading of a predicate made no plausible event).
    pub(crate) tree_off: std::cell::Cell<bool>,
    /// The tree changed the word-order roles of the predicate being assigned.
    pub(crate) tree_changed: std::cell::Cell<bool>,
}

/// The tokens a slot overlaps. Overlap, not containment, because a mention may end inside a token
/// ("North Korea-Russia" is one token holding two countries).
pub(crate) fn token_range(tokens: &Tokens, span: Span) -> (usize, usize) {
    let start = tokens.as_slice().partition_point(|t| t.span.end() <= span.start());
    let end = tokens.as_slice().partition_point(|t| t.span.start() < span.end());
    if end > start { (start, end) } else { (0, 0) }
}

impl<'a> Context<'a> {
    pub(crate) fn new(
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
            parser: None,
            tree: OnceCell::new(),
            tree_off: std::cell::Cell::new(false),
            tree_changed: std::cell::Cell::new(false),
        }
    }

    /// The sentence's dependency tree, parsed the first time a role asks for it, and only for a sentence where a
    /// tree can change whose act it is: one naming at least two different actors. Parsing costs more than the
    /// rest of coding, so a sentence whose predicates all end before the tree pass (a bare event noun, a
    /// "between" pair) or that names one actor is never parsed.
    pub(crate) fn tree(&self) -> Option<&TreeRoles<'a>> {
        if self.tree_off.get() {
            return None;
        }
        self.tree
            .get_or_init(|| {
                let parser = self.parser?;
                let first = (0..self.actors.len()).find(|&k| self.present(k))?;
                let key = self.actor_key(first);
                (first + 1..self.actors.len()).find(|&k| self.present(k) && self.actor_key(k) != key)?;
                parser
                    .parse(self.text, self.tokens)
                    .filter(|t| !t.is_empty())
                    .map(|t| TreeRoles::new(t, self.text, self.tokens, self.actors))
            })
            .as_ref()
    }

    /// The word of `tree` that token `k` falls on.
    #[inline]
    pub(crate) fn tree_word(&self, tree: &TreeRoles, k: usize) -> Option<usize> {
        tree.word_of_token(k)
    }

    pub(crate) fn actor_key(&self, k: usize) -> &str {
        self.actors.get(k).map_or("", |s| s.actor_id.as_str())
    }

    pub(crate) fn present(&self, k: usize) -> bool {
        self.actor_tokens.get(k).is_some_and(|&(s, e)| e > s)
    }

    /// Slots in the sentence ordered by position.
    pub(crate) fn slots_in(&self, from: usize, to: usize) -> Vec<usize> {
        let mut v: Vec<usize> = (0..self.actors.len())
            .filter(|&k| self.present(k) && self.actor_tokens[k].0 >= from && self.actor_tokens[k].1 <= to)
            .collect();
        v.sort_by_key(|&k| self.actor_tokens[k]);
        v
    }

    pub(crate) fn slot_at(&self, i: usize) -> Option<usize> {
        (0..self.actors.len()).find(|&k| self.present(k) && self.actor_tokens[k].0 <= i && i < self.actor_tokens[k].1)
    }

    pub(crate) fn slot_starting_at(&self, i: usize) -> Option<usize> {
        (0..self.actors.len()).find(|&k| self.present(k) && self.actor_tokens[k].0 == i)
    }

    pub(crate) fn slot_ending_at(&self, i: usize) -> Option<usize> {
        (0..self.actors.len()).find(|&k| self.present(k) && self.actor_tokens[k].1 == i)
    }

    pub(crate) fn is_report_verb(&self, i: usize) -> bool {
        self.a.report_cues.contains(&i) && self.a.lemmas.get(i).is_some_and(|l| l.verb.is_some())
    }

    pub(crate) fn span_of_tokens(&self, from: usize, to: usize) -> Option<Span> {
        let toks = self.tokens.as_slice();
        let s = toks.get(from)?.span.start();
        let e = toks.get(to.checked_sub(1)?)?.span.end().max(s);
        Span::new(self.text, s.min(self.text_len), e.min(self.text_len)).ok()
    }
}

/// A sentence's context for the unit tests of the role rules.
#[cfg(test)]
pub(crate) mod testing {
    use super::{Context, token_range};
    use crate::analysis::Analysis;
    use crate::matcher::{Match, MatchKind, find_in};
    use crate::precision::drop_false_predicates;
    use dyad_core::Span;

    /// Runs `f` on the context of one sentence in the markup of `table_tests` (`[Iran|IRN]`, `{Monday}`), with
    /// its predicates as the coder finds them.
    pub(crate) fn with_context<R>(markup: &str, f: impl FnOnce(&Context, &[Match]) -> R) -> R {
        let p = crate::table_tests::parse(markup);
        let tokens = dyad_text::tokenize(&p.text, Span::new(&p.text, 0, p.text.len()).unwrap());
        let mut a = Analysis::new(&tokens);
        a.set_times(p.times.iter().map(|s| token_range(&tokens, s.span)).collect());
        a.set_actors(p.actors.iter().map(|s| token_range(&tokens, s.span)).collect());
        let mut matches = find_in(&a);
        let predicates = matches.iter().any(|m| m.kind != MatchKind::Relation);
        let ctx = Context::new(&p.text, &tokens, &a, &p.actors, &p.times, predicates);
        drop_false_predicates(&a, &mut matches, &ctx.time_tokens);
        f(&ctx, &matches)
    }

    /// The index of the first token written `word`.
    pub(crate) fn token(ctx: &Context, word: &str) -> usize {
        (0..ctx.a.len()).find(|&i| ctx.a.norm(i) == word).expect(word)
    }

    /// The slot ids of `slots`.
    pub(crate) fn ids(ctx: &Context, slots: &[usize]) -> Vec<String> {
        slots.iter().map(|&k| ctx.actors[k].actor_id.clone()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{token, with_context};
    use super::*;

    #[test]
    fn a_slot_covers_the_tokens_it_overlaps() {
        let text = "the North Korea-Russia treaty";
        let tokens = dyad_text::tokenize(text, Span::new(text, 0, text.len()).unwrap());
        // "Korea-Russia" is one token holding the end of one country and all of another.
        let russia = text.find("Russia").unwrap();
        assert_eq!(token_range(&tokens, Span::new(text, russia, russia + 6).unwrap()), (2, 3));
        assert_eq!(token_range(&tokens, Span::new(text, 4, 15).unwrap()), (1, 3));
        assert_eq!(token_range(&tokens, Span::new(text, text.len(), text.len()).unwrap()), (0, 0));
    }

    #[test]
    fn slots_are_found_by_position() {
        with_context("[Iran|IRN] and [Iraq|IRQ] met [Syria|SYR].", |ctx, _| {
            assert_eq!(ctx.slots_in(0, ctx.a.len()), [0, 1, 2]);
            assert_eq!(ctx.slots_in(token(ctx, "and"), ctx.a.len()), [1, 2]);
            assert_eq!(ctx.slot_at(token(ctx, "syria")), Some(2));
            assert_eq!(ctx.slot_starting_at(token(ctx, "iraq")), Some(1));
            assert_eq!(ctx.slot_ending_at(token(ctx, "and")), Some(0));
            assert_eq!(ctx.actor_key(1), "IRQ");
            assert_eq!(ctx.actor_key(9), "");
        });
    }
}
