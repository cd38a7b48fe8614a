//! `dyad bench plover`: the PLOVER gold-standard sentences (built from the CAMEO manual's examples) through the
//! real pipeline: actors are resolved from the sentence text, not taken from the gold slots, and relative dates
//! resolve against the file's placeholder date. A sentence is right when some coded event has the gold category
//! and its source and target countries are among the gold ones; "category" counts the category alone.

use dyad_page::{Article, Block, PageFormat};
use std::collections::BTreeMap;
use std::path::Path;

/// The GSR uses PLOVER 0.5b1 names; dyad's codebook uses the 2021 table. These are the renamed categories.
fn gsr_category(plover: &str, root: &str) -> String {
    match plover {
        "ACCUSE" if root == "09" => "INVESTIGATE".into(),
        "ACCUSE" => "DISAPPROVE".into(),
        "REQUEST" => "DEMAND".into(),
        "ASSAULT" if matches!(root, "19" | "20") => "FIGHT".into(),
        other => other.to_string(),
    }
}

fn codes(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.get("code").and_then(|c| c.as_str()))
                .map(|c| c.chars().take(3).collect())
                .collect()
        })
        .unwrap_or_default()
}

/// Runs the benchmark and prints per-category and overall shares.
pub fn run(bench_dir: &Path) -> anyhow::Result<()> {
    let path = bench_dir.join("plover-gsr/PLOVER_GSR_CAMEO.json");
    let records: Vec<serde_json::Value> = serde_json::from_str(&std::fs::read_to_string(&path)?)?;
    let mut coder = dyad_pipeline::Coder::new();
    // (sentences, exact, category only, any event emitted) per category
    let mut per: BTreeMap<String, (usize, usize, usize, usize)> = BTreeMap::new();
    for (n, r) in records.iter().enumerate().skip(1) {
        let (Some(text), Some(event)) =
            (r.get("text").and_then(|t| t.as_str()), r.get("event").and_then(|e| e.as_str()))
        else {
            continue;
        };
        let date = r.get("date").and_then(|d| d.as_str()).and_then(|d| d.parse::<chrono::NaiveDate>().ok());
        let sources = codes(&r["source"]);
        let targets = codes(&r["target"]);
        let name = format!("gsr-{n:04}.txt");
        // One sentence is too short for page extraction to call it an article: it is the whole body.
        let article = Article {
            file: name,
            format: PageFormat::Text,
            title: None,
            outlet: None,
            outlet_country: None,
            dateline: None,
            published: None,
            published_candidates: Vec::new(),
            body: vec![Block { text: text.to_string(), start: 0, end: text.len() }],
            captions: Vec::new(),
            dropped: Vec::new(),
            language: "en".into(),
        };
        let coded = coder.code(&article, date);
        let category = |e: &dyad_events::EventRecord| gsr_category(e.plover.as_deref().unwrap_or("-"), &e.root);
        let country = |p: Option<&dyad_events::Party>| p.and_then(|p| p.country.clone()).unwrap_or_default();
        let cat_ok = coded.events.iter().any(|e| category(e) == event);
        let exact = coded.events.iter().any(|e| {
            category(e) == event
                && sources.contains(&country(Some(&e.source)))
                && (targets.is_empty() || targets.contains(&country(e.target.as_ref())))
        });
        let row = per.entry(event.to_string()).or_default();
        row.0 += 1;
        row.1 += usize::from(exact);
        row.2 += usize::from(cat_ok);
        row.3 += usize::from(!coded.events.is_empty());
    }
    println!("{:<12} {:>5} {:>8} {:>9} {:>8}", "category", "n", "exact", "category", "any");
    let mut total = (0, 0, 0, 0);
    for (cat, (n, exact, cat_ok, any)) in &per {
        let pct = |x: usize| 100.0 * x as f64 / (*n).max(1) as f64;
        println!("{cat:<12} {n:>5} {:>7.1}% {:>8.1}% {:>7.1}%", pct(*exact), pct(*cat_ok), pct(*any));
        total = (total.0 + n, total.1 + exact, total.2 + cat_ok, total.3 + any);
    }
    let pct = |x: usize| 100.0 * x as f64 / total.0.max(1) as f64;
    println!("{:<12} {:>5} {:>7.1}% {:>8.1}% {:>7.1}%", "ALL", total.0, pct(total.1), pct(total.2), pct(total.3));
    println!("exact = category and source/target countries right; any = at least one dyadic event coded");
    Ok(())
}
