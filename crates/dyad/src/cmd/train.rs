//! `dyad train syntax --treebank DIR --out FILE [--nn FILE]`, `dyad train events --out FILE`

use anyhow::Context;
use std::path::PathBuf;
use std::time::Instant;

/// Arguments of `dyad train`.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    which: Which,
}

#[derive(clap::Subcommand)]
enum Which {
    /// Trains the syntax model (tagger, and the parser when this build has one) from a UD treebank.
    Syntax(SyntaxArgs),
    /// Writes the unlabelled news sentences for uptraining the parser (CoNLL-U with forms only; the biaffine
    /// example parses them into the silver file that `train syntax --silver` reads).
    Corpus(CorpusArgs),
    /// Trains the learned event classifier (an averaged perceptron over PLOVER categories) from the construction
    /// table and the PLOVER GSR's dev half (even index; the held-out half is never read for training).
    Events(EventsArgs),
}

/// Arguments of `dyad train events`.
#[derive(clap::Args)]
struct EventsArgs {
    /// The construction table (crates/pipeline/tests/tree_table.tsv's format).
    #[arg(long, default_value = "crates/pipeline/tests/tree_table.tsv")]
    table: PathBuf,
    /// The PLOVER GSR file; only its dev half (even index) is trained on.
    #[arg(long, default_value = "../shared/bench/plover-gsr/PLOVER_GSR_CAMEO.json")]
    plover: PathBuf,
    /// Train on the table alone (no GSR sentence): the model whose whole-GSR figure is unseen.
    #[arg(long)]
    no_gsr: bool,
    /// Leave out the dependency-tree features (word and lemma features only).
    #[arg(long)]
    no_tree: bool,
    /// Add what the rules code in each sentence (the categories of their events, with or without a target) as
    /// features.
    #[arg(long)]
    rule_cues: bool,
    /// Passes over the examples (20: 10 did as well and 40 worse in 4-fold cross-validation on the dev half).
    #[arg(long, default_value_t = 20)]
    epochs: usize,
    /// Seed of the fixed visiting order.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Where to write the model file.
    #[arg(long, default_value = "data/events.model")]
    out: PathBuf,
    /// How many times each GSR dev sentence is shown per pass (the table's sentences once): the GSR's wire copy
    /// is the kind of text the model is asked about (3 did best in 4-fold cross-validation on the dev half: 61.4 %
    /// against 57.6 % for 1, 60.6 % for 2, 59.1 % for 5).
    #[arg(long, default_value_t = 3)]
    gsr_weight: usize,
    /// Instead of writing a model, cross-validate on the GSR dev half: K folds by index, each predicted by a
    /// model trained on the table and the other folds (the category of each sentence's gold pair).
    #[arg(long, value_name = "K", value_parser = clap::value_parser!(u16).range(2..))]
    cv: Option<u16>,
}

