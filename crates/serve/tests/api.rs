//! Every API route over a loopback server on the example pages: status, shape, filters, pagination, errors, the
//! OpenAPI document, ingest over HTTP, security headers, and reads during a write.

mod common;

use std::collections::HashSet;
use std::sync::OnceLock;

use common::{Server, TOKEN, get, get_json, post_pages, start};
use serde_json::Value;

fn server() -> &'static Server {
    static SERVER: OnceLock<Server> = OnceLock::new();
    SERVER.get_or_init(|| start(true))
}

fn url(path: &str) -> String {
    format!("{}{path}", server().base)
}

fn events(path: &str) -> Vec<Value> {
    let (status, body) = get_json(&url(path));
    assert_eq!(status, 200, "{path}: {body}");
    body["events"].as_array().cloned().unwrap_or_else(|| panic!("{path}: no events array: {body}"))
}

fn side_is(p: &Value, code: &str) -> bool {
    p["code"].as_str().is_some_and(|c| c.starts_with(code)) || p["country"] == code
}

fn assert_error(path: &str, status: u16) {
    let (got, body) = get_json(&url(path));
    assert_eq!(got, status, "{path}: {body}");
    assert_eq!(body["status"], status, "{path}: {body}");
    assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()), "{path}: {body}");
}

#[test]
fn events_have_their_shape_and_filters_hold() {
    let all = events("/api/events?limit=500");
    assert!(all.len() >= 40, "{} events", all.len());
    for e in &all {
        for key in ["id", "code", "action", "root", "quad_class", "goldstein", "source", "mentions", "flags"] {
            assert!(!e[key].is_null(), "{key} missing in {e}");
        }
        assert!((1..=4).contains(&e["quad_class"].as_u64().unwrap_or(0)));
    }
    let prk = events("/api/events?actor=PRK&limit=500");
    assert!(!prk.is_empty() && prk.len() < all.len());
    assert!(prk.iter().all(|e| side_is(&e["source"], "PRK") || side_is(&e["target"], "PRK")));
    let dyad = events("/api/events?a=PRK&b=CUB&limit=500");
    assert!(!dyad.is_empty());
    assert!(dyad.iter().all(|e| (side_is(&e["source"], "PRK") && side_is(&e["target"], "CUB"))
        || (side_is(&e["source"], "CUB") && side_is(&e["target"], "PRK"))));
    let dated = events("/api/events?from=2018&to=2018-12&limit=500");
    assert!(dated.iter().all(|e| e["date"]["value"].as_str().is_some_and(|d| d.starts_with("2018"))), "{dated:?}");
    let root = events("/api/events?root=4&limit=500");
    assert!(!root.is_empty() && root.iter().all(|e| e["root"] == "04"));
    let quad = events("/api/events?quad_class=1&limit=500");
    assert!(!quad.is_empty() && quad.iter().all(|e| e["quad_class"] == 1));
    let symmetric = events("/api/events?flags=symmetric&limit=500");
    assert!(!symmetric.is_empty() && symmetric.iter().all(|e| e["flags"].to_string().contains("symmetric")));
    let text = events("/api/events?q=Havana&limit=500");
    assert!(!text.is_empty() && text.len() < all.len(), "{} of {}", text.len(), all.len());
}

#[test]
fn event_pages_walk_every_event_once() {
    let all: Vec<Value> = events("/api/events?limit=500");
    let mut walked = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..100 {
        let path = match &cursor {
            Some(c) => format!("/api/events?limit=7&cursor={c}"),
            None => "/api/events?limit=7".to_string(),
        };
        let (status, body) = get_json(&url(&path));
        assert_eq!(status, 200, "{body}");
        let page = body["events"].as_array().cloned().unwrap_or_default();
        assert!(page.len() <= 7);
        walked.extend(page.into_iter().map(|e| e["id"].clone()));
        match body["next"].as_str() {
            Some(next) => cursor = Some(next.to_string()),
            None => break,
        }
    }
    let ids: Vec<Value> = all.iter().map(|e| e["id"].clone()).collect();
    assert_eq!(walked, ids);
    assert_eq!(walked.iter().map(Value::to_string).collect::<HashSet<_>>().len(), walked.len());
    // The limit is capped.
    let (_, body) = get_json(&url("/api/events?limit=1000000"));
    assert!(body["events"].as_array().is_some_and(|e| e.len() <= 500));
}

#[test]
fn bad_event_filters_are_json_errors() {
    for path in [
        "/api/events?a=PRK",
        "/api/events?quad_class=9",
        "/api/events?quad_class=x",
        "/api/events?flags=nope",
        "/api/events?from=yesterday",
        "/api/events?cursor=garbage",
        "/api/events?limit=0",
        "/api/events?format=xml",
        "/api/dyads/PRK/CUB?period=day",
        "/api/search",
    ] {
        assert_error(path, 400);
    }
    for path in ["/api/events/nope", "/api/actors/nope", "/api/stories/nope", "/api/documents/nope", "/api/nothing"] {
        assert_error(path, 404);
    }
}

