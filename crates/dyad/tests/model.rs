//! The one model file through the command line: `dyad train syntax` writes it, with the biaffine parser's `nn`
//! section only when `--nn FILE` asks for it, and `dyad parse --model FILE --parser nn` reads that section or says
//! that the file has none.

mod common;

use common::{dyad, workspace};
use predicates::prelude::*;

const SENTENCE: &str = "Rebels attacked the town on Monday.";

#[test]
fn train_keeps_the_nn_section_only_when_asked_and_parse_reads_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    // A tiny treebank: the 30 news-gold sentences as the training file.
    let treebank = dir.path().join("tb");
    std::fs::create_dir(&treebank).expect("treebank dir");
    let gold = workspace().join("crates/syntax/tests/data/news-gold.conllu");
    std::fs::copy(&gold, treebank.join("tiny-ud-train.conllu")).expect("copy news-gold");
    let (plain, with_nn) = (dir.path().join("plain.model"), dir.path().join("with-nn.model"));
    let train = |out: &std::path::Path, nn: Option<&std::path::Path>| {
        let mut cmd = dyad();
        cmd.args(["train", "syntax", "--treebank"]).arg(&treebank).arg("--out").arg(out);
        if let Some(nn) = nn {
            cmd.arg("--nn").arg(nn);
        }
        cmd.assert()
    };
    train(&plain, None).success().stderr(predicate::str::contains("nn section: none"));
    train(&with_nn, Some(&workspace().join("data/syntax.model"))).success();
    // Without the section the perceptron parses, and `--parser nn` is an error that says why.
    dyad().args(["parse", "--model"]).arg(&plain).arg(SENTENCE).assert().success();
    dyad()
        .args(["parse", "--parser", "nn", "--model"])
        .arg(&plain)
        .arg(SENTENCE)
        .assert()
        .failure()
        .stderr(predicate::str::contains("has no nn section"));
    // With it, the nn parser of the shipped file parses on the tiny tagger's tags: a tree with one root.
    let out = dyad().args(["parse", "--parser", "nn", "--model"]).arg(&with_nn).arg(SENTENCE).output().expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let roots = text.lines().filter(|l| l.split('\t').nth(6) == Some("0")).count();
    assert_eq!(roots, 1, "{text}");
    // The nn section is copied byte for byte: the file grows by the shipped section's size plus its table entry.
    let size = |p: &std::path::Path| std::fs::metadata(p).expect("model file").len();
    let shipped = dyad_syntax::ModelFile::read(dyad_syntax::Model::embedded_bytes()).expect("shipped file");
    let nn = shipped.get(dyad_syntax::Section::Nn).expect("shipped nn section").len() as u64;
    assert_eq!(size(&with_nn), size(&plain) + nn + 1 + 2 + 8);
    // A file without the section cannot give one.
    train(&dir.path().join("x.model"), Some(&plain)).failure().stderr(predicate::str::contains("no nn section"));
}

#[test]
fn train_refuses_a_beam_width_the_model_file_cannot_keep() {
    for width in ["0", "33", "1000"] {
        dyad()
            .args(["train", "syntax", "--beam", width, "--treebank", "no-such-dir"])
            .assert()
            .failure()
            .stderr(predicate::str::contains("is not in 1..=32"));
    }
}

#[test]
fn train_events_refuses_cross_validation_with_fewer_than_two_folds() {
    // One fold would leave nothing to predict; the command must not fall back to writing a model.
    for k in ["0", "1"] {
        dyad()
            .args(["train", "events", "--cv", k, "--table", "no-such-file", "--out", "no-such-dir/x.model"])
            .assert()
            .failure()
            .stderr(predicate::str::contains("is not in 2.."));
    }
}
