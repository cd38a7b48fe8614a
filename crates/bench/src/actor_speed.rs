//! `dyad bench actor-speed`: actor resolution throughput over the seed pages and the Zyte articles' plain text.

use crate::BenchError;
use crate::error::ensure;
use std::path::Path;
use std::time::Instant;

/// Runs the benchmark and prints mentions/s and MB/s.
pub fn run(bench_dir: &Path) -> Result<(), BenchError> {
    let mut texts: Vec<String> = Vec::new();
    let seeds = bench_dir.join("../seeds");
    if seeds.is_dir() {
        let mut paths: Vec<_> = std::fs::read_dir(&seeds)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            texts.push(std::fs::read_to_string(p)?);
        }
    }
    let seed_count = texts.len();
    let truth = bench_dir.join("article-extraction/ground-truth.json");
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&truth)?)?;
    if let Some(map) = json.as_object() {
        for v in map.values() {
            if let Some(body) = v.get("articleBody").and_then(|b| b.as_str()) {
                texts.push(body.to_string());
            }
        }
    }
    ensure!(!texts.is_empty(), "no texts found under {}", bench_dir.display());
    let bytes: usize = texts.iter().map(String::len).sum();

    let started = Instant::now();
    let gaz = dyad_actors::Gazetteer::builtin();
    let build = started.elapsed();

    // Each pass uses a fresh registry so every pass does the same work (learning people included).
    let passes = 5;
    let mut mentions = 0usize;
    let started = Instant::now();
    for _ in 0..passes {
        let mut reg = dyad_actors::Registry::with_gazetteer(gaz.clone());
        for t in &texts {
            mentions += reg.resolve_text(t, None).len();
        }
    }
    let secs = started.elapsed().as_secs_f64();
    let mb = (bytes * passes) as f64 / 1e6;
    say!(
        "corpus: {} texts ({} seed pages, {} Zyte article bodies), {:.2} MB",
        texts.len(),
        seed_count,
        texts.len() - seed_count,
        bytes as f64 / 1e6
    );
    say!(
        "gazetteer: {} actors, {} patterns, built in {:.1} ms",
        gaz.len(),
        gaz.pattern_count(),
        build.as_secs_f64() * 1e3
    );
    say!("passes: {passes}, mentions per pass: {}", mentions / passes);
    say!(
        "throughput: {:.0} mentions/s, {:.2} MB/s, {:.0} docs/s",
        mentions as f64 / secs,
        mb / secs,
        (texts.len() * passes) as f64 / secs
    );
    Ok(())
}
