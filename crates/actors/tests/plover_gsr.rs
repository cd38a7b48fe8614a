//! Actor coverage on the PLOVER gold-standard sentences (../shared/bench/plover-gsr): for each sentence, are the
//! gold source and target actors among the mentions this crate resolves? The sentences go through one registry in
//! file order, as `dyad bench plover` runs them, and split as it splits them: sentences at an even 0-based index
//! (the header record is not a sentence) are the dev half that rules may be tuned on; odd ones are held out. Set `GSR_FAILURES=dev` (or `held-out`,
//! `all`) to print each sentence (with `GSR_SLOTS=1` also each missed actor slot) whose actors are not both found, with the mentions resolved. Set `GSR_PHOENIX=1`
//! to add the PETRARCH/Phoenix actor dictionaries of ../shared/bench/dictionaries to the built-in data.
//!
//! Run: `cargo test -p dyad-actors --test plover_gsr -- --nocapture`. The shared data is looked for in `../shared`
//! next to the repository, or in `DYAD_SHARED` when set (a worktree elsewhere: `DYAD_SHARED=/work/shared`).

use dyad_actors::{ActorMention, GazetteerBuilder, Registry};
use dyad_core::ActorCode;
use serde_json::Value;
use std::path::PathBuf;
use std::sync::Arc;

/// The built-in registry, or with `GSR_PHOENIX` set the one extended with the Phoenix dictionaries.
fn registry() -> Registry {
    if std::env::var_os("GSR_PHOENIX").is_none() {
        return Registry::new();
    }
    let dir = shared().join("bench/dictionaries");
    let mut builder = GazetteerBuilder::builtin().expect("built-in data loads");
    for file in ["Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"] {
        if let Ok(text) = std::fs::read_to_string(dir.join(file)) {
            builder.add_phoenix(&text);
        }
    }
    Registry::with_gazetteer(Arc::new(builder.build()))
}

/// The shared data directory: `DYAD_SHARED`, else `../shared` next to the repository.
fn shared() -> PathBuf {
    std::env::var_os("DYAD_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")))
}

fn gsr() -> Option<Vec<Value>> {
    let p = shared().join("bench/plover-gsr/PLOVER_GSR_CAMEO.json");
    match std::fs::read_to_string(&p) {
        Ok(text) => serde_json::from_str(&text).ok(),
        Err(_) => {
            println!("skipped: {} not found", p.display());
            None
        }
    }
}

/// The gold file writes a few countries with pre-ISO CAMEO codes; the mentions carry ISO 3166-1 alpha-3.
fn gold_country(code: &str) -> String {
    let Ok(code) = ActorCode::parse(code) else { return code.to_string() };
    match code.root() {
        "JAP" => "JPN".into(),
        "ITL" => "ITA".into(),
        "VTN" => "VNM".into(),
        root => root.to_string(),
    }
}

fn gold_codes(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().filter_map(|x| x.get("code")?.as_str()).map(gold_country).collect())
        .unwrap_or_default()
}

fn gold_texts(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| Some(format!("{}={}", x.get("actorText")?.as_str()?, x.get("code")?.as_str()?)))
                .collect()
        })
        .unwrap_or_default()
}

/// A gold code is found when some mention is of that country, or (for IGO, NGO, IMG ... ) carries a code that
/// starts with it.
fn found(gold: &[String], mentions: &[ActorMention]) -> bool {
    gold.iter()
        .any(|g| mentions.iter().any(|m| m.country.as_deref() == Some(g.as_str()) || m.code.starts_with(g.as_str())))
}

/// Where the gold actor's text sits in the sentence (its first part, when the gold elides words with "..").
fn locate(text: &str, actor_text: &str) -> Option<(usize, usize)> {
    let part = actor_text.split("..").next()?.trim();
    if part.is_empty() {
        return None;
    }
    let start = text.to_lowercase().find(&part.to_lowercase())?;
    Some((start, start + part.len()))
}

