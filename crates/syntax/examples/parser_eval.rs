//! Trains the parser on UD English-EWT train and scores it on dev and test (gold tokens, the tags found in the files
//! unless a tagged copy is given), with the CoNLL 2018 conventions: every word counted, LAS on the universal part of
//! the relation. Also prints per-relation labelled F1, training time, parse speed and model size.
//!
//! `cargo run --release -p dyad-syntax --example parser_eval -- --treebank DIR [--epochs N] [--seed N] [--explore P]
//!  [--prune X] [--skip-nonprojective] [--out FILE] [--train-tags FILE --dev-tags FILE --test-tags FILE] [--curve]
//!  [--checkpoints PREFIX] [--tag-with MODEL] [--silver FILE [--silver-limit N] [--gold-copies K]] [--beam K]
//!  [--decode-beam K]`
//!
//! `--beam K` trains a beam parser of width K globally (max-violation) instead of the greedy one; `--decode-beam K`
//! parses dev and test with a beam of K whatever the parser was trained or loaded as.
//!
//! `--silver FILE` (uptraining): the parsed sentences of FILE (as the biaffine example's `--parse-conllu` writes
//! them, with their own tags) are added to the training sentences, the first N of them with `--silver-limit`, and
//! the treebank's training sentences are repeated K times (default 1) to weigh them against the silver ones.

mod common;
use common::load;
use dyad_syntax::parser::{NonProjective, Parser, Scratch, TrainOptions};
use dyad_syntax::{Sentence, Word};
use std::collections::BTreeMap;
use std::time::Instant;

fn universal(l: &str) -> &str {
    l.split(':').next().unwrap_or(l)
}

/// Scores predicted against gold; returns (UAS, LAS universal, LAS full) and per-label counts.
/// Per label: (correct, gold, predicted).
type PerLabel = BTreeMap<String, (usize, usize, usize)>;

fn score(gold: &[Sentence], pred: &[Vec<Word>]) -> ((f64, f64, f64), PerLabel) {
    let (mut n, mut uh, mut lu, mut lf) = (0usize, 0usize, 0usize, 0usize);
    let mut per: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    for (g, p) in gold.iter().zip(pred) {
        for (gw, pw) in g.words.iter().zip(p) {
            n += 1;
            let head_ok = gw.head == pw.head;
            uh += usize::from(head_ok);
            lu += usize::from(head_ok && universal(&gw.deprel) == universal(&pw.deprel));
            lf += usize::from(head_ok && gw.deprel == pw.deprel);
            per.entry(gw.deprel.clone()).or_default().1 += 1;
            per.entry(pw.deprel.clone()).or_default().2 += 1;
            if head_ok && gw.deprel == pw.deprel {
                per.entry(gw.deprel.clone()).or_default().0 += 1;
            }
        }
    }
    let pc = |x: usize| 100.0 * x as f64 / n.max(1) as f64;
    ((pc(uh), pc(lu), pc(lf)), per)
}

static DEV: std::sync::OnceLock<(Vec<Sentence>, Vec<Vec<Word>>)> = std::sync::OnceLock::new();
/// With `--checkpoints PREFIX`: the parser after each epoch is written to `PREFIX.EPOCH` (a parser section, as `--out`
/// writes it), so that the number of epochs can be chosen on dev. The model after epoch k of a longer run is the
/// model of a k-epoch run (the shuffles and exploration draw from one generator, epoch by epoch).
static CHECKPOINTS: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Parses `gold`'s words with `tags`' tags.
fn parse_all(parser: &Parser, gold: &[Sentence], tags: &[Vec<Word>]) -> Vec<Vec<Word>> {
    let mut scratch = Scratch::default();
    let mut pred: Vec<Vec<Word>> = Vec::with_capacity(gold.len());
    for (s, t) in gold.iter().zip(tags) {
        let mut words: Vec<Word> = s
            .words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let mut x = Word::new(&w.form);
                if let Some(tw) = t.get(i) {
                    x.upos = tw.upos.clone();
                    x.xpos = tw.xpos.clone();
                    x.lemma = tw.lemma.clone();
                }
                x
            })
            .collect();
        parser.parse_with(&mut words, &mut scratch);
        pred.push(words);
    }
    pred
}

fn epoch_report(epoch: usize, parser: &Parser) {
    if let Some((dev, tags)) = DEV.get() {
        let ((uas, las, _), _) = score(dev, &parse_all(parser, dev, tags));
        eprintln!("parser: epoch {epoch} dev UAS {uas:.2} LAS {las:.2}");
    }
    if let Some(prefix) = CHECKPOINTS.get() {
        let mut bytes = Vec::new();
        parser.write_to(&mut bytes);
        std::fs::write(format!("{prefix}.{epoch}"), bytes).expect("write checkpoint");
    }
}

/// Seconds this thread has run on a CPU (Linux `/proc/thread-self/schedstat`), so that speed is measured per core
/// even on a loaded machine; wall-clock time elsewhere.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(s.split_whitespace().next()?.parse::<f64>().ok()? / 1e9)
}

