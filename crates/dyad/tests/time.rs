//! End-to-end tests of `dyad time`: the JSON records of FORMATS.md (a clock time adds a kind `time` record with
//! its day as `value` and an optional `time` field) and the TimeML document. Needs no shared data.

mod common;

use common::{dyad, jsonl};

const TEXT: &str = "The talks began on Tuesday at 3 p.m. and resumed at 08:57 GMT. They won 3-1.";

fn run(args: &[&str]) -> String {
    let out = dyad().args(args).assert().success().get_output().stdout.clone();
    String::from_utf8(out).expect("stdout is UTF-8")
}

#[test]
fn json_records_keep_the_documented_fields_and_add_the_clock_time() {
    let records = jsonl(&run(&["time", "--anchor", "2013-03-14", TEXT]));
    for r in &records {
        for key in ["text", "start", "end", "value", "precision", "basis"] {
            assert!(r.get(key).is_some(), "{key} missing in {r}");
        }
    }
    let day = records.iter().find(|r| r["text"] == "on Tuesday").expect("the day is a record of its own");
    assert_eq!((&day["value"], &day["precision"], &day["kind"]), (&"2013-03-12".into(), &"day".into(), &"date".into()));
    assert!(day.get("time").is_none(), "{day}");
    let clock = records.iter().find(|r| r["text"] == "at 3 p.m.").expect("the clock time is read");
    assert_eq!(
        (&clock["value"], &clock["kind"], &clock["time"]),
        (&"2013-03-12".into(), &"time".into(), &"15:00".into())
    );
    assert_eq!(clock["timex"], "2013-03-12T15:00");
    assert!(records.iter().any(|r| r["time"] == "08:57Z"), "{records:?}");
    assert!(!records.iter().any(|r| r["text"].as_str().is_some_and(|t| t.contains("3-1"))), "{records:?}");
}

#[test]
fn timeml_prints_the_day_and_its_clock_time_as_one_time_element() {
    let doc = run(&["time", "--anchor", "2013-03-14", "--format", "timeml", TEXT]);
    for want in [
        r#"<TIMEX3 tid="t1" type="TIME" value="2013-03-12T15:00" temporalFunction="true" anchorTimeID="t0">on Tuesday at 3 p.m.</TIMEX3>"#,
        r#"type="TIME" value="2013-03-12T08:57Z""#,
        "They won 3-1.</TEXT>",
    ] {
        assert!(doc.contains(want), "{want} not in {doc}");
    }
}
