//! The connection, the migrations, the write batch and the queries.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::time::Duration;

use dyad_core::{ByteRange, DateValue};
use rusqlite::{
    Connection, ErrorCode, OptionalExtension, Row, Transaction, TransactionBehavior, params, params_from_iter,
};

use crate::gdelt::GdeltDoc;
use crate::records::*;

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite reported an error (including constraint violations and a busy database after the timeout).
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A JSON column could not be written or read.
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
    /// The database was written by a newer dyad.
    #[error("database schema version {found} is newer than this dyad knows ({known})")]
    TooNew {
        /// The database's `user_version`.
        found: u32,
        /// The newest version this build knows.
        known: u32,
    },
    /// A stored value does not parse (the database was edited by hand or is damaged).
    #[error("invalid stored value: {0}")]
    Invalid(String),
    /// Writing an export failed.
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
}

/// Result of store operations.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The schema migrations in order; migration `i` moves `user_version` from `i` to `i + 1`. Append only: a released
/// migration is never edited, because databases already past it would not run the change.
pub(crate) const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_init.sql"),
    include_str!("../migrations/0002_incremental.sql"),
    include_str!("../migrations/0003_flags_evidence.sql"),
    include_str!("../migrations/0004_query_indexes.sql"),
];

/// How long one attempt to take the write lock waits inside SQLite (its busy handler) before [`with_retry`] backs
/// off and tries again.
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// How long a writer keeps trying to take a busy database before giving up: another process's update stage can
/// hold the write lock for minutes on a large ingest, and waiting for it is what the user asked for.
const BUSY_GIVE_UP: Duration = Duration::from_secs(3600);

/// Whether an SQLite error means "another connection holds the lock; try again later" (`SQLITE_BUSY`, including
/// 517 `SQLITE_BUSY_SNAPSHOT`, "cannot promote read transaction", and `SQLITE_LOCKED`).
fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(e.sqlite_error_code(), Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked))
}

/// Runs `f` until it succeeds, fails with anything but a busy database, or [`BUSY_GIVE_UP`] has passed, sleeping
/// between tries with exponential backoff (10 ms doubling to 1 s, with jitter so that waiting processes do not
/// retry in step). `f` must be safe to repeat: it is a `BEGIN IMMEDIATE`, a pragma or a whole migration
/// transaction, never a statement inside a transaction that has already written.
pub(crate) fn with_retry<T>(mut f: impl FnMut() -> rusqlite::Result<T>) -> rusqlite::Result<T> {
    let started = std::time::Instant::now();
    let mut pause = Duration::from_millis(10);
    loop {
        match f() {
            Err(e) if is_busy(&e) && started.elapsed() < BUSY_GIVE_UP => {
                // Jitter from the clock's nanoseconds: no RNG dependency, different in every process.
                let nanos =
                    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
                let jitter = Duration::from_micros(u64::from(nanos % 1000) * pause.as_millis().min(1000) as u64 / 4);
                std::thread::sleep(pause + jitter);
                pause = (pause * 2).min(Duration::from_secs(1));
            }
            other => return other,
        }
    }
}

/// Which consolidated events to return. Empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventFilter {
    /// Source or target matches this actor (see [`EventFilter`] matching rule below).
    pub actor: Option<String>,
    /// Source matches A and target matches B, or the other way round.
    pub dyad: Option<(String, String)>,
    /// The event's first day is on or after this date's first day.
    pub from: Option<DateValue>,
    /// The event's first day is on or before this date's last day (`--to 2018` includes all of 2018).
    pub to: Option<DateValue>,
    /// The CAMEO root (`"04"`; `"4"` is read as `"04"`).
    pub root: Option<String>,
}

/// The upsert of one consolidated event row (36 columns, in [`Batch::upsert_event`]'s order).
const UPSERT_EVENT: &str = "INSERT INTO events (id, gdelt_id, code, root, quad_class, goldstein, plover,
     source_id, source_name, source_code, source_country, target_id, target_name, target_code,
     target_country, date_value, date_precision, date_first, date_basis, location_name, location_country,
     negated, future, reported, symmetric, historical, num_mentions, num_sources, num_articles, story,
     pattern, bucket, digest, hypothetical, attempted, alleged)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
     ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36)
     ON CONFLICT (id) DO UPDATE SET gdelt_id = excluded.gdelt_id, code = excluded.code,
     root = excluded.root, quad_class = excluded.quad_class, goldstein = excluded.goldstein,
     plover = excluded.plover, source_id = excluded.source_id, source_name = excluded.source_name,
     source_code = excluded.source_code, source_country = excluded.source_country,
     target_id = excluded.target_id, target_name = excluded.target_name,
     target_code = excluded.target_code, target_country = excluded.target_country,
     date_value = excluded.date_value, date_precision = excluded.date_precision,
     date_first = excluded.date_first, date_basis = excluded.date_basis,
     location_name = excluded.location_name, location_country = excluded.location_country,
     negated = excluded.negated, future = excluded.future, reported = excluded.reported,
     symmetric = excluded.symmetric, historical = excluded.historical,
     num_mentions = excluded.num_mentions, num_sources = excluded.num_sources,
     num_articles = excluded.num_articles, story = excluded.story, pattern = excluded.pattern,
     bucket = excluded.bucket, digest = excluded.digest, hypothetical = excluded.hypothetical,
     attempted = excluded.attempted, alleged = excluded.alleged";