/// `dyad train events`.
fn train_events(a: &EventsArgs) -> anyhow::Result<()> {
    let t0 = Instant::now();
    let gsr = (!a.no_gsr).then_some(a.plover.as_path());
    let set = dyad_bench::plover::training_examples(&a.table, gsr, !a.no_tree, a.rule_cues)
        .with_context(|| format!("reading {} and {}", a.table.display(), a.plover.display()))?;
    if let Some(k) = a.cv.map(usize::from) {
        let (mut right, mut feats, mut scores) = (0usize, Vec::new(), Vec::new());
        // (margin, right) of every prediction, for the share right above a margin.
        let mut margins: Vec<(f32, bool)> = Vec::new();
        for fold in 0..k {
            let train = set.examples(a.gsr_weight, |i| i % k != fold);
            let model = dyad_events::learned::Model::train(&train, a.epochs, a.seed);
            for e in set.gsr_dev.iter().enumerate().filter(|(i, _)| i % k == fold).map(|(_, e)| e) {
                dyad_events::learned::features(&e.tokens, e.tree.as_ref(), &e.cues, &e.source, &e.target, &mut feats);
                if let Some(p) = model.predict(&feats, &mut scores) {
                    right += usize::from(p.class == e.label);
                    margins.push((p.margin, p.class == e.label));
                }
            }
        }
        let n = set.gsr_dev.len();
        println!(
            "{k}-fold cross-validation on the GSR dev half: {right}/{n} of the gold category ({:.1}%)",
            100.0 * right as f64 / n.max(1) as f64
        );
        for m in [0.5f32, 1.0, 2.0, 4.0, 8.0] {
            let above: Vec<bool> = margins.iter().filter(|(x, _)| *x >= m).map(|(_, r)| *r).collect();
            let r = above.iter().filter(|&&r| r).count();
            println!("  margin >= {m}: {r}/{} right", above.len());
        }
        return Ok(());
    }
    let skipped = set.skipped;
    let examples = set.examples(a.gsr_weight, |_| true);
    let model = dyad_events::learned::Model::train(&examples, a.epochs, a.seed);
    let bytes = model.to_bytes();
    std::fs::write(&a.out, &bytes).with_context(|| format!("writing {}", a.out.display()))?;
    eprintln!(
        "trained on {} examples ({} left out: parties not found), {} classes, {} epochs: {} ({} bytes) in {:.1}s",
        examples.len(),
        skipped,
        model.classes().len(),
        a.epochs,
        a.out.display(),
        bytes.len(),
        t0.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Arguments of `dyad train corpus`.
#[derive(clap::Args)]
struct CorpusArgs {
    /// Folders of news pages; every English page's body text is read.
    #[arg(long, default_values = [
        "../shared/bench/article-extraction/html",
        "../shared/bench/wcxb-dev-articles/html",
        "../shared/bench/htmldate-mediacloud/html",
    ])]
    text: Vec<PathBuf>,
    /// Event gold files (JSON lines with a `page` path per line): their pages are left out.
    #[arg(long, default_values = ["crates/eval/tests/data/news30/news30.jsonl", "crates/eval/tests/data/news30/heldout15.jsonl", "crates/eval/tests/data/news30/heldout25.jsonl"])]
    exclude_pages: Vec<PathBuf>,
    /// MEANTIME (its sentences, and so the news-gold parse sentences, are left out).
    #[arg(long, default_value = "../shared/bench/meantime")]
    meantime: PathBuf,
    /// The PLOVER GSR sentences (left out).
    #[arg(long, default_value = "../shared/bench/plover-gsr/PLOVER_GSR_CAMEO.json")]
    plover: PathBuf,
    /// The seed pages (their sentences are left out).
    #[arg(long, default_value = "../shared/seeds")]
    seeds: PathBuf,
    /// At most this many sentences are written (the first in hash order: a sample of all pages).
    #[arg(long, default_value_t = usize::MAX)]
    limit: usize,
    /// Where to write the sentences.
    #[arg(long, default_value = "silver.raw.conllu")]
    out: PathBuf,
}

