//! Shared by the API and browser tests: a server on a loopback port over a database ingested (over HTTP) from
//! `examples/pages`, and a small HTTP client.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

pub const TOKEN: &str = "test-token-0123456789";

/// A running server and the folder its database is in.
pub struct Server {
    pub base: String,
    pub db: PathBuf,
    _dir: tempfile::TempDir,
}

/// An HTTP client that returns 4xx/5xx answers instead of failing on them.
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder().http_status_as_error(false).build().into()
}

/// GET `url`: status, content type and body.
pub fn get(url: &str) -> (u16, String, String) {
    let mut res = agent().get(url).call().unwrap_or_else(|e| panic!("GET {url}: {e}"));
    let kind = res.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    let body = res.body_mut().read_to_string().unwrap_or_else(|e| panic!("GET {url}: {e}"));
    (res.status().as_u16(), kind, body)
}

/// GET `url` as JSON: status and value.
pub fn get_json(url: &str) -> (u16, Value) {
    let (status, kind, body) = get(url);
    assert!(kind.starts_with("application/json"), "{url}: content type {kind}");
    (status, serde_json::from_str(&body).unwrap_or_else(|e| panic!("{url}: {e}: {body}")))
}

/// POST `body` to `/api/pages` with `token`: status and JSON answer.
pub fn post_pages(base: &str, token: Option<&str>, body: &str) -> (u16, Value) {
    let mut req = agent().post(&format!("{base}/api/pages")).header("content-type", "application/json");
    if let Some(t) = token {
        req = req.header("authorization", &format!("Bearer {t}"));
    }
    let mut res = req.send(body).unwrap_or_else(|e| panic!("POST: {e}"));
    let text = res.body_mut().read_to_string().unwrap_or_default();
    (res.status().as_u16(), serde_json::from_str(&text).unwrap_or_else(|e| panic!("POST: {e}: {text}")))
}

pub fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/pages")
}

/// The example pages as JSON Lines of {url, html or text}, in file order (as `dyad ingest examples/pages` reads
/// them).
pub fn example_lines() -> String {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(examples()).expect("examples/pages").map(|e| e.expect("entry").path()).collect();
    files.sort();
    let mut out = String::new();
    for f in files {
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        let text = String::from_utf8_lossy(&std::fs::read(&f).expect("page")).into_owned();
        let key = if name.ends_with(".html") || name.ends_with(".htm") { "html" } else { "text" };
        out += &json!({ "url": name, key: text }).to_string();
        out.push('\n');
    }
    out
}

/// Starts a server on 127.0.0.1 (a free port) over a new database; with `ingest`, ingest is on with [`TOKEN`]
/// and the example pages are ingested through it.
pub fn start(ingest: bool) -> Server {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("dyad.db");
    drop(dyad_store::Store::open(&db).expect("create the database"));
    let mut config = dyad_serve::Config::new(&db);
    if ingest {
        config.ingest_token = Some(TOKEN.to_string());
    }
    let app = dyad_serve::app(config).expect("app");
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
            send.send(listener.local_addr().expect("addr")).expect("send");
            axum::serve(listener, app).await.expect("serve");
        });
    });
    let addr = receive.recv().expect("address");
    let server = Server { base: format!("http://{addr}"), db, _dir: dir };
    if ingest {
        let (status, report) = post_pages(&server.base, Some(TOKEN), &example_lines());
        assert_eq!(status, 200, "{report}");
        let stored = report["pages"].as_array().map_or(0, |p| p.iter().filter(|p| p["status"] == "stored").count());
        assert!(stored >= 15, "{report}");
    }
    server
}
