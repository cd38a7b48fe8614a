use super::*;
use chrono::NaiveDate;
use dyad_core::{ByteRange, DateValue};

fn block(text: &str, start: usize) -> Block {
    Block { text: text.into(), start, end: start + text.len() }
}

fn article(file: &str, title: &str, body: &str) -> Article {
    Article {
        file: file.into(),
        format: PageFormat::Text,
        title: Some(title.into()),
        outlet: Some("Wire".into()),
        outlet_country: None,
        dateline: Some("Capital".into()),
        published: Some(Published {
            date: DateValue::day(2017, 4, 28).unwrap(),
            evidence: "April 28, 2017".into(),
            basis: "byline".into(),
        }),
        published_candidates: Vec::new(),
        body: vec![block(body, 100)],
        captions: vec![block("A caption about the harbour.", 10)],
        dropped: vec![Dropped { start: 0, end: 9, reason: DropReason::Navigation }],
        language: "en".into(),
    }
}

fn actor(id: &str, code: &str, country: &str, alias: &str, seen: &str) -> ActorRecord {
    ActorRecord {
        id: id.into(),
        name: alias.into(),
        kind: ActorKind::Country,
        code: code.into(),
        country: Some(country.into()),
        aliases: vec![alias.into()],
        roles: vec![RoleRecord {
            role: "envoy".into(),
            country: Some(country.into()),
            seen: Some(seen.parse().unwrap()),
            last_seen: None,
        }],
    }
}

/// A mention of `actor` whose text is `text`, at byte `start` of sentence 0.
fn page_mention(actor: &str, start: usize, text: &str) -> PageMention {
    PageMention {
        sentence: 0,
        start,
        end: start + text.len(),
        mention: dyad_actors::ActorMention {
            span: dyad_core::Span::new(text, 0, text.len()).unwrap(),
            text: text.into(),
            actor: actor.into(),
            name: actor.into(),
            kind: ActorKind::Country,
            code: "PRK".into(),
            country: Some("PRK".into()),
            sector: None,
            role: None,
            form: dyad_actors::MentionForm::Name,
        },
    }
}

fn parsed(file: &str, title: &str, body: &str) -> ParsedDocument {
    ParsedDocument {
        article: article(file, title, body),
        sentences: vec![PageSentence { index: 0, start: 100, end: 100 + body.len(), text: body.into() }],
        actors: vec![
            actor("a-prk", "PRKGOV", "PRK", "Pyongyang", "2017-04-28"),
            actor("a-cub", "CUB", "CUB", "Cuba", "2017-04-28"),
        ],
        mentions: vec![page_mention("a-prk", 100, "North")],
        relations: vec![Relation {
            kind: "ties".into(),
            a: "a-prk".into(),
            b: "a-cub".into(),
            as_of: Some("2017-04-28".into()),
            evidence: Mention {
                file: file.into(),
                sentence: 0,
                start: 100,
                end: 100 + body.len(),
                text: body.into(),
                doc: None,
                evidence: None,
            },
        }],
        coding: None,
    }
}

fn side(id: &str, name: &str, code: &str, country: &str) -> Party {
    Party { id: id.into(), name: name.into(), code: Some(code.into()), country: Some(country.into()) }
}

fn event(id: &str, code: &str, src: (&str, &str), tgt: (&str, &str), date: DateValue, file: &str) -> EventRecord {
    EventRecord {
        id: id.into(),
        code: code.into(),
        root: code[..2].into(),
        quad_class: 1,
        goldstein: 1.9,
        plover: Some("CONSULT".into()),
        source: side(&format!("a-{}", src.1), src.1, src.0, src.1),
        target: Some(side(&format!("a-{}", tgt.1), tgt.1, tgt.0, tgt.1)),
        date: Some(EventDate::from_value(date, "stated")),
        location: Some(Location { name: "Havana".into(), country: Some("CUB".into()) }),
        flags: Flags { reported: true, ..Default::default() },
        mentions: vec![Mention {
            file: file.into(),
            sentence: 0,
            start: 100,
            end: 140,
            text: "North Korea's envoy met Cuban officials\tin Havana.".into(),
            doc: None,
            evidence: ByteRange::new(100, 139),
        }],
        num_mentions: 1,
        num_sources: 1,
        num_articles: 1,
        story: Some("s1".into()),
        pattern: "meet".into(),
    }
}

fn day(y: i32, m: u32, d: u32) -> DateValue {
    DateValue::day(y, m, d).unwrap()
}

