//! The database queries: `events`, `actors`, `stories`, `timeline`, `search`, `show` and `export`.

use super::term::{safe, shorten_left};
use anyhow::Context;
use dyad_core::DateValue;
use dyad_store::{EventFilter, EventRecord, Store};
use std::io::{BufWriter, Write};
use std::path::PathBuf;

/// The database argument shared by every query.
#[derive(clap::Args)]
pub struct Db {
    /// The database file.
    #[arg(long, default_value = "dyad.db")]
    pub db: PathBuf,
}

impl Db {
    pub(crate) fn open(&self) -> anyhow::Result<Store> {
        anyhow::ensure!(self.db.is_file(), "no database at {} (run `dyad ingest` first)", self.db.display());
        Store::open(&self.db).with_context(|| format!("cannot open {}", self.db.display()))
    }
}

/// Output format of `events`.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum EventFormat {
    /// One JSON record per line.
    Jsonl,
    /// A readable table.
    Table,
    /// GDELT 2.0 Events, 61 tab-separated columns.
    Gdelt,
}

/// Output format of `actors` and `stories`.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum ListFormat {
    /// One JSON record per line.
    Jsonl,
    /// A readable table.
    Table,
}

/// Arguments of `dyad events`.
#[derive(clap::Args)]
pub struct EventsArgs {
    #[command(flatten)]
    db: Db,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    format: EventFormat,
    /// Only events with this actor on either side (a code prefix such as PRK or PRKGOV, or a country).
    #[arg(long)]
    actor: Option<String>,
    /// Only events between A and B, in either direction.
    #[arg(long, num_args = 2, value_names = ["A", "B"])]
    dyad: Option<Vec<String>>,
    /// Only events from this date on (2017, 2017-04, 2017-04-28).
    #[arg(long)]
    from: Option<DateValue>,
    /// Only events up to the end of this date.
    #[arg(long)]
    to: Option<DateValue>,
    /// Only events with this CAMEO root (04).
    #[arg(long)]
    root: Option<String>,
}

fn stdout() -> BufWriter<std::io::StdoutLock<'static>> {
    BufWriter::new(std::io::stdout().lock())
}

fn code_name(code: &str) -> &'static str {
    dyad_events::Codebook::builtin().get(code).map_or("", |c| c.name)
}

/// The longest page label printed; longer stored names (URLs) are shortened from the left.
const LABEL_CHARS: usize = 40;

/// The event's pages, each by its stored name (file path or URL, shortened from the left), terminal-safe.
fn pages(e: &EventRecord) -> String {
    let mut files: Vec<&str> = e.mentions.iter().map(|m| m.file.as_str()).collect();
    files.sort_unstable();
    files.dedup();
    let labels: Vec<String> = files.iter().map(|f| safe(&shorten_left(f, LABEL_CHARS)).into_owned()).collect();
    labels.join(", ")
}

fn side(a: Option<&dyad_store::Party>) -> String {
    let text = a.map_or("-".into(), |a| a.code.clone().filter(|c| !c.is_empty()).unwrap_or_else(|| a.name.clone()));
    safe(&text).into_owned()
}

fn date_of(e: &EventRecord) -> String {
    e.date.as_ref().map_or("undated".into(), |d| d.when.to_string())
}

/// Runs `dyad events`.
pub fn events(args: EventsArgs) -> anyhow::Result<()> {
    let store = args.db.open()?;
    let filter = EventFilter {
        actor: args.actor,
        dyad: args.dyad.and_then(|v| Some((v.first()?.clone(), v.get(1)?.clone()))),
        from: args.from,
        to: args.to,
        root: args.root,
    };
    let events = store.events(&filter)?;
    let mut out = stdout();
    match args.format {
        EventFormat::Jsonl => dyad_store::write_events_jsonl(&events, &mut out)?,
        EventFormat::Gdelt => dyad_store::write_gdelt_events(&events, &store.gdelt_context()?, &mut out)?,
        EventFormat::Table => {
            writeln!(
                out,
                "{:<12} {:<10} {:<10} {:<5} {:<40} {:>4} {:>4}  pages",
                "date", "source", "target", "code", "action", "art", "src"
            )?;
            for e in &events {
                writeln!(
                    out,
                    "{:<12} {:<10} {:<10} {:<5} {:<40} {:>4} {:>4}  {}",
                    date_of(e),
                    side(Some(&e.source)),
                    side(e.target.as_ref()),
                    e.code,
                    code_name(&e.code).chars().take(40).collect::<String>(),
                    e.num_articles,
                    e.num_sources,
                    pages(e)
                )?;
            }
        }
    }
    Ok(out.flush()?)
}

