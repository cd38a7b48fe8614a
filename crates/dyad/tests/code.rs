//! End-to-end tests of `dyad code`: sentence-level coding from arguments, stdin and JSON Lines, with per-line
//! errors. Needs no shared data.

mod common;

use common::{dyad, jsonl};
use serde_json::{Value, json};

const VISIT: &str = "The Indian prime minister visited Japan on Monday.";
const EXPEL: &str = "Poland expelled three Belarusian journalists on Friday.";

fn has_event(records: &[Value], input: &Value, code: &str, source: &str, target: &str) -> bool {
    records.iter().any(|r| {
        r["input"] == *input
            && r["code"] == code
            && r["source"]["country"] == source
            && r["target"]["country"] == target
    })
}

#[test]
fn each_line_is_coded_with_its_line_number() {
    let text = format!("{VISIT}\n\n{EXPEL}\n");
    let out = dyad().args(["code", "--date", "2024-05-15", &text]).assert().success().get_output().stdout.clone();
    let records = jsonl(&String::from_utf8(out).expect("UTF-8"));
    assert!(has_event(&records, &json!(1), "042", "IND", "JPN"), "{records:?}");
    assert!(has_event(&records, &json!(3), "174", "POL", "BLR"), "{records:?}");
    for r in &records {
        for key in dyad_core::EVENT_RECORD_FIELDS.iter().chain(&["input"]) {
            assert!(r.get(key).is_some(), "missing {key} in {r}");
        }
        assert_eq!(r["num_mentions"], 1, "one mention each, before consolidation");
        assert_eq!(r["mentions"].as_array().map(Vec::len), Some(1));
    }
    let visit = records.iter().find(|r| r["code"] == "042").expect("visit");
    assert_eq!(visit["date"]["value"], "2024-05-13", "Monday before 2024-05-15");
}

#[test]
fn stdin_is_read_and_the_same_event_on_two_lines_stays_two_records() {
    let out = dyad()
        .args(["code", "--date", "2024-05-15"])
        .write_stdin(format!("{EXPEL}\r\n{EXPEL}"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let records = jsonl(&String::from_utf8(out).expect("UTF-8"));
    assert!(has_event(&records, &json!(1), "174", "POL", "BLR"), "{records:?}");
    assert!(has_event(&records, &json!(2), "174", "POL", "BLR"), "no consolidation across lines: {records:?}");
}

#[test]
fn json_lines_carry_their_ids_and_bad_lines_are_reported_without_stopping() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("in.jsonl");
    let lines = [
        json!({"id": "a", "text": VISIT, "date": "2024-05-15"}).to_string(),
        "{\"id\": \"b\", \"text\": ".to_string(),
        json!({"id": "c", "date": "2024-05-15"}).to_string(),
        json!({"id": "d", "text": EXPEL, "date": "15/05/2024"}).to_string(),
        String::new(),
        json!({"id": 9, "text": EXPEL}).to_string(),
    ];
    std::fs::write(&path, lines.join("\n")).expect("write input");
    let assert = dyad().args(["code", "--date", "2024-05-15", "--jsonl"]).arg(&path).assert().failure();
    let output = assert.get_output();
    let records = jsonl(&String::from_utf8(output.stdout.clone()).expect("UTF-8"));
    let stderr = String::from_utf8(output.stderr.clone()).expect("UTF-8");
    assert!(has_event(&records, &json!("a"), "042", "IND", "JPN"), "{records:?}");
    assert!(has_event(&records, &json!(9), "174", "POL", "BLR"), "the run goes on after bad lines: {records:?}");
    assert_eq!(
        records.iter().filter(|r| r["input"] == "a").map(|r| r["date"]["value"].clone()).next(),
        Some(json!("2024-05-13"))
    );
    assert!(stderr.contains("in.jsonl:2: not JSON"), "{stderr}");
    assert!(stderr.contains("in.jsonl:3: missing \"text\""), "{stderr}");
    assert!(stderr.contains("in.jsonl:4: bad \"date\""), "{stderr}");
    assert!(stderr.contains("3 of 6 lines could not be coded"), "{stderr}");
}

#[test]
fn a_clean_json_lines_file_succeeds() {
    let out = dyad()
        .args(["code", "--jsonl", "-"])
        .write_stdin(json!({"id": "x", "text": EXPEL, "date": "2024-05-15"}).to_string())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let records = jsonl(&String::from_utf8(out).expect("UTF-8"));
    assert!(has_event(&records, &json!("x"), "174", "POL", "BLR"), "{records:?}");
}