/// Words per second (of CPU time) parsing `all` three times on one thread.
fn speed(parser: &Parser, all: &mut [Vec<Word>]) -> f64 {
    let words: usize = all.iter().map(Vec::len).sum();
    let mut scratch = Scratch::default();
    let (t, c) = (Instant::now(), cpu_seconds());
    for _ in 0..3 {
        for s in all.iter_mut() {
            parser.parse_with(s, &mut scratch);
        }
    }
    let secs = match (c, cpu_seconds()) {
        (Some(a), Some(b)) => b - a,
        _ => t.elapsed().as_secs_f64(),
    };
    3.0 * words as f64 / secs
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let flag = |name: &str| args.iter().any(|a| a == name);
    let dir = arg("--treebank").unwrap_or_else(|| "../shared/treebanks/UD_English-EWT".into());
    let mut opts = options(&arg, flag("--skip-nonprojective"));
    let train = load(&format!("{dir}/en_ewt-ud-train.conllu"));
    let dev = load(&format!("{dir}/en_ewt-ud-dev.conllu"));
    let test = load(&format!("{dir}/en_ewt-ud-test.conllu"));
    // Tags: the words of a tagged copy of each file (same tokens), else the gold columns.
    let tags_of = |name: &str, gold: &[Sentence]| -> Vec<Vec<Word>> {
        match arg(name) {
            Some(p) => load(&p).into_iter().map(|s| s.words).collect(),
            None => gold.iter().map(|s| s.words.clone()).collect(),
        }
    };
    let mut train_tags = tags_of("--train-tags", &train);
    let mut train = train;
    if let Some(path) = arg("--silver") {
        let mut silver = load(&path);
        if let Some(n) = arg("--silver-limit") {
            silver.truncate(n.parse().expect("--silver-limit N"));
        }
        let copies: usize = arg("--gold-copies").map_or(1, |k| k.parse().expect("--gold-copies K"));
        println!(
            "silver: {} sentences ({} words) from {path}; treebank training sentences x{copies}",
            silver.len(),
            silver.iter().map(|s| s.words.len()).sum::<usize>()
        );
        (train, train_tags) = dyad_syntax::parser::uptraining_set(&train, &train_tags, &silver, copies);
    }
    let mut dev_tags = tags_of("--dev-tags", &dev);
    let mut test_tags = tags_of("--test-tags", &test);
    // A whole syntax model: its parser, with tags from its tagger; tag + parse speed through the analyser.
    let syntax = arg("--syntax-model").map(|m| syntax_model(&m, [(&dev, &mut dev_tags), (&test, &mut test_tags)]));
    if let Some(model) = &syntax {
        print_analyser_speed(model, &dev, &test);
    }
    // `--tag-with FILE`: dev and test tagged by that model's tagger, the parser trained here.
    if let Some(m) = arg("--tag-with") {
        syntax_model(&m, [(&dev, &mut dev_tags), (&test, &mut test_tags)]);
    }

    if flag("--curve") {
        DEV.get_or_init(|| (dev.clone(), dev_tags.clone()));
        opts.on_epoch = Some(epoch_report);
    }
    if let Some(prefix) = arg("--checkpoints") {
        CHECKPOINTS.get_or_init(|| prefix);
        opts.on_epoch = Some(epoch_report);
    }
    let t0 = Instant::now();
    let parser = match arg("--model") {
        _ if syntax.is_some() => syntax.as_ref().and_then(|m| m.parser()).expect("model has a parser").clone(),
        Some(m) => Parser::read_from(&mut &std::fs::read(m).expect("model")[..]).expect("model"),
        None => dyad_syntax::parser::train(&train, &train_tags, &opts),
    };
    let train_secs = t0.elapsed().as_secs_f64();
    let width = arg("--decode-beam").map_or(parser.beam_width(), |k| k.parse().expect("--decode-beam K"));
    let mut bytes = Vec::new();
    parser.write_to(&mut bytes);
    let t1 = Instant::now();
    let parser = Parser::read_from(&mut &bytes[..]).expect("round trip").with_beam(width);
    println!("beam width {width}");
    let load_secs = t1.elapsed().as_secs_f64();
    let (nf, nw) = parser.sizes();
    println!(
        "trained in {train_secs:.1} s; model {:.2} MB ({nf} features, {nw} weights); load {load_secs:.3} s",
        bytes.len() as f64 / 1e6
    );
    if let Some(out) = arg("--out") {
        std::fs::write(&out, &bytes).expect("write model");
    }
    for (name, gold, tags) in [("dev", &dev, &dev_tags), ("test", &test, &test_tags)] {
        print_scores(name, &parser, gold, tags);
    }

    // Speed: parse dev + test (gold tags, already in the words) three times on one thread.
    let mut all: Vec<Vec<Word>> = dev.iter().chain(&test).map(|s| s.words.clone()).collect();
    let words: usize = all.iter().map(Vec::len).sum();
    let per_sentence = words as f64 / all.len() as f64;
    let wps = speed(&parser, &mut all);
    println!(
        "speed: {wps:.0} words/s, {:.0} EWT sentences/s ({per_sentence:.1} words each), {:.0} news-length (25-word) sentences/s",
        wps / per_sentence,
        wps / 25.0
    );
    if let Some(list) = arg("--prune-list") {
        prune_list(&parser, &list, arg("--out"), (&dev, &dev_tags), (&test, &test_tags), &mut all);
    }
}

