//! `dyad resolve [--date DATE] [TEXT]`: the actors a text mentions, one JSON actor record per mention.

use dyad_actors::{Actor, ActorMention, GazetteerBuilder, MentionForm, Registry};
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

/// Arguments of `dyad resolve`.
#[derive(clap::Args)]
pub struct Args {
    /// Pick the roles valid on this date (YYYY-MM-DD); learned roles are stamped with it.
    #[arg(long)]
    pub date: Option<chrono::NaiveDate>,
    /// Also load a PETRARCH/TABARI `.actors` dictionary (repeatable), e.g. Phoenix.Countries.actors.txt.
    #[arg(long = "dictionary")]
    pub dictionaries: Vec<PathBuf>,
    /// The text; read from stdin when absent.
    pub text: Option<String>,
}

#[derive(Serialize)]
struct MentionOut<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    code: &'a str,
    form: MentionForm,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'a str>,
}

#[derive(Serialize)]
struct Record<'a> {
    #[serde(flatten)]
    actor: Actor,
    mention: MentionOut<'a>,
}

/// Runs the command: the text is read as one document; each mention is printed with its actor's full record.
pub fn run(args: Args) -> anyhow::Result<()> {
    let text = super::text_or_stdin(args.text)?;
    let mut reg = if args.dictionaries.is_empty() {
        Registry::new()
    } else {
        let mut builder = GazetteerBuilder::builtin()?;
        for path in &args.dictionaries {
            let dict = std::fs::read_to_string(path)?;
            builder.add_phoenix(&dict);
        }
        Registry::with_gazetteer(Arc::new(builder.build()))
    };
    let mentions: Vec<ActorMention> = reg.resolve_text(&text, args.date);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for m in &mentions {
        let Some(actor) = reg.actor(&m.actor, args.date) else { continue };
        let record = Record {
            actor,
            mention: MentionOut {
                text: &m.text,
                start: m.span.start(),
                end: m.span.end(),
                code: &m.code,
                form: m.form,
                role: m.role.as_deref(),
            },
        };
        serde_json::to_writer(&mut out, &record)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}
