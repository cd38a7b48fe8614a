//! Trains the whole syntax model as `dyad train syntax` does (tagger on EWT train, parser on 5-fold jackknifed
//! tags with the default options) and writes it, plus the parser pruned at other thresholds for comparison.
//!
//! `cargo run --release -p dyad-syntax --example train_syntax_model -- TREEBANK_DIR OUT_FILE [PRUNE,...]`

use dyad_syntax::parser::{TrainOptions, train_for_model};
use dyad_syntax::{Model, Tagger, TrainConfig, read_conllu};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (dir, out) = (&args[1], &args[2]);
    let train = read_conllu(&std::fs::read_to_string(format!("{dir}/en_ewt-ud-train.conllu")).unwrap()).unwrap();
    let t = std::time::Instant::now();
    let config = TrainConfig::default();
    let mut model = Model::new(Tagger::train(&train, &config));
    let parser = train_for_model(&train, &[], &config, &mut |m| eprintln!("{m}")).expect("parser");
    model.set_parser(parser.clone());
    let bytes = model.to_bytes();
    std::fs::write(out, &bytes).unwrap();
    eprintln!(
        "trained in {:.0} s; {} bytes; defaults {:?}",
        t.elapsed().as_secs_f64(),
        bytes.len(),
        TrainOptions::default()
    );
    if let Some(list) = args.get(3) {
        // The same model with the parser pruned harder or softer is `parser.pruned(t)` only for t above the
        // default threshold; below it the weights are already gone.
        for th in list.split(',') {
            let th: f32 = th.parse().unwrap();
            let mut m = Model::new(model.tagger.clone());
            m.set_parser(parser.pruned(th));
            std::fs::write(format!("{out}.{th}"), m.to_bytes()).unwrap();
        }
    }
}
