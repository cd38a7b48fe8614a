//! The `documents` expectations of `shared/gold/seeds.json`, checked against `shared/seeds/`.

mod common;

use common::{body_text, check_offsets, ends_with_tolerant, norm};
use serde_json::Value;
use std::path::PathBuf;

fn shared() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"))
}

/// Runs every expectation and returns the failures (empty when all pass), printing a per-field tally.
fn failures() -> Option<Vec<String>> {
    let gold_path = shared().join("gold/seeds.json");
    let Ok(gold) = std::fs::read_to_string(&gold_path) else {
        println!("skipped: {} is absent", gold_path.display());
        return None;
    };
    let gold: Value = serde_json::from_str(&gold).expect("seeds.json parses");
    let docs = gold["documents"].as_array().expect("documents is a list");
    assert!(!docs.is_empty());
    let mut fails = Vec::new();
    let (mut checks, mut passed) = (0usize, 0usize);
    let mut check = |ok: bool, what: String, fails: &mut Vec<String>| {
        checks += 1;
        if ok {
            passed += 1;
        } else {
            fails.push(what);
        }
    };
    for doc in docs {
        let file = doc["file"].as_str().expect("file");
        let bytes = std::fs::read(shared().join("seeds").join(file)).expect("seed page exists");
        let a = match dyad_page::extract_in_year(file, &bytes, 2026) {
            Ok(a) => a,
            Err(e) => {
                fails.push(format!("{file}: extract failed: {e}"));
                continue;
            }
        };
        if let Err(e) = check_offsets(&bytes, &a) {
            fails.push(format!("{file}: {e}"));
        }
        let body = body_text(&a);
        if let Some(t) = doc.get("title").and_then(Value::as_str) {
            check(a.title.as_deref().map(norm) == Some(norm(t)), format!("{file}: title {:?}", a.title), &mut fails);
        }
        if let Some(o) = doc.get("outlet") {
            check(a.outlet.as_deref() == o.as_str(), format!("{file}: outlet {:?} want {o}", a.outlet), &mut fails);
        }
        if let Some(d) = doc.get("dateline").and_then(Value::as_str) {
            check(a.dateline.as_deref() == Some(d), format!("{file}: dateline {:?}", a.dateline), &mut fails);
        }
        if let Some(p) = doc.get("published").and_then(Value::as_str) {
            // Either the date itself, or no date with the right one among the weekday-matched candidates.
            let got = a.published.as_ref().map(|p| p.date.to_string());
            let ok = match &got {
                Some(g) => g == p,
                None => a.published_candidates.iter().any(|c| c.to_string() == p),
            };
            check(ok, format!("{file}: published {got:?} candidates {:?}", a.published_candidates), &mut fails);
        }
        let starts: Vec<&str> = match &doc["body_starts_with"] {
            Value::String(s) => vec![s.as_str()],
            Value::Array(v) => v.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        if !starts.is_empty() {
            let ok = starts.iter().any(|s| body.starts_with(&norm(s)));
            check(ok, format!("{file}: body starts {:?}", &body.chars().take(80).collect::<String>()), &mut fails);
        }
        if let Some(e) = doc.get("body_ends_with").and_then(Value::as_str) {
            let extra = usize::from(doc.get("body_ends_note").is_some());
            let tail: String = body.chars().rev().take(80).collect::<Vec<_>>().into_iter().rev().collect();
            check(ends_with_tolerant(&body, e, extra), format!("{file}: body ends {tail:?}"), &mut fails);
        }
        for chrome in doc.get("not_in_body").and_then(Value::as_array).into_iter().flatten() {
            let chrome = norm(chrome.as_str().unwrap_or_default());
            check(!body.contains(&chrome), format!("{file}: {chrome:?} is in the body"), &mut fails);
        }
        if let Some(c) = doc.get("caption").and_then(Value::as_str) {
            let c = norm(c);
            let as_caption = a.captions.iter().filter(|b| norm(&b.text).contains(&c)).count();
            check(as_caption == 1, format!("{file}: caption kept {as_caption} times"), &mut fails);
            check(!body.contains(&c), format!("{file}: caption text is in the body"), &mut fails);
        }
    }
    println!("seed document checks: {passed}/{checks} passed");
    Some(fails)
}

#[test]
fn seed_documents_match_gold() {
    let Some(fails) = failures() else { return };
    assert!(fails.is_empty(), "failures:\n{}", fails.join("\n"));
}
