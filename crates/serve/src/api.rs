//! The JSON API: response types (with their OpenAPI schemas), handlers, and the loaders the HTML pages share.

use std::sync::Arc;

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use dyad_core::DateValue;
use dyad_store::{EventCursor, EventFilter, EventQuery, EventRecord, Period, Store};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::{ApiError, AppState, State};

/// Most items one page returns, whatever `limit` asks for.
pub(crate) const MAX_LIMIT: usize = 500;
/// Items per page when `limit` is not given.
pub(crate) const DEFAULT_LIMIT: usize = 50;
/// Longest accepted text argument (query words, actor codes, cursors), in bytes.
const MAX_ARG: usize = 200;

/// The OpenAPI document of the API, generated from the handlers.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "dyad",
        description = "International-relations events extracted from news pages: events, actors, \
        dyads, stories, documents and full-text search."
    ),
    paths(events, event, actors, actor, dyad, stories, story, search, document, crate::ingest::post_pages)
)]
pub struct ApiDoc;

pub(crate) fn routes() -> axum::Router<Arc<AppState>> {
    axum::Router::new()
        .route("/openapi.json", get(|| async { Json(crate::openapi()) }))
        .route("/api/events", get(events))
        .route("/api/events/{id}", get(event))
        .route("/api/actors", get(actors))
        .route("/api/actors/{id}", get(actor))
        .route("/api/dyads/{a}/{b}", get(dyad))
        .route("/api/stories", get(stories))
        .route("/api/stories/{id}", get(story))
        .route("/api/search", get(search))
        .route("/api/documents/{id}", get(document))
        .route(
            "/api/pages",
            post(crate::ingest::post_pages).layer(axum::extract::DefaultBodyLimit::max(crate::ingest::MAX_BODY)),
        )
}

// ---------------------------------------------------------------------------------------------------------------
// Response types.

/// An error: the HTTP status and what went wrong.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ErrorBody {
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong.
    pub message: String,
}

/// One side of an event.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ApiParty {
    /// Canonical actor id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// CAMEO actor code.
    pub code: Option<String>,
    /// ISO 3166-1 alpha-3 country.
    pub country: Option<String>,
}

/// When an event happened.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ApiDate {
    /// ISO 8601 at its precision (`2017-04-27`, `2017-W17`, `2018-11`, `1960`).
    pub value: String,
    /// `day`, `week`, `month`, `year`, ...
    pub precision: String,
    /// Why the date is what it is.
    pub basis: String,
}

/// Where an event happened.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ApiLocation {
    /// Place name.
    pub name: String,
    /// ISO 3166-1 alpha-3 country.
    pub country: Option<String>,
}

/// A sentence split around the words that carry the event.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Highlight {
    /// Text before the evidence.
    pub before: String,
    /// The evidence.
    pub evidence: String,
    /// Text after it.
    pub after: String,
}

/// One sentence that reports an event.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ApiMention {
    /// The page's file name (or URL).
    pub file: String,
    /// The stored document's hash (`/api/documents/{doc}`).
    pub doc: Option<String>,
    /// 0-based sentence index.
    pub sentence: usize,
    /// Byte offset of the sentence in the original file.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
    /// The sentence.
    pub text: String,
    /// The evidence's byte range in the original file, `[start, end]`.
    pub evidence: Option<Vec<usize>>,
    /// The sentence split around the evidence, when the evidence lies in the sentence as stored.
    pub highlight: Option<Highlight>,
}

/// A consolidated event (the record of `dyad events`, plus the CAMEO action name and highlighted evidence).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ApiEvent {
    /// Stable id.
    pub id: String,
    /// Full CAMEO code.
    pub code: String,
    /// The CAMEO code's name.
    pub action: String,
    /// Two-digit root.
    pub root: String,
    /// QuadClass 1-4 (verbal/material cooperation, verbal/material conflict).
    pub quad_class: u8,
    /// Goldstein score, -10 to 10.
    pub goldstein: f64,
    /// PLOVER category.
    pub plover: Option<String>,
    /// Who acted.
    pub source: ApiParty,
    /// Who was acted upon.
    pub target: Option<ApiParty>,
    /// When.
    pub date: Option<ApiDate>,
    /// Where.
    pub location: Option<ApiLocation>,
    /// The qualifiers that are set (`negated`, `future`, `reported`, `symmetric`, `historical`, `hypothetical`,
    /// `attempted`, `alleged`).
    pub flags: Vec<String>,
    /// Every sentence that reports it.
    pub mentions: Vec<ApiMention>,
    /// Number of mentions.
    pub num_mentions: usize,
    /// Number of distinct outlets.
    pub num_sources: usize,
    /// Number of distinct articles.
    pub num_articles: usize,
    /// Story id.
    pub story: Option<String>,
}