/// The database. One per process; open it again in another process and SQLite's locks plus the busy timeout make
/// the writers take turns.
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (creating if needed) the database file and brings its schema up to date.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        Store::init(Connection::open(path)?)
    }

    /// A fresh database in memory (tests, `extract`-like runs).
    pub fn open_in_memory() -> Result<Store> {
        Store::init(Connection::open_in_memory()?)
    }

    fn init(mut conn: Connection) -> Result<Store> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // WAL: readers never block the writer; NORMAL sync is durable across a killed process (only power loss
        // can cost the last commits). In memory the journal mode stays "memory", which is fine. Switching a new
        // file to WAL needs an exclusive lock, which a second process opening it at the same moment may hold.
        with_retry(|| conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(())))?;
        // A database of 10^5 pages is a few GB and its key indexes take inserts all over: reading pages through a
        // memory map instead of copying them in, and a 256 MB page cache, keep a growing database fast.
        conn.execute_batch(
            "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -262144;
",
        )?;
        migrate(&mut conn)?;
        Ok(Store { conn })
    }

    pub(crate) fn from_connection(conn: Connection) -> Store {
        Store { conn }
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    #[cfg(test)]
    pub(crate) fn conn_for_tests(&self) -> &Connection {
        &self.conn
    }

    /// The schema version (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<u32> {
        user_version(&self.conn)
    }

    /// Whether a document with this content hash is stored (ok or skipped).
    pub fn has_document(&self, hash: &str) -> Result<bool> {
        has_document(&self.conn, hash)
    }

    /// Starts a write batch: one transaction, committed by [`Batch::commit`] and rolled back when dropped.
    ///
    /// It begins `IMMEDIATE`, taking the write lock at once (waiting, with backoff, while another connection or
    /// process holds it): a transaction that read first and wrote later could find that another process wrote in
    /// between and fail with "cannot promote read transaction" (SQLite 517), which no wait can cure.
    pub fn batch(&mut self) -> Result<Batch<'_>> {
        let conn = &self.conn;
        let tx = with_retry(|| Transaction::new_unchecked(conn, TransactionBehavior::Immediate))?;
        Ok(Batch { tx })
    }

    /// Runs `f` in one transaction: commits when it returns `Ok`, rolls everything back when it returns `Err`.
    pub fn transaction<T, E: From<StoreError>>(&mut self, f: impl FnOnce(&Batch<'_>) -> Result<T, E>) -> Result<T, E> {
        let batch = self.batch()?;
        let out = f(&batch)?;
        batch.commit()?;
        Ok(out)
    }

    /// Consolidated events matching `filter`, oldest first (undated last), each with its mentions.
    pub fn events(&self, filter: &EventFilter) -> Result<Vec<EventRecord>> {
        query_events(&self.conn, filter)
    }

    /// One event with its mentions.
    pub fn event(&self, id: &str) -> Result<Option<EventRecord>> {
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {EVENT_COLUMNS} FROM events WHERE id = ?1"))?;
        let mut rows = stmt.query([id])?;
        match rows.next()? {
            Some(row) => Ok(Some(event_from_row(&self.conn, row)?)),
            None => Ok(None),
        }
    }

    /// Canonical actors with aliases (in the order first seen) and roles, by id.
    pub fn actors(&self) -> Result<Vec<ActorRecord>> {
        let mut actors = Vec::new();
        let mut stmt = self.conn.prepare("SELECT id, name, kind, code, country FROM actors ORDER BY id")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            actors.push(actor_from_row(&self.conn, row)?);
        }
        Ok(actors)
    }

    /// Story clusters by id, members in the order written.
    pub fn stories(&self) -> Result<Vec<Story>> {
        let mut stmt = self.conn.prepare("SELECT id, original_file, similarity FROM stories ORDER BY id")?;
        let mut members = self.conn.prepare_cached("SELECT file FROM story_members WHERE story = ?1 ORDER BY ord")?;
        let mut out = Vec::new();
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let id: String = row.get(0)?;
            let files = members.query_map([&id], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
            out.push(story_from_parts(id, files, row.get(1)?, row.get(2)?));
        }
        Ok(out)
    }

    /// Every stored relation.
    pub fn relations(&self) -> Result<Vec<Relation>> {
        let mut stmt = self.conn.prepare(&format!("SELECT {RELATION_COLUMNS} FROM relations ORDER BY id"))?;
        let rows = stmt.query_map([], relation_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Full-text search over titles, bodies and captions. `words` is plain text: every word must occur (prefixes
    /// are not expanded); FTS5 operators in it are treated as words, so user input never causes a syntax error.
    pub fn search(&self, words: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let query =
            words.split_whitespace().map(|w| format!("\"{}\"", w.replace('"', "\"\""))).collect::<Vec<_>>().join(" ");
        if query.is_empty() {
            return Ok(Vec::new());
        }
        self.search_fts(&query, limit)
    }

    /// Full-text search with an FTS5 query expression (`"kim jong" AND cuba`, `minist*`).
    pub fn search_fts(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.doc, a.file, a.title, snippet(article_fts, 1, '[', ']', '…', 16)
             FROM article_fts JOIN articles a ON a.id = article_fts.rowid
             WHERE article_fts MATCH ?1 ORDER BY rank LIMIT ?2",
        )?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt.query_map(params![query, limit], |r| {
            Ok(SearchHit { doc: r.get(0)?, file: r.get(1)?, title: r.get(2)?, snippet: r.get(3)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The stored document row.
    pub fn document(&self, hash: &str) -> Result<Option<DocumentRecord>> {
        Ok(self
            .conn
            .query_row(
                "SELECT hash, path, size, raw, status, reason, ingested_at FROM documents WHERE hash = ?1",
                [hash],
                |r| {
                    let status: String = r.get(4)?;
                    Ok(DocumentRecord {
                        hash: r.get(0)?,
                        path: r.get(1)?,
                        size: r.get(2)?,
                        raw: r.get(3)?,
                        status: if status == "ok" { DocumentStatus::Ok } else { DocumentStatus::Skipped },
                        reason: r.get(5)?,
                        ingested_at: r.get(6)?,
                    })
                },
            )
            .optional()?)
    }

    /// The article of a document.
    pub fn article(&self, doc: &str) -> Result<Option<Article>> {
        load_article(&self.conn, doc)
    }

    /// Every article with its document hash, in the order ingested (the input of story clustering).
    pub fn articles(&self) -> Result<Vec<(String, Article)>> {
        let mut stmt = self.conn.prepare(&format!("SELECT {ARTICLE_COLUMNS} FROM articles ORDER BY id"))?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            out.push(article_from_row(row)?);
        }
        Ok(out)
    }

    /// A document's sentences in order.
    pub fn sentences(&self, doc: &str) -> Result<Vec<PageSentence>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT idx, byte_start, byte_end, text FROM sentences WHERE doc = ?1 ORDER BY idx")?;
        let rows = stmt.query_map([doc], |r| {
            Ok(PageSentence { index: r.get(0)?, start: r.get(1)?, end: r.get(2)?, text: r.get(3)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Row counts, with skipped documents broken down by reason.
    pub fn counts(&self) -> Result<Counts> {
        let count = |table: &str| -> Result<u64> {
            Ok(self.conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
        };
        let mut skipped = BTreeMap::new();
        let mut stmt = self.conn.prepare(
            "SELECT coalesce(reason, ''), count(*) FROM documents WHERE status = 'skipped' GROUP BY 1 ORDER BY 1",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u64>(1)?)))?;
        for row in rows {
            let (reason, n) = row?;
            skipped.insert(reason, n);
        }
        Ok(Counts {
            documents: count("documents")?,
            skipped,
            articles: count("articles")?,
            sentences: count("sentences")?,
            actors: count("actors")?,
            actor_mentions: count("actor_mentions")?,
            events: count("events")?,
            event_mentions: count("event_mentions")?,
            relations: count("relations")?,
            stories: count("stories")?,
        })
    }

    /// The context for [`crate::write_gdelt_events`] and [`crate::write_gdelt_mentions`]: every article's path,
    /// outlet, date and length; `DATEADDED` is the time of export.
    pub fn gdelt_context(&self) -> Result<crate::GdeltContext> {
        Ok(crate::GdeltContext { date_added: None, docs: self.gdelt_docs()? })
    }

    /// What the GDELT writers need to know about each article, keyed by file name (the `file` of mentions).
    pub fn gdelt_docs(&self) -> Result<HashMap<String, GdeltDoc>> {
        let mut stmt = self.conn.prepare(
            "SELECT a.file, d.path, a.outlet, a.published_first, length(a.body_text)
             FROM articles a JOIN documents d ON d.hash = a.doc ORDER BY a.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, u64>(4)?,
            ))
        })?;
        let mut out = HashMap::new();
        for row in rows {
            let (file, path, outlet, published, len) = row?;
            let published = published.and_then(|p| chrono::NaiveDate::parse_from_str(&p, "%Y-%m-%d").ok());
            out.insert(file, GdeltDoc { url: path, outlet, published, len });
        }
        Ok(out)
    }
}

/// One write transaction. Everything written through it becomes visible, and durable, at [`Batch::commit`];
/// dropping it (or a panic, or a killed process) leaves the database as it was before the batch began.
pub struct Batch<'a> {
    pub(crate) tx: Transaction<'a>,
}

impl Batch<'_> {
    /// Makes the batch durable.
    pub fn commit(self) -> Result<()> {
        Ok(self.tx.commit()?)
    }

    /// Whether the document is stored, counting rows written earlier in this batch.
    pub fn has_document(&self, hash: &str) -> Result<bool> {
        has_document(&self.tx, hash)
    }

    /// Writes a document with everything extracted from it. Returns `false`, writing nothing, when a document with
    /// the same hash is already stored: ingesting the same bytes twice changes nothing.
    pub fn add_document(&self, doc: &DocumentRecord, parsed: &ParsedDocument) -> Result<bool> {
        if !self.insert_document_row(doc, DocumentStatus::Ok, None)? {
            return Ok(false);
        }
        self.insert_article(&doc.hash, &parsed.article)?;
        let mut sentence = self.tx.prepare_cached(
            "INSERT OR IGNORE INTO sentences (doc, idx, byte_start, byte_end, text) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for s in &parsed.sentences {
            sentence.execute(params![doc.hash, s.index, s.start, s.end, s.text])?;
        }
        for actor in &parsed.actors {
            self.upsert_actor(actor)?;
        }
        let mut mention = self.tx.prepare_cached(
            "INSERT OR IGNORE INTO actor_mentions (actor, doc, sentence, byte_start, byte_end, text)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for m in &parsed.mentions {
            mention.execute(params![m.mention.actor, doc.hash, m.sentence, m.start, m.end, m.mention.text])?;
        }
        for r in &parsed.relations {
            let mut r = r.clone();
            if r.evidence.doc.is_none() && (r.evidence.file == parsed.article.file || r.evidence.file == doc.path) {
                r.evidence.doc = Some(doc.hash.clone());
            }
            self.insert_relation(&r)?;
        }
        if let Some(coding) = &parsed.coding {
            self.set_coding(&doc.hash, coding)?;
        }
        self.tx.prepare_cached("INSERT OR IGNORE INTO pending (doc) VALUES (?1)")?.execute([&doc.hash])?;
        Ok(true)
    }

    /// Sets the publication date of a document's article after the fact (a year inferred from its story).
    pub fn set_published(&self, doc: &str, published: &Published) -> Result<bool> {
        let changed = self.tx.execute(
            "UPDATE articles SET published_value = ?2, published_precision = ?3, published_first = ?4,
             published_evidence = ?5, published_basis = ?6 WHERE doc = ?1",
            params![
                doc,
                published.date.to_string(),
                published.date.precision().as_str(),
                published.date.first_day().to_string(),
                published.evidence,
                basis(published),
            ],
        )?;
        Ok(changed > 0)
    }

    /// Records a document that produced no article, with the reason (`empty page`, `not English`, ...). Returns
    /// `false` when the hash is already stored.
    pub fn add_skipped(&self, doc: &DocumentRecord, reason: &str) -> Result<bool> {
        self.insert_document_row(doc, DocumentStatus::Skipped, Some(reason))
    }

    /// Removes a document and everything extracted from it (to re-ingest it with a newer dyad). Events and stories
    /// that cite it keep their mentions with the document reference cleared; re-consolidate them.
    pub fn remove_document(&self, hash: &str) -> Result<bool> {
        Ok(self.tx.execute("DELETE FROM documents WHERE hash = ?1", [hash])? > 0)
    }

    fn insert_document_row(&self, doc: &DocumentRecord, status: DocumentStatus, reason: Option<&str>) -> Result<bool> {
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO documents (hash, path, size, raw, status, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (hash) DO NOTHING",
        )?;
        let n = stmt.execute(params![doc.hash, doc.path, doc.size, doc.raw, status.as_str(), reason])?;
        Ok(n > 0)
    }

    fn insert_article(&self, doc: &str, a: &Article) -> Result<()> {
        let mut body_text = String::new();
        for block in a.body.iter().chain(&a.captions) {
            if !body_text.is_empty() {
                body_text.push_str("\n\n");
            }
            body_text.push_str(&block.text);
        }
        let published = a.published.as_ref();
        self.tx
            .prepare_cached(
                "INSERT INTO articles (doc, file, title, outlet, outlet_country, dateline, published_value,
                 published_precision, published_first, published_evidence, published_basis, language, body_json,
                 captions_json, dropped_json, body_text, candidates_json)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
            )?
            .execute(params![
                doc,
                a.file,
                a.title,
                a.outlet,
                a.outlet_country,
                a.dateline,
                published.map(|p| p.date.to_string()),
                published.map(|p| p.date.precision().as_str()),
                published.map(|p| p.date.first_day().to_string()),
                published.map(|p| p.evidence.as_str()),
                published.and_then(basis),
                a.language,
                serde_json::to_string(&a.body)?,
                serde_json::to_string(&a.captions)?,
                serde_json::to_string(&a.dropped)?,
                body_text,
                serde_json::to_string(&a.published_candidates)?,
            ])?;
        Ok(())
    }

    /// Replaces an actor's aliases with `aliases`, in that order (for people, whose alias list the registry keeps
    /// in the order it learned them).
    pub fn replace_aliases(&self, actor: &str, aliases: &[String]) -> Result<()> {
        self.tx.prepare_cached("DELETE FROM actor_aliases WHERE actor = ?1")?.execute([actor])?;
        let mut alias = self.tx.prepare_cached("INSERT OR IGNORE INTO actor_aliases (actor, alias) VALUES (?1, ?2)")?;
        for a in aliases {
            alias.execute(params![actor, a])?;
        }
        Ok(())
    }

    /// Inserts or merges a canonical actor: name, kind, code and country take the new values; aliases are added;
    /// a role already known widens its first/last-seen dates.
    pub fn upsert_actor(&self, actor: &ActorRecord) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO actors (id, name, kind, code, country) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, code = excluded.code,
                 country = coalesce(excluded.country, actors.country)",
            )?
            .execute(params![actor.id, actor.name, actor.kind.as_str(), actor.code, actor.country])?;
        let mut alias = self.tx.prepare_cached("INSERT OR IGNORE INTO actor_aliases (actor, alias) VALUES (?1, ?2)")?;
        for a in &actor.aliases {
            alias.execute(params![actor.id, a])?;
        }
        let mut role = self.tx.prepare_cached(
            "INSERT INTO actor_roles (actor, role, country, first_seen, last_seen) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (actor, role, country) DO UPDATE SET
               first_seen = CASE WHEN first_seen IS NULL THEN excluded.first_seen
                                 WHEN excluded.first_seen IS NULL THEN first_seen
                                 ELSE min(first_seen, excluded.first_seen) END,
               last_seen = CASE WHEN last_seen IS NULL THEN excluded.last_seen
                                WHEN excluded.last_seen IS NULL THEN last_seen
                                ELSE max(last_seen, excluded.last_seen) END",
        )?;
        for r in &actor.roles {
            let (first, last) = (r.seen.map(|d| d.to_string()), r.last_seen.or(r.seen).map(|d| d.to_string()));
            role.execute(params![actor.id, r.role, r.country.as_deref().unwrap_or(""), first, last])?;
        }
        Ok(())
    }

    /// Inserts a relation; the same relation from the same sentence is stored once.
    pub fn insert_relation(&self, r: &Relation) -> Result<()> {
        let doc = self.resolve_doc(&r.evidence)?;
        self.tx
            .prepare_cached(
                "INSERT OR IGNORE INTO relations (kind, a, b, as_of, doc, file, sentence, byte_start, byte_end,
                 evidence) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?
            .execute(params![
                r.kind,
                r.a,
                r.b,
                r.as_of,
                doc,
                r.evidence.file,
                r.evidence.sentence,
                r.evidence.start,
                r.evidence.end,
                r.evidence.text
            ])?;
        Ok(())
    }

    /// Writes a consolidated event, replacing any stored event with the same id together with its mentions, so
    /// re-consolidation after new documents simply upserts every event it touched.
    pub fn upsert_event(&self, e: &EventRecord) -> Result<()> {
        self.write_event(e, None, None)
    }

    /// [`Batch::upsert_event`], recording the consolidation bucket the event was built in and its digest.
    pub(crate) fn write_event(&self, e: &EventRecord, bucket: Option<&str>, digest: Option<i64>) -> Result<()> {
        let src = &e.source;
        let tgt = e.target.as_ref();
        // The columns index one period, so a range is stored as the period that holds it.
        let date = e.date.as_ref().and_then(EventDate::to_period);
        let day = date.as_ref().and_then(EventDate::period);
        let loc = e.location.as_ref();
        // An unknown code is stored as "" (and read back as such) so that the code filters see a string.
        let code = |a: &Party| a.code.clone().unwrap_or_default();
        self.tx.prepare_cached(UPSERT_EVENT)?.execute(params![
            e.id,
            crate::hash::gdelt_event_id(&e.id) as i64,
            e.code,
            e.root,
            e.quad_class,
            e.goldstein,
            e.plover,
            src.id,
            src.name,
            code(src),
            src.country,
            tgt.map(|a| a.id.as_str()),
            tgt.map(|a| a.name.as_str()),
            tgt.map(code),
            tgt.and_then(|a| a.country.as_deref()),
            date.as_ref().map(|d| d.when.to_string()),
            date.as_ref().map(|d| d.precision().as_str()),
            day.map(|d| d.first_day().to_string()),
            date.as_ref().map(|d| d.basis.as_str()),
            loc.map(|l| l.name.as_str()),
            loc.and_then(|l| l.country.as_deref()),
            e.flags.negated,
            e.flags.future,
            e.flags.reported,
            e.flags.symmetric,
            e.flags.historical,
            e.num_mentions,
            e.num_sources,
            e.num_articles,
            e.story,
            Some(e.pattern.as_str()).filter(|p| !p.is_empty()),
            bucket,
            digest,
            e.flags.hypothetical,
            e.flags.attempted,
            e.flags.alleged,
        ])?;
        self.write_event_mentions(e)
    }

    /// Replaces the stored mentions of `e` with its own.
    fn write_event_mentions(&self, e: &EventRecord) -> Result<()> {
        self.tx.prepare_cached("DELETE FROM event_mentions WHERE event = ?1")?.execute([&e.id])?;
        let mut mention = self.tx.prepare_cached(
            "INSERT INTO event_mentions (event, ord, doc, file, sentence, byte_start, byte_end, text, evidence_start,
             evidence_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?;
        for (ord, m) in e.mentions.iter().enumerate() {
            let doc = self.resolve_doc(m)?;
            let (from, to) = (m.evidence.map(ByteRange::start), m.evidence.map(ByteRange::end));
            mention.execute(params![e.id, ord, doc, m.file, m.sentence, m.start, m.end, m.text, from, to])?;
        }
        Ok(())
    }

    /// Deletes an event (and its mentions), e.g. when consolidation merged it into another.
    pub fn remove_event(&self, id: &str) -> Result<bool> {
        Ok(self.tx.execute("DELETE FROM events WHERE id = ?1", [id])? > 0)
    }

    /// Writes a story, replacing any stored story with the same id and its member list.
    pub fn upsert_story(&self, s: &Story) -> Result<()> {
        let original_doc = self.doc_for_file(&s.original)?;
        self.tx
            .prepare_cached(
                "INSERT INTO stories (id, original_doc, original_file, similarity) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (id) DO UPDATE SET original_doc = excluded.original_doc,
                 original_file = excluded.original_file, similarity = excluded.similarity",
            )?
            .execute(params![s.id, original_doc, s.original, s.similarity])?;
        self.tx.prepare_cached("DELETE FROM story_members WHERE story = ?1")?.execute([&s.id])?;
        let mut member =
            self.tx.prepare_cached("INSERT INTO story_members (story, ord, doc, file) VALUES (?1, ?2, ?3, ?4)")?;
        for (ord, file) in s.files.iter().enumerate() {
            member.execute(params![s.id, ord, self.doc_for_file(file)?, file])?;
        }
        Ok(())
    }

    /// Deletes a story.
    pub fn remove_story(&self, id: &str) -> Result<bool> {
        Ok(self.tx.execute("DELETE FROM stories WHERE id = ?1", [id])? > 0)
    }

    /// Events matching a filter, as stored so far in this batch (for consolidation against stored events).
    pub fn events(&self, filter: &EventFilter) -> Result<Vec<EventRecord>> {
        query_events(&self.tx, filter)
    }

    fn resolve_doc(&self, m: &Mention) -> Result<Option<String>> {
        match &m.doc {
            Some(hash) if has_document(&self.tx, hash)? => Ok(Some(hash.clone())),
            _ => self.doc_for_file(&m.file),
        }
    }

    /// The document an article file name (or an ingest path) refers to; the latest when several share a name.
    fn doc_for_file(&self, file: &str) -> Result<Option<String>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT doc FROM (
                 SELECT a.doc AS doc, a.id AS k FROM articles a WHERE a.file = ?1
                 UNION ALL SELECT d.hash, -1 FROM documents d WHERE d.path = ?1)
             ORDER BY k DESC LIMIT 1",
        )?;
        Ok(stmt.query_row([file], |r| r.get(0)).optional()?)
    }
}

