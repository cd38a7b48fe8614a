//! Trains the experimental biaffine parser (`dyad_syntax::biaffine`, feature `nn`) on UD English-EWT train with
//! jackknifed tags, prints dev UAS/LAS and the time after each epoch, keeps the best-on-dev weights, and scores test
//! once at the end. Dev and test are tagged by the tagger of `--syntax-model` (the shipped model by default).
//! Scores follow the CoNLL 2018 convention (every word, LAS on the universal relation).
//!
//! `cargo run --release -p dyad-syntax --features nn --example biaffine -- --train-tags FILE [--treebank DIR]
//!  [--syntax-model FILE] [--epochs N] [--limit N] [--out PREFIX] [--hidden N] [--layers N] [--batch-words N]
//!  [--seed N] [--load PREFIX] [--speed] [--parse-conllu IN --parsed OUT]`
//!
//! `--load PREFIX --export FILE` writes the candle-free parser's weights (f16, `dyad_syntax::biaffine::NnParser`) as
//! the `nn` section of the model file FILE (which must exist, e.g. `data/syntax.model`; its other sections are kept
//! byte for byte, an `nn` section already there is replaced), and `--load PREFIX --compare` checks it against candle on dev and test (agreement of heads and
//! relations, UAS/LAS of the f32 and the f16 weights) and, with `--speed`, times both on test and the news sentences.
//!
//! `--out PREFIX` writes `PREFIX.safetensors` (best weights) and `PREFIX.vocab`; `--load PREFIX` reads them instead of
//! training. `--speed` parses dev + test three times and prints sentences per second (set `CANDLE_NUM_THREADS=1`).
//! `--parse-conllu IN --parsed OUT` (with `--load`): tags the sentences of IN (CoNLL-U; only the forms are read) with
//! the tagger of `--syntax-model`, parses them, writes them with those tags and the parse to OUT and stops (the
//! silver sentences that `dyad train syntax --silver` reads; `dyad train corpus` writes IN). Deterministic: the
//! same weights and input give the same bytes.

mod common;
use common::{cpu_seconds, load};
use dyad_syntax::biaffine::{Config, Network, Rng, Vocab};
use dyad_syntax::{Sentence, eval};
use std::time::Instant;