/// A page of events.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct EventPage {
    /// The events, oldest first (undated last).
    pub events: Vec<ApiEvent>,
    /// The `cursor` of the next page; absent on the last page.
    pub next: Option<String>,
}

/// An actor's role.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ApiRole {
    /// The role ("foreign minister").
    pub role: String,
    /// Of which country.
    pub country: Option<String>,
    /// First date seen in it.
    pub seen: Option<String>,
    /// Last date seen in it, when later than `seen`.
    pub last_seen: Option<String>,
}

/// A canonical actor.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ApiActor {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// `country`, `person`, `agent`, `group`, ...
    pub kind: String,
    /// CAMEO code.
    pub code: String,
    /// Country.
    pub country: Option<String>,
    /// Names it was found under, first seen first.
    pub aliases: Vec<String>,
    /// Dated roles.
    pub roles: Vec<ApiRole>,
}

/// A page of actors.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ActorPage {
    /// Actors by id.
    pub actors: Vec<ApiActor>,
    /// The `cursor` of the next page; absent on the last page.
    pub next: Option<String>,
}

/// A standing relation between two actors, with the sentence that states it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ApiRelation {
    /// The relation (`ally`, `member`, ...).
    pub kind: String,
    /// One side.
    pub a: String,
    /// The other side.
    pub b: String,
    /// As of when.
    pub as_of: Option<String>,
    /// The page.
    pub file: String,
    /// The stored document.
    pub doc: Option<String>,
    /// The sentence.
    pub text: String,
}

/// A partner of an actor.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ApiPartner {
    /// Country code, actor code or name of the other side.
    pub key: String,
    /// Display name.
    pub name: String,
    /// Events in either direction.
    pub events: u64,
    /// Their mean Goldstein score.
    pub mean_goldstein: f64,
}

/// An actor with its relations and top partners.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ActorDetail {
    /// The actor.
    pub actor: ApiActor,
    /// Relations it takes part in.
    pub relations: Vec<ApiRelation>,
    /// Top partners by event count.
    pub partners: Vec<ApiPartner>,
}

/// A dyad's events in one period.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ApiPeriod {
    /// The period: its Monday for weeks, `YYYY-MM` for months.
    pub period: String,
    /// Events by QuadClass 1-4.
    pub quad_classes: Vec<u64>,
    /// All events.
    pub events: u64,
    /// Mean Goldstein score.
    pub mean_goldstein: f64,
}

/// A dyad: its series by period and the first page of its events.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DyadDetail {
    /// One side.
    pub a: String,
    /// The other side.
    pub b: String,
    /// `week` or `month`.
    pub period: String,
    /// Dated events counted by period, oldest first.
    pub series: Vec<ApiPeriod>,
    /// Events, oldest first.
    pub events: Vec<ApiEvent>,
    /// The `cursor` of the next page of events (`/api/events?a=..&b=..&cursor=..`).
    pub next: Option<String>,
}

/// A story: a page and its rewritten copies.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ApiStory {
    /// Id.
    pub id: String,
    /// The member judged the original.
    pub original: Option<String>,
    /// Mean similarity of members.
    pub similarity: f64,
    /// Member files, in order.
    pub files: Vec<String>,
    /// Member documents, in the same order (absent when not stored).
    pub docs: Vec<Option<String>>,
}

/// A page of stories.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct StoryList {
    /// Stories by id (`docs` left empty).
    pub stories: Vec<ApiStory>,
    /// The `cursor` of the next page; absent on the last page.
    pub next: Option<String>,
}

/// A full-text hit.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ApiHit {
    /// Document hash.
    pub doc: String,
    /// File name.
    pub file: String,
    /// Title.
    pub title: Option<String>,
    /// Matching text, the terms in `[` `]`.
    pub snippet: String,
}

