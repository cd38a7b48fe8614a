//! `dyad bench page-speed`: single-thread extraction speed. Pages are decompressed and loaded first; only
//! extraction is timed, repeated until at least two seconds have passed. Build with `--release`.

use crate::BenchError;
use crate::extraction::zyte_pages;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// This process's user + system CPU time in seconds (Linux `/proc/self/stat`, clock ticks of 1/100 s). On a
/// shared, loaded machine wall time understates speed; CPU time does not.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

fn time<F: FnMut()>(mut pass: F) -> (usize, Duration, Option<f64>) {
    let started = Instant::now();
    let cpu0 = cpu_seconds();
    let mut passes = 0;
    while passes == 0 || started.elapsed() < Duration::from_secs(3) {
        pass();
        passes += 1;
    }
    let cpu = cpu0.zip(cpu_seconds()).map(|(a, b)| b - a).filter(|c| *c > 0.0);
    (passes, started.elapsed(), cpu)
}

fn report(
    name: &str,
    pages: usize,
    bytes: usize,
    (passes, took, cpu): (usize, Duration, Option<f64>),
) -> Result<(), crate::BenchError> {
    let secs = took.as_secs_f64().max(1e-9);
    say!(
        "{name}: {:.0} pages/s, {:.1} MB/s wall ({pages} pages, {:.1} MB, {passes} passes, one thread)",
        (pages * passes) as f64 / secs,
        (bytes * passes) as f64 / secs / 1e6,
        bytes as f64 / 1e6
    );
    if let Some(cpu) = cpu {
        say!(
            "  per CPU second: {:.0} pages/s, {:.1} MB/s",
            (pages * passes) as f64 / cpu,
            (bytes * passes) as f64 / cpu / 1e6
        );
    }
    Ok(())
}

/// Runs the benchmark and prints pages/s and MB/s.
pub fn run(bench_dir: &Path) -> Result<(), BenchError> {
    if cfg!(debug_assertions) {
        say!("warning: a debug build; run `cargo run --release -- bench page-speed` for real figures");
    }
    let pages = zyte_pages(bench_dir)?;
    let bytes: usize = pages.iter().map(|p| p.1.len()).sum();
    let timed = time(|| {
        for (hash, html, _) in &pages {
            std::hint::black_box(dyad_page::html::extract_any_language(hash, html).ok());
        }
    });
    report("Zyte HTML, HTML extractor", pages.len(), bytes, timed)?;
    let timed = time(|| {
        for (hash, html, _) in &pages {
            std::hint::black_box(dyad_page::extract(hash, html.as_bytes()).ok());
        }
    });
    report("Zyte HTML, full page stage (checks, decoding, language)", pages.len(), bytes, timed)?;

    let seeds =
        [PathBuf::from("examples/pages"), bench_dir.join("../../main/examples/pages"), bench_dir.join("../seeds")]
            .into_iter()
            .find(|p| p.is_dir());
    if let Some(dir) = seeds {
        let mut files: Vec<(String, Vec<u8>)> = Vec::new();
        let mut paths: Vec<_> = std::fs::read_dir(&dir)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths.into_iter().filter(|p| p.is_file()) {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("").to_string();
            files.push((name, std::fs::read(&p)?));
        }
        let bytes: usize = files.iter().map(|f| f.1.len()).sum();
        let timed = time(|| {
            for (name, b) in &files {
                std::hint::black_box(dyad_page::extract(name, b).ok());
            }
        });
        report(&format!("seed pages in {}", dir.display()), files.len(), bytes, timed)?;
    }
    Ok(())
}