/// Arguments of `dyad actors` and `dyad stories`.
#[derive(clap::Args)]
pub struct ListArgs {
    #[command(flatten)]
    db: Db,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    format: ListFormat,
}

/// Runs `dyad actors`.
pub fn actors(args: ListArgs) -> anyhow::Result<()> {
    let actors = args.db.open()?.actors()?;
    let mut out = stdout();
    match args.format {
        ListFormat::Jsonl => dyad_store::write_jsonl(&actors, &mut out)?,
        ListFormat::Table => {
            for a in &actors {
                let roles: Vec<String> = a.roles.iter().map(|r| r.role.clone()).collect();
                writeln!(
                    out,
                    "{:<12} {:<8} {:<32} {}  [{}]",
                    safe(&a.code),
                    safe(a.kind.as_str()),
                    safe(&a.name),
                    safe(&roles.join("; ")),
                    safe(&a.aliases.join(" | "))
                )?;
            }
        }
    }
    Ok(out.flush()?)
}

/// Runs `dyad stories`.
pub fn stories(args: ListArgs) -> anyhow::Result<()> {
    let stories = args.db.open()?.stories()?;
    let mut out = stdout();
    match args.format {
        ListFormat::Jsonl => dyad_store::write_jsonl(&stories, &mut out)?,
        ListFormat::Table => {
            for s in &stories {
                writeln!(out, "{} {:.2} {}", s.id, s.similarity, safe(&s.files.join(" ")))?;
            }
        }
    }
    Ok(out.flush()?)
}

/// Arguments of `dyad timeline`.
#[derive(clap::Args)]
pub struct TimelineArgs {
    /// One side of the dyad (country or actor code).
    a: String,
    /// The other side.
    b: String,
    #[command(flatten)]
    db: Db,
}

/// Runs `dyad timeline A B`: the dyad's history, oldest first, each line with its pages.
pub fn timeline(args: TimelineArgs) -> anyhow::Result<()> {
    let store = args.db.open()?;
    let filter = EventFilter { dyad: Some((args.a, args.b)), ..EventFilter::default() };
    let mut out = stdout();
    for e in store.events(&filter)? {
        let arrow = if e.flags.symmetric { "<->" } else { "->" };
        let mut notes = Vec::new();
        if e.flags.future {
            notes.push("planned");
        }
        if e.flags.negated {
            notes.push("negated");
        }
        if e.flags.hypothetical {
            notes.push("if");
        }
        if e.flags.attempted {
            notes.push("attempted");
        }
        if e.flags.alleged {
            notes.push("alleged");
        }
        let notes = if notes.is_empty() { String::new() } else { format!(" [{}]", notes.join(", ")) };
        let place = e
            .location
            .as_ref()
            .map(|l| l.name.clone())
            .filter(|n| !n.is_empty())
            .map_or(String::new(), |n| format!(" in {}", safe(&n)));
        writeln!(
            out,
            "{:<10} {} {arrow} {}  {} {}{place}{notes}  ({})",
            date_of(&e),
            side(Some(&e.source)),
            side(e.target.as_ref()),
            e.code,
            code_name(&e.code).to_lowercase(),
            pages(&e)
        )?;
    }
    Ok(out.flush()?)
}

/// Arguments of `dyad search`.
#[derive(clap::Args)]
pub struct SearchArgs {
    /// Words to find in titles, bodies and captions.
    query: String,
    /// Most hits to print.
    #[arg(long, default_value_t = 20)]
    limit: usize,
    #[command(flatten)]
    db: Db,
}

/// Runs `dyad search`.
pub fn search(args: SearchArgs) -> anyhow::Result<()> {
    let mut out = stdout();
    for hit in args.db.open()?.search(&args.query, args.limit)? {
        let title = hit.title.unwrap_or_default();
        writeln!(out, "{}  {}\n    {}", safe(&hit.file), safe(&title), safe(&hit.snippet))?;
    }
    Ok(out.flush()?)
}

/// Arguments of `dyad show`.
#[derive(clap::Args)]
pub struct ShowArgs {
    /// The event id.
    id: String,
    #[command(flatten)]
    db: Db,
}

