//! The example pages in `examples/pages/` against the expected fields in `tests/examples.json`.

mod common;

use common::{body_text, check_offsets, ends_with_tolerant, norm};
use dyad_page::{PageError, PageFormat};
use serde_json::Value;
use std::path::PathBuf;

fn pages_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/pages"))
}

/// The failures for the pages of one format.
fn failures(format: PageFormat) -> Vec<String> {
    let spec: Value = serde_json::from_str(include_str!("examples.json")).expect("examples.json parses");
    let mut fails = Vec::new();
    let mut checked = 0;
    for page in spec["pages"].as_array().expect("pages") {
        let file = page["file"].as_str().expect("file");
        let is_html = file.ends_with(".html");
        if is_html != (format == PageFormat::Html) {
            continue;
        }
        checked += 1;
        let bytes = std::fs::read(pages_dir().join(file)).expect("example page exists");
        let result = dyad_page::extract_in_year(file, &bytes, 2026);
        if let Some(err) = page.get("error").and_then(Value::as_str) {
            let ok = matches!((err, &result), ("not_english", Err(PageError::NotEnglish(_))));
            if !ok {
                fails.push(format!("{file}: want error {err}, got {:?}", result.as_ref().err()));
            }
            continue;
        }
        let a = match result {
            Ok(a) => a,
            Err(e) => {
                fails.push(format!("{file}: {e}"));
                continue;
            }
        };
        if let Err(e) = check_offsets(&bytes, &a) {
            fails.push(format!("{file}: {e}"));
        }
        let body = body_text(&a);
        let gaps: Vec<&str> =
            page.get("known_gaps").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
        let mut fail = |ok: bool, what: String| {
            let field = what.split_whitespace().next().unwrap_or_default();
            if ok {
                if gaps.contains(&field) {
                    println!("{file}: known gap {field:?} now passes; remove it from known_gaps");
                }
            } else if gaps.contains(&field) {
                println!("{file}: known gap: {what}");
            } else {
                fails.push(format!("{file}: {what}"));
            }
        };
        if let Some(t) = page.get("title") {
            fail(a.title.as_deref().map(norm) == t.as_str().map(norm), format!("title {:?}", a.title));
        }
        if let Some(o) = page.get("outlet") {
            fail(a.outlet.as_deref() == o.as_str(), format!("outlet {:?} want {o}", a.outlet));
        }
        if let Some(d) = page.get("dateline") {
            fail(a.dateline.as_deref() == d.as_str(), format!("dateline {:?} want {d}", a.dateline));
        }
        let got = a.published.as_ref().map(|p| p.date.to_string());
        if let Some(p) = page.get("published") {
            fail(got.as_deref() == p.as_str(), format!("published {got:?} want {p}"));
        }
        if let Some(b) = page.get("published_basis").and_then(Value::as_str) {
            fail(a.published.as_ref().is_some_and(|p| p.basis == b), format!("basis want {b}"));
        }
        if let Some(c) = page.get("published_candidates_contain").and_then(Value::as_str) {
            let ok = got.is_none() && a.published_candidates.iter().any(|d| d.to_string() == c);
            fail(ok, format!("published {got:?} candidates {:?}", a.published_candidates));
        }
        if let Some(s) = page.get("body_starts_with").and_then(Value::as_str) {
            fail(body.starts_with(&norm(s)), format!("body starts {:?}", body.chars().take(70).collect::<String>()));
        }
        if let Some(e) = page.get("body_ends_with").and_then(Value::as_str) {
            let tail: String = body.chars().rev().take(70).collect::<Vec<_>>().into_iter().rev().collect();
            fail(ends_with_tolerant(&body, e, 0), format!("body ends {tail:?}"));
        }
        for chrome in page.get("not_in_body").and_then(Value::as_array).into_iter().flatten() {
            let chrome = norm(chrome.as_str().unwrap_or_default());
            fail(!body.contains(&chrome), format!("{chrome:?} in body"));
        }
        if let Some(c) = page.get("caption").and_then(Value::as_str) {
            let c = norm(c);
            let n = a.captions.iter().filter(|b| norm(&b.text).contains(&c)).count();
            fail(n == 1 && !body.contains(&c), format!("caption kept {n} times"));
        }
    }
    assert!(checked > 0);
    println!("{format:?} examples: {checked} pages, {} failures", fails.len());
    fails
}

#[test]
fn text_examples_match_expected_fields() {
    let fails = failures(PageFormat::Text);
    assert!(fails.is_empty(), "failures:\n{}", fails.join("\n"));
}

#[test]
fn html_examples_match_expected_fields() {
    let fails = failures(PageFormat::Html);
    assert!(fails.is_empty(), "failures:\n{}", fails.join("\n"));
}