/// A store with two documents, a skipped one, three events and a story.
fn populated() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let d1 = DocumentRecord::new("seeds/a.txt", b"page one");
    let d2 = DocumentRecord::new("seeds/b.txt", b"page two");
    let d3 = DocumentRecord::new("seeds/c.bin", b"\0\0");
    store
        .transaction(|b| {
            b.add_document(&d1, &parsed("a.txt", "Envoy visits", "The envoy met officials in the harbour city."))?;
            b.add_document(&d2, &parsed("b.txt", "Talks resume", "Delegations resumed talks on sugar exports."))?;
            b.add_skipped(&d3, "binary")?;
            b.upsert_event(&event("e1", "042", ("PRKGOV", "PRK"), ("CUB", "CUB"), day(2017, 4, 27), "a.txt"))?;
            b.upsert_event(&event("e2", "036", ("CUB", "CUB"), ("PRKGOV", "PRK"), day(2018, 11, 5), "b.txt"))?;
            b.upsert_event(&event(
                "e3",
                "173",
                ("RUSGOV", "RUS"),
                ("UKR", "UKR"),
                DateValue::month(2018, 11).unwrap(),
                "b.txt",
            ))?;
            b.upsert_story(&Story {
                id: "s1".into(),
                files: vec!["a.txt".into(), "b.txt".into()],
                original: "a.txt".into(),
                similarity: 0.81,
            })?;
            Ok::<_, StoreError>(())
        })
        .unwrap();
    store
}

#[test]
fn migrates_an_empty_database_and_reopens_without_rerunning() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dyad.db");
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), 4);
    assert_eq!(store.counts().unwrap(), Counts::default());
    drop(store);
    // Reopening must not try to create the tables again.
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), 4);
    let mode: String = store.conn_for_tests().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = store.conn_for_tests().query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
    assert_eq!(fk, 1);
}

#[test]
fn a_version_2_database_gains_the_new_flags_as_false_and_no_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dyad.db");
    drop(Store::open(&path).unwrap());
    // Turn the fresh database back into what version 2 wrote.
    let conn = rusqlite::Connection::open(&path).unwrap();
    for (table, column) in [
        ("events", "hypothetical"),
        ("events", "attempted"),
        ("events", "alleged"),
        ("event_mentions", "evidence_start"),
        ("event_mentions", "evidence_end"),
    ] {
        conn.execute_batch(&format!("ALTER TABLE {table} DROP COLUMN {column}")).unwrap();
    }
    conn.pragma_update(None, "user_version", 2).unwrap();
    conn.execute_batch("INSERT INTO events (id, gdelt_id, code, root, quad_class, goldstein, source_id, source_name, num_mentions, num_sources, num_articles) \
         VALUES ('e1', 1, '042', '04', 1, 1.9, 'a', 'A', 0, 0, 0); \
         INSERT INTO event_mentions (event, ord, file, sentence, byte_start, byte_end, text) \
         VALUES ('e1', 0, 'a.txt', 0, 0, 5, 'Hello')")
        .unwrap();
    drop(conn);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), 4);
    let event = store.event("e1").unwrap().expect("the old row reads back");
    assert!(!event.flags.hypothetical && !event.flags.attempted && !event.flags.alleged);
    assert_eq!(event.mentions.len(), 1);
    assert!(event.mentions[0].evidence.is_none());
}

#[test]
fn refuses_a_database_from_a_newer_dyad() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dyad.db");
    drop(Store::open(&path).unwrap());
    rusqlite::Connection::open(&path).unwrap().pragma_update(None, "user_version", 99).unwrap();
    assert!(matches!(Store::open(&path), Err(StoreError::TooNew { found: 99, known: 4 })));
}

#[test]
fn double_insert_changes_nothing() {
    let mut store = populated();
    let before = store.counts().unwrap();
    assert_eq!(before.documents, 3);
    assert_eq!(before.articles, 2);
    assert_eq!(before.skipped.get("binary"), Some(&1));
    assert_eq!(before.events, 3);
    assert_eq!(before.actors, 2);
    assert_eq!(before.relations, 2);
    let d1 = DocumentRecord::new("elsewhere/a.txt", b"page one");
    let d3 = DocumentRecord::new("seeds/c.bin", b"\0\0");
    let (added, skipped) = store
        .transaction(|b| {
            let added = b.add_document(&d1, &parsed("a.txt", "Envoy visits", "Other text entirely."))?;
            let skipped = b.add_skipped(&d3, "binary")?;
            b.upsert_event(&event("e1", "042", ("PRKGOV", "PRK"), ("CUB", "CUB"), day(2017, 4, 27), "a.txt"))?;
            Ok::<_, StoreError>((added, skipped))
        })
        .unwrap();
    assert!(!added && !skipped);
    assert!(store.has_document(&d1.hash).unwrap());
    assert_eq!(store.counts().unwrap(), before);
    assert_eq!(store.search("entirely", 10).unwrap(), vec![]);
}

#[test]
fn a_failing_batch_rolls_back_everything() {
    let mut store = Store::open_in_memory().unwrap();
    let d1 = DocumentRecord::new("a.txt", b"one");
    let result = store.transaction(|b| {
        b.add_document(&d1, &parsed("a.txt", "T", "Some body text."))?;
        // A mention of an actor that was never written violates the foreign key and fails the batch midway.
        let bad = ParsedDocument {
            mentions: vec![page_mention("nobody", 0, "x")],
            actors: vec![],
            ..parsed("b.txt", "T", "Body.")
        };
        b.add_document(&DocumentRecord::new("b.txt", b"two"), &bad)?;
        Ok::<_, StoreError>(())
    });
    assert!(result.is_err());
    assert_eq!(store.counts().unwrap(), Counts::default());
    assert!(!store.has_document(&d1.hash).unwrap());
}