/// Full-text hits, best first.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SearchResults {
    /// The hits.
    pub hits: Vec<ApiHit>,
}

/// A block of kept text.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ApiBlock {
    /// Text.
    pub text: String,
    /// Byte offset in the original file.
    pub start: usize,
    /// One past the end.
    pub end: usize,
}

/// A dropped stretch of the page (boilerplate) and why.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ApiDropped {
    /// Byte offset in the original file.
    pub start: usize,
    /// One past the end.
    pub end: usize,
    /// Why it was dropped.
    pub reason: String,
    /// The dropped text, when the page's bytes are stored.
    pub text: Option<String>,
}

/// The article extracted from a document.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ApiArticle {
    /// Title.
    pub title: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Outlet's country.
    pub outlet_country: Option<String>,
    /// Dateline.
    pub dateline: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// Language.
    pub language: String,
    /// Kept body paragraphs.
    pub body: Vec<ApiBlock>,
    /// Kept captions.
    pub captions: Vec<ApiBlock>,
    /// Dropped boilerplate with reasons.
    pub dropped: Vec<ApiDropped>,
}

/// A stored document.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DocumentDetail {
    /// Content hash.
    pub hash: String,
    /// Path or URL it was ingested from.
    pub path: String,
    /// Size in bytes.
    pub size: u64,
    /// `ok` or `skipped`.
    pub status: String,
    /// Why it was skipped.
    pub reason: Option<String>,
    /// When it was ingested.
    pub ingested_at: Option<String>,
    /// The article (absent for a skipped page).
    pub article: Option<ApiArticle>,
    /// Events it reports (at most 200).
    pub events: Vec<ApiEvent>,
}

// ---------------------------------------------------------------------------------------------------------------
// Conversions.

fn party(p: &dyad_store::Party) -> ApiParty {
    ApiParty { id: p.id.clone(), name: p.name.clone(), code: p.code.clone(), country: p.country.clone() }
}

/// The sentence split around its evidence, when the sentence is the file's bytes as they stand (see `dyad show`).
pub(crate) fn highlight(m: &dyad_store::Mention) -> Option<Highlight> {
    if m.end.checked_sub(m.start) != Some(m.text.len()) {
        return None;
    }
    let ev = m.evidence?;
    let (from, to) = (ev.start().checked_sub(m.start)?, ev.end().checked_sub(m.start)?);
    Some(Highlight {
        before: m.text.get(..from)?.to_string(),
        evidence: m.text.get(from..to)?.to_string(),
        after: m.text.get(to..)?.to_string(),
    })
}

pub(crate) fn api_event(e: &EventRecord) -> ApiEvent {
    let f = &e.flags;
    let flags = f.named().into_iter().filter(|(_, set)| *set).map(|(name, _)| name.to_string()).collect();
    ApiEvent {
        id: e.id.clone(),
        code: e.code.clone(),
        action: dyad_events::Codebook::builtin().get(&e.code).map_or("", |c| c.name).to_string(),
        root: e.root.clone(),
        quad_class: e.quad_class,
        goldstein: e.goldstein,
        plover: e.plover.clone(),
        source: party(&e.source),
        target: e.target.as_ref().map(party),
        date: e.date.as_ref().map(|d| ApiDate {
            value: d.when.to_string(),
            precision: d.precision().as_str().to_string(),
            basis: d.basis.clone(),
        }),
        location: e.location.as_ref().map(|l| ApiLocation { name: l.name.clone(), country: l.country.clone() }),
        flags,
        mentions: e
            .mentions
            .iter()
            .map(|m| ApiMention {
                file: m.file.clone(),
                doc: m.doc.clone(),
                sentence: m.sentence,
                start: m.start,
                end: m.end,
                text: m.text.clone(),
                evidence: m.evidence.map(|r| vec![r.start(), r.end()]),
                highlight: highlight(m),
            })
            .collect(),
        num_mentions: e.num_mentions,
        num_sources: e.num_sources,
        num_articles: e.num_articles,
        story: e.story.clone(),
    }
}

