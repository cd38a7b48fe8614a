//! The web UI: server-rendered pages (maud escapes every interpolated text and attribute), the embedded assets,
//! and the rules for what from a page may become a link.

use std::sync::Arc;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use dyad_store::Period;
use maud::{DOCTYPE, Markup, html};
use serde::Deserialize;

use crate::api::{self, ApiEvent, ApiMention};
use crate::svg::{self, QUAD_COLOURS, QUAD_NAMES};
use crate::{ApiError, AppState, State};

const APP_CSS: &str = include_str!("../assets/app.css");
const APP_JS: &str = include_str!("../assets/app.js");

pub(crate) fn routes() -> axum::Router<Arc<AppState>> {
    axum::Router::new()
        .route("/", get(home))
        .route("/search", get(search))
        .route("/dyad", get(dyad_form))
        .route("/dyads/{a}/{b}", get(dyad))
        .route("/actors/{id}", get(actor))
        .route("/events/{id}", get(event))
        .route("/documents/{id}", get(document))
        .route("/stories/{id}", get(story))
        .route("/assets/app.css", get(|| async { asset(APP_CSS, "text/css; charset=utf-8") }))
        .route("/assets/app.js", get(|| async { asset(APP_JS, "text/javascript; charset=utf-8") }))
}

fn asset(body: &'static str, kind: &'static str) -> Response {
    ([(header::CONTENT_TYPE, kind), (header::CACHE_CONTROL, "public, max-age=3600")], body).into_response()
}

/// A page that failed: an HTML error page with the API error's status and message.
pub(crate) struct PageError(ApiError);

impl From<ApiError> for PageError {
    fn from(e: ApiError) -> PageError {
        PageError(e)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        error_page(self.0.status, &self.0.message)
    }
}

type Page = Result<Html<String>, PageError>;

pub(crate) fn error_page(status: StatusCode, message: &str) -> Response {
    let title = status.canonical_reason().unwrap_or("Error");
    (status, Html(layout(title, html! { h1 { (status.as_u16()) " " (title) } p.error { (message) } }).into_string()))
        .into_response()
}

/// Percent-encodes a URL path segment (everything but unreserved characters).
pub(crate) fn seg(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A URL from a page that may become a link: only `http` and `https` (so never `javascript:`, `data:` or
/// `vbscript:`), with no whitespace or control characters that browsers strip before reading the scheme.
pub(crate) fn safe_href(url: &str) -> Option<&str> {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let web = lower.starts_with("http://") || lower.starts_with("https://");
    (web && !url.chars().any(|c| c.is_whitespace() || c.is_control())).then_some(url)
}

fn layout(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · dyad" }
                link rel="icon" href="data:,";
                link rel="stylesheet" href="/assets/app.css";
                script src="/assets/app.js" {}
            }
            body {
                header.top {
                    a.brand href="/" { "dyad" }
                    form.search action="/search" method="get" role="search" {
                        input type="search" name="q" placeholder="Search articles and actors" aria-label="Search";
                        button type="submit" { "Search" }
                    }
                    a href="/openapi.json" { "API" }
                }
                main { (body) }
            }
        }
    }
}

fn page(title: &str, body: Markup) -> Page {
    Ok(Html(layout(title, body).into_string()))
}

fn party(p: &api::ApiParty) -> Markup {
    let label = p.code.clone().filter(|c| !c.is_empty()).unwrap_or_else(|| p.name.clone());
    html! {
        @if p.id.is_empty() { span.party title=(p.name) { (label) } }
        @else { a.party href=(format!("/actors/{}", seg(&p.id))) title=(p.name) { (label) } }
    }
}

fn quad(q: u8) -> Markup {
    let i = usize::from(q.clamp(1, 4) - 1);
    html! {
        span.quad class=(format!("q{q}")) title=(QUAD_NAMES.get(i).copied().unwrap_or("")) {
            svg width="10" height="10" xmlns="http://www.w3.org/2000/svg" {
                rect width="10" height="10" fill=(QUAD_COLOURS.get(i).copied().unwrap_or("#999")) {}
            }
            " Q" (q)
        }
    }
}

fn sentence(m: &ApiMention) -> Markup {
    html! {
        blockquote.sentence {
            @if let Some(h) = &m.highlight { (h.before) mark { (h.evidence) } (h.after) } @else { (m.text) }
        }
        p.cite {
            @if let Some(doc) = &m.doc { a href=(format!("/documents/{}", seg(doc))) { (m.file) } }
            @else { (m.file) }
            " · sentence " (m.sentence + 1)
        }
    }
}

