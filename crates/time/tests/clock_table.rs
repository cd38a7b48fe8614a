//! Clock times and parts of the day: sentences written for this test, each with the TimeML element its first
//! `TIME` value must be (as `dyad time --format timeml` prints it: a day and the clock time beside it are one
//! element), and sentences where nothing may be read as a clock time (scores, verses, ratios, prices, "9/11").
//! Anchor: Thursday 2013-03-14.

use chrono::NaiveDate;
use dyad_time::{Kind, TimeResolver, find, timexes};
use proptest::prelude::*;

const ANCHOR: (i32, u32, u32) = (2013, 3, 14);

/// (sentence, the first TIME element's text, its TIMEX3 value).
const READ: &[(&str, &str, &str)] = &[
    ("The talks began on Tuesday at 3 p.m. in Geneva.", "on Tuesday at 3 p.m.", "2013-03-12T15:00"),
    ("The vote opens at 15:00.", "at 15:00", "2013-03-14T15:00"),
    ("The minister arrived at 10:30 am.", "at 10:30 am", "2013-03-14T10:30"),
    ("The ceasefire took effect at noon.", "at noon", "2013-03-14T12:00"),
    ("The curfew starts at midnight.", "at midnight", "2013-03-14T00:00"),
    ("The blast happened at 3pm local time.", "at 3pm local time", "2013-03-14T15:00"),
    ("He will speak Tuesday at 9 a.m. in Brussels.", "Tuesday at 9 a.m.", "2013-03-19T09:00"),
    ("Police said the shooting happened this morning.", "this morning", "2013-03-14TMO"),
    ("Officials will meet tonight.", "tonight", "2013-03-14TNI"),
    ("The bulletin was filed at 08:57 GMT.", "at 08:57 GMT", "2013-03-14T08:57Z"),
    ("At 0800 UTC, six central banks cut rates.", "At 0800 UTC", "2013-03-14T08:00Z"),
    ("GM filed for bankruptcy at 12:00 UTC Monday.", "at 12:00 UTC Monday", "2013-03-11T12:00Z"),
    ("The index was down 2.6 % at 16:08 UTC.", "at 16:08 UTC", "2013-03-14T16:08Z"),
    ("Shots were heard late last night.", "last night", "2013-03-13TNI"),
    ("The plane landed at 6:40 p.m.", "at 6:40 p.m.", "2013-03-14T18:40"),
    ("The market opened at 9:30 a.m. on Friday.", "at 9:30 a.m. on Friday", "2013-03-08T09:30"),
    ("Markets closed Friday morning.", "Friday morning", "2013-03-08TMO"),
    ("Troops crossed the border yesterday afternoon.", "yesterday afternoon", "2013-03-13TAF"),
    ("The deadline expired at 5 p.m. Friday.", "at 5 p.m. Friday", "2013-03-08T17:00"),
    ("Voting ended at 8 o'clock in the evening.", "at 8 o'clock in the evening", "2013-03-14T20:00"),
    ("Polls closed at 7 PM.", "at 7 PM", "2013-03-14T19:00"),
    ("The strike began at 6am.", "at 6am", "2013-03-14T06:00"),
    ("The raid began at 3 in the morning.", "at 3 in the morning", "2013-03-14T03:00"),
    ("The summit opens at 11:00 on March 20.", "at 11:00 on March 20", "2013-03-20T11:00"),
    ("The quake struck at 02:15:30 GMT on Sunday.", "at 02:15:30 GMT on Sunday", "2013-03-10T02:15:30Z"),
    ("The statement came at a quarter past 3pm.", "a quarter past 3pm", "2013-03-14T15:15"),
    ("Trading was halted at 20 minutes past noon.", "20 minutes past noon", "2013-03-14T12:20"),
    ("The session ended at a quarter to midnight.", "a quarter to midnight", "2013-03-14T23:45"),
    ("The president spoke this afternoon at 3:20.", "this afternoon at 3:20", "2013-03-14T15:20"),
    ("Fighting resumed at 4 GMT.", "at 4 GMT", "2013-03-14T04:00Z"),
    ("The meeting began at 14:00 Moscow time.", "at 14:00 Moscow time", "2013-03-14T14:00"),
    ("The rocket lifted off at 9:15 p.m. EDT on Saturday.", "at 9:15 p.m. EDT on Saturday", "2013-03-09T21:15"),
    ("The verdict is due at 10 a.m. tomorrow.", "at 10 a.m. tomorrow", "2013-03-15T10:00"),
    ("He was arrested at 1:30 a.m. Wednesday.", "at 1:30 a.m. Wednesday", "2013-03-13T01:30"),
    ("Flights resumed at midday.", "at midday", "2013-03-14T12:00"),
    ("The ship sank at 23:40 on 12 March 2013.", "at 23:40 on 12 March 2013", "2013-03-12T23:40"),
    ("At 7:45 the first shells fell.", "At 7:45", "2013-03-14T07:45"),
    ("The polls open this evening.", "this evening", "2013-03-14TEV"),
    ("The envoys met Thursday night in Cairo.", "Thursday night", "2013-03-14TNI"),
    ("Talks resumed at 9 a.m. after the envoys met in Cairo on Monday.", "at 9 a.m.", "2013-03-11T09:00"),
];

