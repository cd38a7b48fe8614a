//! `dyad eval GOLD.json [--db FILE]`: the database scored against a gold file.

use anyhow::Context;
use dyad_eval::{Gold, score_documents, score_events};
use std::path::PathBuf;

/// Arguments of `dyad eval`.
#[derive(clap::Args)]
pub struct Args {
    /// The gold file (such as ../shared/gold/seeds.json).
    gold: PathBuf,
    #[command(flatten)]
    db: super::query::Db,
}

/// Converts store records to the scorer's view through their shared JSON shape (FORMATS.md).
fn as_records<T: serde::Serialize, U: serde::de::DeserializeOwned>(items: &[T]) -> anyhow::Result<Vec<U>> {
    items.iter().map(|i| Ok(serde_json::from_value(serde_json::to_value(i)?)?)).collect()
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(&args.gold).with_context(|| format!("cannot read {}", args.gold.display()))?;
    let gold = Gold::parse(&text)?;
    let store = args.db.open()?;
    let events = as_records(&store.events(&dyad_store::EventFilter::default())?)?;
    let stories = as_records(&store.stories()?)?;
    let articles: Vec<_> = store.articles()?.into_iter().map(|(_, a)| a).collect();
    let mut report = score_events(&gold, &events, &stories);
    report.documents = score_documents(&gold, &as_records(&articles)?);
    // Written, not printed: a reader that stops early (`dyad eval ... | head`) ends the command quietly.
    std::io::Write::write_all(&mut std::io::stdout().lock(), report.to_string().as_bytes())?;
    Ok(())
}
