//! `dyad parse [TEXT]` and `dyad parse --tokenized FILE.conllu`

use anyhow::Context;
use dyad_syntax::biaffine::{NnParser, Workspace};
use dyad_syntax::{Analyzer, read_conllu, write_conllu};
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `dyad parse`.
#[derive(clap::Args)]
pub struct Args {
    /// Read this CoNLL-U file and keep its sentences, tokens, multiword ranges and comments; only the predicted
    /// columns (LEMMA, UPOS, XPOS, FEATS, HEAD, DEPREL) are replaced.
    #[arg(long, conflicts_with = "text")]
    pub tokenized: Option<PathBuf>,
    /// A model file to use instead of the one built in (with `--parser nn`, its nn section too).
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// The parser: `perceptron` (the syntax model's, the default) or `nn` (the biaffine parser of the model file's
    /// nn section, on the syntax model's tags).
    #[arg(long, value_name = "NAME", default_value = "perceptron", value_parser = ["perceptron", "nn"])]
    pub parser: String,
    /// The text; read from stdin when absent.
    pub text: Option<String>,
}

/// The analyser and, with `nn`, the biaffine parser of the built-in model file or of `--model FILE`.
fn analyzers(model: Option<&std::path::Path>, nn: bool) -> anyhow::Result<(Analyzer, Option<NnParser>)> {
    let Some(p) = model else {
        let analyzer = Analyzer::embedded().context("the built-in syntax model (data/syntax.model)")?;
        let nn = nn.then(NnParser::embedded).transpose().context("the built-in nn parser (data/syntax.model)")?;
        return Ok((analyzer, nn));
    };
    let bytes = std::fs::read(p).with_context(|| format!("reading {}", p.display()))?;
    let m = dyad_syntax::Model::from_bytes(&bytes).with_context(|| format!("reading {}", p.display()))?;
    let nn = nn.then(|| NnParser::from_model_file(&bytes)).transpose().with_context(|| format!("{}", p.display()))?;
    Ok((Analyzer::new(m), nn))
}

/// Replaces the heads and relations of a tagged sentence with the biaffine parser's.
fn reparse(nn: &NnParser, ws: &mut Workspace, s: &mut dyad_syntax::Sentence) {
    nn.parse(ws, s.words.iter().map(|w| (w.form.as_str(), w.upos.as_str(), w.xpos.as_str())));
    for ((w, &h), &l) in s.words.iter_mut().zip(ws.heads()).zip(ws.labels()) {
        w.head = Some(h);
        w.deprel = nn.label(l).to_string();
    }
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    let (analyzer, nn) = analyzers(args.model.as_deref(), args.parser == "nn")?;
    let mut ws = Workspace::default();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if let Some(path) = args.tokenized {
        let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
        let mut sentences = read_conllu(&text).with_context(|| format!("{}", path.display()))?;
        for s in &mut sentences {
            analyzer.annotate(s);
            if let Some(nn) = &nn {
                reparse(nn, &mut ws, s);
            }
        }
        out.write_all(write_conllu(&sentences).as_bytes())?;
        out.flush()?;
        return Ok(());
    }
    let text = super::text_or_stdin(args.text)?;
    for (n, span) in dyad_text::split_sentences(&text).into_iter().enumerate() {
        let tokens = dyad_text::ud_tokens(&text, span);
        if tokens.is_empty() {
            continue;
        }
        let words: Vec<&str> = tokens.iter().filter_map(|t| t.slice(&text)).collect();
        let offsets: Vec<(usize, usize)> = tokens.iter().map(|t| (t.start(), t.end())).collect();
        let sentence_text = span.slice(&text).unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ");
        let comments = vec![format!("# sent_id = {}", n + 1), format!("# text = {sentence_text}")];
        let mut s = analyzer.sentence(&words, &offsets, comments);
        if let Some(nn) = &nn {
            reparse(nn, &mut ws, &mut s);
        }
        out.write_all(write_conllu(std::slice::from_ref(&s)).as_bytes())?;
    }
    out.flush()?;
    Ok(())
}
