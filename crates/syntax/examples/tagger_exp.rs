//! Tagger experiment: trains on EWT train, scores dev (and test with `test`), prints model size.
use dyad_syntax::{Analyzer, Model, Tagger, TrainConfig, eval, read_conllu};
use std::time::Instant;

fn main() {
    let dir = std::env::args().nth(1).unwrap_or("/work/shared/treebanks/UD_English-EWT".into());
    let epochs: usize = std::env::args().nth(2).and_then(|e| e.parse().ok()).unwrap_or(10);
    let read = |n: &str| read_conllu(&std::fs::read_to_string(format!("{dir}/en_ewt-ud-{n}.conllu")).unwrap()).unwrap();
    let train = read("train");
    let t0 = Instant::now();
    let env = |k: &str, d: f64| std::env::var(k).ok().and_then(|v| v.parse().ok()).unwrap_or(d);
    let d = TrainConfig::default();
    let config = TrainConfig {
        epochs,
        min_seen: env("MIN_SEEN", d.min_seen as f64) as u32,
        min_weight: env("MIN_WEIGHT", d.min_weight as f64) as f32,
        dict_share: env("DICT_SHARE", d.dict_share),
        joint_feats: env("JOINT", 1.0) > 0.5,
        folds: env("FOLDS", d.folds as f64) as usize,
        min_known: env("MIN_KNOWN", d.min_known as f64) as u32,
        ..d
    };
    let tagger = Tagger::train(&train, &config);
    eprintln!("trained in {:.1}s, {} features", t0.elapsed().as_secs_f64(), tagger.feature_count());
    let model = Model::new(tagger);
    let bytes = model.to_bytes();
    let t0 = Instant::now();
    let model = Model::from_bytes(&bytes).unwrap();
    eprintln!("model {:.2} MB, loaded in {:.3}s", bytes.len() as f64 / 1e6, t0.elapsed().as_secs_f64());
    if let Some(out) = std::env::args().nth(3) {
        std::fs::write(out, &bytes).unwrap();
    }
    let a = Analyzer::new(model);
    for set in ["dev", "test"] {
        let gold = read(set);
        let mut pred = gold.clone();
        let t0 = Instant::now();
        for s in &mut pred {
            a.annotate(s);
        }
        let secs = t0.elapsed().as_secs_f64();
        let s = eval::score(&gold, &pred).unwrap();
        println!(
            "{set}: UPOS {:.2} XPOS {:.2} FEATS {:.2} event-FEATS {:.2} lemma {:.2}  ({:.0} sent/s)",
            s.pct(s.upos),
            s.pct(s.xpos),
            s.pct(s.feats),
            s.pct(s.event_feats),
            s.pct(s.lemma),
            gold.len() as f64 / secs
        );
    }
}
