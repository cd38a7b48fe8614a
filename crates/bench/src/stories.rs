//! `dyad bench stories ...`: near-duplicate precision/recall on the labelled set, and story-index speed and memory.

use crate::BenchError;
use dyad_stories::calibration::{self, PairKind, ScoredPair};
use dyad_stories::{Banding, HashedTokens, SplitMix, StoryConfig, StoryDocument, StoryIndex};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

/// Arguments of `dyad bench stories`.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    which: Which,
}

#[derive(clap::Subcommand)]
enum Which {
    /// Near-duplicate detection on the labelled set: thresholds calibrated on half the pairs, precision and recall
    /// on the other half, for each shingle size.
    NearDup {
        /// Seed of the programmatic rewrites.
        #[arg(long, default_value_t = 20_170_428)]
        seed: u64,
    },
    /// Indexing and query speed and bytes per document over synthetic documents (run with --release).
    Speed {
        /// Corpus sizes to measure.
        #[arg(long, value_delimiter = ',', default_values_t = vec![10_000usize, 100_000])]
        sizes: Vec<usize>,
        /// Tokens per synthetic document.
        #[arg(long, default_value_t = 400)]
        tokens: usize,
    },
}

/// Runs the command.
pub fn run(args: Args, bench_dir: &Path) -> Result<(), BenchError> {
    match args.which {
        Which::NearDup { seed } => near_dup(bench_dir, seed),
        Which::Speed { sizes, tokens } => speed(&sizes, tokens),
    }
}

fn near_dup(bench_dir: &Path, seed: u64) -> Result<(), BenchError> {
    let gt = bench_dir.join("article-extraction/ground-truth.json");
    let zyte = gt.is_file().then_some(gt.as_path());
    if zyte.is_none() {
        say!("note: {} not found; hand-written pairs only", gt.display());
    }
    let pairs = calibration::labelled_set(zyte, seed)?;
    let mut counts = BTreeMap::new();
    for p in &pairs {
        *counts.entry(p.kind).or_insert(0usize) += 1;
    }
    say!("labelled pairs: {} ({} copies)", pairs.len(), pairs.iter().filter(|p| p.kind.is_copy()).count());
    for (k, n) in &counts {
        say!("  {k:?}: {n}");
    }
    let defaults = StoryConfig::default();
    say!(
        "\ncalibration on even-numbered pairs, figures on odd-numbered pairs (LSH {}x{} included):",
        defaults.banding.bands,
        defaults.banding.rows
    );
    say!(
        "{:>7} {:>9} {:>9} {:>7} {:>7} {:>7} {:>5} {:>5} {:>5}",
        "shingle",
        "threshold",
        "calib F1",
        "P",
        "R",
        "F1",
        "tp",
        "fp",
        "fn"
    );
    let mut chosen: Option<((usize, usize), Vec<ScoredPair>)> = None;
    for shingle in [(1, 1), (2, 2), (3, 3), (1, 2), (1, 3), (2, 3)] {
        let scored = calibration::score(&pairs, shingle, defaults.banding, defaults.seed)?;
        let (calib, held): (Vec<_>, Vec<_>) = scored.iter().enumerate().partition(|(i, _)| i % 2 == 0);
        let calib: Vec<ScoredPair> = calib.into_iter().map(|(_, s)| *s).collect();
        let held: Vec<ScoredPair> = held.into_iter().map(|(_, s)| *s).collect();
        let c = calibration::calibrate(&calib);
        let h = calibration::prf(&held, c.threshold, true);
        say!(
            "{:>7} {:>9.2} {:>9.3} {:>7.3} {:>7.3} {:>7.3} {:>5} {:>5} {:>5}",
            format!("{}-{}", shingle.0, shingle.1),
            c.threshold,
            c.f1,
            h.precision,
            h.recall,
            h.f1,
            h.tp,
            h.fp,
            h.fn_
        );
        for kind in counts.keys() {
            let of: Vec<&ScoredPair> = scored.iter().filter(|s| s.kind == *kind).collect();
            let said = of.iter().filter(|s| s.estimate >= c.threshold && s.candidate).count();
            let mut v: Vec<f32> = of.iter().map(|s| s.exact).collect();
            v.sort_by(|a, b| a.total_cmp(b));
            say!(
                "   {:>18} {:>4}/{:<4} exact p10 {:.3} p50 {:.3} p90 {:.3} max {:.3}",
                format!("{kind:?}"),
                said,
                of.len(),
                v[v.len() / 10],
                v[v.len() / 2],
                v[v.len() * 9 / 10],
                v[v.len() - 1]
            );
        }
        if shingle == (defaults.shingle_min, defaults.shingle_max) {
            chosen = Some((shingle, scored));
        }
    }
    if let Some((shingle, scored)) = chosen {
        print_shipped(shingle, &scored, &counts)?;
    }
    Ok(())
}