fn api_actor(a: dyad_store::ActorRecord) -> ApiActor {
    ApiActor {
        id: a.id,
        name: a.name,
        kind: a.kind.as_str().to_string(),
        code: a.code,
        country: a.country,
        aliases: a.aliases,
        roles: a
            .roles
            .into_iter()
            .map(|r| ApiRole {
                role: r.role,
                country: r.country,
                seen: r.seen.map(|d| d.to_string()),
                last_seen: r.last_seen.map(|d| d.to_string()),
            })
            .collect(),
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Parameters.

fn query<T>(q: Result<Query<T>, QueryRejection>) -> Result<T, ApiError> {
    q.map(|Query(q)| q).map_err(|e| ApiError::bad_request(e.body_text()))
}

fn arg(name: &str, value: Option<String>) -> Result<Option<String>, ApiError> {
    match value.map(|v| v.trim().to_string()).filter(|v| !v.is_empty()) {
        Some(v) if v.len() > MAX_ARG => Err(ApiError::bad_request(format!("{name} is longer than {MAX_ARG} bytes"))),
        v => Ok(v),
    }
}

fn date(name: &str, value: Option<String>) -> Result<Option<DateValue>, ApiError> {
    arg(name, value)?
        .map(|v| v.parse::<DateValue>().map_err(|e| ApiError::bad_request(format!("{name}: {e}"))))
        .transpose()
}

fn limit(value: Option<usize>) -> Result<usize, ApiError> {
    match value {
        None => Ok(DEFAULT_LIMIT),
        Some(0) => Err(ApiError::bad_request("limit must be at least 1")),
        Some(n) => Ok(n.min(MAX_LIMIT)),
    }
}

/// Filters of `/api/events`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventParams {
    /// Only events with this actor on either side (a code prefix such as PRK or PRKGOV, or a country).
    pub actor: Option<String>,
    /// With `b`: only events between A and B, in either direction.
    pub a: Option<String>,
    /// With `a`: the other side of the dyad.
    pub b: Option<String>,
    /// From this date on (2017, 2017-04, 2017-04-28).
    pub from: Option<String>,
    /// Up to the end of this date.
    pub to: Option<String>,
    /// CAMEO root (04).
    pub root: Option<String>,
    /// QuadClass 1-4.
    pub quad_class: Option<u8>,
    /// Comma-separated flags that must all be set (negated, future, reported, symmetric, historical,
    /// hypothetical, attempted, alleged).
    pub flags: Option<String>,
    /// Words that an article reporting the event must contain (full-text).
    pub q: Option<String>,
    /// The `next` of the previous page.
    pub cursor: Option<String>,
    /// Events per page (default 50, at most 500).
    pub limit: Option<usize>,
    /// `json` (default) or `csv`.
    pub format: Option<String>,
}

pub(crate) fn event_query(p: EventParams) -> Result<EventQuery, ApiError> {
    let dyad = match (arg("a", p.a)?, arg("b", p.b)?) {
        (Some(a), Some(b)) => Some((a, b)),
        (None, None) => None,
        _ => return Err(ApiError::bad_request("a dyad needs both a and b")),
    };
    let root = arg("root", p.root)?;
    if root.as_ref().is_some_and(|r| r.len() > 2 || !r.bytes().all(|b| b.is_ascii_digit())) {
        return Err(ApiError::bad_request("root is a CAMEO root such as 04"));
    }
    if p.quad_class.is_some_and(|q| !(1..=4).contains(&q)) {
        return Err(ApiError::bad_request("quad_class is 1, 2, 3 or 4"));
    }
    let mut flags = dyad_events::Flags::default();
    for name in arg("flags", p.flags)?.iter().flat_map(|f| f.split(',')).map(str::trim).filter(|f| !f.is_empty()) {
        let slot = match name {
            "negated" => &mut flags.negated,
            "future" => &mut flags.future,
            "reported" => &mut flags.reported,
            "symmetric" => &mut flags.symmetric,
            "historical" => &mut flags.historical,
            "hypothetical" => &mut flags.hypothetical,
            "attempted" => &mut flags.attempted,
            "alleged" => &mut flags.alleged,
            other => return Err(ApiError::bad_request(format!("unknown flag {other:?}"))),
        };
        *slot = true;
    }
    let after = match arg("cursor", p.cursor)? {
        Some(c) => Some(EventCursor::decode(&c).ok_or_else(|| ApiError::bad_request("cursor is not a cursor"))?),
        None => None,
    };
    Ok(EventQuery {
        filter: EventFilter {
            actor: arg("actor", p.actor)?,
            dyad,
            from: date("from", p.from)?,
            to: date("to", p.to)?,
            root,
        },
        quad_class: p.quad_class,
        flags,
        text: arg("q", p.q)?,
        after,
        limit: limit(p.limit)?,
    })
}

pub(crate) fn load_events(store: &Store, q: &EventQuery) -> Result<EventPage, ApiError> {
    let (events, next) = store.events_page(q)?;
    Ok(EventPage { events: events.iter().map(api_event).collect(), next: next.map(|c| c.encode()) })
}

// ---------------------------------------------------------------------------------------------------------------
// Handlers.

/// Consolidated events, filtered, oldest first, in pages.
#[utoipa::path(get, path = "/api/events", params(EventParams), tag = "events",
    responses((status = 200, description = "A page of events (JSON, or CSV with format=csv)", body = EventPage),
              (status = 400, description = "A bad filter", body = ErrorBody)))]
