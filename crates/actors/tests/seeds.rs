//! Every `actors` expectation of ../shared/gold/seeds.json, checked on the seed pages' raw text. The five pages
//! go through one registry in file order, as the pipeline would ingest them, so people learned on one page are
//! known on the next.

use dyad_actors::{ActorKind, ActorMention, MentionForm, Registry};
use serde_json::Value;
use std::path::PathBuf;

fn shared() -> Option<PathBuf> {
    // `DYAD_SHARED` points at the shared data from a checkout that has no ../shared beside it.
    let p = std::env::var_os("DYAD_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")));
    if p.join("gold/seeds.json").is_file() {
        Some(p)
    } else {
        println!("skipped: ../shared/gold/seeds.json not found");
        None
    }
}

fn canon(s: &str) -> String {
    s.replace(['\u{2019}', '\u{2018}'], "'").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// (file, mentions) for every seed page, in file order.
fn resolve_seeds(shared: &std::path::Path, gold: &Value) -> Vec<(String, Vec<ActorMention>)> {
    let mut reg = Registry::new();
    let mut out = Vec::new();
    for doc in gold["documents"].as_array().unwrap() {
        let file = doc["file"].as_str().unwrap();
        let date = doc["published"].as_str().and_then(|d| d.parse().ok());
        let text = std::fs::read_to_string(shared.join("seeds").join(file)).unwrap();
        out.push((file.to_string(), reg.resolve_text(&text, date)));
    }
    out
}

fn contains_words(hay: &str, needle: &str) -> bool {
    let hay = canon(hay).to_lowercase();
    let needle = canon(needle).to_lowercase();
    hay.split(|c: char| !c.is_alphanumeric())
        .collect::<Vec<_>>()
        .windows(needle.split(|c: char| !c.is_alphanumeric()).count().max(1))
        .any(|w| w.join(" ") == needle.split(|c: char| !c.is_alphanumeric()).collect::<Vec<_>>().join(" "))
}

/// Role phrases fold their modifier in: "Lebanese President Michel Aoun" is one mention of the person, and its
/// "Lebanese" is LBN through the person's code.
fn is_phrase(m: &ActorMention) -> bool {
    m.form == MentionForm::Role
}

#[test]
fn seed_actor_expectations_hold() {
    let Some(shared) = shared() else { return };
    let gold: Value = serde_json::from_str(&std::fs::read_to_string(shared.join("gold/seeds.json")).unwrap()).unwrap();
    let resolved = resolve_seeds(&shared, &gold);
    let mut failures = Vec::new();
    for exp in gold["actors"].as_array().unwrap() {
        let surfaces: Vec<&str> = exp["mentions"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
        if let Some(id) = exp["id"].as_str() {
            // A country: each surface form is a mention of it, alone or as the modifier of a role phrase.
            for s in &surfaces {
                let ok = resolved.iter().flat_map(|(_, ms)| ms).any(|m| {
                    m.country.as_deref() == Some(id)
                        && (canon(&m.text) == canon(s) || (is_phrase(m) && contains_words(&m.text, s)))
                });
                if !ok {
                    failures.push(format!("{id}: {s:?} does not resolve to {id}"));
                }
            }
            continue;
        }
        let person = exp["person"].as_str().unwrap();
        let country = exp["country"].as_str().unwrap();
        let files: Vec<&str> = exp["files"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
        let mut actor_ids = std::collections::BTreeSet::new();
        for s in &surfaces {
            let found: Vec<&ActorMention> = resolved
                .iter()
                .filter(|(f, _)| files.iter().any(|p| f.starts_with(p)))
                .flat_map(|(_, ms)| ms)
                .filter(|m| {
                    m.kind == ActorKind::Person
                        && (canon(&m.text) == canon(s) || (is_phrase(m) && contains_words(&m.text, s)))
                })
                .collect();
            if found.is_empty() {
                failures.push(format!("{person}: {s:?} is not resolved to a person"));
            }
            for m in found {
                actor_ids.insert(m.actor.clone());
                if m.country.as_deref() != Some(country) || !m.code.starts_with(country) {
                    failures.push(format!("{person}: {s:?} has country {:?}, code {}", m.country, m.code));
                }
                if exp.get("role").is_some() && m.sector.as_deref() != Some("GOV") && m.sector.as_deref() != Some("PTY")
                {
                    failures.push(format!("{person}: {s:?} has sector {:?}", m.sector));
                }
            }
        }
        if actor_ids.len() > 1 {
            failures.push(format!("{person}: mentions split over {actor_ids:?}"));
        }
    }
    if !failures.is_empty() {
        for (f, ms) in &resolved {
            println!("== {f}");
            for m in ms {
                println!("  {:?} {} {} {:?} {:?}", m.text, m.actor, m.code, m.form, m.role);
            }
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}