/// Arguments of `dyad train syntax`.
#[derive(clap::Args)]
struct SyntaxArgs {
    /// The treebank folder; its `*-ud-train.conllu` file is read.
    #[arg(long, default_value = "../shared/treebanks/UD_English-EWT")]
    treebank: PathBuf,
    /// Folders of news pages (HTML, plain text, `.gz` too) whose text feeds the tagger's word clusters (read only
    /// with `--clusters N`).
    #[arg(long, default_values = ["../shared/bench/wcxb-dev-articles/html", "../shared/bench/htmldate-mediacloud/html"])]
    text: Vec<PathBuf>,
    /// Number of word clusters (0: none); the default is the shipped model's.
    #[arg(long)]
    clusters: Option<usize>,
    /// Silver sentences for uptraining the parser (CoNLL-U with tags and trees, as the biaffine example's
    /// `--parse-conllu` writes them; see data/README.md); none by default.
    #[arg(long)]
    silver: Option<PathBuf>,
    /// Beam width of the parser: 1 (the shipped model) trains the greedy parser; K > 1 a beam parser of width K,
    /// trained globally, which parses with that beam (more accurate, about K/2 times slower: see the README);
    /// at most 32 (the model file keeps the width in one byte, and wider beams are too slow to train).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=32))]
    beam: u8,
    /// Where to write the model file.
    #[arg(long, default_value = "data/syntax.model")]
    out: PathBuf,
    /// Copy the nn section (the biaffine parser's weights) of this model file into the one written, e.g.
    /// `--nn data/syntax.model`; without it the file written has no nn section and `--parser nn` says so. The nn
    /// parser reads the new tagger's tags: check it with `dyad bench parse`.
    #[arg(long, value_name = "FILE")]
    nn: Option<PathBuf>,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    let a = match args.which {
        Which::Syntax(a) => a,
        Which::Events(e) => return train_events(&e),
        Which::Corpus(c) => {
            return crate::cmd::corpus::run(
                &c.text,
                &c.exclude_pages,
                &c.meantime,
                &c.plover,
                &c.seeds,
                c.limit,
                &c.out,
            );
        }
    };
    // Read first: `--nn` may name the file about to be overwritten.
    let nn = a.nn.as_deref().map(nn_section).transpose()?;
    let train = dyad_syntax::read_conllu_file(&dyad_syntax::treebank_file(&a.treebank, "train")?)?;
    let t0 = Instant::now();
    let mut config = dyad_syntax::TrainConfig::default();
    if let Some(k) = a.clusters {
        config.clusters = k;
    }
    config.parser_beam = usize::from(a.beam);
    // Unlabelled text is read only for word clusters (off in the shipped model: measured no gain on EWT dev).
    let pages = if config.clusters > 0 { read_pages(&a.text)? } else { Vec::new() };
    let unlabelled: Vec<Vec<&str>> = pages
        .iter()
        .flat_map(|text| {
            dyad_text::split_sentences(text)
                .into_iter()
                .map(|span| dyad_text::ud_tokens(text, span).iter().filter_map(|t| t.slice(text)).collect())
        })
        .collect();
    eprintln!(
        "unlabelled text for clusters: {} pages, {} sentences, {} words",
        pages.len(),
        unlabelled.len(),
        unlabelled.iter().map(Vec::len).sum::<usize>()
    );
    let silver = match &a.silver {
        Some(p) => dyad_syntax::read_conllu_file(p)?,
        None => Vec::new(),
    };
    let model = dyad_syntax::train_model(&train, &unlabelled, &silver, &config, &mut |msg| eprintln!("{msg}"));
    let bytes = model.to_bytes_with_nn(nn.as_deref());
    std::fs::write(&a.out, &bytes).with_context(|| format!("writing {}", a.out.display()))?;
    eprintln!(
        "trained on {} sentences in {:.0} s: {} tagger features, parser: {}, nn section: {}; wrote {} ({:.2} MB)",
        train.len(),
        t0.elapsed().as_secs_f64(),
        model.tagger.feature_count(),
        if model.has_parser() { "yes" } else { "none in this build" },
        if nn.is_some() { "copied" } else { "none (--nn FILE keeps one)" },
        a.out.display(),
        bytes.len() as f64 / 1e6
    );
    Ok(())
}

/// The `nn` section of the model file at `path`, checked by reading it.
fn nn_section(path: &std::path::Path) -> anyhow::Result<Vec<u8>> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let context = || format!("--nn {}", path.display());
    let section = dyad_syntax::biaffine::NnParser::section(&bytes).with_context(context)?;
    dyad_syntax::biaffine::NnParser::from_bytes(section).with_context(context)?;
    Ok(section.to_vec())
}

/// The body text of every page under `dirs` (sorted by path, so training sees the same order every time); pages
/// that cannot be read or extracted are skipped.
pub(crate) fn read_pages(dirs: &[PathBuf]) -> anyhow::Result<Vec<String>> {
    Ok(read_named_pages(dirs, &[])?.into_iter().map(|(_, text)| text).collect())
}

/// As [`read_pages`], with each page's file name, leaving out the files named in `skip` (file names).
pub(crate) fn read_named_pages(dirs: &[PathBuf], skip: &[String]) -> anyhow::Result<Vec<(String, String)>> {
    use std::io::Read;
    let mut files = Vec::new();
    for dir in dirs {
        anyhow::ensure!(dir.is_dir(), "text folder {} not found (use --text DIR)", dir.display());
        let mut stack = vec![dir.clone()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d)?.filter_map(Result::ok) {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    files.push(p);
                }
            }
        }
    }
    files.sort();
    let mut pages = Vec::new();
    for path in files {
        let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if skip.contains(&file_name) {
            continue;
        }
        let name = path.to_string_lossy().to_string();
        let mut bytes = Vec::new();
        let ok = if name.ends_with(".gz") {
            std::fs::File::open(&path).and_then(|f| flate2::read::GzDecoder::new(f).read_to_end(&mut bytes)).is_ok()
        } else {
            std::fs::File::open(&path).and_then(|mut f| f.read_to_end(&mut bytes)).is_ok()
        };
        let name = name.trim_end_matches(".gz");
        if !ok || !(name.ends_with(".html") || name.ends_with(".htm") || name.ends_with(".txt")) {
            continue;
        }
        if let Ok(article) = dyad_page::extract(name, &bytes) {
            let body: Vec<&str> = article.body.iter().map(|b| b.text.as_str()).collect();
            pages.push((file_name, body.join("\n\n")));
        }
    }
    Ok(pages)
}
