//! Rewrites a model file with its parser's weights below a threshold pruned (`Parser::pruned`).
//!
//! `cargo run --release -p dyad-syntax --example prune_parser -- IN_FILE OUT_FILE THRESHOLD`

use dyad_syntax::Model;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, input, output, threshold] = args.as_slice() else {
        return Err("usage: prune_parser IN_FILE OUT_FILE THRESHOLD".into());
    };
    let mut model = Model::from_bytes(&std::fs::read(input)?)?;
    let threshold: f32 = threshold.parse()?;
    if let Some(p) = model.parser().cloned() {
        model.set_parser(p.pruned(threshold));
    }
    let bytes = model.to_bytes();
    std::fs::write(output, &bytes)?;
    eprintln!("wrote {output}: {} bytes", bytes.len());
    Ok(())
}