/// Runs `dyad show`: the event with every sentence that reports it.
pub fn show(args: ShowArgs) -> anyhow::Result<()> {
    let e = args.db.open()?.event(&args.id)?.with_context(|| format!("no event {}", args.id))?;
    let mut out = stdout();
    writeln!(
        out,
        "{} {} {} -> {}  {}",
        date_of(&e),
        e.code,
        side(Some(&e.source)),
        side(e.target.as_ref()),
        code_name(&e.code)
    )?;
    writeln!(
        out,
        "goldstein {}  quad class {}  plover {}  mentions {}  sources {}  articles {}",
        e.goldstein,
        e.quad_class,
        e.plover.as_deref().unwrap_or("-"),
        e.num_mentions,
        e.num_sources,
        e.num_articles
    )?;
    if let Some(d) = &e.date {
        writeln!(out, "date basis: {}", safe(&d.basis))?;
    }
    for m in &e.mentions {
        let (file, text) = (safe(&m.file), marked(m));
        writeln!(out, "\n{file} sentence {} bytes {}..{}:\n  >> {} <<", m.sentence, m.start, m.end, safe(&text))?;
    }
    Ok(out.flush()?)
}

/// The mention's sentence with its evidence in `[[...]]`, when the sentence is the file's bytes as they stand (an
/// HTML paragraph with entities or tags is not, and is printed unmarked).
fn marked(m: &dyad_store::Mention) -> String {
    let verbatim = m.end.checked_sub(m.start) == Some(m.text.len());
    let inner = m.evidence.filter(|_| verbatim).and_then(|ev| {
        let (from, to) = (ev.start().checked_sub(m.start)?, ev.end().checked_sub(m.start)?);
        Some((m.text.get(..from)?, m.text.get(from..to)?, m.text.get(to..)?))
    });
    match inner {
        Some((before, evidence, after)) => format!("{before}[[{evidence}]]{after}"),
        None => m.text.clone(),
    }
}

/// What `dyad export` writes.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum ExportFormat {
    /// GDELT 2.0 Events (61 columns).
    GdeltEvents,
    /// GDELT 2.0 Mentions (16 columns).
    GdeltMentions,
    /// Event records, one JSON object per line.
    Jsonl,
}

/// Arguments of `dyad export`.
#[derive(clap::Args)]
pub struct ExportArgs {
    /// The format.
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// The output file.
    #[arg(long)]
    out: PathBuf,
    #[command(flatten)]
    db: Db,
}

/// Runs `dyad export`.
pub fn export(args: ExportArgs) -> anyhow::Result<()> {
    let store = args.db.open()?;
    let events = store.events(&EventFilter::default())?;
    let file = std::fs::File::create(&args.out).with_context(|| format!("cannot write {}", args.out.display()))?;
    let mut out = BufWriter::new(file);
    match args.format {
        ExportFormat::GdeltEvents => dyad_store::write_gdelt_events(&events, &store.gdelt_context()?, &mut out)?,
        ExportFormat::GdeltMentions => dyad_store::write_gdelt_mentions(&events, &store.gdelt_context()?, &mut out)?,
        ExportFormat::Jsonl => dyad_store::write_events_jsonl(&events, &mut out)?,
    }
    out.flush()?;
    eprintln!("wrote {} events to {}", events.len(), args.out.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(text: &str, start: usize, evidence: Option<(usize, usize)>) -> dyad_store::Mention {
        dyad_store::Mention {
            file: "a.txt".into(),
            sentence: 0,
            start,
            end: start + text.len(),
            text: text.into(),
            doc: None,
            evidence: evidence.and_then(|(a, b)| dyad_core::ByteRange::new(a, b)),
        }
    }

    #[test]
    fn evidence_is_marked_only_where_it_fits_the_sentence() {
        assert_eq!(marked(&mention("Iran met Iraq today.", 10, Some((10, 23)))), "[[Iran met Iraq]] today.");
        // Outside the sentence, inside a multi-byte character, or absent: the sentence as it is.
        assert_eq!(marked(&mention("Iran met Iraq.", 10, Some((2, 5)))), "Iran met Iraq.");
        assert_eq!(marked(&mention("Iran – Iraq.", 0, Some((0, 6)))), "Iran – Iraq.");
        assert_eq!(marked(&mention("Iran met Iraq.", 0, None)), "Iran met Iraq.");
    }
}
