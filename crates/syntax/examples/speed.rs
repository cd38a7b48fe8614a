//! Tag + parse speed of the embedded model (or `--model FILE`) on a CoNLL-U file's words, best of several passes,
//! and, with `--out FILE`, the file re-tagged and re-parsed (CoNLL-U, as `dyad parse --tokenized` writes it) for
//! byte-for-byte comparisons between builds; `--roundtrip` checks that the model written again gives its own bytes.
//!
//! `cargo run --release -p dyad-syntax --example speed -- FILE.conllu [--passes N] [--out FILE] [--model FILE]
//!  [--roundtrip] [--parser FILE] [--beam K]`
//!
//! `--parser FILE` replaces the model's parser by a parser section (as `parser_eval --out` or `--checkpoints`
//! writes it); `--beam K` parses with a beam of K.

use dyad_syntax::{Analyzer, Model, read_conllu, write_conllu};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let path = args.first().expect("usage: speed FILE.conllu [--passes N] [--out FILE] [--model FILE]");
    let passes: usize = arg("--passes").map_or(5, |p| p.parse().expect("--passes N"));
    let bytes: Vec<u8> = match arg("--model") {
        Some(p) => std::fs::read(&p).expect("model file"),
        None => Model::embedded_bytes().to_vec(),
    };
    let (t0, rss0) = (Instant::now(), rss_mb());
    let mut model = Model::from_bytes(&bytes).expect("model");
    if let Some(p) = arg("--parser") {
        let section = std::fs::read(&p).expect("parser file");
        model.set_parser(dyad_syntax::Parser::read_from(&mut &section[..]).expect("parser section"));
    }
    if let Some(k) = arg("--beam") {
        let parser = model.parser().cloned().expect("model has a parser");
        model.set_parser(parser.with_beam(k.parse().expect("--beam K")));
    }
    println!(
        "model: {:.2} MB, loaded in {:.3} s, resident memory {:.1} MB more",
        bytes.len() as f64 / 1e6,
        t0.elapsed().as_secs_f64(),
        rss_mb() - rss0
    );
    if args.iter().any(|a| a == "--roundtrip") {
        println!("round trip: {}", model.to_bytes() == bytes);
    }
    let analyzer = Analyzer::new(model);
    let text = std::fs::read_to_string(path).expect("CoNLL-U file");
    let mut sentences = read_conllu(&text).expect("CoNLL-U");
    let words: Vec<Vec<&str>> = sentences.iter().map(|s| s.words.iter().map(|w| w.form.as_str()).collect()).collect();
    let n_words: usize = words.iter().map(Vec::len).sum();
    let mut best = f64::MAX;
    for _ in 0..passes {
        let (t0, c0) = (Instant::now(), cpu_time());
        let mut sink = 0usize;
        for w in &words {
            sink += analyzer.analyze(w).len();
        }
        assert_eq!(sink, n_words);
        // CPU time of this thread where the system reports it (the machine may be shared), else wall-clock.
        let secs = match (c0, cpu_time()) {
            (Some(a), Some(b)) => b - a,
            _ => t0.elapsed().as_secs_f64(),
        };
        best = best.min(secs);
    }
    println!(
        "{} sentences, {n_words} words: {:.0} sentences/s, {:.0} words/s = {:.0} news-length (25-word) sentences/s",
        words.len(),
        words.len() as f64 / best,
        n_words as f64 / best,
        n_words as f64 / best / 25.0
    );
    if let Some(out) = arg("--out") {
        for s in &mut sentences {
            analyzer.annotate(s);
        }
        std::fs::write(&out, write_conllu(&sentences)).expect("write --out");
    }
}

/// Seconds this thread has run on a CPU (Linux: `/proc/thread-self/schedstat`), if known.
fn cpu_time() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(s.split_whitespace().next()?.parse::<f64>().ok()? / 1e9)
}

/// Resident memory of this process in MB (Linux: `/proc/self/status`), 0 where unknown.
fn rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok());
    kb.unwrap_or(0.0) / 1024.0
}
