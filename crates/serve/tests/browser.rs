//! The web UI in headless Chromium (Debian's `chromium` and `chromium-driver`, installed by `.ci/install-browser`),
//! driven over WebDriver: every page loads without script errors or CSP violations, the timeline and network
//! are drawn, screenshots go to `target/screenshots/`, and hostile page text (`<script>`, `"><img onerror>`,
//! `javascript:` URLs) is shown as text and never runs. Skips with a message when Chromium is not installed.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{TOKEN, agent, post_pages, start};
use serde_json::{Value, json};

fn find(env: &str, names: &[&str]) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(env).map(PathBuf::from).filter(|p| p.is_file()) {
        return Some(p);
    }
    let path = std::env::var_os("PATH")?;
    names.iter().flat_map(|n| std::env::split_paths(&path).map(move |d| d.join(n))).find(|p| p.is_file())
}

/// chromedriver, killed when dropped.
struct Driver {
    child: Child,
    base: String,
    session: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = agent().delete(&format!("{}/session/{}", self.base, self.session)).call();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

fn call(method: &str, url: &str, body: Option<Value>) -> Value {
    let a = agent();
    let mut res = match (method, body) {
        ("GET", _) => a.get(url).call(),
        (_, Some(b)) => a.post(url).send_json(&b),
        _ => a.post(url).send_json(json!({})),
    }
    .unwrap_or_else(|e| panic!("{method} {url}: {e}"));
    let v: Value = res.body_mut().read_json().unwrap_or_else(|e| panic!("{method} {url}: {e}"));
    assert!(v["value"]["error"].is_null(), "{method} {url}: {v}");
    v["value"].clone()
}

impl Driver {
    fn start(chromium: &Path, chromedriver: &Path, profile: &Path) -> Driver {
        let port = free_port();
        let child = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let base = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        while agent().get(&format!("{base}/status")).call().is_err() {
            assert!(started.elapsed() < Duration::from_secs(20), "chromedriver did not answer");
            std::thread::sleep(Duration::from_millis(100));
        }
        let mut driver = Driver { child, base, session: String::new() };
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1200,900",
        ];
        let mut args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.display()));
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": chromium.display().to_string(), "args": args},
            "goog:loggingPrefs": {"browser": "ALL"}
        }}});
        let session = call("POST", &format!("{}/session", driver.base), Some(caps));
        driver.session = session["sessionId"].as_str().expect("a session id").to_string();
        driver
    }

    fn url(&self, rest: &str) -> String {
        format!("{}/session/{}/{rest}", self.base, self.session)
    }

    fn go(&self, url: &str) {
        call("POST", &self.url("url"), Some(json!({"url": url})));
    }

    fn js(&self, script: &str) -> Value {
        call("POST", &self.url("execute/sync"), Some(json!({"script": script, "args": []})))
    }

    /// The browser console's messages of level SEVERE since the last call (chromedriver's log endpoint).
    fn severe_logs(&self) -> Vec<String> {
        let mut res = match agent().post(&self.url("se/log")).send_json(json!({"type": "browser"})) {
            Ok(r) => r,
            Err(_) => return Vec::new(),
        };
        let v: Value = res.body_mut().read_json().unwrap_or_default();
        v["value"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter(|e| e["level"] == "SEVERE")
                    .map(|e| e["message"].as_str().unwrap_or("").to_string())
                    .collect()
            })
            .unwrap_or_default()
    }

    fn screenshot(&self, to: &Path) {
        let b64 = call("GET", &self.url("screenshot"), None);
        let png = base64_decode(b64.as_str().unwrap_or_default());
        assert!(png.starts_with(b"\x89PNG"), "not a PNG");
        std::fs::write(to, png).expect("write the screenshot");
    }
}

