//! `dyad bench time-speed`: how fast temporal tagging runs, on every sentence of the MEANTIME articles and the seed
//! pages. Two figures matter: expressions per second on all sentences, and sentences per second on sentences with
//! no expression at all, the common case that the trigger prefilter should make nearly free.

use crate::BenchError;
use std::path::Path;
use std::time::{Duration, Instant};

/// Runs `pass` repeatedly for at least `min` and returns (passes, elapsed).
fn timed(min: Duration, mut pass: impl FnMut() -> usize) -> (usize, usize, Duration) {
    let start = Instant::now();
    let mut passes = 0;
    let mut found = 0;
    while passes == 0 || start.elapsed() < min {
        found += pass();
        passes += 1;
    }
    (passes, found, start.elapsed())
}

/// Runs the benchmark and prints its figures. Build with `--release` for meaningful numbers.
pub fn run(bench_dir: &Path) -> Result<(), BenchError> {
    let docs = crate::meantime::load(&bench_dir.join("meantime"))?;
    let mut documents: Vec<(chrono::NaiveDate, Vec<String>)> = Vec::new();
    let fallback = chrono::NaiveDate::from_ymd_opt(2010, 1, 1).unwrap_or_default();
    for d in &docs {
        let lines = d.text.lines().map(str::to_string).collect();
        documents.push((d.anchor.unwrap_or(fallback), lines));
    }
    let seeds = bench_dir.parent().map(|p| p.join("seeds"));
    if let Some(dir) = seeds.filter(|d| d.is_dir()) {
        for f in std::fs::read_dir(dir)? {
            let text = std::fs::read_to_string(f?.path())?;
            let lines = text.lines().filter(|l| !l.trim().is_empty()).map(str::to_string).collect();
            documents.push((fallback, lines));
        }
    }
    let sentences: usize = documents.iter().map(|d| d.1.len()).sum();
    let bytes: usize = documents.iter().flat_map(|d| &d.1).map(String::len).sum();
    let empty: Vec<&str> = documents
        .iter()
        .flat_map(|(a, lines)| lines.iter().filter(|l| dyad_time::find(l, *a).is_empty()).map(String::as_str))
        .collect();
    let empty_bytes: usize = empty.iter().map(|s| s.len()).sum();

    let min = Duration::from_secs(2);
    let (passes, found, elapsed) = timed(min, || {
        let mut n = 0;
        for (anchor, lines) in &documents {
            let mut doc = dyad_time::TimeResolver::new(*anchor);
            for line in lines {
                n += doc.resolve_sentence(line).len();
            }
        }
        n
    });
    let secs = elapsed.as_secs_f64();
    let per_pass = found / passes.max(1);
    say!(
        "corpus: {} documents, {sentences} sentences, {:.2} MB, {per_pass} expressions",
        documents.len(),
        bytes as f64 / 1e6
    );
    say!(
        "all sentences:      {:>10.0} sentences/s  {:>8.1} MB/s  {:>10.0} expressions/s",
        (sentences * passes) as f64 / secs,
        (bytes * passes) as f64 / secs / 1e6,
        found as f64 / secs
    );
    let anchor = fallback;
    let (passes, _, elapsed) = timed(min, || empty.iter().map(|s| dyad_time::find(s, anchor).len()).sum());
    let secs = elapsed.as_secs_f64();
    say!(
        "no-expression ones: {:>10.0} sentences/s  {:>8.1} MB/s  ({} sentences, {:.0} ns each)",
        (empty.len() * passes) as f64 / secs,
        (empty_bytes * passes) as f64 / secs / 1e6,
        empty.len(),
        secs * 1e9 / (empty.len() * passes).max(1) as f64
    );
    Ok(())
}
