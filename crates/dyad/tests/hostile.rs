//! Hostile input: one ingest over a folder of everything a crawl or a file system can hand it (binary junk, UTF-16,
//! a 60 MB text file, 20,000-deep HTML, a NUL byte, broken JSON lines, a 100,000-line page, a WARC.gz, dangling
//! symlinks, symlink loops, unreadable files and folders, a FIFO, a socket, a device) next to good pages. Nothing
//! panics, nothing hangs (the run has its own timeout), every good page is stored, every bad input has a reason
//! naming it, and control characters from page text never reach the terminal.
//!
//! The tests run as root in CI, and root reads a file whatever its mode: there the unreadable file and folder are
//! read like any other, and the test checks only that they are stored or skipped with a reason.

mod common;

use common::{jsonl, run_db, workspace};
use flate2::Compression;
use flate2::write::GzEncoder;
use std::io::Write;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(240);

fn good_page(i: usize) -> String {
    format!(
        "Japan and Kenya sign a trade accord\n\nMarch {d}, 2019\n\nTokyo, March {d} -- The foreign minister of Japan \
         met his counterpart from Kenya in Tokyo on Monday, and the two governments signed an agreement on trade, \
         officials said. Marker goodpage{i}.\n",
        d = 1 + i
    )
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::fast());
    e.write_all(bytes).expect("gzip");
    e.finish().expect("gzip")
}

