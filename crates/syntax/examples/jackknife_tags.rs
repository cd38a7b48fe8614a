//! Writes predicted tags for parser training and scoring: `train.tagged.conllu` (k-fold jackknifed),
//! `dev.tagged.conllu` and `test.tagged.conllu` (tagger trained on all of train), and `tagger.model`.
//!
//! `cargo run --release -p dyad-syntax --example jackknife_tags -- TREEBANK_DIR FOLDS OUT_DIR`

use dyad_syntax::{Model, Tagger, TrainConfig, jackknife, read_conllu, write_conllu};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = &args[1];
    let folds: usize = args[2].parse().expect("FOLDS");
    let out = &args[3];
    let read = |n: &str| read_conllu(&std::fs::read_to_string(format!("{dir}/en_ewt-ud-{n}.conllu")).unwrap()).unwrap();
    let train = read("train");
    let config = TrainConfig::default();
    let t = std::time::Instant::now();
    let tagger = Tagger::train(&train, &config);
    for name in ["dev", "test"] {
        let mut s = read(name);
        tagger.tag_sentences(&mut s);
        std::fs::write(format!("{out}/{name}.tagged.conllu"), write_conllu(&s)).unwrap();
    }
    std::fs::write(format!("{out}/tagger.model"), Model::new(tagger).to_bytes()).unwrap();
    eprintln!("tagger trained in {:.0} s", t.elapsed().as_secs_f64());
    let jk = jackknife(&train, folds, &config);
    std::fs::write(format!("{out}/train.tagged.conllu"), write_conllu(&jk)).unwrap();
    eprintln!("jackknifed in {:.0} s", t.elapsed().as_secs_f64());
}