fn date_of(e: &ApiEvent) -> &str {
    e.date.as_ref().map_or("undated", |d| d.value.as_str())
}

/// A list of events, each with its sentences; the first event of each month is the target of `#p-YYYY-MM`.
fn event_list(events: &[ApiEvent], sentences: bool) -> Markup {
    let mut seen = std::collections::HashSet::new();
    html! {
        @if events.is_empty() { p.empty { "No events." } }
        ol.events {
            @for e in events {
                @let month = e.date.as_ref().and_then(|d| d.value.get(..7)).filter(|m| seen.insert(m.to_string()));
                li.event id=[month.map(|m| format!("p-{m}"))] {
                    div.head {
                        span.date { (date_of(e)) }
                        " " (party(&e.source)) " → "
                        @if let Some(t) = &e.target { (party(t)) } @else { "—" }
                        " " a href=(format!("/events/{}", seg(&e.id))) { (e.code) " " (e.action) }
                        " " (quad(e.quad_class))
                        span.goldstein { " Goldstein " (format!("{:+.1}", e.goldstein)) }
                        @for f in &e.flags { " " span.flag { (f) } }
                    }
                    @if sentences { @for m in &e.mentions { (sentence(m)) } }
                }
            }
        }
    }
}

async fn home(s: State) -> Page {
    let (counts, actors) =
        s.db.run(|store| {
            let counts = store.counts()?;
            let actors = api::load_actors(store, None, None, 40)?;
            Ok((counts, actors.actors))
        })
        .await?;
    page(
        "Home",
        html! {
            h1 { "dyad" }
            p { (counts.events) " events, " (counts.actors) " actors, " (counts.articles) " articles, "
                (counts.stories) " stories." }
            form.dyad action="/dyad" method="get" {
                "Dyad: " input name="a" placeholder="PRK" aria-label="One side" required;
                " – " input name="b" placeholder="CUB" aria-label="Other side" required;
                button type="submit" { "Timeline" }
            }
            h2 { "Actors" }
            ul.actors { @for a in &actors { li { a href=(format!("/actors/{}", seg(&a.id))) { (a.name) } " " code { (a.code) } } } }
        },
    )
}

#[derive(Deserialize)]
struct SearchQuery {
    q: Option<String>,
}

async fn search(s: State, q: Result<Query<SearchQuery>, QueryRejection>) -> Page {
    let q = q.map(|Query(q)| q.q).unwrap_or_default().map(|q| q.trim().to_string()).filter(|q| !q.is_empty());
    let Some(q) = q else { return page("Search", html! { h1 { "Search" } p { "Type words to find." } }) };
    if q.len() > 200 {
        return Err(ApiError::bad_request("the query is longer than 200 bytes").into());
    }
    let text = q.clone();
    let (hits, actors) = s
        .db
        .run(move |store| Ok((api::load_search(store, &text, 50)?, api::load_actors(store, Some(&text), None, 20)?)))
        .await?;
    page(
        &format!("Search: {q}"),
        html! {
            h1 { "Search: " q.query { (q) } }
            @if !actors.actors.is_empty() {
                h2 { "Actors" }
                ul.actors { @for a in &actors.actors { li { a href=(format!("/actors/{}", seg(&a.id))) { (a.name) } " " code { (a.code) } } } }
            }
            h2 { "Articles" }
            @if hits.hits.is_empty() { p.empty { "No article matches." } }
            ol.hits {
                @for h in &hits.hits {
                    li {
                        a href=(format!("/documents/{}", seg(&h.doc))) { (h.title.as_deref().unwrap_or(&h.file)) }
                        p.snippet { (h.snippet) }
                        p.cite { (h.file) }
                    }
                }
            }
        },
    )
}

#[derive(Deserialize)]
struct DyadForm {
    a: Option<String>,
    b: Option<String>,
}

async fn dyad_form(q: Result<Query<DyadForm>, QueryRejection>) -> Result<Redirect, PageError> {
    let f = q.map(|Query(f)| f).map_err(|e| ApiError::bad_request(e.body_text()))?;
    let side = |v: Option<String>| v.map(|v| v.trim().to_uppercase()).filter(|v| !v.is_empty());
    match (side(f.a), side(f.b)) {
        (Some(a), Some(b)) => Ok(Redirect::to(&format!("/dyads/{}/{}", seg(&a), seg(&b)))),
        _ => Err(ApiError::bad_request("a dyad needs two sides").into()),
    }
}

