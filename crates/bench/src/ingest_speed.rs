//! `dyad bench ingest-speed`: end-to-end `dyad ingest` throughput (pages/s, MB/s) and peak memory, on one thread
//! and on all cores, over the Zyte HTML pages and a synthetic corpus of plain-text news pages.
//!
//! Each run is a child process (`dyad ingest --threads T` into a fresh database), because rayon's global pool can
//! be sized only once per process and because memory must be measured for the ingest alone. Peak memory is the
//! child's `VmHWM` and CPU time its `utime + stime`, sampled from `/proc/PID` every 20 ms until it exits (Linux
//! only; the figures are left out elsewhere). Build with `--release`.

use crate::BenchError;
use crate::error::Context;
use crate::error::ensure;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::LazyLock;
use std::time::{Duration, Instant};

/// Arguments of `dyad bench ingest-speed`.
#[derive(clap::Args)]
pub struct Args {
    /// Synthetic plain-text pages to generate (0 for none).
    #[arg(long, default_value_t = 100_000)]
    synthetic: usize,
    /// Keep the generated pages and databases in this folder instead of a temporary one.
    #[arg(long)]
    keep: Option<PathBuf>,
}

/// Country names for the synthetic pages, taken from the gazetteer's data file so no list lives in code.
static COUNTRIES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    dyad_core::data_lines(include_str!("../../../data/countries.tsv"))
        .filter_map(|(_, l)| l.split('\t').nth(2))
        .filter(|name| !name.is_empty() && !name.contains(['(', ',']))
        .collect()
});

/// A deterministic generator, so every run measures the same corpus.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// A made-up personal name built from syllables, so people vary without a list of real names.
fn person(rng: &mut SplitMix) -> String {
    const SYLLABLES: [&str; 16] =
        ["ka", "lo", "mi", "ren", "sa", "tor", "vi", "dan", "el", "ga", "ni", "pe", "ru", "sho", "ta", "zu"];
    let mut word = |parts: usize| {
        let w: String = (0..parts).map(|_| SYLLABLES[rng.below(SYLLABLES.len())]).collect();
        let mut c = w.chars();
        c.next().map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
    };
    let first = word(2);
    let last = word(3);
    format!("{first} {last}")
}

/// The English name of the month `index` (0 = January).
fn month_name(index: usize) -> &'static str {
    chrono::Month::try_from((index % 12 + 1) as u8).map_or("January", |m| m.name())
}
const WEEKDAYS: [&str; 5] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
const ROLES: [&str; 5] = ["foreign minister", "president", "prime minister", "defence minister", "trade minister"];

/// One synthetic news page: a headline, a dateline, and five to eight sentences of diplomatic news between two
/// countries, with named officials, relative and absolute dates, and varied actions.
fn synthetic_page(i: usize, rng: &mut SplitMix) -> String {
    let countries = &*COUNTRIES;
    let a = rng.pick(countries);
    let mut b = rng.pick(countries);
    if a == b {
        b = countries[(rng.below(countries.len()) + 1) % countries.len()];
    }
    let (pa, pb) = (person(rng), person(rng));
    let (ra, rb) = (rng.pick(&ROLES), rng.pick(&ROLES));
    let (month, day, year) = (rng.below(12), 1 + rng.below(28), 1995 + rng.below(30));
    let month_name = month_name(month);
    let weekday = rng.pick(&WEEKDAYS);
    let actions = [
        format!("{a}'s {ra} {pa} met {b}'s {rb} {pb} on {weekday} and the two discussed trade and security."),
        format!("{pa} said {a} would send a delegation to {b} next month to negotiate an agreement on energy."),
        format!("{b} accused {a} of violating the ceasefire on {weekday}, and {pb} demanded an investigation."),
        format!("The government of {a} condemned the missile test carried out by {b} last week."),
        format!("{pb} praised the cooperation between {b} and {a} and invited {pa} to visit later this year."),
        format!("{a} and {b} signed a treaty on border demarcation in {month_name} {year}."),
        format!("{a} threatened to impose sanctions on {b} if the talks fail, {pa} told reporters."),
        format!("On {month_name} {day}, {year}, {b} expelled two diplomats from {a}'s embassy."),
        format!("{b} announced ${} million in aid to {a} after the floods.", 1 + rng.below(900)),
        format!("Officials from {a} and {b} will hold a new round of talks in {}.", 2000 + rng.below(30)),
    ];
    let mut body = String::new();
    let n = 5 + rng.below(4);
    let start = rng.below(actions.len());
    for k in 0..n {
        body.push_str(&actions[(start + k * 3) % actions.len()]);
        body.push(' ');
    }
    format!(
        "{a} and {b} in talks as tensions rise (report {i})\n\n{month_name} {day}, {year}\n\n{}, {month_name} {day} -- \
         {body}\nThe report is number {i} of the series.\n",
        a.to_uppercase()
    )
}