/// Per gold actor slot: (located, a mention over its text has the gold country, ... and the gold sector too).
fn slot_hits(text: &str, v: &Value, mentions: &[ActorMention], show: bool) -> Vec<(bool, bool, bool)> {
    let Some(actors) = v.as_array() else { return Vec::new() };
    actors
        .iter()
        .filter_map(|a| {
            let code = gold_country(a.get("code")?.as_str()?);
            let sector: Option<String> = a
                .get("sector")
                .and_then(Value::as_str)
                .map(|s| s.chars().take(3).collect())
                .filter(|s: &String| s.chars().all(|c| c.is_ascii_uppercase()));
            let Some((s, e)) = locate(text, a.get("actorText")?.as_str()?) else { return Some((false, false, false)) };
            let over: Vec<&ActorMention> = mentions.iter().filter(|m| m.span.start() < e && s < m.span.end()).collect();
            let country = over.iter().any(|m| m.country.as_deref() == Some(code.as_str()) || m.code.starts_with(&code));
            let with_sector = over.iter().any(|m| {
                (m.country.as_deref() == Some(code.as_str()) || m.code.starts_with(&code))
                    && sector.as_deref().is_none_or(|g| m.sector.as_deref() == Some(g) || m.code.ends_with(g))
            });
            if show && !with_sector {
                let got: Vec<String> = over.iter().map(|m| format!("{}={}", m.text, m.code)).collect();
                println!(
                    "    slot {:?} want {code}/{} got {got:?}",
                    a.get("actorText"),
                    sector.as_deref().unwrap_or("-")
                );
            }
            Some((true, country, with_sector))
        })
        .collect()
}

#[derive(Default, Debug, Clone, Copy)]
struct Tally {
    n: usize,
    source: usize,
    target: usize,
    both: usize,
    /// Gold actor slots whose text is found in the sentence; of those, covered by a mention of the gold country;
    /// and of the gold country and sector.
    slots: usize,
    slot_country: usize,
    slot_sector: usize,
}

fn pct(x: usize, n: usize) -> f64 {
    100.0 * x as f64 / n.max(1) as f64
}

#[test]
fn gold_actors_are_resolved_on_the_plover_gsr() {
    let Some(records) = gsr() else { return };
    let show = std::env::var("GSR_FAILURES").unwrap_or_default();
    let mut reg = registry();
    let mut tallies = [Tally::default(); 2];
    let mut index = 0usize;
    for (n, r) in records.iter().enumerate().skip(1) {
        let Some(text) = r.get("text").and_then(Value::as_str) else { continue };
        let split = index % 2;
        index += 1;
        let date = r.get("date").and_then(Value::as_str).and_then(|d| d.parse().ok());
        let sources = gold_codes(&r["source"]);
        let targets = gold_codes(&r["target"]);
        let mut doc = reg.document(date);
        let mentions: Vec<ActorMention> =
            dyad_text::sentences(text).iter().flat_map(|s| doc.resolve_sentence(text, s)).collect();
        let src = found(&sources, &mentions);
        let tgt = targets.is_empty() || found(&targets, &mentions);
        let t = &mut tallies[split];
        t.n += 1;
        t.source += usize::from(src);
        t.target += usize::from(tgt);
        t.both += usize::from(src && tgt);
        let wanted = match show.as_str() {
            "dev" => split == 0,
            "held-out" => split == 1,
            "all" => true,
            _ => false,
        };
        let show_slots = wanted && std::env::var_os("GSR_SLOTS").is_some();
        let mut slots = slot_hits(text, &r["source"], &mentions, show_slots);
        slots.extend(slot_hits(text, &r["target"], &mentions, show_slots));
        let located: Vec<_> = slots.iter().filter(|x| x.0).collect();
        t.slots += located.len();
        t.slot_country += located.iter().filter(|x| x.1).count();
        t.slot_sector += located.iter().filter(|x| x.2).count();
        let slots_ok = located.iter().all(|x| x.2);
        if wanted && !(src && tgt && slots_ok) {
            let flag = |ok: bool, c: &'static str| if ok { "" } else { c };
            println!("--- {n} [{}{}{}] {text}", flag(src, "S"), flag(tgt, "T"), flag(slots_ok, "x"));
            println!("    gold source {:?} target {:?}", gold_texts(&r["source"]), gold_texts(&r["target"]));
            let got: Vec<String> = mentions.iter().map(|m| format!("{}={}", m.text, m.code)).collect();
            println!("    got {got:?}");
        }
    }
    for (name, t) in ["dev", "held-out"].iter().zip(tallies) {
        println!(
            "GSR {name:<8} n={:>3}  source {:>5.1}%  target {:>5.1}%  both {:>5.1}% ({})  slots {}: country {:>5.1}%  +sector {:>5.1}%",
            t.n,
            pct(t.source, t.n),
            pct(t.target, t.n),
            pct(t.both, t.n),
            t.both,
            t.slots,
            pct(t.slot_country, t.slots),
            pct(t.slot_sector, t.slots),
        );
    }
    // A floor well under today's figure: a collapse of country resolution fails the test.
    assert!(pct(tallies[0].both, tallies[0].n) > 40.0, "dev coverage collapsed: {:?}", tallies[0]);
}