/// UAS, LAS and the labelled F1 of nsubj and obj (universal, and the full label as the perceptron's report).
fn report(name: &str, gold: &[Sentence], pred: &[Sentence]) -> (f64, f64) {
    let s = eval::score(gold, pred).expect("same words");
    let (uas, las) = (s.pct(s.uas), s.pct(s.las));
    let f1 = |rel: &str| s.relations.get(rel).map_or(0.0, |r| r.f1());
    let full = |rel: &str| {
        let (mut c, mut g, mut p) = (0usize, 0usize, 0usize);
        for (gs, ps) in gold.iter().zip(pred) {
            for (a, b) in gs.words.iter().zip(&ps.words) {
                g += usize::from(a.deprel == rel);
                p += usize::from(b.deprel == rel);
                c += usize::from(a.deprel == rel && b.deprel == rel && a.head == b.head);
            }
        }
        if g + p == 0 { 0.0 } else { 200.0 * c as f64 / (g + p) as f64 }
    };
    println!(
        "{name}: UAS {uas:.2} LAS {las:.2} | F1 universal nsubj {:.1} obj {:.1} | full label nsubj {:.1} obj {:.1}",
        f1("nsubj"),
        f1("obj"),
        full("nsubj"),
        full("obj")
    );
    (uas, las)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let num = |name: &str, default: usize| arg(name).map_or(default, |v| v.parse().expect(name));
    let dir = arg("--treebank").unwrap_or_else(|| "/work/shared/treebanks/UD_English-EWT".into());
    let mut train = load(&format!("{dir}/en_ewt-ud-train.conllu"));
    let dev = load(&format!("{dir}/en_ewt-ud-dev.conllu"));
    let test = load(&format!("{dir}/en_ewt-ud-test.conllu"));
    let syntax = arg("--syntax-model").unwrap_or_else(|| "data/syntax.model".into());
    let model = dyad_syntax::Model::from_bytes(&std::fs::read(&syntax).expect("syntax model")).expect("syntax model");
    let tag = |gold: &[Sentence]| {
        let mut s = gold.to_vec();
        model.tagger.tag_sentences(&mut s);
        s
    };
    let (dev_tags, test_tags) = (tag(&dev), tag(&test));
    let upos = eval::score(&dev, &dev_tags).expect("dev");
    println!("dev tagged by {syntax}: UPOS {:.2}", upos.pct(upos.upos));

    let config = Config {
        hidden: num("--hidden", 200),
        layers: num("--layers", 2),
        batch_words: num("--batch-words", 500),
        seed: num("--seed", 1) as u64,
        ..Config::default()
    };
    if let (Some(input), Some(parsed)) = (arg("--parse-conllu"), arg("--parsed")) {
        let prefix = arg("--load").expect("--parse-conllu needs --load PREFIX");
        let vocab =
            Vocab::from_text(&std::fs::read_to_string(format!("{prefix}.vocab")).expect("vocab")).expect("vocab");
        let net = Network::new(vocab, config.clone()).expect("network");
        net.load(&std::fs::read(format!("{prefix}.safetensors")).expect("weights")).expect("weights");
        let t = Instant::now();
        let mut sentences = load(&input);
        for w in sentences.iter_mut().flat_map(|s| s.words.iter_mut()) {
            *w = dyad_syntax::Word::new(&w.form);
        }
        let tagged = tag(&sentences);
        let mut parsed_sentences = net.parse(&tagged, &tagged, 2000).expect("parse");
        // Keep the input's comments (sentence ids and text).
        for (p, s) in parsed_sentences.iter_mut().zip(&sentences) {
            p.comments = s.comments.clone();
        }
        std::fs::write(&parsed, dyad_syntax::write_conllu(&parsed_sentences)).expect("write parsed");
        println!(
            "parsed {} sentences ({} words) from {input} in {:.0} s; wrote {parsed}",
            parsed_sentences.len(),
            parsed_sentences.iter().map(|s| s.words.len()).sum::<usize>(),
            t.elapsed().as_secs_f64()
        );
        return;
    }
    let out = arg("--out");
    let net = if let Some(prefix) = arg("--load") {
        let t = Instant::now();
        let vocab =
            Vocab::from_text(&std::fs::read_to_string(format!("{prefix}.vocab")).expect("vocab")).expect("vocab");
        let net = Network::new(vocab, config.clone()).expect("network");
        net.load(&std::fs::read(format!("{prefix}.safetensors")).expect("weights")).expect("weights");
        println!("loaded in {:.3} s", t.elapsed().as_secs_f64());
        net
    } else {
        let mut train_tags = load(&arg("--train-tags").expect("--train-tags FILE"));
        let limit = num("--limit", train.len());
        train.truncate(limit);
        train_tags.truncate(limit);
        let net = Network::new(Vocab::build(&train, &train_tags), config.clone()).expect("network");
        println!("{:?}\n{} parameters", net.config, net.size());
        let mut opt = net.optimizer().expect("optimizer");
        let mut rng = Rng::new(config.seed.wrapping_add(7));
        let mut best = f64::MIN;
        let t0 = Instant::now();
        for epoch in 1..=num("--epochs", 10) {
            let t = Instant::now();
            let loss = net.train_epoch(&train, &train_tags, &mut opt, &mut rng).expect("epoch");
            let secs = t.elapsed().as_secs_f64();
            let pred = net.parse(&dev, &dev_tags, 2000).expect("parse dev");
            print!("epoch {epoch}: loss {loss:.4}, {secs:.0} s train ({:.0} s total); ", t0.elapsed().as_secs_f64());
            let (_, las) = report("dev", &dev, &pred);
            if las > best {
                best = las;
                if let Some(p) = &out {
                    net.save(std::path::Path::new(&format!("{p}.safetensors"))).expect("save");
                    std::fs::write(format!("{p}.vocab"), net.vocab.to_text()).expect("save vocab");
                }
            }
        }
        if let Some(p) = &out {
            net.load(&std::fs::read(format!("{p}.safetensors")).expect("weights")).expect("weights");
            println!("best dev LAS {best:.2}; weights restored from {p}.safetensors");
        }
        net
    };
    if let Some(file) = arg("--export") {
        let nn = net.to_model_bytes().expect("model bytes");
        let old = std::fs::read(&file).unwrap_or_else(|e| panic!("--export {file}: {e} (a model file to put nn in)"));
        let mut sections = dyad_syntax::ModelFile::read(&old).unwrap_or_else(|e| panic!("--export {file}: {e}"));
        sections.set(dyad_syntax::Section::Nn, Some(&nn));
        let bytes = sections.to_bytes();
        std::fs::write(&file, &bytes).expect("write model");
        println!("wrote {file}: {} bytes, nn section {} bytes", bytes.len(), nn.len());
    }
    if args.iter().any(|a| a == "--compare") {
        compare(
            &net,
            &[("dev", &dev, &dev_tags), ("test", &test, &test_tags)],
            &tag,
            args.iter().any(|a| a == "--speed"),
        );
        return;
    }
    let pred = net.parse(&dev, &dev_tags, 2000).expect("parse dev");
    report("dev", &dev, &pred);
    let pred = net.parse(&test, &test_tags, 2000).expect("parse test");
    report("test", &test, &pred);
    if args.iter().any(|a| a == "--speed") {
        let all: Vec<Sentence> = dev.iter().chain(&test).cloned().collect();
        let tags: Vec<Sentence> = dev_tags.iter().chain(&test_tags).cloned().collect();
        let words: usize = all.iter().map(|s| s.words.len()).sum();
        for batch in [100, 2000] {
            let (t, c) = (Instant::now(), cpu_seconds());
            for _ in 0..2 {
                net.parse(&all, &tags, batch).expect("parse");
            }
            let (wall, cpu) = (t.elapsed().as_secs_f64(), cpu_seconds() - c);
            println!(
                "speed (batches of {batch} words): {:.0} words/s CPU, {:.0} wall; {:.0} news-length (25-word) sentences/s CPU",
                2.0 * words as f64 / cpu,
                2.0 * words as f64 / wall,
                2.0 * words as f64 / cpu / 25.0
            );
        }
    }
}

