//! `dyad bench parse`: tagging and parsing quality on a UD treebank's dev and test files with gold tokens
//! (CoNLL 2018 convention: every word counted, LAS on the universal relation), and speed.

use crate::BenchError;
use crate::error::ensure;
use dyad_syntax::{Analyzer, Model, eval, read_conllu_file, treebank_file};
use std::path::PathBuf;
use std::time::Instant;

/// Arguments of `dyad bench parse`.
#[derive(clap::Args)]
pub struct Args {
    /// The treebank folder (its `*-ud-dev.conllu` and `*-ud-test.conllu` files are scored).
    #[arg(long, default_value = "../shared/treebanks/UD_English-EWT")]
    treebank: PathBuf,
    /// A model file to score instead of the one built in.
    #[arg(long)]
    model: Option<PathBuf>,
    /// Also scored: news sentences no model has trained or been tuned on (hand-annotated Wikinews; skipped when absent).
    #[arg(long, default_value = "crates/syntax/tests/data/news-gold.conllu")]
    news: PathBuf,
}

/// The labelled F1 of each relation, most frequent in the gold first.
fn print_relations(part: &str, s: &eval::Scores) -> Result<(), crate::BenchError> {
    let mut rels: Vec<(&String, &eval::RelationCounts)> = s.relations.iter().collect();
    rels.sort_by(|a, b| b.1.gold.cmp(&a.1.gold).then(a.0.cmp(b.0)));
    let line: Vec<String> =
        rels.iter().filter(|(_, c)| c.gold > 0).map(|(r, c)| format!("{r} {:.1} ({})", c.f1(), c.gold)).collect();
    say!("{part} labelled F1 per relation (gold count): {}", line.join(", "));
    Ok(())
}

/// Runs the benchmark.
pub fn run(args: Args) -> Result<(), BenchError> {
    let bytes: std::borrow::Cow<'static, [u8]> = match &args.model {
        Some(p) => std::fs::read(p)?.into(),
        None => Model::embedded_bytes().into(),
    };
    let t0 = Instant::now();
    let model = Model::from_bytes(&bytes)?;
    let load = t0.elapsed().as_secs_f64();
    say!(
        "model: {:.2} MB, loaded in {:.3} s, {} tagger features, parser: {}",
        bytes.len() as f64 / 1e6,
        load,
        model.tagger.feature_count(),
        if model.has_parser() { "yes" } else { "no" }
    );
    let analyzer = Analyzer::new(model);
    let nn = load_nn(&bytes)?;
    let mut files =
        vec![("dev", treebank_file(&args.treebank, "dev")?), ("test", treebank_file(&args.treebank, "test")?)];
    if args.news.is_file() {
        files.push(("news-gold", args.news.clone()));
    }
    for (part, path) in files {
        let gold = read_conllu_file(&path)?;
        // Speed: analysis alone, on word slices (no CoNLL-U strings built).
        let words: Vec<Vec<&str>> = gold.iter().map(|s| s.words.iter().map(|w| w.form.as_str()).collect()).collect();
        let n_words: usize = words.iter().map(Vec::len).sum();
        let t0 = Instant::now();
        let mut sink = 0usize;
        for w in &words {
            sink += analyzer.analyze(w).len();
        }
        let secs = t0.elapsed().as_secs_f64().max(1e-9);
        ensure!(sink == n_words, "analysis lost words");
        let mut pred = gold.clone();
        for s in &mut pred {
            analyzer.annotate(s);
        }
        let s = eval::score(&gold, &pred)?;
        // Today's lemmas (dyad-text's table, lower-case), against the new ones, both compared ignoring case.
        let (mut old_ok, mut new_ok) = (0usize, 0usize);
        for (g, p) in gold.iter().flat_map(|s| &s.words).zip(pred.iter().flat_map(|s| &s.words)) {
            let gl = g.lemma.to_lowercase();
            let norm = g.form.to_lowercase();
            old_ok += usize::from(dyad_text::lemma_key(&norm) == gl);
            new_ok += usize::from(p.lemma.to_lowercase() == gl);
        }
        let parsed = analyzer.model().has_parser();
        let attachment = if parsed {
            format!("UAS {:.2}  LAS {:.2}", s.pct(s.uas), s.pct(s.las))
        } else {
            "UAS –  LAS – (the model has no parser)".to_string()
        };
        say!(
            "{part} ({} sentences, {} words, gold tokens): UPOS {:.2}  XPOS {:.2}  FEATS {:.2} (event features {:.2})  \
             lemma {:.2} (ignoring case: {:.2}; dyad-text's lemmas {:.2})  {attachment}",
            gold.len(),
            s.words,
            s.pct(s.upos),
            s.pct(s.xpos),
            s.pct(s.feats),
            s.pct(s.event_feats),
            s.pct(s.lemma),
            s.pct(new_ok),
            s.pct(old_ok),
        );
        say!(
            "{part} speed, one core: {:.0} sentences/s, {:.0} words/s",
            gold.len() as f64 / secs,
            n_words as f64 / secs
        );
        if parsed {
            print_relations(part, &s)?;
        }
        if let Some(nn) = &nn {
            nn_row(part, nn, &gold, &pred, &words)?;
        }
    }
    Ok(())
}

/// The biaffine parser of the model file's nn section, loaded once for every part (its load time printed), or
/// `None` with the reason printed when the file has none (an error only when stdout fails).
fn load_nn(model_file: &[u8]) -> Result<Option<dyad_syntax::biaffine::NnParser>, BenchError> {
    let t0 = Instant::now();
    match dyad_syntax::biaffine::NnParser::from_model_file(model_file) {
        Ok(nn) => {
            say!("nn parser (nn section): loaded in {:.3} s", t0.elapsed().as_secs_f64());
            Ok(Some(nn))
        }
        Err(e) => {
            say!("nn parser: {e}");
            Ok(None)
        }
    }
}

/// The biaffine parser on the same words, with the tags of the syntax model (`tagged`): UAS, LAS and the speed
/// of the parse alone (the tagging is the row above).
fn nn_row(
    part: &str,
    nn: &dyad_syntax::biaffine::NnParser,
    gold: &[dyad_syntax::Sentence],
    tagged: &[dyad_syntax::Sentence],
    words: &[Vec<&str>],
) -> Result<(), BenchError> {
    let mut ws = dyad_syntax::biaffine::Workspace::default();
    let t0 = Instant::now();
    for (w, t) in words.iter().zip(tagged) {
        nn.parse(&mut ws, w.iter().zip(&t.words).map(|(f, x)| (*f, x.upos.as_str(), x.xpos.as_str())));
    }
    let secs = t0.elapsed().as_secs_f64().max(1e-9);
    let pred = nn.parse_sentences(gold, tagged);
    let s = eval::score(gold, &pred)?;
    let n_words: usize = words.iter().map(Vec::len).sum();
    say!(
        "{part} nn parser (tags above): UAS {:.2}  LAS {:.2}; \
         parse alone, one core: {:.0} sentences/s, {:.0} words/s",
        s.pct(s.uas),
        s.pct(s.las),
        gold.len() as f64 / secs,
        n_words as f64 / secs
    );
    Ok(())
}
