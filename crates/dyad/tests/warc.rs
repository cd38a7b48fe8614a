//! A WARC.gz file of the example pages ingests to the same articles and events as the same pages given as files,
//! each page named by its record's target URI; and the same pages through stdin (`-`) as JSON Lines do too.

mod common;

use common::{dyad, jsonl, run_db, workspace};
use flate2::Compression;
use flate2::write::GzEncoder;
use std::io::Write;

const PREFIX: &str = "https://news.example/";

/// Events as JSON Lines, with page names reduced to the file name and story ids (which follow page names) dropped.
fn events(db: &std::path::Path) -> Vec<String> {
    let mut out: Vec<String> = jsonl(&run_db(db, &["events", "--format", "jsonl"]))
        .into_iter()
        .map(|mut e| {
            e.as_object_mut().expect("object").remove("story");
            e.to_string().replace(PREFIX, "")
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_warc_gz_and_json_lines_on_stdin_ingest_like_the_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pages = workspace().join("examples/pages");
    let mut files: Vec<_> = std::fs::read_dir(&pages).expect("examples").map(|e| e.expect("entry").path()).collect();
    files.sort();
    // The fetch time bounds year-less dates as "now" does for files: give this year.
    let date = format!("{}-06-01T12:00:00Z", chrono::Utc::now().format("%Y"));
    let mut warc = Vec::new();
    let mut lines = String::new();
    for path in &files {
        let name = path.file_name().expect("name").to_string_lossy().into_owned();
        let body = std::fs::read(path).expect("page");
        let kind = if name.ends_with(".html") { "text/html" } else { "text/plain" };
        let mut http = format!("HTTP/1.1 200 OK\r\nContent-Type: {kind}; charset=utf-8\r\n\r\n").into_bytes();
        http.extend_from_slice(&body);
        let mut record = format!(
            "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: {PREFIX}{name}\r\nWARC-Date: {date}\r\n\
             Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            http.len()
        )
        .into_bytes();
        record.extend(http);
        record.extend_from_slice(b"\r\n\r\n");
        let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
        gz.write_all(&record).expect("gzip");
        warc.extend(gz.finish().expect("gzip"));
        let text = String::from_utf8(body).expect("UTF-8 example");
        let field = if kind == "text/html" { "html" } else { "text" };
        lines.push_str(
            &serde_json::json!({"url": format!("{PREFIX}{name}"), field: text, "fetched_at": date}).to_string(),
        );
        lines.push('\n');
    }
    let warc_path = dir.path().join("crawl.warc.gz");
    std::fs::write(&warc_path, &warc).expect("write warc");

    let from_files = dir.path().join("files.db");
    let from_warc = dir.path().join("warc.db");
    let from_stdin = dir.path().join("stdin.db");
    let a = run_db(&from_files, &["ingest", pages.to_str().expect("utf-8")]);
    let b = run_db(&from_warc, &["ingest", warc_path.to_str().expect("utf-8")]);
    dyad().args(["ingest", "-", "--db"]).arg(&from_stdin).write_stdin(lines).assert().success();
    let counts = |out: &str| out.lines().find(|l| l.starts_with("database:")).unwrap_or_default().to_string();
    assert_eq!(counts(&a), counts(&b), "files:\n{a}\nWARC:\n{b}");
    let expected = events(&from_files);
    assert!(!expected.is_empty(), "no events from the examples");
    assert_eq!(events(&from_warc), expected, "the WARC.gz gives other events than the files");
    assert_eq!(events(&from_stdin), expected, "JSON Lines on stdin give other events than the files");
    // Pages are named by their URI.
    let stories = run_db(&from_warc, &["stories", "--format", "jsonl"]);
    assert!(stories.contains(&format!("{PREFIX}000_30a50088d749d874.txt")), "{stories}");
}