#[test]
fn a_dropped_batch_is_rolled_back() {
    let mut store = Store::open_in_memory().unwrap();
    let d1 = DocumentRecord::new("a.txt", b"one");
    {
        let batch = store.batch().unwrap();
        assert!(batch.add_skipped(&d1, "empty page").unwrap());
        assert!(batch.has_document(&d1.hash).unwrap());
    }
    assert!(!store.has_document(&d1.hash).unwrap());
}

#[test]
fn full_text_search_finds_words_in_body_title_and_captions() {
    let store = populated();
    let hits = store.search("harbour", 10).unwrap();
    assert_eq!(hits.len(), 2, "body of a.txt and the captions of both");
    let hits = store.search("sugar exports", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].file, "b.txt");
    assert!(hits[0].snippet.contains("[sugar]"), "{}", hits[0].snippet);
    assert_eq!(store.search("Envoy", 10).unwrap()[0].title.as_deref(), Some("Envoy visits"));
    assert!(store.search("zeppelin", 10).unwrap().is_empty());
    // FTS syntax characters in user input are words, not errors.
    assert!(store.search("\"AND (OR* -", 10).is_ok());
    assert_eq!(store.search_fts("suga*", 10).unwrap().len(), 1);
}

#[test]
fn event_filters() {
    let store = populated();
    let ids = |f: EventFilter| store.events(&f).unwrap().into_iter().map(|e| e.id).collect::<Vec<_>>();
    assert_eq!(ids(EventFilter::default()), ["e1", "e3", "e2"], "oldest first by first day");
    // The dyad in either order; country and code prefix both match.
    let dyad = |a: &str, b: &str| EventFilter { dyad: Some((a.into(), b.into())), ..Default::default() };
    assert_eq!(ids(dyad("PRK", "CUB")), ["e1", "e2"]);
    assert_eq!(ids(dyad("CUB", "PRK")), ["e1", "e2"]);
    assert_eq!(ids(dyad("PRKGOV", "CUB")), ["e1", "e2"]);
    assert_eq!(ids(dyad("PRKMIL", "CUB")), Vec::<String>::new());
    assert_eq!(ids(EventFilter { actor: Some("RUS".into()), ..Default::default() }), ["e3"]);
    // Dates compare on the event's first day; `to` includes its whole period.
    let range = |from: Option<DateValue>, to: Option<DateValue>| EventFilter { from, to, ..Default::default() };
    assert_eq!(ids(range(Some(DateValue::year(2018).unwrap()), None)), ["e3", "e2"]);
    assert_eq!(ids(range(None, Some(DateValue::year(2017).unwrap()))), ["e1"]);
    assert_eq!(ids(range(Some(day(2018, 11, 2)), Some(DateValue::month(2018, 11).unwrap()))), ["e2"]);
    assert_eq!(ids(EventFilter { root: Some("17".into()), ..Default::default() }), ["e3"]);
    assert_eq!(ids(EventFilter { root: Some("4".into()), ..Default::default() }), ["e1"]);
}

#[test]
fn events_round_trip_with_mentions_resolved_to_documents() {
    let store = populated();
    let stored = store.event("e1").unwrap().unwrap();
    let mut expected = event("e1", "042", ("PRKGOV", "PRK"), ("CUB", "CUB"), day(2017, 4, 27), "a.txt");
    expected.mentions[0].doc = Some(content_hash(b"page one"));
    assert_eq!(stored, expected);
    assert!(store.event("nope").unwrap().is_none());
}

#[test]
fn upserting_an_event_replaces_it_and_its_mentions() {
    let mut store = populated();
    let mut e = event("e1", "043", ("PRKGOV", "PRK"), ("CUB", "CUB"), day(2017, 4, 27), "a.txt");
    let second = Mention { file: "b.txt".into(), ..e.mentions[0].clone() };
    e.mentions.push(second);
    e.num_mentions = 2;
    store.transaction(|b| b.upsert_event(&e)).unwrap();
    let stored = store.event("e1").unwrap().unwrap();
    assert_eq!(stored.code, "043");
    assert_eq!(stored.mentions.len(), 2);
    assert_eq!(store.counts().unwrap().event_mentions, 4);
    store.transaction(|b| b.remove_event("e1")).unwrap();
    assert_eq!(store.counts().unwrap().event_mentions, 2);
}

#[test]
fn a_range_date_is_stored_as_the_period_that_holds_it() {
    let mut store = populated();
    let mut e = event("e9", "042", ("PRKGOV", "PRK"), ("CUB", "CUB"), day(2017, 4, 27), "a.txt");
    let (monday, friday) =
        (NaiveDate::from_ymd_opt(2017, 4, 24).unwrap(), NaiveDate::from_ymd_opt(2017, 4, 28).unwrap());
    e.date = Some(EventDate::from_range(dyad_core::DateRange::new(monday, friday).unwrap(), "this week"));
    e.source.code = None;
    e.pattern.clear();
    store.transaction(|b| b.upsert_event(&e)).unwrap();
    let stored = store.event("e9").unwrap().unwrap();
    let date = stored.date.clone().unwrap();
    assert_eq!((date.when.to_string().as_str(), date.precision()), ("2017-W17", dyad_core::Precision::Week));
    assert_eq!(date.basis, "this week (2017-04-24/2017-04-28)");
    // An unknown code is kept as "" and a missing pattern is not printed, as before the record types were one.
    assert_eq!(stored.source.code.as_deref(), Some(""));
    assert!(!serde_json::to_string(&stored).unwrap().contains("pattern"));
    let week = dyad_core::DateValue::week(2017, 17).unwrap();
    let filter = EventFilter { from: Some(week), to: Some(week), ..Default::default() };
    assert!(store.events(&filter).unwrap().iter().any(|e| e.id == "e9"));
}