/// What one child ingest measured.
struct Run {
    wall: Duration,
    cpu: Option<f64>,
    peak_kb: Option<u64>,
    summary: String,
}

/// The child's (VmHWM in kB, utime + stime in seconds), when /proc has them.
fn sample(pid: u32) -> (Option<u64>, Option<f64>) {
    let hwm = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse().ok());
    let cpu = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok().and_then(|stat| {
        let after = stat.rsplit_once(')')?.1.to_string();
        let fields: Vec<&str> = after.split_whitespace().collect();
        let utime: f64 = fields.get(11)?.parse().ok()?;
        let stime: f64 = fields.get(12)?.parse().ok()?;
        Some((utime + stime) / 100.0)
    });
    (hwm, cpu)
}

/// Runs `exe ingest` (`exe` is the dyad binary) on `pages` into `db`, into a fresh database when `fresh`.
fn ingest(exe: &Path, pages: &Path, db: &Path, threads: usize, fresh: bool) -> Result<Run, BenchError> {
    for suffix in ["", "-wal", "-shm"].iter().filter(|_| fresh) {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let started = Instant::now();
    let mut child = Command::new(exe)
        .arg("ingest")
        .arg(pages)
        .arg("--db")
        .arg(db)
        .args(["--threads", &threads.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .context("cannot start dyad ingest")?;
    let (mut peak_kb, mut cpu) = (None, None);
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        let (h, c) = sample(child.id());
        peak_kb = h.or(peak_kb);
        cpu = c.or(cpu);
        std::thread::sleep(Duration::from_millis(20));
    };
    let wall = started.elapsed();
    let mut summary = String::new();
    if let Some(mut out) = child.stdout.take() {
        out.read_to_string(&mut summary)?;
    }
    ensure!(status.success(), "dyad ingest failed ({status}): {summary}");
    Ok(Run { wall, cpu, peak_kb, summary })
}

fn write_zyte(bench_dir: &Path, to: &Path) -> Result<usize, BenchError> {
    let dir = bench_dir.join("article-extraction/html");
    std::fs::create_dir_all(to)?;
    let mut n = 0;
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
        .collect();
    entries.sort();
    for path in entries {
        let mut html = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(&path)?).read_to_end(&mut html)?;
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("page.html.gz").trim_end_matches(".gz");
        std::fs::write(to.join(name), html)?;
        n += 1;
    }
    Ok(n)
}

fn write_synthetic(range: std::ops::Range<usize>, seed: u64, to: &Path) -> Result<(), BenchError> {
    let mut rng = SplitMix(seed);
    // Subfolders of 1,000 keep directories small; a range may start inside one (the incremental run).
    let first = range.start;
    for i in range {
        let dir = to.join(format!("{:03}", i / 1000));
        if i % 1000 == 0 || i == first {
            std::fs::create_dir_all(&dir)?;
        }
        std::fs::write(dir.join(format!("{i:06}.txt")), synthetic_page(i, &mut rng))?;
    }
    Ok(())
}

fn folder_bytes(dir: &Path) -> u64 {
    let mut total = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            match entry.metadata() {
                Ok(m) if m.is_dir() => stack.push(entry.path()),
                Ok(m) => total += m.len(),
                Err(_) => {}
            }
        }
    }
    total
}

