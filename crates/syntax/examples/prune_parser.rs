//! Rewrites a model file with its parser's weights below a threshold pruned (`Parser::pruned`).
//!
//! `cargo run --release -p dyad-syntax --example prune_parser -- IN_FILE OUT_FILE THRESHOLD [PARSER_FILE]`
//!
//! With `PARSER_FILE` (a parser section as `parser_eval --out` or `--checkpoints` writes it), that parser replaces
//! the model's before pruning. The `nn` section, if any, is kept.

use dyad_syntax::{Model, ModelFile, Section};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (input, output, threshold) = match args.as_slice() {
        [_, input, output, threshold, ..] => (input, output, threshold),
        _ => return Err("usage: prune_parser IN_FILE OUT_FILE THRESHOLD [PARSER_FILE]".into()),
    };
    let input_bytes = std::fs::read(input)?;
    let mut model = Model::from_bytes(&input_bytes)?;
    if let Some(path) = args.get(4) {
        let bytes = std::fs::read(path)?;
        model.set_parser(dyad_syntax::Parser::read_from(&mut &bytes[..])?);
    }
    let threshold: f32 = threshold.parse()?;
    if let Some(p) = model.parser().cloned() {
        model.set_parser(p.pruned(threshold));
    }
    let bytes = model.to_bytes_with_nn(ModelFile::read(&input_bytes)?.get(Section::Nn));
    std::fs::write(output, &bytes)?;
    eprintln!("wrote {output}: {} bytes", bytes.len());
    Ok(())
}