#[test]
fn actors_merge_aliases_and_widen_roles() {
    let mut store = populated();
    let mut later = actor("a-prk", "PRKGOV", "PRK", "DPRK", "2018-11-05");
    later.aliases.push("Pyongyang".into());
    store.transaction(|b| b.upsert_actor(&later)).unwrap();
    let actors = store.actors().unwrap();
    let prk = actors.iter().find(|a| a.id == "a-prk").unwrap();
    assert_eq!(prk.aliases, ["Pyongyang", "DPRK"]);
    assert_eq!(prk.roles.len(), 1);
    assert_eq!(prk.roles[0].seen, NaiveDate::from_ymd_opt(2017, 4, 28));
    assert_eq!(prk.roles[0].last_seen, NaiveDate::from_ymd_opt(2018, 11, 5));
    assert_eq!(prk.name, "DPRK");
    // The record as `dyad actors` prints it (FORMATS.md), dates and kind as the text columns hold them.
    assert_eq!(
        serde_json::to_string(prk).unwrap(),
        r#"{"id":"a-prk","name":"DPRK","kind":"country","code":"PRKGOV","country":"PRK","aliases":["Pyongyang","DPRK"],"roles":[{"role":"envoy","country":"PRK","seen":"2017-04-28","last_seen":"2018-11-05"}]}"#
    );
}

#[test]
fn a_damaged_actor_row_is_an_error_not_a_panic() {
    let store = populated();
    store.conn().execute("UPDATE actors SET kind = 'planet' WHERE id = 'a-prk'", []).unwrap();
    assert!(matches!(store.actors(), Err(StoreError::Invalid(m)) if m.contains("planet")));
    store.conn().execute("UPDATE actors SET kind = 'country'", []).unwrap();
    store.conn().execute("UPDATE actor_roles SET first_seen = 'April'", []).unwrap();
    assert!(matches!(store.actor("a-prk"), Err(StoreError::Invalid(m)) if m.contains("April")));
}

#[test]
fn stories_articles_and_sentences_read_back() {
    let store = populated();
    let stories = store.stories().unwrap();
    assert_eq!(stories.len(), 1);
    assert_eq!(stories[0].files, ["a.txt", "b.txt"]);
    assert_eq!(stories[0].original, "a.txt");
    let hash = content_hash(b"page one");
    let a = store.article(&hash).unwrap().unwrap();
    assert_eq!(a, article("a.txt", "Envoy visits", "The envoy met officials in the harbour city."));
    assert_eq!(store.articles().unwrap().len(), 2);
    assert_eq!(store.sentences(&hash).unwrap().len(), 1);
    let doc = store.document(&hash).unwrap().unwrap();
    assert_eq!((doc.path.as_str(), doc.size, doc.status), ("seeds/a.txt", 8, DocumentStatus::Ok));
    assert!(doc.ingested_at.is_some());
    let rel = store.relations().unwrap();
    assert_eq!(rel.len(), 2);
    assert_eq!(rel[0].evidence.doc.as_deref(), Some(hash.as_str()));
}

#[test]
fn records_serialise_with_the_contract_fields() {
    let e = event("e1", "042", ("PRKGOV", "PRK"), ("CUB", "CUB"), day(2017, 4, 27), "a.txt");
    let v = serde_json::to_value(&e).unwrap();
    for key in dyad_core::EVENT_RECORD_FIELDS {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["date"]["value"], "2017-04-27");
    assert_eq!(v["date"]["precision"], "day");
    assert_eq!(v["source"]["code"], "PRKGOV");
    assert!(v["mentions"][0].get("doc").is_none());
    let back: EventRecord = serde_json::from_value(v).unwrap();
    assert_eq!(back, e);
    let a = serde_json::to_value(article("a.txt", "T", "B")).unwrap();
    assert_eq!(a["published"]["value"], "2017-04-28");
    assert_eq!(a["published"]["evidence"], "April 28, 2017");
    let mut out = Vec::new();
    write_events_jsonl([&e, &e], &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), 2);
    assert!(text.lines().all(|l| serde_json::from_str::<EventRecord>(l).is_ok()));
}

fn gdelt_context(store: &Store) -> GdeltContext {
    GdeltContext {
        date_added: NaiveDate::from_ymd_opt(2025, 1, 2).and_then(|d| d.and_hms_opt(3, 4, 5)),
        docs: store.gdelt_docs().unwrap(),
    }
}

