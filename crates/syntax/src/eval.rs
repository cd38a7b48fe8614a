//! Scoring predicted sentences against gold ones with the same words (gold tokenisation), by the CoNLL 2018 shared
//! task's convention: every word counts (punctuation too), LAS compares the universal part of the relation
//! (`nsubj:pass` scores as `nsubj`), and a relation's labelled F1 counts a word right when both its head and its
//! universal relation are right.

use crate::conllu::{Sentence, Word};
use crate::tagger::PREDICTED_FEATS;
use std::collections::BTreeMap;

/// Gold and predicted sentences that cannot be compared.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EvalError {
    /// Different numbers of sentences.
    #[error("{gold} gold sentences, {pred} predicted")]
    SentenceCount {
        /// Gold sentences.
        gold: usize,
        /// Predicted sentences.
        pred: usize,
    },
    /// A sentence whose words differ.
    #[error("sentence {0}: the predicted words differ from the gold words")]
    Words(usize),
}

/// Counts for one relation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RelationCounts {
    /// Gold words with this relation.
    pub gold: usize,
    /// Predicted words with this relation.
    pub pred: usize,
    /// Words with this relation in both, and the right head.
    pub correct: usize,
}

impl RelationCounts {
    /// Labelled F1 in percent (0 when there is nothing to score).
    pub fn f1(&self) -> f64 {
        if self.gold + self.pred == 0 { 0.0 } else { 200.0 * self.correct as f64 / (self.gold + self.pred) as f64 }
    }
}

/// Word-level counts of correct predictions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scores {
    /// Words scored.
    pub words: usize,
    /// Right UPOS.
    pub upos: usize,
    /// Right XPOS.
    pub xpos: usize,
    /// Right FEATS (all features, as one string).
    pub feats: usize,
    /// Right values of the features the tagger predicts (Mood, Number, Person, Tense, VerbForm, Voice).
    pub event_feats: usize,
    /// Right LEMMA.
    pub lemma: usize,
    /// Right head.
    pub uas: usize,
    /// Right head and universal relation.
    pub las: usize,
    /// Per universal relation.
    pub relations: BTreeMap<String, RelationCounts>,
}

/// The universal part of a relation: `nsubj:pass` → `nsubj`.
pub fn universal(deprel: &str) -> &str {
    deprel.split(':').next().unwrap_or(deprel)
}

fn event_feats(feats: &str) -> impl Iterator<Item = &str> {
    feats.split('|').filter(|f| f.split_once('=').is_some_and(|(k, _)| PREDICTED_FEATS.contains(&k)))
}

impl Scores {
    /// Adds one word pair.
    pub fn add(&mut self, gold: &Word, pred: &Word) {
        self.words += 1;
        self.upos += usize::from(gold.upos == pred.upos);
        self.xpos += usize::from(gold.xpos == pred.xpos);
        self.feats += usize::from(gold.feats == pred.feats);
        self.event_feats += usize::from(event_feats(&gold.feats).eq(event_feats(&pred.feats)));
        self.lemma += usize::from(gold.lemma == pred.lemma);
        let head = gold.head.is_some() && gold.head == pred.head;
        let (g, p) = (universal(&gold.deprel), universal(&pred.deprel));
        self.uas += usize::from(head);
        self.las += usize::from(head && g == p);
        self.relations.entry(g.to_string()).or_default().gold += 1;
        self.relations.entry(p.to_string()).or_default().pred += 1;
        if head && g == p {
            self.relations.entry(g.to_string()).or_default().correct += 1;
        }
    }

    /// A count as a percentage of the words.
    pub fn pct(&self, count: usize) -> f64 {
        if self.words == 0 { 0.0 } else { 100.0 * count as f64 / self.words as f64 }
    }
}

/// Scores `pred` against `gold`, sentence by sentence and word by word; the forms must match.
pub fn score(gold: &[Sentence], pred: &[Sentence]) -> Result<Scores, EvalError> {
    if gold.len() != pred.len() {
        return Err(EvalError::SentenceCount { gold: gold.len(), pred: pred.len() });
    }
    let mut s = Scores::default();
    for (i, (g, p)) in gold.iter().zip(pred).enumerate() {
        if g.words.len() != p.words.len() || g.words.iter().zip(&p.words).any(|(a, b)| a.form != b.form) {
            return Err(EvalError::Words(i));
        }
        for (a, b) in g.words.iter().zip(&p.words) {
            s.add(a, b);
        }
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(form: &str, upos: &str, feats: &str, head: usize, deprel: &str) -> Word {
        Word { upos: upos.into(), feats: feats.into(), head: Some(head), deprel: deprel.into(), ..Word::new(form) }
    }

    #[test]
    fn counts_every_word_and_the_universal_relation() {
        let gold = Sentence {
            words: vec![
                w("He", "PRON", "Case=Nom|Number=Sing|Person=3", 2, "nsubj:pass"),
                w("was", "AUX", "Mood=Ind|Tense=Past", 3, "aux:pass"),
                w("hit", "VERB", "Tense=Past|VerbForm=Part|Voice=Pass", 0, "root"),
                w(".", "PUNCT", "_", 3, "punct"),
            ],
            ..Sentence::default()
        };
        let mut pred = gold.clone();
        pred.words[0].deprel = "nsubj".into(); // right universal part
        pred.words[0].feats = "Number=Sing|Person=3".into(); // same event features, different FEATS
        pred.words[1].head = Some(1); // wrong head
        pred.words[3].upos = "SYM".into();
        pred.words[3].deprel = "dep".into();
        let s = score(std::slice::from_ref(&gold), std::slice::from_ref(&pred)).unwrap();
        assert_eq!(s.words, 4);
        assert_eq!((s.upos, s.feats, s.event_feats), (3, 3, 4));
        assert_eq!((s.uas, s.las), (3, 2));
        assert_eq!(s.relations["nsubj"], RelationCounts { gold: 1, pred: 1, correct: 1 });
        assert_eq!(s.relations["aux"], RelationCounts { gold: 1, pred: 1, correct: 0 });
        assert_eq!(s.relations["punct"].f1(), 0.0);
        assert_eq!(s.relations["nsubj"].f1(), 100.0);
        assert!((s.pct(s.las) - 50.0).abs() < 1e-9);
    }

    #[test]
    fn mismatched_words_are_an_error() {
        let a = Sentence { words: vec![Word::new("a")], ..Sentence::default() };
        let b = Sentence { words: vec![Word::new("b")], ..Sentence::default() };
        assert_eq!(score(std::slice::from_ref(&a), &[b]), Err(EvalError::Words(0)));
        assert!(matches!(score(&[a], &[]), Err(EvalError::SentenceCount { .. })));
    }
}
