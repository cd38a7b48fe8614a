//! `dyad bench extraction`: article-extraction quality of the HTML extractor.
//!
//! Zyte: the benchmark's own metric (4-token shingles, tp/fp/fn summed over pages). WCXB dev articles: word F1
//! macro-averaged over pages, headline accuracy, and the share of `with` snippets found and `without` snippets
//! avoided. Pages are extracted with no language filter, as the published figures were.

use crate::BenchError;
use crate::error::Context;
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

/// Reads a gzip-compressed file into a string (invalid UTF-8 replaced).
pub(crate) fn read_gz(path: &Path) -> Result<String, BenchError> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(file)
        .read_to_end(&mut bytes)
        .with_context(|| format!("reading {}", path.display()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The Zyte pages: (hash, html, gold article body).
pub(crate) fn zyte_pages(bench_dir: &Path) -> Result<Vec<(String, String, String)>, BenchError> {
    let dir = bench_dir.join("article-extraction");
    let truth: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.join("ground-truth.json"))?)?;
    let mut pages = Vec::new();
    for (hash, v) in truth.as_object().context("ground-truth.json is not an object")? {
        let html = read_gz(&dir.join(format!("html/{hash}.html.gz")))?;
        let gold = v.get("articleBody").and_then(|b| b.as_str()).unwrap_or("").to_string();
        pages.push((hash.clone(), html, gold));
    }
    pages.sort();
    Ok(pages)
}

fn body_text(article: &Result<dyad_page::Article, dyad_page::PageError>) -> String {
    match article {
        Ok(a) => a.body.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n"),
        Err(_) => String::new(),
    }
}

fn shingles(text: &str) -> HashMap<Vec<&str>, i64> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let mut out = HashMap::new();
    if tokens.is_empty() {
        return out;
    }
    if tokens.len() < 4 {
        *out.entry(tokens).or_insert(0) += 1;
        return out;
    }
    for w in tokens.windows(4) {
        *out.entry(w.to_vec()).or_insert(0) += 1;
    }
    out
}

/// (tp, fp, fn) of two multisets.
fn overlap<K: std::hash::Hash + Eq>(pred: &HashMap<K, i64>, gold: &HashMap<K, i64>) -> (i64, i64, i64) {
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    for (k, c) in pred {
        let g = *gold.get(k).unwrap_or(&0);
        tp += (*c).min(g);
        fp += (c - g).max(0);
    }
    for (k, c) in gold {
        fn_ += (c - *pred.get(k).unwrap_or(&0)).max(0);
    }
    (tp, fp, fn_)
}

fn prf(tp: i64, fp: i64, fn_: i64) -> (f64, f64, f64) {
    let p = if tp + fp == 0 { 0.0 } else { tp as f64 / (tp + fp) as f64 };
    let r = if tp + fn_ == 0 { 0.0 } else { tp as f64 / (tp + fn_) as f64 };
    let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    (p, r, f)
}

/// A guess at why a page scored badly, from its precision, recall and outcome.
fn why(article: &Result<dyad_page::Article, dyad_page::PageError>, p: f64, r: f64) -> String {
    match article {
        Err(e) => format!("error: {e}"),
        Ok(_) if p < 0.2 && r < 0.2 => "wrong container chosen".to_string(),
        Ok(_) if r < 0.6 && p > 0.8 => "article split across containers or paragraphs dropped".to_string(),
        Ok(_) if p < 0.6 && r > 0.8 => "boilerplate kept (comments, related, teasers)".to_string(),
        Ok(_) => "partial on both sides".to_string(),
    }
}

/// Runs the benchmark and prints the figures.
pub fn run(bench_dir: &Path) -> Result<(), BenchError> {
    zyte(bench_dir)?;
    wcxb(bench_dir)
}

fn zyte(bench_dir: &Path) -> Result<(), BenchError> {
    let pages = zyte_pages(bench_dir)?;
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    let mut rows = Vec::new();
    for (hash, html, gold) in &pages {
        let article = dyad_page::html::extract_any_language(hash, html);
        let (t, f, n) = overlap(&shingles(&body_text(&article)), &shingles(gold));
        tp += t;
        fp += f;
        fn_ += n;
        let (p, r, f1) = prf(t, f, n);
        rows.push((f1, p, r, hash.clone(), why(&article, p, r)));
    }
    let (p, r, f1) = prf(tp, fp, fn_);
    say!("Zyte article-extraction ({} pages): shingle F1 {f1:.3}  P {p:.3}  R {r:.3}", pages.len());
    say!("  published: rs_trafilatura 0.970, go_trafilatura 0.960, trafilatura 0.958, readability.js 0.947");
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    say!("  worst pages:");
    for (f1, p, r, hash, why) in rows.iter().take(10) {
        say!("    F1 {f1:.3} P {p:.3} R {r:.3}  {}  {why}", &hash[..12.min(hash.len())]);
    }
    Ok(())
}

fn words(text: &str) -> HashMap<String, i64> {
    let mut out = HashMap::new();
    for w in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        *out.entry(w.to_lowercase()).or_insert(0) += 1;
    }
    out
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// WCXB stores `with` / `without` either as JSON arrays or as Python-literal strings of lists.
fn snippet_list(v: Option<&serde_json::Value>) -> Vec<String> {
    match v {
        Some(serde_json::Value::Array(a)) => a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect(),
        Some(serde_json::Value::String(s)) => python_list(s),
        _ => Vec::new(),
    }
}