/// The shipped default's figures on all pairs, per kind of pair.
fn print_shipped(
    shingle: (usize, usize),
    scored: &[ScoredPair],
    counts: &BTreeMap<PairKind, usize>,
) -> Result<(), crate::BenchError> {
    let defaults = StoryConfig::default();
    let t = defaults.threshold;
    let all = calibration::prf(scored, t, true);
    say!(
        "\nshipped default: shingle {shingle:?}, threshold {t:.2}: all pairs P {:.3} R {:.3} F1 {:.3} (tp {} fp {} fn {})",
        all.precision,
        all.recall,
        all.f1,
        all.tp,
        all.fp,
        all.fn_
    );
    say!("{:>18} {:>6} {:>9} {:>9} {:>9} {:>9}", "kind", "pairs", "say copy", "mean est", "min est", "max est");
    for kind in counts.keys() {
        let of: Vec<&ScoredPair> = scored.iter().filter(|s| s.kind == *kind).collect();
        let said = of.iter().filter(|s| s.estimate >= t && s.candidate).count();
        let mean = of.iter().map(|s| f64::from(s.estimate)).sum::<f64>() / of.len().max(1) as f64;
        let min = of.iter().map(|s| s.estimate).fold(1.0f32, f32::min);
        let max = of.iter().map(|s| s.estimate).fold(0.0f32, f32::max);
        say!("{:>18} {:>6} {:>9} {:>9.3} {:>9.3} {:>9.3}", format!("{kind:?}"), of.len(), said, mean, min, max);
    }
    let lsh_missed = scored.iter().filter(|s| s.kind.is_copy() && s.estimate >= t && !s.candidate).count();
    say!("copies above threshold that LSH failed to propose: {lsh_missed}");
    Ok(())
}

/// A synthetic document of `len` tokens: 60 % from the vocabulary of one of 2,000 topics (400 words each), 40 %
/// from a 50,000-word general vocabulary with a Zipf(1) distribution (log-uniform ranks). Every tenth document is
/// a near copy (15 % of tokens replaced) of an earlier one, so that queries find real matches.
fn synthetic(i: usize, len: usize, out: &mut HashedTokens, scratch: &mut Vec<u64>) {
    const VOCAB: f64 = 50_000.0;
    const TOPICS: u64 = 2_000;
    const TOPIC_WORDS: usize = 400;
    let base = if i % 10 == 9 { i / 2 } else { i };
    let mut rng = SplitMix::new(0xd0c ^ (base as u64).wrapping_mul(0x9e37_79b9));
    let topic = rng.next_u64() % TOPICS;
    scratch.clear();
    for _ in 0..len {
        let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        if rng.chance(0.6) {
            scratch.push(1_000_000 + topic * TOPIC_WORDS as u64 + rng.below(TOPIC_WORDS) as u64);
        } else {
            scratch.push((u * VOCAB.ln()).exp() as u64);
        }
    }
    if base != i {
        let mut m = SplitMix::new(i as u64);
        for t in scratch.iter_mut() {
            if m.chance(0.15) {
                *t = m.next_u64();
            }
        }
    }
    out.clear();
    for &w in scratch.iter() {
        out.push_hashed(w);
    }
}

