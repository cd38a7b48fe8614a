//! The update over databases written by older dyads.

use dyad_ingest::{Session, UpdateReport};
use dyad_pipeline::Coder;
use dyad_store::{Block, EventFilter, Store};

/// A version 1 database has articles without a coding: the next update codes them, groups them and consolidates
/// their events, and a second update finds nothing to do.
#[test]
fn a_version_1_database_is_coded_again_by_the_next_update() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    let text = "Cuba and North Korea signed a trade agreement in Havana on Monday.";
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("../../store/migrations/0001_init.sql")).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute("INSERT INTO documents (hash, path, size, status) VALUES ('h1', 'a.txt', 70, 'ok')", []).unwrap();
        let body = serde_json::to_string(&[Block { text: text.into(), start: 0, end: text.len() }]).unwrap();
        conn.execute(
            "INSERT INTO articles (doc, file, published_value, published_precision, published_first, language,
             body_json, captions_json, dropped_json, body_text) VALUES ('h1', 'a.txt', '2017-04-28', 'day',
             '2017-04-28', 'en', ?1, '[]', '[]', ?2)",
            rusqlite::params![body, text],
        )
        .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    let mut session = Session::with_coder(Coder::new());
    let report = session.update(&mut store).unwrap();
    assert_eq!((report.pending, report.recoded, report.stories), (1, 1, 1), "{report:?}");
    let events = store.events(&EventFilter { dyad: Some(("CUB".into(), "PRK".into())), ..Default::default() }).unwrap();
    assert!(!events.is_empty(), "the re-coded article's event is stored");
    assert_eq!(events[0].mentions[0].doc.as_deref(), Some("h1"));
    assert_eq!(store.stories().unwrap().len(), 1);
    let again = session.update(&mut store).unwrap();
    assert_eq!(again, UpdateReport::default(), "nothing is pending after an update");
}