#[test]
fn gdelt_events_have_61_columns_with_codes_in_place() {
    let store = populated();
    let events = store.events(&EventFilter::default()).unwrap();
    let mut out = Vec::new();
    write_gdelt_events(&events, &gdelt_context(&store), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), 3);
    assert!(lines.iter().all(|l| l.len() == GDELT_EVENT_COLUMNS), "every line has 61 columns");
    let e1 = &lines[0];
    // 1-based GDELT column numbers, minus one.
    assert_eq!(e1[0], gdelt_event_id("e1").to_string());
    assert_eq!((e1[1], e1[2], e1[3], e1[4]), ("20170427", "201704", "2017", "2017.3205"));
    assert_eq!((e1[5], e1[6], e1[7], e1[12]), ("PRKGOV", "PRK", "PRK", "GOV"));
    assert_eq!((e1[15], e1[17], e1[22]), ("CUB", "CUB", ""));
    assert_eq!((e1[25], e1[26], e1[27], e1[28], e1[29], e1[30]), ("1", "042", "042", "04", "1", "1.9"));
    assert_eq!((e1[31], e1[32], e1[33], e1[34]), ("1", "1", "1", ""));
    assert_eq!((e1[35], e1[43]), ("0", "0"), "no actor geography");
    assert_eq!((e1[51], e1[52], e1[53]), ("4", "Havana", "CUB"));
    assert_eq!(e1[59], "20250102030405");
    assert_eq!(e1[60], "seeds/a.txt");
    // A month-precision event is written on its first day.
    assert_eq!(lines[1][1], "20181101");
}

#[test]
fn gdelt_mentions_have_16_columns() {
    let store = populated();
    let events = store.events(&EventFilter::default()).unwrap();
    let mut out = Vec::new();
    write_gdelt_mentions(&events, &gdelt_context(&store), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), 3);
    assert!(lines.iter().all(|l| l.len() == GDELT_MENTION_COLUMNS));
    let m = &lines[0];
    assert_eq!(m[0], gdelt_event_id("e1").to_string());
    assert_eq!((m[1], m[2], m[3], m[4], m[5]), ("20250102030405", "20170428000000", "1", "Wire", "seeds/a.txt"));
    assert_eq!((m[6], m[9]), ("1", "100"));
    let body_and_caption = "The envoy met officials in the harbour city.\n\nA caption about the harbour.";
    assert_eq!(m[12], body_and_caption.chars().count().to_string());
}

/// The child half of `a_killed_process_loses_only_its_open_batch`: commits batch 1, writes batch 2 without
/// committing and aborts (no destructors run, as with SIGKILL). Does nothing unless the parent test started it.
#[test]
#[ignore = "run by a_killed_process_loses_only_its_open_batch"]
fn crash_child() {
    let Ok(path) = std::env::var("DYAD_STORE_CRASH_DB") else { return };
    let mut store = Store::open(&path).unwrap();
    store
        .transaction(|b| {
            b.add_document(&DocumentRecord::new("one.txt", b"batch one"), &parsed("one.txt", "One", "First batch."))
        })
        .unwrap();
    let batch = store.batch().unwrap();
    for i in 0..2000 {
        let body = format!("Second batch document number {i} with enough text to spill pages to the WAL file.");
        let doc = DocumentRecord::new(format!("two-{i}.txt"), body.as_bytes());
        batch.add_document(&doc, &parsed(&format!("two-{i}.txt"), "Two", &body)).unwrap();
    }
    std::process::abort();
}