#[derive(Deserialize)]
struct PeriodQuery {
    period: Option<String>,
}

async fn dyad(s: State, Path((a, b)): Path<(String, String)>, q: Result<Query<PeriodQuery>, QueryRejection>) -> Page {
    let week = q.ok().and_then(|Query(q)| q.period).as_deref() == Some("week");
    let period = if week { Period::Week } else { Period::Month };
    let (a, b) = (api::dyad_side("a", a)?, api::dyad_side("b", b)?);
    let (qa, qb) = (a.clone(), b.clone());
    let d = s.db.run(move |store| api::load_dyad(store, &qa, &qb, period, 200)).await?;
    let total: u64 = d.series.iter().map(|p| p.events).sum();
    page(
        &format!("{a}–{b}"),
        html! {
            h1 { a href=(format!("/actors/{}", seg(&a))) { (a) } " – " a href=(format!("/actors/{}", seg(&b))) { (b) } }
            p {
                (total) " dated events. By "
                @if week { a href="?period=month" { "month" } " · week" } @else { "month · " a href="?period=week" { "week" } }
                " · " a href=(format!("/api/dyads/{}/{}", seg(&a), seg(&b))) { "JSON" }
                " · " a href=(format!("/api/events?a={}&b={}&format=csv&limit=500", seg(&a), seg(&b))) { "CSV" }
            }
            figure { (svg::timeline(&d.series)) }
            h2 { "Events" }
            input.filter type="search" placeholder="Filter these events" aria-label="Filter events" data-filter="ol.events > li";
            (event_list(&d.events, true))
            @if let Some(next) = &d.next {
                p { a href=(format!("/api/events?a={}&b={}&cursor={}", seg(&a), seg(&b), seg(next))) { "More (JSON)" } }
            }
        },
    )
}

async fn actor(s: State, Path(id): Path<String>) -> Page {
    let key = id.clone();
    let d = s.db.run(move |store| api::load_actor(store, &key)).await?;
    let a = &d.actor;
    let code = if a.code.is_empty() { a.id.clone() } else { a.code.clone() };
    page(
        &a.name,
        html! {
            h1 { (a.name) " " code { (a.code) } }
            p { (a.kind) @if let Some(c) = &a.country { " · " (c) } " · "
                a href=(format!("/api/actors/{}", seg(&a.id))) { "JSON" } }
            @if !a.aliases.is_empty() { p { "Also: " (a.aliases.join(" · ")) } }
            @if !a.roles.is_empty() {
                h2 { "Roles" }
                table { thead { tr { th { "role" } th { "country" } th { "seen" } th { "last seen" } } }
                    tbody { @for r in &a.roles { tr { td { (r.role) } td { (r.country.as_deref().unwrap_or("")) }
                        td { (r.seen.as_deref().unwrap_or("")) } td { (r.last_seen.as_deref().unwrap_or("")) } } } } }
            }
            h2 { "Partners" }
            @if d.partners.is_empty() { p.empty { "No events with partners." } }
            @else {
                figure { (svg::network(&code, &code, &d.partners)) }
                table.partners { thead { tr { th { "partner" } th { "events" } th { "mean Goldstein" } } }
                    tbody { @for p in &d.partners { tr {
                        td { a href=(format!("/dyads/{}/{}", seg(&code), seg(&p.key))) { (p.name) " (" (p.key) ")" } }
                        td { (p.events) } td { (format!("{:+.1}", p.mean_goldstein)) } } } } }
            }
            @if !d.relations.is_empty() {
                h2 { "Relations" }
                ul.relations { @for r in &d.relations { li {
                    (r.a) " " strong { (r.kind) } " " (r.b) @if let Some(d) = &r.as_of { " (as of " (d) ")" }
                    blockquote.sentence { (r.text) }
                    p.cite { @if let Some(doc) = &r.doc { a href=(format!("/documents/{}", seg(doc))) { (r.file) } } @else { (r.file) } }
                } } }
            }
        },
    )
}

