//! Several `dyad ingest` processes into one database at once, over overlapping folders: every process succeeds,
//! every page is stored exactly once, and events, stories, actors and the timeline equal those of one sequential
//! run over the same folders.

mod common;

use common::{count_of, counts_line, jsonl, run_db, workspace};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Generated pages per folder (two folders) next to the example pages. Debug builds ingest about 200 pages/s on
/// a loaded two-core machine; three processes each ingest two thirds of the pages.
const PAGES: usize = if cfg!(debug_assertions) { 120 } else { 600 };

/// The whole test must end within this; a hang (a process waiting forever on a lock) fails it.
const TIMEOUT: Duration = Duration::from_secs(400);

const COUNTRIES: [(&str, &str); 6] = [
    ("France", "Paris"),
    ("Germany", "Berlin"),
    ("Japan", "Tokyo"),
    ("Brazil", "Brasilia"),
    ("Kenya", "Nairobi"),
    ("Egypt", "Cairo"),
];

/// A small news page, distinct for every `i`; pages `i` and `i + 7` report the same meeting (so consolidation
/// and stories have work across folders).
fn page(i: usize) -> String {
    let k = i % 7;
    let (a, capital) = COUNTRIES[k % COUNTRIES.len()];
    let (b, _) = COUNTRIES[(k + 1 + k / COUNTRIES.len()) % COUNTRIES.len()];
    let day = 1 + k * 3;
    format!(
        "{a} and {b} sign a trade accord\n\nMarch {day}, 2019\n\n{capital}, March {day} -- The foreign minister of {a} \
         met his counterpart from {b} in {capital} on Monday, and the two governments signed an agreement on \
         trade, officials said.\nThe minister said {a} would send a delegation to {b} next month. Report \
         number {i} by desk {}.\n",
        i * 7919 % 1000
    )
}

fn spawn(db: &Path, folders: &[&Path]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["ingest", "--batch", "16", "--threads", "1", "--db"])
        .arg(db)
        .args(folders)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start ingest")
}

