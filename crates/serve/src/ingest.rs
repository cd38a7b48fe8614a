//! `POST /api/pages`: ingest over HTTP, off unless the server was given a token.
//!
//! One request is one transaction: its new pages are extracted, coded and written with the people the registry
//! learned, then stories and consolidated events are brought up to date, by `dyad_ingest` as `dyad ingest` does
//! for a batch. Requests take turns on one writer connection; readers are never blocked (WAL).

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::Json;
use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode, header};
use dyad_ingest::Session;
use dyad_store::{DocumentRecord, Store};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{ApiError, State, api::ErrorBody};

/// Largest request body.
pub(crate) const MAX_BODY: usize = 16 << 20;
/// Most pages in one request.
const MAX_PAGES: usize = 1000;
/// Largest page.
const MAX_PAGE: usize = 4 << 20;

pub(crate) struct Ingest {
    db: PathBuf,
    token: String,
    writer: Arc<Mutex<Option<(Store, Session)>>>,
}

impl Ingest {
    pub(crate) fn new(db: PathBuf, token: String) -> Ingest {
        Ingest { db, token, writer: Arc::new(Mutex::new(None)) }
    }

    fn authorised(&self, headers: &HeaderMap) -> bool {
        let given = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .unwrap_or("");
        // Compared in time that does not depend on where the first difference is.
        given.len() == self.token.len()
            && given.bytes().zip(self.token.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
    }
}

/// One page to ingest: its URL (the name it is stored and cited under) and its HTML or plain text.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PageIn {
    /// Where the page came from; stored as the document's path.
    pub url: Option<String>,
    /// The page's HTML.
    pub html: Option<String>,
    /// The page as plain text (when there is no HTML).
    pub text: Option<String>,
}

/// What happened to one page.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PageOutcome {
    /// The page's name (its URL, or `request:N`).
    pub name: String,
    /// Its content hash (`/api/documents/{hash}`), absent for an invalid record.
    pub hash: Option<String>,
    /// `stored`, `known` (already stored), `skipped` (stored as skipped, see `reason`) or `invalid`.
    pub status: String,
    /// Why it was skipped or invalid.
    pub reason: Option<String>,
}

/// The answer to an ingest request.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct IngestReport {
    /// One outcome per page, in request order.
    pub pages: Vec<PageOutcome>,
    /// Consolidated events written by the update.
    pub events_written: usize,
}

/// Ingests one page (a JSON object) or a batch (JSON Lines, one object per line). Needs `Authorization: Bearer
/// TOKEN`; off (404) unless the server was started with `--allow-ingest`.
#[utoipa::path(post, path = "/api/pages", tag = "ingest",
    request_body(content = PageIn, description = "One page, or JSON Lines of pages", content_type = "application/json"),
    responses((status = 200, description = "What was stored or skipped, and why", body = IngestReport),
              (status = 400, description = "Not JSON, or too many pages", body = ErrorBody),
              (status = 401, description = "No or wrong token", body = ErrorBody),
              (status = 404, description = "Ingest over HTTP is off", body = ErrorBody),
              (status = 413, description = "Body too large", body = ErrorBody)),
    security(("bearer" = [])))]
pub(crate) async fn post_pages(s: State, headers: HeaderMap, body: Bytes) -> Result<Json<IngestReport>, ApiError> {
    let Some(ingest) = s.ingest.as_ref() else {
        return Err(ApiError::new(StatusCode::NOT_FOUND, "ingest over HTTP is off (start with --allow-ingest)"));
    };
    if !ingest.authorised(&headers) {
        return Err(ApiError::new(StatusCode::UNAUTHORIZED, "a valid Authorization: Bearer token is required"));
    }
    let records = parse_body(&body)?;
    let (db, writer) = (ingest.db.clone(), ingest.writer.clone());
    let report = tokio::task::spawn_blocking(move || -> Result<IngestReport, ApiError> {
        let mut slot = writer.lock().map_err(|_| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "writer lost"))?;
        if slot.is_none() {
            let store = Store::open(&db)?;
            let session = Session::open(&store, None)?;
            *slot = Some((store, session));
        }
        let Some((store, session)) = slot.as_mut() else {
            return Err(ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "no writer"));
        };
        let result = ingest_pages(store, session, records);
        if result.is_err() {
            // The coder may have learned people the database did not keep: start again from the database.
            *slot = None;
        }
        result
    })
    .await
    .map_err(|_| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "ingest failed"))??;
    Ok(Json(report))
}

/// A request's record: where it is in the request (`request:N`) and the page, or why it is not one.
type Record = (String, Result<PageIn, String>);

/// The request's records: one JSON object, or JSON Lines. A line that is not a page is an `invalid` outcome.
fn parse_body(body: &[u8]) -> Result<Vec<Record>, ApiError> {
    if let Ok(one) = serde_json::from_slice::<PageIn>(body) {
        return Ok(vec![("request:1".into(), Ok(one))]);
    }
    let lines: Vec<(usize, &[u8])> =
        body.split(|&b| b == b'\n').enumerate().filter(|(_, l)| !l.iter().all(u8::is_ascii_whitespace)).collect();
    if lines.is_empty() {
        return Err(ApiError::bad_request("no pages in the body"));
    }
    if lines.len() > MAX_PAGES {
        return Err(ApiError::bad_request(format!("more than {MAX_PAGES} pages in one request")));
    }
    Ok(lines
        .into_iter()
        .map(|(n, line)| {
            (format!("request:{}", n + 1), serde_json::from_slice::<PageIn>(line).map_err(|e| format!("bad JSON: {e}")))
        })
        .collect())
}

fn ingest_pages(store: &mut Store, session: &mut Session, records: Vec<Record>) -> Result<IngestReport, ApiError> {
    let mut outcomes = Vec::new();
    let mut work: Vec<(DocumentRecord, Result<dyad_page::Article, String>)> = Vec::new();
    for (at, record) in records {
        let page = record.and_then(|p| {
            let body = p.html.or(p.text).ok_or_else(|| "no html or text".to_string())?;
            if body.len() > MAX_PAGE {
                return Err(format!("page larger than {MAX_PAGE} bytes"));
            }
            Ok((p.url.filter(|u| !u.trim().is_empty()).unwrap_or(at.clone()), body.into_bytes()))
        });
        match page {
            Err(reason) => {
                outcomes.push(PageOutcome { name: at, hash: None, status: "invalid".into(), reason: Some(reason) })
            }
            Ok((name, bytes)) => {
                let doc = DocumentRecord::new(name.clone(), &bytes).with_raw(&bytes);
                if store.has_document(&doc.hash)? || work.iter().any(|(d, _)| d.hash == doc.hash) {
                    outcomes.push(PageOutcome { name, hash: Some(doc.hash), status: "known".into(), reason: None });
                    continue;
                }
                // No sentence limit: a page is at most MAX_PAGE bytes.
                let article = dyad_ingest::extract_page(&name, &bytes, None, 0);
                outcomes.push(PageOutcome {
                    name,
                    hash: Some(doc.hash.clone()),
                    status: if article.is_ok() { "stored" } else { "skipped" }.into(),
                    reason: article.as_ref().err().cloned(),
                });
                work.push((doc, article));
            }
        }
    }
    let (_, update) = session.ingest(store, work, 0)?;
    Ok(IngestReport { pages: outcomes, events_written: update.written })
}
