//! The sentence as role assignment sees it: its analysis, actor and time slots with their token ranges, its
//! attributions and (when parsed) its tree, and the slot lookups every role rule shares.

use crate::analysis::Analysis;
use crate::slots::{ActorSlot, TimeSlot};
use crate::tree::TreeRoles;
use dyad_core::Span;
use dyad_text::Tokens;

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
    /// The sentence's dependency tree, when the caller parsed it.
    pub(crate) tree: Option<TreeRoles<'a>>,
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
            tree: None,
        }
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
