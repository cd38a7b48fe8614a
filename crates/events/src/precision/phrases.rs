//! Lookups the precision checks and role assignment share: phrases by first word, control verbs by form, and
//! whether a "for" opens a "for X to V" clause.

use crate::analysis::Analysis;
use crate::lexicon::lists;
use dyad_text::VerbForm;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// The end of the first of `phrases` that starts at token `i` (as written, or as a verb or noun lemma), looked up
/// by first word.
pub(super) fn phrase_end(
    a: &Analysis,
    i: usize,
    phrases: &[Vec<&str>],
    first: &HashMap<&str, Vec<usize>>,
) -> Option<usize> {
    let mut seen: [Option<&str>; 3] = [None; 3];
    for (n, word) in a.first_words(i).into_iter().enumerate() {
        let Some(word) = word else { continue };
        if seen[..n].contains(&Some(word)) {
            continue;
        }
        seen[n] = Some(word);
        if let Some(end) = first.get(word).into_iter().flatten().find_map(|&p| a.phrase_at(i, &phrases[p])) {
            return Some(end);
        }
    }
    None
}

/// Whether token `k` is a form of a verb in `verbs`: by its verb reading, or, for a verb the lemma table does not
/// know ("forced", "persuading"), by its regular inflections.
pub(super) fn control_verb(verbs: &HashSet<&'static str>, a: &Analysis, k: usize) -> bool {
    if a.lemmas[k].verb.is_some_and(|v| verbs.contains(v.base)) {
        return true;
    }
    let w = a.norm(k);
    let stems = [w.strip_suffix("ed"), w.strip_suffix('d'), w.strip_suffix("es"), w.strip_suffix('s')];
    let ing = w.strip_suffix("ing");
    verbs.contains(w)
        || stems.into_iter().flatten().any(|s| verbs.contains(s))
        || ing.is_some_and(|s| verbs.contains(s) || verbs.iter().any(|v| v.strip_suffix('e') == Some(s)))
}

/// Whether the "for" at token `k` may open a "for X to V" clause: after a noun ("an agreement for", "the way
/// for") or a request verb ("called for", "pressed for"), not after another verb, whose "for" names a destination
/// or a span ("left for Cuba to attend", "waited for hours to attack": the infinitive is the subject's purpose).
pub(crate) fn for_opens_clause(a: &Analysis, k: usize) -> bool {
    let Some(prev) = k.checked_sub(1) else { return false };
    let lemma = a.lemmas[prev];
    let verb_only = lemma.noun.is_none() && lemma.verb.is_some_and(|v| !v.is(VerbForm::Base));
    !a.is_punct(prev) && (!verb_only || control_verb(&lists().request, a, prev))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::with_analysis;

    #[test]
    fn a_phrase_is_found_by_its_first_word() {
        let l = lists();
        with_analysis("Iran acted in order to open a route.", |a| {
            assert_eq!(phrase_end(a, 2, &l.fixed, &l.fixed_first), Some(5));
            assert_eq!(phrase_end(a, 1, &l.fixed, &l.fixed_first), None);
        });
    }

    #[test]
    fn for_opens_a_clause_after_a_noun_or_a_request_verb() {
        with_analysis("Iran called for Iraq to investigate.", |a| assert!(for_opens_clause(a, 2)));
        with_analysis("an agreement for troops to leave", |a| assert!(for_opens_clause(a, 2)));
        with_analysis("Kim left for Cuba to attend talks.", |a| assert!(!for_opens_clause(a, 2)));
    }

    #[test]
    fn a_control_verb_by_lemma_or_regular_form() {
        let l = lists();
        with_analysis("They urged and pressured Iran.", |a| {
            assert!(control_verb(&l.request, a, 1));
            assert!(!control_verb(&l.request, a, 4));
        });
    }
}
