//! Read-only access for long-running readers such as `dyad serve`: a connection that never writes or migrates,
//! a handle to cut a slow query short, and bounded queries (keyset pages in a stable order, aggregates for charts)
//! whose cost does not grow with what the caller does not see.

use std::path::Path;

use rusqlite::{Connection, OpenFlags, OptionalExtension, params, params_from_iter};
use serde::{Deserialize, Serialize};

use crate::records::*;
use crate::store::{
    BUSY_TIMEOUT, EVENT_COLUMNS, EventFilter, MIGRATIONS, RELATION_COLUMNS, Result, Store, StoreError, actor_from_row,
    event_from_row, filter_sql, relation_from_row, side_matches, story_from_parts,
};

/// Cuts the connection's running statement short from another thread (it then fails with "interrupted").
pub struct Interrupt(rusqlite::InterruptHandle);

impl Interrupt {
    /// Interrupts whatever the connection is running now; a no-op when it is idle.
    pub fn interrupt(&self) {
        self.0.interrupt();
    }
}

/// Where a page of events ends: the last event's first day (`None` for undated) and id. Events are ordered by
/// (dated first, first day, id), a total order, so a page that starts after a cursor neither repeats nor skips
/// an event even while an ingest adds rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventCursor {
    /// The last event's first day (`YYYY-MM-DD`), `None` when it is undated.
    pub date_first: Option<String>,
    /// The last event's id.
    pub id: String,
}

impl EventCursor {
    /// The cursor as one opaque token (`DATE~ID`, `~ID` when undated).
    pub fn encode(&self) -> String {
        format!("{}~{}", self.date_first.as_deref().unwrap_or(""), self.id)
    }

    /// Reads a token made by [`EventCursor::encode`]; `None` when it is not one.
    pub fn decode(token: &str) -> Option<EventCursor> {
        let (date, id) = token.split_once('~')?;
        let date_ok = date.is_empty() || (date.len() == 10 && date.bytes().all(|b| b.is_ascii_digit() || b == b'-'));
        if !date_ok || id.is_empty() {
            return None;
        }
        Some(EventCursor { date_first: (!date.is_empty()).then(|| date.to_string()), id: id.to_string() })
    }
}

/// A page of consolidated events: the CLI's [`EventFilter`] plus QuadClass, flags and a full-text query, after a
/// cursor, at most `limit` events.
#[derive(Debug, Clone, Default)]
pub struct EventQuery {
    /// The CLI's filters.
    pub filter: EventFilter,
    /// Only this QuadClass (1-4).
    pub quad_class: Option<u8>,
    /// Every flag set here must be set on the event.
    pub flags: dyad_events::Flags,
    /// Only events reported in an article that matches these words (FTS5; every word must occur).
    pub text: Option<String>,
    /// Start after this event.
    pub after: Option<EventCursor>,
    /// Most events to return.
    pub limit: usize,
}

/// A partner of an actor: the other side of its events, by country when known (else actor code, else name),
/// named as the country itself where an event names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Partner {
    /// The partner's key: country code, actor code or name.
    pub key: String,
    /// A display name (one of the partner's names).
    pub name: String,
    /// Events between the actor and the partner, either direction.
    pub events: u64,
    /// Their mean Goldstein score.
    pub mean_goldstein: f64,
}

/// The length of a [`DyadPeriod`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// ISO weeks, named by their Monday.
    Week,
    /// Calendar months (`YYYY-MM`).
    Month,
}

/// The events of a dyad in one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DyadPeriod {
    /// The period: its Monday (`YYYY-MM-DD`) for weeks, `YYYY-MM` for months.
    pub period: String,
    /// Events by QuadClass 1-4.
    pub quad_classes: [u64; 4],
    /// All events.
    pub events: u64,
    /// Their mean Goldstein score.
    pub mean_goldstein: f64,
}

/// A story with its members and the documents they are stored as.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryPage {
    /// The story.
    pub story: Story,
    /// Each member's stored document hash, in member order (`None` when it is not stored).
    pub docs: Vec<Option<String>>,
}