/// Fraction of words with the same head, and with the same head and relation, in two parses of the same words.
fn agreement(a: &[Sentence], b: &[Sentence]) -> (f64, f64, usize) {
    let (mut n, mut heads, mut both) = (0usize, 0usize, 0usize);
    for (x, y) in a.iter().zip(b) {
        for (u, v) in x.words.iter().zip(&y.words) {
            n += 1;
            heads += usize::from(u.head == v.head);
            both += usize::from(u.head == v.head && u.deprel == v.deprel);
        }
    }
    (100.0 * heads as f64 / n as f64, 100.0 * both as f64 / n as f64, n - both)
}

/// The candle parser against the candle-free one (f32 weights and f16 weights): scores, agreement, and speed.
fn compare(
    net: &Network,
    sets: &[(&str, &Vec<Sentence>, &Vec<Sentence>)],
    tag: &dyn Fn(&[Sentence]) -> Vec<Sentence>,
    speed: bool,
) {
    let f32p = net.to_nn_parser().expect("f32 parser");
    let f16p = dyad_syntax::biaffine::NnParser::from_bytes(&net.to_model_bytes().expect("bytes")).expect("f16 parser");
    for (name, gold, tags) in sets {
        let candle = net.parse(gold, tags, 2000).expect("parse");
        report(&format!("{name} candle"), gold, &candle);
        for (what, p) in [("fast f32", &f32p), ("fast f16", &f16p)] {
            let pred = p.parse_sentences(gold, tags);
            report(&format!("{name} {what}"), gold, &pred);
            let (h, hl, diff) = agreement(&candle, &pred);
            println!(
                "  {name} {what} vs candle: same head {h:.3}%, same head and relation {hl:.3}% ({diff} words differ)"
            );
        }
    }
    if !speed {
        return;
    }
    let news_gold = load("crates/syntax/tests/data/news-gold.conllu");
    let news_tags = tag(&news_gold);
    let test = sets.iter().find(|s| s.0 == "test").expect("test set");
    for (name, gold, tags, reps) in [("EWT test", test.1, test.2, 3), ("news-gold", &news_gold, &news_tags, 100)] {
        let words: usize = gold.iter().map(|s| s.words.len()).sum::<usize>() * reps;
        let sents = gold.len() * reps;
        let row = |what: &str, secs: f64| {
            println!(
                "speed {name} {what}: {:.0} sentences/s, {:.0} words/s (CPU s {secs:.2})",
                sents as f64 / secs,
                words as f64 / secs
            )
        };
        for batch in [2000, 0] {
            let c = cpu_seconds();
            for _ in 0..reps {
                if batch == 0 {
                    for (g, t) in gold.iter().zip(tags.iter()) {
                        net.parse(std::slice::from_ref(g), std::slice::from_ref(t), 1).expect("parse");
                    }
                } else {
                    net.parse(gold, tags, batch).expect("parse");
                }
            }
            row(
                if batch == 0 { "candle one sentence at a time" } else { "candle batches of 2000 words" },
                cpu_seconds() - c,
            );
        }
        let c = cpu_seconds();
        for _ in 0..reps {
            f16p.parse_sentences(gold, tags);
        }
        row("fast (one sentence at a time)", cpu_seconds() - c);
    }
}