fn base64_decode(s: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for v in s.bytes().filter_map(value) {
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

const XSS_TITLE: &str = "<script>window.__xss='title'</script> Cuba praises North Korea";
const XSS_BODY: &str = "HAVANA, April 26, 2017 — Cuba's foreign minister praised North Korea on Wednesday. \
    \"><img src=x onerror=\"window.__xss='img'\"> The minister met the North Korean ambassador in Havana. \
    <svg onload=\"window.__xss='svg'\"></svg> Read more at javascript:window.__xss='link' today.";
const XSS_URL: &str = "javascript:window.__xss='url'//";

#[test]
fn every_page_renders_cleanly_and_hostile_text_never_runs() {
    let (Some(chromium), Some(chromedriver)) =
        (find("CHROMIUM", &["chromium", "chromium-browser"]), find("CHROMEDRIVER", &["chromedriver"]))
    else {
        eprintln!(
            "SKIPPED: chromium and chromedriver not found (run .ci/install-browser, or set CHROMIUM/CHROMEDRIVER)"
        );
        return;
    };
    let server = start(true);
    // The hostile page, as plain text and as HTML (entities decode to the same payloads).
    let text_page = json!({"url": XSS_URL, "text": format!("{XSS_TITLE}\n\n{XSS_BODY}\n")});
    let html_page = json!({"url": "https://example.org/x\"><script>window.__xss='href'</script>",
        "html": format!("<html><head><title>{}</title></head><body><h1>{}</h1><p>{}</p></body></html>",
            html_escape(XSS_TITLE), html_escape(XSS_TITLE), html_escape(XSS_BODY))});
    let (status, report) = post_pages(&server.base, Some(TOKEN), &format!("{text_page}\n{html_page}\n"));
    assert_eq!(status, 200, "{report}");
    let hostile: Vec<String> =
        report["pages"].as_array().into_iter().flatten().filter_map(|p| p["hash"].as_str().map(String::from)).collect();
    assert_eq!(hostile.len(), 2, "{report}");

    let profile = tempfile::tempdir().expect("profile dir");
    let driver = Driver::start(&chromium, &chromedriver, profile.path());
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
    std::fs::create_dir_all(&shots).expect("screenshot dir");

    let base = &server.base;
    let (_, first) = common::get_json(&format!("{base}/api/events?a=PRK&b=CUB"));
    let event = first["events"][0]["id"].as_str().expect("an event").to_string();
    let doc = first["events"][0]["mentions"][0]["doc"].as_str().expect("a document").to_string();
    let (_, stories) = common::get_json(&format!("{base}/api/stories?limit=1"));
    let story = stories["stories"][0]["id"].as_str().expect("a story").to_string();
    let mut pages = vec![
        ("home", "/".to_string()),
        ("search", "/search?q=Havana".to_string()),
        ("dyad-PRK-CUB", "/dyads/PRK/CUB".to_string()),
        ("dyad-PRK-CUB-weeks", "/dyads/PRK/CUB?period=week".to_string()),
        ("actor-PRK", "/actors/PRK".to_string()),
        ("event", format!("/events/{event}")),
        ("document", format!("/documents/{doc}")),
        ("story", format!("/stories/{story}")),
        ("xss-search", "/search?q=praises".to_string()),
        ("xss-search-query", "/search?q=%3Cscript%3Ewindow.__xss%3D1%3C%2Fscript%3E".to_string()),
    ];
    for (n, hash) in hostile.iter().enumerate() {
        pages.push((if n == 0 { "xss-document-text" } else { "xss-document-html" }, format!("/documents/{hash}")));
    }
    let (_, xss_events) = common::get_json(&format!("{base}/api/events?q=praises"));
    for e in xss_events["events"].as_array().into_iter().flatten().take(2) {
        pages.push(("xss-event", format!("/events/{}", e["id"].as_str().unwrap_or_default())));
    }

    for (name, path) in &pages {
        driver.go(&format!("{base}{path}"));
        let state = driver.js(
            "return {errors: window.dyadErrors || null, xss: window.__xss === undefined ? null : String(window.__xss), \
             title: document.title, timeline: document.querySelectorAll('svg#timeline a.bar rect').length, \
             goldstein: document.querySelectorAll('svg#timeline polyline.goldstein').length, \
             network: document.querySelectorAll('svg#network line.edge').length, \
             scriptLinks: Array.from(document.querySelectorAll('a[href]')).filter(a => !/^https?:$/.test(new URL(a.href, location.href).protocol)).length, \
             scripts: document.scripts.length, text: document.body.innerText};",
        );
        assert!(state["errors"].is_array(), "{name}: app.js did not run: {state}");
        assert_eq!(state["errors"], json!([]), "{name}: script errors or CSP violations");
        assert!(state["xss"].is_null(), "{name}: an injected script ran: {}", state["xss"]);
        assert_eq!(state["scriptLinks"], 0, "{name}: a link that is not http(s)");
        assert_eq!(state["scripts"], 1, "{name}: a script element besides app.js");
        assert!(!state["title"].as_str().unwrap_or("").contains("Error"), "{name}: {}", state["title"]);
        let logs = driver.severe_logs();
        assert!(logs.is_empty(), "{name}: console errors {logs:?}");
        if name.starts_with("dyad") {
            assert!(state["timeline"].as_u64() > Some(0), "{name}: no timeline bars");
            assert_eq!(state["goldstein"], 1, "{name}: no Goldstein line");
        }
        if name.starts_with("actor") {
            assert!(state["network"].as_u64() > Some(1), "{name}: no network edges");
        }
        // The payloads that survive extraction are on the page, as text (the plain-text page's tags are dropped
        // by extraction; the HTML page's entities decode to literal tags).
        let text = state["text"].as_str().unwrap_or("");
        if *name == "xss-document-html" || *name == "xss-search-query" {
            assert!(text.contains("<script>window.__xss="), "{name}: {state}");
        }
        if *name == "xss-document-text" {
            assert!(text.contains(XSS_URL) && text.contains("javascript:window.__xss='link'"), "{name}: {state}");
        }
        driver.screenshot(&shots.join(format!("{name}.png")));
    }
    // The filter box hides events that do not match, with the page's own script.
    driver.go(&format!("{base}/dyads/PRK/CUB"));
    let hidden = driver.js("const box = document.querySelector('input.filter'); box.value = 'zzzz-no-match'; \
         box.dispatchEvent(new Event('input')); \
         return Array.from(document.querySelectorAll('ol.events > li')).every(li => li.hidden);");
    assert_eq!(hidden, json!(true));
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
