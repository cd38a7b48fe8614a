//! Speed, load time and resident memory of the candle-free biaffine parser (`dyad_syntax::biaffine::NnParser`) on
//! UD English-EWT test and the 30 news-gold sentences, one thread, tags from the model file's tagger.
//!
//! `cargo run --release -p dyad-syntax --example nn_speed -- [--model data/syntax.model] [--treebank DIR]`

mod common;
use common::{cpu_seconds, load, rss_mb};
use dyad_syntax::Sentence;
use dyad_syntax::biaffine::{NnParser, Workspace};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let dir = arg("--treebank").unwrap_or_else(|| "/work/shared/treebanks/UD_English-EWT".into());
    let path = arg("--model").unwrap_or_else(|| "data/syntax.model".into());
    let model = dyad_syntax::Model::from_bytes(&std::fs::read(&path).expect("syntax model")).expect("model");
    let tag = |gold: &[Sentence]| {
        let mut s = gold.to_vec();
        model.tagger.tag_sentences(&mut s);
        s
    };
    let test = load(&format!("{dir}/en_ewt-ud-test.conllu"));
    let news = load("crates/syntax/tests/data/news-gold.conllu");
    let (test_tags, news_tags) = (tag(&test), tag(&news));
    let before = rss_mb();
    let t = Instant::now();
    let bytes = std::fs::read(&path).expect("nn model");
    let parser = NnParser::from_model_file(&bytes).expect("nn model");
    drop(bytes);
    println!(
        "load the nn section of {path}: {:.3} s wall, resident memory +{:.1} MB",
        t.elapsed().as_secs_f64(),
        rss_mb() - before
    );
    let mut ws = Workspace::default();
    for (name, gold, tags, reps) in [("EWT test", &test, &test_tags, 3), ("news-gold", &news, &news_tags, 100)] {
        let words: usize = gold.iter().map(|s| s.words.len()).sum::<usize>() * reps;
        let c = cpu_seconds();
        let mut check = 0usize;
        for _ in 0..reps {
            for s in tags.iter() {
                parser.parse(&mut ws, s.words.iter().map(|w| (w.form.as_str(), w.upos.as_str(), w.xpos.as_str())));
                check += ws.heads().iter().sum::<usize>();
            }
        }
        let secs = cpu_seconds() - c;
        println!(
            "{name}: {:.0} sentences/s, {:.0} words/s ({} sentences x {reps}, CPU {secs:.2} s, checksum {check})",
            (gold.len() * reps) as f64 / secs,
            words as f64 / secs,
            gold.len()
        );
    }
    let words = ["The", "forces", "attacked", "12", "towns", "near", "Paris", ",", "and"];
    let t = Instant::now();
    parser.parse(&mut ws, (0..5000).map(|i| (words[i % words.len()], "NOUN", "NN")));
    println!("one sentence of 5,000 words: {:.3} s wall", t.elapsed().as_secs_f64());
    println!("resident memory after parsing: {:.1} MB", rss_mb());
}