#[test]
fn events_come_as_csv() {
    let (status, kind, body) = get(&url("/api/events?a=PRK&b=CUB&format=csv"));
    assert_eq!(status, 200);
    assert!(kind.starts_with("text/csv"), "{kind}");
    let mut lines = body.lines();
    assert!(lines.next().is_some_and(|h| h.starts_with("id,date,source_code")));
    assert_eq!(lines.count(), events("/api/events?a=PRK&b=CUB&limit=500").len());
}

#[test]
fn an_event_has_its_mentions_and_evidence() {
    let all = events("/api/events?a=PRK&b=CUB&limit=500");
    let id = all[0]["id"].as_str().unwrap_or_default();
    let (status, e) = get_json(&url(&format!("/api/events/{id}")));
    assert_eq!(status, 200);
    assert_eq!(e["id"], id);
    let mentions = e["mentions"].as_array().cloned().unwrap_or_default();
    assert!(!mentions.is_empty());
    assert!(mentions.iter().all(|m| m["text"].is_string() && m["doc"].is_string()));
    // Somewhere among the dyad's events, evidence is highlighted, and the three parts give back the sentence.
    let highlighted: Vec<Value> = all
        .iter()
        .flat_map(|e| e["mentions"].as_array().cloned().unwrap_or_default())
        .filter(|m| !m["highlight"].is_null())
        .collect();
    assert!(!highlighted.is_empty());
    for m in highlighted {
        let h = &m["highlight"];
        let joined = format!(
            "{}{}{}",
            h["before"].as_str().unwrap_or(""),
            h["evidence"].as_str().unwrap_or(""),
            h["after"].as_str().unwrap_or("")
        );
        assert_eq!(joined, m["text"].as_str().unwrap_or_default());
    }
}

#[test]
fn actors_list_filter_page_and_detail() {
    let (status, body) = get_json(&url("/api/actors?limit=5"));
    assert_eq!(status, 200);
    assert_eq!(body["actors"].as_array().map(Vec::len), Some(5));
    let next = body["next"].as_str().unwrap_or_default().to_string();
    let (_, second) = get_json(&url(&format!("/api/actors?limit=5&cursor={next}")));
    assert!(second["actors"][0]["id"].as_str() > body["actors"][4]["id"].as_str());
    let (_, found) = get_json(&url("/api/actors?q=korea"));
    let found = found["actors"].as_array().cloned().unwrap_or_default();
    assert!(!found.is_empty());
    assert!(found.iter().all(|a| a.to_string().to_lowercase().contains("korea")));
    let (status, prk) = get_json(&url("/api/actors/PRK"));
    assert_eq!(status, 200);
    assert_eq!(prk["actor"]["name"], "North Korea");
    let partners = prk["partners"].as_array().cloned().unwrap_or_default();
    assert!(partners.iter().any(|p| p["key"] == "CUB"), "{partners:?}");
    assert!(partners.windows(2).all(|w| w[0]["events"].as_u64() >= w[1]["events"].as_u64()));
    assert!(prk["relations"].is_array());
}

#[test]
fn a_dyad_has_its_series_and_events() {
    let (status, d) = get_json(&url("/api/dyads/PRK/CUB"));
    assert_eq!(status, 200);
    assert_eq!(d["period"], "month");
    let series = d["series"].as_array().cloned().unwrap_or_default();
    assert!(!series.is_empty());
    let counted: u64 = series.iter().map(|p| p["events"].as_u64().unwrap_or(0)).sum();
    let dated = events("/api/events?a=PRK&b=CUB&limit=500").iter().filter(|e| !e["date"].is_null()).count();
    assert_eq!(counted, dated as u64);
    for p in &series {
        let by_class: u64 = p["quad_classes"].as_array().map_or(0, |q| q.iter().map(|n| n.as_u64().unwrap_or(0)).sum());
        assert_eq!(by_class, p["events"].as_u64().unwrap_or(0));
        assert_eq!(p["period"].as_str().map(str::len), Some(7));
    }
    let (_, weeks) = get_json(&url("/api/dyads/CUB/PRK?period=week"));
    let weekly: u64 =
        weeks["series"].as_array().map_or(0, |s| s.iter().map(|p| p["events"].as_u64().unwrap_or(0)).sum());
    assert_eq!(weekly, counted);
    assert!(weeks["series"][0]["period"].as_str().is_some_and(|p| p.len() == 10));
}