#[test]
fn a_killed_process_loses_only_its_open_batch() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crash.db");
    let Ok(exe) = std::env::current_exe() else {
        println!("skipped: cannot locate the test binary");
        return;
    };
    let status = std::process::Command::new(exe)
        .args(["tests::crash_child", "--exact", "--ignored", "--nocapture", "--test-threads=1"])
        .env("DYAD_STORE_CRASH_DB", &path)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(!status.success(), "the child must die mid-batch");
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(status.signal(), Some(6), "killed by SIGABRT after writing batch 2, not by a failed assertion");
    }
    let store = Store::open(&path).unwrap();
    assert!(store.has_document(&content_hash(b"batch one")).unwrap());
    let counts = store.counts().unwrap();
    assert_eq!((counts.documents, counts.articles, counts.sentences), (1, 1, 1), "batch 1 complete, batch 2 absent");
    assert!(
        !store
            .has_document(&content_hash(
                b"Second batch document number 0 with enough text to spill pages to the WAL file."
            ))
            .unwrap()
    );
    assert_eq!(store.search("First", 10).unwrap().len(), 1);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn any_actor() -> impl Strategy<Value = Party> {
        ("[\\PC\\t\\n]{0,12}", "[A-Z]{3,9}", proptest::option::of("[A-Z]{3}"), "[a-z0-9-]{1,8}")
            .prop_map(|(name, code, country, id)| Party { id, name, code: Some(code), country })
    }

    fn any_event() -> impl Strategy<Value = EventRecord> {
        (
            "[a-z0-9]{1,12}",
            "[0-2][0-9]{1,3}",
            any_actor(),
            proptest::option::of(any_actor()),
            proptest::option::of((0i64..3_000_000, 0usize..5, "\\PC{0,20}")),
            proptest::option::of(("[\\PC\\t]{0,10}", proptest::option::of("[A-Z]{3}"))),
            (any::<[bool; 8]>(), -10.0f64..10.0, 1u8..5),
            proptest::collection::vec(("[a-z_0-9.]{1,10}", 0usize..50, 0usize..5000, "\\PC{0,40}"), 0..4),
        )
            .prop_map(|(id, code, source, target, date, location, (flags, goldstein, quad), mentions)| {
                let date = date.and_then(|(days, p, basis)| {
                    let d = NaiveDate::from_ymd_opt(1000, 1, 1)? + chrono::Duration::days(days);
                    let precision = [
                        dyad_core::Precision::Day,
                        dyad_core::Precision::Week,
                        dyad_core::Precision::Month,
                        dyad_core::Precision::Year,
                        dyad_core::Precision::Decade,
                    ][p];
                    Some(EventDate::from_value(DateValue::from_naive(d).ok()?.truncate(precision), basis))
                });
                EventRecord {
                    root: code[..2].to_string(),
                    id,
                    code,
                    quad_class: quad,
                    goldstein,
                    plover: None,
                    source,
                    target,
                    date,
                    location: location
                        .filter(|(n, c)| !n.is_empty() || c.is_some())
                        .map(|(name, country)| Location { name, country }),
                    flags: Flags {
                        negated: flags[0],
                        future: flags[1],
                        reported: flags[2],
                        symmetric: flags[3],
                        historical: flags[4],
                        hypothetical: flags[5],
                        attempted: flags[6],
                        alleged: flags[7],
                    },
                    num_mentions: mentions.len(),
                    mentions: mentions
                        .into_iter()
                        .map(|(file, sentence, start, text)| Mention {
                            file,
                            sentence,
                            start,
                            end: start + text.len(),
                            evidence: ByteRange::new(start, start + text.len() / 2),
                            text,
                            doc: None,
                        })
                        .collect(),
                    num_sources: 1,
                    num_articles: 1,
                    story: None,
                    pattern: String::new(),
                }
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn any_event_round_trips_through_the_store(e in any_event()) {
            let mut store = Store::open_in_memory().unwrap();
            store.transaction(|b| b.upsert_event(&e)).unwrap();
            let back = store.event(&e.id).unwrap().unwrap();
            prop_assert_eq!(back, e);
        }

        #[test]
        fn gdelt_lines_always_have_61_and_16_columns(e in any_event()) {
            let ctx = GdeltContext::default();
            let mut events = Vec::new();
            write_gdelt_events([&e], &ctx, &mut events).unwrap();
            let events = String::from_utf8(events).unwrap();
            prop_assert_eq!(events.lines().count(), 1);
            prop_assert_eq!(events.trim_end_matches('\n').split('\t').count(), GDELT_EVENT_COLUMNS);
            let mut mentions = Vec::new();
            write_gdelt_mentions([&e], &ctx, &mut mentions).unwrap();
            let mentions = String::from_utf8(mentions).unwrap();
            prop_assert_eq!(mentions.lines().count(), e.mentions.len());
            for line in mentions.lines() {
                prop_assert_eq!(line.split('\t').count(), GDELT_MENTION_COLUMNS);
            }
        }
    }
}

#[test]
fn a_version_1_database_keeps_its_articles_pending_and_uncoded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    let text = "Cuba and North Korea signed a trade agreement in Havana on Monday.";
    {
        let conn = crate::testing::version_1_database(&path, text).unwrap();
        conn.execute(
            "INSERT INTO sentences (doc, idx, byte_start, byte_end, text) VALUES ('h1', 0, 0, 66, ?1)",
            [text],
        )
        .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), 4);
    let pending: i64 = store.conn_for_tests().query_row("SELECT count(*) FROM pending", [], |r| r.get(0)).unwrap();
    assert_eq!(pending, 1, "a version 1 article has no coding and waits for the next update");
    assert_eq!(store.sentences("h1").unwrap().len(), 1, "sentences survive the table's rebuild");
    let uncoded = store.transaction(|b| b.uncoded()).unwrap();
    assert_eq!(uncoded, vec!["h1".to_string()], "it is coded again by the next update (see dyad-ingest's tests)");
}

/// Eight connections opening one new database at the same moment (as eight `dyad ingest` processes would): none
/// fails with "table already exists" or "database is locked", and the schema is current once.
#[test]
fn connections_opening_a_new_database_at_once_all_succeed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("race.db");
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(8));
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let (path, barrier) = (path.clone(), barrier.clone());
            std::thread::spawn(move || {
                barrier.wait();
                Store::open(&path).and_then(|s| s.schema_version())
            })
        })
        .collect();
    for t in threads {
        let version = t.join().expect("no panic").expect("opened");
        assert_eq!(version, Store::open(&path).and_then(|s| s.schema_version()).expect("reopen"));
    }
}

