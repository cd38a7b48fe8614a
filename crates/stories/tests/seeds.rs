//! The five seed pages: story clusters and year inference, with test stand-ins for the page and actors crates.
//!
//! Stand-ins (for this test only): the body is the page's lines of at least eight words (the page crate does this
//! properly), country aliases come from `tests/data/aliases_standin.tsv` (the actors crate does this properly), and
//! the outlets, known publication dates and 001's yearless date cue ("April 28", "on Friday") are given as the
//! page and time crates would report them.

use chrono::Weekday;
use dyad_core::DateValue;
use dyad_stories::calibration::StandInNormaliser;
use dyad_stories::{DocumentMeta, PartialDate, StoryConfig, StoryDocument, StoryIndex, agencies_in, infer_year};
use std::path::PathBuf;

fn seeds_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seeds"))
}

fn crude_body(page: &str) -> String {
    page.lines().filter(|l| l.split_whitespace().count() >= 8).collect::<Vec<_>>().join("\n")
}

#[test]
fn seed_stories_cluster_and_001_gets_its_year() {
    let dir = seeds_dir();
    if !dir.is_dir() {
        println!("skipping: {} not found", dir.display());
        return;
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert_eq!(files.len(), 5);
    let norm = StandInNormaliser::new().unwrap();
    let meta: [(Option<&str>, Option<&str>); 5] = [
        (Some("Xinhua"), Some("2017-04-28")),
        (None, None),
        (Some("Yonhap (via The Korea Herald)"), Some("2021-04-21")),
        (Some("MENAFN"), Some("2025-07-13")),
        (None, None),
    ];
    let mut index = StoryIndex::new(StoryConfig::default()).unwrap();
    let mut names = Vec::new();
    for (path, (outlet, date)) in files.iter().zip(meta) {
        let page = std::fs::read_to_string(path).unwrap();
        let body = crude_body(&page);
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        names.push(name.clone());
        let doc = StoryDocument {
            meta: DocumentMeta {
                id: name,
                outlet: outlet.map(str::to_string),
                published: date.map(|d| d.parse::<DateValue>().unwrap()),
                credits: agencies_in(&body).into_iter().map(str::to_string).collect(),
            },
            tokens: norm.normalise(&body),
        };
        index.add(&doc);
    }
    let clusters = index.clusters();
    assert_eq!(clusters.len(), 1, "{clusters:?}");
    let story = &clusters[0];
    let mut files_of: Vec<&str> = story.files.iter().map(String::as_str).collect();
    files_of.sort();
    assert_eq!(files_of, vec![names[0].as_str(), names[1].as_str()]);
    assert_eq!(story.original, names[0], "the credited wire report is the original");
    assert!(story.similarity >= f64::from(StoryConfig::default().threshold));
    println!("000/001 estimated similarity {}", story.similarity);
    for distinct in 2..5 {
        assert_ne!(index.story_of(distinct), index.story_of(0));
        assert_ne!(index.story_of(distinct), index.story_of(1));
    }

    // 001 says only "April 28" and "on Friday": its story gives the year.
    let cue = PartialDate { month: 4, day: 28, weekday: Some(Weekday::Fri) };
    let inferred = infer_year(cue, &index.story_dates(1)).expect("year from the story");
    assert_eq!(inferred.date.to_string(), "2017-04-28");
    // A page of another story lends nothing, and a wrong weekday cue is refused.
    assert_eq!(infer_year(cue, &index.story_dates(4)), None);
    let wrong = PartialDate { weekday: Some(Weekday::Sat), ..cue };
    assert_eq!(infer_year(wrong, &index.story_dates(1)), None);
    index.set_published(1, Some(inferred.date));
    assert_eq!(index.clusters()[0].original, names[0]);
}
