//! `dyad bench dates`: publication-date accuracy of the HTML extractor on WCXB dev articles and the htmldate
//! MediaCloud 2020 set. A date counts as right when it names the gold day exactly; "no date" is an abstention,
//! so precision (right / answered) and recall (right / pages with a gold date) are printed beside accuracy.

use crate::BenchError;
use crate::extraction::{read_gz, wcxb_pages};
use std::path::Path;

#[derive(Default)]
struct Tally {
    pages: usize,
    answered: usize,
    right: usize,
    by_basis: std::collections::BTreeMap<String, (usize, usize)>,
    wrong: Vec<String>,
    undated: usize,
    undated_answered: usize,
}

impl Tally {
    fn add(&mut self, id: &str, gold: &str, article: &Result<dyad_page::Article, dyad_page::PageError>) {
        self.pages += 1;
        let published = article.as_ref().ok().and_then(|a| a.published.as_ref());
        let Some(p) = published else {
            self.wrong.push(format!("{id}: gold {gold}, no date found"));
            return;
        };
        self.answered += 1;
        let value = p.date.to_string();
        let ok = value == gold;
        self.right += ok as usize;
        let e = self.by_basis.entry(p.basis.clone()).or_default();
        e.0 += 1;
        e.1 += ok as usize;
        if !ok {
            self.wrong.push(format!("{id}: gold {gold}, got {value} from {} ({})", p.basis, p.evidence));
        }
    }

    /// A page whose gold says it has no date: any answer is a wrong answer.
    fn add_undated(&mut self, article: &Result<dyad_page::Article, dyad_page::PageError>) {
        self.undated += 1;
        if article.as_ref().ok().and_then(|a| a.published.as_ref()).is_some() {
            self.answered += 1;
            self.undated_answered += 1;
        }
    }

    fn print(&self, name: &str) -> Result<(), crate::BenchError> {
        let acc = self.right as f64 / self.pages.max(1) as f64;
        let p = self.right as f64 / self.answered.max(1) as f64;
        let r = acc;
        let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        say!(
            "{name} ({} pages with a gold date): exact-day accuracy {acc:.3}  P {p:.3}  R {r:.3}  F {f:.3}  (answered {})",
            self.pages,
            self.answered
        );
        if self.undated > 0 {
            say!("  {} pages have no gold date; a date was given for {}", self.undated, self.undated_answered);
        }
        for (basis, (n, ok)) in &self.by_basis {
            say!("  {basis:<14} {ok}/{n} right");
        }
        let shown = if std::env::var_os("DYAD_BENCH_ALL_MISSES").is_some() { usize::MAX } else { 8 };
        for w in self.wrong.iter().take(shown) {
            say!("  miss: {w}");
        }
        Ok(())
    }
}

/// Runs the benchmark and prints the figures.
pub fn run(bench_dir: &Path) -> Result<(), BenchError> {
    let mut wcxb = Tally::default();
    for (id, html, gt) in wcxb_pages(bench_dir)? {
        let Some(gold) = gt.get("publish_date").and_then(|d| d.as_str()).filter(|d| d.len() >= 10) else { continue };
        let article = dated(&id, &html);
        wcxb.add(&id, &gold[..10], &article);
    }
    wcxb.print("WCXB dev articles")?;

    let dir = bench_dir.join("htmldate-mediacloud");
    // The file was written by Python: a page with no gold date has `NaN`.
    let raw = std::fs::read_to_string(dir.join("eval_mediacloud_2020.json"))?.replace(": NaN", ": null");
    let eval: serde_json::Value = serde_json::from_str(&raw)?;
    let mut set = Tally::default();
    // The same pages when the crawler's address is known: a date in the URL fills in when the page gives none.
    let mut with_url = Tally::default();
    let mut entries: Vec<(&String, &serde_json::Value)> =
        eval.as_object().map(|m| m.iter().collect()).unwrap_or_default();
    entries.sort_by_key(|(url, _)| *url);
    // Halves for honest tuning: pages sorted by file name, even and odd positions.
    let mut files: Vec<&str> = entries.iter().filter_map(|(_, v)| v.get("file").and_then(|f| f.as_str())).collect();
    files.sort_unstable();
    let position: std::collections::HashMap<&str, usize> = files.iter().enumerate().map(|(i, f)| (*f, i)).collect();
    let mut halves = [Tally::default(), Tally::default()];
    for (url, v) in entries {
        let Some(file) = v.get("file").and_then(|f| f.as_str()) else { continue };
        let path = dir.join(format!("html/{file}.gz"));
        let path = if path.is_file() { path } else { dir.join(format!("html/{file}")) };
        let Ok(html) = read_gz(&path) else { continue };
        let article = dated(file, &html);
        let mut filled = article.clone();
        if let Ok(a) = &mut filled
            && a.published.is_none()
            && let Some(date) = dyad_page::html::date_from_url(url)
        {
            a.published = Some(dyad_page::Published { date, evidence: format!("URL {url}"), basis: "url".to_string() });
        }
        match v.get("date").and_then(|d| d.as_str()) {
            Some(gold) => {
                set.add(file, gold, &article);
                with_url.add(file, gold, &filled);
                halves[position.get(file).copied().unwrap_or(0) % 2].add(file, gold, &article);
            }
            None => {
                set.add_undated(&article);
                with_url.add_undated(&filled);
                halves[position.get(file).copied().unwrap_or(0) % 2].add_undated(&article);
            }
        }
    }
    set.print("htmldate MediaCloud 2020, page only")?;
    let [mut even, mut odd] = halves;
    even.wrong.clear();
    odd.wrong.clear();
    even.print("  even-indexed half (by file name), page only")?;
    odd.print("  odd-indexed half (by file name), page only")?;
    with_url.wrong.clear();
    with_url.print("htmldate MediaCloud 2020, page + its URL")?;
    say!("  published on htmldate's sets: htmldate (extensive) 0.949 F, newspaper4k 0.810, goose3 0.706");
    Ok(())
}

/// The page's article; a page whose body the HTML reader misses is read again as lines by `dyad_page::extract`
/// and keeps the date its metadata gives, so that date is scored.
fn dated(file: &str, html: &str) -> Result<dyad_page::Article, dyad_page::PageError> {
    let article = dyad_page::html::extract_any_language(file, html);
    if article.is_err()
        && let Some(p) = dyad_page::html::published_date(html)
    {
        return Ok(dyad_page::Article { published: Some(p), ..undated_article(file) });
    }
    article
}

/// An empty article standing for a page whose body was not found.
fn undated_article(file: &str) -> dyad_page::Article {
    let mut article = dyad_page::Article::from_body(file, Vec::new());
    article.format = dyad_page::PageFormat::Html;
    article.language = "und".to_string();
    article
}
