//! `dyad bench news` on the hand-annotated real-news gold (crates/eval/tests/data/news30). Skips with a message when
//! ../shared is absent.

mod common;

use common::{dyad, shared, workspace};

/// The two numbers of `label N/M` in a report line.
fn fraction(line: &str, label: &str) -> (usize, usize) {
    let at = line.find(label).unwrap_or_else(|| panic!("no {label} in {line}")) + label.len();
    let word = line[at..].split_whitespace().next().expect("a figure");
    let (a, b) = word.split_once('/').expect("N/M");
    (a.parse().expect("N"), b.parse().expect("M"))
}

#[test]
fn bench_news_scores_the_annotated_pages() {
    // `DYAD_SHARED` points at the shared folder when the checkout is not beside it (a git worktree elsewhere).
    let Some(shared) = std::env::var_os("DYAD_SHARED").map(std::path::PathBuf::from).or_else(shared) else { return };
    let out = dyad()
        .current_dir(workspace())
        .args(["bench", "news", "--details", "--bench-dir"])
        .arg(shared.join("bench"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).expect("UTF-8");
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("news30.jsonl: 30 pages"), "{out}");
    assert!(!out.contains("not read"), "a gold page could not be read:\n{out}");
    let (right, coded) = fraction(lines[1], "precision ");
    let (found, required) = fraction(lines[1], "recall ");
    let (right_dated, _) = fraction(lines[2], "precision ");
    let (found_dated, _) = fraction(lines[2], "recall ");
    assert!(required >= 100 && coded > 0, "{out}");
    assert!(right_dated <= right && found_dated <= found, "{out}");
    // Floors well below today's figures (precision 0.64, recall 0.13 on 2026-12-06): they catch a scorer or coder
    // that stopped matching, not a small regression.
    assert!(right * 2 >= coded, "precision below 0.5:\n{out}");
    assert!(found * 10 >= required, "recall below 0.1:\n{out}");
    assert!(lines[3].contains("reversed") && lines[3].contains("parties unresolved"), "{out}");
    assert!(out.lines().any(|l| l.starts_with("  miss ")), "{out}");
    // The held-out files are scored, in five lines each, and never listed event by event: heldout15, then
    // heldout25 last.
    let held = |head: &str| lines.iter().position(|l| l.starts_with(head)).expect("held-out figures");
    let (held15, held25) = (held("heldout15.jsonl: 15 pages"), held("heldout25.jsonl: 30 pages"));
    assert_eq!(held25, held15 + 5, "heldout15 events listed:\n{out}");
    assert_eq!(lines.len(), held25 + 5, "heldout25 events listed:\n{out}");
}
