//! The pipelined pages stage over the bundled example pages: what it stores does not depend on the batch size,
//! and a second run over the same files stores nothing new.

use dyad_ingest::{Ingest, Options, inputs};
use dyad_store::Store;
use std::path::Path;

/// Ingests the example pages in batches of `batch` files into a new database; returns the consolidated events as
/// JSON Lines with the story ids, and what a second run over the same files did.
fn run(batch: usize) -> (Vec<String>, usize, dyad_ingest::PagesReport) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("pages.db");
    let examples = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/pages")).to_path_buf();
    let (files, skipped) = inputs::walk(&[examples]);
    assert!(skipped.is_empty(), "{skipped:?}");
    let options = Options { batch, ..Options::default() };
    let mut ingest = Ingest::new(Store::open(&db).unwrap(), Store::open(&db).unwrap(), false, None).unwrap();
    let first = ingest.pages(&files, &options, &()).unwrap();
    assert_eq!(first.added + first.skipped.len(), files.len(), "{first:?}");
    let update = ingest.update().unwrap();
    assert_eq!(update.pending, first.added);
    let events = ingest.store().events(&Default::default()).unwrap();
    let events = events.iter().map(|e| serde_json::to_string(e).unwrap()).collect();
    let again = ingest.pages(&files, &options, &()).unwrap();
    (events, first.added, again)
}

#[test]
fn the_batch_size_does_not_change_what_is_stored() {
    let (one, added, again) = run(1);
    let (many, _, _) = run(64);
    assert!(added > 10 && !one.is_empty(), "{added} pages, {} events", one.len());
    assert_eq!(one, many);
    assert_eq!((again.added, again.known), (0, again.seen), "a second run finds every page stored");
}