/// Writers on four connections, each storing the same 50 documents in small batches that read before they
/// write: no batch fails (no 517 "cannot promote read transaction": batches begin IMMEDIATE), and every
/// document is stored once.
#[test]
fn concurrent_writers_store_each_document_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("writers.db");
    Store::open(&path).expect("create");
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let path = path.clone();
            std::thread::spawn(move || -> Result<usize> {
                let mut store = Store::open(&path)?;
                let mut added = 0;
                for chunk in (0..50).collect::<Vec<usize>>().chunks(5) {
                    store.transaction(|b| -> Result<()> {
                        for &i in chunk {
                            let doc = DocumentRecord::new(format!("p{i}.txt"), format!("page {i}").as_bytes());
                            if !b.has_document(&doc.hash)? {
                                std::thread::sleep(std::time::Duration::from_millis(1 + t as u64));
                                added += usize::from(b.add_skipped(&doc, "test")?);
                            }
                        }
                        Ok(())
                    })?;
                }
                Ok(added)
            })
        })
        .collect();
    let added: usize = threads.into_iter().map(|t| t.join().expect("no panic").expect("no write failed")).sum();
    assert_eq!(added, 50);
    assert_eq!(Store::open(&path).and_then(|s| s.counts()).expect("counts").documents, 50);
}

/// The query plan of the event filter: every OR branch seeks one of migration 4's composite indexes, and the events
/// table is never scanned whole.
#[test]
fn event_filters_seek_the_composite_indexes() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("dyad.db")).unwrap();
    let day = |y| Some(DateValue::year(y).unwrap());
    let dyad = Some(("PRK".to_string(), "CUB".to_string()));
    for (filter, wanted) in [
        (
            EventFilter { dyad: dyad.clone(), from: day(2010), to: day(2020), ..Default::default() },
            "events_country_dyad",
        ),
        (EventFilter { dyad: dyad.clone(), ..Default::default() }, "MULTI-INDEX OR"),
        (
            EventFilter { actor: Some("USA".into()), from: day(2010), ..Default::default() },
            "events_target_country_date",
        ),
        (EventFilter { actor: Some("USA".into()), ..Default::default() }, "events_source_country_date"),
    ] {
        let mut args = Vec::new();
        let sql = format!(
            "EXPLAIN QUERY PLAN SELECT id FROM events WHERE 1 = 1{} ORDER BY date_first IS NULL, date_first, id",
            crate::store::filter_sql(&filter, &mut args)
        );
        let conn = store.conn_for_tests();
        let mut stmt = conn.prepare(&sql).unwrap();
        let plan: Vec<String> = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let plan = plan.join("\n");
        assert!(plan.contains(wanted), "{filter:?} does not use {wanted}:\n{plan}");
        assert!(!plan.lines().any(|l| l.trim() == "SCAN events"), "{filter:?} scans the table:\n{plan}");
    }
}

/// The OR-of-branches filter selects exactly what the plain "side matches" form selects, over a grid of sides
/// (codes, countries, prefixes, a code that is no country) and dates.
#[test]
fn branch_filter_matches_the_plain_form() {
    let mut store = Store::open_in_memory().unwrap();
    let sides =
        [("PRKGOV", "PRK"), ("PRK", "PRK"), ("CUB", "CUB"), ("CUBMIL", "CUB"), ("USA", "USA"), ("IGOUNO", "UNO")];
    store
        .transaction(|b| {
            let mut n = 0;
            for s in sides {
                for t in sides {
                    for y in [2009, 2015, 2021] {
                        n += 1;
                        b.upsert_event(&event(&format!("e{n:03}"), "042", s, t, day(y, 3, 1), "a.txt"))?;
                    }
                }
            }
            Ok::<_, StoreError>(())
        })
        .unwrap();
    let year = |y| Some(DateValue::year(y).unwrap());
    for (a, b) in [("PRK", "CUB"), ("CUB", "PRK"), ("PRKGOV", "CUB"), ("USA", "USA"), ("UNO", "PRK"), ("IGO", "CUB")] {
        for (from, to) in [(None, None), (year(2010), year(2020)), (year(2015), None), (None, year(2015))] {
            for filter in [
                EventFilter { dyad: Some((a.into(), b.into())), from, to, ..Default::default() },
                EventFilter { actor: Some(a.into()), from, to, ..Default::default() },
                EventFilter {
                    actor: Some(b.into()),
                    dyad: Some((a.into(), b.into())),
                    from,
                    to,
                    root: Some("4".into()),
                },
            ] {
                let got: Vec<String> = store.events(&filter).unwrap().into_iter().map(|e| e.id).collect();
                let mut args: Vec<String> = Vec::new();
                let mut sql = String::from("SELECT id FROM events WHERE 1 = 1");
                let mut arg = |v: String| {
                    args.push(v);
                    args.len()
                };
                if let Some(actor) = &filter.actor {
                    let n = arg(actor.clone());
                    sql += &format!(
                        " AND ({} OR {})",
                        crate::store::side_matches("source", n),
                        crate::store::side_matches("target", n)
                    );
                }
                if filter.dyad.is_some() {
                    let (na, nb) = (arg(a.into()), arg(b.into()));
                    sql += &format!(
                        " AND (({} AND {}) OR ({} AND {}))",
                        crate::store::side_matches("source", na),
                        crate::store::side_matches("target", nb),
                        crate::store::side_matches("source", nb),
                        crate::store::side_matches("target", na)
                    );
                }
                if let Some(f) = from {
                    sql += &format!(" AND date_first >= ?{}", arg(f.first_day().to_string()));
                }
                if let Some(t) = to {
                    sql += &format!(" AND date_first <= ?{}", arg(t.last_day().to_string()));
                }
                if filter.root.is_some() {
                    sql += &format!(" AND root = ?{}", arg("04".into()));
                }
                sql += " ORDER BY date_first IS NULL, date_first, id";
                let conn = store.conn_for_tests();
                let mut stmt = conn.prepare(&sql).unwrap();
                let want: Vec<String> = stmt
                    .query_map(rusqlite::params_from_iter(args.iter()), |r| r.get(0))
                    .unwrap()
                    .collect::<rusqlite::Result<_>>()
                    .unwrap();
                assert_eq!(got, want, "{filter:?}");
                assert!(filter.dyad.is_none() || a == "IGO" || from.is_some() || !want.is_empty(), "{filter:?}");
            }
        }
    }
}

