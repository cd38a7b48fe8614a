//! Test support (feature `test-support`, and this crate's own tests): databases as older dyads wrote them, for the
//! tests of the code that upgrades and re-codes them.

use crate::Block;
use rusqlite::Connection;
use std::path::Path;

/// Writes at `path` a database of schema version 1 holding one document (`h1`, file `a.txt`) whose article, dated
/// 2017-04-28, is `text` in one block, with no coding; returns the connection, for more rows.
pub fn version_1_database(path: &Path, text: &str) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.execute_batch(include_str!("../migrations/0001_init.sql"))?;
    conn.pragma_update(None, "user_version", 1)?;
    conn.execute("INSERT INTO documents (hash, path, size, status) VALUES ('h1', 'a.txt', ?1, 'ok')", [text.len()])?;
    let body = serde_json::to_string(&[Block { text: text.into(), start: 0, end: text.len() }])
        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
    conn.execute(
        "INSERT INTO articles (doc, file, published_value, published_precision, published_first, language,
         body_json, captions_json, dropped_json, body_text) VALUES ('h1', 'a.txt', '2017-04-28', 'day',
         '2017-04-28', 'en', ?1, '[]', '[]', ?2)",
        rusqlite::params![body, text],
    )?;
    Ok(conn)
}