fn user_version(conn: &Connection) -> Result<u32> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Brings the schema up to date. Race-free across processes: the version is read again inside an `IMMEDIATE`
/// transaction (which holds the write lock), so of two processes opening a new database at once one creates the
/// schema and the other, waiting for the lock, then finds it current and runs nothing. The migrations and their
/// version bump commit together, so a crash mid-migration leaves the old version.
fn migrate(conn: &mut Connection) -> Result<()> {
    let known = MIGRATIONS.len() as u32;
    let found = user_version(conn)?;
    if found > known {
        return Err(StoreError::TooNew { found, known });
    }
    if found == known {
        return Ok(());
    }
    let conn = &*conn;
    let tx = with_retry(|| Transaction::new_unchecked(conn, TransactionBehavior::Immediate))?;
    let found = user_version(&tx)?;
    if found > known {
        return Err(StoreError::TooNew { found, known });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as u32 + 1)?;
    }
    tx.commit()?;
    Ok(())
}

fn has_document(conn: &Connection, hash: &str) -> Result<bool> {
    let mut stmt = conn.prepare_cached("SELECT 1 FROM documents WHERE hash = ?1")?;
    Ok(stmt.exists([hash])?)
}

const ARTICLE_COLUMNS: &str = "doc, file, title, outlet, outlet_country, dateline, published_value, \
     published_precision, published_evidence, published_basis, language, body_json, captions_json, dropped_json, \
     candidates_json";