/// Sentences in which nothing is a clock time.
const NOT_READ: &[&str] = &[
    "They won 3-1 on aggregate.",
    "John 3:16 was quoted by the preacher.",
    "The ratio fell to 3:10 last year.",
    "Shares cost 10.30 euros.",
    "The 9/11 attacks changed everything.",
    "He ran the marathon in 2:03:59.",
    "Psalm 23:4 was read aloud.",
    "The vote was 5-4.",
    "The score stood at 2:1 at half-time.",
    "Genesis 1:27 is often cited.",
    "Chapter 12, verses 1:10 to 1:20, were read.",
    "The dollar traded at 1:1.3 against the euro.",
    "The train left at 25:00.",
    "The morning papers reported the attack.",
    "Night fell over the city.",
    "Afternoon tea was served at the embassy.",
    "He won 6-3, 7:5 in the final.",
    "The motion passed 52:48 in the chamber.",
    "The match ended 12:10 in favour of the hosts.",
    "The parties split in the ratio 10:30.",
    "Section 3.15 of the law applies.",
    "Route 66 runs for 2,448 miles.",
    "I am 3 am-bitious.",
    "The PM said 3 ministers would resign.",
];

fn anchor() -> NaiveDate {
    NaiveDate::from_ymd_opt(ANCHOR.0, ANCHOR.1, ANCHOR.2).unwrap_or_default()
}

#[test]
fn at_least_forty_rows() {
    assert!(READ.len() + NOT_READ.len() >= 40, "{} rows", READ.len() + NOT_READ.len());
}

#[test]
fn clock_times_are_read() {
    let mut failures = Vec::new();
    for &(text, span, value) in READ {
        let found = find(text, anchor());
        let first = timexes(text, &found).into_iter().find(|t| t.kind == "TIME");
        let got = first.map(|t| (text[t.start..t.end].to_string(), t.value));
        if got.as_ref().map(|(s, v)| (s.as_str(), v.as_str())) != Some((span, value)) {
            failures.push(format!("{text:?}: want {span:?}={value}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} rows wrong:\n{}", failures.len(), READ.len(), failures.join("\n"));
}

#[test]
fn scores_verses_ratios_and_prices_are_not_clock_times() {
    for text in NOT_READ {
        let found = find(text, anchor());
        let times: Vec<String> = found.iter().filter(|e| e.time.is_some()).map(|e| e.timex.clone()).collect();
        assert!(times.is_empty(), "{text:?}: read {times:?}");
        assert!(timexes(text, &found).iter().all(|t| t.kind != "TIME"), "{text:?}");
    }
}

#[test]
fn a_clock_time_leaves_the_days_as_they_were() {
    // The day beside a clock time keeps its own expression, value and basis, and the clock time dates nothing.
    let with = "The talks began on Tuesday at 3 p.m. in Geneva.";
    let without = "The talks began on Tuesday in Geneva.";
    let dates = |text: &str| -> Vec<(String, String, String)> {
        find(text, anchor())
            .into_iter()
            .filter(|e| e.is_date())
            .map(|e| (e.span.slice(text).unwrap_or_default().to_string(), e.timex, e.basis))
            .collect()
    };
    assert_eq!(dates(with), dates(without));
    let found = find(with, anchor());
    let clock = found.iter().find(|e| e.kind == Kind::Time);
    assert!(clock.is_some_and(|c| !c.is_date() && c.time.as_deref() == Some("15:00")), "{found:?}");
    // A sentence with only a clock time sets no narrative date for the sentences after it.
    let mut doc = TimeResolver::new(anchor());
    doc.resolve_sentence("The minister arrived at 10:30 am.");
    assert_eq!(doc.narrative(), None);
}

#[test]
fn the_json_record_keeps_the_day_and_adds_the_time() {
    let text = "He spoke at 08:57 GMT.";
    let found = find(text, anchor());
    let json = found.first().map(|e| serde_json::to_string(&e.record(text)).unwrap_or_default()).unwrap_or_default();
    for want in [
        r#""value":"2013-03-14""#,
        r#""precision":"day""#,
        r#""kind":"time""#,
        r#""timex":"2013-03-14T08:57Z""#,
        r#""time":"08:57Z""#,
    ] {
        assert!(json.contains(want), "{want} not in {json}");
    }
    // A date without a clock time prints no "time" field.
    let text = "They met on Monday.";
    let rec = find(text, anchor()).first().map(|e| e.record(text));
    let json = serde_json::to_string(&rec).unwrap_or_default();
    assert!(!json.contains(r#""time""#), "{json}");
}

proptest! {
    #[test]
    fn clock_like_text_never_panics(
        h in 0u32..30, m in 0u32..70, s in 0u32..70, w in 0usize..9, z in 0usize..6, n in 0u32..70,
        days in 0i64..40000,
    ) {
        const WORDS: [&str; 9] = ["a.m.", "pm", "PM", "p.m", "o'clock", "in the afternoon", "at night", "", "a m"];
        const ZONES: [&str; 6] = ["GMT", "UTC+3", "local time", "Moscow time", "EST", ""];
        let text = format!(
            "At {h}:{m:02} {} {} on Monday, {h}{} and {n} minutes past {h}pm, a quarter to {h} {}, {h:02}{m:02} \
             {} at {h}:{m:02}:{s:02}.{n} this morning, last night, {n}:{h} and {h}:{m}:{s}:{n}.",
            WORDS[w], ZONES[z], WORDS[(w + 1) % 9], WORDS[(w + 2) % 9], ZONES[(z + 1) % 6]
        );
        let a = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap_or_default() + chrono::Duration::days(days);
        let found = find(&text, a);
        for e in &found {
            prop_assert!(e.span.slice(&text).is_some());
            if e.kind == Kind::Time {
                prop_assert!(e.time.is_some() && e.timex.contains('T'));
            }
        }
        for t in timexes(&text, &found) {
            prop_assert!(text.get(t.start..t.end).is_some());
        }
    }

    #[test]
    fn any_text_never_panics(text in "\\PC{0,60}") {
        let found = find(&text, anchor());
        let doc = dyad_time::to_timeml(&text, anchor(), &found);
        prop_assert!(doc.ends_with("</TimeML>\n"));
    }
}