/// Waits for every child within the deadline, killing all of them on a timeout; returns each one's stdout.
fn wait_all(mut children: Vec<Child>, started: Instant) -> Vec<String> {
    let mut outputs = vec![None; children.len()];
    while outputs.iter().any(Option::is_none) {
        for (i, child) in children.iter_mut().enumerate() {
            if outputs[i].is_none() && child.try_wait().expect("poll").is_some() {
                outputs[i] = Some(());
            }
        }
        if started.elapsed() > TIMEOUT {
            for child in &mut children {
                let _ = child.kill();
            }
            panic!("concurrent ingests did not finish within {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    children
        .into_iter()
        .map(|child| {
            let out = child.wait_with_output().expect("collect output");
            let (stdout, stderr) =
                (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr));
            assert!(out.status.success(), "an ingest failed: {}\nstdout:\n{stdout}\nstderr:\n{stderr}", out.status);
            stdout
        })
        .collect()
}

/// Lines of a query's output in a form that does not depend on the order pages were committed in, sorted.
///
/// The processes commit pages in an interleaved order, and ids follow that order: a story's id is its first
/// page's, an event's id its first report's. So events are compared without their id and story id, with their
/// mentions sorted, stories by their member pages, and actors with their aliases sorted; what is compared is which reports make one event, what it
/// is, and which pages make one story.
fn query(db: &Path, args: &[&str]) -> Vec<String> {
    let text = run_db(db, args);
    let mut lines: Vec<String> = match args[0] {
        "events" => jsonl(&text)
            .into_iter()
            .map(|mut e| {
                let o = e.as_object_mut().expect("event object");
                o.remove("id");
                o.remove("story");
                if let Some(serde_json::Value::Array(m)) = o.get_mut("mentions") {
                    m.sort_by_key(|x| x.to_string());
                }
                e.to_string()
            })
            .collect(),
        "stories" => jsonl(&text)
            .into_iter()
            .map(|s| {
                let mut files: Vec<String> = s["files"]
                    .as_array()
                    .expect("story files")
                    .iter()
                    .map(|f| f.as_str().unwrap_or_default().to_string())
                    .collect();
                files.sort();
                files.join(" ")
            })
            .collect(),
        // Aliases are kept in the order first seen, which is commit order.
        "actors" => jsonl(&text)
            .into_iter()
            .map(|mut a| {
                if let Some(serde_json::Value::Array(aliases)) = a.get_mut("aliases") {
                    aliases.sort_by_key(|x| x.to_string());
                }
                a.to_string()
            })
            .collect(),
        _ => text.lines().map(str::to_string).collect(),
    };
    lines.sort();
    lines
}

#[test]
fn three_processes_store_each_page_once_and_equal_a_sequential_run() {
    let started = Instant::now();
    let dir = tempfile::tempdir().expect("temp dir");
    let (a, b, c) = (dir.path().join("a"), dir.path().join("b"), dir.path().join("c"));
    for d in [&a, &b, &c] {
        std::fs::create_dir(d).expect("folder");
    }
    let examples = workspace().join("examples/pages");
    for entry in std::fs::read_dir(&examples).expect("examples/pages") {
        let path = entry.expect("entry").path();
        if path.is_file() {
            std::fs::copy(&path, a.join(path.file_name().expect("name"))).expect("copy example");
        }
    }
    for i in 0..PAGES {
        std::fs::write(b.join(format!("b_{i:04}.txt")), page(i)).expect("write page");
        std::fs::write(c.join(format!("c_{i:04}.txt")), page(i + PAGES)).expect("write page");
    }
    // Two pages with the same bytes under two names in different folders: stored once.
    std::fs::write(c.join("copy_of_b_0000.txt"), page(0)).expect("write copy");

    let shared = dir.path().join("shared.db");
    let children = vec![spawn(&shared, &[&a, &b]), spawn(&shared, &[&b, &c]), spawn(&shared, &[&c, &a])];
    let outputs = wait_all(children, started);
    println!("three processes took {:?}", started.elapsed());
    // The last update leaves nothing pending; run one more (empty) ingest to be sure the database is settled.
    let settle = run_db(&shared, &["ingest", a.to_str().expect("utf-8")]);
    assert!(settle.contains("update: 0 pending pages"), "pages left pending after the concurrent runs:\n{settle}");

    let sequential = dir.path().join("sequential.db");
    let once = run_db(
        &sequential,
        &["ingest", a.to_str().expect("utf-8"), b.to_str().expect("utf-8"), c.to_str().expect("utf-8")],
    );
    let total = count_of(&counts_line(&once), "documents");
    let articles = count_of(&counts_line(&once), "articles");
    assert!(articles > 2 * PAGES, "sequential run stored only {articles} articles:\n{once}");

    // Every page once: the new pages of the three processes add up to the sequential run's articles (a skipped
    // page, here the French one, may be counted as skipped by each process that read it, and is stored once).
    let added: usize = outputs
        .iter()
        .map(|out| {
            let summary = out.lines().find(|l| l.starts_with("pages ")).unwrap_or_else(|| panic!("no summary:\n{out}"));
            count_of(summary, "new")
        })
        .sum();
    assert_eq!(added, articles, "pages stored by the three processes\n{outputs:#?}");
    assert_eq!(count_of(&counts_line(&settle), "documents"), total);
    assert_eq!(count_of(&counts_line(&settle), "articles"), articles);

    for args in [
        &["events", "--format", "jsonl"][..],
        &["stories", "--format", "jsonl"],
        &["actors", "--format", "jsonl"],
        &["timeline", "PRK", "CUB"],
        &["timeline", "FRA", "DEU"],
    ] {
        let (concurrent, alone) = (query(&shared, args), query(&sequential, args));
        assert!(!alone.is_empty(), "{args:?} printed nothing");
        if concurrent != alone {
            let only_c: Vec<&String> = concurrent.iter().filter(|l| !alone.contains(l)).take(3).collect();
            let only_s: Vec<&String> = alone.iter().filter(|l| !concurrent.contains(l)).take(3).collect();
            panic!(
                "{args:?} differs from the sequential run\nconcurrent only: {only_c:#?}\nsequential only: {only_s:#?}"
            );
        }
    }
    assert!(started.elapsed() < TIMEOUT, "took {:?}", started.elapsed());
}