/// How a publication date was chosen, as stored: `NULL` when unknown.
fn basis(p: &Published) -> Option<&str> {
    Some(p.basis.as_str()).filter(|b| !b.is_empty())
}

/// The stored article of a document.
pub(crate) fn load_article(conn: &Connection, doc: &str) -> Result<Option<Article>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE doc = ?1"))?;
    let mut rows = stmt.query([doc])?;
    match rows.next()? {
        Some(row) => Ok(Some(article_from_row(row)?.1)),
        None => Ok(None),
    }
}

fn article_from_row(row: &Row<'_>) -> Result<(String, Article)> {
    let published = match (row.get::<_, Option<String>>(6)?, row.get::<_, Option<String>>(7)?) {
        (Some(value), Some(precision)) => Some(Published {
            date: parse_date(&value, &precision)?,
            evidence: row.get::<_, Option<String>>(8)?.unwrap_or_default(),
            basis: row.get::<_, Option<String>>(9)?.unwrap_or_default(),
        }),
        _ => None,
    };
    // A dropped region whose reason this build does not know (an older dyad's) is left out, not an error.
    let dropped: Vec<serde_json::Value> = serde_json::from_str(&row.get::<_, String>(13)?)?;
    let article = Article {
        file: row.get(1)?,
        format: PageFormat::Text,
        title: row.get(2)?,
        outlet: row.get(3)?,
        outlet_country: row.get(4)?,
        dateline: row.get(5)?,
        published,
        language: row.get(10)?,
        body: serde_json::from_str(&row.get::<_, String>(11)?)?,
        captions: serde_json::from_str(&row.get::<_, String>(12)?)?,
        dropped: dropped.into_iter().filter_map(|d| serde_json::from_value(d).ok()).collect(),
        published_candidates: serde_json::from_str(&row.get::<_, String>(14)?)?,
    };
    Ok((row.get(0)?, article))
}

