//! The update over databases written by older dyads.

use dyad_ingest::{Session, UpdateReport};
use dyad_pipeline::Coder;
use dyad_store::{EventFilter, Store};

/// A version 1 database has articles without a coding: the next update codes them, groups them and consolidates
/// their events, and a second update finds nothing to do.
#[test]
fn a_version_1_database_is_coded_again_by_the_next_update() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    let text = "Cuba and North Korea signed a trade agreement in Havana on Monday.";
    dyad_store::testing::version_1_database(&path, text).unwrap();
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