async fn events(s: State, q: Result<Query<EventParams>, QueryRejection>) -> Result<Response, ApiError> {
    let p = query(q)?;
    let csv = match p.format.as_deref() {
        None | Some("json") => false,
        Some("csv") => true,
        Some(_) => return Err(ApiError::bad_request("format is json or csv")),
    };
    let eq = event_query(p)?;
    let page = s.db.run(move |store| load_events(store, &eq)).await?;
    if csv {
        let mut res = events_csv(&page.events).into_response();
        res.headers_mut().insert(header::CONTENT_TYPE, header::HeaderValue::from_static("text/csv; charset=utf-8"));
        if let Some(next) = page.next.and_then(|n| header::HeaderValue::from_str(&n).ok()) {
            res.headers_mut().insert("x-next-cursor", next);
        }
        return Ok(res);
    }
    Ok(Json(page).into_response())
}

/// A CSV field: quoted when needed, and a text that a spreadsheet would run as a formula is prefixed with `'`.
fn csv_field(out: &mut String, value: &str, text: bool) {
    let formula = text && value.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let value = if formula { format!("'{value}") } else { value.to_string() };
    if value.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&value);
    }
}

fn events_csv(events: &[ApiEvent]) -> String {
    let mut out = String::from(
        "id,date,source_code,source_name,target_code,target_name,code,action,quad_class,goldstein,num_mentions,\
         num_sources,num_articles\n",
    );
    for e in events {
        let target = e.target.as_ref();
        let fields: [(String, bool); 13] = [
            (e.id.clone(), false),
            (e.date.as_ref().map_or(String::new(), |d| d.value.clone()), false),
            (e.source.code.clone().unwrap_or_default(), true),
            (e.source.name.clone(), true),
            (target.and_then(|t| t.code.clone()).unwrap_or_default(), true),
            (target.map_or(String::new(), |t| t.name.clone()), true),
            (e.code.clone(), false),
            (e.action.clone(), true),
            (e.quad_class.to_string(), false),
            (e.goldstein.to_string(), false),
            (e.num_mentions.to_string(), false),
            (e.num_sources.to_string(), false),
            (e.num_articles.to_string(), false),
        ];
        for (i, (value, text)) in fields.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            csv_field(&mut out, value, *text);
        }
        out.push('\n');
    }
    out
}

/// One event with every mention and its highlighted evidence.
#[utoipa::path(get, path = "/api/events/{id}", params(("id" = String, Path, description = "Event id")),
    tag = "events", responses((status = 200, description = "The event", body = ApiEvent),
                              (status = 404, description = "No such event", body = ErrorBody)))]
async fn event(s: State, Path(id): Path<String>) -> Result<Json<ApiEvent>, ApiError> {
    Ok(Json(s.db.run(move |store| load_event(store, &id)).await?))
}

pub(crate) fn load_event(store: &Store, id: &str) -> Result<ApiEvent, ApiError> {
    store.event(id)?.map(|e| api_event(&e)).ok_or_else(|| ApiError::not_found("such event"))
}

