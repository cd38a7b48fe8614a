//! The built-in model on sentences written for this test (not taken from any treebank): news-style sentences with
//! hand-assigned UD tags. The table is scored as a whole (a tagger of ~95 % is wrong somewhere), and the words event
//! coding depends on (main verbs, passive participles, names) are checked one by one.

use dyad_syntax::{Analyzer, ModelError};

/// (sentence, UPOS of each word).
const TABLE: &[(&str, &str)] = &[
    ("Russia expelled two British diplomats on Tuesday .", "PROPN VERB NUM ADJ NOUN ADP PROPN PUNCT"),
    ("The talks were hosted by Qatar .", "DET NOUN AUX VERB ADP PROPN PUNCT"),
    ("Troops backed by Iran attacked the town .", "NOUN VERB ADP PROPN VERB DET NOUN PUNCT"),
    (
        "Lavrov , Russia 's foreign minister , met his Chinese counterpart in Beijing .",
        "PROPN PUNCT PROPN PART ADJ NOUN PUNCT VERB PRON ADJ NOUN ADP PROPN PUNCT",
    ),
    ("\" We will not negotiate , \" the president said .", "PUNCT PRON AUX PART VERB PUNCT PUNCT DET NOUN VERB PUNCT"),
    ("The ministry said that the embassy had been closed .", "DET NOUN VERB SCONJ DET NOUN AUX AUX VERB PUNCT"),
    ("Israel asked Egypt to mediate a ceasefire .", "PROPN VERB PROPN PART VERB DET NOUN PUNCT"),
    (
        "Protesters in Kenya clashed with police for a third day .",
        "NOUN ADP PROPN VERB ADP NOUN ADP DET ADJ NOUN PUNCT",
    ),
    ("Did the rebels release the hostages ?", "AUX DET NOUN VERB DET NOUN PUNCT"),
    ("The minister 's visit to Tokyo was cancelled .", "DET NOUN PART NOUN ADP PROPN AUX VERB PUNCT"),
    (
        "China and Japan signed a trade agreement and pledged closer ties .",
        "PROPN CCONJ PROPN VERB DET NOUN NOUN CCONJ VERB ADJ NOUN PUNCT",
    ),
    (
        "The sanctions , which took effect in May , hurt exports .",
        "DET NOUN PUNCT PRON VERB NOUN ADP PROPN PUNCT VERB NOUN PUNCT",
    ),
];

fn analyzer() -> Option<Analyzer> {
    match Analyzer::embedded() {
        Ok(a) => Some(a),
        Err(ModelError::Empty) => {
            eprintln!("skipped: data/syntax.model is empty (no model trained yet)");
            None
        }
        Err(e) => panic!("the built-in model does not load: {e}"),
    }
}

#[test]
fn tags_news_sentences() {
    let Some(a) = analyzer() else { return };
    let (mut right, mut total) = (0, 0);
    for (sentence, tags) in TABLE {
        let words: Vec<&str> = sentence.split(' ').collect();
        let gold: Vec<&str> = tags.split(' ').collect();
        assert_eq!(words.len(), gold.len(), "{sentence}");
        let got = a.analyze(&words);
        for (i, g) in gold.iter().enumerate() {
            let w = got.word(i).unwrap();
            total += 1;
            if w.upos == *g {
                right += 1;
            } else {
                eprintln!("{sentence}: {} {} (gold {g})", words[i], w.upos);
            }
        }
    }
    let acc = right as f64 / total as f64;
    assert!(acc >= 0.93, "UPOS accuracy on the table {acc:.3}");
}

#[test]
fn event_words() {
    let Some(a) = analyzer() else { return };
    let words = ["The", "talks", "were", "hosted", "by", "Qatar", "."];
    let s = a.analyze(&words);
    let hosted = s.word(3).unwrap();
    assert_eq!((hosted.upos, hosted.xpos, hosted.lemma), ("VERB", "VBN", "host"));
    assert!(hosted.feats.contains("Voice=Pass"), "{}", hosted.feats);
    assert_eq!(s.word(1).unwrap().lemma, "talk");
    assert_eq!(s.word(2).unwrap().lemma, "be");
    let words = ["Russia", "expelled", "two", "diplomats"];
    let s = a.analyze(&words);
    let w = s.word(1).unwrap();
    assert_eq!((w.upos, w.xpos, w.lemma), ("VERB", "VBD", "expel"));
    assert!(w.feats.contains("Tense=Past") && w.feats.contains("VerbForm=Fin"), "{}", w.feats);
    assert_eq!(s.word(0).unwrap().upos, "PROPN");
    assert_eq!(s.word(3).unwrap().feats, "Number=Plur");
}

#[test]
fn any_words_at_all() {
    let Some(a) = analyzer() else { return };
    let huge = "x".repeat(100_000);
    let words = ["", " ", huge.as_str(), "金正恩", "Путин", "🙂", "\u{0}", "-", "n't"];
    let s = a.analyze(&words);
    assert_eq!(s.len(), words.len());
    assert!(s.iter().all(|w| !w.upos.is_empty()));
    assert!(a.analyze(&[]).is_empty());
}