pub(crate) fn parse_date(value: &str, precision: &str) -> Result<DateValue> {
    let date: DateValue = value.parse().map_err(|e| StoreError::Invalid(format!("date {value:?}: {e}")))?;
    if date.precision().as_str() != precision {
        return Err(StoreError::Invalid(format!("date {value:?} is not of precision {precision}")));
    }
    Ok(date)
}

pub(crate) const EVENT_COLUMNS: &str = "id, code, root, quad_class, goldstein, plover, source_id, source_name, source_code, \
     source_country, target_id, target_name, target_code, target_country, date_value, date_precision, date_basis, \
     location_name, location_country, negated, future, reported, symmetric, historical, num_mentions, num_sources, \
     num_articles, story, pattern, hypothetical, attempted, alleged";

/// The SQL condition "this side of the event matches `?n`": the actor code starts with it (CAMEO codes are built of
/// 3-letter parts, so `PRK` matches `PRKGOV`) or the side's country is it. The prefix test is written as a range
/// (every string that starts with `?n` lies in [`?n`, `?n` + U+10FFFF)) so that SQLite can answer each term from
/// the code and country indexes instead of scanning the table.
pub(crate) fn side_matches(side: &str, n: usize) -> String {
    format!("(({side}_code >= ?{n} AND {side}_code < ?{n} || char(1114111)) OR {side}_country = ?{n})")
}