fn report(corpus: &str, pages: usize, bytes: u64, threads: usize, run: &Run) -> Result<(), crate::BenchError> {
    let secs = run.wall.as_secs_f64().max(1e-9);
    say!(
        "{corpus}, {threads} thread(s): {:.0} pages/s, {:.2} MB/s wall ({pages} pages, {:.1} MB in {:.1} s)",
        pages as f64 / secs,
        bytes as f64 / secs / 1e6,
        bytes as f64 / 1e6,
        secs
    );
    let cpu =
        run.cpu.map_or("cpu n/a".to_string(), |c| format!("{c:.1} CPU s, {:.0} pages per CPU s", pages as f64 / c));
    let peak = run.peak_kb.map_or("peak memory n/a".to_string(), |k| format!("peak RSS {:.0} MB", k as f64 / 1024.0));
    say!("  {cpu}; {peak}");
    for line in run.summary.lines().filter(|l| ["pages", "update", "database"].iter().any(|w| l.starts_with(w))) {
        say!("  {line}");
    }
    Ok(())
}

/// Runs the benchmark; `dyad_exe` is the dyad binary to run `ingest` with.
pub fn run(args: Args, bench_dir: &Path, dyad_exe: &Path) -> Result<(), BenchError> {
    if cfg!(debug_assertions) {
        say!("warning: a debug build; run `cargo run --release -- bench ingest-speed` for real figures");
    }
    let scratch = args
        .keep
        .clone()
        .unwrap_or_else(|| std::env::temp_dir().join(format!("dyad-ingest-speed-{}", std::process::id())));
    let all = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut corpora = Vec::new();
    let zyte = scratch.join("zyte");
    let n = write_zyte(bench_dir, &zyte)?;
    corpora.push(("Zyte HTML pages", zyte, n));
    if args.synthetic > 0 {
        let synthetic = scratch.join("synthetic");
        let started = Instant::now();
        write_synthetic(0..args.synthetic, 20_170_428, &synthetic)?;
        say!("generated {} synthetic pages in {:.1} s", args.synthetic, started.elapsed().as_secs_f64());
        corpora.push(("synthetic plain-text pages", synthetic, args.synthetic));
    }
    let more = (args.synthetic / 100).max(10);
    let mut threads = vec![1];
    if all > 1 {
        threads.push(all);
    }
    let result = (|| -> Result<(), BenchError> {
        for (name, dir, pages) in &corpora {
            let bytes = folder_bytes(dir);
            for &t in &threads {
                let run = ingest(dyad_exe, dir, &scratch.join(format!("bench-{t}.db")), t, true)?;
                report(name, *pages, bytes, t, &run)?;
            }
        }
        if args.synthetic > 0 {
            // Incremental cost: 1 % more pages into the full database, which holds their stories' earlier pages.
            let extra = scratch.join("synthetic-more");
            write_synthetic(args.synthetic..args.synthetic + more, 20_170_429, &extra)?;
            let t = threads.last().copied().unwrap_or(1);
            let run = ingest(dyad_exe, &extra, &scratch.join(format!("bench-{t}.db")), t, false)?;
            report(&format!("{more} more synthetic pages into that database"), more, folder_bytes(&extra), t, &run)?;
        }
        Ok(())
    })();
    if args.keep.is_none() {
        let _ = std::fs::remove_dir_all(&scratch);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_load_from_the_data_file() {
        assert!(COUNTRIES.len() > 150, "{} countries", COUNTRIES.len());
        assert!(COUNTRIES.iter().all(|c| !c.contains('\t')));
    }

    #[test]
    fn synthetic_ranges_may_start_inside_a_subfolder() {
        let to = std::env::temp_dir().join(format!("dyad-bench-synthetic-{}", std::process::id()));
        let written = write_synthetic(40..50, 1, &to);
        let files = std::fs::read_dir(to.join("000")).map(|d| d.count()).unwrap_or(0);
        let _ = std::fs::remove_dir_all(&to);
        assert!(written.is_ok(), "{written:?}");
        assert_eq!(files, 10);
    }

    #[test]
    fn synthetic_pages_are_distinct_and_deterministic() {
        let mut a = SplitMix(7);
        let mut b = SplitMix(7);
        let pages: Vec<String> = (0..50).map(|i| synthetic_page(i, &mut a)).collect();
        assert_eq!(pages, (0..50).map(|i| synthetic_page(i, &mut b)).collect::<Vec<_>>());
        let distinct: std::collections::BTreeSet<&String> = pages.iter().collect();
        assert_eq!(distinct.len(), 50);
        assert!(pages.iter().all(|p| p.lines().count() >= 5));
    }
}