/// Parameters of `/api/actors`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ActorParams {
    /// Only actors whose id, name, code or an alias contains this.
    pub q: Option<String>,
    /// The `next` of the previous page.
    pub cursor: Option<String>,
    /// Actors per page (default 50, at most 500).
    pub limit: Option<usize>,
}

/// Canonical actors by id, in pages.
#[utoipa::path(get, path = "/api/actors", params(ActorParams), tag = "actors",
    responses((status = 200, description = "A page of actors", body = ActorPage),
              (status = 400, description = "A bad parameter", body = ErrorBody)))]
async fn actors(s: State, q: Result<Query<ActorParams>, QueryRejection>) -> Result<Json<ActorPage>, ApiError> {
    let p = query(q)?;
    let (text, cursor, limit) = (arg("q", p.q)?, arg("cursor", p.cursor)?, limit(p.limit)?);
    Ok(Json(s.db.run(move |store| load_actors(store, text.as_deref(), cursor.as_deref(), limit)).await?))
}

pub(crate) fn load_actors(
    store: &Store,
    text: Option<&str>,
    cursor: Option<&str>,
    limit: usize,
) -> Result<ActorPage, ApiError> {
    let mut actors = store.actors_page(text, cursor, limit + 1)?;
    let next = if actors.len() > limit {
        actors.truncate(limit);
        actors.last().map(|a| a.id.clone())
    } else {
        None
    };
    Ok(ActorPage { actors: actors.into_iter().map(api_actor).collect(), next })
}

/// One actor: aliases, dated roles, relations, and top partners by event count with their mean Goldstein.
#[utoipa::path(get, path = "/api/actors/{id}", params(("id" = String, Path, description = "Actor id")),
    tag = "actors", responses((status = 200, description = "The actor", body = ActorDetail),
                              (status = 404, description = "No such actor", body = ErrorBody)))]
async fn actor(s: State, Path(id): Path<String>) -> Result<Json<ActorDetail>, ApiError> {
    Ok(Json(s.db.run(move |store| load_actor(store, &id)).await?))
}

/// Most partners an actor page shows.
pub(crate) const PARTNERS: usize = 24;

pub(crate) fn load_actor(store: &Store, id: &str) -> Result<ActorDetail, ApiError> {
    let actor = store.actor(id)?.ok_or_else(|| ApiError::not_found("such actor"))?;
    let key = if actor.code.is_empty() { actor.id.clone() } else { actor.code.clone() };
    let partners = store
        .partners(&key, PARTNERS)?
        .into_iter()
        .map(|p| ApiPartner { key: p.key, name: p.name, events: p.events, mean_goldstein: p.mean_goldstein })
        .collect();
    let relations = store
        .actor_relations(&actor.id)?
        .into_iter()
        .map(|r| ApiRelation {
            kind: r.kind,
            a: r.a,
            b: r.b,
            as_of: r.as_of,
            file: r.evidence.file,
            doc: r.evidence.doc,
            text: r.evidence.text,
        })
        .collect();
    Ok(ActorDetail { actor: api_actor(actor), relations, partners })
}

/// Parameters of `/api/dyads/{a}/{b}`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DyadParams {
    /// `week` or `month` (default).
    pub period: Option<String>,
    /// Events in the first page (default 50, at most 500).
    pub limit: Option<usize>,
}

/// A dyad: events by week or month with QuadClass counts and mean Goldstein, and its first events.
#[utoipa::path(get, path = "/api/dyads/{a}/{b}", tag = "dyads",
    params(("a" = String, Path, description = "One side: an actor code prefix or country"),
           ("b" = String, Path, description = "The other side"), DyadParams),
    responses((status = 200, description = "The dyad", body = DyadDetail),
              (status = 400, description = "A bad parameter", body = ErrorBody)))]
async fn dyad(
    s: State,
    Path((a, b)): Path<(String, String)>,
    q: Result<Query<DyadParams>, QueryRejection>,
) -> Result<Json<DyadDetail>, ApiError> {
    let p = query(q)?;
    let period = match p.period.as_deref() {
        None | Some("month") => Period::Month,
        Some("week") => Period::Week,
        Some(_) => return Err(ApiError::bad_request("period is week or month")),
    };
    let limit = limit(p.limit)?;
    let (a, b) = (dyad_side("a", a)?, dyad_side("b", b)?);
    Ok(Json(s.db.run(move |store| load_dyad(store, &a, &b, period, limit)).await?))
}

