//! The shipped model on news sentences it has never seen: `tests/data/news-gold.conllu` (30 Wikinews sentences from
//! MEANTIME, annotated by hand; see `tests/data/README.md`), scored with gold tokens and predicted tags under the CoNLL 2018
//! convention (every word counted, LAS on the universal relation). Skips when `data/syntax.model` holds no parser.

use dyad_syntax::{Analyzer, Sentence, eval, read_conllu};

fn gold() -> Vec<Sentence> {
    read_conllu(include_str!("data/news-gold.conllu")).expect("news-gold.conllu is valid CoNLL-U")
}

/// The gold file itself: 30 sentences, every word annotated, each sentence one tree (one root, no cycles).
#[test]
fn gold_file_is_a_treebank() {
    let gold = gold();
    assert_eq!(gold.len(), 30);
    assert!(gold.iter().map(|s| s.words.len()).sum::<usize>() > 800);
    for s in &gold {
        let id = s.comment("sent_id").unwrap_or("?");
        assert!(s.comment("text").is_some(), "{id}: no # text");
        let heads: Vec<usize> =
            s.words.iter().map(|w| w.head.unwrap_or_else(|| panic!("{id}: a word without head"))).collect();
        assert_eq!(heads.iter().filter(|&&h| h == 0).count(), 1, "{id}: not one root");
        for (i, w) in s.words.iter().enumerate() {
            assert!(
                !w.upos.is_empty() && w.upos != "_" && w.deprel != "_" && !w.lemma.is_empty(),
                "{id}: word {}",
                i + 1
            );
            let (mut at, mut steps) = (i + 1, 0);
            while at != 0 {
                assert!(heads[at - 1] <= heads.len(), "{id}: head out of range");
                at = heads[at - 1];
                steps += 1;
                assert!(steps <= heads.len(), "{id}: cycle through word {}", i + 1);
            }
        }
    }
}

#[test]
fn shipped_model_on_unseen_news() {
    let analyzer = match Analyzer::embedded() {
        Ok(a) if a.model().has_parser() => a,
        _ => {
            eprintln!("skipped: data/syntax.model holds no trained parser");
            return;
        }
    };
    let gold = gold();
    let mut pred = gold.clone();
    for s in &mut pred {
        analyzer.annotate(s);
    }
    let s = eval::score(&gold, &pred).expect("same words");
    eprintln!(
        "news-gold ({} sentences, {} words, gold tokens): UPOS {:.2}  XPOS {:.2}  UAS {:.2}  LAS {:.2}",
        gold.len(),
        s.words,
        s.pct(s.upos),
        s.pct(s.xpos),
        s.pct(s.uas),
        s.pct(s.las)
    );
    let mut rels: Vec<_> = s.relations.iter().filter(|(_, c)| c.gold > 0).collect();
    rels.sort_by(|a, b| b.1.gold.cmp(&a.1.gold).then(a.0.cmp(b.0)));
    let line: Vec<String> = rels.iter().map(|(r, c)| format!("{r} {:.1} ({})", c.f1(), c.gold)).collect();
    eprintln!("news-gold labelled F1 per relation (gold count): {}", line.join(", "));
    // Floors well under today's figures (see the README): a regression alarm, not a target.
    assert!(s.pct(s.upos) >= FLOOR_UPOS, "UPOS {:.2} under {FLOOR_UPOS}", s.pct(s.upos));
    assert!(s.pct(s.uas) >= FLOOR_UAS, "UAS {:.2} under {FLOOR_UAS}", s.pct(s.uas));
    assert!(s.pct(s.las) >= FLOOR_LAS, "LAS {:.2} under {FLOOR_LAS}", s.pct(s.las));
}

const FLOOR_UPOS: f64 = 86.0;
const FLOOR_UAS: f64 = 71.0;
const FLOOR_LAS: f64 = 66.0;
