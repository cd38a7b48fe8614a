//! Helpers shared by the examples of dyad-syntax (each example uses some of them, hence `dead_code` allowed).
#![allow(dead_code)]

use dyad_syntax::{Sentence, read_conllu};

/// The sentences of a CoNLL-U file; an unreadable file ends the example with its path.
pub fn load(path: &str) -> Vec<Sentence> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    read_conllu(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// CPU seconds of this process (user + system), from `/proc/self/stat`.
pub fn cpu_seconds() -> f64 {
    let s = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let f: Vec<&str> = s.rsplit_once(')').map_or("", |(_, r)| r).split_whitespace().collect();
    let tick = |i: usize| f.get(i).and_then(|x| x.parse::<f64>().ok()).unwrap_or(f64::NAN);
    (tick(11) + tick(12)) / 100.0
}

/// Resident memory in MB, from `/proc/self/status`.
pub fn rss_mb() -> f64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}
