//! Helpers shared by the end-to-end tests: the built binary, the shared data folder, and a seed database.
#![allow(dead_code)] // each test binary uses a different subset

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The `dyad` binary cargo built for these tests.
pub fn dyad() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dyad"));
    cmd.env_remove("DYAD_LOG");
    cmd
}

/// The workspace root (crates/dyad/../..).
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `../shared` relative to the workspace root, or `None` (with a printed message) when it is absent.
pub fn shared() -> Option<PathBuf> {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")).to_path_buf();
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipping: {} not found", dir.display());
        None
    }
}

/// Runs `dyad ARGS --db DB`, asserts success, and returns stdout.
pub fn run_db(db: &Path, args: &[&str]) -> String {
    let out = dyad().args(args).arg("--db").arg(db).assert().success().get_output().stdout.clone();
    String::from_utf8(out).expect("stdout is UTF-8")
}

/// Parses JSON Lines, failing the test on a bad line.
pub fn jsonl(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

/// The `database: N documents, ...` summary line of an ingest run.
pub fn counts_line(ingest_stdout: &str) -> String {
    ingest_stdout
        .lines()
        .find(|l| l.starts_with("database:"))
        .unwrap_or_else(|| panic!("no counts line in:\n{ingest_stdout}"))
        .to_string()
}

/// The number before `word` in a summary line such as `database: 5 documents, 5 articles`.
pub fn count_of(line: &str, word: &str) -> usize {
    let words: Vec<&str> = line.split([' ', ',', ':']).filter(|w| !w.is_empty()).collect();
    words
        .windows(2)
        .find(|w| w[1] == word)
        .and_then(|w| w[0].parse().ok())
        .unwrap_or_else(|| panic!("no '{word}' count in {line}"))
}

/// Copies the five seed pages into `dir` and returns how many were copied, or `None` when ../shared is absent.
pub fn copy_seeds(dir: &Path) -> Option<usize> {
    let seeds = shared()?.join("seeds");
    if !seeds.is_dir() {
        eprintln!("skipping: {} not found", seeds.display());
        return None;
    }
    let mut n = 0;
    for entry in std::fs::read_dir(&seeds).expect("seed folder readable") {
        let path = entry.expect("seed entry").path();
        if path.is_file() {
            std::fs::copy(&path, dir.join(path.file_name().expect("file name"))).expect("copy seed");
            n += 1;
        }
    }
    Some(n)
}
