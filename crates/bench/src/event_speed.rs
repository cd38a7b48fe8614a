//! `dyad bench event-speed`: event coding alone (sentences pre-tokenised, actor and time slots already found) in
//! sentences per second, and page -> events end to end (extract, then the whole pipeline) in pages per second,
//! over examples/pages and the Zyte ground-truth article bodies as plain-text pages.

use crate::BenchError;
use crate::error::ensure;
use std::path::Path;
use std::time::{Duration, Instant};

struct Prepared {
    text: String,
    tokens: dyad_text::Tokens,
    actors: Vec<dyad_events::ActorSlot>,
}

fn slot(m: &dyad_actors::ActorMention) -> dyad_events::ActorSlot {
    use dyad_actors::ActorKind as Kind;
    let kind = match m.kind {
        Kind::Country => dyad_events::SlotKind::Country,
        Kind::Person | Kind::Agent => dyad_events::SlotKind::Person,
        Kind::Org | Kind::Party => dyad_events::SlotKind::Organization,
        Kind::Group => dyad_events::SlotKind::Group,
        Kind::Media => dyad_events::SlotKind::Media,
        Kind::Place => dyad_events::SlotKind::Place,
    };
    dyad_events::ActorSlot {
        span: m.span,
        actor_id: m.actor.clone(),
        name: m.name.clone(),
        code: Some(m.code.clone()),
        country: m.country.clone(),
        kind,
    }
}

/// Runs the benchmark and prints its figures. Build with `--release` for meaningful numbers.
pub fn run(bench_dir: &Path, tree: bool) -> Result<(), BenchError> {
    let mut pages: Vec<(String, Vec<u8>)> = Vec::new();
    let examples = Path::new("examples/pages");
    if examples.is_dir() {
        for f in std::fs::read_dir(examples)? {
            let p = f?.path();
            if p.is_file() {
                pages.push((p.file_name().unwrap_or_default().to_string_lossy().into(), std::fs::read(&p)?));
            }
        }
    }
    let zyte = bench_dir.join("article-extraction/ground-truth.json");
    if zyte.is_file() {
        let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&zyte)?)?;
        let bodies: Vec<String> = match &v {
            serde_json::Value::Object(m) => {
                m.values().filter_map(|a| a.get("articleBody").and_then(|b| b.as_str()).map(str::to_string)).collect()
            }
            serde_json::Value::Array(a) => {
                a.iter().filter_map(|a| a.get("articleBody").and_then(|b| b.as_str()).map(str::to_string)).collect()
            }
            _ => Vec::new(),
        };
        for (n, b) in bodies.into_iter().enumerate() {
            pages.push((format!("zyte-{n:04}.txt"), b.into_bytes()));
        }
    }
    ensure!(!pages.is_empty(), "no pages found (examples/pages, article-extraction/ground-truth.json)");
    let bytes: usize = pages.iter().map(|p| p.1.len()).sum();

    // Coding alone: every sentence tokenised and its actors resolved once, outside the timed loop.
    let mut prepared = Vec::new();
    for (_, raw) in &pages {
        let text = String::from_utf8_lossy(raw).to_string();
        for s in dyad_text::split_sentences(&text) {
            let Some(sentence) = text.get(s.range()) else { continue };
            let actors: Vec<_> = dyad_actors::resolve(sentence, None).iter().map(slot).collect();
            let whole = dyad_core::Span::new(sentence, 0, sentence.len())?;
            let tokens = dyad_text::tokenize(sentence, whole);
            prepared.push(Prepared { text: sentence.to_string(), tokens, actors });
        }
    }
    let min = Duration::from_secs(2);
    let start = Instant::now();
    let (mut passes, mut events) = (0usize, 0usize);
    while passes == 0 || start.elapsed() < min {
        for p in &prepared {
            events += dyad_events::code_sentence(&p.text, &p.tokens, &p.actors, &[]).events.len();
        }
        passes += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    say!("corpus: {} pages, {:.2} MB, {} sentences", pages.len(), bytes as f64 / 1e6, prepared.len());
    say!(
        "coding alone:  {:>10.0} sentences/s  ({} events per pass)",
        (prepared.len() * passes) as f64 / secs,
        events / passes.max(1)
    );

    // One untimed pass first: the syntax model is read once per process (about 0.4 s, on the first sentence
    // parsed), which is no per-page cost.
    let mut coder = dyad_pipeline::Coder::new().with_tree(tree);
    for (name, raw) in &pages {
        if let Ok(article) = dyad_page::extract(name, raw) {
            coder.code(&article, dyad_pipeline::anchor_of(&article));
        }
    }
    let start = Instant::now();
    let (mut passes, mut events) = (0usize, 0usize);
    while passes == 0 || start.elapsed() < min {
        let mut coder = dyad_pipeline::Coder::new().with_tree(tree);
        for (name, raw) in &pages {
            let Ok(article) = dyad_page::extract(name, raw) else { continue };
            let anchor = dyad_pipeline::anchor_of(&article);
            events += coder.code(&article, anchor).events.len();
        }
        passes += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    say!(
        "end to end:    {:>10.1} pages/s  {:>8.2} MB/s  ({} events per pass)",
        (pages.len() * passes) as f64 / secs,
        (bytes * passes) as f64 / secs / 1e6,
        events / passes.max(1)
    );
    Ok(())
}