fn query_events(conn: &Connection, filter: &EventFilter) -> Result<Vec<EventRecord>> {
    let mut args: Vec<String> = Vec::new();
    let mut sql = format!("SELECT {EVENT_COLUMNS} FROM events WHERE 1 = 1{}", filter_sql(filter, &mut args));
    sql += " ORDER BY date_first IS NULL, date_first, id";
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params_from_iter(args.iter()))?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(event_from_row(conn, row)?);
    }
    Ok(out)
}

/// The two ways one side of an event matches `?n` (see [`side_matches`]), each answerable from an index.
fn side_terms(side: &str, n: usize) -> [String; 2] {
    [format!("{side}_code >= ?{n} AND {side}_code < ?{n} || char(1114111)"), format!("{side}_country = ?{n}")]
}

/// The SQL conditions of `filter` (each starting with " AND "), pushing their parameters onto `args` (numbered
/// from `args.len() + 1`).
///
/// The dyad (or, without one, the actor) is written as an OR of branches, each a conjunction of indexable terms
/// that also carries the date range: SQLite plans each OR branch from that branch's own terms only, so
/// this is what lets it seek the composite indexes of migration 4 (e.g. `(source_country, target_country,
/// date_first)`) instead of reading every event of one side. `X AND (B1 OR B2)` and `(X AND B1) OR (X AND B2)`
/// select the same rows, NULLs included.
pub(crate) fn filter_sql(filter: &EventFilter, args: &mut Vec<String>) -> String {
    let mut sql = String::new();
    let mut arg = |value: String| {
        args.push(value);
        args.len()
    };
    let mut branches: Vec<String> = Vec::new();
    if let Some((a, b)) = &filter.dyad {
        let (na, nb) = (arg(a.clone()), arg(b.clone()));
        for (x, y) in [(na, nb), (nb, na)] {
            for s in side_terms("source", x) {
                for t in side_terms("target", y) {
                    branches.push(format!("{s} AND {t}"));
                }
            }
        }
    }
    if let Some(actor) = &filter.actor {
        let n = arg(actor.clone());
        if branches.is_empty() {
            branches.extend(side_terms("source", n).into_iter().chain(side_terms("target", n)));
        } else {
            sql += &format!(" AND ({} OR {})", side_matches("source", n), side_matches("target", n));
        }
    }
    let mut common = String::new();
    if let Some(from) = filter.from {
        common += &format!(" AND date_first >= ?{}", arg(from.first_day().to_string()));
    }
    if let Some(to) = filter.to {
        common += &format!(" AND date_first <= ?{}", arg(to.last_day().to_string()));
    }
    if branches.is_empty() {
        sql += &common;
    } else {
        let ors: Vec<String> = branches.iter().map(|b| format!("({b}{common})")).collect();
        sql += &format!(" AND ({})", ors.join(" OR "));
    }
    // The root stays outside the branches: inside, SQLite answers every branch from the root index and
    // reads the root's events once per branch.
    if let Some(root) = &filter.root {
        let root = if root.len() == 1 { format!("0{root}") } else { root.clone() };
        sql += &format!(" AND root = ?{}", arg(root));
    }
    sql
}