/// Parses `['a', "b's"]` into its strings.
fn python_list(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' || c == '"' {
            let mut item = String::new();
            while let Some(d) = chars.next() {
                if d == '\\' {
                    if let Some(e) = chars.next() {
                        item.push(e);
                    }
                } else if d == c {
                    break;
                } else {
                    item.push(d);
                }
            }
            out.push(item);
        }
    }
    out
}

fn gt_object(v: &serde_json::Value) -> Option<serde_json::Value> {
    match v.get("ground_truth")? {
        serde_json::Value::Object(_) => v.get("ground_truth").cloned(),
        serde_json::Value::String(s) => serde_json::from_str(s).ok(),
        _ => None,
    }
}

/// Loads the WCXB dev article pages: (id, html, ground truth object).
pub(crate) fn wcxb_pages(bench_dir: &Path) -> Result<Vec<(String, String, serde_json::Value)>, BenchError> {
    let dir = bench_dir.join("wcxb-dev-articles");
    let mut ids: Vec<String> = std::fs::read_dir(dir.join("ground-truth"))?
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str().and_then(|n| n.strip_suffix(".json")).map(str::to_string))
        .collect();
    ids.sort();
    let mut pages = Vec::new();
    for id in ids {
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join(format!("ground-truth/{id}.json")))?)?;
        let Some(gt) = gt_object(&json) else { continue };
        let html = dir.join(format!("html/{id}.html.gz"));
        if !html.is_file() {
            continue;
        }
        pages.push((id, read_gz(&html)?, gt));
    }
    Ok(pages)
}

fn norm_title(t: &str) -> String {
    t.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

fn wcxb(bench_dir: &Path) -> Result<(), BenchError> {
    let pages = wcxb_pages(bench_dir)?;
    let (mut f1_sum, mut titles_right, mut titles_total) = (0.0, 0usize, 0usize);
    let (mut with_found, mut with_total, mut without_avoided, mut without_total) = (0usize, 0usize, 0usize, 0usize);
    let mut rows = Vec::new();
    let mut title_misses = Vec::new();
    for (id, html, gt) in &pages {
        let article = dyad_page::html::extract_any_language(id, html);
        let text = body_text(&article);
        let gold = gt.get("main_content").and_then(|m| m.as_str()).unwrap_or("");
        let (t, f, n) = overlap(&words(&text), &words(gold));
        let (p, r, f1) = prf(t, f, n);
        f1_sum += f1;
        rows.push((f1, p, r, id.clone(), why(&article, p, r)));
        if let Some(gold_title) = gt.get("title").and_then(|t| t.as_str()).filter(|t| !t.trim().is_empty()) {
            titles_total += 1;
            let got = article.as_ref().ok().and_then(|a| a.title.as_deref()).unwrap_or("");
            if norm_title(got) == norm_title(gold_title) {
                titles_right += 1;
            } else if title_misses.len() < 8 {
                title_misses.push(format!("{id}: gold {gold_title:?}, got {got:?}"));
            }
        }
        let squashed = squash(&text);
        for s in snippet_list(gt.get("with")) {
            with_total += 1;
            with_found += squashed.contains(&squash(&s)) as usize;
        }
        for s in snippet_list(gt.get("without")) {
            without_total += 1;
            without_avoided += !squashed.contains(&squash(&s)) as usize;
        }
    }
    let n = pages.len().max(1) as f64;
    say!(
        "WCXB dev articles ({} pages): word F1 {:.3} (macro)  title accuracy {:.3} ({titles_right}/{titles_total})",
        pages.len(),
        f1_sum / n,
        titles_right as f64 / titles_total.max(1) as f64
    );
    say!(
        "  with-snippets found {:.3} ({with_found}/{with_total})  without-snippets avoided {:.3} ({without_avoided}/{without_total})",
        with_found as f64 / with_total.max(1) as f64,
        without_avoided as f64 / without_total.max(1) as f64
    );
    for miss in &title_misses {
        say!("  title miss: {miss}");
    }
    say!("  published word F1: rs-trafilatura 0.932, trafilatura 0.926, dom_smoothie 0.908, Readability 0.825");
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    say!("  worst pages:");
    for (f1, p, r, id, why) in rows.iter().take(10) {
        say!("    F1 {f1:.3} P {p:.3} R {r:.3}  {id}  {why}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingle_and_word_overlap() {
        let gold = shingles("a b c d e");
        let pred = shingles("a b c d x");
        assert_eq!(overlap(&pred, &gold), (1, 1, 1));
        assert_eq!(shingles("a b").len(), 1);
        let (p, r, f) = prf(1, 1, 1);
        assert!((p - 0.5).abs() < 1e-9 && (r - 0.5).abs() < 1e-9 && (f - 0.5).abs() < 1e-9);
        assert_eq!(overlap(&words("The cat, the hat"), &words("the cat")), (2, 2, 0));
    }

    #[test]
    fn parses_python_lists() {
        assert_eq!(python_list(r#"['Home', "Chef's Choice", 'it\'s']"#), vec!["Home", "Chef's Choice", "it's"]);
        assert!(python_list("[]").is_empty());
    }
}