/// One gzip member per WARC response record, as crawlers write them.
fn warc_gz(pages: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    for (uri, body) in pages {
        let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".to_vec();
        http.extend_from_slice(body);
        let mut record = format!(
            "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2019-03-10T08:00:00Z\r\n\
             Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            http.len()
        )
        .into_bytes();
        record.extend(http);
        record.extend_from_slice(b"\r\n\r\n");
        out.extend(gz(&record));
    }
    out
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

#[test]
fn hostile_inputs_are_skipped_with_reasons_and_good_pages_stored() {
    let started = Instant::now();
    let dir = tempfile::tempdir().expect("temp dir");
    let f = dir.path().join("in");
    std::fs::create_dir(&f).expect("folder");
    let w = |name: &str, bytes: &[u8]| std::fs::write(f.join(name), bytes).expect("write");

    // Good pages, in every input format.
    for i in 0..3 {
        w(&format!("good_{i}.txt"), good_page(i).as_bytes());
    }
    w(
        "good_3.html.gz",
        &gz(format!("<html><body><article><p>{}</p></article></body></html>", good_page(3)).as_bytes()),
    );
    let json =
        |i: usize| serde_json::json!({"url": format!("https://news.example/{i}"), "text": good_page(i)}).to_string();
    w("feed.jsonl", format!("{}\n{{broken json\n{{\"url\": \"x\"}}\n{}\n", json(4), json(5)).as_bytes());
    w("feed2.jsonl.gz", &gz(format!("{}\n", json(6)).as_bytes()));
    let html7 = format!("<html><body><article><p>{}</p></article></body></html>", good_page(7));
    let html8 = format!(
        "<html><head><title>Esc&#27;]0;pwned&#7;</title></head><body><article><p>{}</p>\
         <p>A line with an escape &#27;[31m in red and a C1 &#x9b;2J.</p></article></body></html>",
        good_page(8)
    );
    w(
        "crawl.warc.gz",
        &warc_gz(&[("https://crawl.example/7", html7.as_bytes()), ("https://crawl.example/8", html8.as_bytes())]),
    );
    // A raw ESC in a plain-text page's title line.
    w("good_9.txt", good_page(9).replacen("Japan and Kenya", "Japan \u{1b}]0;owned\u{7} and Kenya", 1).as_bytes());
    let good = 10;

    // Bad or odd content.
    let mut junk = Vec::with_capacity(100_000);
    let mut x: u32 = 12345;
    for _ in 0..100_000 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        junk.push((x >> 16) as u8);
    }
    w("junk.txt", &junk);
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(good_page(10).encode_utf16().flat_map(u16::to_le_bytes));
    w("utf16.txt", &utf16);
    let big = "All work and no play makes a dull page. ".repeat(60 * 1024 * 1024 / 40 + 1);
    w("big.txt", big.as_bytes());
    drop(big);
    w("deep.html", format!("<html><body>{}<p>deep</p></body></html>", "<div>".repeat(20_000)).as_bytes());
    w("nul.txt", format!("{}\0tail", good_page(11)).as_bytes());
    let mut long = String::from("A very long report\n\nMarch 3, 2019\n\n");
    for i in 0..100_000 {
        long.push_str(&format!("The minister of Japan met officials of Kenya in meeting number {i}.\n"));
    }
    w("lines.txt", long.as_bytes());
    drop(long);
    w("empty.txt", b"");

    // Bad paths.
    symlink(f.join("nowhere.txt"), f.join("dangling.txt")).expect("symlink");
    symlink(f.join("loop_b.txt"), f.join("loop_a.txt")).expect("symlink");
    symlink(f.join("loop_a.txt"), f.join("loop_b.txt")).expect("symlink");
    std::fs::create_dir(f.join("sub")).expect("sub");
    symlink(&f, f.join("sub/up")).expect("folder loop");
    symlink("/dev/null", f.join("device.txt")).expect("device link");
    let fifo = f.join("fifo.txt");
    let made = Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success());
    assert!(made, "mkfifo failed");
    let _socket = std::os::unix::net::UnixListener::bind(f.join("socket.txt")).expect("socket");
    w("locked.txt", good_page(12).as_bytes());
    std::fs::set_permissions(f.join("locked.txt"), std::fs::Permissions::from_mode(0o000)).expect("chmod");
    std::fs::create_dir(f.join("closed")).expect("closed");
    std::fs::write(f.join("closed/inside.txt"), good_page(13)).expect("write");
    std::fs::set_permissions(f.join("closed"), std::fs::Permissions::from_mode(0o000)).expect("chmod");

    let db = dir.path().join("h.db");
    let skipped = dir.path().join("skipped.jsonl");
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["ingest", "--db"])
        .arg(&db)
        .arg("--skipped")
        .arg(&skipped)
        .arg(&f)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start ingest");
    loop {
        if child.try_wait().expect("poll").is_some() {
            break;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            panic!("ingest of hostile input did not finish within {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().expect("output");
    std::fs::set_permissions(f.join("closed"), std::fs::Permissions::from_mode(0o755)).expect("chmod back");
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    println!("{stdout}\n{stderr}\ningest took {:?}", started.elapsed());
    assert!(out.status.success(), "ingest failed: {stdout}\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");

    let skips = jsonl(&std::fs::read_to_string(&skipped).expect("skipped file"));
    let reason = |path_end: &str| -> Option<String> {
        skips
            .iter()
            .find(|s| s["path"].as_str().is_some_and(|p| p.ends_with(path_end)))
            .map(|s| s["reason"].as_str().unwrap_or_default().to_string())
    };
    for s in &skips {
        assert!(s["reason"].as_str().is_some_and(|r| !r.is_empty()), "a skip without a reason: {s}");
    }
    let expect = [
        ("junk.txt", "binary"),
        ("big.txt", "limit"),
        ("nul.txt", "NUL"),
        ("feed.jsonl:2", "bad JSON"),
        ("feed.jsonl:3", "no html or text"),
        ("empty.txt", "empty"),
        ("dangling.txt", "dangling"),
        ("loop_a.txt", "loop"),
        ("loop_b.txt", "loop"),
        ("sub/up", "already visited"),
        ("device.txt", "character device"),
        ("fifo.txt", "FIFO"),
        ("socket.txt", "socket"),
    ];
    for (path, word) in expect {
        let r = reason(path).unwrap_or_else(|| panic!("{path} was not skipped; skips: {skips:#?}"));
        assert!(r.contains(word), "{path}: reason {r:?} does not say {word:?}");
    }
    if !is_root() {
        assert!(reason("locked.txt").is_some_and(|r| r.contains("ermission")), "{skips:#?}");
        assert!(reason("closed").is_some_and(|r| r.contains("ermission")), "{skips:#?}");
    }

    // Every good page is stored and found by its marker; the odd ones are stored or skipped with a reason.
    for i in (0..good).chain([12, 13].into_iter().filter(|_| is_root())) {
        let hits = run_db(&db, &["search", &format!("goodpage{i}")]);
        assert_eq!(hits.lines().filter(|l| !l.starts_with(' ')).count(), 1, "good page {i} not stored once:\n{hits}");
    }
    let stored: Vec<String> = jsonl(&run_db(&db, &["stories", "--format", "jsonl"]))
        .iter()
        .flat_map(|s| s["files"].as_array().cloned().unwrap_or_default())
        .filter_map(|f| f.as_str().map(str::to_string))
        .collect();
    for odd in ["utf16.txt", "deep.html", "lines.txt"] {
        assert!(
            stored.iter().any(|s| s == odd) || reason(odd).is_some(),
            "{odd} neither stored nor skipped with a reason"
        );
    }
    assert!(stored.iter().any(|s| s == "https://crawl.example/7"), "WARC page not stored under its URI: {stored:?}");

    // Nothing printed for a terminal carries a control character; JSON keeps the text exact.
    for args in [
        &["search", "officials"][..],
        &["timeline", "JPN", "KEN"],
        &["events", "--format", "table"],
        &["actors", "--format", "table"],
        &["stories", "--format", "table"],
    ] {
        let text = run_db(&db, args);
        let bad = text.chars().find(|&c| c != '\n' && (c.is_control() || ('\u{80}'..='\u{9f}').contains(&c)));
        assert!(bad.is_none(), "{args:?} printed control character {bad:?}:\n{text}");
    }
    let _ = workspace();
    assert!(started.elapsed() < TIMEOUT, "took {:?}", started.elapsed());
}