/// The training options of `--epochs N`, `--seed N`, `--explore P`, `--prune X` and `--skip-nonprojective`.
fn options(arg: &dyn Fn(&str) -> Option<String>, skip_nonprojective: bool) -> TrainOptions {
    let mut opts = TrainOptions { verbose: true, ..TrainOptions::default() };
    if let Some(e) = arg("--epochs") {
        opts.epochs = e.parse().expect("--epochs N");
    }
    if let Some(x) = arg("--seed") {
        opts.seed = x.parse().expect("--seed N");
    }
    if let Some(x) = arg("--explore") {
        opts.explore = x.parse().expect("--explore P");
    }
    if let Some(p) = arg("--prune") {
        opts.prune = p.parse().expect("--prune X");
    }
    if let Some(k) = arg("--beam") {
        opts.beam = k.parse().expect("--beam K");
    }
    if skip_nonprojective {
        opts.nonprojective = NonProjective::Skip;
    }
    opts
}

/// Loads the syntax model at `path` and replaces each file's tags with its tagger's.
fn syntax_model(path: &str, files: [(&Vec<Sentence>, &mut Vec<Vec<Word>>); 2]) -> dyad_syntax::Model {
    let bytes = std::fs::read(path).expect("syntax model");
    let t = Instant::now();
    let model = dyad_syntax::Model::from_bytes(&bytes).expect("syntax model");
    println!(
        "syntax model {:.2} MB, loaded in {:.3} s (wall clock)",
        bytes.len() as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );
    for (gold, tags) in files {
        let mut s = gold.clone();
        model.tagger.tag_sentences(&mut s);
        *tags = s.into_iter().map(|s| s.words).collect();
    }
    model
}

/// Tag + parse speed of the whole model through the analyser, on dev and test.
fn print_analyser_speed(model: &dyad_syntax::Model, dev: &[Sentence], test: &[Sentence]) {
    let a = dyad_syntax::Analyzer::new(model.clone());
    let forms: Vec<Vec<&str>> =
        dev.iter().chain(test).map(|s| s.words.iter().map(|w| w.form.as_str()).collect()).collect();
    let words: usize = forms.iter().map(Vec::len).sum();
    let c = cpu_seconds();
    let mut n = 0;
    for f in &forms {
        n += a.analyze(f).len();
    }
    let secs = cpu_seconds().zip(c).map_or(f64::NAN, |(b, a)| b - a);
    println!(
        "tag + parse: {:.0} words/s (CPU time) = {:.0} news-length (25-word) sentences/s ({n} words)",
        words as f64 / secs,
        words as f64 / secs / 25.0
    );
}

/// UAS and LAS of one file, and the labelled F1 of the relations the event coder reads.
fn print_scores(name: &str, parser: &Parser, gold: &[Sentence], tags: &[Vec<Word>]) {
    let pred = parse_all(parser, gold, tags);
    let ((uas, las, lasf), per) = score(gold, &pred);
    println!("{name}: UAS {uas:.2}  LAS {las:.2}  (full-label LAS {lasf:.2})");
    let mut line = String::new();
    for rel in [
        "nsubj",
        "obj",
        "obl",
        "nsubj:pass",
        "obl:agent",
        "acl:relcl",
        "conj",
        "appos",
        "ccomp",
        "xcomp",
        "compound:prt",
    ] {
        let (c, g, p) = per.get(rel).copied().unwrap_or_default();
        let f1 = if g + p == 0 { 0.0 } else { 200.0 * c as f64 / (g + p) as f64 };
        line.push_str(&format!("{rel} {f1:.1}  "));
    }
    println!("{name} F1: {line}");
}

/// Pruning: size, accuracy and speed of smaller copies (`--prune-list X,Y`), each written to `OUT.X` with `--out`.
fn prune_list(
    parser: &Parser,
    list: &str,
    out: Option<String>,
    (dev, dev_tags): (&[Sentence], &[Vec<Word>]),
    (test, test_tags): (&[Sentence], &[Vec<Word>]),
    all: &mut [Vec<Word>],
) {
    for t in list.split(',') {
        let t: f32 = t.parse().expect("--prune-list X,Y");
        let p = parser.pruned(t);
        let mut b = Vec::new();
        p.write_to(&mut b);
        let ((du, dl, _), _) = score(dev, &parse_all(&p, dev, dev_tags));
        let ((tu, tl, _), _) = score(test, &parse_all(&p, test, test_tags));
        let wps = speed(&p, all);
        println!(
            "prune {t}: {:.2} MB, dev {du:.2}/{dl:.2}, test {tu:.2}/{tl:.2}, {wps:.0} words/s = {:.0} news sentences/s",
            b.len() as f64 / 1e6,
            wps / 25.0
        );
        if let Some(out) = &out {
            std::fs::write(format!("{out}.{t}"), &b).expect("write model");
        }
    }
}
