//! End to end on the five seed pages: page → text → time/actors → events → stories, scored against
//! `../shared/gold/seeds.json` by the gold README's rules. The pages go the production path of `dyad ingest`
//! (pages stage and update) into an in-memory database, and the records are read back from it.

use dyad_eval::{Gold, ScoredArticle, ScoredEvent, ScoredStory, score_documents, score_events};
use dyad_ingest::Session;
use dyad_pipeline::Coder;
use dyad_store::{DocumentRecord, Store};
use std::path::{Path, PathBuf};

/// `../shared` beside the repository, or the folder `DYAD_SHARED` names (e.g. from a worktree elsewhere).
fn shared() -> Option<PathBuf> {
    let dir = match std::env::var_os("DYAD_SHARED") {
        Some(d) => PathBuf::from(d),
        None => Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")).to_path_buf(),
    };
    if dir.join("gold/seeds.json").is_file() {
        Some(dir)
    } else {
        eprintln!("skipping: ../shared/gold/seeds.json not found");
        None
    }
}

fn to_json<T: serde::Serialize, U: serde::de::DeserializeOwned>(items: &[T]) -> Vec<U> {
    items.iter().map(|i| serde_json::from_value(serde_json::to_value(i).unwrap()).unwrap()).collect()
}

/// The default coder (roles from word order, then the dependency tree); `DYAD_SYNTAX_MODEL` names another
/// model file to try.
#[test]
fn seeds_against_gold() {
    seeds(tree_coder());
}

/// The same bar by word order alone (`--no-tree`).
#[test]
fn seeds_against_gold_by_word_order() {
    seeds(Coder::new().with_tree(false));
}

fn seeds(coder: Coder) {
    let Some(shared) = shared() else { return };
    let gold = Gold::parse(&std::fs::read_to_string(shared.join("gold/seeds.json")).unwrap()).unwrap();
    let mut files: Vec<_> = std::fs::read_dir(shared.join("seeds")).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let pages: Vec<_> = files.iter().map(|path| read(path)).collect();
    let store = ingest(coder, pages);
    let out_events = store.events(&Default::default()).unwrap();
    let events: Vec<ScoredEvent> = to_json(&out_events);
    let stories: Vec<ScoredStory> = to_json(&store.stories().unwrap());
    let articles: Vec<_> = store.articles().unwrap().into_iter().map(|(_, a)| a).collect();
    let articles: Vec<ScoredArticle> = to_json(&articles);
    let mut report = score_events(&gold, &events, &stories);
    report.documents = score_documents(&gold, &articles);
    println!("{report}");
    assert_eq!(report.required_total, 17, "the gold file's required events");
    for e in &out_events {
        println!("{}", serde_json::to_string(e).unwrap());
    }
    // The bar: every required event, precision of at least 95 %, no hard failure, and every document,
    // story and merge check.
    assert_eq!(report.required_matched, report.required_total, "missed required events: {:?}", report.missed);
    assert!(report.precision() >= 0.95, "precision {:.3}: {:?}", report.precision(), report.unmatched);
    assert!(report.must_not_violations.is_empty(), "{:?}", report.must_not_violations);
    let failed = |checks: Vec<String>| assert!(checks.is_empty(), "failed checks: {checks:?}");
    failed(
        report.documents.iter().filter(|c| !c.ok).map(|c| format!("{} {}: {}", c.file, c.check, c.detail)).collect(),
    );
    failed(report.story_checks.iter().filter(|c| !c.1).map(|c| c.0.clone()).collect());
    failed(report.merge_checks.iter().filter(|c| !c.1).map(|c| format!("{}: {}", c.0, c.2)).collect());
}

/// Seed 001 ("Pyongyang, April 28", no year) read alone dates itself through "the 105th birth anniversary of Kim
/// Il-sung" (born 1912): 2017-04-28, with the anniversary as its stated basis.
#[test]
fn seed_001_alone_is_dated_by_its_anniversary() {
    let Some(shared) = shared() else { return };
    let path = std::fs::read_dir(shared.join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("001_")))
        .expect("seed 001");
    let (doc, article) = read(&path);
    assert!(article.as_ref().unwrap().published.is_none(), "the page itself gives no year");
    let store = ingest(tree_coder(), vec![(doc, article)]);
    let articles = store.articles().unwrap();
    let published = articles[0].1.published.as_ref().expect("dated from its text");
    assert_eq!(published.date.first_day().to_string(), "2017-04-28");
    assert_eq!(published.basis, "anniversary");
    assert!(published.evidence.contains("105th birth anniversary"), "{}", published.evidence);
}

/// A seed page as the pages stage reads it: its document row and its article.
fn read(path: &Path) -> (DocumentRecord, Result<dyad_page::Article, String>) {
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    let bytes = std::fs::read(path).unwrap();
    let article = dyad_page::extract(&name, &bytes).expect("seed pages extract");
    (DocumentRecord::new(name, &bytes), Ok(article))
}

/// The pages through the corpus stage (one batch, then the update) into a database in memory.
fn ingest(coder: Coder, pages: Vec<(DocumentRecord, Result<dyad_page::Article, String>)>) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let (added, _) = Session::with_coder(coder).ingest(&mut store, pages, dyad_ingest::MAX_SENTENCES).unwrap();
    assert!(added > 0, "pages stored");
    store
}

/// A coder with the tree pass; `DYAD_SYNTAX_MODEL=FILE` parses with that model file instead of the embedded one
/// (to measure a model before it is committed), installed once before any test parses.
fn tree_coder() -> Coder {
    dyad_pipeline::use_syntax_model_from_env().unwrap_or_else(|e| panic!("{e}"));
    Coder::new()
}