impl Store {
    /// Opens an existing database for reading only: nothing is created or migrated, writes fail, and in WAL mode
    /// the connection reads the last committed state without ever blocking a running ingest. The schema must be
    /// the one this build writes.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(path, flags)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Pages are read through a memory map rather than copied into each connection's cache.
        conn.execute_batch("PRAGMA query_only = ON; PRAGMA cache_size = -65536; PRAGMA mmap_size = 4294967296;")?;
        let found: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let known = MIGRATIONS.len() as u32;
        if found > known {
            return Err(StoreError::TooNew { found, known });
        }
        if found < known {
            return Err(StoreError::Invalid(format!(
                "database schema version {found} is older than {known}: run `dyad ingest` on it to upgrade"
            )));
        }
        Ok(Store::from_connection(conn))
    }

    /// A handle that interrupts this connection's running statement from another thread.
    pub fn interrupt_handle(&self) -> Interrupt {
        Interrupt(self.conn().get_interrupt_handle())
    }

    /// One page of events matching `query`, in the order of [`Store::events`], and the cursor of the next page
    /// (`None` on the last page). The limit is the caller's to cap.
    pub fn events_page(&self, query: &EventQuery) -> Result<(Vec<EventRecord>, Option<EventCursor>)> {
        let mut args: Vec<String> = Vec::new();
        let mut sql = format!(
            "SELECT {EVENT_COLUMNS}, date_first FROM events WHERE 1 = 1{}",
            filter_sql(&query.filter, &mut args)
        );
        if let Some(q) = query.quad_class {
            args.push(q.to_string());
            sql += &format!(" AND quad_class = CAST(?{} AS INTEGER)", args.len());
        }
        let f = &query.flags;
        for (column, set) in f.named() {
            if set {
                sql += &format!(" AND {column} = 1");
            }
        }
        if let Some(text) = query.text.as_deref().map(fts_words).filter(|t| !t.is_empty()) {
            args.push(text);
            sql += &format!(
                " AND id IN (SELECT em.event FROM event_mentions em WHERE em.doc IN (SELECT a.doc FROM article_fts
                   JOIN articles a ON a.id = article_fts.rowid WHERE article_fts MATCH ?{}))",
                args.len()
            );
        }
        if let Some(after) = &query.after {
            args.push(after.id.clone());
            let id = args.len();
            match &after.date_first {
                Some(date) => {
                    args.push(date.clone());
                    let d = args.len();
                    sql += &format!(
                        " AND (date_first IS NULL OR date_first > ?{d} OR (date_first = ?{d} AND id > ?{id}))"
                    );
                }
                None => sql += &format!(" AND date_first IS NULL AND id > ?{id}"),
            }
        }
        let limit = query.limit;
        sql += &format!(" ORDER BY date_first IS NULL, date_first, id LIMIT {}", limit.saturating_add(1));
        let conn = self.conn();
        let mut stmt = conn.prepare(&sql)?;
        let mut rows = stmt.query(params_from_iter(args.iter()))?;
        let mut out = Vec::new();
        let mut next = None;
        while let Some(row) = rows.next()? {
            if out.len() == limit {
                next = out.last().map(|(e, d): &(EventRecord, Option<String>)| EventCursor {
                    date_first: d.clone(),
                    id: e.id.clone(),
                });
                break;
            }
            let date_first: Option<String> = row.get(32)?;
            out.push((event_from_row(conn, row)?, date_first));
        }
        Ok((out.into_iter().map(|(e, _)| e).collect(), next))
    }

    /// The partners of an actor (a code prefix or country, matched as [`EventFilter::actor`]), most events first,
    /// at most `limit`.
    pub fn partners(&self, actor: &str, limit: usize) -> Result<Vec<Partner>> {
        let key = |side: &str| format!("coalesce(nullif({side}_country, ''), nullif({side}_code, ''), {side}_name)");
        let sql = format!(
            "SELECT key, coalesce(max(CASE WHEN code = key THEN name END), max(name)), count(*), avg(goldstein) FROM (
               SELECT {} AS key, target_name AS name, target_code AS code, goldstein FROM events
               WHERE {} AND target_name IS NOT NULL
               UNION ALL SELECT {}, source_name, source_code, goldstein FROM events WHERE {})
             WHERE key IS NOT NULL AND key <> ?1 GROUP BY key ORDER BY count(*) DESC, key LIMIT ?2",
            key("target"),
            side_matches("source", 1),
            key("source"),
            side_matches("target", 1)
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt.query_map(params![actor, limit], |r| {
            Ok(Partner {
                key: r.get(0)?,
                name: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                events: r.get(2)?,
                mean_goldstein: r.get::<_, Option<f64>>(3)?.unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The dated events between A and B (either direction, matched as [`EventFilter::dyad`]) counted by period
    /// and QuadClass, oldest period first.
    pub fn dyad_periods(&self, a: &str, b: &str, period: Period) -> Result<Vec<DyadPeriod>> {
        let key = match period {
            Period::Month => "substr(date_first, 1, 7)",
            Period::Week => {
                "date(date_first, '-' || ((CAST(strftime('%w', date_first) AS INTEGER) + 6) % 7) || ' days')"
            }
        };
        let mut args = Vec::new();
        let filter = EventFilter { dyad: Some((a.to_string(), b.to_string())), ..EventFilter::default() };
        let sql = format!(
            "SELECT {key} AS p, sum(quad_class = 1), sum(quad_class = 2), sum(quad_class = 3), sum(quad_class = 4),
                    count(*), avg(goldstein)
             FROM events WHERE date_first IS NOT NULL{} GROUP BY p ORDER BY p",
            filter_sql(&filter, &mut args)
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(args.iter()), |r| {
            Ok(DyadPeriod {
                period: r.get(0)?,
                quad_classes: [r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?],
                events: r.get(5)?,
                mean_goldstein: r.get::<_, Option<f64>>(6)?.unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// One canonical actor with aliases and roles.
    pub fn actor(&self, id: &str) -> Result<Option<ActorRecord>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached("SELECT id, name, kind, code, country FROM actors WHERE id = ?1")?;
        let mut rows = stmt.query([id])?;
        match rows.next()? {
            Some(row) => Ok(Some(actor_from_row(conn, row)?)),
            None => Ok(None),
        }
    }

    /// Actors by id after `after`, at most `limit`, optionally only those whose id, name, code or an alias
    /// contains `q` (case-insensitive for ASCII).
    pub fn actors_page(&self, q: Option<&str>, after: Option<&str>, limit: usize) -> Result<Vec<ActorRecord>> {
        let conn = self.conn();
        let pattern = q.map(|q| format!("%{}%", q.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")));
        let mut stmt = conn.prepare_cached(
            "SELECT id, name, kind, code, country FROM actors a
             WHERE id > ?1 AND (?2 IS NULL OR id LIKE ?2 ESCAPE '\\' OR name LIKE ?2 ESCAPE '\\'
                   OR code LIKE ?2 ESCAPE '\\'
                   OR EXISTS (SELECT 1 FROM actor_aliases x WHERE x.actor = a.id AND x.alias LIKE ?2 ESCAPE '\\'))
             ORDER BY id LIMIT ?3",
        )?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut rows = stmt.query(params![after.unwrap_or(""), pattern, limit])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            out.push(actor_from_row(conn, row)?);
        }
        Ok(out)
    }

    /// The relations an actor takes part in (as either side), in the order stored.
    pub fn actor_relations(&self, actor: &str) -> Result<Vec<Relation>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {RELATION_COLUMNS} FROM relations WHERE a = ?1 OR b = ?1 ORDER BY id LIMIT 500"
        ))?;
        let rows = stmt.query_map([actor], relation_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Stories by id after `after`, at most `limit`, members in the order written.
    pub fn stories_page(&self, after: Option<&str>, limit: usize) -> Result<Vec<Story>> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare_cached("SELECT id, original_file, similarity FROM stories WHERE id > ?1 ORDER BY id LIMIT ?2")?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let ids = stmt
            .query_map(params![after.unwrap_or(""), limit], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, f64>(2)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut members = conn.prepare_cached("SELECT file FROM story_members WHERE story = ?1 ORDER BY ord")?;
        let mut out = Vec::new();
        for (id, original, similarity) in ids {
            let files = members.query_map([&id], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
            out.push(story_from_parts(id, files, original, similarity));
        }
        Ok(out)
    }

    /// One story with its members' documents.
    pub fn story(&self, id: &str) -> Result<Option<StoryPage>> {
        let conn = self.conn();
        let head = conn
            .query_row("SELECT original_file, similarity FROM stories WHERE id = ?1", [id], |r| {
                Ok((r.get::<_, Option<String>>(0)?, r.get::<_, f64>(1)?))
            })
            .optional()?;
        let Some((original, similarity)) = head else { return Ok(None) };
        let mut stmt = conn.prepare_cached("SELECT file, doc FROM story_members WHERE story = ?1 ORDER BY ord")?;
        let members = stmt
            .query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let (files, docs) = members.into_iter().unzip();
        Ok(Some(StoryPage { story: story_from_parts(id.to_string(), files, original, similarity), docs }))
    }

    /// The events a document reports (at most `limit`), in event order.
    pub fn document_events(&self, doc: &str, limit: usize) -> Result<Vec<EventRecord>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {EVENT_COLUMNS} FROM events WHERE id IN (SELECT event FROM event_mentions WHERE doc = ?1)
             ORDER BY date_first IS NULL, date_first, id LIMIT ?2"
        ))?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut rows = stmt.query(params![doc, limit])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            out.push(event_from_row(conn, row)?);
        }
        Ok(out)
    }
}

/// Plain words as an FTS5 query in which every word must occur and operators are words (see [`Store::search`]).
fn fts_words(words: &str) -> String {
    words.split_whitespace().map(|w| format!("\"{}\"", w.replace('"', "\"\""))).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_round_trips_and_rejects_garbage() {
        for c in [
            EventCursor { date_first: Some("2017-04-26".into()), id: "abc".into() },
            EventCursor { date_first: None, id: "abc".into() },
        ] {
            assert_eq!(EventCursor::decode(&c.encode()), Some(c));
        }
        for bad in ["", "abc", "2017-04-26~", "2017~x", "'; DROP~x"] {
            assert_eq!(EventCursor::decode(bad), None, "{bad}");
        }
    }
}