async fn event(s: State, Path(id): Path<String>) -> Page {
    let e = s.db.run(move |store| api::load_event(store, &id)).await?;
    let dyad = e.target.as_ref().and_then(|t| {
        let side = |p: &api::ApiParty| p.country.clone().or_else(|| p.code.clone()).filter(|c| !c.is_empty());
        Some((side(&e.source)?, side(t)?))
    });
    page(
        &format!("{} {}", e.code, e.action),
        html! {
            h1 { (party(&e.source)) " → " @if let Some(t) = &e.target { (party(t)) } @else { "—" } ": " (e.action) }
            table.facts { tbody {
                tr { th { "date" } td { (date_of(&e)) @if let Some(d) = &e.date { " (" (d.precision) "; " (d.basis) ")" } } }
                tr { th { "CAMEO" } td { (e.code) " " (e.action) " · root " (e.root) @if let Some(p) = &e.plover { " · PLOVER " (p) } } }
                tr { th { "QuadClass" } td { (quad(e.quad_class)) } }
                tr { th { "Goldstein" } td { (format!("{:+.1}", e.goldstein)) } }
                @if let Some(l) = &e.location { tr { th { "where" } td { (l.name) @if let Some(c) = &l.country { " (" (c) ")" } } } }
                @if !e.flags.is_empty() { tr { th { "flags" } td { @for f in &e.flags { span.flag { (f) } " " } } } }
                tr { th { "reported by" } td { (e.num_articles) " articles, " (e.num_sources) " sources, " (e.num_mentions) " mentions" } }
                @if let Some(st) = &e.story { tr { th { "story" } td { a href=(format!("/stories/{}", seg(st))) { (st) } } } }
                @if let Some((a, b)) = &dyad { tr { th { "dyad" } td { a href=(format!("/dyads/{}/{}", seg(a), seg(b))) { (a) "–" (b) " timeline" } } } }
            } }
            h2 { "Sentences" }
            @for m in &e.mentions { (sentence(m)) }
            p { a href=(format!("/api/events/{}", seg(&e.id))) { "JSON" } }
        },
    )
}

async fn document(s: State, Path(id): Path<String>) -> Page {
    let d = s.db.run(move |store| api::load_document(store, &id)).await?;
    let title = d.article.as_ref().and_then(|a| a.title.clone()).unwrap_or_else(|| d.path.clone());
    page(
        &title,
        html! {
            h1 { (title) }
            p.source {
                @if let Some(url) = safe_href(&d.path) { a.url href=(url) rel="noopener noreferrer nofollow" { (d.path) } }
                @else { span.url { (d.path) } }
                " · " (d.size) " bytes · " (d.status) @if let Some(r) = &d.reason { ": " (r) }
                " · " a href=(format!("/api/documents/{}", seg(&d.hash))) { "JSON" }
            }
            @if let Some(a) = &d.article {
                p { @if let Some(o) = &a.outlet { (o) " · " } @if let Some(p) = &a.published { "published " (p) " · " }
                    @if let Some(dl) = &a.dateline { (dl) " · " } (a.language) }
                div.columns {
                    section.kept {
                        h2 { "Kept text" }
                        @for b in &a.body { p.block title=(format!("bytes {}..{}", b.start, b.end)) { (b.text) } }
                        @for c in &a.captions { p.caption { (c.text) } }
                    }
                    section.dropped {
                        h2 { "Dropped" }
                        @if a.dropped.is_empty() { p.empty { "Nothing dropped." } }
                        @for x in &a.dropped {
                            div.drop {
                                p.reason { (x.reason) " · bytes " (x.start) ".." (x.end) }
                                @if let Some(t) = &x.text { pre { (t.chars().take(600).collect::<String>()) } }
                            }
                        }
                    }
                }
            }
            h2 { "Events in this document" }
            (event_list(&d.events, false))
        },
    )
}

async fn story(s: State, Path(id): Path<String>) -> Page {
    let st = s.db.run(move |store| api::load_story(store, &id)).await?;
    page(
        &format!("Story {}", st.id),
        html! {
            h1 { "Story " (st.id) }
            p { "Mean similarity " (format!("{:.2}", st.similarity)) @if let Some(o) = &st.original { " · original: " (o) } }
            ol { @for (file, doc) in st.files.iter().zip(&st.docs) {
                li { @if let Some(doc) = doc { a href=(format!("/documents/{}", seg(doc))) { (file) } } @else { (file) } }
            } }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_urls_become_links() {
        for ok in ["http://example.org/a?b=c", "HTTPS://EXAMPLE.ORG/"] {
            assert_eq!(safe_href(ok), Some(ok));
        }
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,<script>",
            "vbscript:x",
            "//evil.example/",
            "http://x.org/\u{0}",
            "https://a b",
            "pages/a.txt",
        ] {
            assert_eq!(safe_href(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn path_segments_are_encoded() {
        assert_eq!(seg("PRK"), "PRK");
        assert_eq!(seg("a/b c?#\"<"), "a%2Fb%20c%3F%23%22%3C");
    }
}