pub(crate) fn dyad_side(name: &str, value: String) -> Result<String, ApiError> {
    arg(name, Some(value))?.ok_or_else(|| ApiError::bad_request(format!("{name} is empty")))
}

pub(crate) fn load_dyad(store: &Store, a: &str, b: &str, period: Period, limit: usize) -> Result<DyadDetail, ApiError> {
    let series = store
        .dyad_periods(a, b, period)?
        .into_iter()
        .map(|p| ApiPeriod {
            period: p.period,
            quad_classes: p.quad_classes.to_vec(),
            events: p.events,
            mean_goldstein: p.mean_goldstein,
        })
        .collect();
    let q = EventQuery {
        filter: EventFilter { dyad: Some((a.to_string(), b.to_string())), ..EventFilter::default() },
        limit,
        ..EventQuery::default()
    };
    let page = load_events(store, &q)?;
    Ok(DyadDetail {
        a: a.to_string(),
        b: b.to_string(),
        period: match period {
            Period::Week => "week",
            Period::Month => "month",
        }
        .to_string(),
        series,
        events: page.events,
        next: page.next,
    })
}

/// Parameters of `/api/stories`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// The `next` of the previous page.
    pub cursor: Option<String>,
    /// Items per page (default 50, at most 500).
    pub limit: Option<usize>,
}

/// Story clusters by id, in pages.
#[utoipa::path(get, path = "/api/stories", params(PageParams), tag = "stories",
    responses((status = 200, description = "A page of stories", body = StoryList),
              (status = 400, description = "A bad parameter", body = ErrorBody)))]
async fn stories(s: State, q: Result<Query<PageParams>, QueryRejection>) -> Result<Json<StoryList>, ApiError> {
    let p = query(q)?;
    let (cursor, limit) = (arg("cursor", p.cursor)?, limit(p.limit)?);
    let list =
        s.db.run(move |store| {
            let mut stories = store.stories_page(cursor.as_deref(), limit + 1)?;
            let next = if stories.len() > limit {
                stories.truncate(limit);
                stories.last().map(|s| s.id.clone())
            } else {
                None
            };
            let stories = stories
                .into_iter()
                .map(|s| ApiStory {
                    id: s.id,
                    original: Some(s.original).filter(|o| !o.is_empty()),
                    similarity: s.similarity,
                    files: s.files,
                    docs: vec![],
                })
                .collect();
            Ok(StoryList { stories, next })
        })
        .await?;
    Ok(Json(list))
}

/// One story with its members and their documents.
#[utoipa::path(get, path = "/api/stories/{id}", params(("id" = String, Path, description = "Story id")),
    tag = "stories", responses((status = 200, description = "The story", body = ApiStory),
                               (status = 404, description = "No such story", body = ErrorBody)))]
async fn story(s: State, Path(id): Path<String>) -> Result<Json<ApiStory>, ApiError> {
    Ok(Json(s.db.run(move |store| load_story(store, &id)).await?))
}

pub(crate) fn load_story(store: &Store, id: &str) -> Result<ApiStory, ApiError> {
    let page = store.story(id)?.ok_or_else(|| ApiError::not_found("such story"))?;
    let s = page.story;
    let original = Some(s.original).filter(|o| !o.is_empty());
    Ok(ApiStory { id: s.id, original, similarity: s.similarity, files: s.files, docs: page.docs })
}

/// Parameters of `/api/search`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Words that must all occur in the title, body or captions.
    pub q: Option<String>,
    /// Most hits (default 50, at most 500).
    pub limit: Option<usize>,
}

/// Full-text search (FTS5) over titles, bodies and captions.
#[utoipa::path(get, path = "/api/search", params(SearchParams), tag = "search",
    responses((status = 200, description = "Hits, best first", body = SearchResults),
              (status = 400, description = "No query", body = ErrorBody)))]
async fn search(s: State, q: Result<Query<SearchParams>, QueryRejection>) -> Result<Json<SearchResults>, ApiError> {
    let p = query(q)?;
    let text = arg("q", p.q)?.ok_or_else(|| ApiError::bad_request("q is required"))?;
    let limit = limit(p.limit)?;
    Ok(Json(s.db.run(move |store| load_search(store, &text, limit)).await?))
}

