//! Measures the sentence coder on the PLOVER gold-standard sentences (`shared/bench/plover-gsr`), with actor
//! slots built from the gold actor texts, so the figure isolates predicate and role coding from actor
//! recognition. Skips when the bench folder is absent. Prints its figures; asserts only a floor.

use dyad_core::Span;
use dyad_events::{ActorSlot, Codebook, SlotKind, code_sentence};
use serde_json::Value;

const GSR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/bench/plover-gsr/PLOVER_GSR_CAMEO.json");

/// PLOVER 0.5b1 labels (used by the GSR) in the 2021 names that `data/cameo.tsv` carries.
fn modern(label: &str) -> &str {
    match label {
        "DEMAND" => "REQUEST",
        "DISAPPROVE" | "INVESTIGATE" => "ACCUSE",
        "FIGHT" => "ASSAULT",
        "CONCEDE" => "RETREAT",
        other => other,
    }
}

fn actors(v: &Value) -> Vec<(String, String)> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| Some((x.get("actorText")?.as_str()?.to_string(), x.get("code")?.as_str()?.to_string())))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn plover_gold_standard_sentences() {
    let Ok(raw) = std::fs::read_to_string(GSR) else {
        println!("skipping: {GSR} not found");
        return;
    };
    let records: Vec<Value> = serde_json::from_str(&raw).expect("GSR json");
    let book = Codebook::builtin();
    let (mut total, mut coded, mut category_hit, mut source_hit, mut both_hit) = (0, 0, 0, 0, 0);
    for r in &records {
        let (Some(text), Some(label)) = (r.get("text").and_then(Value::as_str), r.get("event").and_then(Value::as_str))
        else {
            continue;
        };
        if label == "DOCUMENT" {
            continue;
        }
        total += 1;
        let sources = actors(r.get("source").unwrap_or(&Value::Null));
        let targets = actors(r.get("target").unwrap_or(&Value::Null));
        let mut slots = Vec::new();
        for (surface, code) in sources.iter().chain(&targets) {
            let Some(at) = text.find(surface.as_str()) else { continue };
            let Ok(span) = Span::new(text, at, at + surface.len()) else { continue };
            if slots.iter().any(|s: &ActorSlot| s.span == span) {
                continue;
            }
            slots.push(ActorSlot {
                span,
                actor_id: code.clone(),
                name: surface.clone(),
                code: Some(code.clone()),
                country: Some(code.clone()),
                kind: SlotKind::Country,
            });
        }
        slots.sort_by_key(|s| s.span);
        let span = Span::new(text, 0, text.len()).expect("whole text");
        let tokens = dyad_text::tokenize(text, span);
        let out = code_sentence(text, &tokens, &slots, &[]);
        let show = std::env::var_os("DYAD_GSR_MISSES").is_some();
        if out.events.is_empty() {
            if show {
                println!("NONE {label}: {text}");
            }
            continue;
        }
        coded += 1;
        let want = modern(label);
        let gold_sources: Vec<&str> = sources.iter().map(|s| s.1.as_str()).collect();
        let mut cat = false;
        let mut src = false;
        let mut both = false;
        for e in &out.events {
            let c = book.plover(e.code).is_some_and(|p| p == want);
            let s = gold_sources.contains(&slots[e.source].actor_id.as_str());
            cat |= c;
            src |= s;
            both |= c && s;
        }
        if show && !cat {
            let got: Vec<&str> = out.events.iter().map(|e| e.code).collect();
            println!("MISS {label} got {got:?}: {text}");
        }
        category_hit += usize::from(cat);
        source_hit += usize::from(src);
        both_hit += usize::from(both);
    }
    let pct = |n: usize| 100.0 * n as f64 / total.max(1) as f64;
    println!(
        "PLOVER GSR: {total} sentences; some event coded {coded} ({:.1}%); gold category among the events {category_hit} \
         ({:.1}%); gold source {source_hit} ({:.1}%); category and source together {both_hit} ({:.1}%)",
        pct(coded),
        pct(category_hit),
        pct(source_hit),
        pct(both_hit)
    );
    assert!(total > 300, "the GSR file should hold 322 sentences");
    assert!(pct(category_hit) >= 30.0, "category recall fell to {:.1}%", pct(category_hit));
}
