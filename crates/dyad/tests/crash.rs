//! Crash safety: an ingest killed with SIGKILL mid-way loses only its uncommitted batch, and a second run stores
//! every page exactly once.

mod common;

use common::{count_of, counts_line, run_db};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Pages in the synthetic folder. Debug builds ingest about 200 pages/s on a loaded two-core machine, so the
/// debug run is smaller to keep the test within a few seconds.
const PAGES: usize = if cfg!(debug_assertions) { 1200 } else { 3000 };

const COUNTRIES: [(&str, &str); 8] = [
    ("France", "Paris"),
    ("Germany", "Berlin"),
    ("Japan", "Tokyo"),
    ("Brazil", "Brasilia"),
    ("Kenya", "Nairobi"),
    ("India", "New Delhi"),
    ("Canada", "Ottawa"),
    ("Egypt", "Cairo"),
];
/// The English name of the month `index` (0 = January).
fn month_name(index: usize) -> &'static str {
    chrono::Month::try_from((index % 12 + 1) as u8).map_or("January", |m| m.name())
}

/// A small plain-text news page, distinct for every `i` (it carries a unique marker word).
fn page(i: usize) -> String {
    let (a, capital) = COUNTRIES[i % COUNTRIES.len()];
    let (b, _) = COUNTRIES[(i / COUNTRIES.len() + 1 + i) % COUNTRIES.len()];
    let b = if a == b { COUNTRIES[(i + 1) % COUNTRIES.len()].0 } else { b };
    let (month, day, year) = (month_name(i % 12), 1 + i % 28, 2000 + i % 25);
    format!(
        "{a} and {b} hold talks on trade\n\n{month} {day}, {year}\n\n{capital}, {month} {day} -- The foreign minister of \
         {a} met his counterpart from {b} in {capital} on Monday, and the two governments signed an agreement on \
         trade, officials said.\nThe minister said {a} would send a delegation to {b} next month. Marker \
         crashmark{i:06}.\n"
    )
}

/// Documents committed so far, counted through full-text search for the word every page carries.
fn committed(db: &Path) -> usize {
    let out = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["search", "counterpart", "--limit", "1000000", "--db"])
        .arg(db)
        .stderr(Stdio::null())
        .output();
    out.map_or(0, |o| String::from_utf8_lossy(&o.stdout).lines().filter(|l| l.starts_with("page_")).count())
}

#[test]
fn a_killed_ingest_resumes_and_stores_every_page_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pages = dir.path().join("pages");
    std::fs::create_dir(&pages).expect("pages dir");
    for i in 0..PAGES {
        std::fs::write(pages.join(format!("page_{i:05}.txt")), page(i)).expect("write page");
    }
    let db = dir.path().join("crash.db");

    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["ingest", "--batch", "50", "--db"])
        .arg(&db)
        .arg(&pages)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start ingest");
    let started = Instant::now();
    let mut at_kill = 0;
    let mut finished = false;
    // Kill once some batches are committed but well before the last.
    while started.elapsed() < Duration::from_secs(60) {
        if child.try_wait().expect("poll child").is_some() {
            finished = true;
            break;
        }
        if db.is_file() {
            at_kill = committed(&db);
            if at_kill >= 100 {
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    // SIGKILL; a child that already exited is left as it is.
    child.kill().expect("SIGKILL the ingest");
    child.wait().expect("reap the ingest");
    let after_kill = if db.is_file() { committed(&db) } else { 0 };
    println!(
        "killed after {:?}: {at_kill} pages committed when polled, {after_kill} after the kill",
        started.elapsed()
    );
    if finished || after_kill >= PAGES {
        println!("note: the ingest finished before it could be killed; only the resumption is tested");
    } else {
        assert!(after_kill > 0, "no batch was committed before the kill");
        assert_eq!(after_kill % 50, 0, "a partial batch survived the kill: {after_kill} pages");
    }

    let out = run_db(&db, &["ingest", "--batch", "50", pages.to_str().expect("utf-8 path")]);
    let summary = out.lines().find(|l| l.starts_with("pages ")).unwrap_or_else(|| panic!("no summary:\n{out}"));
    assert_eq!(count_of(summary, "new") + count_of(summary, "already"), PAGES, "{summary}");
    assert_eq!(count_of(summary, "already"), after_kill, "pages kept from the killed run: {summary}");
    assert!(summary.ends_with(" 0 skipped"), "{summary}");
    let counts = counts_line(&out);
    assert_eq!(count_of(&counts, "documents"), PAGES, "{counts}");
    assert_eq!(count_of(&counts, "articles"), PAGES, "{counts}");
    assert_eq!(committed(&db), PAGES, "every page is searchable once");

    // Each page's unique marker finds exactly its own page.
    for i in [0, PAGES / 2, PAGES - 1] {
        let hits = run_db(&db, &["search", &format!("crashmark{i:06}")]);
        let files: Vec<&str> = hits.lines().filter(|l| l.starts_with("page_")).collect();
        assert_eq!(files.len(), 1, "marker {i}: {hits}");
        assert!(files[0].starts_with(&format!("page_{i:05}.txt")), "marker {i}: {hits}");
    }

    // The pages committed by the killed run were never grouped or consolidated by it; the resumed run must have
    // done so: its stories and events are those of one uninterrupted run.
    let clean = dir.path().join("clean.db");
    run_db(&clean, &["ingest", "--batch", "50", pages.to_str().expect("utf-8 path")]);
    for query in [&["events", "--format", "jsonl"][..], &["stories"]] {
        let (resumed, uninterrupted) = (run_db(&db, query), run_db(&clean, query));
        assert!(!uninterrupted.trim().is_empty(), "{query:?} printed nothing");
        assert!(resumed == uninterrupted, "{query:?} differs after a resumed ingest");
    }
}