#[test]
fn stories_search_and_documents() {
    let (status, list) = get_json(&url("/api/stories?limit=3"));
    assert_eq!(status, 200);
    let id = list["stories"][0]["id"].as_str().unwrap_or_default().to_string();
    let (status, story) = get_json(&url(&format!("/api/stories/{id}")));
    assert_eq!(status, 200);
    assert_eq!(story["files"].as_array().map(Vec::len), story["docs"].as_array().map(Vec::len));
    let (status, hits) = get_json(&url("/api/search?q=Havana"));
    assert_eq!(status, 200);
    let hits = hits["hits"].as_array().cloned().unwrap_or_default();
    assert!(!hits.is_empty());
    let doc = hits[0]["doc"].as_str().unwrap_or_default();
    let (status, d) = get_json(&url(&format!("/api/documents/{doc}")));
    assert_eq!(status, 200);
    assert_eq!(d["status"], "ok");
    assert!(d["article"]["body"].as_array().is_some_and(|b| !b.is_empty()));
    assert!(d["events"].is_array());
    // FTS operators in the query are words, not syntax errors.
    assert_eq!(get_json(&url("/api/search?q=%22AND%20NEAR(")).0, 200);
}

#[test]
fn openapi_document_validates_and_covers_every_route() {
    let (status, _, text) = get(&url("/openapi.json"));
    assert_eq!(status, 200);
    let spec = oas3::from_json(&text).expect("a valid OpenAPI 3.1 document");
    let paths = spec.paths.clone().unwrap_or_default();
    for (path, method) in [
        ("/api/events", "get"),
        ("/api/events/{id}", "get"),
        ("/api/actors", "get"),
        ("/api/actors/{id}", "get"),
        ("/api/dyads/{a}/{b}", "get"),
        ("/api/stories", "get"),
        ("/api/stories/{id}", "get"),
        ("/api/search", "get"),
        ("/api/documents/{id}", "get"),
        ("/api/pages", "post"),
    ] {
        let item = paths.get(path).unwrap_or_else(|| panic!("{path} is not in the OpenAPI document"));
        let op = match method {
            "get" => item.get.as_ref(),
            _ => item.post.as_ref(),
        }
        .unwrap_or_else(|| panic!("{method} {path} missing"));
        let ok = op.responses.as_ref().and_then(|r| r.get("200")).unwrap_or_else(|| panic!("{path}: no 200"));
        let ok = serde_json::to_value(ok).unwrap_or_default();
        assert!(!ok["content"]["application/json"]["schema"].is_null(), "{path}: no response schema: {ok}");
    }
    // Every route the server has is in the document (the UI pages and assets aside).
    let raw: Value = serde_json::from_str(&text).unwrap_or_default();
    assert_eq!(raw["paths"].as_object().map(|p| p.len()), Some(10));
}

#[test]
fn ingest_needs_the_token_and_reports_each_page() {
    // A server of its own: the pages it stores must not change the events other tests walk meanwhile.
    let own = start(true);
    let page =
        r#"{"url": "https://example.org/x", "text": "Cuba and Vietnam signed a trade deal in Hanoi on Monday."}"#;
    assert_eq!(post_pages(&own.base, None, page).0, 401);
    assert_eq!(post_pages(&own.base, Some("wrong-token-0123456789"), page).0, 401);
    let batch = format!("{page}\nnot json\n{page}\n{{\"url\": \"u\"}}\n");
    let (status, report) = post_pages(&own.base, Some(TOKEN), &batch);
    assert_eq!(status, 200, "{report}");
    let statuses: Vec<&str> =
        report["pages"].as_array().map_or(vec![], |p| p.iter().filter_map(|p| p["status"].as_str()).collect());
    assert_eq!(statuses, ["stored", "invalid", "known", "invalid"], "{report}");
    let (_, again) = post_pages(&own.base, Some(TOKEN), page);
    assert_eq!(again["pages"][0]["status"], "known");
    // A read-only server has no ingest.
    let quiet = start(false);
    assert_eq!(post_pages(&quiet.base, Some(TOKEN), page).0, 404);
}

#[test]
fn every_response_carries_the_security_headers() {
    for path in ["/", "/api/events", "/dyads/PRK/CUB", "/nothing"] {
        let res = common::agent().get(&url(path)).call().expect("GET");
        let csp = res.headers().get("content-security-policy").and_then(|v| v.to_str().ok()).unwrap_or("");
        assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "{path}: {csp}");
        assert_eq!(res.headers().get("x-content-type-options").and_then(|v| v.to_str().ok()), Some("nosniff"));
    }
}

#[test]
fn reads_go_on_while_a_writer_holds_the_database() {
    let mut writer = dyad_store::Store::open(&server().db).expect("open");
    let batch = writer.batch().expect("batch");
    let doc = dyad_store::DocumentRecord::new("held.txt", b"held");
    batch.add_skipped(&doc, "test").expect("write");
    // The write transaction is open and uncommitted: readers see the last committed state at once.
    let started = std::time::Instant::now();
    assert_eq!(events("/api/events?limit=5").len(), 5);
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
    drop(batch);
}