pub(crate) fn load_search(store: &Store, text: &str, limit: usize) -> Result<SearchResults, ApiError> {
    let hits = store
        .search(text, limit)?
        .into_iter()
        .map(|h| ApiHit { doc: h.doc, file: h.file, title: h.title, snippet: h.snippet })
        .collect();
    Ok(SearchResults { hits })
}

/// A stored document: the kept body beside the dropped boilerplate with reasons, and the events it reports.
#[utoipa::path(get, path = "/api/documents/{id}", params(("id" = String, Path, description = "Content hash")),
    tag = "documents", responses((status = 200, description = "The document", body = DocumentDetail),
                                 (status = 404, description = "No such document", body = ErrorBody)))]
async fn document(s: State, Path(id): Path<String>) -> Result<Json<DocumentDetail>, ApiError> {
    Ok(Json(s.db.run(move |store| load_document(store, &id)).await?))
}

pub(crate) fn load_document(store: &Store, id: &str) -> Result<DocumentDetail, ApiError> {
    let doc = store.document(id)?.ok_or_else(|| ApiError::not_found("such document"))?;
    let raw = doc.raw.as_deref();
    let block = |b: dyad_store::Block| ApiBlock { text: b.text, start: b.start, end: b.end };
    let article = store.article(id)?.map(|a| ApiArticle {
        title: a.title,
        outlet: a.outlet,
        outlet_country: a.outlet_country,
        dateline: a.dateline,
        published: a.published.map(|p| p.date.to_string()),
        language: a.language,
        body: a.body.into_iter().map(block).collect(),
        captions: a.captions.into_iter().map(block).collect(),
        dropped: a
            .dropped
            .into_iter()
            .map(|d| ApiDropped {
                text: raw.and_then(|r| r.get(d.start..d.end)).map(|b| String::from_utf8_lossy(b).into_owned()),
                start: d.start,
                end: d.end,
                // The reason's name in the records (`navigation`, `duplicate_caption`, ...).
                reason: serde_json::to_value(d.reason)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_else(|| format!("{:?}", d.reason)),
            })
            .collect(),
    });
    let events = store.document_events(id, 200)?.iter().map(api_event).collect();
    Ok(DocumentDetail {
        status: match doc.status {
            dyad_store::DocumentStatus::Ok => "ok",
            dyad_store::DocumentStatus::Skipped => "skipped",
        }
        .to_string(),
        hash: doc.hash,
        path: doc.path,
        size: doc.size,
        reason: doc.reason,
        ingested_at: doc.ingested_at,
        article,
        events,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::StatusCode;

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        let mut out = String::new();
        csv_field(&mut out, "=HYPERLINK(\"x\")", true);
        assert_eq!(out, "\"'=HYPERLINK(\"\"x\"\")\"");
        let mut out = String::new();
        csv_field(&mut out, "-1.5", false);
        assert_eq!(out, "-1.5");
    }

    #[test]
    fn event_parameters_are_checked() {
        let bad = [
            EventParams { a: Some("PRK".into()), ..EventParams::default() },
            EventParams { quad_class: Some(5), ..EventParams::default() },
            EventParams { flags: Some("negated,nope".into()), ..EventParams::default() },
            EventParams { root: Some("4a".into()), ..EventParams::default() },
            EventParams { from: Some("last year".into()), ..EventParams::default() },
            EventParams { cursor: Some("nonsense".into()), ..EventParams::default() },
            EventParams { limit: Some(0), ..EventParams::default() },
            EventParams { actor: Some("x".repeat(MAX_ARG + 1)), ..EventParams::default() },
        ];
        for p in bad {
            let shown = format!("{p:?}");
            assert_eq!(event_query(p).map(|_| ()).unwrap_err().status, StatusCode::BAD_REQUEST, "{shown}");
        }
        let q = event_query(EventParams {
            flags: Some("negated, future".into()),
            limit: Some(100_000),
            ..EventParams::default()
        })
        .unwrap_or_default();
        assert!(q.flags.negated && q.flags.future && !q.flags.reported);
        assert_eq!(q.limit, MAX_LIMIT);
    }
}
