//! Speech verbs around names: whether a name is the subject of "said" (and so a person), whom a sentence reports on
//! ("Doe said Roe has ..."), and where a clause's subject may start. The cue words come from `data/person_cues.tsv`.

use crate::cues::PersonCues;
use crate::data::Gazetteer;
use crate::model::{ActorKind, ActorMention, MentionForm};
use crate::normalize::normalize;
use crate::units::{Toks, Unit, is_possessive, tok_text};

/// The byte range of the speech verb whose subject ends at `end`: "Doe said", "Doe later said", "Doe has
/// repeatedly said". With `comma`, a comma may stand before the verb, for a subject that ends in an apposition
/// ("Doe, the envoy, said he"), but only when the verb's own subject does not follow it, since "..., said Doe"
/// makes Doe, not the words before the comma, the speaker.
pub(crate) fn speech_after(
    sentence: &str,
    toks: Toks,
    end: usize,
    cues: &PersonCues,
    comma: bool,
) -> Option<(usize, usize)> {
    let mut i = toks.index_at(end);
    let word = |i: usize| toks.get(i).filter(|t| t.word).and_then(|t| sentence.get(t.start..t.end));
    let comma = comma && toks.get(i).and_then(|t| sentence.get(t.start..t.end)) == Some(",");
    if comma {
        i += 1;
    }
    let mut between = 0;
    while between < 2 && word(i).is_some_and(|w| cues.is_between(w)) {
        i += 1;
        between += 1;
    }
    word(i).filter(|w| cues.is_speech(w, false))?;
    if comma && word(i + 1).is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase)) {
        return None;
    }
    toks.get(i).map(|t| (t.start, t.end))
}

/// The person a sentence reports about: a person's mention right after a speech verb (or its "that") that is
/// followed by a verb ("said Roe has", "says that Roe opposed"), so the reported clause's subject. A name after a
/// speech verb followed by anything else is its object or the speaker ("told Roe the talks", "said Roe, who").
pub(crate) fn reported_subject<'m>(
    sentence: &str,
    toks: Toks,
    offset: usize,
    mentions: &'m [ActorMention],
    cues: &PersonCues,
) -> Option<&'m ActorMention> {
    let word = |i: usize| toks.get(i).filter(|t| t.word).and_then(|t| sentence.get(t.start..t.end));
    let verb = (0..toks.len()).find(|&i| word(i).is_some_and(|w| cues.is_speech(w, false)))?;
    let mut start = if word(verb + 1) == Some("that") { verb + 2 } else { verb + 1 };
    // "said Mr. Roe has": the honorific is not part of the name.
    if word(start).is_some_and(|w| cues.honorific(w).is_some()) {
        start += if toks.get(start + 1).and_then(|t| sentence.get(t.start..t.end)) == Some(".") { 2 } else { 1 };
    }
    let at = toks.get(start)?.start + offset;
    let m = mentions
        .iter()
        .find(|m| m.span.start() == at && m.kind == ActorKind::Person && m.form != MentionForm::Pronoun)?;
    let after = toks.index_at(m.span.end().saturating_sub(offset));
    let next = word(after)?;
    let verb_follows = next.chars().next().is_some_and(char::is_lowercase)
        && (cues.is_between(next) || next.ends_with("ed") || BE_FORMS.contains(&next));
    verb_follows.then_some(m)
}

/// Finite forms of "be" (a closed class of English grammar): after a name they make it a clause's subject.
pub(crate) const BE_FORMS: [&str; 4] = ["is", "was", "are", "were"];

/// Whether unit `a` can open a clause's subject: it starts the sentence or follows punctuation or a word that
/// opens a clause ("and", "but", "that": `clause` in data/person_cues.tsv). A name after a preposition is its
/// object ("chief executive of Acme Robotics, said"), and a name right after a common noun stands in apposition
/// to it, inside a subject that may be longer ("Militants loyal to the group's frontman Jane Doe said ..." is the
/// militants speaking), so neither is taken for the verb's subject.
pub(crate) fn opens_clause(sentence: &str, units: &[Unit], toks: Toks, a: usize, cues: &PersonCues) -> bool {
    let Some(prev) = a.checked_sub(1).map(|k| &units[k]) else { return true };
    match *prev {
        Unit::Hit(_) => false,
        Unit::Tok(t) => {
            let tok = toks.at(t);
            let w = &sentence[tok.start..tok.end];
            if tok.word { cues.opens_clause(w) } else { !is_possessive(prev, toks) }
        }
    }
}

/// Whether the run `a..=b` follows a speech verb that can precede its subject and ends its clause: "..., said
/// Jane Doe." or "said Jane Doe in a statement".
#[allow(clippy::too_many_arguments)]
pub(crate) fn speech_before(
    sentence: &str,
    units: &[Unit],
    toks: Toks,
    a: usize,
    b: usize,
    cues: &PersonCues,
    gaz: &Gazetteer,
) -> bool {
    let verb = a.checked_sub(1).and_then(|k| tok_text(&units[k], sentence, toks));
    if !verb.is_some_and(|w| cues.is_speech(w, true)) {
        return false;
    }
    match units.get(b + 1) {
        None | Some(Unit::Hit(_)) => units.get(b + 1).is_none(),
        Some(&Unit::Tok(t)) => {
            let tok = toks.at(t);
            let w = &sentence[tok.start..tok.end];
            !tok.word || gaz.stopwords.contains(&normalize(w))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::tokens_of;

    #[test]
    fn speech_verbs_after_a_subject() {
        let cues = PersonCues::builtin();
        for (sentence, end, found) in [
            ("Doe said it", 3, true),
            ("Doe later said it", 3, true),
            ("Doe has repeatedly said it", 3, true),
            ("Doe met Roe", 3, false),
        ] {
            let tokens = tokens_of(sentence);
            assert_eq!(speech_after(sentence, Toks::new(&tokens, 0), end, cues, false).is_some(), found, "{sentence}");
        }
        // "Doe, the envoy, said": a comma may stand before the verb, unless the verb's own subject follows.
        let s = "Doe, said Roe";
        assert!(speech_after(s, Toks::new(&tokens_of(s), 0), 3, cues, true).is_none());
    }
}