/// A stored event of a bucket: document, place in the document, event id.
type Row = (String, usize, String);

/// Two documents with codings in two buckets: each bucket's events come back in ingest order, the same by one
/// scan or by a query per bucket, and only the buckets asked for.
#[test]
fn codings_come_back_by_bucket_in_ingest_order() {
    let mut store = Store::open_in_memory().unwrap();
    let coding = |events: &[(&str, &str)]| DocCoding {
        fingerprint: vec![1, 2, 3],
        credits: vec!["AP".into()],
        events: events
            .iter()
            .map(|(bucket, id)| BucketedEvent {
                bucket: bucket.to_string(),
                event: event(id, "042", ("PRKGOV", "PRK"), ("CUB", "CUB"), day(2017, 4, 27), "a.txt"),
            })
            .collect(),
    };
    let (d1, d2) = (DocumentRecord::new("a.txt", b"one"), DocumentRecord::new("b.txt", b"two"));
    store
        .transaction(|b| {
            let mut p1 = parsed("a.txt", "One", "First page.");
            p1.coding = Some(coding(&[("x", "e1"), ("y", "e2")]));
            let mut p2 = parsed("b.txt", "Two", "Second page.");
            p2.coding = Some(coding(&[("x", "e3")]));
            b.add_document(&d1, &p1)?;
            b.add_document(&d2, &p2)
        })
        .unwrap();
    let mut read = |scan: bool, buckets: &[&str]| {
        let buckets = buckets.iter().map(|b| b.to_string()).collect();
        let mut out: Vec<(String, Vec<Row>)> = Vec::new();
        store
            .transaction(|b| {
                b.for_each_bucket(&buckets, scan, |bucket, rows| {
                    out.push((bucket.into(), rows.into_iter().map(|r| (r.doc, r.ord, r.event.id)).collect()));
                    Ok::<_, StoreError>(())
                })
            })
            .unwrap();
        out
    };
    let x = vec![(d1.hash.clone(), 0, "e1".to_string()), (d2.hash.clone(), 0, "e3".to_string())];
    assert_eq!(read(true, &["x"]), vec![("x".to_string(), x.clone())]);
    assert_eq!(read(false, &["x", "y"]), read(true, &["x", "y"]));
    assert_eq!(read(false, &["x", "y"]).len(), 2);
    let pending = store.transaction(|b| b.pending()).unwrap();
    assert_eq!(pending.len(), 2, "both documents wait for the update");
    let fingerprinted = store.transaction(|b| b.fingerprinted()).unwrap();
    assert_eq!(fingerprinted.iter().map(|f| f.file.as_str()).collect::<Vec<_>>(), ["a.txt", "b.txt"]);
    assert_eq!(fingerprinted[0].fingerprint, vec![1, 2, 3]);
}

/// Replacing a bucket writes only the events that changed and removes the ones it no longer has.
#[test]
fn replacing_a_bucket_writes_only_what_changed() {
    let mut store = Store::open_in_memory().unwrap();
    let e1 = event("e1", "042", ("PRKGOV", "PRK"), ("CUB", "CUB"), day(2017, 4, 27), "a.txt");
    let e2 = event("e2", "042", ("PRKGOV", "PRK"), ("CUB", "CUB"), day(2017, 4, 28), "a.txt");
    let written = store.transaction(|b| b.replace_bucket("x", &[e1.clone(), e2.clone()])).unwrap();
    assert_eq!(written, 2);
    let mut changed = e2.clone();
    changed.num_mentions = 2;
    let written = store.transaction(|b| b.replace_bucket("x", &[e1.clone(), changed.clone()])).unwrap();
    assert_eq!(written, 1, "e1 is as stored");
    let written = store.transaction(|b| b.replace_bucket("x", std::slice::from_ref(&changed))).unwrap();
    assert_eq!(written, 0);
    assert_eq!(store.event("e1").unwrap(), None, "e1 left the bucket");
    assert_eq!(store.event("e2").unwrap().map(|e| e.num_mentions), Some(2));
}
