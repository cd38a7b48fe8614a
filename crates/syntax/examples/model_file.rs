//! Lists the sections of a model file, and puts in, replaces or drops its `nn` section (the biaffine parser's
//! weights) without retraining anything.
//!
//! `cargo run --release -p dyad-syntax --example model_file -- FILE [--nn FROM | --no-nn] [--out OUT]`
//!
//! `--nn FROM` takes the `nn` section of the model file FROM, or FROM whole when it is a bare `nn` section (a
//! `dyad-biaffine 1` file, the layout of the old `data/syntax-nn.model`); the section is checked by reading it.
//! The result is written to OUT (FILE itself by default) in the current layout, other sections byte for byte.

use dyad_syntax::biaffine::NnParser;
use dyad_syntax::model::MAGIC;
use dyad_syntax::{ModelFile, Section};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let Some(path) = args.get(1).filter(|a| !a.starts_with("--")) else {
        return Err("usage: model_file FILE [--nn FROM | --no-nn] [--out OUT]".into());
    };
    let bytes = std::fs::read(path)?;
    let mut file = ModelFile::read(&bytes)?;
    let from = arg("--nn").map(std::fs::read).transpose()?;
    if let Some(from) = &from {
        // A file starting with the model file's magic is a model file, whose read error is reported; anything
        // else is taken as a bare nn section, which reading it below checks.
        let section = if from.starts_with(MAGIC) {
            NnParser::section(from).map_err(|e| format!("--nn: {e}"))?
        } else {
            from.as_slice()
        };
        NnParser::from_bytes(section)?;
        file.set(Section::Nn, Some(section));
    } else if args.iter().any(|a| a == "--no-nn") {
        file.set(Section::Nn, None);
    }
    for section in Section::ALL {
        match file.get(section) {
            Some(b) => println!("{:<8}{:>12} bytes", section.name(), b.len()),
            None => println!("{:<8}        none", section.name()),
        }
    }
    let out = arg("--out").unwrap_or_else(|| path.clone());
    if from.is_some() || args.iter().any(|a| a == "--no-nn" || a == "--out") {
        let written = file.to_bytes();
        std::fs::write(&out, &written)?;
        println!("wrote {out}: {} bytes", written.len());
    }
    Ok(())
}
