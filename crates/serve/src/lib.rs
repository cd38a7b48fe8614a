//! `dyad serve`: an HTTP JSON API (described by an OpenAPI document at `/openapi.json`) and a server-rendered web
//! UI over a dyad database, plus an optional, token-guarded ingest endpoint.
//!
//! Key design decision: **everything the browser sees is rendered on the server, and the server never trusts page
//! text.** Pages are built with maud, which escapes every interpolated text and attribute; charts are SVG drawn
//! here (no chart library, no client-side rendering); URLs taken from pages become links only when they are
//! `http`/`https`; and every response carries a Content-Security-Policy that allows scripts only from the one
//! embedded file `/assets/app.js`, so that even a missed escape cannot run an injected script. Reads go through a
//! small pool of read-only SQLite connections on blocking threads: in WAL mode they see the last committed state
//! and never block a running `dyad ingest`, and a query that runs too long is interrupted.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let app = dyad_serve::app(dyad_serve::Config::new("dyad.db"))?;
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! dyad_serve::serve(listener, app).await?;
//! # Ok(()) }
//! ```
#![deny(missing_docs)]

mod api;
mod html;
mod ingest;
mod pool;
mod svg;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

pub use api::ApiDoc;

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// The database file (written by `dyad ingest`).
    pub db: PathBuf,
    /// The bearer token `POST /api/pages` requires; `None` turns ingest over HTTP off (the default).
    pub ingest_token: Option<String>,
    /// Most read-only connections open at once (and so most queries running at once).
    pub readers: usize,
    /// A query running longer than this is interrupted and answered with 503.
    pub query_timeout: Duration,
}

impl Config {
    /// Read-only over `db`, 8 readers, a 5 s query limit.
    pub fn new(db: impl Into<PathBuf>) -> Config {
        Config { db: db.into(), ingest_token: None, readers: 8, query_timeout: Duration::from_secs(5) }
    }
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The database could not be opened for reading.
    #[error("cannot open {path}: {source}")]
    Open {
        /// The database path.
        path: String,
        /// The store's error.
        source: dyad_store::StoreError,
    },
    /// Ingest over HTTP was asked for with an empty token.
    #[error("--allow-ingest needs a non-empty --token")]
    EmptyToken,
    /// Binding or serving failed.
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
}

/// What every handler shares.
pub(crate) struct AppState {
    pub(crate) db: pool::Pool,
    pub(crate) ingest: Option<ingest::Ingest>,
}

pub(crate) type State = axum::extract::State<Arc<AppState>>;

/// The application: API, UI and assets, with security headers on every response. Fails when the database does
/// not open read-only (missing, or of another schema version).
pub fn app(config: Config) -> Result<Router, ServeError> {
    let db = pool::Pool::new(&config.db, config.readers.max(1), config.query_timeout)
        .map_err(|source| ServeError::Open { path: config.db.display().to_string(), source })?;
    let ingest = match config.ingest_token {
        Some(token) if token.is_empty() => return Err(ServeError::EmptyToken),
        Some(token) => Some(ingest::Ingest::new(config.db.clone(), token)),
        None => None,
    };
    let state = Arc::new(AppState { db, ingest });
    Ok(api::routes()
        .merge(html::routes())
        .fallback(not_found)
        .layer(axum::middleware::from_fn(security_headers))
        .with_state(state))
}

/// Serves `app` on `listener` until Ctrl-C.
pub async fn serve(listener: tokio::net::TcpListener, app: Router) -> std::io::Result<()> {
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}

/// The OpenAPI document served at `/openapi.json`.
pub fn openapi() -> utoipa::openapi::OpenApi {
    <ApiDoc as utoipa::OpenApi>::openapi()
}

/// The Content-Security-Policy of every response: scripts and styles only from this origin's files (no inline
/// script, no `eval`), images only from here or `data:`, no plugins, frames, or form posts elsewhere.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
     connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

async fn security_headers(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    res
}

async fn not_found(uri: axum::http::Uri) -> Response {
    if uri.path().starts_with("/api/") {
        ApiError::new(StatusCode::NOT_FOUND, format!("no route {}", uri.path())).into_response()
    } else {
        html::error_page(StatusCode::NOT_FOUND, "No such page.")
    }
}

/// An API error: answered as JSON `{status, message}`.
#[derive(Debug)]
pub(crate) struct ApiError {
    pub(crate) status: StatusCode,
    pub(crate) message: String,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError { status, message: message.into() }
    }

    pub(crate) fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    pub(crate) fn not_found(what: &str) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, format!("no {what}"))
    }
}

impl From<dyad_store::StoreError> for ApiError {
    fn from(e: dyad_store::StoreError) -> ApiError {
        tracing::warn!("store: {e}");
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "database error")
    }
}

impl From<dyad_ingest::IngestError> for ApiError {
    fn from(e: dyad_ingest::IngestError) -> ApiError {
        tracing::warn!("ingest: {e}");
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "database error")
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = api::ErrorBody { status: self.status.as_u16(), message: self.message };
        (self.status, axum::Json(body)).into_response()
    }
}