/// CPU seconds used by this thread so far (Linux `/proc`; `None` elsewhere). The machine may be shared, so CPU
/// time is a fairer measure of the index's cost than wall time.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let after = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn speed(sizes: &[usize], tokens: usize) -> Result<(), BenchError> {
    say!("synthetic documents of {tokens} tokens; StoryConfig::default(); one core");
    say!(
        "{:>9} {:>7} {:>12} {:>12} {:>12} {:>12} {:>12} {:>12} {:>9} {:>10} {:>8}",
        "docs",
        "gen s",
        "index doc/s",
        "(cpu)",
        "query doc/s",
        "(cpu)",
        "index B/doc",
        "other B/doc",
        "clusters",
        "cand/query",
        "bg sim"
    );
    for &n in sizes {
        let mut idx = StoryIndex::new(StoryConfig::default())?;
        let mut doc = StoryDocument { tokens: HashedTokens::with_capacity(tokens), ..StoryDocument::default() };
        let mut scratch = Vec::with_capacity(tokens);
        // Time token generation alone so it can be subtracted.
        let t0 = Instant::now();
        for i in 0..n {
            synthetic(i, tokens, &mut doc.tokens, &mut scratch);
        }
        let gen_s = t0.elapsed().as_secs_f64();
        let t1 = Instant::now();
        let c1 = thread_cpu_seconds();
        for i in 0..n {
            synthetic(i, tokens, &mut doc.tokens, &mut scratch);
            doc.meta.id = format!("doc{i}");
            idx.add(&doc);
        }
        let index_s = (t1.elapsed().as_secs_f64() - gen_s).max(1e-9);
        let index_cpu = c1.zip(thread_cpu_seconds()).map(|(a, b)| (b - a - gen_s).max(1e-9));
        let queries = n.min(20_000);
        let t2 = Instant::now();
        let c2 = thread_cpu_seconds();
        let mut found = 0usize;
        for i in 0..queries {
            synthetic(n + i, tokens, &mut doc.tokens, &mut scratch);
            let sig = idx.sign(&doc.tokens);
            found += usize::from(!idx.query(&sig).is_empty());
        }
        let query_gen = gen_s * queries as f64 / n as f64;
        let query_s = (t2.elapsed().as_secs_f64() - query_gen).max(1e-9);
        let query_cpu = c2.zip(thread_cpu_seconds()).map(|(a, b)| (b - a - query_gen).max(1e-9));
        // Background similarity and candidate load, to compare the synthetic corpus with real news.
        let (mut cand_total, mut sim_total, mut cands) = (0usize, 0f64, Vec::new());
        let probes = 200.min(n);
        for i in 0..probes {
            synthetic(n + 10 * i, tokens, &mut doc.tokens, &mut scratch);
            let a = idx.sign(&doc.tokens);
            synthetic(n + 10 * i + 1, tokens, &mut doc.tokens, &mut scratch);
            sim_total += f64::from(a.similarity(&idx.sign(&doc.tokens)));
            idx.candidates(&a, &mut cands);
            cand_total += cands.len();
        }
        let clusters = idx.clusters().len();
        say!(
            "{n:>9} {gen_s:>7.2} {:>12.0} {:>12.0} {:>12.0} {:>12.0} {:>12.0} {:>12.0} {clusters:>9} {:>10.1} {:>8.4}",
            n as f64 / index_s,
            index_cpu.map_or(f64::NAN, |c| n as f64 / c),
            queries as f64 / query_s,
            query_cpu.map_or(f64::NAN, |c| queries as f64 / c),
            idx.index_heap_bytes() as f64 / n as f64,
            idx.meta_heap_bytes() as f64 / n as f64,
            cand_total as f64 / probes.max(1) as f64,
            sim_total / probes.max(1) as f64,
        );
        let _ = found;
    }
    let b = Banding::DEFAULT;
    say!(
        "(index B/doc = signatures + bucket maps + chain links; other = ids, story numbers and actor sets; {}x{} bands)",
        b.bands,
        b.rows
    );
    Ok(())
}