/// An event side from its four columns; `None` when it has neither name nor code. The code is read as stored, so
/// an unknown code written as "" prints as "".
fn party(row: &Row<'_>, at: usize) -> rusqlite::Result<Option<Party>> {
    let name: Option<String> = row.get(at + 1)?;
    let code: Option<String> = row.get(at + 2)?;
    if name.is_none() && code.is_none() {
        return Ok(None);
    }
    Ok(Some(Party {
        id: row.get::<_, Option<String>>(at)?.unwrap_or_default(),
        name: name.unwrap_or_default(),
        code: Some(code.unwrap_or_default()),
        country: row.get(at + 3)?,
    }))
}

/// An actor from a row of `id, name, kind, code, country`, with its aliases and roles read from `conn`.
pub(crate) fn actor_from_row(conn: &Connection, row: &Row<'_>) -> Result<ActorRecord> {
    let id: String = row.get(0)?;
    let mut aliases = conn.prepare_cached("SELECT alias FROM actor_aliases WHERE actor = ?1 ORDER BY rowid")?;
    let mut roles = conn.prepare_cached(
        "SELECT role, country, first_seen, last_seen FROM actor_roles WHERE actor = ?1
         ORDER BY first_seen IS NULL, first_seen, role, country",
    )?;
    let alias_list = aliases.query_map([&id], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
    let rows = roles
        .query_map([&id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<Vec<(String, String, Option<String>, Option<String>)>>>()?;
    let mut role_list = Vec::with_capacity(rows.len());
    for (role, country, first, last) in rows {
        let seen = first.as_deref().map(parse_day).transpose()?;
        let last = last.as_deref().map(parse_day).transpose()?;
        role_list.push(RoleRecord {
            role,
            country: (!country.is_empty()).then_some(country),
            last_seen: last.filter(|l| Some(*l) != seen),
            seen,
        });
    }
    let kind: String = row.get(2)?;
    Ok(ActorRecord {
        name: row.get(1)?,
        kind: ActorKind::parse(&kind).ok_or_else(|| StoreError::Invalid(format!("actor {id}: kind {kind:?}")))?,
        code: row.get(3)?,
        country: row.get(4)?,
        aliases: alias_list,
        roles: role_list,
        id,
    })
}

/// A stored day (`YYYY-MM-DD`).
fn parse_day(s: &str) -> Result<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| StoreError::Invalid(format!("date {s:?}")))
}

/// A story from its row and member files. A story written without an original (none is, since schema version 1)
/// reads back with an empty one.
pub(crate) fn story_from_parts(id: String, files: Vec<String>, original: Option<String>, similarity: f64) -> Story {
    Story { id, files, original: original.unwrap_or_default(), similarity }
}

/// The columns of a relation row, in the order [`relation_from_row`] reads them.
pub(crate) const RELATION_COLUMNS: &str = "kind, a, b, as_of, file, sentence, byte_start, byte_end, evidence, doc";

/// A relation from a row of [`RELATION_COLUMNS`].
pub(crate) fn relation_from_row(r: &Row<'_>) -> rusqlite::Result<Relation> {
    Ok(Relation {
        kind: r.get(0)?,
        a: r.get(1)?,
        b: r.get(2)?,
        as_of: r.get(3)?,
        evidence: Mention {
            file: r.get(4)?,
            sentence: r.get::<_, Option<usize>>(5)?.unwrap_or_default(),
            start: r.get(6)?,
            end: r.get(7)?,
            text: r.get(8)?,
            doc: r.get(9)?,
            evidence: None,
        },
    })
}

/// An event from a row of `EVENT_COLUMNS`, with its mentions read from `conn`.
pub(crate) fn event_from_row(conn: &Connection, row: &Row<'_>) -> Result<EventRecord> {
    let id: String = row.get(0)?;
    let date = match (row.get::<_, Option<String>>(14)?, row.get::<_, Option<String>>(15)?) {
        (Some(value), Some(precision)) => Some(EventDate::from_value(
            parse_date(&value, &precision)?,
            row.get::<_, Option<String>>(16)?.unwrap_or_default(),
        )),
        _ => None,
    };
    let location = match (row.get::<_, Option<String>>(17)?, row.get::<_, Option<String>>(18)?) {
        (None, None) => None,
        (name, country) => Some(Location { name: name.unwrap_or_default(), country }),
    };
    let mut stmt = conn.prepare_cached(
        "SELECT file, sentence, byte_start, byte_end, text, doc, evidence_start, evidence_end FROM event_mentions
         WHERE event = ?1 ORDER BY ord",
    )?;
    let mentions = stmt
        .query_map([&id], |r| {
            Ok(Mention {
                file: r.get(0)?,
                sentence: r.get::<_, Option<usize>>(1)?.unwrap_or_default(),
                start: r.get(2)?,
                end: r.get(3)?,
                text: r.get(4)?,
                doc: r.get(5)?,
                evidence: match (r.get::<_, Option<usize>>(6)?, r.get::<_, Option<usize>>(7)?) {
                    (Some(from), Some(to)) => ByteRange::new(from, to),
                    _ => None,
                },
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(EventRecord {
        id,
        code: row.get(1)?,
        root: row.get(2)?,
        quad_class: row.get(3)?,
        goldstein: row.get(4)?,
        plover: row.get(5)?,
        source: party(row, 6)?.unwrap_or_default(),
        target: party(row, 10)?,
        date,
        location,
        flags: Flags {
            negated: row.get(19)?,
            future: row.get(20)?,
            reported: row.get(21)?,
            symmetric: row.get(22)?,
            historical: row.get(23)?,
            hypothetical: row.get(29)?,
            attempted: row.get(30)?,
            alleged: row.get(31)?,
        },
        mentions,
        num_mentions: row.get(24)?,
        num_sources: row.get(25)?,
        num_articles: row.get(26)?,
        story: row.get(27)?,
        pattern: row.get::<_, Option<String>>(28)?.unwrap_or_default(),
    })
}
