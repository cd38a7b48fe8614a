//! The UD tokenizer and the tagger + parser must never panic on any input, every token span must lie inside the
//! input on char boundaries, and every parsed sentence must be a tree: one root, heads in range, no cycles.
//!
//! Model: the one embedded in this build (`data/syntax.model`) when it holds a parser, else the file named by
//! `DYAD_SYNTAX_MODEL`, else a tiny model trained in-process (once) from `crates/syntax/tests/data/news-gold.conllu`,
//! so that the parser's code paths run even in a checkout without a trained model. Which one is printed at start.
#![no_main]

use dyad_syntax::{Analyzer, Model, TrainConfig, read_conllu, train_model};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static ANALYZER: LazyLock<Analyzer> = LazyLock::new(|| {
    if let Ok(m) = Model::embedded()
        && m.has_parser()
    {
        eprintln!("fuzz parse: the embedded model (data/syntax.model)");
        return Analyzer::new(m);
    }
    if let Some(m) = std::env::var_os("DYAD_SYNTAX_MODEL")
        .and_then(|p| std::fs::read(p).ok())
        .and_then(|b| Model::from_bytes(&b).ok())
    {
        eprintln!("fuzz parse: the model file named by DYAD_SYNTAX_MODEL");
        return Analyzer::new(m);
    }
    eprintln!("fuzz parse: no trained model; a tiny model trained in-process from news-gold.conllu");
    let gold = read_conllu(include_str!("../../crates/syntax/tests/data/news-gold.conllu")).expect("gold file parses");
    let config = TrainConfig { epochs: 2, ..TrainConfig::default() };
    Analyzer::new(train_model(&gold, &[], &config, &mut |_| {}))
});

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let analyzer = &*ANALYZER;
    for sentence in dyad_text::split_sentences(text) {
        assert!(sentence.end() <= text.len(), "sentence span outside the input");
        assert!(text.is_char_boundary(sentence.start()) && text.is_char_boundary(sentence.end()));
        let spans = dyad_text::ud_tokens(text, sentence);
        let mut words = Vec::with_capacity(spans.len());
        for t in &spans {
            assert!(
                t.start() <= t.end() && t.end() <= text.len(),
                "token {}..{} outside the input",
                t.start(),
                t.end()
            );
            assert!(t.start() >= sentence.start() && t.end() <= sentence.end(), "token outside its sentence");
            assert!(text.is_char_boundary(t.start()) && text.is_char_boundary(t.end()), "token splits a char");
            words.push(t.slice(text).expect("a checked span slices"));
        }
        let analysis = analyzer.analyze(&words);
        assert_eq!(analysis.len(), words.len(), "analysis lost or added words");
        if !analyzer.model().has_parser() || words.is_empty() {
            continue;
        }
        let heads: Vec<usize> = analysis.iter().map(|w| w.head.expect("a parser gives every word a head")).collect();
        assert_eq!(heads.iter().filter(|&&h| h == 0).count(), 1, "not exactly one root: {heads:?}");
        for (i, &h) in heads.iter().enumerate() {
            assert!(h <= heads.len() && h != i + 1, "word {} has head {h}", i + 1);
            // Walk up from each word: reaching the root within n steps means no cycle.
            let (mut at, mut steps) = (i + 1, 0);
            while at != 0 {
                at = heads[at - 1];
                steps += 1;
                assert!(steps <= heads.len(), "cycle through word {}: {heads:?}", i + 1);
            }
        }
        for w in analysis.iter() {
            assert!(!w.deprel.is_empty() && w.deprel != "_", "a word without a relation");
        }
    }
});
